/*
 * report_html.c — the review page (check --format html): one self-contained HTML5 file (inline
 * CSS and a small inline script, nothing fetched) with the report's header and what was
 * checked, the findings by severity with filters, the report's text with line numbers and both
 * sides of every finding marked in it, and the bound statistics as the form's own tables
 * coloured by cell status.
 *
 * Uses nianbao.h alone (a renderer any program could write).
 * Must not: compute anything; it only renders what the stages produced (finding where a value
 * stands in its line is presentation, not a check).
 */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- text ------------------------------------------------------------------------------------ */

/* s[0..n) as HTML text or attribute value: & < > " ' escaped, control characters (which HTML
 * does not allow, and which would otherwise vanish: the form feeds of pdftotext's page breaks)
 * shown as their control pictures U+2400.., tabs kept. */
static void put_esc_utf8(FILE *out, const char *s, size_t n)
{
    size_t from = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep;
        char pic[4];
        switch (c) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            if ((c >= 0x20 && c != 0x7f) || c == '\t') continue;
            unsigned cp = c == 0x7f ? 0x2421u : 0x2400u + c;
            pic[0] = (char)(0xE0 | (cp >> 12));
            pic[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
            pic[2] = (char)(0x80 | (cp & 0x3F));
            pic[3] = '\0';
            rep = pic;
        }
        if (i > from) fwrite(s + from, 1, i - from, out);
        fputs(rep, out);
        from = i + 1;
    }
    if (n > from) fwrite(s + from, 1, n - from, out);
}

/* The same for text that should be UTF-8 but may not be (a GBK file name): invalid sequences
 * become U+FFFD, as in the JSON. */
static void put_esc(FILE *out, const char *s, size_t n)
{
    if (!s) return;
    char *fixed;
    size_t len;
    if (nb_utf8_repair(s, n, &fixed, &len) == 1) {
        put_esc_utf8(out, fixed, len);
        free(fixed);
    } else {
        put_esc_utf8(out, s, n);
    }
}

static void put_escz(FILE *out, const char *s)
{
    if (s) put_esc(out, s, strlen(s));
}

void nb_html_text(FILE *out, const char *s)
{
    put_escz(out, s);
}

/* A word usable as a class name: letters, digits, '-' and '_' kept, anything else '_'. */
static void put_class(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        char c = *s;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        fputc(ok ? c : '_', out);
    }
}

static const char *tr(bool en, const char *zh, const char *english)
{
    return en ? english : zh;
}

static const char *severity_label(nb_severity s, bool en)
{
    switch (s) {
    case NB_SEV_ERROR:
        return tr(en, "错误", "error");
    case NB_SEV_WARNING:
        return tr(en, "警告", "warning");
    default:
        return tr(en, "提示", "note");
    }
}

static const char *status_label(nb_status s, bool en)
{
    switch (s) {
    case NB_STATUS_PASS:
        return tr(en, "通过", "passed");
    case NB_STATUS_FAIL:
        return tr(en, "不通过", "failed");
    case NB_STATUS_UNCERTAIN:
        return tr(en, "无法确定", "uncertain");
    default:
        return tr(en, "无法核对", "not assessable");
    }
}

static const char *cell_status_label(const char *status, bool en)
{
    static const char *const names[][3] = {
        {"number", "数字", "number"}, {"zero", "零", "zero"},
        {"blank", "空白", "blank"},   {"not_applicable", "不适用", "not applicable"},
        {"dash", "横线", "dash"},     {"text", "文字", "text"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(status, names[i][0])) return names[i][en ? 2 : 1];
    return status;
}

/* How a form table was laid out in the report (nb_reading_info.layout, docs/json.md). */
static const char *layout_label(const char *layout, bool en)
{
    static const char *const names[][3] = {
        {"rows", "逐行", "a printed row per form row"},
        {"flat", "多行数字印在一行", "several form rows on one printed row"},
        {"apart", "标签与数字分开印", "labels and numbers printed apart"},
        {"runs", "数字成串印出", "values printed in runs"},
    };
    for (size_t i = 0; layout && i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(layout, names[i][0])) return names[i][en ? 2 : 1];
    return layout ? layout : "";
}

/* ---- the findings listed, and what they cite ---------------------------------------------- */

/* A finding as listed: num is its place on the page (id F<num>), from 1. */
typedef struct item {
    const nb_finding *f;
    size_t index; /* in the report */
    size_t num;
    nb_severity sev;
    nb_status st;
    size_t line;
} item;

static int item_cmp(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->sev != y->sev) return x->sev < y->sev ? -1 : 1;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/* An evidence of a listed non-PASS finding. */
typedef struct evid {
    size_t num; /* the finding's */
    nb_status st;
    size_t line;
    const char *value, *text;
    bool labels_cell; /* its text is the label of a bound cell on its line */
    bool other;       /* a line of another report (the year before's): none of this page's */
} evid;

/* What is marked in a line: a value (mark.ev), the phrase or label of an evidence whose value
 * is not in the line (mark.ev-phrase), or the whole line (div.line.ev-line). */
enum { MARK_VALUE, MARK_PHRASE, MARK_LINE };
enum { UNDECIDED, LEADER, MERGED, DROPPED };

typedef struct mark {
    size_t line, start, len;
    int kind;
    size_t num;
    const char *value; /* the evidence's value */
    int state;
} mark;

static int mark_cmp(const void *a, const void *b)
{
    const mark *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->len != y->len) return x->len > y->len ? -1 : 1;
    return x->num < y->num ? -1 : x->num > y->num;
}

typedef struct page {
    const nb_report *r;
    FILE *out;
    bool en;
    const char *lang;
    item *items;
    size_t nitems;
    evid *ev;
    size_t nev;
    mark *marks;
    size_t nmarks, capmarks;
    nb_cell_info *cells;
    size_t ncells;
    bool incomplete; /* out of memory: some marks are missing (said on the page) */
} page;

