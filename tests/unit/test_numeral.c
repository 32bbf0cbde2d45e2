/*
 * test_numeral.c — numbers in prose and cells: digits, full-width digits, separators,
 * decimals, Chinese numerals, multipliers, qualifiers, units; cell status; agreement of a
 * qualified prose figure with a table value.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "numeral.h"

static const struct {
    const char *text;
    long long units;
    int decimals;
    nb_qualifier q;
    const char *unit;
    size_t consumed; /* bytes; 0 means all of text */
} PARSE[] = {
    {"98条", 98, 0, NB_QUAL_EXACT, "条", 0},
    {"300余篇", 300, 0, NB_QUAL_AT_LEAST, "篇", 0},
    {"3次", 3, 0, NB_QUAL_EXACT, "次", 0},
    {"三", 3, 0, NB_QUAL_EXACT, "", 0},
    {"十二", 12, 0, NB_QUAL_EXACT, "", 0},
    {"二十", 20, 0, NB_QUAL_EXACT, "", 0},
    {"二十余", 20, 0, NB_QUAL_AT_LEAST, "", 0},
    {"一百零五", 105, 0, NB_QUAL_EXACT, "", 0},
    {"两", 2, 0, NB_QUAL_EXACT, "", 0},
    {"两千三百", 2300, 0, NB_QUAL_EXACT, "", 0},
    {"三万五千", 35000, 0, NB_QUAL_EXACT, "", 0},
    {"十", 10, 0, NB_QUAL_EXACT, "", 0},
    {"一十", 10, 0, NB_QUAL_EXACT, "", 0},
    {"十万", 100000, 0, NB_QUAL_EXACT, "", 0},
    {"三亿五千万", 350000000, 0, NB_QUAL_EXACT, "", 0},
    {"二〇一七", 2017, 0, NB_QUAL_EXACT, "", 0},
    {"二○一七", 2017, 0, NB_QUAL_EXACT, "", 0},
    {"二O一七", 2017, 0, NB_QUAL_EXACT, "", 0},
    {"二0一七", 2017, 0, NB_QUAL_EXACT, "", 0},
    {"近300", 300, 0, NB_QUAL_AT_MOST, "", 0},
    {"约5000", 5000, 0, NB_QUAL_ABOUT, "", 0},
    {"5000左右", 5000, 0, NB_QUAL_ABOUT, "", 0},
    {"超过100", 100, 0, NB_QUAL_MORE, "", 0},
    {"逾千", 1000, 0, NB_QUAL_MORE, "", 0},
    {"不足10", 10, 0, NB_QUAL_LESS, "", 0},
    {"不到10人", 10, 0, NB_QUAL_LESS, "人", 0},
    {"100多条", 100, 0, NB_QUAL_AT_LEAST, "条", 0},
    {"100条以上", 100, 0, NB_QUAL_AT_LEAST, "条", 0},
    {"50人以下", 50, 0, NB_QUAL_AT_MOST, "人", 0},
    {"1.5万", 15000, 0, NB_QUAL_EXACT, "", 0},
    {"3万余条", 30000, 0, NB_QUAL_AT_LEAST, "条", 0},
    {"0.5万元", 5, 1, NB_QUAL_EXACT, "万元", 0},
    {"50人次", 50, 0, NB_QUAL_EXACT, "人次", 0},
    {"1人", 1, 0, NB_QUAL_EXACT, "人", 0},
    {"１５５条", 155, 0, NB_QUAL_EXACT, "条", 0},
    {"1,234件", 1234, 0, NB_QUAL_EXACT, "件", 0},
    {"1，234件", 1234, 0, NB_QUAL_EXACT, "件", 0},
    {"96171.6", 961716, 1, NB_QUAL_EXACT, "", 0},
    {"4068.208", 4068208, 3, NB_QUAL_EXACT, "", 0},
    {"3119 件", 3119, 0, NB_QUAL_EXACT, "件", 0},
    {"12场", 12, 0, NB_QUAL_EXACT, "场", 0},
    {"6期", 6, 0, NB_QUAL_EXACT, "期", 0},
    {"100%", 100, 0, NB_QUAL_EXACT, "%", 0},
    {"21 个", 21, 0, NB_QUAL_EXACT, "个", 0},
    {"3940 元", 3940, 0, NB_QUAL_EXACT, "元", 0},
    {"12,34件", 12, 0, NB_QUAL_EXACT, "", 2}, /* not a thousands separator */
    {"5500 余条", 5500, 0, NB_QUAL_AT_LEAST, "条", 0},
};

