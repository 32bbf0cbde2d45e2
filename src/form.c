/*
 * form.c — loading the form files (forms/NAME.json): the "extends" merge, validation, and the
 * compiled form every later stage reads (cells numbered, rules expanded into instances with
 * operand indices, patterns compiled).
 *
 * A form may extend another ("extends": "gov-2019"): the base is loaded from the same
 * directory and the file is merged onto it. Objects merge key by key; arrays of objects with
 * an "id" (tables, rows, columns, derived, rules, patterns) merge element by element: an
 * element with a known id is merged into it in place (or, with "replace": true, takes its
 * place whole), {"id": X, "remove": true} drops X, a new element goes right after the element
 * before it in the file's array; any other value
 * replaces the base's, and null removes a key (as in a JSON merge patch, RFC 7386).
 * "abstract" (a base that is never chosen) is not inherited.
 *
 * Loading validates everything later stages rely on, so that they need no checks of their own:
 * ids are unique, every cell a rule, a derived cell or a pattern names exists (wildcards and
 * for_each templates expanded), every pattern compiles. Errors name the file and the JSON path.
 *
 * Must not: bind tables, evaluate rules or run patterns.
 */
#include "form.h"

#include "error.h"
#include "label.h"
#include "text.h"
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
    bool across; /* loading "across_years": "last:" operands and the jump check are allowed */
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
    char p[256];
    snprintf(p, sizeof p, "%s.%s", jpath, key);
    if (!v) {
        if (required) fail_at(L, p, "missing (expected a string)");
        return NULL;
    }
    if (!json_is_string(v)) {
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

/* The same into a string list of the vocabulary, adding only new strings. */
static void add_strings(loader *L, json_t *obj, const char *key, const char *jpath, nb_strv *to)
{
    size_t n = 0;
    char **v = get_strv(L, obj, key, jpath, &n, false);
    for (size_t i = 0; i < n && !L->failed; i++)
        if (!strv_add_unique(to, v[i])) fail_at(L, jpath, "out of memory");
    free_strv(v, n);
}

/* ---- extends: a form merged onto its base ------------------------------------------------ */

#define MAX_EXTENDS_DEPTH 8

static bool is_id_array(json_t *a)
{
    if (!json_is_array(a) || json_array_size(a) == 0) return false;
    for (size_t i = 0; i < json_array_size(a); i++)
        if (!json_is_string(json_object_get(json_array_get(a, i), "id"))) return false;
    return true;
}

static long index_of_id(json_t *a, const char *id)
{
    for (size_t i = 0; i < json_array_size(a); i++)
        if (strcmp(json_string_value(json_object_get(json_array_get(a, i), "id")), id) == 0)
            return (long)i;
    return -1;
}

static json_t *merge_json(json_t *base, json_t *over);

/* Element-wise merge of two arrays of objects with ids (see the top of the file). */
static json_t *merge_id_arrays(json_t *base, json_t *over)
{
    json_t *out = json_deep_copy(base);
    long cursor = -1;
    for (size_t i = 0; out && i < json_array_size(over); i++) {
        json_t *e = json_array_get(over, i);
        const char *id = json_string_value(json_object_get(e, "id"));
        long at = index_of_id(out, id);
        if (at >= 0 && json_is_true(json_object_get(e, "remove"))) {
            json_array_remove(out, (size_t)at);
            cursor = at - 1;
        } else if (at >= 0) {
            /* "replace": true puts the element in place of the base's instead of merging */
            bool replace = json_is_true(json_object_get(e, "replace"));
            json_t *m =
                replace ? json_deep_copy(e) : merge_json(json_array_get(out, (size_t)at), e);
            if (m && replace) json_object_del(m, "replace");
            if (!m || json_array_set_new(out, (size_t)at, m) != 0) {
                json_decref(out);
                return NULL;
            }
            cursor = at;
        } else if (!json_is_true(json_object_get(e, "remove"))) {
            if (json_array_insert_new(out, (size_t)(cursor + 1), json_deep_copy(e)) != 0) {
                json_decref(out);
                return NULL;
            }
            cursor++;
        }
    }
    return out;
}

/* A new value: over merged onto base. */
static json_t *merge_json(json_t *base, json_t *over)
{
    if (json_is_object(base) && json_is_object(over)) {
        /* (a shallow copy: the keys over names are replaced in it, the others shared with base,
         * which nothing changes) */
        json_t *out = json_copy(base);
        const char *key;
        json_t *v;
        json_object_foreach(over, key, v)
        {
            if (json_is_null(v)) { /* null removes the key, as in a JSON merge patch */
                json_object_del(out, key);
                continue;
            }
            json_t *b = json_object_get(base, key);
            json_t *m = b ? merge_json(b, v) : json_deep_copy(v);
            if (!out || !m || json_object_set_new(out, key, m) != 0) {
                json_decref(out);
                return NULL;
            }
        }
        return out;
    }
    if (is_id_array(base) && (is_id_array(over) || json_array_size(over) == 0) &&
        json_is_array(over))
        return merge_id_arrays(base, over);
    return json_deep_copy(over);
}

/* The form file at path, read whole and parsed (json_load_file reads a byte at a time). */
static json_t *read_json_file(loader *L, const char *path)
{
    json_error_t jerr;
    json_t *root = NULL;
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0;
    while (f) {
        if (len == cap) {
            char *b = cap < (64u << 20) ? realloc(buf, cap = cap ? 2 * cap : 65536) : NULL;
            if (!b) break;
            buf = b;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    if (f && buf && !ferror(f) && feof(f))
        root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
    else /* (the same message as json_load_file's) */
        root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
    if (f) fclose(f);
    free(buf);
    if (!root) {
        L->failed = true;
        nb_error_set(L->err, NB_ERR_USAGE, path, (size_t)(jerr.line > 0 ? jerr.line : 0),
                     (size_t)(jerr.column > 0 ? jerr.column : 0), "invalid form file: %s",
                     jerr.text);
    }
    return root;
}

/* root with its "extends" chain resolved (root's reference is taken; a new one returned).
 * dir is where bases are looked for, NULL when there is none. */
static json_t *resolve_extends(loader *L, json_t *root, const char *dir, int depth)
{
    json_t *ext = json_object_get(root, "extends");
    if (!ext || L->failed) return root;
    const char *id = json_string_value(ext);
    bool name_ok = id && id[0] && strlen(id) < 100;
    for (const char *c = id; name_ok && *c; c++)
        name_ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                  (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.';
    if (!name_ok || (id && id[0] == '.')) {
        fail_at(L, "$.extends", "expected the id of another form file (letters, digits, - _ .)");
    } else if (!dir) {
        fail_at(L, "$.extends", "a form read from memory cannot extend another");
    } else if (depth >= MAX_EXTENDS_DEPTH) {
        fail_at(L, "$.extends", "more than 8 forms extend each other (a cycle?)");
    } else {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.json", dir, id);
        loader sub = {.file = path, .err = L->err};
        json_t *base = read_json_file(&sub, path);
        if (base) base = resolve_extends(&sub, base, dir, depth + 1);
        if (sub.failed) {
            L->failed = true; /* the error names the base's file */
        } else {
            json_object_del(base, "abstract");
            json_t *merged = merge_json(base, root);
            if (!merged) fail_at(L, "$", "out of memory");
            json_decref(root);
            root = merged ? merged : json_object();
        }
        json_decref(base);
    }
    return root;
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
 * the file is kept. */
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
    memset(f->trad_bmp, 0, sizeof f->trad_bmp);
    for (size_t i = 0; i < n; i++)
        if (f->trad_from[i] < 0x10000)
            f->trad_bmp[f->trad_from[i] >> 3] |= 1u << (f->trad_from[i] & 7);
}

uint32_t form_fold_traditional(const nb_form *f, uint32_t cp)
{
    /* most characters are not in the map: answered here, without the call */
    if (!f->ntrad || (cp < 0x10000 && !(f->trad_bmp[cp >> 3] & (1u << (cp & 7))))) return cp;
    text_fold fold = {f->trad_from, f->trad_to, f->ntrad, f->trad_bmp};
    return text_fold_cp(&fold, cp);
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

/* The normalized forms of label and its variants. */
static char **normalize_all(const nb_form *f, const char *label, char **variants, size_t nvar,
                            size_t *n)
{
    char **out = calloc(nvar + 2, sizeof *out);
    *n = 0;
    for (size_t k = 0; out && k <= nvar; k++) {
        const char *s = k == 0 ? label : variants[k - 1];
        char buf[LABEL_SIZE];
        label_normalize(f, s, strlen(s), buf, sizeof buf);
        out[(*n)++] = strdup(buf);
    }
    return out;
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
    r->groups = get_strv(L, jr, "groups", jpath, &r->ngroups, false);
    r->heading = get_strv(L, jr, "heading", jpath, &r->nheading, false);
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
    r->norm = normalize_all(f, r->label, variants, nvar, &r->nnorm);
    r->norm_len = calloc(r->nnorm + 1, sizeof *r->norm_len);
    r->norm_mask = calloc(r->nnorm + 1, sizeof *r->norm_mask);
    for (size_t k = 0; r->norm_len && r->norm_mask && k < r->nnorm; k++) {
        r->norm_mask[k] = label_mask(r->norm[k]);
        r->norm_len[k] = nb_utf8_length(r->norm[k], strlen(r->norm[k]));
    }
    free_strv(variants, nvar);
    size_t ncols = 0;
    char **cols = get_strv(L, jr, "columns", jpath, &ncols, false);
    if (ncols && r->group) {
        char p[256];
        snprintf(p, sizeof p, "%s.columns", jpath);
        fail_at(L, p, "a group row holds no values");
    }
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

static void load_columns(loader *L, nb_form *f, nb_form_table *t, json_t *jt, const char *jpath)
{
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
        nb_form_col *col = &t->cols[t->ncols++];
        col->id = dupstr(get_str(L, jc, "id", p, true));
        col->label = dupstr(get_str(L, jc, "label", p, true));
        if (L->failed) return;
        size_t nvar = 0;
        char **variants = get_strv(L, jc, "variants", p, &nvar, false);
        col->norm = normalize_all(f, col->label, variants, nvar, &col->nnorm);
        free_strv(variants, nvar);
        col->groups = get_strv(L, jc, "groups", p, &col->ngroups, false);
    }
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
        json_t *layout = json_object_get(jt, "layout");
        if (layout &&
            !(json_is_string(layout) && (strcmp(json_string_value(layout), "across") == 0 ||
                                         strcmp(json_string_value(layout), "down") == 0))) {
            char p[160];
            snprintf(p, sizeof p, "%s.layout", jpath);
            return fail_at(L, p, "expected \"down\" (rows under each other) or \"across\"");
        }
        t->across = layout && strcmp(json_string_value(layout), "across") == 0;
        t->note = dupstr(get_str(L, jt, "note", jpath, false));
        load_columns(L, f, t, jt, jpath);
        json_t *rows = json_object_get(jt, "rows");
        char p[160];
        snprintf(p, sizeof p, "%s.rows", jpath);
        if (!L->failed && !json_is_array(rows)) return fail_at(L, p, "expected an array of rows");
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

/* ---- cells and operands ------------------------------------------------------------------ */

size_t form_row_width(const nb_form_row *r)
{
    return r->group ? 0 : r->ncols ? r->ncols : 1;
}

static void number_cells(loader *L, nb_form *f)
{
    size_t n = 0;
    for (size_t i = 0; i < f->nrows; i++) n += form_row_width(&f->rows[i]);
    f->cells = calloc(n + 1, sizeof *f->cells);
    if (!f->cells) return fail_at(L, "$.tables", "out of memory");
    for (size_t t = 0; t < f->ntables; t++) {
        nb_form_table *ft = &f->tables[t];
        ft->first_cell = f->ncells;
        for (size_t i = ft->first_row; i < ft->first_row + ft->nrows; i++) {
            nb_form_row *r = &f->rows[i];
            r->first_cell = f->ncells;
            for (size_t k = 0; k < form_row_width(r); k++) {
                nb_form_cell *c = &f->cells[f->ncells++];
                c->row = i;
                c->col = r->ncols ? (long)r->cols[k] : -1;
                char id[512];
                if (c->col < 0)
                    snprintf(id, sizeof id, "%s", r->id);
                else
                    snprintf(id, sizeof id, "%s/%s", r->id, ft->cols[c->col].id);
                c->id = strdup(id);
                if (!c->id) return fail_at(L, "$.tables", "out of memory");
            }
        }
        ft->ncells = f->ncells - ft->first_cell;
    }
}

long form_cell_index(const nb_form *f, size_t row, long col)
{
    const nb_form_row *r = &f->rows[row];
    if (r->group) return -1;
    if (col < 0) return r->ncols ? -1 : (long)r->first_cell;
    for (size_t k = 0; k < r->ncols; k++)
        if ((long)r->cols[k] == col) return (long)(r->first_cell + k);
    return -1;
}

long form_find_operand(const nb_form *f, const char *id)
{
    for (size_t i = 0; i < f->ncells; i++)
        if (strcmp(f->cells[i].id, id) == 0) return (long)i;
    for (size_t i = 0; i < f->nderived; i++)
        if (f->derived[i].id && strcmp(f->derived[i].id, id) == 0) return (long)(f->ncells + i);
    return -1;
}

bool form_find_cell(const nb_form *f, const char *id, size_t *row, long *col)
{
    long op = form_find_operand(f, id);
    if (op < 0 || (size_t)op >= f->ncells) return false;
    *row = f->cells[op].row;
    *col = f->cells[op].col;
    return true;
}

const char *form_operand_id(const nb_form *f, size_t op)
{
    return op < f->ncells ? f->cells[op].id : f->derived[op - f->ncells].id;
}

typedef struct oplist {
    size_t *v;
    size_t n, cap;
    bool failed;
} oplist;

static void oplist_add(oplist *l, size_t op)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 8;
        size_t *nv = realloc(l->v, ncap * sizeof *nv);
        if (!nv) {
            l->failed = true;
            return;
        }
        l->v = nv;
        l->cap = ncap;
    }
    l->v[l->n++] = op;
}

/* Adds the operands a reference names: "row/col"; "row" for a one-value row; a row wildcard
 * (a star ending the row part: "t3.refuse.*" then "/total" names that column of every such
 * row, and "t3.other*" matches t3.other and t3.other.1); a column wildcard (a star after the
 * slash); a star alone (every cell); or a derived id. Returns how many it named. */
static size_t expand_ref(const nb_form *f, const char *ref, bool derived_ok, oplist *out)
{
    for (size_t i = 0; derived_ok && i < f->nderived; i++)
        if (f->derived[i].id && strcmp(f->derived[i].id, ref) == 0) {
            oplist_add(out, f->ncells + i);
            return 1;
        }
    size_t count = 0;
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
            oplist_add(out, r->first_cell);
            continue;
        }
        for (size_t k = 0; k < r->ncols; k++) {
            const char *cid = f->tables[r->table].cols[r->cols[k]].id;
            if (slash && strcmp(slash + 1, "*") != 0 && strcmp(slash + 1, cid) != 0) continue;
            count++;
            oplist_add(out, r->first_cell + k);
        }
    }
    return count;
}

/* Expands ref into out, failing at jpath when it names nothing. */
static void expand_checked(loader *L, const nb_form *f, const char *ref, bool derived_ok,
                           const char *jpath, oplist *out)
{
    if (L->failed) return;
    /* across years, "last:ID" is the cell ID of the year before's report: the id is expanded
     * in this form and each operand marked */
    bool last = L->across && strncmp(ref, "last:", 5) == 0;
    size_t before = out->n;
    if (expand_ref(f, last ? ref + 5 : ref, derived_ok, out) == 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "\"%s\" names no cell of this form", ref);
        fail_at(L, jpath, msg);
    }
    for (size_t i = before; last && i < out->n; i++) out->v[i] |= NB_OP_LAST;
    if (out->failed) fail_at(L, jpath, "out of memory");
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
        f->nderived++; /* counted at once: form_free frees what it holds */
        d->id = dupstr(get_str(L, jd, "id", jpath, true));
        d->label = dupstr(get_str(L, jd, "label", jpath, false));
        size_t n = 0;
        char **sum = get_strv(L, jd, "sum", jpath, &n, true);
        oplist parts = {0};
        for (size_t k = 0; k < n && !L->failed; k++) {
            char p[96];
            snprintf(p, sizeof p, "%s.sum[%zu]", jpath, k);
            expand_checked(L, f, sum[k], false, p, &parts);
        }
        free_strv(sum, n);
        d->parts = parts.v;
        d->nparts = parts.n;
    }
}

