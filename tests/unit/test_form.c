/*
 * test_form.c — form files, binding table cells to them, and prose figures.
 *
 * The values expected for the real reports are those of tests/data/real/SOURCES.md (checked
 * by hand against each file); beyond them every identity of 表三 and 表四 is checked over the
 * bound cells, which holds only when all 175 + 15 values landed in the right cells.
 */
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

static char *root_path(const char *rel)
{
    static char path[4096];
    const char *root = getenv("NB_ROOT");
    snprintf(path, sizeof path, "%s/%s", root ? root : ".", rel);
    return path;
}

static int setup(void **state)
{
    (void)state;
    nb_error err;
    FORMS = nb_formset_load(root_path("forms"), &err);
    if (!FORMS) fprintf(stderr, "%s\n", err.message);
    return FORMS ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    nb_formset_free(FORMS);
    return 0;
}

static nb_report *report_from(const char *bytes, size_t len, const char *form)
{
    nb_options opt;
    nb_options_init(&opt);
    opt.forms = FORMS;
    opt.form = form;
    nb_error err;
    nb_report *r = nb_report_from_bytes(bytes, len, "t.txt", &opt, &err);
    if (!r) fail_msg("%s", err.message);
    return r;
}

static nb_report *report_file(const char *rel)
{
    size_t len;
    char *bytes = tu_read(rel, &len);
    nb_report *r = report_from(bytes, len, NULL);
    free(bytes);
    return r;
}

static const nb_bound_cell *cell(const nb_report *r, const char *id)
{
    size_t row;
    long col;
    if (!r->form || !form_find_cell(r->form, id, &row, &col)) fail_msg("no cell %s", id);
    return binding_find(&r->binding, row, col);
}

/* The value of a bound cell as a long long; fails when it is not a number or zero. */
static long long value(const nb_report *r, const char *id)
{
    const nb_bound_cell *c = cell(r, id);
    if (!c) fail_msg("%s is not bound", id);
    if (c->status != NB_CELL_NUMBER && c->status != NB_CELL_ZERO)
        fail_msg("%s is %s ('%s')", id, nb_cell_status_name(c->status), c->raw);
    return (long long)c->value.units;
}

static const nb_figure *figure_for(const nb_report *r, const char *cell_id)
{
    for (size_t i = 0; i < r->figures.n; i++) {
        const nb_form_pattern *p = &r->form->patterns[r->figures.items[i].pattern];
        if (p->ncells && strcmp(form_operand_id(r->form, p->cells[0]), cell_id) == 0)
            return &r->figures.items[i];
    }
    return NULL;
}

/* ---- the sample --------------------------------------------------------------------------- */

static void check_sample_binding(const nb_report *r)
{
    assert_non_null(r->form);
    assert_string_equal(r->form->id, "gov-2008");
    assert_int_equal(r->binding.ncells, 58);
    assert_int_equal(value(r, "active.channel.website"), 155);
    assert_int_equal(value(r, "active.channel.weibo"), 200);
    assert_int_equal(value(r, "active.total"), 0);
    assert_int_equal(value(r, "org.staff"), 3);
    assert_int_equal(value(r, "org.staff.full_time"), 2);
    assert_int_equal(value(r, "org.staff.part_time"), 1);
    assert_int_equal(value(r, "meetings.trainings"), 1);
    assert_int_equal(value(r, "meetings.trainees"), 50);
    const nb_bound_cell *budget = cell(r, "org.budget");
    assert_non_null(budget);
    assert_int_equal(budget->value.units, 5);
    assert_int_equal(budget->value.decimals, 1);
    assert_int_equal(cell(r, "active.channel.website")->line, 41);
    /* every value row of the table is bound once */
    for (size_t i = 1; i < r->binding.ncells; i++)
        assert_true(r->binding.cells[i].row != r->binding.cells[i - 1].row);

    const nb_figure *web = figure_for(r, "active.channel.website");
    assert_non_null(web);
    assert_int_equal(web->value.units, 98);
    assert_int_equal(web->value.qualifier, NB_QUAL_EXACT);
    assert_string_equal(web->value.unit, "条");
    assert_int_equal(web->line, 13);
    const nb_figure *weibo = figure_for(r, "active.channel.weibo");
    assert_non_null(weibo);
    assert_int_equal(weibo->value.units, 300);
    assert_int_equal(weibo->value.qualifier, NB_QUAL_AT_LEAST);
    assert_string_equal(weibo->value.unit, "篇");
    const nb_figure *train = figure_for(r, "meetings.trainings");
    assert_non_null(train);
    assert_int_equal(train->value.units, 3);
    assert_string_equal(train->value.unit, "次");
    assert_int_equal(train->line, 8);
    assert_int_equal(r->figures.n, 3);
}

