/*
 * The built-in rule sets of segment.h, as the JSON users print with
 * cm-segment --print-rules, copy and change.  The RFM segments are those of
 * the R package rfm (R/rfm-segment.R): inclusive score ranges, first match.
 */
#include <string.h>

#include "segments/segment.h"

static const char rfm_rules[] =
	"{\"rules\": [\n"
	"  {\"segment\": \"champions\", \"when\": {\"all\": [{\"column\": \"r_score\", \"op\": \"between\", \"value\": [5, 5]}, {\"column\": \"f_score\", \"op\": \"between\", \"value\": [5, 5]}, {\"column\": \"m_score\", \"op\": \"between\", \"value\": [5, 5]}]}},\n"
	"  {\"segment\": \"potential_loyalist\", \"when\": {\"all\": [{\"column\": \"r_score\", \"op\": \"between\", \"value\": [3, 5]}, {\"column\": \"f_score\", \"op\": \"between\", \"value\": [3, 5]}, {\"column\": \"m_score\", \"op\": \"between\", \"value\": [2, 5]}]}},\n"
	"  {\"segment\": \"loyal\", \"when\": {\"all\": [{\"column\": \"r_score\", \"op\": \"between\", \"value\": [2, 4]}, {\"column\": \"f_score\", \"op\": \"between\", \"value\": [2, 4]}, {\"column\": \"m_score\", \"op\": \"between\", \"value\": [2, 4]}]}},\n"
	"  {\"segment\": \"promising\", \"when\": {\"all\": [{\"column\": \"r_score\", \"op\": \"between\", \"value\": [3, 4]}, {\"column\": \"f_score\", \"op\": \"between\", \"value\": [1, 3]}, {\"column\": \"m_score\", \"op\": \"between\", \"value\": [3, 5]}]}},\n"
	"  {\"segment\": \"new\", \"when\": {\"all\": [{\"column\": \"r_score\", \"op\": \"between\", \"value\": [4, 5]}, {\"column\": \"f_score\", \"op\": \"between\", \"value\": [1, 3]}, {\"column\": \"m_score\", \"op\": \"between\", \"value\": [1, 5]}]}},\n"
	"  {\"segment\": \"cant_lose\", \"when\": {\"all\": [{\"column\": \"r_score\", \"op\": \"between\", \"value\": [1, 2]}, {\"column\": \"f_score\", \"op\": \"between\", \"value\": [3, 4]}, {\"column\": \"m_score\", \"op\": \"between\", \"value\": [4, 5]}]}},\n"
	"  {\"segment\": \"at_risk\", \"when\": {\"all\": [{\"column\": \"r_score\", \"op\": \"between\", \"value\": [1, 2]}, {\"column\": \"f_score\", \"op\": \"between\", \"value\": [2, 5]}, {\"column\": \"m_score\", \"op\": \"between\", \"value\": [4, 5]}]}},\n"
	"  {\"segment\": \"need_attention\", \"when\": {\"all\": [{\"column\": \"r_score\", \"op\": \"between\", \"value\": [1, 3]}, {\"column\": \"f_score\", \"op\": \"between\", \"value\": [3, 5]}, {\"column\": \"m_score\", \"op\": \"between\", \"value\": [3, 5]}]}},\n"
	"  {\"segment\": \"about_to_sleep\", \"when\": {\"all\": [{\"column\": \"r_score\", \"op\": \"between\", \"value\": [2, 3]}, {\"column\": \"f_score\", \"op\": \"between\", \"value\": [1, 3]}, {\"column\": \"m_score\", \"op\": \"between\", \"value\": [1, 4]}]}},\n"
	"  {\"segment\": \"lost\", \"when\": {\"all\": [{\"column\": \"r_score\", \"op\": \"between\", \"value\": [1, 1]}, {\"column\": \"f_score\", \"op\": \"between\", \"value\": [1, 5]}, {\"column\": \"m_score\", \"op\": \"between\", \"value\": [1, 5]}]}},\n"
	"  {\"segment\": \"other\"}\n"
	"]}\n";

static const char portfolio_rules[] =
	"{\"rules\": [\n"
	"  {\"segment\": \"acquire\", \"strategy\": \"acquire: a first-purchase offer\", \"when\": {\"column\": \"lifecycle\", \"op\": \"=\", \"value\": \"prospect\"}},\n"
	"  {\"segment\": \"key_account_rescue\", \"strategy\": \"rescue: the account manager calls this week\", \"when\": {\"all\": [{\"column\": \"abc\", \"op\": \"=\", \"value\": \"A\"}, {\"column\": \"lifecycle\", \"op\": \"in\", \"value\": [\"at_risk\", \"lost\"]}]}},\n"
	"  {\"segment\": \"key_account\", \"strategy\": \"key account: personal care and joint planning\", \"when\": {\"column\": \"key_account\", \"op\": \"=\", \"value\": \"yes\"}},\n"
	"  {\"segment\": \"cost_to_serve\", \"strategy\": \"cost to serve: fewer visits, minimum order values, digital channels\", \"when\": {\"column\": \"loss_maker\", \"op\": \"=\", \"value\": \"yes\"}},\n"
	"  {\"segment\": \"win_back\", \"strategy\": \"win back: a personal offer to regain the customer\", \"when\": {\"all\": [{\"column\": \"lifecycle\", \"op\": \"=\", \"value\": \"lost\"}, {\"column\": \"abc\", \"op\": \"in\", \"value\": [\"A\", \"B\"]}]}},\n"
	"  {\"segment\": \"retain\", \"strategy\": \"retain: loyalty programme, service first\", \"when\": {\"all\": [{\"column\": \"abc\", \"op\": \"in\", \"value\": [\"A\", \"B\"]}, {\"column\": \"lifecycle\", \"op\": \"in\", \"value\": [\"regular\", \"reactivated\", \"new\", \"occasional\"]}]}},\n"
	"  {\"segment\": \"develop\", \"strategy\": \"develop: cross- and up-selling, the potential is there\", \"when\": {\"all\": [{\"column\": \"abc\", \"op\": \"=\", \"value\": \"C\"}, {\"column\": \"clv_quintile\", \"op\": \">=\", \"value\": 4}]}},\n"
	"  {\"segment\": \"reactivate\", \"strategy\": \"reactivate: a reminder and an incentive\", \"when\": {\"column\": \"lifecycle\", \"op\": \"=\", \"value\": \"at_risk\"}},\n"
	"  {\"segment\": \"onboard\", \"strategy\": \"onboard: a welcome series towards the second purchase\", \"when\": {\"column\": \"lifecycle\", \"op\": \"=\", \"value\": \"new\"}},\n"
	"  {\"segment\": \"serve_efficiently\", \"strategy\": \"serve at lower cost: digital channels, standard offers\", \"when\": {\"column\": \"abc\", \"op\": \"=\", \"value\": \"C\"}},\n"
	"  {\"segment\": \"maintain\", \"strategy\": \"maintain: regular contact\"}\n"
	"]}\n";

const char *segment_default_rules(const char *which)
{
	if (strcmp(which, "rfm") == 0)
		return rfm_rules;
	if (strcmp(which, "portfolio") == 0)
		return portfolio_rules;
	return NULL;
}
