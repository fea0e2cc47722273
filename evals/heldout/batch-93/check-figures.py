#!/usr/bin/env python3
"""Batch-93 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms, tax treatment and numbering, and the classification /
action / write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at
the latest rate on or before the invoice date, half-up once; no rate: escalate). Prints the
mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-93/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # XCD, USD, AUD, NZD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
DM, MH, NU = "morne-bruce-linen-xcd.ledger.json", "delap-reefer-marine-usd.ledger.json", "hakupu-building-supplies-nzd.ledger.json"
T_DM, T_MH, T_NU = "2026-11-18", "2026-12-09", "2026-11-25"
TODAY = {DM: T_DM, MH: T_MH, NU: T_NU}
if set(ledgers) != {DM, MH, NU}: fail(f"ledger files: {sorted(ledgers)}")

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
def customer(lg, cid): return next(c for c in lg["customers"] if c["id"] == cid)

# ---- ledgers: totals, statuses, references, terms, minor digits, tax treatment
NO_RATE = {"NCT-26-0444"}          # the Niue USD invoice has no rate, on purpose
INTENDED_WRONG_PO = {"26M-01193"}   # quotes SH-PO-2026-121, which Shin Hsiang never issued
INTENDED_WRONG_TAX = {"MBL-0447-RSO", "NCT-26-0433"}   # exempt customers taxed on every line
STANDARD_TAX = {DM: "0.15", MH: None, NU: "0.125"}
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    for i in lg["invoices"]:
        cur = i["currency"]; cu = customer(lg, i["customerId"]) if i["customerId"] in custs else {}
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
            for l in i["lines"]:
                if not any(p["sku"] == l["sku"] for p in c["prices"]): fail(f"{name} {i['number']}: {l['sku']} not priced by {c['id']}")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        po = i.get("poNumber")
        if po and (po not in pos) != (i["number"] in INTENDED_WRONG_PO): fail(f"{name} {i['number']}: PO {po} reference")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        # tax: the country's rate on every line for a taxable domestic supply; none for exempt customers and zero-rated USD ship calls
        rates = {l.get("taxRate") for l in i["lines"]}
        want = None if (cu.get("taxExempt") or STANDARD_TAX[name] is None or (name == DM and cur == "USD")) else STANDARD_TAX[name]
        if (rates != {want}) != (i["number"] in INTENDED_WRONG_TAX): fail(f"{name} {i['number']}: tax rates {rates}, expected {want}")
        p, t = paid(lg, i["number"]), D(i["total"])
        st = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != st: fail(f"{name} {i['number']}: status {i['status']}, payments say {st}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber") and not any(l["sku"] == d["sku"] for l in invoice(lg, d["invoiceNumber"])["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber") and invoice(lg, s["invoiceNumber"])["customerId"] != s["customerId"]: fail(f"{name} log {s['id']}: customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p.get("remittance"): fail(f"{name} payment {p['id']}: no remittance deductions in this batch")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d["openedDate"] > TODAY[name]: fail(f"{name} past dispute {d['id']}: opened after today")

# ---- numbering
# Dominica: MBL-NNNN-RSO / -PTH, one yearly sequence for both plants, suffix = the plant serving the customer
PLANT = {"DM-101": "PTH", "DM-103": "PTH", "DM-104": "PTH", "DM-102": "RSO", "DM-105": "RSO", "DM-106": "RSO"}
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for i in ledgers[DM]["invoices"]:
    m = re.fullmatch(r"MBL-(\d{4})-(RSO|PTH)", i["number"])
    if not m or m.group(2) != PLANT[i["customerId"]]: fail(f"DM {i['number']}: numbering / plant")
if not seq_ok(ledgers[DM]["invoices"], lambda i: i["number"][4:8]): fail("DM: sequence out of date order")
# Marshall Islands: 26M-NNNNN (Majuro) / 26E-NNNNN (Ebeye), one sequence per branch; Ebeye customer on E
for b in "ME":
    v = [i for i in ledgers[MH]["invoices"] if i["number"].startswith(f"26{b}-")]
    if not all(re.fullmatch(r"26[ME]-\d{5}", i["number"]) for i in v): fail("MH numbering")
    if not seq_ok(v, lambda i: i["number"]): fail(f"MH branch {b}: sequence out of date order")
if sum(1 for i in ledgers[MH]["invoices"] if i["number"][2] in "ME") != len(ledgers[MH]["invoices"]): fail("MH branch letter")
for i in ledgers[MH]["invoices"]:
    if (i["number"][2] == "E") != (i["customerId"] == "MH-05"): fail(f"MH {i['number']}: branch vs customer")
# Niue: NCT-26-NNNN (NCT tax invoices) and ZR-26-NNNN (zero-rated / exempt), one sequence each
for series in ("NCT", "ZR"):
    v = [i for i in ledgers[NU]["invoices"] if i["number"].startswith(f"{series}-26-")]
    if not all(re.fullmatch(rf"{series}-26-\d{{4}}", i["number"]) for i in v): fail(f"NU {series} numbering")
    if not seq_ok(v, lambda i: i["number"]): fail(f"NU {series}: sequence out of date order")
    for i in v:
        taxed = any(l.get("taxRate") for l in i["lines"])
        if taxed != (series == "NCT"): fail(f"NU {i['number']}: series vs tax")
if sum(1 for i in ledgers[NU]["invoices"] if i["number"][:3] in ("NCT", "ZR-")) != len(ledgers[NU]["invoices"]): fail("NU series")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    if not po or po.get("currency", home(ledgers[lgn])) != i["currency"]: return None
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None)
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, n, units):
    """Units of a line with their tax, as a credit-memo line (net of the units, its tax rounded once).
    Cross-checked against billed gross - gross of the remaining units: the figures are chosen so both agree."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    units = min(D(str(units)), D(str(l["quantity"])))
    as_line = gross(l, cur, qty=units)
    left = D(str(l["quantity"])) - units
    as_diff = gross(l, cur) - gross(l, cur, qty=left)
    if as_line != as_diff: fail(f"{num} line {n}: {units} units give {as_line} as a credit line but {as_diff} as a difference")
    return as_line
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
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
    return None if u is None else (units_credit(lgn, num, n, len(u)) if u else D("0"))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): return bool(customer(ledgers[lgn], I(lgn, num)["customerId"]).get("taxExempt"))

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
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"

