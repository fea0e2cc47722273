#!/usr/bin/env python3
"""Batch-60 author's cross-check (adapted from batch 54's): recomputes every ledger figure and every
expected figure from the ledger files with decimal arithmetic (never floats), independently of the
product, and checks the classification / action / write-off / escalation rules of DOMAIN.md, with
policy amounts in the company currency (FX at the latest rate on or before the invoice date, half-up
once; no rate: escalate). Unit credits are computed two ways (billed gross minus the gross of what is
owed, and the credited units' net plus their own tax) and must agree to the minor unit.
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-60/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"XOF": 0, "XAF": 0}  # CDF, NGN, USD, ZMW: 2 (ISO 4217)
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
Z = D("0")

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
BJ, CD, CG = "borgou-egrenage-xof.ledger.json", "kisanga-assay-cdf.ledger.json", "djeno-fluides-xaf.ledger.json"
T = {BJ: "2026-11-24", CD: "2026-12-08", CG: "2026-11-17"}
if set(ledgers) != {BJ, CD, CG}: fail(f"ledger files: {sorted(ledgers)}")

def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur):
    return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else Z
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), Z)
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), Z)
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), Z)
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), Z)
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

# ---- ledgers: totals (RUSH-72H is priced by CFE's work orders, as CT-CFE-2026's notes say, not by the contract), statuses, references, terms, minor digits
NO_RATE = {"ZMW"}   # batch 60: Solwezi Drilling's kwacha invoices have no rate, on purpose
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    pol = lg["policy"]
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(pol[k], cur0): fail(f"{name}: policy {k} digits")
    for k, v in pol.get("approvalLimits", {}).items():
        if not decimals_ok(v, cur0): fail(f"{name}: approval limit {k} digits")
    if "holidayCalendar" in pol: fail(f"{name}: holidayCalendar not used in this batch")
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        for f in i.get("fees", []):
            if not decimals_ok(f["amount"], cur): fail(f"{name} {i['number']}: fee digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            for l in i["lines"]:
                if l["sku"] != "RUSH-72H" and not any(p["sku"] == l["sku"] for p in c["prices"]): fail(f"{name} {i['number']}: {l['sku']} not priced by {c['id']}")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and cur not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur}")
        if cur in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name}: {cur} was meant to have no rate")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if i.get("servicePeriodStart") and i["servicePeriodStart"] > i["servicePeriodEnd"]: fail(f"{name} {i['number']}: period reversed")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] not in custs: fail(f"{name} log {s['id']}: unknown customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("remittance"): fail(f"{name} payment {p['id']}: no remittance deductions in this batch (they would open disputes on import)")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber"): fail(f"{name} past dispute {d['id']}: past disputes carry no invoice number in this batch")

# ---- numbering schemes
QUARTER = {1: 1, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2, 7: 3, 8: 3, 9: 3, 10: 4, 11: 4, 12: 4}
MONTHS = ["JANV", "FEVR", "MARS", "AVR", "MAI", "JUIN", "JUIL", "AOUT", "SEPT", "OCT", "NOV", "DEC"]
def in_date_order(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
groups = {}
for i in ledgers[BJ]["invoices"]:   # F26T4-0017: year, trimestre (quarter) of issue, sequence restarting each quarter
    m = re.fullmatch(r"F(\d{2})T([1-4])-(\d{4})", i["number"])
    if not m or m.group(1) != i["issueDate"][2:4] or int(m.group(2)) != QUARTER[int(i["issueDate"][5:7])]: fail(f"BJ {i['number']}: not F<yy>T<quarter>-NNNN of its issue date")
    else: groups.setdefault(("BJ", m.group(2)), []).append(i)
for i in ledgers[CD]["invoices"]:   # LK-KCC-26-031: customer code, year, sequence per customer
    m = re.fullmatch(r"LK-([A-Z]{3})-(\d{2})-(\d{3})", i["number"])
    if not m or "C-" + m.group(1) != i["customerId"] or m.group(2) != i["issueDate"][2:4]: fail(f"CD {i['number']}: not LK-<customer>-<yy>-NNN")
    else: groups.setdefault(("CD", m.group(1)), []).append(i)
for i in ledgers[CG]["invoices"]:   # PNR-OCT26-029: French month abbreviation of issue, year, sequence per month
    m = re.fullmatch(r"PNR-([A-Z]+)(\d{2})-(\d{3})", i["number"])
    if not m or m.group(1) != MONTHS[int(i["issueDate"][5:7]) - 1] or m.group(2) != i["issueDate"][2:4]: fail(f"CG {i['number']}: not PNR-<MOIS><yy>-NNN of its issue month")
    else: groups.setdefault(("CG", m.group(1)), []).append(i)
for k, v in groups.items():
    if not in_date_order(v): fail(f"{k}: sequence out of date order")
for lgn in (BJ, CG):   # the sequence restarts each quarter / month; within these ledgers no two invoices share one
    seqs = [i["number"][-3:] for i in ledgers[lgn]["invoices"]]
    if len(seqs) != len(set(seqs)): fail(f"{lgn}: two invoices share a sequence number")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):
    """Billed gross - gross at the agreed (or the stated) price; also (billed - agreed) x qty with its own tax."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; p = price or agreed(lgn, num, l["sku"])
    a = max(gross(l, cur) - gross(l, cur, price=p), Z)
    dn = r((D(l["unitPrice"]) - D(p)) * D(str(l["quantity"])), cur); b = max(dn + tax(l, dn, cur), Z)
    if a != b: fail(f"{num} line {n}: price difference {a} (gross - gross) != {b} (difference with its tax)")
    return a
