/*
 * numeral.c — numbers in table cells and prose: digits (ASCII and full-width, thousands
 * separators, decimals), Chinese numerals (三, 十二, 二十余, 一百零五, 两千, 二〇一七), the
 * multipliers 万 and 亿, qualifiers (余 多 以上 超过 逾 近 以下 以内 不足 不到 约 左右 上下)
 * and units.
 *
 * Values are exact: an integer and a power of ten, so 0.5 万元 compares with 0.5 at the printed
 * precision and never through binary floating point. Nothing here allocates or keeps state.
 */
#include "numeral.h"

#include "utf8.h"

#include <stdio.h>
#include <string.h>

#define MAX_DIGITS 18 /* more significant digits than int64 holds safely */

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *adv)
{
    if (i >= len) {
        *adv = 0;
        return 0;
    }
    int32_t cp = nb_utf8_decode((const unsigned char *)s + i, len - i, adv);
    return cp < 0 ? 0xFFFD : (uint32_t)cp;
}

static bool starts(const char *s, size_t len, size_t i, const char *word)
{
    size_t n = strlen(word);
    return i + n <= len && memcmp(s + i, word, n) == 0;
}

static size_t skip_spaces(const char *s, size_t len, size_t i)
{
    size_t adv;
    while (i < len) {
        uint32_t cp = cp_at(s, len, i, &adv);
        if (cp != ' ' && cp != 0x3000 && cp != 0xA0 && cp != '\t') break;
        i += adv;
    }
    return i;
}

const char *nb_cell_status_name(nb_cell_status s)
{
    static const char *const names[] = {"number", "zero", "blank", "not_applicable", "text"};
    return (size_t)s < sizeof names / sizeof names[0] ? names[s] : "unknown";
}

const char *nb_qualifier_name(nb_qualifier q)
{
    static const char *const names[] = {"exact",   "at_least",  "more_than",
                                        "at_most", "less_than", "about"};
    return (size_t)q < sizeof names / sizeof names[0] ? names[q] : "unknown";
}

/* ---- digits ------------------------------------------------------------------------------ */

static int ascii_digit(uint32_t cp)
{
    cp = nb_utf8_fold(cp);
    return cp >= '0' && cp <= '9' ? (int)(cp - '0') : -1;
}

static void push_digit(nb_number *n, int d, size_t *sig)
{
    if (n->units == 0 && d == 0 && !n->decimals) return;
    if (++*sig > MAX_DIGITS) {
        n->overflow = true;
        return;
    }
    n->units = n->units * 10 + d;
}

/* Digits with optional thousands separators and a decimal part. */
static size_t parse_digits(const char *s, size_t len, size_t i, nb_number *n)
{
    size_t start = i, adv, sig = 0;
    bool any = false;
    while (i < len) {
        uint32_t cp = cp_at(s, len, i, &adv);
        int d = ascii_digit(cp);
        if (d >= 0) {
            push_digit(n, d, &sig);
            any = true;
            i += adv;
            continue;
        }
        if ((cp == ',' || cp == 0xFF0C) && any && !n->decimals) {
            /* a separator only when exactly three digits follow */
            size_t k = i + adv, a2, count = 0;
            while (count < 4 && ascii_digit(cp_at(s, len, k, &a2)) >= 0) k += a2, count++;
            if (count != 3) break;
            i += adv;
            continue;
        }
        break;
    }
    if (!any) return 0;
    uint32_t cp = cp_at(s, len, i, &adv);
    if ((cp == '.' || cp == 0xFF0E) && ascii_digit(cp_at(s, len, i + adv, &(size_t){0})) >= 0) {
        i += adv;
        while (ascii_digit(cp = cp_at(s, len, i, &adv)) >= 0) {
            if (n->decimals < 9) {
                push_digit(n, ascii_digit(cp), &sig);
                n->decimals++;
            }
            i += adv;
        }
    }
    return i - start;
}

/* ---- Chinese numerals -------------------------------------------------------------------- */

