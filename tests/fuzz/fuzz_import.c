/*
 * Fuzz the whole of cm-import's reading: sniffing, CSV/JSON/whitespace parsing,
 * encodings, column recognition, dates, amounts, the customer table.  The input
 * is handed over as a file (memfd), the way the tool gets it, and read twice:
 * line by line (--threads 0) and in parts; both must agree.  The parts run
 * one after the other on this thread (threads_serial): the split and the
 * merge are the same, without a thread start per input.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "customers/customer.h"
#include "io/fileio.h"
#include "customers/import.h"
#include "base/threads.h"

/* Import the file with o; the row account must always hold.  *out: the counts. */
static int import_once(const char *path, const struct import_opts *o, struct import_stats *out, size_t *customers)
{
	customer_table *t = customer_table_new();
	cm_error e;
	importer *im = import_new(o, t, &e);
	int rc = -1;
	memset(out, 0, sizeof *out);
	if (im) {
		rc = import_file(im, path, &e);
		*out = *import_stats(im);
		if (rc == 0 && out->read != out->accepted + out->rejected + out->filtered)
			__builtin_trap();
		import_finish(im, &e);
		import_free(im);
	}
	*customers = customer_count(t);
	customer_table_free(t);
	return rc;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	threads_serial(1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	int fd = memfd_create("fuzz", 0);
	struct import_opts o = {0};
	struct import_stats a, b;
	size_t ca, cb;
	int ra, rb;
	if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	o.as_of = o.holdout_end = DAY_NONE;
	o.skip_errors = 1;      /* go through every row */
	o.anon_skip = size % 2; /* and both ways of handling anonymous rows */
	o.in.encoding = (size % 3 == 0) ? 1 : 0;
	/* Line by line, then in parts on threads: the same counts, customers and outcome. */
	ra = import_once(path, &o, &a, &ca);
	o.threads = 1 + (int)(size % 4);
	rb = import_once(path, &o, &b, &cb);
	if (ra != rb || ca != cb || memcmp(&a, &b, sizeof a) != 0)
		__builtin_trap();
	close(fd);
	return 0;
}
