/*
 * flat.c — finding the lines of a run-together report body (see flat.h).
 *
 * One pass from left to right. Pieces start at paragraph indents (U+3000, a run of blanks, or
 * one blank between two Chinese characters, as a web page's block boundaries come out), at an
 * inline heading 一、 or （一） that continues the document's numbering, and right after the
 * heading's title (it ends with a word headings end with: 情况, 事项, 措施 …, or before a digit
 * or a bracket). A statistics table starts at words only its header holds (信息内容 本年…,
 * 申请人情况 自然人, 指标名称 计量单位 …) and runs to the next heading of level 1. Inside it
 * every blank separates cells; if any piece is a label with its figures fused to it
 * (规章000, 行政许可194) the table is kept whole and marked fused.
 *
 * Must not: classify lines, know forms, or look at more than the line and the numbering state.
 */
#include "flat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marker.h"
#include "text.h"
#include "utf8.h"

typedef struct cut {
    size_t pos;
    bool table; /* a statistics table starts here (and runs to the next cut) */
} cut;

typedef struct cutter {
    const char *s;
    size_t len;
    cut *v;
    size_t n, cap;
    size_t strong; /* the last cut made by a heading or a table (not by a blank) */
    bool nomem;
} cutter;

static void add_cut(cutter *c, size_t pos, bool table)
{
    if (c->n && c->v[c->n - 1].pos >= pos) {
        if (c->v[c->n - 1].pos == pos) c->v[c->n - 1].table |= table;
        return;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        cut *v = realloc(c->v, cap * sizeof *v);
        if (!v) {
            c->nomem = true;
            return;
        }
        c->v = v, c->cap = cap;
    }
    c->v[c->n++] = (cut){pos, table};
}

/* The code point that ends before s[i] (0 at the start). */
static uint32_t cp_before(const char *s, size_t i)
{
    if (!i) return 0;
    size_t k = i - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80 && i - k < 4) k--;
    size_t adv;
    return text_cp_at(s, i, k, &adv);
}

static bool closes_sentence(uint32_t cp)
{
    static const uint32_t marks[] = {0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A, 0x201D,
                                     0x2019, 0xFF09, ')',    ';',    ':',    '!'};
    for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
        if (cp == marks[k]) return true;
    return false;
}

/* Four digits of a year and its 年 (2013年, 2013 年) at s. */
static bool starts_year(const char *s, size_t len)
{
    size_t i = 0, digits = 0;
    while (i < len && digits < 4) {
        size_t adv;
        if (!nb_utf8_is_digit(text_cp_at(s, len, i, &adv))) return false;
        i += adv, digits++;
    }
    i += text_skip_blanks(s + i, len - i, NULL);
    return digits == 4 && text_starts_with(s + i, len - i, "年");
}

static bool is_cn_numeral(uint32_t cp)
{
    return marker_cn_digit(cp) >= 0 || cp == 0x5341 /* 十 */;
}

static bool table_cue(const char *s, size_t len, size_t i, bool *at_cue, bool *final);

/* The blanks from s[i]: where they end, how many, and whether any is wide (U+3000 or a tab):
 * wide blanks or a run of them part paragraphs and cells. */
static size_t blank_run(const char *s, size_t len, size_t i, size_t *count, bool *wide)
{
    *count = 0, *wide = false;
    while (i < len) {
        size_t a;
        uint32_t b = text_cp_at(s, len, i, &a);
        if (!nb_utf8_is_space(b)) break;
        *wide |= b == 0x3000 || b == '\t';
        ++*count;
        i += a;
    }
    return i;
}

/* Where the title of an inline heading whose text starts at `from` ends: after the last word
 * a heading's title ends with (情况, 事项 …; *word set), else before a digit or a bracket that
 * stops it; 0 when it runs on into its sentence (the parser's run-in rule takes it then). */
