/*
 * bind.c — reading a document's tables as a form (see bind.h and the design note BINDING.md).
 *
 * A report's table is a noisy rendering of a form whose rows, columns, order and identities
 * are known. Reading it is decoding:
 *   1. each document table is assigned to a form table (section title, table title, header
 *      words, row labels);
 *   2. the printed rows of a form table (all its document tables, in order) are aligned to the
 *      form's rows by dynamic programming: a row's label (label.c), the form's order, and the
 *      number of values each form row holds — so a row whose label was lost takes its place
 *      between labelled neighbours, and a row printing the values of several form rows (表四
 *      as one row of fifteen, values of rows run together by pdftotext) spans them;
 *   3. a row's values go to the form's columns: all of them in order when the count fits; by
 *      the header's words or, in aligned text, by the columns' positions when some are missing;
 *   4. where the layout leaves a choice (a row with fewer values than columns and nothing to say
 *      which are missing), the placements are tried against the form's identities and the one
 *      that holds is taken only when it is the only one; otherwise its cells stay "unsure";
 *   5. the reading's confidence: a real slip breaks two or three identities, a wrong reading
 *      breaks many. A reading that breaks many is not confident, and its rules are not checked
 *      (check.c says so once, instead of an avalanche of false errors).
 * Arithmetic breaks ties and rejects readings; it never overrides what the layout says.
 *
 * Must not: evaluate rules into findings or run prose patterns.
 */
#include "bind.h"

#include "error.h"
#include "label.h"
#include "marker.h"
#include "text.h"
#include "utf8.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#ifdef NB_DEBUG_BIND
#include <stdio.h>
#endif
#include <stdlib.h>
#include <string.h>

/* ---- which form table a document table belongs to ---------------------------------------- */

static const nb_block *section_of(const nb_doc *doc, long block)
{
    for (long b = block; b >= 0; b--)
        if (doc->blocks[b].kind == NB_BLOCK_HEADING && doc->blocks[b].level == 1)
            return &doc->blocks[b];
    return NULL;
}

static bool value_like(const nb_cell *c)
{
    return nb_numeral_cell(c->text, strlen(c->text), NULL) != NB_CELL_TEXT;
}

/* A table's unit column (条, 件, 万元…), numeral.c's units. */
static bool is_unit_text(const char *s)
{
    return nb_numeral_unit(s, strlen(s)) != NB_UNIT_NONE;
}

/* Index of the first value cell of a row (cells from there on are values): the trailing cells
 * that are numbers, zeros, blanks or not-applicable marks; in `label | unit | value` rows the
 * cell after a unit is the value whatever it says (详见附表). */
static size_t first_value_cell(const nb_row *row)
{
    if (row->first_value) return row->first_value - 1;
    size_t v = row->ncells;
    while (v > 0 && value_like(&row->cells[v - 1])) v--;
    if (v == row->ncells && row->ncells >= 3 && is_unit_text(row->cells[v - 2].text)) v--;
    /* the document's tables are finished when binding starts: computed once per row */
    ((nb_row *)row)->first_value = v + 1;
    return v;
}

/* The first value cell of a row of a table in the given syntax: aligned text and one cell per
 * line put the label, maybe empty, in the first cell. */
static size_t values_start(const nb_row *row, nb_table_syntax syntax)
{
    size_t v = first_value_cell(row);
    if (v == 0 && row->ncells > 1 && (syntax == NB_TABLE_ALIGNED || syntax == NB_TABLE_CELLS))
        v = 1;
    return v;
}

/* Votes of a table's rows and words for the form tables. */
static long assign_table(const nb_form *f, const nb_doc *doc, const nb_table *t)
{
    if (f->ntables == 1) return 0;
    size_t votes[16] = {0};
    const nb_block *sec = section_of(doc, t->block);
    char ns[LABEL_SIZE], nt[LABEL_SIZE];
    if (sec) {
        label_normalize(f, sec->text, sec->len, ns, sizeof ns);
        for (size_t i = 0; i < f->ntables && i < 16; i++) {
            if (!f->tables[i].title) continue;
            label_normalize(f, f->tables[i].title, strlen(f->tables[i].title), nt, sizeof nt);
            if (nt[0] && strstr(ns, nt)) return (long)i;
        }
        /* a section titled in other words: two of a table's keywords name it */
        for (size_t i = 0; i < f->ntables && i < 16; i++) {
            size_t hits = 0;
            for (size_t k = 0; k < f->tables[i].nkeywords; k++) {
                label_normalize(f, f->tables[i].keywords[k], strlen(f->tables[i].keywords[k]), nt,
                                sizeof nt);
                hits += nt[0] && strstr(ns, nt);
            }
            if (hits >= 2) return (long)i;
        }
    }
    /* the title lines right before the table, its header rows: the form table's keywords */
    for (long b = t->block - 1; b >= 0 && b >= t->block - 3; b--) {
        const nb_block *blk = &doc->blocks[b];
        if (blk->kind != NB_BLOCK_TABLE_TITLE) break;
        label_normalize(f, blk->text, blk->len, ns, sizeof ns);
        for (size_t i = 0; i < f->ntables && i < 16; i++)
            for (size_t k = 0; k < f->tables[i].nkeywords; k++) {
                label_normalize(f, f->tables[i].keywords[k], strlen(f->tables[i].keywords[k]), nt,
                                sizeof nt);
                if (nt[0] && strstr(ns, nt)) votes[i] += 2;
            }
    }
    /* the first row's label with the short lines just before the table (a label that fell out
     * of it) */
    for (size_t r = 0; r < t->nrows; r++) {
        const nb_row *row = &t->rows[r];
        if (row->header) continue;
        char joined[LABEL_SIZE] = "";
        size_t n = 0;
        for (long b = t->block - 1; b >= 0 && b >= t->block - 2; b--) {
            const nb_block *blk = &doc->blocks[b];
            if (blk->kind == NB_BLOCK_TABLE || text_width(blk->text, blk->len) > 40) break;
            char tmp[LABEL_SIZE];
            snprintf(tmp, sizeof tmp, "%s%s%s", blk->marker, blk->text, joined);
            snprintf(joined, sizeof joined, "%s", tmp);
            n = strlen(joined);
        }
        if (n && row->ncells && n + strlen(row->cells[0].text) < sizeof joined) {
            strcat(joined, row->cells[0].text);
            label_key k;
            label_key_make(f, joined, strlen(joined), &k);
            label_tier how;
            long fr = label_match_row(f, -1, &k, TIER_CONTAINS, &how);
            if (fr >= 0 && f->rows[fr].table < 16) votes[f->rows[fr].table] += 2;
        }
        break;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        const nb_row *row = &t->rows[r];
        if (row->header) {
            /* header words: a form table's keywords, and its columns' labels */
            for (size_t c = 0; c < row->ncells; c++) {
                label_key key;
                label_key_make(f, row->cells[c].text, strlen(row->cells[c].text), &key);
                for (size_t i = 0; key.ncp && i < f->ntables && i < 16; i++) {
                    for (size_t k = 0; k < f->tables[i].nkeywords; k++) {
                        label_normalize(f, f->tables[i].keywords[k],
                                        strlen(f->tables[i].keywords[k]), nt, sizeof nt);
                        if (nt[0] && strcmp(key.norm, nt) == 0) votes[i]++;
                    }
                    if (key.ncp >= 3 && label_match_col(f, i, &key) >= 0) votes[i]++;
                }
            }
            continue;
        }
        size_t v = first_value_cell(row);
        for (size_t c = 0; c < v; c++) {
            label_key k;
            label_key_make(f, row->cells[c].text, strlen(row->cells[c].text), &k);
            label_tier how;
            long fr = label_match_row(f, -1, &k, TIER_CONTAINS, &how);
            if (fr >= 0 && f->rows[fr].table < 16) votes[f->rows[fr].table] += 2;
        }
    }
    long best = -1;
    size_t best_votes = 0;
    for (size_t i = 0; i < f->ntables && i < 16; i++)
        if (votes[i] > best_votes) best = (long)i, best_votes = votes[i];
    return best;
}

/* ---- printed rows ------------------------------------------------------------------------ */

typedef struct prow {
    size_t src; /* document table */
    const nb_row *row;
    char raw[LABEL_SIZE]; /* its label cells joined, as printed */
    bool is_virtual;      /* a short line just before the table (a label that fell out of it) */
    label_key all, last;  /* its label cells joined; the last of them */
    bool has_label;
    bool has_unit;      /* a unit among its label cells: a row of the table, even without values */
    size_t first_value; /* cells[first_value ..] are values */
    size_t nvalues;
    size_t numbers;        /* of them numbers or zeros (not blanks or — marks) */
    long anchor;           /* the form row its label names unambiguously, -1 */
    double best;           /* its label's best score against the form table's rows */
    label_tier anchor_how; /* how */
    bool names_group;      /* aligned by its label to a group row (一、主动公开情况) */
} prow;

/* The label cells of a row joined (units and empty cells left out), and the last one. */
static void row_labels(const nb_form *f, prow *p)
{
    char raw[LABEL_SIZE] = "";
    const char *last = "";
    size_t n = 0;
    for (size_t c = 0; c < p->first_value; c++) {
        const char *t = p->row->cells[c].text;
        if (is_unit_text(t)) p->has_unit = true;
        if (!t[0] || is_unit_text(t)) continue;
        last = t;
        size_t l = strlen(t);
        if (n + l < sizeof raw) memcpy(raw + n, t, l), n += l;
    }
    raw[n] = '\0';
    memcpy(p->raw, raw, n + 1);
    label_key_make(f, raw, n, &p->all);
    label_key_make(f, last, strlen(last), &p->last);
    p->has_label = p->all.ncp > 0;
}

/* The title line right before a table, when the table is one small table titled by its row
 * (### 行政复议 over | 27 | 10 | … |). */
static const nb_block *title_of(const nb_doc *doc, const nb_table *t)
{
    long b = t->block;
    if (b > 0 && doc->blocks[b - 1].kind == NB_BLOCK_TABLE_TITLE) return &doc->blocks[b - 1];
    return NULL;
}

/* A label's score for form row r: the better of the whole label and its last cell. */
static double label_score(const nb_form_row *r, const prow *p, label_tier *how)
{
    label_tier h1 = TIER_NONE, h2 = TIER_NONE;
    double a = p->all.ncp ? label_row_score(r, &p->all, TIER_SIMILAR, &h1) : 0;
    double b = p->last.ncp && strcmp(p->last.norm, p->all.norm) != 0
                   ? label_row_score(r, &p->last, TIER_SIMILAR, &h2)
                   : 0;
    if (how) *how = a >= b ? h1 : h2;
    return a >= b ? a : b;
}

/* ---- column labels of a document table --------------------------------------------------- */

/* What the header rows of a document table say about its value columns: for separated
 * syntaxes, per cell position (of rows with `ncells` cells); for aligned text, per column
 * position (the centre of a column of values). */
typedef struct hseg {
    size_t first_row; /* the header rows' first row; data rows after them use it */
    size_t ncells;    /* the rows it applies to have this many cells */
    long *col;        /* per cell position, the form column, -1 unknown */
} hseg;

typedef struct header {
    hseg *segs; /* separated: each run of header rows, for the data rows after it */
    size_t nsegs;
    size_t nanchors; /* aligned: column centres (x*2 + width, doubled to stay integral) */
    size_t *anchor;
    long *anchor_col; /* aligned: the form column of each centre, -1 unknown */
} header;

static void header_free(header *h)
{
    for (size_t i = 0; i < h->nsegs; i++) free(h->segs[i].col);
    free(h->segs);
    free(h->anchor);
    free(h->anchor_col);
    memset(h, 0, sizeof *h);
}

/* Joins the text of header cells into per-position labels and matches them to columns: each
 * run of header rows (those with the cell count of the data rows after them) is one segment. */
static void header_separated(const nb_form *f, size_t ft, const nb_table *t, header *h)
{
    for (size_t r = 0; r < t->nrows;) {
        if (!t->rows[r].header) {
            r++;
            continue;
        }
        size_t first = r, end = r;
        while (end < t->nrows && t->rows[end].header) end++;
        size_t want = end < t->nrows ? t->rows[end].ncells : 0;
        r = end;
        hseg *ns = realloc(h->segs, (h->nsegs + 1) * sizeof *ns);
        if (!ns) return;
        h->segs = ns;
        hseg *g = &h->segs[h->nsegs];
        g->first_row = first;
        g->ncells = want;
        g->col = want ? malloc(want * sizeof *g->col) : NULL;
        if (!g->col) continue;
        h->nsegs++;
        for (size_t c = 0; c < want; c++) {
            char joined[LABEL_SIZE] = "";
            size_t n = 0;
            for (size_t k = first; k < end; k++) {
                const nb_row *row = &t->rows[k];
                if (row->ncells != want) continue;
                size_t l = strlen(row->cells[c].text);
                if (n + l < sizeof joined) memcpy(joined + n, row->cells[c].text, l), n += l;
            }
            joined[n] = '\0';
            label_key key;
            label_key_make(f, joined, n, &key);
            g->col[c] = label_match_col(f, ft, &key);
        }
    }
}

/* The header segment a data row of table t reads (the last one above it), NULL for none. */
static const hseg *segment_of(const header *h, const nb_table *t, const nb_row *row)
{
    size_t index = (size_t)(row - t->rows);
    const hseg *best = NULL;
    for (size_t i = 0; i < h->nsegs; i++)
        if (h->segs[i].first_row < index) best = &h->segs[i];
    return best;
}

/* For aligned text: the centres of the value columns, from the rows that print the most
 * values, and what the header lines above each centre say. */
