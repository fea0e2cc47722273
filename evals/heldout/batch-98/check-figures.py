#!/usr/bin/env python3
"""Batch-98 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once). Also checks the case conventions of this
batch (neverAsks vs the first turn, emailMentions amounts below 1,000, two-turn count, unknown
invoices really absent). Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-98/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # PKR, LAK, THB, GHS, USD: 2
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
NO_RATE = set()   # batch 98: every foreign-currency invoice has a rate
INTENDED_WRONG_PO = {"2026-V-0472"}   # quotes VIA-PO-0362, a PO the school never issued
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 14 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
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
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - counted, 0))
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

Z = D("0")
PK, LA, GH = "shalimar-systems-pkr.ledger.json", "champa-cool-air-lak.ledger.json", "sankofa-canteen-ghs.ledger.json"
T_PK, T_LA, T_GH = "2026-11-18", "2026-09-16", "2026-10-08"
TODAY = {PK: T_PK, LA: T_LA, GH: T_GH}

# payment terms of invoices without a contract (from the customers' quotations): Mehfil 15 days, Phonxay and the chapel 14
NO_CONTRACT_TERMS = {"PK-C05": 15, "LA-C05": 14, "GH-C04": 14}
for name, lg in ledgers.items():
    if not 15 <= len(lg["invoices"]) <= 18: fail(f"{name}: {len(lg['invoices'])} invoices (15-18 wanted)")
    for i in lg["invoices"]:
        if not i.get("contractId"):
            t = NO_CONTRACT_TERMS.get(i["customerId"])
            if t is None or days(i["issueDate"], i["dueDate"]) != t: fail(f"{name} {i['number']}: terms without a contract")
        if i.get("servicePeriodStart") and i["servicePeriodStart"] > i["servicePeriodEnd"]: fail(f"{name} {i['number']}: period")
    for p in lg.get("payments", []):
        if p.get("remittance"): fail(f"{name} payment {p['id']}: no remittance advice in this batch (a deduction would open a dispute on import)")

def dates_credit(lgn, num, n, sku, dates):
    """Units at the line's price (with its tax) for the named dates without a rendered per-day entry; None: a multi-day entry covers one."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def fee_unsupported(lgn, num, t, words):
    """A fee of type t that no PO line lists and the contract's notes do not name (by any of `words`); the customer has a contract."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not c: return False
    notes = c.get("notes", "").lower()
    return not fee_on_po(lgn, num, t) and not any(w.lower() in notes for w in words)
def no_contract_no_po(lgn, num):
    i = I(lgn, num); return not i.get("contractId") and not i.get("poNumber") and not any(
        p["customerId"] == i["customerId"] for p in ledgers[lgn].get("purchaseOrders", []))
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)
def unpaid_part_owed(lgn, num):
    """'Fully paid' claim: payments applied to the invoice reduce it, no unapplied payment of the customer exists; what remains is owed (0 supported)."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    unapplied = [p for p in lg["payments"] if p["customerId"] == cust and not p.get("invoiceNumber")]
    return Z if not unapplied and open_bal(lgn, num) > 0 else None

