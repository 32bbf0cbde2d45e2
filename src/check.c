/*
 * check.c — findings: the form's rules, prose against tables, and document rules.
 *
 * The rules come from the form file (check.h lists the kinds: equal, le, bounds, whole), with
 * for_each templates and wildcards expanded by form.c. An operand that is blank, not
 * applicable, text, or not printed makes the rule UNCERTAIN and the finding says which; a rule
 * none of whose cells is printed is NOT_ASSESSABLE. Only numbers and zeros enter arithmetic,
 * exactly (numeral.c), so a blank is never a zero and 0.5 万元 is compared at its precision.
 *
 * Must not: format output or look at bytes.
 */
#include "check.h"

#include "error.h"
#include "lines.h"
#include "parse.h"
#include "text.h"
#include "utf8.h"

#include <stdarg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *nb_status_name(nb_status s)
{
    static const char *const names[] = {"PASS", "FAIL", "UNCERTAIN", "NOT_ASSESSABLE"};
    return (size_t)s < 4 ? names[s] : "?";
}

const char *nb_severity_name(nb_severity s)
{
    static const char *const names[] = {"error", "warning", "info"};
    return (size_t)s < 3 ? names[s] : "?";
}

typedef struct checker {
    const nb_form *f;
    const nb_binding *b;
    const nb_figures *figs;
    nb_doc *doc;
    nb_finding *v;
    size_t n, cap;
    bool failed;
    /* across years: the report of the year before (its form, binding and file name; its
     * operands are resolved there, their labels and messages made in this doc's arena) */
    struct checker *prev;
    const char *prev_file;
} checker;

static char *aprintf(checker *C, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static char *aprintf(checker *C, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    char *s = nb_arena_strndup(&C->doc->arena, buf, strlen(buf));
    if (!s) C->failed = true;
    return s ? s : "";
}

/* ---- findings ---------------------------------------------------------------------------- */

typedef struct hash {
    uint64_t h;
} hash;

static void hash_add(hash *h, const char *s)
{
    if (!h->h) h->h = TEXT_FNV_BASIS;
    h->h = text_fnv1a(h->h, s ? s : "", s ? strlen(s) : 0);
    h->h = text_fnv1a(h->h, "\xFF", 1); /* a separator */
}

static nb_finding *add_finding(checker *C, const char *rule, nb_status st, nb_severity sev,
                               size_t line)
{
    if (C->n == C->cap) {
        size_t ncap = C->cap ? C->cap * 2 : 32;
        nb_finding *nv = realloc(C->v, ncap * sizeof *nv);
        if (!nv) {
            C->failed = true;
            return NULL;
        }
        C->v = nv;
        C->cap = ncap;
    }
    nb_finding *fd = &C->v[C->n++];
    memset(fd, 0, sizeof *fd);
    fd->rule = rule;
    fd->status = st;
    fd->severity = sev;
    fd->line = line;
    fd->message_zh = fd->message_en = "";
    return fd;
}

static void add_evidence(checker *C, nb_finding *fd, size_t line, const char *value,
                         const char *text)
{
    nb_evidence *ne = nb_arena_alloc(&C->doc->arena, (fd->nevidence + 1) * sizeof *ne);
    if (!ne) {
        C->failed = true;
        return;
    }
    if (fd->nevidence) memcpy(ne, fd->evidence, fd->nevidence * sizeof *ne);
    ne[fd->nevidence].line = line;
    ne[fd->nevidence].value = value ? value : "";
    ne[fd->nevidence].text = text ? text : "";
    ne[fd->nevidence].file = NULL;
    fd->evidence = ne;
    fd->nevidence++;
}

static void set_fingerprint(nb_finding *fd, const hash *h)
{
    /* (a letter first: a spreadsheet never takes it for a number, 1e10… or all digits) */
    snprintf(fd->fingerprint, sizeof fd->fingerprint, "F%016llx", (unsigned long long)h->h);
}

/* The severity of a finding that is not a FAIL. */
static nb_severity soft(nb_status st, nb_severity rule)
{
    if (st == NB_STATUS_UNCERTAIN) return rule == NB_SEV_INFO ? NB_SEV_INFO : NB_SEV_WARNING;
    return NB_SEV_INFO;
}

/* ---- operands ---------------------------------------------------------------------------- */

/* An operand's state: a number; not printed; printed but blank, not applicable or text; or a
 * number whose place in the table could not be confirmed (bind.c's "unsure"). */
enum { OP_OK, OP_MISSING, OP_UNCERTAIN, OP_UNSURE };

typedef struct operand {
    size_t opnd; /* its operand index in the form (of the year before's report when last) */
    bool last;   /* the cell of the year before's report (a rule across years) */
    bool absent; /* last, and that report's form has no such cell: the rule does not apply */
    const char *id;
    const char *label;
    int state;
    bool optional;
    nb_number value;
    size_t line;
    const char *raw;
} operand;

static const char *cell_label(checker *C, size_t row, long col)
{
    const nb_form_row *r = &C->f->rows[row];
    if (col < 0) return r->label;
    return aprintf(C, "%s（%s）", r->label, C->f->tables[r->table].cols[col].label);
}

static void resolve(checker *C, size_t opnd, operand *op);

static void resolve_derived(checker *C, const nb_form_derived *d, operand *op)
{
    size_t missing = 0, uncertain = 0, unsure = 0, ok = 0;
    nb_number sum;
    memset(&sum, 0, sizeof sum);
    op->line = 0;
    for (size_t k = 0; k < d->nparts; k++) {
        operand part;
        resolve(C, d->parts[k], &part);
        if (part.state == OP_MISSING) {
            missing += !part.optional;
            continue;
        }
        if (part.line && (!op->line || part.line < op->line)) op->line = part.line;
        /* a part placed by order alone still counts in the sum, which the prose may confirm */
        if (part.state == OP_UNSURE) unsure++, sum = nb_number_add(&sum, &part.value);
        if (part.state == OP_UNCERTAIN || part.state == OP_UNSURE) {
            uncertain++;
            continue;
        }
        ok++;
        sum = nb_number_add(&sum, &part.value);
    }
    op->label = d->label ? d->label : d->id;
    op->value = sum;
    op->state = ok + uncertain == 0             ? OP_MISSING
                : unsure && unsure == uncertain ? OP_UNSURE
                : (uncertain || missing)        ? OP_UNCERTAIN
                                                : OP_OK;
    op->raw = "";
    if (op->state == OP_OK || op->state == OP_UNSURE) {
        char buf[64];
        op->raw = aprintf(C, "%s", nb_number_format(&sum, buf, sizeof buf));
    }
}

static void resolve(checker *C, size_t opnd, operand *op)
{
    if ((opnd & NB_OP_LAST) && C->prev) {
        /* the same id in the year before's report, whose form may be another */
        const char *id = form_operand_id(C->f, opnd & ~NB_OP_LAST);
        long there = id ? form_find_operand(C->prev->f, id) : -1;
        if (there < 0) {
            memset(op, 0, sizeof *op);
            op->last = op->absent = true;
            op->id = id ? id : "";
            op->label = "";
            op->raw = "";
            op->state = OP_MISSING;
            return;
        }
        resolve(C->prev, (size_t)there, op);
        op->last = true;
        /* (the value as printed is the other report's text: the findings outlive it) */
        op->raw = aprintf(C, "%s", op->raw ? op->raw : "");
        op->label = aprintf(C, "%s", op->label ? op->label : ""); /* (and its form may go) */
        return;
    }
    memset(op, 0, sizeof *op);
    opnd &= ~NB_OP_LAST;
    op->opnd = opnd;
    op->id = form_operand_id(C->f, opnd);
    if (opnd >= C->f->ncells) {
        resolve_derived(C, &C->f->derived[opnd - C->f->ncells], op);
        return;
    }
    const nb_form_cell *fc = &C->f->cells[opnd];
    op->label = cell_label(C, fc->row, fc->col);
    /* an optional row is left out only when the report does not print it: one whose label
     * was found has a value missing */
    op->optional = C->f->rows[fc->row].optional && !(C->b->row_seen && C->b->row_seen[fc->row]);
    const nb_bound_cell *c = binding_cell(C->b, opnd);
    if (!c) {
        op->state = OP_MISSING;
        return;
    }
    op->line = c->line;
    op->raw = c->raw;
    op->value = c->value;
    /* a number too large to hold exactly (more than 18 digits) is compared with nothing: a
     * rule over it is UNCERTAIN, never a pass */
    op->state = (c->status != NB_CELL_NUMBER && c->status != NB_CELL_ZERO) || c->value.overflow
                    ? OP_UNCERTAIN
                : c->unsure ? OP_UNSURE
                            : OP_OK;
}

typedef struct oplist {
    operand *v;
    size_t n, cap;
    checker *C;
} oplist;

static void oplist_add(oplist *l, size_t opnd)
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 16;
        operand *nv = realloc(l->v, ncap * sizeof *nv);
        if (!nv) {
            l->C->failed = true;
            return;
        }
        l->v = nv;
        l->cap = ncap;
    }
    resolve(l->C, opnd, &l->v[l->n++]);
}

/* The operands of a rule side. Printed cells and non-optional missing ones are kept; optional
 * rows the report's variant of the form lacks are dropped. */
static void expand_side(checker *C, const size_t *ops, size_t nops, oplist *out)
{
    out->C = C;
    for (size_t i = 0; i < nops; i++) oplist_add(out, ops[i]);
    size_t k = 0;
    for (size_t i = 0; i < out->n; i++)
        if (!(out->v[i].state == OP_MISSING && out->v[i].optional)) out->v[k++] = out->v[i];
    out->n = k;
}

static nb_number side_sum(const oplist *l)
{
    nb_number s;
    memset(&s, 0, sizeof s);
    for (size_t i = 0; i < l->n; i++) s = nb_number_add(&s, &l->v[i].value);
    return s;
}

/* An operand's name in a message: the year before's is said to be so. */
static const char *op_label(checker *C, const operand *o, bool zh)
{
    if (!o->last) return o->label;
    return aprintf(C, zh ? "上年%s" : "last year's %s", o->label);
}

/* "(一)主动公开政府信息数" or "A、B 等 5 项" for a side of a rule. */
static const char *side_label(checker *C, const oplist *l, bool zh)
{
    if (l->n == 1) return op_label(C, &l->v[0], zh);
    const char *a = op_label(C, &l->v[0], zh), *b = op_label(C, &l->v[1], zh);
    if (l->n == 2) return aprintf(C, zh ? "%s与%s" : "%s and %s", a, b);
    return aprintf(C, zh ? "%s、%s等%zu项" : "%s, %s and %zu more", a, b, zh ? l->n : l->n - 2);
}

/* The lines of a side's operands of this report (last false) or of the year before's. */
static const char *lines_in(checker *C, const oplist *l, bool last, bool zh)
{
    size_t lo = 0, hi = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (!l->v[i].line || l->v[i].last != last) continue;
        if (!lo || l->v[i].line < lo) lo = l->v[i].line;
        if (l->v[i].line > hi) hi = l->v[i].line;
    }
    if (!lo) return "";
    const char *where =
        last ? aprintf(C, zh ? "上年报告 %s " : "last year's report %s, ", C->prev_file) : "";
    if (lo == hi) return aprintf(C, zh ? "%s第%zu行" : "%sline %zu", where, lo);
    return aprintf(C, zh ? "%s第%zu–%zu行" : "%slines %zu–%zu", where, lo, hi);
}

static const char *side_lines(checker *C, const oplist *l, bool zh)
{
    const char *own = lines_in(C, l, false, zh), *last = lines_in(C, l, true, zh);
    if (own[0] && last[0]) return aprintf(C, zh ? "%s；%s" : "%s; %s", own, last);
    return own[0] ? own : last;
}

