/*
 * test_pdf.c — the PDF/A of the sample and of every real report, checked with the tools an
 * archive uses: PDFBox Preflight (valid PDF/A-1b), pdffonts (every font embedded, subset,
 * with Unicode), qpdf --check, pdftotext (every drawn line back exactly, and the report's text
 * back whole), and pdftoppm (no drawn character renders blank: libharu's composite-glyph bug
 * passes every other check). Also: fallback for 喆, replacement and warning for 𠀀, identical
 * bytes for identical input, and no file left behind when writing fails.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "font.h"
#include "layout.h"
#include "nianbao.h"
#include "pdf.h"
#include "pdfobj.h"
#include "report.h"
#include "typeset.h"
#include "testutil.h"
#include "utf8.h"

static nb_formset *FORMS;
static nb_fontset *FONTS;
static char TMP[] = "/tmp/nbpdfXXXXXX";

static int setup(void **state)
{
    (void)state;
    const char *root = getenv("NB_ROOT");
    char path[4096];
    nb_error err;
    FORMS = tu_load_forms();
    snprintf(path, sizeof path, "%s/fonts", root ? root : ".");
    FONTS = nb_fontset_open(path, NULL, NULL, &err);
    return FORMS && FONTS && mkdtemp(TMP) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    nb_formset_free(FORMS);
    nb_fontset_free(FONTS);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", TMP);
    return system(cmd) == 0 ? 0 : -1;
}

/* Runs a shell command and returns its standard output (malloc'ed) and exit status. */
static char *run(const char *cmd, int *status)
{
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 1);
    while ((got = fread(buf + n, 1, cap - n, p)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, (cap *= 2) + 1);
            assert_non_null(nb);
            buf = nb;
        }
    }
    buf[n] = '\0';
    int st = pclose(p);
    if (status) *status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return buf;
}

static nb_report *open_report(const char *bytes, size_t len)
{
    nb_options opt;
    nb_options_init(&opt);
    opt.forms = FORMS;
    nb_error err;
    nb_report *r = nb_report_from_bytes(bytes, len, "t.txt", &opt, &err);
    if (!r) fail_msg("%s", err.message);
    return r;
}

/* The report laid out into pages as its PDF would be (no file written), its statistics tables
 * set as `tables` says: *ts to free with typeset_free after ps (layout_free) and w.items (free). */
static int report_pages_tables(const nb_report *r, nb_table_layout tables, nb_typeset **ts,
                               nb_pageset *ps, lay_warnings *w, nb_error *err)
{
    *ts = typeset_new(FONTS, nb_report_file(r), 0);
    assert_non_null(*ts);
    assert_int_equal(nb_typeset_report_tables(*ts, r, tables, err), 0);
    return typeset_pages(*ts, ps, w, err);
}

/* report_pages_tables with the tables as nb_typeset_report sets them (the form's layout where
 * safe). */
static int report_pages(const nb_report *r, nb_typeset **ts, nb_pageset *ps, lay_warnings *w,
                        nb_error *err)
{
    *ts = typeset_new(FONTS, nb_report_file(r), 0);
    assert_non_null(*ts);
    assert_int_equal(nb_typeset_report(*ts, r, err), 0);
    return typeset_pages(*ts, ps, w, err);
}

/* Removes every blank (ASCII, U+3000) from s in place. */
static void squeeze(char *s)
{
    char *o = s;
    for (char *p = s; *p;) {
        size_t adv;
        int32_t cp = nb_utf8_decode((unsigned char *)p, strlen(p), &adv);
        if (cp >= 0 && nb_utf8_is_space((uint32_t)cp)) {
            p += adv;
            continue;
        }
        memmove(o, p, adv);
        o += adv;
        p += adv;
    }
    *o = '\0';
}

/* The drawn text: lines of each page grouped by baseline, left to right (what pdftotext reads),
 * squeezed and joined by '\n'; and the report's own text (non-artifact runs in drawing order). */
typedef struct drawn {
    char *by_position;
    char *in_order;
} drawn;

static int by_y_then_x(const void *a, const void *b)
{
    const nb_text_run *x = *(const nb_text_run *const *)a, *y = *(const nb_text_run *const *)b;
    if (x->y_pt - y->y_pt > 0.5) return -1;
    if (y->y_pt - x->y_pt > 0.5) return 1;
    return (x->x_pt > y->x_pt) - (x->x_pt < y->x_pt);
}

