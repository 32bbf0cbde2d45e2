/*
 * table.c — table regions and their grids.
 *
 * A region is a run of lines that show a table by themselves (strong lines: pipe, tab and box
 * rows, columns of numbers) together with the weak lines found among them in real files
 * (blank lines, page footers, header text, label fragments that pdftotext put on lines of
 * their own). Every syntax becomes the same grid: rows of cells, each cell with its line.
 *
 * For columns aligned with spaces (pdftotext -layout) wrapped labels are put back together:
 * fragments right under a row continue its label, the others before a row begin it, and
 * fragments further left than the row labels (a merged label printed down the side) become
 * the row's group. In a cell-per-line table a label takes the numbers that follow it.
 *
 * Must not: know forms.
 */
#include "table.h"

#include "marker.h"
#include "numeral.h"
#include "text.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* How many non-blank weak lines a region may cross to reach its next strong line. */
#define MAX_WEAK_RUN 30

/* A box's bottom rule (└──┘, ╚══╝): a text line after it is not inside the box. */
static bool closes_box(const nb_line *l)
{
    return l->kind == NB_LINE_BOXRULE && l->len >= 3 &&
           (memcmp(l->s, "\xE2\x94\x94", 3) == 0 || memcmp(l->s, "\xE2\x95\x9A", 3) == 0);
}

size_t table_region_end(const nb_line *lines, size_t n, size_t first)
{
    size_t last_strong = first, weak = 0;
    for (size_t k = first + 1; k < n; k++) {
        const nb_line *l = &lines[k];
        /* a closed box followed by text (a title over the next box: 表四's parts) ends here */
        if (l->kind != NB_LINE_BLANK && l->kind != NB_LINE_FOOTER && !lines_is_table_strong(l) &&
            closes_box(&lines[last_strong]))
            break;
        if (lines_is_table_strong(l)) {
            last_strong = k;
            weak = 0;
        } else if (lines_is_table_weak(l)) {
            if (l->kind != NB_LINE_BLANK && l->kind != NB_LINE_FOOTER && ++weak > MAX_WEAK_RUN)
                break;
        } else {
            break;
        }
    }
    /* A cell-per-line table may end with labels whose values came earlier. */
    size_t end = last_strong + 1;
    /* An aligned table's last row may wrap its label onto the line below its figures. */
    if (lines[last_strong].kind == NB_LINE_ALIGNED && end < n && lines_is_fragment(&lines[end]) &&
        lines[end].indent >= 2)
        end++;
    if (lines[last_strong].kind == NB_LINE_NUMBER) {
        for (size_t k = end, run = 0; k < n && run < MAX_WEAK_RUN; k++) {
            if (!lines_is_table_weak(&lines[k])) break;
            if (lines[k].kind == NB_LINE_BLANK || lines[k].kind == NB_LINE_FOOTER) continue;
            end = k + 1;
            run++;
        }
    }
    return end;
}

/* ---- splitting lines into fields --------------------------------------------------------- */

typedef struct field {
    const char *s;
    size_t len;
    size_t col; /* display column where it starts in the raw line */
} field;

typedef struct fields {
    field *f;
    size_t n, cap;
} fields;

static int push_field(fields *fs, const char *s, size_t len, size_t col)
{
    if (fs->n == fs->cap) {
        size_t ncap = fs->cap ? fs->cap * 2 : 16;
        field *nf = realloc(fs->f, ncap * sizeof *nf);
        if (!nf) return -1;
        fs->f = nf;
        fs->cap = ncap;
    }
    size_t lead = text_skip_blanks(s, len, &col);
    fs->f[fs->n++] = (field){s + lead, text_rtrim(s + lead, len - lead), col};
    return 0;
}

static bool is_separator(uint32_t cp, nb_table_syntax syntax)
{
    switch (syntax) {
    case NB_TABLE_PIPE:
    case NB_TABLE_MARKDOWN:
        return cp == '|' || cp == 0xFF5C;
    case NB_TABLE_BOX:
        return cp == 0x2502 || cp == 0x2503 || cp == 0x2551 || cp == '|';
    case NB_TABLE_TAB:
        return cp == '\t';
    default:
        return false;
    }
}

/* Splits a line at its separator characters. Empty cells at both edges (from pipes that open
 * or close the row) are dropped; empty cells inside are kept. */
static int split_separated(const nb_line *l, nb_table_syntax syntax, fields *fs, bool keep_first)
{
    const char *s = syntax == NB_TABLE_TAB ? l->raw : l->s;
    size_t len = syntax == NB_TABLE_TAB ? l->raw_len : l->len;
    size_t start = 0, adv, col = 0, start_col = 0;
    fs->n = 0;
    for (size_t i = 0; i <= len; i += adv) {
        uint32_t cp = 0;
        adv = 1;
        if (i < len) {
            int32_t c = nb_utf8_decode((const unsigned char *)s + i, len - i, &adv);
            cp = c < 0 ? 0xFFFD : (uint32_t)c;
        }
        if (i == len || is_separator(cp, syntax)) {
            if (push_field(fs, s + start, i - start, start_col) != 0) return -1;
            start = i + adv;
            start_col = col + 1;
        }
        col += text_width(s + i, i < len ? adv : 0);
    }
    /* the empty fields outside the first and last bars; in tab-separated text an empty first
     * field is an empty cell (a merged label column) and stays */
    if (syntax == NB_TABLE_TAB) return 0;
    if (fs->n > 1 && fs->f[fs->n - 1].len == 0) fs->n--;
    if (fs->n > 1 && fs->f[0].len == 0 && !keep_first) {
        memmove(fs->f, fs->f + 1, (fs->n - 1) * sizeof *fs->f);
        fs->n--;
    }
    return 0;
}

/* Splits at runs of two or more spaces, a U+3000 or a tab; a field of numbers separated by
 * single spaces ("12 1") is split into its numbers. */
static int split_aligned(const nb_line *l, fields *fs)
{
    const char *s = l->raw;
    size_t len = l->raw_len, i = 0, col = 0, adv;
    fs->n = 0;
    while (i < len) {
        i += text_skip_blanks(s + i, len - i, &col);
        if (i >= len) break;
        size_t start = i, start_col = col, end = i;
        while (i < len) {
            int32_t c = nb_utf8_decode((const unsigned char *)s + i, len - i, &adv);
            uint32_t cp = c < 0 ? 0xFFFD : (uint32_t)c;
            if (cp == 0x3000 || cp == '\t' || cp == '\f') break;
            if (cp == ' ' && i + 1 < len && s[i + 1] == ' ') break;
            col += text_width(s + i, adv);
            i += adv;
            if (cp != ' ') end = i;
        }
        /* numbers separated by single spaces */
        bool all_numbers = true;
        for (size_t k = start, t; k < end; k = t + 1) {
            t = k;
            while (t < end && s[t] != ' ') t++;
            if (!nb_numeral_is_figure(s + k, t - k)) all_numbers = false;
        }
        if (all_numbers && memchr(s + start, ' ', end - start)) {
            for (size_t k = start, t; k < end; k = t + 1) {
                t = k;
                while (t < end && s[t] != ' ') t++;
                if (push_field(fs, s + k, t - k, start_col + (k - start)) != 0) return -1;
            }
        } else if (push_field(fs, s + start, end - start, start_col) != 0) {
            return -1;
        }
    }
    return 0;
}

/* ---- rows -------------------------------------------------------------------------------- */

