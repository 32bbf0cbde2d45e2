/*
 * workbook.c — the reviewer's workbook (see workbook.h), from the public getters alone.
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include "workbook.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

enum {
    F_FILE,
    F_AGENCY,
    F_YEAR,
    F_SEVERITY,
    F_STATUS,
    F_RULE,
    F_MESSAGE,
    F_PROSE,
    F_TABLE,
    F_FINGERPRINT,
    F_VERDICT,
    F_N
};

typedef struct wb_finding {
    char *s[F_N];
    size_t line;
} wb_finding;

typedef struct wb_cell {
    char *id, *row, *column, *unit, *status, *raw;
    bool has_value;
    double value;
    size_t line;
} wb_cell;

struct wb_rows {
    char *file, *encoding, *form, *year, *agency, *error;
    size_t errors, warnings, infos, reviewed, made, total;
    wb_finding *findings;
    size_t nfindings;
    wb_cell *cells;
    size_t ncells;
    bool oom;
};

static char *copy_str(wb_rows *w, const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d) w->oom = true;
    return d;
}

/* Whether line falls in one of r's tables (the table side of a finding), else the prose. */
static bool in_table(const nb_report *r, size_t line)
{
    nb_table_info t;
    for (size_t k = 0; nb_report_table(r, k, &t); k++)
        if (line >= t.line_first && line <= t.line_last) return true;
    return false;
}

/* The evidence of f on one side, "第13行：98（门户网站发布98条）；…". */
static char *side(wb_rows *w, const nb_report *r, const nb_finding *f, bool table, bool en)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) {
        w->oom = true;
        return NULL;
    }
    size_t n = 0;
    for (size_t k = 0; k < nb_finding_evidence_count(f); k++) {
        const char *value, *text;
        size_t line = nb_finding_evidence(f, k, &value, &text);
        const char *other = nb_finding_evidence_file(f, k); /* the year before's report */
        if (!line || (other ? !table : in_table(r, line) != table)) continue;
        fprintf(m, en ? "%s%s%sline %zu: %s (%s)" : "%s%s%s第%zu行：%s（%s）",
                n++ ? (en ? "; " : "；") : "", other ? other : "", other ? (en ? ", " : " ") : "",
                line, value[0] ? value : "—", text);
    }
    if (fclose(m) != 0) {
        free(buf);
        w->oom = true;
        return NULL;
    }
    return buf;
}

static const char *severity_label(nb_severity s, bool en)
{
    static const char *const zh[] = {"错误", "警告", "提示"}, *const eng[] = {"error", "warning",
                                                                              "info"};
    return (en ? eng : zh)[s <= NB_SEV_INFO ? s : NB_SEV_INFO];
}

static const char *status_label(nb_status s, bool en)
{
    static const char *const zh[] = {"通过", "不通过", "无法确定", "无法核对"};
    return en ? nb_status_name(s) : zh[s <= NB_STATUS_NOT_ASSESSABLE ? s : 0];
}

wb_rows *wb_rows_of(const nb_report *r, bool en)
{
    wb_rows *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    nb_check_counts c;
    nb_report_check_counts(r, &c);
    w->file = copy_str(w, nb_report_file(r));
    w->encoding = copy_str(w, nb_encoding_name(nb_report_encoding(r)));
    w->form = copy_str(w, nb_report_form(r));
    w->year = copy_str(w, nb_report_year(r));
    w->agency = copy_str(w, nb_report_agency(r));
    w->errors = c.errors, w->warnings = c.warnings, w->infos = c.infos, w->reviewed = c.reviewed;
    w->made = c.rules_made, w->total = c.rules;
    size_t nf = nb_report_finding_count(r), nc = nb_report_cell_count(r);
    w->findings = calloc(nf + 1, sizeof *w->findings);
    w->cells = calloc(nc + 1, sizeof *w->cells);
    if (!w->findings || !w->cells) w->oom = true;
    const nb_finding *f;
    for (size_t i = 0; !w->oom && (f = nb_report_finding(r, i)); i++) {
        nb_review rv = nb_finding_review(f);
        if (nb_finding_status(f) == NB_STATUS_PASS || rv == NB_REVIEW_IGNORED) continue;
        wb_finding *o = &w->findings[w->nfindings++];
        o->line = nb_finding_line(f);
        o->s[F_FILE] = copy_str(w, nb_report_file(r));
        o->s[F_AGENCY] = copy_str(w, nb_report_agency(r));
        o->s[F_YEAR] = copy_str(w, nb_report_year(r));
        o->s[F_SEVERITY] = copy_str(w, severity_label(nb_finding_severity(f), en));
        o->s[F_STATUS] = copy_str(w, status_label(nb_finding_status(f), en));
        o->s[F_RULE] = copy_str(w, nb_finding_rule(f));
        o->s[F_MESSAGE] = copy_str(w, nb_finding_message(f, en ? "en" : "zh"));
        o->s[F_PROSE] = side(w, r, f, false, en);
        o->s[F_TABLE] = side(w, r, f, true, en);
        o->s[F_FINGERPRINT] = copy_str(w, nb_finding_fingerprint(f));
        /* (a finding a baseline holds comes marked; the reviewer writes the rest) */
        o->s[F_VERDICT] = copy_str(
            w, rv == NB_REVIEW_REVIEWED ? (en ? "reviewed (baseline)" : "已复核（基线）") : "");
    }
    nb_cell_info ci;
    for (size_t i = 0; !w->oom && nb_report_cell(r, i, &ci); i++) {
        wb_cell *o = &w->cells[w->ncells++];
        *o = (wb_cell){.id = copy_str(w, ci.id),
                       .row = copy_str(w, ci.row),
                       .column = copy_str(w, ci.column),
                       .unit = copy_str(w, ci.unit),
                       .status = copy_str(w, ci.status),
                       .raw = copy_str(w, ci.raw),
                       .has_value = ci.has_value,
                       .value = ci.number.number,
                       .line = ci.line};
    }
    if (w->oom) {
        wb_rows_free(w);
        return NULL;
    }
    return w;
}

