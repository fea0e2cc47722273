#!/usr/bin/env python3
"""Batch-185 author's cross-check (adapted from batch 149's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once). Cases without a resolution are checked for
what makes them so (the invoice is absent, belongs to another customer, or nothing is claimed).
Also checks that every id is unique within its kind (the import refuses a repeated id).
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-185/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # EUR, USD, GBP, TRY: 2
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

CH, LL, BF = "crimple-hall-conference-harrogate-gbp.ledger.json", "lookout-landing-events-chattanooga-usd.ledger.json", "broke-fordwich-estate-venues-hunter-valley-aud.ledger.json"
T_CH, T_LL, T_BF = "2026-06-16", "2026-06-02", "2026-05-20"
if set(ledgers) != {CH, LL, BF}: fail(f"ledgers found: {sorted(ledgers)}")
# invoices billed (on purpose) for days after their contract ended: the contract-terms cases
OUTSIDE_ON_PURPOSE = {"BK5510/1", "20260430-01", "TI07729"}

# ---- ids unique within their kind
KINDS = {"customers": "id", "contracts": "id", "purchaseOrders": "number", "invoices": "number", "deliveries": "id",
         "serviceLogs": "id", "payments": "id", "creditMemos": "number", "pastDisputes": "id"}
for name, lg in ledgers.items():
    for kind, key in KINDS.items():
        ids = [x[key] for x in lg.get(kind, [])]
        for dup in sorted({i for i in ids if ids.count(i) > 1}): fail(f"{name}: {kind} id {dup} repeated")
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 20: fail(f"{name}: {len(nums)} invoices")
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
        if not c: fail(f"{name} {i['number']}: no contract")
        else:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            if i["number"] not in OUTSIDE_ON_PURPOSE and not (c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")):
                fail(f"{name} {i['number']}: billed period outside its contract")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if cp is None: fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
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
        if s.get("invoiceNumber") and "servicePeriodStart" in invoice(lg, s["invoiceNumber"]):
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

    if lg.get("creditMemos"): fail(f"{name}: this batch has no credit memos")
    for p in lg.get("payments", []):   # a remittance line adds up to the payment
        if p.get("remittance") and sum((D(x["paid"]) for x in p["remittance"]), D("0")) != D(p["amount"]): fail(f"{name} payment {p['id']}: remittance does not add up")

# ---- numbering: Crimple Hall BK<booking>/<n> (one booking = one customer, /1, /2 in date order); Lookout Landing
# YYYYMMDD-NN (the issue date, then a daily sequence from 01); Broke Fordwich TI + five digits, one sequence in date order.
book = {}
for i in ledgers[CH]["invoices"]:
    m = re.fullmatch(r"BK(\d{4})/(\d)", i["number"])
    if not m: fail(f"CH: {i['number']} does not follow BKnnnn/n"); continue
    book.setdefault(m.group(1), []).append((int(m.group(2)), i["issueDate"], i["customerId"]))
for k, v in book.items():
    v.sort()
    if [n for n, _, _ in v] != list(range(1, len(v) + 1)): fail(f"CH booking {k}: suffixes not 1..n")
    if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"CH booking {k}: out of date order")
    if len({c for _, _, c in v}) != 1: fail(f"CH booking {k}: two customers")
firsts = sorted((v[0][1], k) for k, v in book.items())
if [k for _, k in firsts] != sorted(book): fail("CH: bookings not numbered in the order of their first invoice")
daily = {}
for i in ledgers[LL]["invoices"]:
    m = re.fullmatch(r"(\d{8})-(\d{2})", i["number"])
    if not m: fail(f"LL: {i['number']} does not follow YYYYMMDD-NN"); continue
    if m.group(1) != i["issueDate"].replace("-", ""): fail(f"LL: {i['number']} is not dated on its issue date")
    daily.setdefault(m.group(1), []).append(int(m.group(2)))
for k, v in daily.items():
    if sorted(v) != list(range(1, len(v) + 1)): fail(f"LL {k}: daily sequence not 01..n")
seq = [(int(i["number"][2:]), i["issueDate"]) for i in ledgers[BF]["invoices"] if re.fullmatch(r"TI\d{5}", i["number"]) or fail(f"BF: {i['number']} does not follow TInnnnn")]
seq.sort()
if any(a[1] > b[1] for a, b in zip(seq, seq[1:])): fail("BF: sequence out of date order")

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

def outside_contract_net_first(lgn, num):
    """The same pro rata done on each line's net, then its tax: must agree with outside_contract to the cent."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    out_ = D("0")
    for l in i["lines"]:
        n = r(net(l, cur) * (tot - inside) / tot, cur); out_ += n + tax(l, n, cur)
    return out_