typedef struct grid {
    nb_doc *doc;
    nb_table *t;
    size_t cap_rows;
    int failed; /* 1 out of memory, 2 a limit refused the table */
    const table_limits *lim;
    table_refusal *why;
    /* short cell texts made once ("0", "—", "12"): a table of a million small figures keeps
     * one copy of each (open addressing, at most half full) */
    const char **interned;
    size_t ninterned, cap_interned;
} grid;

#define INTERN_MAX 7 /* bytes: a longer text is copied for its cell */

/* The cell text s[0..len), a copy in the document's arena; short texts shared. NULL when out
 * of memory. */
static const char *cell_text(grid *g, const char *s, size_t len)
{
    if (len > INTERN_MAX) return nb_arena_strndup(&g->doc->arena, s, len);
    if (2 * (g->ninterned + 1) > g->cap_interned) {
        size_t ncap = g->cap_interned ? 2 * g->cap_interned : 256;
        const char **n = calloc(ncap, sizeof *n);
        if (!n) return nb_arena_strndup(&g->doc->arena, s, len);
        for (size_t i = 0; i < g->cap_interned; i++) {
            const char *t = g->interned[i];
            if (!t) continue;
            size_t h = text_fnv1a(TEXT_FNV_BASIS, t, strlen(t)) & (ncap - 1);
            while (n[h]) h = (h + 1) & (ncap - 1);
            n[h] = t;
        }
        free(g->interned);
        g->interned = n, g->cap_interned = ncap;
    }
    size_t h = text_fnv1a(TEXT_FNV_BASIS, s, len) & (g->cap_interned - 1);
    for (; g->interned[h]; h = (h + 1) & (g->cap_interned - 1))
        if (strlen(g->interned[h]) == len && memcmp(g->interned[h], s, len) == 0)
            return g->interned[h];
    const char *copy = nb_arena_strndup(&g->doc->arena, s, len);
    if (copy) g->interned[h] = copy, g->ninterned++;
    return copy;
}

static nb_row *add_row(grid *g, size_t line, size_t ncells)
{
    const table_limits *lim = g->lim;
    if (lim &&
        ((lim->row_cells && ncells > lim->row_cells) || (lim->rows && g->t->nrows >= lim->rows))) {
        bool cells = lim->row_cells && ncells > lim->row_cells;
        *g->why = (table_refusal){cells, line, cells ? ncells : g->t->nrows + 1};
        g->failed = 2;
        return NULL;
    }
    if (g->t->nrows == g->cap_rows) {
        size_t ncap = g->cap_rows ? g->cap_rows * 2 : 32;
        nb_row *nr = nb_arena_alloc(&g->doc->arena, ncap * sizeof *nr);
        if (!nr) goto fail;
        if (g->t->nrows) memcpy(nr, g->t->rows, g->t->nrows * sizeof *nr);
        g->t->rows = nr;
        g->cap_rows = ncap;
    }
    nb_row *r = &g->t->rows[g->t->nrows++];
    memset(r, 0, sizeof *r);
    r->line = line;
    r->cells = nb_arena_alloc(&g->doc->arena, (ncells ? ncells : 1) * sizeof *r->cells);
    if (!r->cells) goto fail;
    r->ncells = ncells;
    if (ncells > g->t->ncols) g->t->ncols = ncells;
    return r;
fail:
    g->failed = 1;
    return NULL;
}

static void set_cell_at(grid *g, nb_cell *c, const char *s, size_t len, size_t line, size_t x)
{
    size_t w = text_width(s, len);
    c->x = x < NB_CELL_MAX_COLUMN ? (uint16_t)x : NB_CELL_MAX_COLUMN;
    c->width = w < NB_CELL_MAX_COLUMN ? (uint16_t)w : NB_CELL_MAX_COLUMN;
    c->text = cell_text(g, s, len);
    if (!c->text) {
        c->text = "";
        g->failed = 1;
    }
    c->line = line;
}

static void set_cell(grid *g, nb_cell *c, const char *s, size_t len, size_t line)
{
    set_cell_at(g, c, s, len, line, 0);
}

static nb_row *row_from_fields(grid *g, const fields *fs, size_t line)
{
    nb_row *r = add_row(g, line, fs->n);
    if (!r) return NULL;
    for (size_t k = 0; k < fs->n; k++)
        set_cell_at(g, &r->cells[k], fs->f[k].s, fs->f[k].len, line, fs->f[k].col);
    return r;
}

static nb_row *row_from_line(grid *g, const nb_line *l)
{
    nb_row *r = add_row(g, l->lineno, 1);
    if (r) set_cell(g, &r->cells[0], l->s, l->len, l->lineno);
    return r;
}

/* Appends (or prepends) text to a cell's text. */
static void cell_join(grid *g, nb_cell *c, const char *s, size_t len, bool prepend)
{
    size_t old = strlen(c->text);
    char *t = nb_arena_alloc(&g->doc->arena, old + len + 1);
    if (!t) {
        g->failed = 1;
        return;
    }
    if (prepend) {
        memcpy(t, s, len);
        memcpy(t + len, c->text, old);
    } else {
        memcpy(t, c->text, old);
        memcpy(t + old, s, len);
    }
    c->text = t;
}

/* A merged side label is a few characters; a longer one means the pieces were not one label,
 * and capping it keeps hostile input from costing quadratic time. */
#define MAX_GROUP_BYTES 256
/* Lines of one wrapped cell that are joined before a new row is started instead. */
#define MAX_WRAPPED_LINES 16

static bool starts_with_marker(const char *s, size_t len)
{
    return (len >= 3 && (memcmp(s, "（", 3) == 0)) || (len >= 1 && s[0] == '(');
}

/* A value as tables print them: a number, a zero, or a not-applicable mark (numeral.c). */
static bool is_value_text(const char *s, size_t len)
{
    nb_cell_status st = nb_numeral_cell(s, len, NULL);
    return st == NB_CELL_NUMBER || st == NB_CELL_ZERO || st == NB_CELL_NOT_APPLICABLE;
}

static bool row_has_value(const nb_row *row)
{
    for (size_t c = 0; c < row->ncells; c++)
        if (nb_numeral_is_figure(row->cells[c].text, strlen(row->cells[c].text))) return true;
    return false;
}

/* A row whose cells are all marks (—, /, 不适用, 无) or empty: a row of values, never a header. */
static bool row_all_marks(const nb_row *row)
{
    bool mark = false;
    for (size_t c = 0; c < row->ncells; c++) {
        nb_cell_status st = nb_numeral_cell(row->cells[c].text, strlen(row->cells[c].text), NULL);
        if (st == NB_CELL_TEXT) return false;
        mark |= st == NB_CELL_NOT_APPLICABLE;
    }
    return mark;
}

/* ---- box drawing ------------------------------------------------------------------------- */

/* One content line of a box table, split at its vertical bars. */
typedef struct bline {
    size_t line;  /* index into lines */
    size_t first; /* its fields in the shared field list */
    size_t n;
    size_t values;    /* fields that are numbers, zeros or dashes */
    size_t label_end; /* fields before the trailing run of value-like (or empty) fields */
    bool marker;      /* its last label field starts with an enumeration marker */
} bline;

static bool field_is_value(const field *f)
{
    return is_value_text(f->s, f->len);
}

