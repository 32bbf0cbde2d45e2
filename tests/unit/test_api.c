/*
 * test_api.c — the public getters (nianbao.h alone; no internal header): the sample's
 * discrepancy between prose and table read as values — the finding, both sides' lines and
 * values, its fingerprint — the bound cell behind it, the document tree's headings and table,
 * a table cell as written, and the library's version. Nothing is parsed back from JSON.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream, mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "nianbao.h"

static nb_formset *FORMS;

/* The sample report's path. */
static void sample_path(char *path, size_t size)
{
    const char *root = getenv("NB_ROOT");
    snprintf(path, size, "%s/examples/guandu-2017.txt", root ? root : ".");
}
static nb_report *R;

static int setup(void **state)
{
    (void)state;
    const char *root = getenv("NB_ROOT");
    char path[4096];
    nb_error err;
    snprintf(path, sizeof path, "%s/forms", root ? root : ".");
    FORMS = nb_formset_load(path, &err);
    if (!FORMS) return -1;
    snprintf(path, sizeof path, "%s/examples/guandu-2017.txt", root ? root : ".");
    nb_options opt;
    nb_options_init(&opt);
    opt.forms = FORMS;
    opt.check = true;
    R = nb_report_open(path, &opt, &err);
    return R ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    nb_report_free(R);
    nb_formset_free(FORMS);
    return 0;
}

static void version(void **state)
{
    (void)state;
    assert_string_equal(nb_version(), NIANBAO_VERSION);
}

/* 98 in the prose (line 13) against 155 in the table (line 41). */
static void the_sample_discrepancy(void **state)
{
    (void)state;
    const nb_finding *f, *web = NULL;
    size_t n = 0;
    for (size_t i = 0; (f = nb_report_finding(R, i)); i++, n++)
        if (!strcmp(nb_finding_rule(f), "prose.website")) web = f;
    assert_int_equal(n, nb_report_finding_count(R));
    assert_null(nb_report_finding(R, n));
    assert_non_null(web);
    assert_int_equal(nb_finding_status(web), NB_STATUS_FAIL);
    assert_int_equal(nb_finding_severity(web), NB_SEV_ERROR);
    assert_string_equal(nb_status_name(nb_finding_status(web)), "FAIL");
    assert_int_equal(nb_finding_line(web), 13);
    assert_non_null(strstr(nb_finding_message(web, "zh"), "不一致"));
    assert_non_null(strstr(nb_finding_message(web, "en"), "98"));
    /* a letter and 16 hex digits: never a number to a spreadsheet */
    assert_int_equal(strlen(nb_finding_fingerprint(web)), 17);
    assert_int_equal(nb_finding_fingerprint(web)[0], 'F');
    assert_int_equal(strspn(nb_finding_fingerprint(web) + 1, "0123456789abcdef"), 16);
    assert_int_equal(nb_finding_evidence_count(web), 2);
    const char *value, *text;
    assert_int_equal(nb_finding_evidence(web, 0, &value, &text), 13);
    assert_string_equal(value, "98");
    assert_int_equal(nb_finding_evidence(web, 1, &value, &text), 41);
    assert_string_equal(value, "155");
    assert_non_null(strstr(text, "政府网站"));
    assert_int_equal(nb_finding_evidence(web, 2, &value, &text), 0);
}

static void the_bound_cell(void **state)
{
    (void)state;
    assert_string_equal(nb_report_form(R), "gov-2008");
    nb_cell_info c;
    bool seen = false;
    size_t n = 0;
    for (size_t i = 0; nb_report_cell(R, i, &c); i++, n++)
        if (!strcmp(c.id, "active.channel.website")) {
            seen = true;
            assert_string_equal(c.value, "155");
            assert_string_equal(c.status, "number");
            assert_string_equal(c.unit, "条");
            assert_int_equal(c.line, 41);
        }
    assert_true(seen);
    assert_int_equal(n, nb_report_cell_count(R));
    assert_true(nb_report_figure_count(R) >= 3);
}

