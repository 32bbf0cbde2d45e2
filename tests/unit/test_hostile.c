/*
 * test_hostile.c — any input through the whole pipeline: no crash, no hang, bounded memory,
 * and a clear error naming file and line when a limit is hit. Every file in tests/regress/
 * (inputs that once broke something, kept as regression tests) goes through it too.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "form.h"
#include "nianbao.h"
#include "report.h"
#include "testutil.h"

static nb_formset *FORMS;

static int setup(void **state)
{
    (void)state;
    FORMS = tu_load_forms();
    return FORMS ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    nb_formset_free(FORMS);
    return 0;
}

/* Runs the whole pipeline and every renderer; returns the report (NULL with err on failure). */
static nb_report *run(const char *bytes, size_t len, bool lenient, nb_options *custom,
                      nb_error *err)
{
    nb_options opt;
    nb_options_init(&opt);
    if (custom) opt = *custom;
    opt.forms = FORMS;
    opt.check = true;
    opt.lenient = lenient;
    nb_report *r = nb_report_from_bytes(bytes, len, "hostile.txt", &opt, err);
    if (!r) return NULL;
    FILE *out = fopen("/dev/null", "w");
    assert_non_null(out);
    assert_int_equal(nb_report_render(r, out, NB_FORMAT_JSON, NB_RENDER_PRETTY, err), 0);
    assert_int_equal(nb_report_render(r, out, NB_FORMAT_CELLS_CSV, NB_RENDER_HEADER, err), 0);
    assert_int_equal(nb_report_render(r, out, NB_FORMAT_FINDINGS,
                                      NB_RENDER_ENGLISH | NB_RENDER_COLOUR | NB_RENDER_SHOW_PASS,
                                      err),
                     0);
    assert_int_equal(nb_report_render(r, out, NB_FORMAT_FINDINGS_CSV,
                                      NB_RENDER_HEADER | NB_RENDER_SHOW_PASS, err),
                     0);
    assert_int_equal(nb_report_render(r, out, NB_FORMAT_SUMMARY, 0, err), 0);
    fclose(out);
    return r;
}

static void binary_garbage(void **state)
{
    (void)state;
    /* an ELF header and random bytes */
    char buf[8192] = "\x7f"
                     "ELF\x02\x01\x01";
    uint32_t seed = 99;
    for (size_t i = 7; i < sizeof buf; i++) {
        seed = seed * 1664525u + 1013904223u;
        buf[i] = (char)(seed >> 24);
    }
    nb_error err;
    nb_report *r = run(buf, sizeof buf, false, NULL, &err);
    assert_null(r);
    assert_int_equal(err.code, NB_ERR_DECODE);
    assert_true(err.line >= 1);
    assert_string_equal(err.file, "hostile.txt");
    /* lenient: every bad sequence and NUL replaced and warned, and the run goes on */
    r = run(buf, sizeof buf, true, NULL, &err);
    assert_non_null(r);
    assert_true(nb_report_warning_count(r) > 0);
    nb_report_free(r);
}

static void empty_file(void **state)
{
    (void)state;
    nb_error err;
    nb_report *r = run("", 0, false, NULL, &err);
    assert_non_null(r);
    assert_int_equal(nb_report_line_count(r), 0);
    assert_null(nb_report_form(r));
    nb_report_free(r);
}

static char *repeat(const char *unit, size_t n, size_t *len)
{
    size_t l = strlen(unit);
    char *buf = malloc(l * n + 1);
    for (size_t i = 0; i < n; i++) memcpy(buf + i * l, unit, l);
    buf[l * n] = '\0';
    *len = l * n;
    return buf;
}

static void ten_megabytes_in_one_line(void **state)
{
    (void)state;
    size_t len;
    char *line = repeat("发布信息98条，", 10 * 1024 * 1024 / 21, &len);
    nb_error err;
    nb_report *r = run(line, len, false, NULL, &err);
    assert_non_null(r);
    assert_int_equal(nb_report_line_count(r), 1);
    nb_report_free(r);
    /* over a smaller limit: a clear error naming the line */
    nb_options opt;
    nb_options_init(&opt);
    opt.max_line_bytes = 1024 * 1024;
    r = run(line, len, false, &opt, &err);
    assert_null(r);
    assert_int_equal(err.code, NB_ERR_LIMIT);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.message, "--max-line-length"));
    free(line);
}

static void ten_thousand_rows(void **state)
{
    (void)state;
    size_t len;
    char *rows = repeat("2.政府网站公开政府信息数 | 条 | 155 |\n", 10000, &len);
    nb_error err;
    nb_report *r = run(rows, len, false, NULL, &err);
    assert_non_null(r);
    assert_int_equal(r->doc.tables[0].nrows, 10000);
    nb_report_free(r);
    nb_options opt;
    nb_options_init(&opt);
    opt.max_table_rows = 5000;
    r = run(rows, len, false, &opt, &err);
    assert_null(r);
    assert_int_equal(err.code, NB_ERR_LIMIT);
    assert_int_equal(err.line, 1);
    assert_non_null(strstr(err.message, "--max-table-rows"));
    free(rows);
}

