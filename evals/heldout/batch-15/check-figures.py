#!/usr/bin/env python3
"""Batch-15 author's cross-check: recomputes every ledger total and every expected figure of the cases
from the ledger files with decimal arithmetic (never floats), independently of the product, and checks the
classification, action, write-off, escalation and target-date rules of shared/contract/DOMAIN.md.
Prints the mismatches; exit 1 if any.  Usage: python3 evals/heldout/batch-15/check-figures.py"""
import glob, json, math, os, re, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"VND": 0, "JPY": 0, "ISK": 0, "KRW": 0, "OMR": 3, "KWD": 3, "BHD": 3}
bad = []
def fail(msg): bad.append(msg)
def digits(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-digits(cur)), rounding=ROUND_HALF_UP)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def add_days(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p)) for p in glob.glob(f"{HERE}/*.ledger.json")}
def home(lg): return lg["company"]["currency"]
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def contract(lg, inv): return next(c for c in lg["contracts"] if c["id"] == inv["contractId"])
def customer(lg, cid): return next(c for c in lg["customers"] if c["id"] == cid)

# ---- line arithmetic: net = qty x price and tax = net x rate, each rounded half-up once per line
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate), cur) if rate else D(0)
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def total(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D(0)) + sum((D(f["amount"]) for f in inv.get("fees", [])), D(0))
def paid(lg, num): return sum((D(p["amount"]) for p in lg.get("payments", []) if p.get("invoiceNumber") == num), D(0))
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), D(0))
def open_bal(lg, num): return total(invoice(lg, num)) - paid(lg, num) - credited(lg, num)

# ---- ledgers: totals, references, minor digits, FX coverage
for name, lg in ledgers.items():
    custs = {c["id"] for c in lg["customers"]}
    contracts = {c["id"]: c for c in lg.get("contracts", [])}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 12 <= len(nums) <= 25: fail(f"{name}: {len(nums)} invoices")
    def amount_ok(a, cur, where):
        frac = (a.split(".") + [""])[1].rstrip("0")
        if len(frac) > digits(cur): fail(f"{name} {where}: {a} has more than {digits(cur)} decimals for {cur}")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"): amount_ok(lg["policy"][k], home(lg), f"policy.{k}")
    for i in lg["invoices"]:
        cur = i["currency"]
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        amount_ok(i["total"], cur, i["number"])
        for l in i["lines"]: amount_ok(l["unitPrice"], cur, f"{i['number']} line {l['line']}")
        for f in i.get("fees", []): amount_ok(f["amount"], cur, f"{i['number']} fee")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        if i.get("contractId"):
            c = contracts[i["contractId"]]
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: contract currency {c['currency']} != {cur}")
        if i.get("poNumber") and (i["poNumber"] not in pos or pos[i["poNumber"]]["customerId"] != i["customerId"]): fail(f"{name} {i['number']}: PO not the customer's")
        if i["status"] == "paid" and open_bal(lg, i["number"]) != 0: fail(f"{name} {i['number']}: paid but open {open_bal(lg, i['number'])}")
        if i["status"] == "partially_paid" and not 0 < open_bal(lg, i["number"]) < total(i): fail(f"{name} {i['number']}: partially_paid inconsistent")
        if i["status"] == "open" and paid(lg, i["number"]) != 0: fail(f"{name} {i['number']}: open with payments")
        if cur != home(lg) and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no {cur} rate on or before {i['issueDate']}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        amount_ok(p["amount"], p["currency"], f"payment {p['id']}")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")

VN, HU, GB = "sao-mai-sewing-vnd.ledger.json", "dunakanyar-allvany-huf.ledger.json", "glen-avon-cask-gbp.ledger.json"
L = lambda n: ledgers[n]

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def contract_price(lgn, num, sku):
    lg = L(lgn); i = invoice(lg, num)
    return next(p["unitPrice"] for p in contract(lg, i)["prices"] if p["sku"] == sku)