static void sample_binds_every_value_and_figure(void **state)
{
    (void)state;
    nb_report *r = report_file("examples/guandu-2017.txt");
    check_sample_binding(r);
    nb_report_free(r);
}

static void big5_traditional_sample_binds_the_same(void **state)
{
    (void)state;
    size_t ulen, blen;
    char *utf8 = tu_read("tests/data/guandu-2017-trad.txt", &ulen);
    char *big5 = tu_convert(utf8, ulen, "BIG5", &blen);
    assert_non_null(big5);
    nb_report *r = report_from(big5, blen, NULL);
    assert_int_equal(nb_report_encoding(r), NB_ENC_BIG5);
    check_sample_binding(r);
    nb_report_free(r);
    free(big5);
    free(utf8);
}

/* The sample with every ASCII digit of its table and prose written full-width. */
static void fullwidth_digits_bind_the_same(void **state)
{
    (void)state;
    size_t len;
    char *utf8 = tu_read("examples/guandu-2017.txt", &len);
    char *wide = malloc(len * 3 + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        if (utf8[i] >= '0' && utf8[i] <= '9' && i > 300) { /* keep the title's year */
            wide[n++] = (char)0xEF, wide[n++] = (char)0xBC,
            wide[n++] = (char)(0x90 + utf8[i] - '0');
        } else {
            wide[n++] = utf8[i];
        }
    }
    nb_report *r = report_from(wide, n, NULL);
    check_sample_binding(r);
    assert_string_equal(cell(r, "active.channel.website")->raw, "１５５");
    nb_report_free(r);
    free(wide);
    free(utf8);
}

/* ---- the real reports ---------------------------------------------------------------------- */

static const char *const APPLICANTS[] = {"natural", "commercial", "research", "social",
                                         "legal",   "other",      "total"};

static long long v(const nb_report *r, const char *row, const char *col)
{
    char id[128];
    snprintf(id, sizeof id, "%s/%s", row, col);
    return value(r, id);
}

/* Every identity of 表三 and 表四 over the bound cells (skipping a blank cell's row). */
static void check_identities(const nb_report *r, const char *blank_row)
{
    static const char *const rows[] = {
        "t3.new",      "t3.carried",  "t3.open",     "t3.partial",  "t3.refuse.1",
        "t3.refuse.2", "t3.refuse.3", "t3.refuse.4", "t3.refuse.5", "t3.refuse.6",
        "t3.refuse.7", "t3.refuse.8", "t3.unable.1", "t3.unable.2", "t3.unable.3",
        "t3.ignore.1", "t3.ignore.2", "t3.ignore.3", "t3.ignore.4", "t3.ignore.5",
        "t3.other.1",  "t3.other.2",  "t3.other.3",  "t3.total",    "t3.carry_next"};
    size_t t3 = 0, t4 = 0;
    for (size_t i = 0; i < r->binding.ncells; i++) {
        const char *id = r->form->rows[r->binding.cells[i].row].id;
        t3 += strncmp(id, "t3.", 3) == 0;
        t4 += strncmp(id, "t4.", 3) == 0;
    }
    assert_int_equal(t3, 175);
    assert_int_equal(t4, 15);
    for (size_t k = 0; k < 25; k++) {
        if (blank_row && strcmp(rows[k], blank_row) == 0) continue;
        long long sum = 0;
        for (size_t c = 0; c < 6; c++) sum += v(r, rows[k], APPLICANTS[c]);
        if (sum != v(r, rows[k], "total")) fail_msg("%s: row sum %lld", rows[k], sum);
    }
    for (size_t c = 0; c < 7; c++) {
        if (blank_row && c == 6) continue;
        long long outcomes = 0;
        for (size_t k = 2; k < 23; k++) outcomes += v(r, rows[k], APPLICANTS[c]);
        assert_int_equal(outcomes, v(r, "t3.total", APPLICANTS[c]));
        assert_int_equal(v(r, "t3.new", APPLICANTS[c]) + v(r, "t3.carried", APPLICANTS[c]),
                         v(r, "t3.total", APPLICANTS[c]) + v(r, "t3.carry_next", APPLICANTS[c]));
    }
    const char *blocks[] = {"t4.review", "t4.direct", "t4.after"};
    for (size_t b = 0; b < 3; b++)
        assert_int_equal(v(r, blocks[b], "upheld") + v(r, blocks[b], "corrected") +
                             v(r, blocks[b], "other") + v(r, blocks[b], "pending"),
                         v(r, blocks[b], "total"));
}

