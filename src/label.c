/*
 * label.c — normalizing printed labels and matching them to a form's rows and columns (see
 * label.h).
 *
 * Must not: decide which row a table line is; bind.c weighs label, order and arithmetic.
 */
#include "label.h"

#include "marker.h"
#include "text.h"
#include "utf8.h"

#include <string.h>

/* Bytes of a leading marker a label may carry: 一、 （一） (一) 1. 1、 （1） and 其中: */
static size_t marker_length(const char *s, size_t len)
{
    if (text_starts_with(s, len, "其中")) {
        size_t i = 6, adv;
        uint32_t cp = i < len ? text_cp_at(s, len, i, &adv) : 0;
        return cp == ':' || cp == 0xFF1A ? i + adv : i;
    }
    nb_marker m = marker_parse(s, len);
    return m.list ? 0 : m.len;
}

/* The length of a label without the bracket that closes it (（不同方式回应同一热点或舆情计1次）,
 * （区分处理的，只计这一情形…）): a form's note that a report copies or not. The label is kept
 * whole when less than two characters would remain. */
static size_t note_start(const char *s, size_t len)
{
    len = text_rtrim(s, len);
    bool full = len >= 3 && memcmp(s + len - 3, "\xEF\xBC\x89", 3) == 0; /* ） */
    if (!full && !(len && s[len - 1] == ')')) return len;
    for (size_t i = len - (full ? 3 : 1); i-- > 0;) {
        bool open = s[i] == '(' || (i + 3 <= len && memcmp(s + i, "\xEF\xBC\x88", 3) == 0);
        bool close = s[i] == ')' || (i + 3 <= len && memcmp(s + i, "\xEF\xBC\x89", 3) == 0);
        if (close) return len; /* (…)(…) or nested: left alone */
        if (open) return nb_utf8_length(s, i) >= 2 ? i : len;
    }
    return len;
}

void label_normalize(const nb_form *f, const char *s, size_t len, char *out, size_t out_size)
{
    size_t m;
    for (int guard = 0; guard < 4 && (m = marker_length(s, len)) > 0; guard++) {
        s += m;
        len -= m;
        size_t b = text_skip_blanks(s, len, NULL);
        s += b;
        len -= b;
    }
    size_t n = 0, adv;
    for (size_t i = 0; i < len; i += adv) {
        int32_t c = nb_utf8_decode((const unsigned char *)s + i, len - i, &adv);
        if (c < 0) continue;
        uint32_t cp = nb_utf8_fold((uint32_t)c);
        if (f) cp = form_fold_traditional(f, cp);
        bool keep = nb_utf8_is_han(cp) || (cp >= '0' && cp <= '9') ||
                    ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
        if (!keep) continue;
        char buf[4];
        size_t k = nb_utf8_encode(cp, buf);
        if (n + k + 1 > out_size) break;
        memcpy(out + n, buf, k);
        n += k;
    }
    out[n] = '\0';
}

uint64_t label_mask(const char *s)
{
    uint64_t m = 0;
    size_t adv;
    for (size_t i = 0, l = strlen(s); i < l; i += adv) {
        int32_t c = nb_utf8_decode((const unsigned char *)s + i, l - i, &adv);
        if (c >= 0) m |= (uint64_t)1 << (((uint32_t)c * 2654435761u) >> 26);
    }
    return m;
}

double label_similarity(const char *a, const char *b)
{
    uint32_t x[64], y[64];
    size_t nx = 0, ny = 0, adv;
    for (size_t i = 0, l = strlen(a); i < l && nx < 64; i += adv)
        x[nx++] = (uint32_t)nb_utf8_decode((const unsigned char *)a + i, l - i, &adv);
    for (size_t i = 0, l = strlen(b); i < l && ny < 64; i += adv)
        y[ny++] = (uint32_t)nb_utf8_decode((const unsigned char *)b + i, l - i, &adv);
    if (!nx || !ny) return 0;
    /* the longest common subsequence, bit-parallel (one bit per character of x: a zero bit of
     * v marks where the common subsequence grew) */
    uint64_t all = nx == 64 ? ~(uint64_t)0 : (((uint64_t)1 << nx) - 1), v = all;
    for (size_t j = 0; j < ny; j++) {
        uint64_t m = 0;
        for (size_t i = 0; i < nx; i++) m |= (uint64_t)(x[i] == y[j]) << i;
        uint64_t u = v & m;
        v = ((v + u) | (v - u)) & all;
    }
    size_t lcs = nx - (size_t)__builtin_popcountll(v);
    return (double)lcs / (double)(nx > ny ? nx : ny);
}

void label_key_make(const nb_form *f, const char *s, size_t len, label_key *k)
{
    size_t core = note_start(s, len);
    k->core[0] = '\0';
    if (core < text_rtrim(s, len)) label_normalize(f, s, core, k->core, sizeof k->core);
    label_normalize(f, s, len, k->norm, sizeof k->norm);
    k->ncp = nb_utf8_length(k->norm, strlen(k->norm));
    k->mask = label_mask(k->norm);
}

/* One variant of a row against the key: the tier and its score. best_tier is the best tier
 * found so far: a near miss is only worth computing while nothing better matched. */
