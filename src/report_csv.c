/*
 * report_csv.c — the bound table cells and the findings as CSV (RFC 4180 quoting), a row each.
 *
 * Uses nianbao.h alone (a renderer any program could write).
 * Must not: compute anything; it only renders what the stages produced.
 */
#include "render.h"

#include <stdio.h>
#include <string.h>

void nb_csv_field(FILE *out, const char *s, bool last)
{
    bool quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote) {
        fputc('"', out);
        for (const char *p = s; *p; p++) {
            if (*p == '"') fputc('"', out);
            fputc(*p, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    fputs(last ? "\r\n" : ",", out);
}

int render_cells_csv(const nb_report *r, FILE *out, unsigned flags)
{
    /* a byte-order mark before the header, so that spreadsheet programs read UTF-8 */
    if (flags & NB_RENDER_HEADER)
        fputs("\xEF\xBB\xBF"
              "file,form,id,row,column,unit,status,value,raw,line\r\n",
              out);
    const char *file = nb_report_file(r), *form = nb_report_form(r);
    nb_cell_info c;
    for (size_t i = 0; nb_report_cell(r, i, &c); i++) {
        char line[32];
        snprintf(line, sizeof line, "%zu", c.line);
        nb_csv_field(out, file, false);
        nb_csv_field(out, form, false);
        nb_csv_field(out, c.id, false);
        nb_csv_field(out, c.row, false);
        nb_csv_field(out, c.column ? c.column : "", false);
        nb_csv_field(out, c.unit, false);
        nb_csv_field(out, c.status, false);
        nb_csv_field(out, c.value, false);
        nb_csv_field(out, c.raw, false);
        nb_csv_field(out, line, true);
    }
    return ferror(out) ? -1 : 0;
}

int render_findings_csv(const nb_report *r, FILE *out, unsigned flags)
{
    const char *lang = flags & NB_RENDER_ENGLISH ? "en" : "zh";
    bool show_pass = flags & NB_RENDER_SHOW_PASS;
    /* a byte-order mark so that spreadsheet programs read the file as UTF-8 */
    if (flags & NB_RENDER_HEADER)
        fputs("\xEF\xBB\xBF"
              "file,line,severity,status,rule,message,evidence_lines,fingerprint,review\r\n",
              out);
    const char *file = nb_report_file(r);
    const nb_finding *f;
    for (size_t i = 0; (f = nb_report_finding(r, i)); i++) {
        if (nb_finding_status(f) == NB_STATUS_PASS && !show_pass) continue;
        nb_review rv = nb_finding_review(f);
        if (rv == NB_REVIEW_IGNORED) continue;
        char line[32] = "", lines[256] = "";
        if (nb_finding_line(f)) snprintf(line, sizeof line, "%zu", nb_finding_line(f));
        size_t n = 0;
        for (size_t k = 0; k < nb_finding_evidence_count(f) && n + 24 < sizeof lines; k++) {
            /* another report's line (year against year) is FILE:LINE */
            const char *other = nb_finding_evidence_file(f, k);
            int w =
                snprintf(lines + n, sizeof lines - n, "%s%s%s%zu", k ? " " : "", other ? other : "",
                         other ? ":" : "", nb_finding_evidence(f, k, NULL, NULL));
            if (w < 0 || (size_t)w >= sizeof lines - n) {
                lines[n] = '\0'; /* (no half entry) */
                break;
            }
            n += (size_t)w;
        }
        nb_csv_field(out, file, false);
        nb_csv_field(out, line, false);
        nb_csv_field(out, nb_severity_name(nb_finding_severity(f)), false);
        nb_csv_field(out, nb_status_name(nb_finding_status(f)), false);
        nb_csv_field(out, nb_finding_rule(f), false);
        nb_csv_field(out, nb_finding_message(f, lang), false);
        nb_csv_field(out, lines, false);
        nb_csv_field(out, nb_finding_fingerprint(f), false);
        nb_csv_field(out, rv == NB_REVIEW_REVIEWED ? "reviewed" : "", true);
    }
    return ferror(out) ? -1 : 0;
}
