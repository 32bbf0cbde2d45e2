/*
 * fuzz_baseline.c — libFuzzer target: a baseline file (check --baseline) of any bytes, read as
 * the JSON baseline or, when it starts like a zip archive, as a reviewer's workbook (the zip
 * directory, deflated entries, the sheet XML). It is loaded and applied to the sample's
 * findings: no crash, no leak, no read outside the input, whatever the sizes it claims; a
 * refusal always says why.
 */
#include "cli/baseline.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char REPORT[] =
    "某局2019年政府信息公开工作年度报告\n一、总体情况\n本年度通过门户网站发布"
    "信息98条。\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/nianbao-fuzz-baseline-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return 0;
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        unlink(path);
        return 0;
    }
    fwrite(data, 1, size, f);
    fclose(f);
    char why[1200] = "";
    baseline *b = baseline_load(path, why, sizeof why);
    unlink(path);
    if (!b) {
        if (!why[0]) abort(); /* a refusal says why */
        return 0;
    }
    nb_options opt;
    nb_options_init(&opt);
    opt.check = true;
    nb_error err;
    nb_report *r = nb_report_from_bytes(REPORT, sizeof REPORT - 1, "t.txt", &opt, &err);
    if (r) {
        baseline_apply(b, r);
        const char *fp, *rule, *msg;
        size_t line;
        for (size_t k = 0; baseline_stale(b, "t.txt", k, &fp, &rule, &msg, &line); k++)
            if (!fp || !rule || !msg) abort();
        nb_report_free(r);
    }
    baseline_free(b);
    return 0;
}
