#!/usr/bin/env python3
"""Batch-63 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, the three numbering schemes, and the classification /
action / write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at
the latest rate on or before the invoice date, half-up once; no rate: escalate). It also checks that
each disputed amount is written somewhere in the turns (Indian 1,23,500 grouping and Portuguese
1.334,00 format included) and that `neverAsks: invoice` is only used when turn 1 names the invoice.
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-63/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # SAR, MZN, HKD, INR, USD, AED, LKR, NPR: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
SA, MZ, HK = "chaliyar-technology-sar.ledger.json", "ilha-verde-cashew-mzn.ledger.json", "kesariya-gem-vault-hkd.ledger.json"
TODAY = {SA: "2026-11-18", MZ: "2026-12-02", HK: "2026-11-26"}
if set(ledgers) != {SA, MZ, HK}: fail(f"ledgers: {sorted(ledgers)}")

def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur): return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else D("0")
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D("0"))
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), D("0"))
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), D("0"))
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), D("0"))
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)

# ---- ledgers: totals, statuses, references, terms, minor digits
NO_RATE = {"FT NPL/405", "INV-000417", "INV-000446"}   # AED and NPR invoices lack a rate on purpose
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
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
        elif days(i["issueDate"], i["dueDate"]) != 30: fail(f"{name} {i['number']}: no contract, 30 days expected")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur}")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {i['number']}: meant to lack a rate")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        for l in i["lines"]:
            if l.get("taxRate") and c and c["customerId"] and next(x for x in lg["customers"] if x["id"] == i["customerId"]).get("taxExempt") \
               and i["number"] not in ("ACC-SINV-2026-00418", "FT NCL/78"):
                fail(f"{name} {i['number']}: exempt customer taxed outside the two tax cases")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("poNumber") and d["poNumber"] not in pos: fail(f"{name} delivery {d['id']}: unknown PO")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] not in custs: fail(f"{name} log {s['id']}: unknown customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- numbering: ACC-SINV-YYYY-NNNNN (ERPNext, one yearly sequence), FT NPL/n and FT NCL/n (branch series,
# unpadded, one sequence each), INV-NNNNNN (Zoho Books, six digits); sequences follow the issue dates.
def in_date_order(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for i in ledgers[SA]["invoices"]:
    m = re.fullmatch(r"ACC-SINV-(\d{4})-(\d{5})", i["number"])
    if not m or m.group(1) != i["issueDate"][:4]: fail(f"{i['number']}: not ACC-SINV-<issue year>-NNNNN")
if not in_date_order(ledgers[SA]["invoices"], lambda i: i["number"]): fail("SA: sequence out of date order")
for br in ("NPL", "NCL"):
    v = [i for i in ledgers[MZ]["invoices"] if i["number"].startswith(f"FT {br}/")]
    if not all(re.fullmatch(r"FT (NPL|NCL)/[1-9]\d*", i["number"]) for i in v): fail("MZ numbering")
    if not in_date_order(v, lambda i: int(i["number"].split("/")[1])): fail(f"MZ {br}: sequence out of date order")
if len(ledgers[MZ]["invoices"]) != sum(1 for i in ledgers[MZ]["invoices"] if i["number"][:6] in ("FT NPL", "FT NCL")): fail("MZ branch code")
if not all(re.fullmatch(r"INV-\d{6}", i["number"]) for i in ledgers[HK]["invoices"]): fail("HK numbering")
if not in_date_order(ledgers[HK]["invoices"], lambda i: i["number"]): fail("HK: sequence out of date order")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_of(lgn, num): return next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == I(lgn, num).get("poNumber")), None)
def po_price(lgn, num, sku):
    po = po_of(lgn, num); return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum(D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), D(0)))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def every_line_taxed(lgn, num): return all(l.get("taxRate") for l in I(lgn, num)["lines"])
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

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
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
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
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and len(a["lines"]) == len(b["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = po_of(lgn, num)
    return po is None or po.get("status") == "cancelled"

def words(s): return sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
def fee_on_po(lgn, num, t):
    """A fee the customer's own PO lists: a line with the fee type's SKU or the same description, at that amount."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if (l["sku"] == t.upper() or words(l.get("description", "")) == words(f.get("description", ""))) and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]): return True
    return False
def line_supported(lgn, num, n):
    """A charged line supported by the invoice's PO (same SKU at the billed price) or the contract's price for it."""
    i = I(lgn, num); l = line(i, n)
    return po_price(lgn, num, l["sku"]) == l["unitPrice"] or contract_price(lgn, num, l["sku"]) == l["unitPrice"]
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))