static void add_mark(page *p, size_t line, size_t start, size_t len, int kind, size_t num,
                     const char *value)
{
    if (p->nmarks == p->capmarks) {
        size_t cap = p->capmarks ? 2 * p->capmarks : 64;
        mark *m = realloc(p->marks, cap * sizeof *m);
        if (!m) {
            p->incomplete = true;
            return;
        }
        p->marks = m;
        p->capmarks = cap;
    }
    p->marks[p->nmarks++] = (mark){line, start, len, kind, num, value, UNDECIDED};
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Where needle first stands in hay at or after from, or (size_t)-1. */
static size_t find(const char *hay, size_t hlen, const char *needle, size_t nlen, size_t from)
{
    if (!nlen || nlen > hlen) return (size_t)-1;
    for (size_t i = from; i + nlen <= hlen; i++)
        if (hay[i] == needle[0] && !memcmp(hay + i, needle, nlen)) return i;
    return (size_t)-1;
}

/* Where value stands in the line at or after from as a whole figure: a value that begins or
 * ends with a digit is not taken out of a longer number ("0" is not the 0 of "10" or "0.5"). */
static size_t find_value(const char *s, size_t len, const char *v, size_t vlen, size_t from)
{
    for (size_t at = find(s, len, v, vlen, from); at != (size_t)-1;
         at = find(s, len, v, vlen, at + 1)) {
        if (is_digit(v[0]) && at > 0 &&
            (is_digit(s[at - 1]) || (s[at - 1] == '.' && at > 1 && is_digit(s[at - 2]))))
            continue;
        size_t end = at + vlen;
        if (is_digit(v[vlen - 1]) && end < len &&
            (is_digit(s[end]) || (s[end] == '.' && end + 1 < len && is_digit(s[end + 1]))))
            continue;
        return at;
    }
    return (size_t)-1;
}

/* Where an evidence's label or phrase stands in the line: the whole text, else its row label
 * without the column in brackets ("四、结转下年度继续办理（总计）"). */
static size_t find_anchor(const char *s, size_t len, const char *text)
{
    size_t tlen = strlen(text);
    size_t at = find(s, len, text, tlen, 0);
    if (at != (size_t)-1) return at;
    const char *br = strstr(text, "\xEF\xBC\x88"); /* （ */
    if (!br) br = strchr(text, '(');
    if (br && br > text) return find(s, len, text, (size_t)(br - text), 0);
    return (size_t)-1;
}

/* The marks of one evidence (or of a finding's own line when it cites none): its value where
 * it first stands after its label or phrase, passing over the `skip` figures of the same value
 * that the cells of the row before it printed (a row of a table: "| 二、上年结转 | 2 | 0 | … |
 * 2 |", the total is the second 2); else where it first stands in the line; else the line. */
static void mark_evidence(page *p, size_t num, size_t line, const char *value, const char *text,
                          size_t skip)
{
    size_t len;
    const char *s = nb_report_line(p->r, line, &len);
    if (!s) return;
    size_t vlen = strlen(value), tlen = strlen(text);
    if (vlen) {
        size_t anchor = tlen ? find_anchor(s, len, text) : (size_t)-1;
        size_t at = anchor != (size_t)-1 ? find_value(s, len, value, vlen, anchor) : (size_t)-1;
        for (size_t k = 0, next; k < skip && at != (size_t)-1; k++, at = next)
            if ((next = find_value(s, len, value, vlen, at + vlen)) == (size_t)-1) break;
        if (at == (size_t)-1) at = find_value(s, len, value, vlen, 0);
        if (at != (size_t)-1) {
            add_mark(p, line, at, vlen, MARK_VALUE, num, value);
            return;
        }
    }
    add_mark(p, line, 0, 0, MARK_LINE, num, value);
    size_t at = tlen ? find(s, len, text, tlen, 0) : (size_t)-1;
    if (at != (size_t)-1) add_mark(p, line, at, tlen, MARK_PHRASE, num, value);
}

/* Whether the evidence text is cell c's label: its row, or "row（column）". */
static bool labels(const char *text, const nb_cell_info *c)
{
    size_t rl = strlen(c->row);
    if (strncmp(text, c->row, rl)) return false;
    if (!text[rl]) return true;
    if (!c->column) return false;
    const char *t = text + rl;
    size_t cl = strlen(c->column);
    return !strncmp(t, "\xEF\xBC\x88", 3) && !strncmp(t + 3, c->column, cl) &&
           !strcmp(t + 3 + cl, "\xEF\xBC\x89");
}

/* Whether evidence e cites cell c: on its line, with its value, and by its label unless that
 * names no cell of the line. */
static bool cites(const evid *e, const nb_cell_info *c)
{
    if (e->other || e->line != c->line) return false;
    if (e->labels_cell && !labels(e->text, c)) return false;
    return !strcmp(e->value, c->raw) || (c->has_value && !strcmp(e->value, c->value));
}

/* Collects the findings to list (in page order) and the evidence and marks of the non-PASS
 * ones. */
static void collect(page *p, unsigned flags)
{
    const nb_finding *f;
    size_t n = 0, nev = 0;
    bool show_pass = flags & NB_RENDER_SHOW_PASS;
    for (size_t i = 0; (f = nb_report_finding(p->r, i)); i++) {
        if (nb_finding_status(f) == NB_STATUS_PASS && !show_pass) continue;
        if (nb_finding_review(f) == NB_REVIEW_IGNORED) continue; /* (--ignore: not listed) */
        n++;
        if (nb_finding_status(f) != NB_STATUS_PASS) nev += nb_finding_evidence_count(f);
    }
    p->items = n ? calloc(n, sizeof *p->items) : NULL;
    p->ev = nev ? calloc(nev, sizeof *p->ev) : NULL;
    if ((n && !p->items) || (nev && !p->ev)) {
        p->incomplete = true;
        return;
    }
    for (size_t i = 0; (f = nb_report_finding(p->r, i)); i++) {
        nb_status st = nb_finding_status(f);
        if (st == NB_STATUS_PASS && !show_pass) continue;
        if (nb_finding_review(f) == NB_REVIEW_IGNORED) continue;
        p->items[p->nitems++] = (item){f, i, 0, nb_finding_severity(f), st, nb_finding_line(f)};
    }
    if (p->nitems)
        qsort(p->items, p->nitems, sizeof *p->items,
              item_cmp); /* (qsort takes no NULL, even for none) */
    size_t nlines = nb_report_line_count(p->r);
    for (size_t k = 0; k < p->nitems; k++) {
        item *it = &p->items[k];
        it->num = k + 1;
        if (it->st == NB_STATUS_PASS) continue;
        size_t ne = nb_finding_evidence_count(it->f);
        for (size_t e = 0; e < ne; e++) {
            evid *v = &p->ev[p->nev++];
            v->num = it->num;
            v->st = it->st;
            v->line = nb_finding_evidence(it->f, e, &v->value, &v->text);
            v->other = nb_finding_evidence_file(it->f, e) != NULL;
            size_t skip = 0; /* the cells of its row before it on the line, of its value */
            for (size_t c = 0; c < p->ncells && !v->labels_cell && !v->other; c++) {
                const nb_cell_info *cell = &p->cells[c];
                if (cell->line != v->line || !labels(v->text, cell)) continue;
                v->labels_cell = true;
                for (size_t b = 0; b < c; b++)
                    skip += p->cells[b].line == v->line && !strcmp(p->cells[b].row, cell->row) &&
                            !strcmp(p->cells[b].raw, v->value);
            }
            /* (a line of another report, year against year, is not this text's) */
            if (v->line >= 1 && v->line <= nlines && !v->other)
                mark_evidence(p, it->num, v->line, v->value, v->text, skip);
        }
        if (!ne && it->line >= 1 && it->line <= nlines)
            add_mark(p, it->line, 0, 0, MARK_LINE, it->num, "");
    }
    if (p->nmarks) qsort(p->marks, p->nmarks, sizeof *p->marks, mark_cmp);
}

/* ---- the page ---------------------------------------------------------------------------- */

static const char STYLE[] =
    ":root{--err:#b3261e;--err-bg:#fde7e4;--warn:#8a5300;--warn-bg:#fff0d4;--info:#1a5fb4;"
    "--info-bg:#e4efff;--pass:#2e7d32;--pass-bg:#e6f4e7;--fg:#1d1d1f;--mute:#5f6368;"
    "--rule:#dcdcdc;--paper:#fff}\n"
    "*{box-sizing:border-box}\n"
    "html{scroll-padding-top:48px}\n"
    "body{margin:0;background:#f4f4f1;color:var(--fg);font:15px/1.6 'Noto Sans CJK SC',"
    "'Source Han Sans SC','WenQuanYi Micro Hei','PingFang SC','Microsoft YaHei',sans-serif}\n"
    "a{color:#1a4f9c}\n"
    "header.top{background:var(--paper);border-bottom:1px solid var(--rule);padding:18px 24px}\n"
    "h1{font-size:22px;line-height:1.35;margin:0 0 10px}\n"
    "h2{font-size:18px;margin:0 0 10px}h3{font-size:16px;margin:18px 0 6px}\n"
    "dl.meta{display:grid;grid-template-columns:max-content 1fr max-content 1fr;gap:2px 14px;"
    "margin:0 0 12px;font-size:14px}\n"
    "dl.meta dt{color:var(--mute)}dl.meta dd{margin:0;overflow-wrap:anywhere}\n"
    ".cov{display:flex;flex-wrap:wrap;gap:10px 28px;font-size:14px;align-items:baseline}\n"
    ".cov h2{font-size:15px;margin:0}.cov ul{margin:0;padding-left:18px}\n"
    ".tally{display:flex;gap:8px;flex-wrap:wrap}\n"
    ".tally span,.badge{display:inline-block;border:1px solid;border-radius:3px;padding:0 6px;"
    "font-size:13px;line-height:1.6;white-space:nowrap}\n"
    ".t-error,.badge.sev-error{color:var(--err);background:var(--err-bg)}\n"
    ".t-warning,.badge.sev-warning{color:var(--warn);background:var(--warn-bg)}\n"
    ".t-info,.badge.sev-info{color:var(--info);background:var(--info-bg)}\n"
    ".badge.st{color:var(--mute);background:#fff}.badge.st-PASS{color:var(--pass)}\n"
    ".low{color:var(--warn)}.notread{color:var(--err)}\n"
    "nav.toc{position:sticky;top:0;z-index:3;background:var(--paper);border-bottom:1px solid "
    "var(--rule);padding:6px 24px;font-size:14px}\n"
    "nav.toc a{margin-right:18px;text-decoration:none}\n"
    "main{display:grid;grid-template-columns:minmax(300px,5fr) 7fr;gap:18px;padding:16px 24px;"
    "align-items:start}\n"
    "section.pane{background:var(--paper);border:1px solid var(--rule);border-radius:4px;"
    "padding:14px 16px}\n"
    "#findings{position:sticky;top:44px;max-height:calc(100vh - 60px);overflow:auto}\n"
    "#filters{display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center;font-size:14px;"
    "margin:0 0 10px;padding:6px 8px;background:#f7f7f5;border-radius:3px}\n"
    "#filters[hidden]{display:none}#filters select{max-width:16em}\n"
    "ol.findings{list-style:none;margin:0;padding:0}\n"
    "li.finding{border:1px solid var(--rule);border-left:5px solid var(--info);border-radius:3px;"
    "padding:6px 10px;margin:0 0 8px}\n"
    "li.finding.reviewed{opacity:.6}\n"
    "li.finding.sev-error{border-left-color:var(--err)}li.finding.sev-warning{border-left-color:"
    "var(--warn)}li.finding.status-PASS{border-left-color:var(--pass)}\n"
    "li.finding:target{outline:2px solid #1a4f9c}li.finding[hidden]{display:none}\n"
    ".fh{display:flex;flex-wrap:wrap;gap:4px 8px;align-items:baseline;font-size:13px}\n"
    ".fh .num{font-weight:bold}.fh code{color:var(--mute)}\n"
    ".msg{margin:4px 0}\n"
    "ul.evidence{margin:2px 0 0;padding-left:18px;font-size:13px;color:var(--mute)}\n"
    "ul.evidence b{color:var(--fg);background:#fff3b0;padding:0 3px}\n"
    ".none{color:var(--mute);font-style:italic}\n"
    ".legend{font-size:13px;color:var(--mute);margin:0 0 8px}\n"
    ".text{font-family:'WenQuanYi Micro Hei Mono','Noto Sans Mono CJK SC','Sarasa Mono SC',"
    "monospace;font-size:14px;line-height:1.55}\n"
    ".line{display:flex;align-items:flex-start;border-left:3px solid transparent}\n"
    ".line:target{background:#fffbd0;border-left-color:#1a4f9c}\n"
    ".ln{flex:0 0 3.6em;text-align:right;padding-right:10px;color:#9aa0a6;user-select:none}\n"
    ".tx{flex:1 1 auto;min-width:0;white-space:pre-wrap;overflow-wrap:anywhere;min-height:1.55em}\n"
    ".fr{flex:0 0 auto;margin-left:8px;font-size:12px;white-space:nowrap}\n"
    ".fr a{margin-left:3px}\n"
    ".line.ev-line,.k-line{background:#fff8e8;border-left:3px solid var(--warn)}\n"
    ".k-line{padding:0 4px}\n"
    "mark{color:inherit;border-radius:2px;padding:0 1px;cursor:pointer}\n"
    "mark.ev,.k-ev{background:#ffe27a;border-bottom:2px solid var(--warn);font-weight:bold}\n"
    "mark.ev.sev-error{background:#ffcdc6;border-bottom-color:var(--err)}\n"
    "mark.ev-phrase,.k-phrase{background:none;border-bottom:2px dashed var(--warn)}\n"
    "mark[data-finding]::after{content:attr(data-finding);font-size:10px;font-weight:normal;"
    "vertical-align:super;color:var(--mute);margin-left:2px}\n"
    "mark.off,.line.ev-line.off{background:none;border-bottom-style:dotted;font-weight:normal}\n"
    ".line.ev-line.off{border-left-color:transparent}\n"
    "#stats{margin:0 24px 24px}\n"
    "table.form{border-collapse:collapse;margin:4px 0 12px;font-size:13px;background:#fff}\n"
    "table.form th,table.form td{border:1px solid #c9c9c9;padding:2px 6px;vertical-align:top}\n"
    "table.form thead th{background:#f0f0ec;font-weight:normal}\n"
    "table.form th[scope=row]{text-align:left;font-weight:normal;max-width:26em}\n"
    "table.form small{color:var(--mute)}\n"
    "td.cell{text-align:right;white-space:nowrap;min-width:3em}td.cell a{color:inherit;"
    "text-decoration:none;display:block}\n"
    ".cell.zero{color:#8a8a8a}.cell.number{color:#111}\n"
    ".cell.blank,.cell.not_applicable,.cell.dash{background:#eeeeee;color:#666}\n"
    ".cell.text{background:#eef3ff}\n"
    ".missing{background:repeating-linear-gradient(45deg,#fafafa,#fafafa 4px,#efefef 4px,"
    "#efefef 8px)}\n"
    ".cell.unsure{font-style:italic;outline:1px dashed #888;outline-offset:-3px}\n"
    ".cell.cell-uncertain{background:var(--warn-bg);color:var(--warn);font-weight:bold}\n"
    ".cell.cell-fail{background:var(--err-bg);color:var(--err);font-weight:bold;box-shadow:inset 0 "
    "0 0 2px var(--err)}\n"
    ".key{display:inline-block;padding:0 6px;margin-right:6px;border:1px solid #c9c9c9}\n"
    "@media (max-width:900px){main{display:block}#findings{position:static;max-height:none;"
    "margin-bottom:16px}}\n"
    "@media print{body{background:#fff;font-size:10.5pt}*{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}nav.toc,#filters,.fr{display:none!important}main{display:block;"
    "padding:0}#findings{position:static;max-height:none;overflow:visible;margin-bottom:12px}"
    "section.pane,header.top{border:0;padding:0 0 8px}#stats{margin:0}"
    "li.finding[hidden]{display:block!important}li.finding{break-inside:avoid}"
    "a{color:inherit;text-decoration:none}.line{break-inside:avoid}"
    "mark.ev,mark.off{background:none;border:1px solid #000;border-bottom:2px solid #000;"
    "font-weight:bold}mark.ev-phrase{border-bottom:1px dashed #000}"
    ".line.ev-line,.line.ev-line.off{background:none;border-left:3px double #000}"
    ".cell-fail{border:2px solid #000!important;text-decoration:underline}"
    ".cell-uncertain{border:2px dashed #000!important}tr{break-inside:avoid}}\n";

/* The filters: findings of the severities ticked and the rule chosen are shown, and the marks
 * of the findings hidden fade. The page reads the same without it. */
static const char SCRIPT[] =
    "(function(){var f=document.getElementById('filters');if(!f)return;f.hidden=false;\n"
    "var items=[].slice.call(document.querySelectorAll('li.finding'));\n"
    "var marks=[].slice.call(document.querySelectorAll('mark[data-finding],"
    ".line[data-finding]'));\n"
    "var shown=document.getElementById('shown');\n"
    "function apply(){var sev={};[].forEach.call(f.querySelectorAll('input[name=sev]'),"
    "function(c){sev[c.value]=c.checked;});\n"
    "var rule=f.querySelector('select').value,vis={},k=0;\n"
    "items.forEach(function(li){var on=sev[li.getAttribute('data-severity')]!==false&&"
    "(!rule||li.getAttribute('data-rule')===rule);li.hidden=!on;if(on){vis[li.id]=1;k++;}});\n"
    "if(shown)shown.textContent=k;\n"
    "marks.forEach(function(m){var on=m.getAttribute('data-finding').split(' ').some("
    "function(id){return vis[id];});m.classList.toggle('off',!on);});}\n"
    "f.addEventListener('change',apply);\n"
    "document.addEventListener('click',function(e){var m=e.target.closest&&"
    "e.target.closest('mark[data-finding]');if(m)location.hash='#'+"
    "m.getAttribute('data-finding').split(' ')[0];});\n"
    "apply();})();\n";

static void put_line_link(page *p, size_t line)
{
    if (line >= 1 && line <= nb_report_line_count(p->r))
        fprintf(p->out, "<a href=\"#L%zu\">%s%zu%s</a>", line, tr(p->en, "第", "line "), line,
                tr(p->en, "行", ""));
    else if (line)
        fprintf(p->out, "%s%zu%s", tr(p->en, "第", "line "), line, tr(p->en, "行", ""));
    else
        fputs(tr(p->en, "全文", "whole report"), p->out);
}

static void write_header(page *p, const nb_check_counts *c)
{
    FILE *out = p->out;
    bool en = p->en;
    size_t title_line;
    const char *title = nb_report_title(p->r, &title_line);
    fputs("<header class=\"top\">\n<h1>", out);
    put_escz(out, title && title[0] ? title : nb_report_file(p->r));
    fputs("</h1>\n<dl class=\"meta\">\n", out);
    fprintf(out, "<dt>%s</dt><dd>", tr(en, "机关", "Agency"));
    if (nb_report_agency(p->r)[0])
        put_escz(out, nb_report_agency(p->r));
    else
        fprintf(out, "<span class=\"none\">%s</span>", tr(en, "未识别", "unknown"));
    fprintf(out, "</dd>\n<dt>%s</dt><dd>", tr(en, "年度", "Year"));
    if (nb_report_year(p->r))
        put_escz(out, nb_report_year(p->r));
    else
        fprintf(out, "<span class=\"none\">%s</span>", tr(en, "未识别", "unknown"));
    int y, m, d;
    size_t date_line = nb_report_date(p->r, &y, &m, &d);
    fprintf(out, "</dd>\n<dt>%s</dt><dd>", tr(en, "成文日期", "Date"));
    if (date_line) {
        fprintf(out, "%04d-%02d-%02d%s", y, m, d, tr(en, "（", " ("));
        put_line_link(p, date_line);
        fputs(tr(en, "）", ")"), out);
    } else {
        fprintf(out, "<span class=\"none\">%s</span>", tr(en, "未识别", "unknown"));
    }
    fprintf(out, "</dd>\n<dt>%s</dt><dd>", tr(en, "统计表样式", "Form"));
    if (nb_report_form(p->r))
        put_escz(out, nb_report_form(p->r));
    else
        fprintf(out, "<span class=\"notread\">%s</span>",
                tr(en, "未识别出统计表", "no statistics form recognized"));
    fprintf(out, "</dd>\n<dt>%s</dt><dd>", tr(en, "文件", "File"));
    put_escz(out, nb_report_file(p->r));
    fprintf(out, "</dd>\n<dt>%s</dt><dd>", tr(en, "编码", "Encoding"));
    put_escz(out, nb_encoding_name(nb_report_encoding(p->r)));
    if (nb_report_encoding_close(p->r))
        fprintf(out, " <span class=\"low\">%s</span>",
                tr(en, "（与 GB18030/Big5 难以区分）", "(a close call between GB18030 and Big5)"));
    fprintf(out, tr(en, "，%zu 行，%zu 字节", ", %zu lines, %zu bytes"), nb_report_line_count(p->r),
            nb_report_input_bytes(p->r));
    size_t nw = nb_report_warning_count(p->r) + nb_report_warnings_dropped(p->r);
    if (nw)
        fprintf(out,
                tr(en, "；<span class=\"low\">%zu 处无法解码的字节已替换</span>",
                   "; <span class=\"low\">%zu undecodable byte sequences replaced</span>"),
                nw);
    fputs("</dd>\n</dl>\n", out);

    /* what was checked */
    fprintf(out, "<div class=\"cov\" id=\"coverage\">\n<h2>%s</h2>\n",
            tr(en, "核对覆盖", "Coverage"));
    if (!nb_report_checked(p->r)) {
        fprintf(out, "<span class=\"notread\">%s</span>\n",
                tr(en, "未核对", "the report was not checked"));
    } else if (!nb_report_form(p->r)) {
        fprintf(out, "<span class=\"notread\">%s</span>\n",
                tr(en, "未识别出统计表，统计数据均未核对",
                   "no statistics form recognized: none of the statistics was checked"));
    } else {
        fprintf(out,
                tr(en, "<span>统计表校验核对了 <b>%zu</b>/%zu 项</span>\n",
                   "<span>statistics checks made: <b>%zu</b> of %zu</span>\n"),
                c->rules_made, c->rules);
        fprintf(out,
                tr(en, "<span>正文数字比对了 <b>%zu</b>/%zu 项</span>\n",
                   "<span>prose figures compared: <b>%zu</b> of %zu</span>\n"),
                c->figures_made, c->figures);
        fprintf(out,
                tr(en, "<span>统计表找到 <b>%zu</b>/%zu 张，可靠读出 %zu 张</span>\n",
                   "<span>tables found: <b>%zu</b> of %zu, read with confidence: %zu</span>\n"),
                c->tables_found, c->tables, c->tables_confident);
        fputs("<ul>\n", out);
        for (size_t k = 0; k < c->tables; k++) {
            const char *ttitle, *conf;
            const char *id = nb_report_table_coverage(p->r, k, &ttitle, &conf);
            fputs("<li><a href=\"#T-", out);
            put_class(out, id);
            fputs("\">", out);
            put_escz(out, id);
            fputs("</a> ", out);
            put_escz(out, ttitle);
            fputs(tr(en, "：", ": "), out);
            if (!conf)
                fprintf(out, "<span class=\"notread\">%s</span>", tr(en, "未读出", "not read"));
            else if (!strcmp(conf, "high"))
                fputs(tr(en, "已读出", "read"), out);
            else
                fprintf(out, "<span class=\"low\">%s</span>",
                        tr(en, "读出但不可靠", "read with low confidence"));
            fputs("</li>\n", out);
        }
        fputs("</ul>\n", out);
    }
    fprintf(out, "<div class=\"tally\">");
    fprintf(out,
            tr(en, "<span class=\"t-error\">%zu 个错误%s</span>",
               "<span class=\"t-error\">%zu error%s</span>"),
            c->errors, en && c->errors != 1 ? "s" : "");
    fprintf(out,
            tr(en, "<span class=\"t-warning\">%zu 个警告%s</span>",
               "<span class=\"t-warning\">%zu warning%s</span>"),
            c->warnings, en && c->warnings != 1 ? "s" : "");
    fprintf(out,
            tr(en, "<span class=\"t-info\">%zu 个提示%s</span>",
               "<span class=\"t-info\">%zu note%s</span>"),
            c->infos, en && c->infos != 1 ? "s" : "");
    fprintf(
        out,
        tr(en,
           "<span class=\"st\">通过 %zu 项，不通过 %zu 项，无法确定 %zu 项，无法核对 %zu "
           "项</span>",
           "<span class=\"st\">%zu passed, %zu failed, %zu uncertain, %zu not assessable</span>"),
        c->pass, c->fail, c->uncertain, c->not_assessable);
    fputs("</div>\n</div>\n</header>\n", out);
}

/* A list of findings as "F1 F3" from their numbers nums[0..n) (sorted), each once. */
static void put_nums(FILE *out, const size_t *nums, size_t n)
{
    size_t last = 0;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (nums[i] == last) continue;
        fprintf(out, first ? "F%zu" : " F%zu", nums[i]);
        first = false;
        last = nums[i];
    }
}

