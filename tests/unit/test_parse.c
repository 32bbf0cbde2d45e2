/*
 * test_parse.c — the document tree of the sample report and of every real report in
 * tests/data/real, and the parser's behaviour on hostile and very large input.
 *
 * What was checked by hand for the real reports (reading each file):
 *  - the top-level sections and their lines are those listed in REAL below; 上海市科委 2024
 *    numbers its six narrative chapters 一…六 and then starts again at 一 for the table
 *    chapters (and has no 四 there); 上海市政府办公厅 2025 has no 五;
 *  - 表二 (第二十条 (一)(五)(六)(八)) prints 10 numbers: 3 + 3 for 规章 and 行政规范性文件
 *    (上海市政府办公厅 2025: 22, 55 loose and 22 235 / 34 189 in rows), 1 行政许可,
 *    2 行政处罚/行政强制, 1 行政事业性收费;
 *  - 表三 prints 25 rows x 7 columns = 175 numbers (上海市科委 2024: the total of
 *    四、结转下年度继续办理 on line 178 is blank, and a "1" stands alone on line 172, the
 *    converter having pulled it out of its row: 175 numeric cells all the same);
 *  - 表四 prints 15 numbers (沭阳县 2025: three tables of 5).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nianbao.h"
#include "lines.h"
#include "parse.h"
#include "text.h"
#include "report.h"
#include "testutil.h"

static nb_report *open_data(const char *rel)
{
    const char *root = getenv("NB_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", root ? root : ".", rel);
    nb_error err;
    nb_report *r = nb_report_open(path, NULL, &err);
    if (!r) fail_msg("%s: %s", path, err.message);
    return r;
}

static const nb_row *find_row(const nb_table *t, const char *label)
{
    for (size_t i = 0; i < t->nrows; i++)
        if (t->rows[i].ncells && strcmp(t->rows[i].cells[0].text, label) == 0) return &t->rows[i];
    return NULL;
}

static void sample_report_tree(void **state)
{
    (void)state;
    nb_report *r = open_data("examples/guandu-2017.txt");
    const nb_doc *d = &r->doc;
    assert_string_equal(d->title, "官渡区环保局2017年政府信息公开年度报告");
    assert_string_equal(d->agency, "官渡区环保局");
    assert_int_equal(d->year, 2017);
    assert_int_equal(d->date_year, 2017);
    assert_int_equal(d->date_month, 12);
    assert_int_equal(d->date_day, 18);
    assert_int_equal(d->date_line, 29);

    const struct {
        int level;
        const char *marker, *title;
        size_t line;
    } want[] = {{1, "一、", "工作完成情况", 3},
                {2, "(一)", "从建章立制入手,加大政务公开力度", 4},
                {2, "(二)", "从畅通监督渠道入手,拓宽政务公开广度", 10},
                {1, "二、", "存在问题", 17},
                {1, "三、", "下步工作打算", 22}};
    size_t h = 0;
    for (size_t i = 0; i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        if (b->kind != NB_BLOCK_HEADING) continue;
        assert_true(h < 5);
        assert_int_equal(b->level, want[h].level);
        assert_string_equal(b->marker, want[h].marker);
        assert_string_equal(b->text, want[h].title);
        assert_int_equal(b->line_first, want[h].line);
        h++;
    }
    assert_int_equal(h, 5);

    assert_int_equal(d->ntables, 1);
    const nb_table *t = &d->tables[0];
    assert_int_equal(t->nrows, 66);
    size_t headers = 0, groups = 0, values = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const nb_row *row = &t->rows[i];
        assert_int_equal(row->ncells, 3);
        assert_int_equal(row->line, 34 + i);
        if (row->header)
            headers++;
        else if (row->cells[2].text[0] == '\0')
            groups++;
        else
            values++;
        if (!row->header && row->cells[2].text[0])
            assert_true(nb_numeral_is_figure(row->cells[2].text, strlen(row->cells[2].text)));
    }
    assert_int_equal(headers, 1);
    assert_int_equal(groups, 7);
    assert_int_equal(values, 58);
    /* every value of the sample's table, read off the file by hand: all 0 except these */
    const struct {
        const char *label, *value;
    } nonzero[] = {
        {"2.政府网站公开政府信息数", "155"},
        {"3.政务微博公开政府信息数", "200"},
        {"(一)政府信息公开工作专门机构数", "1"},
        {"(三)从事政府信息公开工作人员数", "3"},
        {"1.专职人员数(不包括政府公报及政府网站工作人员数)", "2"},
        {"2.兼职人员数", "1"},
        {"(四)政府信息公开专项经费(不包括用于政府公报编辑管理及政府网站建设维护等方面的经费)",
         "0.5"},
        {"(一)召开政府信息公开工作会议或专题会议数", "2"},
        {"(二)举办各类培训班数", "1"},
        {"(三)接受培训人员数", "50"},
    };
    size_t checked = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const nb_row *row = &t->rows[i];
        if (row->header || !row->cells[2].text[0]) continue;
        const char *expect = "0";
        for (size_t k = 0; k < sizeof nonzero / sizeof nonzero[0]; k++)
            if (strcmp(row->cells[0].text, nonzero[k].label) == 0) expect = nonzero[k].value;
        assert_string_equal(row->cells[2].text, expect);
        checked++;
    }
    assert_int_equal(checked, 58);
    const nb_row *web = find_row(t, "2.政府网站公开政府信息数");
    assert_non_null(web);
    assert_string_equal(web->cells[1].text, "条");
    assert_int_equal(web->line, 41);
    nb_report_free(r);
}

