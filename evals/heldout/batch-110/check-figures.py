#!/usr/bin/env python3
"""Batch-110 author's cross-check (adapted from batch 102's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once). Cases without a resolution are checked for
what makes them so (the invoice is absent, belongs to another customer, or nothing is claimed).
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-110/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "KRW": 0}  # TWD, CNY, USD, MNT: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate), cur) if rate else D("0")
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D("0"))
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), D("0"))
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), D("0"))
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), D("0"))
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

TS, JJ, ER = "tsubame-migaki-jpy.ledger.json", "halla-gyullim-jeju-krw.ledger.json", "beijiang-tongda-erenhot-cny.ledger.json"
T_TS, T_JJ, T_ER = "2026-11-24", "2026-12-03", "2026-11-26"
if set(ledgers) != {TS, JJ, ER}: fail(f"ledgers found: {sorted(ledgers)}")
# the one billed period outside its contract, on purpose (b110-erl-changhe-heyue-daoqi)
OUTSIDE_ON_PURPOSE = {"26152000000000004131"}

# ---- ledgers: totals, statuses (payments and credit notes), references, terms, minor digits
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if not c: fail(f"{name} {i['number']}: no contract")
        else:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            inside = c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")
            if inside == (i["number"] in OUTSIDE_ON_PURPOSE):
                fail(f"{name} {i['number']}: billed period {'outside' if not inside else 'inside'} its contract")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if cp is None: fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
        if cur != cur0 and cur != "MNT" and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on its date")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} unknown")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, cr, t = paid(lg, i["number"]), credited(lg, i["number"]), D(i["total"])
        want = "paid" if p + cr >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber"):
            inv = invoice(lg, d["invoiceNumber"])
            if not any(l["sku"] == d["sku"] for l in inv["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
            # a delivery may name the PO the invoice should carry (missing on the invoice, or replacing a cancelled one)
            if d.get("poNumber") and inv.get("poNumber") and d["poNumber"] != inv["poNumber"] and pos.get(inv["poNumber"], {}).get("status") != "cancelled":
                fail(f"{name} delivery {d['id']}: PO differs from its invoice")
            if d.get("poNumber") and (d["poNumber"] not in pos or pos[d["poNumber"]]["customerId"] != inv["customerId"]):
                fail(f"{name} delivery {d['id']}: PO unknown or of another customer")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber"):
            inv = invoice(lg, s["invoiceNumber"])
            if not (inv.get("servicePeriodStart", "") <= s["periodStart"] and s["periodEnd"] <= inv.get("servicePeriodEnd", "")):
                fail(f"{name} log {s['id']}: outside its invoice's service period")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for m in lg.get("creditMemos", []):
        if m["invoiceNumber"] not in nums: fail(f"{name} credit memo {m['number']}: unknown invoice")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# the one credit note: 6 torn bags of flour on ...4111 (delivery CK-0901-01, past dispute PD-BJ-1005), zero-rated
if D(ledgers[ER]["creditMemos"][0]["amount"]) != (lambda i: gross(line(i, 1), "CNY") - gross(line(i, 1), "CNY", qty=1194))(invoice(ledgers[ER], "26152000000000004111")):
    fail("HZ-2610-0003 is not 6 bags of flour")

if any(x["currency"] == "MNT" for x in ledgers[ER].get("fxRates", [])): fail("an MNT rate exists: the no-rate case would not hold")

# ---- numbering.
# Tsubame: closing-date billing, one invoice per customer per month: SK<yymm>-C<customer>, dated the last day of that
#   month; a supplementary invoice of the same closing is suffixed -2.
# Jeju: domestic invoices carry their e-tax-invoice approval number <issue date>-42000087-<8-digit serial>, the serial in
#   date order; exports HGL/EX/26/<nnn> in date order.
# Erenhot: fully digitalised e-invoice numbers, 20 digits: 26 (year) 15 (Inner Mongolia) 2 (channel) + 15-digit sequence.
import calendar
for i in ledgers[TS]["invoices"]:
    m = re.fullmatch(r"SK(\d\d)(\d\d)-(C\d\d)(-2)?", i["number"])
    if not m: fail(f"{TS}: {i['number']} does not follow SK<yymm>-C<nn>"); continue
    y, mo = 2000 + int(m.group(1)), int(m.group(2))
    if i["issueDate"] != f"{y}-{mo:02d}-{calendar.monthrange(y, mo)[1]:02d}": fail(f"{TS}: {i['number']} not dated on its closing day")
    if m.group(3) != i["customerId"]: fail(f"{TS}: {i['number']} customer code differs from {i['customerId']}")
    if m.group(4) and not any(x["number"] == i["number"][:-2] for x in ledgers[TS]["invoices"]): fail(f"{TS}: {i['number']} supplements nothing")
def in_order(lgn, pattern, key=lambda m: int(m.group(1))):
    seq = []
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pattern, i["number"])
        if m: seq.append((key(m), i["issueDate"], m))
    seq.sort(key=lambda x: x[0])
    if any(a[1] > b[1] for a, b in zip(seq, seq[1:])): fail(f"{lgn}: {pattern} out of date order")
    return seq
dom = in_order(JJ, r"(\d{8})-42000087-(\d{8})", key=lambda m: int(m.group(2)))
exp = in_order(JJ, r"HGL/EX/26/(\d{3})")
if len(dom) + len(exp) != len(ledgers[JJ]["invoices"]): fail(f"{JJ}: an invoice number follows neither series")
for _, d, m in dom:
    if m.group(1) != d.replace("-", ""): fail(f"{JJ}: approval number {m.group(0)} not dated on its issue date")
    if I_cur := next(i["currency"] for i in ledgers[JJ]["invoices"] if i["number"] == m.group(0)) != "KRW": fail(f"{JJ}: domestic invoice not in KRW")
for _, d, m in exp:
    if next(i["currency"] for i in ledgers[JJ]["invoices"] if i["number"] == m.group(0)) == "KRW": fail(f"{JJ}: export invoice in KRW")
er = in_order(ER, r"261520{11}(\d{4})")
if len(er) != len(ledgers[ER]["invoices"]) or any(len(i["number"]) != 20 for i in ledgers[ER]["invoices"]): fail(f"{ER}: an invoice number is not a 20-digit e-invoice number")
for lgn in ledgers:   # invoices with a service line carry a service period, goods-only invoices do not
    for i in ledgers[lgn]["invoices"]:
        svc = any(l["sku"].startswith("SVC-") for l in i["lines"])
        if svc != ("servicePeriodStart" in i): fail(f"{lgn} {i['number']}: service lines and service period disagree")
# tax: Japan 10 % (exports none), Korea 10 % on juice and services (fresh fruit VAT-free, exports none),
# China 13 % goods / 6 % logistics services (exports none); an exempt customer's taxed invoice only where a case says so
RATES = {TS: {"0.10"}, JJ: {"0.10"}, ER: {"0.13", "0.06"}}
TAXED_ON_PURPOSE = {"SK2606-C04", "26152000000000004139"}
for lgn in ledgers:
    ex = {c["id"] for c in ledgers[lgn]["customers"] if c.get("taxExempt")}
    for i in ledgers[lgn]["invoices"]:
        taxed = any(l.get("taxRate") for l in i["lines"])
        if (i["customerId"] in ex and taxed) != (i["number"] in TAXED_ON_PURPOSE): fail(f"{lgn} {i['number']}: tax vs exemption")
        if any(l.get("taxRate") and l["taxRate"] not in RATES[lgn] for l in i["lines"]): fail(f"{lgn} {i['number']}: unexpected tax rate")
        if lgn == JJ and any(l["sku"] in ("HLB-GIFT-3K", "PEEL-DRY") and l.get("taxRate") for l in i["lines"]): fail(f"{lgn} {i['number']}: fresh fruit taxed")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def price_diff(lgn, num, n, price=None):
    """Billed gross minus gross at the agreed (or stated) price; also checked against tax on the
    net difference, so both ways of crediting a line give the same cents."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    p = price or contract_price(lgn, num, l["sku"])
    a = max(gross(l, cur) - gross(l, cur, price=p), D("0"))
    dn = r((D(l["unitPrice"]) - D(p)) * D(str(l["quantity"])), cur)
    b = max(dn + tax(l, dn, cur), D("0"))
    if a != b: fail(f"{num} line {n}: price difference {a} vs {b} depending on rounding")
    return a
