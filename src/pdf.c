/*
 * pdf.c — the page model into a PDF file with libharu 2.3.0.
 *
 * Fonts are subset with HarfBuzz before libharu loads them: libharu 2.3.0 "subsets" only the
 * glyf table (loca, hmtx, cmap and a 128 KB CIDToGIDMap stay whole), and for fonts of more than
 * 32,767 glyphs (WenQuanYi Micro Hei) it drops the components of composite glyphs, so most
 * characters would render blank while validators and text extraction still pass. A subset of
 * the drawn characters has few glyphs and a small cmap, which also keeps the CIDToGIDMap and
 * /W small. libharu cannot load a font from memory, so subsets go through a temporary file:
 * an anonymous one in $TMPDIR (O_TMPFILE, opened by libharu as /proc/self/fd/N) where the
 * system has them, so that a killed run leaves nothing; else a directory of its own.
 *
 * Each character is drawn in the first font of its role that has it (font.c); a run is drawn
 * in groups of characters that share a font and an extra advance (PDF Tc).
 *
 * Must not: lay out.
 */
#define _GNU_SOURCE /* O_TMPFILE (Linux; elsewhere a temporary directory) */
#include "pdf.h"

#include "error.h"
#include "outfile.h"
#include "pdfa.h"
#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct usage {
    uint32_t *cps;
    size_t n, cap;
} usage;

typedef struct writer {
    const nb_pageset *ps;
    const nb_fontset *fs;
    usage used[NB_MAX_FONTS];
    HPDF_Font hfont[NB_MAX_FONTS];
    HPDF_STATUS hpdf_error;
    HPDF_STATUS hpdf_detail;
    int hpdf_errno; /* errno when libharu first failed: why a file write failed */
    char tmpdir[4096];
    int font_fd[NB_MAX_FONTS]; /* anonymous subset files, -1 when none */
    nb_error *err;
} writer;

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    writer *w = user_data;
    if (!w->hpdf_error) {
        w->hpdf_error = error_no;
        w->hpdf_detail = detail_no;
        w->hpdf_errno = errno;
    }
}

static int hpdf_failed(writer *w, const char *what)
{
    nb_error_set(w->err, NB_ERR_INTERNAL, NULL, 0, 0, "libharu failed %s (error 0x%04X, %u)", what,
                 (unsigned)w->hpdf_error, (unsigned)w->hpdf_detail);
    return -1;
}

/* ---- which font draws what --------------------------------------------------------------- */

static int add_cp(usage *u, uint32_t cp)
{
    if (u->n == u->cap) {
        size_t ncap = u->cap ? u->cap * 2 : 256;
        uint32_t *nc = realloc(u->cps, ncap * sizeof *nc);
        if (!nc) return -1;
        u->cps = nc;
        u->cap = ncap;
    }
    u->cps[u->n++] = cp;
    return 0;
}

