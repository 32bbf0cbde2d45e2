/*
 * report_json.c — the report as JSON (the contract is documented in docs/json.md).
 *
 * Must not: compute anything; it only renders what the stages produced.
 */
#include "report.h"

#include "error.h"

#include "utf8.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* A JSON string from text that should be UTF-8 but may not be (file names from old archives
 * are often GBK): invalid bytes become U+FFFD rather than making the value disappear. */
static json_t *json_text(const char *s)
{
    size_t len = strlen(s);
    if (nb_utf8_validate((const unsigned char *)s, len) == len) return json_stringn(s, len);
    char *buf = malloc(3 * len + 1);
    if (!buf) return json_null();
    size_t n = 0, adv;
    for (size_t i = 0; i < len; i += adv) {
        if (nb_utf8_decode((const unsigned char *)s + i, len - i, &adv) == NB_UTF8_INVALID) {
            memcpy(buf + n, "\xEF\xBF\xBD", 3);
            n += 3;
        } else {
            memcpy(buf + n, s + i, adv);
            n += adv;
        }
    }
    json_t *j = json_stringn(buf, n);
    free(buf);
    return j;
}

static json_t *warnings_json(const nb_report *r)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->text.nwarnings; i++) {
        const nb_warning *w = &r->text.warnings[i];
        json_array_append_new(arr, json_pack("{s:I, s:I, s:I, s:s}", "line", (json_int_t)w->line,
                                             "column", (json_int_t)w->column, "byte",
                                             (json_int_t)w->byte_offset, "message", w->message));
    }
    return arr;
}

static json_t *line_or_null(size_t line)
{
    return line ? json_integer((json_int_t)line) : json_null();
}

static json_t *date_json(const nb_doc *d)
{
    if (!d->date_year) return json_null();
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", d->date_year, d->date_month, d->date_day);
    return json_string(buf);
}

static json_t *sections_json(const nb_doc *d)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        if (b->kind != NB_BLOCK_HEADING) continue;
        json_array_append_new(arr, json_pack("{s:i, s:o, s:o, s:I}", "level", b->level, "marker",
                                             json_text(b->marker), "title", json_text(b->text),
                                             "line", (json_int_t)b->line_first));
    }
    return arr;
}

/* The title of a table: the title blocks right before it. */
static json_t *table_title_json(const nb_doc *d, const nb_table *t)
{
    long b = t->block;
    while (b > 0 && (d->blocks[b - 1].kind == NB_BLOCK_TABLE_TITLE ||
                     d->blocks[b - 1].kind == NB_BLOCK_ATTACHMENT_TITLE))
        b--;
    json_t *arr = json_array();
    for (; b >= 0 && b < t->block; b++) json_array_append_new(arr, json_text(d->blocks[b].text));
    return arr;
}

static json_t *number_json(const nb_number *n)
{
    if (n->overflow) return json_null();
    if (n->decimals == 0) return json_integer((json_int_t)n->units);
    return json_real(nb_number_double(n));
}

/* How each form table was read (bind.h's nb_reading). */
static json_t *readings_json(const nb_report *r, bool en)
{
    json_t *arr = json_array();
    const nb_form *f = r->form;
    for (size_t i = 0; f && i < r->binding.nreadings; i++) {
        const nb_reading *rd = &r->binding.readings[i];
        json_t *src = json_array();
        for (size_t k = 0; k < rd->nsources; k++)
            json_array_append_new(src, json_integer((json_int_t)rd->sources[k]));
        json_t *o = json_object();
        json_object_set_new(o, "table", json_string(f->tables[rd->table].id));
        json_object_set_new(o, "sources", src);
        json_object_set_new(o, "layout", json_string(rd->layout));
        json_object_set_new(o, "rows_by_label", json_integer((json_int_t)rd->rows_by_label));
        json_object_set_new(o, "rows_by_position", json_integer((json_int_t)rd->rows_by_order));
        json_object_set_new(o, "cells", json_integer((json_int_t)rd->cells));
        json_object_set_new(o, "identities_checked",
                            json_integer((json_int_t)rd->identities_checked));
        json_object_set_new(o, "identities_held", json_integer((json_int_t)rd->identities_held));
        json_object_set_new(o, "confidence", json_string(rd->confident ? "high" : "low"));
        json_object_set_new(o, "reason", json_text(en ? rd->reason_en : rd->reason_zh));
        json_array_append_new(arr, o);
    }
    return arr;
}

