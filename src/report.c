/*
 * report.c — nb_report: reading an input within its limits and running the stages over it.
 */
#include "report.h"

#include "error.h"
#include "parse.h"
#include "text.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void nb_options_init(nb_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->encoding = NB_ENC_AUTO;
    opt->max_input_bytes = NB_DEFAULT_MAX_INPUT_BYTES;
    opt->max_warnings = NB_DEFAULT_MAX_WARNINGS;
    opt->max_line_bytes = NB_DEFAULT_MAX_LINE_BYTES;
    opt->max_table_rows = NB_DEFAULT_MAX_TABLE_ROWS;
    opt->max_row_cells = NB_DEFAULT_MAX_ROW_CELLS;
    opt->max_headings = NB_DEFAULT_MAX_HEADINGS;
}

static size_t max_input(const nb_options *opt)
{
    /* (at most 1 GB whatever was asked: the document model counts bytes and lines in 32 bits,
     * and a decoded text is at most three times its input) */
    return !opt->max_input_bytes                        ? NB_DEFAULT_MAX_INPUT_BYTES
           : opt->max_input_bytes > NB_MOST_INPUT_BYTES ? NB_MOST_INPUT_BYTES
                                                        : opt->max_input_bytes;
}

static void limit_error(nb_error *err, const char *name, size_t limit)
{
    nb_error_set(err, NB_ERR_LIMIT, name, 0, 0,
                 "input is larger than the limit of %zu bytes (raise it with --max-input-size)",
                 limit);
}

/* Reads all of f into a new buffer, refusing more than limit bytes. */
static unsigned char *read_all(FILE *f, const char *name, size_t limit, size_t *len, nb_error *err)
{
    size_t cap = 0, n = 0;
    unsigned char *buf = NULL;
    struct stat st;
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            nb_error_set(err, NB_ERR_IO, name, 0, 0, "is a directory, not a report file");
            return NULL;
        }
        if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > limit) {
            limit_error(err, name, limit);
            return NULL;
        }
        if (S_ISREG(st.st_mode)) cap = (size_t)st.st_size + 1;
    }
    if (cap < 4096) cap = 4096;
    for (;;) {
        if (n == cap || !buf) {
            if (buf) cap = cap > SIZE_MAX / 2 ? SIZE_MAX : cap * 2;
            unsigned char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                nb_error_set(err, NB_ERR_NOMEM, name, 0, 0, "out of memory reading the input");
                return NULL;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n > limit) {
            free(buf);
            limit_error(err, name, limit);
            return NULL;
        }
        if (got == 0) break;
    }
    if (ferror(f)) {
        free(buf);
        nb_error_set(err, NB_ERR_IO, name, 0, 0, "read error: %s", strerror(errno));
        return NULL;
    }
    *len = n;
    return buf;
}

static nb_report *report_decode(const void *data, size_t len, const char *name,
                                const nb_options *opt, void *owned, nb_error *err);
static nb_report *report_stages(nb_report *r, const nb_options *opt, nb_error *err);

nb_report *nb_report_open(const char *path, const nb_options *opt, nb_error *err)
{
    nb_options defaults;
    if (!opt) nb_options_init(&defaults), opt = &defaults;
    return report_stages(nb_report_read(path, opt, err), opt, err);
}