static drawn drawn_text(const nb_pageset *ps)
{
    size_t cap = 1 << 20, n = 0, m = 0;
    drawn d = {malloc(cap), malloc(cap)};
    for (size_t p = 0; p < ps->npages; p++) {
        const nb_page *pg = &ps->pages[p];
        const nb_text_run **runs = malloc((pg->nruns + 1) * sizeof *runs);
        for (size_t i = 0; i < pg->nruns; i++) {
            runs[i] = &pg->runs[i];
            if (!pg->runs[i].artifact && m + pg->runs[i].len < cap)
                memcpy(d.in_order + m, pg->runs[i].utf8, pg->runs[i].len), m += pg->runs[i].len;
        }
        qsort(runs, pg->nruns, sizeof *runs, by_y_then_x);
        for (size_t i = 0; i < pg->nruns; i++) {
            if (i && by_y_then_x(&runs[i - 1], &runs[i]) == -1 &&
                runs[i - 1]->y_pt - runs[i]->y_pt > 0.5)
                d.by_position[n++] = '\n';
            memcpy(d.by_position + n, runs[i]->utf8, runs[i]->len);
            n += runs[i]->len;
        }
        d.by_position[n++] = '\n';
        free(runs);
    }
    d.by_position[n] = '\0';
    d.in_order[m] = '\0';
    return d;
}

/* The report's text as parsed: blocks and table cells in order, squeezed. */
static char *source_text(const nb_report *r)
{
    size_t cap = 1 << 20, n = 0;
    char *s = malloc(cap);
    const nb_doc *d = &r->doc;
    for (size_t i = 0; i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        if (b->kind == NB_BLOCK_TABLE) {
            const nb_table *t = &d->tables[b->table];
            for (size_t row = 0; row < t->nrows; row++) {
                /* a group label read beside its rows is in the file too (set above them) */
                const char *g = t->rows[row].group;
                if (g && g[0] &&
                    (row == 0 || !t->rows[row - 1].group || strcmp(t->rows[row - 1].group, g))) {
                    memcpy(s + n, g, strlen(g));
                    n += strlen(g);
                }
                for (size_t c = 0; c < t->rows[row].ncells; c++) {
                    size_t l = strlen(t->rows[row].cells[c].text);
                    memcpy(s + n, t->rows[row].cells[c].text, l);
                    n += l;
                }
            }
            continue;
        }
        size_t ml = strlen(b->marker), tl = b->len;
        memcpy(s + n, b->marker, ml);
        memcpy(s + n + ml, b->text, tl);
        n += ml + tl;
        /* a run-in heading's title leaves out the 。 that the file has after it */
        if (b->kind == NB_BLOCK_HEADING && b->runin) memcpy(s + n, "。", 3), n += 3;
    }
    s[n] = '\0';
    squeeze(s);
    return s;
}

static const char *preflight_cmd(void)
{
    return "java -cp /usr/share/java/preflight.jar:/usr/share/java/pdfbox2.jar:"
           "/usr/share/java/xmpbox.jar:/usr/share/java/fontbox2.jar:"
           "/usr/share/java/commons-logging.jar:/usr/share/java/javax.activation.jar:"
           "/usr/share/java/jaxb-api.jar org.apache.pdfbox.preflight.Validator_A1b";
}

