/* csvio — see csvio.h. */
#include "io/csvio.h"

#include <csv.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "io/encoding.h"

struct span {
	size_t off, len;
};

struct rec {
	size_t first, n; /* fields[first .. first+n) */
	long line;
	char *bad;       /* a record refused by the guard: why (owned); its one field is its first line */
};

/* The guard against a stray quote (csvio_guard): the lines of a record that
 * runs over a line end, kept until it ends, to be read again as records of
 * their own if it turns out to be a quote left open by mistake. */
struct held_line {
	size_t off, len;
	long lineno;
};

struct csvio_reader {
	struct csv_parser p;
	int whitespace;
	char *chars;               /* field bytes, each followed by NUL */
	size_t nchars, capchars;
	struct span *fields;
	size_t nfields, capfields;
	struct rec *recs;
	size_t nrecs, caprecs, next;
	size_t cur_first;          /* first field of the record being built */
	int in_record;             /* a record has begun and not ended */
	long start;                /* the line it began on */
	long lineno;               /* line being fed */
	const char **fptr;         /* handed out by csvio_next */
	size_t *flen;
	size_t capptr;
	csvio_push_fn push;        /* push mode: records go here as they end */
	void *pushctx;
	int stopped;               /* push said stop */
	int tail;                  /* push mode: bytes after the last record end */
	int plain;                 /* lines may be split here (take_line), not all by libcsv */
	int lib_open;              /* libcsv is inside a record: every line goes to it */
	int lib_ended;             /* libcsv's last callback ended a record */
	char *carry;               /* push mode: a line cut by the end of a block */
	size_t ncarry, capcarry;
	size_t *dpos;              /* where the delimiters of a scanned line are */
	size_t capdpos;
	size_t *qpos;              /* and its quotes */
	size_t capqpos;
	int utf8;                  /* push mode: every line must be valid UTF-8 */
	size_t guard_fields;       /* csvio_guard: the header's width; 0 no guard */
	long guard_lines;
	size_t guard_bytes;
	char *held;                /* the lines of the record running over line ends */
	size_t nheld, capheld;
	struct held_line *hl;
	size_t nhl, caphl;
	char *why;                 /* the reason of the last bad record handed out */
	int spanned;               /* push mode with the guard: a record ran over a line end */
};

/*
 * libcsv grows its field buffer by a fixed block (128 bytes) at a time: a 10 MB
 * field means 80,000 reallocs, quadratic wherever realloc copies.  These hand it
 * memory in doubling steps instead: the capacity sits in a header before the
 * block, and a request that fits returns the same block.
 */
#define HEADER (2 * sizeof(size_t)) /* keeps the block aligned */

static void *doubling_realloc(void *p, size_t n)
{
	size_t *h = p ? (size_t *)((char *)p - HEADER) : NULL, cap = h ? h[0] : 256;
	if (h && n <= h[0])
		return p;
	while (cap < n)
		cap *= 2;
	h = realloc(h, cap + HEADER);
	if (!h)
		return NULL;
	h[0] = cap;
	return (char *)h + HEADER;
}

static void doubling_free(void *p)
{
	if (p)
		free((char *)p - HEADER);
}

/* CM_LIBCSV_ONLY=1 sends every line through libcsv: for benchmarks and for
 * checking that the split below changes nothing. */
static int plain_default(void)
{
	const char *v = getenv("CM_LIBCSV_ONLY");
	return !(v && *v && strcmp(v, "0") != 0);
}

static void lib_init(csvio_reader *r, int delim)
{
	if (csv_init(&r->p, 0) != 0)
		err_die(CM_EXIT_DATA, "out of memory");
	csv_set_realloc_func(&r->p, doubling_realloc);
	csv_set_free_func(&r->p, doubling_free);
	csv_set_delim(&r->p, (unsigned char)delim);
}

csvio_reader *csvio_reader_new(int delim)
{
	csvio_reader *r = xcalloc(1, sizeof *r);
	if (delim == CSVIO_WHITESPACE) {
		r->whitespace = 1;
		return r;
	}
	lib_init(r, delim);
	r->plain = plain_default() && delim != '"' && delim != '\r' && delim != '\n';
	return r;
}

