/*
 * test_layout.c — layout with a fake font (full-width characters 1 em, ASCII half an em,
 * everything covered but U+4E28 丨 and code points above U+FFFF): the 禁则 rules on random
 * paragraphs, justification to the measure, the GB/T 9704 grid, page numbers, tables.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "layout.h"
#include "utf8.h"

static double fake_advance(void *ctx, nb_face face, uint32_t cp, double size)
{
    (void)ctx;
    (void)face;
    return cp < 0x80 ? size / 2 : size;
}

static bool fake_covers(void *ctx, nb_face face, uint32_t cp)
{
    (void)ctx;
    (void)face;
    return cp != 0x4E28 && cp <= 0xFFFF;
}

static const nb_metrics FAKE = {NULL, fake_advance, fake_covers};

static uint32_t first_cp(const char *s, size_t len)
{
    size_t adv;
    int32_t c = nb_utf8_decode((const unsigned char *)s, len, &adv);
    return c < 0 ? 0 : (uint32_t)c;
}

static uint32_t last_cp(const char *s, size_t len)
{
    size_t k = len;
    while (k > 0 && ((unsigned char)s[k - 1] & 0xC0) == 0x80) k--;
    return k > 0 ? first_cp(s + k - 1, len - k + 1) : 0;
}

static bool in(uint32_t cp, const char *set)
{
    size_t adv;
    for (size_t i = 0; set[i]; i += adv)
        if ((uint32_t)nb_utf8_decode((const unsigned char *)set + i, strlen(set + i), &adv) == cp)
            return true;
    return false;
}

static const char CLOSING[] = "，。、；：？！）》」』】〕〗”’%‰℃·…,.;:?!)]";
static const char OPENING[] = "（《「『【〔〖“‘([";

static char *random_paragraph(uint32_t *seed, size_t *len)
{
    static const char *const pieces[] = {
        "政",    "府",   "信",  "息", "公", "开", "工", "作", "年",  "度",   "报", "告",
        "，",    "。",   "、",  "；", "：", "（", "）", "《", "》",  "“",    "”",  "2017",
        "12369", "98条", "155", "…",  "——", ",",  "(",  ")",  "abc", "100%", "！", "？"};
    char *buf = malloc(4096);
    size_t n = 0, count = 20 + (*seed >> 16) % 200;
    for (size_t i = 0; i < count; i++) {
        *seed = *seed * 1103515245u + 12345u;
        const char *p = pieces[(*seed >> 16) % (sizeof pieces / sizeof pieces[0])];
        size_t l = strlen(p);
        memcpy(buf + n, p, l);
        n += l;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void no_forbidden_line_starts_or_ends(void **state)
{
    (void)state;
    uint32_t seed = 2024;
    size_t lines_checked = 0;
    for (int round = 0; round < 2000; round++) {
        size_t len, starts[512];
        char *p = random_paragraph(&seed, &len);
        size_t n = layout_break_lines(p, &FAKE, NB_FACE_BODY, 16, LAY_BLOCK_W, 32, starts, 512);
        for (size_t i = 0; i < n; i++) {
            size_t s = starts[i], e = i + 1 < n ? starts[i + 1] : len;
            assert_true(e > s);
            if (i > 0 && in(first_cp(p + s, e - s), CLOSING))
                fail_msg("line starts with a closing mark: '%.*s'", (int)(e - s), p + s);
            if (i + 1 < n && in(last_cp(p + s, e - s), OPENING))
                fail_msg("line ends with an opening mark: '%.*s'", (int)(e - s), p + s);
            /* digit runs stay whole */
            if (i > 0 && nb_utf8_is_digit(first_cp(p + s, e - s)) &&
                nb_utf8_is_digit(last_cp(p + starts[i - 1], s - starts[i - 1])))
                fail_msg("a number was split: '%.*s|%.*s'", (int)(s - starts[i - 1]),
                         p + starts[i - 1], (int)(e - s), p + s);
            lines_checked++;
        }
        free(p);
    }
    print_message("# %zu lines of random paragraphs checked\n", lines_checked);
    /* 98条 stays together when the line allows */
    size_t starts[8];
    const char *t = "政政政政政政政政政政政政政政政政政政政政政政政政政政98条信息";
    size_t n = layout_break_lines(t, &FAKE, NB_FACE_BODY, 16, LAY_BLOCK_W, 0, starts, 8);
    assert_int_equal(n, 2);
    assert_memory_equal(t + starts[1], "98条", strlen("98条"));
}

/* Lays out one block list and returns the pageset (free with layout_free). */
static nb_pageset lay(const lay_block *b, size_t n, lay_warnings *w)
{
    nb_pageset ps;
    nb_error err;
    assert_int_equal(layout_document(b, n, &FAKE, 0, NULL, NULL, &ps, w, &err), 0);
    return ps;
}

static double run_width(const nb_text_run *r)
{
    double w = 0;
    size_t adv, k = 0;
    for (size_t i = 0; i < r->len; i += adv, k++) {
        nb_utf8_decode((const unsigned char *)r->utf8 + i, r->len - i, &adv);
        w += r->advances_pt ? r->advances_pt[k] : r->size_pt;
    }
    return w;
}