static int by_value(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int collect(writer *w)
{
    for (size_t p = 0; p < w->ps->npages; p++) {
        const nb_page *pg = &w->ps->pages[p];
        for (size_t r = 0; r < pg->nruns; r++) {
            const nb_text_run *run = &pg->runs[r];
            size_t adv;
            for (size_t i = 0; i < run->len; i += adv) {
                int32_t c =
                    nb_utf8_decode((const unsigned char *)run->utf8 + i, run->len - i, &adv);
                if (c <= 0x20) continue;
                int f = nb_fontset_pick(w->fs, run->face, (uint32_t)c);
                if (f >= 0 && add_cp(&w->used[f], (uint32_t)c) != 0) return -1;
            }
        }
    }
    for (size_t f = 0; f < w->fs->nfonts; f++) {
        usage *u = &w->used[f];
        if (!u->n) continue;
        qsort(u->cps, u->n, sizeof *u->cps, by_value);
        size_t k = 0;
        for (size_t i = 0; i < u->n; i++)
            if (!k || u->cps[k - 1] != u->cps[i]) u->cps[k++] = u->cps[i];
        u->n = k;
    }
    return 0;
}

/* Where subset f goes: an anonymous file's /proc path, else a file in a temporary directory
 * made on first need. -1 with the error set when neither can be made. */
static int subset_path(writer *w, size_t f, char *path, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !tmp[0]) tmp = "/tmp";
#ifdef O_TMPFILE
    w->font_fd[f] = open(tmp, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (w->font_fd[f] >= 0) {
        snprintf(path, size, "/proc/self/fd/%d", w->font_fd[f]);
        struct stat st;
        if (stat(path, &st) == 0) return 0; /* (no /proc: a named file after all) */
        close(w->font_fd[f]);
        w->font_fd[f] = -1;
    }
#endif
    if (!w->tmpdir[0]) {
        snprintf(w->tmpdir, sizeof w->tmpdir, "%s/nianbao-XXXXXX", tmp);
        if (!mkdtemp(w->tmpdir)) {
            nb_error_set(w->err, NB_ERR_WRITE, w->tmpdir, 0, 0,
                         "cannot create a temporary directory: %s", strerror(errno));
            w->tmpdir[0] = '\0';
            return -1;
        }
    }
    snprintf(path, size, "%s/font-%zu.ttf", w->tmpdir, f);
    return 0;
}

static int load_fonts(writer *w, HPDF_Doc pdf)
{
    for (size_t f = 0; f < w->fs->nfonts; f++) {
        if (!w->used[f].n) continue;
        char path[4200];
        if (subset_path(w, f, path, sizeof path) != 0) return -1;
        if (nb_font_write_subset(w->fs, f, w->used[f].cps, w->used[f].n, path, w->err) != 0)
            return -1;
        const char *name = HPDF_LoadTTFontFromFile(pdf, path, HPDF_TRUE);
        if (!name || !(w->hfont[f] = HPDF_GetFont(pdf, name, "UTF-8")))
            return hpdf_failed(w, "to load a font subset");
    }
    return 0;
}

static void remove_tmpdir(writer *w)
{
    for (size_t f = 0; f < NB_MAX_FONTS; f++)
        if (w->font_fd[f] >= 0) close(w->font_fd[f]), w->font_fd[f] = -1;
    if (!w->tmpdir[0]) return;
    for (size_t f = 0; f < NB_MAX_FONTS; f++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/font-%zu.ttf", w->tmpdir, f);
        unlink(path);
    }
    rmdir(w->tmpdir);
}

/* ---- drawing ----------------------------------------------------------------------------- */

static double natural_advance(const writer *w, int f, uint32_t cp, double size)
{
    hb_codepoint_t gid;
    if (!hb_font_get_nominal_glyph(w->fs->fonts[f].font, cp, &gid)) return size;
    return (double)hb_font_get_glyph_h_advance(w->fs->fonts[f].font, gid) / w->fs->fonts[f].upem *
           size;
}

/* Draws code points [from, to) of a run, all in font f with the same extra advance. libharu
 * refuses a character spacing outside [-30, 300] pt (HPDF_PAGE_OUT_OF_RANGE, which then fails
 * every later call): such a group (a line of one or two characters stretched to the measure) is
 * drawn a character at a time instead. */
static void draw_group(writer *w, HPDF_Page page, const nb_text_run *run, size_t from, size_t to,
                       int f, double x, double extra)
{
    char buf[1024];
    HPDF_Page_SetFontAndSize(page, w->hfont[f], (HPDF_REAL)run->size_pt);
    if (extra >= HPDF_MIN_CHARSPACE && extra <= HPDF_MAX_CHARSPACE) {
        size_t n = to - from < sizeof buf - 1 ? to - from : sizeof buf - 1;
        memcpy(buf, run->utf8 + from, n);
        buf[n] = '\0';
        HPDF_Page_SetCharSpace(page, (HPDF_REAL)extra);
        HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)run->y_pt, buf);
        return;
    }
    HPDF_Page_SetCharSpace(page, 0);
    for (size_t i = from, adv; i < to; i += adv) {
        int32_t c = nb_utf8_decode((const unsigned char *)run->utf8 + i, to - i, &adv);
        if (adv == 0 || adv > 4) adv = 1;
        memcpy(buf, run->utf8 + i, adv);
        buf[adv] = '\0';
        HPDF_Page_TextOut(page, (HPDF_REAL)x, (HPDF_REAL)run->y_pt, buf);
        x += natural_advance(w, f, c < 0 ? 0xFFFD : (uint32_t)c, run->size_pt) + extra;
    }
}

