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

#include <hb-subset.h>
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
        hb_font_destroy(fs->fonts[i].font);
        hb_face_destroy(fs->fonts[i].face);
        hb_blob_destroy(fs->fonts[i].blob);
        free(fs->fonts[i].path);
    }
    free(fs);
}

int nb_fontset_pick(const nb_fontset *fs, nb_face face, uint32_t cp)
{
    if (cp > 0xFFFF || (unsigned)face >= NB_FACE_COUNT) return -1;
    for (size_t i = 0; i < fs->chain_len[face]; i++) {
        hb_codepoint_t gid;
        int f = fs->chain[face][i];
        if (hb_font_get_nominal_glyph(fs->fonts[f].font, cp, &gid) && gid != 0) return f;
    }
    return -1;
}

static double advance_pt(void *ctx, nb_face face, uint32_t cp, double size_pt)
{
    const nb_fontset *fs = ctx;
    int f = nb_fontset_pick(fs, face, cp);
    if (f < 0) return size_pt; /* drawn as a full-width replacement mark */
    hb_codepoint_t gid;
    hb_font_get_nominal_glyph(fs->fonts[f].font, cp, &gid);
    return (double)hb_font_get_glyph_h_advance(fs->fonts[f].font, gid) / fs->fonts[f].upem *
           size_pt;
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

/* ---- re-packing a subset for libharu --------------------------------------------------- */

#define CMAP_MAX_SEGMENTS  16    /* see compact_cmap */
#define CMAP_MAX_GLYPH_IDS 24000 /* keeps the format 4 subtable under its 64 KB */

static void put16(unsigned char *p, unsigned v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

typedef struct cmap_gap {
    size_t gap; /* code points between run `run` and the one before it */
    size_t run;
} cmap_gap;

static int by_gap(const void *a, const void *b)
{
    const cmap_gap *x = a, *y = b;
    if (x->gap != y->gap) return x->gap < y->gap ? -1 : 1;
    return x->run < y->run ? -1 : x->run > y->run;
}

/*
 * A 'cmap' of few segments for face (a subset): one format 4 subtable (3, 1) whose segments
 * also span the gaps between close characters, the gaps mapped to glyph 0 through the glyph
 * id array. Returns NULL when out of memory.
 *
 * Why: libharu 2.3.0, setting up a CID font for UTF-8 text (CIDFontType2_New), looks up every
 * one of the 65,536 BMP code points with HPDF_TTFontDef_GetGlyphid, which scans the format 4
 * segments one by one. A subset of 700 scattered characters has about as many segments, and
 * those lookups were a quarter of `convert`'s time. With at most CMAP_MAX_SEGMENTS segments
 * the scan is short; the glyph id array of the bridged gaps (mostly zeros) compresses well.
 * Characters beyond the BMP are left out: libharu's UTF-8 text cannot reach them. NULL when
 * out of memory or when the subtable would pass its 64 KB (the subset's own cmap then stays).
 */
static hb_blob_t *compact_cmap(hb_face_t *face)
{
    hb_set_t *set = hb_set_create();
    hb_font_t *font = hb_font_create(face);
    hb_face_collect_unicodes(face, set);
    size_t n = 0, cap = hb_set_get_population(set) + 1;
    uint32_t *cp = malloc(cap * sizeof *cp), *gid = malloc(cap * sizeof *gid);
    for (hb_codepoint_t u = HB_SET_VALUE_INVALID; cp && gid && hb_set_next(set, &u);) {
        hb_codepoint_t g;
        if (u >= 0xFFFF || !hb_font_get_nominal_glyph(font, u, &g) || g == 0) continue;
        cp[n] = u, gid[n++] = g;
    }
    hb_font_destroy(font);
    hb_set_destroy(set);
    /* runs of consecutive code points, then the smallest gaps bridged until few remain */
    size_t nruns = 0;
    size_t *run_start = malloc((n + 1) * sizeof *run_start); /* index into cp of each run */
    cmap_gap *order = malloc((n + 1) * sizeof *order);
    bool *bridge = calloc(n + 1, sizeof *bridge); /* bridge[r]: run r joins run r - 1 */
    unsigned char *out = NULL;
    size_t out_len = 0;
    if (!cp || !gid || !run_start || !order || !bridge) goto done;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || cp[i] != cp[i - 1] + 1) run_start[nruns++] = i;
    /* gap before run r (r >= 1): code points between it and the previous run */
    size_t ngaps = 0, ids = n;
    for (size_t r = 1; r < nruns; r++)
        order[ngaps++] = (cmap_gap){cp[run_start[r]] - cp[run_start[r] - 1] - 1, r};
    qsort(order, ngaps, sizeof *order, by_gap);
    size_t segments = nruns;
    for (size_t k = 0; k < ngaps && segments > CMAP_MAX_SEGMENTS; k++) {
        size_t r = order[k].run, g = order[k].gap;
        if (ids + g > CMAP_MAX_GLYPH_IDS) break;
        bridge[r] = true, ids += g, segments--;
    }
    /* the subtable: header, 4 arrays of segments + the final 0xFFFF one, glyph ids */
    size_t seg = segments + 1, sub_len = 16 + 8 * seg + 2 * ids;
    if (sub_len > 0xFFFF) goto done; /* tens of thousands of characters: the subset's own */
    out_len = 4 + 8 + sub_len;
    out = calloc(out_len, 1);
    if (!out) goto done;
    put16(out, 0), put16(out + 2, 1); /* version, one subtable */
    put16(out + 4, 3), put16(out + 6, 1), put16(out + 8, 0), put16(out + 10, 12); /* (3, 1) */
    unsigned char *t = out + 12;
    unsigned pow2 = 1, log2 = 0;
    while (pow2 * 2 <= seg) pow2 *= 2, log2++;
    put16(t, 4), put16(t + 2, (unsigned)sub_len), put16(t + 4, 0);
    put16(t + 6, (unsigned)(2 * seg)), put16(t + 8, 2 * pow2), put16(t + 10, log2);
    put16(t + 12, (unsigned)(2 * seg - 2 * pow2));
    unsigned char *ends = t + 14, *starts = ends + 2 * seg + 2, *deltas = starts + 2 * seg,
                  *ranges = deltas + 2 * seg, *glyphs = ranges + 2 * seg;
    size_t s = 0, slot = 0;
    for (size_t r = 0; r < nruns; r++) {
        size_t first = run_start[r], last = r + 1 < nruns ? run_start[r + 1] - 1 : n - 1;
        if (!bridge[r]) { /* a new segment */
            if (r > 0) s++;
            put16(starts + 2 * s, cp[first]);
            /* idRangeOffset: from this field to the segment's first glyph id */
            put16(ranges + 2 * s, (unsigned)(glyphs + 2 * slot - (ranges + 2 * s)));
        } else { /* the bridged gap: glyph 0 (already zero) */
            slot += cp[first] - cp[first - 1] - 1;
        }
        for (size_t i = first; i <= last; i++) put16(glyphs + 2 * slot++, gid[i]);
        put16(ends + 2 * s, cp[last]);
    }
    s = nruns ? s + 1 : 0;
    put16(ends + 2 * s, 0xFFFF), put16(starts + 2 * s, 0xFFFF), put16(deltas + 2 * s, 1);
done:
    free(cp);
    free(gid);
    free(run_start);
    free(order);
    free(bridge);
    return out ? hb_blob_create((const char *)out, (unsigned)out_len, HB_MEMORY_MODE_WRITABLE, out,
                                free)
               : NULL;
}

/*
 * Returns a copy of face (a subset) ready for libharu, or NULL when out of memory: a compact
 * 'cmap' (compact_cmap) and a one-instruction 'prep' table.
 *
 * The 'prep': libharu 2.3.0 bug: when it re-packs an embedded TrueType font
 * (HPDF_TTFontDef_SaveFontData) it writes all 13 tables it knows, an absent one as empty,
 * 'prep' last; then it seeks to each table's offset in its memory stream.  An empty 'prep'
 * sits at the very end, and when the re-packed font is exactly a multiple of 4096 bytes (the
 * stream's block size) that seek fails with HPDF_INVALID_OBJECT, without calling the error
 * handler.  A subset without hinting has no 'prep', so about one font in 4096 could not be
 * embedded (found by fuzz_pipeline; tests/regress/fuzz-pipeline-font-4096.txt).  A non-empty
 * 'prep' is never at the end.  Its one byte is SVTCA[1] (0x01), which sets the vectors to the
 * x-axis they already hold: a no-op that needs no stack, function or CVT.
 */
static hb_face_t *for_libharu(hb_face_t *face)
{
    hb_face_t *b = hb_face_builder_create();
    if (b == hb_face_get_empty()) return NULL;
    const hb_tag_t prep = HB_TAG('p', 'r', 'e', 'p'), cmap = HB_TAG('c', 'm', 'a', 'p');
    hb_tag_t tags[64];
    unsigned start = 0, count;
    bool ok = true, has_prep = false;
    do {
        count = sizeof tags / sizeof tags[0];
        hb_face_get_table_tags(face, start, &count, tags);
        for (unsigned k = 0; k < count; k++) {
            hb_blob_t *t = tags[k] == cmap ? compact_cmap(face) : NULL;
            if (!t) t = hb_face_reference_table(face, tags[k]); /* or when it cannot be */
            if (tags[k] == prep) has_prep = hb_blob_get_length(t) > 0;
            if (tags[k] != prep || has_prep) ok = ok && hb_face_builder_add_table(b, tags[k], t);
            hb_blob_destroy(t);
        }
        start += count;
    } while (count == sizeof tags / sizeof tags[0]);
    if (!has_prep) {
        static const char svtca_x = 0x01;
        hb_blob_t *t = hb_blob_create(&svtca_x, 1, HB_MEMORY_MODE_READONLY, NULL, NULL);
        ok = ok && hb_face_builder_add_table(b, prep, t);
        hb_blob_destroy(t);
    }
    if (!ok) {
        hb_face_destroy(b);
        return NULL;
    }
    return b;
}

int nb_font_write_subset(const nb_fontset *fs, size_t i, const uint32_t *cps, size_t n,
                         const char *path, nb_error *err)
{
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    if (!in) {
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory subsetting a font");
        return -1;
    }
    hb_set_t *unicodes = hb_subset_input_unicode_set(in);
    for (size_t k = 0; k < n; k++) hb_set_add(unicodes, cps[k]);
    hb_set_add(unicodes, 'H');
    hb_set_add(unicodes, 'x');
    hb_set_add(unicodes, ' ');
    hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
    /* Only the outline tables libharu reads are kept: the AR PL faces carry embedded bitmaps
     * (EBDT/EBLC) that made a subset of 700 characters 250 KB, and layout tables are unused
     * (text is positioned here, not shaped by the viewer). */
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
        return -1;
    }
    /* the subset is a face builder, which cannot list its tables: reread it as a font file */
    hb_blob_t *packed = hb_face_reference_blob(sub);
    hb_face_t *reread = hb_face_create(packed, 0);
    hb_face_t *out = for_libharu(reread);
    hb_face_destroy(reread);
    hb_blob_destroy(packed);
    hb_face_destroy(sub);
    if (!out) {
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory subsetting a font");
        return -1;
    }
    hb_blob_t *blob = hb_face_reference_blob(out);
    unsigned len = 0;
    const char *data = hb_blob_get_data(blob, &len);
    FILE *f = fopen(path, "wb");
    int rc = f && len && fwrite(data, 1, len, f) == len ? 0 : -1;
    if (f && fclose(f) != 0) rc = -1;
    hb_blob_destroy(blob);
    hb_face_destroy(out);
    if (rc != 0) nb_error_set(err, NB_ERR_WRITE, path, 0, 0, "cannot write a font subset");
    return rc;
}