static void full_lines_fill_the_measure(void **state)
{
    (void)state;
    uint32_t seed = 77;
    lay_block blocks[40];
    char *texts[40];
    for (int i = 0; i < 40; i++) {
        size_t len;
        texts[i] = random_paragraph(&seed, &len);
        blocks[i] = (lay_block){.kind = LAY_PARAGRAPH, .text = texts[i], .line = (size_t)i + 1};
    }
    lay_warnings w;
    nb_pageset ps = lay(blocks, 40, &w);
    size_t full = 0;
    for (size_t p = 0; p < ps.npages; p++) {
        const nb_page *pg = &ps.pages[p];
        for (size_t i = 0; i + 1 < pg->nruns; i++) {
            const nb_text_run *r = &pg->runs[i], *next = &pg->runs[i + 1];
            if (r->artifact || next->artifact) continue;
            /* a run followed by a run of the same paragraph is a full line */
            double end = r->x_pt + run_width(r), right = LAY_LEFT + LAY_BLOCK_W;
            bool continued = next->x_pt < LAY_LEFT + 1 && r->y_pt > next->y_pt;
            if (!continued) continue;
            if (end > right + 0.5 || end < right - 0.5)
                fail_msg("a full line ends at %.2f, the measure at %.2f: '%.*s'", end, right,
                         (int)r->len, r->utf8);
            full++;
        }
    }
    assert_true(full > 100);
    layout_free(&ps);
    free(w.items);
    for (int i = 0; i < 40; i++) free(texts[i]);
}

static void grid_page_numbers_and_faces(void **state)
{
    (void)state;
    /* pure Han text: 28 characters a line (the 28 x 22 grid), 22 lines a page */
    char text[3 * 28 * 22 * 3 + 1];
    size_t n = 0;
    for (int i = 0; i < 28 * 22 * 3; i++) memcpy(text + n, "政", 3), n += 3;
    text[n] = '\0';
    lay_block b[] = {
        {.kind = LAY_TITLE, .text = "某局2017年政府信息公开年度报告", .line = 1},
        {.kind = LAY_HEADING, .level = 1, .marker = "一、", .text = "总体情况", .line = 2},
        {.kind = LAY_HEADING, .level = 2, .marker = "（一）", .text = "主动公开", .line = 3},
        {.kind = LAY_PARAGRAPH, .text = text, .line = 4},
        {.kind = LAY_ATTACHMENT_LABEL, .text = "附件1", .line = 5},
        {.kind = LAY_PARAGRAPH, .text = "丨字与𠀀字。", .line = 6}};
    lay_warnings w;
    nb_pageset ps = lay(b, sizeof b / sizeof b[0], &w);
    assert_true(ps.npages >= 4);
    size_t full28 = 0, lines_p2 = 0;
    for (size_t i = 0; i < ps.pages[1].nruns; i++) {
        const nb_text_run *r = &ps.pages[1].runs[i];
        if (r->artifact) continue;
        lines_p2++;
        if (nb_utf8_length(r->utf8, r->len) == 28) full28++;
    }
    assert_int_equal(lines_p2, LAY_LINES);
    assert_int_equal(full28, LAY_LINES);
    /* page numbers: "— N —", odd pages on the right, even pages on the left */
    for (size_t p = 0; p < ps.npages; p++) {
        const nb_page *pg = &ps.pages[p];
        const nb_text_run *num = NULL;
        for (size_t i = 0; i < pg->nruns; i++)
            if (pg->runs[i].artifact) num = &pg->runs[i];
        assert_non_null(num);
        char want[32];
        snprintf(want, sizeof want, "— %zu —", p + 1);
        assert_int_equal(num->len, strlen(want));
        assert_memory_equal(num->utf8, want, num->len);
        assert_true(num->size_pt == 14.0);
        double center = num->x_pt + run_width(num) / 2;
        if ((p + 1) % 2)
            assert_true(center > LAY_LEFT + LAY_BLOCK_W / 2);
        else
            assert_true(center < LAY_LEFT + LAY_BLOCK_W / 2);
        assert_true(num->y_pt < LAY_PAGE_H - LAY_TOP - LAY_BLOCK_H - 7 * LAY_MM);
    }
    /* faces: title 22 pt, 一、 in Hei, （一） in Kai; 附件1 starts a page at its top left */
    const nb_page *p1 = &ps.pages[0];
    assert_true(p1->runs[0].size_pt == 22.0);
    assert_int_equal(p1->runs[1].face, NB_FACE_HEI);
    assert_int_equal(p1->runs[2].face, NB_FACE_KAI);
    const nb_page *last = &ps.pages[ps.npages - 1];
    assert_memory_equal(last->runs[0].utf8, "附件1", strlen("附件1"));
    assert_true(last->runs[0].x_pt < LAY_LEFT + 1);
    /* uncoverable characters: drawn as 〓, reported with their line */
    assert_int_equal(w.n, 2);
    assert_int_equal(w.items[0].line, 6);
    assert_int_equal(w.items[0].cp, 0x4E28);
    assert_int_equal(w.items[1].cp, 0x20000);
    layout_free(&ps);
    free(w.items);
}

