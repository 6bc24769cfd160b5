/* fileio — see fileio.h. */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include "io/fileio.h"

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
	char *name;
	int fd, regular;       /* regular: a named regular file */
	int gzip;              /* the input starts with gzip's magic bytes */
	int raw_eof;           /* no more bytes from fd */
	int member_end;        /* inflate ended a member: what follows must be another */
	z_stream z;
	unsigned char *raw;    /* bytes read from fd: compressed, or the first of a plain file */
	size_t rawpos, rawlen;
};

#define RAW_BUF (1 << 16)

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

/* read(2) into buf, again after a signal: >= 0, or -1 with a message. */
static ssize_t read_fd(const fileio_in *in, void *buf, size_t n, cm_error *e)
{
	ssize_t got;
	do
		got = read(in->fd, buf, n > (1u << 30) ? 1u << 30 : n);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return err_set(e, "%s: read error: %s", in->name, strerror(errno));
	return got;
}

/* More raw bytes after the unread ones, up to RAW_BUF: 1, 0 at the end, -1 an error. */
static int refill(fileio_in *in, cm_error *e)
{
	ssize_t got;
	if (in->raw_eof)
		return 0;
	if (in->rawpos > 0) {
		memmove(in->raw, in->raw + in->rawpos, in->rawlen - in->rawpos);
		in->rawlen -= in->rawpos;
		in->rawpos = 0;
	}
	if ((got = read_fd(in, in->raw + in->rawlen, RAW_BUF - in->rawlen, e)) < 0)
		return -1;
	in->raw_eof = got == 0;
	in->rawlen += (size_t)got;
	return got > 0;
}

fileio_in *fileio_open_in(const char *path, cm_error *e)
{
	int stdin_ = !path || strcmp(path, "-") == 0;
	int fd = stdin_ ? dup(STDIN_FILENO) : open(path, O_RDONLY);
	struct stat st;
	fileio_in *in;
	int rc = 1;

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
	in->raw = xmalloc(RAW_BUF);
	widen_pipe(fd);
	while (in->rawlen < 2 && (rc = refill(in, e)) > 0) /* gzip is told by its first two bytes */
		;
	if (rc < 0) {
		fileio_close_in(in);
		return NULL;
	}
	if (in->rawlen >= 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b) {
		in->gzip = 1;
		if (inflateInit2(&in->z, 15 + 16) != Z_OK) /* gzip only */
			err_die(CM_EXIT_DATA, "out of memory opening '%s'", in->name);
	}
	return in;
}

/* After a gzip member: another member (0), the end (1), or bytes that are
 * neither, an error (-1); zeros alone (padding to a block) end it quietly. */
static int after_member(fileio_in *in, cm_error *e)
{
	unsigned long long extra = 0;
	int zeros = 1, rc = 1;
	while (in->rawlen - in->rawpos < 2 && (rc = refill(in, e)) > 0)
		;
	if (rc < 0)
		return -1;
	if (in->rawlen - in->rawpos >= 2 && in->raw[in->rawpos] == 0x1f && in->raw[in->rawpos + 1] == 0x8b) {
		inflateReset(&in->z);
		in->member_end = 0;
		return 0;
	}
	do {
		for (size_t i = in->rawpos; i < in->rawlen; i++)
			zeros &= in->raw[i] == 0;
		extra += in->rawlen - in->rawpos;
		in->rawpos = in->rawlen;
	} while ((rc = refill(in, e)) > 0);
	if (rc < 0)
		return -1;
	if (extra > 0 && !zeros)
		return err_set(e, "%s: %llu byte%s after the end of the gzip data (a file appended to it?)", in->name,
			       extra, extra == 1 ? "" : "s");
	return 1;
}

