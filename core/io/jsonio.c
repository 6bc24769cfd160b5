/* jsonio — see jsonio.h. */
#include "io/jsonio.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/encoding.h"

struct jsonio_reader {
	char **names;
	size_t ncols;
	long extra;
	cJSON *doc;          /* the array, or the current line's object */
	cJSON *cursor;       /* next array element */
	long index;
	char **vals;         /* current record's fields, owned */
	size_t *lens;
};

jsonio_reader *jsonio_reader_new(void) { return xcalloc(1, sizeof(jsonio_reader)); }

/* ---- parsing a whole text, strictly ------------------------------------- */

/* A NUL in a string, raw or as \u0000: cJSON would end the string there and
 * "C\u0000X" would become the customer "C". */
static int holds_nul(const char *s, size_t n)
{
	if (memchr(s, '\0', n))
		return 1;
	for (const char *p = s, *end = s + n; (p = memchr(p, '\\', (size_t)(end - p))); p += 2) {
		if (end - p >= 6 && p[1] == 'u' && memcmp(p + 2, "0000", 4) == 0)
			return 1;
		if (end - p < 2)
			break;
	}
	return 0;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* A key that an object holds twice (cJSON would keep both and find the
 * first): with deep, in nested objects too.  NULL if none. */
static const char *twice(const cJSON *v, int deep)
{
	const cJSON *it;
	const char *small[16], **keys = small, *dup = NULL;
	size_t n = 0, cap = 16;
	if (!cJSON_IsObject(v) && !(deep && cJSON_IsArray(v)))
		return NULL;
	cJSON_ArrayForEach(it, v) {
		if (deep && (dup = twice(it, 1)))
			break;
		if (!cJSON_IsObject(v))
			continue;
		if (n == cap) {
			const char **grown = xcalloc(2 * cap, sizeof *grown);
			memcpy(grown, keys, n * sizeof *keys);
			if (keys != small)
				free(keys);
			keys = grown;
			cap *= 2;
		}
		keys[n++] = it->string ? it->string : "";
	}
	if (!dup && n > 1) {
		qsort(keys, n, sizeof *keys, by_name);
		for (size_t i = 1; i < n && !dup; i++)
			if (strcmp(keys[i - 1], keys[i]) == 0)
				dup = keys[i];
	}
	if (keys != small)
		free(keys);
	return dup;
}

/* The length of the JSON number at s[0..n), 0 if it is none; *exponent: it
 * has one. */
static size_t json_number(const char *s, size_t n, int *exponent)
{
	size_t i = 0, from;
	*exponent = 0;
	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		for (from = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == from)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		*exponent = 1;
		if (++i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		for (from = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == from)
			return 0;
	}
	return i;
}

/* s[0..n) with the numbers that are a row's values (members of the objects
 * at depth row_depth: 1 for a JSON line, 2 in an array of objects) written as
 * strings, into out (NULL: only counted); the length.  A fraction of three
 * digits gets a fourth, 0 (1.500 is 1.5000: a JSON number's mark is the
 * point, and 1.500 would leave it open between 1.5 and 1500).  A number with
 * an exponent stays a number, and so does text that is no JSON number (cJSON
 * refuses it). */
static size_t quote_numbers(const char *s, size_t n, int row_depth, char *out)
{
	size_t k = 0;
	int in_string = 0, depth = 0;
	char last = 0; /* the last byte outside strings that is no blank */
	for (size_t i = 0; i < n;) {
		if (!in_string && (s[i] == '-' || (s[i] >= '0' && s[i] <= '9'))) {
			size_t end = i, len, keep;
			int exponent;
			while (end < n && s[end] && strchr("0123456789+-.eE", s[end]))
				end++;
			len = json_number(s + i, end - i, &exponent);
			keep = end - i;
			if (len == end - i && !exponent && last == ':' && depth == row_depth) {
				const char *dot = memchr(s + i, '.', keep);
				int pad = dot && s + i + keep - dot == 4; /* 1.500 -> 1.5000: the point is the mark */
				if (out) {
					out[k] = '"';
					memcpy(out + k + 1, s + i, keep);
					if (pad)
						out[k + 1 + keep] = '0';
					out[k + 1 + keep + pad] = '"';
				}
				k += keep + pad + 2;
			} else {
				if (out)
					memcpy(out + k, s + i, keep);
				k += keep;
			}
			last = '0';
			i = end;
			continue;
		}
		if (in_string && s[i] == '\\' && i + 1 < n) { /* an escape: the next byte is no quote */
			if (out)
				out[k] = s[i];
			k++, i++;
		} else if (s[i] == '"') {
			in_string = !in_string;
			last = '"';
		} else if (!in_string && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') {
			depth += (s[i] == '{' || s[i] == '[') - (s[i] == '}' || s[i] == ']');
			last = s[i];
		}
		if (out)
			out[k] = s[i];
		k++, i++;
	}
	return k;
}

/* A copy of the JSON text s[0..n) whose rows' numbers are strings of their
 * text (quote_numbers): cJSON keeps a number as a double only, which holds 15
 * to 17 digits; an id of 17 digits or an amount to the cent above 2^53 cents
 * would change, and two customers could become one. */
static char *numbers_as_text(const char *s, size_t n, int row_depth, size_t *outn)
{
	char *out;
	*outn = quote_numbers(s, n, row_depth, NULL);
	out = xmalloc(*outn + 1);
	quote_numbers(s, n, row_depth, out);
	out[*outn] = '\0';
	return out;
}

/* The JSON value that s[0..n) holds, and nothing after it but blanks; no NUL
 * in a string, no key twice in an object (deep: in nested ones too).  NULL
 * with a message otherwise. */
static cJSON *parse_whole(const char *s, size_t n, int deep, cm_error *e)
{
	const char *end = NULL, *dup;
	cJSON *v;
	if (holds_nul(s, n)) {
		err_set(e, "a NUL character in a string (\\u0000 or a NUL byte)");
		return NULL;
	}
	v = cJSON_ParseWithLengthOpts(s, n, &end, 0);
	if (!v) {
		err_set(e, "invalid JSON");
		return NULL;
	}
	while (end < s + n && (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
		end++;
	if (end < s + n && *end) {
		cJSON_Delete(v);
		err_set(e, "invalid JSON: text after the end of the value");
		return NULL;
	}
	if ((dup = twice(v, deep))) {
		char name[64];
		snprintf(name, sizeof name, "%s", dup);
		cJSON_Delete(v);
		err_set(e, "the key '%s' twice in one object", name);
		return NULL;
	}
	return v;
}

/* Rows: parse_whole of the text with its rows' numbers as strings (deep: an
 * array of rows, else one row). */
static cJSON *parse_rows(const char *s, size_t n, int deep, cm_error *e)
{
	size_t qn;
	char *q = numbers_as_text(s, n, deep ? 2 : 1, &qn);
	cJSON *v = parse_whole(q, qn, deep, e);
	free(q);
	return v;
}

static char *value_text(const cJSON *v)
{
	char buf[64];
	if (cJSON_IsString(v))
		return xstrdup(v->valuestring);
	if (cJSON_IsNull(v))
		return xstrdup("");
	if (cJSON_IsBool(v))
		return xstrdup(cJSON_IsTrue(v) ? "true" : "false");
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		snprintf(buf, sizeof buf, "%.15g", d);
		if (strtod(buf, NULL) != d)
			snprintf(buf, sizeof buf, "%.17g", d);
		return xstrdup(buf);
	}
	{
		char *s = cJSON_PrintUnformatted(v), *copy;
		if (!s)
			err_die(CM_EXIT_DATA, "out of memory");
		copy = xstrdup(s);
		cJSON_free(s);
		return copy;
	}
}

static void clear_vals(jsonio_reader *r)
{
	for (size_t i = 0; r->vals && i < r->ncols; i++) {
		free(r->vals[i]);
		r->vals[i] = NULL;
	}
}

static void take_names(jsonio_reader *r, const cJSON *obj)
{
	const cJSON *it;
	size_t n = 0;
	cJSON_ArrayForEach(it, obj) n++;
	r->names = xcalloc(n + 1, sizeof *r->names);
	r->vals = xcalloc(n + 1, sizeof *r->vals);
	r->lens = xcalloc(n + 1, sizeof *r->lens);
	cJSON_ArrayForEach(it, obj) r->names[r->ncols++] = xstrdup(it->string ? it->string : "");
}

static int to_record(jsonio_reader *r, const cJSON *obj, long line, cm_record *rec, cm_error *e)
{
	const cJSON *it;
	size_t known = 0, total = 0;
	rec->line = line;
	if (!cJSON_IsObject(obj))
		return err_set(e, "not a JSON object");
	if (!r->names)
		take_names(r, obj);
	clear_vals(r);
	for (size_t i = 0; i < r->ncols; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, r->names[i]);
		r->vals[i] = v ? value_text(v) : xstrdup("");
		r->lens[i] = strlen(r->vals[i]);
		known += v != NULL;
	}
	cJSON_ArrayForEach(it, obj) total++;
	if (total > known)
		r->extra += (long)(total - known);
	rec->n = r->ncols;
	rec->f = (const char **)r->vals;
	rec->len = r->lens;
	rec->line = line;
	return 1;
}

int jsonio_parse_line(jsonio_reader *r, const char *s, size_t n, long lineno,
		      cm_record *rec, cm_error *e)
{
	size_t i = 0;
	int rc;
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	if (i == n)
		return 0;
	cJSON_Delete(r->doc);
	if (!(r->doc = parse_rows(s, n, 0, e)))
		return -1;
	rc = to_record(r, r->doc, lineno, rec, e);
	return rc;
}

int jsonio_load_array(jsonio_reader *r, const char *s, size_t n, cm_error *e)
{
	cm_error inner;
	cJSON_Delete(r->doc);
	r->doc = parse_rows(s, n, 1, &inner);
	if (!r->doc)
		return err_set(e, "1: %s", inner.msg);
	if (!cJSON_IsArray(r->doc))
		return err_set(e, "1: invalid JSON (expected an array of objects)");
	r->cursor = r->doc->child;
	return 0;
}

int jsonio_next_element(jsonio_reader *r, cm_record *rec, cm_error *e)
{
	const cJSON *el = r->cursor;
	if (!el)
		return 0;
	r->cursor = el->next;
	return to_record(r, el, ++r->index, rec, e);
}

size_t jsonio_ncols(const jsonio_reader *r) { return r->ncols; }
const char *jsonio_colname(const jsonio_reader *r, size_t i) { return r->names[i]; }
long jsonio_extra_keys(const jsonio_reader *r) { return r->extra; }

void jsonio_reader_free(jsonio_reader *r)
{
	if (!r)
		return;
	clear_vals(r);
	for (size_t i = 0; i < r->ncols; i++)
		free(r->names[i]);
	free(r->names);
	free(r->vals);
	free(r->lens);
	cJSON_Delete(r->doc);
	free(r);
}

void jsonio_write_key(fileio_out *out, const char *key, int first)
{
	if (!first)
		fileio_putc(out, ',');
	jsonio_write_string(out, key, strlen(key));
	fileio_putc(out, ':');
}

void jsonio_write_string(fileio_out *out, const char *s, size_t n)
{
	static char *buf;
	static size_t cap;
	size_t len = jsonio_format_string(&buf, &cap, 0, s, n); /* before buf is read: it may move */
	fileio_write(out, buf, len);
}

size_t jsonio_format_string(char **buf, size_t *cap, size_t len, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *u = (const unsigned char *)s;
	char *p;
	if (len + 6 * n + 3 > *cap)
		xgrow((void **)buf, cap, len + 6 * n + 3, 1); /* \u00XX at worst */
	p = *buf + len;
	*p++ = '"';
	for (size_t i = 0; i < n; i++) {
		unsigned char c = u[i];
		size_t k;
		if (c >= 0x80) { /* a whole UTF-8 character, or U+FFFD: JSON is UTF-8 */
			if ((k = encoding_utf8_char(s + i, n - i))) {
				memcpy(p, s + i, k);
				p += k;
				i += k - 1;
			} else {
				memcpy(p, "\xEF\xBF\xBD", 3);
				p += 3;
			}
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\') {
			*p++ = (char)c;
			continue;
		}
		*p++ = '\\';
		if (c == '"' || c == '\\')
			*p++ = (char)c;
		else if (c == '\n')
			*p++ = 'n';
		else if (c == '\t')
			*p++ = 't';
		else if (c == '\r')
			*p++ = 'r';
		else {
			memcpy(p, "u00", 3);
			p[3] = hex[c >> 4];
			p[4] = hex[c & 15];
			p += 5;
		}
	}
	*p++ = '"';
	*p = '\0';
	return (size_t)(p - *buf);
}

struct jsonio_doc {
	cJSON *root;
};

jsonio_doc *jsonio_doc_parse(const char *text, size_t n, cm_error *e)
{
	jsonio_doc *d;
	cJSON *root = parse_whole(text, n, 1, e);
	if (!root)
		return NULL;
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		err_set(e, "not a JSON object");
		return NULL;
	}
	d = xcalloc(1, sizeof *d);
	d->root = root;
	return d;
}

