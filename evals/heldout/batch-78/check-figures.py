#!/usr/bin/env python3
"""Batch-78 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-78/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # AED, SAR, QAR: 2
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

# ---- ledgers: totals, statuses, references, terms, minor digits
NO_RATE = {"TGM-J-436", "WBM-P128-002"}   # batch 78: the KWD and QAR invoices have no rate, on purpose
INTENDED_WRONG_PO = {"WBM-P117-006"}   # quotes RMT-LPO-2609-118, which the JV never issued (its LPO is ...-181)
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
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        po = i.get("poNumber")
        if po and (po not in pos) != (i["number"] in INTENDED_WRONG_PO): fail(f"{name} {i['number']}: PO {po} reference")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")


# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def cur_of(lgn, num): return I(lgn, num)["currency"]
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
    return sum(d.get(field, 0) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return line(I(lgn, num), n)["quantity"]
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(D(str(billed_qty(lgn, num, n))) - D(str(counted)), D("0")))
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

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def any_payment_for(lgn, num, when, ref):
    lg = ledgers[lgn]; i = I(lgn, num)
    return [p for p in lg["payments"] if p["customerId"] == i["customerId"] and (p.get("invoiceNumber") == num or p["date"] == when or ref in p.get("reference", "")
            or (not p.get("invoiceNumber") and D(p["amount"]) in (open_bal(lgn, num), inv_total(lgn, num))))]

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
    return po is None or po.get("status") == "cancelled"

def fee_on_po(lgn, num, t):
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    words = lambda s: sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if words(l.get("description", l["sku"])) == words(f.get("description", "")) and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]): return True
    return False
def fee_in_contract_notes(lgn, num, t, words=None):
    """The contract's notes name the fee (by the given words, else by its description / type)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    word = words or (f.get("description", "") if t == "other" else t.replace("_", " "))
    return bool(c and word.lower() in c.get("notes", "").lower())
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))