static void long_and_wide_tables(void **state)
{
    (void)state;
    enum { ROWS = 120, COLS = 16 };
    lay_cell *cells = calloc(ROWS * COLS, sizeof *cells);
    for (int r = 0; r < ROWS; r++)
        for (int c = 0; c < COLS; c++)
            cells[r * COLS + c] = (lay_cell){r == 0   ? "结果维持"
                                             : c == 0 ? "本年新收政府信息公开申请数量"
                                                      : "3119",
                                             r > 0 && c > 0, (size_t)r + 1, 0, 0};
    lay_table t = {ROWS, COLS, 1, cells, false};
    lay_block b[] = {{.kind = LAY_TABLE, .table = &t, .line = 1}};
    lay_warnings w;
    nb_pageset ps = lay(b, 1, &w);
    assert_true(ps.npages >= 3);
    for (size_t p = 0; p < ps.npages; p++) {
        const nb_page *pg = &ps.pages[p];
        size_t headers = 0;
        for (size_t i = 0; i < pg->nruns; i++) {
            const nb_text_run *r = &pg->runs[i];
            /* within the page's text block, left to right */
            assert_true(r->x_pt >= LAY_LEFT - 0.01);
            assert_true(r->x_pt + run_width(r) <= LAY_LEFT + LAY_BLOCK_W + 0.01);
            if (!r->artifact || r->size_pt == 14.0) continue;
            headers++;
        }
        if (p > 0) assert_true(headers >= COLS - 1); /* the header row, again */
    }
    layout_free(&ps);
    free(w.items);
    free(cells);
}

/* A header cell spanning columns (申请人情况 over the seven columns of 表三, 法人或其他组织 over
 * five): set once, centred over them, on one line (it is wider than one column), with no rule
 * between the columns it covers; the numbers under it right-aligned in their own columns. */
static void header_cells_span_columns(void **state)
{
    (void)state;
    enum { ROWS = 3, COLS = 8 };
    lay_cell cells[ROWS * COLS] = {0};
    const char *labels[COLS] = {
        "", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};
    for (int r = 0; r < ROWS; r++)
        for (int c = 0; c < COLS; c++) cells[r * COLS + c] = (lay_cell){"", false, 1, 0, 0};
    cells[0 * COLS + 1] = (lay_cell){"申请人情况", false, 1, 7, 0};
    cells[1 * COLS + 2] = (lay_cell){"法人或其他组织", false, 1, 5, 0};
    for (int c = 0; c < COLS; c++) cells[2 * COLS + c].text = labels[c];
    lay_cell data[COLS];
    for (int c = 0; c < COLS; c++)
        data[c] = (lay_cell){c ? "3119" : "一、本年新收", c > 0, 2, 0, 0};
    lay_cell all[(ROWS + 1) * COLS];
    memcpy(all, cells, sizeof cells);
    memcpy(all + ROWS * COLS, data, sizeof data);
    lay_table t = {ROWS + 1, COLS, ROWS, all, false};
    lay_block b[] = {{.kind = LAY_TABLE, .table = &t, .line = 1}};
    lay_warnings w;
    nb_pageset ps = lay(b, 1, &w);
    const nb_page *pg = &ps.pages[0];
    const nb_text_run *whole = NULL, *org = NULL, *natural = NULL, *total = NULL;
    for (size_t i = 0; i < pg->nruns; i++) {
        const nb_text_run *r = &pg->runs[i];
        if (r->len == strlen("申请人情况") && !memcmp(r->utf8, "申请人情况", r->len)) whole = r;
        if (r->len == strlen("法人或其他组织") && !memcmp(r->utf8, "法人或其他组织", r->len))
            org = r;
        if (r->len == strlen("自然人") && !memcmp(r->utf8, "自然人", r->len)) natural = r;
        if (r->len == strlen("总计") && !memcmp(r->utf8, "总计", r->len)) total = r;
    }
    /* each on one line: found whole */
    assert_non_null(whole);
    assert_non_null(org);
    assert_non_null(natural);
    assert_non_null(total);
    /* 申请人情况 centred between 自然人's left and 总计's right */
    double left = natural->x_pt, right = total->x_pt + run_width(total);
    double mid = whole->x_pt + run_width(whole) / 2;
    assert_true(mid > left && mid < right);
    assert_true(whole->x_pt > natural->x_pt + run_width(natural));
    /* no vertical rule crosses the first header row inside the span */
    size_t inside = 0;
    for (size_t i = 0; i < pg->nrules; i++) {
        const nb_rule *ru = &pg->rules[i];
        bool vertical = ru->x1_pt == ru->x2_pt;
        bool in_row = ru->y1_pt > whole->y_pt && ru->y2_pt < whole->y_pt;
        if (vertical && in_row && ru->x1_pt > left + 1 && ru->x1_pt < right - 1) inside++;
    }
    assert_int_equal(inside, 0);
    layout_free(&ps);
    free(w.items);
}

