/*
 * Fuzz the whole of cm-import's reading: sniffing, CSV/JSON/whitespace parsing,
 * encodings, column recognition, dates, amounts, the customer table.  The input
 * is handed over as a file (memfd), the way the tool gets it.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../../core/customer.h"
#include "../../core/fileio.h"
#include "../../core/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	int fd = memfd_create("fuzz", 0);
	struct import_opts o = {0};
	customer_table *t;
	importer *im;
	cm_error e;
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
	t = customer_table_new();
	im = import_new(&o, t, &e);
	if (im) {
		if (import_file(im, path, &e) == 0) {
			const struct import_stats *s = import_stats(im);
			if (s->read != s->accepted + s->rejected + s->filtered)
				__builtin_trap(); /* the row account must always hold */
		}
		import_finish(im, &e);
		import_free(im);
	}
	customer_table_free(t);
	close(fd);
	return 0;
}