static void header_aligned(const nb_form *f, size_t ft, const nb_table *t, header *h)
{
    size_t most = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        const nb_row *row = &t->rows[r];
        if (row->header) continue;
        size_t v = values_start(row, t->syntax);
        if (row->ncells - v > most) most = row->ncells - v;
    }
    if (most < 2) return;
    h->anchor = calloc(most, sizeof *h->anchor);
    h->anchor_col = malloc(most * sizeof *h->anchor_col);
    size_t *count = calloc(most, sizeof *count);
    if (!h->anchor || !h->anchor_col || !count) {
        free(count);
        return;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        const nb_row *row = &t->rows[r];
        if (row->header) continue;
        size_t v = values_start(row, t->syntax);
        if (row->ncells - v != most) continue;
        for (size_t k = 0; k < most; k++) {
            const nb_cell *c = &row->cells[v + k];
            h->anchor[k] += 2 * c->x + c->width;
            count[k]++;
        }
    }
    for (size_t k = 0; k < most; k++) h->anchor[k] = count[k] ? h->anchor[k] / count[k] : 0;
    free(count);
    h->nanchors = most;
    for (size_t k = 0; k < most; k++) {
        char joined[LABEL_SIZE] = "";
        size_t n = 0;
        size_t lo = k ? (h->anchor[k - 1] + h->anchor[k]) / 2 : 0;
        size_t hi = k + 1 < most ? (h->anchor[k] + h->anchor[k + 1]) / 2 : (size_t)-1;
        for (size_t r = 0; r < t->nrows; r++) {
            const nb_row *row = &t->rows[r];
            if (!row->header) continue;
            for (size_t c = 0; c < row->ncells; c++) {
                size_t centre = 2 * row->cells[c].x + row->cells[c].width;
                size_t l = strlen(row->cells[c].text);
                if (centre < lo || centre >= hi || n + l >= sizeof joined) continue;
                memcpy(joined + n, row->cells[c].text, l);
                n += l;
            }
        }
        joined[n] = '\0';
        label_key key;
        label_key_make(f, joined, n, &key);
        h->anchor_col[k] = label_match_col(f, ft, &key);
    }
    /* words not over their figures (a header typed apart from its rows): a header row of as
     * many words as columns of figures, each naming a column, in order, names them in order */
    bool named = true;
    for (size_t k = 0; k < most; k++)
        named &= h->anchor_col[k] >= 0 && (!k || h->anchor_col[k] > h->anchor_col[k - 1]);
    for (size_t r = 0; r < t->nrows && !named; r++) {
        const nb_row *row = &t->rows[r];
        if (!row->header || row->ncells != most) continue;
        long col[64];
        bool ok = most <= 64;
        for (size_t c = 0; c < most && ok; c++) {
            label_key key;
            label_key_make(f, row->cells[c].text, strlen(row->cells[c].text), &key);
            col[c] = label_match_col(f, ft, &key);
            ok = col[c] >= 0 && (!c || col[c] > col[c - 1]);
        }
        if (!ok) continue;
        memcpy(h->anchor_col, col, most * sizeof *col);
        named = true;
    }
}

/* ---- the alignment of printed rows to form rows ------------------------------------------ */

enum { STEP_NONE, STEP_SKIP_PRINTED, STEP_SKIP_FORM, STEP_MATCH, STEP_BLOCK };

typedef struct cellstep {
    double score;
    unsigned char kind;
    unsigned char span; /* form rows taken */
    unsigned char pre;  /* label-only rows joined before the matched row (a block: its labels) */
    unsigned int post;  /* and after it (a block: the sizes of its label groups) */
} cellstep;

/* Costs and rewards of the alignment (in units of one perfectly matching label). */
#define W_LABEL       3.0
#define FIT_EXACT     1.0
#define FIT_SHORT     0.4
#define SKIP_VALUED   (-0.5) /* and SKIP_NUMBER for each number left unbound */
#define SKIP_NUMBER   (-0.25)
#define SKIP_LABELLED (-0.1)
#define SKIP_FORM     (-0.3)
#define SKIP_OPTIONAL (-0.1)
#define SPAN_COST     (-0.5)
#define JOIN_COST     (-0.05) /* per label piece joined: a whole label beats the same in pieces */
/* Per form row index of a match: of two equal readings, the one that keeps a row next to its
 * predecessor ((二)被依法纠错数 right under 复议's (一) is 复议's, not 诉讼's). */
#define TIE_COST 1e-4
#define MAX_SPAN 8
#define MAX_PRE  3 /* label pieces on lines above a row's values */
#define MAX_POST 4 /* and below */
#define ROW_POST                                                                                   \
    2 /* a row's own label takes up to this many pieces below it; a block's label                  \
       * groups use all of MAX_POST */
#define NRUNS      ((MAX_PRE + 1) * (MAX_POST + 1))
#define MAX_BEFORE 48 /* short lines before a table read as its label pieces */
#define MAX_BLOCK  12 /* label groups printed together before their rows' values */
#define BLOCK_COST (-0.3)

typedef struct aligner {
    const nb_form *f;
    size_t ft;
    prow *p;
    size_t np;
    size_t first, nrows; /* the form table's rows */
    cellstep *dp;        /* (np + 1) x (nrows + 1) */
    double *lab;         /* np x nrows label scores */
    const bool *taken;   /* per form row of the table: bound by an earlier document table */
    const nb_table_syntax *syntax; /* per document table */
    /* labels joined from pieces: per (row, pre, post), computed when first needed */
    struct runmemo **runs; /* per (row, pre, post), NULL until first needed */
    double *labc;        /* label scores per (row of the whole table, form row), NAN until computed:
                          * the parts, the whole and the two-stream readings share them */
    size_t labc_off;     /* the index in the whole table of the rows being aligned */
    struct brec *blocks; /* the blocks the DP took (STEP_BLOCK's post indexes them) */
    size_t nblocks, cap_blocks;
    bool failed; /* out of memory keeping a block: read_table fails */
} aligner;

#define DP(A, i, j)  ((A)->dp[(i) * ((A)->nrows + 1) + (j)])
#define LAB(A, i, j) ((A)->lab[(i) * (A)->nrows + (j)])

static bool blank_cell(const nb_cell *c)
{
    return nb_numeral_cell(c->text, strlen(c->text), NULL) == NB_CELL_BLANK;
}

/* The values a printed row offers a form row of width w: its values less blanks beyond w —
 * leading ones first (empty label columns), then trailing ones (an empty last column of a
 * ragged table). *skip is set to the leading cells left out. */
static size_t offered_at(const prow *p, size_t w, size_t *skip)
{
    const nb_cell *v = p->row->cells + p->first_value;
    size_t lo = 0, hi = p->nvalues;
    while (hi - lo > w && blank_cell(&v[lo])) lo++;
    while (hi - lo > w && blank_cell(&v[hi - 1])) hi--;
    if (skip) *skip = lo;
    return hi - lo;
}

static size_t offered(const prow *p, size_t w)
{
    return offered_at(p, w, NULL);
}

/* A label joined from pieces and its scores against the form table's rows (NAN until
 * computed): made when first needed, so that memory follows the runs the alignment tries. */
typedef struct runmemo {
    label_key key;
    double lab[];
} runmemo;

/* The score of the label of valued row e joined with pre label-only rows before it and post
 * after it, against form row j (0 when there is no memory to join it). */
static double run_label(aligner *A, size_t e, size_t pre, size_t post, size_t j)
{
    if (!pre && !post) return LAB(A, e, j);
    size_t run = (e * (MAX_PRE + 1) + pre) * (MAX_POST + 1) + post;
    runmemo *m = A->runs[run];
    if (!m) {
        m = malloc(sizeof *m + A->nrows * sizeof *m->lab);
        if (!m) return 0;
        for (size_t k = 0; k < A->nrows; k++) m->lab[k] = NAN;
        char joined[LABEL_SIZE];
        size_t n = 0;
        for (size_t i = e - pre; i <= e + post; i++) {
            size_t l = strlen(A->p[i].raw);
            if (n + l < sizeof joined) memcpy(joined + n, A->p[i].raw, l), n += l;
        }
        joined[n] = '\0';
        label_key_make(A->f, joined, n, &m->key);
        A->runs[run] = m;
    }
    if (isnan(m->lab[j])) {
        label_tier how;
        m->lab[j] = label_row_score(&A->f->rows[A->first + j], &m->key, TIER_SIMILAR, &how);
    }
    return m->lab[j];
}

static void runs_free(aligner *A)
{
    for (size_t k = 0; A->runs && k < A->np * NRUNS; k++) free(A->runs[k]);
    free(A->runs);
    A->runs = NULL;
}

/* Matching valued row p (with label score l) to form rows j .. j+span-1. */
static double match_score(const aligner *A, const prow *p, double l, bool own_label, size_t j,
                          size_t span)
{
    /* a row whose label names another form row is not this one; one whose label resembles
     * another row better is less likely this one */
    double conflict = 0;
    if (own_label && p->anchor >= 0 && p->anchor != (long)(A->first + j))
        conflict = W_LABEL;
    else if (own_label && p->best >= 0.5 && l < p->best)
        conflict = W_LABEL * (p->best - l);
    size_t need = 0;
    for (size_t s = 0; s < span; s++) {
        const nb_form_row *r = &A->f->rows[A->first + j + s];
        if (r->group || A->taken[j + s]) return -INFINITY;
        need += form_row_width(r);
    }
    /* a row of blanks and dashes says nothing unless its label says which row it is */
    if (!p->numbers && l < 0.9) return -INFINITY;
    if (span > 1) {
        if (p->nvalues != need) return -INFINITY;
        return W_LABEL * l + FIT_EXACT * (double)span + SPAN_COST - conflict;
    }
    size_t k = offered(p, need);
    if (k > need) return -INFINITY;
    /* fewer values than columns: the fewer, the weaker the evidence that this is the row */
    double fit = k == need ? FIT_EXACT : FIT_SHORT * (double)(k * k) / (double)(need * need);
    if (!p->numbers) fit = 0; /* blanks fit any row: no evidence */
    return W_LABEL * l + fit - conflict;
}

/* A label-only row (with the label pieces of the next post rows) against form row j: a group
 * row's label, a row printed with blank cells, or a label whose values are printed elsewhere
 * (one cell per line). */
static double label_only_score(aligner *A, size_t i, size_t post, size_t j)
{
    const prow *p = &A->p[i];
    const nb_form_row *r = &A->f->rows[A->first + j];
    double l = run_label(A, i, 0, post, j);
    if (A->taken[j]) return -INFINITY;
    double conflict = p->anchor >= 0 && p->anchor != (long)(A->first + j) ? W_LABEL : 0;
    if (r->group) return l >= 0.5 ? W_LABEL * l - conflict : -INFINITY;
    return l >= 0.8 && !p->is_virtual ? l - conflict : -INFINITY;
}

static void relax(cellstep *to, double score, unsigned char kind, size_t span, size_t pre,
                  size_t post)
{
    if (score > to->score)
        *to = (cellstep){score, kind, (unsigned char)span, (unsigned char)pre, (unsigned int)post};
}

/* The moves from state (i, j): rows i.. of the printed table against form rows j.. */
static void moves(aligner *A, size_t i, size_t j, double here)
{
    size_t np = A->np, nr = A->nrows;
    if (i < np) {
        const prow *p = &A->p[i];
        double cost = p->numbers      ? SKIP_VALUED + SKIP_NUMBER * (double)p->numbers
                      : p->is_virtual ? 0
                                      : SKIP_LABELLED;
        relax(&DP(A, i + 1, j), here + cost, STEP_SKIP_PRINTED, 0, 0, 0);
    }
    if (j < nr) {
        const nb_form_row *r = &A->f->rows[A->first + j];
        double cost = r->group || A->taken[j] ? 0 : r->optional ? SKIP_OPTIONAL : SKIP_FORM;
        relax(&DP(A, i, j + 1), here + cost, STEP_SKIP_FORM, 0, 0, 0);
    }
    if (i >= np || j >= nr) return;
    /* (a label alone may run over all MAX_POST pieces: the longest labels wrap four times, in a
     * narrow column five) */
    for (size_t post = 0; !A->p[i].nvalues && post <= MAX_POST && i + post < np; post++) {
        if (post && (A->p[i + post].numbers || A->p[i + post].is_virtual)) break;
        if (post && !A->runs) break;
        relax(&DP(A, i + post + 1, j + 1),
              here + label_only_score(A, i, post, j) + JOIN_COST * (double)post -
                  TIE_COST * (double)j,
              STEP_MATCH, 1, 0, post);
    }
    /* a valued row e, with the label pieces of rows i..e-1 and e+1..e+post */
    for (size_t pre = 0; pre <= MAX_PRE && i + pre < np; pre++) {
        size_t e = i + pre;
        if (pre && A->p[e - 1].numbers) break; /* a piece holds no number (blank cells) */
        if (!A->p[e].nvalues) continue;
        for (size_t post = 0; post <= ROW_POST && e + post < np; post++) {
            if (post && (A->p[e + post].numbers || A->p[e + post].is_virtual)) break;
            if ((pre || post) && !A->runs) continue;
            double l = run_label(A, e, pre, post, j);
            double join = JOIN_COST * (double)(pre + post);
            size_t need = 0;
            for (size_t s = 1; s <= MAX_SPAN && j + s <= nr; s++) {
                /* a span's rows take all of the row's values: none fits once they need more */
                need += form_row_width(&A->f->rows[A->first + j + s - 1]);
                if (s > 1 && need > A->p[e].nvalues) break;
                double m = match_score(A, &A->p[e], l, !pre && !post, j, s);
                if (m == -INFINITY && s > 1 && A->p[e].nvalues < s) break;
                relax(&DP(A, e + post + 1, j + s), here + m + join - TIE_COST * (double)j,
                      STEP_MATCH, s, pre, post);
            }
        }
    }
}

/* One label group of a block: form row jr named by pieces start .. start+len-1; a group row
 * takes no value, any other row the block's next row of values. */
typedef struct bgroup {
    size_t jr, start, len;
    bool valued;
} bgroup;

typedef struct brec {
    size_t i, j, v; /* its labels i .. v-1, its first form row */
    size_t n;
    bgroup g[MAX_BLOCK];
} brec;

typedef struct block {
    size_t i, v, V; /* labels i .. v-1, then V rows of values without labels */
    size_t j;       /* the first form row */
    size_t budget;  /* cuts still to try: hostile labels cannot make it explode */
    bgroup g[MAX_BLOCK];
} block;

/* Cuts the labels from piece `at` on into groups of 1 to 4 pieces, each naming the next form
 * row (optional rows the report leaves out may be passed over); a group row takes its label
 * alone, any other row the next row of values. */
