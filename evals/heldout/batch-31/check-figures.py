#!/usr/bin/env python3
"""Batch-31 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-31/check-figures.py"""
import glob, json, os, re, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "XAF": 0, "RWF": 0}  # DOP, USD, EUR: 2
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
NO_RATE = set()   # batch 31: every foreign-currency invoice has a rate
INTENDED_WRONG_PO = set()   # batch 31 has no invoice quoting a PO the customer never issued
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
DO, CM, IQ = "cibao-cedar-boxes-dop.ledger.json", "littoral-bakery-xaf.ledger.json", "zagros-link-iqd.ledger.json"
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
    out = max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
    if out and out != credit_line(cur, l, l["quantity"], D(l["unitPrice"]) - D(price or agreed(lgn, num, l["sku"]))): fail(f"{num} line {n}: price credit depends on the rounding method")
    return out
def credit_line(cur, l, units, price):
    """A credit memo line: units x price, the line's tax on it rounded once."""
    n = r(D(str(units)) * D(price), cur); return n + tax(l, n, cur)
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    out = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    # Guard: DOMAIN leaves open whether a credit's tax is the difference of two rounded line taxes or the tax of the credit
    # line itself; every figure of this batch is chosen so that both give the same amount.
    if out != credit_line(cur, l, min(D(str(units)), D(str(l["quantity"]))), l["unitPrice"]): fail(f"{num} line {n}: {units} units credit depends on the rounding method")
    return out
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
T_DO, T_CM, T_IQ = "2026-11-18", "2026-12-09", "2026-11-26"
def fee_desc(lgn, num, start): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").startswith(start)), D("0"))
def fee_desc_owed(lgn, num, start, words):
    """A fee named by its description is owed when the contract's notes name it (by `words`) or the customer's PO lists it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    in_notes = bool(c and words.lower() in c.get("notes", "").lower())
    on_po = any(l.get("description", "").lower().startswith(start.lower()) for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for l in po["lines"])
    return in_notes or on_po
def damaged(lgn, num, sku): return delivered(lgn, num, sku, "damagedQuantity")
def misapplied_payment(lgn, num, when):
    """A payment of the customer applied to another invoice whose reference names this one (cash application's mistake)."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and p.get("invoiceNumber") not in (None, num) and num in p.get("reference", "") and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def usual_rate(lgn, num, sku):
    """The rate the customer's other invoices use for the same SKU (all must agree)."""
    i = I(lgn, num)
    rates = {l.get("taxRate") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for l in o["lines"] if l["sku"] == sku}
    assert len(rates) == 1, rates
    return rates.pop()
def tax_rate_fix(lgn, num, n):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; nn = net(l, cur)
    return tax(l, nn, cur) - tax(l, nn, cur, usual_rate(lgn, num, l["sku"]))

N = {k: k for k in []}
d403, d406, d409, d412, d415, d419, d421, d427, d430, d433 = (f"E3100000004{x}" for x in ("03", "06", "09", "12", "15", "19", "21", "27", "30", "33"))
d051, d055, d056, d017, d019 = "E440000000051", "E440000000055", "E440000000056", "E460000000017", "E460000000019"
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b31-do-412-anillas": (lambda: price_diff(DO, d412, 2), lambda: price_diff(DO, d412, 2, "1850.00")),
 "b31-do-415-740-cajas": (lambda: short(DO, d415, 2, delivered(DO, d415, "CAJ-25-CED")), lambda: short(DO, d415, 2, 740)),
 "b31-do-419-sin-oc": (lambda: Z if po_defect(DO, d419) else None, lambda: inv_total(DO, d419)),
 "b31-do-421-tres-visitas": (lambda: short(DO, d421, 1, logged(DO, d421, "HUM-VIS")), lambda: short(DO, d421, 1, 3)),
 "b31-do-421-martes-27": (lambda: units_credit(DO, d421, 1, len(unserved_dates(DO, d421, "HUM-VIS", ["2026-10-27"]))), lambda: units_credit(DO, d421, 1, 1)),
 "b31-do-403-mora": (lambda: fee_not_owed(DO, d403, T_DO), lambda: fee(DO, d403, "late_fee")),
 "b31-do-051-rajadas": (lambda: units_credit(DO, d051, 1, damaged(DO, d051, "CAJ-50-CED")), lambda: units_credit(DO, d051, 1, 40)),
 "b31-do-427-itbis-zf": (lambda: inv_tax(DO, d427) if tax_exempt(DO, d427) else Z, lambda: inv_tax(DO, d427)),
 "b31-do-056-doble": (lambda: inv_total(DO, d056) if same_basis_duplicate(DO, d056, d055) else Z, lambda: inv_total(DO, d056)),
 "b31-do-017-wire": (lambda: unapplied_payment(DO, d017, "2026-09-11"), lambda: open_bal(DO, d017)),
 "b31-do-019-laca": (lambda: price_diff(DO, d019, 1), lambda: price_diff(DO, d019, 1, "8.90")),
 "b31-do-019-fumigacion": (lambda: Z if fee_desc_owed(DO, d019, "Fumigation certificate", "fumigation certificate") else fee_desc(DO, d019, "Fumigation"), lambda: fee_desc(DO, d019, "Fumigation")),
 "b31-do-409-almacen": (lambda: outside_contract(DO, d409), lambda: inv_total(DO, d409)),
 "b31-do-430-450-cajas": (None, lambda: units_credit(DO, d430, 1, 50)),
 "b31-do-433-precio": (lambda: price_diff(DO, d433, 1), lambda: price_diff(DO, d433, 1, "385.00")),
 "b31-do-406-deposito": (lambda: unapplied_payment(DO, d406, "2026-10-02"), lambda: open_bal(DO, d406)),

 "b31-cm-0731-sacs-mouilles": (lambda: units_credit(CM, "F26.10.0731", 1, damaged(CM, "F26.10.0731", "FAR-50")), lambda: credit_line("XAF", line(I(CM, "F26.10.0731"), 1), 6, "21500")),   # the customer's own figure: 129,000 + 24,832.5 -> 24,833
 "b31-cm-0748-prix": (lambda: price_diff(CM, "F26.10.0748", 1), lambda: price_diff(CM, "F26.10.0748", 1, "17500")),
 "b31-cm-0702-penalite": (lambda: fee_not_owed(CM, "F26.09.0702", T_CM), lambda: fee(CM, "F26.09.0702", "late_fee")),
 "b31-cm-0790-dates": (None, lambda: units_credit(CM, "F26.11.0790", 1, 2)),
 "b31-cm-0655-5-sacs": (lambda: short(CM, "F26.07.0655", 1, delivered(CM, "F26.07.0655", "FAR-50")), lambda: short(CM, "F26.07.0655", 1, 95)),
 "b31-cm-0752-570": (lambda: short(CM, "F26.10.0752", 1, delivered(CM, "F26.10.0752", "FAR-50")), lambda: short(CM, "F26.10.0752", 1, 300 + 270)),
 "b31-cm-0786-sans-bc": (lambda: Z if po_defect(CM, "F26.11.0786") else None, lambda: inv_total(CM, "F26.11.0786")),
 "b31-cm-0803-pas-doublon": (lambda: inv_total(CM, "F26.11.0803") if same_basis_duplicate(CM, "F26.11.0803", "F26.11.0801") else Z, lambda: inv_total(CM, "F26.11.0803")),
 "b31-cm-0795-livraison": (lambda: Z if fee_desc_owed(CM, "F26.11.0795", "Frais de livraison", "livraison") else fee(CM, "F26.11.0795", "freight"), lambda: fee(CM, "F26.11.0795", "freight")),
 "b31-cm-0808-deja-paye": (lambda: misapplied_payment(CM, "F26.11.0808", "2026-11-28"), lambda: open_bal(CM, "F26.11.0808")),
 "b31-cm-0811-un-depannage": (lambda: short(CM, "F26.11.0811", 1, logged(CM, "F26.11.0811", "DEP-FOUR")), lambda: short(CM, "F26.11.0811", 1, 1)),
 "b31-cm-0715-sepa": (lambda: unapplied_payment(CM, "F26.09.0715", "2026-10-20"), lambda: open_bal(CM, "F26.09.0715")),
 "b31-cm-0760-transport": (lambda: Z if fee_desc_owed(CM, "F26.10.0760", "Transport Douala", "transport douala–libreville") else fee(CM, "F26.10.0760", "other"), lambda: fee(CM, "F26.10.0760", "other")),
 "b31-cm-0815-prix-bc": (lambda: price_diff(CM, "F26.11.0815", 1), lambda: price_diff(CM, "F26.11.0815", 1, "21000")),
 "b31-cm-0820-ameliorant": (lambda: price_diff(CM, "F26.11.0820", 1), lambda: (D("18000") - D("17500")) * 5),
 "b31-cm-0820-tva-levure": (lambda: tax_rate_fix(CM, "F26.11.0820", 2), lambda: tax_rate_fix(CM, "F26.11.0820", 2)),

 "b31-iq-1184-sites": (lambda: short(IQ, "EBL-01184", 1, logged(IQ, "EBL-01184", "VSAT-20M")), lambda: short(IQ, "EBL-01184", 1, 4)),
 "b31-iq-1192-eng-days": (lambda: short(IQ, "EBL-01192", 1, logged(IQ, "EBL-01192", "ENG-DAY")), lambda: short(IQ, "EBL-01192", 1, 7)),
 "b31-iq-1192-surcharge": (lambda: Z if fee_desc_owed(IQ, "EBL-01192", "Emergency call-out surcharge", "emergency call-out surcharge") else fee(IQ, "EBL-01192", "service_fee"), lambda: fee(IQ, "EBL-01192", "service_fee")),
 "b31-iq-1201-no-po": (lambda: Z if po_defect(IQ, "EBL-01201") else None, lambda: inv_total(IQ, "EBL-01201")),
 "b31-iq-1176-wire": (lambda: unapplied_payment(IQ, "EBL-01176", "2026-10-14"), lambda: open_bal(IQ, "EBL-01176")),
 "b31-iq-412-vsat-price": (lambda: price_diff(IQ, "SUL-00412", 2), lambda: price_diff(IQ, "SUL-00412", 2, "1900000.000")),
 "b31-iq-425-double": (lambda: inv_total(IQ, "SUL-00425") if same_basis_duplicate(IQ, "SUL-00425", "SUL-00412") else Z, lambda: inv_total(IQ, "SUL-00425")),
 "b31-iq-431-engineer": (lambda: short(IQ, "SUL-00431", 1, logged(IQ, "SUL-00431", "ENG-DAY")), lambda: inv_total(IQ, "SUL-00431")),
 "b31-iq-1188-after-contract": (lambda: outside_contract(IQ, "EBL-01188"), lambda: outside_contract(IQ, "EBL-01188")),
 "b31-iq-1160-late-fee": (lambda: fee_not_owed(IQ, "EBL-01160", T_IQ), lambda: fee(IQ, "EBL-01160", "late_fee")),
 "b31-iq-1199-installation": (lambda: Z if (contract_price(IQ, "EBL-01199", "INST") and has_log(IQ, "EBL-01199", "INST")) else line_gross(IQ, "EBL-01199", 1), lambda: line_gross(IQ, "EBL-01199", 1)),
 "b31-iq-1190-doa": (lambda: units_credit(IQ, "EBL-01190", 1, damaged(IQ, "EBL-01190", "MOD-X7")), lambda: units_credit(IQ, "EBL-01190", 1, 2)),
 "b31-iq-1186-cash": (None, lambda: open_bal(IQ, "EBL-01186")),
 "b31-iq-1186-buc": (lambda: price_diff(IQ, "EBL-01186", 1), lambda: price_diff(IQ, "EBL-01186", 1, "1120000.000")),
 "b31-iq-1197-eng-one-day": (lambda: short(IQ, "EBL-01197", 2, logged(IQ, "EBL-01197", "ENG-DAY")), lambda: short(IQ, "EBL-01197", 2, 1)),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b31-do-430-450-cajas": lambda: not has_delivery(DO, d430, "CAJ-REG"),
 "b31-cm-0790-dates": lambda: unserved_dates(CM, "F26.11.0790", "VIS-FOUR", ["2026-11-17", "2026-11-24"]) is None,
 "b31-iq-1186-cash": lambda: not any(p["customerId"] == "IQ-TTC" for p in ledgers[IQ].get("payments", [])),
}
# Cases with no classification: unknown invoices (noResolution) and one hypothetical question.
NO_CLASSIFICATION = {"b31-do-unknown-449", "b31-cm-unknown-0834", "b31-iq-1203-hypothetical"}

