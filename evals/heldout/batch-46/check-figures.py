#!/usr/bin/env python3
"""Batch-46 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the tallies and the mismatches;
exit 1 if any.
Usage: python3 evals/heldout/batch-46/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "KRW": 0}  # TWD, MOP, HKD, CNY, USD, BND, SGD: 2
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
def tax(l, n, cur):
    rate = l.get("taxRate")
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

TW, MO, BN = "yunhai-cloud-twd.ledger.json", "lotus-stage-mop.ledger.json", "temburong-teknik-bnd.ledger.json"
if sorted(ledgers) != sorted([TW, MO, BN]): fail(f"ledgers: {sorted(ledgers)}")

# ---- ledgers: totals, statuses, references, terms, minor digits
NO_RATE = {"S26-0881"}   # the Hengqin customer's CNY invoice: the ledger has no CNY rate, on purpose
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
            if not decimals_ok(p["unitPrice"], c["currency"]): fail(f"{name} {c['id']}: price digits {p['unitPrice']}")
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
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {i['number']}: meant to have no rate")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if credited(lg, i["number"]) + p > t: fail(f"{name} {i['number']}: credits and payments exceed the total")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber") and invoice(lg, s["invoiceNumber"])["customerId"] != s["customerId"]: fail(f"{name} log {s['id']}: customer differs from its invoice")
        if s["periodStart"] > s["periodEnd"]: fail(f"{name} log {s['id']}: period reversed")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("remittance"): fail(f"{name} payment {p['id']}: batch 46 has no remittance deductions")
    for m in lg.get("creditMemos", []):
        if m["invoiceNumber"] not in nums: fail(f"{name} credit memo {m['number']}: unknown invoice")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber"): fail(f"{name} past dispute {d['id']}: past disputes carry no invoice number in this batch")

# ---- numbering
BIMONTH_TRACK = {7: "PV", 8: "PV", 9: "QH", 10: "QH", 11: "RK", 12: "RK"}   # Taiwan uniform invoices: two-letter track per two months
prev = None
for i in sorted(ledgers[TW]["invoices"], key=lambda i: (i["issueDate"], i["number"])):
    m = re.fullmatch(r"([A-Z]{2})-(\d{8})", i["number"])
    if not m: fail(f"{i['number']}: not a track + 8-digit uniform invoice number"); continue
    if BIMONTH_TRACK[int(i["issueDate"][5:7])] != m.group(1): fail(f"{i['number']}: track {m.group(1)} does not fit issue date {i['issueDate']}")
    if prev is not None and int(m.group(2)) <= prev: fail(f"{i['number']}: sequence not increasing with the issue date")
    prev = int(m.group(2))
EQUIP = {"LED-PD", "PROJ-DAY", "PROJ-MIN", "MIC-RX", "HDMI-20M"}   # Lotus: R series = equipment (rental or sale), S series = services only
seqs = []
for i in ledgers[MO]["invoices"]:
    m = re.fullmatch(r"([RS])26-(\d{4})", i["number"])
    if not m: fail(f"{i['number']}: not R26-/S26-nnnn"); continue
    want = "R" if any(l["sku"] in EQUIP for l in i["lines"]) else "S"
    if m.group(1) != want: fail(f"{i['number']}: series {m.group(1)}, lines say {want}")
    seqs.append(m.group(2))
if len(seqs) != len(set(seqs)): fail("MO: R and S series must share one sequence")
for i in ledgers[BN]["invoices"]:
    if not re.fullmatch(r"TTK26-\d{4}", i["number"]): fail(f"{i['number']}: not TTK26-nnnn")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n):          # billed gross - gross at the agreed price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=agreed(lgn, num, l["sku"])), D("0"))
def stated_price_diff(lgn, num, n, qty, per_unit):   # what the customer computes: qty x difference they state, with the line's tax
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    nn = r(D(str(qty)) * D(per_unit), cur); return nn + tax(l, nn, cur)
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def billed_qty(lgn, num, n): return line(I(lgn, num), n)["quantity"]
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(D(str(billed_qty(lgn, num, n))) - D(str(counted)), D(0)))
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logs(lgn, num, sku): return [s for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku]
def logged(lgn, num, sku): return sum(D(str(s["quantity"])) for s in logs(lgn, num, sku) if s["status"] != "not_rendered")
def has_log(lgn, num, sku): return bool(logs(lgn, num, sku))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    ls = logs(lgn, num, sku)
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in ls): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in ls)]
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates); return None if u is None else units_credit(lgn, num, n, len(u))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
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
def no_payment_of_customer(lgn, num):
    cust = I(lgn, num)["customerId"]; return not any(p["customerId"] == cust for p in ledgers[lgn].get("payments", []))

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if (a.get("poNumber") or None) != (b.get("poNumber") or None): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and a["issueDate"] > b["issueDate"]

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
def fee_named_in_contract(lgn, num, t, word):
    c = contract_of(ledgers[lgn], I(lgn, num)); return bool(c and word.lower() in c.get("notes", "").lower())
def contract_prices_line(lgn, num, n):
    """The contract prices the line's SKU at the billed price (a minimum charge or top-up the contract sets)."""
    l = line(I(lgn, num), n); p = contract_price(lgn, num, l["sku"]); return p is not None and D(p) == D(l["unitPrice"])

