/*
 * years.h — year against year over several files: each report's agency (as a key,
 * nb_agency_key) and year, the files grouped by agency, and for each file the file of the
 * same agency's report of the year before.
 */
#ifndef NB_CLI_YEARS_H
#define NB_CLI_YEARS_H

#include "nianbao.h"

#include <stdio.h>

typedef struct years_plan years_plan;

/* Reads and parses each file (nothing printed: a file that cannot be read is left out of the
 * grouping, and its own check says why; "-" is left out, and so is file i when skip[i]: one
 * refused before it is read, a FIFO or a device). NULL when out of memory. */
years_plan *years_plan_make(char *const *files, size_t n, const bool *skip, const nb_options *opt);
/* The index of the file that is file i's year before, or -1. */
long years_previous(const years_plan *p, size_t i);
/* The grouping, for people: each agency with two reports or more, by year; names that could
 * be more than one agency; the files whose agency or year is unknown. Nothing when there is
 * nothing to say. */
void years_plan_print(FILE *to, const years_plan *p, bool en);
/* A CSV of it (UTF-8 with BOM): file, agency, key, group, year, previous. 0, or -1. */
int years_plan_csv(FILE *to, const years_plan *p, bool en);
void years_plan_free(years_plan *p);

#endif /* NB_CLI_YEARS_H */