/* A run of page p whose text is s, or NULL. */
static const nb_text_run *run_of(const nb_page *pg, const char *s)
{
    for (size_t i = 0; i < pg->nruns; i++)
        if (pg->runs[i].len == strlen(s) && !memcmp(pg->runs[i].utf8, s, pg->runs[i].len))
            return &pg->runs[i];
    return NULL;
}

/* Header cells spanning rows (表三: 自然人 and 总计 beside 法人或其他组织 and the five columns
 * under it; the corner over both header rows): each set once, on the baseline of a row it spans,
 * no rule across it; the rows under the header as usual.
 * And a table without labels (表四: fifteen values under 行政复议 and 行政诉讼's two headings)
 * shares the measure among its value columns. */
static void header_cells_span_rows(void **state)
{
    (void)state;
    enum { COLS = 5 };
    lay_cell cells[3 * COLS] = {0};
    for (int i = 0; i < 3 * COLS; i++) cells[i] = (lay_cell){"", false, 1, 0, 0};
    cells[0] = (lay_cell){"项目", false, 1, 0, 2};
    cells[1] = (lay_cell){"自然人", false, 1, 0, 2};
    cells[2] = (lay_cell){"法人或其他组织", false, 1, 2, 0};
    cells[4] = (lay_cell){"总计", false, 1, 0, 2};
    cells[COLS + 2] = (lay_cell){"商业企业", false, 1, 0, 0};
    cells[COLS + 3] = (lay_cell){"科研机构", false, 1, 0, 0};
    const char *row[COLS] = {"一、本年新收", "3001", "53", "0", "3119"};
    for (int c = 0; c < COLS; c++) cells[2 * COLS + c] = (lay_cell){row[c], c > 0, 2, 0, 0};
    lay_table t = {3, COLS, 2, cells, false};
    lay_block b[] = {{.kind = LAY_TABLE, .table = &t, .line = 1}};
    lay_warnings w;
    nb_pageset ps = lay(b, 1, &w);
    const nb_page *pg = &ps.pages[0];
    const nb_text_run *natural = run_of(pg, "自然人"), *org = run_of(pg, "法人或其他组织"),
                      *firm = run_of(pg, "商业企业"), *total = run_of(pg, "总计"),
                      *corner = run_of(pg, "项目"), *value = run_of(pg, "3001");
    assert_non_null(natural);
    assert_non_null(org);
    assert_non_null(firm);
    assert_non_null(total);
    assert_non_null(corner);
    assert_non_null(value);
    /* 自然人 and 总计 on the baseline of the lower of the two header rows they span (the line of
     * 商业企业: text extraction reads the column labels as one line), below 法人或其他组织 */
    assert_true(natural->y_pt < org->y_pt && fabs(natural->y_pt - firm->y_pt) < 0.01);
    assert_true(fabs(total->y_pt - firm->y_pt) < 0.01);
    assert_true(fabs(corner->y_pt - natural->y_pt) < 0.01);
    assert_true(value->y_pt < firm->y_pt);
    /* no horizontal rule crosses 自然人's column between the header rows */
    double l = natural->x_pt, r = natural->x_pt + run_width(natural);
    size_t across = 0;
    for (size_t i = 0; i < pg->nrules; i++) {
        const nb_rule *ru = &pg->rules[i];
        bool horizontal = ru->y1_pt == ru->y2_pt;
        double lo = ru->x1_pt < ru->x2_pt ? ru->x1_pt : ru->x2_pt,
               hi = ru->x1_pt < ru->x2_pt ? ru->x2_pt : ru->x1_pt;
        if (horizontal && ru->y1_pt < org->y_pt && ru->y1_pt > firm->y_pt && lo < l && hi > r)
            across++;
    }
    assert_int_equal(across, 0);
    layout_free(&ps);
    free(w.items);

    /* without labels: fifteen value columns of one width each, filling the measure */
    enum { N = 15 };
    lay_cell v[2 * N];
    for (int c = 0; c < N; c++) {
        v[c] = (lay_cell){c % 5 == 4 ? "总计" : "结果维持", false, 1, 0, 0};
        v[N + c] = (lay_cell){"12", true, 2, 0, 0};
    }
    lay_table across_t = {2, N, 1, v, true};
    lay_block b2[] = {{.kind = LAY_TABLE, .table = &across_t, .line = 1}};
    ps = lay(b2, 1, &w);
    pg = &ps.pages[0];
    double first = 1e9, last = -1e9;
    size_t values = 0;
    for (size_t i = 0; i < pg->nruns; i++) {
        const nb_text_run *ru = &pg->runs[i];
        if (ru->len != 2 || memcmp(ru->utf8, "12", 2) != 0) continue;
        values++;
        if (ru->x_pt < first) first = ru->x_pt;
        if (ru->x_pt + run_width(ru) > last) last = ru->x_pt + run_width(ru);
    }
    assert_int_equal(values, N);
    assert_true(first > LAY_LEFT && first < LAY_LEFT + LAY_BLOCK_W / N);
    assert_true(last <= LAY_LEFT + LAY_BLOCK_W + 0.01 && last > LAY_LEFT + LAY_BLOCK_W - 12);
    layout_free(&ps);
    free(w.items);
}