nb_report *nb_report_read(const char *path, const nb_options *opt, nb_error *err)
{
    nb_options defaults;
    if (!opt) {
        nb_options_init(&defaults);
        opt = &defaults;
    }
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        nb_error_set(err, NB_ERR_IO, name, 0, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t len = 0;
    unsigned char *data = read_all(f, name, max_input(opt), &len, err);
    if (!is_stdin) fclose(f);
    if (!data) return NULL;
    return report_decode(data, len, name, opt, data, err); /* (it frees data) */
}

/* Chooses the form (the one asked for, or the best fit) and binds tables and prose to it. */
static int bind_form(nb_report *r, const char *form, nb_error *err)
{
    const nb_formset *fs = r->forms;
    if (!fs && form) {
        nb_error_set(err, NB_ERR_USAGE, NULL, 0, 0,
                     "form '%s' asked for, but no form files were found", form);
        return -1;
    }
    if (!fs) return 0; /* no forms: structure only */
    const nb_form *best = NULL;
    if (form) {
        for (size_t i = 0; i < fs->nforms && !best; i++)
            if (strcmp(fs->forms[i]->id, form) == 0) best = fs->forms[i];
        if (!best) {
            nb_error_set(err, NB_ERR_USAGE, NULL, 0, 0,
                         "unknown form '%s' ('nianbao forms' lists the forms)", form);
            return -1;
        }
    } else {
        size_t best_fit = 2; /* fewer matching rows than this is no fit */
        size_t *fit = calloc(fs->nforms + 1, sizeof *fit);
        if (!fit) {
            nb_error_set(err, NB_ERR_NOMEM, NULL, 0, 0, "out of memory while choosing the form");
            return -1;
        }
        form_fit_all((const nb_form *const *)fs->forms, fs->nforms, &r->doc, fit);
        for (size_t i = 0; i < fs->nforms; i++)
            if (fit[i] > best_fit) best_fit = fit[i], best = fs->forms[i];
        free(fit);
        /* too few labels to tell (表四 alone, its rows unnamed): the form of the report's year,
         * when one of its tables is there by its title or header words */
        for (size_t i = 0; !best && r->doc.year && i < fs->nforms; i++) {
            const nb_form *f = fs->forms[i];
            if (!f->abstract && r->doc.year >= f->year_min && r->doc.year <= f->year_max &&
                form_tables(f, &r->doc))
                best = f;
        }
    }
    nb_error_clear(err);
    if (!best) {
        /* a run-together text whose tables ran together too: its prose figures are still
         * listed, found with the form of its year */
        bool fused = nb_doc_first_block(&r->doc, NB_BLOCK_FUSED_TABLE) != NULL;
        for (size_t i = 0; fused && !r->figures_form && r->doc.year && i < fs->nforms; i++) {
            const nb_form *f = fs->forms[i];
            if (!f->abstract && r->doc.year >= f->year_min && r->doc.year <= f->year_max)
                r->figures_form = f;
        }
        return r->figures_form ? figures_extract(r->figures_form, &r->doc, &r->figures, err) : 0;
    }
    r->form = r->figures_form = best;
    if (form_bind(best, &r->doc, &r->binding, err) != 0) return -1;
    return figures_extract(best, &r->doc, &r->figures, err);
}

static int run_checks(nb_report *r, nb_error *err)
{
    r->checked = true;
    return check_report(r->form, r->form ? &r->binding : NULL, r->form ? &r->figures : NULL,
                        &r->doc, &r->text, &r->findings, err);
}

/* A stage's failure: err names the report when it names no file. */
static int stage_failed(const nb_report *r, nb_error *err)
{
    if (err && !err->file[0]) snprintf(err->file, sizeof err->file, "%s", r->file);
    return -1;
}

int nb_report_parse(nb_report *r, const nb_formset *forms, nb_error *err)
{
    nb_error_clear(err);
    if (r->stage >= NB_STAGE_PARSED) return 0; /* (once: the tree is the report's) */
    if (!forms) {
        /* the installed ones; none: the report is read for its structure only */
        r->own_forms = nb_formset_load(NULL, err);
        nb_error_clear(err);
        forms = r->own_forms;
    }
    r->forms = forms;
    if (parse_document(&r->text, &r->doc, &r->limits, forms ? &forms->vocab : NULL, err) != 0) {
        nb_doc_free(&r->doc); /* (no half tree for the getters) */
        return stage_failed(r, err);
    }
    if (r->doc.year) snprintf(r->year, sizeof r->year, "%d", r->doc.year);
    r->stage = NB_STAGE_PARSED;
    return 0;
}

int nb_report_bind(nb_report *r, const char *form, nb_error *err)
{
    if (nb_report_parse(r, NULL, err) != 0) return -1;
    if (r->stage >= NB_STAGE_BOUND) return 0;
    if (bind_form(r, form, err) != 0) {
        /* (no half binding for the getters; its memory is the tree's, freed with it) */
        r->form = r->figures_form = NULL;
        memset(&r->binding, 0, sizeof r->binding);
        memset(&r->figures, 0, sizeof r->figures);
        return stage_failed(r, err);
    }
    r->stage = NB_STAGE_BOUND;
    return 0;
}

int nb_report_check(nb_report *r, nb_error *err)
{
    if (nb_report_bind(r, NULL, err) != 0) return -1;
    nb_error_clear(err);
    if (r->checked) return 0; /* (once: the findings are the report's) */
    if (run_checks(r, err) != 0) return stage_failed(r, err);
    r->stage = NB_STAGE_CHECKED;
    return 0;
}

int nb_report_check_previous(nb_report *r, nb_report *prev, nb_error *err)
{
    if (!prev || prev == r) {
        nb_error_set(err, NB_ERR_USAGE, r ? r->file : NULL, 0, 0,
                     "the year before's report is missing or is this report");
        return -1;
    }
    if (nb_report_check(r, err) != 0) return -1;
    if (r->previous) return 0; /* (once: the findings are the report's) */
    if (nb_report_bind(prev, NULL, err) != 0) return -1;
    r->previous = nb_arena_strndup(&r->doc.arena, prev->file, strlen(prev->file));
    if (!r->previous) {
        nb_error_set(err, NB_ERR_NOMEM, r->file, 0, 0, "out of memory while checking");
        return -1;
    }
    if (check_previous(r->form, r->form ? &r->binding : NULL, r->year[0] ? r->year : NULL,
                       prev->form, prev->form ? &prev->binding : NULL, prev->file,
                       prev->year[0] ? prev->year : NULL, &r->doc, &r->findings, err) != 0)
        return stage_failed(r, err);
    return 0;
}

const char *nb_report_previous(const nb_report *r)
{
    return r->previous;
}

nb_report_stage nb_report_stage_done(const nb_report *r)
{
    return r->stage;
}

size_t nb_report_mark_fingerprint(nb_report *r, const char *fingerprint, nb_review how)
{
    size_t n = 0;
    for (size_t i = 0; fingerprint && i < r->findings.n; i++) {
        nb_finding *f = &r->findings.items[i];
        if (f->status != NB_STATUS_PASS && strcmp(f->fingerprint, fingerprint) == 0)
            f->review = how, n++;
    }
    return n;
}

size_t nb_report_mark_rule(nb_report *r, const char *rule, nb_review how)
{
    size_t n = 0, len = rule ? strlen(rule) : 0;
    bool family = len && rule[len - 1] == '.';
    for (size_t i = 0; len && i < r->findings.n; i++) {
        nb_finding *f = &r->findings.items[i];
        if (f->status != NB_STATUS_PASS &&
            (family ? strncmp(f->rule, rule, len) == 0 : strcmp(f->rule, rule) == 0))
            f->review = how, n++;
    }
    return n;
}

void nb_report_check_counts(const nb_report *r, nb_check_counts *out)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < r->findings.n; i++) {
        const nb_finding *f = &r->findings.items[i];
        if (f->status != NB_STATUS_PASS && f->review != NB_REVIEW_NONE) {
            /* (marked: counted apart, neither an error nor a FAIL any more) */
            if (f->review == NB_REVIEW_REVIEWED)
                out->reviewed++;
            else
                out->ignored++;
            continue;
        }
        switch (f->status) {
        case NB_STATUS_PASS:
            out->pass++;
            continue;
        case NB_STATUS_FAIL:
            out->fail++;
            break;
        case NB_STATUS_UNCERTAIN:
            out->uncertain++;
            break;
        case NB_STATUS_NOT_ASSESSABLE:
            out->not_assessable++;
            break;
        }
        if (f->severity == NB_SEV_ERROR)
            out->errors++;
        else if (f->severity == NB_SEV_WARNING)
            out->warnings++;
        else
            out->infos++;
    }
    if (!r->form) return;
    const nb_form *form = r->form;
    out->rules = form->nrules;
    for (size_t i = 0; i < r->findings.n; i++) {
        const nb_finding *f = &r->findings.items[i];
        bool made = f->status == NB_STATUS_PASS || f->status == NB_STATUS_FAIL;
        if (!strncmp(f->rule, "prose.", 6) && strcmp(f->rule, "prose.parts") != 0 &&
            strcmp(f->rule, "prose.share") != 0) {
            out->figures++;
            out->figures_made += made;
            continue;
        }
        /* a rule's instances share its id; a table not read with confidence reports one
         * table.reading finding in place of its instances (not made) */
        for (size_t k = 0; made && k < form->nrules; k++)
            if (!strcmp(f->rule, form->rules[k].id)) {
                out->rules_made++;
                break;
            }
    }
    out->tables = form->ntables;
    for (size_t t = 0; t < form->ntables; t++) {
        const nb_reading *rd = binding_reading(&r->binding, t);
        out->tables_found += rd != NULL;
        out->tables_confident += rd && rd->confident;
    }
}

