#!/usr/bin/env python3
"""Batch-36 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-36/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"PYG": 0}  # BOB, HNL, USD, PEN: 2
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

PY, BO, HN = "nanduti-rastreo-pyg.ledger.json", "illimani-vehiculos-bob.ledger.json", "atlantida-incendios-hnl.ledger.json"
T = {PY: "2026-11-18", BO: "2026-11-25", HN: "2026-12-02"}

# ---- ledgers: totals, statuses, references, terms, minor digits
NO_RATE = {"0746/LPZ"}   # the Peruvian customer's PEN invoice: no PEN rate, on purpose
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if lg["policy"]["approvalLimits"]["lead"] != lg["policy"]["escalationAmount"]: fail(f"{name}: lead limit differs from the escalation amount (the escalation check below assumes they are equal)")
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
            if c.get("poRequired") and not i.get("poNumber") and i["number"] not in ("26F00473", "000-001-01-00004530"): fail(f"{name} {i['number']}: unintended missing PO")
        has_rate = any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", []))
        if cur != cur0 and (not has_rate) != (i["number"] in NO_RATE): fail(f"{name} {i['number']}: rate for {cur} present={has_rate}")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} unknown")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if any(t in l["description"] for l in i["lines"] for t in ("IVA", "ISV")): fail(f"{name} {i['number']}: tax named in a line")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber") and s["customerId"] != invoice(lg, s["invoiceNumber"])["customerId"]: fail(f"{name} log {s['id']}: customer")
        if s.get("invoiceNumber") and not any(l["sku"] == s["sku"] for l in invoice(lg, s["invoiceNumber"])["lines"]): fail(f"{name} log {s['id']}: SKU not billed")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("remittance"): fail(f"{name} payment {p['id']}: remittance advices are not used in this batch (a deduction opens a dispute on import)")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- numbering: Ñandutí 26F + 5 digits; Illimani 4 digits / branch (LPZ, ORU, TJA) on one sequence; Atlántida SAR
# format establishment-point-type-sequence, 000 = La Ceiba, 002 = Roatán (one sequence per establishment)
for i in ledgers[PY]["invoices"]:
    if not re.fullmatch(r"26F\d{5}", i["number"]): fail(f"PY numbering {i['number']}")
bo = [i["number"] for i in ledgers[BO]["invoices"]]
if not all(re.fullmatch(r"\d{4}/(LPZ|ORU|TJA)", n) for n in bo): fail("BO numbering")
if len({n[:4] for n in bo}) != len(bo): fail("BO: one sequence across branches")
for i in ledgers[HN]["invoices"]:
    m = re.fullmatch(r"(000|002)-001-01-(\d{8})", i["number"])
    if not m: fail(f"HN numbering {i['number']}"); continue
    est = {"000": "La Ceiba", "002": "Roatán"}[m.group(1)]
    roatan = any(w in next(c for c in ledgers[HN]["customers"] if c["id"] == i["customerId"])["industry"] for w in ("Roatán", "Utila", "French Harbour")) or i["customerId"] == "HN-CME"
    if (est == "Roatán") != roatan and i["customerId"] != "HN-DCT": fail(f"HN {i['number']}: establishment {est} for {i['customerId']}")
for lgn in ledgers:
    seq = sorted(ledgers[lgn]["invoices"], key=lambda i: (i["issueDate"], i["number"]))
    key = (lambda n: n[:4]) if lgn == BO else (lambda n: n)
    groups = {}
    for i in seq: groups.setdefault(i["number"][:3] if lgn == HN else "", []).append(key(i["number"]))
    for g, ns in groups.items():
        if ns != sorted(ns): fail(f"{lgn}: numbers not in issue-date order ({g}): {ns}")

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
def delivered(lgn, num, sku):
    return sum(d["quantity"] for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logs(lgn, num, sku): return [s for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku]
def logged(lgn, num, sku): return sum(s["quantity"] for s in logs(lgn, num, sku) if s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return line(I(lgn, num), n)["quantity"]
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - counted, 0))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    ls = logs(lgn, num, sku)
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in ls): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in ls)]
def by_dates(lgn, num, n, dates):
    miss = unserved_dates(lgn, num, line(I(lgn, num), n)["sku"], dates)
    return None if miss is None else units_credit(lgn, num, n, len(miss))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def late_fee_allowed(lgn, num, today):
    """Contract clause, grace days, actual payment date; percentPerMonth of the principal unpaid at the end of grace,
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
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * (-(-late // 30))
def fee_not_owed(lgn, num):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, T[lgn]), f)
def outside_contract(lgn, num, per_line=True):
    """Days of the service period outside the contract, pro rata on each line's gross (or on the total), half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    if per_line: return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
    return r(principal(i) * (tot - inside) / tot, cur)
def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def no_unapplied(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num)
    return not [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber")]
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
def words(s): return sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
def fee_supported(lgn, num, t):
    """A fee is owed when the customer's PO lists it (same words, at that price) or the contract's notes name it by its description."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t); c = contract_of(lg, i)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if words(l.get("description", l["sku"])) == words(f.get("description", "")) and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]): return True
    return bool(c and f.get("description", "").split(" (")[0].lower() in c.get("notes", "").lower())