/* Counts drawn characters whose cell on the rendered page has no ink. */
static size_t blank_glyphs(const nb_pageset *ps, const char *pdf)
{
    size_t blank = 0;
    for (size_t p = 0; p < ps->npages; p++) {
        char cmd[1200], pgm[300];
        snprintf(pgm, sizeof pgm, "%s/page", TMP);
        snprintf(cmd, sizeof cmd, "pdftoppm -r 144 -gray -f %zu -l %zu -singlefile %s %s", p + 1,
                 p + 1, pdf, pgm);
        assert_int_equal(system(cmd), 0);
        strcat(pgm, ".pgm");
        FILE *f = fopen(pgm, "rb");
        assert_non_null(f);
        int w, h, maxv;
        assert_int_equal(fscanf(f, "P5 %d %d %d", &w, &h, &maxv), 3);
        fgetc(f);
        unsigned char *img = malloc((size_t)w * (size_t)h);
        assert_int_equal(fread(img, 1, (size_t)w * (size_t)h, f), (size_t)w * (size_t)h);
        fclose(f);
        const nb_page *pg = &ps->pages[p];
        for (size_t i = 0; i < pg->nruns; i++) {
            const nb_text_run *run = &pg->runs[i];
            double x = run->x_pt;
            size_t adv, k = 0;
            for (size_t b = 0; b < run->len; b += adv, k++) {
                int32_t cp =
                    nb_utf8_decode((const unsigned char *)run->utf8 + b, run->len - b, &adv);
                double a = run->advances_pt ? run->advances_pt[k] : run->size_pt;
                if (cp > 0x20 && !nb_utf8_is_space((uint32_t)cp)) {
                    /* 144 dpi: two pixels a point */
                    int x0 = (int)(2 * x),
                        x1 = (int)(2 * (x + (a < run->size_pt ? a : run->size_pt))) + 1;
                    int y0 = (int)(2 * (ps->pages[p].height_pt - run->y_pt - run->size_pt * 0.85));
                    int y1 =
                        (int)(2 * (ps->pages[p].height_pt - run->y_pt + run->size_pt * 0.2)) + 1;
                    int ink = 0;
                    for (int yy = y0 < 0 ? 0 : y0; yy < y1 && yy < h; yy++)
                        for (int xx = x0 < 0 ? 0 : x0; xx < x1 && xx < w; xx++)
                            ink += img[(size_t)yy * (size_t)w + (size_t)xx] < 200;
                    if (!ink) {
                        blank++;
                        print_message("# blank U+%04X on page %zu at %.1f,%.1f\n", (unsigned)cp,
                                      p + 1, x, run->y_pt);
                    }
                }
                x += a;
            }
        }
        free(img);
    }
    return blank;
}

/* Writes the report's PDF, its tables set as `tables` says, and runs every check on it: with
 * NB_TABLES_SOURCE the drawn text is the report's, character for character (a table set from
 * the form has the form's labels instead: tests/gen/formtables.py checks its figures). Returns
 * the pageset's page count. */
static size_t check_pdf_tables(const char *name, const char *bytes, size_t len,
                               nb_table_layout tables)
{
    nb_report *r = open_report(bytes, len);
    nb_typeset *ts;
    nb_pageset ps;
    lay_warnings w;
    nb_error err;
    assert_int_equal(report_pages_tables(r, tables, &ts, &ps, &w, &err), 0);
    ps.creation_time = 1700000000;
    char pdf[512], cmd[1024];
    snprintf(pdf, sizeof pdf, "%s/%s.pdf", TMP, name);
    if (nb_pdf_write(&ps, FONTS, pdf, &err) != 0) fail_msg("%s: %s", name, err.message);

    int st;
    snprintf(cmd, sizeof cmd, "%s %s 2>&1", preflight_cmd(), pdf);
    char *out = run(cmd, &st);
    if (!strstr(out, "is a valid PDF/A-1b file")) fail_msg("%s: Preflight: %s", name, out);
    free(out);

    snprintf(cmd, sizeof cmd, "pdffonts %s", pdf);
    out = run(cmd, &st);
    size_t fonts = 0;
    for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
        if (!strstr(line, "Identity-H")) continue;
        fonts++;
        if (!strstr(line, "yes yes yes")) fail_msg("%s: pdffonts: %s", name, line);
    }
    assert_true(fonts >= 1);
    free(out);

    snprintf(cmd, sizeof cmd, "qpdf --check %s >/dev/null 2>&1", pdf);
    assert_int_equal(system(cmd), 0);

    /* pdftotext: every line as drawn, and the report's whole text */
    snprintf(cmd, sizeof cmd, "pdftotext -layout -enc UTF-8 %s -", pdf);
    char *text = run(cmd, &st);
    drawn d = drawn_text(&ps);
    char *got_line = text, *want_line = d.by_position;
    size_t lines = 0;
    while (*want_line) {
        char *we = strchr(want_line, '\n'), *ge;
        *we = '\0';
        while (*got_line == '\n' || *got_line == '\f') got_line++;
        ge = strchr(got_line, '\n');
        if (ge) *ge = '\0';
        char a[8192], b[8192];
        snprintf(a, sizeof a, "%s", want_line);
        snprintf(b, sizeof b, "%s", got_line);
        squeeze(a);
        squeeze(b);
        if (a[0] && strcmp(a, b) != 0)
            fail_msg("%s: drawn line '%s' came back as '%s'", name, a, b);
        if (a[0]) lines++, got_line = ge ? ge + 1 : got_line + strlen(got_line);
        want_line = we + 1;
    }
    assert_true(lines > 20);
    char *src = source_text(r);
    /* characters no font has were drawn as 〓 (and reported) */
    for (size_t i = 0; i < w.n; i++) {
        char enc[5] = {0};
        size_t el = nb_utf8_encode(w.items[i].cp, enc);
        for (char *p = strstr(src, enc); el && p; p = strstr(p + 3, enc)) {
            memmove(p + 3, p + el, strlen(p + el) + 1); /* (a 1-byte character grows) */
            memcpy(p, "\xE3\x80\x93", 3);               /* 〓 */
        }
    }
    squeeze(d.in_order);
    if (tables == NB_TABLES_SOURCE && strcmp(src, d.in_order) != 0) {
        size_t k = 0;
        while (src[k] && src[k] == d.in_order[k]) k++;
        size_t from = k > 30 ? k - 30 : 0;
        fail_msg("%s: the drawn text differs from the report's at byte %zu: '%.60s' vs '%.60s'",
                 name, k, src + from, d.in_order + from);
    }
    free(src);
    free(d.by_position);
    free(d.in_order);
    free(text);

    size_t blank = blank_glyphs(&ps, pdf);
    if (blank) fail_msg("%s: %zu drawn characters render blank", name, blank);
    size_t pages = ps.npages;
    layout_free(&ps);
    free(w.items);
    typeset_free(ts);
    nb_report_free(r);
    return pages;
}

