/*
 * fuzz_pipeline.c — libFuzzer target: any bytes through the whole pipeline: decode (detected
 * encoding, lenient), parse, choose and bind a form, prose figures, checks, every renderer
 * (JSON, CSV, findings), and the PDF (layout, fonts, libharu) into a temporary file.
 */
#include "nianbao.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static nb_formset *fs;
    nb_error err;
    if (!fs && !(fs = nb_formset_load(NB_SOURCE_FORMS_DIR, &err))) abort();
    nb_options opt;
    nb_options_init(&opt);
    opt.forms = fs;
    opt.lenient = true;
    opt.check = true;
    opt.max_warnings = 8;
    nb_report *r = nb_report_from_bytes(data, size, "fuzz", &opt, &err);
    if (!r) return 0;
    FILE *out = fopen("/dev/null", "w");
    if (out) {
        nb_report_render(r, out, NB_FORMAT_JSON, 0, &err);
        nb_report_render(r, out, NB_FORMAT_CELLS_CSV, NB_RENDER_HEADER, &err);
        nb_report_render(r, out, NB_FORMAT_FINDINGS, NB_RENDER_ENGLISH | NB_RENDER_SHOW_PASS, &err);
        nb_report_render(r, out, NB_FORMAT_FINDINGS_CSV, NB_RENDER_HEADER | NB_RENDER_SHOW_PASS,
                         &err);
        nb_report_render(r, out, NB_FORMAT_SUMMARY, 0, &err);
        fclose(out);
    }
    char path[] = "/tmp/nianbao-fuzz-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0) {
        close(fd);
        nb_pdf_options po = {.fonts_dir = NB_SOURCE_FONTS_DIR, .creation_time = 1700000000};
        if (nb_report_write_pdf(r, path, &po, NULL, &err) != 0 && err.code == NB_ERR_INTERNAL)
            abort();
        unlink(path);
    }
    nb_report_free(r);
    return 0;
}
