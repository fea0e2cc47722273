#!/usr/bin/env python3
"""Batch-84 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once; no rate: escalate). Also checks that each
disputed amount is really written in the messages, and that `neverAsks: invoice` is only used when
the first turn names the invoice. Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-84/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # AWG, XCD, TTD, BBD, USD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
Z = D("0")

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
AW, GD, VG = "cas-di-rotulo-signs-awg.ledger.json", "gouyave-spice-works-xcd.ledger.json", "wickhams-cay-agents-usd.ledger.json"
TODAY = {AW: "2026-11-18", GD: "2026-10-21", VG: "2026-12-09"}

def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate), cur) if rate else Z
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), Z)
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), Z)
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), Z)
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), Z)
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

# ---- ledgers: totals, statuses, references, terms, minor digits, rates
NO_RATE = {"GS-X26-109"}            # BBD, no rate on purpose
INTENDED_WRONG_PO = {"GS-X26-125"}  # quotes SDI-OC-4490, which the customer never issued
INTENDED_WRONG_TERMS = {"GS-L26-226": 14}  # 14-day due date against the contract's 30
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
    for c in lg.get("contracts", []):
        if c["customerId"] not in custs: fail(f"{name} {c['id']}: unknown customer")
        for p in c["prices"]:
            if not decimals_ok(p["unitPrice"], c["currency"]): fail(f"{name} {c['id']}: price digits")
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        want_terms = INTENDED_WRONG_TERMS.get(i["number"], c["paymentTermsDays"] if c else 30)
        if days(i["issueDate"], i["dueDate"]) != want_terms: fail(f"{name} {i['number']}: due date not on the terms")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
        if (i.get("servicePeriodStart") is None) != (i.get("servicePeriodEnd") is None): fail(f"{name} {i['number']}: half a service period")
        has_rate = any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", []))
        if cur != cur0 and not has_rate and i["number"] not in NO_RATE: fail(f"{name} {i['number']}: no rate for {cur}")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {i['number']}: meant to lack a rate")
        po = i.get("poNumber")
        if po and (po not in pos) != (i["number"] in INTENDED_WRONG_PO): fail(f"{name} {i['number']}: PO {po} reference")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if any(x.get("deducted") for pay in lg.get("payments", []) for x in pay.get("remittance", [])): fail(f"{name}: a remittance deduction would open a dispute on import")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber"):
            inv = invoice(lg, d["invoiceNumber"])
            if not any(l["sku"] == d["sku"] for l in inv["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] not in custs: fail(f"{name} log {s['id']}: unknown customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["customerId"] != p["customerId"]: fail(f"{name} payment {p['id']}: another customer's invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber"): fail(f"{name} past dispute {d['id']}: this batch's past disputes name no invoice")

# ---- numbering: F-NNNN/AUA/26 (one yearly sequence), GS-X26-NNN / GS-L26-NNN (export and local series),
# WCA-<client code>-26/NNN (one sequence per client); sequences follow the issue dates.
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
if not all(re.fullmatch(r"F-\d{4}/AUA/26", i["number"]) for i in ledgers[AW]["invoices"]): fail("AW numbering")
if not seq_ok(ledgers[AW]["invoices"], lambda i: i["number"]): fail("AW: sequence out of date order")
for series, local in (("X", False), ("L", True)):
    v = [i for i in ledgers[GD]["invoices"] if i["number"].startswith(f"GS-{series}26-")]
    if not all(re.fullmatch(r"GS-[XL]26-\d{3}", i["number"]) for i in v): fail("GD numbering")
    if not seq_ok(v, lambda i: i["number"]): fail(f"GD series {series}: out of date order")
    for i in v:
        if (i["currency"] == "XCD") != local: fail(f"{i['number']}: X series is exports in foreign currency, L series local XCD")
        if not local and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "GS-X26-118": fail(f"{i['number']}: export taxed")
if len(ledgers[GD]["invoices"]) != sum(1 for i in ledgers[GD]["invoices"] if re.fullmatch(r"GS-[XL]26-\d{3}", i["number"])): fail("GD series letter")
by_client = {}
for i in ledgers[VG]["invoices"]:
    m = re.fullmatch(r"WCA-([A-Z]{3})-26/(\d{3})", i["number"])
    if not m or f"VG-{m.group(1)}" != i["customerId"]: fail(f"{i['number']}: client code does not match {i['customerId']}")
    else: by_client.setdefault(m.group(1), []).append(i)
for k, v in by_client.items():
    if not seq_ok(v, lambda i: i["number"]): fail(f"VG client {k}: sequence out of date order")
if any(l.get("taxRate") for i in ledgers[VG]["invoices"] for l in i["lines"]): fail("VG: the BVI has no VAT")

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
    """Billed gross - gross at the agreed (or stated) price; also checked against (billed - agreed) x qty with the line's tax."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; p = price or agreed(lgn, num, l["sku"])
    a = max(gross(l, cur) - gross(l, cur, price=p), Z)
    diff_net = r((D(l["unitPrice"]) - D(p)) * D(str(l["quantity"])), cur)
    b = max(diff_net + tax(l, diff_net, cur), Z)
    if a != b: fail(f"{num} line {n}: price difference {a} vs {b} depending on where tax is rounded")
    return a
