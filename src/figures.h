/*
 * figures.h — figures stated in prose ("通过门户网站发布98条信息", "发布微博300余篇"), found by
 * the form's PCRE2 patterns and by its topics (a number with its unit, bound by the words of
 * its clause and of the clauses before it in its sentence), and bound to the form's cells.
 *
 * Owns: running the patterns (UTF mode, JIT, match and depth limits) and the topics over prose
 * blocks and turning each hit into a figure with its value, qualifier, unit, text and line.
 * Must not: decide whether a figure disagrees with its table (check.c does).
 */
#ifndef NB_FIGURES_H
#define NB_FIGURES_H

#include "doc.h"
#include "form.h"
#include "numeral.h"

typedef struct nb_figure {
    const char *text; /* the matched phrase */
    nb_number value;  /* with qualifier and unit */
    size_t line;      /* line of the number */
    size_t offset;    /* where the phrase starts in its block's text */
    size_t pattern;   /* index into form->patterns: the cell(s) it speaks of */
    long alt;         /* a topic figure whose clause names two topics as near: the other
                       * pattern it may speak of (-1 none); a rule passes on either, and is
                       * UNCERTAIN, never FAIL, when neither agrees */
    long block;
} nb_figure;

typedef struct nb_figures {
    nb_figure *items; /* in the doc's arena, in reading order */
    size_t n;
    /* per block of the doc, the quantities its prose holds (nb_numeral_scan over the folded
     * text), NULL where not scanned: the checker reads them again (check.c: parts, shares) */
    const nb_number **qty;
    size_t *nqty;
} nb_figures;

/* Runs every pattern of f over the prose of doc. Returns 0, or -1 with err filled (memory;
 * a pattern that hits its match limit is skipped for that block, never an error). */
int figures_extract(const nb_form *f, nb_doc *doc, nb_figures *out, nb_error *err);

#endif /* NB_FIGURES_H */
