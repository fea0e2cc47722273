#!/usr/bin/env python3
"""Batch-59 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once; no rate: escalate). It also checks that
every credit computed as "billed gross - gross at the right figure" equals the same credit written
as a credit-memo line (net difference, then its tax rounded once), so no expected figure depends on
which of the two a reader picks. Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-59/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "VUV": 0, "XPF": 0}  # NZD, AUD, FJD, USD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
def q(x): return D(str(x))   # a ledger quantity (JSON number) as an exact decimal
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
Z = D("0")

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
CK, KI, NF = "tavake-air-charter-nzd.ledger.json", "nareau-netlink-aud.ledger.json", "anson-bay-trees-aud.ledger.json"
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * q(l["quantity"] if qty is None else qty), cur)
def tax(l, n, cur, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate), cur) if rate else Z
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), Z)
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), Z)
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), Z)
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), Z)
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

# ---- ledgers: totals, statuses, references, terms, minor digits
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
        if i.get("servicePeriodStart") and i["servicePeriodStart"] > i["servicePeriodEnd"]: fail(f"{name} {i['number']}: period reversed")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])) and i["number"] != "20480/002":
            fail(f"{name} {i['number']}: no {cur} rate on or before the invoice date (only 20480/002, USD, is meant to lack one)")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if i["issueDate"] > {CK: "2026-11-24", KI: "2026-10-22", NF: "2026-12-08"}[name]: fail(f"{name} {i['number']}: issued after the cases' today")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber") and invoice(lg, s["invoiceNumber"])["customerId"] != s["customerId"]: fail(f"{name} log {s['id']}: customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if "invoiceNumber" in d: fail(f"{name} past dispute {d['id']}: past disputes carry no invoice number in this batch")

# ---- numbering
MON = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
ck_seq = []
for i in ledgers[CK]["invoices"]:
    m = re.fullmatch(r"TV-([A-Z]{3})(\d{2})-(\d{3})", i["number"])
    if not m or m.group(1) != MON[int(i["issueDate"][5:7]) - 1] or m.group(2) != i["issueDate"][2:4]: fail(f"{i['number']}: not TV-MONYY-NNN of its issue month")
    else: ck_seq.append((int(m.group(3)), i["issueDate"]))
ck_seq.sort()
if any(a[1] > b[1] for a, b in zip(ck_seq, ck_seq[1:])): fail("CK: yearly sequence out of date order")
ki_acct = {}
for i in ledgers[KI]["invoices"]:
    m = re.fullmatch(r"(\d{5})/(\d{3})", i["number"])
    if not m or f"KI-{m.group(1)}" != i["customerId"]: fail(f"{i['number']}: account part is not the customer's account")
    else: ki_acct.setdefault(m.group(1), []).append((int(m.group(2)), i["issueDate"]))
for a, v in ki_acct.items():
    v.sort()
    if any(x[1] > y[1] for x, y in zip(v, v[1:])): fail(f"KI account {a}: sequence out of date order")
nf_job = {}
for i in ledgers[NF]["invoices"]:
    m = re.fullmatch(r"J(\d{4})-(\d{2})", i["number"])
    if not m: fail(f"{i['number']}: not Jnnnn-cc"); continue
    nf_job.setdefault(m.group(1), []).append((int(m.group(2)), i["issueDate"], i["customerId"]))
for j, v in nf_job.items():
    v.sort()
    if len({x[2] for x in v}) != 1: fail(f"NF job {j}: more than one customer")
    if any(x[1] >= y[1] for x, y in zip(v, v[1:])): fail(f"NF job {j}: claims out of date order")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def both_ways(label, by_gross, l, cur, net_diff):
    """The same credit as a credit-memo line: the net difference, then its tax rounded once."""
    n = r(net_diff, cur); as_line = n + tax(l, n, cur)
    if as_line != by_gross: fail(f"{label}: gross difference {by_gross} != credit-memo line {as_line} (rounding ambiguity)")
    return by_gross
def price_diff(lgn, num, n, price=None):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; p = price or agreed(lgn, num, l["sku"])
    g = max(gross(l, cur) - gross(l, cur, price=p), Z)
    return both_ways(f"{num} line {n} at {p}", g, l, cur, (D(l["unitPrice"]) - D(p)) * q(l["quantity"]))
def units_credit(lgn, num, n, units):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = q(l["quantity"]) - D(units)
    g = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    return both_ways(f"{num} line {n} minus {units} units", g, l, cur, D(l["unitPrice"]) * min(D(units), q(l["quantity"])))
def delivered(lgn, num, sku, field="quantity"):
    return sum((q(d.get(field, 0)) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku), Z)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum((q(s["quantity"]) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered"), Z)
def billed_qty(lgn, num, n): return q(line(I(lgn, num), n)["quantity"])
def short(lgn, num, n, counted): return units_credit(lgn, num, n, str(max(billed_qty(lgn, num, n) - D(counted), Z)))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, str(len(u)))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), Z)
def every_line_taxed(lgn, num): return all(l.get("taxRate") and D(l["taxRate"]) > 0 for l in I(lgn, num)["lines"])
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), Z)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

def late_fee_allowed(lgn, num, today):
    """DOMAIN: contract clause, grace days, actual payment date. None without a clause; none when the
    principal was paid by due + grace; else percentPerMonth of the principal unpaid at the end of grace,
    per started 30-day month from the due date to the settling payment (or today)."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; c = contract_of(lg, i)
    if not c or not c.get("lateFee"): return Z
    grace = c["lateFee"].get("graceDays", 0); grace_end = plus(i["dueDate"], grace)
    prin = principal(i)
    ps = sorted(pays(lg, num), key=lambda p: p["date"])
    overdue = prin - sum((D(p["amount"]) for p in ps if p["date"] <= grace_end), Z)
    if overdue <= 0: return Z
    settled, acc = today, Z
    for p in ps:
        acc += D(p["amount"])
        if acc >= prin: settled = p["date"]; break
    late = days(i["dueDate"], settled)
    if late <= grace: return Z
    months = -(-late // 30)
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * months
def fee_not_owed(lgn, num, today):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)