static const char *names_of(checker *C, const oplist *a, const oplist *b, int state, bool zh)
{
    char buf[1024] = "";
    size_t n = 0, count = 0;
    const oplist *sides[2] = {a, b};
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; sides[s] && i < sides[s]->n; i++) {
            const operand *o = &sides[s]->v[i];
            if (o->state != state || count >= 6) continue;
            int w;
            const char *label = op_label(C, o, zh);
            const char *where =
                o->last ? aprintf(C, zh ? "上年报告 %s " : "last year's report %s, ", C->prev_file)
                        : "";
            if (o->line)
                w = snprintf(buf + n, sizeof buf - n, "%s%s（%s%s%zu%s）", count ? "、" : "", label,
                             where, zh ? "第" : "line ", o->line, zh ? "行" : "");
            else
                w = snprintf(buf + n, sizeof buf - n, "%s%s", count ? "、" : "", label);
            if (w > 0 && (size_t)w < sizeof buf - n) n += (size_t)w;
            count++;
        }
    return aprintf(C, "%s", buf);
}

/* ---- the form's rules -------------------------------------------------------------------- */

static void evidence_of(checker *C, nb_finding *fd, const oplist *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].line) {
            add_evidence(C, fd, l->v[i].line, l->v[i].raw, l->v[i].label);
            if (l->v[i].last && !C->failed) fd->evidence[fd->nevidence - 1].file = C->prev_file;
        }
}

static void hash_side(hash *h, const oplist *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].last) hash_add(h, "last:");
        hash_add(h, l->v[i].id);
        hash_add(h, l->v[i].raw);
    }
}

/* The line a finding over these sides is reported at: this report's first line among them
 * (across years the year before's lines are in another file). */
static size_t own_line(const oplist *a, const oplist *b)
{
    bool across = false;
    const oplist *sides[2] = {a, b};
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; sides[s] && i < sides[s]->n; i++) across |= sides[s]->v[i].last;
    if (!across) return a->n && a->v[0].line ? a->v[0].line : (b && b->n ? b->v[0].line : 0);
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; sides[s] && i < sides[s]->n; i++)
            if (sides[s]->v[i].line && !sides[s]->v[i].last) return sides[s]->v[i].line;
    return 0;
}

/* The non-empty parts joined by sep. */
static const char *joined(checker *C, const char *const parts[3], const char *sep)
{
    const char *out = "";
    for (int k = 0; k < 3; k++)
        if (parts[k][0]) out = out[0] ? aprintf(C, "%s%s%s", out, sep, parts[k]) : parts[k];
    return out;
}

/* A finding for a rule whose operands could not all be read. Returns true when it made one. */
static bool unreadable(checker *C, const nb_form_rule *rc, const oplist *a, const oplist *b)
{
    size_t present = 0, missing = 0, uncertain = 0;
    const oplist *sides[2] = {a, b};
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; sides[s] && i < sides[s]->n; i++) {
            int st = sides[s]->v[i].state;
            present += st != OP_MISSING;
            missing += st == OP_MISSING;
            uncertain += st == OP_UNCERTAIN || st == OP_UNSURE;
        }
    if (!missing && !uncertain) return false;
    nb_status st = present == 0 ? NB_STATUS_NOT_ASSESSABLE : NB_STATUS_UNCERTAIN;
    size_t line = own_line(a, b);
    nb_finding *fd = add_finding(C, rc->id, st, soft(st, (nb_severity)rc->severity), line);
    if (!fd) return true;
    hash h = {0};
    hash_add(&h, rc->id);
    hash_add(&h, rc->value);
    hash_side(&h, a);
    if (b) hash_side(&h, b);
    set_fingerprint(fd, &h);
    if (st == NB_STATUS_NOT_ASSESSABLE) {
        fd->message_zh =
            aprintf(C, "无法核对“%s”%s：表格中没有相关数据", rc->title_zh, rc->instance_zh);
        fd->message_en = aprintf(C, "cannot check \"%s\"%s: the table is missing", rc->title_en,
                                 rc->instance_en);
        return true;
    }
    const char *blank_zh = names_of(C, a, b, OP_UNCERTAIN, true);
    const char *miss_zh = names_of(C, a, b, OP_MISSING, true);
    const char *unsure_zh = names_of(C, a, b, OP_UNSURE, true);
    const char *blank_en = names_of(C, a, b, OP_UNCERTAIN, false);
    const char *miss_en = names_of(C, a, b, OP_MISSING, false);
    const char *unsure_en = names_of(C, a, b, OP_UNSURE, false);
    const char *parts_zh[3] = {
        blank_zh[0] ? aprintf(C, "%s为空、不是数字或数值过大", blank_zh) : "",
        unsure_zh[0] ? aprintf(C, "%s在表格中的位置无法确定", unsure_zh) : "",
        miss_zh[0] ? aprintf(C, "%s在表格中未找到", miss_zh) : ""};
    const char *parts_en[3] = {
        blank_en[0] ? aprintf(C, "%s is blank, not a number or too large to compare", blank_en)
                    : "",
        unsure_en[0] ? aprintf(C, "%s could not be placed in the table with confidence", unsure_en)
                     : "",
        miss_en[0] ? aprintf(C, "%s not found in the table", miss_en) : ""};
    fd->message_zh = aprintf(C, "无法确定“%s”%s是否成立：%s", rc->title_zh, rc->instance_zh,
                             joined(C, parts_zh, "；"));
    fd->message_en = aprintf(C, "cannot tell whether \"%s\"%s holds: %s", rc->title_en,
                             rc->instance_en, joined(C, parts_en, "; "));
    evidence_of(C, fd, a);
    if (b) evidence_of(C, fd, b);
    return true;
}

static void finish_compare(checker *C, const nb_form_rule *rc, const oplist *a, const oplist *b,
                           bool holds, const char *zh, const char *en)
{
    nb_status st = holds ? NB_STATUS_PASS : NB_STATUS_FAIL;
    size_t line = own_line(a, b);
    nb_finding *fd =
        add_finding(C, rc->id, st, holds ? NB_SEV_INFO : (nb_severity)rc->severity, line);
    if (!fd) return;
    hash h = {0};
    hash_add(&h, rc->id);
    hash_add(&h, rc->value);
    hash_side(&h, a);
    hash_side(&h, b);
    set_fingerprint(fd, &h);
    fd->message_zh = zh;
    fd->message_en = en;
    evidence_of(C, fd, a);
    evidence_of(C, fd, b);
}

/* Whether a comparison holds over the operands' values, whatever their states. */
static bool compare_holds(const nb_form_rule *rc, const oplist *a, const oplist *b)
{
    nb_number l = side_sum(a), r = side_sum(b);
    if (rc->check == NB_CHECK_BOUNDS) {
        nb_number mx = b->v[0].value;
        for (size_t i = 1; i < b->n; i++)
            if (nb_number_compare(&b->v[i].value, &mx) > 0) mx = b->v[i].value;
        return nb_number_compare(&mx, &l) <= 0 && nb_number_compare(&l, &r) <= 0;
    }
    int c = nb_number_compare(&l, &r);
    return rc->check == NB_CHECK_LE ? c <= 0 : c == 0;
}

/* Whether the operands not read for sure are only cells placed by order (unsure) in readings
 * that are confident: then a rule that holds confirms them (a misreading rarely satisfies a
 * sum), and only a rule that breaks is left uncertain. */
static bool confirmable_operand(const checker *C, const operand *o)
{
    if (o->state != OP_UNSURE || o->opnd >= C->f->ncells) return false;
    const nb_reading *rd = binding_reading(C->b, C->f->rows[C->f->cells[o->opnd].row].table);
    return rd && rd->confident;
}

static bool unsure_confirmable(const checker *C, const oplist *a, const oplist *b)
{
    const oplist *sides[2] = {a, b};
    bool any = false;
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < sides[s]->n; i++) {
            const operand *o = &sides[s]->v[i];
            if (o->state == OP_OK) continue;
            if (!confirmable_operand(C, o)) return false;
            any = true;
        }
    return any;
}

static void eval_compare(checker *C, const nb_form_rule *rc)
{
    oplist a = {0}, b = {0};
    bool bounds = rc->check == NB_CHECK_BOUNDS;
    expand_side(C, rc->left, rc->nleft, &a);
    expand_side(C, rc->right, rc->nright, &b);
    if (C->failed || !a.n || !b.n) goto done;
    if (!(unsure_confirmable(C, &a, &b) && compare_holds(rc, &a, &b)) && unreadable(C, rc, &a, &b))
        goto done;
    nb_number l = side_sum(&a), r = side_sum(&b);
    char lv[64], rv[64];
    nb_number_format(&l, lv, sizeof lv);
    nb_number_format(&r, rv, sizeof rv);
    const char *la_zh = side_label(C, &a, true), *lb_zh = side_label(C, &b, true);
    const char *la_en = side_label(C, &a, false), *lb_en = side_label(C, &b, false);
    const char *wa_zh = side_lines(C, &a, true), *wb_zh = side_lines(C, &b, true);
    const char *wa_en = side_lines(C, &a, false), *wb_en = side_lines(C, &b, false);
    if (bounds) {
        nb_number mx = b.v[0].value;
        for (size_t i = 1; i < b.n; i++)
            if (nb_number_compare(&b.v[i].value, &mx) > 0) mx = b.v[i].value;
        char mv[64];
        nb_number_format(&mx, mv, sizeof mv);
        bool holds = nb_number_compare(&mx, &l) <= 0 && nb_number_compare(&l, &r) <= 0;
        finish_compare(
            C, rc, &a, &b, holds,
            aprintf(C, "%s%s：%s为%s（%s），而%s中最大为%s、合计为%s（%s）", rc->title_zh,
                    rc->instance_zh, la_zh, lv, wa_zh, lb_zh, mv, rv, wb_zh),
            aprintf(C, "%s%s: %s is %s (%s) while %s are at most %s and add up to %s (%s)",
                    rc->title_en, rc->instance_en, la_en, lv, wa_en, lb_en, mv, rv, wb_en));
    } else {
        int c = nb_number_compare(&l, &r);
        bool le = rc->check == NB_CHECK_LE;
        bool holds = le ? c <= 0 : c == 0;
        const char *rel_zh = le ? "不应大于" : "应等于",
                   *rel_en = le ? "should not exceed" : "should equal";
        finish_compare(C, rc, &a, &b, holds,
                       aprintf(C, "%s%s：%s为%s（%s），%s%s合计%s（%s）", rc->title_zh,
                               rc->instance_zh, la_zh, lv, wa_zh, rel_zh, lb_zh, rv, wb_zh),
                       aprintf(C, "%s%s: %s is %s (%s), which %s %s = %s (%s)", rc->title_en,
                               rc->instance_en, la_en, lv, wa_en, rel_en, lb_en, rv, wb_en));
    }
done:
    free(a.v);
    free(b.v);
}

