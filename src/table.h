/*
 * table.h — recognizing table regions and turning them into grids (nb_table in doc.h).
 *
 * Owns: which classified lines belong to a table (pipe, markdown, tab, box-drawing, aligned
 * spaces, one cell per line, and the loose label fragments that pdftotext leaves among them),
 * and one grid model for all of them: rows of cells with their source lines, wrapped labels
 * rejoined, merged vertical labels kept as the row's group.
 * Must not: know forms (which row is which statistic).
 */
#ifndef NB_TABLE_H
#define NB_TABLE_H

#include "doc.h"
#include "lines.h"

/* Finds the end of the table region that starts at lines[first] (a strong line): returns the
 * index one past its last line. Regions stop at accepted headings, prose, dates, attachments
 * and table titles; weak lines are kept only when a strong line follows soon. */
size_t table_region_end(const nb_line *lines, size_t n, size_t first);

/* The most a table may hold (0: no limit), checked before its rows and cells are allocated. */
typedef struct table_limits {
    size_t rows;      /* rows of one table */
    size_t row_cells; /* cells of one row */
} table_limits;

#define TABLE_NOMEM   ((size_t)-1)
#define TABLE_REFUSED ((size_t)-2) /* a limit of lim was hit: *why says which, where */

typedef struct table_refusal {
    bool cells; /* the row's cells (else the table's rows) */
    size_t line, count;
} table_refusal;

/* Builds the grid of lines[first..end) and appends it to doc->tables. Returns its index,
 * TABLE_NOMEM when out of memory, or TABLE_REFUSED when a limit of lim was hit. */
size_t table_build(nb_doc *doc, const nb_line *lines, size_t first, size_t end, size_t *cap,
                   const table_limits *lim, table_refusal *why);

#endif /* NB_TABLE_H */
