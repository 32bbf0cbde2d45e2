/*
 * fuzz_figures.c — libFuzzer target: any text through the prose patterns of every real form
 * (PCRE2 with JIT and limits) and the number parser.
 */
#include "decode.h"
#include "figures.h"
#include "form.h"
#include "parse.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static nb_formset *forms(void)
{
    static nb_formset *fs; /* loaded once: the fuzzer calls this target in one process */
    if (!fs) {
        nb_error err;
        fs = nb_formset_load(getenv("NIANBAO_FORMS") ? NULL : NB_SOURCE_FORMS_DIR, &err);
        if (!fs) abort();
    }
    return fs;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nb_formset *fs = forms();
    decode_params p = {.encoding = NB_ENC_UTF8, .lenient = true, .max_warnings = 4, .name = "fuzz"};
    nb_text t;
    nb_error err;
    if (decode_text(data, size, &p, &t, &err) != 0) return 0;
    nb_doc doc;
    if (parse_document(&t, &doc, &(parse_limits){100000, 4096, 20000}, &fs->vocab, &err) == 0) {
        for (size_t i = 0; i < fs->nforms; i++) {
            nb_figures figs;
            if (figures_extract(fs->forms[i], &doc, &figs, &err) != 0) abort();
            for (size_t k = 0; k < figs.n; k++)
                if (figs.items[k].line == 0 || figs.items[k].line > t.nlines) abort();
        }
        nb_doc_free(&doc);
    }
    decode_text_free(&t);
    return 0;
}
