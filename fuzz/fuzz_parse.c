/*
 * fuzz_parse.c — libFuzzer target: any text through the parser and the table builder (input
 * decoded leniently first, so every byte string reaches the parser).
 */
#include "decode.h"
#include "form.h"
#include "parse.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The forms' vocabulary (section titles, table titles, notes), loaded once. */
static const nb_vocab *vocab(void)
{
    static nb_formset *fs;
    if (!fs) {
        nb_error err;
        fs = nb_formset_load(getenv("NIANBAO_FORMS") ? NULL : NB_SOURCE_FORMS_DIR, &err);
        if (!fs) abort();
    }
    return &fs->vocab;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    decode_params p = {.encoding = NB_ENC_UTF8, .lenient = true, .max_warnings = 4, .name = "fuzz"};
    nb_text t;
    nb_error err;
    if (decode_text(data, size, &p, &t, &err) != 0) return 0;
    nb_doc doc;
    if (parse_document(&t, &doc, &(parse_limits){100000, 4096, 20000}, vocab(), &err) == 0) {
        for (size_t i = 0; i < doc.nblocks; i++)
            if (doc.blocks[i].line_last > t.nlines || doc.blocks[i].line_first == 0) abort();
        nb_doc_free(&doc);
    }
    decode_text_free(&t);
    return 0;
}
