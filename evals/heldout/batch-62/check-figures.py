#!/usr/bin/env python3
"""Batch-62 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, due dates, PO references and numbering, the check digits of every payment
reference (RF creditor reference, Estonian viitenumber, Swedish OCR, Norwegian KID, Danish FIK 71,
Belgian structured communication) in the ledgers and in the messages, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest
rate on or before the invoice date, half-up once; no rate: escalate, write-off not applicable).
Prints the mismatches and the tallies quoted in the README; exit 1 if any mismatch.
Usage: python3 evals/heldout/batch-62/check-figures.py"""
import glob, json, os, re, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "ISK": 0}  # EUR, SEK, DKK, NOK: 2
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
NO_RATE = {"ĮKR-001169", "26.0333/VL"}      # NOK in the Lithuanian ledger, ISK in the Belgian one: no rate, on purpose
INTENDED_WRONG_PO = {"ĮKR-001197"}         # quotes IO-2026-7781, which Van Dijk never issued (26.0326/VL quotes a PO that exists but is cancelled)
INTENDED_WRONG_TERMS = {"ARV 26-00433"}    # issued with 7 days instead of the contract's 14
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    if cur0 != "EUR": fail(f"{name}: company currency {cur0}")
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
            if (days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]) != (i["number"] in INTENDED_WRONG_TERMS):
                fail(f"{name} {i['number']}: due date vs contract terms")
            if c.get("poRequired") and not i.get("poNumber") and not any(i["number"] == e for e in ("ARV 26-00452", "ĮKR-001208", "26.0356/VL")):
                fail(f"{name} {i['number']}: PO required but missing (not one of the intended cases)")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        if cur != cur0 and i["number"] not in NO_RATE and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate on or before the issue date")
        po = i.get("poNumber")
        if po and (po not in pos) != (i["number"] in INTENDED_WRONG_PO): fail(f"{name} {i['number']}: PO {po} reference")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        taxed = [l for l in i["lines"] if l.get("taxRate")]
        if cust.get("taxExempt") and taxed and i["number"] not in ("ARV 26-00474", "ĮKR-001172", "26.0351/VL"):
            fail(f"{name} {i['number']}: exempt customer taxed outside the intended cases")
        if not cust.get("taxExempt") and cur == cur0 and len(taxed) != len(i["lines"]): fail(f"{name} {i['number']}: domestic line without VAT")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("invoiceNumber") and p["currency"] != invoice(lg, p["invoiceNumber"])["currency"]: fail(f"{name} payment {p['id']}: currency")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
        for l in po["lines"]:
            if not decimals_ok(l["unitPrice"], po.get("currency", cur0)): fail(f"{name} PO {po['number']}: digits")
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
EE, LT, BE = "emajoe-kerisetehas-eur.ledger.json", "nemuno-ikrovimo-tinklai-eur.ledger.json", "leiedal-vlas-eur.ledger.json"
T_EE, T_LT, T_BE = "2026-10-14", "2026-11-18", "2026-09-23"
def dates_credit(lgn, num, n, sku, dates):
    """Units at the line's price (with its tax) for the named dates without a rendered per-day entry."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def fee_supported_by_contract_price(lgn, num, n):
    """A charged line the contract prices (at that price) is supported: nothing is not owed."""
    i = I(lgn, num); l = line(i, n); return contract_price(lgn, num, l["sku"]) == l["unitPrice"]
def no_contract_and_no_po_line(lgn, num, t):
    """A fee with no PO line, no contract price and no mention in the contract's notes: not owed."""
    f = next(f for f in I(lgn, num)["fees"] if f["type"] == t)
    return not fee_on_po(lgn, num, t) and not fee_in_contract_notes(lgn, num, t, f.get("description", "x"))
def terms_defect(lgn, num):
    """Payment terms on the invoice differ from the contract's (a defect of the document)."""
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    return days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]
def po_line_supports(lgn, num, n):
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)

