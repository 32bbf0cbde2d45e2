/*
 * batch.c — whole archives: the directory walk, the worker pool, atomic outputs, resume,
 * progress, and the summary of every file.
 *
 * Each input gets NAME.pdf and NAME.json in the output tree that mirrors the input tree; the
 * run ends with summary.csv (a row per report) and findings.csv (every finding of every
 * report), rows in input order whatever the number of workers, so that -j 1 and -j 4 write the
 * same bytes (PDF dates come from SOURCE_DATE_EPOCH or else the input's modification time).
 * Every output is written under a hidden temporary name and renamed into place; a run that is
 * interrupted leaves no partial file under a final name, and the next run skips the reports
 * whose outputs are newer than their input.
 *
 * Must not: know report internals; it drives the public nb_report API.
 */
#include "batch.h"
#include "years.h"
#include "msg.h"
#include "workbook.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/file.h>
#include <unistd.h>

/* ---- the list of inputs ------------------------------------------------------------------ */

typedef struct job {
    char *path; /* as found */
    char *rel;  /* output path without extension, relative to the output directory */
    time_t mtime;
    long long mtime_ns; /* the input as listed: modification time in nanoseconds, and size */
    long long size;
    /* results */
    int status; /* 0 converted, 1 skipped (up to date), 2 failed */
    char *error;
    char *summary_row;
    char *findings_rows;
    wb_rows *sheet;  /* its rows of findings.xlsx */
    char *index_row; /* its row of index.html */
    size_t fails;
    bool output_failed; /* failed writing an output (a full disk…), not reading the input */
    dev_t dev;          /* the input file's identity (0, 0 when refused before reading) */
    ino_t ino;
} job;

typedef struct fileid {
    dev_t dev;
    ino_t ino;
} fileid;

typedef struct joblist {
    job *v;
    size_t n, cap;
    fileid *ids; /* the inputs' identities, sorted (input_ids) */
    size_t nids;
} joblist;

static bool wanted(const char *name, const batch_options *o)
{
    if (name[0] == '.') return false;
    if (!o->ninclude) return fnmatch("*.txt", name, 0) == 0 || fnmatch("*.TXT", name, 0) == 0;
    for (size_t i = 0; i < o->ninclude; i++)
        if (fnmatch(o->include[i], name, 0) == 0) return true;
    return false;
}

static int add_job(joblist *l, const char *path, const char *rel, const struct stat *st)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 64;
        job *nv = realloc(l->v, ncap * sizeof *nv);
        if (!nv) return -1;
        l->v = nv;
        l->cap = ncap;
    }
    job *j = &l->v[l->n++];
    memset(j, 0, sizeof *j);
    j->path = strdup(path);
    /* the output name: the input's without its extension */
    char *r = strdup(rel);
    char *slash = r ? strrchr(r, '/') : NULL, *dot = r ? strrchr(r, '.') : NULL;
    if (dot && (!slash || dot > slash) && dot != r && dot[-1] != '/') *dot = '\0';
    j->rel = r;
    if (st) {
        j->mtime = st->st_mtime, j->dev = st->st_dev, j->ino = st->st_ino;
        j->mtime_ns = (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
        j->size = (long long)st->st_size;
    }
    return j->path && j->rel ? 0 : -1;
}

static void free_jobs(joblist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].path);
        free(l->v[i].rel);
        free(l->v[i].error);
        free(l->v[i].summary_row);
        free(l->v[i].findings_rows);
        wb_rows_free(l->v[i].sheet);
        free(l->v[i].index_row);
    }
    free(l->v);
    free(l->ids);
}

static int by_id(const void *a, const void *b)
{
    const fileid *x = a, *y = b;
    if (x->dev != y->dev) return x->dev < y->dev ? -1 : 1;
    return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* Collects the inputs' identities, so that no output ever replaces an input (when OUTDIR is
 * the input directory, or --include takes in names convert writes). */
/* The command the messages name: convert, or check and extract searching a directory. */
static const char *command_of(const batch_options *o)
{
    return o->command ? o->command : "convert";
}

static int input_ids(joblist *l)
{
    l->ids = malloc((l->n ? l->n : 1) * sizeof *l->ids);
    if (!l->ids) return -1;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].ino) l->ids[l->nids++] = (fileid){l->v[i].dev, l->v[i].ino};
    if (l->nids) qsort(l->ids, l->nids, sizeof *l->ids, by_id);
    return 0;
}

