/*
 * layout.c — GB/T 9704-2012 pages from blocks of text.
 *
 * Page (GB/T 9704-2012 §5.2): A4, top margin 37 mm, binding margin 28 mm, text block
 * 156 × 225 mm holding 22 lines of 28 characters; the body is 三号 (16 pt). A 16 pt glyph is
 * wider than the 15.79 pt grid cell, so full-width characters of the body advance by the grid
 * pitch (a -0.2 pt tracking) and 28 fit a line. Page numbers (§7.5): 四号 (14 pt) "— N —",
 * 7 mm below the text block, odd pages one character in from the right, even pages one in from
 * the left.
 *
 * Lines (GB/T 15834-2011 §5.1, W3C clreq): a break may fall between any two Han characters,
 * never before a closing mark or after an opening one; digit and Latin runs stay whole and keep
 * the unit after a number ("98条"); "——" and "……" stay whole. A closing mark that would start a
 * line is pulled back and set at half width; failing that, a character goes down with it. Full
 * lines are justified by spreading the rest evenly over the gaps between units; a paragraph's
 * last line is not. An ASCII , : ; ( ) ! ? between Han characters (text that went through
 * NFKC) keeps its own narrow advance: widening it to its full-width form's room (as
 * TYPESETTING.md suggests) leaves a gap that pdftotext turns into a space, and the text taken
 * back from the PDF must equal the source; it breaks like its full-width form all the same.
 *
 * Must not: write PDF.
 */
#include "layout.h"

#include "doc.h"
#include "error.h"
#include "utf8.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WARNINGS 1000
#define REPLACEMENT  0x3013 /* 〓: the conventional mark for a character that cannot be set */

/* ---- characters -------------------------------------------------------------------------- */

static bool is_closing(uint32_t cp)
{
    static const uint32_t marks[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0xFF09,
                                     0x300B, 0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x201D, 0x2019,
                                     '%',    0x2030, 0x2103, 0x00B7, 0x2026, ',',    '.',    ';',
                                     ':',    '?',    '!',    ')',    ']',    0xFF05, 0x3009};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (marks[i] == cp) return true;
    return false;
}

static bool is_opening(uint32_t cp)
{
    static const uint32_t marks[] = {0xFF08, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014,
                                     0x3016, 0x201C, 0x2018, '(',    '[',    0x3008};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (marks[i] == cp) return true;
    return false;
}

static bool is_word_char(uint32_t cp)
{
    cp = nb_utf8_fold(cp);
    return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || cp == '@' ||
           cp == '_' || cp == '-' || cp == '/' || cp == '&' || cp == '+';
}

static bool is_number_unit(uint32_t cp)
{
    static const uint32_t units[] = {0x6761, 0x4EF6, 0x6B21, 0x7BC7, 0x4EBA, 0x4E2A,
                                     0x671F, 0x573A, 0x9879, 0x5BB6, 0x4EFD, 0x5143,
                                     0x4E07, 0x5E74, 0x6708, 0x65E5, '%',    0xFF05};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (units[i] == cp) return true;
    return false;
}

static bool is_fullwidth_shape(uint32_t cp)
{
    return nb_utf8_is_han(cp) || nb_utf8_is_cjk_punct(cp) || nb_utf8_is_fullwidth(cp) ||
           cp == REPLACEMENT;
}

/* ---- allocation -------------------------------------------------------------------------- */

typedef struct lay {
    const nb_metrics *m;
    nb_arena *arena;    /* what the page set keeps: the bookmarks' titles */
    nb_arena *text;     /* the runs' texts and advances: the page set's arena, or page_text */
    nb_arena *scratch;  /* a paragraph's or a table row's glyphs while it is set (released) */
    nb_arena page_text; /* with a sink: the texts of the page being made (freed when it goes) */
    lay_page_fn sink;   /* NULL: every page stays in the page set */
    void *sink_ctx;
    size_t first; /* with a sink: pages already given to it (before ps->pages[0]) */
    nb_pageset *ps;
    size_t cap_pages, cap_outlines;
    size_t cap_runs, cap_rules; /* of the current page */
    double y;                   /* baseline of the next line, from the page bottom */
    lay_warnings *w;
    size_t warn_cap;
    bool failed;
    bool too_long;     /* failed for max_pages, not for memory */
    bool sink_failed;  /* failed because the sink did (it says why) */
    size_t max_pages;  /* at most LAY_MAX_PAGES */
    bool labels_again; /* a table's second and later column groups: its labels are artifacts */
    bool landscape;    /* new pages are landscape (a wide table's), with the block below */
    double left, width, top, bottom; /* the text block of the pages being made */
    /* keep with next: a heading's or a table title's lines (and those of the blocks of the
     * kind that follow at once) at the end of a page go over with what follows them */
    struct {
        bool on;
        size_t page;            /* the page they are on (counting the sink's) */
        size_t runs, outlines;  /* where they start in the page's runs, the outlines */
        size_t end_runs, rules; /* where they end; the page's rules (they draw none) */
        double y0, left, width; /* their first baseline, the text block they were set in */
    } keep;
    bool carried; /* the page just begun holds lines carried over (L->y is under them) */
    nb_error *err;
} lay;

/* The page set's arrays (pages, each page's runs and rules, outlines) are on the heap, grown
 * by realloc and freed by layout_free: an arena would keep every outgrown copy. */
static void *grow(lay *L, void *arr, size_t n, size_t *cap, size_t elem)
{
    if (!nb_array_room(&arr, n, cap, elem)) L->failed = true;
    return arr;
}

static nb_page *page(lay *L)
{
    return &L->ps->pages[L->ps->npages - 1];
}

/* Page p in the orientation of the pages being made, the next line at the top of its block. */
static void begin_page(lay *L, nb_page *p)
{
    p->width_pt = L->landscape ? LAY_PAGE_H : LAY_PAGE_W;
    p->height_pt = L->landscape ? LAY_PAGE_W : LAY_PAGE_H;
    L->y = L->top - 0.78 * LAY_PITCH; /* first baseline of the text block */
}

static void finish_page(lay *L);
static nb_text_run *add_run(lay *L);

/* Lines taken off a page to go on the next: the runs, their texts and advances copied (with a
 * sink the page's texts go with it). */
typedef struct carry {
    nb_text_run *runs;
    char **texts;
    double **advances;
    size_t n;
    double y; /* L->y when the page was left */
} carry;

static void carry_free(carry *c)
{
    for (size_t i = 0; i < c->n; i++) free(c->texts[i]), free(c->advances[i]);
    free(c->runs), free(c->texts), free(c->advances);
    memset(c, 0, sizeof *c);
}

static size_t run_glyphs(const nb_text_run *r)
{
    size_t n = 0, adv;
    for (size_t i = 0; i < r->len; i += adv ? adv : 1, n++)
        nb_utf8_decode((const unsigned char *)r->utf8 + i, r->len - i, &adv);
    return n;
}

/* Takes the kept lines off the page being left when nothing came after them there, something
 * came before them, and they are no more than half a page; false when they stay. */
static bool carry_off(lay *L, carry *c)
{
    memset(c, 0, sizeof *c);
    nb_page *p = page(L);
    size_t first = L->keep.runs, n = p->nruns - first;
    if (!L->keep.on || L->keep.page != L->first + L->ps->npages - 1 || p->nruns == 0 ||
        p->nruns != L->keep.end_runs || p->nrules != L->keep.rules ||
        (first == 0 && p->nrules == 0) || n == 0 || L->keep.y0 - L->y > (L->top - L->bottom) / 2)
        return false;
    c->runs = calloc(n, sizeof *c->runs);
    c->texts = calloc(n, sizeof *c->texts);
    c->advances = calloc(n, sizeof *c->advances);
    if (!c->runs || !c->texts || !c->advances) {
        carry_free(c);
        L->failed = true;
        return false;
    }
    for (size_t i = 0; i < n; i++, c->n++) {
        const nb_text_run *r = &p->runs[first + i];
        size_t glyphs = run_glyphs(r);
        c->runs[i] = *r;
        c->texts[i] = malloc(r->len + 1);
        c->advances[i] = malloc((glyphs + 1) * sizeof(double));
        if (!c->texts[i] || !c->advances[i]) {
            c->n++;
            carry_free(c);
            L->failed = true;
            return false;
        }
        memcpy(c->texts[i], r->utf8, r->len);
        if (r->advances_pt) memcpy(c->advances[i], r->advances_pt, glyphs * sizeof(double));
        /* (the copy points at the copies: the page's own go with it when it is finished) */
        c->runs[i].utf8 = c->texts[i];
        c->runs[i].advances_pt = r->advances_pt ? c->advances[i] : NULL;
    }
    c->y = L->y;
    p->nruns = first;
    return true;
}

/* Sets the carried lines at the top of the page just begun: moved down by the same distance
 * (and across when the block is another: a centred line stays centred), L->y under them. */
