/*
 * utf8.c — UTF-8 decoding and encoding, character classes, folding for parsing.
 *
 * Everything here works on caller-owned buffers and allocates nothing, so it can be used from
 * any stage and from any thread.
 */
#include "utf8.h"

#include "nianbao.h"

#include <stdlib.h>
#include <string.h>

int32_t nb_utf8_decode_full(const unsigned char *s, size_t len, size_t *adv)
{
    if (len == 0) {
        *adv = 0;
        return NB_UTF8_INVALID;
    }
    unsigned char c = s[0];
    if (c < 0x80) {
        *adv = 1;
        return c;
    }
    size_t need;
    uint32_t cp;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        cp = c & 0x0F;
        if (c == 0xE0) lo = 0xA0; /* overlong */
        if (c == 0xED) hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        cp = c & 0x07;
        if (c == 0xF0) lo = 0x90; /* overlong */
        if (c == 0xF4) hi = 0x8F; /* above U+10FFFF */
    } else {
        *adv = 1;
        return NB_UTF8_INVALID;
    }
    for (size_t i = 1; i <= need; i++) {
        unsigned char lo_i = i == 1 ? lo : 0x80, hi_i = i == 1 ? hi : 0xBF;
        if (i >= len || s[i] < lo_i || s[i] > hi_i) {
            *adv = i; /* the maximal subpart ends before the offending byte */
            return NB_UTF8_INVALID;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    *adv = need + 1;
    return (int32_t)cp;
}

size_t nb_utf8_encode(uint32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp <= 0x10FFFF) {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
        return 4;
    }
    return 0;
}

size_t nb_utf8_length(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = 0, adv;
    for (size_t i = 0; i < len; i += adv, n++) nb_utf8_decode(p + i, len - i, &adv);
    return n;
}

size_t nb_utf8_validate(const unsigned char *s, size_t len)
{
    size_t i = 0, adv;
    while (i < len) {
        /* Fast path: a run of ASCII. */
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        if (nb_utf8_decode(s + i, len - i, &adv) == NB_UTF8_INVALID) return i;
        i += adv;
    }
    return len;
}

bool nb_utf8_is_space(uint32_t cp)
{
    switch (cp) {
    case ' ':
    case '\t':
    case '\f':
    case '\v':
    case '\r':
    case '\n':
    case 0x00A0:
    case 0x3000:
    case 0x200B:
    case 0xFEFF:
        return true;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

bool nb_utf8_is_han(uint32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x3007;
}

bool nb_utf8_is_fullwidth(uint32_t cp)
{
    return cp >= 0xFF01 && cp <= 0xFF5E;
}

bool nb_utf8_is_cjk_punct(uint32_t cp)
{
    if (cp >= 0x3000 && cp <= 0x303F) return cp != 0x3000 && cp != 0x3007;
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
        uint32_t a = cp - 0xFEE0; /* the ASCII counterpart */
        return !((a >= '0' && a <= '9') || (a >= 'A' && a <= 'Z') || (a >= 'a' && a <= 'z'));
    }
    switch (cp) {
    case 0x2014:
    case 0x2015:
    case 0x2018:
    case 0x2019:
    case 0x201C:
    case 0x201D:
    case 0x2026:
    case 0x00B7:
    case 0x2027:
    case 0xFE30:
    case 0xFE31:
    case 0xFE33:
        return true;
    default:
        return cp >= 0xFE10 && cp <= 0xFE19; /* vertical forms */
    }
}

bool nb_utf8_is_digit(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

uint32_t nb_utf8_fold(uint32_t cp)
{
    if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
        (cp >= 0xFF41 && cp <= 0xFF5A))
        return cp - 0xFEE0;
    return cp;
}

size_t nb_utf8_fold_copy(const char *s, size_t len, char *out, size_t out_size)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t need = 0, written = 0, adv;
    for (size_t i = 0; i < len; i += adv) {
        char buf[4];
        size_t n;
        int32_t cp = nb_utf8_decode(p + i, len - i, &adv);
        if (cp == NB_UTF8_INVALID) {
            n = adv;
            for (size_t k = 0; k < n; k++) buf[k] = (char)p[i + k];
        } else {
            n = nb_utf8_encode(nb_utf8_fold((uint32_t)cp), buf);
        }
        /* Never cut a character: once one does not fit, nothing more is written. */
        if (written == need && need + n < out_size) {
            for (size_t k = 0; k < n; k++) out[written++] = buf[k];
        }
        need += n;
    }
    if (out_size > 0) out[written] = '\0';
    return need;
}

int nb_utf8_repair(const char *s, size_t len, char **out, size_t *out_len)
{
    *out = NULL;
    if (nb_utf8_validate((const unsigned char *)s, len) == len) return 0;
    char *buf = malloc(3 * len + 1);
    if (!buf) return -1;
    size_t n = 0, adv;
    for (size_t i = 0; i < len; i += adv) {
        if (nb_utf8_decode((const unsigned char *)s + i, len - i, &adv) == NB_UTF8_INVALID) {
            memcpy(buf + n, "\xEF\xBF\xBD", 3);
            n += 3;
        } else {
            memcpy(buf + n, s + i, adv);
            n += adv;
        }
    }
    buf[n] = '\0';
    *out = buf;
    if (out_len) *out_len = n;
    return 1;
}
