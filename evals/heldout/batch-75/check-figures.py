#!/usr/bin/env python3
"""Batch-75 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-75/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # USD, CAD: 2
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
NO_RATE = set()                 # batch 75: every foreign-currency invoice (CAD) has a rate
INTENDED_WRONG_PO = set()       # BO261013-02 quotes a PO that exists but is cancelled; 9100417410 and 48878-T carry none
INTENDED_WRONG_TERMS = {"48865-S"}   # issued Net 30 although its contract says Net 45, on purpose
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 14 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
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
            if (days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]) != (i["number"] in INTENDED_WRONG_TERMS): fail(f"{name} {i['number']}: due date vs contract terms")
        elif days(i["issueDate"], i["dueDate"]) != 30: fail(f"{name} {i['number']}: no contract, Net 30 expected")
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
    for cm in lg.get("creditMemos", []): fail(f"{name}: no credit memos expected in this batch")
    for c in lg.get("contracts", []):
        for p in c["prices"]:
            if not decimals_ok(p["unitPrice"], c["currency"]): fail(f"{name} {c['id']}: price digits")


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
TN, OH, MI = "cumberland-medsurg-tn-usd.ledger.json", "scioto-clinical-engineering-oh-usd.ledger.json", "lakeshore-ortho-mi-usd.ledger.json"
T_TN, T_OH, T_MI = "2026-11-18", "2026-12-09", "2026-11-04"
TODAY = {TN: T_TN, OH: T_OH, MI: T_MI}

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
def small_order_fee_owed(lgn, num, words, floor):
    """The contract's notes name the fee and the merchandise (lines before tax) is under the stated floor."""
    i = I(lgn, num); merch = sum((net(l, i["currency"]) for l in i["lines"]), Z)
    return fee_in_contract_notes(lgn, num, "service_fee", words) and merch < D(floor)
def usual_rate(lgn, num, sku):
    """The rate the customer's other invoices use for the SKU (absent taxRate = 0); None when no other invoice bills it."""
    i = I(lgn, num)
    rates = {D(l.get("taxRate", "0")) for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num
             for l in o["lines"] if l["sku"] == sku}
    if len(rates) > 1: fail(f"{num}: other invoices disagree on the rate for {sku}")
    return next(iter(rates)) if rates else None
def tax_above_usual(lgn, num):
    """Tax not owed by a customer that is not exempt: each line taxed above its usual rate loses the difference."""
    i = I(lgn, num); cur = i["currency"]; out = Z
    for l in i["lines"]:
        u = usual_rate(lgn, num, l["sku"]); billed = D(l.get("taxRate", "0"))
        if u is not None and billed > u:
            n = net(l, cur); out += r(n * billed, cur) - r(n * u, cur)
    return out
def terms_defect(lgn, num):
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    return bool(c) and c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999") \
        and days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]
def fee_unsupported_needs_contract(lgn, num, t):
    """A fee with no contract and no PO line that lists it cannot be judged."""
    i = I(lgn, num); return not i.get("contractId") and not fee_on_po(lgn, num, t)
def stated(x): return lambda: D(x)