static void the_document_tree(void **state)
{
    (void)state;
    size_t line;
    assert_non_null(strstr(nb_report_title(R, &line), "政府信息公开"));
    assert_true(line >= 1);
    nb_block_info b;
    size_t headings = 0, tables = 0;
    for (size_t i = 0; nb_report_block(R, i, &b); i++) {
        if (b.kind == NB_BLOCK_HEADING) {
            headings++;
            assert_true(b.level >= 1 && b.level <= 4);
            assert_true(b.line_first >= 1);
        }
        if (b.kind == NB_BLOCK_TABLE) {
            tables++;
            nb_table_info t;
            assert_true(nb_report_table(R, (size_t)b.table, &t));
            assert_true(t.rows > 10 && t.cells > t.rows);
            assert_true(t.line_first >= b.line_first);
            /* a cell as written, with its line */
            size_t cl = 0;
            const char *cell = nb_report_table_cell(R, (size_t)b.table, 0, 0, &cl);
            assert_non_null(cell);
            assert_true(cl >= t.line_first && cl <= t.line_last);
            assert_null(nb_report_table_cell(R, (size_t)b.table, t.rows, 0, &cl));
        }
    }
    assert_false(nb_report_block(R, nb_report_block_count(R), &b));
    assert_true(headings >= 5);
    assert_int_equal(tables, nb_report_table_count(R));
    assert_true(tables >= 1);
}

/* The prose figures and how the form's table was read, as values. */
static void figures_and_readings(void **state)
{
    (void)state;
    nb_figure_info fig;
    bool website = false, weibo = false;
    size_t n = 0;
    for (size_t i = 0; nb_report_figure(R, i, &fig); i++, n++) {
        if (!strcmp(fig.pattern, "website")) {
            website = true;
            assert_string_equal(fig.value, "98");
            assert_string_equal(fig.qualifier, "exact");
            assert_string_equal(fig.unit, "条");
            assert_int_equal(fig.line, 13);
            assert_string_equal(fig.cell, "active.channel.website");
            assert_non_null(strstr(fig.text, "98"));
        }
        if (!strcmp(fig.pattern, "weibo")) {
            weibo = true;
            assert_string_equal(fig.value, "300");
            assert_string_equal(fig.qualifier, "at_least");
        }
    }
    assert_true(website && weibo);
    assert_int_equal(n, nb_report_figure_count(R));
    nb_reading_info rd;
    assert_int_equal(nb_report_reading_count(R), 1);
    assert_true(nb_report_reading(R, 0, "en", &rd));
    assert_string_equal(rd.table, "main");
    assert_true(rd.confident);
    assert_int_equal(rd.first_source, 0);
    assert_true(rd.cells > 50 && rd.identities_held == rd.identities_checked);
    assert_false(nb_report_reading(R, 1, "en", &rd));
}

/* One call renders every format; the flags word picks the options. */
static void render_with_flags(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    nb_error err;
    FILE *m = open_memstream(&buf, &len);
    assert_int_equal(nb_report_render(R, m, NB_FORMAT_FINDINGS, NB_RENDER_ENGLISH, &err), 0);
    fclose(m);
    assert_non_null(strstr(buf, "but the table has 155"));
    assert_null(strstr(buf, "\033[")); /* no colour unless asked */
    free(buf);
    m = open_memstream(&buf, &len);
    assert_int_equal(nb_report_render(R, m, NB_FORMAT_FINDINGS, NB_RENDER_COLOUR, &err), 0);
    fclose(m);
    assert_non_null(strstr(buf, "不一致"));
    assert_non_null(strstr(buf, "\033["));
    free(buf);
    m = open_memstream(&buf, &len);
    assert_int_equal(nb_report_render(R, m, NB_FORMAT_CELLS_CSV, NB_RENDER_HEADER, &err), 0);
    fclose(m);
    assert_int_equal(strncmp(buf,
                             "\xEF\xBB\xBF" /* a byte-order mark for spreadsheets */
                             "file,form,id,",
                             16),
                     0);
    assert_non_null(strstr(buf, ",active.channel.website,"));
    free(buf);
    m = open_memstream(&buf, &len);
    assert_int_equal(nb_report_render(R, m, NB_FORMAT_JSON, 0, &err), 0);
    fclose(m);
    assert_int_equal(buf[0], '{');
    size_t lines = 0; /* without NB_RENDER_PRETTY: one line */
    for (size_t i = 0; i < len; i++) lines += buf[i] == '\n';
    assert_true(lines <= 1);
    free(buf);
    m = open_memstream(&buf, &len);
    assert_int_equal(nb_report_render(R, m, (nb_format)99, 0, &err), -1);
    fclose(m);
    assert_int_equal(err.code, NB_ERR_USAGE);
    free(buf);
}

