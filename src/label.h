/*
 * label.h — comparing a label printed in a report with the labels of a form: normalization
 * (markers such as 一、 （一） 1. 其中: dropped, full-width folded, traditional characters
 * folded, everything but Han characters, digits and letters dropped), and how well a printed
 * label matches a form row or column.
 *
 * Owns: the one definition of "the same label". Must not: decide which row a table line is
 * (bind.c weighs label, order and arithmetic together).
 */
#ifndef NB_LABEL_H
#define NB_LABEL_H

#include "form.h"

#define LABEL_SIZE 512

/* The normalized label of s[0..len) into out (NUL-terminated, cut at out_size). f may be NULL
 * (no traditional folding). */
void label_normalize(const nb_form *f, const char *s, size_t len, char *out, size_t out_size);
/* The characters of a normalized label as a 64-bit set: a label can contain another only when
 * its set holds the other's. */
uint64_t label_mask(const char *norm);
/* Longest common subsequence over the longer length, 0..1. */
double label_similarity(const char *a, const char *b);

/* How a printed label matched (ordered: a better match compares greater). */
typedef enum label_tier {
    TIER_NONE,
    TIER_SIMILAR,  /* most characters in order */
    TIER_PART,     /* the printed label is a piece of the form's (a wrapped or cut label) */
    TIER_CONTAINS, /* the printed label holds the form's (with a unit, a note…) */
    TIER_EXACT,
} label_tier;

/* A printed label, normalized once, for matching against many rows. */
typedef struct label_key {
    char norm[LABEL_SIZE];
    char core[LABEL_SIZE]; /* without a closing note in brackets, "" when none */
    size_t ncp;            /* code points */
    uint64_t mask;
} label_key;

void label_key_make(const nb_form *f, const char *s, size_t len, label_key *k);

/* How well k matches row r: the tier and a score in 0..1 (1 exact). */
double label_row_score(const nb_form_row *r, const label_key *k, label_tier floor, label_tier *how);

/* The form row (of table ft, or of any table when ft < 0) whose label best matches k; -1 when
 * none, or when two rows match equally well. */
long label_match_row(const nb_form *f, long ft, const label_key *k, label_tier floor,
                     label_tier *how);
/* The column of form table ft whose label (or a variant) the printed header text names;
 * -1 when none or ambiguous. */
long label_match_col(const nb_form *f, size_t ft, const label_key *k);

#endif /* NB_LABEL_H */
