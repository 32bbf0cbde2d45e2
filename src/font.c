/*
 * font.c — fonts: locating, coverage, fallback, metrics (HarfBuzz), subsetting (hb-subset).
 *
 * Roles (TYPESETTING.md): body in Song (AR PL SungtiL GB when installed), first-level headings
 * in Hei (WenQuanYi Micro Hei, shipped in fonts/), second-level in Kai (AR PL KaitiM GB), the
 * title in Song. The AR PL faces cover GB2312 only, so every role falls back, character by
 * character, to Micro Hei, which covers GBK nearly entirely.
 *
 * Must not: draw.
 */
#include "font.h"

#include "error.h"

#include <hb-ot.h>
#include <hb-subset.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef NB_FONTS_DIR
#define NB_FONTS_DIR "/usr/local/share/nianbao/fonts"
#endif

#define SONG_PATH    "/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf"
#define KAI_PATH     "/usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf"
#define DEFAULT_FONT "wqy-microhei.ttc"

static int open_font(nb_fontset *fs, const char *path)
{
    for (size_t i = 0; i < fs->nfonts; i++)
        if (strcmp(fs->fonts[i].path, path) == 0) return (int)i;
    if (fs->nfonts == NB_MAX_FONTS || access(path, R_OK) != 0) return -1;
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob) return -1;
    hb_face_t *face = hb_face_create(blob, 0);
    if (!face || hb_face_get_glyph_count(face) == 0) {
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        return -1;
    }
    nb_font *f = &fs->fonts[fs->nfonts];
    f->path = strdup(path);
    f->blob = blob;
    f->face = face;
    f->font = hb_font_create(face);
    f->upem = hb_face_get_upem(face);
    if (!f->path || !f->font) {
        free(f->path);
        hb_font_destroy(f->font);
        hb_face_destroy(face);
        hb_blob_destroy(blob);
        return -1;
    }
    return (int)fs->nfonts++;
}

static void add_to_chain(nb_fontset *fs, nb_face role, int font)
{
    if (font < 0) return;
    for (size_t i = 0; i < fs->chain_len[role]; i++)
        if (fs->chain[role][i] == font) return;
    fs->chain[role][fs->chain_len[role]++] = font;
}

static const char *default_fonts_dir(void)
{
    /* as for the forms (form.c): installed, else this checkout's; never the current directory */
    static const char *const dirs[] = {
        NB_FONTS_DIR,
#ifdef NB_SOURCE_FONTS_DIR
        NB_SOURCE_FONTS_DIR,
#endif
    };
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dirs[i], DEFAULT_FONT);
        if (access(path, R_OK) == 0) return dirs[i];
    }
    return NB_FONTS_DIR;
}

nb_fontset *nb_fontset_open(const char *fonts_dir, const char *body_font, const char *heading_font,
                            nb_error *err)
{
    nb_fontset *fs = calloc(1, sizeof *fs);
    if (!fs) {
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory opening fonts");
        return NULL;
    }
    const char *dir = fonts_dir ? fonts_dir : getenv("NIANBAO_FONTS");
    if (!dir || !dir[0]) dir = default_fonts_dir();
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, DEFAULT_FONT);
    int hei = open_font(fs, path);
    if (hei < 0) {
        nb_error_set(err, NB_ERR_IO, path, 0, 0,
                     "cannot open the default font (set NIANBAO_FONTS to the fonts directory)");
        nb_fontset_free(fs);
        return NULL;
    }
    int body = -1, head = -1;
    if (body_font && (body = open_font(fs, body_font)) < 0) {
        nb_error_set(err, NB_ERR_USAGE, body_font, 0, 0,
                     "not a TrueType font that can be opened (--font-body)");
        nb_fontset_free(fs);
        return NULL;
    }
    if (heading_font && (head = open_font(fs, heading_font)) < 0) {
        nb_error_set(err, NB_ERR_USAGE, heading_font, 0, 0,
                     "not a TrueType font that can be opened (--font-heading)");
        nb_fontset_free(fs);
        return NULL;
    }
    int song = open_font(fs, SONG_PATH), kai = open_font(fs, KAI_PATH);
    add_to_chain(fs, NB_FACE_BODY, body);
    add_to_chain(fs, NB_FACE_BODY, song);
    add_to_chain(fs, NB_FACE_TITLE, head);
    add_to_chain(fs, NB_FACE_TITLE, song);
    add_to_chain(fs, NB_FACE_HEI, head);
    add_to_chain(fs, NB_FACE_KAI, kai);
    add_to_chain(fs, NB_FACE_KAI, body);
    for (int r = 0; r < NB_FACE_COUNT; r++) add_to_chain(fs, (nb_face)r, hei);
    return fs;
}

