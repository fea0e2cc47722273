#!/usr/bin/env python3
"""Batch-51 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-51/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # SBD, MYR, TMT, USD, MMK, SGD: 2
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
NO_RATE = {"HZ26.130"}   # batch 51: the Malaysian customer of Hazar is billed in MYR and the ledger has no MYR rate
INTENDED_WRONG_PO = {"HZ26.121"}   # quotes PCO-4471; Petrasia issued PCO-4417
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
def fee_desc(lgn, num, start): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").startswith(start)), D("0"))
def fee_desc_owed(lgn, num, start, words):
    """A fee named by its description is owed when the contract's notes name it (by `words`) or the customer's PO lists it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    in_notes = bool(c and words.lower() in c.get("notes", "").lower())
    on_po = any(l.get("description", "").lower() == start.lower() for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for l in po["lines"])
    return in_notes or on_po
SB, TM, MM = "kolombangara-plant-sbd.ledger.json", "hazar-camp-tmt.ledger.json", "golden-padauk-mmk.ledger.json"
T_SB, T_TM, T_MM = "2026-11-24", "2026-10-21", "2026-12-03"
def nothing_could_pay(lgn, num):
    """No payment of the customer could settle `num`: none applied to it, none unapplied, and every payment applied
    elsewhere names the invoice it pays in its reference."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    ps = [p for p in lg.get("payments", []) if p["customerId"] == cust]
    return all(p.get("invoiceNumber") not in (None, num) and p["invoiceNumber"] in p.get("reference", "") for p in ps)
def no_contract_no_po(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num)
    return contract_of(lg, i) is None and not any(p["customerId"] == i["customerId"] for p in lg.get("purchaseOrders", []))
def dates_credit(lgn, num, n, sku, dates):
    left = unserved_dates(lgn, num, sku, dates)
    return None if left is None else units_credit(lgn, num, n, len(left))
def to_sbd_etc(lgn, num, amount): return to_company(lgn, num, amount)

# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b51-sb-rlt-hose-price": (lambda: price_diff(SB, "KPM/HIR/0412", 1), lambda: price_diff(SB, "KPM/HIR/0412", 1, "1250.00")),
 "b51-sb-ktg-oil-5-drums": (lambda: short(SB, "KPM/NOR/0413", 1, delivered(SB, "KPM/NOR/0413", "OIL-208")), lambda: units_credit(SB, "KPM/NOR/0413", 1, 6 - 5)),
 "b51-sb-rlt-tyres-damaged": (lambda: units_credit(SB, "KPM/HIR/0416", 1, delivered(SB, "KPM/HIR/0416", "TYRE-2325", "damagedQuantity")), lambda: units_credit(SB, "KPM/HIR/0416", 1, 2)),
 "b51-sb-ktg-standby-dates": (None, lambda: units_credit(SB, "KPM/NOR/0427", 1, 2)),
 "b51-sb-rlt-double-0420": (lambda: inv_total(SB, "KPM/HIR/0420") if same_basis_duplicate(SB, "KPM/HIR/0420", "KPM/HIR/0419") else Z, lambda: inv_total(SB, "KPM/HIR/0420")),
 "b51-sb-rlt-no-lpo-0425": (lambda: Z if po_defect(SB, "KPM/HIR/0425") else None, lambda: inv_total(SB, "KPM/HIR/0425")),
 "b51-sb-ktg-paid-bsp": (lambda: unapplied_payment(SB, "KPM/NOR/0421", "2026-11-18"), lambda: open_bal(SB, "KPM/NOR/0421")),
 "b51-sb-ktg-late-fee-2mths": (lambda: fee_not_owed(SB, "KPM/NOR/0398", T_SB), lambda: fee(SB, "KPM/NOR/0398", "late_fee")),
 "b51-sb-mrr-tax-exempt": (lambda: inv_tax(SB, "KPM/HIR/0415") if tax_exempt(SB, "KPM/HIR/0415") else Z, lambda: inv_tax(SB, "KPM/HIR/0415")),
 "b51-sb-rlt-freight-416": (lambda: Z if fee_on_po(SB, "KPM/HIR/0416", "freight") else fee(SB, "KPM/HIR/0416", "freight"), lambda: fee(SB, "KPM/HIR/0416", "freight")),
 "b51-sb-lth-overhaul-myr": (lambda: short(SB, "KPM/HIR/0418", 1, logged(SB, "KPM/HIR/0418", "ENG-OVH")), lambda: short(SB, "KPM/HIR/0418", 1, 1)),
 "b51-sb-nbt-compressor-noisy": (lambda: short(SB, "KPM/NOR/0417", 1, logged(SB, "KPM/NOR/0417", "RFR-SVC")), lambda: line_gross(SB, "KPM/NOR/0417", 1)),
 "b51-sb-mrr-mech-hours": (lambda: short(SB, "KPM/HIR/0423", 1, logged(SB, "KPM/HIR/0423", "MECH-HR")), lambda: short(SB, "KPM/HIR/0423", 1, 8)),
 "b51-sb-rlt-pm250-old-price": (lambda: price_diff(SB, "KPM/HIR/0424", 1), lambda: price_diff(SB, "KPM/HIR/0424", 1, "6000.00")),
 "b51-sb-ktg-filters-no-pod": (None, lambda: short(SB, "KPM/NOR/0426", 1, 8)),
 "b51-sb-lth-mech-rate-myr": (lambda: price_diff(SB, "KPM/HIR/0409", 1), lambda: price_diff(SB, "KPM/HIR/0409", 1, "180.00")),

 "b51-tm-nds-meals-aug": (lambda: short(TM, "HZ26.101", 1, logged(TM, "HZ26.101", "MEAL-MD")), lambda: short(TM, "HZ26.101", 1, 1180)),
 "b51-tm-lgs-bednights": (lambda: short(TM, "HZ26.104", 1, logged(TM, "HZ26.104", "BED-NT")), lambda: short(TM, "HZ26.104", 1, 290)),
 "b51-tm-nds-laundry-rate": (lambda: price_diff(TM, "HZ26.107", 1), lambda: price_diff(TM, "HZ26.107", 1, "6.50")),
 "b51-tm-aml-bus-double": (lambda: inv_total(TM, "HZ26.110") if same_basis_duplicate(TM, "HZ26.110", "HZ26.109") else Z, lambda: inv_total(TM, "HZ26.110")),
 "b51-tm-aml-water-short": (lambda: short(TM, "HZ26.112", 1, delivered(TM, "HZ26.112", "WTR-M3")), lambda: short(TM, "HZ26.112", 1, 228)),
 "b51-tm-pco-meal-rate-usd": (lambda: price_diff(TM, "HZ26.115", 1), lambda: price_diff(TM, "HZ26.115", 1, "22.00")),
 "b51-tm-pco-sep-double": (lambda: inv_total(TM, "HZ26.119") if same_basis_duplicate(TM, "HZ26.119", "HZ26.118") else Z, lambda: inv_total(TM, "HZ26.119")),
 "b51-tm-khe-paid-myr": (lambda: unapplied_payment(TM, "HZ26.130", "2026-10-19"), lambda: open_bal(TM, "HZ26.130")),
 "b51-tm-pco-wrong-po": (lambda: Z if po_defect(TM, "HZ26.121") else None, lambda: inv_total(TM, "HZ26.121")),
 "b51-tm-nds-late-fee-grace": (lambda: fee_not_owed(TM, "HZ26.098", T_TM), lambda: fee(TM, "HZ26.098", "late_fee")),
 "b51-tm-lgs-vat": (lambda: inv_tax(TM, "HZ26.125") if tax_exempt(TM, "HZ26.125") else Z, lambda: inv_tax(TM, "HZ26.125")),
 "b51-tm-aml-fasttrack": (lambda: Z if fee_desc_owed(TM, "HZ26.127", "Airport fast-track handling", "fast-track") else fee_desc(TM, "HZ26.127", "Airport fast-track"), lambda: fee_desc(TM, "HZ26.127", "Airport fast-track")),
 "b51-tm-aml-paid-nothing": (None, lambda: open_bal(TM, "HZ26.116")),
 "b51-tm-aml-trips-40": (lambda: short(TM, "HZ26.132", 1, logged(TM, "HZ26.132", "BUS-TRP")), lambda: short(TM, "HZ26.132", 1, 36)),
 "b51-tm-lgs-housekeeping-oct": (lambda: outside_contract(TM, "HZ26.134"), lambda: outside_contract(TM, "HZ26.134")),

 "b51-mm-mbg-oct-shifts": (lambda: short(MM, "26Y0431", 1, logged(MM, "26Y0431", "GRD-12")), lambda: short(MM, "26Y0431", 1, 60)),
 "b51-mm-tpm-shutdown-nights": (lambda: dates_credit(MM, "26T0440", 1, "GRD-12", ["2026-11-02", "2026-11-03"]), lambda: units_credit(MM, "26T0440", 1, 2)),
 "b51-mm-lhh-cctv-sgd": (lambda: price_diff(MM, "26Y0420", 2), lambda: price_diff(MM, "26Y0420", 2, "150.00")),
 "b51-mm-lhh-oct-double": (lambda: inv_total(MM, "26Y0437") if same_basis_duplicate(MM, "26Y0437", "26Y0436") else Z, lambda: inv_total(MM, "26Y0437")),
 "b51-mm-tpm-tax-sez": (lambda: inv_tax(MM, "26T0425") if tax_exempt(MM, "26T0425") else Z, lambda: inv_tax(MM, "26T0425")),
 "b51-mm-tpm-no-po": (lambda: Z if po_defect(MM, "26T0433") else None, lambda: inv_total(MM, "26T0433")),
 "b51-mm-tpm-cams-14": (lambda: short(MM, "26T0428", 1, delivered(MM, "26T0428", "CAM-4MP")), lambda: short(MM, "26T0428", 1, 14)),
 "b51-mm-tpm-cams-broken": (lambda: units_credit(MM, "26T0428", 1, delivered(MM, "26T0428", "CAM-4MP", "damagedQuantity")), lambda: units_credit(MM, "26T0428", 1, 3)),
 "b51-mm-mbg-late-fee": (lambda: fee_not_owed(MM, "26Y0402", T_MM), lambda: fee(MM, "26Y0402", "late_fee")),
 "b51-mm-kpc-paid-kbzpay": (lambda: unapplied_payment(MM, "26Y0434", "2026-11-26"), lambda: open_bal(MM, "26Y0434")),
 "b51-mm-lhh-cleaning-slow": (lambda: short(MM, "26Y0427", 1, logged(MM, "26Y0427", "CLN-MTH")), lambda: line_gross(MM, "26Y0427", 1)),
 "b51-mm-saf-k9-27": (lambda: short(MM, "26Y0429", 1, logged(MM, "26Y0429", "K9-NT")), lambda: short(MM, "26Y0429", 1, 27)),
 "b51-mm-kpc-event-fee": (None, lambda: fee_desc(MM, "26Y0439", "Event standby")),
 "b51-mm-tpm-guard-old-rate": (lambda: price_diff(MM, "26T0441", 1), lambda: price_diff(MM, "26T0441", 1, "38000.00")),
 "b51-mm-saf-guard-rate": (lambda: price_diff(MM, "26Y0435", 1), lambda: price_diff(MM, "26Y0435", 1, "40000.00")),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b51-sb-ktg-standby-dates": lambda: unserved_dates(SB, "KPM/NOR/0427", "STBY-DAY", ["2026-10-14", "2026-10-15"]) is None,
 "b51-sb-ktg-filters-no-pod": lambda: not has_delivery(SB, "KPM/NOR/0426", "FILT-KIT"),
 "b51-tm-aml-paid-nothing": lambda: nothing_could_pay(TM, "HZ26.116"),
 "b51-mm-kpc-event-fee": lambda: no_contract_no_po(MM, "26Y0439"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b51-tm-wrong-customer-118": (TM, "HZ26.118", "TM-KHE")}
# Unknown invoices: no invoice of the ledger ends with these digits.
UNKNOWN = {"b51-sb-unknown-0499": (SB, "499"), "b51-mm-unknown-0499": (MM, "0499")}
for cid, (lgn, tail) in UNKNOWN.items():
    if any(i["number"].endswith(tail) for i in ledgers[lgn]["invoices"]): fail(f"{cid}: an invoice ends with {tail}")
# The withdrawn claim names an invoice billed at the contract price.
if price_diff(TM, "HZ26.123", 1) != 0: fail("b51-tm-aml-withdrawn: HZ26.123 is not at the contract price")

# ---- numbering: Kolombangara KPM/<branch>/<seq> (NOR = Noro for the western camps and plant, HIR = Honiara);
#      Hazar HZ26.<seq>; Golden Padauk 26<Y|T><seq> (T = Thilawa branch, only Thilawa Precision Moulding)
import re
NOR = {"SB-KTG", "SB-NBT"}
for i in ledgers[SB]["invoices"]:
    m = re.fullmatch(r"KPM/(HIR|NOR)/(\d{4})", i["number"])
    if not m: fail(f"{i['number']}: numbering")
    elif (m.group(1) == "NOR") != (i["customerId"] in NOR): fail(f"{i['number']}: branch code vs customer")
for i in ledgers[TM]["invoices"]:
    if not re.fullmatch(r"HZ26\.\d{3}", i["number"]): fail(f"{i['number']}: numbering")
for i in ledgers[MM]["invoices"]:
    m = re.fullmatch(r"26([YT])(\d{4})", i["number"])
    if not m: fail(f"{i['number']}: numbering")
    elif (m.group(1) == "T") != (i["customerId"] == "MM-TPM"): fail(f"{i['number']}: branch letter vs customer")
for lgn in (SB, TM, MM):
    seqs = [re.sub(r"\D", "", i["number"])[-3:] for i in ledgers[lgn]["invoices"]]
    if len(seqs) != len(set(seqs)): fail(f"{lgn}: sequence numbers repeat across branches")
# exempt customers: only the invoice a case disputes carries tax
TAXED_BY_MISTAKE = {"KPM/HIR/0415", "HZ26.125", "26T0425"}
for lgn in (SB, TM, MM):
    for i in ledgers[lgn]["invoices"]:
        taxed = any(l.get("taxRate") for l in i["lines"])
        if tax_exempt(lgn, i["number"]) and taxed != (i["number"] in TAXED_BY_MISTAKE): fail(f"{i['number']}: exempt customer taxed={taxed}")
        if i["currency"] != home(ledgers[lgn]) and taxed: fail(f"{i['number']}: foreign-currency invoices carry no tax in this batch")

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
    if not cid.startswith("b51-"): fail(f"{cid}: id prefix")
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

