/*
 * test_numeral_prose.c — numbers in prose and cells: digits, full-width digits, separators,
 * decimals, Chinese numerals, multipliers, qualifiers, units; the quantities of real sentences;
 * cell status; agreement of a qualified prose figure with a table value; hostile input.
 *
 * Each row of the tables below runs as a test of its own, named after its input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "numeral.h"

/* ---- nb_numeral_parse -------------------------------------------------------------------- */

typedef struct parse_case {
    const char *text;
    long long units;
    int decimals;
    nb_qualifier q;
    nb_unit unit;
    size_t consumed; /* bytes; 0 means all of text */
    bool year;
} parse_case;

static const parse_case PARSE[] = {
    /* Chinese numerals */
    {"三", 3, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"十二", 12, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"二十", 20, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"二十余", 20, 0, NB_QUAL_AT_LEAST, NB_UNIT_NONE, 0, false},
    {"一百零五", 105, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"两", 2, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"两千", 2000, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"两千三百", 2300, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"两千三", 2300, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"三万五千", 35000, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"一万五", 15000, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"十", 10, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"一十", 10, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"十万", 100000, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"三百一十二", 312, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"一千零一", 1001, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"三亿五千万", 350000000, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"零", 0, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"二〇一七", 2017, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"二○一七", 2017, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"二O一七", 2017, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"二0一七", 2017, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"一九九八年", 1998, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 12, true},
    {"二〇一七年十二月", 2017, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 12, true},
    {"十三五", 13, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 6, false}, /* 五 cannot follow 三 */
    /* qualifiers */
    {"300余", 300, 0, NB_QUAL_AT_LEAST, NB_UNIT_NONE, 0, false},
    {"近300", 300, 0, NB_QUAL_AT_MOST, NB_UNIT_NONE, 0, false},
    {"约5000", 5000, 0, NB_QUAL_ABOUT, NB_UNIT_NONE, 0, false},
    {"大约 5000", 5000, 0, NB_QUAL_ABOUT, NB_UNIT_NONE, 0, false},
    {"5000左右", 5000, 0, NB_QUAL_ABOUT, NB_UNIT_NONE, 0, false},
    {"5000上下", 5000, 0, NB_QUAL_ABOUT, NB_UNIT_NONE, 0, false},
    {"超过100", 100, 0, NB_QUAL_MORE, NB_UNIT_NONE, 0, false},
    {"逾千", 1000, 0, NB_QUAL_MORE, NB_UNIT_NONE, 0, false},
    {"逾百人", 100, 0, NB_QUAL_MORE, NB_UNIT_REN, 0, false},
    {"不足10", 10, 0, NB_QUAL_LESS, NB_UNIT_NONE, 0, false},
    {"不到10人", 10, 0, NB_QUAL_LESS, NB_UNIT_REN, 0, false},
    {"不超过20个", 20, 0, NB_QUAL_AT_MOST, NB_UNIT_GE, 0, false},
    {"至少98条", 98, 0, NB_QUAL_AT_LEAST, NB_UNIT_TIAO, 0, false},
    {"将近三百人", 300, 0, NB_QUAL_AT_MOST, NB_UNIT_REN, 0, false},
    {"100多", 100, 0, NB_QUAL_AT_LEAST, NB_UNIT_NONE, 0, false},
    {"100多条", 100, 0, NB_QUAL_AT_LEAST, NB_UNIT_TIAO, 0, false},
    {"100条以上", 100, 0, NB_QUAL_AT_LEAST, NB_UNIT_TIAO, 0, false},
    {"50人以下", 50, 0, NB_QUAL_AT_MOST, NB_UNIT_REN, 0, false},
    {"30件以内", 30, 0, NB_QUAL_AT_MOST, NB_UNIT_JIAN, 0, false},
    {"5500 余条", 5500, 0, NB_QUAL_AT_LEAST, NB_UNIT_TIAO, 0, false},
    {"二十余次", 20, 0, NB_QUAL_AT_LEAST, NB_UNIT_CI, 0, false},
    {"千余条", 1000, 0, NB_QUAL_AT_LEAST, NB_UNIT_TIAO, 0, false},
    {"达300人", 0, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false}, /* 达 is no qualifier: no match */
    /* multipliers and units */
    {"1.5万", 15000, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"3万", 30000, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"3万条", 30000, 0, NB_QUAL_EXACT, NB_UNIT_TIAO, 0, false},
    {"3万余条", 30000, 0, NB_QUAL_AT_LEAST, NB_UNIT_TIAO, 0, false},
    {"1.2亿", 120000000, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"1.9 万人", 19000, 0, NB_QUAL_EXACT, NB_UNIT_REN, 0, false},
    {"300余万人次", 3000000, 0, NB_QUAL_AT_LEAST, NB_UNIT_RENCI, 0, false},
    {"98条", 98, 0, NB_QUAL_EXACT, NB_UNIT_TIAO, 0, false},
    {"300余篇", 300, 0, NB_QUAL_AT_LEAST, NB_UNIT_PIAN, 0, false},
    {"3次", 3, 0, NB_QUAL_EXACT, NB_UNIT_CI, 0, false},
    {"50人次", 50, 0, NB_QUAL_EXACT, NB_UNIT_RENCI, 0, false},
    {"50人", 50, 0, NB_QUAL_EXACT, NB_UNIT_REN, 0, false},
    {"3万元", 3, 0, NB_QUAL_EXACT, NB_UNIT_WAN_YUAN, 0, false},
    {"0.5万元", 5, 1, NB_QUAL_EXACT, NB_UNIT_WAN_YUAN, 0, false},
    {"1.5亿元", 15, 1, NB_QUAL_EXACT, NB_UNIT_YI_YUAN, 0, false},
    {"300余万元", 300, 0, NB_QUAL_AT_LEAST, NB_UNIT_WAN_YUAN, 0, false},
    {"五万元", 5, 0, NB_QUAL_EXACT, NB_UNIT_WAN_YUAN, 0, false},
    {"一亿五千万元", 15000, 0, NB_QUAL_EXACT, NB_UNIT_WAN_YUAN, 0, false},
    {"三万五千元", 35000, 0, NB_QUAL_EXACT, NB_UNIT_YUAN, 0, false},
    {"3940 元", 3940, 0, NB_QUAL_EXACT, NB_UNIT_YUAN, 0, false},
    {"１５５条", 155, 0, NB_QUAL_EXACT, NB_UNIT_TIAO, 0, false},
    {"１，２３４", 1234, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"1,234件", 1234, 0, NB_QUAL_EXACT, NB_UNIT_JIAN, 0, false},
    {"1，234件", 1234, 0, NB_QUAL_EXACT, NB_UNIT_JIAN, 0, false},
    {"1,234,567", 1234567, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"12,34件", 12, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 2, false},     /* not a separator */
    {"2017,2018", 2017, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 4, false}, /* a list of years */
    {"1,2345", 1, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 1, false},
    {"0.5", 5, 1, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"0.50", 50, 2, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"96171.6", 961716, 1, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"4068.208", 4068208, 3, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"１２．５", 125, 1, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
    {"3.", 3, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 1, false},
    {"3119 件", 3119, 0, NB_QUAL_EXACT, NB_UNIT_JIAN, 0, false},
    {"12场", 12, 0, NB_QUAL_EXACT, NB_UNIT_CHANG, 0, false},
    {"6期", 6, 0, NB_QUAL_EXACT, NB_UNIT_QI, 0, false},
    {"5项", 5, 0, NB_QUAL_EXACT, NB_UNIT_XIANG, 0, false},
    {"64家", 64, 0, NB_QUAL_EXACT, NB_UNIT_JIA, 0, false},
    {"3份", 3, 0, NB_QUAL_EXACT, NB_UNIT_FEN, 0, false},
    {"21 个", 21, 0, NB_QUAL_EXACT, NB_UNIT_GE, 0, false},
    {"100%", 100, 0, NB_QUAL_EXACT, NB_UNIT_PERCENT, 0, false},
    {"17.46％", 1746, 2, NB_QUAL_EXACT, NB_UNIT_PERCENT, 0, false},
    {"百分之九十五", 95, 0, NB_QUAL_EXACT, NB_UNIT_PERCENT, 0, false},
    {"3条例", 3, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 1, false}, /* 条例 is a word */
    {"3年", 3, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 1, false},
    {"2024 年", 2024, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 4, true},
    {"2017年度", 2017, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 4, true},
    {"007", 7, 0, NB_QUAL_EXACT, NB_UNIT_NONE, 0, false},
};

static void parse_case_holds(void **state)
{
    const parse_case *c = *state;
    nb_number n;
    size_t len = strlen(c->text);
    size_t used = nb_numeral_parse(c->text, len, &n);
    if (c->units == 0 && c->decimals == 0 && strcmp(c->text, "零") != 0) {
        assert_int_equal(used, 0);
        return;
    }
    assert_int_equal(used, c->consumed ? c->consumed : len);
    assert_false(n.overflow);
    assert_int_equal(n.units, c->units);
    assert_int_equal(n.decimals, c->decimals);
    assert_int_equal(n.qualifier, c->q);
    assert_int_equal(n.unit_kind, c->unit);
    assert_string_equal(n.unit, nb_unit_text(c->unit));
    assert_int_equal(n.year, c->year);
    assert_int_equal(n.percent, c->unit == NB_UNIT_PERCENT);
    assert_int_equal(n.offset, 0);
    assert_int_equal(n.length, used);
    assert_true(n.number_offset + n.number_length <= used);
}

static void parse_reports_spans(void **state)
{
    (void)state;
    nb_number n;
    const char *t = "近300余篇实时";
    assert_int_equal(nb_numeral_parse(t, strlen(t), &n), strlen("近300余篇"));
    assert_int_equal(n.number_offset, strlen("近"));
    assert_int_equal(n.number_length, 3);
    assert_int_equal(n.qualifier, NB_QUAL_AT_MOST); /* the first qualifier wins */
    t = "3万条";
    assert_int_equal(nb_numeral_parse(t, strlen(t), &n), strlen(t));
    assert_int_equal(n.number_length, strlen("3万"));
}

/* Blanks before the figure are skipped (a pattern's capture may start with one). */
static void parse_skips_leading_blanks(void **state)
{
    (void)state;
    nb_number n;
    const char *t = " \xe3\x80\x80"
                    "9 件，";
    assert_int_equal(nb_numeral_parse(t, strlen(t), &n), strlen(" \xe3\x80\x80"
                                                                "9 件"));
    assert_int_equal(n.units, 9);
    assert_int_equal(n.offset, 4);
    assert_int_equal(n.number_offset, 4);
    assert_int_equal(n.length, strlen("9 件"));
    assert_int_equal(nb_numeral_parse("   ", 3, &n), 0);
    assert_int_equal(n.offset, 0);
}

static void parse_marks_chinese_and_nothing(void **state)
{
    (void)state;
    nb_number n;
    assert_int_equal(nb_numeral_parse("二十余", strlen("二十余"), &n), strlen("二十余"));
    assert_true(n.chinese);
    assert_int_equal(nb_numeral_parse("98", 2, &n), 2);
    assert_false(n.chinese);
    static const char *const none[] = {"",   "余",  "近",     "约束",     "万元", "元", "年",
                                       "是", "abc", "三四个", "七八十人", "%",    "，", "O"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        memset(&n, 0xAB, sizeof n);
        if (nb_numeral_parse(none[i], strlen(none[i]), &n) != 0) fail_msg("'%s' parsed", none[i]);
        assert_int_equal(n.units, 0);
        assert_int_equal(n.unit_kind, NB_UNIT_NONE);
    }
    assert_int_equal(nb_numeral_parse("98条", strlen("98条"), NULL), strlen("98条"));
    assert_int_equal(nb_numeral_parse(NULL, 5, &n), 0);
}

/* A number is parsed from s only: bytes after len are never read. */
static void parse_stops_at_len(void **state)
{
    (void)state;
    nb_number n;
    const char *t = "123456条";
    assert_int_equal(nb_numeral_parse(t, 3, &n), 3);
    assert_int_equal(n.units, 123);
    assert_int_equal(nb_numeral_parse(t, 7, &n), 6); /* a cut 条 is no unit */
    assert_int_equal(n.unit_kind, NB_UNIT_NONE);
    t = "一百零五";
    assert_int_equal(nb_numeral_parse(t, 4, &n), 3);
    assert_int_equal(n.units, 1);
}

static void huge_digit_run_is_flagged_not_wrapped(void **state)
{
    (void)state;
    size_t len = 100000;
    char *s = malloc(len + strlen("条"));
    assert_non_null(s);
    for (size_t i = 0; i < len; i++) s[i] = (char)('1' + i % 9);
    memcpy(s + len, "条", strlen("条"));
    nb_number n;
    assert_int_equal(nb_numeral_parse(s, len + strlen("条"), &n), len + strlen("条"));
    assert_true(n.overflow);
    assert_int_equal(n.unit_kind, NB_UNIT_TIAO);
    char buf[32];
    assert_string_equal(nb_number_format(&n, buf, sizeof buf), "overflow");
    assert_int_equal(nb_numeral_cell(s, len, &n), NB_CELL_NUMBER);
    assert_true(n.overflow);
    nb_number many[4];
    assert_int_equal(nb_numeral_scan(s, len, many, 4), 1);
    assert_true(many[0].overflow);
    /* Eighteen digits fit, nineteen do not; leading zeros do not count. */
    assert_int_equal(nb_numeral_parse("000999999999999999999", 21, &n), 21);
    assert_false(n.overflow);
    assert_int_equal(n.units, 999999999999999999LL);
    assert_int_equal(nb_numeral_parse("1000000000000000000", 19, &n), 19);
    assert_true(n.overflow);
    /* A multiplier that does not fit. */
    assert_int_equal(nb_numeral_parse("99999999999999万亿", strlen("99999999999999万亿"), &n),
                     strlen("99999999999999万亿"));
    assert_true(n.overflow);
    /* Decimals beyond eighteen. */
    assert_int_equal(nb_numeral_parse("0.0000000000000000001", 21, &n), 21);
    assert_true(n.overflow);
    for (size_t i = 0; i < len; i++) s[i] = i % 2 ? '0' : ',';
    assert_true(nb_numeral_parse(s + 1, len - 1, &n) > 0);
    free(s);
}

/* ---- nb_number_compatible ---------------------------------------------------------------- */

typedef struct compat_case {
    const char *prose;
    const char *table;
    bool expected;
} compat_case;

static const compat_case COMPAT[] = {
    {"300余", "200", false},   {"150余", "155", true},     {"约5000", "5100", true},
    {"近300", "310", false},   {"300余", "300", true},     {"300余", "299", false},
    {"近300", "300", true},    {"近300", "280", true},     {"超过100", "100", false},
    {"超过100", "101", true},  {"逾千", "1000", false},    {"逾千", "1001", true},
    {"不足10", "10", false},   {"不足10", "9", true},      {"不到10", "9.9", true},
    {"约5000", "4500", true},  {"约5000", "5500", true},   {"约5000", "4499", false},
    {"约5000", "5501", false}, {"5000左右", "5400", true}, {"98", "98", true},
    {"98", "155", false},      {"0.5", "0.50", true},      {"0.5", "0.51", false},
    {"1.5万", "15000", true},  {"100以上", "100", true},   {"50以下", "51", false},
    {"二十余", "25", true},    {"三", "3", true},          {"约0.5", "0.55", true},
    {"约0.5", "0.56", false},  {"约3", "3.3", true},       {"约3", "2.69", false},
};

static void compat_case_holds(void **state)
{
    const compat_case *c = *state;
    nb_number prose, table;
    assert_int_equal(nb_numeral_parse(c->prose, strlen(c->prose), &prose), strlen(c->prose));
    assert_int_equal(nb_numeral_cell(c->table, strlen(c->table), &table), NB_CELL_NUMBER);
    assert_int_equal(nb_number_compatible(&prose, table.value), c->expected);
    assert_int_equal(nb_number_agrees(&prose, &table), c->expected);
}

/* An overflowed value cannot be compared: never a discrepancy, so always compatible. */
/* A Chinese numeral whose 万 or 亿 goes on past what can be read is refused, not cut short
 * (三亿亿条 was read as 300000000 with its unit lost); 万元 after a numeral is a unit. */
static void large_chinese_numerals_refused(void **state)
{
    (void)state;
    nb_number n;
    assert_int_equal(nb_numeral_parse("三亿亿条", strlen("三亿亿条"), &n), 0);
    assert_int_equal(nb_numeral_parse("一千亿亿条", strlen("一千亿亿条"), &n), 0);
    assert_int_equal(nb_numeral_parse("三亿条", strlen("三亿条"), &n), strlen("三亿条"));
    assert_int_equal(n.units, 300000000);
    assert_int_equal(n.unit_kind, NB_UNIT_TIAO);
    assert_int_equal(nb_numeral_parse("五万元", strlen("五万元"), &n), strlen("五万元"));
    assert_int_equal(n.unit_kind, NB_UNIT_WAN_YUAN);
    nb_number q[4];
    assert_int_equal(nb_numeral_scan("发布信息三亿亿条", strlen("发布信息三亿亿条"), q, 4), 0);
}

static void compat_accepts_overflow_refuses_null(void **state)
{
    (void)state;
    nb_number prose;
    nb_numeral_parse("300余", strlen("300余"), &prose);
    nb_number_value big = {0, 0, true};
    assert_true(nb_number_compatible(&prose, big));
    assert_false(nb_number_compatible(NULL, prose.value));
    assert_false(nb_number_agrees(&prose, NULL));
    nb_number_value bad = {5, 40, false}; /* decimals out of range: as overflowed */
    assert_true(nb_number_compatible(&prose, bad));
    prose.overflow = true;
    nb_number_value v = {100, 0, false};
    assert_true(nb_number_compatible(&prose, v));
}

/* ---- values ------------------------------------------------------------------------------ */

static void compares_exactly_across_decimals(void **state)
{
    (void)state;
    nb_number_value a = {5, 1, false}, b = {50, 2, false}, c = {51, 2, false};
    assert_int_equal(nb_number_value_compare(a, b), 0);
    assert_int_equal(nb_number_value_compare(a, c), -1);
    assert_int_equal(nb_number_value_compare(c, a), 1);
    nb_number_value x = {999999999999999999LL, 18, false}, y = {1, 0, false};
    assert_int_equal(nb_number_value_compare(x, y), -1); /* 0.999… < 1 */
    nb_number_value z = {999999999999999999LL, 0, false};
    assert_int_equal(nb_number_value_compare(z, y), 1);
    nb_number_value o = {0, 0, true};
    assert_int_equal(nb_number_value_compare(o, z), 1);
    assert_int_equal(nb_number_value_compare(z, o), -1);
    assert_int_equal(nb_number_value_compare(o, o), 0);
    nb_number_value neg = {-15, 1, false}, neg2 = {-12, 1, false};
    assert_int_equal(nb_number_value_compare(neg, neg2), -1);
    assert_true(nb_number_value_double(a) == 0.5);
    assert_true(nb_number_value_double((nb_number_value){961716, 1, false}) == 96171.6);
}

static void adds_and_formats(void **state)
{
    (void)state;
    nb_number a, b, sum;
    char buf[64];
    nb_numeral_parse("0.5", 3, &a);
    nb_numeral_parse("12.25", 5, &b);
    sum = nb_number_add(&a, &b);
    assert_false(sum.overflow);
    assert_string_equal(nb_number_format(&sum, buf, sizeof buf), "12.75");
    assert_int_equal(sum.decimals, 2);
    nb_number zero = {0};
    sum = nb_number_add(&zero, &a);
    assert_string_equal(nb_number_format(&sum, buf, sizeof buf), "0.5");
    nb_numeral_parse("0.05", 4, &a);
    assert_string_equal(nb_number_format(&a, buf, sizeof buf), "0.05");
    nb_numeral_parse("155", 3, &a);
    assert_string_equal(nb_number_format(&a, buf, sizeof buf), "155");
    assert_true(nb_number_double(&a) == 155.0);
    nb_numeral_parse("999999999999999999", 18, &a);
    nb_numeral_parse("1", 1, &b);
    assert_true(nb_number_add(&a, &b).overflow);
    nb_numeral_parse("99999999999999999.9", 19, &a);
    nb_numeral_parse("0.01", 4, &b);
    assert_true(nb_number_add(&a, &b).overflow);              /* 19 digits at two decimals */
    assert_string_equal(nb_number_format(&a, buf, 4), "999"); /* cut, terminated */
    assert_int_equal(nb_number_compare(&a, &a), 0);
}

static void names_are_stable(void **state)
{
    (void)state;
    assert_string_equal(nb_cell_status_name(NB_CELL_NOT_APPLICABLE), "not_applicable");
    assert_string_equal(nb_cell_status_name((nb_cell_status)99), "unknown");
    assert_string_equal(nb_qualifier_name(NB_QUAL_MORE), "more_than");
    assert_string_equal(nb_qualifier_name(NB_QUAL_LESS), "less_than");
    assert_string_equal(nb_unit_text(NB_UNIT_RENCI), "人次");
    assert_string_equal(nb_unit_text(NB_UNIT_WAN_YUAN), "万元");
    assert_string_equal(nb_unit_text(NB_UNIT_NONE), "");
    assert_string_equal(nb_unit_text((nb_unit)99), "");
}

/* ---- nb_numeral_cell --------------------------------------------------------------------- */

typedef struct cell_case {
    const char *text;
    nb_cell_status status;
    long long units; /* for NUMBER and ZERO */
    int decimals;
} cell_case;

static const cell_case CELLS[] = {
    {"155", NB_CELL_NUMBER, 155, 0},
    {"１５５", NB_CELL_NUMBER, 155, 0},
    {" 155 ", NB_CELL_NUMBER, 155, 0},
    {"\xe3\x80\x80"
     "42\xc2\xa0",
     NB_CELL_NUMBER, 42, 0},
    {"0.5", NB_CELL_NUMBER, 5, 1},
    {"1,234", NB_CELL_NUMBER, 1234, 0},
    {"96171.6", NB_CELL_NUMBER, 961716, 1},
    {"3件", NB_CELL_NUMBER, 3, 0},
    {"三", NB_CELL_NUMBER, 3, 0},
    {"100%", NB_CELL_NUMBER, 100, 0},
    {"0", NB_CELL_ZERO, 0, 0},
    {"０", NB_CELL_ZERO, 0, 0},
    {"零", NB_CELL_ZERO, 0, 0},
    {"〇", NB_CELL_ZERO, 0, 0},
    {"0.0", NB_CELL_ZERO, 0, 1},
    {"00", NB_CELL_ZERO, 0, 0},
    {"", NB_CELL_BLANK, 0, 0},
    {"   ", NB_CELL_BLANK, 0, 0},
    {"\xe3\x80\x80", NB_CELL_BLANK, 0, 0},
    {"\xe3\x80\x80\xe3\x80\x80 \t", NB_CELL_BLANK, 0, 0},
    {"\xc2\xa0", NB_CELL_BLANK, 0, 0},
    {"—", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"——", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"-", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"--", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"/", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"/ ", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"／", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"－", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"―", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"–", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"— —", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"不适用", NB_CELL_NOT_APPLICABLE, 0, 0},
    {" 无 ", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"N/A", NB_CELL_NOT_APPLICABLE, 0, 0},
    {"详见附表", NB_CELL_TEXT, 0, 0},
    {"一", NB_CELL_TEXT, 0, 0}, /* a dash or 1: never guess */
    {"○", NB_CELL_TEXT, 0, 0},
    {"300余", NB_CELL_TEXT, 0, 0},
    {"约5", NB_CELL_TEXT, 0, 0},
    {"12,34", NB_CELL_TEXT, 0, 0},
    /* a change from the year before (2019 表二 本年增/减) is printed with its sign */
    {"-3", NB_CELL_NUMBER, -3, 0},
    {"+2", NB_CELL_NUMBER, 2, 0},
    {"－８", NB_CELL_NUMBER, -8, 0},
    {"- 3", NB_CELL_TEXT, 0, 0},
    {"-三", NB_CELL_TEXT, 0, 0},
    {"2017年", NB_CELL_TEXT, 0, 0},
    {"3 4", NB_CELL_TEXT, 0, 0},
    {"-/", NB_CELL_TEXT, 0, 0},
    {"\xff", NB_CELL_TEXT, 0, 0},
};

static void cell_case_holds(void **state)
{
    const cell_case *c = *state;
    nb_number n;
    memset(&n, 0x5A, sizeof n);
    assert_int_equal(nb_numeral_cell(c->text, strlen(c->text), &n), c->status);
    assert_int_equal(n.units, c->units);
    assert_int_equal(n.decimals, c->decimals);
    assert_false(n.overflow);
    if (c->status == NB_CELL_NUMBER || c->status == NB_CELL_ZERO)
        assert_true(n.offset + n.length <= strlen(c->text));
}

static void cell_blank_is_never_zero(void **state)
{
    (void)state;
    assert_int_equal(nb_numeral_cell(NULL, 0, NULL), NB_CELL_BLANK);
    assert_int_equal(nb_numeral_cell("0", 0, NULL), NB_CELL_BLANK);
    assert_int_equal(nb_numeral_cell("7", 1, NULL), NB_CELL_NUMBER);
    nb_number n;
    assert_int_equal(nb_numeral_cell(" 0.5万元 ", strlen(" 0.5万元 "), &n), NB_CELL_NUMBER);
    assert_int_equal(n.unit_kind, NB_UNIT_WAN_YUAN);
    assert_int_equal(n.offset, 1);
}

/* ---- nb_numeral_scan --------------------------------------------------------------------- */

typedef struct expect {
    long long units;
    nb_qualifier q;
    nb_unit unit;
    bool year;
    const char *match; /* the text of the whole match */
} expect;

static void expect_scan(const char *text, const expect *want, size_t nwant)
{
    nb_number got[16];
    size_t n = nb_numeral_scan(text, strlen(text), got, 16);
    if (n != nwant) {
        for (size_t i = 0; i < n; i++)
            print_message("  got '%.*s'\n", (int)got[i].length, text + got[i].offset);
        fail_msg("%s: %zu numbers, wanted %zu", text, n, nwant);
    }
    for (size_t i = 0; i < n; i++) {
        assert_false(got[i].overflow);
        assert_int_equal(got[i].units, want[i].units);
        assert_int_equal(got[i].decimals, 0);
        assert_int_equal(got[i].qualifier, want[i].q);
        assert_int_equal(got[i].unit_kind, want[i].unit);
        assert_int_equal(got[i].year, want[i].year);
        assert_true(got[i].offset + got[i].length <= strlen(text));
        assert_int_equal(got[i].length, strlen(want[i].match));
        assert_memory_equal(text + got[i].offset, want[i].match, got[i].length);
    }
}

static void scans_the_sample_sentence(void **state)
{
    (void)state;
    const expect want[] = {
        {2017, NB_QUAL_EXACT, NB_UNIT_NONE, false, "2017"},
        {98, NB_QUAL_EXACT, NB_UNIT_TIAO, false, "98条"},
        {300, NB_QUAL_AT_LEAST, NB_UNIT_PIAN, false, "300余篇"},
    };
    expect_scan("2017通过门户网站发布98条信息(含环评审批、投诉回复、行政处罚、三公经费、政策法规、"
                "环境质量情况和政务信息等),发布微博300余篇实时信息",
                want, 3);
}

static void scans_training_count(void **state)
{
    (void)state;
    const expect want[] = {{3, NB_QUAL_EXACT, NB_UNIT_CI, false, "3次"}};
    expect_scan("今年我局举办政务公开培训3次，采取分类培训的方式", want, 1);
}

static void scans_spaced_figures_and_year(void **state)
{
    (void)state;
    const expect want[] = {
        {2024, NB_QUAL_EXACT, NB_UNIT_NONE, true, "2024"},
        {3119, NB_QUAL_EXACT, NB_UNIT_JIAN, false, "3119 件"},
        {3050, NB_QUAL_EXACT, NB_UNIT_JIAN, false, "3050 件"},
    };
    expect_scan("2024 年，全市共受理政府信息公开申请 3119 件，答复 3050 件", want, 3);
}

static void scans_chinese_year_not_month_or_day(void **state)
{
    (void)state;
    const expect want[] = {{2017, NB_QUAL_EXACT, NB_UNIT_NONE, true, "二〇一七"}};
    expect_scan("官渡区环保局 二〇一七年十二月十八日", want, 1);
    const expect old[] = {{2009, NB_QUAL_EXACT, NB_UNIT_NONE, true, "二OO九"}};
    expect_scan("二OO九年", old, 1);
}

static void scans_chinese_quantities(void **state)
{
    (void)state;
    const expect want[] = {
        {3, NB_QUAL_EXACT, NB_UNIT_GE, false, "三个"},
        {20, NB_QUAL_AT_LEAST, NB_UNIT_CI, false, "二十余次"},
        {1000, NB_QUAL_MORE, NB_UNIT_REN, false, "逾千人"},
        {100, NB_QUAL_AT_LEAST, NB_UNIT_REN, false, "百余人"},
        {105, NB_QUAL_EXACT, NB_UNIT_JIAN, false, "一百零五件"},
        {95, NB_QUAL_EXACT, NB_UNIT_PERCENT, false, "百分之九十五"},
    };
    expect_scan("从三个方面入手，开展二十余次培训，逾千人参加，百余人获奖，办理一百零五件，"
                "满意率百分之九十五",
                want, 6);
}

static void scans_qualified_digits(void **state)
{
    (void)state;
    const expect want[] = {
        {300, NB_QUAL_AT_MOST, NB_UNIT_GE, false, "近 300 个"},
        {5500, NB_QUAL_AT_LEAST, NB_UNIT_TIAO, false, "5500 余条"},
        {30000, NB_QUAL_AT_LEAST, NB_UNIT_TIAO, false, "3万余条"},
        {5000, NB_QUAL_ABOUT, NB_UNIT_NONE, false, "约5000"},
        {100, NB_QUAL_MORE, NB_UNIT_JIAN, false, "超过100件"},
        {10, NB_QUAL_LESS, NB_UNIT_REN, false, "不足10人"},
    };
    expect_scan("短视频近 300 个，信息 5500 余条，3万余条，约5000，超过100件，不足10人", want, 6);
}

/* 节约 and 最近 are words: their 约 and 近 qualify nothing. */
static void scans_qualifier_letters_inside_words(void **state)
{
    (void)state;
    const expect want[] = {
        {3, NB_QUAL_EXACT, NB_UNIT_WAN_YUAN, false, "3万元"},
        {3, NB_QUAL_EXACT, NB_UNIT_CI, false, "3次"},
        {2, NB_QUAL_ABOUT, NB_UNIT_CI, false, "约2次"},
    };
    expect_scan("节约3万元，最近3次，约束，约2次", want, 3);
}

static void scans_ordinals_and_markers(void **state)
{
    (void)state;
    const char *t = "第3次会议，第 4 条，第三次会议，1、申请（2）其他 3.补正";
    nb_number n[8];
    size_t k = nb_numeral_scan(t, strlen(t), n, 8);
    assert_int_equal(k, 5);
    assert_true(n[0].ordinal);
    assert_int_equal(n[0].unit_kind, NB_UNIT_CI);
    assert_true(n[1].ordinal);
    assert_true(n[2].marker && n[2].units == 1);
    assert_true(n[3].marker && n[3].units == 2);
    assert_true(n[4].marker && n[4].units == 3);
}

static void scans_nothing_in_words(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "进一步加深对政务公开工作的认识",
        "一是加强组织领导，二是完善工作体系",
        "（一）从建章立制入手",
        "一、 工作完成情况",
        "一些问题，一步一步，统一领导，一体化平台，第一平台，唯一，一般事项，一线人员",
        "三公经费，“三个转变”，三个转变，十分重要，万一发生，保持一致",
        "一次性告知，一条龙服务，一件事一次办，二次开发，千家万户，千方百计",
        "三四个部门，七八十人，十三五规划，每万人，万元以上",
        "第二十条第（一）项，第三次会议",
        "“两个维护”，四个意识，坚持“五个中心”建设，三位一体",
        "二OK，OO七",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) expect_scan(texts[i], NULL, 0);
}