static void carry_on(lay *L, carry *c)
{
    double dy = L->y - L->keep.y0, shift = L->left - L->keep.left;
    for (size_t i = 0; i < c->n && !L->failed; i++) {
        const nb_text_run *r = &c->runs[i];
        size_t glyphs = run_glyphs(r);
        double w = 0;
        for (size_t k = 0; k < glyphs; k++) w += r->advances_pt ? c->advances[i][k] : r->size_pt;
        double before = r->x_pt - L->keep.left, after = L->keep.left + L->keep.width - r->x_pt - w;
        bool centred = before > 1 && fabs(before - after) < 1;
        char *text = nb_arena_alloc(L->text, r->len + 1);
        double *adv = nb_arena_alloc(L->text, (glyphs + 1) * sizeof *adv);
        nb_text_run *to = add_run(L);
        if (!text || !adv || !to) {
            L->failed = true;
            break;
        }
        memcpy(text, c->texts[i], r->len);
        memcpy(adv, c->advances[i], glyphs * sizeof *adv);
        *to = *r;
        to->utf8 = text;
        to->advances_pt = r->advances_pt ? adv : NULL;
        to->x_pt = centred ? L->left + (L->width - w) / 2 : r->x_pt + shift;
        to->y_pt = r->y_pt + dy;
    }
    for (size_t i = L->keep.outlines; i < L->ps->noutlines; i++) {
        L->ps->outlines[i].page = L->first + L->ps->npages - 1;
        L->ps->outlines[i].y_pt += dy;
    }
    L->keep.page = L->first + L->ps->npages - 1;
    L->keep.runs = 0, L->keep.end_runs = page(L)->nruns, L->keep.rules = 0;
    L->keep.y0 += dy, L->keep.left = L->left, L->keep.width = L->width;
    L->y = c->y + dy;
    L->carried = true;
}

static void new_page(lay *L)
{
    if (L->first + L->ps->npages >= L->max_pages) {
        L->failed = L->too_long = true;
        return;
    }
    carry c = {0};
    L->carried = false;
    /* kept lines not begun yet (a heading going down whole): kept from the new page's top */
    bool anchor = L->keep.on && L->ps->npages && L->keep.page == L->first + L->ps->npages - 1 &&
                  page(L)->nruns == L->keep.runs && L->keep.end_runs == L->keep.runs;
    if (L->ps->npages) {
        bool carrying = carry_off(L, &c);
        finish_page(L);
        if (!carrying && !anchor) L->keep.on = false;
    }
    if (L->failed) {
        carry_free(&c);
        return;
    }
    L->ps->pages = grow(L, L->ps->pages, L->ps->npages, &L->cap_pages, sizeof(nb_page));
    if (!L->failed) {
        nb_page *p = &L->ps->pages[L->ps->npages++];
        memset(p, 0, sizeof *p);
        L->cap_runs = L->cap_rules = 0;
        begin_page(L, p);
        if (c.n) {
            carry_on(L, &c);
        } else if (anchor) {
            L->keep.page = L->first + L->ps->npages - 1;
            L->keep.runs = L->keep.end_runs = L->keep.rules = 0;
            L->keep.y0 = L->y, L->keep.left = L->left, L->keep.width = L->width;
            for (size_t i = L->keep.outlines; i < L->ps->noutlines; i++) /* (a heading's) */
                L->ps->outlines[i] =
                    (nb_outline){L->ps->outlines[i].title, L->ps->outlines[i].level, L->keep.page,
                                 L->y + LAY_BODY_PT};
        }
    }
    carry_free(&c);
}

/* The text block of a portrait page (GB/T 9704's 156 x 225 mm) or of a landscape one (the
 * same block turned, centred on the page). */
static void block_of(bool landscape, double *left, double *width, double *top, double *bottom)
{
    if (landscape) {
        *left = (LAY_PAGE_H - LAY_BLOCK_H) / 2, *width = LAY_BLOCK_H;
        *top = LAY_PAGE_W - (LAY_PAGE_W - LAY_BLOCK_W) / 2, *bottom = *top - LAY_BLOCK_W;
    } else {
        *left = LAY_LEFT, *width = LAY_BLOCK_W;
        *top = LAY_PAGE_H - LAY_TOP, *bottom = *top - LAY_BLOCK_H;
    }
}

static void set_geometry(lay *L, bool landscape)
{
    L->landscape = landscape;
    block_of(landscape, &L->left, &L->width, &L->top, &L->bottom);
}

static double block_bottom(const lay *L)
{
    return L->bottom;
}

/* Moves to the next line of height `pitch`, starting a page when the block is full. */
static void next_line(lay *L, double pitch)
{
    if (L->y - pitch < block_bottom(L)) {
        new_page(L);
        if (L->carried) L->y -= pitch; /* (L->y was the last line carried over) */
    } else {
        L->y -= pitch;
    }
}

static nb_text_run *add_run(lay *L)
{
    nb_page *p = page(L);
    p->runs = grow(L, p->runs, p->nruns, &L->cap_runs, sizeof(nb_text_run));
    if (L->failed) return NULL;
    nb_text_run *r = &p->runs[p->nruns++];
    memset(r, 0, sizeof *r);
    return r;
}

static void add_rule(lay *L, double x1, double y1, double x2, double y2, double w)
{
    nb_page *p = page(L);
    p->rules = grow(L, p->rules, p->nrules, &L->cap_rules, sizeof(nb_rule));
    if (L->failed) return;
    p->rules[p->nrules++] = (nb_rule){x1, y1, x2, y2, w};
}

static void warn(lay *L, size_t line, uint32_t cp)
{
    lay_warnings *w = L->w;
    for (size_t i = 0; i < w->n; i++)
        if (w->items[i].line == line && w->items[i].cp == cp) return;
    if (w->n >= MAX_WARNINGS) {
        w->dropped++;
        return;
    }
    if (w->n == L->warn_cap) {
        size_t ncap = L->warn_cap ? L->warn_cap * 2 : 16;
        lay_warning *ni = realloc(w->items, ncap * sizeof *ni);
        if (!ni) {
            L->failed = true;
            return;
        }
        w->items = ni;
        L->warn_cap = ncap;
    }
    w->items[w->n++] = (lay_warning){line, cp};
}

/* ---- measured text ----------------------------------------------------------------------- */

/* A text decoded into code points with the advance each gets, and units that must not be
 * split (a digit run with its unit, a Latin word, ——, ……). */
typedef struct glyphs {
    uint32_t *cp;
    double *adv;
    size_t *byte;     /* byte offset of each code point in the (replaced) text */
    bool *unit_start; /* a break is possible before this code point */
    size_t n;
    char *text; /* the text with uncoverable characters replaced by 〓 */
    size_t len;
} glyphs;

static double advance_of(lay *L, nb_face face, uint32_t cp, double size, bool grid)
{
    double a = L->m->advance_pt(L->m->ctx, face, cp, size);
    /* the grid of 28 characters a line (see the head of the file) */
    if (grid && is_fullwidth_shape(cp) && a > size * 0.9) return size * (LAY_GRID / LAY_BODY_PT);
    return a;
}

/* The glyphs of text: their arrays in the scratch arena (sized by code points), the replaced
 * text (the runs point into it) in the pages' arena. */
static bool measure_n(lay *L, const char *text, size_t len, nb_face face, double size, bool grid,
                      size_t line, glyphs *g)
{
    size_t adv, n = 0, out = 0;
    memset(g, 0, sizeof *g);
    for (size_t i = 0; i < len; i += adv, n++)
        nb_utf8_decode((const unsigned char *)text + i, len - i, &adv);
    g->cp = nb_arena_alloc(L->scratch, (n + 1) * sizeof *g->cp);
    g->adv = nb_arena_alloc(L->scratch, (n + 1) * sizeof *g->adv);
    g->byte = nb_arena_alloc(L->scratch, (n + 2) * sizeof *g->byte);
    g->unit_start = nb_arena_alloc(L->scratch, (n + 1) * sizeof *g->unit_start);
    if (!g->cp || !g->adv || !g->byte || !g->unit_start) {
        L->failed = true;
        return false;
    }
    for (size_t i = 0; i < len; i += adv) {
        int32_t c = nb_utf8_decode((const unsigned char *)text + i, len - i, &adv);
        uint32_t cp = c < 0 ? 0xFFFD : (uint32_t)c;
        if (cp == '\t' || cp == '\f' || cp == '\r' || cp == '\n') cp = ' ';
        if (!L->m->covers(L->m->ctx, face, cp) && cp != ' ') {
            if (line) warn(L, line, cp); /* (line 0: measured only; drawn and warned elsewhere) */
            cp = REPLACEMENT;
        }
        char enc[4];
        g->byte[g->n] = out;
        out += nb_utf8_encode(cp, enc);
        g->cp[g->n++] = cp;
    }
    g->byte[g->n] = out;
    g->text = nb_arena_alloc(L->scratch, out + 1);
    if (!g->text) {
        L->failed = true;
        return false;
    }
    for (size_t k = 0; k < g->n; k++) g->len += nb_utf8_encode(g->cp[k], g->text + g->len);
    g->text[g->len] = '\0';
    for (size_t k = 0; k < g->n; k++) {
        uint32_t cp = g->cp[k];
        g->adv[k] = advance_of(L, face, cp, size, grid);
        bool glue = k > 0 && ((is_word_char(cp) && is_word_char(g->cp[k - 1])) ||
                              (is_number_unit(cp) && nb_utf8_is_digit(g->cp[k - 1])) ||
                              ((cp == 0x2014 || cp == 0x2026) && g->cp[k - 1] == cp) ||
                              ((cp == '.' || cp == ',' || cp == '%') && k + 1 < g->n &&
                               nb_utf8_is_digit(g->cp[k - 1]) &&
                               (nb_utf8_is_digit(g->cp[k + 1]) || cp == '%')));
        g->unit_start[k] = !glue;
    }
    return true;
}