R = {
 # Estonia (EUR; SEK at 0.0912 from 2026-06-01, 0.0897 from 2026-09-01)
 "b62-ee-vuokatti-order-ref": (lambda: Z if po_defect(EE, "ARV 26-00452") else None, lambda: inv_total(EE, "ARV 26-00452")),
 "b62-ee-vuokatti-tax-category": (lambda: inv_tax(EE, "ARV 26-00474") if tax_exempt(EE, "ARV 26-00474") else Z, lambda: inv_tax(EE, "ARV 26-00474")),
 "b62-ee-vuokatti-stones-price": (lambda: price_diff(EE, "ARV 26-00470", 1), lambda: price_diff(EE, "ARV 26-00470", 1)),
 "b62-ee-vuokatti-install-day": (lambda: short(EE, "ARV 26-00427", 1, logged(EE, "ARV 26-00427", "INSTALL-DAY")), lambda: units_credit(EE, "ARV 26-00427", 1, 1)),
 "b62-ee-vuokatti-freight": (lambda: Z if fee_on_po(EE, "ARV 26-00418", "freight") else fee(EE, "ARV 26-00418", "freight"), lambda: fee(EE, "ARV 26-00418", "freight")),
 "b62-ee-parnu-late-interest": (lambda: fee_not_owed(EE, "ARV 26-00402", T_EE), lambda: fee(EE, "ARV 26-00402", "late_fee")),
 "b62-ee-parnu-dented-heater": (lambda: units_credit(EE, "ARV 26-00405", 1, delivered(EE, "ARV 26-00405", "HEATER-EL18", "damagedQuantity")), lambda: units_credit(EE, "ARV 26-00405", 1, 2)),
 "b62-ee-parnu-duplicate-flag": (lambda: inv_total(EE, "ARV 26-00446") if same_basis_duplicate(EE, "ARV 26-00446", "ARV 26-00439") else Z, lambda: inv_total(EE, "ARV 26-00446")),
 "b62-ee-parnu-loyly": (lambda: dates_credit(EE, "ARV 26-00481", 1, "SVC-VISIT", ["2026-09-17"]), lambda: units_credit(EE, "ARV 26-00481", 1, 1)),
 "b62-ee-bastu-ocr-paid": (lambda: unapplied_payment(EE, "ARV 26-00449", "2026-10-09"), lambda: open_bal(EE, "ARV 26-00449")),
 "b62-ee-bastu-stones-short": (lambda: short(EE, "ARV 26-00412", 2, delivered(EE, "ARV 26-00412", "STONES-20")), lambda: units_credit(EE, "ARV 26-00412", 2, 12)),
 "b62-ee-bastu-prisavvikelse": (lambda: price_diff(EE, "ARV 26-00490", 1), lambda: price_diff(EE, "ARV 26-00490", 1)),
 "b62-ee-bastu-barrel-missing": (None, lambda: inv_total(EE, "ARV 26-00441")),
 "b62-ee-jurmala-visits": (None, lambda: units_credit(EE, "ARV 26-00458", 1, 2)),
 "b62-ee-jurmala-payment-terms": (lambda: Z if terms_defect(EE, "ARV 26-00433") else None, lambda: inv_total(EE, "ARV 26-00433")),
 "b62-ee-tahtvere-september": (lambda: outside_contract(EE, "ARV 26-00463"), lambda: inv_total(EE, "ARV 26-00463")),
 # Lithuania (EUR; DKK at 0.1340 from 2026-06-01, 0.1339 from 2026-10-01; no NOK rate)
 "b62-lt-bpc-ariba-no-po": (lambda: Z if po_defect(LT, "ĮKR-001208") else None, lambda: inv_total(LT, "ĮKR-001208")),
 "b62-lt-bpc-price-variance": (lambda: price_diff(LT, "ĮKR-001158", 1), lambda: price_diff(LT, "ĮKR-001158", 1)),
 "b62-lt-bpc-rfid-grn": (lambda: short(LT, "ĮKR-001174", 1, delivered(LT, "ĮKR-001174", "RFID-CARD")), lambda: units_credit(LT, "ĮKR-001174", 1, 50)),
 "b62-lt-bpc-connectors": (lambda: short(LT, "ĮKR-001214", 1, logged(LT, "ĮKR-001214", "CPO-PORT")), lambda: units_credit(LT, "ĮKR-001214", 1, 8)),
 "b62-lt-hjortebo-fik-install": (lambda: price_diff(LT, "ĮKR-001152", 2), lambda: price_diff(LT, "ĮKR-001152", 2, "2650.00")),
 "b62-lt-hjortebo-dublet": (lambda: inv_total(LT, "ĮKR-001191") if same_basis_duplicate(LT, "ĮKR-001191", "ĮKR-001186") else Z, lambda: inv_total(LT, "ĮKR-001191")),
 "b62-lt-hjortebo-callout": (lambda: Z if (fee_supported_by_contract_price(LT, "ĮKR-001223", 1) and has_log(LT, "ĮKR-001223", "CALLOUT")) else line_gross(LT, "ĮKR-001223", 1), lambda: line_gross(LT, "ĮKR-001223", 1)),
 "b62-lt-vandijk-unknown-io": (lambda: Z if po_defect(LT, "ĮKR-001197") else None, lambda: inv_total(LT, "ĮKR-001197")),
 "b62-lt-vandijk-cracked-covers": (lambda: units_credit(LT, "ĮKR-001203", 1, delivered(LT, "ĮKR-001203", "WALLBOX-11", "damagedQuantity")), lambda: units_credit(LT, "ĮKR-001203", 1, 3)),
 "b62-lt-vandijk-install-dates": (lambda: dates_credit(LT, "ĮKR-001163", 1, "INST-WB", ["2026-09-08", "2026-09-10"]), lambda: units_credit(LT, "ĮKR-001163", 1, 2)),
 "b62-lt-palanga-delspinigiai": (lambda: fee_not_owed(LT, "ĮKR-001161", T_LT), lambda: fee(LT, "ĮKR-001161", "late_fee")),
 "b62-lt-palanga-paid-no-trace": (None, lambda: open_bal(LT, "ĮKR-001228")),
 "b62-lt-fjellstue-kid": (lambda: unapplied_payment(LT, "ĮKR-001169", "2026-10-20"), lambda: open_bal(LT, "ĮKR-001169")),
 "b62-lt-daugava-visits": (lambda: short(LT, "ĮKR-001136", 2, logged(LT, "ĮKR-001136", "MAINT-VISIT")), lambda: units_credit(LT, "ĮKR-001136", 2, 2)),
 "b62-lt-daugava-pvn": (lambda: inv_tax(LT, "ĮKR-001172") if tax_exempt(LT, "ĮKR-001172") else Z, lambda: inv_tax(LT, "ĮKR-001172")),
 "b62-lt-daugava-after-pilot": (lambda: outside_contract(LT, "ĮKR-001211"), lambda: inv_total(LT, "ĮKR-001211")),
 # Belgium (EUR; NOK at 0.0862 from 2026-06-01, 0.0851 from 2026-09-01; no ISK rate)
 "b62-be-zemaitija-sliver-price": (lambda: price_diff(BE, "26.0271/VL", 1), lambda: price_diff(BE, "26.0271/VL", 1)),
 "b62-be-zemaitija-wet-bales": (lambda: units_credit(BE, "26.0310/VL", 1, delivered(BE, "26.0310/VL", "LF-SCUT", "damagedQuantity")), lambda: units_credit(BE, "26.0310/VL", 1, 400)),
 "b62-be-zemaitija-tow-weighbridge": (lambda: short(BE, "26.0339/VL", 1, delivered(BE, "26.0339/VL", "TOW-F")), lambda: units_credit(BE, "26.0339/VL", 1, 200)),
 "b62-be-zemaitija-no-order-ref": (lambda: Z if po_defect(BE, "26.0356/VL") else None, lambda: inv_total(BE, "26.0356/VL")),
 "b62-be-twentse-dubbel": (lambda: inv_total(BE, "26.0302/VL") if same_basis_duplicate(BE, "26.0302/VL", "26.0285/VL") else Z, lambda: inv_total(BE, "26.0302/VL")),
 "b62-be-twentse-btw-verlegd": (lambda: inv_tax(BE, "26.0351/VL") if tax_exempt(BE, "26.0351/VL") else Z, lambda: inv_tax(BE, "26.0351/VL")),
 "b62-be-twentse-pallets": (lambda: short(BE, "26.0367/VL", 1, logged(BE, "26.0367/VL", "STORE-PAL")), lambda: units_credit(BE, "26.0367/VL", 1, 6)),
 "b62-be-dyle-interets": (lambda: fee_not_owed(BE, "26.0297/VL", T_BE), lambda: fee(BE, "26.0297/VL", "late_fee")),
 "b62-be-dyle-frais-admin": (lambda: fee(BE, "26.0344/VL", "other") if no_contract_and_no_po_line(BE, "26.0344/VL", "other") else Z, lambda: fee(BE, "26.0344/VL", "other")),
 "b62-be-dyle-communication": (lambda: unapplied_payment(BE, "26.0362/VL", "2026-09-18"), lambda: open_bal(BE, "26.0362/VL")),
 "b62-be-hardanger-short-m2": (lambda: short(BE, "26.0318/VL", 1, delivered(BE, "26.0318/VL", "FLAX-NWF")), lambda: units_credit(BE, "26.0318/VL", 1, 15)),
 "b62-be-hardanger-stained-tape": (None, lambda: units_credit(BE, "26.0379/VL", 1, 40)),
 "b62-be-hor-isk-price": (lambda: price_diff(BE, "26.0333/VL", 2), lambda: price_diff(BE, "26.0333/VL", 2, "520")),
 "b62-be-mosellan-cancelled-bc": (lambda: Z if po_defect(BE, "26.0326/VL") else None, lambda: inv_total(BE, "26.0326/VL")),
 "b62-be-mosellan-nm39-price": (lambda: price_diff(BE, "26.0374/VL", 1), lambda: price_diff(BE, "26.0374/VL", 1)),
}
NEEDS_INFO = {
 "b62-ee-bastu-barrel-missing": lambda: not has_delivery(EE, "ARV 26-00441", "BARREL-S"),
 "b62-ee-jurmala-visits": lambda: unserved_dates(EE, "ARV 26-00458", "SVC-VISIT", ["2026-08-11", "2026-08-25"]) is None,
 "b62-lt-palanga-paid-no-trace": lambda: nothing_could_be_theirs(LT, "ĮKR-001228", "2026-11-12", "ĮKR-001228 spalis"),
 "b62-be-hardanger-stained-tape": lambda: not has_delivery(BE, "26.0379/VL", "FLAX-UD"),
}
# the FX figures quoted in the case descriptions (invoice amount -> EUR at the rate of the invoice date)
FX_QUOTED = [
 (EE, "ARV 26-00449", "39400.00", "3593.28"), (EE, "ARV 26-00412", "536.00", "48.88"), (EE, "ARV 26-00490", "2500.00", "224.25"),
 (EE, "ARV 26-00441", "64900.00", "5918.88"), (LT, "ĮKR-001152", "1200.00", "160.80"), (LT, "ĮKR-001152", "3000.00", "402.00"),
 (LT, "ĮKR-001191", "2592.00", "347.07"), (LT, "ĮKR-001223", "1450.00", "194.16"), (BE, "26.0318/VL", "647.50", "55.81"),
 (BE, "26.0379/VL", "5920.00", "503.79"),
]