# ---- recipes: (supported, disputed), each from the ledger by DOMAIN.md's rules
R = {
 # Pakistan (PKR; USD 281.4000 from 2026-07-01, 280.6500 from 2026-10-01)
 "b98-pk-ravi-toner-rate": (lambda: price_diff(PK, "SSS/LHR/444", 1), lambda: price_diff(PK, "SSS/LHR/444", 1, "9800.00")),
 "b98-pk-ravi-amc-no-po": (lambda: Z if po_defect(PK, "SSS/LHR/457") else None, lambda: inv_total(PK, "SSS/LHR/457")),
 "b98-pk-ravi-domes-cracked": (lambda: units_credit(PK, "SSS/LHR/466", 1, delivered(PK, "SSS/LHR/466", "CAM-4MP", "damagedQuantity")), lambda: units_credit(PK, "SSS/LHR/466", 1, 4)),
 "b98-pk-kmb-aug-amc-twice": (lambda: inv_total(PK, "SSS/KHI/134") if same_basis_duplicate(PK, "SSS/KHI/134", "SSS/KHI/129") else Z, lambda: inv_total(PK, "SSS/KHI/134")),
 "b98-pk-kmb-branches-shut": (lambda: short(PK, "SSS/KHI/140", 1, logged(PK, "SSS/KHI/140", "AMC-BR")), lambda: units_credit(PK, "SSS/KHI/140", 1, 2)),
 "b98-pk-kmb-nvr-rate": (lambda: price_diff(PK, "SSS/KHI/152", 1), lambda: price_diff(PK, "SSS/KHI/152", 1, "86000.00")),
 "b98-pk-noor-surcharge": (lambda: fee_not_owed(PK, "SSS/LHR/429", T_PK), lambda: fee(PK, "SSS/LHR/429", "late_fee")),
 "b98-pk-noor-amc-useless": (lambda: short(PK, "SSS/LHR/437", 1, logged(PK, "SSS/LHR/437", "AMC-SITE")), lambda: line_gross(PK, "SSS/LHR/437", 1)),
 "b98-pk-noor-paid-by-cheque": (None, lambda: open_bal(PK, "SSS/LHR/405")),
 "b98-pk-cra-gst-exempt": (lambda: inv_tax(PK, "SSS/LHR/434") if tax_exempt(PK, "SSS/LHR/434") else Z, lambda: inv_tax(PK, "SSS/LHR/434")),
 "b98-pk-cra-amc-after-end": (lambda: outside_contract(PK, "SSS/LHR/462"), lambda: inv_total(PK, "SSS/LHR/462")),
 "b98-pk-cra-visits-9-12": (lambda: dates_credit(PK, "SSS/LHR/449", 1, "TECH-VISIT", ["2026-09-09", "2026-09-12"]), lambda: units_credit(PK, "SSS/LHR/449", 1, 2)),
 "b98-pk-cra-paid-tt": (lambda: unapplied_payment(PK, "SSS/LHR/445", "2026-11-05"), lambda: open_bal(PK, "SSS/LHR/445")),
 "b98-pk-mehfil-conduit": (lambda: Z if fee_on_po(PK, "SSS/LHR/441", "other") else fee(PK, "SSS/LHR/441", "other"), lambda: fee(PK, "SSS/LHR/441", "other")),
 "b98-pk-lyallpur-cat6-short": (lambda: short(PK, "SSS/LHR/455", 1, delivered(PK, "SSS/LHR/455", "CAT6-BOX")), lambda: units_credit(PK, "SSS/LHR/455", 1, 1)),
 "b98-pk-lyallpur-freight": (lambda: Z if fee_in_contract_notes(PK, "SSS/LHR/455", "freight") else fee(PK, "SSS/LHR/455", "freight"), lambda: fee(PK, "SSS/LHR/455", "freight")),
 # Laos (LAK; USD 21,850.0000 / 21,920.0000, THB 655.5000 / 661.2000 from 2026-06-01 / 2026-08-01)
 "b98-la-riverside-rooms-closed": (lambda: short(LA, "2026-V-0455", 1, logged(LA, "2026-V-0455", "SVC-CLEAN")), lambda: units_credit(LA, "2026-V-0455", 1, 6)),
 "b98-la-riverside-18k-price": (lambda: price_diff(LA, "2026-V-0466", 1), lambda: price_diff(LA, "2026-V-0466", 1, "16500.00")),
 "b98-la-riverside-afterhours": (lambda: fee(LA, "2026-V-0480", "service_fee") if fee_unsupported(LA, "2026-V-0480", "service_fee", ["surcharge", "call-out", "after-hours", "after hours"]) else Z, lambda: fee(LA, "2026-V-0480", "service_fee")),
 "b98-la-academy-dented": (lambda: units_credit(LA, "2026-V-0447", 1, delivered(LA, "2026-V-0447", "AC-12K", "damagedQuantity")), lambda: units_credit(LA, "2026-V-0447", 1, 3)),
 "b98-la-academy-wrong-po": (lambda: Z if po_defect(LA, "2026-V-0472") else None, lambda: inv_total(LA, "2026-V-0472")),
 "b98-la-xaysettha-pm-dates": (None, lambda: units_credit(LA, "2026-V-0477", 1, 2)),
 "b98-la-xaysettha-r32-kg": (lambda: short(LA, "2026-V-0477", 2, delivered(LA, "2026-V-0477", "GAS-R32")), lambda: units_credit(LA, "2026-V-0477", 2, 15)),
 "b98-la-xaysettha-late-charge": (lambda: fee_not_owed(LA, "2026-V-0431", T_LA), lambda: fee(LA, "2026-V-0431", "late_fee")),
 "b98-la-hopemekong-july-twice": (lambda: inv_total(LA, "2026-V-0459") if same_basis_duplicate(LA, "2026-V-0459", "2026-V-0456") else Z, lambda: inv_total(LA, "2026-V-0459")),
 "b98-la-hopemekong-tech-hours": (lambda: short(LA, "2026-V-0474", 1, logged(LA, "2026-V-0474", "TECH-HR")), lambda: units_credit(LA, "2026-V-0474", 1, 4)),
 "b98-la-phonxay-sunday-call": (None, lambda: fee(LA, "2026-V-0482", "service_fee")),
 "b98-la-phonxay-broken-unit": (lambda: units_credit(LA, "2026-V-0463", 1, delivered(LA, "2026-V-0463", "AC-18K", "damagedQuantity")), lambda: units_credit(LA, "2026-V-0463", 1, 1)),
 "b98-la-savanpaper-5of6": (lambda: short(LA, "2026-S-0108", 1, delivered(LA, "2026-S-0108", "AC-24K")), lambda: units_credit(LA, "2026-S-0108", 1, 1)),
 "b98-la-savanpaper-cleaning-rate": (lambda: price_diff(LA, "2026-S-0117", 1), lambda: price_diff(LA, "2026-S-0117", 1, "180000.00")),
 "b98-la-savanpaper-bcel": (lambda: unapplied_payment(LA, "2026-S-0113", "2026-09-10"), lambda: open_bal(LA, "2026-S-0113")),
 # Ghana (GHS; USD 11.2500 from 2026-07-01, 11.4000 from 2026-09-01)
 "b98-gh-meridian-vat": (lambda: inv_tax(GH, "SCC26TM0940") if tax_exempt(GH, "SCC26TM0940") else Z, lambda: inv_tax(GH, "SCC26TM0940")),
 "b98-gh-meridian-burst-cases": (lambda: units_credit(GH, "SCC26TM0922", 1, delivered(GH, "SCC26TM0922", "WATER-CS", "damagedQuantity")), lambda: units_credit(GH, "SCC26TM0922", 1, 6)),
 "b98-gh-meridian-lunch-count": (lambda: short(GH, "SCC26TM0904", 1, logged(GH, "SCC26TM0904", "LUNCH-STD")), lambda: units_credit(GH, "SCC26TM0904", 1, 100)),
 "b98-gh-akyem-after-expiry": (lambda: outside_contract(GH, "SCC26TK0946"), lambda: D("3456.00")),
 "b98-gh-akyem-water-short": (lambda: short(GH, "SCC26TK0920", 1, delivered(GH, "SCC26TK0920", "WATER-CS")), lambda: units_credit(GH, "SCC26TK0920", 1, 20)),
 "b98-gh-akyem-fully-paid": (lambda: unpaid_part_owed(GH, "SCC26TK0905"), lambda: open_bal(GH, "SCC26TK0905")),
 "b98-gh-harbour-no-po": (lambda: Z if po_defect(GH, "SCC26TM0926") else None, lambda: inv_total(GH, "SCC26TM0926")),
 "b98-gh-harbour-late-fee": (lambda: fee_not_owed(GH, "SCC26TM0889", T_GH), lambda: fee(GH, "SCC26TM0889", "late_fee")),
 "b98-gh-harbour-weekend-servers": (lambda: dates_credit(GH, "SCC26TM0933", 1, "STAFF-DAY", ["2026-09-19", "2026-09-20"]), lambda: units_credit(GH, "SCC26TM0933", 1, 2)),
 "b98-gh-chapel-buffet-rate": (None, lambda: price_diff(GH, "SCC26TM0915", 1, "120.00")),
 "b98-gh-chapel-canopy-twice": (lambda: inv_total(GH, "SCC26TM0919") if same_basis_duplicate(GH, "SCC26TM0919", "SCC26TM0916") else Z, lambda: inv_total(GH, "SCC26TM0919")),
 "b98-gh-nkwanta-late-charge": (lambda: fee_not_owed(GH, "SCC26TM0872", T_GH), lambda: fee(GH, "SCC26TM0872", "late_fee")),
 "b98-gh-nkwanta-diesel": (lambda: fee(GH, "SCC26TM0941", "other") if fee_unsupported(GH, "SCC26TM0941", "other", ["diesel", "generator", "surcharge"]) else Z, lambda: fee(GH, "SCC26TM0941", "other")),
 "b98-gh-nkwanta-sachet-bags": (lambda: units_credit(GH, "SCC26TM0912", 1, delivered(GH, "SCC26TM0912", "SACHET-BG", "damagedQuantity")), lambda: units_credit(GH, "SCC26TM0912", 1, 20)),
}
NEEDS_INFO = {
 "b98-pk-noor-paid-by-cheque": lambda: nothing_could_be_theirs(PK, "SSS/LHR/405", "2026-08-20", "004418"),
 "b98-la-xaysettha-pm-dates": lambda: unserved_dates(LA, "2026-V-0477", "CHILLER-PM", ["2026-08-14", "2026-08-28"]) is None,
 "b98-la-phonxay-sunday-call": lambda: no_contract_no_po(LA, "2026-V-0482"),
 "b98-gh-chapel-buffet-rate": lambda: no_contract_no_po(GH, "SCC26TM0915"),
}
UNKNOWN = {"b98-pk-mehfil-unknown": (PK, "SSS/LHR/459", "459"), "b98-la-academy-unknown": (LA, "2026-V-0518", "0518")}
NO_MONEY = {"b98-la-riverside-status", "b98-gh-harbour-withdrawn", "b98-gh-akyem-billing-question"}

