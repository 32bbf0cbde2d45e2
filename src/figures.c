/*
 * figures.c — prose figures: the form's patterns run over paragraphs, list items and run-in
 * headings. Each pattern names the phrase ("通过门户网站发布", "举办…培训") and captures the
 * number right after it with {NUM}; because the text between phrase and number may hold no
 * digit and no clause punctuation, a number is bound to the nearest phrase before it, not to an
 * earlier verb of the sentence ("受理3259件，答复3278件" gives two figures).
 *
 * Must not: compare figures with tables.
 */
#include "figures.h"

#include "error.h"
#include "parse.h"
#include "text.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

/* Limits on every match: patterns come from files anybody can edit. */
#define MATCH_LIMIT 200000
#define DEPTH_LIMIT 2000
#define MAX_FIGURES 100000

static bool is_prose(const nb_block *b)
{
    return b->kind == NB_BLOCK_PARAGRAPH || b->kind == NB_BLOCK_LIST_ITEM ||
           b->kind == NB_BLOCK_HEADING;
}

typedef struct collector {
    nb_figure *v;
    size_t n, cap;
    bool failed;
} collector;

static nb_figure *add_figure(collector *c)
{
    if (c->n >= MAX_FIGURES) return NULL;
    if (c->n == c->cap) {
        size_t ncap = c->cap ? c->cap * 2 : 16;
        nb_figure *nv = realloc(c->v, ncap * sizeof *nv);
        if (!nv) {
            c->failed = true;
            return NULL;
        }
        c->v = nv;
        c->cap = ncap;
    }
    return memset(&c->v[c->n++], 0, sizeof(nb_figure));
}

/* The block's text with traditional characters folded to simplified ones (the form's map),
 * so that one set of patterns reads Big5 reports too. Only same-length replacements are made,
 * so offsets in the folded text are offsets in the original. Returns text itself when nothing
 * needs folding, NULL when out of memory. */
static const char *fold_text(const nb_form *f, const char *text, size_t len, char **owned)
{
    *owned = NULL;
    size_t adv;
    for (size_t i = 0; i < len; i += adv) {
        int32_t cp = nb_utf8_decode((const unsigned char *)text + i, len - i, &adv);
        if (cp < 0x80) continue;
        uint32_t to = form_fold_traditional(f, (uint32_t)cp);
        char enc[4];
        if (to == (uint32_t)cp || nb_utf8_encode(to, enc) != adv) continue;
        if (!*owned) {
            /* room after the text: PCRE2's JIT may read a few bytes past a subject's end */
            *owned = calloc(len + 1 + 64, 1);
            if (!*owned) return NULL;
            memcpy(*owned, text, len + 1);
        }
        memcpy(*owned + i, enc, adv);
    }
    return *owned ? *owned : text;
}

static void run_pattern(const nb_form *f, size_t pi, nb_doc *doc, long bi, const char *text,
                        pcre2_match_data *md, pcre2_match_context *mc, collector *c, size_t *starts,
                        size_t *nstarts)
{
    const nb_block *b = &doc->blocks[bi];
    const nb_form_pattern *p = &f->patterns[pi];
    if (!p->code) return; /* a topic only */
    PCRE2_SIZE offset = 0;
    uint32_t num_group = 0;
    int g = pcre2_substring_number_from_name(p->code, (PCRE2_SPTR) "num");
    if (g > 0) num_group = (uint32_t)g;
    while (offset <= b->len) {
        int rc = pcre2_match(p->code, (PCRE2_SPTR)text, b->len, offset, 0, md, mc);
        if (rc <= 0) return; /* no match, or a limit: skip the rest of this block */
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        PCRE2_SIZE start = ov[0], end = ov[1];
        start += text_skip_blanks(text + start, end - start, NULL);
        size_t ns = num_group && ov[2 * num_group] != PCRE2_UNSET ? ov[2 * num_group] : start;
        offset = end > start ? end : start + 1;
        nb_number num;
        if (!nb_numeral_parse(text + ns, b->len - ns, &num)) continue;
        size_t digits = ns + num.number_offset; /* one number, one figure */
        bool dup = false;
        for (size_t k = 0; k < *nstarts; k++) dup |= starts[k] == digits;
        if (dup) continue;
        nb_figure *fig = add_figure(c);
        if (!fig) return;
        fig->text = nb_arena_strndup(&doc->arena, b->text + start, end - start);
        fig->value = num;
        fig->line = nb_block_line_at(b, digits); /* the digits' line (约 may wrap) */
        fig->offset = start;
        fig->pattern = pi;
        fig->alt = -1;
        fig->block = bi;
        if (!fig->text) c->failed = true;
        if (*nstarts < 256) starts[(*nstarts)++] = digits;
    }
}

