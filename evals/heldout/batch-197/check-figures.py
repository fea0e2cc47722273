#!/usr/bin/env python3
"""Batch-197 author's cross-check (adapted from batch 193's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, due dates, references, unique ids and numbering, and the classification /
action / write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at
the latest rate on or before the invoice date, half-up once). Cases without a resolution are checked for
what makes them so (the invoice is absent, belongs to another customer, nothing is claimed, or no
invoice is named). Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-197/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # PLN, CZK, HUF (ISO 4217), RON, EUR: 2
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

OB, OK, GP = "odlewnia-bzinek-skarzysko-pln.ledger.json", "oslava-kabeltech-velke-mezirici-czk.ledger.json", "gurghiu-paleti-reghin-ron.ledger.json"
T_OB, T_OK, T_GP = "2026-06-17", "2026-07-21", "2026-09-15"
TODAY = {OB: T_OB, OK: T_OK, GP: T_GP}
if set(ledgers) != {OB, OK, GP}: fail(f"ledgers found: {sorted(ledgers)}")
# invoices billed (on purpose) for days after their contract ended: the contract-terms cases
OUTSIDE_ON_PURPOSE = {"Z1/0173/26", "FV1-452/2026", "MSRGP0583"}
# invoices whose due date differs (on purpose) from the contract's payment terms
WRONG_TERMS_ON_PURPOSE = {"FV1-440/2026"}
DEFAULTS = {"escalationAmount": "10000.00", "legalEscalationAmount": "10000.00", "writeOffBelow": "50.00"}

# ---- every id unique within its kind (the product's import refuses a repeated id)
KINDS = {"customers": "id", "contracts": "id", "purchaseOrders": "number", "invoices": "number", "deliveries": "id",
         "serviceLogs": "id", "payments": "id", "creditMemos": "number", "pastDisputes": "id"}
for name, lg in ledgers.items():
    for kind, key in KINDS.items():
        for k, n in Counter(x[key] for x in lg.get(kind, [])).items():
            if n > 1: fail(f"{name}: {kind} id {k} repeated {n} times")
# ---- ledgers: totals, statuses, references, terms, minor digits, the kinds of customers the brief asks for
for name, lg in ledgers.items():
    cur0 = home(lg); pol = lg["policy"]; today = TODAY.get(name, "")
    custs = {c["id"]: c for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if not 15 <= len(nums) <= 20: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(pol[k], cur0): fail(f"{name}: policy {k} digits")
        if pol[k] == DEFAULTS[k]: fail(f"{name}: policy {k} is the default")
    if "holidayCalendar" in pol or not pol.get("holidays"): fail(f"{name}: company holidays only, in policy.holidays")
    kinds = {"strategic": any(c.get("strategic") for c in custs.values()),
             "po_required": any(c.get("poRequired") for c in lg["contracts"]),
             "tax_exempt": any(c.get("taxExempt") for c in custs.values()),
             "foreign_currency": any(c["currency"] != cur0 for c in lg["contracts"]) and bool(lg.get("fxRates")),
             "late_fee": any(c.get("lateFee") for c in lg["contracts"]),
             "contract_ended": any(c.get("endDate", "9999") < today for c in lg["contracts"])}
    for k, ok in kinds.items():
        if not ok: fail(f"{name}: no customer of kind {k}")
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if not c: fail(f"{name} {i['number']}: no contract"); continue
        if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
        if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
        if (days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]) != (i["number"] in WRONG_TERMS_ON_PURPOSE): fail(f"{name} {i['number']}: due date vs contract terms")
        inside = c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")
        if inside == (i["number"] in OUTSIDE_ON_PURPOSE): fail(f"{name} {i['number']}: billed period vs its contract")
        for l in i["lines"]:
            if not any(p["sku"] == l["sku"] for p in c["prices"]): fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
        if bool(custs[i["customerId"]].get("taxExempt")) == any(l.get("taxRate") for l in i["lines"]) and i["number"] not in {"Z1/0161/26", "FV1-424/2026"}:
            fail(f"{name} {i['number']}: tax on the lines does not follow the customer's exemption")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on its date")
        po = i.get("poNumber")
        if po and (po not in pos or pos[po]["customerId"] != i["customerId"]): fail(f"{name} {i['number']}: PO {po} unknown or of another customer")
        p, cr, t = paid(lg, i["number"]), credited(lg, i["number"]), D(i["total"])
        want = "paid" if p + cr >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") not in nums: fail(f"{name} delivery {d['id']}: unknown invoice"); continue
        inv = invoice(lg, d["invoiceNumber"])
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if not any(l["sku"] == d["sku"] for l in inv["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
        if d["deliveredDate"] > inv["issueDate"]: fail(f"{name} delivery {d['id']}: delivered after invoicing")
        if d.get("poNumber") and inv.get("poNumber") and d["poNumber"] != inv["poNumber"] and pos.get(inv["poNumber"], {}).get("status") != "cancelled":
            fail(f"{name} delivery {d['id']}: PO differs from its invoice")
        if d.get("poNumber") and (d["poNumber"] not in pos or pos[d["poNumber"]]["customerId"] != inv["customerId"]):
            fail(f"{name} delivery {d['id']}: PO unknown or of another customer")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") not in nums: fail(f"{name} log {s['id']}: unknown invoice"); continue
        inv = invoice(lg, s["invoiceNumber"])
        if s["customerId"] != inv["customerId"] or not any(l["sku"] == s["sku"] for l in inv["lines"]): fail(f"{name} log {s['id']}: customer or SKU")
        if "servicePeriodStart" in inv and not (inv["servicePeriodStart"] <= s["periodStart"] and s["periodEnd"] <= inv["servicePeriodEnd"]):
            fail(f"{name} log {s['id']}: outside its invoice's service period")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("remittance") and sum((D(x["paid"]) for x in p["remittance"]), D("0")) != D(p["amount"]): fail(f"{name} payment {p['id']}: remittance does not add up")
        for x in p.get("remittance", []):
            if x["invoiceNumber"] in nums and D(x["paid"]) + D(x.get("deducted", "0")) != total(invoice(lg, x["invoiceNumber"])): fail(f"{name} payment {p['id']}: paid + deducted != invoice total")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber") in nums: fail(f"{name} past dispute {d['id']}: names an invoice of this batch")
    if lg.get("creditMemos"): fail(f"{name}: this batch has no credit memos")

# ---- numbering: Bzinek Z<plant>/NNNN/26, one sequence per plant (Z1 foundry, Z2 machining); Kabeltech ABRA
# FV1-NNN/2026, one series; Gurghiu SmartBill series with county code, MSRGP (pallets, storage) and MSRGT (transport),
# digits only after the series; each in issue-date order.
def series_ok(lgn, pattern):
    groups = {}
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{lgn}: {i['number']} does not follow {pattern}"); continue
        groups.setdefault(m.group(1), []).append((int(m.group(2)), i["issueDate"]))
    for k, v in groups.items():
        v.sort()
        if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"{lgn} series {k}: sequence out of date order")
    return set(groups)
SEQ = {OB: r"(Z[12])/(\d{4})/26", OK: r"(FV1)-(\d{3})/2026", GP: r"(MSRG[PT])(\d{4})"}
if series_ok(OB, SEQ[OB]) != {"Z1", "Z2"}: fail("Bzinek: both plant series expected")
series_ok(OK, SEQ[OK])
if series_ok(GP, SEQ[GP]) != {"MSRGP", "MSRGT"}: fail("Gurghiu: both series expected")
def seq_of(lgn, num): return re.fullmatch(SEQ[lgn], num).group(2)

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def price_diff(lgn, num, n, price=None):
    """Billed gross minus gross at the agreed (or stated) price; also checked against tax on the
    net difference, so both ways of crediting a line give the same cents."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    p = price or contract_price(lgn, num, l["sku"])
    a = max(gross(l, cur) - gross(l, cur, price=p), D("0"))
    dn = r((D(l["unitPrice"]) - D(p)) * D(str(l["quantity"])), cur)
    b = max(dn + tax(l, dn, cur), D("0"))
    if a != b: fail(f"{num} line {n}: price difference {a} vs {b} depending on rounding")
    return a
