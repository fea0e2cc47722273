#!/usr/bin/env python3
"""Batch-19 author's cross-check (adapted from batch 3's): recomputes every ledger total and every
expected figure from the ledger files with decimal arithmetic (never floats), per the currency's ISO 4217
minor digits (BHD 3, UGX 0, UAH/EUR/USD 2), independently of the product, and checks classification,
the write-off rule (threshold in the company currency, after FX) and escalation (amount after FX, no rate,
days past due, strategic, repeat disputes). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-19/check-figures.py"""
import glob, json, math, os, sys
from datetime import date
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "UGX": 0, "JPY": 0, "UAH": 2, "EUR": 2, "USD": 2}
bad = []
def fail(msg): bad.append(msg)
def r(x, cur): return x.quantize(D(1).scaleb(-DIGITS[cur]), rounding=ROUND_HALF_UP)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def digits_ok(s, cur): return len(s.split(".")[1]) <= DIGITS[cur] if "." in s else True

ledgers = {os.path.basename(p): json.load(open(p)) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur): return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else D(0)
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(i): return sum((gross(l, i["currency"]) for l in i["lines"]), D(0))
def total(i): return principal(i) + sum((D(f["amount"]) for f in i.get("fees", [])), D(0))
def paid(lg, num): return sum((D(p["amount"]) for p in lg.get("payments", []) if p.get("invoiceNumber") == num), D(0))

# ---- ledgers: totals, references, minor digits, statuses
for name, lg in ledgers.items():
    custs = {c["id"] for c in lg["customers"]}
    contracts = {c["id"]: c for c in lg.get("contracts", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 12 <= len(nums) <= 25: fail(f"{name}: {len(nums)} invoices")
    for i in lg["invoices"]:
        cur = i["currency"]
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        for s in [i["total"]] + [l["unitPrice"] for l in i["lines"]] + [f["amount"] for f in i.get("fees", [])]:
            if not digits_ok(s, cur): fail(f"{name} {i['number']}: {s} has too many digits for {cur}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        if i.get("contractId") and contracts[i["contractId"]]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
        p = paid(lg, i["number"])
        want = "paid" if p >= D(i["total"]) else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not digits_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for c in lg.get("contracts", []):
        for pr in c["prices"]:
            if not digits_ok(pr["unitPrice"], c["currency"]): fail(f"{name} {c['id']}: price digits")

BH, UA, UG = "muharraq-hood-bhd.ledger.json", "poltava-ahroservis-uah.ledger.json", "nakawa-moto-ugx.ledger.json"
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_of(lgn, i): return next(c for c in ledgers[lgn]["contracts"] if c["id"] == i["contractId"])
def price_diff(lgn, num, n):             # billed gross - gross at the contract price
    i = I(lgn, num); l = line(i, n); cp = next(p["unitPrice"] for p in contract_of(lgn, i)["prices"] if p["sku"] == l["sku"])
    return gross(l, i["currency"]) - gross(l, i["currency"], price=cp)
def price_claim(lgn, num, n, price):     # what the customer's own price would take off
    i = I(lgn, num); l = line(i, n); return gross(l, i["currency"]) - gross(l, i["currency"], price=price)
def units(lgn, num, n, k):               # gross of k units of the line
    i = I(lgn, num); return gross(line(i, n), i["currency"], qty=k)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return line(I(lgn, num), n)["quantity"]
def inv_tax(lgn, num): i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D(0))
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D(0))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)

def late_fee_allowed(lgn, num, today):
    """DOMAIN: contract clause, grace days, actual payment date; percent per started 30-day month
    (core/evidence/late-fee.ts) of the principal unpaid at the end of the grace period."""
    lg = ledgers[lgn]; i = invoice(lg, num); c = contract_of(lgn, i); cur = i["currency"]
    if not c.get("lateFee"): return D(0)
    grace = c["lateFee"].get("graceDays", 0); pr = principal(i)
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    on_time = sum((D(p["amount"]) for p in pays if days(i["dueDate"], p["date"]) <= grace), D(0))
    overdue = max(pr - on_time, D(0))
    if overdue == 0: return D(0)
    settled, acc = today, D(0)
    for p in pays:
        acc += D(p["amount"])
        if acc >= pr: settled = p["date"]; break
    late = days(i["dueDate"], settled)
    if late <= grace: return D(0)
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * math.ceil(late / 30)

