/*
 * report_text.c — the report as a short human-readable summary (extract --format text) and the
 * findings like a compiler's messages (check).
 *
 * Uses nianbao.h alone (a renderer any program could write).
 * Must not: compute anything; it only renders what the stages produced.
 */
#include "render.h"

#include <stdio.h>
#include <string.h>

int render_summary(const nb_report *r, FILE *out, unsigned flags)
{
    (void)flags;
    const char *file = nb_report_file(r);
    fprintf(out, "%s: %s, %zu lines, %zu bytes", file, nb_encoding_name(nb_report_encoding(r)),
            nb_report_line_count(r), nb_report_input_bytes(r));
    size_t nw = nb_report_warning_count(r) + nb_report_warnings_dropped(r);
    if (nw) fprintf(out, ", %zu undecodable byte sequence%s replaced", nw, nw == 1 ? "" : "s");
    fputc('\n', out);
    size_t line;
    const char *title = nb_report_title(r, &line);
    if (title[0]) fprintf(out, "  title:  %s (line %zu)\n", title, line);
    if (nb_report_agency(r)[0]) fprintf(out, "  agency: %s\n", nb_report_agency(r));
    if (nb_report_year(r)) fprintf(out, "  year:   %s\n", nb_report_year(r));
    int y, m, d;
    if ((line = nb_report_date(r, &y, &m, &d)))
        fprintf(out, "  date:   %04d-%02d-%02d (line %zu)\n", y, m, d, line);
    if (nb_report_form(r))
        fprintf(out, "  form:   %s, %zu table cells bound, %zu prose figures\n", nb_report_form(r),
                nb_report_cell_count(r), nb_report_figure_count(r));
    nb_block_info b;
    for (size_t i = 0; nb_report_block(r, i, &b); i++) {
        nb_table_info t;
        if (b.kind == NB_BLOCK_HEADING)
            fprintf(out, "  %*s%s%s  (line %zu)\n", 2 * (b.level - 1), "", b.marker, b.text,
                    b.line_first);
        else if (b.kind == NB_BLOCK_TABLE && nb_report_table(r, (size_t)b.table, &t))
            fprintf(out, "  %*s[table, %s, %zu rows, %zu cells, lines %zu-%zu]\n", 2, "", t.syntax,
                    t.rows, t.cells, b.line_first, b.line_last);
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
    if (!nb_report_form(r)) {
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

int render_findings(const nb_report *r, FILE *out, unsigned flags)
{
    bool en = flags & NB_RENDER_ENGLISH, colour = flags & NB_RENDER_COLOUR;
    bool show_pass = flags & NB_RENDER_SHOW_PASS;
    const char *lang = en ? "en" : "zh";
    const char *file = nb_report_file(r);
    const nb_finding *f;
    for (size_t i = 0; (f = nb_report_finding(r, i)); i++) {
        nb_status st = nb_finding_status(f);
        nb_severity sv = nb_finding_severity(f);
        if (st == NB_STATUS_PASS && !show_pass) continue;
        nb_review rv = st == NB_STATUS_PASS ? NB_REVIEW_NONE : nb_finding_review(f);
        if (rv == NB_REVIEW_IGNORED) continue;
        if (nb_finding_line(f))
            fprintf(out, "%s:%zu: ", file, nb_finding_line(f));
        else
            fprintf(out, "%s: ", file);
        /* (a reviewed finding says so in place of its severity, uncoloured) */
        const char *sev = st == NB_STATUS_PASS       ? "pass"
                          : rv == NB_REVIEW_REVIEWED ? "reviewed"
                                                     : nb_severity_name(sv);
        if (colour && rv == NB_REVIEW_NONE)
            fprintf(out, "%s%s:\033[0m ", st == NB_STATUS_PASS ? "\033[1;32m" : colour_of(sv), sev);
        else
            fprintf(out, "%s: ", sev);
        bool plain = st == NB_STATUS_FAIL || st == NB_STATUS_PASS;
        fprintf(out, "%s [%s%s%s]\n", nb_finding_message(f, lang), nb_finding_rule(f),
                plain ? "" : " ", plain ? "" : nb_status_name(st));
    }
    nb_check_counts c;
    nb_report_check_counts(r, &c);
    if (en)
        fprintf(out,
                "%s: %zu error%s, %zu warning%s, %zu note%s (%zu checks passed, %zu failed, %zu "
                "uncertain, %zu not assessable)",
                file, c.errors, c.errors == 1 ? "" : "s", c.warnings, c.warnings == 1 ? "" : "s",
                c.infos, c.infos == 1 ? "" : "s", c.pass, c.fail, c.uncertain, c.not_assessable);
    else
        fprintf(out,
                "%s: %zu 个错误，%zu 个警告，%zu 个提示（通过 %zu 项，不通过 %zu 项，无法确定 %zu "
                "项，无法核对 %zu 项）",
                file, c.errors, c.warnings, c.infos, c.pass, c.fail, c.uncertain, c.not_assessable);
    if (c.reviewed || c.ignored)
        fprintf(out, en ? "; %zu reviewed, %zu ignored" : "；已复核 %zu 项，已忽略 %zu 项",
                c.reviewed, c.ignored);
    write_coverage(r, &c, out, en);
    return ferror(out) ? -1 : 0;
}
