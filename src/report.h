/*
 * report.h — the inside of nb_report, the object that carries one report through the
 * pipeline (decoded text now; document tree, form, figures and findings as they are built).
 *
 * Owns: reading an input (file or standard input) within the size limit, and running the
 * stages in order. Must not: do any stage's work itself.
 */
#ifndef NB_REPORT_H
#define NB_REPORT_H

#include "check.h"
#include "decode.h"
#include "doc.h"
#include "figures.h"
#include "bind.h"
#include "form.h"
#include "page.h"
#include "parse.h"
#include "nianbao.h"

struct nb_report {
    char *file;         /* the name used in messages */
    size_t input_bytes; /* size of the original input */
    nb_text text;
    nb_doc doc;
    nb_formset *own_forms; /* when the caller passed none */
    const nb_form *form;   /* NULL when no form fits */
    nb_binding binding;
    nb_figures figures;
    const nb_form *figures_form; /* the form whose patterns found the figures: the report's, or
                                  * for a run-together text whose tables could not be read, the
                                  * form of its year (the figures are listed, not checked) */
    parse_limits limits;         /* nb_options' limits, kept for the parse stage */
    nb_report_stage stage;       /* the last stage done */
    const nb_formset *forms;     /* the set the document was parsed with (NULL: none) */
    bool checked;
    const char *previous; /* the file nb_report_check_previous compared with (doc's arena) */
    nb_findings findings;
    char year[8];
};

#endif /* NB_REPORT_H */
