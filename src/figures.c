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

static size_t line_at(const nb_block *b, size_t offset)
{
    size_t line = b->line_first;
    for (size_t p = 0; p < b->npieces && b->pieces[p].offset <= offset; p++)
        line = b->pieces[p].line;
    return line;
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
        bool dup = false;
        for (size_t k = 0; k < *nstarts; k++) dup |= starts[k] == ns;
        if (dup) continue;
        nb_number num;
        if (!nb_numeral_parse(text + ns, b->len - ns, &num)) continue;
        nb_figure *fig = add_figure(c);
        if (!fig) return;
        fig->text = nb_arena_strndup(&doc->arena, b->text + start, end - start);
        fig->value = num;
        fig->line = line_at(b, ns);
        fig->offset = start;
        fig->pattern = pi;
        fig->block = bi;
        if (!fig->text) c->failed = true;
        if (*nstarts < 256) starts[(*nstarts)++] = ns;
    }
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
