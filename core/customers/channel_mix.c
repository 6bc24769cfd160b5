/* channel_mix — see channel_mix.h. */
#include "customers/channel_mix.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"

uint64_t mix_key(const char *name, size_t n)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)name[i]) * UINT64_C(1099511628211);
	h &= ~(uint64_t)3;
	return h ? h : 4;
}

static size_t slot_of(const struct mix_names *s, uint64_t key)
{
	size_t i = (size_t)(key >> 2) & (s->nslots - 1);
	while (s->keys[i] && s->keys[i] != key)
		i = (i + 1) & (s->nslots - 1);
	return i;
}

static void grow(struct mix_names *s)
{
	struct mix_names bigger = {NULL, NULL, s->n, s->nslots ? 2 * s->nslots : 16, {0}};
	bigger.keys = xcalloc(bigger.nslots, sizeof *bigger.keys);
	bigger.names = xcalloc(bigger.nslots, sizeof *bigger.names);
	for (size_t i = 0; i < s->nslots; i++)
		if (s->keys[i]) {
			size_t k = slot_of(&bigger, s->keys[i]);
			bigger.keys[k] = s->keys[i];
			bigger.names[k] = s->names[i];
		}
	free(s->keys);
	free(s->names);
	*s = bigger;
}

void mix_names_add(struct mix_names *s, uint64_t key, const char *name, size_t n)
{
	size_t k;
	if (2 * (s->n + 1) > s->nslots)
		grow(s);
	k = slot_of(s, key);
	if (s->keys[k])
		return;
	s->keys[k] = key;
	s->names[k] = xstrndup(name, n);
	s->n++;
}

void mix_names_keys(struct mix_names *s, const char *const name[MIX_KINDS], const size_t len[MIX_KINDS],
		    uint64_t key[MIX_KINDS])
{
	for (int k = 0; k < MIX_KINDS; k++) {
		key[k] = name[k] && len[k] ? mix_key(name[k], len[k]) : 0;
		if (key[k] && key[k] != s->last[k]) {
			mix_names_add(s, key[k], name[k], len[k]);
			s->last[k] = key[k];
		}
	}
}

const char *mix_names_get(const struct mix_names *s, uint64_t key)
{
	size_t k;
	if (!s->nslots)
		return "";
	k = slot_of(s, key);
	return s->keys[k] ? s->names[k] : "";
}

void mix_names_merge(struct mix_names *into, const struct mix_names *from)
{
	for (size_t i = 0; i < from->nslots; i++)
		if (from->keys[i])
			mix_names_add(into, from->keys[i], from->names[i], strlen(from->names[i]));
}

void mix_names_free(struct mix_names *s)
{
	for (size_t i = 0; i < s->nslots; i++)
		free(s->names[i]);
	free(s->keys);
	free(s->names);
	memset(s, 0, sizeof *s);
}

static struct mix_entry *find(const struct mix *m, int kind, uint64_t key)
{
	for (uint32_t i = 0; i < m->n; i++)
		if ((m->e[i].tag & ~(uint64_t)MIX_BOUGHT) == (key | (uint64_t)kind))
			return &m->e[i];
	return NULL;
}

int mix_fits(const struct mix *m, int kind, uint64_t key, int64_t amount)
{
	const struct mix_entry *e = find(m, kind, key);
	int64_t s;
	return !e || !__builtin_add_overflow(e->revenue, amount, &s);
}

int mix_has(const struct mix *m, int kind, uint64_t key) { return find(m, kind, key) != NULL; }

int mix_add(struct mix *m, int kind, uint64_t key, int64_t amount)
{
	struct mix_entry *e = find(m, kind, key);
	uint64_t bought = amount >= 0 ? MIX_BOUGHT : 0;
	int64_t sum;
	if (__builtin_add_overflow(e ? e->revenue : 0, amount, &sum))
		return -1;
	if (!e) { /* the caller made room */
		m->e[m->n++] = (struct mix_entry){key | (uint64_t)kind | bought, amount};
		return 0;
	}
	e->revenue = sum;
	e->tag |= bought;
	return 0;
}

uint32_t mix_count(const struct mix *m, int kind, const struct mix_names *names, uint64_t *main_key)
{
	const struct mix_entry *best = NULL;
	uint32_t n = 0;
	for (uint32_t i = 0; i < m->n; i++) {
		const struct mix_entry *e = &m->e[i];
		if ((e->tag & 1) != (uint64_t)kind || !(e->tag & MIX_BOUGHT))
			continue;
		n++;
		if (!best || e->revenue > best->revenue ||
		    (e->revenue == best->revenue &&
		     strcmp(mix_names_get(names, e->tag & ~(uint64_t)3), mix_names_get(names, best->tag & ~(uint64_t)3)) < 0))
			best = e;
	}
	*main_key = best ? best->tag & ~(uint64_t)3 : 0;
	return n;
}