static ssize_t read_gzip(fileio_in *in, void *buf, size_t n, cm_error *e)
{
	unsigned want = n > (1u << 30) ? 1u << 30 : (unsigned)n;
	in->z.next_out = buf;
	in->z.avail_out = want;
	for (;;) {
		int rc;
		if (in->member_end && (rc = after_member(in, e)) != 0)
			return rc < 0 ? -1 : 0;
		if (in->rawpos == in->rawlen && (rc = refill(in, e)) <= 0)
			return rc < 0 ? -1 : err_set(e, "%s: truncated gzip input", in->name);
		in->z.next_in = in->raw + in->rawpos;
		in->z.avail_in = (unsigned)(in->rawlen - in->rawpos);
		rc = inflate(&in->z, Z_NO_FLUSH);
		in->rawpos = in->rawlen - in->z.avail_in;
		if (rc == Z_STREAM_END)
			in->member_end = 1;
		else if (rc == Z_MEM_ERROR)
			err_die(CM_EXIT_DATA, "out of memory reading '%s'", in->name);
		else if (rc != Z_OK && rc != Z_BUF_ERROR)
			return err_set(e, "%s: corrupt gzip input: %s", in->name, in->z.msg ? in->z.msg : "bad data");
		if (in->z.avail_out < want)
			return (ssize_t)(want - in->z.avail_out);
	}
}

ssize_t fileio_read(fileio_in *in, void *buf, size_t n, cm_error *e)
{
	if (in->gzip)
		return read_gzip(in, buf, n, e);
	if (in->rawpos < in->rawlen) { /* the bytes looked at first */
		size_t k = in->rawlen - in->rawpos < n ? in->rawlen - in->rawpos : n;
		memcpy(buf, in->raw + in->rawpos, k);
		in->rawpos += k;
		return (ssize_t)k;
	}
	return in->raw_eof ? 0 : read_fd(in, buf, n, e);
}

int fileio_in_check_rest(fileio_in *in, cm_error *e)
{
	unsigned char scratch[1 << 16];
	ssize_t got;
	if (!in->gzip)
		return 0;
	while ((got = read_gzip(in, scratch, sizeof scratch, e)) > 0)
		;
	return got < 0 ? -1 : 0;
}

const char *fileio_in_name(const fileio_in *in) { return in->name; }

int fileio_in_plain_fd(fileio_in *in) { return in->regular && !in->gzip ? in->fd : -1; }

void fileio_close_in(fileio_in *in)
{
	if (!in)
		return;
	if (in->gzip)
		inflateEnd(&in->z);
	close(in->fd);
	free(in->raw);
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

/* A signal inherited as ignored (nohup's SIGHUP, a background job's SIGINT)
 * stays ignored: only a signal that would end us gets the cleanup. */
static void catch_signal(int sig)
{
	struct sigaction old;
	if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		return;
	signal(sig, on_signal);
}

static void track_temp(char *path, int add)
{
	static int installed;
	if (!installed) {
		installed = 1;
		atexit(remove_temps);
		catch_signal(SIGINT);
		catch_signal(SIGTERM);
		catch_signal(SIGHUP);
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

/* The mode a new file gets from open(2): 0666 less the umask (read without
 * changing it where the kernel tells it, else by setting it back at once). */
static mode_t new_file_mode(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	unsigned mask = 0;
	int found = 0;
	while (f && !found && fgets(line, sizeof line, f))
		found = sscanf(line, "Umask: %o", &mask) == 1;
	if (f)
		fclose(f);
	if (!found) {
		mask = (unsigned)umask(022);
		umask((mode_t)mask);
	}
	return (mode_t)(0666 & ~mask);
}

/* A regular file (or none yet): a temporary beside it, renamed into place at
 * the end, with the mode of the file it replaces or else that of a new file.  Anything else (/dev/null, a named pipe, a symbolic link such as
 * /dev/stdout) is written directly: a file renamed over it would replace the
 * device, the pipe or the link. */
static int open_named(fileio_out *out, cm_error *e)
{
	size_t n = strlen(out->name) + 16;
	struct stat st;
	int fd, exists = lstat(out->name, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
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
		fchmod(fd, exists ? st.st_mode & 07777 : new_file_mode());
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

long fileio_named_twice(char *const *paths, size_t n, size_t *earlier)
{
	struct stat a, b;
	for (size_t i = 1; i < n; i++) {
		if (strcmp(paths[i], "-") == 0 || stat(paths[i], &a) != 0)
			continue;
		for (size_t j = 0; j < i; j++)
			if (strcmp(paths[j], "-") != 0 && stat(paths[j], &b) == 0 && a.st_dev == b.st_dev &&
			    a.st_ino == b.st_ino) {
				*earlier = j;
				return (long)i;
			}
	}
	return -1;
}
