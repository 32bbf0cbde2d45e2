/*
 * parse.h — from decoded lines to the document tree (doc.h).
 *
 * Owns: deciding from context which heading-like lines (classified by lines.c) really are
 * headings, where tables begin (their grids are built by table.c), rejoining wrapped lines
 * into paragraphs, and finding title, agency, year and signature date.
 * Must not: know form semantics (which row is which statistic).
 */
#ifndef NB_PARSE_H
#define NB_PARSE_H

#include "decode.h"
#include "lines.h"
#include "doc.h"
#include "nianbao.h"
#include "vocab.h"

/* The most a document may hold (0: no limit); each is checked before what it counts is
 * allocated, and names its option in the error. */
typedef struct parse_limits {
    size_t table_rows; /* --max-table-rows */
    size_t row_cells;  /* --max-row-cells */
    size_t headings;   /* --max-headings */
} parse_limits;

/* Parses decoded text into doc (zeroed first), with the words of vocab (the standard section
 * titles, table titles and notes of the forms; NULL: none). Returns 0, or -1 with err filled
 * (only for exhausted memory (NB_ERR_NOMEM) or a limit of lim hit (NB_ERR_LIMIT; lim NULL: no
 * limits): any text parses). */
int parse_document(const nb_text *text, nb_doc *doc, const parse_limits *lim, const nb_vocab *vocab,
                   nb_error *err);

#endif /* NB_PARSE_H */