static void scan_respects_max(void **state)
{
    (void)state;
    const char *t = "1件2件3件4件5件";
    nb_number n[3];
    assert_int_equal(nb_numeral_scan(t, strlen(t), n, 3), 3);
    assert_int_equal(n[2].units, 3);
    assert_int_equal(nb_numeral_scan(t, strlen(t), n, 0), 0);
    assert_int_equal(nb_numeral_scan(t, strlen(t), NULL, 3), 0);
    assert_int_equal(nb_numeral_scan(NULL, 5, n, 3), 0);
    /* Resuming after the last one finds the rest. */
    size_t from = n[2].offset + n[2].length;
    assert_int_equal(nb_numeral_scan(t + from, strlen(t) - from, n, 3), 2);
}

/* ---- hostile input ----------------------------------------------------------------------- */

static uint64_t next_random(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static void check_bounds(const char *s, size_t len)
{
    nb_number n, many[64];
    size_t used = nb_numeral_parse(s, len, &n);
    assert_true(used <= len);
    if (used) {
        assert_int_equal(n.offset + n.length, used);
        assert_true(n.number_offset >= n.offset);
        assert_true(n.number_offset + n.number_length <= used);
        assert_true(n.decimals >= 0 && n.decimals <= NB_NUMBER_MAX_DIGITS);
    }
    size_t k = nb_numeral_scan(s, len, many, 64);
    assert_true(k <= 64);
    for (size_t i = 0; i < k; i++) {
        assert_true(many[i].length > 0 && many[i].offset + many[i].length <= len);
        assert_true(many[i].number_offset >= many[i].offset);
        assert_true(many[i].number_offset + many[i].number_length <=
                    many[i].offset + many[i].length);
        if (i > 0) assert_true(many[i].offset >= many[i - 1].offset + many[i - 1].length);
    }
    nb_cell_status st = nb_numeral_cell(s, len, &n);
    assert_true(st <= NB_CELL_TEXT);
    char buf[48];
    nb_number_format(&n, buf, sizeof buf);
}

/* Random bytes (invalid UTF-8 included), and random strings of the characters that matter. */
static void random_input_stays_in_bounds(void **state)
{
    (void)state;
    static const char *const pieces[] = {
        "0",     "1",  "9",  "５", ",",    "，",   ".",    "．",           "%",    "一",   "二",
        "两",    "十", "百", "千", "万",   "亿",   "零",   "〇",           "○",    "O",    "余",
        "多",    "近", "约", "逾", "超过", "不足", "以上", "左右",         "条",   "人",   "人次",
        "万元",  "元", "年", "第", "“",    " ",    "\n",   "\xe3\x80\x80", "\xe4", "\x80", "\xff",
        "百分之"};
    uint64_t seed = 0x9E3779B97F4A7C15ULL;
    char *buf = malloc(1000);
    assert_non_null(buf);
    for (int round = 0; round < 3000; round++) {
        size_t len = (size_t)(next_random(&seed) % 1001);
        if (round % 2 == 0) {
            for (size_t i = 0; i < len; i++) buf[i] = (char)(next_random(&seed) & 0xFF);
        } else {
            size_t i = 0;
            while (i < len) {
                const char *p = pieces[next_random(&seed) % (sizeof pieces / sizeof pieces[0])];
                size_t n = strlen(p);
                if (i + n > len) n = len - i;
                memcpy(buf + i, p, n);
                i += n;
            }
        }
        /* An exact-size heap block: ASan catches any read past len. */
        char *exact = malloc(len ? len : 1);
        assert_non_null(exact);
        memcpy(exact, buf, len);
        check_bounds(exact, len);
        free(exact);
    }
    free(buf);
}

/* Long runs of what the scanner starts on must stay linear (this would time out if not). */
static void long_runs_do_not_hang(void **state)
{
    (void)state;
    static const char *const units[] = {"一", "约", "二O", "十三", " ", "余", "1,", "不"};
    size_t len = 300000;
    char *s = malloc(len);
    assert_non_null(s);
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t n = strlen(units[u]), i = 0;
        for (; i + n <= len; i += n) memcpy(s + i, units[u], n);
        nb_number out[8];
        nb_numeral_scan(s, i, out, 8);
        check_bounds(s, i < 4000 ? i : 4000);
    }
    free(s);
}

