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

/* Parses decoded text into doc (zeroed first), with the words of vocab (the standard section
 * titles, table titles and notes of the forms; NULL: none). Returns 0, or -1 with err filled
 * (only for exhausted memory or a table longer than max_table_rows (0: no limit): any text
 * parses). */
int parse_document(const nb_text *text, nb_doc *doc, size_t max_table_rows, const nb_vocab *vocab,
                   nb_error *err);

#endif /* NB_PARSE_H */
