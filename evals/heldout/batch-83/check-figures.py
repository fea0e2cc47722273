#!/usr/bin/env python3
"""Batch-83 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, the three numbering schemes, and the classification /
action / write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (RUB;
FX at the latest rate on or before the invoice date, half-up once; no rate: escalate). Prints the
tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-83/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # RUB, KZT, AZN, GEL, AMD, CNY, MNT: 2
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
NO_RATE = {"TSA-066/0110", "TSA-080/3010"}   # batch 83: the MNT invoices have no rate, on purpose
INTENDED_WRONG_PO = set()   # DRL-0441-B4 quotes a PO that exists but is cancelled
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
LA, LB, LC = "tarki-tau-facility-rub.ledger.json", "darial-engineering-rub.ledger.json", "tsentr-azii-engineering-rub.ledger.json"
T_A, T_B, T_C = "2026-11-17", "2026-11-25", "2026-12-08"
def dates_credit(lgn, num, n, sku, dates):
    """Units at the line's price (with its tax) for the named dates without a rendered per-day entry."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def fee_supported_by_contract_price(lgn, num, n):
    """A charged line the contract prices (at that price) is supported: nothing is not owed."""
    i = I(lgn, num); l = line(i, n); return contract_price(lgn, num, l["sku"]) == l["unitPrice"]
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