def units_credit(lgn, num, n, units):
    """Billed gross - gross of the units owed; also the credited units' net with their own tax."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    a = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    b = gross(l, cur, qty=min(D(str(units)), D(str(l["quantity"]))))
    if a != b: fail(f"{num} line {n}: unit credit {a} (gross - gross) != {b} (units with their tax)")
    return a
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num): return any(d.get("invoiceNumber") == num for d in ledgers[lgn].get("deliveries", []))
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
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), Z)
def every_line_taxed(lgn, num): return all(l.get("taxRate") and D(l["taxRate"]) > 0 for l in I(lgn, num)["lines"])
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), Z)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

def late_fee_allowed(lgn, num, today):
    """None without a clause; none when the principal was paid by due + grace; else percentPerMonth of
    the principal unpaid at the end of grace, per started 30-day month from the due date to settlement."""
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
    """Days of the billed period outside the contract, pro rata per line; gross and net-then-tax must agree."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    a = sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), Z)
    b = Z
    for l in i["lines"]:
        n = r(net(l, cur) * (tot - inside) / tot, cur); b += n + tax(l, n, cur)
    if a != b: fail(f"{num}: pro rata of the gross {a} != pro rata of the net with its tax {b}")
    return a

def unapplied_payment(lgn, num, when, ref):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when and p.get("reference") == ref]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num)) if ps else None
def nothing_could_be_theirs(lgn, num, when):
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    return not any(p["customerId"] == cust for p in lg.get("payments", []))
def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"], x.get("taxRate")) == (y["sku"], y["quantity"], y["unitPrice"], y.get("taxRate"))
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])
def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def po_line_supports(lgn, num, n):
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def fee_on_own_po(lgn, num, t):
    """A PO line of the customer with the fee's description at that amount (the invoice's own PO first)."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if l.get("description", "").lower() == f.get("description", "").lower() and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]): return True
    return False
def fee_unsupported(lgn, num, t, word):
    """No PO line, no contract price, no mention (by `word`) in the contract's notes."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    in_notes = bool(c and word.lower() in c.get("notes", "").lower())
    return not fee_on_own_po(lgn, num, t) and not in_notes
def contract_ended_before(lgn, num):
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    return c.get("endDate") and c["endDate"] < i.get("servicePeriodStart", i["issueDate"])