static const cJSON *lookup(const jsonio_doc *d, const char *path)
{
	const cJSON *node = d->root;
	char key[128];
	while (node && *path) {
		size_t k = strcspn(path, ".");
		if (k >= sizeof key)
			return NULL;
		memcpy(key, path, k);
		key[k] = '\0';
		node = cJSON_GetObjectItemCaseSensitive(node, key);
		path += k + (path[k] == '.');
	}
	return node;
}

int jsonio_doc_number(const jsonio_doc *d, const char *path, double *v)
{
	const cJSON *n = lookup(d, path);
	if (!cJSON_IsNumber(n))
		return -1;
	*v = n->valuedouble;
	return 0;
}

int jsonio_doc_type(const jsonio_doc *d, const char *path)
{
	const cJSON *n = lookup(d, path);
	return n ? jsonio_type((const jsonio_value *)n) : -1;
}

const char *jsonio_doc_string(const jsonio_doc *d, const char *path)
{
	const cJSON *n = lookup(d, path);
	return cJSON_IsString(n) ? n->valuestring : NULL;
}

void jsonio_doc_free(jsonio_doc *d)
{
	if (!d)
		return;
	cJSON_Delete(d->root);
	free(d);
}

const jsonio_value *jsonio_doc_root(const jsonio_doc *d) { return (const jsonio_value *)d->root; }