def contract_outside(lgn, num):
    i = I(lgn, num); c = contract_of(lgn, i)
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot, i["currency"])

Z = D(0)
# Evidence: what the ledger shows is not owed, in the scope of the claim.
R = {
 "b19-bh-hood-rate-92": lambda: price_diff(BH, "HDC/26/0401", 1),
 "b19-bh-filters-36-of-40": lambda: units(BH, "HDC/26/0402", 1, billed_qty(BH, "HDC/26/0402", 1) - delivered(BH, "HDC/26/0402", "FILTER-BAF")),
 "b19-bh-filters-five-bent": lambda: units(BH, "HDC/26/0402", 1, delivered(BH, "HDC/26/0402", "FILTER-BAF", "damagedQuantity")),
 "b19-bh-latefee-march-partial": lambda: fee(BH, "HDC/26/0403", "late_fee") - min(late_fee_allowed(BH, "HDC/26/0403", "2026-06-10"), fee(BH, "HDC/26/0403", "late_fee")),
 "b19-bh-latefee-within-grace": lambda: fee(BH, "HDC/26/0405", "late_fee") - min(late_fee_allowed(BH, "HDC/26/0405", "2026-06-10"), fee(BH, "HDC/26/0405", "late_fee")),
 "b19-bh-embassy-vat": lambda: inv_tax(BH, "HDC/26/0406"),
 "b19-bh-amwaj-after-contract": lambda: contract_outside(BH, "HDC/26/0407"),
 "b19-bh-hospital-no-po": lambda: Z,
 "b19-bh-outofhours-fee-in-contract": lambda: Z,
 "b19-bh-kitchens-4-of-6": lambda: units(BH, "HDC/26/0410", 1, billed_qty(BH, "HDC/26/0410", 1) - logged(BH, "HDC/26/0410", "HOOD-CLEAN")),
 "b19-bh-kitchens-claims-3": lambda: units(BH, "HDC/26/0410", 1, billed_qty(BH, "HDC/26/0410", 1) - logged(BH, "HDC/26/0410", "HOOD-CLEAN")),
 "b19-bh-may-double-billed": lambda: inv_total(BH, "HDC/26/0412"),
 "b19-bh-april-not-duplicate": lambda: Z,
 "b19-bh-embassy-paid-unapplied": lambda: open_bal(BH, "HDC/26/0414"),
 "b19-bh-amwaj-january-unhappy": lambda: Z,
 "b19-bh-reported-demand-only": lambda: price_diff(BH, "HDC/26/0401", 1),
 "b19-bh-wrong-invoice-corrected": lambda: units(BH, "HDC/26/0410", 1, billed_qty(BH, "HDC/26/0410", 1) - logged(BH, "HDC/26/0410", "HOOD-CLEAN")),
 "b19-ua-dryer-hour-rate": lambda: price_diff(UA, "PA-26-0318", 1),
 "b19-ua-dryer-rate-claims-1400": lambda: price_diff(UA, "PA-26-0318", 1),
 "b19-ua-hours-16-of-20": lambda: units(UA, "PA-26-0321", 1, billed_qty(UA, "PA-26-0321", 1) - logged(UA, "PA-26-0321", "DRYER-SVC")),
 "b19-ua-hours-claims-12": lambda: units(UA, "PA-26-0321", 1, billed_qty(UA, "PA-26-0321", 1) - logged(UA, "PA-26-0321", "DRYER-SVC")),
 "b19-ua-bearings-damaged": lambda: units(UA, "PA-26-0324", 1, delivered(UA, "PA-26-0324", "FAN-BRG", "damagedQuantity")),
 "b19-ua-no-po-elevator": lambda: Z,
 "b19-ua-expedited-freight-on-po": lambda: Z,
 "b19-ua-aspiration-dates-logged": lambda: Z,
 "b19-ua-eur-overhaul-duplicate": lambda: inv_total(UA, "PA-26-0331"),
 "b19-ua-eur-hour-rate-small": lambda: price_diff(UA, "PA-26-0308", 1),
 "b19-ua-latefee-kovalenko": lambda: fee(UA, "PA-26-0335", "late_fee") - min(late_fee_allowed(UA, "PA-26-0335", "2026-09-22"), fee(UA, "PA-26-0335", "late_fee")),
 "b19-ua-exempt-project-vat": lambda: inv_tax(UA, "PA-26-0338"),
 "b19-ua-paid-unapplied": lambda: open_bal(UA, "PA-26-0340"),
 "b19-ua-before-contract-start": lambda: contract_outside(UA, "PA-26-0344"),
 "b19-ua-usd-meters-no-rate": lambda: units(UA, "PA-26-0348", 1, billed_qty(UA, "PA-26-0348", 1) - delivered(UA, "PA-26-0348", "MOIST-MTR")),
 "b19-ua-reported-credit-demand": lambda: price_diff(UA, "PA-26-0318", 1),
 "b19-ug-service-rate-1104": lambda: price_diff(UG, "NMF-INV-2026-1104", 1),
 "b19-ug-tyres-26-of-30": lambda: units(UG, "NMF-INV-2026-1109", 1, billed_qty(UG, "NMF-INV-2026-1109", 1) - delivered(UG, "NMF-INV-2026-1109", "TYRE-RR")),
 "b19-ug-tyres-claims-24": lambda: units(UG, "NMF-INV-2026-1109", 1, billed_qty(UG, "NMF-INV-2026-1109", 1) - delivered(UG, "NMF-INV-2026-1109", "TYRE-RR")),
 "b19-ug-tyres-three-cut": lambda: units(UG, "NMF-INV-2026-1109", 1, delivered(UG, "NMF-INV-2026-1109", "TYRE-RR", "damagedQuantity")),
 "b19-ug-pearl-no-po": lambda: Z,
 "b19-ug-pearl-claims-50-of-60": lambda: units(UG, "NMF-INV-2026-1118", 1, billed_qty(UG, "NMF-INV-2026-1118", 1) - logged(UG, "NMF-INV-2026-1118", "SVC-FULL")),
 "b19-ug-ngo-vat-usd": lambda: inv_tax(UG, "NMF-INV-2026-1120"),
 "b19-ug-fuel-surcharge": lambda: Z,
 "b19-ug-ngo-duplicate-usd": lambda: inv_total(UG, "NMF-INV-2026-1123"),
 "b19-ug-latefee-owed-writeoff": lambda: fee(UG, "NMF-INV-2026-1095", "late_fee") - min(late_fee_allowed(UG, "NMF-INV-2026-1095", "2026-10-20"), fee(UG, "NMF-INV-2026-1095", "late_fee")),
 "b19-ug-after-contract-end": lambda: contract_outside(UG, "NMF-INV-2026-1101"),
 "b19-ug-rude-mechanic-old": lambda: Z,
 "b19-ug-momo-paid": lambda: open_bal(UG, "NMF-INV-2026-1125"),
 "b19-ug-negated-tyres": lambda: price_diff(UG, "NMF-INV-2026-1104", 1),
 "b19-ug-reason-first-by-month": lambda: price_diff(UG, "NMF-INV-2026-1104", 1),
}
# The disputed amount as the turns state or imply it (units, customer's own price, whole charge).
DISPUTED = {
 "b19-bh-hood-rate-92": lambda: D("30.800"),
 "b19-bh-filters-36-of-40": lambda: units(BH, "HDC/26/0402", 1, 40 - 36),
 "b19-bh-filters-five-bent": lambda: units(BH, "HDC/26/0402", 1, 5),
 "b19-bh-latefee-march-partial": lambda: fee(BH, "HDC/26/0403", "late_fee"),
 "b19-bh-latefee-within-grace": lambda: fee(BH, "HDC/26/0405", "late_fee"),
 "b19-bh-embassy-vat": lambda: inv_tax(BH, "HDC/26/0406"),
 "b19-bh-amwaj-after-contract": lambda: inv_total(BH, "HDC/26/0407"),
 "b19-bh-hospital-no-po": lambda: inv_total(BH, "HDC/26/0408"),
 "b19-bh-outofhours-fee-in-contract": lambda: fee(BH, "HDC/26/0409", "service_fee"),
 "b19-bh-kitchens-4-of-6": lambda: units(BH, "HDC/26/0410", 1, 6 - 4),
 "b19-bh-kitchens-claims-3": lambda: units(BH, "HDC/26/0410", 1, 6 - 3),
 "b19-bh-may-double-billed": lambda: inv_total(BH, "HDC/26/0412"),
 "b19-bh-april-not-duplicate": lambda: inv_total(BH, "HDC/26/0413"),
 "b19-bh-embassy-paid-unapplied": lambda: open_bal(BH, "HDC/26/0414"),
 "b19-bh-amwaj-january-unhappy": lambda: inv_total(BH, "HDC/26/0415"),
 "b19-bh-filters-no-delivery-note": lambda: units(BH, "HDC/26/0416", 1, 30 - 25),
 "b19-bh-wrong-invoice-corrected": lambda: units(BH, "HDC/26/0410", 1, 6 - 5),
 "b19-ua-dryer-hour-rate": lambda: price_claim(UA, "PA-26-0318", 1, "1450.00"),
 "b19-ua-dryer-rate-claims-1400": lambda: price_claim(UA, "PA-26-0318", 1, "1400.00"),
 "b19-ua-hours-16-of-20": lambda: units(UA, "PA-26-0321", 1, 20 - 16),
 "b19-ua-hours-claims-12": lambda: units(UA, "PA-26-0321", 1, 20 - 12),
 "b19-ua-bearings-damaged": lambda: units(UA, "PA-26-0324", 1, 2),
 "b19-ua-no-po-elevator": lambda: inv_total(UA, "PA-26-0325"),
 "b19-ua-expedited-freight-on-po": lambda: fee(UA, "PA-26-0327", "freight"),
 "b19-ua-aspiration-dates-logged": lambda: units(UA, "PA-26-0327", 1, 2),
 "b19-ua-eur-overhaul-duplicate": lambda: inv_total(UA, "PA-26-0331"),
 "b19-ua-eur-hour-rate-small": lambda: price_claim(UA, "PA-26-0308", 1, "31.00"),
 "b19-ua-latefee-kovalenko": lambda: fee(UA, "PA-26-0335", "late_fee"),
 "b19-ua-exempt-project-vat": lambda: inv_tax(UA, "PA-26-0338"),
 "b19-ua-paid-unapplied": lambda: open_bal(UA, "PA-26-0340"),
 "b19-ua-nozzles-no-delivery": lambda: units(UA, "PA-26-0342", 1, 10 - 6),
 "b19-ua-before-contract-start": lambda: D("9000.00"),
 "b19-ua-usd-meters-no-rate": lambda: units(UA, "PA-26-0348", 1, 3 - 2),
 "b19-ug-service-rate-1104": lambda: price_claim(UG, "NMF-INV-2026-1104", 1, "185000"),
 "b19-ug-tyres-26-of-30": lambda: units(UG, "NMF-INV-2026-1109", 1, 30 - 26),
 "b19-ug-tyres-claims-24": lambda: units(UG, "NMF-INV-2026-1109", 1, 30 - 24),
 "b19-ug-tyres-three-cut": lambda: units(UG, "NMF-INV-2026-1109", 1, 3),
 "b19-ug-fleet-visit-dates": lambda: units(UG, "NMF-INV-2026-1112", 1, 2),
 "b19-ug-pearl-no-po": lambda: inv_total(UG, "NMF-INV-2026-1115"),
 "b19-ug-pearl-claims-50-of-60": lambda: units(UG, "NMF-INV-2026-1118", 1, 60 - 50),
 "b19-ug-ngo-vat-usd": lambda: inv_tax(UG, "NMF-INV-2026-1120"),
 "b19-ug-fuel-surcharge": lambda: fee(UG, "NMF-INV-2026-1121", "other"),
 "b19-ug-ngo-duplicate-usd": lambda: inv_total(UG, "NMF-INV-2026-1123"),
 "b19-ug-latefee-owed-writeoff": lambda: fee(UG, "NMF-INV-2026-1095", "late_fee"),
 "b19-ug-after-contract-end": lambda: inv_total(UG, "NMF-INV-2026-1101"),
 "b19-ug-rude-mechanic-old": lambda: inv_total(UG, "NMF-INV-2026-1060"),
 "b19-ug-momo-paid": lambda: open_bal(UG, "NMF-INV-2026-1125"),
 "b19-ug-paid-no-record": lambda: open_bal(UG, "NMF-INV-2026-1126"),
 "b19-ug-reason-first-by-month": lambda: price_claim(UG, "NMF-INV-2026-1104", 1, "185000"),
}
ADMIN = {"missing_po", "contract_terms", "tax_error", "other"}

