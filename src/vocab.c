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
}
