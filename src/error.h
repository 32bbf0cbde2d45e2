/*
 * error.h — helpers for filling nb_error values (the type itself is public, in nianbao.h).
 */
#ifndef NB_ERROR_H
#define NB_ERROR_H

#include "nianbao.h"

void nb_error_clear(nb_error *err);

/* Fills err (which may be NULL) with a code, a location (file may be NULL; 0 for an unknown
 * line or column) and a printf-style message. */
void nb_error_set(nb_error *err, nb_code code, const char *file, size_t line, size_t column,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif /* NB_ERROR_H */
