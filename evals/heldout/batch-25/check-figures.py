#!/usr/bin/env python3
"""Batch-25 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-25/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # GTQ, USD, ZMW, MZN, NPR, INR: 2
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
NO_RATE = {"KF-000345"}   # batch 25: the Mozambican MZN invoice has no rate
INTENDED_WRONG_PO = set()   # batch 25: KF-000319 quotes a PO that exists but is cancelled
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
T_GT, T_ZM, T_NP = "2026-11-19", "2026-10-22", "2026-12-03"
GT, ZM, NP = "aguas-cristalinas-gtq.ledger.json", "kafue-aerial-zmw.ledger.json", "himal-expedition-npr.ledger.json"
def line_on_po(lgn, num, n):
    """An invoice line the customer's own PO lists (same SKU, same price, PO not cancelled): ordered, owed."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return bool(po and po.get("status") != "cancelled" and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"]))
def dated_units(lgn, num, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else len(u)
def no_payment_could_be_theirs(lgn, num):
    """No payment of the customer is unapplied, none is applied to this invoice, none references it or equals its open balance."""
    lg = ledgers[lgn]; i = I(lgn, num); tail = num.split("-")[-1].lstrip("0")
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"]]
    return not any(not p.get("invoiceNumber") or p.get("invoiceNumber") == num or tail in p.get("reference", "")
                   or D(p["amount"]) == open_bal(lgn, num) for p in ps)
R = {
 "b25-gt-pv-october-not-september": (lambda: price_diff(GT, "D4E7-30512", 1), lambda: price_diff(GT, "D4E7-30512", 1, "17.00")),
 "b25-gt-pv-ap-rejection-no-po": (lambda: Z if po_defect(GT, "D4E7-30513") else None, lambda: inv_total(GT, "D4E7-30513")),
 "b25-gt-sl-short-40-not-50": (lambda: short(GT, "D4E7-30471", 1, delivered(GT, "D4E7-30471", "GAR-5G")), lambda: short(GT, "D4E7-30471", 1, 860)),
 "b25-gt-sl-recargo-forwarded": (lambda: fee_not_owed(GT, "D4E7-30402", T_GT), lambda: fee(GT, "D4E7-30402", "late_fee")),
 "b25-gt-ha-sanitization-dates": (None, None),
 "b25-gt-ha-32-sanitized": (lambda: short(GT, "D4E7-30509", 2, logged(GT, "D4E7-30509", "SANIT")), lambda: short(GT, "D4E7-30509", 2, 32)),
 "b25-gt-mv-iva-colegio": (lambda: inv_tax(GT, "D4E7-30520") if tax_exempt(GT, "D4E7-30520") else Z, lambda: inv_tax(GT, "D4E7-30520")),
 "b25-gt-mv-november-after-contract": (lambda: outside_contract(GT, "D4E7-30542"), lambda: inv_total(GT, "D4E7-30542")),
 "b25-gt-sa-flete-forwarded": (lambda: Z if fee_on_po(GT, "D4E7-30477", "freight") else fee(GT, "D4E7-30477", "freight"), lambda: fee(GT, "D4E7-30477", "freight")),
 "b25-gt-sa-transfer-bac": (lambda: unapplied_payment(GT, "D4E7-30510", "2026-11-16"), lambda: open_bal(GT, "D4E7-30510")),
 "b25-gt-tr-two-october": (lambda: inv_total(GT, "D4E7-30527") if same_basis_duplicate(GT, "D4E7-30527", "D4E7-30526") else Z, lambda: inv_total(GT, "D4E7-30527")),
 "b25-gt-tr-sanitizacion-queja": (lambda: short(GT, "D4E7-30493", 3, logged(GT, "D4E7-30493", "SANIT")), lambda: line_gross(GT, "D4E7-30493", 3)),
 "b25-gt-sl-fardo-38": (lambda: price_diff(GT, "D4E7-30540", 2), lambda: price_diff(GT, "D4E7-30540", 2, "38.00")),
 "b25-gt-ha-garrafones-rotos": (lambda: units_credit(GT, "D4E7-30534", 1, delivered(GT, "D4E7-30534", "GAR-5G", "damagedQuantity")), lambda: units_credit(GT, "D4E7-30534", 1, 14 + 10)),
 "b25-gt-pv-september-16": (lambda: price_diff(GT, "D4E7-30488", 1), lambda: price_diff(GT, "D4E7-30488", 1, "16.00")),
 "b25-gt-sl-julio-old": (lambda: short(GT, "D4E7-30377", 1, delivered(GT, "D4E7-30377", "GAR-5G")), lambda: short(GT, "D4E7-30377", 1, 780)),

 "b25-zm-ncg-hectares-corrected": (lambda: short(ZM, "KF-000318", 1, logged(ZM, "KF-000318", "SPRAY-HA")), lambda: short(ZM, "KF-000318", 1, 2120)),
 "b25-zm-ncg-cancelled-po": (lambda: Z if po_defect(ZM, "KF-000319") else None, lambda: inv_total(ZM, "KF-000319")),
 "b25-zm-mwe-interest-one-month": (lambda: fee_not_owed(ZM, "KF-000296", T_ZM), lambda: r(fee(ZM, "KF-000296", "late_fee") / 2, "ZMW")),
 "b25-zm-mwe-balance-paid": (lambda: unapplied_payment(ZM, "KF-000314", "2026-10-20"), lambda: open_bal(ZM, "KF-000314")),
 "b25-zm-csc-ninth-sprayed": (lambda: units_credit(ZM, "KF-000333", 1, 140 * dated_units(ZM, "KF-000333", "DRONE-HA", ["2026-09-09"])), lambda: units_credit(ZM, "KF-000333", 1, 140)),
 "b25-zm-csc-standby-november": (lambda: outside_contract(ZM, "KF-000352"), lambda: r(line_gross(ZM, "KF-000352", 1) * 13 / 30, "ZMW")),
 "b25-zm-ccg-rate-lpo": (lambda: price_diff(ZM, "KF-000326", 1), lambda: price_diff(ZM, "KF-000326", 1, "98.00")),
 "b25-zm-ccg-ferry-on-lpo": (lambda: Z if line_on_po(ZM, "KF-000339", 2) else line_gross(ZM, "KF-000339", 2), lambda: line_gross(ZM, "KF-000339", 2)),
 "b25-zm-not-permit-forwarded": (lambda: Z if fee_in_contract_notes(ZM, "KF-000317", "other", "overflight permit") else fee(ZM, "KF-000317", "other"), lambda: fee(ZM, "KF-000317", "other")),
 "b25-zm-not-double": (lambda: inv_total(ZM, "KF-000343") if same_basis_duplicate(ZM, "KF-000343", "KF-000342") else Z, lambda: inv_total(ZM, "KF-000343")),
 "b25-zm-vma-meticais": (lambda: short(ZM, "KF-000345", 1, logged(ZM, "KF-000345", "DRONE-HA")), lambda: short(ZM, "KF-000345", 1, 250)),
 "b25-zm-mwe-leaking-drums": (lambda: units_credit(ZM, "KF-000312", 2, delivered(ZM, "KF-000312", "CHEM-FUNG", "damagedQuantity")), lambda: units_credit(ZM, "KF-000312", 2, 60)),
 "b25-zm-csc-120-litres": (None, lambda: short(ZM, "KF-000349", 2, 120)),
 "b25-zm-csc-drone-130": (lambda: price_diff(ZM, "KF-000305", 1), lambda: price_diff(ZM, "KF-000305", 1, "130.00")),
 "b25-zm-ncg-paid-no-trace": (None, lambda: open_bal(ZM, "KF-000347")),

 "b25-np-stn-porter-days": (lambda: short(NP, "0431/083-84", 1, logged(NP, "0431/083-84", "PORTER-DAY")), lambda: short(NP, "0431/083-84", 1, 168 - 14)),
 "b25-np-stn-tents-which-bill": (lambda: price_diff(NP, "0432/083-84", 2), lambda: price_diff(NP, "0432/083-84", 2, "900.00")),
 "b25-np-eba-leaking-valves": (lambda: units_credit(NP, "0418/083-84", 1, delivered(NP, "0418/083-84", "O2-BTL", "damagedQuantity")), lambda: units_credit(NP, "0418/083-84", 1, 4)),
 "b25-np-eba-interest-grace": (lambda: fee_not_owed(NP, "0402/083-84", T_NP), lambda: fee(NP, "0402/083-84", "late_fee")),
 "b25-np-eba-48-at-base-camp": (lambda: short(NP, "0437/083-84", 1, delivered(NP, "0437/083-84", "O2-BTL")), lambda: short(NP, "0437/083-84", 1, 48)),
 "b25-np-aac-five-rotations": (lambda: short(NP, "0409/083-84", 2, logged(NP, "0409/083-84", "HELI-SLING")), lambda: short(NP, "0409/083-84", 2, 5)),
 "b25-np-aac-wire": (lambda: unapplied_payment(NP, "0427/083-84", "2026-11-24"), lambda: open_bal(NP, "0427/083-84")),
 "b25-np-aml-gas-price": (lambda: price_diff(NP, "0424/083-84", 1), lambda: price_diff(NP, "0424/083-84", 1, "620.00")),
 "b25-np-aml-canisters-no-record": (None, lambda: short(NP, "0434/083-84", 1, 460)),
 "b25-np-hra-vat-forwarded": (lambda: inv_tax(NP, "0421/083-84") if tax_exempt(NP, "0421/083-84") else Z, lambda: inv_tax(NP, "0421/083-84")),
 "b25-np-hra-15th-rotation": (lambda: units_credit(NP, "0442/083-84", 1, dated_units(NP, "0442/083-84", "HELI-SLING", ["2026-11-15"])), lambda: units_credit(NP, "0442/083-84", 1, 1)),
 "b25-np-gpa-tent-rate-inr": (lambda: price_diff(NP, "0412/083-84", 2), lambda: price_diff(NP, "0412/083-84", 2, "560.00")),
 "b25-np-stn-cargo-230": (lambda: short(NP, "0440/083-84", 1, delivered(NP, "0440/083-84", "CARGO-KG")), lambda: short(NP, "0440/083-84", 1, 230)),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b25-gt-ha-sanitization-dates": lambda: unserved_dates(GT, "D4E7-30455", "SANIT", ["2026-08-12", "2026-08-13"]) is None,
 "b25-zm-csc-120-litres": lambda: not has_delivery(ZM, "KF-000349", "CHEM-INSECT"),
 "b25-zm-ncg-paid-no-trace": lambda: no_payment_could_be_theirs(ZM, "KF-000347"),
 "b25-np-aml-canisters-no-record": lambda: not has_delivery(NP, "0434/083-84", "GAS-CAN"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b25-gt-wrong-customer-30512": (GT, "D4E7-30512", "GT-06"), "b25-np-wrong-customer-0431": (NP, "0431/083-84", "NP-02")}

# ---- numbering: GT FEL series D4E7 + 5 digits; ZM six-digit zero-padded; NP number/fiscal year 083-84; sequence follows issue dates
import re
for lgn, pat in ((GT, r"^D4E7-3\d{4}$"), (ZM, r"^KF-\d{6}$"), (NP, r"^\d{4}/083-84$")):
    invs = ledgers[lgn]["invoices"]
    for i in invs:
        if not re.match(pat, i["number"]): fail(f"{i['number']}: numbering")
    seq = sorted(invs, key=lambda i: i["number"])
    if [i["issueDate"] for i in seq] != sorted(i["issueDate"] for i in invs): fail(f"{lgn}: numbers do not follow issue dates")
for i in ledgers[GT]["invoices"]:
    if tax_exempt(GT, i["number"]) and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "D4E7-30520": fail(f"{i['number']}: exempt customer taxed")
    if i["currency"] != "GTQ" and any(l.get("taxRate") for l in i["lines"]): fail(f"{i['number']}: export taxed")
for i in ledgers[NP]["invoices"]:
    if tax_exempt(NP, i["number"]) and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "0421/083-84": fail(f"{i['number']}: exempt customer taxed")
    if i["currency"] != "NPR" and any(l.get("taxRate") for l in i["lines"]): fail(f"{i['number']}: export taxed")
for i in ledgers[ZM]["invoices"]:
    if i["currency"] != "ZMW" and any(l.get("taxRate") for l in i["lines"]): fail(f"{i['number']}: export taxed")
    if any(l["sku"].startswith("CHEM") and l.get("taxRate") for l in i["lines"]): fail(f"{i['number']}: chemicals are zero-rated")
# the 2 November pair of Summit Trails: only 0432 bills tents above the contract
if price_diff(NP, "0431/083-84", 3) != 0: fail("0431/083-84: tents should be at the contract price")
# the GT-05 payment threshold sits between the two USD rates
if not (r(D("10000.20") * D("7.6880"), "GTQ") < D("77000.00") <= r(D("10000.20") * D("7.7150"), "GTQ")): fail("30510: threshold no longer between the two rates")

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
    if not cid.startswith("b25-"): fail(f"{cid}: id prefix")
    if os.path.basename(glob.glob(f"{HERE}/{cid}.case.json")[0]) != f"{cid}.case.json": fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 4: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if not ALL4 <= set(e.get("mustNotHappen", [])): fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums or (sum(ch.isdigit() for ch in n) >= 4 and any(x.endswith(n) or x.startswith(n) for x in nums)) for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
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
multi = sum(1 for c in cases if len(c["turns"]) >= 2)
if multi < 20: fail(f"only {multi} conversations of 2-4 turns")
print(f"  conversations of 2-4 turns: {multi}")
print("  escalation:", dict(Counter(c["expect"].get("escalation", "none") for c in cases)))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

