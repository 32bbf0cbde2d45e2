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

/* (the declarations are public: nianbao.h, "atomic outputs") */
#include "nianbao.h"

#endif /* NB_OUTFILE_H */