/* Counts are whole and not negative: one finding per cell that is not, one PASS otherwise. */
static void eval_whole(checker *C, const nb_form_rule *rc)
{
    oplist all = {0};
    expand_side(C, rc->left, rc->nleft, &all);
    size_t checked = 0, bad = 0;
    for (size_t i = 0; i < all.n; i++) {
        operand *o = &all.v[i];
        /* a number placed by order in a confident reading is checked too: whole, it passes;
         * not whole, it may be another row's (an amount), so it is only uncertain */
        bool unsure = confirmable_operand(C, o);
        if (o->state != OP_OK && !unsure) continue;
        if (o->opnd < C->f->ncells && C->f->rows[C->f->cells[o->opnd].row].amount) continue;
        checked++;
        int64_t scale = 1;
        for (int k = 0; k < o->value.decimals && k < 18; k++) scale *= 10;
        bool whole = o->value.units >= 0 && o->value.units % scale == 0;
        if (whole) continue;
        bad++;
        nb_status st = unsure ? NB_STATUS_UNCERTAIN : NB_STATUS_FAIL;
        nb_finding *fd = add_finding(
            C, rc->id, st, unsure ? soft(st, (nb_severity)rc->severity) : (nb_severity)rc->severity,
            o->line);
        if (!fd) break;
        hash h = {0};
        hash_add(&h, rc->id);
        hash_add(&h, o->id);
        hash_add(&h, o->raw);
        set_fingerprint(fd, &h);
        fd->message_zh =
            aprintf(C, "%s：%s为%s（第%zu行），不是非负整数%s", rc->title_zh, o->label, o->raw,
                    o->line, unsure ? "；但此数只按顺序对应，可能属于别的行" : "");
        fd->message_en = aprintf(C, "%s: %s is %s (line %zu), not a whole number%s", rc->title_en,
                                 o->label, o->raw, o->line,
                                 unsure ? "; but the number was placed by order alone and may "
                                          "be another row's"
                                        : "");
        add_evidence(C, fd, o->line, o->raw, o->label);
    }
    if (!bad && checked) {
        nb_finding *fd = add_finding(C, rc->id, NB_STATUS_PASS, NB_SEV_INFO, 0);
        if (fd) {
            hash h = {0};
            hash_add(&h, rc->id);
            set_fingerprint(fd, &h);
            fd->message_zh = aprintf(C, "%s（%zu个单元格）", rc->title_zh, checked);
            fd->message_en = aprintf(C, "%s (%zu cells)", rc->title_en, checked);
        }
    }
    free(all.v);
}

static void eval_rule(checker *C, const nb_form_rule *rc)
{
    const nb_reading *rd = rc->table >= 0 ? binding_reading(C->b, (size_t)rc->table) : NULL;
    if (rd && !rd->confident) return; /* one finding for the table says why (unread_tables) */
    if (rc->check == NB_CHECK_WHOLE)
        eval_whole(C, rc);
    else
        eval_compare(C, rc);
}

/* A table read without confidence: one finding, in place of its rules. */
static void unread_tables(checker *C)
{
    for (size_t i = 0; i < C->b->nreadings; i++) {
        const nb_reading *rd = &C->b->readings[i];
        if (rd->confident) continue;
        const nb_form_table *t = &C->f->tables[rd->table];
        size_t rules = 0;
        for (size_t k = 0; k < C->f->nrules; k++) rules += C->f->rules[k].table == (long)rd->table;
        const nb_table *first = &C->doc->tables[rd->sources[0]];
        size_t last_line = first->line_last; /* the table may be printed in parts */
        for (size_t k = 1; k < rd->nsources; k++)
            if (C->doc->tables[rd->sources[k]].line_last > last_line)
                last_line = C->doc->tables[rd->sources[k]].line_last;
        nb_finding *fd =
            add_finding(C, "table.reading", NB_STATUS_UNCERTAIN, NB_SEV_WARNING, first->line_first);
        if (!fd) return;
        hash h = {0};
        hash_add(&h, "table.reading");
        hash_add(&h, t->id);
        hash_add(&h, rd->reason_en);
        set_fingerprint(fd, &h);
        const char *title = t->title ? t->title : t->id;
        fd->message_zh = aprintf(C, "表格“%s”（第%zu–%zu行）未能可靠读出：%s；其%zu项校验未进行",
                                 title, first->line_first, last_line, rd->reason_zh, rules);
        fd->message_en = aprintf(C,
                                 "the table “%s” (lines %zu–%zu) could not be read with "
                                 "confidence: %s; its %zu checks were not made",
                                 title, first->line_first, last_line, rd->reason_en, rules);
        add_evidence(C, fd, first->line_first, "", title);
        if (last_line != first->line_first) add_evidence(C, fd, last_line, "", title);
    }
}

/* ---- prose against tables ---------------------------------------------------------------- */

static const char *qualified(checker *C, const nb_number *n, bool zh)
{
    char v[64];
    nb_number_format(n, v, sizeof v);
    switch (n->qualifier) {
    case NB_QUAL_AT_LEAST:
        return aprintf(C, zh ? "至少%s" : "at least %s", v);
    case NB_QUAL_MORE:
        return aprintf(C, zh ? "超过%s" : "more than %s", v);
    case NB_QUAL_AT_MOST:
        return aprintf(C, zh ? "至多%s" : "at most %s", v);
    case NB_QUAL_LESS:
        return aprintf(C, zh ? "不到%s" : "less than %s", v);
    case NB_QUAL_ABOUT:
        return aprintf(C, zh ? "约%s" : "about %s", v);
    case NB_QUAL_EXACT:
        break;
    }
    return aprintf(C, "%s", v);
}

static void check_figure(checker *C, const nb_figure *fig)
{
    const nb_form_pattern *p = &C->f->patterns[fig->pattern];
    /* the cells it may speak of: its pattern's, and another topic's named as near */
    const nb_form_pattern *q = fig->alt >= 0 ? &C->f->patterns[fig->alt] : NULL;
    size_t ops[8], n = 0;
    for (size_t k = 0; k < p->ncells && n < 8; k++) ops[n++] = p->cells[k];
    for (size_t k = 0; q && k < q->ncells && n < 8; k++) ops[n++] = q->cells[k];
    operand alts[8];
    size_t ok = 0, uncertain = 0;
    long agree = -1;
    for (size_t k = 0; k < n; k++) {
        resolve(C, ops[k], &alts[k]);
        /* (a prose figure too large to hold exactly agrees with nothing: UNCERTAIN) */
        if (fig->value.overflow && (alts[k].state == OP_OK || alts[k].state == OP_UNSURE))
            alts[k].state = OP_UNCERTAIN;
        /* a number whose column is not sure still agrees when it is the figure: the prose
         * confirms it; when it differs, nothing can be said */
        if (alts[k].state == OP_UNSURE && agree < 0 &&
            nb_number_agrees(&fig->value, &alts[k].value))
            agree = (long)k;
        if (alts[k].state == OP_UNCERTAIN || alts[k].state == OP_UNSURE) uncertain++;
        if (alts[k].state != OP_OK) continue;
        ok++;
        if (agree < 0 && nb_number_agrees(&fig->value, &alts[k].value)) agree = (long)k;
    }
    if (!ok && !uncertain) return; /* the table it speaks of is not in the report */
    /* two statistics named together (行政复议、行政诉讼案件…74件): the figure may be their sum */
    const operand *pa = &alts[0], *qa = q && p->ncells < n ? &alts[p->ncells] : NULL;
    bool sum = false;
    if (agree < 0 && qa && pa->state == OP_OK && qa->state == OP_OK) {
        nb_number both = nb_number_add(&pa->value, &qa->value);
        sum = nb_number_agrees(&fig->value, &both);
    }
    if (sum) {
        const char *rule = aprintf(C, "prose.%s", p->id);
        nb_finding *fd = add_finding(C, rule, NB_STATUS_PASS, NB_SEV_INFO, fig->line);
        if (!fd) return;
        hash h = {0};
        hash_add(&h, rule);
        hash_add(&h, fig->text);
        hash_add(&h, "sum");
        set_fingerprint(fd, &h);
        const char *fz = qualified(C, &fig->value, true), *fe = qualified(C, &fig->value, false);
        fd->message_zh = aprintf(C, "正文第%zu行“%s”为%s，等于表格“%s”（%s）与“%s”（%s）之和，一致",
                                 fig->line, fig->text, fz, pa->label, pa->raw, qa->label, qa->raw);
        fd->message_en = aprintf(C,
                                 "line %zu of the prose says %s (“%s”); the table agrees: the sum "
                                 "of %s (%s) and %s (%s)",
                                 fig->line, fe, fig->text, pa->label, pa->raw, qa->label, qa->raw);
        add_evidence(C, fd, fig->line, fz, fig->text);
        if (pa->line) add_evidence(C, fd, pa->line, pa->raw, pa->label);
        if (qa->line) add_evidence(C, fd, qa->line, qa->raw, qa->label);
        return;
    }
    nb_status st = agree >= 0 ? NB_STATUS_PASS : ok && !q ? NB_STATUS_FAIL : NB_STATUS_UNCERTAIN;
    nb_severity sev = st == NB_STATUS_FAIL ? NB_SEV_ERROR : soft(st, NB_SEV_ERROR);
    const char *rule = aprintf(C, "prose.%s", p->id);
    nb_finding *fd = add_finding(C, rule, st, sev, fig->line);
    if (!fd) return;
    const operand *t = &alts[agree >= 0 ? (size_t)agree : 0];
    for (size_t k = 0; k < n && st == NB_STATUS_UNCERTAIN; k++)
        if (alts[k].state == OP_UNCERTAIN || alts[k].state == OP_UNSURE) t = &alts[k];
    for (size_t k = 0; k < n && st == NB_STATUS_FAIL; k++)
        if (alts[k].state == OP_OK) {
            t = &alts[k];
            break;
        }
    hash h = {0};
    hash_add(&h, rule);
    hash_add(&h, fig->text);
    hash_add(&h, t->id);
    hash_add(&h, t->raw);
    set_fingerprint(fd, &h);
    const char *fz = qualified(C, &fig->value, true), *fe = qualified(C, &fig->value, false);
    char tl_zh[32] = "", tl_en[32] = "";
    if (t->line) {
        snprintf(tl_zh, sizeof tl_zh, "第%zu行", t->line);
        snprintf(tl_en, sizeof tl_en, "line %zu", t->line);
    }
    if (st == NB_STATUS_UNCERTAIN && q && ok) {
        const operand *o = &alts[p->ncells < n ? p->ncells : 0];
        fd->message_zh = aprintf(C,
                                 "正文第%zu行“%s”为%s，可能指“%s”（表格为%s）或“%s”（表格为%s），"
                                 "均不一致，但所指不能确定",
                                 fig->line, fig->text, fz, t->label, t->raw, o->label, o->raw);
        fd->message_en = aprintf(C,
                                 "line %zu of the prose says %s (“%s”), which may mean %s (the "
                                 "table has %s) or %s (%s); neither agrees, but which is meant "
                                 "cannot be told",
                                 fig->line, fe, fig->text, t->label, t->raw, o->label, o->raw);
    } else if (st == NB_STATUS_UNCERTAIN && t->state == OP_UNSURE) {
        fd->message_zh = aprintf(C, "正文第%zu行“%s”为%s，但表格%s“%s”未能可靠读出%s%s%s，无法核对",
                                 fig->line, fig->text, fz, tl_zh, t->label, t->raw[0] ? "（" : "",
                                 t->raw, t->raw[0] ? "）" : "");
        fd->message_en = aprintf(C,
                                 "line %zu of the prose says %s (“%s”), but %s in the table (%s) "
                                 "could not be read with confidence",
                                 fig->line, fe, fig->text, t->label, tl_en);
    } else if (st == NB_STATUS_UNCERTAIN) {
        fd->message_zh =
            aprintf(C, "正文第%zu行“%s”为%s，但表格%s“%s”为空、不是数字或数值过大，无法核对",
                    fig->line, fig->text, fz, tl_zh, t->label);
        fd->message_en = aprintf(C,
                                 "line %zu of the prose says %s (“%s”), but %s in the table (%s) "
                                 "is blank, not a number or too large to compare",
                                 fig->line, fe, fig->text, t->label, tl_en);
    } else {
        fd->message_zh =
            aprintf(C, "正文第%zu行“%s”为%s，表格%s“%s”为%s%s", fig->line, fig->text, fz, tl_zh,
                    t->label, t->raw, st == NB_STATUS_PASS ? "，一致" : "，不一致");
        fd->message_en = aprintf(C,
                                 "line %zu of the prose says %s (“%s”) but the table has %s for "
                                 "%s (%s)",
                                 fig->line, fe, fig->text, t->raw, t->label, tl_en);
        if (st == NB_STATUS_PASS)
            fd->message_en = aprintf(C,
                                     "line %zu of the prose says %s (“%s”); the table agrees: "
                                     "%s for %s (%s)",
                                     fig->line, fe, fig->text, t->raw, t->label, tl_en);
    }
    add_evidence(C, fd, fig->line, qualified(C, &fig->value, true), fig->text);
    if (t->line) add_evidence(C, fd, t->line, t->raw, t->label);
}

