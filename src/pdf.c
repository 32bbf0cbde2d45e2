/*
 * pdf.c — the page model into a PDF/A-1b file, written a page at a time (see pdf.h).
 *
 * Objects: 1 the catalog, 2 the root of the page tree, 3 the resources every page shares (the
 * fonts); then each page's content stream and page object as the page comes; at the end the
 * page tree's nodes (at most 4,096 pages each: PDF/A-1 allows arrays of 8,191 entries), the
 * fonts, bookmarks, Info, XMP and the output intent.
 *
 * Text: each font is a Type0 font over a CID TrueType font with Identity-H, CID = the code
 * point (the layout replaced what no font has, and nothing above U+FFFF reaches a page), so a
 * page can be written before anyone knows which glyphs the document uses. At the end each font
 * is subset with HarfBuzz to the code points drawn with it, and a CIDToGIDMap maps each CID to
 * its glyph in the subset. Each character is drawn in the first font of its role that has it
 * (font.c); a run is drawn in groups of characters that share a font and an extra advance
 * (PDF Tc).
 *
 * Must not: lay out.
 */
#include "pdf.h"

#include "doc.h"
#include "error.h"
#include "pdfa.h"
#include "pdfobj.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NODE_PAGES 4096 /* pages under one node of the page tree */
#define TJ_GLYPHS  2000 /* glyphs in one Tj string (PDF/A-1: strings of at most 65,535 bytes) */

struct nb_pdf {
    pdfobj w;
    const nb_fontset *fs;
    uint8_t *used[NB_MAX_FONTS]; /* a bit per code point drawn with the font; NULL when none */
    uint32_t font_obj[NB_MAX_FONTS];
    uint32_t *page_obj; /* object number of each page */
    size_t npages, cap_pages;
    uint32_t *node_obj; /* object number of each node of the page tree */
    size_t nnodes, cap_nodes;
    pdfbuf content; /* the page being written (kept for the next page's) */
    /* text state while a page is written */
    int cur_font;
    double cur_size, cur_tc, line_x, line_y;
};

nb_pdf *nb_pdf_open(const nb_fontset *fonts, const char *path, nb_error *err)
{
    nb_pdf *p = calloc(1, sizeof *p);
    if (!p) {
        nb_error_set(err, NB_ERR_NOMEM, path, 0, 0, "out of memory writing the PDF");
        return NULL;
    }
    p->fs = fonts;
    if (pdfobj_open(&p->w, path, err) != 0) {
        free(p);
        return NULL;
    }
    pdfobj_new(&p->w); /* 1: the catalog */
    pdfobj_new(&p->w); /* 2: the page tree's root */
    pdfobj_new(&p->w); /* 3: the resources */
    return p;
}

size_t nb_pdf_page_count(const nb_pdf *p)
{
    return p->npages;
}

/* ---- drawing ----------------------------------------------------------------------------- */

static bool mark_used(nb_pdf *p, int f, uint32_t cp)
{
    if (!p->used[f] && !(p->used[f] = calloc(0x10000 / 8, 1))) {
        if (!p->w.failed) p->w.failed = NB_ERR_NOMEM;
        return false;
    }
    p->used[f][cp >> 3] |= (uint8_t)(1u << (cp & 7));
    return true;
}

/* Draws code points [from, to) of a run, all in font f with the same extra advance, from x. */
static void draw_group(nb_pdf *p, const nb_text_run *run, size_t from, size_t to, int f, double x,
                       double extra)
{
    static const char hex[] = "0123456789ABCDEF";
    pdfbuf *b = &p->content;
    if (f != p->cur_font || run->size_pt != p->cur_size) {
        pdfbuf_printf(b, "/F%d ", f);
        pdfbuf_real(b, run->size_pt);
        pdfbuf_puts(b, " Tf\n");
        p->cur_font = f, p->cur_size = run->size_pt;
    }
    if (fabs(extra - p->cur_tc) > 1e-6) {
        pdfbuf_real(b, extra);
        pdfbuf_puts(b, " Tc\n");
        p->cur_tc = extra;
    }
    pdfbuf_real(b, x - p->line_x);
    pdfbuf_puts(b, " ");
    pdfbuf_real(b, run->y_pt - p->line_y);
    pdfbuf_puts(b, " Td\n<");
    p->line_x = x, p->line_y = run->y_pt;
    size_t glyphs = 0, adv;
    for (size_t i = from; i < to; i += adv) {
        int32_t c = nb_utf8_decode((const unsigned char *)run->utf8 + i, to - i, &adv);
        if (adv == 0) adv = 1;
        uint32_t cp = c < 0 ? 0xFFFD : (uint32_t)c;
        if (cp > 0xFFFF || !mark_used(p, f, cp)) continue;
        if (glyphs && glyphs % TJ_GLYPHS == 0) pdfbuf_puts(b, "> Tj\n<");
        char h[4] = {hex[cp >> 12], hex[(cp >> 8) & 15], hex[(cp >> 4) & 15], hex[cp & 15]};
        pdfbuf_add(b, h, 4);
        glyphs++;
    }
    pdfbuf_puts(b, "> Tj\n");
}