const char *nb_report_table_coverage(const nb_report *r, size_t k, const char **title,
                                     const char **confidence)
{
    if (!r->form || k >= r->form->ntables) return NULL;
    const nb_reading *rd = binding_reading(&r->binding, k);
    if (title) *title = r->form->tables[k].title;
    if (confidence) *confidence = !rd ? NULL : rd->confident ? "high" : "low";
    return r->form->tables[k].id;
}

nb_report *nb_report_from_bytes(const void *data, size_t len, const char *name,
                                const nb_options *opt, nb_error *err)
{
    nb_options defaults;
    if (!opt) nb_options_init(&defaults), opt = &defaults;
    return report_stages(nb_report_decode(data, len, name, opt, err), opt, err);
}

nb_report *nb_report_decode(const void *data, size_t len, const char *name, const nb_options *opt,
                            nb_error *err)
{
    return report_decode(data, len, name, opt, NULL, err);
}

/* The stages after decoding, as the options ask: parse and bind, and check when opt->check. The
 * report, or NULL (r freed) with err. */
static nb_report *report_stages(nb_report *r, const nb_options *opt, nb_error *err)
{
    if (!r) return NULL;
    if (opt->form && !opt->forms) {
        /* a form asked for needs forms: a missing or broken set is the error, not "unknown" */
        if (!(r->own_forms = nb_formset_load(NULL, err))) {
            stage_failed(r, err);
            nb_report_free(r);
            return NULL;
        }
    }
    const nb_formset *fs = opt->forms ? opt->forms : r->own_forms;
    if (nb_report_parse(r, fs, err) != 0 || nb_report_bind(r, opt->form, err) != 0 ||
        (opt->check && nb_report_check(r, err) != 0)) {
        nb_report_free(r);
        return NULL;
    }
    return r;
}