static size_t title_end(const char *s, size_t len, size_t from, size_t max_chars, bool *word)
{
    static const char *const ends[] = {"情况", "事项", "措施", "概述", "问题",   "做法", "成效",
                                       "打算", "数量", "类别", "形式", "统计表", "概况", "情況",
                                       "事項", "問題", "數量", "類別", "統計表", "概況"};
    size_t i = from + text_skip_blanks(s + from, len - from, NULL), last = 0, chars = 0, work = 0;
    uint32_t cp = 0;
    *word = false;
    while (i < len && chars < max_chars) {
        size_t adv;
        cp = text_cp_at(s, len, i, &adv);
        bool at_cue, final;
        int v;
        size_t m;
        if (nb_utf8_is_space(cp) || nb_utf8_is_digit(cp) || cp == 0xFF08 || cp == '(' ||
            closes_sentence(cp) || cp == 0xFF0C || cp == ',' || cp == 0x3002 ||
            (i > from && table_cue(s, len, i, &at_cue, &final)) ||
            (i > from && (m = marker_cn_ordinal(s + i, len - i, &v)) &&
             text_starts_with(s + i + m, len - i - m, "、")))
            break;
        for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++)
            if (text_starts_with(s + i, len - i, ends[k])) last = i + strlen(ends[k]);
        /* 工作 ends a title only where no other word does, and the first one then
         * (（一）政府信息管理工作围绕中心工作…) */
        if (!work && i > from && text_starts_with(s + i, len - i, "工作")) work = i + 6;
        i += adv;
        chars++;
    }
    if (!last) last = work;
    if (last) {
        *word = true;
        /* （一）主动公开情况。… is a run-in heading: the parser takes its title at the 。 */
        size_t adv;
        uint32_t next = last < len ? text_cp_at(s, len, last, &adv) : 0;
        bool runin = next == 0x3002 || next == 0xFF1A || next == 0xFF1B || next == 0xFF0C ||
                     next == ':' || next == ',' || next == ';';
        return runin ? 0 : last;
    }
    bool stopper =
        i < len && (nb_utf8_is_space(cp) || nb_utf8_is_digit(cp) || cp == 0xFF08 || cp == '(');
    return stopper && chars >= 2 ? i : 0;
}

/* Whether s[i..] starts with word, blanks allowed between its characters (统 计 指 标); the
 * end of the match in *end. */
static bool spaced_word(const char *s, size_t len, size_t i, const char *word, size_t *end)
{
    size_t w = 0, wlen = strlen(word);
    while (w < wlen) {
        if (w) i += text_skip_blanks(s + i, len - i, NULL);
        size_t adv;
        text_cp_at(word, wlen, w, &adv);
        if (i + adv > len || memcmp(s + i, word + w, adv) != 0) return false;
        i += adv, w += adv;
    }
    *end = i;
    return true;
}

/* Words only a statistics table's header holds, and whether the table starts right at them
 * (at_cue) or at the end of the sentence or heading before them (its notes go with it). */