/* ---- topics: a number bound by the words of its clause ---------------------------------- */

#define MAX_QUANTITIES 512
#define WEAK_REACH     6 /* bytes: 申请, 共计 */

/* The length of the longest of words that stands at s[i] (within len), 0 when none. */
static size_t word_at(const char *s, size_t len, size_t i, const char *const *words, size_t n)
{
    size_t best = 0;
    for (size_t k = 0; k < n; k++) {
        /* (the first two bytes first: asked at every position of a span) */
        if (s[i] != words[k][0] || (words[k][1] && (i + 1 >= len || s[i + 1] != words[k][1])))
            continue;
        size_t l = strlen(words[k]);
        if (l > best && i + l <= len && memcmp(s + i, words[k], l) == 0) best = l;
    }
    return best;
}

/* Sentence ends and clause separators. */
static size_t sentence_end_at(const char *s, size_t len, size_t i)
{
    static const char *const ends[] = {"。", "！", "？", "；", "!", "?", ";"};
    return word_at(s, len, i, ends, sizeof ends / sizeof ends[0]);
}

/* Clause separators; with `items`, also the 、 between the items of a list (not counted
 * between a number and its words: “微信公众号、政务微博发布政务信息1378条” names both). */
static size_t separator_at(const char *s, size_t len, size_t i, bool items)
{
    static const char *const seps[] = {"，", "：", ",", ":", "（", "）", "(", ")", "、"};
    return word_at(s, len, i, seps, sizeof seps / sizeof seps[0] - (items ? 0 : 1));
}

static bool has_unit(const nb_form_pattern *p, nb_unit u)
{
    for (size_t k = 0; k < p->nunits; k++)
        if (p->units[k] == u) return true;
    return false;
}

/* A count: a number with a unit, not a year, an ordinal, a list marker or a rate. */
static bool is_count(const nb_number *q)
{
    return !q->year && !q->ordinal && !q->marker && !q->percent && q->unit_kind != NB_UNIT_NONE &&
           q->unit_kind != NB_UNIT_PERCENT && !q->overflow;
}

typedef struct topic_hit {
    bool found;
    bool before;     /* the word stands before the number (else after it, in its clause) */
    size_t seps;     /* clause separators between word and number */
    size_t dist;     /* bytes between them */
    size_t word_end; /* after the word */
    size_t word_len; /* of the word (before the number: the longest ending nearest) */
} topic_hit;

/* Where pattern p's words name the number q (text[lo, hi) is the span it may look in: from the
 * previous count of the sentence to the next one or the end of q's clause). */
static topic_hit topic_find(const nb_form_pattern *p, const char *text, size_t lo, size_t hi,
                            const nb_number *q)
{
    topic_hit h = {0};
    const char *const *words = (const char *const *)p->words;
    const char *const *actions = (const char *const *)p->actions;
    size_t qs = q->offset, qe = q->offset + q->length;
    /* before the number: the nearest word (the longest of those ending there) */
    size_t best = SIZE_MAX, best_len = 0;
    for (size_t i = lo; i < qs; i++) {
        size_t l = word_at(text, qs, i, words, p->nwords);
        if (l && (best == SIZE_MAX || i + l > best || (i + l == best && l > best_len)))
            best = i + l, best_len = l;
    }
    if (best != SIZE_MAX) {
        h.found = h.before = true;
        size_t clause = best; /* where the number's own clause starts */
        for (size_t i = best; i < qs; i++) {
            size_t l = separator_at(text, qs, i, false);
            if (l) h.seps++, clause = i + l;
        }
        h.dist = qs - best;
        h.word_len = best_len;
        h.word_end = best;
        /* a word of an earlier clause names the number only when the number's own clause says
         * what was done with it (依托门户网站，及时发布各类政务信息98条), never across a clause
         * about something else (…的行政复议，办理人大代表建议15件) */
        if (h.seps) {
            bool action = false;
            for (size_t i = clause; i < qs && !action; i++)
                action = word_at(text, qs, i, actions, p->nactions) > 0;
            if (!action) h.found = false;
        }
    }
    if (!h.found) { /* after it, in its clause: “98条信息通过门户网站发布” */
        for (size_t i = qe; i < hi && !h.found; i++) {
            if (separator_at(text, hi, i, true)) break;
            size_t l = word_at(text, hi, i, words, p->nwords);
            if (!l) continue;
            h.found = true;
            h.dist = i - qe;
            h.word_end = i + l;
            h.word_len = l;
        }
    }
    if (!h.found || !p->nactions) return h;
    bool action = false;
    for (size_t i = lo; i < hi && !action; i++)
        action = word_at(text, hi, i, actions, p->nactions) > 0;
    h.found = action;
    return h;
}

