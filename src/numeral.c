/*
 * numeral.c — numbers in table cells and prose: digits (ASCII and full-width, thousands
 * separators, decimals), Chinese numerals (三, 十二, 二十余, 一百零五, 两千, 二〇一七), the
 * multipliers 万 and 亿, qualifiers, units, the quantities of a sentence, and cell status.
 *
 * Values are exact (an integer and a power of ten), so 0.5 万元 compares with 0.5 at the printed
 * precision and never through binary floating point. Everything works on the caller's bytes:
 * nothing here allocates, keeps state or reads past len, whatever the bytes are.
 */
#include "numeral.h"

#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_UNITS ((int64_t)999999999999999999) /* 18 nines */
#define MAX_GAP   8 /* blanks allowed between the parts of a figure ("3119 件") */

/* 10^k, for 0 <= k <= NB_NUMBER_MAX_DIGITS. */
static int64_t pow10_of(int k)
{
    int64_t p = 1;
    while (k-- > 0) p *= 10;
    return p;
}

/* What the scanner needs to know about a match beyond the number itself. */
typedef struct parse_info {
    size_t prefix_len;  /* bytes of a leading qualifier and the blanks after it */
    size_t prefix_word; /* bytes of the qualifier word alone */
    bool bare; /* a Chinese numeral that starts with 百/千/万/亿 (逾千, 千家万户) */
    size_t plain_digits; /* digits written, when the number is a plain integer (for years) */
} parse_info;

/* ---- characters -------------------------------------------------------------------------- */

static uint32_t cp_at(const char *s, size_t len, size_t i, size_t *adv)
{
    if (i >= len) {
        *adv = 0;
        return 0;
    }
    int32_t cp = nb_utf8_decode((const unsigned char *)s + i, len - i, adv);
    return cp == NB_UTF8_INVALID ? 0xFFFD : (uint32_t)cp;
}

/* The code point that ends just before i and its length in *back (0 and 0 at the start or
 * after an invalid byte). */
static uint32_t cp_before_len(const char *s, size_t i, size_t *back)
{
    size_t n = 1, adv;
    *back = 0;
    while (n < 4 && n < i && ((unsigned char)s[i - n] & 0xC0) == 0x80) n++;
    if (n > i) return 0;
    uint32_t cp = cp_at(s, i, i - n, &adv);
    if (adv != n) return 0;
    *back = n;
    return cp;
}

static uint32_t cp_before(const char *s, size_t i)
{
    size_t back;
    return cp_before_len(s, i, &back);
}

static bool has_word(const char *s, size_t len, size_t i, const char *word)
{
    /* (the first two bytes first: it is asked at every position of a text) */
    if (i >= len || s[i] != word[0] ||
        (word[0] && word[1] && (i + 1 >= len || s[i + 1] != word[1])))
        return !word[0] && i <= len;
    size_t n = strlen(word);
    return n <= len - i && memcmp(s + i, word, n) == 0;
}

/* Whether cp is one of the characters of set (UTF-8). */
static bool cp_in(uint32_t cp, const char *set)
{
    size_t n = strlen(set), adv;
    for (size_t i = 0; i < n; i += adv)
        if (cp_at(set, n, i, &adv) == cp) return true;
    return false;
}

/* Skips a few blanks (at most one line break) between two parts of a figure. Returns i itself
 * when the run is longer: columns of an aligned table are not one figure. */
static size_t skip_gap(const char *s, size_t len, size_t i)
{
    size_t j = i, adv, count = 0, breaks = 0;
    while (j < len) {
        uint32_t cp = cp_at(s, len, j, &adv);
        if (!nb_utf8_is_space(cp)) break;
        if (cp == '\n') breaks++;
        if (breaks > 1 || ++count > MAX_GAP) return i;
        j += adv;
    }
    return j;
}

static int digit_at(const char *s, size_t len, size_t i, size_t *adv)
{
    uint32_t cp = nb_utf8_fold(cp_at(s, len, i, adv));
    return cp >= '0' && cp <= '9' ? (int)(cp - '0') : -1;
}

typedef enum cn_kind { CN_NONE, CN_DIGIT, CN_ZERO, CN_SMALL, CN_BIG } cn_kind;

/* Chinese numeral characters: a digit's value, or a unit's power of ten. */
static const struct cn_char {
    uint32_t cp;
    cn_kind kind;
    int val;
} CN_CHARS[] = {
    {0x4E00, CN_DIGIT, 1}, /* 一 */
    {0x4E8C, CN_DIGIT, 2}, /* 二 */
    {0x4E09, CN_DIGIT, 3}, /* 三 */
    {0x56DB, CN_DIGIT, 4}, /* 四 */
    {0x4E94, CN_DIGIT, 5}, /* 五 */
    {0x516D, CN_DIGIT, 6}, /* 六 */
    {0x4E03, CN_DIGIT, 7}, /* 七 */
    {0x516B, CN_DIGIT, 8}, /* 八 */
    {0x4E5D, CN_DIGIT, 9}, /* 九 */
    {0x4E24, CN_DIGIT, 2}, /* 两 */
    {0x5169, CN_DIGIT, 2}, /* 兩 */
    {0x96F6, CN_ZERO, 0},  /* 零 */
    {0x3007, CN_ZERO, 0},  /* 〇 */
    {0x25CB, CN_ZERO, 0},  /* ○ */
    {0x25EF, CN_ZERO, 0},  /* ◯ */
    {0x5341, CN_SMALL, 1}, /* 十 */
    {0x767E, CN_SMALL, 2}, /* 百 */
    {0x5343, CN_SMALL, 3}, /* 千 */
    {0x4E07, CN_BIG, 4},   /* 万 */
    {0x842C, CN_BIG, 4},   /* 萬 */
    {0x4EBF, CN_BIG, 8},   /* 亿 */
    {0x5104, CN_BIG, 8},   /* 億 */
};

