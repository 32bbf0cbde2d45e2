/*
 * decode.h — from the bytes of a file to normalized UTF-8 lines with a map back to the bytes.
 *
 * Owns: encoding detection (byte-order marks, UTF-8 validity, GB18030 vs Big5 scoring), the
 * conversion (glibc or GNU iconv), normalization of line ends, the split into lines, the map
 * from each line to its byte offset in the input, and the messages for undecodable bytes.
 * Must not: know anything about reports.
 */
#ifndef NB_DECODE_H
#define NB_DECODE_H

#include "nianbao.h"

#include <stdint.h>

/* Decoded text. Every line, the last one included, is followed by one '\n' in `utf8`, so line
 * i (0-based) is utf8[line_start[i] .. line_start[i+1]-1) and line_start[nlines] == len.
 * CRLF and lone CR became LF; form feeds, U+3000 and NBSP are kept as they were. */
typedef struct nb_text {
    char *utf8;
    size_t len;
    size_t nlines;
    /* 32-bit offsets: an input is at most NB_MOST_INPUT_BYTES, its text three times that */
    uint32_t *line_start; /* nlines + 1 entries */
    uint32_t *line_src;   /* nlines entries: byte offset of each line in the input */
    nb_encoding encoding;
    bool encoding_close; /* detected as GB18030 or Big5, the other nearly as likely */
    size_t bom_bytes;    /* length of the byte-order mark that was skipped */
    nb_warning *warnings;
    size_t nwarnings;
    size_t warnings_dropped;
} nb_text;

typedef struct decode_params {
    nb_encoding encoding; /* NB_ENC_AUTO to detect */
    bool lenient;
    size_t max_warnings;
    size_t max_line_bytes; /* 0: no limit */
    const char *name;      /* for messages */
} decode_params;

/* Guesses the encoding of data and the length of its byte-order mark. Never fails: input
 * that fits no encoding well gets the closest one, and decoding then names the bad bytes. */
nb_encoding decode_detect_encoding(const unsigned char *data, size_t len, size_t *bom_bytes);

/* Decodes data into *out (zeroed first). Returns 0, or -1 with err filled: NB_ERR_DECODE
 * for a bad byte sequence or a NUL byte (unless lenient), NB_ERR_NOMEM. On failure *out is
 * left empty. */
int decode_text(const unsigned char *data, size_t len, const decode_params *p, nb_text *out,
                nb_error *err);

void decode_text_free(nb_text *t);

#endif /* NB_DECODE_H */
