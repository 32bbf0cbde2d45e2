/*
 * agency.c — an agency's name made comparable across its reports of several years: the key
 * (folded, asides and punctuation dropped, short forms written out) and the rule that says two
 * keys name the same agency (the longer is the shorter with whole places before it).
 *
 * Owns: the name rules the README's "Year against year" states. Must not: group reports (the
 * program does, with these two calls).
 */
#include "form.h"
#include "nianbao.h"
#include "utf8.h"

#include <string.h>

/* The characters that end a place's name: 昆明市, 官渡区, 湘西土家族苗族自治州, 阿拉善盟. */
static bool ends_place(uint32_t cp)
{
    static const uint32_t ends[] = {0x7701 /* 省 */, 0x5E02 /* 市 */, 0x533A /* 区 */,
                                    0x53BF /* 县 */, 0x5DDE /* 州 */, 0x76DF /* 盟 */,
                                    0x65D7 /* 旗 */};
    for (size_t k = 0; k < sizeof ends / sizeof *ends; k++)
        if (cp == ends[k]) return true;
    return false;
}

/* The end (in bytes) of the first prefix of s longer than `after` bytes that could be a place:
 * 2 to 12 characters ending in 省市区县州盟旗 (市场监督管理局 has none: 市 alone is no place);
 * 0 when none. */
static size_t place_end_after(const char *s, size_t len, size_t after)
{
    size_t at = 0;
    for (int chars = 1; chars <= 12 && at < len; chars++) {
        size_t adv;
        int32_t cp = nb_utf8_decode((const unsigned char *)s + at, len - at, &adv);
        if (cp < 0 || !adv) return 0;
        at += adv;
        if (chars >= 2 && at > after && ends_place((uint32_t)cp)) return at;
    }
    return 0;
}

/* Whether s[0..len) is whole places, one after another. Every way of cutting counts (扬州 | 市
 * fails where 扬州市 holds): which offsets a run of whole places can reach, left to right, so
 * that a hostile name (市市市…) costs at most 12 steps a byte. No run of places is 1 KB long. */
static bool whole_places(const char *s, size_t len)
{
    bool reach[1025] = {true};
    if (len >= sizeof reach) return false;
    for (size_t at = 0; at < len; at++) {
        if (!reach[at]) continue;
        for (size_t end = place_end_after(s + at, len - at, 0); end;
             end = place_end_after(s + at, len - at, end))
            reach[at + end] = true;
    }
    return reach[len];
}

/* Whether a key starts with a place and goes on with something else (官渡区 + 环境保护局). */
static bool place_then_body(const char *s, size_t len)
{
    size_t end = place_end_after(s, len, 0);
    return end > 0 && end < len;
}

static bool is_open(uint32_t cp)
{
    return cp == '(' || cp == '[' || cp == 0xFF08 || cp == 0x3010 || cp == 0x3014 || cp == 0xFF3B ||
           cp == 0x3016;
}

static bool is_close(uint32_t cp)
{
    return cp == ')' || cp == ']' || cp == 0xFF09 || cp == 0x3011 || cp == 0x3015 || cp == 0xFF3D ||
           cp == 0x3017;
}

/* Appends s[0..n) to out (size bytes, NUL kept); the length it needs grows in *need. */
static void put(char *out, size_t size, size_t *need, const char *s, size_t n)
{
    if (*need + n < size) memcpy(out + *need, s, n);
    *need += n;
    if (size) out[*need < size ? *need : size - 1] = '\0';
}

size_t nb_agency_key(const nb_formset *fs, const char *agency, char *out, size_t size)
{
    const nb_form *f = fs && fs->nforms ? fs->forms[0] : NULL;
    if (size) out[0] = '\0';
    if (!agency) return 0;
    /* folded: full-width to ASCII, traditional to simplified; only Han characters, letters and
     * digits are kept, and an aside in brackets is dropped */
    char folded[1024];
    size_t n = 0, len = strlen(agency), depth = 0;
    for (size_t at = 0; at < len && n + 4 < sizeof folded;) {
        size_t adv;
        int32_t c = nb_utf8_decode((const unsigned char *)agency + at, len - at, &adv);
        at += adv ? adv : 1;
        if (c < 0) continue;
        uint32_t cp = nb_utf8_fold((uint32_t)c);
        if (is_open(cp)) depth++;
        if (is_close(cp) && depth) {
            depth--;
            continue;
        }
        if (depth) continue;
        if (f) cp = form_fold_traditional(f, cp);
        bool keep = nb_utf8_is_han(cp) || (cp < 128 && ((cp | 32) - 'a' < 26 || cp - '0' < 10));
        if (keep) n += nb_utf8_encode(cp, folded + n);
    }
    folded[n] = '\0';
    /* the short forms written out (环保局 → 环境保护局), where the long one is not already */
    size_t need = 0;
    for (size_t at = 0; at < n;) {
        bool done = false;
        for (size_t k = 0; f && k < f->nagency_short && !done; k++) {
            const char *pair = f->agency_short[k], *eq = strchr(pair, '=');
            size_t sl = (size_t)(eq - pair), ll = strlen(eq + 1);
            if (strncmp(folded + at, pair, sl) != 0) continue;
            if (ll >= sl && n - at >= ll && memcmp(folded + at, eq + 1, ll) == 0) continue;
            put(out, size, &need, eq + 1, ll);
            at += sl;
            done = true;
        }
        if (done) continue;
        size_t adv;
        nb_utf8_decode((const unsigned char *)folded + at, n - at, &adv);
        put(out, size, &need, folded + at, adv ? adv : 1);
        at += adv ? adv : 1;
    }
    return need;
}

bool nb_agency_same(const char *a, const char *b)
{
    if (!a || !b || !a[0] || !b[0]) return false;
    size_t la = strlen(a), lb = strlen(b);
    if (la == lb) return strcmp(a, b) == 0;
    const char *L = la > lb ? a : b, *S = la > lb ? b : a;
    size_t ll = la > lb ? la : lb, sl = la > lb ? lb : la;
    if (memcmp(L + ll - sl, S, sl) != 0) return false;
    /* what the longer has before it is whole places, and the shorter names a place itself,
     * then the agency (环境保护局 alone could be any district's) */
    return whole_places(L, ll - sl) && place_then_body(S, sl);
}
