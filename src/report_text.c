/*
 * report_text.c — the report as a short human-readable summary (extract --format text).
 *
 * Must not: compute anything; it only renders what the stages produced.
 */
#include "report.h"

#include <string.h>

static size_t count_cells(const nb_table *t)
{
    size_t n = 0;
    for (size_t r = 0; r < t->nrows; r++) n += t->rows[r].ncells;
    return n;
}

int nb_report_write_summary(const nb_report *r, FILE *out)
{
    const nb_doc *d = &r->doc;
    fprintf(out, "%s: %s, %zu lines, %zu bytes", r->file, nb_encoding_name(r->text.encoding),
            r->text.nlines, r->input_bytes);
    size_t nw = r->text.nwarnings + r->text.warnings_dropped;
    if (nw) fprintf(out, ", %zu undecodable byte sequence%s replaced", nw, nw == 1 ? "" : "s");
    fputc('\n', out);
    if (d->title[0]) fprintf(out, "  title:  %s (line %zu)\n", d->title, d->title_line);
    if (d->agency[0]) fprintf(out, "  agency: %s\n", d->agency);
    if (d->year) fprintf(out, "  year:   %d\n", d->year);
    if (d->date_year)
        fprintf(out, "  date:   %04d-%02d-%02d (line %zu)\n", d->date_year, d->date_month,
                d->date_day, d->date_line);
    if (r->form)
        fprintf(out, "  form:   %s, %zu table cells bound, %zu prose figures\n", r->form->id,
                r->binding.ncells, r->figures.n);
    for (size_t i = 0; i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        if (b->kind == NB_BLOCK_HEADING)
            fprintf(out, "  %*s%s%s  (line %zu)\n", 2 * (b->level - 1), "", b->marker, b->text,
                    (size_t)b->line_first);
        else if (b->kind == NB_BLOCK_TABLE)
            fprintf(out, "  %*s[table, %s, %zu rows, %zu cells, lines %zu-%zu]\n", 2, "",
                    nb_table_syntax_name(d->tables[b->table].syntax), d->tables[b->table].nrows,
                    count_cells(&d->tables[b->table]), (size_t)b->line_first, (size_t)b->line_last);
    }
    return ferror(out) ? -1 : 0;
}

static const char *colour_of(nb_severity s)
{
    return s == NB_SEV_ERROR ? "\033[1;31m" : s == NB_SEV_WARNING ? "\033[1;35m" : "\033[1;36m";
}

/* What was checked, after the counts: the form's checks made out of its total, the prose
 * figures compared, and how each of the form's tables was read. */
static void write_coverage(const nb_report *r, const nb_check_counts *c, FILE *out, bool en)
{
    if (!r->form) {
        fputs(en ? "; no statistics form recognized: none of the statistics was checked\n"
                 : "；未识别出统计表，统计数据均未核对\n",
              out);
        return;
    }
    if (en)
        fprintf(out, "; form checks made %zu of %zu, prose figures %zu of %zu; tables",
                c->rules_made, c->rules, c->figures_made, c->figures);
    else
        fprintf(out, "；统计表校验核对了 %zu/%zu 项，正文数字 %zu/%zu 项；", c->rules_made,
                c->rules, c->figures_made, c->figures);
    static const char *const ids[] = {"t2", "t3", "t4"}, *const names[] = {"表二", "表三", "表四"};
    for (size_t k = 0; k < c->tables; k++) {
        const char *title, *conf;
        const char *id = nb_report_table_coverage(r, k, &title, &conf);
        const char *name = "统计表";
        for (size_t q = 0; q < 3; q++)
            if (!strcmp(id, ids[q])) name = names[q];
        if (en)
            fprintf(out, "%s %s %s", k ? "," : "", id,
                    !conf                   ? "not read"
                    : !strcmp(conf, "high") ? "read"
                                            : "read with low confidence");
        else
            fprintf(out, "%s%s%s", k ? "、" : "", name,
                    !conf                   ? "未读出"
                    : !strcmp(conf, "high") ? "已读出"
                                            : "读出但不可靠");
    }
    fputc('\n', out);
}

int nb_report_write_findings(const nb_report *r, FILE *out, const char *lang, bool colour,
                             bool show_pass)
{
    bool en = lang && strcmp(lang, "en") == 0;
    for (size_t i = 0; i < r->findings.n; i++) {
        const nb_finding *f = &r->findings.items[i];
        if (f->status == NB_STATUS_PASS && !show_pass) continue;
        if (f->line)
            fprintf(out, "%s:%zu: ", r->file, f->line);
        else
            fprintf(out, "%s: ", r->file);
        const char *sev = f->status == NB_STATUS_PASS ? "pass" : nb_severity_name(f->severity);
        if (colour)
            fprintf(out, "%s%s:\033[0m ",
                    f->status == NB_STATUS_PASS ? "\033[1;32m" : colour_of(f->severity), sev);
        else
            fprintf(out, "%s: ", sev);
        fprintf(out, "%s [%s%s%s]\n", en ? f->message_en : f->message_zh, f->rule,
                f->status == NB_STATUS_FAIL || f->status == NB_STATUS_PASS ? "" : " ",
                f->status == NB_STATUS_FAIL || f->status == NB_STATUS_PASS
                    ? ""
                    : nb_status_name(f->status));
    }
    nb_check_counts c;
    nb_report_check_counts(r, &c);
    if (en)
        fprintf(out,
                "%s: %zu error%s, %zu warning%s, %zu note%s (%zu checks passed, %zu failed, %zu "
                "uncertain, %zu not assessable)",
                r->file, c.errors, c.errors == 1 ? "" : "s", c.warnings, c.warnings == 1 ? "" : "s",
                c.infos, c.infos == 1 ? "" : "s", c.pass, c.fail, c.uncertain, c.not_assessable);
    else
        fprintf(out,
                "%s: %zu 个错误，%zu 个警告，%zu 个提示（通过 %zu 项，不通过 %zu 项，无法确定 %zu "
                "项，无法核对 %zu 项）",
                r->file, c.errors, c.warnings, c.infos, c.pass, c.fail, c.uncertain,
                c.not_assessable);
    write_coverage(r, &c, out, en);
    return ferror(out) ? -1 : 0;
}