Z = D("0")
T_TW, T_MO, T_BN = "2026-11-20", "2026-11-25", "2026-11-18"
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b46-tw-jt-seats-100": (lambda: short(TW, "QH-30281608", 1, logged(TW, "QH-30281608", "ERP-SEAT")), lambda: units_credit(TW, "QH-30281608", 1, 20)),
 "b46-tw-jt-no-po": (lambda: Z if po_defect(TW, "QH-30281618") else None, lambda: inv_total(TW, "QH-30281618")),
 "b46-tw-jt-q3-visit": (lambda: short(TW, "QH-30281610", 1, logged(TW, "QH-30281610", "ONSITE-Q")), lambda: line_gross(TW, "QH-30281610", 1)),
 "b46-tw-fl-late-fee-grace": (lambda: fee_not_owed(TW, "PV-30281548", T_TW), lambda: fee(TW, "PV-30281548", "late_fee")),
 "b46-tw-fl-late-fee-two-months": (lambda: fee_not_owed(TW, "PV-30281557", T_TW), lambda: fee(TW, "PV-30281557", "late_fee")),
 "b46-tw-fl-backup-5tb": (lambda: short(TW, "QH-30281611", 2, logged(TW, "QH-30281611", "BKUP-TB")), lambda: short(TW, "QH-30281611", 2, 5)),
 "b46-tw-gd-engineer-hours": (lambda: short(TW, "QH-30281615", 1, logged(TW, "QH-30281615", "ENG-HR")), lambda: short(TW, "QH-30281615", 1, 4 + 5 + 2)),
 "b46-tw-gd-server-14-days": (lambda: short(TW, "QH-30281620", 1, logged(TW, "QH-30281620", "SRV-DAY")), lambda: short(TW, "QH-30281620", 1, days("2026-10-06", "2026-10-19") + 1)),
 "b46-tw-gd-september-twice": (lambda: inv_total(TW, "QH-30281603") if same_basis_duplicate(TW, "QH-30281603", "QH-30281601") else Z, lambda: inv_total(TW, "QH-30281603")),
 "b46-tw-jc-zero-rated": (lambda: inv_tax(TW, "QH-30281604") if tax_exempt(TW, "QH-30281604") else Z, lambda: inv_tax(TW, "QH-30281604")),
 "b46-tw-jc-mes-response": (lambda: short(TW, "QH-30281613", 2, logged(TW, "QH-30281613", "MES-MAINT")), lambda: line_gross(TW, "QH-30281613", 2)),
 "b46-tw-kn-minimum": (lambda: Z if contract_prices_line(TW, "RK-30281631", 1) else None, lambda: line_gross(TW, "RK-30281631", 1) - stated_price_diff(TW, "RK-30281631", 1, 20, "1100.00")),
 "b46-tw-kn-september-half": (lambda: outside_contract(TW, "QH-30281606"), lambda: outside_contract(TW, "QH-30281606")),
 "b46-tw-mn-seat-price": (lambda: price_diff(TW, "QH-30281609", 1), lambda: stated_price_diff(TW, "QH-30281609", 1, 35, "400")),
 "b46-tw-mn-onsite-dates": (lambda: dates_credit(TW, "QH-30281619", 1, "ONSITE-DAY", ["2026-10-14", "2026-10-15"]), lambda: units_credit(TW, "QH-30281619", 1, 2)),
 "b46-tw-do-paid": (lambda: unapplied_payment(TW, "QH-30281616", "2026-11-03"), lambda: open_bal(TW, "QH-30281616")),
 "b46-tw-do-onsite-dates": (None, lambda: units_credit(TW, "QH-30281622", 1, 2)),

 "b46-mo-ep-av-visits": (lambda: short(MO, "S26-0875", 1, logged(MO, "S26-0875", "AV-VISIT")), lambda: units_credit(MO, "S26-0875", 1, 2)),
 "b46-mo-ep-led-two-nights": (lambda: short(MO, "R26-0864", 1, logged(MO, "R26-0864", "LED-PD")), lambda: units_credit(MO, "R26-0864", 1, 60)),
 "b46-mo-xp-crew-84": (lambda: short(MO, "S26-0866", 1, logged(MO, "S26-0866", "CREW-HR")), lambda: short(MO, "S26-0866", 1, 36 + 30 + 18)),
 "b46-mo-xp-no-po": (lambda: Z if po_defect(MO, "R26-0869") else None, lambda: inv_total(MO, "R26-0869")),
 "b46-mo-xp-0879-twice": (lambda: inv_total(MO, "R26-0879") if same_basis_duplicate(MO, "R26-0879", "R26-0876") else Z, lambda: inv_total(MO, "R26-0879")),
 "b46-mo-xp-projector-minimum": (lambda: Z if contract_prices_line(MO, "R26-0871", 2) and fee_named_in_contract(MO, "R26-0871", None, "minimum hire 3 days") else None, lambda: line_gross(MO, "R26-0871", 2)),
 "b46-mo-hl-led-rate": (lambda: price_diff(MO, "R26-0873", 1), lambda: stated_price_diff(MO, "R26-0873", 1, 240, "20.00")),
 "b46-mo-hl-hzmb-freight": (lambda: Z if fee_on_po(MO, "R26-0873", "freight") else fee(MO, "R26-0873", "freight"), lambda: fee(MO, "R26-0873", "freight")),
 "b46-mo-hq-crew-rate-cny": (lambda: price_diff(MO, "S26-0881", 1), lambda: stated_price_diff(MO, "S26-0881", 1, 40, "30.00")),
 "b46-mo-sk-crew-48": (lambda: short(MO, "S26-0867", 1, logged(MO, "S26-0867", "CREW-HR")), lambda: short(MO, "S26-0867", 1, 48)),
 "b46-mo-sk-late-fee": (lambda: fee_not_owed(MO, "R26-0861", T_MO), lambda: fee(MO, "R26-0861", "late_fee")),
 "b46-mo-sl-0885-dup": (lambda: inv_total(MO, "R26-0885") if same_basis_duplicate(MO, "R26-0885", "R26-0883") else Z, lambda: inv_total(MO, "R26-0885")),
 "b46-mo-sl-dead-pixels": (lambda: Z if logged(MO, "R26-0883", "LED-PD") >= D(str(billed_qty(MO, "R26-0883", 1))) else None, lambda: D("2000.00")),
 "b46-mo-un-paid-july": (None, lambda: open_bal(MO, "S26-0812")),
 "b46-mo-un-mic-damaged": (lambda: units_credit(MO, "R26-0863", 1, delivered(MO, "R26-0863", "MIC-RX", "damagedQuantity")), lambda: units_credit(MO, "R26-0863", 1, 2)),
 "b46-mo-un-hdmi-16": (lambda: short(MO, "R26-0877", 1, delivered(MO, "R26-0877", "HDMI-20M")), lambda: short(MO, "R26-0877", 1, 16)),

 "b46-bn-jkr-no-lpo": (lambda: Z if po_defect(BN, "TTK26-5514") else None, lambda: inv_total(BN, "TTK26-5514")),
 "b46-bn-jkr-gen-pm-sites": (lambda: short(BN, "TTK26-5519", 1, logged(BN, "TTK26-5519", "GEN-PM")), lambda: short(BN, "TTK26-5519", 1, 3)),
 "b46-bn-bm-chiller-dates": (lambda: dates_credit(BN, "TTK26-5516", 1, "CHILLER-PM", ["2026-10-07", "2026-10-08"]), lambda: units_credit(BN, "TTK26-5516", 1, 2)),
 "b46-bn-bm-tech-hours": (lambda: short(BN, "TTK26-5522", 1, logged(BN, "TTK26-5522", "TECH-HR")), lambda: short(BN, "TTK26-5522", 1, 36)),
 "b46-bn-hg-genset-returned": (lambda: short(BN, "TTK26-5523", 1, logged(BN, "TTK26-5523", "GENSET-DAY")), lambda: short(BN, "TTK26-5523", 1, 24)),
 "b46-bn-hg-scissor-rate": (lambda: price_diff(BN, "TTK26-5523", 2), lambda: stated_price_diff(BN, "TTK26-5523", 2, 46, "15.00")),
 "b46-bn-hg-power-after-end": (lambda: outside_contract(BN, "TTK26-5521"), lambda: outside_contract(BN, "TTK26-5521")),
 "b46-bn-sb-paynow": (lambda: unapplied_payment(BN, "TTK26-5525", "2026-11-06"), lambda: open_bal(BN, "TTK26-5525")),
 "b46-bn-kj-bms-20": (lambda: short(BN, "TTK26-5513", 1, logged(BN, "TTK26-5513", "BMS-SEAT")), lambda: short(BN, "TTK26-5513", 1, 20)),
 "b46-bn-kj-callout-45min": (lambda: Z if contract_prices_line(BN, "TTK26-5526", 1) and fee_named_in_contract(BN, "TTK26-5526", None, "minimum charge of 2 technician hours") else None,
                             lambda: line_gross(BN, "TTK26-5526", 1) - D(contract_price(BN, "TTK26-5526", "TECH-HR"))),
 "b46-bn-kj-chiller-twice": (lambda: inv_total(BN, "TTK26-5527") if same_basis_duplicate(BN, "TTK26-5527", "TTK26-5524") else Z, lambda: inv_total(BN, "TTK26-5527")),
 "b46-bn-sm-late-fee": (lambda: fee_not_owed(BN, "TTK26-5508", T_BN), lambda: fee(BN, "TTK26-5508", "late_fee")),
 "b46-bn-sm-ahu-october": (None, lambda: line_gross(BN, "TTK26-5520", 1)),
 "b46-bn-jkr-mobilisation": (lambda: Z if fee_on_po(BN, "TTK26-5530", "freight") or fee_named_in_contract(BN, "TTK26-5530", "freight", "mobilisation") else fee(BN, "TTK26-5530", "freight"),
                             lambda: fee(BN, "TTK26-5530", "freight")),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b46-tw-do-onsite-dates": lambda: unserved_dates(TW, "QH-30281622", "ONSITE-DAY", ["2026-10-22", "2026-10-23"]) is None,
 "b46-mo-un-paid-july": lambda: no_payment_of_customer(MO, "S26-0812"),
 "b46-bn-sm-ahu-october": lambda: not has_log(BN, "TTK26-5520", "AHU-PM"),
}
# Cases where no money may move: an invoice named that belongs to another customer; a withdrawn claim.
WRONG_CUSTOMER = {"b46-bn-hg-wrong-invoice": (BN, "TTK26-5519", "KR-HG")}
WITHDRAWN = {"b46-bn-bm-withdrawn"}

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
esc_reasons = Counter()
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b46-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != {TW: T_TW, MO: T_MO, BN: T_BN}[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    text = " ".join(c["turns"])
    if e.get("noResolution"):
        named = re.findall(r"[A-Z]{0,3}\d{2}-\d{4}|[A-Z]{2}-\d{8}|TTK26-\d{4}", text)
        if not named or any(n in nums for n in named): fail(f"{cid}: noResolution but names {named}")
        continue
    if cid in WRONG_CUSTOMER:
        wl, num, said = WRONG_CUSTOMER[cid]
        if I(wl, num)["customerId"] == said: fail(f"{cid}: the invoice does belong to the customer named")
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a wrong-customer case checks only mustNotHappen")
        continue
    if cid in WITHDRAWN:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a withdrawn case checks only mustNotHappen")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if num not in text and num.split("-")[-1] not in text: fail(f"{cid}: the turns never name {num}")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if "disputedAmount" not in e: fail(f"{cid}: every resolved case checks its disputed amount here")
    elif D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > open_bal(lgn, num) and e.get("action") in ("credit_memo", "write_off"): fail(f"{cid}: disputed above the open balance")
    if disputed <= 0: fail(f"{cid}: disputed not positive")
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
        if D(e.get("supportedAmount", "-1")) != supported: fail(f"{cid}: supportedAmount {e.get('supportedAmount')} != recomputed {supported}")
    if cl and cl != "needs_info":
        defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if cl == "invalid" and act not in ("no_adjustment", "write_off"): fail(f"{cid}: invalid with {act}")
            if cl == "partial" and act not in ("credit_memo", "write_off"): fail(f"{cid}: partial with {act}")
        if cl == "valid":
            want = {"already_paid": "apply_payment", "missing_po": "cancel_and_rebill"}.get(e.get("reasonCode"), "credit_memo")
            if e.get("reasonCode") == "tax_error" and tax_exempt(lgn, num) and supported == inv_tax(lgn, num): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {e.get('reasonCode')} with {act}, expected {want}")
    # escalation, always checked on resolved cases
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    why = [w for w, on in (("no rate", conv is None), ("amount", conv is not None and conv >= D(pol["escalationAmount"])),
                           ("days past due", pastdue > pol["escalationDaysPastDue"]), ("strategic", bool(cust.get("strategic"))),
                           ("repeat disputes", recent >= pol["repeatDisputeCount"])) if on]
    if "escalation" not in e: fail(f"{cid}: escalation not checked")
    elif bool(why) != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {why} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    for w in why: esc_reasons[w] += 1
    legal = e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"])
    if legal: esc_reasons["legal"] += 1
    if e.get("reasonCode") and e.get("stakeholders") and e["stakeholders"][0] != TEAM[e["reasonCode"]]:
        fail(f"{cid}: first stakeholder {e['stakeholders'][0]} is not the routing table's {TEAM[e['reasonCode']]}")
    if e.get("reasonCode") and not e.get("stakeholders"): fail(f"{cid}: reason checked without stakeholders")
    if num not in e.get("emailMentions", []): fail(f"{cid}: emailMentions should name the invoice")

# ---- tallies quoted in the README
NAMES = {TW: "Yunhai (TWD)", MO: "Lotus Stage (MOP)", BN: "Temburong Teknik (BND)"}
for lgn in (TW, MO, BN):
    cnt = Counter(c["expect"].get("classification", "none") for c in cases if c["ledger"] == lgn)
    print(f"  {NAMES[lgn]}: {sum(cnt.values())} cases {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(Counter(c["expect"].get("reasonCode", "not checked") for c in cases).most_common()))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "not checked")) for c in cases).items())), "reasons:", dict(esc_reasons))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
