#!/usr/bin/env python3
"""Batch-61 author's cross-check (adapted from batch 54's): recomputes every ledger figure and every expected
figure from the ledger files with decimal arithmetic (never floats), independently of the product, and checks
the classification / action / write-off / escalation rules of DOMAIN.md, with policy amounts in the company
currency (FX at the latest rate on or before the invoice date, half-up once; no rate: escalate). Remittance
deductions count as disputes of their customer (opened on the payment date). Prints the mismatches and the
tallies quoted in the README; exit 1 if any mismatch.
Usage: python3 evals/heldout/batch-61/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0, "VUV": 0}  # USD, AUD, IDR, TOP, NZD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
Z = D("0")

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
TL, TO, CK = "lafaek-biomedika-usd.ledger.json", "fonua-lelei-packhouse-top.ledger.json", "muri-lagoon-property-nzd.ledger.json"
TODAY = {TL: "2026-11-19", TO: "2026-12-09", CK: "2026-11-25"}
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
def customer(lg, cid): return next(c for c in lg["customers"] if c["id"] == cid)
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

# ---- intended defects (everything else must be clean)
NO_RATE = {"0163/LBM/IX/2026", "0189/LBM/X/2026"}                   # IDR, no IDR rate on purpose
INTENDED_NO_PO = {"0194/LBM/X/2026", "FLP.0421.26"}                   # poRequired contracts, PO missing
INTENDED_CANCELLED_PO = {"RAR/0562"}                                 # quotes a cancelled PO
INTENDED_PRICE = {("0172/LBM/IX/2026", 1), ("FLP.0395.26", 1), ("RAR/0553", 1)}
INTENDED_TAX = {("FLP.0402.26", 1), ("FLP.0402.26", 2), ("FLP.0402.26", 3), ("RAR/0574", 1)}
INTENDED_OUTSIDE = {"0181/LBM/X/2026", "RAR/0555"}                    # billed (partly) after the contract's end
NO_CONTRACT_TERMS = 30                                               # Dental & Eye has no contract: 30 days
EXPECTED_TAX = {TL: None, TO: "0.15", CK: "0.15"}                    # Timor-Leste has no VAT

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
        cur, num = i["currency"], i["number"]
        cust = customer(lg, i["customerId"]) if i["customerId"] in custs else None
        if not cust: fail(f"{name} {num}: unknown customer"); continue
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {num}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {num}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {num}: total digits")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {num}: unknown contract")
        terms = c["paymentTermsDays"] if c else NO_CONTRACT_TERMS
        if days(i["issueDate"], i["dueDate"]) != terms: fail(f"{name} {num}: due date not on terms")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {num}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {num}: currency differs from contract")
            start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
            outside = start < c["startDate"] or end > c.get("endDate", "9999")
            if outside != (num in INTENDED_OUTSIDE): fail(f"{name} {num}: billed period vs contract dates")
            if c.get("poRequired") and not i.get("poNumber") and num not in INTENDED_NO_PO: fail(f"{name} {num}: PO required but missing")
            if num in INTENDED_NO_PO and (i.get("poNumber") or not c.get("poRequired")): fail(f"{name} {num}: meant to lack a required PO")
            prices = {p["sku"]: p["unitPrice"] for p in c["prices"]}
            for l in i["lines"]:
                if l["sku"] in prices:
                    if (D(prices[l["sku"]]) != D(l["unitPrice"])) != ((num, l["line"]) in INTENDED_PRICE): fail(f"{name} {num} line {l['line']}: price vs contract")
                else:
                    po = pos.get(i.get("poNumber") or "")
                    if not po or not any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"]):
                        fail(f"{name} {num} line {l['line']}: SKU neither priced by the contract nor on the PO")
        po = i.get("poNumber")
        if po:
            if po not in pos: fail(f"{name} {num}: PO {po} not in the ledger")
            else:
                if pos[po]["customerId"] != i["customerId"]: fail(f"{name} {num}: PO of another customer")
                if (pos[po].get("status") == "cancelled") != (num in INTENDED_CANCELLED_PO): fail(f"{name} {num}: PO status")
                if pos[po].get("currency", cur0) != cur: fail(f"{name} {num}: PO currency")
                for l in i["lines"]:
                    x = next((x for x in pos[po]["lines"] if x["sku"] == l["sku"]), None)
                    if not x: fail(f"{name} {num}: line {l['sku']} not on PO {po}")
                    elif (D(x["unitPrice"]) != D(l["unitPrice"])) != ((num, l["line"]) in INTENDED_PRICE): fail(f"{name} {num}: line {l['sku']} price vs PO")
        # tax: domestic lines at the country's rate; exempt customers and foreign-currency exports untaxed
        want = EXPECTED_TAX[name] if (cur == cur0 or name == CK) and not cust.get("taxExempt") else None
        for l in i["lines"]:
            if (l.get("taxRate") != want) != ((num, l["line"]) in INTENDED_TAX): fail(f"{name} {num} line {l['line']}: tax rate {l.get('taxRate')} (expected {want})")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and num not in NO_RATE:
            fail(f"{name} {num}: no rate for {cur}")
        if num in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {num}: meant to have no rate")
        p, t = paid(lg, num), D(i["total"])
        want_status = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want_status: fail(f"{name} {num}: status {i['status']}, payments say {want_status}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber") and d["deliveredDate"] > invoice(lg, d["invoiceNumber"])["issueDate"]: fail(f"{name} delivery {d['id']}: after the invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["periodStart"] > s["periodEnd"]: fail(f"{name} log {s['id']}: period reversed")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        for rm in p.get("remittance", []):
            if D(rm["paid"]) + D(rm.get("deducted", "0")) != total(invoice(lg, rm["invoiceNumber"])): fail(f"{name} payment {p['id']}: remittance does not add up")
            if D(rm["paid"]) != D(p["amount"]): fail(f"{name} payment {p['id']}: remittance paid != amount")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d["openedDate"] >= TODAY[name]: fail(f"{name} past dispute {d['id']}: opened after today")

# ---- numbering: 0187/LBM/X/2026 (yearly sequence, Roman month of issue), FLP.0407.26 (yearly sequence, 2-digit year),
# RAR/0548 and AIT/0041 (branch series, one sequence each); sequences follow the issue dates.
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
def seq_ok(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for i in ledgers[TL]["invoices"]:
    m = re.fullmatch(r"(\d{4})/LBM/([IVX]+)/(\d{4})", i["number"])
    if not m or m.group(2) != ROMAN[int(i["issueDate"][5:7]) - 1] or m.group(3) != i["issueDate"][:4]: fail(f"{i['number']}: not NNNN/LBM/<Roman month>/YYYY of its issue date")
if not seq_ok(ledgers[TL]["invoices"]): fail("TL: sequence out of date order")
for i in ledgers[TO]["invoices"]:
    m = re.fullmatch(r"FLP\.(\d{4})\.(\d{2})", i["number"])
    if not m or m.group(2) != i["issueDate"][2:4]: fail(f"{i['number']}: not FLP.NNNN.YY")
if not seq_ok(ledgers[TO]["invoices"]): fail("TO: sequence out of date order")
for series in ("RAR", "AIT"):
    v = [i for i in ledgers[CK]["invoices"] if i["number"].startswith(series + "/")]
    if not all(re.fullmatch(r"(RAR|AIT)/\d{4}", i["number"]) for i in v): fail("CK numbering")
    if not seq_ok(v): fail(f"CK series {series}: sequence out of date order")
if sum(1 for i in ledgers[CK]["invoices"] if i["number"][:3] in ("RAR", "AIT")) != len(ledgers[CK]["invoices"]): fail("CK series prefix")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), Z)
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), Z))
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
def tax_exempt(lgn, num): return bool(customer(ledgers[lgn], I(lgn, num)["customerId"]).get("taxExempt"))

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
    """Days of the billed period outside the contract, pro rata on each line's net and on its tax, half-up;
    the recipe asserts that pro-rating the gross gives the same cents (no rounding ambiguity)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    out_ = tot - inside
    by_parts = sum((r(net(l, cur) * out_ / tot, cur) + r(tax(l, net(l, cur), cur) * out_ / tot, cur) for l in i["lines"]), Z)
    by_gross = sum((r(gross(l, cur) * out_ / tot, cur) for l in i["lines"]), Z)
    if by_parts != by_gross: fail(f"{num}: pro rata by net+tax {by_parts} != by gross {by_gross}")
    return by_gross

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and b["issueDate"] < a["issueDate"]

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
    """A fee with no PO line of the customer describing it, and no mention in the contract's prices or notes: not owed."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    words = [w for w in re.findall(r"[a-z]+", f.get("description", "").lower()) if len(w) > 4]
    text = " ".join([c.get("notes", "")] + [p.get("description", "") for p in c["prices"]]).lower() if c else ""
    po_text = " ".join(l.get("description", l["sku"]) for p in lg.get("purchaseOrders", []) if p["customerId"] == i["customerId"] for l in p["lines"]).lower()
    return not any(w in text or w in po_text for w in words)
def rate_stands(lgn, num, sku):
    """A non-exempt customer's other invoices charge this SKU at the rate the case calls right."""
    i = I(lgn, num)
    return [l.get("taxRate") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for l in o["lines"] if l["sku"] == sku]