static const struct real_report {
    const char *file;
    const char *agency;
    int year;
    size_t nsections;
    struct {
        const char *marker, *title;
        size_t line;
    } sections[10];
    /* the lines of the sections that hold 表二, 表三 and 表四 */
    size_t table_sections[3];
} REAL[] = {
    {"tests/data/real/2024_huaian_layout.txt",
     "淮安市人民政府",
     2024,
     6,
     {{"一、", "总体情况", 11},
      {"二、", "主动公开政府信息情况", 65},
      {"三、", "收到和处理政府信息公开申请情况", 111},
      {"四、", "政府信息公开行政复议、行政诉讼情况", 202},
      {"五、", "存在的主要问题及改进情况", 225},
      {"六、", "其他需要报告的事项", 239}},
     {65, 111, 202}},
    {"tests/data/real/2024_huaian_raw.txt",
     "淮安市人民政府",
     2024,
     6,
     {{"一、", "总体情况", 10},
      {"二、", "主动公开政府信息情况", 63},
      {"三、", "收到和处理政府信息公开申请情况", 126},
      {"四、", "政府信息公开行政复议、行政诉讼情况", 578},
      {"五、", "存在的主要问题及改进情况", 670},
      {"六、", "其他需要报告的事项", 684}},
     {63, 126, 578}},
    {"tests/data/real/2024_shanghai_kewei.txt",
     "上海市科委",
     2024,
     10,
     {{"一、", "总体情况", 13},
      {"二、", "工作机制保障", 23},
      {"三、", "主动公开工作情况", 30},
      {"四、", "政府信息公开申请情况", 41},
      {"五、", "政府信息管理", 48},
      {"六、", "政府信息公开平台建设", 55},
      {"一、", "主动公开政府信息情况", 73},
      {"二、", "收到和处理政府信息公开申请情况", 91},
      {"三、", "政府信息公开行政复议、行政诉讼情况", 180},
      {"五、", "其他需要报告的事项", 205}},
     {73, 91, 180}},
    {"tests/data/real/2025_shanghai_bgt.txt",
     "上海市人民政府办公厅",
     2025,
     5,
     {{"一、", "总体情况", 15},
      {"二、", "主动公开政府信息情况", 77},
      {"三、", "收到和处理政府信息公开申请情况", 103},
      {"四、", "政府信息公开行政复议、行政诉讼情况", 171},
      {"六、", "其他需要报告的事项", 214}},
     {77, 103, 171}},
    {"tests/data/real/2025_shuyang_xian.txt",
     "沐阳县人民政府",
     2025,
     6,
     {{"一、", "总体情况", 8},
      {"二、", "主动公开政府信息情况", 53},
      {"三、", "收到和处理政府信息公开申请情况", 77},
      {"四、", "政府信息公开行政复议、行政诉讼情况", 158},
      {"五、", "政府信息公开工作存在的主要问题及改进情况", 175},
      {"六、", "其他需要报告的事项", 184}},
     {53, 77, 158}},
};

