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

/* What a double-byte encoding makes of the bytes: how many sequences are invalid, how
 * plausible the valid ones are as Chinese text (common characters and punctuation score high,
 * kana, Cyrillic and unassigned areas score low), and how many are among the 400 or so most
 * frequent characters (的 一 是 了 在 人 … 公开 政府 信息, in the simplified forms for GB18030
 * and the traditional ones for Big5). Box drawing and rare characters decode validly both
 * ways; the frequent characters of the one language are the tell. */
typedef struct mb_stats {
    size_t invalid;
    long score;
    size_t common;
} mb_stats;

static const uint16_t COMMON_GB18030[] = {
    0xB0AE, 0xB0B2, 0xB0CB, 0xB0D1, 0xB0D7, 0xB0D9, 0xB0E6, 0xB0EB, 0xB0EC, 0xB0FC, 0xB1A3, 0xB1A8,
    0xB1B1, 0xB1BB, 0xB1BE, 0xB1C8, 0xB1D8, 0xB1DF, 0xB1E3, 0xB1E4, 0xB1ED, 0xB1F0, 0xB1F8, 0xB2A2,
    0xB2BB, 0xB2BD, 0xB2BF, 0xB2C5, 0xB2FA, 0xB3A1, 0xB3A3, 0xB3A4, 0xB3B5, 0xB3C7, 0xB3C9, 0xB3CC,
    0xB3D4, 0xB3D6, 0xB3F6, 0xB4A6, 0xB4AB, 0xB4CB, 0xB4CE, 0xB4D3, 0xB4EF, 0xB4F2, 0xB4F3, 0xB4F8,
    0xB4FA, 0xB5A5, 0xB5AB, 0xB5B1, 0xB5B3, 0xB5BC, 0xB5BD, 0xB5C0, 0xB5C3, 0xB5C4, 0xB5C8, 0xB5D8,
    0xB5DA, 0xB5DC, 0xB5E3, 0xB5E7, 0xB6A8, 0xB6AB, 0xB6AF, 0xB6BC, 0xB6C1, 0xB6C8, 0xB6D3, 0xB6D4,
    0xB6E0, 0xB6F8, 0xB6F9, 0xB6FE, 0xB7A2, 0xB7A8, 0xB7B4, 0xB7B6, 0xB7BD, 0xB7BF, 0xB7C5, 0xB7C7,
    0xB7D1, 0xB7D6, 0xB7E7, 0xB7F2, 0xB7FE, 0xB8AE, 0xB8B4, 0xB8B8, 0xB8C3, 0xB8C4, 0xB8C9, 0xB8D0,
    0xB8DF, 0xB8E6, 0xB8EF, 0xB8F6, 0xB8F7, 0xB8F8, 0xB8FA, 0xB8FC, 0xB9A4, 0xB9A6, 0xB9AB, 0xB9B2,
    0xB9D8, 0xB9DB, 0xB9DC, 0xB9E2, 0xB9E3, 0xB9E6, 0xB9FA, 0xB9FB, 0xB9FD, 0xBAA3, 0xBAC3, 0xBACD,
    0xBACE, 0xBACF, 0xBADC, 0xBAEC, 0xBAF2, 0xBAF3, 0xBBA8, 0xBBAA, 0xBBAF, 0xBBB0, 0xBBB5, 0xBBB9,
    0xBBD8, 0xBBE1, 0xBBEE, 0xBBF2, 0xBBF9, 0xBBFA, 0xBCAB, 0xBCB0, 0xBCB4, 0xBCB8, 0xBCBA, 0xBCBC,
    0xBCC3, 0xBCC6, 0xBCC7, 0xBCCA, 0xBCD2, 0xBCD3, 0xBCE4, 0xBCFB, 0xBCFE, 0xBDA8, 0xBDAB, 0xBDBB,
    0xBDCC, 0xBDD0, 0xBDD3, 0xBDE1, 0xBDE2, 0xBDE7, 0xBDF0, 0xBDF1, 0xBDF8, 0xBDFC, 0xBEA9, 0xBEAD,
    0xBEBF, 0xBEC5, 0xBECD, 0xBEDD, 0xBEF5, 0xBEF6, 0xBEFC, 0xBFAA, 0xBFB4, 0xBFC6, 0xBFC9, 0xBFD5,
    0xBFDA, 0xBFEC, 0xC0B4, 0xC0CF, 0xC0EB, 0xC0ED, 0xC0EF, 0xC0FA, 0xC0FB, 0xC1A2, 0xC1A6, 0xC1AA,
    0xC1AC, 0xC1BD, 0xC1BF, 0xC1CB, 0xC1D6, 0xC1EC, 0xC1EE, 0xC1F4, 0xC1F7, 0xC1F9, 0xC2B7, 0xC2DB,
    0xC2E4, 0xC2ED, 0xC2FA, 0xC3AB, 0xC3B4, 0xC3BB, 0xC3BF, 0xC3C0, 0xC3C5, 0xC3C7, 0xC3E6, 0xC3F1,
    0xC3F7, 0xC3FB, 0xC3FC, 0xC4BF, 0xC4C7, 0xC4CF, 0xC4D1, 0xC4DA, 0xC4DC, 0xC4E3, 0xC4EA, 0xC5AE,
    0xC5C9, 0xC6AC, 0xC6B7, 0xC6BD, 0xC6DA, 0xC6DF, 0xC6E4, 0xC6F0, 0xC6F8, 0xC7A7, 0xC7B0, 0xC7BF,
    0xC7D0, 0xC7D7, 0xC7E0, 0xC7E5, 0xC7E9, 0xC7EB, 0xC7F3, 0xC7F8, 0xC8A1, 0xC8A5, 0xC8A8, 0xC8AB,
    0xC8B4, 0xC8BB, 0xC8C3, 0xC8CB, 0xC8CE, 0xC8CF, 0xC8D5, 0xC8DD, 0xC8E7, 0xC8EB, 0xC8F4, 0xC8FD,
    0xC9AB, 0xC9BD, 0xC9CC, 0xC9CF, 0xC9D9, 0xC9E7, 0xC9E8, 0xC9EA, 0xC9ED, 0xC9EE, 0xC9F1, 0xC9F9,
    0xC9FA, 0xCAA6, 0xCAA7, 0xCAAE, 0xCAB1, 0xCAB2, 0xCAB5, 0xCAB6, 0xCAB9, 0xCABC, 0xCABD, 0xCABF,
    0xCAC0, 0xCAC2, 0xCAC7, 0xCAD0, 0xCAD3, 0xCAD5, 0xCAD6, 0xCAD7, 0xCADC, 0xCAE9, 0xCAF5, 0xCAFD,
    0xCBAB, 0xCBAD, 0xCBAE, 0xCBB5, 0xCBBC, 0xCBBE, 0xCBC0, 0xCBC4, 0xCBC6, 0xCBCF, 0xCBDF, 0xCBE3,
    0xCBE4, 0xCBF9, 0xCBFB, 0xCBFC, 0xCBFD, 0xCCA8, 0xCCAB, 0xCCD8, 0xCCE1, 0xCCE2, 0xCCE5, 0xCCEC,
    0xCCF5, 0xCCFD, 0xCDA8, 0xCDAC, 0xCDB3, 0xCDB7, 0xCDE2, 0xCDEA, 0xCDF2, 0xCDF5, 0xCDF8, 0xCDF9,
    0xCDFB, 0xCEAA, 0xCEAF, 0xCEB4, 0xCEBB, 0xCEC4, 0xCECA, 0xCED2, 0xCEDE, 0xCEE4, 0xCEE5, 0xCEEF,
    0xCEF1, 0xCEF7, 0xCFA2, 0xCFB2, 0xCFB5, 0xCFC2, 0xCFC8, 0xCFD6, 0xCFE0, 0xCFEB, 0xCFEE, 0xCFF1,
    0xCFF2, 0xCFF3, 0xD0A1, 0xD0A3, 0xD0A6, 0xD0A9, 0xD0B4, 0xD0C2, 0xD0C4, 0xD0C5, 0xD0CB, 0xD0CE,
    0xD0D0, 0xD0D4, 0xD0ED, 0xD1A7, 0xD1D0, 0xD1D4, 0xD1DB, 0xD1F9, 0xD2AA, 0xD2B2, 0xD2B5, 0xD2BB,
    0xD2C0, 0xD2D1, 0xD2D4, 0xD2E2, 0xD2E5, 0xD2E9, 0xD2F2, 0xD3A6, 0xD3B0, 0xD3C3, 0xD3C9, 0xD3D0,
    0xD3D1, 0xD3D6, 0xD3DA, 0xD3EB, 0xD3EF, 0xD4AA, 0xD4AD, 0xD4B1, 0xD4B6, 0xD4BA, 0xD4BD, 0xD4C2,
    0xD4CB, 0xD4D9, 0xD4DA, 0xD4E7, 0xD4EC, 0xD4F2, 0xD4F5, 0xD5B9, 0xD5BD, 0xD5BE, 0xD5C5, 0xD5D2,
    0xD5DF, 0xD5E2, 0xD5E6, 0xD5F9, 0xD5FD, 0xD5FE, 0xD6AA, 0xD6AE, 0xD6B1, 0xD6B8, 0xD6BB, 0xD6BE,
    0xD6C1, 0xD6C6, 0xD6CE, 0xD6D0, 0xD6D6, 0xD6D8, 0xD6DA, 0xD6DC, 0xD6F7, 0xD7A1, 0xD7A8, 0xD7AA,
    0xD7C5, 0xD7CA, 0xD7D3, 0xD7D4, 0xD7D6, 0xD7DC, 0xD7DF, 0xD7E9, 0xD7EE, 0xD7F6, 0xD7F7,
};
static const uint16_t COMMON_BIG5[] = {
    0xA440, 0xA443, 0xA445, 0xA446, 0xA447, 0xA448, 0xA44A, 0xA44B, 0xA44F, 0xA451, 0xA453, 0xA454,
    0xA455, 0xA457, 0xA45D, 0xA464, 0xA466, 0xA468, 0xA46A, 0xA46B, 0xA46C, 0xA470, 0xA473, 0xA475,
    0xA476, 0xA477, 0xA47A, 0xA47E, 0xA4A3, 0xA4A4, 0xA4A7, 0xA4AD, 0xA4B0, 0xA4B5, 0xA4B8, 0xA4BA,
    0xA4BB, 0xA4BD, 0xA4C0, 0xA4C1, 0xA4C6, 0xA4CD, 0xA4CE, 0xA4CF, 0xA4D1, 0xA4D2, 0xA4D3, 0xA4D6,
    0xA4DF, 0xA4E2, 0xA4E5, 0xA4E8, 0xA4E9, 0xA4EB, 0xA4F1, 0xA4F2, 0xA4F4, 0xA4F7, 0xA4F9, 0xA4FD,
    0xA540, 0xA544, 0xA548, 0xA54C, 0xA54E, 0xA54F, 0xA558, 0xA55B, 0xA55C, 0xA55D, 0xA55F, 0xA562,
    0xA568, 0xA569, 0xA571, 0xA573, 0xA575, 0xA57C, 0xA57E, 0xA5A2, 0xA5A6, 0xA5AB, 0xA5AD, 0xA5B2,
    0xA5B4, 0xA5BB, 0xA5BC, 0xA5BF, 0xA5C1, 0xA5CD, 0xA5CE, 0xA5D1, 0xA5D3, 0xA5D5, 0xA5D8, 0xA5DF,
    0xA5E6, 0xA5F3, 0xA5F4, 0xA5FA, 0xA5FD, 0xA5FE, 0xA640, 0xA641, 0xA650, 0xA655, 0xA656, 0xA657,
    0xA658, 0xA659, 0xA65D, 0xA65E, 0xA661, 0xA662, 0xA668, 0xA66E, 0xA66F, 0xA670, 0xA672, 0xA677,
    0xA67D, 0xA67E, 0xA6A1, 0xA6A8, 0xA6AC, 0xA6AD, 0xA6B3, 0xA6B8, 0xA6B9, 0xA6BA, 0xA6CA, 0xA6D1,
    0xA6D3, 0xA6DB, 0xA6DC, 0xA6E2, 0xA6E6, 0xA6E8, 0xA6EC, 0xA6ED, 0xA6F3, 0xA6FC, 0xA6FD, 0xA740,
    0xA741, 0xA74C, 0xA74F, 0xA751, 0xA759, 0xA769, 0xA7B9, 0xA7CC, 0xA7CE, 0xA7D3, 0xA7D6, 0xA7DA,
    0xA7DE, 0xA7E2, 0xA7E4, 0xA7EF, 0xA7F3, 0xA842, 0xA843, 0xA844, 0xA84D, 0xA853, 0xA873, 0xA874,
    0xA8A5, 0xA8AB, 0xA8AD, 0xA8AE, 0xA8BA, 0xA8C6, 0xA8C7, 0xA8CA, 0xA8CC, 0xA8CF, 0xA8D3, 0xA8E0,
    0xA8E2, 0xA8E4, 0xA8EC, 0xA8EE, 0xA8FA, 0xA8FC, 0xA94D, 0xA950, 0xA952, 0xA965, 0xA96C, 0xA977,
    0xA9B2, 0xA9B9, 0xA9CA, 0xA9CE, 0xA9D0, 0xA9D2, 0xA9F1, 0xA9F3, 0xA9FA, 0xAA41, 0xAA46, 0xAA47,
    0xAA4C, 0xAA5A, 0xAA6B, 0xAA76, 0xAAA7, 0xAAA9, 0xAAAB, 0xAABA, 0xAABD, 0xAABE, 0xAAC0, 0xAAC5,
    0xAACC, 0xAAE1, 0xAAED, 0xAAF1, 0xAAF7, 0xAAF8, 0xAAF9, 0xAB43, 0xAB44, 0xAB48, 0xAB4B, 0xAB4F,
    0xAB65, 0xAB68, 0xAB6E, 0xAB7E, 0xABB0, 0xABD7, 0xABD8, 0xABDC, 0xABE1, 0xABE4, 0xABE7, 0xABF9,
    0xABFC, 0xAC46, 0xAC4F, 0xAC79, 0xACA1, 0xACA3, 0xACB0, 0xACC9, 0xACDB, 0xACDD, 0xACE3, 0xACEC,
    0xACF5, 0xACFC, 0xAD59, 0xAD6E, 0xAD70, 0xADAB, 0xADB1, 0xADB2, 0xADB7, 0xADBA, 0xADCC, 0xADD3,
    0xADD4, 0xADEC, 0xADFB, 0xAE61, 0xAE65, 0xAE69, 0xAE76, 0xAEA7, 0xAEC9, 0xAED1, 0xAED5, 0xAEF0,
    0xAEFC, 0xAF53, 0xAF64, 0xAF75, 0xAFAB, 0xAFB8, 0xAFBA, 0xAFE0, 0xB04F, 0xB05F, 0xB07C, 0xB0A8,
    0xB0AA, 0xB0B5, 0xB0C8, 0xB0CA, 0xB0CF, 0xB0D3, 0xB0EA, 0xB0F2, 0xB14D, 0xB14E, 0xB160, 0xB161,
    0xB169, 0xB16A, 0xB16F, 0xB171, 0xB1A1, 0xB1B5, 0xB1D0, 0xB1E6, 0xB1F8, 0xB24D, 0xB260, 0xB27A,
    0xB27B, 0xB2A3, 0xB2B3, 0xB2B4, 0xB2C4, 0xB2CE, 0xB2D5, 0xB342, 0xB34E, 0xB351, 0xB357, 0xB35C,
    0xB35D, 0xB35E, 0xB36F, 0xB371, 0xB373, 0xB379, 0xB3A1, 0xB3A3, 0xB3CC, 0xB3DF, 0xB3E6, 0xB3F5,
    0xB3F8, 0xB44E, 0xB458, 0xB45F, 0xB4A3, 0xB4C1, 0xB54C, 0xB54D, 0xB56F, 0xB57B, 0xB5A5, 0xB5B2,
    0xB5B9, 0xB5D8, 0xB5F8, 0xB644, 0xB648, 0xB64F, 0xB656, 0xB671, 0xB67D, 0xB6A1, 0xB6A4, 0xB6B5,
    0xB6C7, 0xB74E, 0xB750, 0xB751, 0xB752, 0xB773, 0xB77C, 0xB77E, 0xB7A5, 0xB7ED, 0xB855, 0xB867,
    0xB871, 0xB8A8, 0xB8CC, 0xB8D1, 0xB8D3, 0xB8DC, 0xB8F2, 0xB8F4, 0xB942, 0xB944, 0xB946, 0xB94C,
    0xB9B3, 0xB9EA, 0xB9EF, 0xBAA1, 0xBAD8, 0xBADE, 0xBAE2, 0xBAF4, 0xBB4F, 0xBB50, 0xBB79, 0xBB7B,
    0xBBA1, 0xBBB7, 0xBBDA, 0xBBE2, 0xBBF2, 0xBC67, 0xBC76, 0xBCC6, 0xBCCB, 0xBD64, 0xBDD0, 0xBDD6,
    0xBDD7, 0xBEC7, 0xBEC9, 0xBED4, 0xBEDA, 0xBEF7, 0xBEFA, 0xBFB3, 0xBFCB, 0xBFEC, 0xC059, 0xC0B3,
    0xC0D9, 0xC160, 0xC16E, 0xC170, 0xC1D9, 0xC1F6, 0xC249, 0xC2E0, 0xC2F7, 0xC344, 0xC361, 0xC3D1,
    0xC3E4, 0xC3F6, 0xC3F8, 0xC4B1, 0xC4B3, 0xC4D2, 0xC576, 0xC5A5, 0xC5AA, 0xC5DC, 0xC5E9, 0xC5FD,
    0xC65B,
};