# ---- numbering: `ARV 26-NNNNN`, `ĮKR-NNNNNN` (Lithuanian series letters with Į), `26.NNNN/VL` (year of issue, dot,
# sequence, slash, company code); one sequence per ledger, in issue-date order.
def seq_ok(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for lgn, pat in ((EE, r"ARV (\d{2})-\d{5}"), (LT, r"ĮKR-\d{6}"), (BE, r"(\d{2})\.\d{4}/VL")):
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pat, i["number"])
        if not m: fail(f"{i['number']}: numbering of {lgn}")
        elif m.groups() and m.group(1) != i["issueDate"][2:4]: fail(f"{i['number']}: year prefix vs issue date")
    if not seq_ok(ledgers[lgn]["invoices"]): fail(f"{lgn}: sequence out of date order")

# ---- payment references: check digits, in the ledgers and in the messages
def chk731(s):
    w = [7, 3, 1]; body, c = s[:-1], s[-1]
    return (10 - sum(int(d) * w[k % 3] for k, d in enumerate(reversed(body))) % 10) % 10 == int(c)
def chkluhn(s):
    tot = 0
    for k, d in enumerate(reversed(s)):
        n = int(d) * (2 if k % 2 else 1); tot += n - 9 if n > 9 else n
    return tot % 10 == 0