static cn_kind cn_classify(uint32_t cp, int *val)
{
    for (size_t k = 0; k < sizeof CN_CHARS / sizeof CN_CHARS[0]; k++) {
        if (CN_CHARS[k].cp == cp) {
            *val = CN_CHARS[k].val;
            return CN_CHARS[k].kind;
        }
    }
    *val = 0;
    return CN_NONE;
}

/* 两 is 2 in 两千 but never a digit of a year written digit by digit. */
static bool is_liang(uint32_t cp)
{
    return cp == 0x4E24 || cp == 0x5169;
}

static cn_kind cn_at(const char *s, size_t len, size_t i, int *val, size_t *adv)
{
    return cn_classify(cp_at(s, len, i, adv), val);
}

/* ---- exact values ------------------------------------------------------------------------ */

static bool value_valid(nb_number_value v)
{
    return !v.overflow && v.decimals >= 0 && v.decimals <= NB_NUMBER_MAX_DIGITS &&
           v.units <= MAX_UNITS && v.units >= -MAX_UNITS;
}

/* Multiplies v by 10^k (万 is k = 4), using up decimals first. */
static void value_shift(nb_number_value *v, int k)
{
    if (v->overflow) return;
    if (v->decimals >= k) {
        v->decimals -= k;
        return;
    }
    k -= v->decimals;
    v->decimals = 0;
    int64_t a = v->units < 0 ? -v->units : v->units;
    if (k > NB_NUMBER_MAX_DIGITS || a > MAX_UNITS / pow10_of(k)) {
        v->overflow = true;
        return;
    }
    v->units *= pow10_of(k);
}

/* Writes v with `decimals` decimals (not fewer than it has); false when it does not fit. */
static bool value_rescale(nb_number_value *v, int decimals)
{
    int k = decimals - v->decimals;
    if (k < 0 || decimals > NB_NUMBER_MAX_DIGITS) return false;
    int64_t a = v->units < 0 ? -v->units : v->units;
    if (a > MAX_UNITS / pow10_of(k)) return false;
    v->units *= pow10_of(k);
    v->decimals = decimals;
    return true;
}

int nb_number_value_compare(nb_number_value a, nb_number_value b)
{
    bool ia = !value_valid(a), ib = !value_valid(b);
    if (ia || ib) return (ia > ib) - (ia < ib);
    int64_t pa = pow10_of(a.decimals), pb = pow10_of(b.decimals);
    int64_t whole_a = a.units / pa, whole_b = b.units / pb;
    if (whole_a != whole_b) return whole_a < whole_b ? -1 : 1;
    /* Both fractions below 10^decimals, so at 18 decimals they still fit. */
    int64_t frac_a = (a.units % pa) * pow10_of(NB_NUMBER_MAX_DIGITS - a.decimals);
    int64_t frac_b = (b.units % pb) * pow10_of(NB_NUMBER_MAX_DIGITS - b.decimals);
    return (frac_a > frac_b) - (frac_a < frac_b);
}

int nb_number_compare(const nb_number *a, const nb_number *b)
{
    return nb_number_value_compare(a->value, b->value);
}

double nb_number_value_double(nb_number_value v)
{
    if (!value_valid(v)) return HUGE_VAL;
    return (double)v.units / (double)pow10_of(v.decimals);
}

double nb_number_double(const nb_number *n)
{
    return nb_number_value_double(n->value);
}

nb_number nb_number_add(const nb_number *a, const nb_number *b)
{
    nb_number r;
    memset(&r, 0, sizeof r);
    r.unit_kind = a->unit_kind;
    memcpy(r.unit, a->unit, sizeof r.unit);
    r.unit[sizeof r.unit - 1] = '\0';
    nb_number_value x = a->value, y = b->value;
    int d = x.decimals > y.decimals ? x.decimals : y.decimals;
    if (!value_valid(x) || !value_valid(y) || !value_rescale(&x, d) || !value_rescale(&y, d) ||
        (y.units > 0 && x.units > MAX_UNITS - y.units) ||
        (y.units < 0 && x.units < -MAX_UNITS - y.units)) {
        r.overflow = true;
        return r;
    }
    r.units = x.units + y.units;
    r.decimals = d;
    return r;
}