static void add_field(csvio_reader *r, const char *s, size_t n)
{
	if (r->nchars + n + 1 > r->capchars) /* the common case grows nothing: no call */
		xgrow((void **)&r->chars, &r->capchars, r->nchars + n + 1, 1);
	if (r->nfields + 1 > r->capfields)
		xgrow((void **)&r->fields, &r->capfields, r->nfields + 1, sizeof *r->fields);
	memcpy(r->chars + r->nchars, s, n);
	r->chars[r->nchars + n] = '\0';
	r->fields[r->nfields++] = (struct span){r->nchars, n};
	r->nchars += n + 1;
}

/* The record of fields[first .. first+n) as pointers into chars. */
static void hand_out(csvio_reader *r, size_t first, size_t n, long line, cm_record *rec)
{
	if (n + 1 > r->capptr) {
		xgrow((void **)&r->fptr, &r->capptr, n + 1, sizeof *r->fptr);
		r->flen = xrealloc(r->flen, r->capptr * sizeof *r->flen);
	}
	for (size_t i = 0; i < n; i++) {
		r->fptr[i] = r->chars + r->fields[first + i].off;
		r->flen[i] = r->fields[first + i].len;
	}
	*rec = (cm_record){n, r->fptr, r->flen, line};
}

static void push_record(csvio_reader *r)
{
	cm_record rec;
	hand_out(r, 0, r->nfields, 0, &rec);
	if (r->tail)
		r->tail = 2;
	else if (!r->stopped)
		r->stopped = r->push(r->pushctx, &rec);
	r->nchars = r->nfields = 0;
}

static void end_record(csvio_reader *r)
{
	if (r->push) {
		push_record(r);
		return;
	}
	xgrow((void **)&r->recs, &r->caprecs, r->nrecs + 1, sizeof *r->recs);
	r->recs[r->nrecs++] = (struct rec){r->cur_first, r->nfields - r->cur_first, r->start, NULL};
	r->cur_first = r->nfields;
	r->in_record = 0;
	r->start = r->lineno; /* a record after a lone CR starts on this line */
}

static void on_field(void *s, size_t n, void *data)
{
	csvio_reader *r = data;
	r->lib_ended = 0;
	add_field(r, s ? s : "", s ? n : 0);
}

static void on_record(int c, void *data)
{
	csvio_reader *r = data;
	(void)c;
	r->lib_ended = 1;
	end_record(r);
}

/*
 * Most lines hold no quote.  Such a line means to libcsv exactly this: a field
 * at each delimiter, with the blanks (space and tab, unless one is the
 * delimiter) at either end of each field dropped; a line of blanks only is no
 * record.  Those lines are split here, several times faster than libcsv's byte
 * by byte state machine.  So are lines whose quotes all make whole quoted
 * fields (a quote first in the field, the closing one last, "" for a quote
 * inside); every other line (a quote inside an unquoted field, a field going
 * on to the next line), and every line while libcsv is inside a record, goes
 * to libcsv.  A CR anywhere but before the final '\n'
 * ends a record in libcsv: such a line goes to libcsv too, and from a line fed
 * to libcsv with one, all lines do (its state after the CR is not known here).
 * The fuzz harness fuzz_csvio holds the two ways to the same records.
 */
static int is_blank(int c, int delim) { return (c == ' ' || c == '\t') && c != delim; }

/* What one pass over a line found. */
struct scan {
	size_t len;            /* bytes up to and including its '\n' */
	size_t body;           /* without the '\n' and a CR just before it */
	int plain;             /* no CR but one before the '\n': the line may be split here */
	size_t ndelim;         /* its delimiters are at r->dpos[0..ndelim) */
	size_t nquote;         /* its quotes at r->qpos[0..nquote) */
	size_t high;           /* its first byte >= 0x80, or len if none */
	int latin;             /* every byte ASCII or in a well-formed two-byte character: valid UTF-8 */
};

static int matters(unsigned char c, unsigned char delim)
{
	return c == delim || c == '\n' || c == '"' || c == '\r';
}

/* The bits of the bytes that matter in s[0..16) (SSE2, on every x86-64), or
 * in two words of eight; bit k for byte k.  *high: the bits of the bytes >= 0x80. */
static uint32_t specials16(const unsigned char *s, unsigned char delim, uint32_t *high)
{
#ifdef __SSE2__
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)delim)),
					      _mm_cmpeq_epi8(v, _mm_set1_epi8('\n'))),
				 _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\r'))));
	*high = (uint32_t)_mm_movemask_epi8(v);
	return (uint32_t)_mm_movemask_epi8(m);
