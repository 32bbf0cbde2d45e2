/*
 * decode.c — encoding detection, conversion to UTF-8, line splitting and the source map.
 *
 * The input is split into lines first, in the input's own code units (a line ends at LF,
 * CRLF or a lone CR; none of these bytes can occur inside a multi-byte character of GB18030
 * or Big5), and each line is converted on its own. That keeps the map from every line to its
 * byte offset exact, lets a bad byte be named by line and column without a second pass, and
 * keeps memory proportional to the input whatever its size.
 *
 * Must not: know anything about reports.
 */
#include "decode.h"

#include "error.h"
#include "utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- names ------------------------------------------------------------------------------- */

const char *nb_encoding_name(nb_encoding enc)
{
    switch (enc) {
    case NB_ENC_UTF8:
        return "UTF-8";
    case NB_ENC_UTF8_BOM:
        return "UTF-8-BOM";
    case NB_ENC_UTF16LE:
        return "UTF-16LE";
    case NB_ENC_UTF16BE:
        return "UTF-16BE";
    case NB_ENC_GB18030:
        return "GB18030";
    case NB_ENC_BIG5:
        return "BIG5";
    case NB_ENC_AUTO:
        break;
    }
    return "auto";
}

bool nb_encoding_from_name(const char *name, nb_encoding *out)
{
    static const struct {
        const char *alias; /* lower case, without '-', '_' and spaces */
        nb_encoding enc;
    } aliases[] = {
        {"auto", NB_ENC_AUTO},        {"utf8", NB_ENC_UTF8},       {"utf8bom", NB_ENC_UTF8_BOM},
        {"utf8sig", NB_ENC_UTF8_BOM}, {"utf16le", NB_ENC_UTF16LE}, {"utf16", NB_ENC_UTF16LE},
        {"unicode", NB_ENC_UTF16LE},  {"ucs2le", NB_ENC_UTF16LE},  {"utf16be", NB_ENC_UTF16BE},
        {"ucs2be", NB_ENC_UTF16BE},   {"gb18030", NB_ENC_GB18030}, {"gbk", NB_ENC_GB18030},
        {"gb2312", NB_ENC_GB18030},   {"cp936", NB_ENC_GB18030},   {"euccn", NB_ENC_GB18030},
        {"936", NB_ENC_GB18030},      {"big5", NB_ENC_BIG5},       {"cp950", NB_ENC_BIG5},
    };
    char key[32];
    size_t n = 0;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (c == '-' || c == '_' || c == ' ') continue;
        if (n + 1 >= sizeof key) return false;
        key[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    key[n] = '\0';
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++) {
        if (strcmp(key, aliases[i].alias) == 0) {
            *out = aliases[i].enc;
            return true;
        }
    }
    return false;
}

static const char *iconv_name(nb_encoding enc)
{
    switch (enc) {
    case NB_ENC_UTF16LE:
        return "UTF-16LE";
    case NB_ENC_UTF16BE:
        return "UTF-16BE";
    case NB_ENC_GB18030:
        return "GB18030";
    case NB_ENC_BIG5:
        return "BIG5";
    default:
        return NULL; /* UTF-8 is validated here, not converted */
    }
}

/* ---- detection --------------------------------------------------------------------------- */

static size_t bom_length(const unsigned char *d, size_t n, nb_encoding *enc)
{
    if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) {
        *enc = NB_ENC_UTF8_BOM;
        return 3;
    }
    if (n >= 2 && d[0] == 0xFF && d[1] == 0xFE) {
        *enc = NB_ENC_UTF16LE;
        return 2;
    }
    if (n >= 2 && d[0] == 0xFE && d[1] == 0xFF) {
        *enc = NB_ENC_UTF16BE;
        return 2;
    }
    return 0;
}

/* What a double-byte encoding makes of the bytes: how many sequences are invalid, and how
 * plausible the valid ones are as Chinese report text (common characters and punctuation
 * score high, kana, Cyrillic and unassigned areas score low). */
