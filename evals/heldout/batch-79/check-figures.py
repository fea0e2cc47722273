#!/usr/bin/env python3
"""Batch-79 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on or
before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-79/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # EUR, BYN, LKR, BDT, PKR, INR, USD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
CY, BY, SI = "amathus-pharma-cyprus-eur.ledger.json", "pridneprovsky-fibre-byn.ledger.json", "savinja-grid-india-eur.ledger.json"
if set(ledgers) != {CY, BY, SI}: fail(f"ledger files: {sorted(ledgers)}")

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
NO_RATE = {"133-26/02", "133-26/03"}      # Korangi's USD invoices: the BYN ledger has no USD rate, on purpose
INTENDED_WRONG_TERMS = {"SGA2627MH0431"}  # prints 30 days where the rate contract gives 60 (b79-si-narmada-terms-30-60)
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
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            on_terms = days(i["issueDate"], i["dueDate"]) == c["paymentTermsDays"]
            if on_terms == (i["number"] in INTENDED_WRONG_TERMS): fail(f"{name} {i['number']}: due date vs contract terms")
        elif days(i["issueDate"], i["dueDate"]) != 60: fail(f"{name} {i['number']}: no contract, 60 days on the PO expected")
        if cur != cur0:
            has = any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", []))
            if has == (i["number"] in NO_RATE): fail(f"{name} {i['number']}: rate for {cur} on {i['issueDate']} (only {sorted(NO_RATE)} lack one)")
        else: fail(f"{name} {i['number']}: billed in the company currency, this batch bills buyers in theirs")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} unknown")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if i.get("servicePeriodStart") and i["servicePeriodStart"] > i["servicePeriodEnd"]: fail(f"{name} {i['number']}: period")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
        for l in po["lines"]:
            if not decimals_ok(l["unitPrice"], po.get("currency", cur0)): fail(f"{name} PO {po['number']}: digits")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber") and d["sku"] not in {l["sku"] for l in invoice(lg, d["invoiceNumber"])["lines"]}: fail(f"{name} delivery {d['id']}: SKU not billed")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] not in custs: fail(f"{name} log {s['id']}: unknown customer")
        if s.get("invoiceNumber") and invoice(lg, s["invoiceNumber"])["customerId"] != s["customerId"]: fail(f"{name} log {s['id']}: customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        for rm in p.get("remittance", []):
            inv_ = invoice(lg, rm["invoiceNumber"])
            if D(rm["paid"]) != D(p["amount"]): fail(f"{name} payment {p['id']}: remittance paid != amount")
            if D(rm["paid"]) + D(rm.get("deducted", "0")) != D(inv_["total"]): fail(f"{name} payment {p['id']}: paid + deducted != invoice total")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- numbering: AMP26-<destination>-NNN (one sequence per destination country, which must be the customer's);
# <contract>-26/NN (one sequence per export contract); SGA2627<MH|TN|EX>NNNN (FY 2026-27, GST registration or export desk)
def seq_ok(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
groups = {}
cy_country = {"PH-LK01": "LK", "PH-LK05": "LK", "PH-BD02": "BD", "PH-PK03": "PK", "PH-PK04": "PK"}
for i in ledgers[CY]["invoices"]:
    m = re.fullmatch(r"AMP26-(LK|BD|PK)-(\d{3})", i["number"])
    if not m or m.group(1) != cy_country[i["customerId"]] or i["issueDate"][:4] != "2026": fail(f"{i['number']}: not AMP26-<customer's country>-NNN")
    else: groups.setdefault(("CY", m.group(1)), []).append(i)
for i in ledgers[BY]["invoices"]:
    m = re.fullmatch(r"(\d{3})-26/(\d{2})", i["number"])
    if not m or f"EXP-{m.group(1)}" != i["contractId"]: fail(f"{i['number']}: not <contract>-26/NN of its contract")
    else: groups.setdefault(("BY", m.group(1)), []).append(i)
for i in ledgers[SI]["invoices"]:
    m = re.fullmatch(r"SGA2627(MH|TN|EX)(\d{4})", i["number"])
    desk = {"EP-01": "MH", "IT-03": "MH", "IT-04": "MH", "EP-02": "TN", "IT-05": "TN", "EP-06": "EX"}[i["customerId"]]
    if not m or m.group(1) != desk or not ("2026-04-01" <= i["issueDate"] <= "2027-03-31"): fail(f"{i['number']}: not SGA2627<desk>NNNN of FY 2026-27")
    else: groups.setdefault(("SI", m.group(1)), []).append(i)
for k, v in groups.items():
    if not seq_ok(v): fail(f"series {k}: sequence out of date order")
# within one export contract the shipment numbers leave no gap
for k, v in groups.items():
    if k[0] == "BY":
        n = sorted(int(i["number"][-2:]) for i in v)
        if n != list(range(n[0], n[0] + len(n))): fail(f"contract {k[1]}: gap in shipment numbers {n}")

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
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, n, units):
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
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def deducted(lgn, num):
    return sum((D(rm.get("deducted", "0")) for p in ledgers[lgn].get("payments", []) for rm in p.get("remittance", []) if rm["invoiceNumber"] == num), D("0"))

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
def terms_defect(lgn, num):
    """Wrong payment terms on a period inside the contract: a defect of the document (0 not owed), else None."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    return D("0") if c and days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"] and outside_contract(lgn, num) == 0 else None

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when, ref):
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    only_one_delivery = not has_delivery(lgn, num, a["lines"][0]["sku"])
    return only_one_delivery and len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and inv_total(lgn, num) == inv_total(lgn, other)

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def words(s): return sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
def fee_on_po(lgn, num, t):
    """The invoice's PO has a line with the fee's description at the fee's amount."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(words(l.get("description", l["sku"])) == words(f.get("description", "")) and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]) for l in po["lines"])
def fee_cannot_be_judged(lgn, num, t):
    """No PO line for the fee and no contract at all: ask for the contract."""
    return not fee_on_po(lgn, num, t) and contract_of(ledgers[lgn], I(lgn, num)) is None
def line_supported(lgn, num, n):
    """A line the contract prices at the billed price, with a log or delivery for its SKU: owed."""
    i = I(lgn, num); l = line(i, n)
    return contract_price(lgn, num, l["sku"]) == l["unitPrice"] and (logged(lgn, num, l["sku"]) >= l["quantity"] or delivered(lgn, num, l["sku"]) >= l["quantity"])
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def usual_rate(lgn, num, sku):
    """The rate the customer's other invoices use for the SKU (one rate expected)."""
    i = I(lgn, num)
    rates = {l.get("taxRate") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for l in o["lines"] if l["sku"] == sku}
    return rates.pop() if len(rates) == 1 else None
