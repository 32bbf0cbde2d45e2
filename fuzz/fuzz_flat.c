/*
 * fuzz_flat.c — libFuzzer target: any text, as one line and line by line, through the
 * run-together splitter (flat.c): its pieces lie inside the line, in order, without overlap,
 * trimmed and never empty; the heading numbers it carries to the next line only grow.
 */
#include "decode.h"
#include "flat.h"
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void split(flat_state *st, const char *s, size_t len)
{
    flat_state before = *st;
    flat_seg *seg;
    size_t n = flat_split(st, s, len, &seg);
    if (n == (size_t)-1) return;
    size_t end = 0;
    for (size_t i = 0; i < n; i++) {
        if (!seg[i].len || seg[i].off < end || seg[i].off + seg[i].len > len) abort();
        size_t adv;
        if (nb_utf8_is_space(
                (uint32_t)nb_utf8_decode((const unsigned char *)s + seg[i].off, seg[i].len, &adv)))
            abort(); /* trimmed */
        end = seg[i].off + seg[i].len;
    }
    if (n && st->last1 < before.last1) abort();
    free(seg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    decode_params p = {.encoding = NB_ENC_UTF8, .lenient = true, .max_warnings = 4, .name = "fuzz"};
    nb_text t;
    nb_error err;
    if (decode_text(data, size, &p, &t, &err) != 0) return 0;
    flat_state st = {0, 0};
    for (size_t i = 0; i < t.nlines; i++) {
        size_t s = t.line_start[i], e = t.line_start[i + 1] - 1;
        split(&st, t.utf8 + s, e - s);
    }
    /* and the whole text as one line (its line ends read as blanks) */
    flat_state one = {0, 0};
    char *copy = malloc(t.len + 1);
    if (copy) {
        for (size_t i = 0; i < t.len; i++) copy[i] = t.utf8[i] == '\n' ? ' ' : t.utf8[i];
        split(&one, copy, t.len);
        free(copy);
    }
    decode_text_free(&t);
    return 0;
}
