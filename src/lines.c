/*
 * lines.c — what each line of a report looks like on its own: blank, page footer, heading or
 * list marker, date, attachment, table note, table title, or a table line of some syntax
 * (pipe, markdown separator, tab, box drawing, aligned columns, a label and a number, a lone
 * number). Context (parse.c) later decides which heading-like lines are headings and where
 * tables begin and end; table.c reads the table lines.
 *
 * Also the dates and years lines carry (2017年12月18日, 二〇一四年三月二十日).
 *
 * Must not: look at other lines than the one it classifies, or know forms.
 */
#include "lines.h"

#include "marker.h"
#include "numeral.h"
#include "text.h"
#include "utf8.h"

#include <string.h>
#include <strings.h>

/* ---- dates ------------------------------------------------------------------------------- */

static size_t date_part(const char *s, size_t len, int *out, bool year)
{
    size_t i = text_skip_blanks(s, len, NULL), adv;
    size_t start = i;
    int v = 0, ndig = 0;
    /* digits: ASCII, full-width, or Chinese with 〇/○/O/0 for zero (old GB2312 files) */
    while (i < len) {
        uint32_t cp = nb_utf8_fold(text_cp_at(s, len, i, &adv));
        int d = (cp >= '0' && cp <= '9') ? (int)(cp - '0') : marker_cn_digit(cp);
        if (cp == 0x3007 || cp == 0x25CB || cp == 'O') d = 0;
        if (d < 0 || !year || ndig == 5) break; /* five digits are no year: stop */
        v = v * 10 + d;
        ndig++;
        i += adv;
    }
    if (year) {
        *out = v;
        return ndig == 4 ? i : 0;
    }
    size_t n = marker_digits(s + start, len - start, &v);
    if (n == 0) n = marker_cn_ordinal(s + start, len - start, &v);
    if (n == 0 || n > 9) return 0; /* 12, １２ or 二十八: three characters at most */
    *out = v;
    return start + n;
}

/* Parses a date (2017年12月18日, 2025 年 1 月 20 日, 二〇一四年三月二十日) at s. Returns the
 * bytes it spans (0 if none). */
size_t lines_parse_date(const char *s, size_t len, int *y, int *m, int *d)
{
    static const char *const marks[] = {"年", "月", "日"};
    int *vals[] = {y, m, d};
    size_t i = 0;
    for (int k = 0; k < 3; k++) {
        size_t n = date_part(s + i, len - i, vals[k], k == 0);
        if (n == 0) return 0;
        i += n;
        i += text_skip_blanks(s + i, len - i, NULL);
        if (!text_starts_with(s + i, len - i, marks[k])) return 0;
        i += strlen(marks[k]);
    }
    if (*m < 1 || *m > 12 || *d < 1 || *d > 31) return 0;
    return i;
}

/* A line that is only a date, maybe in brackets. */
bool lines_is_date(const char *s, size_t len, int *y, int *m, int *d)
{
    size_t i = 0;
    if (text_starts_with(s, len, "("))
        i = 1;
    else if (text_starts_with(s, len, "（"))
        i = 3;
    size_t n = lines_parse_date(s + i, len - i, y, m, d);
    if (n == 0) return false;
    i += n;
    if (i < len &&
        (text_starts_with(s + i, len - i, ")") || text_starts_with(s + i, len - i, "）")))
        i += s[i] == ')' ? 1 : 3;
    return i == len;
}

/* ---- classifying one line ---------------------------------------------------------------- */

static bool is_dash(uint32_t cp)
{
    return cp == '-' || cp == 0x2014 || cp == 0x2013 || cp == 0xFF0D || cp == 0x2015 ||
           cp == 0x2500 || cp == '~';
}

/* 页, or 頁 in a traditional copy. */
static bool starts_with_page(const char *s, size_t len)
{
    return text_starts_with(s, len, "页") || text_starts_with(s, len, "頁");
}