def outside_contract(lgn, num):
    """Days of the service period outside the contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    per_line = sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), Z)
    per_net = sum((r(net(l, cur) * (tot - inside) / tot, cur) + tax(l, r(net(l, cur) * (tot - inside) / tot, cur), cur) for l in i["lines"]), Z)
    if per_line != per_net: fail(f"{num}: pro rata of gross {per_line} != pro rata of net with its tax {per_net}")
    return per_line

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)
def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], q(x["quantity"]), D(x["unitPrice"])) == (y["sku"], q(y["quantity"]), D(y["unitPrice"]))
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and a["issueDate"] > b["issueDate"]
def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def fee_unsupported(lgn, num, t):
    """A fee with no PO line of the customer, no contract price and no mention in the contract's notes: not owed."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    words = [w for w in re.findall(r"[a-z]+", f.get("description", "").lower()) if len(w) > 3 and w not in ("group", "northern")]
    notes = (c or {}).get("notes", "").lower()
    on_po = any(any(w in (l.get("description", "") + l["sku"]).lower() for w in words) for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for l in po["lines"])
    return not on_po and not any(w in notes for w in words)
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def contract_prices_it(lgn, num, n):
    i = I(lgn, num); l = line(i, n); p = contract_price(lgn, num, l["sku"]); return p is not None and D(p) == D(l["unitPrice"])