static size_t check_pdf(const char *name, const char *bytes, size_t len)
{
    return check_pdf_tables(name, bytes, len, NB_TABLES_SOURCE);
}

static void sample_and_real_reports(void **state)
{
    (void)state;
    const char *files[] = {
        "examples/guandu-2017.txt", "tests/data/real/2024_huaian_layout.txt",
        "tests/data/real/2024_huaian_raw.txt", "tests/data/real/2024_shanghai_kewei.txt",
        "tests/data/real/2025_shanghai_bgt.txt", "tests/data/real/2025_shuyang_xian.txt",
        /* run-together text (flat.c): a fused table set as text, run-in
         * headings whose 。 the title leaves out */
        "tests/data/flat/web-2022.txt", "tests/data/flat/crawl-2012.txt"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t len;
        char *bytes = tu_read(files[i], &len);
        char name[32];
        snprintf(name, sizeof name, "report%zu", i);
        size_t pages = check_pdf(name, bytes, len);
        print_message("# %s: %zu pages\n", files[i], pages);
        /* and with its tables in the form's layout (the default): Preflight, fonts, text */
        snprintf(name, sizeof name, "report%zu-form", i);
        pages = check_pdf_tables(name, bytes, len, NB_TABLES_FORM);
        print_message("# %s, tables from the form: %zu pages\n", files[i], pages);
        free(bytes);
    }
}

/* A title with control characters, noncharacters, a character above U+FFFF and XML's own
 * characters: Info and XMP hold the same sanitized text, and Preflight accepts the file. */
static void hostile_metadata_passes_preflight(void **state)
{
    (void)state;
    static const char *const titles[] = {
        "官渡区\x01环保局2017年政府信息公开年度报告",
        "官渡区环保局\xEF\xBF\xBE\xEF\xBF\xBF"
        "2017年政府信息公开年度报告",
        "官渡区\xF0\x9F\x98\x80环保局2017年政府信息公开年度报告",
        "官渡区<环保局>&2017年政府信息公开年度报告\x7F\xC2\x85",
        /* and a heading (a bookmark) holding them */
        "官渡区环保局2017年政府信息公开年度报告\n一、工作\xF0\x9F\x98\x80完成\x01情况&<"
        "\xEF\xBF\xBE",
    };
    size_t len;
    char *sample = tu_read("examples/guandu-2017.txt", &len);
    const char *body = strchr(sample, '\n');
    for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
        size_t tl = strlen(titles[i]), bl = strlen(body);
        char *doc = malloc(tl + bl + 1);
        memcpy(doc, titles[i], tl);
        memcpy(doc + tl, body, bl + 1);
        char name[32];
        snprintf(name, sizeof name, "hostile-title%zu", i);
        check_pdf(name, doc, tl + bl);
        free(doc);
    }
    free(sample);
}

