/*
 * parse.h — from decoded lines to the document tree (doc.h).
 *
 * Owns: classifying lines (heading markers 一、 （一） 1. （1）, list items 一是, page footers
 * — 3 —, table rows of every syntax, dates, 附件N, table notes), deciding which heading-like
 * lines really are headings, rejoining wrapped lines, and finding title, agency, year and
 * date. Table grids are built by table.c from the lines classified here.
 * Must not: know form semantics (which row is which statistic).
 */
#ifndef NB_PARSE_H
#define NB_PARSE_H

#include "decode.h"
#include "doc.h"
#include "nianbao.h"

/* What one line looks like on its own (before context decides). */
typedef enum nb_line_kind {
    NB_LINE_BLANK,
    NB_LINE_FOOTER, /* — 3 —, -1-, 第3页 */
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
} nb_line_kind;

typedef struct nb_line {
    nb_line_kind kind;
    const char *s; /* the line without leading/trailing blanks and markdown '#' marks */
    size_t len;
    size_t lineno; /* 1-based */
    size_t indent; /* display columns of leading blanks */
    size_t width;  /* display columns of s (CJK and full-width count 2) */
    int level;     /* headings: 1-4 */
    int ordinal;   /* headings and list items: the number in the marker */
    size_t marker_len;
    bool md_heading; /* the line started with '#' marks */
    bool accepted;   /* headings: confirmed by context */
    const char *raw; /* the whole line as decoded (for column positions) */
    size_t raw_len;
} nb_line;

/* Parses decoded text into doc (zeroed first). Returns 0, or -1 with err filled (only for
 * exhausted memory or a table longer than max_table_rows (0: no limit): any text parses). */
int parse_document(const nb_text *text, nb_doc *doc, size_t max_table_rows, nb_error *err);

/* Helpers shared with table.c. */
size_t parse_display_width(const char *s, size_t len);
/* True when s is a number as tables print them: digits (ASCII or full-width), optional
 * thousands commas, one decimal point, an optional trailing %. */
bool parse_is_number(const char *s, size_t len);
/* Skips blanks (ASCII, U+3000, NBSP, form feed) from s; returns bytes skipped and adds their
 * display width to *cols when cols is not NULL. */
size_t parse_skip_blanks(const char *s, size_t len, size_t *cols);
/* True when needle occurs in s[0..len). */
bool parse_contains(const char *s, size_t len, const char *needle);
/* Length of s without trailing blanks. */
size_t parse_rtrim(const char *s, size_t len);

#endif /* NB_PARSE_H */
