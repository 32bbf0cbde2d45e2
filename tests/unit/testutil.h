/*
 * testutil.h — helpers shared by the unit tests: reading test data (relative to $NB_ROOT, the
 * repository root, which tests/run sets) and making encoding variants with iconv(3).
 */
#ifndef NB_TESTUTIL_H
#define NB_TESTUTIL_H

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao.h"

/* Loads the project's forms (ROOT/forms); NULL when they cannot be loaded. */
static inline nb_formset *tu_load_forms(void)
{
    const char *root = getenv("NB_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/forms", root ? root : ".");
    nb_error err;
    return nb_formset_load(path, &err);
}

/* Reads ROOT/rel whole, adding a final newline when the file has none (so the result is what
 * decoding gives back: every decoded line ends with one); aborts the test program when it cannot (a
 * broken checkout). */
static inline char *tu_read(const char *rel, size_t *len)
{
    const char *root = getenv("NB_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", root ? root : ".", rel);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open test data %s: %s\n", path, strerror(errno));
        abort();
    }
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 2);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *nbuf = realloc(buf, (cap *= 2) + 2);
            if (!nbuf) abort();
            buf = nbuf;
        }
    }
    fclose(f);
    if (!buf) abort();
    if (n > 0 && buf[n - 1] != '\n') buf[n++] = '\n';
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Converts UTF-8 text to the iconv encoding `to`; NULL when some character has no mapping
 * there. The result is malloc'ed and its length stored in *out_len. */
static inline char *tu_convert(const char *text, size_t len, const char *to, size_t *out_len)
{
    *out_len = 0;
    iconv_t cd = iconv_open(to, "UTF-8");
    if (cd == (iconv_t)-1) return NULL;
    size_t cap = 4 * len + 16;
    char *out = malloc(cap), *in = (char *)text, *o = out;
    size_t inleft = len, outleft = cap;
    size_t rc = iconv(cd, &in, &inleft, &o, &outleft);
    iconv_close(cd);
    if (rc == (size_t)-1) {
        free(out);
        return NULL;
    }
    *out_len = cap - outleft;
    return out;
}

/* prefix + body as one new buffer (for byte-order marks). */
static inline char *tu_concat(const char *prefix, size_t plen, const char *body, size_t blen,
                              size_t *len)
{
    char *out = malloc(plen + blen + 1);
    memcpy(out, prefix, plen);
    memcpy(out + plen, body, blen);
    out[plen + blen] = '\0';
    *len = plen + blen;
    return out;
}

#endif /* NB_TESTUTIL_H */
