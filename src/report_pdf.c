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
        cells[2 * i] = (nb_typeset_cell){row.cells ? nb_report_table_cell(r, k, i, 0, NULL) : "",
                                         row.line, 1, 1};
        cells[2 * i + 1] = (nb_typeset_cell){joined[i], row.line, 1, 1};
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
                cells[out * ncols + c] = (nb_typeset_cell){c ? "" : row.group, row.line, 1, 1};
            out++;
        }
        if (row.header && out == header_rows) header_rows++;
        for (size_t c = 0; c < ncols; c++) {
            size_t cline = 0;
            const char *s = c < row.cells ? nb_report_table_cell(r, k, i, c, &cline) : "";
            cells[out * ncols + c] = (nb_typeset_cell){s, cline ? cline : row.line, 1, 1};
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

/* The ideographs of s (U+3400 to U+9FFF) into out (n bytes): what a printed piece and a label
 * are compared by, their punctuation, spaces and numbering left out. Returns how many. */
static size_t ideographs(const char *s, char *out, size_t n)
{
    size_t o = 0, count = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        if (p[0] >= 0xE3 && p[0] <= 0xE9 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
            unsigned cp = (p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
            if (cp >= 0x3400 && o + 4 <= n) {
                memcpy(out + o, p, 3);
                o += 3, count++;
            }
            p += 3;
        } else {
            p++;
        }
    }
    if (n) out[o] = '\0';
    return count;
}

/* Whether s is a piece of the form's note (at least four of its ideographs, in order). */
static bool note_piece(const char *s, const char *note)
{
    char a[512], b[512];
    if (!note[0] || strlen(s) >= sizeof a || ideographs(s, a, sizeof a) < 4) return false;
    ideographs(note, b, sizeof b);
    return strstr(b, a) != NULL;
}

/* A form table set in its form's layout: its reading, its cells, and whether the report printed
 * the form's note in it. */
typedef struct plan {
    nb_reading_info rd;
    form_grid g;
    bool noted;
} plan;

/* What of the report is set from the form: the plans, each document table's (-1: as printed),
 * and the blocks left out because the form's header says them (skip). */
typedef struct plans {
    plan *p;
    size_t n;
    long *of;   /* nb_report_table_count entries */
    bool *skip; /* nb_report_block_count entries */
} plans;

static void plans_free(plans *ps)
{
    for (size_t i = 0; i < ps->n; i++) grid_free(&ps->p[i].g);
    free(ps->p);
    free(ps->of);
    free(ps->skip);
    memset(ps, 0, sizeof *ps);
}

/* Whether s is label, or (within) a piece of it. */
static bool in_label(const char *label, const char *s, bool within)
{
    return within ? strstr(label, s) != NULL : strcmp(label, s) == 0;
}

/* Whether the text of a printed piece is one of g's labels (its columns', the labels over them,
 * its rows' and theirs, the headings of a table printed across), or lies within one. */
static bool among_labels(const form_grid *g, const char *s, bool within)
{
    for (size_t c = 0; c < g->columns; c++) {
        if (in_label(g->cells[c].column, s, within)) return true;
        for (size_t l = 0; l < g->cells[c].ncolumn_groups; l++)
            if (in_label(g->cells[c].column_groups[l], s, within)) return true;
    }
    for (size_t row = 0; row < g->rows; row++) {
        const nb_cell_info *first = &g->cells[row * g->columns];
        if (in_label(first->row, s, within)) return true;
        for (size_t l = 0; l < first->ngroups; l++)
            if (in_label(first->groups[l], s, within)) return true;
        for (size_t l = 0; l < first->nheading; l++)
            if (in_label(first->heading[l], s, within)) return true;
    }
    return false;
}

/* Whether s (its spaces left out) is pieces of g's labels run together, each of two characters
 * or more (pdftotext's line across a header: 结果结果其他尚未, 未经复议直接起诉复议后起诉). */
static bool made_of_labels(const form_grid *g, const char *s)
{
    char text[160], piece[160];
    size_t n = 0;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t') {
            if (n + 1 >= sizeof text) return false;
            text[n++] = *s;
        }
    text[n] = '\0';
    bool ok[160] = {true};
    for (size_t i = 0; i < n; i++) {
        if (!ok[i]) continue;
        size_t chars = 0;
        for (size_t j = i + 1; j <= n; j++) {
            if (j < n && ((unsigned char)text[j] & 0xC0) == 0x80) continue; /* (inside a char) */
            if (++chars < 2 || ok[j]) continue;
            memcpy(piece, text + i, j - i);
            piece[j - i] = '\0';
            ok[j] = among_labels(g, piece, true);
        }
    }
    return n > 0 && ok[n];
}