static bool table_cue(const char *s, size_t len, size_t i, bool *at_cue, bool *final)
{
    /* at: the table starts at the word; final: the old form's table (an attachment running to
     * the end); title: a table's title that prose may mention too (…和政府信息公开情况统计表共五
     * 个部分组成), taken only when no word of a sentence follows it */
    static const struct {
        const char *word;
        const char *then[2];
        bool at, final, title;
    } cues[] = {
        {"第二十条第（", {"", ""}, true, false, false},
        {"第二十条第(", {"", ""}, true, false, false},
        {"第二十條第（", {"", ""}, true, false, false},
        {"指标名称", {"计量", "单位"}, true, true, false},
        {"统计指标", {"单位", "计量"}, true, true, false},
        {"指標名稱", {"計量", "單位"}, true, true, false},
        {"統計指標", {"單位", "計量"}, true, true, false},
        {"信息内容", {"本年", "上一年"}, false, false, false},
        {"信息內容", {"本年", "上一年"}, false, false, false},
        {"申请人情况", {"", ""}, false, false, false},
        {"申請人情況", {"", ""}, false, false, false},
        {"结果维持", {"结果纠正", "结果纠正"}, false, false, false},
        {"結果維持", {"結果糾正", "結果糾正"}, false, false, false},
        {"行政复议", {"行政诉讼", "行政诉讼"}, false, false, false},
        {"行政複議", {"行政訴訟", "行政訴訟"}, false, false, false},
        {"本年新收政府信息公开申请数", {"", ""}, false, false, false},
        {"本年新收政府信息公開申請數", {"", ""}, false, false, false},
        {"政府信息公开情况统计表", {"", ""}, true, true, true},
        {"政府信息公開情況統計表", {"", ""}, true, true, true},
        {"表二", {"：", ":"}, true, false, false},
        {"表三", {"：", ":"}, true, false, false},
        {"表四", {"：", ":"}, true, false, false},
    };
    uint32_t first = 0;
    size_t adv, end;
    if (i < len) first = text_cp_at(s, len, i, &adv);
    for (size_t k = 0; k < sizeof cues / sizeof cues[0]; k++) {
        size_t a;
        if (text_cp_at(cues[k].word, strlen(cues[k].word), 0, &a) != first) continue;
        if (!spaced_word(s, len, i, cues[k].word, &end)) continue;
        size_t j = end + text_skip_blanks(s + end, len - end, NULL);
        bool then = !cues[k].then[0][0];
        for (int q = 0; q < 2 && !then; q++) then = spaced_word(s, len, j, cues[k].then[q], &end);
        if (then && cues[k].title) {
            static const char *const words[] = {"共", "，", "。", "、", "和", "等", "中", "的"};
            for (size_t w = 0; w < sizeof words / sizeof words[0] && then; w++)
                then = !text_starts_with(s + j, len - j, words[w]);
        }
        if (then) {
            *at_cue = cues[k].at;
            *final = cues[k].final;
            return true;
        }
    }
    return false;
}

/* A title at the head of the line (after a label such as 标题：): up to its 年度报告, when
 * that comes soon, with a year and no sentence marks before it. */
static size_t head_title_end(const char *s, size_t len)
{
    static const char *const ends[] = {"年度报告", "年度報告", "工作报告", "年报"};
    size_t lim = len < 300 ? len : 300, best = 0;
    for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
        for (size_t i = 0; i + strlen(ends[k]) <= lim; i++)
            if (memcmp(s + i, ends[k], strlen(ends[k])) == 0) {
                size_t e = i + strlen(ends[k]);
                if (!best || e < best) best = e;
                break;
            }
    }
    if (!best) return 0;
    static const char *const stops[] = {"。", "，", "；", "《", "！", "？"};
    for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++)
        if (text_contains(s, best, stops[k])) return 0;
    /* a year (2017年, 2017 年, 二〇一七年) or the words of the title's subject */
    bool year = text_contains(s, best, "公开") || text_contains(s, best, "公開");
    for (size_t i = 0; i + 3 < best && !year;) {
        size_t adv;
        uint32_t cp = text_cp_at(s, best, i, &adv);
        size_t j = i + adv + text_skip_blanks(s + i + adv, best - i - adv, NULL);
        year = (nb_utf8_is_digit(cp) || cp == 0x3007 || cp == 0x25CB) &&
               text_starts_with(s + j, best - j, "年");
        i += adv;
    }
    return year ? best : 0;
}

/* A table cell holding a label with figures run onto it: a digit right after a Chinese
 * character or a closing bracket, not followed by a unit or a date's 年 月 日 (计1条 in a
 * label is a number in words). */