T = TODAY
R = {
 # Timor-Leste (USD; AUD at 0.6540 / 0.6610; no IDR rate)
 "b61-tl-maunalin-probes-short": (lambda: short(TL, "0187/LBM/X/2026", 1, delivered(TL, "0187/LBM/X/2026", "SPO2-PROBE")), lambda: units_credit(TL, "0187/LBM/X/2026", 1, 5)),
 "b61-tl-maunalin-engineer-hours": (lambda: short(TL, "0168/LBM/IX/2026", 1, logged(TL, "0168/LBM/IX/2026", "ENG-HR")), lambda: units_credit(TL, "0168/LBM/IX/2026", 1, 14 - 9)),
 "b61-tl-maunalin-paid-unapplied": (lambda: unapplied_payment(TL, "0196/LBM/XI/2026", "2026-11-13"), lambda: open_bal(TL, "0196/LBM/XI/2026")),
 "b61-tl-maunalin-esu-unhappy": (lambda: short(TL, "0155/LBM/VIII/2026", 3, logged(TL, "0155/LBM/VIII/2026", "CAL-ESU")), lambda: line_gross(TL, "0155/LBM/VIII/2026", 3)),
 "b61-tl-tasimane-flow-sensor": (lambda: price_diff(TL, "0172/LBM/IX/2026", 1), lambda: price_diff(TL, "0172/LBM/IX/2026", 1, "165.00")),
 "b61-tl-tasimane-callout": (lambda: Z if po_line_supports(TL, "0183/LBM/X/2026", 2) else line_gross(TL, "0183/LBM/X/2026", 2), lambda: line_gross(TL, "0183/LBM/X/2026", 2)),
 "b61-tl-tasimane-late-fee": (lambda: fee_not_owed(TL, "0147/LBM/VII/2026", T[TL]), lambda: fee(TL, "0147/LBM/VII/2026", "late_fee")),
 "b61-tl-seh-maliana-dates": (lambda: dates_credit(TL, "0192/LBM/X/2026", 1, "ENG-DAY-DIST", ["2026-10-14", "2026-10-15"]), lambda: units_credit(TL, "0192/LBM/X/2026", 1, 2)),
 "b61-tl-seh-ainaro-span": (None, lambda: units_credit(TL, "0199/LBM/XI/2026", 1, 1)),
 "b61-tl-seh-no-po": (lambda: Z if po_defect(TL, "0194/LBM/X/2026") else None, lambda: inv_total(TL, "0194/LBM/X/2026")),
 "b61-tl-cendana-ups-damaged": (lambda: units_credit(TL, "0163/LBM/IX/2026", 1, delivered(TL, "0163/LBM/IX/2026", "UPS-BATT", "damagedQuantity")), lambda: units_credit(TL, "0163/LBM/IX/2026", 1, 4)),
 "b61-tl-baucau-late-fee": (lambda: fee_not_owed(TL, "0151/LBM/VIII/2026", T[TL]), lambda: fee(TL, "0151/LBM/VIII/2026", "late_fee")),
 "b61-tl-baucau-after-contract": (lambda: outside_contract(TL, "0181/LBM/X/2026"), lambda: inv_total(TL, "0181/LBM/X/2026")),
 "b61-tl-dental-cuff-price": (lambda: price_diff(TL, "0140/LBM/VII/2026", 1), lambda: price_diff(TL, "0140/LBM/VII/2026", 1, "12.00")),
 "b61-tl-dental-duplicate-fix": (lambda: inv_total(TL, "0178/LBM/X/2026") if same_basis_duplicate(TL, "0178/LBM/X/2026", "0174/LBM/X/2026") else Z, lambda: inv_total(TL, "0178/LBM/X/2026")),
 # Tonga (TOP; NZD at 1.3920 / 1.4055, USD at 2.3640)
 "b61-to-kiwipas-htfa-tonnes": (lambda: short(TO, "FLP.0407.26", 1, logged(TO, "FLP.0407.26", "HTFA")), lambda: units_credit(TO, "FLP.0407.26", 1, "1.8")),
 "b61-to-kiwipas-stuffing-twice": (lambda: inv_total(TO, "FLP.0415.26") if same_basis_duplicate(TO, "FLP.0415.26", "FLP.0407.26") else Z, lambda: inv_total(TO, "FLP.0415.26")),
 "b61-to-kiwipas-paid-unapplied": (lambda: unapplied_payment(TO, "FLP.0431.26", "2026-12-02"), lambda: open_bal(TO, "FLP.0431.26")),
 "b61-to-kiwipas-carton-count": (None, lambda: units_credit(TO, "FLP.0431.26", 3, 150)),
 "b61-to-vavau-crushed-cartons": (lambda: units_credit(TO, "FLP.0392.26", 1, delivered(TO, "FLP.0392.26", "CTN-18", "damagedQuantity")),
                                  lambda: next(D(rm["deducted"]) for p in ledgers[TO]["payments"] for rm in p.get("remittance", []) if rm["invoiceNumber"] == "FLP.0392.26")),
 "b61-to-vavau-cartage-trips": (lambda: short(TO, "FLP.0410.26", 1, logged(TO, "FLP.0410.26", "CARTAGE")), lambda: units_credit(TO, "FLP.0410.26", 1, 2)),
 "b61-to-vavau-overdue-fee": (lambda: fee_not_owed(TO, "FLP.0398.26", T[TO]), lambda: fee(TO, "FLP.0398.26", "late_fee")),
 "b61-to-shimizu-wash-price": (lambda: price_diff(TO, "FLP.0395.26", 1), lambda: price_diff(TO, "FLP.0395.26", 1, "68.00")),
 "b61-to-shimizu-no-po": (lambda: Z if po_defect(TO, "FLP.0421.26") else None, lambda: inv_total(TO, "FLP.0421.26")),
 "b61-to-shimizu-phyto-fee": (lambda: fee(TO, "FLP.0426.26", "other") if fee_unsupported(TO, "FLP.0426.26", "other") else Z, lambda: fee(TO, "FLP.0426.26", "other")),
 "b61-to-tarp-ct-exempt": (lambda: inv_tax(TO, "FLP.0402.26") if tax_exempt(TO, "FLP.0402.26") else Z, lambda: inv_tax(TO, "FLP.0402.26")),
 "b61-to-tarp-eua-training": (lambda: dates_credit(TO, "FLP.0418.26", 1, "QA-TRAIN-DAY", ["2026-10-22"]), lambda: units_credit(TO, "FLP.0418.26", 1, 1)),
 "b61-to-halatui-late-fee": (lambda: fee_not_owed(TO, "FLP.0380.26", T[TO]), lambda: fee(TO, "FLP.0380.26", "late_fee")),
 "b61-to-halatui-pallet-weeks": (lambda: short(TO, "FLP.0412.26", 1, logged(TO, "FLP.0412.26", "COLD-PW")), lambda: units_credit(TO, "FLP.0412.26", 1, 24 - 12)),
 "b61-to-pacroots-carton-count": (lambda: short(TO, "FLP.0423.26", 1, delivered(TO, "FLP.0423.26", "CTN-10")), lambda: units_credit(TO, "FLP.0423.26", 1, 140)),
 "b61-to-pacroots-2025-rate": (lambda: price_diff(TO, "FLP.0385.26", 2), lambda: price_diff(TO, "FLP.0385.26", 2, "27.50")),
 # Cook Islands (NZD; AUD at 1.0960 / 1.1025)
 "b61-ck-korero-two-cleans": (lambda: short(CK, "RAR/0548", 1, logged(CK, "RAR/0548", "TURN-CLEAN")), lambda: units_credit(CK, "RAR/0548", 1, 2)),
 "b61-ck-korero-pools-green": (lambda: short(CK, "RAR/0566", 1, logged(CK, "RAR/0566", "POOL-VISIT")), lambda: line_gross(CK, "RAR/0566", 1)),
 "b61-ck-bluewater-clean-price": (lambda: price_diff(CK, "RAR/0553", 1), lambda: price_diff(CK, "RAR/0553", 1, "88.00")),
 "b61-ck-bluewater-goodwill": (lambda: short(CK, "RAR/0571", 1, logged(CK, "RAR/0571", "MAINT-HR")), lambda: units_credit(CK, "RAR/0571", 1, 4)),
 "b61-ck-aroa-gas-bottles": (lambda: short(CK, "RAR/0557", 1, delivered(CK, "RAR/0557", "GAS-45")), lambda: units_credit(CK, "RAR/0557", 1, 2)),
 "b61-ck-aroa-transfers": (lambda: Z if po_line_supports(CK, "RAR/0569", 2) else line_gross(CK, "RAR/0569", 2), lambda: line_gross(CK, "RAR/0569", 2)),
 "b61-ck-aroa-vat-rate": (lambda: (lambda l: tax(l, net(l, "NZD"), "NZD") - tax(l, net(l, "NZD"), "NZD", "0.15"))(line(I(CK, "RAR/0574"), 1)) if set(rate_stands(CK, "RAR/0574", "MAINT-HR")) == {"0.15"} else Z,
                          lambda: D("85.80") - D("78.00")),
 "b61-ck-aroa-cancelled-po": (lambda: Z if po_defect(CK, "RAR/0562") else None, lambda: inv_total(CK, "RAR/0562")),
 "b61-ck-pwrp-paid-no-trace": (None, lambda: open_bal(CK, "RAR/0559")),
 "b61-ck-tevaka-after-end": (lambda: outside_contract(CK, "RAR/0555"), lambda: inv_total(CK, "RAR/0555")),
 "b61-ck-tevaka-late-fee": (lambda: fee_not_owed(CK, "RAR/0536", T[CK]), lambda: fee(CK, "RAR/0536", "late_fee")),
 "b61-ck-hideaway-pool-dates": (lambda: dates_credit(CK, "AIT/0041", 1, "POOL-VISIT", ["2026-09-15", "2026-09-22"]), lambda: units_credit(CK, "AIT/0041", 1, 2)),
 "b61-ck-hideaway-linen-fix": (lambda: short(CK, "AIT/0045", 2, delivered(CK, "AIT/0045", "LINEN-PACK")), lambda: units_credit(CK, "AIT/0045", 2, 3)),
 "b61-ck-hideaway-amenity-kits": (lambda: units_credit(CK, "AIT/0043", 1, delivered(CK, "AIT/0043", "AMENITY-KIT", "damagedQuantity")), lambda: units_credit(CK, "AIT/0043", 1, 30)),
 "b61-ck-pwrp-garden-visits": (lambda: short(CK, "RAR/0572", 1, logged(CK, "RAR/0572", "GARDEN-VISIT")), lambda: units_credit(CK, "RAR/0572", 1, 5)),
}
NEEDS_INFO = {
 "b61-tl-seh-ainaro-span": lambda: unserved_dates(TL, "0199/LBM/XI/2026", "ENG-DAY-DIST", ["2026-11-04"]) is None,
 "b61-to-kiwipas-carton-count": lambda: not has_delivery(TO, "FLP.0431.26", "CTN-18"),
 "b61-ck-pwrp-paid-no-trace": lambda: nothing_could_be_theirs(CK, "RAR/0559", "2026-10-30", "PWRP-TT-1030"),
}
NO_CLASSIFICATION = {"b61-tl-maunalin-ecg-withdrawn", "b61-to-halatui-question", "b61-tl-unknown-invoice", "b61-ck-unknown-invoice"}
GOODWILL = {"b61-ck-bluewater-goodwill": D("50.00")}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}
TEAMS = {"pricing_error": ["sales", "billing"], "quantity_discrepancy": ["logistics", "billing"], "damaged_goods": ["logistics", "billing"],
         "duplicate_billing": ["billing"], "service_not_rendered": ["service_delivery", "customer_success"], "service_dissatisfaction": ["service_delivery", "customer_success"],
         "missing_po": ["sales", "billing"], "already_paid": ["cash_application"], "late_fee": ["collections", "billing"], "tax_error": ["tax", "billing"],
         "contract_terms": ["legal", "sales"], "unrecognized_charge": ["billing", "sales"]}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def deductions(lg, cust):
    return [(p["date"], rm["invoiceNumber"]) for p in lg.get("payments", []) if p["customerId"] == cust for rm in p.get("remittance", []) if D(rm.get("deducted", "0")) > 0]