int jsonio_type(const jsonio_value *v)
{
	const cJSON *j = (const cJSON *)v;
	if (cJSON_IsBool(j))
		return JSONIO_BOOL;
	if (cJSON_IsNumber(j))
		return JSONIO_NUMBER;
	if (cJSON_IsString(j))
		return JSONIO_STRING;
	if (cJSON_IsArray(j))
		return JSONIO_ARRAY;
	if (cJSON_IsObject(j))
		return JSONIO_OBJECT;
	return JSONIO_NULL;
}

const jsonio_value *jsonio_member(const jsonio_value *v, const char *key)
{
	return (const jsonio_value *)cJSON_GetObjectItemCaseSensitive((const cJSON *)v, key);
}

size_t jsonio_length(const jsonio_value *v) { return (size_t)cJSON_GetArraySize((const cJSON *)v); }

const jsonio_value *jsonio_first(const jsonio_value *v) { return (const jsonio_value *)((const cJSON *)v)->child; }
const jsonio_value *jsonio_next(const jsonio_value *v) { return (const jsonio_value *)((const cJSON *)v)->next; }

const char *jsonio_name(const jsonio_value *member)
{
	const char *k = ((const cJSON *)member)->string;
	return k ? k : "";
}

double jsonio_number(const jsonio_value *v) { return ((const cJSON *)v)->valuedouble; }
const char *jsonio_string(const jsonio_value *v) { return ((const cJSON *)v)->valuestring; }
