/*
 * utf8.h — code points in UTF-8 text: decoding one at a time, encoding, character classes,
 * and the folding used where numbers are parsed and labels matched.
 *
 * Owns: the byte-level rules of UTF-8 and the character classes every later stage shares.
 * Must not: allocate memory (callers pass buffers) or know anything about reports.
 */
#ifndef NB_UTF8_H
#define NB_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NB_UTF8_INVALID (-1)

/* Decodes the code point at s[0..len). On success returns it and sets *adv to its length.
 * On an invalid or truncated sequence returns NB_UTF8_INVALID and sets *adv to the length of
 * its maximal subpart (at least 1): the bytes one U+FFFD should replace. Rejects overlong
 * forms, surrogates and values above U+10FFFF. */
int32_t nb_utf8_decode_full(const unsigned char *s, size_t len, size_t *adv);

/* The same, with the common cases inline: ASCII, and a well-formed three-byte sequence outside
 * the ones that need range checks (E0: overlong, ED: surrogates), which is most Chinese text. */
static inline int32_t nb_utf8_decode(const unsigned char *s, size_t len, size_t *adv)
{
    if (len && s[0] < 0x80) {
        *adv = 1;
        return s[0];
    }
    if (len >= 3 && s[0] >= 0xE1 && s[0] <= 0xEF && s[0] != 0xED && (s[1] & 0xC0) == 0x80 &&
        (s[2] & 0xC0) == 0x80) {
        *adv = 3;
        return (int32_t)(((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) |
                         (uint32_t)(s[2] & 0x3F));
    }
    return nb_utf8_decode_full(s, len, adv);
}

/* Writes cp (<= U+10FFFF, not a surrogate) as UTF-8 into out; returns the byte count (1-4),
 * or 0 for a value that cannot be encoded. */
size_t nb_utf8_encode(uint32_t cp, char out[4]);

/* Number of code points in valid UTF-8 (an invalid byte counts as one). */
size_t nb_utf8_length(const char *s, size_t len);

/* Offset of the first invalid byte, or len when all of s is valid UTF-8. */
size_t nb_utf8_validate(const unsigned char *s, size_t len);

/* Character classes. */
bool nb_utf8_is_space(uint32_t cp);     /* ASCII blanks, FF, VT, NBSP, U+3000, U+2000-200B */
bool nb_utf8_is_han(uint32_t cp);       /* CJK unified ideographs (all blocks) and 〇 */
bool nb_utf8_is_fullwidth(uint32_t cp); /* U+FF01-FF5E, the full-width forms of ASCII */
bool nb_utf8_is_cjk_punct(uint32_t cp); /* CJK symbols and punctuation, full-width marks */
bool nb_utf8_is_digit(uint32_t cp);     /* 0-9 and full-width ０-９ */

/* Folds a full-width digit or ASCII letter to its ASCII form; every other code point is
 * returned unchanged. For parsing numbers and matching labels, never for typeset text. */
uint32_t nb_utf8_fold(uint32_t cp);

/* Copies s into out (at most out_size bytes, always NUL-terminated when out_size > 0) with
 * nb_utf8_fold applied to every code point; invalid bytes are copied as they are. Returns the
 * length the folded text needs, so a return >= out_size means it was cut. */
size_t nb_utf8_fold_copy(const char *s, size_t len, char *out, size_t out_size);

#endif /* NB_UTF8_H */