#else
	uint32_t bits = 0;
	*high = 0;
	for (int k = 0; k < 16; k++) {
		bits |= (uint32_t)matters(s[k], delim) << k;
		*high |= (uint32_t)(s[k] >> 7) << k;
	}
	return bits;
#endif
}

/* The two-byte characters of s[0..16): bit k of *lead for a byte 0xC2..0xDF
 * at k, the returned bits for a continuation byte 0x80..0xBF.  The text of
 * Western European exports is ASCII and these; a line of them only is valid
 * UTF-8 when each lead is followed by a continuation and each continuation
 * follows a lead, which two masks tell without a loop over the bytes. */
static uint32_t latin16(const unsigned char *s, size_t n, uint32_t *lead)
{
#ifdef __SSE2__
	if (n >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
		__m128i l = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-63)), _mm_cmplt_epi8(v, _mm_set1_epi8(-32)));
		*lead = (uint32_t)_mm_movemask_epi8(l);
		return (uint32_t)_mm_movemask_epi8(_mm_cmplt_epi8(v, _mm_set1_epi8(-64)));
	}
#endif
	uint32_t cont = 0;
	*lead = 0;
	for (size_t k = 0; k < n && k < 16; k++) {
		*lead |= (uint32_t)(s[k] >= 0xC2 && s[k] <= 0xDF) << k;
		cont |= (uint32_t)(s[k] >= 0x80 && s[k] <= 0xBF) << k;
	}
	return cont;
}

/* The bits of s[0..16) (n of them there) that break the two-byte form: a
 * high byte neither lead nor continuation, a continuation after no lead, a
 * lead before no continuation (seen in the next block, through *carry). */
static uint32_t not_latin16(const unsigned char *s, size_t n, uint32_t high, uint32_t *carry)
{
	uint32_t lead, cont = latin16(s, n, &lead), follow = ((lead << 1) | *carry) & 0xFFFF;
	*carry = lead >> 15;
	return ((lead | cont) ^ high) | (cont ^ follow);
}

/* One pass over s[0..avail), sixteen bytes at a time, up to the first '\n':
 * 1 and *sc, or 0 when no '\n' comes before avail. */
static int scan_line(csvio_reader *r, const char *str, size_t avail, struct scan *sc)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char delim = (unsigned char)r->p.delim_char;
	size_t nd = 0, nq = 0, ncr = 0, cr = 0, high = SIZE_MAX;
	uint32_t carry = 0, broken = 0; /* a lead at the end of the block before; bits breaking the two-byte form */
	for (size_t base = 0; base < avail; base += 16) {
		uint32_t m, h = 0, bad = 0;
		if (avail - base >= 16) {
			m = specials16(s + base, delim, &h);
		} else {
			m = 0;
			for (size_t k = 0; k < avail - base; k++) {
				m |= (uint32_t)matters(s[base + k], delim) << k;
				h |= (uint32_t)(s[base + k] >> 7) << k;
			}
		}
		if (h && high == SIZE_MAX)
			high = base + (size_t)__builtin_ctz(h);
		if (h | carry)
			bad = not_latin16(s + base, avail - base, h, &carry);
		for (; m; m &= m - 1) {
			size_t at = base + (size_t)__builtin_ctz(m);
			unsigned char c = s[at];
			if (c == delim) {
				if (nd == r->capdpos)
					xgrow((void **)&r->dpos, &r->capdpos, nd + 1, sizeof *r->dpos);
				r->dpos[nd++] = at;
			} else if (c == '\n') {
				int crlf = ncr > 0 && cr + 1 == at;
				broken |= bad & ((UINT32_C(2) << (at - base)) - 1); /* the bytes up to the '\n' */
				*sc = (struct scan){at + 1, at - (size_t)crlf, ncr == (size_t)crlf, nd, nq,
						    high < at ? high : at + 1, broken == 0};
				return 1;
			} else if (c == '"') {
				if (nq == r->capqpos)
					xgrow((void **)&r->qpos, &r->capqpos, nq + 1, sizeof *r->qpos);
				r->qpos[nq++] = at;
			} else {
				ncr++, cr = at;
			}
		}
		broken |= bad;
	}
	return 0;
}