static void draw_run(writer *w, HPDF_Page page, const nb_text_run *run)
{
    double x = run->x_pt, gx = x, extra = 0;
    size_t i = 0, k = 0, start = 0, adv;
    int gf = -2;
    while (i <= run->len) {
        uint32_t cp = 0;
        int f = -1;
        double target = 0, natural = 0;
        bool end = i == run->len;
        if (!end) {
            int32_t c = nb_utf8_decode((const unsigned char *)run->utf8 + i, run->len - i, &adv);
            cp = c < 0 ? 0xFFFD : (uint32_t)c;
            f = cp == ' ' ? gf : nb_fontset_pick(w->fs, run->face, cp);
            if (f < 0 && cp == ' ') f = nb_fontset_pick(w->fs, run->face, 'H');
            natural = f >= 0 ? natural_advance(w, f, cp, run->size_pt) : run->size_pt;
            target = run->advances_pt ? run->advances_pt[k] : natural + run->char_space_pt;
        }
        double delta = target - natural;
        /* a group ends where the font or the extra advance changes (or characters no font
         * has, which layout.c already replaced and reported, are skipped) */
        bool split =
            end || f != gf || (i > start && (delta - extra > 0.001 || extra - delta > 0.001));
        if (split && i > start && gf >= 0 && w->hfont[gf])
            draw_group(w, page, run, start, i, gf, gx, extra);
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

static HPDF_Page draw_page(writer *w, HPDF_Doc pdf, const nb_page *pg)
{
    HPDF_Page page = HPDF_AddPage(pdf);
    if (!page) return NULL;
    HPDF_Page_SetWidth(page, (HPDF_REAL)pg->width_pt);
    HPDF_Page_SetHeight(page, (HPDF_REAL)pg->height_pt);
    for (size_t i = 0; i < pg->nrules; i++) {
        const nb_rule *r = &pg->rules[i];
        HPDF_Page_SetLineWidth(page, (HPDF_REAL)r->width_pt);
        HPDF_Page_MoveTo(page, (HPDF_REAL)r->x1_pt, (HPDF_REAL)r->y1_pt);
        HPDF_Page_LineTo(page, (HPDF_REAL)r->x2_pt, (HPDF_REAL)r->y2_pt);
        HPDF_Page_Stroke(page);
    }
    if (pg->nruns) {
        HPDF_Page_BeginText(page);
        for (size_t i = 0; i < pg->nruns; i++) draw_run(w, page, &pg->runs[i]);
        HPDF_Page_EndText(page);
    }
    return page;
}

uint32_t nb_pdf_text_char(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF ||
        (cp >= 0xFDD0 && cp <= 0xFDEF))
        return 0;
    return cp > 0xFFFF ? 0x3013 : cp; /* 〓 */
}

/* A bookmark's text: at most BOOKMARK_CHARS characters (then …; libharu refuses a title of
 * 64 KB, and a bookmark is for finding the heading, which the page shows whole), control
 * characters and noncharacters dropped, a character above U+FFFF written 〓 (libharu cannot
 * encode it), as the metadata is. */
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

static int draw_outlines(writer *w, HPDF_Doc pdf, HPDF_Page *pages)
{
    HPDF_Outline parents[6] = {NULL};
    HPDF_Encoder enc = HPDF_GetEncoder(pdf, "UTF-8");
    for (size_t i = 0; i < w->ps->noutlines; i++) {
        const nb_outline *o = &w->ps->outlines[i];
        int level = o->level < 1 ? 1 : o->level > 4 ? 4 : o->level;
        HPDF_Outline parent = NULL;
        for (int l = level - 1; l >= 1 && !parent; l--) parent = parents[l];
        char title[BOOKMARK_CHARS * 4 + 16];
        bookmark_text(o->title, title, sizeof title);
        HPDF_Outline out = HPDF_CreateOutline(pdf, parent, title, enc);
        if (!out || o->page >= w->ps->npages) return hpdf_failed(w, "to create a bookmark");
        if (pdfa_set_destination(pdf, out, pages[o->page], o->y_pt, w->err) != 0) return -1;
        HPDF_Outline_SetOpened(out, HPDF_FALSE);
        parents[level] = out;
        for (int l = level + 1; l < 6; l++) parents[l] = NULL;
    }
    if (w->ps->noutlines) HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    return 0;
}

static void set_info(HPDF_Doc pdf, const nb_pageset *ps)
{
    if (ps->title && ps->title[0]) HPDF_SetInfoAttr(pdf, HPDF_INFO_TITLE, ps->title);
    if (ps->author && ps->author[0]) HPDF_SetInfoAttr(pdf, HPDF_INFO_AUTHOR, ps->author);
    if (ps->subject && ps->subject[0]) HPDF_SetInfoAttr(pdf, HPDF_INFO_SUBJECT, ps->subject);
    HPDF_SetInfoAttr(pdf, HPDF_INFO_CREATOR, "nianbao " NIANBAO_VERSION);
    time_t t = (time_t)ps->creation_time;
    struct tm tm;
    gmtime_r(&t, &tm);
    /* libharu bug: ind 'Z' makes HPDF_PDFA_SetPDFAConformance fail; '+' 00'00' is UTC too */
    HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                   tm.tm_sec,         '+',           0,          0};
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d);
    HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d);
}