static void real_reports_bind_tables_three_and_four(void **state)
{
    (void)state;
    const struct {
        const char *file;
        long long t3[4]; /* new, carried, total, carry_next (总计 column) */
        long long t4[3]; /* review, direct, after totals */
        long long upheld_review;
    } cases[] = {
        {"tests/data/real/2024_huaian_layout.txt", {3119, 34, 3050, 103}, {351, 26, 20}, 72},
        /* 表四 printed in runs out of the form's order (the merged header cells read first) */
        {"tests/data/real/2024_huaian_raw.txt", {3119, 34, 3050, 103}, {351, 26, 20}, 72},
        {"tests/data/real/2025_shuyang_xian.txt", {713, 36, 718, 31}, {61, 3, 10}, 27},
        {"tests/data/real/2025_shanghai_bgt.txt", {1295, 189, 1191, 293}, {55, 12, 22}, 40},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nb_report *r = report_file(cases[i].file);
        assert_string_equal(r->form->id, "gov-2021");
        check_identities(r, NULL);
        assert_int_equal(v(r, "t3.new", "total"), cases[i].t3[0]);
        assert_int_equal(v(r, "t3.carried", "total"), cases[i].t3[1]);
        assert_int_equal(v(r, "t3.total", "total"), cases[i].t3[2]);
        assert_int_equal(v(r, "t3.carry_next", "total"), cases[i].t3[3]);
        assert_int_equal(v(r, "t4.review", "total"), cases[i].t4[0]);
        assert_int_equal(v(r, "t4.direct", "total"), cases[i].t4[1]);
        assert_int_equal(v(r, "t4.after", "total"), cases[i].t4[2]);
        assert_int_equal(v(r, "t4.review", "upheld"), cases[i].upheld_review);
        nb_report_free(r);
    }
}

static void kewei_blank_total_is_blank(void **state)
{
    (void)state;
    nb_report *r = report_file("tests/data/real/2024_shanghai_kewei.txt");
    check_identities(r, "t3.carry_next");
    assert_int_equal(v(r, "t3.new", "total"), 34);
    assert_int_equal(v(r, "t3.carried", "total"), 2);
    assert_int_equal(v(r, "t3.total", "total"), 35);
    assert_int_equal(v(r, "t3.carry_next", "natural"), 1);
    const nb_bound_cell *blank = cell(r, "t3.carry_next/total");
    assert_non_null(blank);
    assert_int_equal(blank->status, NB_CELL_BLANK);
    assert_int_equal(blank->line, 178);
    assert_int_equal(v(r, "t4.review", "total"), 1);
    /* prose: 同意公开 9, 部分 0, 不予公开 2, 无法提供 10, 不予处理 0, 其他处理 14 */
    const struct {
        const char *cell;
        long long value;
    } figs[] = {{"t3.open/total", 9},        {"t3.partial/total", 0},    {"t3.refuse_all/total", 2},
                {"t3.unable_all/total", 10}, {"t3.ignore_all/total", 0}, {"t3.other_all/total", 14},
                {"t3.carry_next/total", 1},  {"t4.litigation/total", 0}};
    for (size_t i = 0; i < sizeof figs / sizeof figs[0]; i++) {
        const nb_figure *f = figure_for(r, figs[i].cell);
        if (!f) fail_msg("no figure for %s", figs[i].cell);
        assert_int_equal(f->value.units, figs[i].value);
    }
    nb_report_free(r);
}

