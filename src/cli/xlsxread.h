/*
 * xlsxread.h — a reviewer's workbook read back (check --baseline review.xlsx).
 */
#ifndef NB_CLI_XLSXREAD_H
#define NB_CLI_XLSXREAD_H

#include <stdbool.h>
#include <stddef.h>

/* Called for each row of the findings sheet with its 文件, 指纹 and 复核结论 ("" when empty). */
typedef void (*xlsx_row_fn)(void *ctx, const char *file, const char *fingerprint,
                            const char *verdict);

/* Reads the findings sheet (问题清单, or Findings, else the first) of the workbook at path,
 * whose first row names the columns 文件, 指纹 and 复核结论 (or file, fingerprint, verdict).
 * 0, or -1 with why. */
int xlsx_review_rows(const char *path, xlsx_row_fn fn, void *ctx, char *why, size_t size);

#endif /* NB_CLI_XLSXREAD_H */
