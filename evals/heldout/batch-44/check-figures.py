#!/usr/bin/env python3
"""Batch-44 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-44/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "XOF": 0}  # BSD, USD, LRD, EUR, GMD, GBP: 2
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
NO_RATE = {"BU-2026-212"}   # batch 44: the EUR invoice has no rate on purpose
INTENDED_WRONG_PO = set()   # batch 44: BU-2026-214 quotes a PO that exists but is cancelled
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
        want = "paid" if p + credited(lg, i["number"]) >= t else ("partially_paid" if p > 0 else "open")
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
def fee_desc(lgn, num, start): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").startswith(start)), D("0"))
def fee_desc_owed(lgn, num, start, words):
    """A fee named by its description is owed when the contract's notes name it (by `words`) or the customer's PO lists it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    in_notes = bool(c and words.lower() in c.get("notes", "").lower())
    on_po = any(l.get("description", "").lower() == start.lower() for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for l in po["lines"])
    return in_notes or on_po
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
BS, LR, GM = "lucayan-outboard-bsd.ledger.json", "cavalla-latex-lrd.ledger.json", "bintang-bolong-cruises-gmd.ledger.json"
T_BS, T_LR, T_GM = "2026-11-19", "2026-10-22", "2026-12-03"
def per_date_credit(lgn, num, n, sku, dates):
    """Claim about named dates: each named date without a rendered per-day entry is one unit (None: a span entry cannot decide)."""
    left = unserved_dates(lgn, num, sku, dates)
    return None if left is None else units_credit(lgn, num, n, len(left))