/* ---- rules ------------------------------------------------------------------------------- */

/* Replaces "{var}" in ref with value. */
static void substitute(const char *ref, const char *var, const char *value, char *out, size_t size)
{
    char key[40];
    snprintf(key, sizeof key, "{%s}", var ? var : "");
    const char *p = var ? strstr(ref, key) : NULL;
    if (!p) {
        snprintf(out, size, "%s", ref);
        return;
    }
    snprintf(out, size, "%.*s%s%s", (int)(p - ref), ref, value, p + strlen(key));
}

/* Keeps a string for the rule instances to point into. */
static const char *keep_string(loader *L, nb_form *f, const char *s)
{
    if (!s) return NULL;
    char **nv = realloc(f->rule_strings, (f->nrule_strings + 1) * sizeof *nv);
    char *copy = strdup(s);
    if (!nv || !copy) {
        free(copy);
        if (nv) f->rule_strings = nv;
        fail_at(L, "$.rules", "out of memory");
        return "";
    }
    f->rule_strings = nv;
    f->rule_strings[f->nrule_strings++] = copy;
    return copy;
}

/* The label of a for_each value for messages: a column's, or a row's whose id is the value or
 * ends in "." and the value. */
static void instance_labels(loader *L, nb_form *f, nb_form_rule *ri)
{
    char zh[600], en[600];
    ri->instance_zh = ri->instance_en = "";
    if (!ri->value) return;
    snprintf(zh, sizeof zh, " [%s]", ri->value);
    snprintf(en, sizeof en, " [%s]", ri->value);
    bool found = false;
    for (size_t t = 0; t < f->ntables && !found; t++)
        for (size_t c = 0; c < f->tables[t].ncols && !found; c++)
            if (strcmp(f->tables[t].cols[c].id, ri->value) == 0) {
                snprintf(zh, sizeof zh, "（%s列）", f->tables[t].cols[c].label);
                snprintf(en, sizeof en, " (column %s)", f->tables[t].cols[c].label);
                found = true;
            }
    size_t vl = strlen(ri->value);
    for (size_t r = 0; r < f->nrows && !found; r++) {
        const char *id = f->rows[r].id;
        size_t il = strlen(id);
        if (strcmp(id, ri->value) == 0 ||
            (il > vl && id[il - vl - 1] == '.' && strcmp(id + il - vl, ri->value) == 0)) {
            snprintf(zh, sizeof zh, "（%s）", f->rows[r].label);
            snprintf(en, sizeof en, " (%s)", f->rows[r].label);
            found = true;
        }
    }
    ri->instance_zh = keep_string(L, f, zh);
    ri->instance_en = keep_string(L, f, en);
}

