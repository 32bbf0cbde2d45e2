/*
 * font.h — the fonts a PDF is set in: locating them, coverage, per-character fallback, metrics,
 * and subsetting with HarfBuzz.
 *
 * Owns: the built-in default (fonts/wqy-microhei.ttc, WenQuanYi Micro Hei) that always works,
 * the Song and Kai faces found among installed system fonts, the fallback chain of each role,
 * advance widths (HarfBuzz), and writing a subset of a font to a file (hb-subset).
 * Must not: draw anything.
 */
#ifndef NB_FONT_H
#define NB_FONT_H

#include "nianbao.h"
#include "page.h"

#include <hb.h>
#include <stdatomic.h>
#include <stdint.h>

#define NB_MAX_FONTS 6

/* A block of 256 cached glyph entries, each one atomic word, and an atomic pointer to one
 * (typedefs: the plain _Atomic qualifier, which the static analyser reads). */
typedef _Atomic uint64_t nb_glyph_entry;
typedef nb_glyph_entry *_Atomic nb_glyph_block;

typedef struct nb_font {
    char *path;
    unsigned index; /* face index in a collection */
    hb_blob_t *blob;
    hb_face_t *face;
    hb_font_t *font;
    double upem;
    /* Each BMP code point's glyph and advance once looked up, in blocks of 256 code points
     * made as they are first asked for (font.c): layout and drawing ask for the same few
     * thousand characters over and over. Filled by whichever thread asks first, each entry one
     * atomic word, so the set stays shareable between threads. */
    nb_glyph_block glyphs[256];
} nb_font;

typedef struct nb_fontset {
    nb_font fonts[NB_MAX_FONTS];
    size_t nfonts;
    int chain[NB_FACE_COUNT][NB_MAX_FONTS]; /* font indices, best first */
    size_t chain_len[NB_FACE_COUNT];
} nb_fontset;

/* (nb_fontset_open and nb_fontset_free are public: nianbao.h) */

/* The font of role `face` that draws cp: index into fs->fonts, or -1 when none can (or cp is
 * above U+FFFF: a page's fonts are addressed by 16-bit code points). */
int nb_fontset_pick(const nb_fontset *fs, nb_face face, uint32_t cp);

/* The advance of cp in font f at size (points, or 1000 for a PDF's widths); size when the font
 * has no glyph for it. */
double nb_font_advance(const nb_fontset *fs, int f, uint32_t cp, double size);

/* Metrics for layout.c. */
nb_metrics nb_fontset_metrics(nb_fontset *fs);

/* The subset of font `i` holding code points cps, as a TrueType file in memory (no hinting,
 * glyph ids renumbered, bitmaps and layout tables dropped). NULL with err. */
hb_blob_t *nb_font_subset(const nb_fontset *fs, size_t i, const uint32_t *cps, size_t n,
                          nb_error *err);

/* What a PDF font descriptor says of font `i`, in thousandths of an em. */
typedef struct nb_font_info {
    char name[64]; /* PostScript name, only letters, digits and '-' */
    int bbox[4];   /* xMin yMin xMax yMax */
    int ascent, descent, cap_height;
} nb_font_info;
void nb_font_describe(const nb_fontset *fs, size_t i, nb_font_info *out);

#endif /* NB_FONT_H */