static bool is_an_input(const joblist *l, const char *path)
{
    struct stat st;
    if (!l->ids || stat(path, &st) != 0) return false;
    fileid key = {st.st_dev, st.st_ino};
    return bsearch(&key, l->ids, l->nids, sizeof *l->ids, by_id) != NULL;
}

/* The directories a walk has entered, by device and inode: a directory reached again (a
 * symbolic link back up the tree, or a second link to the same place) is searched once. */
typedef struct seen_dirs {
    fileid *v;
    size_t n, cap;
    fileid out; /* the output directory, when it exists: never searched */
    bool has_out;
    bool links; /* some directory was reached through a symbolic link */
} seen_dirs;

/* Records a directory; true when it was recorded before. Only a symbolic link can lead to a
 * directory a second time (directories have no hard links), so the list is searched only once
 * a link has led somewhere: a tree of thousands of plain directories costs no search. */
static bool seen_before(seen_dirs *sd, fileid id, bool via_link)
{
    sd->links = sd->links || via_link;
    for (size_t i = 0; sd->links && i < sd->n; i++)
        if (sd->v[i].dev == id.dev && sd->v[i].ino == id.ino) return true;
    if (sd->n == sd->cap) {
        size_t ncap = sd->cap ? sd->cap * 2 : 16;
        fileid *nv = realloc(sd->v, ncap * sizeof *nv);
        if (!nv) return false; /* the depth limit still bounds the walk */
        sd->v = nv;
        sd->cap = ncap;
    }
    sd->v[sd->n++] = id;
    return false;
}

/* Lists a wanted name that cannot be converted, with the reason, so that the summary accounts
 * for every file the archive holds under a wanted name. */
static int add_refused(joblist *l, const char *path, const char *rel, const char *why)
{
    if (add_job(l, path, rel, NULL) != 0) return -1;
    char msg[4400];
    snprintf(msg, sizeof msg, "%s: %s", path, why);
    return (l->v[l->n - 1].error = strdup(msg)) ? 0 : -1;
}

/* Searches directory dir (id: its device and inode; via_link: reached through a symbolic
 * link) for wanted names. */
static int walk(joblist *l, seen_dirs *sd, const char *dir, fileid id, bool via_link,
                const char *rel, const batch_options *o, int depth)
{
    if (depth > 64) {
        cli_say("nianbao %s: %s: deeper than 64 directories, not searched", command_of(o), dir);
        return 0;
    }
    if (depth > 0 && sd->has_out && id.dev == sd->out.dev && id.ino == sd->out.ino)
        return 0; /* an output directory inside the input tree: its files are ours */
    if (seen_before(sd, id, via_link)) {
        cli_say("nianbao %s: %s: a directory already searched (a link?), skipped", command_of(o),
                dir);
        return 0;
    }
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) && rc == 0) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char path[4096], sub[4096];
        int pn = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        int sn = snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
        bool too_long = pn < 0 || (size_t)pn >= sizeof path || sn < 0 || (size_t)sn >= sizeof sub;
        struct stat st;
        if (too_long) {
            if (wanted(e->d_name, o)) rc = add_refused(l, dir, sub, "a path over 4095 bytes");
        } else if (stat(path, &st) != 0) {
            struct stat lst; /* a broken link under a wanted name is listed, not dropped */
            if (wanted(e->d_name, o) && lstat(path, &lst) == 0)
                rc = add_refused(l, path, sub, "a broken symbolic link");
        } else if (S_ISDIR(st.st_mode)) {
            struct stat lst;
            bool link = lstat(path, &lst) == 0 && S_ISLNK(lst.st_mode);
            if (e->d_name[0] != '.')
                rc = walk(l, sd, path, (fileid){st.st_dev, st.st_ino}, link, sub, o, depth + 1);
        } else if (wanted(e->d_name, o)) {
            /* a FIFO or a device under a wanted name is not read: it could block forever */
            rc = S_ISREG(st.st_mode) ? add_job(l, path, sub, &st)
                                     : add_refused(l, path, sub, "not a regular file");
        }
    }
    closedir(d);
    return rc;
}

static int by_rel(const void *a, const void *b)
{
    return strcmp(((const job *)a)->rel, ((const job *)b)->rel);
}

/* ---- atomic files ------------------------------------------------------------------------ */

static int mkdirs(const char *path)
{
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) return -1;
        *p = '/';
    }
    return mkdir(buf, 0777) == 0 || errno == EEXIST ? 0 : -1;
}

/* Writes data to path through an anonymous (or hidden temporary) file in the same directory,
 * flushed to disk before it takes the name. */