/* Field [from, to) of the line copied at c (chars offset off), blanks trimmed. */
static void plain_field(csvio_reader *r, char *c, size_t off, size_t from, size_t to, int delim)
{
	/* blanks are rare: one test for both ends first */
	if (from < to && ((unsigned char)c[from] <= ' ' || (unsigned char)c[to - 1] <= ' ')) {
		while (from < to && is_blank((unsigned char)c[from], delim))
			from++;
		while (to > from && is_blank((unsigned char)c[to - 1], delim))
			to--;
	}
	c[to] = '\0';
	r->fields[r->nfields++] = (struct span){off + from, to - from};
}

/* The scanned line s, without a quote: 1 if it was split here, 0 if it is libcsv's. */
static int split_plain(csvio_reader *r, const char *s, const struct scan *sc)
{
	size_t body = sc->body, from = 0, off = r->nchars;
	int delim = r->p.delim_char;
	char *c;
	if (!sc->plain)
		return 0;
	if (sc->ndelim == 0) {
		size_t at = 0;
		while (at < body && is_blank((unsigned char)s[at], delim))
			at++;
		if (at == body)
			return 1; /* blank: libcsv skips it */
	}
	if (r->nchars + body + 1 > r->capchars)
		xgrow((void **)&r->chars, &r->capchars, r->nchars + body + 1, 1);
	if (r->nfields + sc->ndelim + 1 > r->capfields)
		xgrow((void **)&r->fields, &r->capfields, r->nfields + sc->ndelim + 1, sizeof *r->fields);
	c = r->chars + off;
	memcpy(c, s, body);
	for (size_t k = 0; k < sc->ndelim; k++) {
		plain_field(r, c, off, from, r->dpos[k], delim);
		from = r->dpos[k] + 1;
	}
	plain_field(r, c, off, from, body, delim);
	r->nchars += body + 1;
	end_record(r);
	return 1;
}

/* Where the next quote at or after `at` is (*k advanced to it), or SIZE_MAX. */
static size_t next_quote(const csvio_reader *r, const struct scan *sc, size_t *k, size_t at)
{
	while (*k < sc->nquote && r->qpos[*k] < at)
		(*k)++;
	return *k < sc->nquote ? r->qpos[*k] : SIZE_MAX;
}

/* A quoted field from s[pos] (a quote) copied unquoted at c + *w: the end of
 * the field (just after its closing quote), or SIZE_MAX if it does not close
 * on this line or text follows the closing quote: libcsv's. */
static size_t quoted_field(const csvio_reader *r, const char *s, const struct scan *sc, size_t *kq, size_t pos,
			   char *c, size_t *w)
{
	size_t at = pos + 1, q;
	for (;;) {
		if ((q = next_quote(r, sc, kq, at)) >= sc->body)
			return SIZE_MAX;
		memcpy(c + *w, s + at, q - at);
		*w += q - at;
		if (q + 1 < sc->body && s[q + 1] == '"') { /* "" is a quote */
			c[(*w)++] = '"';
			at = q + 2;
			continue;
		}
		q++;
		return q == sc->body || s[q] == r->p.delim_char ? q : SIZE_MAX;
	}
}

/* The scanned line s, with quotes: 1 if it was split here, 0 if it is libcsv's. */
static int split_quoted(csvio_reader *r, const char *s, const struct scan *sc)
{
	size_t body = sc->body, pos = 0, kd = 0, kq = 0, w = 0, first = r->nfields, off = r->nchars;
	int delim = r->p.delim_char;
	char *c;
	if (!sc->plain)
		return 0;
	if (r->nchars + body + 1 > r->capchars)
		xgrow((void **)&r->chars, &r->capchars, r->nchars + body + 1, 1);
	if (r->nfields + sc->ndelim + 1 > r->capfields)
		xgrow((void **)&r->fields, &r->capfields, r->nfields + sc->ndelim + 1, sizeof *r->fields);
	c = r->chars + off;
	memcpy(c, s, body); /* the fields before the first quoted one stay where they are */
	for (; kd < sc->ndelim && r->dpos[kd] < r->qpos[0]; kd++) { /* before the first quote: as a plain line */
		plain_field(r, c, off, pos, r->dpos[kd], delim);
		pos = w = r->dpos[kd] + 1;
	}
	for (;;) {
		size_t from = w, end;
		if (pos < body && s[pos] == '"') {
			if ((end = quoted_field(r, s, sc, &kq, pos, c, &w)) == SIZE_MAX)
				break;
			c[w] = '\0';
			r->fields[r->nfields++] = (struct span){off + from, w - from};
		} else {
			while (kd < sc->ndelim && r->dpos[kd] < pos)
				kd++;
			end = kd < sc->ndelim ? r->dpos[kd] : body;
			if (next_quote(r, sc, &kq, pos) < end)
				break; /* a quote inside an unquoted field */
			if (w != pos) /* moved up by the quotes dropped before it */
				memcpy(c + w, s + pos, end - pos);
			plain_field(r, c, off, w, w + end - pos, delim);
			w += end - pos;
		}
		w++;
		if (end == body) {
			r->nchars += w;
			end_record(r);
			return 1;
		}
		pos = end + 1;
	}
	r->nfields = first; /* nothing taken: libcsv's */
	return 0;
}