def units_credit(lgn, num, n, units):
    """Billed gross - gross of (billed - units); also checked against units x price with the line's tax."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    a = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    nn = net(l, cur, qty=units); b = nn + tax(l, nn, cur)
    if a != b: fail(f"{num} line {n}: {units} units give {a} vs {b} depending on where tax is rounded")
    return a
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
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
def line_tax(lgn, num, n):
    i = I(lgn, num); l = line(i, n); return tax(l, net(l, i["currency"]), i["currency"])
def usual_rate(lgn, num, sku):
    """The tax rate the customer's other invoices use for the same SKU (None: no other invoice)."""
    i = I(lgn, num)
    rates = {line_.get("taxRate") or "0" for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num
             for line_ in o["lines"] if line_["sku"] == sku}
    if len(rates) > 1: fail(f"{num}: the customer's other invoices disagree on the rate for {sku}")
    return rates.pop() if rates else None
def tax_not_owed_line(lgn, num, n):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    if tax_exempt(lgn, num): return line_tax(lgn, num, n)
    u = usual_rate(lgn, num, l["sku"])
    if u is None: return Z
    nn = net(l, cur); return max(tax(l, nn, cur) - r(nn * D(u), cur), Z)
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), Z)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

def late_fee_allowed(lgn, num, today):
    """None without a clause; none when the principal was paid by due + grace; else percentPerMonth of the principal
    unpaid at the end of grace, per started 30-day month from the due date to the settling payment (or today)."""
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
    """Days of the billed period outside the contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    a = sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), Z)
    b = sum((r(net(l, cur) * (tot - inside) / tot, cur) + r(tax(l, net(l, cur), cur) * (tot - inside) / tot, cur) for l in i["lines"]), Z)
    if a != b: fail(f"{num}: pro rata {a} on the gross vs {b} on net and tax")
    return a
def terms_defect(lgn, num):
    """Due date not on the contract's payment terms, for a billed period inside the contract."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    inside = c["startDate"] <= i["issueDate"] <= c.get("endDate", "9999-12-31")
    return inside and days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]

def unapplied_payment(lgn, num, ref):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"]
          and (ref in p.get("reference", "") or D(p["amount"]) == open_bal(lgn, num))]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the quoted date or with the quoted reference."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"], x.get("taxRate")) == (y["sku"], y["quantity"], y["unitPrice"], y.get("taxRate"))
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])
def not_duplicates(lgn, num, other): return not same_basis_duplicate(lgn, num, other)

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def po_exists(lgn, num_po, cust): return any(p["number"] == num_po and p["customerId"] == cust and p.get("status") != "cancelled" for p in ledgers[lgn].get("purchaseOrders", []))

