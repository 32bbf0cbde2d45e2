/*
 * bind.c — binding a document's tables to a form (see bind.h).
 *
 * Must not: evaluate rules or run prose patterns.
 */
#include "bind.h"

#include "error.h"
#include "label.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* ---- the rows of the document ------------------------------------------------------------ */

static bool is_unit_text(const char *s)
{
    static const char *const units[] = {"条",   "件", "次", "人", "个", "篇",  "人次",
                                        "万元", "元", "期", "场", "项", "单位"};
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (strcmp(s, units[k]) == 0) return true;
    return false;
}

typedef struct item {
    const nb_table *table;
    const nb_row *row;
    size_t first_value; /* cells [first_value, ncells) are values */
    size_t nvalues;
    long form_row;
    label_tier how;
} item;

static bool value_like(const nb_cell *c)
{
    nb_number n;
    return nb_numeral_cell(c->text, strlen(c->text), &n) != NB_CELL_TEXT;
}

/* The label candidates of a row: its last text cell, all its text cells together, and for a
 * row without text the titles of its table. */
static void row_labels(const nb_form *f, const nb_doc *doc, const item *it, char last[], char all[],
                       char title[])
{
    char raw_all[LABEL_SIZE] = "";
    const char *raw_last = "";
    size_t n = 0;
    for (size_t c = 0; c < it->first_value; c++) {
        const char *t = it->row->cells[c].text;
        if (!t[0] || is_unit_text(t)) continue;
        raw_last = t;
        size_t l = strlen(t);
        if (n + l < sizeof raw_all) memcpy(raw_all + n, t, l), n += l;
    }
    raw_all[n] = '\0';
    label_normalize(f, raw_last, strlen(raw_last), last, LABEL_SIZE);
    label_normalize(f, raw_all, n, all, LABEL_SIZE);
    title[0] = '\0';
    long b = it->table->block;
    if (n == 0 && b > 0 && doc->blocks[b - 1].kind == NB_BLOCK_TABLE_TITLE)
        label_normalize(f, doc->blocks[b - 1].text, doc->blocks[b - 1].len, title, LABEL_SIZE);
}

/* floor: the weakest kind of match wanted (choosing a form needs only the strong ones) */
static void classify_item(const nb_form *f, const nb_doc *doc, long ft, item *it, label_tier floor)
{
    const nb_row *row = it->row;
    size_t v = row->ncells;
    while (v > 0 && value_like(&row->cells[v - 1])) v--;
    it->first_value = v;
    it->nvalues = row->ncells - v;
    it->form_row = -1;
    if (row->header) return;
    char last[LABEL_SIZE], all[LABEL_SIZE], title[LABEL_SIZE];
    row_labels(f, doc, it, last, all, title);
    const char *cands[] = {last, all, title};
    for (size_t k = 0; k < 3 && it->form_row < 0; k++)
        if (cands[k][0] && (k != 1 || strcmp(all, last) != 0)) {
            label_key key;
            snprintf(key.norm, sizeof key.norm, "%s", cands[k]);
            key.ncp = nb_utf8_length(key.norm, strlen(key.norm));
            key.mask = label_mask(key.norm);
            it->form_row = label_match_row(f, ft, &key, floor, &it->how);
        }
    /* a table's title names a row only when it is that row's label */
    if (it->form_row >= 0 && !last[0] && !all[0] && it->how != TIER_EXACT) it->form_row = -1;
}

/* ---- which form table a document table belongs to ---------------------------------------- */

static const nb_block *section_of(const nb_doc *doc, long block)
{
    for (long b = block; b >= 0; b--)
        if (doc->blocks[b].kind == NB_BLOCK_HEADING && doc->blocks[b].level == 1)
            return &doc->blocks[b];
    return NULL;
}

