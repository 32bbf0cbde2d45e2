/*
 * typeset.h — the inside of nianbao.h's nb_typeset_*, for the tests: a document laid out into
 * pages without writing a file.
 */
#ifndef NB_TYPESET_H
#define NB_TYPESET_H

#include "layout.h"
#include "nianbao.h"
#include "page.h"

/* A typeset document that writes no file (fonts shared, not freed): blocks are added with
 * nb_typeset_block/table/report as usual, then laid out with typeset_pages and freed with
 * typeset_free. NULL when out of memory. */
nb_typeset *typeset_new(const nb_fontset *fonts, const char *source, size_t max_pages);
/* Lays the document out into ps (free with layout_free, before typeset_free: its runs may
 * point into the document's texts) and w (items: free()), with the metadata. With a file
 * being written (nb_typeset_open), each page goes into it instead and ps keeps none. 0, or -1
 * with err. */
int typeset_pages(nb_typeset *ts, nb_pageset *ps, lay_warnings *w, nb_error *err);
void typeset_free(nb_typeset *ts);

#endif /* NB_TYPESET_H */