/* One line to libcsv; afterwards, is it between records? */
static void lib_line(csvio_reader *r, const char *s, size_t n)
{
	size_t body = n > 0 && s[n - 1] == '\n' ? n - 1 : n;
	if (body > 0 && s[body - 1] == '\r')
		body--;
	r->lib_ended = 0;
	csv_parse(&r->p, s, n, on_field, on_record, r);
	if (memchr(s, '\r', body))
		r->plain = 0;
	r->lib_open = !r->lib_ended || body == n;
}

/* A whole line, scanned (sc) or not (NULL): split here or parsed by libcsv;
 * -1 if it is to be checked (push mode) and is not valid UTF-8. */
static int take_line(csvio_reader *r, const char *s, size_t n, const struct scan *sc)
{
	size_t from = sc ? sc->high : 0; /* the bytes before are ASCII */
	if (r->utf8 && from < n && !(sc && sc->latin) && encoding_utf8_check(s + from, n - from) != n - from)
		return -1;
	if (!sc || !(sc->nquote ? split_quoted(r, s, sc) : split_plain(r, s, sc)))
		lib_line(r, s, n);
	return 0;
}

/* One line fed by the caller (line mode, no UTF-8 check). */
static void line_in(csvio_reader *r, const char *s, size_t n)
{
	struct scan sc;
	int scanned = r->plain && !r->lib_open && scan_line(r, s, n, &sc) && sc.len == n;
	take_line(r, s, n, scanned ? &sc : NULL);
}

/* Drop records already handed out, keeping a half-built one. */
static void compact(csvio_reader *r)
{
	size_t keep_off;
	if (r->next < r->nrecs || r->next == 0)
		return;
	for (size_t i = 0; i < r->nrecs; i++)
		free(r->recs[i].bad);
	keep_off = r->cur_first < r->nfields ? r->fields[r->cur_first].off : r->nchars;
	memmove(r->chars, r->chars + keep_off, r->nchars - keep_off);
	r->nchars -= keep_off;
	memmove(r->fields, r->fields + r->cur_first, (r->nfields - r->cur_first) * sizeof *r->fields);
	r->nfields -= r->cur_first;
	for (size_t i = 0; i < r->nfields; i++)
		r->fields[i].off -= keep_off;
	r->cur_first = 0;
	r->nrecs = r->next = 0;
}

