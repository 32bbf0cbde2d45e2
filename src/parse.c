/*
 * parse.c — classifying lines and building the document tree.
 *
 * Three passes over the lines: classify each line alone (what it looks like); decide from
 * context which heading-like lines are headings (numbering order, what follows them); then
 * walk the lines building blocks, handing table regions to table.c and rejoining wrapped
 * lines into paragraphs. Title, agency, year and signature date are read off the blocks last.
 *
 * Must not: know form semantics. Any text parses; only memory exhaustion fails.
 */
#include "parse.h"

#include "error.h"
#include "flat.h"
#include "lines.h"
#include "numeral.h"
#include "table.h"
#include "text.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- which heading-like lines are headings ----------------------------------------------- */

static size_t next_nonblank(const nb_line *lines, size_t n, size_t i)
{
    for (i++; i < n; i++)
        if (lines[i].kind != NB_LINE_BLANK && lines[i].kind != NB_LINE_FOOTER) return i;
    return n;
}

static bool is_standard_title(const nb_vocab *v, const char *s, size_t len)
{
    return v && vocab_contains_any(v, s, len, &v->sections);
}

/* What follows a heading-like line: 2 when a lone value (it labels a row of a cell-per-line
 * table), 1 when table rows (it may title the table), 0 otherwise. */
/* The first field of a line (up to a space) is a value. */
static bool starts_with_value(const nb_line *l)
{
    size_t k = 0;
    while (k < l->len && l->s[k] != ' ') k++;
    return nb_numeral_is_figure(l->s, k) || nb_numeral_cell(l->s, k, NULL) == NB_CELL_ZERO;
}

static int followed_by_values(const nb_line *lines, size_t n, size_t i)
{
    size_t j = next_nonblank(lines, n, i);
    if (j == n) return 0;
    /* one cell per line: the rest of a wrapped label (a short piece without a marker) may stand
     * between a row's label and its values */
    if (lines[j].kind == NB_LINE_TEXT && lines[j].width <= 24 &&
        !text_contains(lines[j].s, lines[j].len, "。")) {
        size_t k = next_nonblank(lines, n, j);
        if (k < n && lines[k].kind == NB_LINE_NUMBER) return 2;
    }
    /* one cell per line: a unit (件) or a dash may stand between a row's label and its value */
    for (int skip = 0; skip < 2 && j < n && lines[j].kind == NB_LINE_TEXT &&
                       (nb_numeral_unit(lines[j].s, lines[j].len) != NB_UNIT_NONE ||
                        nb_numeral_cell(lines[j].s, lines[j].len, NULL) == NB_CELL_NOT_APPLICABLE);
         skip++) {
        if (nb_numeral_cell(lines[j].s, lines[j].len, NULL) == NB_CELL_NOT_APPLICABLE) return 2;
        j = next_nonblank(lines, n, j);
    }
    if (j == n) return 0;
    nb_line_kind k = lines[j].kind;
    if (k == NB_LINE_NUMBER) return 2;
    /* pdftotext -layout: a row's values on the next line, far from the left edge, no label */
    if (k == NB_LINE_ALIGNED && lines[j].indent >= 16 && starts_with_value(&lines[j])) return 2;
    return k == NB_LINE_PIPE || k == NB_LINE_MDSEP || k == NB_LINE_TAB || k == NB_LINE_BOXRULE ||
           k == NB_LINE_BOX;
}

static bool preceded_by_value(const nb_line *lines, size_t i)
{
    while (i-- > 0) {
        if (lines[i].kind == NB_LINE_BLANK || lines[i].kind == NB_LINE_FOOTER) continue;
        return lines[i].kind == NB_LINE_NUMBER || lines[i].kind == NB_LINE_ALIGNED;
    }
    return false;
}

static bool strong_within(const nb_line *lines, size_t n, size_t i, int dir)
{
    for (size_t seen = 0, k = i; seen < 8;) {
        if (dir < 0 ? k == 0 : k + 1 >= n) return false;
        k = dir < 0 ? k - 1 : k + 1;
        const nb_line *l = &lines[k];
        if (l->kind == NB_LINE_BLANK || l->kind == NB_LINE_FOOTER) continue;
        if (lines_is_table_strong(l)) return true;
        if (l->kind == NB_LINE_HEADING && l->level == 1) return false;
        seen++;
    }
    return false;
}

/* Between rows of a table (within a few lines of table rows above and below), "1、…" or
 * "（三）不" are pieces of the table's labels, not headings. */
static bool inside_table(const nb_line *lines, size_t n, size_t i)
{
    if (!strong_within(lines, n, i, -1)) return false;
    if (strong_within(lines, n, i, +1)) return true;
    /* the labels left after a cell-per-line table's last values: short pieces follow */
    size_t j = next_nonblank(lines, n, i);
    if (j < n && lines[j].kind == NB_LINE_TEXT && lines[j].width <= 44 &&
        !text_contains(lines[j].s, lines[j].len, "。"))
        return true;
    /* or label lines, none a sentence, up to the next section's heading (a run of rows'
     * labels printed after their numbers: 1.申请人无正当理由逾期不补正…, 2.…, （七）总计) */
    size_t above = i;
    while (above-- > 0 && (lines[above].kind == NB_LINE_BLANK ||
                           lines[above].kind == NB_LINE_FOOTER || lines_is_fragment(&lines[above])))
        ;
    if (above >= n || lines[above].kind != NB_LINE_NUMBER) return false;
    for (size_t seen = 0; j < n && seen < 12; j = next_nonblank(lines, n, j), seen++) {
        const nb_line *l = &lines[j];
        if ((l->kind == NB_LINE_HEADING && l->level == 1 && !text_contains(l->s, l->len, "。")) ||
            l->kind == NB_LINE_NUMBER || l->kind == NB_LINE_TABLE_TITLE)
            return seen > 0;
        if (l->width > 100 || text_contains(l->s, l->len, "。") ||
            (l->kind != NB_LINE_TEXT && l->kind != NB_LINE_HEADING && l->kind != NB_LINE_LIST))
            return false;
    }
    return false;
}