/* The operands of one side of a rule instance. */
static void expand_side(loader *L, nb_form *f, json_t *rule, const char *key, const char *var,
                        const char *value, const char *jpath, oplist *out)
{
    json_t *arr = json_object_get(rule, key);
    if (arr && !json_is_array(arr)) {
        char p[160];
        snprintf(p, sizeof p, "%s.%s", jpath, key);
        return fail_at(L, p, "expected an array of cell references");
    }
    for (size_t i = 0; i < json_array_size(arr) && !L->failed; i++) {
        char p[160], ref[256];
        snprintf(p, sizeof p, "%s.%s[%zu]", jpath, key, i);
        const char *s = json_string_value(json_array_get(arr, i));
        if (!s) return fail_at(L, p, "expected a string");
        substitute(s, var, value, ref, sizeof ref);
        expand_checked(L, f, ref, true, p, out);
    }
}

static long table_of(const nb_form *f, const nb_form_rule *ri)
{
    const size_t *sides[2] = {ri->left, ri->right};
    size_t ns[2] = {ri->nleft, ri->nright};
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < ns[s]; i++) {
            size_t op = sides[s][i];
            if (op & NB_OP_LAST) continue; /* the year before's: its table is in another report */
            if (op >= f->ncells && f->derived[op - f->ncells].nparts)
                op = f->derived[op - f->ncells].parts[0];
            if (op < f->ncells) return (long)f->rows[f->cells[op].row].table;
        }
    return -1;
}

