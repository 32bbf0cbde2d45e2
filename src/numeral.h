/*
 * numeral.h — numbers as reports write them: in table cells (１５５, 1,234, 0.5, —, 无, blank)
 * and in prose (98条, 300余篇, 近300, 约5000, 三, 二十余, 一百零五, 两, 1.5万, 二〇一七年).
 *
 * Owns: parsing numbers exactly (an integer scaled by a power of ten), the qualifiers around
 * them and the unit after them, finding the quantities in a sentence, and the status of a table
 * cell. Must not: use regular expressions, allocate, keep state, or know which form row a
 * figure belongs to (figures.c binds them).
 */
#ifndef NB_NUMERAL_H
#define NB_NUMERAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Values hold at most 18 significant digits and 18 decimals; anything larger is flagged. */
#define NB_NUMBER_MAX_DIGITS 18

typedef enum nb_cell_status {
    NB_CELL_NUMBER,         /* 155, １５５, 1,234, 0.5 */
    NB_CELL_ZERO,           /* 0, ０, 零, 0.0 */
    NB_CELL_BLANK,          /* empty or only spaces: never read as zero */
    NB_CELL_NOT_APPLICABLE, /* —, ——, -, --, /, ／, －, ―, 不适用, 无 */
    NB_CELL_TEXT,           /* anything else: 详见附表 */
} nb_cell_status;

/* What a prose figure claims about the true value v, for a written value x. */
typedef enum nb_qualifier {
    NB_QUAL_EXACT,    /* no qualifier: v = x */
    NB_QUAL_AT_LEAST, /* 余, 多, 以上, 不少于: v >= x (300余 agrees with 300) */
    NB_QUAL_MORE,     /* 超过, 超, 逾: v > x */
    NB_QUAL_AT_MOST,  /* 近, 将近, 接近, 以下, 以内, 不超过: v <= x */
    NB_QUAL_LESS,     /* 不足, 不到: v < x */
    NB_QUAL_ABOUT,    /* 约, 大约, 左右, 上下: |v - x| <= 10 % of x */
} nb_qualifier;

typedef enum nb_unit {
    NB_UNIT_NONE,
    NB_UNIT_TIAO,     /* 条 */
    NB_UNIT_PIAN,     /* 篇 */
    NB_UNIT_JIAN,     /* 件 */
    NB_UNIT_CI,       /* 次 */
    NB_UNIT_RENCI,    /* 人次 */
    NB_UNIT_REN,      /* 人 */
    NB_UNIT_GE,       /* 个 */
    NB_UNIT_QI,       /* 期 */
    NB_UNIT_CHANG,    /* 场 */
    NB_UNIT_XIANG,    /* 项 */
    NB_UNIT_JIA,      /* 家 */
    NB_UNIT_FEN,      /* 份 */
    NB_UNIT_MING,     /* 名 */
    NB_UNIT_WEI,      /* 位 */
    NB_UNIT_HU,       /* 户 */
    NB_UNIT_YUAN,     /* 元 */
    NB_UNIT_WAN_YUAN, /* 万元: the value is in units of 10 000 yuan */
    NB_UNIT_YI_YUAN,  /* 亿元 */
    NB_UNIT_PERCENT,  /* % ％, and 百分之… */
} nb_unit;

/* An exact value: units / 10^decimals, so 0.5 is {5, 1} and 0.50 is {50, 2}. */
typedef struct nb_number_value {
    int64_t units;
    int decimals;  /* 0 .. NB_NUMBER_MAX_DIGITS */
    bool overflow; /* more digits than fit (too large or too precise): never compared */
} nb_number_value;

typedef struct nb_number {
    /* The value, reachable as n.value or member by member (n.units, n.decimals, n.overflow). */
    union {
        nb_number_value value;
        struct {
            int64_t units;
            int decimals;
            bool overflow;
        };
    };
    nb_qualifier qualifier;
    nb_unit unit_kind;
    char unit[16]; /* the unit as UTF-8 ("条", "人次", "万元", "%"), "" when none */
    bool percent;  /* followed by % or ％, or written 百分之… */
    bool chinese;  /* written in Chinese numerals (三, 二十余, 二〇一七) */
    bool year;     /* four digits (2024, 二〇一七) followed by 年: a year, not a quantity */
    bool ordinal;  /* scan only: right after 第 (第3次) */
    bool marker;   /* scan only: a list marker (1、 1. (1) （1）) */
    size_t offset; /* the whole match (qualifiers, number, unit), in bytes from the text start */
    size_t length;
    size_t number_offset; /* the numeral alone (300 in 近300余篇; 3万 in 3万条) */
    size_t number_length;
} nb_number;

const char *nb_cell_status_name(nb_cell_status s); /* "number", "zero", "blank", … */
const char *nb_qualifier_name(nb_qualifier q);     /* "exact", "at_least", "more_than", … */
const char *nb_unit_text(nb_unit u);               /* "条", "人次", "万元", "%"; "" for none */