def price_diff(lgn, num, n, price=None):        # billed gross - gross at the agreed (or the customer's) price
    i = invoice(L(lgn), num); l = line(i, n); cur = i["currency"]
    agreed = price or contract_price(lgn, num, l["sku"])
    return max(gross(l, cur) - gross(l, cur, price=agreed), D(0))
def units_not_owed(lgn, num, n, units):          # the credit that bills `units` fewer, tax following the line
    i = invoice(L(lgn), num); l = line(i, n); cur = i["currency"]
    return gross(l, cur) - gross(l, cur, qty=max(l["quantity"] - units, 0))
def records(lgn, kind, num, sku): return [x for x in L(lgn)[kind] if x.get("invoiceNumber") == num and x["sku"] == sku]
def delivered(lgn, num, sku): return sum(d["quantity"] for d in records(lgn, "deliveries", num, sku))
def damaged(lgn, num, sku): return sum(d.get("damagedQuantity", 0) for d in records(lgn, "deliveries", num, sku))
def logged(lgn, num, sku): return sum(s["quantity"] for s in records(lgn, "serviceLogs", num, sku) if s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return line(invoice(L(lgn), num), n)["quantity"]
def dates_unserved(lgn, num, sku, dates):
    """Per-visit logs decide dated claims; a log spanning several days that covers a claimed date cannot."""
    logs = records(lgn, "serviceLogs", num, sku)
    if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs for d in dates): return None
    return sum(1 for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs))
def inv_tax(lgn, num):
    i = invoice(L(lgn), num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D(0))
def inv_total(lgn, num): return total(invoice(L(lgn), num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in invoice(L(lgn), num).get("fees", []) if f["type"] == t)
def line_gross(lgn, num, n): i = invoice(L(lgn), num); return gross(line(i, n), i["currency"])

def late_fee_allowed(lgn, num, today):
    """No clause: nothing. Principal (lines with tax) paid by due + grace: nothing. Otherwise percent of the
    principal unpaid at the end of grace, per started 30-day month from the due date to settlement (or today)."""
    lg = L(lgn); i = invoice(lg, num); c = contract(lg, i); cur = i["currency"]
    if not c.get("lateFee"): return D(0)
    grace = c["lateFee"].get("graceDays", 0); grace_end = add_days(i["dueDate"], grace)
    principal = sum((gross(l, cur) for l in i["lines"]), D(0))
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    overdue = principal - sum((D(p["amount"]) for p in pays if p["date"] <= grace_end), D(0))
    if overdue <= 0: return D(0)
    settled, covered = today, D(0)
    for p in pays:
        covered += D(p["amount"])
        if covered >= principal: settled = p["date"]; break
    late = days(i["dueDate"], settled)
    if late <= grace: return D(0)
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * math.ceil(late / 30)
def late_fee_not_owed(lgn, num, today):
    charged = fee(lgn, num, "late_fee"); return charged - min(charged, late_fee_allowed(lgn, num, today))

def outside_contract(lgn, num):                   # days of the billed period outside the contract, pro rata with tax
    lg = L(lgn); i = invoice(lg, num); c = contract(lg, i)
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot, i["currency"])

def duplicate_of(lgn, num, other):                # same customer, lines, PO and overlapping period
    a, b = invoice(L(lgn), num), invoice(L(lgn), other)
    same_lines = [(l["sku"], l["quantity"], l["unitPrice"]) for l in a["lines"]] == [(l["sku"], l["quantity"], l["unitPrice"]) for l in b["lines"]]
    if a["customerId"] != b["customerId"] or not same_lines: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    return True
def dup(lgn, num, other): return inv_total(lgn, num) if duplicate_of(lgn, num, other) else D(0)

def unapplied_payment(lgn, num, on):              # an unapplied payment of the customer, of the open balance, on the date given
    lg = L(lgn); i = invoice(lg, num)
    hits = [p for p in lg["payments"] if not p.get("invoiceNumber") and p["customerId"] == i["customerId"]
            and D(p["amount"]) == open_bal(lg, num) and p["date"] == on]
    return open_bal(lg, num) if hits else D(0)