/* Numeric cells of the tables that lie in the top-level section starting at `line`. */
static size_t numeric_cells_in_section(const nb_doc *d, size_t line)
{
    size_t end = SIZE_MAX, n = 0;
    for (size_t i = 0; i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        if (b->kind == NB_BLOCK_HEADING && b->level == 1 && b->line_first > line) {
            end = b->line_first;
            break;
        }
    }
    for (size_t t = 0; t < d->ntables; t++) {
        const nb_table *tab = &d->tables[t];
        if (tab->line_first < line || tab->line_first >= end) continue;
        for (size_t r = 0; r < tab->nrows; r++)
            for (size_t c = 0; c < tab->rows[r].ncells; c++) {
                const char *s = tab->rows[r].cells[c].text;
                n += nb_numeral_is_figure(s, strlen(s));
            }
    }
    return n;
}

static void real_reports(void **state)
{
    (void)state;
    for (size_t f = 0; f < sizeof REAL / sizeof REAL[0]; f++) {
        const struct real_report *want = &REAL[f];
        nb_report *r = open_data(want->file);
        const nb_doc *d = &r->doc;
        if (strcmp(d->agency, want->agency) != 0) fail_msg("%s: agency %s", want->file, d->agency);
        assert_int_equal(d->year, want->year);
        size_t s = 0;
        for (size_t i = 0; i < d->nblocks; i++) {
            const nb_block *b = &d->blocks[i];
            if (b->kind != NB_BLOCK_HEADING || b->level != 1) continue;
            if (s >= want->nsections) fail_msg("%s: extra section %s", want->file, b->text);
            if (strcmp(b->marker, want->sections[s].marker) != 0 ||
                strcmp(b->text, want->sections[s].title) != 0 ||
                b->line_first != want->sections[s].line)
                fail_msg("%s: section %zu is %s%s at %zu", want->file, s, b->marker, b->text,
                         b->line_first);
            s++;
        }
        assert_int_equal(s, want->nsections);
        const size_t expect[3] = {10, 175, 15}; /* 表二, 表三, 表四 */
        for (int k = 0; k < 3; k++) {
            size_t got = numeric_cells_in_section(d, want->table_sections[k]);
            if (got != expect[k])
                fail_msg("%s: 表%s has %zu numeric cells, want %zu", want->file,
                         k == 0   ? "二"
                         : k == 1 ? "三"
                                  : "四",
                         got, expect[k]);
        }
        nb_report_free(r);
    }
}

/* Structural promises that hold for any input. */
static void check_invariants(const nb_report *r)
{
    const nb_doc *d = &r->doc;
    size_t nlines = nb_report_line_count(r);
    for (size_t i = 0; i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        assert_true(b->line_first >= 1 && b->line_first <= b->line_last);
        assert_true(b->line_last <= nlines);
        assert_true(b->parent < (long)i);
        assert_int_equal(strlen(b->text), b->len);
        for (size_t p = 0; p < b->npieces; p++) {
            assert_true(b->pieces[p].offset <= b->len);
            if (p) assert_true(b->pieces[p].line > b->pieces[p - 1].line);
        }
    }
    for (size_t t = 0; t < d->ntables; t++)
        for (size_t r2 = 0; r2 < d->tables[t].nrows; r2++) {
            const nb_row *row = &d->tables[t].rows[r2];
            for (size_t c = 0; c < row->ncells; c++)
                assert_true(row->cells[c].line >= 1 && row->cells[c].line <= nlines);
        }
}