/* -1, 0, 1 as hit a names its number better than b, as well, worse. */
static int hit_order(const topic_hit *a, const topic_hit *b)
{
    if (a->before != b->before) return a->before ? -1 : 1;
    if (a->seps != b->seps) return a->seps < b->seps ? -1 : 1;
    return 0;
}

static void run_topics(const nb_form *f, nb_doc *doc, long bi, const char *text, collector *c,
                       const size_t *starts, size_t nstarts, nb_figures *out)
{
    const nb_block *b = &doc->blocks[bi];
    nb_number *q = malloc(MAX_QUANTITIES * sizeof *q);
    topic_hit *hits = malloc((f->npatterns + 1) * sizeof *hits);
    if (!q || !hits) {
        free(q), free(hits);
        c->failed = true;
        return;
    }
    size_t nq = nb_numeral_scan(text, b->len, q, MAX_QUANTITIES);
    if (out->qty) { /* kept for the checker */
        nb_number *keep = nb_arena_alloc(&doc->arena, (nq ? nq : 1) * sizeof *keep);
        if (keep) {
            if (nq) memcpy(keep, q, nq * sizeof *keep);
            out->qty[bi] = keep;
            out->nqty[bi] = nq;
        }
    }
    bool any = false;
    for (size_t pi = 0; pi < f->npatterns; pi++) any |= f->patterns[pi].nwords > 0;
    if (!any) nq = 0;
    size_t claimed = 0;               /* a word after a number names that number, none after it */
    size_t scanned = 0, sentence = 0; /* how far sentence ends were looked for; the last one */
    size_t counted = 0;               /* the end of the last number with a unit before q[k] */
    for (size_t k = 0; k < nq && !c->failed; k++) {
        if (k && !q[k - 1].year && !q[k - 1].ordinal && !q[k - 1].marker &&
            q[k - 1].unit_kind != NB_UNIT_NONE)
            counted = q[k - 1].offset + q[k - 1].length;
        if (!is_count(&q[k])) continue;
        size_t qs = q[k].offset, qe = q[k].offset + q[k].length;
        /* a number a phrase pattern read already */
        bool taken = false;
        for (size_t s = 0; s < nstarts && !taken; s++) taken = starts[s] == q[k].number_offset;
        if (taken) continue;
        /* its sentence (found scanning forward once over the block: numbers come in order),
         * back to the previous count and on to the next one */
        for (size_t l; scanned < qs; scanned += l ? l : 1)
            if ((l = sentence_end_at(text, b->len, scanned))) sentence = scanned + l;
        size_t lo = counted > sentence ? counted : sentence, hi = qe;
        size_t limit = k + 1 < nq ? q[k + 1].offset : b->len;
        if (claimed > lo && claimed <= qs) lo = claimed;
        while (hi < limit && !sentence_end_at(text, b->len, hi) &&
               !separator_at(text, b->len, hi, true))
            hi++;
        long best = -1, second = -1;
        topic_hit bh = {0}, sh = {0};
        /* each topic's words once; the weak topics (generic verbs) only where no other names
         * the number */
        bool strong = false;
        for (size_t pi = 0; pi < f->npatterns; pi++) {
            const nb_form_pattern *p = &f->patterns[pi];
            hits[pi] = (topic_hit){0};
            if (p->nwords && has_unit(p, q[k].unit_kind))
                hits[pi] = topic_find(p, text, lo, hi, &q[k]);
            strong |= hits[pi].found && !p->weak;
        }
        for (size_t pi = 0; pi < f->npatterns; pi++) {
            const nb_form_pattern *p = &f->patterns[pi];
            if (strong && p->weak) continue;
            topic_hit h = hits[pi];
            /* (a generic verb names only the number right after it: 办结19件, 答复约90件, not
             * 办理人大代表建议15件) */
            if (!h.found || (p->weak && (!h.before || h.dist > WEAK_REACH))) continue;
            /* (two patterns with one id are one statistic: the first stands) */
            if (best >= 0 && !strcmp(f->patterns[best].id, p->id)) continue;
            /* (nearer first; of words ending in one place, the longer, more particular one:
             * 予以公开及部分公开 before 部分公开) */
            if (best < 0 || hit_order(&h, &bh) < 0 ||
                (hit_order(&h, &bh) == 0 &&
                 (h.dist < bh.dist || (h.dist == bh.dist && h.word_len > bh.word_len)))) {
                second = best, sh = bh;
                best = (long)pi, bh = h;
            } else if (second < 0 || hit_order(&h, &sh) < 0) {
                second = (long)pi, sh = h;
            }
        }
        if (best < 0) continue;
        nb_figure *fig = add_figure(c);
        if (!fig) break;
        /* a second topic named as near (the same clause, the same side): either is meant;
         * not one whose word is the end of the winner's (部分公开 in 予以公开及部分公开) */
        bool tie = second >= 0 && hit_order(&sh, &bh) == 0 &&
                   (sh.word_end <= bh.word_end - bh.word_len ||
                    sh.word_end - sh.word_len >= bh.word_end); /* not within the winner's word */
        size_t from = lo + text_skip_blanks(text + lo, qs - lo, NULL);
        fig->text = nb_arena_strndup(&doc->arena, b->text + from, qe - from);
        fig->value = q[k];
        fig->line = nb_block_line_at(b, q[k].number_offset);
        fig->offset = from;
        fig->pattern = (size_t)best;
        fig->alt = tie ? second : -1;
        fig->block = bi;
        if (!fig->text) c->failed = true;
        if (!bh.before) claimed = bh.word_end;
    }
    free(q);
    free(hits);
}