static int write_atomically(const char *path, const char *data, size_t len, char *err, size_t esz)
{
    nb_outfile o;
    int e = 0;
    if (nb_outfile_open(&o, path) != 0)
        e = errno;
    else if (nb_outfile_write(&o, data, len) != 0)
        e = errno, nb_outfile_abort(&o);
    else if (nb_outfile_commit(&o) != 0)
        e = errno;
    if (e) snprintf(err, esz, "%s: cannot write: %s", path, strerror(e));
    return e ? -1 : 0;
}

/* ---- one report -------------------------------------------------------------------------- */

typedef struct shared {
    const batch_options *o;
    joblist *jobs;
    years_plan *plan; /* year against year: each job's report of the year before */
    pthread_mutex_t lock;
    size_t next, done, failed, skipped;
    volatile sig_atomic_t *stop;
} shared;

/* The language flag of the findings' messages. */
static unsigned lang_flag(const batch_options *o)
{
    return o->lang && strcmp(o->lang, "en") == 0 ? NB_RENDER_ENGLISH : 0;
}

/* r rendered into a string (NULL when out of memory). */
static char *to_string(const nb_report *r, nb_format format, unsigned flags,
                       const nb_render_field *fields, size_t nfields)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    nb_error err;
    int rc = nb_report_render_fields(r, f, format, flags, fields, nfields, &err);
    if (fclose(f) != 0 || rc != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* A relative path as a link target: every byte but letters, digits, / - . _ ~ %-escaped. */
static void href(FILE *f, const char *rel, const char *ext)
{
    for (const unsigned char *p = (const unsigned char *)rel; *p; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("/-._~", *p))
            fputc(*p, f);
        else
            fprintf(f, "%%%02X", *p);
    fputs(ext, f);
}

/* The job's row of index.html: the file linked to its review page and PDF, agency, year, form,
 * the counts (c, r's: NULL when r is), the status (or the error). */
static char *index_row(const job *j, const nb_report *r, const nb_check_counts *c,
                       const char *status, bool en)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    fprintf(f, "<tr class=\"%s\"><td>", status);
    if (r) {
        fputs("<a href=\"", f);
        href(f, j->rel, ".html");
        fputs("\">", f);
        nb_html_text(f, j->rel);
        fputs("</a> <a class=\"pdf\" href=\"", f);
        href(f, j->rel, ".pdf");
        fputs("\">PDF</a>", f);
    } else {
        nb_html_text(f, j->path);
    }
    fputs("</td><td>", f);
    nb_html_text(f, r ? nb_report_agency(r) : "");
    fputs("</td><td>", f);
    nb_html_text(f, r && nb_report_year(r) ? nb_report_year(r) : "");
    fputs("</td><td>", f);
    nb_html_text(f, r && nb_report_form(r) ? nb_report_form(r) : "");
    if (r)
        fprintf(f,
                "</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td><td class=\"n\">%zu</td>"
                "<td class=\"n\">%zu/%zu</td><td>",
                c->errors, c->warnings, c->infos, c->rules_made, c->rules);
    else
        fputs("</td><td></td><td></td><td></td><td></td><td>", f);
    const char *label = !strcmp(status, "ok")     ? (en ? "ok" : "通过")
                        : !strcmp(status, "fail") ? (en ? "errors" : "有错误")
                                                  : (en ? "not converted" : "未转换");
    nb_html_text(f, label);
    if (j->error) {
        fputs(": ", f);
        nb_html_text(f, j->error);
    }
    fputs("</td></tr>\n", f);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

static char *summary_row(const job *j, const nb_report *r, size_t pages, const char *status)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f) return NULL;
    nb_check_counts c = {0};
    char year[16] = "", npages[16] = "", fails[16] = "", unc[16] = "", made[16] = "",
         checks[16] = "";
    if (r) {
        nb_report_check_counts(r, &c);
        const char *y = nb_report_year(r);
        snprintf(year, sizeof year, "%s", y ? y : "");
        snprintf(npages, sizeof npages, "%zu", pages);
        snprintf(fails, sizeof fails, "%zu", c.fail);
        snprintf(unc, sizeof unc, "%zu", c.uncertain);
        snprintf(made, sizeof made, "%zu", c.rules_made);
        snprintf(checks, sizeof checks, "%zu", c.rules);
    }
    nb_csv_field(f, j->path, false);
    nb_csv_field(f, r ? nb_encoding_name(nb_report_encoding(r)) : "", false);
    nb_csv_field(f, r && nb_report_form(r) ? nb_report_form(r) : "", false);
    nb_csv_field(f, year, false);
    nb_csv_field(f, r ? nb_report_agency(r) : "", false);
    nb_csv_field(f, npages, false);
    nb_csv_field(f, fails, false);
    nb_csv_field(f, unc, false);
    nb_csv_field(f, made, false);
    nb_csv_field(f, checks, false);
    nb_csv_field(f, status, false);
    nb_csv_field(f, j->error ? j->error : "", true);
    fclose(f);
    return buf;
}