static void add_instance(loader *L, nb_form *f, json_t *rule, const char *jpath,
                         const nb_form_rule *proto, const char *var, const char *value)
{
    nb_form_rule *nv = realloc(f->rules, (f->nrules + 1) * sizeof *nv);
    if (!nv) return fail_at(L, jpath, "out of memory");
    f->rules = nv;
    nb_form_rule *ri = &f->rules[f->nrules++];
    *ri = *proto;
    ri->left = ri->right = NULL;
    ri->nleft = ri->nright = 0;
    ri->value = value ? keep_string(L, f, value) : NULL;
    oplist a = {0}, b = {0};
    if (proto->check == NB_CHECK_BOUNDS) {
        const char *total = get_str(L, rule, "total", jpath, true);
        if (total) {
            char p[160], ref[256];
            snprintf(p, sizeof p, "%s.total", jpath);
            substitute(total, var, value, ref, sizeof ref);
            expand_checked(L, f, ref, true, p, &a);
        }
        expand_side(L, f, rule, "parts", var, value, jpath, &b);
    } else if (proto->check == NB_CHECK_WHOLE || proto->check == NB_CHECK_JUMP) {
        expand_side(L, f, rule, "cells", var, value, jpath, &a);
        if (!L->failed && !a.n) fail_at(L, jpath, "expected \"cells\"");
        for (size_t k = 0; !L->failed && proto->check == NB_CHECK_JUMP && k < a.n; k++)
            if (a.v[k] & NB_OP_LAST)
                fail_at(L, jpath,
                        "a jump compares each cell with itself the year before: "
                        "name this year's cells");
    } else {
        expand_side(L, f, rule, "left", var, value, jpath, &a);
        expand_side(L, f, rule, "right", var, value, jpath, &b);
        if (!L->failed && (!a.n || !b.n))
            fail_at(L, jpath, "a comparison needs \"left\" and \"right\"");
    }
    ri->left = a.v, ri->nleft = a.n;
    ri->right = b.v, ri->nright = b.n;
    instance_labels(L, f, ri);
    ri->table = table_of(f, ri);
}

