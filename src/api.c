/*
 * api.c — the public getters over a report's document tree, bound cells and findings
 * (nianbao.h): what a program needs without writing JSON and parsing it back. Renderers that
 * use only these (report_text.c, report_csv.c) compile against nianbao.h alone.
 *
 * Must not: compute anything; it hands out what the stages produced.
 */
#include "report.h"

#include "error.h"
#include "lines.h"
#include "render.h"
#include "text.h"

#include <string.h>

const char *nb_version(void)
{
    return NIANBAO_VERSION;
}

uint64_t nb_report_text_hash(const nb_report *r)
{
    return text_fnv1a(TEXT_FNV_BASIS, r->text.utf8 ? r->text.utf8 : "", r->text.len);
}

/* ---- the document ------------------------------------------------------------------------ */

const char *nb_report_title(const nb_report *r, size_t *line)
{
    if (line) *line = r->doc.title && r->doc.title[0] ? r->doc.title_line : 0;
    return r->doc.title ? r->doc.title : "";
}

size_t nb_report_date(const nb_report *r, int *y, int *m, int *d)
{
    if (!r->doc.date_year) return 0;
    if (y) *y = r->doc.date_year;
    if (m) *m = r->doc.date_month;
    if (d) *d = r->doc.date_day;
    return r->doc.date_line;
}

bool nb_report_checked(const nb_report *r)
{
    return r->checked;
}

static nb_value value_of(const nb_number *n)
{
    return (nb_value){.units = n->units,
                      .decimals = n->decimals,
                      .overflow = n->overflow,
                      .number = n->overflow ? 0 : nb_number_double(n)};
}

size_t nb_report_block_count(const nb_report *r)
{
    return r->doc.nblocks;
}

bool nb_report_block(const nb_report *r, size_t i, nb_block_info *out)
{
    if (i >= r->doc.nblocks) return false;
    const nb_block *b = &r->doc.blocks[i];
    *out = (nb_block_info){.kind = (nb_block_kind)b->kind,
                           .level = b->level,
                           .marker = b->marker ? b->marker : "",
                           .text = b->text ? b->text : "",
                           .line_first = b->line_first,
                           .line_last = b->line_last,
                           .parent = b->parent,
                           .table = b->kind == NB_BLOCK_TABLE ? (long)b->table : -1,
                           .run_in = b->kind == NB_BLOCK_HEADING && b->runin};
    return true;
}

size_t nb_report_table_count(const nb_report *r)
{
    return r->doc.ntables;
}

bool nb_report_table(const nb_report *r, size_t k, nb_table_info *out)
{
    if (k >= r->doc.ntables) return false;
    const nb_table *t = &r->doc.tables[k];
    size_t cells = 0;
    for (size_t i = 0; i < t->nrows; i++) cells += t->rows[i].ncells;
    *out = (nb_table_info){.syntax = nb_table_syntax_name(t->syntax),
                           .rows = t->nrows,
                           .columns = t->ncols,
                           .cells = cells,
                           .line_first = t->line_first,
                           .line_last = t->line_last,
                           .block = t->block};
    return true;
}

bool nb_report_table_row(const nb_report *r, size_t k, size_t row, nb_row_info *out)
{
    if (k >= r->doc.ntables || row >= r->doc.tables[k].nrows) return false;
    const nb_row *rw = &r->doc.tables[k].rows[row];
    *out = (nb_row_info){
        .line = rw->line, .header = rw->header, .group = rw->group, .cells = rw->ncells};
    return true;
}

const char *nb_report_table_cell(const nb_report *r, size_t k, size_t row, size_t col, size_t *line)
{
    if (k >= r->doc.ntables || row >= r->doc.tables[k].nrows) return NULL;
    const nb_row *rw = &r->doc.tables[k].rows[row];
    if (col >= rw->ncells) return NULL;
    if (line) *line = rw->cells[col].line;
    return rw->cells[col].text ? rw->cells[col].text : "";
}

/* ---- the form's cells -------------------------------------------------------------------- */

size_t nb_report_cell_count(const nb_report *r)
{
    return r->form ? r->binding.ncells : 0;
}

bool nb_report_cell(const nb_report *r, size_t i, nb_cell_info *out)
{
    if (!r->form || i >= r->binding.ncells) return false;
    const nb_form *f = r->form;
    const nb_bound_cell *c = &r->binding.cells[i];
    const nb_form_row *row = &f->rows[c->row];
    memset(out, 0, sizeof *out);
    out->id = f->cells[c->cell].id;
    out->row = row->label;
    out->column = c->col >= 0 ? f->tables[row->table].cols[c->col].label : NULL;
    if (c->col >= 0) {
        const nb_form_col *col = &f->tables[row->table].cols[c->col];
        out->column_groups = (const char *const *)col->groups;
        out->ncolumn_groups = col->ngroups;
    }
    out->unit = row->unit ? row->unit : "";
    out->groups = (const char *const *)row->groups;
    out->ngroups = row->ngroups;
    out->heading = (const char *const *)(row->nheading ? row->heading : &row->label);
    out->nheading = row->nheading ? row->nheading : 1;
    out->status = nb_cell_status_name(c->status);
    out->raw = c->raw ? c->raw : "";
    out->has_value = c->status == NB_CELL_NUMBER || c->status == NB_CELL_ZERO;
    if (out->has_value) {
        nb_number_format(&c->value, out->value, sizeof out->value);
        out->number = value_of(&c->value);
    }
    out->line = c->line;
    out->unsure = c->unsure;
    return true;
}

size_t nb_report_figure_count(const nb_report *r)
{
    return r->figures.n;
}

