/*
 * form.c — loading the form files (forms/NAME.json) and binding a document's table cells to a form.
 *
 * Loading validates everything the later stages rely on, so that they need no checks of their
 * own: ids are unique, every cell a rule, a derived cell or a pattern names exists (wildcards
 * and for_each templates expanded), every pattern compiles. Errors name the file and the JSON
 * path ($.tables[1].rows[3].label).
 *
 * Binding matches each table row to a form row by its label, normalized (markers such as 一、
 * （一） 1. 其中: dropped, full-width folded, traditional characters folded, punctuation and
 * spaces dropped), first exactly, then by containment, then by similarity; values go to the
 * row's columns in order. Rows whose label was lost (converters split labels from numbers) take
 * the form rows left unbound between their bound neighbours, in order.
 *
 * Must not: evaluate rules or run prose patterns.
 */
#include "form.h"

#include "error.h"
#include "parse.h"
#include "utf8.h"

#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---- small helpers ----------------------------------------------------------------------- */

static char *dupstr(const char *s)
{
    return s ? strdup(s) : NULL;
}

static void free_strv(char **v, size_t n)
{
    if (!v) return;
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

typedef struct loader {
    const char *file;
    nb_error *err;
    bool failed;
} loader;

static void fail_at(loader *L, const char *jpath, const char *what)
{
    if (L->failed) return;
    L->failed = true;
    nb_error_set(L->err, NB_ERR_USAGE, L->file, 0, 0, "invalid form file: %s: %s", jpath, what);
}

static const char *get_str(loader *L, json_t *obj, const char *key, const char *jpath,
                           bool required)
{
    json_t *v = json_object_get(obj, key);
    if (!v) {
        if (required) {
            char p[256];
            snprintf(p, sizeof p, "%s.%s", jpath, key);
            fail_at(L, p, "missing (expected a string)");
        }
        return NULL;
    }
    if (!json_is_string(v)) {
        char p[256];
        snprintf(p, sizeof p, "%s.%s", jpath, key);
        fail_at(L, p, "expected a string");
        return NULL;
    }
    return json_string_value(v);
}

/* An array of strings (NULL when absent and not required). */
static char **get_strv(loader *L, json_t *obj, const char *key, const char *jpath, size_t *n,
                       bool required)
{
    *n = 0;
    json_t *v = json_object_get(obj, key);
    char p[256];
    snprintf(p, sizeof p, "%s.%s", jpath, key);
    if (!v) {
        if (required) fail_at(L, p, "missing (expected an array of strings)");
        return NULL;
    }
    if (!json_is_array(v)) {
        fail_at(L, p, "expected an array of strings");
        return NULL;
    }
    char **out = calloc(json_array_size(v) + 1, sizeof *out);
    for (size_t i = 0; out && i < json_array_size(v); i++) {
        json_t *s = json_array_get(v, i);
        if (!json_is_string(s)) {
            char q[300];
            snprintf(q, sizeof q, "%s[%zu]", p, i);
            fail_at(L, q, "expected a string");
            free_strv(out, *n);
            *n = 0;
            return NULL;
        }
        out[(*n)++] = strdup(json_string_value(s));
    }
    return out;
}

/* ---- label normalization ----------------------------------------------------------------- */

static int cn_ordinal_value(uint32_t cp)
{
    static const uint32_t d[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
                                 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
    for (int i = 0; i < 10; i++)
        if (d[i] == cp) return i + 1;
    return 0;
}

/* Bytes of a leading enumeration marker: 一、 （一） (一) 1. 1、 （1） 其中: */
static size_t marker_length(const char *s, size_t len)
{
    size_t i = 0, adv;
    int32_t c;
#define CP()                                                                                       \
    (i < len && (c = nb_utf8_decode((const unsigned char *)s + i, len - i, &adv)) >= 0             \
         ? (uint32_t)c                                                                             \
         : 0u)
    uint32_t cp = CP();
    if (cp == 0x5176 && len >= 6 && memcmp(s, "其中", 6) == 0) { /* 其中 */
        i = 6;
        cp = CP();
        if (cp == ':' || cp == 0xFF1A) i += adv;
        return i;
    }
    bool open = cp == '(' || cp == 0xFF08;
    if (open) i += adv, cp = CP();
    size_t digits = 0;
    while (cn_ordinal_value(cp) || nb_utf8_is_digit(cp)) {
        i += adv;
        digits++;
        cp = CP();
    }
    if (!digits || digits > 3) return 0;
    if (open) return (cp == ')' || cp == 0xFF09) ? i + adv : 0;
    if (cp == 0x3001 || cp == '.' || cp == 0xFF0E) return i + adv; /* 、 . ． */
    return 0;
#undef CP
}

/* The map is sorted by trad_from, one pair per character (sort_traditional): every character
 * of every label passes here, so a binary search. */
static uint32_t fold_traditional(const nb_form *f, uint32_t cp)
{
    size_t lo = 0, hi = f->ntrad;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->trad_from[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < f->ntrad && f->trad_from[lo] == cp ? f->trad_to[lo] : cp;
}

/* Normalized label into out (NUL-terminated, cut at out_size). */
static void normalize_label(const nb_form *f, const char *s, size_t len, char *out, size_t out_size)
{
    size_t m;
    for (int guard = 0; guard < 4 && (m = marker_length(s, len)) > 0; guard++) {
        s += m;
        len -= m;
        size_t b = parse_skip_blanks(s, len, NULL);
        s += b;
        len -= b;
    }
    size_t n = 0, adv;
    for (size_t i = 0; i < len; i += adv) {
        int32_t c = nb_utf8_decode((const unsigned char *)s + i, len - i, &adv);
        if (c < 0) continue;
        uint32_t cp = nb_utf8_fold((uint32_t)c);
        if (f) cp = fold_traditional(f, cp);
        bool keep = nb_utf8_is_han(cp) || (cp >= '0' && cp <= '9') ||
                    ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
        if (!keep) continue;
        char buf[4];
        size_t k = nb_utf8_encode(cp, buf);
        if (n + k + 1 > out_size) break;
        memcpy(out + n, buf, k);
        n += k;
    }
    out[n] = '\0';
}

/* The characters of a normalized label as a 64-bit set (a hash of each code point picks its
 * bit): a label can contain another only when its set holds the other's, which rules out most
 * pairs before any string comparison. */
static uint64_t label_mask(const char *s)
{
    uint64_t m = 0;
    size_t adv;
    for (size_t i = 0, l = strlen(s); i < l; i += adv) {
        int32_t c = nb_utf8_decode((const unsigned char *)s + i, l - i, &adv);
        if (c >= 0) m |= (uint64_t)1 << (((uint32_t)c * 2654435761u) >> 26);
    }
    return m;
}

/* ---- loading ----------------------------------------------------------------------------- */

typedef struct trad_pair {
    uint32_t from, to;
    size_t order;
} trad_pair;

static int by_from_then_order(const void *a, const void *b)
{
    const trad_pair *x = a, *y = b;
    if (x->from != y->from) return x->from < y->from ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Sorts the map by the traditional character; of two pairs for one character the first in
 * the file is kept (as a search in file order would find it). */
static void sort_traditional(nb_form *f)
{
    trad_pair *v = malloc((f->ntrad ? f->ntrad : 1) * sizeof *v);
    if (!v) {
        f->ntrad = 0; /* no folding rather than a wrong one */
        return;
    }
    for (size_t i = 0; i < f->ntrad; i++) v[i] = (trad_pair){f->trad_from[i], f->trad_to[i], i};
    qsort(v, f->ntrad, sizeof *v, by_from_then_order);
    size_t n = 0;
    for (size_t i = 0; i < f->ntrad; i++) {
        if (n && f->trad_from[n - 1] == v[i].from) continue;
        f->trad_from[n] = v[i].from;
        f->trad_to[n++] = v[i].to;
    }
    f->ntrad = n;
    free(v);
}

static void load_traditional(loader *L, nb_form *f, json_t *root)
{
    const char *pairs = get_str(L, root, "traditional", "$", false);
    if (!pairs) return;
    size_t len = strlen(pairs), cap = len / 2 + 1;
    f->trad_from = calloc(cap, sizeof *f->trad_from);
    f->trad_to = calloc(cap, sizeof *f->trad_to);
    if (!f->trad_from || !f->trad_to) return fail_at(L, "$.traditional", "out of memory");
    uint32_t cps[2];
    size_t k = 0, adv;
    for (size_t i = 0; i <= len; i += adv ? adv : 1) {
        int32_t c = i < len ? nb_utf8_decode((const unsigned char *)pairs + i, len - i, &adv) : ' ';
        if (i == len) adv = 1;
        if (c == ' ') {
            if (k == 2 && f->ntrad < cap) {
                f->trad_from[f->ntrad] = cps[0];
                f->trad_to[f->ntrad++] = cps[1];
            } else if (k != 0) {
                return fail_at(L, "$.traditional",
                               "expected pairs of characters (traditional, simplified) "
                               "separated by spaces");
            }
            k = 0;
        } else if (c > 0 && k < 2) {
            cps[k++] = (uint32_t)c;
        } else {
            return fail_at(L, "$.traditional", "expected pairs of characters");
        }
    }
    sort_traditional(f);
}

static long find_col(const nb_form_table *t, const char *id)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->cols[c].id, id) == 0) return (long)c;
    return -1;
}

static void load_row(loader *L, nb_form *f, size_t ti, json_t *jr, const char *jpath)
{
    nb_form_table *t = &f->tables[ti];
    nb_form_row *r = &f->rows[f->nrows++];
    r->table = ti;
    r->id = dupstr(get_str(L, jr, "id", jpath, true));
    r->label = dupstr(get_str(L, jr, "label", jpath, true));
    r->unit = dupstr(get_str(L, jr, "unit", jpath, false));
    r->parent = dupstr(get_str(L, jr, "parent", jpath, false));
    const char *type = get_str(L, jr, "type", jpath, false);
    if (L->failed) return;
    if (type && strcmp(type, "count") != 0 && strcmp(type, "amount") != 0 &&
        strcmp(type, "group") != 0) {
        char p[256];
        snprintf(p, sizeof p, "%s.type", jpath);
        return fail_at(L, p, "expected \"count\", \"amount\" or \"group\"");
    }
    r->amount = type && strcmp(type, "amount") == 0;
    r->group = type && strcmp(type, "group") == 0;
    r->optional = json_is_true(json_object_get(jr, "optional"));
    size_t nvar = 0;
    char **variants = get_strv(L, jr, "variants", jpath, &nvar, false);
    r->norm = calloc(nvar + 1, sizeof *r->norm);
    r->norm_len = calloc(nvar + 1, sizeof *r->norm_len);
    r->norm_mask = calloc(nvar + 1, sizeof *r->norm_mask);
    for (size_t k = 0; r->norm && r->norm_len && r->norm_mask && k <= nvar; k++) {
        const char *s = k == 0 ? r->label : variants[k - 1];
        char buf[512];
        normalize_label(f, s, strlen(s), buf, sizeof buf);
        r->norm[r->nnorm] = strdup(buf);
        r->norm_mask[r->nnorm] = label_mask(buf);
        r->norm_len[r->nnorm++] = nb_utf8_length(buf, strlen(buf));
    }
    free_strv(variants, nvar);
    size_t ncols = 0;
    char **cols = get_strv(L, jr, "columns", jpath, &ncols, false);
    if (ncols) {
        r->cols = calloc(ncols, sizeof *r->cols);
        for (size_t k = 0; r->cols && k < ncols && !L->failed; k++) {
            long c = find_col(t, cols[k]);
            if (c < 0) {
                char p[300];
                snprintf(p, sizeof p, "%s.columns[%zu]", jpath, k);
                fail_at(L, p, "no such column in the table's \"columns\"");
            }
            r->cols[r->ncols++] = (size_t)c;
        }
    }
    free_strv(cols, ncols);
}

static void load_tables(loader *L, nb_form *f, json_t *root)
{
    json_t *tables = json_object_get(root, "tables");
    if (!json_is_array(tables) || json_array_size(tables) == 0)
        return fail_at(L, "$.tables", "expected a non-empty array of tables");
    size_t total_rows = 0;
    for (size_t i = 0; i < json_array_size(tables); i++)
        total_rows += json_array_size(json_object_get(json_array_get(tables, i), "rows"));
    f->tables = calloc(json_array_size(tables), sizeof *f->tables);
    f->rows = calloc(total_rows + 1, sizeof *f->rows);
    if (!f->tables || !f->rows) return fail_at(L, "$.tables", "out of memory");
    for (size_t i = 0; i < json_array_size(tables) && !L->failed; i++) {
        json_t *jt = json_array_get(tables, i);
        char jpath[128];
        snprintf(jpath, sizeof jpath, "$.tables[%zu]", i);
        if (!json_is_object(jt)) return fail_at(L, jpath, "expected an object");
        nb_form_table *t = &f->tables[f->ntables++];
        t->id = dupstr(get_str(L, jt, "id", jpath, true));
        t->title = dupstr(get_str(L, jt, "title", jpath, false));
        t->keywords = get_strv(L, jt, "keywords", jpath, &t->nkeywords, false);
        t->flat = json_is_true(json_object_get(jt, "flat"));
        json_t *cols = json_object_get(jt, "columns");
        if (cols && !json_is_array(cols)) {
            char p[160];
            snprintf(p, sizeof p, "%s.columns", jpath);
            return fail_at(L, p, "expected an array of {id, label}");
        }
        t->cols = calloc(json_array_size(cols) + 1, sizeof *t->cols);
        for (size_t c = 0; t->cols && c < json_array_size(cols) && !L->failed; c++) {
            char p[160];
            snprintf(p, sizeof p, "%s.columns[%zu]", jpath, c);
            json_t *jc = json_array_get(cols, c);
            t->cols[t->ncols].id = dupstr(get_str(L, jc, "id", p, true));
            t->cols[t->ncols].label = dupstr(get_str(L, jc, "label", p, true));
            t->ncols++;
        }
        json_t *rows = json_object_get(jt, "rows");
        char p[160];
        snprintf(p, sizeof p, "%s.rows", jpath);
        if (!json_is_array(rows)) return fail_at(L, p, "expected an array of rows");
        t->first_row = f->nrows;
        for (size_t r = 0; r < json_array_size(rows) && !L->failed; r++) {
            char rp[200];
            snprintf(rp, sizeof rp, "%s.rows[%zu]", jpath, r);
            if (!json_is_object(json_array_get(rows, r)))
                return fail_at(L, rp, "expected an object");
            load_row(L, f, i, json_array_get(rows, r), rp);
        }
        t->nrows = f->nrows - t->first_row;
    }
}

/* ---- cell ids and references ------------------------------------------------------------- */

const char *form_cell_id(const nb_form *f, size_t row, long col, char *buf, size_t size)
{
    const nb_form_row *r = &f->rows[row];
    if (col < 0)
        snprintf(buf, size, "%s", r->id);
    else
        snprintf(buf, size, "%s/%s", r->id, f->tables[r->table].cols[col].id);
    return buf;
}

static long find_row(const nb_form *f, const char *id, size_t len)
{
    for (size_t i = 0; i < f->nrows; i++)
        if (strlen(f->rows[i].id) == len && memcmp(f->rows[i].id, id, len) == 0) return (long)i;
    return -1;
}

bool form_find_cell(const nb_form *f, const char *id, size_t *row, long *col)
{
    const char *slash = strchr(id, '/');
    long r = find_row(f, id, slash ? (size_t)(slash - id) : strlen(id));
    if (r < 0) return false;
    const nb_form_row *fr = &f->rows[r];
    if (!slash) {
        if (fr->ncols) return false;
        *row = (size_t)r;
        *col = -1;
        return true;
    }
    long c = find_col(&f->tables[fr->table], slash + 1);
    if (c < 0) return false;
    for (size_t k = 0; k < fr->ncols; k++)
        if ((long)fr->cols[k] == c) {
            *row = (size_t)r;
            *col = c;
            return true;
        }
    return false;
}

long form_find_derived(const nb_form *f, const char *id)
{
    for (size_t i = 0; i < f->nderived; i++)
        if (strcmp(f->derived[i].id, id) == 0) return (long)i;
    return -1;
}

/* Calls fn for every cell a reference names: "row/col"; "row" for a one-value row; a row
 * wildcard ("t3.refuse.*" followed by "/total" names that column of every such row); a column
 * wildcard ("t2.rules" followed by a slash and a star); "t3.*" alone (every cell of those rows); or
 * the id of a derived cell. Returns how many cells it named. */

size_t form_expand_ref(const nb_form *f, const char *ref, form_cell_fn fn, void *ctx)
{
    size_t count = 0;
    char id[256];
    if (form_find_derived(f, ref) >= 0) {
        if (fn) fn(ctx, ref);
        return 1;
    }
    const char *slash = strchr(ref, '/');
    size_t rlen = slash ? (size_t)(slash - ref) : strlen(ref);
    bool row_wild = rlen > 0 && ref[rlen - 1] == '*';
    size_t prefix = row_wild ? rlen - 1 : rlen;
    for (size_t i = 0; i < f->nrows; i++) {
        const nb_form_row *r = &f->rows[i];
        if (r->group) continue;
        if (row_wild ? strncmp(r->id, ref, prefix) != 0
                     : (strlen(r->id) != rlen || strncmp(r->id, ref, rlen) != 0))
            continue;
        if (!r->ncols) {
            if (slash && strcmp(slash + 1, "*") != 0) continue;
            count++;
            if (fn) fn(ctx, form_cell_id(f, i, -1, id, sizeof id));
            continue;
        }
        for (size_t k = 0; k < r->ncols; k++) {
            const char *cid = f->tables[r->table].cols[r->cols[k]].id;
            if (slash && strcmp(slash + 1, "*") != 0 && strcmp(slash + 1, cid) != 0) continue;
            count++;
            if (fn) fn(ctx, form_cell_id(f, i, (long)r->cols[k], id, sizeof id));
        }
    }
    return count;
}

static void check_ref(loader *L, const nb_form *f, const char *ref, const char *jpath)
{
    if (L->failed) return;
    if (form_expand_ref(f, ref, NULL, NULL) == 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "\"%s\" names no cell of this form", ref);
        fail_at(L, jpath, msg);
    }
}

