#!/usr/bin/env python3
"""Batch-87 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-87/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # EUR, CHF, GBP, USD: 2
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

AD, LI, IM = "coma-pedrosa-serveis-eur.ledger.json", "drei-schwestern-informatik-chf.ledger.json", "ellan-vannin-guarding-gbp.ledger.json"
T_AD, T_LI, T_IM = "2026-03-18", "2026-11-17", "2026-07-14"
NO_RATE = {"EVG10441"}          # the USD invoice has no USD rate, on purpose
NO_CONTRACT = {"EVG10441"}      # a one-off film job on the customer's PO

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
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if not c and i["number"] not in NO_CONTRACT: fail(f"{name} {i['number']}: no contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
        elif days(i["issueDate"], i["dueDate"]) != 30: fail(f"{name} {i['number']}: no contract, due date not 30 days")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur}")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {i['number']}: meant to lack a rate")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if i.get("servicePeriodStart") and i["servicePeriodStart"] > i["servicePeriodEnd"]: fail(f"{name} {i['number']}: period reversed")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    ids = [s["id"] for s in lg.get("serviceLogs", [])]
    if len(ids) != len(set(ids)): fail(f"{name}: duplicate service log ids")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber") and invoice(lg, s["invoiceNumber"])["customerId"] != s["customerId"]: fail(f"{name} log {s['id']}: customer")
        if s["status"] == "not_rendered" and s["quantity"] != 0: fail(f"{name} log {s['id']}: not rendered with a quantity")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("remittance"): fail(f"{name} payment {p['id']}: no remittance deductions in this batch")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- numbering: FV.YYYY.NNNN (yearly sequence), RE-26-NNNN, EVGNNNNN; sequences follow the issue dates
def seq_ok(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for lgn, pat in ((AD, r"FV\.(\d{4})\.\d{4}"), (LI, r"RE-(\d{2})-\d{4}"), (IM, r"EVG\d{5}")):
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pat, i["number"])
        if not m: fail(f"{i['number']}: numbering")
        elif m.groups() and not i["issueDate"].startswith(("20" + m.group(1)) if len(m.group(1)) == 2 else m.group(1)): fail(f"{i['number']}: year")
    if not seq_ok(ledgers[lgn]["invoices"]): fail(f"{lgn}: sequence out of date order")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def agreed(lgn, num, sku):
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    p = next((x["unitPrice"] for x in c["prices"] if x["sku"] == sku), None) if c else None
    if p: return p
    po = next((x for x in ledgers[lgn].get("purchaseOrders", []) if x["number"] == i.get("poNumber")), None)
    return next((x["unitPrice"] for x in po["lines"] if x["sku"] == sku), None) if po else None
def price_diff(lgn, num, n, price=None):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, n, units):
    """Units at the line's price with their tax, rounded once as on a credit-memo line; must equal the
    difference of the line's gross before and after (no cent of ambiguity in this batch)."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; u = D(str(units))
    direct = gross(l, cur, qty=u)
    left = D(str(l["quantity"])) - u
    diff = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    if direct != diff: fail(f"{num} line {n}: {units} units credit {direct} vs gross difference {diff} (rounding ambiguity)")
    return direct
def logs(lgn, num, sku): return [s for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku]
def logged(lgn, num, sku): return sum(D(str(s["quantity"])) for s in logs(lgn, num, sku) if s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), D(0)))
def delivered(lgn, num, sku): return sum(D(str(d["quantity"])) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    ls = logs(lgn, num, sku)
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in ls): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in ls)]
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def inv_tax(lgn, num): i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def usual_rate(lgn, num, n):
    """The rate the customer's other invoices use for the same SKU (all must agree)."""
    i = I(lgn, num); sku = line(i, n)["sku"]
    rates = {l.get("taxRate") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for l in o["lines"] if l["sku"] == sku}
    return rates.pop() if len(rates) == 1 else None
def rate_diff(lgn, num, n):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; n_ = net(l, cur)
    return tax(l, n_, cur) - tax(l, n_, cur, usual_rate(lgn, num, n))
def late_fee_allowed(lgn, num, today):
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
def fee_not_owed(lgn, num, today): f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)
def outside_contract(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when, ref):
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)
def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"])
def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def fee_named(lgn, num, t, words):
    """A fee is supported when the contract's notes name it (by `words`) or a PO line of the customer lists it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    in_notes = bool(c and words.lower() in c.get("notes", "").lower())
    on_po = any(words.lower() in l.get("description", "").lower() for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for l in po["lines"])
    return in_notes or on_po
def line_supported(lgn, num, n):
    """A charged line supported by the contract's price for its SKU and a rendered log entry."""
    i = I(lgn, num); l = line(i, n)
    return agreed(lgn, num, l["sku"]) == l["unitPrice"] and logged(lgn, num, l["sku"]) >= D(str(l["quantity"]))