# ---- batch 78: the three Gulf ledgers
AE, SA, OM = "liwa-crescent-fm-aed.ledger.json", "tihamah-gulf-manpower-sar.ledger.json", "wusta-building-materials-omr.ledger.json"
T_AE, T_SA, T_OM = "2026-11-24", "2026-12-09", "2026-10-28"
TODAY = {AE: T_AE, SA: T_SA, OM: T_OM}
Z = D("0")
def dates_credit(lgn, num, n, sku, dates):
    """Units at the line's price (with its tax) for the named dates without a rendered per-day entry."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def fee_supported_by_contract_price(lgn, num, n):
    """A charged line the contract prices (at that price) is supported: nothing is not owed."""
    i = I(lgn, num); l = line(i, n); return contract_price(lgn, num, l["sku"]) == l["unitPrice"]
def has_rendered_log(lgn, num, sku): return logged(lgn, num, sku) > 0
def fee_unsupported(lgn, num, t):
    """A fee with no PO line of the customer, no contract price and no mention in the contract's notes: not owed."""
    f = next(f for f in I(lgn, num)["fees"] if f["type"] == t)
    c = contract_of(ledgers[lgn], I(lgn, num))
    return bool(c) and not fee_on_po(lgn, num, t) and f.get("description", "").lower() not in c.get("notes", "").lower() and "mobilisation" not in c.get("notes", "").lower()
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def applied_elsewhere_or_unapplied(lgn, num):
    """Payments of the customer that could be this invoice's: applied to it, or unapplied."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    return [p for p in lg["payments"] if p["customerId"] == cust and (p.get("invoiceNumber") in (None, num))]

# The two ways of stating a line credit must give the same cents (DOMAIN: tax follows the line, rounded once):
# (a) gross billed - gross at the agreed price / remaining quantity, (b) the difference's net with its own tax.
def alt_price_diff(lgn, num, n, price=None):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; agreed_ = D(price or agreed(lgn, num, l["sku"]))
    dn = r((D(l["unitPrice"]) - agreed_) * D(str(l["quantity"])), cur)
    return dn + (r(dn * D(l["taxRate"]), cur) if l.get("taxRate") else Z)
def alt_units(lgn, num, n, units):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    dn = r(D(l["unitPrice"]) * D(str(units)), cur)
    return dn + (r(dn * D(l["taxRate"]), cur) if l.get("taxRate") else Z)
ROUNDING = [  # (ledger, invoice, line, kind, arg)
 (AE, "AUH-TI-00436", 1, "price", None), (AE, "AUH-TI-00437", 1, "units", 2), (AE, "AUH-TI-00437", 1, "units", 3),
 (AE, "AUH-TI-00414", 1, "units", 4), (AE, "AUH-TI-00414", 1, "units", 6), (AE, "RAK-TI-00088", 3, "units", 1), (AE, "RAK-TI-00088", 3, "units", 2),
 (AE, "RAK-TI-00090", 1, "units", 2), (AE, "AUH-TI-00442", 1, "units", 24), (AE, "AUH-TI-00443", 1, "units", 440),
 (SA, "TGM-Y-214", 1, "price", None), (SA, "TGM-Y-215", 1, "units", 1), (SA, "TGM-Y-215", 1, "units", 2), (SA, "TGM-J-409", 1, "units", 3),
 (SA, "TGM-J-409", 1, "units", 8), (SA, "TGM-J-409", 2, "units", 24), (SA, "TGM-J-342", 1, "price", None), (SA, "TGM-J-433", 2, "units", 2),
 (SA, "TGM-J-396", 2, "units", 24),
 (OM, "WBM-P117-004", 1, "units", D("6.5")), (OM, "WBM-P117-005", 1, "price", None), (OM, "WBM-P117-005", 1, "price", "7.000"),
 (OM, "WBM-P122-005", 1, "units", 2), (OM, "WBM-P122-006", 1, "units", 60), (OM, "WBM-P125-003", 1, "units", 8), (OM, "WBM-P125-003", 1, "units", 16),
 (OM, "WBM-P128-002", 1, "units", 600), (OM, "WBM-P119-006", 2, "units", 20), (OM, "WBM-P119-006", 1, "price", "10.500"),
]
for lgn, num, n, kind, arg in ROUNDING:
    if kind == "price": a, b = price_diff(lgn, num, n, arg), alt_price_diff(lgn, num, n, arg)
    else: a, b = units_credit(lgn, num, n, arg), alt_units(lgn, num, n, arg)
    if a != b: fail(f"{num} line {n} {kind} {arg}: gross difference {a} != difference with its own tax {b} (ambiguous rounding)")

R = {
 # UAE (AED; OMR at 9.5500 from 2026-07-01, 9.5480 from 2026-10-01)
 "b78-ae-marasi-mep-rate": (lambda: price_diff(AE, "AUH-TI-00436", 1), lambda: price_diff(AE, "AUH-TI-00436", 1)),
 "b78-ae-marasi-no-lpo": (lambda: Z if po_defect(AE, "AUH-TI-00452") else None, lambda: inv_total(AE, "AUH-TI-00452")),
 "b78-ae-marasi-cleaner-headcount": (lambda: short(AE, "AUH-TI-00437", 1, logged(AE, "AUH-TI-00437", "CLN-MM")), lambda: units_credit(AE, "AUH-TI-00437", 1, 3)),
 "b78-ae-marasi-wet-cartons": (lambda: units_credit(AE, "AUH-TI-00414", 1, delivered(AE, "AUH-TI-00414", "JUMBO-ROLL", "damagedQuantity")), lambda: units_credit(AE, "AUH-TI-00414", 1, 4)),
 "b78-ae-jebeljais-pest-dates": (lambda: dates_credit(AE, "RAK-TI-00088", 3, "PEST-VISIT", ["2026-10-19", "2026-10-26"]), lambda: units_credit(AE, "RAK-TI-00088", 3, 2)),
 "b78-ae-jebeljais-late-charge": (lambda: fee_not_owed(AE, "RAK-TI-00071", T_AE), lambda: fee(AE, "RAK-TI-00071", "late_fee")),
 "b78-ae-jebeljais-tanks": (lambda: short(AE, "RAK-TI-00090", 1, logged(AE, "RAK-TI-00090", "TANK-CLN")), lambda: units_credit(AE, "RAK-TI-00090", 1, 2)),
 "b78-ae-jebeljais-callout": (lambda: Z if (po_line_supports(AE, "RAK-TI-00090", 2) or fee_supported_by_contract_price(AE, "RAK-TI-00090", 2) or has_rendered_log(AE, "RAK-TI-00090", "CALLOUT-AH")) else line_gross(AE, "RAK-TI-00090", 2), lambda: line_gross(AE, "RAK-TI-00090", 2)),
 "b78-ae-embassy-vat": (lambda: inv_tax(AE, "AUH-TI-00441") if tax_exempt(AE, "AUH-TI-00441") else Z, lambda: inv_tax(AE, "AUH-TI-00441")),
 "b78-ae-buraimi-ac-units": (lambda: short(AE, "AUH-TI-00438", 1, logged(AE, "AUH-TI-00438", "AC-PPM")), lambda: units_credit(AE, "AUH-TI-00438", 1, 4)),
 "b78-ae-buraimi-paid-transfer": (lambda: unapplied_payment(AE, "AUH-TI-00398", "2026-11-10"), lambda: open_bal(AE, "AUH-TI-00398")),
 "b78-ae-buraimi-sanitiser-price": (lambda: price_diff(AE, "AUH-TI-00421", 1), lambda: price_diff(AE, "AUH-TI-00421", 1, "3.250")),
 "b78-ae-darkhaleej-helper-hours": (lambda: short(AE, "AUH-TI-00442", 1, logged(AE, "AUH-TI-00442", "HELPER-HR")), lambda: short(AE, "AUH-TI-00442", 1, 600)),
 "b78-ae-darkhaleej-housekeeping-twice": (lambda: inv_total(AE, "AUH-TI-00412") if same_basis_duplicate(AE, "AUH-TI-00412", "AUH-TI-00405") else Z, lambda: inv_total(AE, "AUH-TI-00412")),
 "b78-ae-darkhaleej-laundry-kg": (None, lambda: short(AE, "AUH-TI-00443", 1, 1900)),
 "b78-ae-bateen-pearl-after-contract": (lambda: outside_contract(AE, "AUH-TI-00433"), lambda: inv_total(AE, "AUH-TI-00433")),
 # Saudi Arabia (SAR; BHD at 9.9450 from 2026-07-01, 9.9480 from 2026-10-01; no KWD rate)
 "b78-sa-yanbu-welder-rate": (lambda: price_diff(SA, "TGM-Y-214", 1), lambda: price_diff(SA, "TGM-Y-214", 1)),
 "b78-sa-yanbu-hse-two-days": (lambda: dates_credit(SA, "TGM-Y-215", 1, "HSE-OFFICER-DAY", ["2026-11-14", "2026-11-15"]), lambda: units_credit(SA, "TGM-Y-215", 1, 2)),
 "b78-sa-yanbu-rigger-no-po": (lambda: Z if po_defect(SA, "TGM-Y-208") else None, lambda: inv_total(SA, "TGM-Y-208")),
 "b78-sa-areen-fitter-hours": (lambda: short(SA, "TGM-J-416", 1, logged(SA, "TGM-J-416", "FITTER-HR")), lambda: short(SA, "TGM-J-416", 1, 500)),
 "b78-sa-areen-rigger-rate": (lambda: price_diff(SA, "TGM-J-416", 3), lambda: price_diff(SA, "TGM-J-416", 3, "3.050")),
 "b78-sa-khiran-welder-rate-kwd": (lambda: price_diff(SA, "TGM-J-436", 1), lambda: price_diff(SA, "TGM-J-436", 1)),
 "b78-sa-dar-alshifa-late-fee": (lambda: fee_not_owed(SA, "TGM-J-371", T_SA), lambda: fee(SA, "TGM-J-371", "late_fee")),
 "b78-sa-dar-alshifa-led-cracked": (lambda: units_credit(SA, "TGM-J-409", 1, delivered(SA, "TGM-J-409", "LED-PANEL-60", "damagedQuantity")), lambda: units_credit(SA, "TGM-J-409", 1, 8)),
 "b78-sa-dar-alshifa-filters-short": (lambda: short(SA, "TGM-J-409", 2, delivered(SA, "TGM-J-409", "AC-FILTER")), lambda: short(SA, "TGM-J-409", 2, 96)),
 "b78-sa-obhur-pre-contract": (lambda: outside_contract(SA, "TGM-J-425"), lambda: D("14720.00")),
 "b78-sa-rawdah-duplicate": (lambda: inv_total(SA, "TGM-J-419") if same_basis_duplicate(SA, "TGM-J-419", "TGM-J-414") else Z, lambda: inv_total(SA, "TGM-J-419")),
 "b78-sa-rawdah-hot-classrooms": (lambda: short(SA, "TGM-J-396", 2, logged(SA, "TGM-J-396", "HVAC-PPM")), lambda: line_gross(SA, "TGM-J-396", 2)),
 "b78-sa-rabigh-pipe-price": (lambda: price_diff(SA, "TGM-J-342", 1), lambda: price_diff(SA, "TGM-J-342", 1)),
 "b78-sa-dar-alshifa-mobilisation": (lambda: fee(SA, "TGM-J-433", "service_fee") if fee_unsupported(SA, "TGM-J-433", "service_fee") else Z, lambda: fee(SA, "TGM-J-433", "service_fee")),
 "b78-sa-dar-alshifa-ahu-dates": (None, lambda: units_credit(SA, "TGM-J-433", 2, 2)),
 # Oman (OMR, 3 digits; AED at 0.10470 from 2026-07-01, 0.10455 from 2026-09-15; no QAR rate)
 "b78-om-rasmarkaz-concrete-m3": (lambda: short(OM, "WBM-P117-004", 1, delivered(OM, "WBM-P117-004", "RMC-C40")), lambda: short(OM, "WBM-P117-004", 1, D("180.0"))),
 "b78-om-rasmarkaz-aggregate-rate": (lambda: price_diff(OM, "WBM-P117-005", 1), lambda: price_diff(OM, "WBM-P117-005", 1, "7.000")),
 "b78-om-rasmarkaz-wrong-lpo": (lambda: Z if po_defect(OM, "WBM-P117-006") else None, lambda: inv_total(OM, "WBM-P117-006")),
 "b78-om-khaluf-late-interest": (lambda: fee_not_owed(OM, "WBM-P122-002", T_OM), lambda: fee(OM, "WBM-P122-002", "late_fee")),
 "b78-om-khaluf-tanker-dates": (lambda: dates_credit(OM, "WBM-P122-005", 1, "WATER-TRIP", ["2026-09-06", "2026-09-07"]), lambda: units_credit(OM, "WBM-P122-005", 1, 2)),
 "b78-om-khaluf-broken-blocks": (lambda: units_credit(OM, "WBM-P122-006", 1, delivered(OM, "WBM-P122-006", "HOLLOW-BLK-20", "damagedQuantity")), lambda: units_credit(OM, "WBM-P122-006", 1, 60)),
 "b78-om-fujairah-crane-hours": (lambda: short(OM, "WBM-P125-003", 1, logged(OM, "WBM-P125-003", "CRANE-50T-HR")), lambda: short(OM, "WBM-P125-003", 1, 80)),
 "b78-om-fujairah-paid-aed": (lambda: unapplied_payment(OM, "WBM-P125-004", "2026-10-22"), lambda: open_bal(OM, "WBM-P125-004")),
 "b78-om-lusail-blocks-short-qar": (lambda: short(OM, "WBM-P128-002", 1, delivered(OM, "WBM-P128-002", "HOLLOW-BLK-20")), lambda: short(OM, "WBM-P128-002", 1, 11400)),
 "b78-om-jazeera-aggregate-loads": (None, lambda: short(OM, "WBM-P119-006", 2, 44)),
 "b78-om-jazeera-pumps-twice": (lambda: inv_total(OM, "WBM-P119-005") if same_basis_duplicate(OM, "WBM-P119-005", "WBM-P119-004") else Z, lambda: inv_total(OM, "WBM-P119-005")),
 "b78-om-sez-vat": (lambda: inv_tax(OM, "WBM-P130-001") if tax_exempt(OM, "WBM-P130-001") else Z, lambda: inv_tax(OM, "WBM-P130-001")),
 "b78-om-sez-transport-fee": (lambda: Z if fee_on_po(OM, "WBM-P130-002", "freight") else fee(OM, "WBM-P130-002", "freight"), lambda: fee(OM, "WBM-P130-002", "freight")),
 "b78-om-sinaw-after-expiry": (lambda: outside_contract(OM, "WBM-P109-011"), lambda: inv_total(OM, "WBM-P109-011")),
 "b78-om-jazeera-jcb-rate": (lambda: price_diff(OM, "WBM-P119-006", 1), lambda: price_diff(OM, "WBM-P119-006", 1, "10.500")),
}
NEEDS_INFO = {
 "b78-ae-darkhaleej-laundry-kg": lambda: not has_log(AE, "AUH-TI-00443", "LAUNDRY-KG"),
 "b78-sa-dar-alshifa-ahu-dates": lambda: unserved_dates(SA, "TGM-J-433", "HVAC-PPM", ["2026-11-04", "2026-11-11"]) is None,
 "b78-om-jazeera-aggregate-loads": lambda: not has_delivery(OM, "WBM-P119-006", "AGG-10MM"),
}
# Cases whose invoice has payments: the payments the rule may use must be exactly the ones meant.
if [p["id"] for p in applied_elsewhere_or_unapplied(AE, "AUH-TI-00398")] != ["PAY-LC-3310"]: fail("Buraimi: payments that could be theirs")
if [p["id"] for p in applied_elsewhere_or_unapplied(OM, "WBM-P125-004")] != ["PAY-WB-1404"]: fail("FCE: payments that could be theirs")
if "P125-004" not in next(p for p in ledgers[OM]["payments"] if p["id"] == "PAY-WB-1404")["reference"]: fail("FCE payment reference")
# The late-fee cases: the fee billed vs the fee the clause allows.
if late_fee_allowed(SA, "TGM-J-371", T_SA) != fee(SA, "TGM-J-371", "late_fee"): fail("Dar Al Shifa fee should be exactly the allowed fee")
if late_fee_allowed(OM, "WBM-P122-002", T_OM) != D("50.400"): fail("Al Khaluf allowed fee")
# Per-day logs: the tanker and HSE logs hold one entry a day, quantity 1, and miss exactly the unserved dates.
for lgn, num, sku, missing in ((SA, "TGM-Y-215", "HSE-OFFICER-DAY", ["2026-11-15"]), (OM, "WBM-P122-005", "WATER-TRIP", ["2026-09-06", "2026-09-07"]), (AE, "RAK-TI-00088", "PEST-VISIT", ["2026-10-26"])):
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    if any(s["periodStart"] != s["periodEnd"] or s["quantity"] != 1 for s in logs): fail(f"{num}: per-day logs expected")
    if any(any(s["periodStart"] == d for s in logs) for d in missing): fail(f"{num}: a missing date is logged")
# Named weekdays in the messages.
for d, wd in (("2026-11-14", 5), ("2026-11-15", 6), ("2026-09-06", 6), ("2026-09-07", 0), ("2026-10-19", 0), ("2026-10-26", 0), ("2026-11-04", 2), ("2026-11-11", 2)):
    if date.fromisoformat(d).weekday() != wd: fail(f"{d}: weekday in the message is wrong")

# ---- numbering: AUH-TI-NNNNN / RAK-TI-NNNNN (two branch series), TGM-J-NNN / TGM-Y-NNN (company, branch letter,
# unpadded sequence), WBM-P<project>-NNN (one sequence per project); every sequence follows the issue dates.
import re
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for lgn, pat, grp in ((AE, r"(AUH|RAK)-TI-(\d{5})", 1), (SA, r"TGM-([JY])-(\d{3})", 1), (OM, r"WBM-P(\d{3})-(\d{3})", 1)):
    series = {}
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pat, i["number"])
        if not m: fail(f"{i['number']}: numbering"); continue
        series.setdefault(m.group(grp), []).append(i)
    for k, v in series.items():
        if not seq_ok(v, lambda i: int(re.findall(r"\d+", i["number"])[-1])): fail(f"{lgn} series {k}: sequence out of date order")
    if lgn == OM:  # one project per customer
        for k, v in series.items():
            if len({i["customerId"] for i in v}) != 1: fail(f"project P{k} billed to several customers")
WRONG_CUSTOMER = {}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b78-"): fail(f"{cid}: id prefix")
    if os.path.basename(glob.glob(f"{HERE}/{cid}.case.json")[0]) != f"{cid}.case.json": fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if not ALL4 <= set(e.get("mustNotHappen", [])): fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if cid in WRONG_CUSTOMER:
        wl, num, said = WRONG_CUSTOMER[cid]
        if I(wl, num)["customerId"] == said: fail(f"{cid}: the invoice does belong to the customer named")
    if "invoiceNumber" not in e: continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") and e["customerId"] != inv_["customerId"]: fail(f"{cid}: customerId {e['customerId']} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn() if dis_fn else None
    if "disputedAmount" in e:
        if disputed is None: fail(f"{cid}: no disputed recipe")
        elif D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
        if D(e["disputedAmount"]) > inv_total(lgn, num): fail(f"{cid}: disputed above invoice total")
        if D(e["disputedAmount"]) <= 0: fail(f"{cid}: disputed not positive")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed) if disputed is not None else evidence
        if "supportedAmount" in e and D(e["supportedAmount"]) != supported:
            fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    if cl and cl != "needs_info" and disputed is not None and supported is not None:
        defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if act != "goodwill_credit" and wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if act == "goodwill_credit" and (wo or cl != "invalid"): fail(f"{cid}: goodwill only on an invalid claim not written off")
        if cl == "valid" and act in ("write_off", "no_adjustment", "goodwill_credit"): fail(f"{cid}: valid with {act}")
    if "escalation" in e:
        pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
        amount = disputed if disputed is not None else supported
        conv = to_company(lgn, num, amount)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
        credit = to_company(lgn, num, supported) if supported is not None and e.get("action") in ("credit_memo", "write_off", "goodwill_credit") else None
        if credit is not None and credit > D(pol["approvalLimits"]["lead"]): esc = True   # above the lead's limit: finance controller
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
        if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
            fail(f"{cid}: legal escalation expected")

# ---- what the cases ask of the conversation: neverAsks, emailMentions, cases without a resolution
for c in cases:
    e, cid = c["expect"], c["id"]; first = c["turns"][0]
    lg = ledgers[c["ledger"]]; nums = {i["number"] for i in lg["invoices"]}
    if "invoice" in e.get("neverAsks", []):
        if not any(n in first or n.replace("WBM-P", "") in first or n[-5:] in first for n in nums):
            fail(f"{cid}: neverAsks invoice but the first turn names no invoice")
    if "invoice" not in e.get("neverAsks", []) and e.get("invoiceNumber") and e["invoiceNumber"] in first:
        fail(f"{cid}: the first turn names the invoice, neverAsks should list it")
    for m in e.get("emailMentions", []):
        pos = {p["number"] for p in lg.get("purchaseOrders", [])}
        if re.fullmatch(r"[0-9.]+", m) and m not in pos:
            if D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")): fail(f"{cid}: emailMentions amount {m} is neither figure")
            if D(m) == 0: fail(f"{cid}: emailMentions zero")
        elif m not in nums and not any(p["number"] == m for p in lg.get("purchaseOrders", [])): fail(f"{cid}: emailMentions {m} is no invoice or PO")
        elif not any(m in t for t in c["turns"]) and m not in (e.get("invoiceNumber"), I(c["ledger"], e["invoiceNumber"]).get("poNumber")): fail(f"{cid}: emailMentions {m} never said")
    if "classification" not in e and set(e) - {"mustNotHappen", "noResolution"}: fail(f"{cid}: expectations without a resolution")

# ---- tallies quoted in the README
from collections import Counter
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and e.get("stakeholders") and e["stakeholders"][0] != TEAM[e["reasonCode"]]:
        fail(f"{c['id']}: first stakeholder {e['stakeholders'][0]} is not the routing table's {TEAM[e['reasonCode']]}")
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "-")) for c in cases).items())))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

