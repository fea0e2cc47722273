#!/usr/bin/env python3
"""Batch-56 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once). Prints the tallies and the mismatches;
exit 1 if any.
Usage: python3 evals/heldout/batch-56/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "CLP": 0}  # VES, USD, CUP: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

VE, EC, CU = "genetica-llanera-ves.ledger.json", "balsera-quevedo-usd.ledger.json", "ensayos-mariel-cup.ledger.json"
ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
if set(ledgers) != {VE, EC, CU}: fail(f"ledgers: {sorted(ledgers)}")

def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur):
    return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else D("0")
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D("0"))
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), D("0"))
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), D("0"))
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), D("0"))
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)

# ---- ledgers: totals, statuses, references, terms, minor digits
INTENDED_WRONG_TERMS = {"001-001-000001195"}   # due in 15 days while CT-EC-05 says 30 (b56-ec-posorja-terms)
NO_CONTRACT_TERMS = 15                         # Techos y Losas has no contract: 15 days on its invoices
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if lg["policy"]["approvalLimits"]["lead"] != lg["policy"]["escalationAmount"]: fail(f"{name}: lead limit differs from the escalation amount")
    for c in lg.get("contracts", []):
        if c["customerId"] not in custs: fail(f"{name} contract {c['id']}: unknown customer")
        for p in c["prices"]:
            if not decimals_ok(p["unitPrice"], c["currency"]): fail(f"{name} contract {c['id']}: price digits")
    for i in lg["invoices"]:
        cur = i["currency"]
        if i["issueDate"] > "2026-11-18" and name == VE or i["issueDate"] > "2026-11-25" and name == EC or i["issueDate"] > "2026-12-02" and name == CU:
            fail(f"{name} {i['number']}: issued after the cases' today")
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if [l["line"] for l in i["lines"]] != list(range(1, len(i["lines"]) + 1)): fail(f"{name} {i['number']}: line numbers")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            want = c["paymentTermsDays"]
            if (days(i["issueDate"], i["dueDate"]) != want) != (i["number"] in INTENDED_WRONG_TERMS): fail(f"{name} {i['number']}: due date vs contract terms")
            if c.get("poRequired") and not i.get("poNumber") and i["number"] != "00-0004515": fail(f"{name} {i['number']}: PO required but missing (not intended)")
        elif days(i["issueDate"], i["dueDate"]) != NO_CONTRACT_TERMS: fail(f"{name} {i['number']}: no contract, due date not on 15 days")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on {i['issueDate']}")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        if po and po in pos and pos[po].get("currency", cur0) != cur: fail(f"{name} {i['number']}: PO currency")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] != invoice(lg, s["invoiceNumber"])["customerId"]: fail(f"{name} log {s['id']}: customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("remittance"): fail(f"{name} payment {p['id']}: no remittance advice in this batch (it would open disputes by itself)")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber"): fail(f"{name} past dispute {d['id']}: past disputes carry no invoice number here")

# ---- numbering: VE control numbers 00-NNNNNNN (one sequence); EC SRI establishment-point-sequence
# 001-00P-NNNNNNNNN (P 1 local, 2 export, a sequence each); CU MN-NNNN/26 (CUP) and DV-NNNN/26 (USD), one
# sequence each; sequences follow the issue dates.
def seq_ok(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
v = ledgers[VE]["invoices"]
if not all(re.fullmatch(r"00-\d{7}", i["number"]) for i in v) or not seq_ok(v): fail("VE numbering")
for pt, cur_ok in (("001", lambda i: i["customerId"] in ("EC-C04", "EC-C05")), ("002", lambda i: i["customerId"] in ("EC-C01", "EC-C02", "EC-C03"))):
    v = [i for i in ledgers[EC]["invoices"] if i["number"].startswith(f"001-{pt}-")]
    if not all(re.fullmatch(r"001-00[12]-\d{9}", i["number"]) and cur_ok(i) for i in v) or not seq_ok(v): fail(f"EC numbering, point {pt}")
if len(ledgers[EC]["invoices"]) != sum(1 for i in ledgers[EC]["invoices"] if i["number"][:8] in ("001-001-", "001-002-")): fail("EC point")
for series, cur in (("MN", "CUP"), ("DV", "USD")):
    v = [i for i in ledgers[CU]["invoices"] if i["number"].startswith(series)]
    if not all(re.fullmatch(rf"{series}-\d{{4}}/26", i["number"]) and i["currency"] == cur for i in v) or not seq_ok(v): fail(f"CU series {series}")
if sum(1 for i in ledgers[CU]["invoices"] if i["number"][:2] in ("MN", "DV")) != len(ledgers[CU]["invoices"]): fail("CU series letters")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
Z = D("0")
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def credit_units(lgn, num, n, units, price_diff=None):
    """A credit-memo line: units x unit price (or x a price difference), rounded, plus the line's tax on it, rounded once.
    Also checked against (gross billed - gross of what is left) so that no case depends on which way it is computed."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    price = price_diff if price_diff is not None else D(l["unitPrice"])
    n_ = r(D(str(units)) * price, cur); direct = n_ + tax(l, n_, cur)
    if price_diff is None:
        left = D(str(l["quantity"])) - D(str(units))
        other = gross(l, cur) - gross(l, cur, qty=left)
    else:
        other = gross(l, cur) - gross(l, cur, price=str(D(l["unitPrice"]) - price_diff))
    if direct != other: fail(f"{num} line {n}: credit {direct} computed directly, {other} by difference")
    return direct
