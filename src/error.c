/*
 * error.c — filling and formatting nb_error values.
 *
 * Errors are values in nianbao: a stage fills an nb_error and returns a status; only the
 * command line turns one into a message on stderr and an exit code.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void nb_error_clear(nb_error *err)
{
    if (err) memset(err, 0, sizeof *err);
}

/* The library's messages in Chinese, by their English format: the same conversions in the
 * same order (tests/cli/test_messages.sh checks that, and that every format the library gives
 * nb_error_set is here). */
static const struct {
    const char *en, *zh;
} ZH[] = {
    {"out of memory", "内存不足"},
    {"out of memory typesetting", "排版时内存不足"},
    {"out of memory writing the PDF", "写 PDF 时内存不足"},
    {"out of memory while parsing", "解析时内存不足"},
    {"out of memory while parsing a table", "解析表格时内存不足"},
    {"out of memory while reading prose figures", "读取正文中的数字时内存不足"},
    {"out of memory subsetting a font", "生成字体子集时内存不足"},
    {"out of memory loading forms", "加载表式时内存不足"},
    {"out of memory laying out the document", "排版时内存不足"},
    {"out of memory while decoding", "解码时内存不足"},
    {"out of memory while choosing the form", "选择表式时内存不足"},
    {"out of memory while checking", "核对时内存不足"},
    {"the year before's report is missing or is this report", "缺少上年报告，或上年报告就是本报告"},
    {"out of memory while binding the tables", "读取统计表时内存不足"},
    {"out of memory reading the input", "读取输入时内存不足"},
    {"out of memory opening fonts", "打开字体时内存不足"},
    {"invalid form file: %s", "表式文件有误：%s"},
    {"invalid form file: %s: %s", "表式文件有误：%s：%s"},
    {"unknown format %d", "没有 %d 这种输出格式"},
    {"unknown form '%s' ('nianbao forms' lists the forms)",
     "没有“%s”这个表式（“nianbao forms”列出全部表式）"},
    {"form '%s' asked for, but no form files were found", "指定了表式“%s”，但找不到表式文件"},
    {"this system's iconv cannot convert from %s", "本系统的 iconv 不能转换 %s 编码"},
    {"invalid %s byte sequence %s at byte %zu", "无效的 %s 字节序列 %s（第 %zu 字节）"},
    {"NUL byte %s at byte %zu (binary data?)", "NUL 字节 %s（第 %zu 字节；是二进制数据吗？）"},
    {"NUL character %s at byte %zu (binary data?)", "NUL 字符 %s（第 %zu 字节；是二进制数据吗？）"},
    {"input is larger than the limit of %zu bytes (raise it with --max-input-size)",
     "输入超过 %zu 字节的上限（可用 --max-input-size 调高）"},
    {"line is %zu bytes long, more than the limit of %zu (raise it with --max-line-length)",
     "这一行长 %zu 字节，超过 %zu 字节的上限（可用 --max-line-length 调高）"},
    {"more than %zu headings, the limit (raise it with --max-headings)",
     "标题超过 %zu 个的上限（可用 --max-headings 调高）"},
    {"a table row of %zu cells, more than the limit of %zu (raise it with --max-row-cells)",
     "表格的一行有 %zu 个单元格，超过 %zu 个的上限（可用 --max-row-cells 调高）"},
    {"the table that starts here has more than %zu rows, the limit (raise it with "
     "--max-table-rows)",
     "从这里开始的表格超过 %zu 行的上限（可用 --max-table-rows 调高）"},
    {"the PDF would need more than %d pages, the most nianbao typesets",
     "PDF 需要超过 %d 页，这是 nianbao 排版的最多页数"},
    {"the PDF would need more pages than the limit of %zu (raise it with --max-pages, up to %d)",
     "PDF 需要的页数超过 %zu 页的上限（可用 --max-pages 调高，最多 %d）"},
    {"the PDF was written out of order", "PDF 的写入次序出错"},
    {"read error: %s", "读取出错：%s"},
    {"cannot open: %s", "无法打开：%s"},
    {"is a directory, not a report file", "是目录，不是报告文件"},
    {"not a TrueType font that can be opened (--font-heading)",
     "不是可以打开的 TrueType 字体（--font-heading）"},
    {"not a TrueType font that can be opened (--font-body)",
     "不是可以打开的 TrueType 字体（--font-body）"},
    {"no document to typeset", "没有要排版的文档"},
    {"a block or table handed to the typesetter was not valid", "交给排版的段落或表格无效"},
    {"cannot write the output", "无法写出输出"},
    {"cannot write the PDF: it came out incomplete (a full disk?)",
     "无法写出 PDF：文件不完整（磁盘满了？）"},
    {"cannot write the PDF: %s", "无法写出 PDF：%s"},
    {"cannot write here: %s", "无法在这里写入：%s"},
    {"cannot put the PDF in place: %s", "无法把 PDF 放到目标位置：%s"},
    {"cannot subset this font", "无法生成这个字体的子集"},
    {"cannot read the sRGB profile", "无法读取 sRGB 色彩配置文件"},
    {"cannot open the sRGB profile (Debian package icc-profiles-free)",
     "无法打开 sRGB 色彩配置文件（Debian 软件包 icc-profiles-free）"},
    {"cannot open the forms directory (set NIANBAO_FORMS or use --forms DIR)",
     "无法打开表式目录（设置 NIANBAO_FORMS 或使用 --forms DIR）"},
    {"cannot open the default font (set NIANBAO_FONTS to the fonts directory)",
     "无法打开默认字体（把 NIANBAO_FONTS 设为字体目录）"},
    {"no font can draw U+%04X %s; it is drawn as 〓", "没有字体能显示 U+%04X %s，以〓代替"},
    {"no font can draw U+%04X %s (above U+FFFF, which a page's fonts cannot hold); it is drawn "
     "as 〓",
     "没有字体能显示 U+%04X %s（超出 U+FFFF，页面的字体容纳不了），以〓代替"},
};