/* A font set opened once serves any number of PDFs, and gives the bytes of one opened for each. */
static void shared_font_set(void **state)
{
    (void)state;
    const char *root = getenv("NB_ROOT");
    char fonts[4096], a[4200], b[4200];
    snprintf(fonts, sizeof fonts, "%s/fonts", root ? root : ".");
    char dir[] = "/tmp/nbapiXXXXXX";
    assert_non_null(mkdtemp(dir));
    snprintf(a, sizeof a, "%s/own.pdf", dir);
    snprintf(b, sizeof b, "%s/shared.pdf", dir);
    nb_error err;
    nb_fontset *fs = nb_fontset_open(fonts, NULL, NULL, &err);
    assert_non_null(fs);
    nb_pdf_options own = {.fonts_dir = fonts, .creation_time_set = true};
    nb_pdf_options shared = {.fonts = fs, .creation_time_set = true};
    assert_int_equal(nb_report_write_pdf(R, a, &own, NULL, &err), 0);
    for (int i = 0; i < 3; i++) assert_int_equal(nb_report_write_pdf(R, b, &shared, NULL, &err), 0);
    nb_fontset_free(fs);
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    assert_null(nb_fontset_open("/no/such/dir", NULL, NULL, &err));
}

/* The stages one at a time give what nb_report_open gives at once; each getter answers for
 * the stages done (nothing parsed: no block; nothing bound: no cell); a stage asked for before
 * its forerunners runs them; an unknown form fails the bind alone, the tree stays. */