static bool fused_piece(const char *s, size_t len)
{
    uint32_t prev = 0;
    for (size_t i = 0; i < len;) {
        size_t adv;
        uint32_t cp = text_cp_at(s, len, i, &adv);
        /* figures run together: 0000000, 0010 (no count is written with a leading zero) */
        uint32_t fp = nb_utf8_fold(prev);
        if (nb_utf8_is_digit(cp) && nb_utf8_fold(cp) == '0' && !nb_utf8_is_digit(prev) &&
            fp != '.' && fp != ',' && prev != 0xFF0C && prev != 0xFF0E && prev != 0x3001 &&
            i + adv < len) {
            size_t a;
            uint32_t next = nb_utf8_fold(text_cp_at(s, len, i + adv, &a));
            if (next >= '0' && next <= '9') return true;
        }
        if (nb_utf8_is_digit(cp) && (nb_utf8_is_han(prev) || prev == 0xFF09 || prev == ')')) {
            /* 计1条 in a label, not 总计 合计 before a row's figures */
            uint32_t before = i >= 3 ? cp_before(s, i - 3) : 0; /* 计 is 3 bytes */
            bool counted = (prev == 0x8BA1 || prev == 0x8A08) && before != 0x603B &&
                           before != 0x7E3D && before != 0x5408; /* 总 總 合 */
            size_t j = i;
            uint32_t c = cp;
            while (j < len && (nb_utf8_is_digit(c) || c == '.' || c == 0xFF0E)) {
                j += adv;
                c = j < len ? text_cp_at(s, len, j, &adv) : 0;
            }
            static const uint32_t after[] = {0x5E74, 0x6708, 0x65E5, 0x6761, 0x689D, 0x4EF6, 0x6B21,
                                             0x4EBA, 0x4E2A, 0x500B, 0x9879, 0x9805, 0x7BC7, 0x5BB6,
                                             0x5929, 0x5C0F, 0x5206, 0x9875, 0x9801};
            /* 年 月 日 条 條 件 次 人 个 個 项 項 篇 家 天 小(时) 分 页 頁; and 计1 (条), a
             * label's own words wrapped before their unit */
            bool unit = counted;
            for (size_t q = 0; q < sizeof after / sizeof after[0] && !unit; q++)
                unit = c == after[q];
            if (!unit) return true;
            i = j;
            prev = c;
            continue;
        }
        prev = cp;
        i += adv;
    }
    return false;
}

static bool push_seg(flat_seg **v, size_t *n, size_t *cap, const char *s, size_t from, size_t to,
                     bool fused)
{
    from += text_skip_blanks(s + from, to - from, NULL);
    to = from + text_rtrim(s + from, to - from);
    if (from >= to) return true;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        flat_seg *w = realloc(*v, c * sizeof *w);
        if (!w) return false;
        *v = w, *cap = c;
    }
    (*v)[(*n)++] = (flat_seg){from, to - from, fused};
    return true;
}

/* A page footer with blanks inside (- 1 -, — 2 —, 第 3 页) at s: its bytes, 0 when none. */
static size_t page_footer(const char *s, size_t len)
{
    static const char *const open[] = {"-", "—", "–", "第"}, *const close[] = {"-", "—", "–", "页"};
    for (size_t k = 0; k < 4; k++) {
        if (!text_starts_with(s, len, open[k])) continue;
        size_t i = strlen(open[k]);
        i += text_skip_blanks(s + i, len - i, NULL);
        size_t d = i;
        while (i < len && s[i] >= '0' && s[i] <= '9' && i - d < 4) i++;
        if (i == d) return 0;
        i += text_skip_blanks(s + i, len - i, NULL);
        if (!text_starts_with(s + i, len - i, close[k])) return 0;
        return i + strlen(close[k]);
    }
    return 0;
}

/* Where the cell that starts at s[i] ends in s[..to): at the next separator. Where the table's
 * cells are parted by wide blanks (U+3000, tabs, runs), a single space stays inside a cell (结 果,
 * 一、 主动公开情况); where single spaces part them, one still stays after a marker (一、 主动…)
 * and between a year's digits and its 年. */