static void fallback_and_replacement(void **state)
{
    (void)state;
    const char *text =
        "某局2020年政府信息公开工作年度报告\n一、总体情况\n王喆同志负责，𠀀字无法显示。\n";
    nb_report *r = open_report(text, strlen(text));
    nb_typeset *ts;
    nb_pageset ps;
    lay_warnings w;
    nb_error err;
    assert_int_equal(report_pages(r, &ts, &ps, &w, &err), 0);
    assert_int_equal(w.n, 1);
    assert_int_equal(w.items[0].cp, 0x20000);
    assert_int_equal(w.items[0].line, 3);
    /* 喆 is not in GB2312 (AR PL Song), so the body falls back to Micro Hei for it */
    int f = nb_fontset_pick(FONTS, NB_FACE_BODY, 0x5586);
    assert_true(f >= 0);
    assert_null(strstr(FONTS->fonts[f].path, "gbsn00lp"));
    layout_free(&ps);
    free(w.items);
    typeset_free(ts);
    nb_report_free(r);
    /* the whole check: valid, and 喆 and the 〓 that replaced 𠀀 have ink */
    const char *full =
        "某局2020年政府信息公开工作年度报告\n一、总体情况\n"
        "王喆同志负责政务公开工作，𠀀字无法显示而以符号代替。全年发布信息98条。\n"
        "二、主动公开政府信息情况\n本年度共发布信息98条，均已按要求公开。\n"
        "三、存在的主要问题及改进情况\n一是公开内容不够全面。\n二是解读形式较为单一。\n"
        "四、其他需要报告的事项\n无。\n五、附则\n本报告由某局负责解释。\n"
        "六、联系方式\n联系电话12345678。\n七、其他\n本报告以中文本为准。\n"
        "八、补充\n以上内容均经审核。\n九、附注\n数字截至年底。\n"
        "十、结语\n特此报告。\n十一、说明\n感谢支持。\n十二、备注\n无其他事项。\n"
        "十三、附件\n无附件。\n十四、落款\n详见下文。\n十五、结束\n完。\n"
        "十六、补遗\n暂无。\n十七、更正\n暂无。\n";
    check_pdf("fallback", full, strlen(full));
}

static void identical_input_identical_bytes(void **state)
{
    (void)state;
    size_t len;
    char *bytes = tu_read("examples/guandu-2017.txt", &len);
    nb_report *r = open_report(bytes, len);
    char a[512], b[512];
    snprintf(a, sizeof a, "%s/a.pdf", TMP);
    snprintf(b, sizeof b, "%s/b.pdf", TMP);
    nb_pdf_options opt = {.fonts_dir = NULL, .creation_time = 1700000000};
    const char *root = getenv("NB_ROOT");
    char fonts[4096];
    snprintf(fonts, sizeof fonts, "%s/fonts", root ? root : ".");
    opt.fonts_dir = fonts;
    nb_error err;
    size_t pages = 0;
    assert_int_equal(nb_report_write_pdf(r, a, &opt, NULL, &err), 0);
    assert_int_equal(nb_report_write_pdf(r, b, &opt, &pages, &err), 0);
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "cmp -s %s %s", a, b);
    assert_int_equal(system(cmd), 0);
    struct stat st;
    assert_int_equal(stat(a, &st), 0);
    print_message("# sample PDF: %lld bytes, %zu pages\n", (long long)st.st_size, pages);
    assert_true(pages > 1);
    /* an unwritable or missing directory: an error of writing (not of reading: NB_ERR_IO is an
     * input's), and no file at all */
    char ro[512];
    snprintf(ro, sizeof ro, "%s/ro", TMP);
    assert_int_equal(mkdir(ro, 0555), 0);
    char target[600];
    snprintf(target, sizeof target, "%s/out.pdf", ro);
    if (geteuid() != 0) { /* root may write anywhere */
        assert_int_equal(nb_report_write_pdf(r, target, &opt, NULL, &err), -1);
        assert_int_equal(err.code, NB_ERR_WRITE);
        assert_int_not_equal(access(target, F_OK), 0);
    }
    snprintf(target, sizeof target, "%s/missing/dir/out.pdf", TMP);
    assert_int_equal(nb_report_write_pdf(r, target, &opt, NULL, &err), -1);
    assert_int_equal(err.code, NB_ERR_WRITE);
    assert_int_not_equal(access(target, F_OK), 0);
    nb_report_free(r);
    free(bytes);
}