R = {
 # Benin (XOF; NGN 0.3840 / 0.3710, XAF at 1.0000)
 "b60-bj-kandi-saw-blade-price": (lambda: price_diff(BJ, "F26T3-0009", 1), lambda: price_diff(BJ, "F26T3-0009", 1)),
 "b60-bj-kandi-po-missing": (lambda: Z if po_defect(BJ, "F26T3-0048") else None, lambda: inv_total(BJ, "F26T3-0048")),
 "b60-bj-djougou-ribs-276": (lambda: short(BJ, "F26T3-0035", 1, delivered(BJ, "F26T3-0035", "NERVURE")), lambda: short(BJ, "F26T3-0035", 1, 276)),
 "b60-bj-djougou-bearings-cracked": (lambda: units_credit(BJ, "F26T3-0058", 1, delivered(BJ, "F26T3-0058", "ROUL-6310", "damagedQuantity")), lambda: units_credit(BJ, "F26T3-0058", 1, 10)),
 "b60-bj-djougou-belts-writeoff": (lambda: units_credit(BJ, "F26T3-0058", 2, delivered(BJ, "F26T3-0058", "COURROIE-B", "damagedQuantity")), lambda: units_credit(BJ, "F26T3-0058", 2, 5)),
 "b60-bj-djougou-overhaul-still-jams": (lambda: short(BJ, "F26T3-0068", 1, logged(BJ, "F26T3-0068", "REVIS-EGR")), lambda: line_gross(BJ, "F26T3-0068", 1)),
 "b60-bj-djougou-penalty-in-grace": (lambda: fee_not_owed(BJ, "F26T3-0050", T[BJ]), lambda: fee(BJ, "F26T3-0050", "late_fee")),
 "b60-bj-djougou-june-day-rate": (lambda: price_diff(BJ, "F26T2-0081", 1), lambda: price_diff(BJ, "F26T2-0081", 1, "92000")),
 "b60-bj-funtua-saw-rate": (lambda: price_diff(BJ, "F26T3-0031", 1), lambda: price_diff(BJ, "F26T3-0031", 1, "11000.00")),
 "b60-bj-funtua-billed-twice": (lambda: inv_total(BJ, "F26T4-0011") if same_basis_duplicate(BJ, "F26T4-0011", "F26T4-0006") else Z, lambda: inv_total(BJ, "F26T4-0011")),
 "b60-bj-funtua-transport-on-lpo": (lambda: Z if fee_on_own_po(BJ, "F26T3-0074", "freight") else fee(BJ, "F26T3-0074", "freight"), lambda: fee(BJ, "F26T3-0074", "freight")),
 "b60-bj-funtua-paid-uba": (lambda: unapplied_payment(BJ, "F26T4-0023", "2026-11-18", "UBA/FCG/181126"), lambda: open_bal(BJ, "F26T4-0023")),
 "b60-bj-logone-18-19-august": (lambda: dates_credit(BJ, "F26T3-0053", 1, "VISITE-TECH", ["2026-08-18", "2026-08-19"]), lambda: units_credit(BJ, "F26T3-0053", 1, 2)),
 "b60-bj-logone-october-after-contract": (lambda: outside_contract(BJ, "F26T4-0017"), lambda: inv_total(BJ, "F26T4-0017")),
 "b60-bj-logone-saws-no-delivery-note": (None, lambda: units_credit(BJ, "F26T3-0063", 1, 40)),
 "b60-bj-alibori-vat-exempt": (lambda: inv_tax(BJ, "F26T4-0030") if tax_exempt(BJ, "F26T4-0030") else Z, lambda: inv_tax(BJ, "F26T4-0030")),
 # DR Congo (CDF; USD 2,840.5000 / 2,872.2500; ZMW without a rate)
 "b60-cd-kcc-icp-price": (lambda: price_diff(CD, "LK-KCC-26-031", 2), lambda: price_diff(CD, "LK-KCC-26-031", 2)),
 "b60-cd-kcc-po-0439": (lambda: Z if po_defect(CD, "LK-KCC-26-036") else None, lambda: inv_total(CD, "LK-KCC-26-036")),
 "b60-cd-kcc-1150-samples": (lambda: short(CD, "LK-KCC-26-039", 1, logged(CD, "LK-KCC-26-039", "PREP-STD")) + short(CD, "LK-KCC-26-039", 2, logged(CD, "LK-KCC-26-039", "CUCO-AAS")),
                             lambda: short(CD, "LK-KCC-26-039", 1, 1150) + short(CD, "LK-KCC-26-039", 2, 1150)),
 "b60-cd-cfe-technician-25-26": (lambda: dates_credit(CD, "LK-CFE-26-009", 1, "TECH-SITE", ["2026-08-25", "2026-08-26"]), lambda: units_credit(CD, "LK-CFE-26-009", 1, 2)),
 "b60-cd-cfe-paid-27-november": (lambda: unapplied_payment(CD, "LK-CFE-26-012", "2026-11-27", "RAWBANK/TT/271126/CFE"), lambda: open_bal(CD, "LK-CFE-26-012")),
 "b60-cd-cfe-fire-assay-second": (lambda: inv_total(CD, "LK-CFE-26-015") if same_basis_duplicate(CD, "LK-CFE-26-015", "LK-CFE-26-014") else Z, lambda: inv_total(CD, "LK-CFE-26-015")),
 "b60-cd-cfe-express-on-work-order": (lambda: Z if po_line_supports(CD, "LK-CFE-26-018", 2) else line_gross(CD, "LK-CFE-26-018", 2), lambda: line_gross(CD, "LK-CFE-26-018", 2)),
 "b60-cd-cfe-july-before-contract": (lambda: outside_contract(CD, "LK-CFE-26-006"), lambda: D("3219.00")),
 "b60-cd-lex-interest-two-months": (lambda: fee_not_owed(CD, "LK-LEX-26-021", T[CD]), lambda: fee(CD, "LK-LEX-26-021", "late_fee")),
 "b60-cd-lex-cuco-2025-rate": (lambda: price_diff(CD, "LK-LEX-26-024", 1), lambda: price_diff(CD, "LK-LEX-26-024", 1, "33000.00")),
 "b60-cd-comiako-bags-torn": (lambda: units_credit(CD, "LK-COM-26-011", 1, delivered(CD, "LK-COM-26-011", "BAGS-100", "damagedQuantity")), lambda: units_credit(CD, "LK-COM-26-011", 1, 4)),
 "b60-cd-comiako-moisture-two-days": (None, lambda: units_credit(CD, "LK-COM-26-013", 1, 24)),
 "b60-cd-comiako-prep-rate-ttc": (lambda: price_diff(CD, "LK-COM-26-009", 1), lambda: price_diff(CD, "LK-COM-26-009", 1, "27500.00")),
 "b60-cd-unilu-vat": (lambda: inv_tax(CD, "LK-UNI-26-003") if tax_exempt(CD, "LK-UNI-26-003") else Z, lambda: inv_tax(CD, "LK-UNI-26-003")),
 "b60-cd-sds-cuco-kwacha": (lambda: price_diff(CD, "LK-SDS-26-004", 2), lambda: price_diff(CD, "LK-SDS-26-004", 2, "320.00")),
 # Republic of the Congo (XAF; USD 566.8000 / 579.3500)
 "b60-cg-kpo-barite-44": (lambda: short(CG, "PNR-SEPT26-012", 1, delivered(CG, "PNR-SEPT26-012", "BARYT-BB")), lambda: short(CG, "PNR-SEPT26-012", 1, 44)),
 "b60-cg-kpo-engineer-day-rate": (lambda: price_diff(CG, "PNR-OCT26-018", 1), lambda: price_diff(CG, "PNR-OCT26-018", 1)),
 "b60-cg-kpo-tva-psc": (lambda: inv_tax(CG, "PNR-OCT26-029") if tax_exempt(CG, "PNR-OCT26-029") else Z, lambda: inv_tax(CG, "PNR-OCT26-029")),
 "b60-cg-bonny-wet-bentonite": (lambda: units_credit(CG, "PNR-AOUT26-021", 1, delivered(CG, "PNR-AOUT26-021", "BENTO-25", "damagedQuantity")), lambda: units_credit(CG, "PNR-AOUT26-021", 1, 30)),
 "b60-cg-bonny-standby-not-ordered": (lambda: fee(CG, "PNR-SEPT26-027", "service_fee") if fee_unsupported(CG, "PNR-SEPT26-027", "service_fee", "standby") else Z, lambda: fee(CG, "PNR-SEPT26-027", "service_fee")),
 "b60-cg-bonny-paid-ecobank": (None, lambda: open_bal(CG, "PNR-OCT26-035")),
 "b60-cg-takoradi-cuttings-96": (lambda: short(CG, "PNR-SEPT26-009", 1, logged(CG, "PNR-SEPT26-009", "TRT-DEBLAIS")), lambda: short(CG, "PNR-SEPT26-009", 1, 96)),
 "b60-cg-takoradi-lab-results-late": (lambda: short(CG, "PNR-OCT26-014", 1, logged(CG, "PNR-OCT26-014", "LAB-BOUE")), lambda: inv_total(CG, "PNR-OCT26-014")),
 "b60-cg-takoradi-interest-no-clause": (lambda: fee_not_owed(CG, "PNR-AOUT26-008", T[CG]), lambda: fee(CG, "PNR-AOUT26-008", "late_fee")),
 "b60-cg-sfk-penalty-owed": (lambda: fee_not_owed(CG, "PNR-SEPT26-016", T[CG]), lambda: fee(CG, "PNR-SEPT26-016", "late_fee")),
 "b60-cg-sfk-barite-billed-twice": (lambda: inv_total(CG, "PNR-OCT26-025") if same_basis_duplicate(CG, "PNR-OCT26-025", "PNR-OCT26-022") else Z, lambda: inv_total(CG, "PNR-OCT26-025")),
 "b60-cg-sfk-engineer-360": (lambda: price_diff(CG, "PNR-NOV26-006", 1), lambda: price_diff(CG, "PNR-NOV26-006", 1, "360000")),
 "b60-cg-fhn-mixer-october": (lambda: outside_contract(CG, "PNR-OCT26-003"), lambda: inv_total(CG, "PNR-OCT26-003")),
 "b60-cg-fhn-two-torn-sacks": (lambda: units_credit(CG, "PNR-SEPT26-004", 1, delivered(CG, "PNR-SEPT26-004", "BENTO-25", "damagedQuantity")), lambda: units_credit(CG, "PNR-SEPT26-004", 1, 2)),
 "b60-cg-bonny-wo-on-invoice": (lambda: Z if not po_defect(CG, "PNR-OCT26-031") else None, lambda: inv_total(CG, "PNR-OCT26-031")),
}
NEEDS_INFO = {
 "b60-bj-logone-saws-no-delivery-note": lambda: not has_delivery(BJ, "F26T3-0063"),
 "b60-cd-comiako-moisture-two-days": lambda: unserved_dates(CD, "LK-COM-26-013", "MOIST", ["2026-10-12", "2026-10-13"]) is None,
 "b60-cg-bonny-paid-ecobank": lambda: nothing_could_be_theirs(CG, "PNR-OCT26-035", "2026-11-06"),
}
# the rule each administrative or evidence-free outcome rests on, checked on its own
EXTRA = {
 "b60-bj-kandi-po-missing": lambda: any(p["number"] == "BC-KAN-26-0172" and p["customerId"] == "C-KAN" for p in ledgers[BJ]["purchaseOrders"]),
 "b60-cd-kcc-po-0439": lambda: any(p["number"] == "BC-KCC-2026-0439" and p["customerId"] == "C-KCC" for p in ledgers[CD]["purchaseOrders"]),
 "b60-bj-alibori-vat-exempt": lambda: every_line_taxed(BJ, "F26T4-0030"),
 "b60-cd-unilu-vat": lambda: every_line_taxed(CD, "LK-UNI-26-003"),
 "b60-cg-kpo-tva-psc": lambda: every_line_taxed(CG, "PNR-OCT26-029"),
 "b60-bj-logone-october-after-contract": lambda: contract_ended_before(BJ, "F26T4-0017"),
 "b60-cg-fhn-mixer-october": lambda: contract_ended_before(CG, "PNR-OCT26-003"),
 "b60-bj-funtua-billed-twice": lambda: I(BJ, "F26T4-0006")["status"] == "paid",
 "b60-cd-cfe-fire-assay-second": lambda: I(CD, "LK-CFE-26-014")["status"] == "paid",
 "b60-cg-sfk-barite-billed-twice": lambda: I(CG, "PNR-OCT26-022")["status"] == "paid",
 "b60-bj-djougou-overhaul-still-jams": lambda: logged(BJ, "F26T3-0068", "REVIS-EGR") == billed_qty(BJ, "F26T3-0068", 1),
 "b60-cg-takoradi-lab-results-late": lambda: logged(CG, "PNR-OCT26-014", "LAB-BOUE") == billed_qty(CG, "PNR-OCT26-014", 1),
 "b60-cg-bonny-wo-on-invoice": lambda: I(CG, "PNR-OCT26-031").get("poNumber") == "WO-BRS-PNR-0347",
}
# invoices named but absent (noResolution), and what a withdrawn claim / a question is about
ABSENT = {"b60-cd-kcc-unknown-44": ("LK-KCC-26-044", CD, "C-KCC", "044"), "b60-cg-tws-unknown-oct-41": ("PNR-OCT26-041", CG, "C-TWS", "041")}
NO_DISPUTE = {"b60-bj-bembereke-found-the-box": lambda: delivered(BJ, "F26T4-0034", "SCIE-GIN") == billed_qty(BJ, "F26T4-0034", 1),
              "b60-cd-unilu-next-semester-question": lambda: True}
