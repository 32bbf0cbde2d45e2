/*
 * marker.h — enumeration markers as reports number their headings, list items and table rows:
 * 一、 （一） (一) 1. 1、 1． （1） (1) and 一是 二是, with the ordinal they carry, and the
 * Chinese ordinals 一 … 九十九 they are written with.
 *
 * Owns: the one definition of a marker, shared by the line classifier (headings), the label
 * matcher (markers dropped before labels are compared) and the checker (section order).
 * Must not: allocate, or decide from context whether a marker line is a heading.
 */
#ifndef NB_MARKER_H
#define NB_MARKER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct nb_marker {
    int level;   /* 1 一、  2 （一）  3 1.  4 （1）; 0 for a list marker or none */
    int ordinal; /* the number the marker carries */
    bool list;   /* 一是, 二是 */
    size_t len;  /* bytes of the marker; 0 when s does not start with one */
} nb_marker;

/* Parses a Chinese ordinal 一 … 九十九 at s; returns the bytes used (0 when none) and the value
 * in *out. */
size_t marker_cn_ordinal(const char *s, size_t len, int *out);
/* Parses up to six decimal digits (ASCII or full-width) at s; returns the bytes used. */
size_t marker_digits(const char *s, size_t len, int *out);
/* The marker s starts with, if any (m->len == 0 when none). */
nb_marker marker_parse(const char *s, size_t len);
/* The value of a Chinese digit 零 一 … 九, -1 for any other code point. */
int marker_cn_digit(unsigned cp);

#endif /* NB_MARKER_H */