/* — 3 —, -1-, - 4 -, 第3页, 第 3 页 共 7 页 (第 3 頁) */
static bool is_footer(const char *s, size_t len)
{
    size_t i = 0, adv, dashes = 0, digits = 0;
    bool page = text_starts_with(s, len, "第");
    if (page) i += 3;
    while (i < len && is_dash(text_cp_at(s, len, i, &adv))) i += adv, dashes++;
    i += text_skip_blanks(s + i, len - i, NULL);
    while (i < len && nb_utf8_is_digit(text_cp_at(s, len, i, &adv))) i += adv, digits++;
    i += text_skip_blanks(s + i, len - i, NULL);
    if (page) {
        if (!starts_with_page(s + i, len - i)) return false;
        i += 3;
        i += text_skip_blanks(s + i, len - i, NULL);
        if (text_starts_with(s + i, len - i, "共")) {
            size_t j = i + 3 + text_skip_blanks(s + i + 3, len - i - 3, NULL);
            while (j < len && nb_utf8_is_digit(text_cp_at(s, len, j, &adv))) j += adv;
            j += text_skip_blanks(s + j, len - j, NULL);
            if (!starts_with_page(s + j, len - j)) return false;
            i = j + 3;
        }
        return digits >= 1 && digits <= 4 && i == len;
    }
    size_t before = dashes;
    while (i < len && is_dash(text_cp_at(s, len, i, &adv))) i += adv, dashes++;
    return digits >= 1 && digits <= 4 && i == len && before > 0 && dashes > before;
}

/* ---- debris: what a converter left that is no report text ------------------------------- */

static bool ascii_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* An HTML comment or Word's conditional (<!--[if !supportLists]-->, <![endif]>) at s: its
 * bytes, 0 when none. Only ASCII inside: a Chinese sentence in brackets is no markup. */
static size_t html_comment(const char *s, size_t len)
{
    if (!text_starts_with(s, len, "<!--") && !text_starts_with(s, len, "<![")) return 0;
    for (size_t i = 2; i < len; i++) {
        if ((unsigned char)s[i] >= 0x80 || s[i] == '<') return 0;
        if (s[i] == '>') return i + 1;
    }
    return 0;
}

/* An inline HTML tag that carries no text of its own (<br>, </span>, <o:p>, <font
 * face="宋体">…: attributes may hold anything but brackets) at s: its bytes, 0 when none. Block
 * tags (<p>, <div>, <td>, <html>) are not taken: a page saved as served is told apart by them
 * (check.c). */
static size_t html_tag(const char *s, size_t len)
{
    static const char *const names[] = {"br",     "hr",   "span", "font",   "o:p", "b",
                                        "strong", "em",   "i",    "u",      "sup", "sub",
                                        "wbr",    "nobr", "s",    "strike", "big", "small"};
    size_t i = 1;
    if (len < 3 || s[0] != '<') return 0;
    if (s[i] == '/') i++;
    size_t name = i;
    while (i < len && (ascii_alpha(s[i]) || s[i] == ':')) i++;
    size_t name_len = i - name;
    bool known = false;
    for (size_t k = 0; k < sizeof names / sizeof names[0] && !known; k++)
        known = strlen(names[k]) == name_len && strncasecmp(s + name, names[k], name_len) == 0;
    if (!known) return 0;
    if (i < len && s[i] != '>' && s[i] != ' ' && s[i] != '/') return 0;
    for (; i < len; i++) {
        if (s[i] == '<') return 0;
        if (s[i] == '>') return i + 1;
    }
    return 0;
}

/* An HTML character reference (&nbsp; &amp; &#160; &#x3000;) at s: its bytes, 0 when none. */
static size_t html_entity(const char *s, size_t len)
{
    size_t i = 1, from;
    if (len < 3 || s[0] != '&') return 0;
    if (s[i] == '#') {
        i++;
        if (i < len && (s[i] == 'x' || s[i] == 'X')) i++;
        from = i;
        while (i < len && i - from < 6 && ((s[i] >= '0' && s[i] <= '9') || ascii_alpha(s[i]))) i++;
    } else {
        from = i;
        while (i < len && i - from < 8 && ascii_alpha(s[i])) i++;
    }
    return i > from && i < len && s[i] == ';' ? i + 1 : 0;
}

size_t lines_markup_at(const char *s, size_t len)
{
    size_t n = html_comment(s, len);
    if (!n) n = html_tag(s, len);
    if (!n) n = html_entity(s, len);
    return n;
}