/* ---- titles (issue 18 B) ------------------------------------------------------------------ */

static const char *const TITLE_WORDS[] = {"政府信息公开", "工作",   "年度报告", "年度",   "报告",
                                          "人民政府",     "办公厅", "办公室",   "委员会", "环保局"};

/* The lines of a title as layout_title_breaks breaks it at 二号 (22 pt) on the block's measure,
 * each copied into lines[i] (at most 8 of 256 bytes); returns their number. */
static size_t title_lines(const char *text, const char *agency, char lines[8][256])
{
    lay_block b = {.kind = LAY_TITLE,
                   .text = text,
                   .agency = agency,
                   .words = TITLE_WORDS,
                   .nwords = sizeof TITLE_WORDS / sizeof TITLE_WORDS[0]};
    size_t starts[8], len = strlen(text);
    size_t n = layout_title_breaks(&b, &FAKE, NB_FACE_TITLE, 22.0, LAY_BLOCK_W, starts, 8);
    for (size_t i = 0; i < n; i++) {
        size_t e = i + 1 < n ? starts[i + 1] : len;
        snprintf(lines[i], 256, "%.*s", (int)(e - starts[i]), text + starts[i]);
    }
    return n;
}

/* The fake font's width of s at 22 pt without blanks at either end (full-width 1 em). */
static double fake_width(const char *s)
{
    double w = 0;
    size_t adv, len = strlen(s), a = 0, e = len;
    while (a < e && s[a] == ' ') a++;
    while (e > a && s[e - 1] == ' ') e--;
    for (size_t i = a; i < e; i += adv) {
        int32_t cp = nb_utf8_decode((const unsigned char *)s + i, e - i, &adv);
        w += cp < 0x80 ? 11.0 : 22.0;
    }
    return w;
}

/* The measure holds 20 full-width characters of 22 pt (442 pt).
 * 淮安市人民政府2024年政府信息公开工作 年度报告 is 22 ems: two lines. Its seams (after the agency,
 * after 2024年) leave an upper line shorter than the lower, which a trapezoid does not allow; so
 * the break falls between two words of 政府信息公开工作年度报告: after 政府信息公开 (16 | 6 ems) is
 * more even than after 工作 (18 | 4). The first shape the old code gave, …2024年政 / 府信息…, split
 * a word. */
static void titles_break_at_seams_and_words(void **state)
{
    (void)state;
    char l[8][256];
    assert_int_equal(
        title_lines("淮安市人民政府2024年政府信息公开工作年度报告", "淮安市人民政府", l), 2);
    assert_string_equal(l[0], "淮安市人民政府2024年政府信息公开");
    assert_string_equal(l[1], "工作年度报告");
    /* 2025年 + the agency (13 ems) over the rest (12): the seam after the agency */
    assert_int_equal(title_lines("2025年上海市人民政府办公厅政府信息公开工作年度报告",
                                 "上海市人民政府办公厅", l),
                     2);
    assert_string_equal(l[0], "2025年上海市人民政府办公厅");
    assert_string_equal(l[1], "政府信息公开工作年度报告");
    /* a year written with blanks stays whole (2024 年 is never split): the agency and the
     * year (10 + 3.5 ems) over the rest (12), a trapezoid broken at the seam after the year */
    assert_int_equal(title_lines("淮安市洪泽区人民政府2024 年政府信息公开工作年度报告",
                                 "淮安市洪泽区人民政府", l),
                     2);
    assert_string_equal(l[0], "淮安市洪泽区人民政府2024 年");
    assert_string_equal(l[1], "政府信息公开工作年度报告");
    /* one that fits is one line */
    assert_int_equal(title_lines("官渡区环保局2017年政府信息公开年度报告", "官渡区环保局", l), 1);
}

/* Generated titles (agency, year, the reports' title) break only at seams or between words,
 * never inside the year or a word, into lines that fit and make a trapezoid or a diamond. */