static void draw_run(nb_pdf *p, const nb_text_run *run)
{
    double x = run->x_pt, gx = x, extra = 0;
    size_t i = 0, k = 0, start = 0, adv = 1;
    int gf = -2;
    while (i <= run->len) {
        uint32_t cp = 0;
        int f = -1;
        double target = 0, natural = 0;
        bool end = i == run->len;
        if (!end) {
            int32_t c = nb_utf8_decode((const unsigned char *)run->utf8 + i, run->len - i, &adv);
            if (adv == 0) adv = 1;
            cp = c < 0 ? 0xFFFD : (uint32_t)c;
            f = cp == ' ' ? gf : nb_fontset_pick(p->fs, run->face, cp);
            if (f < 0 && cp == ' ') f = nb_fontset_pick(p->fs, run->face, 'H');
            natural = f >= 0 ? nb_font_advance(p->fs, f, cp, run->size_pt) : run->size_pt;
            target = run->advances_pt ? run->advances_pt[k] : natural + run->char_space_pt;
        }
        double delta = target - natural;
        /* a group ends where the font or the extra advance changes (or characters no font
         * has, which layout.c already replaced and reported, are skipped) */
        bool split =
            end || f != gf || (i > start && (delta - extra > 0.001 || extra - delta > 0.001));
        if (split && i > start && gf >= 0) draw_group(p, run, start, i, gf, gx, extra);
        if (end) break;
        if (split) {
            start = i;
            gx = x;
            gf = f;
            extra = delta;
        }
        if (f < 0) start = i + adv, gx = x + target;
        x += target;
        i += adv;
        k++;
    }
}

int nb_pdf_add_page(nb_pdf *p, const nb_page *pg)
{
    pdfobj *w = &p->w;
    if (w->failed) return -1;
    if (p->npages % NODE_PAGES == 0) {
        if (!nb_array_room((void **)&p->node_obj, p->nnodes, &p->cap_nodes, sizeof *p->node_obj))
            w->failed = NB_ERR_NOMEM;
        if (w->failed) return -1;
        p->node_obj[p->nnodes++] = pdfobj_new(w);
    }
    if (!nb_array_room((void **)&p->page_obj, p->npages, &p->cap_pages, sizeof *p->page_obj))
        w->failed = NB_ERR_NOMEM;
    if (w->failed) return -1;

    pdfbuf *b = &p->content;
    b->len = 0;
    double width = -1;
    for (size_t i = 0; i < pg->nrules; i++) {
        const nb_rule *r = &pg->rules[i];
        if (r->width_pt != width) {
            pdfbuf_real(b, r->width_pt);
            pdfbuf_puts(b, " w\n");
            width = r->width_pt;
        }
        pdfbuf_real(b, r->x1_pt), pdfbuf_puts(b, " "), pdfbuf_real(b, r->y1_pt);
        pdfbuf_puts(b, " m ");
        pdfbuf_real(b, r->x2_pt), pdfbuf_puts(b, " "), pdfbuf_real(b, r->y2_pt);
        pdfbuf_puts(b, " l S\n");
    }
    if (pg->nruns) {
        pdfbuf_puts(b, "BT\n");
        p->cur_font = -1, p->cur_size = 0, p->cur_tc = 0, p->line_x = 0, p->line_y = 0;
        for (size_t i = 0; i < pg->nruns; i++) draw_run(p, &pg->runs[i]);
        pdfbuf_puts(b, "ET\n");
    }
    uint32_t contents = pdfobj_new(w);
    pdfobj_stream_buf(w, contents, "", b, true);
    uint32_t page = pdfobj_new(w);
    pdfobj_begin(w, page);
    pdfobj_printf(w, "<< /Type /Page /Parent %u 0 R /MediaBox [0 0 ",
                  (unsigned)p->node_obj[p->nnodes - 1]);
    pdfobj_real(w, pg->width_pt);
    pdfobj_puts(w, " ");
    pdfobj_real(w, pg->height_pt);
    pdfobj_printf(w, "] /Resources 3 0 R /Contents %u 0 R >>", (unsigned)contents);
    pdfobj_end(w);
    /* a page of a hundred lines needs a few KB; a hostile one's buffer is not kept */
    if (b->cap > (1u << 20)) pdfbuf_free(b);
    if (w->failed) return -1;
    p->page_obj[p->npages++] = page;
    return 0;
}