void nb_fontset_free(nb_fontset *fs)
{
    if (!fs) return;
    for (size_t i = 0; i < fs->nfonts; i++) {
        for (size_t b = 0; b < 256; b++)
            free((void *)atomic_load_explicit(&fs->fonts[i].glyphs[b], memory_order_relaxed));
        hb_font_destroy(fs->fonts[i].font);
        hb_face_destroy(fs->fonts[i].face);
        hb_blob_destroy(fs->fonts[i].blob);
        free(fs->fonts[i].path);
    }
    free(fs);
}

/* What font.c knows of a code point in a font, as one word: KNOWN (0: not looked up yet), FOUND
 * when the font maps it to a glyph, the glyph id (GLYPH_SHIFT up, below 2^30) and its advance
 * in font units (the low 32 bits, two's complement). */
#define KNOWN       (UINT64_C(1) << 63)
#define FOUND       (UINT64_C(1) << 62)
#define GLYPH_SHIFT 32
#define GLYPH_MAX   ((UINT64_C(1) << 30) - 1)

static uint64_t look_up(const nb_font *font, uint32_t cp, hb_codepoint_t *gid)
{
    *gid = 0;
    if (!hb_font_get_nominal_glyph(font->font, cp, gid)) return KNOWN;
    uint32_t adv = (uint32_t)hb_font_get_glyph_h_advance(font->font, *gid);
    uint64_t glyph = *gid < GLYPH_MAX ? *gid : GLYPH_MAX; /* (a larger one is not kept) */
    return KNOWN | FOUND | glyph << GLYPH_SHIFT | adv;
}

/* cp's entry in font (see KNOWN), looked up in HarfBuzz the first time only; a code point above
 * U+FFFF, a glyph id too large for the word or no memory for a block: looked up every time. */
static uint64_t glyph_entry(const nb_font *font, uint32_t cp)
{
    hb_codepoint_t gid;
    if (cp > 0xFFFF) return look_up(font, cp, &gid);
    nb_glyph_block *slot = (nb_glyph_block *)&font->glyphs[cp >> 8];
    nb_glyph_entry *block = atomic_load_explicit(slot, memory_order_acquire);
    if (!block) {
        nb_glyph_entry *made = calloc(256, sizeof *made), *none = NULL;
        if (!made) return look_up(font, cp, &gid);
        if (atomic_compare_exchange_strong_explicit(slot, &none, made, memory_order_acq_rel,
                                                    memory_order_acquire))
            block = made;
        else
            free((void *)made), block = none; /* (another thread's came first) */
    }
    uint64_t e = atomic_load_explicit(&block[cp & 255], memory_order_relaxed);
    if (e & KNOWN) return e;
    e = look_up(font, cp, &gid);
    if (gid < GLYPH_MAX) atomic_store_explicit(&block[cp & 255], e, memory_order_relaxed);
    return e;
}

int nb_fontset_pick(const nb_fontset *fs, nb_face face, uint32_t cp)
{
    if (cp > 0xFFFF || (unsigned)face >= NB_FACE_COUNT) return -1;
    for (size_t i = 0; i < fs->chain_len[face]; i++) {
        int f = fs->chain[face][i];
        uint64_t e = glyph_entry(&fs->fonts[f], cp);
        if ((e & FOUND) && (e >> GLYPH_SHIFT & GLYPH_MAX) != 0) return f;
    }
    return -1;
}

double nb_font_advance(const nb_fontset *fs, int f, uint32_t cp, double size)
{
    uint64_t e = glyph_entry(&fs->fonts[f], cp);
    if (!(e & FOUND)) return size;
    return (double)(int32_t)(uint32_t)e / fs->fonts[f].upem * size;
}

static double advance_pt(void *ctx, nb_face face, uint32_t cp, double size_pt)
{
    const nb_fontset *fs = ctx;
    int f = nb_fontset_pick(fs, face, cp);
    if (f < 0) return size_pt; /* drawn as a full-width replacement mark */
    return nb_font_advance(fs, f, cp, size_pt);
}