/* A block a table's printed header may have been left as: a paragraph, a note, a table title. */
static bool loose(nb_block_kind k)
{
    return k == NB_BLOCK_PARAGRAPH || k == NB_BLOCK_NOTE || k == NB_BLOCK_TABLE_TITLE;
}

/* The blocks that are pieces of the printed header of a table set in its form's layout: short
 * loose blocks (商业企, 业, 申请人情况: what pdftotext leaves of a header cell) within one of
 * the form's labels of that table, a loose block that is one of them (the titles of 表四's
 * three printed parts: 行政诉讼（未经复议直接起诉）) or is pieces of them run together (a line
 * across a header: 结果结果其他尚未), or pieces of its note, with only loose blocks between them
 * and the table. The form's header says them whole. */
static void find_pieces(const nb_report *r, plans *ps)
{
    nb_block_info b, t;
    size_t nblocks = nb_report_block_count(r);
    for (size_t i = 0; i < nblocks && nb_report_block(r, i, &b); i++) {
        size_t len = strlen(b.text);
        if (!loose(b.kind) || !len) continue;
        size_t j = i + 1;
        for (; j < i + 16 && nb_report_block(r, j, &t); j++)
            if (!loose(t.kind)) break;
        if (j == i + 16 || !nb_report_block(r, j, &t) || t.kind != NB_BLOCK_TABLE ||
            ps->of[t.table] < 0)
            continue;
        plan *p = &ps->p[ps->of[t.table]];
        if (note_piece(b.text, p->rd.note))
            ps->skip[i] = p->noted = true;
        else
            ps->skip[i] = (len <= 36 && among_labels(&p->g, b.text, true)) ||
                          among_labels(&p->g, b.text, false) || made_of_labels(&p->g, b.text);
    }
}

/* Whether a text cell of the document tables of p is a piece of the form's note. */
static bool note_printed(const nb_report *r, const plan *p)
{
    nb_table_info t;
    for (size_t s = 0; s < p->rd.sources; s++) {
        size_t k = p->rd.source_tables[s];
        if (!nb_report_table(r, k, &t)) continue;
        for (size_t i = 0; i < t.rows; i++)
            for (size_t c = 0;; c++) {
                const char *cell = nb_report_table_cell(r, k, i, c, NULL);
                if (!cell) break;
                if (note_piece(cell, p->rd.note)) return true;
            }
    }
    return false;
}

/* The plans of report r (plans_free): each form table read with high confidence, its cells a
 * grid, every figure printed in its document tables bound, none of them read for another form
 * table too. 0, or -1 out of memory. */