typedef struct strlist {
    char **v;
    size_t n, cap;
} strlist;

static void strlist_add(void *ctx, const char *id)
{
    strlist *l = ctx;
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 8;
        char **nv = realloc(l->v, ncap * sizeof *nv);
        if (!nv) return;
        l->v = nv;
        l->cap = ncap;
    }
    l->v[l->n++] = strdup(id);
}

static void load_derived(loader *L, nb_form *f, json_t *root)
{
    json_t *arr = json_object_get(root, "derived");
    if (!arr) return;
    if (!json_is_array(arr)) return fail_at(L, "$.derived", "expected an array");
    f->derived = calloc(json_array_size(arr) + 1, sizeof *f->derived);
    for (size_t i = 0; f->derived && i < json_array_size(arr) && !L->failed; i++) {
        char jpath[64];
        snprintf(jpath, sizeof jpath, "$.derived[%zu]", i);
        json_t *jd = json_array_get(arr, i);
        nb_form_derived *d = &f->derived[i];
        d->id = dupstr(get_str(L, jd, "id", jpath, true));
        d->label = dupstr(get_str(L, jd, "label", jpath, false));
        size_t n = 0;
        char **sum = get_strv(L, jd, "sum", jpath, &n, true);
        strlist parts = {0};
        for (size_t k = 0; k < n && !L->failed; k++) {
            char p[96];
            snprintf(p, sizeof p, "%s.sum[%zu]", jpath, k);
            check_ref(L, f, sum[k], p);
            form_expand_ref(f, sum[k], strlist_add, &parts);
        }
        free_strv(sum, n);
        d->parts = parts.v;
        d->nparts = parts.n;
        f->nderived++; /* counted even when broken: form_free frees what it holds */
    }
}

