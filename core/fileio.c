/* fileio — see fileio.h. */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

struct fileio_in {
	gzFile gz;
	char *name;
	int fd, regular;       /* regular: a named regular file */
};

/* A pipe between two tools holds 64 KB by default: a wake-up of the other
 * end for every 64 KB.  Ask for 1 MB (Linux; the limit is pipe-max-size);
 * fine if refused.  Either end may ask. */
static void widen_pipe(int fd)
{
#ifdef F_SETPIPE_SZ
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode))
		(void)fcntl(fd, F_SETPIPE_SZ, 1 << 20);
#else
	(void)fd;
#endif
}

fileio_in *fileio_open_in(const char *path, cm_error *e)
{
	int stdin_ = !path || strcmp(path, "-") == 0;
	int fd = stdin_ ? dup(STDIN_FILENO) : open(path, O_RDONLY);
	struct stat st;
	fileio_in *in;

	if (fd < 0) {
		err_set(e, "cannot open '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		err_set(e, "cannot read '%s': is a directory", path);
		return NULL;
	}
	in = xcalloc(1, sizeof *in);
	in->name = xstrdup(stdin_ ? "<stdin>" : path);
	in->fd = fd;
	in->regular = !stdin_ && S_ISREG(st.st_mode);
	widen_pipe(fd);
	in->gz = gzdopen(fd, "rb"); /* transparent for data that is not gzip */
	if (!in->gz)
		err_die(CM_EXIT_DATA, "out of memory opening '%s'", in->name);
	gzbuffer(in->gz, 1 << 16); /* reads of 128 KB or more (linein) then go straight to the caller, no copy */
	return in;
}

ssize_t fileio_read(fileio_in *in, void *buf, size_t n, cm_error *e)
{
	int errnum = Z_OK;
	int got = gzread(in->gz, buf, n > (1u << 30) ? 1u << 30 : (unsigned)n);
	const char *msg;

	if (got > 0)
		return got;
	msg = gzerror(in->gz, &errnum);
	if (errnum == Z_ERRNO)
		return err_set(e, "%s: read error: %s", in->name, strerror(errno));
	if (errnum == Z_BUF_ERROR) /* zlib's word for a stream cut short */
		return err_set(e, "%s: truncated gzip input", in->name);
	if (errnum != Z_OK) {
		const char *colon = msg && msg[0] == '<' ? strstr(msg, ": ") : NULL; /* drop zlib's "<fd:3>: " */
		return err_set(e, "%s: corrupt gzip input: %s", in->name, colon ? colon + 2 : msg);
	}
	return 0;
}

const char *fileio_in_name(const fileio_in *in) { return in->name; }

int fileio_in_plain_fd(fileio_in *in) { return in->regular && gzdirect(in->gz) ? in->fd : -1; }

void fileio_close_in(fileio_in *in)
{
	if (!in)
		return;
	gzclose_r(in->gz);
	free(in->name);
	free(in);
}

/* ---- output ---------------------------------------------------------- */

#define OUT_BUF (1 << 18)
#define MAX_TEMPS 64

struct fileio_out {
	FILE *fp;      /* plain output */
	gzFile gz;     /* or compressed output */
	char *name;    /* as given, for messages */
	char *temp;    /* temporary file, renamed to name on success */
	int err;       /* errno of the first failed write, or -1 */
	size_t len;
	char buf[OUT_BUF];
};

/* Temporaries still open, removed if a fatal signal or exit() cuts us short. */
static char *temps[MAX_TEMPS];

static void remove_temps(void)
{
	for (int i = 0; i < MAX_TEMPS; i++)
		if (temps[i])
			unlink(temps[i]);
}

static void on_signal(int sig)
{
	remove_temps();
	signal(sig, SIG_DFL);
	raise(sig);
}

static void track_temp(char *path, int add)
{
	static int installed;
	if (!installed) {
		installed = 1;
		atexit(remove_temps);
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		signal(SIGHUP, on_signal);
	}
	for (int i = 0; i < MAX_TEMPS; i++) {
		if (add && !temps[i]) {
			temps[i] = path;
			return;
		}
		if (!add && temps[i] == path) {
			temps[i] = NULL;
			return;
		}
	}
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A regular file (or none yet): a temporary beside it, renamed into place at
 * the end.  Anything else (/dev/null, a named pipe, a symbolic link such as
 * /dev/stdout) is written directly: a file renamed over it would replace the
 * device, the pipe or the link. */
static int open_named(fileio_out *out, cm_error *e)
{
	size_t n = strlen(out->name) + 16;
	struct stat st;
	int fd;
	if (lstat(out->name, &st) == 0 && !S_ISREG(st.st_mode)) {
		fd = open(out->name, O_WRONLY | O_TRUNC);
	} else {
		out->temp = xmalloc(n);
		snprintf(out->temp, n, "%s.tmpXXXXXX", out->name);
		fd = mkstemp(out->temp);
	}
	if (fd < 0) {
		err_set(e, "cannot write '%s': %s", out->name, strerror(errno));
		return -1;
	}
	if (out->temp) {
		fchmod(fd, 0644);
		track_temp(out->temp, 1);
	}
	if (ends_with(out->name, ".gz")) {
		out->gz = gzdopen(fd, "wb6");
		return out->gz ? 0 : err_set(e, "cannot write '%s'", out->name);
	}
	out->fp = fdopen(fd, "wb");
	return out->fp ? 0 : err_set(e, "cannot write '%s'", out->name);
}

fileio_out *fileio_open_out(const char *path, cm_error *e)
{
	fileio_out *out = xcalloc(1, sizeof *out);
	out->err = -1;
	if (!path || strcmp(path, "-") == 0) {
		out->name = xstrdup("<stdout>");
		out->fp = stdout;
		widen_pipe(STDOUT_FILENO);
		return out;
	}
	out->name = xstrdup(path);
	if (open_named(out, e) < 0) {
		fileio_close_out(out, 0, NULL);
		return NULL;
	}
	return out;
}

/* n bytes to the file or stream, past the buffer; the first error kept. */
static void put_out(fileio_out *out, const char *p, size_t n)
{
	if (n && out->err < 0) {
		int ok = out->gz ? gzwrite(out->gz, p, (unsigned)n) == (int)n : fwrite(p, 1, n, out->fp) == n;
		if (!ok)
			out->err = errno ? errno : EIO;
	}
}

static void flush_buf(fileio_out *out)
{
	put_out(out, out->buf, out->len);
	out->len = 0;
}

void fileio_write(fileio_out *out, const void *buf, size_t n)
{
	const char *p = buf;
	if (n >= OUT_BUF && n <= INT_MAX) { /* a block of rows built elsewhere: no copy */
		flush_buf(out);
		put_out(out, p, n);
		return;
	}
	while (n > 0) {
		size_t room = OUT_BUF - out->len, k = n < room ? n : room;
		memcpy(out->buf + out->len, p, k);
		out->len += k;
		p += k;
		n -= k;
		if (out->len == OUT_BUF)
			flush_buf(out);
	}
}

void fileio_puts(fileio_out *out, const char *s) { fileio_write(out, s, strlen(s)); }

void fileio_putc(fileio_out *out, int c)
{
	if (out->len == OUT_BUF)
		flush_buf(out);
	out->buf[out->len++] = (char)c;
}

const char *fileio_out_name(const fileio_out *out) { return out->name; }

static void finish_stream(fileio_out *out)
{
	flush_buf(out);
	errno = 0;
	if (out->gz) {
		if (gzclose_w(out->gz) != Z_OK && out->err < 0)
			out->err = errno ? errno : EIO;
	} else if (out->fp == stdout) {
		if ((fflush(stdout) != 0 || ferror(stdout)) && out->err < 0)
			out->err = errno ? errno : EIO;
	} else if (out->fp) {
		if (fclose(out->fp) != 0 && out->err < 0)
			out->err = errno ? errno : EIO;
	}
}

int fileio_close_out(fileio_out *out, int ok, cm_error *e)
{
	int rc = 0;
	if (!out)
		return 0;
	if (out->fp || out->gz)
		finish_stream(out);
	if (ok && out->err >= 0)
		rc = err_set(e, "write error on '%s': %s", out->name, strerror(out->err));
	if (out->temp) {
		if (ok && rc == 0 && rename(out->temp, out->name) != 0)
			rc = err_set(e, "cannot rename to '%s': %s", out->name, strerror(errno));
		if (!ok || rc != 0)
			unlink(out->temp);
		track_temp(out->temp, 0);
		free(out->temp);
	}
	free(out->name);
	free(out);
	return rc;
}