def outside_checked(lgn, num):
    a, b = outside_contract(lgn, num), outside_contract_net_first(lgn, num)
    if a != b: fail(f"{num}: pro rata {a} (gross) vs {b} (net first)")
    return a
def po_lists_line(lgn, num, n):
    """A line the customer's own (live) PO lists with the same SKU at that price: ordered, so owed."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    return any(pl["sku"] == l["sku"] and pl["unitPrice"] == l["unitPrice"] for po in lg.get("purchaseOrders", [])
               if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for pl in po["lines"])
def dated_units(lgn, num, n, sku, dates):
    un = unserved_dates(lgn, num, sku, dates)
    return None if un is None else units_credit(lgn, num, n, len(un))
def deducted(lgn, num):
    return sum((D(x.get("deducted", "0")) for p in ledgers[lgn].get("payments", []) for x in p.get("remittance", []) if x["invoiceNumber"] == num), D("0"))
def tax_stands(lgn, num, n):
    return not tax_exempt(lgn, num) and usual_rate_excess(lgn, num, n) == 0

def priced_by_contract(lgn, num, n):
    """A line whose SKU the invoice's contract prices at the billed price: a charge the contract supports."""
    return contract_price(lgn, num, line(I(lgn, num), n)["sku"]) == line(I(lgn, num), n)["unitPrice"]
def pay_amount(lgn, pid): return D(next(p["amount"] for p in ledgers[lgn]["payments"] if p["id"] == pid))
def all_logged(lgn, num):
    """Every line of the invoice has logs showing at least the billed quantity: the service was delivered."""
    return all(logged(lgn, num, l["sku"]) >= D(str(l["quantity"])) for l in I(lgn, num)["lines"])

