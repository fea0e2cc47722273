#!/usr/bin/env python3
"""Batch-54 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-54/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # MMK, SZL, LSL, USD, CNY: 2
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
NO_RATE = {"FD/2026/S/00227"}   # batch 54: the CNY invoice has no rate, on purpose
INTENDED_WRONG_PO = set()   # MZ26-TI-0852 quotes a PO that exists but is cancelled
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
T_SR, T_LK, T_TT = "2026-11-26", "2026-10-28", "2026-12-02"
def fee_desc(lgn, num, start): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").startswith(start)), D("0"))
def fee_desc_owed(lgn, num, start, words):
    """A fee named by its description is owed when the contract's notes name it (by `words`) or the customer's PO lists it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    in_notes = bool(c and words.lower() in c.get("notes", "").lower())
    on_po = any(l.get("description", "").lower() == start.lower() for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for l in po["lines"])
    return in_notes or on_po
MM, SZ, DJ = "shwe-thilawa-electrical-mmk.ledger.json", "lubombo-shield-security-szl.ledger.json", "doraleh-entrepots-djf.ledger.json"
T_MM, T_SZ, T_DJ = "2026-11-20", "2026-11-12", "2026-12-03"
def dates_credit(lgn, num, n, sku, dates):
    """Units at the line's price (with its tax) for the named dates without a rendered per-day entry."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def fee_supported_by_contract_price(lgn, num, n):
    """A charged line the contract prices (at that price) is supported: nothing is not owed."""
    i = I(lgn, num); l = line(i, n); return contract_price(lgn, num, l["sku"]) == l["unitPrice"]
def no_contract_and_no_po_line(lgn, num, t):
    """A fee with no PO line, no contract price and no mention in the contract's notes: not owed."""
    return not fee_on_po(lgn, num, t) and not fee_in_contract_notes(lgn, num, t, I(lgn, num)["fees"][0].get("description", "x"))

