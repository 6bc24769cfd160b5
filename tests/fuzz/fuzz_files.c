/* Fuzz the files cm reads whole: rules and model files (JSON), rates files,
 * customer master lists, cost lists and contract exports. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "customers/contract_import.h"
#include "customers/currency.h"
#include "customers/master_list.h"
#include "io/date.h"
#include "io/fileio.h"
#include "models/model.h"
#include "segments/rules.h"

static const char *cell(size_t col, void *ctx, size_t *len)
{
	static const char *const row[] = {"A", "12.5", "", "at_risk", "x"};
	(void)ctx;
	*len = strlen(row[col % 5]);
	return row[col % 5];
}

/* The same bytes as a contract export, its table written to a memfd. */
static void contracts(const char *path, size_t size)
{
	struct contract_opts o;
	struct contract_stats st;
	const char *paths[] = {path};
	char out_path[64];
	int fd = memfd_create("contracts", 0);
	fileio_out *f;
	table_writer *w;
	cm_error e;
	memset(&o, 0, sizeof o);
	o.in.find_title = 1;
	o.as_of = size % 2 ? DAY_NONE : 19900;
	o.unit = (int)(size % 3);
	o.skip_errors = (int)(size / 2 % 2);
	snprintf(out_path, sizeof out_path, "/proc/self/fd/%d", fd);
	if (fd < 0 || !(f = fileio_open_out(out_path, &e)))
		__builtin_trap();
	w = table_writer_new(f, OUT_CSV);
	contract_import(&o, paths, 1, w, &st, &e);
	table_writer_free(w);
	fileio_close_out(f, 1, &e);
	close(fd);
}

/* The same bytes as a rates file, a master list and a cost list. */
static void lists(const char *path, size_t size)
{
	struct table_reader_opts o = {0};
	customer_table *t = customer_table_new();
	currency_rates *r;
	cm_error e;
	long n;
	o.find_title = 1;
	if ((r = currency_rates_load(path, &o, size % 3 ? NULL : "EUR", &e))) {
		int64_t v = (int64_t)size * 12345 - 99999;
		currency_convert(r, "USD", (int32_t)size, &v);
		currency_rates_free(r);
	}
	master_list_load(t, path, &o, NULL, (int)(size % 2), &e);
	customer_table_free(t);
	t = customer_table_new();
	master_list_load_costs(t, path, &o, 0, &n, &e);
	customer_table_free(t);
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
		lists(path, size);
		contracts(path, size);
	}
	if (fd >= 0)
		close(fd);
	return 0;
}