/* A short line that may stand among a one-cell-per-line table's labels: a label piece, a unit,
 * or a label in a heading's dress (一、主动公开情况), no sentence. */
static bool cells_piece(const nb_line *l)
{
    if (l->kind == NB_LINE_HEADING || l->kind == NB_LINE_LIST || l->kind == NB_LINE_TABLE_TITLE)
        return l->width <= 64 && !text_contains(l->s, l->len, "。") &&
               !text_contains(l->s, l->len, "；");
    return lines_is_fragment(l);
}

/* Whether line i stands among the labels of a one-cell-per-line table: a line that is only a
 * number or a unit below it, and above it one too or the heading or title the table starts under,
 * with nothing but label pieces between (pdftotext prints a run of rows' labels before or after
 * their numbers, so the run may be long). */
static bool between_cells(const nb_line *lines, size_t n, size_t i)
{
    for (int dir = -1; dir <= 1; dir += 2) {
        bool found = false;
        for (size_t k = i, seen = 0; seen < 40;) {
            if (dir < 0 ? k == 0 : k + 1 >= n) break;
            k = dir < 0 ? k - 1 : k + 1;
            const nb_line *l = &lines[k];
            if (l->kind == NB_LINE_BLANK || l->kind == NB_LINE_FOOTER) continue;
            /* (a unit on a line of its own, 件 次 人次: a table's unit column) */
            if (l->kind == NB_LINE_NUMBER ||
                (l->kind == NB_LINE_TEXT && l->width <= 4 &&
                 nb_numeral_unit(l->s, l->len) != NB_UNIT_NONE) ||
                (dir < 0 &&
                 ((l->kind == NB_LINE_HEADING && l->accepted) || l->kind == NB_LINE_TABLE_TITLE))) {
                found = true;
                break;
            }
            if (!cells_piece(l) || l->accepted) break;
            seen++;
        }
        if (!found) return false;
    }
    return true;
}

static bool ends_sentence(const nb_line *l)
{
    static const char *const ends[] = {"。", "！", "？", "：", "；", "!", "?", ":", ";", "…"};
    const char *s = l->s;
    size_t len = l->len;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
            size_t n = strlen(ends[k]);
            if (len >= n && memcmp(s + len - n, ends[k], n) == 0) return true;
        }
        /* a closing quote or bracket after the end of a sentence: 。” */
        if (len >= 3 && (memcmp(s + len - 3, "”", 3) == 0 || memcmp(s + len - 3, "」", 3) == 0 ||
                         memcmp(s + len - 3, "）", 3) == 0))
            len -= 3;
        else
            break;
    }
    return false;
}

/* A marker that a wrapped line begins with: the line before stops mid-sentence, wide, and this
 * line is flush left under an indented one or reads on as a sentence (第二十条 /
 * （一）项的规定，…). */
static bool wrapped_marker(const nb_line *lines, size_t i)
{
    size_t p = i;
    while (p > 0 && (lines[p - 1].kind == NB_LINE_BLANK || lines[p - 1].kind == NB_LINE_FOOTER))
        p--;
    if (p == 0 || p != i) return false; /* a blank line before: a new block */
    const nb_line *prev = &lines[p - 1], *l = &lines[i];
    if (prev->kind != NB_LINE_TEXT || prev->width < 40 || ends_sentence(prev)) return false;
    return (prev->indent >= 2 && l->indent < prev->indent) || text_contains(l->s, l->len, "，");
}

/* Whether a standard section title with line i's number and level comes within the next few
 * lines, with only short lines between. */
static bool same_number_follows(const nb_line *lines, size_t n, size_t i, const nb_vocab *vocab)
{
    const nb_line *l = &lines[i];
    for (size_t k = i + 1, seen = 0; k < n && seen < 12; k++) {
        const nb_line *m = &lines[k];
        if (m->kind == NB_LINE_BLANK || m->kind == NB_LINE_FOOTER) continue;
        seen++;
        if (m->kind == NB_LINE_HEADING && m->level == l->level) {
            if (m->ordinal != l->ordinal) return false;
            const char *title = m->s + m->marker_len;
            size_t tlen = m->len - m->marker_len;
            size_t b = text_skip_blanks(title, tlen, NULL);
            if (is_standard_title(vocab, title + b, tlen - b)) return true;
            continue; /* the same label again (wrapped, or a table's own) */
        }
        if (m->width > 64 || text_contains(m->s, m->len, "。")) return false;
    }
    return false;
}