/* ---- document rules ---------------------------------------------------------------------- */

static bool is_prose(const nb_block *b)
{
    return b->kind == NB_BLOCK_PARAGRAPH || b->kind == NB_BLOCK_LIST_ITEM ||
           b->kind == NB_BLOCK_HEADING || b->kind == NB_BLOCK_SUBTITLE;
}

static nb_finding *doc_finding(checker *C, const char *rule, nb_status st, nb_severity sev,
                               size_t line, const char *key)
{
    nb_finding *fd = add_finding(C, rule, st, sev, line);
    if (fd) {
        hash h = {0};
        hash_add(&h, rule);
        hash_add(&h, key);
        set_fingerprint(fd, &h);
    }
    return fd;
}

/* The signature date of a report for year Y normally lies between Y-12-01 and (Y+1)-03-31. */
static void check_date(checker *C)
{
    const nb_doc *d = C->doc;
    if (!d->year || !d->date_year) return;
    int date = d->date_year * 10000 + d->date_month * 100 + d->date_day;
    int lo = d->year * 10000 + 1201, hi = (d->year + 1) * 10000 + 331;
    bool ok = date >= lo && date <= hi;
    char key[32];
    snprintf(key, sizeof key, "%d-%d", d->year, date);
    nb_finding *fd = doc_finding(C, "doc.date_window", ok ? NB_STATUS_PASS : NB_STATUS_FAIL,
                                 ok ? NB_SEV_INFO : NB_SEV_WARNING, d->date_line, key);
    if (!fd) return;
    fd->message_zh =
        aprintf(C, "落款日期%d年%d月%d日（第%zu行）%s%d年度报告通常的成文时间（%d年12月至%d年3月）",
                d->date_year, d->date_month, d->date_day, d->date_line, ok ? "在" : "不在", d->year,
                d->year, d->year + 1);
    fd->message_en = aprintf(C,
                             "the report for %d is dated %04d-%02d-%02d (line %zu), %s the usual "
                             "window %d-12-01 to %d-03-31",
                             d->year, d->date_year, d->date_month, d->date_day, d->date_line,
                             ok ? "within" : "outside", d->year, d->year + 1);
    add_evidence(C, fd, d->date_line, "", "落款日期");
    if (d->year_line) add_evidence(C, fd, d->year_line, aprintf(C, "%d", d->year), "报告年度");
}