typedef struct mb_stats {
    size_t invalid;
    long score;
} mb_stats;

static int gb_pair_score(unsigned lead, unsigned trail)
{
    if (trail < 0xA1) return -1; /* GBK extension: rare in real GB text, common in Big5 */
    if (lead >= 0xB0 && lead <= 0xD7) return 3; /* GB2312 level 1 hanzi */
    if (lead >= 0xD8 && lead <= 0xF7) return 1; /* level 2 hanzi */
    if (lead == 0xA1 || lead == 0xA3) return 2; /* CJK and full-width punctuation */
    if (lead == 0xA2 || lead == 0xA9) return 1; /* numbered items, box drawing */
    if (lead >= 0xA6 && lead <= 0xA8) return 0; /* Greek, Cyrillic, pinyin */
    return -1;                                  /* kana, user-defined areas */
}

static void scan_gb18030(const unsigned char *d, size_t n, mb_stats *st)
{
    for (size_t i = 0; i < n;) {
        unsigned c = d[i];
        if (c < 0x80) {
            i++;
        } else if (c == 0x80 || c == 0xFF || i + 1 >= n) {
            st->invalid++;
            i++;
        } else if (d[i + 1] >= 0x30 && d[i + 1] <= 0x39) {
            if (i + 3 < n && d[i + 2] >= 0x81 && d[i + 2] <= 0xFE && d[i + 3] >= 0x30 &&
                d[i + 3] <= 0x39) {
                i += 4; /* four-byte form (NBSP, rare characters): neutral */
            } else {
                st->invalid++;
                i++;
            }
        } else if (d[i + 1] >= 0x40 && d[i + 1] != 0x7F && d[i + 1] != 0xFF) {
            st->score += gb_pair_score(c, d[i + 1]);
            i += 2;
        } else {
            st->invalid++;
            i++;
        }
    }
}

static int big5_pair_score(unsigned lead, unsigned trail)
{
    if (lead >= 0xA4 && lead <= 0xC6) return 3;     /* frequent characters (常用字) */
    if (lead == 0xA1 || lead == 0xA2) return 2;     /* punctuation and symbols */
    if (lead >= 0xC9 && lead <= 0xF9) return 1;     /* less frequent characters */
    if (lead == 0xA3) return trail < 0xC0 ? 0 : -2; /* Greek, bopomofo, then unassigned */
    return -1;                                      /* C7, C8: extensions (kana, Cyrillic) */
}