wb_rows *wb_rows_failed(const char *file, const char *error)
{
    wb_rows *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->file = copy_str(w, file);
    w->error = copy_str(w, error);
    w->encoding = copy_str(w, ""), w->form = copy_str(w, ""), w->year = copy_str(w, ""),
    w->agency = copy_str(w, "");
    if (w->oom) {
        wb_rows_free(w);
        return NULL;
    }
    return w;
}

void wb_rows_free(wb_rows *w)
{
    if (!w) return;
    for (size_t i = 0; w->findings && i < w->nfindings; i++)
        for (int k = 0; k < F_N; k++) free(w->findings[i].s[k]);
    for (size_t i = 0; w->cells && i < w->ncells; i++) {
        wb_cell *c = &w->cells[i];
        free(c->id), free(c->row), free(c->column), free(c->unit), free(c->status), free(c->raw);
    }
    free(w->findings);
    free(w->cells);
    free(w->file), free(w->encoding), free(w->form), free(w->year), free(w->agency);
    free(w->error);
    free(w);
}

/* ---- writing ------------------------------------------------------------------------------ */

/* libxlsxwriter writes each part of the workbook to a temporary file first, which it creates
 * with a name in TMPDIR and unlinks at once: a process killed in between leaves the file
 * behind (seen in CI: kill -9 during a convert). This definition takes the place of the
 * library's own (an exported function: the program's definition is the one its calls reach)
 * and makes the file anonymous from the start (O_TMPFILE), with the library's way as the
 * fallback where the file system has no anonymous files. */
FILE *lxw_tmpfile(char *tmpdir)
{
    const char *dir = tmpdir && tmpdir[0] ? tmpdir : getenv("TMPDIR");
    if (!dir || !dir[0]) dir = "/tmp";
#ifdef O_TMPFILE
    int fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (fd >= 0) {
        FILE *f = fdopen(fd, "w+b");
        if (f) return f;
        close(fd);
    }
#endif
    return tmpfile();
}

/* The display width of s: a wide (CJK) character counts two. */
static double width_of(const char *s)
{
    double w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80) w += *p >= 0xE1 ? 2 : 1; /* (lead bytes of U+1000 and up) */
    return w;
}

typedef struct sheet {
    lxw_worksheet *ws;
    lxw_row_t row;
    double width[16];
    int ncols;
} sheet;

static void put(sheet *s, int col, const char *text, lxw_format *fmt)
{
    worksheet_write_string(s->ws, s->row, (lxw_col_t)col, text ? text : "", fmt);
    double w = width_of(text ? text : "");
    if (w > s->width[col]) s->width[col] = w;
}

static void put_number(sheet *s, int col, double v, lxw_format *fmt)
{
    worksheet_write_number(s->ws, s->row, (lxw_col_t)col, v, fmt);
    char buf[40];
    snprintf(buf, sizeof buf, "%g", v);
    if (width_of(buf) > s->width[col]) s->width[col] = width_of(buf);
}

static void header(sheet *s, const char *const *names, int n, lxw_format *bold)
{
    s->ncols = n;
    for (int i = 0; i < n; i++) put(s, i, names[i], bold);
    s->row++;
}

/* The header row frozen, filters over every column, widths fitted (within 6 and 60). */
static void finish(sheet *s)
{
    worksheet_freeze_panes(s->ws, 1, 0);
    worksheet_autofilter(s->ws, 0, 0, s->row ? s->row - 1 : 0, (lxw_col_t)(s->ncols - 1));
    for (int i = 0; i < s->ncols; i++) {
        double w = s->width[i] + 2;
        worksheet_set_column(s->ws, (lxw_col_t)i, (lxw_col_t)i, w < 6 ? 6 : w > 60 ? 60 : w, NULL);
    }
}