const char *nb_number_format(const nb_number *n, char *buf, size_t size)
{
    if (size == 0) return buf;
    nb_number_value v = n->value;
    if (!value_valid(v)) {
        snprintf(buf, size, "overflow");
        return buf;
    }
    /* the digits written backwards, at least one before the point (what "%.*f" of the exact
     * decimal would print; by hand: the PDF's tables format every bound cell) */
    uint64_t a = v.units < 0 ? (uint64_t)-v.units : (uint64_t)v.units;
    char tmp[48], *q = tmp + sizeof tmp;
    int digits = 0;
    do {
        *--q = (char)('0' + a % 10);
        a /= 10;
        if (++digits == v.decimals) *--q = '.';
    } while (a || digits <= v.decimals);
    if (v.units < 0) *--q = '-';
    size_t len = (size_t)(tmp + sizeof tmp - q);
    if (len >= size) len = size - 1; /* (cut as snprintf cuts) */
    memcpy(buf, q, len);
    buf[len] = '\0';
    return buf;
}

/* |t - p| <= 10 % of |p|, exactly when p * 1.1 fits, else in floating point. */
static bool within_a_tenth(nb_number_value p, nb_number_value t)
{
    int64_t a = p.units < 0 ? -p.units : p.units;
    if (p.decimals < NB_NUMBER_MAX_DIGITS && a <= MAX_UNITS / 11) {
        nb_number_value lo = {a * 9, p.decimals + 1, false}, hi = {a * 11, p.decimals + 1, false};
        if (p.units < 0) {
            lo.units = -a * 11;
            hi.units = -a * 9;
        }
        return nb_number_value_compare(t, lo) >= 0 && nb_number_value_compare(t, hi) <= 0;
    }
    double pd = nb_number_value_double(p), td = nb_number_value_double(t);
    return fabs(td - pd) <= fabs(pd) / 10;
}

bool nb_number_compatible(const nb_number *prose, const nb_number_value table_value)
{
    if (!prose) return false;
    if (!value_valid(prose->value) || !value_valid(table_value)) return true;
    int c = nb_number_value_compare(table_value, prose->value);
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
    case NB_QUAL_ABOUT:
        return within_a_tenth(prose->value, table_value);
    }
    return false;
}

bool nb_number_agrees(const nb_number *prose, const nb_number *table)
{
    return table && nb_number_compatible(prose, table->value);
}

/* ---- names ------------------------------------------------------------------------------- */

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

static const char *const UNIT_TEXT[] = {"",   "条", "篇", "件",   "次",   "人次", "人",
                                        "个", "期", "场", "项",   "家",   "份",   "名",
                                        "位", "户", "元", "万元", "亿元", "%"};

const char *nb_unit_text(nb_unit u)
{
    return (size_t)u < sizeof UNIT_TEXT / sizeof UNIT_TEXT[0] ? UNIT_TEXT[u] : "";
}

/* ---- words around the number ------------------------------------------------------------- */

typedef struct word {
    const char *text;
    int value; /* an nb_qualifier or an nb_unit */
} word;

/* Longest first where one word starts another (不超过 before 超过, 人次 before 人). */
static const word PREFIXES[] = {
    {"不超过", NB_QUAL_AT_MOST}, {"不少于", NB_QUAL_AT_LEAST}, {"至少", NB_QUAL_AT_LEAST},
    {"超过", NB_QUAL_MORE},      {"不足", NB_QUAL_LESS},       {"不到", NB_QUAL_LESS},
    {"将近", NB_QUAL_AT_MOST},   {"接近", NB_QUAL_AT_MOST},    {"大约", NB_QUAL_ABOUT},
    {"近", NB_QUAL_AT_MOST},     {"约", NB_QUAL_ABOUT},        {"逾", NB_QUAL_MORE},
    {"超", NB_QUAL_MORE},
};

static const word SUFFIXES[] = {
    {"以上", NB_QUAL_AT_LEAST}, {"以下", NB_QUAL_AT_MOST}, {"以内", NB_QUAL_AT_MOST},
    {"左右", NB_QUAL_ABOUT},    {"上下", NB_QUAL_ABOUT},
};

static const word UNITS[] = {
    {"人次", NB_UNIT_RENCI},   {"万元", NB_UNIT_WAN_YUAN}, {"萬元", NB_UNIT_WAN_YUAN},
    {"亿元", NB_UNIT_YI_YUAN}, {"億元", NB_UNIT_YI_YUAN},  {"条", NB_UNIT_TIAO},
    {"條", NB_UNIT_TIAO},      {"篇", NB_UNIT_PIAN},       {"件", NB_UNIT_JIAN},
    {"次", NB_UNIT_CI},        {"人", NB_UNIT_REN},        {"个", NB_UNIT_GE},
    {"個", NB_UNIT_GE},        {"期", NB_UNIT_QI},         {"场", NB_UNIT_CHANG},
    {"場", NB_UNIT_CHANG},     {"项", NB_UNIT_XIANG},      {"項", NB_UNIT_XIANG},
    {"家", NB_UNIT_JIA},       {"份", NB_UNIT_FEN},        {"名", NB_UNIT_MING},
    {"位", NB_UNIT_WEI},       {"户", NB_UNIT_HU},         {"戶", NB_UNIT_HU},
    {"元", NB_UNIT_YUAN},      {"%", NB_UNIT_PERCENT},     {"％", NB_UNIT_PERCENT},
};