static bool measure(lay *L, const char *text, nb_face face, double size, bool grid, size_t line,
                    glyphs *g)
{
    return measure_n(L, text, strlen(text), face, size, grid, line, g);
}

/* ---- line breaking ----------------------------------------------------------------------- */

/* Whether a line may end before glyph k (k is the first glyph of the next line). */
static bool can_break(const glyphs *g, size_t k)
{
    if (k == 0 || k >= g->n) return true;
    if (!g->unit_start[k]) return false;
    if (is_closing(g->cp[k]) || is_opening(g->cp[k - 1])) return false;
    return true;
}

/* Breaks glyphs [from, n) to fit `width`: returns where the next line starts. */
static size_t break_line(const glyphs *g, size_t from, double width)
{
    double w = 0;
    size_t k = from, last_ok = from;
    while (k < g->n) {
        /* the unit starting at k */
        size_t e = k + 1;
        double uw = g->adv[k];
        while (e < g->n && !g->unit_start[e]) uw += g->adv[e++];
        /* a unit wider than the whole measure (a run of 10,000 Latin letters or digits) breaks
         * character by character, as Chinese text does, never running off the page */
        if (k == from && uw > width + 0.01) {
            size_t c = k + 1;
            for (double cw = g->adv[k]; c < e && cw + g->adv[c] <= width + 0.01; c++)
                cw += g->adv[c];
            return c;
        }
        if (w + uw > width + 0.01 && k > from) {
            /* a closing mark may hang into the line, set at half width */
            if (is_closing(g->cp[k]) && e == k + 1 && w + uw / 2 <= width + 0.01 &&
                (e >= g->n || !is_closing(g->cp[e])))
                return e;
            if (can_break(g, k)) return k;
            return last_ok > from ? last_ok : k;
        }
        w += uw;
        k = e;
        if (can_break(g, k)) last_ok = k;
    }
    return g->n;
}

/* A layout state for measuring alone (the entry points the tests call): one arena for all. */
static void probe_init(lay *L, const nb_metrics *m, nb_arena *arena, lay_warnings *w)
{
    *L = (lay){.m = m, .arena = arena, .text = arena, .scratch = arena, .max_pages = LAY_MAX_PAGES};
    set_geometry(L, false);
    L->w = w;
}

size_t layout_break_lines(const char *text, const nb_metrics *m, nb_face face, double size_pt,
                          double measure_pt, double indent_pt, size_t *starts, size_t max)
{
    nb_arena arena = {0};
    lay L;
    lay_warnings w = {0};
    probe_init(&L, m, &arena, &w);
    glyphs g;
    size_t count = 0;
    if (measure(&L, text, face, size_pt, face == NB_FACE_BODY, 0, &g)) {
        for (size_t k = 0; k < g.n && count < max;) {
            starts[count] = g.byte[k];
            size_t next = break_line(&g, k, measure_pt - (count == 0 ? indent_pt : 0));
            count++;
            k = next > k ? next : k + 1;
        }
    }
    free(w.items);
    nb_arena_free(&arena);
    return count;
}

/* Sets glyphs [from, to) as one run at x, justified to `width` unless `last`. */
static void set_line(lay *L, const glyphs *g, size_t from, size_t to, double x, double width,
                     nb_face face, double size, bool justify)
{
    nb_text_run *r = add_run(L);
    if (!r) return;
    size_t len = g->byte[to] - g->byte[from];
    double *adv = nb_arena_alloc(L->text, (to - from + 1) * sizeof *adv);
    char *text = nb_arena_alloc(L->text, len + 1);
    if (!adv || !text) {
        L->failed = true;
        return;
    }
    double natural = 0;
    size_t gaps = 0;
    for (size_t k = from; k < to; k++) {
        adv[k - from] = g->adv[k];
        natural += g->adv[k];
        if (k > from && g->unit_start[k]) gaps++;
    }
    /* a hanging closing mark at the end is set at half width */
    if (to > from && natural > width + 0.01 && is_closing(g->cp[to - 1])) {
        adv[to - 1 - from] /= 2;
        natural -= g->adv[to - 1] / 2;
    }
    if (justify && gaps && natural < width) {
        double extra = (width - natural) / (double)gaps;
        for (size_t k = from + 1; k < to; k++)
            if (g->unit_start[k]) adv[k - 1 - from] += extra;
    }
    r->x_pt = x;
    r->y_pt = L->y;
    r->size_pt = size;
    r->face = face;
    memcpy(text, g->text + g->byte[from], len); /* (g's text goes with the scratch arena) */
    r->utf8 = text;
    r->len = len;
    r->advances_pt = adv;
}

typedef enum align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } align;

/* A paragraph is measured and broken a window of PARA_WINDOW characters at a time (the
 * line being filled when a window ends starts the next one), so that a paragraph of millions
 * of characters needs the glyph arrays of a few thousand. */
#define PARA_WINDOW 4096

/* How many lines of `pitch` the page being made has left from L->y down (L->y's own counted). */
static size_t lines_left(const lay *L, double pitch)
{
    size_t room = 1;
    for (double y = L->y; !(y - pitch < L->bottom) && room < 1000; y -= pitch) room++;
    return room;
}

/* Whether line d of a paragraph of n lines (n SIZE_MAX: not known yet) should begin a page
 * rather than go where L->y is: no first line alone at a page's foot (an orphan: of three
 * lines, two at the foot would leave the last alone), no last line alone at a page's head (a
 * widow: the line before it goes down with it, leaving two or more behind). */
static bool lonely_line(const lay *L, size_t d, size_t n, double pitch)
{
    if (n < 2 || (d != 0 && d + 2 != n)) return false;
    size_t room = lines_left(L, pitch);
    if (d == 0) return room == 1 || (room == 2 && n == 3);
    return d >= 2 && room == 1;
}

/* A paragraph: lines of `width` from x, the first indented, justified but for the last. */
static void set_paragraph(lay *L, const char *text, nb_face face, double size, double pitch,
                          double x, double width, double indent, align al, bool justify,
                          size_t line)
{
    size_t len = strlen(text), pos = 0, drawn = 0;
    bool first = true, grid = face != NB_FACE_TITLE && size == LAY_BODY_PT;
    while (pos < len && !L->failed) {
        /* the window: at most PARA_WINDOW characters from pos */
        size_t end = pos, chars = 0, adv;
        while (end < len && chars < PARA_WINDOW) {
            nb_utf8_decode((const unsigned char *)text + end, len - end, &adv);
            end += adv ? adv : 1, chars++;
        }
        bool last_window = end >= len;
        glyphs g;
        nb_arena_mark mark = nb_arena_mark_here(L->scratch);
        if (!measure_n(L, text + pos, end - pos, face, size, grid, line, &g)) return;
        /* the window's lines, [from[i], to[i]), broken first, so that its last ones are known */
        size_t *from = nb_arena_alloc(L->scratch, (g.n + 1) * sizeof *from);
        size_t *to = nb_arena_alloc(L->scratch, (g.n + 1) * sizeof *to);
        if (!from || !to) {
            L->failed = true;
            return;
        }
        size_t nl = 0, k = 0;
        for (bool f = first; k < g.n;) {
            while (k < g.n && g.cp[k] == ' ' && !f) k++; /* no blank at a line start */
            if (k >= g.n) break;
            size_t next = break_line(&g, k, width - (f ? indent : 0));
            if (next <= k) next = k + 1;
            /* a line that reaches the window's end may go on in the next window: it starts
             * that window (unless it is the window's only line, which cannot happen for a
             * window of thousands of characters and a line of at most a hundred) */
            if (!last_window && next >= g.n && k > 0) break;
            from[nl] = k, to[nl++] = next;
            f = false;
            k = next;
        }
        size_t total = last_window ? drawn + nl : SIZE_MAX;
        for (size_t i = 0; i < nl && !L->failed; i++, drawn++) {
            if (lonely_line(L, drawn, total, pitch)) new_page(L);
            double w = width - (first ? indent : 0), natural = 0;
            for (size_t j = from[i]; j < to[i]; j++) natural += g.adv[j];
            double lx = x + (first ? indent : 0);
            if (al == ALIGN_CENTER) lx = x + (width - natural) / 2;
            if (al == ALIGN_RIGHT) lx = x + width - natural;
            set_line(L, &g, from[i], to[i], lx, w, face, size,
                     justify && (to[i] < g.n || !last_window));
            first = false;
            if (to[i] < g.n || !last_window) next_line(L, pitch);
        }
        if (k >= g.n) {
            pos = end;
        } else { /* (g's bytes are of the replaced text: count characters in the original) */
            for (size_t i = 0; i < k; i++) {
                nb_utf8_decode((const unsigned char *)text + pos, len - pos, &adv);
                pos += adv ? adv : 1;
            }
        }
        nb_arena_release(L->scratch, mark);
    }
}

/* ---- blocks ------------------------------------------------------------------------------ */

static double text_width(lay *L, const char *text, nb_face face, double size)
{
    glyphs g;
    nb_arena_mark mark = nb_arena_mark_here(L->scratch);
    double w = 0; /* (on the body's grid as set_paragraph sets it) */
    if (measure(L, text, face, size, face != NB_FACE_TITLE && size == LAY_BODY_PT, 0, &g))
        for (size_t k = 0; k < g.n; k++) w += g.adv[k];
    nb_arena_release(L->scratch, mark);
    return w;
}