R = {
 # Tarki-Tau (Makhachkala; RUB, KZT at 0.1590 / 0.1620, AZN at 47.2000 / 48.0500)
 "b83-tt-narynkala-night-post": (lambda: dates_credit(LA, "ОХ-0426/26", 2, "GUARD-12N", ["2026-10-14", "2026-10-15"]), lambda: units_credit(LA, "ОХ-0426/26", 2, 2)),
 "b83-tt-narynkala-patrol-no-po": (lambda: Z if po_defect(LA, "ОХ-0419/26") else None, lambda: inv_total(LA, "ОХ-0419/26")),
 "b83-tt-narynkala-october-twice": (lambda: inv_total(LA, "ОХ-0430/26") if same_basis_duplicate(LA, "ОХ-0430/26", "ОХ-0426/26") else Z, lambda: inv_total(LA, "ОХ-0430/26")),
 "b83-tt-mangystau-post-rate": (lambda: price_diff(LA, "ОХ-0411/26", 1), lambda: price_diff(LA, "ОХ-0411/26", 1, "39000.00")),
 "b83-tt-mangystau-patrol-callouts": (lambda: Z if (fee_supported_by_contract_price(LA, "ОХ-0427/26", 3) or logged(LA, "ОХ-0427/26", "PATROL") >= billed_qty(LA, "ОХ-0427/26", 3)) else line_gross(LA, "ОХ-0427/26", 3), lambda: line_gross(LA, "ОХ-0427/26", 3)),
 "b83-tt-mangystau-cctv-cameras": (lambda: short(LA, "ОХ-0427/26", 2, logged(LA, "ОХ-0427/26", "CCTV-MON")), lambda: units_credit(LA, "ОХ-0427/26", 2, 6)),
 "b83-tt-sulak-october-guard": (lambda: outside_contract(LA, "ОХ-0428/26"), lambda: inv_total(LA, "ОХ-0428/26")),
 "b83-tt-sulak-window-streaks": (lambda: short(LA, "КЛ-0189/26", 1, logged(LA, "КЛ-0189/26", "WINDOW-ALP")), lambda: r(line_gross(LA, "КЛ-0189/26", 1) / 2, "RUB")),
 "b83-tt-sulak-cleaners-dates": (None, lambda: units_credit(LA, "КЛ-0195/26", 1, 2)),
 "b83-tt-polyclinic-late-fee": (lambda: fee_not_owed(LA, "КЛ-0187/26", T_A), lambda: fee(LA, "КЛ-0187/26", "late_fee")),
 "b83-tt-polyclinic-towels": (lambda: units_credit(LA, "КЛ-0193/26", 2, delivered(LA, "КЛ-0193/26", "SUPPLIES", "damagedQuantity")), lambda: units_credit(LA, "КЛ-0193/26", 2, 6)),
 "b83-tt-polyclinic-deep-clean-rate": (lambda: price_diff(LA, "КЛ-0198/26", 1), lambda: price_diff(LA, "КЛ-0198/26", 1)),
 "b83-tt-polyclinic-paid-1211": (lambda: unapplied_payment(LA, "КЛ-0201/26", "2026-11-12"), lambda: open_bal(LA, "КЛ-0201/26")),
 "b83-tt-shirvan-disinfection": (lambda: short(LA, "КЛ-0194/26", 2, logged(LA, "КЛ-0194/26", "DISINF")), lambda: line_gross(LA, "КЛ-0194/26", 2)),
 "b83-tt-shirvan-october-rounds": (lambda: short(LA, "КЛ-0202/26", 1, logged(LA, "КЛ-0202/26", "CLEAN-OFF")), lambda: short(LA, "КЛ-0202/26", 1, 11)),
 # Darial (Vladikavkaz; RUB, GEL at 29.4000 / 29.8500, AMD at 0.2050 / 0.2085)
 "b83-drl-dariali-missed-visit": (lambda: short(LB, "DRL-0401-B2", 1, logged(LB, "DRL-0401-B2", "PM-HVAC")), lambda: short(LB, "DRL-0401-B2", 1, 2)),
 "b83-drl-dariali-overhaul-hours": (lambda: short(LB, "DRL-0401-B2", 2, logged(LB, "DRL-0401-B2", "TECH-HR")), lambda: short(LB, "DRL-0401-B2", 2, 14)),
 "b83-drl-dariali-border-fee": (lambda: Z if fee_in_contract_notes(LB, "DRL-0401-B2", "other", "border crossing fee") else fee(LB, "DRL-0401-B2", "other"), lambda: fee(LB, "DRL-0401-B2", "other")),
 "b83-drl-terek-callout-rate": (lambda: price_diff(LB, "DRL-0405-B1", 1), lambda: price_diff(LB, "DRL-0405-B1", 1)),
 "b83-drl-terek-boiler-13oct": (lambda: dates_credit(LB, "DRL-0435-B1", 1, "PM-BOILER", ["2026-10-13"]), lambda: units_credit(LB, "DRL-0435-B1", 1, 1)),
 "b83-drl-terek-cancelled-po": (lambda: Z if po_defect(LB, "DRL-0441-B4") else None, lambda: inv_total(LB, "DRL-0441-B4")),
 "b83-drl-lars-splits": (lambda: short(LB, "DRL-0417-B4", 1, logged(LB, "DRL-0417-B4", "INSTALL-SPLIT")), lambda: units_credit(LB, "DRL-0417-B4", 1, 1)),
 "b83-drl-lars-refrigerant": (lambda: short(LB, "DRL-0417-B4", 2, delivered(LB, "DRL-0417-B4", "REFRIG")), lambda: short(LB, "DRL-0417-B4", 2, 9)),
 "b83-drl-lars-october-double": (lambda: inv_total(LB, "DRL-0432-B2") if same_basis_duplicate(LB, "DRL-0432-B2", "DRL-0397-B2") else Z, lambda: inv_total(LB, "DRL-0432-B2")),
 "b83-drl-galereya-lift3": (lambda: short(LB, "DRL-0431-B3", 1, logged(LB, "DRL-0431-B3", "LIFT-PM")), lambda: units_credit(LB, "DRL-0431-B3", 1, 1)),
 "b83-drl-galereya-peni": (lambda: fee_not_owed(LB, "DRL-0381-B3", T_B), lambda: fee(LB, "DRL-0381-B3", "late_fee")),
 "b83-drl-galereya-paid": (lambda: unapplied_payment(LB, "DRL-0398-B3", "2026-10-28"), lambda: open_bal(LB, "DRL-0398-B3")),
 "b83-drl-lars-callout-17oct": (None, lambda: inv_total(LB, "DRL-0422-B2")),
 "b83-drl-tsey-after-season": (lambda: outside_contract(LB, "DRL-0344-B1"), lambda: D("48800.00")),
 "b83-drl-terek-cracked-pump": (lambda: units_credit(LB, "DRL-0413-B4", 1, delivered(LB, "DRL-0413-B4", "PUMP-CIRC", "damagedQuantity")), lambda: units_credit(LB, "DRL-0413-B4", 1, 1)),
 "b83-drl-galereya-chiller-hours": (lambda: short(LB, "DRL-0431-B3", 3, logged(LB, "DRL-0431-B3", "TECH-HR")), lambda: short(LB, "DRL-0431-B3", 3, 8)),
 # Tsentr Azii (Kyzyl; RUB, CNY at 12.3000 / 12.4500, MNT without a rate)
 "b83-tsa-ulugkhem-oct-hours": (lambda: short(LC, "TSA-082/0311", 1, logged(LC, "TSA-082/0311", "CONS-SR")), lambda: short(LC, "TSA-082/0311", 1, 30)),
 "b83-tsa-ulugkhem-senior-rate": (lambda: price_diff(LC, "TSA-069/0510", 1), lambda: price_diff(LC, "TSA-069/0510", 1)),
 "b83-tsa-ulugkhem-field-days": (lambda: dates_credit(LC, "TSA-085/0911", 1, "FIELD-DAY", ["2026-11-05", "2026-11-06"]), lambda: units_credit(LC, "TSA-085/0911", 1, 2)),
 "b83-tsa-consulate-vat": (lambda: inv_tax(LC, "TSA-077/2610") if tax_exempt(LC, "TSA-077/2610") else Z, lambda: inv_tax(LC, "TSA-077/2610")),
 "b83-tsa-consulate-detectors": (lambda: short(LC, "TSA-091/2011", 1, logged(LC, "TSA-091/2011", "SMOKE-INST")), lambda: short(LC, "TSA-091/2011", 1, 20)),
 "b83-tsa-consulate-training": (lambda: dates_credit(LC, "TSA-091/2011", 2, "TRAINING", ["2026-11-17"]), lambda: units_credit(LC, "TSA-091/2011", 2, 1)),
 "b83-tsa-uvs-cancelled-trip": (lambda: short(LC, "TSA-080/3010", 1, logged(LC, "TSA-080/3010", "FIELD-DAY")), lambda: line_gross(LC, "TSA-080/3010", 1)),
 "b83-tsa-uvs-paid": (lambda: unapplied_payment(LC, "TSA-066/0110", "2026-11-20"), lambda: open_bal(LC, "TSA-066/0110")),
 "b83-tsa-kyzyltashtyg-calibration": (lambda: short(LC, "TSA-072/1210", 1, logged(LC, "TSA-072/1210", "CALIB")), lambda: units_credit(LC, "TSA-072/1210", 1, 1)),
 "b83-tsa-kyzyltashtyg-report-twice": (lambda: inv_total(LC, "TSA-078/2710") if same_basis_duplicate(LC, "TSA-078/2710", "TSA-075/2010") else Z, lambda: inv_total(LC, "TSA-078/2710")),
 "b83-tsa-kyzyltashtyg-engineer-hours": (lambda: short(LC, "TSA-072/1210", 2, logged(LC, "TSA-072/1210", "ENG-HR")), lambda: short(LC, "TSA-072/1210", 2, 27)),
 "b83-tsa-tec-saturday-training": (lambda: dates_credit(LC, "TSA-081/0211", 1, "TRAINING", ["2026-10-31"]), lambda: units_credit(LC, "TSA-081/0211", 1, 1)),
 "b83-tsa-tec-paid-no-trace": (None, lambda: open_bal(LC, "TSA-073/1210")),
 "b83-tsa-tec-mileage": (lambda: Z if fee_supported_by_contract_price(LC, "TSA-088/1611", 2) else line_gross(LC, "TSA-088/1611", 2), lambda: line_gross(LC, "TSA-088/1611", 2)),
 "b83-tsa-ulugkhem-detectors": (None, lambda: units_credit(LC, "TSA-089/1611", 1, 2)),
}
NEEDS_INFO = {
 "b83-tt-sulak-cleaners-dates": lambda: unserved_dates(LA, "КЛ-0195/26", "CLEAN-OFF", ["2026-09-12", "2026-09-13"]) is None,
 "b83-drl-lars-callout-17oct": lambda: not has_log(LB, "DRL-0422-B2", "CALLOUT") and not has_log(LB, "DRL-0422-B2", "TECH-HR"),
 "b83-tsa-tec-paid-no-trace": lambda: nothing_could_be_theirs(LC, "TSA-073/1210", "2026-11-20", "7714"),
 "b83-tsa-ulugkhem-detectors": lambda: not has_delivery(LC, "TSA-089/1611", "GASDET-INST") and not has_log(LC, "TSA-089/1611", "GASDET-INST"),
}
WRONG_CUSTOMER = {}