/* A box table's logical rows. Lines between two rules are one band; a band is one row when
 * rules separate every row, else its lines are grouped: a line with a marker (1. （三）) or with
 * values after a line with values starts a row; label lines before the values, and the values
 * line, continue it; label lines after a row's values continue it when the table's rows print
 * their values on their first line, else they stand as label pieces of their own (the binder
 * joins each to the row its text belongs to). A band without values before any data is the
 * header, its lines joined column by column. */
enum { BOX_EITHER, BOX_TOP, BOX_LOWER };

static void build_box(grid *g, const nb_line *lines, size_t first, size_t end, fields *fs)
{
    size_t nlines = 0;
    bline *bl = calloc(end - first + 1, sizeof *bl);
    fields all = {0};
    if (!bl) {
        g->failed = 1;
        return;
    }
    /* split every content line; a rule ends a band (band index kept in .line's high use) */
    size_t *band = calloc(end - first + 1, sizeof *band);
    size_t nb = 0;
    bool open = false;
    for (size_t i = first; i < end && band && !g->failed; i++) {
        const nb_line *l = &lines[i];
        if (l->kind == NB_LINE_BOXRULE) {
            if (open) nb++;
            open = false;
            continue;
        }
        if (l->kind != NB_LINE_BOX && l->kind != NB_LINE_PIPE) continue;
        if (split_separated(l, NB_TABLE_BOX, fs, false) != 0) {
            g->failed = 1;
            break;
        }
        bline *b = &bl[nlines];
        b->line = i;
        b->first = all.n;
        b->n = fs->n;
        for (size_t k = 0; k < fs->n; k++)
            if (push_field(&all, fs->f[k].s, fs->f[k].len, fs->f[k].col) != 0) g->failed = 1;
        size_t v = fs->n;
        while (v > 0 && (fs->f[v - 1].len == 0 || field_is_value(&fs->f[v - 1]))) v--;
        for (size_t k = v; k < fs->n; k++) b->values += fs->f[k].len > 0;
        b->label_end = v;
        if (v > 0) {
            size_t k = v;
            while (k > 0 && (all.f[b->first + k - 1].len == 0 ||
                             nb_numeral_unit(all.f[b->first + k - 1].s,
                                             all.f[b->first + k - 1].len) != NB_UNIT_NONE))
                k--; /* past empty cells and the unit column */
            if (k > 0) {
                const field *f = &all.f[b->first + k - 1];
                nb_marker m = marker_parse(f->s, f->len);
                b->marker = m.len > 0 && !m.list;
            }
        }
        band[nlines++] = nb;
        open = true;
    }
    /* do rows print their values on their first line? Told by the rows that start with a
     * marker and wrap: their values on the marker line (top), or on a later one */
    size_t top = 0, lower = 0;
    for (size_t i = 0; i + 1 < nlines; i++) {
        if (!bl[i].marker || band[i + 1] != band[i] || bl[i + 1].marker) continue;
        if (bl[i].values) {
            top += !bl[i + 1].values; /* a label line under the values: it wraps */
            continue;
        }
        size_t k = i + 1;
        while (k < nlines && band[k] == band[i] && !bl[k].values && !bl[k].marker) k++;
        /* values after label lines, or right under the marker with the label going on below
         * them (a blank row followed by a one-line row shows neither) */
        bool goes_on =
            k + 1 < nlines && band[k + 1] == band[i] && !bl[k + 1].values && !bl[k + 1].marker;
        if (k < nlines && band[k] == band[i] && bl[k].values && !bl[k].marker &&
            (k > i + 1 || goes_on))
            lower++;
    }
    /* decided only when all the wrapping rows agree; else each piece stands alone */
    int values_on_top = top && !lower ? BOX_TOP : lower && !top ? BOX_LOWER : BOX_EITHER;
    /* every band that rules close is one row when most bands hold one line with values */
    size_t single = 0, bands_with_values = 0;
    for (size_t b = 0; b <= nb; b++) {
        size_t with = 0;
        for (size_t i = 0; i < nlines; i++) with += band[i] == b && bl[i].values;
        bands_with_values += with > 0;
        single += with == 1;
    }
    bool band_is_row = bands_with_values >= 2 && single == bands_with_values;
    bool data_seen = false;
    nb_row *cur = NULL;
    bool cur_values = false;
    size_t joined = 0;
    for (size_t i = 0; i < nlines && !g->failed; i++) {
        bline *b = &bl[i];
        const nb_line *l = &lines[b->line];
        fs->n = 0;
        for (size_t k = 0; k < b->n; k++) {
            field *f = &all.f[b->first + k];
            if (push_field(fs, f->s, f->len, f->col) != 0) g->failed = 1;
        }
        bool same_band = i > 0 && band[i] == band[i - 1];
        bool same_shape = cur && cur->ncells == b->n && same_band;
        bool header_band = !data_seen;
        for (size_t k = i; k < nlines && band[k] == band[i] && header_band; k++)
            header_band = !bl[k].values;
        bool join;
        if (!same_shape || joined + 1 >= MAX_WRAPPED_LINES)
            join = false;
        else if (header_band || band_is_row)
            join = true;
        else if (b->marker || (b->values && cur_values))
            join = false;
        else if (!cur_values && !b->values)
            join = true; /* a label going on down */
        else if (values_on_top == BOX_TOP)
            join = !b->values; /* the rest of a label whose values stood on its first line */
        else if (values_on_top == BOX_LOWER)
            join = !cur_values; /* the values at the end of a label */
        else
            join = false; /* a label piece, or a row whose label above is blank: the binder
                           * joins pieces by their words */
        if (b->values) data_seen = true;
        if (join) {
            for (size_t k = 0; k < b->n; k++) {
                const field *f = &fs->f[k];
                if (!f->len) continue;
                nb_cell *c = &cur->cells[k];
                if (!c->text[0]) {
                    set_cell_at(g, c, f->s, f->len, l->lineno, f->col);
                } else {
                    cell_join(g, c, f->s, f->len, false);
                }
                if (b->values && k >= b->label_end) c->line = l->lineno;
            }
            if (b->values) cur->line = l->lineno;
            cur_values |= b->values > 0;
            joined++;
            continue;
        }
        cur = row_from_fields(g, fs, l->lineno);
        if (!cur) break;
        cur->header = header_band || (b->n == 1 && nlines > 1);
        cur_values = b->values > 0;
        joined = 0;
    }
    free(band);
    free(bl);
    free(all.f);
}

/* ---- separated syntaxes: pipe, markdown, tab ---------------------------------------------- */

static bool pipes_between_only(const nb_line *lines, size_t first, size_t end);
static bool pipe_at_end(const char *s, size_t n);

