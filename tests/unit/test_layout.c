/*
 * test_layout.c — layout with a fake font (full-width characters 1 em, ASCII half an em,
 * everything covered but U+4E28 丨 and code points above U+FFFF): the 禁则 rules on random
 * paragraphs, justification to the measure, the GB/T 9704 grid, page numbers, tables.
 */
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
                                             r > 0 && c > 0, (size_t)r + 1};
    lay_table t = {ROWS, COLS, 1, cells};
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_forbidden_line_starts_or_ends),
        cmocka_unit_test(full_lines_fill_the_measure),
        cmocka_unit_test(grid_page_numbers_and_faces),
        cmocka_unit_test(long_and_wide_tables),
    };
    return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