def mentioned_invoices(lgn, text):
    """Existing invoices a text names, in full or by their sequence digits (as people write them)."""
    out = set()
    for i in ledgers[lgn]["invoices"]:
        seq = re.search(r"\d{4}", i["number"]).group(0)
        if i["number"] in text or re.search(rf"(?<![\d.]){seq}(?![\d])", text): out.add(i["number"])
    return out

ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
if len({c["id"] for c in cases}) != len(cases): fail("duplicate case ids")
esc_reasons = Counter()
mentions = Counter()
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b61-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    if "asks" in e or "similar" in e: fail(f"{cid}: asks / similar are not used in this batch")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    if e.get("noResolution"):
        named = re.findall(r"(?:\d{4}/LBM/[IVX]+/\d{4}|FLP\.\d{4}\.\d{2}|(?:RAR|AIT)/\d{4})", " ".join(c["turns"]))
        if not named or any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if cid in NO_CLASSIFICATION:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: expected to check only side effects")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    mentions[len(mentioned_invoices(lgn, " ".join(c["turns"])))] += 1
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    # neverAsks: invoice only when the expected invoice is named in turn 1
    if ("invoice" in e.get("neverAsks", [])) != (num in first): fail(f"{cid}: neverAsks invoice vs turn 1")
    if "reason" not in e.get("neverAsks", []) : fail(f"{cid}: every claim in this batch is plain in turn 1")
    # emailMentions: invoice / PO numbers of the ledger, amounts under 1,000 that are figures of the case
    pos_ = {p["number"] for p in lg.get("purchaseOrders", [])}
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"\d+\.\d+", m):
            figures = {D(e.get("disputedAmount", "-1")), D(e.get("supportedAmount", "-1")), GOODWILL.get(cid, D("-1"))}
            if D(m) >= 1000 or D(m) not in figures: fail(f"{cid}: emailMentions amount {m}")
        elif m != num and m not in pos_: fail(f"{cid}: emailMentions {m} is neither the invoice nor a PO of the ledger")
        elif m in pos_ and m not in " ".join(c["turns"]): fail(f"{cid}: emailMentions PO {m} not named in the turns")
    if num not in e.get("emailMentions", []): fail(f"{cid}: email must name the invoice")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if not Z < disputed <= inv_total(lgn, num): fail(f"{cid}: disputed out of range")
    cl, act = e["classification"], e["action"]
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
        supported = Z
    else:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found nothing to decide on"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = e["reasonCode"] in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        owed = to_company(lgn, num, disputed - supported)
        if cl in ("invalid", "partial"):
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if cid in GOODWILL:
                if wo or cl != "invalid" or act != "goodwill_credit": fail(f"{cid}: goodwill only on an invalid claim not written off")
                if to_company(lgn, num, GOODWILL[cid]) > D(lg["policy"]["approvalLimits"]["specialist"]): fail(f"{cid}: goodwill above the specialist's limit")
            elif wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if act == "write_off" and disputed - supported > open_bal(lgn, num): fail(f"{cid}: write-off above the open balance")
        if cl == "valid" and act in ("write_off", "no_adjustment", "goodwill_credit"): fail(f"{cid}: valid with {act}")
        if act == "credit_memo" and supported > open_bal(lgn, num): fail(f"{cid}: credit above the open balance")
        if act == "apply_payment" and e["reasonCode"] != "already_paid": fail(f"{cid}: apply_payment without already_paid")
        if act == "cancel_and_rebill" and not defect: fail(f"{cid}: re-bill without a document defect")
    if e.get("stakeholders") != TEAMS[e["reasonCode"]]: fail(f"{cid}: stakeholders {e.get('stakeholders')} vs routing table {TEAMS[e['reasonCode']]}")
    # escalation: amount after FX (or no rate), days past due on an open balance, strategic, repeat disputes
    pol = lg["policy"]; cust = customer(lg, inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    win = lambda d: 0 <= days(d, c["today"]) < pol["repeatDisputeWindowDays"]
    past = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and win(d["openedDate"]))
    ded = deductions(lg, cust["id"])
    recent_other = past + sum(1 for d, n in ded if win(d) and n != num) + 1
    recent_all = past + sum(1 for d, n in ded if win(d)) + 1
    recent_today = past + len([1 for d, n in ded if n != num]) + len([1 for d, n in ded if n == num]) + 1  # deductions imported today
    reps = {x >= pol["repeatDisputeCount"] for x in (recent_other, recent_all, recent_today)}
    if len(reps) != 1: fail(f"{cid}: repeat-dispute count depends on how a deduction is counted ({recent_other}/{recent_all}/{recent_today})")
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    credit = to_company(lgn, num, supported) if act == "credit_memo" else Z
    why = [w for w, hit in (("no rate", conv is None), ("amount", conv is not None and conv >= D(pol["escalationAmount"])),
           ("days past due", pastdue > pol["escalationDaysPastDue"]), ("strategic", bool(cust.get("strategic"))),
           ("repeat", recent_other >= pol["repeatDisputeCount"]), ("controller", credit is not None and credit > D(pol["approvalLimits"]["lead"]))) if hit]
    if bool(why) != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {why} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent_other} disputes)")
    for w in why: esc_reasons[w] += 1
    if 80 <= pastdue <= 100 and pastdue != 97: print(f"  note: {cid} is {pastdue} days past due (threshold {pol['escalationDaysPastDue']})")
    if e["reasonCode"] == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]): fail(f"{cid}: legal escalation expected")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases: by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(Counter(c["expect"].get("reasonCode", "none") for c in cases).most_common()))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print("  escalation expected:", sum(1 for c in cases if c["expect"].get("escalation")), "reasons:", dict(esc_reasons))
print("  invoices named per case (classified cases):", dict(sorted(mentions.items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