static void build_separated(grid *g, const nb_line *lines, size_t first, size_t end,
                            nb_table_syntax syntax, fields *fs)
{
    size_t fragment_start = g->t->nrows; /* rows since the last |---| or box rule */
    bool merge_box = false;
    if (syntax == NB_TABLE_BOX) { /* rules between content lines: one row per ruled band */
        size_t inner = 0;
        for (size_t i = first + 1; i + 1 < end; i++) inner += lines[i].kind == NB_LINE_BOXRULE;
        merge_box = inner >= 2;
    }
    bool band_open = false;
    size_t joined = 0; /* content lines merged into the current row */
    /* pipes written between fields only (a row with figures has none at either end): a row
     * that opens with a pipe and does not end with one opens with an empty field, its merged
     * first label column (|（二）部分公开|2|0|…|3 under 三、本年度办理结果|（一）予以公开|…) */
    bool inner_pipes = (syntax == NB_TABLE_PIPE || syntax == NB_TABLE_MARKDOWN) &&
                       pipes_between_only(lines, first, end);
    for (size_t i = first; i < end && !g->failed; i++) {
        const nb_line *l = &lines[i];
        switch (l->kind) {
        case NB_LINE_BLANK:
        case NB_LINE_FOOTER:
            continue;
        case NB_LINE_MDSEP:
            /* the row right above |---| is a header, unless it holds values: converters put
             * separators under rows of numbers too */
            if (g->t->nrows > fragment_start && !row_has_value(&g->t->rows[g->t->nrows - 1]) &&
                !row_all_marks(&g->t->rows[g->t->nrows - 1]))
                g->t->rows[g->t->nrows - 1].header = true;
            fragment_start = g->t->nrows;
            continue;
        case NB_LINE_BOXRULE:
            band_open = false;
            continue;
        case NB_LINE_PIPE:
        case NB_LINE_TAB:
        case NB_LINE_BOX:
            break;
        default:
            if (!(syntax == NB_TABLE_MARKDOWN || syntax == NB_TABLE_PIPE) ||
                l->kind != NB_LINE_LABEL_NUMBER) {
                row_from_line(g, l);
                continue;
            }
            /* "行政许可 97" among pipe rows: a label and a value */
            const char *sp = l->s + l->len;
            while (sp > l->s && sp[-1] != ' ') sp--;
            fs->n = 0;
            fs->f[0] = (field){l->s, text_rtrim(l->s, (size_t)(sp - l->s)), 0};
            fs->f[1] = (field){sp, (size_t)(l->s + l->len - sp), 0};
            fs->n = 2;
            row_from_fields(g, fs, l->lineno);
            continue;
        }
        if (split_separated(l, syntax, fs,
                            inner_pipes && !pipe_at_end(l->s, text_rtrim(l->s, l->len))) != 0) {
            g->failed = 1;
            return;
        }
        nb_row *prev = g->t->nrows ? &g->t->rows[g->t->nrows - 1] : NULL;
        bool wrapped_label =
            syntax == NB_TABLE_BOX && prev && fs->n == prev->ncells && (band_open && merge_box);
        if (!wrapped_label && syntax == NB_TABLE_BOX && prev && !merge_box && fs->n > 1 &&
            fs->n == prev->ncells) {
            wrapped_label = true; /* a label that wraps inside its cell: only it has text */
            for (size_t k = 1; k < fs->n; k++) wrapped_label &= fs->f[k].len == 0;
        }
        if (wrapped_label && ++joined < MAX_WRAPPED_LINES) {
            for (size_t k = 0; k < fs->n; k++)
                if (fs->f[k].len) cell_join(g, &prev->cells[k], fs->f[k].s, fs->f[k].len, false);
            continue;
        }
        row_from_fields(g, fs, l->lineno);
        band_open = true;
        joined = 0;
    }
}

/* ---- aligned columns and cell-per-line ---------------------------------------------------- */

/* ---- aligned columns (pdftotext -layout) -------------------------------------------------- */

/* One line of an aligned table, split into fields with their columns. */
typedef struct aline {
    size_t line;      /* index into lines */
    size_t first, n;  /* its fields in the shared list */
    size_t nvalues;   /* trailing value fields */
    long label;       /* first field of the row's label (fields label..label_end), -1: none */
    size_t label_end; /* one past the label's last field */
    bool unit;        /* a unit field stands between label and values */
    bool header;
    bool gap_before; /* a blank line, page footer or form feed lies between it and the line above */
    size_t side_end; /* fields [0, side_end) are side-label pieces */
    long owner;      /* a text line: the value line (alines index) its label pieces join */
    bool prefix;     /* joins its owner's label before (true) or after */
    long row;        /* the grid row it became */
    bool side_char;  /* its first field is a piece of a label printed down the side */
} aline;

#define NO_X ((size_t)-1)
/* Columns within which pieces count as one column of text. */
#define SAME_X 3

static bool field_starts_marker(const field *f)
{
    nb_marker m = marker_parse(f->s, f->len);
    return m.len > 0 && !m.list;
}

/* Splits the lines of the region and finds in each its values, its row label and its side
 * pieces (label fields separated from the row label by a wide gap). */
static size_t aligned_lines(grid *g, const nb_line *lines, size_t first, size_t end, fields *fs,
                            fields *all, aline *al)
{
    size_t n = 0;
    bool gap = false;
    for (size_t i = first; i < end && !g->failed; i++) {
        const nb_line *l = &lines[i];
        if (l->kind == NB_LINE_BLANK || l->kind == NB_LINE_FOOTER) {
            gap = true;
            continue;
        }
        if (split_aligned(l, fs) != 0) {
            g->failed = 1;
            break;
        }
        if (l->kind == NB_LINE_LABEL_NUMBER && fs->n == 1) { /* "行政许可 97": one space */
            const char *sp = l->s + l->len;
            while (sp > l->s && sp[-1] != ' ') sp--;
            size_t lw = text_rtrim(l->s, (size_t)(sp - l->s));
            fs->f[0] = (field){l->s, lw, l->indent};
            fs->f[1] = (field){sp, (size_t)(l->s + l->len - sp),
                               l->indent + text_width(l->s, (size_t)(sp - l->s))};
            fs->n = 2;
        }
        aline *a = &al[n++];
        memset(a, 0, sizeof *a);
        a->line = i;
        a->first = all->n;
        a->n = fs->n;
        a->label = a->owner = a->row = -1;
        a->gap_before = gap || (l->raw_len && l->raw[0] == '\f');
        gap = false;
        for (size_t k = 0; k < fs->n; k++)
            if (push_field(all, fs->f[k].s, fs->f[k].len, fs->f[k].col) != 0) g->failed = 1;
        if (g->failed) break;
        const field *f = &all->f[a->first];
        bool values_kind = l->kind == NB_LINE_ALIGNED || l->kind == NB_LINE_LABEL_NUMBER ||
                           l->kind == NB_LINE_NUMBER;
        size_t v = a->n;
        while (values_kind && v > 0 && is_value_text(f[v - 1].s, f[v - 1].len)) v--;
        a->nvalues = a->n - v;
        size_t end_label = v;
        if (a->nvalues && v >= 1 && nb_numeral_unit(f[v - 1].s, f[v - 1].len) != NB_UNIT_NONE) {
            a->unit = true;
            end_label = v - 1;
        }
        /* the row label: the last label field and those before it within a narrow gap */
        a->side_end = 0;
        if (end_label > 0) {
            size_t k = end_label - 1;
            while (k > 0 && f[k].col <= f[k - 1].col + text_width(f[k - 1].s, f[k - 1].len) + 4)
                k--;
            a->label = (long)k;
            a->label_end = end_label;
            a->side_end = k;
        }
    }
    return n;
}

/* The leftmost column of values. */
static size_t value_column(const aline *al, size_t n, const fields *all)
{
    size_t x = NO_X;
    for (size_t i = 0; i < n; i++)
        if (al[i].nvalues) {
            const field *f = &all->f[al[i].first + al[i].n - al[i].nvalues];
            if (f->col < x) x = f->col;
        }
    return x;
}

/* Text lines above the first values, or right after a page break, with words over the value
 * columns: the header (also when a new page repeats it). */
