#!/usr/bin/env python3
"""Batch-72 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, numbering and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate, no write-off). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-72/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # EUR, CZK, HUF, PLN: 2 (ISO 4217)
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
SK, AT, PL = "povlaky-povazie-eur.ledger.json", "donau-waggonservice-eur.ledger.json", "podloza-warka-pln.ledger.json"
if set(ledgers) != {SK, AT, PL}: fail(f"ledger files: {sorted(ledgers)}")
def I(lgn, num): return next(i for i in ledgers[lgn]["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur): return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else D("0")
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D("0"))
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), D("0"))
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), D("0"))
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), D("0"))
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)

# ---- ledgers: totals, statuses, references, terms, minor digits
WRONG_TERMS = {"2026000426"}                 # Ferrokert: issued with 30 days instead of the contract's 60, on purpose
INTENDED_BAD_PO = {"2026000455"}              # quotes MR-2026/0522, which exists but is cancelled
NO_RATE_CURRENCIES = {AT: {"PLN"}}            # the Austrian ledger has no PLN rate, on purpose
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
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if (days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]) != (i["number"] in WRONG_TERMS):
                fail(f"{name} {i['number']}: due date vs contract terms")
        elif days(i["issueDate"], i["dueDate"]) != 30: fail(f"{name} {i['number']}: no contract, expected 30 days")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and cur not in NO_RATE_CURRENCIES.get(name, set()):
            fail(f"{name} {i['number']}: no rate for {cur}")
        if cur in NO_RATE_CURRENCIES.get(name, set()) and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name}: {cur} should have no rate")
        po = i.get("poNumber")
        if po and (po not in pos or pos[po].get("status") == "cancelled") != (i["number"] in INTENDED_BAD_PO): fail(f"{name} {i['number']}: PO {po} reference")
        if po and po in pos:
            if pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
            if pos[po]["issueDate"] > i["issueDate"]: fail(f"{name} {i['number']}: PO issued after the invoice")
        if c and c.get("poRequired") and not po and i["number"] not in {"RE-W-260339", "FS 31/10/2026"}: fail(f"{name} {i['number']}: PO required but missing")
        tx = any(l.get("taxRate") for l in i["lines"])
        exempt = next(x for x in lg["customers"] if x["id"] == i["customerId"]).get("taxExempt", False)
        if exempt and tx and i["number"] not in {"2026000463", "RE-W-260381", "FS 3/11/2026"}: fail(f"{name} {i['number']}: exempt customer taxed")
        if not exempt and not tx: fail(f"{name} {i['number']}: domestic customer without tax")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("poNumber") and d.get("invoiceNumber") and I(name, d["invoiceNumber"]).get("poNumber") not in (d["poNumber"], "MR-2026/0522", None): fail(f"{name} delivery {d['id']}: PO differs from invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber") and I(name, s["invoiceNumber"])["customerId"] != s["customerId"]: fail(f"{name} log {s['id']}: customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and I(name, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- numbering: SK 10 digits YYYY + 6-digit yearly sequence (also the variable symbol); AT RE-W-YY + 4-digit
# sequence; PL "FS n/MM/YYYY" (Comarch style, sequence restarts each month). Sequences follow the issue dates.
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for i in ledgers[SK]["invoices"]:
    if not re.fullmatch(r"2026\d{6}", i["number"]) or i["issueDate"][:4] != "2026": fail(f"SK numbering {i['number']}")
if not seq_ok(ledgers[SK]["invoices"], lambda i: int(i["number"])): fail("SK: sequence out of date order")
for i in ledgers[AT]["invoices"]:
    if not re.fullmatch(r"RE-W-26\d{4}", i["number"]): fail(f"AT numbering {i['number']}")
if not seq_ok(ledgers[AT]["invoices"], lambda i: i["number"]): fail("AT: sequence out of date order")
by_month = {}
for i in ledgers[PL]["invoices"]:
    m = re.fullmatch(r"FS (\d{1,3})/(\d{2})/(\d{4})", i["number"])
    if not m or (m.group(3), m.group(2)) != (i["issueDate"][:4], i["issueDate"][5:7]): fail(f"PL numbering {i['number']}")
    else: by_month.setdefault(m.group(2), []).append(i)
for k, v in by_month.items():
    if not seq_ok(v, lambda i: int(i["number"].split()[1].split("/")[0])): fail(f"PL month {k}: sequence out of date order")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def cur_of(lgn, num): return I(lgn, num)["currency"]
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def both_ways(l, cur, q_or_p_new, kind):
    """Credit of a line two ways: (a) billed gross - gross of the corrected line, (b) a credit line (difference
    net, its own tax rounded once). DOMAIN leaves this open, so every case here is chosen where both agree."""
    if kind == "qty":
        left = D(str(l["quantity"])) - D(str(q_or_p_new))
        a = gross(l, cur) - (gross(l, cur, qty=left) if left > 0 else D("0"))
        n = r(D(l["unitPrice"]) * D(str(q_or_p_new)), cur)
    else:
        a = gross(l, cur) - gross(l, cur, price=q_or_p_new)
        n = r((D(l["unitPrice"]) - D(q_or_p_new)) * D(str(l["quantity"])), cur)
    b = n + tax(l, n, cur)
    if a != b: fail(f"line {l['sku']}: credit differs by method ({a} vs {b})")
    return a
def price_diff(lgn, num, n, price=None):
    i = I(lgn, num); l = line(i, n)
    return max(both_ways(l, i["currency"], price or contract_price(lgn, num, l["sku"]), "price"), D("0"))
def units_credit(lgn, num, n, units):
    i = I(lgn, num); return both_ways(line(i, n), i["currency"], units, "qty")
def delivered(lgn, num, sku, field="quantity"):
    return sum(D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), D("0")))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates); return None if u is None else units_credit(lgn, num, n, len(u))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def every_taxed_line(lgn, num): return all(l.get("taxRate") for l in I(lgn, num)["lines"])
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)

def late_fee_allowed(lgn, num, today):
    """Contract clause, grace days, actual payment date: none without a clause; none when the principal was
    paid by due + grace; else percentPerMonth of the principal unpaid at the end of grace, per started
    30-day month from the due date to the settling payment (or today)."""
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
    out = sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
    alt = sum((r(net(l, cur) * (tot - inside) / tot, cur) + (r(r(net(l, cur) * (tot - inside) / tot, cur) * D(l["taxRate"]), cur) if l.get("taxRate") else 0) for l in i["lines"]), D("0"))
    if out != alt: fail(f"{num}: pro rata differs gross vs net+tax ({out} vs {alt})")
    return out
def wrong_terms(lgn, num):
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    return days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"] and c["startDate"] <= i["issueDate"] <= c.get("endDate", "9999")

def unapplied_payment(lgn, num, when=None, ref=None):
    """An unapplied payment of the customer matching the quoted date / reference, or exactly the amount due."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"]
          and ((when and p["date"] == when) or (ref and ref in p.get("reference", "")) or D(p["amount"]) == open_bal(lgn, num))]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when, amount):
    """No payment on this invoice, none unapplied, none on the quoted date or of the quoted amount."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or D(p["amount"]) == D(amount) for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def contract_prices_line(lgn, num, n):
    i = I(lgn, num); l = line(i, n); p = contract_price(lgn, num, l["sku"]); return p is not None and D(p) == D(l["unitPrice"])
def fee_named_in_notes(lgn, num, t):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    return bool(c) and f.get("description", "").lower() in c.get("notes", "").lower()
def fee_on_po(lgn, num, t):
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    return any(D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]) for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for l in po["lines"])
def fee_unsupported(lgn, num, t):
    i = I(lgn, num); c = contract_of(ledgers[lgn], i); f = next(f for f in i["fees"] if f["type"] == t)
    words = [w for w in re.split(r"\W+", f.get("description", "").lower()) if len(w) > 4]
    return bool(c) and not fee_on_po(lgn, num, t) and not any(w in c.get("notes", "").lower() for w in words)

T_SK, T_AT, T_PL = "2026-11-19", "2026-11-25", "2026-11-27"
Z = D("0")
R = {
 # Slovakia (EUR; CZK 0.03985 / 0.04012, HUF 0.002548 / 0.002571, PLN 0.2351 / 0.2338)
 "b72-sk-kysuce-lak-cena": (lambda: price_diff(SK, "2026000388", 1), lambda: price_diff(SK, "2026000388", 1)),
 "b72-sk-kysuce-zinok-vaha": (lambda: short(SK, "2026000402", 1, delivered(SK, "2026000402", "HDG-KG")), lambda: short(SK, "2026000402", 1, 4860)),
 "b72-sk-kysuce-ramy-poskodene": (lambda: units_credit(SK, "2026000431", 1, delivered(SK, "2026000431", "PC-RAM", "damagedQuantity")), lambda: units_credit(SK, "2026000431", 1, 14)),
 "b72-sk-hkk-zaplaceno-vs": (lambda: unapplied_payment(SK, "2026000395", when="2026-10-16"), lambda: open_bal(SK, "2026000395")),
 "b72-sk-hkk-doprava-objednana": (lambda: Z if (po_line_supports(SK, "2026000419", 2) or contract_prices_line(SK, "2026000419", 2)) else line_gross(SK, "2026000419", 2), lambda: line_gross(SK, "2026000419", 2)),
 "b72-sk-hkk-zinkovani-cena": (lambda: price_diff(SK, "2026000452", 1), lambda: price_diff(SK, "2026000452", 1)),
 "b72-sk-ferrokert-merleg": (lambda: short(SK, "2026000379", 1, delivered(SK, "2026000379", "PC-KG")), lambda: short(SK, "2026000379", 1, 2985)),
 "b72-sk-ferrokert-hatarido": (lambda: Z if wrong_terms(SK, "2026000426") else None, None),
 "b72-sk-ferrokert-szinvaltas": (lambda: Z if (po_line_supports(SK, "2026000426", 2) or contract_prices_line(SK, "2026000426", 2)) else line_gross(SK, "2026000426", 2), lambda: line_gross(SK, "2026000426", 2)),
 "b72-sk-ferrokert-torolt-megrendeles": (lambda: Z if po_defect(SK, "2026000455") else None, lambda: inv_total(SK, "2026000455")),
 "b72-sk-ferrokert-elegedetlen": (lambda: Z if logged(SK, "2026000461", "BLAST-M2") >= billed_qty(SK, "2026000461", 1) else None, lambda: D("50000.00")),
 "b72-sk-podhale-duplikat": (lambda: inv_total(SK, "2026000436") if same_basis_duplicate(SK, "2026000436", "2026000408") else Z, lambda: inv_total(SK, "2026000436")),
 "b72-sk-podhale-skrzydla-brak-dl": (None, lambda: units_credit(SK, "2026000459", 1, 12)),
 "b72-sk-podhale-vat-wdt": (lambda: inv_tax(SK, "2026000463") if tax_exempt(SK, "2026000463") else Z, lambda: inv_tax(SK, "2026000463")),
 "b72-sk-knz-urok": (lambda: fee_not_owed(SK, "2026000351", T_SK), lambda: fee(SK, "2026000351", "late_fee")),
 # Austria (EUR; CZK 0.03992 / 0.04018; PLN without a rate)
 "b72-at-zdm-vozy-v-dilne": (lambda: short(AT, "RE-W-260312", 1, logged(AT, "RE-W-260312", "HIRE-SGNS")), lambda: units_credit(AT, "RE-W-260312", 1, 36)),
 "b72-at-zdm-reprofilace-cena": (lambda: price_diff(AT, "RE-W-260341", 1), lambda: price_diff(AT, "RE-W-260341", 1)),
 "b72-at-zdm-platba-listopad": (lambda: unapplied_payment(AT, "RE-W-260361", when="2026-11-20", ref="ZDMC261120-04"), lambda: open_bal(AT, "RE-W-260361")),
 "b72-at-avf-kesedelmi-kamat": (lambda: fee_not_owed(AT, "RE-W-260287", T_AT), lambda: fee(AT, "RE-W-260287", "late_fee")),
 "b72-at-avf-fekbetet-torott": (lambda: units_credit(AT, "RE-W-260333", 2, delivered(AT, "RE-W-260333", "BRAKE-LL", "damagedQuantity")), lambda: units_credit(AT, "RE-W-260333", 2, 6)),
 "b72-at-avf-kerekpar-elegedetlen": (lambda: Z if logged(AT, "RE-W-260333", "REPROF") >= billed_qty(AT, "RE-W-260333", 1) else None, lambda: units_credit(AT, "RE-W-260333", 1, 1)),
 "b72-at-avf-oktober-ketszer": (lambda: inv_total(AT, "RE-W-260367") if same_basis_duplicate(AT, "RE-W-260367", "RE-W-260366") else Z, lambda: inv_total(AT, "RE-W-260367")),
 "b72-at-kop-manewry-godziny": (lambda: short(AT, "RE-W-260301", 1, logged(AT, "RE-W-260301", "SHUNT-HR")), lambda: short(AT, "RE-W-260301", 1, 36)),
 "b72-at-kop-wagony-w-warsztacie": (None, lambda: units_credit(AT, "RE-W-260364", 1, 4 * 3)),
 "b72-at-kop-postojowe": (lambda: fee(AT, "RE-W-260372", "other") if fee_unsupported(AT, "RE-W-260372", "other") else Z, lambda: fee(AT, "RE-W-260372", "other")),
 "b72-at-scp-cistenie-cisterien": (lambda: short(AT, "RE-W-260295", 2, logged(AT, "RE-W-260295", "TANK-CLEAN")), lambda: units_credit(AT, "RE-W-260295", 2, 3)),
 "b72-at-scp-revizia-bez-objednavky": (lambda: Z if po_defect(AT, "RE-W-260339") else None, lambda: inv_total(AT, "RE-W-260339")),
 "b72-at-scp-inspekcie-datumy": (lambda: dates_credit(AT, "RE-W-260370", 1, "INSP-VISIT", ["2026-10-13", "2026-10-27"]), lambda: units_credit(AT, "RE-W-260370", 1, 2)),
 "b72-at-scp-dph-reverse": (lambda: inv_tax(AT, "RE-W-260381") if tax_exempt(AT, "RE-W-260381") else Z, lambda: inv_tax(AT, "RE-W-260381")),
 "b72-at-cpl-kampan-po-vraceni": (lambda: outside_contract(AT, "RE-W-260346"), lambda: units_credit(AT, "RE-W-260346", 1, 24 * 15)),
 "b72-at-cpl-vuz-o-den-mene": (lambda: short(AT, "RE-W-260318", 1, logged(AT, "RE-W-260318", "HIRE-EANOS")), lambda: short(AT, "RE-W-260318", 1, 719)),
 # Poland (PLN; EUR 4.2610 / 4.2385, CZK 0.1712 / 0.1695)
 "b72-pl-pwk-waga-wz": (lambda: short(PL, "FS 14/09/2026", 1, delivered(PL, "FS 14/09/2026", "SUB-III")), lambda: short(PL, "FS 14/09/2026", 1, "47.05")),
 "b72-pl-pwk-cennik-wiosenny": (lambda: price_diff(PL, "FS 22/10/2026", 1), lambda: price_diff(PL, "FS 22/10/2026", 1, "700.00")),
 "b72-pl-pwk-brak-zamowienia": (lambda: Z if po_defect(PL, "FS 31/10/2026") else None, lambda: inv_total(PL, "FS 31/10/2026")),
 "b72-pl-pwk-hala-4": (lambda: short(PL, "FS 7/11/2026", 1, logged(PL, "FS 7/11/2026", "FILL-HALA")), lambda: units_credit(PL, "FS 7/11/2026", 1, 1)),
 "b72-pl-pwk-duplikat-napelnianie": (lambda: inv_total(PL, "FS 8/11/2026") if same_basis_duplicate(PL, "FS 8/11/2026", "FS 7/11/2026") else Z, lambda: inv_total(PL, "FS 8/11/2026")),
 "b72-pl-zie-odsetki": (lambda: fee_not_owed(PL, "FS 19/08/2026", T_PL), lambda: fee(PL, "FS 19/08/2026", "late_fee")),
 "b72-pl-zie-rekompensata": (lambda: Z if fee_named_in_notes(PL, "FS 19/08/2026", "other") else fee(PL, "FS 19/08/2026", "other"), lambda: fee(PL, "FS 19/08/2026", "other")),
 "b72-pl-zie-grzybnia": (lambda: units_credit(PL, "FS 11/10/2026", 1, delivered(PL, "FS 11/10/2026", "SPAWN", "damagedQuantity")), lambda: units_credit(PL, "FS 11/10/2026", 1, 40)),
 "b72-pl-zie-przelew-30-10": (None, lambda: open_bal(PL, "FS 20/10/2026")),
 "b72-pl-zie-ekipa-spozniona": (lambda: Z if logged(PL, "FS 5/11/2026", "FILL-HALA") >= billed_qty(PL, "FS 5/11/2026", 1) else None, lambda: D("400.00")),
 "b72-pl-gmb-atutalas": (lambda: unapplied_payment(PL, "FS 27/10/2026", when="2026-11-18", ref="GOMBAKERT UTALAS"), lambda: open_bal(PL, "FS 27/10/2026")),
 "b72-pl-gmb-afa-lengyel": (lambda: inv_tax(PL, "FS 3/11/2026") if tax_exempt(PL, "FS 3/11/2026") else Z, lambda: inv_tax(PL, "FS 3/11/2026")),
 "b72-pl-zvy-okrywa": (lambda: short(PL, "FS 16/10/2026", 1, delivered(PL, "FS 16/10/2026", "CASING")), lambda: short(PL, "FS 16/10/2026", 1, 36)),
 "b72-pl-zvy-doprava-vlastni": (lambda: short(PL, "FS 2/11/2026", 2, logged(PL, "FS 2/11/2026", "TRANS-KURS")), lambda: line_gross(PL, "FS 2/11/2026", 2)),
 "b72-pl-sgl-po-umowie": (lambda: outside_contract(PL, "FS 4/10/2026"), lambda: r(line_gross(PL, "FS 4/10/2026", 1) / 2, "PLN")),
}
NEEDS_INFO = {
 "b72-sk-podhale-skrzydla-brak-dl": lambda: not has_delivery(SK, "2026000459", "PC-BRAMA"),
 "b72-at-kop-wagony-w-warsztacie": lambda: unserved_dates(AT, "RE-W-260364", "HIRE-EANOS", ["2026-10-12", "2026-10-13", "2026-10-14"]) is None,
 "b72-pl-zie-przelew-30-10": lambda: nothing_could_be_theirs(PL, "FS 20/10/2026", "2026-10-30", "11373.90"),
}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
if len({c["id"] for c in cases}) != len(cases): fail("duplicate case ids")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
AMOUNT_RE = re.compile(r"^\d+\.\d+$")
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b72-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if c["today"] != {SK: T_SK, AT: T_AT, PL: T_PL}[lgn]: fail(f"{cid}: today")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    for m in e.get("emailMentions", []):
        if AMOUNT_RE.match(m) and D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} is not below 1,000")
        if not AMOUNT_RE.match(m) and not any(m in t for t in c["turns"]) and m not in nums: fail(f"{cid}: emailMentions {m} is neither in the turns nor an invoice")
    if e.get("noResolution"):
        if any(n in t for t in c["turns"] for n in nums): fail(f"{cid}: noResolution but a turn names an existing invoice")
        continue
    if "invoiceNumber" not in e:
        if any(k in e for k in ("classification", "action", "disputedAmount")): fail(f"{cid}: figures without an invoice")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    named_first = num in first or num.replace("RE-W-", "") in first
    if ("invoice" in e.get("neverAsks", [])) != (num in first): fail(f"{cid}: neverAsks invoice vs first turn")
    if "reason" not in e.get("neverAsks", []): fail(f"{cid}: every dispute here states its claim in turn 1 (neverAsks reason)")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
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
    elif dis_fn: fail(f"{cid}: disputedAmount missing")
    cl, act = e.get("classification"), e.get("action")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no evidence"); continue
        supported = min(evidence, disputed) if disputed is not None else evidence
        if D(e.get("supportedAmount", "-1")) != supported: fail(f"{cid}: supportedAmount {e.get('supportedAmount')} != recomputed {supported}")
        if act in ("credit_memo", "write_off") and supported > open_bal(lgn, num): fail(f"{cid}: credit above the open balance")
        if act == "write_off" and disputed - supported > open_bal(lgn, num) - supported: fail(f"{cid}: write-off above the open balance")
    if cl and cl != "needs_info" and supported is not None:
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        if disputed is None: exp = "valid" if defect else None
        else: exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"already_paid": "apply_payment"}.get(e.get("reasonCode"), "cancel_and_rebill" if defect else "credit_memo")
            if act != want: fail(f"{cid}: valid with {act}, expected {want}")
    if "escalation" in e:
        pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
        amount = disputed if disputed is not None else inv_total(lgn, num)
        conv = to_company(lgn, num, amount)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        legal = e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"])
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or legal)
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
        if legal and "legal" not in e.get("stakeholders", []): fail(f"{cid}: legal escalation expected")
    if e.get("reasonCode") and e.get("stakeholders") and e["stakeholders"][0] != TEAM[e["reasonCode"]]:
        fail(f"{cid}: first stakeholder {e['stakeholders'][0]} is not the routing table's {TEAM[e['reasonCode']]}")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "-")) for c in cases)))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
