#!/usr/bin/env python3
"""Batch-53 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-53/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0, "BIF": 0}  # USD, TZS, SZL, ZAR: 2
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
NO_RATE = set()   # batch 53: every foreign-currency invoice has a rate
INTENDED_WRONG_PO = set()   # batch 53 has no invoice quoting a PO the customer never issued
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
SR, LK, TT = "drvopak-pallets-rsd.ledger.json", "aquaceylon-pools-lkr.ledger.json", "caroni-readymix-ttd.ledger.json"
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
DJ, BI, SZ = "ghoubbet-salt-djf.ledger.json", "rusizi-paints-bif.ledger.json", "lusushwana-bakery-szl.ledger.json"
T_DJ, T_BI, T_SZ = "2026-09-16", "2026-08-20", "2026-10-14"
def G(n): return f"GSB/FV/26/{n}"
def trips_owed(lgn, num, sku):
    """A per-trip charge is owed for each trip the contract prices and the delivery records show (distinct delivery dates)."""
    return len({d["deliveredDate"] for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num}) if contract_price(lgn, num, sku) else 0
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b53-dj-awash-torn-bags": (lambda: units_credit(DJ, G("0512"), 1, delivered(DJ, G("0512"), "SEL-IOD-50", "damagedQuantity")), lambda: units_credit(DJ, G("0512"), 1, 35)),
 "b53-dj-awash-third-truck-short": (lambda: short(DJ, G("0518"), 1, delivered(DJ, G("0518"), "SEL-IOD-50")), lambda: short(DJ, G("0518"), 1, 800 + 800 + 500)),
 "b53-dj-awash-one-swift-two-invoices": (lambda: unapplied_payment(DJ, G("0531"), "2026-09-02"), lambda: open_bal(DJ, G("0531"))),
 "b53-dj-awash-0531-forty-bags": (lambda: short(DJ, G("0531"), 1, delivered(DJ, G("0531"), "SEL-IOD-50")), lambda: units_credit(DJ, G("0531"), 1, 40)),
 "b53-dj-awash-0540-twice": (lambda: inv_total(DJ, G("0540")) if same_basis_duplicate(DJ, G("0540"), G("0539")) else Z, lambda: inv_total(DJ, G("0540"))),
 "b53-dj-mojo-weighbridge": (lambda: short(DJ, G("0515"), 1, delivered(DJ, G("0515"), "SEL-IND-T")), lambda: units_credit(DJ, G("0515"), 1, D("3.5"))),
 "b53-dj-mojo-late-charge": (lambda: fee_not_owed(DJ, G("0488"), T_DJ), lambda: fee(DJ, G("0488"), "late_fee")),
 "b53-dj-kombolcha-bag-price": (lambda: price_diff(DJ, G("0520"), 1), lambda: price_diff(DJ, G("0520"), 1, "3.05")),
 "b53-dj-kombolcha-pallet-wrap": (lambda: Z if fee_on_po(DJ, G("0529"), "other") else fee(DJ, G("0529"), "other"), lambda: fee(DJ, G("0529"), "other")),
 "b53-dj-kombolcha-no-po": (lambda: Z if po_defect(DJ, G("0534")) else None, lambda: inv_total(DJ, G("0534"))),
 "b53-dj-balbala-wet-cartons": (lambda: short(DJ, G("0521"), 1, delivered(DJ, G("0521"), "SEL-FIN-CTN")), lambda: units_credit(DJ, G("0521"), 1, 24)),
 "b53-dj-balbala-bc0612-twice": (lambda: inv_total(DJ, G("0526")) if same_basis_duplicate(DJ, G("0526"), G("0524")) else Z, lambda: inv_total(DJ, G("0526"))),
 "b53-dj-balbala-penalties": (lambda: fee_not_owed(DJ, G("0479"), T_DJ), lambda: fee(DJ, G("0479"), "late_fee")),
 "b53-dj-berbera-price-no-contract": (None, lambda: price_diff(DJ, G("0525"), 1, "58.00")),
 "b53-dj-berbera-second-truck": (lambda: short(DJ, G("0532"), 1, delivered(DJ, G("0532"), "SEL-IND-T")), lambda: short(DJ, G("0532"), 1, 35)),

 "b53-bi-imbo-mabati-backorder": (lambda: short(BI, "F26-B1043", 1, delivered(BI, "F26-B1043", "TOLE-G28-3M")), lambda: units_credit(BI, "F26-B1043", 1, 50)),
 "b53-bi-imbo-second-transport": (lambda: short(BI, "F26-B1043", 4, trips_owed(BI, "F26-B1043", "DELIV-TRIP")), lambda: units_credit(BI, "F26-B1043", 4, 1)),
 "b53-bi-imbo-primer-after-credit-note": (lambda: short(BI, "F26-B1047", 2, delivered(BI, "F26-B1047", "PRIM-20L")), lambda: units_credit(BI, "F26-B1047", 2, 2)),
 "b53-bi-imbo-no-bon": (lambda: Z if po_defect(BI, "F26-B1052") else None, lambda: inv_total(BI, "F26-B1052")),
 "b53-bi-kiriri-tinting": (lambda: short(BI, "F26-B1045", 2, logged(BI, "F26-B1045", "TINT")), lambda: units_credit(BI, "F26-B1045", 2, 50)),
 "b53-bi-kiriri-gloss-returned": (lambda: short(BI, "F26-B1049", 1, delivered(BI, "F26-B1049", "OIL-4L")), lambda: units_credit(BI, "F26-B1049", 1, 12)),
 "b53-bi-kiriri-paid-which": (None, None),
 "b53-bi-amahoro-vat": (lambda: inv_tax(BI, "F26-B1050") if tax_exempt(BI, "F26-B1050") else Z, lambda: inv_tax(BI, "F26-B1050")),
 "b53-bi-amahoro-mutimbuzi-count": (lambda: short(BI, "F26-B1044", 1, delivered(BI, "F26-B1044", "TOLE-G30-3M")), lambda: short(BI, "F26-B1044", 1, 500 + 460)),
 "b53-bi-mwanga-debe-damaged": (lambda: units_credit(BI, "F26-B1042", 2, delivered(BI, "F26-B1042", "EMU-20L", "damagedQuantity")), lambda: units_credit(BI, "F26-B1042", 2, 4)),
 "b53-bi-mwanga-tt-1048": (lambda: unapplied_payment(BI, "F26-B1048", "2026-08-18"), lambda: open_bal(BI, "F26-B1048")),
 "b53-bi-mwanga-riba": (lambda: fee_not_owed(BI, "F26-B1039", T_BI), lambda: fee(BI, "F26-B1039", "late_fee")),
 "b53-bi-gitega-old-price": (lambda: price_diff(BI, "F26-G0215", 1), lambda: price_diff(BI, "F26-G0215", 1, "30000")),
 "b53-bi-gitega-po81-twice": (lambda: inv_total(BI, "F26-G0219") if same_basis_duplicate(BI, "F26-G0219", "F26-G0217") else Z, lambda: inv_total(BI, "F26-G0219")),
 "b53-bi-gitega-backorder-500": (lambda: short(BI, "F26-G0221", 1, delivered(BI, "F26-G0221", "TOLE-G30-3M")), lambda: short(BI, "F26-G0221", 1, 700)),

 "b53-sz-sibebe-yeast-backorder": (lambda: short(SZ, "TI-26-07741", 1, delivered(SZ, "TI-26-07741", "YST-CTN")), lambda: units_credit(SZ, "TI-26-07741", 1, 3)),
 "b53-sz-sibebe-wet-flour": (lambda: units_credit(SZ, "TI-26-07744", 1, delivered(SZ, "TI-26-07744", "FLR-BRD-25", "damagedQuantity")), lambda: units_credit(SZ, "TI-26-07744", 1, 8)),
 "b53-sz-sibebe-interest": (lambda: fee_not_owed(SZ, "TI-26-07690", T_SZ), lambda: fee(SZ, "TI-26-07690", "late_fee")),
 "b53-sz-sibebe-margarine-no-dn": (None, lambda: units_credit(SZ, "TI-26-07755", 1, 10)),
 "b53-sz-ezulwini-sugar-two-stores": (lambda: short(SZ, "TI-26-07752", 2, delivered(SZ, "TI-26-07752", "SUG-50")), lambda: short(SZ, "TI-26-07752", 2, 50 + 35)),
 "b53-sz-ezulwini-yeast-price": (lambda: price_diff(SZ, "TI-26-07758", 1), lambda: price_diff(SZ, "TI-26-07758", 1, "1200.00")),
 "b53-sz-ezulwini-no-po": (lambda: Z if po_defect(SZ, "TI-26-07763") else None, lambda: inv_total(SZ, "TI-26-07763")),
 "b53-sz-ezulwini-two-orders": (lambda: inv_total(SZ, "TI-26-07768") if same_basis_duplicate(SZ, "TI-26-07768", "TI-26-07765") else Z, lambda: inv_total(SZ, "TI-26-07768")),
 "b53-sz-lubombo-vat": (lambda: inv_tax(SZ, "TI-26-07760") if tax_exempt(SZ, "TI-26-07760") else Z, lambda: inv_tax(SZ, "TI-26-07760")),
 "b53-sz-lubombo-torn-sugar": (lambda: short(SZ, "TI-26-07745", 1, delivered(SZ, "TI-26-07745", "SUG-50")), lambda: units_credit(SZ, "TI-26-07745", 1, 15)),
 "b53-sz-lowveld-margarine-backorder": (lambda: short(SZ, "EX-26-0093", 2, delivered(SZ, "EX-26-0093", "MARG-10")), lambda: units_credit(SZ, "EX-26-0093", 2, 6)),
 "b53-sz-lowveld-eft-one-paid": (lambda: unapplied_payment(SZ, "EX-26-0097", "2026-10-05"), lambda: open_bal(SZ, "EX-26-0097")),
 "b53-sz-malolotja-august-visit": (lambda: short(SZ, "TI-26-07748", 1, logged(SZ, "TI-26-07748", "OVEN-SVC")), lambda: units_credit(SZ, "TI-26-07748", 1, 1)),
 "b53-sz-malolotja-sept-dates": (None, lambda: units_credit(SZ, "TI-26-07761", 1, 2)),
 "b53-sz-malolotja-october-plan-ended": (lambda: outside_contract(SZ, "TI-26-07770"), lambda: inv_total(SZ, "TI-26-07770")),
 "b53-sz-malolotja-burnt-bread": (lambda: short(SZ, "TI-26-07735", 1, logged(SZ, "TI-26-07735", "OVEN-SVC")), lambda: inv_total(SZ, "TI-26-07735")),
}
def quoted_transfer_pays_another(lgn, num, when, amount):
    """The transfer the customer quotes (date and amount) is applied to another invoice whose number its reference names, and no payment of
    the customer is unapplied or applied to `num`: nothing could be theirs for `num`."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    q = [p for p in lg["payments"] if p["customerId"] == cust and p["date"] == when and D(p["amount"]) == D(amount)]
    unapplied = [p for p in lg["payments"] if p["customerId"] == cust and not p.get("invoiceNumber")]
    on_this = [p for p in lg["payments"] if p.get("invoiceNumber") == num]
    return bool(q) and all(p.get("invoiceNumber") not in (None, num) and p["invoiceNumber"] in p["reference"] for p in q) and not unapplied and not on_this
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b53-dj-berbera-price-no-contract": lambda: not contract_of(ledgers[DJ], I(DJ, G("0525"))) and not I(DJ, G("0525")).get("poNumber"),
 "b53-bi-kiriri-paid-which": lambda: quoted_transfer_pays_another(BI, "F26-B1049", "2026-07-28", "2902800"),
 "b53-sz-sibebe-margarine-no-dn": lambda: not has_delivery(SZ, "TI-26-07755", "MARG-10"),
 "b53-sz-malolotja-sept-dates": lambda: unserved_dates(SZ, "TI-26-07761", "OVEN-SVC", ["2026-09-09", "2026-09-23"]) is None,
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b53-bi-wrong-customer-g0217": (BI, "F26-G0217", "BI-KIR")}

