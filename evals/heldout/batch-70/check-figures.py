#!/usr/bin/env python3
"""Batch-70 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses (payments applied directly or through a remittance advice), references,
terms, numbering, remittance arithmetic, and the classification / action / write-off / escalation rules
of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on or before the
invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-70/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "KRW": 0, "VND": 0}  # HKD, MOP, BND, USD, MYR, CNY, TWD, MZN: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
Z = D("0")

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
HK, XM, MZ = "harbour-crest-exhibitions-hkd.ledger.json", "jinlu-tea-xiamen-cny.ledger.json", "marisco-zambeze-mzn.ledger.json"
T_HK, T_XM, T_MZ = "2026-11-18", "2026-12-09", "2026-11-25"
TODAY = {HK: T_HK, XM: T_XM, MZ: T_MZ}
if set(ledgers) != {HK, XM, MZ}: fail(f"ledgers: {sorted(ledgers)}")

def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate), cur) if rate else Z
def gross(l, cur, qty=None, price=None, rate=None): n = net(l, cur, qty, price); return n + tax(l, n, cur, rate)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), Z)
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), Z)
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

def applied(lg, num):
    """(date, amount) of every payment applied to the invoice: directly, or through a remittance line of a payment
    that names no invoice itself."""
    out = []
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") == num: out.append((p["date"], D(p["amount"])))
        elif not p.get("invoiceNumber"):
            out += [(p["date"], D(x["paid"])) for x in p.get("remittance", []) if x["invoiceNumber"] == num]
    return sorted(out)
def paid(lg, num): return sum((a for _, a in applied(lg, num)), Z)
def unapplied(lg, cust, cur):
    return [p for p in lg.get("payments", []) if p["customerId"] == cust and not p.get("invoiceNumber") and not p.get("remittance") and p["currency"] == cur]
def deductions(lg, num):
    return [(p, x) for p in lg.get("payments", []) for x in p.get("remittance", []) if x["invoiceNumber"] == num and D(x.get("deducted", "0")) > 0]

# ---- ledgers: totals, statuses, references, terms, minor digits, remittances
INTENDED_WRONG_TERMS = {"HCX-26W44-02"}    # printed 14 days against the contract's 30 (b70-hk-assoc-fourteen-day-terms)
NO_RATE = {"HCX-26W44-01", "JL261105-01"}  # MYR and TWD: no rate on purpose
for name, lg in ledgers.items():
    cur0 = home(lg); today = TODAY.get(name)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    if lg["policy"]["legalEscalationAmount"] != lg["policy"]["escalationAmount"] or lg["policy"]["approvalLimits"]["lead"] != lg["policy"]["escalationAmount"]:
        fail(f"{name}: escalation, legal and lead amounts meant to be equal")
    for i in lg["invoices"]:
        cur = i["currency"]
        if i["issueDate"] > today: fail(f"{name} {i['number']}: issued after today")
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if (days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]) != (i["number"] in INTENDED_WRONG_TERMS):
                fail(f"{name} {i['number']}: due date vs contract terms")
            if not (c["startDate"] <= i["issueDate"] <= c.get("endDate", "9999")): fail(f"{name} {i['number']}: issued outside its contract")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if cp and D(cp) != D(l["unitPrice"]) and (i["number"], l["line"]) not in {("HCX-26W40-01", 1), ("JL261026-01", 1), ("MZX-0420/VN", 1)}:
                    fail(f"{name} {i['number']} line {l['line']}: price differs from contract (not one of the intended errors)")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur}")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {i['number']}: meant to lack a rate")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if any(d > today for d, _ in applied(lg, i["number"])): fail(f"{name} {i['number']}: payment after today")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p["date"] > today: fail(f"{name} payment {p['id']}: after today")
        if p.get("remittance"):
            if sum((D(x["paid"]) for x in p["remittance"]), Z) != D(p["amount"]): fail(f"{name} payment {p['id']}: remittance lines do not add up")
            for x in p["remittance"]:
                inv = invoice(lg, x["invoiceNumber"])
                if inv["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
                before = sum((a for d_, a in applied(lg, inv["number"]) if d_ < p["date"]), Z)
                if D(x["paid"]) + D(x.get("deducted", "0")) != D(inv["total"]) - before:
                    fail(f"{name} payment {p['id']}: paid + deducted != what was open on {inv['number']}")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d["openedDate"] > today: fail(f"{name} past dispute {d['id']}: opened after today")

# ---- numbering
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
weeks = {}
for i in ledgers[HK]["invoices"]:          # HCX-26Www-nn: ISO week of the issue date, sequence inside the week
    m = re.fullmatch(r"HCX-26W(\d{2})-(\d{2})", i["number"])
    y, w, _ = date.fromisoformat(i["issueDate"]).isocalendar()
    if not m or y != 2026 or int(m.group(1)) != w: fail(f"{i['number']}: not HCX-26Www-nn of its ISO week ({w})")
    else: weeks.setdefault(w, []).append(i)
for w, v in weeks.items():
    if not seq_ok(v, lambda i: i["number"]): fail(f"HK week {w}: sequence out of date order")
for i in ledgers[XM]["invoices"]:          # JLyymmdd-nn: issue date, sequence of the day
    if not re.fullmatch(r"JL\d{6}-\d{2}", i["number"]) or i["number"][2:8] != i["issueDate"][2:4] + i["issueDate"][5:7] + i["issueDate"][8:10]:
        fail(f"{i['number']}: not JLyymmdd-nn of its issue date")
DEST = {"MZ-C01": "HK", "MZ-C02": "MO", "MZ-C03": "TW", "MZ-C04": "BN", "MZ-C05": "VN", "MZ-C06": "MZ"}
for i in ledgers[MZ]["invoices"]:          # MZX-nnnn/CC: one sequence, destination country
    m = re.fullmatch(r"MZX-(\d{4})/([A-Z]{2})", i["number"])
    if not m or m.group(2) != DEST[i["customerId"]]: fail(f"{i['number']}: not MZX-nnnn/<destination>")
if not seq_ok(ledgers[MZ]["invoices"], lambda i: i["number"][4:8]): fail("MZ: sequence out of date order")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the contract (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or contract_price(lgn, num, l["sku"])), Z)
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku):
    i = I(lgn, num)
    return any(d["sku"] == sku and (d.get("invoiceNumber") == num or (i.get("poNumber") and d.get("poNumber") == i["poNumber"])) for d in ledgers[lgn].get("deliveries", []))
def line_of(lgn, num, sku): return next(l["line"] for l in I(lgn, num)["lines"] if l["sku"] == sku)
def short(lgn, num, sku, counted): n = line_of(lgn, num, sku); return units_credit(lgn, num, n, max(D(str(line(I(lgn, num), n)["quantity"])) - D(str(counted)), Z))
def inv_tax(lgn, num): i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), Z)
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), Z)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)
def deducted(lgn, num): return sum((D(x["deducted"]) for _, x in deductions(ledgers[lgn], num)), Z)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

def late_fee_allowed(lgn, num, today):
    """DOMAIN: contract clause, grace days, actual payment date. None without a clause; none when the
    principal was paid by due + grace; else percentPerMonth of the principal unpaid at the end of grace,
    per started 30-day month from the due date to the settling payment (or today)."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; c = contract_of(lg, i)
    if not c or not c.get("lateFee"): return Z
    grace = c["lateFee"].get("graceDays", 0); grace_end = plus(i["dueDate"], grace)
    prin = principal(i); ps = applied(lg, num)
    overdue = prin - sum((a for d, a in ps if d <= grace_end), Z)
    if overdue <= 0: return Z
    settled, acc = today, Z
    for d, a in ps:
        acc += a
        if acc >= prin: settled = d; break
    late = days(i["dueDate"], settled)
    if late <= grace: return Z
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * (-(-late // 30))
def fee_not_owed(lgn, num, today):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"], x.get("taxRate")) == (y["sku"], y["quantity"], y["unitPrice"], y.get("taxRate"))
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and b["issueDate"] < a["issueDate"]

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def po_exists(lgn, cust, number): return any(p["number"] == number and p["customerId"] == cust for p in ledgers[lgn]["purchaseOrders"])
def wrong_terms(lgn, num):
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    return days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]

def unapplied_for(lgn, num, when=None, ref=None):
    """An unapplied payment of the customer matching the quoted date or reference, or exactly the open balance; capped at it."""
    i = I(lgn, num); ob = open_bal(lgn, num)
    ps = [p for p in unapplied(ledgers[lgn], i["customerId"], i["currency"])
          if p["date"] == when or (ref and ref in p.get("reference", "")) or D(p["amount"]) == ob]
    return min(sum((D(p["amount"]) for p in ps), Z), ob) if ps else None
def misapplied_for(lgn, num):
    """A payment applied to another invoice of the customer whose reference names this one."""
    i = I(lgn, num)
    ps = [p for p in ledgers[lgn]["payments"] if p["customerId"] == i["customerId"] and p.get("invoiceNumber") not in (None, num) and num in p.get("reference", "")]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num)) if ps else None
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    cust = I(lgn, num)["customerId"]
    mine = [p for p in ledgers[lgn]["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") or num in p.get("reference", "") for p in mine)
