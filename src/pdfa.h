/*
 * pdfa.h — what PDF/A-1b asks of a file beyond plain PDF: the XMP metadata that repeats the
 * Info entries, the file /ID, the sRGB output intent, and a subset font's CIDSet and ToUnicode
 * CMap.
 *
 * Owns: those objects' contents (written with pdfobj.h).
 * Must not: draw, lay out, or decide which objects a document has (pdf.c does).
 */
#ifndef NB_PDFA_H
#define NB_PDFA_H

#include "nianbao.h"
#include "page.h"
#include "pdfobj.h"

#include <stddef.h>
#include <stdint.h>

/* What Info says and the XMP must repeat (PDF/A-1 §6.7.3). Strings are UTF-8, already cleaned
 * for the metadata (nb_pdf_text_char); NULL or "" for none. */
typedef struct pdfa_info {
    const char *title, *author, *subject, *creator, *producer;
    int64_t creation_time; /* UTC seconds: both CreationDate and ModDate */
} pdfa_info;

/* Writes the Info dictionary and the XMP metadata stream as new objects; their numbers go to
 * *info and *xmp. */
void pdfa_write_info(pdfobj *w, const pdfa_info *in, uint32_t *info, uint32_t *xmp);

/* The file /ID (two equal 16-byte strings) derived from seed, as a trailer entry:
 * "/ID [<…> <…>]" into buf (at least 80 bytes). */
void pdfa_id(uint64_t seed, char *buf, size_t size);

/* The sRGB profile (Debian's icc-profiles-free) as a new ICC stream object: its number, or 0
 * with err when the profile cannot be read. */
uint32_t pdfa_write_icc(pdfobj *w, nb_error *err);

/* A subset CID font's CIDSet (one bit per CID, high bit first: CID 0 and every drawn CID) and
 * ToUnicode CMap (each drawn CID, which is its code point, to itself), as new objects. cps:
 * the drawn code points, sorted and unique, none above U+FFFF. */
uint32_t pdfa_write_cidset(pdfobj *w, const uint32_t *cps, size_t n);
uint32_t pdfa_write_to_unicode(pdfobj *w, const uint32_t *cps, size_t n);

#endif /* NB_PDFA_H */
