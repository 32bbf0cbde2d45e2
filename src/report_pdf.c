/*
 * report_pdf.c — the report as PDF/A: its document tree into layout blocks, the layout into
 * pages, the pages into a file.
 *
 * Must not: parse or compute; it only hands what the stages produced to layout.c and pdf.c.
 */
#include "report.h"

#include "error.h"
#include "font.h"
#include "layout.h"
#include "parse.h"
#include "text.h"
#include "pdf.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static lay_kind kind_of(nb_block_kind k)
{
    switch (k) {
    case NB_BLOCK_TITLE:
        return LAY_TITLE;
    case NB_BLOCK_SUBTITLE:
        return LAY_SUBTITLE;
    case NB_BLOCK_HEADING:
        return LAY_HEADING;
    case NB_BLOCK_SIGNATURE:
        return LAY_SIGNATURE;
    case NB_BLOCK_DATE:
        return LAY_DATE;
    case NB_BLOCK_ATTACHMENT:
        return LAY_ATTACHMENT_LABEL;
    case NB_BLOCK_ATTACHMENT_TITLE:
        return LAY_ATTACHMENT_TITLE;
    case NB_BLOCK_TABLE_TITLE:
        return LAY_TABLE_TITLE;
    case NB_BLOCK_TABLE:
        return LAY_TABLE;
    case NB_BLOCK_NOTE:
        return LAY_NOTE;
    case NB_BLOCK_PARAGRAPH:
    case NB_BLOCK_LIST_ITEM:
    case NB_BLOCK_FUSED_TABLE: /* set as text, every character kept */
        break;
    }
    return LAY_PARAGRAPH;
}

static bool value_text(const char *s)
{
    size_t len = strlen(s);
    return nb_numeral_is_figure(s, len) || strcmp(s, "—") == 0 || strcmp(s, "——") == 0 ||
           strcmp(s, "-") == 0 || strcmp(s, "/") == 0;
}

/* Wider than this, a table is no grid a page can hold (a cell-per-line table whose values of
 * several rows ran together): it is set as label | values, the values joined by spaces. */
#define MAX_GRID_COLUMNS 16

static lay_table *two_columns(nb_arena *a, const nb_table *t, lay_table *lt)
{
    lt->ncols = 2;
    lay_cell *cells = nb_arena_alloc(a, (lt->nrows * 2 + 1) * sizeof *cells);
    if (!cells) return NULL;
    for (size_t r = 0; r < t->nrows; r++) {
        const nb_row *row = &t->rows[r];
        size_t len = 0;
        for (size_t c = 1; c < row->ncells; c++) len += strlen(row->cells[c].text) + 1;
        char *joined = nb_arena_alloc(a, len + 1);
        if (!joined) return NULL;
        for (size_t c = 1, n = 0; c < row->ncells; c++) {
            size_t l = strlen(row->cells[c].text);
            if (n) joined[n++] = ' ';
            memcpy(joined + n, row->cells[c].text, l);
            n += l;
        }
        cells[2 * r].text = row->ncells ? row->cells[0].text : "";
        cells[2 * r + 1].text = joined;
        cells[2 * r].line = cells[2 * r + 1].line = row->line;
    }
    lt->cells = cells;
    return lt;
}

/* A table of the document as a full grid (short rows padded with empty cells). */
/* Whether row r starts a run of rows under a group label (its group differs from the row's
 * before). */
static bool group_starts(const nb_table *t, size_t r)
{
    const char *g = t->rows[r].group;
    if (!g || !g[0]) return false;
    return r == 0 || !t->rows[r - 1].group || strcmp(t->rows[r - 1].group, g) != 0;
}