/* Substitutes "{var}" in ref with value. */
void form_substitute(const char *ref, const char *var, const char *value, char *out, size_t size)
{
    char key[40];
    snprintf(key, sizeof key, "{%s}", var);
    const char *p = strstr(ref, key);
    if (!p) {
        snprintf(out, size, "%s", ref);
        return;
    }
    snprintf(out, size, "%.*s%s%s", (int)(p - ref), ref, value, p + strlen(key));
}

static void check_rule_refs(loader *L, const nb_form *f, json_t *rule, const char *jpath,
                            const char *var, const char *value)
{
    static const char *const keys[] = {"left", "right", "parts", "cells"};
    for (size_t k = 0; k < 4; k++) {
        json_t *arr = json_object_get(rule, keys[k]);
        for (size_t i = 0; i < json_array_size(arr) && !L->failed; i++) {
            char p[160], ref[256];
            snprintf(p, sizeof p, "%s.%s[%zu]", jpath, keys[k], i);
            const char *s = json_string_value(json_array_get(arr, i));
            if (!s) return fail_at(L, p, "expected a string");
            form_substitute(s, var ? var : "", value ? value : "", ref, sizeof ref);
            if (strcmp(ref, "*") != 0) check_ref(L, f, ref, p);
        }
    }
    const char *total = json_string_value(json_object_get(rule, "total"));
    if (total) {
        char ref[256], p[160];
        snprintf(p, sizeof p, "%s.total", jpath);
        form_substitute(total, var ? var : "", value ? value : "", ref, sizeof ref);
        check_ref(L, f, ref, p);
    }
}

