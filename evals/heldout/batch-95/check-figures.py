#!/usr/bin/env python3
"""Batch-95 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-95/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # AUD, NZD, EUR, GBP, CAD, ZAR, USD, BWP: 2
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

TAS, KRY, KZN = "derwent-plant-labour-aud.ledger.json", "glenflesk-house-events-eur.ledger.json", "umgeni-crane-haulage-zar.ledger.json"
if sorted(ledgers) != sorted([TAS, KRY, KZN]): fail(f"ledger files: {sorted(ledgers)}")

# ---- ledgers: totals, statuses, references, terms, minor digits
NO_RATE = {"FOL-118301", "FOL-118336", "UCH26-4856"}   # CAD (Kerry) and BWP (KwaZulu-Natal) have no rate, on purpose
INTENDED_WRONG_PO = {"UCH26-4878"}                       # quotes AMT-45001999, which Amatikulu never issued
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    invs = {i["number"]: i for i in lg["invoices"]}
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
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
        if i.get("servicePeriodStart") and not i["servicePeriodStart"] <= i["servicePeriodEnd"] <= i["issueDate"]:
            fail(f"{name} {i['number']}: service period after the issue date or reversed")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        if cur != cur0 and any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] in NO_RATE:
            fail(f"{name} {i['number']}: meant to lack a rate")
        po = i.get("poNumber")
        if po and (po not in pos) != (i["number"] in INTENDED_WRONG_PO): fail(f"{name} {i['number']}: PO {po} reference")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        for f in i.get("fees", []):
            if not decimals_ok(f["amount"], cur): fail(f"{name} {i['number']}: fee digits")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") not in invs: fail(f"{name} delivery {d['id']}: unknown invoice"); continue
        if d["sku"] not in {l["sku"] for l in invs[d["invoiceNumber"]]["lines"]}: fail(f"{name} delivery {d['id']}: SKU not on its invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        i = invs.get(s.get("invoiceNumber"))
        if not i: fail(f"{name} log {s['id']}: unknown invoice"); continue
        if s["customerId"] != i["customerId"]: fail(f"{name} log {s['id']}: customer differs from its invoice")
        if s["sku"] not in {l["sku"] for l in i["lines"]}: fail(f"{name} log {s['id']}: SKU not on its invoice")
        if s["periodStart"] > s["periodEnd"] or s["periodEnd"] > i["issueDate"]: fail(f"{name} log {s['id']}: period")
        if (s["status"] == "not_rendered") != (s["quantity"] == 0): fail(f"{name} log {s['id']}: status vs quantity")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invs[p["invoiceNumber"]]["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- numbering: DPL + 4 digits (Tasmania), FOL- + 6 digits (Kerry folio series), UCH26- + 4 digits (KZN);
# one sequence each, following the issue dates; UCH26 carries the year of issue.
def seq_ok(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for lgn, pat in ((TAS, r"DPL\d{4}"), (KRY, r"FOL-\d{6}"), (KZN, r"UCH26-\d{4}")):
    v = ledgers[lgn]["invoices"]
    if not all(re.fullmatch(pat, i["number"]) for i in v): fail(f"{lgn}: numbering")
    if not seq_ok(v): fail(f"{lgn}: sequence out of date order")
if not all(i["issueDate"].startswith("2026") for i in ledgers[KZN]["invoices"]): fail("KZN: UCH26 invoices must be issued in 2026")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum((D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku), D("0"))
def logged(lgn, num, sku):
    return sum((D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered"), D("0"))
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), D("0")))
def claimed_units(lgn, num, n, units): return units_credit(lgn, num, n, units)
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)

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
    """Days of the service period outside the contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))

