/*
 * form.h — the statistics forms (the form files (forms/NAME.json)) and the binding of a document's
 * table cells to them.
 *
 * Owns: loading and validating form files (jansson; every error names the file and the JSON
 * path), the forms' rows, columns, derived cells, rules (kept as validated JSON for the
 * checker) and prose patterns (compiled PCRE2, UTF mode, JIT); choosing the form that fits a
 * document; matching table rows to form rows by label and values to columns; cell status.
 * Must not: evaluate rules (check.c does) or run prose patterns (figures.c does).
 */
#ifndef NB_FORM_H
#define NB_FORM_H

#include "doc.h"
#include "nianbao.h"
#include "numeral.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

typedef struct json_t json_t;

typedef struct nb_form_col {
    char *id;
    char *label;
} nb_form_col;

typedef struct nb_form_row {
    char *id;
    char *label;
    char **norm;         /* normalized label and variants, for matching */
    size_t *norm_len;    /* their lengths in code points */
    uint64_t *norm_mask; /* their characters, hashed to one bit each (label_mask) */
    size_t nnorm;
    char *unit;
    char *parent; /* row id or NULL */
    bool amount;  /* 万元 amounts: decimals allowed */
    bool group;   /* a heading row without values */
    bool optional;
    size_t *cols; /* indices into the table's columns; none for one-value rows */
    size_t ncols;
    size_t table; /* index of its table in the form */
} nb_form_row;

typedef struct nb_form_table {
    char *id;
    char *title;
    char **keywords;
    size_t nkeywords;
    nb_form_col *cols;
    size_t ncols;
    size_t first_row, nrows; /* its rows in nb_form.rows */
    bool flat;               /* its cells may be printed as one long row (表四) */
} nb_form_table;

typedef struct nb_form_derived {
    char *id;     /* "t3.refuse_all/total" */
    char *label;  /* for messages */
    char **parts; /* cell ids, wildcards expanded */
    size_t nparts;
} nb_form_derived;

typedef struct nb_form_pattern {
    char *id;
    char **cells; /* the cell (or alternative cells) the figure speaks of */
    size_t ncells;
    pcre2_code *code;
} nb_form_pattern;

typedef struct nb_form {
    char *id;
    char *title;
    char *path;
    int year_min, year_max;
    nb_form_table *tables;
    size_t ntables;
    nb_form_row *rows;
    size_t nrows;
    nb_form_derived *derived;
    size_t nderived;
    nb_form_pattern *patterns;
    size_t npatterns;
    json_t *rules; /* the "rules" array, validated: every cell it names exists */
    /* document checks: the standard sections, the fee cell and the phrases saying "no fees" */
    char **sections;
    size_t nsections;
    char *fees_cell;
    char **no_fees;
    size_t nno_fees;
    char **slips; /* doubled characters in common words: 办公室室 */
    size_t nslips;
    uint32_t *trad_from, *trad_to; /* traditional → simplified folding for labels */
    size_t ntrad;
} nb_form;

struct nb_formset {
    nb_form **forms;
    size_t nforms;
};

/* Loads one form file. NULL with err naming the file and the JSON path on any problem. */
nb_form *form_load(const char *path, nb_error *err);
/* The same from a JSON text in memory; name is used in messages. */
nb_form *form_load_buffer(const char *data, size_t len, const char *name, nb_error *err);
void form_free(nb_form *f);

/* The id of a form's cell: "row" for a one-value row, "row/col" otherwise. Writes into buf. */
const char *form_cell_id(const nb_form *f, size_t row, long col, char *buf, size_t size);
/* Finds a cell by id; false when there is none. */
bool form_find_cell(const nb_form *f, const char *id, size_t *row, long *col);

/* Calls fn for every cell a reference names (see form.c: "row/col", "row", wildcards, derived
 * ids) and returns how many it named. */
typedef void (*form_cell_fn)(void *ctx, const char *id);
size_t form_expand_ref(const nb_form *f, const char *ref, form_cell_fn fn, void *ctx);
/* Replaces "{var}" in ref with value. */
void form_substitute(const char *ref, const char *var, const char *value, char *out, size_t size);
/* Index of a derived cell, or -1. */
long form_find_derived(const nb_form *f, const char *id);

/* ---- binding ----------------------------------------------------------------------------- */

typedef struct nb_bound_cell {
    size_t row; /* form row */
    long col;   /* index into the row's table's columns, -1 for one-value rows */
    nb_cell_status status;
    nb_number value; /* for NB_CELL_NUMBER and NB_CELL_ZERO */
    const char *raw; /* the cell's text as printed */
    size_t line;
} nb_bound_cell;

typedef struct nb_binding {
    const nb_form *form;
    nb_bound_cell *cells; /* in form order */
    size_t ncells;
    size_t matched_rows; /* how many document rows found a form row: the fit */
} nb_binding;

/* Scores how well a form fits the document (matched row labels); 0 when it does not fit. */
size_t form_fit(const nb_form *f, const nb_doc *doc);

/* Binds the document's tables to form f. Arrays live in doc's arena. Returns 0, or -1 when
 * out of memory. */
int form_bind(const nb_form *f, nb_doc *doc, nb_binding *out, nb_error *err);

/* The bound cell for a form cell, or NULL when the document does not print it. */
const nb_bound_cell *binding_find(const nb_binding *b, size_t row, long col);

#endif /* NB_FORM_H */
