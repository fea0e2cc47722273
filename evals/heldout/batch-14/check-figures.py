#!/usr/bin/env python3
"""Batch-14 author's cross-check: recomputes every ledger total and every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
classification, write-off, action and escalation rules of DOMAIN.md, including the currency's minor
digits (ISK 0, OMR 3) and the conversion of foreign-currency invoices at the ledger's fxRates.
Prints the mismatches; exits 1 if any.
Usage: python3 evals/heldout/batch-14/check-figures.py"""
import glob, json, os, sys
from datetime import date
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"ISK": 0, "JPY": 0, "KRW": 0, "OMR": 3, "KWD": 3, "BHD": 3, "JOD": 3}
bad = []
def fail(msg): bad.append(msg)
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def decimals(s): return len(s.split(".")[1].rstrip("0")) if "." in s else 0

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur): return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else D(0)
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D(0))
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), D(0))
def applied(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in applied(lg, num)), D(0))
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), D(0))
def open_bal(lg, num): return total(invoice(lg, num)) - paid(lg, num) - credited(lg, num)
def home(lg): return lg["company"]["currency"]

# ---- ledgers: totals, references, minor digits, statuses
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    contracts = {c["id"]: c for c in lg.get("contracts", [])}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 12 <= len(nums) <= 25: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if decimals(lg["policy"][k]) > dig(cur0): fail(f"{name}: policy {k} has too many decimals for {cur0}")
    for c in contracts.values():
        if c["customerId"] not in custs: fail(f"{name} {c['id']}: unknown customer")
        for p in c["prices"]:
            if decimals(p["unitPrice"]) > dig(c["currency"]): fail(f"{name} {c['id']} {p['sku']}: too many decimals")
    for i in lg["invoices"]:
        cur = i["currency"]
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if decimals(i["total"]) > dig(cur): fail(f"{name} {i['number']}: total has too many decimals for {cur}")
        for l in i["lines"]:
            if decimals(l["unitPrice"]) > dig(cur): fail(f"{name} {i['number']} line {l['line']}: price decimals")
        for f in i.get("fees", []):
            if decimals(f["amount"]) > dig(cur): fail(f"{name} {i['number']}: fee decimals")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        if i.get("contractId"):
            c = contracts[i["contractId"]]
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from its contract")
        if i.get("poNumber") and (i["poNumber"] not in pos or pos[i["poNumber"]]["customerId"] != i["customerId"]):
            fail(f"{name} {i['number']}: PO {i['poNumber']} not the customer's")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["customerId"] != "SA-05":
            fail(f"{name} {i['number']}: {cur} without a rate (only SA-05 is meant to lack one)")
        st, pd = i.get("status"), paid(lg, i["number"])
        if st == "paid" and pd < D(i["total"]): fail(f"{name} {i['number']}: paid but underpaid")
        if st == "open" and pd > 0: fail(f"{name} {i['number']}: open but has payments")
        if st == "partially_paid" and not 0 < pd < D(i["total"]): fail(f"{name} {i['number']}: partially_paid inconsistent")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] not in custs: fail(f"{name} log {s['id']}: unknown customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if decimals(p["amount"]) > dig(p["currency"]): fail(f"{name} payment {p['id']}: decimals")
        if "remittance" in p: fail(f"{name} payment {p['id']}: no remittance deductions in this batch (they open disputes on import)")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- the rules of evidence, by hand (DOMAIN.md)
IS, OM, IN = "groska-grodurhus-isk.ledger.json", "sohar-aqua-omr.ledger.json", "sarathi-fleet-inr.ledger.json"
def I(lgn, num): return invoice(ledgers[lgn], num)
def cur_of(lgn, num): return I(lgn, num)["currency"]
def contract_of(lgn, num): return next(c for c in ledgers[lgn]["contracts"] if c["id"] == I(lgn, num)["contractId"])
def contract_price(lgn, num, sku): return next(p["unitPrice"] for p in contract_of(lgn, num)["prices"] if p["sku"] == sku)
def price_diff(lgn, num, n, price=None):
    """billed gross - gross at the agreed price (contract, or the price the customer expects)."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return gross(l, cur) - gross(l, cur, price=price or contract_price(lgn, num, l["sku"]))
def units_credit(lgn, num, n, units_not_owed):
    """billed gross - gross of the units that remain: tax follows the line, rounded once per line."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return gross(l, cur) - gross(l, cur, qty=D(str(l["quantity"])) - D(str(units_not_owed)))
def delivered(lgn, num, sku, field="quantity"):
    return sum(D(str(d.get(field, 0))) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def short(lgn, num, n, counted): return max(D(0), D(str(line(I(lgn, num), n)["quantity"])) - counted)
def dates_unserved(lgn, num, sku, dates):
    """Per-visit logs decide named dates; a log spanning several days decides nothing (None)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    if any(s["periodStart"] != s["periodEnd"] and any(s["periodStart"] <= d <= s["periodEnd"] for d in dates) for s in logs): return None
    return sum(1 for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs))
def inv_tax(lgn, num): i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D(0))
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D(0))

def late_fee_allowed(lgn, num):
    """Contract clause, grace days, payment date: none without a clause or when the principal was paid
    by due + grace; else percent of the principal unpaid at the end of grace, per started 30-day month
    from the due date to the settling payment."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; c = contract_of(lgn, num)
    if not c.get("lateFee"): return D(0)
    grace = c["lateFee"].get("graceDays", 0)
    pays = sorted(applied(lg, num), key=lambda p: p["date"])
    on_time = sum((D(p["amount"]) for p in pays if days(i["dueDate"], p["date"]) <= grace), D(0))
    overdue = max(principal(i) - on_time, D(0))
    if overdue == 0: return D(0)
    acc, settled = D(0), None
    for p in pays:
        acc += D(p["amount"])
        if acc >= principal(i): settled = p["date"]; break
    late = days(i["dueDate"], settled)
    months = -(-late // 30)
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * months

def outside_contract(lgn, num):
    i = I(lgn, num); c = contract_of(lgn, num); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(principal(i) * (tot - inside) / tot, cur)

def fee_on_po(lgn, num, t):
    """A fee the customer's own PO lists at that amount is owed."""
    i = I(lgn, num); lg = ledgers[lgn]
    f = next(f for f in i.get("fees", []) if f["type"] == t)
    for po in lg["purchaseOrders"]:
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if (l.get("description") == f.get("description") or l["sku"].lower() == t) and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]):
                return True
    return False

def unapplied_payment(lgn, num, date_said=None, ref_said=None):
    lg = ledgers[lgn]; i = I(lgn, num)
    for p in lg["payments"]:
        if p.get("invoiceNumber") or p["currency"] != i["currency"]: continue
        if (date_said and p["date"] == date_said) or (ref_said and ref_said in p.get("reference", "")) or D(p["amount"]) == open_bal(lg, num):
            return min(D(p["amount"]), open_bal(lg, num))
    return D(0)

def same_basis(lgn, a, b):
    """Duplicate: same customer, SKU, quantity, price; same PO where both carry one; overlapping periods where both carry one."""
    x, y = I(lgn, a), I(lgn, b)
    if x["customerId"] != y["customerId"]: return False
    if x.get("poNumber") and y.get("poNumber") and x["poNumber"] != y["poNumber"]: return False
    if x.get("servicePeriodStart") and y.get("servicePeriodStart"):
        if not (x["servicePeriodStart"] <= y["servicePeriodEnd"] and y["servicePeriodStart"] <= x["servicePeriodEnd"]): return False
    elif not (x.get("poNumber") and x.get("poNumber") == y.get("poNumber")): return False
    key = lambda inv: sorted((l["sku"], D(str(l["quantity"])), D(l["unitPrice"])) for l in inv["lines"])
    return key(x) == key(y)
def duplicate(lgn, num, other): return inv_total(lgn, num) if same_basis(lgn, num, other) else D(0)

def exempt_tax(lgn, num):
    i = I(lgn, num); c = next(x for x in ledgers[lgn]["customers"] if x["id"] == i["customerId"])
    return inv_tax(lgn, num) if c.get("taxExempt") else D(0)

def wrong_terms(lgn, num):
    i = I(lgn, num); return days(i["issueDate"], i["dueDate"]) != contract_of(lgn, num)["paymentTermsDays"]

def po_defect(lgn, num):
    i = I(lgn, num); lg = ledgers[lgn]
    if not i.get("poNumber"): return bool(contract_of(lgn, num).get("poRequired"))
    po = next((p for p in lg["purchaseOrders"] if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"

def fee_unsupported(lgn, num, t):
    if fee_on_po(lgn, num, t): return D(0)
    notes = (contract_of(lgn, num).get("notes") or "").lower()
    return D(0) if t.replace("_", " ") in notes else fee(lgn, num, t)

def dissatisfied(lgn, num, n):
    l = line(I(lgn, num), n); return units_credit(lgn, num, n, short(lgn, num, n, logged(lgn, num, l["sku"])))

def needs(x): return ("needs_info", x)

Z = D(0)
G = "GR26-"; S = "SAT/INV/2026/"; F = "SFM/2026-27/"
# supportedAmount recipes ("needs_info" marks a decision the ledger cannot make)
R = {
 "b14-is-led-contract-price": lambda: price_diff(IS, G+"0441", 1),
 "b14-is-rockwool-slabs-and-boxes": lambda: units_credit(IS, G+"0427", 1, short(IS, G+"0427", 1, delivered(IS, G+"0427", "ROCKWOOL-SLAB"))),
 "b14-is-cracked-lamps-no-self-approval": lambda: units_credit(IS, G+"0415", 1, delivered(IS, G+"0415", "LED-GL600", "damagedQuantity")),
 "b14-is-october-monitoring-twice": lambda: duplicate(IS, G+"0384", G+"0378"),
 "b14-is-november-is-not-october": lambda: max(duplicate(IS, G+"0413", G+"0378"), duplicate(IS, G+"0413", G+"0384")),
 "b14-is-vextir-inside-grace": lambda: fee(IS, G+"0361", "late_fee") - min(late_fee_allowed(IS, G+"0361"), fee(IS, G+"0361", "late_fee")),
 "b14-is-late-charge-owed-old-invoice": lambda: fee(IS, G+"0287", "late_fee") - min(late_fee_allowed(IS, G+"0287"), fee(IS, G+"0287", "late_fee")),
 "b14-is-school-vat-exempt": lambda: exempt_tax(IS, G+"0398"),
 "b14-is-fludir-no-po-email": lambda: Z,
 "b14-is-freight-on-their-po": lambda: fee_unsupported(IS, G+"0427", "freight"),
 "b14-is-two-of-four-visits": lambda: units_credit(IS, G+"0412", 1, short(IS, G+"0412", 1, logged(IS, G+"0412", "SVC-VISIT"))),
 "b14-is-no-show-26-october": lambda: units_credit(IS, G+"0412", 1, dates_unserved(IS, G+"0412", "SVC-VISIT", ["2026-10-26"])),
 "b14-is-hotel-visits-monthly-sheet": lambda: needs(dates_unserved(IS, G+"0416", "SVC-VISIT", ["2026-10-08", "2026-10-22"])),
 "b14-is-monitoring-after-contract-end": lambda: outside_contract(IS, G+"0379"),
 "b14-is-paid-by-transfer": lambda: unapplied_payment(IS, G+"0405", date_said="2026-11-02"),
 "b14-is-chef-unhappy-hours-logged": lambda: dissatisfied(IS, G+"0391", 1),
 "b14-is-wrong-customer-corrected": lambda: price_diff(IS, G+"0441", 1),
 "b14-is-coco-price-by-contact-writeoff": lambda: price_diff(IS, G+"0423", 1),
 "b14-om-membrane-quote-vs-contract": lambda: price_diff(OM, S+"00671", 1),
 "b14-om-chlorine-four-pails-short": lambda: units_credit(OM, S+"00712", 1, short(OM, S+"00712", 1, delivered(OM, S+"00712", "CL-TAB"))),
 "b14-om-leaking-drums-five-vs-two": lambda: units_credit(OM, S+"00718", 1, delivered(OM, S+"00718", "ANTISCAL-25", "damagedQuantity")),
 "b14-om-september-om-twice": lambda: duplicate(OM, S+"00701", S+"00688"),
 "b14-om-usd-duplicate-june-rate": lambda: duplicate(OM, S+"00527", S+"00512"),
 "b14-om-eur-lab-tests-no-rate": lambda: price_diff(OM, S+"00725", 1),
 "b14-om-late-charge-owed-writeoff": lambda: fee(OM, S+"00588", "late_fee") - min(late_fee_allowed(OM, S+"00588"), fee(OM, S+"00588", "late_fee")),
 "b14-om-dairy-not-vat-exempt": lambda: exempt_tax(OM, S+"00731"),
 "b14-om-majan-po-is-on-it": lambda: Z,
 "b14-om-cip-dates-were-logged": lambda: units_credit(OM, S+"00752", 1, dates_unserved(OM, S+"00752", "CIP-SVC", ["2026-09-14", "2026-09-28"])),
 "b14-om-usd-paid-by-tt-july-rate": lambda: unapplied_payment(OM, S+"00634", date_said="2026-09-30"),
 "b14-om-payment-terms-60-days": lambda: Z,
 "b14-om-callout-not-in-contract": lambda: fee_unsupported(OM, S+"00753", "service_fee"),
 "b14-om-reason-first-then-po-then-count": lambda: units_credit(OM, S+"00696", 1, short(OM, S+"00696", 1, delivered(OM, S+"00696", "ANTISCAL-25"))),
 "b14-om-wrong-invoice-corrected": lambda: units_credit(OM, S+"00744", 1, delivered(OM, S+"00744", "ANTISCAL-25", "damagedQuantity")),
 "b14-om-goodwill-chlorine-taste": lambda: dissatisfied(OM, S+"00689", 1),
 "b14-in-suv-rate-hinglish": lambda: price_diff(IN, F+"0433", 1),
 "b14-in-hoysala-km-trip-sheets": lambda: units_credit(IN, F+"0431", 1, short(IN, F+"0431", 1, logged(IN, F+"0431", "CAB-SEDAN-KM"))),
 "b14-in-saturday-shuttle-3rd": lambda: units_credit(IN, F+"0432", 1, dates_unserved(IN, F+"0432", "TT-TRIP", ["2026-10-03"])),
 "b14-in-vidhana-october-twice": lambda: duplicate(IN, F+"0413", F+"0405"),
 "b14-in-two-plants-not-duplicate": lambda: duplicate(IN, F+"0410", F+"0409"),
 "b14-in-interest-inside-grace": lambda: fee(IN, F+"0372", "late_fee") - min(late_fee_allowed(IN, F+"0372"), fee(IN, F+"0372", "late_fee")),
 "b14-in-interest-three-months-writeoff": lambda: fee(IN, F+"0371", "late_fee") - min(late_fee_allowed(IN, F+"0371"), fee(IN, F+"0371", "late_fee")),
 "b14-in-sez-gst": lambda: exempt_tax(IN, F+"0402"),
 "b14-in-fleet-after-contract-lakh": lambda: outside_contract(IN, F+"0403"),
 "b14-in-malnad-po-mandatory-mail": lambda: Z,
 "b14-in-toll-on-their-po": lambda: fee_unsupported(IN, F+"0433", "other"),
 "b14-in-neft-utr": lambda: unapplied_payment(IN, F+"0388", date_said="2026-10-26", ref_said="12345"),
 "b14-in-cowork-contract-ended-mid-month": lambda: outside_contract(IN, F+"0419"),
 "b14-in-not-km-escort-shifts": lambda: units_credit(IN, F+"0431", 2, short(IN, F+"0431", 2, logged(IN, F+"0431", "ESCORT-SHIFT"))),
 "b14-in-reported-cfo-demand": lambda: price_diff(IN, F+"0433", 1),
 "b14-in-site-correction": lambda: price_diff(IN, F+"0436", 1),
}
# needs_info cases: which document is missing (checked to be really missing)
NEEDS = {
 "b14-is-hotel-visits-monthly-sheet": lambda: dates_unserved(IS, G+"0416", "SVC-VISIT", ["2026-10-08", "2026-10-22"]) is None,
 "b14-om-chlorine-no-delivery-record": lambda: not any(d.get("invoiceNumber") == S+"00695" or d.get("poNumber") == "SFP-7781" for d in ledgers[OM]["deliveries"]),
 "b14-om-reported-demand-plant-down": lambda: dates_unserved(OM, S+"00688", "OM-MONTHLY", [f"2026-09-{d:02d}" for d in range(6, 13)]) is None,
 "b14-in-escort-dates-monthly-roster": lambda: dates_unserved(IN, F+"0434", "ESCORT-SHIFT", ["2026-10-14", "2026-10-15", "2026-10-16"]) is None,
 "b14-in-sez-escort-no-log": lambda: not any(s["sku"] == "ESCORT-SHIFT" and s["customerId"] == "SF-C02" for s in ledgers[IN]["serviceLogs"]),
}
# The disputed amount each case expects, recomputed from what the turns say (units, prices, fees, whole charges).
DISPUTED = {
 "b14-is-led-contract-price": lambda: price_diff(IS, G+"0441", 1),
 "b14-is-rockwool-slabs-and-boxes": lambda: units_credit(IS, G+"0427", 1, short(IS, G+"0427", 1, D(420) / 12)),
 "b14-is-cracked-lamps-no-self-approval": lambda: units_credit(IS, G+"0415", 1, 2),
 "b14-is-october-monitoring-twice": lambda: inv_total(IS, G+"0384"),
 "b14-is-november-is-not-october": lambda: inv_total(IS, G+"0413"),
 "b14-is-vextir-inside-grace": lambda: fee(IS, G+"0361", "late_fee"),
 "b14-is-late-charge-owed-old-invoice": lambda: fee(IS, G+"0287", "late_fee"),
 "b14-is-school-vat-exempt": lambda: inv_tax(IS, G+"0398"),
 "b14-is-fludir-no-po-email": lambda: inv_total(IS, G+"0436"),
 "b14-is-freight-on-their-po": lambda: fee(IS, G+"0427", "freight"),
 "b14-is-two-of-four-visits": lambda: units_credit(IS, G+"0412", 1, 2),
 "b14-is-no-show-26-october": lambda: units_credit(IS, G+"0412", 1, 1),
 "b14-is-hotel-visits-monthly-sheet": lambda: units_credit(IS, G+"0416", 1, 2),
 "b14-is-monitoring-after-contract-end": lambda: outside_contract(IS, G+"0379"),
 "b14-is-paid-by-transfer": lambda: open_bal(ledgers[IS], G+"0405"),
 "b14-is-chef-unhappy-hours-logged": lambda: gross(line(I(IS, G+"0391"), 1), "ISK"),
 "b14-is-wrong-customer-corrected": lambda: price_diff(IS, G+"0441", 1),
 "b14-is-coco-price-by-contact-writeoff": lambda: D(10000),
 "b14-om-membrane-quote-vs-contract": lambda: price_diff(OM, S+"00671", 1, price="185.000"),
 "b14-om-chlorine-four-pails-short": lambda: units_credit(OM, S+"00712", 1, 4),
 "b14-om-leaking-drums-five-vs-two": lambda: units_credit(OM, S+"00718", 1, 5),
 "b14-om-september-om-twice": lambda: inv_total(OM, S+"00701"),
 "b14-om-usd-duplicate-june-rate": lambda: inv_total(OM, S+"00527"),
 "b14-om-eur-lab-tests-no-rate": lambda: price_diff(OM, S+"00725", 1, price="52.00"),
 "b14-om-late-charge-owed-writeoff": lambda: fee(OM, S+"00588", "late_fee"),
 "b14-om-dairy-not-vat-exempt": lambda: inv_tax(OM, S+"00731"),
 "b14-om-majan-po-is-on-it": lambda: inv_total(OM, S+"00704"),
 "b14-om-cip-dates-were-logged": lambda: units_credit(OM, S+"00752", 1, 2),
 "b14-om-usd-paid-by-tt-july-rate": lambda: open_bal(ledgers[OM], S+"00634"),
 "b14-om-payment-terms-60-days": lambda: inv_total(OM, S+"00755"),
 "b14-om-chlorine-no-delivery-record": lambda: units_credit(OM, S+"00695", 1, 5),
 "b14-om-callout-not-in-contract": lambda: fee(OM, S+"00753", "service_fee"),
 "b14-om-reason-first-then-po-then-count": lambda: units_credit(OM, S+"00696", 1, 2),
 "b14-om-wrong-invoice-corrected": lambda: units_credit(OM, S+"00744", 1, 2),
 "b14-om-goodwill-chlorine-taste": lambda: inv_total(OM, S+"00689"),
 "b14-in-suv-rate-hinglish": lambda: price_diff(IN, F+"0433", 1),
 "b14-in-hoysala-km-trip-sheets": lambda: units_credit(IN, F+"0431", 1, 18420 - 17500),
 "b14-in-saturday-shuttle-3rd": lambda: units_credit(IN, F+"0432", 1, 1),
 "b14-in-vidhana-october-twice": lambda: inv_total(IN, F+"0413"),
 "b14-in-two-plants-not-duplicate": lambda: inv_total(IN, F+"0410"),
 "b14-in-interest-inside-grace": lambda: fee(IN, F+"0372", "late_fee"),
 "b14-in-interest-three-months-writeoff": lambda: fee(IN, F+"0371", "late_fee"),
 "b14-in-sez-gst": lambda: inv_tax(IN, F+"0402"),
 "b14-in-fleet-after-contract-lakh": lambda: inv_total(IN, F+"0403"),
 "b14-in-malnad-po-mandatory-mail": lambda: inv_total(IN, F+"0438"),
 "b14-in-toll-on-their-po": lambda: fee(IN, F+"0433", "other"),
 "b14-in-sez-escort-no-log": lambda: units_credit(IN, F+"0402", 2, 3),
 "b14-in-neft-utr": lambda: open_bal(ledgers[IN], F+"0388"),
 "b14-in-cowork-contract-ended-mid-month": lambda: inv_total(IN, F+"0419"),
 "b14-in-not-km-escort-shifts": lambda: units_credit(IN, F+"0431", 2, 10),
 "b14-in-reported-cfo-demand": lambda: D("50000.00"),
 "b14-in-site-correction": lambda: price_diff(IN, F+"0436", 1),
}
# Administrative defects that really exist (valid at 0, cancel and rebill), checked against the ledger.
DEFECT = {
 "b14-is-fludir-no-po-email": lambda: po_defect(IS, G+"0436"),
 "b14-om-payment-terms-60-days": lambda: wrong_terms(OM, S+"00755"),
 "b14-in-malnad-po-mandatory-mail": lambda: po_defect(IN, F+"0438"),
 "b14-om-majan-po-is-on-it": lambda: po_defect(OM, S+"00704"),  # expected False: the PO is there
}
# Tax on every taxed line of an exempt customer's invoice: the document is rebilled.
REBILL_TAX = {"b14-is-school-vat-exempt", "b14-in-sez-gst"}
PAYMENT = {"b14-is-paid-by-transfer", "b14-om-usd-paid-by-tt-july-rate", "b14-in-neft-utr"}

def rate(lg, cur, on):
    rs = [x for x in lg.get("fxRates", []) if x["currency"] == cur and x["date"] <= on]
    return D(max(rs, key=lambda x: x["date"])["rate"]) if rs else None
def to_policy(lg, inv, amount):
    """Invoice amount in the company currency, rounded half-up once; None when no rate."""
    if inv["currency"] == home(lg): return amount
    k = rate(lg, inv["currency"], inv["issueDate"])
    return None if k is None else r(amount * k, home(lg))

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
per_ledger = {}
for c in cases:
    e, cid = c["expect"], c["id"]
    per_ledger[c["ledger"]] = per_ledger.get(c["ledger"], 0) + 1
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lg = ledgers[c["ledger"]]; pol = lg["policy"]
    if not c["description"]: fail(f"{cid}: no description")
    if e.get("noResolution"):
        if e.get("invoiceNumber") and any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: invoice exists")
        continue
    if "invoiceNumber" not in e: continue  # no-change cases check side effects only
    num = e["invoiceNumber"]
    if not any(i["number"] == num for i in lg["invoices"]): fail(f"{cid}: no invoice {num}"); continue
    inv = invoice(lg, num); cur = inv["currency"]
    if e.get("customerId") and e["customerId"] != inv["customerId"]: fail(f"{cid}: customer {e['customerId']} is not the invoice's")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and decimals(e[k]) > dig(cur): fail(f"{cid}: {k} {e[k]} has too many decimals for {cur}")
    cl, act = e.get("classification"), e.get("action")
    disputed = DISPUTED[cid]() if cid in DISPUTED else None
    if "disputedAmount" in e:
        if disputed is None: fail(f"{cid}: no disputed recipe")
        elif D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
        if D(e["disputedAmount"]) > inv_total(c["ledger"], num): fail(f"{cid}: disputed above invoice total")
    if cl == "needs_info":
        if not NEEDS.get(cid, lambda: False)(): fail(f"{cid}: needs_info but the ledger has the document")
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    elif "supportedAmount" in e:
        if cid not in R: fail(f"{cid}: no recipe"); continue
        evidence = R[cid]()
        want = min(evidence, disputed) if disputed is not None else evidence
        s = D(e["supportedAmount"])
        if s != want: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {want}")
        defect = DEFECT.get(cid, lambda: False)()
        if cl and disputed is not None:
            exp = ("valid" if defect else "invalid") if s == 0 else ("valid" if s >= disputed else "partial")
            if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {s}, disputed {disputed})")
            owed = to_policy(lg, inv, disputed - s)
            write_off = cl in ("invalid", "partial") and owed is not None and owed < D(pol["writeOffBelow"])
            if write_off: exp_act = "write_off"
            elif defect or cid in REBILL_TAX: exp_act = "cancel_and_rebill"
            elif cid in PAYMENT: exp_act = "apply_payment"
            elif cl in ("valid", "partial"): exp_act = "credit_memo"
            else: exp_act = act if act == "goodwill_credit" else "no_adjustment"
            if act != exp_act: fail(f"{cid}: action {act}, rules give {exp_act} (owed {disputed - s} = {owed} {home(lg)})")
    if "escalation" in e:
        cust = next(x for x in lg["customers"] if x["id"] == inv["customerId"])
        amount = disputed if disputed is not None else D(0)
        conv = to_policy(lg, inv, amount)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv["dueDate"], c["today"])) if open_bal(lg, num) > 0 else 0
        moved = D(e["supportedAmount"]) if act == "credit_memo" else (disputed if act == "write_off" else D(0))
        moved_conv = to_policy(lg, inv, min(moved, open_bal(lg, num)))
        why = []
        if conv is None: why.append("no fx rate")
        elif conv >= D(pol["escalationAmount"]): why.append(f"amount {conv} {home(lg)}")
        if pastdue > pol["escalationDaysPastDue"]: why.append(f"{pastdue} days past due")
        if cust.get("strategic"): why.append("strategic")
        if recent >= pol["repeatDisputeCount"]: why.append(f"{recent} disputes in the window")
        if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]): why.append("legal")
        if moved > 0 and (moved_conv is None or moved_conv > D(pol["approvalLimits"]["lead"])): why.append("above the lead's limit")
        if bool(why) != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {why or 'none'}")

if set(per_ledger.values()) != {20} or len(per_ledger) != 3: fail(f"cases per ledger: {per_ledger}")
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
