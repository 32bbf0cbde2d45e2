/*
 * test_decode.c — encoding detection, conversion, normalization, the line/byte map, and the
 * messages for undecodable input. Encoding variants of the sample report are made here with
 * iconv(3), never by editing bytes by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>

#include <cmocka.h>

#include "decode.h"
#include "nianbao.h"
#include "testutil.h"

static const char SAMPLE[] = "examples/guandu-2017.txt";
static const char TRAD[] = "tests/data/guandu-2017-trad.txt";

static int decode(const char *bytes, size_t len, nb_encoding force, bool lenient, nb_text *t,
                  nb_error *err)
{
    decode_params p = {.encoding = force, .lenient = lenient, .max_warnings = 100, .name = "t.txt"};
    return decode_text((const unsigned char *)bytes, len, &p, t, err);
}

/* Decodes `bytes` (text encoded in some way) and checks that it gives back `utf8` exactly,
 * with the expected encoding, and that every line's source offset is where that line's
 * bytes start in the encoded input. */
static void check_round_trip(const char *utf8, size_t ulen, const char *bytes, size_t blen,
                             nb_encoding expect, const char *iconv_to, size_t bom)
{
    nb_text t;
    nb_error err;
    assert_int_equal(decode(bytes, blen, NB_ENC_AUTO, false, &t, &err), 0);
    assert_string_equal(nb_encoding_name(t.encoding), nb_encoding_name(expect));
    assert_int_equal(t.len, ulen);
    assert_memory_equal(t.utf8, utf8, ulen);
    assert_int_equal(t.bom_bytes, bom);
    /* The source map: encode each line on its own and add up the lengths. */
    size_t off = bom;
    for (size_t i = 0; i < t.nlines; i++) {
        assert_int_equal(t.line_src[i], off);
        size_t llen = t.line_start[i + 1] - t.line_start[i], elen;
        char *enc = tu_convert(t.utf8 + t.line_start[i], llen, iconv_to, &elen);
        assert_non_null(enc);
        free(enc);
        off += elen;
    }
    assert_int_equal(off, blen);
    decode_text_free(&t);
}

static void sample_round_trips_through_every_encoding(void **state)
{
    (void)state;
    size_t ulen;
    char *utf8 = tu_read(SAMPLE, &ulen);
    assert_true(ulen > 0 && utf8[ulen - 1] == '\n');

    check_round_trip(utf8, ulen, utf8, ulen, NB_ENC_UTF8, "UTF-8", 0);

    size_t len;
    char *bom = tu_concat("\xEF\xBB\xBF", 3, utf8, ulen, &len);
    check_round_trip(utf8, ulen, bom, len, NB_ENC_UTF8_BOM, "UTF-8", 3);
    free(bom);

    struct {
        const char *to;
        const char *bom;
        size_t bomlen;
        nb_encoding enc;
    } variants[] = {
        {"GB18030", "", 0, NB_ENC_GB18030},
        {"UTF-16LE", "\xFF\xFE", 2, NB_ENC_UTF16LE},
        {"UTF-16BE", "\xFE\xFF", 2, NB_ENC_UTF16BE},
        /* without a BOM: detected by where the NUL bytes are */
        {"UTF-16LE", "", 0, NB_ENC_UTF16LE},
        {"UTF-16BE", "", 0, NB_ENC_UTF16BE},
    };
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        size_t elen;
        char *enc = tu_convert(utf8, ulen, variants[i].to, &elen);
        assert_non_null(enc);
        char *all = tu_concat(variants[i].bom, variants[i].bomlen, enc, elen, &len);
        check_round_trip(utf8, ulen, all, len, variants[i].enc, variants[i].to, variants[i].bomlen);
        free(enc);
        free(all);
    }
    free(utf8);
}