static void aligned_headers(aline *al, size_t n, const fields *all, const nb_line *lines, size_t xv)
{
    bool data = false, in_header = false;
    for (size_t i = 0; i < n; i++) {
        aline *a = &al[i];
        if (a->nvalues) {
            data = true;
            in_header = false;
            continue;
        }
        bool over_values = false; /* words (not a unit) over the value columns */
        for (size_t k = 0; k < a->n && xv != NO_X; k++) {
            const field *f = &all->f[a->first + k];
            over_values |= f->col + 4 >= xv && nb_numeral_unit(f->s, f->len) == NB_UNIT_NONE;
        }
        /* a line that starts with a row's marker is a row (its cells blank), not a header */
        if (a->n && field_starts_marker(&all->f[a->first])) over_values = false;
        if (!data)
            a->header = over_values || lines[a->line].kind == NB_LINE_ALIGNED_HEAD;
        else
            a->header = over_values && (a->gap_before || in_header);
        in_header = a->header;
    }
}

/* The label column a text line's pieces are measured against: the nearest value line's. */
static size_t nearest_label_x(const aline *al, size_t n, size_t i, const fields *all)
{
    for (size_t d = 1; d < n && d <= 4 * MAX_WRAPPED_LINES; d++) {
        if (i >= d && al[i - d].nvalues && al[i - d].label >= 0)
            return all->f[al[i - d].first + (size_t)al[i - d].label].col;
        if (i + d < n && al[i + d].nvalues && al[i + d].label >= 0)
            return all->f[al[i + d].first + (size_t)al[i + d].label].col;
    }
    return NO_X;
}

/* Splits text lines into side pieces and label pieces. */
static void aligned_pieces(aline *al, size_t n, const fields *all)
{
    for (size_t i = 0; i < n; i++) {
        aline *a = &al[i];
        if (a->nvalues || a->header) continue;
        size_t lx = nearest_label_x(al, n, i, all);
        size_t k = 0, end = a->n;
        a->label = -1;
        /* a unit alone in its column is no label (the row's cells are blank) */
        while (end > 0 && nb_numeral_unit(all->f[a->first + end - 1].s,
                                          all->f[a->first + end - 1].len) != NB_UNIT_NONE)
            end--;
        while (k < end && lx != NO_X && all->f[a->first + k].col + SAME_X < lx) k++;
        if (lx == NO_X && end > 1) k = end - 1; /* no row label to measure by: the last field */
        if (a->side_char && k < 1) k = 1;
        a->side_end = k;
        a->unit = end < a->n;
        if (k < end) {
            a->label = (long)k;
            a->label_end = end;
        }
    }
}

/* Whether a line opens with a piece of one or two characters (三、 本 年) standing apart: alone,
 * or followed by more text after a gap. */
static bool opens_with_char(const aline *a, const fields *all)
{
    size_t text = a->n - a->nvalues - a->unit; /* its fields before the values */
    if (a->header || !text) return false;
    const field *f = &all->f[a->first];
    if (text_width(f->s, f->len) > 4) return false;
    return text == 1 || all->f[a->first + 1].col > f->col + text_width(f->s, f->len) + 4;
}

/* A merged label printed down the side, a character or two a line (三、 | 本 | 年 | 度 | 办 447 0
 * 447 | 理 …): a run of at least three lines opening with such a piece in one column, beside the
 * labels of rows, gives each line's piece to the side label, also on a line of figures whose
 * own label is wrapped around it. */
static void aligned_side_chars(aline *al, size_t n, const fields *all)
{
    for (size_t i = 0; i < n;) {
        if (!opens_with_char(&al[i], all)) {
            i++;
            continue;
        }
        size_t x = all->f[al[i].first].col, j = i + 1;
        while (j < n && opens_with_char(&al[j], all) && all->f[al[j].first].col + SAME_X >= x &&
               all->f[al[j].first].col <= x + SAME_X)
            j++;
        bool beside = false; /* a row label right of the column on one of its lines */
        for (size_t k = i; k < j && !beside; k++)
            beside = al[k].n - al[k].nvalues - al[k].unit > 1 || (al[k].nvalues && al[k].label > 0);
        for (size_t k = i; j - i >= 3 && beside && k < j; k++) {
            aline *a = &al[k];
            a->side_char = true;
            if (a->label == 0) { /* a line of figures whose label was the piece */
                if (a->label_end > 1) {
                    a->label = 1;
                } else {
                    a->label = -1;
                }
            }
            if (a->side_end < 1) a->side_end = 1;
        }
        i = j;
    }
}

static bool label_starts_marker(const aline *a, const fields *all)
{
    return a->label >= 0 && field_starts_marker(&all->f[a->first + (size_t)a->label]);
}

/* Which value line each text line's label piece belongs to (see build_aligned). */
static void aligned_owners(aline *al, size_t n, const fields *all)
{
    for (size_t i = 0; i < n; i++) {
        aline *p = &al[i];
        /* a label with its unit and no figures is a row of its own (its cells blank): a
         * wrapped label's unit stands on its figures' line */
        if (p->nvalues || p->header || p->label < 0 || p->unit) continue;
        /* the value lines above and below, reached over label lines without a gap */
        long above = -1, below = -1;
        for (long k = (long)i - 1; k >= 0 && k + MAX_WRAPPED_LINES > (long)i; k--) {
            if (al[k + 1].gap_before || al[k].header) break;
            if (al[k].nvalues) {
                above = k;
                break;
            }
        }
        for (size_t k = i + 1; k < n && k < i + MAX_WRAPPED_LINES; k++) {
            if (al[k].gap_before || al[k].header) break;
            if (al[k].nvalues) {
                below = (long)k;
                break;
            }
        }
        bool marker = label_starts_marker(p, all);
        bool below_empty = below >= 0 && al[below].label < 0;
        bool above_empty = above >= 0 && al[above].label < 0;
        bool below_marker = below >= 0 && label_starts_marker(&al[below], all);
        long owner = -1;
        bool prefix = false;
        if (below_empty && (marker || !above_empty))
            owner = below, prefix = true; /* the figures sit below the start of their label */
        else if (above_empty)
            owner = above; /* the end of a label whose figures stand above */
        else if (marker && below >= 0 && !below_marker)
            owner = below, prefix = true;
        else if (!marker && above >= 0 && (below < 0 || below_marker))
            owner = above;
        p->owner = owner;
        p->prefix = prefix;
    }
}

/* ---- side labels: merged cells printed down the side -------------------------------------- */

typedef struct spiece {
    size_t at; /* alines index */
    size_t field;
    size_t x;
} spiece;

static int by_x_then_line(const void *a, const void *b)
{
    const spiece *p = a, *q = b;
    if (p->x != q->x) return p->x < q->x ? -1 : 1;
    return (p->at > q->at) - (p->at < q->at);
}

static int by_line(const void *a, const void *b)
{
    const spiece *p = a, *q = b;
    return (p->at > q->at) - (p->at < q->at);
}

/* The ordinal of a value line's row label marker (1. 2. …), 0 when none. */
static int row_ordinal(const aline *a, const fields *all)
{
    if (a->label < 0) return 0;
    const field *f = &all->f[a->first + (size_t)a->label];
    nb_marker m = marker_parse(f->s, f->len);
    return m.len && !m.list ? m.ordinal : 0;
}

