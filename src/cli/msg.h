/*
 * msg.h — the language of the program's own messages (help aside, which main.c keeps whole in
 * both languages): English, or Chinese when the locale or --lang says so.
 */
#ifndef NB_CLI_MSG_H
#define NB_CLI_MSG_H

#include <stdbool.h>

/* Chinese from now on (main.c decides, from --lang, LC_ALL, LC_MESSAGES, LANG). */
void cli_set_zh(bool zh);
bool cli_zh(void);
/* "zh" or "en", for the library's messages (nb_error_format_lang, nb_pdf_options.lang). */
const char *cli_lang(void);
/* The program's message format en in the language of messages (en itself when English, or
 * when it has no Chinese form). */
const char *cli_msg(const char *en);
/* fmt (an English format, translated with cli_msg) printed to standard error. */
void cli_say(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

#endif /* NB_CLI_MSG_H */
