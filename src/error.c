/*
 * error.c — filling and formatting nb_error values.
 *
 * Errors are values in nianbao: a stage fills an nb_error and returns a status; only the
 * command line turns one into a message on stderr and an exit code.
 */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void nb_error_clear(nb_error *err)
{
    if (err) memset(err, 0, sizeof *err);
}

void nb_error_set(nb_error *err, nb_code code, const char *file, size_t line, size_t column,
                  const char *fmt, ...)
{
    if (!err) return;
    memset(err, 0, sizeof *err);
    err->code = code;
    err->line = line;
    err->column = column;
    if (file) snprintf(err->file, sizeof err->file, "%s", file);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

const char *nb_error_format(const nb_error *err, char *buf, size_t size)
{
    if (size == 0) return buf;
    buf[0] = '\0';
    if (!err) return buf;
    size_t n = 0;
    if (err->file[0]) {
        if (err->line && err->column)
            n = (size_t)snprintf(buf, size, "%s:%zu:%zu: ", err->file, err->line, err->column);
        else if (err->line)
            n = (size_t)snprintf(buf, size, "%s:%zu: ", err->file, err->line);
        else
            n = (size_t)snprintf(buf, size, "%s: ", err->file);
    }
    if (n < size) snprintf(buf + n, size - n, "%s", err->message);
    return buf;
}