static void scan_big5(const unsigned char *d, size_t n, mb_stats *st)
{
    for (size_t i = 0; i < n;) {
        unsigned c = d[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        unsigned t = i + 1 < n ? d[i + 1] : 0;
        if (c >= 0xA1 && c <= 0xF9 && ((t >= 0x40 && t <= 0x7E) || (t >= 0xA1 && t <= 0xFE))) {
            st->score += big5_pair_score(c, t);
            i += 2;
        } else {
            st->invalid++;
            i++;
        }
    }
}

static void scan_utf8(const unsigned char *d, size_t n, size_t *multibyte, size_t *invalid)
{
    size_t adv;
    for (size_t i = 0; i < n; i += adv) {
        if (d[i] < 0x80) {
            adv = 1;
            continue;
        }
        if (nb_utf8_decode(d + i, n - i, &adv) == NB_UTF8_INVALID)
            (*invalid)++;
        else
            (*multibyte)++;
    }
}

/* UTF-16 without a BOM (some exporters write none). Text in the other encodings has no NUL
 * byte; UTF-16 text has one in every ASCII character (digits, spaces, line ends). Which side
 * of the pair it is on gives the byte order, but not by itself: common characters such as 开
 * (U+5F00) and 一 (U+4E00) have a NUL on the other side. A line feed, though, is a whole unit,
 * 0A 00 or 00 0A, and no Chinese text holds the other reading (U+0A00); binary data gives
 * itself away by NUL pairs (U+0000) and by non-ASCII bytes beside its NULs. Returns
 * NB_ENC_AUTO when the bytes do not look like UTF-16. */
static nb_encoding utf16_without_bom(const unsigned char *d, size_t n)
{
    if (n < 4) return NB_ENC_AUTO; /* an odd last byte (a cut file) is reported when decoding */
    size_t units = n / 2, nul_pairs = 0, lf[2] = {0, 0}, ascii[2] = {0, 0}, other[2] = {0, 0};
    for (size_t i = 0; i + 1 < n; i += 2) {
        unsigned a = d[i], b = d[i + 1];
        if (a == 0 && b == 0) {
            nul_pairs++;
        } else if (b == 0) { /* little-endian ASCII, or not */
            lf[0] += a == '\n';
            if (a < 0x80)
                ascii[0]++;
            else
                other[0]++;
        } else if (a == 0) {
            lf[1] += b == '\n';
            if (b < 0x80)
                ascii[1]++;
            else
                other[1]++;
        }
    }
    if (nul_pairs * 100 > units) return NB_ENC_AUTO;
    for (int e = 0; e < 2; e++)
        if (lf[e] && !lf[1 - e] && ascii[e] * 50 >= units && other[e] * 10 <= ascii[e])
            return e == 0 ? NB_ENC_UTF16LE : NB_ENC_UTF16BE;
    return NB_ENC_AUTO;
}

nb_encoding decode_detect_encoding(const unsigned char *data, size_t len, size_t *bom_bytes)
{
    nb_encoding enc = NB_ENC_UTF8;
    size_t bom = bom_length(data, len, &enc);
    if (bom_bytes) *bom_bytes = bom;
    if (bom) return enc;
    if ((enc = utf16_without_bom(data, len)) != NB_ENC_AUTO) return enc;

    size_t multibyte = 0, bad = 0;
    scan_utf8(data, len, &multibyte, &bad);
    if (bad == 0) return NB_ENC_UTF8;
    /* Mostly UTF-8 with some broken bytes (a GB18030 line pasted in): report it as UTF-8 and
     * name those bytes. GB18030 and Big5 text forms valid UTF-8 sequences by accident at most
     * 0.2 per invalid byte over a whole report (0.6 on its worst single line, measured on the
     * sample), so three valid sequences per invalid byte is UTF-8. */
    if (multibyte >= 8 && multibyte >= 3 * bad) return NB_ENC_UTF8;

    mb_stats gb = {0, 0}, big5 = {0, 0};
    scan_gb18030(data, len, &gb);
    scan_big5(data, len, &big5);
    if (multibyte > 0 && bad <= gb.invalid && bad <= big5.invalid) return NB_ENC_UTF8;
    if (big5.invalid < gb.invalid) return NB_ENC_BIG5;
    if (big5.invalid == gb.invalid && big5.score > gb.score) return NB_ENC_BIG5;
    return NB_ENC_GB18030;
}

/* ---- output buffers ---------------------------------------------------------------------- */

typedef struct decoder {
    const unsigned char *data;
    size_t len;
    const decode_params *params;
    nb_encoding enc; /* the one used to convert (UTF-8-BOM converts as UTF-8) */
    unsigned unit;   /* code unit size in bytes: 1, or 2 for UTF-16 */
    iconv_t cd;
    nb_text *t;
    size_t cap_text, cap_starts, cap_srcs, cap_warnings;
    nb_error *err;
} decoder;

static int grow(void **p, size_t *cap, size_t need, size_t elem, nb_error *err)
{
    if (need <= *cap) return 0;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem) goto nomem;
        ncap *= 2;
    }
    void *np = realloc(*p, ncap * elem);
    if (!np) goto nomem;
    *p = np;
    *cap = ncap;
    return 0;
