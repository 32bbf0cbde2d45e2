/*
 * flat.h — a report whose line breaks were lost (a web page saved as text, a copy-paste
 * archive): finding, inside one long line, the lines it once had.
 *
 * Owns: deciding that a line is a run-together report body, and cutting it at paragraph
 * indents, at its inline headings of levels 1 and 2 (一、 （一）, in their order) and the ends of
 * their titles, after a title at its head, and around its statistics tables: a table whose
 * cells kept their separators is cut into its cells (the table reader reads them as a table of
 * one cell per line); one whose labels and figures ran together is kept whole and marked fused,
 * never split by guessing.
 * Must not: classify lines (lines.c does that with each piece), know forms, or allocate more
 * than the pieces of the line.
 */
#ifndef NB_FLAT_H
#define NB_FLAT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct flat_seg {
    size_t off, len; /* the piece, without blanks at either end */
    bool fused;      /* a statistics table whose labels and figures ran together */
} flat_seg;

/* What one long line of a document tells the next: the inline headings taken so far. */
typedef struct flat_state {
    int last1, last2;
} flat_state;

/* Below this many bytes a line is never taken for a run-together body. */
#define FLAT_MIN_BYTES 600

/* Cuts s[0..len) when it is a run-together report body: returns the number of pieces stored in
 * *segs (allocated; the caller frees it), 0 when the line is not one (nothing allocated), and
 * (size_t)-1 when out of memory. */
size_t flat_split(flat_state *st, const char *s, size_t len, flat_seg **segs);

#endif /* NB_FLAT_H */