/* A unit character that starts another word is not a unit: 3条例 is not 3 条. */
static const char *const NOT_UNITS[] = {"条例", "条款", "条件", "次性", "期间",
                                        "期限", "元旦", "元素", "名称", "名单"};

size_t nb_numeral_regex(bool named, char *out, size_t size)
{
    /* The qualifiers before the number are PREFIXES, longest first as listed, so that the
     * alternation tries 不超过 before 超过; the suffixes 余 and 多 may follow the digits. */
    size_t n = 0;
    int w = snprintf(out, size, "(%s(?:", named ? "?<num>" : "?:");
    n += w > 0 ? (size_t)w : 0;
    for (size_t k = 0; k < sizeof PREFIXES / sizeof PREFIXES[0]; k++) {
        w = snprintf(n < size ? out + n : NULL, n < size ? size - n : 0, "%s%s", k ? "|" : "",
                     PREFIXES[k].text);
        n += w > 0 ? (size_t)w : 0;
    }
    w = snprintf(n < size ? out + n : NULL, n < size ? size - n : 0, "%s",
                 ")?\\s*(?:[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?|"
                 "[零〇一二两三四五六七八九十百千万亿]+)(?:\\s*[余多])?)");
    n += w > 0 ? (size_t)w : 0;
    return n;
}

/* Index of the word of list at s[i..], -1 when none. */
static int match_word(const char *s, size_t len, size_t i, const word *list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (has_word(s, len, i, list[k].text)) return (int)k;
    return -1;
}

static int match_unit(const char *s, size_t len, size_t i)
{
    int k = match_word(s, len, i, UNITS, sizeof UNITS / sizeof UNITS[0]);
    if (k < 0) return -1;
    for (size_t j = 0; j < sizeof NOT_UNITS / sizeof NOT_UNITS[0]; j++)
        if (has_word(s, len, i, NOT_UNITS[j])) return -1;
    return k;
}

nb_unit nb_numeral_unit(const char *s, size_t len)
{
    for (size_t k = 0; k < sizeof UNITS / sizeof UNITS[0]; k++)
        if (strlen(UNITS[k].text) == len && memcmp(s, UNITS[k].text, len) == 0)
            return (nb_unit)UNITS[k].value;
    return NB_UNIT_NONE;
}

/* 万 or 亿 at i, read as a multiplier: not when 元 follows, as 万元 is a unit of its own. */
static int multiplier_at(const char *s, size_t len, size_t i, size_t *adv)
{
    int val;
    if (cn_at(s, len, i, &val, adv) != CN_BIG) return 0;
    size_t adv2;
    if (cp_at(s, len, i + *adv, &adv2) == 0x5143 /* 元 */) return 0;
    return val;
}

/* ---- digits ------------------------------------------------------------------------------ */

/* Appends a digit; *sig counts significant digits so far. */
static void push_digit(nb_number_value *v, int *sig, int d, bool fraction)
{
    if (fraction) {
        if (v->decimals == NB_NUMBER_MAX_DIGITS) {
            v->overflow = true;
            return;
        }
        v->decimals++;
    }
    if (*sig == 0 && d == 0) return;
    if (*sig == NB_NUMBER_MAX_DIGITS || v->overflow) {
        v->overflow = true;
        return;
    }
    (*sig)++;
    v->units = v->units * 10 + d;
}

/* Exactly three digits at i and no fourth: what may follow a thousands separator. */
static bool digit_group_at(const char *s, size_t len, size_t i)
{
    size_t adv;
    for (int k = 0; k < 3; k++) {
        if (digit_at(s, len, i, &adv) < 0) return false;
        i += adv;
    }
    return digit_at(s, len, i, &adv) < 0;
}

/* 1234, １５５, 1,234, 1，234, 96171.6 from i; returns the end (i when none). */
static size_t parse_digits(const char *s, size_t len, size_t i, nb_number_value *v,
                           size_t *plain_digits)
{
    size_t adv, count = 0;
    int sig = 0, d;
    bool grouped = false;
    while ((d = digit_at(s, len, i, &adv)) >= 0) {
        push_digit(v, &sig, d, false);
        count++;
        i += adv;
    }
    if (count == 0) return i;
    for (;;) {
        uint32_t cp = cp_at(s, len, i, &adv);
        if ((cp != ',' && cp != 0xFF0C) || (!grouped && count > 3) ||
            !digit_group_at(s, len, i + adv))
            break;
        i += adv;
        for (int k = 0; k < 3; k++, i += adv) push_digit(v, &sig, digit_at(s, len, i, &adv), false);
        grouped = true;
    }
    *plain_digits = grouped ? 0 : count;
    uint32_t cp = cp_at(s, len, i, &adv);
    size_t adv2;
    if ((cp == '.' || cp == 0xFF0E) && digit_at(s, len, i + adv, &adv2) >= 0) {
        *plain_digits = 0;
        i += adv;
        while ((d = digit_at(s, len, i, &adv)) >= 0) {
            push_digit(v, &sig, d, true);
            i += adv;
        }
    }
    return i;
}