/* The report of data[0..len), decoded; owned (data itself, or NULL) is freed as soon as the
 * text is decoded, so that the input and the document are not both held while it is parsed. */
static nb_report *report_decode(const void *data, size_t len, const char *name,
                                const nb_options *opt, void *owned, nb_error *err)
{
    nb_options defaults;
    if (!opt) {
        nb_options_init(&defaults);
        opt = &defaults;
    }
    if (!name) name = "<input>";
    nb_error_clear(err);
    if (len > max_input(opt)) {
        limit_error(err, name, max_input(opt));
        free(owned);
        return NULL;
    }
    nb_report *r = calloc(1, sizeof *r);
    if (r) r->file = strdup(name);
    if (!r || !r->file) {
        free(r);
        free(owned);
        nb_error_set(err, NB_ERR_NOMEM, name, 0, 0, "out of memory");
        return NULL;
    }
    r->input_bytes = len;
    decode_params p = {.encoding = opt->encoding,
                       .lenient = opt->lenient,
                       .max_warnings = opt->max_warnings,
                       .max_line_bytes = !opt->max_line_bytes ? NB_DEFAULT_MAX_LINE_BYTES
                                         : opt->max_line_bytes > NB_MOST_LINE_BYTES
                                             ? NB_MOST_LINE_BYTES
                                             : opt->max_line_bytes,
                       .name = name};
    r->limits = (parse_limits){
        .table_rows = opt->max_table_rows ? opt->max_table_rows : NB_DEFAULT_MAX_TABLE_ROWS,
        .row_cells = opt->max_row_cells ? opt->max_row_cells : NB_DEFAULT_MAX_ROW_CELLS,
        .headings = opt->max_headings ? opt->max_headings : NB_DEFAULT_MAX_HEADINGS};
    int decoded = decode_text(data, len, &p, &r->text, err);
    free(owned);
    if (decoded != 0) {
        stage_failed(r, err);
        nb_report_free(r);
        return NULL;
    }
    r->stage = NB_STAGE_DECODED;
    return r;
}

void nb_report_free(nb_report *r)
{
    if (!r) return;
    decode_text_free(&r->text);
    nb_doc_free(&r->doc);
    nb_formset_free(r->own_forms);
    free(r->file);
    free(r);
}

const char *nb_report_agency(const nb_report *r)
{
    return r->doc.agency ? r->doc.agency : "";
}

size_t nb_report_agency_line(const nb_report *r)
{
    return r->doc.agency && r->doc.agency[0] ? r->doc.agency_line : 0;
}

const char *nb_report_year(const nb_report *r)
{
    return r->year[0] ? r->year : NULL;
}

const char *nb_report_form(const nb_report *r)
{
    return r->form ? r->form->id : NULL;
}

const char *nb_report_file(const nb_report *r)
{
    return r->file;
}

bool nb_report_encoding_close(const nb_report *r)
{
    return r->text.encoding_close;
}

nb_encoding nb_report_encoding(const nb_report *r)
{
    return r->text.encoding;
}

size_t nb_report_input_bytes(const nb_report *r)
{
    return r->input_bytes;
}

size_t nb_report_line_count(const nb_report *r)
{
    return r->text.nlines;
}

const char *nb_report_line(const nb_report *r, size_t lineno, size_t *len)
{
    if (lineno == 0 || lineno > r->text.nlines) return NULL;
    size_t s = r->text.line_start[lineno - 1], e = r->text.line_start[lineno] - 1;
    if (len) *len = e - s;
    return r->text.utf8 + s;
}

size_t nb_report_line_source_offset(const nb_report *r, size_t lineno)
{
    if (lineno == 0 || lineno > r->text.nlines) return 0;
    return r->text.line_src[lineno - 1];
}

const char *nb_report_text(const nb_report *r, size_t *len)
{
    if (len) *len = r->text.len;
    return r->text.utf8 ? r->text.utf8 : "";
}

size_t nb_report_warning_count(const nb_report *r)
{
    return r->text.nwarnings;
}

const nb_warning *nb_report_warning(const nb_report *r, size_t i)
{
    return i < r->text.nwarnings ? &r->text.warnings[i] : NULL;
}

size_t nb_report_warnings_dropped(const nb_report *r)
{
    return r->text.warnings_dropped;
}
