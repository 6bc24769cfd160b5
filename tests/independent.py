"""Figures worked out over the raw rows of the published data sets, with
Python's decimals and nothing of cm's, for tests/check-realdata.sh to compare:

  independent.py profit online_retail.csv.gz     customers, loss makers, total
      contribution, Stobachoff peak share and profit lost at a 65% cost of
      goods and 15.00 per invoice
  independent.py cohorts or|cd|de FILE           the monthly cohort table (de: the
      German sample, with the contribution from its Deckungsbeitrag)
  independent.py mix transactions_sample.csv.gz  per household of Complete
      Journey: the stores (as channels) and products (as categories) bought
      in, and the main one of each by net sales
"""
import csv
import gzip
import sys
from datetime import date
from decimal import ROUND_HALF_UP, Decimal


def online_retail(path):
    """(customer, invoice, day, amount) of the rows with a customer id, cancellations left out."""
    with gzip.open(path, "rt", encoding="latin-1", newline="") as f:
        for r in csv.DictReader(f):
            c, n = r["CustomerID"].strip(), r["InvoiceNo"]
            if not c or n.startswith("C"):
                continue
            c = c[:-2] if c.endswith(".0") else c
            y, m, d = r["InvoiceDate"].split()[0].split("-")
            yield c, n, date(int(y), int(m), int(d)), Decimal(r["Quantity"]) * Decimal(r["UnitPrice"])


def cdnow(path):
    """(customer, None, day, amount) of the CDNOW master file."""
    for line in open(path):
        f = line.split()
        if f and f[1].isdigit():
            yield f[0], None, date(int(f[1][:4]), int(f[1][4:6]), int(f[1][6:])), Decimal(f[3])


def orders_de(path):
    """(customer, order, day, amount, margin) of the German sample (Windows-1252, ';', decimal commas)."""
    def num(s):
        return Decimal(s.replace(".", "").replace(",", "."))
    with open(path, encoding="cp1252", newline="") as f:
        for r in csv.DictReader(f, delimiter=";"):
            d, m, y = r["Belegdatum"].split(".")
            yield r["Kundennummer"], r["Belegnummer"], date(int(y), int(m), int(d)), num(r["Umsatz"]), \
                num(r["Deckungsbeitrag"])


def profit(rows):
    rev, inv = {}, {}
    for c, n, _, a in rows:
        rev[c] = rev.get(c, 0) + a
        if a >= 0:
            inv.setdefault(c, set()).add(n)
    db = [(v * Decimal("0.35")).quantize(Decimal("0.0001"), ROUND_HALF_UP) - 15 * len(inv.get(c, ()))
          for c, v in rev.items()]
    total, gain, lost = sum(db), sum(v for v in db if v > 0), -sum(v for v in db if v < 0)
    return ["%d %d %.2f %.6f %.2f" % (len(db), sum(1 for v in db if v < 0), total, gain / total, lost)]


def cohorts(rows):
    """A purchase day has a line >= 0; the cohort is the month of the first;
    each month since: the cohort's customers with a purchase day in it, and
    the net value of all their days in it (a day before the first in month 0)."""
    days, buy, latest, margin = {}, {}, None, {}
    for c, _, d, a, *m in rows:
        days.setdefault(c, {}).setdefault(d, Decimal(0))
        days[c][d] += a
        if m:
            margin.setdefault(c, {}).setdefault(d, Decimal(0))
            margin[c][d] += m[0]
        if a >= 0:
            buy.setdefault(c, set()).add(d)
            latest = d if latest is None or d > latest else latest
    cells, sizes = {}, {}
    for c, ds in buy.items():
        first = min(ds)
        co = first.year * 12 + first.month - 1
        sizes[co] = sizes.get(co, 0) + 1
        for m in {d.year * 12 + d.month - 1 - co for d in ds}:
            cells.setdefault((co, m), [0, Decimal(0), Decimal(0)])[0] += 1
        for d, v in days[c].items():
            m = max(0, d.year * 12 + d.month - 1 - co)
            cells.setdefault((co, m), [0, Decimal(0), Decimal(0)])[1] += v
        for d, v in margin.get(c, {}).items():
            m = max(0, d.year * 12 + d.month - 1 - co)
            cells.setdefault((co, m), [0, Decimal(0), Decimal(0)])[2] += v
    last = latest.year * 12 + latest.month - 1
    out = []
    for co in sorted(sizes):
        for m in range(0, last - co + 1):
            n, r, g = cells.get((co, m), [0, Decimal(0), Decimal(0)])
            out.append("%04d-%02d,%d,%d,%d,%.2f" % (co // 12, co % 12 + 1, m, sizes[co], n, r) +
                       (",%.2f" % g if margin else ""))
    return out


def mix(path):
    """A store or product counts when a line of sales >= 0 went through it;
    the main one has the most net sales, a tie the name first in byte order."""
    net, bought = {}, {}
    with gzip.open(path, "rt", newline="") as f:
        for r in csv.DictReader(f):
            v = Decimal(r["sales_value"])
            for kind in ("store_id", "product_id"):
                key = (r["household_id"], kind, r[kind])
                net[key] = net.get(key, 0) + v
                bought[key] = bought.get(key, False) or v >= 0
    per = {}
    for (c, kind, name), v in net.items():
        if bought[(c, kind, name)]:
            per.setdefault(c, {}).setdefault(kind, []).append((-v, name.encode(), name))
    out = []
    for c in sorted(per, key=lambda x: x.encode()):
        cells = []
        for kind in ("store_id", "product_id"):
            e = sorted(per[c].get(kind, []))
            cells += [str(len(e)), e[0][2] if e else ""]
        out.append(",".join([c] + cells))
    return out


if __name__ == "__main__":
    if sys.argv[1] == "mix":
        lines = mix(sys.argv[2])
    elif sys.argv[1] == "profit":
        lines = profit(online_retail(sys.argv[2]))
    else:
        lines = cohorts({"or": online_retail, "cd": cdnow, "de": orders_de}[sys.argv[2]](sys.argv[3]))
    print("\n".join(lines))
