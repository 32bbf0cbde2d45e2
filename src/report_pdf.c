/*
 * report_pdf.c — the report as PDF/A: its blocks and tables handed to the typesetter
 * (nb_typeset_*), which lays them out and writes the pages. Uses nianbao.h alone.
 *
 * Owns: how a table the reader took apart is shown (group labels as rows of their own, a table
 * too wide for a grid as label | values), and when a statistics table is set in its form's
 * layout instead (form_table). Must not: parse, compute, or lay out.
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
            (nb_typeset_cell){row.cells ? nb_report_table_cell(r, k, i, 0, NULL) : "", row.line, 0};
        cells[2 * i + 1] = (nb_typeset_cell){joined[i], row.line, 0};
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
                cells[out * ncols + c] = (nb_typeset_cell){c ? "" : row.group, row.line, 0};
            out++;
        }
        if (row.header && out == header_rows) header_rows++;
        for (size_t c = 0; c < ncols; c++) {
            size_t cline = 0;
            const char *s = c < row.cells ? nb_report_table_cell(r, k, i, c, &cline) : "";
            cells[out * ncols + c] = (nb_typeset_cell){s, cline ? cline : row.line, 0};
        }
        before = row;
    }
    int rc = nb_typeset_table(ts, nrows, ncols, header_rows, cells, line);
    free(cells);
    return rc;
}

/* ---- tables in the form's layout ----------------------------------------------------------- */

/* Whether a printed cell is a figure or a mark standing for one (a number, 零, a dash, 无, 不适用):
 * such a cell must be bound to a form cell before the form may stand in for the printed table.
 * Other text is labels and header fragments, which the form's own labels replace. */
static bool value_like(const char *s)
{
    static const char *const marks[] = {"０", "１", "２", "３", "４", "５", "６", "７", "８",
                                        "９", "—",  "－", "．", "，", "％", "零", "无", "不适用"};
    if (!s[0]) return false;
    while (*s) {
        if (strchr("0123456789.,%-/ ", *s)) {
            s++;
            continue;
        }
        size_t m = 0;
        for (; m < sizeof marks / sizeof *marks; m++)
            if (strncmp(s, marks[m], strlen(marks[m])) == 0) break;
        if (m == sizeof marks / sizeof *marks) return false;
        s += strlen(marks[m]);
    }
    return true;
}

/* A form table's cells as a grid: its rows (the form's order) by its columns, every row with
 * the same columns. */
typedef struct form_grid {
    nb_cell_info *cells; /* rows * columns, row by row */
    size_t rows, columns;
    bool *used; /* cells matched to a printed cell */
} form_grid;

static void grid_free(form_grid *g)
{
    free(g->cells);
    free(g->used);
    memset(g, 0, sizeof *g);
}

/* The bound cells of form table id (cell ids "t3.new/natural") into g: 1, 0 when they make no
 * grid of two columns or more (rows of different columns, one-value rows), -1 out of memory. */
static int gather(const nb_report *r, const char *id, form_grid *g)
{
    size_t n = 0, len = strlen(id), total = nb_report_cell_count(r);
    nb_cell_info c;
    memset(g, 0, sizeof *g);
    if (!(g->cells = calloc(total + 1, sizeof *g->cells))) return -1;
    for (size_t i = 0; nb_report_cell(r, i, &c); i++)
        if (strncmp(c.id, id, len) == 0 && c.id[len] == '.') g->cells[n++] = c;
    /* the columns: the first row's (a row is the cells whose ids agree before the '/') */
    size_t cols = 0;
    for (; cols < n && g->cells[cols].column; cols++) {
        const char *a = g->cells[0].id, *b = g->cells[cols].id;
        if (strcspn(a, "/") != strcspn(b, "/") || strncmp(a, b, strcspn(a, "/")) != 0) break;
    }
    bool fits = cols >= 2 && n % cols == 0;
    for (size_t i = 0; fits && i < n; i++) {
        const nb_cell_info *head = &g->cells[i - i % cols], *first_row = &g->cells[i % cols];
        size_t key = strcspn(head->id, "/");
        fits = g->cells[i].column && strcmp(g->cells[i].column, first_row->column) == 0 &&
               strncmp(g->cells[i].id, head->id, key) == 0 && g->cells[i].id[key] == '/';
    }
    if (!fits || !(g->used = calloc(n + 1, sizeof *g->used))) {
        bool nomem = fits;
        grid_free(g);
        return nomem ? -1 : 0;
    }
    g->rows = n / cols, g->columns = cols;
    return 1;
}

/* Whether every figure printed in document table k (outside its header rows) is one of g's
 * bound cells: the same line and the same text, each bound cell taken once. */