static long assign_table(const nb_form *f, const nb_doc *doc, const nb_table *t)
{
    if (f->ntables == 1) return 0;
    const nb_block *sec = section_of(doc, t->block);
    if (sec) {
        char ns[LABEL_SIZE], nt[LABEL_SIZE];
        label_normalize(f, sec->text, sec->len, ns, sizeof ns);
        for (size_t i = 0; i < f->ntables; i++) {
            if (!f->tables[i].title) continue;
            label_normalize(f, f->tables[i].title, strlen(f->tables[i].title), nt, sizeof nt);
            if (nt[0] && strstr(ns, nt)) return (long)i;
        }
    }
    /* else by the labels of its rows */
    size_t hits[16] = {0};
    for (size_t r = 0; r < t->nrows; r++) {
        item it = {.table = t, .row = &t->rows[r]};
        classify_item(f, doc, -1, &it, TIER_CONTAINS);
        if (it.form_row >= 0 && it.how >= TIER_CONTAINS && f->rows[it.form_row].table < 16)
            hits[f->rows[it.form_row].table]++;
    }
    long best = -1;
    size_t best_hits = 0;
    for (size_t i = 0; i < f->ntables && i < 16; i++)
        if (hits[i] > best_hits) best = (long)i, best_hits = hits[i];
    return best;
}

size_t form_fit(const nb_form *f, const nb_doc *doc)
{
    size_t score = 0;
    for (size_t ti = 0; ti < doc->ntables; ti++) {
        const nb_table *t = &doc->tables[ti];
        long ft = assign_table(f, doc, t);
        if (ft < 0) continue;
        for (size_t r = 0; r < t->nrows; r++) {
            item it = {.table = t, .row = &t->rows[r]};
            classify_item(f, doc, ft, &it, TIER_CONTAINS);
            if (it.form_row >= 0 && it.how >= TIER_CONTAINS) score++;
        }
    }
    if (score && doc->year && doc->year >= f->year_min && doc->year <= f->year_max) score += 2;
    return score;
}

/* ---- binding ----------------------------------------------------------------------------- */

typedef struct binder {
    const nb_form *f;
    nb_doc *doc;
    nb_bound_cell *cells;
    size_t ncells, cap;
    bool *row_bound;
    bool failed;
} binder;

static void bind_cell(binder *B, size_t row, long col, const nb_cell *c)
{
    if (B->ncells == B->cap) {
        size_t ncap = B->cap ? B->cap * 2 : 64;
        nb_bound_cell *nc = realloc(B->cells, ncap * sizeof *nc);
        if (!nc) {
            B->failed = true;
            return;
        }
        B->cells = nc;
        B->cap = ncap;
    }
    nb_bound_cell *b = &B->cells[B->ncells++];
    memset(b, 0, sizeof *b);
    b->row = row;
    b->col = col;
    b->cell = (size_t)form_cell_index(B->f, row, col);
    b->status = nb_numeral_cell(c->text, strlen(c->text), &b->value);
    b->raw = c->text;
    b->line = c->line;
}

/* Puts n values into form row `row`'s columns: all of them in order when they fit; when one
 * is missing (a column lost in conversion) the last value goes to the last column. */
static void bind_values(binder *B, size_t row, const nb_cell *values, size_t n)
{
    const nb_form_row *r = &B->f->rows[row];
    B->row_bound[row] = true;
    if (r->group || n == 0) return;
    if (r->ncols == 0) {
        bind_cell(B, row, -1, &values[n - 1]);
        return;
    }
    nb_number num;
    while (n > r->ncols &&
           nb_numeral_cell(values[n - 1].text, strlen(values[n - 1].text), &num) == NB_CELL_BLANK)
        n--;
    if (n >= r->ncols) {
        for (size_t k = 0; k < r->ncols; k++) bind_cell(B, row, (long)r->cols[k], &values[k]);
        return;
    }
    for (size_t k = 0; k + 1 < n; k++) bind_cell(B, row, (long)r->cols[k], &values[k]);
    bind_cell(B, row, (long)r->cols[n > 1 ? r->ncols - 1 : 0], &values[n - 1]);
}

