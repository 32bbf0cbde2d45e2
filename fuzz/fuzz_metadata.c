/*
 * fuzz_metadata.c — libFuzzer target: the PDF's metadata path on any text. The input, made
 * valid UTF-8 (an invalid byte becomes U+FFFD: control characters, noncharacters and
 * characters above U+FFFF stay), is split at its first two newlines into a title, an agency and
 * a heading, which replace those of a small report; the PDF is written (Info, XMP, bookmarks,
 * the page) and must always be: PDF/A cannot depend on what the title holds. The file is then
 * read back: its XMP packet holds no control character but tab, LF and CR (XML 1.0), and the
 * PDF is whole (nb_report_write_pdf re-reads its trailer).
 */
#define _GNU_SOURCE /* memmem */
#include "report.h"
#include "utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char REPORT[] = "某局2017年政府信息公开工作年度报告\n"
                             "一、概述\n"
                             "本年度依法公开政府信息。\n"
                             "某局\n"
                             "2018年3月1日\n";

/* data as valid UTF-8 into a NUL-terminated string (NUL bytes become U+FFFD too). */
static char *valid_utf8(const uint8_t *data, size_t size)
{
    char *out = malloc(size * 3 + 1);
    if (!out) return NULL;
    size_t n = 0, adv;
    for (size_t i = 0; i < size; i += adv) {
        int32_t c = nb_utf8_decode(data + i, size - i, &adv);
        uint32_t cp = c <= 0 ? 0xFFFD : (uint32_t)c;
        n += nb_utf8_encode(cp, out + n);
    }
    out[n] = '\0';
    return out;
}

/* The XMP packet (between <?xpacket begin and end) has no C0 control but tab, LF, CR. */
static void check_xmp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) abort();
    static char buf[1 << 22];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    const char *b = memmem(buf, n, "<?xpacket begin", 15);
    const char *e = b ? memmem(b, n - (size_t)(b - buf), "<?xpacket end", 13) : NULL;
    if (!b || !e) abort(); /* (the metadata stream is written uncompressed) */
    for (const char *p = b; p < e; p++)
        if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static nb_formset *fs;
    nb_error err;
    if (!fs && !(fs = nb_formset_load(NB_SOURCE_FORMS_DIR, &err))) abort();
    if (size > 4096) return 0; /* a title, an agency and a heading: no more is needed */
    char *text = valid_utf8(data, size);
    if (!text) return 0;
    nb_options opt;
    nb_options_init(&opt);
    opt.forms = fs;
    nb_report *r = nb_report_from_bytes(REPORT, sizeof REPORT - 1, "fuzz", &opt, &err);
    if (!r) abort();
    char *agency = strchr(text, '\n');
    if (agency) *agency++ = '\0';
    char *heading = agency ? strchr(agency, '\n') : NULL;
    if (heading) *heading++ = '\0';
    r->doc.title = text;
    r->doc.agency = agency ? agency : "";
    for (size_t i = 0; heading && i < r->doc.nblocks; i++)
        if (r->doc.blocks[i].kind == NB_BLOCK_HEADING) {
            r->doc.blocks[i].text = heading;
            r->doc.blocks[i].len = strlen(heading);
        }
    char path[] = "/tmp/nianbao-fuzz-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0) {
        close(fd);
        nb_pdf_options po = {.fonts_dir = NB_SOURCE_FONTS_DIR,
                             .creation_time = 1700000000,
                             .creation_time_set = true};
        if (nb_report_write_pdf(r, path, &po, NULL, &err) != 0) abort();
        check_xmp(path);
        unlink(path);
    }
    nb_report_free(r);
    free(text);
    return 0;
}
