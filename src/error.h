/*
 * error.h — helpers for filling nb_error values (the type and nb_error_set are public, in
 * nianbao.h).
 */
#ifndef NB_ERROR_H
#define NB_ERROR_H

#include "nianbao.h"

void nb_error_clear(nb_error *err);

#endif /* NB_ERROR_H */