/* A row lies under a side label of column x when its own label starts right of it. */
static bool inner_row(const aline *a, const fields *all, size_t x)
{
    return a->nvalues && (a->label < 0 || all->f[a->first + (size_t)a->label].col > x + SAME_X);
}

/* Gathers the side pieces into labels (one per column of pieces, a marker starting a new one)
 * and gives each label's block of rows its text as group: the rows under it from the previous
 * boundary (a row outside the column, the previous label's block, or the row where numbering
 * restarts at 1) to the next. Inner columns are done last, so a row's group is its innermost. */
static void aligned_groups(grid *g, aline *al, size_t n, const fields *all, const char **group,
                           long *own)
{
    size_t np = 0; /* (a header line's words are never side labels) */
    for (size_t i = 0; i < n; i++) np += al[i].header ? 0 : al[i].side_end;
    if (!np) return;
    spiece *p = calloc(np, sizeof *p);
    if (!p) {
        g->failed = 1;
        return;
    }
    np = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; !al[i].header && k < al[i].side_end; k++)
            p[np++] = (spiece){i, al[i].first + k, all->f[al[i].first + k].col};
    qsort(p, np, sizeof *p, by_x_then_line);
    for (size_t s = 0; s < np && !g->failed;) {
        /* one column of pieces: x within SAME_X of the column's first */
        size_t e = s;
        while (e < np && p[e].x <= p[s].x + SAME_X) e++;
        size_t cx = p[e - 1].x;
        qsort(p + s, e - s, sizeof *p, by_line); /* the column's pieces, top to bottom */
        /* labels of the column */
        long prev_hi = -1;
        for (size_t a = s; a < e && !g->failed;) {
            size_t b = a + 1;
            while (b < e && !field_starts_marker(&all->f[p[b].field])) {
                bool outer_between = false;
                for (size_t k = p[b - 1].at + 1; k < p[b].at; k++)
                    outer_between |= al[k].nvalues && !inner_row(&al[k], all, cx);
                if (outer_between) break;
                b++;
            }
            /* the label's text (a merged label is a few characters: longer, the pieces were not
             * one label, and a cap keeps hostile input from costing quadratic time) */
            size_t len = 0;
            for (size_t k = a; k < b; k++) len += all->f[p[k].field].len;
            if (len > MAX_GROUP_BYTES) len = MAX_GROUP_BYTES;
            char *text = nb_arena_alloc(&g->doc->arena, len + 1);
            if (!text) {
                g->failed = 1;
                break;
            }
            size_t used = 0;
            for (size_t k = a; k < b && used + all->f[p[k].field].len <= len; k++) {
                memcpy(text + used, all->f[p[k].field].s, all->f[p[k].field].len);
                used += all->f[p[k].field].len;
            }
            text[used] = '\0';
            /* its block: up from its first piece, down from its last */
            long lo = (long)p[a].at, hi = (long)p[b - 1].at;
            while (lo > prev_hi + 1 && lo > 0 &&
                   (!al[lo - 1].nvalues || inner_row(&al[lo - 1], all, cx)) && !al[lo - 1].header)
                lo--;
            long next = b < e ? (long)p[b].at : (long)n;
            while (hi + 1 < next && (!al[hi + 1].nvalues || inner_row(&al[hi + 1], all, cx))) hi++;
            /* the next label of the column takes the rows from where numbering restarts */
            if (b < e && hi + 1 >= next) {
                for (long k = (long)p[b - 1].at + 1; k < next; k++)
                    if (al[k].nvalues && row_ordinal(&al[k], all) == 1 && k > (long)p[b - 1].at) {
                        hi = k - 1;
                        break;
                    }
            }
            /* a "side label" over one row of figures that has no label of its own is that
             * row's label, wrapped around its figures (the first line of it above them) */
            long rows = 0, only = -1;
            for (long k = lo; k <= hi; k++)
                if (inner_row(&al[k], all, cx)) rows++, only = k;
            if (rows == 1 && al[only].label < 0 && b - a > 1 && (long)p[a].at < only &&
                (long)p[b - 1].at > only) {
                group[only] = text;
                own[only] = (long)p[a].at;
                prev_hi = hi;
                a = b;
                continue;
            }
            for (long k = lo; k <= hi; k++)
                if (inner_row(&al[k], all, cx)) group[k] = text;
            prev_hi = hi;
            a = b;
        }
        s = e;
    }
    free(p);
}

/* A line that holds only side-label pieces. */
static bool side_only(const aline *a)
{
    return !a->nvalues && !a->header && a->label < 0;
}

/* Builds a grid of pdftotext -layout text: every line with values is a row; the header lines
 * above (and after page breaks) are header rows; a row's label is joined from the pieces above
 * and below it that belong to it (aligned_owners), the other pieces stand as label rows of
 * their own (the binder joins them by their words); side labels become the rows' groups. */
static void build_aligned(grid *g, const nb_line *lines, size_t first, size_t end, fields *fs)
{
    size_t cap = end - first + 1;
    aline *al = calloc(cap, sizeof *al);
    const char **group = calloc(cap, sizeof *group);
    fields all = {0};
    if (!al || !group) {
        free(al), free(group);
        g->failed = 1;
        return;
    }
    size_t n = aligned_lines(g, lines, first, end, fs, &all, al);
    size_t xv = value_column(al, n, &all);
    aligned_headers(al, n, &all, lines, xv);
    aligned_side_chars(al, n, &all);
    aligned_pieces(al, n, &all);
    aligned_owners(al, n, &all);
    long *own = malloc(cap * sizeof *own);
    if (!own) {
        free(al), free(group), free(all.f);
        g->failed = 1;
        return;
    }
    for (size_t k = 0; k < cap; k++) own[k] = -1;
    aligned_groups(g, al, n, &all, group, own);
    for (size_t i = 0; i < n && !g->failed; i++) {
        aline *a = &al[i];
        const nb_line *l = &lines[a->line];
        const field *f = &all.f[a->first];
        if (a->header) {
            fs->n = 0;
            for (size_t k = 0; k < a->n; k++) push_field(fs, f[k].s, f[k].len, f[k].col);
            nb_row *r = row_from_fields(g, fs, l->lineno);
            if (r) r->header = true;
            continue;
        }
        if (!a->nvalues) {
            if (a->label < 0 && a->n && nb_numeral_unit(f[a->n - 1].s, f[a->n - 1].len)) {
                /* a unit alone: a row whose value cell is blank; its label is around it */
                nb_row *r = add_row(g, l->lineno, 1);
                if (r)
                    set_cell_at(g, &r->cells[0], f[a->n - 1].s, f[a->n - 1].len, l->lineno,
                                f[a->n - 1].col);
                continue;
            }
            if (a->label < 0 || a->owner >= 0) continue; /* side pieces only, or joined */
            nb_row *r = add_row(g, l->lineno, 1 + a->unit);
            if (!r) break;
            set_cell_at(g, &r->cells[0], f[a->label].s, 0, l->lineno, f[a->label].col);
            for (size_t k = (size_t)a->label; k < a->label_end; k++)
                cell_join(g, &r->cells[0], f[k].s, f[k].len, false);
            if (a->unit) /* its unit, and no value: a blank row, or a piece of one */
                set_cell_at(g, &r->cells[1], f[a->n - 1].s, f[a->n - 1].len, l->lineno,
                            f[a->n - 1].col);
            r->group = group[i];
            continue;
        }
        size_t ncells = 1 + a->unit + a->nvalues;
        nb_row *r = add_row(g, l->lineno, ncells);
        if (!r) break;
        r->group = group[i];
        nb_cell *lab = &r->cells[0];
        set_cell_at(g, lab, "", 0, l->lineno, a->label >= 0 ? f[a->label].col : 0);
        if (own[i] >= 0) { /* its label wrapped around its figures, read as side pieces */
            lab->line = lines[al[own[i]].line].lineno;
            cell_join(g, lab, group[i], strlen(group[i]), false);
            r->group = NULL;
        }
        /* pieces above that belong to it, its own label, pieces below (all next to it) */
        size_t from = i, to = i;
        while (from > 0 &&
               ((al[from - 1].owner == (long)i && al[from - 1].prefix) || side_only(&al[from - 1])))
            from--;
        while (to + 1 < n &&
               ((al[to + 1].owner == (long)i && !al[to + 1].prefix) || side_only(&al[to + 1])))
            to++;
        for (size_t k = from; k <= to; k++) {
            const aline *q = &al[k];
            if (q->label < 0 || (k != i && q->nvalues)) continue;
            if (!lab->text[0]) lab->line = lines[q->line].lineno;
            for (size_t m = (size_t)q->label; m < q->label_end; m++)
                cell_join(g, lab, all.f[q->first + m].s, all.f[q->first + m].len, false);
        }
        size_t c = 1;
        if (a->unit) {
            const field *u = &f[a->n - a->nvalues - 1];
            set_cell_at(g, &r->cells[c++], u->s, u->len, l->lineno, u->col);
        }
        for (size_t k = a->n - a->nvalues; k < a->n; k++)
            set_cell_at(g, &r->cells[c++], f[k].s, f[k].len, l->lineno, f[k].col);
    }
    free(all.f);
    free(al);
    free(group);
    free(own);
}

