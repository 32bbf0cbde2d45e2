/*
 * fuzz_years.c — libFuzzer target: year against year on any bytes. The input is cut at its
 * first 0xFF byte into the year before's report and this year's (no 0xFF: the same bytes for
 * both); this one is checked against that one (nb_report_check_previous) and rendered (JSON,
 * findings, CSV, the review page) after the year before's report is freed, as convert does;
 * the two agencies are made keys and compared, each with itself too (a key is the same agency
 * as itself unless it is empty).
 */
#include "nianbao.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static nb_formset *fs;
    nb_error err;
    if (!fs && !(fs = nb_formset_load(NB_SOURCE_FORMS_DIR, &err))) abort();
    const uint8_t *cut = memchr(data, 0xFF, size);
    size_t n1 = cut ? (size_t)(cut - data) : size;
    const uint8_t *d2 = cut ? cut + 1 : data;
    size_t n2 = cut ? size - n1 - 1 : size;
    nb_options opt;
    nb_options_init(&opt);
    opt.forms = fs;
    opt.lenient = true;
    opt.max_warnings = 8;
    nb_report *prev = nb_report_from_bytes(data, n1, "last.txt", &opt, &err);
    opt.check = true;
    nb_report *r = nb_report_from_bytes(d2, n2, "this.txt", &opt, &err);
    if (prev && r) {
        char a[512], b[512];
        nb_agency_key(fs, nb_report_agency(r), a, sizeof a);
        nb_agency_key(fs, nb_report_agency(prev), b, sizeof b);
        if (a[0] && !nb_agency_same(a, a)) abort();
        (void)nb_agency_same(a, b);
        if (nb_report_check_previous(r, prev, &err) != 0 && err.code != NB_ERR_NOMEM) abort();
    }
    nb_report_free(prev); /* (the findings must not need it) */
    if (r) {
        FILE *out = fopen("/dev/null", "w");
        if (out) {
            nb_report_render(r, out, NB_FORMAT_JSON, 0, &err);
            nb_report_render(r, out, NB_FORMAT_FINDINGS, NB_RENDER_SHOW_PASS, &err);
            nb_report_render(r, out, NB_FORMAT_FINDINGS_CSV, NB_RENDER_HEADER, &err);
            nb_report_render(r, out, NB_FORMAT_HTML, 0, &err);
            fclose(out);
        }
    }
    nb_report_free(r);
    return 0;
}