Z = D("0")
R = {
 # Saudi Arabia (SAR; BHD at 9.9734)
 "b63-sa-periyar-toner-rate": (lambda: price_diff(SA, "ACC-SINV-2026-00423", 1), lambda: price_diff(SA, "ACC-SINV-2026-00423", 1)),
 "b63-sa-periyar-amc-no-po": (lambda: Z if po_defect(SA, "ACC-SINV-2026-00450") else None, lambda: inv_total(SA, "ACC-SINV-2026-00450")),
 "b63-sa-periyar-access-points": (lambda: short(SA, "ACC-SINV-2026-00433", 1, delivered(SA, "ACC-SINV-2026-00433", "AP-WIFI")), lambda: units_credit(SA, "ACC-SINV-2026-00433", 1, 2)),
 "b63-sa-alwafa-grace-days": (lambda: fee_not_owed(SA, "ACC-SINV-2026-00409", TODAY[SA]), lambda: fee(SA, "ACC-SINV-2026-00409", "late_fee")),
 "b63-sa-alwafa-visit-count": (lambda: short(SA, "ACC-SINV-2026-00452", 1, logged(SA, "ACC-SINV-2026-00452", "ENG-VISIT")), lambda: units_credit(SA, "ACC-SINV-2026-00452", 1, 2)),
 "b63-sa-alwafa-printer-jams": (lambda: short(SA, "ACC-SINV-2026-00431", 1, logged(SA, "ACC-SINV-2026-00431", "AMC-PRN")), lambda: inv_total(SA, "ACC-SINV-2026-00431")),
 "b63-sa-embassy-vat": (lambda: inv_tax(SA, "ACC-SINV-2026-00418") if tax_exempt(SA, "ACC-SINV-2026-00418") and every_line_taxed(SA, "ACC-SINV-2026-00418") else None, lambda: inv_tax(SA, "ACC-SINV-2026-00418")),
 "b63-sa-embassy-returned-pcs": (None, lambda: units_credit(SA, "ACC-SINV-2026-00455", 1, 7)),
 "b63-sa-seef-tt-paid": (lambda: unapplied_payment(SA, "ACC-SINV-2026-00420", "2026-11-09"), lambda: open_bal(SA, "ACC-SINV-2026-00420")),
 "b63-sa-seef-courier-line": (lambda: Z if fee_on_po(SA, "ACC-SINV-2026-00442", "freight") else fee(SA, "ACC-SINV-2026-00442", "freight"), lambda: fee(SA, "ACC-SINV-2026-00442", "freight")),
 "b63-sa-karnaphuli-two-bills": (lambda: inv_total(SA, "ACC-SINV-2026-00447") if same_basis_duplicate(SA, "ACC-SINV-2026-00447", "ACC-SINV-2026-00439") else Z, lambda: inv_total(SA, "ACC-SINV-2026-00447")),
 "b63-sa-karnaphuli-cracked-batteries": (lambda: units_credit(SA, "ACC-SINV-2026-00426", 1, delivered(SA, "ACC-SINV-2026-00426", "UPS-BAT", "damagedQuantity")), lambda: units_credit(SA, "ACC-SINV-2026-00426", 1, 5)),
 "b63-sa-academy-laptop-price": (lambda: price_diff(SA, "ACC-SINV-2026-00444", 1) if contract_of(ledgers[SA], I(SA, "ACC-SINV-2026-00444")) is None else None, lambda: price_diff(SA, "ACC-SINV-2026-00444", 1, "3300.00")),
 "b63-sa-gulf-horizon-expired": (lambda: outside_contract(SA, "ACC-SINV-2026-00436"), lambda: inv_total(SA, "ACC-SINV-2026-00436")),
 "b63-sa-alwafa-old-charge": (lambda: fee_not_owed(SA, "ACC-SINV-2026-00394", TODAY[SA]), lambda: fee(SA, "ACC-SINV-2026-00394", "late_fee")),
 # Mozambique (MZN; INR 0.7260 / 0.7215, USD 63.8800 / 63.9100, no AED rate)
 "b63-mz-ashtamudi-short-landed": (lambda: short(MZ, "FT NCL/97", 1, delivered(MZ, "FT NCL/97", "RCN-MZ")), lambda: units_credit(MZ, "FT NCL/97", 1, "2.1")),
 "b63-mz-ashtamudi-cut-tests": (lambda: short(MZ, "FT NCL/89", 1, logged(MZ, "FT NCL/89", "KOR-TEST")), lambda: units_credit(MZ, "FT NCL/89", 1, 2)),
 "b63-mz-ashtamudi-offer-rate": (lambda: price_diff(MZ, "FT NCL/84", 1), lambda: price_diff(MZ, "FT NCL/84", 1, "123000.00")),
 "b63-mz-ashtamudi-swift-untraced": (None, lambda: open_bal(MZ, "FT NCL/102")),
 "b63-mz-mekong-same-lot": (lambda: inv_total(MZ, "FT NCL/95") if same_basis_duplicate(MZ, "FT NCL/95", "FT NCL/91") else Z, lambda: inv_total(MZ, "FT NCL/95")),
 "b63-mz-mekong-fumigation": (lambda: Z if line_supported(MZ, "FT NCL/99", 2) else line_gross(MZ, "FT NCL/99", 2), lambda: line_gross(MZ, "FT NCL/99", 2)),
 "b63-mz-polana-cancelled-po": (lambda: Z if po_defect(MZ, "FT NPL/419") else None, lambda: inv_total(MZ, "FT NPL/419")),
 "b63-mz-polana-crushed-cartons": (lambda: units_credit(MZ, "FT NPL/398", 1, delivered(MZ, "FT NPL/398", "RSK-250", "damagedQuantity")), lambda: units_credit(MZ, "FT NPL/398", 1, 14)),
 "b63-mz-polana-promo-price": (lambda: price_diff(MZ, "FT NPL/411", 1), lambda: price_diff(MZ, "FT NPL/411", 1, "4000.00")),
 "b63-mz-quirimbas-interest": (lambda: fee_not_owed(MZ, "FT NPL/372", TODAY[MZ]), lambda: fee(MZ, "FT NPL/372", "late_fee")),
 "b63-mz-quirimbas-short-cartons": (None, lambda: units_credit(MZ, "FT NPL/415", 1, 4)),
 "b63-mz-pcf-iva-exempt": (lambda: inv_tax(MZ, "FT NCL/78") if tax_exempt(MZ, "FT NCL/78") and every_line_taxed(MZ, "FT NCL/78") else None, lambda: inv_tax(MZ, "FT NCL/78")),
 "b63-mz-pcf-october-storage": (lambda: outside_contract(MZ, "FT NCL/103"), lambda: inv_total(MZ, "FT NCL/103")),
 "b63-mz-alqasr-puffed-tins": (lambda: units_credit(MZ, "FT NPL/405", 1, delivered(MZ, "FT NPL/405", "W320-CTN", "damagedQuantity")), lambda: units_credit(MZ, "FT NPL/405", 1, 9)),
 "b63-mz-mekong-truck-dates": (None, lambda: units_credit(MZ, "FT NCL/106", 1, 2)),
 "b63-mz-quirimbas-bci-transfer": (lambda: unapplied_payment(MZ, "FT NPL/428", "2026-11-27"), lambda: open_bal(MZ, "FT NPL/428")),
 # Hong Kong (HKD; USD 7.7800 / 7.8050, INR 0.0886 / 0.0879, LKR 0.0259 / 0.0262, no NPR rate)
 "b63-hk-shreeji-no-reports": (lambda: short(HK, "INV-000429", 1, logged(HK, "INV-000429", "DG-1CT")), lambda: units_credit(HK, "INV-000429", 1, 12)),
 "b63-hk-shreeji-laser-rate": (lambda: price_diff(HK, "INV-000398", 2), lambda: price_diff(HK, "INV-000398", 2, "12.00")),
 "b63-hk-shreeji-airport-runs": (lambda: Z if line_supported(HK, "INV-000441", 2) else line_gross(HK, "INV-000441", 2), lambda: line_gross(HK, "INV-000441", 2)),
 "b63-hk-ratanshi-swift-paid": (lambda: unapplied_payment(HK, "INV-000433", "2026-11-16"), lambda: open_bal(HK, "INV-000433")),
 "b63-hk-ratanshi-vault-twice": (lambda: inv_total(HK, "INV-000437") if same_basis_duplicate(HK, "INV-000437", "INV-000431") else Z, lambda: inv_total(HK, "INV-000437")),
 "b63-hk-ratnapura-glass-filled": (lambda: short(HK, "INV-000426", 1, logged(HK, "INV-000426", "CS-RPT")), lambda: units_credit(HK, "INV-000426", 1, 8)),
 "b63-hk-ratnapura-box-surrendered": (lambda: outside_contract(HK, "INV-000408"), lambda: inv_total(HK, "INV-000408")),
 "b63-hk-himalayan-grading-rate": (lambda: price_diff(HK, "INV-000417", 1), lambda: price_diff(HK, "INV-000417", 1)),
 "b63-hk-golden-phoenix-no-po": (lambda: Z if po_defect(HK, "INV-000448") else None, lambda: inv_total(HK, "INV-000448")),
 "b63-hk-golden-phoenix-waiting": (lambda: short(HK, "INV-000413", 1, logged(HK, "INV-000413", "VAULT-BOX")), lambda: inv_total(HK, "INV-000413")),
 "b63-hk-harbour-late-fee": (lambda: fee_not_owed(HK, "INV-000389", TODAY[HK]), lambda: fee(HK, "INV-000389", "late_fee")),
 "b63-hk-harbour-photo-sets": (lambda: short(HK, "INV-000421", 1, logged(HK, "INV-000421", "PHOTO")), lambda: units_credit(HK, "INV-000421", 1, 20)),
 "b63-hk-golden-phoenix-june-runs": (lambda: short(HK, "INV-000372", 1, logged(HK, "INV-000372", "COURIER")), lambda: units_credit(HK, "INV-000372", 1, 2)),
 "b63-hk-harbour-grading-rate": (lambda: price_diff(HK, "INV-000439", 1), lambda: price_diff(HK, "INV-000439", 1, "610.00")),
 "b63-hk-himalayan-ime-paid": (lambda: unapplied_payment(HK, "INV-000446", "2026-11-20"), lambda: open_bal(HK, "INV-000446")),
}
NEEDS_INFO = {
 "b63-sa-embassy-returned-pcs": lambda: not has_log(SA, "ACC-SINV-2026-00455", "AMC-DESK"),
 "b63-mz-ashtamudi-swift-untraced": lambda: nothing_could_be_theirs(MZ, "FT NCL/102", "2026-11-20", "SBININBB-ASH-2611"),
 "b63-mz-quirimbas-short-cartons": lambda: not has_delivery(MZ, "FT NPL/415", "CAJU-1KG"),
 "b63-mz-mekong-truck-dates": lambda: unserved_dates(MZ, "FT NCL/106", "TRUCK-NCL", ["2026-10-12", "2026-10-13"]) is None,
}
NO_INVOICE = {"b63-sa-unknown-switches": "ACC-SINV-2026-00461", "b63-hk-unknown-invoice": "INV-000452"}
NO_DISPUTE = {"b63-sa-periyar-billing-question", "b63-mz-alqasr-withdrawn"}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

