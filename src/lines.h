/*
 * lines.h — classifying one line of a report by what it looks like on its own (before context
 * decides), and the dates and years lines carry.
 *
 * Owns: the line kinds (heading markers, list items, page footers, dates, attachments, table
 * notes and titles, and the table lines of every syntax), and which of them show a table by
 * themselves (strong) or may stand among table lines (weak). parse.c and table.c both read
 * lines through this module, so neither needs the other's insides.
 * Must not: look at more than one line, or know forms.
 */
#ifndef NB_LINES_H
#define NB_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "vocab.h"

typedef enum nb_line_kind {
    NB_LINE_BLANK,
    NB_LINE_FOOTER, /* no report text: a page footer (— 3 —, -1-, 第3页) or debris (`debris`) */
    NB_LINE_TEXT,
    NB_LINE_HEADING,     /* a heading marker; `accepted` says whether context confirmed it */
    NB_LINE_LIST,        /* 一是… */
    NB_LINE_DATE,        /* a line that is only a date */
    NB_LINE_ATTACH,      /* 附件1 */
    NB_LINE_NOTE,        /* 单位负责人:…, 注：… */
    NB_LINE_TABLE_TITLE, /* 表二…, 第二十条第（一）项 */
    /* table lines */
    NB_LINE_PIPE,
    NB_LINE_MDSEP, /* |---|---| */
    NB_LINE_TAB,
    NB_LINE_BOX,
    NB_LINE_BOXRULE,
    NB_LINE_ALIGNED,      /* fields separated by runs of spaces, ending in numbers */
    NB_LINE_ALIGNED_HEAD, /* fields separated by runs of spaces, all short text */
    NB_LINE_LABEL_NUMBER, /* a short label and one number: "行政许可 97" */
    NB_LINE_NUMBER,       /* a line that is only a number: one cell of a cell-per-line table */
    NB_LINE_FUSED,        /* a statistics table whose labels and figures ran together (flat.h) */
} nb_line_kind;

/* What an NB_LINE_FOOTER line is: left out of the document, listed (nb_doc.debris). */
typedef enum nb_line_debris {
    NB_DEBRIS_NONE,
    NB_DEBRIS_FOOTER,   /* a page footer: — 3 —, -1-, 第3页 */
    NB_DEBRIS_MARKUP,   /* HTML or markdown left by a conversion: <br>, &nbsp;, **, ### */
    NB_DEBRIS_LABEL,    /* a converter's label above the title: 正文 (parse.c, by context) */
    NB_DEBRIS_FORMFEED, /* a form feed (a page break) in the line; the line itself stays */
    NB_DEBRIS_INLINE,   /* markup inside a line of text (<!--[if !supportLists]-->7、): the text
                         * stays, the markup is not typeset (lines_markup_at) */
} nb_line_debris;

typedef struct nb_line {
    const char *s;   /* the line without leading/trailing blanks and markdown '#' marks */
    const char *raw; /* the whole line as decoded (for column positions) */
    int ordinal;     /* headings and list items: the number in the marker */
    /* byte and column counts of one line: 32 bits (a line is at most --max-line-length bytes,
     * 16 MB by default and never more than NB_MOST_LINE_BYTES, 1 GB; its display columns at
     * most twice that) */
    uint32_t len;
    uint32_t lineno; /* 1-based */
    uint32_t width;  /* display columns of s (CJK and full-width count 2) */
    uint32_t marker_len;
    uint32_t raw_len;
    uint16_t indent;  /* display columns of leading blanks (saturated at 65,535) */
    uint8_t kind;     /* nb_line_kind */
    int8_t level;     /* headings: 1-4 */
    bool md_heading;  /* the line started with '#' marks */
    bool accepted;    /* headings: confirmed by context */
    bool cells_label; /* a label among a cell-per-line table's (a heading's dress refused) */
    uint8_t debris;   /* NB_LINE_FOOTER: what it is (nb_line_debris) */
} nb_line;            /* (48 bytes, one per line while a text is parsed) */

/* The bytes of the conversion markup at s (an HTML comment or Word's conditional, an inline
 * tag without text of its own, a character reference: <!--[if !supportLists]-->, <br>,
 * &nbsp;), 0 when there is none. */
size_t lines_markup_at(const char *s, size_t len);

/* Classifies raw[0..raw_len) (one line without its line end) as line number lineno; vocab
 * (NULL: none) gives the words of table titles and notes. */
void lines_classify(nb_line *l, const char *raw, size_t raw_len, size_t lineno,
                    const nb_vocab *vocab);

/* True for lines that by themselves show a table (pipe, tab, box rows, aligned numbers…). */
bool lines_is_table_strong(const nb_line *l);
/* True for lines a table may contain between its strong lines (blank, footer, fragments). */
bool lines_is_table_weak(const nb_line *l);
/* A short text line without a full stop: a piece of a table label left on a line of its own. */
bool lines_is_fragment(const nb_line *l);

/* A date (2017年12月18日, 2025 年 1 月 20 日, 二〇一四年三月二十日) at s: the bytes it spans, 0
 * when none. */
size_t lines_parse_date(const char *s, size_t len, int *y, int *m, int *d);
/* A line that is only a date, maybe in brackets. */
bool lines_is_date(const char *s, size_t len, int *y, int *m, int *d);
/* Four digits of a year at s (ASCII, full-width, or Chinese with 〇/○/O for zero), after
 * optional blanks: the bytes used, 0 when none. The caller looks for the 年 after it. */
size_t lines_year_at(const char *s, size_t len, int *y);

#endif /* NB_LINES_H */