/* "受理3259件，答复3278件": each number goes with the verb right before it. */
static void numbers_bind_to_the_nearest_phrase(void **state)
{
    (void)state;
    const char *text = "某局2022年政府信息公开工作年度报告\n"
                       "一、总体情况\n"
                       "全年受理3259件，答复3278件，上年结转12件。\n";
    nb_report *r = report_from(text, strlen(text), "gov-2021");
    const nb_figure *answered = figure_for(r, "t3.total/total");
    assert_non_null(answered);
    assert_int_equal(answered->value.units, 3278);
    const nb_figure *carried = figure_for(r, "t3.carried/total");
    assert_non_null(carried);
    assert_int_equal(carried->value.units, 12);
    nb_report_free(r);
}

/* ---- label variants ------------------------------------------------------------------------ */

static void label_variants_of_each_form(void **state)
{
    (void)state;
    /* pre-2019: full-width brackets, no 其中:, spaces, a traditional character, no number */
    const char *old = "某局2015年政府信息公开工作年度报告\n"
                      "统计指标 | 单位 | 统计数 |\n"
                      "（一）主动公开政府信息数 | 条 | 12 |\n"
                      "主动公开规范性文件数 | 条 | 3 |\n"
                      "2 . 政府網站公开政府信息数 | 条 | 9 |\n"
                      "(三) 从事政府信息公开工作人员数 | 人 | 4 |\n"
                      "专职人员数 | 人 | 1 |\n";
    nb_report *r = report_from(old, strlen(old), NULL);
    assert_string_equal(r->form->id, "gov-2008");
    assert_int_equal(value(r, "active.total"), 12);
    assert_int_equal(value(r, "active.normative"), 3);
    assert_int_equal(value(r, "active.channel.website"), 9);
    assert_int_equal(value(r, "org.staff"), 4);
    assert_int_equal(value(r, "org.staff.full_time"), 1);
    nb_report_free(r);

    /* 2021: half-width brackets, 规范性文件 for 行政规范性文件, wrapped and cut labels */
    const char *y2021 = "某局2023年政府信息公开工作年度报告\n"
                        "二、主动公开政府信息情况\n"
                        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
                        "|---|---|---|---|\n"
                        "| 规范性文件 | 2 | 1 | 30 |\n"
                        "三、收到和处理政府信息公开申请情况\n"
                        "| (一)予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |\n"
                        "| （二）部分公开（区分处理的，只 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n"
                        "| 1.申请人无正当理由逾期不补正、行政 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |\n"
                        "| (七) 总计 | 6 | 0 | 0 | 0 | 0 | 0 | 6 |\n";
    r = report_from(y2021, strlen(y2021), NULL);
    assert_string_equal(r->form->id, "gov-2021");
    assert_int_equal(v(r, "t2.normative", "issued"), 2);
    assert_int_equal(v(r, "t2.normative", "valid"), 30);
    assert_int_equal(v(r, "t3.open", "total"), 1);
    assert_int_equal(v(r, "t3.partial", "natural"), 2);
    assert_int_equal(v(r, "t3.other.1", "total"), 3);
    assert_int_equal(v(r, "t3.total", "total"), 6);
    nb_report_free(r);

    /* 2019: （六）其他处理 as one row, 表二 with 本年新制作数量 */
    const char *y2019 = "某局2019年政府信息公开工作年度报告\n"
                        "二、主动公开政府信息情况\n"
                        "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |\n"
                        "|---|---|---|---|\n"
                        "| 规范性文件 | 4 | 4 | 40 |\n"
                        "三、收到和处理政府信息公开申请情况\n"
                        "| （六）其他处理 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n"
                        "| （七）总计 | 5 | 0 | 0 | 0 | 0 | 0 | 5 |\n";
    r = report_from(y2019, strlen(y2019), NULL);
    assert_string_equal(r->form->id, "gov-2019");
    assert_int_equal(v(r, "t2.normative", "made"), 4);
    assert_int_equal(v(r, "t2.normative", "public_total"), 40);
    assert_int_equal(v(r, "t3.other", "total"), 5);
    nb_report_free(r);
}

