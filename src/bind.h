/*
 * bind.h — binding the tables of a document to a form: which printed row is which form row,
 * which printed value is which form cell, and how sure that reading is.
 *
 * Owns: choosing the form that fits a document, assigning document tables to form tables,
 * reading each form table's printed rows as a whole (label, order, value counts, header,
 * column positions, and the form's identities to break ties), and the confidence of every
 * reading. Must not: evaluate rules into findings (check.c) or run prose patterns.
 */
#ifndef NB_BIND_H
#define NB_BIND_H

#include "doc.h"
#include "form.h"
#include "nianbao.h"
#include "numeral.h"

typedef struct nb_bound_cell {
    size_t cell; /* index into form->cells */
    size_t row;  /* form row */
    long col;    /* index into the row's table's columns, -1 for one-value rows */
    nb_cell_status status;
    nb_number value; /* for NB_CELL_NUMBER and NB_CELL_ZERO */
    const char *raw; /* the cell's text as printed */
    size_t line;
    bool unsure; /* placed by position where the layout left a choice: never a FAIL alone */
} nb_bound_cell;

/* How one form table was read. */
typedef struct nb_reading {
    size_t table;    /* form table */
    size_t *sources; /* the document tables read as it */
    size_t nsources;
    size_t rows_by_label; /* printed rows placed by their label */
    size_t rows_by_order; /* printed rows placed by their position between labelled ones */
    size_t cells;         /* cells bound */
    size_t identities_checked, identities_held; /* the form's equalities over its cells */
    bool confident;                    /* false: its rules are not checked (one finding says why) */
    const char *reason_zh, *reason_en; /* why not confident, "" otherwise */
    const char *layout; /* how the values were laid out: "rows", "flat", "columns"… */
} nb_reading;

typedef struct nb_binding {
    const nb_form *form;
    nb_bound_cell *cells; /* in form order */
    size_t ncells;
    long *at;             /* per form cell: index into cells, -1 when not printed */
    bool *row_seen;       /* per form row: its label was found in a table (printed, even
                           * when its values were not bound) */
    size_t matched_rows;  /* how many document rows found a form row: the fit */
    nb_reading *readings; /* one per form table that was found */
    size_t nreadings;
} nb_binding;

/* Scores how well a form fits the document (matched row labels); 0 when it does not fit. */
size_t form_fit(const nb_form *f, const nb_doc *doc);
/* The same for several forms at once (each row's label read once): fit[i] for forms[i]. */
void form_fit_all(const nb_form *const *forms, size_t nforms, const nb_doc *doc, size_t *fit);
/* How many of the document's tables are a table of form f (by title, keywords or labels). */
size_t form_tables(const nb_form *f, const nb_doc *doc);

/* Binds the document's tables to form f. Arrays live in doc's arena. Returns 0, or -1 when
 * out of memory. */
int form_bind(const nb_form *f, nb_doc *doc, nb_binding *out, nb_error *err);

/* The bound cell for a form cell, or NULL when the document does not print it. */
const nb_bound_cell *binding_cell(const nb_binding *b, size_t cell);
const nb_bound_cell *binding_find(const nb_binding *b, size_t row, long col);
/* The reading of a form table, NULL when the document does not print it. */
const nb_reading *binding_reading(const nb_binding *b, size_t table);

#endif /* NB_BIND_H */