def tax_excess(lgn, num, n):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; n_ = net(l, cur)
    return tax(l, n_, cur) - tax(l, n_, cur, usual_rate(lgn, num, l["sku"]))
def every_taxed_line_wrong(lgn, num): return tax_exempt(lgn, num) and all(l.get("taxRate") for l in I(lgn, num)["lines"])

Z = D("0")
T_CY, T_BY, T_SI = "2026-11-18", "2026-12-09", "2026-11-27"
R = {
 # Cyprus (EUR; LKR 0.00285 / 0.002835, BDT 0.00705, PKR 0.00305 / 0.00302, USD 0.86 / 0.855)
 "b79-cy-lankamed-metformin-rate": (lambda: price_diff(CY, "AMP26-LK-027", 1), lambda: price_diff(CY, "AMP26-LK-027", 1)),
 "b79-cy-lankamed-insulin-excursion": (lambda: units_credit(CY, "AMP26-LK-029", 1, delivered(CY, "AMP26-LK-029", "INS-GLAR", "damagedQuantity")), lambda: units_credit(CY, "AMP26-LK-029", 1, 60)),
 "b79-cy-ruhuna-amox-grn": (lambda: short(CY, "AMP26-LK-030", 1, delivered(CY, "AMP26-LK-030", "AMOX-500")), lambda: open_bal(CY, "AMP26-LK-030")),
 "b79-cy-lankamed-overstickering": (lambda: short(CY, "AMP26-LK-031", 1, logged(CY, "AMP26-LK-031", "LABEL-OS")), lambda: short(CY, "AMP26-LK-031", 1, 4200)),
 "b79-cy-lankamed-pv-october": (lambda: outside_contract(CY, "AMP26-LK-033"), lambda: inv_total(CY, "AMP26-LK-033")),
 "b79-cy-ruhuna-ceft-quote": (lambda: price_diff(CY, "AMP26-LK-034", 1), lambda: price_diff(CY, "AMP26-LK-034", 1, "3300.00")),
 "b79-cy-padma-late-interest": (lambda: fee_not_owed(CY, "AMP26-BD-014", T_CY), lambda: fee(CY, "AMP26-BD-014", "late_fee")),
 "b79-cy-padma-ceft-grn-short": (lambda: short(CY, "AMP26-BD-015", 1, delivered(CY, "AMP26-BD-015", "CEFT-1G")), lambda: units_credit(CY, "AMP26-BD-015", 1, 120)),
 "b79-cy-padma-metf-deduction": (lambda: price_diff(CY, "AMP26-BD-017", 1), lambda: deducted(CY, "AMP26-BD-017")),
 "b79-cy-padma-tt-paid": (lambda: unapplied_payment(CY, "AMP26-BD-019", "2026-10-29"), lambda: open_bal(CY, "AMP26-BD-019")),
 "b79-cy-mehran-double-atorva": (lambda: inv_total(CY, "AMP26-PK-022") if same_basis_duplicate(CY, "AMP26-PK-022", "AMP26-PK-021") else Z, lambda: inv_total(CY, "AMP26-PK-022")),
 "b79-cy-mehran-no-po": (lambda: Z if po_defect(CY, "AMP26-PK-024") else None, lambda: inv_total(CY, "AMP26-PK-024")),
 "b79-cy-mehran-amox-short": (lambda: short(CY, "AMP26-PK-027", 1, delivered(CY, "AMP26-PK-027", "AMOX-500")), lambda: units_credit(CY, "AMP26-PK-027", 1, 300)),
 "b79-cy-mehran-ceft-no-grn": (None, lambda: units_credit(CY, "AMP26-PK-027", 2, 40)),
 "b79-cy-ravi-data-loggers": (lambda: Z if fee_on_po(CY, "AMP26-PK-025", "other") else fee(CY, "AMP26-PK-025", "other"), lambda: open_bal(CY, "AMP26-PK-025")),
 "b79-cy-ravi-vat": (lambda: inv_tax(CY, "AMP26-PK-026") if every_taxed_line_wrong(CY, "AMP26-PK-026") else None, lambda: inv_tax(CY, "AMP26-PK-026")),
 # Belarus (BYN; PKR 0.01165 / 0.0115, BDT 0.0269, INR 0.0374 / 0.03685, LKR 0.0109; no USD rate)
 "b79-by-lyallpur-ow-rate": (lambda: price_diff(BY, "117-26/07", 1), lambda: price_diff(BY, "117-26/07", 1)),
 "b79-by-lyallpur-weighbridge": (lambda: short(BY, "117-26/08", 1, delivered(BY, "117-26/08", "PSF-14D38")), lambda: units_credit(BY, "117-26/08", 1, 800)),
 "b79-by-lyallpur-no-po": (lambda: Z if po_defect(BY, "117-26/09") else None, lambda: inv_total(BY, "117-26/09")),
 "b79-by-lyallpur-freight-query": (lambda: Z if fee_on_po(BY, "117-26/06", "freight") else fee(BY, "117-26/06", "freight"), lambda: open_bal(BY, "117-26/06")),
 "b79-by-lyallpur-lab-samples": (lambda: short(BY, "117-26/09", 2, logged(BY, "117-26/09", "LAB-TEST")), lambda: units_credit(BY, "117-26/09", 2, 2)),
 "b79-by-shitalakshya-wet-bales": (lambda: units_credit(BY, "121-26/04", 1, delivered(BY, "121-26/04", "PSF-14D38", "damagedQuantity")), lambda: deducted(BY, "121-26/04")),
 "b79-by-shitalakshya-engineer-days": (lambda: dates_credit(BY, "121-26/05", 1, "TECH-DAY", ["2026-09-16", "2026-09-17"]), lambda: units_credit(BY, "121-26/05", 1, 2)),
 "b79-by-shitalakshya-rpsf-short": (lambda: short(BY, "121-26/06", 2, delivered(BY, "121-26/06", "RPSF-15D")), lambda: units_credit(BY, "121-26/06", 2, 400)),
 "b79-by-noyyal-interest": (lambda: fee_not_owed(BY, "124-26/02", T_BY), lambda: fee(BY, "124-26/02", "late_fee")),
 "b79-by-noyyal-lab-tests": (lambda: Z if line_supported(BY, "124-26/03", 2) else line_gross(BY, "124-26/03", 2), lambda: open_bal(BY, "124-26/03")),
 "b79-by-noyyal-psf-rate": (lambda: price_diff(BY, "124-26/04", 1), lambda: price_diff(BY, "124-26/04", 1, "116.00")),
 "b79-by-biyagama-crushed-cones": (lambda: units_credit(BY, "130-26/04", 1, delivered(BY, "130-26/04", "PA6-FDY", "damagedQuantity")), lambda: units_credit(BY, "130-26/04", 1, 240)),
 "b79-by-biyagama-engineer-dates": (None, lambda: units_credit(BY, "130-26/05", 1, 2)),
 "b79-by-korangi-duplicate": (lambda: inv_total(BY, "133-26/03") if same_basis_duplicate(BY, "133-26/03", "133-26/02") else Z, lambda: inv_total(BY, "133-26/03")),
 "b79-by-korangi-rpsf-price": (lambda: price_diff(BY, "133-26/02", 1), lambda: price_diff(BY, "133-26/02", 1, "1.18")),
 "b79-by-satluj-engineer-useless": (lambda: short(BY, "136-26/01", 1, logged(BY, "136-26/01", "TECH-DAY")), lambda: open_bal(BY, "136-26/01")),
 # Slovenia / India branch (EUR; INR 0.00975 / 0.00962, USD 0.8580)
 "b79-si-narmada-fat-days": (lambda: short(SI, "SGA2627MH0412", 2, logged(SI, "SGA2627MH0412", "ENG-FAT")), lambda: open_bal(SI, "SGA2627MH0412")),
 "b79-si-narmada-air-freight": (lambda: Z if fee_on_po(SI, "SGA2627MH0425", "freight") else fee(SI, "SGA2627MH0425", "freight"), lambda: open_bal(SI, "SGA2627MH0425")),
 "b79-si-narmada-terms-30-60": (lambda: terms_defect(SI, "SGA2627MH0431"), lambda: inv_total(SI, "SGA2627MH0431")),
 "b79-si-hinjewadi-battery-gst": (lambda: tax_excess(SI, "SGA2627MH0447", 1), lambda: tax_excess(SI, "SGA2627MH0447", 1)),
 "b79-si-hinjewadi-pm-visits": (lambda: short(SI, "SGA2627MH0452", 1, logged(SI, "SGA2627MH0452", "AMC-PM")), lambda: units_credit(SI, "SGA2627MH0452", 1, 1)),
 "b79-si-deccan-sez-igst": (lambda: inv_tax(SI, "SGA2627MH0455") if every_taxed_line_wrong(SI, "SGA2627MH0455") else None, lambda: inv_tax(SI, "SGA2627MH0455")),
 "b79-si-kaveri-interest": (lambda: fee_not_owed(SI, "SGA2627TN0081", T_SI), lambda: open_bal(SI, "SGA2627TN0081")),
 "b79-si-kaveri-fat-deduction": (lambda: short(SI, "SGA2627TN0086", 1, logged(SI, "SGA2627TN0086", "ENG-FAT")), lambda: deducted(SI, "SGA2627TN0086")),
 "b79-si-vaigai-neft-untraced": (None, lambda: open_bal(SI, "SGA2627TN0092")),
 "b79-si-kaveri-relay-rate": (lambda: price_diff(SI, "SGA2627TN0099", 1), lambda: price_diff(SI, "SGA2627TN0099", 1)),
 "b79-si-buriganga-cracked-relays": (lambda: units_credit(SI, "SGA2627EX0027", 1, delivered(SI, "SGA2627EX0027", "RLY-P14", "damagedQuantity")), lambda: units_credit(SI, "SGA2627EX0027", 1, 2)),
 "b79-si-buriganga-fat-5-days": (lambda: short(SI, "SGA2627EX0031", 1, logged(SI, "SGA2627EX0031", "ENG-FAT")), lambda: units_credit(SI, "SGA2627EX0031", 1, 1)),
 "b79-si-deccan-paid-august": (lambda: unapplied_payment(SI, "SGA2627MH0401", "2026-08-12"), lambda: open_bal(SI, "SGA2627MH0401")),
 "b79-si-buriganga-freight-no-contract": (None, lambda: open_bal(SI, "SGA2627EX0027")),
}
NEEDS_INFO = {
 "b79-cy-mehran-ceft-no-grn": lambda: not has_delivery(CY, "AMP26-PK-027", "CEFT-1G"),
 "b79-by-biyagama-engineer-dates": lambda: unserved_dates(BY, "130-26/05", "TECH-DAY", ["2026-10-12", "2026-10-14"]) is None,
 "b79-si-vaigai-neft-untraced": lambda: nothing_could_be_theirs(SI, "SGA2627TN0092", "2026-10-14", "IOBAN26287461190"),
 "b79-si-buriganga-freight-no-contract": lambda: fee_cannot_be_judged(SI, "SGA2627EX0027", "freight"),
}
# the disputed amount the message states, as the customer wrote it (lakh / crore / plain), must be the expected one
STATED = {
 "b79-cy-mehran-double-atorva": ("1.1 crore", D("11000000.00")), "b79-by-lyallpur-freight-query": ("4.2 lakh", D("420000.00")),
 "b79-cy-lankamed-metformin-rate": ("2.4 lakh", D("240000.00")),
}
def lakh(s):
    """'2,40,000' / '1,10,00,000' (Indian grouping) → Decimal; rejects Western grouping of 6+ digits."""
    return D(s.replace(",", ""))

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}
def to_company(lgn, num, amount):
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
TODAYS = {CY: T_CY, BY: T_BY, SI: T_SI}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b79-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAYS[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if not ALL4 <= set(e.get("mustNotHappen", [])): fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    for t in c["turns"]:
        for m in re.finditer(r"(?<![\d,.])\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?(?![\d,])", t):
            fail(f"{cid}: Western thousands grouping {m.group()} in a South Asian message")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    if "invoice" in e.get("neverAsks", []):
        num = e.get("invoiceNumber")
        said = [n for n in nums if n in first or n.replace("SGA2627", "") in first]
        if not said: fail(f"{cid}: neverAsks invoice but no invoice number in turn 1")
        if num and num not in [n for n in nums if n in first or n.replace("SGA2627", "") in first]: fail(f"{cid}: turn 1 names another invoice than {num}")
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()–") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if "invoiceNumber" not in e: continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if not any(num in t or num.replace("SGA2627", "") in t for t in c["turns"]): fail(f"{cid}: the invoice is never named")
    for s in e.get("emailMentions", []):
        if re.fullmatch(r"\d+\.\d+", s) and D(s) >= 1000: fail(f"{cid}: emailMentions amount {s} not below 1,000")
    if e.get("customerId") and e["customerId"] != inv_["customerId"]: fail(f"{cid}: customerId {e['customerId']} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if D(e["disputedAmount"]) > inv_total(lgn, num) or D(e["disputedAmount"]) <= 0: fail(f"{cid}: disputed out of range")
    # the message states the disputed amount (lakh grouping or words), in some turn
    stated = [lakh(m) for t in c["turns"] for m in re.findall(r"\d[\d,]*(?:\.\d+)?", t)]
    if cid in STATED:
        words_, val = STATED[cid]
        if not any(words_ in t for t in c["turns"]) or val != disputed: fail(f"{cid}: stated '{words_}' != {disputed}")
    elif disputed not in stated and e.get("reasonCode") not in ("missing_po", "contract_terms", "already_paid"):
        fail(f"{cid}: disputed {disputed} not written in the turns")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    act = e.get("action")
    if cl and cl != "needs_info":
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act not in ({"credit_memo"} if cl == "partial" else {"no_adjustment"}) | ({"apply_payment"} if e["reasonCode"] == "already_paid" else set()):
                fail(f"{cid}: {cl} with {act}")
        if cl == "valid":
            want = {"already_paid": "apply_payment"}.get(e["reasonCode"], "cancel_and_rebill" if defect or e["reasonCode"] in ("missing_po",) else "credit_memo")
            if e["reasonCode"] == "tax_error" and not every_taxed_line_wrong(lgn, num): want = "credit_memo"
            if act != want: fail(f"{cid}: valid with {act}, expected {want}")
    if e.get("reasonCode") and e.get("stakeholders", [None])[0] != TEAM[e["reasonCode"]]:
        fail(f"{cid}: first stakeholder {e.get('stakeholders')} is not the routing table's {TEAM[e['reasonCode']]}")
    if "escalation" in e:
        pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
        conv = to_company(lgn, num, disputed)
        past = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"])
        # disputes the import opens from remittance deductions on the customer's other invoices (opened on the payment date or on import)
        auto = sum(1 for p in lg.get("payments", []) if p["customerId"] == cust["id"] for rm in p.get("remittance", [])
                   if D(rm.get("deducted", "0")) > 0 and rm["invoiceNumber"] != num)
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        credit = supported if act == "credit_memo" and supported else Z
        above_lead = credit and (to_company(lgn, num, credit) is None or to_company(lgn, num, credit) > D(pol["approvalLimits"]["lead"]))
        base = conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic")) or above_lead
        esc_without = base or past + 1 >= pol["repeatDisputeCount"]
        esc_with = base or past + auto + 1 >= pol["repeatDisputeCount"]
        if esc_without != esc_with: fail(f"{cid}: escalation depends on counting the remittance disputes ({past} past + {auto} remittance)")
        if esc_without != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc_without} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {past + 1} disputes)")
        if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]): fail(f"{cid}: legal escalation would be due")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {sum(cnt.values())} cases, {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")), "of", sum(1 for c in cases if "escalation" in c["expect"]))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
