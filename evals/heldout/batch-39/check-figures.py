#!/usr/bin/env python3
"""Batch-39 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-39/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # MWK, USD, BZD, MXN, GYD: 2
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
NO_RATE = {"BRS01198"}   # batch 39: the Mexican hotel's MXN invoice has no MXN rate on purpose
INTENDED_WRONG_PO = set()   # batch 39 has no invoice quoting a PO the customer never issued
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
MW, BZ, GY = "linthipe-drilling-mwk.ledger.json", "barrier-reef-staffing-bzd.ledger.json", "demerara-records-gyd.ledger.json"
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
T_MW, T_BZ, T_GY = "2026-11-20", "2026-11-25", "2026-11-27"
def dates_credit(lgn, num, n, sku, dates):
    left = unserved_dates(lgn, num, sku, dates)
    return None if left is None else units_credit(lgn, num, n, len(left))
def line_supported_by_contract(lgn, num, n):
    """unrecognized charge on a line: owed when the contract prices the SKU or a PO line / log supports it."""
    l = line(I(lgn, num), n)
    return contract_price(lgn, num, l["sku"]) is not None or has_log(lgn, num, l["sku"])
def tax_stands(lgn, num):
    """A customer that is not exempt owes tax at the rate its other invoices use for the same SKU."""
    lg = ledgers[lgn]; i = I(lgn, num)
    if tax_exempt(lgn, num): return False
    for l in i["lines"]:
        others = [x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]]
        if others and any(D(o or "0") != D(l.get("taxRate") or "0") for o in others): return False
    return True
IN = lambda n: f"IN1044{n:02d}"
BR = lambda n: f"BRS0{n}"
DR = lambda n: f"DR26-00{n}"
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b39-mw-thyolo-bh3-64m": (lambda: short(MW, IN(1), 1, logged(MW, IN(1), "DRILL-M")), lambda: short(MW, IN(1), 1, 64)),
 "b39-mw-wfa-vat-exempt": (lambda: inv_tax(MW, IN(2)) if tax_exempt(MW, IN(2)) else Z, lambda: inv_tax(MW, IN(2))),
 "b39-mw-wfa-old-quote": (lambda: price_diff(MW, IN(3), 1), lambda: price_diff(MW, IN(3), 1, "4600000.00")),
 "b39-mw-dedza-no-lpo": (lambda: Z if po_defect(MW, IN(4)) else None, lambda: inv_total(MW, IN(4))),
 "b39-mw-dedza-pump-test-no-log": (None, lambda: line_gross(MW, IN(5), 3)),
 "b39-mw-cml-no-visit-16-oct": (lambda: dates_credit(MW, IN(6), 1, "MAINT-VISIT", ["2026-10-16"]), lambda: units_credit(MW, IN(6), 1, 1)),
 "b39-mw-cml-two-rolls-crushed": (lambda: units_credit(MW, IN(7), 1, delivered(MW, IN(7), "PIPE-HDPE", "damagedQuantity")), lambda: units_credit(MW, IN(7), 1, 2)),
 "b39-mw-kasungu-interest-grace": (lambda: fee_not_owed(MW, IN(8), T_MW), lambda: fee(MW, IN(8), "late_fee")),
 "b39-mw-kasungu-eft-unapplied": (lambda: unapplied_payment(MW, IN(9), "2026-11-12"), lambda: open_bal(MW, IN(9))),
 "b39-mw-luangwa-freight-on-po": (lambda: Z if fee_on_po(MW, IN(10), "freight") else fee(MW, IN(10), "freight"), lambda: fee(MW, IN(10), "freight")),
 "b39-mw-luangwa-swift-usd": (lambda: unapplied_payment(MW, IN(11), "2026-11-06"), lambda: open_bal(MW, IN(11))),
 "b39-mw-thyolo-october-twice": (lambda: inv_total(MW, IN(13)) if same_basis_duplicate(MW, IN(13), IN(12)) else Z, lambda: inv_total(MW, IN(13))),
 "b39-mw-kasungu-rate-111k-writeoff": (lambda: price_diff(MW, IN(14), 1), lambda: price_diff(MW, IN(14), 1, "111000.00")),
 "b39-mw-dedza-pipe-grn-8": (None, lambda: short(MW, IN(15), 1, 8)),
 "b39-mw-cml-monitoring-after-contract": (lambda: outside_contract(MW, IN(16)), lambda: outside_contract(MW, IN(16))),
 "b39-mw-wfa-samples-corrected": (lambda: short(MW, IN(17), 1, logged(MW, IN(17), "WQ-TEST")), lambda: short(MW, IN(17), 1, 8)),

 "b39-bz-ccb-hsk-112-hours": (lambda: short(BZ, BR(1187), 1, logged(BZ, BR(1187), "HSK-HR")), lambda: short(BZ, BR(1187), 1, 112)),
 "b39-bz-ccb-bartender-rate": (lambda: price_diff(BZ, BR(1188), 2), lambda: price_diff(BZ, BR(1188), 2, "17.50")),
 "b39-bz-arr-cooks-not-up-to-standard": (lambda: short(BZ, BR(1189), 3, logged(BZ, BR(1189), "COOK-HR")), lambda: line_gross(BZ, BR(1189), 3)),
 "b39-bz-fgct-ap-no-po": (lambda: Z if po_defect(BZ, BR(1191)) else None, lambda: inv_total(BZ, BR(1191))),
 "b39-bz-fgct-week-billed-twice": (lambda: inv_total(BZ, BR(1193)) if same_basis_duplicate(BZ, BR(1193), BR(1192)) else Z, lambda: inv_total(BZ, BR(1193))),
 "b39-bz-sij-cook-72-hours-writeoff": (lambda: short(BZ, BR(1194), 1, logged(BZ, BR(1194), "COOK-HR")), lambda: short(BZ, BR(1194), 1, 72)),
 "b39-bz-coral-key-deduction-40-hk": (lambda: short(BZ, BR(1196), 1, logged(BZ, BR(1196), "HSK-HR")), lambda: units_credit(BZ, BR(1196), 1, 40)),
 "b39-bz-coral-key-wire-1197": (lambda: unapplied_payment(BZ, BR(1197), "2026-11-16"), lambda: open_bal(BZ, BR(1197))),
 "b39-bz-bacalar-bartenders-mxn": (lambda: short(BZ, BR(1198), 2, logged(BZ, BR(1198), "BAR-HR")), lambda: short(BZ, BR(1198), 2, 16)),
 "b39-bz-redcross-late-cooks-goodwill": (lambda: short(BZ, BR(1199), 1, logged(BZ, BR(1199), "COOK-HR")), lambda: units_credit(BZ, BR(1199), 1, 12)),
 "b39-bz-fgct-late-charge-no-clause": (lambda: fee_not_owed(BZ, BR(1200), T_BZ), lambda: fee(BZ, BR(1200), "late_fee")),
 "b39-bz-ccb-water-taxi-3rd-4th": (None, lambda: units_credit(BZ, BR(1201), 2, 2)),
 "b39-bz-arr-uniforms-20-of-24": (lambda: short(BZ, BR(1202), 1, delivered(BZ, BR(1202), "UNIFORM")), lambda: short(BZ, BR(1202), 1, 20)),
 "b39-bz-ccb-1160-cheque-balance": (lambda: unapplied_payment(BZ, BR(1160), "2026-09-02"), lambda: open_bal(BZ, BR(1160))),
 "b39-bz-sij-gst-on-wages": (lambda: Z if tax_stands(BZ, BR(1195)) else inv_tax(BZ, BR(1195)), lambda: inv_tax(BZ, BR(1195))),
 "b39-bz-arr-placement-fee": (lambda: Z if line_supported_by_contract(BZ, BR(1190), 1) else line_gross(BZ, BR(1190), 1), lambda: line_gross(BZ, BR(1190), 1)),

 "b39-gy-ecb-retrievals-38-writeoff": (lambda: short(GY, DR(412), 2, logged(GY, DR(412), "RETR")), lambda: short(GY, DR(412), 2, 38)),
 "b39-gy-ecb-shredding-billed-twice": (lambda: inv_total(GY, DR(419)) if same_basis_duplicate(GY, DR(419), DR(413)) else Z, lambda: inv_total(GY, DR(419))),
 "b39-gy-hp-storage-rate-165": (lambda: price_diff(GY, DR(414), 1), lambda: price_diff(GY, DR(414), 1)),
 "b39-gy-hp-six-wet-boxes": (lambda: units_credit(GY, DR(415), 1, delivered(GY, DR(415), "BOX-NEW", "damagedQuantity")), lambda: units_credit(GY, DR(415), 1, 6)),
 "b39-gy-pmc-purge-not-recognised": (lambda: Z if line_supported_by_contract(GY, DR(416), 1) else line_gross(GY, DR(416), 1), lambda: inv_total(GY, DR(416))),
 "b39-gy-bmi-finance-charge-writeoff": (lambda: fee_not_owed(GY, DR(417), T_GY), lambda: fee(GY, DR(417), "late_fee")),
 "b39-gy-sol-scan-pages-44k": (lambda: short(GY, DR(418), 2, logged(GY, DR(418), "SCAN-PG")), lambda: short(GY, DR(418), 2, 36000)),
 "b39-gy-sol-wire-september": (lambda: unapplied_payment(GY, DR(420), "2026-11-18"), lambda: open_bal(GY, DR(420))),
 "b39-gy-sol-portal-no-po": (lambda: Z if po_defect(GY, DR(421)) else None, lambda: inv_total(GY, DR(421))),
 "b39-gy-grdt-vat-donor-invoice": (lambda: inv_tax(GY, DR(422)) if tax_exempt(GY, DR(422)) else Z, lambda: inv_tax(GY, DR(422))),
 "b39-gy-pmc-truck-15th-22nd": (lambda: dates_credit(GY, DR(423), 1, "SHRED-VISIT", ["2026-10-15", "2026-10-22"]), lambda: units_credit(GY, DR(423), 1, 2)),
 "b39-gy-hp-boxes-no-delivery-note": (None, lambda: short(GY, DR(425), 1, 30)),
 "b39-gy-ecb-vault-after-december": (lambda: outside_contract(GY, DR(426)), lambda: inv_total(GY, DR(426))),
 "b39-gy-grdt-july-charity-rate": (lambda: price_diff(GY, DR(427), 1), lambda: price_diff(GY, DR(427), 1)),
}
NEEDS_INFO = {
 "b39-mw-dedza-pump-test-no-log": lambda: not has_log(MW, IN(5), "PUMP-TEST"),
 "b39-mw-dedza-pipe-grn-8": lambda: not has_delivery(MW, IN(15), "PIPE-HDPE"),
 "b39-bz-ccb-water-taxi-3rd-4th": lambda: unserved_dates(BZ, BR(1201), "WATER-TAXI", ["2026-11-03", "2026-11-04"]) is None,
 "b39-gy-hp-boxes-no-delivery-note": lambda: not has_delivery(GY, DR(425), "BOX-NEW"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b39-mw-wrong-customer-dedza-4406": (MW, IN(6), "MW-DDC"), "b39-bz-wrong-customer-ccb-1199": (BZ, BR(1199), "BZ-CCB")}

# ---- numbering: Pastel-style IN + 6 digits; QuickBooks-style BRS + 5 digits; DR + year + 5 digits. Tax on the lines vs exemption / export.
import re
PATTERN = {MW: r"^IN1044\d\d$", BZ: r"^BRS\d{5}$", GY: r"^DR26-\d{5}$"}
RATE = {MW: "0.165", BZ: "0.125", GY: "0.14"}
WRONGLY_TAXED = {IN(2), DR(422)}   # exempt customers taxed on every line (the tax_error cases)
for lgn, pat in PATTERN.items():
    for i in ledgers[lgn]["invoices"]:
        if not re.match(pat, i["number"]): fail(f"{i['number']}: numbering")
        rates = {l.get("taxRate") for l in i["lines"]}
        exempt_or_foreign = tax_exempt(lgn, i["number"]) or i["currency"] in ("USD", "MXN") and lgn != BZ or i["currency"] == "MXN"
        if i["number"] in WRONGLY_TAXED:
            if rates != {RATE[lgn]} or not tax_exempt(lgn, i["number"]): fail(f"{i['number']}: meant to be an exempt customer taxed on every line")
        elif exempt_or_foreign:
            if rates != {None}: fail(f"{i['number']}: exempt / zero-rated invoice carries tax")
        elif rates != {RATE[lgn]}: fail(f"{i['number']}: every line should carry {RATE[lgn]}")

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
    if not cid.startswith("b39-"): fail(f"{cid}: id prefix")
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