static void no_recognizable_form_still_parses(void **state)
{
    (void)state;
    const char *text = "某局2022年工作总结\n一、总体情况\n今年工作顺利。\n| 甲 | 乙 |\n| 1 | 2 |\n";
    nb_report *r = report_from(text, strlen(text), NULL);
    assert_null(r->form);
    assert_int_equal(r->binding.ncells, 0);
    assert_int_equal(r->doc.ntables, 1);
    nb_report_free(r);
}

/* ---- broken form files --------------------------------------------------------------------- */

static void broken_form_files_are_named(void **state)
{
    (void)state;
    const struct {
        const char *json, *want;
    } cases[] = {
        {"{\"id\": \"x\",", "x.json:1:"},
        {"[1, 2]", "x.json: invalid form file: $: expected an object"},
        {"{\"id\": \"x\", \"tables\": []}", "$.tables: expected a non-empty array"},
        {"{\"id\": \"x\", \"tables\": [{\"id\": \"t\", \"rows\": [{\"id\": \"a\"}]}]}",
         "$.tables[0].rows[0].label: missing"},
        {"{\"id\": \"x\", \"tables\": [{\"id\": \"t\", \"rows\": [{\"id\": \"a\", \"label\": "
         "5}]}]}",
         "$.tables[0].rows[0].label: expected a string"},
        {"{\"id\": \"x\", \"tables\": [{\"id\": \"t\", \"rows\": [{\"id\": \"a\", \"label\": "
         "\"甲\"}]}],"
         " \"rules\": [{\"id\": \"r\", \"check\": \"equal\", \"severity\": \"error\", \"left\": "
         "[\"a\"], \"right\": [\"b\"]}]}",
         "$.rules[0].right[0]: \"b\" names no cell"},
        {"{\"id\": \"x\", \"tables\": [{\"id\": \"t\", \"rows\": [{\"id\": \"a\", \"label\": "
         "\"甲\"}]}],"
         " \"rules\": [{\"id\": \"r\", \"check\": \"sum\", \"severity\": \"error\"}]}",
         "$.rules[0].check: expected"},
        {"{\"id\": \"x\", \"tables\": [{\"id\": \"t\", \"rows\": [{\"id\": \"a\", \"label\": "
         "\"甲\"}]}],"
         " \"patterns\": [{\"id\": \"p\", \"cell\": \"a\", \"pattern\": \"(发布{NUM}\"}]}",
         "$.patterns[0].pattern: does not compile"},
        {"{\"id\": \"x\", \"tables\": [{\"id\": \"t\", \"rows\": [{\"id\": \"a\", \"label\": "
         "\"甲\"}]}],"
         " \"patterns\": [{\"id\": \"p\", \"cell\": \"zz\", \"pattern\": \"发布{NUM}\"}]}",
         "$.patterns[0].cell: names no cell"},
        {"{\"id\": \"x\", \"tables\": [{\"id\": \"t\", \"columns\": [{\"id\": \"c\", \"label\": "
         "\"列\"}],"
         " \"rows\": [{\"id\": \"a\", \"label\": \"甲\", \"columns\": [\"d\"]}]}]}",
         "$.tables[0].rows[0].columns[0]: no such column"},
    };
    char dir[] = "/tmp/nbformsXXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/x.json", dir);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FILE *f = fopen(path, "w");
        fputs(cases[i].json, f);
        fclose(f);
        nb_error err;
        nb_form *form = form_load(path, &err);
        if (form) fail_msg("case %zu loaded", i);
        char msg[1200];
        nb_error_format(&err, msg, sizeof msg);
        if (!strstr(msg, cases[i].want))
            fail_msg("case %zu: '%s' lacks '%s'", i, msg, cases[i].want);
        nb_formset *fs = nb_formset_load(dir, &err);
        assert_null(fs);
    }
    remove(path);
    rmdir(dir);
}

/* ---- forms that extend forms --------------------------------------------------------------- */