# ---- numbering: Ghoubbet GSB/FV/26/NNNN; Rusizi F26-B#### (Bujumbura) / F26-G#### (Gitega branch, the Gitega dealer only);
#      Lusushwana TI-26-0#### (SZL tax invoices) / EX-26-#### (ZAR exports, zero-rated)
import re
for i in ledgers[DJ]["invoices"]:
    if not re.fullmatch(r"GSB/FV/26/\d{4}", i["number"]): fail(f"{i['number']}: Ghoubbet numbering")
    if (i["currency"] == "DJF") != any(l.get("taxRate") for l in i["lines"]): fail(f"{i['number']}: TVA only on DJF invoices")
for i in ledgers[BI]["invoices"]:
    m = re.fullmatch(r"F26-([BG])\d{4}", i["number"])
    if not m or (m.group(1) == "G") != (i["customerId"] == "BI-GIT"): fail(f"{i['number']}: Rusizi branch numbering")
    taxed = any(l.get("taxRate") for l in i["lines"])
    if i["currency"] == "TZS" and taxed: fail(f"{i['number']}: exports are zero-rated")
    if i["currency"] == "BIF" and taxed == tax_exempt(BI, i["number"]) and i["number"] != "F26-B1050": fail(f"{i['number']}: TVA vs exemption")
for i in ledgers[SZ]["invoices"]:
    ok = re.fullmatch(r"TI-26-0\d{4}", i["number"]) if i["currency"] == "SZL" else re.fullmatch(r"EX-26-\d{4}", i["number"])
    if not ok: fail(f"{i['number']}: Lusushwana series")
    taxed = any(l.get("taxRate") for l in i["lines"])
    if i["currency"] == "ZAR" and taxed: fail(f"{i['number']}: exports are zero-rated")
    if i["currency"] == "SZL" and taxed == tax_exempt(SZ, i["number"]) and i["number"] != "TI-26-07760": fail(f"{i['number']}: VAT vs exemption")

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
    if not cid.startswith("b53-"): fail(f"{cid}: id prefix")
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
        amount = disputed if disputed is not None else (supported if supported is not None else open_bal(lgn, num))
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