static void a_hundred_thousand_digits(void **state)
{
    (void)state;
    size_t len;
    char *digits = repeat("9", 100000, &len);
    char *text = malloc(len + 300);
    int n = snprintf(text, 200, "某局2017年政府信息公开年度报告\n通过门户网站发布");
    memcpy(text + n, digits, len);
    strcpy(text + n + len, "条信息。\n2.政府网站公开政府信息数 | 条 | 155 |\n");
    nb_error err;
    nb_report *r = run(text, strlen(text), false, NULL, &err);
    assert_non_null(r);
    nb_check_counts c;
    nb_report_check_counts(r, &c);
    assert_int_equal(c.fail, 0); /* too large to compare: never a discrepancy */
    nb_report_free(r);
    free(text);
    free(digits);
}

static void deeply_nested_headings(void **state)
{
    (void)state;
    size_t len;
    char *h = repeat("一、甲乙丙丁\n（一）甲乙丙丁\n1.甲乙丙丁\n（1）甲乙丙丁\n一是甲乙。\n", 20000,
                     &len);
    nb_error err;
    /* 80,000 headings: more than the default limit, said with the line of the one too many */
    nb_report *r = run(h, len, false, NULL, &err);
    assert_null(r);
    assert_int_equal(err.code, NB_ERR_LIMIT);
    assert_int_equal(err.line, NB_DEFAULT_MAX_HEADINGS / 4 * 5 + 1); /* 4 headings in 5 lines */
    assert_non_null(strstr(err.message, "--max-headings"));
    /* and read whole when the limit is raised */
    nb_options opt;
    nb_options_init(&opt);
    opt.max_headings = 100000;
    r = run(h, len, false, &opt, &err);
    assert_non_null(r);
    nb_report_free(r);
    free(h);
}

static void mixed_encodings_in_one_file(void **state)
{
    (void)state;
    /* mostly UTF-8 with one GB18030 line: the majority decides, the odd line is named */
    const char *utf8 = "一、总体情况\n全年通过政府网站发布信息98条，微博发布信息200余条。\n"
                       "二、主动公开政府信息情况\n本年度制发规范性文件三件，均已公开。\n";
    size_t glen;
    char *gb = tu_convert("三、存在问题\n", strlen("三、存在问题\n"), "GB18030", &glen);
    size_t ulen = strlen(utf8);
    char *mixed = malloc(ulen + glen);
    memcpy(mixed, utf8, ulen);
    memcpy(mixed + ulen, gb, glen);
    nb_error err;
    nb_report *r = run(mixed, ulen + glen, false, NULL, &err);
    assert_null(r);
    assert_int_equal(err.code, NB_ERR_DECODE);
    assert_int_equal(err.line, 5); /* the GB18030 line */
    r = run(mixed, ulen + glen, true, NULL, &err);
    assert_non_null(r);
    assert_int_equal(nb_report_encoding(r), NB_ENC_UTF8);
    assert_true(nb_report_warning_count(r) > 0);
    nb_check_counts c;
    nb_report_check_counts(r, &c);
    assert_true(c.fail >= 1); /* doc.undecodable */
    nb_report_free(r);
    free(mixed);
    free(gb);
}

/* Every saved input that once broke something. */
static void regression_inputs(void **state)
{
    (void)state;
    const char *root = getenv("NB_ROOT");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/regress", root ? root : ".");
    DIR *d = opendir(dir);
    assert_non_null(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0) continue;
        char rel[512];
        snprintf(rel, sizeof rel, "tests/regress/%s", e->d_name);
        size_t len;
        char *bytes = tu_read(rel, &len);
        size_t nl = strlen(e->d_name);
        if (nl > 5 && strcmp(e->d_name + nl - 5, ".json") == 0) { /* a form file */
            nb_error err;
            nb_form *f = form_load_buffer(bytes, len, e->d_name, &err);
            if (f)
                form_free(f);
            else
                assert_true(err.message[0] != '\0');
        }
        for (int lenient = 0; lenient < 2; lenient++) {
            nb_error err;
            nb_report *r = run(bytes, len, lenient, NULL, &err);
            if (r) { /* and typeset: only a limit or a font may refuse, never an internal error */
                char pdf[] = "/tmp/nianbao-regress-XXXXXX";
                int fd = mkstemp(pdf);
                assert_true(fd >= 0);
                close(fd);
                nb_pdf_options po = {.fonts_dir = NB_SOURCE_FONTS_DIR, .creation_time = 1700000000};
                if (nb_report_write_pdf(r, pdf, &po, NULL, &err) != 0) {
                    print_message("# %s: %s\n", rel, err.message);
                    assert_int_not_equal(err.code, NB_ERR_INTERNAL);
                }
                unlink(pdf);
            }
            nb_report_free(r);
        }
        free(bytes);
        n++;
    }
    closedir(d);
    assert_true(n > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(binary_garbage),
        cmocka_unit_test(empty_file),
        cmocka_unit_test(ten_megabytes_in_one_line),
        cmocka_unit_test(ten_thousand_rows),
        cmocka_unit_test(a_hundred_thousand_digits),
        cmocka_unit_test(deeply_nested_headings),
        cmocka_unit_test(mixed_encodings_in_one_file),
        cmocka_unit_test(regression_inputs),
    };
    return cmocka_run_group_tests_name("hostile", tests, setup, teardown);
}
