/*
 * pdfobj.c — the PDF file syntax, written as it goes (see pdfobj.h).
 */
#include "pdfobj.h"

#include "doc.h"
#include "error.h"
#include "utf8.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

static void flush(pdfobj *w)
{
    if (w->failed || !w->used) return;
    if (nb_outfile_write(&w->out, w->buf, w->used) != 0) {
        w->failed = NB_ERR_WRITE;
        w->saved_errno = errno;
    }
    w->used = 0;
}

void pdfobj_write(pdfobj *w, const void *data, size_t len)
{
    if (w->failed) return;
    const unsigned char *p = data;
    w->offset += len;
    while (len) {
        if (w->used == sizeof w->buf) flush(w);
        if (w->failed) return;
        size_t n = sizeof w->buf - w->used < len ? sizeof w->buf - w->used : len;
        memcpy(w->buf + w->used, p, n);
        w->used += n, p += n, len -= n;
    }
}

void pdfobj_puts(pdfobj *w, const char *s)
{
    pdfobj_write(w, s, strlen(s));
}

/* fmt formatted and handed to put (a small buffer when it fits, else one allocated for it).
 * false when it cannot be formatted or allocated. */
static bool vput(void (*put)(void *ctx, const char *s, size_t n), void *ctx, const char *fmt,
                 va_list ap)
{
    char small[512];
    va_list again;
    va_copy(again, ap);
    int k = vsnprintf(small, sizeof small, fmt, ap);
    char *out = k < 0 ? NULL : (size_t)k < sizeof small ? small : malloc((size_t)k + 1);
    if (out && out != small) vsnprintf(out, (size_t)k + 1, fmt, again);
    va_end(again);
    if (!out) return false;
    put(ctx, out, (size_t)k);
    if (out != small) free(out);
    return true;
}

static void put_obj(void *ctx, const char *s, size_t n)
{
    pdfobj_write(ctx, s, n);
}

void pdfobj_printf(pdfobj *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!vput(put_obj, w, fmt, ap) && !w->failed) w->failed = NB_ERR_NOMEM;
    va_end(ap);
}

size_t pdfobj_format_real(double v, char *buf)
{
    if (!isfinite(v)) v = 0;
    if (v > 1e9) v = 1e9;
    if (v < -1e9) v = -1e9;
    /* A page writes thousands of these: by hand where "%.4f" is sure to round the same way.
     * Below a million, x is 10000 v within 2e-6, so a fraction x - floor(x) further than 1e-5
     * from one half rounds as the exact value does; nearer (a tie: 0.03125), printf decides. */
    double x = v * 10000.0, fl = floor(x), frac = x - fl;
    if (fabs(v) < 1e6 && fabs(frac - 0.5) > 1e-5) {
        long long k = (long long)fl + (frac > 0.5);
        char tmp[32], *q = tmp + sizeof tmp;
        unsigned long long a = k < 0 ? (unsigned long long)-k : (unsigned long long)k;
        int digits = 0;
        bool trailing = true; /* the decimals' trailing zeros are not written */
        do {
            int d = (int)(a % 10);
            a /= 10;
            digits++;
            if (digits <= 4 && trailing && d == 0) continue;
            if (digits <= 4) trailing = false;
            if (digits == 5 && !trailing) *--q = '.';
            *--q = (char)('0' + d);
        } while (a || digits < 5);
        if (k < 0) *--q = '-';
        size_t n = (size_t)(tmp + sizeof tmp - q);
        memcpy(buf, q, n);
        buf[n] = '\0';
        return n;
    }
    int n = snprintf(buf, 32, "%.4f", v);
    while (n > 0 && buf[n - 1] == '0') n--;
    if (n > 0 && buf[n - 1] == '.') n--;
    buf[n] = '\0';
    if (strcmp(buf, "-0") == 0) strcpy(buf, "0"), n = 1;
    return (size_t)n;
}

void pdfobj_real(pdfobj *w, double v)
{
    char b[32];
    pdfobj_write(w, b, pdfobj_format_real(v, b));
}