# Date claims decided by per-visit / per-day logs must agree with the count of units logged for the line.
for lgn, num, n, sku, dates in [(LA, "ОХ-0426/26", 2, "GUARD-12N", ["2026-10-14", "2026-10-15"]), (LB, "DRL-0435-B1", 1, "PM-BOILER", ["2026-10-13"]),
                                (LC, "TSA-085/0911", 1, "FIELD-DAY", ["2026-11-05", "2026-11-06"]), (LC, "TSA-091/2011", 2, "TRAINING", ["2026-11-17"]),
                                (LC, "TSA-081/0211", 1, "TRAINING", ["2026-10-31"])]:
    by_dates = dates_credit(lgn, num, n, sku, dates)
    by_count = short(lgn, num, n, logged(lgn, num, sku))
    if by_dates != by_count: fail(f"{num} {sku}: the date reading ({by_dates}) and the count reading ({by_count}) disagree")

# ---- numbering. Tarki-Tau: Cyrillic service series ОХ (guarding) / КЛ (cleaning), four-digit sequence per series,
# slash, two-digit year. Darial: DRL, one yearly four-digit sequence, crew suffix B1-B4. Tsentr Azii: TSA, one yearly
# three-digit sequence, slash, DDMM of the issue date. Sequences follow the issue dates.
import re
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
SERIES = {"ОХ": {"GUARD-24", "GUARD-12N", "GUARD-12D", "PATROL", "CCTV-MON"}, "КЛ": {"CLEAN-OFF", "CLEAN-DEEP", "WINDOW-ALP", "DISINF", "SUPPLIES"}}
for series, skus in SERIES.items():
    v = [i for i in ledgers[LA]["invoices"] if i["number"].startswith(series + "-")]
    for i in v:
        m = re.fullmatch(r"(ОХ|КЛ)-(\d{4})/(\d{2})", i["number"])
        if not m or m.group(3) != i["issueDate"][2:4]: fail(f"{i['number']}: not {series}-NNNN/YY of its issue year")
        if not all(l["sku"] in skus for l in i["lines"]): fail(f"{i['number']}: a line outside the {series} service series")
    if not seq_ok(v, lambda i: i["number"]): fail(f"LA series {series}: sequence out of date order")