static void parses_numbers_qualifiers_units(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof PARSE / sizeof PARSE[0]; i++) {
        nb_number n;
        size_t len = strlen(PARSE[i].text);
        size_t used = nb_numeral_parse(PARSE[i].text, len, &n);
        size_t want = PARSE[i].consumed ? PARSE[i].consumed : len;
        if (used != want || n.units != PARSE[i].units || n.decimals != PARSE[i].decimals ||
            n.qualifier != PARSE[i].q || strcmp(n.unit, PARSE[i].unit) != 0)
            fail_msg("'%s': used %zu value %lld/10^%d qualifier %s unit '%s'", PARSE[i].text, used,
                     (long long)n.units, n.decimals, nb_qualifier_name(n.qualifier), n.unit);
    }
}

static void not_numbers(void **state)
{
    (void)state;
    const char *none[] = {"", "年", "进一步", "统一", "条", "约", "超过", "余"};
    for (size_t i = 0; i < sizeof none / sizeof none[0]; i++) {
        nb_number n;
        size_t used = nb_numeral_parse(none[i], strlen(none[i]), &n);
        if (used != 0 && strcmp(none[i], "进一步") != 0 && strcmp(none[i], "统一") != 0)
            fail_msg("'%s' parsed as a number", none[i]);
    }
}

static void huge_numbers_overflow_instead_of_wrapping(void **state)
{
    (void)state;
    char digits[100001];
    memset(digits, '9', 100000);
    digits[100000] = '\0';
    nb_number n;
    assert_int_equal(nb_numeral_parse(digits, 100000, &n), 100000);
    assert_true(n.overflow);
    assert_int_equal(nb_numeral_cell(digits, 100000, &n), NB_CELL_NUMBER);
    assert_true(n.overflow);
    nb_number p = {.units = 5, .qualifier = NB_QUAL_EXACT};
    assert_true(nb_number_agrees(&p, &n)); /* cannot tell: never a discrepancy */
}

static void cell_status(void **state)
{
    (void)state;
    const struct {
        const char *text;
        nb_cell_status s;
        long long units;
    } cells[] = {
        {"155", NB_CELL_NUMBER, 155},
        {"１５５", NB_CELL_NUMBER, 155},
        {"1,234", NB_CELL_NUMBER, 1234},
        {"0.5", NB_CELL_NUMBER, 5},
        {"0", NB_CELL_ZERO, 0},
        {"０", NB_CELL_ZERO, 0},
        {"零", NB_CELL_ZERO, 0},
        {"0.0", NB_CELL_ZERO, 0},
        {"", NB_CELL_BLANK, 0},
        {"  ", NB_CELL_BLANK, 0},
        {"\xE3\x80\x80", NB_CELL_BLANK, 0},
        {"\xC2\xA0", NB_CELL_BLANK, 0},
        {"—", NB_CELL_NOT_APPLICABLE, 0},
        {"——", NB_CELL_NOT_APPLICABLE, 0},
        {"-", NB_CELL_NOT_APPLICABLE, 0},
        {"/", NB_CELL_NOT_APPLICABLE, 0},
        {"／", NB_CELL_NOT_APPLICABLE, 0},
        {"不适用", NB_CELL_NOT_APPLICABLE, 0},
        {"无", NB_CELL_NOT_APPLICABLE, 0},
        {"不適用", NB_CELL_NOT_APPLICABLE, 0}, /* a traditional copy's */
        {"無", NB_CELL_NOT_APPLICABLE, 0},
        {"暫無", NB_CELL_NOT_APPLICABLE, 0},
        {"無效", NB_CELL_TEXT, 0},
        {"－", NB_CELL_NOT_APPLICABLE, 0},
        {"详见附表", NB_CELL_TEXT, 0},
        {"约5", NB_CELL_TEXT, 0},
        {"12条", NB_CELL_NUMBER, 12},
        {" 7 ", NB_CELL_NUMBER, 7},
    };
    for (size_t i = 0; i < sizeof cells / sizeof cells[0]; i++) {
        nb_number n;
        nb_cell_status s = nb_numeral_cell(cells[i].text, strlen(cells[i].text), &n);
        if (s != cells[i].s || n.units != cells[i].units)
            fail_msg("cell '%s': %s %lld", cells[i].text, nb_cell_status_name(s),
                     (long long)n.units);
    }
}