R = {
 # Tennessee (USD): Cumberland Med-Surg
 "b75-tn-harpeth-gown-sub-tier": (lambda: price_diff(TN, "9100417240", 1), lambda: price_diff(TN, "9100417240", 1)),
 "b75-tn-harpeth-workday-no-po": (lambda: Z if po_defect(TN, "9100417410") else None, lambda: inv_total(TN, "9100417410")),
 "b75-tn-harpeth-canisters-backorder": (lambda: short(TN, "9100417301", 1, delivered(TN, "9100417301", "CAN-1500")), lambda: units_credit(TN, "9100417301", 1, 24)),
 "b75-tn-harpeth-iv-kits-rebilled": (lambda: inv_total(TN, "9100417352") if same_basis_duplicate(TN, "9100417352", "9100417186") else Z, lambda: inv_total(TN, "9100417352")),
 "b75-tn-stones-drapes-torn": (lambda: units_credit(TN, "9100417367", 1, delivered(TN, "9100417367", "DRP-LAP", "damagedQuantity")), lambda: units_credit(TN, "9100417367", 1, 3)),
 "b75-tn-stones-glove-tier-correction": (lambda: price_diff(TN, "9100417093", 1), lambda: price_diff(TN, "9100417093", 1)),
 "b75-tn-stones-late-charge-in-grace": (lambda: fee_not_owed(TN, "9100417015", T_TN), lambda: fee(TN, "9100417015", "late_fee")),
 "b75-tn-stones-sponges-named-later": (lambda: inv_total(TN, "9100417489") if same_basis_duplicate(TN, "9100417489", "9100417422") else Z, lambda: inv_total(TN, "9100417489")),
 "b75-tn-natchez-handling-fee-vm": (lambda: Z if small_order_fee_owed(TN, "9100417375", "small-order handling fee", "300.00") else fee(TN, "9100417375", "service_fee"), lambda: fee(TN, "9100417375", "service_fee")),
 "b75-tn-natchez-virtual-card": (lambda: unapplied_payment(TN, "9100417262", "2026-11-06"), lambda: open_bal(TN, "9100417262")),
 "b75-tn-natchez-sales-tax-practice": (lambda: inv_tax(TN, "9100417463") if tax_exempt(TN, "9100417463") else tax_above_usual(TN, "9100417463"), lambda: inv_tax(TN, "9100417463")),
 "b75-tn-duckriver-county-exempt": (lambda: inv_tax(TN, "9100417344") if tax_exempt(TN, "9100417344") else Z, lambda: inv_tax(TN, "9100417344")),
 "b75-tn-duckriver-finance-charge": (lambda: fee_not_owed(TN, "9100416802", T_TN), lambda: fee(TN, "9100416802", "late_fee")),
 "b75-tn-duckriver-underpads-pod": (lambda: short(TN, "9100417398", 1, delivered(TN, "9100417398", "PAD-UND")), lambda: units_credit(TN, "9100417398", 1, 4)),
 "b75-tn-highland-wipes-po-price": (lambda: price_diff(TN, "9100416633", 1), lambda: price_diff(TN, "9100416633", 1)),
 "b75-tn-highland-briefs-dropship": (None, lambda: net(line(I(TN, "9100417447"), 1), "USD", qty=4)),
 # Ohio (USD): Scioto Clinical Engineering
 "b75-oh-olentangy-pumps-not-found": (lambda: short(OH, "48851-S", 1, logged(OH, "48851-S", "INF-PM")), lambda: units_credit(OH, "48851-S", 1, 28)),
 "b75-oh-olentangy-resident-two-days": (None, lambda: units_credit(OH, "48890-S", 1, 2)),
 "b75-oh-olentangy-lawson-no-po": (lambda: Z if po_defect(OH, "48878-T") else None, lambda: inv_total(OH, "48878-T")),
 "b75-oh-olentangy-loaner-eight-days": (lambda: short(OH, "48862-T", 1, logged(OH, "48862-T", "LOANER-CARM")), lambda: units_credit(OH, "48862-T", 1, 4)),
 "b75-oh-midohio-december-after-expiry": (lambda: outside_contract(OH, "48829-S"), lambda: outside_contract(OH, "48829-S")),
 "b75-oh-midohio-helium-unauthorized": (lambda: Z if fee_supported_by_contract_price(OH, "48841-T", 1) else line_gross(OH, "48841-T", 1), lambda: line_gross(OH, "48841-T", 1)),
 "b75-oh-midohio-ct-failed-again": (lambda: short(OH, "48871-T", 1, logged(OH, "48871-T", "ENG-HR")), lambda: line_gross(OH, "48871-T", 1)),
 "b75-oh-midohio-ct-rate-with-tax": (lambda: price_diff(OH, "48863-S", 1), lambda: price_diff(OH, "48863-S", 1)),
 "b75-oh-hocking-late-charge-grace": (lambda: fee_not_owed(OH, "48830-S", T_OH), lambda: fee(OH, "48830-S", "late_fee")),
 "b75-oh-hocking-check-20518": (lambda: unapplied_payment(OH, "48864-S", "2026-11-20"), lambda: open_bal(OH, "48864-S")),
 "b75-oh-hocking-second-sterilizer": (lambda: short(OH, "48879-S", 1, logged(OH, "48879-S", "STER-PM")), lambda: units_credit(OH, "48879-S", 1, 1)),
 "b75-oh-lickingvalley-hd-machines": (lambda: short(OH, "48806-S", 1, logged(OH, "48806-S", "HD-PM")), lambda: units_credit(OH, "48806-S", 1, 6)),
 "b75-oh-lickingvalley-ro-q4-twice": (lambda: inv_total(OH, "48849-S") if same_basis_duplicate(OH, "48849-S", "48834-S") else Z, lambda: inv_total(OH, "48849-S")),
 "b75-oh-fairfield-before-start": (lambda: outside_contract(OH, "48846-S"), lambda: outside_contract(OH, "48846-S")),
 "b75-oh-fairfield-net45-reissue": (lambda: Z if terms_defect(OH, "48865-S") else None, lambda: inv_total(OH, "48865-S")),
 # Michigan (USD company; CAD customer at 0.7290 / 0.7180)
 "b75-mi-grandriver-femoral-contract": (lambda: price_diff(MI, "BO261006-01", 1), lambda: price_diff(MI, "BO261006-01", 1)),
 "b75-mi-grandriver-cancelled-po": (lambda: Z if po_defect(MI, "BO261013-02") else None, lambda: inv_total(MI, "BO261013-02")),
 "b75-mi-grandriver-case-billed-twice": (lambda: inv_total(MI, "SI261027-01") if same_basis_duplicate(MI, "SI261027-01", "BO261020-01") else Z, lambda: inv_total(MI, "SI261027-01")),
 "b75-mi-grandriver-loaner-on-po": (lambda: Z if (po_line_supports(MI, "BO261028-03", 5) or fee_supported_by_contract_price(MI, "BO261028-03", 5)) else line_gross(MI, "BO261028-03", 5), lambda: line_gross(MI, "BO261028-03", 5)),
 "b75-mi-essex-stem-cad": (lambda: price_diff(MI, "BO260921-01", 1), lambda: price_diff(MI, "BO260921-01", 1)),
 "b75-mi-essex-screws-counted": (lambda: short(MI, "SI260928-02", 1, delivered(MI, "SI260928-02", "SCR-CAN-65")), lambda: units_credit(MI, "SI260928-02", 1, 4)),
 "b75-mi-essex-eft-usd-question": (lambda: unapplied_payment(MI, "BO261005-01", "2026-10-30"), lambda: open_bal(MI, "BO261005-01")),
 "b75-mi-essex-knees-twice": (lambda: inv_total(MI, "BO261016-02") if same_basis_duplicate(MI, "BO261016-02", "BO261014-01") else Z, lambda: inv_total(MI, "BO261016-02")),
 "b75-mi-essex-cement-last-year": (lambda: price_diff(MI, "SI261021-01", 1), lambda: price_diff(MI, "SI261021-01", 1, "146.00")),
 "b75-mi-kalamazoo-late-two-months": (lambda: fee_not_owed(MI, "BO260801-01", T_MI), lambda: fee(MI, "BO260801-01", "late_fee")),
 "b75-mi-kalamazoo-implant-tax": (lambda: tax_above_usual(MI, "BO261008-01"), lambda: sum((tax(line(I(MI, "BO261008-01"), n), net(line(I(MI, "BO261008-01"), n), "USD"), "USD") for n in (1, 2, 3, 4)), Z)),
 "b75-mi-kalamazoo-cement-wrong-invoice": (lambda: units_credit(MI, "SI261012-01", 1, delivered(MI, "SI261012-01", "BONE-CEM", "damagedQuantity")), lambda: units_credit(MI, "SI261012-01", 1, 3)),
 "b75-mi-muskegon-rep-evening-case": (lambda: dates_credit(MI, "BO261009-01", 5, "REP-COVER", ["2026-10-08"]), lambda: line_gross(MI, "BO261009-01", 5)),
 "b75-mi-muskegon-ach-trace": (None, lambda: open_bal(MI, "BO260915-02")),
 "b75-mi-tricities-reprocessing-fee": (None, lambda: fee(MI, "BO261019-01", "service_fee")),
}
NEEDS_INFO = {
 "b75-tn-highland-briefs-dropship": lambda: not has_delivery(TN, "9100417447", "BRF-ADLT-L") and has_delivery(TN, "9100417447", "GLV-NIT-L"),
 "b75-oh-olentangy-resident-two-days": lambda: unserved_dates(OH, "48890-S", "RES-ENG-DAY", ["2026-11-03", "2026-11-04"]) is None,
 "b75-mi-muskegon-ach-trace": lambda: nothing_could_be_theirs(MI, "BO260915-02", "2026-10-20", "072000326644102"),
 "b75-mi-tricities-reprocessing-fee": lambda: fee_unsupported_needs_contract(MI, "BO261019-01", "service_fee"),
}
WRONG_CUSTOMER = {}

