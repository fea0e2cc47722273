#!/usr/bin/env python3
"""Batch-81 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once). A price difference is computed two ways (difference of the
line's gross amounts, and (billed - agreed) x quantity with the line's tax rounded once) and both must
agree to the cent. Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-81/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KMF": 0}   # LSL, ZAR, USD, EUR, MUR: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
Z = D("0")

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
LS, RE_, YT = "thaba-putsoa-plant-lsl.ledger.json", "piton-reseaux-eur.ledger.json", "carrieres-kaweni-eur.ledger.json"
TODAY = {LS: "2026-11-18", RE_: "2026-12-09", YT: "2026-11-25"}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur): return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else Z
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), Z)
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), Z)
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), Z)
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

# ---- ledgers: totals, statuses, references, terms, minor digits
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
        terms = c["paymentTermsDays"] if c else 30   # no contract on file: the company's standard 30 days
        if days(i["issueDate"], i["dueDate"]) != terms: fail(f"{name} {i['number']}: due date not on terms ({terms} d)")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if i["number"] != "F974-26-00352" and not (c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")):
                fail(f"{name} {i['number']}: billed outside its contract (only F974-26-00352 is meant to be)")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur}")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if cur == cur0 or cur in ("ZAR",):
            pass
        exempt = next(x for x in lg["customers"] if x["id"] == i["customerId"]).get("taxExempt")
        if exempt and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "TP26/K/0431":
            fail(f"{name} {i['number']}: an exempt customer taxed (only TP26/K/0431 is meant to be)")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] not in custs: fail(f"{name} log {s['id']}: unknown customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if "invoiceNumber" in d: fail(f"{name} past dispute {d['id']}: carries an invoice number")
        if d["openedDate"] > TODAY[name]: fail(f"{name} past dispute {d['id']}: opened after today")

# ---- numbering: TP26/<depot>/NNNN (K = Mokhotlong, M = Maseru, one shared yearly sequence),
# F974-26-NNNNN (one yearly sequence), NNNN-CTK-26 (one yearly sequence); all in issue-date order.
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
PAT = {LS: (r"TP26/[KM]/(\d{4})", 1), RE_: (r"F974-26-(\d{5})", 1), YT: (r"(\d{4})-CTK-26", 1)}
for lgn, (pat, g) in PAT.items():
    invs = ledgers[lgn]["invoices"]
    for i in invs:
        if not re.fullmatch(pat, i["number"]): fail(f"{i['number']}: not the {lgn} numbering")
        if not i["issueDate"].startswith("2026"): fail(f"{i['number']}: not issued in 2026")
    if not seq_ok(invs, lambda i: int(re.fullmatch(pat, i["number"]).group(g))): fail(f"{lgn}: sequence out of date order")
KHD_PSC = {"LS-KHD", "LS-PSC"}   # Mokhotlong depot serves the mine and the dam consortium
for i in ledgers[LS]["invoices"]:
    if (i["number"][5] == "K") != (i["customerId"] in KHD_PSC): fail(f"{i['number']}: depot letter")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def the_po(lgn, num):
    i = I(lgn, num); return next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
def po_price(lgn, num, sku):
    po = the_po(lgn, num); return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku):
    """DOMAIN: the contract price for the SKU, else the PO price; None when neither exists (needs_info)."""
    return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):
    """Billed gross minus gross at the agreed (or claimed) price; cross-checked against (billed - agreed) x qty + its tax."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    p = price or agreed(lgn, num, l["sku"])
    if p is None: return None
    a = max(gross(l, cur) - gross(l, cur, price=p), Z)
    dn = r((D(l["unitPrice"]) - D(p)) * D(str(l["quantity"])), cur)
    b = max(dn + tax(l, dn, cur), Z)
    if a != b: fail(f"{num} line {n} at {p}: gross difference {a} != credit-line arithmetic {b}")
    return a
def units_credit(lgn, num, n, units):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    a = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    dn = r(D(l["unitPrice"]) * D(str(units)), cur); b = dn + tax(l, dn, cur)
    if a != b: fail(f"{num} line {n}, {units} units: gross difference {a} != credit-line arithmetic {b}")
    return a