/* A subset holds a glyph for every code point asked for, each its own (the CIDToGIDMap is made
 * from the subset's cmap), and little else. */
static void subset_maps_every_code_point(void **state)
{
    (void)state;
    const uint32_t cps[] = {' ', '0', '9', 'A', 'x', 0x3001, 0x4E00, 0x5E74, 0x62A5, 0xFF08};
    const size_t n = sizeof cps / sizeof cps[0];
    nb_error err;
    hb_blob_t *blob = nb_font_subset(FONTS, 0, cps, n, &err);
    if (!blob) fail_msg("%s", err.message);
    hb_face_t *face = hb_face_create(blob, 0);
    hb_font_t *font = hb_font_create(face);
    hb_codepoint_t seen[16] = {0};
    for (size_t i = 0; i < n; i++) {
        if (!hb_font_get_nominal_glyph(font, cps[i], &seen[i]) || !seen[i])
            fail_msg("U+%04X has no glyph", (unsigned)cps[i]);
        for (size_t j = 0; j < i; j++)
            if (seen[j] == seen[i]) fail_msg("U+%04X and U+%04X share a glyph", cps[j], cps[i]);
    }
    /* (the components of composite glyphs come along: a few, not the font's 30,000) */
    assert_true(hb_face_get_glyph_count(face) < 4 * n);
    hb_font_destroy(font);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
}

/* A page's numbers are written by hand (pdfobj_format_real): the bytes of "%.4f" without its
 * trailing zeros, ties (0.03125) and values near them and beyond a million included. */
static void reals_as_printf_writes_them(void **state)
{
    (void)state;
    uint64_t x = 0x9E3779B97F4A7C15ull;
    for (long i = 0; i < 600000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        double r = (double)(x >> 11) / 9007199254740992.0 - 0.5, v;
        switch (i % 6) {
        case 0:
            v = r * 2000;
            break;
        case 1:
            v = r * 2e7;
            break;
        case 2:
            v = round(r * 2e7) / 10000.0 + 0.00005;
            break; /* near ties */
        case 3:
            v = (double)(long long)(r * 2e6) / 32.0;
            break; /* exact ties */
        case 4:
            v = r * 4e9;
            break;
        default:
            v = ldexp(r, (int)(x % 60) - 40);
            break;
        }
        if (i % 3 == 1) v = nextafter(v, 1e300);
        if (i % 3 == 2) v = nextafter(v, -1e300);
        if (i == 0) v = -0.0;
        if (i == 1) v = 0.03125;
        if (i == 2) v = -0.00001;
        char got[32], want[32];
        size_t n = pdfobj_format_real(v, got);
        double c = v > 1e9 ? 1e9 : v < -1e9 ? -1e9 : v;
        int k = snprintf(want, sizeof want, "%.4f", c);
        while (k > 0 && want[k - 1] == '0') k--;
        if (k > 0 && want[k - 1] == '.') k--;
        want[k] = '\0';
        if (strcmp(want, "-0") == 0) strcpy(want, "0"), k = 1;
        if (strcmp(got, want) != 0 || n != (size_t)k) fail_msg("%.17g: %s, not %s", v, got, want);
    }
}

/* What the fonts say of a code point (kept after the first time it is asked) is HarfBuzz's,
 * asked for the first time and again. */