static void stages_one_by_one(void **state)
{
    (void)state;
    char path[4096];
    sample_path(path, sizeof path);
    nb_options opt;
    nb_options_init(&opt);
    nb_error err;
    nb_report *r = nb_report_read(path, &opt, &err);
    assert_non_null(r);
    assert_int_equal(nb_report_stage_done(r), NB_STAGE_DECODED);
    assert_int_equal(nb_report_line_count(r), nb_report_line_count(R));
    assert_int_equal(nb_report_block_count(r), 0);
    assert_int_equal(nb_report_parse(r, FORMS, &err), 0);
    assert_int_equal(nb_report_stage_done(r), NB_STAGE_PARSED);
    assert_int_equal(nb_report_block_count(r), nb_report_block_count(R));
    assert_int_equal(nb_report_cell_count(r), 0);
    assert_int_equal(nb_report_bind(r, NULL, &err), 0);
    assert_int_equal(nb_report_stage_done(r), NB_STAGE_BOUND);
    assert_string_equal(nb_report_form(r), "gov-2008");
    assert_int_equal(nb_report_cell_count(r), nb_report_cell_count(R));
    assert_int_equal(nb_report_figure_count(r), nb_report_figure_count(R));
    assert_int_equal(nb_report_finding_count(r), 0);
    assert_int_equal(nb_report_check(r, &err), 0);
    assert_int_equal(nb_report_stage_done(r), NB_STAGE_CHECKED);
    size_t n = nb_report_finding_count(R);
    assert_true(n > 0);
    assert_int_equal(nb_report_finding_count(r), n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(nb_finding_fingerprint(nb_report_finding(r, i)),
                            nb_finding_fingerprint(nb_report_finding(R, i)));
    /* (once: a second parse changes nothing) */
    assert_int_equal(nb_report_parse(r, NULL, &err), 0);
    assert_int_equal(nb_report_finding_count(r), n);
    nb_report_free(r);

    /* checked straight after decoding: parse and bind run first */
    size_t len;
    const char *text = nb_report_text(R, &len);
    r = nb_report_decode(text, len, "mem.txt", &opt, &err);
    assert_non_null(r);
    assert_int_equal(nb_report_check(r, &err), 0);
    assert_int_equal(nb_report_stage_done(r), NB_STAGE_CHECKED);
    assert_int_equal(nb_report_finding_count(r), n);
    nb_report_free(r);

    /* an unknown form */
    r = nb_report_decode(text, len, "mem.txt", &opt, &err);
    assert_int_equal(nb_report_parse(r, FORMS, &err), 0);
    assert_int_equal(nb_report_bind(r, "gov-1999", &err), -1);
    assert_int_equal(err.code, NB_ERR_USAGE);
    assert_string_equal(err.file, "mem.txt");
    assert_int_equal(nb_report_stage_done(r), NB_STAGE_PARSED);
    assert_int_equal(nb_report_block_count(r), nb_report_block_count(R));
    assert_int_equal(nb_report_cell_count(r), 0);
    nb_report_free(r);
}

/* The typesetting interface sets any document: a block of the caller's before the report's own
 * comes out on the pages too, one more page or none; what it cannot take (a table handed in as
 * a block, a heading of level 7) fails the close, saying so, with no file left. */
static void typeset_any_document(void **state)
{
    (void)state;
    const char *root = getenv("NB_ROOT");
    char fonts[4096], a[4200], b[4200], c[4200];
    snprintf(fonts, sizeof fonts, "%s/fonts", root ? root : ".");
    char dir[] = "/tmp/nbapiXXXXXX";
    assert_non_null(mkdtemp(dir));
    snprintf(a, sizeof a, "%s/report.pdf", dir);
    snprintf(b, sizeof b, "%s/covered.pdf", dir);
    snprintf(c, sizeof c, "%s/bad.pdf", dir);
    nb_error err;
    nb_pdf_options po = {.fonts_dir = fonts, .creation_time_set = true};
    size_t alone = 0, covered = 0;
    assert_int_equal(nb_report_write_pdf(R, a, &po, &alone, &err), 0);
    assert_true(alone > 1);

    nb_typeset *ts = nb_typeset_open(b, "cover.txt", &po, &err);
    assert_non_null(ts);
    assert_int_equal(nb_typeset_block(ts, NB_BLOCK_HEADING, 1, "一、", "报送说明", 1), 0);
    assert_int_equal(
        nb_typeset_block(ts, NB_BLOCK_PARAGRAPH, 0, NULL, "以下为报告全文，请审阅。", 2), 0);
    nb_typeset_cell cells[] = {
        {"项目", 3, 0, 0}, {"数量", 3, 0, 0}, {"报告", 4, 0, 0}, {"1", 4, 0, 0}};
    assert_int_equal(nb_typeset_table(ts, 2, 2, 1, cells, 3), 0);
    /* header cells spanning rows (项目 over both header rows, 申请人情况 over 自然人) */
    nb_typeset_cell tall[] = {{"项目", 3, 0, 2},   {"申请人情况", 3, 0, 0}, {"", 3, 0, 0},
                              {"自然人", 3, 0, 0}, {"合计", 4, 0, 0},       {"5", 4, 0, 0}};
    assert_int_equal(nb_typeset_table(ts, 3, 2, 2, tall, 3), 0);
    assert_int_equal(nb_typeset_block(ts, NB_BLOCK_ATTACHMENT, 0, NULL, "附件", 5), 0);
    assert_int_equal(nb_typeset_report(ts, R, &err), 0);
    assert_int_equal(nb_typeset_close(ts, &covered, &err), 0);
    assert_true(covered == alone + 1 || covered == alone + 2);
    char cmd[9000];
    if (system("command -v pdftotext >/dev/null 2>&1") == 0) {
        snprintf(cmd, sizeof cmd,
                 "pdftotext '%s' - | tr -d ' \n' | grep -q "
                 "'报送说明以下为报告全文，请审阅。项目数量报告1'",
                 b);
        assert_int_equal(system(cmd), 0);
    }

    ts = nb_typeset_open(c, NULL, &po, &err);
    assert_non_null(ts);
    assert_int_equal(nb_typeset_block(ts, NB_BLOCK_TABLE, 0, NULL, "表", 1), -1);
    assert_int_equal(nb_typeset_block(ts, NB_BLOCK_HEADING, 7, NULL, "七级标题", 2), -1);
    /* a cell under a span must be empty: its text would never reach the page */
    nb_typeset_cell spanned[] = {
        {"申请人情况", 3, 2, 0}, {"自然人", 3, 0, 0}, {"1", 4, 0, 0}, {"2", 4, 0, 0}};
    assert_int_equal(nb_typeset_table(ts, 2, 2, 1, spanned, 3), -1);
    spanned[1].text = "";
    assert_int_equal(nb_typeset_table(ts, 2, 2, 1, spanned, 3), 0);
    /* and under a header cell spanning the rows below it */
    tall[2].text = "序号";
    assert_int_equal(nb_typeset_table(ts, 3, 2, 2, tall, 3), -1);
    assert_int_equal(nb_typeset_block(ts, NB_BLOCK_PARAGRAPH, 0, NULL, "正文。", 3), 0);
    assert_int_equal(nb_typeset_close(ts, &covered, &err), -1);
    assert_int_equal(err.code, NB_ERR_USAGE);
    assert_int_equal(covered, 0);
    assert_int_not_equal(access(c, F_OK), 0);
    /* and one given up leaves nothing */
    ts = nb_typeset_open(c, NULL, &po, &err);
    assert_non_null(ts);
    assert_int_equal(nb_typeset_report(ts, R, &err), 0);
    nb_typeset_abort(ts);
    assert_int_not_equal(access(c, F_OK), 0);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* An output that would overwrite an input is told apart by name and by file: the same path,
 * another path to the same file (a hard link), never standard input or output. */
static void output_is_input(void **state)
{
    (void)state;
    char dir[] = "/tmp/nbapiXXXXXX", a[64], b[64], c[64];
    assert_non_null(mkdtemp(dir));
    snprintf(a, sizeof a, "%s/a.txt", dir);
    snprintf(b, sizeof b, "%s/b.txt", dir);
    snprintf(c, sizeof c, "%s/c.txt", dir);
    FILE *f = fopen(a, "w");
    assert_non_null(f);
    fclose(f);
    assert_int_equal(link(a, b), 0);
    assert_true(nb_output_is_input(a, a));
    assert_true(nb_output_is_input(b, a));
    assert_false(nb_output_is_input(c, a)); /* (not there yet) */
    assert_false(nb_output_is_input("-", "-"));
    assert_false(nb_output_is_input(a, "-"));
    unlink(a);
    unlink(b);
    rmdir(dir);
}

/* Agency names as keys: folded, asides dropped, short forms written out; the same agency when the
 * longer key is the shorter with whole places before it. */
static void agency_keys(void **state)
{
    (void)state;
    char k[256];
    nb_agency_key(FORMS, "官渡區環保局", k, sizeof k);
    assert_string_equal(k, "官渡区环境保护局");
    nb_agency_key(FORMS, "昆明市官渡区环境保护局（昆明市官渡区环境监察大队）", k, sizeof k);
    assert_string_equal(k, "昆明市官渡区环境保护局");
    nb_agency_key(FORMS, "官渡区 政府", k, sizeof k);
    assert_string_equal(k, "官渡区人民政府");
    nb_agency_key(FORMS, "官渡区人民政府", k, sizeof k); /* (written out already) */
    assert_string_equal(k, "官渡区人民政府");
    nb_agency_key(NULL, "官渡区环保局", k, sizeof k); /* no forms: no short forms */
    assert_string_equal(k, "官渡区环保局");
    char small[8];
    size_t need = nb_agency_key(FORMS, "昆明市官渡区环境保护局", small, sizeof small);
    assert_int_equal(need, strlen("昆明市官渡区环境保护局"));
    assert_true(strlen(small) < sizeof small);
    assert_true(nb_agency_same("昆明市官渡区环境保护局", "官渡区环境保护局"));
    assert_true(nb_agency_same("官渡区环境保护局", "昆明市官渡区环境保护局"));
    assert_true(nb_agency_same("扬州市五华区司法局", "五华区司法局")); /* 扬州 | 市 is no cut */
    assert_true(nb_agency_same("云南省昆明市官渡区司法局", "官渡区司法局"));
    assert_false(nb_agency_same("官渡区环境保护局", "环境保护局")); /* any district's */
    assert_false(nb_agency_same("昆明市官渡区环境保护局", "曲靖市官渡区环境保护局"));
    assert_false(nb_agency_same("昆明市市场监督管理局", "市场监督管理局"));
    assert_false(nb_agency_same("官渡区司法局", "西山区司法局"));
    assert_false(nb_agency_same("官渡区人民政府办公室", "官渡区人民政府"));
    assert_false(nb_agency_same("", ""));
    assert_false(nb_agency_same(NULL, "官渡区司法局"));
    /* a hostile name (市 a thousand times: every cut a place) is decided at once, not by trying
     * every way of cutting it */
    char l[4096] = "", sh[4096] = "";
    for (int i = 0; i < 1000; i++) strcat(l, "市");
    for (int i = 0; i < 200; i++) strcat(sh, "市");
    strcat(l, "司法局"), strcat(sh, "司法局");
    assert_false(nb_agency_same(l, sh)); /* (no run of places is 1 KB long) */
    l[3 * 300] = '\0', strcat(l, "司法局");
    assert_true(nb_agency_same(l, sh)); /* 市市 is a place by the rules: a hundred of them */
}

/* Year against year through the API: once per report; not with itself; years that are not
 * consecutive are one UNCERTAIN finding, never a pass. */
static void previous_year(void **state)
{
    (void)state;
    char path[4096];
    sample_path(path, sizeof path);
    nb_options opt;
    nb_options_init(&opt);
    opt.forms = FORMS;
    nb_error err;
    nb_report *r = nb_report_open(path, &opt, &err), *p = nb_report_open(path, &opt, &err);
    assert_non_null(r);
    assert_non_null(p);
    assert_int_equal(nb_report_check_previous(r, r, &err), -1);
    assert_int_equal(err.code, NB_ERR_USAGE);
    assert_null(nb_report_previous(r));
    assert_int_equal(nb_report_check_previous(r, p, &err), 0); /* (runs r's checks first) */
    assert_true(nb_report_checked(r));
    assert_string_equal(nb_report_previous(r), path);
    size_t n = nb_report_finding_count(r), pairs = 0;
    const nb_finding *f;
    for (size_t i = 0; (f = nb_report_finding(r, i)); i++)
        if (!strcmp(nb_finding_rule(f), "years.pair")) {
            pairs++;
            assert_int_equal(nb_finding_status(f), NB_STATUS_UNCERTAIN);
            assert_non_null(strstr(nb_finding_message(f, "en"), "not the year after"));
        }
    assert_int_equal(pairs, 1); /* 2017 against 2017 */
    assert_int_equal(nb_report_check_previous(r, p, &err), 0);
    assert_int_equal(nb_report_finding_count(r), n); /* (once) */
    nb_report_free(p);                               /* the findings keep what they cite */
    for (size_t i = 0; (f = nb_report_finding(r, i)); i++)
        for (size_t k = 0; k < nb_finding_evidence_count(f); k++) {
            const char *v, *t;
            nb_finding_evidence(f, k, &v, &t);
            assert_non_null(v);
            assert_non_null(t);
            (void)nb_finding_evidence_file(f, k);
        }
    nb_report_free(r);
}

/* A caller's members come last in the JSON object, after the report's own. */
static void render_with_fields(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    nb_render_field fields[] = {{.key = "pdf_pages", .number = 8},
                                {.key = "input_record", .text = "a\"b"}};
    nb_error err;
    assert_int_equal(nb_report_render_fields(R, m, NB_FORMAT_JSON, 0, fields, 2, &err), 0);
    fclose(m);
    const char *tail = ",\"pdf_pages\":8,\"input_record\":\"a\\\"b\"}\n";
    assert_true(len > strlen(tail));
    assert_string_equal(buf + len - strlen(tail), tail);
    free(buf);
}

/* The checks as a stage of their own: a report opened without them has no finding until
 * nb_report_check, then the same ones as a report opened with them; a second call changes
 * nothing. */
static void checks_as_a_stage(void **state)
{
    (void)state;
    char path[4096];
    sample_path(path, sizeof path);
    nb_options opt;
    nb_options_init(&opt);
    opt.forms = FORMS;
    nb_error err;
    nb_report *r = nb_report_open(path, &opt, &err);
    assert_non_null(r);
    assert_int_equal(nb_report_finding_count(r), 0);
    assert_int_equal(nb_report_check(r, &err), 0);
    size_t n = nb_report_finding_count(r);
    assert_int_equal(n, nb_report_finding_count(R));
    for (size_t i = 0; i < n; i++)
        assert_string_equal(nb_finding_fingerprint(nb_report_finding(r, i)),
                            nb_finding_fingerprint(nb_report_finding(R, i)));
    assert_int_equal(nb_report_check(r, &err), 0);
    assert_int_equal(nb_report_finding_count(r), n);
    nb_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version),
        cmocka_unit_test(the_sample_discrepancy),
        cmocka_unit_test(the_bound_cell),
        cmocka_unit_test(the_document_tree),
        cmocka_unit_test(render_with_flags),
        cmocka_unit_test(shared_font_set),
        cmocka_unit_test(checks_as_a_stage),
        cmocka_unit_test(typeset_any_document),
        cmocka_unit_test(render_with_fields),
        cmocka_unit_test(output_is_input),
        cmocka_unit_test(agency_keys),
        cmocka_unit_test(previous_year),
        cmocka_unit_test(stages_one_by_one),
        cmocka_unit_test(figures_and_readings),
    };
    return cmocka_run_group_tests_name("api", tests, setup, teardown);
}