/* ---- runner ------------------------------------------------------------------------------ */

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* cmocka's state is a plain void *; the cases are only read through it. */
static void *case_state(const void *c)
{
    return (void *)(uintptr_t)c;
}

int main(void)
{
    static const struct CMUnitTest fixed[] = {
        cmocka_unit_test(parse_reports_spans),
        cmocka_unit_test(parse_skips_leading_blanks),
        cmocka_unit_test(parse_marks_chinese_and_nothing),
        cmocka_unit_test(parse_stops_at_len),
        cmocka_unit_test(huge_digit_run_is_flagged_not_wrapped),
        cmocka_unit_test(large_chinese_numerals_refused),
        cmocka_unit_test(compat_accepts_overflow_refuses_null),
        cmocka_unit_test(compares_exactly_across_decimals),
        cmocka_unit_test(adds_and_formats),
        cmocka_unit_test(names_are_stable),
        cmocka_unit_test(cell_blank_is_never_zero),
        cmocka_unit_test(scans_the_sample_sentence),
        cmocka_unit_test(scans_training_count),
        cmocka_unit_test(scans_spaced_figures_and_year),
        cmocka_unit_test(scans_chinese_year_not_month_or_day),
        cmocka_unit_test(scans_chinese_quantities),
        cmocka_unit_test(scans_qualified_digits),
        cmocka_unit_test(scans_qualifier_letters_inside_words),
        cmocka_unit_test(scans_ordinals_and_markers),
        cmocka_unit_test(scans_nothing_in_words),
        cmocka_unit_test(scan_respects_max),
        cmocka_unit_test(random_input_stays_in_bounds),
        cmocka_unit_test(long_runs_do_not_hang),
    };
    enum { TOTAL = COUNT(PARSE) + COUNT(COMPAT) + COUNT(CELLS) + COUNT(fixed) };
    static struct CMUnitTest tests[TOTAL];
    static char names[TOTAL][96];
    size_t t = 0;
    for (size_t i = 0; i < COUNT(PARSE); i++, t++) {
        snprintf(names[t], sizeof names[t], "parse \"%s\"", PARSE[i].text);
        tests[t] =
            (struct CMUnitTest){names[t], parse_case_holds, NULL, NULL, case_state(&PARSE[i])};
    }
    for (size_t i = 0; i < COUNT(COMPAT); i++, t++) {
        snprintf(names[t], sizeof names[t], "compatible \"%s\" with %s is %s", COMPAT[i].prose,
                 COMPAT[i].table, COMPAT[i].expected ? "true" : "false");
        tests[t] =
            (struct CMUnitTest){names[t], compat_case_holds, NULL, NULL, case_state(&COMPAT[i])};
    }
    for (size_t i = 0; i < COUNT(CELLS); i++, t++) {
        snprintf(names[t], sizeof names[t], "cell \"%s\" is %s", CELLS[i].text,
                 nb_cell_status_name(CELLS[i].status));
        tests[t] =
            (struct CMUnitTest){names[t], cell_case_holds, NULL, NULL, case_state(&CELLS[i])};
    }
    for (size_t i = 0; i < COUNT(fixed); i++, t++) tests[t] = fixed[i];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