Z = D("0")
R = {
 # Crimple Hall (GBP; EUR 0.8420 / 0.8365 / 0.8512 from 2026-01-01 / 03-01 / 05-01)
 "b185-ch-aire-dinner-covers": (lambda: short(CH, "BK5507/1", 3, logged(CH, "BK5507/1", "DINNER-3C")), lambda: short(CH, "BK5507/1", 3, 132)),
 "b185-ch-aire-attrition": (lambda: Z if priced_by_contract(CH, "BK5507/2", 2) else line_gross(CH, "BK5507/2", 2), lambda: line_gross(CH, "BK5507/2", 2)),
 "b185-ch-aire-service-charge": (lambda: Z if fee_supported(CH, "BK5512/1", "service_fee") else fee(CH, "BK5512/1", "service_fee"), lambda: fee(CH, "BK5512/1", "service_fee")),
 "b185-ch-aire-deposit": (lambda: unapplied(CH, "BK5520/1", "2026-04-10"), lambda: pay_amount(CH, "PA-2604")),
 "b185-ch-skv-ariba-po": (lambda: Z if po_defect(CH, "BK5516/1") else None, lambda: inv_total(CH, "BK5516/1")),
 "b185-ch-skv-ddr-rate": (lambda: price_diff(CH, "BK5523/1", 1), lambda: price_diff(CH, "BK5523/1", 1)),
 "b185-ch-skv-projector-day2": (None, lambda: units_credit(CH, "BK5523/1", 2, 1)),
 "b185-ch-nafc-booth-deduction": (lambda: dated_units(CH, "BK5511/1", 3, "INTERP-BOOTH", ["2026-04-16"]), lambda: deducted(CH, "BK5511/1")),
 "b185-ch-nafc-vat": (lambda: inv_tax(CH, "BK5511/2") if tax_exempt(CH, "BK5511/2") else Z, lambda: inv_tax(CH, "BK5511/2")),
 "b185-ch-nafc-wire": (lambda: unapplied(CH, "BK5526/1", "2026-06-05"), lambda: open_bal(CH, "BK5526/1")),
 "b185-ch-wwp-late-charge": (lambda: fee_not_owed(CH, "BK5503/1", T_CH), lambda: fee(CH, "BK5503/1", "late_fee")),
 "b185-ch-wwp-cancellation": (lambda: Z if priced_by_contract(CH, "BK5519/1", 1) else line_gross(CH, "BK5519/1", 1), lambda: inv_total(CH, "BK5519/1")),
 "b185-ch-wwp-final-numbers": (lambda: short(CH, "BK5524/1", 2, logged(CH, "BK5524/1", "WEDBRK")), lambda: short(CH, "BK5524/1", 2, 104)),
 "b185-ch-nid-retainer": (lambda: outside_checked(CH, "BK5510/1"), lambda: inv_total(CH, "BK5510/1")),
 "b185-ch-nid-cold-room": (lambda: Z if all_logged(CH, "BK5514/1") else None, lambda: D("100.00")),
 # Lookout Landing (USD; CAD 0.7345 / 0.7280 / 0.7402 from 2026-01-01 / 03-01 / 05-01)
 "b185-ll-scw-chair-upgrades": (lambda: Z if priced_by_contract(LL, "20260120-01", 4) else line_gross(LL, "20260120-01", 4), lambda: line_gross(LL, "20260120-01", 4)),
 "b185-ll-scw-gratuity": (lambda: Z if fee_supported(LL, "20260410-01", "service_fee") else fee(LL, "20260410-01", "service_fee"), lambda: fee(LL, "20260410-01", "service_fee")),
 "b185-ll-vfs-double-billed": (lambda: inv_total(LL, "20260213-01") if same_basis_duplicate(LL, "20260213-01", "20260211-01") else Z, lambda: inv_total(LL, "20260213-01")),
 "b185-ll-vfs-bbq-count": (lambda: short(LL, "20260305-02", 2, logged(LL, "20260305-02", "BBQ-BUFFET")), lambda: short(LL, "20260305-02", 2, 188)),
 "b185-ll-vfs-led-wall": (None, lambda: line_gross(LL, "20260415-01", 3)),
 "b185-ll-cpsu-sales-tax": (lambda: inv_tax(LL, "20260409-01") if tax_exempt(LL, "20260409-01") else Z, lambda: inv_tax(LL, "20260409-01")),
 "b185-ll-cpsu-no-po": (lambda: Z if po_defect(LL, "20260506-01") else None, lambda: inv_total(LL, "20260506-01")),
 "b185-ll-cpsu-security-deduction": (lambda: short(LL, "20260521-02", 1, logged(LL, "20260521-02", "SEC-OFF")), lambda: deducted(LL, "20260521-02") if deducted(LL, "20260521-02") == short(LL, "20260521-02", 1, 16) else None),
 "b185-ll-bwt-bar-rate": (lambda: price_diff(LL, "20260318-01", 3), lambda: price_diff(LL, "20260318-01", 3)),
 "b185-ll-bwt-riverboat": (lambda: short(LL, "20260512-01", 1, logged(LL, "20260512-01", "RIVERBOAT-CHARTER")), lambda: line_gross(LL, "20260512-01", 1)),
 "b185-ll-bwt-eft": (lambda: unapplied(LL, "20260226-01", "2026-03-27"), lambda: open_bal(LL, "20260226-01")),
 "b185-ll-bwt-coach-transfers": (lambda: short(LL, "20260512-01", 2, logged(LL, "20260512-01", "TRANSFER-COACH")), lambda: short(LL, "20260512-01", 2, 2)),
 "b185-ll-rbo-april": (lambda: outside_checked(LL, "20260430-01"), lambda: inv_total(LL, "20260430-01")),
 "b185-ll-rbo-feb-19": (None, lambda: units_credit(LL, "20260227-01", 1, 24)),
 "b185-ll-rbo-march-heads": (lambda: short(LL, "20260331-01", 1, logged(LL, "20260331-01", "LUNCH-LEARN")), lambda: short(LL, "20260331-01", 1, 94)),
 # Broke Fordwich (AUD; USD 1.5520 / 1.5385 / 1.5610 from 2026-01-01 / 03-01 / 05-01)
 "b185-bf-vvw-late-fee": (lambda: fee_not_owed(BF, "TI07702", T_BF), lambda: fee(BF, "TI07702", "late_fee") / 2),
 "b185-bf-vvw-confetti-fee": (lambda: Z if fee_supported(BF, "TI07724", "other") else fee(BF, "TI07724", "other"), lambda: fee(BF, "TI07724", "other")),
 "b185-bf-vvw-final-numbers": (lambda: short(BF, "TI07738", 3, logged(BF, "TI07738", "WED-PLATED")), lambda: short(BF, "TI07738", 3, 126)),
 "b185-bf-smc-stream-day2": (lambda: dated_units(BF, "TI07721", 4, "AV-HYBRID", ["2026-03-26"]), lambda: units_credit(BF, "TI07721", 4, 1)),
 "b185-bf-smc-wine-match": (lambda: price_diff(BF, "TI07727", 2), lambda: price_diff(BF, "TI07727", 2, "45.00")),
 "b185-bf-smc-lodge-nights": (None, lambda: short(BF, "TI07733", 1, 34)),
 "b185-bf-smc-gift-packs": (lambda: units_credit(BF, "TI07734", 1, delivered(BF, "TI07734", "GIFT-6PK", "damagedQuantity")), lambda: units_credit(BF, "TI07734", 1, 5)),
 "b185-bf-prw-wire": (lambda: unapplied(BF, "TI07709", "2026-03-10"), lambda: open_bal(BF, "TI07709")),
 "b185-bf-prw-gst": (lambda: inv_tax(BF, "TI07731") if tax_exempt(BF, "TI07731") else Z, lambda: inv_tax(BF, "TI07731")),
 "b185-bf-prw-tasting-rate": (lambda: price_diff(BF, "TI07740", 1), lambda: price_diff(BF, "TI07740", 1, "83.00")),
 "b185-bf-hrhd-no-po": (lambda: Z if po_defect(BF, "TI07718") else None, lambda: inv_total(BF, "TI07718")),
 "b185-bf-hrhd-coffee-cart": (lambda: Z if po_lists_line(BF, "TI07736", 3) else line_gross(BF, "TI07736", 3), lambda: line_gross(BF, "TI07736", 3)),
 "b185-bf-ccc-april": (lambda: outside_checked(BF, "TI07729"), lambda: inv_total(BF, "TI07729")),
 "b185-bf-ccc-march-deduction": (lambda: short(BF, "TI07715", 1, logged(BF, "TI07715", "BREAKFAST-BIZ")), lambda: deducted(BF, "TI07715") if deducted(BF, "TI07715") == short(BF, "TI07715", 1, 58) else None),
}
NEEDS_INFO = {
 "b185-ch-skv-projector-day2": lambda: unserved_dates(CH, "BK5523/1", "AV-PKG", ["2026-05-21"]) is None,
 "b185-ll-vfs-led-wall": lambda: not has_log(LL, "20260415-01", "AV-LED"),
 "b185-ll-rbo-feb-19": lambda: unserved_dates(LL, "20260227-01", "LUNCH-LEARN", ["2026-02-19"]) is None,
 "b185-bf-smc-lodge-nights": lambda: not has_log(BF, "TI07733", "LODGE-RN"),
}
# Claims the evidence refutes for a reason the recipe cannot show by itself
NO_DEFECT = {
 "b185-ch-nid-cold-room": lambda: all_logged(CH, "BK5514/1"),
 "b185-ll-scw-gratuity": lambda: fee_supported(LL, "20260410-01", "service_fee"),
 "b185-bf-hrhd-coffee-cart": lambda: po_lists_line(BF, "TI07736", 3),
}
# Cases without a resolution: what makes them so (kind, ledger, invoice named, customer named)
NO_RES = {
 "b185-ch-other-customers-invoice": ("other_customer", CH, "BK5520/1", "C-NID"),
 "b185-ch-skv-copy": ("no_claim", CH, "BK5509/1", "C-SKV"),
 "b185-ll-unknown-invoice": ("unknown", LL, "20260514-03", "C-SCW"),
 "b185-bf-other-customers-invoice": ("other_customer", BF, "TI07744", "C-CCC"),
 "b185-bf-unknown-invoice": ("unknown", BF, "TI07750", "C-VVW"),
}
WITHDRAWN = {"b185-ll-vfs-withdrawn": (LL, "20260521-01")}
GOODWILL = {}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def seq_digits(num): return num[2:] if num.startswith("BK") else num   # "5520/1" as people write Crimple Hall's

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b185-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != {CH: T_CH, LL: T_LL, BF: T_BF}[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d,]*\d\.\d{2}", m):   # an amount
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")) and D(m) != GOODWILL.get(cid): fail(f"{cid}: email amount {m} is no figure of the case")
        elif m not in " ".join(c["turns"]) and m != e.get("invoiceNumber") and m != (I(lgn, e["invoiceNumber"]).get("poNumber") if e.get("invoiceNumber") in nums else None):
            fail(f"{cid}: email mention {m} is neither said nor the invoice's own number or PO")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or e["invoiceNumber"] not in first):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if cid in NO_RES:
        kind, wl, num, said = NO_RES[cid]
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if kind == "no_invoice":
            if any(seq_digits(n) in " ".join(c["turns"]) for n in nums) or e.get("asks") != ["invoice"]: fail(f"{cid}: no-invoice case shape")
            continue
        if num not in first: fail(f"{cid}: first turn does not name {num}")
        if kind == "unknown" and num in nums: fail(f"{cid}: {num} exists")
        if kind == "unknown" and any(seq_digits(n) in " ".join(c["turns"]) for n in nums): fail(f"{cid}: an existing invoice number is named too")
        if kind == "other_customer":
            if num not in nums or I(wl, num)["customerId"] == said: fail(f"{cid}: {num} is not another customer's invoice")
            if e.get("asks") != ["invoice"]: fail(f"{cid}: should ask which invoice")
        if kind == "no_claim" and (num not in nums or I(wl, num)["customerId"] != said): fail(f"{cid}: {num} should be the customer's own invoice")
        continue
    if e.get("noResolution"): fail(f"{cid}: noResolution without a reason recorded in NO_RES")
    if cid in WITHDRAWN:
        wl, num = WITHDRAWN[cid]
        if set(e) != {"mustNotHappen"} or len(c["turns"]) != 2 or num not in first or num not in nums: fail(f"{cid}: withdrawn case shape")
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
    controller = moved is not None and to_company(lgn, num, moved) > D(pol["approvalLimits"]["lead"])
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or controller)
    if e["reasonCode"] == "contract_terms" and conv >= D(pol["legalEscalationAmount"]): esc = True
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