# ---- numbering: e-CF series (31 taxed, 44 free zone, 46 export); Littoral's F yy.mm.seq; Zagros's branch prefixes
INTENDED_TAX_ON_EXEMPT = {"E310000000427"}   # an exempt free-zone customer billed on the taxed series: the defect of b31-do-427-itbis-zf
for i in ledgers[DO]["invoices"]:
    m = re.fullmatch(r"E(31|44|46)(\d{10})", i["number"]); taxed = any(l.get("taxRate") for l in i["lines"])
    if not m: fail(f"{i['number']}: not an e-CF number"); continue
    t = m.group(1)
    if (t == "31") != taxed: fail(f"{i['number']}: series {t} but taxed={taxed}")
    if (t == "46") != (i["currency"] == "USD"): fail(f"{i['number']}: series {t} in {i['currency']}")
    if t == "44" and not tax_exempt(DO, i["number"]): fail(f"{i['number']}: free-zone series for a non-exempt customer")
    if taxed and tax_exempt(DO, i["number"]) and i["number"] not in INTENDED_TAX_ON_EXEMPT: fail(f"{i['number']}: exempt customer taxed")
prev = None
for i in sorted(ledgers[CM]["invoices"], key=lambda i: i["number"][-4:]):
    m = re.fullmatch(r"F(\d\d)\.(\d\d)\.(\d{4})", i["number"])
    if not m or f"20{m.group(1)}-{m.group(2)}" != i["issueDate"][:7]: fail(f"{i['number']}: yy.mm does not match issue date {i['issueDate']}")
    if prev and i["issueDate"] < prev: fail(f"{i['number']}: sequence out of date order")
    prev = i["issueDate"]
    if (i["currency"] != "XAF" or tax_exempt(CM, i["number"])) and any(l.get("taxRate") for l in i["lines"]): fail(f"{i['number']}: export or exempt invoice taxed")
for i in ledgers[IQ]["invoices"]:
    m = re.fullmatch(r"(EBL|SUL)-\d{5}", i["number"])
    if not m or (m.group(1) == "SUL") != (i["customerId"] == "IQ-BZC"): fail(f"{i['number']}: branch prefix")
    if any(l.get("taxRate") for l in i["lines"]): fail(f"{i['number']}: no VAT in this ledger")

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
    if not cid.startswith("b31-"): fail(f"{cid}: id prefix")
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
    if sup_fn is None and cl != "needs_info": fail(f"{cid}: no supported recipe for a {cl} case")
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

    if cl is None and cid not in NO_CLASSIFICATION: fail(f"{cid}: no classification")

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