/* The four-digit year written just before offset in the same sentence, or 0. */
static int year_in_sentence(const char *text, size_t offset, size_t *at)
{
    size_t start = offset;
    while (start > 0) {
        size_t k = start - 1;
        while (k > 0 && ((unsigned char)text[k] & 0xC0) == 0x80) k--;
        if (text_contains(text + k, start - k, "。") || text_contains(text + k, start - k, "；"))
            break;
        start = k;
    }
    int found = 0;
    for (size_t i = start; i + 4 < offset; i++) {
        if (!(text[i] >= '1' && text[i] <= '2') ||
            (i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9'))
            continue;
        int y = 0, k = 0;
        for (; k < 4 && text[i + k] >= '0' && text[i + k] <= '9'; k++)
            y = y * 10 + text[i + k] - '0';
        if (k != 4 || (text[i + 4] >= '0' && text[i + 4] <= '9')) continue;
        size_t j = i + 4 + text_skip_blanks(text + i + 4, offset - i - 4, NULL);
        if (j + 3 <= offset && memcmp(text + j, "年", 3) == 0 && y >= 1990 && y <= 2100) {
            found = y;
            *at = i;
        }
    }
    return found;
}

/* A figure of the statistics stated for another year than the report's ("2022年度…受理"). */
static void check_figure_years(checker *C)
{
    int year = C->doc->year;
    for (size_t i = 0; year && C->figs && i < C->figs->n; i++) {
        const nb_figure *fig = &C->figs->items[i];
        const nb_block *b = &C->doc->blocks[fig->block];
        size_t at = 0;
        int y = year_in_sentence(b->text, fig->offset, &at);
        if (!y || y == year) continue;
        char key[256];
        snprintf(key, sizeof key, "%d|%s", y, fig->text);
        nb_finding *fd = doc_finding(C, "doc.year_mismatch", NB_STATUS_FAIL, NB_SEV_WARNING,
                                     nb_block_line_at(b, at), key);
        if (!fd) return;
        fd->message_zh = aprintf(C, "第%zu行的统计数字“%s”所在句子写的是%d年，报告年度为%d年",
                                 fig->line, fig->text, y, year);
        fd->message_en = aprintf(C,
                                 "the figure “%s” on line %zu is stated for %d, but the report "
                                 "is for %d",
                                 fig->text, fig->line, y, year);
        add_evidence(C, fd, nb_block_line_at(b, at), aprintf(C, "%d", y), fig->text);
        if (C->doc->year_line)
            add_evidence(C, fd, C->doc->year_line, aprintf(C, "%d", year), "报告年度");
    }
}

/* The statistics period ("统计期限自2024年1月1日至2024年12月31日") must be the report's year. */
static void check_period(checker *C)
{
    static const char *const keys[] = {"统计期限", "统计周期", "统计时限", "统计时间"};
    int year = C->doc->year;
    for (size_t i = 0; year && i < C->doc->nblocks; i++) {
        const nb_block *b = &C->doc->blocks[i];
        if (!is_prose(b)) continue;
        for (size_t k = 0; k < 4; k++) {
            const char *p = strstr(b->text, keys[k]);
            if (!p) continue;
            size_t off = (size_t)(p - b->text), end = off + 60 < b->len ? off + 60 : b->len;
            size_t at = 0;
            /* the last year written in the clause after the keyword */
            int y = 0;
            for (size_t j = off; j < end; j++) {
                size_t a2;
                int yy = year_in_sentence(b->text, j + 1, &a2);
                if (yy && a2 >= off) y = yy, at = a2;
            }
            if (!y || y == year) break;
            nb_finding *fd = doc_finding(C, "doc.year_mismatch", NB_STATUS_FAIL, NB_SEV_WARNING,
                                         nb_block_line_at(b, at), aprintf(C, "period %d", y));
            if (!fd) return;
            fd->message_zh = aprintf(C, "第%zu行写明的统计期限是%d年，报告年度为%d年",
                                     nb_block_line_at(b, at), y, year);
            fd->message_en = aprintf(C,
                                     "the statistics period on line %zu is %d, but the report is "
                                     "for %d",
                                     nb_block_line_at(b, at), y, year);
            add_evidence(C, fd, nb_block_line_at(b, at), aprintf(C, "%d", y), keys[k]);
            break;
        }
    }
}

static bool has_content(const nb_doc *d, size_t heading)
{
    for (size_t i = heading + 1; i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        if (b->kind == NB_BLOCK_HEADING && b->level == 1) return false;
        if (b->kind == NB_BLOCK_TABLE) return true;
        if (b->kind == NB_BLOCK_HEADING) return true;
        if (b->len && strcmp(b->text, "无") != 0 && strcmp(b->text, "无。") != 0 &&
            strcmp(b->text, "无.") != 0)
            return true;
    }
    return false;
}

/* Whether text names section k of the form (traditional characters read as simplified). */
static bool names_section(const checker *C, const char *text, size_t k)
{
    text_fold fold = {C->f->trad_from, C->f->trad_to, C->f->ntrad, C->f->trad_bmp};
    return text_find_folded(text, strlen(text), C->f->sections[k], &fold, NULL) != (size_t)-1;
}

static bool heading_has_standard_title(const checker *C, const nb_block *b)
{
    for (size_t k = 0; C->f && k < C->f->nsections; k++)
        if (names_section(C, b->text, k)) return true;
    return false;
}

static bool gap_explained(const checker *C, const nb_block *from, const nb_block *to)
{
    for (const nb_block *b = from + 1; b < to; b++)
        if (b->kind == NB_BLOCK_HEADING && b->level > 1 && heading_has_standard_title(C, b))
            return true;
    return false;
}

static void check_sections(checker *C)
{
    const nb_doc *d = C->doc;
    int prev = 0;
    const nb_block *prev_b = NULL;
    for (size_t i = 0; i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        if (b->kind != NB_BLOCK_HEADING || b->level != 1) continue;
        int n = b->ordinal;
        /* a restart at 一 is a layout some agencies use (narrative chapters, then table
         * chapters); a gap is reported unless the missing section's content stands under
         * lower-level headings in between (its own heading lost, as converters do) */
        if (prev && n != prev + 1 && n != 1 && !gap_explained(C, prev_b, b)) {
            nb_finding *fd = doc_finding(C, "doc.section_order", NB_STATUS_FAIL,
                                         n == 1 ? NB_SEV_INFO : NB_SEV_WARNING, b->line_first,
                                         aprintf(C, "%s%s|%s", b->marker, b->text, prev_b->text));
            if (!fd) return;
            fd->message_zh =
                aprintf(C, "一级标题编号不连续：“%s%s”（第%zu行）紧接在“%s%s”（第%zu行）之后",
                        b->marker, b->text, (size_t)b->line_first, prev_b->marker, prev_b->text,
                        (size_t)prev_b->line_first);
            fd->message_en = aprintf(C,
                                     "section numbers out of order: “%s%s” (line %zu) follows "
                                     "“%s%s” (line %zu)",
                                     b->marker, b->text, (size_t)b->line_first, prev_b->marker,
                                     prev_b->text, (size_t)prev_b->line_first);
            add_evidence(C, fd, b->line_first, b->marker, b->text);
            add_evidence(C, fd, prev_b->line_first, prev_b->marker, prev_b->text);
        }
        if (!has_content(d, i)) {
            nb_finding *fd = doc_finding(C, "doc.section_empty", NB_STATUS_FAIL, NB_SEV_INFO,
                                         b->line_first, b->text);
            if (!fd) return;
            fd->message_zh = aprintf(C, "“%s%s”（第%zu行）下没有实质内容", b->marker, b->text,
                                     (size_t)b->line_first);
            fd->message_en = aprintf(C, "section “%s%s” (line %zu) is empty", b->marker, b->text,
                                     (size_t)b->line_first);
            add_evidence(C, fd, b->line_first, b->marker, b->text);
        }
        prev = n;
        prev_b = b;
    }
    if (!C->f) return;
    for (size_t k = 0; k < C->f->nsections; k++) {
        bool found = false;
        for (size_t i = 0; i < d->nblocks && !found; i++)
            found = d->blocks[i].kind == NB_BLOCK_HEADING && names_section(C, d->blocks[i].text, k);
        if (found) continue;
        nb_finding *fd = doc_finding(C, "doc.section_missing", NB_STATUS_FAIL, NB_SEV_INFO, 0,
                                     C->f->sections[k]);
        if (!fd) return;
        fd->message_zh = aprintf(C, "未找到标准章节“%s”", C->f->sections[k]);
        fd->message_en = aprintf(C, "the standard section “%s” was not found", C->f->sections[k]);
    }
}

/* Fees charged in the table while the text says none were. */
static size_t clause_start(const char *t, size_t len, size_t at, const char *const *seps,
                           size_t nseps, size_t reach);
static size_t clause_end(const char *t, size_t len, size_t from, const char *const *seps,
                         size_t nseps, size_t limit);

/* The clause around t[at]: from after the last ，。；：, before it to the next one. */
static void fee_clause(const char *t, size_t len, size_t at, size_t *from, size_t *to)
{
    static const char *const seps[] = {"，", "。", "；", "：", ",", ";", ":"};
    const size_t n = sizeof seps / sizeof seps[0];
    *from = clause_start(t, len, at, seps, n, at + 1);
    *to = clause_end(t, len, at, seps, n, len);
}

static bool names_fee(const nb_form *f, const char *t, size_t len)
{
    for (size_t k = 0; k < f->nfee_words; k++)
        if (text_contains(t, len, f->fee_words[k])) return true;
    return false;
}

/* A statement in the prose that no fee of the form's kind was charged (本年度未收取信息处理费):
 * a no-fee phrase whose clause names one of the form's fee words. */
static bool no_fee_statement(const checker *C, const nb_block **blk, size_t *at, size_t *k_out)
{
    const nb_form *f = C->f;
    for (size_t i = 0; i < C->doc->nblocks; i++) {
        const nb_block *b = &C->doc->blocks[i];
        if (!is_prose(b)) continue;
        for (size_t k = 0; k < f->nno_fees; k++)
            for (const char *p = strstr(b->text, f->no_fees[k]); p;
                 p = strstr(p + strlen(f->no_fees[k]), f->no_fees[k])) {
                size_t from, to;
                fee_clause(b->text, b->len, (size_t)(p - b->text), &from, &to);
                if (!names_fee(f, b->text + from, to - from)) continue;
                *blk = b, *at = (size_t)(p - b->text), *k_out = k;
                return true;
            }
    }
    return false;
}

/* An amount of the form's fee stated in the prose (收取信息处理费120元): a fee word and, later in
 * its clause, a number in 元 or 万元 above zero, the clause saying nothing of none charged. */
static bool fee_amount(const checker *C, const nb_block **blk, size_t *at, nb_number *amount)
{
    const nb_form *f = C->f;
    for (size_t i = 0; i < C->doc->nblocks; i++) {
        const nb_block *b = &C->doc->blocks[i];
        if (!is_prose(b)) continue;
        for (size_t w = 0; w < f->nfee_words; w++)
            for (const char *p = strstr(b->text, f->fee_words[w]); p;
                 p = strstr(p + strlen(f->fee_words[w]), f->fee_words[w])) {
                size_t from, to, off = (size_t)(p - b->text);
                fee_clause(b->text, b->len, off, &from, &to);
                bool none = false;
                for (size_t k = 0; k < f->nno_fees && !none; k++)
                    none = text_contains(b->text + from, to - from, f->no_fees[k]);
                if (none) continue;
                nb_number q[4];
                size_t n = nb_numeral_scan(b->text + from, to - from, q, 4);
                for (size_t k = 0; k < n; k++) {
                    bool money = !strcmp(q[k].unit, "元") || !strcmp(q[k].unit, "万元");
                    if (!money || q[k].overflow || q[k].units <= 0) continue;
                    *blk = b, *at = from + q[k].offset, *amount = q[k];
                    return true;
                }
            }
    }
    return false;
}

/* doc.fees: the prose says no fee was charged, while the report states such a fee elsewhere —
 * the same fee, never another: the form's fee row before 2019 (依申请公开信息收取的费用); after
 * it, an amount of 信息处理费 stated in the prose, never 表二's 行政事业性收费, the agency's
 * administrative fees in general (forms/README.md, issue 19). */
static void check_fees(checker *C)
{
    if (!C->f || !C->f->nno_fees || !C->f->nfee_words) return;
    const nb_block *sb;
    size_t sat, k;
    if (!no_fee_statement(C, &sb, &sat, &k)) return;
    size_t line = nb_block_line_at(sb, sat);
    const char *said = C->f->no_fees[k];
    const char *value, *label, *zh, *en;
    size_t other;
    if (C->f->fees_cell >= 0) {
        operand fee;
        resolve(C, (size_t)C->f->fees_cell, &fee);
        if (fee.state != OP_OK || fee.value.units <= 0) return;
        value = aprintf(C, "%s", fee.raw);
        label = aprintf(C, "%s", fee.label);
        other = fee.line;
        zh =
            aprintf(C, "正文第%zu行称“%s”，但表格第%zu行“%s”为%s", line, said, other, label, value);
        en = aprintf(C,
                     "line %zu says no fee was charged (“%s”), but the table has %s for %s "
                     "(line %zu)",
                     line, said, value, label, other);
    } else {
        const nb_block *ab;
        size_t aat;
        nb_number amount;
        if (!fee_amount(C, &ab, &aat, &amount)) return;
        char num[48];
        nb_number_format(&amount, num, sizeof num);
        value = aprintf(C, "%s%s", num, amount.unit);
        label = aprintf(C, "%s", C->f->fee_words[0]);
        other = nb_block_line_at(ab, aat);
        zh = aprintf(C, "正文第%zu行称“%s”%s，但第%zu行写明%s%s", line, said, label, other, label,
                     value);
        en = aprintf(C, "line %zu says no %s was charged (“%s”), but line %zu states %s of it",
                     line, label, said, other, value);
    }
    nb_finding *fd = doc_finding(C, "doc.fees", NB_STATUS_FAIL, NB_SEV_WARNING, line,
                                 aprintf(C, "%s|%s", said, value));
    if (!fd) return;
    fd->message_zh = zh;
    fd->message_en = en;
    add_evidence(C, fd, line, "", said);
    add_evidence(C, fd, other, value, label);
}

static void slip(checker *C, const nb_block *b, size_t off, const char *what, const char *kind)
{
    size_t line = nb_block_line_at(b, off);
    nb_finding *fd = doc_finding(C, "doc.text_slip", NB_STATUS_FAIL, NB_SEV_INFO, line,
                                 aprintf(C, "%s|%.40s", what, b->text));
    if (!fd) return;
    fd->message_zh = aprintf(C, "第%zu行疑似笔误：%s“%s”", line, kind, what);
    fd->message_en =
        aprintf(C, "line %zu has a likely slip: %s “%s”", line,
                strcmp(kind, "重复标点") == 0 ? "doubled punctuation" : "doubled character", what);
    add_evidence(C, fd, line, what, "");
}

static void check_slips(checker *C)
{
    static const char *const punct[] = {"。。", "，，", "、、", "；；", "：：", "，。", "。，"};
    for (size_t i = 0; i < C->doc->nblocks; i++) {
        const nb_block *b = &C->doc->blocks[i];
        if (!is_prose(b)) continue;
        for (size_t k = 0; k < sizeof punct / sizeof punct[0]; k++)
            for (const char *p = strstr(b->text, punct[k]); p; p = strstr(p + 6, punct[k]))
                slip(C, b, (size_t)(p - b->text), punct[k], "重复标点");
        for (size_t k = 0; C->f && k < C->f->nslips; k++)
            for (const char *p = strstr(b->text, C->f->slips[k]); p;
                 p = strstr(p + strlen(C->f->slips[k]), C->f->slips[k]))
                slip(C, b, (size_t)(p - b->text), C->f->slips[k], "重复用字");
    }
}

/* ---- parts and shares stated in the prose ------------------------------------------------- */

/* A total and its parts in one sentence (共公布政府信息2599条，其中机构职能类信息25条、…): the
 * parts cannot add up to more than the total (a 其中 list need not name every kind); a share
 * stated next to a part (…148条，占34.8%) is the part over the sentence's total, within the
 * rounding of its printed decimals. No table is needed: the prose contradicts itself. Figures
 * with a qualifier (余, 约) are left alone. */
#define MAX_PROSE_QTY 256
#define MARK_REACH    12 /* bytes before a total its word may stand: 共计 */

static bool word_before(const char *t, size_t at, size_t reach, const char *const *w, size_t n)
{
    size_t from = at > reach ? at - reach : 0;
    for (size_t i = from; i < at; i++)
        for (size_t k = 0; k < n; k++) {
            if (t[i] != w[k][0]) continue;
            size_t l = strlen(w[k]);
            if (i + l <= at && memcmp(t + i, w[k], l) == 0 &&
                !text_contains(t + i + l, at - i - l, "，") &&
                !text_contains(t + i + l, at - i - l, "、"))
                return true;
        }
    return false;
}

/* The total's word in the count's clause, before it: 0 none, 1 共 (a list after it needs 其中),
 * 2 累计, 合计, 总计 (its parts may follow without). */
/* Where the clause holding t[at] starts: back over whole characters to just after one of seps,
 * going at most while fewer than reach bytes lie between. */
static size_t clause_start(const char *t, size_t len, size_t at, const char *const *seps,
                           size_t nseps, size_t reach)
{
    size_t from = at;
    while (from > 0 && at - from < reach) {
        size_t j = from - 1;
        while (j > 0 && ((unsigned char)t[j] & 0xC0) == 0x80) j--;
        bool stop = false;
        for (size_t k = 0; k < nseps && !stop; k++)
            stop = text_starts_with(t + j, len - j, seps[k]);
        if (stop) break;
        from = j;
    }
    return from;
}

/* Where the clause from t[from] ends: at the next of seps, or past limit (at most limit + 1). */
static size_t clause_end(const char *t, size_t len, size_t from, const char *const *seps,
                         size_t nseps, size_t limit)
{
    size_t to = from;
    while (to < len && to <= limit) {
        for (size_t k = 0; k < nseps; k++)
            if (text_starts_with(t + to, len - to, seps[k])) return to;
        to++;
    }
    return to;
}

static int total_mark(const char *t, size_t len, const nb_number *q)
{
    static const char *const strong[] = {"共计", "共計", "累计", "累計", "总计",
                                         "總計", "合计", "合計", "总共", "總共"};
    static const char *const seps[] = {"，", "。", "；", ",", ";"};
    size_t from =
        clause_start(t, len, q->offset, seps, sizeof seps / sizeof seps[0], MARK_REACH * 10);
    if (word_before(t, q->offset, q->offset - from, strong, sizeof strong / sizeof strong[0]))
        return 2;
    for (size_t i = from; i + 3 <= q->offset; i++) {
        if (memcmp(t + i, "共", 3)) continue;
        /* not 中共, 公共, 共享, 共建, 共同 */
        bool word =
            (i >= from + 3 && (!memcmp(t + i - 3, "中", 3) || !memcmp(t + i - 3, "公", 3))) ||
            (i + 6 <= q->offset && (!memcmp(t + i + 3, "享", 3) || !memcmp(t + i + 3, "建", 3) ||
                                    !memcmp(t + i + 3, "同", 3)));
        if (!word) return 1;
    }
    return 0;
}

static bool is_total_count(const char *t, size_t len, const nb_number *q)
{
    if (total_mark(t, len, q)) return true;
    /* …的425条政府信息中，: the total the parts are taken from */
    size_t e = q->offset + q->length, stop = e + 24 < len ? e + 24 : len;
    for (size_t i = e; i + 6 <= stop; i++)
        if (!memcmp(t + i, "中，", 6) || !memcmp(t + i, "中,", 4)) return true;
    return false;
}

/* Whether the clause of count q (between the separators around it) holds a verb of its own:
 * 发布, 受理…: a new statement after a list ("，通过门户网站发布信息98条"), not an item of it. */
static bool clause_has_verb(const char *t, size_t len, const nb_number *q)
{
    static const char *const verbs[] = {"发布", "發布", "推送", "受理", "收到", "清理", "废止",
                                        "廢止", "办理", "辦理", "处理", "處理", "办结", "辦結",
                                        "答复", "答覆", "举办", "舉辦", "召开", "召開", "开展",
                                        "開展", "通过", "通過", "制发", "製發", "出台"};
    static const char *const seps[] = {"，", "。", "；", "、", ",", ";"};
    /* (back at most 120 bytes, and one character more) */
    size_t from = clause_start(t, len, q->offset, seps, sizeof seps / sizeof seps[0], 121),
           to = clause_end(t, len, q->offset + q->length, seps, sizeof seps / sizeof seps[0],
                           q->offset + 120);
    for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++)
        if (text_contains(t + from, to - from, verbs[k])) return true;
    return false;
}

/* Brackets opened and not closed in t[from, to). */
static int bracket_depth(const char *t, size_t from, size_t to)
{
    int depth = 0;
    for (size_t i = from; i < to; i++) {
        if (t[i] == '(' || (i + 3 <= to && !memcmp(t + i, "（", 3))) depth++;
        if ((t[i] == ')' || (i + 3 <= to && !memcmp(t + i, "）", 3))) && depth > 0) depth--;
    }
    return depth;
}

static bool plain_count(const nb_number *q)
{
    return !q->year && !q->ordinal && !q->marker && !q->percent && !q->overflow &&
           q->unit_kind != NB_UNIT_NONE && q->unit_kind != NB_UNIT_PERCENT &&
           q->qualifier == NB_QUAL_EXACT;
}

static void parts_finding(checker *C, const nb_block *b, const nb_number *total,
                          const nb_number *parts, size_t np, const nb_number *sum)
{
    bool ok = nb_number_compare(sum, total) <= 0;
    size_t tl = nb_block_line_at(b, total->number_offset),
           pl = nb_block_line_at(b, parts[np - 1].number_offset);
    char ts[64], ss[64];
    nb_number_format(total, ts, sizeof ts);
    nb_number_format(sum, ss, sizeof ss);
    const char *excerpt =
        nb_arena_strndup(&C->doc->arena, b->text + total->offset,
                         parts[np - 1].offset + parts[np - 1].length - total->offset);
    if (!excerpt) return;
    nb_finding *fd = doc_finding(C, "prose.parts", ok ? NB_STATUS_PASS : NB_STATUS_FAIL,
                                 ok ? NB_SEV_INFO : NB_SEV_WARNING, tl, excerpt);
    if (!fd) return;
    fd->message_zh = aprintf(C, "正文第%zu行所列%zu项分项合计%s%s，%s总数%s%s（第%zu行）", pl, np,
                             ss, total->unit, ok ? "不超过" : "超过", ts, total->unit, tl);
    fd->message_en = aprintf(C,
                             "the %zu parts listed on line %zu add up to %s, %s the total %s "
                             "stated on line %zu",
                             np, pl, ss, ok ? "within" : "more than", ts, tl);
    add_evidence(C, fd, tl, aprintf(C, "%s", ts), "总数"); /* (evidence keeps the pointer) */
    add_evidence(C, fd, pl, aprintf(C, "%s", ss), "分项合计");
}

static void share_finding(checker *C, const nb_block *b, const nb_number *total,
                          const nb_number *part, const nb_number *pct)
{
    double t = nb_number_double(total), pv = nb_number_double(part), shown = nb_number_double(pct);
    if (!(t > 0)) return;
    double r = 100.0 * pv / t, tol = 0.5;
    for (int d = 0; d < pct->decimals; d++) tol /= 10;
    bool ok = fabs(r - shown) <= tol + 1e-9;
    size_t line = nb_block_line_at(b, pct->number_offset),
           tl = nb_block_line_at(b, total->number_offset);
    char ps[64], ts[64], ss[64];
    nb_number_format(part, ps, sizeof ps);
    nb_number_format(total, ts, sizeof ts);
    nb_number_format(pct, ss, sizeof ss);
    const char *excerpt = nb_arena_strndup(&C->doc->arena, b->text + part->offset,
                                           pct->offset + pct->length - part->offset);
    if (!excerpt) return;
    nb_finding *fd = doc_finding(C, "prose.share", ok ? NB_STATUS_PASS : NB_STATUS_FAIL,
                                 ok ? NB_SEV_INFO : NB_SEV_WARNING, line, excerpt);
    if (!fd) return;
    fd->message_zh = aprintf(C, "正文第%zu行%s%s占总数%s%s（第%zu行）应为%.*f%%，文中为%s%%%s",
                             line, ps, part->unit, ts, total->unit, tl, pct->decimals + 1, r, ss,
                             ok ? "，一致" : "，不一致");
    fd->message_en = aprintf(C,
                             "line %zu: %s of the total %s (line %zu) is %.*f%%; the text says "
                             "%s%%",
                             line, ps, ts, tl, pct->decimals + 1, r, ss);
    add_evidence(C, fd, line, aprintf(C, "%s", ss), "占比");
    add_evidence(C, fd, tl, aprintf(C, "%s", ts), "总数");
}

static void check_parts(checker *C)
{
    static const char *const share_words[] = {"占比", "占", "佔", "比例为", "比重为"};
    nb_number *q = malloc(MAX_PROSE_QTY * sizeof *q), *parts = malloc(64 * sizeof *parts);
    if (!q || !parts) {
        free(q), free(parts);
        C->failed = true;
        return;
    }
    for (size_t i = 0; i < C->doc->nblocks && !C->failed; i++) {
        const nb_block *b = &C->doc->blocks[i];
        if (!is_prose(b)) continue;
        const char *t = b->text;
        size_t nq;
        if (C->figs && C->figs->qty && C->figs->qty[i]) { /* scanned already (figures.c) */
            nq = C->figs->nqty[i] < MAX_PROSE_QTY ? C->figs->nqty[i] : MAX_PROSE_QTY;
            memcpy(q, C->figs->qty[i], nq * sizeof *q);
        } else {
            nq = nb_numeral_scan(t, b->len, q, MAX_PROSE_QTY);
        }
        for (size_t k = 0; k < nq; k++) {
            if (!plain_count(&q[k]) || !is_total_count(t, b->len, &q[k])) continue;
            /* the rest of its sentence */
            size_t end = q[k].offset + q[k].length, cap = end + 4096; /* a list, no book */
            while (end < b->len && end < cap && !text_starts_with(t + end, b->len - end, "。") &&
                   !text_starts_with(t + end, b->len - end, "；") &&
                   !text_starts_with(t + end, b->len - end, "！"))
                end++;
            size_t np = 0;
            bool qualified = false, listed = false;
            size_t j = k + 1;
            for (; j < nq && q[j].offset < end; j++) {
                if (q[j].percent || q[j].unit_kind == NB_UNIT_PERCENT) {
                    /* a share of the part before it */
                    if (np && word_before(t, q[j].offset, 9, share_words, 5) &&
                        q[j].qualifier == NB_QUAL_EXACT && !q[j].overflow)
                        share_finding(C, b, &q[k], &parts[np - 1], &q[j]);
                    continue;
                }
                if (q[j].unit_kind != q[k].unit_kind || q[j].year || q[j].ordinal) continue;
                /* inside brackets: a breakdown of the part before (197条（政府32条、部门165条）) */
                if (bracket_depth(t, q[k].offset + q[k].length, q[j].offset) > 0) continue;
                if (is_total_count(t, b->len, &q[j])) break; /* another total begins */
                /* a clause that says what was done is a statement of its own, not an item */
                if (clause_has_verb(t, b->len, &q[j])) break;
                if (q[j].qualifier != NB_QUAL_EXACT) qualified = true;
                if (np < 64) parts[np++] = q[j];
            }
            listed =
                text_contains(t + q[k].offset, (np ? parts[0].offset : end) - q[k].offset, "其中");
            /* a list after 共 N 条 is its parts only after 其中: otherwise the clauses that follow
             * may state other things (…申请共97件，清理规范性文件206件，废止25件) */
            if (qualified || !np || (np < 2 && !listed) ||
                (!listed && total_mark(t, b->len, &q[k]) == 1))
                continue;
            nb_number sum = parts[0];
            for (size_t p = 1; p < np; p++) sum = nb_number_add(&sum, &parts[p]);
            if (!sum.overflow) parts_finding(C, b, &q[k], parts, np, &sum);
            k = j - 1;
        }
    }
    free(q);
    free(parts);
}

/* ---- all --------------------------------------------------------------------------------- */

static int by_line(const void *a, const void *b)
{
    const nb_finding *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->severity != y->severity) return x->severity < y->severity ? -1 : 1;
    return strcmp(x->rule, y->rule);
}

