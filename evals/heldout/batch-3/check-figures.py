#!/usr/bin/env python3
"""Batch-3 author's cross-check: recomputes every expected figure from the ledger files with
decimal arithmetic (never floats), independently of the product, and checks the ledgers' totals,
references and the classification/action rules of DOMAIN.md. Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-3/check-figures.py"""
import glob, json, os, sys
from datetime import date
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
C = D("0.01")
def r(x): return x.quantize(C, rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)

ledgers = {os.path.basename(p): json.load(open(p)) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)))
def tax(l, n, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate)) if rate else D("0")
def gross(l, qty=None, price=None): n = net(l, qty, price); return n + tax(l, n)
def total(inv): return sum((gross(l) for l in inv["lines"]), D("0")) + sum((D(f["amount"]) for f in inv.get("fees", [])), D("0"))
def paid(lg, num): return sum((D(p["amount"]) for p in lg.get("payments", []) if p.get("invoiceNumber") == num), D("0"))
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days

# ---- ledgers: totals, references, minor digits
for name, lg in ledgers.items():
    custs = {c["id"] for c in lg["customers"]}
    contracts = {c["id"]: c for c in lg.get("contracts", [])}
    pos = {p["number"] for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 12 <= len(nums) <= 25: fail(f"{name}: {len(nums)} invoices")
    for i in lg["invoices"]:
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        if i.get("contractId") and contracts[i["contractId"]]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
        if i["status"] == "paid" and paid(lg, i["number"]) < D(i["total"]): fail(f"{name} {i['number']}: paid but underpaid")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not supported")

# ---- recipes: how each supported amount follows from the ledger (DOMAIN.md rules, by hand)
NZ, MX, CH = "kowhai-fresh-nzd.ledger.json", "vigia-norte-mxn.ledger.json", "glarnisch-labortechnik-chf.ledger.json"
def contract_price(lg, inv, sku): return next(p["unitPrice"] for p in next(c for c in lg["contracts"] if c["id"] == inv["contractId"])["prices"] if p["sku"] == sku)
def price_diff(lgn, num, n):        # billed gross - gross at the contract price
    lg = ledgers[lgn]; i = invoice(lg, num); l = line(i, n)
    return gross(l) - gross(l, price=contract_price(lg, i, l["sku"]))
def units_short(lgn, num, n, counted):   # billed gross - gross of the units actually counted
    l = line(invoice(ledgers[lgn], num), n); return gross(l) - gross(l, qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def inv_tax(lgn, num): return sum((tax(l, net(l)) for l in invoice(ledgers[lgn], num)["lines"]), D("0"))
def line_gross(lgn, num, n): return gross(line(invoice(ledgers[lgn], num), n))
def inv_total(lgn, num): return total(invoice(ledgers[lgn], num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in invoice(ledgers[lgn], num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)

def late_fee_allowed(lgn, num):
    """DOMAIN: contract clause, grace days, actual payment date. Allowed fee: none if paid by due+grace;
    otherwise percent per started month of lateness, as a bound (cases are built so any reading agrees)."""
    lg = ledgers[lgn]; i = invoice(lg, num); c = next(c for c in lg["contracts"] if c["id"] == i["contractId"])
    if not c.get("lateFee"): return D("0")
    principal = sum((gross(l) for l in i["lines"]), D("0"))
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    grace = c["lateFee"].get("graceDays", 0)
    if pays and sum(D(p["amount"]) for p in pays) >= principal and days(i["dueDate"], pays[-1]["date"]) <= grace: return D("0")
    late = days(i["dueDate"], pays[-1]["date"])
    whole_months = late // 30          # completed months: the lower bound of any reading
    return r(principal * D(c["lateFee"]["percentPerMonth"]) / 100) * max(whole_months, 1)

def contract_outside(lgn, num):
    lg = ledgers[lgn]; i = invoice(lg, num); c = next(c for c in lg["contracts"] if c["id"] == i["contractId"])
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot)

def tips_fullrate_diff():
    l = line(invoice(ledgers[MX], "FAC 00461"), 1); n = net(l)
    return tax(l, n) - tax(l, n, "0.08")

Z = D("0")
R = {
 "b3-nz-avocado-price": lambda: price_diff(NZ, "TI-2026-0301", 1),
 "b3-nz-eggs-crushed-conditional": lambda: units_short(NZ, "TI-2026-0302", 1, 20 - delivered(NZ, "TI-2026-0302", "EGGS-FR", "damagedQuantity")),
 "b3-nz-lettuce-short-piecemeal": lambda: units_short(NZ, "TI-2026-0302", 2, delivered(NZ, "TI-2026-0302", "LETT-ICE")),
 "b3-nz-flour-no-po-by-amount": lambda: Z,
 "b3-nz-pallet-hire-unrecognised": lambda: line_gross(NZ, "TI-2026-0304", 2),
 "b3-nz-milk-double-up": lambda: inv_total(NZ, "TI-2026-0310"),
 "b3-nz-latefee-inside-grace": lambda: fee(NZ, "TI-2026-0305", "late_fee") - min(late_fee_allowed(NZ, "TI-2026-0305"), fee(NZ, "TI-2026-0305", "late_fee")),
 "b3-nz-latefee-owed-small": lambda: fee(NZ, "TI-2026-0306", "late_fee") - min(late_fee_allowed(NZ, "TI-2026-0306"), fee(NZ, "TI-2026-0306", "late_fee")),
 "b3-nz-paid-unapplied": lambda: open_bal(NZ, "TI-2026-0307"),
 "b3-nz-apples-not-damaged": lambda: units_short(NZ, "TI-2026-0312", 2, 20 - delivered(NZ, "TI-2026-0312", "APPLE-BOX", "damagedQuantity")),
 "b3-nz-bread-partial-writeoff": lambda: price_diff(NZ, "TI-2026-0313", 1),
 "b3-nz-embassy-gst": lambda: inv_tax(NZ, "TI-2026-0314"),
 "b3-nz-embassy-wrong-po": lambda: Z,
 "b3-nz-freight-on-po": lambda: Z,
 "b3-nz-paid-other-invoice": lambda: Z,
 "b3-nz-reported-credit-request": lambda: price_diff(NZ, "TI-2026-0301", 1),
 "b3-nz-asks-then-eggs": lambda: units_short(NZ, "TI-2026-0302", 1, 17),
 "b3-nz-correction-bread": lambda: price_diff(NZ, "TI-2026-0313", 1),
 "b3-mx-guard-shifts-uncovered": lambda: units_short(MX, "FAC 00451", 1, logged(MX, "FAC 00451", "GUARD-SHIFT")),
 "b3-mx-patrol-dates": lambda: units_short(MX, "FAC 00452", 1, logged(MX, "FAC 00452", "PATROL-VISIT")),
 "b3-mx-forwarded-no-oc": lambda: Z,
 "b3-mx-po-is-there": lambda: Z,
 "b3-mx-guards-unhappy": lambda: units_short(MX, "FAC 00455", 1, logged(MX, "FAC 00455", "GUARD-SHIFT")),
 "b3-mx-goodwill": lambda: Z,
 "b3-mx-spei-unapplied": lambda: open_bal(MX, "FAC 00463"),
 "b3-mx-recargo-grace": lambda: fee(MX, "FAC 00456", "late_fee") - min(late_fee_allowed(MX, "FAC 00456"), fee(MX, "FAC 00456", "late_fee")),
 "b3-mx-duplicate-second": lambda: inv_total(MX, "FAC 00458"),
 "b3-mx-patrol-rate-writeoff": lambda: price_diff(MX, "FAC 00464", 1),
 "b3-mx-billed-after-contract-end": lambda: contract_outside(MX, "FAC 00459"),
 "b3-mx-border-iva": tips_fullrate_diff,
 "b3-mx-service-fee-in-contract": lambda: Z,
 "b3-mx-asks-invoice-then-reason": lambda: inv_total(MX, "FAC 00458"),
 "b3-mx-reported-writeoff-demand": lambda: price_diff(MX, "FAC 00464", 1),
 "b3-mx-guard-rate-wrong-claim": lambda: price_diff(MX, "FAC 00451", 1),
 "b3-mx-corrected-duplicate": lambda: inv_total(MX, "FAC 00458"),
 "b3-ch-tips-price": lambda: price_diff(CH, "RG-2026-0871", 1),
 "b3-ch-balance-cracked": lambda: units_short(CH, "RG-2026-0872", 1, 4 - delivered(CH, "RG-2026-0872", "BAL-XS", "damagedQuantity")),
 "b3-ch-balance-duplicate": lambda: inv_total(CH, "RG-2026-0874"),
 "b3-ch-coupa-no-po": lambda: Z,
 "b3-ch-tips-short-partial": lambda: units_short(CH, "RG-2026-0886", 1, delivered(CH, "RG-2026-0886", "PIP-TIPS-200")),
 "b3-ch-misapplied-payment": lambda: open_bal(CH, "RG-2026-0884"),
 "b3-ch-calibrations-9-of-12": lambda: units_short(CH, "RG-2026-0876", 1, logged(CH, "RG-2026-0876", "CAL-SVC")),
 "b3-ch-engineer-rude": lambda: units_short(CH, "RG-2026-0877", 1, logged(CH, "RG-2026-0877", "SVC-HR")),
 "b3-ch-wrong-terms": lambda: Z,
 "b3-ch-latefee-no-clause": lambda: fee(CH, "RG-2026-0878", "late_fee") - late_fee_allowed(CH, "RG-2026-0878"),
 "b3-ch-courier-unrecognised": lambda: line_gross(CH, "RG-2026-0882", 2),
 "b3-ch-icar-exempt": lambda: inv_tax(CH, "RG-2026-0879"),
 "b3-ch-tips-full-delivery": lambda: units_short(CH, "RG-2026-0871", 1, delivered(CH, "RG-2026-0871", "PIP-TIPS-200")),
 "b3-ch-new-company-name": lambda: Z,
 "b3-ch-duplicate-do-not-credit-yet": lambda: inv_total(CH, "RG-2026-0874"),
 "b3-ch-ambiguous-amount-then-choice": lambda: units_short(CH, "RG-2026-0872", 1, 3),
 "b3-ch-tips-shortpay-writeoff": lambda: price_diff(CH, "RG-2026-0871", 1),
}
# Derived disputed amounts where the turn gives units or nothing, to check the classification.
DISPUTED = {
 "b3-nz-eggs-crushed-conditional": lambda: units_short(NZ, "TI-2026-0302", 1, 17),
 "b3-nz-lettuce-short-piecemeal": lambda: units_short(NZ, "TI-2026-0302", 2, 260),
 "b3-nz-flour-no-po-by-amount": lambda: inv_total(NZ, "TI-2026-0303"),
 "b3-nz-milk-double-up": lambda: inv_total(NZ, "TI-2026-0310"),
 "b3-nz-paid-unapplied": lambda: open_bal(NZ, "TI-2026-0307"),
 "b3-nz-latefee-owed-small": lambda: fee(NZ, "TI-2026-0306", "late_fee"),
 "b3-nz-apples-not-damaged": lambda: units_short(NZ, "TI-2026-0312", 2, 15),
 "b3-nz-kiwi-no-delivery-record": lambda: units_short(NZ, "TI-2026-0319", 1, 20),
 "b3-nz-embassy-wrong-po": lambda: inv_total(NZ, "TI-2026-0315"),
 "b3-nz-freight-on-po": lambda: fee(NZ, "TI-2026-0316", "freight"),
 "b3-nz-paid-other-invoice": lambda: open_bal(NZ, "TI-2026-0318"),
 "b3-mx-patrol-dates": lambda: units_short(MX, "FAC 00452", 1, 6),
 "b3-mx-forwarded-no-oc": lambda: inv_total(MX, "FAC 00453"),
 "b3-mx-po-is-there": lambda: inv_total(MX, "FAC 00452"),
 "b3-mx-guards-unhappy": lambda: inv_total(MX, "FAC 00455"),
 "b3-mx-goodwill": lambda: inv_total(MX, "FAC 00455"),
 "b3-mx-spei-unapplied": lambda: open_bal(MX, "FAC 00463"),
 "b3-mx-duplicate-second": lambda: inv_total(MX, "FAC 00458"),
 "b3-mx-service-fee-in-contract": lambda: fee(MX, "FAC 00462", "service_fee"),
 "b3-mx-guard-rate-wrong-claim": lambda: units_short(MX, "FAC 00451", 1, 0) - gross(line(invoice(ledgers[MX], "FAC 00451"), 1), price="1350.00"),
 "b3-ch-tips-price": lambda: price_diff(CH, "RG-2026-0871", 1),
 "b3-ch-coupa-no-po": lambda: inv_total(CH, "RG-2026-0875"),
 "b3-ch-tips-short-partial": lambda: units_short(CH, "RG-2026-0886", 1, 150),
 "b3-ch-misapplied-payment": lambda: open_bal(CH, "RG-2026-0884"),
 "b3-ch-calibrations-9-of-12": lambda: units_short(CH, "RG-2026-0876", 1, 9),
 "b3-ch-engineer-rude": lambda: inv_total(CH, "RG-2026-0877"),
 "b3-ch-wrong-terms": lambda: inv_total(CH, "RG-2026-0887"),
 "b3-ch-tips-full-delivery": lambda: units_short(CH, "RG-2026-0871", 1, 120),
}
WRITE_OFF = {NZ: D("50.00"), MX: D("800.00"), CH: D("50.00")}
ADMIN = {"missing_po", "contract_terms", "other"}

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
for c in cases:
    e, cid = c["expect"], c["id"]
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lg = ledgers[c["ledger"]]
    if e.get("noResolution"):
        if e.get("invoiceNumber") and any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: invoice exists")
        continue
    if "invoiceNumber" in e and not any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: no invoice {e['invoiceNumber']}")
    if "supportedAmount" in e:
        if cid not in R: fail(f"{cid}: no recipe"); continue
        evidence = R[cid]()
        disputed = D(e["disputedAmount"]) if "disputedAmount" in e else (DISPUTED[cid]() if cid in DISPUTED else None)
        want = min(evidence, disputed) if disputed is not None else evidence
        if D(e["supportedAmount"]) != want: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {want}")
        cl = e.get("classification")
        if cl and disputed is not None:
            s = D(e["supportedAmount"])
            exp = ("valid" if e.get("reasonCode") in ADMIN and e.get("action") == "cancel_and_rebill" else "invalid") if s == 0 else ("valid" if s >= disputed else "partial")
            if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {s}, disputed {disputed})")
            act = e.get("action")
            if cl in ("invalid", "partial") and act not in ("goodwill_credit",):
                wo = disputed - s < WRITE_OFF[c["ledger"]]
                if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - s} vs write-off threshold")
    if "disputedAmount" in e and "invoiceNumber" in e and D(e["disputedAmount"]) > inv_total(c["ledger"], e["invoiceNumber"]):
        fail(f"{cid}: disputed above invoice total")
    if e.get("classification") == "needs_info" and e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
    if "escalation" in e and "invoiceNumber" in e:
        i = invoice(lg, e["invoiceNumber"]); cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        pol = lg["policy"]
        disputed = D(e["disputedAmount"]) if "disputedAmount" in e else (DISPUTED.get(cid, R.get(cid, lambda: Z))())
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = days(i["dueDate"], c["today"]) if open_bal(c["ledger"], i["number"]) > 0 else 0
        esc = (disputed >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic"))
               or recent >= pol["repeatDisputeCount"])
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed}, {pastdue} d past due, {recent} disputes)")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
