/*
 * batch.h — converting whole archives (nianbao convert): a worker pool over a directory walk,
 * atomic outputs, resume, progress, summary.csv and findings.csv.
 *
 * Must not: know report internals: it uses the public API of nianbao.h.
 */
#ifndef NB_BATCH_H
#define NB_BATCH_H

#include "nianbao.h"

typedef struct batch_options {
    char **inputs; /* files and directories */
    size_t ninputs;
    char **include; /* glob patterns for files found in directories; none: *.txt */
    size_t ninclude;
    const char *outdir;
    size_t workers;
    bool force;    /* redo outputs that are newer than their input */
    bool no_years; /* each report on its own, not against the year before's */
    bool quiet;
    bool tty; /* progress as a bar (on a terminal) or as periodic lines */
    const nb_options *report;
    const nb_pdf_options *pdf;
    const char *lang;    /* of the findings' messages (JSON, findings.csv): "zh" or "en"; NULL zh */
    const char *command; /* named in messages; NULL: convert */
} batch_options;

typedef struct batch_result {
    size_t files, converted, skipped, failed, with_fail, missing;
    bool interrupted, output_error;
} batch_result;

/* The files the inputs name, as convert would find them (a file as given; a directory searched
 * for o->include's names, *.txt when none; its output directory, when o->outdir, not searched),
 * sorted by path: *n paths to free (each, and the array); *missing counts the inputs that do
 * not exist and the files that cannot be read (each said on stderr). NULL when out of memory. */
char **batch_list(const batch_options *o, size_t *n, size_t *missing);

/* Converts every input. Returns 0 (see res for what happened), -1 when the output directory
 * cannot be made. */
int batch_convert(const batch_options *o, batch_result *res);

#endif /* NB_BATCH_H */
