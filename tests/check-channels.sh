# Channels and cross-buying on a hand-made export whose figures are worked out
# by hand below (sourced by tests/run.sh).  Complete Journey is checked
# against Python in check-realdata.sh.

tmp=$(mktemp -d)
imp="$bin/cm-import"

# A: web 100, store 50 - 20 (a return): 2 channels, main web; shoes only.
# B: web: 1 channel; hats 30 and socks 10: 2 categories, main hats.
# C: a return by phone does not make phone a channel bought in; web 5 does.
#    No category bought in (hats only returned, the other line names none).
# D: names neither.
# E: store 25 and web 25, a tie: the name first in byte order, store; bags
#    and shoes 25 each: bags.
cat >"$tmp/mix.csv" <<'CSV'
customer_id,date,amount,channel,category
A,2024-01-10,100,web,shoes
A,2024-02-10,50,store,shoes
A,2024-03-10,-20,store,shoes
B,2024-01-05,30,web,hats
B,2024-01-06,10,web,socks
C,2024-02-01,-5,phone,hats
C,2024-02-02,5,web,
D,2024-03-01,40,,
E,2024-03-01,25,store,shoes
E,2024-03-02,25,web,bags
CSV
got=$("$imp" -q "$tmp/mix.csv" | cut -d, -f1,15-)
want='customer_id,channels,main_channel,categories,main_category
A,2,web,1,shoes
B,1,web,2,hats
C,1,web,0,
D,0,,0,
E,2,store,2,bags'
if [ "$got" = "$want" ]; then pass; else fail "channels and categories per customer: $got"; fi

# The report: one channel B and C (revenue 40 + 0, 20.00 each), several A and E
# (130 + 50: 90.00 each), none D (40.00); multi-channel 2 of the 4 that named
# one; cross-buying 2 (B, E) of the 3 with a category; by categories: none C
# and D (20.00 each), 1 A (130.00), 2 B and E (45.00 each).
"$imp" -q "$tmp/mix.csv" | "$bin/cm-report" -f json | python3 -c '
import json, sys
d = json.load(sys.stdin)["sections"]; k = dict(d["key_figures"]["rows"])
print("%.3f %.3f" % (k["multichannel_share"], k["cross_buying_rate"]))
for s in ("channels", "cross_buying"):
    for r in d[s]["rows"]:
        print(r[0], r[1], "%.2f" % r[2], "%.2f" % r[3])' >"$tmp/got"
got=$(cat "$tmp/got")
want='0.500 0.667
no_channel 1 0.20 40.00
single_channel 2 0.40 20.00
multi_channel 2 0.40 90.00
categories_0 2 0.40 20.00
categories_1 1 0.20 130.00
categories_2 2 0.40 45.00
categories_3 0 0.00 0.00
categories_4_5 0 0.00 0.00
categories_6_10 0 0.00 0.00
categories_11 0 0.00 0.00'
if [ "$got" = "$want" ]; then pass; else fail "channels in the report: $got"; fi

# A channel's sum leaves the range though the customer's does not: refused, named.
# Eleven sales of 90,000,000,000,000 by web, each returned by phone: web's sum
# passes the limit of 922,337,203,685,477 on the eleventh, line 22.
awk 'BEGIN { print "customer_id,date,amount,channel"
	for (i = 1; i <= 11; i++) printf "X,2024-01-%02d,90000000000000,web\nX,2024-01-%02d,-90000000000000,phone\n", i, i }' >"$tmp/big.csv"
"$imp" -q "$tmp/big.csv" >/dev/null 2>"$tmp/err"
st=$?
if [ $st -eq 1 ] && grep -q "big.csv:22: .*revenue in a channel or category of customer 'X' would leave the range" "$tmp/err"; then pass
else fail "a channel's sum beyond the range (status $st): $(cat "$tmp/err")"; fi

# --transactions keeps both columns.
if "$imp" -q --transactions "$tmp/mix.csv" | head -1 | grep -qx 'customer_id,date,amount,channel,category'; then pass
else fail "--transactions without the channel and category columns"; fi
# A channel count that is no whole number from 0 is refused with its line; a
# channel's name is the data's, never a word the report translates; beyond
# 500 main channels the rest are counted in a row of their own.
printf 'customer_id,revenue,channels,main_channel\nA,10.00,1,web\nB,5.00,-1,web\n' >"$tmp/neg.csv"
"$bin/cm-report" "$tmp/neg.csv" >/dev/null 2>"$tmp/err"
st=$?
if [ $st -eq 1 ] && grep -q "neg.csv:3: channels '-1' is not a whole number from 0" "$tmp/err"; then pass
else fail "a negative channel count (status $st): $(cat "$tmp/err")"; fi
printf 'customer_id,revenue,channels,main_channel\nA,10.00,1,customers\nB,5.00,1,Online_Shop\n' >"$tmp/names.csv"
got=$("$bin/cm-report" --lang de "$tmp/names.csv" | awk '/^Hauptkanal / { on = 1; next } on && NF == 0 { on = 0 } on { print $1 }' | tr '\n' ' ')
if [ "$got" = "customers Online_Shop " ]; then pass; else fail "channel names translated: '$got'"; fi
awk 'BEGIN { print "customer_id,revenue,channels,main_channel"; for (i = 1; i <= 600; i++) printf "C%d,%d.00,1,ch%03d\n", i, i, i }' >"$tmp/many.csv"
got=$("$bin/cm-report" -f json "$tmp/many.csv" | python3 -c '
import json, sys
rows = json.load(sys.stdin)["sections"]["main_channels"]["rows"]
print(len(rows), sum(r[1] for r in rows), rows[-1][0], rows[-1][1])')
if [ "$got" = "501 600 more_values 100" ]; then pass; else fail "600 main channels: $got"; fi
rm -rf "$tmp"