R = {
 # Myanmar (MMK; USD at 2,100.0000 / 2,105.5000)
 "b54-mm-kasuya-thermo-price": (lambda: price_diff(MM, "INV(E)-2609/014", 1), lambda: price_diff(MM, "INV(E)-2609/014", 1)),
 "b54-mm-kasuya-ct-exempt": (lambda: inv_tax(MM, "INV(E)-2610/006") if tax_exempt(MM, "INV(E)-2610/006") else Z, lambda: inv_tax(MM, "INV(E)-2610/006")),
 "b54-mm-kasuya-ap-returned": (lambda: Z if po_defect(MM, "INV(E)-2610/019") else None, lambda: inv_total(MM, "INV(E)-2610/019")),
 "b54-mm-hanseong-oil-2000l": (lambda: short(MM, "INV(E)-2609/021", 1, logged(MM, "INV(E)-2609/021", "OIL-FILT")), lambda: short(MM, "INV(E)-2609/021", 1, 2)),
 "b54-mm-hanseong-panel-price": (lambda: price_diff(MM, "INV(E)-2610/003", 1), lambda: price_diff(MM, "INV(E)-2610/003", 1, "280000.00")),
 "b54-mm-hanseong-night-electrician": (lambda: short(MM, "INV(E)-2609/030", 1, logged(MM, "INV(E)-2609/030", "ELEC-SHIFT")), lambda: inv_total(MM, "INV(E)-2609/030")),
 "b54-mm-hanseong-october-twice": (lambda: inv_total(MM, "INV(E)-2611/002") if same_basis_duplicate(MM, "INV(E)-2611/002", "INV(E)-2610/031") else Z, lambda: inv_total(MM, "INV(E)-2611/002")),
 "b54-mm-saoviet-dala-visits": (lambda: dates_credit(MM, "INV(E)-2611/001", 1, "GEN-PM", ["2026-10-07", "2026-10-14"]), lambda: units_credit(MM, "INV(E)-2611/001", 1, 2)),
 "b54-mm-saoviet-tt-paid": (lambda: unapplied_payment(MM, "INV(E)-2609/005", "2026-10-16"), lambda: open_bal(MM, "INV(E)-2609/005")),
 "b54-mm-saoviet-bago-spd": (None, lambda: short(MM, "INV(E)-2610/025", 1, 10)),
 "b54-mm-huaying-mccb-cracked": (lambda: units_credit(MM, "INV(E)-2609/026", 1, delivered(MM, "INV(E)-2609/026", "MCCB-250", "damagedQuantity")), lambda: units_credit(MM, "INV(E)-2609/026", 1, 2)),
 "b54-mm-huaying-cable-drum": (lambda: short(MM, "INV(E)-2610/008", 1, delivered(MM, "INV(E)-2610/008", "CABLE-95")), lambda: short(MM, "INV(E)-2610/008", 1, 460)),
 "b54-mm-huaying-ir-circuits": (lambda: short(MM, "INV(E)-2610/017", 1, logged(MM, "INV(E)-2610/017", "IR-TEST")), lambda: short(MM, "INV(E)-2610/017", 1, 22)),
 "b54-mm-huaying-late-charge": (lambda: fee_not_owed(MM, "INV(E)-2608/019", T_MM), lambda: fee(MM, "INV(E)-2608/019", "late_fee")),
 "b54-mm-grh-after-contract": (lambda: outside_contract(MM, "INV(E)-2610/001"), lambda: inv_total(MM, "INV(E)-2610/001")),
 "b54-mm-grh-callout-unknown": (lambda: Z if po_line_supports(MM, "INV(E)-2609/011", 2) else line_gross(MM, "INV(E)-2609/011", 2), lambda: line_gross(MM, "INV(E)-2609/011", 2)),
 # Eswatini (SZL; LSL at 1.0000, USD at 17.8500 / 17.6200)
 "b54-sz-formosa-k9-weekend": (None, lambda: units_credit(SZ, "MZ26-TI-0803", 2, 2)),
 "b54-sz-formosa-cctv-rate": (lambda: price_diff(SZ, "MZ26-TI-0844", 3), lambda: price_diff(SZ, "MZ26-TI-0844", 3)),
 "b54-sz-formosa-cancelled-po": (lambda: Z if po_defect(SZ, "MZ26-TI-0852") else None, lambda: inv_total(SZ, "MZ26-TI-0852")),
 "b54-sz-kowloon-cards-faulty": (lambda: units_credit(SZ, "MZ26-TI-0815", 1, delivered(SZ, "MZ26-TI-0815", "ACCESS-CARD", "damagedQuantity")), lambda: units_credit(SZ, "MZ26-TI-0815", 1, 20)),
 "b54-sz-kowloon-october-twice": (lambda: inv_total(SZ, "MZ26-TI-0841") if same_basis_duplicate(SZ, "MZ26-TI-0841", "MZ26-TI-0829") else Z, lambda: inv_total(SZ, "MZ26-TI-0841")),
 "b54-sz-zhongtai-after-handover": (lambda: outside_contract(SZ, "MZ26-TI-0861"), lambda: D("32602.50")),
 "b54-sz-zhongtai-quarry-gate": (lambda: short(SZ, "MZ26-TI-0838", 1, logged(SZ, "MZ26-TI-0838", "GUARD-D")), lambda: short(SZ, "MZ26-TI-0838", 1, 84)),
 "b54-sz-zhongtai-overdue-interest": (lambda: fee_not_owed(SZ, "MZ26-TI-0790", T_SZ), lambda: fee(SZ, "MZ26-TI-0790", "late_fee")),
 "b54-sz-embassy-vat": (lambda: inv_tax(SZ, "MZ26-TI-0809") if tax_exempt(SZ, "MZ26-TI-0809") else Z, lambda: inv_tax(SZ, "MZ26-TI-0809")),
 "b54-sz-embassy-alarm-once": (lambda: short(SZ, "MZ26-TI-0847", 1, logged(SZ, "MZ26-TI-0847", "ALARM-SVC")), lambda: short(SZ, "MZ26-TI-0847", 1, 1)),
 "b54-sz-daehan-fuel-surcharge": (lambda: fee(SZ, "MZ26-TI-0822", "other") if no_contract_and_no_po_line(SZ, "MZ26-TI-0822", "other") else Z, lambda: fee(SZ, "MZ26-TI-0822", "other")),
 "b54-sz-daehan-drone-wind": (lambda: dates_credit(SZ, "MZ26-TI-0822", 2, "DRONE-SURV", ["2026-09-18", "2026-09-25"]), lambda: units_credit(SZ, "MZ26-TI-0822", 2, 2)),
 "b54-sz-daehan-swift-paid": (lambda: unapplied_payment(SZ, "MZ26-TI-0833", "2026-11-06"), lambda: open_bal(SZ, "MZ26-TI-0833")),
 "b54-sz-maseru-escort-cancelled": (lambda: short(SZ, "MZ26-TI-0818", 1, logged(SZ, "MZ26-TI-0818", "ESCORT")), lambda: short(SZ, "MZ26-TI-0818", 1, 7)),
 "b54-sz-maseru-day-guard-rate": (lambda: price_diff(SZ, "MZ26-TI-0849", 1), lambda: price_diff(SZ, "MZ26-TI-0849", 1, "410.00")),
 # Djibouti (DJF, 0 minor digits; USD at 177.7210; CNY without a rate)
 "b54-dj-mekong-weighbridge": (lambda: short(DJ, "FD/2026/S/00212", 1, delivered(DJ, "FD/2026/S/00212", "TRANS-T")), lambda: short(DJ, "FD/2026/S/00212", 1, 2352)),
 "b54-dj-mekong-gang-days": (lambda: dates_credit(DJ, "FD/2026/S/00219", 1, "STV-GANG", ["2026-11-03", "2026-11-04"]), lambda: units_credit(DJ, "FD/2026/S/00219", 1, 2)),
 "b54-dj-mekong-storage-rate": (lambda: price_diff(DJ, "FD/2026/B/00436", 1), lambda: price_diff(DJ, "FD/2026/B/00436", 1)),
 "b54-dj-pearl-stripping-twice": (lambda: inv_total(DJ, "FD/2026/B/00447") if same_basis_duplicate(DJ, "FD/2026/B/00447", "FD/2026/B/00441") else Z, lambda: inv_total(DJ, "FD/2026/B/00447")),
 "b54-dj-pearl-late-interest": (lambda: fee_not_owed(DJ, "FD/2026/B/00402", T_DJ), lambda: fee(DJ, "FD/2026/B/00402", "late_fee")),
 "b54-dj-pearl-lashing": (lambda: Z if (po_line_supports(DJ, "FD/2026/B/00452", 2) or fee_supported_by_contract_price(DJ, "FD/2026/B/00452", 2)) else line_gross(DJ, "FD/2026/B/00452", 2), lambda: line_gross(DJ, "FD/2026/B/00452", 2)),
 "b54-dj-zhonghe-crane-hours": (lambda: short(DJ, "FD/2026/S/00224", 1, logged(DJ, "FD/2026/S/00224", "HEAVY-LIFT")), lambda: short(DJ, "FD/2026/S/00224", 1, 11)),
 "b54-dj-zhonghe-rmb-rate": (lambda: price_diff(DJ, "FD/2026/S/00227", 1), lambda: price_diff(DJ, "FD/2026/S/00227", 1, "45.00")),
 "b54-dj-zhonghe-january-days": (lambda: outside_contract(DJ, "FD/2026/B/00118"), lambda: open_bal(DJ, "FD/2026/B/00118")),
 "b54-dj-sakura-no-po": (lambda: Z if po_defect(DJ, "FD/2026/B/00446") else None, lambda: inv_total(DJ, "FD/2026/B/00446")),
 "b54-dj-sakura-picking-count": (lambda: short(DJ, "FD/2026/B/00438", 1, logged(DJ, "FD/2026/B/00438", "PICK")), lambda: short(DJ, "FD/2026/B/00438", 1, 3240)),
 "b54-dj-sakura-paid-20th": (None, lambda: open_bal(DJ, "FD/2026/S/00215")),
 "b54-dj-hanbit-tva": (lambda: inv_tax(DJ, "FD/2026/S/00217") if tax_exempt(DJ, "FD/2026/S/00217") else Z, lambda: inv_tax(DJ, "FD/2026/S/00217")),
 "b54-dj-hanbit-scratched": (lambda: units_credit(DJ, "FD/2026/S/00221", 1, delivered(DJ, "FD/2026/S/00221", "RORO-UNIT", "damagedQuantity")), lambda: units_credit(DJ, "FD/2026/S/00221", 1, 3)),
 "b54-dj-hanbit-storage-2025-rate": (lambda: price_diff(DJ, "FD/2026/B/00439", 1), lambda: price_diff(DJ, "FD/2026/B/00439", 1, "1500")),
}
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)
NEEDS_INFO = {
 "b54-mm-saoviet-bago-spd": lambda: not has_delivery(MM, "INV(E)-2610/025", "SPD-40"),
 "b54-sz-formosa-k9-weekend": lambda: unserved_dates(SZ, "MZ26-TI-0803", "K9-NIGHT", ["2026-09-12", "2026-09-13"]) is None,
 "b54-dj-sakura-paid-20th": lambda: nothing_could_be_theirs(DJ, "FD/2026/S/00215", "2026-11-20", "SKR-2611-004 FUMIG"),
}
WRONG_CUSTOMER = {}