const char *nb_message_zh(const char *fmt)
{
    for (size_t i = 0; fmt && i < sizeof ZH / sizeof ZH[0]; i++)
        if (strcmp(ZH[i].en, fmt) == 0) return ZH[i].zh;
    return NULL;
}

size_t nb_message_catalogue(size_t i, const char **en, const char **zh)
{
    if (i >= sizeof ZH / sizeof ZH[0]) return 0;
    *en = ZH[i].en;
    *zh = ZH[i].zh;
    return sizeof ZH / sizeof ZH[0];
}

static void vformat_both(char *en, size_t en_size, char *zh, size_t zh_size, const char *fmt,
                         va_list ap)
{
    va_list again;
    va_copy(again, ap);
    vsnprintf(en, en_size, fmt, ap);
    const char *z = nb_message_zh(fmt);
    if (z)
        vsnprintf(zh, zh_size, z, again);
    else if (zh_size)
        zh[0] = '\0';
    va_end(again);
}

void nb_message_format(char *en, size_t en_size, char *zh, size_t zh_size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vformat_both(en, en_size, zh, zh_size, fmt, ap);
    va_end(ap);
}

void nb_error_set(nb_error *err, nb_code code, const char *file, size_t line, size_t column,
                  const char *fmt, ...)
{
    if (!err) return;
    memset(err, 0, sizeof *err);
    err->code = code;
    err->line = line;
    err->column = column;
    if (file) snprintf(err->file, sizeof err->file, "%s", file);
    va_list ap;
    va_start(ap, fmt);
    vformat_both(err->message, sizeof err->message, err->message_zh, sizeof err->message_zh, fmt,
                 ap);
    va_end(ap);
}

const char *nb_error_message(const nb_error *err, const char *lang)
{
    if (!err) return "";
    return lang && strcmp(lang, "zh") == 0 && err->message_zh[0] ? err->message_zh : err->message;
}

const char *nb_error_format(const nb_error *err, char *buf, size_t size)
{
    return nb_error_format_lang(err, NULL, buf, size);
}

const char *nb_error_format_lang(const nb_error *err, const char *lang, char *buf, size_t size)
{
    if (size == 0) return buf;
    buf[0] = '\0';
    if (!err) return buf;
    size_t n = 0;
    if (err->file[0]) {
        if (err->line && err->column)
            n = (size_t)snprintf(buf, size, "%s:%zu:%zu: ", err->file, err->line, err->column);
        else if (err->line)
            n = (size_t)snprintf(buf, size, "%s:%zu: ", err->file, err->line);
        else
            n = (size_t)snprintf(buf, size, "%s: ", err->file);
    }
    if (n < size) snprintf(buf + n, size - n, "%s", nb_error_message(err, lang));
    return buf;
}