/* Debris is what is certainly no report text; anything with a character of text stays text. */
static void debris_lines_are_only_markup_or_footers(void **state)
{
    (void)state;
    static const struct {
        const char *line;
        int debris;
    } cases[] = {
        {"- 1 -", NB_DEBRIS_FOOTER},
        {"                    -5-", NB_DEBRIS_FOOTER},
        {"— 3 —", NB_DEBRIS_FOOTER},
        {"第4页", NB_DEBRIS_FOOTER},
        {"第 5 页 共 7 页", NB_DEBRIS_FOOTER},
        {"<br>", NB_DEBRIS_MARKUP},
        {"<BR/>", NB_DEBRIS_MARKUP},
        {"&nbsp;&nbsp; &#160;", NB_DEBRIS_MARKUP},
        {"<!--[if !supportLists]--><!--[endif]-->", NB_DEBRIS_MARKUP},
        {"<span style=\"font-family:宋体\"></span><o:p></o:p>", NB_DEBRIS_MARKUP},
        {"**", NB_DEBRIS_MARKUP},
        {"###", NB_DEBRIS_MARKUP},
        {"* * *", NB_DEBRIS_MARKUP},
        /* text, or markup a page saved as served is known by */
        {"无。", NB_DEBRIS_NONE},
        {"正文", NB_DEBRIS_NONE}, /* a label only above the title (parse.c) */
        {"**注**", NB_DEBRIS_NONE},
        {"<br>注：本表单位为件", NB_DEBRIS_NONE},
        {"#1", NB_DEBRIS_NONE},
        {"*", NB_DEBRIS_NONE},
        {"#", NB_DEBRIS_NONE},
        {"<p>", NB_DEBRIS_NONE},
        {"<div>", NB_DEBRIS_NONE},
        {"<!DOCTYPE html>", NB_DEBRIS_NONE},
        {"<中华人民共和国政府信息公开条例>", NB_DEBRIS_NONE},
        {"&", NB_DEBRIS_NONE},
        {"&nbsp", NB_DEBRIS_NONE},
        {"R&D;", NB_DEBRIS_NONE},
        {"2024年1月20日", NB_DEBRIS_NONE},
        {"-1", NB_DEBRIS_NONE},
        {"第一页", NB_DEBRIS_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nb_line l;
        lines_classify(&l, cases[i].line, strlen(cases[i].line), 1, NULL);
        int got = l.kind == NB_LINE_FOOTER ? l.debris : NB_DEBRIS_NONE;
        if (got != cases[i].debris)
            fail_msg("%s: debris %d, want %d", cases[i].line, got, cases[i].debris);
    }
}

static void random_documents_never_break_the_parser(void **state)
{
    (void)state;
    static const char *const tokens[] = {
        "一、", "（一）", "(二)", "1.", "2、", "（1）", "一是", "十一、", "|", " | ", "|---|", "\t",
        "│", "├──┼──┤", "┌─┐", "  ", "   ", "123", "0", "4.5", "—", "——", "-1-", "— 3 —", "\f",
        "\n", "\n", "\n\n", "\r\n", "附件1", "2017年12月18日", "二〇一七年", "。", "，",
        "政府信息公开", "报告", "表二：", "第二十条", "统计表", "单位负责人:", "#", "## ", "x",
        "年", "(", ")", "（", "）", "总计", "三、", "本", "\xE3\x80\x80", "第3页",
        /* a run-together body (flat.c) */
        "\xE3\x80\x80\xE3\x80\x80", "情况", "信息内容", "本年", "申请人情况", "统 计 指 标", "单位",
        "表三：", "- 1 -", "计1条", "0000", "标题：", "==== 正文 ====", "政府信息公开情况统计表",
        /* debris (lines.c) */
        "<br>", "&nbsp;", "**", "###", "<!--[if !supportLists]-->", "正文", "<span>", "&#"};
    const size_t ntok = sizeof tokens / sizeof tokens[0];
    uint32_t seed = 12345;
    char *buf = malloc(1 << 16);
    for (int doc = 0; doc < 3000; doc++) {
        size_t len = 0;
        seed = seed * 1103515245u + 12345u;
        size_t count = (seed >> 16) % 400;
        for (size_t k = 0; k < count; k++) {
            seed = seed * 1103515245u + 12345u;
            const char *tok = tokens[(seed >> 16) % ntok];
            /* every third document on one line: a run-together body (flat.c) */
            if (doc % 3 == 0 && strchr(tok, '\n')) tok = "。";
            size_t tl = strlen(tok);
            memcpy(buf + len, tok, tl);
            len += tl;
        }
        nb_error err;
        nb_report *r = nb_report_from_bytes(buf, len, "random", NULL, &err);
        if (!r) fail_msg("document %d failed: %s", doc, err.message);
        check_invariants(r);
        nb_report_free(r);
    }
    /* bytes, decoded leniently */
    nb_options opt;
    nb_options_init(&opt);
    opt.lenient = true;
    opt.max_warnings = 10;
    for (int doc = 0; doc < 500; doc++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = (seed >> 16) % 2000;
        for (size_t k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            buf[k] = (char)(seed >> 24);
        }
        nb_error err;
        nb_report *r = nb_report_from_bytes(buf, len, "bytes", &opt, &err);
        if (r) {
            check_invariants(r);
            nb_report_free(r);
        } else {
            assert_int_equal(err.code, NB_ERR_DECODE); /* only a NUL byte stops lenient */
        }
    }
    free(buf);
}

/* Repeats `line` n times into a new buffer. */
static char *repeat(const char *line, size_t n, size_t *len)
{
    size_t l = strlen(line);
    char *buf = malloc(l * n + 1);
    for (size_t i = 0; i < n; i++) memcpy(buf + i * l, line, l);
    *len = l * n;
    buf[*len] = '\0';
    return buf;
}

static void large_inputs_parse_in_linear_time(void **state)
{
    (void)state;
    size_t len;
    nb_error err;
    /* a table of 10,000 rows */
    char *t = repeat("1.政府网站公开政府信息数 | 条 | 155 |\n", 10000, &len);
    nb_report *r = nb_report_from_bytes(t, len, "rows", NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->doc.ntables, 1);
    assert_int_equal(r->doc.tables[0].nrows, 10000);
    nb_report_free(r);
    free(t);
    /* 100,000 wrapped lines of one paragraph (each line long and unfinished) */
    char *p = repeat(
        "我局坚持以推动决策公开执行公开管理公开服务公开和结果公开不断加强政务公开规范化建设\n",
        100000, &len);
    r = nb_report_from_bytes(p, len, "wrapped", NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->doc.nblocks, 1);
    assert_int_equal(r->doc.blocks[0].npieces, 100000);
    nb_report_free(r);
    free(p);
    /* 10 MB in a single line */
    char *one = repeat("政务公开", 10 * 1024 * 1024 / 12, &len);
    r = nb_report_from_bytes(one, len, "oneline", NULL, &err);
    assert_non_null(r);
    assert_int_equal(nb_report_line_count(r), 1);
    nb_report_free(r);
    free(one);
    /* 20,000 headings, each one level deeper than the numbering allows */
    char *h = repeat("一、总体情况\n（一）主动公开\n1.平台建设\n（1）网站\n", 5000, &len);
    r = nb_report_from_bytes(h, len, "headings", NULL, &err);
    assert_non_null(r);
    check_invariants(r);
    nb_report_free(r);
    free(h);
    /* a box table whose one band never ends, and an aligned table of 20,000 rows */
    char *box = repeat("│标签文字│    │      │\n", 20000, &len);
    r = nb_report_from_bytes(box, len, "box", NULL, &err);
    assert_non_null(r);
    check_invariants(r);
    nb_report_free(r);
    free(box);
    char *al = repeat("  本   1.属于国家秘密     2     0     0\n", 20000, &len);
    r = nb_report_from_bytes(al, len, "aligned", NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->doc.tables[0].nrows, 20000);
    nb_report_free(r);
    free(al);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_report_tree),
        cmocka_unit_test(real_reports),
        cmocka_unit_test(debris_lines_are_only_markup_or_footers),
        cmocka_unit_test(random_documents_never_break_the_parser),
        cmocka_unit_test(large_inputs_parse_in_linear_time),
    };
    return cmocka_run_group_tests_name("parse", tests, NULL, NULL);
}