/* ---- fonts ------------------------------------------------------------------------------- */

/* The code points drawn with font f, sorted (the bitmap read in order). */
static uint32_t *used_cps(const nb_pdf *p, size_t f, size_t *n)
{
    *n = 0;
    for (uint32_t byte = 0; byte < 0x10000 / 8; byte++)
        for (unsigned bits = p->used[f][byte]; bits; bits &= bits - 1) (*n)++;
    uint32_t *cps = malloc((*n ? *n : 1) * sizeof *cps);
    if (!cps) return NULL;
    size_t k = 0;
    for (uint32_t byte = 0; byte < 0x10000 / 8; byte++) /* (most bytes are 0: skipped whole) */
        for (uint32_t bit = 0, bits = p->used[f][byte]; bits; bit++)
            if (bits & (1u << bit)) cps[k++] = byte * 8 + bit, bits &= ~(1u << bit);
    return cps;
}

/* Six capital letters naming the subset (PDF: "ABCDEF+Name"), from what it holds. */
static void subset_tag(size_t f, const uint32_t *cps, size_t n, char tag[7])
{
    uint64_t h = 1469598103934665603ull ^ f;
    for (size_t i = 0; i < n; i++) h = (h ^ cps[i]) * 1099511628211ull;
    for (int i = 0; i < 6; i++, h /= 26) tag[i] = (char)('A' + h % 26);
    tag[6] = '\0';
}

/* The /W array: the widths (1/1000 em) of the drawn CIDs that differ from /DW 1000, in runs of
 * consecutive CIDs. */
static void write_widths(pdfobj *w, const nb_fontset *fs, int f, const uint32_t *cps, size_t n)
{
    pdfobj_puts(w, " /W [");
    size_t run_end = (size_t)-1; /* index after the last CID of the open run */
    size_t run_len = 0;          /* (PDF/A-1 allows arrays of 8,191 entries: runs of 4,096) */
    for (size_t i = 0; i < n; i++) {
        long width = lround(nb_font_advance(fs, f, cps[i], 1000.0));
        if (width == 1000) continue;
        bool continues = run_end == i && i > 0 && cps[i - 1] + 1 == cps[i] && run_len < 4096;
        if (!continues) {
            if (run_end != (size_t)-1) pdfobj_puts(w, "]");
            pdfobj_printf(w, " %u [", (unsigned)cps[i]);
            run_len = 0;
        }
        run_len++;
        pdfobj_printf(w, "%s%ld", continues ? " " : "", width);
        run_end = i + 1;
    }
    if (run_end != (size_t)-1) pdfobj_puts(w, "]");
    pdfobj_puts(w, " ]");
}