typedef struct chunk {
    const nb_cell *values;
    size_t n;
} chunk;

/* Label-less rows between two bound rows take the unbound form rows between those, in order. */
static void fill_by_position(binder *B, size_t ft, const chunk *pending, size_t npending,
                             long after, long before)
{
    const nb_form_table *t = &B->f->tables[ft];
    size_t r = after >= 0 ? (size_t)after + 1 : t->first_row;
    size_t end = before >= 0 ? (size_t)before : t->first_row + t->nrows;
    for (size_t k = 0; k < npending; k++) {
        while (r < end && (B->row_bound[r] || B->f->rows[r].group)) r++;
        if (r >= end) return;
        bind_values(B, r++, pending[k].values, pending[k].n);
    }
}

static size_t table_width(const nb_form *f, size_t ft)
{
    size_t w = 0;
    for (size_t r = 0; r < f->tables[ft].nrows; r++) {
        size_t n = f->rows[f->tables[ft].first_row + r].ncols;
        if (n > w) w = n;
    }
    return w;
}

/* Values of several rows run together after one label (one cell per line: the values of the
 * rows whose labels came elsewhere follow the last label): the label keeps its row's worth. */
static size_t own_values(const item *it, size_t width)
{
    if (width > 1 && it->nvalues > width && it->nvalues % width == 0) return width;
    return it->nvalues;
}

static void bind_rows(binder *B, size_t ft, item *items, size_t n)
{
    size_t width = table_width(B->f, ft);
    /* first every row whose label was found */
    for (size_t i = 0; i < n; i++) {
        item *it = &items[i];
        if (it->form_row < 0 || B->row_bound[it->form_row]) continue;
        if (it->nvalues == 0 && !B->f->rows[it->form_row].group) {
            it->form_row = -1; /* a label whose values stand elsewhere */
            continue;
        }
        bind_values(B, (size_t)it->form_row, it->row->cells + it->first_value,
                    own_values(it, width));
    }
    /* then the label-less runs of values, by position */
    chunk *pending = calloc(n * 4 + 1, sizeof *pending);
    if (!pending) {
        B->failed = true;
        return;
    }
    size_t np = 0;
    long after = -1;
    for (size_t i = 0; i <= n; i++) {
        item *it = i < n ? &items[i] : NULL;
        bool anchor = !it || (it->form_row >= 0 && it->nvalues > 0);
        size_t skip = 0;
        if (anchor) {
            long before = it ? it->form_row : -1;
            if (np && (before < 0 || before > after))
                fill_by_position(B, ft, pending, np, after, before);
            np = 0;
            if (!it) continue;
            after = it->form_row;
            skip = own_values(it, width);
        }
        if (it->nvalues <= skip || it->row->header) continue;
        const nb_cell *v = it->row->cells + it->first_value + skip;
        size_t count = it->nvalues - skip;
        /* a run holding several rows' values (one cell per line) */
        if (width > 1 && count + 1 < width) continue; /* a stray value, not a row */
        if (width > 1 && count > width && count % width == 0 && np + count / width < n * 4) {
            for (size_t k = 0; k < count; k += width) pending[np++] = (chunk){v + k, width};
        } else if (np < n * 4) {
            pending[np++] = (chunk){v, count};
        }
    }
    free(pending);
}

/* ---- 表四: fifteen values, often printed as one row ---------------------------------------- */

static bool block_sums_hold(const nb_cell *const *v)
{
    for (int b = 0; b < 3; b++) {
        nb_number x, sum = {0};
        for (int k = 0; k < 5; k++) {
            if (nb_numeral_cell(v[b * 5 + k]->text, strlen(v[b * 5 + k]->text), &x) > NB_CELL_ZERO)
                return true; /* a blank: cannot tell, take the printed order */
            if (x.decimals) return true;
            if (k < 4)
                sum.units += x.units;
            else if (nb_number_compare(&sum, &x) != 0)
                return false;
        }
    }
    return true;
}