static int size_cmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void write_findings(page *p)
{
    FILE *out = p->out;
    bool en = p->en;
    fprintf(out, "<section class=\"pane\" id=\"findings\">\n<h2>%s",
            tr(en, "问题清单", "Findings"));
    fprintf(out,
            tr(en, " <small>（显示 <span id=\"shown\">%zu</span>/%zu 条）</small>",
               " <small>(<span id=\"shown\">%zu</span> of %zu shown)</small>"),
            p->nitems, p->nitems);
    fputs("</h2>\n", out);
    if (!p->nitems) {
        fprintf(out, "<p class=\"none\">%s</p>\n</section>\n",
                !nb_report_checked(p->r) ? tr(en, "未核对。", "Not checked.")
                                         : tr(en, "未发现问题。", "No findings."));
        return;
    }
    /* the filters: hidden until the script shows them */
    size_t nsev[3] = {0, 0, 0};
    for (size_t i = 0; i < p->nitems; i++)
        if (p->items[i].sev <= NB_SEV_INFO) nsev[p->items[i].sev]++;
    fputs("<form id=\"filters\" hidden>\n", out);
    static const nb_severity sevs[] = {NB_SEV_ERROR, NB_SEV_WARNING, NB_SEV_INFO};
    for (size_t s = 0; s < 3; s++)
        fprintf(out,
                "<label><input type=\"checkbox\" name=\"sev\" value=\"%s\" checked> %s "
                "(%zu)</label>\n",
                nb_severity_name(sevs[s]), severity_label(sevs[s], en), nsev[s]);
    fprintf(out, "<label>%s <select name=\"rule\"><option value=\"\">%s</option>\n",
            tr(en, "规则", "Rule"), tr(en, "全部规则", "all rules"));
    /* the rules, each once, in alphabetical order */
    const char **rules = malloc(p->nitems * sizeof *rules);
    if (rules) {
        size_t nr = 0;
        for (size_t i = 0; i < p->nitems; i++) rules[nr++] = nb_finding_rule(p->items[i].f);
        if (nr) qsort(rules, nr, sizeof *rules, str_cmp);
        for (size_t i = 0; i < nr;) {
            size_t j = i;
            while (j < nr && !strcmp(rules[j], rules[i])) j++;
            fputs("<option value=\"", out);
            put_escz(out, rules[i]);
            fputs("\">", out);
            put_escz(out, rules[i]);
            fprintf(out, " (%zu)</option>\n", j - i);
            i = j;
        }
        free(rules);
    }
    fputs("</select></label>\n</form>\n<ol class=\"findings\">\n", out);
    for (size_t i = 0; i < p->nitems; i++) {
        const item *it = &p->items[i];
        const char *sev = nb_severity_name(it->sev), *st = nb_status_name(it->st);
        bool reviewed = nb_finding_review(it->f) == NB_REVIEW_REVIEWED;
        fprintf(out, "<li class=\"finding sev-%s status-%s%s\" id=\"F%zu\" data-rule=\"", sev, st,
                reviewed ? " reviewed" : "", it->num);
        put_escz(out, nb_finding_rule(it->f));
        fprintf(out, "\" data-severity=\"%s\" data-line=\"%zu\">\n", sev, it->line);
        fprintf(out, "<div class=\"fh\"><span class=\"num\">F%zu</span>", it->num);
        if (it->st == NB_STATUS_PASS)
            fprintf(out, "<span class=\"badge st st-PASS\">%s</span>", status_label(it->st, en));
        else
            fprintf(
                out,
                "<span class=\"badge sev-%s\">%s</span><span class=\"badge st st-%s\">%s</span>",
                sev, severity_label(it->sev, en), st, status_label(it->st, en));
        if (reviewed) /* (a baseline holds it: judged by a reviewer already) */
            fprintf(out, "<span class=\"badge st-reviewed\">%s</span>", en ? "reviewed" : "已复核");
        fputs("<span class=\"loc\">", out);
        put_line_link(p, it->line);
        fputs("</span><code class=\"rule\">", out);
        put_escz(out, nb_finding_rule(it->f));
        fputs("</code></div>\n<p class=\"msg\">", out);
        put_escz(out, nb_finding_message(it->f, p->lang));
        fputs("</p>\n", out);
        size_t ne = nb_finding_evidence_count(it->f);
        if (ne) {
            fputs("<ul class=\"evidence\">\n", out);
            for (size_t k = 0; k < ne; k++) {
                const char *value, *text;
                size_t line = nb_finding_evidence(it->f, k, &value, &text);
                const char *other = nb_finding_evidence_file(it->f, k);
                fputs("<li>", out);
                if (other) { /* the year before's report: named, not linked */
                    fputs("<span class=\"other\">", out);
                    put_escz(out, other);
                    fprintf(out, p->en ? ", line %zu</span>" : " 第%zu行</span>", line);
                } else {
                    put_line_link(p, line);
                }
                if (value[0]) {
                    fputs(" <b class=\"v\">", out);
                    put_escz(out, value);
                    fputs("</b>", out);
                }
                if (text[0]) {
                    fputs(" <span class=\"t\">", out);
                    put_escz(out, text);
                    fputs("</span>", out);
                }
                fputs("</li>\n", out);
            }
            fputs("</ul>\n", out);
        }
        fputs("</li>\n", out);
    }
    fputs("</ol>\n</section>\n", out);
}

