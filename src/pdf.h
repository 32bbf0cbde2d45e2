/*
 * pdf.h — drawing the page model (page.h) into a PDF/A-1b file, a page at a time.
 *
 * Owns: each page's content (text runs drawn character by character in the font that has each
 * character, rules), written to the file as soon as the page is given, the fonts (subset with
 * HarfBuzz to what was drawn, embedded as CID TrueType fonts with CID = code point), the page
 * tree, bookmarks, Info and the catalog. What it keeps between pages is a few bytes a page
 * and a bit a code point, so a document of any length is written in the memory of one page.
 * Must not: break lines or lay out (layout.c does); the PDF/A objects' contents live in
 * pdfa.c, the file syntax in pdfobj.c.
 */
#ifndef NB_PDF_H
#define NB_PDF_H

#include "font.h"
#include "nianbao.h"
#include "page.h"

typedef struct nb_pdf nb_pdf;

/* Starts writing a PDF to path (a temporary file until nb_pdf_close puts it there). NULL with
 * err when the file cannot be started. */
nb_pdf *nb_pdf_open(const nb_fontset *fonts, const char *path, nb_error *err);
/* Writes one page. 0, or -1 once writing has failed (nb_pdf_close then says why). */
int nb_pdf_add_page(nb_pdf *p, const nb_page *pg);
/* The number of pages given so far. */
size_t nb_pdf_page_count(const nb_pdf *p);
/* Finishes the file with what meta holds besides pages (bookmarks, whose page numbers count
 * the pages given; title, author, subject, creation time, ID seed) and puts it under its name.
 * 0, or -1 with err and no file under the name. Frees p either way. */
int nb_pdf_close(nb_pdf *p, const nb_pageset *meta, nb_error *err);
/* When writing has failed (a full disk, no memory): err says why, -1. Else 0. */
int nb_pdf_error(const nb_pdf *p, nb_error *err);
/* Gives up: no file is left, p is freed. */
void nb_pdf_abort(nb_pdf *p);

/* Writes ps (its pages and the rest) to path as PDF/A-1b. The same pageset (with the same
 * creation_time and id_seed) gives the same bytes. On failure no file is left under path. 0, or
 * -1 with err. */
int nb_pdf_write(const nb_pageset *ps, const nb_fontset *fonts, const char *path, nb_error *err);

/* How a character goes into a PDF string outside the page (the metadata, a bookmark): 0 when
 * it is dropped (control characters, U+FFFE, U+FFFF, U+FDD0–U+FDEF: XMP is XML 1.0), 〓 for one
 * above U+FFFF (the page's fonts are addressed by 16-bit code points), else itself. */
uint32_t nb_pdf_text_char(uint32_t cp);

#endif /* NB_PDF_H */