/* Bytes replaced under --lenient: the text checked is not quite the text written. */
static void check_decoding(checker *C, const nb_text *text)
{
    size_t n = text ? text->nwarnings + text->warnings_dropped : 0;
    if (!n) return;
    const nb_warning *first = &text->warnings[0];
    nb_finding *fd = doc_finding(C, "doc.undecodable", NB_STATUS_FAIL, NB_SEV_ERROR, first->line,
                                 aprintf(C, "%zu", n));
    if (!fd) return;
    fd->message_zh =
        aprintf(C, "有%zu处字节无法按%s解码，已替换为U+FFFD（首处：第%zu行第%zu列，%s）", n,
                nb_encoding_name(text->encoding), first->line, first->column, first->message_zh);
    fd->message_en =
        aprintf(C,
                "%zu byte sequences could not be decoded as %s and were replaced "
                "with U+FFFD (first: line %zu, column %zu, %s)",
                n, nb_encoding_name(text->encoding), first->line, first->column, first->message);
    for (size_t i = 0; i < text->nwarnings && i < 50; i++)
        add_evidence(C, fd, text->warnings[i].line, "U+FFFD", text->warnings[i].message);
}

/* ---- what was left out -------------------------------------------------------------------- */

/* The lines of one kind of debris, as "24、50、90" (zh) or "24, 50, 90" (en): the first 30, then
 * how many more. */
static const char *debris_lines(checker *C, uint8_t kind, size_t count, bool zh)
{
    char buf[512];
    size_t used = 0, shown = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < C->doc->ndebris && shown < 30; i++) {
        if (C->doc->debris[i].kind != kind) continue;
        used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%u",
                                 shown ? (zh ? "、" : ", ") : "", C->doc->debris[i].line);
        shown++;
    }
    if (shown < count)
        return zh ? aprintf(C, "%s等%zu行", buf, count)
                  : aprintf(C, "%s and %zu more", buf, count - shown);
    return aprintf(C, zh ? "%s行" : "%s", buf);
}

/* Page footers, form feeds, markup and converter labels are no report text: they are in no
 * block and not typeset. One note a kind says which lines they are. */