static void traditional_text_in_big5_round_trips(void **state)
{
    (void)state;
    size_t ulen, blen;
    char *utf8 = tu_read(TRAD, &ulen);
    char *big5 = tu_convert(utf8, ulen, "BIG5", &blen);
    assert_non_null(big5);
    check_round_trip(utf8, ulen, big5, blen, NB_ENC_BIG5, "BIG5", 0);
    free(big5);
    free(utf8);
}

/* Box drawing decodes validly in both GB18030 and Big5 (and its bytes look like frequent Big5
 * characters): a short GBK report with a box-drawn table is GB18030 by its frequent simplified
 * characters; the same text in Big5 (traditional) stays Big5. */
static void gbk_box_table_is_not_big5(void **state)
{
    (void)state;
    size_t len;
    char *gbk = tu_read("tests/data/gbk-box.txt", &len);
    assert_int_equal(decode_detect_encoding((const unsigned char *)gbk, len, NULL), NB_ENC_GB18030);
    size_t blen;
    free(gbk);
    /* the same lines in traditional characters, as a Big5 archive holds them */
    const char *trad = "某縣環保局2016年政府信息公開年度報告\n┌──────────┬──┬────┐\n"
                       "│統計指標  │單位│統計數│\n├──────────┼──┼────┤\n"
                       "│主動公開政府信息數│條│  98│\n└──────────┴──┴────┘\n";
    char *big5 = tu_convert(trad, strlen(trad), "BIG5", &blen);
    assert_non_null(big5);
    assert_int_equal(decode_detect_encoding((const unsigned char *)big5, blen, NULL), NB_ENC_BIG5);
    free(big5);
}

/* Every single line of the sample, alone, is detected right in GB18030 and (traditional
 * version) in Big5; so is a one-line heading. */
static void short_inputs_are_detected(void **state)
{
    (void)state;
    const struct {
        const char *file;
        const char *to;
        nb_encoding enc;
    } cases[] = {{SAMPLE, "GB18030", NB_ENC_GB18030}, {TRAD, "BIG5", NB_ENC_BIG5}};
    for (size_t c = 0; c < 2; c++) {
        size_t ulen;
        char *utf8 = tu_read(cases[c].file, &ulen);
        size_t checked = 0;
        for (char *line = utf8, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
            size_t llen = (size_t)(nl - line), elen;
            char *enc = tu_convert(line, llen, cases[c].to, &elen);
            assert_non_null(enc);
            if (elen == llen) { /* pure ASCII: nothing to tell */
                free(enc);
                continue;
            }
            size_t bom;
            nb_encoding got = decode_detect_encoding((unsigned char *)enc, elen, &bom);
            if (got != cases[c].enc)
                fail_msg("%s line '%.*s' detected as %s", cases[c].to, (int)llen, line,
                         nb_encoding_name(got));
            free(enc);
            checked++;
        }
        assert_true(checked > 90);
        free(utf8);
    }
    /* The shortest: a two-character heading in each. */
    size_t len;
    char *g = tu_convert("二、存在问题", strlen("二、存在问题"), "GB18030", &len);
    assert_int_equal(decode_detect_encoding((unsigned char *)g, len, NULL), NB_ENC_GB18030);
    free(g);
    char *b = tu_convert("二、存在問題", strlen("二、存在問題"), "BIG5", &len);
    assert_int_equal(decode_detect_encoding((unsigned char *)b, len, NULL), NB_ENC_BIG5);
    free(b);
    char *u = "二、存在问题";
    assert_int_equal(decode_detect_encoding((unsigned char *)u, strlen(u), NULL), NB_ENC_UTF8);
}

/* Text from web pages carries U+00A0, which GBK cannot encode but GB18030 can. */
static void nbsp_needs_gb18030(void **state)
{
    (void)state;
    const char *text = "主动公开\xC2\xA0政府信息\xC2\xA0"
                       "155条\n";
    size_t len, glen;
    assert_null(tu_convert(text, strlen(text), "GBK", &len));
    char *g = tu_convert(text, strlen(text), "GB18030", &glen);
    assert_non_null(g);
    nb_text t;
    nb_error err;
    assert_int_equal(decode(g, glen, NB_ENC_AUTO, false, &t, &err), 0);
    assert_int_equal(t.encoding, NB_ENC_GB18030);
    assert_int_equal(t.len, strlen(text));
    assert_memory_equal(t.utf8, text, t.len);
    decode_text_free(&t);
    free(g);
}

