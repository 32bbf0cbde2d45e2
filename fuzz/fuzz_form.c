/*
 * fuzz_form.c — libFuzzer target: any bytes as a form file. Loading must either succeed or
 * fail with an error that names the JSON path; never crash.
 */
#include "form.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nb_error err;
    nb_form *f = form_load_buffer((const char *)data, size, "fuzz.json", &err);
    if (f)
        form_free(f);
    else if (!err.message[0])
        abort();
    return 0;
}
