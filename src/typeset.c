/*
 * typeset.c — the public typesetting interface (nianbao.h's nb_typeset_*): blocks and tables
 * handed in one by one, copied, then laid out (layout.c) and written page by page (pdf.c) when
 * the document is closed. The report's PDF renderer (report_pdf.c) is one caller of it.
 *
 * Owns: the copies of what was handed in, the font set when the caller shares none, the
 * typesetting rules that need no knowledge of a report (which cells are figures, set right;
 * what of a title or agency the PDF's metadata may hold). Must not: read a report.
 */
#include "typeset.h"

#include "doc.h"
#include "error.h"
#include "font.h"
#include "layout.h"
#include "numeral.h"
#include "pdf.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

struct nb_typeset {
    nb_arena arena; /* the copies of texts, markers and cells */
    lay_block *blocks;
    size_t n, cap;
    const nb_fontset *fonts;
    nb_fontset *own; /* opened here when the caller shared none */
    nb_pdf *pdf;     /* NULL when only laid out (typeset_new) */
    char *source;    /* the input's name, for warnings and errors */
    char *path;      /* the PDF's */
    size_t max_pages;
    const char *title, *author, *subject;
    size_t title_line, author_line;
    uint64_t id_seed;
    void (*warn)(void *ctx, const char *file, size_t line, const char *message);
    void *warn_ctx;
    long long creation_time;
    bool zh;     /* warnings in Chinese */
    bool failed; /* a block or table could not be taken: close fails */
    nb_code fail_code;
};

nb_typeset *typeset_new(const nb_fontset *fonts, const char *source, size_t max_pages)
{
    nb_typeset *ts = calloc(1, sizeof *ts);
    if (!ts) return NULL;
    ts->fonts = fonts;
    ts->max_pages = max_pages;
    ts->source = strdup(source ? source : "");
    ts->title = ts->author = "";
    if (!ts->source) {
        free(ts);
        return NULL;
    }
    return ts;
}

void typeset_free(nb_typeset *ts)
{
    if (!ts) return;
    if (ts->pdf) nb_pdf_abort(ts->pdf);
    nb_fontset_free(ts->own);
    nb_arena_free(&ts->arena);
    free(ts->blocks);
    free(ts->source);
    free(ts->path);
    free(ts);
}

nb_typeset *nb_typeset_open(const char *path, const char *source, const nb_pdf_options *opt,
                            nb_error *err)
{
    nb_pdf_options defaults = {0};
    if (!opt) opt = &defaults;
    if (!source) source = path;
    /* (a shared font set is only read here: measured and subset, never changed) */
    nb_fontset *own =
        opt->fonts ? NULL : nb_fontset_open(opt->fonts_dir, opt->body_font, opt->heading_font, err);
    if (!opt->fonts && !own) return NULL;
    nb_typeset *ts = typeset_new(own ? own : opt->fonts, source, opt->max_pages);
    if (!ts) {
        nb_fontset_free(own);
        nb_error_set(err, NB_ERR_NOMEM, source, 0, 0, "out of memory typesetting");
        return NULL;
    }
    ts->own = own;
    ts->warn = opt->warn;
    ts->warn_ctx = opt->warn_ctx;
    ts->zh = opt->lang && strcmp(opt->lang, "zh") == 0;
    ts->creation_time =
        opt->creation_time || opt->creation_time_set ? opt->creation_time : (long long)time(NULL);
    /* the file is started now (an unwritable place fails here), each page written as soon as it
     * is laid out, and the file put under its name only when it is whole */
    if (!(ts->path = strdup(path ? path : ""))) {
        typeset_free(ts);
        nb_error_set(err, NB_ERR_NOMEM, source, 0, 0, "out of memory typesetting");
        return NULL;
    }
    if (!(ts->pdf = nb_pdf_open(ts->fonts, path, err))) {
        typeset_free(ts);
        return NULL;
    }
    return ts;
}

static int refuse(nb_typeset *ts, nb_code code)
{
    if (!ts->failed) ts->failed = true, ts->fail_code = code;
    return -1;
}

static lay_block *next_block(nb_typeset *ts)
{
    if (ts->n == ts->cap) {
        size_t cap = ts->cap ? 2 * ts->cap : 64;
        lay_block *b = realloc(ts->blocks, cap * sizeof *b);
        if (!b) return NULL;
        ts->blocks = b, ts->cap = cap;
    }
    lay_block *b = &ts->blocks[ts->n];
    memset(b, 0, sizeof *b);
    return b;
}

