#!/usr/bin/env python3
"""Batch-58 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Batch 58 adds: remittance deductions (the deducted amount is the disputed amount; each deduction
is a dispute opened at import, counted for the customer's repeat-dispute escalation both with and
without those automatic disputes, which must agree), unapplied / misapplied payments, the FX
conversions quoted in the case descriptions, and the three numbering schemes of this batch.
Usage: python3 evals/heldout/batch-58/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # YER, AFN, SDG, USD, EUR, PKR: 2
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
NO_RATE = {"E-171/1405", "E-198/1405"}   # batch 58: the PKR invoices have no rate, on purpose
INTENDED_WRONG_PO = {"E-221/1405"}   # quotes last financial year's PO series, which the ledger does not hold
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
YE, AF, SD = "wadi-dawan-honey-yer.ledger.json", "harirud-saffron-afn.ledger.json", "suakin-gum-arabic-sdg.ledger.json"
T_YE, T_AF, T_SD = "2026-11-18", "2026-11-24", "2026-12-09"

def deducted(lgn, num):
    """What the customer's remittance advice kept back on this invoice (a dispute opened by the import)."""
    return sum((D(x.get("deducted", "0")) for p in ledgers[lgn].get("payments", []) for x in p.get("remittance", []) if x["invoiceNumber"] == num), D("0"))
def dates_credit(lgn, num, n, sku, dates):
    """Units at the line's price (with its tax) for the named dates without a rendered per-day entry."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def contract_prices_line(lgn, num, n):
    """A charged line the contract prices at that price is supported: nothing is not owed."""
    i = I(lgn, num); l = line(i, n); p = contract_price(lgn, num, l["sku"])
    return p is not None and D(p) == D(l["unitPrice"])
def fee_owed_by_po_or_notes(lgn, num, t):
    """A fee the customer's PO lists (same words, same amount) or the contract's notes name is owed."""
    return fee_on_po(lgn, num, t) or fee_in_contract_notes(lgn, num, t)
def line_tax_excess(lgn, num, n):
    """Tax on the line above the rate the customer's other invoices use for the same SKU (most frequent)."""
    from collections import Counter
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    rates = Counter(x.get("taxRate") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num
                    for x in o["lines"] if x["sku"] == l["sku"])
    if not rates: return None
    usual = rates.most_common(1)[0][0]
    nt = net(l, cur)
    return max(tax(l, nt, cur) - tax(l, nt, cur, rate=usual), D("0"))
