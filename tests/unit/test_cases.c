/*
 * test_cases.c — the data-driven parser cases: every tests/cases/NAME.txt is extracted and
 * its JSON compared with NAME.expected.json.
 *
 * The expected file states only what the case pins down: an object's keys are a subset of the
 * actual object's, arrays must match element by element and have the same length, and a
 * string where the output has an object stands for that object's "text" (so table cells can
 * be written as plain strings).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "nianbao.h"
#include "report.h"

/* Returns NULL when `want` matches `got`, else a description of the first difference. */
static const char *diff(const json_t *want, const json_t *got, char *path, size_t psize, char *buf,
                        size_t bsize)
{
    size_t plen = strlen(path);
    if (json_is_string(want) && json_is_object(got)) got = json_object_get(got, "text");
    if (json_is_object(want)) {
        if (!json_is_object(got)) return snprintf(buf, bsize, "%s: not an object", path), buf;
        const char *key;
        json_t *v;
        json_object_foreach((json_t *)want, key, v)
        {
            snprintf(path + plen, psize - plen, ".%s", key);
            const char *d = diff(v, json_object_get(got, key), path, psize, buf, bsize);
            if (d) return d;
        }
        path[plen] = '\0';
        return NULL;
    }
    if (json_is_array(want)) {
        if (!json_is_array(got) || json_array_size(got) != json_array_size(want)) {
            snprintf(buf, bsize, "%s: want %zu elements, got %zu", path, json_array_size(want),
                     json_is_array(got) ? json_array_size(got) : 0);
            return buf;
        }
        for (size_t i = 0; i < json_array_size(want); i++) {
            snprintf(path + plen, psize - plen, "[%zu]", i);
            const char *d =
                diff(json_array_get(want, i), json_array_get(got, i), path, psize, buf, bsize);
            if (d) return d;
        }
        path[plen] = '\0';
        return NULL;
    }
    if (got && json_equal((json_t *)want, (json_t *)got)) return NULL;
    char *w = json_dumps(want, JSON_ENCODE_ANY), *g = got ? json_dumps(got, JSON_ENCODE_ANY) : NULL;
    snprintf(buf, bsize, "%s: want %s, got %s", path, w ? w : "?", g ? g : "(missing)");
    free(w);
    free(g);
    return buf;
}

static void run_case(void **state)
{
    const char *name = *state;
    const char *root = getenv("NB_ROOT");
    char txt[4096], exp[4096];
    snprintf(txt, sizeof txt, "%s/tests/cases/%s.txt", root ? root : ".", name);
    snprintf(exp, sizeof exp, "%s/tests/cases/%s.expected.json", root ? root : ".", name);
    json_error_t jerr;
    json_t *want = json_load_file(exp, 0, &jerr);
    if (!want) fail_msg("%s: %s (line %d)", exp, jerr.text, jerr.line);
    nb_error err;
    nb_report *r = nb_report_open(txt, NULL, &err);
    if (!r) fail_msg("%s: %s", txt, err.message);
    json_t *got = report_json(r, "zh");
    char path[512] = "", buf[1024];
    const char *d = diff(want, got, path, sizeof path, buf, sizeof buf);
    if (d) fail_msg("%s: %s", name, d);
    json_decref(got);
    json_decref(want);
    nb_report_free(r);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    const char *root = getenv("NB_ROOT");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/tests/cases", root ? root : ".");
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s\n", dir);
        return 1;
    }
    char *names[512] = {0};
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 512) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".txt") == 0)
            names[n++] = strndup(e->d_name, len - 4);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    struct CMUnitTest *tests = calloc(n ? n : 1, sizeof *tests);
    for (size_t i = 0; i < n; i++) {
        tests[i].name = names[i];
        tests[i].test_func = run_case;
        tests[i].initial_state = names[i];
    }
    int rc = _cmocka_run_group_tests("cases", tests, n, NULL, NULL);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(tests);
    return rc;
}
