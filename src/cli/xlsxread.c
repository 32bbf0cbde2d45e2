/*
 * xlsxread.c — reading a reviewer's workbook back (check --baseline review.xlsx): the 问题清单
 * sheet's 文件, 指纹 and 复核结论 columns, from the zip archive an .xlsx is (stored or deflated
 * entries, zlib) and its sheet XML (shared, inline or formula strings), whichever program saved
 * it last (nianbao, Excel, LibreOffice, openpyxl).
 *
 * Every input may be hostile: sizes are checked against the file before anything is read, an
 * entry inflates to at most XLSX_MOST bytes, and the XML is scanned, never trusted.
 */
#include "xlsxread.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define XLSX_MOST ((size_t)64 * 1024 * 1024)

typedef struct zipfile {
    unsigned char *data;
    size_t len;
} zipfile;

static uint32_t le16(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
    return le16(p) | le16(p + 2) << 16;
}

/* The entry `name` of the archive, inflated (NUL-terminated; *n its length), or NULL. */
static char *zip_entry(const zipfile *z, const char *name, size_t *n)
{
    if (z->len < 22) return NULL;
    size_t eocd = z->len - 22, stop = z->len > 65557 ? z->len - 65557 : 0;
    while (le32(z->data + eocd) != 0x06054b50) {
        if (eocd == stop) return NULL;
        eocd--;
    }
    size_t entries = le16(z->data + eocd + 10), at = le32(z->data + eocd + 16);
    size_t nlen = strlen(name);
    for (size_t e = 0; e < entries; e++) {
        if (at > z->len || z->len - at < 46 || le32(z->data + at) != 0x02014b50) return NULL;
        const unsigned char *c = z->data + at;
        size_t method = le16(c + 10), csize = le32(c + 20), usize = le32(c + 24);
        size_t fl = le16(c + 28), xl = le16(c + 30), cl = le16(c + 32), local = le32(c + 42);
        if (z->len - at - 46 < fl) return NULL;
        bool match = fl == nlen && memcmp(c + 46, name, nlen) == 0;
        at += 46 + fl + xl + cl;
        if (!match) continue;
        if (local > z->len || z->len - local < 30 || le32(z->data + local) != 0x04034b50)
            return NULL;
        size_t start = local + 30 + le16(z->data + local + 26) + le16(z->data + local + 28);
        if (start > z->len || z->len - start < csize || usize > XLSX_MOST) return NULL;
        char *out = malloc(usize + 1);
        if (!out) return NULL;
        if (method == 0 && csize == usize) {
            memcpy(out, z->data + start, usize);
        } else if (method == 8) {
            z_stream s = {0};
            if (inflateInit2(&s, -MAX_WBITS) != Z_OK) {
                free(out);
                return NULL;
            }
            s.next_in = z->data + start;
            s.avail_in = (uInt)csize;
            s.next_out = (Bytef *)out;
            s.avail_out = (uInt)usize;
            int rc = inflate(&s, Z_FINISH);
            size_t got = usize - s.avail_out;
            inflateEnd(&s);
            if (rc != Z_STREAM_END || got != usize) {
                free(out);
                return NULL;
            }
        } else {
            free(out);
            return NULL;
        }
        out[usize] = '\0';
        *n = usize;
        return out;
    }
    return NULL;
}

/* ---- XML, scanned -------------------------------------------------------------------------- */

/* The value of attribute attr in the tag starting at tag (up to its '>'), into buf. */
static bool attr(const char *tag, const char *attr_name, char *buf, size_t size)
{
    const char *end = strchr(tag, '>');
    size_t al = strlen(attr_name);
    for (const char *p = tag; p && end && p < end; p++) {
        p = strstr(p, attr_name);
        if (!p || p >= end) return false;
        if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r') && p[al] == '=' &&
            (p[al + 1] == '"' || p[al + 1] == '\'')) {
            char q = p[al + 1];
            const char *v = p + al + 2, *ve = strchr(v, q);
            if (!ve || ve > end) return false;
            snprintf(buf, size, "%.*s", (int)(ve - v), v);
            return true;
        }
    }
    return false;
}

