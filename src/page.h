/*
 * page.h — the page model: what layout.c produces and pdf.c draws, plus the font-metrics
 * interface layout.c measures text with.
 *
 * Owns: plain data types only. Nothing here depends on the PDF writer or HarfBuzz, so layout can be
 * unit-tested with a fake font and the PDF writer with hand-made pages.
 *
 * Coordinates are PDF points (1/72 inch) from the bottom-left corner of the page; y of a text
 * run is its baseline.
 */
#ifndef NB_PAGE_H
#define NB_PAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Typeface roles of GB/T 9704: body (仿宋/宋体), 黑体 for first-level headings and 附件 labels,
 * 楷体 for second-level headings, 小标宋 for the title (falls back to Hei or body). */
typedef enum nb_face {
    NB_FACE_BODY = 0,
    NB_FACE_HEI,
    NB_FACE_KAI,
    NB_FACE_TITLE,
    NB_FACE_COUNT
} nb_face;

/* Metrics of the fonts in use, per role, with per-character fallback already applied. */
typedef struct nb_metrics {
    void *ctx;
    /* Advance width in points of code point cp set in role `face` at `size_pt`. */
    double (*advance_pt)(void *ctx, nb_face face, uint32_t cp, double size_pt);
    /* True when some font of the role's fallback chain can draw cp (always false above
     * U+FFFF: the PDF's fonts are addressed by 16-bit code points). */
    bool (*covers)(void *ctx, nb_face face, uint32_t cp);
} nb_metrics;

/* One run of text drawn at one position in one role and size. `char_space_pt` is extra space
 * added after every character (PDF Tc), used to justify; `advances_pt`, when not NULL, holds
 * one explicit advance per code point instead (for punctuation compressed or widened). */
typedef struct nb_text_run {
    double x_pt, y_pt;
    double size_pt;
    nb_face face;
    double char_space_pt;
    const char *utf8; /* not NUL-terminated; owned by the page set */
    size_t len;
    const double *advances_pt; /* NULL, or one entry per code point of utf8 */
    bool artifact;             /* not text of the report: page numbers, repeated table headers */
} nb_text_run;

/* A straight line: table rules, and the rules of the 版记 block. */
typedef struct nb_rule {
    double x1_pt, y1_pt, x2_pt, y2_pt;
    double width_pt;
} nb_rule;

typedef struct nb_page {
    double width_pt, height_pt; /* A4 portrait 595.276 x 841.89; landscape swaps them */
    nb_text_run *runs;
    size_t nruns;
    nb_rule *rules;
    size_t nrules;
} nb_page;

/* A bookmark: one per heading, pointing at the page and height where it is drawn. */
typedef struct nb_outline {
    const char *title; /* UTF-8, NUL-terminated */
    int level;         /* 1 = top */
    size_t page;       /* 0-based */
    double y_pt;
} nb_outline;

/* Everything the PDF writer needs. Strings are UTF-8 and NUL-terminated. */
typedef struct nb_pageset {
    nb_page *pages;
    size_t npages;
    nb_outline *outlines;
    size_t noutlines;
    const char *title;  /* document title: Info, XMP, and the window title */
    const char *author; /* the agency */
    const char *subject;
    /* Creation date written into Info and XMP (UTC). The batch conversion derives it from
     * SOURCE_DATE_EPOCH so that output is reproducible. */
    int64_t creation_time;
    /* Seed for the file /ID: the same seed gives the same ID (e.g. a hash of the text). */
    uint64_t id_seed;
    void *storage; /* the allocator that owns the strings and advances above (the arrays are
                    * on the heap; layout_free frees both) */
} nb_pageset;

#endif /* NB_PAGE_H */