int wb_write(const char *path, wb_rows *const *rows, size_t n, bool summary, bool en,
             long long newest, char *why, size_t size)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    long long created = epoch ? strtoll(epoch, NULL, 10) : newest;
    nb_outfile of;
    if (nb_outfile_open(&of, path) != 0) {
        snprintf(why, size, "%s: %s", path, strerror(errno));
        return -1;
    }
    char name[4200];
    /* constant memory: each row goes to a temporary file once the next is begun (the sheets are
     * written a row at a time, in order), so that the workbook of an archive of thousands of
     * reports does not hold every cell in memory (it took 0.27 MB a report: 540 MB for 2,000) */
    lxw_workbook_options opts = {.constant_memory = LXW_TRUE};
    lxw_workbook *wb = workbook_new_opt(nb_outfile_name(&of, name, sizeof name), &opts);
    if (!wb) {
        nb_outfile_abort(&of);
        snprintf(why, size, "%s: %s", path, strerror(errno ? errno : ENOMEM));
        return -1;
    }
    /* (libxlsxwriter takes 0 for now: the first second stands for 1970 itself) */
    lxw_doc_properties props = {.title = en ? "nianbao findings" : "政府信息公开年报核对问题清单",
                                .created = created > 0 ? (time_t)created : 1};
    workbook_set_properties(wb, &props);
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    lxw_format *text = workbook_add_format(wb);
    format_set_num_format(text, "@"); /* (fingerprints: text, never a number) */

    sheet f = {.ws = workbook_add_worksheet(wb, en ? "Findings" : "问题清单")};
    static const char *const fz[] = {"文件",     "发布机关", "年度", "行号",
                                     "严重程度", "状态",     "规则", "说明",
                                     "正文一方", "表格一方", "指纹", "复核结论"};
    static const char *const fe[] = {"file",       "agency",     "year",        "line",
                                     "severity",   "status",     "rule",        "message",
                                     "prose side", "table side", "fingerprint", "verdict"};
    header(&f, en ? fe : fz, 12, bold);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < rows[i]->nfindings; k++, f.row++) {
            const wb_finding *x = &rows[i]->findings[k];
            put(&f, 0, x->s[F_FILE], NULL);
            put(&f, 1, x->s[F_AGENCY], NULL);
            put(&f, 2, x->s[F_YEAR], NULL);
            if (x->line) put_number(&f, 3, (double)x->line, NULL);
            for (int c = F_SEVERITY; c < F_N; c++)
                put(&f, c + 1, x->s[c], c == F_FINGERPRINT ? text : NULL);
        }
    finish(&f);

    sheet c = {.ws = workbook_add_worksheet(wb, en ? "Statistics" : "统计数据")};
    static const char *const cz[] = {"文件", "表式", "单元格", "行",   "列",
                                     "单位", "状态", "数值",   "原文", "行号"};
    static const char *const ce[] = {"file", "form",   "cell",  "row", "column",
                                     "unit", "status", "value", "raw", "line"};
    header(&c, en ? ce : cz, 10, bold);
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < rows[i]->ncells; k++, c.row++) {
            const wb_cell *x = &rows[i]->cells[k];
            put(&c, 0, rows[i]->file, NULL);
            put(&c, 1, rows[i]->form, NULL);
            put(&c, 2, x->id, NULL);
            put(&c, 3, x->row, NULL);
            put(&c, 4, x->column, NULL);
            put(&c, 5, x->unit, NULL);
            put(&c, 6, x->status, NULL);
            if (x->has_value) put_number(&c, 7, x->value, NULL);
            put(&c, 8, x->raw, text);
            if (x->line) put_number(&c, 9, (double)x->line, NULL);
        }
    finish(&c);

    if (summary) {
        sheet s = {.ws = workbook_add_worksheet(wb, en ? "Summary" : "汇总")};
        static const char *const sz[] = {"文件",     "编码",   "表式",   "年度",
                                         "发布机关", "错误",   "警告",   "提示",
                                         "已复核",   "已核对", "应核对", "出错原因"};
        static const char *const se[] = {"file",     "encoding",    "form",     "year",
                                         "agency",   "errors",      "warnings", "notes",
                                         "reviewed", "checks made", "checks",   "error"};
        header(&s, en ? se : sz, 12, bold);
        for (size_t i = 0; i < n; i++, s.row++) {
            const wb_rows *x = rows[i];
            put(&s, 0, x->file, NULL);
            put(&s, 1, x->encoding, NULL);
            put(&s, 2, x->form, NULL);
            put(&s, 3, x->year, NULL);
            put(&s, 4, x->agency, NULL);
            if (x->error) {
                put(&s, 11, x->error, NULL);
                continue;
            }
            put_number(&s, 5, (double)x->errors, NULL);
            put_number(&s, 6, (double)x->warnings, NULL);
            put_number(&s, 7, (double)x->infos, NULL);
            put_number(&s, 8, (double)x->reviewed, NULL);
            put_number(&s, 9, (double)x->made, NULL);
            put_number(&s, 10, (double)x->total, NULL);
        }
        finish(&s);
    }
    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        nb_outfile_abort(&of);
        snprintf(why, size, "%s: %s", path, lxw_strerror(e));
        return -1;
    }
    if (nb_outfile_commit(&of) != 0) {
        snprintf(why, size, "%s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}