def price_diff(lgn, num, n, price=None):
    i = I(lgn, num); l = line(i, n)
    agreed_price = D(price or agreed(lgn, num, l["sku"]))
    return max(credit_units(lgn, num, n, l["quantity"], D(l["unitPrice"]) - agreed_price), Z)
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def delivered(lgn, num, sku, field="quantity"):
    return sum(D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def short(lgn, num, n, counted): return credit_units(lgn, num, n, max(billed_qty(lgn, num, n) - counted, Z))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
        if not any(s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else credit_units(lgn, num, n, len(u))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), Z)
def every_taxed_line(lgn, num): return all(l.get("taxRate") for l in I(lgn, num)["lines"] if l.get("taxRate")) and inv_tax(lgn, num) > 0
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), Z)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

def late_fee_allowed(lgn, num, today):
    """DOMAIN: contract clause, grace days, actual payment date. None without a clause; none when the
    principal was paid by due + grace; else percentPerMonth of the principal unpaid at the end of grace,
    per started 30-day month from the due date to the settling payment (or today)."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; c = contract_of(lg, i)
    if not c or not c.get("lateFee"): return Z
    grace = c["lateFee"].get("graceDays", 0); grace_end = plus(i["dueDate"], grace)
    prin = principal(i)
    ps = sorted(pays(lg, num), key=lambda p: p["date"])
    overdue = prin - sum((D(p["amount"]) for p in ps if p["date"] <= grace_end), Z)
    if overdue <= 0: return Z
    settled, acc = today, Z
    for p in ps:
        acc += D(p["amount"])
        if acc >= prin: settled = p["date"]; break
    late = days(i["dueDate"], settled)
    if late <= grace: return Z
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
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), Z)
def wrong_terms(lgn, num):
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    return c["startDate"] <= i["issueDate"] <= c.get("endDate", "9999") and days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]

def unapplied_payment(lgn, num, when, ref):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"]
          and p["date"] == when and ref in p.get("reference", "")]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num)) if ps else None

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"], x.get("taxRate")) == (y["sku"], y["quantity"], y["unitPrice"], y.get("taxRate"))
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"

def fee_on_po(lgn, num, t):
    """The customer's (not cancelled) PO has a line whose description matches the fee's, at that amount."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    words = lambda s: sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if words(l.get("description", l["sku"])) == words(f.get("description", "")) and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]): return True
    return False
def fee_in_contract_notes(lgn, num, t):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    notes = (c or {}).get("notes", "").lower()
    return any(w in notes for w in f.get("description", "").lower().split() if len(w) > 6)
def line_supported_by_contract_price(lgn, num, n):
    i = I(lgn, num); l = line(i, n); return contract_price(lgn, num, l["sku"]) == l["unitPrice"]
def has_rendered_log(lgn, num, sku): return logged(lgn, num, sku) >= 1
def customer_has_contract_or_po(lgn, num):
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    return any(c["customerId"] == cust for c in lg.get("contracts", [])) or any(p["customerId"] == cust for p in lg.get("purchaseOrders", []))

