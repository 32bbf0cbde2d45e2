/*
 * outfile.h — writing an output atomically: a hidden temporary file beside the target, renamed
 * into place when complete, so a reader never sees a partial file and an interrupted run leaves
 * only a temporary (".NAME.tmp-XXXXXX", which `convert` sweeps on its next run).
 */
#ifndef NB_OUTFILE_H
#define NB_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Reads the umask once. umask(2) can only be read by setting it, which would race with other
 * threads creating files; call this before starting threads (nb_temp_beside calls it too). */
void nb_outfile_init(void);

/* Creates ".NAME.tmp-XXXXXX" in path's directory, with mode 0666 less the umask (as a plain
 * fopen would), stores its name in tmp, and returns its descriptor; -1 with errno set when it
 * cannot (tmp too small gives ENAMETOOLONG). */
int nb_temp_beside(const char *path, char *tmp, size_t size);

/* True when path names something that exists and is not a regular file (a FIFO, a device,
 * /dev/stdout): such a target is written in place, since renaming onto it would replace it. */
bool nb_output_in_place(const char *path);

/* Renames tmp onto path; on failure removes tmp and returns -1 with errno set. */
int nb_rename_into_place(const char *tmp, const char *path);

#endif /* NB_OUTFILE_H */