static void load_rule(loader *L, nb_form *f, json_t *rule, const char *jpath)
{
    if (!json_is_object(rule)) return fail_at(L, jpath, "expected an object");
    const char *id = get_str(L, rule, "id", jpath, true);
    const char *check = get_str(L, rule, "check", jpath, true);
    const char *sev = get_str(L, rule, "severity", jpath, true);
    const char *basis = get_str(L, rule, "basis", jpath, false);
    if (L->failed) return;
    static const char *const checks[] = {"equal", "le", "bounds", "whole", "jump"};
    static const char *const sevs[] = {"error", "warning", "info"};
    nb_form_rule proto = {0};
    proto.check = (nb_check_kind)5;
    for (int k = 0; k < (L->across ? 5 : 4); k++)
        if (strcmp(check, checks[k]) == 0) proto.check = (nb_check_kind)k;
    proto.severity = 3;
    for (int k = 0; k < 3; k++)
        if (strcmp(sev, sevs[k]) == 0) proto.severity = k;
    char p[96];
    if (proto.check > (L->across ? NB_CHECK_JUMP : NB_CHECK_WHOLE)) {
        snprintf(p, sizeof p, "%s.check", jpath);
        return fail_at(L, p,
                       L->across ? "expected \"equal\", \"le\", \"bounds\" or \"jump\""
                                 : "expected \"equal\", \"le\", \"bounds\" or \"whole\"");
    }
    if (L->across && proto.check == NB_CHECK_WHOLE) {
        snprintf(p, sizeof p, "%s.check", jpath);
        return fail_at(L, p, "\"whole\" is a rule of one report: put it in \"rules\"");
    }
    if (proto.check == NB_CHECK_JUMP) {
        json_t *factor = json_object_get(rule, "factor"), *min = json_object_get(rule, "min");
        proto.factor = json_number_value(factor);
        proto.min = json_number_value(min);
        if (!json_is_number(factor) || proto.factor <= 1 || proto.factor > 1e6) {
            snprintf(p, sizeof p, "%s.factor", jpath);
            return fail_at(L, p, "expected a number above 1 (the ratio that is sharp)");
        }
        if (min && (!json_is_number(min) || proto.min < 0 || proto.min > 1e15)) {
            snprintf(p, sizeof p, "%s.min", jpath);
            return fail_at(L, p, "expected a number of at least 0");
        }
    }
    if (proto.severity > 2) {
        snprintf(p, sizeof p, "%s.severity", jpath);
        return fail_at(L, p, "expected \"error\", \"warning\" or \"info\"");
    }
    json_t *title = json_object_get(rule, "title");
    proto.id = keep_string(L, f, id);
    const char *tz = json_string_value(json_object_get(title, "zh"));
    const char *te = json_string_value(json_object_get(title, "en"));
    proto.title_zh = keep_string(L, f, tz ? tz : id);
    proto.title_en = keep_string(L, f, te ? te : tz ? tz : id);
    proto.basis = basis ? keep_string(L, f, basis) : NULL;
    json_t *core = json_object_get(rule, "core");
    if (core && !json_is_boolean(core)) {
        snprintf(p, sizeof p, "%s.core", jpath);
        return fail_at(L, p, "expected true or false");
    }
    proto.core = json_is_true(core);
    json_t *each = json_object_get(rule, "for_each");
    if (!each) return add_instance(L, f, rule, jpath, &proto, NULL, NULL);
    const char *var = json_string_value(json_object_get(each, "var"));
    json_t *values = json_object_get(each, "values");
    const char *rows = json_string_value(json_object_get(each, "rows"));
    snprintf(p, sizeof p, "%s.for_each", jpath);
    if (!var || (!json_is_array(values) && !rows))
        return fail_at(L, p, "expected {\"var\": NAME, \"values\": [...]} or {\"var\", \"rows\"}");
    size_t before = f->nrules;
    for (size_t k = 0; k < json_array_size(values) && !L->failed; k++) {
        const char *v = json_string_value(json_array_get(values, k));
        if (!v) return fail_at(L, p, "for_each values must be strings");
        add_instance(L, f, rule, jpath, &proto, var, v);
    }
    if (rows) {
        size_t prefix = strlen(rows) && rows[strlen(rows) - 1] == '*' ? strlen(rows) - 1 : 0;
        for (size_t r = 0; r < f->nrows && !L->failed; r++)
            if (!f->rows[r].group && strncmp(f->rows[r].id, rows, prefix) == 0 &&
                (prefix || strcmp(f->rows[r].id, rows) == 0))
                add_instance(L, f, rule, jpath, &proto, var, f->rows[r].id);
    }
    if (!L->failed && f->nrules == before) fail_at(L, p, "names no value and no row");
}

static void load_rules(loader *L, nb_form *f, json_t *root, const char *key)
{
    json_t *rules = json_object_get(root, key);
    char jpath[64];
    snprintf(jpath, sizeof jpath, "$.%s", key);
    if (!rules) return;
    if (!json_is_array(rules)) return fail_at(L, jpath, "expected an array");
    for (size_t i = 0; i < json_array_size(rules) && !L->failed; i++) {
        snprintf(jpath, sizeof jpath, "$.%s[%zu]", key, i);
        load_rule(L, f, json_array_get(rules, i), jpath);
    }
}