static void accept_headings(nb_line *lines, size_t n, const nb_vocab *vocab)
{
    int last[5] = {0, 0, 0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        nb_line *l = &lines[i];
        if (l->kind != NB_LINE_HEADING) continue;
        const char *title = l->s + l->marker_len;
        size_t tlen = l->len - l->marker_len;
        tlen -= text_skip_blanks(title, tlen, NULL);
        title = l->s + l->len - tlen;
        size_t tw = text_width(title, tlen);
        int k = l->ordinal, lv = l->level;
        bool in_order = k == last[lv] + 1;
        bool standard = lv == 1 && is_standard_title(vocab, title, tlen);
        int follows = followed_by_values(lines, n, i);
        /* a section heading may be followed by its table; a row label in a heading's dress
         * ("一、本年新收…" over a markdown table) is out of the section numbering */
        bool ok = tw >= 4 && (follows != 2 || (standard && in_order)) &&
                  (follows == 0 || standard || (lv == 1 && in_order));
        /* a run-in heading with its sentence (（四）政府信息管理情况。规范…) is no table label */
        bool sentence = text_contains(title, tlen, "。");
        if (ok && lv > 1 && !sentence && (preceded_by_value(lines, i) || inside_table(lines, n, i)))
            ok = false;
        /* a row label in a heading's dress followed shortly by the section heading of the same
         * number (四、结转下年度继续办理 right above 四、政府信息公开行政复议…) */
        if (ok && lv == 1 && !standard && same_number_follows(lines, n, i, vocab)) ok = false;
        /* a group's label among a cell-per-line table's labels (一、主动公开情况) */
        /* a unit on the next line (件, 条) makes it a row: 四、行政复议数量 / 件 / 8 */
        size_t nx = next_nonblank(lines, n, i);
        bool unit_next = nx < n && lines[nx].kind == NB_LINE_TEXT && lines[nx].width <= 4 &&
                         nb_numeral_unit(lines[nx].s, lines[nx].len) != NB_UNIT_NONE;
        if (ok && !sentence && (!standard || !in_order || unit_next) &&
            between_cells(lines, n, i)) {
            ok = false;
            l->cells_label = true;
        }
        if (ok && !standard && wrapped_marker(lines, i)) ok = false;
        /* a short title a little ahead of the numbering is a heading whose predecessor is
         * missing (the checker reports the gap); further ahead, or a sentence, it is not */
        bool skipped = lv == 1 && k > last[lv] && k <= last[lv] + 3 && tw <= 30 &&
                       !text_contains(title, tlen, "，") && !text_contains(title, tlen, "。");
        if (ok)
            ok = in_order || standard || skipped || (k == 1 && !text_contains(title, tlen, "，"));
        if (!ok) {
            l->kind = NB_LINE_TEXT;
            continue;
        }
        l->accepted = true;
        last[lv] = k;
        for (int deeper = lv + 1; deeper <= 4; deeper++) last[deeper] = 0;
    }
}

/* ---- building blocks --------------------------------------------------------------------- */

typedef struct builder {
    nb_doc *doc;
    const nb_line *lines;
    size_t n;
    size_t cap_blocks, cap_tables;
    long section[5];   /* the open heading block at each level, -1 when none */
    long open;         /* the paragraph-like block that wrapped lines may join, -1 when none */
    size_t open_line;  /* index of the last line joined into it */
    size_t join_width; /* a line at least this wide may be continued by the next */
    bool indented;     /* paragraphs start with an indent (pdftotext -layout) */
    /* The block that grows by appends (a paragraph of rejoined lines) keeps spare room, so
     * that joining n lines costs O(n), not O(n^2). */
    long growing;
    size_t growing_text_cap, growing_pieces_cap;
    parse_limits lim;
    size_t headings;
    const nb_vocab *vocab;
    nb_error *err;
    const char *label_title; /* the 标题： of a crawl's header */
    size_t label_title_line;
} builder;

/* How wide a line must be for the next line to continue its paragraph: in text wrapped at a
 * fixed width (pdftotext), most lines cluster just under that width; elsewhere lines are whole
 * paragraphs and only a long unfinished line is continued (OCR output breaks some). */
static void measure_wrapping(builder *b)
{
    size_t hist[257] = {0}, total = 0;
    size_t indented = 0, flush = 0;
    for (size_t i = 0; i < b->n; i++) {
        const nb_line *l = &b->lines[i];
        if (l->kind != NB_LINE_TEXT && l->kind != NB_LINE_LIST && l->kind != NB_LINE_HEADING)
            continue;
        if (l->indent >= 2)
            indented++;
        else
            flush++;
        if (l->width < 30) continue;
        hist[l->width > 256 ? 256 : l->width]++;
        total++;
    }
    size_t best = 0, best_w = 0;
    for (size_t w = 30; w < 256; w++) {
        size_t c = 0;
        for (size_t k = w - 7; k <= w; k++) c += hist[k];
        if (c > best) best = c, best_w = w;
    }
    bool wrapped = best >= 3 && best * 10 >= total * 3;
    /* too few long lines to measure (a short document): a line of 40 columns or more that stops
     * mid-sentence is continued by the next */
    b->join_width = wrapped ? best_w - 10 : 40;
    b->indented = wrapped && indented >= 3 && flush >= 3;
}

