/*
 * check.h — the cross-checks: the form's rules over the bound cells, prose figures against
 * their cells, and the document rules (years, signature date, sections, fees, text slips).
 *
 * Owns: evaluating rules into findings, each with its status, severity, messages (Chinese and
 * English), evidence (every involved line with its value and text) and a fingerprint that
 * does not change when unrelated lines are added to the file.
 * Must not: format output (the report_* renderers do) or look at bytes.
 */
#ifndef NB_CHECK_H
#define NB_CHECK_H

#include "decode.h"
#include "doc.h"
#include "figures.h"
#include "bind.h"
#include "form.h"

typedef struct nb_evidence {
    size_t line;
    const char *value; /* as printed, "" when none */
    const char *text;  /* the row label, or the prose phrase */
    const char *file;  /* NULL: this report's line; else the other report's (across years) */
} nb_evidence;

typedef struct nb_finding {
    const char *rule; /* "t3.balance", "prose.website", "doc.date_window", … */
    nb_status status;
    nb_severity severity;
    size_t line; /* the line the finding is reported at; the other side is in the message */
    const char *message_zh;
    const char *message_en;
    char fingerprint[18]; /* "F" and 16 hex digits */
    nb_evidence *evidence;
    size_t nevidence;
    nb_review review; /* set by the caller (a baseline, --ignore): not counted when marked */
} nb_finding;

typedef struct nb_findings {
    nb_finding *items; /* in the doc's arena, ordered by line */
    size_t n;
} nb_findings;

/* Runs every check. form (and binding, figures) may be NULL: only the document rules run.
 * text's decoding warnings (under --lenient) become a doc.undecodable finding.
 * Returns 0, or -1 with err filled when out of memory. */
int check_report(const nb_form *form, const nb_binding *binding, const nb_figures *figures,
                 nb_doc *doc, const nb_text *text, nb_findings *out, nb_error *err);

/* Year against year: the rules across years of `form` (the report's) over its cells and those
 * of the same agency's report of the year before (pform, pbinding; pfile names it in the
 * messages and evidence). A pair of years that are not consecutive, or a year before whose
 * statistics were not recognized, is one UNCERTAIN finding; a change of form a note. The new
 * findings join io (in doc's arena, ordered by line). 0, or -1 with err when out of memory. */
int check_previous(const nb_form *form, const nb_binding *binding, const char *year,
                   const nb_form *pform, const nb_binding *pbinding, const char *pfile,
                   const char *pyear, nb_doc *doc, nb_findings *io, nb_error *err);

#endif /* NB_CHECK_H */
