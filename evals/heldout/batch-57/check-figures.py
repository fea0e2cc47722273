#!/usr/bin/env python3
"""Batch-57 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, due dates, references, prices and numbering, and the classification /
action / write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at
the latest rate on or before the invoice date, half-up once; no rate: escalate). Prints the
mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-57/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # HRK, BGN, TJS, EUR, USD, KZT: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
def q(x): return D(str(x))                      # a ledger quantity (JSON number) as an exact decimal
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
HR, BG, TJ = "kornat-marikultura-hrk.ledger.json", "dobrudzha-maslodaina-bgn.ledger.json", "gilami-sughd-tjs.ledger.json"
T_HR, T_BG, T_TJ = "2022-11-16", "2025-11-26", "2026-11-18"
TODAY = {HR: T_HR, BG: T_BG, TJ: T_TJ}
Z = D("0")

def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * q(l["quantity"] if qty is None else qty), cur)
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
def cust_of(lg, inv): return next(c for c in lg["customers"] if c["id"] == inv["customerId"])
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

# ---- intended defects (everything else must be clean)
NO_RATE = {"GS 0002334"}                                        # KZT, no rate on purpose
WRONG_TERMS = {"3000004694"}                                    # due after 14 days, contract says 45
MISSING_PO = {"1795/PK1/1", "GS 0002287"}                       # contract requires a PO, none on the invoice
CANCELLED_PO = {"3000004651"}                                   # quotes a PO the customer cancelled
WRONG_TAX = {"249/ZD1/1", "GS 0002326"}                         # tax on a tax-exempt customer's invoice
WRONG_PRICE = {("1788/PK1/1", 1), ("1798/PK1/1", 1), ("3000004633", 1), ("3000004688", 1), ("GS 0002316", 1), ("GS 0002279", 1)}
NOT_ON_PO = {("1759/PK1/1", 3)}                                # EPS boxes: priced by the contract, not on the objednávka
DUPLICATES = {"236/ZD1/1": "1779/PK1/1", "3000004675": "3000004672", "GS 0002309": "GS 0002302"}

# ---- ledgers: totals, statuses, references, terms, prices, minor digits
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"]: c for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    for i in lg["invoices"]:
        cur, n = i["currency"], i["number"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {n}: unit price digits")
            if l.get("taxRate") and (custs[i["customerId"]].get("taxExempt") or cur != cur0) and n not in WRONG_TAX: fail(f"{name} {n}: tax on an exempt / export line")
        if n in WRONG_TAX and not (custs[i["customerId"]].get("taxExempt") and all(l.get("taxRate") for l in i["lines"])): fail(f"{name} {n}: meant to tax an exempt customer on every line")
        if D(i["total"]) != total(i): fail(f"{name} {n}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {n}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {n}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {n}: unknown contract")
        po = pos.get(i.get("poNumber"))
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {n}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {n}: currency differs from contract")
            if (days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]) != (n in WRONG_TERMS): fail(f"{name} {n}: due date vs contract terms")
            if (c.get("poRequired") and not i.get("poNumber")) != (n in MISSING_PO): fail(f"{name} {n}: PO requirement")
            if "servicePeriodStart" not in i and not (c["startDate"] <= i["issueDate"] <= c.get("endDate", "9999")): fail(f"{name} {n}: issued outside its contract")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if cp is None: fail(f"{name} {n}: SKU {l['sku']} not in the contract")
                elif (D(cp) != D(l["unitPrice"])) != ((n, l["line"]) in WRONG_PRICE): fail(f"{name} {n} line {l['line']}: price vs contract")
        else:
            if not po: fail(f"{name} {n}: neither contract nor PO")
            else:
                for l in i["lines"]:
                    pp = next((x["unitPrice"] for x in po["lines"] if x["sku"] == l["sku"]), None)
                    if pp is None or ((D(pp) != D(l["unitPrice"])) != ((n, l["line"]) in WRONG_PRICE)): fail(f"{name} {n} line {l['line']}: price vs PO")
        if i.get("poNumber"):
            if not po: fail(f"{name} {n}: PO {i['poNumber']} not in the ledger")
            else:
                if po["customerId"] != i["customerId"]: fail(f"{name} {n}: PO of another customer")
                if po.get("currency") != cur: fail(f"{name} {n}: PO currency {po.get('currency')} differs from the invoice's")
                if (po.get("status") == "cancelled") != (n in CANCELLED_PO): fail(f"{name} {n}: cancelled PO")
                if n not in DUPLICATES:
                    for l in i["lines"]:
                        if not any(x["sku"] == l["sku"] and q(x["quantity"]) == q(l["quantity"]) for x in po["lines"]) and (n, l["line"]) not in NOT_ON_PO: fail(f"{name} {n}: line {l['line']} not on its PO")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and n not in NO_RATE:
            fail(f"{name} {n}: no rate for {cur}")
        if n in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {n}: meant to have no rate")
        if cur != cur0 and n not in NO_RATE and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg["fxRates"]): fail(f"{name} {n}: no rate on or before the invoice date")
        p, t = paid(lg, n), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {n}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] != invoice(lg, s["invoiceNumber"])["customerId"]: fail(f"{name} log {s['id']}: customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if "remittance" in p: fail(f"{name} payment {p['id']}: no remittance deductions in this batch")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- records vs billed quantities: only the intended differences
SHORT_DELIVERY = {("1779/PK1/1", "BRANC-400"), ("GS 0002261", "RUG-MW-160"), ("GS 0002321", "PRAYER")}
DAMAGED = {("1783/PK1/1", "DAGNJE"), ("3000004612", "RSO-IBC"), ("3000004683", "HO-5L"), ("GS 0002251", "RUG-HK-170"), ("GS 0002334", "RUNNER-80")}
SHORT_SERVICE = {("1806/PK1/1", "FRT-BUD"), ("4000000238", "BOTTLING"), ("4000000224", "LAB"), ("GS 0002345", "FIT-DAY")}
for name, lg in ledgers.items():
    for i in lg["invoices"]:
        for l in i["lines"]:
            key = (i["number"], l["sku"])
            ds = [d for d in lg.get("deliveries", []) if d.get("invoiceNumber") == i["number"] and d["sku"] == l["sku"]]
            if ds:
                got = sum((q(d["quantity"]) for d in ds), Z)
                if (got != q(l["quantity"])) != (key in SHORT_DELIVERY): fail(f"{name} {key}: delivered {got} vs billed {l['quantity']}")
                dmg = sum((q(d.get("damagedQuantity", 0)) for d in ds), Z)
                if (dmg > 0) != (key in DAMAGED): fail(f"{name} {key}: damaged {dmg}")
            ss = [x for x in lg.get("serviceLogs", []) if x.get("invoiceNumber") == i["number"] and x["sku"] == l["sku"]]
            if ss:
                got = sum((q(x["quantity"]) for x in ss if x["status"] != "not_rendered"), Z)
                if (got != q(l["quantity"])) != (key in SHORT_SERVICE): fail(f"{name} {key}: logged {got} vs billed {l['quantity']}")

# ---- numbering: NNNN/PK1/1 and NNN/ZD1/1 (Croatian fiscal number / premises / device, one sequence per
# premises), 10-digit Bulgarian numbers (3... goods from the Dobrich plant, 4... services from Varna-West),
# GS NNNNNNN (series and 7-digit number); sequences follow the issue dates.
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
by = {}
for i in ledgers[HR]["invoices"]:
    m = re.fullmatch(r"(\d{3,4})/(PK1|ZD1)/1", i["number"])
    if not m: fail(f"{i['number']}: not NNNN/premises/1")
    else: by.setdefault(m.group(2), []).append((int(m.group(1)), i))
for k, v in by.items():
    if not seq_ok([i for _, i in v], lambda i: int(i["number"].split("/")[0])): fail(f"HR premises {k}: sequence out of date order")
for series in "34":
    v = [i for i in ledgers[BG]["invoices"] if i["number"][0] == series]
    if not all(re.fullmatch(r"[34]\d{9}", i["number"]) for i in v): fail("BG numbering: 10 digits")
    if not seq_ok(v, lambda i: i["number"]): fail(f"BG series {series}: sequence out of date order")
if any((i["number"][0] == "4") != (i["customerId"] == "DM-UA01") for i in ledgers[BG]["invoices"]): fail("BG: series 4 is the toll-service desk (Prydunaiska only)")
if not all(re.fullmatch(r"GS \d{7}", i["number"]) for i in ledgers[TJ]["invoices"]): fail("TJ numbering")
if not seq_ok(ledgers[TJ]["invoices"], lambda i: i["number"]): fail("TJ: sequence out of date order")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku and po.get("currency") == i["currency"]), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or the customer's) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), Z)
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = q(l["quantity"]) - q(units)
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum((q(d.get(field, 0)) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku), Z)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum((q(s["quantity"]) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered"), Z)
def short(lgn, num, n, counted):
    billed = q(line(I(lgn, num), n)["quantity"]); return units_credit(lgn, num, n, max(billed - q(counted), Z))
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
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), Z)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): return bool(cust_of(ledgers[lgn], I(lgn, num)).get("taxExempt"))

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

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num))
def misapplied_payment(lgn, num, when):
    """A payment applied to another invoice whose reference names this one (cash application error)."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and p.get("invoiceNumber") not in (None, num)
          and num in p.get("reference", "") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote, none naming it."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "")
                   or num in p.get("reference", "") or D(p["amount"]) == open_bal(lgn, num) for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], q(x["quantity"]), D(x["unitPrice"])) == (y["sku"], q(y["quantity"]), D(y["unitPrice"]))
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"])
def dup_credit(lgn, num):
    return inv_total(lgn, num) if same_basis_duplicate(lgn, num, DUPLICATES[num]) else Z

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def terms_defect(lgn, num):
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    return bool(c) and days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"] and c["startDate"] <= i["issueDate"] <= c.get("endDate", "9999")
def po_line_supports(lgn, num, n):
    """The invoice's own PO (not cancelled) has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def contract_supports(lgn, num, n):
    """The contract prices the line's SKU at the billed price (DOMAIN: a contract line that supports it)."""
    l = line(I(lgn, num), n); cp = contract_price(lgn, num, l["sku"]); return cp is not None and D(cp) == D(l["unitPrice"])