if sum(1 for i in ledgers[LA]["invoices"] if i["number"][:2] in SERIES) != len(ledgers[LA]["invoices"]): fail("LA series letters")
if not all(re.fullmatch(r"DRL-\d{4}-B[1-4]", i["number"]) for i in ledgers[LB]["invoices"]): fail("LB numbering")
if not seq_ok(ledgers[LB]["invoices"], lambda i: i["number"][4:8]): fail("LB: sequence out of date order")
for i in ledgers[LC]["invoices"]:
    m = re.fullmatch(r"TSA-(\d{3})/(\d{2})(\d{2})", i["number"])
    if not m or (m.group(2), m.group(3)) != (i["issueDate"][8:10], i["issueDate"][5:7]): fail(f"{i['number']}: not TSA-NNN/DDMM of its issue date")
if not seq_ok(ledgers[LC]["invoices"], lambda i: i["number"][4:7]): fail("LC: sequence out of date order")

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
    if not cid.startswith("b83-"): fail(f"{cid}: id prefix")
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


# ---- every needs_info recipe is expected as needs_info, and every other resolution has a supported-amount recipe
for c in cases:
    e = c["expect"]
    if c["id"] in NEEDS_INFO and e.get("classification") != "needs_info": fail(f"{c['id']}: the ledger lacks a document, expected needs_info")
    if e.get("invoiceNumber") and c["id"] not in NEEDS_INFO and (c["id"] not in R or R[c["id"]][0] is None): fail(f"{c['id']}: no supported-amount recipe")

# ---- the message rules of this batch: neverAsks 'invoice' only when the first turn names the invoice;
# emailMentions hold invoice / PO numbers that exist, and amounts only below 1,000.
for c in cases:
    e = c["expect"]; lg = ledgers.get(c["ledger"]); first = c["turns"][0]
    if "invoice" in e.get("neverAsks", []) and e.get("invoiceNumber") not in first: fail(f"{c['id']}: neverAsks invoice but the first turn does not name {e.get('invoiceNumber')}")
    pos = {p["number"] for p in lg.get("purchaseOrders", [])}; nums = {i["number"] for i in lg["invoices"]}
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[0-9]+(\.[0-9]+)?", m):
            if D(m) >= 1000: fail(f"{c['id']}: emailMentions amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")): fail(f"{c['id']}: emailMentions amount {m} is neither the disputed nor the supported amount")
        elif m not in nums and m not in pos: fail(f"{c['id']}: emailMentions {m} is no invoice or PO of the ledger")
    if e.get("invoiceNumber") and e.get("emailMentions") and e["invoiceNumber"] not in e["emailMentions"]: fail(f"{c['id']}: the e-mail check omits the invoice number")

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
