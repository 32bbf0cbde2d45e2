/*
 * fuzz_convert.c — libFuzzer target: convert over a tiny generated tree. The input is cut at
 * its 0xFF bytes into up to four files (in/a.txt, in/sub/b.txt, in/sub/deep/c.txt and
 * in/d.md, which the default *.txt leaves out); they are converted into out/ and converted
 * again. Each time: every .txt is counted, converted or failed (never lost); a converted one
 * has its PDF and JSON, mirrored; summary.csv and findings.csv are written; no temporary or
 * hidden file is left in out/; the inputs are unchanged. The second run redoes nothing: what
 * the first converted is up to date, what failed fails again.
 */
#define _GNU_SOURCE /* nftw's FTW_DEPTH|FTW_PHYS */
#include "cli/batch.h"

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const NAMES[] = {"in/a.txt", "in/sub/b.txt", "in/sub/deep/c.txt", "in/d.md"};
#define NFILES 4

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

static int leftover(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag;
    const char *base = path + ftw->base;
    if (base[0] == '.' && strcmp(base, ".") != 0 && strcmp(base, "..") != 0) return 1;
    if (strstr(base, "tmp")) return 1;
    return 0;
}

static bool exists(const char *dir, const char *rel, const char *ext)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%.*s%s", dir, (int)(strrchr(rel, '.') - rel), rel, ext);
    return access(path, F_OK) == 0;
}

static bool same_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return false;
    uint8_t *buf = malloc(size + 1);
    size_t n = buf ? fread(buf, 1, size + 1, f) : 0;
    fclose(f);
    bool same = buf && n == size && (!size || memcmp(buf, data, size) == 0);
    free(buf);
    return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static nb_formset *fs;
    nb_error err;
    if (!fs && !(fs = nb_formset_load(NB_SOURCE_FORMS_DIR, &err))) abort();
    if (size > 65536) return 0;
    char root[] = "/tmp/nianbao-fuzz-convert-XXXXXX";
    if (!mkdtemp(root)) return 0;
    char path[512], in[512], out[512];
    snprintf(in, sizeof in, "%s/in", root);
    snprintf(out, sizeof out, "%s/out", root);
    snprintf(path, sizeof path, "%s/in", root), mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/in/sub", root), mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/in/sub/deep", root), mkdir(path, 0700);
    /* the files: the input cut at 0xFF bytes */
    const uint8_t *part[NFILES];
    size_t len[NFILES], nparts = 0, txt = 0;
    for (size_t s = 0; nparts < NFILES;) {
        const uint8_t *e = memchr(data + s, 0xFF, size - s);
        size_t end = e ? (size_t)(e - data) : size;
        part[nparts] = data + s, len[nparts] = end - s;
        snprintf(path, sizeof path, "%s/%s", root, NAMES[nparts]);
        FILE *f = fopen(path, "wb");
        if (!f || (len[nparts] && fwrite(part[nparts], 1, len[nparts], f) != len[nparts])) abort();
        fclose(f);
        txt += strstr(NAMES[nparts], ".txt") != NULL;
        nparts++;
        if (!e) break;
        s = end + 1;
    }
    nb_options opt;
    nb_options_init(&opt);
    opt.forms = fs;
    opt.check = true;
    opt.max_warnings = 8;
    nb_pdf_options po = {
        .fonts_dir = NB_SOURCE_FONTS_DIR, .creation_time = 1700000000, .creation_time_set = true};
    char *inputs[] = {in};
    batch_options o = {.inputs = inputs,
                       .ninputs = 1,
                       .outdir = out,
                       .workers = 1,
                       .quiet = true,
                       .report = &opt,
                       .pdf = &po};
    batch_result first, again;
    if (batch_convert(&o, &first) != 0 || first.output_error) abort();
    if (first.files != txt || first.converted + first.failed != txt || first.skipped) abort();
    size_t found = 0;
    for (size_t i = 0; i < nparts; i++) {
        if (!strstr(NAMES[i], ".txt")) continue;
        const char *rel = NAMES[i] + 3; /* under in/ */
        bool pdf = exists(out, rel, ".pdf"), json = exists(out, rel, ".json");
        if (pdf != json) abort(); /* a report's outputs come together */
        found += pdf;
    }
    if (found != first.converted) abort();
    snprintf(path, sizeof path, "%s/summary.csv", out);
    if (access(path, F_OK) != 0) abort();
    snprintf(path, sizeof path, "%s/findings.csv", out);
    if (access(path, F_OK) != 0) abort();
    if (nftw(out, leftover, 16, FTW_PHYS) != 0) abort();
    if (batch_convert(&o, &again) != 0 || again.output_error) abort();
    if (again.files != txt || again.converted || again.skipped != first.converted ||
        again.failed != first.failed)
        abort();
    for (size_t i = 0; i < nparts; i++) {
        snprintf(path, sizeof path, "%s/%s", root, NAMES[i]);
        if (!same_file(path, part[i], len[i])) abort();
    }
    nftw(root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}