/* The page count written into a previous run's JSON ("pdf_pages": N). */
static size_t pages_from_json(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    char buf[256];
    size_t pages = 0;
    while (fgets(buf, sizeof buf, f))
        if (sscanf(buf, " \"pdf_pages\": %zu", &pages) == 1) break;
    fclose(f);
    return pages;
}

/* What an output was made from: the input's size and modification time in nanoseconds as
 * listed, and a hash of its text as read (FNV-1a). An output is up to date only when the record
 * in its JSON is this one: a change within the same second, or while the run read the file, is
 * never taken for up to date. */
static void input_record(const job *j, const nb_report *r, const nb_report *prev, const char *lang,
                         char *out, size_t size)
{
    uint64_t h = nb_report_text_hash(r);
    /* (messages in English are another output: the language is part of the record, the
     * default's record stays what it always was; so is the year before's report, by its text,
     * when the report was checked against one) */
    bool en = lang && strcmp(lang, "en") == 0;
    char before[40] = "";
    if (prev)
        snprintf(before, sizeof before, ";previous=%016llx",
                 (unsigned long long)nb_report_text_hash(prev));
    snprintf(out, size, "size=%lld;mtime_ns=%lld;fnv1a64=%016llx%s%s", j->size, j->mtime_ns,
             (unsigned long long)h, en ? ";lang=en" : "", before);
}

/* Whether the JSON output records `record` (see input_record) and the PDF and the review page
 * exist. */
static bool up_to_date(const char *pdf, const char *html, const char *json, const char *record)
{
    struct stat st;
    if (stat(pdf, &st) != 0 || !S_ISREG(st.st_mode)) return false;
    if (stat(html, &st) != 0 || !S_ISREG(st.st_mode)) return false;
    FILE *f = fopen(json, "rb");
    if (!f) return false;
    char buf[512], want[300];
    snprintf(want, sizeof want, "\"input_record\": \"%s\"", record);
    bool found = false;
    while (!found && fgets(buf, sizeof buf, f)) found = strstr(buf, want) != NULL;
    fclose(f);
    return found;
}

/* A job refused before its report is read: its rows say why (j->error). */
static void not_converted(const shared *s, job *j)
{
    j->status = 2;
    j->summary_row = summary_row(j, NULL, 0, "error");
    j->index_row = index_row(j, NULL, NULL, "error", lang_flag(s->o) != 0);
}

