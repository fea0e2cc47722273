#!/usr/bin/env python3
"""Batch-92 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-92/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # KGS, TJS, MNT, USD, RUB, CNY: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
KG, TJ, MN = "ak-jol-trans-kgs.ledger.json", "rangin-print-tjs.ledger.json", "orkhon-analytical-mnt.ledger.json"
TODAY = {KG: "2026-10-14", TJ: "2026-11-25", MN: "2026-12-09"}
if set(ledgers) != {KG, TJ, MN}: fail(f"ledger files: {sorted(ledgers)}")

def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur):
    return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else D("0")
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
NO_RATE = {"26AJ00388"}   # the RUB invoice: no RUB rate in the ledger, on purpose
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if lg["policy"]["escalationAmount"] != lg["policy"]["approvalLimits"]["lead"]: fail(f"{name}: lead limit differs from the escalation amount")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    for c in lg.get("contracts", []):
        if c["customerId"] not in custs: fail(f"{name} {c['id']}: unknown customer")
        for p in c["prices"]:
            if not decimals_ok(p["unitPrice"], c["currency"]): fail(f"{name} {c['id']}: price digits")
    for i in lg["invoices"]:
        cur = i["currency"]
        if i["issueDate"] > TODAY[name]: fail(f"{name} {i['number']}: issued after today")
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
            if not (c["startDate"] <= i["issueDate"] <= c.get("endDate", "9999-12-31")): fail(f"{name} {i['number']}: issued outside its contract")
        elif days(i["issueDate"], i["dueDate"]) not in (14, 15, 30): fail(f"{name} {i['number']}: odd terms without contract")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur}")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {i['number']}: meant to have no rate")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos:
            if pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
            if pos[po].get("currency", cur0) != cur: fail(f"{name} {i['number']}: PO in another currency")
            if pos[po]["issueDate"] > i["issueDate"]: fail(f"{name} {i['number']}: PO issued after the invoice")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("invoiceNumber") and not any(l["sku"] == d["sku"] for l in invoice(lg, d["invoiceNumber"])["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] not in custs: fail(f"{name} log {s['id']}: unknown customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("remittance"): fail(f"{name} payment {p['id']}: no remittance advice in this batch")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d["openedDate"] > TODAY[name]: fail(f"{name} past dispute {d['id']}: opened after today")

# ---- numbering: 26AJ00417 (year, company letters, 5-digit yearly sequence), RP-0283/26 (yearly sequence / year),
# 2026/EL/0731 (year / laboratory series / yearly sequence); sequences follow the issue dates.
SCHEMES = {KG: r"(\d{2})AJ(\d{5})", TJ: r"RP-(\d{4})/(\d{2})", MN: r"(\d{4})/EL/(\d{4})"}
for name, pat in SCHEMES.items():
    seq = []
    for i in ledgers[name]["invoices"]:
        m = re.fullmatch(pat, i["number"])
        if not m: fail(f"{name} {i['number']}: numbering"); continue
        yr = {KG: m.group(1), TJ: m.group(2), MN: m.group(1)[2:]}[name]
        if yr != i["issueDate"][2:4]: fail(f"{name} {i['number']}: year in the number is not the issue year")
        seq.append((int({KG: m.group(2), TJ: m.group(1), MN: m.group(2)}[name]), i["issueDate"], i["number"]))
    seq.sort()
    if any(a[1] > b[1] for a, b in zip(seq, seq[1:])): fail(f"{name}: sequence out of date order")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_of(lgn, num):
    i = I(lgn, num); return next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
def po_price(lgn, num, sku):
    po = po_of(lgn, num); return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or the customer's) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    p = price or agreed(lgn, num, l["sku"])
    return None if p is None else max(gross(l, cur) - gross(l, cur, price=p), D("0"))
def units_credit(lgn, num, n, units):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku):
    return sum(D(str(d["quantity"])) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(D(str(line(I(lgn, num), n)["quantity"])) - counted, D("0")))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

def late_fee_allowed(lgn, num, today):
    """None without a clause; none when the principal was paid by due + grace; else percentPerMonth of the
    principal unpaid at the end of grace, per started 30-day month from the due date to settlement (or today)."""
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
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * (-(-late // 30))
def fee_not_owed(lgn, num, today):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)

def unapplied_payment(lgn, num, when, ref):
    """The customer's unapplied payment on the quoted date with the quoted reference, up to the open balance."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when and ref in p.get("reference", "")]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num)) if ps else None

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"] or a["issueDate"] < b["issueDate"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    i = I(lgn, num); l = line(i, n); po = po_of(lgn, num)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def line_supported(lgn, num, n):
    """A charged line is owed when its PO lists it, the contract prices it, or a delivery / service log covers its SKU."""
    i = I(lgn, num); l = line(i, n); lg = ledgers[lgn]
    return (po_line_supports(lgn, num, n) or contract_price(lgn, num, l["sku"]) is not None
            or any(d.get("invoiceNumber") == num and d["sku"] == l["sku"] for d in lg.get("deliveries", []))
            or any(s.get("invoiceNumber") == num and s["sku"] == l["sku"] for s in lg.get("serviceLogs", [])))
