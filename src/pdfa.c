/*
 * pdfa.c — PDF/A-1b out of libharu 2.3.0: each workaround with the bug it covers
 * (shared/design/PDFA.md has the measurements).
 *
 * Must not: draw or lay out; it only completes what libharu writes.
 */
#include "pdfa.h"

#include "error.h"

#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SRGB_PROFILE "/usr/share/color/icc/sRGB.icc"

static int fail(nb_error *err, const char *what)
{
    nb_error_set(err, NB_ERR_INTERNAL, NULL, 0, 0, "PDF/A: %s", what);
    return -1;
}

/* ---- XMP --------------------------------------------------------------------------------- */

/* Appends s to the stream with XML's five special characters escaped. */
static HPDF_STATUS write_xml_text(HPDF_Stream st, const char *s)
{
    HPDF_STATUS ret = HPDF_OK;
    for (const char *p = s; p && *p && ret == HPDF_OK; p++) {
        switch (*p) {
        case '&':
            ret = HPDF_Stream_WriteStr(st, "&amp;");
            break;
        case '<':
            ret = HPDF_Stream_WriteStr(st, "&lt;");
            break;
        case '>':
            ret = HPDF_Stream_WriteStr(st, "&gt;");
            break;
        case '"':
            ret = HPDF_Stream_WriteStr(st, "&quot;");
            break;
        case '\'':
            ret = HPDF_Stream_WriteStr(st, "&apos;");
            break;
        default:
            ret = HPDF_Stream_Write(st, (const HPDF_BYTE *)p, 1);
        }
    }
    return ret;
}

static void xmp_date(int64_t t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* libharu bugs covered by writing the metadata here instead of HPDF_PDFA_SetPDFAConformance:
 * it writes XMP and /ID only when an Info entry is already set; it does not XML-escape the
 * title (an "&" or "<" corrupts the XMP); it keys the stream /SubType instead of /Subtype; and a
 * date with ind 'Z' makes it fail and then nothing is saved. The XMP repeats the Info entries
 * exactly, as PDF/A-1 §6.7.3 requires. */
static int write_metadata(HPDF_Doc pdf, const nb_pageset *ps, nb_error *err)
{
    HPDF_Dict xmp = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!xmp) return fail(err, "cannot create the metadata stream");
    HPDF_STATUS ret = HPDF_Dict_AddName(xmp, "Type", "Metadata");
    ret += HPDF_Dict_AddName(xmp, "Subtype", "XML");
    HPDF_Stream st = xmp->stream;
    char date[64];
    xmp_date(ps->creation_time, date, sizeof date);
    const char *producer = HPDF_GetInfoAttr(pdf, HPDF_INFO_PRODUCER);
    ret +=
        HPDF_Stream_WriteStr(st, "<?xpacket begin='\xEF\xBB\xBF' id='W5M0MpCehiHzreSzNTczkc9d'?>"
                                 "<x:xmpmeta xmlns:x='adobe:ns:meta/'>"
                                 "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                                 "<rdf:Description rdf:about='' "
                                 "xmlns:dc='http://purl.org/dc/elements/1.1/'>");
    if (ps->title && ps->title[0]) {
        ret += HPDF_Stream_WriteStr(st, "<dc:title><rdf:Alt><rdf:li xml:lang='x-default'>");
        ret += write_xml_text(st, ps->title);
        ret += HPDF_Stream_WriteStr(st, "</rdf:li></rdf:Alt></dc:title>");
    }
    if (ps->author && ps->author[0]) {
        ret += HPDF_Stream_WriteStr(st, "<dc:creator><rdf:Seq><rdf:li>");
        ret += write_xml_text(st, ps->author);
        ret += HPDF_Stream_WriteStr(st, "</rdf:li></rdf:Seq></dc:creator>");
    }
    if (ps->subject && ps->subject[0]) {
        ret += HPDF_Stream_WriteStr(st, "<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>");
        ret += write_xml_text(st, ps->subject);
        ret += HPDF_Stream_WriteStr(st, "</rdf:li></rdf:Alt></dc:description>");
    }
    ret += HPDF_Stream_WriteStr(st, "</rdf:Description><rdf:Description rdf:about='' "
                                    "xmlns:xmp='http://ns.adobe.com/xap/1.0/'>"
                                    "<xmp:CreatorTool>nianbao " NIANBAO_VERSION
                                    "</xmp:CreatorTool><xmp:CreateDate>");
    ret += HPDF_Stream_WriteStr(st, date);
    ret += HPDF_Stream_WriteStr(st, "</xmp:CreateDate><xmp:ModifyDate>");
    ret += HPDF_Stream_WriteStr(st, date);
    ret += HPDF_Stream_WriteStr(st, "</xmp:ModifyDate></rdf:Description><rdf:Description "
                                    "rdf:about='' xmlns:pdf='http://ns.adobe.com/pdf/1.3/'>"
                                    "<pdf:Producer>");
    ret += write_xml_text(st, producer ? producer : "");
    ret += HPDF_Stream_WriteStr(st, "</pdf:Producer></rdf:Description><rdf:Description "
                                    "rdf:about='' xmlns:pdfaid='http://www.aiim.org/pdfa/ns/id/' "
                                    "pdfaid:part='1' pdfaid:conformance='B'/>"
                                    "</rdf:RDF></x:xmpmeta><?xpacket end='w'?>");
    ret += HPDF_Dict_Add(pdf->catalog, "Metadata", xmp);
    pdf->pdf_version = HPDF_VER_14; /* PDF/A-1 is PDF 1.4 */
    return ret == HPDF_OK ? 0 : fail(err, "cannot write the metadata");
}

