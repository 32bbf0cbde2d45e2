/*
 * text.h — measuring, trimming and searching UTF-8 text the way the parsers see it: display
 * width (CJK and full-width characters take two columns, as in a terminal or pdftotext -layout),
 * blanks (ASCII, U+3000, NBSP, form feed), trimming, substring tests.
 *
 * Owns: these few definitions, so that the line classifier, the table reader and the checker
 * measure text alike. Must not: allocate, or know anything about reports.
 */
#ifndef NB_TEXT_H
#define NB_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The code point at s[i] (U+FFFD for an invalid sequence) and its length in *adv. */
uint32_t text_cp_at(const char *s, size_t len, size_t i, size_t *adv);
/* Display columns of one code point (1 or 2) and of s[0..len). */
size_t text_cp_width(uint32_t cp);
size_t text_width(const char *s, size_t len);
/* Skips blanks from s; returns the bytes skipped and adds their display width to *cols when
 * cols is not NULL (a tab counts 4). */
size_t text_skip_blanks(const char *s, size_t len, size_t *cols);
/* Length of s without trailing blanks. */
size_t text_rtrim(const char *s, size_t len);
/* True when needle occurs in s[0..len), or when s starts with prefix. */
bool text_contains(const char *s, size_t len, const char *needle);
bool text_starts_with(const char *s, size_t len, const char *prefix);

/* A character map (traditional → simplified): from[] sorted, to[] beside it; bmp, when not
 * NULL, a bit per BMP character saying whether from[] holds it (most characters are not). */
typedef struct text_fold {
    const uint32_t *from, *to;
    size_t n;
    const unsigned char *bmp;
} text_fold;

/* cp mapped by f (NULL or empty: cp itself). */
uint32_t text_fold_cp(const text_fold *f, uint32_t cp);

/* The byte offset in s of the first place where needle stands once s's characters are mapped
 * by fold (NULL or an empty map: as they are), (size_t)-1 when none. The match has the length
 * *mlen in s. */
size_t text_find_folded(const char *s, size_t len, const char *needle, const text_fold *fold,
                        size_t *mlen);

/* FNV-1a over s[0..len), going on from h (TEXT_FNV_BASIS to start): the hash of texts for
 * fingerprints, PDF /ID seeds and convert's input records. */
#define TEXT_FNV_BASIS 1469598103934665603ull
uint64_t text_fnv1a(uint64_t h, const char *s, size_t len);

#endif /* NB_TEXT_H */