static void glyphs_as_harfbuzz_says(void **state)
{
    (void)state;
    for (int round = 0; round < 2; round++)
        for (uint32_t cp = 0; cp < 0x10000; cp += cp < 0x3000 ? 1 : 7) {
            int f = nb_fontset_pick(FONTS, NB_FACE_BODY, cp), want = -1;
            for (size_t i = 0; want < 0 && i < FONTS->chain_len[NB_FACE_BODY]; i++) {
                int g = FONTS->chain[NB_FACE_BODY][i];
                hb_codepoint_t gid = 0;
                if (hb_font_get_nominal_glyph(FONTS->fonts[g].font, cp, &gid) && gid) want = g;
            }
            assert_int_equal(f, want);
            for (size_t g = 0; g < FONTS->nfonts; g++) {
                hb_codepoint_t gid = 0;
                double adv = 12.0;
                if (hb_font_get_nominal_glyph(FONTS->fonts[g].font, cp, &gid))
                    adv = (double)hb_font_get_glyph_h_advance(FONTS->fonts[g].font, gid) /
                          FONTS->fonts[g].upem * 12.0;
                if (nb_font_advance(FONTS, (int)g, cp, 12.0) != adv)
                    fail_msg("U+%04X in font %zu: %g, not %g", (unsigned)cp, g,
                             nb_font_advance(FONTS, (int)g, cp, 12.0), adv);
            }
        }
}

/* Pages are written as they come, under page-tree nodes of at most 4,096 (PDF/A-1 allows arrays
 * of 8,191 entries): 4,100 pages make two nodes, every page is found, the last one's text
 * comes back, and the file is whole. */
static void many_pages_two_tree_nodes(void **state)
{
    (void)state;
    enum { PAGES = 4100 };
    nb_page *pages = calloc(PAGES, sizeof *pages);
    nb_text_run *runs = calloc(PAGES, sizeof *runs);
    char(*texts)[32] = calloc(PAGES, sizeof *texts);
    assert_true(pages && runs && texts);
    for (size_t i = 0; i < PAGES; i++) {
        snprintf(texts[i], sizeof texts[i], "第%zu页", i + 1);
        runs[i] = (nb_text_run){.x_pt = 80,
                                .y_pt = 700,
                                .size_pt = 16,
                                .face = NB_FACE_BODY,
                                .utf8 = texts[i],
                                .len = strlen(texts[i])};
        pages[i] =
            (nb_page){.width_pt = 595.276, .height_pt = 841.89, .runs = &runs[i], .nruns = 1};
    }
    nb_outline marks[2] = {{"第一", 1, 0, 700}, {"最后", 1, PAGES - 1, 700}};
    nb_pageset ps = {.pages = pages,
                     .npages = PAGES,
                     .outlines = marks,
                     .noutlines = 2,
                     .title = "长文",
                     .creation_time = 1700000000};
    char path[256], cmd[600];
    snprintf(path, sizeof path, "%s/many.pdf", TMP);
    nb_error err;
    if (nb_pdf_write(&ps, FONTS, path, &err) != 0) fail_msg("%s", err.message);
    int st;
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null 2>&1", path);
    free(run(cmd, &st));
    assert_int_equal(st, 0);
    snprintf(cmd, sizeof cmd, "pdfinfo '%s' | sed -n 's/^Pages: *//p'", path);
    char *out = run(cmd, &st);
    assert_int_equal(atoi(out), PAGES);
    free(out);
    snprintf(cmd, sizeof cmd, "pdftotext -f %d -l %d '%s' -", PAGES, PAGES, path);
    out = run(cmd, &st);
    assert_non_null(strstr(out, "第4100页"));
    free(out);
    /* two nodes under the root */
    snprintf(cmd, sizeof cmd, "qpdf --show-object=2 '%s' | grep -o '[0-9]* 0 R' | wc -l", path);
    out = run(cmd, &st);
    assert_int_equal(atoi(out), 2);
    free(out);
    free(pages), free(runs), free(texts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_and_real_reports),
        cmocka_unit_test(fallback_and_replacement),
        cmocka_unit_test(hostile_metadata_passes_preflight),
        cmocka_unit_test(identical_input_identical_bytes),
        cmocka_unit_test(subset_maps_every_code_point),
        cmocka_unit_test(reals_as_printf_writes_them),
        cmocka_unit_test(glyphs_as_harfbuzz_says),
        cmocka_unit_test(many_pages_two_tree_nodes),
    };
    return cmocka_run_group_tests_name("pdf", tests, setup, teardown);
}
