/*
 * render.h — the renderers' entry points, which nb_report_render (api.c) calls; each returns
 * 0, or -1 when out could not be written. They use nianbao.h's types alone, as the renderers
 * do (tests/cli/test_public.sh compiles them with this header and nianbao.h only).
 */
#ifndef NB_RENDER_H
#define NB_RENDER_H

#include "nianbao.h"

#include <stdio.h>

int render_json(const nb_report *r, FILE *out, unsigned flags, const nb_render_field *fields,
                size_t nfields);
int render_cells_csv(const nb_report *r, FILE *out, unsigned flags);
int render_findings(const nb_report *r, FILE *out, unsigned flags);
int render_findings_csv(const nb_report *r, FILE *out, unsigned flags);
int render_summary(const nb_report *r, FILE *out, unsigned flags);
int render_html(const nb_report *r, FILE *out, unsigned flags);

#endif /* NB_RENDER_H */