static int cn_digit(uint32_t cp)
{
    switch (cp) {
    case 0x96F6: /* 零 */
    case 0x3007: /* 〇 */
    case 0x25CB: /* ○, in old GB2312 files */
        return 0;
    case 0x4E00:
        return 1; /* 一 */
    case 0x4E8C:  /* 二 */
    case 0x4E24:
        return 2; /* 两 */
    case 0x4E09:
        return 3;
    case 0x56DB:
        return 4;
    case 0x4E94:
        return 5;
    case 0x516D:
        return 6;
    case 0x4E03:
        return 7;
    case 0x516B:
        return 8;
    case 0x4E5D:
        return 9;
    default:
        return -1;
    }
}

static int cn_unit(uint32_t cp)
{
    switch (cp) {
    case 0x5341:
        return 10; /* 十 */
    case 0x767E:
        return 100; /* 百 */
    case 0x5343:
        return 1000; /* 千 */
    default:
        return 0;
    }
}

static bool is_wan(uint32_t cp)
{
    return cp == 0x4E07; /* 万 */
}

static bool is_yi(uint32_t cp)
{
    return cp == 0x4EBF; /* 亿 */
}

/* 二〇一七, 二○一七, 二O一七, 二0一七: a year written digit by digit. */
static size_t parse_cn_digit_run(const char *s, size_t len, size_t i, nb_number *n)
{
    size_t start = i, adv, count = 0, sig = 0;
    while (i < len) {
        uint32_t cp = cp_at(s, len, i, &adv);
        int d = cn_digit(cp);
        if (d < 0 && count > 0 && (cp == 'O' || cp == '0' || cp == 0xFF10)) d = 0;
        if (d < 0 || cp == 0x4E24) break;
        push_digit(n, d, &sig);
        count++;
        i += adv;
    }
    return count >= 2 ? i - start : 0;
}

/* 三, 十二, 二十, 一百零五, 两千三百, 三万五千, 十万: the positional form. */
static size_t parse_cn_positional(const char *s, size_t len, size_t i, nb_number *n)
{
    size_t start = i, adv;
    int64_t total = 0, section = 0, digit = 0;
    bool any = false, pending_digit = false;
    while (i < len) {
        uint32_t cp = cp_at(s, len, i, &adv);
        int d = cn_digit(cp), u = cn_unit(cp);
        if (d >= 0) {
            digit = d;
            pending_digit = true;
        } else if (u) {
            if (!pending_digit && (u == 10 || !any)) digit = 1; /* 十二, 千 alone (逾千) */
            section += digit * u;
            digit = 0;
            pending_digit = false;
        } else if ((is_wan(cp) || is_yi(cp)) && any) {
            /* 万元 and 亿元 are units: stop before them */
            if (starts(s, len, i + adv, "元")) break;
            /* 万 scales the section before it; 亿 scales everything before it (一万亿) */
            section += digit;
            if (is_wan(cp))
                total += section * 10000;
            else
                total = (total + section) * 100000000;
            section = digit = 0;
            pending_digit = false;
        } else {
            break;
        }
        any = true;
        i += adv;
        if (total > INT64_MAX / 100000000 || section > INT64_MAX / 1000) {
            n->overflow = true;
            break;
        }
    }
    if (!any) return 0;
    n->units = total + section + digit;
    return i - start;
}

/* ---- qualifiers and units ---------------------------------------------------------------- */

static const struct {
    const char *word;
    nb_qualifier q;
} PREFIXES[] = {
    {"超过", NB_QUAL_MORE}, {"逾", NB_QUAL_MORE},    {"不足", NB_QUAL_LESS},
    {"不到", NB_QUAL_LESS}, {"近", NB_QUAL_AT_MOST}, {"约", NB_QUAL_ABOUT},
};

static const struct {
    const char *word;
    nb_qualifier q;
} SUFFIXES[] = {
    {"以上", NB_QUAL_AT_LEAST}, {"左右", NB_QUAL_ABOUT},   {"上下", NB_QUAL_ABOUT},
    {"以下", NB_QUAL_AT_MOST},  {"以内", NB_QUAL_AT_MOST},
};

/* Longest first, so that 人次 wins over 人 and 万元 over 万. */
static const char *const UNITS[] = {"人次", "万元", "亿元", "条", "篇", "件", "次", "人", "个",
                                    "期",   "场",   "项",   "家", "份", "元", "%",  "％"};