static bool printed_all_bound(const nb_report *r, size_t k, form_grid *g)
{
    nb_table_info t;
    nb_row_info row;
    if (!nb_report_table(r, k, &t)) return false;
    for (size_t i = 0; i < t.rows; i++) {
        if (!nb_report_table_row(r, k, i, &row) || row.header) continue;
        for (size_t c = 0; c < row.cells; c++) {
            size_t line = 0;
            const char *s = nb_report_table_cell(r, k, i, c, &line);
            if (!s || !value_like(s)) continue;
            size_t j = 0, n = g->rows * g->columns;
            for (; j < n; j++)
                if (!g->used[j] && g->cells[j].line == (line ? line : row.line) &&
                    g->cells[j].raw && strcmp(g->cells[j].raw, s) == 0)
                    break;
            if (j == n) return false;
            g->used[j] = true;
        }
    }
    return true;
}

/* Whether the form table read from document table k may be set in the form's layout: read
 * with high confidence, its cells a grid, every figure printed in its document tables bound.
 * 1 with the reading and grid (free with grid_free), 0 when not, -1 out of memory. */
static int form_reading(const nb_report *r, size_t k, nb_reading_info *rd, form_grid *g)
{
    for (size_t i = 0; nb_report_reading(r, i, "en", rd); i++) {
        bool source = false;
        for (size_t s = 0; s < rd->sources; s++) source |= rd->source_tables[s] == k;
        if (!source) continue;
        if (!rd->confident) return 0;
        int got = gather(r, rd->table, g);
        if (got <= 0) return got;
        bool all = true;
        for (size_t s = 0; all && s < rd->sources; s++)
            all = printed_all_bound(r, rd->source_tables[s], g);
        if (!all) grid_free(g);
        return all;
    }
    return 0;
}

/* How many of row's group labels (nb_cell_info.groups) begin above it: those past the ones it
 * shares, level by level, with the row before (NULL for the first row). */
static size_t groups_starting(const nb_cell_info *row, const nb_cell_info *before)
{
    size_t same = 0;
    while (before && same < row->ngroups && same < before->ngroups &&
           strcmp(row->groups[same], before->groups[same]) == 0)
        same++;
    return row->ngroups - same;
}

/* The text column c of g shows in header row level of depth: the labels the form prints over
 * it, outermost first, then its own label in the last header row; "" between. */
static const char *header_text(const form_grid *g, size_t c, size_t level, size_t depth)
{
    const nb_cell_info *cell = &g->cells[c];
    if (level + 1 == depth) return cell->column;
    return level < cell->ncolumn_groups ? cell->column_groups[level] : "";
}

/* Whether columns a and b of g show the same label over them in header row level of depth and
 * in every row above it: one cell spanning both. */
static bool same_header(const form_grid *g, size_t a, size_t b, size_t level, size_t depth)
{
    for (size_t l = 0; l <= level; l++) {
        const char *x = header_text(g, a, l, depth), *y = header_text(g, b, l, depth);
        if (!x[0] || strcmp(x, y) != 0) return false;
    }
    return true;
}

/* The header rows of g into cells (cols a row): the form's column labels in the last, the
 * labels over them (申请人情况 over the seven columns, 法人或其他组织 over five) in the rows above,
 * one cell spanning the columns a label is over. Returns the rows used. */
static size_t set_header(const form_grid *g, size_t depth, nb_typeset_cell *cells, size_t cols,
                         size_t line)
{
    for (size_t level = 0; level < depth; level++)
        for (size_t c = 0; c < g->columns;) {
            size_t to = c + 1;
            while (to < g->columns && same_header(g, c, to, level, depth)) to++;
            cells[level * cols + 1 + c] =
                (nb_typeset_cell){header_text(g, c, level, depth), line, to - c};
            c = to;
        }
    return depth;
}

/* g as a table: header rows of the form's column labels (set_header), then each row under its
 * label, its values as printed; a group label of the form (（三）不予公开) as a row of its own
 * above the rows under it. 0, or -1 as nb_typeset_table. */
static int set_form_grid(nb_typeset *ts, const form_grid *g, size_t line)
{
    size_t depth = 1;
    for (size_t c = 0; c < g->columns; c++)
        if (g->cells[c].ncolumn_groups + 1 > depth) depth = g->cells[c].ncolumn_groups + 1;
    size_t cols = g->columns + 1, rows = depth;
    for (size_t i = 0; i < g->rows; i++)
        rows += 1 + groups_starting(&g->cells[i * g->columns],
                                    i ? &g->cells[(i - 1) * g->columns] : NULL);
    nb_typeset_cell *cells = calloc(rows * cols, sizeof *cells);
    if (!cells) return -1;
    for (size_t i = 0; i < rows * cols; i++) cells[i] = (nb_typeset_cell){"", line, 0};
    size_t out = set_header(g, depth, cells, cols, line);
    for (size_t i = 0; i < g->rows; i++) {
        const nb_cell_info *row = &g->cells[i * g->columns];
        size_t starting = groups_starting(row, i ? row - g->columns : NULL);
        for (size_t j = row->ngroups - starting; j < row->ngroups; j++, out++)
            cells[out * cols] = (nb_typeset_cell){row->groups[j], row->line, 0};
        cells[out * cols] = (nb_typeset_cell){row->row, row->line, 0};
        for (size_t c = 0; c < g->columns; c++)
            cells[out * cols + 1 + c] = (nb_typeset_cell){row[c].raw, row[c].line, 0};
        out++;
    }
    int rc = nb_typeset_table(ts, rows, cols, depth, cells, line);
    free(cells);
    return rc;
}