static nb_block *add_block(builder *b, nb_block_kind kind, const nb_line *l)
{
    if (kind == NB_BLOCK_HEADING && b->lim.headings && ++b->headings > b->lim.headings) {
        nb_error_set(b->err, NB_ERR_LIMIT, NULL, l ? l->lineno : 0, 0,
                     "more than %zu headings, the limit (raise it with --max-headings)",
                     b->lim.headings);
        return NULL;
    }
    nb_block *blk = nb_doc_add_block(b->doc, &b->cap_blocks);
    if (!blk) {
        nb_error_set(b->err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while parsing");
        return NULL;
    }
    blk->kind = kind;
    blk->marker = "";
    blk->text = "";
    blk->line_first = blk->line_last = l ? l->lineno : 0;
    blk->parent = -1;
    for (int lv = 4; lv >= 1; lv--)
        if (b->section[lv] >= 0) {
            blk->parent = b->section[lv];
            break;
        }
    return blk;
}

/* Sets a block's text to s[0..len) from line `lineno`, or appends it as a new piece. A block
 * keeps pieces only from its second line on: without any, all of it is on line_first (most
 * blocks are one line, and a piece array of their own was 32 bytes each). */
static int block_append(builder *b, nb_block *blk, const char *s, size_t len, size_t lineno)
{
    long idx = (long)(blk - b->doc->blocks);
    size_t old = blk->len;
    size_t last_line = blk->npieces ? blk->pieces[blk->npieces - 1].line : blk->line_first;
    /* (pieces of one run-together line (flat.h) joined again stay one piece of that line) */
    size_t add = lineno == last_line ? 0 : blk->npieces ? 1 : 2;
    if (idx != b->growing) b->growing_text_cap = b->growing_pieces_cap = 0;
    if (old + len + 1 > b->growing_text_cap) {
        /* a block's first line at its size (most blocks have one), doubling after that */
        size_t tcap = (old ? 2 : 1) * (old + len + 1);
        char *t = nb_arena_alloc(&b->doc->arena, tcap);
        if (!t) goto nomem;
        memcpy(t, blk->text, old);
        blk->text = t;
        b->growing_text_cap = tcap;
    }
    if (add && blk->npieces + add > b->growing_pieces_cap) {
        size_t pcap = 2 * (blk->npieces + add);
        nb_piece *p = nb_arena_alloc(&b->doc->arena, pcap * sizeof *p);
        if (!p) goto nomem;
        if (blk->npieces) memcpy(p, blk->pieces, blk->npieces * sizeof *p);
        blk->pieces = p;
        b->growing_pieces_cap = pcap;
    }
    b->growing = idx;
    char *t = (char *)blk->text;
    memcpy(t + old, s, len);
    t[old + len] = '\0';
    if (add == 2) blk->pieces[blk->npieces++] = (nb_piece){blk->line_first, 0};
    if (add) blk->pieces[blk->npieces++] = (nb_piece){lineno, old};
    blk->len = old + len;
    blk->line_last = lineno;
    return 0;
nomem:
    nb_error_set(b->err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while parsing");
    return -1;
}

static long block_index(const builder *b, const nb_block *blk)
{
    return (long)(blk - b->doc->blocks);
}

/* Whether line i continues the open paragraph. */
static bool continues(const builder *b, size_t i)
{
    if (b->open < 0) return false;
    const nb_line *prev = &b->lines[b->open_line], *l = &b->lines[i];
    if (l->kind != NB_LINE_TEXT || l->md_heading) return false;
    for (size_t k = b->open_line + 1; k < i; k++)
        if (b->lines[k].kind != NB_LINE_BLANK && b->lines[k].kind != NB_LINE_FOOTER) return false;
    if (ends_sentence(prev) || prev->width < b->join_width) return false;
    return !(b->indented && l->indent >= 2);
}

static int add_text_line(builder *b, size_t i, nb_block_kind kind)
{
    const nb_line *l = &b->lines[i];
    if (kind == NB_BLOCK_PARAGRAPH && continues(b, i)) {
        if (block_append(b, &b->doc->blocks[b->open], l->s, l->len, l->lineno) != 0) return -1;
        b->open_line = i;
        return 0;
    }
    nb_block *blk = add_block(b, kind, l);
    if (!blk || block_append(b, blk, l->s, l->len, l->lineno) != 0) return -1;
    b->open = kind == NB_BLOCK_PARAGRAPH ? block_index(b, blk) : -1;
    b->open_line = i;
    return 0;
}

/* The title of a run-in heading ends at its first 。 when text follows it on the line. */
static size_t runin_split(const char *s, size_t len)
{
    for (size_t i = 0; i + 3 <= len; i++)
        if (memcmp(s + i, "。", 3) == 0) return i + 3 < len ? i + 3 : 0;
    return 0;
}

static int add_heading(builder *b, size_t i)
{
    const nb_line *l = &b->lines[i];
    int lv = l->level;
    for (int deeper = lv; deeper <= 4; deeper++) b->section[deeper] = -1;
    nb_block *blk = add_block(b, NB_BLOCK_HEADING, l);
    if (!blk) return -1;
    blk->level = lv;
    blk->ordinal = l->ordinal;
    blk->marker = nb_arena_strndup(&b->doc->arena, l->s, l->marker_len);
    const char *t = l->s + l->marker_len;
    size_t tlen = l->len - l->marker_len;
    size_t skip = text_skip_blanks(t, tlen, NULL);
    t += skip, tlen -= skip;
    size_t split = runin_split(t, tlen);
    /* the title leaves out the 。 that closes it */
    size_t title = split ? split : tlen;
    if (title >= 3 && memcmp(t + title - 3, "。", 3) == 0) title -= 3;
    if (!blk->marker || block_append(b, blk, t, title, l->lineno) != 0) return -1;
    long idx = block_index(b, blk);
    b->section[lv] = idx;
    b->open = -1;
    if (split) {
        blk->runin = true;
        nb_block *para = add_block(b, NB_BLOCK_PARAGRAPH, l);
        if (!para || block_append(b, para, t + split, tlen - split, l->lineno) != 0) return -1;
        b->open = block_index(b, para);
        b->open_line = i;
    }
    return 0;
}

static int add_list_item(builder *b, size_t i)
{
    const nb_line *l = &b->lines[i];
    nb_block *blk = add_block(b, NB_BLOCK_LIST_ITEM, l);
    if (!blk) return -1;
    blk->ordinal = l->ordinal;
    blk->marker = nb_arena_strndup(&b->doc->arena, l->s, l->marker_len);
    if (!blk->marker ||
        block_append(b, blk, l->s + l->marker_len, l->len - l->marker_len, l->lineno) != 0)
        return -1;
    b->open = block_index(b, blk);
    b->open_line = i;
    return 0;
}

static int add_table(builder *b, size_t first, size_t end)
{
    nb_block *blk = add_block(b, NB_BLOCK_TABLE, &b->lines[first]);
    if (!blk) return -1;
    long idx = block_index(b, blk);
    table_limits tl = {b->lim.table_rows, b->lim.row_cells};
    table_refusal why = {0};
    size_t t = table_build(b->doc, b->lines, first, end, &b->cap_tables, &tl, &why);
    if (t == TABLE_NOMEM) {
        nb_error_set(b->err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while parsing a table");
        return -1;
    }
    if (t == TABLE_REFUSED && why.cells) {
        nb_error_set(b->err, NB_ERR_LIMIT, NULL, why.line, 0,
                     "a table row of %zu cells, more than the limit of %zu (raise it with "
                     "--max-row-cells)",
                     why.count, tl.row_cells);
        return -1;
    }
    if (t == TABLE_REFUSED) {
        nb_error_set(b->err, NB_ERR_LIMIT, NULL, b->lines[first].lineno, 0,
                     "the table that starts here has more than %zu rows, the limit (raise it "
                     "with --max-table-rows)",
                     tl.rows);
        return -1;
    }
    blk = &b->doc->blocks[idx]; /* table_build does not add blocks, but stay safe */
    blk->table = t;
    blk->line_last = b->doc->tables[t].line_last;
    b->doc->tables[t].block = idx;
    b->open = -1;
    return 0;
}

/* A line that starts a table: a strong table line, or a header line (aligned text fields, a
 * demoted heading such as "（一）予以公开" in a cell-per-line table) from which only weak lines
 * lead to a strong one. */
static bool starts_table(const builder *b, size_t i)
{
    const nb_line *l = &b->lines[i];
    if (lines_is_table_strong(l)) return true;
    bool head = l->kind == NB_LINE_ALIGNED_HEAD;
    if (!head && !(lines_is_table_weak(l) && l->kind == NB_LINE_TEXT)) return false;
    if (l->cells_label) return true;
    /* Header text leads to columns of numbers (aligned, or one cell per line) across weak
     * lines only; pipe and box tables carry their own header rows. A cell-per-line table's
     * header may be followed by many of its labels before the first number (their values
     * printed after them): a label known to stand among its cells is reached further on. */
    for (size_t k = i + 1, seen = 0; k < b->n && seen < (head ? 12u : 40u); k++) {
        const nb_line *m = &b->lines[k];
        if ((seen < (head ? 12u : 6u) &&
             (m->kind == NB_LINE_ALIGNED || m->kind == NB_LINE_LABEL_NUMBER ||
              m->kind == NB_LINE_NUMBER)) ||
            m->cells_label)
            return true;
        if (lines_is_table_strong(m) || !lines_is_table_weak(m)) return false;
        if (m->kind != NB_LINE_BLANK && m->kind != NB_LINE_FOOTER) seen++;
    }
    return false;
}

/* A table starts after line i, maybe after a few more short title lines ((2017年度), 填报单位…). */
static bool table_follows(const builder *b, size_t i)
{
    for (int k = 0; k < 4; k++) {
        size_t j = next_nonblank(b->lines, b->n, i);
        if (j >= b->n) return false;
        if (starts_table(b, j)) return true;
        const nb_line *l = &b->lines[j];
        if (l->kind != NB_LINE_TABLE_TITLE &&
            (l->kind != NB_LINE_TEXT || l->width > 60 || ends_sentence(l)))
            return false;
        i = j;
    }
    return false;
}

static int add_line(builder *b, size_t *i)
{
    const nb_line *l = &b->lines[*i];
    switch (l->kind) {
    case NB_LINE_BLANK:
    case NB_LINE_FOOTER:
        return 0;
    case NB_LINE_HEADING:
        return add_heading(b, *i);
    case NB_LINE_LIST:
        return add_list_item(b, *i);
    case NB_LINE_DATE:
        return add_text_line(b, *i, NB_BLOCK_DATE);
    case NB_LINE_ATTACH: {
        if (add_text_line(b, *i, NB_BLOCK_ATTACHMENT) != 0) return -1;
        size_t j = next_nonblank(b->lines, b->n, *i);
        if (j < b->n &&
            (b->lines[j].kind == NB_LINE_TEXT || b->lines[j].kind == NB_LINE_TABLE_TITLE)) {
            *i = j;
            return add_text_line(b, j, NB_BLOCK_ATTACHMENT_TITLE);
        }
        return 0;
    }
    case NB_LINE_NOTE:
        return add_text_line(b, *i, NB_BLOCK_NOTE);
    case NB_LINE_TABLE_TITLE:
        return add_text_line(b, *i, NB_BLOCK_TABLE_TITLE);
    case NB_LINE_FUSED:
        return add_text_line(b, *i, NB_BLOCK_FUSED_TABLE);
    default:
        break;
    }
    if (starts_table(b, *i)) {
        size_t end = table_region_end(b->lines, b->n, *i);
        int rc = add_table(b, *i, end);
        *i = end - 1;
        return rc;
    }
    /* Text: a short line right before a table titles it; otherwise it is prose. */
    if (!continues(b, *i) && l->width <= 60 && !ends_sentence(l) && table_follows(b, *i))
        return add_text_line(b, *i, NB_BLOCK_TABLE_TITLE);
    return add_text_line(b, *i, NB_BLOCK_PARAGRAPH);
}

/* ---- title, agency, year, date ----------------------------------------------------------- */

/* The first lines up to one that says 报告 (at most three) are the title; short lines under it
 * (the agency, a date, (2017年度)) are its subtitle. Returns the index of the first line of the
 * body. */
/* A line of the header a web crawl or an archive writes above a page (标题：…, 发布时间：…,
 * 原文链接：…, ==== 正文 ====): the bytes of its label, 0 when the line is none. */
static size_t crawl_label(const nb_line *l, bool *title)
{
    static const char *const keys[] = {
        "标题",     "標題",     "题目",     "題目",     "发布时间",
        "發布時間", "发布日期", "发文日期", "成文日期", "文号",
        "发文字号", "发布机构", "发文机关", "来源",     "信息来源",
        "栏目",     "所属栏目", "原文链接", "原文地址", "本地目录",
        "索引号",   "主题分类", "网址",     "链接",     "页面链接与图片详见",
        "当前位置", "时间",     "浏览次数", "点击数",   "相关链接"};
    *title = false;
    if (l->kind != NB_LINE_TEXT && l->kind != NB_LINE_LABEL_NUMBER && l->kind != NB_LINE_DATE)
        return 0;
    size_t i = 0;
    while (i < l->len && (l->s[i] == '=' || l->s[i] == '-' || l->s[i] == '*' || l->s[i] == ' '))
        i++;
    if (i >= 3) { /* ==== 正文 ==== */
        size_t j = i;
        if (text_starts_with(l->s + j, l->len - j, "正文")) j += 6;
        while (j < l->len && (l->s[j] == '=' || l->s[j] == '-' || l->s[j] == '*' || l->s[j] == ' '))
            j++;
        return j == l->len ? l->len : 0;
    }
    /* a breadcrumb: 首页>政务公开>… */
    if (text_starts_with(l->s, l->len, "首页") && l->width <= 80 && !ends_sentence(l) &&
        !text_contains(l->s, l->len, "，"))
        return l->len;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        size_t n = strlen(keys[k]);
        if (!text_starts_with(l->s, l->len, keys[k])) continue;
        if (!strcmp(keys[k], "页面链接与图片详见")) return l->len; /* … links.tsv(同目录) */
        size_t j = n + text_skip_blanks(l->s + n, l->len - n, NULL);
        size_t colon = text_starts_with(l->s + j, l->len - j, "：") ? 3
                       : j < l->len && l->s[j] == ':'               ? 1
                                                                    : 0;
        if (!colon) continue;
        *title = k < 4;
        return j + colon;
    }
    return 0;
}

static size_t take_title(builder *b)
{
    size_t i = next_nonblank(b->lines, b->n, (size_t)-1), first = i;
    /* A crawl's header is kept as notes; its 标题 stands for the title if the body has none. */
    long labelled = -1;
    size_t label_len = 0;
    for (size_t k = 0; k < 30 && i < b->n; k++) {
        bool is_title;
        size_t n = crawl_label(&b->lines[i], &is_title);
        if (!n) break;
        if (is_title && labelled < 0) labelled = (long)i, label_len = n;
        if (add_text_line(b, i, NB_BLOCK_NOTE) != 0) return b->n + 1;
        first = i = next_nonblank(b->lines, b->n, i);
    }
    /* A lone word above the title ("正文" left by a converter) is kept as a note. */
    if (i < b->n && b->lines[i].width <= 4 && b->lines[i].kind == NB_LINE_TEXT) {
        if (add_text_line(b, i, NB_BLOCK_NOTE) != 0) return b->n + 1;
        first = i = next_nonblank(b->lines, b->n, i);
    }
    size_t end = first;
    for (size_t k = 0; k < 3 && i < b->n; k++, i = next_nonblank(b->lines, b->n, i)) {
        const nb_line *l = &b->lines[i];
        if (l->kind != NB_LINE_TEXT || l->width > 80 || text_contains(l->s, l->len, "。")) break;
        if (vocab_contains(b->vocab, l->s, l->len, "报告")) {
            end = i + 1;
            break;
        }
    }
    if (end == first) {
        if (labelled >= 0) {
            const nb_line *l = &b->lines[labelled];
            size_t skip = label_len + text_skip_blanks(l->s + label_len, l->len - label_len, NULL);
            if (skip < l->len) {
                b->label_title = nb_arena_strndup(&b->doc->arena, l->s + skip, l->len - skip);
                if (!b->label_title) return b->n + 1;
                b->label_title_line = l->lineno;
            }
        }
        return first;
    }
    nb_block *t = add_block(b, NB_BLOCK_TITLE, &b->lines[first]);
    if (!t) return b->n + 1;
    for (size_t k = first; k < end; k++)
        if (b->lines[k].kind != NB_LINE_BLANK &&
            block_append(b, t, b->lines[k].s, b->lines[k].len, b->lines[k].lineno) != 0)
            return b->n + 1;
    i = next_nonblank(b->lines, b->n, end - 1);
    for (size_t k = 0; k < 3 && i < b->n; k++) {
        const nb_line *l = &b->lines[i];
        bool subtitle =
            l->kind == NB_LINE_DATE || (l->kind == NB_LINE_TEXT && l->width <= 30 &&
                                        !ends_sentence(l) && !text_contains(l->s, l->len, "，"));
        if (!subtitle) break;
        if (add_text_line(b, i, NB_BLOCK_SUBTITLE) != 0) return b->n + 1;
        b->open = -1;
        end = i + 1;
        i = next_nonblank(b->lines, b->n, i);
    }
    return end;
}

/* The year in s: 2017年 or 二〇一七年; 0 when none. */
static int find_year(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t adv, n;
        int y;
        if ((n = lines_year_at(s + i, len - i, &y)) && y >= 1990 && y <= 2100) {
            size_t j = i + n + text_skip_blanks(s + i + n, len - i - n, NULL);
            if (text_starts_with(s + j, len - j, "年")) return y;
        }
        text_cp_at(s, len, i, &adv);
        i += adv;
    }
    return 0;
}

static const char *agency_from_title(nb_arena *a, const char *title, const nb_vocab *v)
{
    size_t len = strlen(title);
    char *buf = nb_arena_alloc(a, len + 1);
    if (!buf) return "";
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        size_t adv, k;
        int y;
        if ((k = lines_year_at(title + i, len - i, &y))) {
            size_t j = i + k + text_skip_blanks(title + i + k, len - i - k, NULL);
            if (text_starts_with(title + j, len - j, "年")) {
                i = j + 3;
                if (text_starts_with(title + i, len - i, "度")) i += 3;
                continue;
            }
        }
        uint32_t cp = text_cp_at(title, len, i, &adv);
        if (!nb_utf8_is_space(cp)) memcpy(buf + n, title + i, adv), n += adv;
        i += adv;
    }
    buf[n] = '\0';
    const char *cuts[] = {"政府信息公开", "政务公开", "信息公开", "年度报告"};
    for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++) {
        size_t at = text_find_folded(buf, strlen(buf), cuts[k], v ? &v->trad : NULL, NULL);
        if (at != (size_t)-1) buf[at] = '\0';
    }
    if (vocab_starts_with(v, buf, strlen(buf), "关于")) return buf + 6;
    return buf;
}

