#!/usr/bin/env python3
"""Batch-50 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-50/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # GIP, LBP, USD, EUR: 2
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
NO_RATE = set()   # batch 50: every foreign-currency invoice has a rate
INTENDED_WRONG_PO = set()   # batch 50: SLH-1448-0240 quotes a PO that exists but was cancelled
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
LY, GI, LB = "al-sahel-lifting-lyd.ledger.json", "rock-bay-marine-gip.ledger.json", "zahle-sun-power-lbp.ledger.json"
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
def fee_in_contract_notes(lgn, num, t, word):
    """The contract's notes name the fee (by the given words)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    return bool(c and word.lower() in c.get("notes", "").lower())
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def all_lines_logged_short(lgn, num):
    i = I(lgn, num)
    if not all(has_log(lgn, num, l["sku"]) for l in i["lines"]): return None
    return sum((short(lgn, num, l["line"], logged(lgn, num, l["sku"])) for l in i["lines"]), D("0"))

Z = D("0")
T_LY, T_GI, T_LB = "2026-12-10", "2026-11-27", "2026-12-03"
def S(n): return f"SLH-1448-{n}"
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b50-ly-qas-late-fee-0203": (lambda: fee_not_owed(LY, S("0203"), T_LY), lambda: fee(LY, S("0203"), "late_fee")),
 "b50-ly-bcc-slings-damaged": (lambda: units_credit(LY, S("0207"), 2, delivered(LY, S("0207"), "SLING-10T", "damagedQuantity")), lambda: units_credit(LY, S("0207"), 2, 4)),
 "b50-ly-qas-overtime-0211": (lambda: short(LY, S("0211"), 2, logged(LY, S("0211"), "OP-OT")), lambda: short(LY, S("0211"), 2, 18)),
 "b50-ly-kzy-paid-august": (lambda: unapplied_payment(LY, S("0214"), "2026-11-20"), lambda: open_bal(LY, S("0214"))),
 "b50-ly-qas-crane-rate-corrected": (lambda: price_diff(LY, S("0222"), 1), lambda: price_diff(LY, S("0222"), 1, "4200.000")),
 "b50-ly-bcc-contract-ended": (lambda: outside_contract(LY, S("0225")), lambda: units_credit(LY, S("0225"), 1, 5)),
 "b50-ly-kzy-lowbed-corrected": (lambda: short(LY, S("0228"), 2, logged(LY, S("0228"), "LOWBED-TRIP")), lambda: short(LY, S("0228"), 2, 5)),
 "b50-ly-kzy-mob-fee": (lambda: Z if (fee_in_contract_notes(LY, S("0231"), "other", "mobilisation / demobilisation") or fee_on_po(LY, S("0231"), "other")) else fee(LY, S("0231"), "other"), lambda: fee(LY, S("0231"), "other")),
 "b50-ly-kzy-october-twice": (lambda: inv_total(LY, S("0234")) if same_basis_duplicate(LY, S("0234"), S("0231")) else Z, lambda: inv_total(LY, S("0234"))),
 "b50-ly-zph-late-fee-0205": (lambda: fee_not_owed(LY, S("0205"), T_LY), lambda: fee(LY, S("0205"), "late_fee")),
 "b50-ly-zph-forklift-goodwill": (lambda: short(LY, S("0218"), 1, logged(LY, S("0218"), "FORKLIFT-16T")), lambda: units_credit(LY, S("0218"), 1, 1)),
 "b50-ly-bcc-cancelled-po": (lambda: Z if po_defect(LY, S("0240")) else None, lambda: inv_total(LY, S("0240"))),
 "b50-ly-zmc-crane-days": (None, lambda: units_credit(LY, S("0243"), 1, 1)),
 "b50-ly-qas-loadtest-dates": (None, lambda: units_credit(LY, S("0245"), 1, 1)),
 "b50-ly-bcc-lowbed-new-rate": (lambda: price_diff(LY, S("0248"), 1), lambda: price_diff(LY, S("0248"), 1, "3100.000")),
 "b50-ly-zph-paid-0250": (lambda: unapplied_payment(LY, S("0250"), "2026-12-01"), lambda: open_bal(LY, S("0250"))),

 "b50-gi-ads-launch-16-sep": (lambda: units_credit(GI, "RB-4471/1", 2, len(unserved_dates(GI, "RB-4471/1", "LAUNCH-TRIP", ["2026-09-16"]))), lambda: units_credit(GI, "RB-4471/1", 2, 1)),
 "b50-gi-ads-water-second": (lambda: short(GI, "RB-4471/2", 1, delivered(GI, "RB-4471/2", "FW-TONNE")), lambda: short(GI, "RB-4471/2", 1, 138)),
 "b50-gi-ads-dive-price": (lambda: price_diff(GI, "RB-4490/1", 1), lambda: price_diff(GI, "RB-4490/1", 1, "2800.00")),
 "b50-gi-ads-no-req": (lambda: Z if po_defect(GI, "RB-4512/1") else None, lambda: inv_total(GI, "RB-4512/1")),
 "b50-gi-ktm-late-interest": (lambda: fee_not_owed(GI, "RB-4433/1", T_GI), lambda: fee(GI, "RB-4433/1", "late_fee")),
 "b50-gi-ktm-crew-count": (lambda: short(GI, "RB-4458/1", 1, logged(GI, "RB-4458/1", "CREW-CHG")), lambda: short(GI, "RB-4458/1", 1, 11)),
 "b50-gi-ktm-spares-twice": (lambda: inv_total(GI, "RB-4458/2") if same_basis_duplicate(GI, "RB-4458/2", "RB-4458/1") else Z, lambda: inv_total(GI, "RB-4458/2")),
 "b50-gi-ktm-paid-4502": (lambda: unapplied_payment(GI, "RB-4502/1", "2026-11-17"), lambda: open_bal(GI, "RB-4502/1")),
 "b50-gi-bos-launch-trips": (lambda: short(GI, "RB-4440/1", 2, logged(GI, "RB-4440/1", "LAUNCH-TRIP")), lambda: short(GI, "RB-4440/1", 2, 3)),
 "b50-gi-bos-garbage-rate": (lambda: price_diff(GI, "RB-4481/1", 2), lambda: price_diff(GI, "RB-4481/1", 2, "65.00")),
 "b50-gi-bos-light-dues": (lambda: Z if fee_in_contract_notes(GI, "RB-4481/1", "other", "light dues") else fee(GI, "RB-4481/1", "other"), lambda: fee(GI, "RB-4481/1", "other")),
 "b50-gi-dtf-late-interest": (lambda: fee_not_owed(GI, "RB-4466/1", T_GI), lambda: fee(GI, "RB-4466/1", "late_fee")),
 "b50-gi-dtf-water-short": (None, lambda: short(GI, "RB-4497/1", 2, 210)),
 "b50-gi-cbp-dive-aborted": (lambda: short(GI, "RB-4509/1", 1, logged(GI, "RB-4509/1", "DIVE-INSP")), lambda: line_gross(GI, "RB-4509/1", 1)),
 "b50-gi-ads-grace-call": (lambda: all_lines_logged_short(GI, "RB-4520/1"), lambda: inv_total(GI, "RB-4520/1")),

 "b50-lb-cht-cleaning-visits": (lambda: short(LB, "F.1398/26", 1, logged(LB, "F.1398/26", "CLEAN-V")), lambda: short(LB, "F.1398/26", 1, 2)),
 "b50-lb-cht-maint-price": (lambda: price_diff(LB, "F.1398/26", 2), lambda: price_diff(LB, "F.1398/26", 2, "4475000.00")),
 "b50-lb-bfs-panel-price": (lambda: price_diff(LB, "F.1405/26", 1), lambda: price_diff(LB, "F.1405/26", 1, "6980000.00")),
 "b50-lb-bfs-no-po": (lambda: Z if po_defect(LB, "F.1411/26") else None, lambda: inv_total(LB, "F.1411/26")),
 "b50-lb-bfs-battery-damaged": (lambda: units_credit(LB, "F.1416/26", 1, delivered(LB, "F.1416/26", "BAT-5K", "damagedQuantity")), lambda: units_credit(LB, "F.1416/26", 1, 1)),
 "b50-lb-mri-vat": (lambda: inv_tax(LB, "F.1402/26") if tax_exempt(LB, "F.1402/26") else Z, lambda: inv_tax(LB, "F.1402/26")),
 "b50-lb-mri-paid": (lambda: unapplied_payment(LB, "F.1419/26", "2026-11-24"), lambda: open_bal(LB, "F.1419/26")),
 "b50-lb-tag-freight": (lambda: Z if fee_in_contract_notes(LB, "F.1407/26", "freight", "sea freight") else fee(LB, "F.1407/26", "freight"), lambda: fee(LB, "F.1407/26", "freight")),
 "b50-lb-tag-broken-panels": (lambda: units_credit(LB, "F.1413/26", 1, delivered(LB, "F.1413/26", "PV-590", "damagedQuantity")), lambda: units_credit(LB, "F.1413/26", 1, 8)),
 "b50-lb-tag-second-invoice": (lambda: inv_total(LB, "F.1421/26") if same_basis_duplicate(LB, "F.1421/26", "F.1420/26") else Z, lambda: inv_total(LB, "F.1421/26")),
 "b50-lb-fht-after-end": (lambda: outside_contract(LB, "F.1425/26"), lambda: inv_total(LB, "F.1425/26")),
 "b50-lb-cht-panels-count": (lambda: short(LB, "F.1409/26", 1, delivered(LB, "F.1409/26", "PV-590")), lambda: units_credit(LB, "F.1409/26", 1, 2)),
 "b50-lb-end-maint-once": (None, lambda: units_credit(LB, "F.1417/26", 1, 1)),
 "b50-lb-cht-paid-cash": (None, lambda: open_bal(LB, "F.1423/26")),
 "b50-lb-bfs-late-fee": (lambda: fee_not_owed(LB, "F.1394/26", T_LB), lambda: fee(LB, "F.1394/26", "late_fee")),
}
def no_payment_could_be_theirs(lgn, num):
    """No unapplied payment of the customer, nothing applied to this invoice, and every payment of theirs names another invoice."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return all(p.get("invoiceNumber") not in (None, num) and p["invoiceNumber"].replace(".", "").split("/")[0] in p["reference"].replace(".", "") for p in mine)
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b50-ly-zmc-crane-days": lambda: not has_log(LY, S("0243"), "CRANE-100T") and not contract_of(ledgers[LY], I(LY, S("0243"))),
 "b50-ly-qas-loadtest-dates": lambda: unserved_dates(LY, S("0245"), "LOADTEST", ["2026-11-05"]) is None,
 "b50-gi-dtf-water-short": lambda: not has_delivery(GI, "RB-4497/1", "FW-TONNE"),
 "b50-lb-end-maint-once": lambda: not has_log(LB, "F.1417/26", "MAINT-V"),
 "b50-lb-cht-paid-cash": lambda: no_payment_could_be_theirs(LB, "F.1423/26"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b50-lb-mri-wrong-invoice": (LB, "F.1398/26", "LB-MRI")}
# Cases that check only that no money moves (besides unknown invoices and wrong customers).
WITHDRAWN = {"b50-gi-cbp-withdrawn": lambda: delivered(GI, "RB-4515/1", "SPARES-DEL") == billed_qty(GI, "RB-4515/1", 1)}

# ---- numbering: Al-Sahel's Hijri year (1448 began 2026-06-16); Rock Bay's call/sequence; Zahlé's F.nnnn/yy in issue order
for i in ledgers[LY]["invoices"]:
    parts = i["number"].split("-")
    if parts[:2] != ["SLH", "1448"] or len(parts[2]) != 4 or i["issueDate"] < "2026-06-16": fail(f"{i['number']}: Hijri numbering")
for i in ledgers[GI]["invoices"]:
    call, seq = i["number"][3:].split("/")
    if not (i["number"].startswith("RB-") and call.isdigit() and seq.isdigit()): fail(f"{i['number']}: call/sequence numbering")
lbn = [(int(i["number"][2:6]), i["number"]) for i in ledgers[LB]["invoices"]]
if not all(i["number"].startswith("F.") and i["number"].endswith("/26") for i in ledgers[LB]["invoices"]): fail("LB: numbering")
for i in ledgers[LB]["invoices"]:
    taxed = any(l.get("taxRate") for l in i["lines"])
    if i["currency"] == "EUR" and taxed: fail(f"{i['number']}: exports are zero-rated")
    if i["currency"] == "LBP" and not all(l.get("taxRate") == "0.11" for l in i["lines"]): fail(f"{i['number']}: VAT 11 % on every LBP line")
for lgn in (LY, GI):
    if any(l.get("taxRate") for i in ledgers[lgn]["invoices"] for l in i["lines"]): fail(f"{lgn}: no VAT in Libya or Gibraltar")
# the unknown invoices of the noResolution cases really are absent
for lgn, num in ((LY, "SLH-1448-0290"), (GI, "RB-4471/3"), (LY, "SLH-1448-0212"), (LY, "SLH-1448-0270")):
    if any(i["number"] == num for i in ledgers[lgn]["invoices"]): fail(f"{num} exists but a case treats it as unknown")

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
    if not cid.startswith("b50-"): fail(f"{cid}: id prefix")
    if os.path.basename(glob.glob(f"{HERE}/{cid}.case.json")[0]) != f"{cid}.case.json": fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 2 <= len(c["turns"]) <= 5: fail(f"{cid}: {len(c['turns'])} turns")
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
    if cid in WITHDRAWN and not WITHDRAWN[cid](): fail(f"{cid}: the ledger does not bear out the withdrawal")
    if "invoiceNumber" not in e and cid not in WRONG_CUSTOMER and cid not in WITHDRAWN and not e.get("noResolution"): fail(f"{cid}: no invoice and no reason to check none")
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