static size_t parse_unit(const char *s, size_t len, size_t i, nb_number *n)
{
    for (size_t k = 0; k < sizeof UNITS / sizeof UNITS[0]; k++) {
        if (!starts(s, len, i, UNITS[k])) continue;
        bool pct = UNITS[k][0] == '%' || strcmp(UNITS[k], "％") == 0;
        snprintf(n->unit, sizeof n->unit, "%s", pct ? "%" : UNITS[k]);
        n->percent = pct;
        return strlen(UNITS[k]);
    }
    return 0;
}

/* The number itself: digits (with 万/亿 as multipliers) or a Chinese numeral. */
static size_t parse_value(const char *s, size_t len, size_t i, nb_number *n)
{
    size_t k = parse_digits(s, len, i, n), adv;
    if (k) {
        uint32_t cp = cp_at(s, len, i + k, &adv);
        if ((is_wan(cp) || is_yi(cp)) && !starts(s, len, i + k + adv, "元")) {
            int64_t mul = is_wan(cp) ? 10000 : 100000000;
            for (int d = n->decimals; d > 0 && mul % 10 == 0; d--) mul /= 10, n->decimals--;
            if (n->units > INT64_MAX / mul)
                n->overflow = true;
            else
                n->units *= mul;
            k += adv;
        }
        return k;
    }
    if ((k = parse_cn_digit_run(s, len, i, n))) return k;
    nb_qualifier q = n->qualifier;
    memset(n, 0, sizeof *n);
    n->qualifier = q;
    return parse_cn_positional(s, len, i, n);
}

size_t nb_numeral_parse(const char *s, size_t len, nb_number *out)
{
    nb_number n;
    memset(&n, 0, sizeof n);
    size_t i = skip_spaces(s, len, 0);
    for (size_t k = 0; k < sizeof PREFIXES / sizeof PREFIXES[0]; k++) {
        if (starts(s, len, i, PREFIXES[k].word)) {
            n.qualifier = PREFIXES[k].q;
            i = skip_spaces(s, len, i + strlen(PREFIXES[k].word));
            break;
        }
    }
    size_t v = parse_value(s, len, i, &n);
    if (!v) return 0;
    nb_qualifier q = n.qualifier;
    memset(&n.unit, 0, sizeof n.unit);
    n.qualifier = q;
    i += v;
    size_t j = skip_spaces(s, len, i);
    if (starts(s, len, j, "余") || starts(s, len, j, "多")) {
        n.qualifier = NB_QUAL_AT_LEAST;
        i = j + 3;
        j = skip_spaces(s, len, i);
    }
    size_t u = parse_unit(s, len, j, &n);
    if (u) i = j + u;
    j = skip_spaces(s, len, i);
    for (size_t k = 0; k < sizeof SUFFIXES / sizeof SUFFIXES[0]; k++) {
        if (starts(s, len, j, SUFFIXES[k].word)) {
            n.qualifier = SUFFIXES[k].q;
            i = j + strlen(SUFFIXES[k].word);
            break;
        }
    }
    *out = n;
    return i;
}

/* ---- cells ------------------------------------------------------------------------------- */

static bool is_not_applicable(const char *s, size_t len)
{
    static const char *const marks[] = {"—",  "——", "-",  "--", "—-",     "/",  "／",
                                        "－", "―",  "――", "─",  "不适用", "无", "/ "};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (strlen(marks[k]) == len && memcmp(s, marks[k], len) == 0) return true;
    return false;
}