/* ---- one cell per line (pdftotext without -layout) ---------------------------------------- */

/* A value line: a number, or a dash, slash or 零 on a line of its own. */
static bool cells_value(const nb_line *l)
{
    return l->kind == NB_LINE_NUMBER || (l->kind == NB_LINE_TEXT && is_value_text(l->s, l->len));
}

static bool cells_skip(const nb_line *l)
{
    return l->kind == NB_LINE_BLANK || l->kind == NB_LINE_FOOTER;
}

/* The next line from i that is not blank or a footer, end when none. */
static size_t cells_next(const nb_line *lines, size_t i, size_t end)
{
    while (i < end && cells_skip(&lines[i])) i++;
    return i;
}

/* A label line such as a row's or a group's (一、 （一） 1.), never a header's. */
static bool cells_row_label(const nb_line *l)
{
    nb_marker m = marker_parse(l->s, l->len);
    return (m.len && !m.list) || text_contains(l->s, l->len, "、");
}

/* Whether the line after line i (blank lines apart) is a unit alone: i is a row's label. */
static bool cells_unit_follows(const nb_line *lines, size_t i, size_t end)
{
    size_t u = cells_next(lines, i + 1, end);
    return u < end && lines[u].kind == NB_LINE_TEXT &&
           nb_numeral_unit(lines[u].s, lines[u].len) != NB_UNIT_NONE;
}

/* Each label takes the unit line after it and the values that follow, up to the next label
 * (the values of several rows may run together: the binder spans them); the label lines above
 * the first values, but the one right before them and any row or group label, are the header,
 * one cell per line. */
static void build_cells(grid *g, const nb_line *lines, size_t first, size_t end)
{
    size_t first_value = first;
    while (first_value < end && !cells_value(&lines[first_value])) first_value++;
    size_t last_label = first_value; /* the label right before the first values */
    for (size_t k = first_value; k > first; k--)
        if (!cells_skip(&lines[k - 1]) &&
            nb_numeral_unit(lines[k - 1].s, lines[k - 1].len) == NB_UNIT_NONE) {
            last_label = k - 1;
            break;
        }
    size_t header_end = first;
    while (header_end < last_label &&
           (cells_skip(&lines[header_end]) ||
            (!cells_row_label(&lines[header_end]) && !cells_unit_follows(lines, header_end, end))))
        header_end++;
    if (header_end > first) {
        size_t ncells = 0;
        for (size_t k = first; k < header_end; k++) ncells += !cells_skip(&lines[k]);
        nb_row *r = add_row(g, lines[cells_next(lines, first, header_end)].lineno, ncells);
        if (!r) return;
        r->header = true;
        for (size_t k = first, c = 0; k < header_end; k++)
            if (!cells_skip(&lines[k]))
                set_cell(g, &r->cells[c++], lines[k].s, lines[k].len, lines[k].lineno);
    }
    for (size_t i = header_end; i < end && !g->failed; i++) {
        const nb_line *l = &lines[i];
        if (cells_skip(l)) continue;
        bool label = !cells_value(l);
        size_t j = label ? i + 1 : i;
        /* a unit on the line after the label */
        size_t u = cells_next(lines, j, end);
        bool unit = label && u < end && lines[u].kind == NB_LINE_TEXT &&
                    nb_numeral_unit(lines[u].s, lines[u].len) != NB_UNIT_NONE;
        if (unit) j = u + 1;
        size_t k = j, count = 0;
        for (; k < end; k++) {
            if (cells_skip(&lines[k])) continue;
            if (!cells_value(&lines[k])) break;
            count++;
        }
        nb_row *r = add_row(g, l->lineno, count + 1 + unit);
        if (!r) return;
        set_cell(g, &r->cells[0], label ? l->s : "", label ? l->len : 0, l->lineno);
        size_t c = 1;
        if (unit) set_cell(g, &r->cells[c++], lines[u].s, lines[u].len, lines[u].lineno);
        for (size_t m = j; m < k; m++)
            if (!cells_skip(&lines[m]))
                set_cell(g, &r->cells[c++], lines[m].s, lines[m].len, lines[m].lineno);
        if (count) r->line = r->cells[1 + unit].line;
        i = k - 1;
    }
}

static nb_table_syntax region_syntax(const nb_line *lines, size_t first, size_t end)
{
    size_t box = 0, pipe = 0, md = 0, tab = 0, aligned = 0, numbers = 0;
    for (size_t i = first; i < end; i++) {
        switch (lines[i].kind) {
        case NB_LINE_BOX:
        case NB_LINE_BOXRULE:
            box++;
            break;
        case NB_LINE_PIPE:
            pipe++;
            if (lines[i].s[0] == '|') md++;
            break;
        case NB_LINE_MDSEP:
            md++;
            break;
        case NB_LINE_TAB:
            tab++;
            break;
        case NB_LINE_ALIGNED:
        case NB_LINE_LABEL_NUMBER:
            aligned++;
            break;
        case NB_LINE_NUMBER:
            numbers++;
            break;
        default:
            break;
        }
    }
    if (box) return NB_TABLE_BOX;
    if (pipe || md) return md ? NB_TABLE_MARKDOWN : NB_TABLE_PIPE;
    if (tab) return NB_TABLE_TAB;
    return aligned >= numbers ? NB_TABLE_ALIGNED : NB_TABLE_CELLS;
}

/* Tab-separated lines (and pipes without a closing one) lose their empty last fields: a row
 * with values that is one or two cells short of the table's usual width gets them back as
 * blank cells at its end. */
static bool has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9') return true;
    return n >= 3 && text_contains(s, n, "零");
}

