#!/usr/bin/env python3
"""Batch-80 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-80/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0, "ISK": 0}  # DKK, EUR, NOK, SEK: 2
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
NO_RATE = {"417296"}   # batch 80: the NOK invoice of the Åland ledger has no rate, on purpose
INTENDED_WRONG_PO = {"417312"}   # quotes PAR-2026-0171, a PO the town never issued
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

FO, AX, SV = "vags-netagerd-dkk.ledger.json", "alands-marinelektronik-eur.ledger.json", "isfjord-feltlogistikk-nok.ledger.json"
T_FO, T_AX, T_SV = "2026-11-24", "2026-10-29", "2026-09-15"
def dates_credit(lgn, num, n, sku, dates):
    """Units at the line's price (with its tax) for the named dates without a rendered per-day entry."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def fee_supported_by_contract_price(lgn, num, n):
    """A charged line the contract prices (at that price) is supported: nothing is not owed."""
    i = I(lgn, num); l = line(i, n); return contract_price(lgn, num, l["sku"]) == l["unitPrice"]
def no_contract_and_no_po_line(lgn, num, t):
    """A fee with no PO line, no contract price and no mention in the contract's notes: not owed."""
    f = next(f for f in I(lgn, num)["fees"] if f["type"] == t)
    return not fee_on_po(lgn, num, t) and not fee_in_contract_notes(lgn, num, t, f.get("description", "x"))
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)
def tax_at(lgn, num, rate):
    """Tax the invoice would carry at `rate` on every taxed line, per line, half-up."""
    i = I(lgn, num); cur = i["currency"]
    return sum((tax(l, net(l, cur), cur, rate) for l in i["lines"] if l.get("taxRate")), D("0"))
