/*
 * layout.h — typesetting after GB/T 9704-2012: pages, lines, Chinese line breaking, tables,
 * page numbers, bookmarks. Produces the page model of page.h from blocks of text.
 *
 * Owns: the page geometry, line breaking with 禁则 (no closing mark at a line start, no opening
 * mark at a line end, digit and Latin runs kept whole), justification, pagination, table
 * layout, replacing characters no font has. Must not: write PDF (it measures through
 * nb_metrics, so it is tested with a fake font).
 */
#ifndef NB_LAYOUT_H
#define NB_LAYOUT_H

#include "nianbao.h"
#include "page.h"

typedef enum lay_kind {
    LAY_TITLE,
    LAY_SUBTITLE,
    LAY_HEADING,
    LAY_PARAGRAPH,
    LAY_SIGNATURE,
    LAY_DATE,
    LAY_ATTACHMENT_LABEL, /* 附件1: starts a new page */
    LAY_ATTACHMENT_TITLE,
    LAY_TABLE_TITLE,
    LAY_TABLE,
    LAY_NOTE,
} lay_kind;

/* The most header rows one cell may span (a table of thousands of header rows is checked for
 * cells spanning down over a cell no further up than this). */
#define LAY_MAX_RSPAN 8

typedef struct lay_cell {
    const char *text; /* NUL-terminated, "" for an empty cell */
    bool numeric;
    size_t line;  /* source line, for warnings (0 when unknown) */
    size_t span;  /* the columns it covers, from its own on (0 or 1: its own); the cells it
                   * covers are not drawn */
    size_t rspan; /* in a header row, the header rows it covers from its own down (0 or 1; at
                   * most LAY_MAX_RSPAN) */
} lay_cell;

typedef struct lay_table {
    size_t nrows, ncols, header_rows;
    const lay_cell *cells; /* row-major, nrows * ncols */
    bool no_label;         /* no label column: column 0 holds values like the others (表四) */
} lay_table;

typedef struct lay_block {
    lay_kind kind;
    int level;          /* headings: 1-4 */
    const char *marker; /* headings and list items: printed before the text; may be NULL */
    const char *text;   /* NUL-terminated UTF-8 */
    size_t line;        /* source line, for warnings */
    const lay_table *table;
    /* titles: the agency's name, a seam on either side where the title holds it (NULL or ""
     * for none), and words no line may split (the title's seams: layout_title_breaks) */
    const char *agency;
    const char *const *words;
    size_t nwords;
} lay_block;

typedef struct lay_warning {
    size_t line;
    uint32_t cp;
} lay_warning;

typedef struct lay_warnings {
    lay_warning *items;
    size_t n, dropped;
} lay_warnings;

/* The most pages a document is laid out on (a report is tens of pages; 32,000 stays below the
 * 32,767 some PDF tools still assume); a longer one is refused, NB_ERR_LIMIT. */
#define LAY_MAX_PAGES 32000

/* The geometry of GB/T 9704-2012 (millimetres to points). */
#define LAY_MM      2.8346456692913385
#define LAY_PAGE_W  (210.0 * LAY_MM)
#define LAY_PAGE_H  (297.0 * LAY_MM)
#define LAY_TOP     (37.0 * LAY_MM)
#define LAY_LEFT    (28.0 * LAY_MM)
#define LAY_BLOCK_W (156.0 * LAY_MM)
#define LAY_BLOCK_H (225.0 * LAY_MM)
#define LAY_BODY_PT 16.0
#define LAY_LINES   22
#define LAY_CHARS   28
#define LAY_PITCH   (LAY_BLOCK_H / LAY_LINES)
#define LAY_GRID    (LAY_BLOCK_W / LAY_CHARS)

/* Receives each page as soon as it is laid out (numbered, nothing on it changes after); its
 * runs' texts live until the call returns. 0, or -1 to stop (the error is the sink's to set). */
typedef int (*lay_page_fn)(void *ctx, const nb_page *page);

/* Lays out blocks into out (zeroed first; free with layout_free). Characters no font covers
 * are drawn as 〓 and listed in w (w->items malloc'ed; free with free()). With a sink, each page
 * goes to it when done and is freed: out then keeps no pages (npages counts them) but the
 * bookmarks, whose page numbers count the sink's pages; memory stays that of one page. 0, or
 * -1 with err (NB_ERR_LIMIT when more than max_pages pages are needed; 0 or more than
 * LAY_MAX_PAGES: LAY_MAX_PAGES). */
int layout_document(const lay_block *blocks, size_t n, const nb_metrics *m, size_t max_pages,
                    lay_page_fn sink, void *sink_ctx, nb_pageset *out, lay_warnings *w,
                    nb_error *err);
void layout_free(nb_pageset *ps);

/* Line breaking alone (for tests): breaks text set in `face` at size_pt into lines of at most
 * measure_pt (the first indented by indent_pt); writes the byte offset where each line starts
 * into starts (at most max) and returns the number of lines. */
size_t layout_break_lines(const char *text, const nb_metrics *m, nb_face face, double size_pt,
                          double measure_pt, double indent_pt, size_t *starts, size_t max);

/* A title's lines (for tests): where each line of a title set in `face` at size_pt on a
 * measure of measure_pt starts (byte offsets into starts, at most max), broken by sense. A
 * title wider than the measure breaks at its seams — before and after the year ("2024年度"),
 * at a blank, either side of the agency's name (b->agency) — or else between two of b->words,
 * never inside a word, a number or the agency's name but between its words; the lines are
 * balanced in the shapes of GB/T 9704 §7.3.3: a trapezoid (no line shorter than the one
 * below it) or, of three lines or more, a diamond (the longest inside). When no break by
 * sense fits, or the title is longer than four lines, it breaks as a paragraph does, in lines
 * of about equal width. Returns the number of lines. */
size_t layout_title_breaks(const lay_block *b, const nb_metrics *m, nb_face face, double size_pt,
                           double measure_pt, size_t *starts, size_t max);

#endif /* NB_LAYOUT_H */