# ---- numbering: INV(E)-YYMM/NNN (month of issue, sequence per month), MZ26-TI-NNNN (one yearly sequence),
# FD/2026/B|S/NNNNN (bonded-warehouse and ship-side desks, one sequence each); sequences follow the issue dates.
import re
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
mm_by_month = {}
for i in ledgers[MM]["invoices"]:
    m = re.fullmatch(r"INV\(E\)-(\d{2})(\d{2})/(\d{3})", i["number"])
    if not m or (m.group(1), m.group(2)) != (i["issueDate"][2:4], i["issueDate"][5:7]): fail(f"{i['number']}: not INV(E)-YYMM/NNN of its issue month")
    else: mm_by_month.setdefault(m.group(2), []).append(i)
for k, v in mm_by_month.items():
    if not seq_ok(v, lambda i: i["number"]): fail(f"MM month {k}: sequence out of date order")
if not all(re.fullmatch(r"MZ26-TI-\d{4}", i["number"]) for i in ledgers[SZ]["invoices"]): fail("SZ numbering")
if not seq_ok(ledgers[SZ]["invoices"], lambda i: i["number"]): fail("SZ: sequence out of date order")
for series in "BS":
    v = [i for i in ledgers[DJ]["invoices"] if i["number"].startswith(f"FD/2026/{series}/")]
    if not all(re.fullmatch(r"FD/2026/[BS]/\d{5}", i["number"]) for i in v): fail("DJ numbering")
    if not seq_ok(v, lambda i: i["number"]): fail(f"DJ series {series}: sequence out of date order")
if len([i for i in ledgers[DJ]["invoices"]]) != sum(1 for i in ledgers[DJ]["invoices"] if i["number"][8] in "BS"): fail("DJ series letter")

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
    if not cid.startswith("b54-"): fail(f"{cid}: id prefix")
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