/* A line that is only markup left by a conversion: HTML tags without text, comments and
 * character references (<br>, <!--[if !supportLists]-->, &nbsp;), or a run of two or more
 * markdown marks (**, ###). Anything else on the line — a character of text — makes it text. */
static nb_line_debris debris_kind(const char *s, size_t len)
{
    size_t i = 0, marks = 0, pieces = 0, adv;
    bool markdown = len >= 2 && (s[0] == '*' || s[0] == '#');
    while (i < len) {
        if (nb_utf8_is_space(text_cp_at(s, len, i, &adv))) {
            i += adv;
            continue;
        }
        if (markdown) {
            if (s[i] != s[0]) return NB_DEBRIS_NONE;
            marks++;
            i++;
            continue;
        }
        size_t n = lines_markup_at(s + i, len - i);
        if (!n) return NB_DEBRIS_NONE;
        pieces++;
        i += n;
    }
    return (markdown ? marks >= 2 : pieces > 0) ? NB_DEBRIS_MARKUP : NB_DEBRIS_NONE;
}

static bool box_char(uint32_t cp)
{
    return cp >= 0x2500 && cp <= 0x257F;
}

static nb_line_kind classify_box_or_pipe(const char *s, size_t len, const char *raw, size_t raw_len)
{
    size_t adv, pipes = 0, boxes = 0, others = 0, dashes = 0, vbars = 0;
    for (size_t i = 0; i < len; i += adv) {
        uint32_t cp = text_cp_at(s, len, i, &adv);
        if (cp == '|' || cp == 0xFF5C)
            pipes++;
        else if (cp == 0x2502 || cp == 0x2503 || cp == 0x2551)
            boxes++, vbars++;
        else if (box_char(cp))
            boxes++;
        else if (cp == '-' || cp == ':')
            dashes++;
        else if (!nb_utf8_is_space(cp))
            others++;
    }
    if (boxes && !others && !pipes) return NB_LINE_BOXRULE;
    if (vbars >= 1 && others) return NB_LINE_BOX;
    if (pipes && !others && dashes >= 3) return NB_LINE_MDSEP;
    if (pipes) return NB_LINE_PIPE; /* one pipe inside a line too: label | value */
    size_t tabs = 0, fields = 0;
    bool in_field = false;
    for (size_t i = 0; i < raw_len; i++) {
        if (raw[i] == '\t') {
            tabs++;
            in_field = false;
        } else if (raw[i] != ' ' && !in_field) {
            fields++;
            in_field = true;
        }
    }
    if (tabs && fields >= 2) return NB_LINE_TAB;
    return NB_LINE_TEXT;
}

/* A value as a column of a table prints it: a figure, a zero written 零, or a dash or slash
 * for "not applicable" (not 无 or 不适用: words that end sentences too). */
static bool is_table_value(const char *s, size_t len)
{
    if (nb_numeral_is_figure(s, len)) return true;
    nb_cell_status st = nb_numeral_cell(s, len, NULL);
    if (st == NB_CELL_ZERO) return true;
    if (st != NB_CELL_NOT_APPLICABLE || len == 0) return false;
    return s[0] == '-' || s[0] == '/' || (unsigned char)s[0] == 0xE2 || (unsigned char)s[0] == 0xEF;
}

/* Splits on runs of two or more spaces (or one U+3000 or tab): counts fields, and tells
 * whether the last one is a number and whether all are short text. */
