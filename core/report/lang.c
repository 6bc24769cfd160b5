/* lang — see lang.h. */
#include "report/lang.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report_table.h"

struct word {
	const char *id, *en, *de;
};

static const struct word words[] = {
	{"report", "Customer cockpit", "Kundencockpit"},
	{"key_figures", "Key figures", "Kennzahlen"},
	{"figure", "Figure", "Kennzahl"},
	{"value", "Value", "Wert"},
	{"as_of", "As of", "Stichtag"},
	{"customers", "Customers", "Kunden"},
	{"active_customers", "Active customers (last window)", "Aktive Kunden (letztes Fenster)"},
	{"revenue", "Revenue", "Umsatz"},
	{"orders", "Orders", "Aufträge"},
	{"avg_order_value", "Average order value", "Durchschnittlicher Auftragswert"},
	{"purchase_days", "Purchase days", "Kauftage"},
	{"repeat_rate", "Repeat-purchase rate", "Wiederkaufrate"},
	{"retention_rate", "Retention rate", "Kundenbindungsrate"},
	{"churn_rate", "Churn rate", "Abwanderungsrate"},
	{"cohort_triangle", "Retention by cohort (share buying n periods after the first purchase)", "Kundenbindung nach Kohorte (Anteil mit Kauf n Perioden nach dem ersten)"},
	{"cohort_curve", "Average retention curve", "Durchschnittliche Bindungskurve"},
	{"cohorts_deviating", "Cohorts that deviate beyond chance", "Kohorten mit Abweichung jenseits des Zufalls"},
	{"cohort", "Cohort", "Kohorte"},
	{"cohorts", "Cohorts", "Kohorten"},
	{"period", "Period", "Periode"},
	{"retention", "Retention", "Bindungsrate"},
	{"average", "Average", "Durchschnitt"},
	{"difference", "Difference", "Abweichung"},
	{"new_customers", "New customers", "Neukunden"},
	{"lost_customers", "Lost customers", "Verlorene Kunden"},
	{"reactivated_customers", "Reactivated customers", "Zurückgewonnene Kunden"},
	{"clv_total", "Customer lifetime value, total", "Kundenwert (CLV), gesamt"},
	{"clv_mean", "Customer lifetime value, mean", "Kundenwert (CLV), Durchschnitt"},
	{"abc", "ABC analysis", "ABC-Analyse"},
	{"class", "Class", "Klasse"},
	{"share_customers", "Share of customers", "Anteil Kunden"},
	{"share_revenue", "Share of revenue", "Umsatzanteil"},
	{"share_clv", "Share of CLV", "Anteil CLV"},
	{"abc_class", "ABC", "ABC"},
	{"concentration", "Concentration (Lorenz curve)", "Konzentration (Lorenzkurve)"},
	{"customer_share", "Top customers", "Top-Kunden"},
	{"revenue_share", "Their revenue share", "Ihr Umsatzanteil"},
	{"lifecycle", "Lifecycle", "Kundenlebenszyklus"},
	{"state", "State", "Phase"},
	{"clv", "CLV", "CLV"},
	{"prospect", "Prospects", "Interessenten"},
	{"new", "New customers", "Neukunden"},
	{"regular", "Regular customers", "Stammkunden"},
	{"occasional", "Occasional customers", "Gelegenheitskunden"},
	{"at_risk", "At risk", "Gefährdete Kunden"},
	{"lost", "Lost", "Verlorene Kunden"},
	{"reactivated", "Reactivated", "Zurückgewonnene Kunden"},
	{"rfm", "RFM segments", "RFM-Segmente"},
	{"rfm_segment", "RFM segment", "RFM-Segment"},
	{"champions", "Champions", "Champions"},
	{"potential_loyalist", "Potential loyalists", "Künftige Stammkunden"},
	{"loyal", "Loyal", "Treue Kunden"},
	{"promising", "Promising", "Vielversprechend"},
	{"cant_lose", "Can't lose them", "Nicht verlieren"},
	{"need_attention", "Need attention", "Aufmerksamkeit nötig"},
	{"about_to_sleep", "About to sleep", "Schlummernd"},
	{"other", "Other", "Sonstige"},
	{"rf_grid", "Recency x frequency (customers)", "Aktualität x Häufigkeit (Kunden)"},
	{"r_score", "R score", "R-Wert"},
	{"clv_deciles", "CLV by decile", "CLV nach Dezilen"},
	{"decile", "Decile", "Dezil"},
	{"top_clv", "Top customers by CLV", "Top-Kunden nach CLV"},
	{"rank", "Rank", "Rang"},
	{"customer_id", "Customer", "Kunde"},
	{"valuable_at_risk", "Valuable customers at risk", "Wertvolle gefährdete Kunden"},
	{"recently_reactivated", "Reactivated customers", "Zurückgewonnene Kunden"},
	{"segments", "Segments", "Segmente"},
	{"segment", "Segment", "Segment"},
	{"strategies", "Strategies", "Strategien"},
	{"strategy", "Strategy", "Strategie"},
	{"model", "Model", "Modell"},
	{"parameter", "Parameter", "Parameter"},
	{"groups", "By group", "Nach Gruppen"},
	{"group", "Group", "Gruppe"},
	{"groups_2", "By group (2)", "Nach Gruppen (2)"},
	{"groups_3", "By group (3)", "Nach Gruppen (3)"},
	{"groups_4", "By group (4)", "Nach Gruppen (4)"},
	{"lifecycle_migration", "Lifecycle since the baseline", "Lebenszyklus seit der Basis"},
	{"abc_migration", "ABC since the baseline", "ABC seit der Basis"},
	{"from", "From", "Von"},
	{"became_at_risk", "Became at risk since the baseline", "Seit der Basis gefährdet"},
	{"became_lost", "Lost since the baseline", "Seit der Basis verloren"},
	{"was", "Was", "War"},
	{"now", "Now", "Jetzt"},
	{"total", "Total", "Gesamt"},
	{"none", "(none)", "(keine)"},
	{"margin", "Margin I", "DB I"},
	{"db2", "Margin II", "DB II"},
	{"db3", "Margin III", "DB III"},
	{"contribution", "Contribution", "DB"},
	{"loss_makers", "Loss makers (contribution below zero)", "Verlustkunden (Deckungsbeitrag negativ)"},
	{"loss_makers_destroy", "Profit the loss makers destroy", "Vernichteter Deckungsbeitrag"},
	{"share_abc_measure", "Share of the ABC measure", "Anteil am ABC-Maß"},
	{"stobachoff", "Profit curve (Stobachoff)", "Stobachoff-Kurve"},
	{"stobachoff_points", "Profit curve: key points", "Stobachoff-Kurve: Kennpunkte"},
	{"contribution_share", "Cumulative contribution", "Kumulierter Deckungsbeitrag"},
	{"contribution_total", "Contribution, total", "Deckungsbeitrag gesamt"},
	{"contribution_of_gainers", "Contribution of the profitable customers (peak)", "Deckungsbeitrag der profitablen Kunden (Scheitel)"},
	{"peak_share", "Peak, share of the total", "Scheitel, Anteil am Gesamtbeitrag"},
	{"customers_past_peak", "Customers past the peak", "Kunden nach dem Scheitel"},
	{"share_past_peak", "Their share of customers", "Ihr Anteil an den Kunden"},
	{"profit_lost", "Profit lost to them", "Durch sie verlorener Deckungsbeitrag"},
	{"baseline", "Baseline", "Basis"},
	{"all_customers", "All customers", "Alle Kunden"},
	{"data_since", "data since", "Daten seit"},
	{"actions", "To call this week: key accounts at risk and win-back candidates", "Diese Woche anrufen: gefährdete Schlüsselkunden und Rückgewinnung"},
	{"customer_name", "Name", "Name"},
	{"last_purchase", "Last purchase", "Letzter Kauf"},
	{"p_alive", "P(active)", "P(aktiv)"},
	{"table", "Table", "Tabelle"},
	{"axis_customers_best_first", "Customers, the best first", "Kunden, die besten zuerst"},
	{"axis_revenue_share", "Share of revenue", "Anteil am Umsatz"},
	{"axis_customers_most_profitable_first", "Customers, the most profitable first", "Kunden, die profitabelsten zuerst"},
	{"axis_contribution_share", "Share of the contribution", "Anteil am Deckungsbeitrag"},
	{"change", "Change", "Veränderung"},
	{"more_values", "Others (beyond the first 500 names)", "Weitere (über die ersten 500 Namen hinaus)"},
	{"multichannel_share", "Multi-channel customers", "Mehrkanalkunden"},
	{"cross_buying_rate", "Cross-buying rate (more than one category)", "Cross-Buying-Rate (mehr als eine Kategorie)"},
	{"channels", "Channels: multi- and single-channel customers", "Kanäle: Mehr- und Einkanalkunden"},
	{"channel_use", "Channels used", "Genutzte Kanäle"},
	{"no_channel", "None named", "Keiner angegeben"},
	{"single_channel", "One channel", "Ein Kanal"},
	{"multi_channel", "Several channels", "Mehrere Kanäle"},
	{"share", "Share", "Anteil"},
	{"revenue_per_customer", "Revenue each", "Umsatz je Kunde"},
	{"contribution_per_customer", "Contribution each", "DB je Kunde"},
	{"main_channels", "Customers by main channel", "Kunden nach Hauptkanal"},
	{"main_channel", "Main channel", "Hauptkanal"},
	{"cross_buying", "Cross-buying: customers by categories bought", "Cross-Buying: Kunden nach gekauften Kategorien"},
	{"categories_bought", "Categories", "Kategorien"},
	{"categories_0", "None named", "Keine angegeben"},
	{"categories_1", "1", "1"},
	{"categories_2", "2", "2"},
	{"categories_3", "3", "3"},
	{"categories_4_5", "4-5", "4-5"},
	{"categories_6_10", "6-10", "6-10"},
	{"categories_11", "11 or more", "11 und mehr"},
	/* The RFM segments that share a name with a lifecycle state get their own. */
	{"rfm_segment:new", "Recent first buyers", "Neue Erstkäufer"},
	{"rfm_segment:at_risk", "Slipping away", "Abwanderung droht"},
	{"rfm_segment:lost", "Lapsed", "Abgewandert"},
	/* The built-in portfolio rules: segments and their strategies. */
	{"segment:acquire", "Acquire", "Gewinnen"},
	{"segment:key_account_rescue", "Key account rescue", "Key-Account retten"},
	{"segment:key_account", "Key account", "Key-Account"},
	{"segment:cost_to_serve", "Cost to serve", "Betreuungskosten senken"},
	{"segment:win_back", "Win back", "Zurückgewinnen"},
	{"segment:retain", "Retain", "Binden"},
	{"segment:develop", "Develop", "Entwickeln"},
	{"segment:reactivate", "Reactivate", "Reaktivieren"},
	{"segment:onboard", "Onboard", "Einführen"},
	{"segment:serve_efficiently", "Serve efficiently", "Effizient betreuen"},
	{"segment:maintain", "Maintain", "Pflegen"},
	{"strategy:acquire: a first-purchase offer", "acquire: a first-purchase offer",
	 "Gewinnen: ein Angebot zum ersten Kauf"},
	{"strategy:rescue: the account manager calls this week", "rescue: the account manager calls this week",
	 "Retten: der Kundenbetreuer ruft diese Woche an"},
	{"strategy:key account: personal care and joint planning", "key account: personal care and joint planning",
	 "Key-Account: persönliche Betreuung, gemeinsame Planung"},
	{"strategy:cost to serve: fewer visits, minimum order values, digital channels",
	 "cost to serve: fewer visits, minimum order values, digital channels",
	 "Betreuungskosten: weniger Besuche, Mindestbestellwerte, digitale Kanäle"},
	{"strategy:win back: a personal offer to regain the customer", "win back: a personal offer to regain the customer",
	 "Zurückgewinnen: ein persönliches Angebot"},
	{"strategy:retain: loyalty programme, service first", "retain: loyalty programme, service first",
	 "Binden: Treueprogramm, Service zuerst"},
	{"strategy:develop: cross- and up-selling, the potential is there",
	 "develop: cross- and up-selling, the potential is there",
	 "Entwickeln: Cross- und Up-Selling, Potenzial nutzen"},
	{"strategy:reactivate: a reminder and an incentive", "reactivate: a reminder and an incentive",
	 "Reaktivieren: eine Erinnerung und ein Anreiz"},
	{"strategy:onboard: a welcome series towards the second purchase",
	 "onboard: a welcome series towards the second purchase",
	 "Einführen: eine Willkommensserie bis zum zweiten Kauf"},
	{"strategy:serve at lower cost: digital channels, standard offers",
	 "serve at lower cost: digital channels, standard offers",
	 "Günstiger betreuen: digitale Kanäle, Standardangebote"},
	{"strategy:maintain: regular contact", "maintain: regular contact", "Pflegen: regelmäßiger Kontakt"},
	/* The model section. */
	{"model_kind", "Model", "Modell"},
	{"time_unit", "Time unit", "Zeiteinheit"},
	{"value:bgnbd", "BG/NBD", "BG/NBD"},
	{"value:mbgnbd", "MBG/NBD", "MBG/NBD"},
	{"value:pnbd", "Pareto/NBD", "Pareto/NBD"},
	{"value:bgbb", "BG/BB", "BG/BB"},
	{"value:retention", "Retention formula", "Bindungsformel"},
	{"value:day", "Day", "Tag"},
	{"value:week", "Week", "Woche"},
	{"value:month", "Month", "Monat"},
	{"value:year", "Year", "Jahr"},
	{"loglik", "Log-likelihood", "Log-Likelihood"},
	{"n", "Customers fitted", "Kunden in der Schätzung"},
	{"spend_p", "Spend model p", "Ausgabenmodell p"},
	{"spend_q", "Spend model q", "Ausgabenmodell q"},
	{"spend_gamma", "Spend model gamma", "Ausgabenmodell gamma"},
	{"horizon_day", "Horizon in days", "Horizont in Tagen"},
	{"horizon_week", "Horizon in weeks", "Horizont in Wochen"},
	{"horizon_month", "Horizon in months", "Horizont in Monaten"},
	{"horizon_year", "Horizon in years", "Horizont in Jahren"},
	{"discount", "Discount rate per year", "Diskontsatz pro Jahr"},
	{"portfolio", "Customer portfolio (value against potential)", "Kundenportfolio (Wert und Potenzial)"},
	{"portfolio_cell", "Portfolio cell", "Portfoliofeld"},
	{"potential_class", "Potential", "Potenzial"},
	{"portfolio_strategies", "Portfolio: what each cell gets", "Portfolio: Strategie je Feld"},
	{"star", "Stars", "Starkunden"},
	{"development", "Development", "Entwicklungskunden"},
	{"cash", "Cash", "Ertragskunden"},
	{"maintain", "Maintain", "Pflegekunden"},
	{"take_along", "Take-along", "Mitnahmekunden"},
	{"low", "low", "niedrig"},
	{"medium", "medium", "mittel"},
	{"high", "high", "hoch"},
	{"s_prospect", "Prosp.", "Interess."},
	{"s_lost", "Lost", "Verloren"},
	{"s_new", "New", "Neu"},
	{"s_reactivated", "React.", "Zurück"},
	{"s_at_risk", "Risk", "Gefährdet"},
	{"s_regular", "Regular", "Stamm"},
	{"s_occasional", "Occas.", "Gelegentl."},
	{NULL, NULL, NULL},
};

