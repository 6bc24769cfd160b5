/* Fuzz the JSON files cm reads whole: rules files and model files. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "models/model.h"
#include "segments/rules.h"

static const char *cell(size_t col, void *ctx, size_t *len)
{
	static const char *const row[] = {"A", "12.5", "", "at_risk", "x"};
	(void)ctx;
	*len = strlen(row[col % 5]);
	return row[col % 5];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"abc", "revenue", "clv", "lifecycle", "region"};
	static const int numeric[] = {0, 1, 1, 0, -1};
	struct rules_schema s = {5, names, numeric};
	cm_error e;
	rules *r = rules_parse((const char *)data, size, "fuzz", &s, size % 2, &e);
	char path[64];
	int fd;
	if (r) {
		rules_scratch *sc = rules_scratch_new(r);
		rules_match(r, sc, cell, NULL);
		rules_scratch_free(sc);
		rules_free(r);
	}
	fd = memfd_create("model", 0);
	if (fd >= 0 && write(fd, data, size) == (ssize_t)size) {
		struct model m;
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		model_load(&m, path, &e);
	}
	if (fd >= 0)
		close(fd);
	return 0;
}