def fee_named(lgn, num, t, words):
    """A fee is owed when the contract's notes name it (by `words`) or a line of the invoice's PO describes it at that amount."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    in_notes = bool(c and words.lower() in c.get("notes", "").lower())
    po = po_of(lgn, num)
    on_po = bool(po) and any(words.lower() in l.get("description", "").lower() and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]) for l in po["lines"])
    return in_notes or on_po
def fee_unjudgeable(lgn, num): i = I(lgn, num); return not i.get("contractId") and not i.get("poNumber")
def no_price_document(lgn, num, n): i = I(lgn, num); return agreed(lgn, num, line(i, n)["sku"]) is None

Z = D("0")
R = {
 # Ak-Jol Trans (KGS; USD at 87.4500 / 87.3000; RUB without a rate)
 "b92-kg-sulaiman-fuel-tender-figure": (lambda: price_diff(KG, "26AJ00413", 2), lambda: price_diff(KG, "26AJ00413", 2, "3400.00")),
 "b92-kg-sulaiman-linehaul-wrong-number": (lambda: price_diff(KG, "26AJ00409", 1) if price_diff(KG, "26AJ00398", 1) == 0 else None, lambda: price_diff(KG, "26AJ00409", 1)),
 "b92-kg-sulaiman-waiting-old-rate": (lambda: price_diff(KG, "26AJ00371", 3), lambda: price_diff(KG, "26AJ00371", 3, "600.00")),
 "b92-kg-sulaiman-no-po": (lambda: Z if po_defect(KG, "26AJ00411") else None, lambda: inv_total(KG, "26AJ00411")),
 "b92-kg-ozgon-groupage-tier-b": (lambda: price_diff(KG, "26AJ00383", 1), lambda: price_diff(KG, "26AJ00383", 1)),
 "b92-kg-ozgon-tier-c-followup": (lambda: price_diff(KG, "26AJ00366", 1), lambda: price_diff(KG, "26AJ00366", 1, "3000.00")),
 "b92-kg-ozgon-handling-rate": (lambda: price_diff(KG, "26AJ00414", 2), lambda: price_diff(KG, "26AJ00414", 2, "180.00")),
 "b92-kg-ozgon-express-line": (lambda: Z if po_line_supports(KG, "26AJ00403", 2) else line_gross(KG, "26AJ00403", 2), lambda: line_gross(KG, "26AJ00403", 2)),
 "b92-kg-kashgar-fuel-fee": (lambda: Z if fee_named(KG, "26AJ00405", "other", "fuel") else fee(KG, "26AJ00405", "other"), lambda: fee(KG, "26AJ00405", "other")),
 "b92-kg-kashgar-transload-turn2": (lambda: price_diff(KG, "26AJ00379", 1), lambda: price_diff(KG, "26AJ00379", 1)),
 "b92-kg-kashgar-declaration-quote": (lambda: price_diff(KG, "26AJ00405", 2), lambda: price_diff(KG, "26AJ00405", 2, "33.00")),
 "b92-kg-kashgar-q3-amount-fixed": (lambda: price_diff(KG, "26AJ00397", 1), lambda: price_diff(KG, "26AJ00397", 1)),
 "b92-kg-sibir-reefer-rub": (lambda: price_diff(KG, "26AJ00388", 1), lambda: price_diff(KG, "26AJ00388", 1)),
 "b92-kg-aktilek-phone-quote": (None, lambda: price_diff(KG, "26AJ00358", 1, "2900.00")),
 "b92-kg-aktilek-po-rate": (lambda: price_diff(KG, "26AJ00392", 1), lambda: price_diff(KG, "26AJ00392", 1)),
 "b92-kg-ozgon-weighbridge": (lambda: short(KG, "26AJ00403", 1, delivered(KG, "26AJ00403", "GRP-T")), lambda: units_credit(KG, "26AJ00403", 1, "0.55")),
 # Rangin Print (TJS; USD at 9.4200 / 9.3800)
 "b92-tj-khatlon-2027-price-early": (lambda: price_diff(TJ, "RP-0281/26", 1), lambda: price_diff(TJ, "RP-0281/26", 1)),
 "b92-tj-khatlon-rush-fee": (lambda: Z if fee_named(TJ, "RP-0292/26", "service_fee", "rush") else fee(TJ, "RP-0292/26", "service_fee"), lambda: fee(TJ, "RP-0292/26", "service_fee")),
 "b92-tj-khatlon-bokhtar-delivery-turn2": (lambda: price_diff(TJ, "RP-0253/26", 2), lambda: price_diff(TJ, "RP-0253/26", 2)),
 "b92-tj-varzob-label-rate": (lambda: price_diff(TJ, "RP-0270/26", 1), lambda: price_diff(TJ, "RP-0270/26", 1)),
 "b92-tj-varzob-promised-discount": (lambda: price_diff(TJ, "RP-0287/26", 1), lambda: price_diff(TJ, "RP-0287/26", 1, str(D(line(I(TJ, "RP-0287/26"), 1)["unitPrice"]) * D("0.95")))),
 "b92-tj-varzob-plates-twice": (lambda: inv_total(TJ, "RP-0264/26") if same_basis_duplicate(TJ, "RP-0264/26", "RP-0260/26") else Z, lambda: inv_total(TJ, "RP-0264/26")),
 "b92-tj-pamir-carton-offer": (lambda: price_diff(TJ, "RP-0247/26", 1), lambda: price_diff(TJ, "RP-0247/26", 1, "400.00")),
 "b92-tj-pamir-foil-2025-quote": (lambda: price_diff(TJ, "RP-0274/26", 2), lambda: price_diff(TJ, "RP-0274/26", 2, "9.00")),
 "b92-tj-pamir-paid-swift": (lambda: unapplied_payment(TJ, "RP-0231/26", "2026-11-04", "AMNBTJ22-0411-PDFE"), lambda: open_bal(TJ, "RP-0231/26")),
 "b92-tj-nur-vat-exempt": (lambda: inv_tax(TJ, "RP-0257/26") if tax_exempt(TJ, "RP-0257/26") else Z, lambda: inv_tax(TJ, "RP-0257/26")),
 "b92-tj-nur-leaflets-turn2": (lambda: price_diff(TJ, "RP-0285/26", 1), lambda: price_diff(TJ, "RP-0285/26", 1)),
 "b92-tj-shirin-box-price": (lambda: price_diff(TJ, "RP-0249/26", 1), lambda: price_diff(TJ, "RP-0249/26", 1)),
 "b92-tj-shirin-die-form": (lambda: Z if line_supported(TJ, "RP-0279/26", 2) else line_gross(TJ, "RP-0279/26", 2), lambda: line_gross(TJ, "RP-0279/26", 2)),
 "b92-tj-shirin-foil-po": (lambda: price_diff(TJ, "RP-0296/26", 2) if contract_price(TJ, "RP-0296/26", "FOIL") is None else None, lambda: price_diff(TJ, "RP-0296/26", 2)),
 "b92-tj-sitora-quote-no-po": (None, lambda: price_diff(TJ, "RP-0192/26", 1, "160.00")),
 "b92-tj-sitora-after-po-discount": (lambda: price_diff(TJ, "RP-0265/26", 1), lambda: price_diff(TJ, "RP-0265/26", 1, "150.00")),
 # Orkhon Analytical (MNT; USD at 3,575.0000 / 3,562.5000; CNY at 497.8000 / 495.2000)
 "b92-mn-bayanondor-icp-rate": (lambda: price_diff(MN, "2026/EL/0755", 2), lambda: price_diff(MN, "2026/EL/0755", 2)),
 "b92-mn-bayanondor-rush-amount-turn2": (lambda: price_diff(MN, "2026/EL/0769", 3), lambda: price_diff(MN, "2026/EL/0769", 3)),
 "b92-mn-bayanondor-prep-volume-tier": (lambda: price_diff(MN, "2026/EL/0721", 1), lambda: price_diff(MN, "2026/EL/0721", 1, "16000.00")),
 "b92-mn-bayanondor-pickup-twice": (lambda: inv_total(MN, "2026/EL/0737") if same_basis_duplicate(MN, "2026/EL/0737", "2026/EL/0726") else Z, lambda: inv_total(MN, "2026/EL/0737")),
 "b92-mn-khankhukhii-fire-assay-rate": (lambda: price_diff(MN, "2026/EL/0703", 2), lambda: price_diff(MN, "2026/EL/0703", 2)),
 "b92-mn-khankhukhii-rush-on-their-po": (lambda: Z if po_line_supports(MN, "2026/EL/0751", 2) else line_gross(MN, "2026/EL/0751", 2), lambda: line_gross(MN, "2026/EL/0751", 2)),
 "b92-mn-khankhukhii-2025-list-corrected": (lambda: price_diff(MN, "2026/EL/0764", 1), lambda: price_diff(MN, "2026/EL/0764", 1, "14.80")),
 "b92-mn-bulgan-small-batch-fee": (lambda: Z if fee_named(MN, "2026/EL/0740", "service_fee", "small-batch fee") else fee(MN, "2026/EL/0740", "service_fee"), lambda: fee(MN, "2026/EL/0740", "service_fee")),
 "b92-mn-bulgan-metals-rate": (lambda: price_diff(MN, "2026/EL/0689", 1), lambda: price_diff(MN, "2026/EL/0689", 1)),
 "b92-mn-bulgan-basic-last-year": (lambda: price_diff(MN, "2026/EL/0766", 1), lambda: price_diff(MN, "2026/EL/0766", 1, "88000.00")),
 "b92-mn-zhongtie-proctor-cny": (lambda: price_diff(MN, "2026/EL/0697", 1), lambda: price_diff(MN, "2026/EL/0697", 1, "540.00")),
 "b92-mn-zhongtie-late-charge-grace": (lambda: fee_not_owed(MN, "2026/EL/0655", TODAY[MN]), lambda: fee(MN, "2026/EL/0655", "late_fee")),
 "b92-mn-selenge-po-price": (lambda: price_diff(MN, "2026/EL/0728", 2) if contract_of(ledgers[MN], I(MN, "2026/EL/0728")) is None else None, lambda: price_diff(MN, "2026/EL/0728", 2)),
 "b92-mn-selenge-fuel-fee-no-contract": (None, lambda: fee(MN, "2026/EL/0760", "other")),
}
NEEDS_INFO = {
 "b92-kg-aktilek-phone-quote": lambda: no_price_document(KG, "26AJ00358", 1),
 "b92-tj-sitora-quote-no-po": lambda: no_price_document(TJ, "RP-0192/26", 1),
 "b92-mn-selenge-fuel-fee-no-contract": lambda: fee_unjudgeable(MN, "2026/EL/0760"),
}
# the 2027 prices exist but are not yet in force on the invoice date
if not (contract_price(TJ, "RP-0281/26", "BOX-OIL1L") != line(I(TJ, "RP-0281/26"), 1)["unitPrice"]
        and any(c["startDate"] > I(TJ, "RP-0281/26")["issueDate"] and any(p["sku"] == "BOX-OIL1L" and p["unitPrice"] == line(I(TJ, "RP-0281/26"), 1)["unitPrice"] for p in c["prices"]) for c in ledgers[TJ]["contracts"])):
    fail("b92-tj-khatlon-2027-price-early: the billed price should be the future contract's")
# withdrawn claim: the log holds the billed count anyway
if line(I(MN, "2026/EL/0775"), 1)["quantity"] != sum(s["quantity"] for s in ledgers[MN]["serviceLogs"] if s.get("invoiceNumber") == "2026/EL/0775" and s["sku"] == "PREP-RC"):
    fail("b92-mn-khankhukhii-withdrawn: prep count differs from the log")

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}
def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

# amounts as people write them: 16 128,00 / 10,000.00 / 1,056,000₮ / ¥2,200.00 / USD 48.00
def amounts_in(text):
    out = set()
    for m in re.finditer(r"\d[\d ,.]*\d|\d", text.replace("\u00a0", " ")):
        s = m.group(0).strip()
        for cand in (s, s.replace(" ", "")):
            t = cand.replace(" ", "")
            if re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?", t): out.add(D(t.replace(",", "")))
            elif re.fullmatch(r"\d+(\.\d+)?", t): out.add(D(t))
            elif re.fullmatch(r"\d{1,3}( ?\d{3})*,\d{2}", cand): out.add(D(cand.replace(" ", "").replace(",", ".")))
    return out
STATED_ELSEWHERE = {"b92-kg-sulaiman-no-po", "b92-tj-varzob-plates-twice"}   # disputed = the whole invoice (rejected by AP / to be cancelled)

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b92-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    if "invoice" in e.get("neverAsks", []) and not any(n in first for n in nums): fail(f"{cid}: neverAsks invoice but turn 1 names no invoice")
    if "invoice" not in e.get("neverAsks", []) and e.get("invoiceNumber") and e["invoiceNumber"] in first: fail(f"{cid}: turn 1 names the invoice, neverAsks should say so")
    for m in e.get("emailMentions", []):
        is_amount = re.fullmatch(r"\d[\d,]*\.\d+", m) is not None
        if is_amount and D(m.replace(",", "")) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
        if not is_amount and m not in nums and m not in {p["number"] for p in lg.get("purchaseOrders", [])}: fail(f"{cid}: email mention {m} is neither an invoice nor a PO")
        if m in {p["number"] for p in lg.get("purchaseOrders", [])} and e.get("invoiceNumber") and I(lgn, e["invoiceNumber"]).get("poNumber") != m \
           and not (e.get("reasonCode") == "missing_po" and next(p for p in lg["purchaseOrders"] if p["number"] == m)["customerId"] == e.get("customerId")):
            fail(f"{cid}: PO {m} is neither the invoice's nor the one the customer gives for a missing PO")
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        if set(e) != {"noResolution", "mustNotHappen"}: fail(f"{cid}: noResolution with other checks")
        continue
    if "invoiceNumber" not in e:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: no invoice but other checks")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if num not in c["turns"][-1] and num not in first: fail(f"{cid}: the invoice is never named")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    if "disputedAmount" in e and cid not in STATED_ELSEWHERE and D(e["disputedAmount"]) not in amounts_in(" ".join(c["turns"])):
        fail(f"{cid}: disputed {e['disputedAmount']} is not stated in the turns")
    if e.get("reasonCode") and e.get("stakeholders", [None])[0] != TEAM[e["reasonCode"]]:
        fail(f"{cid}: first stakeholder {e.get('stakeholders')} is not the routing table's {TEAM[e['reasonCode']]}")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed out of range")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no evidence"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    elif cl != "needs_info": fail(f"{cid}: no supported recipe")
    act = e.get("action")
    if cl != "needs_info":
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act not in ({"credit_memo"} if cl == "partial" else {"no_adjustment"}): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "tax_error": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
    if supported is not None and act == "credit_memo":
        credit = to_company(lgn, num, supported)
        if credit is None or credit > D(pol["approvalLimits"]["lead"]): esc = True
    if esc != e.get("escalation"): fail(f"{cid}: escalation {e.get('escalation')} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
        fail(f"{cid}: legal escalation expected")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")), " turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