int lang_parse(const char *name)
{
	return strcmp(name, "en") == 0 ? LANG_EN : strcmp(name, "de") == 0 ? LANG_DE : -1;
}

const char *lang_label(const struct lang_opts *o, const char *id, char *buf, size_t cap)
{
	size_t k = 0;
	for (const struct word *w = words; w->id; w++)
		if (strcmp(w->id, id) == 0)
			return o->lang == LANG_DE ? w->de : w->en;
	if (!strchr(id, '_') || strchr(id, ' ') || strlen(id) >= cap) /* text, not an identifier; never cut */
		return id;
	for (; id[k]; k++)
		buf[k] = id[k] == '_' ? ' ' : id[k];
	buf[k] = '\0';
	return buf;
}

const char *lang_value(const struct lang_opts *o, const char *column, const char *id, char *buf, size_t cap)
{
	size_t nc = strlen(column);
	for (const struct word *w = words; w->id; w++)
		if (strncmp(w->id, column, nc) == 0 && w->id[nc] == ':' && strcmp(w->id + nc + 1, id) == 0)
			return o->lang == LANG_DE ? w->de : w->en;
	return lang_label(o, id, buf, cap);
}

const char *lang_date(const struct lang_opts *o, const char *iso, char *buf, size_t cap)
{
	if (o->lang != LANG_DE || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return iso;
	snprintf(buf, cap, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
	return buf;
}

/* Digits of |v| rounded to `decimals`, grouped by thousands in the language's marks. */
static void grouped(const struct lang_opts *o, double v, int decimals, char *buf, size_t cap)
{
	char raw[64], *dot;
	char group = o->lang == LANG_DE ? '.' : ',', mark = o->lang == LANG_DE ? ',' : '.';
	size_t len = 0, intlen;
	snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
	dot = strchr(raw, '.');
	intlen = dot ? (size_t)(dot - raw) : strlen(raw);
	if (v < 0 && strspn(raw, "0.") != strlen(raw) && len + 1 < cap)
		buf[len++] = '-';
	for (size_t i = 0; i < intlen && len + 2 < cap; i++) {
		if (i > 0 && (intlen - i) % 3 == 0)
			buf[len++] = group;
		buf[len++] = raw[i];
	}
	if (dot && len + 1 < cap) {
		buf[len++] = mark;
		for (const char *p = dot + 1; *p && len + 1 < cap; p++)
			buf[len++] = *p;
	}
	buf[len] = '\0';
}

const char *lang_note(const struct lang_opts *o, const struct report_table *t, char *buf, size_t cap)
{
	char a[64], b[64];
	int de = o->lang == LANG_DE;
	if (t->note_kind == NOTE_MEASURE) {
		snprintf(buf, cap, de ? "Klassen und Anteile nach %s" : "classes and shares by %s",
			 lang_label(o, t->note_word, a, sizeof a));
	} else if (t->note_kind == NOTE_CUT || t->note_kind == NOTE_LATEST) {
		grouped(o, (double)t->note_n[0], 0, a, sizeof a);
		grouped(o, (double)t->note_n[1], 0, b, sizeof b);
		if (t->note_kind == NOTE_CUT)
			snprintf(buf, cap, de ? "die ersten %s von %s" : "the first %s of %s", a, b);
		else
			snprintf(buf, cap, de ? "die letzten %s von %s" : "the latest %s of %s", a, b);
	} else {
		snprintf(buf, cap, "%s", t->note ? t->note : "");
	}
	return buf;
}

void lang_change(const struct lang_opts *o, int kind, double v, char *buf, size_t cap)
{
	char num[64];
	const char *sign = v > 0 ? "+" : "";
	if (kind == RC_SHARE) { /* a change of a share: percentage points */
		grouped(o, 100 * v, 1, num, sizeof num);
		snprintf(buf, cap, o->lang == LANG_DE ? "%s%s Pp." : "%s%s pp", num[0] == '-' ? "" : sign, num);
		return;
	}
	lang_number(o, kind, v, num, sizeof num);
	snprintf(buf, cap, "%s%s", num[0] == '-' ? "" : sign, num);
}

void lang_number(const struct lang_opts *o, int kind, double v, char *buf, size_t cap)
{
	char num[64];
	switch (kind) {
	case RC_COUNT:
		grouped(o, v, 0, buf, cap);
		return;
	case RC_SHARE:
		grouped(o, 100 * v, 1, num, sizeof num);
		snprintf(buf, cap, o->lang == LANG_DE ? "%s %%" : "%s%%", num);
		return;
	case RC_MONEY:
		grouped(o, v, 2, num, sizeof num);
		if (!*o->currency)
			snprintf(buf, cap, "%s", num);
		else if (o->lang == LANG_DE)
			snprintf(buf, cap, "%s %s", num, o->currency);
		else /* a symbol stands before the digits ($5.00), a code apart (CHF 5.00) */
			snprintf(buf, cap, isalpha((unsigned char)o->currency[0]) ? "%s %s" : "%s%s", o->currency, num);
		return;
	default:
		grouped(o, v, 4, buf, cap);
	}
}
