/*
 * report_pdf.c — the report as PDF/A: its blocks and tables handed to the typesetter
 * (nb_typeset_*), which lays them out and writes the pages. Uses nianbao.h alone.
 *
 * Owns: how a table the reader took apart is shown (group labels as rows of their own, a table
 * too wide for a grid as label | values). Must not: parse, compute, or lay out.
 */
#include "nianbao.h"

#include <stdlib.h>
#include <string.h>

/* Wider than this, a table is no grid a page can hold (a cell-per-line table whose values of
 * several rows ran together): it is set as label | values, the values joined by spaces. */
#define MAX_GRID_COLUMNS 16

/* Whether row r of table k starts a run of rows under a group label (its group differs from
 * the row's before). */
static bool group_starts(const nb_row_info *row, const nb_row_info *before)
{
    const char *g = row->group;
    if (!g || !g[0]) return false;
    return !before || !before->group || strcmp(before->group, g) != 0;
}

/* Table k as label | values: the cells after the first joined by spaces. */
static int two_columns(nb_typeset *ts, const nb_report *r, size_t k, const nb_table_info *t,
                       size_t line)
{
    nb_typeset_cell *cells = calloc(t->rows * 2 + 1, sizeof *cells);
    char **joined = calloc(t->rows + 1, sizeof *joined);
    int rc = cells && joined ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < t->rows; i++) {
        nb_row_info row;
        nb_report_table_row(r, k, i, &row);
        size_t len = 0;
        for (size_t c = 1; c < row.cells; c++)
            len += strlen(nb_report_table_cell(r, k, i, c, NULL)) + 1;
        if (!(joined[i] = malloc(len + 1))) {
            rc = -1;
            break;
        }
        size_t n = 0;
        for (size_t c = 1; c < row.cells; c++) {
            const char *s = nb_report_table_cell(r, k, i, c, NULL);
            size_t l = strlen(s);
            if (n) joined[i][n++] = ' ';
            memcpy(joined[i] + n, s, l);
            n += l;
        }
        joined[i][n] = '\0';
        cells[2 * i] =
            (nb_typeset_cell){row.cells ? nb_report_table_cell(r, k, i, 0, NULL) : "", row.line};
        cells[2 * i + 1] = (nb_typeset_cell){joined[i], row.line};
    }
    if (rc == 0) rc = nb_typeset_table(ts, t->rows, 2, 0, cells, line);
    for (size_t i = 0; joined && i < t->rows; i++) free(joined[i]);
    free(joined);
    free(cells);
    return rc;
}

/* Table k as a full grid (short rows padded with empty cells); a group label printed beside
 * its rows (a side column the reader took apart) is set as a row of its own above them, so
 * that every character of the table reaches the page. */
static int grid(nb_typeset *ts, const nb_report *r, size_t k, size_t line)
{
    nb_table_info t;
    if (!nb_report_table(r, k, &t)) return -1;
    if (t.columns > MAX_GRID_COLUMNS) return two_columns(ts, r, k, &t, line);
    size_t ncols = t.columns ? t.columns : 1, groups = 0;
    nb_row_info row, before;
    for (size_t i = 0; i < t.rows; i++) {
        nb_report_table_row(r, k, i, &row);
        groups += group_starts(&row, i ? &before : NULL);
        before = row;
    }
    size_t nrows = t.rows + groups, header_rows = 0, out = 0;
    nb_typeset_cell *cells = calloc(nrows * ncols + 1, sizeof *cells);
    if (!cells) return -1;
    for (size_t i = 0; i < t.rows; i++, out++) {
        nb_report_table_row(r, k, i, &row);
        if (group_starts(&row, i ? &before : NULL)) {
            for (size_t c = 0; c < ncols; c++)
                cells[out * ncols + c] = (nb_typeset_cell){c ? "" : row.group, row.line};
            out++;
        }
        if (row.header && out == header_rows) header_rows++;
        for (size_t c = 0; c < ncols; c++) {
            size_t cline = 0;
            const char *s = c < row.cells ? nb_report_table_cell(r, k, i, c, &cline) : "";
            cells[out * ncols + c] = (nb_typeset_cell){s, cline ? cline : row.line};
        }
        before = row;
    }
    int rc = nb_typeset_table(ts, nrows, ncols, header_rows, cells, line);
    free(cells);
    return rc;
}

int nb_typeset_report(nb_typeset *ts, const nb_report *r, nb_error *err)
{
    int rc = 0;
    nb_block_info b;
    for (size_t i = 0; rc == 0 && nb_report_block(r, i, &b); i++) {
        if (b.kind == NB_BLOCK_TABLE) {
            rc = grid(ts, r, (size_t)b.table, b.line_first);
        } else if (b.run_in) { /* the page keeps every character: the heading's closing 。 */
            size_t len = strlen(b.text);
            char *s = malloc(len + 4);
            if (!s) {
                rc = -1;
                break;
            }
            memcpy(s, b.text, len);
            memcpy(s + len, "。", 4);
            rc = nb_typeset_block(ts, b.kind, b.level, b.marker, s, b.line_first);
            free(s);
        } else {
            rc = nb_typeset_block(ts, b.kind, b.level, b.marker, b.text, b.line_first);
        }
    }
    size_t title_line;
    const char *title = nb_report_title(r, &title_line);
    if (rc == 0)
        rc = nb_typeset_metadata(ts, title, title_line, nb_report_agency(r),
                                 nb_report_agency_line(r), "政府信息公开工作年度报告",
                                 nb_report_text_hash(r));
    if (rc != 0)
        nb_error_set(err, NB_ERR_NOMEM, nb_report_file(r), 0, 0, "out of memory typesetting");
    return rc;
}

int nb_report_write_pdf(const nb_report *r, const char *path, const nb_pdf_options *opt,
                        size_t *pages, nb_error *err)
{
    if (pages) *pages = 0;
    nb_typeset *ts = nb_typeset_open(path, nb_report_file(r), opt, err);
    if (!ts) return -1;
    if (nb_typeset_report(ts, r, err) != 0) {
        nb_typeset_abort(ts);
        return -1;
    }
    return nb_typeset_close(ts, pages, err);
}