/* For one-cell-per-line text the reading order of 表四 can be scrambled (pdftotext reads the
 * merged header cells first). Rebuild the three blocks from runs of four results followed,
 * somewhere later, by a lone total equal to their sum, or runs of five that hold their sum;
 * the block after a "复议后起诉" label is the one after review. Returns false when that does
 * not give three consistent blocks. */
static bool assemble_blocks(const item *items, size_t n, const nb_cell **out)
{
    const nb_cell *blocks[3][5];
    bool after_label[3] = {false, false, false};
    size_t nb = 0;
    bool used[64] = {false};
    bool saw_after = false;
    for (size_t i = 0; i < n && i < 64 && nb < 3; i++) {
        const item *it = &items[i];
        for (size_t c = 0; c < it->first_value; c++)
            if (strstr(it->row->cells[c].text, "复议后")) saw_after = true;
        const nb_cell *v = it->row->cells + it->first_value;
        if (it->nvalues != 4 && it->nvalues != 5) continue;
        nb_number x, sum = {0};
        bool ok = true;
        for (size_t k = 0; k < 4 && ok; k++) {
            ok = nb_numeral_cell(v[k].text, strlen(v[k].text), &x) <= NB_CELL_ZERO && !x.decimals;
            sum.units += x.units;
        }
        if (!ok) return false;
        const nb_cell *total = NULL;
        if (it->nvalues == 5) {
            total = &v[4];
        } else {
            for (size_t j = i + 1; j < n && j < 64 && !total; j++) {
                if (used[j] || items[j].nvalues != 1) continue;
                const nb_cell *t = items[j].row->cells + items[j].first_value;
                if (nb_numeral_cell(t->text, strlen(t->text), &x) <= NB_CELL_ZERO &&
                    nb_number_compare(&x, &sum) == 0) {
                    total = t;
                    used[j] = true;
                }
            }
        }
        if (!total || nb_numeral_cell(total->text, strlen(total->text), &x) > NB_CELL_ZERO ||
            nb_number_compare(&x, &sum) != 0)
            return false;
        for (size_t k = 0; k < 4; k++) blocks[nb][k] = &v[k];
        blocks[nb][4] = total;
        after_label[nb++] = saw_after;
        saw_after = false;
    }
    if (nb != 3) return false;
    /* review comes first; the block announced as 复议后起诉 is "after"; the other is "direct" */
    int order[3] = {0, 1, 2};
    if (after_label[1] && !after_label[2]) order[1] = 2, order[2] = 1;
    for (int b = 0; b < 3; b++)
        for (int k = 0; k < 5; k++) out[b * 5 + k] = blocks[order[b]][k];
    return true;
}

static bool bind_flat(binder *B, size_t ft, const item *items, size_t n)
{
    const nb_form_table *t = &B->f->tables[ft];
    size_t need = 0;
    for (size_t r = 0; r < t->nrows; r++) need += B->f->rows[t->first_row + r].ncols;
    if (need != 15 || t->nrows != 3) return false;
    const nb_cell *v[15];
    size_t count = 0;
    bool cells_syntax = false;
    for (size_t i = 0; i < n; i++) {
        if (items[i].row->header) continue;
        cells_syntax |= items[i].table->syntax == NB_TABLE_CELLS;
        for (size_t k = 0; k < items[i].nvalues; k++) {
            if (count == 15) return false;
            v[count++] = &items[i].row->cells[items[i].first_value + k];
        }
    }
    if (count != 15) return false;
    if (cells_syntax && !block_sums_hold(v)) assemble_blocks(items, n, v);
    for (size_t r = 0; r < 3; r++) {
        const nb_form_row *fr = &B->f->rows[t->first_row + r];
        B->row_bound[t->first_row + r] = true;
        for (size_t k = 0; k < fr->ncols; k++)
            bind_cell(B, t->first_row + r, (long)fr->cols[k], v[r * 5 + k]);
    }
    return true;
}