static const char *join(lay *L, const char *a, const char *b)
{
    size_t la = a ? strlen(a) : 0, lb = strlen(b);
    char *s = nb_arena_alloc(L->scratch, la + lb + 1);
    if (!s) {
        L->failed = true;
        return b;
    }
    if (la) memcpy(s, a, la);
    memcpy(s + la, b, lb + 1);
    return s;
}

static void add_outline(lay *L, const char *title, int level)
{
    nb_pageset *ps = L->ps;
    ps->outlines = grow(L, ps->outlines, ps->noutlines, &L->cap_outlines, sizeof(nb_outline));
    char *kept = nb_arena_strndup(L->arena, title, strlen(title));
    if (!kept) L->failed = true;
    if (L->failed) return;
    ps->outlines[ps->noutlines++] =
        (nb_outline){kept, level, L->first + ps->npages - 1, L->y + LAY_BODY_PT};
}

/* ---- titles ------------------------------------------------------------------------------ */

/* A title is broken by sense (GB/T 9704 §7.3.3: 回行时词意完整，排列对称，梯形或菱形): each
 * place between two glyphs has a cost in ems of the title's size — none at a seam (before and
 * after the year, at a blank or a mark, either side of the agency's name), TITLE_WORD between
 * two words of the list handed in, TITLE_UNKNOWN between two characters that may be one word;
 * inside a word, a number, the year or the agency's name it may not break at all. The lines
 * chosen are those of the least cost in a trapezoid or diamond, the cost being the breaks',
 * the difference between the longest and the shortest line, and TITLE_EXTRA_LINE for a line
 * more than the fewest that hold the title. */
#define TITLE_MOST_GLYPHS 200
#define TITLE_MOST_LINES  4
#define TITLE_WORD        6.0
#define TITLE_UNKNOWN     60.0
#define TITLE_EXTRA_LINE  12.0
#define TITLE_SEARCH_MOST 500000 /* lines tried at most (a title has a few hundred) */

static bool is_year_char(uint32_t cp)
{
    static const uint32_t numerals[] = {0x3007, 0x25CB, 0x96F6, 0x4E00, 0x4E8C, 0x4E09,
                                        0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D};
    if (nb_utf8_is_digit(cp)) return true;
    for (size_t i = 0; i < sizeof numerals / sizeof numerals[0]; i++)
        if (numerals[i] == cp) return true;
    return false;
}

/* The glyph index where byte offset `byte` of g's text starts (g->n when past the end). */
static size_t glyph_at(const glyphs *g, size_t byte)
{
    size_t k = 0;
    while (k < g->n && g->byte[k] < byte) k++;
    return k;
}

/* pen[k] (k in [1, n)): the cost of a break before glyph k, or -1 where none may be. */
static void title_costs(const glyphs *g, const lay_block *b, double *pen)
{
    size_t n = g->n;
    for (size_t k = 1; k < n; k++) {
        uint32_t before = g->cp[k - 1], after = g->cp[k];
        pen[k] = !can_break(g, k) ? -1
                 : nb_utf8_is_space(before) || nb_utf8_is_space(after) || is_closing(before) ||
                         is_opening(after)
                     ? 0
                     : TITLE_UNKNOWN;
    }
    /* words: the longest that starts at each place, left to right */
    for (size_t i = 0; i < n;) {
        size_t best = 0;
        for (size_t w = 0; w < b->nwords; w++) {
            size_t len = strlen(b->words[w]);
            if (len && g->byte[i] + len <= g->len &&
                memcmp(g->text + g->byte[i], b->words[w], len) == 0) {
                size_t e = glyph_at(g, g->byte[i] + len);
                if (e - i > best) best = e - i;
            }
        }
        if (!best) {
            i++;
            continue;
        }
        for (size_t k = i + 1; k < i + best; k++) pen[k] = -1;
        if (i > 0 && pen[i] > TITLE_WORD) pen[i] = TITLE_WORD;
        if (i + best < n && pen[i + best] > TITLE_WORD) pen[i + best] = TITLE_WORD;
        i += best;
    }
    /* the agency's name: broken between its words only; a seam on either side */
    const char *at = b->agency && b->agency[0] ? strstr(g->text, b->agency) : NULL;
    if (at) {
        size_t a = glyph_at(g, (size_t)(at - g->text)),
               e = glyph_at(g, (size_t)(at - g->text) + strlen(b->agency));
        for (size_t k = a + 1; k < e && k < n; k++)
            if (pen[k] > TITLE_WORD) pen[k] = -1;
        if (a > 0 && a < n && pen[a] >= 0) pen[a] = 0;
        if (e > 0 && e < n && pen[e] >= 0) pen[e] = 0;
    }
    /* the year: four numerals or more, blanks, 年, and 度 when it follows — whole, a seam on
     * either side */
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && is_year_char(g->cp[e])) e++;
        size_t numerals = e - i;
        while (e < n && nb_utf8_is_space(g->cp[e])) e++;
        if (numerals < 4 || e >= n || g->cp[e] != 0x5E74) { /* 年 */
            i = numerals ? i + numerals : i + 1;
            continue;
        }
        e++;
        if (e < n && g->cp[e] == 0x5EA6) e++; /* 度 */
        for (size_t k = i + 1; k < e; k++) pen[k] = -1;
        if (i > 0 && pen[i] >= 0) pen[i] = 0;
        if (e < n && pen[e] >= 0) pen[e] = 0;
        i = e;
    }
}

/* The width of glyphs [a, b) without the blanks at either end. */
static double title_span(const glyphs *g, size_t a, size_t b)
{
    while (a < b && nb_utf8_is_space(g->cp[a])) a++;
    while (b > a && nb_utf8_is_space(g->cp[b - 1])) b--;
    double w = 0;
    for (size_t k = a; k < b; k++) w += g->adv[k];
    return w;
}

/* Lines as GB/T 9704 shapes a title: a trapezoid (none longer than the one above it) or, of
 * three lines or more, a diamond (rising to a longest line inside, then falling). */
static bool title_shape(const double *w, size_t n)
{
    const double tol = 0.5;
    bool trapezoid = true;
    for (size_t i = 1; i < n; i++)
        if (w[i] > w[i - 1] + tol) trapezoid = false;
    if (trapezoid) return true;
    if (n < 3) return false;
    size_t i = 1;
    while (i < n && w[i] + tol >= w[i - 1]) i++;
    size_t peak = i - 1;
    while (i < n && w[i] <= w[i - 1] + tol) i++;
    return i == n && peak > 0 && peak < n - 1;
}

typedef struct title_search {
    const glyphs *g;
    const double *pen;
    double measure, size;
    size_t lines, fewest;
    size_t at[TITLE_MOST_LINES + 1], best[TITLE_MOST_LINES + 1];
    double width[TITLE_MOST_LINES];
    size_t best_lines, tried;
    double best_cost;
} title_search;

/* Tries every break of line d on (the lines before it set in s->at and s->width). */
static void title_try(title_search *s, size_t d, double cost)
{
    const glyphs *g = s->g;
    size_t from = s->at[d];
    if (++s->tried > TITLE_SEARCH_MOST) return;
    if (d + 1 == s->lines) {
        s->width[d] = title_span(g, from, g->n);
        if (s->width[d] > s->measure + 0.01 || s->width[d] <= 0) return;
        double lo = s->width[0], hi = s->width[0];
        for (size_t i = 1; i < s->lines; i++) {
            lo = fmin(lo, s->width[i]);
            hi = fmax(hi, s->width[i]);
        }
        cost += (hi - lo) / s->size + TITLE_EXTRA_LINE * (double)(s->lines - s->fewest);
        if (title_shape(s->width, s->lines) && (!s->best_lines || cost < s->best_cost)) {
            s->best_cost = cost;
            s->best_lines = s->lines;
            memcpy(s->best, s->at, sizeof s->best);
        }
        return;
    }
    for (size_t k = from + 1; k < g->n; k++) {
        double w = title_span(g, from, k);
        if (w > s->measure + 0.01) break;
        if (s->pen[k] < 0 || w <= 0) continue;
        s->width[d] = w;
        s->at[d + 1] = k;
        title_try(s, d + 1, cost + s->pen[k]);
    }
}

/* Breaks a title's glyphs by sense (see above): the first glyph of each line into starts (at
 * most TITLE_MOST_LINES); 0 when none fits (too long, or no break by sense makes a shape). */
static size_t title_lines(lay *L, const glyphs *g, const lay_block *b, double measure, double size,
                          size_t *starts)
{
    double total = title_span(g, 0, g->n);
    if (g->n < 2 || g->n > TITLE_MOST_GLYPHS || total > measure * TITLE_MOST_LINES) return 0;
    double *pen = nb_arena_alloc(L->scratch, (g->n + 1) * sizeof *pen);
    if (!pen) {
        L->failed = true;
        return 0;
    }
    title_costs(g, b, pen);
    title_search s = {.g = g, .pen = pen, .measure = measure, .size = size};
    s.fewest = (size_t)ceil(total / measure - 1e-9);
    if (s.fewest < 1) s.fewest = 1;
    for (s.lines = s.fewest; s.lines <= s.fewest + 1 && s.lines <= TITLE_MOST_LINES; s.lines++) {
        s.at[0] = 0;
        title_try(&s, 0, 0);
    }
    for (size_t i = 0; i < s.best_lines; i++) starts[i] = s.best[i];
    return s.best_lines;
}