def charge_supported(lgn, num, n):
    """An unrecognised line is owed when a PO line, a delivery, a service log or the contract prices its SKU."""
    lg = ledgers[lgn]; i = I(lgn, num); sku = line(i, n)["sku"]; c = contract_of(lg, i)
    on_po = any(l["sku"] == sku for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") for l in p["lines"])
    logged = any(s["sku"] == sku and s.get("invoiceNumber") == num and s["status"] != "not_rendered" for s in lg.get("serviceLogs", []))
    return on_po or has_delivery(lgn, num, sku) or logged or bool(c and any(p["sku"] == sku for p in c["prices"]))
def rate_on_other_invoices(lgn, num, sku):
    i = I(lgn, num)
    rates = {l.get("taxRate") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for l in o["lines"] if l["sku"] == sku}
    return rates.pop() if len(rates) == 1 else None
def tax_rate_diff(lgn, num, n):
    i = I(lgn, num); l = line(i, n); other = rate_on_other_invoices(lgn, num, l["sku"])
    if other is None: return Z
    return max(gross(l, i["currency"]) - gross(l, i["currency"], rate=other), Z)
def every_line_taxed(lgn, num): return all(l.get("taxRate") and D(l["taxRate"]) > 0 for l in I(lgn, num)["lines"])

R = {  # case id: (supported-by-evidence recipe or None, disputed recipe)
 # Hong Kong (HKD; USD 7.7820 / 7.7765, MOP 0.9710, BND 6.0150 / 5.9880, no MYR rate)
 "b70-hk-lumitek-fee-in-grace": (lambda: fee_not_owed(HK, "HCX-26W33-04", T_HK), lambda: fee(HK, "HCX-26W33-04", "late_fee")),
 "b70-hk-lumitek-intermediary-32": (lambda: unapplied_for(HK, "HCX-26W43-01") or Z, lambda: open_bal(HK, "HCX-26W43-01")),
 "b70-hk-lumitek-double-ten-fee": (lambda: fee_not_owed(HK, "HCX-26W37-02", T_HK), lambda: fee(HK, "HCX-26W37-02", "late_fee")),
 "b70-hk-lotus-paid-wrong-invoice": (lambda: misapplied_for(HK, "HCX-26W36-02"), lambda: open_bal(HK, "HCX-26W36-02")),
 "b70-hk-lotus-no-po": (lambda: Z if po_defect(HK, "HCX-26W45-01") and po_exists(HK, "HC-C02", "GL-PO-26-0915") else None, lambda: inv_total(HK, "HCX-26W45-01")),
 "b70-hk-lotus-rigging-at-par": (lambda: price_diff(HK, "HCX-26W40-01", 1), lambda: deducted(HK, "HCX-26W40-01")),
 "b70-hk-mahkota-double-payment": (lambda: unapplied_for(HK, "HCX-26W43-05", "2026-09-14", "BIBD-SMT-140926"), lambda: open_bal(HK, "HCX-26W43-05")),
 "b70-hk-mahkota-overdue-interest": (lambda: fee_not_owed(HK, "HCX-26W36-01", T_HK), lambda: fee(HK, "HCX-26W36-01", "late_fee")),
 "b70-hk-ktl-bank-charge": (lambda: unapplied_for(HK, "HCX-26W39-01") or Z, lambda: open_bal(HK, "HCX-26W39-01")),
 "b70-hk-ktl-rigging-not-ordered": (lambda: Z if charge_supported(HK, "HCX-26W45-02", 3) else line_gross(HK, "HCX-26W45-02", 3), lambda: line_gross(HK, "HCX-26W45-02", 3)),
 "b70-hk-ktl-three-months-charge": (lambda: fee_not_owed(HK, "HCX-26W30-02", T_HK), lambda: fee(HK, "HCX-26W30-02", "late_fee")),
 "b70-hk-assoc-fourteen-day-terms": (lambda: Z if wrong_terms(HK, "HCX-26W44-02") else None, lambda: inv_total(HK, "HCX-26W44-02")),
 "b70-hk-assoc-cleaning-twice": (lambda: inv_total(HK, "HCX-26W45-03") if same_basis_duplicate(HK, "HCX-26W45-03", "HCX-26W44-03") else Z, lambda: deducted(HK, "HCX-26W45-03")),
 "b70-hk-penang-transfer-not-found": (None, lambda: open_bal(HK, "HCX-26W44-01")),
 # Xiamen (CNY; USD 7.1250 / 7.0980, HKD 0.9160 / 0.9125, no TWD rate)
 "b70-xm-lukang-interest-two-months": (lambda: fee_not_owed(XM, "JL260806-01", T_XM), lambda: fee(XM, "JL260806-01", "late_fee")),
 "b70-xm-lukang-remit-fee": (lambda: unapplied_for(XM, "JL260924-02") or Z, lambda: open_bal(XM, "JL260924-02")),
 "b70-xm-lukang-short-tins": (lambda: short(XM, "JL261103-01", "TIN-125", delivered(XM, "JL261103-01", "TIN-125")), lambda: deducted(XM, "JL261103-01")),
 "b70-xm-wingfung-paid-19-nov": (lambda: unapplied_for(XM, "JL260921-01", "2026-11-19"), lambda: open_bal(XM, "JL260921-01")),
 "b70-xm-wingfung-credit-note-deducted": (lambda: price_diff(XM, "JL261026-01", 1), lambda: deducted(XM, "JL261026-01")),
 "b70-xm-namvan-interest-no-clause": (lambda: fee_not_owed(XM, "JL260910-01", T_XM), lambda: fee(XM, "JL260910-01", "late_fee")),
 "b70-xm-namvan-second-invoice": (lambda: inv_total(XM, "JL261014-01") if same_basis_duplicate(XM, "JL261014-01", "JL261012-02") else Z, lambda: inv_total(XM, "JL261014-01")),
 "b70-xm-namvan-tins-no-delivery-note": (None, lambda: deducted(XM, "JL261012-02")),
 "b70-xm-tehharum-discount-day-24": (None, lambda: deducted(XM, "JL260828-01")),
 "b70-xm-tehharum-tt-25-short": (lambda: unapplied_for(XM, "JL261109-01", "2026-11-25"), lambda: open_bal(XM, "JL261109-01")),
 "b70-xm-tehharum-bank-debit-note": (lambda: Z if charge_supported(XM, "JL261201-01", 1) else line_gross(XM, "JL261201-01", 1), lambda: line_gross(XM, "JL261201-01", 1)),
 "b70-xm-haicang-vat-zero-rated": (lambda: inv_tax(XM, "JL261020-01") if tax_exempt(XM, "JL261020-01") else Z, lambda: inv_tax(XM, "JL261020-01")),
 "b70-xm-haicang-no-po": (lambda: Z if po_defect(XM, "JL261118-01") and po_exists(XM, "JL-C05", "HCB-2026-1102") else None, lambda: inv_total(XM, "JL261118-01")),
 "b70-xm-gulangyu-holiday-charge": (lambda: fee_not_owed(XM, "JL260902-01", T_XM), lambda: fee(XM, "JL260902-01", "late_fee")),
 "b70-xm-gulangyu-test-fee-rate": (lambda: tax_rate_diff(XM, "JL261110-02", 1), lambda: tax_rate_diff(XM, "JL261110-02", 1)),
 "b70-xm-kinmen-dented-tins": (lambda: units_credit(XM, "JL261105-01", 2, delivered(XM, "JL261105-01", "TIN-125", "damagedQuantity")), lambda: deducted(XM, "JL261105-01")),
 # Mozambique (MZN; USD 64.1000 / 63.8500 / 63.9200, HKD 8.2400 / 8.2050 / 8.2200)
 "b70-mz-taihing-fee-in-grace": (lambda: fee_not_owed(MZ, "MZX-0402/HK", T_MZ), lambda: fee(MZ, "MZX-0402/HK", "late_fee")),
 "b70-mz-taihing-45-short": (lambda: unapplied_for(MZ, "MZX-0417/HK") or Z, lambda: open_bal(MZ, "MZX-0417/HK")),
 "b70-mz-taihing-0418-duplicate": (lambda: inv_total(MZ, "MZX-0418/HK") if same_basis_duplicate(MZ, "MZX-0418/HK", "MZX-0417/HK") else Z, lambda: inv_total(MZ, "MZX-0418/HK")),
 "b70-mz-vengkei-double-payment": (lambda: unapplied_for(MZ, "MZX-0419/MO", "2026-10-12", "VK/TT/1012"), lambda: open_bal(MZ, "MZX-0419/MO")),
 "b70-mz-vengkei-old-quotation": (lambda: price_diff(MZ, "MZX-0426/MO", 1), lambda: price_diff(MZ, "MZX-0426/MO", 1, "138.00")),
 "b70-mz-haixin-short-weight": (lambda: short(MZ, "MZX-0408/TW", "PRW-2130", delivered(MZ, "MZX-0408/TW", "PRW-2130")), lambda: deducted(MZ, "MZX-0408/TW")),
 "b70-mz-haixin-no-po": (lambda: Z if po_defect(MZ, "MZX-0421/TW") and po_exists(MZ, "MZ-C03", "HX-PO-115-1003") else None, lambda: inv_total(MZ, "MZX-0421/TW")),
 "b70-mz-haixin-july-tt": (lambda: unapplied_for(MZ, "MZX-0388/TW", "2026-07-29", "HAIXIN AQUATIC TT0729"), lambda: open_bal(MZ, "MZX-0388/TW")),
 "b70-mz-muara-interest-no-clause": (lambda: fee_not_owed(MZ, "MZX-0411/BN", T_MZ), lambda: fee(MZ, "MZX-0411/BN", "late_fee")),
 "b70-mz-muara-early-discount": (None, lambda: deducted(MZ, "MZX-0424/BN")),
 "b70-mz-cangio-thawed-cartons": (lambda: units_credit(MZ, "MZX-0414/VN", 1, delivered(MZ, "MZX-0414/VN", "PRW-U15", "damagedQuantity")), lambda: deducted(MZ, "MZX-0414/VN")),
 "b70-mz-cangio-credit-note-never-came": (lambda: price_diff(MZ, "MZX-0420/VN", 1), lambda: deducted(MZ, "MZX-0420/VN")),
 "b70-mz-marginal-juros-in-grace": (lambda: fee_not_owed(MZ, "MZX-0410/MZ", T_MZ), lambda: fee(MZ, "MZX-0410/MZ", "late_fee")),
 "b70-mz-marginal-iva-claim": (lambda: Z if not tax_exempt(MZ, "MZX-0410/MZ") and all(tax_rate_diff(MZ, "MZX-0410/MZ", l["line"]) == 0 for l in I(MZ, "MZX-0410/MZ")["lines"]) else None, lambda: inv_tax(MZ, "MZX-0410/MZ")),
 "b70-mz-marginal-transfer-not-seen": (None, lambda: open_bal(MZ, "MZX-0425/MZ")),
}
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])