def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def fee_unsupported(lgn, num, t):
    """A fee (no SKU) is owed only if a PO line of the customer or the contract's notes name it; with neither a
    PO nor a contract it cannot be judged (None)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    cust_pos = [p for p in lg.get("purchaseOrders", []) if p["customerId"] == i["customerId"] and p.get("status") != "cancelled"]
    if not c and not i.get("poNumber"): return None
    words = [w for w in re.findall(r"[a-z]+", f.get("description", "").lower()) if len(w) > 3]
    on_po = any(any(w in (l.get("description", "") + " " + l["sku"]).lower() for w in words) for p in cust_pos for l in p["lines"])
    in_notes = bool(c and any(w in c.get("notes", "").lower() for w in ("after-hours", "call-out", "callout", "sunday")))
    return not on_po and not in_notes

Z = D("0")
R = {
 # Dominica (XCD; USD at 2.7000)
 "b93-dm-batibou-king-sheets": (lambda: price_diff(DM, "MBL-0433-PTH", 2), lambda: price_diff(DM, "MBL-0433-PTH", 2)),
 "b93-dm-batibou-event-towels": (lambda: short(DM, "MBL-0415-PTH", 1, delivered(DM, "MBL-0415-PTH", "TOWEL-BATH")), lambda: units_credit(DM, "MBL-0415-PTH", 1, 300)),
 "b93-dm-batibou-uniform-headcount": (lambda: short(DM, "MBL-0434-PTH", 1, logged(DM, "MBL-0434-PTH", "UNIF-MONTH")), lambda: units_credit(DM, "MBL-0434-PTH", 1, 5)),
 "b93-dm-kalinago-vat": (lambda: inv_tax(DM, "MBL-0447-RSO") if tax_exempt(DM, "MBL-0447-RSO") else Z, lambda: inv_tax(DM, "MBL-0447-RSO")),
 "b93-dm-kalinago-no-po": (lambda: Z if po_defect(DM, "MBL-0452-RSO") else None, lambda: inv_total(DM, "MBL-0452-RSO")),
 "b93-dm-kalinago-gowns-torn": (lambda: units_credit(DM, "MBL-0421-RSO", 1, delivered(DM, "MBL-0421-RSO", "GOWN-NEW", "damagedQuantity")), lambda: units_credit(DM, "MBL-0421-RSO", 1, 10)),
 "b93-dm-cabrits-call-twice": (lambda: inv_total(DM, "MBL-0411-PTH") if same_basis_duplicate(DM, "MBL-0411-PTH", "MBL-0409-PTH") else Z, lambda: inv_total(DM, "MBL-0411-PTH")),
 "b93-dm-cabrits-wired": (lambda: unapplied_payment(DM, "MBL-0455-PTH", "2026-11-16"), lambda: open_bal(DM, "MBL-0455-PTH")),
 "b93-dm-cabrits-express": (lambda: Z if (po_line_supports(DM, "MBL-0440-PTH", 2) and logged(DM, "MBL-0440-PTH", "EXPRESS-TURN") >= 1) else line_gross(DM, "MBL-0440-PTH", 2), lambda: line_gross(DM, "MBL-0440-PTH", 2)),
 "b93-dm-ird-late-charge": (lambda: fee_not_owed(DM, "MBL-0368-PTH", T_DM), lambda: fee(DM, "MBL-0368-PTH", "late_fee")),
 "b93-dm-ird-pickups": (lambda: dates_credit(DM, "MBL-0435-PTH", 1, "PICKUP-RUN", ["2026-10-06", "2026-10-20"]), lambda: units_credit(DM, "MBL-0435-PTH", 1, 2)),
 "b93-dm-rhh-after-contract": (lambda: outside_contract(DM, "MBL-0412-RSO"), lambda: r(inv_total(DM, "MBL-0412-RSO") * 15 / 30, "XCD")),
 "b93-dm-trafalgar-sunday-run": (None, lambda: fee(DM, "MBL-0442-RSO", "service_fee")),
 "b93-dm-kalinago-scrubs-gowns": (lambda: short(DM, "MBL-0436-RSO", 1, logged(DM, "MBL-0436-RSO", "SCRUB-SET")) + short(DM, "MBL-0436-RSO", 2, logged(DM, "MBL-0436-RSO", "GOWN-PAT")),
                                  lambda: units_credit(DM, "MBL-0436-RSO", 1, 60) + units_credit(DM, "MBL-0436-RSO", 2, 30)),
 # Marshall Islands (USD; JPY 0.0066 / 0.0064 from 1 Oct; AUD 0.6500 / 0.6600 from 1 Oct)
 "b93-mh-shinhsiang-ice-light": (lambda: short(MH, "26M-01187", 1, delivered(MH, "26M-01187", "ICE-FLAKE-T")), lambda: units_credit(MH, "26M-01187", 1, 8)),
 "b93-mh-shinhsiang-po-typo": (lambda: Z if po_defect(MH, "26M-01193") else None, lambda: inv_total(MH, "26M-01193")),
 "b93-mh-shinhsiang-bait-thawed": (lambda: units_credit(MH, "26M-01171", 1, delivered(MH, "26M-01171", "BAIT-BOX", "damagedQuantity")), lambda: units_credit(MH, "26M-01171", 1, 40)),
 "b93-mh-shinhsiang-reefer-outage": (None, lambda: units_credit(MH, "26M-01180", 1, 6)),
 "b93-mh-kaiyo-reefer-days": (lambda: short(MH, "26M-01176", 1, logged(MH, "26M-01176", "REEFER-DAY")), lambda: units_credit(MH, "26M-01176", 1, 6)),
 "b93-mh-kaiyo-dive-visits": (lambda: dates_credit(MH, "26M-01198", 1, "HULL-DIVE", ["2026-11-11", "2026-11-12"]), lambda: units_credit(MH, "26M-01198", 1, 2)),
 "b93-mh-kaiyo-tt": (lambda: unapplied_payment(MH, "26M-01150", "2026-11-04"), lambda: open_bal(MH, "26M-01150")),
 "b93-mh-nauru-coldstore": (lambda: price_diff(MH, "26M-01183", 1), lambda: price_diff(MH, "26M-01183", 1)),
 "b93-mh-nauru-forklift-2025": (lambda: price_diff(MH, "26M-01158", 1), lambda: price_diff(MH, "26M-01158", 1, "70.00")),
 "b93-mh-fishmarket-late-charge": (lambda: fee_not_owed(MH, "26M-01141", T_MH), lambda: fee(MH, "26M-01141", "late_fee")),
 "b93-mh-fishmarket-twice": (lambda: inv_total(MH, "26M-01168") if same_basis_duplicate(MH, "26M-01168", "26M-01166") else Z, lambda: inv_total(MH, "26M-01168")),
 "b93-mh-fishmarket-blocks-short": (None, lambda: units_credit(MH, "26M-01190", 1, 60)),
 "b93-mh-ebeye-alarm": (lambda: short(MH, "26E-00214", 1, logged(MH, "26E-00214", "REEFER-DAY")), lambda: line_gross(MH, "26E-00214", 1)),
 "b93-mh-ebeye-net-hours": (lambda: short(MH, "26E-00209", 1, logged(MH, "26E-00209", "NET-REPAIR-HR")), lambda: units_credit(MH, "26E-00209", 1, 8)),
 "b93-mh-kwaj-callout": (lambda: fee(MH, "26M-01202", "service_fee") if fee_unsupported(MH, "26M-01202", "service_fee") else Z, lambda: fee(MH, "26M-01202", "service_fee")),
 "b93-mh-kwaj-september-trial": (lambda: outside_contract(MH, "26M-01156"), lambda: inv_total(MH, "26M-01156")),
 # Niue (NZD; AUD 1.0950 / 1.1020 from 1 Oct; no USD rate)
 "b93-nu-pwd-cement-short": (lambda: short(NU, "NCT-26-0418", 1, delivered(NU, "NCT-26-0418", "CEM-40")), lambda: units_credit(NU, "NCT-26-0418", 1, 30)),
 "b93-nu-pwd-no-lpo": (lambda: Z if po_defect(NU, "NCT-26-0437") else None, lambda: inv_total(NU, "NCT-26-0437")),
 "b93-nu-matavai-ply": (lambda: price_diff(NU, "NCT-26-0429", 1), lambda: price_diff(NU, "NCT-26-0429", 1)),
 "b93-nu-matavai-tank": (lambda: units_credit(NU, "NCT-26-0441", 1, delivered(NU, "NCT-26-0441", "TANK-5K", "damagedQuantity")), lambda: units_credit(NU, "NCT-26-0441", 1, 1)),
 "b93-nu-matavai-excavator": (lambda: units_credit(NU, "NCT-26-0423", 1, 8 * len(unserved_dates(NU, "NCT-26-0423", "HIRE-EXCAV", ["2026-10-08"]))), lambda: units_credit(NU, "NCT-26-0423", 1, 8)),
 "b93-nu-nswp-nct": (lambda: inv_tax(NU, "NCT-26-0433") if tax_exempt(NU, "NCT-26-0433") else Z, lambda: inv_tax(NU, "NCT-26-0433")),
 "b93-nu-nswp-truck-runs": (lambda: Z if po_line_supports(NU, "ZR-26-0031", 2) else line_gross(NU, "ZR-26-0031", 2), lambda: line_gross(NU, "ZR-26-0031", 2)),
 "b93-nu-avatele-late-fee": (lambda: fee_not_owed(NU, "NCT-26-0398", T_NU), lambda: fee(NU, "NCT-26-0398", "late_fee")),
 "b93-nu-avatele-timber": (lambda: short(NU, "NCT-26-0426", 1, delivered(NU, "NCT-26-0426", "TIMBER-LM")), lambda: units_credit(NU, "NCT-26-0426", 1, 48)),
 "b93-nu-coralcoast-mixer": (lambda: dates_credit(NU, "NCT-26-0420", 1, "HIRE-MIXER", ["2026-10-12", "2026-10-13"]), lambda: units_credit(NU, "NCT-26-0420", 1, 2)),
 "b93-nu-coralcoast-dup": (lambda: inv_total(NU, "NCT-26-0411") if same_basis_duplicate(NU, "NCT-26-0411", "NCT-26-0409") else Z, lambda: inv_total(NU, "NCT-26-0411")),
 "b93-nu-solar-rails": (lambda: price_diff(NU, "NCT-26-0444", 1), lambda: price_diff(NU, "NCT-26-0444", 1)),
 "b93-nu-church-paid": (lambda: unapplied_payment(NU, "NCT-26-0430", "2026-11-09"), lambda: open_bal(NU, "NCT-26-0430")),
 "b93-nu-church-mixer": (None, lambda: units_credit(NU, "NCT-26-0438", 1, 2)),
}
# quantity-based and date-based readings must agree where a case offers both
AGREE = {
 "b93-dm-ird-pickups": lambda: short(DM, "MBL-0435-PTH", 1, logged(DM, "MBL-0435-PTH", "PICKUP-RUN")),
 "b93-mh-kaiyo-dive-visits": lambda: short(MH, "26M-01198", 1, logged(MH, "26M-01198", "HULL-DIVE")),
 "b93-nu-coralcoast-mixer": lambda: short(NU, "NCT-26-0420", 1, logged(NU, "NCT-26-0420", "HIRE-MIXER")),
 "b93-nu-matavai-excavator": lambda: short(NU, "NCT-26-0423", 1, logged(NU, "NCT-26-0423", "HIRE-EXCAV")),
}
NEEDS_INFO = {
 "b93-dm-trafalgar-sunday-run": lambda: fee_unsupported(DM, "MBL-0442-RSO", "service_fee") is None and not contract_of(ledgers[DM], I(DM, "MBL-0442-RSO")),
 "b93-mh-shinhsiang-reefer-outage": lambda: unserved_dates(MH, "26M-01180", "REEFER-DAY", ["2026-10-17", "2026-10-18"]) is None,
 "b93-mh-fishmarket-blocks-short": lambda: not has_delivery(MH, "26M-01190", "ICE-BLOCK"),
 "b93-nu-church-mixer": lambda: not has_log(NU, "NCT-26-0438", "HIRE-MIXER"),
}
ADMIN_DEFECT = {"missing_po", "tax_error"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def numbers_in(text):
    return {D(m.replace(",", "")) for m in re.findall(r"\d[\d,]*(?:\.\d+)?", text)}

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
ACTION_OF = {"needs_info": {"request_information"}}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b93-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    pos = {p["number"] for p in lg.get("purchaseOrders", [])}
    named = {m for t in c["turns"] for m in re.findall(r"(?:MBL-\d{4}-[A-Z]{3}|26[ME]-\d{5}|(?:NCT|ZR)-26-\d{4})", t)}
    if e.get("noResolution"):
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        if not named: fail(f"{cid}: noResolution without an invoice number")
        if set(e) - {"noResolution", "mustNotHappen"}: fail(f"{cid}: noResolution with other checks")
        continue
    if "invoiceNumber" not in e:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: no invoice but other checks")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if num not in " ".join(c["turns"]): fail(f"{cid}: the expected invoice is never named in the turns")
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    # neverAsks: invoice only when the number is in turn 1
    # (an invoice-correction case names a wrong, existing invoice in turn 1: the invoice was given, so it is never asked)
    if ("invoice" in e.get("neverAsks", [])) != any(n in c["turns"][0] for n in nums): fail(f"{cid}: neverAsks invoice vs first turn")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.]+", m):
            if D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
        elif m not in nums and m not in pos: fail(f"{cid}: emailMentions {m} is neither an invoice nor a PO")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed out of range")
    if disputed not in numbers_in(" ".join(c["turns"])): fail(f"{cid}: the disputed amount {disputed} is not written in the turns")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e or sup_fn: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        if cid in AGREE and AGREE[cid]() != supported: fail(f"{cid}: quantity reading {AGREE[cid]()} != date reading {supported}")
    act = e.get("action")
    if cl != "needs_info":
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        owed = to_company(lgn, num, disputed - supported)
        wo = cl in ("invalid", "partial") and owed is not None and owed < D(lg["policy"]["writeOffBelow"])
        if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
        if not wo:
            want = {"valid": {"credit_memo", "cancel_and_rebill", "apply_payment"}, "partial": {"credit_memo"}, "invalid": {"no_adjustment"}}[cl]
            if act not in want: fail(f"{cid}: {cl} with {act}")
        if act == "apply_payment" and e.get("reasonCode") != "already_paid": fail(f"{cid}: apply_payment outside already_paid")
        if act == "cancel_and_rebill" and (supported != 0) != (e.get("reasonCode") == "tax_error"): fail(f"{cid}: re-bill figures")
    # escalation: amount after FX (or no rate), days past due on an open balance, strategic, repeat disputes, credit above the lead's limit
    pol = lg["policy"]; cust = customer(lg, inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    credit = to_company(lgn, num, supported) if (supported and act == "credit_memo") else D("0")
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or (credit is not None and credit > D(pol["approvalLimits"]["lead"])))
    if os.environ.get("VERBOSE"): print(f"  {cid}: disputed {disputed} supported {supported} {cur} (= {conv} {home(lg)}), {pastdue} d past due, {recent} disputes, {cl}/{act}, escalate {esc}")
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
        fail(f"{cid}: legal escalation expected")
    if e["stakeholders"] != [TEAM[e["reasonCode"]]]: fail(f"{cid}: stakeholders {e['stakeholders']} vs routing table's first team {TEAM[e['reasonCode']]}")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "-")) for c in cases)))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
