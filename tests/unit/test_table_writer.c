/*
 * table_writer_text writes a plain cell as table_writer_cell does: random short texts
 * (ASCII, blanks, quotes, commas, tabs, backslashes, UTF-8, NULs), each in a
 * numeric and a text column, in CSV, TSV and JSON Lines; every text
 * table_writer_is_plain calls plain goes out the same both ways.  And the texts
 * it calls plain are the ones a hand-written rule calls plain.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/table_writer.h"
#include "check.h"

static uint64_t state = 777;

#define ROWS 4000

struct cell {
	char s[12];
	size_t n;
};

static void random_cell(struct cell *c)
{
	static const char bytes[] = "ab ,\"\t\\\n\r.-09\0\xc3\xa9";
	c->n = check_rand(&state, sizeof c->s);
	for (size_t i = 0; i < c->n; i++)
		c->s[i] = bytes[check_rand(&state, sizeof bytes - 1)];
	c->s[c->n] = '\0';
}

/* The rule, byte by byte: printable or whole UTF-8 characters, none of " \ , and no blank at an end. */
static int plain_by_hand(const struct cell *c)
{
	for (size_t i = 0; i < c->n; i++) {
		unsigned char u = (unsigned char)c->s[i];
		if (u < 0x20 || u == '"' || u == '\\' || u == ',' || ((i == 0 || i + 1 == c->n) && u == ' '))
			return 0;
		if (u >= 0x80) { /* the random texts' one character, é: C3 A9, neither byte alone */
			if (u != 0xC3 || i + 1 == c->n || (unsigned char)c->s[i + 1] != 0xA9)
				return 0;
			i++;
		}
	}
	return 1;
}

/* The cells written in the format, plain ones by table_writer_text when `text`; the file's bytes. */
static char *written(const struct cell *cells, int format, int text, size_t *len)
{
	char path[] = "/tmp/cm-test-table_writer-XXXXXX", *buf;
	int fd = mkstemp(path);
	FILE *f;
	cm_error e;
	fileio_out *out = fileio_open_out(path, &e);
	table_writer *t = table_writer_new(out, format);
	table_writer_column(t, "n", 1);
	table_writer_column(t, "t", 0);
	table_writer_header(t);
	for (size_t i = 0; i < ROWS; i++) {
		for (int k = 0; k < 2; k++) {
			const struct cell *c = &cells[2 * i + (size_t)k];
			if (text && table_writer_is_plain(c->s, c->n))
				table_writer_text(t, c->s, c->n);
			else
				table_writer_cell(t, c->s, c->n);
		}
		table_writer_end_row(t);
	}
	table_writer_free(t);
	fileio_close_out(out, 1, &e);
	f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	rewind(f);
	buf = malloc(*len + 1);
	if (fread(buf, 1, *len, f) != *len)
		*len = 0;
	fclose(f);
	close(fd);
	unlink(path);
	return buf;
}

void test_table_writer(void)
{
	struct cell *cells = malloc(2 * ROWS * sizeof *cells);
	int disagree = 0, plain = 0;
	for (size_t i = 0; i < 2 * ROWS; i++) {
		random_cell(&cells[i]);
		disagree += table_writer_is_plain(cells[i].s, cells[i].n) != plain_by_hand(&cells[i]);
		plain += plain_by_hand(&cells[i]);
	}
	CHECK(disagree == 0, "table_writer_is_plain differs from the rule on %d of %d texts", disagree, 2 * ROWS);
	CHECK(plain > ROWS / 4 && plain < 2 * ROWS - ROWS / 4, "the random texts are not a mix: %d plain", plain);
	for (int format = OUT_CSV; format <= OUT_JSONL; format++) {
		size_t na, nb;
		char *a = written(cells, format, 0, &na), *b = written(cells, format, 1, &nb);
		CHECK(na > 0 && na == nb && memcmp(a, b, na) == 0, "format %d: table_writer_text writes other bytes", format);
		free(a);
		free(b);
	}
	free(cells);
}