T_VE, T_EC, T_CU = "2026-11-18", "2026-11-25", "2026-12-02"
R = {
 # Venezuela (VES; USD at 318.5000 / 352.2000)
 "b56-ve-samanes-gir-price": (lambda: price_diff(VE, "00-0004502", 1), lambda: credit_units(VE, "00-0004502", 1, 40, D("250.00"))),
 "b56-ve-cedral-nitrogen-short": (lambda: short(VE, "00-0004497", 1, delivered(VE, "00-0004497", "NITRO-L")), lambda: credit_units(VE, "00-0004497", 1, 60)),
 "b56-ve-cedral-iatf-pregnancy": (lambda: Z if logged(VE, "00-0004509", "IATF-HEAD") >= billed_qty(VE, "00-0004509", 1) else None, lambda: r(line_gross(VE, "00-0004509", 1) / 2, "VES")),
 "b56-ve-samanes-thawed-straws": (lambda: credit_units(VE, "00-0004488", 1, delivered(VE, "00-0004488", "PAJ-HOL", "damagedQuantity")), lambda: credit_units(VE, "00-0004488", 1, 20)),
 "b56-ve-samanes-no-po": (lambda: Z if po_defect(VE, "00-0004515") else None, lambda: inv_total(VE, "00-0004515")),
 "b56-ve-fundagen-iva": (lambda: inv_tax(VE, "00-0004505") if tax_exempt(VE, "00-0004505") else Z, lambda: inv_tax(VE, "00-0004505")),
 "b56-ve-fundagen-cert-fee": (lambda: Z if (fee_on_po(VE, "00-0004520", "other") or fee_in_contract_notes(VE, "00-0004520", "other")) else fee(VE, "00-0004520", "other"), lambda: fee(VE, "00-0004520", "other")),
 "b56-ve-arrieta-double-iatf": (lambda: inv_total(VE, "00-0004492") if same_basis_duplicate(VE, "00-0004492", "00-0004490") and open_bal(VE, "00-0004490") == 0 else Z, lambda: inv_total(VE, "00-0004492")),
 "b56-ve-arrieta-october-retainer": (lambda: outside_contract(VE, "00-0004512"), lambda: D("600.00")),
 "b56-ve-tepequem-paid-wire": (lambda: unapplied_payment(VE, "00-0004499", "2026-11-09", "TEPQ-0911"), lambda: open_bal(VE, "00-0004499")),
 "b56-ve-tepequem-visit-dates": (None, lambda: credit_units(VE, "00-0004519", 1, 2)),
 "b56-ve-tepequem-late-interest": (lambda: fee_not_owed(VE, "00-0004466", T_VE), lambda: fee(VE, "00-0004466", "late_fee")),
 "b56-ve-cedral-visit-dates": (lambda: dates_credit(VE, "00-0004511", 1, "VISIT-TEC", ["2026-10-08", "2026-10-09"]), lambda: credit_units(VE, "00-0004511", 1, 2)),
 "b56-ve-samanes-freight-po": (lambda: Z if fee_on_po(VE, "00-0004494", "freight") else fee(VE, "00-0004494", "freight"), lambda: fee(VE, "00-0004494", "freight")),
 "b56-ve-fundagen-eco-price-correction": (lambda: price_diff(VE, "00-0004517", 1), lambda: credit_units(VE, "00-0004517", 1, 140, D("130.00"))),
 # Ecuador (USD)
 "b56-ec-pecem-kit-price": (lambda: price_diff(EC, "001-002-000000427", 1), lambda: credit_units(EC, "001-002-000000427", 1, 24, D("270.00"))),
 "b56-ec-pecem-panels-short": (lambda: short(EC, "001-002-000000421", 1, delivered(EC, "001-002-000000421", "PNL-25")), lambda: credit_units(EC, "001-002-000000421", 1, 150)),
 "b56-ec-pecem-cancelled-po": (lambda: Z if po_defect(EC, "001-002-000000416") else None, lambda: inv_total(EC, "001-002-000000416")),
 "b56-ec-bajio-fumigation": (lambda: Z if (line_supported_by_contract_price(EC, "001-002-000000424", 2) or has_rendered_log(EC, "001-002-000000424", "FUMIG")) else line_gross(EC, "001-002-000000424", 2), lambda: line_gross(EC, "001-002-000000424", 2)),
 "b56-ec-bajio-duplicate": (lambda: inv_total(EC, "001-002-000000435") if same_basis_duplicate(EC, "001-002-000000435", "001-002-000000433") else Z, lambda: inv_total(EC, "001-002-000000435")),
 "b56-ec-bajio-wet-panels": (lambda: credit_units(EC, "001-002-000000430", 1, delivered(EC, "001-002-000000430", "PNL-40", "damagedQuantity")), lambda: credit_units(EC, "001-002-000000430", 1, 35)),
 "b56-ec-bajio-kit-price-large": (lambda: price_diff(EC, "001-002-000000438", 1), lambda: credit_units(EC, "001-002-000000438", 1, 50, D("260.00"))),
 "b56-ec-calbuco-late-fee": (lambda: fee_not_owed(EC, "001-002-000000410", T_EC), lambda: fee(EC, "001-002-000000410", "late_fee")),
 "b56-ec-calbuco-contour-price": (lambda: price_diff(EC, "001-002-000000432", 1), lambda: price_diff(EC, "001-002-000000432", 1, "49.00")),
 "b56-ec-calbuco-thin-panels-count": (lambda: short(EC, "001-002-000000426", 1, delivered(EC, "001-002-000000426", "PNL-10")), lambda: credit_units(EC, "001-002-000000426", 1, 20)),
 "b56-ec-litoral-saw-hours": (lambda: short(EC, "001-001-000001187", 1, logged(EC, "001-001-000001187", "ASERRIO-H")), lambda: credit_units(EC, "001-001-000001187", 1, 8)),
 "b56-ec-litoral-kiln-dates": (lambda: dates_credit(EC, "001-001-000001193", 1, "HORNO-DIA", ["2026-10-12", "2026-10-13"]), lambda: credit_units(EC, "001-001-000001193", 1, 2)),
 "b56-ec-litoral-paid-transfer": (lambda: unapplied_payment(EC, "001-001-000001198", "2026-11-21", "0047781"), lambda: open_bal(EC, "001-001-000001198")),
 "b56-ec-posorja-iva": (lambda: inv_tax(EC, "001-001-000001190") if tax_exempt(EC, "001-001-000001190") else Z, lambda: inv_tax(EC, "001-001-000001190")),
 "b56-ec-posorja-blocks-short": (None, lambda: credit_units(EC, "001-001-000001199", 1, 2)),
 "b56-ec-posorja-terms": (lambda: Z if wrong_terms(EC, "001-001-000001195") else None, lambda: inv_total(EC, "001-001-000001195")),
 # Cuba (CUP; USD at 120.0000 / 410.0000)
 "b56-cu-atlantico-iva": (lambda: inv_tax(CU, "DV-0151/26") if tax_exempt(CU, "DV-0151/26") else Z, lambda: inv_tax(CU, "DV-0151/26")),
 "b56-cu-atlantico-cylinders": (lambda: short(CU, "DV-0147/26", 1, logged(CU, "DV-0147/26", "ROT-CIL")), lambda: credit_units(CU, "DV-0147/26", 1, 12)),
 "b56-cu-atlantico-pc-price": (lambda: price_diff(CU, "DV-0138/26", 1), lambda: credit_units(CU, "DV-0138/26", 1, 60, D("4.00"))),
 "b56-cu-peninsular-spt": (lambda: short(CU, "DV-0142/26", 1, logged(CU, "DV-0142/26", "SPT-M")), lambda: credit_units(CU, "DV-0142/26", 1, 6)),
 "b56-cu-peninsular-late-no-clause": (lambda: fee_not_owed(CU, "DV-0134/26", T_CU), lambda: fee(CU, "DV-0134/26", "late_fee")),
 "b56-cu-peninsular-duplicate-fx": (lambda: inv_total(CU, "DV-0158/26") if same_basis_duplicate(CU, "DV-0158/26", "DV-0155/26") and open_bal(CU, "DV-0155/26") == 0 else Z, lambda: inv_total(CU, "DV-0158/26")),
 "b56-cu-peninsular-retainer-legal": (lambda: outside_contract(CU, "DV-0162/26"), lambda: inv_total(CU, "DV-0162/26")),
 "b56-cu-ecoi-tech-days": (lambda: dates_credit(CU, "MN-0441/26", 1, "TEC-DIA", ["2026-11-04", "2026-11-05"]), lambda: credit_units(CU, "MN-0441/26", 1, 2)),
 "b56-cu-ecoi-proctor-writeoff": (lambda: price_diff(CU, "MN-0421/26", 1), lambda: price_diff(CU, "MN-0421/26", 1, "6500.00")),
 "b56-cu-ecoi-old-cylinders": (lambda: short(CU, "MN-0388/26", 1, logged(CU, "MN-0388/26", "ROT-CIL")), lambda: credit_units(CU, "MN-0388/26", 1, 12)),
 "b56-cu-techos-moulds-damaged": (lambda: credit_units(CU, "MN-0415/26", 1, delivered(CU, "MN-0415/26", "MOLDE-15", "damagedQuantity")), lambda: credit_units(CU, "MN-0415/26", 1, 6)),
 "b56-cu-techos-paid-transfermovil": (lambda: unapplied_payment(CU, "MN-0447/26", "2026-11-20", "TM-2611-88213"), lambda: open_bal(CU, "MN-0447/26")),
 "b56-cu-techos-haulage-fee": (None, lambda: fee(CU, "MN-0436/26", "other")),
 "b56-cu-baracoa-cores": (lambda: short(CU, "MN-0430/26", 1, logged(CU, "MN-0430/26", "TESTIGO")), lambda: credit_units(CU, "MN-0430/26", 1, 6)),
}
NEEDS_INFO = {
 "b56-ve-tepequem-visit-dates": lambda: unserved_dates(VE, "00-0004519", "VISIT-TEC", ["2026-10-06", "2026-10-07"]) is None and logged(VE, "00-0004519", "VISIT-TEC") == billed_qty(VE, "00-0004519", 1),
 "b56-ec-posorja-blocks-short": lambda: not has_delivery(EC, "001-001-000001199", "BLK-M3"),
 "b56-cu-techos-haulage-fee": lambda: not customer_has_contract_or_po(CU, "MN-0436/26") and I(CU, "MN-0436/26").get("contractId") is None,
}
TODAY = {VE: T_VE, EC: T_EC, CU: T_CU}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms"}
ROUTING = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
           "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
           "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