static void read_metadata(builder *b)
{
    nb_doc *doc = b->doc;
    doc->title = doc->agency = "";
    long first_attachment = -1;
    for (size_t i = 0; i < doc->nblocks; i++) {
        nb_block *blk = &doc->blocks[i];
        if (blk->kind == NB_BLOCK_TITLE && !doc->title[0]) {
            doc->title = blk->text;
            doc->title_line = blk->line_first;
        }
        if (blk->kind == NB_BLOCK_ATTACHMENT && first_attachment < 0) first_attachment = (long)i;
    }
    size_t body_end = first_attachment >= 0 ? (size_t)first_attachment : doc->nblocks;
    /* The signature date: the last date line of the body; the agency's name stands above it. */
    for (size_t i = body_end; i-- > 0;) {
        nb_block *blk = &doc->blocks[i];
        if (blk->kind != NB_BLOCK_DATE && blk->kind != NB_BLOCK_SUBTITLE) continue;
        int y = 0, m = 0, d = 0;
        if (!lines_is_date(blk->text, blk->len, &y, &m, &d)) continue;
        blk->kind = NB_BLOCK_DATE;
        doc->date_year = y, doc->date_month = m, doc->date_day = d;
        doc->date_line = blk->line_first;
        nb_block *prev = i > 0 ? &doc->blocks[i - 1] : NULL;
        size_t plen = prev ? prev->len : 0;
        if (prev && prev->kind == NB_BLOCK_PARAGRAPH && text_width(prev->text, plen) <= 40 &&
            !text_contains(prev->text, plen, "。") && !text_contains(prev->text, plen, "，"))
            prev->kind = NB_BLOCK_SIGNATURE;
        break;
    }
    if (!doc->title[0] && b->label_title) {
        doc->title = b->label_title;
        doc->title_line = b->label_title_line;
    }
    if (doc->title[0]) {
        doc->year = find_year(doc->title, strlen(doc->title));
        doc->year_line = doc->title_line;
        doc->agency = agency_from_title(&doc->arena, doc->title, b->vocab);
        doc->agency_line = doc->title_line;
    }
    /* a subtitle under the title: （2023年度） */
    for (size_t i = 0; i < doc->nblocks && !doc->year; i++) {
        nb_block *blk = &doc->blocks[i];
        if (blk->kind == NB_BLOCK_TITLE) continue;
        if (blk->kind != NB_BLOCK_SUBTITLE) break;
        doc->year = find_year(blk->text, blk->len);
        doc->year_line = blk->line_first;
    }
    for (size_t i = 0; i < doc->nblocks && !doc->year; i++) {
        nb_block *blk = &doc->blocks[i];
        if (blk->kind != NB_BLOCK_PARAGRAPH) continue;
        doc->year = find_year(blk->text, blk->len);
        doc->year_line = blk->line_first;
        break;
    }
    if (!doc->agency[0]) {
        for (size_t i = 0; i < doc->nblocks; i++)
            if (doc->blocks[i].kind == NB_BLOCK_SIGNATURE) {
                doc->agency = doc->blocks[i].text;
                doc->agency_line = doc->blocks[i].line_first;
            }
    }
}