static void load_rules(loader *L, nb_form *f, json_t *root)
{
    json_t *rules = json_object_get(root, "rules");
    if (!rules) return;
    if (!json_is_array(rules)) return fail_at(L, "$.rules", "expected an array");
    for (size_t i = 0; i < json_array_size(rules) && !L->failed; i++) {
        char jpath[64];
        snprintf(jpath, sizeof jpath, "$.rules[%zu]", i);
        json_t *rule = json_array_get(rules, i);
        if (!json_is_object(rule)) return fail_at(L, jpath, "expected an object");
        get_str(L, rule, "id", jpath, true);
        const char *check = get_str(L, rule, "check", jpath, true);
        const char *sev = get_str(L, rule, "severity", jpath, true);
        if (L->failed) return;
        if (strcmp(check, "equal") && strcmp(check, "le") && strcmp(check, "bounds") &&
            strcmp(check, "whole")) {
            char p[96];
            snprintf(p, sizeof p, "%s.check", jpath);
            return fail_at(L, p, "expected \"equal\", \"le\", \"bounds\" or \"whole\"");
        }
        if (strcmp(sev, "error") && strcmp(sev, "warning") && strcmp(sev, "info")) {
            char p[96];
            snprintf(p, sizeof p, "%s.severity", jpath);
            return fail_at(L, p, "expected \"error\", \"warning\" or \"info\"");
        }
        json_t *each = json_object_get(rule, "for_each");
        if (!each) {
            check_rule_refs(L, f, rule, jpath, NULL, NULL);
            continue;
        }
        const char *var = json_string_value(json_object_get(each, "var"));
        json_t *values = json_object_get(each, "values");
        const char *rows = json_string_value(json_object_get(each, "rows"));
        char p[96];
        snprintf(p, sizeof p, "%s.for_each", jpath);
        if (!var || (!json_is_array(values) && !rows))
            return fail_at(L, p,
                           "expected {\"var\": NAME, \"values\": [...]} or {\"var\", \"rows\"}");
        for (size_t k = 0; k < json_array_size(values) && !L->failed; k++)
            check_rule_refs(L, f, rule, jpath, var, json_string_value(json_array_get(values, k)));
        if (rows) {
            size_t prefix = strlen(rows) && rows[strlen(rows) - 1] == '*' ? strlen(rows) - 1 : 0;
            for (size_t r = 0; r < f->nrows && !L->failed; r++)
                if (!f->rows[r].group && strncmp(f->rows[r].id, rows, prefix) == 0)
                    check_rule_refs(L, f, rule, jpath, var, f->rows[r].id);
        }
    }
    if (!L->failed) f->rules = json_incref(rules);
}

/* The regular expression that {NUM} stands for in patterns: a number with its qualifiers,
 * captured as "num" (numeral.c reads value, qualifier and unit from where it starts). */
#define NUM_REGEX                                                                                               \
    "(?<num>(?:约|近|超过|逾|不足|不到)?\\s*(?:[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?|" \
    "[零〇一二两三四五六七八九十百千万亿]+)(?:\\s*[余多])?)"

static void load_patterns(loader *L, nb_form *f, json_t *root)
{
    json_t *arr = json_object_get(root, "patterns");
    if (!arr) return;
    if (!json_is_array(arr)) return fail_at(L, "$.patterns", "expected an array");
    f->patterns = calloc(json_array_size(arr) + 1, sizeof *f->patterns);
    for (size_t i = 0; f->patterns && i < json_array_size(arr) && !L->failed; i++) {
        char jpath[64];
        snprintf(jpath, sizeof jpath, "$.patterns[%zu]", i);
        json_t *jp = json_array_get(arr, i);
        nb_form_pattern *p = &f->patterns[f->npatterns];
        p->id = dupstr(get_str(L, jp, "id", jpath, true));
        const char *cell = get_str(L, jp, "cell", jpath, false);
        if (cell) {
            p->cells = calloc(1, sizeof *p->cells);
            if (p->cells) p->cells[p->ncells++] = strdup(cell);
        } else {
            p->cells = get_strv(L, jp, "cells", jpath, &p->ncells, true);
        }
        for (size_t k = 0; k < p->ncells && !L->failed; k++) {
            char q[96];
            snprintf(q, sizeof q, "%s.%s", jpath, cell ? "cell" : "cells");
            size_t row;
            long col;
            if (!form_find_cell(f, p->cells[k], &row, &col) &&
                form_find_derived(f, p->cells[k]) < 0)
                fail_at(L, q, "names no cell of this form (a pattern binds one cell)");
        }
        const char *src = get_str(L, jp, "pattern", jpath, true);
        if (L->failed) {
            f->npatterns++;
            return;
        }
        /* {NUM} -> NUM_REGEX */
        const char *num = strstr(src, "{NUM}");
        size_t n = strlen(src) + 32 * sizeof NUM_REGEX;
        char *expanded = malloc(n), *o = expanded;
        if (!expanded) return fail_at(L, jpath, "out of memory");
        int uses = 0;
        for (const char *s = src; *s;) {
            if (strncmp(s, "{NUM}", 5) == 0 && uses < 32) {
                /* only the first {NUM} captures: later ones are plain groups */
                const char *rx = uses++ == 0 ? NUM_REGEX : &NUM_REGEX[7]; /* past "(?<num>" */
                if (uses > 1) *o++ = '(', *o++ = '?', *o++ = ':';
                o += sprintf(o, "%s", rx);
                s += 5;
            } else {
                *o++ = *s++;
            }
        }
        *o = '\0';
        int errcode;
        PCRE2_SIZE erroff;
        p->code = pcre2_compile((PCRE2_SPTR)expanded, PCRE2_ZERO_TERMINATED,
                                PCRE2_UTF | PCRE2_UCP | PCRE2_DUPNAMES, &errcode, &erroff, NULL);
        free(expanded);
        f->npatterns++;
        char q[96];
        snprintf(q, sizeof q, "%s.pattern", jpath);
        if (!p->code) {
            PCRE2_UCHAR msg[200];
            pcre2_get_error_message(errcode, msg, sizeof msg);
            char m[300];
            snprintf(m, sizeof m, "does not compile: %s", (const char *)msg);
            return fail_at(L, q, m);
        }
        if (!num) return fail_at(L, q, "has no {NUM}: a pattern must capture the figure");
        pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE); /* slower interpretation when JIT fails */
    }
}

static void load_document(loader *L, nb_form *f, json_t *root)
{
    json_t *d = json_object_get(root, "document");
    if (!d) return;
    if (!json_is_object(d)) return fail_at(L, "$.document", "expected an object");
    f->sections = get_strv(L, d, "sections", "$.document", &f->nsections, false);
    f->no_fees = get_strv(L, d, "no_fees_phrases", "$.document", &f->nno_fees, false);
    f->fees_cell = dupstr(get_str(L, d, "fees_cell", "$.document", false));
    f->slips = get_strv(L, d, "slips", "$.document", &f->nslips, false);
    size_t row;
    long col;
    if (!L->failed && f->fees_cell && !form_find_cell(f, f->fees_cell, &row, &col))
        fail_at(L, "$.document.fees_cell", "names no cell of this form");
}

