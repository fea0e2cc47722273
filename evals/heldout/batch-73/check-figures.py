#!/usr/bin/env python3
"""Batch-73 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-73/check-figures.py"""
import glob, json, os, re, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "CLP": 0, "PYG": 0}  # PEN, BOB, USD, COP: 2 (ISO 4217)
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
NO_RATE = {"001-010-000004505"}   # batch 73: the PEN invoice of the Ecuadorian ledger has no rate, on purpose
INTENDED_WRONG_PO = {"CHP-000509"}   # quotes OC-SJ-2616, a PO the customer never issued
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
PE, BO, EC = "hilanderia-wari-altiplano-pen.ledger.json", "beneficiadora-thunupa-bob.ledger.json", "conservera-jaramijo-usd.ledger.json"
T_PE, T_BO, T_EC = "2026-11-23", "2026-10-21", "2026-12-02"
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
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)
def all_logged(lgn, num, n):
    """The service log records every billed unit of the line as rendered (nothing is not owed)."""
    l = line(I(lgn, num), n); return has_log(lgn, num, l["sku"]) and logged(lgn, num, l["sku"]) >= l["quantity"]

F1, F2, F3, F4, F5, F6, F7, F8 = "FJ01-2128", "FJ01-2150", "FJ01-2163", "FJ01-2172", "FJ01-2178", "FJ01-2181", "FJ01-2185", "FL01-0615"
R = {
 # Peru (PEN; USD at 3.5480 / 3.5120)
 "b73-pe-intikilla-precio-baby": (lambda: price_diff(PE, F3, 1), lambda: price_diff(PE, F3, 1)),
 "b73-pe-intikilla-guia-faltante": (lambda: short(PE, F5, 1, delivered(PE, F5, "HIL-AS-216")), lambda: short(PE, F5, 1, 112.4)),
 "b73-pe-intikilla-sin-oc": (lambda: Z if po_defect(PE, "FL01-0631") else None, lambda: inv_total(PE, "FL01-0631")),
 "b73-pe-awana-mora": (lambda: fee_not_owed(PE, F2, T_PE), lambda: fee(PE, F2, "late_fee")),
 "b73-pe-awana-tenido-kilos": (lambda: short(PE, "FL01-0622", 1, logged(PE, "FL01-0622", "TEN-KG")), lambda: units_credit(PE, "FL01-0622", 1, 25)),
 "b73-pe-awana-analisis-ofda": (lambda: Z if (fee_supported_by_contract_price(PE, "FL01-0622", 2) and all_logged(PE, "FL01-0622", 2)) else line_gross(PE, "FL01-0622", 2), lambda: line_gross(PE, "FL01-0622", 2)),
 "b73-pe-awana-courier-peso": (None, lambda: units_credit(PE, F6, 1, 2.5)),
 "b73-pe-frontera-igv-zofra": (lambda: inv_tax(PE, F4) if tax_exempt(PE, F4) else Z, lambda: inv_tax(PE, F4)),
 "b73-pe-frontera-transferencia": (lambda: unapplied_payment(PE, F7, "2026-11-20"), lambda: open_bal(PE, F7)),
 "b73-pe-illimani-conos-mojados": (lambda: units_credit(PE, "FL01-0618", 1, delivered(PE, "FL01-0618", "HIL-BA-228", "damagedQuantity")), lambda: units_credit(PE, "FL01-0618", 1, 25)),
 "b73-pe-illimani-lista-2025": (lambda: price_diff(PE, "FL01-0640", 1), lambda: price_diff(PE, "FL01-0640", 1, "37.50")),
 "b73-pe-sabana-doble": (lambda: inv_total(PE, "FL01-0629") if same_basis_duplicate(PE, "FL01-0629", "FL01-0626") else Z, lambda: inv_total(PE, "FL01-0629")),
 "b73-pe-colca-retainer-octubre": (lambda: outside_contract(PE, "FL01-0638"), lambda: inv_total(PE, "FL01-0638")),
 "b73-pe-colca-tono": (lambda: Z if all_logged(PE, F8, 1) else None, lambda: line_gross(PE, F8, 1)),
 "b73-pe-colca-pago-agosto": (None, lambda: open_bal(PE, F1)),
 # Bolivia (BOB; USD 6.9600, PEN 1.9380 / 1.9650)
 "b73-bo-sajama-precio-blanca": (lambda: price_diff(BO, "CHP-000488", 1), lambda: price_diff(BO, "CHP-000488", 1)),
 "b73-bo-sajama-consolidado": (lambda: Z if po_line_supports(BO, "CHP-000497", 2) else line_gross(BO, "CHP-000497", 2), lambda: line_gross(BO, "CHP-000497", 2)),
 "b73-bo-sajama-oc-errada": (lambda: Z if po_defect(BO, "CHP-000509") else None, lambda: inv_total(BO, "CHP-000509")),
 "b73-bo-sajama-supervision-dias": (lambda: dates_credit(BO, "CHP-000518", 1, "SUP-CARG", ["2026-09-24", "2026-09-26"]), lambda: units_credit(BO, "CHP-000518", 1, 2)),
 "b73-bo-jachamarka-mora": (lambda: fee_not_owed(BO, "CHP-000471", T_BO), lambda: fee(BO, "CHP-000471", "late_fee")),
 "b73-bo-jachamarka-quintales": (lambda: short(BO, "CHP-000503", 1, logged(BO, "CHP-000503", "BEN-QQ")), lambda: units_credit(BO, "CHP-000503", 1, 40)),
 "b73-bo-jachamarka-muestras": (lambda: short(BO, "CHP-000503", 2, logged(BO, "CHP-000503", "LAB-SAP")), lambda: units_credit(BO, "CHP-000503", 2, 2)),
 "b73-bo-tunari-bolsas-rotas": (lambda: units_credit(BO, "CHP-000479", 1, delivered(BO, "CHP-000479", "PERL-1KG", "damagedQuantity")), lambda: units_credit(BO, "CHP-000479", 1, 14)),
 "b73-bo-tunari-sin-nota": (None, lambda: units_credit(BO, "CHP-000506", 1, 12)),
 "b73-bo-tunari-pago-corrige": (lambda: unapplied_payment(BO, "CHP-000514", "2026-10-15"), lambda: open_bal(BO, "CHP-000514")),
 "b73-bo-titicaca-balanza": (lambda: short(BO, "CHP-000484", 1, delivered(BO, "CHP-000484", "QR-RJ-QQ")), lambda: units_credit(BO, "CHP-000484", 1, 4)),
 "b73-bo-titicaca-no-duplicada": (lambda: inv_total(BO, "CHP-000508") if same_basis_duplicate(BO, "CHP-000508", "CHP-000499") else Z, lambda: inv_total(BO, "CHP-000508")),
 "b73-bo-chimborazo-iva": (lambda: inv_tax(BO, "CHP-000491") if tax_exempt(BO, "CHP-000491") else Z, lambda: inv_tax(BO, "CHP-000491")),
 "b73-bo-chimborazo-swift": (lambda: unapplied_payment(BO, "CHP-000495", "2026-10-19"), lambda: open_bal(BO, "CHP-000495")),
 "b73-bo-chimborazo-analisis": (lambda: Z if (fee_supported_by_contract_price(BO, "CHP-000511", 2) and all_logged(BO, "CHP-000511", 2)) else line_gross(BO, "CHP-000511", 2), lambda: line_gross(BO, "CHP-000511", 2)),
 # Ecuador (USD; COP at 0.0002450 / 0.0002390; no PEN rate)
 "b73-ec-santalucia-lomitos": (lambda: price_diff(EC, "001-010-000004471", 1), lambda: price_diff(EC, "001-010-000004471", 1)),
 "b73-ec-santalucia-sin-oc": (lambda: Z if po_defect(EC, "001-010-000004502") else None, lambda: inv_total(EC, "001-010-000004502")),
 "b73-ec-santalucia-impulsadora": (lambda: dates_credit(EC, "002-020-000001187", 1, "IMP-DIA", ["2026-10-10", "2026-10-17", "2026-10-24"]), lambda: units_credit(EC, "002-020-000001187", 1, 3)),
 "b73-ec-santalucia-gondola": (lambda: short(EC, "002-020-000001187", 2, logged(EC, "002-020-000001187", "EXH-MES")), lambda: line_gross(EC, "002-020-000001187", 2)),
 "b73-ec-condor-interes": (lambda: fee_not_owed(EC, "001-010-000004455", T_EC), lambda: fee(EC, "001-010-000004455", "late_fee")),
 "b73-ec-condor-latas": (lambda: units_credit(EC, "001-010-000004489", 1, delivered(EC, "001-010-000004489", "AT-RAL-170", "damagedQuantity")), lambda: units_credit(EC, "001-010-000004489", 1, 12)),
 "b73-ec-condor-pago-pouch": (lambda: unapplied_payment(EC, "001-010-000004510", "2026-11-27"), lambda: open_bal(EC, "001-010-000004510")),
 "b73-ec-austral-azogues": (None, lambda: units_credit(EC, "002-020-000001179", 1, 2)),
 "b73-ec-austral-exhibicion": (lambda: short(EC, "002-020-000001190", 1, logged(EC, "002-020-000001190", "EXH-MES")), lambda: units_credit(EC, "002-020-000001190", 1, 1)),
 "b73-ec-austral-etiquetado": (lambda: fee(EC, "001-010-000004476", "other") if no_contract_and_no_po_line(EC, "001-010-000004476", "other") else Z, lambda: fee(EC, "001-010-000004476", "other")),
 "b73-ec-austral-doble": (lambda: inv_total(EC, "001-010-000004483") if same_basis_duplicate(EC, "001-010-000004483", "001-010-000004476") else Z, lambda: inv_total(EC, "001-010-000004483")),
 "b73-ec-austral-precio-julio": (lambda: price_diff(EC, "001-010-000004438", 1), lambda: price_diff(EC, "001-010-000004438", 1, "38.40")),
 "b73-ec-narino-faltante": (lambda: short(EC, "001-010-000004466", 1, delivered(EC, "001-010-000004466", "AT-LOM-170")), lambda: units_credit(EC, "001-010-000004466", 1, 12)),
 "b73-ec-narino-precio": (lambda: price_diff(EC, "001-010-000004494", 1), lambda: price_diff(EC, "001-010-000004494", 1)),
 "b73-ec-nortena-sardinas": (lambda: short(EC, "001-010-000004505", 2, delivered(EC, "001-010-000004505", "SAR-425")), lambda: units_credit(EC, "001-010-000004505", 2, 6)),
}
NEEDS_INFO = {
 "b73-pe-awana-courier-peso": lambda: not has_delivery(PE, F6, "HIL-AS-216"),
 "b73-pe-colca-pago-agosto": lambda: nothing_could_be_theirs(PE, F1, "2026-08-05", "0048213"),
 "b73-bo-tunari-sin-nota": lambda: not has_delivery(BO, "CHP-000506", "PERL-1KG"),
 "b73-ec-austral-azogues": lambda: unserved_dates(EC, "002-020-000001179", "IMP-DIA", ["2026-09-12", "2026-09-19"]) is None,
}
WRONG_CUSTOMER = {}