/* The lines of the text, classified; a run-together body (flat.h) gives one line per piece, all
 * with its source line's number. NULL when out of memory. */
static nb_line *classify_lines(const nb_text *text, const nb_vocab *vocab, nb_doc *doc,
                               size_t *count)
{
    size_t cap = text->nlines ? text->nlines : 1, n = 0;
    nb_line *lines = malloc(cap * sizeof *lines);
    flat_state flat = {0, 0};
    for (size_t i = 0; lines && i < text->nlines; i++) {
        size_t s = text->line_start[i], e = text->line_start[i + 1] - 1;
        flat_seg *seg;
        size_t k = flat_split(&flat, text->utf8 + s, e - s, &seg);
        if (k == (size_t)-1) {
            free(lines);
            return NULL;
        }
        if (n + (k ? k : 1) > cap) {
            size_t c = 2 * (n + (k ? k : 1));
            nb_line *w = realloc(lines, c * sizeof *w);
            if (!w) {
                free(seg);
                free(lines);
                return NULL;
            }
            lines = w, cap = c;
        }
        if (!k) {
            lines_classify(&lines[n++], text->utf8 + s, e - s, i + 1, vocab);
            continue;
        }
        for (size_t q = 0; q < k; q++, n++) {
            lines_classify(&lines[n], text->utf8 + s + seg[q].off, seg[q].len, i + 1, vocab);
            if (seg[q].fused) lines[n].kind = NB_LINE_FUSED;
#ifdef NB_DEBUG_BIND
            if (getenv("NB_DEBUG_FLAT"))
                fprintf(stderr, "flat %zu: [%.*s]%s\n", i + 1, (int)seg[q].len,
                        text->utf8 + s + seg[q].off, seg[q].fused ? " fused" : "");
#endif
        }
        free(seg);
        doc->flattened = true;
    }
    *count = n;
    return lines;
}