NEEDS_INFO = {
 "b70-hk-penang-transfer-not-found": lambda: nothing_could_be_theirs(HK, "HCX-26W44-01", "2026-11-06", "MBB-TT-061126-PR"),
 "b70-xm-namvan-tins-no-delivery-note": lambda: not has_delivery(XM, "JL261012-02", "TIN-125"),
 "b70-mz-marginal-transfer-not-seen": lambda: nothing_could_be_theirs(MZ, "MZX-0425/MZ", "2026-11-18", "BCI"),
}
DISCOUNT = {  # DOMAIN.md has no discount rule: checked for the disputed figure and the contract's window only
 "b70-xm-tehharum-discount-day-24": (XM, "JL260828-01", 10, D("0.02"), False),
 "b70-mz-muara-early-discount": (MZ, "MZX-0424/BN", 7, D("0.02"), True),
}
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
AMOUNT_RE = re.compile(r"^\d+(\.\d+)?$")
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b70-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]; nums = {i["number"] for i in lg["invoices"]}
    for m in e.get("emailMentions", []):
        if AMOUNT_RE.match(m) and D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
        if not AMOUNT_RE.match(m) and m not in nums and not any(m == p["number"] for p in lg.get("purchaseOrders", [])): fail(f"{cid}: emailMentions {m} is no invoice or PO")
        if AMOUNT_RE.match(m) and D(m) not in {D(e.get("disputedAmount", "-1")), D(e.get("supportedAmount", "-1"))}: fail(f"{cid}: emailMentions amount {m} is neither figure")
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()—") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if "invoiceNumber" not in e:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a case without an invoice checks only that nothing moves")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if ("invoice" in e.get("neverAsks", [])) != (num in c["turns"][0]): fail(f"{cid}: neverAsks invoice iff the number is in the first turn")
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and (not decimals_ok(e[k], cur) or len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur)): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rc = e.get("reasonCode")
    if rc and e.get("stakeholders", [None])[0] != TEAM[rc]: fail(f"{cid}: first stakeholder is not the routing table's {TEAM[rc]}")
    if rc == "contract_terms" and "legal" not in e.get("stakeholders", []): fail(f"{cid}: legal missing")
    if cid in DISCOUNT:
        dl, dn, window, pct, earned = DISCOUNT[cid]
        (p, x), = deductions(ledgers[dl], dn)
        goods = sum((net(l, cur) for l in I(dl, dn)["lines"] if l["sku"] != "HCERT"), Z)
        if D(x["deducted"]) != r(goods * pct, cur): fail(f"{cid}: deduction is not {pct} of the goods")
        if (days(I(dl, dn)["issueDate"], p["date"]) <= window) != earned: fail(f"{cid}: discount window")
        if "classification" in e or "reasonCode" in e: fail(f"{cid}: discount cases assert no classification / reason")
    rec = R.get(cid)
    if rec is None and cid not in DISCOUNT: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec if rec else (None, lambda: deducted(*DISCOUNT[cid][:2]))
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if not Z < disputed <= inv_total(lgn, num): fail(f"{cid}: disputed out of range")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect / no payment"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    if cl and cl != "needs_info":
        defect = rc in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
        if cl == "valid":
            want = {"already_paid": "apply_payment", "missing_po": "cancel_and_rebill", "contract_terms": "cancel_and_rebill"}.get(rc, "credit_memo")
            if rc == "tax_error" and tax_exempt(lgn, num) and every_line_taxed(lgn, num): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {rc} should be {want}, not {act}")
        if cl == "invalid" and act not in ("no_adjustment", "write_off"): fail(f"{cid}: invalid with {act}")
    if "escalation" in e:
        pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
        conv = to_company(lgn, num, disputed)
        past = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"])
        # deductions elsewhere on the customer's remittances may open disputes of their own on import: count both ways
        other_deds = sum(1 for i in lg["invoices"] if i["customerId"] == cust["id"] and i["number"] != num and deductions(lg, i["number"]))
        lo, hi = past + 1, past + other_deds + 1
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        fixed = conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic"))
        e_lo, e_hi = fixed or lo >= pol["repeatDisputeCount"], fixed or hi >= pol["repeatDisputeCount"]
        if e_lo != e_hi: fail(f"{cid}: escalation depends on whether remittance deductions count as disputes")
        if e_lo != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {e_lo} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {lo} disputes)")
        if rc == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
            fail(f"{cid}: legal escalation expected")
        # a credit above the lead's limit would add the finance controller: keep every credit under it
        if supported and conv is not None and to_company(lgn, num, supported) > D(pol["approvalLimits"]["lead"]) and not e["escalation"]:
            fail(f"{cid}: credit above the lead's limit without escalation")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases: by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "-")) for c in cases).items())))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
