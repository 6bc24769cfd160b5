/*
 * csvparse — the floor set by our parser choice: a bare libcsv parse of a file
 * that only counts fields and rows.  Used by bench/run.sh, not installed.
 */
#include <csv.h>
#include <stdio.h>

static void on_field(void *s, size_t n, void *data)
{
	(void)s;
	(void)n;
	++*(long *)data;
}

static void on_row(int c, void *data)
{
	(void)c;
	++((long *)data)[1];
}

int main(int argc, char **argv)
{
	static char buf[1 << 17];
	long counts[2] = {0, 0};
	struct csv_parser p;
	size_t n;
	FILE *f = argc > 1 ? fopen(argv[1], "rb") : stdin;
	if (!f || csv_init(&p, 0) != 0)
		return 1;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0)
		csv_parse(&p, buf, n, on_field, on_row, counts);
	csv_fini(&p, on_field, on_row, counts);
	printf("%ld fields, %ld rows\n", counts[0], counts[1]);
	csv_free(&p);
	return 0;
}