static void convert_one(shared *s, job *j)
{
    if (j->error) { /* refused before the run */
        not_converted(s, j);
        return;
    }
    const batch_options *o = s->o;
    char pdf[4200], json[4200], html[4200], dir[4200], err[4400] = "";
    snprintf(pdf, sizeof pdf, "%s/%s.pdf", o->outdir, j->rel);
    snprintf(html, sizeof html, "%s/%s.html", o->outdir, j->rel);
    snprintf(json, sizeof json, "%s/%s.json", o->outdir, j->rel);
    snprintf(dir, sizeof dir, "%s", pdf);
    *strrchr(dir, '/') = '\0';
    const char *hit = is_an_input(s->jobs, pdf)    ? pdf
                      : is_an_input(s->jobs, json) ? json
                      : is_an_input(s->jobs, html) ? html
                                                   : NULL;
    if (hit) {
        snprintf(err, sizeof err, "%s: not converted: its output would replace the input %s",
                 j->path, hit);
        j->error = strdup(err);
        not_converted(s, j);
        return;
    }
    nb_options opt = *o->report;
    opt.check = true;
    nb_error e;
    nb_report *r = nb_report_open(j->path, &opt, &e);
    /* year against year: the same agency's report of the year before, found among the inputs
     * (one that cannot be read now is left out: its own conversion says why) */
    long p = r ? years_previous(s->plan, (size_t)(j - s->jobs->v)) : -1;
    nb_options popt = *o->report;
    popt.check = false;
    nb_report *prev = p >= 0 ? nb_report_open(s->jobs->v[p].path, &popt, &e) : NULL;
    if (prev && nb_report_check_previous(r, prev, &e) != 0) {
        nb_report_free(r);
        r = NULL;
    }
    size_t pages = 0;
    char record[240] = "";
    if (r) input_record(j, r, prev, s->o->lang, record, sizeof record);
    nb_report_free(prev);
    bool skip = r && !o->force && up_to_date(pdf, html, json, record);
    if (!r) {
        nb_error_format(&e, err, sizeof err);
        j->status = 2;
    } else if (skip) {
        pages = pages_from_json(json);
        j->status = 1;
    } else if (mkdirs(dir) != 0) {
        snprintf(err, sizeof err, "%s: cannot create: %s", dir, strerror(errno));
        j->status = 2;
        j->output_failed = true;
    } else {
        nb_pdf_options po = *o->pdf;
        if (!po.creation_time && !po.creation_time_set) po.creation_time = (long long)j->mtime;
        if (nb_report_write_pdf(r, pdf, &po, &pages, &e) != 0) {
            nb_error_format(&e, err, sizeof err);
            j->status = 2;
            /* the PDF itself, or the font subsets in the temporary directory */
            j->output_failed = e.code == NB_ERR_WRITE;
        } else {
            /* the page count and the input's record go in after the report's own members */
            nb_render_field fields[] = {{.key = "pdf_pages", .number = (long long)pages},
                                        {.key = "input_record", .text = record}};
            /* the review page first: the JSON, which records the input, is written last */
            char *page = to_string(r, NB_FORMAT_HTML, lang_flag(s->o), NULL, 0);
            if (!page) snprintf(err, sizeof err, "%s: out of memory", html);
            if (!page || write_atomically(html, page, strlen(page), err, sizeof err) != 0)
                j->status = 2, j->output_failed = true;
            free(page);
            char *text = j->status == 2 ? NULL
                                        : to_string(r, NB_FORMAT_JSON,
                                                    NB_RENDER_PRETTY | lang_flag(s->o), fields, 2);
            if (!text && j->status != 2) snprintf(err, sizeof err, "%s: out of memory", json);
            if (j->status != 2 &&
                (!text || write_atomically(json, text, strlen(text), err, sizeof err) != 0))
                j->status = 2, j->output_failed = true;
            free(text);
        }
    }
    if (j->status == 2) j->error = strdup(err);
    /* "ok" whether converted now or up to date from an earlier run: the summary of a resumed
     * run equals that of an uninterrupted one */
    /* (and "fail" where the report has an error finding, a FAIL or "nothing could be checked":
     * the status a reviewer sorts by never says ok for those) */
    nb_check_counts c = {0};
    const nb_report *read = j->status == 2 ? NULL : r;
    if (read) nb_report_check_counts(read, &c);
    const char *status = !read ? "error" : c.errors ? "fail" : "ok";
    j->summary_row = summary_row(j, read, pages, status);
    j->index_row = index_row(j, read, &c, status, lang_flag(s->o) != 0);
    if (r && j->status != 2) {
        j->findings_rows = to_string(r, NB_FORMAT_FINDINGS_CSV, lang_flag(s->o), NULL, 0);
        j->sheet = wb_rows_of(r, lang_flag(s->o) != 0);
        j->fails = c.errors; /* exit 1 iff an error finding */
    }
    nb_report_free(r);
}

static void *worker(void *arg)
{
    shared *s = arg;
    for (;;) {
        pthread_mutex_lock(&s->lock);
        size_t i = s->next < s->jobs->n && !*s->stop ? s->next++ : (size_t)-1;
        pthread_mutex_unlock(&s->lock);
        if (i == (size_t)-1) return NULL;
        job *j = &s->jobs->v[i];
        convert_one(s, j);
        pthread_mutex_lock(&s->lock);
        s->done++;
        s->failed += j->status == 2;
        s->skipped += j->status == 1;
        pthread_mutex_unlock(&s->lock);
    }
}

/* ---- progress ---------------------------------------------------------------------------- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void progress(const shared *s, double start, bool tty, bool final)
{
    size_t total = s->jobs->n, done = s->done;
    double elapsed = now() - start, rate = elapsed > 0 ? (double)done / elapsed : 0;
    double left = rate > 0 ? (double)(total - done) / rate : 0;
    if (tty) {
        int width = 30, fill = total ? (int)((double)width * (double)done / (double)total) : width;
        fprintf(stderr, cli_msg("\r[%.*s%*s] %zu/%zu files, %.1f files/s, %d:%02d left "), fill,
                "==============================", width - fill, "", done, total, rate,
                (int)left / 60, (int)left % 60);
        if (final) fputc('\n', stderr);
    } else {
        cli_say("convert: %zu/%zu files (%zu failed, %zu up to date), %.1f files/s", done, total,
                s->failed, s->skipped, rate);
    }
}

/* ---- the run ----------------------------------------------------------------------------- */

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