/* Applies 万, 亿 or 万亿 after a number (blanks allowed before: "1.9 万人"). */
static size_t apply_multipliers(const char *s, size_t len, size_t i, nb_number_value *v)
{
    size_t adv;
    int last = 0;
    for (int round = 0; round < 2; round++) {
        size_t j = round == 0 ? skip_gap(s, len, i) : i;
        int k = multiplier_at(s, len, j, &adv);
        if (k == 0 || k <= last) break;
        value_shift(v, k);
        last = k;
        i = j + adv;
    }
    return i;
}

/* ---- Chinese numerals -------------------------------------------------------------------- */

/* A zero in a digit-by-digit year: 〇, ○, and in old files the letter O or the digit 0. */
static bool year_zero(uint32_t cp)
{
    return cp == 0x3007 || cp == 0x25CB || cp == 0x25EF || cp == 0x96F6 || cp == 'O' || cp == '0' ||
           cp == 0xFF2F || cp == 0xFF10;
}

/* The digit of a digit-by-digit numeral at i (一 … 九, or a zero), -1 when none. */
static int year_digit_at(const char *s, size_t len, size_t i, size_t *adv)
{
    uint32_t cp = cp_at(s, len, i, adv);
    if (year_zero(cp)) return 0;
    int val;
    return cn_classify(cp, &val) == CN_DIGIT && !is_liang(cp) ? val : -1;
}

/* 二〇一七, 一九九八, 二O一七: digits written one by one. Needs three of them: 三四个 and 七八十
 * are ranges ("three or four"), not 34. Returns the end, or i when this is not the form;
 * *range is set for the two-digit ranges, which are no number at all. */
static size_t parse_chinese_digits(const char *s, size_t len, size_t i, nb_number_value *v,
                                   size_t *count, bool *range)
{
    size_t adv, j = i;
    int sig = 0, d;
    *count = 0;
    *range = false;
    while ((d = year_digit_at(s, len, j, &adv)) >= 0) {
        push_digit(v, &sig, d, false);
        (*count)++;
        j += adv;
    }
    if (*count >= 3) return j;
    *range = *count == 2;
    v->units = 0;
    v->overflow = false;
    return i;
}

typedef struct cn_state {
    int64_t high;  /* the 亿 part, a multiple of 10^8 */
    int64_t mid;   /* the 万 part below it, a multiple of 10^4 */
    int64_t low;   /* below 万 */
    int pending;   /* a digit still waiting for its unit, -1 when none */
    int last_pow;  /* power of ten of the last unit, for 两千三 = 2300 */
    int low_pow;   /* smallest of 十百千 used in low, which the next one must be below */
    bool zero_gap; /* a 零 since the last unit: 一百零五 */
} cn_state;

/* One unit character: 十 百 千 (small) or 万 亿 (big). False to stop before it. */
static bool cn_unit(cn_state *st, cn_kind kind, int pow, bool at_start, bool *bare)
{
    int64_t d = st->pending >= 0 ? st->pending : 0;
    if (kind == CN_SMALL) {
        if (st->pending < 0) {
            if (!at_start && !(pow == 1 && (st->low == 0 || st->zero_gap))) return false;
            d = 1;
            if (at_start && pow > 1) *bare = true;
        }
        if (pow >= st->low_pow) return false;
        st->low += d * pow10_of(pow);
        st->low_pow = pow;
    } else {
        int64_t v = (pow == 8 ? st->mid : 0) + st->low + d;
        if (v == 0) {
            if (!at_start) return false;
            v = 1;
            *bare = true;
        }
        if ((pow == 4 && st->mid != 0) || (pow == 8 && st->high != 0)) return false;
        if (pow == 4) {
            st->mid = v * pow10_of(4);
        } else {
            st->high = v * pow10_of(8);
            st->mid = 0;
        }
        st->low = 0;
        st->low_pow = 4;
    }
    st->pending = -1;
    st->last_pow = pow;
    st->zero_gap = false;
    return true;
}

/* 三, 十二, 一百零五, 两千三百, 三万五千, 一亿五千万, 逾千. When 万元 or 亿元 follows, stops before
 * it and gives the value in that unit (五万元 is 5 万元). Returns the end, i when none. */
static size_t parse_chinese(const char *s, size_t len, size_t i, nb_number_value *v, bool *bare)
{
    cn_state st = {0, 0, 0, -1, 0, 4, false};
    size_t start = i, adv;
    int val, money = 0;
    for (;;) {
        cn_kind kind = cn_at(s, len, i, &val, &adv);
        if (kind == CN_DIGIT || kind == CN_ZERO) {
            if (st.pending >= 0) break;
            if (kind == CN_DIGIT)
                st.pending = val;
            else
                st.zero_gap = true;
        } else if (kind == CN_SMALL || kind == CN_BIG) {
            size_t adv2;
            if (kind == CN_BIG && cp_at(s, len, i + adv, &adv2) == 0x5143 /* 元 */) {
                money = val;
                break;
            }
            if (!cn_unit(&st, kind, val, i == start, bare)) break;
        } else {
            break;
        }
        i += adv;
    }
    if (i == start) return i;
    int64_t tail = st.pending < 0 ? 0 : st.pending;
    if (!st.zero_gap && st.last_pow > 0) tail *= pow10_of(st.last_pow - 1);
    if (money == 4)
        v->units = (st.high + st.mid) / pow10_of(4) + st.low + tail;
    else if (money == 8)
        v->units = st.high / pow10_of(8) + st.mid + st.low + tail;
    else
        v->units = st.high + st.mid + st.low + tail;
    return i;
}