def delivered(lgn, num, sku):
    return sum((D(str(d["quantity"])) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku), Z)
def logged(lgn, num, sku):
    return sum((D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered"), Z)
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - counted, Z))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), Z)
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), Z)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)
def tax_exempt(lgn, num): return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == I(lgn, num)["customerId"]).get("taxExempt"))
def every_line_taxed(lgn, num): return all(l.get("taxRate") for l in I(lgn, num)["lines"])

def late_fee_allowed(lgn, num, today):
    """Contract clause, grace days, actual payment date: none without a clause or when the principal was paid
    by due + grace; else percentPerMonth of the principal unpaid at the end of grace, per started 30-day month
    from the due date to the settling payment (or today)."""
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

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if (a.get("poNumber") or None) != (b.get("poNumber") or None): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"

def charge_supported(lgn, num, n):
    """A charged line is owed when its PO lists the SKU at that price, or the contract prices it at that price."""
    i = I(lgn, num); l = line(i, n)
    return contract_price(lgn, num, l["sku"]) == l["unitPrice"] or po_price(lgn, num, l["sku"]) == l["unitPrice"]

def unanswerable_price(lgn, num, n):
    """needs_info: no contract and no PO price for the line's SKU."""
    i = I(lgn, num); return agreed(lgn, num, line(i, n)["sku"]) is None