if len({c["id"] for c in cases}) != len(cases): fail("duplicate case ids")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
esc_reasons = Counter()
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b56-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    words = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split()]
    if e.get("noResolution"):
        if any(w in nums for w in words): fail(f"{cid}: noResolution but it names an existing invoice")
        continue
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"\d+\.\d+", m) and D(m) >= 1000: fail(f"{cid}: email amount {m} >= 1,000")
    if "invoiceNumber" not in e: continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if ("invoice" in e.get("neverAsks", [])) != (num in c["turns"][0]): fail(f"{cid}: neverAsks invoice vs the first turn")
    if num not in " ".join(c["turns"]) and not any(po for po in [I(lgn, num).get("poNumber")] if po and po in c["turns"][0]): fail(f"{cid}: invoice neither named nor reachable by its PO")
    for m in e.get("emailMentions", []):
        if not re.fullmatch(r"\d+\.\d+", m) and m != num and m != I(lgn, num).get("poNumber") and m not in " ".join(c["turns"]): fail(f"{cid}: email mention {m} from nowhere")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
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
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
        if sup_fn: fail(f"{cid}: needs_info with a recipe")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no evidence"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    act = e.get("action")
    if cl != "needs_info":
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        owed = to_company(lgn, num, disputed - supported)
        wo = cl in ("invalid", "partial") and owed < D(lg["policy"]["writeOffBelow"])
        if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
        want = ("write_off" if wo else "no_adjustment") if cl == "invalid" else ("write_off" if wo else "credit_memo") if cl == "partial" else None
        if cl == "valid":
            rc = e["reasonCode"]
            want = ("cancel_and_rebill" if rc in ("missing_po", "tax_error") or (rc == "contract_terms" and supported == 0)
                    else "apply_payment" if rc == "already_paid" else "credit_memo")
            if rc == "tax_error" and not (every_taxed_line(lgn, num) and tax_exempt(lgn, num)): fail(f"{cid}: tax re-bill needs an exempt customer taxed on every taxed line")
        if act != want: fail(f"{cid}: action {act}, rules give {want}")
    # escalation: amount after FX, days past due on an open balance, strategic, repeat disputes, a credit above the lead's limit
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    credit = to_company(lgn, num, supported) if act == "credit_memo" and supported else Z
    why = [w for w, on in (("amount", conv >= D(pol["escalationAmount"])), ("age", pastdue > pol["escalationDaysPastDue"]),
                           ("strategic", bool(cust.get("strategic"))), ("repeat", recent >= pol["repeatDisputeCount"]),
                           ("above lead", credit > D(pol["approvalLimits"]["lead"]))) if on]
    if bool(why) != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {why} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    for w in why: esc_reasons[w] += 1
    if e.get("reasonCode") == "contract_terms" and conv >= D(pol["legalEscalationAmount"]):
        esc_reasons["legal"] += 1
        if not e["escalation"]: fail(f"{cid}: legal escalation expected")
    if e["stakeholders"] != [ROUTING[e["reasonCode"]]]: fail(f"{cid}: stakeholders {e['stakeholders']} vs routing {ROUTING[e['reasonCode']]}")
    if "reason" not in e.get("neverAsks", []): fail(f"{cid}: every claim of this batch is plain in its first turn")

# ---- tallies quoted in the README
print("  by ledger:")
for lgn in (VE, EC, CU):
    cnt = Counter(c["expect"].get("classification", "none") for c in cases if c["ledger"] == lgn)
    print(f"    {lgn}: {sum(cnt.values())} cases {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "n/a")) for c in cases)), "triggers:", dict(esc_reasons))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