# ---- numbering: 9100NNNNNN (JD Edwards-style 10 digits, one sequence), NNNNN-S / NNNNN-T (one sequence, S = a coverage or
# PM line of the service agreement's schedule, T = labour, parts, loaners, helium only), BO|SI + YYMMDD of issue + -NN (BO = a
# bill-only implant case, SI = a sales order); every sequence follows the issue dates.
import re
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
if not all(re.fullmatch(r"9100\d{6}", i["number"]) for i in ledgers[TN]["invoices"]): fail("TN numbering")
if not seq_ok(ledgers[TN]["invoices"], lambda i: i["number"]): fail("TN: sequence out of date order")
COVERAGE = {"CT-FULL", "MRI-FULL", "BIOMED-MO", "XR-PM", "HD-PM", "CULT-TEST", "RO-PM", "CARM-FULL", "INF-PM", "ANES-PM", "RES-ENG-DAY", "STER-PM"}
for i in ledgers[OH]["invoices"]:
    m = re.fullmatch(r"(\d{5})-([ST])", i["number"])
    if not m: fail(f"{i['number']}: not NNNNN-S/T"); continue
    if (m.group(2) == "S") != any(l["sku"] in COVERAGE for l in i["lines"]): fail(f"{i['number']}: S/T suffix does not match its lines")