Z = D("0")

R = {
 # Andorra (EUR; GBP at 1.1720 / 1.1655)
 "b87-ad-picnegre-canteen-covers": (lambda: short(AD, "FV.2026.0112", 1, logged(AD, "FV.2026.0112", "MENU-PERS")), lambda: short(AD, "FV.2026.0112", 1, 2300)),
 "b87-ad-picnegre-no-oc": (lambda: Z if po_defect(AD, "FV.2026.0203") else None, lambda: inv_total(AD, "FV.2026.0203")),
 "b87-ad-picnegre-windows-streaks": (lambda: short(AD, "FV.2026.0203", 3, logged(AD, "FV.2026.0203", "VIDRE-M2")), None),
 "b87-ad-rocdelpas-rooms-withheld": (lambda: short(AD, "FV.2026.0131", 1, logged(AD, "FV.2026.0131", "HAB-NET")) + short(AD, "FV.2026.0131", 2, logged(AD, "FV.2026.0131", "HAB-SORT")),
                                     lambda: open_bal(AD, "FV.2026.0131")),
 "b87-ad-rocdelpas-kitchen-postponed": (lambda: short(AD, "FV.2026.0219", 3, logged(AD, "FV.2026.0219", "NET-CUINA")), lambda: line_gross(AD, "FV.2026.0219", 3)),
 "b87-ad-meritxell-callout-fee": (lambda: Z if fee_named(AD, "FV.2026.0140", "service_fee", "call-out") else fee(AD, "FV.2026.0140", "service_fee"), lambda: fee(AD, "FV.2026.0140", "service_fee")),
 "b87-ad-meritxell-two-days": (lambda: dates_credit(AD, "FV.2026.0140", 1, "OFI-VISITA", ["2026-01-14", "2026-01-16"]), lambda: units_credit(AD, "FV.2026.0140", 1, 2)),
 "b87-ad-meritxell-windows-february": (lambda: short(AD, "FV.2026.0226", 2, logged(AD, "FV.2026.0226", "VIDRE-VISITA")), lambda: line_gross(AD, "FV.2026.0226", 2)),
 "b87-ad-snowline-changeovers": (lambda: short(AD, "FV.2026.0098", 1, logged(AD, "FV.2026.0098", "CHALET-CHG")), lambda: units_credit(AD, "FV.2026.0098", 1, 2)),
 "b87-ad-snowline-paid-march": (lambda: unapplied_payment(AD, "FV.2026.0187", "2026-03-10"), lambda: open_bal(AD, "FV.2026.0187")),
 "b87-ad-santvicenc-course-absent": (lambda: short(AD, "FV.2026.0150", 1, logged(AD, "FV.2026.0150", "FORM-APPCC")), lambda: units_credit(AD, "FV.2026.0150", 1, 3)),
 "b87-ad-santvicenc-hood-grease": (lambda: short(AD, "FV.2026.0188", 1, logged(AD, "FV.2026.0188", "CUINA-DEEP")), None),
 "b87-ad-dental-thursday": (None, lambda: units_credit(AD, "FV.2026.0207", 1, 1)),
 "b87-ad-dental-paper-cartons": (lambda: short(AD, "FV.2026.0172", 1, delivered(AD, "FV.2026.0172", "CONSUM-PAPER")), lambda: units_credit(AD, "FV.2026.0172", 1, 2)),
 "b87-ad-rocdelpas-igi-rate": (lambda: rate_diff(AD, "FV.2026.0164", 1), lambda: D("19.00")),
 "b87-ad-rocdelpas-interest-grace": (lambda: fee_not_owed(AD, "FV.2026.0019", T_AD), lambda: fee(AD, "FV.2026.0019", "late_fee")),
 # Liechtenstein (CHF; EUR at 0.9380 / 0.9315)
 "b87-li-gutenberg-onsite-hours": (lambda: short(LI, "RE-26-1071", 2, logged(LI, "RE-26-1071", "ONSITE-H")), lambda: short(LI, "RE-26-1071", 2, 10)),
 "b87-li-gutenberg-ticket-sla": (lambda: short(LI, "RE-26-1071", 1, logged(LI, "RE-26-1071", "HELPDESK-USER")), lambda: r(line_gross(LI, "RE-26-1071", 1) * D("0.20"), "CHF")),
 "b87-li-eschen-callout-unknown": (lambda: Z if line_supported(LI, "RE-26-1080", 2) else line_gross(LI, "RE-26-1080", 2), lambda: line_gross(LI, "RE-26-1080", 2)),
 "b87-li-malbun-callout-remote": (lambda: short(LI, "RE-26-1089", 2, logged(LI, "RE-26-1089", "CALLOUT")), lambda: line_gross(LI, "RE-26-1089", 2)),
 "b87-li-rheinpark-after-termination": (lambda: outside_contract(LI, "RE-26-1094"), lambda: inv_total(LI, "RE-26-1094")),
 "b87-li-feldkirch-mwst": (lambda: inv_tax(LI, "RE-26-1085") if tax_exempt(LI, "RE-26-1085") else Z, lambda: inv_tax(LI, "RE-26-1085")),
 "b87-li-feldkirch-training-cancelled": (lambda: short(LI, "RE-26-1112", 1, logged(LI, "RE-26-1112", "TRAIN-SESS")) + short(LI, "RE-26-1112", 2, logged(LI, "RE-26-1112", "TRAIN-PERS")), lambda: inv_total(LI, "RE-26-1112")),
 "b87-li-feldkirch-migration-failed": (lambda: short(LI, "RE-26-1061", 1, logged(LI, "RE-26-1061", "ONSITE-H")), lambda: inv_total(LI, "RE-26-1061")),
 "b87-li-kinderhaus-participants": (lambda: short(LI, "RE-26-1076", 1, logged(LI, "RE-26-1076", "TRAIN-PERS")), lambda: units_credit(LI, "RE-26-1076", 1, 2)),
 "b87-li-kinderhaus-mahngebuehr": (lambda: fee_not_owed(LI, "RE-26-0988", T_LI), lambda: fee(LI, "RE-26-0988", "late_fee")),
 "b87-li-eschen-printers": (lambda: short(LI, "RE-26-1103", 1, logged(LI, "RE-26-1103", "PRN-SVC")), lambda: units_credit(LI, "RE-26-1103", 1, 3)),
 "b87-li-eschen-september-maintenance": (None, lambda: line_gross(LI, "RE-26-1066", 1)),
 "b87-li-rheinpark-paid-ebanking": (None, lambda: open_bal(LI, "RE-26-0958")),
 "b87-li-gutenberg-november-twice": (lambda: inv_total(LI, "RE-26-1104") if same_basis_duplicate(LI, "RE-26-1104", "RE-26-1098") else Z, lambda: inv_total(LI, "RE-26-1104")),
 "b87-li-malbun-weekend-surcharge": (lambda: Z if fee_named(LI, "RE-26-1115", "service_fee", "wochenend") else fee(LI, "RE-26-1115", "service_fee"), lambda: fee(LI, "RE-26-1115", "service_fee")),
 "b87-li-eschen-hourly-rate": (lambda: price_diff(LI, "RE-26-1109", 1), lambda: price_diff(LI, "RE-26-1109", 1)),
 # Isle of Man (GBP; EUR at 0.8560 / 0.8495; USD without a rate)
 "b87-im-fenella-night-uncovered": (lambda: short(IM, "EVG10427", 1, logged(IM, "EVG10427", "GUARD-H")), lambda: units_credit(IM, "EVG10427", 1, 12)),
 "b87-im-fenella-asleep": (lambda: short(IM, "EVG10451", 1, logged(IM, "EVG10451", "GUARD-H")), None),
 "b87-im-tt-hours": (lambda: short(IM, "EVG10436", 1, logged(IM, "EVG10436", "GUARD-H-EVT")), lambda: short(IM, "EVG10436", 1, 1596)),
 "b87-im-tt-steward-course": (lambda: short(IM, "EVG10437", 1, logged(IM, "EVG10437", "TRN-FW")), lambda: short(IM, "EVG10437", 1, 32)),
 "b87-im-cronk-extinguishers": (lambda: short(IM, "EVG10418", 1, logged(IM, "EVG10418", "EXT-SVC")), lambda: short(IM, "EVG10418", 1, 40)),
 "b87-im-cronk-alarm-unfinished": (lambda: short(IM, "EVG10452", 1, logged(IM, "EVG10452", "FA-SVC")), lambda: line_gross(IM, "EVG10452", 1)),
 "b87-im-ramsey-patrol-nights": (lambda: dates_credit(IM, "EVG10430", 1, "PATROL-V", ["2026-05-09", "2026-05-10", "2026-05-23"]), lambda: units_credit(IM, "EVG10430", 1, 3)),
 "b87-im-ramsey-late-response": (lambda: dates_credit(IM, "EVG10431", 1, "KEYH-CALL", ["2026-05-27"]), lambda: units_credit(IM, "EVG10431", 1, 1)),
 "b87-im-hibernia-nights": (lambda: short(IM, "EVG10428", 1, logged(IM, "EVG10428", "GUARD-H")), lambda: units_credit(IM, "EVG10428", 1, 36)),
 "b87-im-hibernia-keyholder": (lambda: Z if line_supported(IM, "EVG10446", 1) else line_gross(IM, "EVG10446", 1), lambda: line_gross(IM, "EVG10446", 1)),
 "b87-im-northbound-hours": (lambda: short(IM, "EVG10441", 1, logged(IM, "EVG10441", "GUARD-H")), lambda: short(IM, "EVG10441", 1, 200)),
 "b87-im-fenella-late-fee": (lambda: fee_not_owed(IM, "EVG10402", T_IM), lambda: fee(IM, "EVG10402", "late_fee")),
 "b87-im-tt-raceday-rate": (lambda: price_diff(IM, "EVG10436", 2), lambda: price_diff(IM, "EVG10436", 2, "24.00")),
 "b87-im-ramsey-paid-transfer": (lambda: unapplied_payment(IM, "EVG10405", "2026-06-19"), lambda: open_bal(IM, "EVG10405")),
}
NEEDS_INFO = {
 "b87-ad-dental-thursday": lambda: unserved_dates(AD, "FV.2026.0207", "OFI-VISITA", ["2026-02-12"]) is None,
 "b87-li-eschen-september-maintenance": lambda: unserved_dates(LI, "RE-26-1066", "SRV-MAINT", ["2026-09-16"]) is None,
 "b87-li-rheinpark-paid-ebanking": lambda: nothing_could_be_theirs(LI, "RE-26-0958", "2026-10-28", "RP-2810"),
}
NO_MONEY = {"b87-ad-picnegre-windows-streaks", "b87-ad-santvicenc-hood-grease", "b87-im-fenella-asleep"}   # complaints without a claim
NOT_IN_LEDGER = {"b87-ad-unknown-invoice": "FV.2026.0333", "b87-im-unknown-invoice": "EVG10443"}
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
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b87-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != {AD: T_AD, LI: T_LI, IM: T_IM}[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    if e.get("noResolution"):
        if NOT_IN_LEDGER.get(cid) in nums or NOT_IN_LEDGER.get(cid) not in " ".join(c["turns"]): fail(f"{cid}: the unknown invoice exists or is not named")
        named = [n for n in nums if n in " ".join(c["turns"])]
        if named: fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if "invoiceNumber" not in e:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a case without an invoice checks only mustNotHappen")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if "invoice" in e.get("neverAsks", []) and num not in first and not any(n in first for n in nums): fail(f"{cid}: neverAsks invoice but turn 1 names none")
    if "invoice" not in e.get("neverAsks", []) and num in first: fail(f"{cid}: turn 1 names the invoice, neverAsks should list it")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.]+", m) and D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
        if not re.fullmatch(r"[\d.]+", m) and m not in nums: fail(f"{cid}: emailMentions {m} is not an invoice number")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn() if dis_fn else None
    if cid in NO_MONEY:
        if any(k in e for k in ("disputedAmount", "classification", "action")): fail(f"{cid}: complaint without money checks no disputed amount, classification or action")
        if sup_fn() != 0 or e.get("supportedAmount") != "0.00": fail(f"{cid}: the logs should show the service rendered in full")
    if "disputedAmount" in e:
        if disputed is None: fail(f"{cid}: no disputed recipe")
        elif D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
        if D(e["disputedAmount"]) > inv_total(lgn, num) or D(e["disputedAmount"]) <= 0: fail(f"{cid}: disputed out of range")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    if sup_fn and cid not in NO_MONEY:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no evidence"); continue
        supported = min(evidence, disputed) if disputed is not None else evidence
        if "supportedAmount" in e and D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        if e.get("action") == "credit_memo" and supported > open_bal(lgn, num): fail(f"{cid}: credit {supported} above the open balance {open_bal(lgn, num)}")
        if e.get("action") == "apply_payment" and supported != open_bal(lgn, num): fail(f"{cid}: payment does not match the open balance")
    if cl and cl != "needs_info" and disputed is not None and supported is not None:
        defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act not in ("credit_memo" if cl == "partial" else "no_adjustment",): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"already_paid": "apply_payment", "missing_po": "cancel_and_rebill"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error": want = "cancel_and_rebill" if all(l.get("taxRate") for l in inv_["lines"]) and tax_exempt(lgn, num) else "credit_memo"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} should be {want}, not {act}")
    if "escalation" in e:
        pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
        amount = disputed if disputed is not None else supported
        conv = to_company(lgn, num, amount) if amount is not None else D("0")
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
        if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]): fail(f"{cid}: legal escalation expected")
    if e.get("stakeholders", [None])[0] != TEAM[e["reasonCode"]]: fail(f"{cid}: first stakeholder is not the routing table's {TEAM[e['reasonCode']]}")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases: by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")), "of", sum(1 for c in cases if "escalation" in c["expect"]))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