def units_credit(lgn, num, n, units):
    """Billed gross minus gross of the remaining units, checked against units x price with its tax."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    a = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    un = r(D(l["unitPrice"]) * min(D(str(units)), D(str(l["quantity"]))), cur)
    b = un + tax(l, un, cur)
    if a != b: fail(f"{num} line {n}: {units} units credit {a} vs {b} depending on rounding")
    return a
def delivered(lgn, num, sku, field="quantity"):
    return sum(D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), D("0")))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def dated_units(lgn, num, n, sku, dates):
    un = unserved_dates(lgn, num, sku, dates)
    return None if un is None else units_credit(lgn, num, n, len(un))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def deducted(lgn, num):
    return sum((D(x.get("deducted", "0")) for p in ledgers[lgn].get("payments", []) for x in p.get("remittance", []) if x["invoiceNumber"] == num), D("0"))

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

def outside_contract(lgn, num, net_first=False):
    """Days of the billed period outside the invoice's contract, pro rata on each line (gross, or net then its tax), half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    out = D("0")
    for l in i["lines"]:
        if net_first: n = r(net(l, cur) * (tot - inside) / tot, cur); out += n + tax(l, n, cur)
        else: out += r(gross(l, cur) * (tot - inside) / tot, cur)
    return out
def outside_checked(lgn, num):
    a, b = outside_contract(lgn, num), outside_contract(lgn, num, True)
    if a != b: fail(f"{num}: pro rata {a} (gross) vs {b} (net first)")
    return a