static void titles_keep_words_whole_in_shapes(void **state)
{
    (void)state;
    static const char *const agencies[] = {"淮安市人民政府",
                                           "上海市人民政府办公厅",
                                           "某某省某某市某某区人民政府办公室",
                                           "某某市发展委员会",
                                           "某某县某某镇人民政府",
                                           "官渡区环保局",
                                           "某某自治州某某县人民代表大会常务委员会办公室"};
    static const char *const years[] = {"2024年", "2024 年", "二〇一七年", "2015年度"};
    static const char *const tails[] = {"政府信息公开工作年度报告", "政府信息公开年度报告",
                                        "年度报告"};
    size_t checked = 0;
    for (size_t a = 0; a < sizeof agencies / sizeof *agencies; a++)
        for (size_t y = 0; y < sizeof years / sizeof *years; y++)
            for (size_t t = 0; t < sizeof tails / sizeof *tails; t++)
                for (int year_first = 0; year_first <= 1; year_first++) {
                    char text[512], l[8][256];
                    snprintf(text, sizeof text, "%s%s%s", year_first ? years[y] : agencies[a],
                             year_first ? agencies[a] : years[y], tails[t]);
                    size_t n = title_lines(text, agencies[a], l);
                    assert_true(n >= 1 && n <= 4);
                    double w[8];
                    for (size_t i = 0; i < n; i++) {
                        w[i] = fake_width(l[i]);
                        if (w[i] > LAY_BLOCK_W + 0.01) fail_msg("too wide: '%s'", l[i]);
                    }
                    for (size_t i = 1; i < n; i++) {
                        char joint[600];
                        snprintf(joint, sizeof joint, "%.255s|%.255s", l[i - 1], l[i]);
                        /* the year whole */
                        char *yr = strstr(text, years[y]);
                        size_t at = strlen(l[0]);
                        for (size_t k = 1; k < i; k++) at += strlen(l[k]);
                        size_t ys = (size_t)(yr - text), ye = ys + strlen(years[y]);
                        if (at > ys && at < ye) fail_msg("the year split: %s", joint);
                        /* no word of the list split */
                        for (size_t k = 0; k < sizeof TITLE_WORDS / sizeof *TITLE_WORDS; k++) {
                            size_t wl = strlen(TITLE_WORDS[k]);
                            for (const char *p = strstr(text, TITLE_WORDS[k]); p;
                                 p = strstr(p + 1, TITLE_WORDS[k])) {
                                size_t ws = (size_t)(p - text);
                                if (at > ws && at < ws + wl && strcmp(TITLE_WORDS[k], "年度"))
                                    fail_msg("'%s' split: %s", TITLE_WORDS[k], joint);
                            }
                        }
                    }
                    /* a trapezoid (none longer than the line above) or a diamond */
                    bool trapezoid = true;
                    for (size_t i = 1; i < n; i++)
                        if (w[i] > w[i - 1] + 0.5) trapezoid = false;
                    bool diamond = n >= 3;
                    size_t peak = 0;
                    for (size_t i = 1; i < n; i++)
                        if (w[i] > w[peak]) peak = i;
                    for (size_t i = 1; diamond && i < n; i++)
                        diamond = i <= peak ? w[i] + 0.5 >= w[i - 1] : w[i] <= w[i - 1] + 0.5;
                    if (!trapezoid && !(diamond && peak > 0 && peak < n - 1))
                        fail_msg("'%s' is no trapezoid or diamond (%zu lines)", text, n);
                    checked++;
                }
    print_message("# %zu generated titles\n", checked);
    /* a title of more than four lines breaks as a paragraph, every line within the measure */
    char longer[2048] = "";
    for (int i = 0; i < 30; i++) strcat(longer, "政府信息公开");
    size_t starts[64];
    lay_block b = {.kind = LAY_TITLE, .text = longer};
    size_t n = layout_title_breaks(&b, &FAKE, NB_FACE_TITLE, 22.0, LAY_BLOCK_W, starts, 64);
    assert_true(n >= 9);
}

/* ---- keeping together (issue 18 C) -------------------------------------------------------- */

/* Every block of the generated documents is written in a character of its own, so that each
 * run on a page says which block (and table row) it is from: headings U+5000 + k, table titles
 * U+5800 + k, paragraphs U+4E30 + k (after 丨, which the fake font lacks), table row r of
 * table k U+6000 + 64 k + r. */
enum { KIND_NONE, KIND_HEADING, KIND_TABLE_TITLE, KIND_PARAGRAPH, KIND_ROW };

static int kind_of_cp(uint32_t cp, size_t *id)
{
    if (cp >= 0x6000 && cp < 0x8000) return *id = cp - 0x6000, KIND_ROW;
    if (cp >= 0x5800 && cp < 0x6000) return *id = cp - 0x5800, KIND_TABLE_TITLE;
    if (cp >= 0x5000 && cp < 0x5800) return *id = cp - 0x5000, KIND_HEADING;
    if (cp >= 0x4E30 && cp < 0x5000) return *id = cp - 0x4E30, KIND_PARAGRAPH;
    return KIND_NONE;
}

static char *repeat_cp(uint32_t cp, size_t n)
{
    char *s = malloc(n * 3 + 1), enc[4];
    size_t len = 0, l = nb_utf8_encode(cp, enc);
    for (size_t i = 0; i < n; i++) memcpy(s + len, enc, l), len += l;
    s[len] = '\0';
    return s;
}

/* Random documents (headings, table titles over tables of one- and two-line rows, paragraphs of
 * one to twelve lines): no page but the last ends with a heading or a table title; a paragraph
 * split over pages leaves two lines or more on each; a table row is on one page. */