static void line_ends_are_normalized_and_mapped(void **state)
{
    (void)state;
    const char in[] = "a\r\nb\rc\n\fd\xE3\x80\x80\x0C"
                      "e\r\n\r\nlast";
    nb_text t;
    nb_error err;
    assert_int_equal(decode(in, sizeof in - 1, NB_ENC_AUTO, false, &t, &err), 0);
    assert_int_equal(t.nlines, 6);
    const char want[] = "a\nb\nc\n\fd\xE3\x80\x80\x0C"
                        "e\n\nlast\n";
    assert_int_equal(t.len, sizeof want - 1);
    assert_memory_equal(t.utf8, want, t.len);
    const size_t src[] = {0, 3, 5, 7, 16, 18};
    for (size_t i = 0; i < 6; i++) assert_int_equal(t.line_src[i], src[i]);
    decode_text_free(&t);
}

static void utf16_line_ends_and_offsets(void **state)
{
    (void)state;
    const char *text = "一\r\n二\r三\n";
    size_t elen, len;
    char *e = tu_convert(text, strlen(text), "UTF-16LE", &elen);
    char *all = tu_concat("\xFF\xFE", 2, e, elen, &len);
    nb_text t;
    nb_error err;
    assert_int_equal(decode(all, len, NB_ENC_AUTO, false, &t, &err), 0);
    assert_int_equal(t.nlines, 3);
    assert_string_equal(t.utf8, "一\n二\n三\n");
    assert_int_equal(t.line_src[0], 2);
    assert_int_equal(t.line_src[1], 8);
    assert_int_equal(t.line_src[2], 12);
    decode_text_free(&t);
    free(e);
    free(all);
}

