#!/usr/bin/env python3
"""Batch-45 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-45/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # ALL, EUR, CZK, MKD, HUF (ISO 4217: 2), RON, KGS, USD: 2
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
NO_RATE = {"306/2026/vb481kx207"}   # batch 45: the CZK school-trip invoice has no CZK rate on purpose
INTENDED_WRONG_PO = set()   # batch 45 has no invoice quoting a PO the customer never issued
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
LA, LB, LC = "bregu-transfer-all.ledger.json", "zelen-pojas-konzervi-mkd.ledger.json", "ala-too-soft-kgs.ledger.json"
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
T_A, T_B, T_C = "2026-10-14", "2026-11-18", "2026-12-08"
def A(n): return f"{n}/2026/vb481kx207"
def B(n): return f"26F00{n}"
def C(n): return f"KG-ATS-000{n}"
def po_line_supports(lgn, num, n):
    """An invoice line the customer's own PO lists (same SKU, at that price): they ordered it."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return bool(po and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"]))
def dates_credit(lgn, num, n, sku, dates):
    """Units of line n not served on the named dates, by per-day logs; None when a log spans several days."""
    left = unserved_dates(lgn, num, sku, dates)
    return None if left is None else units_credit(lgn, num, n, len(left))
def no_payment_at_all(lgn, num):
    i = I(lgn, num); return not any(p["customerId"] == i["customerId"] for p in ledgers[lgn].get("payments", []))

# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b45-al-mlt-309-excursion-price": (lambda: price_diff(LA, A(309), 2), lambda: price_diff(LA, A(309), 2, "500.00")),
 "b45-al-mlt-316-guide-days": (lambda: short(LA, A(316), 2, logged(LA, A(316), "GUIDE-CS")), lambda: short(LA, A(316), 2, 3)),
 "b45-al-mlt-322-berat-13th": (lambda: dates_credit(LA, A(322), 2, "EXC-DAY", ["2026-08-13"]), lambda: units_credit(LA, A(322), 2, 1)),
 "b45-al-mlt-330-duplicate": (lambda: inv_total(LA, A(330)) if same_basis_duplicate(LA, A(330), A(328)) else Z, lambda: inv_total(LA, A(330))),
 "b45-al-mlt-335-paid-vs": (lambda: unapplied_payment(LA, A(335), "2026-10-09"), lambda: open_bal(LA, A(335))),
 "b45-al-mlt-328-minibus-dates": (None, lambda: units_credit(LA, A(328), 2, 2)),
 "b45-al-jdt-312-transfer-price": (lambda: price_diff(LA, A(312), 1), lambda: price_diff(LA, A(312), 1, "380.00")),
 "b45-al-jdt-325-no-objednavka": (lambda: Z if po_defect(LA, A(325)) else None, lambda: inv_total(LA, A(325))),
 "b45-al-jdt-338-after-season": (lambda: outside_contract(LA, A(338)), lambda: D("760.00")),
 "b45-al-szv-306-storm-no-rate": (lambda: dates_credit(LA, A(306), 2, "EXC-DAY", ["2026-06-26"]), lambda: units_credit(LA, A(306), 2, 1)),
 "b45-al-riv-303-interest-late": (lambda: fee_not_owed(LA, A(303), T_A), lambda: fee(LA, A(303), "late_fee")),
 "b45-al-riv-319-interest-grace": (lambda: fee_not_owed(LA, A(319), T_A), lambda: fee(LA, A(319), "late_fee")),
 "b45-al-dj-321-tvsh": (lambda: inv_tax(LA, A(321)) if tax_exempt(LA, A(321)) else Z, lambda: inv_tax(LA, A(321))),
 "b45-al-adr-331-coach-eight": (lambda: short(LA, A(331), 1, logged(LA, A(331), "EXC-HALF")), lambda: units_credit(LA, A(331), 1, 1)),
 "b45-al-adr-337-coach-rate": (lambda: price_diff(LA, A(337), 1), lambda: price_diff(LA, A(337), 1)),

 "b45-mk-psk-409-two-prices": (lambda: price_diff(LB, B(409), 2) + price_diff(LB, B(409), 3), lambda: price_diff(LB, B(409), 2, "6500.00") + price_diff(LB, B(409), 3, "5600.00")),
 "b45-mk-psk-415-fuvar": (lambda: Z if fee_on_po(LB, B(415), "freight") else fee(LB, B(415), "freight"), lambda: fee(LB, B(415), "freight")),
 "b45-mk-psk-422-twenty-short": (lambda: short(LB, B(422), 2, delivered(LB, B(422), "AJV-550")), lambda: short(LB, B(422), 2, 160)),
 "b45-mk-psk-415-ten-short-no-cmr": (None, lambda: units_credit(LB, B(415), 1, 10)),
 "b45-mk-bg-411-penalitati": (lambda: fee_not_owed(LB, B(411), T_B), lambda: fee(LB, B(411), "late_fee")),
 "b45-mk-bg-420-duplicate": (lambda: inv_total(LB, B(420)) if same_basis_duplicate(LB, B(420), B(418)) else Z, lambda: inv_total(LB, B(420))),
 "b45-mk-bg-418-paid-op1187": (lambda: unapplied_payment(LB, B(418), "2026-11-12"), lambda: open_bal(LB, B(418))),
 "b45-mk-bg-426-ten-cartons": (lambda: short(LB, B(426), 1, delivered(LB, B(426), "AJV-550")), lambda: short(LB, B(426), 1, 150)),
 "b45-mk-dd-413-po-price": (lambda: price_diff(LB, B(413), 1), lambda: price_diff(LB, B(413), 1, "15.20")),
 "b45-mk-dd-424-broken-jars": (lambda: units_credit(LB, B(424), 1, delivered(LB, B(424), "PEP-ROA", "damagedQuantity")), lambda: units_credit(LB, B(424), 1, 12)),
 "b45-mk-mv-416-no-naracka": (lambda: Z if po_defect(LB, B(416)) else None, lambda: inv_total(LB, B(416))),
 "b45-mk-mv-421-pallet-storage": (lambda: Z if po_line_supports(LB, B(421), 3) else line_gross(LB, B(421), 3), lambda: line_gross(LB, B(421), 3)),
 "b45-mk-pel-407-paid-rest": (lambda: unapplied_payment(LB, B(407), "2026-11-06"), lambda: open_bal(LB, B(407))),
 "b45-mk-pel-423-pinjur-short": (lambda: short(LB, B(423), 2, delivered(LB, B(423), "PIN-290")), lambda: short(LB, B(423), 2, 18)),
 "b45-mk-ck-412-ddv": (lambda: inv_tax(LB, B(412)) if tax_exempt(LB, B(412)) else Z, lambda: inv_tax(LB, B(412))),

 "b45-kg-vlt-521-qa-days": (lambda: short(LC, C(521), 2, logged(LC, C(521), "QA-MD")), lambda: short(LC, C(521), 2, 15)),
 "b45-kg-vlt-530-dev-rate": (lambda: price_diff(LC, C(530), 1), lambda: price_diff(LC, C(530), 1)),
 "b45-kg-vlt-530-cestovne": (lambda: Z if fee_on_po(LC, C(530), "other") and fee_in_contract_notes(LC, C(530), "other", "cestovné") else fee(LC, C(530), "other"), lambda: fee(LC, C(530), "other")),
 "b45-kg-tp-509-urok": (lambda: fee_not_owed(LC, C(509), T_C), lambda: fee(LC, C(509), "late_fee")),
 "b45-kg-tp-527-podpora-nespokojnost": (lambda: short(LC, C(527), 3, logged(LC, C(527), "SUP-RET")), lambda: line_gross(LC, C(527), 3)),
 "b45-kg-tp-533-po-skonceni-zmluvy": (lambda: outside_contract(LC, C(533)), lambda: inv_total(LC, C(533))),
 "b45-kg-sd-516-licente-dublate": (lambda: inv_total(LC, C(516)) if same_basis_duplicate(LC, C(516), C(515)) else Z, lambda: inv_total(LC, C(516))),
 "b45-kg-sd-524-ore-pm": (lambda: short(LC, C(524), 2, logged(LC, C(524), "PM-HR")), lambda: short(LC, C(524), 2, 14)),
 "b45-kg-sd-532-tarif-pm": (lambda: price_diff(LC, C(532), 2), lambda: price_diff(LC, C(532), 2, "50.00")),
 "b45-kg-stp-519-qa-no-timesheet": (None, lambda: units_credit(LC, C(519), 2, 2)),
 "b45-kg-ac-522-paid-pp4471": (lambda: unapplied_payment(LC, C(522), "2026-10-19"), lambda: open_bal(LC, C(522))),
 "b45-kg-ac-529-onsite-15th": (lambda: dates_credit(LC, C(529), 1, "ONSITE", ["2026-10-15"]), lambda: units_credit(LC, C(529), 1, 1)),
 "b45-kg-bf-525-nds": (lambda: inv_tax(LC, C(525)) if tax_exempt(LC, C(525)) else Z, lambda: inv_tax(LC, C(525))),
 "b45-kg-stp-528-swift-not-found": (None, lambda: open_bal(LC, C(528))),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b45-al-mlt-328-minibus-dates": lambda: unserved_dates(LA, A(328), "TRF-MINI", ["2026-08-26", "2026-08-27"]) is None,
 "b45-mk-psk-415-ten-short-no-cmr": lambda: not has_delivery(LB, B(415), "AJV-550"),
 "b45-kg-stp-519-qa-no-timesheet": lambda: not has_log(LC, C(519), "QA-MD"),
 "b45-kg-stp-528-swift-not-found": lambda: no_payment_at_all(LC, C(528)),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b45-al-wrong-customer-309": (LA, A(309), "AL-JDT"), "b45-mk-wrong-customer-418": (LB, B(418), "MK-DD"),
                  "b45-kg-wrong-customer-532": (LC, C(532), "KG-TP")}

