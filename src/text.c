/*
 * text.c — display width, blanks, trimming and searching of UTF-8 text (see text.h).
 *
 * Must not: allocate or know anything about reports.
 */
#include "text.h"

#include "utf8.h"

#include <string.h>

uint32_t text_cp_at(const char *s, size_t len, size_t i, size_t *adv)
{
    int32_t cp = nb_utf8_decode((const unsigned char *)s + i, len - i, adv);
    return cp < 0 ? 0xFFFD : (uint32_t)cp;
}

size_t text_cp_width(uint32_t cp)
{
    return (cp >= 0x1100 && (nb_utf8_is_han(cp) || nb_utf8_is_cjk_punct(cp) ||
                             nb_utf8_is_fullwidth(cp) || (cp >= 0x3000 && cp <= 0x9FFF) ||
                             (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0x2014 || cp == 0x2026))
               ? 2
               : 1;
}

size_t text_width(const char *s, size_t len)
{
    size_t w = 0, adv;
    for (size_t i = 0; i < len; i += adv) w += text_cp_width(text_cp_at(s, len, i, &adv));
    return w;
}

size_t text_skip_blanks(const char *s, size_t len, size_t *cols)
{
    size_t i = 0, adv;
    while (i < len) {
        uint32_t cp = text_cp_at(s, len, i, &adv);
        if (!nb_utf8_is_space(cp)) break;
        if (cols) *cols += cp == '\t' ? 4 : text_cp_width(cp);
        i += adv;
    }
    return i;
}

size_t text_rtrim(const char *s, size_t len)
{
    size_t end = len;
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80) start--;
        size_t adv;
        if (!nb_utf8_is_space(text_cp_at(s, len, start, &adv))) break;
        end = start;
    }
    return end;
}

bool text_starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

uint32_t text_fold_cp(const text_fold *f, uint32_t cp)
{
    if (!f || !f->n) return cp;
    if (f->bmp && cp < 0x10000 && !(f->bmp[cp >> 3] & (1u << (cp & 7)))) return cp;
    size_t lo = 0, hi = f->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->from[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < f->n && f->from[lo] == cp ? f->to[lo] : cp;
}

size_t text_find_folded(const char *s, size_t len, const char *needle, const text_fold *fold,
                        size_t *mlen)
{
    size_t nlen = strlen(needle), adv;
    for (size_t i = 0; i < len; i += adv) {
        text_cp_at(s, len, i, &adv);
        size_t a = i, b = 0, sa, sb;
        while (a < len && b < nlen) {
            uint32_t x = text_fold_cp(fold, text_cp_at(s, len, a, &sa));
            uint32_t y = text_cp_at(needle, nlen, b, &sb);
            if (x != y) break;
            a += sa, b += sb;
        }
        if (b == nlen && nlen) {
            if (mlen) *mlen = a - i;
            return i;
        }
    }
    return (size_t)-1;
}

bool text_contains(const char *s, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (memcmp(s + i, needle, n) == 0) return true;
    return false;
}

uint64_t text_fnv1a(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}