static int write_summaries(const batch_options *o, const joblist *jobs, const years_plan *plan,
                           char *err, size_t esz)
{
    char *sum = NULL, *fnd = NULL, *grp = NULL;
    size_t sl = 0, fl = 0, gl = 0;
    FILE *s = open_memstream(&sum, &sl), *f = open_memstream(&fnd, &fl),
         *g = open_memstream(&grp, &gl);
    if (!s || !f || !g) {
        if (s) fclose(s);
        if (f) fclose(f);
        if (g) fclose(g);
        free(sum);
        free(fnd);
        free(grp);
        snprintf(err, esz, "out of memory");
        return -1;
    }
    /* agencies.csv: the grouping year against year */
    years_plan_csv(g, plan, o->lang && strcmp(o->lang, "en") == 0);
    fclose(g);
    fputs("\xEF\xBB\xBF"
          "file,encoding,form,year,agency,pages,fail,uncertain,checks_made,checks,status,error\r\n",
          s);
    fputs("\xEF\xBB\xBF"
          "file,line,severity,status,rule,message,evidence_lines,fingerprint,review\r\n",
          f);
    for (size_t i = 0; i < jobs->n; i++) {
        if (jobs->v[i].summary_row) fputs(jobs->v[i].summary_row, s);
        if (jobs->v[i].findings_rows) fputs(jobs->v[i].findings_rows, f);
    }
    fclose(s);
    fclose(f);
    char path[4200];
    int rc = 0;
    static const char *const names[3] = {"summary.csv", "findings.csv", "agencies.csv"};
    const char *texts[3] = {sum, fnd, grp};
    size_t lens[3] = {sl, fl, gl};
    for (int k = 0; k < 3 && rc == 0; k++) {
        snprintf(path, sizeof path, "%s/%s", o->outdir, names[k]);
        if (is_an_input(jobs, path)) {
            snprintf(err, esz, "%.1000s: not written: it is one of the inputs", path);
            rc = -1;
        } else {
            rc = write_atomically(path, texts[k], lens[k], err, esz);
        }
    }
    free(sum);
    free(fnd);
    free(grp);
    /* index.html: a row per file, linked to its review page and PDF (self-contained) */
    bool en = o->lang && strcmp(o->lang, "en") == 0;
    char *page = NULL;
    size_t pl = 0;
    FILE *ix = rc == 0 ? open_memstream(&page, &pl) : NULL;
    if (ix) {
        size_t nfail = 0, nerr = 0;
        for (size_t i = 0; i < jobs->n; i++)
            nfail += jobs->v[i].status != 2 && jobs->v[i].fails > 0, nerr += jobs->v[i].status == 2;
        fprintf(ix,
                "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<title>%s</title>\n<style>\n"
                "body{font-family:sans-serif;margin:1.5em;color:#222}"
                "table{border-collapse:collapse;width:100%%}"
                "th,td{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left}"
                "td.n{text-align:right;font-variant-numeric:tabular-nums}"
                "tr.fail td:last-child{color:#b00020;font-weight:bold}"
                "tr.error td:last-child{color:#8a5a00}a.pdf{font-size:.85em;margin-left:.5em}"
                "@media print{a{color:inherit;text-decoration:none}}\n</style>\n</head>\n<body>\n"
                "<h1>%s</h1>\n<p>",
                en ? "en" : "zh-CN", en ? "nianbao: the archive" : "年报核对：档案索引",
                en ? "The archive" : "档案索引");
        fprintf(ix,
                en ? "%zu files: %zu with errors, %zu not converted."
                   : "共 %zu 个文件：%zu 个有错误，%zu 个未能转换。",
                jobs->n, nfail, nerr);
        fprintf(ix,
                "</p>\n<table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
                "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
                en ? "file" : "文件", en ? "agency" : "发布机关", en ? "year" : "年度",
                en ? "form" : "表式", en ? "errors" : "错误", en ? "warnings" : "警告",
                en ? "notes" : "提示", en ? "checks" : "核对", en ? "status" : "结果");
        for (size_t i = 0; i < jobs->n; i++)
            if (jobs->v[i].index_row) fputs(jobs->v[i].index_row, ix);
        fputs("</tbody>\n</table>\n</body>\n</html>\n", ix);
    }
    if (rc == 0 && (!ix || fclose(ix) != 0)) {
        snprintf(err, esz, "%.1000s/index.html: out of memory", o->outdir);
        rc = -1;
    } else if (rc == 0) {
        snprintf(path, sizeof path, "%s/index.html", o->outdir);
        if (is_an_input(jobs, path)) {
            snprintf(err, esz, "%.1000s: not written: it is one of the inputs", path);
            rc = -1;
        } else {
            rc = write_atomically(path, page, pl, err, esz);
        }
    }
    free(page);
    /* the same as a workbook: findings.xlsx, with the 汇总 sheet of every file */
    wb_rows **rows = rc == 0 ? calloc(jobs->n + 1, sizeof *rows) : NULL;
    bool *made = rc == 0 ? calloc(jobs->n + 1, sizeof *made) : NULL;
    size_t n = 0;
    for (size_t i = 0; rows && made && i < jobs->n; i++) {
        const job *j = &jobs->v[i];
        if (j->sheet)
            rows[n++] = j->sheet;
        else if ((rows[n] = wb_rows_failed(j->path, j->error ? j->error : "")))
            made[n++] = true;
    }
    snprintf(path, sizeof path, "%s/findings.xlsx", o->outdir);
    if (rc == 0 && (!rows || !made)) {
        snprintf(err, esz, "%.1000s: out of memory", path);
        rc = -1;
    } else if (rc == 0 && is_an_input(jobs, path)) {
        snprintf(err, esz, "%.1000s: not written: it is one of the inputs", path);
        rc = -1;
    } else if (rc == 0) {
        long long newest = 0;
        for (size_t i = 0; i < jobs->n; i++)
            if ((long long)jobs->v[i].mtime > newest) newest = (long long)jobs->v[i].mtime;
        rc = wb_write(path, rows, n, true, o->lang && strcmp(o->lang, "en") == 0, newest, err, esz);
    }
    for (size_t i = 0; rows && made && i < n; i++)
        if (made[i]) wb_rows_free(rows[i]);
    free(rows);
    free(made);
    return rc;
}