/* The most severe finding among nums (for the colour of a mark). */
static nb_severity worst(const page *p, const size_t *nums, size_t n)
{
    nb_severity s = NB_SEV_INFO;
    for (size_t i = 0; i < n; i++)
        if (nums[i] >= 1 && nums[i] <= p->nitems && p->items[nums[i] - 1].sev < s)
            s = p->items[nums[i] - 1].sev;
    return s;
}

/* One line of the text with its marks m[0..n) (sorted by kind, start, length, finding): the
 * value marks that do not overlap an earlier one are kept (those of the same place are one
 * mark naming all their findings), then the phrase marks that overlap none kept; the findings
 * of a value mark that could not be kept mark the whole line instead. */
static void write_line(page *p, size_t lineno, mark *m, size_t n, size_t *buf)
{
    FILE *out = p->out;
    size_t len;
    const char *s = nb_report_line(p->r, lineno, &len);
    if (!s) s = "", len = 0;
    for (size_t kind = MARK_VALUE; kind <= MARK_PHRASE; kind++) {
        size_t lead = (size_t)-1;
        for (size_t i = 0; i < n; i++) {
            if (m[i].kind != (int)kind) continue;
            if (lead != (size_t)-1 && m[lead].kind == m[i].kind && m[lead].start == m[i].start &&
                m[lead].len == m[i].len) {
                m[i].state = MERGED;
                continue;
            }
            bool clash = false;
            for (size_t j = 0; j < n && !clash; j++)
                clash = m[j].state == LEADER && m[i].start < m[j].start + m[j].len &&
                        m[j].start < m[i].start + m[i].len;
            m[i].state = clash ? DROPPED : LEADER;
            if (!clash) lead = i;
        }
    }
    /* the findings that mark the whole line, and all the findings of the line */
    size_t nl = 0, na = 0;
    for (size_t i = 0; i < n; i++)
        if (m[i].kind == MARK_LINE || (m[i].kind == MARK_VALUE && m[i].state == DROPPED))
            buf[nl++] = m[i].num;
    if (nl) qsort(buf, nl, sizeof *buf, size_cmp);
    size_t *all = buf ? buf + nl : NULL; /* (no mark on the page: no buffer either) */
    for (size_t i = 0; i < n; i++) all[na++] = m[i].num;
    if (na) qsort(all, na, sizeof *all, size_cmp);

    fprintf(out, "<div class=\"line%s\" id=\"L%zu\"", nl ? " ev-line" : "", lineno);
    if (nl) {
        fputs(" data-finding=\"", out);
        put_nums(out, buf, nl);
        fputc('"', out);
    }
    fprintf(out, "><span class=\"ln\">%zu</span><span class=\"tx\">", lineno);
    /* the kept marks in the order of the text */
    size_t at = 0;
    for (;;) {
        size_t next = (size_t)-1;
        for (size_t i = 0; i < n; i++)
            if (m[i].state == LEADER && m[i].start >= at &&
                (next == (size_t)-1 || m[i].start < m[next].start))
                next = i;
        if (next == (size_t)-1) break;
        const mark *k = &m[next];
        put_esc(out, s + at, k->start - at);
        size_t nn = 0, *nums = all + na; /* after `all`: room for n more */
        for (size_t i = next; i < n && (i == next || m[i].state == MERGED) &&
                              m[i].start == k->start && m[i].len == k->len && m[i].kind == k->kind;
             i++)
            nums[nn++] = m[i].num;
        fprintf(out, "<mark class=\"%s sev-%s\" data-finding=\"",
                k->kind == MARK_VALUE ? "ev" : "ev-phrase", nb_severity_name(worst(p, nums, nn)));
        put_nums(out, nums, nn);
        fputs("\" data-value=\"", out);
        put_escz(out, k->value); /* for a phrase, the value it stands for */
        fputs("\" title=\"", out);
        for (size_t i = 0; i < nn; i++) {
            if (i && nums[i] == nums[i - 1]) continue;
            if (i) fputs("&#10;", out); /* one line of the file per line of text */
            fprintf(out, "F%zu: ", nums[i]);
            put_escz(out, nb_finding_message(p->items[nums[i] - 1].f, p->lang));
        }
        fputs("\">", out);
        put_esc(out, s + k->start, k->len);
        fputs("</mark>", out);
        at = k->start + k->len;
    }
    put_esc(out, s + at, len - at);
    fputs("</span>", out);
    if (na) {
        fputs("<span class=\"fr\">", out);
        for (size_t i = 0; i < na; i++)
            if (!i || all[i] != all[i - 1])
                fprintf(out, "<a href=\"#F%zu\">F%zu</a>", all[i], all[i]);
        fputs("</span>", out);
    }
    fputs("</div>\n", out);
}