static lay_table *grid_of(nb_arena *a, const nb_table *t)
{
    lay_table *lt = nb_arena_alloc(a, sizeof *lt);
    if (!lt) return NULL;
    lt->nrows = t->nrows;
    if (t->ncols > MAX_GRID_COLUMNS) return two_columns(a, t, lt);
    lt->ncols = t->ncols ? t->ncols : 1;
    /* a group label printed beside its rows (a side column the reader took apart) is set as a
     * row of its own above them: every character of the table reaches the page */
    size_t groups = 0;
    for (size_t r = 0; r < t->nrows; r++) groups += group_starts(t, r);
    lt->nrows = t->nrows + groups;
    lay_cell *cells = nb_arena_alloc(a, (lt->nrows * lt->ncols + 1) * sizeof *cells);
    if (!cells) return NULL;
    size_t out = 0;
    for (size_t r = 0; r < t->nrows; r++, out++) {
        if (group_starts(t, r)) {
            for (size_t c = 0; c < lt->ncols; c++)
                cells[out * lt->ncols + c] =
                    (lay_cell){.text = c ? "" : t->rows[r].group, .line = t->rows[r].line};
            out++;
        }
        if (t->rows[r].header && out == lt->header_rows) lt->header_rows++;
        for (size_t c = 0; c < lt->ncols; c++) {
            lay_cell *cell = &cells[out * lt->ncols + c];
            cell->text = c < t->rows[r].ncells ? t->rows[r].cells[c].text : "";
            cell->line = c < t->rows[r].ncells && t->rows[r].cells[c].line
                             ? t->rows[r].cells[c].line
                             : t->rows[r].line;
            cell->numeric = c > 0 && value_text(cell->text);
        }
    }
    lt->cells = cells;
    return lt;
}

/* A title or agency as the PDF's metadata may hold it (PDF/A-1: the Info entry and the XMP
 * must agree, and XML 1.0 has no control characters): control characters and the
 * noncharacters U+FFFE, U+FFFF, U+FDD0–U+FDEF dropped; a character above U+FFFF (which a
 * page's fonts cannot hold) written 〓 and warned, as in the text. NULL when out of memory. */
static const char *metadata_text(void *storage, const char *s, size_t line, lay_warnings *w)
{
    size_t len = s ? strlen(s) : 0, n = 0, adv;
    char *out = nb_arena_alloc(storage, len + 1);
    if (!out) return NULL;
    for (size_t i = 0; i < len; i += adv) {
        int32_t c = nb_utf8_decode((const unsigned char *)s + i, len - i, &adv);
        uint32_t cp = c < 0 ? 0xFFFD : (uint32_t)c;
        uint32_t put = nb_pdf_text_char(cp);
        if (!put) continue;
        if (put != cp) { /* above U+FFFF */
            bool seen = false;
            for (size_t k = 0; k < w->n && !seen; k++)
                seen = w->items[k].line == line && w->items[k].cp == cp;
            lay_warning *items = seen ? w->items : realloc(w->items, (w->n + 1) * sizeof *items);
            if (!items) return NULL;
            if (!seen) w->items = items, w->items[w->n++] = (lay_warning){line, cp};
        }
        n += nb_utf8_encode(put, out + n);
    }
    out[n] = '\0';
    return out;
}