/* Parses the number written at s[0..len): ASCII or full-width digits with thousands separators
 * (1,234 and 1，234 when every group after the first has three digits) and a decimal part;
 * Chinese numerals (三, 十二, 一百零五, 两千, 三万五千, 逾千, 二〇一七 with 〇 ○ O 0 for zero);
 * a multiplier 万 / 亿 after digits (1.5万 is 15000, but 1.5万元 is 1.5 in 万元); 百分之…;
 * qualifiers before (近 约 超过 逾 不足 不到 …) and after (余 多 以上 以下 以内 左右 上下); a unit
 * (条 篇 件 次 人次 人 个 期 场 项 家 份 名 位 户 元 万元 亿元 %). A few blanks may separate the
 * parts ("3119 件", "5500 余条"), and before the match, which then starts at out->offset.
 * Words like 达, 共, 累计 are not part of the match. Returns the bytes consumed (leading
 * blanks included), 0 when s does not start with a number or with a qualifier followed by
 * one. out may be NULL. */
size_t nb_numeral_parse(const char *s, size_t len, nb_number *out);

/* Writes into out the PCRE2 regular expression of a number as nb_numeral_parse reads it from
 * its start: a qualifier before it (every one this module knows: 不超过, 不少于, 超过, 近…),
 * the digits or Chinese numerals, and 余 or 多 after them. With named, the whole is the group
 * "num". Form patterns use it for {NUM}, so that the pattern captures exactly what this module
 * reads (one list of qualifiers). Returns the length it needs (out is cut at size). */
size_t nb_numeral_regex(bool named, char *out, size_t size);
/* The unit s[0..len) is, when the whole of it is one (条, 件, 人次, 万元, %…); NB_UNIT_NONE
 * otherwise. For a table's unit column. */
nb_unit nb_numeral_unit(const char *s, size_t len);
/* Finds the quantities in a text, left to right, and stores at most max of them in out (with
 * offsets from s); returns how many were stored, so a return of max may mean there are more.
 * Digit runs always count. A Chinese numeral counts only when a unit follows (after optional
 * 余/多) or when it is a year (二〇一七年) — never in words and markers such as 一是, （一）,
 * 进一步, 统一, 第一, 十分, 万一, 一次性, “三个转变”, 千家万户. */
size_t nb_numeral_scan(const char *s, size_t len, nb_number *out, size_t max);

/* True when s[0..len) is a figure as tables print it: an optional sign (+ - ＋ －, for a change
 * from the year before), digits (ASCII or full-width), optional thousands separators (each
 * followed by three digits), one decimal point, an optional trailing %. No unit, no Chinese
 * numeral: the shape a table column of values has. */
bool nb_numeral_is_figure(const char *s, size_t len);
/* Classifies a table cell's text (surrounding blanks, U+3000 and NBSP included, are ignored).
 * A cell is a number only when the whole of it is one, with no qualifier (a unit may follow);
 * a sign before digits is read (+2, -3: a change from the year before).
 * *out holds the value for NUMBER and ZERO, and is zeroed otherwise. out may be NULL. */
nb_cell_status nb_numeral_cell(const char *s, size_t len, nb_number *out);

/* -1, 0, 1 as a < b, a == b, a > b, exactly (0.5 == 0.50). An overflowed value is above every
 * other, and equal to another overflowed one: check the flags first where that matters. */
int nb_number_value_compare(nb_number_value a, nb_number_value b);
int nb_number_compare(const nb_number *a, const nb_number *b);

/* The value as a double, for messages and ratios (HUGE_VAL when overflowed). */
double nb_number_value_double(nb_number_value v);
double nb_number_double(const nb_number *n);

/* a + b exactly (with the larger number of decimals); flagged overflow when it cannot be held.
 * Qualifier, unit and flags of the result are those of an exact number with a's unit. */
nb_number nb_number_add(const nb_number *a, const nb_number *b);

/* Writes the value as printed ("155", "0.5", "0.50") into buf; "overflow" when too large.
 * Returns buf. */
const char *nb_number_format(const nb_number *n, char *buf, size_t size);

/* Whether a table value is consistent with a qualified figure from the prose, by the
 * qualifier's meaning above: 300余 vs 200 false, 150余 vs 155 true, 约5000 vs 5100 true,
 * 近300 vs 310 false. Units are not converted (pass values in the same unit). True when
 * either value overflowed: that cannot be told, so it is never a discrepancy (callers that
 * want to report it as uncertain check the overflow flags). */
bool nb_number_compatible(const nb_number *prose, const nb_number_value table_value);

/* The same with the table value as an nb_number. */
bool nb_number_agrees(const nb_number *prose, const nb_number *table);

#endif /* NB_NUMERAL_H */
