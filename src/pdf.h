/*
 * pdf.h — drawing the page model (page.h) into a PDF/A-1b file with libharu 2.3.0.
 *
 * Owns: subsetting each font to what is drawn (hb-subset, before libharu sees the font),
 * drawing text runs character by character in the font that has each character, rules,
 * bookmarks, Info, and writing the file atomically (a temporary name, then rename).
 * Must not: break lines or lay out (layout.c does); PDF/A details live in pdfa.c.
 */
#ifndef NB_PDF_H
#define NB_PDF_H

#include "font.h"
#include "nianbao.h"
#include "page.h"

/* Writes ps to path as PDF/A-1b. The same pageset (with the same creation_time and id_seed)
 * gives the same bytes. On failure no file is left under path. 0, or -1 with err. */
int nb_pdf_write(const nb_pageset *ps, const nb_fontset *fonts, const char *path, nb_error *err);

/* How a character goes into a PDF string outside the page (the metadata, a bookmark): 0 when
 * it is dropped (control characters, U+FFFE, U+FFFF, U+FDD0–U+FDEF: XMP is XML 1.0), 〓 for one
 * above U+FFFF (libharu cannot encode it), else itself. */
uint32_t nb_pdf_text_char(uint32_t cp);

#endif /* NB_PDF_H */