static label_tier match_variant(const nb_form_row *r, size_t v, const label_key *k,
                                label_tier floor, label_tier best_tier, double *score)
{
    const char *lab = r->norm[v];
    size_t ln = r->norm_len[v], n = k->ncp;
    uint64_t lm = r->norm_mask[v];
    bool lab_in_norm = (lm & ~k->mask) == 0, norm_in_lab = (k->mask & ~lm) == 0;
    *score = 0;
    if (ln == 0) return TIER_NONE;
    if (floor > TIER_SIMILAR && !lab_in_norm && !norm_in_lab) return TIER_NONE;
    if (lab_in_norm && norm_in_lab && strcmp(lab, k->norm) == 0) {
        *score = 1;
        return TIER_EXACT;
    }
    /* the printed label is the form's with a note in brackets after it: nearly exact (the
     * form's own brackets, 行政诉讼（复议后起诉）, are part of its label: matched in full above) */
    if (lab_in_norm && k->core[0] && strcmp(lab, k->core) == 0) {
        *score = 0.95;
        return TIER_EXACT;
    }
    if (lab_in_norm && ln >= 2 && strstr(k->norm, lab)) {
        *score = (double)ln;
        return TIER_CONTAINS;
    }
    if (norm_in_lab && floor <= TIER_PART && n >= 4 && strstr(lab, k->norm)) {
        *score = (double)n / (double)ln;
        return TIER_PART;
    }
    /* a common subsequence of 80 % of the longer needs lengths within 80 % of each other:
     * most pairs are ruled out without computing it */
    size_t longer = n > ln ? n : ln;
    /* and each character whose hash bit the other lacks is outside any common subsequence */
    size_t miss_k = (size_t)__builtin_popcountll(k->mask & ~lm),
           miss_l = (size_t)__builtin_popcountll(lm & ~k->mask);
    if (floor <= TIER_SIMILAR && n >= 4 && best_tier <= TIER_SIMILAR &&
        5 * (n < ln ? n : ln) >= 4 * longer && miss_k <= n && 5 * (n - miss_k) >= 4 * longer &&
        miss_l <= ln && 5 * (ln - miss_l) >= 4 * longer &&
        (*score = label_similarity(k->norm, lab)) >= 0.8)
        return TIER_SIMILAR;
    *score = 0;
    return TIER_NONE;
}

double label_row_score(const nb_form_row *r, const label_key *k, label_tier floor, label_tier *how)
{
    double best = 0;
    *how = TIER_NONE;
    if (k->ncp == 0) return 0;
    for (size_t v = 0; v < r->nnorm; v++) {
        double raw;
        label_tier t = match_variant(r, v, k, floor, *how, &raw);
        double s = 0;
        switch (t) {
        case TIER_EXACT:
            s = raw; /* 1, or 0.95 for the label with a note after it */
            break;
        case TIER_CONTAINS: /* the more of the printed label the form's covers, the better */
            s = 0.5 + 0.45 * raw / (double)k->ncp;
            break;
        case TIER_PART:
            s = 0.35 + 0.4 * raw;
            break;
        case TIER_SIMILAR:
            s = 0.7 * raw;
            break;
        case TIER_NONE:
            break;
        }
        if (s > best) best = s, *how = t;
    }
    return best;
}

long label_match_row(const nb_form *f, long ft, const label_key *k, label_tier floor,
                     label_tier *how)
{
    *how = TIER_NONE;
    if (k->ncp == 0) return -1;
    long best = -1;
    label_tier best_tier = TIER_NONE;
    double best_score = 0;
    bool tie = false;
    for (size_t i = 0; i < f->nrows; i++) {
        const nb_form_row *r = &f->rows[i];
        if (ft >= 0 && r->table != (size_t)ft) continue;
        for (size_t v = 0; v < r->nnorm; v++) {
            double score;
            label_tier t = match_variant(r, v, k, floor, best_tier, &score);
            if (t == TIER_NONE) continue;
            /* a piece of a label (or a near miss) must fit one row only; whole labels and
             * labels that contain a row's label prefer the longest, most specific one */
            bool by_score = t == TIER_EXACT || t == TIER_CONTAINS;
            if (t > best_tier || (t == best_tier && by_score && score > best_score)) {
                tie = false;
                best = (long)i, best_tier = t, best_score = score;
            } else if (t == best_tier && best != (long)i && (!by_score || score == best_score)) {
                tie = true;
            }
        }
    }
    if (tie) return -1;
    *how = best_tier;
    return best;
}

long label_match_col(const nb_form *f, size_t ft, const label_key *k)
{
    const nb_form_table *t = &f->tables[ft];
    long best = -1;
    size_t best_len = 0;
    bool tie = false;
    if (k->ncp == 0) return -1;
    for (size_t c = 0; c < t->ncols; c++)
        for (size_t v = 0; v < t->cols[c].nnorm; v++) {
            const char *lab = t->cols[c].norm[v];
            size_t ln = strlen(lab);
            if (!ln || !strstr(k->norm, lab)) continue;
            if (ln > best_len)
                best = (long)c, best_len = ln, tie = false;
            else if (ln == best_len && best != (long)c)
                tie = true;
        }
    return tie ? -1 : best;
}