/* A converter's label on the first line of text ("正文" above the title, as some HTML-to-text
 * conversions leave it) is no report text: marked as debris, it is left out like a footer. */
static void mark_label(nb_line *lines, size_t n)
{
    size_t i = next_nonblank(lines, n, (size_t)-1);
    if (i < n && lines[i].kind == NB_LINE_TEXT && !lines[i].md_heading &&
        lines[i].len == strlen("正文") && memcmp(lines[i].s, "正文", lines[i].len) == 0) {
        lines[i].kind = NB_LINE_FOOTER;
        lines[i].debris = NB_DEBRIS_LABEL;
    }
}

/* The first piece of markup inside line l of text (lines_markup_at), as its start and *n
 * bytes; NULL when it holds none. */
static const char *inline_markup(const nb_line *l, size_t *n)
{
    if (l->kind == NB_LINE_FOOTER || l->kind == NB_LINE_BLANK) return NULL;
    for (size_t i = 0; i < l->len; i++)
        if ((l->s[i] == '<' || l->s[i] == '&') && (*n = lines_markup_at(l->s + i, l->len - i)))
            return l->s + i;
    return NULL;
}

/* The lines left out (footers, markup, labels), the form feeds and the markup inside lines of
 * text, in line order: one entry a source line and kind (a run-together line's pieces share
 * their line). */
