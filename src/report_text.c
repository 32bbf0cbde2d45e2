/*
 * report_text.c — the report as a short human-readable summary (extract --format text).
 *
 * Must not: compute anything; it only renders what the stages produced.
 */
#include "report.h"

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
                    b->line_first);
        else if (b->kind == NB_BLOCK_TABLE)
            fprintf(out, "  %*s[table, %s, %zu rows, %zu cells, lines %zu-%zu]\n", 2, "",
                    nb_table_syntax_name(d->tables[b->table].syntax), d->tables[b->table].nrows,
                    count_cells(&d->tables[b->table]), b->line_first, b->line_last);
    }
    return ferror(out) ? -1 : 0;
}