static void write_text(page *p)
{
    FILE *out = p->out;
    bool en = p->en;
    size_t nlines = nb_report_line_count(p->r);
    fprintf(out, "<section class=\"pane\" id=\"text\">\n<h2>%s <small>",
            tr(en, "报告原文", "Report text"));
    fprintf(out, tr(en, "（%zu 行）", "(%zu lines)"), nlines);
    fputs("</small></h2>\n", out);
    fprintf(out,
            "<p class=\"legend\">%s <span class=\"k-ev\">98</span> %s <span "
            "class=\"k-phrase\">%s</span> %s <span class=\"k-line\">%s</span></p>\n",
            tr(en, "标记：", "Marked:"), tr(en, "问题所涉数值；", "a value a finding cites;"),
            tr(en, "短语", "phrase"),
            tr(en, "数值未照原样出现时的短语或标签；",
               "a phrase or label whose value is not printed as such;"),
            tr(en, "整行涉及问题", "a line cited as a whole"));
    size_t *buf = p->nmarks ? malloc(3 * p->nmarks * sizeof *buf) : NULL;
    if (p->nmarks && !buf) p->incomplete = true;
    fputs("<div class=\"text\">\n", out);
    size_t mi = 0;
    for (size_t line = 1; line <= nlines; line++) {
        while (mi < p->nmarks && p->marks[mi].line < line) mi++;
        size_t mj = mi;
        while (mj < p->nmarks && p->marks[mj].line == line) mj++;
        /* (no mark at all: no array to point into) */
        write_line(p, line, p->marks ? p->marks + mi : NULL, buf ? mj - mi : 0, buf);
        mi = mj;
    }
    fputs("</div>\n</section>\n", out);
    free(buf);
}