static size_t cell_end(const char *s, size_t i, size_t to, bool wide)
{
    size_t j = i + page_footer(s + i, to - i);
    while (j < to) {
        size_t adv;
        uint32_t cp = text_cp_at(s, to, j, &adv);
        if (!nb_utf8_is_space(cp)) {
            j += adv;
            continue;
        }
        size_t count;
        bool w;
        size_t k = blank_run(s, to, j, &count, &w);
        if (w || count >= 2 || k >= to) return j;
        if (wide) {
            j = k;
            continue;
        }
        bool marker = marker_parse(s + i, j - i).len == j - i;
        bool year = nb_utf8_is_digit(cp_before(s, j)) && text_starts_with(s + k, to - k, "年");
        if (!marker && !year) return j;
        j = k;
    }
    return j;
}

/* A table piece: its cells, or the whole piece when a cell is fused. */
static bool push_table(flat_seg **v, size_t *n, size_t *cap, const char *s, size_t from, size_t to)
{
    /* which blanks part the cells: the wide ones when they are the more common */
    size_t wide_runs = 0, single_runs = 0;
    for (size_t i = from; i < to;) {
        size_t adv;
        if (!nb_utf8_is_space(text_cp_at(s, to, i, &adv))) {
            i += adv;
            continue;
        }
        size_t count;
        bool w;
        i = blank_run(s, to, i, &count, &w);
        if (w || count >= 2)
            wide_runs++;
        else
            single_runs++;
    }
    bool wide = wide_runs > single_runs;
    /* its cells, taken back for the whole piece as soon as one is fused */
    size_t mark = *n;
    for (size_t i = from; i < to;) {
        i += text_skip_blanks(s + i, to - i, NULL);
        size_t j = cell_end(s, i, to, wide);
        if (fused_piece(s + i, j - i)) {
#ifdef NB_DEBUG_BIND
            if (getenv("NB_DEBUG_FLAT"))
                fprintf(stderr, "flat: fused cell [%.*s]\n", (int)(j - i), s + i);
#endif
            *n = mark;
            return push_seg(v, n, cap, s, from, to, true);
        }
        if (!push_seg(v, n, cap, s, i, j, false)) return false;
        i = j;
    }
    return true;
}

