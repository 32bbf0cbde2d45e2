/*
 * test_utf8.c — UTF-8 decoding/encoding, character classes, folding for parsing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

static int32_t dec(const char *s, size_t len, size_t *adv)
{
    return nb_utf8_decode((const unsigned char *)s, len, adv);
}

static void decodes_each_length(void **state)
{
    (void)state;
    size_t adv;
    assert_int_equal(dec("A", 1, &adv), 'A');
    assert_int_equal(adv, 1);
    assert_int_equal(dec("\xC2\xA0", 2, &adv), 0xA0);
    assert_int_equal(adv, 2);
    assert_int_equal(dec("\xE4\xB8\x80", 3, &adv), 0x4E00); /* 一 */
    assert_int_equal(adv, 3);
    assert_int_equal(dec("\xF0\xA0\x80\x80", 4, &adv), 0x20000); /* 𠀀 */
    assert_int_equal(adv, 4);
}

static void rejects_invalid_with_maximal_subpart(void **state)
{
    (void)state;
    size_t adv;
    assert_int_equal(dec("\x80", 1, &adv), NB_UTF8_INVALID); /* lone continuation */
    assert_int_equal(adv, 1);
    assert_int_equal(dec("\xC0\x80", 2, &adv), NB_UTF8_INVALID); /* overlong NUL */
    assert_int_equal(adv, 1);
    assert_int_equal(dec("\xE0\x80\x80", 3, &adv), NB_UTF8_INVALID); /* overlong */
    assert_int_equal(adv, 1);
    assert_int_equal(dec("\xED\xA0\x80", 3, &adv), NB_UTF8_INVALID); /* surrogate */
    assert_int_equal(adv, 1);
    assert_int_equal(dec("\xF4\x90\x80\x80", 4, &adv), NB_UTF8_INVALID); /* > U+10FFFF */
    assert_int_equal(adv, 1);
    assert_int_equal(dec("\xE4\xB8", 2, &adv), NB_UTF8_INVALID); /* truncated at the end */
    assert_int_equal(adv, 2);
    assert_int_equal(dec("\xE4\xB8 ", 3, &adv), NB_UTF8_INVALID); /* broken by a space */
    assert_int_equal(adv, 2);
    assert_int_equal(dec("\xFF", 1, &adv), NB_UTF8_INVALID);
    assert_int_equal(adv, 1);
}

static void encodes_and_round_trips(void **state)
{
    (void)state;
    const uint32_t cps[] = {0x41, 0xA0, 0x3000, 0x4E00, 0xFFFD, 0x20000, 0x10FFFF};
    for (size_t i = 0; i < sizeof cps / sizeof cps[0]; i++) {
        char buf[4];
        size_t n = nb_utf8_encode(cps[i], buf), adv;
        assert_true(n >= 1 && n <= 4);
        assert_int_equal(dec(buf, n, &adv), (int32_t)cps[i]);
        assert_int_equal(adv, n);
    }
    char buf[4];
    assert_int_equal(nb_utf8_encode(0xD800, buf), 0);
    assert_int_equal(nb_utf8_encode(0x110000, buf), 0);
}

static void validates_and_counts(void **state)
{
    (void)state;
    const char *s = "年报\xE4\xB8 x";
    assert_int_equal(nb_utf8_validate((const unsigned char *)s, strlen(s)), 6);
    assert_int_equal(nb_utf8_validate((const unsigned char *)"年报", 6), 6);
    assert_int_equal(nb_utf8_length("年报ab", 8), 4);
}

static void classes(void **state)
{
    (void)state;
    assert_true(nb_utf8_is_space(0x3000));
    assert_true(nb_utf8_is_space('\f'));
    assert_true(nb_utf8_is_space(0xA0));
    assert_false(nb_utf8_is_space(0x4E00));
    assert_true(nb_utf8_is_han(0x4E00));
    assert_true(nb_utf8_is_han(0x3007)); /* 〇 in years */
    assert_true(nb_utf8_is_han(0x20000));
    assert_false(nb_utf8_is_han(0x3002));
    assert_true(nb_utf8_is_cjk_punct(0x3002));  /* 。 */
    assert_true(nb_utf8_is_cjk_punct(0xFF0C));  /* ， */
    assert_false(nb_utf8_is_cjk_punct(0xFF11)); /* １ is a digit */
    assert_true(nb_utf8_is_digit(0xFF11));
    assert_true(nb_utf8_is_fullwidth(0xFF21));
}

static void folds_fullwidth_digits_and_letters_only(void **state)
{
    (void)state;
    assert_int_equal(nb_utf8_fold(0xFF11), '1');
    assert_int_equal(nb_utf8_fold(0xFF21), 'A');
    assert_int_equal(nb_utf8_fold(0xFF41), 'a');
    assert_int_equal(nb_utf8_fold(0xFF0C), 0xFF0C); /* ， stays */
    assert_int_equal(nb_utf8_fold(0x3000), 0x3000);
    char out[64];
    const char *in = "发布１５５条ＡＢ，";
    size_t need = nb_utf8_fold_copy(in, strlen(in), out, sizeof out);
    assert_string_equal(out, "发布155条AB，");
    assert_int_equal(need, strlen(out));
}

static void fold_copy_never_cuts_a_character(void **state)
{
    (void)state;
    char out[5];
    size_t need = nb_utf8_fold_copy("年报", 6, out, sizeof out);
    assert_int_equal(need, 6);
    assert_string_equal(out, "年"); /* 报 would not fit whole */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(decodes_each_length),
        cmocka_unit_test(rejects_invalid_with_maximal_subpart),
        cmocka_unit_test(encodes_and_round_trips),
        cmocka_unit_test(validates_and_counts),
        cmocka_unit_test(classes),
        cmocka_unit_test(folds_fullwidth_digits_and_letters_only),
        cmocka_unit_test(fold_copy_never_cuts_a_character),
    };
    return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
