/*
 * numeral.h — numbers as reports write them: in table cells (１５５, 1,234, 0.5, —, 无, blank)
 * and in prose (98条, 300余篇, 近300, 约5000, 三, 二十余, 一百零五, 两, 1.5万).
 *
 * Owns: parsing numbers exactly (as integers scaled by a power of ten), their qualifiers and
 * units, and the status of a table cell. Must not: use regular expressions for arithmetic,
 * allocate, or keep state.
 */
#ifndef NB_NUMERAL_H
#define NB_NUMERAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum nb_cell_status {
    NB_CELL_NUMBER,
    NB_CELL_ZERO,
    NB_CELL_BLANK,          /* empty: never read as zero */
    NB_CELL_NOT_APPLICABLE, /* —, ——, -, /, 不适用, 无 */
    NB_CELL_TEXT,           /* anything else: 详见附表 */
} nb_cell_status;

typedef enum nb_qualifier {
    NB_QUAL_EXACT,
    NB_QUAL_AT_LEAST, /* 余, 多, 以上: 300余 means 300 or more */
    NB_QUAL_MORE,     /* 超过, 逾: strictly more */
    NB_QUAL_AT_MOST,  /* 近, 以下, 以内 */
    NB_QUAL_LESS,     /* 不足, 不到: strictly less */
    NB_QUAL_ABOUT,    /* 约, 左右, 上下: within 10 % */
} nb_qualifier;

/* A number: value = units / 10^decimals. */
typedef struct nb_number {
    int64_t units;
    int decimals;
    bool overflow; /* too large to hold: never compared */
    bool percent;
    nb_qualifier qualifier;
    char unit[16]; /* UTF-8 unit after the number (条, 人次, 万元, …), "" when none */
} nb_number;

const char *nb_cell_status_name(nb_cell_status s);
const char *nb_qualifier_name(nb_qualifier q);

/* Classifies a table cell's text and, for numbers and zeros, parses it into *out. */
nb_cell_status nb_numeral_cell(const char *s, size_t len, nb_number *out);

/* Parses the number written at s (digits, full-width digits, thousands separators, a decimal
 * point, Chinese numerals, a multiplier 万/亿), with the qualifiers around it and the unit after
 * it. Returns the bytes consumed (0 when s does not start with a number or a qualifier
 * followed by one). */
size_t nb_numeral_parse(const char *s, size_t len, nb_number *out);

/* -1, 0, 1 as a < b, a == b, a > b (exact; neither may overflow). */
int nb_number_compare(const nb_number *a, const nb_number *b);

/* a + b exactly (the result has the larger number of decimals); overflow when it cannot. */
nb_number nb_number_add(const nb_number *a, const nb_number *b);

/* The value as a double, for messages and ratios. */
double nb_number_double(const nb_number *n);

/* Writes the value as printed ("155", "0.5") into buf; returns buf. */
const char *nb_number_format(const nb_number *n, char *buf, size_t size);

/* Whether a table value agrees with a qualified figure from the prose: exact must be equal;
 * 300余 (at least) agrees with 300 and above; 超过100 with more than 100; 近300 with 300 and
 * below; 不足10 with less than 10; 约5000 with 4500..5500. */
bool nb_number_agrees(const nb_number *prose, const nb_number *table);

#endif /* NB_NUMERAL_H */
