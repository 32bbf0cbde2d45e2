/*
 * report_json.c — the report as JSON (the contract is documented in docs/json.md).
 *
 * Uses nianbao.h alone (a renderer any program could write), and jansson.
 * Must not: compute anything; it only renders what the stages produced.
 */
#include "render.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A JSON string from text that should be UTF-8 but may not be (file names from old archives
 * are often GBK): invalid bytes become U+FFFD rather than making the value disappear. */
static json_t *json_text(const char *s)
{
    if (!s) return json_null();
    size_t len = strlen(s), n = 0;
    char *fixed;
    int rc = nb_utf8_repair(s, len, &fixed, &n);
    if (rc == 0) return json_stringn(s, len);
    if (rc < 0) return json_null();
    json_t *j = json_stringn(fixed, n);
    free(fixed);
    return j;
}

static json_t *warnings_json(const nb_report *r)
{
    json_t *arr = json_array();
    const nb_warning *w;
    for (size_t i = 0; (w = nb_report_warning(r, i)); i++)
        json_array_append_new(arr, json_pack("{s:I, s:I, s:I, s:s}", "line", (json_int_t)w->line,
                                             "column", (json_int_t)w->column, "byte",
                                             (json_int_t)w->byte_offset, "message", w->message));
    return arr;
}

static json_t *line_or_null(size_t line)
{
    return line ? json_integer((json_int_t)line) : json_null();
}

static json_t *date_json(const nb_report *r)
{
    int y, m, d;
    if (!nb_report_date(r, &y, &m, &d)) return json_null();
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return json_string(buf);
}

static json_t *sections_json(const nb_report *r)
{
    json_t *arr = json_array();
    nb_block_info b;
    for (size_t i = 0; nb_report_block(r, i, &b); i++) {
        if (b.kind != NB_BLOCK_HEADING) continue;
        json_array_append_new(arr, json_pack("{s:i, s:o, s:o, s:I}", "level", b.level, "marker",
                                             json_text(b.marker), "title", json_text(b.text),
                                             "line", (json_int_t)b.line_first));
    }
    return arr;
}

/* The title of a table: the title blocks right before it. */
static json_t *table_title_json(const nb_report *r, long block)
{
    long b = block;
    nb_block_info prev;
    while (b > 0 && nb_report_block(r, (size_t)b - 1, &prev) &&
           (prev.kind == NB_BLOCK_TABLE_TITLE || prev.kind == NB_BLOCK_ATTACHMENT_TITLE))
        b--;
    json_t *arr = json_array();
    for (; b >= 0 && b < block; b++) {
        nb_block_info t;
        nb_report_block(r, (size_t)b, &t);
        json_array_append_new(arr, json_text(t.text));
    }
    return arr;
}

static json_t *number_json(const nb_value *v)
{
    if (v->overflow) return json_null();
    if (v->decimals == 0) return json_integer((json_int_t)v->units);
    return json_real(v->number);
}