def rate_used_elsewhere(lgn, num, n):
    """Tax the line would carry at the rate the customer's other invoices use for the same SKU."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n); cur = i["currency"]
    rates = {x["taxRate"] for j in lg["invoices"] if j["customerId"] == i["customerId"] and j["number"] != num for x in j["lines"] if x["sku"] == l["sku"] and x.get("taxRate")}
    if len(rates) != 1: fail(f"{num}: other invoices use rates {rates} for {l['sku']}"); return None
    nl = net(l, cur); return tax(l, nl, cur) - tax(l, nl, cur, rate=rates.pop())

T_CK, T_KI, T_NF = "2026-11-24", "2026-10-22", "2026-12-08"
R = {
 # Cook Islands (NZD; AUD at 1.0920 / 1.1035)
 "b59-ck-reeflodge-late-fee-grace": (lambda: fee_not_owed(CK, "TV-SEP26-075", T_CK), lambda: fee(CK, "TV-SEP26-075", "late_fee")),
 "b59-ck-reeflodge-warm-bins": (lambda: units_credit(CK, "TV-SEP26-083", 3, str(delivered(CK, "TV-SEP26-083", "CHILL-BIN", "damagedQuantity"))), lambda: units_credit(CK, "TV-SEP26-083", 3, "5")),
 "b59-ck-reeflodge-seat-rate": (lambda: price_diff(CK, "TV-OCT26-110", 1), lambda: price_diff(CK, "TV-OCT26-110", 1, "245.00")),
 "b59-ck-reeflodge-freight-weight": (lambda: short(CK, "TV-NOV26-129", 1, delivered(CK, "TV-NOV26-129", "FRT-AIT")), lambda: short(CK, "TV-NOV26-129", 1, "300")),
 "b59-ck-manihiki-paid-october": (lambda: unapplied_payment(CK, "TV-AUG26-070", "2026-10-02"), lambda: open_bal(CK, "TV-AUG26-070")),
 "b59-ck-manihiki-block-hours": (lambda: short(CK, "TV-SEP26-089", 1, logged(CK, "TV-SEP26-089", "CHTR-HR")), lambda: short(CK, "TV-SEP26-089", 1, "4.8")),
 "b59-ck-manihiki-fuel-levy": (lambda: fee(CK, "TV-OCT26-102", "other") if fee_unsupported(CK, "TV-OCT26-102", "other") else Z, lambda: fee(CK, "TV-OCT26-102", "other")),
 "b59-ck-tangaroa-no-po": (lambda: Z if po_defect(CK, "TV-SEP26-085") else None, lambda: inv_total(CK, "TV-SEP26-085")),
 "b59-ck-tangaroa-billed-twice": (lambda: inv_total(CK, "TV-OCT26-112") if same_basis_duplicate(CK, "TV-OCT26-112", "TV-OCT26-107") else Z, lambda: inv_total(CK, "TV-OCT26-112")),
 "b59-ck-docos-low-pass": (lambda: short(CK, "TV-SEP26-079", 1, logged(CK, "TV-SEP26-079", "CHTR-HR")), lambda: line_gross(CK, "TV-SEP26-079", 1)),
 "b59-ck-docos-retainer-november": (lambda: outside_contract(CK, "TV-NOV26-123"), lambda: D("3000.00")),
 "b59-ck-docos-tt-october": (lambda: unapplied_payment(CK, "TV-OCT26-099", "2026-10-16"), lambda: open_bal(CK, "TV-OCT26-099")),
 "b59-ck-nzhc-vat": (lambda: inv_tax(CK, "TV-OCT26-104") if tax_exempt(CK, "TV-OCT26-104") else Z, lambda: inv_tax(CK, "TV-OCT26-104")),
 "b59-ck-muri-kilo-rate": (lambda: price_diff(CK, "TV-OCT26-096", 1), lambda: price_diff(CK, "TV-OCT26-096", 1)),
 "b59-ck-muri-pallet-left": (None, lambda: short(CK, "TV-NOV26-126", 1, "700")),
 "b59-ck-tmo-atiu-stood-down": (lambda: dates_credit(CK, "TV-OCT26-115", 1, "MEDEVAC", ["2026-10-09"]), lambda: units_credit(CK, "TV-OCT26-115", 1, "1")),
 "b59-ck-tmo-standby-nights": (None, lambda: units_credit(CK, "TV-OCT26-097", 1, "2")),
 # Kiribati (AUD; FJD at 0.6720 / 0.6685 / 0.6702; no USD rate)
 "b59-ki-bank-september-twice": (lambda: inv_total(KI, "20417/031") if same_basis_duplicate(KI, "20417/031", "20417/030") else Z, lambda: inv_total(KI, "20417/031")),
 "b59-ki-bank-october-no-po": (lambda: Z if po_defect(KI, "20417/032") else None, lambda: inv_total(KI, "20417/032")),
 "b59-ki-bank-ups-quote": (lambda: price_diff(KI, "20417/029", 1), lambda: price_diff(KI, "20417/029", 1, "650.00")),
 "b59-ki-bank-ups-dead": (None, lambda: units_credit(KI, "20417/033", 1, "2")),
 "b59-ki-coldstore-late-fee": (lambda: fee_not_owed(KI, "20433/014", T_KI), lambda: fee(KI, "20433/014", "late_fee")),
 "b59-ki-coldstore-engineer-hours": (lambda: short(KI, "20433/015", 2, logged(KI, "20433/015", "NET-ENG")), lambda: short(KI, "20433/015", 2, "2")),
 "b59-ki-coldstore-speeds": (lambda: short(KI, "20433/015", 1, logged(KI, "20433/015", "BW-MBPS")), lambda: line_gross(KI, "20433/015", 1)),
 "b59-ki-lodge-wet-cartons": (lambda: units_credit(KI, "20458/007", 1, str(delivered(KI, "20458/007", "WIFI-AP", "damagedQuantity"))), lambda: units_credit(KI, "20458/007", 1, "2")),
 "b59-ki-lodge-trip-charge": (lambda: Z if (po_line_supports(KI, "20458/008", 1) or contract_prices_it(KI, "20458/008", 1)) else line_gross(KI, "20458/008", 1), lambda: line_gross(KI, "20458/008", 1)),
 "b59-ki-lodge-march-before-start": (lambda: outside_contract(KI, "20458/004"), lambda: inv_total(KI, "20458/004") / 2),
 "b59-ki-schools-vat-again": (lambda: inv_tax(KI, "20461/006") if tax_exempt(KI, "20461/006") else Z, lambda: inv_tax(KI, "20461/006")),
 "b59-ki-schools-nikunau": (lambda: short(KI, "20461/007", 1, logged(KI, "20461/007", "VSAT-INST")) + short(KI, "20461/007", 2, logged(KI, "20461/007", "OUTER-TRIP")),
                            lambda: units_credit(KI, "20461/007", 1, "1") + units_credit(KI, "20461/007", 2, "1")),
 "b59-ki-agency-radio-price": (lambda: price_diff(KI, "20472/003", 2), lambda: price_diff(KI, "20472/003", 2, "2590.00")),
 "b59-ki-agency-tt-paid": (lambda: unapplied_payment(KI, "20472/004", "2026-10-16"), lambda: open_bal(KI, "20472/004")),
 "b59-ki-majuro-two-radios": (lambda: short(KI, "20480/002", 1, delivered(KI, "20480/002", "HF-RADIO")), lambda: units_credit(KI, "20480/002", 1, "2")),
 # Norfolk Island (AUD; NZD at 0.9180 / 0.9105 / 0.8990)
 "b59-nf-council-tern-pine": (lambda: short(NF, "J0588-03", 1, logged(NF, "J0588-03", "FELL-LG")) + short(NF, "J0588-03", 2, logged(NF, "J0588-03", "STUMP")),
                              lambda: units_credit(NF, "J0588-03", 1, "1") + units_credit(NF, "J0588-03", 2, "1")),
 "b59-nf-council-no-po": (lambda: Z if po_defect(NF, "J0588-04") else None, lambda: inv_total(NF, "J0588-04")),
 "b59-nf-kauri-after-contract": (lambda: outside_contract(NF, "J0579-03"), lambda: inv_total(NF, "J0579-03")),
 "b59-nf-kauri-split-pots": (lambda: units_credit(NF, "J0579-02", 1, str(delivered(NF, "J0579-02", "PLANT-45L", "damagedQuantity"))), lambda: units_credit(NF, "J0579-02", 1, "6")),
 "b59-nf-kauri-nz-gst-rate": (lambda: rate_used_elsewhere(NF, "J0579-02", 2), lambda: rate_used_elsewhere(NF, "J0579-02", 2)),
 "b59-nf-cliffs-rained-out": (lambda: dates_credit(NF, "J0571-09", 1, "MOW-VISIT", ["2026-09-17", "2026-09-24"]), lambda: units_credit(NF, "J0571-09", 1, "2")),
 "b59-nf-cliffs-overdue-fee": (lambda: fee_not_owed(NF, "J0571-08", T_NF), lambda: fee(NF, "J0571-08", "late_fee")),
 "b59-nf-cliffs-mowing-rate": (lambda: price_diff(NF, "J0571-10", 1), lambda: price_diff(NF, "J0571-10", 1, "165.00")),
 "b59-nf-golf-cherry-picker": (lambda: Z if (po_line_supports(NF, "J0610-01", 3) or contract_prices_it(NF, "J0610-01", 3)) else line_gross(NF, "J0610-01", 3), lambda: line_gross(NF, "J0610-01", 3)),
 "b59-nf-golf-stumps-again": (lambda: inv_total(NF, "J0610-02") if same_basis_duplicate(NF, "J0610-02", "J0610-01") else Z, lambda: inv_total(NF, "J0610-02")),
 "b59-nf-hospital-paid-eft": (None, lambda: open_bal(NF, "J0574-09")),
 "b59-nf-pinevalley-tubes": (lambda: short(NF, "J0614-01", 3, delivered(NF, "J0614-01", "PLANT-TUBE")), lambda: short(NF, "J0614-01", 3, "150")),
 "b59-nf-pinevalley-crew-hours": (lambda: short(NF, "J0614-01", 1, logged(NF, "J0614-01", "ARB-CREW")), lambda: short(NF, "J0614-01", 1, "10")),
 "b59-nf-steeles-mulch": (lambda: short(NF, "J0616-01", 2, delivered(NF, "J0616-01", "MULCH-M3")), lambda: short(NF, "J0616-01", 2, "2.5")),
}
NEEDS_INFO = {
 "b59-ck-muri-pallet-left": lambda: not has_delivery(CK, "TV-NOV26-126", "FRT-AIT"),
 "b59-ck-tmo-standby-nights": lambda: unserved_dates(CK, "TV-OCT26-097", "NIGHT-STBY", ["2026-09-12", "2026-09-13"]) is None,
 "b59-ki-bank-ups-dead": lambda: not has_delivery(KI, "20417/033", "UPS-1500"),
 "b59-nf-hospital-paid-eft": lambda: nothing_could_be_theirs(NF, "J0574-09", "2026-11-27", "NIHRACS 2711"),
}
ADMIN_DEFECT = {"missing_po", "tax_error"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
if len({c["id"] for c in cases}) != len(cases): fail("duplicate case ids")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
TODAY = {CK: T_CK, KI: T_KI, NF: T_NF}
esc_count = 0
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b59-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    pos = {p["number"] for p in lg.get("purchaseOrders", [])}
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split() if re.search(r"\d", w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice")
        if not any(re.fullmatch(r"J\d{4}-\d{2}|\d{5}/\d{3}|TV-[A-Z]{3}\d{2}-\d{3}", n) for n in named): fail(f"{cid}: names no invoice-like number")
        continue
    if "invoiceNumber" not in e:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a case without an invoice should only check side effects")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    # neverAsks: invoice only when the number is in turn 1; emailMentions: numbers of the ledger, amounts below 1,000
    in_first = num in c["turns"][0]
    if ("invoice" in e.get("neverAsks", [])) != in_first: fail(f"{cid}: neverAsks invoice = {'invoice' in e.get('neverAsks', [])} but number in turn 1 = {in_first}")
    if len(c["turns"]) == 2 and not in_first and num not in c["turns"][1]: fail(f"{cid}: the invoice is named in neither turn")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"\d+\.\d{2}", m):
            if D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} >= 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")): fail(f"{cid}: emailMentions amount {m} is neither figure")
        elif m not in nums and m not in pos: fail(f"{cid}: emailMentions {m} is not an invoice or PO of the ledger")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed out of range")
    if disputed > open_bal(lgn, num) and e.get("action") != "no_adjustment": fail(f"{cid}: disputed {disputed} above the open balance {open_bal(lgn, num)}")
    cl = e.get("classification"); act = e.get("action")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
        supported = None
    else:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        if supported > open_bal(lgn, num): fail(f"{cid}: supported {supported} above the open balance")
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error": want = "cancel_and_rebill" if (tax_exempt(lgn, num) and every_line_taxed(lgn, num)) else "credit_memo"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
    # escalation: amount after FX (or no rate), days past due on an open balance, strategic, repeat disputes
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    esc_count += esc
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
        fail(f"{cid}: legal escalation expected")
    if e.get("stakeholders", [None])[0] != TEAM[e["reasonCode"]]: fail(f"{cid}: first stakeholder is not the routing table's {TEAM[e['reasonCode']]}")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases: by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())), " escalations:", esc_count)
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
