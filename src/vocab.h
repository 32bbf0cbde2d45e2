/*
 * vocab.h — the words the parser needs that are knowledge of the reports, not syntax: the
 * standard section titles (a heading that names one is a heading even where numbering alone
 * would not say so), the words that make a line a table title (第二十条, 统计表), and the keys
 * of the notes under a table (单位负责人, 注：). They live in forms/ (base.json's "vocabulary"
 * and every form's "document.sections"); form.c reads them, parse.c and lines.c use them.
 *
 * Must not: hold form semantics (which row is which statistic).
 */
#ifndef NB_VOCAB_H
#define NB_VOCAB_H

#include <stdbool.h>
#include <stddef.h>

#include "text.h"

typedef struct nb_strv {
    char **v;
    size_t n;
} nb_strv;

typedef struct nb_vocab {
    nb_strv sections; /* standard section titles: 总体情况, 主动公开政府信息情况… */
    nb_strv table_title_prefixes; /* a line starting with one titles a table: 第二十条 */
    nb_strv table_title_words;    /* a short line containing one titles a table: 统计表 */
    nb_strv notes;  /* a line starting with one is a table note: 单位负责人, 注： */
    text_fold trad; /* traditional → simplified (base.json's map): 報告 says 报告 */
    uint32_t *trad_from, *trad_to;
    unsigned char *trad_bmp; /* which BMP characters the map folds, a bit each */
} nb_vocab;

/* Whether word (simplified) stands in s, reading s's traditional characters as simplified. */
bool vocab_contains(const nb_vocab *v, const char *s, size_t len, const char *word);
/* Whether any of words stands in s, read so. */
bool vocab_contains_any(const nb_vocab *v, const char *s, size_t len, const nb_strv *words);
/* Whether s starts with word, read so. */
bool vocab_starts_with(const nb_vocab *v, const char *s, size_t len, const char *word);
/* Keeps a copy of a sorted traditional map; false when out of memory. */
bool vocab_set_traditional(nb_vocab *v, const uint32_t *from, const uint32_t *to, size_t n);

/* Frees the strings of v (v itself belongs to the caller) and zeroes it. */
void vocab_free(nb_vocab *v);
/* Appends a copy of s to l unless it is there already; false when out of memory. */
bool strv_add_unique(nb_strv *l, const char *s);
void strv_free(nb_strv *l);

#endif /* NB_VOCAB_H */
