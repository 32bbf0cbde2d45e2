/*
 * report_csv.c — the bound table cells as CSV (RFC 4180 quoting), one row per cell.
 *
 * Must not: compute anything; it only renders what the stages produced.
 */
#include "report.h"

#include "error.h"

#include <string.h>

/* Writes s as one CSV field, quoted when it holds a comma, quote or line break. */
static void csv_field(FILE *out, const char *s, bool last)
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

int nb_report_write_cells_csv(const nb_report *r, FILE *out, bool header, nb_error *err)
{
    if (header) fputs("file,form,id,row,column,unit,status,value,raw,line\r\n", out);
    const nb_form *f = r->form;
    for (size_t i = 0; f && i < r->binding.ncells; i++) {
        const nb_bound_cell *c = &r->binding.cells[i];
        const nb_form_row *row = &f->rows[c->row];
        char value[64] = "", line[32];
        const char *id = f->cells[c->cell].id;
        if (c->status == NB_CELL_NUMBER || c->status == NB_CELL_ZERO)
            nb_number_format(&c->value, value, sizeof value);
        snprintf(line, sizeof line, "%zu", c->line);
        csv_field(out, r->file, false);
        csv_field(out, f->id, false);
        csv_field(out, id, false);
        csv_field(out, row->label, false);
        csv_field(out, c->col >= 0 ? f->tables[row->table].cols[c->col].label : "", false);
        csv_field(out, row->unit ? row->unit : "", false);
        csv_field(out, nb_cell_status_name(c->status), false);
        csv_field(out, value, false);
        csv_field(out, c->raw, false);
        csv_field(out, line, true);
    }
    if (ferror(out)) {
        nb_error_set(err, NB_ERR_WRITE, NULL, 0, 0, "cannot write the CSV output");
        return -1;
    }
    return 0;
}

int nb_report_write_findings_csv(const nb_report *r, FILE *out, const char *lang, bool header,
                                 bool show_pass)
{
    bool en = lang && strcmp(lang, "en") == 0;
    /* a byte-order mark so that spreadsheet programs read the file as UTF-8 */
    if (header)
        fputs("\xEF\xBB\xBF"
              "file,line,severity,status,rule,message,evidence_lines,fingerprint\r\n",
              out);
    for (size_t i = 0; i < r->findings.n; i++) {
        const nb_finding *f = &r->findings.items[i];
        if (f->status == NB_STATUS_PASS && !show_pass) continue;
        char line[32] = "", lines[256] = "";
        if (f->line) snprintf(line, sizeof line, "%zu", f->line);
        size_t n = 0;
        for (size_t k = 0; k < f->nevidence && n + 24 < sizeof lines; k++)
            n += (size_t)snprintf(lines + n, sizeof lines - n, "%s%zu", k ? " " : "",
                                  f->evidence[k].line);
        csv_field(out, r->file, false);
        csv_field(out, line, false);
        csv_field(out, nb_severity_name(f->severity), false);
        csv_field(out, nb_status_name(f->status), false);
        csv_field(out, f->rule, false);
        csv_field(out, en ? f->message_en : f->message_zh, false);
        csv_field(out, lines, false);
        csv_field(out, f->fingerprint, true);
    }
    return ferror(out) ? -1 : 0;
}