def wrong_terms(lgn, num):
    """Currency or payment terms of the invoice differ from its contract's (a period inside the contract)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    return c["currency"] != i["currency"] or days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]

def unapplied(lgn, num, when=None):
    """The customer's unapplied payments in the invoice currency (on the date quoted, when one is), up to the open balance."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and (when is None or p["date"] == when)]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"])
def duplicate_of(lgn, num, other):
    """The named invoice repeats the other, whose delivery covers the goods while the named one has none."""
    skus = [l["sku"] for l in I(lgn, num)["lines"]]
    ok = same_basis_duplicate(lgn, num, other) and all(has_delivery(lgn, other, s) and not has_delivery(lgn, num, s) for s in skus)
    return inv_total(lgn, num) if ok else D("0")

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled" or po["customerId"] != i["customerId"]
def fee_supported(lgn, num, t):
    """A fee is owed when the customer's PO lists it (same description, that amount) or the contract's notes name it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    desc = f.get("description", "").lower()
    on_po = any(l.get("description", "").lower() == desc and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    return on_po or bool(c and desc and desc in c.get("notes", "").lower())
def po_lists_line(lgn, num, n):
    """A line the customer's own (live) PO lists with the same SKU at that price: ordered, so owed."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    return any(pl["sku"] == l["sku"] and pl["unitPrice"] == l["unitPrice"] for po in lg.get("purchaseOrders", [])
               if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for pl in po["lines"])
Z = D("0")