def chkrf(s):
    s = s.replace(" ", ""); t = s[4:] + s[:4]
    return int("".join(str(int(ch, 36)) for ch in t)) % 97 == 1 and chk731(s[4:])
def chkbe(s):
    d = re.sub(r"\D", "", s); c = int(d[:10]) % 97 or 97
    return len(d) == 12 and c == int(d[10:])
REF_PATTERNS = [
 (r"RF\d{2}(?: ?\d{4})+", chkrf, "RF"), (r"viitenumber (\d+)", chk731, "viitenumber"), (r"OCR(?:-numret)? (\d+)", chkluhn, "OCR"),
 (r"KID (\d+)", chkluhn, "KID"), (r"\+71<(\d{15})\+\d{8}<", chkluhn, "FIK"), (r"\+\+\+\d{3}/\d{4}/\d{5}\+\+\+", chkbe, "structured"),
]
def refs_in(text):
    out = []
    for pat, fn, kind in REF_PATTERNS:
        for m in re.finditer(pat, text):
            out.append((kind, m.group(1) if m.groups() else m.group(0), fn))
    return out
n_refs = 0
for lgn, lg in ledgers.items():
    for p in lg.get("payments", []):
        for kind, val, fn in refs_in(p.get("reference", "")):
            n_refs += 1
            if not fn(val): fail(f"{lgn} payment {p['id']}: {kind} {val} has a wrong check digit")