static void split_whitespace(csvio_reader *r, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t j;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
			i++;
		if (i == n)
			break;
		for (j = i; j < n && !(s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n'); j++)
			;
		add_field(r, s + i, j - i);
		i = j;
	}
	if (r->nfields > r->cur_first)
		end_record(r);
	else
		r->in_record = 0; /* a blank line */
}

/* ---- the guard against a stray quote ----------------------------------- */

void csvio_guard(csvio_reader *r, size_t fields, long max_lines, size_t max_bytes)
{
	if (r->whitespace)
		return;
	r->guard_fields = fields > 0 ? fields : 1;
	r->guard_lines = max_lines > 0 ? max_lines : 1;
	r->guard_bytes = max_bytes;
}

/* Would the line on its own be a whole record of the header's width: as many
 * delimiters outside quotes as the header, less one, and its quotes closed? */
static int looks_like_record(const csvio_reader *r, const char *s, size_t n)
{
	size_t delims = 0;
	int quoted = 0, delim = r->p.delim_char;
	for (size_t i = 0; i < n && s[i] != '\n'; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (s[i] == delim && !quoted)
			delims++;
	}
	return r->guard_fields >= 2 && !quoted && delims + 1 == r->guard_fields;
}

/* A line continues the record begun on r->start: why to take that record for
 * a quote left open by mistake, in buf, or NULL. */
static const char *suspect(const csvio_reader *r, const char *s, size_t n, long lineno, char *buf, size_t cap)
{
	if (lineno - r->start + 1 > r->guard_lines)
		snprintf(buf, cap, "a quoted field opened on this line runs over more than %ld lines "
			 "(--max-field-lines): a quote left open?", r->guard_lines);
	else if (r->nheld + n > r->guard_bytes)
		snprintf(buf, cap, "a quoted field opened on this line runs over more than %zu bytes "
			 "(--max-line-bytes): a quote left open?", r->guard_bytes);
	else if (looks_like_record(r, s, n))
		snprintf(buf, cap, "a quoted field opened on this line runs on over line %ld, which looks like a "
			 "whole record: a stray quote?", lineno);
	else
		return NULL;
	return buf;
}

static void hold_line(csvio_reader *r, const char *s, size_t n, long lineno)
{
	xgrow((void **)&r->held, &r->capheld, r->nheld + n, 1);
	xgrow((void **)&r->hl, &r->caphl, r->nhl + 1, sizeof *r->hl);
	memcpy(r->held + r->nheld, s, n);
	r->hl[r->nhl++] = (struct held_line){r->nheld, n, lineno};
	r->nheld += n;
}

static void feed_line(csvio_reader *r, const char *line, size_t n, long lineno);

/* The record begun on r->start was a quote left open: it becomes a bad record
 * whose one field is its first line, libcsv starts afresh, and the lines held
 * after its first are read again as records of their own. */
static void refuse_open(csvio_reader *r, const char *why) /* r->nhl > 0 */
{
	char *held = r->held;
	struct held_line *hl = r->hl;
	size_t nhl = r->nhl, first = r->cur_first, body = hl[0].len;
	if (first < r->nfields)
		r->nchars = r->fields[first].off;
	r->nfields = first;
	csv_free(&r->p);
	lib_init(r, r->p.delim_char);
	r->lib_open = r->lib_ended = 0;
	while (body > 0 && (held[body - 1] == '\n' || held[body - 1] == '\r'))
		body--;
	add_field(r, held, body);
	xgrow((void **)&r->recs, &r->caprecs, r->nrecs + 1, sizeof *r->recs);
	r->recs[r->nrecs++] = (struct rec){first, 1, r->start, xstrdup(why)};
	r->cur_first = r->nfields;
	r->in_record = 0;
	r->held = NULL;
	r->hl = NULL;
	r->nheld = r->capheld = r->nhl = r->caphl = 0;
	for (size_t i = 1; i < nhl; i++)
		feed_line(r, held + hl[i].off, hl[i].len, hl[i].lineno);
	free(held);
	free(hl);
}

/* One line, after the guard's look at it when it continues a record. */
static void feed_line(csvio_reader *r, const char *line, size_t n, long lineno)
{
	char why[200];
	if (r->guard_fields && r->lib_open && r->nhl > 0 && suspect(r, line, n, lineno, why, sizeof why)) {
		refuse_open(r, why);
		if (r->guard_fields && r->lib_open) { /* a line held again opened a quote: look again */
			feed_line(r, line, n, lineno);
			return;
		}
	}
	r->lineno = lineno;
	if (!r->in_record && !(n > 0 && (line[0] == '\n' || (line[0] == '\r' && n <= 2)))) {
		r->in_record = 1;
		r->start = lineno;
	}
	if (r->whitespace)
		split_whitespace(r, line, n);
	else
		line_in(r, line, n);
	if (r->guard_fields && r->lib_open && (r->nhl > 0 || (n > 0 && line[n - 1] == '\n')))
		hold_line(r, line, n, lineno); /* libcsv is inside a quoted field (or the input's last line ends) */
	else if (r->nhl)
		r->nheld = r->nhl = 0;
}

void csvio_feed(csvio_reader *r, const char *line, size_t n, long lineno)
{
	compact(r);
	feed_line(r, line, n, lineno);
}

int csvio_finish(csvio_reader *r, cm_error *e)
{
	compact(r);
	if (r->whitespace)
		return 0;
	/* Parsing stays lenient (a stray quote inside a field is kept as text), but
	 * a quoted field still open at the end is an error: libcsv checks that in
	 * csv_fini only in strict mode, so turn strict mode on for the last step.
	 * With the guard, such a record is refused and the lines after its first
	 * are read again (and may leave another quote open). */
	for (;;) {
		csv_set_opts(&r->p, CSV_STRICT | CSV_STRICT_FINI);
		if (csv_fini(&r->p, on_field, on_record, r) == 0)
			return 0;
		if (!(r->guard_fields && r->nhl > 0))
			return err_set(e, "%ld: unterminated quoted field", r->start > 0 ? r->start : 1);
		refuse_open(r, "a quoted field opened on this line is never closed");
	}
}

csvio_reader *csvio_pusher_new(int delim, csvio_push_fn fn, void *ctx)
{
	csvio_reader *r = csvio_reader_new(delim);
	r->push = fn;
	r->pushctx = ctx;
	return r;
}

/* The bytes of a line cut by the end of a block wait in carry for its end. */
static void carry_add(csvio_reader *r, const char *s, size_t n)
{
	if (r->guard_fields && r->ncarry + n > r->guard_bytes) { /* a line too long: for the line reader to say */
		r->spanned = r->stopped = 1;
		return;
	}
	if (r->ncarry + n > r->capcarry)
		xgrow((void **)&r->carry, &r->capcarry, r->ncarry + n, 1);
	memcpy(r->carry + r->ncarry, s, n);
	r->ncarry += n;
}

/* The next whole line at s[0..avail): its length, or 0 if its '\n' is not there; -1 bad text. */
static long push_next(csvio_reader *r, const char *s, size_t avail)
{
	struct scan sc;
	const char *nl;
	if (r->guard_fields && r->lib_open) { /* a record over a line end: the caller reads it line by line */
		r->spanned = r->stopped = 1;
		return 0;
	}
	if (r->plain && !r->lib_open) { /* one pass finds the line's end and its fields */
		if (!scan_line(r, s, avail, &sc))
			return 0;
		return take_line(r, s, sc.len, &sc) < 0 ? -1 : (long)sc.len;
	}
	if (!(nl = memchr(s, '\n', avail)))
		return 0;
	return take_line(r, s, (size_t)(nl + 1 - s), NULL) < 0 ? -1 : (long)(nl + 1 - s);
}

int csvio_push(csvio_reader *r, const char *s, size_t n)
{
	const char *end = s + n, *nl;
	long len;
	if (r->ncarry > 0) {
		if (!(nl = memchr(s, '\n', n))) {
			carry_add(r, s, n);
			return r->stopped;
		}
		carry_add(r, s, (size_t)(nl + 1 - s));
		if (push_next(r, r->carry, r->ncarry) < 0)
			return -1;
		r->ncarry = 0;
		s = nl + 1;
	}
	while (s < end && !r->stopped && (len = push_next(r, s, (size_t)(end - s))) != 0) {
		if (len < 0)
			return -1;
		s += len;
	}
	if (s < end && !r->stopped)
		carry_add(r, s, (size_t)(end - s));
	return r->stopped;
}

void csvio_push_utf8(csvio_reader *r) { r->utf8 = 1; }

int csvio_push_end(csvio_reader *r, int last)
{
	if (r->ncarry > 0) { /* a last line without its '\n' */
		if (take_line(r, r->carry, r->ncarry, NULL) < 0)
			return -2;
		r->ncarry = 0;
	}
	if (!last) { /* whatever csv_fini still hands out began before the end */
		r->tail = 1;
		csv_fini(&r->p, on_field, on_record, r);
		return r->tail > 1 ? -1 : 0;
	}
	csv_set_opts(&r->p, CSV_STRICT | CSV_STRICT_FINI);
	return csv_fini(&r->p, on_field, on_record, r) != 0 ? -1 : 0;
}

int csvio_idle(const csvio_reader *r)
{
	return r->next >= r->nrecs && r->nfields == r->cur_first && !r->in_record;
}

int csvio_next(csvio_reader *r, cm_record *rec)
{
	struct rec *q;
	if (r->next >= r->nrecs)
		return 0;
	q = &r->recs[r->next++];
	hand_out(r, q->first, q->n, q->line, rec);
	if (!q->bad)
		return 1;
	free(r->why);
	r->why = xstrdup(q->bad);
	return -1;
}

const char *csvio_why(const csvio_reader *r) { return r->why ? r->why : ""; }

int csvio_spanned(const csvio_reader *r) { return r->spanned; }

void csvio_reader_free(csvio_reader *r)
{
	if (!r)
		return;
	if (!r->whitespace)
		csv_free(&r->p);
	free(r->chars);
	free(r->fields);
	for (size_t i = 0; i < r->nrecs; i++)
		free(r->recs[i].bad);
	free(r->recs);
	free(r->fptr);
	free(r->flen);
	free(r->carry);
	free(r->dpos);
	free(r->qpos);
	free(r->held);
	free(r->hl);
	free(r->why);
	free(r);
}

/* Does a byte of s[0..n) call for quotes (a delimiter, quote, CR or LF)?
 * Sixteen bytes at a time, as the reader scans. */
static int any_special(const char *s, size_t n, int delim)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	uint32_t high;
	for (; i + 16 <= n; i += 16)
		if (specials16(u + i, (unsigned char)delim, &high))
			return 1;
	for (; i < n; i++)
		if (matters(u[i], (unsigned char)delim))
			return 1;
	return 0;
}