/* The rules across years ("across_years"): loaded as the rules are, into f->xrules. */
static void load_across_years(loader *L, nb_form *f, json_t *root)
{
    nb_form_rule *rules = f->rules;
    size_t n = f->nrules;
    f->rules = NULL;
    f->nrules = 0;
    L->across = true;
    load_rules(L, f, root, "across_years");
    L->across = false;
    f->xrules = f->rules;
    f->nxrules = f->nrules;
    f->rules = rules;
    f->nrules = n;
}

/* ---- prose patterns ---------------------------------------------------------------------- */

/* The pattern's source with every {NUM} replaced by the number's regular expression
 * (numeral.c); only the first captures, as the group "num". NULL when out of memory. */
static char *expand_num(const char *src)
{
    char named[512], plain[512];
    nb_numeral_regex(true, named, sizeof named);
    nb_numeral_regex(false, plain, sizeof plain);
    size_t uses = 0;
    for (const char *s = strstr(src, "{NUM}"); s; s = strstr(s + 5, "{NUM}")) uses++;
    if (uses > 32) uses = 32;
    char *out = malloc(strlen(src) + uses * strlen(named) + 1), *o = out;
    if (!out) return NULL;
    size_t used = 0;
    for (const char *s = src; *s;) {
        if (strncmp(s, "{NUM}", 5) == 0 && used < 32) {
            const char *rx = used++ == 0 ? named : plain;
            memcpy(o, rx, strlen(rx));
            o += strlen(rx);
            s += 5;
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return out;
}

/* A pattern's topic: {"words": [...], "actions": [...], "units": ["条", "篇"]}. */
static void load_topic(loader *L, nb_form_pattern *p, json_t *topic, const char *jpath)
{
    char q[96];
    snprintf(q, sizeof q, "%s.topic", jpath);
    if (!json_is_object(topic)) return fail_at(L, q, "expected an object");
    p->words = get_strv(L, topic, "words", q, &p->nwords, true);
    if (!L->failed && !p->nwords) return fail_at(L, q, "words: at least one word");
    for (size_t k = 0; k < p->nwords && !L->failed; k++)
        if (!p->words[k] || !p->words[k][0]) fail_at(L, q, "words: an empty word");
    p->actions = get_strv(L, topic, "actions", q, &p->nactions, false);
    for (size_t k = 0; k < p->nactions && !L->failed; k++)
        if (!p->actions[k] || !p->actions[k][0]) fail_at(L, q, "actions: an empty word");
    size_t nu = 0;
    char **units = get_strv(L, topic, "units", q, &nu, true);
    for (size_t k = 0; k < nu && !L->failed; k++) {
        nb_unit u = nb_numeral_unit(units[k], strlen(units[k]));
        if (u == NB_UNIT_NONE) {
            char m[160];
            snprintf(m, sizeof m, "units: “%s” is not a unit nianbao knows", units[k]);
            fail_at(L, q, m);
        } else if (p->nunits < NB_TOPIC_MAX_UNITS) {
            p->units[p->nunits++] = u;
        }
    }
    if (!L->failed && !p->nunits) fail_at(L, q, "units: at least one unit");
    json_t *weak = json_object_get(topic, "weak");
    if (weak && !json_is_boolean(weak)) fail_at(L, q, "weak: expected true or false");
    p->weak = weak && json_is_true(weak);
    free_strv(units, nu);
}

static void load_pattern(loader *L, nb_form *f, json_t *jp, const char *jpath)
{
    nb_form_pattern *p = &f->patterns[f->npatterns++];
    p->id = dupstr(get_str(L, jp, "id", jpath, true));
    const char *cell = get_str(L, jp, "cell", jpath, false);
    size_t n = 0;
    char **cells = NULL;
    if (cell) {
        cells = calloc(2, sizeof *cells);
        if (cells) cells[n++] = strdup(cell);
    } else {
        cells = get_strv(L, jp, "cells", jpath, &n, true);
    }
    p->cells = calloc(n + 1, sizeof *p->cells);
    for (size_t k = 0; p->cells && k < n && !L->failed; k++) {
        long op = form_find_operand(f, cells[k]);
        if (op < 0) {
            char q[96];
            snprintf(q, sizeof q, "%s.%s", jpath, cell ? "cell" : "cells");
            fail_at(L, q, "names no cell of this form (a pattern binds one cell)");
        }
        p->cells[p->ncells++] = (size_t)op;
    }
    free_strv(cells, n);
    json_t *topic = json_object_get(jp, "topic");
    if (topic) load_topic(L, p, topic, jpath);
    const char *src = get_str(L, jp, "pattern", jpath, topic == NULL);
    if (L->failed || !src) return;
    char q[96];
    snprintf(q, sizeof q, "%s.pattern", jpath);
    bool has_num = strstr(src, "{NUM}") != NULL;
    char *expanded = expand_num(src);
    if (!expanded) return fail_at(L, jpath, "out of memory");
    int errcode;
    PCRE2_SIZE erroff;
    p->code = pcre2_compile((PCRE2_SPTR)expanded, PCRE2_ZERO_TERMINATED,
                            PCRE2_UTF | PCRE2_UCP | PCRE2_DUPNAMES, &errcode, &erroff, NULL);
    free(expanded);
    if (!p->code) {
        PCRE2_UCHAR msg[200];
        pcre2_get_error_message(errcode, msg, sizeof msg);
        char m[300];
        snprintf(m, sizeof m, "does not compile: %s", (const char *)msg);
        return fail_at(L, q, m);
    }
    if (!has_num) return fail_at(L, q, "has no {NUM}: a pattern must capture the figure");
    pcre2_jit_compile(p->code, PCRE2_JIT_COMPLETE); /* slower interpretation when JIT fails */
}

static void load_patterns(loader *L, nb_form *f, json_t *root)
{
    json_t *arr = json_object_get(root, "patterns");
    if (!arr) return;
    if (!json_is_array(arr)) return fail_at(L, "$.patterns", "expected an array");
    f->patterns = calloc(json_array_size(arr) + 1, sizeof *f->patterns);
    for (size_t i = 0; f->patterns && i < json_array_size(arr) && !L->failed; i++) {
        char jpath[64];
        snprintf(jpath, sizeof jpath, "$.patterns[%zu]", i);
        load_pattern(L, f, json_array_get(arr, i), jpath);
    }
}

/* ---- document checks and the parser's vocabulary ----------------------------------------- */

static void load_document(loader *L, nb_form *f, json_t *root)
{
    f->fees_cell = -1;
    json_t *v = json_object_get(root, "vocabulary");
    if (v && !json_is_object(v)) return fail_at(L, "$.vocabulary", "expected an object");
    add_strings(L, v, "table_title_prefixes", "$.vocabulary", &f->vocab.table_title_prefixes);
    add_strings(L, v, "table_title_words", "$.vocabulary", &f->vocab.table_title_words);
    add_strings(L, v, "notes", "$.vocabulary", &f->vocab.notes);
    json_t *d = json_object_get(root, "document");
    if (!d) return;
    if (!json_is_object(d)) return fail_at(L, "$.document", "expected an object");
    f->sections = get_strv(L, d, "sections", "$.document", &f->nsections, false);
    add_strings(L, d, "sections", "$.document", &f->vocab.sections);
    f->no_fees = get_strv(L, d, "no_fees_phrases", "$.document", &f->nno_fees, false);
    f->slips = get_strv(L, d, "slips", "$.document", &f->nslips, false);
    f->agency_short = get_strv(L, d, "agency_short_forms", "$.document", &f->nagency_short, false);
    for (size_t k = 0; !L->failed && k < f->nagency_short; k++) {
        const char *eq = strchr(f->agency_short[k], '=');
        if (!eq || eq == f->agency_short[k] || !eq[1])
            fail_at(L, "$.document.agency_short_forms", "expected \"SHORT=LONG\" strings");
    }
    f->fee_words = get_strv(L, d, "fee_words", "$.document", &f->nfee_words, false);
    const char *basis = get_str(L, d, "fees_basis", "$.document", false);
    if (!L->failed && basis && !(f->fees_basis = dupstr(basis)))
        fail_at(L, "$.document.fees_basis", "out of memory");
    const char *fees = get_str(L, d, "fees_cell", "$.document", false);
    if (!L->failed && fees && (f->fees_cell = form_find_operand(f, fees)) < 0)
        fail_at(L, "$.document.fees_cell", "names no cell of this form");
}

static void check_unique_ids(loader *L, const nb_form *f)
{
    for (size_t i = 0; i < f->nrows && !L->failed; i++) {
        if (f->rows[i].parent) {
            bool found = false;
            for (size_t j = 0; j < f->nrows && !found; j++)
                found = strcmp(f->rows[j].id, f->rows[i].parent) == 0;
            if (!found) {
                char p[160];
                snprintf(p, sizeof p, "row \"%s\".parent", f->rows[i].id);
                fail_at(L, p, "names no row of this form");
            }
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(f->rows[i].id, f->rows[j].id) == 0) {
                char m[200];
                snprintf(m, sizeof m, "row id \"%s\" is used twice", f->rows[i].id);
                fail_at(L, "$.tables", m);
            }
    }
}

/* Takes the reference to root. */
static nb_form *form_from_json(json_t *root, const char *path, const char *dir, nb_error *err)
{
    loader L = {.file = path, .err = err};
    nb_form *f = calloc(1, sizeof *f);
    if (!f) {
        json_decref(root);
        nb_error_set(err, NB_ERR_NOMEM, path, 0, 0, "out of memory");
        return NULL;
    }
    f->path = strdup(path);
    f->fees_cell = -1;
    if (!json_is_object(root)) fail_at(&L, "$", "expected an object");
    if (!L.failed) {
        f->abstract = json_is_true(json_object_get(root, "abstract"));
        root = resolve_extends(&L, root, dir, 0);
    }
    if (!L.failed) {
        f->id = dupstr(get_str(&L, root, "id", "$", true));
        f->title = dupstr(get_str(&L, root, "title", "$", false));
        json_t *years = json_object_get(root, "years");
        f->year_min = (int)json_integer_value(json_array_get(years, 0));
        f->year_max = (int)json_integer_value(json_array_get(years, 1));
        load_traditional(&L, f, root);
    }
    if (!L.failed && !f->abstract) load_tables(&L, f, root);
    if (!L.failed) check_unique_ids(&L, f);
    if (!L.failed) number_cells(&L, f);
    if (!L.failed) load_derived(&L, f, root);
    if (!L.failed) load_rules(&L, f, root, "rules");
    if (!L.failed) load_across_years(&L, f, root);
    if (!L.failed) load_patterns(&L, f, root);
    if (!L.failed) load_document(&L, f, root);
    json_decref(root);
    if (L.failed) {
        form_free(f);
        return NULL;
    }
    return f;
}

nb_form *form_load(const char *path, nb_error *err)
{
    loader L = {.file = path, .err = err};
    json_t *root = read_json_file(&L, path);
    if (!root) return NULL;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    return form_from_json(root, path, dir, err);
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
    return form_from_json(root, name, NULL, err);
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
        free_strv(r->groups, r->ngroups);
        free_strv(r->heading, r->nheading);
        free(r->cols);
    }
    for (size_t i = 0; i < f->ntables; i++) {
        nb_form_table *t = &f->tables[i];
        free(t->id);
        free(t->title);
        free(t->note);
        free_strv(t->keywords, t->nkeywords);
        for (size_t c = 0; c < t->ncols; c++) {
            free(t->cols[c].id);
            free(t->cols[c].label);
            free_strv(t->cols[c].groups, t->cols[c].ngroups);
            free_strv(t->cols[c].norm, t->cols[c].nnorm);
        }
        free(t->cols);
    }
    for (size_t i = 0; i < f->ncells; i++) free(f->cells[i].id);
    for (size_t i = 0; i < f->nderived; i++) {
        free(f->derived[i].id);
        free(f->derived[i].label);
        free(f->derived[i].parts);
    }
    for (size_t i = 0; i < f->nrules; i++) {
        free(f->rules[i].left);
        free(f->rules[i].right);
    }
    for (size_t i = 0; i < f->nxrules; i++) {
        free(f->xrules[i].left);
        free(f->xrules[i].right);
    }
    free(f->xrules);
    free_strv(f->rule_strings, f->nrule_strings);
    for (size_t i = 0; i < f->npatterns; i++) {
        free(f->patterns[i].id);
        free(f->patterns[i].cells);
        pcre2_code_free(f->patterns[i].code);
        free_strv(f->patterns[i].words, f->patterns[i].nwords);
        free_strv(f->patterns[i].actions, f->patterns[i].nactions);
    }
    free(f->cells);
    free(f->rules);
    free(f->derived);
    free(f->patterns);
    free(f->tables);
    free(f->rows);
    free(f->trad_from);
    free(f->trad_to);
    free_strv(f->sections, f->nsections);
    free_strv(f->agency_short, f->nagency_short);
    free_strv(f->no_fees, f->nno_fees);
    free_strv(f->fee_words, f->nfee_words);
    free(f->fees_basis);
    free_strv(f->slips, f->nslips);
    vocab_free(&f->vocab);
    free(f->id);
    free(f->title);
    free(f->path);
    free(f);
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
    /* the installed forms, then (a binary built in a checkout, not installed) the checkout's;
     * never a directory relative to wherever the program is run */
    static const char *const dirs[] = {
        NB_FORMS_DIR,
#ifdef NB_SOURCE_FORMS_DIR
        NB_SOURCE_FORMS_DIR,
#endif
    };
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        DIR *d = opendir(dirs[i]);
        if (d) {
            closedir(d);
            return dirs[i];
        }
    }
    return NB_FORMS_DIR;
}