/* ---- /ID, output intent, viewer preferences ---------------------------------------------- */

/* libharu bug: it writes an /ID only from HPDF_PDFA_SetPDFAConformance (or encryption), made
 * from the time, so two files made in the same second share it and no build is reproducible.
 * The ID here derives from the caller's seed (a hash of the content). */
static int write_id(HPDF_Doc pdf, uint64_t seed, nb_error *err)
{
    HPDF_BYTE id[16];
    uint64_t x = seed ? seed : 0x6E69616E62616F31ull; /* "nianbao1" */
    for (int i = 0; i < 16; i++) {
        x += 0x9E3779B97F4A7C15ull; /* splitmix64 */
        uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        id[i] = (HPDF_BYTE)(z ^ (z >> 31));
    }
    HPDF_Array arr = HPDF_Array_New(pdf->mmgr);
    if (!arr) return fail(err, "cannot create the /ID");
    HPDF_STATUS ret = HPDF_Array_Add(arr, HPDF_Binary_New(pdf->mmgr, id, 16));
    ret += HPDF_Array_Add(arr, HPDF_Binary_New(pdf->mmgr, id, 16));
    ret += HPDF_Dict_Add(pdf->trailer, "ID", arr);
    return ret == HPDF_OK ? 0 : fail(err, "cannot write the /ID");
}

/* libharu bug: no OutputIntent is written, so any DeviceGray or DeviceRGB colour (the text is
 * black) fails PDF/A-1 §6.2.2. The sRGB profile comes from Debian's icc-profiles-free. */
static int write_output_intent(HPDF_Doc pdf, nb_error *err)
{
    FILE *f = fopen(SRGB_PROFILE, "rb");
    if (!f) {
        nb_error_set(err, NB_ERR_IO, SRGB_PROFILE, 0, 0,
                     "cannot open the sRGB profile (Debian package icc-profiles-free)");
        return -1;
    }
    HPDF_Dict icc = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    HPDF_STATUS ret = icc ? HPDF_OK : HPDF_FAILD_TO_ALLOC_MEM;
    unsigned char buf[8192];
    size_t n;
    while (ret == HPDF_OK && (n = fread(buf, 1, sizeof buf, f)) > 0)
        ret = HPDF_Stream_Write(icc->stream, buf, (HPDF_UINT)n);
    fclose(f);
    if (ret != HPDF_OK) return fail(err, "cannot embed the sRGB profile");
    icc->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    ret += HPDF_Dict_AddNumber(icc, "N", 3);
    ret += HPDF_Dict_AddName(icc, "Alternate", "DeviceRGB");
    HPDF_Dict intent = HPDF_Dict_New(pdf->mmgr);
    HPDF_Array intents = HPDF_Array_New(pdf->mmgr);
    if (!intent || !intents) return fail(err, "cannot create the output intent");
    ret += HPDF_Dict_AddName(intent, "Type", "OutputIntent");
    ret += HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
    ret += HPDF_Dict_Add(intent, "OutputConditionIdentifier",
                         HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
    ret += HPDF_Dict_Add(intent, "Info", HPDF_String_New(pdf->mmgr, "sRGB IEC61966-2.1", NULL));
    ret += HPDF_Dict_Add(intent, "DestOutputProfile", icc);
    ret += HPDF_Array_Add(intents, intent);
    ret += HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents);
    return ret == HPDF_OK ? 0 : fail(err, "cannot write the output intent");
}

/* libharu 2.3.0 has no HPDF_DISPLAY_DOC_TITLE: show the title, not the file name, in the
 * window (merged into the ViewerPreferences dictionary libharu may already have). */
static int write_viewer_preferences(HPDF_Doc pdf, nb_error *err)
{
    HPDF_Dict prefs = HPDF_Dict_GetItem(pdf->catalog, "ViewerPreferences", HPDF_OCLASS_DICT);
    HPDF_STATUS ret = HPDF_OK;
    if (!prefs) {
        prefs = HPDF_Dict_New(pdf->mmgr);
        if (!prefs) return fail(err, "cannot create the viewer preferences");
        ret = HPDF_Dict_Add(pdf->catalog, "ViewerPreferences", prefs);
    }
    ret += HPDF_Dict_Add(prefs, "DisplayDocTitle", HPDF_Boolean_New(pdf->mmgr, HPDF_TRUE));
    return ret == HPDF_OK ? 0 : fail(err, "cannot write the viewer preferences");
}

