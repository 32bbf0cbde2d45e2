/*
 * doc.h — the document tree every stage after parsing reads: blocks (title, headings,
 * paragraphs, list items, signature, date, attachments, table titles and notes, tables) in
 * reading order, each with its source lines; headings nest through `parent`; tables as grids.
 *
 * Owns: the data model and its memory (one arena per document, freed at once).
 * Must not: parse. parse.c and table.c fill it; everyone else only reads it.
 */
#ifndef NB_DOC_H
#define NB_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nianbao.h"

/* ---- arena ------------------------------------------------------------------------------- */

typedef struct nb_arena_chunk nb_arena_chunk;
typedef struct nb_arena {
    nb_arena_chunk *head;
    size_t used_bytes; /* total handed out, for limits and measurements */
} nb_arena;

/* Zeroed memory that lives as long as the arena; NULL when out of memory. */
void *nb_arena_alloc(nb_arena *a, size_t size);
/* A NUL-terminated copy of s[0..len). */
char *nb_arena_strndup(nb_arena *a, const char *s, size_t len);
void nb_arena_free(nb_arena *a);
/* A point to go back to: nb_arena_release frees everything allocated after the mark (marks
 * nest; memory from before it stays). For scratch memory of one step. */
typedef struct nb_arena_mark {
    nb_arena_chunk *head;
    size_t used, used_bytes;
} nb_arena_mark;
nb_arena_mark nb_arena_mark_here(const nb_arena *a);
void nb_arena_release(nb_arena *a, nb_arena_mark m);

/* Room for element n of the heap array *arr (capacity *cap elements of elem bytes), doubling
 * the capacity from 16 when it is full: false when out of memory (the array is as it was). */
bool nb_array_room(void **arr, size_t n, size_t *cap, size_t elem);

/* ---- blocks ------------------------------------------------------------------------------ */

/* (nb_block_kind is public: nianbao.h) */

/* Where each source line's text starts inside a block's joined text (wrapped lines that were
 * rejoined into one paragraph keep their own lines this way). A block of one line has none:
 * nb_block_line_at reads both. */
typedef struct nb_piece {
    uint32_t line;   /* 1-based source line */
    uint32_t offset; /* byte offset in the block's text */
} nb_piece;

/* Counts and offsets are 32-bit: an input is at most NB_MOST_INPUT_BYTES (1 GB), its decoded
 * text at most three times that. A block is 56 bytes: a text of short lines has one a line. */
typedef struct nb_block {
    const char *marker; /* headings and list items: "一、", "（一）", "1.", "一是"; else "" */
    const char *text;   /* without the marker; NUL-terminated UTF-8 */
    nb_piece *pieces;
    uint32_t len; /* of text, in bytes */
    uint32_t line_first, line_last;
    uint32_t npieces;
    int32_t parent; /* index of the enclosing heading block, -1 at the top */
    uint32_t table; /* NB_BLOCK_TABLE: index in nb_doc.tables */
    int ordinal;    /* headings and list items: the number the marker carries (三、 → 3) */
    uint8_t kind;   /* nb_block_kind */
    int8_t level;   /* headings: 1 一、 2 （一） 3 1. 4 （1）; 0 otherwise */
    bool runin;     /* a heading whose paragraph goes on in the same line (（一）…。text) */
} nb_block;

/* ---- tables ------------------------------------------------------------------------------ */

typedef enum nb_table_syntax {
    NB_TABLE_PIPE,     /* label | unit | value | */
    NB_TABLE_MARKDOWN, /* | a | b | with |---| */
    NB_TABLE_TAB,
    NB_TABLE_BOX,     /* ┌┬┐│├┼┤└┴┘ */
    NB_TABLE_ALIGNED, /* columns separated by runs of spaces (pdftotext -layout) */
    NB_TABLE_CELLS,   /* one cell per line (pdftotext without -layout) */
} nb_table_syntax;

typedef struct nb_cell {
    const char *text; /* trimmed; "" for an empty cell */
    uint32_t line;    /* 1-based line of the cell's (first) text */
    /* display columns where the text starts in its line, and its width (each saturated at
     * NB_CELL_MAX_COLUMN: a cell is 16 bytes, and a table of a million cells takes 16 MB) */
    uint16_t x, width;
} nb_cell;

#define NB_CELL_MAX_COLUMN ((uint16_t)0xFFFF)

typedef struct nb_row {
    nb_cell *cells;
    const char
        *group; /* a merged label spanning several rows, when one was seen ("（三）不予公开") */
    uint32_t ncells;
    uint32_t line;        /* line of the row's first value (or of its label) */
    uint32_t first_value; /* bind.c's cache: where its values start, plus one; 0 not yet known */
    bool header;          /* a header row (before |---|, or text-only lines at the table's top) */
} nb_row;                 /* (32 bytes) */

typedef struct nb_table {
    nb_table_syntax syntax;
    nb_row *rows;
    size_t nrows;
    size_t ncols; /* the largest row */
    size_t line_first, line_last;
    long block; /* its NB_BLOCK_TABLE block */
} nb_table;

/* ---- what was left out ------------------------------------------------------------------- */

/* A source line, or a part of one, that is no report text and is in no block: a page footer,
 * a form feed, markup a conversion left, a converter's label (kind: nb_line_debris, lines.h). */
typedef struct nb_debris {
    const char *text; /* the line as written, trimmed ("" for a form feed) */
    uint32_t line;    /* 1-based */
    uint8_t kind;
} nb_debris;

/* ---- the document ------------------------------------------------------------------------ */

typedef struct nb_doc {
    nb_arena arena;
    nb_block *blocks;
    size_t nblocks;
    nb_table *tables;
    size_t ntables;
    const char *title;  /* joined title lines, "" when none was found */
    bool flattened;     /* a line held a run-together report body (a web copy; flat.h) */
    const char *agency; /* "" when unknown */
    int year;           /* reporting year, 0 when unknown */
    int date_year, date_month, date_day; /* the signature date, 0 when none */
    size_t title_line, year_line, date_line, agency_line;
    nb_debris *debris; /* in line order */
    size_t ndebris;
} nb_doc;

const char *nb_table_syntax_name(nb_table_syntax syntax);

/* The source line of byte `offset` of a block's text (its pieces, else line_first). */
size_t nb_block_line_at(const nb_block *b, size_t offset);

/* Growable arrays in the arena: append one element, returning it zeroed (NULL: no memory). */
nb_block *nb_doc_add_block(nb_doc *doc, size_t *cap);
/* The document's first block of a kind (a fused table: its run-together text held one), NULL
 * when it has none. */
const nb_block *nb_doc_first_block(const nb_doc *doc, nb_block_kind kind);
nb_table *nb_doc_add_table(nb_doc *doc, size_t *cap);

void nb_doc_free(nb_doc *doc);

#endif /* NB_DOC_H */