static void empty_and_bom_only(void **state)
{
    (void)state;
    const struct {
        const char *bytes;
        size_t len;
        nb_encoding enc;
    } cases[] = {
        {"", 0, NB_ENC_UTF8},
        {"\xEF\xBB\xBF", 3, NB_ENC_UTF8_BOM},
        {"\xFF\xFE", 2, NB_ENC_UTF16LE},
        {"\xFE\xFF", 2, NB_ENC_UTF16BE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nb_text t;
        nb_error err;
        assert_int_equal(decode(cases[i].bytes, cases[i].len, NB_ENC_AUTO, false, &t, &err), 0);
        assert_int_equal(t.encoding, cases[i].enc);
        assert_int_equal(t.nlines, 0);
        assert_int_equal(t.len, 0);
        assert_int_equal(t.line_start[0], 0);
        decode_text_free(&t);
    }
    /* One newline is one empty line; a BOM is not a character of it. */
    nb_text t;
    nb_error err;
    assert_int_equal(decode("\xEF\xBB\xBF\n", 4, NB_ENC_AUTO, false, &t, &err), 0);
    assert_int_equal(t.nlines, 1);
    assert_int_equal(t.line_start[1] - t.line_start[0], 1);
    assert_int_equal(t.line_src[0], 3);
    decode_text_free(&t);
}

/* Every kind of broken sequence names the right line, column, bytes and offset. */
static void broken_sequences_are_named(void **state)
{
    (void)state;
    const struct {
        const char *bytes;
        size_t len;
        nb_encoding force;
        size_t line, column, offset;
        const char *message;
    } cases[] = {
        {"ab\n\x81 x\n", 7, NB_ENC_GB18030, 2, 1, 3,
         "invalid GB18030 byte sequence 0x81 0x20 at byte 3"},
        {"\xD2\xBB\n\xD2\xBB\x81", 6, NB_ENC_GB18030, 2, 2, 5,
         "invalid GB18030 byte sequence 0x81 at byte 5"},
        {"\xD2\xBB\x81\n", 4, NB_ENC_GB18030, 1, 2, 2,
         "invalid GB18030 byte sequence 0x81 0x0A at byte 2"},
        {"x\x80y", 3, NB_ENC_GB18030, 1, 2, 1, "invalid GB18030 byte sequence 0x80 at byte 1"},
        {"x\xFFy", 3, NB_ENC_GB18030, 1, 2, 1, "invalid GB18030 byte sequence 0xFF at byte 1"},
        {"\x81\x30\x81x", 4, NB_ENC_GB18030, 1, 1, 0,
         "invalid GB18030 byte sequence 0x81 0x30 0x81 0x78 at byte 0"},
        {"\xA4\x40\xA4\x20", 4, NB_ENC_BIG5, 1, 2, 2,
         "invalid BIG5 byte sequence 0xA4 0x20 at byte 2"},
        {"ok\n\xE5\xB9\xB4\x80", 7, NB_ENC_UTF8, 2, 2, 6,
         "invalid UTF-8 byte sequence 0x80 at byte 6"},
        {"\xE5\xB9 \n", 4, NB_ENC_UTF8, 1, 1, 0,
         "invalid UTF-8 byte sequence 0xE5 0xB9 0x20 at byte 0"},
        {"a\xC0\x80", 3, NB_ENC_UTF8, 1, 2, 1, "invalid UTF-8 byte sequence 0xC0 at byte 1"},
        {"a\xED\xA0\x80", 4, NB_ENC_UTF8, 1, 2, 1,
         "invalid UTF-8 byte sequence 0xED 0xA0 at byte 1"},
        {"\xEF\xBB\xBFz\n\xFE", 6, NB_ENC_AUTO, 2, 1, 5,
         "invalid UTF-8 byte sequence 0xFE at byte 5"},
        {"a\n\nb\x00", 5, NB_ENC_UTF8, 3, 2, 4, "NUL byte 0x00 at byte 4 (binary data?)"},
        {"\xD2\xBB\x00", 3, NB_ENC_GB18030, 1, 2, 2, "NUL byte 0x00 at byte 2 (binary data?)"},
        {"\xFF\xFE"
         "a\x00\x00\xD8"
         "b\x00",
         8, NB_ENC_AUTO, 1, 2, 4, "invalid UTF-16LE byte sequence 0x00 0xD8 at byte 4"},
        {"\xFF\xFE"
         "a\x00\n\x00"
         "b",
         7, NB_ENC_AUTO, 2, 1, 6, "invalid UTF-16LE byte sequence 0x62 at byte 6"},
        {"\xFE\xFF\x00"
         "a\x00\x00",
         6, NB_ENC_AUTO, 1, 2, 4, "NUL character 0x00 0x00 at byte 4 (binary data?)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nb_text t;
        nb_error err;
        int rc = decode(cases[i].bytes, cases[i].len, cases[i].force, false, &t, &err);
        if (rc == 0) fail_msg("case %zu decoded without error", i);
        assert_int_equal(err.code, NB_ERR_DECODE);
        assert_string_equal(err.message, cases[i].message);
        assert_int_equal(err.line, cases[i].line);
        assert_int_equal(err.column, cases[i].column);
        assert_int_equal(err.byte_offset, cases[i].offset);
        assert_true(err.has_offset);
        assert_string_equal(err.file, "t.txt");
        assert_null(t.utf8);
    }
}

/* The acceptance case: a GBK file of real text with one lone lead byte in it is detected as
 * GB18030 and the message names its line and byte. */
static void gbk_file_with_lone_lead_byte(void **state)
{
    (void)state;
    size_t ulen, glen;
    char *utf8 = tu_read(SAMPLE, &ulen);
    char *gbk = tu_convert(utf8, ulen, "GBK", &glen);
    assert_non_null(gbk);
    /* Put the stray byte at the start of line 40 (a line end is always a character
     * boundary), followed by the line's first character. */
    size_t off = 0;
    for (int line = 1; line < 40; off++)
        if (gbk[off] == '\n') line++;
    char *bad = malloc(glen + 2);
    memcpy(bad, gbk, off);
    bad[off] = (char)0x81;
    memcpy(bad + off + 1, gbk + off, glen - off);
    nb_text t;
    nb_error err;
    assert_int_equal(decode(bad, glen + 1, NB_ENC_AUTO, false, &t, &err), -1);
    assert_int_equal(err.line, 40);
    assert_int_equal(err.column, 1);
    assert_int_equal(err.byte_offset, off);
    char want[128];
    snprintf(want, sizeof want, "invalid GB18030 byte sequence 0x81 0x%02X at byte %zu",
             (unsigned char)gbk[off], off);
    assert_string_equal(err.message, want);
    char formatted[1200];
    char want_formatted[256];
    snprintf(want_formatted, sizeof want_formatted, "t.txt:40:1: %s", want);
    assert_string_equal(nb_error_format(&err, formatted, sizeof formatted), want_formatted);
    free(bad);
    free(gbk);
    free(utf8);
}

static void lenient_replaces_and_warns_on_every_line(void **state)
{
    (void)state;
    const char in[] = "\xD2\xBB\x81 \n\xD2\xBB\n\x80\x80\n";
    nb_text t;
    nb_error err;
    assert_int_equal(decode(in, sizeof in - 1, NB_ENC_GB18030, true, &t, &err), 0);
    assert_string_equal(t.utf8, "一\xEF\xBF\xBD \n一\n\xEF\xBF\xBD\xEF\xBF\xBD\n");
    assert_int_equal(t.nwarnings, 3);
    assert_int_equal(t.warnings[0].line, 1);
    assert_int_equal(t.warnings[0].column, 2);
    assert_int_equal(t.warnings[0].byte_offset, 2);
    assert_int_equal(t.warnings[1].line, 3);
    assert_int_equal(t.warnings[1].column, 1);
    assert_int_equal(t.warnings[2].line, 3);
    assert_int_equal(t.warnings[2].column, 2);
    assert_string_equal(t.warnings[2].message, "invalid GB18030 byte sequence 0x80 at byte 9");
    decode_text_free(&t);

    /* Beyond max_warnings they are counted, not dropped silently. */
    decode_params p = {.encoding = NB_ENC_UTF8, .lenient = true, .max_warnings = 2, .name = "x"};
    assert_int_equal(decode_text((const unsigned char *)"\x80\x80\x80\x80\x80", 5, &p, &t, &err),
                     0);
    assert_int_equal(t.nwarnings, 2);
    assert_int_equal(t.warnings_dropped, 3);
    decode_text_free(&t);
}

static void forced_encoding_wins(void **state)
{
    (void)state;
    size_t len;
    char *g = tu_convert("政府信息公开", strlen("政府信息公开"), "GB18030", &len);
    nb_text t;
    nb_error err;
    assert_int_equal(decode(g, len, NB_ENC_BIG5, true, &t, &err), 0);
    assert_int_equal(t.encoding, NB_ENC_BIG5);
    assert_true(strcmp(t.utf8, "政府信息公开\n") != 0);
    decode_text_free(&t);
    assert_int_equal(decode(g, len, NB_ENC_GB18030, false, &t, &err), 0);
    assert_string_equal(t.utf8, "政府信息公开\n");
    decode_text_free(&t);
    free(g);
}

static void encoding_names_and_aliases(void **state)
{
    (void)state;
    const struct {
        const char *name;
        nb_encoding enc;
    } ok[] = {{"utf8", NB_ENC_UTF8},        {"UTF-8", NB_ENC_UTF8},       {"gbk", NB_ENC_GB18030},
              {"GB2312", NB_ENC_GB18030},   {"gb_18030", NB_ENC_GB18030}, {"Big5", NB_ENC_BIG5},
              {"utf-16le", NB_ENC_UTF16LE}, {"UTF-16BE", NB_ENC_UTF16BE}, {"auto", NB_ENC_AUTO}};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        nb_encoding e = (nb_encoding)99;
        assert_true(nb_encoding_from_name(ok[i].name, &e));
        assert_int_equal(e, ok[i].enc);
    }
    nb_encoding e;
    assert_false(nb_encoding_from_name("latin1", &e));
    assert_false(nb_encoding_from_name("a-very-long-name-that-is-not-an-encoding-at-all", &e));
    assert_string_equal(nb_encoding_name(NB_ENC_UTF8_BOM), "UTF-8-BOM");
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* A 50 MB GB18030 file decodes, and decoding needs memory proportional to it: the UTF-8 text
 * (about 1.45 times the input here), the line tables, and nothing of the order of the input
 * beyond that. */
static void fifty_megabytes_decode_in_bounded_memory(void **state)
{
    (void)state;
    size_t ulen, glen;
    char *utf8 = tu_read(SAMPLE, &ulen);
    char *g = tu_convert(utf8, ulen, "GB18030", &glen);
    const size_t target = 50u * 1024 * 1024;
    size_t copies = target / glen + 1, len = copies * glen;
    char *big = malloc(len);
    for (size_t i = 0; i < copies; i++) memcpy(big + i * glen, g, glen);
    long before = peak_rss_kb();

    nb_text t;
    nb_error err;
    assert_int_equal(decode(big, len, NB_ENC_AUTO, false, &t, &err), 0);
    assert_int_equal(t.encoding, NB_ENC_GB18030);
    assert_int_equal(t.nlines, copies * 101);
    assert_int_equal(t.len, copies * ulen);
    assert_int_equal(t.line_src[101 * (copies - 1)], glen * (copies - 1));
    long grown_kb = peak_rss_kb() - before;
    double ratio = (double)grown_kb * 1024.0 / (double)len;
    print_message("# 50 MB decode: input %zu bytes, peak memory grew by %ld KB (%.2f x input)\n",
                  len, grown_kb, ratio);
    assert_true(ratio < 2.5);
    decode_text_free(&t);
    free(big);
    free(g);
    free(utf8);
}

static void report_api_exposes_lines_and_offsets(void **state)
{
    (void)state;
    size_t len;
    char *g = tu_convert("标题\n一、总体情况\n", strlen("标题\n一、总体情况\n"), "GB18030", &len);
    nb_error err;
    nb_report *r = nb_report_from_bytes(g, len, "mem.txt", NULL, &err);
    assert_non_null(r);
    assert_int_equal(nb_report_encoding(r), NB_ENC_GB18030);
    assert_int_equal(nb_report_line_count(r), 2);
    size_t llen;
    const char *l2 = nb_report_line(r, 2, &llen);
    assert_int_equal(llen, strlen("一、总体情况"));
    assert_memory_equal(l2, "一、总体情况", llen);
    assert_int_equal(nb_report_line_source_offset(r, 2), 5);
    assert_null(nb_report_line(r, 3, &llen));
    assert_null(nb_report_line(r, 0, &llen));
    nb_report_free(r);

    nb_options opt;
    nb_options_init(&opt);
    opt.max_input_bytes = 4;
    assert_null(nb_report_from_bytes(g, len, "mem.txt", &opt, &err));
    assert_int_equal(err.code, NB_ERR_LIMIT);
    free(g);
}

/* UTF-16 without a BOM needs NULs on one side and a line feed; binary data with NULs on both
 * sides, a single unit, or ASCII with no line end are not taken for it. */
static void utf16_without_bom_needs_evidence(void **state)
{
    (void)state;
    unsigned char buf[4096];
    uint32_t seed = 7;
    for (size_t i = 0; i < sizeof buf; i++) {
        seed = seed * 1664525u + 1013904223u;
        buf[i] = (seed >> 24) % 4 ? (unsigned char)(seed >> 16) : 0; /* a NUL in four */
    }
    buf[100] = '\n', buf[101] = 0;
    nb_encoding got = decode_detect_encoding(buf, sizeof buf, NULL);
    assert_true(got != NB_ENC_UTF16LE && got != NB_ENC_UTF16BE);
    got = decode_detect_encoding((const unsigned char *)"a\0b\0c\0", 6, NULL);
    assert_true(got != NB_ENC_UTF16LE && got != NB_ENC_UTF16BE);
    got = decode_detect_encoding((const unsigned char *)"\n\0", 2, NULL);
    assert_true(got != NB_ENC_UTF16LE && got != NB_ENC_UTF16BE);
    /* a cut file (odd length) is still UTF-16: decoding then names the last byte */
    assert_int_equal(decode_detect_encoding((const unsigned char *)"a\0b\0\n\0x", 7, NULL),
                     NB_ENC_UTF16LE);
    /* every prefix of the sample holding a line end, in both byte orders (开 and 一 put many
     * NULs on the "wrong" side of the pairs) */
    size_t ulen;
    char *utf8 = tu_read(SAMPLE, &ulen);
    const char *orders[] = {"UTF-16LE", "UTF-16BE"};
    for (int o = 0; o < 2; o++) {
        size_t elen;
        char *enc = tu_convert(utf8, ulen, orders[o], &elen);
        assert_non_null(enc);
        const char *lf = o == 0 ? "\n\0" : "\0\n";
        size_t first_lf = 0;
        while (first_lf + 1 < elen && memcmp(enc + first_lf, lf, 2) != 0) first_lf += 2;
        for (size_t len = first_lf + 2; len <= elen; len += 97) {
            got = decode_detect_encoding((const unsigned char *)enc, len, NULL);
            if (got != (o == 0 ? NB_ENC_UTF16LE : NB_ENC_UTF16BE))
                fail_msg("%s prefix of %zu bytes detected as %s", orders[o], len,
                         nb_encoding_name(got));
        }
        free(enc);
    }
    free(utf8);
    /* one report line, 一 (U+4E00, a NUL of its own) included, in both byte orders */
    const char le[] = "\x00\x4e\x2f\x66\x32\x00\x30\x00\x31\x00\x37\x00\x74\x5e\x0a\x00";
    assert_int_equal(decode_detect_encoding((const unsigned char *)le, sizeof le - 1, NULL),
                     NB_ENC_UTF16LE);
    const char be[] = "\x4e\x00\x66\x2f\x00\x32\x00\x30\x00\x31\x00\x37\x5e\x74\x00\x0a";
    assert_int_equal(decode_detect_encoding((const unsigned char *)be, sizeof be - 1, NULL),
                     NB_ENC_UTF16BE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sample_round_trips_through_every_encoding),
        cmocka_unit_test(traditional_text_in_big5_round_trips),
        cmocka_unit_test(short_inputs_are_detected),
        cmocka_unit_test(gbk_box_table_is_not_big5),
        cmocka_unit_test(nbsp_needs_gb18030),
        cmocka_unit_test(line_ends_are_normalized_and_mapped),
        cmocka_unit_test(utf16_line_ends_and_offsets),
        cmocka_unit_test(utf16_without_bom_needs_evidence),
        cmocka_unit_test(empty_and_bom_only),
        cmocka_unit_test(broken_sequences_are_named),
        cmocka_unit_test(gbk_file_with_lone_lead_byte),
        cmocka_unit_test(lenient_replaces_and_warns_on_every_line),
        cmocka_unit_test(forced_encoding_wins),
        cmocka_unit_test(encoding_names_and_aliases),
        cmocka_unit_test(fifty_megabytes_decode_in_bounded_memory),
        cmocka_unit_test(report_api_exposes_lines_and_offsets),
    };
    return cmocka_run_group_tests_name("decode", tests, NULL, NULL);
}