static nb_number num(const char *s)
{
    nb_number n;
    assert_true(nb_numeral_parse(s, strlen(s), &n) > 0);
    return n;
}

static void qualified_figures_agree_with_tables(void **state)
{
    (void)state;
    const struct {
        const char *prose, *table;
        bool agrees;
    } cases[] = {
        {"300余", "200", false},  {"150余", "155", true},     {"300余", "300", true},
        {"约5000", "5100", true}, {"约5000", "5600", false},  {"5000左右", "4500", true},
        {"近300", "310", false},  {"近300", "290", true},     {"超过100", "100", false},
        {"超过100", "101", true}, {"不足10", "10", false},    {"不足10", "9", true},
        {"98", "155", false},     {"98", "98", true},         {"0.5", "0.50", true},
        {"3", "1", false},        {"100条以上", "100", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nb_number p = num(cases[i].prose), t = num(cases[i].table);
        if (nb_number_agrees(&p, &t) != cases[i].agrees)
            fail_msg("%s vs %s: want %s", cases[i].prose, cases[i].table,
                     cases[i].agrees ? "agree" : "disagree");
    }
}

static void formats_exactly(void **state)
{
    (void)state;
    char buf[64];
    nb_number n = num("0.5");
    assert_string_equal(nb_number_format(&n, buf, sizeof buf), "0.5");
    n = num("0.05");
    assert_string_equal(nb_number_format(&n, buf, sizeof buf), "0.05");
    n = num("96171.6");
    assert_string_equal(nb_number_format(&n, buf, sizeof buf), "96171.6");
    n = num("3万");
    assert_string_equal(nb_number_format(&n, buf, sizeof buf), "30000");
    nb_number a = num("1.50"), b = num("1.5");
    assert_int_equal(nb_number_compare(&a, &b), 0);
    /* written by hand: the same bytes as printf's "%s%llu.%0*llu", cut as snprintf cuts */
    uint32_t seed = 11;
    for (int round = 0; round < 200000; round++) {
        seed = seed * 1103515245u + 12345u;
        int decimals = (int)(seed >> 8) % (NB_NUMBER_MAX_DIGITS + 1),
            digits = (int)(seed >> 16) % 19;
        unsigned long long u = 0;
        for (int k = 0; k < digits; k++) {
            seed = seed * 1103515245u + 12345u;
            u = u * 10 + (seed >> 16) % 10;
        }
        unsigned long long p = 1;
        for (int k = 0; k < decimals; k++) p *= 10;
        bool negative = u && (seed & 0x100);
        nb_number m = {0};
        m.value.units = negative ? -(long long)u : (long long)u;
        m.value.decimals = decimals;
        size_t size = seed % 5 == 0 ? 1 + (seed >> 4) % 24 : sizeof buf;
        char want[64];
        if (decimals == 0)
            snprintf(want, size, "%s%llu", negative ? "-" : "", u);
        else
            snprintf(want, size, "%s%llu.%0*llu", negative ? "-" : "", u / p, decimals, u % p);
        assert_string_equal(nb_number_format(&m, buf, size), want);
    }
}

static void random_bytes_never_overrun(void **state)
{
    (void)state;
    uint32_t seed = 7;
    char buf[1000];
    for (int round = 0; round < 20000; round++) {
        seed = seed * 1103515245u + 12345u;
        size_t len = (seed >> 16) % sizeof buf;
        for (size_t k = 0; k < len; k++) {
            seed = seed * 1103515245u + 12345u;
            /* bias towards the bytes of digits and numerals */
            static const char pool[] = "0123456789,.%余多约近十百千万亿一二三两零\xEF\xBC\x91\xFF";
            buf[k] = (seed >> 20) % 4 ? pool[(seed >> 8) % (sizeof pool - 1)] : (char)(seed >> 24);
        }
        nb_number n;
        size_t used = nb_numeral_parse(buf, len, &n);
        assert_true(used <= len);
        nb_numeral_cell(buf, len, &n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_numbers_qualifiers_units),
        cmocka_unit_test(not_numbers),
        cmocka_unit_test(huge_numbers_overflow_instead_of_wrapping),
        cmocka_unit_test(cell_status),
        cmocka_unit_test(qualified_figures_agree_with_tables),
        cmocka_unit_test(formats_exactly),
        cmocka_unit_test(random_bytes_never_overrun),
    };
    return cmocka_run_group_tests_name("numeral", tests, NULL, NULL);
}
