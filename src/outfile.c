/*
 * outfile.c — atomic outputs (see outfile.h).
 *
 * Must not: know what is written.
 */
#include "outfile.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static mode_t mask;

static void read_umask(void)
{
    mask = umask(022);
    umask(mask);
}

void nb_outfile_init(void)
{
    pthread_once(&once, read_umask);
}

int nb_temp_beside(const char *path, char *tmp, size_t size)
{
    nb_outfile_init();
    const char *slash = strrchr(path, '/');
    int n = slash ? snprintf(tmp, size, "%.*s/.%s.tmp-XXXXXX", (int)(slash - path), path, slash + 1)
                  : snprintf(tmp, size, ".%s.tmp-XXXXXX", path);
    if (n < 0 || (size_t)n >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) return -1;
    /* mkstemp makes the file private; an output gets the usual mode */
    if (fchmod(fd, 0666 & ~mask) != 0) {
        int e = errno;
        close(fd);
        unlink(tmp);
        errno = e;
        return -1;
    }
    return fd;
}

bool nb_output_in_place(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

int nb_rename_into_place(const char *tmp, const char *path)
{
    if (rename(tmp, path) == 0) return 0;
    int e = errno;
    unlink(tmp);
    errno = e;
    return -1;
}