static bool is_common(const uint16_t *set, size_t n, unsigned lead, unsigned trail)
{
    uint16_t key = (uint16_t)(lead << 8 | trail);
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (set[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && set[lo] == key;
}

#define NCOMMON(set) (sizeof set / sizeof set[0])

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
            st->common += is_common(COMMON_GB18030, NCOMMON(COMMON_GB18030), c, d[i + 1]);
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
            st->common += is_common(COMMON_BIG5, NCOMMON(COMMON_BIG5), c, t);
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

/* The guess, and whether GB18030 and Big5 were close: both read every byte and neither has
 * clearly more of the common characters (*close, for a note naming the other). */
static nb_encoding detect(const unsigned char *data, size_t len, size_t *bom_bytes, bool *close)
{
    nb_encoding enc = NB_ENC_UTF8;
    *close = false;
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

    mb_stats gb = {0, 0, 0}, big5 = {0, 0, 0};
    scan_gb18030(data, len, &gb);
    scan_big5(data, len, &big5);
    if (multibyte > 0 && bad <= gb.invalid && bad <= big5.invalid) return NB_ENC_UTF8;
    if (big5.invalid < gb.invalid) return NB_ENC_BIG5;
    if (big5.invalid > gb.invalid) return NB_ENC_GB18030;
    size_t hi = big5.common > gb.common ? big5.common : gb.common,
           lo = big5.common > gb.common ? gb.common : big5.common;
    *close = hi - lo <= 1 + hi / 5; /* (within a fifth: a few characters either way) */
    if (big5.common != gb.common) return big5.common > gb.common ? NB_ENC_BIG5 : NB_ENC_GB18030;
    return big5.score > gb.score ? NB_ENC_BIG5 : NB_ENC_GB18030;
}

nb_encoding decode_detect_encoding(const unsigned char *data, size_t len, size_t *bom_bytes)
{
    bool close;
    return detect(data, len, bom_bytes, &close);
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
    /* the column of a bad byte, counted on from the last one of its line (a line of many bad
     * bytes is not counted again from its start for each: --lenient stays linear) */
    size_t col_line, col_at, col;
    bool col_valid;
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
    if (!dc->col_valid || dc->col_line != line_out_start || dc->col_at > t->len) {
        dc->col_valid = true;
        dc->col_line = dc->col_at = line_out_start;
        dc->col = 0;
    }
    dc->col += nb_utf8_length(t->utf8 + dc->col_at, t->len - dc->col_at);
    dc->col_at = t->len;
    w.column = dc->col + 1;
    w.byte_offset = off;
    w.nbytes = (unsigned char)shown_bytes(dc, off, skip, nul);
    memcpy(w.bytes, dc->data + off, w.nbytes);

    char hex[32] = "";
    for (size_t i = 0, n = 0; i < w.nbytes; i++)
        n += (size_t)snprintf(hex + n, sizeof hex - n, "%s0x%02X", i ? " " : "", w.bytes[i]);
    const char *enc = nb_encoding_name(dc->enc == NB_ENC_UTF8_BOM ? NB_ENC_UTF8 : dc->enc);
    if (nul && dc->unit == 2)
        nb_message_format(w.message, sizeof w.message, w.message_zh, sizeof w.message_zh,
                          "NUL character %s at byte %zu (binary data?)", hex, off);
    else if (nul)
        nb_message_format(w.message, sizeof w.message, w.message_zh, sizeof w.message_zh,
                          "NUL byte %s at byte %zu (binary data?)", hex, off);
    else
        nb_message_format(w.message, sizeof w.message, w.message_zh, sizeof w.message_zh,
                          "invalid %s byte sequence %s at byte %zu", enc, hex, off);

    if (!dc->params->lenient) {
        nb_error_set(dc->err, NB_ERR_DECODE, dc->params->name, w.line, w.column, "%s", w.message);
        snprintf(dc->err->message_zh, sizeof dc->err->message_zh, "%s", w.message_zh);
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
        if (grow((void **)&t->line_start, &dc->cap_starts, t->nlines + 2, sizeof(uint32_t),
                 dc->err) != 0 ||
            grow((void **)&t->line_src, &dc->cap_srcs, t->nlines + 1, sizeof(uint32_t), dc->err) !=
                0)
            return -1;
        size_t line_out = t->len;
        t->line_start[t->nlines] = (uint32_t)line_out;
        t->line_src[t->nlines] = (uint32_t)s;
        t->nlines++;
        int rc = dc->unit == 1 && iconv_name(dc->enc) == NULL ? convert_utf8(dc, s, e, line_out)
                                                              : convert_iconv(dc, s, e, line_out);
        if (rc != 0) return -1;
        if (append_text(dc, "\n", 1) != 0) return -1;
        s = next;
    }
    if (grow((void **)&t->line_start, &dc->cap_starts, t->nlines + 1, sizeof(uint32_t), dc->err) !=
        0)
        return -1;
    t->line_start[t->nlines] = (uint32_t)t->len;
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
        enc = detect(data, len, &bom, &out->encoding_close);
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