def fee_unsupported(lgn, num, t):
    """A fee of type t: no PO line of the customer with its description and amount, and the contract's notes do not name it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    words = [w for w in re.split(r"[^a-z]+", f["description"].lower()) if len(w) > 3 and w not in ("returned",)]
    in_notes = bool(c) and any(w in c.get("notes", "").lower() for w in words)
    on_po = any(any(w in (l.get("description", "") + l["sku"]).lower() for w in words) for po in lg.get("purchaseOrders", [])
                if po["customerId"] == i["customerId"] for l in po["lines"])
    return not in_notes and not on_po

R = {
 # Croatia (HRK; EUR at 7.5290 / 7.5120 / 7.5345)
 "b57-hr-morske-bream-price": (lambda: price_diff(HR, "1788/PK1/1", 1), lambda: price_diff(HR, "1788/PK1/1", 1)),
 "b57-hr-morske-eps-boxes": (lambda: Z if (contract_supports(HR, "1759/PK1/1", 3) or po_line_supports(HR, "1759/PK1/1", 3)) else line_gross(HR, "1759/PK1/1", 3), lambda: line_gross(HR, "1759/PK1/1", 3)),
 "b57-hr-morske-penale-grace": (lambda: fee_not_owed(HR, "1731/PK1/1", T_HR), lambda: fee(HR, "1731/PK1/1", "late_fee")),
 "b57-hr-balatonhal-short-weight": (lambda: short(HR, "1779/PK1/1", 1, delivered(HR, "1779/PK1/1", "BRANC-400")), lambda: short(HR, "1779/PK1/1", 1, 1140)),
 "b57-hr-balatonhal-no-megrendeles": (lambda: Z if po_defect(HR, "1795/PK1/1") else None, lambda: inv_total(HR, "1795/PK1/1")),
 "b57-hr-balatonhal-freight-twice": (lambda: dup_credit(HR, "236/ZD1/1"), lambda: inv_total(HR, "236/ZD1/1")),
 "b57-hr-rybisvet-mussels-crushed": (lambda: units_credit(HR, "1783/PK1/1", 1, delivered(HR, "1783/PK1/1", "DAGNJE", "damagedQuantity")), lambda: units_credit(HR, "1783/PK1/1", 1, 30)),
 "b57-hr-rybisvet-storage-after-contract": (lambda: outside_contract(HR, "241/ZD1/1"), lambda: inv_total(HR, "241/ZD1/1")),
 "b57-hr-rybisvet-driver-late": (lambda: short(HR, "1791/PK1/1", 2, logged(HR, "1791/PK1/1", "FRT-BTS")), lambda: line_gross(HR, "1791/PK1/1", 2)),
 "b57-hr-morskiesmaki-pdv-freight": (lambda: inv_tax(HR, "249/ZD1/1") if tax_exempt(HR, "249/ZD1/1") else Z, lambda: inv_tax(HR, "249/ZD1/1")),
 "b57-hr-morskiesmaki-paid-1011": (lambda: unapplied_payment(HR, "1766/PK1/1", "2022-11-10"), lambda: open_bal(HR, "1766/PK1/1")),
 "b57-hr-morskiesmaki-fillet-price": (lambda: price_diff(HR, "1798/PK1/1", 1), lambda: price_diff(HR, "1798/PK1/1", 1)),
 "b57-hr-rybisvet-oysters-dead": (lambda: units_credit(HR, "1807/PK1/1", 1, delivered(HR, "1807/PK1/1", "KAMENICE", "damagedQuantity")), lambda: units_credit(HR, "1807/PK1/1", 1, 40)),
 "b57-hr-morske-fillets-weight": (None, lambda: units_credit(HR, "1801/PK1/1", 1, 12)),
 "b57-hr-balatonhal-one-truck": (lambda: short(HR, "1806/PK1/1", 3, logged(HR, "1806/PK1/1", "FRT-BUD")), lambda: units_credit(HR, "1806/PK1/1", 3, 1)),
 # Bulgaria (BGN; EUR at the peg 1.95583, USD 1.6870 / 1.6785)
 "b57-bg-dunarea-5l-price": (lambda: price_diff(BG, "3000004633", 1), lambda: price_diff(BG, "3000004633", 1, "19.45")),
 "b57-bg-dunarea-cancelled-comanda": (lambda: Z if po_defect(BG, "3000004651") else None, lambda: inv_total(BG, "3000004651")),
 "b57-bg-dunarea-penalties": (lambda: fee_not_owed(BG, "3000004598", T_BG), lambda: fee(BG, "3000004598", "late_fee")),
 "b57-bg-prydunaiska-bottling": (lambda: short(BG, "4000000238", 1, logged(BG, "4000000238", "BOTTLING")), lambda: units_credit(BG, "4000000238", 1, 4.5)),
 "b57-bg-prydunaiska-lab-samples": (lambda: short(BG, "4000000224", 1, logged(BG, "4000000224", "LAB")), lambda: units_credit(BG, "4000000224", 1, 2)),
 "b57-bg-prydunaiska-swift": (lambda: misapplied_payment(BG, "4000000231", "2025-11-14"), lambda: open_bal(BG, "4000000231")),
 "b57-bg-karpaty-labels-ordered": (lambda: Z if po_line_supports(BG, "3000004571", 2) else line_gross(BG, "3000004571", 2), lambda: line_gross(BG, "3000004571", 2)),
 "b57-bg-karpaty-pallets": (lambda: fee(BG, "3000004648", "other") if fee_unsupported(BG, "3000004648", "other") else Z, lambda: fee(BG, "3000004648", "other")),
 "b57-bg-karpaty-price-which-invoice": (lambda: price_diff(BG, "3000004688", 1), lambda: price_diff(BG, "3000004688", 1)),
 "b57-bg-mezofold-ibc-leak": (lambda: units_credit(BG, "3000004612", 1, delivered(BG, "3000004612", "RSO-IBC", "damagedQuantity")), lambda: units_credit(BG, "3000004612", 1, 1.84)),
 "b57-bg-mezofold-tanker-weight": (None, lambda: units_credit(BG, "3000004659", 1, 0.42)),
 "b57-bg-chernomorski-twice": (lambda: dup_credit(BG, "3000004675"), lambda: inv_total(BG, "3000004675")),
 "b57-bg-chernomorski-split-bottles": (lambda: units_credit(BG, "3000004683", 1, delivered(BG, "3000004683", "HO-5L", "damagedQuantity")), lambda: units_credit(BG, "3000004683", 1, 3)),
 "b57-bg-chernomorski-paid-1211": (None, lambda: open_bal(BG, "3000004640")),
 "b57-bg-karpaty-14-days": (lambda: Z if terms_defect(BG, "3000004694") else None, lambda: inv_total(BG, "3000004694")),
 # Tajikistan (TJS; USD 9.4150 / 9.3280, EUR 10.9420 / 10.8760, no KZT rate)
 "b57-tj-uyalemi-200x300-price": (lambda: price_diff(TJ, "GS 0002316", 1), lambda: price_diff(TJ, "GS 0002316", 1)),
 "b57-tj-uyalemi-no-zakaz": (lambda: Z if po_defect(TJ, "GS 0002287") else None, lambda: inv_total(TJ, "GS 0002287")),
 "b57-tj-registon-fitters-dates": (lambda: dates_credit(TJ, "GS 0002345", 3, "FIT-DAY", ["2026-10-29", "2026-10-30"]), lambda: units_credit(TJ, "GS 0002345", 3, 2)),
 "b57-tj-registon-penalty": (lambda: fee_not_owed(TJ, "GS 0002244", T_TJ), lambda: fee(TJ, "GS 0002244", "late_fee")),
 "b57-tj-registon-underlay": (lambda: Z if (contract_supports(TJ, "GS 0002345", 2) or has_delivery(TJ, "GS 0002345", "UNDERLAY")) else line_gross(TJ, "GS 0002345", 2), lambda: line_gross(TJ, "GS 0002345", 2)),
 "b57-tj-navroz-silk-price": (lambda: price_diff(TJ, "GS 0002279", 1), lambda: price_diff(TJ, "GS 0002279", 1, "296.00")),
 "b57-tj-kylym-two-invoices": (lambda: dup_credit(TJ, "GS 0002309"), lambda: inv_total(TJ, "GS 0002309")),
 "b57-tj-kylym-stained": (lambda: units_credit(TJ, "GS 0002251", 1, delivered(TJ, "GS 0002251", "RUG-HK-170", "damagedQuantity")), lambda: units_credit(TJ, "GS 0002251", 1, 3)),
 "b57-tj-registon-october-cleaning": (lambda: outside_contract(TJ, "GS 0002341"), lambda: inv_total(TJ, "GS 0002341")),
 "b57-tj-rasht-vat": (lambda: inv_tax(TJ, "GS 0002326") if tax_exempt(TJ, "GS 0002326") else Z, lambda: inv_tax(TJ, "GS 0002326")),
 "b57-tj-uyalemi-short-pieces": (lambda: short(TJ, "GS 0002261", 1, delivered(TJ, "GS 0002261", "RUG-MW-160")), lambda: units_credit(TJ, "GS 0002261", 1, 12)),
 "b57-tj-registon-wash": (lambda: short(TJ, "GS 0002323", 1, logged(TJ, "GS 0002323", "WASH")), lambda: line_gross(TJ, "GS 0002323", 1)),
 "b57-tj-altyn-wet-runner": (lambda: units_credit(TJ, "GS 0002334", 1, delivered(TJ, "GS 0002334", "RUNNER-80", "damagedQuantity")), lambda: units_credit(TJ, "GS 0002334", 1, 36)),
 "b57-tj-registon-cleaning-dates": (None, lambda: units_credit(TJ, "GS 0002290", 1, 2)),
 "b57-tj-navroz-prayer-count": (lambda: short(TJ, "GS 0002321", 1, delivered(TJ, "GS 0002321", "PRAYER")), lambda: units_credit(TJ, "GS 0002321", 1, 23)),
}
NEEDS_INFO = {
 "b57-hr-morske-fillets-weight": lambda: not has_delivery(HR, "1801/PK1/1", "FIL-BR"),
 "b57-bg-mezofold-tanker-weight": lambda: not any(d.get("invoiceNumber") == "3000004659" for d in ledgers[BG]["deliveries"]),
 "b57-bg-chernomorski-paid-1211": lambda: nothing_could_be_theirs(BG, "3000004640", "2025-11-12", "ЧХ-1211-07"),
 "b57-tj-registon-cleaning-dates": lambda: unserved_dates(TJ, "GS 0002290", "CLEAN-VISIT", ["2026-09-09", "2026-09-16"]) is None,
}
# Cases whose first turn names the wrong invoice (corrected in turn 2): the named one must not fit the claim.
WRONG_FIRST = {"b57-tj-uyalemi-short-pieces": ("GS 0002316", "RUG-MW-160")}
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
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
ids = set()
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if cid in ids: fail(f"{cid}: duplicate id")
    ids.add(cid)
    if not cid.startswith("b57-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    pos = {p["number"] for p in lg.get("purchaseOrders", [])}
    text = "\n".join(c["turns"])
    if e.get("noResolution"):
        if any(n in text for n in nums): fail(f"{cid}: noResolution but it names an existing invoice")
        named = [w.strip(".,?:;!\"'()") for w in text.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if "invoiceNumber" not in e:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a case without an invoice checks only mustNotHappen")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if num not in text: fail(f"{cid}: {num} is never named")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    # neverAsks: invoice only when the first turn names the disputed invoice; reason when the first turn makes the claim plain
    if "invoice" in e.get("neverAsks", []) and num not in c["turns"][0]: fail(f"{cid}: neverAsks invoice but turn 1 does not name {num}")
    if "invoice" not in e.get("neverAsks", []) and num in c["turns"][0]: fail(f"{cid}: turn 1 names {num}; neverAsks should list invoice")
    if "reason" not in e.get("neverAsks", []): fail(f"{cid}: every claim of this batch is plain in turn 1")
    if cid in WRONG_FIRST:
        wn, sku = WRONG_FIRST[cid]
        if wn not in c["turns"][0] or any(l["sku"] == sku for l in I(lgn, wn)["lines"]): fail(f"{cid}: the first-named invoice should not carry {sku}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed out of range")
    cl, act = e.get("classification"), e.get("action")
    supported = None
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e or sup_fn is not None: fail(f"{cid}: needs_info with a supported amount")
    else:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        if supported > open_bal(lgn, num): fail(f"{cid}: supported {supported} above the open balance {open_bal(lgn, num)}")
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error": want = "cancel_and_rebill" if all(l.get("taxRate") for l in inv_["lines"]) and tax_exempt(lgn, num) else "credit_memo"
            if e["reasonCode"] == "contract_terms": want = "cancel_and_rebill" if supported == 0 else "credit_memo"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} should be {want}, not {act}")
    # escalation (DOMAIN: amount after FX or no rate, days past due, strategic, repeat disputes, legal, above the lead's limit)
    pol = lg["policy"]; cust = cust_of(lg, inv_)
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    credit = supported if act == "credit_memo" and supported else Z
    credit_conv = to_company(lgn, num, credit)
    legal = e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"])
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic"))
           or recent >= pol["repeatDisputeCount"] or legal or (credit_conv is not None and credit_conv > D(pol["approvalLimits"]["lead"])))
    if esc != e.get("escalation"): fail(f"{cid}: escalation {e.get('escalation')} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if legal and "legal" not in e.get("stakeholders", []): fail(f"{cid}: legal escalation expected")
    if e.get("stakeholders", [None])[0] != TEAM[e["reasonCode"]]: fail(f"{cid}: first stakeholder is not the routing table's {TEAM[e['reasonCode']]}")
    # emailMentions: invoice and PO numbers, and amounts (below 1,000) that are the disputed or supported figure
    for m in e.get("emailMentions", []):
        if m in nums or m in pos:
            if m not in text: fail(f"{cid}: email mention {m} never appears in the turns")
            continue
        try: a = D(m)
        except Exception: fail(f"{cid}: email mention {m} is neither a number of the ledger nor an amount"); continue
        if a >= 1000 or a not in (disputed, supported): fail(f"{cid}: email amount {m}")
    if num not in e.get("emailMentions", []): fail(f"{cid}: emailMentions should name the invoice")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases: by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "-")) for c in cases)))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
