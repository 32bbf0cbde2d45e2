/*
 * baseline.h — reviewed findings remembered (check --baseline, --write-baseline).
 */
#ifndef NB_CLI_BASELINE_H
#define NB_CLI_BASELINE_H

#include "nianbao.h"

typedef struct baseline baseline;

/* An empty baseline (to add reports to and write), NULL when out of memory. */
baseline *baseline_new(void);
/* The baseline in path; NULL with why (the file, and what is wrong with it). */
baseline *baseline_load(const char *path, char *why, size_t size);
void baseline_free(baseline *b);
/* Marks r's findings that b holds (the same file name and fingerprint) as reviewed; returns how
 * many. */
size_t baseline_apply(baseline *b, nb_report *r);
/* Adds r's findings (not PASS, not ignored) to b. 0, or -1 when out of memory. */
int baseline_add_report(baseline *b, const nb_report *r, const char *lang);
/* The k-th entry of b for file's name that no finding matched (after baseline_apply): 1 with
 * its fields, or 0 past the last. */
size_t baseline_stale(const baseline *b, const char *file, size_t k, const char **fingerprint,
                      const char **rule, const char **message, size_t *line);
/* b as JSON (malloc'ed), NULL when out of memory. */
char *baseline_json(const baseline *b);

#endif /* NB_CLI_BASELINE_H */