static int needs_quotes(const char *s, size_t n, int delim)
{
	return (n > 0 && (s[0] == ' ' || s[n - 1] == ' ')) || any_special(s, n, delim);
}

size_t csvio_format_field(char **buf, size_t *cap, size_t len, const char *s, size_t n, int delim)
{
	char *p;
	if (len + 2 * n + 3 > *cap)
		xgrow((void **)buf, cap, len + 2 * n + 3, 1);
	p = *buf + len;
	if (!needs_quotes(s, n, delim)) {
		memcpy(p, s, n);
		p[n] = '\0';
		return len + n;
	}
	/* RFC 4180: in quotes, each quote doubled */
	*p++ = '"';
	for (const char *q; n > 0 && (q = memchr(s, '"', n)); n -= (size_t)(q + 1 - s), s = q + 1) {
		memcpy(p, s, (size_t)(q + 1 - s));
		p += q + 1 - s;
		*p++ = '"';
	}
	memcpy(p, s, n);
	p += n;
	*p++ = '"';
	*p = '\0';
	return (size_t)(p - *buf);
}

/* Do the fields lie one after another, none with a blank at either end? */
static int one_block(const char *const *f, const size_t *flen, size_t n)
{
	if (!record_adjacent(f, flen, n))
		return 0;
	for (size_t k = 0; k < n; k++)
		if (flen[k] > 0 && (f[k][0] == ' ' || f[k][flen[k] - 1] == ' '))
			return 0;
	return 1;
}

