/*
 * years.c — grouping a list of reports by agency and year (the rules are the README's "Year
 * against year": the names' keys and nb_agency_same decide, a name that could be two agencies
 * is grouped with neither, and a year's report is compared with the year before's).
 */
#include "years.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct entry {
    const char *path;
    char agency[256]; /* as printed */
    char key[512];
    int year;
    long group; /* the entry whose key is its group's name; -1: not grouped */
    long prev;  /* the file of the year before, -1 */
    bool ambiguous;
} entry;

struct years_plan {
    entry *v;
    size_t n;
};

static void read_one(entry *e, const nb_options *opt)
{
    e->group = e->prev = -1;
    /* (only a regular file: a pipe's or a FIFO's text would be gone for its own check) */
    struct stat st;
    if (strcmp(e->path, "-") == 0 || stat(e->path, &st) != 0 || !S_ISREG(st.st_mode)) return;
    nb_error err;
    nb_options o = *opt;
    o.check = false;
    nb_report *r = nb_report_read(e->path, &o, &err);
    if (!r) return;
    if (nb_report_parse(r, opt->forms, &err) == 0) {
        const char *a = nb_report_agency(r), *y = nb_report_year(r);
        snprintf(e->agency, sizeof e->agency, "%s", a ? a : "");
        if (nb_agency_key(opt->forms, e->agency, e->key, sizeof e->key) >= sizeof e->key)
            e->key[0] = '\0'; /* (a name that long is no agency's) */
        e->year = y ? atoi(y) : 0;
    }
    nb_report_free(r);
}

/* The group of entry i: the longest key that names the same agency, when every such key names
 * the same agency as that longest one; else the name could be several agencies' (ambiguous). */
static void group_of(years_plan *p, size_t i)
{
    entry *e = &p->v[i];
    if (!e->key[0] || !e->year) return;
    long best = (long)i;
    for (size_t k = 0; k < p->n; k++)
        if (p->v[k].key[0] && p->v[k].year && nb_agency_same(e->key, p->v[k].key) &&
            strlen(p->v[k].key) > strlen(p->v[best].key))
            best = (long)k;
    for (size_t k = 0; k < p->n; k++) {
        const char *kk = p->v[k].key;
        if (!kk[0] || !p->v[k].year || !nb_agency_same(e->key, kk)) continue;
        if (!nb_agency_same(kk, p->v[best].key)) {
            e->ambiguous = true;
            best = (long)i;
            break;
        }
    }
    e->group = best;
}

years_plan *years_plan_make(char *const *files, size_t n, const bool *skip, const nb_options *opt)
{
    years_plan *p = calloc(1, sizeof *p);
    if (!p || !(p->v = calloc(n ? n : 1, sizeof *p->v))) {
        free(p);
        return NULL;
    }
    p->n = n;
    for (size_t i = 0; i < n; i++) {
        p->v[i].path = files[i];
        p->v[i].group = p->v[i].prev = -1;
        if (!skip || !skip[i]) read_one(&p->v[i], opt);
    }
    for (size_t i = 0; i < n; i++) group_of(p, i);
    /* a group is named by the first file holding its key (equal keys: one group) */
    for (size_t i = 0; i < n; i++) {
        if (p->v[i].group < 0) continue;
        const char *key = p->v[p->v[i].group].key;
        for (size_t k = 0; k < n; k++)
            if (p->v[k].key[0] && p->v[k].year && strcmp(p->v[k].key, key) == 0) {
                p->v[i].group = (long)k;
                break;
            }
    }
    for (size_t i = 0; i < n; i++) {
        entry *e = &p->v[i];
        for (size_t k = 0; e->group >= 0 && k < n && e->prev < 0; k++)
            if (p->v[k].group == e->group && p->v[k].year == e->year - 1) e->prev = (long)k;
    }
    return p;
}

long years_previous(const years_plan *p, size_t i)
{
    return p && i < p->n ? p->v[i].prev : -1;
}

void years_plan_free(years_plan *p)
{
    if (!p) return;
    free(p->v);
    free(p);
}

static int by_year(const void *a, const void *b)
{
    const entry *x = *(const entry *const *)a, *y = *(const entry *const *)b;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    return x < y ? -1 : x > y;
}

/* The entries of group g, by year (then file order); their number. */
static size_t members(const years_plan *p, long g, const entry **out)
{
    size_t m = 0;
    for (size_t k = 0; k < p->n; k++)
        if (p->v[k].group == g) out[m++] = &p->v[k];
    qsort(out, m, sizeof *out, by_year);
    return m;
}

void years_plan_print(FILE *to, const years_plan *p, bool en)
{
    const entry **list = p ? calloc(p->n + 1, sizeof *list) : NULL;
    if (!list) return;
    bool head = false;
    size_t unknown = 0;
    for (size_t i = 0; i < p->n; i++) {
        const entry *e = &p->v[i];
        unknown += e->group < 0;
        if (e->group != (long)i) continue;
        size_t m = members(p, (long)i, list);
        if (m < 2 && !e->ambiguous) continue;
        if (!head)
            fputs(en ? "Year against year (reports grouped by agency):\n"
                     : "逐年核对（按机关分组）：\n",
                  to);
        head = true;
        fprintf(to, "  %s%s", e->agency, en ? ": " : "：");
        for (size_t k = 0; k < m; k++) {
            fprintf(to, "%s%d %s", k ? (en ? "; " : "；") : "", list[k]->year, list[k]->path);
            if (strcmp(list[k]->agency, e->agency) != 0)
                fprintf(to, en ? " (as %s)" : "（署名%s）", list[k]->agency);
            if (k && list[k]->year == list[k - 1]->year)
                fputs(en ? " (the same year again: the year after is compared with the first)"
                         : "（同一年度的又一份：下一年度与第一份核对）",
                      to);
            else if (k && list[k]->year > list[k - 1]->year + 1)
                fprintf(to, en ? " (no report for %d: not compared)" : "（缺%d年度报告，未核对）",
                        list[k]->year - 1);
        }
        if (e->ambiguous)
            fputs(en ? " — the name could be more than one agency's: not grouped with the "
                       "longer names it matches"
                     : "——此名称可能指不止一个机关，未与它能对应的较长名称归为一组",
                  to);
        fputc('\n', to);
    }
    if (unknown && head)
        fprintf(
            to,
            en ? "  %zu file(s) whose agency or year is unknown: not compared with other years\n"
               : "  %zu 个文件的机关或年度未能确定，未逐年核对\n",
            unknown);
    free(list);
}

static void csv_field(FILE *to, const char *s)
{
    fputc('"', to);
    for (; *s; s++) {
        if (*s == '"') fputc('"', to);
        fputc(*s, to);
    }
    fputc('"', to);
}

int years_plan_csv(FILE *to, const years_plan *p, bool en)
{
    fputs("\xEF\xBB\xBF", to);
    fputs(en ? "file,agency,key,group,year,previous\r\n"
             : "文件,机关,名称键,分组,年度,上年报告\r\n",
          to);
    for (size_t i = 0; i < p->n; i++) {
        const entry *e = &p->v[i];
        csv_field(to, e->path);
        fputc(',', to);
        csv_field(to, e->agency);
        fputc(',', to);
        csv_field(to, e->key);
        fputc(',', to);
        csv_field(to, e->group >= 0 ? p->v[e->group].agency : "");
        fputc(',', to);
        if (e->year) fprintf(to, "%d", e->year);
        fputc(',', to);
        csv_field(to, e->prev >= 0 ? p->v[e->prev].path : "");
        fputs("\r\n", to);
    }
    return ferror(to) ? -1 : 0;
}