/* Document table k set in its form's layout when that is safe (form_reading). The form table
 * is set where its first document table was; its other document tables set nothing. 1 when set
 * (or left to the first), 0 when the table is to be set as printed, -1 out of memory. */
static int form_table(nb_typeset *ts, const nb_report *r, size_t k, size_t line)
{
    nb_reading_info rd;
    form_grid g;
    int safe = form_reading(r, k, &rd, &g);
    if (safe <= 0) return safe;
    int rc = rd.first_source != (long)k || set_form_grid(ts, &g, line) == 0 ? 1 : -1;
    grid_free(&g);
    return rc;
}

/* A block a table's printed header may have been left as: a paragraph, a note, a table title. */
static bool loose(nb_block_kind k)
{
    return k == NB_BLOCK_PARAGRAPH || k == NB_BLOCK_NOTE || k == NB_BLOCK_TABLE_TITLE;
}

/* Whether block i is a piece of the printed header of a table set in its form's layout: a short
 * loose block (商业企, 业, 申请人情况: what pdftotext leaves of a header cell) within one of the
 * form's labels of that table (its columns', the labels over them, its rows'), with only loose
 * blocks between it and the table. The form's header says it whole, so the piece is not set again.
 * 1 when so, 0 when not, -1 out of memory. */
static int header_piece(const nb_report *r, size_t i, const nb_block_info *b)
{
    size_t len = strlen(b->text);
    if (!loose(b->kind) || !len || len > 36) return 0;
    nb_block_info t;
    size_t j = i + 1;
    for (; j < i + 16 && nb_report_block(r, j, &t); j++)
        if (!loose(t.kind)) break;
    if (j == i + 16 || !nb_report_block(r, j, &t) || t.kind != NB_BLOCK_TABLE) return 0;
    nb_reading_info rd;
    form_grid g;
    int safe = form_reading(r, (size_t)t.table, &rd, &g);
    if (safe <= 0) return safe;
    bool piece = false;
    for (size_t c = 0; c < g.columns && !piece; c++) {
        piece = strstr(g.cells[c].column, b->text) != NULL;
        for (size_t l = 0; l < g.cells[c].ncolumn_groups && !piece; l++)
            piece = strstr(g.cells[c].column_groups[l], b->text) != NULL;
    }
    for (size_t row = 0; row < g.rows && !piece; row++) { /* (表四's are its rows') */
        const nb_cell_info *first = &g.cells[row * g.columns];
        piece = strstr(first->row, b->text) != NULL;
        for (size_t l = 0; l < first->ngroups && !piece; l++)
            piece = strstr(first->groups[l], b->text) != NULL;
    }
    grid_free(&g);
    return piece && rd.first_source == t.table;
}

int nb_typeset_report(nb_typeset *ts, const nb_report *r, nb_error *err)
{
    return nb_typeset_report_tables(ts, r, NB_TABLES_FORM, err);
}

int nb_typeset_report_tables(nb_typeset *ts, const nb_report *r, nb_table_layout tables,
                             nb_error *err)
{
    int rc = 0;
    nb_block_info b;
    for (size_t i = 0; rc == 0 && nb_report_block(r, i, &b); i++) {
        if (b.kind == NB_BLOCK_TABLE) {
            size_t k = (size_t)b.table;
            int set = tables == NB_TABLES_FORM ? form_table(ts, r, k, b.line_first) : 0;
            rc = set < 0 ? -1 : set ? 0 : grid(ts, r, k, b.line_first);
        } else if (tables == NB_TABLES_FORM && (rc = header_piece(r, i, &b)) != 0) {
            rc = rc < 0 ? -1 : 0; /* (said whole by the form's header) */
        } else if (b.run_in) {    /* the page keeps every character: the heading's closing 。 */
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
    if (nb_typeset_report_tables(ts, r, opt ? opt->tables : NB_TABLES_FORM, err) != 0) {
        nb_typeset_abort(ts);
        return -1;
    }
    return nb_typeset_close(ts, pages, err);
}