size_t csvio_format_fields(char **buf, size_t *cap, size_t len, const char *const *f, const size_t *flen, size_t n,
			   int delim)
{
	size_t span = n ? (size_t)(f[n - 1] + flen[n - 1] - f[0]) : 0;
	if (n > 0 && one_block(f, flen, n) && !any_special(f[0], span, delim)) {
		if (len + span + 1 > *cap)
			xgrow((void **)buf, cap, len + span + 1, 1);
		memcpy(*buf + len, f[0], span);
		for (size_t k = 0; k + 1 < n; k++) /* the byte after each field */
			(*buf)[len + (size_t)(f[k] - f[0]) + flen[k]] = (char)delim;
		(*buf)[len + span] = '\0';
		return len + span;
	}
	for (size_t k = 0; k < n; k++) {
		if (k > 0) {
			if (len + 2 > *cap)
				xgrow((void **)buf, cap, len + 2, 1);
			(*buf)[len++] = (char)delim;
		}
		len = csvio_format_field(buf, cap, len, f[k], flen[k], delim);
	}
	return len;
}

int csvio_formula(const char *s, size_t n)
{
	size_t i = 1, digits = 0;
	if (n == 0 || !strchr("=+-@\t\r", s[0]) || s[0] == '\0')
		return 0;
	if (s[0] != '+' && s[0] != '-')
		return 1;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	return !(i == n && digits > 0); /* -12.50 is a number; -foo, +1+1, -2+3 are not */
}

void csvio_write_field(fileio_out *out, const char *s, size_t n, int delim)
{
	static char *buf;
	static size_t cap;
	size_t len;
	if (!needs_quotes(s, n, delim)) {
		fileio_write(out, s, n);
		return;
	}
	len = csvio_format_field(&buf, &cap, 0, s, n, delim);
	fileio_write(out, buf, len);
}
