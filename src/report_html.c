/*
 * report_html.c — the review page (check --format html). Placeholder while it is written.
 */
#include "render.h"

int render_html(const nb_report *r, FILE *out, unsigned flags)
{
    (void)r, (void)flags;
    fputs("<!DOCTYPE html>\n", out);
    return ferror(out) ? -1 : 0;
}
