/*
 * Fuzz the cockpit: a customer table in (the input's bytes after a header
 * of the columns cm-report reads, so most inputs reach the sections), the
 * report built and written in every format and language, and each output
 * checked as its reader would take it: valid UTF-8 throughout, JSON that
 * parses, HTML whose tags open and close in order with no stray '<', no
 * control character but newline in text and Markdown, CSV whose text cells
 * cannot run as spreadsheet formulas.  Any failure traps.
 */
#define _GNU_SOURCE
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "customers/customer_reader.h"
#include "io/encoding.h"
#include "io/fileio.h"
#include "report/render.h"
#include "report/report.h"

static const char header[] = "customer_id,revenue,clv,orders,repeat_orders,orders_recent,lifecycle,abc,"
			     "rfm_segment,r_score,f_score,segment,strategy,last_date,idle_days,margin,db2,"
			     "channels,main_channel,categories,region\n";
static const char cohort_header[] = "cohort,period,cohort_customers,customers,retention,revenue\n";

/* The bytes written to a memfd through fileio (it writes a named file whole). */
static char *rendered(const report_doc *d, int format, const struct lang_opts *l, size_t *n)
{
	char path[64];
	cm_error e;
	fileio_out *out;
	char *text;
	int fd = memfd_create("out", 0);
	FILE *f;
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	out = fileio_open_out(path, &e); /* not a regular file by its link: written directly */
	if (!out)
		__builtin_trap();
	render(d, format, l, 0, out);
	if (fileio_close_out(out, 1, &e) < 0)
		__builtin_trap();
	f = fdopen(fd, "rb");
	fseek(f, 0, SEEK_END);
	*n = (size_t)ftell(f);
	rewind(f);
	text = malloc(*n + 1);
	if (fread(text, 1, *n, f) != *n)
		__builtin_trap();
	text[*n] = '\0';
	fclose(f);
	return text;
}

/* Tags open and close in order; every '<' starts a tag; void and self-closed
 * elements need no end. */
static int html_ok(const char *s)
{
	static const char *const empty[] = {"meta", "br", "hr", "img", "wbr", NULL};
	char stack[64][16];
	int depth = 0;
	for (const char *p = s; (p = strchr(p, '<')); p++) {
		char name[16];
		size_t k = 0;
		int closing = p[1] == '/', self;
		const char *q = p + 1 + closing, *end;
		if (strncmp(p, "<!DOCTYPE", 9) == 0 || strncmp(p, "<!--", 4) == 0)
			continue;
		while (k + 1 < sizeof name && ((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9')))
			name[k++] = *q++;
		name[k] = '\0';
		if (k == 0 || !(end = strchr(q, '>')))
			return 0;
		self = end[-1] == '/';
		for (int i = 0; empty[i]; i++)
			self |= strcmp(name, empty[i]) == 0;
		if (closing) {
			if (depth == 0 || strcmp(stack[--depth], name) != 0)
				return 0;
		} else if (!self) {
			if (depth == 64)
				return 0;
			strcpy(stack[depth++], name);
		}
		p = end;
	}
	return depth == 0;
}

/* No control character but newline (a name's ESC or BEL reaches no terminal). */
static int text_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\n') || s[i] == 0x7f)
			return 0;
	return 1;
}

/* Every cell of the CSV's value column that is text: no formula. */
static int csv_ok(const char *s)
{
	for (const char *line = strchr(s, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
		const char *v = line + 1;
		for (int commas = 0; commas < 3 && *v && *v != '\n'; v++)
			commas += *v == ',';
		v += *v == '"';
		if (*v == '=' || *v == '@')
			return 0;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64], cohorts[64];
	int fd = memfd_create("table", 0), cfd = memfd_create("cohorts", 0);
	struct report_opts o = {.top = 3, .group_by = {"region", "lifecycle"}, .ngroups = size % 3, .threads = 1};
	customer_reader *in;
	report_doc doc = {0};
	cm_error e;
	if (fd < 0 || write(fd, header, sizeof header - 1) != (ssize_t)(sizeof header - 1) ||
	    write(fd, data, size) != (ssize_t)size) {
		if (fd >= 0)
			close(fd);
		if (cfd >= 0)
			close(cfd);
		return 0;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	/* the same bytes as a cohort table, for every other input */
	if (cfd >= 0 && size % 2 == 0 && write(cfd, cohort_header, sizeof cohort_header - 1) > 0 &&
	    write(cfd, data, size) == (ssize_t)size) {
		snprintf(cohorts, sizeof cohorts, "/proc/self/fd/%d", cfd);
		o.cohorts = cohorts;
	}
	if ((in = customer_reader_open(path, &e))) {
		if (report_build(in, &o, &doc, &e) == 0) {
			for (int lang = LANG_EN; lang <= LANG_DE; lang++) {
				struct lang_opts l = {lang, lang == LANG_DE ? "\xE2\x82\xAC" : ""};
				for (int f = RENDER_TEXT; f <= RENDER_HTML; f++) {
					size_t n;
					char *text = rendered(&doc, f, &l, &n);
					cJSON *j;
					if (encoding_utf8_check(text, n) != n)
						__builtin_trap();
					if (f == RENDER_JSON && !(j = cJSON_ParseWithLength(text, n)))
						__builtin_trap();
					if (f == RENDER_JSON)
						cJSON_Delete(j);
					if (f == RENDER_HTML && !html_ok(text))
						__builtin_trap();
					if ((f == RENDER_TEXT || f == RENDER_MARKDOWN) && !text_ok(text, n))
						__builtin_trap();
					if (f == RENDER_CSV && !csv_ok(text))
						__builtin_trap();
					free(text);
				}
			}
		}
		report_doc_free(&doc);
		customer_reader_close(in);
	}
	close(fd);
	if (cfd >= 0)
		close(cfd);
	return 0;
}
