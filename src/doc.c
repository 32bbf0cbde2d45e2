/*
 * doc.c — the document tree's memory: a chunked bump arena and the growable block and table
 * arrays (on the heap). Nothing is freed piecemeal; a document goes with its arena and arrays.
 */
#include "doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct nb_arena_chunk {
    nb_arena_chunk *next;
    size_t size, used;
    max_align_t data[]; /* aligned for anything */
};

void *nb_arena_alloc(nb_arena *a, size_t size)
{
    const size_t align = _Alignof(max_align_t); /* (16; its size is 32) */
    if (size > SIZE_MAX - align) return NULL;
    size = (size + align - 1) / align * align;
    nb_arena_chunk *c = a->head;
    if (!c || c->size - c->used < size) {
        size_t csize = size > 64 * 1024 ? size : 64 * 1024;
        c = malloc(sizeof *c + csize);
        if (!c) return NULL;
        c->next = a->head;
        c->size = csize;
        c->used = 0;
        a->head = c;
    }
    void *p = (char *)c->data + c->used;
    c->used += size;
    a->used_bytes += size;
    memset(p, 0, size);
    return p;
}

char *nb_arena_strndup(nb_arena *a, const char *s, size_t len)
{
    char *p = nb_arena_alloc(a, len + 1);
    if (p) {
        memcpy(p, s, len);
        p[len] = '\0';
    }
    return p;
}

void nb_arena_free(nb_arena *a)
{
    for (nb_arena_chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    a->head = NULL;
    a->used_bytes = 0;
}

nb_arena_mark nb_arena_mark_here(const nb_arena *a)
{
    return (nb_arena_mark){a->head, a->head ? a->head->used : 0, a->used_bytes};
}

void nb_arena_release(nb_arena *a, nb_arena_mark m)
{
    while (a->head && a->head != m.head) {
        nb_arena_chunk *next = a->head->next;
        free(a->head);
        a->head = next;
    }
    if (a->head) a->head->used = m.used;
    a->used_bytes = m.used_bytes;
}

/* Appends one zeroed element to a heap array, doubling it (realloc: a large array grows in
 * place, so a document's arrays take their size once, not the sum of their copies). */
bool nb_array_room(void **arr, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap) return true;
    size_t ncap = *cap ? *cap * 2 : 16;
    void *na = ncap <= SIZE_MAX / elem ? realloc(*arr, ncap * elem) : NULL;
    if (!na) return false;
    *arr = na;
    *cap = ncap;
    return true;
}

static void *grow_array(void **arr, size_t *n, size_t *cap, size_t elem)
{
    if (!nb_array_room(arr, *n, cap, elem)) return NULL;
    void *p = (char *)*arr + (*n)++ * elem;
    memset(p, 0, elem);
    return p;
}

nb_block *nb_doc_add_block(nb_doc *doc, size_t *cap)
{
    return grow_array((void **)&doc->blocks, &doc->nblocks, cap, sizeof(nb_block));
}

nb_table *nb_doc_add_table(nb_doc *doc, size_t *cap)
{
    return grow_array((void **)&doc->tables, &doc->ntables, cap, sizeof(nb_table));
}

const nb_block *nb_doc_first_block(const nb_doc *doc, nb_block_kind kind)
{
    for (size_t i = 0; i < doc->nblocks; i++)
        if (doc->blocks[i].kind == kind) return &doc->blocks[i];
    return NULL;
}

const char *nb_block_kind_name(nb_block_kind kind)
{
    static const char *const names[] = {
        "title",     "subtitle", "heading",     "paragraph",        "list_item",
        "signature", "date",     "attachment",  "attachment_title", "table_title",
        "table",     "note",     "fused_table",
    };
    return (size_t)kind < sizeof names / sizeof names[0] ? names[kind] : "unknown";
}

const char *nb_table_syntax_name(nb_table_syntax syntax)
{
    static const char *const names[] = {"pipe", "markdown", "tab", "box", "aligned", "cells"};
    return (size_t)syntax < sizeof names / sizeof names[0] ? names[syntax] : "unknown";
}

void nb_doc_free(nb_doc *doc)
{
    if (!doc) return;
    nb_arena_free(&doc->arena);
    free(doc->blocks);
    free(doc->tables);
    memset(doc, 0, sizeof *doc);
}

size_t nb_block_line_at(const nb_block *b, size_t offset)
{
    size_t line = b->line_first;
    for (size_t p = 0; p < b->npieces && b->pieces[p].offset <= offset; p++)
        line = b->pieces[p].line;
    return line;
}