size_t flat_split(flat_state *st, const char *s, size_t len, flat_seg **segs)
{
    *segs = NULL;
    if (len < FLAT_MIN_BYTES) return 0;
    cutter c = {.s = s, .len = len};
    flat_state k = *st;
    size_t headings = 0, blanks = 0, tables = 0, last_stop = 0, last_blank = 0;
    /* final_table: the old form's table, an attachment that runs to the end of the text */
    bool in_table = false, after_blank = false, final_table = false;
    add_cut(&c, 0, false);
    size_t i = head_title_end(s, len);
    if (i) {
        /* a title wrapped onto lines of its own keeps them (the parser joins them again) */
        for (size_t j = 0; j < i;) {
            size_t adv, count;
            bool wide;
            if (!nb_utf8_is_space(text_cp_at(s, i, j, &adv))) {
                j += adv;
                continue;
            }
            j = blank_run(s, i, j, &count, &wide);
            if (wide) add_cut(&c, j, false);
        }
        add_cut(&c, i, false);
        c.strong = last_stop = i;
    }
    while (i < len && !c.nomem) {
        size_t adv;
        uint32_t cp = text_cp_at(s, len, i, &adv);
        if (nb_utf8_is_space(cp)) {
            size_t count;
            bool wide;
            size_t j = blank_run(s, len, i, &count, &wide);
            uint32_t before = cp_before(s, i), after = j < len ? text_cp_at(s, len, j, &adv) : 0;
            size_t from = c.n ? c.v[c.n - 1].pos : 0;
            /* 一、 概述: one blank after a marker is no boundary */
            bool only_marker =
                !wide && count == 1 && marker_parse(s + from, i - from).len == i - from;
            /* a date after a name (某县人民政府 2013年1月20日) starts a line of its own */
            bool date = before >= 0x80 && !nb_utf8_is_digit(before) && starts_year(s + j, len - j);
            if (!in_table && !only_marker &&
                (wide || count >= 2 || date ||
                 (before >= 0x80 && after >= 0x80 && !nb_utf8_is_digit(before) &&
                  !nb_utf8_is_digit(after)))) {
                add_cut(&c, j, false);
                blanks += wide || count >= 2;
            }
            after_blank = true;
            last_blank = j;
            i = j;
            continue;
        }
        uint32_t prev = cp_before(s, i);
        bool starts =
            after_blank || closes_sentence(prev) || i == c.strong || (c.n && c.v[c.n - 1].pos == i);
        after_blank = false;
        int v;
        size_t n = marker_cn_ordinal(s + i, len - i, &v);
        if (n && text_starts_with(s + i + n, len - i - n, "、") && !is_cn_numeral(prev) &&
            prev != 0x7B2C /* 第 */) {
            bool word;
            size_t te = title_end(s, len, i + n + 3, 40, &word);
            /* after a table's last figure (…继续办理0000000四、…情况) only a title with a
             * heading's last word is taken */
            bool digit = nb_utf8_is_digit(prev);
            bool take = v == k.last1 + 1 ? (in_table || digit ? word : word || starts)
                                         : v == k.last1 + 2 && word && starts && !in_table;
            take &= !(in_table && final_table); /* the old form's table: its group rows */
            if (take) {
                in_table = false;
                add_cut(&c, i, false);
                if (te) add_cut(&c, te, false);
                c.strong = te ? te : i;
                k.last1 = v, k.last2 = 0;
                headings += word;
                i = te ? te : i + n + 3;
                continue;
            }
        }
        if (!in_table && n == 0) {
            nb_marker m = marker_parse(s + i, len - i);
            if (m.len && m.level == 2 && m.ordinal == k.last2 + 1 && starts) {
                bool word;
                size_t te = title_end(s, len, i + m.len, 30, &word);
                add_cut(&c, i, false);
                if (te) add_cut(&c, te, false);
                c.strong = te ? te : i;
                k.last2 = m.ordinal;
                i = te ? te : i + m.len;
                continue;
            }
        }
        bool at_cue, final;
        if (!in_table && table_cue(s, len, i, &at_cue, &final)) {
            final_table = final;
            size_t start = at_cue ? i : (c.strong > last_stop ? c.strong : last_stop);
            if (start < c.strong) start = c.strong;
            while (c.n && c.v[c.n - 1].pos > start) c.n--; /* blanks inside go with the table */
            add_cut(&c, start, true);
            c.strong = start;
            in_table = true;
            tables++;
        }
        /* prose after the old form's table (its cells hold no sentence): the table ended at
         * the blank before the sentence */
        if (cp == 0x3002 && in_table && final_table && last_blank > c.strong) {
            add_cut(&c, last_blank, false);
            c.strong = last_blank;
            in_table = false;
        }
        if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F) last_stop = i + adv;
        i += adv;
    }
    if (c.nomem) {
        free(c.v);
        return (size_t)-1;
    }
    bool flat = headings >= 2 || blanks >= 4 || (headings >= 1 && (blanks >= 2 || tables >= 1));
    if (!flat) {
        free(c.v);
        return 0;
    }
    flat_seg *v = NULL;
    size_t nv = 0, cap = 0;
    bool ok = true;
    for (size_t q = 0; q < c.n && ok; q++) {
        size_t from = c.v[q].pos, to = q + 1 < c.n ? c.v[q + 1].pos : len;
        ok = c.v[q].table ? push_table(&v, &nv, &cap, s, from, to)
                          : push_seg(&v, &nv, &cap, s, from, to, false);
    }
    free(c.v);
    if (!ok) {
        free(v);
        return (size_t)-1;
    }
    *st = k;
    *segs = v;
    return nv;
}