nomem:
    nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while decoding");
    return -1;
}

static int reserve_text(decoder *dc, size_t extra)
{
    return grow((void **)&dc->t->utf8, &dc->cap_text, dc->t->len + extra, 1, dc->err);
}

static int append_text(decoder *dc, const void *p, size_t n)
{
    if (reserve_text(dc, n) != 0) return -1;
    memcpy(dc->t->utf8 + dc->t->len, p, n);
    dc->t->len += n;
    return 0;
}

/* ---- bad bytes --------------------------------------------------------------------------- */

/* How many bytes from `off` to show in a message: the broken sequence with the byte that
 * broke it, so that "0x81 0x20" shows a lead byte followed by a space. */
static size_t shown_bytes(const decoder *dc, size_t off, size_t skip, bool nul)
{
    size_t left = dc->len - off, n;
    unsigned c = dc->data[off];
    if (nul) {
        n = dc->unit;
    } else if (dc->unit == 2) {
        n = 2;
    } else if (dc->enc == NB_ENC_UTF8 || dc->enc == NB_ENC_UTF8_BOM) {
        n = (c >= 0xC2 && c <= 0xF4) ? skip + 1 : 1;
    } else if (c >= 0x81 && c <= 0xFE) {
        /* GB18030's four-byte form: lead, 0x30-0x39, lead, 0x30-0x39 */
        bool four = dc->enc == NB_ENC_GB18030 && left > 2 && dc->data[off + 1] >= 0x30 &&
                    dc->data[off + 1] <= 0x39 && dc->data[off + 2] >= 0x81 &&
                    dc->data[off + 2] <= 0xFE;
        n = four ? 4 : 2;
    } else {
        n = 1;
    }
    if (n > 4) n = 4;
    return n < left ? n : left;
}

/* A byte sequence at `off` cannot be decoded (or is a NUL). Fails with a message naming the
 * line, column and byte; or, when lenient, writes U+FFFD and records a warning. */
static int bad_sequence(decoder *dc, size_t off, size_t skip, bool nul, size_t line_out_start)
{
    nb_text *t = dc->t;
    nb_warning w;
    memset(&w, 0, sizeof w);
    w.line = t->nlines;
    w.column = nb_utf8_length(t->utf8 + line_out_start, t->len - line_out_start) + 1;
    w.byte_offset = off;
    w.nbytes = (unsigned char)shown_bytes(dc, off, skip, nul);
    memcpy(w.bytes, dc->data + off, w.nbytes);

    char hex[32] = "";
    for (size_t i = 0, n = 0; i < w.nbytes; i++)
        n += (size_t)snprintf(hex + n, sizeof hex - n, "%s0x%02X", i ? " " : "", w.bytes[i]);
    if (nul)
        snprintf(w.message, sizeof w.message, "NUL %s %s at byte %zu (binary data?)",
                 dc->unit == 2 ? "character" : "byte", hex, off);
    else
        snprintf(w.message, sizeof w.message, "invalid %s byte sequence %s at byte %zu",
                 nb_encoding_name(dc->enc == NB_ENC_UTF8_BOM ? NB_ENC_UTF8 : dc->enc), hex, off);

    if (!dc->params->lenient) {
        nb_error_set(dc->err, NB_ERR_DECODE, dc->params->name, w.line, w.column, "%s", w.message);
        dc->err->byte_offset = off;
        dc->err->has_offset = true;
        return -1;
    }
    if (append_text(dc, "\xEF\xBF\xBD", 3) != 0) return -1;
    if (t->nwarnings < dc->params->max_warnings) {
        if (grow((void **)&t->warnings, &dc->cap_warnings, t->nwarnings + 1, sizeof w, dc->err) !=
            0)
            return -1;
        t->warnings[t->nwarnings++] = w;
    } else {
        t->warnings_dropped++;
    }
    return 0;
}