static bool same_column(const char *a, const char *b)
{
    return a == b || (a && b && !strcmp(a, b));
}

/* A bound cell as a table cell: its value as printed, coloured by status and by the findings
 * that cite it, linked to its line. */
static void write_cell(page *p, const nb_cell_info *cell, size_t *nums)
{
    FILE *out = p->out;
    bool fail = false, uncertain = false;
    size_t n = 0;
    for (size_t e = 0; e < p->nev; e++) {
        if (!cites(&p->ev[e], cell)) continue;
        nums[n++] = p->ev[e].num;
        fail |= p->ev[e].st == NB_STATUS_FAIL;
        uncertain |= p->ev[e].st == NB_STATUS_UNCERTAIN;
    }
    fputs("<td class=\"cell ", out);
    put_class(out, cell->status);
    if (fail) fputs(" cell-fail", out);
    if (uncertain) fputs(" cell-uncertain", out);
    if (cell->unsure) fputs(" unsure", out);
    fputs("\" data-cell=\"", out);
    put_escz(out, cell->id);
    fputc('"', out);
    if (n) {
        qsort(nums, n, sizeof *nums, size_cmp);
        fputs(" data-finding=\"", out);
        put_nums(out, nums, n);
        fputc('"', out);
    }
    fputs(" title=\"", out);
    put_escz(out, cell->id);
    fputs(" · ", out);
    put_escz(out, cell_status_label(cell->status, p->en));
    if (cell->unsure) fputs(tr(p->en, " · 按位置推定", " · placed by position"), out);
    fputs("\">", out);
    bool link = cell->line >= 1 && cell->line <= nb_report_line_count(p->r);
    if (link) fprintf(out, "<a href=\"#L%zu\">", cell->line);
    if (cell->raw[0])
        put_escz(out, cell->raw);
    else
        fprintf(out, "<span class=\"none\">%s</span>", tr(p->en, "空", "blank"));
    if (link) fputs("</a>", out);
    fputs("</td>", out);
}