R = {
 # Odlewnia Bzinek (PLN; EUR 4.2480 / 4.2715 / 4.2390 from 2026-01-02 / 04-01 / 05-15)
 "b197-ob-och-drum-price": (lambda: price_diff(OB, "Z1/0121/26", 1), lambda: price_diff(OB, "Z1/0121/26", 1)),
 "b197-ob-och-cracked-hubs": (lambda: units_credit(OB, "Z1/0152/26", 1, delivered(OB, "Z1/0152/26", "ODL-PIASTA-6", "damagedQuantity")), lambda: units_credit(OB, "Z1/0152/26", 1, 6)),
 "b197-ob-och-drums-short": (lambda: short(OB, "Z1/0180/26", 1, delivered(OB, "Z1/0180/26", "ODL-BEBEN-420")), lambda: units_credit(OB, "Z1/0180/26", 1, 10)),
 "b197-ob-mlp-no-order-number": (lambda: Z if po_defect(OB, "Z1/0197/26") else None, lambda: inv_total(OB, "Z1/0197/26")),
 "b197-ob-mlp-certificate-deduction": (lambda: Z if po_lists_line(OB, "Z1/0041/26", 2) else line_gross(OB, "Z1/0041/26", 2),
                                       lambda: deducted(OB, "Z1/0041/26") if deducted(OB, "Z1/0041/26") == line_gross(OB, "Z1/0041/26", 2) else None),
 "b197-ob-mlp-machined-twice": (lambda: duplicate_of(OB, "Z2/0043/26", "Z2/0041/26"), lambda: inv_total(OB, "Z2/0043/26")),
 "b197-ob-ahr-vat-reverse-charge": (lambda: inv_tax(OB, "Z1/0161/26") if tax_exempt(OB, "Z1/0161/26") else Z, lambda: inv_tax(OB, "Z1/0161/26")),
 "b197-ob-ahr-paid-sepa": (lambda: unapplied(OB, "Z1/0189/26", "2026-06-11"), lambda: open_bal(OB, "Z1/0189/26")),
 "b197-ob-ahr-valve-body-price": (lambda: price_diff(OB, "Z1/0130/26", 1), lambda: price_diff(OB, "Z1/0130/26", 1, "41.00")),
 "b197-ob-bob-interest": (lambda: fee_not_owed(OB, "Z1/0085/26", T_OB), lambda: fee(OB, "Z1/0085/26", "late_fee")),
 "b197-ob-bob-cnc-hours": (lambda: short(OB, "Z2/0038/26", 1, logged(OB, "Z2/0038/26", "OBR-CNC-H")), lambda: short(OB, "Z2/0038/26", 1, 10)),
 "b197-ob-wil-covers-after-contract": (lambda: outside_checked(OB, "Z1/0173/26"), lambda: inv_total(OB, "Z1/0173/26")),
 "b197-ob-wil-grates-no-wz": (None, lambda: units_credit(OB, "Z1/0077/26", 1, 8)),
 "b197-ob-mlp-pattern-repair-unhappy": (lambda: short(OB, "Z1/0168/26", 1, logged(OB, "Z1/0168/26", "MOD-NAPRAWA")), lambda: inv_total(OB, "Z1/0168/26")),
 # Oslava Kabeltech (CZK; EUR 24.620 / 24.710 / 24.580 and HUF 0.06372 / 0.06405 / 0.06351 from 2026-01-01 / 04-01 / 06-01)
 "b197-ok-svb-door-harness-price": (lambda: price_diff(OK, "FV1-411/2026", 1), lambda: price_diff(OK, "FV1-411/2026", 1)),
 "b197-ok-svb-roof-harness-twice": (lambda: duplicate_of(OK, "FV1-434/2026", "FV1-431/2026"), lambda: inv_total(OK, "FV1-434/2026")),
 "b197-ok-svb-sorting-hours": (lambda: short(OK, "FV1-449/2026", 1, logged(OK, "FV1-449/2026", "TRIDENI-H")), lambda: short(OK, "FV1-449/2026", 1, 9)),
 "b197-ok-jkl-cancelled-order": (lambda: Z if po_defect(OK, "FV1-420/2026") else None, lambda: inv_total(OK, "FV1-420/2026")),
 "b197-ok-jkl-twenty-short": (lambda: short(OK, "FV1-433/2026", 1, delivered(OK, "FV1-433/2026", "SV-KLIMA-07")), lambda: short(OK, "FV1-433/2026", 1, 480)),
 "b197-ok-jkl-express-courier": (lambda: Z if fee_supported(OK, "FV1-445/2026", "freight") else fee(OK, "FV1-445/2026", "freight"), lambda: fee(OK, "FV1-445/2026", "freight")),
 "b197-ok-zhg-vat-reverse-charge": (lambda: inv_tax(OK, "FV1-424/2026") if tax_exempt(OK, "FV1-424/2026") else Z, lambda: inv_tax(OK, "FV1-424/2026")),
 "b197-ok-zhg-bent-pins": (lambda: units_credit(OK, "FV1-438/2026", 1, delivered(OK, "FV1-438/2026", "KONF-M8", "damagedQuantity")), lambda: units_credit(OK, "FV1-438/2026", 1, 15)),
 "b197-ok-zhg-says-paid": (lambda: unapplied(OK, "FV1-386/2026", "2026-04-09"), lambda: open_bal(OK, "FV1-386/2026")),
 "b197-ok-lel-old-cable-price": (lambda: price_diff(OK, "FV1-416/2026", 1), lambda: price_diff(OK, "FV1-416/2026", 1, "1.88")),
 "b197-ok-lel-due-date": (lambda: Z if wrong_terms(OK, "FV1-440/2026") else None, lambda: inv_total(OK, "FV1-440/2026")),
 "b197-ok-mbt-interest-grace": (lambda: fee_not_owed(OK, "FV1-422/2026", T_OK), lambda: fee(OK, "FV1-422/2026", "late_fee")),
 "b197-ok-mbt-technician-days": (lambda: dated_units(OK, "FV1-455/2026", 1, "TECH-DEN", ["2026-07-02", "2026-07-03"]), lambda: units_credit(OK, "FV1-455/2026", 1, 2)),
 "b197-ok-enn-sorting-after-end": (lambda: outside_checked(OK, "FV1-452/2026"), lambda: inv_total(OK, "FV1-452/2026")),
 "b197-ok-enn-technician-dates": (None, lambda: units_credit(OK, "FV1-427/2026", 1, 2)),
 # Gurghiu (RON; EUR 5.0765 / 5.0910 / 5.1025 from 2026-01-01 / 05-01 / 08-01)
 "b197-gp-nac-price-old-offer": (lambda: price_diff(GP, "MSRGP0562", 1), lambda: price_diff(GP, "MSRGP0562", 1, "64.00")),
 "b197-gp-nac-sixty-missing": (lambda: short(GP, "MSRGP0556", 1, delivered(GP, "MSRGP0556", "PAL-EUR-NOU")), lambda: short(GP, "MSRGP0556", 1, 1140)),
 "b197-gp-nac-broken-boards": (lambda: units_credit(GP, "MSRGP0571", 1, delivered(GP, "MSRGP0571", "PAL-EUR-SH", "damagedQuantity")), lambda: units_credit(GP, "MSRGP0571", 1, 40)),
 "b197-gp-nac-repair-unhappy": (lambda: short(GP, "MSRGP0604", 1, logged(GP, "MSRGP0604", "REP-PAL")), lambda: inv_total(GP, "MSRGP0604")),
 "b197-gp-smb-no-comanda": (lambda: Z if po_defect(GP, "MSRGP0579") else None, lambda: inv_total(GP, "MSRGP0579")),
 "b197-gp-smb-crates-deducted": (lambda: Z if po_lists_line(GP, "MSRGP0533", 2) and has_delivery(GP, "MSRGP0533", "LADA-EXP") else line_gross(GP, "MSRGP0533", 2),
                                 lambda: deducted(GP, "MSRGP0533") if deducted(GP, "MSRGP0533") == line_gross(GP, "MSRGP0533", 2) else None),
 "b197-gp-smb-trips-july": (None, lambda: units_credit(GP, "MSRGT0131", 1, 2)),
 "b197-gp-hrk-paid-already": (lambda: unapplied(GP, "MSRGP0567", "2026-08-19"), lambda: open_bal(GP, "MSRGP0567")),
 "b197-gp-hrk-km-debrecen": (lambda: short(GP, "MSRGT0138", 1, logged(GP, "MSRGT0138", "TR-KM-INT")), lambda: short(GP, "MSRGT0138", 1, 420)),
 "b197-gp-lsv-penalty": (lambda: fee_not_owed(GP, "MSRGP0541", T_GP), lambda: fee(GP, "MSRGP0541", "late_fee")),
 "b197-gp-lsv-two-invoices": (lambda: duplicate_of(GP, "MSRGP0590", "MSRGP0588"), lambda: inv_total(GP, "MSRGP0590")),
 "b197-gp-gsg-storage-after-end": (lambda: outside_checked(GP, "MSRGP0583"), lambda: inv_total(GP, "MSRGP0583")),
}
NEEDS_INFO = {
 "b197-ob-wil-grates-no-wz": lambda: not has_delivery(OB, "Z1/0077/26", "ODL-KRATKA-C250"),
 "b197-ok-enn-technician-dates": lambda: unserved_dates(OK, "FV1-427/2026", "TECH-DEN", ["2026-05-20", "2026-05-21"]) is None,
 "b197-gp-smb-trips-july": lambda: unserved_dates(GP, "MSRGT0131", "TR-CURSA-BN", ["2026-07-14", "2026-07-21"]) is None,
}
# Claims the evidence refutes for a reason the recipe cannot show by itself
NO_DEFECT = {
 "b197-ok-zhg-says-paid": lambda: any(p["reference"] == "HU-UTAL-260409" and p.get("invoiceNumber") == "FV1-371/2026" and D(p["amount"]) == inv_total(OK, "FV1-371/2026") for p in ledgers[OK]["payments"]),
 "b197-ob-mlp-pattern-repair-unhappy": lambda: logged(OB, "Z1/0168/26", "MOD-NAPRAWA") >= billed_qty(OB, "Z1/0168/26", 1) and po_lists_line(OB, "Z1/0168/26", 1),
 "b197-gp-nac-repair-unhappy": lambda: logged(GP, "MSRGP0604", "REP-PAL") >= billed_qty(GP, "MSRGP0604", 1),
 "b197-gp-hrk-km-debrecen": lambda: logged(GP, "MSRGT0138", "TR-KM-INT") == billed_qty(GP, "MSRGT0138", 1),
 "b197-ok-lel-old-cable-price": lambda: contract_price(OK, "FV1-416/2026", "KAB-H07RNF-3G25") == line(I(OK, "FV1-416/2026"), 1)["unitPrice"],
 "b197-gp-nac-price-old-offer": lambda: contract_price(GP, "MSRGP0562", "PAL-EUR-NOU") == line(I(GP, "MSRGP0562"), 1)["unitPrice"],
}
# Cases without a resolution: what makes them so (kind, ledger, invoice named, customer named)
NO_RES = {
 "b197-ob-och-unknown-invoice": ("unknown", OB, "Z1/0214/26", "C-OCH"),
 "b197-ob-mlp-asks-och-invoice": ("other_customer", OB, "Z1/0180/26", "C-MLP"),
 "b197-ok-svb-no-invoice": ("no_invoice", OK, None, "C-SVB"),
 "b197-ok-jkl-copy": ("no_claim", OK, "FV1-397/2026", "C-JKL"),
 "b197-gp-nac-unknown-invoice": ("unknown", GP, "MSRGP0619", "C-NAC"),
 "b197-gp-hrk-asks-nac-invoice": ("other_customer", GP, "MSRGP0571", "C-HRK"),
 "b197-gp-lsv-no-invoice": ("no_invoice", GP, None, "C-LSV"),
}
WITHDRAWN = {"b197-ob-ahr-price-withdrawn": (OB, "Z1/0189/26"), "b197-gp-gsg-price-withdrawn": (GP, "MSRGP0583")}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