static void headings_titles_rows_and_lines_kept_together(void **state)
{
    (void)state;
    uint32_t seed = 18;
    size_t pages_checked = 0, carried_splits = 0;
    for (int doc = 0; doc < 60; doc++) {
        enum { MOST = 120 };
        lay_block b[MOST];
        lay_table tables[MOST];
        lay_cell *cells[MOST];
        char *texts[MOST * 20];
        size_t nb = 0, nt = 0, ntext = 0, nheading = 0, ntitle = 0, npara = 0;
        while (nb + 3 < MOST) {
            seed = seed * 1103515245u + 12345u;
            unsigned pick = (seed >> 16) % 10;
            if (pick < 3) {
                texts[ntext] = repeat_cp(0x5000 + nheading++, 3 + (seed >> 8) % 12);
                b[nb++] = (lay_block){.kind = LAY_HEADING, .level = 1, .text = texts[ntext++]};
            } else if (pick < 5 && nt < 100) {
                texts[ntext] = repeat_cp(0x5800 + ntitle++, 4 + (seed >> 8) % 8);
                b[nb++] = (lay_block){.kind = LAY_TABLE_TITLE, .text = texts[ntext++]};
                size_t rows = 2 + (seed >> 4) % 9;
                cells[nt] = calloc(rows * 3, sizeof(lay_cell));
                for (size_t r = 0; r < rows; r++) {
                    /* a label of 4 to 23 characters: one or two lines in its cell */
                    texts[ntext] = repeat_cp(0x6000 + 64 * nt + r, 4 + (seed + r * 7) % 20);
                    cells[nt][r * 3] = (lay_cell){texts[ntext++], false, 0, 0, 0};
                    cells[nt][r * 3 + 1] = (lay_cell){"1234", true, 0, 0, 0};
                    cells[nt][r * 3 + 2] = (lay_cell){"56", true, 0, 0, 0};
                }
                tables[nt] = (lay_table){rows, 3, 1, cells[nt], false};
                b[nb++] = (lay_block){.kind = LAY_TABLE, .text = "", .table = &tables[nt]};
                nt++;
            } else {
                texts[ntext] = repeat_cp(0x4E30 + npara++, 10 + (seed >> 8) % (28 * 12));
                b[nb++] = (lay_block){.kind = LAY_PARAGRAPH, .text = texts[ntext++]};
            }
        }
        lay_warnings w;
        nb_pageset ps = lay(b, nb, &w);
        /* lines of each paragraph on each page; the page each table row is on */
        size_t *para_lines = calloc(npara * ps.npages + 1, sizeof *para_lines);
        size_t *row_page = calloc(64 * 100 + 1, sizeof *row_page);
        for (size_t p = 0; p < ps.npages; p++) {
            int last_kind = KIND_NONE;
            for (size_t i = 0; i < ps.pages[p].nruns; i++) {
                const nb_text_run *r = &ps.pages[p].runs[i];
                if (r->artifact) continue;
                size_t id;
                int kind = kind_of_cp(first_cp(r->utf8, r->len), &id);
                if (kind == KIND_NONE) continue;
                last_kind = kind;
                if (kind == KIND_PARAGRAPH) para_lines[id * ps.npages + p]++;
                if (kind == KIND_ROW) {
                    if (row_page[id] && row_page[id] != p + 1)
                        fail_msg("document %d: row %zu of table %zu on pages %zu and %zu", doc,
                                 id % 64, id / 64, row_page[id], p + 1);
                    row_page[id] = p + 1;
                }
                if (p > 0 && i == 0 && kind != KIND_PARAGRAPH && kind != KIND_ROW) carried_splits++;
            }
            if (p + 1 < ps.npages && (last_kind == KIND_HEADING || last_kind == KIND_TABLE_TITLE))
                fail_msg("document %d: page %zu ends with a %s", doc, p + 1,
                         last_kind == KIND_HEADING ? "heading" : "table title");
            pages_checked++;
        }
        for (size_t k = 0; k < npara; k++) {
            size_t on_pages = 0, total = 0;
            for (size_t p = 0; p < ps.npages; p++) {
                total += para_lines[k * ps.npages + p];
                on_pages += para_lines[k * ps.npages + p] > 0;
            }
            for (size_t p = 0; on_pages > 1 && p < ps.npages; p++)
                if (para_lines[k * ps.npages + p] == 1)
                    fail_msg("document %d: paragraph %zu (%zu lines) has one line alone on page "
                             "%zu",
                             doc, k, total, p + 1);
        }
        free(para_lines);
        free(row_page);
        layout_free(&ps);
        free(w.items);
        for (size_t i = 0; i < ntext; i++) free(texts[i]);
        for (size_t i = 0; i < nt; i++) free(cells[i]);
    }
    print_message("# %zu pages of 60 generated documents (%zu pages begin with a heading or "
                  "title)\n",
                  pages_checked, carried_splits);
    assert_true(carried_splits > 0);
}

/* A heading set at the foot of a page goes over with the paragraph after it: with 21 lines of
 * text before it, the heading would take the page's last line (the 22nd) and the paragraph
 * begin the next page; instead the heading begins the next page, its bookmark with it. */
