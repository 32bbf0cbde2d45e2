/*
 * pdfobj.h — writing a PDF file object by object, straight to its output: numbered objects,
 * streams (Flate-compressed with zlib, or plain), strings, numbers, the cross-reference table
 * and the trailer. What it keeps while writing is eight bytes an object (its offset), so a
 * document of any number of pages is written in the memory of one page.
 *
 * Owns: the PDF 1.4 file syntax PDF/A-1 asks for (a binary comment after the header, an EOL
 * before endstream, xref entries of exactly 20 bytes, direct stream lengths), buffering, and
 * putting the file in place atomically (outfile.h) once its trailer reads back whole.
 * Must not: know what a page, a font or a bookmark is (pdf.c and pdfa.c do).
 *
 * Errors are sticky: after the first failed write or allocation every call does nothing, and
 * pdfobj_close reports it.
 */
#ifndef NB_PDFOBJ_H
#define NB_PDFOBJ_H

#include "nianbao.h"
#include "outfile.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct pdfobj {
    nb_outfile out;
    bool opened;
    unsigned char buf[65536];
    size_t used;
    uint64_t offset; /* bytes written so far, the buffer included */
    uint64_t *xref;  /* offset of object i at xref[i]; 0 while not written */
    uint32_t nobj;   /* object numbers handed out: 1 .. nobj */
    size_t xref_cap;
    int failed;       /* 0, or the NB_ERR_* of the first failure */
    int saved_errno;  /* errno of a failed write */
    unsigned char *z; /* scratch for compressed streams */
    size_t z_cap;
} pdfobj;

/* Starts the file for path (a temporary, see outfile.h) and writes the header. 0, or -1 with
 * err (nothing is left under path). */
int pdfobj_open(pdfobj *w, const char *path, nb_error *err);
/* A new object number (written later with pdfobj_begin). */
uint32_t pdfobj_new(pdfobj *w);
/* Starts object num ("num 0 obj"); pdfobj_end closes it. */
void pdfobj_begin(pdfobj *w, uint32_t num);
void pdfobj_end(pdfobj *w);

void pdfobj_write(pdfobj *w, const void *data, size_t len);
void pdfobj_puts(pdfobj *w, const char *s);
void pdfobj_printf(pdfobj *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A number as PDF writes it: no exponent, at most four decimals, no trailing zeros. */
void pdfobj_real(pdfobj *w, double v);
/* Formats v like pdfobj_real into buf (at least 32 bytes); returns its length. */
size_t pdfobj_format_real(double v, char *buf);
/* A text string (Info, bookmarks): UTF-16BE with its byte-order mark, in hex. The UTF-8 given
 * must already be what is to be shown (see nb_pdf_text_char). */
void pdfobj_text(pdfobj *w, const char *utf8);

/* Object num as a whole stream: "<< dict /Length n [/Filter /FlateDecode] >> stream … endstream".
 * dict holds the other entries (may be ""). deflate: compress data first. */
void pdfobj_stream(pdfobj *w, uint32_t num, const char *dict, const void *data, size_t len,
                   bool deflate);

/* A growing buffer for what is written as one stream (a page's content, a CMap, the XMP). */
typedef struct pdfbuf {
    char *data;
    size_t len, cap;
    bool failed; /* an allocation failed: the content is incomplete */
} pdfbuf;

void pdfbuf_add(pdfbuf *b, const void *data, size_t len);
void pdfbuf_puts(pdfbuf *b, const char *s);
void pdfbuf_printf(pdfbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pdfbuf_real(pdfbuf *b, double v);
void pdfbuf_free(pdfbuf *b);
/* Writes b as stream object num (see pdfobj_stream); a failed buffer fails the file. */
void pdfobj_stream_buf(pdfobj *w, uint32_t num, const char *dict, const pdfbuf *b, bool deflate);

/* Writes the cross-reference table and the trailer (trailer_dict: the entries besides /Size),
 * flushes, checks that the file reads back whole and puts it under its name. 0, or -1 with
 * err (and no file under the name). Frees everything either way. */
int pdfobj_close(pdfobj *w, const char *trailer_dict, nb_error *err);
/* When writing has failed: err says why, -1. Else 0. */
int pdfobj_error(const pdfobj *w, nb_error *err);
/* Gives up: the temporary file is removed, everything freed. Safe after a failed open. */
void pdfobj_abort(pdfobj *w);

#endif /* NB_PDFOBJ_H */