/* The parser's words of the set: the union of its forms'. */
static bool gather_vocab(nb_formset *fs)
{
    const nb_strv *from[4];
    nb_strv *to[4] = {&fs->vocab.sections, &fs->vocab.table_title_prefixes,
                      &fs->vocab.table_title_words, &fs->vocab.notes};
    for (size_t i = 0; i < fs->nforms; i++) {
        const nb_vocab *v = &fs->forms[i]->vocab;
        from[0] = &v->sections, from[1] = &v->table_title_prefixes;
        from[2] = &v->table_title_words, from[3] = &v->notes;
        for (int k = 0; k < 4; k++)
            for (size_t j = 0; j < from[k]->n; j++)
                if (!strv_add_unique(to[k], from[k]->v[j])) return false;
    }
    for (size_t i = 0; i < fs->nforms; i++)
        if (fs->forms[i]->ntrad)
            return vocab_set_traditional(&fs->vocab, fs->forms[i]->trad_from, fs->forms[i]->trad_to,
                                         fs->forms[i]->ntrad);
    return true;
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
        if (!f)
            ok = false;
        else if (f->abstract)
            form_free(f);
        else
            fs->forms[fs->nforms++] = f;
    }
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    if (ok && !gather_vocab(fs)) {
        nb_error_set(err, NB_ERR_NOMEM, dir, 0, 0, "out of memory loading forms");
        ok = false;
    }
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
    vocab_free(&fs->vocab);
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