static void check_debris(checker *C)
{
    static const struct {
        uint8_t kind;
        const char *key, *zh, *en, *en_plural;
    } kinds[] = {
        {NB_DEBRIS_FOOTER, "footer", "页脚（页码）", "page footer (page number)",
         "page footers (page numbers)"},
        {NB_DEBRIS_FORMFEED, "formfeed", "分页符", "form feed (page break)",
         "form feeds (page breaks)"},
        {NB_DEBRIS_MARKUP, "markup", "网页或Markdown格式残留",
         "line of HTML or markdown left by a conversion",
         "lines of HTML or markdown left by a conversion"},
        {NB_DEBRIS_LABEL, "label", "格式转换留下的标签", "label left by a conversion",
         "labels left by a conversion"},
        {NB_DEBRIS_INLINE, "inline_markup", "文字行中夹带的网页标记",
         "line's HTML markup inside its text", "lines' HTML markup inside their text"},
    };
    const nb_doc *d = C->doc;
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        size_t count = 0, first = 0;
        for (size_t i = 0; i < d->ndebris; i++)
            if (d->debris[i].kind == kinds[k].kind && !count++) first = i;
        if (!count) continue;
        nb_finding *fd = doc_finding(C, "doc.debris", NB_STATUS_FAIL, NB_SEV_INFO,
                                     d->debris[first].line, kinds[k].key);
        if (!fd) return;
        fd->message_zh = aprintf(C, "%s%zu处，不属报告正文，不予排版：第%s", kinds[k].zh, count,
                                 debris_lines(C, kinds[k].kind, count, true));
        fd->message_en = aprintf(C, "%zu %s: not report text, not typeset (line%s %s)", count,
                                 count > 1 ? kinds[k].en_plural : kinds[k].en, count > 1 ? "s" : "",
                                 debris_lines(C, kinds[k].kind, count, false));
        for (size_t i = first, n = 0; i < d->ndebris && n < 200; i++)
            if (d->debris[i].kind == kinds[k].kind)
                add_evidence(C, fd, d->debris[i].line, kinds[k].key, d->debris[i].text), n++;
    }
}

/* ---- what could be checked ---------------------------------------------------------------- */

/* Whether the text is markup: an HTML page saved as it was served. */
static bool looks_like_html(const nb_doc *d)
{
    static const char *const tags[] = {"<html",     "<HTML",     "<body", "<BODY", "<div",
                                       "<DIV",      "<p>",       "<P>",   "<td",   "<TD",
                                       "<!DOCTYPE", "<!doctype", "<meta"};
    size_t hits = 0;
    for (size_t i = 0; i < d->nblocks && i < 200; i++)
        for (size_t k = 0; k < sizeof tags / sizeof tags[0]; k++)
            hits += strstr(d->blocks[i].text, tags[k]) != NULL;
    return hits >= 2;
}

/* A title a report would have: 年度报告, 信息公开 (also in traditional characters). */
static bool report_title(const char *t)
{
    static const char *const words[] = {"报告",     "報告",     "信息公开", "信息公開",
                                        "政务公开", "政務公開", "资讯公开", "資訊公開"};
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strstr(t, words[k])) return true;
    return false;
}

/* A text that talks about information disclosure (a report whose title was lost in a web copy
 * still does, on every page): 信息公开 at least three times. */
static bool speaks_of_disclosure(const nb_doc *d)
{
    size_t hits = 0;
    for (size_t i = 0; i < d->nblocks && hits < 3; i++)
        for (const char *p = d->blocks[i].text; hits < 3 && (p = strstr(p, "信息公开")); p += 12)
            hits++;
    return hits >= 3;
}

static bool has_finding(const checker *C, const char *rule)
{
    for (size_t i = 0; i < C->n; i++)
        if (!strcmp(C->v[i].rule, rule)) return true;
    return false;
}

/* Whether finding i is a check that was made (PASS or FAIL), of a rule or a prose figure
 * (doc.* rules are about the document, not its statistics). */
static bool made(const checker *C, size_t i)
{
    return (C->v[i].status == NB_STATUS_PASS || C->v[i].status == NB_STATUS_FAIL) &&
           strncmp(C->v[i].rule, "doc.", 4) != 0;
}

/* Tables whose labels and figures ran together (flat.h) when a form was bound from the others:
 * what they held was not checked, and an error says so. */
static void check_fused(checker *C)
{
    const nb_doc *d = C->doc;
    for (size_t i = 0; i < d->nblocks; i++) {
        const nb_block *b = &d->blocks[i];
        if (b->kind != NB_BLOCK_FUSED_TABLE) continue;
        /* show where a label and its figures ran together: 申请数量121010014 */
        size_t at = 0, from = 0, n;
        uint32_t prev = 0;
        for (size_t k = 0; k < b->len && !at;) {
            size_t adv;
            uint32_t cp = text_cp_at(b->text, b->len, k, &adv);
            if (nb_utf8_is_digit(cp) && nb_utf8_is_han(prev)) at = k;
            prev = cp;
            k += adv;
        }
        for (size_t back = 0; back < 6 && at > 0; back++) {
            at--;
            while (at > 0 && ((unsigned char)b->text[at] & 0xC0) == 0x80) at--;
        }
        from = at;
        n = from;
        for (size_t chars = 0; n < b->len && chars < 16; chars++) {
            size_t adv;
            text_cp_at(b->text, b->len, n, &adv);
            n += adv;
        }
        n -= from;
        char key[32];
        snprintf(key, sizeof key, "fused-%zu", i);
        nb_finding *fd = doc_finding(C, "doc.coverage", NB_STATUS_UNCERTAIN, NB_SEV_ERROR,
                                     (size_t)b->line_first, key);
        if (!fd) return;
        fd->message_zh = aprintf(C,
                                 "第%zu行的统计表标签和数字连在一起（“%s%.*s%s”），无法可靠拆分，"
                                 "其中的数据均未核对",
                                 (size_t)b->line_first, from ? "…" : "", (int)n, b->text + from,
                                 from + n < b->len ? "…" : "");
        fd->message_en = aprintf(C,
                                 "the table on line %zu has its labels and figures run together "
                                 "(\"%s%.*s%s\") and cannot be split reliably: none of its "
                                 "figures was checked",
                                 (size_t)b->line_first, from ? "…" : "", (int)n, b->text + from,
                                 from + n < b->len ? "…" : "");
        add_evidence(C, fd, (size_t)b->line_first, "", aprintf(C, "%.*s", (int)n, b->text + from));
    }
}

/* A table of the bound form that the report does not show (none of its rows was found): its
 * figures were not checked, and an error says the report is incomplete. Not said again where a
 * table was found with its cells run together (check_fused said it). */
static void check_missing_tables(checker *C)
{
    const nb_doc *d = C->doc;
    if (nb_doc_first_block(d, NB_BLOCK_FUSED_TABLE)) return;
    if (!C->b || !C->b->nreadings) return; /* check_coverage speaks for a form bound to nothing */
    for (size_t t = 0; t < C->f->ntables; t++) {
        const nb_form_table *ft = &C->f->tables[t];
        bool found = false;
        for (size_t r = 0; r < C->b->nreadings && !found; r++) found = C->b->readings[r].table == t;
        for (size_t r = ft->first_row; r < ft->first_row + ft->nrows && !found; r++)
            found = C->b->row_seen && C->b->row_seen[r];
        if (found) continue;
        size_t line = d->ntables ? d->tables[d->ntables - 1].line_last : 1;
        nb_finding *fd =
            doc_finding(C, "doc.coverage", NB_STATUS_UNCERTAIN, NB_SEV_ERROR, line, ft->id);
        if (!fd) return;
        fd->message_zh =
            aprintf(C, "报告不完整：未找到统计表“%s”（%s），其中的数据均未核对", ft->title, ft->id);
        fd->message_en = aprintf(C,
                                 "incomplete report: the statistics table \"%s\" (%s) was not "
                                 "found, so none of its figures was checked",
                                 ft->title, ft->id);
    }
}

/* The form's core identities (forms/README.md): where none of a core rule's instances could be
 * made, one error names them, so that a report whose statistics were only partly checked never
 * exits 0. Not said again where check_fused or check_missing_tables spoke for the table. */
static void check_core(checker *C)
{
    const nb_doc *d = C->doc;
    if (has_finding(C, "doc.coverage")) return;
    size_t made_any = 0; /* none at all: check_coverage says so in its own words */
    for (size_t i = 0; i < C->n; i++) made_any += made(C, i);
    if (!made_any) return;
    char names[512] = "", names_en[512] = "";
    size_t missing = 0;
    const char *last = NULL;
    for (size_t r = 0; r < C->f->nrules; r++) {
        const nb_form_rule *rule = &C->f->rules[r];
        if (!rule->core || (last && !strcmp(last, rule->id))) continue;
        last = rule->id;
        bool rule_made = false;
        for (size_t i = 0; i < C->n && !rule_made; i++)
            rule_made = !strcmp(C->v[i].rule, rule->id) && made(C, i);
        if (rule_made) continue;
        size_t zl = strlen(names), el = strlen(names_en);
        snprintf(names + zl, sizeof names - zl, "%s“%s”", missing ? "、" : "", rule->title_zh);
        snprintf(names_en + el, sizeof names_en - el, "%s\"%s\"", missing ? ", " : "",
                 rule->title_en);
        missing++;
    }
    if (!missing) return;
    size_t line = d->ntables ? d->tables[0].line_first : 1;
    nb_finding *fd =
        doc_finding(C, "doc.coverage", NB_STATUS_UNCERTAIN, NB_SEV_ERROR, line, "core");
    if (!fd) return;
    fd->message_zh = aprintf(
        C, "统计数据未能完整核对：%s等%zu项核心勾稽关系无一能够核对（见上列无法确定/无法核对各项）",
        names, missing);
    fd->message_en = aprintf(C,
                             "the statistics were not checked as a whole: %zu core identities "
                             "(%s) could not be checked at all (see the UNCERTAIN and "
                             "not-assessable findings)",
                             missing, names_en);
}

/* "Nothing wrong" must never look like "nothing could be checked": without a statistics table
 * bound to a form, or with one whose checks could none be made, an error says so (exit 1). */
static void check_coverage(checker *C)
{
    const nb_doc *d = C->doc;
    const char *why_zh = NULL, *why_en = NULL, *key = NULL;
    size_t line = 1;
    if (!C->f) {
        bool empty = true;
        for (size_t i = 0; i < d->nblocks; i++)
            empty &= d->blocks[i].len == 0 && d->blocks[i].kind != NB_BLOCK_TABLE;
        bool sections = nb_doc_first_block(d, NB_BLOCK_HEADING) != NULL;
        const nb_block *fused = nb_doc_first_block(d, NB_BLOCK_FUSED_TABLE);
        if (empty) {
            key = "empty";
            why_zh = "不是政府信息公开工作年度报告：文件没有文字";
            why_en = "not an information-disclosure annual report: the file holds no text";
        } else if (fused) {
            key = "flattened";
            line = fused->line_first;
            why_zh = "报告正文挤在一行或少数几行（网页抓取、复制粘贴所致），统计表的标签和数字连在"
                     "一起，无法可靠拆分，统计数据均未核对：请先恢复原文的分行";
            why_en = "the report's body is run together on one or a few lines (a web copy): its "
                     "tables' labels and figures ran together and cannot be split reliably, so "
                     "no figure was checked; restore the line breaks first";
        } else if (looks_like_html(d)) {
            key = "html";
            why_zh = "不是纯文本报告：这是HTML网页，请先转换为文本（如 pandoc -t plain 或 "
                     "html2text）再检查";
            why_en = "not a plain-text report: this is an HTML page; convert it to text first "
                     "(pandoc -t plain, html2text) and check that";
        } else if (!report_title(d->title) && !(sections && speaks_of_disclosure(d))) {
            key = "not_report";
            why_zh = "不是政府信息公开工作年度报告：未找到报告标题、章节或统计表";
            why_en = "not an information-disclosure annual report: no report title, sections or "
                     "statistics table were found";
        } else {
            key = "no_table";
            why_zh = d->ntables
                         ? "未能识别统计表：文中的表格与任何统计表格式都对不上，统计数据均未核对"
                         : "未找到统计表：报告中没有可识别的统计表（可能缺失或被截断），统计数据均"
                           "未核对";
            why_en = d->ntables ? "no statistics table recognized: the tables match no form, so no "
                                  "figure was checked"
                                : "no statistics table found (missing or cut off): no figure was "
                                  "checked";
        }
    } else {
        if (has_finding(C, "doc.coverage")) return; /* check_fused, check_core … said it */
        for (size_t i = 0; i < C->n; i++)
            if (made(C, i)) return;
        key = "nothing_checked";
        why_zh = "统计表无法核对：找到了统计表，但其勾稽关系和正文数字均无法核对";
        why_en = "the statistics could not be checked: a table was found, but none of its "
                 "identities or prose figures could be checked";
        if (d->ntables) line = d->tables[0].line_first;
    }
    /* (UNCERTAIN, not FAIL: nothing is claimed wrong; an error all the same, so the exit
     * status is 1) */
    nb_finding *fd = doc_finding(C, "doc.coverage", NB_STATUS_UNCERTAIN, NB_SEV_ERROR, line, key);
    if (!fd) return;
    fd->message_zh = why_zh;
    fd->message_en = why_en;
}

