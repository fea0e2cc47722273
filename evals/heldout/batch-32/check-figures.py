#!/usr/bin/env python3
"""Batch-32 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-32/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # JMD, USD, UZS, KZT, KHR: 2 (ISO 4217)
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
NO_RATE = {"26-HF-00145"}   # batch 32: the KZT invoice is meant to have no rate
INTENDED_WRONG_PO = {"SGW-26-PNH-0415"}   # quotes RGF-PO-2291, which Riverside never issued
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
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None
JM, UZ, KH = "liguanea-radio-jmd.ledger.json", "buxoro-dyes-uzs.ledger.json", "sokha-waste-usd-khr.ledger.json"
T_JM, T_UZ, T_KH = "2026-11-24", "2026-11-18", "2026-12-01"
def fee_named_owed(lgn, num, t, words):
    """A fee is owed when the customer's PO lists it or the contract's notes name it (by `words`)."""
    return fee_on_po(lgn, num, t) or fee_in_contract_notes(lgn, num, t, words)
def no_candidate_payment(lgn, num, when, ref):
    """already_paid with nothing that could be the customer's payment: none on that date, none with that reference,
    none unapplied, none of the open balance or total, none applied to this invoice."""
    return not any_payment_for(lgn, num, when, ref) and not any(
        p["customerId"] == I(lgn, num)["customerId"] and not p.get("invoiceNumber") for p in ledgers[lgn].get("payments", []))
def fx_ok(lgn, num, expect_amount_home):
    return to_company(lgn, num, D(expect_amount_home[0])) == D(expect_amount_home[1])

# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b32-jm-cor-price-5088-corrected": (lambda: price_diff(JM, "RT26-5088", 1), lambda: price_diff(JM, "RT26-5088", 1)),
 "b32-jm-sun-tshirts-three-turns": (lambda: short(JM, "RT26-5079", 1, delivered(JM, "RT26-5079", "TSHIRT")), lambda: short(JM, "RT26-5079", 1, 150)),
 "b32-jm-ojf-generator-two-days": (lambda: short(JM, "RT26-5094", 2, logged(JM, "RT26-5094", "OB-GEN")), lambda: units_credit(JM, "RT26-5094", 2, 1)),
 "b32-jm-cex-wire-paid": (lambda: unapplied_payment(JM, "VB26-5075", "2026-11-12"), lambda: open_bal(JM, "VB26-5075")),
 "b32-jm-cex-spots-count-corrected": (lambda: short(JM, "RT26-5090", 1, logged(JM, "RT26-5090", "SPOT60-PT")), lambda: short(JM, "RT26-5090", 1, 26)),
 "b32-jm-htm-gct-charity": (lambda: inv_tax(JM, "RT26-5072") if tax_exempt(JM, "RT26-5072") else Z, lambda: inv_tax(JM, "RT26-5072")),
 "b32-jm-prp-late-fee-grace": (lambda: fee_not_owed(JM, "RT26-5063", T_JM), lambda: fee(JM, "RT26-5063", "late_fee")),
 "b32-jm-cor-christmas-twice": (lambda: inv_total(JM, "RT26-5096") if same_basis_duplicate(JM, "RT26-5096", "RT26-5093") else Z, lambda: inv_total(JM, "RT26-5096")),
 "b32-jm-mdm-not-double": (lambda: inv_total(JM, "VB26-5077") if same_basis_duplicate(JM, "VB26-5077", "VB26-5066") else Z, lambda: inv_total(JM, "VB26-5077")),
 "b32-jm-sun-no-po": (lambda: Z if po_defect(JM, "RT26-5089") else None, lambda: inv_total(JM, "RT26-5089")),
 "b32-jm-cor-banners-damaged": (lambda: units_credit(JM, "RT26-5097", 1, delivered(JM, "RT26-5097", "BANNER", "damagedQuantity")), lambda: units_credit(JM, "RT26-5097", 1, 3)),
 "b32-jm-cor-jingle-unhappy": (lambda: short(JM, "RT26-5041", 1, logged(JM, "RT26-5041", "JINGLE")), lambda: line_gross(JM, "RT26-5041", 1)),
 "b32-jm-ojf-cabling-fee": (lambda: Z if fee_named_owed(JM, "RT26-5094", "other", "power distribution") else fee(JM, "RT26-5094", "other"), lambda: fee(JM, "RT26-5094", "other")),
 "b32-jm-prp-old-rate-writeoff": (lambda: price_diff(JM, "VB26-5095", 1), lambda: price_diff(JM, "VB26-5095", 1, "4000.00")),
 "b32-jm-sun-live-reads-corrected": (lambda: short(JM, "VB26-5092", 1, logged(JM, "VB26-5092", "LIVE-READ")), lambda: short(JM, "VB26-5092", 1, 14)),
 "b32-jm-htm-friday-night": (None, lambda: r(D(line(I(JM, "RT26-5082"), 1)["unitPrice"]), "JMD")),

 "b32-uz-frg-black-dye-short": (lambda: short(UZ, "26-HF-00146", 1, delivered(UZ, "26-HF-00146", "DYE-RB5")), lambda: short(UZ, "26-HF-00146", 1, 18 * 25)),
 "b32-uz-nmd-red-price-amount-corrected": (lambda: price_diff(UZ, "26-HF-00143", 1), lambda: r(D("1350000.00") * D("1.12"), "UZS")),
 "b32-uz-nmd-no-po": (lambda: Z if po_defect(UZ, "26-HF-00147") else None, lambda: inv_total(UZ, "26-HF-00147")),
 "b32-uz-jzx-vat-fez": (lambda: inv_tax(UZ, "26-HF-00144") if tax_exempt(UZ, "26-HF-00144") else Z, lambda: inv_tax(UZ, "26-HF-00144")),
 "b32-uz-osh-swift-over-threshold": (lambda: unapplied_payment(UZ, "26-HF-00148", "2026-11-13"), lambda: open_bal(UZ, "26-HF-00148")),
 "b32-uz-osh-torn-bags-corrected": (lambda: units_credit(UZ, "26-HF-00138", 1, delivered(UZ, "26-HF-00138", "DYE-RB5", "damagedQuantity")), lambda: units_credit(UZ, "26-HF-00138", 1, 6 * 25)),
 "b32-uz-shy-kzt-price-no-rate": (lambda: price_diff(UZ, "26-HF-00145", 1), lambda: price_diff(UZ, "26-HF-00145", 1)),
 "b32-uz-smt-late-fee-owed": (lambda: fee_not_owed(UZ, "26-HF-00131", T_UZ), lambda: fee(UZ, "26-HF-00131", "late_fee")),
 "b32-uz-tib-visits-two-of-four": (lambda: short(UZ, "26-HF-00141", 1, logged(UZ, "26-HF-00141", "SVC-VISIT")), lambda: short(UZ, "26-HF-00141", 1, 2)),
 "b32-uz-tib-hours-corrected": (lambda: short(UZ, "26-HF-00153", 1, logged(UZ, "26-HF-00153", "TECH-HR")), lambda: short(UZ, "26-HF-00153", 1, 9)),
 "b32-uz-nmd-po-0412-twice": (lambda: inv_total(UZ, "26-HF-00152") if same_basis_duplicate(UZ, "26-HF-00152", "26-HF-00150") else Z, lambda: inv_total(UZ, "26-HF-00152")),
 "b32-uz-frg-lab-dips": (lambda: Z if (contract_price(UZ, "26-HF-00146", "LABDIP") or has_log(UZ, "26-HF-00146", "LABDIP")) else line_gross(UZ, "26-HF-00146", 2), lambda: line_gross(UZ, "26-HF-00146", 2)),
 "b32-uz-smt-paid-no-trace": (None, lambda: open_bal(UZ, "26-HF-00136")),
 "b32-uz-jzx-soda-two-trucks": (lambda: short(UZ, "26-HF-00151", 1, delivered(UZ, "26-HF-00151", "SODA")), lambda: short(UZ, "26-HF-00151", 1, 120 + 100)),
 "b32-uz-nmd-leveller-price": (lambda: price_diff(UZ, "26-HF-00147", 1), lambda: price_diff(UZ, "26-HF-00147", 1, "3200000.00")),
 "b32-uz-smt-retainer-after-end": (lambda: outside_contract(UZ, "26-HF-00149"), lambda: inv_total(UZ, "26-HF-00149")),

 "b32-kh-rgf-trips-three-turns": (lambda: short(KH, "SGW-26-PNH-0412", 1, logged(KH, "SGW-26-PNH-0412", "COL-TRIP")), lambda: short(KH, "SGW-26-PNH-0412", 1, 23)),
 "b32-kh-ahr-grease-dates": (lambda: units_credit(KH, "SGW-26-REP-0203", 1, len(unserved_dates(KH, "SGW-26-REP-0203", "GREASE", ["2026-10-13", "2026-10-27"]))), lambda: units_credit(KH, "SGW-26-REP-0203", 1, 2)),
 "b32-kh-ahr-skip-exchanges": (lambda: short(KH, "SGW-26-REP-0203", 2, logged(KH, "SGW-26-REP-0203", "SKIP-EX")), lambda: short(KH, "SGW-26-REP-0203", 2, 5)),
 "b32-kh-hhc-vat-exempt": (lambda: inv_tax(KH, "SGW-26-PNH-0398") if tax_exempt(KH, "SGW-26-PNH-0398") else Z, lambda: inv_tax(KH, "SGW-26-PNH-0398")),
 "b32-kh-bkk-riel-price-corrected": (lambda: price_diff(KH, "SGW-26-PNH-0409", 1), lambda: price_diff(KH, "SGW-26-PNH-0409", 1, "8000.00")),
 "b32-kh-bkk-bins-damaged": (lambda: units_credit(KH, "SGW-26-PNH-0395", 1, delivered(KH, "SGW-26-PNH-0395", "BIN-240", "damagedQuantity")), lambda: units_credit(KH, "SGW-26-PNH-0395", 1, 5)),
 "b32-kh-cas-lifts-writeoff": (lambda: short(KH, "SGW-26-PNH-0417", 1, logged(KH, "SGW-26-PNH-0417", "COL-240")), lambda: units_credit(KH, "SGW-26-PNH-0417", 1, 10)),
 "b32-kh-ssc-medical-waste-kg": (lambda: short(KH, "SGW-26-PNH-0420", 1, logged(KH, "SGW-26-PNH-0420", "MEDW")), lambda: short(KH, "SGW-26-PNH-0420", 1, 412)),
 "b32-kh-glr-aba-paid": (lambda: unapplied_payment(KH, "SGW-26-PNH-0433", "2026-11-27"), lambda: open_bal(KH, "SGW-26-PNH-0433")),
 "b32-kh-glr-late-fee-no-clause": (lambda: fee_not_owed(KH, "SGW-26-PNH-0402", T_KH), lambda: fee(KH, "SGW-26-PNH-0402", "late_fee")),
 "b32-kh-rgf-wrong-po": (lambda: Z if po_defect(KH, "SGW-26-PNH-0415") else None, lambda: inv_total(KH, "SGW-26-PNH-0415")),
 "b32-kh-ssc-sharps-fee": (lambda: Z if fee_named_owed(KH, "SGW-26-PNH-0420", "other", "sharps") else fee(KH, "SGW-26-PNH-0420", "other"), lambda: fee(KH, "SGW-26-PNH-0420", "other")),
 "b32-kh-hhc-skip-after-termination": (lambda: outside_contract(KH, "SGW-26-PNH-0441"), lambda: inv_total(KH, "SGW-26-PNH-0441")),
 "b32-kh-glr-bins-four": (None, lambda: units_credit(KH, "SGW-26-PNH-0423", 2, 2)),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b32-jm-htm-friday-night": lambda: unserved_dates(JM, "RT26-5082", "OB-EVENT", ["2026-10-16"]) is None,
 "b32-uz-smt-paid-no-trace": lambda: no_candidate_payment(UZ, "26-HF-00136", "2026-11-02", "418"),
 "b32-kh-glr-bins-four": lambda: not has_delivery(KH, "SGW-26-PNH-0423", "BIN-660"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b32-kh-wrong-customer-0415": (KH, "SGW-26-PNH-0415", "KH-GLR")}
# Extra facts the descriptions rely on.
if not unserved_dates(KH, "SGW-26-REP-0203", "GREASE", ["2026-10-13", "2026-10-27"]) == ["2026-10-27"]: fail("REP-0203: 13 Oct should be served, 27 Oct not")
if to_company(KH, "SGW-26-PNH-0409", D("1364000.00")) != D("332.54"): fail("PNH-0409 FX")
if to_company(KH, "SGW-26-PNH-0417", D("26400.00")) != D("6.44"): fail("PNH-0417 FX")
if to_company(KH, "SGW-26-PNH-0395", D("1298000.00")) != D("318.01"): fail("PNH-0395 FX")
if to_company(UZ, "26-HF-00148", D("10140.00")) != D("129949170.00"): fail("00148 FX")
if to_company(UZ, "26-HF-00138", D("810.00")) != D("10270800.00"): fail("00138 FX")
if to_company(JM, "VB26-5075", D("3460.00")) != D("547545.00"): fail("5075 FX")
if to_company(JM, "RT26-5090", D("420.00")) != D("66465.00"): fail("5090 FX")
if to_company(UZ, "26-HF-00145", D("80000.00")) is not None: fail("00145 should have no rate")
if open_bal(UZ, "26-HF-00142") <= 0 or delivered(UZ, "26-HF-00142", "AUX-SOAP") != 4: fail("00142: withdrawn claim's facts")
if I(JM, "VB26-5086")["status"] != "paid" or I(JM, "VB26-5086")["customerId"] != "JM-COR": fail("VB26-5086: the invoice named by mistake should be COR's and paid")
if max((i for i in ledgers[UZ]["invoices"] if i["customerId"] == "UZ-FRG"), key=lambda i: i["issueDate"])["number"] != "26-HF-00146": fail("FRG's last invoice is not 00146")
if [i["number"] for i in ledgers[UZ]["invoices"] if i["customerId"] == "UZ-JZX" and i["issueDate"].startswith("2026-10")] != ["26-HF-00144"]: fail("JZX October invoice")
if fee_in_contract_notes(JM, "RT26-5094", "other", "cabling") or fee_on_po(JM, "RT26-5094", "other"): fail("5094 cabling fee should be unsupported")

# ---- numbering: Liguanea RT26-/VB26- share one sequence; Buxoro 26-HF-00nnn; Sokha SGW-26-PNH-/REP- branch series
import re
seq = [int(i["number"][5:]) for i in ledgers[JM]["invoices"]]
if not all(re.fullmatch(r"(RT|VB)26-\d{4}", i["number"]) for i in ledgers[JM]["invoices"]) or len(set(seq)) != len(seq): fail("JM numbering")
if not all(re.fullmatch(r"26-HF-\d{5}", i["number"]) for i in ledgers[UZ]["invoices"]): fail("UZ numbering")
if not all(re.fullmatch(r"SGW-26-(PNH|REP)-\d{4}", i["number"]) for i in ledgers[KH]["invoices"]): fail("KH numbering")
for lgn in (JM, UZ):
    srt = sorted(ledgers[lgn]["invoices"], key=lambda i: int(re.sub(r"\D", "", i["number"][-5:])))
    if [i["issueDate"] for i in srt] != sorted(i["issueDate"] for i in srt): fail(f"{lgn}: sequence not in issue-date order")
if any(n.endswith("5120") for n in (i["number"] for i in ledgers[JM]["invoices"])): fail("5120 exists")
for i in ledgers[KH]["invoices"]:
    if tax_exempt(KH, i["number"]) and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "SGW-26-PNH-0398": fail(f"{i['number']}: exempt customer taxed")
for i in ledgers[UZ]["invoices"]:
    if i["currency"] != "UZS" and any(l.get("taxRate") for l in i["lines"]): fail(f"{i['number']}: export taxed")
    if tax_exempt(UZ, i["number"]) and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "26-HF-00144": fail(f"{i['number']}: exempt customer taxed")
for i in ledgers[JM]["invoices"]:
    if i["currency"] != "JMD" and any(l.get("taxRate") for l in i["lines"]): fail(f"{i['number']}: export taxed")
    if tax_exempt(JM, i["number"]) and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "RT26-5072": fail(f"{i['number']}: exempt customer taxed")


cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b32-"): fail(f"{cid}: id prefix")
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
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
        if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
            fail(f"{cid}: legal escalation expected")

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
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