static void block_cut(aligner *A, block *k, size_t at, size_t jr, size_t used, size_t g,
                      double score)
{
    if (at == k->v) {
        cellstep *to = &DP(A, k->v + used, jr);
        double total = score + BLOCK_COST;
        /* (every row of values the block's labels lead to is theirs) */
#ifdef NB_DEBUG_BIND
        if (getenv("NB_DEBUG_STEPS"))
            fprintf(stderr, "block i=%zu v=%zu V=%zu used=%zu groups=%zu score %.3f vs %.3f\n",
                    k->i, k->v, k->V, used, g, total, to->score);
#endif
        if (used != k->V || total <= to->score) return;
        if (!nb_array_room((void **)&A->blocks, A->nblocks, &A->cap_blocks, sizeof *A->blocks)) {
            A->failed = true;
            return;
        }
        brec *rec = &A->blocks[A->nblocks];
        *rec = (brec){k->i, k->j, k->v, g, {{0, 0, 0, false}}};
        memcpy(rec->g, k->g, g * sizeof *k->g);
        relax(to, total, STEP_BLOCK, jr - k->j, k->v - k->i, A->nblocks++);
        return;
    }
    if (g == MAX_BLOCK || jr >= A->nrows || !k->budget) return;
    k->budget--;
    const nb_form_row *r = &A->f->rows[A->first + jr];
    if (r->optional || A->taken[jr]) /* a row this report does not print */
        block_cut(A, k, at, jr + 1, used, g, score + (A->taken[jr] ? 0 : SKIP_OPTIONAL));
    if (A->taken[jr]) return;
    /* a piece without a marker right after one with a marker is the tail of its wrapped
     * label (1. 政府公报公开 | 政府信息数), never a label of its own */
    if (at > k->i && !marker_parse(A->p[at].raw, strlen(A->p[at].raw)).len &&
        marker_parse(A->p[at - 1].raw, strlen(A->p[at - 1].raw)).len)
        return;
    for (size_t len = 1; len <= 4 && at + len <= k->v; len++) {
        double l = run_label(A, at, 0, len - 1, jr);
        if (l < 0.5) continue;
        double m;
        if (r->group)
            m = W_LABEL * l;
        else if (used < k->V && offered(&A->p[k->v + used], form_row_width(r)) ==
                                    form_row_width(r)) /* whole rows only */
            m = match_score(A, &A->p[k->v + used], l, false, jr, 1);
        else
            continue;
        if (m == -INFINITY) continue;
        k->g[g] = (bgroup){jr, at, len, !r->group};
        block_cut(A, k, at + len, jr + 1, used + !r->group, g + 1,
                  score + m + JOIN_COST * (double)(len - 1) - TIE_COST * (double)jr);
    }
}

/* A block: the labels of several rows printed together (in pieces, rows i .. v-1), then their
 * values on rows of their own that carry no label, as converters that pull long labels out of
 * a table leave them. */
static void block_moves(aligner *A, size_t i, size_t j, double here)
{
    size_t np = A->np, v = i;
    while (v < np && !A->p[v].nvalues && A->p[v].has_label) v++;
    size_t V = 0;
    while (v + V < np && V < MAX_BLOCK && A->p[v + V].nvalues && !A->p[v + V].has_label) V++;
    if (!V || v - i > 4 * MAX_BLOCK) return;
    block k = {i, v, V, j, 4096, {{0, 0, 0, false}}};
    block_cut(A, &k, i, j, 0, 0, here);
}

static void align(aligner *A)
{
    for (size_t i = 0; i <= A->np; i++)
        for (size_t j = 0; j <= A->nrows; j++)
            DP(A, i, j) = (cellstep){-INFINITY, STEP_NONE, 0, 0, 0};
    DP(A, 0, 0).score = 0;
    for (size_t i = 0; i <= A->np; i++)
        for (size_t j = 0; j <= A->nrows; j++)
            if (DP(A, i, j).score != -INFINITY) {
                moves(A, i, j, DP(A, i, j).score);
                if (A->runs && i < A->np && j < A->nrows && !A->p[i].nvalues)
                    block_moves(A, i, j, DP(A, i, j).score);
            }
}

/* ---- binding cells ----------------------------------------------------------------------- */

typedef struct placed {
    size_t prow;     /* the printed row */
    size_t form_row; /* the first form row it is matched to */
    size_t span;     /* form rows it covers */
    bool by_label;
    bool label_only; /* a label whose values are not with it (no cells to bind) */
    size_t start;    /* the first printed row of the match (its label's place) */
    bool edge;       /* placed by position outside the rows placed by label: unsure */
} placed;

typedef struct binder {
    const nb_form *f;
    nb_doc *doc;
    nb_bound_cell *cells;
    size_t ncells, cap;
    long *at;           /* per form cell, index into cells */
    bool *seen;         /* per form row: its label was found in a table */
    bool forced;        /* the last apart reading had a value for every named row's cell, no more */
    bool rows_complete; /* the rows' reading of the last table stayed, every blank placed */
    bool failed;
} binder;

static nb_bound_cell *bind_cell(binder *B, size_t cell, const nb_cell *c, bool unsure)
{
    if (B->at[cell] >= 0) return NULL; /* printed twice: the first stays */
    if (B->ncells == B->cap) {
        size_t ncap = B->cap ? B->cap * 2 : 64;
        nb_bound_cell *nc = realloc(B->cells, ncap * sizeof *nc);
        if (!nc) {
            B->failed = true;
            return NULL;
        }
        B->cells = nc;
        B->cap = ncap;
    }
    nb_bound_cell *b = &B->cells[B->ncells];
    memset(b, 0, sizeof *b);
    b->cell = cell;
    b->row = B->f->cells[cell].row;
    b->col = B->f->cells[cell].col;
    b->status = nb_numeral_cell(c->text, strlen(c->text), &b->value);
    b->raw = c->text;
    b->line = c->line;
    b->unsure = unsure;
    B->at[cell] = (long)B->ncells++;
    return b;
}

/* The position (0 .. w-1) in form row r of form table column col, -1 when r has none. */
static long position_of(const nb_form_row *r, long col)
{
    for (size_t k = 0; k < r->ncols; k++)
        if ((long)r->cols[k] == col) return (long)k;
    return -1;
}

/* Where the k values of a printed row go in a form row of width w (pos[i] in 0 .. w-1), from
 * the header or the column positions; right-aligned when neither says. Returns true when that
 * is certain. */
static bool place_values(const nb_form_row *r, size_t w, const prow *p, size_t skip, size_t k,
                         const header *h, const nb_table *t, long *pos, bool *blanks)
{
    *blanks = false;
    long cand[64] = {0};
    /* by default the first values go to the first columns and the last to the last: a column
     * lost in conversion is more often inside than at an edge, and a total stays a total */
    for (size_t i = 0; i < k; i++) pos[i] = (long)(i + 1 < k || k == 1 ? i : w - 1);
    /* the header's words, for rows with the header's cell count (in aligned text whose value
     * columns are as many as the row's cells, a short row's positions say more: a header
     * that lost a column's name has the cell count of a row that left that column blank) */
    const hseg *g = h ? segment_of(h, t, p->row) : NULL;
    bool by_position = h && h->nanchors == w && k < w;
    if (g && p->row->ncells == g->ncells && r->ncols && !by_position) {
        bool ok = true;
        for (size_t i = 0; i < k && ok; i++) {
            long c = g->col[p->first_value + skip + i];
            cand[i] = c >= 0 ? position_of(r, c) : -1;
            ok = cand[i] >= 0 && (i == 0 || cand[i] > cand[i - 1]);
        }
        if (ok) {
            memcpy(pos, cand, k * sizeof *pos);
            return true;
        }
    }
    /* aligned text whose header names every column of figures the table prints, over a row
     * with as many figures (自然人 其他 总计 over three a row, the table printing three of
     * seven): the k-th figure is the k-th named, wherever the row's spacing put it */
    if (h && h->nanchors == k && k < w && k > 1 && r->ncols) {
        bool ok = true;
        for (size_t i = 0; i < k && ok; i++) {
            cand[i] = h->anchor_col[i] >= 0 ? position_of(r, h->anchor_col[i]) : -1;
            ok = cand[i] >= 0 && (i == 0 || cand[i] > cand[i - 1]);
        }
        if (ok) {
            memcpy(pos, cand, k * sizeof *pos);
            return true;
        }
    }
    /* aligned text: the nearest column centre */
    if (h && h->nanchors && r->ncols && k < w) {
        bool ok = true, clear = true;
        for (size_t i = 0; i < k && ok; i++) {
            const nb_cell *c = &p->row->cells[p->first_value + skip + i];
            size_t centre = 2 * c->x + c->width, best = 0, best_d = (size_t)-1, next_d = (size_t)-1;
            for (size_t a = 0; a < h->nanchors; a++) {
                size_t d = centre > h->anchor[a] ? centre - h->anchor[a] : h->anchor[a] - centre;
                if (d < best_d)
                    next_d = best_d, best_d = d, best = a;
                else if (d < next_d)
                    next_d = d;
            }
            /* (a value about as far from two columns' centres is in neither for sure: a row
             * shifted by characters of uncertain width) */
            clear &= next_d == (size_t)-1 || 2 * best_d < next_d;
            /* anchors are the form's columns in order when there are as many; else the
             * header says which column each is */
            cand[i] = h->nanchors == w           ? (long)best
                      : h->anchor_col[best] >= 0 ? position_of(r, h->anchor_col[best])
                                                 : -1;
            ok = cand[i] >= 0 && (i == 0 || cand[i] > cand[i - 1]);
        }
        if (ok) {
            memcpy(pos, cand, k * sizeof *pos);
            /* the table prints every column: the ones this row leaves empty are blank */
            *blanks = h->nanchors == w;
            return clear;
        }
    }
    return k == w;
}

/* The cells of form row r not bound yet, bound as blank: columns the table prints that this row
 * leaves empty (aligned text shows them as spaces only). */
static void bind_blanks(binder *B, const nb_form_row *r, size_t line)
{
    nb_cell *empty = NULL;
    for (size_t c = 0; c < form_row_width(r); c++) {
        if (B->at[r->first_cell + c] >= 0) continue;
        if (!empty) {
            empty = nb_arena_alloc(&B->doc->arena, sizeof *empty);
            if (!empty) {
                B->failed = true;
                return;
            }
            *empty = (nb_cell){.text = "", .line = line};
        }
        bind_cell(B, r->first_cell + c, empty, false);
    }
}

static void bind_printed(binder *B, const aligner *A, const placed *pl, const header *hdr)
{
    if (pl->label_only) return;
    const prow *p = &A->p[pl->prow];
    const nb_cell *v = p->row->cells + p->first_value;
    if (!p->nvalues) { /* a label alone: its cells are blank */
        bind_blanks(B, &B->f->rows[pl->form_row], p->row->line);
        return;
    }
    if (pl->span > 1) { /* the values of several rows, in the form's order */
        size_t k = 0;
        for (size_t s = 0; s < pl->span; s++) {
            const nb_form_row *r = &B->f->rows[pl->form_row + s];
            for (size_t c = 0; c < form_row_width(r); c++, k++)
                bind_cell(B, r->first_cell + c, &v[k], pl->edge);
        }
        return;
    }
    const nb_form_row *r = &B->f->rows[pl->form_row];
    size_t w = form_row_width(r);
    if (!w || !p->nvalues) return;
    /* one cell per line, a label followed by more numbers than its row has cells: some are
     * other rows' (printed apart from their labels), and only order says which */
    bool loose = A->syntax[p->src] == NB_TABLE_CELLS && p->nvalues > w;
    size_t skip, k = offered_at(p, w, &skip);
    long pos[64];
    if (k > 64) return;
    bool blanks;
    bool sure = place_values(r, w, p, skip, k, &hdr[p->src], &B->doc->tables[p->src], pos, &blanks);
#ifdef NB_DEBUG_BIND
    if (k < w) {
        for (size_t a = 0; a < hdr[p->src].nanchors; a++)
            fprintf(stderr, " A%zu", hdr[p->src].anchor[a]);
        for (size_t i = 0; i < k; i++)
            fprintf(stderr, " C%zu",
                    2 * (size_t)p->row->cells[p->first_value + skip + i].x +
                        p->row->cells[p->first_value + skip + i].width);
        fprintf(stderr, "  short row@%zu: %zu of %zu, anchors %zu, sure %d, blanks %d, at",
                (size_t)p->row->line, k, w, hdr[p->src].nanchors, sure, blanks);
        for (size_t i = 0; i < k; i++) fprintf(stderr, " %ld", pos[i]);
        fprintf(stderr, "\n");
    }
#endif
    for (size_t i = 0; i < k; i++)
        if (pos[i] >= 0 && (size_t)pos[i] < w)
            bind_cell(B, r->first_cell + (size_t)pos[i], &v[skip + i], !sure || pl->edge || loose);
    if (blanks) bind_blanks(B, r, p->row->line);
}

/* ---- identities -------------------------------------------------------------------------- */

/* The value of an operand when every cell it needs is bound as a number. */
static bool operand_value(const binder *B, size_t op, nb_number *out)
{
    const nb_form *f = B->f;
    if (op >= f->ncells) {
        const nb_form_derived *d = &f->derived[op - f->ncells];
        nb_number sum;
        memset(&sum, 0, sizeof sum);
        for (size_t k = 0; k < d->nparts; k++) {
            nb_number x;
            if (!operand_value(B, d->parts[k], &x)) return false;
            sum = nb_number_add(&sum, &x);
        }
        *out = sum;
        return true;
    }
    long i = B->at[op];
    if (i < 0) return false;
    const nb_bound_cell *c = &B->cells[i];
    if (c->status != NB_CELL_NUMBER && c->status != NB_CELL_ZERO) return false;
    *out = c->value;
    return !c->value.overflow;
}

/* Whether an identity (an equality of error severity) holds: 1 holds, 0 fails, -1 cannot be
 * checked (an operand is not a bound number; optional rows not printed are left out). */
static int identity_holds(const binder *B, const nb_form_rule *ri)
{
    nb_number side[2];
    const size_t *ops[2] = {ri->left, ri->right};
    size_t n[2] = {ri->nleft, ri->nright};
    for (int s = 0; s < 2; s++) {
        memset(&side[s], 0, sizeof side[s]);
        for (size_t k = 0; k < n[s]; k++) {
            size_t op = ops[s][k];
            nb_number x;
            if (!operand_value(B, op, &x)) {
                if (op < B->f->ncells && B->at[op] < 0 && B->f->rows[B->f->cells[op].row].optional)
                    continue;
                return -1;
            }
            side[s] = nb_number_add(&side[s], &x);
        }
    }
    return nb_number_compare(&side[0], &side[1]) == 0;
}

static bool is_identity(const nb_form_rule *ri, size_t ft)
{
    return ri->check == NB_CHECK_EQUAL && ri->severity == 0 && ri->table == (long)ft;
}