static json_t *figures_json(const nb_report *r)
{
    json_t *arr = json_array();
    const nb_form *f = r->figures_form;
    for (size_t i = 0; f && i < r->figures.n; i++) {
        const nb_figure *fig = &r->figures.items[i];
        const nb_form_pattern *p = &f->patterns[fig->pattern];
        json_t *o = json_object();
        json_object_set_new(o, "text", json_text(fig->text));
        json_object_set_new(o, "value", number_json(&fig->value));
        json_object_set_new(o, "qualifier", json_string(nb_qualifier_name(fig->value.qualifier)));
        json_object_set_new(o, "unit", json_text(fig->value.unit));
        json_object_set_new(o, "line", json_integer((json_int_t)fig->line));
        json_object_set_new(o, "cell",
                            p->ncells ? json_string(form_operand_id(f, p->cells[0])) : json_null());
        if (p->ncells > 1) {
            json_t *alts = json_array();
            for (size_t k = 0; k < p->ncells; k++)
                json_array_append_new(alts, json_string(form_operand_id(f, p->cells[k])));
            json_object_set_new(o, "cells", alts);
        }
        json_object_set_new(o, "pattern", json_string(p->id));
        if (fig->alt >= 0) /* another statistic its clause names as near */
            json_object_set_new(o, "alternative", json_string(f->patterns[fig->alt].id));
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
    return json_pack(
        "{s:o, s:I, s:I, s:I, s:I, s:o}", "form", r->form ? json_string(r->form->id) : json_null(),
        "checks", (json_int_t)c.rules, "checks_made", (json_int_t)c.rules_made, "figures",
        (json_int_t)c.figures, "figures_made", (json_int_t)c.figures_made, "tables", tables);
}

static json_t *findings_json(const nb_report *r, bool en)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < r->findings.n; i++) {
        const nb_finding *f = &r->findings.items[i];
        json_t *ev = json_array();
        for (size_t k = 0; k < f->nevidence; k++)
            json_array_append_new(ev, json_pack("{s:I, s:o, s:o}", "line",
                                                (json_int_t)f->evidence[k].line, "value",
                                                json_text(f->evidence[k].value), "text",
                                                json_text(f->evidence[k].text)));
        json_t *o = json_object();
        json_object_set_new(o, "rule", json_text(f->rule));
        json_object_set_new(o, "status", json_string(nb_status_name(f->status)));
        json_object_set_new(o, "severity", json_string(nb_severity_name(f->severity)));
        json_object_set_new(o, "line", f->line ? json_integer((json_int_t)f->line) : json_null());
        json_object_set_new(o, "message", json_text(en ? f->message_en : f->message_zh));
        json_object_set_new(o, "fingerprint", json_string(f->fingerprint));
        json_object_set_new(o, "evidence", ev);
        json_array_append_new(arr, o);
    }
    return arr;
}

/* The report object: everything but tables, cells and blocks, which are null here and written
 * by streaming (write_streaming) in their places. */
static json_t *report_object(const nb_report *r, const char *lang)
{
    const nb_doc *d = &r->doc;
    json_t *o = json_object();
    json_object_set_new(o, "file", json_text(r->file));
    json_object_set_new(o, "encoding", json_string(nb_encoding_name(r->text.encoding)));
    json_object_set_new(o, "encoding_confidence",
                        json_string(r->text.encoding_close ? "low" : "high"));
    json_object_set_new(o, "bytes", json_integer((json_int_t)r->input_bytes));
    json_object_set_new(o, "lines", json_integer((json_int_t)r->text.nlines));
    json_object_set_new(o, "title", json_text(d->title));
    json_object_set_new(o, "title_line", line_or_null(d->title_line));
    json_object_set_new(o, "agency", json_text(d->agency));
    json_object_set_new(o, "year", d->year ? json_integer(d->year) : json_null());
    json_object_set_new(o, "date", date_json(d));
    json_object_set_new(o, "date_line", line_or_null(d->date_line));
    json_object_set_new(o, "warnings", warnings_json(r));
    json_object_set_new(o, "warnings_not_listed",
                        json_integer((json_int_t)r->text.warnings_dropped));
    json_object_set_new(o, "sections", sections_json(d));
    json_object_set_new(o, "tables", json_null());
    json_object_set_new(o, "form", r->form ? json_string(r->form->id) : json_null());
    json_object_set_new(o, "readings", readings_json(r, lang && strcmp(lang, "en") == 0));
    json_object_set_new(o, "cells", json_null());
    json_object_set_new(o, "figures", figures_json(r));
    json_object_set_new(o, "blocks", json_null());
    if (r->checked) {
        json_object_set_new(o, "findings", findings_json(r, lang && strcmp(lang, "en") == 0));
        json_object_set_new(o, "coverage", coverage_json(r));
    }
    return o;
}

