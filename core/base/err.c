/* err — see err.h. */
#include "base/err.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *progname = "cm";

void err_init(const char *name)
{
	const char *slash = strrchr(name, '/');
	progname = slash ? slash + 1 : name;
}

const char *err_progname(void) { return progname; }

int err_set(cm_error *e, const char *fmt, ...)
{
	va_list ap;
	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

static void vwarn(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void err_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void err_die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(status);
}

void err_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
	exit(CM_EXIT_USAGE);
}

void err_usage_hint(void)
{
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
	exit(CM_EXIT_USAGE);
}

static void *oom(size_t n)
{
	err_die(CM_EXIT_DATA, "out of memory (%zu bytes)", n);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	return p ? p : oom(n);
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	return p ? p : oom(n * size);
}

void *xzeroed(size_t n, size_t size)
{
	size_t bytes = (n ? n : 1) * (size ? size : 1);
	if (size && bytes / size != (n ? n : 1))
		return oom(SIZE_MAX);
	return memset(xmalloc(bytes), 0, bytes);
}

void *xcalloc_lines(size_t n, size_t size)
{
	size_t bytes = (n ? n : 1) * (size ? size : 1);
	void *p;
	if ((size && bytes / size != (n ? n : 1)) || bytes > SIZE_MAX - CACHE_LINE)
		return oom(SIZE_MAX);
	bytes = (bytes + CACHE_LINE - 1) & ~(size_t)(CACHE_LINE - 1);
	if (!(p = aligned_alloc(CACHE_LINE, bytes)))
		return oom(bytes);
	return memset(p, 0, bytes);
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	return q ? q : oom(n);
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void xgrow_to(void **p, size_t *cap, size_t need, size_t sz)
{
	size_t c = *cap ? *cap : 16;
	if (need <= *cap)
		return;
	while (c < need)
		c *= 2;
	*p = xrealloc(*p, c * sz);
	*cap = c;
}