/* How each form table was read. */
static json_t *readings_json(const nb_report *r, const char *lang)
{
    json_t *arr = json_array();
    nb_reading_info rd;
    for (size_t i = 0; nb_report_reading(r, i, lang, &rd); i++) {
        json_t *src = json_array();
        for (size_t k = 0; k < rd.sources; k++)
            json_array_append_new(src, json_integer((json_int_t)rd.source_tables[k]));
        json_t *o = json_object();
        json_object_set_new(o, "table", json_string(rd.table));
        json_object_set_new(o, "sources", src);
        json_object_set_new(o, "layout", json_string(rd.layout));
        json_object_set_new(o, "rows_by_label", json_integer((json_int_t)rd.rows_by_label));
        json_object_set_new(o, "rows_by_position", json_integer((json_int_t)rd.rows_by_position));
        json_object_set_new(o, "cells", json_integer((json_int_t)rd.cells));
        json_object_set_new(o, "identities_checked",
                            json_integer((json_int_t)rd.identities_checked));
        json_object_set_new(o, "identities_held", json_integer((json_int_t)rd.identities_held));
        json_object_set_new(o, "confidence", json_string(rd.confident ? "high" : "low"));
        json_object_set_new(o, "reason", json_text(rd.reason));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *figures_json(const nb_report *r)
{
    json_t *arr = json_array();
    nb_figure_info fig;
    for (size_t i = 0; nb_report_figure(r, i, &fig); i++) {
        json_t *o = json_object();
        json_object_set_new(o, "text", json_text(fig.text));
        json_object_set_new(o, "value", number_json(&fig.number));
        json_object_set_new(o, "qualifier", json_string(fig.qualifier));
        json_object_set_new(o, "unit", json_text(fig.unit));
        json_object_set_new(o, "line", json_integer((json_int_t)fig.line));
        json_object_set_new(o, "cell", fig.cell ? json_string(fig.cell) : json_null());
        if (fig.ncells > 1) {
            json_t *alts = json_array();
            for (size_t k = 0; k < fig.ncells; k++)
                json_array_append_new(alts, json_string(nb_report_figure_cell(r, i, k)));
            json_object_set_new(o, "cells", alts);
        }
        json_object_set_new(o, "pattern", json_string(fig.pattern));
        if (fig.alternative) /* another statistic its clause names as near */
            json_object_set_new(o, "alternative", json_string(fig.alternative));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* What was checked: the form's checks made of its total, the prose figures compared with the
 * table, each of the form's tables and how it was read (docs/json.md). */
static json_t *coverage_json(const nb_report *r)
{
    nb_check_counts c;
    nb_report_check_counts(r, &c);
    json_t *tables = json_array();
    for (size_t k = 0; k < c.tables; k++) {
        const char *title, *conf;
        const char *id = nb_report_table_coverage(r, k, &title, &conf);
        json_array_append_new(tables,
                              json_pack("{s:s, s:o, s:b, s:o}", "table", id, "title",
                                        json_text(title), "read", conf != NULL, "confidence",
                                        conf ? json_string(conf) : json_null()));
    }
    return json_pack("{s:o, s:I, s:I, s:I, s:I, s:o}", "form",
                     nb_report_form(r) ? json_string(nb_report_form(r)) : json_null(), "checks",
                     (json_int_t)c.rules, "checks_made", (json_int_t)c.rules_made, "figures",
                     (json_int_t)c.figures, "figures_made", (json_int_t)c.figures_made, "tables",
                     tables);
}

static json_t *findings_json(const nb_report *r, const char *lang)
{
    json_t *arr = json_array();
    const nb_finding *f;
    for (size_t i = 0; (f = nb_report_finding(r, i)); i++) {
        json_t *ev = json_array();
        for (size_t k = 0; k < nb_finding_evidence_count(f); k++) {
            const char *value, *text;
            size_t line = nb_finding_evidence(f, k, &value, &text);
            json_t *e = json_pack("{s:I, s:o, s:o}", "line", (json_int_t)line, "value",
                                  json_text(value), "text", json_text(text));
            /* a line of another report (year against year: the year before's) */
            const char *file = nb_finding_evidence_file(f, k);
            if (e && file) json_object_set_new(e, "file", json_text(file));
            json_array_append_new(ev, e);
        }
        json_t *o = json_object();
        json_object_set_new(o, "rule", json_text(nb_finding_rule(f)));
        json_object_set_new(o, "status", json_string(nb_status_name(nb_finding_status(f))));
        json_object_set_new(o, "severity", json_string(nb_severity_name(nb_finding_severity(f))));
        json_object_set_new(o, "line", line_or_null(nb_finding_line(f)));
        json_object_set_new(o, "message", json_text(nb_finding_message(f, lang)));
        json_object_set_new(o, "fingerprint", json_string(nb_finding_fingerprint(f)));
        json_object_set_new(o, "evidence", ev);
        if (nb_finding_review(f) != NB_REVIEW_NONE)
            json_object_set_new(
                o, "review",
                json_string(nb_finding_review(f) == NB_REVIEW_REVIEWED ? "reviewed" : "ignored"));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* The report object: everything but tables, cells and blocks, which are null here and written
 * by streaming (write_streaming) in their places. */
static json_t *report_object(const nb_report *r, const char *lang)
{
    json_t *o = json_object();
    size_t title_line, date_line;
    const char *title = nb_report_title(r, &title_line);
    int y, m, d;
    date_line = nb_report_date(r, &y, &m, &d);
    json_object_set_new(o, "file", json_text(nb_report_file(r)));
    json_object_set_new(o, "encoding", json_string(nb_encoding_name(nb_report_encoding(r))));
    json_object_set_new(o, "encoding_confidence",
                        json_string(nb_report_encoding_close(r) ? "low" : "high"));
    json_object_set_new(o, "bytes", json_integer((json_int_t)nb_report_input_bytes(r)));
    json_object_set_new(o, "lines", json_integer((json_int_t)nb_report_line_count(r)));
    json_object_set_new(o, "title", json_text(title));
    json_object_set_new(o, "title_line", line_or_null(title_line));
    json_object_set_new(o, "agency", json_text(nb_report_agency(r)));
    json_object_set_new(o, "year",
                        nb_report_year(r) ? json_integer(atoi(nb_report_year(r))) : json_null());
    json_object_set_new(o, "date", date_json(r));
    json_object_set_new(o, "date_line", line_or_null(date_line));
    json_object_set_new(o, "warnings", warnings_json(r));
    json_object_set_new(o, "warnings_not_listed",
                        json_integer((json_int_t)nb_report_warnings_dropped(r)));
    json_object_set_new(o, "sections", sections_json(r));
    json_object_set_new(o, "tables", json_null());
    json_object_set_new(o, "form",
                        nb_report_form(r) ? json_string(nb_report_form(r)) : json_null());
    json_object_set_new(o, "readings", readings_json(r, lang));
    json_object_set_new(o, "cells", json_null());
    json_object_set_new(o, "figures", figures_json(r));
    json_object_set_new(o, "blocks", json_null());
    if (nb_report_checked(r)) {
        json_object_set_new(o, "findings", findings_json(r, lang));
        json_object_set_new(o, "coverage", coverage_json(r));
        /* the report of the year before it was checked against (year against year) */
        if (nb_report_previous(r))
            json_object_set_new(o, "previous", json_text(nb_report_previous(r)));
    }
    return o;
}

/* ---- streaming: the large arrays are written an element at a time ---------------------- */

/* A writer that prints what json_dumpf would print for the whole report object (the same
 * bytes, pretty or compact), building only one table row, cell or block at a time: a report of
 * a million cells no longer holds a million JSON objects at once (issue 15). */
typedef struct jw {
    FILE *out;
    bool pretty;
    bool failed;
} jw;

static void jw_newline(jw *w, int depth)
{
    if (!w->pretty) return;
    fputc('\n', w->out);
    for (int i = 0; i < depth; i++) fputs("  ", w->out);
}

/* What json_dump_callback hands over, written out with each line break indented to the depth
 * of the value (so that no value is ever held whole as a string: a block of 3 MB of text was
 * dumped into a buffer of 9 MB). */
typedef struct jw_chunk {
    jw *w;
    int depth;
} jw_chunk;

static int jw_put(const char *buf, size_t size, void *data)
{
    jw_chunk *c = data;
    if (!c->w->pretty) return fwrite(buf, 1, size, c->w->out) == size ? 0 : -1;
    for (size_t i = 0, from = 0; i <= size; i++) {
        if (i < size && buf[i] != '\n') continue;
        if (i > from && fwrite(buf + from, 1, i - from, c->w->out) != i - from) return -1;
        if (i < size) jw_newline(c->w, c->depth);
        from = i + 1;
    }
    return 0;
}

/* Writes v (taking it) as json_dumpf would at nesting depth `depth`. */
static void jw_value(jw *w, json_t *v, int depth)
{
    jw_chunk c = {w, depth};
    if (!v ||
        json_dump_callback(v, jw_put, &c,
                           JSON_ENCODE_ANY | (w->pretty ? JSON_INDENT(2) : JSON_COMPACT)) != 0)
        w->failed = true;
    json_decref(v);
}

static void jw_key(jw *w, const char *key, bool first, int depth)
{
    if (!first) fputc(',', w->out);
    jw_newline(w, depth);
    jw_value(w, json_string(key), depth);
    fputs(w->pretty ? ": " : ":", w->out);
}

/* An array of n elements, element i made by make(ctx, i) and written at once. */
static void jw_array(jw *w, size_t n, json_t *(*make)(const void *, size_t), const void *ctx,
                     int depth)
{
    if (!n) {
        fputs("[]", w->out);
        return;
    }
    fputc('[', w->out);
    for (size_t i = 0; i < n && !w->failed; i++) {
        if (i) fputc(',', w->out);
        jw_newline(w, depth + 1);
        jw_value(w, make(ctx, i), depth + 1);
    }
    jw_newline(w, depth);
    fputc(']', w->out);
}

/* (ctx: a table of a report) */
typedef struct table_ref {
    const nb_report *r;
    size_t k;
} table_ref;

static json_t *row_json(const void *ctx, size_t row)
{
    const table_ref *t = ctx;
    nb_row_info ri;
    nb_report_table_row(t->r, t->k, row, &ri);
    json_t *cells = json_array();
    for (size_t c = 0; c < ri.cells; c++) {
        size_t line = 0;
        const char *text = nb_report_table_cell(t->r, t->k, row, c, &line);
        json_array_append_new(
            cells, json_pack("{s:o, s:I}", "text", json_text(text), "line", (json_int_t)line));
    }
    json_t *o = json_pack("{s:I, s:b, s:o}", "line", (json_int_t)ri.line, "header", ri.header,
                          "cells", cells);
    if (ri.group) json_object_set_new(o, "group", json_text(ri.group));
    return o;
}

/* A table: its object written key by key, its rows one at a time. */
static void jw_table(jw *w, const nb_report *r, size_t k, int depth)
{
    nb_table_info t;
    nb_report_table(r, k, &t);
    table_ref ref = {r, k};
    fputc('{', w->out);
    jw_key(w, "line", true, depth + 1);
    jw_value(w, json_integer((json_int_t)t.line_first), depth + 1);
    jw_key(w, "end_line", false, depth + 1);
    jw_value(w, json_integer((json_int_t)t.line_last), depth + 1);
    jw_key(w, "syntax", false, depth + 1);
    jw_value(w, json_string(t.syntax), depth + 1);
    jw_key(w, "title", false, depth + 1);
    jw_value(w, table_title_json(r, t.block), depth + 1);
    jw_key(w, "columns", false, depth + 1);
    jw_value(w, json_integer((json_int_t)t.columns), depth + 1);
    jw_key(w, "rows", false, depth + 1);
    jw_array(w, t.rows, row_json, &ref, depth + 1);
    jw_newline(w, depth);
    fputc('}', w->out);
}

static json_t *bound_cell_json(const void *ctx, size_t i)
{
    nb_cell_info c;
    nb_report_cell(ctx, i, &c);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(c.id));
    json_object_set_new(o, "row", json_text(c.row));
    json_object_set_new(o, "column", c.column ? json_text(c.column) : json_null());
    json_object_set_new(o, "unit", json_text(c.unit));
    json_object_set_new(o, "status", json_string(c.status));
    json_object_set_new(o, "value", c.has_value ? number_json(&c.number) : json_null());
    json_object_set_new(o, "raw", json_text(c.raw));
    json_object_set_new(o, "line", json_integer((json_int_t)c.line));
    if (c.unsure) json_object_set_new(o, "sure", json_false());
    return o;
}

static json_t *block_json(const void *ctx, size_t i)
{
    nb_block_info b;
    nb_report_block(ctx, i, &b);
    json_t *o = json_pack("{s:s, s:I, s:I}", "kind", nb_block_kind_name(b.kind), "line",
                          (json_int_t)b.line_first, "end_line", (json_int_t)b.line_last);
    if (b.level) json_object_set_new(o, "level", json_integer(b.level));
    if (b.marker[0]) json_object_set_new(o, "marker", json_text(b.marker));
    if (b.kind == NB_BLOCK_TABLE)
        json_object_set_new(o, "table", json_integer((json_int_t)b.table));
    else
        json_object_set_new(o, "text", json_text(b.text));
    return o;
}

/* The report as report_object gives it, with tables, cells and blocks streamed, and the
 * caller's fields last. */
static int write_streaming(const nb_report *r, FILE *out, bool pretty, const char *lang,
                           const nb_render_field *fields, size_t nfields)
{
    json_t *o = report_object(r, lang);
    if (!o) return -1;
    jw w = {.out = out, .pretty = pretty};
    size_t ntables = nb_report_table_count(r);
    fputc('{', out);
    bool first = true;
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v)
    {
        jw_key(&w, key, first, 1);
        first = false;
        if (json_is_null(v) && !strcmp(key, "tables")) {
            if (!ntables) {
                fputs("[]", out);
                continue;
            }
            fputc('[', out);
            for (size_t i = 0; i < ntables && !w.failed; i++) {
                if (i) fputc(',', out);
                jw_newline(&w, 2);
                jw_table(&w, r, i, 2);
            }
            jw_newline(&w, 1);
            fputc(']', out);
        } else if (json_is_null(v) && !strcmp(key, "cells")) {
            jw_array(&w, nb_report_cell_count(r), bound_cell_json, r, 1);
        } else if (json_is_null(v) && !strcmp(key, "blocks")) {
            jw_array(&w, nb_report_block_count(r), block_json, r, 1);
        } else {
            jw_value(&w, json_incref(v), 1);
        }
    }
    for (size_t i = 0; i < nfields; i++) {
        jw_key(&w, fields[i].key, first, 1);
        first = false;
        jw_value(&w,
                 fields[i].text ? json_text(fields[i].text)
                                : json_integer((json_int_t)fields[i].number),
                 1);
    }
    jw_newline(&w, 0);
    fputc('}', out);
    json_decref(o);
    return w.failed || ferror(out) ? -1 : 0;
}

int render_json(const nb_report *r, FILE *out, unsigned flags, const nb_render_field *fields,
                size_t nfields)
{
    const char *lang = flags & NB_RENDER_ENGLISH ? "en" : "zh";
    int rc = write_streaming(r, out, flags & NB_RENDER_PRETTY, lang, fields, nfields);
    if (rc == 0 && fputc('\n', out) == EOF) rc = -1;
    return rc;
}
