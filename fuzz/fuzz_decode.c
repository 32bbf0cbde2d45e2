/*
 * fuzz_decode.c — libFuzzer target: any bytes through encoding detection and decoding, strict
 * and lenient, checking the promises of the line map.
 */
#include "decode.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int lenient = 0; lenient < 2; lenient++) {
        decode_params p = {
            .encoding = NB_ENC_AUTO, .lenient = lenient, .max_warnings = 16, .name = "fuzz"};
        nb_text t;
        nb_error err;
        if (decode_text(data, size, &p, &t, &err) != 0) continue;
        for (size_t i = 0; i < t.nlines; i++) {
            if (t.line_start[i] > t.line_start[i + 1] || t.line_src[i] > size) abort();
            if (t.utf8[t.line_start[i + 1] - 1] != '\n') abort();
        }
        if (t.line_start[t.nlines] != t.len || t.utf8[t.len] != '\0') abort();
        decode_text_free(&t);
    }
    return 0;
}