# which invoice a reference belongs to: the digits of the invoice's sequence (ARV 26-00449 -> 2600449, ĮKR-001169 -> 001169, 26.0362/VL -> 0260362)
def ref_base(num):
    if num.startswith("ARV "): return "26" + num[-5:]
    if num.startswith("ĮKR-"): return num[-6:]
    return "0" + num[:2] + num[3:7]

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

TEAMS_ALL = {"pricing_error": ["sales", "billing"], "quantity_discrepancy": ["logistics", "billing"], "damaged_goods": ["logistics", "billing"],
             "duplicate_billing": ["billing"], "service_not_rendered": ["service_delivery", "customer_success"],
             "service_dissatisfaction": ["service_delivery", "customer_success"], "missing_po": ["sales", "billing"],
             "already_paid": ["cash_application"], "late_fee": ["collections", "billing"], "tax_error": ["tax", "billing"],
             "contract_terms": ["legal", "sales"], "unrecognized_charge": ["billing", "sales"], None: None}
cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b62-"): fail(f"{cid}: id prefix")
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
    first = c["turns"][0]
    for kind, val, fn in refs_in(" ".join(c["turns"])):
        n_refs += 1
        if not fn(val): fail(f"{cid}: {kind} {val} quoted with a wrong check digit")
        if "invoiceNumber" in e and ref_base(e["invoiceNumber"]) not in re.sub(r"\D", "", val): fail(f"{cid}: {kind} {val} does not belong to {e['invoiceNumber']}")
    named_first = [n for n in nums if n in first]
    if ("invoice" in e.get("neverAsks", [])) != bool(named_first): fail(f"{cid}: neverAsks invoice but the first turn names {named_first}")
    if "reason" in e.get("neverAsks", []) and not e.get("reasonCode"): fail(f"{cid}: neverAsks reason without a reason")
    pos_ = {p["number"] for p in lg.get("purchaseOrders", [])}
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"\d+\.\d+", m):
            if D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
            if not any(m.replace(".", ",") in t or m in t for t in c["turns"]) and m not in (e.get("supportedAmount"), e.get("disputedAmount")): fail(f"{cid}: amount {m} neither in the turns nor expected")
        elif m not in nums and m not in pos_: fail(f"{cid}: emailMentions {m} is neither an invoice nor a PO of the ledger")
        elif not any(m in t for t in c["turns"]): fail(f"{cid}: emailMentions {m} does not appear in the turns")
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
    if e.get("stakeholders") != TEAMS_ALL.get(e.get("reasonCode")): fail(f"{cid}: stakeholders {e.get('stakeholders')} vs routing table")
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

for lgn, num, amount, eur in FX_QUOTED:
    if to_company(lgn, num, D(amount)) != D(eur): fail(f"FX {num}: {amount} -> {to_company(lgn, num, D(amount))}, description says {eur}")

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
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "-")) for c in cases).items())))
print("  payment references checked:", n_refs)
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