# ---- numbering: FJ01-NNNN (Juliaca plant) and FL01-NNNN (Lima office), SUNAT-style series with one sequence each;
# CHP-NNNNNN (Challapata plant, one sequence); SRI establishment-point-sequence 001-010-NNNNNNNNN (goods) and
# 002-020-NNNNNNNNN (trade-marketing services). Sequences follow the issue dates.
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for lgn, pats in ((PE, [r"FJ01-\d{4}", r"FL01-\d{4}"]), (BO, [r"CHP-\d{6}"]), (EC, [r"001-010-\d{9}", r"002-020-\d{9}"])):
    invs = ledgers[lgn]["invoices"]
    for i in invs:
        if not any(re.fullmatch(p, i["number"]) for p in pats): fail(f"{lgn} {i['number']}: numbering")
    for p in pats:
        v = [i for i in invs if re.fullmatch(p, i["number"])]
        if not seq_ok(v, lambda i: i["number"]): fail(f"{lgn} series {p}: sequence out of date order")

# ---- more cross-record checks of this batch's ledgers
for lgn, lg in ledgers.items():
    inv_by = {i["number"]: i for i in lg["invoices"]}
    for d in lg.get("deliveries", []):
        i = inv_by.get(d.get("invoiceNumber"))
        if i and d.get("poNumber") and d["poNumber"] != i.get("poNumber") and i["number"] not in INTENDED_WRONG_PO: fail(f"{lgn} delivery {d['id']}: PO differs from its invoice's")
        if i and not any(l["sku"] == d["sku"] for l in i["lines"]): fail(f"{lgn} delivery {d['id']}: SKU not on its invoice")
        if i and d["deliveredDate"] > plus(i["issueDate"], 15): fail(f"{lgn} delivery {d['id']}: delivered long after the invoice")
    for s in lg.get("serviceLogs", []):
        i = inv_by.get(s.get("invoiceNumber"))
        if i and s["customerId"] != i["customerId"]: fail(f"{lgn} log {s['id']}: customer differs from its invoice's")
        if i and not any(l["sku"] == s["sku"] for l in i["lines"]): fail(f"{lgn} log {s['id']}: SKU not on its invoice")
        if s["status"] == "not_rendered" and s["quantity"] != 0: fail(f"{lgn} log {s['id']}: not rendered with a quantity")
    for p in lg.get("payments", []):
        i = inv_by.get(p.get("invoiceNumber"))
        if i and (p["currency"] != i["currency"] or p["customerId"] != i["customerId"]): fail(f"{lgn} payment {p['id']}: currency or customer differs from its invoice's")
    for po in lg.get("purchaseOrders", []):
        if any(i.get("poNumber") == po["number"] and i["customerId"] != po["customerId"] for i in lg["invoices"]): fail(f"{lgn} PO {po['number']}: customer")
# per-day logs of the date claims: one entry per billed day, and the billed quantity equals the entries
for lgn, num, sku in ((EC, "002-020-000001187", "IMP-DIA"), (BO, "CHP-000518", "SUP-CARG")):
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    if not all(s["periodStart"] == s["periodEnd"] for s in logs): fail(f"{num}: per-day logs expected")
    if len(logs) != next(l["quantity"] for l in I(lgn, num)["lines"] if l["sku"] == sku): fail(f"{num}: one log entry per billed day expected")

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
    if not cid.startswith("b73-"): fail(f"{cid}: id prefix")
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