bool nb_report_figure(const nb_report *r, size_t i, nb_figure_info *out)
{
    const nb_form *f = r->figures_form;
    if (!f || i >= r->figures.n) return false;
    const nb_figure *fig = &r->figures.items[i];
    const nb_form_pattern *p = &f->patterns[fig->pattern];
    memset(out, 0, sizeof *out);
    out->text = fig->text ? fig->text : "";
    if (!fig->value.overflow) nb_number_format(&fig->value, out->value, sizeof out->value);
    out->qualifier = nb_qualifier_name(fig->value.qualifier);
    out->unit = fig->value.unit;
    out->line = fig->line;
    out->pattern = p->id;
    out->cell = p->ncells ? form_operand_id(f, p->cells[0]) : NULL;
    out->ncells = p->ncells;
    out->alternative = fig->alt >= 0 ? f->patterns[fig->alt].id : NULL;
    out->number = value_of(&fig->value);
    return true;
}

const char *nb_report_figure_cell(const nb_report *r, size_t i, size_t k)
{
    const nb_form *f = r->figures_form;
    if (!f || i >= r->figures.n) return NULL;
    const nb_form_pattern *p = &f->patterns[r->figures.items[i].pattern];
    return k < p->ncells ? form_operand_id(f, p->cells[k]) : NULL;
}

size_t nb_report_reading_count(const nb_report *r)
{
    return r->form ? r->binding.nreadings : 0;
}

bool nb_report_reading(const nb_report *r, size_t i, const char *lang, nb_reading_info *out)
{
    if (!r->form || i >= r->binding.nreadings) return false;
    const nb_reading *rd = &r->binding.readings[i];
    bool en = lang && strcmp(lang, "en") == 0;
    *out = (nb_reading_info){
        .table = r->form->tables[rd->table].id,
        .layout = rd->layout ? rd->layout : "",
        .sources = rd->nsources,
        .first_source = rd->nsources ? (long)rd->sources[0] : -1,
        .source_tables = rd->sources,
        .rows_by_label = rd->rows_by_label,
        .rows_by_position = rd->rows_by_order,
        .cells = rd->cells,
        .identities_checked = rd->identities_checked,
        .identities_held = rd->identities_held,
        .confident = rd->confident,
        .reason = (en ? rd->reason_en : rd->reason_zh) ? (en ? rd->reason_en : rd->reason_zh) : "",
        .across = r->form->tables[rd->table].across,
        .note = r->form->tables[rd->table].note ? r->form->tables[rd->table].note : ""};
    return true;
}

/* ---- findings ---------------------------------------------------------------------------- */

size_t nb_report_finding_count(const nb_report *r)
{
    return r->findings.n;
}

const nb_finding *nb_report_finding(const nb_report *r, size_t i)
{
    return i < r->findings.n ? &r->findings.items[i] : NULL;
}

const char *nb_finding_rule(const nb_finding *f)
{
    return f->rule;
}

nb_status nb_finding_status(const nb_finding *f)
{
    return f->status;
}

nb_severity nb_finding_severity(const nb_finding *f)
{
    return f->severity;
}

nb_review nb_finding_review(const nb_finding *f)
{
    return f->review;
}

size_t nb_finding_line(const nb_finding *f)
{
    return f->line;
}

const char *nb_finding_message(const nb_finding *f, const char *lang)
{
    bool en = lang && strcmp(lang, "en") == 0;
    const char *m = en ? f->message_en : f->message_zh;
    return m ? m : "";
}

const char *nb_finding_fingerprint(const nb_finding *f)
{
    return f->fingerprint;
}

size_t nb_finding_evidence_count(const nb_finding *f)
{
    return f->nevidence;
}

const char *nb_finding_evidence_file(const nb_finding *f, size_t k)
{
    return k < f->nevidence ? f->evidence[k].file : NULL;
}

size_t nb_finding_evidence(const nb_finding *f, size_t k, const char **value, const char **text)
{
    if (k >= f->nevidence) return 0;
    if (value) *value = f->evidence[k].value ? f->evidence[k].value : "";
    if (text) *text = f->evidence[k].text ? f->evidence[k].text : "";
    return f->evidence[k].line;
}

/* ---- rendering --------------------------------------------------------------------------- */

int nb_report_render_fields(const nb_report *r, FILE *out, nb_format format, unsigned flags,
                            const nb_render_field *fields, size_t nfields, nb_error *err)
{
    int rc;
    switch (format) {
    case NB_FORMAT_JSON:
        rc = render_json(r, out, flags, fields, nfields);
        break;
    case NB_FORMAT_CELLS_CSV:
        rc = render_cells_csv(r, out, flags);
        break;
    case NB_FORMAT_FINDINGS:
        rc = render_findings(r, out, flags);
        break;
    case NB_FORMAT_FINDINGS_CSV:
        rc = render_findings_csv(r, out, flags);
        break;
    case NB_FORMAT_SUMMARY:
        rc = render_summary(r, out, flags);
        break;
    case NB_FORMAT_HTML:
        rc = render_html(r, out, flags);
        break;
    default:
        nb_error_set(err, NB_ERR_USAGE, NULL, 0, 0, "unknown format %d", (int)format);
        return -1;
    }
    if (rc != 0) nb_error_set(err, NB_ERR_WRITE, NULL, 0, 0, "cannot write the output");
    return rc;
}

int nb_report_render(const nb_report *r, FILE *out, nb_format format, unsigned flags, nb_error *err)
{
    return nb_report_render_fields(r, out, format, flags, NULL, 0, err);
}

size_t nb_markup_length(const char *s, size_t len)
{
    return s ? lines_markup_at(s, len) : 0;
}
