/*
 * pdfa.c — the objects PDF/A-1b asks for beyond plain PDF (see pdfa.h; shared/design/PDFA.md
 * has what Preflight checks and why).
 */
#include "pdfa.h"

#include "error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SRGB_PROFILE "/usr/share/color/icc/sRGB.icc"

/* ---- Info and XMP ------------------------------------------------------------------------ */

/* Appends s with XML's five special characters escaped. */
static void xml_text(pdfbuf *b, const char *s)
{
    for (const char *p = s; p && *p; p++) {
        switch (*p) {
        case '&':
            pdfbuf_puts(b, "&amp;");
            break;
        case '<':
            pdfbuf_puts(b, "&lt;");
            break;
        case '>':
            pdfbuf_puts(b, "&gt;");
            break;
        case '"':
            pdfbuf_puts(b, "&quot;");
            break;
        case '\'':
            pdfbuf_puts(b, "&apos;");
            break;
        default:
            pdfbuf_add(b, p, 1);
        }
    }
}

static bool given(const char *s)
{
    return s && s[0];
}

/* open, the text escaped, close: when there is a text. */
static void xmp_element(pdfbuf *b, const char *open, const char *text, const char *close)
{
    if (!given(text)) return;
    pdfbuf_puts(b, open);
    xml_text(b, text);
    pdfbuf_puts(b, close);
}

void pdfa_write_info(pdfobj *w, const pdfa_info *in, uint32_t *info, uint32_t *xmp)
{
    time_t t = (time_t)in->creation_time;
    struct tm tm;
    gmtime_r(&t, &tm);
    char pdf_date[96], xmp_date[96];
    snprintf(pdf_date, sizeof pdf_date, "D:%04d%02d%02d%02d%02d%02d+00'00'", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    snprintf(xmp_date, sizeof xmp_date, "%04d-%02d-%02dT%02d:%02d:%02d+00:00", tm.tm_year + 1900,
             tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);

    *info = pdfobj_new(w);
    pdfobj_begin(w, *info);
    pdfobj_puts(w, "<<");
    static const char *const keys[] = {"Title", "Author", "Subject", "Creator", "Producer"};
    const char *values[] = {in->title, in->author, in->subject, in->creator, in->producer};
    for (size_t i = 0; i < 5; i++)
        if (given(values[i])) {
            pdfobj_printf(w, " /%s ", keys[i]);
            pdfobj_text(w, values[i]);
        }
    pdfobj_printf(w, " /CreationDate (%s) /ModDate (%s) >>", pdf_date, pdf_date);
    pdfobj_end(w);

    /* the XMP repeats the Info entries exactly (PDF/A-1 §6.7.3); it is not compressed, so that
     * any reader finds it (§6.7.2 allows no filter on it in practice) */
    pdfbuf b = {0};
    pdfbuf_puts(&b, "<?xpacket begin='\xEF\xBB\xBF' id='W5M0MpCehiHzreSzNTczkc9d'?>\n"
                    "<x:xmpmeta xmlns:x='adobe:ns:meta/'>"
                    "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
                    "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'>");
    xmp_element(&b, "<dc:title><rdf:Alt><rdf:li xml:lang='x-default'>", in->title,
                "</rdf:li></rdf:Alt></dc:title>");
    xmp_element(&b, "<dc:creator><rdf:Seq><rdf:li>", in->author,
                "</rdf:li></rdf:Seq></dc:creator>");
    xmp_element(&b, "<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>", in->subject,
                "</rdf:li></rdf:Alt></dc:description>");
    pdfbuf_puts(&b, "</rdf:Description><rdf:Description rdf:about='' "
                    "xmlns:xmp='http://ns.adobe.com/xap/1.0/'>");
    xmp_element(&b, "<xmp:CreatorTool>", in->creator, "</xmp:CreatorTool>");
    pdfbuf_printf(&b, "<xmp:CreateDate>%s</xmp:CreateDate><xmp:ModifyDate>%s</xmp:ModifyDate>",
                  xmp_date, xmp_date);
    pdfbuf_puts(&b, "</rdf:Description><rdf:Description rdf:about='' "
                    "xmlns:pdf='http://ns.adobe.com/pdf/1.3/'>");
    xmp_element(&b, "<pdf:Producer>", in->producer, "</pdf:Producer>");
    pdfbuf_puts(&b, "</rdf:Description><rdf:Description rdf:about='' "
                    "xmlns:pdfaid='http://www.aiim.org/pdfa/ns/id/' pdfaid:part='1' "
                    "pdfaid:conformance='B'/></rdf:RDF></x:xmpmeta>\n<?xpacket end='w'?>");
    *xmp = pdfobj_new(w);
    pdfobj_stream_buf(w, *xmp, " /Type /Metadata /Subtype /XML", &b, false);
    pdfbuf_free(&b);
}

/* ---- /ID and the output intent ----------------------------------------------------------- */

void pdfa_id(uint64_t seed, char *buf, size_t size)
{
    unsigned char id[16];
    uint64_t x = seed ? seed : 0x6E69616E62616F31ull; /* "nianbao1" */
    for (int i = 0; i < 16; i++) {
        x += 0x9E3779B97F4A7C15ull; /* splitmix64 */
        uint64_t z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        id[i] = (unsigned char)(z ^ (z >> 31));
    }
    char hex[33];
    for (int i = 0; i < 16; i++) snprintf(hex + 2 * i, 3, "%02X", id[i]);
    snprintf(buf, size, "/ID [<%s> <%s>]", hex, hex);
}

/* Without an output intent any DeviceGray or DeviceRGB colour (the text is black) fails
 * PDF/A-1 §6.2.2. */
uint32_t pdfa_write_icc(pdfobj *w, nb_error *err)
{
    FILE *f = fopen(SRGB_PROFILE, "rb");
    if (!f) {
        nb_error_set(err, NB_ERR_IO, SRGB_PROFILE, 0, 0,
                     "cannot open the sRGB profile (Debian package icc-profiles-free)");
        return 0;
    }
    pdfbuf b = {0};
    unsigned char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) pdfbuf_add(&b, chunk, n);
    bool bad = ferror(f) || b.len == 0;
    fclose(f);
    if (bad) {
        pdfbuf_free(&b);
        nb_error_set(err, NB_ERR_IO, SRGB_PROFILE, 0, 0, "cannot read the sRGB profile");
        return 0;
    }
    uint32_t num = pdfobj_new(w);
    pdfobj_stream_buf(w, num, " /N 3 /Alternate /DeviceRGB", &b, true);
    pdfbuf_free(&b);
    return num;
}