S = lambda x: (lambda: D(x))   # the customer's own figure, checked against the claim's recipe below
R = {
 # Lesotho (LSL; ZAR at par, USD 17.9200 from 2026-07-01, 17.4500 from 2026-10-01)
 "b81-ls-kolo-june-hours-year2-rate": (lambda: price_diff(LS, "TP26/K/0287", 1), lambda: price_diff(LS, "TP26/K/0287", 1, "1060.00")),
 "b81-ls-kolo-grader-last-years-card": (lambda: price_diff(LS, "TP26/K/0361", 1), lambda: price_diff(LS, "TP26/K/0361", 1, "1240.00")),
 "b81-ls-kolo-bowser-six-days": (lambda: short(LS, "TP26/K/0361", 2, logged(LS, "TP26/K/0361", "BOWSER")), lambda: units_credit(LS, "TP26/K/0361", 2, 6)),
 "b81-ls-kolo-lowbed-km-invoice-later": (lambda: price_diff(LS, "TP26/K/0394", 1), lambda: price_diff(LS, "TP26/K/0394", 1, "55.12")),
 "b81-ls-mohale-tender-stone-rate": (lambda: price_diff(LS, "TP26/M/0379", 1), lambda: price_diff(LS, "TP26/M/0379", 1, "286.00")),
 "b81-ls-mohale-g5-weighbridge-whatsapp": (lambda: short(LS, "TP26/M/0404", 2, delivered(LS, "TP26/M/0404", "CRUSH-G5")), lambda: short(LS, "TP26/M/0404", 2, D("229.80"))),
 "b81-ls-mohale-haul-quote-amount-fixed": (lambda: price_diff(LS, "TP26/M/0421", 1), lambda: price_diff(LS, "TP26/M/0421", 1, "80.00")),
 "b81-ls-ladybrand-rate-per-ton": (lambda: price_diff(LS, "TP26/M/0388", 1), lambda: price_diff(LS, "TP26/M/0388", 1, "112.40")),
 "b81-ls-ladybrand-waiting-time": (lambda: Z if charge_supported(LS, "TP26/M/0388", 3) else line_gross(LS, "TP26/M/0388", 3), lambda: line_gross(LS, "TP26/M/0388", 3)),
 "b81-ls-ladybrand-paid-20-october": (lambda: unapplied_payment(LS, "TP26/M/0356", "2026-10-20"), lambda: open_bal(LS, "TP26/M/0356")),
 "b81-ls-hafoso-cash-discount-promise": (lambda: price_diff(LS, "TP26/M/0401", 1), lambda: r(line_gross(LS, "TP26/M/0401", 1) / 10, "LSL")),
 "b81-ls-hafoso-phone-quote-no-po": (None, lambda: price_diff(LS, "TP26/M/0417", 1, "280.00")),
 "b81-ls-hafoso-order-at-295": (lambda: price_diff(LS, "TP26/M/0440", 1), lambda: price_diff(LS, "TP26/M/0440", 1, "295.00")),
 "b81-ls-polihali-vat-exempt": (lambda: inv_tax(LS, "TP26/K/0431") if tax_exempt(LS, "TP26/K/0431") else Z, lambda: inv_tax(LS, "TP26/K/0431")),
 "b81-ls-polihali-km-rate-then-question": (lambda: price_diff(LS, "TP26/K/0395", 2), lambda: price_diff(LS, "TP26/K/0395", 2, "0.41")),
 "b81-ls-polihali-overtime-kickoff-rate": (lambda: price_diff(LS, "TP26/K/0395", 3), lambda: price_diff(LS, "TP26/K/0395", 3, "8.00")),
 # Réunion (EUR, TVA 8.5 %; MUR 0.0196 from 2026-07-01, 0.0193 from 2026-10-01)
 "b81-re-filaos-seat-tier2": (lambda: price_diff(RE_, "F974-26-00319", 1), lambda: price_diff(RE_, "F974-26-00319", 1, "18.40")),
 "b81-re-filaos-technician-rate-58": (lambda: price_diff(RE_, "F974-26-00309", 1), lambda: price_diff(RE_, "F974-26-00309", 1, "58.00")),
 "b81-re-filaos-helpdesk-too-slow": (lambda: short(RE_, "F974-26-00281", 2, logged(RE_, "F974-26-00281", "HDESK")), lambda: line_gross(RE_, "F974-26-00281", 2)),
 "b81-re-filaos-late-penalty-paid-on-time": (lambda: fee_not_owed(RE_, "F974-26-00253", TODAY[RE_]), lambda: fee(RE_, "F974-26-00253", "late_fee")),
 "b81-re-sies-cabling-bpu-price": (lambda: price_diff(RE_, "F974-26-00214", 1), lambda: price_diff(RE_, "F974-26-00214", 1, "118.00")),
 "b81-re-sies-no-bon-de-commande": (lambda: Z if po_defect(RE_, "F974-26-00241") else None, lambda: inv_total(RE_, "F974-26-00241")),
 "b81-re-sies-marche-expired": (lambda: outside_contract(RE_, "F974-26-00352"), lambda: inv_total(RE_, "F974-26-00352")),
 "b81-re-maillot-salesman-hourly-rate": (None, lambda: price_diff(RE_, "F974-26-00291", 1, "58.00")),
 "b81-re-maillot-po-rate-then-approval": (lambda: price_diff(RE_, "F974-26-00325", 1), lambda: price_diff(RE_, "F974-26-00325", 1, "60.00")),
 "b81-re-maillot-km-old-devis": (lambda: price_diff(RE_, "F974-26-00341", 1), lambda: price_diff(RE_, "F974-26-00341", 1, "0.40")),
 "b81-re-mascareignes-seat-price-mur": (lambda: price_diff(RE_, "F974-26-00286", 1), lambda: price_diff(RE_, "F974-26-00286", 1, "1040.00")),
 "b81-re-mascareignes-helpdesk-proposal": (lambda: price_diff(RE_, "F974-26-00323", 2), lambda: price_diff(RE_, "F974-26-00323", 2, "650.00")),
 "b81-re-ylang-200-seat-tier": (lambda: price_diff(RE_, "F974-26-00318", 1), lambda: price_diff(RE_, "F974-26-00318", 1, "16.90")),
 "b81-re-ylang-november-billed-twice": (lambda: inv_total(RE_, "F974-26-00327") if same_basis_duplicate(RE_, "F974-26-00327", "F974-26-00318") else Z, lambda: inv_total(RE_, "F974-26-00327")),
 "b81-re-techer-august-wrong-number": (lambda: price_diff(RE_, "F974-26-00252", 1), lambda: price_diff(RE_, "F974-26-00252", 1, "13.00")),
 "b81-re-techer-syntec-2-1-percent": (lambda: price_diff(RE_, "F974-26-00279", 1), lambda: price_diff(RE_, "F974-26-00279", 1, "13.27")),
 # Mayotte (EUR, no VAT; KMF 0.0020327, 0 minor digits)
 "b81-yt-bmh-concrete-marche-price": (lambda: price_diff(YT, "1117-CTK-26", 1), lambda: price_diff(YT, "1117-CTK-26", 1, "182.00")),
 "b81-yt-bmh-gravel-volume-price-typo": (lambda: price_diff(YT, "1137-CTK-26", 1), lambda: price_diff(YT, "1137-CTK-26", 1, "58.00")),
 "b81-yt-bmh-sand-site-tickets": (lambda: short(YT, "1158-CTK-26", 1, delivered(YT, "1158-CTK-26", "SABLE-0-4")), lambda: short(YT, "1158-CTK-26", 1, D("92.15"))),
 "b81-yt-omh-concrete-accord-cadre": (lambda: price_diff(YT, "1088-CTK-26", 1), lambda: price_diff(YT, "1088-CTK-26", 1, "176.00")),
 "b81-yt-omh-invoice-without-bc": (lambda: Z if po_defect(YT, "1126-CTK-26") else None, lambda: inv_total(YT, "1126-CTK-26")),
 "b81-yt-omh-crane-eleven-hours": (lambda: short(YT, "1149-CTK-26", 1, logged(YT, "1149-CTK-26", "GRUE-H")), lambda: units_credit(YT, "1149-CTK-26", 1, 3)),
 "b81-yt-omh-price-on-their-bc": (lambda: price_diff(YT, "1105-CTK-26", 1), lambda: price_diff(YT, "1105-CTK-26", 1, po_price(YT, "1105-CTK-26", "TV-0-31"))),
 "b81-yt-longoni-whatsapp-quote": (None, lambda: price_diff(YT, "1124-CTK-26", 1, "60.00")),
 "b81-yt-longoni-crane-driver-said-100": (lambda: price_diff(YT, "1163-CTK-26", 1), lambda: price_diff(YT, "1163-CTK-26", 1, "100.00")),
 "b81-yt-longoni-cheque-to-driver": (lambda: unapplied_payment(YT, "1096-CTK-26", "2026-10-20"), lambda: open_bal(YT, "1096-CTK-26")),
 "b81-yt-saidahmed-gravel-kmf": (lambda: price_diff(YT, "1072-CTK-26", 1), lambda: price_diff(YT, "1072-CTK-26", 1, "31000")),
 "b81-yt-saidahmed-port-loading": (lambda: Z if charge_supported(YT, "1133-CTK-26", 3) else line_gross(YT, "1133-CTK-26", 3), lambda: line_gross(YT, "1133-CTK-26", 3)),
 "b81-yt-saidahmed-sand-port-price": (lambda: price_diff(YT, "1133-CTK-26", 1), lambda: price_diff(YT, "1133-CTK-26", 1, "27000")),
 "b81-yt-tpt-barge-rate-invoice-later": (lambda: price_diff(YT, "1146-CTK-26", 1), lambda: price_diff(YT, "1146-CTK-26", 1, "19.50")),
 "b81-yt-tpt-penalty-one-month": (lambda: fee_not_owed(YT, "1042-CTK-26", TODAY[YT]), lambda: fee(YT, "1042-CTK-26", "late_fee")),
}
NEEDS_INFO = {
 "b81-ls-hafoso-phone-quote-no-po": lambda: unanswerable_price(LS, "TP26/M/0417", 1),
 "b81-re-maillot-salesman-hourly-rate": lambda: unanswerable_price(RE_, "F974-26-00291", 1),
 "b81-yt-longoni-whatsapp-quote": lambda: unanswerable_price(YT, "1124-CTK-26", 1),
}
CANCEL_REBILL_OK = {   # the defect that makes the invoice document itself wrong
 "b81-ls-polihali-vat-exempt": lambda: tax_exempt(LS, "TP26/K/0431") and every_line_taxed(LS, "TP26/K/0431"),
 "b81-re-sies-no-bon-de-commande": lambda: po_defect(RE_, "F974-26-00241"),
 "b81-yt-omh-invoice-without-bc": lambda: po_defect(YT, "1126-CTK-26"),
}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None