/* ---- one figure -------------------------------------------------------------------------- */

static void set_unit(nb_number *n, nb_unit u)
{
    n->unit_kind = u;
    snprintf(n->unit, sizeof n->unit, "%s", nb_unit_text(u));
    if (u == NB_UNIT_PERCENT) n->percent = true;
}

/* The numeral alone, at i: 百分之…, digits with a multiplier, or Chinese. Returns its end. */
static size_t parse_numeral(const char *s, size_t len, size_t i, nb_number *n, parse_info *info)
{
    size_t adv, end;
    if (has_word(s, len, i, "百分之")) {
        size_t j = i + strlen("百分之");
        bool bare = false;
        nb_number_value v = {0, 0, false};
        end = digit_at(s, len, j, &adv) >= 0 ? parse_digits(s, len, j, &v, &info->plain_digits)
                                             : parse_chinese(s, len, j, &v, &bare);
        if (end == j) return i;
        n->value = v;
        n->chinese = digit_at(s, len, j, &adv) < 0;
        set_unit(n, NB_UNIT_PERCENT);
        info->plain_digits = 0;
        return end;
    }
    if (digit_at(s, len, i, &adv) >= 0) {
        end = parse_digits(s, len, i, &n->value, &info->plain_digits);
        size_t after = apply_multipliers(s, len, end, &n->value);
        if (after != end) info->plain_digits = 0;
        return after;
    }
    int val;
    if (cn_at(s, len, i, &val, &adv) == CN_NONE) return i;
    n->chinese = true;
    bool range;
    end = parse_chinese_digits(s, len, i, &n->value, &info->plain_digits, &range);
    if (end != i || range) return end;
    info->plain_digits = 0;
    return parse_chinese(s, len, i, &n->value, &info->bare);
}

/* 余/多 (and a multiplier after them: 300余万), the unit, then 以上/左右/…; returns the end. */
static size_t parse_tail(const char *s, size_t len, size_t i, nb_number *n)
{
    size_t j = skip_gap(s, len, i), adv;
    uint32_t cp = cp_at(s, len, j, &adv);
    if (cp == 0x4F59 /* 余 */ || cp == 0x591A /* 多 */) {
        if (n->qualifier == NB_QUAL_EXACT) n->qualifier = NB_QUAL_AT_LEAST;
        i = apply_multipliers(s, len, j + adv, &n->value);
    }
    if (n->unit_kind == NB_UNIT_NONE) {
        j = skip_gap(s, len, i);
        int k = match_unit(s, len, j);
        if (k >= 0) {
            set_unit(n, (nb_unit)UNITS[k].value);
            i = j + strlen(UNITS[k].text);
        }
    }
    j = skip_gap(s, len, i);
    int k = match_word(s, len, j, SUFFIXES, sizeof SUFFIXES / sizeof SUFFIXES[0]);
    if (k >= 0) {
        if (n->qualifier == NB_QUAL_EXACT) n->qualifier = (nb_qualifier)SUFFIXES[k].value;
        i = j + strlen(SUFFIXES[k].text);
    }
    return i;
}

/* 2024 年, 二〇一七年: four digits of a plausible year and 年 after them. */
static bool is_year(const char *s, size_t len, size_t end, const nb_number *n,
                    const parse_info *info)
{
    if (info->plain_digits != 4 || n->overflow || n->decimals != 0 || n->percent ||
        n->unit_kind != NB_UNIT_NONE || n->qualifier != NB_QUAL_EXACT)
        return false;
    return n->units >= 1900 && n->units <= 2199 && has_word(s, len, skip_gap(s, len, end), "年");
}

/* nb_numeral_parse with what the scanner needs besides; *n is always written. */
static size_t parse_at(const char *s, size_t len, nb_number *n, parse_info *info)
{
    memset(n, 0, sizeof *n);
    memset(info, 0, sizeof *info);
    size_t i = 0;
    int k = match_word(s, len, 0, PREFIXES, sizeof PREFIXES / sizeof PREFIXES[0]);
    if (k >= 0) {
        n->qualifier = (nb_qualifier)PREFIXES[k].value;
        info->prefix_word = strlen(PREFIXES[k].text);
        i = skip_gap(s, len, info->prefix_word);
        info->prefix_len = i;
    }
    size_t end = parse_numeral(s, len, i, n, info);
    int cv;
    size_t ca;
    /* a numeral whose 万 or 亿 goes on past what was read (三亿亿, 一千亿亿) is refused, not cut
     * short to a smaller value with its unit lost (万元 after it is a unit) */
    if (end == i ||
        (end < len && cn_at(s, len, end, &cv, &ca) == CN_BIG && match_unit(s, len, end) < 0)) {
        memset(n, 0, sizeof *n);
        return 0;
    }
    n->number_offset = i;
    n->number_length = end - i;
    size_t numeral_end = end;
    end = parse_tail(s, len, end, n);
    n->year = is_year(s, len, numeral_end, n, info);
    n->offset = 0;
    n->length = end;
    return end;
}