nb_cell_status nb_numeral_cell(const char *s, size_t len, nb_number *out)
{
    memset(out, 0, sizeof *out);
    size_t i = skip_spaces(s, len, 0), adv;
    /* trailing blanks (U+3000, NBSP, spaces) */
    size_t end = len;
    while (end > i) {
        size_t k = end - 1;
        while (k > i && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
        uint32_t cp = cp_at(s, len, k, &adv);
        if (!nb_utf8_is_space(cp)) break;
        end = k;
    }
    if (i == end) return NB_CELL_BLANK;
    if (is_not_applicable(s + i, end - i)) return NB_CELL_NOT_APPLICABLE;
    if (end - i == 3 && memcmp(s + i, "零", 3) == 0) return NB_CELL_ZERO;
    nb_number n;
    size_t used = nb_numeral_parse(s + i, end - i, &n);
    /* a cell is a number only when the number is all of it (a unit may follow) */
    if (used != end - i || ascii_digit(cp_at(s, len, i, &adv)) < 0 || n.qualifier) {
        return NB_CELL_TEXT;
    }
    *out = n;
    return n.units == 0 && !n.overflow ? NB_CELL_ZERO : NB_CELL_NUMBER;
}

/* ---- comparison -------------------------------------------------------------------------- */

static long double as_long_double(const nb_number *n)
{
    long double v = (long double)n->units;
    for (int d = 0; d < n->decimals; d++) v /= 10;
    return v;
}

double nb_number_double(const nb_number *n)
{
    return (double)as_long_double(n);
}

/* Brings a and b to the same scale when that is exact; false when it would overflow. */
static bool same_scale(const nb_number *a, const nb_number *b, int64_t *x, int64_t *y)
{
    *x = a->units;
    *y = b->units;
    for (int d = a->decimals; d < b->decimals; d++) {
        if (*x > INT64_MAX / 10 || *x < INT64_MIN / 10) return false;
        *x *= 10;
    }
    for (int d = b->decimals; d < a->decimals; d++) {
        if (*y > INT64_MAX / 10 || *y < INT64_MIN / 10) return false;
        *y *= 10;
    }
    return true;
}

nb_number nb_number_add(const nb_number *a, const nb_number *b)
{
    nb_number r;
    memset(&r, 0, sizeof r);
    r.decimals = a->decimals > b->decimals ? a->decimals : b->decimals;
    int64_t x, y;
    if (a->overflow || b->overflow || !same_scale(a, b, &x, &y) || (y > 0 && x > INT64_MAX - y) ||
        (y < 0 && x < INT64_MIN - y)) {
        r.overflow = true;
        return r;
    }
    r.units = x + y;
    return r;
}

int nb_number_compare(const nb_number *a, const nb_number *b)
{
    int64_t x, y;
    if (same_scale(a, b, &x, &y)) return (x > y) - (x < y);
    long double p = as_long_double(a), q = as_long_double(b);
    return (p > q) - (p < q);
}

const char *nb_number_format(const nb_number *n, char *buf, size_t size)
{
    if (n->overflow) {
        snprintf(buf, size, "(too large)");
        return buf;
    }
    char digits[32];
    snprintf(digits, sizeof digits, "%lld", (long long)(n->units < 0 ? -n->units : n->units));
    size_t nd = strlen(digits);
    const char *sign = n->units < 0 ? "-" : "";
    if (n->decimals == 0) {
        snprintf(buf, size, "%s%s", sign, digits);
    } else if ((size_t)n->decimals >= nd) {
        char zeros[16] = "";
        size_t nz = (size_t)n->decimals - nd;
        memset(zeros, '0', nz < sizeof zeros - 1 ? nz : sizeof zeros - 1);
        snprintf(buf, size, "%s0.%s%s", sign, zeros, digits);
    } else {
        snprintf(buf, size, "%s%.*s.%s", sign, (int)(nd - (size_t)n->decimals), digits,
                 digits + nd - (size_t)n->decimals);
    }
    return buf;
}

bool nb_number_agrees(const nb_number *prose, const nb_number *table)
{
    if (prose->overflow || table->overflow) return true; /* cannot tell: never cry wolf */
    int c = nb_number_compare(table, prose);
    switch (prose->qualifier) {
    case NB_QUAL_EXACT:
        return c == 0;
    case NB_QUAL_AT_LEAST:
        return c >= 0;
    case NB_QUAL_MORE:
        return c > 0;
    case NB_QUAL_AT_MOST:
        return c <= 0;
    case NB_QUAL_LESS:
        return c < 0;
    case NB_QUAL_ABOUT: {
        long double p = as_long_double(prose), t = as_long_double(table);
        long double d = p > t ? p - t : t - p;
        return d <= 0.1L * (p < 0 ? -p : p);
    }
    }
    return true;
}