void pdfobj_text(pdfobj *w, const char *utf8)
{
    static const char hex[] = "0123456789ABCDEF";
    pdfobj_puts(w, "<FEFF");
    size_t len = strlen(utf8), adv;
    for (size_t i = 0; i < len; i += adv) {
        int32_t c = nb_utf8_decode((const unsigned char *)utf8 + i, len - i, &adv);
        uint32_t cp = c < 0 ? 0xFFFD : (uint32_t)c;
        uint16_t units[2];
        int n = 1;
        if (cp > 0xFFFF) {
            cp -= 0x10000;
            units[0] = (uint16_t)(0xD800 + (cp >> 10)),
            units[1] = (uint16_t)(0xDC00 + (cp & 0x3FF));
            n = 2;
        } else {
            units[0] = (uint16_t)cp;
        }
        for (int k = 0; k < n; k++) {
            char h[4] = {hex[units[k] >> 12], hex[(units[k] >> 8) & 15], hex[(units[k] >> 4) & 15],
                         hex[units[k] & 15]};
            pdfobj_write(w, h, 4);
        }
    }
    pdfobj_puts(w, ">");
}

uint32_t pdfobj_new(pdfobj *w)
{
    if (w->failed) return 0;
    if (!nb_array_room((void **)&w->xref, w->nobj + 1, &w->xref_cap, sizeof *w->xref)) {
        w->failed = NB_ERR_NOMEM;
        return 0;
    }
    w->xref[++w->nobj] = 0; /* (not written yet: pdfobj_begin records its offset) */
    return w->nobj;
}

void pdfobj_begin(pdfobj *w, uint32_t num)
{
    if (w->failed || num == 0 || num > w->nobj) {
        if (!w->failed) w->failed = NB_ERR_INTERNAL;
        return;
    }
    w->xref[num] = w->offset;
    pdfobj_printf(w, "%u 0 obj\n", (unsigned)num);
}

void pdfobj_end(pdfobj *w)
{
    pdfobj_puts(w, "\nendobj\n");
}

void pdfobj_stream(pdfobj *w, uint32_t num, const char *dict, const void *data, size_t len,
                   bool deflate)
{
    if (w->failed) return;
    if (deflate) {
        uLong bound = compressBound((uLong)len);
        if (bound > w->z_cap) {
            unsigned char *z = realloc(w->z, bound);
            if (!z) {
                w->failed = NB_ERR_NOMEM;
                return;
            }
            w->z = z, w->z_cap = bound;
        }
        uLongf out = (uLongf)w->z_cap;
        if (compress2(w->z, &out, data, (uLong)len, Z_BEST_COMPRESSION) != Z_OK) {
            w->failed = NB_ERR_NOMEM;
            return;
        }
        data = w->z, len = out;
    }
    pdfobj_begin(w, num);
    pdfobj_printf(w, "<<%s /Length %zu%s>>\nstream\n", dict, len,
                  deflate ? " /Filter /FlateDecode" : "");
    pdfobj_write(w, data, len);
    pdfobj_puts(w, "\nendstream");
    pdfobj_end(w);
    /* a big stream's scratch is given back (a font file), a page's is kept for the next */
    if (w->z_cap > (1u << 20)) free(w->z), w->z = NULL, w->z_cap = 0;
}

void pdfbuf_add(pdfbuf *b, const void *data, size_t len)
{
    if (b->failed) return;
    if (b->len + len + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + len + 1) cap *= 2;
        char *d = realloc(b->data, cap);
        if (!d) {
            b->failed = true;
            return;
        }
        b->data = d, b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    b->data[b->len] = '\0';
}

void pdfbuf_puts(pdfbuf *b, const char *s)
{
    pdfbuf_add(b, s, strlen(s));
}

static void put_buf(void *ctx, const char *s, size_t n)
{
    pdfbuf_add(ctx, s, n);
}

void pdfbuf_printf(pdfbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!vput(put_buf, b, fmt, ap)) b->failed = true;
    va_end(ap);
}

void pdfbuf_real(pdfbuf *b, double v)
{
    char s[32];
    pdfbuf_add(b, s, pdfobj_format_real(v, s));
}