def applied_elsewhere_naming(lgn, num):
    """A payment of the customer applied to another invoice whose reference names this invoice (cash put on the wrong invoice)."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and p.get("invoiceNumber") not in (None, num) and num in p.get("reference", "")]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def unapplied_matching(lgn, num, ref=None):
    """Unapplied payments of the customer that quote the reference, name the invoice, or equal the open balance."""
    lg = ledgers[lgn]; i = I(lgn, num); ob = open_bal(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"]
          and ((ref and ref in p.get("reference", "")) or num in p.get("reference", "") or D(p["amount"]) == ob)]
    return min(sum((D(p["amount"]) for p in ps), D("0")), ob)
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)

R = {
 # Yemen (YER; USD at 1,617.5000 / 1,602.2500)
 "b58-ye-rayyan-broken-jars": (lambda: units_credit(YE, "DW-M26-0402", 2, delivered(YE, "DW-M26-0402", "SIDR-250", "damagedQuantity")), lambda: deducted(YE, "DW-M26-0402")),
 "b58-ye-rayyan-price-92": (lambda: price_diff(YE, "DW-M26-0419", 1), lambda: inv_total(YE, "DW-M26-0419") - D("26470.00")),
 "b58-ye-rayyan-no-po-0437": (lambda: Z if po_defect(YE, "DW-M26-0437") else None, lambda: inv_total(YE, "DW-M26-0437")),
 "b58-ye-rayyan-0453-twice": (lambda: inv_total(YE, "DW-M26-0453") if same_basis_duplicate(YE, "DW-M26-0453", "DW-M26-0451") else Z, lambda: inv_total(YE, "DW-M26-0453")),
 "b58-ye-dhofar-wht-certificate": (lambda: unapplied_matching(YE, "DW-M26-0429", "2026-118834"), lambda: open_bal(YE, "DW-M26-0429")),
 "b58-ye-dhofar-jars-short": (lambda: short(YE, "DW-M26-0398", 1, delivered(YE, "DW-M26-0398", "SIDR-250")), lambda: deducted(YE, "DW-M26-0398")),
 "b58-ye-mansoura-cheque-0083": (lambda: unapplied_matching(YE, "DW-A26-0083", "0048721"), lambda: open_bal(YE, "DW-A26-0083")),
 "b58-ye-mansoura-broken-jar": (lambda: units_credit(YE, "DW-A26-0104", 1, delivered(YE, "DW-A26-0104", "MARAI-1KG", "damagedQuantity")), lambda: deducted(YE, "DW-A26-0104")),
 "b58-ye-saba-late-fee-grace": (lambda: fee_not_owed(YE, "DW-M26-0372", T_YE), lambda: fee(YE, "DW-M26-0372", "late_fee")),
 "b58-ye-saba-late-fee-two-months": (lambda: fee_not_owed(YE, "DW-M26-0411", T_YE), lambda: fee(YE, "DW-M26-0411", "late_fee")),
 "b58-ye-saba-propolis": (lambda: price_diff(YE, "DW-M26-0440", 1), lambda: price_diff(YE, "DW-M26-0440", 1, "8900.00")),
 "b58-ye-hrlp-gst-exempt": (lambda: inv_tax(YE, "DW-M26-0408") if tax_exempt(YE, "DW-M26-0408") else Z, lambda: deducted(YE, "DW-M26-0408")),
 "b58-ye-hrlp-training-21st": (lambda: dates_credit(YE, "DW-M26-0426", 1, "TRAIN-DAY", ["2026-09-21"]), lambda: units_credit(YE, "DW-M26-0426", 1, 1)),
 "b58-ye-hrlp-visits-six": (lambda: short(YE, "DW-M26-0426", 2, logged(YE, "DW-M26-0426", "APIARY-VISIT")), lambda: short(YE, "DW-M26-0426", 2, 6)),
 "b58-ye-craterbay-cold-room": (lambda: Z if (po_line_supports(YE, "DW-A26-0090", 3) or contract_prices_line(YE, "DW-A26-0090", 3)) else line_gross(YE, "DW-A26-0090", 3), lambda: line_gross(YE, "DW-A26-0090", 3)),
 "b58-ye-craterbay-paid-no-trace": (None, lambda: open_bal(YE, "DW-A26-0052")),
 # Afghanistan (AFN; USD at 68.4500 / 66.9000; no PKR rate)
 "b58-af-lalkuan-chilgoza-short": (lambda: short(AF, "E-184/1405", 2, delivered(AF, "E-184/1405", "PINE-CHIL")), lambda: deducted(AF, "E-184/1405")),
 "b58-af-lalkuan-saffron-rate": (lambda: price_diff(AF, "E-205/1405", 1), lambda: inv_total(AF, "E-205/1405") - D("41840.00")),
 "b58-af-lalkuan-po-wrong-year": (lambda: Z if po_defect(AF, "E-221/1405") else None, lambda: inv_total(AF, "E-221/1405")),
 "b58-af-anarkali-second-instalment": (lambda: unapplied_matching(AF, "E-171/1405", "0091-7731"), lambda: open_bal(AF, "E-171/1405")),
 "b58-af-anarkali-wet-cartons": (lambda: units_credit(AF, "E-198/1405", 1, delivered(AF, "E-198/1405", "RAISIN-RED", "damagedQuantity")), lambda: units_credit(AF, "E-198/1405", 1, 12)),
 "b58-af-padma-misapplied-tt": (lambda: applied_elsewhere_naming(AF, "E-176/1405"), lambda: open_bal(AF, "E-176/1405")),
 "b58-af-padma-raisin-count": (lambda: short(AF, "E-212/1405", 1, delivered(AF, "E-212/1405", "RAISIN-GRN")), lambda: short(AF, "E-212/1405", 1, 960)),
 "b58-af-thamel-interest": (lambda: fee_not_owed(AF, "E-200/1405", T_AF), lambda: fee(AF, "E-200/1405", "late_fee")),
 "b58-af-thamel-airfreight": (lambda: Z if fee_owed_by_po_or_notes(AF, "E-226/1405", "freight") else fee(AF, "E-226/1405", "freight"), lambda: fee(AF, "E-226/1405", "freight")),
 "b58-af-lanka-late-fee-value-date": (lambda: fee_not_owed(AF, "E-168/1405", T_AF), lambda: fee(AF, "E-168/1405", "late_fee")),
 "b58-af-lanka-pine-weight": (lambda: short(AF, "E-215/1405", 2, delivered(AF, "E-215/1405", "PINE-CHIL")), lambda: short(AF, "E-215/1405", 2, 247.5)),
 "b58-af-lanka-lab-lot": (lambda: short(AF, "E-215/1405", 3, logged(AF, "E-215/1405", "LAB-LOT")), lambda: units_credit(AF, "E-215/1405", 3, 1)),
 "b58-af-hotel-saffron": (lambda: short(AF, "D-074/1405", 1, delivered(AF, "D-074/1405", "SAFF-SARGOL")), lambda: line_gross(AF, "D-074/1405", 1)),
 "b58-af-hotel-pine-20kg": (None, lambda: short(AF, "D-088/1405", 1, 20)),
 "b58-af-hotel-d089-twice": (lambda: inv_total(AF, "D-089/1405") if same_basis_duplicate(AF, "D-089/1405", "D-088/1405") else Z, lambda: inv_total(AF, "D-089/1405")),
 # Sudan (SDG; USD at 2,580 / 2,605, EUR at 3,015 / 3,062.50)
 "b58-sd-tiznit-analyses": (lambda: Z if contract_prices_line(SD, "2026-SG-0391", 2) or logged(SD, "2026-SG-0391", "LAB-LOT") >= 3 else line_gross(SD, "2026-SG-0391", 2), lambda: deducted(SD, "2026-SG-0391")),
 "b58-sd-tiznit-sdp-price": (lambda: price_diff(SD, "2026-SG-0433", 1), lambda: inv_total(SD, "2026-SG-0433") - D("101120.00")),
 "b58-sd-tiznit-torn-bags": (lambda: units_credit(SD, "2026-SG-0447", 1, delivered(SD, "2026-SG-0447", "GUM-SDP", "damagedQuantity")), lambda: units_credit(SD, "2026-SG-0447", 1, 10)),
 "b58-sd-djurdjura-0405-double": (lambda: inv_total(SD, "2026-SG-0405") if same_basis_duplicate(SD, "2026-SG-0405", "2026-SG-0402") else Z, lambda: inv_total(SD, "2026-SG-0405")),
 "b58-sd-djurdjura-weighbridge": (lambda: short(SD, "2026-SG-0438", 1, delivered(SD, "2026-SG-0438", "GUM-CS")), lambda: short(SD, "2026-SG-0438", 1, 19.6)),
 "b58-sd-sahel-storage": (lambda: outside_contract(SD, "2026-SG-0461"), lambda: inv_total(SD, "2026-SG-0461")),
 "b58-sd-elmax-swift": (None, lambda: open_bal(SD, "2026-SG-0418")),
 "b58-sd-elmax-talha-price": (lambda: price_diff(SD, "2026-SG-0444", 1), lambda: price_diff(SD, "2026-SG-0444", 1, "1650.00")),
 "b58-sd-redsea-late-fee": (lambda: fee_not_owed(SD, "2026-SG-0385", T_SD), lambda: fee(SD, "2026-SG-0385", "late_fee") - late_fee_one_month(SD, "2026-SG-0385")),
 "b58-sd-redsea-vat-20": (lambda: line_tax_excess(SD, "2026-SG-0424", 1), lambda: deducted(SD, "2026-SG-0424")),
 "b58-sd-redsea-bags": (lambda: short(SD, "2026-SG-0452", 1, delivered(SD, "2026-SG-0452", "GUM-SDP")), lambda: units_credit(SD, "2026-SG-0452", 1, 6)),
 "b58-sd-kordofan-cleaning-tonnes": (lambda: short(SD, "2026-SG-0409", 1, logged(SD, "2026-SG-0409", "CLEAN-TOLL")), lambda: short(SD, "2026-SG-0409", 1, 110)),
 "b58-sd-kordofan-gang-dates": (None, lambda: units_credit(SD, "2026-SG-0449", 2, 2)),
 "b58-sd-kordofan-kibbling-quality": (lambda: short(SD, "2026-SG-0449", 1, logged(SD, "2026-SG-0449", "KIBB-TOLL")), lambda: line_gross(SD, "2026-SG-0449", 1)),
 "b58-sd-kordofan-vat-exempt": (lambda: inv_tax(SD, "2026-SG-0463") if tax_exempt(SD, "2026-SG-0463") else Z, lambda: inv_tax(SD, "2026-SG-0463")),
}
def late_fee_one_month(lgn, num):
    """One month of the contract's rate on the principal: what the customer says it accepts."""
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    return r(principal(i) * D(c["lateFee"]["percentPerMonth"]) / 100, i["currency"])
NEEDS_INFO = {
 "b58-ye-craterbay-paid-no-trace": lambda: nothing_could_be_theirs(YE, "DW-A26-0052", "2026-08-30", "CBH/TT/0830"),
 "b58-af-hotel-pine-20kg": lambda: not has_delivery(AF, "D-088/1405", "PINE-CHIL"),
 "b58-sd-elmax-swift": lambda: nothing_could_be_theirs(SD, "2026-SG-0418", "2026-10-15", "55120"),
 "b58-sd-kordofan-gang-dates": lambda: unserved_dates(SD, "2026-SG-0449", "LOAD-GANG", ["2026-10-14", "2026-10-15"]) is None,
}
WRONG_CUSTOMER = {}