def rate_not_owed(lgn, num):
    """Not exempt: each line owes the rate the customer's other invoices use for its SKU (the most frequent); none to compare: the line's rate stands."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; out = D("0")
    from collections import Counter
    for l in i["lines"]:
        rates = Counter(x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num
                        for x in o["lines"] if x["sku"] == l["sku"])
        usual = rates.most_common(1)[0][0] if rates else l.get("taxRate")
        n = net(l, cur); out += max(tax(l, n, cur) - tax(l, n, cur, usual), D("0"))
    return out
def gross_at(lgn, num, n, price): i = I(lgn, num); return gross(line(i, n), i["currency"], price=price)

R = {
 # Faroe Islands (DKK; ISK 0.0512 / 0.0507, NOK 0.6410 / 0.6382)
 "b80-fo-hagland-same-order-twice": (lambda: inv_total(FO, "VR260391") if same_basis_duplicate(FO, "VR260391", "VR260377") else Z, lambda: inv_total(FO, "VR260391")),
 "b80-fo-vestfjarda-floats-362": (lambda: short(FO, "VR260419", 1, delivered(FO, "VR260419", "FLOAT-8IN")), lambda: short(FO, "VR260419", 1, 360)),
 "b80-fo-vestkysten-panels-damaged": (lambda: units_credit(FO, "VR260447", 2, delivered(FO, "VR260447", "NET-PANEL-PE", "damagedQuantity")), lambda: units_credit(FO, "VR260447", 2, 3)),
 "b80-fo-nordhavid-po-missing": (lambda: Z if po_defect(FO, "VR260440") else None, lambda: inv_total(FO, "VR260440")),
 "b80-fo-sermersooq-mvg-export": (lambda: inv_tax(FO, "VR260405") if tax_exempt(FO, "VR260405") else Z, lambda: inv_tax(FO, "VR260405")),
 "b80-fo-hagland-mending-hours": (lambda: short(FO, "VR260426", 1, logged(FO, "VR260426", "MEND-HR")), lambda: short(FO, "VR260426", 1, 38)),
 "b80-fo-vestkysten-renter-inside-grace": (lambda: fee_not_owed(FO, "VR260411", T_FO), lambda: fee(FO, "VR260411", "late_fee")),
 "b80-fo-vestkysten-renter-one-month": (lambda: fee_not_owed(FO, "VR260402", T_FO), lambda: fee(FO, "VR260402", "late_fee")),
 "b80-fo-vestfjarda-paid-swift": (lambda: unapplied_payment(FO, "VR260452", "2026-11-10"), lambda: open_bal(FO, "VR260452")),
 "b80-fo-tvoroyri-freight": (lambda: Z if fee_on_po(FO, "VR260433", "freight") else fee(FO, "VR260433", "freight"), lambda: fee(FO, "VR260433", "freight")),
 "b80-fo-nordhavid-trawl-tore": (lambda: short(FO, "VR260398", 2, logged(FO, "VR260398", "MEND-HR")), lambda: line_gross(FO, "VR260398", 2)),
 "b80-fo-sermersooq-storage-after-end": (lambda: outside_contract(FO, "VR260461"), lambda: inv_total(FO, "VR260461")),
 "b80-fo-tvoroyri-no-show-dates": (None, lambda: units_credit(FO, "VR260455", 2, 2)),
 "b80-fo-hagland-rope-price": (lambda: price_diff(FO, "VR260458", 1), lambda: price_diff(FO, "VR260458", 1, "150.00")),
 "b80-fo-nordhavid-bobbin-price": (lambda: price_diff(FO, "VR260469", 1), lambda: price_diff(FO, "VR260469", 1, "385.00")),
 "b80-fo-vestfjarda-mending-wrong-number": (lambda: short(FO, "VR260472", 2, logged(FO, "VR260472", "MEND-HR")), lambda: short(FO, "VR260472", 2, 8)),
 # Åland (EUR; SEK 0.0871 / 0.0866; no NOK rate)
 "b80-ax-skargard-radar-three-visits": (lambda: short(AX, "417321", 1, logged(AX, "417321", "RADAR-SVC")), lambda: units_credit(AX, "417321", 1, 1)),
 "b80-ax-skargard-ais-quote": (lambda: price_diff(AX, "417347", 1), lambda: price_diff(AX, "417347", 1, "1150.00")),
 "b80-ax-saimaa-viivastyskorko": (lambda: fee_not_owed(AX, "417229", T_AX), lambda: fee(AX, "417229", "late_fee")),
 "b80-ax-saimaa-gyro-old-quote": (lambda: price_diff(AX, "417275", 1), lambda: price_diff(AX, "417275", 1, "3500.00")),
 "b80-ax-saimaa-navtex-one-box": (None, lambda: units_credit(AX, "417334", 1, 1)),
 "b80-ax-roslagen-finsk-moms": (lambda: inv_tax(AX, "417163") if tax_exempt(AX, "417163") else Z, lambda: inv_tax(AX, "417163")),
 "b80-ax-roslagen-timmar": (lambda: short(AX, "417305", 1, logged(AX, "417305", "TECH-HR")), lambda: short(AX, "417305", 1, 20)),
 "b80-ax-roslagen-ais-cracked": (lambda: units_credit(AX, "417243", 1, delivered(AX, "417243", "AIS-B", "damagedQuantity")), lambda: units_credit(AX, "417243", 1, 1)),
 "b80-ax-roslagen-bankgiro": (lambda: unapplied_payment(AX, "417318", "2026-10-23"), lambda: open_bal(AX, "417318")),
 "b80-ax-turku-alv-24": (lambda: Z if tax_exempt(AX, "417214") else rate_not_owed(AX, "417214"), lambda: inv_tax(AX, "417214") - tax_at(AX, "417214", "0.24")),
 "b80-ax-turku-ecdis-october": (lambda: outside_contract(AX, "417330"), lambda: inv_total(AX, "417330")),
 "b80-ax-turku-gmdss-twice": (lambda: inv_total(AX, "417279") if same_basis_duplicate(AX, "417279", "417266") else Z, lambda: inv_total(AX, "417279")),
 "b80-ax-fjordbat-magnetron": (lambda: price_diff(AX, "417296", 1), lambda: price_diff(AX, "417296", 1, "17200.00")),
 "b80-ax-pargas-tilausnumero": (lambda: Z if po_defect(AX, "417312") else None, lambda: inv_total(AX, "417312")),
 "b80-ax-pargas-resor": (lambda: Z if (po_line_supports(AX, "417240", 3) or fee_supported_by_contract_price(AX, "417240", 3)) else line_gross(AX, "417240", 3), lambda: line_gross(AX, "417240", 3)),
 # Svalbard (NOK, no tax; SEK 0.9820 / 0.9755, EUR 11.6850 / 11.7420, DKK 1.5660, ISK 0.0811 / 0.0806)
 "b80-sv-havnord-bjornevakt": (lambda: dates_credit(SV, "2026-LYR-031", 1, "BEARWATCH-NIGHT", ["2026-05-05", "2026-05-06"]), lambda: units_credit(SV, "2026-LYR-031", 1, 2)),
 "b80-sv-kebnekaise-cargo-kg": (lambda: short(SV, "2026-LYR-038", 2, delivered(SV, "2026-LYR-038", "CARGO-KG")), lambda: short(SV, "2026-LYR-038", 2, D("1186.5"))),
 "b80-sv-arktinen-vuotavat-tynnyrit": (lambda: units_credit(SV, "2026-LYR-044", 1, delivered(SV, "2026-LYR-044", "FUEL-DRUM", "damagedQuantity")), lambda: units_credit(SV, "2026-LYR-044", 1, 2)),
 "b80-sv-arktinen-korko-kolme-kk": (lambda: fee_not_owed(SV, "2026-LYR-049", T_SV), lambda: fee(SV, "2026-LYR-049", "late_fee")),
 "b80-sv-arktinen-maksettu-28-8": (None, lambda: open_bal(SV, "2026-LYR-053")),
 "b80-sv-havnord-ehf-avvist": (lambda: Z if po_defect(SV, "2026-LYR-057") else None, lambda: inv_total(SV, "2026-LYR-057")),
 "b80-sv-polarlys-to-uger": (lambda: inv_total(SV, "2026-LYR-066") if same_basis_duplicate(SV, "2026-LYR-066", "2026-LYR-061") else Z, lambda: inv_total(SV, "2026-LYR-066")),
 "b80-sv-polarlys-camp-13-dage": (lambda: outside_contract(SV, "2026-LYR-072"), lambda: r(line_gross(SV, "2026-LYR-072", 1) * 13 / 28, "DKK")),
 "b80-sv-nordurslod-rib-klukkutimar": (lambda: short(SV, "2026-LYR-075", 1, logged(SV, "2026-LYR-075", "RIB-HR")), lambda: short(SV, "2026-LYR-075", 1, 14)),
 "b80-sv-nordurslod-greitt": (lambda: unapplied_payment(SV, "2026-LYR-079", "2026-09-04"), lambda: open_bal(SV, "2026-LYR-079")),
 "b80-sv-nordkyst-guidepris": (lambda: price_diff(SV, "2026-LYR-082", 1), lambda: price_diff(SV, "2026-LYR-082", 1, "6500.00")),
 "b80-sv-nordkyst-helgetillegg": (lambda: fee(SV, "2026-LYR-085", "other") if no_contract_and_no_po_line(SV, "2026-LYR-085", "other") else Z, lambda: fee(SV, "2026-LYR-085", "other")),
 "b80-sv-nordkyst-taake-alkhornet": (lambda: short(SV, "2026-LYR-088", 2, logged(SV, "2026-LYR-088", "RIB-HR")), lambda: line_gross(SV, "2026-LYR-088", 2)),
 "b80-sv-turlag-satellittelefon": (lambda: short(SV, "2026-LYR-090", 1, logged(SV, "2026-LYR-090", "SATPHONE-DAY")), lambda: short(SV, "2026-LYR-090", 1, 8)),
 "b80-sv-havnord-rib-retting": (lambda: short(SV, "2026-LYR-064", 1, logged(SV, "2026-LYR-064", "RIB-HR")), lambda: units_credit(SV, "2026-LYR-064", 1, 3)),
}
NEEDS_INFO = {
 "b80-fo-tvoroyri-no-show-dates": lambda: unserved_dates(FO, "VR260455", "VESSEL-CALL", ["2026-10-14", "2026-10-15"]) is None,
 "b80-ax-saimaa-navtex-one-box": lambda: not has_delivery(AX, "417334", "NAVTEX"),
 "b80-sv-arktinen-maksettu-28-8": lambda: nothing_could_be_theirs(SV, "2026-LYR-053", "2026-08-28", "AM-2608-17"),
}
WRONG_CUSTOMER = {}

# ---- numbering: VR + YY + 4-digit yearly sequence (Faroe), 6-digit running number (Åland), YYYY-LYR-NNN (Svalbard);
# the year is the year of issue and every sequence follows the issue dates.
import re
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for i in ledgers[FO]["invoices"]:
    m = re.fullmatch(r"VR(\d{2})(\d{4})", i["number"])
    if not m or m.group(1) != i["issueDate"][2:4]: fail(f"{i['number']}: not VR + YY + NNNN of its issue year")
if not seq_ok(ledgers[FO]["invoices"], lambda i: i["number"]): fail("FO: sequence out of date order")
if not all(re.fullmatch(r"4\d{5}", i["number"]) for i in ledgers[AX]["invoices"]): fail("AX numbering")
if not seq_ok(ledgers[AX]["invoices"], lambda i: i["number"]): fail("AX: sequence out of date order")
for i in ledgers[SV]["invoices"]:
    m = re.fullmatch(r"(\d{4})-LYR-(\d{3})", i["number"])
    if not m or m.group(1) != i["issueDate"][:4]: fail(f"{i['number']}: not YYYY-LYR-NNN of its issue year")
if not seq_ok(ledgers[SV]["invoices"], lambda i: i["number"]): fail("SV: sequence out of date order")
# Svalbard is outside the Norwegian VAT area: no line of that ledger carries tax.
if any(l.get("taxRate") for i in ledgers[SV]["invoices"] for l in i["lines"]): fail("SV: a taxed line on Svalbard")

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
    if not cid.startswith("b80-"): fail(f"{cid}: id prefix")
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
# ---- batch-80 rules of the brief: neverAsks, emailMentions, turns
AMOUNT_RE = re.compile(r"^\d+(\.\d+)?$")
for c in cases:
    e = c["expect"]; first = c["turns"][0]
    if "invoice" in e.get("neverAsks", []) and e.get("invoiceNumber") and e["invoiceNumber"] not in first:
        fail(f"{c['id']}: neverAsks invoice but the first turn does not name {e['invoiceNumber']}")
    for m in e.get("emailMentions", []):
        is_doc = any(i["number"] == m for i in ledgers[c["ledger"]]["invoices"])   # Åland invoice numbers are plain digits
        if AMOUNT_RE.match(m) and not is_doc and D(m) >= 1000: fail(f"{c['id']}: emailMentions amount {m} is not below 1,000")
        if not AMOUNT_RE.match(m) and not any(m in t for t in c["turns"]) and m != e.get("invoiceNumber"):
            lg = ledgers[c["ledger"]]
            if not any(p["number"] == m for p in lg.get("purchaseOrders", [])): fail(f"{c['id']}: emailMentions {m} is neither an invoice nor a PO")
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "-")) for c in cases)))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