def amounts_in(text):
    """Every amount written in the turns, whatever the separators: 1 054,62 / 1,329.21 / 13 604.04 / 240 000 / 5,880."""
    out = set()
    for tok in re.findall(r"\d{1,3}(?:[\u00a0\u202f ,.]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)", text):
        t = re.sub(r"[\u00a0\u202f ]", "", tok)
        m = re.fullmatch(r"(.*?)[.,](\d{1,2})", t)
        whole, frac = (m.group(1), m.group(2)) if m else (t, "")
        whole = re.sub(r"[.,]", "", whole)
        if whole.isdigit(): out.add(D(whole + ("." + frac if frac else "")))
    return out

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
ADMIN_DEFECT = {"missing_po", "tax_error"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b81-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']} is not the ledger's {TODAY[lgn]}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if e.get("noResolution"):
        named = re.findall(r"F974-26-\d{5}|TP26/[KM]/\d{4}|\d{4}-CTK-26", " ".join(c["turns"]))
        if not named or any(n in nums for n in named): fail(f"{cid}: noResolution but names {named}")
        continue
    if "invoiceNumber" not in e:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a case without an invoice should check only mustNotHappen")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    first = c["turns"][0]
    short_form = {"TP26/M/0404": "0404", "1158-CTK-26": "1158"}.get(num)
    in_first = num in first or (short_form is not None and short_form in first)
    if ("invoice" in e.get("neverAsks", [])) != in_first: fail(f"{cid}: neverAsks invoice vs the first turn")
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.]+", m):
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")): fail(f"{cid}: email amount {m} is neither disputed nor supported")
            if e.get("disputedAmount") != e.get("supportedAmount"): fail(f"{cid}: an amount in the email where disputed and supported differ")
        elif m not in " ".join(c["turns"]) and m != num: fail(f"{cid}: email mention {m} not from the turns")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if D(e["disputedAmount"]) > inv_total(lgn, num) or D(e["disputedAmount"]) <= 0: fail(f"{cid}: disputed outside (0, total]")
    if D(e["disputedAmount"]) not in amounts_in(" ".join(c["turns"])) and e["reasonCode"] not in ("missing_po", "duplicate_billing", "already_paid"):
        fail(f"{cid}: disputed {e['disputedAmount']} is not stated in the turns")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    elif sup_fn is None: fail(f"{cid}: no supported recipe")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    act = e.get("action")
    if act == "cancel_and_rebill" and not CANCEL_REBILL_OK.get(cid, lambda: False)(): fail(f"{cid}: cancel and re-bill without a document defect")
    if cl and cl != "needs_info":
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed < D(lg["policy"]["writeOffBelow"])
            want = "write_off" if wo else ("credit_memo" if cl == "partial" else "no_adjustment")
            if act != want: fail(f"{cid}: action {act}, rules give {want} (owed {disputed - supported} {cur} = {owed} {home(lg)})")
        if cl == "valid":
            want = {"already_paid": "apply_payment"}.get(e["reasonCode"], "cancel_and_rebill" if defect else "credit_memo")
            if act != want: fail(f"{cid}: valid with {act}, expected {want}")
        if act == "credit_memo" and to_company(lgn, num, supported) > D(lg["policy"]["approvalLimits"]["lead"]): fail(f"{cid}: credit above the lead's limit")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    esc = (conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
    if not esc and days(inv_["dueDate"], c["today"]) > pol["escalationDaysPastDue"]: fail(f"{cid}: a paid invoice more than 90 days past its due date would make escalation ambiguous")
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if e.get("reasonCode") == "contract_terms" and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
        fail(f"{cid}: legal escalation expected")

# ---- tallies quoted in the README
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and e.get("stakeholders") != [TEAM[e["reasonCode"]]]:
        fail(f"{c['id']}: stakeholders {e.get('stakeholders')} are not the routing table's first team {TEAM[e['reasonCode']]}")
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  reasons:", dict(Counter(c["expect"].get("reasonCode", "none") for c in cases).most_common()))
print("  actions:", dict(Counter(c["expect"].get("action", "none") for c in cases).most_common()))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")), " turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