bool nb_formset_rule(const nb_formset *fs, size_t i, size_t k, const char **id,
                     const char **severity, const char **title, const char **basis)
{
    static const char *const sevs[] = {"error", "warning", "info"};
    const nb_form *f = fs->forms[i];
    size_t n = 0;
    for (size_t r = 0; r < f->nrules; r++) {
        if (r > 0 && f->rules[r].id == f->rules[r - 1].id) continue;
        if (n++ != k) continue;
        const nb_form_rule *rule = &f->rules[r];
        *id = rule->id;
        *severity = sevs[rule->severity];
        *title = rule->title_zh;
        *basis = rule->basis ? rule->basis : "";
        return true;
    }
    if (f->nfee_words && f->nno_fees && n++ == k) {
        *id = "doc.fees";
        *severity = "warning";
        *title = "正文称未收取的费用，报告别处不应又有同一项费用的数额";
        *basis = f->fees_basis ? f->fees_basis : "";
        return true;
    }
    /* then the rules across years */
    for (size_t r = 0; r < f->nxrules; r++) {
        if (r > 0 && f->xrules[r].id == f->xrules[r - 1].id) continue;
        if (n++ != k) continue;
        const nb_form_rule *rule = &f->xrules[r];
        *id = rule->id;
        *severity = sevs[rule->severity];
        *title = rule->title_zh;
        *basis = rule->basis ? rule->basis : "";
        return true;
    }
    return false;
}

void nb_formset_describe(const nb_formset *fs, size_t i, int years[2], size_t *rows, size_t *rules,
                         size_t *patterns)
{
    const nb_form *f = fs->forms[i];
    years[0] = f->year_min;
    years[1] = f->year_max;
    *rows = f->nrows;
    /* rules as the file states them, not their instances */
    size_t n = 0;
    for (size_t k = 0; k < f->nrules; k++) n += k == 0 || f->rules[k].id != f->rules[k - 1].id;
    *rules = n;
    *patterns = f->npatterns;
}