def to_company(lgn, i, amount):
    """Policy currency: same, converted at the latest rate on/before the invoice date, or None (no rate)."""
    lg = ledgers[lgn]; comp = lg["company"]["currency"]
    if i["currency"] == comp: return amount
    rates = [x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]]
    if not rates: return None
    return r(amount * D(max(rates, key=lambda x: x["date"])["rate"]), comp)

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 60: fail(f"{len(cases)} cases")
for c in cases:
    e, cid = c["expect"], c["id"]
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lgn = c["ledger"]; lg = ledgers[lgn]; pol = lg["policy"]; comp = lg["company"]["currency"]
    if not c.get("description"): fail(f"{cid}: no description")
    if e.get("noResolution"):
        if e.get("invoiceNumber"): fail(f"{cid}: noResolution with an invoice")
        continue
    if "invoiceNumber" not in e: continue
    if not any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: no invoice {e['invoiceNumber']}"); continue
    i = invoice(lg, e["invoiceNumber"]); cur = i["currency"]
    if "customerId" in e and e["customerId"] != i["customerId"]: fail(f"{cid}: customer {e['customerId']} != {i['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not digits_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has too many digits for {cur}")
    disputed = DISPUTED[cid]() if cid in DISPUTED else None
    if "disputedAmount" in e:
        if disputed is None: fail(f"{cid}: no disputed recipe")
        elif D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
        if D(e["disputedAmount"]) > inv_total(lgn, i["number"]): fail(f"{cid}: disputed above invoice total")
    if "supportedAmount" in e:
        if cid not in R: fail(f"{cid}: no recipe"); continue
        evidence = R[cid]()
        want = min(evidence, disputed) if disputed is not None else evidence
        if D(e["supportedAmount"]) != want: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {want}")
    cl, act = e.get("classification"), e.get("action")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
    elif cl and disputed is not None and "supportedAmount" in e:
        s = D(e["supportedAmount"])
        if s == 0: exp = "valid" if e.get("reasonCode") in ADMIN and act == "cancel_and_rebill" else "invalid"
        else: exp = "valid" if s >= disputed else "partial"
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {s}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, i, disputed - s)
            wo = owed is not None and owed < D(pol["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - s} ({owed} {comp}) vs write-off {pol['writeOffBelow']}")
        if cl == "valid" and act == "write_off": fail(f"{cid}: write-off on a valid dispute")
        if act == "credit_memo" and s > open_bal(lgn, i["number"]): fail(f"{cid}: credit {s} above open balance")
    if "escalation" in e:
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        amt = disputed if disputed is not None else Z
        conv = to_company(lgn, i, amt)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol.get("repeatDisputeWindowDays", 90)) + 1
        pastdue = days(i["dueDate"], c["today"]) if open_bal(lgn, i["number"]) > 0 else 0
        credit = to_company(lgn, i, D(e.get("supportedAmount", "0")))
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol.get("escalationDaysPastDue", 90)
               or bool(cust.get("strategic")) or recent >= pol.get("repeatDisputeCount", 3)
               or (credit is not None and act == "credit_memo" and credit > D(pol["approvalLimits"]["lead"])))
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amt} = {conv} {comp}, {pastdue} d past due, {recent} disputes)")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