int check_report(const nb_form *form, const nb_binding *binding, const nb_figures *figures,
                 nb_doc *doc, const nb_text *text, nb_findings *out, nb_error *err)
{
    memset(out, 0, sizeof *out);
    checker C = {.f = form, .b = binding, .figs = figures, .doc = doc};
    if (form) {
        for (size_t i = 0; i < form->nrules && !C.failed; i++) eval_rule(&C, &form->rules[i]);
        unread_tables(&C);
        for (size_t i = 0; figures && i < figures->n && !C.failed; i++)
            check_figure(&C, &figures->items[i]);
        check_figure_years(&C);
        check_fees(&C);
        check_fused(&C);
        check_missing_tables(&C);
        check_core(&C);
    }
    check_decoding(&C, text);
    check_debris(&C);
    check_period(&C);
    check_date(&C);
    check_sections(&C);
    check_slips(&C);
    check_parts(&C);
    check_coverage(&C);
    if (!C.failed && C.n) {
        out->items = nb_arena_alloc(&doc->arena, C.n * sizeof *out->items);
        if (out->items) {
            memcpy(out->items, C.v, C.n * sizeof *out->items);
            out->n = C.n;
            qsort(out->items, out->n, sizeof *out->items, by_line);
        } else {
            C.failed = true;
        }
    }
    free(C.v);
    if (C.failed) {
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while checking");
        return -1;
    }
    return 0;
}

/* ---- year against year ------------------------------------------------------------------- */

static double as_double(const nb_number *n)
{
    double v = (double)n->units;
    for (int k = 0; k < n->decimals; k++) v /= 10;
    return v;
}

/* Whether the table an operand is in was read with confidence in its report (a derived
 * operand: the table of its first part). */
static bool read_confidently(const checker *C, size_t opnd)
{
    if (opnd >= C->f->ncells) {
        const nb_form_derived *d = &C->f->derived[opnd - C->f->ncells];
        if (!d->nparts) return true;
        opnd = d->parts[0];
    }
    const nb_reading *rd = binding_reading(C->b, C->f->rows[C->f->cells[opnd].row].table);
    return !rd || rd->confident;
}

/* A figure that changed sharply from one year to the next: a note, never an error. */
static void eval_jump(checker *C, const nb_form_rule *rc)
{
    for (size_t i = 0; i < rc->nleft && !C->failed; i++) {
        operand now, was;
        resolve(C, rc->left[i], &now);
        resolve(C, rc->left[i] | NB_OP_LAST, &was);
        if (was.absent || now.state != OP_OK || was.state != OP_OK) continue;
        if (!read_confidently(C, now.opnd) || !read_confidently(C->prev, was.opnd)) continue;
        double a = as_double(&was.value), b = as_double(&now.value);
        double lo = a < b ? a : b, hi = a < b ? b : a;
        if (hi < rc->min || hi < lo * rc->factor) continue;
        nb_finding *fd =
            add_finding(C, rc->id, NB_STATUS_FAIL, (nb_severity)rc->severity, now.line);
        if (!fd) return;
        hash h = {0};
        hash_add(&h, rc->id);
        hash_add(&h, now.id);
        hash_add(&h, was.raw);
        hash_add(&h, now.raw);
        set_fingerprint(fd, &h);
        fd->message_zh = aprintf(
            C, "%s：%s由上年的%s（上年报告 %s 第%zu行）变为%s（第%zu行），相差%g倍以上，请核实",
            rc->title_zh, now.label, was.raw, C->prev_file, was.line, now.raw, now.line,
            rc->factor);
        fd->message_en = aprintf(C,
                                 "%s: %s went from %s last year (last year's report %s, line %zu) "
                                 "to %s (line %zu), a change of %gx or more: worth a look",
                                 rc->title_en, now.label, was.raw, C->prev_file, was.line, now.raw,
                                 now.line, rc->factor);
        add_evidence(C, fd, now.line, now.raw, now.label);
        add_evidence(C, fd, was.line, was.raw, was.label);
        if (!C->failed) fd->evidence[fd->nevidence - 1].file = C->prev_file;
    }
}

/* A rule across years. It applies when the year before's form has every cell it names; its
 * instances over a table the year before's report did not read with confidence are not made
 * (one finding per such table says so: unread[t]). */
static void eval_across(checker *C, const nb_form_rule *rc, bool *unread)
{
    if (rc->check == NB_CHECK_JUMP) {
        eval_jump(C, rc);
        return;
    }
    oplist a = {0}, b = {0};
    expand_side(C, rc->left, rc->nleft, &a);
    expand_side(C, rc->right, rc->nright, &b);
    bool applies = !C->failed && a.n && b.n, printed = false;
    const oplist *sides[2] = {&a, &b};
    /* (a row neither report prints is nothing to compare: each report's own checks say what
     * its tables lack) */
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < sides[s]->n; i++) printed |= sides[s]->v[i].state != OP_MISSING;
    applies = applies && printed;
    for (int s = 0; s < 2 && applies; s++)
        for (size_t i = 0; i < sides[s]->n && applies; i++) {
            const operand *o = &sides[s]->v[i];
            if (o->absent)
                applies = false;
            else if (o->state != OP_MISSING && !read_confidently(o->last ? C->prev : C, o->opnd)) {
                const checker *in = o->last ? C->prev : C;
                size_t cell = o->opnd < in->f->ncells
                                  ? o->opnd
                                  : in->f->derived[o->opnd - in->f->ncells].parts[0];
                size_t t = in->f->rows[in->f->cells[cell].row].table;
                /* unread[t]: the year before's table t; unread[its ntables + t]: this one's */
                unread[o->last ? t : C->prev->f->ntables + t] = true;
                applies = false;
            }
        }
    free(a.v);
    free(b.v);
    if (applies) eval_compare(C, rc);
}

static int year_of(const char *y)
{
    return y && strlen(y) == 4 ? atoi(y) : 0;
}

int check_previous(const nb_form *form, const nb_binding *binding, const char *year,
                   const nb_form *pform, const nb_binding *pbinding, const char *pfile,
                   const char *pyear, nb_doc *doc, nb_findings *io, nb_error *err)
{
    checker P = {.f = pform, .b = pbinding, .doc = doc};
    checker C = {.f = form, .b = binding, .doc = doc, .prev = &P};
    C.prev_file = aprintf(&C, "%s", pfile ? pfile : "");
    P.prev_file = C.prev_file;
    int y = year_of(year), py = year_of(pyear);
    if (!y || !py || y != py + 1) {
        nb_finding *fd =
            doc_finding(&C, "years.pair", NB_STATUS_UNCERTAIN, NB_SEV_WARNING, 0, C.prev_file);
        if (fd && (!y || !py)) {
            fd->message_zh = aprintf(&C, "未能确定%s的年度：未与上年报告 %s 逐年核对",
                                     !y ? "本报告" : "上年报告", C.prev_file);
            fd->message_en = aprintf(&C, "the year of %s is unknown: not checked against %s",
                                     !y ? "this report" : "last year's report", C.prev_file);
        } else if (fd) {
            fd->message_zh =
                aprintf(&C, "上年报告 %s 为%d年度，本报告为%d年度，不是相邻年度：未逐年核对",
                        C.prev_file, py, y);
            fd->message_en = aprintf(&C,
                                     "%s is the report for %d and this one for %d, not the year "
                                     "after: not checked year against year",
                                     C.prev_file, py, y);
        }
    } else if (form && !pform) {
        nb_finding *fd =
            doc_finding(&C, "years.unread", NB_STATUS_UNCERTAIN, NB_SEV_WARNING, 0, C.prev_file);
        if (fd) {
            fd->message_zh = aprintf(&C, "上年报告 %s 的统计表未能识别：未逐年核对", C.prev_file);
            fd->message_en = aprintf(&C,
                                     "no statistics table was recognized in last year's report %s: "
                                     "not checked year against year",
                                     C.prev_file);
        }
    } else if (form) {
        if (strcmp(form->id, pform->id) != 0) {
            nb_finding *fd =
                doc_finding(&C, "years.form", NB_STATUS_FAIL, NB_SEV_INFO, 0, pform->id);
            if (fd) {
                fd->message_zh = aprintf(&C,
                                         "统计表格式与上年不同（上年报告 %s "
                                         "为%s，本报告为%s）：只核对两种格式共有的数据",
                                         C.prev_file, pform->title ? pform->title : pform->id,
                                         form->title ? form->title : form->id);
                fd->message_en = aprintf(&C,
                                         "the statistics form changed (last year's report %s: %s; "
                                         "this one: %s): only what both forms hold is compared",
                                         C.prev_file, pform->id, form->id);
            }
        }
        bool *unread = calloc(pform->ntables + form->ntables + 1, sizeof *unread);
        if (!unread) C.failed = true;
        for (size_t i = 0; unread && i < form->nxrules && !C.failed; i++)
            eval_across(&C, &form->xrules[i], unread);
        for (size_t k = 0; unread && k < pform->ntables + form->ntables && !C.failed; k++) {
            if (!unread[k]) continue;
            bool last = k < pform->ntables;
            const nb_form_table *t = last ? &pform->tables[k] : &form->tables[k - pform->ntables];
            const char *title = t->title ? t->title : t->id;
            nb_finding *fd = doc_finding(&C, "years.unread", NB_STATUS_UNCERTAIN, NB_SEV_WARNING, 0,
                                         aprintf(&C, "%s%s", last ? "last:" : "", t->id));
            if (!fd) break;
            if (last) {
                fd->message_zh =
                    aprintf(&C, "上年报告 %s 的“%s”未能可靠读取：与之有关的逐年核对未做",
                            C.prev_file, title);
                fd->message_en = aprintf(&C,
                                         "the table \"%s\" of last year's report %s was not read "
                                         "with confidence: the checks against it were not made",
                                         title, C.prev_file);
            } else {
                fd->message_zh = aprintf(&C, "本报告的“%s”未能可靠读取：未与上年报告 %s 逐年核对",
                                         title, C.prev_file);
                fd->message_en =
                    aprintf(&C,
                            "the table \"%s\" of this report was not read with confidence: it was "
                            "not checked against last year's report %s",
                            title, C.prev_file);
            }
        }
        free(unread);
    }
    if (P.failed) C.failed = true;
    if (!C.failed && C.n) {
        nb_finding *all = nb_arena_alloc(&doc->arena, (io->n + C.n) * sizeof *all);
        if (all) {
            if (io->n) memcpy(all, io->items, io->n * sizeof *all);
            memcpy(all + io->n, C.v, C.n * sizeof *all);
            io->items = all;
            io->n += C.n;
            qsort(io->items, io->n, sizeof *io->items, by_line);
        } else {
            C.failed = true;
        }
    }
    free(C.v);
    free(P.v);
    if (C.failed) {
        nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while checking");
        return -1;
    }
    return 0;
}