static const nb_form *form_of(const nb_formset *fs, const char *id)
{
    for (size_t i = 0; i < fs->nforms; i++)
        if (strcmp(fs->forms[i]->id, id) == 0) return fs->forms[i];
    fail_msg("no form %s", id);
    return NULL;
}

static long table_of(const nb_form *f, const char *id)
{
    for (size_t t = 0; t < f->ntables; t++)
        if (strcmp(f->tables[t].id, id) == 0) return (long)t;
    return -1;
}

/* The row ids of a table, space-separated. */
static void row_ids(const nb_form *f, const char *table, char *out, size_t size)
{
    long t = table_of(f, table);
    assert_true(t >= 0);
    size_t n = 0;
    out[0] = '\0';
    for (size_t r = 0; r < f->tables[t].nrows; r++)
        n += (size_t)snprintf(out + n, size - n, "%s%s", r ? " " : "",
                              f->rows[f->tables[t].first_row + r].id);
}

/* gov-2021 is a patch over gov-2019: its 表二 replaces 2019's whole, its 表三 has （六） in three
 * sub-rows where 2019 has one row, and both share base.json's vocabulary (the abstract base is
 * never a form of the set). */
/* The labels the template prints over a row and over a column (typesetting in the form's
 * layout) come through nb_report_cell, outermost first; 2021's new rows of （六）其他处理 have
 * their own. */
static void cells_carry_the_forms_group_labels(void **state)
{
    (void)state;
    nb_report *r = report_file("tests/data/real/2024_huaian_raw.txt");
    nb_cell_info c;
    size_t found = 0;
    for (size_t i = 0; nb_report_cell(r, i, &c); i++) {
        if (strcmp(c.id, "t3.refuse.1/natural") == 0) {
            assert_int_equal(c.ngroups, 2);
            assert_string_equal(c.groups[0], "三、本年度办理结果");
            assert_string_equal(c.groups[1], "（三）不予公开");
            assert_int_equal(c.ncolumn_groups, 1); /* 自然人: under 申请人情况 alone */
            assert_string_equal(c.column_groups[0], "申请人情况");
            found++;
        } else if (strcmp(c.id, "t3.other.3/total") == 0) {
            assert_int_equal(c.ngroups, 2);
            assert_string_equal(c.groups[1], "（六）其他处理");
            assert_int_equal(c.ncolumn_groups, 1);
            found++;
        } else if (strcmp(c.id, "t3.new/legal") == 0) {
            assert_int_equal(c.ncolumn_groups, 2);
            assert_string_equal(c.column_groups[1], "法人或其他组织");
            found++;
        } else if (strcmp(c.id, "t4.review/total") == 0) {
            assert_int_equal(c.ncolumn_groups, 0);
            found++;
        } else if (strcmp(c.id, "t3.new/total") == 0) {
            assert_int_equal(c.ngroups, 0);
            found++;
        }
    }
    assert_int_equal(found, 5);
    nb_report_free(r);
}

static void forms_extend_their_base(void **state)
{
    (void)state;
    nb_formset *fs = tu_load_forms();
    assert_non_null(fs);
    for (size_t i = 0; i < fs->nforms; i++) assert_string_not_equal(fs->forms[i]->id, "base");
    const nb_form *f19 = form_of(fs, "gov-2019"), *f21 = form_of(fs, "gov-2021");
    char ids[2048];
    row_ids(f21, "t2", ids, sizeof ids);
    assert_string_equal(ids, "t2.rules t2.normative t2.license t2.penalty t2.enforcement t2.fees");
    assert_int_equal(f21->tables[table_of(f21, "t2")].ncols, 5);
    row_ids(f19, "t2", ids, sizeof ids);
    assert_string_equal(ids, "t2.rules t2.normative t2.license t2.other_services t2.penalty "
                             "t2.enforcement t2.fees t2.purchase");
    row_ids(f21, "t3", ids, sizeof ids);
    assert_non_null(strstr(ids, "t3.ignore.5 t3.other.1 t3.other.2 t3.other.3 t3.total"));
    row_ids(f19, "t3", ids, sizeof ids);
    assert_non_null(strstr(ids, "t3.ignore.5 t3.other t3.total"));
    /* the shared vocabulary reached every form */
    for (size_t i = 0; i < fs->nforms; i++) {
        assert_true(fs->forms[i]->ntrad > 100);
        assert_true(fs->forms[i]->nno_fees > 0);
    }
    assert_true(fs->vocab.sections.n >= 6);
    assert_true(fs->vocab.notes.n > 0);
    nb_formset_free(fs);
}

