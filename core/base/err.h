/*
 * err — messages and fatal errors, the one place that prints to stderr.
 *
 * Messages are prefixed with the program name set by err_init(), lowercase,
 * no full stop: "cm-import: orders.csv:17: invalid date '31.02.' in column 'Datum'".
 * Library code never exits: it fills a cm_error and returns -1; only cmd/ calls
 * err_die.  Out of memory is the one exception: xmalloc and friends die.
 */
#ifndef CM_ERR_H
#define CM_ERR_H

#include <stddef.h>

#define CM_EXIT_OK    0
#define CM_EXIT_DATA  1 /* bad data, I/O error */
#define CM_EXIT_USAGE 2 /* bad options */

/* A message buffer that library functions fill on failure. */
typedef struct cm_error {
	char msg[512];
} cm_error;

void err_init(const char *progname);
const char *err_progname(void);

/* Format into e->msg; returns -1 so callers can `return err_set(e, ...)`. */
int err_set(cm_error *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void err_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void err_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Usage error: message, a hint to --help, exit 2. */
_Noreturn void err_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* After getopt has printed its own complaint: the hint alone, exit 2. */
_Noreturn void err_usage_hint(void);

/* Allocation that dies on out of memory. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
/* Zeroed as xcalloc, but written at once: every page's first touch is a write.
 * For tables read before they are written (hash slots) in a process with
 * threads: a page read first maps the shared zero page, and the write that
 * follows replaces it and flushes the TLB of every core (an interrupt to
 * each, slow in a virtual machine). */
void *xzeroed(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Zeroed as xcalloc, in whole cache lines of its own (64-byte aligned, the
 * size rounded up): for what a thread writes line by line while other threads
 * write what would lie beside it, which would otherwise bounce the shared
 * line between their cores.  Freed with free. */
#define CACHE_LINE 64
void *xcalloc_lines(size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow *p (holding *cap elements of size sz) to hold at least need elements. */
void xgrow_to(void **p, size_t *cap, size_t need, size_t sz);
static inline void xgrow(void **p, size_t *cap, size_t need, size_t sz)
{
	if (need > *cap) /* inline: most calls have room already */
		xgrow_to(p, cap, need, sz);
}

#endif
