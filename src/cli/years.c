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

static const years_plan *sorting; /* (qsort has no context argument) */

static bool grouped(const entry *e)
{
    return e->key[0] && e->year;
}

/* By key, then file order: the first of each run of one key stands for it. */
static int by_key(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    int c = strcmp(sorting->v[x].key, sorting->v[y].key);
    return c ? c : (x > y) - (x < y);
}

/* By group, then year, then file order. */
static int by_group_year(const void *a, const void *b)
{
    const entry *x = &sorting->v[*(const size_t *)a], *y = &sorting->v[*(const size_t *)b];
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    if (x->year != y->year) return x->year < y->year ? -1 : 1;
    return (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

/* The group of the key of entry reps[i] (one entry per distinct key): the longest key that names
 * the same agency, when every such key names the same agency as that longest one; else the
 * name could be several agencies' (ambiguous) and is a group of its own. */
static void group_of(years_plan *p, const size_t *reps, size_t nreps, size_t i)
{
    entry *e = &p->v[reps[i]];
    size_t best = reps[i];
    for (size_t k = 0; k < nreps; k++)
        if (nb_agency_same(e->key, p->v[reps[k]].key) &&
            strlen(p->v[reps[k]].key) > strlen(p->v[best].key))
            best = reps[k];
    for (size_t k = 0; k < nreps && best != reps[i]; k++) {
        const char *kk = p->v[reps[k]].key;
        if (nb_agency_same(e->key, kk) && !nb_agency_same(kk, p->v[best].key)) {
            e->ambiguous = true;
            best = reps[i];
        }
    }
    e->group = (long)best;
}

years_plan *years_plan_make(char *const *files, size_t n, const bool *skip, const nb_options *opt)
{
    years_plan *p = calloc(1, sizeof *p);
    size_t *order = calloc(n + 1, sizeof *order), *reps = calloc(n + 1, sizeof *reps);
    if (!p || !order || !reps || !(p->v = calloc(n ? n : 1, sizeof *p->v))) {
        free(p);
        free(order);
        free(reps);
        return NULL;
    }
    p->n = n;
    for (size_t i = 0; i < n; i++) {
        p->v[i].path = files[i];
        p->v[i].group = p->v[i].prev = -1;
        if (!skip || !skip[i]) read_one(&p->v[i], opt);
    }
    /* the distinct keys (the first file of each stands for it): grouped among themselves, then
     * each file takes its key's group, named by the first file holding the group's key */
    size_t m = 0, nreps = 0;
    for (size_t i = 0; i < n; i++)
        if (grouped(&p->v[i])) order[m++] = i;
    sorting = p;
    qsort(order, m, sizeof *order, by_key);
    for (size_t k = 0; k < m; k++)
        if (!k || strcmp(p->v[order[k]].key, p->v[order[k - 1]].key) != 0) reps[nreps++] = order[k];
    for (size_t k = 0; k < nreps; k++) group_of(p, reps, nreps, k);
    for (size_t k = 0, r = 0; k < m; k++) {
        while (strcmp(p->v[reps[r]].key, p->v[order[k]].key) != 0) r++;
        entry *e = &p->v[order[k]];
        const entry *rep = &p->v[reps[r]];
        e->ambiguous = rep->ambiguous;
        e->group = p->v[rep->group].group; /* (the longest key's own group: itself) */
    }
    /* the year before: in its group, the first file of the year just before */
    qsort(order, m, sizeof *order, by_group_year);
    for (size_t k = 0, run = 0, before = 0; k < m; k++) {
        const entry *e = &p->v[order[k]];
        if (k && (e->group != p->v[order[k - 1]].group || e->year != p->v[order[k - 1]].year)) {
            before = e->group == p->v[order[k - 1]].group ? run : k; /* (k: none) */
            run = k;
        }
        if (before < run && p->v[order[before]].year == e->year - 1)
            p->v[order[k]].prev = (long)order[before];
    }
    free(order);
    free(reps);
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