def unapplied_payment(lgn, num, when, ref):
    """An unapplied payment of the customer on the date and with the reference they quote, up to the open balance."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber")
          and p["currency"] == i["currency"] and p["date"] == when and ref in p.get("reference", "")]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num)) if ps else None

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"] or num == other: return False
    if (a.get("poNumber") or None) != (b.get("poNumber") or None): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"], x.get("taxRate")) == (y["sku"], y["quantity"], y["unitPrice"], y.get("taxRate"))
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def po_named_fits(lgn, num, po_number):
    """The PO the customer names exists, is theirs and carries the invoice's lines (SKU, quantity, price)."""
    lg = ledgers[lgn]; i = I(lgn, num)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == po_number), None)
    if not po or po["customerId"] != i["customerId"] or po.get("status") == "cancelled": return False
    return all(any(x["sku"] == l["sku"] and D(str(x["quantity"])) == D(str(l["quantity"])) and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"]) for l in i["lines"])

def line_supported(lgn, num, n):
    """A charged line is supported by the invoice's PO line (same SKU, that price), the contract's price for it, or a rendered log."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    on_po = bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
    in_contract = contract_price(lgn, num, l["sku"]) is not None and D(contract_price(lgn, num, l["sku"])) == D(l["unitPrice"])
    return on_po or in_contract or logged(lgn, num, l["sku"]) >= D(str(l["quantity"]))
def fee_supported(lgn, num, t, words):
    """A fee is owed when the customer's PO lists it or the contract's notes name it (by `words`)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    f = next(f for f in i["fees"] if f["type"] == t)
    in_notes = bool(c and words.lower() in c.get("notes", "").lower())
    on_po = any(words.lower() in x.get("description", "").lower() or D(x["unitPrice"]) * D(str(x["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for x in po["lines"])
    return in_notes or on_po
def tax_excess(lgn, num, n):
    """Tax above the rate the customer's other invoices use for the same SKU (not exempt)."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n); cur = i["currency"]
    rates = {x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]}
    if len(rates) != 1: return None
    usual = rates.pop(); nn = net(l, cur)
    return tax(l, nn, cur) - tax(l, nn, cur, usual)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

Z = D("0")
T_TAS, T_KRY, T_KZN = "2026-11-18", "2026-10-21", "2026-11-11"
def zero_if(cond): return Z if cond else None

R = {
 # Tasmania (AUD; NZD at 0.9120 / 0.9045)
 "b95-tas-sandybay-excavator-dockets": (lambda: short(TAS, "DPL4138", 1, logged(TAS, "DPL4138", "EXC20-WET")), lambda: claimed_units(TAS, "DPL4138", 1, 5)),
 "b95-tas-sandybay-labour-rate": (lambda: price_diff(TAS, "DPL4146", 1), lambda: D("528.00")),
 "b95-tas-sandybay-roller-days": (lambda: short(TAS, "DPL4148", 1, logged(TAS, "DPL4148", "ROLL-DAY")), lambda: claimed_units(TAS, "DPL4148", 1, 1)),
 "b95-tas-esperance-float-po": (lambda: Z if line_supported(TAS, "DPL4127", 2) else line_gross(TAS, "DPL4127", 2), lambda: line_gross(TAS, "DPL4127", 2)),
 "b95-tas-meehan-traffic-control-useless": (lambda: short(TAS, "DPL4145", 1, logged(TAS, "DPL4145", "TC-HR")), lambda: claimed_units(TAS, "DPL4145", 1, 16)),
 "b95-tas-meehan-roadbase-weighbridge": (lambda: short(TAS, "DPL4145", 2, delivered(TAS, "DPL4145", "RBASE-T")), lambda: claimed_units(TAS, "DPL4145", 2, D("6.5"))),
 "b95-tas-esperance-ewp-monday": (lambda: dates_credit(TAS, "DPL4158", 1, "EWP14-DAY", ["2026-10-26"]), lambda: claimed_units(TAS, "DPL4158", 1, 1)),
 "b95-tas-coalriver-digger-breakdown": (None, lambda: claimed_units(TAS, "DPL4149", 1, 2)),
 "b95-tas-esperance-250-service-never-done": (lambda: short(TAS, "DPL4152", 1, logged(TAS, "DPL4152", "SVC-250")), lambda: line_gross(TAS, "DPL4152", 1)),
 "b95-tas-taieri-september-twice": (lambda: inv_total(TAS, "DPL4140") if same_basis_duplicate(TAS, "DPL4140", "DPL4139") else Z, lambda: inv_total(TAS, "DPL4140")),
 "b95-tas-taieri-water-cart-hours": (lambda: short(TAS, "DPL4151", 1, logged(TAS, "DPL4151", "WCART-HR")), lambda: claimed_units(TAS, "DPL4151", 1, 3)),
 "b95-tas-meehan-eft-october": (lambda: unapplied_payment(TAS, "DPL4109", "2026-10-02", "0021457"), lambda: open_bal(TAS, "DPL4109")),
 "b95-tas-coalriver-late-fee-paid-on-time": (lambda: fee_not_owed(TAS, "DPL4136", T_TAS), lambda: fee(TAS, "DPL4136", "late_fee")),
 "b95-tas-meehan-no-po": (lambda: zero_if(po_defect(TAS, "DPL4133") and po_named_fits(TAS, "DPL4133", "MR-004417")), lambda: inv_total(TAS, "DPL4133")),
 "b95-tas-sandybay-tipper-wrong-number": (lambda: short(TAS, "DPL4150", 1, logged(TAS, "DPL4150", "TIP10-WET")), lambda: claimed_units(TAS, "DPL4150", 1, 3)),
 "b95-tas-meehan-excavator-diary": (lambda: short(TAS, "DPL4155", 1, logged(TAS, "DPL4155", "EXC20-WET")), lambda: claimed_units(TAS, "DPL4155", 1, 5)),
 # Kerry (EUR; GBP at 1.1520 / 1.1610; no CAD rate)
 "b95-kry-leevalley-rooms-early-checkout": (lambda: short(KRY, "FOL-118342", 1, logged(KRY, "FOL-118342", "ROOM-SGL")), lambda: claimed_units(KRY, "FOL-118342", 1, 8)),
 "b95-kry-leevalley-ddr-day-two": (lambda: short(KRY, "FOL-118342", 2, logged(KRY, "FOL-118342", "DDR-FULL")), lambda: claimed_units(KRY, "FOL-118342", 2, 12)),
 "b95-kry-leevalley-av-keynote": (lambda: short(KRY, "FOL-118342", 4, logged(KRY, "FOL-118342", "AV-TECH")), lambda: line_gross(KRY, "FOL-118342", 4)),
 "b95-kry-leevalley-airport-coach": (lambda: dates_credit(KRY, "FOL-118351", 1, "COACH-TRF", ["2026-09-30"]), lambda: claimed_units(KRY, "FOL-118351", 1, 1)),
 "b95-kry-leevalley-breakout-unknown": (lambda: Z if line_supported(KRY, "FOL-118351", 2) else line_gross(KRY, "FOL-118351", 2), lambda: line_gross(KRY, "FOL-118351", 2)),
 "b95-kry-leevalley-coaches-billed-again": (lambda: inv_total(KRY, "FOL-118374") if same_basis_duplicate(KRY, "FOL-118374", "FOL-118351") else Z, lambda: inv_total(KRY, "FOL-118374")),
 "b95-kry-leevalley-no-po": (lambda: zero_if(po_defect(KRY, "FOL-118370") and po_named_fits(KRY, "FOL-118370", "LVB-PO-7790")), lambda: inv_total(KRY, "FOL-118370")),
 "b95-kry-liffeyarc-ddr-vat": (lambda: Z if tax_exempt(KRY, "FOL-118360") else tax_excess(KRY, "FOL-118360", 1), lambda: D("376.20")),
 "b95-kry-liffeyarc-late-charge": (lambda: fee_not_owed(KRY, "FOL-118309", T_KRY), lambda: fee(KRY, "FOL-118309", "late_fee")),
 "b95-kry-liffeyarc-chairs-vat-correction": (lambda: units_credit(KRY, "FOL-118366", 1, delivered(KRY, "FOL-118366", "CHAIR-HIRE", "damagedQuantity")), lambda: claimed_units(KRY, "FOL-118366", 1, 10)),
 "b95-kry-laganquay-room-rate": (lambda: price_diff(KRY, "FOL-118324", 1), lambda: price_diff(KRY, "FOL-118324", 1, "140.00")),
 "b95-kry-laganquay-bacs": (lambda: unapplied_payment(KRY, "FOL-118355", "2026-10-16", "LQS BACS 161026"), lambda: open_bal(KRY, "FOL-118355")),
 "b95-kry-laganquay-second-coach": (lambda: short(KRY, "FOL-118355", 3, logged(KRY, "FOL-118355", "COACH-TRF")), lambda: claimed_units(KRY, "FOL-118355", 3, 1)),
 "b95-kry-muskoka-thursday-coach": (lambda: dates_credit(KRY, "FOL-118336", 1, "COACH-DAY", ["2026-09-17"]), lambda: claimed_units(KRY, "FOL-118336", 1, 1)),
 "b95-kry-muskoka-rooms-left-early": (None, lambda: claimed_units(KRY, "FOL-118336", 3, 4)),
 "b95-kry-corcadhuibhne-september-days": (lambda: outside_contract(KRY, "FOL-118329"), lambda: D("3275.25")),
 # KwaZulu-Natal (ZAR; USD at 17.8500 / 17.4200; no BWP rate)
 "b95-kzn-amatikulu-crane-hours": (lambda: short(KZN, "UCH26-4860", 1, logged(KZN, "UCH26-4860", "CRANE25-HR")), lambda: claimed_units(KZN, "UCH26-4860", 1, 3)),
 "b95-kzn-amatikulu-standby": (lambda: Z if line_supported(KZN, "UCH26-4864", 2) else line_gross(KZN, "UCH26-4864", 2), lambda: line_gross(KZN, "UCH26-4864", 2)),
 "b95-kzn-bluff-truck-rate": (lambda: price_diff(KZN, "UCH26-4851", 1), lambda: price_diff(KZN, "UCH26-4851", 1, "3200.00")),
 "b95-kzn-bluff-load-twice": (lambda: inv_total(KZN, "UCH26-4833") if same_basis_duplicate(KZN, "UCH26-4833", "UCH26-4821") else Z, lambda: inv_total(KZN, "UCH26-4833")),
 "b95-kzn-bluff-forklift-weeks": (lambda: short(KZN, "UCH26-4871", 1, logged(KZN, "UCH26-4871", "FORK3-WK")), lambda: claimed_units(KZN, "UCH26-4871", 1, 1)),
 "b95-kzn-pmb-mechanic-visits": (lambda: short(KZN, "UCH26-4847", 1, logged(KZN, "UCH26-4847", "MECH-VISIT")), lambda: claimed_units(KZN, "UCH26-4847", 1, 3)),
 "b95-kzn-pmb-isuzu-breakdown": (lambda: dates_credit(KZN, "UCH26-4881", 1, "MECH-VISIT", ["2026-10-27"]), lambda: claimed_units(KZN, "UCH26-4881", 1, 1)),
 "b95-kzn-ressano-five-loads": (lambda: short(KZN, "UCH26-4842", 1, logged(KZN, "UCH26-4842", "LOAD-DBNMPM")), lambda: claimed_units(KZN, "UCH26-4842", 1, 1)),
 "b95-kzn-ressano-swift-paid": (lambda: unapplied_payment(KZN, "UCH26-4838", "2026-10-19", "RSL-TT-1910"), lambda: open_bal(KZN, "UCH26-4838")),
 "b95-kzn-francistown-bakkie-days": (lambda: short(KZN, "UCH26-4856", 1, logged(KZN, "UCH26-4856", "LDV-DAY")), lambda: claimed_units(KZN, "UCH26-4856", 1, 2)),
 "b95-kzn-pmb-interest-charge": (lambda: fee_not_owed(KZN, "UCH26-4815", T_KZN), lambda: fee(KZN, "UCH26-4815", "late_fee")),
 "b95-kzn-amatikulu-wrong-po": (lambda: zero_if(po_defect(KZN, "UCH26-4878") and po_named_fits(KZN, "UCH26-4878", "AMT-45002017")), lambda: inv_total(KZN, "UCH26-4878")),
 "b95-kzn-pmb-fuel-surcharge": (lambda: Z if fee_supported(KZN, "UCH26-4868", "other", "surcharge") else fee(KZN, "UCH26-4868", "other"), lambda: fee(KZN, "UCH26-4868", "other")),
 "b95-kzn-pmb-truck-monday": (None, lambda: claimed_units(KZN, "UCH26-4868", 1, 1)),
 "b95-kzn-bluff-saturday-overtime": (lambda: short(KZN, "UCH26-4874", 2, logged(KZN, "UCH26-4874", "DRIVER-OT")), lambda: claimed_units(KZN, "UCH26-4874", 2, 2)),
}
NEEDS_INFO = {
 "b95-tas-coalriver-digger-breakdown": lambda: unserved_dates(TAS, "DPL4149", "EXC5-DRY", ["2026-10-07", "2026-10-08"]) is None,
 "b95-kry-muskoka-rooms-left-early": lambda: logged(KRY, "FOL-118336", "ROOM-DBL") == 0 and not any(s["sku"] == "ROOM-DBL" and s.get("invoiceNumber") == "FOL-118336" for s in ledgers[KRY]["serviceLogs"]),
 "b95-kzn-pmb-truck-monday": lambda: unserved_dates(KZN, "UCH26-4868", "TRUCK8-DAY", ["2026-10-19"]) is None,
}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
ACTION_FOR = {"already_paid": "apply_payment", "missing_po": "cancel_and_rebill"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

# ---- weekdays named in the turns must match the calendar ("Monday 26 October", "Thursday, September 17")
MONTHS = {m: n for n, m in enumerate(["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], 1)}
WD = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
MO = "(" + "|".join(MONTHS) + ")"
def weekday_claims(text):
    for m in re.finditer(WD + r",? (\d{1,2})(?:st|nd|rd|th)? " + MO, text): yield m.group(1), int(m.group(2)), m.group(3)
    for m in re.finditer(WD + r",? " + MO + r" (\d{1,2})", text): yield m.group(1), int(m.group(3)), m.group(2)

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b95-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != {TAS: T_TAS, KRY: T_KRY, KZN: T_KZN}[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    year = 2026
    for t in c["turns"]:
        for wd, dd, mo in weekday_claims(t):
            if date(year, MONTHS[mo], dd).strftime("%A") != wd: fail(f"{cid}: {wd} {dd} {mo} is a {date(year, MONTHS[mo], dd).strftime('%A')}")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    pos = {p["number"] for p in lg.get("purchaseOrders", [])}
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.]+", m):
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
        elif m not in nums and m not in pos: fail(f"{cid}: email mention {m} is neither an invoice nor a PO")
    if "invoice" in e.get("neverAsks", []) and not any(n in c["turns"][0] for n in nums): fail(f"{cid}: neverAsks invoice without a number in turn 1")
    if "invoiceNumber" in e and "invoice" in e.get("neverAsks", []) and e["invoiceNumber"] not in c["turns"][0]: fail(f"{cid}: neverAsks invoice but turn 1 names another invoice")
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split() if re.search(r"\d", w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        if not any(re.fullmatch(r"DPL\d{4}|FOL-\d{6}|UCH26-\d{4}", n) for n in named): fail(f"{cid}: noResolution names no invoice")
        continue
    if "invoiceNumber" not in e:
        if any(k in e for k in ("classification", "action", "disputedAmount", "supportedAmount")): fail(f"{cid}: figures without an invoice")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if num not in c["turns"][-1] and num not in c["turns"][0] and not any(num in t for t in c["turns"]): fail(f"{cid}: {num} never named")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed out of range")
    cl, act, rc = e.get("classification"), e.get("action"), e.get("reasonCode")
    if rc in TEAM and (e.get("stakeholders") or [None])[0] != TEAM[rc]: fail(f"{cid}: first stakeholder {e.get('stakeholders')} is not the routing table's {TEAM[rc]}")
    supported = None
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    else:
        if sup_fn is None: fail(f"{cid}: no supported recipe"); continue
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no basis"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = rc in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if rc == "already_paid" and supported >= disputed: exp = "valid"
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        owed = to_company(lgn, num, disputed - supported)
        wo = cl in ("invalid", "partial") and owed is not None and owed < D(lg["policy"]["writeOffBelow"])
        want = "write_off" if wo else ACTION_FOR.get(rc) or ("no_adjustment" if cl == "invalid" else "credit_memo")
        if rc == "missing_po" and cl == "valid": want = "cancel_and_rebill"
        if act != want: fail(f"{cid}: action {act}, rules give {want} (owed {disputed - supported} {cur} = {owed} {home(lg)})")
    if "escalation" in e:
        pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
        conv = to_company(lgn, num, disputed)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
        if act == "credit_memo" and supported is not None:
            credit = to_company(lgn, num, supported)
            if credit is None or credit > D(pol["approvalLimits"]["lead"]): esc = True   # finance controller approval
        if rc == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]): esc = True
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "-")) for c in cases)))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
