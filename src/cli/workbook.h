/*
 * workbook.h — the reviewer's workbook (check --format xlsx, convert's findings.xlsx), written
 * with libxlsxwriter: a 问题清单 sheet (a finding a row: file, agency, year, line, severity,
 * status, rule, message, the prose side, the table side, the fingerprint as text and an empty
 * 复核结论 column for the reviewer), a 统计数据 sheet (every bound cell), and for several
 * reports a 汇总 sheet (a report a row). Chinese headers, the header row frozen, filters, column
 * widths fitted to their contents.
 *
 * What a report gives the workbook is copied into rows (wb_rows, made in any thread), so that
 * convert can free each report when its worker is done and write the workbook at the end.
 */
#ifndef NB_CLI_WORKBOOK_H
#define NB_CLI_WORKBOOK_H

#include "nianbao.h"

/* One report's rows (all strings copied). */
typedef struct wb_rows wb_rows;

/* r's findings (not PASS, not ignored), bound cells and summary, messages in Chinese unless
 * english. NULL when out of memory. */
wb_rows *wb_rows_of(const nb_report *r, bool english);
/* A summary row alone, for a file that could not be read (error: why). */
wb_rows *wb_rows_failed(const char *file, const char *error);
void wb_rows_free(wb_rows *rows);

/* Writes the workbook of rows[0..n) to path atomically (a temporary name beside it, then
 * rename); the 汇总 sheet when summary. It is dated by SOURCE_DATE_EPOCH when set, else by
 * newest, the newest input's modification time (seconds since 1970): the same rows and date
 * give the same bytes. 0, or -1 with why. */
int wb_write(const char *path, wb_rows *const *rows, size_t n, bool summary, bool english,
             long long newest, char *why, size_t size);

#endif /* NB_CLI_WORKBOOK_H */