# ---- numbering: Albanian fiscal numbers (sequence/year/TCR code), Macedonian 26F + 5 digits, Ala-Too KG-ATS- + 6 digits;
# each ledger's sequence follows the issue dates.
import re
PAT = {LA: r"^\d{3}/2026/vb481kx207$", LB: r"^26F\d{5}$", LC: r"^KG-ATS-\d{6}$"}
SEQ = {LA: lambda n: int(n.split("/")[0]), LB: lambda n: int(n[3:]), LC: lambda n: int(n[7:])}
for lgn, pat in PAT.items():
    invs = ledgers[lgn]["invoices"]
    for i in invs:
        if not re.match(pat, i["number"]): fail(f"{i['number']}: numbering")
    by_seq = sorted(invs, key=lambda i: SEQ[lgn](i["number"]))
    for a, b in zip(by_seq, by_seq[1:]):
        if a["issueDate"] > b["issueDate"]: fail(f"{lgn}: {a['number']} issued after {b['number']}")
# tax: export / foreign-currency invoices carry no tax; home-currency lines carry the country's rates
RATES = {LA: {"0.20"}, LB: {"0.05", "0.18"}, LC: {"0.12"}}
for lgn in (LA, LB, LC):
    h = home(ledgers[lgn])
    for i in ledgers[lgn]["invoices"]:
        for l in i["lines"]:
            if i["currency"] != h and l.get("taxRate"): fail(f"{i['number']}: foreign-currency invoice taxed")
            if l.get("taxRate") and l["taxRate"] not in RATES[lgn]: fail(f"{i['number']}: odd tax rate")
        if i["currency"] == h and not any(x.get("taxRate") for x in i["lines"]): fail(f"{i['number']}: home invoice without tax")

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
    if not cid.startswith("b45-"): fail(f"{cid}: id prefix")
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
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

