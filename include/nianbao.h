/*
 * nianbao.h — public interface of libnianbao, the library behind the `nianbao` command.
 *
 * nianbao reads Chinese government information-disclosure annual reports (政府信息公开工作年度报告)
 * from plain text in any of the encodings old archives use, and turns them into structure,
 * statistics, findings and PDF/A. The command line is one user of this interface among others.
 *
 * Conventions: every exported name starts with `nb_`; types a caller does not need to look
 * inside are opaque; functions that can fail fill an `nb_error` and return NULL or a nonzero
 * status; nothing here calls exit() or writes to stderr. There is no global mutable state, so
 * two reports can be processed in two threads at once.
 */
#ifndef NIANBAO_H
#define NIANBAO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Everything declared here is the shared library's interface; everything else in it is hidden
 * (it is built with -fvisibility=hidden). */
#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility push(default)
#endif

#define NIANBAO_VERSION "0.1.0"

/* The version of the library the program runs with (NIANBAO_VERSION is the header's). */
const char *nb_version(void);

/* Text from a report that should be UTF-8 but may not be (file names from old archives are
 * often GBK): 0 when s[0..len) is valid UTF-8; 1 with *out a copy (malloc'ed, NUL-terminated,
 * its length in *out_len) where each invalid sequence is U+FFFD; -1 when out of memory. */
int nb_utf8_repair(const char *s, size_t len, char **out, size_t *out_len);

/* ---- errors ------------------------------------------------------------------------------ */

typedef enum nb_code {
    NB_OK = 0,
    NB_ERR_USAGE,    /* a caller passed something meaningless (bad option value, …) */
    NB_ERR_IO,       /* an input (a report, a form, a font) could not be opened or read */
    NB_ERR_DECODE,   /* the input's bytes are not text in the chosen encoding */
    NB_ERR_LIMIT,    /* the input exceeds a configured limit (size, line length, …) */
    NB_ERR_NOMEM,    /* out of memory */
    NB_ERR_INTERNAL, /* a bug in nianbao */
    NB_ERR_WRITE,    /* an output (or a temporary file for it) could not be written */
} nb_code;

/* An error as a value. `line` and `column` are 1-based (0 when unknown); `byte_offset` counts
 * from 0 in the original input and is meaningful when `has_offset` is set. `message` holds the
 * text without the location, which a caller formats as it likes (see nb_error_format). */
typedef struct nb_error {
    nb_code code;
    char file[512];
    size_t line;
    size_t column;
    size_t byte_offset;
    bool has_offset;
    char message[512];
    char message_zh[768]; /* the message in Chinese ("" when it has no Chinese form) */
} nb_error;

/* The message in lang: "zh" Chinese (when it has a Chinese form), else English. */
const char *nb_error_message(const nb_error *err, const char *lang);
/* "FILE:LINE:COLUMN: MESSAGE" (the parts that are known) into buf, the message in lang as
 * nb_error_message; returns buf. */
const char *nb_error_format_lang(const nb_error *err, const char *lang, char *buf, size_t size);
/* "FILE:LINE:COLUMN: MESSAGE" (the parts that are known) into buf; returns buf. */
const char *nb_error_format(const nb_error *err, char *buf, size_t size);

/* Fills err (which may be NULL) with a code, a location (file may be NULL; 0 for an unknown
 * line or column) and a printf-style message: for a renderer or program of one's own that
 * reports errors the way the library does. */
