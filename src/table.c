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

size_t table_region_end(const nb_line *lines, size_t n, size_t first)
{
    size_t last_strong = first, weak = 0;
    for (size_t k = first + 1; k < n; k++) {
        const nb_line *l = &lines[k];
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
static int split_separated(const nb_line *l, nb_table_syntax syntax, fields *fs)
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
    if (fs->n > 1 && fs->f[fs->n - 1].len == 0) fs->n--;
    if (fs->n > 1 && fs->f[0].len == 0) {
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
    char *group; /* the current merged side label, in the arena */
    size_t group_len;
    int failed;
} grid;

static nb_row *add_row(grid *g, size_t line, size_t ncells)
{
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
    r->group = g->group;
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
    c->x = x;
    c->width = text_width(s, len);
    c->text = nb_arena_strndup(&g->doc->arena, s, len);
    if (!c->text) {
        c->text = "";
        g->failed = 1;
    }
    c->line = line;
    c->colspan = 1;
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

static void group_add(grid *g, const char *s, size_t len, bool restart)
{
    if (g->group && g->group_len + len > MAX_GROUP_BYTES) restart = true;
    size_t old = restart || !g->group ? 0 : g->group_len;
    char *t = nb_arena_alloc(&g->doc->arena, old + len + 1);
    if (!t) {
        g->failed = 1;
        return;
    }
    if (old) memcpy(t, g->group, old);
    memcpy(t + old, s, len);
    g->group = t;
    g->group_len = old + len;
}

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
        if (split_separated(l, NB_TABLE_BOX, fs) != 0) {
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
            while (k > 0 && all.f[b->first + k - 1].len == 0) k--;
            if (k > 0) {
                const field *f = &all.f[b->first + k - 1];
                nb_marker m = marker_parse(f->s, f->len);
                b->marker = m.len > 0 && !m.list;
            }
        }
        band[nlines++] = nb;
        open = true;
    }
    /* do rows print their values on their first line? (from the rows that start with a marker) */
    size_t top = 0, lower = 0;
    for (size_t i = 0; i < nlines; i++) {
        if (!bl[i].marker) continue;
        size_t k = i;
        while (k < nlines && band[k] == band[i] && !bl[k].values && (k == i || !bl[k].marker)) k++;
        if (k < nlines && band[k] == band[i] && bl[k].values) {
            if (k == i)
                top++;
            else
                lower++;
        }
    }
    bool values_on_top = top > 0 && lower == 0;
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
        else if (!cur_values)
            join = true; /* a label going on down to its values, or the values themselves */
        else
            join = !b->values && values_on_top;
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
    for (size_t i = first; i < end && !g->failed; i++) {
        const nb_line *l = &lines[i];
        switch (l->kind) {
        case NB_LINE_BLANK:
        case NB_LINE_FOOTER:
            continue;
        case NB_LINE_MDSEP:
            /* the row right above |---| is a header, unless it holds values: converters put
             * separators under rows of numbers too */
            if (g->t->nrows > fragment_start && !row_has_value(&g->t->rows[g->t->nrows - 1]))
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
        if (split_separated(l, syntax, fs) != 0) {
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

/* Index of the first value field at the end of fs (fs->n when none). */
static size_t first_value(const fields *fs)
{
    size_t k = fs->n;
    while (k > 0 && is_value_text(fs->f[k - 1].s, fs->f[k - 1].len)) k--;
    return k;
}

typedef struct pending {
    size_t line;         /* index into lines */
    bool attached_below; /* directly under the previous row, no blank line between */
} pending;

static void build_aligned(grid *g, const nb_line *lines, size_t first, size_t end, fields *fs,
                          pending *frag)
{
    size_t nfrag = 0;
    long prev_row = -1;
    size_t prev_label_col = 0;
    bool adjacent = false; /* the previous non-blank line was a row or attached fragment */
    bool seen_data = false;
    size_t joined = 0;
    for (size_t i = first; i < end && !g->failed; i++) {
        const nb_line *l = &lines[i];
        if (l->kind == NB_LINE_BLANK || l->kind == NB_LINE_FOOTER) {
            adjacent = false;
            continue;
        }
        if (l->kind == NB_LINE_ALIGNED_HEAD && !seen_data) {
            if (split_aligned(l, fs) != 0) break;
            nb_row *r = row_from_fields(g, fs, l->lineno);
            if (r) r->header = true;
            continue;
        }
        if (l->kind != NB_LINE_ALIGNED && l->kind != NB_LINE_LABEL_NUMBER) {
            /* a fragment: continues the row above when right under it at its label column */
            if (prev_row >= 0 && adjacent && l->indent + 3 >= prev_label_col &&
                ++joined < MAX_WRAPPED_LINES) {
                nb_row *r = &g->t->rows[prev_row];
                if (r->ncells) cell_join(g, &r->cells[0], l->s, l->len, false);
                continue;
            }
            frag[nfrag++] = (pending){i, false};
            adjacent = false;
            continue;
        }
        if (split_aligned(l, fs) != 0) break;
        if (l->kind == NB_LINE_LABEL_NUMBER && fs->n == 1) { /* "行政许可 97": one space */
            const char *sp = l->s + l->len;
            while (sp > l->s && sp[-1] != ' ') sp--;
            fs->f[0] = (field){l->s, text_rtrim(l->s, (size_t)(sp - l->s)), l->indent};
            if (fs->cap < 2) break;
            fs->f[1] = (field){sp, (size_t)(l->s + l->len - sp), l->indent + 1};
            fs->n = 2;
        }
        size_t v = first_value(fs);
        size_t label_col = v > 0 ? fs->f[v - 1].col : (v < fs->n ? fs->f[v].col : 0);
        /* pending fragments: left of the label column they are side labels, else the start
         * of this row's label */
        char *head = NULL;
        size_t head_len = 0;
        for (size_t k = 0; k < nfrag; k++) {
            const nb_line *f = &lines[frag[k].line];
            if (v > 0 && f->indent + 3 < label_col) {
                group_add(g, f->s, f->len, starts_with_marker(f->s, f->len));
                continue;
            }
            char *nh = nb_arena_alloc(&g->doc->arena, head_len + f->len + 1);
            if (!nh) {
                g->failed = 1;
                return;
            }
            if (head_len) memcpy(nh, head, head_len);
            memcpy(nh + head_len, f->s, f->len);
            head = nh;
            head_len += f->len;
        }
        nfrag = 0;
        /* label fields before the last one are pieces of a merged side label */
        for (size_t k = 0; k + 1 < v; k++)
            group_add(g, fs->f[k].s, fs->f[k].len, starts_with_marker(fs->f[k].s, fs->f[k].len));
        nb_row *r = add_row(g, l->lineno, fs->n - v + 1);
        if (!r) return;
        if (v > 0)
            set_cell_at(g, &r->cells[0], fs->f[v - 1].s, fs->f[v - 1].len, l->lineno,
                        fs->f[v - 1].col);
        else
            set_cell(g, &r->cells[0], "", 0, l->lineno);
        if (head_len) cell_join(g, &r->cells[0], head, head_len, true);
        for (size_t k = v; k < fs->n; k++)
            set_cell_at(g, &r->cells[k - v + 1], fs->f[k].s, fs->f[k].len, l->lineno, fs->f[k].col);
        prev_row = (long)(g->t->nrows - 1);
        prev_label_col = v > 0 ? label_col : 0;
        adjacent = true;
        seen_data = true;
        joined = 0;
    }
    for (size_t k = 0; k < nfrag && !g->failed; k++) row_from_line(g, &lines[frag[k].line]);
}

static void build_cells(grid *g, const nb_line *lines, size_t first, size_t end)
{
    for (size_t i = first; i < end && !g->failed; i++) {
        const nb_line *l = &lines[i];
        if (l->kind == NB_LINE_BLANK || l->kind == NB_LINE_FOOTER) continue;
        size_t j = i, count = 0;
        if (l->kind != NB_LINE_NUMBER) {
            j = i + 1;
        }
        /* the values that follow, up to the next label */
        size_t k = j;
        for (; k < end; k++) {
            if (lines[k].kind == NB_LINE_BLANK || lines[k].kind == NB_LINE_FOOTER) continue;
            if (lines[k].kind != NB_LINE_NUMBER) break;
            count++;
        }
        nb_row *r = add_row(g, l->lineno, count + 1);
        if (!r) return;
        if (l->kind == NB_LINE_NUMBER)
            set_cell(g, &r->cells[0], "", 0, l->lineno);
        else
            set_cell(g, &r->cells[0], l->s, l->len, l->lineno);
        size_t c = 1;
        for (size_t m = j; m < k; m++)
            if (lines[m].kind == NB_LINE_NUMBER)
                set_cell(g, &r->cells[c++], lines[m].s, lines[m].len, lines[m].lineno);
        if (count) r->line = r->cells[1].line;
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
        const char *s = row->cells[0].text;
        size_t len = strlen(s);
        if (starts_with_marker(s, len) || strstr(s, "、")) return;
        row->header = true;
    }
}

size_t table_build(nb_doc *doc, const nb_line *lines, size_t first, size_t end, size_t *cap)
{
    nb_table *t = nb_doc_add_table(doc, cap);
    if (!t) return (size_t)-1;
    size_t index = doc->ntables - 1;
    t->syntax = region_syntax(lines, first, end);
    t->line_first = lines[first].lineno;
    t->line_last = lines[end - 1].lineno;
    t->block = -1;
    grid g = {.doc = doc, .t = t};
    fields fs = {0};
    pending *frag = calloc(end - first, sizeof *frag);
    if (!frag || push_field(&fs, "", 0, 0) != 0 || push_field(&fs, "", 0, 0) != 0) g.failed = 1;
    if (!g.failed) {
        switch (t->syntax) {
        case NB_TABLE_ALIGNED:
            build_aligned(&g, lines, first, end, &fs, frag);
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
    if (t->syntax != NB_TABLE_MARKDOWN) mark_headers(t);
    free(fs.f);
    free(frag);
    return g.failed ? (size_t)-1 : index;
}