/* The inputs' files into jobs: a file as given, a directory's wanted files (each directory's
 * tree under its own name when there are several inputs); the output directory is never
 * searched. Returns how many inputs do not exist. */
static size_t collect(joblist *jobs, const batch_options *o)
{
    size_t missing = 0;
    for (size_t i = 0; i < o->ninputs; i++) {
        struct stat st;
        if (stat(o->inputs[i], &st) != 0) {
            cli_say("nianbao %s: %s: %s", command_of(o), o->inputs[i], strerror(errno));
            missing++;
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            /* with several inputs, each directory's tree goes under its own name */
            char prefix[1024] = "";
            if (o->ninputs > 1) {
                char copy[1024];
                snprintf(copy, sizeof copy, "%s", o->inputs[i]);
                size_t l = strlen(copy);
                while (l > 1 && copy[l - 1] == '/') copy[--l] = '\0';
                const char *base = strrchr(copy, '/');
                snprintf(prefix, sizeof prefix, "%s", base ? base + 1 : copy);
            }
            seen_dirs sd = {0};
            struct stat out;
            if ((sd.has_out = o->outdir && stat(o->outdir, &out) == 0))
                sd.out = (fileid){out.st_dev, out.st_ino};
            int wrc =
                walk(jobs, &sd, o->inputs[i], (fileid){st.st_dev, st.st_ino}, false, prefix, o, 0);
            free(sd.v);
            if (wrc != 0)
                cli_say("nianbao %s: %s: cannot read the whole tree", command_of(o), o->inputs[i]);
        } else {
            const char *base = strrchr(o->inputs[i], '/');
            add_job(jobs, o->inputs[i], base ? base + 1 : o->inputs[i], &st);
        }
    }
    if (jobs->n) qsort(jobs->v, jobs->n, sizeof *jobs->v, by_rel); /* (never NULL to qsort) */
    return missing;
}

char **batch_list(const batch_options *o, size_t *n, size_t *missing)
{
    joblist jobs = {0};
    *missing = collect(&jobs, o);
    *n = 0;
    char **paths = calloc(jobs.n + 1, sizeof *paths);
    for (size_t i = 0; paths && i < jobs.n; i++) {
        if (jobs.v[i].error) { /* (a wanted name that cannot be read: said, not listed) */
            cli_say("nianbao %s: %s", command_of(o), jobs.v[i].error);
            ++*missing;
            continue;
        }
        paths[(*n)++] = jobs.v[i].path;
        jobs.v[i].path = NULL;
    }
    free_jobs(&jobs);
    return paths;
}