def line_in_contract(lgn, num, n): return contract_price(lgn, num, line(I(lgn, num), n)["sku"]) == line(I(lgn, num), n)["unitPrice"]
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def all_lines_taxed(lgn, num): return all(l.get("taxRate") for l in I(lgn, num)["lines"])
Z = D("0")

# id -> (supported recipe or None, disputed recipe)
R = {
 "b36-py-trs-callouts-17-23": (lambda: by_dates(PY, "26F00471", 1, ["2026-10-17", "2026-10-23"]), lambda: units_credit(PY, "26F00471", 1, 2)),
 "b36-py-trs-48-units": (lambda: short(PY, "26F00470", 1, logged(PY, "26F00470", "GPS-MES")), lambda: short(PY, "26F00470", 1, 42)),
 "b36-py-bus-late-fee-grace": (lambda: fee_not_owed(PY, "26F00452"), lambda: fee(PY, "26F00452", "late_fee")),
 "b36-py-bus-visits-20-27": (lambda: by_dates(PY, "26F00472", 2, ["2026-10-20", "2026-10-27"]), lambda: units_credit(PY, "26F00472", 2, 2)),
 "b36-py-bus-cameras-quality": (lambda: short(PY, "26F00472", 1, logged(PY, "26F00472", "GPS-CAM")), lambda: line_gross(PY, "26F00472", 1)),
 "b36-py-dis-installation-rate": (lambda: price_diff(PY, "26F00460", 2), lambda: price_diff(PY, "26F00460", 2, "350000")),
 "b36-py-dis-reprogramming-fee": (lambda: Z if fee_supported(PY, "26F00460", "other") else fee(PY, "26F00460", "other"), lambda: fee(PY, "26F00460", "other")),
 "b36-py-dis-no-oc": (lambda: Z if po_defect(PY, "26F00473") else None, lambda: inv_total(PY, "26F00473")),
 "b36-py-dis-hours-three": (None, lambda: units_credit(PY, "26F00473", 2, 3)),
 "b36-py-far-september-after-cancel": (lambda: outside_contract(PY, "26F00459"), lambda: inv_total(PY, "26F00459")),
 "b36-py-coop-september-twice": (lambda: inv_total(PY, "26F00467") if same_basis_duplicate(PY, "26F00467", "26F00461") else Z, lambda: inv_total(PY, "26F00467")),
 "b36-py-coop-installs-two-of-four": (lambda: short(PY, "26F00475", 3, logged(PY, "26F00475", "INST-EQ")), lambda: units_credit(PY, "26F00475", 3, 2)),
 "b36-py-coop-visit-dates": (None, lambda: units_credit(PY, "26F00475", 4, 2)),
 "b36-py-bra-half-october": (lambda: outside_contract(PY, "26F00476"), lambda: outside_contract(PY, "26F00476", per_line=False)),
 "b36-py-bra-swift": (lambda: unapplied_payment(PY, "26F00464", "2026-10-28"), lambda: open_bal(PY, "26F00464")),
 "b36-py-bus-license-2027": (lambda: outside_contract(PY, "26F00479"), lambda: inv_total(PY, "26F00479")),

 "b36-bo-kmy-odometer-720": (lambda: short(BO, "0718/ORU", 2, logged(BO, "0718/ORU", "KM-EXC")), lambda: short(BO, "0718/ORU", 2, 720)),
 "b36-bo-kmy-auxilio": (lambda: by_dates(BO, "0718/ORU", 3, ["2026-09-12", "2026-09-26"]), lambda: line_gross(BO, "0718/ORU", 3)),
 "b36-bo-kmy-recargo-mora": (lambda: fee_not_owed(BO, "0701/ORU"), lambda: fee(BO, "0701/ORU", "late_fee")),
 "b36-bo-kmy-deposit": (lambda: unapplied_payment(BO, "0747/ORU", "2026-11-20"), lambda: open_bal(BO, "0747/ORU")),
 "b36-bo-kmy-minimo-3-dias": (lambda: short(BO, "0734/ORU", 1, logged(BO, "0734/ORU", "DIA-CAM")), lambda: units_credit(BO, "0734/ORU", 1, 2)),
 "b36-bo-chs-two-returned": (lambda: short(BO, "0749/TJA", 1, logged(BO, "0749/TJA", "CAM-MES")), lambda: units_credit(BO, "0749/TJA", 1, 2)),
 "b36-bo-chs-drivers-19": (lambda: short(BO, "0749/TJA", 2, logged(BO, "0749/TJA", "CHOF-DIA")), lambda: short(BO, "0749/TJA", 2, 19)),
 "b36-bo-chs-paid-rest": (lambda: Z if no_unapplied(BO, "0731/TJA") else None, lambda: open_bal(BO, "0731/TJA")),
 "b36-bo-rat-november-after-end": (lambda: outside_contract(BO, "0755/LPZ"), lambda: outside_contract(BO, "0755/LPZ", per_line=False)),
 "b36-bo-rat-cancelled-po": (lambda: Z if po_defect(BO, "0744/LPZ") else None, lambda: inv_total(BO, "0744/LPZ")),
 "b36-bo-rat-km-rate": (lambda: price_diff(BO, "0744/LPZ", 2), lambda: price_diff(BO, "0744/LPZ", 2, "1.85")),
 "b36-bo-mct-iva": (lambda: inv_tax(BO, "0741/LPZ") if tax_exempt(BO, "0741/LPZ") else Z, lambda: inv_tax(BO, "0741/LPZ")),
 "b36-bo-mct-lavado": (lambda: Z if line_in_contract(BO, "0715/LPZ", 2) else line_gross(BO, "0715/LPZ", 2), lambda: line_gross(BO, "0715/LPZ", 2)),
 "b36-bo-sqf-usd-rate": (lambda: price_diff(BO, "0716/LPZ", 1), lambda: price_diff(BO, "0716/LPZ", 1, "1410.00")),
 "b36-bo-sqf-driver-dates": (None, lambda: units_credit(BO, "0742/LPZ", 2, 2)),
 "b36-bo-las-grua": (lambda: short(BO, "0746/LPZ", 2, logged(BO, "0746/LPZ", "AUX-MEC")), lambda: units_credit(BO, "0746/LPZ", 2, 2)),

 "b36-hn-ctd-pump-four": (lambda: short(HN, "002-001-01-00000861", 2, logged(HN, "002-001-01-00000861", "PRUEBA-BOMBA")), lambda: units_credit(HN, "002-001-01-00000861", 2, 1)),
 "b36-hn-ctd-boat-fee": (lambda: Z if fee_supported(HN, "002-001-01-00000858", "freight") else fee(HN, "002-001-01-00000858", "freight"), lambda: fee(HN, "002-001-01-00000858", "freight")),
 "b36-hn-ctd-callout-hours": (None, lambda: units_credit(HN, "002-001-01-00000866", 2, 2)),
 "b36-hn-dct-sla": (lambda: short(HN, "000-001-01-00004503", 2, logged(HN, "000-001-01-00004503", "CALLOUT")), lambda: units_credit(HN, "000-001-01-00004503", 2, 1)),
 "b36-hn-dct-wire": (lambda: unapplied_payment(HN, "000-001-01-00004471", "2026-11-27"), lambda: open_bal(HN, "000-001-01-00004471")),
 "b36-hn-skt-sprinkler-rate": (lambda: price_diff(HN, "000-001-01-00004493", 1), lambda: price_diff(HN, "000-001-01-00004493", 1, "6500.00")),
 "b36-hn-skt-minimum-3h": (lambda: short(HN, "000-001-01-00004515", 2, logged(HN, "000-001-01-00004515", "HORA-TEC")), lambda: units_credit(HN, "000-001-01-00004515", 2, 2)),
 "b36-hn-skt-no-po": (lambda: Z if po_defect(HN, "000-001-01-00004530") else None, lambda: inv_total(HN, "000-001-01-00004530")),
 "b36-hn-cme-ten-delivered": (lambda: short(HN, "002-001-01-00000852", 1, delivered(HN, "002-001-01-00000852", "EXT-NEW")), lambda: short(HN, "002-001-01-00000852", 1, 10)),
 "b36-hn-cme-isv": (lambda: inv_tax(HN, "002-001-01-00000864") if tax_exempt(HN, "002-001-01-00000864") else Z, lambda: inv_tax(HN, "002-001-01-00000864")),
 "b36-hn-spb-october-twice": (lambda: inv_total(HN, "000-001-01-00004524") if same_basis_duplicate(HN, "000-001-01-00004524", "000-001-01-00004502") else Z, lambda: inv_total(HN, "000-001-01-00004524")),
 "b36-hn-spb-pump-dates": (lambda: by_dates(HN, "000-001-01-00004541", 2, ["2026-11-13", "2026-11-20"]), lambda: units_credit(HN, "000-001-01-00004541", 2, 2)),
 "b36-hn-emf-interest": (lambda: fee_not_owed(HN, "002-001-01-00000794"), lambda: fee(HN, "002-001-01-00000794", "late_fee")),
 "b36-hn-emf-after-cancel": (lambda: outside_contract(HN, "002-001-01-00000862"), lambda: inv_total(HN, "002-001-01-00000862")),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b36-py-dis-hours-three": lambda: not logs(PY, "26F00473", "HORA-TEC"),
 "b36-py-coop-visit-dates": lambda: unserved_dates(PY, "26F00475", "VISITA-TEC", ["2026-10-08", "2026-10-22"]) is None,
 "b36-bo-sqf-driver-dates": lambda: unserved_dates(BO, "0742/LPZ", "CHOF-DIA", ["2026-10-06", "2026-10-20"]) is None,
 "b36-hn-ctd-callout-hours": lambda: not logs(HN, "002-001-01-00000866", "HORA-TEC"),
}
# Whole-invoice tax defects (exempt customer taxed on every line): cancel and re-bill.
for cid, (lgn, num) in {"b36-bo-mct-iva": (BO, "0741/LPZ"), "b36-hn-cme-isv": (HN, "002-001-01-00000864")}.items():
    if not (tax_exempt(lgn, num) and all_lines_taxed(lgn, num)): fail(f"{cid}: not a whole-invoice tax defect")