static void check_unique_ids(loader *L, const nb_form *f)
{
    for (size_t i = 0; i < f->nrows && !L->failed; i++) {
        if (f->rows[i].parent && find_row(f, f->rows[i].parent, strlen(f->rows[i].parent)) < 0) {
            char p[160];
            snprintf(p, sizeof p, "row \"%s\".parent", f->rows[i].id);
            fail_at(L, p, "names no row of this form");
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(f->rows[i].id, f->rows[j].id) == 0) {
                char m[200];
                snprintf(m, sizeof m, "row id \"%s\" is used twice", f->rows[i].id);
                fail_at(L, "$.tables", m);
            }
    }
}

static nb_form *form_from_json(json_t *root, const char *path, nb_error *err);

nb_form *form_load(const char *path, nb_error *err)
{
    json_error_t jerr;
    json_t *root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        nb_error_set(err, NB_ERR_USAGE, path, (size_t)(jerr.line > 0 ? jerr.line : 0),
                     (size_t)(jerr.column > 0 ? jerr.column : 0), "invalid form file: %s",
                     jerr.text);
        return NULL;
    }
    return form_from_json(root, path, err);
}

nb_form *form_load_buffer(const char *data, size_t len, const char *name, nb_error *err)
{
    json_error_t jerr;
    json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        nb_error_set(err, NB_ERR_USAGE, name, (size_t)(jerr.line > 0 ? jerr.line : 0),
                     (size_t)(jerr.column > 0 ? jerr.column : 0), "invalid form file: %s",
                     jerr.text);
        return NULL;
    }
    return form_from_json(root, name, err);
}

