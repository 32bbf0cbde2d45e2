/*
 * outfile.h — writing an output atomically: an anonymous file in the target's directory
 * (O_TMPFILE) or, where the file system has none, a hidden temporary beside the target
 * (".NAME.nbtmp-PID-XXXXXX": named for this process, never anyone else's), flushed to disk,
 * checked, and put under its final name only when complete. A reader never sees a partial
 * file; a killed run leaves no file behind where anonymous files are possible; no run ever
 * removes a file it did not create.
 */
#ifndef NB_OUTFILE_H
#define NB_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Reads the umask once. umask(2) can only be read by setting it, which would race with other
 * threads creating files; call this before starting threads (nb_outfile_open calls it too). */
void nb_outfile_init(void);

/* True when path names something that exists and is not a regular file (a FIFO, a device,
 * /dev/stdout): such a target is written in place, since renaming onto it would replace it. */
bool nb_output_in_place(const char *path);

/* An output being written. */
typedef struct nb_outfile {
    int fd;
    bool anon;       /* an O_TMPFILE file: no name until committed */
    char tmp[4200];  /* the temporary name (named files; anonymous ones while committing) */
    char path[4096]; /* the final name */
} nb_outfile;

/* Starts writing path: returns 0, or -1 with errno set. */
int nb_outfile_open(nb_outfile *o, const char *path);
/* A name that opens the file being written, for a library that wants a path:
 * /proc/self/fd/N for an anonymous file, else the temporary name. */
const char *nb_outfile_name(const nb_outfile *o, char *buf, size_t size);
/* Writes len bytes at the file's offset: 0, or -1 with errno set. */
int nb_outfile_write(nb_outfile *o, const void *data, size_t len);
/* Finishes: flushed to disk (fsync), then under the final name. Returns 0, or -1 with errno
 * set, and then nothing is left under either name. */
int nb_outfile_commit(nb_outfile *o);
/* Gives up: the file is closed and removed; the final name is untouched. */
void nb_outfile_abort(nb_outfile *o);

#endif /* NB_OUTFILE_H */