static void count_identities(const binder *B, size_t ft, size_t *checked, size_t *held)
{
    *checked = *held = 0;
    for (size_t i = 0; i < B->f->nrules; i++) {
        if (!is_identity(&B->f->rules[i], ft)) continue;
        int h = identity_holds(B, &B->f->rules[i]);
        if (h < 0) continue;
        (*checked)++;
        *held += (size_t)h;
    }
}

/* Whether form cell `cell` is operand op or a part of it. */
static bool operand_uses(const nb_form *f, size_t op, size_t cell)
{
    if (op < f->ncells) return op == cell;
    const nb_form_derived *d = &f->derived[op - f->ncells];
    for (size_t k = 0; k < d->nparts; k++)
        if (operand_uses(f, d->parts[k], cell)) return true;
    return false;
}

static bool rule_uses(const nb_form *f, const nb_form_rule *ri, size_t cell)
{
    for (size_t k = 0; k < ri->nleft; k++)
        if (operand_uses(f, ri->left[k], cell)) return true;
    for (size_t k = 0; k < ri->nright; k++)
        if (operand_uses(f, ri->right[k], cell)) return true;
    return false;
}

/* Whether an error rule of table ft fails under the cells bound now (every kind of check; a
 * rule that cannot be checked does not fail). */
static bool rule_breaks(const binder *B, const nb_form_rule *ri)
{
    if (ri->check == NB_CHECK_EQUAL) return identity_holds(B, ri) == 0;
    if (ri->check == NB_CHECK_WHOLE) {
        for (size_t k = 0; k < ri->nleft; k++) {
            nb_number x;
            if (ri->left[k] < B->f->ncells && B->f->rows[B->f->cells[ri->left[k]].row].amount)
                continue;
            if (operand_value(B, ri->left[k], &x) && (x.units < 0 || (x.decimals && x.units)))
                return true;
        }
        return false;
    }
    nb_number l, r, x, mx;
    memset(&l, 0, sizeof l), memset(&r, 0, sizeof r), memset(&mx, 0, sizeof mx);
    for (size_t k = 0; k < ri->nleft; k++) {
        if (!operand_value(B, ri->left[k], &x)) return false;
        l = nb_number_add(&l, &x);
        if (ri->check == NB_CHECK_BOUNDS) break; /* left[0] is the total */
    }
    for (size_t k = 0; k < ri->nright; k++) {
        if (!operand_value(B, ri->right[k], &x)) return false;
        r = nb_number_add(&r, &x);
        if (!k || nb_number_compare(&x, &mx) > 0) mx = x;
    }
    if (ri->check == NB_CHECK_LE) return nb_number_compare(&l, &r) > 0;
    return nb_number_compare(&l, &r) > 0 || (ri->nright && nb_number_compare(&mx, &l) > 0);
}

/* Whether one slipped cell could explain every rule of table ft that the reading breaks: they
 * all use one cell. Rules broken in unrelated places mean a misreading more often than slips,
 * where nothing but position joined the numbers to their labels. */
static bool one_slip_explains(const binder *B, size_t ft, size_t *nbroken)
{
    const nb_form *f = B->f;
    const nb_form_rule *broken[64];
    size_t n = 0;
    for (size_t i = 0; i < f->nrules; i++) {
        const nb_form_rule *ri = &f->rules[i];
        if (ri->severity != 0 || ri->table != (long)ft || !rule_breaks(B, ri)) continue;
        if (n < sizeof broken / sizeof broken[0]) broken[n] = ri;
        n++;
    }
    *nbroken = n;
    if (n <= 1) return true;
    if (n > sizeof broken / sizeof broken[0]) return false;
    const nb_form_table *t = &f->tables[ft];
    for (size_t c = t->first_cell; c < t->first_cell + t->ncells; c++) {
        size_t k = 0;
        while (k < n && rule_uses(f, broken[k], c)) k++;
        if (k == n) return true;
    }
    return false;
}

static size_t bits(unsigned m)
{
    size_t n = 0;
    for (; m; m &= m - 1) n++;
    return n;
}

/* Points the cells of form row r at the bound entries idx[0..k) in the columns of mask m. */
static void assign_mask(binder *B, const nb_form_row *r, size_t w, unsigned m, const long *idx)
{
    for (size_t c = 0; c < w; c++) B->at[r->first_cell + c] = -1;
    for (size_t c = 0, i = 0; c < w; c++) {
        if (!(m & (1u << c))) continue;
        nb_bound_cell *b = &B->cells[idx[i++]];
        b->cell = r->first_cell + c;
        b->col = B->f->cells[b->cell].col;
        B->at[b->cell] = (long)(b - B->cells);
    }
}

/* Rows with fewer values than columns and no header or position to place them: every
 * placement (in order) is tried against the identities; the only one that makes the most of
 * them hold is taken (and its cells are sure), otherwise the default stays, unsure. */
static void resolve_unsure(binder *B, const nb_form_row *r, size_t ft)
{
    size_t w = form_row_width(r), k = 0;
    long idx[16];
    unsigned current = 0;
    if (w > 12) return;
    for (size_t c = 0; c < w; c++) {
        long i = B->at[r->first_cell + c];
        if (i < 0) continue;
        if (!B->cells[i].unsure) return;
        idx[k++] = i;
        current |= 1u << c;
    }
    if (k == 0 || k >= w) return;
    size_t best_held = 0, nbest = 0;
    unsigned best = current;
    for (unsigned m = 1; m < (1u << w); m++) {
        if (bits(m) != k) continue;
        assign_mask(B, r, w, m, idx);
        size_t checked, held;
        count_identities(B, ft, &checked, &held);
        if (held > best_held)
            best_held = held, best = m, nbest = 1;
        else if (held == best_held)
            nbest++;
    }
    bool unique = nbest == 1 && best_held > 0;
    assign_mask(B, r, w, unique ? best : current, idx);
    for (size_t i = 0; i < k; i++) B->cells[idx[i]].unsure = !unique;
}

/* ---- reading labels and values apart ---------------------------------------------------- */

/* Drops every cell bound to form table ft (they stay in the array, marked dead). */
static void unbind_table(binder *B, size_t ft)
{
    const nb_form_table *t = &B->f->tables[ft];
    for (size_t c = t->first_cell; c < t->first_cell + t->ncells; c++) {
        if (B->at[c] < 0) continue;
        B->cells[B->at[c]].cell = (size_t)-1;
        B->at[c] = -1;
    }
}

/* ---- one form table ---------------------------------------------------------------------- */