static int write_font(nb_pdf *p, size_t f, nb_error *err)
{
    pdfobj *w = &p->w;
    size_t n;
    uint32_t *cps = used_cps(p, f, &n);
    if (!cps) {
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory writing the PDF");
        return -1;
    }
    hb_blob_t *sub = nb_font_subset(p->fs, f, cps, n, err);
    if (!sub) {
        free(cps);
        return -1;
    }
    /* each CID's glyph in the subset */
    hb_face_t *sface = hb_face_create(sub, 0);
    hb_font_t *sfont = hb_font_create(sface);
    uint32_t max = n ? cps[n - 1] : 0;
    size_t map_len = 2 * ((size_t)max + 1);
    unsigned char *map = calloc(map_len, 1);
    if (!map) {
        hb_font_destroy(sfont), hb_face_destroy(sface), hb_blob_destroy(sub), free(cps);
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory writing the PDF");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        hb_codepoint_t gid = 0;
        hb_font_get_nominal_glyph(sfont, cps[i], &gid);
        map[2 * cps[i]] = (unsigned char)(gid >> 8), map[2 * cps[i] + 1] = (unsigned char)gid;
    }
    hb_font_destroy(sfont);
    hb_face_destroy(sface);

    nb_font_info info;
    nb_font_describe(p->fs, f, &info);
    char tag[7];
    subset_tag(f, cps, n, tag);

    uint32_t cid = pdfobj_new(w), desc = pdfobj_new(w);
    uint32_t file = pdfobj_new(w), gidmap = pdfobj_new(w);
    uint32_t cidset = pdfa_write_cidset(w, cps, n);
    uint32_t tounicode = pdfa_write_to_unicode(w, cps, n);

    unsigned len = 0;
    const char *data = hb_blob_get_data(sub, &len);
    char dict[64];
    snprintf(dict, sizeof dict, " /Length1 %u", len);
    pdfobj_stream(w, file, dict, data, len, true);
    hb_blob_destroy(sub);
    pdfobj_stream(w, gidmap, "", map, map_len, true);
    free(map);

    pdfobj_begin(w, p->font_obj[f]);
    pdfobj_printf(w,
                  "<< /Type /Font /Subtype /Type0 /BaseFont /%s+%s /Encoding /Identity-H "
                  "/DescendantFonts [%u 0 R] /ToUnicode %u 0 R >>",
                  tag, info.name, (unsigned)cid, (unsigned)tounicode);
    pdfobj_end(w);
    pdfobj_begin(w, cid);
    pdfobj_printf(w,
                  "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s+%s /CIDSystemInfo "
                  "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                  "/FontDescriptor %u 0 R /CIDToGIDMap %u 0 R /DW 1000",
                  tag, info.name, (unsigned)desc, (unsigned)gidmap);
    write_widths(w, p->fs, (int)f, cps, n);
    pdfobj_puts(w, " >>");
    pdfobj_end(w);
    pdfobj_begin(w, desc);
    pdfobj_printf(w,
                  "<< /Type /FontDescriptor /FontName /%s+%s /Flags 32 /FontBBox [%d %d %d %d] "
                  "/ItalicAngle 0 /Ascent %d /Descent %d /CapHeight %d /StemV 80 "
                  "/FontFile2 %u 0 R /CIDSet %u 0 R >>",
                  tag, info.name, info.bbox[0], info.bbox[1], info.bbox[2], info.bbox[3],
                  info.ascent, info.descent, info.cap_height, (unsigned)file, (unsigned)cidset);
    pdfobj_end(w);
    free(cps);
    return 0;
}

/* ---- bookmarks --------------------------------------------------------------------------- */

uint32_t nb_pdf_text_char(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF ||
        (cp >= 0xFDD0 && cp <= 0xFDEF))
        return 0;
    return cp > 0xFFFF ? 0x3013 : cp; /* 〓 */
}

/* A bookmark's text: at most BOOKMARK_CHARS characters (then …: a bookmark is for finding the
 * heading, which the page shows whole), cleaned as the metadata is. */
#define BOOKMARK_CHARS 120
static void bookmark_text(const char *s, char *out, size_t size)
{
    size_t len = strlen(s), n = 0, chars = 0, adv;
    for (size_t i = 0; i < len && n + 8 < size; i += adv) {
        int32_t c = nb_utf8_decode((const unsigned char *)s + i, len - i, &adv);
        uint32_t cp = c < 0 ? 0xFFFD : (uint32_t)c;
        uint32_t put = nb_pdf_text_char(cp);
        if (!put) continue;
        if (chars == BOOKMARK_CHARS) {
            n += nb_utf8_encode(0x2026, out + n); /* … */
            break;
        }
        n += nb_utf8_encode(put, out + n);
        chars++;
    }
    out[n] = '\0';
}