# ---- numbering: DW-M26-NNNN / DW-A26-NNNN (Mukalla and Aden offices, one sequence each, year of issue),
# E-NNN/1405 and D-NNN/1405 (export and domestic series, Solar Hijri year 1405 = 2026-03-21..2027-03-20),
# 2026-SG-NNNN (one yearly sequence); sequences follow the issue dates.
import re
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for office in "MA":
    v = [i for i in ledgers[YE]["invoices"] if i["number"].startswith(f"DW-{office}")]
    if not all(re.fullmatch(rf"DW-{office}(\d\d)-\d{{4}}", i["number"]) and i["number"][4:6] == i["issueDate"][2:4] for i in v): fail(f"YE office {office}: numbering")
    if not seq_ok(v, lambda i: i["number"]): fail(f"YE office {office}: sequence out of date order")
if len(ledgers[YE]["invoices"]) != sum(1 for i in ledgers[YE]["invoices"] if i["number"][3] in "MA"): fail("YE office letter")
for series in "ED":
    v = [i for i in ledgers[AF]["invoices"] if i["number"].startswith(f"{series}-")]
    if not all(re.fullmatch(rf"{series}-\d{{3}}/1405", i["number"]) and "2026-03-21" <= i["issueDate"] <= "2027-03-20" for i in v): fail(f"AF series {series}: numbering")
    if not seq_ok(v, lambda i: i["number"]): fail(f"AF series {series}: sequence out of date order")