static int list_debris(nb_doc *doc, const nb_line *lines, size_t n)
{
    size_t count = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t k = 0, line = 0;
        unsigned seen = 0; /* the kinds listed for `line` */
        for (size_t i = 0; i < n; i++) {
            const nb_line *l = &lines[i];
            if (l->lineno != line) line = l->lineno, seen = 0;
            size_t mlen = 0;
            const char *markup = inline_markup(l, &mlen);
            uint8_t kinds[3] = {l->kind == NB_LINE_FOOTER ? l->debris : 0,
                                memchr(l->raw, '\f', l->raw_len) ? NB_DEBRIS_FORMFEED : 0,
                                markup ? NB_DEBRIS_INLINE : 0};
            for (int q = 0; q < 3; q++) {
                if (!kinds[q] || (seen & 1u << kinds[q])) continue;
                seen |= 1u << kinds[q];
                if (pass == 1) {
                    bool ff = kinds[q] == NB_DEBRIS_FORMFEED;
                    doc->debris[k] = (nb_debris){ff ? ""
                                                 : kinds[q] == NB_DEBRIS_INLINE
                                                     ? nb_arena_strndup(&doc->arena, markup, mlen)
                                                     : nb_arena_strndup(&doc->arena, l->s, l->len),
                                                 l->lineno, kinds[q]};
                    if (!doc->debris[k].text) return -1;
                }
                k++;
            }
        }
        if (pass == 0) {
            count = k;
            if (!count) return 0;
            doc->debris = nb_arena_alloc(&doc->arena, count * sizeof *doc->debris);
            if (!doc->debris) return -1;
        }
    }
    doc->ndebris = count;
    return 0;
}

int parse_document(const nb_text *text, nb_doc *doc, const parse_limits *lim, const nb_vocab *vocab,
                   nb_error *err)
{
    memset(doc, 0, sizeof *doc);
    doc->title = doc->agency = "";
    size_t nlines = 0;
    nb_line *lines = classify_lines(text, vocab, doc, &nlines);
    if (!lines) {
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while parsing");
        return -1;
    }
    accept_headings(lines, nlines, vocab);
    mark_label(lines, nlines);
    if (list_debris(doc, lines, nlines) != 0) {
        free(lines);
        nb_doc_free(doc);
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while parsing");
        return -1;
    }
    builder b = {.doc = doc,
                 .lines = lines,
                 .n = nlines,
                 .open = -1,
                 .growing = -1,
                 .lim = lim ? *lim : (parse_limits){0},
                 .vocab = vocab,
                 .err = err};
    for (int lv = 0; lv <= 4; lv++) b.section[lv] = -1;
    measure_wrapping(&b);
    size_t i = take_title(&b);
    int rc = i > b.n ? -1 : 0;
    for (; rc == 0 && i < b.n; i++) rc = add_line(&b, &i);
    if (rc == 0) read_metadata(&b);
    free(lines);
    if (rc != 0) nb_doc_free(doc);
    return rc;
}
