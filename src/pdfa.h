/*
 * pdfa.h — every workaround for libharu 2.3.0's gaps in PDF/A-1b, in one place.
 *
 * Owns: the XMP metadata, the /ID, the sRGB output intent, the viewer preference that shows the
 * document title, and the font descriptor fixes (CapHeight, CIDSet, a real ToUnicode CMap).
 * Must not: do anything else.
 */
#ifndef NB_PDFA_H
#define NB_PDFA_H

#include "nianbao.h"
#include "page.h"

#include <hpdf.h>

/* Metadata, /ID, output intent and viewer preferences for the document. Call after the Info
 * entries are set and before saving. 0, or -1 with err. */
int pdfa_prepare_document(HPDF_Doc pdf, const nb_pageset *ps, nb_error *err);

/* Fixes one embedded CID font after all text was drawn: descriptor CapHeight, a CIDSet of the
 * drawn code points (CID = code point with Identity-H), and the ToUnicode CMap. cps are the
 * code points drawn with this font, sorted and unique. 0, or -1 with err. */
int pdfa_fix_font(HPDF_Doc pdf, HPDF_Font font, const uint32_t *cps, size_t n, nb_error *err);

/* Points a bookmark at the top `top` of page. 0, or -1 with err. */
int pdfa_set_destination(HPDF_Doc pdf, HPDF_Outline outline, HPDF_Page page, double top,
                         nb_error *err);

#endif /* NB_PDFA_H */