# where the first turn names the invoice (so `invoice` is in neverAsks): the words that name it
SAID = {
 "b60-bj-kandi-saw-blade-price": "t3 0009", "b60-bj-kandi-po-missing": "la 48 du mois d'août", "b60-bj-djougou-ribs-276": "t3 35",
 "b60-bj-djougou-bearings-cracked": "t3 0058", "b60-bj-djougou-belts-writeoff": "facture 58", "b60-bj-djougou-overhaul-still-jams": "facture 68",
 "b60-bj-djougou-penalty-in-grace": "t3 50", "b60-bj-djougou-june-day-rate": "t2 81", "b60-bj-funtua-billed-twice": "zero zero one one",
 "b60-bj-funtua-transport-on-lpo": "t3 seven four", "b60-bj-funtua-paid-uba": "t4 twenty three", "b60-bj-logone-18-19-august": "la 53",
 "b60-bj-logone-october-after-contract": "t4 17", "b60-bj-logone-saws-no-delivery-note": "t3 63", "b60-bj-alibori-vat-exempt": "t4 zéro zéro trente",
 "b60-cd-kcc-icp-price": "kcc 31", "b60-cd-kcc-po-0439": "facture trente-six", "b60-cd-kcc-1150-samples": "facture 39",
 "b60-cd-cfe-technician-25-26": "c f e nine", "b60-cd-cfe-paid-27-november": "c f e twelve", "b60-cd-cfe-fire-assay-second": "LK-CFE-26-014",
 "b60-cd-cfe-express-on-work-order": "c f e eighteen", "b60-cd-cfe-july-before-contract": "number six", "b60-cd-lex-interest-two-months": "lex 21",
 "b60-cd-lex-cuco-2025-rate": "facture 24", "b60-cd-comiako-bags-torn": "facture onze", "b60-cd-comiako-moisture-two-days": "facture treize",
 "b60-cd-comiako-prep-rate-ttc": "facture neuf", "b60-cd-unilu-vat": "uni trois", "b60-cd-sds-cuco-kwacha": "s d s four",
 "b60-cg-kpo-barite-44": "pnr sept 26 zéro douze", "b60-cg-kpo-engineer-day-rate": "facture octobre dix-huit", "b60-cg-kpo-tva-psc": "p n r oct 26 029",
 "b60-cg-bonny-wet-bentonite": "august twenty one", "b60-cg-bonny-paid-ecobank": "oct 35", "b60-cg-takoradi-cuttings-96": "september nine",
 "b60-cg-takoradi-lab-results-late": "october invoice fourteen", "b60-cg-takoradi-interest-no-clause": "august eight",
 "b60-cg-sfk-penalty-owed": "septembre la seize", "b60-cg-sfk-barite-billed-twice": "la vingt-cinq", "b60-cg-sfk-engineer-360": "novembre la six",
 "b60-cg-fhn-mixer-october": "facture octobre trois", "b60-cg-fhn-two-torn-sacks": "septembre la quatre", "b60-cg-bonny-wo-on-invoice": "oct thirty one",
}
ADMIN_DEFECT = {"missing_po", "tax_error"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
escalated = Counter()
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b60-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != T[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    if any(w in t.lower() for t in c["turns"] for w in ("je confirme", "i confirm", "go ahead", "approve it", "vas-y", "valide")): fail(f"{cid}: a turn reads like a confirmation")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.,]+", m) and D(m.replace(",", "")) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if cid in ABSENT:
        num, l2, cust, seq = ABSENT[cid]
        if not e.get("noResolution"): fail(f"{cid}: noResolution expected")
        if num in nums or any(i["customerId"] == cust and i["number"].endswith(seq) for i in lg["invoices"]): fail(f"{cid}: {num} exists after all")
        if set(e) != {"noResolution", "mustNotHappen"}: fail(f"{cid}: extra expectations")
        continue
    if cid in NO_DISPUTE:
        if not NO_DISPUTE[cid](): fail(f"{cid}: premise does not hold")
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a withdrawn claim / a question checks only that no money moves")
        continue
    if "invoice" in e.get("neverAsks", []):
        if SAID.get(cid, "\u0000") not in c["turns"][0]: fail(f"{cid}: neverAsks invoice but the first turn does not name it ({SAID.get(cid)!r})")
    elif cid in SAID: fail(f"{cid}: the first turn names the invoice but neverAsks lacks it")
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    if num not in e.get("emailMentions", []): fail(f"{cid}: the email should name the invoice")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    if cid in EXTRA and not EXTRA[cid](): fail(f"{cid}: premise of the outcome does not hold")
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed {disputed} out of range")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: needs_info recipe on a decided case")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    if cl != "needs_info":
        act = e.get("action")
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        if e.get("reasonCode") == "missing_po" and act == "cancel_and_rebill" and supported != 0: fail(f"{cid}: a missing PO leaves the goods owed")
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act not in ("credit_memo" if cl == "partial" else "no_adjustment",): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"already_paid": "apply_payment", "missing_po": "cancel_and_rebill", "tax_error": "cancel_and_rebill"}.get(e["reasonCode"], "credit_memo")
            if act != want: fail(f"{cid}: valid {e['reasonCode']} should be {want}, not {act}")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    if abs(pastdue - pol["escalationDaysPastDue"]) <= 2 and pastdue: fail(f"{cid}: {pastdue} days past due is too close to the {pol['escalationDaysPastDue']}-day edge")
    why = [w for w, on in (("no_rate", conv is None), ("amount", conv is not None and conv >= D(pol["escalationAmount"])),
                            ("past_due", pastdue > pol["escalationDaysPastDue"]), ("strategic", bool(cust.get("strategic"))),
                            ("repeat", recent >= pol["repeatDisputeCount"])) if on]
    if bool(why) != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {why} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    for w in why: escalated[w] += 1
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]): fail(f"{cid}: legal escalation expected")
    if e["stakeholders"][0] != TEAM[e["reasonCode"]]: fail(f"{cid}: first stakeholder {e['stakeholders'][0]} is not the routing table's {TEAM[e['reasonCode']]}")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "-")) for c in cases).items())), "triggers:", dict(sorted(escalated.items())))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