def fee_on_po(lgn, num, t):
    """The invoice's PO (or another open PO of the customer) lists the fee: same description, same amount."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    words = lambda s: sorted(w for w in re.split(r"[^0-9a-zà-ÿ]+", s.lower()) if len(w) > 2)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if words(l.get("description", l["sku"])) == words(f.get("description", "")) and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]): return True
    return False
def fee_in_contract_notes(lgn, num, t, word):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    return bool(c and word.lower() in c.get("notes", "").lower())
def fee_supported(lgn, num, t, word):
    return fee_on_po(lgn, num, t) or fee_in_contract_notes(lgn, num, t, word)

T_AW, T_GD, T_VG = TODAY[AW], TODAY[GD], TODAY[VG]
R = {
 # Aruba (AWG; USD at 1.7800 from 2026-01-01, 1.7900 from 2026-09-01)
 "b84-aw-eaglepalm-acrylic-price": (lambda: price_diff(AW, "F-0342/AUA/26", 1), lambda: price_diff(AW, "F-0342/AUA/26", 1)),
 "b84-aw-eaglepalm-flags-torn": (lambda: units_credit(AW, "F-0318/AUA/26", 1, delivered(AW, "F-0318/AUA/26", "POOL-FLAG", "damagedQuantity")), lambda: units_credit(AW, "F-0318/AUA/26", 1, 6)),
 "b84-aw-eaglepalm-led-visits": (lambda: short(AW, "F-0371/AUA/26", 1, logged(AW, "F-0371/AUA/26", "LED-MAINT")), lambda: units_credit(AW, "F-0371/AUA/26", 1, 1)),
 "b84-aw-brisa-no-po": (lambda: Z if po_defect(AW, "F-0355/AUA/26") and po_exists(AW, "BDM-OC-26-0150", "AW-BDM") else None, lambda: inv_total(AW, "F-0355/AUA/26")),
 "b84-aw-brisa-letters-22": (lambda: short(AW, "F-0326/AUA/26", 1, delivered(AW, "F-0326/AUA/26", "LED-LETTER")), lambda: units_credit(AW, "F-0326/AUA/26", 1, 2)),
 "b84-aw-brisa-install-hours": (lambda: short(AW, "F-0326/AUA/26", 2, logged(AW, "F-0326/AUA/26", "INSTALL-HR")), lambda: short(AW, "F-0326/AUA/26", 2, 10)),
 "b84-aw-brisa-lift-twice": (lambda: inv_total(AW, "F-0363/AUA/26") if same_basis_duplicate(AW, "F-0363/AUA/26", "F-0360/AUA/26") else Z, lambda: inv_total(AW, "F-0363/AUA/26")),
 "b84-aw-santacruz-late-grace": (lambda: fee_not_owed(AW, "F-0312/AUA/26", T_AW), lambda: fee(AW, "F-0312/AUA/26", "late_fee")),
 "b84-aw-santacruz-wrap-quote": (lambda: price_diff(AW, "F-0366/AUA/26", 1), lambda: price_diff(AW, "F-0366/AUA/26", 1, "2100.00")),
 "b84-aw-santacruz-paid-transfer": (lambda: unapplied_payment(AW, "F-0349/AUA/26", "CMB TRF 88120431"), lambda: open_bal(AW, "F-0349/AUA/26")),
 "b84-aw-bonaire-freight": (lambda: Z if fee_supported(AW, "F-0335/AUA/26", "freight", "sea freight aruba–bonaire") else fee(AW, "F-0335/AUA/26", "freight"), lambda: fee(AW, "F-0335/AUA/26", "freight")),
 "b84-aw-bonaire-messy-installer": (lambda: short(AW, "F-0335/AUA/26", 2, logged(AW, "F-0335/AUA/26", "INSTALL-HR")), lambda: units_credit(AW, "F-0335/AUA/26", 2, 10)),
 "b84-aw-skol-bbo-exempt": (lambda: inv_tax(AW, "F-0357/AUA/26") if tax_exempt(AW, "F-0357/AUA/26") else Z, lambda: inv_tax(AW, "F-0357/AUA/26")),
 "b84-aw-autoimport-after-contract": (lambda: outside_contract(AW, "F-0376/AUA/26"), lambda: inv_total(AW, "F-0376/AUA/26")),
 "b84-aw-autoimport-scratched-panels": (None, lambda: units_credit(AW, "F-0352/AUA/26", 1, 3)),
 # Grenada (XCD; USD 2.7000; TTD 0.3984 / 0.3978 / 0.3981; no BBD rate)
 "b84-gd-pantry-short-sack": (lambda: short(GD, "GS-X26-112", 1, delivered(GD, "GS-X26-112", "NUT-SOUND-KG")), lambda: short(GD, "GS-X26-112", 1, 950)),
 "b84-gd-pantry-vat-on-mace": (lambda: tax_not_owed_line(GD, "GS-X26-118", 2), lambda: line_tax(GD, "GS-X26-118", 2)),
 "b84-gd-pantry-fumigation-one-box": (lambda: short(GD, "GS-X26-118", 3, logged(GD, "GS-X26-118", "FUMIG-CTR")), lambda: units_credit(GD, "GS-X26-118", 3, 1)),
 "b84-gd-istmo-ground-price": (lambda: price_diff(GD, "GS-X26-121", 1), lambda: price_diff(GD, "GS-X26-121", 1, "9.20")),
 "b84-gd-istmo-wrong-po": (lambda: Z if po_defect(GD, "GS-X26-125") and po_exists(GD, "SDI-OC-4496", "GD-SDI") else None, lambda: inv_total(GD, "GS-X26-125")),
 "b84-gd-istmo-second-invoice": (lambda: inv_total(GD, "GS-X26-131") if same_basis_duplicate(GD, "GS-X26-131", "GS-X26-129") else Z, lambda: inv_total(GD, "GS-X26-131")),
 "b84-gd-istmo-paid-july": (None, lambda: open_bal(GD, "GS-X26-088")),
 "b84-gd-kingston-phyto": (lambda: Z if fee_supported(GD, "GS-X26-115", "other", "phytosanitary certificate") else fee(GD, "GS-X26-115", "other"), lambda: fee(GD, "GS-X26-115", "other")),
 "b84-gd-kingston-wire": (lambda: unapplied_payment(GD, "GS-X26-127", "FT26286XK41"), lambda: open_bal(GD, "GS-X26-127")),
 "b84-gd-bajan-syrup-price": (lambda: price_diff(GD, "GS-X26-109", 1), lambda: price_diff(GD, "GS-X26-109", 1)),
 "b84-gd-grandanse-late-charge": (lambda: fee_not_owed(GD, "GS-L26-201", T_GD), lambda: fee(GD, "GS-L26-201", "late_fee")),
 "b84-gd-grandanse-broken-syrup": (lambda: units_credit(GD, "GS-L26-219", 1, delivered(GD, "GS-L26-219", "SYRUP-CS", "damagedQuantity")), lambda: units_credit(GD, "GS-L26-219", 1, 2)),
 "b84-gd-dutyfree-late-two-months": (lambda: fee_not_owed(GD, "GS-L26-208", T_GD), lambda: fee(GD, "GS-L26-208", "late_fee")),
 "b84-gd-dutyfree-baskets-36": (None, lambda: units_credit(GD, "GS-L26-223", 1, 4)),
 "b84-gd-dutyfree-terms-14-days": (lambda: Z if terms_defect(GD, "GS-L26-226") else None, lambda: inv_total(GD, "GS-L26-226")),
 "b84-gd-sandyisland-storage-moved-out": (lambda: outside_contract(GD, "GS-L26-230"), lambda: inv_total(GD, "GS-L26-230")),
 # BVI (USD, no tax)
 "b84-vg-lempira-annual-fee-increase": (lambda: price_diff(VG, "WCA-LEM-26/014", 1), lambda: price_diff(VG, "WCA-LEM-26/014", 1)),
 "b84-vg-lempira-esa-three-missing": (lambda: short(VG, "WCA-LEM-26/011", 1, logged(VG, "WCA-LEM-26/011", "ESA-FILE")), lambda: units_credit(VG, "WCA-LEM-26/011", 1, 3)),
 "b84-vg-lempira-kyc-never-contacted": (None, lambda: units_credit(VG, "WCA-LEM-26/012", 1, 2)),
 "b84-vg-solorzano-cogs-six": (lambda: short(VG, "WCA-SOL-26/022", 1, delivered(VG, "WCA-SOL-26/022", "COGS")), lambda: short(VG, "WCA-SOL-26/022", 1, 6)),
 "b84-vg-solorzano-courier-fee": (lambda: Z if fee_supported(VG, "WCA-SOL-26/022", "freight", "courier") else fee(VG, "WCA-SOL-26/022", "freight"), lambda: fee(VG, "WCA-SOL-26/022", "freight")),
 "b84-vg-solorzano-wet-apostilles": (lambda: units_credit(VG, "WCA-SOL-26/019", 1, delivered(VG, "WCA-SOL-26/019", "APOST", "damagedQuantity")), lambda: units_credit(VG, "WCA-SOL-26/019", 1, 2)),
 "b84-vg-solorzano-incumbency-quote": (lambda: price_diff(VG, "WCA-SOL-26/019", 2), lambda: price_diff(VG, "WCA-SOL-26/019", 2, "100.00")),
 "b84-vg-kiskeya-swift-unapplied": (lambda: unapplied_payment(VG, "WCA-KIS-26/008", "UNIBANK SWIFT 2611-KAH-0093"), lambda: open_bal(VG, "WCA-KIS-26/008")),
 "b84-vg-kiskeya-late-interest": (lambda: fee_not_owed(VG, "WCA-KIS-26/004", T_VG), lambda: fee(VG, "WCA-KIS-26/004", "late_fee")),
 "b84-vg-kiskeya-board-meetings": (lambda: dates_credit(VG, "WCA-KIS-26/007", 1, "DIR-MEET", ["2026-08-12", "2026-09-09"]), lambda: units_credit(VG, "WCA-KIS-26/007", 1, 2)),
 "b84-vg-montego-renewal-after-exit": (lambda: outside_contract(VG, "WCA-MCP-26/006"), lambda: inv_total(VG, "WCA-MCP-26/006")),
 "b84-vg-montego-boss-twice": (lambda: inv_total(VG, "WCA-MCP-26/004") if same_basis_duplicate(VG, "WCA-MCP-26/004", "WCA-MCP-26/003") else Z, lambda: inv_total(VG, "WCA-MCP-26/004")),
 "b84-vg-montego-kyc-shocking": (lambda: short(VG, "WCA-MCP-26/005", 1, logged(VG, "WCA-MCP-26/005", "KYC-REV")), lambda: inv_total(VG, "WCA-MCP-26/005")),
 "b84-vg-charters-no-po": (lambda: Z if po_defect(VG, "WCA-TMC-26/005") and po_exists(VG, "TMC-PO-0655", "VG-TMC") else None, lambda: inv_total(VG, "WCA-TMC-26/005")),
 "b84-vg-charters-admin-hours": (lambda: short(VG, "WCA-TMC-26/004", 1, logged(VG, "WCA-TMC-26/004", "ADMIN-HR")), lambda: short(VG, "WCA-TMC-26/004", 1, 3)),
}
NEEDS_INFO = {
 "b84-aw-autoimport-scratched-panels": lambda: not has_delivery(AW, "F-0352/AUA/26", "ALU-DIBOND"),
 "b84-gd-istmo-paid-july": lambda: nothing_could_be_theirs(GD, "GS-X26-088", "2026-07-14", "BG-TRF-0714-2291"),
 "b84-gd-dutyfree-baskets-36": lambda: not has_delivery(GD, "GS-L26-223", "GIFT-BSK"),
 "b84-vg-lempira-kyc-never-contacted": lambda: not has_log(VG, "WCA-LEM-26/012", "KYC-REV"),
}
# Cases without a classification: what must hold for them to be right.
NO_CLASS = {
 "b84-aw-skol-withdrawn": lambda: not_duplicates(AW, "F-0333/AUA/26", "F-0332/AUA/26"),   # two POs, two schools
 "b84-gd-grandanse-question": lambda: True,
 "b84-aw-unknown-invoice": lambda: True,
 "b84-vg-unknown-invoice": lambda: True,
}
# The disputed amount is said in words, or only as the whole invoice, in these messages.
AMOUNT_IN_WORDS = {"b84-aw-santacruz-wrap-quote": "six hundred forty-two", "b84-vg-montego-boss-twice": "fifteen hundred"}

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
TEAMS2 = {"pricing_error": ["sales", "billing"], "quantity_discrepancy": ["logistics", "billing"], "damaged_goods": ["logistics", "billing"],
          "duplicate_billing": ["billing"], "service_not_rendered": ["service_delivery", "customer_success"],
          "service_dissatisfaction": ["service_delivery", "customer_success"], "missing_po": ["sales", "billing"], "already_paid": ["cash_application"],
          "late_fee": ["collections", "billing"], "tax_error": ["tax", "billing"], "contract_terms": ["legal", "sales"], "unrecognized_charge": ["billing", "sales"]}

def to_company(lgn, num, amount):
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def amount_forms(a):
    """How people write an amount: 1,234.50 / 1234.50 / 1.234,50 / 1234,50."""
    s = f"{a:.2f}"; ip, fp = s.split(".")
    grp = f"{int(ip):,}"
    forms = {f"{ip}.{fp}", f"{grp}.{fp}", f"{ip},{fp}", f"{grp.replace(',', '.')},{fp}"}
    return forms | ({grp} if fp == "00" and "," in grp else set())   # "1,650" for 1,650.00

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b84-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']} is not its ledger's {TODAY[lgn]}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if not ALL4 <= set(e.get("mustNotHappen", [])): fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    text = "\n".join(c["turns"])
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[0-9.,]+", m):
            if D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} is not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")): fail(f"{cid}: emailMentions amount {m} is neither disputed nor supported")
        elif m not in nums and not any(p["number"] == m for p in lg.get("purchaseOrders", [])): fail(f"{cid}: emailMentions {m} is no invoice or PO")
    if "invoice" in e.get("neverAsks", []) and e.get("invoiceNumber") and e["invoiceNumber"].lower() not in c["turns"][0].lower() \
            and not (len(c["turns"]) > 1 and any(n.lower() in c["turns"][0].lower() for n in nums)):
        fail(f"{cid}: neverAsks invoice but the first turn names no invoice")
    if e.get("invoiceNumber") and "invoice" not in e.get("neverAsks", []) and e["invoiceNumber"].lower() in c["turns"][0].lower():
        fail(f"{cid}: the first turn names the invoice, neverAsks could list it")
    if cid in NO_CLASS:
        if set(e) - {"mustNotHappen", "noResolution"}: fail(f"{cid}: a case without a resolution checks only side effects / noResolution")
        if not NO_CLASS[cid](): fail(f"{cid}: its premise does not hold")
        if e.get("noResolution"):
            named = re.findall(r"[A-Z]{1,3}-[A-Z0-9]*[-/][0-9A-Z/-]+", text)
            if not named or any(n.strip(".,") in nums for n in named): fail(f"{cid}: noResolution but names an existing invoice {named}")
            amounts = {D(a.replace(",", "")) for a in re.findall(r"\d[\d,]*\.\d{2}", text)}
            if any(D(i["total"]) in amounts for i in lg["invoices"]): fail(f"{cid}: the amount quoted is some invoice's total")
        continue
    if "invoiceNumber" not in e: fail(f"{cid}: no invoiceNumber"); continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if D(e["disputedAmount"]) > open_bal(lgn, num) + paid(lg, num): fail(f"{cid}: disputed above the invoice")
    if cid in AMOUNT_IN_WORDS:
        if AMOUNT_IN_WORDS[cid] not in text.lower(): fail(f"{cid}: amount in words not found")
    elif not any(f in text for f in amount_forms(disputed)): fail(f"{cid}: the disputed amount {disputed} is not written in the turns")
    cl = e["classification"]
    if e["stakeholders"] != TEAMS2[e["reasonCode"]]: fail(f"{cid}: stakeholders {e['stakeholders']} are not DOMAIN.md's {TEAMS2[e['reasonCode']]}")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
        supported = None
    else:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = e["reasonCode"] in ADMIN_DEFECT and e["action"] == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e["action"]
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act not in ({"credit_memo"} if cl == "partial" else {"no_adjustment"}): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"already_paid": "apply_payment"}.get(e["reasonCode"], "cancel_and_rebill" if defect else "credit_memo")
            if act != want: fail(f"{cid}: valid {e['reasonCode']} should be {want}, not {act}")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    near = [d["id"] for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and abs(days(d["openedDate"], c["today"]) - pol["repeatDisputeWindowDays"]) <= 5]
    if near: fail(f"{cid}: past dispute {near} too close to the window's edge")
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    if abs(pastdue - pol["escalationDaysPastDue"]) <= 3: fail(f"{cid}: {pastdue} days past due is too close to the policy's {pol['escalationDaysPastDue']}")
    approve = supported if supported is not None else Z
    approve_c = to_company(lgn, num, approve)
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"]
           or (approve_c is not None and approve_c > D(pol["approvalLimits"]["lead"])))
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if e["reasonCode"] == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e["stakeholders"]:
        fail(f"{cid}: legal escalation expected")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