/* The merge rules, on small files: objects merge key by key, null removes a key, elements with
 * an id merge in place, "remove" drops one, "replace" puts one whole, a new one goes after the
 * element before it in the child's array; "abstract" is not inherited. */
static void extends_merges_by_id(void **state)
{
    (void)state;
    char dir[] = "/tmp/nbextXXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    const char *base =
        "{\"id\": \"b\", \"abstract\": true, \"title\": \"B\", \"traditional\": \"後后\","
        " \"tables\": [{\"id\": \"t\", \"title\": \"T\", \"rows\": ["
        "{\"id\": \"a\", \"label\": \"甲\"}, {\"id\": \"b\", \"label\": \"乙\", \"unit\": \"件\"},"
        "{\"id\": \"c\", \"label\": \"丙\"}, {\"id\": \"d\", \"label\": \"丁\"}]}]}";
    const char *child =
        "{\"id\": \"x\", \"extends\": \"b\", \"title\": null, \"tables\": [{\"id\": "
        "\"t\", \"rows\": [{\"id\": \"a\", \"label\": \"甲二\"}, {\"id\": \"n\", "
        "\"label\": \"新\"}, {\"id\": \"b\", \"replace\": true, \"label\": \"乙二\"},"
        " {\"id\": \"c\", \"remove\": true}]}]}";
    snprintf(path, sizeof path, "%s/b.json", dir);
    FILE *fp = fopen(path, "w");
    fputs(base, fp);
    fclose(fp);
    snprintf(path, sizeof path, "%s/x.json", dir);
    fp = fopen(path, "w");
    fputs(child, fp);
    fclose(fp);
    nb_error err;
    nb_form *f = form_load(path, &err);
    if (!f) fail_msg("%s", err.message);
    assert_false(f->abstract);
    assert_null(f->title);
    assert_int_equal(f->nrows, 4);
    assert_string_equal(f->rows[0].label, "甲二");
    assert_string_equal(f->rows[1].id, "n");
    assert_string_equal(f->rows[2].label, "乙二");
    assert_null(f->rows[2].unit); /* replaced whole: the base's unit is gone */
    assert_string_equal(f->rows[3].id, "d");
    assert_int_equal(form_fold_traditional(f, 0x5F8C), 0x540E); /* 後 -> 后, inherited */
    form_free(f);
    nb_formset *fs = nb_formset_load(dir, &err);
    assert_non_null(fs);
    assert_int_equal(fs->nforms, 1); /* b is abstract */
    nb_formset_free(fs);
    /* a cycle is refused, naming it */
    fp = fopen(path, "w");
    fputs("{\"id\": \"x\", \"extends\": \"x\"}", fp);
    fclose(fp);
    assert_null(form_load(path, &err));
    assert_non_null(strstr(err.message, "extends"));
    remove(path);
    snprintf(path, sizeof path, "%s/b.json", dir);
    remove(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_binds_every_value_and_figure),
        cmocka_unit_test(big5_traditional_sample_binds_the_same),
        cmocka_unit_test(fullwidth_digits_bind_the_same),
        cmocka_unit_test(real_reports_bind_tables_three_and_four),
        cmocka_unit_test(kewei_blank_total_is_blank),
        cmocka_unit_test(numbers_bind_to_the_nearest_phrase),
        cmocka_unit_test(label_variants_of_each_form),
        cmocka_unit_test(no_recognizable_form_still_parses),
        cmocka_unit_test(broken_form_files_are_named),
        cmocka_unit_test(forms_extend_their_base),
        cmocka_unit_test(cells_carry_the_forms_group_labels),
        cmocka_unit_test(extends_merges_by_id),
    };
    return cmocka_run_group_tests_name("form", tests, setup, teardown);
}
