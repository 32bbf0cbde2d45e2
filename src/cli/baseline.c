/*
 * baseline.c — reviewed findings remembered (check --baseline, --write-baseline): a JSON file
 * of the findings a reviewer has seen, by file name and fingerprint, with the reviewer's
 * verdict (复核结论) when there is one.
 *
 *   {"nianbao": "baseline", "version": 1,
 *    "findings": [{"file": "guandu-2017.txt", "fingerprint": "F…", "rule": "prose.website",
 *                  "line": 13, "message": "…", "verdict": "…"}]}
 *
 * A workbook (check --format xlsx) is read as a baseline too: each row of its 问题清单 sheet
 * whose 复核结论 a reviewer filled in.
 *
 * A finding is matched by its file's base name (an archive may move) and its fingerprint (which
 * stays while the finding does), never by fingerprint alone: the same finding in another
 * agency's report is that report's, not reviewed.
 */
#include "baseline.h"

#include "msg.h"
#include "xlsxread.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    char *file, *fingerprint, *rule, *message;
    size_t line;
    bool matched;
} entry;

struct baseline {
    entry *v;
    size_t n, cap;
};

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static int add(baseline *b, const char *file, const char *fingerprint, const char *rule,
               const char *message, size_t line)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 32;
        entry *v = realloc(b->v, cap * sizeof *v);
        if (!v) return -1;
        b->v = v, b->cap = cap;
    }
    entry *e = &b->v[b->n];
    *e = (entry){.file = strdup(base_name(file)),
                 .fingerprint = strdup(fingerprint),
                 .rule = strdup(rule ? rule : ""),
                 .message = strdup(message ? message : ""),
                 .line = line};
    if (!e->file || !e->fingerprint || !e->rule || !e->message) {
        free(e->file), free(e->fingerprint), free(e->rule), free(e->message);
        return -1;
    }
    b->n++;
    return 0;
}

baseline *baseline_new(void)
{
    return calloc(1, sizeof(baseline));
}

void baseline_free(baseline *b)
{
    for (size_t i = 0; b && i < b->n; i++) {
        free(b->v[i].file);
        free(b->v[i].fingerprint);
        free(b->v[i].rule);
        free(b->v[i].message);
    }
    if (b) free(b->v);
    free(b);
}

/* (a workbook's row: reviewed when the reviewer wrote a verdict) */
typedef struct from_book {
    baseline *b;
    bool oom;
} from_book;

static void book_row(void *ctx, const char *file, const char *fingerprint, const char *verdict)
{
    from_book *fb = ctx;
    if (!verdict[0] || !fingerprint[0]) return;
    if (add(fb->b, file, fingerprint, "", verdict, 0) != 0) fb->oom = true;
}

/* Whether path holds a zip archive (a workbook), by its first bytes. */
static bool is_zip(const char *path)
{
    FILE *f = fopen(path, "rb");
    unsigned char m[4] = {0};
    bool zip = f && fread(m, 1, 4, f) == 4 && m[0] == 'P' && m[1] == 'K' && m[2] == 3 && m[3] == 4;
    if (f) fclose(f);
    return zip;
}

baseline *baseline_load(const char *path, char *why, size_t size)
{
    if (is_zip(path)) { /* the workbook, its 复核结论 column filled in by a reviewer */
        from_book fb = {.b = baseline_new()};
        if (!fb.b || xlsx_review_rows(path, book_row, &fb, why, size) != 0 || fb.oom) {
            if (fb.oom) snprintf(why, size, "%s: %s", path, cli_msg("out of memory"));
            baseline_free(fb.b);
            return NULL;
        }
        return fb.b;
    }
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    if (!root) {
        snprintf(why, size, "%s:%d: %s", path, jerr.line, jerr.text);
        return NULL;
    }
    json_t *items = json_object_get(root, "findings");
    const char *kind = json_string_value(json_object_get(root, "nianbao"));
    if (!kind || strcmp(kind, "baseline") != 0 || !json_is_array(items)) {
        snprintf(why, size, cli_msg("%s: not a nianbao baseline (written by --write-baseline)"),
                 path);
        json_decref(root);
        return NULL;
    }
    baseline *b = baseline_new();
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it)
    {
        const char *file = json_string_value(json_object_get(it, "file"));
        const char *fp = json_string_value(json_object_get(it, "fingerprint"));
        if (!file || !fp) {
            snprintf(why, size, cli_msg("%s: finding %zu has no file or no fingerprint"), path,
                     i + 1);
            baseline_free(b);
            json_decref(root);
            return NULL;
        }
        json_t *line = json_object_get(it, "line");
        if (!b || add(b, file, fp, json_string_value(json_object_get(it, "rule")),
                      json_string_value(json_object_get(it, "message")),
                      json_is_integer(line) ? (size_t)json_integer_value(line) : 0) != 0) {
            snprintf(why, size, "%s: %s", path, cli_msg("out of memory"));
            baseline_free(b);
            json_decref(root);
            return NULL;
        }
    }
    json_decref(root);
    return b;
}

size_t baseline_apply(baseline *b, nb_report *r)
{
    const char *file = base_name(nb_report_file(r));
    size_t n = 0;
    for (size_t i = 0; i < b->n; i++) {
        if (strcmp(b->v[i].file, file) != 0) continue;
        size_t k = nb_report_mark_fingerprint(r, b->v[i].fingerprint, NB_REVIEW_REVIEWED);
        b->v[i].matched = b->v[i].matched || k > 0;
        n += k;
    }
    return n;
}

int baseline_add_report(baseline *b, const nb_report *r, const char *lang)
{
    const nb_finding *f;
    for (size_t i = 0; (f = nb_report_finding(r, i)); i++) {
        if (nb_finding_status(f) == NB_STATUS_PASS || nb_finding_review(f) == NB_REVIEW_IGNORED)
            continue;
        if (add(b, nb_report_file(r), nb_finding_fingerprint(f), nb_finding_rule(f),
                nb_finding_message(f, lang), nb_finding_line(f)) != 0)
            return -1;
    }
    return 0;
}

size_t baseline_stale(const baseline *b, const char *file, size_t k, const char **fingerprint,
                      const char **rule, const char **message, size_t *line)
{
    const char *name = base_name(file);
    size_t seen = 0;
    for (size_t i = 0; i < b->n; i++) {
        const entry *e = &b->v[i];
        if (e->matched || strcmp(e->file, name) != 0) continue;
        if (seen++ == k) {
            *fingerprint = e->fingerprint, *rule = e->rule, *message = e->message;
            *line = e->line;
            return 1;
        }
    }
    return 0;
}

char *baseline_json(const baseline *b)
{
    json_t *items = json_array();
    for (size_t i = 0; items && i < b->n; i++) {
        const entry *e = &b->v[i];
        json_array_append_new(items,
                              json_pack("{s:s, s:s, s:s, s:I, s:s, s:s}", "file", e->file,
                                        "fingerprint", e->fingerprint, "rule", e->rule, "line",
                                        (json_int_t)e->line, "message", e->message, "verdict", ""));
    }
    json_t *root =
        json_pack("{s:s, s:i, s:o}", "nianbao", "baseline", "version", 1, "findings", items);
    char *s = root ? json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    json_decref(root);
    return s;
}