/* Takes the reference to root. */
static nb_form *form_from_json(json_t *root, const char *path, nb_error *err)
{
    loader L = {.file = path, .err = err};
    nb_form *f = calloc(1, sizeof *f);
    if (!f) {
        json_decref(root);
        nb_error_set(err, NB_ERR_NOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    f->path = strdup(path);
    if (!json_is_object(root)) fail_at(&L, "$", "expected an object");
    if (!L.failed) {
        f->id = dupstr(get_str(&L, root, "id", "$", true));
        f->title = dupstr(get_str(&L, root, "title", "$", false));
        json_t *years = json_object_get(root, "years");
        f->year_min = (int)json_integer_value(json_array_get(years, 0));
        f->year_max = (int)json_integer_value(json_array_get(years, 1));
        load_traditional(&L, f, root);
    }
    if (!L.failed) load_tables(&L, f, root);
    if (!L.failed) check_unique_ids(&L, f);
    if (!L.failed) load_derived(&L, f, root);
    if (!L.failed) load_rules(&L, f, root);
    if (!L.failed) load_patterns(&L, f, root);
    if (!L.failed) load_document(&L, f, root);
    json_decref(root);
    if (L.failed) {
        form_free(f);
        return NULL;
    }
    return f;
}

void form_free(nb_form *f)
{
    if (!f) return;
    for (size_t i = 0; i < f->nrows; i++) {
        nb_form_row *r = &f->rows[i];
        free(r->id);
        free(r->label);
        free_strv(r->norm, r->nnorm);
        free(r->norm_len);
        free(r->norm_mask);
        free(r->unit);
        free(r->parent);
        free(r->cols);
    }
    for (size_t i = 0; i < f->ntables; i++) {
        nb_form_table *t = &f->tables[i];
        free(t->id);
        free(t->title);
        free_strv(t->keywords, t->nkeywords);
        for (size_t c = 0; c < t->ncols; c++) free(t->cols[c].id), free(t->cols[c].label);
        free(t->cols);
    }
    for (size_t i = 0; i < f->nderived; i++) {
        free(f->derived[i].id);
        free(f->derived[i].label);
        free_strv(f->derived[i].parts, f->derived[i].nparts);
    }
    for (size_t i = 0; i < f->npatterns; i++) {
        free(f->patterns[i].id);
        free_strv(f->patterns[i].cells, f->patterns[i].ncells);
        pcre2_code_free(f->patterns[i].code);
    }
    free(f->derived);
    free(f->patterns);
    free(f->tables);
    free(f->rows);
    free(f->trad_from);
    free(f->trad_to);
    free_strv(f->sections, f->nsections);
    free_strv(f->no_fees, f->nno_fees);
    free_strv(f->slips, f->nslips);
    free(f->fees_cell);
    if (f->rules) json_decref(f->rules);
    free(f->id);
    free(f->title);
    free(f->path);
    free(f);
}

/* ---- matching labels --------------------------------------------------------------------- */

#define NORM_SIZE 512

typedef enum tier { TIER_NONE, TIER_SIMILAR, TIER_PART, TIER_CONTAINS, TIER_EXACT } tier;

static size_t cp_count(const char *s)
{
    return nb_utf8_length(s, strlen(s));
}

/* Similarity of two normalized labels: longest common subsequence over the longer length. */
static double similarity(const char *a, const char *b)
{
    uint32_t x[64], y[64];
    size_t nx = 0, ny = 0, adv;
    for (size_t i = 0, l = strlen(a); i < l && nx < 64; i += adv)
        x[nx++] = (uint32_t)nb_utf8_decode((const unsigned char *)a + i, l - i, &adv);
    for (size_t i = 0, l = strlen(b); i < l && ny < 64; i += adv)
        y[ny++] = (uint32_t)nb_utf8_decode((const unsigned char *)b + i, l - i, &adv);
    if (!nx || !ny) return 0;
    unsigned short dp[65][65];
    for (size_t i = 0; i <= nx; i++)
        for (size_t j = 0; j <= ny; j++)
            dp[i][j] =
                (unsigned short)(i == 0 || j == 0 ? 0
                                 : x[i - 1] == y[j - 1]
                                     ? dp[i - 1][j - 1] + 1
                                     : (dp[i - 1][j] > dp[i][j - 1] ? dp[i - 1][j] : dp[i][j - 1]));
    return (double)dp[nx][ny] / (double)(nx > ny ? nx : ny);
}

/* The form row (of table ft, or of any table when ft < 0) whose label best matches the
 * normalized label; -1 when none or when two rows match equally well. */
static long match_row(const nb_form *f, long ft, const char *norm, tier floor, tier *how)
{
    *how = TIER_NONE;
    size_t n = cp_count(norm);
    if (n == 0) return -1;
    uint64_t nm = label_mask(norm);
    long best = -1;
    tier best_tier = TIER_NONE;
    double best_score = 0;
    bool tie = false;
    for (size_t i = 0; i < f->nrows; i++) {
        const nb_form_row *r = &f->rows[i];
        if (ft >= 0 && r->table != (size_t)ft) continue;
        for (size_t k = 0; k < r->nnorm; k++) {
            const char *lab = r->norm[k];
            size_t ln = r->norm_len[k];
            uint64_t lm = r->norm_mask[k];
            bool lab_in_norm = (lm & ~nm) == 0, norm_in_lab = (nm & ~lm) == 0;
            tier t = TIER_NONE;
            double score = 0;
            if (ln == 0) continue;
            if (floor > TIER_SIMILAR && !lab_in_norm && !norm_in_lab) continue;
            if (lab_in_norm && norm_in_lab && strcmp(lab, norm) == 0)
                t = TIER_EXACT, score = 1;
            else if (lab_in_norm && ln >= 2 && strstr(norm, lab))
                t = TIER_CONTAINS, score = (double)ln;
            else if (norm_in_lab && floor <= TIER_PART && n >= 4 && strstr(lab, norm))
                t = TIER_PART, score = (double)n / (double)ln;
            /* a common subsequence of 80 % of the longer needs lengths within 80 % of each
             * other, and is only wanted while nothing better matched: most pairs are ruled
             * out without computing it */
            else if (floor <= TIER_SIMILAR && n >= 4 && best_tier <= TIER_SIMILAR &&
                     5 * (n < ln ? n : ln) >= 4 * (n > ln ? n : ln) &&
                     (score = similarity(norm, lab)) >= 0.8)
                t = TIER_SIMILAR;
            if (t == TIER_NONE) continue;
            /* a piece of a label (or a near miss) must fit one row only; whole labels and
             * labels that contain a row's label prefer the longest, most specific one */
            bool by_score = t == TIER_EXACT || t == TIER_CONTAINS;
            if (t > best_tier || (t == best_tier && by_score && score > best_score)) {
                tie = false;
                best = (long)i, best_tier = t, best_score = score;
            } else if (t == best_tier && best != (long)i && (!by_score || score == best_score)) {
                tie = true;
            }
        }
    }
    if (tie) return -1;
    *how = best_tier;
    return best;
}

/* ---- the rows of the document ------------------------------------------------------------ */

static bool is_unit_text(const char *s)
{
    static const char *const units[] = {"条",   "件", "次", "人", "个", "篇",  "人次",
                                        "万元", "元", "期", "场", "项", "单位"};
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++)
        if (strcmp(s, units[k]) == 0) return true;
    return false;
}

typedef struct item {
    const nb_table *table;
    const nb_row *row;
    size_t first_value; /* cells [first_value, ncells) are values */
    size_t nvalues;
    long form_row;
    tier how;
} item;

static bool value_like(const nb_cell *c)
{
    nb_number n;
    return nb_numeral_cell(c->text, strlen(c->text), &n) != NB_CELL_TEXT;
}

/* The label candidates of a row: its last text cell, all its text cells together, and for a
 * row without text the titles of its table. */
static void row_labels(const nb_form *f, const nb_doc *doc, const item *it, char last[], char all[],
                       char title[])
{
    char raw_all[NORM_SIZE] = "";
    const char *raw_last = "";
    size_t n = 0;
    for (size_t c = 0; c < it->first_value; c++) {
        const char *t = it->row->cells[c].text;
        if (!t[0] || is_unit_text(t)) continue;
        raw_last = t;
        size_t l = strlen(t);
        if (n + l < sizeof raw_all) memcpy(raw_all + n, t, l), n += l;
    }
    raw_all[n] = '\0';
    normalize_label(f, raw_last, strlen(raw_last), last, NORM_SIZE);
    normalize_label(f, raw_all, n, all, NORM_SIZE);
    title[0] = '\0';
    long b = it->table->block;
    if (n == 0 && b > 0 && doc->blocks[b - 1].kind == NB_BLOCK_TABLE_TITLE)
        normalize_label(f, doc->blocks[b - 1].text, doc->blocks[b - 1].len, title, NORM_SIZE);
}

/* floor: the weakest kind of match wanted (choosing a form needs only the strong ones) */
static void classify_item(const nb_form *f, const nb_doc *doc, long ft, item *it, tier floor)
{
    const nb_row *row = it->row;
    size_t v = row->ncells;
    while (v > 0 && value_like(&row->cells[v - 1])) v--;
    it->first_value = v;
    it->nvalues = row->ncells - v;
    it->form_row = -1;
    if (row->header) return;
    char last[NORM_SIZE], all[NORM_SIZE], title[NORM_SIZE];
    row_labels(f, doc, it, last, all, title);
    const char *cands[] = {last, all, title};
    for (size_t k = 0; k < 3 && it->form_row < 0; k++)
        if (cands[k][0] && (k != 1 || strcmp(all, last) != 0))
            it->form_row = match_row(f, ft, cands[k], floor, &it->how);
    /* a table's title names a row only when it is that row's label */
    if (it->form_row >= 0 && !last[0] && !all[0] && it->how != TIER_EXACT) it->form_row = -1;
}

/* ---- which form table a document table belongs to ---------------------------------------- */

static const nb_block *section_of(const nb_doc *doc, long block)
{
    for (long b = block; b >= 0; b--)
        if (doc->blocks[b].kind == NB_BLOCK_HEADING && doc->blocks[b].level == 1)
            return &doc->blocks[b];
    return NULL;
}

static long assign_table(const nb_form *f, const nb_doc *doc, const nb_table *t)
{
    if (f->ntables == 1) return 0;
    const nb_block *sec = section_of(doc, t->block);
    if (sec) {
        char ns[NORM_SIZE], nt[NORM_SIZE];
        normalize_label(f, sec->text, sec->len, ns, sizeof ns);
        for (size_t i = 0; i < f->ntables; i++) {
            if (!f->tables[i].title) continue;
            normalize_label(f, f->tables[i].title, strlen(f->tables[i].title), nt, sizeof nt);
            if (nt[0] && strstr(ns, nt)) return (long)i;
        }
    }
    /* else by the labels of its rows */
    size_t hits[16] = {0};
    for (size_t r = 0; r < t->nrows; r++) {
        item it = {.table = t, .row = &t->rows[r]};
        classify_item(f, doc, -1, &it, TIER_CONTAINS);
        if (it.form_row >= 0 && it.how >= TIER_CONTAINS && f->rows[it.form_row].table < 16)
            hits[f->rows[it.form_row].table]++;
    }
    long best = -1;
    size_t best_hits = 0;
    for (size_t i = 0; i < f->ntables && i < 16; i++)
        if (hits[i] > best_hits) best = (long)i, best_hits = hits[i];
    return best;
}

size_t form_fit(const nb_form *f, const nb_doc *doc)
{
    size_t score = 0;
    for (size_t ti = 0; ti < doc->ntables; ti++) {
        const nb_table *t = &doc->tables[ti];
        long ft = assign_table(f, doc, t);
        if (ft < 0) continue;
        for (size_t r = 0; r < t->nrows; r++) {
            item it = {.table = t, .row = &t->rows[r]};
            classify_item(f, doc, ft, &it, TIER_CONTAINS);
            if (it.form_row >= 0 && it.how >= TIER_CONTAINS) score++;
        }
    }
    if (score && doc->year && doc->year >= f->year_min && doc->year <= f->year_max) score += 2;
    return score;
}

/* ---- binding ----------------------------------------------------------------------------- */

typedef struct binder {
    const nb_form *f;
    nb_doc *doc;
    nb_bound_cell *cells;
    size_t ncells, cap;
    bool *row_bound;
    bool failed;
} binder;

static void bind_cell(binder *B, size_t row, long col, const nb_cell *c)
{
    if (B->ncells == B->cap) {
        size_t ncap = B->cap ? B->cap * 2 : 64;
        nb_bound_cell *nc = realloc(B->cells, ncap * sizeof *nc);
        if (!nc) {
            B->failed = true;
            return;
        }
        B->cells = nc;
        B->cap = ncap;
    }
    nb_bound_cell *b = &B->cells[B->ncells++];
    memset(b, 0, sizeof *b);
    b->row = row;
    b->col = col;
    b->status = nb_numeral_cell(c->text, strlen(c->text), &b->value);
    b->raw = c->text;
    b->line = c->line;
}

/* Puts n values into form row `row`'s columns: all of them in order when they fit; when one
 * is missing (a column lost in conversion) the last value goes to the last column. */
static void bind_values(binder *B, size_t row, const nb_cell *values, size_t n)
{
    const nb_form_row *r = &B->f->rows[row];
    B->row_bound[row] = true;
    if (r->group || n == 0) return;
    if (r->ncols == 0) {
        bind_cell(B, row, -1, &values[n - 1]);
        return;
    }
    nb_number num;
    while (n > r->ncols &&
           nb_numeral_cell(values[n - 1].text, strlen(values[n - 1].text), &num) == NB_CELL_BLANK)
        n--;
    if (n >= r->ncols) {
        for (size_t k = 0; k < r->ncols; k++) bind_cell(B, row, (long)r->cols[k], &values[k]);
        return;
    }
    for (size_t k = 0; k + 1 < n; k++) bind_cell(B, row, (long)r->cols[k], &values[k]);
    bind_cell(B, row, (long)r->cols[n > 1 ? r->ncols - 1 : 0], &values[n - 1]);
}

typedef struct chunk {
    const nb_cell *values;
    size_t n;
} chunk;

/* Label-less rows between two bound rows take the unbound form rows between those, in order. */
static void fill_by_position(binder *B, size_t ft, const chunk *pending, size_t npending,
                             long after, long before)
{
    const nb_form_table *t = &B->f->tables[ft];
    size_t r = after >= 0 ? (size_t)after + 1 : t->first_row;
    size_t end = before >= 0 ? (size_t)before : t->first_row + t->nrows;
    for (size_t k = 0; k < npending; k++) {
        while (r < end && (B->row_bound[r] || B->f->rows[r].group)) r++;
        if (r >= end) return;
        bind_values(B, r++, pending[k].values, pending[k].n);
    }
}

static size_t table_width(const nb_form *f, size_t ft)
{
    size_t w = 0;
    for (size_t r = 0; r < f->tables[ft].nrows; r++) {
        size_t n = f->rows[f->tables[ft].first_row + r].ncols;
        if (n > w) w = n;
    }
    return w;
}

/* Values of several rows run together after one label (one cell per line: the values of the
 * rows whose labels came elsewhere follow the last label): the label keeps its row's worth. */
static size_t own_values(const item *it, size_t width)
{
    if (width > 1 && it->nvalues > width && it->nvalues % width == 0) return width;
    return it->nvalues;
}

static void bind_rows(binder *B, size_t ft, item *items, size_t n)
{
    size_t width = table_width(B->f, ft);
    /* first every row whose label was found */
    for (size_t i = 0; i < n; i++) {
        item *it = &items[i];
        if (it->form_row < 0 || B->row_bound[it->form_row]) continue;
        if (it->nvalues == 0 && !B->f->rows[it->form_row].group) {
            it->form_row = -1; /* a label whose values stand elsewhere */
            continue;
        }
        bind_values(B, (size_t)it->form_row, it->row->cells + it->first_value,
                    own_values(it, width));
    }
    /* then the label-less runs of values, by position */
    chunk *pending = calloc(n * 4 + 1, sizeof *pending);
    if (!pending) {
        B->failed = true;
        return;
    }
    size_t np = 0;
    long after = -1;
    for (size_t i = 0; i <= n; i++) {
        item *it = i < n ? &items[i] : NULL;
        bool anchor = !it || (it->form_row >= 0 && it->nvalues > 0);
        size_t skip = 0;
        if (anchor) {
            long before = it ? it->form_row : -1;
            if (np && (before < 0 || before > after))
                fill_by_position(B, ft, pending, np, after, before);
            np = 0;
            if (!it) continue;
            after = it->form_row;
            skip = own_values(it, width);
        }
        if (it->nvalues <= skip || it->row->header) continue;
        const nb_cell *v = it->row->cells + it->first_value + skip;
        size_t count = it->nvalues - skip;
        /* a run holding several rows' values (one cell per line) */
        if (width > 1 && count + 1 < width) continue; /* a stray value, not a row */
        if (width > 1 && count > width && count % width == 0 && np + count / width < n * 4) {
            for (size_t k = 0; k < count; k += width) pending[np++] = (chunk){v + k, width};
        } else if (np < n * 4) {
            pending[np++] = (chunk){v, count};
        }
    }
    free(pending);
}

/* ---- 表四: fifteen values, often printed as one row ---------------------------------------- */

static bool block_sums_hold(const nb_cell *const *v)
{
    for (int b = 0; b < 3; b++) {
        nb_number x, sum = {0};
        for (int k = 0; k < 5; k++) {
            if (nb_numeral_cell(v[b * 5 + k]->text, strlen(v[b * 5 + k]->text), &x) > NB_CELL_ZERO)
                return true; /* a blank: cannot tell, take the printed order */
            if (x.decimals) return true;
            if (k < 4)
                sum.units += x.units;
            else if (nb_number_compare(&sum, &x) != 0)
                return false;
        }
    }
    return true;
}

/* For one-cell-per-line text the reading order of 表四 can be scrambled (pdftotext reads the
 * merged header cells first). Rebuild the three blocks from runs of four results followed,
 * somewhere later, by a lone total equal to their sum, or runs of five that hold their sum;
 * the block after a "复议后起诉" label is the one after review. Returns false when that does
 * not give three consistent blocks. */
static bool assemble_blocks(const item *items, size_t n, const nb_cell **out)
{
    const nb_cell *blocks[3][5];
    bool after_label[3] = {false, false, false};
    size_t nb = 0;
    bool used[64] = {false};
    bool saw_after = false;
    for (size_t i = 0; i < n && i < 64 && nb < 3; i++) {
        const item *it = &items[i];
        for (size_t c = 0; c < it->first_value; c++)
            if (strstr(it->row->cells[c].text, "复议后")) saw_after = true;
        const nb_cell *v = it->row->cells + it->first_value;
        if (it->nvalues != 4 && it->nvalues != 5) continue;
        nb_number x, sum = {0};
        bool ok = true;
        for (size_t k = 0; k < 4 && ok; k++) {
            ok = nb_numeral_cell(v[k].text, strlen(v[k].text), &x) <= NB_CELL_ZERO && !x.decimals;
            sum.units += x.units;
        }
        if (!ok) return false;
        const nb_cell *total = NULL;
        if (it->nvalues == 5) {
            total = &v[4];
        } else {
            for (size_t j = i + 1; j < n && j < 64 && !total; j++) {
                if (used[j] || items[j].nvalues != 1) continue;
                const nb_cell *t = items[j].row->cells + items[j].first_value;
                if (nb_numeral_cell(t->text, strlen(t->text), &x) <= NB_CELL_ZERO &&
                    nb_number_compare(&x, &sum) == 0) {
                    total = t;
                    used[j] = true;
                }
            }
        }
        if (!total || nb_numeral_cell(total->text, strlen(total->text), &x) > NB_CELL_ZERO ||
            nb_number_compare(&x, &sum) != 0)
            return false;
        for (size_t k = 0; k < 4; k++) blocks[nb][k] = &v[k];
        blocks[nb][4] = total;
        after_label[nb++] = saw_after;
        saw_after = false;
    }
    if (nb != 3) return false;
    /* review comes first; the block announced as 复议后起诉 is "after"; the other is "direct" */
    int order[3] = {0, 1, 2};
    if (after_label[1] && !after_label[2]) order[1] = 2, order[2] = 1;
    for (int b = 0; b < 3; b++)
        for (int k = 0; k < 5; k++) out[b * 5 + k] = blocks[order[b]][k];
    return true;
}

static bool bind_flat(binder *B, size_t ft, const item *items, size_t n)
{
    const nb_form_table *t = &B->f->tables[ft];
    size_t need = 0;
    for (size_t r = 0; r < t->nrows; r++) need += B->f->rows[t->first_row + r].ncols;
    if (need != 15 || t->nrows != 3) return false;
    const nb_cell *v[15];
    size_t count = 0;
    bool cells_syntax = false;
    for (size_t i = 0; i < n; i++) {
        if (items[i].row->header) continue;
        cells_syntax |= items[i].table->syntax == NB_TABLE_CELLS;
        for (size_t k = 0; k < items[i].nvalues; k++) {
            if (count == 15) return false;
            v[count++] = &items[i].row->cells[items[i].first_value + k];
        }
    }
    if (count != 15) return false;
    if (cells_syntax && !block_sums_hold(v)) assemble_blocks(items, n, v);
    for (size_t r = 0; r < 3; r++) {
        const nb_form_row *fr = &B->f->rows[t->first_row + r];
        B->row_bound[t->first_row + r] = true;
        for (size_t k = 0; k < fr->ncols; k++)
            bind_cell(B, t->first_row + r, (long)fr->cols[k], v[r * 5 + k]);
    }
    return true;
}

static int by_form_order(const void *a, const void *b)
{
    const nb_bound_cell *x = a, *y = b;
    if (x->row != y->row) return x->row < y->row ? -1 : 1;
    return (x->col > y->col) - (x->col < y->col);
}

int form_bind(const nb_form *f, nb_doc *doc, nb_binding *out, nb_error *err)
{
    memset(out, 0, sizeof *out);
    out->form = f;
    binder B = {.f = f, .doc = doc, .row_bound = calloc(f->nrows + 1, sizeof(bool))};
    size_t total_rows = 0;
    for (size_t t = 0; t < doc->ntables; t++) total_rows += doc->tables[t].nrows;
    item *items = calloc(total_rows + 1, sizeof *items);
    long *assigned = calloc(doc->ntables + 1, sizeof *assigned);
    if (!B.row_bound || !items || !assigned) B.failed = true;
    for (size_t t = 0; !B.failed && t < doc->ntables; t++)
        assigned[t] = assign_table(f, doc, &doc->tables[t]);
    for (size_t ft = 0; !B.failed && ft < f->ntables; ft++) {
        size_t n = 0;
        for (size_t t = 0; t < doc->ntables; t++) {
            if (assigned[t] != (long)ft) continue;
            for (size_t r = 0; r < doc->tables[t].nrows; r++) {
                item *it = &items[n++];
                it->table = &doc->tables[t];
                it->row = &doc->tables[t].rows[r];
                classify_item(f, doc, (long)ft, it, TIER_SIMILAR);
                if (it->form_row >= 0) out->matched_rows++;
            }
        }
        bool labelled = false;
        for (size_t i = 0; i < n; i++) labelled |= items[i].form_row >= 0 && items[i].nvalues > 0;
        if (f->tables[ft].flat && !labelled && bind_flat(&B, ft, items, n)) continue;
        bind_rows(&B, ft, items, n);
    }
    free(items);
    free(assigned);
    free(B.row_bound);
    if (B.failed) {
        free(B.cells);
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while binding the tables");
        return -1;
    }
    if (B.ncells) qsort(B.cells, B.ncells, sizeof *B.cells, by_form_order);
    /* the cells live as long as the document */
    out->cells = nb_arena_alloc(&doc->arena, (B.ncells ? B.ncells : 1) * sizeof *out->cells);
    if (!out->cells) {
        free(B.cells);
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while binding the tables");
        return -1;
    }
    if (B.ncells) memcpy(out->cells, B.cells, B.ncells * sizeof *out->cells);
    out->ncells = B.ncells;
    free(B.cells);
    return 0;
}

const nb_bound_cell *binding_find(const nb_binding *b, size_t row, long col)
{
    for (size_t i = 0; i < b->ncells; i++)
        if (b->cells[i].row == row && b->cells[i].col == col) return &b->cells[i];
    return NULL;
}

/* ---- form sets --------------------------------------------------------------------------- */

#ifndef NB_FORMS_DIR
#define NB_FORMS_DIR "/usr/local/share/nianbao/forms"
#endif

static int by_string(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *default_forms_dir(void)
{
    const char *env = getenv("NIANBAO_FORMS");
    if (env && env[0]) return env;
    static const char *const dirs[] = {NB_FORMS_DIR,
#ifdef NB_SOURCE_FORMS_DIR
                                       NB_SOURCE_FORMS_DIR,
#endif
                                       "forms"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        DIR *d = opendir(dirs[i]);
        if (d) {
            closedir(d);
            return dirs[i];
        }
    }
    return NB_FORMS_DIR;
}

nb_formset *nb_formset_load(const char *dir, nb_error *err)
{
    if (!dir) dir = default_forms_dir();
    DIR *d = opendir(dir);
    if (!d) {
        nb_error_set(err, NB_ERR_IO, dir, 0, 0,
                     "cannot open the forms directory (set NIANBAO_FORMS or use --forms DIR)");
        return NULL;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 || e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn) break;
            names = nn;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_string);
    nb_formset *fs = calloc(1, sizeof *fs);
    bool ok = fs && (fs->forms = calloc(n + 1, sizeof *fs->forms)) != NULL;
    if (!ok) nb_error_set(err, NB_ERR_NOMEM, dir, 0, 0, "out of memory loading forms");
    for (size_t i = 0; ok && i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        nb_form *f = form_load(path, err);
        if (f)
            fs->forms[fs->nforms++] = f;
        else
            ok = false;
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    if (!ok) {
        nb_formset_free(fs);
        return NULL;
    }
    return fs;
}

void nb_formset_free(nb_formset *fs)
{
    if (!fs) return;
    for (size_t i = 0; i < fs->nforms; i++) form_free(fs->forms[i]);
    free(fs->forms);
    free(fs);
}

size_t nb_formset_count(const nb_formset *fs)
{
    return fs ? fs->nforms : 0;
}

const char *nb_formset_id(const nb_formset *fs, size_t i)
{
    return i < fs->nforms ? fs->forms[i]->id : NULL;
}

const char *nb_formset_title(const nb_formset *fs, size_t i)
{
    return i < fs->nforms ? (fs->forms[i]->title ? fs->forms[i]->title : "") : NULL;
}

void nb_formset_describe(const nb_formset *fs, size_t i, int years[2], size_t *rows, size_t *rules,
                         size_t *patterns)
{
    const nb_form *f = fs->forms[i];
    years[0] = f->year_min;
    years[1] = f->year_max;
    *rows = f->nrows;
    *rules = f->rules ? json_array_size(f->rules) : 0;
    *patterns = f->npatterns;
}