/* The title as a paragraph broken in lines of about equal width (when no break by sense fits). */
static void set_title_paragraph(lay *L, const char *text, double size, size_t line)
{
    double total = text_width(L, text, NB_FACE_TITLE, size);
    double lines = ceil(total / LAY_BLOCK_W);
    double width = lines > 1 ? fmin(LAY_BLOCK_W, total / lines + size) : LAY_BLOCK_W;
    double x = LAY_LEFT + (LAY_BLOCK_W - width) / 2;
    set_paragraph(L, text, NB_FACE_TITLE, size, size * 1.5, x, width, 0, ALIGN_CENTER, false, line);
}

/* The title (二号, centred): one line when it fits, else broken by sense. */
static void set_title(lay *L, const lay_block *b, double size)
{
    nb_arena_mark mark = nb_arena_mark_here(L->scratch);
    glyphs g;
    size_t starts[TITLE_MOST_LINES], n = 0;
    if (!measure(L, b->text, NB_FACE_TITLE, size, false, b->line, &g)) return;
    if (title_span(&g, 0, g.n) > LAY_BLOCK_W + 0.01)
        n = title_lines(L, &g, b, LAY_BLOCK_W, size, starts);
    for (size_t i = 0; i < n && !L->failed; i++) {
        size_t a = starts[i], e = i + 1 < n ? starts[i + 1] : g.n;
        while (a < e && nb_utf8_is_space(g.cp[a])) a++;
        while (e > a && nb_utf8_is_space(g.cp[e - 1])) e--;
        double natural = title_span(&g, a, e);
        set_line(L, &g, a, e, LAY_LEFT + (LAY_BLOCK_W - natural) / 2, natural, NB_FACE_TITLE, size,
                 false);
        if (i + 1 < n) next_line(L, size * 1.5);
    }
    nb_arena_release(L->scratch, mark);
    if (!n && !L->failed) set_title_paragraph(L, b->text, size, b->line);
}

size_t layout_title_breaks(const lay_block *b, const nb_metrics *m, nb_face face, double size_pt,
                           double measure_pt, size_t *starts, size_t max)
{
    nb_arena arena = {0};
    lay L;
    lay_warnings w = {0};
    probe_init(&L, m, &arena, &w);
    glyphs g;
    size_t count = 0, lines[TITLE_MOST_LINES];
    if (measure(&L, b->text, face, size_pt, false, 0, &g)) {
        size_t n = title_span(&g, 0, g.n) > measure_pt + 0.01
                       ? title_lines(&L, &g, b, measure_pt, size_pt, lines)
                       : (lines[0] = 0, 1);
        for (size_t i = 0; i < n && count < max; i++) starts[count++] = g.byte[lines[i]];
        if (!n) { /* as set_title_paragraph breaks it */
            double total = title_span(&g, 0, g.n), k = ceil(total / measure_pt);
            double width = fmin(measure_pt, total / k + size_pt);
            for (size_t at = 0; at < g.n && count < max;) {
                starts[count++] = g.byte[at];
                size_t next = break_line(&g, at, width);
                at = next > at ? next : at + 1;
            }
        }
    }
    free(w.items);
    nb_arena_free(&arena);
    return count;
}

static bool page_is_empty(lay *L)
{
    return page(L)->nruns == 0 && page(L)->nrules == 0;
}

/* The agency's name centred over the date; the date four characters in from the right. */
static void set_signature(lay *L, const char *agency, const char *date, size_t line)
{
    double right = LAY_LEFT + LAY_BLOCK_W - 4 * LAY_GRID;
    double dw = date ? text_width(L, date, NB_FACE_BODY, LAY_BODY_PT) : 0;
    double center = right - dw / 2;
    /* one blank line under the body (L->y is the line after it), the name and the date on one
     * page: at the head of the next when they do not fit under the body */
    if (lines_left(L, LAY_PITCH) < 1 + (size_t)(agency != NULL) + (size_t)(date != NULL))
        new_page(L);
    else if (!page_is_empty(L))
        next_line(L, LAY_PITCH);
    if (agency) {
        double aw = text_width(L, agency, NB_FACE_BODY, LAY_BODY_PT);
        double x = date ? center - aw / 2 : right - aw;
        if (x + aw > LAY_LEFT + LAY_BLOCK_W) x = LAY_LEFT + LAY_BLOCK_W - aw;
        set_paragraph(L, agency, NB_FACE_BODY, LAY_BODY_PT, LAY_PITCH, x, aw + 1, 0, ALIGN_LEFT,
                      false, line);
    }
    if (date) {
        if (agency) next_line(L, LAY_PITCH);
        set_paragraph(L, date, NB_FACE_BODY, LAY_BODY_PT, LAY_PITCH, right - dw, dw + 1, 0,
                      ALIGN_LEFT, false, line);
    }
}

/* The page number of the page being made (四号, "— 7 —", outside: right on odd pages, left on
 * even ones), set when the page is done. */
static void number_page(lay *L)
{
    const double size = 14.0; /* 四号 */
    size_t number = L->first + L->ps->npages;
    char label[32];
    snprintf(label, sizeof label, "— %zu —", number);
    glyphs g;
    nb_arena_mark mark = nb_arena_mark_here(L->scratch);
    if (!measure(L, label, NB_FACE_BODY, size, false, 0, &g)) return;
    double w = 0;
    for (size_t k = 0; k < g.n; k++) w += g.adv[k];
    bool odd = number % 2 == 1;
    double left, width, top, bottom;
    block_of(page(L)->width_pt > page(L)->height_pt, &left, &width, &top, &bottom);
    double x = odd ? left + width - size - w : left + size;
    double y = L->y;
    L->y = bottom - 7.0 * LAY_MM - size * 0.8;
    set_line(L, &g, 0, g.n, x, w, NB_FACE_BODY, size, false);
    if (page(L)->nruns) page(L)->runs[page(L)->nruns - 1].artifact = true;
    L->y = y;
    nb_arena_release(L->scratch, mark);
}

/* The page being made is done: numbered, and with a sink, given to it and let go. */
static void finish_page(lay *L)
{
    number_page(L);
    if (!L->sink || L->failed) return;
    nb_page *p = page(L);
    if (L->sink(L->sink_ctx, p) != 0) L->failed = L->sink_failed = true;
    free(p->runs), free(p->rules);
    memset(p, 0, sizeof *p);
    L->ps->npages--;
    L->first++;
    nb_arena_free(&L->page_text);
}

/* ---- tables ------------------------------------------------------------------------------ */

/* Tables use a smaller size rather than a landscape page (GB/T 9704 allows both): the page
 * numbers and the binding side stay where they are, and 表三's eight columns and 表四's fifteen
 * values fit the 156 mm measure at 10.5 pt (五号) and 9 pt (小五); labels wrap in their cells. */
static double table_size(size_t ncols)
{
    return ncols <= 4 ? 12.0 : ncols <= 8 ? 10.5 : 9.0;
}

typedef struct cell_lines {
    glyphs g;
    size_t *starts; /* where each line of the cell starts (heap; set_table frees it) */
    size_t nlines, cap;
} cell_lines;

static void break_cell(lay *L, const lay_cell *cell, double size, double width, cell_lines *c)
{
    c->nlines = 0;
    if (!measure(L, cell->text, NB_FACE_BODY, size, false, cell->line, &c->g)) return;
    for (size_t k = 0; k < c->g.n;) {
        /* no cap on a cell's lines: a 10,000-digit cell is whole */
        c->starts = grow(L, c->starts, c->nlines, &c->cap, sizeof *c->starts);
        if (L->failed) return;
        c->starts[c->nlines++] = k;
        size_t next = break_line(&c->g, k, width);
        k = next > k ? next : k + 1;
    }
}

#define TABLE_PAD 2.5

static size_t span_of(const lay_cell *cell)
{
    return cell->span > 1 ? cell->span : 1;
}

/* Whether cell c of row r lies under a cell to its left that spans it, or (a header row) under
 * a header cell above that spans rows down over it. */
static bool covered(const lay_table *t, size_t r, size_t c)
{
    for (size_t k = 0; k < c; k++)
        if (k + span_of(&t->cells[r * t->ncols + k]) > c) return true;
    for (size_t up = 1; r < t->header_rows && up <= r && up < LAY_MAX_RSPAN; up++)
        for (size_t k = 0; k <= c; k++) {
            const lay_cell *above = &t->cells[(r - up) * t->ncols + k];
            if (above->rspan > up && k + span_of(above) > c) return true;
        }
    return false;
}

/* The width of cell c of row r: its column's, or the columns' it spans (to the table's last). */
static double cell_width(const lay_table *t, size_t r, size_t c, const double *w)
{
    size_t span = t->cells[r * t->ncols + c].span;
    double width = 0;
    for (size_t k = c; k < t->ncols && k < c + (span > 1 ? span : 1); k++) width += w[k];
    return width;
}

/* The width column c of t needs at size: a cell spanning columns is left out its widest cell
 * (header text wraps at four characters; numbers do not wrap), at least one character; and in
 * *floor the least it can take (its widest number or short value such as 不适用, text wrapped at
 * two characters). The label
 * column (c = 0) needs its widest label up to six characters. */
