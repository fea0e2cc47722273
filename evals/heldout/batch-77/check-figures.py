#!/usr/bin/env python3
"""Batch-77 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-77/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # BBD, SLE, EUR, GBP, CAD, USD: 2
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
NO_RATE = {"RPH-26278-01"}   # batch 77: the EUR invoice of the SLE ledger has no rate, on purpose
INTENDED_WRONG_PO = set()   # HFB26K-0471 quotes a PO that exists but is cancelled
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
BB, SL, MT = "seawell-inflight-bbd.ledger.json", "rokel-plant-hire-sle.ledger.json", "hal-far-blister-eur.ledger.json"
T_BB, T_SL, T_MT = "2026-11-18", "2026-10-29", "2026-12-09"
TODAY_OF = {BB: T_BB, SL: T_SL, MT: T_MT}

def dates_credit(lgn, num, n, sku, dates):
    """Units at the line's price (with its tax) for the named dates without a rendered per-day entry; None = needs_info."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def fee_amount(lgn, num, desc):
    return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description") == desc), D("0"))
def fee_supported(lgn, num, desc):
    """DOMAIN: a fee the customer's own PO lists (same description, at that price) or the contract's notes name is owed.
    Returns None when neither a PO line nor a contract exists (the fee cannot be judged)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); amount = fee_amount(lgn, num, desc)
    words = lambda s: sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
    cust_pos = [p for p in lg.get("purchaseOrders", []) if p["customerId"] == i["customerId"] and p.get("status") != "cancelled"]
    on_po = any(words(l.get("description", "")) == words(desc) and D(l["unitPrice"]) * D(str(l["quantity"])) == amount for p in cust_pos for l in p["lines"])
    in_notes = bool(c and desc.lower() in c.get("notes", "").lower())
    if on_po or in_notes: return True
    if not c and not i.get("poNumber"): return None
    return False
def line_supported_by_contract_and_log(lgn, num, n):
    """A line the contract prices at the billed price, with a rendered log for its full quantity: owed."""
    i = I(lgn, num); l = line(i, n)
    return contract_price(lgn, num, l["sku"]) == l["unitPrice"] and logged(lgn, num, l["sku"]) >= l["quantity"]
def rate_elsewhere_matches(lgn, num):
    """A customer that is not exempt owes tax at the rate its other invoices use for the same SKU (or the line's own rate)."""
    lg = ledgers[lgn]; i = I(lgn, num)
    for l in i["lines"]:
        others = [x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num
                  for x in o["lines"] if x["sku"] == l["sku"]]
        if others and any(D(o or "0") != D(l.get("taxRate") or "0") for o in others): return False
    return True
def every_line_taxed(lgn, num): return all(D(l.get("taxRate") or "0") > 0 for l in I(lgn, num)["lines"])

R = {
 # Barbados (BBD; GBP 2.7350 / 2.7110, CAD 1.4620 / 1.4480, USD 2.0000)
 "b77-bb-atlantic-y-meals-short": (lambda: short(BB, "FY27-P07-0411", 1, delivered(BB, "FY27-P07-0411", "ECO-MEAL")), lambda: units_credit(BB, "FY27-P07-0411", 1, 14)),
 "b77-bb-atlantic-club-meal-price": (lambda: price_diff(BB, "FY27-P07-0423", 2), lambda: price_diff(BB, "FY27-P07-0423", 2)),
 "b77-bb-atlantic-august-late-charge": (lambda: fee_not_owed(BB, "FY27-P05-0327", T_BB), lambda: fee(BB, "FY27-P05-0327", "late_fee")),
 "b77-bb-atlantic-diverted-wash-turn2": (lambda: short(BB, "FY27-P07-0428", 5, logged(BB, "FY27-P07-0428", "EQUIP-WASH")), lambda: line_gross(BB, "FY27-P07-0428", 5)),
 "b77-bb-maplejet-storage-after-season": (lambda: outside_contract(BB, "FY27-P08-0467"), lambda: D("180.00") + D("60.00")),
 "b77-bb-maplejet-mjv612-twice": (lambda: inv_total(BB, "FY27-P07-0407") if same_basis_duplicate(BB, "FY27-P07-0407", "FY27-P07-0404") else Z, lambda: inv_total(BB, "FY27-P07-0407")),
 "b77-bb-windward-week-no-po": (lambda: Z if po_defect(BB, "FY27-P07-0405") else None, lambda: inv_total(BB, "FY27-P07-0405")),
 "b77-bb-windward-hiloader-19-21": (lambda: dates_credit(BB, "FY27-P07-0431", 4, "HILIFT", ["2026-10-19", "2026-10-21"]), lambda: units_credit(BB, "FY27-P07-0431", 4, 2)),
 "b77-bb-windward-snack-boxes-crushed": (lambda: units_credit(BB, "FY27-P08-0455", 1, delivered(BB, "FY27-P08-0455", "SNACK-BOX", "damagedQuantity")), lambda: units_credit(BB, "FY27-P08-0455", 1, 20)),
 "b77-bb-windward-interest-debit-note": (lambda: fee_not_owed(BB, "FY27-P05-0318", T_BB), lambda: fee(BB, "FY27-P05-0318", "late_fee")),
 "b77-bb-skypalm-wire-oct-28": (lambda: unapplied_payment(BB, "FY27-P07-0402", "2026-10-28"), lambda: open_bal(BB, "FY27-P07-0402")),
 "b77-bb-skypalm-short-notice-surcharge": (lambda: Z if fee_supported(BB, "FY27-P07-0440", "Short-notice order surcharge") else fee_amount(BB, "FY27-P07-0440", "Short-notice order surcharge"),
                                           lambda: fee_amount(BB, "FY27-P07-0440", "Short-notice order surcharge")),
 "b77-bb-skypalm-linen-stained": (lambda: short(BB, "FY27-P08-0452", 4, logged(BB, "FY27-P08-0452", "CABIN-DRESS")), lambda: line_gross(BB, "FY27-P08-0452", 4)),
 "b77-bb-rss-vat-on-exempt": (lambda: inv_tax(BB, "FY27-P07-0419") if tax_exempt(BB, "FY27-P07-0419") and every_line_taxed(BB, "FY27-P07-0419") else Z, lambda: inv_tax(BB, "FY27-P07-0419")),
 "b77-bb-rss-ration-packs-40": (None, lambda: units_credit(BB, "FY27-P08-0446", 1, 20)),
 # Sierra Leone (SLE; USD 22.6500 / 22.8400; no EUR rate)
 "b77-sl-sherbro-pump-off-hire": (lambda: short(SL, "RPH-26275-01", 2, logged(SL, "RPH-26275-01", "PUMP-6IN")), lambda: units_credit(SL, "RPH-26275-01", 2, 4)),
 "b77-sl-sherbro-gst-lease-exempt": (lambda: inv_tax(SL, "RPH-26282-01") if tax_exempt(SL, "RPH-26282-01") and every_line_taxed(SL, "RPH-26282-01") else Z, lambda: inv_tax(SL, "RPH-26282-01")),
 "b77-sl-sherbro-adt-no-po": (lambda: Z if po_defect(SL, "RPH-26289-01") else None, lambda: inv_total(SL, "RPH-26289-01")),
 "b77-sl-sherbro-hose-cut-corrected": (lambda: units_credit(SL, "RPH-26264-02", 1, delivered(SL, "RPH-26264-02", "HOSE-150", "damagedQuantity")), lambda: units_credit(SL, "RPH-26264-02", 1, 60)),
 "b77-sl-marampa-genset-breakdown": (lambda: dates_credit(SL, "RPH-26293-01", 1, "GEN-500", ["2026-10-12", "2026-10-13", "2026-10-14"]), lambda: units_credit(SL, "RPH-26293-01", 1, 3)),
 "b77-sl-marampa-late-charge-grace": (lambda: fee_not_owed(SL, "RPH-26212-01", T_SL), lambda: fee(SL, "RPH-26212-01", "late_fee")),
 "b77-sl-marampa-payrun-41": (lambda: unapplied_payment(SL, "RPH-26258-03", "2026-10-14"), lambda: open_bal(SL, "RPH-26258-03")),
 "b77-sl-marampa-lighting-tower": (lambda: Z if line_supported_by_contract_and_log(SL, "RPH-26273-01", 2) else line_gross(SL, "RPH-26273-01", 2), lambda: line_gross(SL, "RPH-26273-01", 2)),
 "b77-sl-zhongtian-roller-september": (lambda: outside_contract(SL, "RPH-26254-02"), lambda: D("95565.00")),
 "b77-sl-zhongtian-excavator-old-quote": (lambda: price_diff(SL, "RPH-26244-01", 1), lambda: price_diff(SL, "RPH-26244-01", 1, "10200.00")),
 "b77-sl-zhongtian-lowbed-wrong-invoice": (lambda: short(SL, "RPH-26163-01", 1, logged(SL, "RPH-26163-01", "LOWBED")), lambda: units_credit(SL, "RPH-26163-01", 1, 1)),
 "b77-sl-kenema-diesel-dip": (lambda: short(SL, "RPH-26279-01", 1, delivered(SL, "RPH-26279-01", "DSL-L")), lambda: units_credit(SL, "RPH-26279-01", 1, 150)),
 "b77-sl-kenema-pump-down-monthly-log": (None, lambda: units_credit(SL, "RPH-26275-02", 1, 3)),
 "b77-sl-kenema-genset-tripping": (lambda: short(SL, "RPH-26289-02", 1, logged(SL, "RPH-26289-02", "GEN-100")), lambda: units_credit(SL, "RPH-26289-02", 1, 2)),
 "b77-sl-stlukes-mobilisation-fee": (None, lambda: fee_amount(SL, "RPH-26286-01", "Mobilisation and demobilisation")),
 "b77-sl-noordzee-crane-rate-no-rate": (lambda: price_diff(SL, "RPH-26278-01", 1), lambda: price_diff(SL, "RPH-26278-01", 1)),
 # Malta (EUR; GBP 1.1620 / 1.1540, JOD 1.2110 / 1.2065)
 "b77-mt-rheinauen-alu-price": (lambda: price_diff(MT, "HFB26J-0431", 1), lambda: price_diff(MT, "HFB26J-0431", 1)),
 "b77-mt-rheinauen-gr-ir-cartons": (lambda: short(MT, "HFB26K-0458", 2, delivered(MT, "HFB26K-0458", "CARTON-1K")) + short(MT, "HFB26K-0458", 3, delivered(MT, "HFB26K-0458", "SERIAL-1K")),
                                    lambda: units_credit(MT, "HFB26K-0458", 2, 15) + units_credit(MT, "HFB26K-0458", 3, 15)),
 "b77-mt-rheinauen-cancelled-po": (lambda: Z if po_defect(MT, "HFB26K-0471") else None, lambda: inv_total(MT, "HFB26K-0471")),
 "b77-mt-albion-late-interest": (lambda: fee_not_owed(MT, "HFB26H-0377", T_MT), lambda: fee(MT, "HFB26H-0377", "late_fee")),
 "b77-mt-albion-leaflets-wet": (lambda: units_credit(MT, "HFB26J-0426", 1, delivered(MT, "HFB26J-0426", "LEAFLET-1K", "damagedQuantity")), lambda: units_credit(MT, "HFB26J-0426", 1, 20)),
 "b77-mt-albion-same-po-twice": (lambda: inv_total(MT, "HFB26K-0466") if same_basis_duplicate(MT, "HFB26K-0466", "HFB26K-0463") else Z, lambda: inv_total(MT, "HFB26K-0466")),
 "b77-mt-darshifa-stability-pallets-turn2": (lambda: short(MT, "HFB26K-0455", 1, logged(MT, "HFB26K-0455", "STAB-PAL")), lambda: units_credit(MT, "HFB26K-0455", 1, 3)),
 "b77-mt-darshifa-alu-old-quote": (lambda: price_diff(MT, "HFB26I-0401", 1), lambda: price_diff(MT, "HFB26I-0401", 1, "47.900")),
 "b77-mt-darshifa-tt-unapplied-followup": (lambda: unapplied_payment(MT, "HFB26J-0429", "2026-11-26"), lambda: open_bal(MT, "HFB26J-0429")),
 "b77-mt-medigozo-vat-zero-rated": (lambda: Z if not tax_exempt(MT, "HFB26K-0459") and rate_elsewhere_matches(MT, "HFB26K-0459") else inv_tax(MT, "HFB26K-0459"), lambda: inv_tax(MT, "HFB26K-0459")),
 "b77-mt-medigozo-weekend-surcharge": (lambda: Z if fee_supported(MT, "HFB26K-0476", "Weekend overtime surcharge") else fee_amount(MT, "HFB26K-0476", "Weekend overtime surcharge"),
                                       lambda: fee_amount(MT, "HFB26K-0476", "Weekend overtime surcharge")),
 "b77-mt-medigozo-bottles-short-corrected": (lambda: short(MT, "HFB26J-0447", 1, delivered(MT, "HFB26J-0447", "BTL-FILL-1K")), lambda: units_credit(MT, "HFB26J-0447", 1, 8)),
 "b77-mt-kennsantamarija-mds-weeks": (lambda: short(MT, "HFB26K-0452", 1, logged(MT, "HFB26K-0452", "MDS-WEEK")), lambda: units_credit(MT, "HFB26K-0452", 1, 16)),
 "b77-mt-etna-artwork-fee": (lambda: Z if fee_supported(MT, "HFB26J-0437", "Artwork change fee") else fee_amount(MT, "HFB26J-0437", "Artwork change fee"), lambda: fee_amount(MT, "HFB26J-0437", "Artwork change fee")),
 "b77-mt-etna-reservation-before-start": (lambda: outside_contract(MT, "HFB26I-0394"), lambda: open_bal(MT, "HFB26I-0394")),
}
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
NEEDS_INFO = {
 "b77-bb-rss-ration-packs-40": lambda: not has_delivery(BB, "FY27-P08-0446", "RATION-PK") and has_delivery(BB, "FY27-P08-0446", "WATER-CS"),
 "b77-sl-kenema-pump-down-monthly-log": lambda: unserved_dates(SL, "RPH-26275-02", "PUMP-4IN", ["2026-09-08", "2026-09-09", "2026-09-10"]) is None
                                                and logged(SL, "RPH-26275-02", "PUMP-4IN") == billed_qty(SL, "RPH-26275-02", 1),
 "b77-sl-stlukes-mobilisation-fee": lambda: fee_supported(SL, "RPH-26286-01", "Mobilisation and demobilisation") is None,
}
WRONG_CUSTOMER = {}
UNKNOWN = {"b77-bb-atlantic-unknown-invoice": (BB, "FY27-P07-0436"), "b77-mt-albion-unknown-invoice": (MT, "HFB26K-0484")}
CORRECTED = {"b77-sl-sherbro-hose-cut-corrected", "b77-mt-medigozo-bottles-short-corrected"}   # amount corrected in turn 2
NO_MONEY = {"b77-bb-maplejet-crew-meals-withdrawn", "b77-sl-kenema-november-fuel-question"}   # withdrawn claim, question

# ---- numbering. Barbados: FYyy-Pnn-NNNN (financial year April-March named by the year it ends, accounting period
# P01 = April, one yearly sequence). Sierra Leone: RPH-YYDDD-NN (year, ordinal day of issue, sequence of the day).
# Malta: HFByyM-NNNN (year, month letter A = January .. L = December, one yearly sequence). Sequences follow issue dates.
import re
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for i in ledgers[BB]["invoices"]:
    m = re.fullmatch(r"FY(\d{2})-P(\d{2})-(\d{4})", i["number"]); d = date.fromisoformat(i["issueDate"])
    fy = (d.year + 1 if d.month >= 4 else d.year) % 100; per = (d.month - 4) % 12 + 1
    if not m or (int(m.group(1)), int(m.group(2))) != (fy, per): fail(f"{i['number']}: not FY{fy}-P{per:02d}-NNNN of its issue date")
if not seq_ok(ledgers[BB]["invoices"], lambda i: i["number"][-4:]): fail("BB: sequence out of date order")
for i in ledgers[SL]["invoices"]:
    m = re.fullmatch(r"RPH-(\d{2})(\d{3})-(\d{2})", i["number"]); d = date.fromisoformat(i["issueDate"])
    if not m or (int(m.group(1)), int(m.group(2))) != (d.year % 100, d.timetuple().tm_yday): fail(f"{i['number']}: not RPH-YYDDD-NN of its issue date")
for i in ledgers[MT]["invoices"]:
    m = re.fullmatch(r"HFB(\d{2})([A-L])-(\d{4})", i["number"]); d = date.fromisoformat(i["issueDate"])
    if not m or (int(m.group(1)), m.group(2)) != (d.year % 100, "ABCDEFGHIJKL"[d.month - 1]): fail(f"{i['number']}: not HFByyM-NNNN of its issue date")
if not seq_ok(ledgers[MT]["invoices"], lambda i: i["number"][-4:]): fail("MT: sequence out of date order")
for lgn, (a, b, cur) in {BB: ("2026-06-01", T_BB, None), SL: ("2026-06-01", T_SL, None), MT: ("2026-06-01", T_MT, None)}.items():
    for i in ledgers[lgn]["invoices"]:
        if not a <= i["issueDate"] <= b: fail(f"{i['number']}: issued outside the ledger's window")

def amount_forms(x, cur):
    """The ways a disputed amount may be written in a pasted sheet: 1035.00, 1,035.00, 1.035,00."""
    txt = f"{x:.{dig(cur)}f}"; ip, _, fp = txt.partition(".")
    g = f"{int(ip):,}"
    return {txt, g + ("." + fp if fp else ""), g.replace(",", ".") + ("," + fp if fp else "")}

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
    if not cid.startswith("b77-"): fail(f"{cid}: id prefix")
    if os.path.basename(glob.glob(f"{HERE}/{cid}.case.json")[0]) != f"{cid}.case.json": fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if not ALL4 <= set(e.get("mustNotHappen", [])): fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    text = "\n".join(c["turns"])
    if e.get("noResolution"):
        ul, unum = UNKNOWN[cid]
        if ul != lgn or unum in nums or unum not in c["turns"][0]: fail(f"{cid}: the unknown invoice {unum} exists or is not quoted")
        if set(e) - {"noResolution", "mustNotHappen"}: fail(f"{cid}: noResolution case checks more than side effects")
        continue
    if cid in NO_MONEY:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a withdrawn claim or a question checks only side effects")
        continue
    if "invoiceNumber" in e:
        if e["invoiceNumber"] not in text: fail(f"{cid}: the invoice is never named in the turns")
        if ("invoice" in e.get("neverAsks", [])) != (e["invoiceNumber"] in c["turns"][0]): fail(f"{cid}: neverAsks invoice vs first turn")
    if "disputedAmount" in e:
        forms = amount_forms(D(e["disputedAmount"]), I(lgn, e["invoiceNumber"])["currency"])
        if not any(f in text for f in forms): fail(f"{cid}: disputed amount {e['disputedAmount']} not written in the turns")
        if cid in CORRECTED and not any(f in c["turns"][-1] for f in forms): fail(f"{cid}: the corrected amount is not in the last turn")
    for m in e.get("emailMentions", []):
        if m not in text and m not in e.get("disputedAmount", "") + e.get("supportedAmount", "") and not re.fullmatch(r"[0-9.]+", m):
            fail(f"{cid}: emailMentions {m} is neither in the turns nor an amount")
        if re.fullmatch(r"[0-9.]+", m) and D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
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
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation expected:", sum(1 for c in cases if c["expect"].get("escalation") is True), "of", sum(1 for c in cases if "escalation" in c["expect"]))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

