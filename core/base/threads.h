/*
 * threads — work shared out over threads: a byte range of a plain file cut at line ends into parts, a
 * thread for each; or a count of work items shared out the same way.  With
 * ordered_queue, one of the two modules that start threads.
 *
 * Each part but the last ends just after a '\n', so no line is cut in two.
 * Whether a record runs over a cut anyway (a quoted field holding a newline)
 * is for the caller to find out: see csvio_push_end.  Part 0 runs on the
 * calling thread.
 */
#ifndef CM_THREADS_H
#define CM_THREADS_H

#include <stddef.h>

/* Read the part [from, to) of fd; last: it ends the range.  What it finds goes into ctx. */
typedef void (*threads_part_fn)(void *ctx, int fd, long long from, long long to, int last);

/* Cut [from, to) of fd into at most n parts (fewer when lines are long or the
 * range small), run fn(ctx[i], ...) on part i, wait for all; returns the
 * number of parts.  ctx has room for n. */
size_t threads_split_file(int fd, long long from, long long to, size_t n, threads_part_fn fn, void **ctx);

/* Run fn(ctx, k) once for each k in [0, n): the k split into at most
 * `threads` runs of neighbours, a thread for each; wait for all. */
typedef void (*threads_each_fn)(void *ctx, size_t k);
void threads_each(size_t n, int threads, threads_each_fn fn, void *ctx);

/* With on, every part and run goes on the calling thread, one after the
 * other, the split itself unchanged: for a fuzz harness, where a thread
 * start per input would cost more than the input's work.  Call before any
 * threads_split_file; not for the tools. */
void threads_serial(int on);

/* The number of cores online (at least 1): the default for --threads. */
int threads_cores(void);

#endif