int report_layout(const nb_report *r, nb_fontset *fs, size_t max_pages, lay_page_fn sink,
                  void *sink_ctx, nb_pageset *ps, lay_warnings *w, nb_error *err)
{
    const nb_doc *d = &r->doc;
    nb_arena arena = {0};
    lay_block *blocks = nb_arena_alloc(&arena, (d->nblocks + 1) * sizeof *blocks);
    size_t n = 0;
    for (size_t i = 0; blocks && i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        lay_block *lb = &blocks[n++];
        lb->kind = kind_of(b->kind);
        lb->level = b->level;
        lb->marker = b->marker && b->marker[0] ? b->marker : NULL;
        lb->text = b->text;
        /* a run-in heading's title left its closing 。 out; the page keeps every character */
        if (b->kind == NB_BLOCK_HEADING && b->runin) {
            char *s = nb_arena_alloc(&arena, b->len + 4);
            if (!s) {
                blocks = NULL;
                break;
            }
            memcpy(s, b->text, b->len);
            memcpy(s + b->len, "。", 4);
            lb->text = s;
        }
        lb->line = b->line_first;
        if (b->kind == NB_BLOCK_TABLE && !(lb->table = grid_of(&arena, &d->tables[b->table])))
            blocks = NULL;
    }
    if (!blocks) {
        nb_arena_free(&arena);
        nb_error_set(err, NB_ERR_NOMEM, r->file, 0, 0, "out of memory typesetting");
        return -1;
    }
    nb_metrics m = nb_fontset_metrics(fs);
    int rc = layout_document(blocks, n, &m, max_pages, sink, sink_ctx, ps, w, err);
    nb_arena_free(&arena);
    if (rc != 0) return -1;
    ps->title = metadata_text(ps->storage, d->title, d->title_line, w);
    ps->author = metadata_text(ps->storage, d->agency, d->agency_line, w);
    if (!ps->title || !ps->author) {
        layout_free(ps);
        nb_error_set(err, NB_ERR_NOMEM, r->file, 0, 0, "out of memory typesetting");
        return -1;
    }
    ps->subject = "政府信息公开工作年度报告";
    ps->id_seed = text_fnv1a(TEXT_FNV_BASIS, r->text.utf8 ? r->text.utf8 : "", r->text.len);
    return 0;
}

static int add_page(void *ctx, const nb_page *page)
{
    return nb_pdf_add_page(ctx, page);
}

int nb_report_write_pdf(nb_report *r, const char *path, const nb_pdf_options *opt, nb_error *err)
{
    nb_pdf_options defaults = {0};
    if (!opt) opt = &defaults;
    /* (a shared font set is only read here: measured and subset, never changed) */
    nb_fontset *own =
        opt->fonts ? NULL : nb_fontset_open(opt->fonts_dir, opt->body_font, opt->heading_font, err);
    nb_fontset *fs = own ? own : (nb_fontset *)opt->fonts;
    if (!fs) return -1;
    /* each page is written as soon as it is laid out: the file is put under its name only
     * when it is whole, and given up on any error */
    nb_pdf *pdf = nb_pdf_open(fs, path, err);
    if (!pdf) {
        nb_fontset_free(own);
        return -1;
    }
    nb_pageset ps;
    lay_warnings w;
    int rc = report_layout(r, fs, opt->max_pages, add_page, pdf, &ps, &w, err);
    if (rc != 0) {
        nb_pdf_error(pdf, err); /* (when the writer stopped the layout, its reason) */
        nb_pdf_abort(pdf);
        if (!err->file[0]) snprintf(err->file, sizeof err->file, "%s", r->file);
    } else {
        for (size_t i = 0; opt->warn && i < w.n; i++) {
            char msg[200], ch[8] = "";
            size_t k = nb_utf8_encode(w.items[i].cp, ch);
            ch[k] = '\0';
            snprintf(msg, sizeof msg, "no font can draw U+%04X %s%s; it is drawn as 〓",
                     (unsigned)w.items[i].cp, ch,
                     w.items[i].cp > 0xFFFF ? " (above U+FFFF, which a page's fonts cannot hold)"
                                            : "");
            opt->warn(opt->warn_ctx, r->file, w.items[i].line, msg);
        }
        ps.creation_time = opt->creation_time || opt->creation_time_set ? opt->creation_time
                                                                        : (long long)time(NULL);
        size_t pages = nb_pdf_page_count(pdf);
        rc = nb_pdf_close(pdf, &ps, err);
        if (rc == 0) r->pdf_pages = pages;
        if (rc != 0 && !err->file[0]) snprintf(err->file, sizeof err->file, "%s", path);
        layout_free(&ps);
        free(w.items);
    }
    nb_fontset_free(own);
    return rc;
}

size_t nb_report_pdf_pages(const nb_report *r)
{
    return r->pdf_pages;
}