/* Whether a pipe line ends with a pipe; and begins with one. */
static bool pipe_at_end(const char *s, size_t n)
{
    return n && (s[n - 1] == '|' || (n >= 3 && memcmp(s + n - 3, "\xEF\xBD\x9C", 3) == 0));
}

static bool pipe_at_start(const char *s, size_t n)
{
    return n && (s[0] == '|' || (n >= 3 && memcmp(s, "\xEF\xBD\x9C", 3) == 0));
}

/* Whether most pipe lines with figures in [first, end) end with a pipe (a group row of empty
 * cells ends with one either way). */
static bool pipes_close_rows(const nb_line *lines, size_t first, size_t end)
{
    size_t pipes = 0, ending = 0;
    for (size_t k = first; k < end; k++) {
        if (lines[k].kind != NB_LINE_PIPE) continue;
        size_t n = text_rtrim(lines[k].s, lines[k].len);
        if (has_digit(lines[k].s, n)) pipes++, ending += pipe_at_end(lines[k].s, n);
    }
    return 2 * ending > pipes;
}

/* Whether some pipe line with figures in [first, end) has no pipe at either end: the table's
 * pipes stand between fields only. */
static bool pipes_between_only(const nb_line *lines, size_t first, size_t end)
{
    for (size_t k = first; k < end; k++) {
        if (lines[k].kind != NB_LINE_PIPE) continue;
        size_t n = text_rtrim(lines[k].s, lines[k].len);
        if (has_digit(lines[k].s, n) && !pipe_at_start(lines[k].s, n) &&
            !pipe_at_end(lines[k].s, n))
            return true;
    }
    return false;
}

/* Whether a pipe row's line is closed by a pipe (then no field was dropped): it ends with one
 * and opens with one too, or most rows of its table end so (`closing`); a row without an opening
 * pipe that alone ends with one ends with an empty field instead (`（二）部分公开|0|0|0|0|0|0|`
 * among rows of eight fields: the total is blank). */
static bool closed_pipe_row(const nb_line *row, bool closing)
{
    size_t n = text_rtrim(row->s, row->len);
    return pipe_at_end(row->s, n) && (pipe_at_start(row->s, n) || closing);
}

static void pad_short_rows(grid *g, const nb_line *lines, size_t first, size_t end)
{
    nb_table *t = g->t;
    size_t count[64] = {0}, mode = 0;
    for (size_t r = 0; r < t->nrows; r++)
        if (row_has_value(&t->rows[r]) && t->rows[r].ncells < 64) count[t->rows[r].ncells]++;
    for (size_t c = 1; c < 64; c++)
        if (count[c] > count[mode]) mode = c;
    if (!mode || count[mode] < 2) return;
    bool closing = t->syntax != NB_TABLE_TAB && pipes_close_rows(lines, first, end);
    for (size_t r = 0, k = first; r < t->nrows && !g->failed; r++) {
        nb_row *row = &t->rows[r];
        if (!row_has_value(row) || row->ncells >= mode || row->ncells + 2 < mode) continue;
        /* a pipe row that closes its line has all its fields: shorter, it has fewer label
         * columns (a label printed once over two), not lost values (rows come in line order) */
        while (k < end && lines[k].lineno < row->line) k++;
        if (t->syntax != NB_TABLE_TAB && k < end && lines[k].lineno == row->line &&
            closed_pipe_row(&lines[k], closing))
            continue;
        nb_cell *cells = nb_arena_alloc(&g->doc->arena, mode * sizeof *cells);
        if (!cells) {
            g->failed = 1;
            return;
        }
        memcpy(cells, row->cells, row->ncells * sizeof *cells);
        for (size_t c = row->ncells; c < mode; c++)
            cells[c] = (nb_cell){.text = "", .line = row->line};
        row->cells = cells;
        row->ncells = mode;
    }
    if (mode > t->ncols) t->ncols = mode;
}

/* Rows before the first one with a value are header rows, unless they are group rows such as
 * "一、主动公开情况" (separated tables mark their headers with |---| instead). */
static void mark_headers(nb_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        nb_row *row = &t->rows[r];
        if (row->header) continue;
        bool value = false;
        for (size_t c = 1; c < row->ncells; c++)
            value |= is_value_text(row->cells[c].text, strlen(row->cells[c].text));
        if (value || row->ncells < 2) return;
        /* a label with its unit (其中：主动公开规范性文件数 | 条): a row whose values come later */
        if (nb_numeral_unit(row->cells[1].text, strlen(row->cells[1].text)) != NB_UNIT_NONE) return;
        const char *s = row->cells[0].text;
        size_t len = strlen(s);
        if (starts_with_marker(s, len) || strstr(s, "、")) return;
        row->header = true;
    }
}

/* A row of three or more short words and no value further down a separated table: the header
 * again (a new page, or each part of a table printed with its own), not a row. */
static void mark_repeated_headers(nb_table *t)
{
    for (size_t r = 1; r < t->nrows; r++) {
        nb_row *row = &t->rows[r];
        size_t words = 0;
        bool other = false;
        for (size_t c = 0; c < row->ncells && !other; c++) {
            const char *s = row->cells[c].text;
            size_t len = strlen(s);
            if (!len) continue;
            nb_marker m = marker_parse(s, len);
            other = is_value_text(s, len) || m.len || text_width(s, len) > 16 ||
                    text_contains(s, len, "、");
            words++;
        }
        if (!other && words >= 3) row->header = true;
    }
}

size_t table_build(nb_doc *doc, const nb_line *lines, size_t first, size_t end, size_t *cap,
                   const table_limits *lim, table_refusal *why)
{
    nb_table *t = nb_doc_add_table(doc, cap);
    if (!t) return TABLE_NOMEM;
    size_t index = doc->ntables - 1;
    t->syntax = region_syntax(lines, first, end);
    t->line_first = lines[first].lineno;
    t->line_last = lines[end - 1].lineno;
    t->block = -1;
    grid g = {.doc = doc, .t = t, .lim = lim, .why = why};
    fields fs = {0};
    if (push_field(&fs, "", 0, 0) != 0 || push_field(&fs, "", 0, 0) != 0) g.failed = 1;
    if (!g.failed) {
        switch (t->syntax) {
        case NB_TABLE_ALIGNED:
            build_aligned(&g, lines, first, end, &fs);
            break;
        case NB_TABLE_BOX:
            build_box(&g, lines, first, end, &fs);
            break;
        case NB_TABLE_CELLS:
            build_cells(&g, lines, first, end);
            break;
        default:
            build_separated(&g, lines, first, end, t->syntax, &fs);
            break;
        }
    }
    /* (markdown too: a table whose continuation rows open with an empty first field looks like
     * markdown; its rows that open with a pipe are closed ones and never padded) */
    if (t->syntax == NB_TABLE_TAB || t->syntax == NB_TABLE_PIPE || t->syntax == NB_TABLE_MARKDOWN)
        pad_short_rows(&g, lines, first, end);
    if (t->syntax != NB_TABLE_MARKDOWN) mark_headers(t);
    if (t->syntax == NB_TABLE_PIPE || t->syntax == NB_TABLE_MARKDOWN || t->syntax == NB_TABLE_TAB)
        mark_repeated_headers(t);
    free(fs.f);
    free(g.interned);
    return g.failed == 2 ? TABLE_REFUSED : g.failed ? TABLE_NOMEM : index;
}
