/* encoding — see encoding.h. */
#include "io/encoding.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "base/err.h"

int encoding_parse(const char *name)
{
	if (!strcasecmp(name, "auto"))
		return ENC_AUTO;
	if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"))
		return ENC_UTF8;
	if (!strcasecmp(name, "cp1252") || !strcasecmp(name, "windows-1252"))
		return ENC_CP1252;
	if (!strcasecmp(name, "latin1") || !strcasecmp(name, "iso-8859-1"))
		return ENC_LATIN1;
	return -1;
}

size_t encoding_utf8_char(const char *s, size_t n)
{
	unsigned char c = n ? (unsigned char)s[0] : 0;
	size_t len = c < 0x80 ? 1 : c >= 0xC2 && c < 0xE0 ? 2 : c >= 0xE0 && c < 0xF0 ? 3 : c >= 0xF0 && c < 0xF5 ? 4 : 0;
	if (n == 0 || len == 0 || len > n)
		return 0;
	return encoding_utf8_check(s, len) == len ? len : 0;
}

size_t encoding_utf8_check(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		unsigned c, min, cp;
		size_t k;
		uint64_t w;
		uint64_t v;
		while (i + 16 <= n && (memcpy(&w, s + i, 8), memcpy(&v, s + i + 8, 8),
				       ((w | v) & UINT64_C(0x8080808080808080)) == 0))
			i += 16; /* sixteen ASCII bytes at a time */
		while (i + 8 <= n && (memcpy(&w, s + i, 8), (w & UINT64_C(0x8080808080808080)) == 0))
			i += 8;
		if (i == n)
			break;
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c < 0xE0 && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
			i += 2; /* the common case in European text: a two-byte character */
			continue;
		}
		if ((c & 0xE0) == 0xC0)
			k = 1, min = 0x80, cp = c & 0x1F;
		else if ((c & 0xF0) == 0xE0)
			k = 2, min = 0x800, cp = c & 0x0F;
		else if ((c & 0xF8) == 0xF0)
			k = 3, min = 0x10000, cp = c & 0x07;
		else
			return i;
		if (i + k >= n) /* sequence cut off by the end */
			return i;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += k + 1;
	}
	return n;
}

/* Windows-1252 0x80..0x9F; 0 marks the five undefined bytes. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

int encoding_cp1252_check(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	for (size_t i = 0; i < n; i++)
		if (s[i] == 0 || (s[i] >= 0x80 && s[i] < 0xA0 && !cp1252_high[s[i] - 0x80]))
			return 0;
	return 1;
}

static size_t put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	o[0] = (char)(0xE0 | (cp >> 12));
	o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[2] = (char)(0x80 | (cp & 0x3F));
	return 3;
}

size_t encoding_to_utf8(int enc, const char *str, size_t n, char **out, size_t *cap)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len = 0;
	xgrow((void **)out, cap, 3 * n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		unsigned cp = s[i];
		if (enc == ENC_CP1252 && cp >= 0x80 && cp < 0xA0)
			cp = cp1252_high[cp - 0x80] ? cp1252_high[cp - 0x80] : 0xFFFD;
		len += put_utf8(*out + len, cp);
	}
	(*out)[len] = '\0';
	return len;
}
