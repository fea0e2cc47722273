#!/usr/bin/env python3
"""Batch-23 author's cross-check (adapted from batch 22's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-23/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # NGN, USD, MYR, AUD, BND, TTD, BBD: 2
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
NO_RATE = {"GGI_26_0543", "CPS26-842"}   # BND and BBD invoices without a rate in their ledgers
INTENDED_WRONG_PO = set()   # batch 23 has no invoice quoting a PO the customer never issued
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 14 <= len(nums) <= 17: fail(f"{name}: {len(nums)} invoices")
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
NGL, MYL, TTL = "ikeja-imaging-ngn.ledger.json", "gemilang-glove-myr.ledger.json", "coral-cove-pools-ttd.ledger.json"
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


# ---- ledger conventions of this batch: contract prices and tax as billed, with the intended defects listed
WRONG_PRICE = {("IMG26-0451-L", 1), ("GGI_26_0531", 1), ("GGI_26_0546", 1), ("CPS26-842", 1), ("CPS26-845", 1)}
WRONG_TAX = {"IMG26-0456-A", "GGI_26_0537", "CPS26-840"}   # exempt customers taxed on every line
STD_TAX = {NGL: {"*": "0.075"}, MYL: {"PRINT-BOX": "0.08", "STORAGE-PLT-WK": "0.08", "*": "0.10"}, TTL: {"*": "0.125"}}
for name, lg in ledgers.items():
    for i in lg["invoices"]:
        c = contract_of(lg, i)
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        for l in i["lines"]:
            if c:
                p = next((x["unitPrice"] for x in c["prices"] if x["sku"] == l["sku"]), None)
                if p is None: fail(f"{name} {i['number']} line {l['line']}: SKU not in contract")
                elif (D(p) != D(l["unitPrice"])) != ((i["number"], l["line"]) in WRONG_PRICE): fail(f"{name} {i['number']} line {l['line']}: price {l['unitPrice']} vs contract {p}")
            want = None if cust.get("taxExempt") else STD_TAX[name].get(l["sku"], STD_TAX[name]["*"])
            if i["number"] in WRONG_TAX: want = STD_TAX[name].get(l["sku"], STD_TAX[name]["*"])
            if l.get("taxRate") != want: fail(f"{name} {i['number']} line {l['line']}: tax {l.get('taxRate')} expected {want}")

Z = D("0")
T_NG, T_MY, T_TT = "2026-10-21", "2026-08-12", "2026-11-11"
N = lambda s: f"IMG26-{s}"
M = lambda s: f"GGI_26_{s}"
C = lambda s: f"CPS26-{s}"
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b23-ng-ady-ct-pm-880k": (lambda: price_diff(NGL, N("0451-L"), 1), lambda: price_diff(NGL, N("0451-L"), 1, "850000.00")),
 "b23-ng-okonjo-16-cartons-angry": (lambda: short(NGL, N("0452-L"), 1, delivered(NGL, N("0452-L"), "DRYFILM-10x12")), lambda: short(NGL, N("0452-L"), 1, 16)),
 "b23-ng-crestview-no-lpo-junior": (lambda: Z if po_defect(NGL, N("0453-A")) else None, lambda: inv_total(NGL, N("0453-A"))),
 "b23-ng-crestview-afterhours-portal": (lambda: Z if fee_in_contract_notes(NGL, N("0454-A"), "service_fee", "after-hours surcharge") else fee(NGL, N("0454-A"), "service_fee"), lambda: fee(NGL, N("0454-A"), "service_fee")),
 "b23-ng-sahel-vat-letter": (lambda: inv_tax(NGL, N("0456-A")) if tax_exempt(NGL, N("0456-A")) else Z, lambda: inv_tax(NGL, N("0456-A"))),
 "b23-ng-sahel-september-dictated": (lambda: outside_contract(NGL, N("0460-A")), lambda: inv_total(NGL, N("0460-A"))),
 "b23-ng-delta-double-pidgin": (lambda: inv_total(NGL, N("0462-P")) if same_basis_duplicate(NGL, N("0462-P"), N("0461-P")) else Z, lambda: inv_total(NGL, N("0462-P"))),
 "b23-ng-sgh-3-of-4-indian": (lambda: short(NGL, N("0458-L"), 1, logged(NGL, N("0458-L"), "CT-PM-VISIT")), lambda: units_credit(NGL, N("0458-L"), 1, 1)),
 "b23-ng-sgh-paid-shorthand": (lambda: unapplied_payment(NGL, N("0457-L"), "2026-09-18"), lambda: open_bal(NGL, N("0457-L"))),
 "b23-ng-ady-latefee-call": (lambda: fee_not_owed(NGL, N("0463-L"), T_NG), lambda: fee(NGL, N("0463-L"), "late_fee")),
 "b23-ng-sgh-ups-corrected": (lambda: short(NGL, N("0459-L"), 1, delivered(NGL, N("0459-L"), "UPS-BATTERY")), lambda: short(NGL, N("0459-L"), 1, 36)),
 "b23-ng-ajah-survey-fee": (None, lambda: fee(NGL, N("0464-L"), "other")),
 "b23-ng-ady-tube-cracked-2turn": (lambda: units_credit(NGL, N("0455-L"), 1, delivered(NGL, N("0455-L"), "XR-TUBE", "damagedQuantity")), lambda: inv_total(NGL, N("0455-L"))),
 "b23-ng-crestview-helium-corrected": (lambda: short(NGL, N("0466-A"), 1, delivered(NGL, N("0466-A"), "HELIUM-L")), lambda: short(NGL, N("0466-A"), 1, 180)),

 "b23-my-chonghup-price-zh": (lambda: price_diff(MYL, M("0531"), 1), lambda: price_diff(MYL, M("0531"), 1, "98.00")),
 "b23-my-chonghup-no-po-zh": (lambda: Z if po_defect(MYL, M("0532")) else None, lambda: inv_total(MYL, M("0532"))),
 "b23-my-chonghup-latefee-zh": (lambda: fee_not_owed(MYL, M("0533"), T_MY), lambda: fee(MYL, M("0533"), "late_fee")),
 "b23-my-schd-short-aussie": (lambda: short(MYL, M("0534"), 1, delivered(MYL, M("0534"), "NTR-L-CTN")), lambda: short(MYL, M("0534"), 1, 1180)),
 "b23-my-schd-fumigation-writeoff": (lambda: Z if fee_in_contract_notes(MYL, M("0535"), "other") or fee_on_po(MYL, M("0535"), "other") else fee(MYL, M("0535"), "other"), lambda: fee(MYL, M("0535"), "other")),
 "b23-my-schd-paid-eft": (lambda: unapplied_payment(MYL, M("0536"), "2026-07-03"), lambda: open_bal(MYL, M("0536"))),
 "b23-my-hospis-sst-letter": (lambda: inv_tax(MYL, M("0537")) if tax_exempt(MYL, M("0537")) else Z, lambda: inv_tax(MYL, M("0537"))),
 "b23-my-tanbros-storage-manglish": (lambda: short(MYL, M("0538"), 1, logged(MYL, M("0538"), "STORAGE-PLT-WK")), lambda: short(MYL, M("0538"), 1, 24)),
 "b23-my-tanbros-not-double-clerk": (lambda: inv_total(MYL, M("0540")) if same_basis_duplicate(MYL, M("0540"), M("0539")) else Z, lambda: inv_total(MYL, M("0540"))),
 "b23-my-klinik-wet-boxes-angry": (lambda: units_credit(MYL, M("0541"), 1, delivered(MYL, M("0541"), "NTR-M-CTN", "damagedQuantity")), lambda: units_credit(MYL, M("0541"), 1, 10)),
 "b23-my-brunei-short-portal": (lambda: short(MYL, M("0543"), 1, delivered(MYL, M("0543"), "NTR-M-CTN")), lambda: short(MYL, M("0543"), 1, 290)),
 "b23-my-chonghup-count-3turns": (lambda: short(MYL, M("0544"), 1, delivered(MYL, M("0544"), "NTR-M-CTN")), lambda: short(MYL, M("0544"), 1, 760)),
 "b23-my-tanbros-no-delivery-record": (None, lambda: short(MYL, M("0545"), 1, 90)),
 "b23-my-hospis-charity-price-malay": (lambda: price_diff(MYL, M("0546"), 1), lambda: price_diff(MYL, M("0546"), 1, "104.00")),

 "b23-tt-maracas-visits-angry": (lambda: units_credit(TTL, C("831"), 1, len(unserved_dates(TTL, C("831"), "POOL-VISIT", ["2026-10-08", "2026-10-15"]))), lambda: units_credit(TTL, C("831"), 1, 2)),
 "b23-tt-crownpoint-after-contract-lead": (lambda: outside_contract(TTL, C("833")), lambda: units_credit(TTL, C("833"), 1, 15)),
 "b23-tt-gae-no-po-scottish": (lambda: Z if po_defect(TTL, C("835")) else None, lambda: inv_total(TTL, C("835"))),
 "b23-tt-gae-afterwindow-2turn": (lambda: Z if fee_in_contract_notes(TTL, C("838"), "service_fee", "after-window call-out") else fee(TTL, C("838"), "service_fee"), lambda: fee(TTL, C("838"), "service_fee")),
 "b23-tt-gae-pumps-twice-phone": (lambda: inv_total(TTL, C("837")) if same_basis_duplicate(TTL, C("837"), C("836")) else Z, lambda: inv_total(TTL, C("837"))),
 "b23-tt-sac-leak-portal": (lambda: short(TTL, C("839"), 1, logged(TTL, C("839"), "LEAK-DETECT")), lambda: line_gross(TTL, C("839"), 1)),
 "b23-tt-sisters-vat": (lambda: inv_tax(TTL, C("840")) if tax_exempt(TTL, C("840")) else Z, lambda: inv_tax(TTL, C("840"))),
 "b23-tt-holetown-bbd-price": (lambda: price_diff(TTL, C("842"), 1), lambda: price_diff(TTL, C("842"), 1, "210.00")),
 "b23-tt-maracas-latefee-dictated": (lambda: fee_not_owed(TTL, C("832"), T_TT), lambda: fee(TTL, C("832"), "late_fee")),
 "b23-tt-crownpoint-sand-shorthand": (lambda: short(TTL, C("834"), 1, delivered(TTL, C("834"), "FILTER-SAND")), lambda: short(TTL, C("834"), 1, 30)),
 "b23-tt-maracas-deposit-not-found": (None, lambda: open_bal(TTL, C("844"))),
 "b23-tt-gae-visits-2turn-answer": (lambda: short(TTL, C("838"), 1, logged(TTL, C("838"), "POOL-VISIT")), lambda: units_credit(TTL, C("838"), 1, 2)),
 "b23-tt-sac-heater-2turn": (lambda: price_diff(TTL, C("845"), 1), lambda: price_diff(TTL, C("845"), 1, "1350.00")),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b23-ng-ajah-survey-fee": lambda: contract_of(ledgers[NGL], I(NGL, N("0464-L"))) is None and not I(NGL, N("0464-L")).get("poNumber") and not fee_on_po(NGL, N("0464-L"), "other"),
 "b23-my-tanbros-no-delivery-record": lambda: not has_delivery(MYL, M("0545"), "BLUE-NTR-CTN"),
 "b23-tt-maracas-deposit-not-found": lambda: not any_payment_for(TTL, C("844"), "2026-10-30", "RB-556102"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b23-ng-wrong-customer-0451": (NGL, N("0451-L"), "NG-CRV"), "b23-my-wrong-customer-0531": (MYL, M("0531"), "MY-SCH")}
# Unknown invoices that must not be replaced by a look-alike: really absent.
for lgn, num in [(NGL, "IMG26-0475-L"), (MYL, "GGI_26_0585"), (TTL, "CPS26-899")]:
    if any(i["number"] == num for i in ledgers[lgn]["invoices"]): fail(f"{num} exists in {lgn}")
if any("Chaguaramas" in c["name"] for c in ledgers[TTL]["customers"]): fail("Chaguaramas Marina is a customer")
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
    if not cid.startswith("b23-"): fail(f"{cid}: id prefix")
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