if len(ledgers[AF]["invoices"]) != sum(1 for i in ledgers[AF]["invoices"] if i["number"][0] in "ED"): fail("AF series letter")
if not all(re.fullmatch(r"2026-SG-\d{4}", i["number"]) for i in ledgers[SD]["invoices"]): fail("SD numbering")
if not seq_ok(ledgers[SD]["invoices"], lambda i: i["number"]): fail("SD: sequence out of date order")

# ---- remittance advices: paid + deducted per line adds up to the payment; what is kept back is the dispute
for name, lg in ledgers.items():
    for p in lg.get("payments", []):
        if p.get("remittance"):
            if sum(D(x["paid"]) for x in p["remittance"]) != D(p["amount"]): fail(f"{name} {p['id']}: remittance paid != payment amount")
            for x in p["remittance"]:
                if D(x["paid"]) + D(x.get("deducted", "0")) != D(invoice(lg, x["invoiceNumber"])["total"]): fail(f"{name} {p['id']}: paid + deducted != invoice total")

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
ESCALATED = []
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b58-"): fail(f"{cid}: id prefix")
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
        # disputes the import opens by itself for remittance deductions on the customer's other invoices
        # (dated by the payment or by the import, both inside the window here): counted or not, the answer must not change
        auto = sum(1 for p in lg.get("payments", []) if p["customerId"] == cust["id"] for x in p.get("remittance", [])
                   if D(x.get("deducted", "0")) > 0 and x["invoiceNumber"] != num and days(p["date"], c["today"]) < pol["repeatDisputeWindowDays"])
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        def esc_with(n_recent):
            return (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
                    or bool(cust.get("strategic")) or n_recent >= pol["repeatDisputeCount"])
        esc = esc_with(recent)
        if esc != esc_with(recent + auto): fail(f"{cid}: escalation depends on whether the {auto} deduction dispute(s) are counted")
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
        ESCALATED.append(cid) if esc else None
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
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"  escalations: {len(ESCALATED)}; deductions in the ledgers: {sum(1 for lg in ledgers.values() for p in lg.get('payments', []) for x in p.get('remittance', []) if D(x.get('deducted', '0')) > 0)}")

# ---- FX quoted in the descriptions ("686.00 USD = 1,109,605.00 YER ..."): the invoice's rate, half-up once
import re as _re
for c in cases:
    num = c["expect"].get("invoiceNumber")
    for amt, cur, conv_, home_ in _re.findall(r"([\d,]+\.\d+) (USD|EUR) = ([\d,]+\.\d+) (YER|AFN|SDG)", c.get("description", "")):
        if not num: fail(f"{c['id']}: FX figure without an invoice"); continue
        i = invoice(ledgers[c["ledger"]], num)
        if i["currency"] != cur: fail(f"{c['id']}: description converts {cur} but the invoice is in {i['currency']}"); continue
        got = to_company(c["ledger"], num, D(amt.replace(",", "")))
        if got != D(conv_.replace(",", "")): fail(f"{c['id']}: {amt} {cur} is {got} {home_}, description says {conv_}")
# ---- deductions: a case on an invoice with a deduction disputes exactly the deducted amount
for c in cases:
    e = c["expect"]; num = e.get("invoiceNumber")
    if num and "disputedAmount" in e and deducted(c["ledger"], num) > 0 and D(e["disputedAmount"]) != deducted(c["ledger"], num):
        fail(f"{c['id']}: {num} carries a deduction of {deducted(c['ledger'], num)} but the case disputes {e['disputedAmount']}")
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