static void heading_at_a_page_foot_goes_over(void **state)
{
    (void)state;
    char *body = repeat_cp(0x4E00, 26 + 28 * 20); /* 21 lines: the first indented two */
    char *after = repeat_cp(0x4E01, 26 + 28 * 3);
    lay_block b[] = {{.kind = LAY_PARAGRAPH, .text = body},
                     {.kind = LAY_HEADING, .level = 1, .marker = "二、", .text = "情况"},
                     {.kind = LAY_PARAGRAPH, .text = after}};
    lay_warnings w;
    nb_pageset ps = lay(b, 3, &w);
    assert_int_equal(ps.npages, 2);
    size_t lines_p1 = 0;
    for (size_t i = 0; i < ps.pages[0].nruns; i++) lines_p1 += !ps.pages[0].runs[i].artifact;
    /* page 1: the 21 lines of the first paragraph and the blank after them; page 2 starts with
     * the heading, at the top of the block, and its bookmark points there */
    assert_int_equal(lines_p1, 21);
    const nb_text_run *h = &ps.pages[1].runs[0];
    assert_memory_equal(h->utf8, "二、情况", strlen("二、情况"));
    assert_true(fabs(h->y_pt - (LAY_PAGE_H - LAY_TOP - 0.78 * LAY_PITCH)) < 0.01);
    assert_int_equal(ps.noutlines, 1);
    assert_int_equal(ps.outlines[0].page, 1);
    layout_free(&ps);
    free(w.items);
    free(body);
    free(after);
}

/* GB/T 9704 §7.3.5 (signature) and §8 (attachments): the date's right edge four characters in
 * from the block's right edge (右空四字), the agency centred over the date, one blank line
 * between the body and the agency; 附件 at the top left of a new page in Hei, the attachment's
 * title centred on the third line. */
static void signature_and_attachment_after_gbt9704(void **state)
{
    (void)state;
    lay_block b[] = {{.kind = LAY_PARAGRAPH, .text = "特此报告。"},
                     {.kind = LAY_SIGNATURE, .text = "某某市某某区人民政府办公室"},
                     {.kind = LAY_DATE, .text = "2025年1月20日"},
                     {.kind = LAY_ATTACHMENT_LABEL, .text = "附件1"},
                     {.kind = LAY_ATTACHMENT_TITLE, .text = "政府信息公开情况统计表"},
                     {.kind = LAY_PARAGRAPH, .text = "表略。"}};
    lay_warnings w;
    nb_pageset ps = lay(b, sizeof b / sizeof b[0], &w);
    assert_int_equal(ps.npages, 2);
    const nb_page *p = &ps.pages[0];
    assert_true(p->nruns >= 3);
    const nb_text_run *body = &p->runs[0], *agency = &p->runs[1], *date = &p->runs[2];
    assert_memory_equal(agency->utf8, "某某市", strlen("某某市"));
    assert_memory_equal(date->utf8, "2025年", strlen("2025年"));
    double right = date->x_pt + run_width(date);
    assert_true(fabs(right - (LAY_LEFT + LAY_BLOCK_W - 4 * LAY_GRID)) < 0.5);
    double mid_date = date->x_pt + run_width(date) / 2,
           mid_agency = agency->x_pt + run_width(agency) / 2;
    assert_true(fabs(mid_date - mid_agency) < 0.5);
    assert_true(fabs(body->y_pt - agency->y_pt - 2 * LAY_PITCH) < 0.01); /* one blank line */
    assert_true(fabs(agency->y_pt - date->y_pt - LAY_PITCH) < 0.01);
    const nb_page *q = &ps.pages[1];
    const nb_text_run *label = &q->runs[0], *title = &q->runs[1];
    assert_memory_equal(label->utf8, "附件1", strlen("附件1"));
    assert_int_equal(label->face, NB_FACE_HEI);
    assert_true(fabs(label->x_pt - LAY_LEFT) < 0.01);
    assert_true(fabs(label->y_pt - (LAY_PAGE_H - LAY_TOP - 0.78 * LAY_PITCH)) < 0.01);
    assert_true(fabs(label->y_pt - title->y_pt - 2 * LAY_PITCH) < 0.01); /* the third line */
    double mid_title = title->x_pt + run_width(title) / 2;
    assert_true(fabs(mid_title - (LAY_LEFT + LAY_BLOCK_W / 2)) < 0.5);
    layout_free(&ps);
    free(w.items);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_forbidden_line_starts_or_ends),
        cmocka_unit_test(full_lines_fill_the_measure),
        cmocka_unit_test(grid_page_numbers_and_faces),
        cmocka_unit_test(long_and_wide_tables),
        cmocka_unit_test(header_cells_span_columns),
        cmocka_unit_test(header_cells_span_rows),
        cmocka_unit_test(titles_break_at_seams_and_words),
        cmocka_unit_test(titles_keep_words_whole_in_shapes),
        cmocka_unit_test(headings_titles_rows_and_lines_kept_together),
        cmocka_unit_test(heading_at_a_page_foot_goes_over),
        cmocka_unit_test(signature_and_attachment_after_gbt9704),
    };
    return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
