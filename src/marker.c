/*
 * marker.c — enumeration markers and Chinese ordinals (see marker.h).
 *
 * Must not: allocate, or decide from context whether a marker line is a heading.
 */
#include "marker.h"

#include "text.h"
#include "utf8.h"

int marker_cn_digit(unsigned cp)
{
    static const unsigned digits[] = {0x96F6, 0x4E00, 0x4E8C, 0x4E09, 0x56DB,
                                      0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D}; /* 零一…九 */
    for (int i = 0; i < 10; i++)
        if (digits[i] == cp) return i;
    return -1;
}

size_t marker_cn_ordinal(const char *s, size_t len, int *out)
{
    size_t i = 0, adv = 0;
    int value = 0, d;
    uint32_t cp = i < len ? text_cp_at(s, len, i, &adv) : 0;
    if ((d = marker_cn_digit(cp)) > 0) {
        value = d;
        i += adv;
        cp = i < len ? text_cp_at(s, len, i, &adv) : 0;
    }
    if (cp == 0x5341) { /* 十 */
        value = (value ? value : 1) * 10;
        i += adv;
        cp = i < len ? text_cp_at(s, len, i, &adv) : 0;
        if ((d = marker_cn_digit(cp)) > 0) {
            value += d;
            i += adv;
        }
    }
    *out = value;
    return value ? i : 0;
}

size_t marker_digits(const char *s, size_t len, int *out)
{
    size_t i = 0, adv;
    int v = 0;
    while (i < len && i < 6) {
        uint32_t cp = nb_utf8_fold(text_cp_at(s, len, i, &adv));
        if (cp < '0' || cp > '9') break;
        v = v * 10 + (int)(cp - '0');
        i += adv;
    }
    *out = v;
    return i;
}

nb_marker marker_parse(const char *s, size_t len)
{
    nb_marker m = {0, 0, false, 0};
    size_t n;
    int v;
    if ((n = marker_cn_ordinal(s, len, &v))) {
        if (text_starts_with(s + n, len - n, "、"))
            m = (nb_marker){1, v, false, n + 3};
        else if (text_starts_with(s + n, len - n, "是"))
            m = (nb_marker){0, v, true, n + 3};
        return m;
    }
    size_t open = text_starts_with(s, len, "（") ? 3 : text_starts_with(s, len, "(") ? 1 : 0;
    if (open) {
        int level = 2;
        n = marker_cn_ordinal(s + open, len - open, &v);
        if (!n) {
            n = marker_digits(s + open, len - open, &v);
            level = 4;
        }
        if (!n || v == 0) return m;
        size_t i = open + n;
        size_t close = text_starts_with(s + i, len - i, "）")  ? 3
                       : text_starts_with(s + i, len - i, ")") ? 1
                                                               : 0;
        if (close) m = (nb_marker){level, v, false, i + close};
        return m;
    }
    n = marker_digits(s, len, &v);
    if (n && n <= 6 && v > 0) {
        size_t adv;
        size_t dot = text_starts_with(s + n, len - n, ".")    ? 1
                     : text_starts_with(s + n, len - n, "、") ? 3
                     : text_starts_with(s + n, len - n, "．") ? 3
                                                              : 0;
        if (!dot) return m;
        if (n + dot < len && nb_utf8_is_digit(text_cp_at(s, len, n + dot, &adv)))
            return m; /* 1.5 */
        m = (nb_marker){3, v, false, n + dot};
    }
    return m;
}