/* Appends the text s[0..n) with its XML entities decoded to the growing string *out. */
static int append_text(char **out, size_t *len, const char *s, size_t n)
{
    char *o = realloc(*out, *len + n + 1);
    if (!o) return -1;
    *out = o;
    for (size_t i = 0; i < n; i++) {
        unsigned long cp = 0;
        size_t used = 0;
        if (s[i] == '&') {
            static const struct {
                const char *name;
                char c;
            } ents[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
            for (size_t k = 0; k < 5 && !used; k++)
                if (n - i - 1 >= strlen(ents[k].name) &&
                    !strncmp(s + i + 1, ents[k].name, strlen(ents[k].name)))
                    o[(*len)++] = ents[k].c, used = 1 + strlen(ents[k].name);
            if (!used && i + 2 < n && s[i + 1] == '#') {
                char *e;
                cp = s[i + 2] == 'x' ? strtoul(s + i + 3, &e, 16) : strtoul(s + i + 2, &e, 10);
                if (*e == ';' && (size_t)(e - s) < n && cp > 0 && cp < 0x110000) {
                    used = (size_t)(e - (s + i)) + 1;
                    /* (an escape is never shorter than its UTF-8: the room is there) */
                    unsigned char *u = (unsigned char *)o + *len;
                    if (cp < 0x80) {
                        u[0] = (unsigned char)cp, *len += 1;
                    } else if (cp < 0x800) {
                        u[0] = (unsigned char)(0xC0 | cp >> 6);
                        u[1] = (unsigned char)(0x80 | (cp & 63));
                        *len += 2;
                    } else if (cp < 0x10000) {
                        u[0] = (unsigned char)(0xE0 | cp >> 12);
                        u[1] = (unsigned char)(0x80 | (cp >> 6 & 63));
                        u[2] = (unsigned char)(0x80 | (cp & 63));
                        *len += 3;
                    } else {
                        u[0] = (unsigned char)(0xF0 | cp >> 18);
                        u[1] = (unsigned char)(0x80 | (cp >> 12 & 63));
                        u[2] = (unsigned char)(0x80 | (cp >> 6 & 63));
                        u[3] = (unsigned char)(0x80 | (cp & 63));
                        *len += 4;
                    }
                }
            }
        }
        if (used) {
            i += used - 1;
            continue;
        }
        o[(*len)++] = s[i];
    }
    o[*len] = '\0';
    return 0;
}

/* The text of every <t> element between from and to, joined (a shared string's runs). */
static char *texts(const char *from, const char *to)
{
    char *out = NULL;
    size_t len = 0;
    if (append_text(&out, &len, "", 0) != 0) return NULL;
    for (const char *p = from; p && p < to; p++) {
        p = strstr(p, "<t");
        if (!p || p >= to) break;
        if (p[2] != '>' && p[2] != ' ') continue;
        const char *gt = strchr(p, '>');
        if (!gt || gt >= to) break;
        if (gt[-1] == '/') continue; /* <t/> */
        const char *end = strstr(gt, "</t>");
        if (!end || end > to) break;
        if (append_text(&out, &len, gt + 1, (size_t)(end - gt - 1)) != 0) {
            free(out);
            return NULL;
        }
        p = end;
    }
    return out;
}

/* The column of a cell reference ("K12" -> 10), or -1. */
static int column_of(const char *ref)
{
    int c = 0, n = 0;
    while (*ref >= 'A' && *ref <= 'Z' && n < 3) c = c * 26 + (*ref++ - 'A' + 1), n++;
    return n ? c - 1 : -1;
}

int xlsx_review_rows(const char *path, xlsx_row_fn fn, void *ctx, char *why, size_t size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, size, "%s: cannot open", path);
        return -1;
    }
    zipfile z = {0};
    size_t cap = 0;
    for (;;) {
        if (z.len == cap) {
            if (cap >= XLSX_MOST) break;
            unsigned char *d = realloc(z.data, cap = cap ? 2 * cap : 65536);
            if (!d) break;
            z.data = d;
        }
        size_t got = fread(z.data + z.len, 1, cap - z.len, f);
        if (!got) break;
        z.len += got;
    }
    fclose(f);
    int rc = -1;
    size_t n;
    char *book = zip_entry(&z, "xl/workbook.xml", &n);
    char *rels = zip_entry(&z, "xl/_rels/workbook.xml.rels", &n);
    char *shared = zip_entry(&z, "xl/sharedStrings.xml", &n);
    char *sheet = NULL, **strings = NULL;
    size_t nstrings = 0;
    if (!book || !rels) {
        snprintf(why, size, "%s: not a workbook (no xl/workbook.xml)", path);
        goto done;
    }
    /* the sheet named 问题清单 (or Findings), else the first */
    char rid[256] = "", target[600] = "";
    for (const char *p = strstr(book, "<sheet "); p; p = strstr(p + 1, "<sheet ")) {
        char name[256], id[256];
        if (!attr(p, "name", name, sizeof name) || !attr(p, "r:id", id, sizeof id)) continue;
        if (!rid[0] || !strcmp(name, "问题清单") || !strcmp(name, "Findings"))
            snprintf(rid, sizeof rid, "%s", id);
        if (!strcmp(name, "问题清单") || !strcmp(name, "Findings")) break;
    }
    for (const char *p = strstr(rels, "<Relationship "); p && rid[0];
         p = strstr(p + 1, "<Relationship ")) {
        char id[256], t[512];
        if (attr(p, "Id", id, sizeof id) && !strcmp(id, rid) && attr(p, "Target", t, sizeof t)) {
            snprintf(target, sizeof target, "%s%s", t[0] == '/' ? "" : "xl/",
                     t[0] == '/' ? t + 1 : t);
            break;
        }
    }
    if (!target[0] || !(sheet = zip_entry(&z, target, &n))) {
        snprintf(why, size, "%s: its findings sheet cannot be read", path);
        goto done;
    }
    for (const char *p = shared ? strstr(shared, "<si") : NULL; p; p = strstr(p + 1, "<si")) {
        if (p[3] != '>' && p[3] != ' ') continue;
        const char *end = strstr(p, "</si>");
        if (!end) break;
        char **s = realloc(strings, (nstrings + 1) * sizeof *s);
        if (!s) goto oom;
        strings = s;
        if (!(strings[nstrings] = texts(p, end))) goto oom;
        nstrings++;
        p = end;
    }
    /* rows: the first names the columns */
    int cfile = -1, cfp = -1, cverdict = -1;
    size_t rowno = 0;
    for (const char *r = strstr(sheet, "<row"); r; r = strstr(r + 1, "<row")) {
        if (r[4] != '>' && r[4] != ' ') continue;
        const char *rend = strstr(r, "</row>");
        if (!rend) break; /* (an empty row is <row …/>: no cells) */
        char *vals[64] = {0};
        for (const char *c = strstr(r, "<c"); c && c < rend; c = strstr(c + 1, "<c")) {
            if (c[2] != ' ' && c[2] != '>') continue;
            char ref[32] = "", type[32] = "";
            attr(c, "r", ref, sizeof ref);
            attr(c, "t", type, sizeof type);
            int col = column_of(ref);
            const char *gt = strchr(c, '>');
            if (col < 0 || col >= 64 || !gt || gt[-1] == '/') continue;
            const char *cend = strstr(gt, "</c>");
            if (!cend || cend > rend) break;
            char *v = NULL;
            if (!strcmp(type, "inlineStr")) {
                v = texts(gt, cend);
            } else {
                const char *vs = strstr(gt, "<v>");
                const char *ve = vs ? strstr(vs, "</v>") : NULL;
                if (vs && ve && ve < cend) {
                    size_t len = 0;
                    if (!strcmp(type, "s")) {
                        size_t k = (size_t)strtoul(vs + 3, NULL, 10);
                        if (k < nstrings) append_text(&v, &len, strings[k], strlen(strings[k]));
                    } else {
                        append_text(&v, &len, vs + 3, (size_t)(ve - vs - 3));
                    }
                }
            }
            free(vals[col]);
            vals[col] = v;
            c = cend;
        }
        if (rowno++ == 0) {
            for (int k = 0; k < 64; k++) {
                const char *h = vals[k] ? vals[k] : "";
                if (!strcmp(h, "文件") || !strcmp(h, "file")) cfile = k;
                if (!strcmp(h, "指纹") || !strcmp(h, "fingerprint")) cfp = k;
                if (!strcmp(h, "复核结论") || !strcmp(h, "verdict")) cverdict = k;
            }
            if (cfile < 0 || cfp < 0 || cverdict < 0) {
                for (int k = 0; k < 64; k++) free(vals[k]);
                snprintf(why, size, "%s: no 文件, 指纹 and 复核结论 columns in its first row",
                         path);
                goto done;
            }
        } else if (vals[cfile] && vals[cfp]) {
            fn(ctx, vals[cfile], vals[cfp], vals[cverdict] ? vals[cverdict] : "");
        }
        for (int k = 0; k < 64; k++) free(vals[k]);
        r = rend;
    }
    rc = 0;
    goto done;
oom:
    snprintf(why, size, "%s: out of memory", path);
done:
    for (size_t i = 0; i < nstrings; i++) free(strings[i]);
    free(strings);
    free(book), free(rels), free(shared), free(sheet), free(z.data);
    return rc;
}