static int plans_make(const nb_report *r, plans *ps)
{
    size_t ntables = nb_report_table_count(r), nreadings = nb_report_reading_count(r);
    memset(ps, 0, sizeof *ps);
    ps->of = malloc((ntables + 1) * sizeof *ps->of);
    ps->p = calloc(nreadings + 1, sizeof *ps->p);
    ps->skip = calloc(nb_report_block_count(r) + 1, sizeof *ps->skip);
    if (!ps->of || !ps->p || !ps->skip) return -1;
    for (size_t k = 0; k < ntables; k++) ps->of[k] = -1;
    nb_reading_info rd;
    for (size_t i = 0; nb_report_reading(r, i, "en", &rd); i++) /* (-2: read more than once) */
        for (size_t s = 0; s < rd.sources; s++)
            if (rd.source_tables[s] < ntables)
                ps->of[rd.source_tables[s]] = ps->of[rd.source_tables[s]] == -1 ? -3 : -2;
    for (size_t i = 0; nb_report_reading(r, i, "en", &rd); i++) {
        bool alone = rd.confident && rd.sources;
        for (size_t s = 0; alone && s < rd.sources; s++)
            alone = rd.source_tables[s] < ntables && ps->of[rd.source_tables[s]] == -3;
        if (!alone) continue;
        plan *p = &ps->p[ps->n];
        int got = gather(r, rd.table, &p->g);
        if (got < 0) return -1;
        bool all = got > 0;
        for (size_t s = 0; all && s < rd.sources; s++)
            all = printed_all_bound(r, rd.source_tables[s], &p->g);
        if (!all) {
            grid_free(&p->g);
            continue;
        }
        p->rd = rd;
        p->noted = note_printed(r, p);
        for (size_t s = 0; s < rd.sources; s++) ps->of[rd.source_tables[s]] = (long)ps->n;
        ps->n++;
    }
    for (size_t k = 0; k < ntables; k++)
        if (ps->of[k] < 0) ps->of[k] = -1;
    find_pieces(r, ps);
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

/* A column of a table set from the form: its label and the labels over it, outermost first
 * (the column's groups, or printed across the row's heading), and which of them spans the
 * header rows left below the ones above (down: the column's label, 自然人 beside 法人或其他组织's
 * two rows; across: the last heading, 行政复议 beside 行政诉讼's two). */
typedef struct head {
    const char *const *over;
    size_t nover;
    const char *label;
    bool label_tall;
} head;

static head head_of(const form_grid *g, size_t j, bool across)
{
    const nb_cell_info *cell = &g->cells[j]; /* (across: row j / columns, column j % columns) */
    if (across) return (head){cell->heading, cell->nheading, cell->column, false};
    return (head){cell->column_groups, cell->ncolumn_groups, cell->column, true};
}

/* The text over column h in header row level of depth, "" under a taller cell above; *rows:
 * the header rows the text spans. */
static const char *head_text(const head *h, size_t level, size_t depth, size_t *rows)
{
    *rows = 1;
    if (level < h->nover) {
        if (!h->label_tall && level + 1 == h->nover) *rows = depth - h->nover;
        return h->over[level];
    }
    if (h->label_tall) {
        *rows = depth - h->nover;
        return level == h->nover ? h->label : "";
    }
    return level + 1 == depth ? h->label : "";
}

/* Whether heads a and b show the same labels over them down to level: one cell over both. */
static bool same_over(const head *a, const head *b, size_t level)
{
    if (level >= a->nover || level >= b->nover) return false;
    for (size_t l = 0; l <= level; l++)
        if (strcmp(a->over[l], b->over[l]) != 0) return false;
    return true;
}

/* The header rows (depth of them) over ncols heads into cells (ncols + 1 a row; column 0 the
 * labels', corner its text spanning every header row). */
static void set_header(const head *heads, size_t ncols, size_t depth, const char *corner,
                       nb_typeset_cell *cells, size_t line)
{
    size_t cols = ncols + 1;
    cells[0] = (nb_typeset_cell){corner, line, 1, depth};
    for (size_t level = 0; level < depth; level++)
        for (size_t c = 0; c < ncols;) {
            size_t rows, to = c + 1;
            const char *text = head_text(&heads[c], level, depth, &rows);
            while (to < ncols && same_over(&heads[c], &heads[to], level)) to++;
            if (text[0]) cells[level * cols + 1 + c] = (nb_typeset_cell){text, line, to - c, rows};
            c = to;
        }
}

/* The heads of p's columns (down: the form's columns; across: every row's columns in turn). */
static head *heads_of(const plan *p, size_t *n, size_t *depth)
{
    const form_grid *g = &p->g;
    bool across = p->rd.across;
    *n = across ? g->rows * g->columns : g->columns;
    head *h = calloc(*n + 1, sizeof *h);
    *depth = 1;
    for (size_t j = 0; h && j < *n; j++) {
        h[j] = head_of(g, j, across);
        if (h[j].nover + 1 > *depth) *depth = h[j].nover + 1;
    }
    return h;
}

/* p as a table in its form's layout: header rows of the form's labels (set_header), the note
 * in the corner when the report printed it; then down, each row under its label, its values as
 * printed, a group label of the form (（三）不予公开) as a row of its own above the rows under
 * it; or across, one row of every value. 0, or -1 as nb_typeset_table. */
static int set_plan(nb_typeset *ts, const plan *p, size_t line)
{
    const form_grid *g = &p->g;
    size_t nheads, depth;
    head *heads = heads_of(p, &nheads, &depth);
    if (!heads) return -1;
    size_t cols = nheads + 1, rows = depth + (p->rd.across ? 1 : 0);
    for (size_t i = 0; !p->rd.across && i < g->rows; i++)
        rows += 1 + groups_starting(&g->cells[i * g->columns],
                                    i ? &g->cells[(i - 1) * g->columns] : NULL);
    nb_typeset_cell *cells = calloc(rows * cols, sizeof *cells);
    if (!cells) {
        free(heads);
        return -1;
    }
    for (size_t i = 0; i < rows * cols; i++) cells[i] = (nb_typeset_cell){"", line, 1, 1};
    set_header(heads, nheads, depth, p->noted && !p->rd.across ? p->rd.note : "", cells, line);
    size_t out = depth;
    for (size_t i = 0; p->rd.across && i < nheads; i++)
        cells[out * cols + 1 + i] = (nb_typeset_cell){g->cells[i].raw, g->cells[i].line, 1, 1};
    for (size_t i = 0; !p->rd.across && i < g->rows; i++) {
        const nb_cell_info *row = &g->cells[i * g->columns];
        size_t starting = groups_starting(row, i ? row - g->columns : NULL);
        for (size_t j = row->ngroups - starting; j < row->ngroups; j++, out++)
            cells[out * cols] = (nb_typeset_cell){row->groups[j], row->line, 1, 1};
        cells[out * cols] = (nb_typeset_cell){row->row, row->line, 1, 1};
        for (size_t c = 0; c < g->columns; c++)
            cells[out * cols + 1 + c] = (nb_typeset_cell){row[c].raw, row[c].line, 1, 1};
        out++;
    }
    int rc = nb_typeset_table(ts, rows, cols, depth, cells, line);
    if (rc == 0 && p->noted && p->rd.across) /* (no corner: the note under the table) */
        rc = nb_typeset_block(ts, NB_BLOCK_NOTE, 0, NULL, p->rd.note, line);
    free(cells);
    free(heads);
    return rc;
}

/* Block b set with its text (text: b's, or b's with a closing mark): the markup a conversion
 * left inside it (nb_markup_length: <!--[if !supportLists]-->7、) left out. 0, or -1 out of
 * memory or as nb_typeset_block. */
static int set_block(nb_typeset *ts, const nb_block_info *b, const char *text)
{
    size_t len = strlen(text), n = 0;
    if (!strpbrk(text, "<&"))
        return nb_typeset_block(ts, b->kind, b->level, b->marker, text, b->line_first);
    char *s = malloc(len + 1);
    if (!s) return -1;
    for (size_t i = 0; i < len;) {
        size_t m = text[i] == '<' || text[i] == '&' ? nb_markup_length(text + i, len - i) : 0;
        if (m)
            i += m;
        else
            s[n++] = text[i++];
    }
    s[n] = '\0';
    int rc = nb_typeset_block(ts, b->kind, b->level, b->marker, s, b->line_first);
    free(s);
    return rc;
}

int nb_typeset_report(nb_typeset *ts, const nb_report *r, nb_error *err)
{
    return nb_typeset_report_tables(ts, r, NB_TABLES_FORM, err);
}

int nb_typeset_report_tables(nb_typeset *ts, const nb_report *r, nb_table_layout tables,
                             nb_error *err)
{
    plans ps;
    int rc = 0;
    if (tables == NB_TABLES_FORM)
        rc = plans_make(r, &ps);
    else
        memset(&ps, 0, sizeof ps);
    nb_block_info b;
    for (size_t i = 0; rc == 0 && nb_report_block(r, i, &b); i++) {
        long pi = b.kind == NB_BLOCK_TABLE && ps.of ? ps.of[b.table] : -1;
        if (b.kind == NB_BLOCK_TABLE && pi >= 0) { /* (set where its first part was) */
            if (ps.p[pi].rd.first_source == b.table) rc = set_plan(ts, &ps.p[pi], b.line_first);
        } else if (b.kind == NB_BLOCK_TABLE) {
            rc = grid(ts, r, (size_t)b.table, b.line_first);
        } else if (ps.skip && ps.skip[i]) {
            continue;          /* (said whole by the form's header) */
        } else if (b.run_in) { /* the page keeps every character: the heading's closing 。 */
            size_t len = strlen(b.text);
            char *s = malloc(len + 4);
            if (!s) {
                rc = -1;
                break;
            }
            memcpy(s, b.text, len);
            memcpy(s + len, "。", 4);
            rc = set_block(ts, &b, s);
            free(s);
        } else {
            rc = set_block(ts, &b, b.text);
        }
    }
    plans_free(&ps);
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
