#!/usr/bin/env python3
"""Batch-28 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-28/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # PEN, USD, NAD, ZAR, EUR: 2
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
NO_RATE = set()   # batch 28: every foreign-currency invoice has a rate
INTENDED_WRONG_PO = set()   # batch 28 has no invoice quoting a PO the customer never issued
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
PE, NA, TN = "rescate-andino-pen.ledger.json", "dune-light-film-nad.ledger.json", "carthage-interpretation-tnd.ledger.json"
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
T_PE, T_NA, T_TN = "2026-11-24", "2026-11-30", "2026-11-18"
def half_line(lgn, num, n): c = cur_of(lgn, num); return r(line_gross(lgn, num, n) / 2, c)
def deducted(lgn, num): return sum((D(x.get("deducted", "0")) for p in ledgers[lgn]["payments"] for x in p.get("remittance", []) if x["invoiceNumber"] == num), D("0"))
def not_served(lgn, num, sku, dates):
    u = unserved_dates(lgn, num, sku, dates); return None if u is None else len(u)
def billed_at_contract(lgn, num, n, sku):
    """The line is at the contract price and the log shows the service given: nothing on it is 'not owed'."""
    return price_diff(lgn, num, n) == 0 and logged(lgn, num, sku) >= billed_qty(lgn, num, n)
def on_po(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return bool(po) and any(l["sku"] == sku for l in po["lines"])
def last_weekday_before(today, weekday):   # weekday: Monday 0 .. Sunday 6; the most recent one strictly before today
    d = date.fromisoformat(today) - timedelta(days=1)
    while d.weekday() != weekday: d -= timedelta(days=1)
    return d.isoformat()
def days_of(a, b):
    d = date.fromisoformat(a); out = []
    while d <= date.fromisoformat(b): out.append(d.isoformat()); d += timedelta(days=1)
    return out
SUNDAYS_OCT = [d for d in days_of("2026-10-01", "2026-10-31") if date.fromisoformat(d).weekday() == 6]
SECOND_WEEK = days_of("2026-09-21", "2026-09-27")
LAST_TUESDAY = last_weekday_before(T_NA, 1)

R = {   # case id: (supported recipe or None, disputed recipe)
 "b28-pe-cms-domingos-octubre": (lambda: units_credit(PE, "F001-00004538", 1, not_served(PE, "F001-00004538", "AMB-12H", SUNDAYS_OCT)), lambda: units_credit(PE, "F001-00004538", 1, len(SUNDAYS_OCT))),
 "b28-pe-cms-paramedicos-12-13-set": (None, lambda: units_credit(PE, "F001-00004512", 2, 2)),
 "b28-pe-cms-tarifa-quincena": (lambda: price_diff(PE, "F001-00004561", 1), lambda: price_diff(PE, "F001-00004561", 1)),
 "b28-pe-cms-un-solo-traslado": (lambda: short(PE, "F001-00004538", 3, logged(PE, "F001-00004538", "TRASLADO")), lambda: units_credit(PE, "F001-00004538", 3, 1)),
 "b28-pe-cha-excepto-domingo": (lambda: short(PE, "F001-00004540", 1, logged(PE, "F001-00004540", "PARAMED-DIA")), lambda: units_credit(PE, "F001-00004540", 1, len(SUNDAYS_OCT))),
 "b28-pe-cha-sin-oc": (lambda: Z if po_defect(PE, "F001-00004563") else None, lambda: inv_total(PE, "F001-00004563")),
 "b28-pe-cha-intereses-agosto": (lambda: fee_not_owed(PE, "F001-00004497", T_PE), lambda: fee(PE, "F001-00004497", "late_fee")),
 "b28-pe-cha-traslado-subcontratista": (lambda: Z if billed_at_contract(PE, "F001-00004519", 3, "TRASLADO") and on_po(PE, "F001-00004519", "TRASLADO") else line_gross(PE, "F001-00004519", 3), lambda: line_gross(PE, "F001-00004519", 3)),
 "b28-pe-tbl-sabado-26": (lambda: units_credit(PE, "F001-00004525", 1, not_served(PE, "F001-00004525", "AMB-EVT", ["2026-09-26"])), lambda: units_credit(PE, "F001-00004525", 1, 1)),
 "b28-pe-tbl-llegaron-tarde": (lambda: short(PE, "F001-00004548", 1, logged(PE, "F001-00004548", "AMB-EVT")), lambda: half_line(PE, "F001-00004548", 1)),
 "b28-pe-tbl-medio-turno": (lambda: Z if billed_at_contract(PE, "F001-00004557", 1, "AMB-EVT") else None, lambda: half_line(PE, "F001-00004557", 1)),
 "b28-pe-psq-emo-128-corregido": (lambda: short(PE, "F001-00004529", 1, logged(PE, "F001-00004529", "EMO")), lambda: units_credit(PE, "F001-00004529", 1, 140 - 128)),
 "b28-pe-psq-octubre-doble": (lambda: inv_total(PE, "F001-00004552") if same_basis_duplicate(PE, "F001-00004552", "F001-00004551") else Z, lambda: inv_total(PE, "F001-00004552")),
 "b28-pe-psq-noviembre-sin-contrato": (lambda: outside_contract(PE, "F001-00004566"), lambda: inv_total(PE, "F001-00004566")),
 "b28-pe-mny-igv-exonerado": (lambda: inv_tax(PE, "F001-00004533") if tax_exempt(PE, "F001-00004533") else Z, lambda: inv_tax(PE, "F001-00004533")),
 "b28-pe-mny-transferencia": (lambda: unapplied_payment(PE, "F001-00004555", "2026-11-19"), lambda: open_bal(PE, "F001-00004555")),

 "b28-na-nlf-second-week-4x4": (lambda: units_credit(NA, "26DL0724", 4, not_served(NA, "26DL0724", "4X4-DAY", SECOND_WEEK)), lambda: units_credit(NA, "26DL0724", 4, len(SECOND_WEEK))),
 "b28-na-nlf-truck-two-weeks": (lambda: short(NA, "26DL0741", 2, logged(NA, "26DL0741", "LIGHT-TRUCK")), lambda: units_credit(NA, "26DL0741", 2, 1)),
 "b28-na-omm-except-sunday": (lambda: short(NA, "26DL0747", 1, logged(NA, "26DL0747", "GRIP-CREW")), lambda: short(NA, "26DL0747", 1, sum(1 for d in days_of("2026-10-19", "2026-10-31") if date.fromisoformat(d).weekday() != 6))),
 "b28-na-klp-overtime-writeoff": (lambda: short(NA, "26DL0749", 2, logged(NA, "26DL0749", "OT-HR")), lambda: units_credit(NA, "26DL0749", 2, 6)),
 "b28-na-scs-last-tuesday": (lambda: units_credit(NA, "26DL0755", 1, not_served(NA, "26DL0755", "GEN-100", [LAST_TUESDAY])), lambda: units_credit(NA, "26DL0755", 1, 1)),
 "b28-na-nlf-camera-overheating": (lambda: short(NA, "26DL0741", 1, logged(NA, "26DL0741", "CAM-PKG")), lambda: line_gross(NA, "26DL0741", 1)),
 "b28-na-klp-short-paid-grip": (lambda: price_diff(NA, "26DL0728", 2), lambda: deducted(NA, "26DL0728")),
 "b28-na-scs-not-double": (lambda: inv_total(NA, "26DL0742") if same_basis_duplicate(NA, "26DL0742", "26DL0719") else Z, lambda: inv_total(NA, "26DL0742")),
 "b28-na-embassy-vat": (lambda: inv_tax(NA, "26DL0761") if tax_exempt(NA, "26DL0761") else Z, lambda: inv_tax(NA, "26DL0761")),
 "b28-na-klp-eft-cold-brew": (lambda: unapplied_payment(NA, "26DL0745", "2026-11-24"), lambda: open_bal(NA, "26DL0745")),
 "b28-na-omm-no-po": (lambda: Z if po_defect(NA, "26DL0738") else None, lambda: inv_total(NA, "26DL0738")),
 "b28-na-omm-frost-damaged": (lambda: units_credit(NA, "26DL0733", 3, delivered(NA, "26DL0733", "FROST-ROLL", "damagedQuantity")), lambda: units_credit(NA, "26DL0733", 3, 6)),
 "b28-na-omm-walkies-no-log": (None, lambda: units_credit(NA, "26DL0733", 2, (16 - 10) * 6)),
 "b28-na-scs-interest-no-clause": (lambda: fee_not_owed(NA, "26DL0719", T_NA), lambda: fee(NA, "26DL0719", "late_fee")),
 "b28-na-nlf-after-october": (lambda: outside_contract(NA, "26DL0752"), lambda: units_credit(NA, "26DL0752", 1, 8) + units_credit(NA, "26DL0752", 2, 8)),
 "b28-na-scs-july-recce": (lambda: units_credit(NA, "26DL0708", 1, not_served(NA, "26DL0708", "4X4-DAY", ["2026-07-24", "2026-07-25"])), lambda: units_credit(NA, "26DL0708", 1, 2)),

 "b28-tn-ztp-cabine-anglaise": (lambda: short(TN, "CIC26F0398", 1, logged(TN, "CIC26F0398", "INT-JOUR")), lambda: units_credit(TN, "CIC26F0398", 1, 3)),
 "b28-tn-ztp-forfait-technicien": (lambda: Z if billed_at_contract(TN, "CIC26F0415", 1, "TECH-FORF") else None, lambda: half_line(TN, "CIC26F0415", 1)),
 "b28-tn-ztp-le-3-et-le-17": (lambda: units_credit(TN, "CIC26F0421", 1, not_served(TN, "CIC26F0421", "INT-DEMI", ["2026-11-03", "2026-11-17"])), lambda: units_credit(TN, "CIC26F0421", 1, 2)),
 "b28-tn-apo-tozeur-8-octobre": (None, lambda: units_credit(TN, "CIC26F0402", 1, 2)),
 "b28-tn-apo-sans-bon-de-commande": (lambda: Z if po_defect(TN, "CIC26F0418") else None, lambda: inv_total(TN, "CIC26F0418")),
 "b28-tn-pme-tva-accord-de-siege": (lambda: inv_tax(TN, "CIC26F0405") if tax_exempt(TN, "CIC26F0405") else Z, lambda: inv_tax(TN, "CIC26F0405")),
 "b28-tn-pme-tarif-750": (lambda: price_diff(TN, "CIC26F0409", 1), lambda: price_diff(TN, "CIC26F0409", 1, "750.000")),
 "b28-tn-hjh-fin-convention": (lambda: outside_contract(TN, "CIC26F0391"), lambda: units_credit(TN, "CIC26F0391", 1, 4) + units_credit(TN, "CIC26F0391", 2, 200)),
 "b28-tn-dje-penalites-grace": (lambda: fee_not_owed(TN, "CIC26F0379", T_TN), lambda: fee(TN, "CIC26F0379", "late_fee")),
 "b28-tn-dje-recepteurs-225": (lambda: short(TN, "CIC26F0416", 2, logged(TN, "CIC26F0416", "RECEPT-J")), lambda: units_credit(TN, "CIC26F0416", 2, 500 - 225 * 2)),
 "b28-tn-rsf-swift": (lambda: unapplied_payment(TN, "CIC26F0407", "2026-11-12"), lambda: open_bal(TN, "CIC26F0407")),
 "b28-tn-rsf-summit-sans-releves": (None, lambda: inv_total(TN, "CIC26F0419")),
 "b28-tn-dje-gala-geste-commercial": (lambda: short(TN, "CIC26F0425", 2, logged(TN, "CIC26F0425", "RECEPT-J")), lambda: line_gross(TN, "CIC26F0425", 2)),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b28-pe-cms-paramedicos-12-13-set": lambda: unserved_dates(PE, "F001-00004512", "PARAMED", ["2026-09-12", "2026-09-13"]) is None,
 "b28-na-omm-walkies-no-log": lambda: not has_log(NA, "26DL0733", "WALKIE"),
 "b28-tn-apo-tozeur-8-octobre": lambda: unserved_dates(TN, "CIC26F0402", "INT-JOUR", ["2026-10-08"]) is None,
 "b28-tn-rsf-summit-sans-releves": lambda: not any(s.get("invoiceNumber") == "CIC26F0419" for s in ledgers[TN]["serviceLogs"]),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b28-tn-wrong-customer-0409": (TN, "CIC26F0409", "TN-DJE")}

# ---- batch-specific facts the cases rest on
if LAST_TUESDAY != "2026-11-24": fail(f"last Tuesday before {T_NA} is {LAST_TUESDAY}")
if SUNDAYS_OCT != ["2026-10-04", "2026-10-11", "2026-10-18", "2026-10-25"]: fail(f"Sundays of October: {SUNDAYS_OCT}")
if date.fromisoformat("2026-11-03").weekday() != 1 or date.fromisoformat("2026-11-17").weekday() != 1: fail("3 and 17 Nov are not Tuesdays")
if date.fromisoformat("2026-09-26").weekday() != 5: fail("26 Sep is not a Saturday")
for lgn, prefix in ((PE, "F001-0000"), (NA, "26DL0"), (TN, "CIC26F0")):
    for i in ledgers[lgn]["invoices"]:
        if not i["number"].startswith(prefix): fail(f"{i['number']}: numbering")
for i in ledgers[TN]["invoices"]:   # Tunisian stamp duty: 1.000 TND on every TND invoice, none on EUR exports
    stamps = [f for f in i.get("fees", []) if f.get("description") == "Droit de timbre"]
    if (i["currency"] == "TND") != (len(stamps) == 1 and stamps[0]["amount"] == "1.000"): fail(f"{i['number']}: droit de timbre")
for lgn in (PE, NA, TN):   # a customer's exemption shows on every line of its other invoices (except the cases' own defects)
    for i in ledgers[lgn]["invoices"]:
        taxed = any(l.get("taxRate") for l in i["lines"])
        if tax_exempt(lgn, i["number"]) and taxed and i["number"] not in ("F001-00004533", "26DL0761", "CIC26F0405"): fail(f"{i['number']}: exempt customer taxed")
# every invoice's log entries lie within its service period
for lgn in (PE, NA, TN):
    for s in ledgers[lgn].get("serviceLogs", []):
        i = I(lgn, s["invoiceNumber"])
        if i.get("servicePeriodStart") and not (i["servicePeriodStart"] <= s["periodStart"] <= s["periodEnd"] <= i["servicePeriodEnd"]) and s["sku"] != "DEPL":
            fail(f"log {s['id']}: outside the period of {i['number']}")
        if s["customerId"] != i["customerId"]: fail(f"log {s['id']}: customer")

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
    if not cid.startswith("b28-"): fail(f"{cid}: id prefix")
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