/* ---- conversion of one line -------------------------------------------------------------- */

static int convert_utf8(decoder *dc, size_t s, size_t e, size_t line_out)
{
    const unsigned char *d = dc->data;
    size_t run = s, i = s, adv;
    while (i < e) {
        unsigned c = d[i];
        if (c >= 0x01 && c < 0x80) {
            i++;
            continue;
        }
        bool nul = c == 0;
        if (!nul && nb_utf8_decode(d + i, e - i, &adv) != NB_UTF8_INVALID) {
            i += adv;
            continue;
        }
        if (nul) adv = 1;
        if (append_text(dc, d + run, i - run) != 0) return -1;
        if (bad_sequence(dc, i, adv, nul, line_out) != 0) return -1;
        i += adv;
        run = i;
    }
    return append_text(dc, d + run, e - run);
}

static bool is_nul_unit(const decoder *dc, size_t i)
{
    return dc->data[i] == 0 && (dc->unit == 1 || (i + 1 < dc->len && dc->data[i + 1] == 0));
}

/* Converts data[s..e) with iconv; stops at nothing but memory exhaustion. */
static int convert_iconv(decoder *dc, size_t s, size_t e, size_t line_out)
{
    size_t i = s;
    while (i < e) {
        size_t z = i;
        while (z < e && !is_nul_unit(dc, z)) z += dc->unit;
        if (z > e) z = e; /* an odd trailing byte of UTF-16 */
        while (i < z) {
            if (reserve_text(dc, 2 * (z - i) + 8) != 0) return -1;
            char *in = (char *)(dc->data + i), *out = dc->t->utf8 + dc->t->len;
            size_t inleft = z - i, outleft = dc->cap_text - dc->t->len;
            size_t rc = iconv(dc->cd, &in, &inleft, &out, &outleft);
            int saved = errno;
            dc->t->len = (size_t)(out - dc->t->utf8);
            i = (size_t)((const unsigned char *)in - dc->data);
            if (rc != (size_t)-1) break;
            if (saved == E2BIG) continue;
            /* EILSEQ (invalid) or EINVAL (incomplete at the end of the line) */
            iconv(dc->cd, NULL, NULL, NULL, NULL);
            size_t skip = dc->unit < z - i ? dc->unit : z - i;
            if (bad_sequence(dc, i, skip, false, line_out) != 0) return -1;
            i += skip;
        }
        if (z < e) {
            if (bad_sequence(dc, z, dc->unit, true, line_out) != 0) return -1;
            i = z + dc->unit;
        }
    }
    return 0;
}

/* ---- lines ------------------------------------------------------------------------------- */

static unsigned unit_at(const decoder *dc, size_t i)
{
    if (dc->unit == 1) return dc->data[i];
    if (i + 1 >= dc->len) return 0xFFFF; /* odd trailing byte: not a line end */
    return dc->enc == NB_ENC_UTF16LE ? (unsigned)(dc->data[i] | dc->data[i + 1] << 8)
                                     : (unsigned)(dc->data[i] << 8 | dc->data[i + 1]);
}

/* Finds the end of the line that starts at s: *content_end excludes the terminator, and the
 * return value is where the next line starts. */
static size_t line_end(const decoder *dc, size_t s, size_t *content_end)
{
    size_t i = s;
    if (dc->unit == 1) {
        const unsigned char *d = dc->data;
        while (i < dc->len && d[i] != '\n' && d[i] != '\r') i++;
    } else {
        while (i < dc->len) {
            unsigned u = unit_at(dc, i);
            if (u == '\n' || u == '\r') break;
            i += 2;
        }
        if (i > dc->len) i = dc->len;
    }
    *content_end = i;
    if (i >= dc->len) return dc->len;
    unsigned u = unit_at(dc, i);
    i += dc->unit;
    if (u == '\r' && i < dc->len && unit_at(dc, i) == '\n') i += dc->unit;
    return i;
}