def units_credit(lgn, num, n, units):
    """Billed gross minus gross of the remaining units, checked against units x price with its tax."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    a = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    un = r(D(l["unitPrice"]) * min(D(str(units)), D(str(l["quantity"]))), cur)
    b = un + tax(l, un, cur)
    if a != b: fail(f"{num} line {n}: {units} units credit {a} vs {b} depending on rounding")
    return a
def delivered(lgn, num, sku, field="quantity"):
    return sum(D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), D("0")))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

def late_fee_allowed(lgn, num, today):
    """DOMAIN: contract clause, grace days, actual payment date. None without a clause; none when the
    principal was paid by due + grace; else percentPerMonth of the principal unpaid at the end of grace,
    per started 30-day month from the due date to the settling payment (or today)."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; c = contract_of(lg, i)
    if not c or not c.get("lateFee"): return D("0")
    grace = c["lateFee"].get("graceDays", 0); grace_end = plus(i["dueDate"], grace)
    prin = principal(i)
    ps = sorted(pays(lg, num), key=lambda p: p["date"])
    overdue = prin - sum((D(p["amount"]) for p in ps if p["date"] <= grace_end), D("0"))
    if overdue <= 0: return D("0")
    settled, acc = today, D("0")
    for p in ps:
        acc += D(p["amount"])
        if acc >= prin: settled = p["date"]; break
    late = days(i["dueDate"], settled)
    if late <= grace: return D("0")
    months = -(-late // 30)
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * months
def deducted(lgn, num):
    return sum((D(x.get("deducted", "0")) for p in ledgers[lgn].get("payments", []) for x in p.get("remittance", []) if x["invoiceNumber"] == num), D("0"))
def po_price(lgn, num, sku):
    po = next(p for p in ledgers[lgn]["purchaseOrders"] if p["number"] == I(lgn, num)["poNumber"])
    return next(l["unitPrice"] for l in po["lines"] if l["sku"] == sku)
def fee_not_owed(lgn, num, today):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)