PREFIX = {OB: "ob", OK: "ok", GP: "gp"}
cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    m = re.fullmatch(r"b197-([a-z]{2})-([a-z]{3})-[a-z0-9-]+", cid)
    said = NO_RES.get(cid, (None, None, None, None))[3] or e.get("customerId") or ("C-" + cid.split("-")[2].upper())
    if not m or m.group(1) != PREFIX[lgn] or "C-" + m.group(2).upper() != said: fail(f"{cid}: id is not b197-<ledger prefix>-<customer code>-<slug>")
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first, text = c["turns"][0], " ".join(c["turns"])
    for mnt in e.get("emailMentions", []):
        if re.fullmatch(r"[\d,]*\d\.\d{2}", mnt):
            if D(mnt) >= 1000: fail(f"{cid}: email amount {mnt} not below 1,000")
            if mnt not in (e.get("disputedAmount"), e.get("supportedAmount")): fail(f"{cid}: email amount {mnt} is no figure of the case")
        elif mnt != e.get("invoiceNumber"):
            fail(f"{cid}: email mention {mnt} is not the invoice's number")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or e["invoiceNumber"] not in first):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if cid in NO_RES:
        kind, wl, num, who = NO_RES[cid]
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if kind == "no_invoice":
            named = [n for n in nums if n in text or re.search(r"(?<!\d)0*%s(?!\d)" % seq_of(lgn, n).lstrip("0"), text)]
            theirs = [i for i in lg["invoices"] if i["customerId"] == who and open_bal(lgn, i["number"]) > 0]
            if named or e.get("asks") != ["invoice"] or len(theirs) < 2: fail(f"{cid}: no-invoice case shape ({named}, {len(theirs)} open invoices)")
            continue
        if num not in first: fail(f"{cid}: first turn does not name {num}")
        if kind == "unknown" and (num in nums or any(n in text for n in nums)): fail(f"{cid}: {num} exists or an existing invoice is named")
        if kind == "other_customer":
            if num not in nums or I(wl, num)["customerId"] == who: fail(f"{cid}: {num} is not another customer's invoice")
            if e.get("asks") != ["invoice"]: fail(f"{cid}: should ask which invoice")
        if kind == "no_claim" and (num not in nums or I(wl, num)["customerId"] != who): fail(f"{cid}: {num} should be the customer's own invoice")
        continue
    if e.get("noResolution"): fail(f"{cid}: noResolution without a reason recorded in NO_RES")
    if cid in WITHDRAWN:
        wl, num = WITHDRAWN[cid]
        if set(e) != {"mustNotHappen"} or len(c["turns"]) != 2 or num not in first or num not in nums: fail(f"{cid}: withdrawn case shape")
        continue
    if "invoiceNumber" not in e: fail(f"{cid}: no invoice expected"); continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    if not all(k in e for k in ("reasonCode", "classification", "disputedAmount", "action", "escalation", "stakeholders")): fail(f"{cid}: a key is missing")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    if f"{D(e['disputedAmount']):,.2f}" not in c["description"]: fail(f"{cid}: the description does not carry the disputed amount")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if disputed is None or D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}"); continue
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed {disputed} out of range")
    cl, act = e["classification"], e["action"]
    if cid in NO_DEFECT and not NO_DEFECT[cid](): fail(f"{cid}: the claimed defect exists after all")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e or sup_fn: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: listed as needs_info")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = e["reasonCode"] in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if cl == "invalid" and act not in ("write_off", "no_adjustment"): fail(f"{cid}: invalid with {act}")
            if cl == "partial" and act not in ("credit_memo", "write_off"): fail(f"{cid}: partial with {act}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error" and supported == inv_tax(lgn, num) and all(l.get("taxRate") for l in inv_["lines"]): want = "cancel_and_rebill"
            if e["reasonCode"] == "contract_terms" and supported == 0 and wrong_terms(lgn, num): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
        if e["reasonCode"] == "already_paid" and cl == "valid" and unapplied(lgn, num) != supported: fail(f"{cid}: no unapplied payment to apply")
    # escalation: amount after FX, days past due on an open balance, strategic, repeat disputes, controller approval, legal
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    moved = supported if act == "credit_memo" else None
    controller = moved is not None and to_company(lgn, num, moved) > D(pol["approvalLimits"]["lead"])
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or controller)
    if e["reasonCode"] == "contract_terms" and conv >= D(pol["legalEscalationAmount"]): esc = True
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")

# ---- stakeholders, tallies quoted in the README
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and (not e.get("stakeholders") or e["stakeholders"][0] != TEAM[e["reasonCode"]]):
        fail(f"{c['id']}: first stakeholder is not the routing table's {TEAM[e['reasonCode']]}")
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {sum(cnt.values())} cases {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "-")) for c in cases)))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
