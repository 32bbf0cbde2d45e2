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

int nb_report_write_json(const nb_report *r, FILE *out, bool pretty, nb_error *err)
{
    json_t *o = json_object();
    json_object_set_new(o, "file", json_text(r->file));
    json_object_set_new(o, "encoding", json_string(nb_encoding_name(r->text.encoding)));
    json_object_set_new(o, "bytes", json_integer((json_int_t)r->input_bytes));
    json_object_set_new(o, "lines", json_integer((json_int_t)r->text.nlines));
    json_object_set_new(o, "warnings", warnings_json(r));
    json_object_set_new(o, "warnings_not_listed",
                        json_integer((json_int_t)r->text.warnings_dropped));
    size_t flags = pretty ? JSON_INDENT(2) : JSON_COMPACT;
    int rc = json_dumpf(o, out, flags);
    json_decref(o);
    if (rc == 0 && fputc('\n', out) == EOF) rc = -1;
    if (rc != 0) {
        nb_error_set(err, NB_ERR_IO, NULL, 0, 0, "cannot write the JSON output");
        return -1;
    }
    return 0;
}