int pdfa_prepare_document(HPDF_Doc pdf, const nb_pageset *ps, nb_error *err)
{
    if (write_metadata(pdf, ps, err) != 0 || write_id(pdf, ps->id_seed, err) != 0 ||
        write_output_intent(pdf, err) != 0 || write_viewer_preferences(pdf, err) != 0)
        return -1;
    return 0;
}

/* ---- fonts ------------------------------------------------------------------------------- */

/* libharu bug: it puts its encoding CMap (begincidrange) under /ToUnicode, which maps nothing
 * back to Unicode for text extraction and fails the validators' CMap check. With Identity-H
 * and CID = the code point, the real ToUnicode maps each drawn CID to itself. */
static HPDF_STATUS write_to_unicode(HPDF_Stream st, const uint32_t *cps, size_t n)
{
    HPDF_MemStream_FreeData(st);
    HPDF_STATUS ret =
        HPDF_Stream_WriteStr(st, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
                                 "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering "
                                 "(UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS "
                                 "def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
                                 "endcodespacerange\n");
    for (size_t i = 0; i < n && ret == HPDF_OK; i += 100) {
        size_t m = n - i < 100 ? n - i : 100;
        char line[64];
        snprintf(line, sizeof line, "%zu beginbfchar\n", m);
        ret += HPDF_Stream_WriteStr(st, line);
        for (size_t k = i; k < i + m; k++) {
            snprintf(line, sizeof line, "<%04X> <%04X>\n", (unsigned)cps[k], (unsigned)cps[k]);
            ret += HPDF_Stream_WriteStr(st, line);
        }
        ret += HPDF_Stream_WriteStr(st, "endbfchar\n");
    }
    ret += HPDF_Stream_WriteStr(st, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\n"
                                    "end\n");
    return ret;
}

int pdfa_fix_font(HPDF_Doc pdf, HPDF_Font font, const uint32_t *cps, size_t n, nb_error *err)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
    /* libharu builds the CID font's descriptor lazily, in the font's before-write function;
     * run it now (running it again at save time only refreshes names and filters) */
    if (font->before_write_fn && font->before_write_fn(font) != HPDF_OK) {
        /* libharu sets its error code here without calling the error handler */
        nb_error_set(err, NB_ERR_INTERNAL, NULL, 0, 0,
                     "PDF/A: cannot prepare a font descriptor (libharu error 0x%04lX, %lu)",
                     (unsigned long)HPDF_GetError(pdf), (unsigned long)HPDF_GetErrorDetail(pdf));
        return -1;
    }
    HPDF_Dict desc = attr->fontdef->descriptor;
    if (!desc) return fail(err, "a font has no descriptor");
    /* libharu bug: the CID TrueType descriptor lacks CapHeight (PDF/A-1 §6.3.5, Preflight
     * 3.1.2); libharu measures it from glyph 'H', which the subset keeps */
    HPDF_STATUS ret = HPDF_Dict_AddNumber(desc, "CapHeight", HPDF_Font_GetCapHeight(font));
    /* libharu bug: no CIDSet for a subset font (PDF/A-1 §6.3.5, Preflight 3.1.11): one bit per
     * CID, high bit first, CID 0 and every drawn CID */
    uint32_t max = n ? cps[n - 1] : 0;
    size_t bytes = max / 8 + 1;
    HPDF_BYTE *bits = calloc(bytes, 1);
    HPDF_Dict cidset = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!bits || !cidset) {
        free(bits);
        return fail(err, "cannot create a CIDSet");
    }
    bits[0] |= 0x80;
    for (size_t i = 0; i < n; i++) bits[cps[i] / 8] |= (HPDF_BYTE)(0x80 >> (cps[i] % 8));
    ret += HPDF_Stream_Write(cidset->stream, bits, (HPDF_UINT)bytes);
    free(bits);
    cidset->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    ret += HPDF_Dict_Add(desc, "CIDSet", cidset);
    if (attr->cmap_stream) ret += write_to_unicode(attr->cmap_stream->stream, cps, n);
    return ret == HPDF_OK ? 0 : fail(err, "cannot complete a font for PDF/A");
}

/* libharu bug: HPDF_Page_CreateDestination makes the destination an indirect object, and
 * PDFBox Preflight rejects an outline's /Dest that is a reference ("can't convert to
 * Destination", 1.2.3). A direct array [page /FitH top] is what the specification shows. */
int pdfa_set_destination(HPDF_Doc pdf, HPDF_Outline outline, HPDF_Page page, double top,
                         nb_error *err)
{
    HPDF_Array dest = HPDF_Array_New(pdf->mmgr);
    if (!dest) return fail(err, "cannot create a bookmark destination");
    HPDF_STATUS ret = HPDF_Array_Add(dest, page);
    ret += HPDF_Array_AddName(dest, "FitH");
    ret += HPDF_Array_AddReal(dest, (HPDF_REAL)top);
    ret += HPDF_Dict_Add(outline, "Dest", dest);
    return ret == HPDF_OK ? 0 : fail(err, "cannot set a bookmark destination");
}
