/*
 * error.h — helpers for filling nb_error values (the type and nb_error_set are public, in
 * nianbao.h).
 */
#ifndef NB_ERROR_H
#define NB_ERROR_H

#include "nianbao.h"

void nb_error_clear(nb_error *err);

/* The Chinese form of one of the library's English message formats, or NULL. */
const char *nb_message_zh(const char *fmt);
/* fmt formatted into en, and its Chinese form into zh ("" when there is none). */
void nb_message_format(char *en, size_t en_size, char *zh, size_t zh_size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* Entry i of the catalogue into *en and *zh: its size, or 0 when i is past the end (tests). */
size_t nb_message_catalogue(size_t i, const char **en, const char **zh);

#endif /* NB_ERROR_H */