for lgn, num in ((BO, "0715/LPZ"), (HN, "002-001-01-00000852")):
    if any(l.get("taxRate") for l in I(lgn, num)["lines"]): fail(f"{num}: exempt customer's correct invoice carries tax")

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
esc_reasons = Counter()
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b36-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != T[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()¿") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        if any(re.search(r"(?<!\d)" + re.escape(n.split("-")[-1].lstrip("0")) + r"(?!\d)", " ".join(c["turns"])) for n in nums if lgn == HN): fail(f"{cid}: names a fragment of an existing invoice")
        continue
    if "invoiceNumber" not in e:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a case without invoice checks only mustNotHappen")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
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
        if "supportedAmount" in e or sup_fn: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: listed as needs_info")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no evidence"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported} (evidence {evidence})")
    if cl != "needs_info":
        defect = e["reasonCode"] in ADMIN_DEFECT and e["action"] == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e["action"]
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"already_paid": "apply_payment", "missing_po": "cancel_and_rebill", "tax_error": "cancel_and_rebill"}.get(e["reasonCode"], "credit_memo")
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
    # escalation: lead (amount after FX / no rate, days past due on an open balance, strategic, repeat disputes), legal, finance controller
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    why = [w for w, ok in (("no_rate", conv is None), ("amount", conv is not None and conv >= D(pol["escalationAmount"])),
                           ("days_past_due", pastdue > pol["escalationDaysPastDue"]), ("strategic", bool(cust.get("strategic"))),
                           ("repeat", recent >= pol["repeatDisputeCount"])) if ok]
    legal = e["reasonCode"] == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"])
    credit = supported if (supported and e["action"] in ("credit_memo", "write_off")) else Z
    credit_conv = to_company(lgn, num, credit)
    controller = credit_conv is not None and credit_conv > D(pol["approvalLimits"]["lead"])
    esc = bool(why) or legal or controller
    for w in why: esc_reasons[w] += 1
    if "escalation" not in e: fail(f"{cid}: escalation not stated")
    elif esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} ({why}, legal={legal}, controller={controller}; disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if legal and "legal" not in e.get("stakeholders", []): fail(f"{cid}: legal escalation expected in stakeholders")
    if e.get("stakeholders", [None])[0] != TEAM[e["reasonCode"]]: fail(f"{cid}: first stakeholder {e.get('stakeholders')} is not the routing table's {TEAM[e['reasonCode']]}")
    if num not in e.get("emailMentions", []): fail(f"{cid}: email should name the invoice")
    for m in e.get("emailMentions", []):
        if m != num and (m not in (e.get("supportedAmount"), e.get("disputedAmount")) or D(m) >= 1000): fail(f"{cid}: email mention {m} is not a figure below 1,000 of the case")
    first = c["turns"][0]
    for topic in e.get("neverAsks", []):
        if topic == "invoice" and not (num in first or num.split("-")[-1].lstrip("0") in first or num.split("F")[-1].lstrip("0") in first or num[:4].lstrip("0") in first): fail(f"{cid}: neverAsks invoice but turn 1 names none")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases: by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {sum(cnt.values())} cases {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "n/a")) for c in cases)), "triggers:", dict(esc_reasons))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print("  invoices per ledger:", {k: len(v["invoices"]) for k, v in sorted(ledgers.items())})
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