static int by_position(const void *a, const void *b)
{
    const nb_figure *x = a, *y = b;
    if (x->block != y->block) return x->block < y->block ? -1 : 1;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return (x->pattern > y->pattern) - (x->pattern < y->pattern);
}

int figures_extract(const nb_form *f, nb_doc *doc, nb_figures *out, nb_error *err)
{
    memset(out, 0, sizeof *out);
    collector c = {0};
    out->qty = nb_arena_alloc(&doc->arena, (doc->nblocks + 1) * sizeof *out->qty);
    out->nqty = nb_arena_alloc(&doc->arena, (doc->nblocks + 1) * sizeof *out->nqty);
    if (out->qty && out->nqty) {
        memset(out->qty, 0, (doc->nblocks + 1) * sizeof *out->qty);
        memset(out->nqty, 0, (doc->nblocks + 1) * sizeof *out->nqty);
    } else {
        out->qty = NULL, out->nqty = NULL;
    }
    pcre2_match_context *mc = pcre2_match_context_create(NULL);
    pcre2_match_data *md = NULL;
    if (mc) {
        pcre2_set_match_limit(mc, MATCH_LIMIT);
        pcre2_set_depth_limit(mc, DEPTH_LIMIT);
    }
    size_t starts[256];
    for (size_t bi = 0; mc && bi < doc->nblocks && !c.failed; bi++) {
        if (!is_prose(&doc->blocks[bi])) continue;
        size_t nstarts = 0;
        char *owned;
        const char *text = fold_text(f, doc->blocks[bi].text, doc->blocks[bi].len, &owned);
        md = md ? md : pcre2_match_data_create(32, NULL);
        if (!text || !md) {
            c.failed = true;
            break;
        }
        for (size_t pi = 0; pi < f->npatterns && !c.failed; pi++)
            run_pattern(f, pi, doc, (long)bi, text, md, mc, &c, starts, &nstarts);
        if (!c.failed) run_topics(f, doc, (long)bi, text, &c, starts, nstarts, out);
        free(owned);
    }
    pcre2_match_data_free(md);
    pcre2_match_context_free(mc);
    if (!mc || c.failed) {
        free(c.v);
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while reading prose figures");
        return -1;
    }
    if (c.n) qsort(c.v, c.n, sizeof *c.v, by_position);
    out->items = nb_arena_alloc(&doc->arena, (c.n ? c.n : 1) * sizeof *out->items);
    if (!out->items) {
        free(c.v);
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while reading prose figures");
        return -1;
    }
    if (c.n) memcpy(out->items, c.v, c.n * sizeof *c.v);
    out->n = c.n;
    free(c.v);
    return 0;
}
