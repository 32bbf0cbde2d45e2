/*
 * vocab.c — the parser's word lists (see vocab.h): small string lists and their memory.
 *
 * Must not: hold form semantics.
 */
#include "vocab.h"

#include <stdlib.h>
#include <string.h>

bool strv_add_unique(nb_strv *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0) return true;
    char **nv = realloc(l->v, (l->n + 2) * sizeof *nv);
    if (!nv) return false;
    l->v = nv;
    l->v[l->n] = strdup(s);
    if (!l->v[l->n]) return false;
    l->v[++l->n] = NULL;
    return true;
}

void strv_free(nb_strv *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

void vocab_free(nb_vocab *v)
{
    strv_free(&v->sections);
    strv_free(&v->table_title_prefixes);
    strv_free(&v->table_title_words);
    strv_free(&v->notes);
    free(v->trad_from), free(v->trad_to), free(v->trad_bmp);
    v->trad_from = v->trad_to = NULL;
    v->trad_bmp = NULL;
    v->trad = (text_fold){NULL, NULL, 0, NULL};
}

bool vocab_set_traditional(nb_vocab *v, const uint32_t *from, const uint32_t *to, size_t n)
{
    free(v->trad_from), free(v->trad_to);
    v->trad = (text_fold){NULL, NULL, 0, NULL};
    v->trad_from = malloc((n ? n : 1) * sizeof *from);
    v->trad_to = malloc((n ? n : 1) * sizeof *to);
    if (!v->trad_from || !v->trad_to) return false;
    if (n) memcpy(v->trad_from, from, n * sizeof *from), memcpy(v->trad_to, to, n * sizeof *to);
    free(v->trad_bmp);
    v->trad_bmp = calloc(0x10000 / 8, 1);
    if (!v->trad_bmp) return false;
    for (size_t i = 0; i < n; i++)
        if (from[i] < 0x10000) v->trad_bmp[from[i] >> 3] |= (unsigned char)(1u << (from[i] & 7));
    v->trad = (text_fold){v->trad_from, v->trad_to, n, v->trad_bmp};
    return true;
}

/* Whether s holds a character the traditional map folds (most lines do not: then a plain
 * byte search answers). Traditional characters are all outside ASCII. */
static bool has_traditional(const nb_vocab *v, const char *s, size_t len)
{
    if (!v || !v->trad.n) return false;
    size_t adv;
    for (size_t i = 0; i < len; i += adv) {
        if ((unsigned char)s[i] < 0x80) {
            adv = 1;
            continue;
        }
        uint32_t cp = text_cp_at(s, len, i, &adv);
        if (text_fold_cp(&v->trad, cp) != cp) return true;
    }
    return false;
}

bool vocab_contains(const nb_vocab *v, const char *s, size_t len, const char *word)
{
    if (text_contains(s, len, word)) return true;
    return has_traditional(v, s, len) &&
           text_find_folded(s, len, word, &v->trad, NULL) != (size_t)-1;
}

bool vocab_contains_any(const nb_vocab *v, const char *s, size_t len, const nb_strv *words)
{
    for (size_t k = 0; k < words->n; k++)
        if (text_contains(s, len, words->v[k])) return true;
    if (!has_traditional(v, s, len)) return false; /* one scan for all the words */
    for (size_t k = 0; k < words->n; k++)
        if (text_find_folded(s, len, words->v[k], &v->trad, NULL) != (size_t)-1) return true;
    return false;
}

bool vocab_starts_with(const nb_vocab *v, const char *s, size_t len, const char *word)
{
    if (text_starts_with(s, len, word)) return true;
    size_t n = strlen(word), adv;
    /* the folded match must begin at 0: compare a prefix of at most as many characters */
    size_t k = 0, chars = 0;
    for (size_t i = 0; i < n; i += adv, chars++) text_cp_at(word, n, i, &adv);
    for (size_t c = 0; c < chars && k < len; c++) text_cp_at(s, len, k, &adv), k += adv;
    return has_traditional(v, s, k) && text_find_folded(s, k, word, &v->trad, NULL) == 0;
}