static nb_line_kind classify_aligned(const char *s, size_t len)
{
    size_t fields = 0, i = 0, adv, numbers = 0, longest = 0;
    bool last_num = false, sentence = false, prev_unit = false;
    while (i < len) {
        size_t start = i, end = i;
        while (i < len) {
            uint32_t cp = text_cp_at(s, len, i, &adv);
            if (cp == 0x3000 || cp == '\t') break;
            if (cp == ' ' && i + 1 < len && s[i + 1] == ' ') break;
            i += adv;
            if (cp != ' ') end = i;
        }
        size_t flen = end - start;
        bool num = is_table_value(s + start, flen);
        /* 无 or 不适用 after a unit or a value is a cell too (件  无) */
        if (!num && flen && (prev_unit || last_num) &&
            nb_numeral_cell(s + start, flen, NULL) == NB_CELL_NOT_APPLICABLE)
            num = true;
        if (flen) {
            fields++;
            numbers += num;
            last_num = num;
            prev_unit = nb_numeral_unit(s + start, flen) != NB_UNIT_NONE;
            size_t w = text_width(s + start, flen);
            if (w > longest) longest = w;
            if (text_contains(s + start, flen, "。") || text_contains(s + start, flen, "，"))
                sentence = true;
        }
        i += text_skip_blanks(s + i, len - i, NULL);
    }
    if (fields < 2) return NB_LINE_TEXT;
    if (last_num && (numbers >= 2 || fields == 2 || !sentence)) return NB_LINE_ALIGNED;
    if (!sentence && longest <= 40 && numbers == 0) return NB_LINE_ALIGNED_HEAD;
    return NB_LINE_TEXT;
}

/* "行政许可 97": a short label, one space, a number. */
static bool is_label_number(const char *s, size_t len)
{
    size_t sp = len;
    while (sp > 0 && s[sp - 1] != ' ') sp--;
    if (sp < 2 || sp == len || !nb_numeral_is_figure(s + sp, len - sp)) return false;
    size_t label = text_rtrim(s, sp - 1);
    if (label == 0 || text_width(s, label) > 44) return false;
    const char *stops[] = {"。", "，", "；", "：", ",", "年", "月", "日", "第"};
    for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++)
        if (text_contains(s, label, stops[k])) return false;
    size_t adv;
    uint32_t last = 0;
    for (size_t i = 0; i < label; i += adv) last = text_cp_at(s, label, i, &adv);
    return nb_utf8_is_han(last) || last == 0xFF09 || last == ')';
}

/* Heading markers: 一、 （一） (一) 1. 1、 （1） (1); list items 一是. */
static void classify_marker(nb_line *l)
{
    nb_marker m = marker_parse(l->s, l->len);
    if (!m.len) return;
    l->kind = m.list ? NB_LINE_LIST : NB_LINE_HEADING;
    l->level = m.level;
    l->ordinal = m.ordinal;
    l->marker_len = m.len;
}

static bool is_attachment(const char *s, size_t len)
{
    if (!text_starts_with(s, len, "附件")) return false;
    size_t i = 6 + text_skip_blanks(s + 6, len - 6, NULL);
    int v;
    size_t n = marker_digits(s + i, len - i, &v);
    if (!n) n = marker_cn_ordinal(s + i, len - i, &v);
    i += n;
    if (text_starts_with(s + i, len - i, "：") || text_starts_with(s + i, len - i, ":"))
        i += s[i] == ':' ? 1 : 3;
    return i == len;
}

static bool starts_with_any(const char *s, size_t len, const nb_vocab *v, const nb_strv *words)
{
    for (size_t k = 0; k < words->n; k++)
        if (vocab_starts_with(v, s, len, words->v[k])) return true;
    return false;
}

static bool contains_any(const char *s, size_t len, const nb_vocab *v, const nb_strv *words)
{
    return vocab_contains_any(v, s, len, words);
}

static bool is_note(const char *s, size_t len, const nb_vocab *v)
{
    return v && starts_with_any(s, len, v, &v->notes);
}

/* 表二…, a line starting with a table-title word (第二十条), a short line naming one (…统计表). */
static bool is_table_title(const char *s, size_t len, const nb_vocab *v)
{
    if (v && starts_with_any(s, len, v, &v->table_title_prefixes)) return true;
    if (text_starts_with(s, len, "表") && len > 3) {
        int ord;
        size_t n = marker_cn_ordinal(s + 3, len - 3, &ord);
        if (n && (text_starts_with(s + 3 + n, len - 3 - n, "：") ||
                  text_starts_with(s + 3 + n, len - 3 - n, ":") ||
                  text_starts_with(s + 3 + n, len - 3 - n, " ")))
            return true;
    }
    return v && text_width(s, len) <= 40 && contains_any(s, len, v, &v->table_title_words) &&
           !text_contains(s, len, "。");
}

