/*
 * msg.c — the program's messages in Chinese, by their English format (the same conversions in
 * the same order: tests/cli/test_messages.sh checks that).
 */
#include "msg.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static bool zh;

void cli_set_zh(bool on)
{
    zh = on;
}

bool cli_zh(void)
{
    return zh;
}

const char *cli_lang(void)
{
    return zh ? "zh" : "en";
}

static const char *const MSG_ZH[][2] = {
    /* usage errors */
    {"unknown language '%s' (zh or en)", "没有“%s”这种语言（zh 或 en）"},
    {"unknown option '%s'", "没有“%s”这个选项"},
    {"unexpected argument '%s'", "多余的参数“%s”"},
    {"too many --include patterns (at most %s)", "--include 模式太多（最多 %s 个）"},
    {"option '%s' needs a value", "选项“%s”需要一个值"},
    {"option %s does not apply to this command", "选项 %s 不适用于这个命令"},
    {"invalid size '%s' for --max-line-length", "--max-line-length 的大小“%s”无效"},
    {"invalid size '%s' for --max-input-size", "--max-input-size 的大小“%s”无效"},
    {"invalid number of jobs '%s' (1 to 256)", "并行数“%s”无效（1 到 256）"},
    {"invalid number '%s' for --max-warnings", "--max-warnings 的数字“%s”无效"},
    {"invalid number '%s' for --max-table-rows", "--max-table-rows 的数字“%s”无效"},
    {"invalid number '%s' for --max-row-cells", "--max-row-cells 的数字“%s”无效"},
    {"invalid number '%s' for --max-headings", "--max-headings 的数字“%s”无效"},
    {"--max-input-size is at most 1G, not '%s'", "--max-input-size 最多为 1G，不能是“%s”"},
    {"--max-line-length is at most 1G (a line of one report), not '%s'",
     "--max-line-length 最多为 1G，不能是“%s”"},
    {"--max-pages takes a number from 1 to 32000, not '%s'",
     "--max-pages 取 1 到 32000 之间的数字，不能是“%s”"},
    {"--tables takes form or source, not '%s'", "--tables 取 form 或 source，不能是“%s”"},
    {"--color takes auto, always or never, not '%s'",
     "--color 取 auto、always 或 never，不能是“%s”"},
    {"unknown encoding '%s' (known: UTF-8, UTF-16LE, UTF-16BE, GB18030, GBK, GB2312, BIG5)",
     "没有“%s”这种编码（可用：UTF-8、UTF-16LE、UTF-16BE、GB18030、GBK、GB2312、BIG5）"},
    {"no input file (use - for stdin)", "没有输入文件（- 表示标准输入）"},
    {"give exactly one input file", "只能给一个输入文件"},
    {"reading standard input needs -o OUT.pdf (or -o -)",
     "读取标准输入时需要 -o 输出.pdf（或 -o -）"},
    {"no input (files or directories)", "没有输入（文件或目录）"},
    {"no output directory (-o OUTDIR)", "没有输出目录（-o 输出目录）"},
    {"too many --ignore rules (at most %s)", "--ignore 规则太多（最多 %s 条）"},
    {"--format xlsx needs -o FILE.xlsx", "--format xlsx 需要 -o 文件.xlsx"},
    {"%s: not a nianbao baseline (written by --write-baseline)",
     "%s：不是 nianbao 的复核基线（由 --write-baseline 写出）"},
    {"%s: finding %zu has no file or no fingerprint", "%s：第 %zu 条没有文件名或指纹"},
    {"out of memory", "内存不足"},
    {"nianbao check: %s", "nianbao check：%s"},
    {"nianbao check: %s: not checked against the year before: %s",
     "nianbao check：%s：未与上年报告逐年核对：%s"},
    {"nianbao check: note: %s is signed '%s', %s '%s': are they one agency's?",
     "nianbao check：提示：%s 署名“%s”，%s 署名“%s”：是同一机关吗？"},
    {"--previous names the year before's report of one input file",
     "--previous 只能为一个输入文件指定上年报告"},
    {"nianbao check: %s: cannot write the baseline: %s", "nianbao check：%s：无法写出复核基线：%s"},
    {"--format html takes one input file (convert writes a page for each)",
     "--format html 只能用于一个输入文件（convert 为每份报告各写一页）"},
    /* the program's other messages */
    {"%s:%zu:%zu: warning: %s, replaced with U+FFFD", "%s:%zu:%zu：警告：%s，已替换为 U+FFFD"},
    {"%s: warning: %zu more replacements not listed (--max-warnings)",
     "%s：警告：另有 %zu 处替换未列出（--max-warnings）"},
    {"%s: note: read as %s, but %s is nearly as likely (a short text); if the text looks wrong, "
     "use --encoding %s",
     "%s：提示：按 %s 读取，但也很可能是 %s（文本较短）；如果文字看起来不对，请用 --encoding %s"},
    {"%s:%zu: warning: %s", "%s:%zu：警告：%s"},
    {"nianbao %s: %s: refusing to overwrite an input", "nianbao %s：%s：拒绝覆盖输入文件"},
    {"nianbao pdf: %s: refusing to overwrite the input", "nianbao pdf：%s：拒绝覆盖输入文件"},
    {"%s: cannot write: %s", "%s：无法写入：%s"},
    {"nianbao: %s: cannot write the output: %s", "nianbao：%s：无法写出输出：%s"},
    {"standard output", "标准输出"},
    {"nianbao pdf: %s: cannot write: %s", "nianbao pdf：%s：无法写入：%s"},
    {"nianbao: cannot write to standard output: %s", "nianbao：无法写到标准输出：%s"},
    {"nianbao %s: SOURCE_DATE_EPOCH='%s' is not a time: give whole seconds since 1970-01-01 "
     "UTC, from 0 to 253402300799",
     "nianbao %s：SOURCE_DATE_EPOCH='%s' 不是时间：请给出自 1970-01-01 UTC 起的整秒数，0 到 "
     "253402300799"},
    {"nianbao convert: %zu files: %zu converted, %zu up to date, %zu failed; %zu with FAIL "
     "findings",
     "nianbao convert：%zu 个文件：转换 %zu 个，已是最新 %zu 个，失败 %zu 个；%zu "
     "个有不通过的核对"},
    {"nianbao %s: %s: deeper than 64 directories, not searched",
     "nianbao %s：%s：目录深于 64 层，未搜索"},
    {"nianbao %s: %s: a directory already searched (a link?), skipped",
     "nianbao %s：%s：已搜索过的目录（链接？），跳过"},
    {"nianbao %s: %s: %s", "nianbao %s：%s：%s"},
    {"nianbao %s: %s", "nianbao %s：%s"},
    {"nianbao %s: %s: cannot read the whole tree", "nianbao %s：%s：无法读完整个目录树"},
    {"nianbao %s: %s: no .txt file found in this directory",
     "nianbao %s：%s：这个目录中没有 .txt 文件"},
    {"\r[%.*s%*s] %zu/%zu files, %.1f files/s, %d:%02d left ",
     "\r[%.*s%*s] %zu/%zu 个文件，每秒 %.1f 个，还需 %d:%02d "},
    {"convert: %zu/%zu files (%zu failed, %zu up to date), %.1f files/s",
     "convert：%zu/%zu 个文件（失败 %zu 个，已是最新 %zu 个），每秒 %.1f 个"},
    {"nianbao convert: %s: %s", "nianbao convert：%s：%s"},
    {"nianbao convert: %s", "nianbao convert：%s"},
    {"nianbao convert: %s: cannot read the whole tree", "nianbao convert：%s：无法读完整个目录树"},
    {"nianbao convert: out of memory", "nianbao convert：内存不足"},
    {"nianbao convert: %s: cannot create: %s", "nianbao convert：%s：无法创建：%s"},
    {"nianbao convert: %s: another run is writing here; waiting for it",
     "nianbao convert：%s：另一次运行正在写这里，等它完成"},
};

const char *cli_msg(const char *en)
{
    for (size_t i = 0; zh && i < sizeof MSG_ZH / sizeof MSG_ZH[0]; i++)
        if (strcmp(MSG_ZH[i][0], en) == 0) return MSG_ZH[i][1];
    return en;
}

void cli_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(stderr, cli_msg(fmt), ap);
    va_end(ap);
    fputc('\n', stderr);
}