void pdfbuf_free(pdfbuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void pdfobj_stream_buf(pdfobj *w, uint32_t num, const char *dict, const pdfbuf *b, bool deflate)
{
    if (b->failed && !w->failed) w->failed = NB_ERR_NOMEM;
    pdfobj_stream(w, num, dict, b->data ? b->data : "", b->len, deflate);
}

int pdfobj_open(pdfobj *w, const char *path, nb_error *err)
{
    memset(w, 0, sizeof *w);
    if (nb_outfile_open(&w->out, path) != 0) {
        nb_error_set(err, NB_ERR_WRITE, path, 0, 0, "cannot write here: %s", strerror(errno));
        return -1;
    }
    w->opened = true;
    /* PDF/A-1 §6.1.2: the header, then a comment of at least four bytes above 127 */
    pdfobj_puts(w, "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
    return 0;
}

static const char *find_bytes(const char *s, size_t n, const char *what)
{
    size_t wl = strlen(what);
    for (size_t i = 0; i + wl <= n; i++)
        if (memcmp(s + i, what, wl) == 0) return s + i;
    return NULL;
}

/* Whether the file holds a whole PDF: its last bytes are a trailer whose startxref points at
 * the cross-reference table (a file cut short by a full disk has neither). */
static bool whole_pdf(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < 64) return false;
    char tail[256];
    size_t n = st.st_size < (off_t)sizeof tail ? (size_t)st.st_size : sizeof tail;
    if (pread(fd, tail, n, st.st_size - (off_t)n) != (ssize_t)n) return false;
    const char *sx = NULL;
    for (const char *p = tail; (p = find_bytes(p, n - (size_t)(p - tail), "startxref")); p++)
        sx = p;
    if (!sx || !find_bytes(sx, n - (size_t)(sx - tail), "%%EOF")) return false;
    long long at = strtoll(sx + 9, NULL, 10);
    char xref[4];
    return at > 0 && at < st.st_size && pread(fd, xref, 4, (off_t)at) == 4 &&
           memcmp(xref, "xref", 4) == 0;
}

void pdfobj_abort(pdfobj *w)
{
    if (w->opened) nb_outfile_abort(&w->out);
    w->opened = false;
    free(w->xref), w->xref = NULL;
    free(w->z), w->z = NULL;
}

int pdfobj_error(const pdfobj *w, nb_error *err)
{
    const char *path = w->out.path;
    if (!w->failed) return 0;
    if (w->failed == NB_ERR_WRITE)
        nb_error_set(err, NB_ERR_WRITE, path, 0, 0, "cannot write the PDF: %s",
                     strerror(w->saved_errno));
    else if (w->failed == NB_ERR_NOMEM)
        nb_error_set(err, NB_ERR_NOMEM, path, 0, 0, "out of memory writing the PDF");
    else
        nb_error_set(err, NB_ERR_INTERNAL, path, 0, 0, "the PDF was written out of order");
    return -1;
}

int pdfobj_close(pdfobj *w, const char *trailer_dict, nb_error *err)
{
    const char *path = w->out.path;
    for (uint32_t i = 1; i <= w->nobj && !w->failed; i++)
        if (!w->xref[i]) w->failed = NB_ERR_INTERNAL; /* a number handed out, never written */
    uint64_t at = w->offset;
    pdfobj_printf(w, "xref\n0 %u\n0000000000 65535 f\r\n", (unsigned)w->nobj + 1);
    for (uint32_t i = 1; i <= w->nobj && !w->failed; i++)
        pdfobj_printf(w, "%010llu 00000 n\r\n", (unsigned long long)w->xref[i]);
    pdfobj_printf(w, "trailer\n<< /Size %u %s >>\nstartxref\n%llu\n%%%%EOF\n",
                  (unsigned)w->nobj + 1, trailer_dict, (unsigned long long)at);
    flush(w);
    if (pdfobj_error(w, err) != 0) {
        pdfobj_abort(w);
        return -1;
    }
    /* re-read before it replaces anything: a full disk or a failed close never leaves a cut
     * PDF under the name */
    if (!whole_pdf(w->out.fd)) {
        nb_error_set(err, NB_ERR_WRITE, path, 0, 0,
                     "cannot write the PDF: it came out incomplete (a full disk?)");
        pdfobj_abort(w);
        return -1;
    }
    if (nb_outfile_commit(&w->out) != 0) {
        nb_error_set(err, NB_ERR_WRITE, path, 0, 0, "cannot put the PDF in place: %s",
                     strerror(errno));
        w->opened = false;
        pdfobj_abort(w);
        return -1;
    }
    w->opened = false;
    pdfobj_abort(w); /* (frees) */
    return 0;
}