void lines_classify(nb_line *l, const char *raw, size_t raw_len, size_t lineno,
                    const nb_vocab *vocab)
{
    memset(l, 0, sizeof *l);
    l->raw = raw;
    l->raw_len = raw_len;
    l->lineno = lineno;
    size_t indent = 0;
    size_t lead = text_skip_blanks(raw, raw_len, &indent);
    l->indent = indent < 0xFFFF ? (uint16_t)indent : 0xFFFF;
    const char *s = raw + lead;
    size_t len = text_rtrim(s, raw_len - lead);
    if (len && s[0] == '#') {
        size_t h = 0;
        while (h < len && s[h] == '#') h++;
        if (h < len && s[h] == ' ') {
            l->md_heading = true;
            s += h;
            len -= h;
            size_t b = text_skip_blanks(s, len, NULL);
            s += b;
            len -= b;
        }
    }
    l->s = s;
    l->len = len;
    l->width = text_width(s, len);
    int y = 0, m = 0, d = 0;
    if (len == 0)
        l->kind = NB_LINE_BLANK;
    else if ((l->kind = classify_box_or_pipe(s, len, raw, raw_len)) != NB_LINE_TEXT)
        return;
    else if (is_footer(s, len))
        l->kind = NB_LINE_FOOTER, l->debris = NB_DEBRIS_FOOTER;
    else if ((l->debris = debris_kind(s, len)) != NB_DEBRIS_NONE)
        l->kind = NB_LINE_FOOTER;
    else if (lines_is_date(s, len, &y, &m, &d))
        l->kind = NB_LINE_DATE;
    else if (is_attachment(s, len))
        l->kind = NB_LINE_ATTACH;
    else if (is_note(s, len, vocab))
        l->kind = NB_LINE_NOTE;
    else if (nb_numeral_is_figure(s, len) || nb_numeral_cell(s, len, NULL) == NB_CELL_ZERO)
        l->kind = NB_LINE_NUMBER;
    else if ((l->kind = classify_aligned(s, len)) != NB_LINE_TEXT)
        return;
    else if (is_table_title(s, len, vocab))
        l->kind = NB_LINE_TABLE_TITLE;
    else if (is_label_number(s, len))
        l->kind = NB_LINE_LABEL_NUMBER;
    else
        classify_marker(l);
}

size_t lines_year_at(const char *s, size_t len, int *y)
{
    return date_part(s, len, y, true);
}

/* Fragments wider than this are prose, not table labels. */
#define MAX_FRAGMENT_WIDTH 44

bool lines_is_table_strong(const nb_line *l)
{
    switch (l->kind) {
    case NB_LINE_PIPE:
    case NB_LINE_MDSEP:
    case NB_LINE_TAB:
    case NB_LINE_BOX:
    case NB_LINE_BOXRULE:
    case NB_LINE_ALIGNED:
    case NB_LINE_LABEL_NUMBER:
    case NB_LINE_NUMBER:
        return true;
    default:
        return false;
    }
}

bool lines_is_fragment(const nb_line *l)
{
    if (l->cells_label) return true;
    if (l->kind != NB_LINE_TEXT || l->md_heading || text_contains(l->s, l->len, "。")) return false;
    if (l->width <= MAX_FRAGMENT_WIDTH) return true;
    /* a long row label on a line of its own ((四)政府信息公开专项经费（不包括…的经费）): numbered,
     * and without the commas of a sentence */
    if (l->width > 2 * MAX_FRAGMENT_WIDTH + 32) return false;
    /* pieces of an aligned table's labels with a wide gap between them (a side label's
     * character, then a wrapped row label): prose has no runs of spaces inside */
    const char *gap = memchr(l->s, ' ', l->len);
    if (gap && gap > l->s && (size_t)(gap - l->s) + 4 <= l->len && memcmp(gap, "    ", 4) == 0)
        return true;
    return marker_parse(l->s, l->len).len && !text_contains(l->s, l->len, "，") &&
           !text_contains(l->s, l->len, "；");
}

bool lines_is_table_weak(const nb_line *l)
{
    return l->kind == NB_LINE_BLANK || l->kind == NB_LINE_FOOTER ||
           l->kind == NB_LINE_ALIGNED_HEAD || l->kind == NB_LINE_NOTE || lines_is_fragment(l);
}