static double column_need(lay *L, const lay_table *t, size_t c, double size, double pad,
                          double *floor)
{
    bool label = c == 0 && !t->no_label;
    double widest = size + 2 * pad, least = widest, cap = (label ? 6 : 4) * size + 2 * pad;
    for (size_t r = 0; r < t->nrows; r++) {
        const lay_cell *cell = &t->cells[r * t->ncols + c];
        if (!cell->text[0] || cell->span > 1 || covered(t, r, c)) continue;
        double tw = text_width(L, cell->text, NB_FACE_BODY, size) + 2 * pad;
        bool wraps = label || !cell->numeric;
        /* (a short value such as 不适用 is kept whole, like a number) */
        bool whole = !label && r >= t->header_rows && tw <= 4 * size + 2 * pad + 0.01;
        double low = wraps && !whole && tw > 2 * size + 2 * pad ? 2 * size + 2 * pad : tw;
        if (wraps && tw > cap) tw = cap;
        if (tw > widest) widest = tw;
        if (low > least) least = low;
    }
    if (floor) *floor = least;
    return widest;
}

/* A table's columns measured at one size: each value column's need and floor (column_need),
 * the label column's need, and the sums. The arrays are in the scratch arena. */
typedef struct columns {
    double *need, *floor; /* [1, ncols) */
    double label, needs, floors;
} columns;

static bool measure_columns(lay *L, const lay_table *t, double size, columns *m)
{
    m->need = nb_arena_alloc(L->scratch, (t->ncols + 1) * sizeof *m->need);
    m->floor = nb_arena_alloc(L->scratch, (t->ncols + 1) * sizeof *m->floor);
    if (!m->need || !m->floor) {
        L->failed = true;
        return false;
    }
    m->label = t->no_label ? 0 : column_need(L, t, 0, size, TABLE_PAD, NULL);
    m->needs = m->floors = 0;
    for (size_t c = t->no_label ? 0 : 1; c < t->ncols; c++) {
        m->needs += m->need[c] = column_need(L, t, c, size, TABLE_PAD, &m->floor[c]);
        m->floors += m->floor[c];
    }
    return true;
}

/* The columns' widths from what they need (need, floor: [1, ncols)): each value column what
 * it needs, the label column the rest. The value columns take at most 72 % of the measure,
 * scaled down (their text wrapping); or, when label_min is set, all but label_min, each given
 * up only down to its floor (its figures whole). */
static void column_widths(const lay *L, const lay_table *t, double label_min, const double *need,
                          const double *floor, double *w)
{
    if (t->no_label) { /* every column a value column: the measure shared out by need */
        double needs = 0, floors = 0;
        for (size_t c = 0; c < t->ncols; c++) needs += need[c], floors += floor[c];
        for (size_t c = 0; c < t->ncols; c++)
            w[c] = needs <= L->width ? need[c] * L->width / needs
                   : floors <= L->width
                       ? floor[c] + (need[c] - floor[c]) * (L->width - floors) / (needs - floors)
                       : floor[c] * L->width / floors;
        return;
    }
    double others = 0, floors = 0;
    for (size_t c = 1; c < t->ncols; c++) {
        others += w[c] = need[c];
        floors += floor[c];
    }
    double limit = L->width * (t->ncols > 1 ? 0.72 : 0);
    if (label_min > 0 && L->width - label_min > limit) limit = L->width - label_min;
    if (others > limit && label_min > 0 && floors <= limit) {
        double k = (limit - floors) / (others - floors);
        for (size_t c = 1; c < t->ncols; c++) w[c] = floor[c] + (w[c] - floor[c]) * k;
        others = limit;
    } else if (others > limit && others > 0) {
        for (size_t c = 1; c < t->ncols; c++) w[c] *= limit / others;
        others = limit;
    }
    w[0] = L->width - others;
}

/* Breaks row r's cells into lines (in cl); returns the most lines a cell has (at least 1). */
static size_t row_lines(lay *L, const lay_table *t, size_t r, const double *w, double pad,
                        double size, cell_lines *cl)
{
    size_t lines = 1;
    for (size_t c = 0; c < t->ncols; c++) {
        cl[c].nlines = 0;
        if (covered(t, r, c)) continue;
        break_cell(L, &t->cells[r * t->ncols + c], size, cell_width(t, r, c, w) - 2 * pad, &cl[c]);
        if (cl[c].nlines > lines) lines = cl[c].nlines;
    }
    return lines;
}

/* Draws lines [first, first + n) of row r's cells (broken in cl) in a box from top down: a
 * row taller than a page is drawn a slice per page. */
static void draw_row(lay *L, const lay_table *t, size_t r, const double *w, double top,
                     size_t first, size_t n, double size, double pad, double leading,
                     cell_lines *cl, bool repeat)
{
    double x = L->left, h = (double)n * leading + 2 * pad;
    for (size_t c = 0; c < t->ncols; c++) {
        const lay_cell *cell = &t->cells[r * t->ncols + c];
        for (size_t i = first; i < cl[c].nlines && i < first + n; i++) {
            size_t from = cl[c].starts[i],
                   to = i + 1 < cl[c].nlines ? cl[c].starts[i + 1] : cl[c].g.n;
            double natural = 0;
            for (size_t k = from; k < to; k++) natural += cl[c].g.adv[k];
            double lx = cell->numeric    ? x + w[c] - pad - natural
                        : cell->span > 1 ? x + (cell_width(t, r, c, w) - natural) / 2
                                         : x + pad;
            L->y = top - pad - size * 0.95 - (double)(i - first) * leading;
            set_line(L, &cl[c].g, from, to, lx, natural, NB_FACE_BODY, size, false);
            if ((repeat || (L->labels_again && c == 0)) && page(L)->nruns)
                page(L)->runs[page(L)->nruns - 1].artifact = true;
        }
        if (!covered(t, r, c)) add_rule(L, x, top, x, top - h, 0.5);
        x += w[c];
    }
    add_rule(L, x, top, x, top - h, 0.5);
    add_rule(L, L->left, top, L->left + L->width, top, 0.5);
    add_rule(L, L->left, top - h, L->left + L->width, top - h, 0.5);
}

/* The heights of t's header rows (h: header_rows of them) with cells spanning rows: a row as
 * tall as its tallest cell of its own, the last row a cell spans taller when the cell needs it.
 * Returns their sum. */
static double header_heights(lay *L, const lay_table *t, const double *w, double pad, double size,
                             double leading, cell_lines *cl, double *h)
{
    double total = 0;
    for (size_t r = 0; r < t->header_rows; r++) {
        h[r] = leading + 2 * pad;
        row_lines(L, t, r, w, pad, size, cl);
        for (size_t c = 0; c < t->ncols; c++) {
            double need = (double)cl[c].nlines * leading + 2 * pad;
            if (t->cells[r * t->ncols + c].rspan <= 1 && cl[c].nlines && need > h[r]) h[r] = need;
        }
    }
    for (size_t r = 0; r < t->header_rows; r++) {
        row_lines(L, t, r, w, pad, size, cl);
        for (size_t c = 0; c < t->ncols; c++) {
            size_t down = t->cells[r * t->ncols + c].rspan;
            if (down <= 1 || !cl[c].nlines) continue;
            double have = 0, need = (double)cl[c].nlines * leading + 2 * pad;
            for (size_t k = r; k < r + down; k++) have += h[k];
            if (need > have) h[r + down - 1] += need - have;
        }
    }
    for (size_t r = 0; r < t->header_rows; r++) total += h[r];
    return total;
}

/* The lines a header row of height hr holds, and the baseline of line i of the header rows from
 * r on (tops[r] their tops): lines are set on the rows' own baselines, so that a cell spanning
 * rows shares its baselines with the cells beside it (text extraction reads them as one line). */
static size_t row_slots(double hr, double pad, double leading)
{
    size_t n = (size_t)((hr - 2 * pad) / leading + 0.001);
    return n ? n : 1;
}

static double slot_baseline(const double *h, const double *tops, size_t r, size_t i, double pad,
                            double leading, double size)
{
    for (;; r++) {
        size_t n = row_slots(h[r], pad, leading);
        if (i < n) return tops[r] - pad - size * 0.95 - (double)i * leading;
        i -= n;
    }
}

/* Draws t's header rows (heights h, header_heights) from top down: each cell a box over the
 * columns and rows it spans, its text centred across and set on the middle baselines of the rows
 * it spans, the lower of two middles (or, with more lines than they hold, evenly from the top).
 * repeat: the header again on a new page (artifacts, not text). */