int batch_convert(const batch_options *o, batch_result *res)
{
    memset(res, 0, sizeof *res);
    joblist jobs = {0};
    res->missing = collect(&jobs, o);
    /* two inputs that would write the same outputs: the second is refused, not overwritten */
    for (size_t i = 1; i < jobs.n; i++)
        if (strcmp(jobs.v[i].rel, jobs.v[i - 1].rel) == 0) {
            char msg[4400];
            snprintf(msg, sizeof msg, "%s: same output name as %s", jobs.v[i].path,
                     jobs.v[i - 1].path);
            jobs.v[i].error = strdup(msg);
        }
    if (input_ids(&jobs) != 0) {
        cli_say("nianbao convert: out of memory");
        res->output_error = true;
        free_jobs(&jobs);
        return -1;
    }
    if (mkdirs(o->outdir) != 0) {
        cli_say("nianbao convert: %s: cannot create: %s", o->outdir, strerror(errno));
        res->output_error = true;
        free_jobs(&jobs);
        return -1;
    }
    /* one run at a time writes into OUTDIR: a second waits (its temporary files are its own
     * either way; nothing of another run's is ever removed) */
    int lockfd = open(o->outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (lockfd >= 0 && flock(lockfd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
        cli_say("nianbao convert: %s: another run is writing here; waiting for it", o->outdir);
        while (flock(lockfd, LOCK_EX) != 0 && errno == EINTR)
            ;
    }
    /* year against year: every input read once for its agency and year, and grouped */
    /* (never one refused: a FIFO, a device, a broken link is not opened) */
    char **paths = calloc(jobs.n + 1, sizeof *paths);
    bool *refused = calloc(jobs.n + 1, sizeof *refused);
    for (size_t i = 0; paths && refused && i < jobs.n; i++) {
        paths[i] = jobs.v[i].path;
        refused[i] = jobs.v[i].error != NULL || o->no_years;
    }
    years_plan *plan = paths && refused ? years_plan_make(paths, jobs.n, refused, o->report) : NULL;
    free(paths);
    free(refused);
    if (!plan) {
        cli_say("nianbao convert: out of memory");
        res->output_error = true;
        free_jobs(&jobs);
        if (lockfd >= 0) close(lockfd);
        return -1;
    }
    shared s = {.o = o, .jobs = &jobs, .plan = plan, .stop = &interrupted};
    pthread_mutex_init(&s.lock, NULL);
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    size_t nw = o->workers ? o->workers : 1;
    if (nw > jobs.n) nw = jobs.n ? jobs.n : 1;
    pthread_t *threads = calloc(nw, sizeof *threads);
    nb_outfile_init(); /* reads the umask before any thread creates a file */
    double start = now(), last = start;
    size_t started = 0;
    for (size_t i = 0; threads && i < nw; i++)
        if (pthread_create(&threads[i], NULL, worker, &s) == 0) started++;
    if (!started) worker(&s);
    /* the main thread reports progress while the workers run */
    for (;;) {
        pthread_mutex_lock(&s.lock);
        bool all = s.done == jobs.n || (interrupted && s.next == s.done);
        pthread_mutex_unlock(&s.lock);
        if (all) break;
        struct timespec ts = {0, 100 * 1000 * 1000};
        nanosleep(&ts, NULL);
        double t = now();
        if (!o->quiet && (o->tty ? t - last >= 0.2 : t - last >= 5.0)) {
            progress(&s, start, o->tty, false);
            last = t;
        }
    }
    for (size_t i = 0; i < started; i++) pthread_join(threads[i], NULL);
    free(threads);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    if (!o->quiet) progress(&s, start, o->tty, true);
    res->files = jobs.n;
    res->converted = s.done - s.failed - s.skipped;
    res->failed = s.failed;
    res->skipped = s.skipped;
    res->interrupted = interrupted != 0;
    for (size_t i = 0; i < jobs.n; i++) {
        res->with_fail += jobs.v[i].fails > 0;
        if (jobs.v[i].output_failed) res->output_error = true;
        /* errors print even with --quiet, which silences progress only */
        if (jobs.v[i].status == 2) cli_say("nianbao convert: %s", jobs.v[i].error);
    }
    char err[1200];
    if (!interrupted && write_summaries(o, &jobs, plan, err, sizeof err) != 0) {
        cli_say("nianbao convert: %s", err);
        res->output_error = true;
    }
    years_plan_free(plan);
    free_jobs(&jobs);
    pthread_mutex_destroy(&s.lock);
    if (lockfd >= 0) close(lockfd); /* (releases the lock) */
    interrupted = 0;
    return 0;
}