NUM_RE = re.compile(r"\d[\d,.]*\d|\d")
def amounts_in(text):
    """Every number written in the text, read as English/Indian (1,23,500.00) and as Portuguese (1.334,00)."""
    out = set()
    for tok in NUM_RE.findall(text):
        for a, b in ((",", "."), (".", ",")):
            s = tok
            if a == "." and "," in tok: s = tok.replace(".", "").replace(",", ".")
            elif a == ",": s = tok.replace(",", "")
            try: out.add(D(s))
            except Exception: pass
        if "," not in tok and "." in tok:
            out.add(D(tok.replace(".", "")))        # Portuguese thousands dot without decimals: 11.600
    return out

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b63-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    text = "\n".join(c["turns"])
    if cid in NO_INVOICE:
        if not e.get("noResolution"): fail(f"{cid}: noResolution expected")
        if NO_INVOICE[cid] in nums or NO_INVOICE[cid] not in text: fail(f"{cid}: the unknown invoice is not what the turns name")
        if any(n in text for n in nums): fail(f"{cid}: names an existing invoice")
        if set(e) - {"noResolution", "mustNotHappen"}: fail(f"{cid}: unknown-invoice case checks more than no money moving")
        continue
    if cid in NO_DISPUTE:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a question / withdrawn claim checks only that no money moves")
        continue
    num = e.get("invoiceNumber")
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    # neverAsks: invoice only when turn 1 names it (full number or the part people write), reason only when stated in turn 1
    tail = num.split("-")[-1] if num.startswith(("ACC", "INV")) else num.split(" ")[1]
    named_first = num in c["turns"][0] or tail in c["turns"][0]
    if "invoice" in e.get("neverAsks", []) and not named_first: fail(f"{cid}: neverAsks invoice but turn 1 does not name {num}")
    if len(c["turns"]) == 2 and named_first and "invoice" not in e.get("neverAsks", []) and cid not in ("b63-mz-pcf-october-storage", "b63-hk-ratanshi-vault-twice"):
        fail(f"{cid}: turn 1 names the invoice but neverAsks lacks invoice")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.]+", m) and D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
        if not re.fullmatch(r"[\d.]+", m) and m != num: fail(f"{cid}: emailMentions {m} is not the invoice")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed out of range")
    if disputed not in amounts_in(text): fail(f"{cid}: disputed {disputed} is not written in the turns")
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
    if cl != "needs_info":
        act = e.get("action")
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"already_paid": "apply_payment"}.get(e["reasonCode"], "cancel_and_rebill" if defect else "credit_memo")
            if e["reasonCode"] == "tax_error" and every_line_taxed(lgn, num): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
    if esc != e.get("escalation"): fail(f"{cid}: escalation {e.get('escalation')} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]): fail(f"{cid}: legal escalation not expected in this batch")

# ---- routing table and tallies quoted in the README
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and (not e.get("stakeholders") or e["stakeholders"][0] != TEAM[e["reasonCode"]]):
        fail(f"{c['id']}: first stakeholder is not the routing table's {TEAM[e['reasonCode']]}")
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {sum(cnt.values())} cases {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "-")) for c in cases).items())))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