static bool covers(void *ctx, nb_face face, uint32_t cp)
{
    return nb_fontset_pick(ctx, face, cp) >= 0;
}

nb_metrics nb_fontset_metrics(nb_fontset *fs)
{
    nb_metrics m = {.ctx = fs, .advance_pt = advance_pt, .covers = covers};
    return m;
}

/* ---- subsets and descriptions ------------------------------------------------------------ */

hb_blob_t *nb_font_subset(const nb_fontset *fs, size_t i, const uint32_t *cps, size_t n,
                          nb_error *err)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) {
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory subsetting a font");
        return NULL;
    }
    hb_set_t *unicodes = hb_subset_input_unicode_set(in);
    for (size_t k = 0; k < n; k++) hb_set_add(unicodes, cps[k]);
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    /* Only outlines and metrics are kept: the AR PL faces carry embedded bitmaps (EBDT/EBLC)
     * that made a subset of 700 characters 250 KB, and layout tables are unused (text is
     * positioned here, not shaped by the viewer). */
    static const char *const drop[] = {"EBDT", "EBLC", "EBSC", "CBDT", "CBLC", "sbix", "GSUB",
                                       "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx",
                                       "VORG", "kern", "gasp", "hdmx", "LTSH", "VDMX", "DSIG",
                                       "morx", "mort", "feat", "prop", "bdat", "bloc"};
    hb_set_t *tables = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (size_t k = 0; k < sizeof drop / sizeof drop[0]; k++)
        hb_set_add(tables, hb_tag_from_string(drop[k], 4));
    hb_face_t *sub = hb_subset_or_fail(fs->fonts[i].face, in);
    hb_subset_input_destroy(in);
    if (!sub) {
        nb_error_set(err, NB_ERR_INTERNAL, fs->fonts[i].path, 0, 0, "cannot subset this font");
        return NULL;
    }
    hb_blob_t *blob = hb_face_reference_blob(sub);
    hb_face_destroy(sub);
    if (!hb_blob_get_length(blob)) {
        hb_blob_destroy(blob);
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory subsetting a font");
        return NULL;
    }
    return blob;
}

static int16_t get_s16(const char *p)
{
    return (int16_t)(((unsigned char)p[0] << 8) | (unsigned char)p[1]);
}

static int per_mille(const nb_font *f, double v)
{
    return (int)lround(v * 1000.0 / f->upem);
}

void nb_font_describe(const nb_fontset *fs, size_t i, nb_font_info *out)
{
    const nb_font *f = &fs->fonts[i];
    memset(out, 0, sizeof *out);
    /* the PostScript name, as a PDF name may hold it */
    char name[128] = "";
    unsigned len = sizeof name;
    hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, name);
    size_t k = 0;
    for (const char *p = name; *p && k < sizeof out->name - 1; p++)
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            *p == '-')
            out->name[k++] = *p;
    if (!k) snprintf(out->name, sizeof out->name, "NianbaoFont%zu", i);
    /* the bounding box of all glyphs, from 'head' */
    hb_blob_t *head = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
    unsigned hl = 0;
    const char *h = hb_blob_get_data(head, &hl);
    if (h && hl >= 44)
        for (int c = 0; c < 4; c++) out->bbox[c] = per_mille(f, get_s16(h + 36 + 2 * c));
    hb_blob_destroy(head);
    hb_font_extents_t ext;
    if (hb_font_get_h_extents(f->font, &ext)) {
        out->ascent = per_mille(f, ext.ascender);
        out->descent = per_mille(f, ext.descender);
    }
    /* the height of capitals: OS/2's, else measured on 'H', else most of the ascent */
    hb_position_t cap = 0;
    hb_codepoint_t gid;
    hb_glyph_extents_t ge;
    if (hb_ot_metrics_get_position(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, &cap) && cap > 0)
        out->cap_height = per_mille(f, cap);
    else if (hb_font_get_nominal_glyph(f->font, 'H', &gid) &&
             hb_font_get_glyph_extents(f->font, gid, &ge) && ge.y_bearing > 0)
        out->cap_height = per_mille(f, ge.y_bearing);
    else
        out->cap_height = out->ascent * 7 / 10;
}
