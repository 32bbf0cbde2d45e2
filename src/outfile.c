/*
 * outfile.c — atomic outputs (see outfile.h).
 *
 * Must not: know what is written.
 */
#define _GNU_SOURCE /* O_TMPFILE, AT_EMPTY_PATH (Linux; elsewhere outputs get a hidden name) */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
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

/* Creates ".NAME.nbtmp-PID-XXXXXX" in path's directory, with mode 0666 less the umask (as a plain
 * fopen would), stores its name in tmp, and returns its descriptor; -1 with errno set when it
 * cannot (tmp too small gives ENAMETOOLONG). */
static int temp_beside(const char *path, char *tmp, size_t size)
{
    nb_outfile_init();
    const char *slash = strrchr(path, '/');
    int pid = (int)getpid();
    int n = slash ? snprintf(tmp, size, "%.*s/.%s.nbtmp-%d-XXXXXX", (int)(slash - path), path,
                             slash + 1, pid)
                  : snprintf(tmp, size, ".%s.nbtmp-%d-XXXXXX", path, pid);
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

bool nb_output_is_input(const char *output, const char *input)
{
    if (strcmp(output, "-") == 0 || strcmp(input, "-") == 0) return false;
    if (strcmp(output, input) == 0) return true;
    struct stat so, si;
    return stat(output, &so) == 0 && stat(input, &si) == 0 && so.st_dev == si.st_dev &&
           so.st_ino == si.st_ino;
}

/* Renames tmp onto path; on failure removes tmp and returns -1 with errno set. */
static int rename_into_place(const char *tmp, const char *path)
{
    if (rename(tmp, path) == 0) return 0;
    int e = errno;
    unlink(tmp);
    errno = e;
    return -1;
}

int nb_outfile_open(nb_outfile *o, const char *path)
{
    nb_outfile_init();
    memset(o, 0, sizeof *o);
    o->fd = -1;
    if (strlen(path) >= sizeof o->path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(o->path, path);
#ifdef O_TMPFILE
    char dir[4096];
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    else
        strcpy(dir, ".");
    o->fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0666 & ~mask);
    if (o->fd >= 0) {
        o->anon = true;
        return 0;
    }
    /* a file system without anonymous files (EOPNOTSUPP, EISDIR on old kernels): a name */
#endif
    o->fd = temp_beside(path, o->tmp, sizeof o->tmp);
    return o->fd >= 0 ? 0 : -1;
}

const char *nb_outfile_name(const nb_outfile *o, char *buf, size_t size)
{
    if (!o->anon) return o->tmp;
    snprintf(buf, size, "/proc/self/fd/%d", o->fd);
    return buf;
}

int nb_outfile_write(nb_outfile *o, const void *data, size_t len)
{
    const char *p = data;
    while (len) {
        ssize_t w = write(o->fd, p, len);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            if (w == 0) errno = EIO;
            return -1;
        }
        p += w, len -= (size_t)w;
    }
    return 0;
}

static atomic_uint serial;

/* Gives an anonymous file a hidden name of this process beside its target. */
static int name_anonymous(nb_outfile *o)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", o->fd);
    const char *slash = strrchr(o->path, '/');
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned r = (unsigned)atomic_fetch_add(&serial, 1) * 2654435761u + (unsigned)o->fd;
        int n = slash ? snprintf(o->tmp, sizeof o->tmp, "%.*s/.%s.nbtmp-%d-%06x",
                                 (int)(slash - o->path), o->path, slash + 1, (int)getpid(),
                                 r & 0xFFFFFF)
                      : snprintf(o->tmp, sizeof o->tmp, ".%s.nbtmp-%d-%06x", o->path, (int)getpid(),
                                 r & 0xFFFFFF);
        if (n < 0 || (size_t)n >= sizeof o->tmp) {
            errno = ENAMETOOLONG;
            return -1;
        }
        if (linkat(AT_FDCWD, proc, AT_FDCWD, o->tmp, AT_SYMLINK_FOLLOW) == 0) return 0;
#ifdef AT_EMPTY_PATH
        if (errno == ENOENT && linkat(o->fd, "", AT_FDCWD, o->tmp, AT_EMPTY_PATH) == 0) return 0;
#endif
        if (errno != EEXIST) return -1;
    }
    return -1;
}

int nb_outfile_commit(nb_outfile *o)
{
    int e = 0;
    if (fsync(o->fd) != 0 && errno != EINVAL && errno != EROFS) e = errno;
    if (!e && o->anon && name_anonymous(o) != 0) e = errno;
    if (close(o->fd) != 0 && !e) e = errno;
    o->fd = -1;
    if (e) {
        if (o->tmp[0]) unlink(o->tmp);
        errno = e;
        return -1;
    }
    return rename_into_place(o->tmp, o->path);
}

void nb_outfile_abort(nb_outfile *o)
{
    if (o->fd >= 0) close(o->fd);
    o->fd = -1;
    if (!o->anon && o->tmp[0]) unlink(o->tmp);
}