# the Akyem outside-contract figure is the customer's own; it must equal the per-line pro rata with tax
if outside_contract(GH, "SCC26TK0946") != D("3456.00"): fail("Akyem pro rata differs from the customer's 3,456.00")
# pro rata of the net then tax gives the same cents as pro rata of the gross (nets divide by 7)
_i = I(GH, "SCC26TK0946")
if any((D(str(l["quantity"])) * D(l["unitPrice"]) * 4) % 7 for l in _i["lines"]): fail("Akyem nets do not divide by 7")

# ---- numbering: SSS/LHR|KHI/NNN (one running sequence per branch, no year), 2026-V|S-NNNN (year, branch letter,
# yearly sequence per branch), SCC26TM|TKNNNN (company, 2-digit year, branch, one yearly sequence for both branches)
import re
def in_date_order(items):
    items = sorted(items, key=lambda i: i["number"][-4:] if False else i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for br in ("LHR", "KHI"):
    v = [i for i in ledgers[PK]["invoices"] if i["number"].startswith(f"SSS/{br}/")]
    if not all(re.fullmatch(r"SSS/(LHR|KHI)/\d{3}", i["number"]) for i in v): fail("PK numbering")
    if not in_date_order(v): fail(f"PK {br}: sequence out of date order")
    if br == "KHI" and any(i["customerId"] != "PK-C02" for i in v): fail("PK: only the Karachi bank is billed from KHI")
if len(ledgers[PK]["invoices"]) != sum(1 for i in ledgers[PK]["invoices"] if re.fullmatch(r"SSS/(LHR|KHI)/\d{3}", i["number"])): fail("PK numbering")
for br in "VS":
    v = [i for i in ledgers[LA]["invoices"] if i["number"].startswith(f"2026-{br}-")]
    if not all(re.fullmatch(r"(\d{4})-[VS]-\d{4}", i["number"]) and i["number"][:4] == i["issueDate"][:4] for i in v): fail("LA numbering")
    if not in_date_order(v): fail(f"LA {br}: sequence out of date order")
    if br == "S" and any(i["customerId"] != "LA-C06" for i in v): fail("LA: only Savan Paper is billed from Savannakhet")
if len(ledgers[LA]["invoices"]) != sum(1 for i in ledgers[LA]["invoices"] if re.fullmatch(r"2026-[VS]-\d{4}", i["number"])): fail("LA numbering")
gh_seq = sorted(ledgers[GH]["invoices"], key=lambda i: i["number"][-4:])
if not all(re.fullmatch(r"SCC(\d{2})(TM|TK)\d{4}", i["number"]) and i["number"][3:5] == i["issueDate"][2:4] for i in gh_seq): fail("GH numbering")
if not all(a["issueDate"] <= b["issueDate"] for a, b in zip(gh_seq, gh_seq[1:])): fail("GH: sequence out of date order")
if len({i["number"][-4:] for i in gh_seq}) != len(gh_seq): fail("GH: sequence reused across branches")
if any((i["number"][5:7] == "TK") != (i["customerId"] == "GH-C02") for i in gh_seq): fail("GH: only the Tarkwa mine is billed from Takoradi")

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def short_forms(num):
    """How people write the number in a chat: the sequence with and without leading zeros, with the branch."""
    seq = re.findall(r"\d+", num)[-1]
    forms = {seq, seq.lstrip("0")}
    m = re.fullmatch(r"SCC\d{2}(T[MK])(\d{4})", num)
    if m: forms |= {m.group(1) + m.group(2)}
    return forms
def names_invoice(turn, num):
    return any(re.search(rf"(?<!\d)(?<!\d\.){re.escape(f)}(?!\d)(?!\.\d)", turn) for f in short_forms(num))

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
AMOUNT = re.compile(r"^\d[\d,]*\.\d{2}$")
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b98-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    for m in e.get("emailMentions", []):
        if AMOUNT.match(m) and D(m.replace(",", "")) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if cid in NO_MONEY:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a no-dispute case checks only that nothing moves")
        continue
    if e.get("noResolution"):
        ul, num, short_num = UNKNOWN[cid]
        if num in nums or any(n.endswith(short_num) for n in nums): fail(f"{cid}: {num} exists after all")
        if not names_invoice(c["turns"][0], num): fail(f"{cid}: the unknown number is not in the message")
        if set(e) != {"noResolution", "mustNotHappen"}: fail(f"{cid}: unknown invoice with other checks")
        continue
    if "invoiceNumber" not in e: fail(f"{cid}: no invoice expected"); continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    # neverAsks: `invoice` exactly when the first turn names the disputed invoice; `reason` only with `invoice` or a plain claim
    in_first = names_invoice(c["turns"][0], num)
    if ("invoice" in e.get("neverAsks", [])) != in_first: fail(f"{cid}: neverAsks invoice {'invoice' in e.get('neverAsks', [])} but first turn names it: {in_first}")
    if "reason" not in e.get("neverAsks", []): fail(f"{cid}: every claim of this batch is plain in the first turn")
    if not any(m == num for m in e.get("emailMentions", [])): fail(f"{cid}: emailMentions should hold the invoice number")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed out of range")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e or sup_fn: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    if cl != "needs_info":
        defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            r_ = e.get("reasonCode")
            want = ("apply_payment" if r_ == "already_paid" else "cancel_and_rebill" if (r_ == "missing_po" or (r_ == "tax_error" and supported == inv_tax(lgn, num))) else "credit_memo")
            if act != want: fail(f"{cid}: valid {r_} with {act}, expected {want}")
        if e.get("reasonCode") == "tax_error" and e.get("action") == "cancel_and_rebill":
            if any(not l.get("taxRate") for l in inv_["lines"]): fail(f"{cid}: not every line is taxed")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
    if supported is not None and to_company(lgn, num, supported) > D(pol["approvalLimits"]["lead"]): esc = True
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if e.get("reasonCode") == "contract_terms" and conv >= D(pol["legalEscalationAmount"]): fail(f"{cid}: legal escalation would be due")

# ---- tallies quoted in the README
from collections import Counter
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and e.get("stakeholders") != [TEAM[e["reasonCode"]]]:
        fail(f"{c['id']}: stakeholders {e.get('stakeholders')} should be the routing table's first team {TEAM[e['reasonCode']]}")
two = sum(1 for c in cases if len(c["turns"]) == 2)
if two != 10: fail(f"{two} two-turn cases, 10 intended")
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