static void draw_header(lay *L, const lay_table *t, const double *w, const double *h, double top,
                        double size, double pad, double leading, cell_lines *cl, bool repeat)
{
    double y = top, height = 0;
    double *tops = nb_arena_alloc(L->scratch, (t->header_rows + 1) * sizeof *tops);
    if (!tops) {
        L->failed = true;
        return;
    }
    for (size_t r = 0; r < t->header_rows; r++) tops[r] = top - height, height += h[r];
    for (size_t r = 0; r < t->header_rows; r++) {
        row_lines(L, t, r, w, pad, size, cl);
        double x = L->left;
        for (size_t c = 0; c < t->ncols; x += w[c], c++) {
            if (covered(t, r, c)) continue;
            const lay_cell *cell = &t->cells[r * t->ncols + c];
            double box = 0, width = cell_width(t, r, c, w);
            size_t slots = 0, down = cell->rspan > 1 ? cell->rspan : 1;
            for (size_t k = r; k < r + down; k++)
                box += h[k], slots += row_slots(h[k], pad, leading);
            double first = y - (box - (double)cl[c].nlines * leading) / 2;
            size_t from_slot = slots >= cl[c].nlines ? (slots - cl[c].nlines + 1) / 2 : 0;
            for (size_t i = 0; i < cl[c].nlines; i++) {
                size_t from = cl[c].starts[i],
                       to = i + 1 < cl[c].nlines ? cl[c].starts[i + 1] : cl[c].g.n;
                double natural = 0;
                for (size_t k = from; k < to; k++) natural += cl[c].g.adv[k];
                L->y = slots >= cl[c].nlines
                           ? slot_baseline(h, tops, r, from_slot + i, pad, leading, size)
                           : first - size * 0.95 - (double)i * leading;
                set_line(L, &cl[c].g, from, to, x + (width - natural) / 2, natural, NB_FACE_BODY,
                         size, false);
                if ((repeat || (L->labels_again && c == 0)) && page(L)->nruns)
                    page(L)->runs[page(L)->nruns - 1].artifact = true;
            }
            add_rule(L, x, y, x, y - box, 0.5);
            add_rule(L, x, y - box, x + width, y - box, 0.5);
        }
        y -= h[r];
    }
    add_rule(L, L->left, top, L->left + L->width, top, 0.5);
    add_rule(L, L->left + L->width, top, L->left + L->width, top - height, 0.5);
}

/* Whether row r of t is a group row: a label and no other text (（三）不予公开 over its
 * reasons), under the header. */
static bool group_row(const lay_table *t, size_t r)
{
    if (r < t->header_rows || t->no_label || !t->cells[r * t->ncols].text[0]) return false;
    for (size_t c = 1; c < t->ncols; c++)
        if (t->cells[r * t->ncols + c].text[0]) return false;
    return true;
}

static void set_table_at(lay *L, const lay_table *t, double size, double label_min,
                         const double *need, const double *floor)
{
    double pad = TABLE_PAD, leading = size * 1.4;
    double *w = nb_arena_alloc(L->scratch, t->ncols * sizeof *w);
    cell_lines *cl = calloc(t->ncols, sizeof *cl);
    if (!w || !cl) {
        free(cl);
        L->failed = true;
        return;
    }
    column_widths(L, t, label_min, need, floor, w);
    double top = L->y - LAY_PITCH * 0.3;
    /* the header rows, drawn as one piece (cells spanning rows) when they take less than most
     * of a page; a taller header is drawn a row at a time like the rows under it */
    double *h = nb_arena_alloc(L->scratch, (t->header_rows + 1) * sizeof *h), header = 0;
    if (!h) {
        free(cl);
        L->failed = true;
        return;
    }
    if (t->header_rows) {
        nb_arena_mark mark = nb_arena_mark_here(L->scratch);
        header = header_heights(L, t, w, pad, size, leading, cl, h);
        nb_arena_release(L->scratch, mark);
    }
    bool whole_header = t->header_rows && header <= (L->top - L->bottom) * 0.8;
    /* the header rows go with the first row under them: a new page when they do not fit here
     * together (and the title or heading kept with the table goes too) */
    double lead = header;
    if (t->header_rows < t->nrows && t->header_rows) {
        nb_arena_mark mark = nb_arena_mark_here(L->scratch);
        lead += (double)row_lines(L, t, t->header_rows, w, pad, size, cl) * leading + 2 * pad;
        nb_arena_release(L->scratch, mark);
    }
    if (t->header_rows && top - lead < block_bottom(L) && lead <= (L->top - L->bottom) * 0.8 &&
        !page_is_empty(L)) {
        new_page(L);
        top = L->carried ? L->y - LAY_PITCH * 0.3 : L->top;
    }
    if (whole_header) {
        nb_arena_mark mark = nb_arena_mark_here(L->scratch);
        draw_header(L, t, w, h, top, size, pad, leading, cl, false);
        top -= header;
        nb_arena_release(L->scratch, mark);
    }
    for (size_t r = whole_header ? t->header_rows : 0; r < t->nrows && !L->failed; r++) {
        nb_arena_mark mark = nb_arena_mark_here(L->scratch);
        /* a group row (a label over the rows under it, no values) goes with the row after it */
        double with = 0;
        if (group_row(t, r) && r + 1 < t->nrows)
            with = (double)row_lines(L, t, r + 1, w, pad, size, cl) * leading + 2 * pad;
        size_t lines = row_lines(L, t, r, w, pad, size, cl), done = 0;
        while (done < lines && !L->failed) {
            size_t rest = lines - done;
            double fit = (top - block_bottom(L) - 2 * pad) / leading;
            /* a row that fits on a page is kept whole: a new page when it does not fit here;
             * a taller one fills what is left of this page and goes on over the next */
            bool whole_on_new =
                (double)rest * leading + 2 * pad + with <= (L->top - L->bottom) * 0.8;
            if (fit < 1 || (done == 0 && (double)rest + with / leading > fit && whole_on_new)) {
                new_page(L);
                top = L->carried ? L->y - LAY_PITCH * 0.3 : L->top;
                /* the header rows again on the new page */
                if (whole_header && r >= t->header_rows) {
                    draw_header(L, t, w, h, top, size, pad, leading, cl, true);
                    top -= header;
                }
                for (size_t hr = 0; !whole_header && hr < t->header_rows && hr < r; hr++) {
                    size_t hl = row_lines(L, t, hr, w, pad, size, cl);
                    draw_row(L, t, hr, w, top, 0, hl, size, pad, leading, cl, true);
                    top -= (double)hl * leading + 2 * pad;
                }
                row_lines(L, t, r, w, pad, size, cl); /* (the header rows used cl) */
                fit = (top - block_bottom(L) - 2 * pad) / leading;
                if (fit < 1) fit = 1;
            }
            size_t n = (double)rest <= fit ? rest : (size_t)fit;
            draw_row(L, t, r, w, top, done, n, size, pad, leading, cl, false);
            top -= (double)n * leading + 2 * pad;
            done += n;
        }
        nb_arena_release(L->scratch, mark);
    }
    for (size_t c = 0; c < t->ncols; c++) free(cl[c].starts);
    free(cl);
    L->y = top - LAY_PITCH * 0.8;
    if (L->y < block_bottom(L)) new_page(L);
}

/* A table wider than the measure is set smaller (down to 7.5 pt), then turned on a landscape
 * page (its rows across the long side), and when even that does not fit, split into groups of
 * columns, each with the label column again (so that every figure stays whole and beside its
 * label; the labels set again are artifacts, not text). A table whose value columns fit in
 * 72 % of the measure at its size is set as it always was. */
static const double TABLE_SIZES[] = {10.5, 9.0, 7.5};

/* Goes on on a page of the other orientation: the page just begun when nothing is on it yet,
 * else a new one. */
static void turn(lay *L, bool landscape)
{
    set_geometry(L, landscape);
    if (page_is_empty(L))
        begin_page(L, page(L));
    else
        new_page(L);
}

static void set_table(lay *L, const lay_table *t)
{
    if (!t->nrows || !t->ncols) return;
    nb_arena_mark mark = nb_arena_mark_here(L->scratch);
    /* its own size first, then smaller; each measured once */
    enum { NSIZES = 1 + sizeof TABLE_SIZES / sizeof *TABLE_SIZES };
    double sizes[NSIZES];
    columns at[NSIZES];
    size_t nsizes = 0;
    sizes[nsizes++] = table_size(t->ncols);
    for (size_t k = 0; k < sizeof TABLE_SIZES / sizeof *TABLE_SIZES; k++)
        if (TABLE_SIZES[k] < sizes[0]) sizes[nsizes++] = TABLE_SIZES[k];
    if (!measure_columns(L, t, sizes[0], &at[0])) return;
    if (t->ncols < 2 || at[0].needs <= L->width * (t->no_label ? 1 : 0.72)) {
        set_table_at(L, t, sizes[0], 0, at[0].need, at[0].floor);
        nb_arena_release(L->scratch, mark);
        return;
    }
    for (size_t k = 1; k < nsizes; k++)
        if (!measure_columns(L, t, sizes[k], &at[k])) return;
    /* smaller on the page, then turned on a landscape page (value columns at their floors) */
    double land_left, land_width, land_top, land_bottom;
    block_of(true, &land_left, &land_width, &land_top, &land_bottom);
    for (int landscape = 0; landscape <= 1; landscape++)
        for (size_t k = 0; k < nsizes; k++) {
            if (at[k].label + at[k].floors > (landscape ? land_width : L->width)) continue;
            if (landscape) turn(L, true);
            set_table_at(L, t, sizes[k], at[k].label, at[k].need, at[k].floor);
            if (landscape) turn(L, false);
            nb_arena_release(L->scratch, mark);
            return;
        }
    const columns *m = &at[nsizes - 1];
    if (t->no_label) { /* (no labels to set again beside a group: the smallest size, squeezed) */
        set_table_at(L, t, sizes[nsizes - 1], 0, m->need, m->floor);
        nb_arena_release(L->scratch, mark);
        return;
    }
    /* column groups at the smallest size: as many value columns as fit beside the labels */
    lay_cell *cells = nb_arena_alloc(L->scratch, t->nrows * t->ncols * sizeof *cells);
    if (!cells) {
        L->failed = true;
        return;
    }
    for (size_t c0 = 1, c1; c0 < t->ncols && !L->failed; c0 = c1) {
        double used = m->label + m->floor[c0];
        for (c1 = c0 + 1; c1 < t->ncols && used + m->floor[c1] <= L->width; c1++)
            used += m->floor[c1];
        lay_table part = {t->nrows, 1 + c1 - c0, t->header_rows, cells, false};
        for (size_t r = 0; r < t->nrows; r++) {
            cells[r * part.ncols] = t->cells[r * t->ncols];
            for (size_t c = c0; c < c1; c++) {
                lay_cell *pc = &cells[r * part.ncols + 1 + c - c0];
                *pc = t->cells[r * t->ncols + c];
                if (pc->span > c1 - c) pc->span = c1 - c; /* (a span ends at the part's edge) */
            }
        }
        L->labels_again = c0 > 1; /* (the text layer has each label once) */
        /* (the part's column 1 is the table's c0) */
        set_table_at(L, &part, sizes[nsizes - 1], m->label, m->need + c0 - 1, m->floor + c0 - 1);
        L->labels_again = false;
    }
    nb_arena_release(L->scratch, mark);
}