size_t nb_numeral_parse(const char *s, size_t len, nb_number *out)
{
    nb_number n;
    parse_info info;
    memset(&n, 0, sizeof n);
    size_t start = s ? skip_gap(s, len, 0) : 0;
    size_t used = s ? parse_at(s + start, len - start, &n, &info) : 0;
    if (used) {
        n.offset += start;
        n.number_offset += start;
        used += start;
    }
    if (out) *out = n;
    return used;
}

/* ---- scanning ---------------------------------------------------------------------------- */

/* Set phrases where a Chinese numeral and a unit make no quantity. */
static const char *const NOT_QUANTITIES[] = {
    "一次性",   "一次办",   "一条龙",   "一件事",   "二次",     "三个转变", "三个代表", "两个维护",
    "两个确立", "四个意识", "四个自信", "四个全面", "一个窗口", "千家万户", "三位一体",
};

/* A one-character qualifier that is the end of another word: 节约, 制约, 最近, 附近. */
static bool qualifier_in_word(const char *s, size_t i, const parse_info *info)
{
    static const struct {
        const char *qualifier, *before;
    } words[] = {
        {"约", "节制签预履违合集公条契特简邀缔租"},
        {"近", "最附邻临靠亲就贴"},
        {"超", "赶高"},
    };
    uint32_t prev = cp_before(s, i);
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (info->prefix_word == strlen(words[k].qualifier) &&
            memcmp(s + i, words[k].qualifier, info->prefix_word) == 0)
            return cp_in(prev, words[k].before);
    return false;
}

/* The code point before i, blanks skipped (第 3 次). */
static uint32_t cp_before_blanks(const char *s, size_t i)
{
    for (int k = 0; k <= MAX_GAP; k++) {
        size_t back;
        uint32_t cp = cp_before_len(s, i, &back);
        if (back == 0 || !nb_utf8_is_space(cp)) return cp;
        i -= back;
    }
    return 0;
}

/* Whether a Chinese numeral match is a quantity (see nb_numeral_scan). */
static bool chinese_is_quantity(const char *s, size_t len, size_t at, const nb_number *n,
                                const parse_info *info)
{
    if (n->percent || n->year) return true;
    uint32_t prev = cp_before(s, at);
    if (prev == 0x7B2C /* 第 */ || cp_in(prev, "“‘「『《〈\"'")) return false;
    for (size_t k = 0; k < sizeof NOT_QUANTITIES / sizeof NOT_QUANTITIES[0]; k++)
        if (has_word(s, len, at + n->number_offset, NOT_QUANTITIES[k])) return false;
    if (n->unit_kind == NB_UNIT_NONE) return false;
    return !info->bare || n->qualifier != NB_QUAL_EXACT;
}

/* Flags of a digit match that depend on its surroundings: 第3次, 1、, (1). */
static void mark_context(const char *s, size_t len, size_t at, nb_number *n)
{
    size_t start = at + n->number_offset, end = start + n->number_length, adv;
    n->ordinal = cp_before_blanks(s, start) == 0x7B2C; /* 第 */
    if (n->qualifier != NB_QUAL_EXACT || n->unit_kind != NB_UNIT_NONE || n->length != end - at)
        return;
    uint32_t next = cp_at(s, len, end, &adv), prev = cp_before(s, start);
    n->marker = next == 0x3001 /* 、 */ || next == '.' || next == 0xFF0E ||
                ((prev == '(' || prev == 0xFF08) && (next == ')' || next == 0xFF09));
}

/* Bytes of the run of Chinese numeral characters at i. */
static size_t chinese_run(const char *s, size_t len, size_t i)
{
    size_t start = i, adv;
    int val;
    while (i < len && cn_at(s, len, i, &val, &adv) != CN_NONE) i += adv;
    return i - start;
}

size_t nb_numeral_scan(const char *s, size_t len, nb_number *out, size_t max)
{
    size_t count = 0, i = 0, adv;
    if (!s || !out) return 0;
    while (i < len && count < max) {
        uint32_t cp = cp_at(s, len, i, &adv);
        int val;
        /* (most characters start no number: a digit, a Chinese numeral or a qualifier does) */
        if (!nb_utf8_is_digit(cp) && cn_classify(cp, &val) == CN_NONE &&
            match_word(s, len, i, PREFIXES, sizeof PREFIXES / sizeof PREFIXES[0]) < 0) {
            i += adv;
            continue;
        }
        nb_number n;
        parse_info info;
        size_t used = parse_at(s + i, len - i, &n, &info);
        size_t run = chinese_run(s, len, i);
        if (used == 0) {
            i += run > adv ? run : adv;
            continue;
        }
        if (info.prefix_len && qualifier_in_word(s, i, &info)) {
            i += info.prefix_word; /* read the number again without the qualifier */
            continue;
        }
        if (n.chinese && !chinese_is_quantity(s, len, i, &n, &info)) {
            i += used > run ? used : run;
            continue;
        }
        if (!n.chinese) mark_context(s, len, i, &n);
        n.offset += i;
        n.number_offset += i;
        out[count++] = n;
        i += used;
    }
    return count;
}