def quoted_payment_pays_other(lgn, num, ref):
    lg = L(lgn); ps = [p for p in lg["payments"] if ref in re.sub(r"[^0-9A-Z]", "", p.get("reference", "").upper())]
    return D(0) if ps and all(p.get("invoiceNumber") not in (None, num) for p in ps) else None

def po_defect(lgn, num):                          # PO missing where required, or a PO the customer cancelled
    lg = L(lgn); i = invoice(lg, num); c = contract(lg, i)
    if not i.get("poNumber"): return bool(c.get("poRequired"))
    po = next((p for p in lg["purchaseOrders"] if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def fee_on_po(lgn, num, t):
    lg = L(lgn); i = invoice(lg, num); f = next(f for f in i["fees"] if f["type"] == t)
    return any(po["customerId"] == i["customerId"] and po.get("status") != "cancelled" and pl.get("description") == f.get("description")
               and D(pl["unitPrice"]) * D(str(pl["quantity"])) == D(f["amount"]) for po in lg["purchaseOrders"] for pl in po["lines"])
def fee_unsupported(lgn, num, t):
    lg = L(lgn); i = invoice(lg, num); c = contract(lg, i)
    if fee_on_po(lgn, num, t): return D(0)
    f = next(f for f in i["fees"] if f["type"] == t)
    word = f.get("description", "") if t == "other" else t.replace("_", " ")
    return D(0) if word.lower() in (c.get("notes") or "").lower() else D(f["amount"])

def terms_wrong(lgn, num):
    lg = L(lgn); i = invoice(lg, num); return days(i["issueDate"], i["dueDate"]) != contract(lg, i)["paymentTermsDays"]

T = {VN: "2026-08-25", HU: "2026-10-20", GB: "2026-11-24"}
Z = D(0)
R = {  # case id -> (supported amount, disputed amount when the turns do not state one)
 "b15-vn-needle-price-ms-thu": (lambda: price_diff(VN, "1C26TSM-00412", 1), lambda: price_diff(VN, "1C26TSM-00412", 1, "420000")),
 "b15-vn-hook-price-by-po": (lambda: price_diff(VN, "1C26TSM-00412", 2), lambda: price_diff(VN, "1C26TSM-00412", 2, "1050000")),
 "b15-vn-bobbin-short-typo-fix": (lambda: units_not_owed(VN, "1C26TSM-00418", 1, billed_qty(VN, "1C26TSM-00418", 1) - delivered(VN, "1C26TSM-00418", "PART-BOBBIN")),
                                   lambda: units_not_owed(VN, "1C26TSM-00418", 1, 200 - 160)),
 "b15-vn-rental-double-july-forwarded": (lambda: dup(VN, "1C26TSM-00427", "1C26TSM-00421"), lambda: inv_total(VN, "1C26TSM-00427")),
 "b15-vn-rental-august-not-double": (lambda: dup(VN, "1C26TSM-00433", "1C26TSM-00421"), lambda: inv_total(VN, "1C26TSM-00433")),
 "b15-vn-pm-visit-dates-usd": (lambda: units_not_owed(VN, "1C26TSM-00409", 1, dates_unserved(VN, "1C26TSM-00409", "SVC-PM", ["2026-07-23", "2026-07-27", "2026-07-30"])),
                               lambda: units_not_owed(VN, "1C26TSM-00409", 1, 3)),
 "b15-vn-cancelled-po-fx-escalation": (lambda: Z, lambda: inv_total(VN, "1C26TSM-00436")),
 "b15-vn-epe-vat-reissue": (lambda: inv_tax(VN, "1C26TSM-00398") if customer(L(VN), "C-VN04").get("taxExempt") else Z, lambda: inv_tax(VN, "1C26TSM-00398")),
 "b15-vn-latefee-inside-grace-repeat": (lambda: late_fee_not_owed(VN, "1C26TSM-00402", T[VN]), lambda: fee(VN, "1C26TSM-00402", "late_fee")),
 "b15-vn-latefee-owed-writeoff": (lambda: late_fee_not_owed(VN, "1C26TSM-00389", T[VN]), lambda: fee(VN, "1C26TSM-00389", "late_fee")),
 "b15-vn-motors-cracked-not-missing": (lambda: units_not_owed(VN, "1C26TSM-00424", 1, damaged(VN, "1C26TSM-00424", "PART-MOTOR")), lambda: units_not_owed(VN, "1C26TSM-00424", 1, 3)),
 "b15-vn-expedited-freight-on-po": (lambda: fee_unsupported(VN, "1C26TSM-00430", "freight"), lambda: fee(VN, "1C26TSM-00430", "freight")),
 "b15-vn-technician-rude": (lambda: units_not_owed(VN, "1C26TSM-00419", 1, billed_qty(VN, "1C26TSM-00419", 1) - logged(VN, "1C26TSM-00419", "SVC-PM")), lambda: inv_total(VN, "1C26TSM-00419")),
 "b15-vn-paid-by-unc-unapplied": (lambda: unapplied_payment(VN, "1C26TSM-00405", "2026-08-10"), lambda: open_bal(L(VN), "1C26TSM-00405")),
 "b15-vn-rental-after-contract-expiry": (lambda: outside_contract(VN, "1C26TSM-00422"), lambda: inv_total(VN, "1C26TSM-00422")),
 "b15-vn-what-if-mekong-price": (lambda: price_diff(VN, "1C26TSM-00441", 1), None),
 "b15-vn-tech-hours-usd": (lambda: units_not_owed(VN, "1C26TSM-00409", 3, billed_qty(VN, "1C26TSM-00409", 3) - logged(VN, "1C26TSM-00409", "TECH-HR")), lambda: units_not_owed(VN, "1C26TSM-00409", 3, 20 - 14)),
 "b15-hu-vaci-ut-september-rate": (lambda: price_diff(HU, "DA-2026/00871", 1), lambda: price_diff(HU, "DA-2026/00871", 1, "820.00")),
 "b15-hu-budaors-erection-correction": (lambda: units_not_owed(HU, "DA-2026/00856", 1, billed_qty(HU, "DA-2026/00856", 1) - logged(HU, "DA-2026/00856", "ALL-SZER-M2")), lambda: units_not_owed(HU, "DA-2026/00856", 1, 3100 - 2500)),
 "b15-hu-pannon-double-september": (lambda: dup(HU, "DA-2026/00866", "DA-2026/00864"), lambda: inv_total(HU, "DA-2026/00866")),
 "b15-hu-pannon-october-demand": (lambda: dup(HU, "DA-2026/00879", "DA-2026/00864"), lambda: inv_total(HU, "DA-2026/00879")),
 "b15-hu-vertes-latefee-writeoff": (lambda: late_fee_not_owed(HU, "DA-2026/00833", T[HU]), lambda: fee(HU, "DA-2026/00833", "late_fee")),
 "b15-hu-pannon-latefee-no-clause": (lambda: late_fee_not_owed(HU, "DA-2026/00845", T[HU]), lambda: fee(HU, "DA-2026/00845", "late_fee")),
 "b15-hu-vertes-nets-torn": (lambda: units_not_owed(HU, "DA-2026/00861", 2, damaged(HU, "DA-2026/00861", "VEDOHALO")), lambda: units_not_owed(HU, "DA-2026/00861", 2, 4)),
 "b15-hu-vertes-planks-bent": (lambda: units_not_owed(HU, "DA-2026/00858", 1, damaged(HU, "DA-2026/00858", "PALLO-3M")), lambda: units_not_owed(HU, "DA-2026/00858", 1, 4)),
 "b15-hu-slovak-vat-eur": (lambda: inv_tax(HU, "DA-2026/00851") if customer(L(HU), "C-HU04").get("taxExempt") else Z, lambda: inv_tax(HU, "DA-2026/00851")),
 "b15-hu-slovak-double-eur-escalation": (lambda: dup(HU, "DA-2026/00873", "DA-2026/00869"), lambda: inv_total(HU, "DA-2026/00873")),
 "b15-hu-ipoly-no-po-reason-first": (lambda: Z, lambda: inv_total(HU, "DA-2026/00826")),
 "b15-hu-kobanyai-po-is-there": (lambda: Z, lambda: inv_total(HU, "DA-2026/00842")),
 "b15-hu-ipoly-saturday-delivery-on-po": (lambda: fee_unsupported(HU, "DA-2026/00862", "freight"), lambda: fee(HU, "DA-2026/00862", "freight")),
 "b15-hu-pannon-cleaning-fee": (lambda: fee_unsupported(HU, "DA-2026/00867", "other"), lambda: fee(HU, "DA-2026/00867", "other")),
 "b15-hu-balatonfured-inspection-date": (lambda: units_not_owed(HU, "DA-2026/00874", 2, dates_unserved(HU, "DA-2026/00874", "ELLENORZES", ["2026-09-17"])), lambda: units_not_owed(HU, "DA-2026/00874", 2, 1)),
 "b15-hu-vertes-paid-unapplied": (lambda: unapplied_payment(HU, "DA-2026/00859", "2026-09-30"), lambda: open_bal(L(HU), "DA-2026/00859")),
 "b15-hu-god-tower-after-contract-end": (lambda: outside_contract(HU, "DA-2026/00868"), lambda: outside_contract(HU, "DA-2026/00868")),
 "b15-gb-butts-haulage-withdrawn": (lambda: price_diff(GB, "GACW-24101", 1), lambda: price_diff(GB, "GACW-24101", 1, "875.00")),
 "b15-gb-seil-leakers": (lambda: units_not_owed(GB, "GACW-24106", 1, damaged(GB, "GACW-24106", "CASK-BBL")), lambda: units_not_owed(GB, "GACW-24106", 1, 6)),
 "b15-gb-cnocdubh-hoggies-short": (lambda: units_not_owed(GB, "GACW-24109", 1, 120 - delivered(GB, "GACW-24109", "CASK-HHD")), lambda: units_not_owed(GB, "GACW-24109", 1, 4)),
 "b15-gb-kinloch-rechar-180": (lambda: units_not_owed(GB, "GACW-24112", 1, 200 - logged(GB, "GACW-24112", "RECHAR")), lambda: units_not_owed(GB, "GACW-24112", 1, 20)),
 "b15-gb-seil-storage-double-october": (lambda: dup(GB, "GACW-24118", "GACW-24114"), lambda: inv_total(GB, "GACW-24118")),
 "b15-gb-deveron-storage-not-double": (lambda: dup(GB, "GACW-24115", "GACW-24097"), lambda: inv_total(GB, "GACW-24115")),
 "b15-gb-seil-latefee-within-grace": (lambda: late_fee_not_owed(GB, "GACW-24071", T[GB]), lambda: fee(GB, "GACW-24071", "late_fee")),
 "b15-gb-kinloch-latefee-one-month": (lambda: late_fee_not_owed(GB, "GACW-24062", T[GB]), lambda: fee(GB, "GACW-24062", "late_fee")),
 "b15-gb-sthelier-jersey-vat": (lambda: inv_tax(GB, "GACW-24099") if customer(L(GB), "C-GB06").get("taxExempt") else Z, lambda: inv_tax(GB, "GACW-24099")),
 "b15-gb-boyne-double-eur-under-threshold": (lambda: dup(GB, "GACW-24108", "GACW-24104"), lambda: inv_total(GB, "GACW-24108")),
 "b15-gb-boyne-butt-price-eur": (lambda: price_diff(GB, "GACW-24104", 1), lambda: price_diff(GB, "GACW-24104", 1, "1040.00")),
 "b15-gb-strathdearn-weekend-haulage": (lambda: fee_unsupported(GB, "GACW-24110", "freight"), lambda: fee(GB, "GACW-24110", "freight")),
 "b15-gb-cnocdubh-nosing-unhappy": (lambda: units_not_owed(GB, "GACW-24116", 1, 2 - logged(GB, "GACW-24116", "INSPECT")), lambda: inv_total(GB, "GACW-24116")),
 "b15-gb-cnocdubh-goodwill": (lambda: units_not_owed(GB, "GACW-24116", 1, 2 - logged(GB, "GACW-24116", "INSPECT")), lambda: inv_total(GB, "GACW-24116")),
 "b15-gb-cnocdubh-paid-other-invoice": (lambda: quoted_payment_pays_other(GB, "GACW-24113", "1101"), lambda: open_bal(L(GB), "GACW-24113")),
 "b15-gb-deveron-june-rate-overdue": (lambda: price_diff(GB, "GACW-23890", 1), lambda: price_diff(GB, "GACW-23890", 1, "3.20")),
 "b15-gb-sthelier-wrong-terms": (lambda: Z, lambda: inv_total(GB, "GACW-24111")),
 "b15-gb-seil-rechar-writeoff": (lambda: price_diff(GB, "GACW-24120", 1), lambda: price_diff(GB, "GACW-24120", 1, "41.50")),
}
# Administrative defects that really exist: valid at 0 supported, the document is reissued.
DEFECT = {
 "b15-vn-cancelled-po-fx-escalation": lambda: po_defect(VN, "1C26TSM-00436"),
 "b15-vn-epe-vat-reissue": lambda: True, "b15-hu-slovak-vat-eur": lambda: True, "b15-gb-sthelier-jersey-vat": lambda: True,
 "b15-hu-ipoly-no-po-reason-first": lambda: po_defect(HU, "DA-2026/00826"),
 "b15-hu-kobanyai-po-is-there": lambda: po_defect(HU, "DA-2026/00842"),
 "b15-gb-sthelier-wrong-terms": lambda: terms_wrong(GB, "GACW-24111"),
}
NEEDS_INFO = {  # what the ledger cannot decide: a dated claim against a log spanning the period, or no record at all
 "b15-vn-visit-dates-monthly-log": lambda: dates_unserved(VN, "1C26TSM-00419", "SVC-PM", ["2026-07-14", "2026-07-28"]) is None,
 "b15-hu-ipoly-inspection-dates-summary-log": lambda: dates_unserved(HU, "DA-2026/00877", "ELLENORZES", ["2026-09-08", "2026-09-22"]) is None,
 # no delivery, return or service record of the disputed line at all: the document to decide is missing
 "b15-hu-vertes-tower-days-no-record": lambda: not records(HU, "deliveries", "DA-2026/00861", "GURULO-4M") and not records(HU, "serviceLogs", "DA-2026/00861", "GURULO-4M"),
}
APPLY_PAYMENT = {"b15-vn-paid-by-unc-unapplied", "b15-hu-vertes-paid-unapplied"}
GOODWILL = {"b15-gb-cnocdubh-goodwill": D("60.00")}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal",
        "unrecognized_charge": "billing"}

def to_home(lg, amount, inv):                      # latest rate on or before the invoice date, rounded once
    if inv["currency"] == home(lg): return amount
    rate = max((x for x in lg["fxRates"] if x["currency"] == inv["currency"] and x["date"] <= inv["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rate["rate"]), home(lg))

def target_date(lg, today):
    d, left, hol = today, lg["policy"]["resolutionSlaBusinessDays"], set(lg["policy"].get("holidays", []))
    while left:
        d = add_days(d, 1)
        if date.fromisoformat(d).weekday() < 5 and d not in hol: left -= 1
    return d
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 60: fail(f"{len(cases)} cases, expected 60")
per_ledger = {n: sum(1 for c in cases if c["ledger"] == n) for n in ledgers}
if any(v != 20 for v in per_ledger.values()): fail(f"cases per ledger {per_ledger}")
for c in cases:
    e, cid = c["expect"], c["id"]
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lg = ledgers[c["ledger"]]
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if e.get("noResolution"):
        named = re.findall(r"[A-Z0-9]+-[0-9]+(?:/[0-9]+)?", " ".join(c["turns"]))
        if any(n == i["number"] for n in named for i in lg["invoices"]): fail(f"{cid}: names an existing invoice")
        continue
    num = e["invoiceNumber"]
    inv = next((i for i in lg["invoices"] if i["number"] == num), None)
    if not inv: fail(f"{cid}: no invoice {num}"); continue
    cur = inv["currency"]
    if e.get("customerId") and e["customerId"] != inv["customerId"]: fail(f"{cid}: customer {e['customerId']} != {inv['customerId']}")
    if e.get("reasonCode") in TEAM and TEAM[e["reasonCode"]] not in e.get("stakeholders", [TEAM[e["reasonCode"]]]): fail(f"{cid}: first team missing")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e:
            frac = (e[k].split(".") + [""])[1].rstrip("0")
            if len(frac) > digits(cur): fail(f"{cid}: {k} {e[k]} has too many decimals for {cur}")
    if e.get("classification") == "needs_info":
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger decides this claim, not needs_info")
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        continue
    if cid not in R: fail(f"{cid}: no recipe"); continue
    ev, derive = R[cid]
    evidence = ev()
    if evidence is None: fail(f"{cid}: recipe found nothing to decide on"); continue
    disputed = D(e["disputedAmount"]) if "disputedAmount" in e else (derive() if derive else None)
    if "disputedAmount" in e and derive and D(e["disputedAmount"]) != derive():
        fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {derive()}")
    supported = min(evidence, disputed) if disputed is not None else evidence
    if "supportedAmount" in e and D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    if disputed is not None and disputed > inv_total(c["ledger"], num): fail(f"{cid}: disputed above the invoice total")
    if disputed is None: continue
    defect = DEFECT.get(cid, lambda: False)()
    cl = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
    if e.get("classification") and e["classification"] != cl: fail(f"{cid}: classification {e['classification']}, rules give {cl} (supported {supported}, disputed {disputed})")
    owed_home = to_home(lg, disputed - supported, inv)
    if cl in ("invalid", "partial") and owed_home < D(lg["policy"]["writeOffBelow"]): act = "write_off"
    elif defect: act = "cancel_and_rebill"
    elif cid in APPLY_PAYMENT: act = "apply_payment"
    elif cl != "invalid": act = "credit_memo"
    elif cid in GOODWILL and GOODWILL[cid] <= disputed - supported and GOODWILL[cid] <= open_bal(lg, num): act = "goodwill_credit"
    else: act = "no_adjustment"
    if e.get("action") and e["action"] != act: fail(f"{cid}: action {e['action']}, rules give {act} (owed {disputed - supported} {cur} = {owed_home} {home(lg)})")
    if "escalation" in e:
        pol, cust = lg["policy"], customer(lg, inv["customerId"])
        recent = 1 + sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"])
        past_due = max(0, days(inv["dueDate"], c["today"]))
        moved = {"credit_memo": supported, "write_off": disputed, "goodwill_credit": GOODWILL.get(cid, Z)}.get(act, Z)
        moved = min(moved, max(open_bal(lg, num), Z))
        legal = e.get("reasonCode") == "contract_terms" and to_home(lg, disputed, inv) >= D(pol["legalEscalationAmount"])
        esc = (to_home(lg, disputed, inv) >= D(pol["escalationAmount"]) or past_due > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or legal
               or to_home(lg, moved, inv) > D(pol["approvalLimits"]["lead"]))
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {to_home(lg, disputed, inv)} {home(lg)}, {past_due} d past due, {recent} disputes)")
    for m in e.get("emailMentions", []):
        hit = re.fullmatch(r"(\w+) (\d+), (\d{4})", m)
        if hit and hit.group(1) in MONTHS:
            want = target_date(lg, c["today"]); d = date.fromisoformat(want)
            if m != f"{MONTHS[d.month - 1]} {d.day}, {d.year}": fail(f"{cid}: target date {m} != {want}")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