R = {
 "b44-bs-pelican-hundred-hour": (lambda: price_diff(BS, "26FP0418", 1), lambda: price_diff(BS, "26FP0418", 1)),
 "b44-bs-andros-oil-short": (lambda: short(BS, "26FP0414", 1, delivered(BS, "26FP0414", "OIL-4S")), lambda: short(BS, "26FP0414", 1, 16)),
 "b44-bs-andros-late-charge-grace": (lambda: fee_not_owed(BS, "26FP0396", T_BS), lambda: fee(BS, "26FP0396", "late_fee")),
 "b44-bs-andros-mailboat-freight": (lambda: Z if fee_in_contract_notes(BS, "26FP0414", "freight", "mailboat freight") else fee(BS, "26FP0414", "freight"), lambda: fee(BS, "26FP0414", "freight")),
 "b44-bs-pelican-callouts-two": (lambda: short(BS, "26FP0424", 1, logged(BS, "26FP0424", "CALLOUT")), lambda: units_credit(BS, "26FP0424", 1, 1)),
 "b44-bs-pilots-props-twice": (lambda: inv_total(BS, "26FP0427") if same_basis_duplicate(BS, "26FP0427", "26FP0421") else Z, lambda: inv_total(BS, "26FP0427")),
 "b44-bs-pilots-no-po": (lambda: Z if po_defect(BS, "26FP0433") else None, lambda: inv_total(BS, "26FP0433")),
 "b44-bs-sea-rescue-vat": (lambda: inv_tax(BS, "26FP0436") if tax_exempt(BS, "26FP0436") else Z, lambda: inv_tax(BS, "26FP0436")),
 "b44-bs-sand-dollar-after-contract": (lambda: outside_contract(BS, "26NS0118"), lambda: D("340.65")),
 "b44-bs-keys-repower-wire": (lambda: unapplied_payment(BS, "26FP0407", "2026-10-30"), lambda: open_bal(BS, "26FP0407")),
 "b44-bs-pelican-impeller-charity-rate": (lambda: price_diff(BS, "26FP0431", 1), lambda: price_diff(BS, "26FP0431", 1, "60.00")),
 "b44-bs-andros-labour-rate": (lambda: price_diff(BS, "26FP0429", 1), lambda: price_diff(BS, "26FP0429", 1, "95.00")),
 "b44-bs-sand-dollar-oil-count": (None, lambda: short(BS, "26NS0123", 1, 9)),
 "b44-bs-pilots-service-rough": (lambda: short(BS, "26FP0439", 1, logged(BS, "26FP0439", "SVC-100H")), lambda: line_gross(BS, "26FP0439", 1)),
 "b44-bs-eight-mile-trailer": (None, lambda: fee(BS, "26FP0441", "service_fee")),

 "b44-lr-duriver-weighbridge": (lambda: short(LR, "KK-2026-431", 1, delivered(LR, "KK-2026-431", "HAUL-CUP")), lambda: short(LR, "KK-2026-431", 1, 38.5)),
 "b44-lr-duriver-tanker-dates": (lambda: per_date_credit(LR, "KK-2026-433", 1, "HAUL-LTX", ["2026-09-15", "2026-09-16"]), lambda: units_credit(LR, "KK-2026-433", 1, 2)),
 "b44-lr-mano-tanker-dates": (None, lambda: units_credit(LR, "KK-2026-436", 1, 2)),
 "b44-lr-cestos-cancelled-po": (lambda: Z if po_defect(LR, "BU-2026-214") else None, lambda: inv_total(LR, "BU-2026-214")),
 "b44-lr-todee-paid-cash": (lambda: unapplied_payment(LR, "KK-2026-427", "2026-10-20"), lambda: open_bal(LR, "KK-2026-427")),
 "b44-lr-todee-late-fee-months": (lambda: fee_not_owed(LR, "KK-2026-418", T_LR), lambda: fee(LR, "KK-2026-418", "late_fee")),
 "b44-lr-weala-gst": (lambda: inv_tax(LR, "KK-2026-439") if tax_exempt(LR, "KK-2026-439") else Z, lambda: inv_tax(LR, "KK-2026-439")),
 "b44-lr-weala-knife-price": (lambda: price_diff(LR, "KK-2026-442", 1), lambda: price_diff(LR, "KK-2026-442", 1, "15400.00")),
 "b44-lr-todee-acid-leaking": (lambda: units_credit(LR, "KK-2026-424", 1, delivered(LR, "KK-2026-424", "ACID-25", "damagedQuantity")), lambda: units_credit(LR, "KK-2026-424", 1, 5)),
 "b44-lr-duriver-acid-twice": (lambda: inv_total(LR, "BU-2026-224") if same_basis_duplicate(LR, "BU-2026-224", "BU-2026-221") else Z, lambda: inv_total(LR, "BU-2026-224")),
 "b44-lr-cestos-haulage-twice": (lambda: inv_total(LR, "BU-2026-219") if same_basis_duplicate(LR, "BU-2026-219", "BU-2026-216") else Z, lambda: inv_total(LR, "BU-2026-219")),
 "b44-lr-rheinland-containers": (lambda: short(LR, "BU-2026-212", 1, delivered(LR, "BU-2026-212", "HAUL-CNT")), lambda: units_credit(LR, "BU-2026-212", 1, 2)),
 "b44-lr-weala-training": (lambda: short(LR, "KK-2026-445", 1, logged(LR, "KK-2026-445", "TRAIN-D")), lambda: line_gross(LR, "KK-2026-445", 1)),
 "b44-lr-cestos-weekend-loading": (lambda: Z if fee_on_po(LR, "BU-2026-216", "other") else fee(LR, "BU-2026-216", "other"), lambda: fee(LR, "BU-2026-216", "other")),
 "b44-lr-gbarnga-spouts": (lambda: price_diff(LR, "KK-2026-447", 1), lambda: price_diff(LR, "KK-2026-447", 1, "7800.00")),

 "b44-gm-kololi-fourteen-guests": (lambda: short(GM, "2636/BBR", 1, logged(GM, "2636/BBR", "CRUISE-PAX")), lambda: units_credit(GM, "2636/BBR", 1, 4)),
 "b44-gm-kololi-lunch-old-price": (lambda: price_diff(GM, "2618/BBR", 2), lambda: price_diff(GM, "2618/BBR", 2, "600.00")),
 "b44-gm-atlantic-sun-rate": (lambda: price_diff(GM, "2611/BBR", 1), lambda: price_diff(GM, "2611/BBR", 1)),
 "b44-gm-teranga-charter-twice": (lambda: inv_total(GM, "2631/BBR") if same_basis_duplicate(GM, "2631/BBR", "2629/BBR") else Z, lambda: inv_total(GM, "2631/BBR")),
 "b44-gm-teranga-season-transfer": (lambda: unapplied_payment(GM, "2614/BBR", "2026-11-30"), lambda: open_bal(GM, "2614/BBR")),
 "b44-gm-birding-trust-vat": (lambda: inv_tax(GM, "2627/BBR") if tax_exempt(GM, "2627/BBR") else Z, lambda: inv_tax(GM, "2627/BBR")),
 "b44-gm-tanji-no-lpo": (lambda: Z if po_defect(GM, "2623/BBR") else None, lambda: inv_total(GM, "2623/BBR")),
 "b44-gm-tanji-saturday-transfer": (lambda: per_date_credit(GM, "2633/BBR", 1, "TRANSFER", ["2026-11-21"]), lambda: units_credit(GM, "2633/BBR", 1, 1)),
 "b44-gm-kotu-interest": (lambda: fee_not_owed(GM, "2598/BBR", T_GM), lambda: fee(GM, "2598/BBR", "late_fee")),
 "b44-gm-kotu-lifejackets": (lambda: short(GM, "2642/BBR", 1, delivered(GM, "2642/BBR", "LIFEJKT")), lambda: short(GM, "2642/BBR", 1, 20)),
 "b44-gm-kololi-torn-straps": (lambda: units_credit(GM, "2620/BBR", 1, delivered(GM, "2620/BBR", "LIFEJKT", "damagedQuantity")), lambda: units_credit(GM, "2620/BBR", 1, 5)),
 "b44-gm-atlantic-sun-lunches": (None, lambda: units_credit(GM, "2640/BBR", 2, 8)),
 "b44-gm-tanji-fishing-no-catch": (lambda: short(GM, "2639/BBR", 1, logged(GM, "2639/BBR", "FISH-TRIP")), lambda: line_gross(GM, "2639/BBR", 1)),
 "b44-gm-kololi-fuel-surcharge": (lambda: Z if fee_desc_owed(GM, "2636/BBR", "Fuel surcharge", "fuel") else fee_desc(GM, "2636/BBR", "Fuel surcharge"), lambda: fee_desc(GM, "2636/BBR", "Fuel surcharge")),
}
def quoted_payment_pays_another(lgn, num, ref):
    """The payment the customer quotes is applied to another invoice whose number its reference names, and no payment of
    the customer is unapplied: nothing could be theirs for `num`."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    q = [p for p in lg["payments"] if ref in p.get("reference", "")]
    unapplied = [p for p in lg["payments"] if p["customerId"] == cust and not p.get("invoiceNumber")]
    on_this = [p for p in lg["payments"] if p.get("invoiceNumber") == num]
    return bool(q) and all(p.get("invoiceNumber") not in (None, num) and p["invoiceNumber"].split("-")[-1] in p["reference"] for p in q) and not unapplied and not on_this
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
def no_contract_no_po(lgn, num):
    i = I(lgn, num); lg = ledgers[lgn]
    return not contract_of(lg, i) and not any(p["customerId"] == i["customerId"] for p in lg.get("purchaseOrders", []))
NEEDS_INFO = {
 "b44-bs-sand-dollar-oil-count": lambda: not has_delivery(BS, "26NS0123", "OIL-4S"),
 "b44-bs-eight-mile-trailer": lambda: no_contract_no_po(BS, "26FP0441"),
 "b44-lr-mano-tanker-dates": lambda: unserved_dates(LR, "KK-2026-436", "HAUL-LTX", ["2026-09-03", "2026-09-04"]) is None,
 "b44-gm-atlantic-sun-lunches": lambda: not has_log(GM, "2640/BBR", "LUNCH") and not has_delivery(GM, "2640/BBR", "LUNCH"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b44-gm-wrong-customer-2620": (GM, "2620/BBR", "GM-TBL")}

# ---- numbering: per-branch / per-yard sequences rising with the issue date; tax rates by country; exports untaxed
import re
def seq_check(lgn, pattern, key):
    seen = {}
    for i in sorted(ledgers[lgn]["invoices"], key=lambda i: i["issueDate"]):
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{i['number']}: does not match {pattern}"); continue
        k, n = key(m), int(m.group("seq"))
        if k in seen and n <= seen[k]: fail(f"{i['number']}: sequence {n} not above {seen[k]} of an earlier invoice of {k}")
        seen[k] = n
seq_check(BS, r"26(?P<br>FP|NS)(?P<seq>\d{4})", lambda m: m.group("br"))
seq_check(LR, r"(?P<yard>KK|BU)-2026-(?P<seq>\d{3})", lambda m: m.group("yard"))
seq_check(GM, r"(?P<seq>\d{4})/BBR", lambda m: "BBR")
RATE = {BS: ("BSD", "0.10"), LR: ("*", "0.10"), GM: ("GMD", "0.15")}
INTENDED_TAX_ON_EXEMPT = {"26FP0436", "KK-2026-439", "2627/BBR"}
for lgn, (cur, rate) in RATE.items():
    for i in ledgers[lgn]["invoices"]:
        ex = tax_exempt(lgn, i["number"]); num = i["number"]
        export = i["currency"] in ("EUR", "GBP", "XOF") or (lgn == BS and i["currency"] == "USD")
        for l in i["lines"]:
            want = None if (export or (ex and num not in INTENDED_TAX_ON_EXEMPT)) else rate
            if num == "KK-2026-442" or num == "KK-2026-445": want = None   # the exempt co-op's correct invoices
            if l.get("taxRate") != want: fail(f"{num} line {l['line']}: taxRate {l.get('taxRate')} expected {want}")
if "BU-2026-214" not in [i["number"] for i in ledgers[LR]["invoices"]] or next(p for p in ledgers[LR]["purchaseOrders"] if p["number"] == "CBP-PO-118")["status"] != "cancelled":
    fail("LR: the cancelled PO of BU-2026-214 is gone")

# ---- relative dates and weekdays the messages rely on (today of each ledger's cases)
from datetime import date as _d
WEEKDAY = [("2026-11-19", "Thursday"), ("2026-10-22", "Thursday"), ("2026-12-03", "Thursday"),   # the three todays
           ("2026-09-25", "Friday"),      # Andros: "the Friday after it was due" (due 2026-09-19)
           ("2026-10-30", "Friday"),      # Keys to Cays: wire "end of last month"
           ("2026-10-20", "Tuesday"),     # Todee Hills: cash "last Tuesday"
           ("2026-11-24", "Tuesday"),     # Kololi: "Tuesday last week, the twenty-fourth"
           ("2026-11-21", "Saturday"),    # Tanji Bay: "Saturday the twenty-first"
           ("2026-09-05", "Saturday")]    # Cestos Bay weekend loading
for d_, wd in WEEKDAY:
    if _d.fromisoformat(d_).strftime("%A") != wd: fail(f"{d_} is not a {wd}")

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
    if not cid.startswith("b44-"): fail(f"{cid}: id prefix")
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
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "-")) for c in cases).items())))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