if not seq_ok(ledgers[OH]["invoices"], lambda i: i["number"][:5]): fail("OH: sequence out of date order")
if len({i["number"][:5] for i in ledgers[OH]["invoices"]}) != len(ledgers[OH]["invoices"]): fail("OH: a sequence number used twice")
IMPLANTS = {"TKA-FEM", "TKA-TIB", "TKA-INS", "PAT-BTN", "HIP-STEM", "HIP-CUP", "HIP-LINER", "HIP-HEAD"}
for i in ledgers[MI]["invoices"]:
    m = re.fullmatch(r"(BO|SI)(\d{2})(\d{2})(\d{2})-(\d{2})", i["number"])
    if not m or f"20{m.group(2)}-{m.group(3)}-{m.group(4)}" != i["issueDate"]: fail(f"{i['number']}: not BO/SI + YYMMDD of its issue date")
    elif m.group(1) == "BO" and not any(l["sku"] in IMPLANTS for l in i["lines"]): fail(f"{i['number']}: BO without an implant line")
if len({i["number"][2:] for i in ledgers[MI]["invoices"]}) != len(ledgers[MI]["invoices"]): fail("MI: a day's sequence number used twice")

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
fx_seen = []
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b75-"): fail(f"{cid}: id prefix")
    if c["today"] != TODAY.get(lgn): fail(f"{cid}: today {c['today']} is not its ledger's {TODAY.get(lgn)}")
    ea = c["expect"]
    for m in ea.get("emailMentions", []):
        if re.fullmatch(r"\d+\.\d{2}", m) and D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} is 1,000 or more")
    if "invoice" in ea.get("neverAsks", []) and ea.get("invoiceNumber") not in c["turns"][0]: fail(f"{cid}: neverAsks invoice but turn 1 does not name it")
    if ea.get("invoiceNumber") and ea["invoiceNumber"] in c["turns"][0] and "invoice" not in ea.get("neverAsks", []): fail(f"{cid}: turn 1 names the invoice: neverAsks invoice expected")
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
        # money above the lead's approval limit (in the company currency) needs the finance controller: an escalation too
        moved = supported if e.get("action") in ("credit_memo", "write_off") and supported else Z
        if e.get("action") == "write_off" and disputed is not None: moved = disputed
        mconv = to_company(lgn, num, moved)
        if mconv is not None and mconv > D(pol["approvalLimits"]["lead"]) and not e["escalation"]: fail(f"{cid}: {moved} {cur} needs the finance controller")
        if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
            fail(f"{cid}: legal escalation expected")
        if cur != home(lg): fx_seen.append(f"{cid}: {amount} {cur} = {conv} {home(lg)}; owed {disputed - (supported or Z) if disputed is not None else '-'} {cur} = {to_company(lgn, num, disputed - (supported or Z)) if disputed is not None else '-'} {home(lg)}")

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
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")), "of", sum(1 for c in cases if "escalation" in c["expect"]))
for x in fx_seen: print("  FX", x)
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