def outside_contract(lgn, num):
    """Days of the billed period outside the invoice's contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
def wrong_terms(lgn, num):
    """Currency or payment terms of the invoice differ from its contract's."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    return c["currency"] != i["currency"] or days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]

def unapplied(lgn, num, when=None):
    """The customer's unapplied payments in the invoice currency (on the date quoted, when one is), up to the open balance."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and (when is None or p["date"] == when)]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled" or po["customerId"] != i["customerId"]

def fee_supported(lgn, num, t):
    """A fee is owed when the customer's PO lists it (same description, that amount) or the contract's notes name it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    desc = f.get("description", "").lower()
    on_po = any(l.get("description", "").lower() == desc and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    in_notes = bool(c and desc and desc in c.get("notes", "").lower())
    return on_po or in_notes

def usual_rate_excess(lgn, num, n):
    """Tax above the rate the customer's other invoices use for the same SKU (none: the line's rate stands)."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n); cur = i["currency"]
    rates = {x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]}
    if not rates: return D("0")
    usual = max(D(x or "0") for x in rates)
    n_ = net(l, cur)
    return max(tax(l, n_, cur) - r(n_ * usual, cur), D("0"))

Z = D("0")
def kr(d, n): return f"{d.replace('-', '')}-42000087-{n:08d}"
def cn(n): return f"261520000000000{n:05d}"
R = {
 # Tsubame (JPY; TWD at 4.6200 / 4.6800 / 4.7350 from 2026-04-01 / 07-01 / 10-01)
 "b110-tsb-bayside-naifu-tanka": (lambda: price_diff(TS, "SK2610-C01", 1), lambda: price_diff(TS, "SK2610-C01", 1, "12000")),
 "b110-tsb-bayside-togi-hizuke": (None, lambda: units_credit(TS, "SK2610-C01", 3, 2)),
 "b110-tsb-bayside-saikenma-honsu": (lambda: short(TS, "SK2609-C01", 1, logged(TS, "SK2609-C01", "SVC-REPOL")), lambda: short(TS, "SK2609-C01", 1, 2100)),
 "b110-tsb-nagoyazen-tamagoyaki-hekomi": (lambda: units_credit(TS, "SK2609-C02", 1, delivered(TS, "SK2609-C02", "PAN-TMG", "damagedQuantity")), lambda: units_credit(TS, "SK2609-C02", 1, 6)),
 "b110-tsb-nagoyazen-chumonsho-nashi": (lambda: Z if po_defect(TS, "SK2610-C02") else None, lambda: inv_total(TS, "SK2610-C02")),
 "b110-tsb-nagoyazen-tsuika-seikyu": (lambda: inv_total(TS, "SK2610-C02-2") if same_basis_duplicate(TS, "SK2610-C02-2", "SK2609-C02") else Z, lambda: inv_total(TS, "SK2610-C02-2")),
 "b110-tsb-matsuya-chien-songai": (lambda: fee_not_owed(TS, "SK2607-C03", T_TS), lambda: fee(TS, "SK2607-C03", "late_fee")),
 "b110-tsb-matsuya-togi-shiagari": (lambda: short(TS, "SK2609-C03", 1, logged(TS, "SK2609-C03", "SVC-TOGI-KN")), lambda: r(line_gross(TS, "SK2609-C03", 1) / 2, "JPY")),
 "b110-tsb-matsuya-togi-honsu": (lambda: short(TS, "SK2610-C03", 2, logged(TS, "SK2610-C03", "SVC-TOGI-KN")), lambda: short(TS, "SK2610-C03", 2, 96)),
 "b110-tsb-fucheng-yi-huikuan": (lambda: unapplied(TS, "SK2609-C04", "2026-11-10"), lambda: open_bal(TS, "SK2609-C04")),
 "b110-tsb-fucheng-kongyun-fei": (lambda: Z if fee_supported(TS, "SK2610-C04", "freight") else fee(TS, "SK2610-C04", "freight"), lambda: fee(TS, "SK2610-C04", "freight")),
 "b110-tsb-fucheng-guashang": (None, lambda: units_credit(TS, "SK2610-C04", 1, 8)),
 "b110-tsb-fucheng-mianshui": (lambda: inv_tax(TS, "SK2606-C04") if tax_exempt(TS, "SK2606-C04") else Z, lambda: inv_tax(TS, "SK2606-C04")),
 "b110-tsb-echigoya-houmon": (lambda: units_credit(TS, "SK2609-C05", 1, len(unserved_dates(TS, "SK2609-C05", "SVC-TOGI", ["2026-09-23", "2026-09-30"]))), lambda: units_credit(TS, "SK2609-C05", 1, 2)),
 # Jeju (KRW; CNY 191.20 / 194.65, JPY 9.12 / 9.31, USD 1385.50 / 1402.30 from 2026-07-01 / 10-01)
 "b110-jeju-hanbit-sunmulseteu-pason": (lambda: units_credit(JJ, kr("2026-09-15", 389), 1, delivered(JJ, kr("2026-09-15", 389), "HLB-GIFT-3K", "damagedQuantity")), lambda: units_credit(JJ, kr("2026-09-15", 389), 1, 48)),
 "b110-jeju-hanbit-juseu-danga": (lambda: price_diff(JJ, kr("2026-10-20", 421), 1), lambda: price_diff(JJ, kr("2026-10-20", 421), 1, "21000")),
 "b110-jeju-daily24-miipgo": (lambda: short(JJ, kr("2026-10-12", 415), 1, delivered(JJ, kr("2026-10-12", 415), "JUICE-1L-12")), lambda: short(JJ, kr("2026-10-12", 415), 1, 1440)),
 "b110-jeju-daily24-ipgo-girok-eopseum": (None, lambda: short(JJ, kr("2026-11-05", 440), 1, 1080)),
 "b110-jeju-namwon-seongwa-mulryang": (lambda: short(JJ, kr("2026-09-30", 402), 1, logged(JJ, kr("2026-09-30", 402), "SVC-SORT")), lambda: short(JJ, kr("2026-09-30", 402), 1, 176850)),
 "b110-jeju-namwon-unsong-hoesu": (lambda: short(JJ, kr("2026-10-31", 433), 3, logged(JJ, kr("2026-10-31", 433), "SVC-TRUCK")), lambda: short(JJ, kr("2026-10-31", 433), 3, 10)),
 "b110-jeju-namwon-jeoonchanggo": (None, lambda: short(JJ, kr("2026-11-30", 467), 2, 24)),
 "b110-jeju-hairun-nongsuozhi-danjia": (lambda: price_diff(JJ, "HGL/EX/26/033", 1), lambda: price_diff(JJ, "HGL/EX/26/033", 1, "36.50")),
 "b110-jeju-hairun-duanzhong-koujian": (lambda: short(JJ, "HGL/EX/26/041", 1, delivered(JJ, "HGL/EX/26/041", "CONC-65")), lambda: deducted(JJ, "HGL/EX/26/041")),
 "b110-jeju-hakata-shiharaizumi": (lambda: unapplied(JJ, "HGL/EX/26/030"), lambda: open_bal(JJ, "HGL/EX/26/030")),
 "b110-jeju-hakata-kenekishomei": (lambda: Z if fee_supported(JJ, "HGL/EX/26/038", "other") else fee(JJ, "HGL/EX/26/038", "other"), lambda: fee(JJ, "HGL/EX/26/038", "other")),
 "b110-jeju-khaan-haagarsan": (lambda: units_credit(JJ, "HGL/EX/26/035", 1, delivered(JJ, "HGL/EX/26/035", "JUICE-1L-12", "damagedQuantity")), lambda: units_credit(JJ, "HGL/EX/26/035", 1, 48)),
 "b110-jeju-khaan-tolson": (lambda: unapplied(JJ, "HGL/EX/26/044", "2026-11-20"), lambda: open_bal(JJ, "HGL/EX/26/044")),
 # Erenhot (CNY; USD 7.1240 / 7.0915 from 2026-07-01 / 10-01; no MNT rate)
 "b110-erl-xinda-luntai-gubao": (lambda: units_credit(ER, cn(4103), 1, delivered(ER, cn(4103), "TYRE-12R225", "damagedQuantity")) if delivered(ER, cn(4103), "TYRE-12R225", "damagedQuantity") else Z, lambda: units_credit(ER, cn(4103), 1, 5)),
 "b110-erl-xinda-shao-si-tiao": (lambda: short(ER, cn(4114), 1, delivered(ER, cn(4114), "TYRE-12R225")), lambda: short(ER, cn(4114), 1, 76)),
 "b110-erl-xinda-wu-caigoudan": (lambda: Z if po_defect(ER, cn(4129)) else None, lambda: inv_total(ER, cn(4129))),
 "b110-erl-xinda-jiyou-danjia": (lambda: price_diff(ER, cn(4146), 1), lambda: price_diff(ER, cn(4146), 1, po_price(ER, cn(4146), "OIL-CI4-18L"))),
 "b110-erl-goviinzam-reis": (lambda: short(ER, cn(4124), 1, logged(ER, cn(4124), "SVC-HAUL")), lambda: short(ER, cn(4124), 1, 20)),
 "b110-erl-goviinzam-noat": (lambda: inv_tax(ER, cn(4139)) if tax_exempt(ER, cn(4139)) else Z, lambda: inv_tax(ER, cn(4139))),
 "b110-erl-sainshand-aldangi": (lambda: fee_not_owed(ER, cn(4121), T_ER), lambda: fee(ER, cn(4121), "late_fee")),
 "b110-erl-sainshand-noiton-guril": (lambda: units_credit(ER, cn(4136), 1, delivered(ER, cn(4136), "FLOUR-25", "damagedQuantity")), lambda: units_credit(ER, cn(4136), 1, 18)),
 "b110-erl-sainshand-460-uut": (None, lambda: short(ER, cn(4155), 2, 460)),
 "b110-erl-changhe-baoguan-piaoshu": (lambda: short(ER, cn(4117), 1, logged(ER, cn(4117), "SVC-DECL")), lambda: short(ER, cn(4117), 1, 5)),
 "b110-erl-changhe-heyue-daoqi": (lambda: outside_contract(ER, cn(4131)), lambda: outside_contract(ER, cn(4131))),
 "b110-erl-hengtong-bushi-chongfu": (lambda: inv_total(ER, cn(4144)) if same_basis_duplicate(ER, cn(4144), cn(4127)) else Z, lambda: inv_total(ER, cn(4144))),
 "b110-erl-taliinod-hagarsan-havtan": (lambda: units_credit(ER, cn(4149), 1, delivered(ER, cn(4149), "PV-550W", "damagedQuantity")), lambda: units_credit(ER, cn(4149), 1, 3)),
}
NEEDS_INFO = {
 "b110-tsb-bayside-togi-hizuke": lambda: unserved_dates(TS, "SK2610-C01", "SVC-TOGI", ["2026-10-15", "2026-10-22"]) is None,
 "b110-tsb-fucheng-guashang": lambda: not any(d.get("invoiceNumber") == "SK2610-C04" or d.get("poNumber") == "FC-PO-1019" for d in ledgers[TS]["deliveries"]),
 "b110-jeju-daily24-ipgo-girok-eopseum": lambda: not any(d.get("invoiceNumber") == kr("2026-11-05", 440) or d.get("poNumber") == "DL-PO-2611-0031" for d in ledgers[JJ]["deliveries"]),
 "b110-jeju-namwon-jeoonchanggo": lambda: not has_log(JJ, kr("2026-11-30", 467), "SVC-COLD"),
 "b110-erl-sainshand-460-uut": lambda: not any(d.get("invoiceNumber") == cn(4155) for d in ledgers[ER]["deliveries"]),
}
# Claims the evidence refutes for a reason the recipe cannot show by itself
NO_DEFECT = {
 "b110-erl-hengtong-bushi-chongfu": lambda: I(ER, cn(4144))["poNumber"] != I(ER, cn(4127))["poNumber"],
 "b110-tsb-matsuya-togi-shiagari": lambda: logged(TS, "SK2609-C03", "SVC-TOGI-KN") == billed_qty(TS, "SK2609-C03", 1),
}
# Cases without a resolution: what makes them so (kind, ledger, invoice named in the first turn, the customer speaking)
NO_RES = {
 "b110-tsb-echigoya-tanin-seikyusho": ("other_customer", TS, "SK2610-C03", "C05"),
 "b110-tsb-bayside-fumei": ("unknown", TS, "SK2607-C01", "C01"),
 "b110-jeju-hanbit-ipgeum-munui": ("no_claim", JJ, kr("2026-11-10", 446), "K01"),
 "b110-jeju-daily24-tasa-gyesanseo": ("other_customer", JJ, kr("2026-10-20", 421), "K02"),
 "b110-jeju-khaan-eomneun-invoice": ("unknown", JJ, "HGL/EX/26/052", "K06"),
 "b110-erl-sainshand-baihgui-dugaar": ("unknown", ER, cn(4160), "E03"),
 "b110-erl-changhe-bieren-fapiao": ("other_customer", ER, cn(4136), "E04"),
}
WITHDRAWN = {"b110-tsb-nagoyazen-torisage": (TS, "SK2608-C02"), "b110-jeju-hairun-cheolhoe": (JJ, "HGL/EX/26/028"),
             "b110-erl-goviinzam-butsaasan": (ER, cn(4152))}
GOODWILL = {}

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def named(num, text):
    """How people write the invoice: Tsubame's whole SK number; a Jeju approval number whole or by its serial (\"끝번호 467\"),
    an export number whole or by its last three digits; an Erenhot e-invoice number by its last four digits (\"尾号4103\")."""
    if num in text: return True
    m = re.fullmatch(r"\d{8}-42000087-(\d{8})", num)
    if m: return re.search(rf"(?<!\d)0*{int(m.group(1))}(?!\d)", text) is not None
    m = re.fullmatch(r"HGL/EX/26/(\d{3})", num)
    if m: return re.search(rf"(?<!\d){m.group(1)}(?!\d)", text) is not None
    m = re.fullmatch(r"261520{11}(\d{4})", num)
    if m: return re.search(rf"(?<!\d){m.group(1)}(?!\d)", text) is not None
    return False

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b110-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != {TS: T_TS, JJ: T_JJ, ER: T_ER}[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.,]+", m) and len(m) < 12:   # an amount, not a 20-digit e-invoice number
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")) and D(m) != GOODWILL.get(cid): fail(f"{cid}: email amount {m} is no figure of the case")
        elif m not in " ".join(c["turns"]) and m != e.get("invoiceNumber") and m != (I(lgn, e["invoiceNumber"]).get("poNumber") if e.get("invoiceNumber") in nums else None):
            fail(f"{cid}: email mention {m} is neither said nor the invoice's own number or PO")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or not named(e["invoiceNumber"], first)):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if cid in NO_RES:
        kind, wl, num, said = NO_RES[cid]
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if not named(num, first): fail(f"{cid}: first turn does not name {num}")
        if kind == "unknown" and num in nums: fail(f"{cid}: {num} exists")
        if kind == "unknown" and any(named(n, " ".join(c["turns"])) for n in nums): fail(f"{cid}: an existing invoice number is named too")
        if kind == "other_customer":
            if num not in nums or I(wl, num)["customerId"] == said: fail(f"{cid}: {num} is not another customer's invoice")
            if e.get("asks") != ["invoice"]: fail(f"{cid}: should ask which invoice")
        if kind == "no_claim" and (num not in nums or I(wl, num)["customerId"] != said): fail(f"{cid}: {num} should be the customer's own invoice")
        continue
    if e.get("noResolution"): fail(f"{cid}: noResolution without a reason recorded in NO_RES")
    if cid in WITHDRAWN:
        wl, num = WITHDRAWN[cid]
        if set(e) != {"mustNotHappen"} or not 2 <= len(c["turns"]) <= 3 or not named(num, " ".join(c["turns"][:-1])) or num not in nums: fail(f"{cid}: withdrawn case shape")
        continue
    if "invoiceNumber" not in e: fail(f"{cid}: no invoice expected"); continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    if not all(k in e for k in ("reasonCode", "classification", "disputedAmount", "action", "escalation", "stakeholders")): fail(f"{cid}: a key is missing")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed {disputed} out of range")
    cl, act = e["classification"], e["action"]
    if cid in NO_DEFECT and not NO_DEFECT[cid](): fail(f"{cid}: the claimed defect exists after all")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e or sup_fn: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: listed as needs_info")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = e["reasonCode"] in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if act != "goodwill_credit" and wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if act == "goodwill_credit":
                g = GOODWILL.get(cid)
                if wo or cl != "invalid" or g is None or to_company(lgn, num, g) > D(lg["policy"]["approvalLimits"]["specialist"]) or str(g) not in c["turns"][-1].replace(",", "."):
                    fail(f"{cid}: goodwill only on an invalid claim not written off, asked by the specialist within the limit")
            if act not in ("write_off", "goodwill_credit") and act != "no_adjustment" and cl == "invalid": fail(f"{cid}: invalid with {act}")
            if cl == "partial" and act not in ("credit_memo", "write_off"): fail(f"{cid}: partial with {act}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error" and supported == inv_tax(lgn, num) and all(l.get("taxRate") for l in inv_["lines"]): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
        if e["reasonCode"] == "already_paid" and cl == "valid" and unapplied(lgn, num) != supported: fail(f"{cid}: no unapplied payment to apply")
    # escalation: amount after FX, days past due on an open balance, strategic, repeat disputes, controller approval
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    moved = supported if act == "credit_memo" else (GOODWILL.get(cid) if act == "goodwill_credit" else None)
    controller = moved is not None and conv is not None and to_company(lgn, num, moved) > D(pol["approvalLimits"]["lead"])
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or controller)
    if e["reasonCode"] == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]): esc = True
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")

# ---- stakeholders, neverAsks, tallies quoted in the README
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and (not e.get("stakeholders") or e["stakeholders"][0] != TEAM[e["reasonCode"]]):
        fail(f"{c['id']}: first stakeholder is not the routing table's {TEAM[e['reasonCode']]}")
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {sum(cnt.values())} cases {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "-")) for c in cases)))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