static int decode_lines(decoder *dc, size_t start)
{
    nb_text *t = dc->t;
    for (size_t s = start; s < dc->len;) {
        size_t e, next = line_end(dc, s, &e);
        if (dc->params->max_line_bytes && e - s > dc->params->max_line_bytes) {
            nb_error_set(dc->err, NB_ERR_LIMIT, dc->params->name, t->nlines + 1, 0,
                         "line is %zu bytes long, more than the limit of %zu (raise it with "
                         "--max-line-length)",
                         e - s, dc->params->max_line_bytes);
            return -1;
        }
        if (grow((void **)&t->line_start, &dc->cap_starts, t->nlines + 2, sizeof(size_t),
                 dc->err) != 0 ||
            grow((void **)&t->line_src, &dc->cap_srcs, t->nlines + 1, sizeof(size_t), dc->err) != 0)
            return -1;
        size_t line_out = t->len;
        t->line_start[t->nlines] = line_out;
        t->line_src[t->nlines] = s;
        t->nlines++;
        int rc = dc->unit == 1 && iconv_name(dc->enc) == NULL ? convert_utf8(dc, s, e, line_out)
                                                              : convert_iconv(dc, s, e, line_out);
        if (rc != 0) return -1;
        if (append_text(dc, "\n", 1) != 0) return -1;
        s = next;
    }
    if (grow((void **)&t->line_start, &dc->cap_starts, t->nlines + 1, sizeof(size_t), dc->err) != 0)
        return -1;
    t->line_start[t->nlines] = t->len;
    /* A terminating NUL (not counted in len) makes the text safe for C string functions. */
    if (reserve_text(dc, 1) != 0) return -1;
    t->utf8[t->len] = '\0';
    return 0;
}

int decode_text(const unsigned char *data, size_t len, const decode_params *p, nb_text *out,
                nb_error *err)
{
    memset(out, 0, sizeof *out);
    nb_encoding enc = p->encoding;
    size_t bom = 0;
    if (enc == NB_ENC_AUTO) {
        enc = decode_detect_encoding(data, len, &bom);
    } else {
        nb_encoding bom_enc = NB_ENC_AUTO;
        bom = bom_length(data, len, &bom_enc);
        if (enc == NB_ENC_UTF8 && bom_enc == NB_ENC_UTF8_BOM) enc = NB_ENC_UTF8_BOM;
        if (bom_enc != enc) bom = 0; /* a forced encoding keeps bytes that are not its BOM */
    }
    decoder dc = {.data = data,
                  .len = len,
                  .params = p,
                  .enc = enc,
                  .unit = (enc == NB_ENC_UTF16LE || enc == NB_ENC_UTF16BE) ? 2 : 1,
                  .cd = (iconv_t)-1,
                  .t = out,
                  .err = err};
    out->encoding = enc;
    out->bom_bytes = bom;
    const char *from = iconv_name(enc);
    if (from) {
        dc.cd = iconv_open("UTF-8", from);
        if (dc.cd == (iconv_t)-1) {
            nb_error_set(err, NB_ERR_INTERNAL, p->name, 0, 0,
                         "this system's iconv cannot convert from %s", from);
            return -1;
        }
    }
    /* Most text grows by half when GB18030, Big5 or UTF-16 becomes UTF-8: reserve that once. */
    int rc = reserve_text(&dc, (len - bom) + (from ? (len - bom) / 2 : 0) + 1);
    if (rc == 0) rc = decode_lines(&dc, bom);
    if (dc.cd != (iconv_t)-1) iconv_close(dc.cd);
    if (rc != 0) {
        decode_text_free(out);
        return -1;
    }
    return 0;
}

void decode_text_free(nb_text *t)
{
    if (!t) return;
    free(t->utf8);
    free(t->line_start);
    free(t->line_src);
    free(t->warnings);
    memset(t, 0, sizeof *t);
}