static int by_form_order(const void *a, const void *b)
{
    const nb_bound_cell *x = a, *y = b;
    return (x->cell > y->cell) - (x->cell < y->cell);
}

int form_bind(const nb_form *f, nb_doc *doc, nb_binding *out, nb_error *err)
{
    memset(out, 0, sizeof *out);
    out->form = f;
    binder B = {.f = f, .doc = doc, .row_bound = calloc(f->nrows + 1, sizeof(bool))};
    size_t total_rows = 0;
    for (size_t t = 0; t < doc->ntables; t++) total_rows += doc->tables[t].nrows;
    item *items = calloc(total_rows + 1, sizeof *items);
    long *assigned = calloc(doc->ntables + 1, sizeof *assigned);
    if (!B.row_bound || !items || !assigned) B.failed = true;
    for (size_t t = 0; !B.failed && t < doc->ntables; t++)
        assigned[t] = assign_table(f, doc, &doc->tables[t]);
    for (size_t ft = 0; !B.failed && ft < f->ntables; ft++) {
        size_t n = 0;
        for (size_t t = 0; t < doc->ntables; t++) {
            if (assigned[t] != (long)ft) continue;
            for (size_t r = 0; r < doc->tables[t].nrows; r++) {
                item *it = &items[n++];
                it->table = &doc->tables[t];
                it->row = &doc->tables[t].rows[r];
                classify_item(f, doc, (long)ft, it, TIER_SIMILAR);
                if (it->form_row >= 0) out->matched_rows++;
            }
        }
        bool labelled = false;
        for (size_t i = 0; i < n; i++) labelled |= items[i].form_row >= 0 && items[i].nvalues > 0;
        if (!labelled && bind_flat(&B, ft, items, n)) continue;
        bind_rows(&B, ft, items, n);
    }
    free(items);
    free(assigned);
    free(B.row_bound);
    if (B.failed) {
        free(B.cells);
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while binding the tables");
        return -1;
    }
    if (B.ncells) qsort(B.cells, B.ncells, sizeof *B.cells, by_form_order);
    /* the cells live as long as the document */
    out->cells = nb_arena_alloc(&doc->arena, (B.ncells ? B.ncells : 1) * sizeof *out->cells);
    if (!out->cells) {
        free(B.cells);
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while binding the tables");
        return -1;
    }
    if (B.ncells) memcpy(out->cells, B.cells, B.ncells * sizeof *out->cells);
    out->ncells = B.ncells;
    free(B.cells);
    out->at = nb_arena_alloc(&doc->arena, (f->ncells + 1) * sizeof *out->at);
    if (!out->at) {
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while binding the tables");
        return -1;
    }
    for (size_t i = 0; i < f->ncells; i++) out->at[i] = -1;
    for (size_t i = 0; i < out->ncells; i++)
        if (out->at[out->cells[i].cell] < 0) out->at[out->cells[i].cell] = (long)i;
    return 0;
}

const nb_bound_cell *binding_cell(const nb_binding *b, size_t cell)
{
    if (!b->at || cell >= b->form->ncells || b->at[cell] < 0) return NULL;
    return &b->cells[b->at[cell]];
}

const nb_reading *binding_reading(const nb_binding *b, size_t table)
{
    for (size_t i = 0; i < b->nreadings; i++)
        if (b->readings[i].table == table) return &b->readings[i];
    return NULL;
}

const nb_bound_cell *binding_find(const nb_binding *b, size_t row, long col)
{
    long cell = form_cell_index(b->form, row, col);
    return cell < 0 ? NULL : binding_cell(b, (size_t)cell);
}