static char *arena_printf(nb_doc *doc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static char *arena_printf(nb_doc *doc, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *s = nb_arena_strndup(&doc->arena, buf, strlen(buf));
    return s ? s : "";
}

/* Short lines right before a table (up to MAX_BEFORE, back to the previous table or a sentence):
 * converters leave a row's label there, above a table holding only its numbers. Each becomes
 * a label-only row of one cell, allocated in the document's arena. */
static size_t lines_before(nb_doc *doc, const nb_table *t, nb_row *out, size_t most)
{
    size_t n = 0;
    long b = t->block - 1;
    for (; b >= 0 && n < most; b--) {
        const nb_block *blk = &doc->blocks[b];
        bool short_line =
            blk->kind == NB_BLOCK_TABLE_TITLE || blk->kind == NB_BLOCK_HEADING ||
            (blk->kind == NB_BLOCK_PARAGRAPH && text_width(blk->text, blk->len) <= 40 &&
             !text_contains(blk->text, blk->len, "。"));
        if (!short_line) break;
        n++;
    }
    for (size_t k = 0; k < n; k++) {
        const nb_block *blk = &doc->blocks[b + 1 + (long)k];
        nb_cell *c = nb_arena_alloc(&doc->arena, sizeof *c);
        char *text = c ? nb_arena_alloc(&doc->arena, strlen(blk->marker) + blk->len + 1) : NULL;
        if (!text) return k;
        memcpy(text, blk->marker, strlen(blk->marker));
        memcpy(text + strlen(blk->marker), blk->text, blk->len + 1);
        *c = (nb_cell){.text = text, .line = blk->line_first};
        out[k] = (nb_row){.cells = c, .ncells = 1, .line = blk->line_first};
    }
    return n;
}

/* Fills a printed row from a row of a table. */
static void printed_row(const nb_form *f, size_t ft, size_t src, const nb_row *row, prow *x,
                        nb_table_syntax syntax)
{
    x->src = src;
    x->row = row;
    x->first_value = values_start(row, syntax);
    x->nvalues = row->ncells - x->first_value;
    for (size_t c = x->first_value; c < row->ncells; c++)
        x->numbers +=
            nb_numeral_cell(row->cells[c].text, strlen(row->cells[c].text), NULL) <= NB_CELL_ZERO;
    row_labels(f, x);
    x->anchor = -1;
    if (x->has_label) {
        /* the row its whole label or its last cell names, whichever names it better (not a
         * group row when it holds values) */
        const label_key *keys[2] = {&x->all, &x->last};
        double best = 0.75;
        for (int k = 0; k < 2; k++) {
            label_tier how, h2;
            if (!keys[k]->ncp) continue;
            long a = label_match_row(f, (long)ft, keys[k], TIER_CONTAINS, &how);
            if (a < 0 || how < TIER_CONTAINS || (f->rows[a].group && x->nvalues)) continue;
            double sc = label_score(&f->rows[a], x, &h2);
            if (sc >= best) best = sc, x->anchor = a, x->anchor_how = how;
        }
    }
}

/* Gathers the printed rows of the document tables assigned to form table ft. */
static prow *printed_rows(const nb_form *f, nb_doc *doc, const long *assigned, size_t ft,
                          size_t *np)
{
    size_t n = 0;
    for (size_t t = 0; t < doc->ntables; t++)
        if (assigned[t] == (long)ft) n += doc->tables[t].nrows + MAX_BEFORE;
    prow *p = calloc(n + 1, sizeof *p);
    if (!p) return NULL;
    *np = 0;
    for (size_t t = 0; t < doc->ntables; t++) {
        if (assigned[t] != (long)ft) continue;
        const nb_table *tab = &doc->tables[t];
        size_t valued = 0;
        for (size_t r = 0; r < tab->nrows; r++)
            valued += !tab->rows[r].header && first_value_cell(&tab->rows[r]) < tab->rows[r].ncells;
        nb_row before[MAX_BEFORE];
        /* a few short lines (a label that fell out of the table); many when the table starts
         * with values that have no label (a converter left the labels of its first rows above) */
        size_t first = 0;
        while (first < tab->nrows && tab->rows[first].header) first++;
        bool unlabelled = first < tab->nrows && first_value_cell(&tab->rows[first]) == 0;
        size_t nb = lines_before(doc, tab, before, unlabelled ? MAX_BEFORE : 6);
        for (size_t k = 0; k < nb; k++) {
            nb_row *copy = nb_arena_alloc(&doc->arena, sizeof *copy);
            if (!copy) break;
            *copy = before[k];
            prow *x = &p[(*np)++];
            printed_row(f, ft, t, copy, x, NB_TABLE_PIPE);
            x->is_virtual = true;
        }
        for (size_t r = 0; r < tab->nrows; r++) {
            const nb_row *row = &tab->rows[r];
            if (row->header) {
                /* a header line of one text may be the label of the rows below it (表四 in
                 * three parts, each under its row's name and the column names): a piece */
                size_t texts = 0;
                for (size_t c = 0; c < row->ncells; c++) texts += row->cells[c].text[0] != '\0';
                if (texts != 1 || *np >= n) continue;
                prow *x = &p[(*np)++];
                printed_row(f, ft, t, row, x, NB_TABLE_PIPE);
                x->is_virtual = true;
                continue;
            }
            prow *x = &p[(*np)++];
            printed_row(f, ft, t, row, x, tab->syntax);
            /* one small table titled by its row: the title is its label */
            const nb_block *title = title_of(doc, tab);
            if (!x->has_label && valued == 1 && title) {
                label_key_make(f, title->text, title->len, &x->all);
                x->last = x->all;
                /* only a title that is a row's label names the row (not 申请人情况（总计）) */
                label_tier how;
                long fr = label_match_row(f, (long)ft, &x->all, TIER_CONTAINS, &how);
                label_tier h2;
                x->has_label =
                    fr >= 0 && label_row_score(&f->rows[fr], &x->all, TIER_CONTAINS, &h2) >= 0.9;
                if (x->has_label) x->anchor = fr, x->anchor_how = how;
            }
        }
    }
    return p;
}

/* Aligns the printed rows p[0..np) (one document table) to the form table's rows not taken
 * yet; appends what it placed to pl. */
static size_t align_one(aligner *A, prow *p, size_t np, placed *pl, size_t *matched, double *score)
{
    *score = 0;
    const nb_form *f = A->f;
    A->p = p;
    A->np = np;
    bool anchored = false;
    size_t values = 0, room = 0;
    for (size_t i = 0; i < np; i++) {
        values += p[i].nvalues;
        p[i].best = 0;
        for (size_t j = 0; j < A->nrows; j++) {
            double *c = A->labc ? &A->labc[(A->labc_off + i) * A->nrows + j] : NULL;
            if (c && !isnan(*c))
                LAB(A, i, j) = *c;
            else
                LAB(A, i, j) =
                    p[i].has_label ? label_score(&f->rows[A->first + j], &p[i], NULL) : 0;
            if (c) *c = LAB(A, i, j);
            anchored |= LAB(A, i, j) >= 0.5;
            if (LAB(A, i, j) > p[i].best) p[i].best = LAB(A, i, j);
        }
    }
    for (size_t j = 0; j < A->nrows; j++)
        if (!A->taken[j]) room += form_row_width(&f->rows[A->first + j]);
    /* rows are placed by their position only between rows placed by their label; a part
     * without any label is read only when its values fill the rows still open exactly (表四
     * as one row of fifteen under a garbled header) */
    if (!anchored && values != room) {
        /* its numbers stay unbound */
        for (size_t i = 0; i < np; i++)
            *score += p[i].numbers ? SKIP_VALUED + SKIP_NUMBER * (double)p[i].numbers : 0;
        return 0;
    }
    /* label pieces on lines of their own: joined labels are scored when first needed */
    bool pieces = false;
    for (size_t i = 0; i < np; i++) pieces |= !p[i].numbers && p[i].has_label;
    /* (without the memory for it, read without joining pieces) */
    A->runs = pieces ? calloc(np * NRUNS, sizeof *A->runs) : NULL;
    align(A);
    *score = DP(A, np, A->nrows).score;
    /* walk back from the end */
    size_t npl = 0, i = np, j = A->nrows;
    while (i > 0 || j > 0) {
        cellstep s = DP(A, i, j);
        if (s.kind == STEP_SKIP_PRINTED) {
            i--;
        } else if (s.kind == STEP_SKIP_FORM) {
            j--;
        } else if (s.kind == STEP_MATCH) {
            size_t e = i - 1 - s.post; /* the row holding the values (or the label alone) */
            i = e - s.pre;
            j -= s.span;
            const nb_form_row *r = &f->rows[A->first + j];
            double l = run_label(A, e, s.pre, s.post, j);
#ifdef NB_DEBUG_BIND
            if (getenv("NB_DEBUG_STEPS"))
                fprintf(stderr, "step e=%zu pre=%zu post=%zu -> %s l=%.2f\n", e, (size_t)s.pre,
                        (size_t)s.post, r->id, l);
#endif
            for (size_t k = e; r->group && l >= 0.5 && k <= e + s.post; k++)
                p[k].names_group = true;
            if (!r->group && p[e].nvalues)
                pl[npl++] = (placed){e, A->first + j, s.span, l >= 0.5, false, e - s.pre, false};
            /* a row printed with its label (and unit) and nothing in its value cells: blank; but
             * a label alone among pipes or one cell per line may have its values elsewhere, as
             * converters and pdftotext leave them */
            bool unit = false;
            for (size_t k = e; k <= e + s.post && !p[e].nvalues; k++) unit |= p[k].has_unit;
            nb_table_syntax syn = A->syntax[p[e].src];
            bool blank =
                syn != NB_TABLE_CELLS && (unit || syn == NB_TABLE_ALIGNED || syn == NB_TABLE_BOX);
            if (!r->group && !p[e].nvalues)
                pl[npl++] = (placed){e, A->first + j, 1, true, !blank, e, false};
            if (l >= 0.5) (*matched)++;
        } else if (s.kind == STEP_BLOCK) {
            const brec *rec = &A->blocks[s.post];
            i = rec->i;
            j = rec->j;
            size_t u = 0;
            size_t vals[MAX_BLOCK];
            for (size_t g = 0; g < rec->n; g++)
                vals[g] = rec->g[g].valued ? rec->v + u++ : SIZE_MAX;
            for (size_t g = rec->n; g-- > 0;) {
                (*matched)++;
                if (vals[g] != SIZE_MAX)
                    pl[npl++] = (placed){vals[g], A->first + rec->g[g].jr, 1,    true,
                                         false,   rec->g[g].start,         false};
            }
        } else {
            break; /* cannot happen: every cell is reachable by skips */
        }
    }
#ifdef NB_DEBUG_BIND /* make BUILD=build/dbg CPPFLAGS=-DNB_DEBUG_BIND: the placements */
    if (getenv("NB_DEBUG_ROWS"))
        for (size_t q = 0; q < np; q++)
            fprintf(stderr, "prow %zu@%zu v=%zu n=%zu virt=%d lab=%d '%s'\n", q,
                    (size_t)p[q].row->line, p[q].nvalues, p[q].numbers, p[q].is_virtual,
                    p[q].has_label, p[q].raw);
    {
        for (size_t q = npl; q-- > 0;)
            fprintf(stderr, "bind: row@%zu (%zu values) -> %s span %zu %s\n",
                    (size_t)p[pl[q].prow].row->line, p[pl[q].prow].nvalues,
                    f->rows[pl[q].form_row].id, pl[q].span, pl[q].by_label ? "label" : "order");
    }
#endif
    runs_free(A);
    free(A->blocks);
    A->blocks = NULL;
    A->nblocks = A->cap_blocks = 0;
    /* in the printed order */
    for (size_t a = 0, b = npl ? npl - 1 : 0; npl && a < b; a++, b--) {
        placed tmp = pl[a];
        pl[a] = pl[b];
        pl[b] = tmp;
    }
    return npl;
}

/* ---- blank cells that printed nothing ---------------------------------------------------- */

/* pdftotext without -layout prints nothing for a blank cell: a table read as a stream of values
 * then holds fewer values than its rows have cells, and which cells were blank is not printed.
 * The blanks' places are searched for: each placement is bound and the form's identities
 * counted; the placement under which most hold (then fewest break, then whose runs of values
 * begin rows) is taken, the first of equals. A run of values printed together fills whole rows,
 * so each blank is looked for within its run, first row by row (vanish_rows), then moved one
 * at a time while the table's identities do better. The cells of a run with blanks stay unsure:
 * where zeros stand on both sides of a blank, no arithmetic can tell where it was. */
#define MAX_VANISHED     8
#define MAX_VANISH_EVALS 6000

typedef struct vanish {
    binder *B;
    size_t ft;
    const size_t *slot; /* the form cells the values fill, in the form's order */
    size_t m;
    const nb_cell *const *vals;
    const bool *chunk;  /* per value: the first of a run printed together (after a label) */
    const bool *starts; /* per slot: the first cell of its row */
    size_t nvals, d;    /* values; blanks to place (m - nvals) */
    size_t *rule_last;  /* per rule: the last slot its identity uses, SIZE_MAX for none */
    size_t best[MAX_VANISHED];
    size_t lo[MAX_VANISHED], hi[MAX_VANISHED]; /* where each blank may be */
    size_t init[MAX_VANISHED];                 /* a first placement, when `has_init` */
    bool has_init;
    bool localized; /* each blank known to lie in its run, whose cells are [run_lo, run_hi) */
    size_t run_lo[MAX_VANISHED], run_hi[MAX_VANISHED];
    const bool *unsure_slot; /* when binding for good: per slot */
    size_t *rule_first;      /* per rule: the first slot it uses */
    size_t best_held, best_checked, best_aligned, best_gap, evals;
    bool by_gap; /* aligned text: a blank left a wider gap between its neighbours */
    bool found;
} vanish;

/* Binds the values around the blanks at pos; returns how many runs of values begin a row. */
static size_t vanish_bind(vanish *v, const size_t *pos, bool unsure)
{
    unbind_table(v->B, v->ft);
    size_t aligned = 0;
    for (size_t s = 0, k = 0, b = 0; s < v->m && k < v->nvals; s++) {
        if (b < v->d && pos[b] == s) {
            b++;
            continue;
        }
        aligned += v->chunk && v->chunk[k] && v->starts[s];
        bind_cell(v->B, v->slot[s], v->vals[k++], v->unsure_slot ? v->unsure_slot[s] : unsure);
    }
    return aligned;
}

/* Binds a placement and counts its identities (checked, held) and the runs of values that begin
 * a row. Leaves the table unbound. */
static void vanish_eval(vanish *v, const size_t *pos, size_t *held, size_t *checked,
                        size_t *aligned)
{
    binder *B = v->B;
    size_t n0 = B->ncells;
    *aligned = vanish_bind(v, pos, false);
    *held = *checked = 0;
    for (size_t i = 0; i < B->f->nrules; i++) {
        if (!is_identity(&B->f->rules[i], v->ft)) continue;
        int h = identity_holds(B, &B->f->rules[i]);
        if (h < 0) continue;
        (*checked)++;
        *held += (size_t)h;
    }
    unbind_table(B, v->ft);
    B->ncells = n0; /* the cells this placement bound were the last */
    v->evals++;
}

/* Aligned text: the spaces between the values on either side of the blanks at pos (a blank
 * column leaves a gap as wide as a column); 0 otherwise. */
static size_t vanish_gap(const vanish *v, const size_t *pos)
{
    if (!v->by_gap) return 0;
    size_t sum = 0;
    for (size_t b = 0; b < v->d; b++) {
        size_t k = pos[b] - b; /* the value after the blank */
        if (k == 0 || k >= v->nvals) continue;
        const nb_cell *a = v->vals[k - 1], *c = v->vals[k];
        if (a->line == c->line && c->x > a->x + a->width) sum += c->x - (a->x + a->width);
    }
    return sum;
}

/* Whether the placement pos is better than the best so far; if so, it becomes the best. */
static bool vanish_try(vanish *v, const size_t *pos)
{
    size_t held, checked, aligned, gap = vanish_gap(v, pos);
    vanish_eval(v, pos, &held, &checked, &aligned);
    /* identities that hold first, then fewer that break, then the runs of values that begin a
     * row where the layout began them */
    size_t broken = checked - held, best_broken = v->best_checked - v->best_held;
    if (v->found &&
        (held < v->best_held ||
         (held == v->best_held &&
          (broken > best_broken ||
           (broken == best_broken &&
            (gap < v->best_gap || (gap == v->best_gap && aligned <= v->best_aligned)))))))
        return false;
    memcpy(v->best, pos, v->d * sizeof *pos);
    v->best_held = held;
    v->best_checked = checked;
    v->best_aligned = aligned;
    v->best_gap = gap;
    v->found = true;
    return true;
}

/* The blanks are placed one by one, each where it does best with the ones after it at the end;
 * then each is moved, the others kept, while that does better. */
static void vanish_search(vanish *v)
{
    size_t pos[MAX_VANISHED];
    for (size_t k = 0; k < v->d; k++) pos[k] = v->has_init ? v->init[k] : v->hi[k];
    vanish_try(v, pos);
    for (size_t b = 0; b < v->d && !v->has_init; b++) {
        size_t lo = b && v->best[b - 1] + 1 > v->lo[b] ? v->best[b - 1] + 1 : v->lo[b];
        memcpy(pos, v->best, v->d * sizeof *pos);
        for (size_t p = lo; p <= v->hi[b] && v->evals < MAX_VANISH_EVALS; p++) {
            pos[b] = p;
            vanish_try(v, pos);
        }
    }
    for (bool moved = true; moved && (v->d > 1 || v->has_init) && v->evals < MAX_VANISH_EVALS;) {
        moved = false;
        for (size_t b = 0; b < v->d; b++) {
            size_t lo = b && v->best[b - 1] + 1 > v->lo[b] ? v->best[b - 1] + 1 : v->lo[b];
            size_t hi =
                b + 1 < v->d && v->best[b + 1] - 1 < v->hi[b] ? v->best[b + 1] - 1 : v->hi[b];
            memcpy(pos, v->best, v->d * sizeof *pos);
            for (size_t p = lo; p <= hi && v->evals < MAX_VANISH_EVALS; p++) {
                if (p == v->best[b]) continue;
                pos[b] = p;
                moved |= vanish_try(v, pos);
                memcpy(pos, v->best, v->d * sizeof *pos);
            }
        }
    }
}

/* Where each blank may be. A run of values printed together (after one label) fills whole rows:
 * it begins a row and its values and blanks end one, so the blanks a run lacks are its own
 * (the fewest that bring it to a row's end). When the runs account for every blank that way,
 * each blank is kept within its run's cells; otherwise anywhere in order. */
/* The identities that hold (and break) among those within row [s, s + w) when its cells not in
 * `blank` (a bit per cell) take the values from vals[k] on; the table is left unbound. */
static void row_local(vanish *v, size_t s, size_t w, unsigned blank, size_t k, long *held,
                      long *broken)
{
    binder *B = v->B;
    size_t n0 = B->ncells;
    *held = *broken = 0;
    for (size_t c = 0; c < w; c++)
        if (!(blank >> c & 1u) && k < v->nvals) bind_cell(B, v->slot[s + c], v->vals[k++], false);
    for (size_t i = 0; i < B->f->nrules; i++) {
        if (v->rule_first[i] < s || v->rule_last[i] >= s + w) continue;
        int h = identity_holds(B, &B->f->rules[i]);
        if (h > 0) (*held)++;
        if (h == 0) (*broken)++;
    }
    unbind_table(B, v->ft);
    B->ncells = n0;
    v->evals++;
}

/* Within a run of whole rows that lacks b blanks (slots [s0, s1), values from k0): how many
 * each row lacks, row by row, so that the identities within rows (a row's sum) hold best; the
 * blanks of a row are put last among its parts, or on its last cell. Fills pos[0..b). */
static bool vanish_rows(vanish *v, size_t s0, size_t s1, size_t k0, size_t b, size_t *pos)
{
    enum { MAXR = 64 };
    size_t rs[MAXR + 1], nr = 0;
    for (size_t s = s0; s < s1; s++)
        if (v->starts[s]) {
            if (nr == MAXR) return false;
            rs[nr++] = s;
        }
    rs[nr] = s1;
    if (!nr || rs[0] != s0) return false;
    /* best[j][u]: rows before j, u blanks among them */
    long score[MAXR + 1][MAX_VANISHED + 1];
    unsigned char take[MAXR + 1][MAX_VANISHED + 1], last[MAXR + 1][MAX_VANISHED + 1];
    for (size_t j = 0; j <= nr; j++)
        for (size_t u = 0; u <= b; u++) score[j][u] = LONG_MIN;
    score[0][0] = 0;
    for (size_t j = 0; j < nr; j++) {
        size_t w = rs[j + 1] - rs[j];
        for (size_t u = 0; u <= b; u++) {
            if (score[j][u] == LONG_MIN) continue;
            for (size_t k = 0; k <= b - u && k <= w && k < 32; k++)
                for (int onlast = 0; onlast < (k ? 2 : 1); onlast++) {
                    if (onlast && k > w) continue;
                    /* k blanks: the last k parts, or the last cell and k-1 parts before it */
                    unsigned blank = 0;
                    for (size_t c = 0; c < k; c++) blank |= 1u << (w - 1 - c - (onlast ? 0 : 1));
                    if (!onlast && k >= w) continue;
                    long held, broken;
                    row_local(v, rs[j], w, blank, k0 + (rs[j] - s0) - u, &held, &broken);
                    long sc = score[j][u] + 2 * held - 3 * broken;
                    if (sc > score[j + 1][u + k]) {
                        score[j + 1][u + k] = sc;
                        take[j + 1][u + k] = (unsigned char)k;
                        last[j + 1][u + k] = (unsigned char)onlast;
                    }
                }
        }
    }
    if (score[nr][b] == LONG_MIN) return false;
    size_t u = b, n = b;
    for (size_t j = nr; j > 0; j--) {
        size_t k = take[j][u], w = rs[j] - rs[j - 1];
        for (size_t c = 0; c < k; c++) pos[--n] = rs[j - 1] + w - 1 - c - (last[j][u] ? 0 : 1);
        u -= k;
    }
    /* in increasing order */
    for (size_t i = 1; i < b; i++)
        for (size_t j = i; j > 0 && pos[j] < pos[j - 1]; j--) {
            size_t t = pos[j];
            pos[j] = pos[j - 1];
            pos[j - 1] = t;
        }
    return true;
}

static void vanish_ranges(vanish *v)
{
    for (size_t b = 0; b < v->d; b++) v->lo[b] = b, v->hi[b] = v->m - v->d + b;
    if (!v->chunk) return;
    size_t lo[MAX_VANISHED], hi[MAX_VANISHED], init[MAX_VANISHED], nb = 0, s = 0;
    bool init_ok = v->rule_first != NULL;
    for (size_t k = 0; k < v->nvals;) {
        size_t e = k + 1;
        while (e < v->nvals && !v->chunk[e]) e++;
        if (s >= v->m || !v->starts[s]) return;
        size_t end = s + (e - k), b = 0;
        while (end + b < v->m && !v->starts[end + b] && b <= v->d) b++;
        if (nb + b > v->d) return;
        for (size_t j = 0; j < b; j++) {
            lo[nb + j] = s + j, hi[nb + j] = end + j;
            v->run_lo[nb + j] = s, v->run_hi[nb + j] = end + b;
        }
        if (b && !vanish_rows(v, s, end + b, k, b, init + nb)) init_ok = false;
        nb += b;
        s = end + b;
        k = e;
    }
    if (nb != v->d || s != v->m) return;
    memcpy(v->lo, lo, nb * sizeof *lo);
    memcpy(v->hi, hi, nb * sizeof *hi);
    v->localized = true;
    if (init_ok) {
        memcpy(v->init, init, nb * sizeof *init);
        v->has_init = true;
    }
}

/* Binds the values to the slots: in order when they are as many; otherwise with the blanks
 * placed where the identities say (see above), each bound as a blank on the line of the value
 * before it. */
static bool bind_vanished(binder *B, size_t ft, const size_t *slot, const bool *starts, size_t m,
                          const nb_cell *const *vals, const bool *chunk, size_t nvals, bool unsure,
                          bool by_gap)
{
    vanish v = {.B = B,
                .by_gap = by_gap,
                .ft = ft,
                .slot = slot,
                .starts = starts,
                .m = m,
                .vals = vals,
                .chunk = chunk,
                .nvals = nvals,
                .d = m - nvals};
    if (v.d == 0) {
        vanish_bind(&v, v.best, unsure);
        return true;
    }
    v.rule_last = malloc((B->f->nrules + 1) * sizeof *v.rule_last);
    if (!v.rule_last) {
        B->failed = true;
        return false;
    }
    v.rule_first = malloc((B->f->nrules + 1) * sizeof *v.rule_first);
    for (size_t i = 0; i < B->f->nrules; i++) {
        v.rule_last[i] = SIZE_MAX;
        if (v.rule_first) v.rule_first[i] = 0;
        if (!is_identity(&B->f->rules[i], ft)) continue;
        for (size_t s = m; s-- > 0;)
            if (rule_uses(B->f, &B->f->rules[i], slot[s])) {
                v.rule_last[i] = s;
                break;
            }
        for (size_t s = 0; v.rule_first && s < m; s++)
            if (rule_uses(B->f, &B->f->rules[i], slot[s])) {
                v.rule_first[i] = s;
                break;
            }
    }
    vanish_ranges(&v);
    vanish_search(&v);
    free(v.rule_first);
#ifdef NB_DEBUG_BIND
    fprintf(stderr, "vanish: %zu blanks, %zu evals, localized %d, held %zu of %zu, aligned %zu, at",
            v.d, v.evals, v.localized, v.best_held, v.best_checked, v.best_aligned);
    for (size_t b = 0; b < v.d; b++) fprintf(stderr, " %zu", v.best[b]);
    fprintf(stderr, "\n");
#endif
    free(v.rule_last);
    /* where each blank's run is known, only the cells of runs with blanks are unsure */
    bool *unsure_slot = v.localized && unsure ? calloc(m, sizeof *unsure_slot) : NULL;
    for (size_t b = 0; unsure_slot && b < v.d; b++)
        for (size_t s = v.run_lo[b]; s < v.run_hi[b] && s < m; s++) unsure_slot[s] = true;
    v.unsure_slot = unsure_slot;
    vanish_bind(&v, v.best, unsure);
    v.unsure_slot = NULL;
    for (size_t b = 0, k = 0, s = 0; b < v.d && s < m; s++) {
        if (s != v.best[b]) {
            k += k < nvals;
            continue;
        }
        b++;
        nb_cell *empty = nb_arena_alloc(&B->doc->arena, sizeof *empty);
        if (!empty) {
            free(unsure_slot);
            B->failed = true;
            return false;
        }
        *empty = (nb_cell){.text = "", .line = vals[k ? k - 1 : 0]->line};
        bind_cell(B, slot[s], empty, unsure);
    }
    free(unsure_slot);
    return v.localized;
}

/* 1 when the first value after a label that names a group row is a mark (一、主动公开情况 |
 * —— in the unit column, on the label's line or the next): no row's value; else 0. `named` are
 * the rows as the labels' alignment saw them, `all` with their values. */
static size_t group_mark(const prow *named, const prow *all, size_t i)
{
    const prow *p = &all[i];
    bool after_group = named[i].names_group ||
                       (!p->has_label && i > 0 && named[i - 1].names_group && !all[i - 1].nvalues);
    return after_group && p->nvalues &&
           nb_numeral_cell(p->row->cells[p->first_value].text,
                           strlen(p->row->cells[p->first_value].text),
                           NULL) == NB_CELL_NOT_APPLICABLE;
}

/* The printed rows' values as one stream, in the order printed: vals[k], and chunk[k] true for
 * the first of each row's run. With `named` (the rows as the labels' alignment saw them), a
 * group's unit-column mark is left out. Returns the count. */
static size_t stream_values(const prow *all, size_t np, const prow *named, const nb_cell **vals,
                            bool *chunk)
{
    size_t k = 0;
    for (size_t i = 0; i < np; i++) {
        size_t from = named ? group_mark(named, all, i) : 0;
        for (size_t c = from; c < all[i].nvalues; c++) {
            chunk[k] = c == from;
            vals[k++] = &all[i].row->cells[all[i].first_value + c];
        }
    }
    return k;
}

/* The other reading of a table whose labels and values were printed apart (converters leave
 * the labels of a run of rows, then their numbers; pdftotext without -layout too): the labels
 * alone are aligned to the form (as a stream, in the form's order), and the rows they name take
 * the values in the order the values appear, cell by cell, around the blanks that printed
 * nothing (a few fewer values than cells: see above). Taken when the form's identities judge it
 * better than the rows' own reading (see the test below). Returns true when it was taken; sets
 * B->forced when the order left no choice. */
static bool read_apart(binder *B, aligner *A, prow *all, size_t np, size_t ft)
{
    bool loose_labels = false, loose_values = false, cells_syntax = false;
    for (size_t i = 0; i < np; i++) {
        cells_syntax |= A->syntax[all[i].src] == NB_TABLE_CELLS;
        loose_labels |= !all[i].nvalues && all[i].has_label && !all[i].is_virtual;
        /* one cell per line: the values that follow a label may be other rows' (pdftotext
         * prints a run of labels, then the run's numbers, or the other way round) */
        loose_values |=
            all[i].numbers && (!all[i].has_label || A->syntax[all[i].src] == NB_TABLE_CELLS);
    }
    if (!loose_labels || !loose_values) return false;
    prow *lp = malloc(np * sizeof *lp);
    placed *pl = calloc(np + 1, sizeof *pl);
    bool *free_rows = calloc(A->nrows + 1, sizeof *free_rows);
    const nb_cell **vals = NULL;
    bool *chunk = NULL, localized = false;
    size_t bound_printed = 0;
    const bool *taken = A->taken;
    bool ok = lp && pl && free_rows;
    size_t n = 0, cells = 0, nvals = 0, matched = 0;
    if (ok) {
        memcpy(lp, all, np * sizeof *lp);
        for (size_t i = 0; i < np; i++) {
            lp[i].nvalues = lp[i].numbers = 0;
            lp[i].is_virtual = false;
            lp[i].names_group = false;
        }
        A->taken = free_rows;
        A->labc_off = 0; /* lp is `all` with its values taken away: the same labels */
        double score;
        n = align_one(A, lp, np, pl, &matched, &score);
        A->taken = taken;
        A->p = all;
        A->np = np;
        size_t k = 0;
#ifdef NB_DEBUG_BIND
        for (size_t q = 0; q < n; q++)
            fprintf(stderr, "  stream %zu -> %s %d\n", (size_t)all[pl[q].start].row->line,
                    B->f->rows[pl[q].form_row].id, pl[q].by_label);
#endif
        for (size_t q = 0; q < n; q++)
            if (pl[q].by_label) pl[k++] = pl[q];
        n = k;
        /* a group's label followed by a mark only (一、主动公开情况 | —— in the unit column):
         * the mark is no row's value */
        for (size_t i = 0; i < np; i++) nvals += all[i].nvalues - group_mark(lp, all, i);
        for (size_t q = 0; q < n; q++) cells += form_row_width(&B->f->rows[pl[q].form_row]);
        ok = cells > 0 && nvals > 0 && nvals <= cells && cells - nvals <= MAX_VANISHED;
#ifdef NB_DEBUG_BIND
        fprintf(stderr, "apart: %zu rows named, %zu cells, %zu values\n", n, cells, nvals);
        for (size_t i = 0; i < np; i++)
            if (lp[i].names_group)
                fprintf(stderr, "  group %s mark %zu\n", all[i].raw, group_mark(lp, all, i));
        for (size_t q = 0; q < n; q++) fprintf(stderr, "  %s\n", B->f->rows[pl[q].form_row].id);
#endif
    }
    if (ok) ok = (vals = malloc(nvals * sizeof *vals)) && (chunk = malloc(nvals * sizeof *chunk));
    if (ok) {
        nvals = stream_values(all, np, lp, vals, chunk);
    }
    size_t checked_rows, held_rows, checked_apart, held_apart, bound_rows = 0;
    const nb_form_table *t = &B->f->tables[ft];
    long *saved = ok ? malloc((t->ncells + 1) * sizeof *saved) : NULL;
    ok = ok && saved;
    if (ok) {
        count_identities(B, ft, &checked_rows, &held_rows);
        /* and how many of them are in rows that no printed label names */
        size_t unnamed_rows = 0;
        for (size_t c = 0; c < t->ncells; c++) {
            long at = B->at[t->first_cell + c];
            if (at < 0) continue;
            bound_rows++;
            bool named = false;
            for (size_t q = 0; q < n && !named; q++) named = pl[q].form_row == B->cells[at].row;
            unnamed_rows += !named;
        }
        /* the rows' reading is complete when every value went to a row its label names and
         * each named row took all its cells or printed none (label, unit, value, line after
         * line, a blank printing nothing where its value would stand): the layout placed
         * every blank, and no other reading is taken unless it breaks fewer identities */
        /* (one printed row's values to one row: as many rows filled as rows printed values) */
        bool rows_complete = unnamed_rows == 0 && bound_rows == nvals;
        size_t filled = 0, valued = 0;
        for (size_t q = 0; q < n && rows_complete; q++) {
            const nb_form_row *r = &B->f->rows[pl[q].form_row];
            size_t w = form_row_width(r), got = 0;
            for (size_t c = 0; c < w; c++) got += B->at[r->first_cell + c] >= 0;
            rows_complete = got == 0 || got == w;
            filled += got > 0;
        }
        for (size_t i = 0; i < np; i++) valued += all[i].nvalues > group_mark(lp, all, i);
        rows_complete = rows_complete && filled == valued;
        memcpy(saved, B->at + t->first_cell, t->ncells * sizeof *saved);
        unbind_table(B, ft);
        /* the rows named, in the form's order (the labels were aligned in it) */
        for (size_t a = 0, b = n ? n - 1 : 0; n && a < b; a++, b--) {
            placed tmp = pl[a];
            pl[a] = pl[b];
            pl[b] = tmp;
        }
        for (size_t q = 1; q < n; q++) /* align_one lists them in the printed order */
            for (size_t r = q; r > 0 && pl[r].form_row < pl[r - 1].form_row; r--) {
                placed tmp = pl[r];
                pl[r] = pl[r - 1];
                pl[r - 1] = tmp;
            }
        size_t *slot = malloc((cells + 1) * sizeof *slot);
        bool *starts = calloc(cells + 1, sizeof *starts);
        if (!slot || !starts) B->failed = true;
        for (size_t q = 0, m = 0; slot && starts && q < n; q++) {
            const nb_form_row *r = &B->f->rows[pl[q].form_row];
            starts[m] = true;
            for (size_t c = 0; c < form_row_width(r); c++) slot[m++] = r->first_cell + c;
        }
        if (slot && starts)
            localized = bind_vanished(B, ft, slot, starts, cells, vals, chunk, nvals,
                                      cells_syntax && nvals != cells, false);
        free(slot);
        free(starts);
        /* the blanks it placed are no printed value */
        bound_printed = nvals;
        count_identities(B, ft, &checked_apart, &held_apart);
#ifdef NB_DEBUG_BIND
        fprintf(stderr,
                "apart holds %zu of %zu (rows %zu of %zu), binds %zu (rows %zu, %zu unnamed)\n",
                held_apart, checked_apart, held_rows, checked_rows, bound_printed, bound_rows,
                unnamed_rows);
#endif
        /* never a reading that breaks more identities, whatever more it checks */
        /* (as many identities hold and are checked: the reading that binds every value, or as
         * many, each in a row its label names, or a value for every named row's cell: a
         * reading the order leaves no choice in) */
        size_t bound_apart = bound_printed;
        /* (or, breaking more, one whose identities that hold outnumber the ones it breaks by
         * more than the rows' reading: 22 hold and 1 breaks against 4 and none) */
        long net_apart = (long)held_apart - (long)(checked_apart - held_apart),
             net_rows = (long)held_rows - (long)(checked_rows - held_rows);
        if (rows_complete && checked_apart - held_apart >= checked_rows - held_rows)
            ok = false;
        else
            ok = (checked_apart - held_apart <= checked_rows - held_rows &&
                  (held_apart > held_rows ||
                   (held_apart == held_rows && checked_apart > checked_rows) ||
                   /* as many hold, fewer break */
                   (held_apart == held_rows &&
                    checked_apart - held_apart < checked_rows - held_rows) ||
                   (held_apart == held_rows && checked_apart == checked_rows &&
                    (bound_apart > bound_rows ||
                     (bound_apart == bound_rows && (unnamed_rows > 0 || nvals == cells)))))) ||
                 (cells_syntax && net_apart > net_rows + 2 &&
                  held_apart >= 3 * (checked_apart - held_apart)) ||
                 /* (or one the order leaves no choice in, a value for every named row's cell,
                  * where the rows' reading left printed values in no row: a slip or two it breaks
                  * are the table's, not the reading's) */
                 (cells_syntax && (nvals == cells || localized) && bound_rows < nvals &&
                  held_apart >= held_rows && checked_apart - held_apart <= 3 &&
                  held_apart >= 3 * (checked_apart - held_apart));
        B->rows_complete = !ok && rows_complete;
        if (!ok) { /* the rows' reading stays */
            unbind_table(B, ft);
            for (size_t c = 0; c < t->ncells; c++) {
                B->at[t->first_cell + c] = saved[c];
                if (saved[c] >= 0) B->cells[saved[c]].cell = t->first_cell + c;
            }
        }
    }
    free(saved);
    free(lp);
    free(pl);
    free(free_rows);
    free(vals);
    free(chunk);
    B->forced = ok && localized;
    return ok;
}

/* A table none of whose rows could be placed, its values a few fewer than the form table's
 * cells (表四's fifteen under a garbled header, one cell per line or aligned, a blank printing
 * nothing):
 * the values fill the cells in order around the blanks the identities place. */
static bool read_unlabelled(binder *B, const prow *all, size_t np, size_t ft,
                            const nb_table_syntax *syntax)
{
    const nb_form_table *t = &B->f->tables[ft];
    for (size_t c = t->first_cell; c < t->first_cell + t->ncells; c++)
        if (B->at[c] >= 0) return false;
    size_t nvals = 0;
    for (size_t i = 0; i < np; i++) {
        if (all[i].nvalues && syntax[all[i].src] != NB_TABLE_CELLS &&
            syntax[all[i].src] != NB_TABLE_ALIGNED)
            return false;
        nvals += all[i].nvalues;
    }
    if (!nvals || nvals >= t->ncells || t->ncells - nvals > MAX_VANISHED ||
        3 * (t->ncells - nvals) > t->ncells)
        return false;
    const nb_cell **vals = malloc(nvals * sizeof *vals);
    bool *chunk = malloc(nvals * sizeof *chunk), *starts = calloc(t->ncells, sizeof *starts);
    size_t *slot = malloc(t->ncells * sizeof *slot);
    if (!vals || !chunk || !starts || !slot) {
        free(vals), free(chunk), free(starts), free(slot);
        B->failed = true;
        return false;
    }
    stream_values(all, np, NULL, vals, chunk);
    for (size_t c = 0; c < t->ncells; c++) {
        slot[c] = t->first_cell + c;
        starts[c] = B->f->cells[slot[c]].col == 0;
    }
    bool aligned = false;
    for (size_t i = 0; i < np; i++)
        aligned |= all[i].nvalues && syntax[all[i].src] == NB_TABLE_ALIGNED;
    bind_vanished(B, ft, slot, starts, t->ncells, vals, chunk, nvals, true, aligned);
    free(vals), free(chunk), free(starts), free(slot);
    return !B->failed;
}

/* ---- runs of values printed out of the form's order ---------------------------------------- */

/* pdftotext without -layout may print a table's values in runs out of the form's order (表四:
 * the first four of 复议, then four of 复议后起诉, then 复议's total…), each run after some
 * header words. Every way of laying the runs onto the table's cells is tried: a run fills
 * consecutive cells from where it is put; a run printed after words naming rows goes to one of
 * them. The tiling under which most identities hold (then fewest break, then closest to the
 * printed order) is taken when it does better than the values in order. */
#define MAX_TILE_RUNS 12
#define MAX_TILE_ROWS 8
#define MAX_TILINGS   5000

typedef struct tiler {
    binder *B;
    size_t ft;
    size_t nruns;
    size_t size[MAX_TILE_RUNS];
    unsigned rows[MAX_TILE_RUNS]; /* bit r: the run may begin in the table's row r; 0 any */
    const nb_cell **val[MAX_TILE_RUNS];
    size_t at[MAX_TILE_RUNS], best_at[MAX_TILE_RUNS]; /* the table cell each run begins at */
    bool *used;
    size_t ncells, tilings;
    size_t best_held, best_broken, best_inv;
    bool found;
} tiler;

static size_t row_of_cell(const binder *B, size_t ft, size_t k)
{
    const nb_form_table *t = &B->f->tables[ft];
    return B->f->cells[t->first_cell + k].row - t->first_row;
}

static void tile_eval(tiler *T)
{
    binder *B = T->B;
    const nb_form_table *t = &B->f->tables[T->ft];
    size_t n0 = B->ncells;
    unbind_table(B, T->ft);
    for (size_t i = 0; i < T->nruns; i++)
        for (size_t k = 0; k < T->size[i]; k++)
            bind_cell(B, t->first_cell + T->at[i] + k, T->val[i][k], true);
    size_t checked, held, inv = 0;
    count_identities(B, T->ft, &checked, &held);
    unbind_table(B, T->ft);
    B->ncells = n0;
    for (size_t i = 0; i < T->nruns; i++)
        for (size_t j = i + 1; j < T->nruns; j++) inv += T->at[j] < T->at[i];
    size_t broken = checked - held;
    T->tilings++;
    if (T->found && (held < T->best_held ||
                     (held == T->best_held && (broken > T->best_broken ||
                                               (broken == T->best_broken && inv >= T->best_inv)))))
        return;
    memcpy(T->best_at, T->at, T->nruns * sizeof *T->at);
    T->best_held = held, T->best_broken = broken, T->best_inv = inv, T->found = true;
}

static void tile_runs(tiler *T, size_t i)
{
    if (i == T->nruns) {
        tile_eval(T);
        return;
    }
    for (size_t a = 0; a + T->size[i] <= T->ncells && T->tilings < MAX_TILINGS; a++) {
        if (T->rows[i] && !(T->rows[i] >> row_of_cell(T->B, T->ft, a) & 1u)) continue;
        bool free_cells = true;
        for (size_t k = 0; k < T->size[i] && free_cells; k++) free_cells = !T->used[a + k];
        if (!free_cells) continue;
        for (size_t k = 0; k < T->size[i]; k++) T->used[a + k] = true;
        T->at[i] = a;
        tile_runs(T, i + 1);
        for (size_t k = 0; k < T->size[i]; k++) T->used[a + k] = false;
    }
}

static bool read_tiles(binder *B, const prow *all, size_t np, size_t ft,
                       const nb_table_syntax *syntax)
{
    const nb_form_table *t = &B->f->tables[ft];
    if (t->nrows > MAX_TILE_ROWS) return false;
    tiler T = {.B = B, .ft = ft, .ncells = t->ncells};
    const nb_cell *first[MAX_TILE_RUNS]; /* each run's first value */
    unsigned named = 0;
    size_t nvals = 0;
    for (size_t i = 0; i < np; i++) {
        if (syntax[all[i].src] != NB_TABLE_CELLS) return false;
        /* words naming a row (行政复议, 复议后起诉) since the last run; a run printed after its
         * own row's label is read by the rows (not runs out of order) */
        double own = 0;
        for (size_t r = 0; all[i].has_label && r < t->nrows; r++) {
            label_tier how;
            double l = label_row_score(&B->f->rows[t->first_row + r], &all[i].all, TIER_PART, &how);
            if (l >= 0.9) named |= 1u << r;
            if (l > own) own = l;
        }
        if (!all[i].nvalues) continue;
        if (own >= 0.5) return false;
        if (T.nruns == MAX_TILE_RUNS) return false;
        T.size[T.nruns] = all[i].nvalues;
        T.rows[T.nruns] = named;
        first[T.nruns] = &all[i].row->cells[all[i].first_value];
        nvals += all[i].nvalues;
        T.nruns++;
        named = 0;
    }
    if (T.nruns < 2 || nvals != t->ncells) return false;
    /* the reading so far, to beat */
    size_t checked0, held0;
    count_identities(B, ft, &checked0, &held0);
    T.used = calloc(t->ncells + 1, sizeof *T.used);
    const nb_cell **vals = malloc(nvals * sizeof *vals);
    if (!T.used || !vals) {
        free(T.used), free(vals);
        B->failed = true;
        return false;
    }
    for (size_t i = 0, k = 0; i < T.nruns; i++) {
        T.val[i] = vals + k;
        for (size_t j = 0; j < T.size[i]; j++) vals[k++] = first[i] + j;
    }
    tile_runs(&T, 0);
    bool better = T.found && (T.best_held > held0 ||
                              (T.best_held == held0 && T.best_broken < checked0 - held0));
#ifdef NB_DEBUG_BIND
    fprintf(stderr,
            "tiles: %zu runs, %zu tilings, best holds %zu (%zu broken, %zu inversions), "
            "the reading so far %zu of %zu\n",
            T.nruns, T.tilings, T.best_held, T.best_broken, T.best_inv, held0, checked0);
#endif
    if (better) {
        unbind_table(B, ft);
        for (size_t i = 0; i < T.nruns; i++)
            for (size_t k = 0; k < T.size[i]; k++)
                bind_cell(B, t->first_cell + T.best_at[i] + k, T.val[i][k], true);
    }
    free(T.used), free(vals);
    return better;
}

static int read_table(binder *B, nb_doc *doc, const long *assigned, size_t ft, nb_reading *rd,
                      const header *hdr, size_t *matched)
{
    const nb_form *f = B->f;
    const nb_form_table *t = &f->tables[ft];
    nb_table_syntax *syntax = calloc(doc->ntables + 1, sizeof *syntax);
    for (size_t k = 0; syntax && k < doc->ntables; k++) syntax[k] = doc->tables[k].syntax;
    aligner A = {.f = f, .ft = ft, .first = t->first_row, .nrows = t->nrows, .syntax = syntax};
    size_t np = 0;
    prow *all = printed_rows(f, doc, assigned, ft, &np);
    A.dp = calloc((np + 1) * (A.nrows + 1), sizeof *A.dp);
    A.lab = calloc(np * A.nrows + 1, sizeof *A.lab);
    A.labc = malloc((np * A.nrows + 1) * sizeof *A.labc);
    for (size_t k = 0; A.labc && k < np * A.nrows; k++) A.labc[k] = NAN;
    placed *pl = calloc(np + 1, sizeof *pl), *pl2 = calloc(np + 1, sizeof *pl2);
    bool *taken = calloc(A.nrows + 1, sizeof *taken);
    A.taken = taken;
    if (!all || !A.dp || !A.lab || !pl || !pl2 || !taken || !syntax) {
        free(all), free(A.dp), free(A.lab), free(A.labc), free(pl), free(pl2), free(taken),
            free(syntax);
        return -1;
    }
    /* each document table on its own, in the document's order: parts of a form table may be
     * printed out of the form's order (表二's items), but rows within a part are in order */
    size_t npl = 0, by_part = 0, whole_matched = 0;
    double parts_score = 0, whole_score, s;
    for (size_t a = 0, b; a < np; a = b) {
        for (b = a; b < np && all[b].src == all[a].src; b++)
            ;
        A.labc_off = a;
        size_t n = align_one(&A, all + a, b - a, pl + npl, &by_part, &s);
        parts_score += s;
        for (size_t q = npl; q < npl + n; q++) {
            pl[q].prow += a;
            pl[q].start += a;
            for (size_t k = 0; k < pl[q].span; k++) taken[pl[q].form_row + k - A.first] = true;
        }
        npl += n;
    }
    /* and all parts as one table in the form's order (a table broken by a page or a heading
     * into parts): the reading that explains the rows better is taken */
    /* (not needed when every row with numbers found its place by its own label in the parts) */
    size_t valued = 0, labelled = 0;
    for (size_t i = 0; i < np; i++) valued += all[i].numbers > 0;
    for (size_t q = 0; q < npl; q++) labelled += pl[q].by_label && all[pl[q].prow].numbers > 0;
    if (all[np ? np - 1 : 0].src != all[0].src && labelled < valued) {
        memset(taken, 0, A.nrows * sizeof *taken);
        A.labc_off = 0;
        size_t n = align_one(&A, all, np, pl2, &whole_matched, &whole_score);
        if (whole_score >= parts_score) {
            memcpy(pl, pl2, n * sizeof *pl);
            npl = n;
            by_part = whole_matched;
        }
    }
    *matched += by_part;
    A.p = all;
    A.np = np;
    /* a row placed by its position alone is sure only between rows placed by their labels (in
     * its document table); before the first or after the last, nothing confirms it */
    for (size_t q = 0; q < npl; q++) {
        if (pl[q].by_label || pl[q].label_only) continue;
        bool before = false, after = false, any = false;
        for (size_t k = 0; k < npl; k++) {
            if (!pl[k].by_label || all[pl[k].prow].src != all[pl[q].prow].src) continue;
            any = true;
            before |= pl[k].prow < pl[q].prow;
            after |= pl[k].prow > pl[q].prow;
        }
        pl[q].edge = any && !(before && after);
    }
    for (size_t i = 0; i < np; i++) /* a label that names its row alone: the row is printed */
        if (all[i].anchor >= 0 && !all[i].is_virtual) B->seen[all[i].anchor] = true;
    for (size_t q = 0; q < npl; q++) {
        bind_printed(B, &A, &pl[q], hdr);
        if (pl[q].by_label)
            for (size_t k = 0; k < pl[q].span; k++) B->seen[pl[q].form_row + k] = true;
    }
    for (size_t q = 0; q < npl; q++)
        if (pl[q].span == 1 && !pl[q].label_only) resolve_unsure(B, &f->rows[pl[q].form_row], ft);
    /* one cell per line: the cells a row's values did not fill are blanks that printed nothing */
    for (size_t q = 0; q < npl; q++)
        if (pl[q].span == 1 && !pl[q].label_only && syntax[all[pl[q].prow].src] == NB_TABLE_CELLS &&
            all[pl[q].prow].nvalues)
            bind_blanks(B, &f->rows[pl[q].form_row], all[pl[q].prow].row->line);
    B->rows_complete = false;
    if (read_apart(B, &A, all, np, ft)) {
        rd->layout = "apart";
    } else if (B->rows_complete) {
        /* every value with its own label: a label with none printed a blank */
        for (size_t q = 0; q < npl; q++)
            if (pl[q].label_only && pl[q].span == 1 && !f->rows[pl[q].form_row].group)
                bind_blanks(B, &f->rows[pl[q].form_row], all[pl[q].prow].row->line);
    } else if (!B->failed && read_unlabelled(B, all, np, ft, syntax)) {
        rd->layout = "flat";
    } else if (!B->failed && read_tiles(B, all, np, ft, syntax)) {
        rd->layout = "runs";
    }
    if (B->failed) {
        free(all), free(A.dp), free(A.lab), free(A.labc), free(pl), free(pl2), free(taken),
            free(syntax);
        return -1;
    }
    rd->table = ft;
    if (!rd->layout) rd->layout = "rows";
    for (size_t q = 0; q < npl; q++) {
        if (pl[q].label_only) continue;
        if (pl[q].span > 1 && !strcmp(rd->layout, "rows")) rd->layout = "flat";
        if (pl[q].by_label)
            rd->rows_by_label++;
        else
            rd->rows_by_order++;
    }
    const nb_form_table *ftab = &f->tables[ft];
    rd->cells = 0;
    for (size_t c = ftab->first_cell; c < ftab->first_cell + ftab->ncells; c++)
        rd->cells += B->at[c] >= 0;
    count_identities(B, ft, &rd->identities_checked, &rd->identities_held);
    size_t broken = rd->identities_checked - rd->identities_held, nbroken = 0;
    /* one cell per line with numbers away from their labels: nothing but order joined them */
    bool separated = false, apart = !strcmp(rd->layout, "apart");
    /* (but a stream of labels naming every row whose cells the values fill exactly, in order,
     * leaves no choice: its arithmetic judges it like any reading's) */
    for (size_t i = 0; i < np && apart && !B->forced; i++)
        separated |= syntax[all[i].src] == NB_TABLE_CELLS;
    for (size_t q = 0; q < npl && !separated && !apart; q++) {
        if (syntax[all[pl[q].prow].src] != NB_TABLE_CELLS) continue;
        const nb_form_row *r = &f->rows[pl[q].form_row];
        /* (a row with fewer values than cells lost blanks that printed nothing: its own cells
         * are unsure, not the table's) */
        /* (one run of exactly the table's values, the whole table's rows (表四's fifteen
         * numbers under its header words): the order leaves no choice) */
        bool whole = pl[q].span == t->nrows && all[pl[q].prow].nvalues == t->ncells;
        separated = pl[q].label_only
                        ? !r->group && !B->rows_complete
                        : !whole && (pl[q].span > 1 || all[pl[q].prow].nvalues > form_row_width(r));
    }
    for (size_t i = 0; i < np && !separated && !apart; i++) { /* numbers no label took */
        if (syntax[all[i].src] != NB_TABLE_CELLS || !all[i].numbers) continue;
        bool placed_here = false;
        for (size_t q = 0; q < npl && !placed_here; q++) placed_here = pl[q].prow == i;
        separated = !placed_here;
    }
    /* there, a number next to a label may be another row's: every cell is unsure, so that the
     * rules it confirms pass and the ones it breaks cannot be told from a misreading */
    if (separated)
        for (size_t i = 0; i < B->ncells; i++)
            if (B->cells[i].cell != (size_t)-1 && f->rows[B->cells[i].row].table == ft)
                B->cells[i].unsure = true;
    rd->confident = true;
    rd->reason_zh = rd->reason_en = "";
    if (broken >= 2 && broken * 3 > rd->identities_checked) {
        rd->confident = false;
        rd->reason_zh =
            arena_printf(B->doc, "按最可能的读法，%zu项勾稽关系中有%zu项不成立，数值可能错位",
                         rd->identities_checked, broken);
        rd->reason_en = arena_printf(B->doc,
                                     "under the best reading %zu of its %zu identities fail: "
                                     "values may sit in the wrong rows or columns",
                                     broken, rd->identities_checked);
    } else if (separated && !one_slip_explains(B, ft, &nbroken)) {
        rd->confident = false;
        rd->reason_zh = arena_printf(
            B->doc,
            "数字与标签分开排印，只能按顺序对应；按此读法有%zu项校验在互不相关之处不成立，"
            "数值可能错位",
            nbroken);
        rd->reason_en = arena_printf(B->doc,
                                     "its numbers are printed apart from their labels and were "
                                     "matched by order; under that reading %zu checks fail in "
                                     "unrelated places: values may sit in the wrong rows",
                                     nbroken);
    } else if (rd->rows_by_label == 0 && rd->identities_held < 2 && rd->cells > 0) {
        rd->confident = false;
        rd->reason_zh =
            arena_printf(B->doc, "没有一行能按标签识别，只按位置读出，且可印证的勾稽关系不足两项");
        rd->reason_en =
            arena_printf(B->doc, "no row could be recognized by its label, every row was "
                                 "placed by position, and fewer than two identities confirm "
                                 "the reading");
    }
    free(all), free(A.dp), free(A.lab), free(A.labc), free(pl), free(pl2), free(taken),
        free(syntax);
    return A.failed ? -1 : 0; /* a block lost to want of memory: no reading */
}

/* ---- the document ------------------------------------------------------------------------ */

size_t form_tables(const nb_form *f, const nb_doc *doc)
{
    size_t n = 0;
    for (size_t t = 0; t < doc->ntables; t++) n += assign_table(f, doc, &doc->tables[t]) >= 0;
    return n;
}

/* Whether two forms fold labels alike (they share base.json's map, as all the shipped forms do):
 * then a label's key made for one serves the other. */
static bool same_folding(const nb_form *a, const nb_form *b)
{
    return a->ntrad == b->ntrad &&
           (!a->ntrad ||
            (memcmp(a->trad_from, b->trad_from, a->ntrad * sizeof *a->trad_from) == 0 &&
             memcmp(a->trad_to, b->trad_to, a->ntrad * sizeof *a->trad_to) == 0));
}

void form_fit_all(const nb_form *const *forms, size_t nforms, const nb_doc *doc, size_t *fit)
{
    for (size_t i = 0; i < nforms; i++) fit[i] = 0;
    label_key *hk = malloc(sizeof *hk); /* scratch */
    prow *p = malloc(sizeof *p);
    long *assigned = malloc((nforms + 1) * sizeof *assigned);
    bool *as_prev = malloc((nforms + 1) * sizeof *as_prev); /* folds as forms[i - 1] does */
    if (!hk || !p || !assigned || !as_prev) {               /* out of memory: no form fits */
        free(hk), free(p), free(assigned), free(as_prev);
        return;
    }
    for (size_t i = 0; i < nforms; i++) as_prev[i] = i && same_folding(forms[i - 1], forms[i]);
    for (size_t ti = 0; ti < doc->ntables; ti++) {
        const nb_table *t = &doc->tables[ti];
        bool any = false;
        for (size_t i = 0; i < nforms; i++) {
            assigned[i] = assign_table(forms[i], doc, t);
            any |= assigned[i] >= 0;
        }
        if (!any) continue;
        for (size_t r = 0; r < t->nrows; r++) {
            const nb_row *row = &t->rows[r];
            const nb_form *keyed = NULL; /* the form the keys below were made for */
            if (row->header) {
                /* header words naming the form table's columns */
                for (size_t c = 0; c < row->ncells; c++) {
                    keyed = NULL;
                    for (size_t i = 0; i < nforms; i++) {
                        if (assigned[i] < 0) continue;
                        if (!keyed || !(as_prev[i] && keyed == forms[i - 1]))
                            label_key_make(forms[i], row->cells[c].text, strlen(row->cells[c].text),
                                           hk);
                        keyed = forms[i];
                        if (hk->ncp >= 4 && label_match_col(forms[i], (size_t)assigned[i], hk) >= 0)
                            fit[i]++;
                    }
                }
                continue;
            }
            for (size_t i = 0; i < nforms; i++) {
                if (assigned[i] < 0) continue;
                if (!keyed || !(as_prev[i] && keyed == forms[i - 1])) {
                    *p = (prow){.row = row, .first_value = first_value_cell(row)};
                    row_labels(forms[i], p);
                }
                keyed = forms[i];
                if (!p->has_label) continue;
                label_tier how;
                long fr = label_match_row(forms[i], assigned[i], &p->all, TIER_CONTAINS, &how);
                if (fr < 0 && p->last.ncp)
                    fr = label_match_row(forms[i], assigned[i], &p->last, TIER_CONTAINS, &how);
                if (fr >= 0 && how >= TIER_CONTAINS) fit[i]++;
            }
        }
    }
    for (size_t i = 0; i < nforms; i++)
        if (fit[i] && doc->year && doc->year >= forms[i]->year_min &&
            doc->year <= forms[i]->year_max)
            fit[i] += 2;
    free(hk), free(p), free(assigned), free(as_prev);
}

size_t form_fit(const nb_form *f, const nb_doc *doc)
{
    size_t fit = 0;
    form_fit_all(&f, 1, doc, &fit);
    return fit;
}

static int by_form_order(const void *a, const void *b)
{
    const nb_bound_cell *x = a, *y = b;
    return (x->cell > y->cell) - (x->cell < y->cell);
}

static int nomem(nb_error *err)
{
    nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while binding the tables");
    return -1;
}

/* The most rows a printing of form table ft can take: each of its rows wrapped over a few
 * lines and printed a cell per line, twice over (a table repeated after a page break). More
 * than that is another copy of the table (reports run together into one file): the tables
 * past it are not read as this form table, so that reading stays linear in the input. */
static size_t printed_budget(const nb_form *f, size_t ft)
{
    const nb_form_table *t = &f->tables[ft];
    size_t n = 0;
    for (size_t r = t->first_row; r < t->first_row + t->nrows; r++)
        n += 4 * (form_row_width(&f->rows[r]) + 2);
    return 2 * n + 256;
}

static void cap_printed(const nb_form *f, const nb_doc *doc, long *assigned)
{
    for (size_t ft = 0; ft < f->ntables; ft++) {
        size_t budget = printed_budget(f, ft), used = 0;
        for (size_t t = 0; t < doc->ntables; t++) {
            if (assigned[t] != (long)ft) continue;
            used += doc->tables[t].nrows + MAX_BEFORE;
            if (used > budget) assigned[t] = -1;
        }
    }
}

int form_bind(const nb_form *f, nb_doc *doc, nb_binding *out, nb_error *err)
{
    memset(out, 0, sizeof *out);
    out->form = f;
    binder B = {.f = f, .doc = doc};
    B.at = nb_arena_alloc(&doc->arena, (f->ncells + 1) * sizeof *B.at);
    B.seen = nb_arena_alloc(&doc->arena, (f->nrows + 1) * sizeof *B.seen);
    if (B.seen) memset(B.seen, 0, (f->nrows + 1) * sizeof *B.seen);
    out->row_seen = B.seen;
    long *assigned = calloc(doc->ntables + 1, sizeof *assigned);
    header *hdr = calloc(doc->ntables + 1, sizeof *hdr);
    out->readings = nb_arena_alloc(&doc->arena, (f->ntables + 1) * sizeof *out->readings);
    if (!B.at || !B.seen || !assigned || !hdr || !out->readings) {
        free(assigned);
        free(hdr);
        return nomem(err);
    }
    for (size_t i = 0; i < f->ncells; i++) B.at[i] = -1;
    for (size_t t = 0; t < doc->ntables; t++) {
        assigned[t] = assign_table(f, doc, &doc->tables[t]);
        if (assigned[t] < 0) continue;
        if (doc->tables[t].syntax == NB_TABLE_ALIGNED)
            header_aligned(f, (size_t)assigned[t], &doc->tables[t], &hdr[t]);
        else
            header_separated(f, (size_t)assigned[t], &doc->tables[t], &hdr[t]);
    }
    cap_printed(f, doc, assigned);
    int rc = 0;
    for (size_t ft = 0; rc == 0 && ft < f->ntables && !B.failed; ft++) {
        size_t nsrc = 0;
        for (size_t t = 0; t < doc->ntables; t++) nsrc += assigned[t] == (long)ft;
        if (!nsrc) continue;
        nb_reading *rd = &out->readings[out->nreadings];
        memset(rd, 0, sizeof *rd);
        rd->sources = nb_arena_alloc(&doc->arena, nsrc * sizeof *rd->sources);
        if (!rd->sources) {
            rc = -1;
            break;
        }
        for (size_t t = 0; t < doc->ntables; t++)
            if (assigned[t] == (long)ft) rd->sources[rd->nsources++] = t;
        rc = read_table(&B, doc, assigned, ft, rd, hdr, &out->matched_rows);
        if (rc == 0 && rd->cells) out->nreadings++;
    }
    for (size_t t = 0; t < doc->ntables; t++) header_free(&hdr[t]);
    free(hdr);
    free(assigned);
    if (rc != 0 || B.failed) {
        free(B.cells);
        return nomem(err);
    }
    /* the cells in form order, without those a reading dropped */
    size_t n = 0;
    for (size_t i = 0; i < B.ncells; i++)
        if (B.cells[i].cell != (size_t)-1) B.cells[n++] = B.cells[i];
    if (n) qsort(B.cells, n, sizeof *B.cells, by_form_order);
    out->cells = nb_arena_alloc(&doc->arena, (n ? n : 1) * sizeof *out->cells);
    if (!out->cells) {
        free(B.cells);
        return nomem(err);
    }
    if (n) memcpy(out->cells, B.cells, n * sizeof *out->cells);
    out->ncells = n;
    free(B.cells);
    for (size_t i = 0; i < f->ncells; i++) B.at[i] = -1;
    for (size_t i = 0; i < n; i++) B.at[out->cells[i].cell] = (long)i;
    out->at = B.at;
    /* a cell of a reading that is not confident is never sure */
    for (size_t r = 0; r < out->nreadings; r++) {
        if (out->readings[r].confident) continue;
        for (size_t i = 0; i < n; i++)
            if (f->rows[out->cells[i].row].table == out->readings[r].table)
                out->cells[i].unsure = true;
    }
    return 0;
}

const nb_bound_cell *binding_cell(const nb_binding *b, size_t cell)
{
    if (!b->at || cell >= b->form->ncells || b->at[cell] < 0) return NULL;
    return &b->cells[b->at[cell]];
}

const nb_bound_cell *binding_find(const nb_binding *b, size_t row, long col)
{
    long cell = form_cell_index(b->form, row, col);
    return cell < 0 ? NULL : binding_cell(b, (size_t)cell);
}

const nb_reading *binding_reading(const nb_binding *b, size_t table)
{
    for (size_t i = 0; i < b->nreadings; i++)
        if (b->readings[i].table == table) return &b->readings[i];
    return NULL;
}