int nb_report_write_json(const nb_report *r, FILE *out, bool pretty, nb_error *err)
{
    return nb_report_write_json_lang(r, out, pretty, "zh", err);
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

static json_t *row_json(const void *ctx, size_t r)
{
    const nb_row *row = &((const nb_table *)ctx)->rows[r];
    json_t *cells = json_array();
    for (size_t c = 0; c < row->ncells; c++)
        json_array_append_new(cells, json_pack("{s:o, s:I}", "text", json_text(row->cells[c].text),
                                               "line", (json_int_t)row->cells[c].line));
    json_t *o = json_pack("{s:I, s:b, s:o}", "line", (json_int_t)row->line, "header", row->header,
                          "cells", cells);
    if (row->group) json_object_set_new(o, "group", json_text(row->group));
    return o;
}

/* A table: its object written key by key, its rows one at a time. */
static void jw_table(jw *w, const nb_doc *d, const nb_table *t, int depth)
{
    fputc('{', w->out);
    jw_key(w, "line", true, depth + 1);
    jw_value(w, json_integer((json_int_t)t->line_first), depth + 1);
    jw_key(w, "end_line", false, depth + 1);
    jw_value(w, json_integer((json_int_t)t->line_last), depth + 1);
    jw_key(w, "syntax", false, depth + 1);
    jw_value(w, json_string(nb_table_syntax_name(t->syntax)), depth + 1);
    jw_key(w, "title", false, depth + 1);
    jw_value(w, table_title_json(d, t), depth + 1);
    jw_key(w, "columns", false, depth + 1);
    jw_value(w, json_integer((json_int_t)t->ncols), depth + 1);
    jw_key(w, "rows", false, depth + 1);
    jw_array(w, t->nrows, row_json, t, depth + 1);
    jw_newline(w, depth);
    fputc('}', w->out);
}

static json_t *bound_cell_json(const void *ctx, size_t i)
{
    const nb_report *r = ctx;
    const nb_form *f = r->form;
    const nb_bound_cell *c = &r->binding.cells[i];
    const nb_form_row *row = &f->rows[c->row];
    bool has_value = c->status == NB_CELL_NUMBER || c->status == NB_CELL_ZERO;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(f->cells[c->cell].id));
    json_object_set_new(o, "row", json_text(row->label));
    json_object_set_new(o, "column",
                        c->col >= 0 ? json_text(f->tables[row->table].cols[c->col].label)
                                    : json_null());
    json_object_set_new(o, "unit", json_text(row->unit ? row->unit : ""));
    json_object_set_new(o, "status", json_string(nb_cell_status_name(c->status)));
    json_object_set_new(o, "value", has_value ? number_json(&c->value) : json_null());
    json_object_set_new(o, "raw", json_text(c->raw));
    json_object_set_new(o, "line", json_integer((json_int_t)c->line));
    if (c->unsure) json_object_set_new(o, "sure", json_false());
    return o;
}

static json_t *block_json(const void *ctx, size_t i)
{
    const nb_block *b = &((const nb_doc *)ctx)->blocks[i];
    json_t *o = json_pack("{s:s, s:I, s:I}", "kind", nb_block_kind_name(b->kind), "line",
                          (json_int_t)b->line_first, "end_line", (json_int_t)b->line_last);
    if (b->level) json_object_set_new(o, "level", json_integer(b->level));
    if (b->marker[0]) json_object_set_new(o, "marker", json_text(b->marker));
    if (b->kind == NB_BLOCK_TABLE)
        json_object_set_new(o, "table", json_integer((json_int_t)b->table));
    else
        json_object_set_new(o, "text", json_text(b->text));
    return o;
}

/* The report as report_json gives it, with tables, cells and blocks streamed. */
static int write_streaming(const nb_report *r, FILE *out, bool pretty, const char *lang)
{
    json_t *o = report_object(r, lang);
    if (!o) return -1;
    jw w = {.out = out, .pretty = pretty};
    const nb_doc *d = &r->doc;
    fputc('{', out);
    bool first = true;
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v)
    {
        jw_key(&w, key, first, 1);
        first = false;
        if (json_is_null(v) && !strcmp(key, "tables")) {
            if (!d->ntables) {
                fputs("[]", out);
                continue;
            }
            fputc('[', out);
            for (size_t i = 0; i < d->ntables && !w.failed; i++) {
                if (i) fputc(',', out);
                jw_newline(&w, 2);
                jw_table(&w, d, &d->tables[i], 2);
            }
            jw_newline(&w, 1);
            fputc(']', out);
        } else if (json_is_null(v) && !strcmp(key, "cells")) {
            jw_array(&w, r->form ? r->binding.ncells : 0, bound_cell_json, r, 1);
        } else if (json_is_null(v) && !strcmp(key, "blocks")) {
            jw_array(&w, d->nblocks, block_json, d, 1);
        } else {
            jw_value(&w, json_incref(v), 1);
        }
    }
    jw_newline(&w, 0);
    fputc('}', out);
    json_decref(o);
    return w.failed || ferror(out) ? -1 : 0;
}

int nb_report_write_json_lang(const nb_report *r, FILE *out, bool pretty, const char *lang,
                              nb_error *err)
{
    int rc = write_streaming(r, out, pretty, lang);
    if (rc == 0 && fputc('\n', out) == EOF) rc = -1;
    if (rc != 0) {
        nb_error_set(err, NB_ERR_WRITE, NULL, 0, 0, "cannot write the JSON output");
        return -1;
    }
    return 0;
}