void nb_error_set(nb_error *err, nb_code code, const char *file, size_t line, size_t column,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* ---- encodings --------------------------------------------------------------------------- */

typedef enum nb_encoding {
    NB_ENC_AUTO = 0, /* detect (the default) */
    NB_ENC_UTF8,
    NB_ENC_UTF8_BOM, /* UTF-8 that starts with a byte-order mark */
    NB_ENC_UTF16LE,
    NB_ENC_UTF16BE,
    NB_ENC_GB18030, /* also GBK and GB2312, which it contains */
    NB_ENC_BIG5,
} nb_encoding;

/* Canonical name ("UTF-8", "UTF-8-BOM", "UTF-16LE", "UTF-16BE", "GB18030", "BIG5"). */
const char *nb_encoding_name(nb_encoding enc);

/* Parses a name, case-insensitively, with common aliases (utf8, gbk, gb2312, cp936, big5, …).
 * Returns false when the name is unknown. */
bool nb_encoding_from_name(const char *name, nb_encoding *out);

/* ---- options ----------------------------------------------------------------------------- */

#define NB_DEFAULT_MAX_INPUT_BYTES ((size_t)64 * 1024 * 1024)
#define NB_MOST_INPUT_BYTES        ((size_t)1024 * 1024 * 1024) /* max_input_bytes above it: it */
#define NB_DEFAULT_MAX_WARNINGS    ((size_t)1000)
#define NB_DEFAULT_MAX_LINE_BYTES  ((size_t)16 * 1024 * 1024)
#define NB_MOST_LINE_BYTES         ((size_t)1024 * 1024 * 1024) /* max_line_bytes above it: it */
#define NB_DEFAULT_MAX_TABLE_ROWS  ((size_t)100000)
#define NB_DEFAULT_MAX_ROW_CELLS   ((size_t)4096)
#define NB_DEFAULT_MAX_HEADINGS    ((size_t)20000)
#define NB_DEFAULT_MAX_PAGES       ((size_t)32000) /* also the most (see layout.h) */

/* The statistics forms (forms/NAME.json), loaded once and shared read-only by any number of
 * reports and threads. */
typedef struct nb_formset nb_formset;

/* Loads every form file of dir; dir NULL means the default: $NIANBAO_FORMS, else the
 * installed share/nianbao/forms, else the source tree's forms/. NULL with err naming the file
 * and JSON path when a form file is broken. */
nb_formset *nb_formset_load(const char *dir, nb_error *err);
void nb_formset_free(nb_formset *fs);
size_t nb_formset_count(const nb_formset *fs);
const char *nb_formset_id(const nb_formset *fs, size_t i);
const char *nb_formset_title(const nb_formset *fs, size_t i);
/* Years a form is for ([min, max]), and the sizes of its definition. */
void nb_formset_describe(const nb_formset *fs, size_t i, int years[2], size_t *rows, size_t *rules,
                         size_t *patterns);
/* Rule k of form i as its file states it (one per rule, not per instance), then the document
 * rule on fees when the form has one (doc.fees), then its rules across years (years.*): its id,
 * severity ("error", "warning", "info"), title, and the official definition it rests on (basis; ""
 * when the file names none). Returns false when k is past the last. */
bool nb_formset_rule(const nb_formset *fs, size_t i, size_t k, const char **id,
                     const char **severity, const char **title, const char **basis);

typedef struct nb_options {
    nb_encoding encoding;    /* NB_ENC_AUTO to detect */
    bool lenient;            /* replace undecodable bytes with U+FFFD instead of failing */
    size_t max_input_bytes;  /* refuse larger inputs; 0 means NB_DEFAULT_MAX_INPUT_BYTES */
    size_t max_warnings;     /* warnings kept in detail; the rest are only counted */
    size_t max_line_bytes;   /* refuse a longer line; 0 means NB_DEFAULT_MAX_LINE_BYTES */
    size_t max_table_rows;   /* refuse a longer table; 0 means NB_DEFAULT_MAX_TABLE_ROWS */
    size_t max_row_cells;    /* refuse a table row of more cells; 0: NB_DEFAULT_MAX_ROW_CELLS */
    size_t max_headings;     /* refuse more headings; 0 means NB_DEFAULT_MAX_HEADINGS */
    const nb_formset *forms; /* NULL: each report loads the default forms itself */
    const char *form;        /* force this form id; NULL chooses the one that fits best */
    bool check;              /* run the cross-checks (findings) too */
} nb_options;

void nb_options_init(nb_options *opt);

/* ---- reports ----------------------------------------------------------------------------- */

typedef struct nb_report nb_report;

/* A warning about the input (for now: a byte sequence replaced under `lenient`). */
typedef struct nb_warning {
    size_t line;        /* 1-based line of the decoded text */
    size_t column;      /* 1-based, in characters */
    size_t byte_offset; /* from 0, in the original input */
    unsigned char bytes[4];
    unsigned char nbytes; /* how many of `bytes` are shown in the message */
    char message[160];    /* e.g. "invalid GB18030 byte sequence 0x81 0x20 at byte 1715" */
    char message_zh[240]; /* the same in Chinese */
} nb_warning;

/* Reads and decodes a file ("-" is standard input), then parses it, binds it to a form and,
 * when opt->check is set, checks it: every stage below in one call. NULL on failure, with
 * `err` filled. */
nb_report *nb_report_open(const char *path, const nb_options *opt, nb_error *err);

/* The same from bytes in memory; `name` is used in messages (may be NULL: "<input>"). */
nb_report *nb_report_from_bytes(const void *data, size_t len, const char *name,
                                const nb_options *opt, nb_error *err);

void nb_report_free(nb_report *r);

/* The stages one at a time. A stage runs the ones before it when they have not run (with their
 * defaults), and runs once: a second call returns 0 and changes nothing. Each returns 0, or -1
 * with err (the report stays usable for what the stages before gave). */
typedef enum nb_report_stage {
    NB_STAGE_DECODED, /* the text: lines, encoding, warnings */
    NB_STAGE_PARSED,  /* the document tree: blocks, tables, title, agency, year, date */
    NB_STAGE_BOUND,   /* the form chosen, its cells and the prose figures */
    NB_STAGE_CHECKED, /* the findings */
} nb_report_stage;

/* Reads and decodes only (nb_options' limits for the later stages are kept with the report). */
nb_report *nb_report_read(const char *path, const nb_options *opt, nb_error *err);
nb_report *nb_report_decode(const void *data, size_t len, const char *name, const nb_options *opt,
                            nb_error *err);
/* The document tree. The form set's vocabulary helps tell a table's labels (the same set is
 * used to bind); NULL: the installed forms, and when there are none the structure alone. */
int nb_report_parse(nb_report *r, const nb_formset *forms, nb_error *err);
/* Chooses the form (`form`: a form id to force, NULL for the best fit among the parse's set)
 * and reads its cells and the prose figures. NB_ERR_USAGE for an unknown form. */
int nb_report_bind(nb_report *r, const char *form, nb_error *err);
/* The cross-checks (then the findings getters and renderers have them). */
int nb_report_check(nb_report *r, nb_error *err);
/* The last stage done. */
nb_report_stage nb_report_stage_done(const nb_report *r);

/* Year against year: checks r against prev, the same agency's report of the year before, by
 * the rules across years of r's form ("across_years" in the form files: this year's 上年结转
 * is last year's 结转下年度继续办理, …) and adds the findings to r's (rules "years.*"). Their
 * messages name prev's file and lines, and so does their evidence (nb_finding_evidence_file).
 * Years that are not consecutive are one UNCERTAIN finding; a change of form between the
 * years is a note. Runs r's checks and prev's binding first when needed; once per report (a
 * second call returns 0 and adds nothing). 0, or -1 with err. */
int nb_report_check_previous(nb_report *r, nb_report *prev, nb_error *err);
/* The name of the report r was checked against by nb_report_check_previous, or NULL. */
const char *nb_report_previous(const nb_report *r);

const char *nb_report_file(const nb_report *r);
nb_encoding nb_report_encoding(const nb_report *r);
/* Whether the encoding was a close call between GB18030 and Big5 (a short text holding few
 * common characters): the caller may say so and name --encoding for the other. */
bool nb_report_encoding_close(const nb_report *r);
size_t nb_report_input_bytes(const nb_report *r);

/* Lines of the decoded, normalized UTF-8 text, numbered from 1. The returned text has no line
 * terminator and is not NUL-terminated; NULL when `lineno` is out of range. */
size_t nb_report_line_count(const nb_report *r);
const char *nb_report_line(const nb_report *r, size_t lineno, size_t *len);
/* Byte offset in the original input where line `lineno` starts. */
size_t nb_report_line_source_offset(const nb_report *r, size_t lineno);

/* A 64-bit hash (FNV-1a) of the decoded text: what a program records to know a report is the
 * same as when it was last converted. */
uint64_t nb_report_text_hash(const nb_report *r);

/* The whole decoded text (lines joined by '\n'), and its length. */
const char *nb_report_text(const nb_report *r, size_t *len);

size_t nb_report_warning_count(const nb_report *r);
const nb_warning *nb_report_warning(const nb_report *r, size_t i);
/* Warnings that happened beyond `max_warnings` and were only counted. */
size_t nb_report_warnings_dropped(const nb_report *r);

/* The reporting agency ("" when unknown) and year ("2017"; NULL when unknown). */
const char *nb_report_agency(const nb_report *r);
/* The line the agency was read from (0 when none). */
size_t nb_report_agency_line(const nb_report *r);
const char *nb_report_year(const nb_report *r);

/* An agency's name as a key for finding its reports of other years (README, "Year against
 * year"): traditional and full-width characters folded, an aside in brackets, spaces and
 * punctuation dropped, short forms written out by the forms' list (环保局 → 环境保护局;
 * fs NULL: none). Writes at most size bytes with the NUL; returns the length it needs. */
size_t nb_agency_key(const nb_formset *fs, const char *agency, char *out, size_t size);
/* Whether two keys name the same agency: equal, or the longer is the shorter with whole places
 * before it (昆明市 + 官渡区环境保护局) and the shorter names a place itself. */
bool nb_agency_same(const char *a, const char *b);

/* The id of the form the report's tables were bound to, or NULL when none fits. */
const char *nb_report_form(const nb_report *r);

/* Writes s as one CSV field (RFC 4180: quoted when it holds a comma, a quote or a line break),
 * then a comma, or CRLF when it is the row's last. */
void nb_csv_field(FILE *out, const char *s, bool last);
/* s as HTML text (& < > " ' escaped, control characters shown, broken UTF-8 repaired). */
void nb_html_text(FILE *out, const char *s);

/* ---- atomic outputs -------------------------------------------------------------------------- */

/* Writing an output atomically, as every command of the program does: an anonymous file in the
 * target's directory (O_TMPFILE) or, where the file system has none, a hidden temporary beside
 * the target (".NAME.nbtmp-PID-XXXXXX": named for this process, never anyone else's), flushed
 * to disk, checked, and put under its final name only when complete. A reader never sees a
 * partial file; a killed run leaves no file behind where anonymous files are possible; no run
 * ever removes a file it did not create. */
/* Reads the umask once. umask(2) can only be read by setting it, which would race with other
 * threads creating files; call this before starting threads (nb_outfile_open calls it too). */
void nb_outfile_init(void);

/* True when path names something that exists and is not a regular file (a FIFO, a device,
 * /dev/stdout): such a target is written in place, since renaming onto it would replace it. */
bool nb_output_in_place(const char *path);

/* True when writing output would overwrite input: the same name, or the same file under
 * another (a link, a relative path): every command refuses that ("-" is never a file). */
bool nb_output_is_input(const char *output, const char *input);

/* The bytes of the markup a conversion left at s, len bytes: an HTML comment or Word's
 * conditional (<!--[if !supportLists]-->), an inline tag without text of its own (<br>,
 * </span>), a character reference (&nbsp;); 0 when s begins with none. The PDF leaves such
 * markup inside a line of text out (check lists it: doc.debris). */
size_t nb_markup_length(const char *s, size_t len);

/* An output being written. */
typedef struct nb_outfile {
    int fd;
    bool anon;       /* an O_TMPFILE file: no name until committed */
    char tmp[4200];  /* the temporary name (named files; anonymous ones while committing) */
    char path[4096]; /* the final name */
} nb_outfile;

/* Starts writing path: returns 0, or -1 with errno set. */
int nb_outfile_open(nb_outfile *o, const char *path);
/* A name that opens the file being written, for a library that wants a path:
 * /proc/self/fd/N for an anonymous file, else the temporary name. */
const char *nb_outfile_name(const nb_outfile *o, char *buf, size_t size);
/* Writes len bytes at the file's offset: 0, or -1 with errno set. */
int nb_outfile_write(nb_outfile *o, const void *data, size_t len);
/* Finishes: flushed to disk (fsync), then under the final name. Returns 0, or -1 with errno
 * set, and then nothing is left under either name. */
int nb_outfile_commit(nb_outfile *o);
/* Gives up: the file is closed and removed; the final name is untouched. */
void nb_outfile_abort(nb_outfile *o);

/* ---- the document ------------------------------------------------------------------------- */

/* The title as read, and its line (0 when none); the date under the signature (0 when none:
 * *y, *m, *d are left alone), returning its line. */
const char *nb_report_title(const nb_report *r, size_t *line);
size_t nb_report_date(const nb_report *r, int *y, int *m, int *d);

/* What a block of the document tree is. */
typedef enum nb_block_kind {
    NB_BLOCK_TITLE,
    NB_BLOCK_SUBTITLE, /* short lines under the title: the agency, (2017年度), a date */
    NB_BLOCK_HEADING,
    NB_BLOCK_PARAGRAPH,
    NB_BLOCK_LIST_ITEM, /* 一是… 二是… */
    NB_BLOCK_SIGNATURE, /* the agency's name above the date */
    NB_BLOCK_DATE,
    NB_BLOCK_ATTACHMENT,       /* 附件1 */
    NB_BLOCK_ATTACHMENT_TITLE, /* the line after it */
    NB_BLOCK_TABLE_TITLE, /* 表二…, 第二十条第（一）项, (2017年度), 填报单位… */
    NB_BLOCK_TABLE,
    NB_BLOCK_NOTE, /* table footers: 单位负责人…, 注：…, loose fragments near tables */
    NB_BLOCK_FUSED_TABLE, /* a table whose cells ran together in a run-together body: unread */
} nb_block_kind;

/* One block of the document tree, in reading order. Strings belong to the report. */
typedef struct nb_block_info {
    nb_block_kind kind;
    int level;          /* headings: 1 一、 2 （一） 3 1. 4 （1）; 0 otherwise */
    const char *marker; /* headings and list items: "一、", "（一）", "一是"; else "" */
    const char *text;   /* without the marker */
    size_t line_first, line_last;
    long parent; /* the enclosing heading's block index, -1 at the top */
    long table;  /* NB_BLOCK_TABLE: the table's index (nb_report_table), else -1 */
    bool run_in; /* a heading whose paragraph goes on in its line ("（一）总体情况。本年度…"): the
                  * 。 closing it is in neither text */
} nb_block_info;

/* "title", "heading", "paragraph", "table", … (docs/json.md) */
const char *nb_block_kind_name(nb_block_kind kind);

/* Whether the cross-checks ran (nb_options.check or nb_report_check). */
bool nb_report_checked(const nb_report *r);

size_t nb_report_block_count(const nb_report *r);
/* Block i into *out: true, or false when i is out of range. */
bool nb_report_block(const nb_report *r, size_t i, nb_block_info *out);

/* One table as written in the report (before any form is applied). */
typedef struct nb_table_info {
    const char *syntax; /* "pipe", "markdown", "tab", "box", "aligned", "cells" */
    size_t rows;        /* rows, header rows included */
    size_t columns;     /* cells in the longest row */
    size_t cells;       /* cells over all rows (rows may differ in length) */
    size_t line_first, line_last;
    long block; /* its NB_BLOCK_TABLE block (the blocks before it may be its title) */
} nb_table_info;

size_t nb_report_table_count(const nb_report *r);
bool nb_report_table(const nb_report *r, size_t k, nb_table_info *out);
/* Row `row` of table k: its line, whether it is a header row, the merged label spanning it and
 * the rows around it (NULL when none: "（三）不予公开"), and its cells. */
typedef struct nb_row_info {
    size_t line;
    bool header;
    const char *group;
    size_t cells;
} nb_row_info;
bool nb_report_table_row(const nb_report *r, size_t k, size_t row, nb_row_info *out);

/* The text of cell `col` of row `row` of table k ("" for an empty cell), and its line; NULL
 * when out of range. */
const char *nb_report_table_cell(const nb_report *r, size_t k, size_t row, size_t col,
                                 size_t *line);

/* A number as the report states it: units / 10^decimals exactly; overflow when it has more
 * digits than fit (never compared). `number` is the nearest double. */
typedef struct nb_value {
    long long units;
    int decimals;
    bool overflow;
    double number;
} nb_value;

/* ---- the form's cells ---------------------------------------------------------------------- */

/* A cell of the bound form (nb_report_form) as read from the report's tables. */
typedef struct nb_cell_info {
    const char *id;     /* the form's cell id ("t3.total.new") */
    const char *row;    /* the form row's label */
    const char *column; /* the form column's label; NULL for a one-column table */
    const char *unit;   /* "" when the row has none */
    const char *status; /* how it was printed: "number", "zero", "blank", "dash", "text", … */
    const char *raw;    /* as printed */
    char value[64];     /* the number as a decimal ("98", "1.5"); "" unless a number or zero */
    bool has_value;     /* a number or zero: `number` holds it */
    nb_value number;
    size_t line;
    bool unsure; /* placed by position where the layout left a choice: never a FAIL alone */
    /* the labels the form prints over its row, outermost first ("三、本年度办理结果",
     * "（三）不予公开"): ngroups of them */
    const char *const *groups;
    size_t ngroups;
    /* the labels the form prints over its column, outermost first ("申请人情况",
     * "法人或其他组织"): ncolumn_groups of them */
    const char *const *column_groups;
    size_t ncolumn_groups;
    /* the labels the form prints over the row's columns when it prints its table across
     * (nb_reading_info.across), outermost first (行政诉讼, 未经复议直接起诉; the row's label
     * when the form names none): nheading of them */
    const char *const *heading;
    size_t nheading;
} nb_cell_info;

size_t nb_report_cell_count(const nb_report *r);
bool nb_report_cell(const nb_report *r, size_t i, nb_cell_info *out);

/* How many figures the prose states that a pattern of the form recognized. */
size_t nb_report_figure_count(const nb_report *r);

/* A figure stated in the prose ("通过门户网站发布98条信息", "发布微博300余篇"). */
typedef struct nb_figure_info {
    const char *text;      /* the phrase as written */
    char value[64];        /* the number as a decimal ("98", "300"); "" when too large */
    const char *qualifier; /* "exact", "at_least" (300余), "more_than", … */
    const char *unit;      /* "条", "篇", "" */
    size_t line;
    const char *pattern;     /* the form's pattern that recognized it ("website") */
    const char *cell;        /* the form cell it states (the first when it may be several) */
    size_t ncells;           /* how many cells its pattern may state */
    const char *alternative; /* another pattern its clause names as near, or NULL */
    nb_value number;
} nb_figure_info;
bool nb_report_figure(const nb_report *r, size_t i, nb_figure_info *out);
/* The k-th form cell figure i may state (0 .. ncells-1), or NULL. */
const char *nb_report_figure_cell(const nb_report *r, size_t i, size_t k);

/* How a table of the bound form was read (one per form table found). */
typedef struct nb_reading_info {
    const char *table;           /* the form table's id ("t3") */
    const char *layout;          /* how the document's table was laid out, as bind.c read it */
    size_t sources;              /* how many of the document's tables it was read from */
    long first_source;           /* the first of them (nb_report_table's index), -1 when none */
    const size_t *source_tables; /* all of them (sources entries) */
    size_t rows_by_label, rows_by_position, cells;
    size_t identities_checked, identities_held;
    bool confident;     /* "high" confidence: its readings may yield an error FAIL */
    const char *reason; /* why, in the language asked for */
    /* how the form prints the table: across (表四: its rows side by side, one row of values)
     * or down; and the note it prints in the table's corner ("" for none: 表三's 本列数据的勾稽
     * 关系为…) */
    bool across;
    const char *note;
} nb_reading_info;
size_t nb_report_reading_count(const nb_report *r);
bool nb_report_reading(const nb_report *r, size_t i, const char *lang, nb_reading_info *out);

/* ---- findings ------------------------------------------------------------------------------ */

/* Findings of the cross-checks (when nb_options.check was set), ordered by line. */
typedef enum nb_status {
    NB_STATUS_PASS,
    NB_STATUS_FAIL,
    NB_STATUS_UNCERTAIN,      /* an operand is blank, not applicable, text or not printed */
    NB_STATUS_NOT_ASSESSABLE, /* the table is missing */
} nb_status;

typedef enum nb_severity {
    NB_SEV_ERROR,
    NB_SEV_WARNING,
    NB_SEV_INFO,
} nb_severity;

/* "PASS", "FAIL", "UNCERTAIN", "NOT_ASSESSABLE"; "error", "warning", "info". */
const char *nb_status_name(nb_status s);
const char *nb_severity_name(nb_severity s);

typedef struct nb_finding nb_finding; /* owned by the report */

/* A reviewer's mark on a finding: reviewed (judged, e.g. from a baseline: listed as reviewed,
 * not counted as an error, warning or note) or ignored (its rule is not wanted: not listed, not
 * counted). */
typedef enum nb_review {
    NB_REVIEW_NONE,
    NB_REVIEW_REVIEWED,
    NB_REVIEW_IGNORED,
} nb_review;

size_t nb_report_finding_count(const nb_report *r);
/* Finding i, or NULL when out of range. */
const nb_finding *nb_report_finding(const nb_report *r, size_t i);
const char *nb_finding_rule(const nb_finding *f); /* "t3.balance", "prose.website", … */
nb_status nb_finding_status(const nb_finding *f);
nb_severity nb_finding_severity(const nb_finding *f);
/* The line it is reported at (0: the whole report); the other side is in the message and the
 * evidence. */
size_t nb_finding_line(const nb_finding *f);
/* The message in lang: "en", else Chinese. */
const char *nb_finding_message(const nb_finding *f, const char *lang);
/* "F" and sixteen hex digits, the same while the finding is (for baselines; the letter keeps a
 * spreadsheet from reading it as a number). */
const char *nb_finding_fingerprint(const nb_finding *f);
/* Its mark (NB_REVIEW_NONE unless marked). */
nb_review nb_finding_review(const nb_finding *f);
/* Marks the findings (not PASS) with this fingerprint, or of this rule ("t3.balance"; a prefix
 * ending in '.' marks a family: "prose."); a later mark replaces an earlier one. Returns how
 * many findings were marked. */
size_t nb_report_mark_fingerprint(nb_report *r, const char *fingerprint, nb_review how);
size_t nb_report_mark_rule(nb_report *r, const char *rule, nb_review how);

/* The lines a finding cites, each with the value as printed ("" when none) and the row label or
 * prose phrase: evidence k's line (0 when k is out of range). */
size_t nb_finding_evidence_count(const nb_finding *f);
size_t nb_finding_evidence(const nb_finding *f, size_t k, const char **value, const char **text);
/* The file evidence k is in: NULL for the report's own lines, else the other report's name
 * (a finding year against year cites the year before's report). */
const char *nb_finding_evidence_file(const nb_finding *f, size_t k);

typedef struct nb_check_counts {
    size_t errors, warnings, infos; /* non-PASS findings by severity, unless marked */
    size_t reviewed, ignored;       /* non-PASS findings marked so (nb_report_mark_*) */
    size_t pass, fail, uncertain, not_assessable;
    /* coverage: the form's checks (one per rule instance) and the prose figures compared with
     * the table, how many of each were made (PASS or FAIL); the form's tables, how many were
     * found and how many of those read with confidence */
    size_t rules, rules_made, figures, figures_made;
    size_t tables, tables_found, tables_confident;
} nb_check_counts;

void nb_report_check_counts(const nb_report *r, nb_check_counts *out);

/* The form's table number k (0 .. tables-1 of nb_check_counts): its id (t2, main…), title, and
 * how it was read: "high", "low", or NULL when it was not found. */
const char *nb_report_table_coverage(const nb_report *r, size_t k, const char **title,
                                     const char **confidence);

/* ---- PDF/A ------------------------------------------------------------------------------- */

/* The fonts a PDF is set in: the built-in one (fonts_dir: NULL for $NIANBAO_FONTS or the
 * installed ones), the system Song and Kai faces when installed, and body / heading overrides
 * (TrueType files; NULL for none). Open once and share it between reports and threads, as a
 * form set is: it is only read. NULL with err (NB_ERR_USAGE for an override that is not a
 * usable TrueType font, NB_ERR_IO when the built-in font is missing). */
typedef struct nb_fontset nb_fontset;
nb_fontset *nb_fontset_open(const char *fonts_dir, const char *body_font, const char *heading_font,
                            nb_error *err);
void nb_fontset_free(nb_fontset *fs);

/* How a report's statistics tables are set in its PDF. */
typedef enum nb_table_layout {
    /* In the layout of the form they were bound to (its row and column labels, each value as
     * printed) where that is safe: a table read with high confidence whose every printed figure
     * was bound to a cell of a form table of rows × columns; elsewhere as printed. */
    NB_TABLES_FORM = 0,
    NB_TABLES_SOURCE, /* as printed: the reader's rows and cells */
} nb_table_layout;

typedef struct nb_pdf_options {
    const nb_fontset *fonts;  /* the fonts to use (shared); NULL: opened from the next three */
    const char *fonts_dir;    /* the built-in fonts; NULL: $NIANBAO_FONTS or the installed ones */
    const char *body_font;    /* --font-body: a TrueType file for the body; NULL for Song */
    const char *heading_font; /* --font-heading: for headings and the title; NULL for Hei */
    long long creation_time;  /* seconds since 1970 (UTC) for Info and XMP; 0: now, */
    bool creation_time_set;   /* unless this is set (SOURCE_DATE_EPOCH=0 is 1970) */
    size_t max_pages;         /* refuse a longer document (NB_ERR_LIMIT); 0 or more than
                               * NB_DEFAULT_MAX_PAGES: NB_DEFAULT_MAX_PAGES */
    /* Called for each character no font can draw (it is drawn as 〓); may be NULL. */
    void (*warn)(void *ctx, const char *file, size_t line, const char *message);
    void *warn_ctx;
    const char *lang;       /* of the warnings: "zh" Chinese, else English */
    nb_table_layout tables; /* how the statistics tables are set (NB_TABLES_FORM: 0) */
} nb_pdf_options;

/* Typesets the report as PDF/A-1b after GB/T 9704 into path, atomically (a temporary name,
 * then rename: on failure nothing is left under path); *pages (may be NULL) gets the number of
 * pages. Returns 0, or -1 with err. */
int nb_report_write_pdf(const nb_report *r, const char *path, const nb_pdf_options *opt,
                        size_t *pages, nb_error *err);

/* ---- typesetting any document -------------------------------------------------------------- */

/* A PDF/A-1b document typeset after GB/T 9704 from blocks handed in one by one, in reading
 * order: a report's own (nb_typeset_report) and any others around them. What is handed in is
 * copied. Pages are laid out and written when it is closed. */
typedef struct nb_typeset nb_typeset;

/* Starts the PDF at path (a temporary file until nb_typeset_close puts it there); source is
 * the input's name for warnings and errors (NULL: path). NULL with err (NB_ERR_WRITE when the
 * place cannot be written, the font set's errors). */
nb_typeset *nb_typeset_open(const char *path, const char *source, const nb_pdf_options *opt,
                            nb_error *err);
/* A block of text of the given kind (any but NB_BLOCK_TABLE; a heading's level 1–4), its
 * marker ("一、"; NULL or "" for none) and source line. 0, or -1 when it cannot be taken (out
 * of memory, a wrong kind or level): nb_typeset_close then fails and says why. */
int nb_typeset_block(nb_typeset *ts, nb_block_kind kind, int level, const char *marker,
                     const char *text, size_t line);
/* A table cell: its text ("" or NULL for an empty one) and source line, the columns it spans
 * from its own on (0 or 1: its own; a header over several columns, set centred), and in a
 * header row the header rows it spans from its own down (0 or 1: its own; 自然人 under
 * 申请人情况 beside 法人或其他组织's two rows; at most 8). The cells it covers must be empty.
 * Header cells are set centred in their boxes. */
typedef struct nb_typeset_cell {
    const char *text;
    size_t line;
    size_t columns;
    size_t rows;
} nb_typeset_cell;
/* A table: rows × columns cells, row by row, the first header_rows of them header rows.
 * Cells after the first column that hold a figure (or a dash standing for none) are set right.
 * The first column is the labels' (wider, wrapped); when it is empty in every row it is left
 * out and the other columns share the measure alike (表四's fifteen values).
 * 0, or -1 as nb_typeset_block. */
int nb_typeset_table(nb_typeset *ts, size_t rows, size_t columns, size_t header_rows,
                     const nb_typeset_cell *cells, size_t line);
/* The document's title and author (the agency) with their source lines, its subject, and a
 * seed for the file's /ID (the same seed, the same ID: nb_report_text_hash). */
int nb_typeset_metadata(nb_typeset *ts, const char *title, size_t title_line, const char *author,
                        size_t author_line, const char *subject, uint64_t id_seed);
/* Adds report r as nb_report_write_pdf sets it: its blocks and tables, title, agency and
 * text hash. 0, or -1 with err. */
int nb_typeset_report(nb_typeset *ts, const nb_report *r, nb_error *err);
/* nb_typeset_report with its statistics tables set as `tables` says (nb_typeset_report: in the
 * form's layout where safe). */
int nb_typeset_report_tables(nb_typeset *ts, const nb_report *r, nb_table_layout tables,
                             nb_error *err);
/* Lays out and writes the pages, and puts the file under its name; *pages (may be NULL) gets
 * their number. 0, or -1 with err and no file left. Frees ts either way. */
int nb_typeset_close(nb_typeset *ts, size_t *pages, nb_error *err);
/* Gives up: no file is left, ts is freed. */
void nb_typeset_abort(nb_typeset *ts);

/* Every rendering of a report through one call: the format, and a flags word for the options
 * (a flag that does not apply to the format is ignored). */
typedef enum nb_format {
    NB_FORMAT_JSON,         /* the extract JSON, with the findings when checked (docs/json.md) */
    NB_FORMAT_CELLS_CSV,    /* the bound cells, a row each */
    NB_FORMAT_FINDINGS,     /* like a compiler's messages, then a summary line */
    NB_FORMAT_FINDINGS_CSV, /* a finding a row (UTF-8 with a BOM before the header) */
    NB_FORMAT_SUMMARY,      /* a short text: encoding, title, headings, tables */
    NB_FORMAT_HTML,         /* the review page: the text with line numbers, the findings with
                             * both sides marked in it, the form's table by cell status; one
                             * self-contained file (no network, no other file) */
} nb_format;

enum {
    NB_RENDER_PRETTY = 1u << 0,    /* JSON indented (else one line) */
    NB_RENDER_ENGLISH = 1u << 1,   /* messages in English (else Chinese) */
    NB_RENDER_COLOUR = 1u << 2,    /* ANSI colours in the findings */
    NB_RENDER_SHOW_PASS = 1u << 3, /* the checks that passed too */
    NB_RENDER_HEADER = 1u << 4,    /* a CSV header row first */
};

/* Writes r to out in format with flags (NB_RENDER_*). 0, or -1 with err (NB_ERR_WRITE when
 * out could not be written). */
int nb_report_render(const nb_report *r, FILE *out, nb_format format, unsigned flags,
                     nb_error *err);

/* A member a caller adds at the end of the JSON object ("pdf_pages": 8): text, or when text is
 * NULL the number. */
typedef struct nb_render_field {
    const char *key;
    const char *text;
    long long number;
} nb_render_field;
/* nb_report_render with fields added (NB_FORMAT_JSON; the other formats ignore them). */
int nb_report_render_fields(const nb_report *r, FILE *out, nb_format format, unsigned flags,
                            const nb_render_field *fields, size_t nfields, nb_error *err);

#if defined(__GNUC__) && __GNUC__ >= 4
#pragma GCC visibility pop
#endif

#ifdef __cplusplus
}
#endif
#endif /* NIANBAO_H */