/* The rows rows[0..nrows) of a form table (ci: the cells' indexes, rows[k] where row k's begin,
 * rows[nrows] the end) that share the columns cols[0..ncols), as one table. */
static void write_block(page *p, const size_t *ci, const size_t *rows, size_t nrows,
                        const char **cols, size_t ncols, size_t *nums)
{
    FILE *out = p->out;
    bool en = p->en;
    bool single = ncols == 1 && !cols[0];
    fprintf(out, "<table class=\"form\"><thead><tr><th>%s</th>", tr(en, "指标", "Item"));
    if (single) {
        fprintf(out, "<th>%s</th><th>%s</th>", tr(en, "单位", "Unit"), tr(en, "统计数", "Value"));
    } else {
        for (size_t k = 0; k < ncols; k++) {
            fputs("<th>", out);
            put_escz(out, cols[k]);
            fputs("</th>", out);
        }
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t r = 0; r < nrows; r++) {
        const nb_cell_info *first = &p->cells[ci[rows[r]]];
        fputs("<tr><th scope=\"row\">", out);
        put_escz(out, first->row);
        if (single) {
            fputs("</th><td class=\"unit\">", out);
            put_escz(out, first->unit);
            fputs("</td>", out);
        } else {
            if (first->unit[0]) {
                fputs(" <small>", out);
                put_escz(out, first->unit);
                fputs("</small>", out);
            }
            fputs("</th>", out);
        }
        for (size_t k = 0; k < ncols; k++) {
            size_t found = (size_t)-1;
            for (size_t i = rows[r]; i < rows[r + 1] && found == (size_t)-1; i++)
                if (same_column(p->cells[ci[i]].column, cols[k])) found = ci[i];
            if (found == (size_t)-1)
                fputs("<td class=\"missing\"></td>", out);
            else
                write_cell(p, &p->cells[found], nums);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
}

/* The key of a cell's row: its id without the column ("t3.refuse.1" of "t3.refuse.1/legal");
 * the whole id for a one-column table. */
static size_t row_key(const nb_cell_info *c, const char **key)
{
    *key = c->id;
    if (!c->column) return strlen(c->id);
    const char *slash = strrchr(c->id, '/');
    if (slash) return (size_t)(slash - c->id);
    *key = c->row;
    return strlen(c->row);
}

/* The cells of one form table (ci[0..n)) as tables: its rows in the form's order, each run of
 * rows that share columns under one header (表二's items have columns of their own). */
static void write_group(page *p, const size_t *ci, size_t n, size_t *rows, const char **cols,
                        size_t *nums)
{
    size_t nrows = 0;
    for (size_t i = 0; i < n; i++) {
        const char *k1, *k2 = NULL;
        size_t l1 = row_key(&p->cells[ci[i]], &k1), l2 = 0;
        if (i) l2 = row_key(&p->cells[ci[i - 1]], &k2);
        if (!i || l1 != l2 || memcmp(k1, k2, l1)) rows[nrows++] = i;
    }
    rows[nrows] = n;
    size_t rb = 0, ncols = 0;
    for (size_t r = 0; r < nrows; r++) {
        bool fits = r == rb;
        for (size_t i = rows[r]; i < rows[r + 1] && !fits; i++)
            for (size_t k = 0; k < ncols && !fits; k++)
                fits = same_column(p->cells[ci[i]].column, cols[k]);
        if (!fits) {
            write_block(p, ci, rows + rb, r - rb, cols, ncols, nums);
            rb = r;
            ncols = 0;
        }
        /* the row's columns, each new one after the column before it in the row */
        size_t after = 0; /* where the next new column goes */
        for (size_t i = rows[r]; i < rows[r + 1]; i++) {
            const char *col = p->cells[ci[i]].column;
            size_t k = 0;
            while (k < ncols && !same_column(cols[k], col)) k++;
            if (k == ncols) {
                memmove(cols + after + 1, cols + after, (ncols - after) * sizeof *cols);
                cols[after] = col;
                ncols++;
                k = after;
            }
            after = k + 1;
        }
    }
    if (nrows) write_block(p, ci, rows + rb, nrows - rb, cols, ncols, nums);
}

static void write_stats(page *p, const nb_check_counts *c)
{
    FILE *out = p->out;
    bool en = p->en;
    fprintf(out, "<section class=\"pane\" id=\"stats\">\n<h2>%s</h2>\n",
            tr(en, "统计数据", "Statistics"));
    if (!nb_report_form(p->r)) {
        fprintf(out, "<p class=\"none\">%s</p>\n</section>\n",
                tr(en, "未识别出统计表。", "No statistics form recognized."));
        return;
    }
    fprintf(out, "<p class=\"legend\">%s ", tr(en, "单元格：", "Cells:"));
    static const char *const keys[] = {"number", "zero", "blank", "not_applicable", "text"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        fprintf(out, "<span class=\"key cell %s\">%s</span>", keys[k],
                cell_status_label(keys[k], en));
    fprintf(out,
            "<span class=\"key cell cell-fail\">%s</span><span class=\"key cell "
            "cell-uncertain\">%s</span><span class=\"key cell unsure\">%s</span><span "
            "class=\"key missing\">&#160;&#160;</span>%s</p>\n",
            tr(en, "不通过", "failed"), tr(en, "无法确定", "uncertain"),
            tr(en, "按位置推定", "placed by position"), tr(en, "未读出", "not read"));
    size_t n = p->ncells;
    size_t ngroups = c->tables;
    /* the form's tables, then any prefix of a cell id that names none of them */
    const char **gid = malloc((c->tables + n + 1) * sizeof *gid);
    size_t *glen = malloc((c->tables + n + 1) * sizeof *glen);
    size_t *gof = malloc((n + 1) * sizeof *gof), *ci = malloc((n + 1) * sizeof *ci);
    size_t *rows = malloc((n + 2) * sizeof *rows), *nums = malloc((p->nev + 1) * sizeof *nums);
    const char **cols = malloc((n + 1) * sizeof *cols);
    if (!gid || !glen || !gof || !ci || !rows || !nums || !cols) {
        p->incomplete = true;
        n = 0;
        ngroups = 0;
    }
    for (size_t k = 0; k < ngroups; k++) {
        gid[k] = nb_report_table_coverage(p->r, k, NULL, NULL);
        glen[k] = strlen(gid[k]);
    }
    for (size_t i = 0; i < n; i++) {
        const char *id = p->cells[i].id, *dot = strchr(id, '.');
        size_t len = dot ? (size_t)(dot - id) : strlen(id), g = 0;
        while (g < ngroups && (glen[g] != len || memcmp(gid[g], id, len))) g++;
        if (g == ngroups && c->tables == 1) g = 0; /* the one table of the form before 2019 */
        if (g == ngroups) {
            gid[g] = id;
            glen[g] = len;
            ngroups++;
        }
        gof[i] = g;
    }
    for (size_t g = 0; g < ngroups; g++) {
        const char *title = NULL, *conf = NULL;
        if (g < c->tables) nb_report_table_coverage(p->r, g, &title, &conf);
        fputs("<h3 id=\"T-", out);
        put_class(out, g < c->tables ? gid[g] : "");
        if (g >= c->tables) put_esc(out, gid[g], glen[g]);
        fputs("\">", out);
        put_esc(out, gid[g], glen[g]);
        if (title) {
            fputc(' ', out);
            put_escz(out, title);
        }
        fputs(" <small>", out);
        if (g >= c->tables)
            ;
        else if (!conf)
            fprintf(out, "<span class=\"notread\">%s</span>", tr(en, "未读出", "not read"));
        else if (!strcmp(conf, "high"))
            fputs(tr(en, "已读出", "read"), out);
        else
            fprintf(out, "<span class=\"low\">%s</span>",
                    tr(en, "读出但不可靠", "read with low confidence"));
        nb_reading_info rd;
        for (size_t i = 0; nb_report_reading(p->r, i, p->lang, &rd); i++) {
            if (strlen(rd.table) != glen[g] || memcmp(rd.table, gid[g], glen[g])) continue;
            fprintf(out,
                    tr(en, " · 版式 %s，%zu 个单元格，恒等式成立 %zu/%zu",
                       " · layout %s, %zu cells, identities held %zu/%zu"),
                    layout_label(rd.layout, en), rd.cells, rd.identities_held,
                    rd.identities_checked);
            if (rd.reason && rd.reason[0]) {
                fputs(" · ", out);
                put_escz(out, rd.reason);
            }
        }
        fputs("</small></h3>\n", out);
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            if (gof[i] == g) ci[m++] = i;
        if (m)
            write_group(p, ci, m, rows, cols, nums);
        else
            fprintf(out, "<p class=\"none\">%s</p>\n",
                    tr(en, "报告中未读出此表。", "This table was not read from the report."));
    }
    fputs("</section>\n", out);
    free(gid);
    free(glen);
    free(gof);
    free(ci);
    free(rows);
    free(nums);
    free(cols);
}

int render_html(const nb_report *r, FILE *out, unsigned flags)
{
    page p = {.r = r, .out = out, .en = flags & NB_RENDER_ENGLISH};
    p.lang = p.en ? "en" : "zh";
    nb_check_counts c;
    nb_report_check_counts(r, &c);
    size_t ncells = nb_report_cell_count(r);
    p.cells = ncells ? calloc(ncells, sizeof *p.cells) : NULL;
    if (ncells && !p.cells) p.incomplete = true;
    for (size_t i = 0; p.cells && i < ncells; i++)
        if (nb_report_cell(r, i, &p.cells[p.ncells])) p.ncells++;
    collect(&p, flags);

    size_t title_line;
    const char *title = nb_report_title(r, &title_line);
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"generator\" content=\"nianbao %s\">\n<title>",
            p.en ? "en" : "zh-CN", nb_version());
    put_escz(out, title && title[0] ? title : nb_report_file(r));
    fprintf(out, "%s</title>\n<style>\n%s</style>\n</head>\n<body>\n",
            tr(p.en, " — 审阅", " — review"), STYLE);
    write_header(&p, &c);
    fprintf(out,
            "<nav class=\"toc\"><a href=\"#findings\">%s</a><a href=\"#text\">%s</a>"
            "<a href=\"#stats\">%s</a><a href=\"#coverage\">%s</a></nav>\n",
            tr(p.en, "问题清单", "Findings"), tr(p.en, "报告原文", "Report text"),
            tr(p.en, "统计数据", "Statistics"), tr(p.en, "核对覆盖", "Coverage"));
    if (p.incomplete)
        fprintf(out, "<p class=\"notread\" style=\"margin:8px 24px\">%s</p>\n",
                tr(p.en, "内存不足：部分标记未能显示。", "Out of memory: some marks are missing."));
    fputs("<main>\n", out);
    write_findings(&p);
    write_text(&p);
    fputs("</main>\n", out);
    write_stats(&p, &c);
    fprintf(out, "<script>\n%s</script>\n</body>\n</html>\n", SCRIPT);
    free(p.items);
    free(p.ev);
    free(p.marks);
    free(p.cells);
    return ferror(out) ? -1 : 0;
}