static const char *find_bytes(const char *s, size_t n, const char *w)
{
    size_t wl = strlen(w);
    for (size_t i = 0; i + wl <= n; i++)
        if (memcmp(s + i, w, wl) == 0) return s + i;
    return NULL;
}

/* Whether the file holds a whole PDF: its last bytes are a trailer whose startxref points at
 * the cross-reference table (a file cut short by a full disk has neither). */
static bool whole_pdf(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < 64) return false;
    char tail[256];
    size_t n = st.st_size < (off_t)sizeof tail ? (size_t)st.st_size : sizeof tail;
    if (pread(fd, tail, n, st.st_size - (off_t)n) != (ssize_t)n) return false;
    const char *sx = NULL;
    for (const char *p = tail; (p = find_bytes(p, n - (size_t)(p - tail), "startxref")); p++)
        sx = p;
    if (!sx || !find_bytes(sx, n - (size_t)(sx - tail), "%%EOF")) return false;
    long long at = strtoll(sx + 9, NULL, 10);
    char xref[4];
    return at > 0 && at < st.st_size && pread(fd, xref, 4, (off_t)at) == 4 &&
           memcmp(xref, "xref", 4) == 0;
}

/* Saves to an anonymous file (or a temporary name) beside path, checks that the PDF is whole,
 * then puts it under its name: a full disk or a failed close never leaves a cut PDF there. */
static int save_atomically(writer *w, HPDF_Doc pdf, const char *path)
{
    nb_outfile o;
    if (nb_outfile_open(&o, path) != 0) {
        nb_error_set(w->err, NB_ERR_WRITE, path, 0, 0, "cannot write here: %s", strerror(errno));
        return -1;
    }
    char name[64];
    errno = 0;
    if (HPDF_SaveToFile(pdf, nb_outfile_name(&o, name, sizeof name)) != HPDF_OK) {
        nb_outfile_abort(&o);
        if (w->hpdf_errno)
            nb_error_set(w->err, NB_ERR_WRITE, path, 0, 0, "cannot write the PDF: %s",
                         strerror(w->hpdf_errno));
        else
            nb_error_set(w->err, NB_ERR_WRITE, path, 0, 0,
                         "cannot write the PDF (libharu error 0x%04X)", (unsigned)w->hpdf_error);
        return -1;
    }
    /* libharu does not check its close: a disk that filled during the last write leaves a
     * short file it reports as saved */
    if (!whole_pdf(o.fd)) {
        nb_outfile_abort(&o);
        nb_error_set(w->err, NB_ERR_WRITE, path, 0, 0,
                     "cannot write the PDF: it came out incomplete (a full disk?)");
        return -1;
    }
    if (nb_outfile_commit(&o) != 0) {
        nb_error_set(w->err, NB_ERR_WRITE, path, 0, 0, "cannot put the PDF in place: %s",
                     strerror(errno));
        return -1;
    }
    return 0;
}

int nb_pdf_write(const nb_pageset *ps, const nb_fontset *fonts, const char *path, nb_error *err)
{
    writer w = {.ps = ps, .fs = fonts, .err = err};
    for (size_t f = 0; f < NB_MAX_FONTS; f++) w.font_fd[f] = -1;
    HPDF_Doc pdf = NULL;
    HPDF_Page *pages = calloc(ps->npages + 1, sizeof *pages);
    int rc = -1;
    if (!pages || collect(&w) != 0) {
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory writing the PDF");
        goto done;
    }
    pdf = HPDF_New(on_error, &w);
    if (!pdf) {
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "libharu cannot start a document");
        goto done;
    }
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    if (load_fonts(&w, pdf) != 0) goto done;
    for (size_t p = 0; p < ps->npages; p++)
        if (!(pages[p] = draw_page(&w, pdf, &ps->pages[p]))) {
            hpdf_failed(&w, "to add a page");
            goto done;
        }
    if (draw_outlines(&w, pdf, pages) != 0) goto done;
    set_info(pdf, ps);
    for (size_t f = 0; f < fonts->nfonts; f++)
        if (w.hfont[f] && pdfa_fix_font(pdf, w.hfont[f], w.used[f].cps, w.used[f].n, err) != 0)
            goto done;
    if (pdfa_prepare_document(pdf, ps, err) != 0) goto done;
    if (w.hpdf_error) {
        hpdf_failed(&w, "while drawing");
        goto done;
    }
    rc = save_atomically(&w, pdf, path);
done:
    if (pdf) HPDF_Free(pdf);
    remove_tmpdir(&w);
    for (size_t f = 0; f < NB_MAX_FONTS; f++) free(w.used[f].cps);
    free(pages);
    return rc;
}