/* ---- fonts ------------------------------------------------------------------------------- */

/* PDF/A-1 §6.3.5: a subset font lists its glyphs (Preflight 3.1.11). */
uint32_t pdfa_write_cidset(pdfobj *w, const uint32_t *cps, size_t n)
{
    uint32_t max = n ? cps[n - 1] : 0;
    size_t bytes = max / 8 + 1;
    unsigned char *bits = calloc(bytes, 1);
    uint32_t num = pdfobj_new(w);
    if (!bits) {
        pdfbuf fail = {.failed = true};
        pdfobj_stream_buf(w, num, "", &fail, false);
        return num;
    }
    bits[0] |= 0x80;
    for (size_t i = 0; i < n; i++) bits[cps[i] / 8] |= (unsigned char)(0x80 >> (cps[i] % 8));
    pdfobj_stream(w, num, "", bits, bytes, true);
    free(bits);
    return num;
}

/* With Identity-H and CID = code point, each drawn CID maps to itself: text extraction and the
 * validators' CMap check both read it. */
uint32_t pdfa_write_to_unicode(pdfobj *w, const uint32_t *cps, size_t n)
{
    pdfbuf b = {0};
    pdfbuf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i += 100) {
        size_t m = n - i < 100 ? n - i : 100;
        pdfbuf_printf(&b, "%zu beginbfchar\n", m);
        for (size_t k = i; k < i + m; k++) {
            char h[4] = {hex[cps[k] >> 12], hex[(cps[k] >> 8) & 15], hex[(cps[k] >> 4) & 15],
                         hex[cps[k] & 15]};
            char line[14] = {'<', h[0], h[1], h[2], h[3], '>', ' ',
                             '<', h[0], h[1], h[2], h[3], '>', '\n'};
            pdfbuf_add(&b, line, sizeof line);
        }
        pdfbuf_puts(&b, "endbfchar\n");
    }
    pdfbuf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    uint32_t num = pdfobj_new(w);
    pdfobj_stream_buf(w, num, "", &b, true);
    pdfbuf_free(&b);
    return num;
}