/* ---- the document ------------------------------------------------------------------------ */

static nb_face heading_face(int level)
{
    return level == 1 ? NB_FACE_HEI : level == 2 ? NB_FACE_KAI : NB_FACE_BODY;
}

/* Blocks kept with the block after them: no page ends with one of them (GB/T 9704 does not
 * say it; every typesetter does). */
static bool keeps_with_next(lay_kind k)
{
    return k == LAY_TITLE || k == LAY_ATTACHMENT_LABEL || k == LAY_ATTACHMENT_TITLE ||
           k == LAY_SUBTITLE || k == LAY_TABLE_TITLE || k == LAY_HEADING;
}

/* A block kept with the next begins here (unless one before it is still kept: they go
 * together; but a run of kept blocks longer than half a page, which carry_off would leave,
 * is kept from here on, so that at least the last of them goes over with what follows). */
static void keep_from_here(lay *L)
{
    if (L->keep.on && (L->keep.page != L->first + L->ps->npages - 1 ||
                       L->keep.y0 - L->y <= (L->top - L->bottom) / 2))
        return;
    const nb_page *p = page(L);
    L->keep.on = true;
    L->keep.page = L->first + L->ps->npages - 1;
    L->keep.runs = L->keep.end_runs = p->nruns;
    L->keep.rules = p->nrules;
    L->keep.outlines = L->ps->noutlines;
    L->keep.y0 = L->y, L->keep.left = L->left, L->keep.width = L->width;
}

/* The kept block is set (what is drawn after it is the next block's). */
static void kept_to_here(lay *L)
{
    if (L->keep.on && L->keep.page == L->first + L->ps->npages - 1) {
        L->keep.end_runs = page(L)->nruns;
        L->keep.rules = page(L)->nrules;
    } else {
        L->keep.on = false;
    }
}

static void set_block(lay *L, const lay_block *b, const lay_block *next, size_t *skip)
{
    const double left = LAY_LEFT, width = LAY_BLOCK_W, indent = 2 * LAY_GRID;
    if (b->kind != LAY_ATTACHMENT_TITLE && b->kind != LAY_ATTACHMENT_LABEL &&
        keeps_with_next(b->kind) && next)
        keep_from_here(L);
    switch (b->kind) {
    case LAY_TITLE:
        set_title(L, b, 22.0); /* 二号 */
        kept_to_here(L);
        next_line(L, LAY_PITCH * 1.5);
        return;
    case LAY_ATTACHMENT_TITLE:
        next_line(L, LAY_PITCH);
        if (next) keep_from_here(L);
        set_title(L, b, 22.0);
        kept_to_here(L);
        next_line(L, LAY_PITCH * 1.5);
        return;
    case LAY_SUBTITLE:
    case LAY_TABLE_TITLE:
        set_paragraph(L, b->text, NB_FACE_BODY, LAY_BODY_PT, LAY_PITCH, left, width, 0,
                      ALIGN_CENTER, false, b->line);
        kept_to_here(L);
        next_line(L, LAY_PITCH);
        return;
    case LAY_HEADING: {
        nb_arena_mark mark = nb_arena_mark_here(L->scratch);
        const char *t = join(L, b->marker, b->text);
        add_outline(L, t, b->level);
        set_paragraph(L, t, heading_face(b->level), LAY_BODY_PT, LAY_PITCH, left, width, indent,
                      ALIGN_LEFT, true, b->line);
        nb_arena_release(L->scratch, mark);
        kept_to_here(L);
        next_line(L, LAY_PITCH);
        return;
    }
    case LAY_PARAGRAPH: {
        nb_arena_mark mark = nb_arena_mark_here(L->scratch);
        set_paragraph(L, join(L, b->marker, b->text), NB_FACE_BODY, LAY_BODY_PT, LAY_PITCH, left,
                      width, indent, ALIGN_LEFT, true, b->line);
        nb_arena_release(L->scratch, mark);
        next_line(L, LAY_PITCH);
        return;
    }
    case LAY_NOTE:
        set_paragraph(L, b->text, NB_FACE_BODY, 12.0, 12.0 * 1.6, left, width, 0, ALIGN_LEFT, false,
                      b->line);
        next_line(L, 12.0 * 1.6);
        return;
    case LAY_SIGNATURE: {
        bool dated = next && next->kind == LAY_DATE;
        set_signature(L, b->text, dated ? next->text : NULL, b->line);
        if (dated) *skip = 1;
        next_line(L, LAY_PITCH);
        return;
    }
    case LAY_DATE:
        set_signature(L, NULL, b->text, b->line);
        next_line(L, LAY_PITCH);
        return;
    case LAY_ATTACHMENT_LABEL:
        L->keep.on = false;
        if (!page_is_empty(L)) new_page(L);
        if (next) keep_from_here(L);
        set_paragraph(L, b->text, NB_FACE_HEI, LAY_BODY_PT, LAY_PITCH, left, width, 0, ALIGN_LEFT,
                      false, b->line);
        kept_to_here(L);
        next_line(L, LAY_PITCH);
        return;
    case LAY_TABLE:
        if (b->table) set_table(L, b->table);
        return;
    }
}

int layout_document(const lay_block *blocks, size_t n, const nb_metrics *m, size_t max_pages,
                    lay_page_fn sink, void *sink_ctx, nb_pageset *out, lay_warnings *w,
                    nb_error *err)
{
    memset(out, 0, sizeof *out);
    memset(w, 0, sizeof *w);
    nb_arena *arena = calloc(1, sizeof *arena);
    if (!arena) {
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory laying out the document");
        return -1;
    }
    out->storage = arena;
    nb_arena scratch = {0};
    lay L = {.m = m,
             .arena = arena,
             .scratch = &scratch,
             .sink = sink,
             .sink_ctx = sink_ctx,
             .ps = out,
             .w = w,
             .err = err,
             .max_pages = max_pages && max_pages < LAY_MAX_PAGES ? max_pages : LAY_MAX_PAGES};
    L.text = sink ? &L.page_text : arena;
    set_geometry(&L, false);
    new_page(&L);
    for (size_t i = 0; i < n && !L.failed; i++) {
        size_t skip = 0;
        set_block(&L, &blocks[i], i + 1 < n ? &blocks[i + 1] : NULL, &skip);
        if (!keeps_with_next(blocks[i].kind)) L.keep.on = false; /* (what it kept is set) */
        i += skip;
    }
    /* a trailing empty page (a block ended exactly at the bottom) is dropped */
    if (!L.failed && L.first + out->npages > 1 && page_is_empty(&L)) {
        out->npages--;
        /* a heading that drew nothing there (an empty one) may have put its bookmark on it */
        for (size_t i = 0; i < out->noutlines; i++)
            if (out->outlines[i].page >= L.first + out->npages)
                out->outlines[i].page = L.first + out->npages - 1;
    } else if (!L.failed) {
        finish_page(&L);
    }
    nb_arena_free(&scratch);
    nb_arena_free(&L.page_text);
    if (sink) {
        /* what the sink was given, counted; the last page, when dropped, is freed here */
        if (out->pages) free(out->pages[0].runs), free(out->pages[0].rules);
        free(out->pages);
        out->pages = NULL;
        out->npages = L.failed ? 0 : L.first;
    }
    if (L.failed) {
        layout_free(out);
        free(w->items);
        memset(w, 0, sizeof *w);
        if (L.sink_failed)
            ; /* the sink's error stands */
        else if (L.too_long && L.max_pages == LAY_MAX_PAGES)
            nb_error_set(err, NB_ERR_LIMIT, NULL, 0, 0,
                         "the PDF would need more than %d pages, the most nianbao typesets",
                         LAY_MAX_PAGES);
        else if (L.too_long)
            nb_error_set(err, NB_ERR_LIMIT, NULL, 0, 0,
                         "the PDF would need more pages than the limit of %zu (raise it with "
                         "--max-pages, up to %d)",
                         L.max_pages, LAY_MAX_PAGES);
        else
            nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory laying out the document");
        return -1;
    }
    return 0;
}

void layout_free(nb_pageset *ps)
{
    if (!ps) return;
    for (size_t i = 0; ps->pages && i < ps->npages; i++)
        free(ps->pages[i].runs), free(ps->pages[i].rules);
    free(ps->pages);
    free(ps->outlines);
    if (ps->storage) {
        nb_arena_free(ps->storage);
        free(ps->storage);
    }
    memset(ps, 0, sizeof *ps);
}