/* The outline tree: each bookmark under the nearest earlier one of a higher level, all closed.
 * Returns the root's object number (0 when there are no bookmarks). */
static uint32_t write_outlines(nb_pdf *p, const nb_pageset *meta)
{
    pdfobj *w = &p->w;
    size_t n = meta->noutlines;
    if (!n || !p->npages) return 0;
    /* parent, first and last child, previous and next sibling, children: indices, n = root */
    size_t *t = malloc(6 * (n + 1) * sizeof *t);
    if (!t) {
        if (!w->failed) w->failed = NB_ERR_NOMEM;
        return 0;
    }
    size_t *parent = t, *first = t + (n + 1), *last = t + 2 * (n + 1), *prev = t + 3 * (n + 1),
           *next = t + 4 * (n + 1), *kids = t + 5 * (n + 1);
    const size_t none = (size_t)-1;
    for (size_t i = 0; i <= n; i++) first[i] = last[i] = prev[i] = next[i] = none, kids[i] = 0;
    size_t open[6];
    for (int l = 0; l < 6; l++) open[l] = none;
    for (size_t i = 0; i < n; i++) {
        int level = meta->outlines[i].level;
        level = level < 1 ? 1 : level > 4 ? 4 : level;
        size_t up = n;
        for (int l = level - 1; l >= 1 && up == n; l--)
            if (open[l] != none) up = open[l];
        parent[i] = up;
        if (last[up] != none)
            next[last[up]] = i, prev[i] = last[up];
        else
            first[up] = i;
        last[up] = i;
        kids[up]++;
        open[level] = i;
        for (int l = level + 1; l < 6; l++) open[l] = none;
    }
    uint32_t root = pdfobj_new(w), base = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t num = pdfobj_new(w);
        if (i == 0) base = num;
    }
#define OBJ(i) ((unsigned)((i) == n ? root : base + (uint32_t)(i)))
    pdfobj_begin(w, root);
    pdfobj_printf(w, "<< /Type /Outlines /First %u 0 R /Last %u 0 R /Count %zu >>", OBJ(first[n]),
                  OBJ(last[n]), kids[n]);
    pdfobj_end(w);
    for (size_t i = 0; i < n; i++) {
        const nb_outline *o = &meta->outlines[i];
        char title[BOOKMARK_CHARS * 4 + 16];
        bookmark_text(o->title ? o->title : "", title, sizeof title);
        size_t pg = o->page < p->npages ? o->page : p->npages - 1;
        pdfobj_begin(w, OBJ(i));
        pdfobj_puts(w, "<< /Title ");
        pdfobj_text(w, title);
        pdfobj_printf(w, " /Parent %u 0 R", OBJ(parent[i]));
        if (prev[i] != none) pdfobj_printf(w, " /Prev %u 0 R", OBJ(prev[i]));
        if (next[i] != none) pdfobj_printf(w, " /Next %u 0 R", OBJ(next[i]));
        if (kids[i])
            pdfobj_printf(w, " /First %u 0 R /Last %u 0 R /Count -%zu", OBJ(first[i]), OBJ(last[i]),
                          kids[i]);
        /* a direct destination: Preflight rejects a /Dest that is a reference */
        pdfobj_printf(w, " /Dest [%u 0 R /FitH ", (unsigned)p->page_obj[pg]);
        pdfobj_real(w, o->y_pt);
        pdfobj_puts(w, "] >>");
        pdfobj_end(w);
    }
#undef OBJ
    free(t);
    return root;
}

/* ---- the end ----------------------------------------------------------------------------- */

int nb_pdf_error(const nb_pdf *p, nb_error *err)
{
    return pdfobj_error(&p->w, err);
}

void nb_pdf_abort(nb_pdf *p)
{
    if (!p) return;
    pdfobj_abort(&p->w);
    for (size_t f = 0; f < NB_MAX_FONTS; f++) free(p->used[f]);
    free(p->page_obj);
    free(p->node_obj);
    pdfbuf_free(&p->content);
    free(p);
}