static const char *copy(nb_typeset *ts, const char *s)
{
    return nb_arena_strndup(&ts->arena, s, strlen(s));
}

static bool kind_of(nb_block_kind k, lay_kind *out)
{
    static const struct {
        nb_block_kind from;
        lay_kind to;
    } map[] = {
        {NB_BLOCK_TITLE, LAY_TITLE},
        {NB_BLOCK_SUBTITLE, LAY_SUBTITLE},
        {NB_BLOCK_HEADING, LAY_HEADING},
        {NB_BLOCK_PARAGRAPH, LAY_PARAGRAPH},
        {NB_BLOCK_LIST_ITEM, LAY_PARAGRAPH},
        {NB_BLOCK_FUSED_TABLE, LAY_PARAGRAPH}, /* set as text, every character kept */
        {NB_BLOCK_SIGNATURE, LAY_SIGNATURE},
        {NB_BLOCK_DATE, LAY_DATE},
        {NB_BLOCK_ATTACHMENT, LAY_ATTACHMENT_LABEL},
        {NB_BLOCK_ATTACHMENT_TITLE, LAY_ATTACHMENT_TITLE},
        {NB_BLOCK_TABLE_TITLE, LAY_TABLE_TITLE},
        {NB_BLOCK_NOTE, LAY_NOTE},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (map[i].from == k) return *out = map[i].to, true;
    return false;
}

/* The words a title's lines are broken between (layout_title_breaks): those of the reports'
 * own titles, 政府信息公开工作年度报告 and its variants, and of the names of the agencies that
 * write them. The typesetter's, not a form's: a title is broken the same whatever form the
 * tables follow, and a document that is no report is typeset by the same rules. A place name
 * (淮安市, 洪泽区) needs no entry: the agency words after it make the seam. */
static const char *const TITLE_WORDS[] = {"政府信息公开",
                                          "政务公开",
                                          "信息公开",
                                          "工作",
                                          "年度报告",
                                          "年度",
                                          "报告",
                                          "人民政府",
                                          "办公室",
                                          "办公厅",
                                          "委员会",
                                          "管理委员会",
                                          "管委会",
                                          "常务委员会",
                                          "人民代表大会",
                                          "人民法院",
                                          "人民检察院",
                                          "街道办事处",
                                          "办事处",
                                          "管理局",
                                          "监督管理局",
                                          "开发区",
                                          "经济技术开发区",
                                          "高新技术产业开发区",
                                          "综合实验区",
                                          "实验区",
                                          "新区",
                                          "科学技术",
                                          "发展和改革",
                                          "工业和信息化",
                                          "生态环境",
                                          "自然资源",
                                          "住房和城乡建设",
                                          "人力资源和社会保障",
                                          "市场监督",
                                          "交通运输",
                                          "农业农村",
                                          "卫生健康",
                                          "应急管理",
                                          "退役军人事务",
                                          "医疗保障",
                                          "教育",
                                          "公安",
                                          "民政",
                                          "司法",
                                          "财政",
                                          "审计",
                                          "统计",
                                          "商务",
                                          "水务",
                                          "林业",
                                          "体育",
                                          "环境保护",
                                          "环保局",
                                          "科委",
                                          "教育厅",
                                          "教育局",
                                          "公安局",
                                          "财政局",
                                          "民政局",
                                          "司法局",
                                          "审计局",
                                          "统计局",
                                          "商务局",
                                          "水务局",
                                          "林业局",
                                          "体育局",
                                          "厅",
                                          "局"};

int nb_typeset_block(nb_typeset *ts, nb_block_kind kind, int level, const char *marker,
                     const char *text, size_t line)
{
    lay_kind lk;
    if (!ts) return -1;
    if (!kind_of(kind, &lk) || !text || (kind == NB_BLOCK_HEADING && (level < 1 || level > 4)))
        return refuse(ts, NB_ERR_USAGE);
    lay_block *b = next_block(ts);
    if (!b) return refuse(ts, NB_ERR_NOMEM);
    b->kind = lk;
    b->level = kind == NB_BLOCK_HEADING ? level : 0;
    b->marker = marker && marker[0] ? copy(ts, marker) : NULL;
    b->text = copy(ts, text);
    b->line = line;
    if (lk == LAY_TITLE || lk == LAY_ATTACHMENT_TITLE) {
        b->words = TITLE_WORDS;
        b->nwords = sizeof TITLE_WORDS / sizeof TITLE_WORDS[0];
    }
    if (!b->text || (marker && marker[0] && !b->marker)) return refuse(ts, NB_ERR_NOMEM);
    ts->n++;
    return 0;
}

/* A cell set right as a figure: after the first column, a number or a dash standing for none. */
static bool figure_cell(const char *s)
{
    return nb_numeral_is_figure(s, strlen(s)) || strcmp(s, "—") == 0 || strcmp(s, "——") == 0 ||
           strcmp(s, "-") == 0 || strcmp(s, "/") == 0;
}

int nb_typeset_table(nb_typeset *ts, size_t rows, size_t columns, size_t header_rows,
                     const nb_typeset_cell *cells, size_t line)
{
    if (!ts) return -1;
    if (!columns || header_rows > rows || (rows && !cells) || rows > SIZE_MAX / columns - 1)
        return refuse(ts, NB_ERR_USAGE);
    lay_block *b = next_block(ts);
    lay_table *t = nb_arena_alloc(&ts->arena, sizeof *t);
    lay_cell *lc = nb_arena_alloc(&ts->arena, (rows * columns + 1) * sizeof *lc);
    /* the header cells under a cell above that spans rows down over them (each column: the
     * last header row such a cell reaches) */
    size_t *below = header_rows ? nb_arena_alloc(&ts->arena, columns * sizeof *below) : NULL;
    if (!b || !t || !lc || (header_rows && !below)) return refuse(ts, NB_ERR_NOMEM);
    for (size_t c = 0; c < columns && below; c++) below[c] = 0;
    size_t covered_to = 0; /* the cells of a row before this are under a span */
    for (size_t i = 0; i < rows * columns; i++) {
        const char *s = cells[i].text ? cells[i].text : "";
        size_t c = i % columns, r = i / columns, span = cells[i].columns > 1 ? cells[i].columns : 1,
               down = r < header_rows && cells[i].rows > 1 ? cells[i].rows : 1;
        if (down > LAY_MAX_RSPAN) down = LAY_MAX_RSPAN;
        if (c == 0) covered_to = 0;
        span = c + span <= columns ? span : columns - c;
        for (size_t k = c + 1; r < header_rows && k < c + span; k++)
            if (below[k] > r) span = k - c; /* (a span ends where one from above comes down) */
        down = r + down <= header_rows ? down : r < header_rows ? header_rows - r : 1;
        bool under = c < covered_to || (r < header_rows && below[c] > r);
        if (under && s[0]) return refuse(ts, NB_ERR_USAGE); /* text under a span */
        if (!under) covered_to = c + span;
        for (size_t k = c; !under && down > 1 && k < c + span; k++) below[k] = r + down;
        lc[i] = (lay_cell){.text = s[0] ? copy(ts, s) : "",
                           .line = cells[i].line,
                           .numeric = c > 0 && span == 1 && figure_cell(s),
                           .span = under ? 1 : span,
                           .rspan = under ? 1 : down};
        if (!lc[i].text) return refuse(ts, NB_ERR_NOMEM);
    }
    /* a first column empty in every row is no label column: left out, the others set alike */
    bool labels = columns < 2;
    for (size_t r = 0; !labels && r < rows; r++)
        labels = lc[r * columns].text[0] || lc[r * columns].span > 1;
    if (!labels && rows) {
        for (size_t i = 0, o = 0; i < rows * columns; i++)
            if (i % columns) lc[o++] = lc[i];
        columns--;
    }
    *t = (lay_table){.nrows = rows,
                     .ncols = columns,
                     .header_rows = header_rows,
                     .cells = lc,
                     .no_label = !labels && rows};
    b->kind = LAY_TABLE;
    b->text = "";
    b->line = line;
    b->table = t;
    ts->n++;
    return 0;
}

int nb_typeset_metadata(nb_typeset *ts, const char *title, size_t title_line, const char *author,
                        size_t author_line, const char *subject, uint64_t id_seed)
{
    if (!ts) return -1;
    const char *t = copy(ts, title ? title : ""), *a = copy(ts, author ? author : "");
    const char *s = subject ? copy(ts, subject) : NULL;
    if (!t || !a || (subject && !s)) return refuse(ts, NB_ERR_NOMEM);
    ts->title = t, ts->author = a, ts->subject = s;
    ts->title_line = title_line, ts->author_line = author_line;
    ts->id_seed = id_seed;
    return 0;
}

/* A title or agency as the PDF's metadata may hold it (PDF/A-1: the Info entry and the XMP
 * must agree, and XML 1.0 has no control characters): control characters and the
 * noncharacters U+FFFE, U+FFFF, U+FDD0–U+FDEF dropped; a character above U+FFFF (which a
 * page's fonts cannot hold) written 〓 and warned, as in the text. NULL when out of memory. */
static const char *metadata_text(void *storage, const char *s, size_t line, lay_warnings *w)
{
    size_t len = strlen(s), n = 0, adv;
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

static int add_page(void *ctx, const nb_page *page)
{
    return nb_pdf_add_page(ctx, page);
}

int typeset_pages(nb_typeset *ts, nb_pageset *ps, lay_warnings *w, nb_error *err)
{
    if (ts->failed) {
        memset(ps, 0, sizeof *ps);
        memset(w, 0, sizeof *w);
        nb_error_set(err, ts->fail_code, ts->source, 0, 0,
                     ts->fail_code == NB_ERR_NOMEM ? "out of memory typesetting"
                                                   : "a block or table handed to the typesetter "
                                                     "was not valid");
        return -1;
    }
    nb_metrics m = nb_fontset_metrics((nb_fontset *)ts->fonts);
    for (size_t i = 0; i < ts->n; i++) /* (the agency is known once the metadata is in) */
        if (ts->blocks[i].words) ts->blocks[i].agency = ts->author;
    if (layout_document(ts->blocks, ts->n, &m, ts->max_pages, ts->pdf ? add_page : NULL, ts->pdf,
                        ps, w, err) != 0)
        return -1;
    ps->title = metadata_text(ps->storage, ts->title, ts->title_line, w);
    ps->author = metadata_text(ps->storage, ts->author, ts->author_line, w);
    if (!ps->title || !ps->author) {
        layout_free(ps);
        free(w->items);
        nb_error_set(err, NB_ERR_NOMEM, ts->source, 0, 0, "out of memory typesetting");
        return -1;
    }
    ps->subject = ts->subject;
    ps->id_seed = ts->id_seed;
    return 0;
}

int nb_typeset_close(nb_typeset *ts, size_t *pages, nb_error *err)
{
    if (pages) *pages = 0;
    if (!ts) {
        nb_error_set(err, NB_ERR_USAGE, "", 0, 0, "no document to typeset");
        return -1;
    }
    nb_pageset ps;
    lay_warnings w;
    err->file[0] = '\0';
    int rc = typeset_pages(ts, &ps, &w, err);
    if (rc != 0) {
        if (ts->pdf) nb_pdf_error(ts->pdf, err); /* (when the writer stopped the layout, why) */
        if (!err->file[0]) snprintf(err->file, sizeof err->file, "%s", ts->source);
        typeset_free(ts);
        return -1;
    }
    for (size_t i = 0; ts->warn && i < w.n; i++) {
        char en[240], zh[320], ch[8] = "";
        ch[nb_utf8_encode(w.items[i].cp, ch)] = '\0';
        if (w.items[i].cp > 0xFFFF)
            nb_message_format(en, sizeof en, zh, sizeof zh,
                              "no font can draw U+%04X %s (above U+FFFF, which a page's fonts "
                              "cannot hold); it is drawn as 〓",
                              (unsigned)w.items[i].cp, ch);
        else
            nb_message_format(en, sizeof en, zh, sizeof zh,
                              "no font can draw U+%04X %s; it is drawn as 〓",
                              (unsigned)w.items[i].cp, ch);
        ts->warn(ts->warn_ctx, ts->source, w.items[i].line, ts->zh ? zh : en);
    }
    ps.creation_time = ts->creation_time;
    size_t n = nb_pdf_page_count(ts->pdf);
    err->file[0] = '\0';
    rc = nb_pdf_close(ts->pdf, &ps, err);
    ts->pdf = NULL;
    if (rc != 0 && !err->file[0]) snprintf(err->file, sizeof err->file, "%s", ts->path);
    if (rc == 0 && pages) *pages = n;
    layout_free(&ps);
    free(w.items);
    typeset_free(ts);
    return rc;
}

void nb_typeset_abort(nb_typeset *ts)
{
    typeset_free(ts);
}