/* ---- table cells ------------------------------------------------------------------------- */

/* Bytes of a sign (+ - ＋ － −) that a digit follows, 0 when none; *negative when minus. */
static size_t sign_length(const char *s, size_t len, bool *negative)
{
    size_t adv;
    if (!len) return 0;
    uint32_t cp = cp_at(s, len, 0, &adv);
    bool plus = cp == '+' || cp == 0xFF0B, minus = cp == '-' || cp == 0xFF0D || cp == 0x2212;
    if ((!plus && !minus) || adv >= len) return 0;
    size_t a2;
    if (!nb_utf8_is_digit(cp_at(s, len, adv, &a2))) return 0;
    if (negative) *negative = minus;
    return adv;
}

bool nb_numeral_is_figure(const char *s, size_t len)
{
    size_t i = sign_length(s, len, NULL), adv, digits = 0, dots = 0;
    while (i < len) {
        uint32_t cp = nb_utf8_fold(cp_at(s, len, i, &adv));
        if (cp >= '0' && cp <= '9') {
            digits++;
        } else if ((cp == '.' || cp == 0xFF0E) && digits && !dots) {
            dots++;
        } else if ((cp == ',' || cp == 0xFF0C) && digits && !dots) {
            /* a thousands separator must be followed by three digits */
            size_t k = i + adv, n3 = 0, a2;
            while (k < len && n3 < 4 && nb_utf8_is_digit(cp_at(s, len, k, &a2))) k += a2, n3++;
            if (n3 != 3) return false;
        } else if ((cp == '%' || cp == 0xFF05) && digits && i + adv == len) {
            ;
        } else {
            return false;
        }
        i += adv;
    }
    return digits > 0;
}

/* —, ——, -, --, ―, －, /, ／, 不适用, 无, N/A (and 不適用, 無, 暫無 of a traditional copy). */
static bool is_not_applicable(const char *s, size_t len)
{
    static const char *const words[] = {"不适用", "无",  "暂无", "不適用", "無",
                                        "暫無",   "N/A", "n/a",  "NA"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strlen(words[k]) == len && memcmp(s, words[k], len) == 0) return true;
    size_t dashes = 0, slashes = 0, adv;
    for (size_t i = 0; i < len; i += adv) {
        uint32_t cp = cp_at(s, len, i, &adv);
        if (cp_in(cp, "-‐‑‒–—―−─━－﹣﹘⸺⸻"))
            dashes++;
        else if (cp_in(cp, "/／\\＼"))
            slashes++;
        else if (!nb_utf8_is_space(cp))
            return false;
    }
    return (dashes > 0 && dashes <= 8 && slashes == 0) || (slashes > 0 && slashes <= 3 && !dashes);
}

/* A lone 一 or ○ is as often a dash or an empty mark as a number: never guess. */
static bool is_ambiguous_mark(const char *s, size_t len)
{
    static const char *const marks[] = {"一", "○", "◯"};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (strlen(marks[k]) == len && memcmp(s, marks[k], len) == 0) return true;
    return false;
}

nb_cell_status nb_numeral_cell(const char *s, size_t len, nb_number *out)
{
    nb_number n, ignored;
    if (!out) out = &ignored;
    memset(out, 0, sizeof *out);
    if (!s) return NB_CELL_BLANK;
    size_t a = 0, b = len, adv;
    while (a < b && nb_utf8_is_space(cp_at(s, b, a, &adv))) a += adv;
    while (b > a) {
        size_t k = b - 1;
        while (k > a && ((unsigned char)s[k] & 0xC0) == 0x80) k--;
        if (!nb_utf8_is_space(cp_at(s, b, k, &adv)) || k + adv != b) break;
        b = k;
    }
    if (a == b) return NB_CELL_BLANK;
    /* most cells that reach here are labels: a Han character that no number or mark starts
     * with settles it without parsing (不适用, 无, 暂无 and the numerals can start one) */
    uint32_t first = cp_at(s, b, a, &adv);
    int ignored_val;
    if (first >= 0x4E00 && first <= 0x9FFF && cn_classify(first, &ignored_val) == CN_NONE &&
        first != 0x4E0D /* 不 */ && first != 0x65E0 /* 无 */ && first != 0x6682 /* 暂 */ &&
        first != 0x7121 /* 無 */ && first != 0x66AB /* 暫 */)
        return NB_CELL_TEXT;
    if (is_not_applicable(s + a, b - a)) return NB_CELL_NOT_APPLICABLE;
    if (is_ambiguous_mark(s + a, b - a)) return NB_CELL_TEXT;
    /* a change from the year before (本年增/减) is written with its sign: +2, -3, －８ */
    bool negative = false;
    size_t sign = sign_length(s + a, b - a, &negative);
    parse_info info;
    if (parse_at(s + a + sign, b - a - sign, &n, &info) != b - a - sign ||
        n.qualifier != NB_QUAL_EXACT || (sign && n.chinese))
        return NB_CELL_TEXT;
    if (negative) n.units = -n.units;
    n.offset += a;
    n.number_offset += a;
    *out = n;
    return !n.overflow && n.units == 0 ? NB_CELL_ZERO : NB_CELL_NUMBER;
}