int nb_pdf_close(nb_pdf *p, const nb_pageset *meta, nb_error *err)
{
    pdfobj *w = &p->w;
    /* the fonts drawn with: numbers first (the resources name them), then the fonts */
    for (size_t f = 0; f < p->fs->nfonts && f < NB_MAX_FONTS; f++)
        if (p->used[f]) p->font_obj[f] = pdfobj_new(w);
    pdfobj_begin(w, 3);
    pdfobj_puts(w, "<< /ProcSet [/PDF /Text]");
    if (p->npages && p->fs->nfonts) {
        pdfobj_puts(w, " /Font <<");
        for (size_t f = 0; f < NB_MAX_FONTS; f++)
            if (p->font_obj[f]) pdfobj_printf(w, " /F%zu %u 0 R", f, (unsigned)p->font_obj[f]);
        pdfobj_puts(w, " >>");
    }
    pdfobj_puts(w, " >>");
    pdfobj_end(w);
    for (size_t f = 0; f < NB_MAX_FONTS; f++)
        if (p->font_obj[f] && write_font(p, f, err) != 0) {
            nb_pdf_abort(p);
            return -1;
        }

    /* the page tree: the root over nodes of at most NODE_PAGES pages */
    pdfobj_begin(w, 2);
    pdfobj_puts(w, "<< /Type /Pages /Kids [");
    for (size_t i = 0; i < p->nnodes; i++) pdfobj_printf(w, " %u 0 R", (unsigned)p->node_obj[i]);
    pdfobj_printf(w, " ] /Count %zu >>", p->npages);
    pdfobj_end(w);
    for (size_t i = 0; i < p->nnodes; i++) {
        size_t from = i * NODE_PAGES,
               to = from + NODE_PAGES < p->npages ? from + NODE_PAGES : p->npages;
        pdfobj_begin(w, p->node_obj[i]);
        pdfobj_puts(w, "<< /Type /Pages /Parent 2 0 R /Kids [");
        for (size_t k = from; k < to; k++) pdfobj_printf(w, " %u 0 R", (unsigned)p->page_obj[k]);
        pdfobj_printf(w, " ] /Count %zu >>", to - from);
        pdfobj_end(w);
    }

    uint32_t outlines = write_outlines(p, meta);
    pdfa_info in = {.title = meta->title,
                    .author = meta->author,
                    .subject = meta->subject,
                    .creator = "nianbao " NIANBAO_VERSION,
                    .producer = "nianbao " NIANBAO_VERSION,
                    .creation_time = meta->creation_time};
    uint32_t info, xmp;
    pdfa_write_info(w, &in, &info, &xmp);
    uint32_t icc = pdfa_write_icc(w, err);
    if (!icc) {
        pdfobj_error(w, err); /* (a write that failed before: that is the reason) */
        nb_pdf_abort(p);
        return -1;
    }
    pdfobj_begin(w, 1);
    pdfobj_printf(w,
                  "<< /Type /Catalog /Pages 2 0 R /Metadata %u 0 R /OutputIntents [<< /Type "
                  "/OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) "
                  "/Info (sRGB IEC61966-2.1) /DestOutputProfile %u 0 R >>] "
                  "/ViewerPreferences << /DisplayDocTitle true >>",
                  (unsigned)xmp, (unsigned)icc);
    if (outlines) pdfobj_printf(w, " /Outlines %u 0 R /PageMode /UseOutlines", (unsigned)outlines);
    pdfobj_puts(w, " >>");
    pdfobj_end(w);

    char trailer[160], id[100];
    pdfa_id(meta->id_seed, id, sizeof id);
    snprintf(trailer, sizeof trailer, "/Root 1 0 R /Info %u 0 R %s", (unsigned)info, id);
    int rc = pdfobj_close(w, trailer, err);
    for (size_t f = 0; f < NB_MAX_FONTS; f++) free(p->used[f]);
    free(p->page_obj);
    free(p->node_obj);
    pdfbuf_free(&p->content);
    free(p);
    return rc;
}

int nb_pdf_write(const nb_pageset *ps, const nb_fontset *fonts, const char *path, nb_error *err)
{
    nb_pdf *p = nb_pdf_open(fonts, path, err);
    if (!p) return -1;
    for (size_t i = 0; i < ps->npages; i++)
        if (nb_pdf_add_page(p, &ps->pages[i]) != 0) break;
    return nb_pdf_close(p, ps, err);
}
