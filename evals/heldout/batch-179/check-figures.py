#!/usr/bin/env python3
"""Batch-179 author's cross-check (adapted from batch 149's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms, numbering and id uniqueness, and the classification /
action / write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at
the latest rate on or before the invoice date, half-up once). Cases without a resolution are checked
for what makes them so (the invoice is absent, belongs to another customer, nothing is claimed, or no
invoice is named). Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-179/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # USD, CAD, MXN: 2
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

RR, AN, GR = "rock-river-molded-components-rockford-usd.ledger.json", "extrusiones-anzalduas-reynosa-usd.ledger.json", "grand-river-sintered-cambridge-cad.ledger.json"
T_RR, T_AN, T_GR = "2026-04-22", "2026-06-16", "2026-05-06"
if set(ledgers) != {RR, AN, GR}: fail(f"ledgers found: {sorted(ledgers)}")
# invoices billed (on purpose) for days after their contract ended: the contract-terms cases
OUTSIDE_ON_PURPOSE = {"IN104431", "NAL-0597", "GR26-1170"}
# SKUs priced by the invoice's PO only (the contract's notes say so): the volume-tier case
PO_PRICED = {("IN104416", "HOE-CLIP-22")}

def po_price(lg, inv, sku):
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == inv.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None

# ---- ledgers: totals, statuses, references, terms, minor digits, unique ids
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    for kind, key in (("customers", "id"), ("contracts", "id"), ("purchaseOrders", "number"), ("invoices", "number"), ("deliveries", "id"),
                      ("serviceLogs", "id"), ("payments", "id"), ("creditMemos", "number"), ("pastDisputes", "id")):
        ids = [x[key] for x in lg.get(kind, [])]
        dup = sorted(k for k, n in Counter(ids).items() if n > 1)
        if dup: fail(f"{name}: repeated {kind} id(s) {dup}")
    fx = [(x["currency"], x["date"]) for x in lg.get("fxRates", [])]
    if len(fx) != len(set(fx)): fail(f"{name}: two rates for one currency and date")
    if not 15 <= len(nums) <= 20: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    defaults = {"escalationAmount": "10000.00", "writeOffBelow": "50.00"}
    if all(lg["policy"].get(k) == v for k, v in defaults.items()): fail(f"{name}: policy amounts are the defaults")
    cats = {"strategic": any(c.get("strategic") for c in lg["customers"]),
            "poRequired": any(c.get("poRequired") for c in lg["contracts"]),
            "other currency": any(i["currency"] != cur0 for i in lg["invoices"]),
            "late fee": any(c.get("lateFee") for c in lg["contracts"]),
            "ended contract": any(c.get("endDate", "9999") < {RR: T_RR, AN: T_AN, GR: T_GR}.get(name, "9999") for c in lg["contracts"]),
            "exempt and taxed customers": any(c.get("taxExempt") for c in lg["customers"]) and any(l.get("taxRate") for i in lg["invoices"] for l in i["lines"]),
            "per-day logs": any(s["periodStart"] == s["periodEnd"] for s in lg.get("serviceLogs", [])),
            "unapplied payment": any(not p.get("invoiceNumber") for p in lg.get("payments", [])),
            "remittance deduction": any(D(x.get("deducted", "0")) > 0 for p in lg.get("payments", []) for x in p.get("remittance", []))}
    for k, v in cats.items():
        if not v and not (k == "remittance deduction" and name == GR): fail(f"{name}: no {k}")
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if not c: fail(f"{name} {i['number']}: no contract")
        else:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            inside = c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")
            if (i["number"] in OUTSIDE_ON_PURPOSE) == inside: fail(f"{name} {i['number']}: billed period vs its contract")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if cp is None and not ((i["number"], l["sku"]) in PO_PRICED and po_price(lg, i, l["sku"])):
                    fail(f"{name} {i['number']}: {l['sku']} priced neither by the contract nor (on purpose) by the PO")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on its date")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} unknown")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, cr, t = paid(lg, i["number"]), credited(lg, i["number"]), D(i["total"])
        want = "paid" if p + cr >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        if cust.get("taxExempt") and any(l.get("taxRate") for l in i["lines"]) and i["number"] not in ("EXP-2258", "GR26-1138"):
            fail(f"{name} {i['number']}: an exempt customer taxed (only the tax cases do)")
        if not cust.get("taxExempt") and not all(l.get("taxRate") for l in i["lines"]): fail(f"{name} {i['number']}: a taxable customer's line without tax")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice"); continue
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber"):
            inv = invoice(lg, d["invoiceNumber"])
            if not any(l["sku"] == d["sku"] for l in inv["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
            if d.get("poNumber") and inv.get("poNumber") and d["poNumber"] != inv["poNumber"]: fail(f"{name} delivery {d['id']}: PO differs from its invoice")
            if d.get("poNumber") and (d["poNumber"] not in pos or pos[d["poNumber"]]["customerId"] != inv["customerId"]):
                fail(f"{name} delivery {d['id']}: PO unknown or of another customer")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice"); continue
        if s.get("invoiceNumber") and "servicePeriodStart" in invoice(lg, s["invoiceNumber"]):
            inv = invoice(lg, s["invoiceNumber"])
            if not (inv["servicePeriodStart"] <= s["periodStart"] and s["periodEnd"] <= inv["servicePeriodEnd"]):
                fail(f"{name} log {s['id']}: outside its invoice's service period")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("remittance") and sum((D(x["paid"]) for x in p["remittance"]), D("0")) != D(p["amount"]): fail(f"{name} payment {p['id']}: remittance does not add up")
        for x in p.get("remittance", []):
            if x["invoiceNumber"] in nums and D(x["paid"]) + D(x.get("deducted", "0")) != D(invoice(lg, x["invoiceNumber"])["total"]):
                fail(f"{name} payment {p['id']}: paid + deducted is not the invoice total")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
    if lg.get("creditMemos"): fail(f"{name}: this batch has no credit memos")

# ---- numbering: Rock River one sequence IN1044NN; Anzaldúas CFDI series EXP- (USD exports) and NAL- (MXN domestic);
# Grand River one sequence GR26-NNNN; each sequence in issue-date order.
def series_ok(lgn, pattern):
    groups = {}
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{lgn}: {i['number']} does not follow {pattern}"); continue
        groups.setdefault(m.group(1), []).append((int(m.group(2)), i["issueDate"]))
    for k, v in groups.items():
        v.sort()
        if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"{lgn} series {k}: sequence out of date order")
series_ok(RR, r"(IN)(\d{6})")
series_ok(AN, r"(EXP|NAL)-(\d{4})")
series_ok(GR, r"(GR26)-(\d{4})")
for i in ledgers[AN]["invoices"]:
    if (i["number"].startswith("NAL")) != (i["currency"] == "MXN"): fail(f"AN {i['number']}: series does not match the currency")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def agreed_price(lgn, num, sku):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
    return cp if cp is not None else po_price(lg, i, sku)
def price_diff(lgn, num, n, price=None):
    """Billed gross minus gross at the agreed (or stated) price; also checked against tax on the
    net difference, so both ways of crediting a line give the same cents."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    p = price or agreed_price(lgn, num, l["sku"])
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
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), D("0")))
def dates(a, b): return [plus(a, k) for k in range(days(a, b) + 1)]
def unserved_dates(lgn, num, sku, ds):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in ds:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in ds if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def dated_units(lgn, num, n, sku, ds):
    un = unserved_dates(lgn, num, sku, ds)
    return None if un is None else units_credit(lgn, num, n, len(un))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def cust_of(lgn, num): i = I(lgn, num); return next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"])
def tax_exempt(lgn, num): return bool(cust_of(lgn, num).get("taxExempt"))
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

def outside_contract(lgn, num):
    """Days of the billed period outside the invoice's contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))

def unapplied(lgn, num, when=None):
    """The customer's unapplied payments in the invoice currency (on the date quoted, when one is), up to the open balance."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and (when is None or p["date"] == when)]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))

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
    return po is None or po.get("status") == "cancelled" or po["customerId"] != i["customerId"]

def line_on_po(lgn, num, n):
    """A line the customer's own (live) PO lists with the same SKU at that price: ordered, so owed."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    return any(pl["sku"] == l["sku"] and pl["unitPrice"] == l["unitPrice"] for po in lg.get("purchaseOrders", [])
               if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for pl in po["lines"])
def fee_supported(lgn, num, t, notes_word=None):
    """A fee is owed when the customer's PO lists it (same description, that amount) or the contract's notes name it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    desc = f.get("description", "").lower()
    on_po = any(l.get("description", "").lower() == desc and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    word = (notes_word or desc).lower()
    in_notes = bool(c and word and word in c.get("notes", "").lower() and word in desc)
    return on_po or in_notes
def restock_basis(lgn, num, returned, sku):
    """The restocking fee is the contract's 15% of the returned value at the contract price."""
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    return r(D(agreed_price(lgn, num, sku)) * returned * D("0.15"), i["currency"]) == fee(lgn, num, "other")
def usual_rate_excess(lgn, num, n):
    """Tax above the rate the customer's other invoices use for the same SKU (none: the line's rate stands)."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n); cur = i["currency"]
    rates = {x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]}
    if not rates: return D("0")
    usual = max(D(x or "0") for x in rates)
    n_ = net(l, cur)
    return max(tax(l, n_, cur) - r(n_ * usual, cur), D("0"))
def tax_stands(lgn, num, n): return not tax_exempt(lgn, num) and usual_rate_excess(lgn, num, n) == 0
def named_date_claim(lgn, num, n, ds): return units_credit(lgn, num, n, len(ds))

Z = D("0")
R = {
 # Rock River (USD; CAD 0.7290 / 0.7355 / 0.7208 from 2026-01-01 / 02-15 / 04-01)
 "b179-rr-kmd-iqc-sink-marks": (lambda: units_credit(RR, "IN104422", 1, delivered(RR, "IN104422", "KMD-HSG-14", "damagedQuantity")), lambda: units_credit(RR, "IN104422", 1, 1150)),
 "b179-rr-kmd-sort-four-days": (lambda: short(RR, "IN104428", 1, logged(RR, "IN104428", "SORT-DAY")), lambda: units_credit(RR, "IN104428", 1, 2)),
 "b179-rr-kmd-sort-named-days": (None, lambda: named_date_claim(RR, "IN104439", 1, ["2026-04-08", "2026-04-09"])),
 "b179-rr-kmd-lens-price": (lambda: price_diff(RR, "IN104418", 1), lambda: price_diff(RR, "IN104418", 1)),
 "b179-rr-hoe-clip-volume-tier": (lambda: price_diff(RR, "IN104416", 1), lambda: price_diff(RR, "IN104416", 1, "11.80")),
 "b179-rr-hoe-mold-billed-again": (lambda: inv_total(RR, "IN104433") if same_basis_duplicate(RR, "IN104433", "IN104409") else Z, lambda: inv_total(RR, "IN104433")),
 "b179-rr-hoe-portal-no-po": (lambda: Z if po_defect(RR, "IN104429") else None, lambda: inv_total(RR, "IN104429")),
 "b179-rr-hoe-rtv-short-pay": (lambda: units_credit(RR, "IN104424", 1, delivered(RR, "IN104424", "HOE-GUARD-3", "damagedQuantity")),
                               lambda: deducted(RR, "IN104424") if deducted(RR, "IN104424") == units_credit(RR, "IN104424", 1, 400) else None),
 "b179-rr-cva-knobs-wrong-rev": (lambda: units_credit(RR, "IN104426", 1, delivered(RR, "IN104426", "CVA-KNOB", "damagedQuantity")), lambda: line_gross(RR, "IN104426", 1)),
 "b179-rr-cva-wire-unapplied": (lambda: unapplied(RR, "IN104437", "2026-04-20"), lambda: open_bal(RR, "IN104437")),
 "b179-rr-cva-restocking-fee": (lambda: Z if fee_supported(RR, "IN104435", "other", "restocking fee") else fee(RR, "IN104435", "other"), lambda: fee(RR, "IN104435", "other")),
 "b179-rr-pec-finance-charge": (lambda: fee_not_owed(RR, "IN104402", T_RR), lambda: fee(RR, "IN104402", "late_fee")),
 "b179-rr-pec-sales-tax": (lambda: Z if tax_stands(RR, "IN104420", 1) else inv_tax(RR, "IN104420"), lambda: inv_tax(RR, "IN104420")),
 "b179-rr-nlf-march-storage": (lambda: outside_contract(RR, "IN104431"), lambda: inv_total(RR, "IN104431")),
 # Anzaldúas (USD; MXN 0.0548 / 0.0561 / 0.0577 from 2026-01-01 / 03-01 / 05-01)
 "b179-an-vts-rev-a-rails": (lambda: units_credit(AN, "EXP-2240", 1, delivered(AN, "EXP-2240", "VTS-RAIL-6063", "damagedQuantity")), lambda: units_credit(AN, "EXP-2240", 1, 600)),
 "b179-an-vts-sorter-three-days": (lambda: short(AN, "EXP-2252", 1, logged(AN, "EXP-2252", "SORT-DIA")), lambda: units_credit(AN, "EXP-2252", 1, 2)),
 "b179-an-vts-ach-not-applied": (lambda: unapplied(AN, "EXP-2266", "2026-06-10"), lambda: open_bal(AN, "EXP-2266")),
 "b179-an-los-clamp-price": (lambda: price_diff(AN, "EXP-2247", 1), lambda: price_diff(AN, "EXP-2247", 1, "0.80")),
 "b179-an-los-die-deduction": (lambda: Z if line_on_po(AN, "EXP-2236", 1) else line_gross(AN, "EXP-2236", 1),
                               lambda: deducted(AN, "EXP-2236") if deducted(AN, "EXP-2236") == line_gross(AN, "EXP-2236", 1) else None),
 "b179-an-los-coupa-no-po": (lambda: Z if po_defect(AN, "EXP-2249") else None, lambda: inv_total(AN, "EXP-2249")),
 "b179-an-rin-immex-iva": (lambda: Z if tax_stands(AN, "NAL-0592", 1) else inv_tax(AN, "NAL-0592"), lambda: inv_tax(AN, "NAL-0592")),
 "b179-an-rin-perfiles-short": (lambda: short(AN, "NAL-0588", 1, delivered(AN, "NAL-0588", "RIN-PERFIL-C")), lambda: units_credit(AN, "NAL-0588", 1, 100)),
 "b179-an-rin-tapa-deduction": (lambda: price_diff(AN, "NAL-0581", 1), lambda: deducted(AN, "NAL-0581")),
 "b179-an-hca-late-charge-grace": (lambda: fee_not_owed(AN, "EXP-2244", T_AN), lambda: fee(AN, "EXP-2244", "late_fee")),
 "b179-an-hca-bent-plates": (lambda: units_credit(AN, "EXP-2255", 1, delivered(AN, "EXP-2255", "HCA-END-PLATE", "damagedQuantity")), lambda: units_credit(AN, "EXP-2255", 1, 500)),
 "b179-an-cam-storage-after-end": (lambda: outside_contract(AN, "NAL-0597"), lambda: inv_total(AN, "NAL-0597")),
 "b179-an-vts-sorter-missed-parts": (lambda: short(AN, "EXP-2263", 1, logged(AN, "EXP-2263", "SORT-DIA")), lambda: inv_total(AN, "EXP-2263")),
 "b179-an-los-iva-on-export": (lambda: inv_tax(AN, "EXP-2258") if tax_exempt(AN, "EXP-2258") else Z, lambda: inv_tax(AN, "EXP-2258")),
 "b179-an-vts-legs-no-record": (None, lambda: units_credit(AN, "EXP-2261", 1, 100)),
 # Grand River (CAD; USD 1.3710 / 1.3825 / 1.3655 from 2026-01-01 / 03-01 / 04-15)
 "b179-gr-wrg-porosity-rejects": (lambda: units_credit(GR, "GR26-1115", 1, delivered(GR, "GR26-1115", "WRG-SPUR-24T", "damagedQuantity")), lambda: units_credit(GR, "GR26-1115", 1, 2400)),
 "b179-gr-wrg-engineer-away": (None, lambda: r(line_gross(GR, "GR26-1144", 1) / 2, "CAD") if r(line_gross(GR, "GR26-1144", 1) / 2, "CAD") == units_credit(GR, "GR26-1144", 1, D("0.5")) else None),
 "b179-gr-wrg-bushing-price-hst": (lambda: price_diff(GR, "GR26-1134", 1), lambda: price_diff(GR, "GR26-1134", 1)),
 "b179-gr-ocp-portal-hold": (lambda: Z if po_defect(GR, "GR26-1141") else None, lambda: inv_total(GR, "GR26-1141")),
 "b179-gr-ocp-hubs-short": (lambda: short(GR, "GR26-1130", 1, delivered(GR, "GR26-1130", "OCP-IMP-HUB")), lambda: units_credit(GR, "GR26-1130", 1, 300)),
 "b179-gr-ocp-rma-seat-rings": (lambda: units_credit(GR, "GR26-1150", 1, delivered(GR, "GR26-1150", "OCP-SEAT-RING", "damagedQuantity")), lambda: units_credit(GR, "GR26-1150", 1, 800)),
 "b179-gr-ocp-sort-two-dates": (lambda: dated_units(GR, "GR26-1156", 1, "OCP-SORT-DAY", ["2026-04-14", "2026-04-15"]), lambda: named_date_claim(GR, "GR26-1156", 1, ["2026-04-14", "2026-04-15"])),
 "b179-gr-tsd-ach-unapplied": (lambda: unapplied(GR, "GR26-1165", "2026-05-01"), lambda: open_bal(GR, "GR26-1165")),
 "b179-gr-tsd-hst-on-export": (lambda: inv_tax(GR, "GR26-1138") if tax_exempt(GR, "GR26-1138") else Z, lambda: inv_tax(GR, "GR26-1138")),
 "b179-gr-tsd-old-quote": (lambda: price_diff(GR, "GR26-1153", 1), lambda: price_diff(GR, "GR26-1153", 1, "1.52")),
 "b179-gr-tsd-two-pos-not-dupe": (lambda: inv_total(GR, "GR26-1162") if same_basis_duplicate(GR, "GR26-1162", "GR26-1109") else Z, lambda: inv_total(GR, "GR26-1162")),
 "b179-gr-hsm-interest-as-agreed": (lambda: fee_not_owed(GR, "GR26-1126", T_GR), lambda: fee(GR, "GR26-1126", "late_fee")),
 "b179-gr-hsm-expedite-fee": (lambda: Z if fee_supported(GR, "GR26-1159", "service_fee") else fee(GR, "GR26-1159", "service_fee"), lambda: fee(GR, "GR26-1159", "service_fee")),
 "b179-gr-srp-april-die-storage": (lambda: outside_contract(GR, "GR26-1170"), lambda: inv_total(GR, "GR26-1170")),
 "b179-gr-srp-clutch-plates-twice": (lambda: inv_total(GR, "GR26-1121") if same_basis_duplicate(GR, "GR26-1121", "GR26-1102") else Z, lambda: inv_total(GR, "GR26-1121")),
}
NEEDS_INFO = {
 "b179-rr-kmd-sort-named-days": lambda: unserved_dates(RR, "IN104439", "SORT-DAY", ["2026-04-08", "2026-04-09"]) is None,
 "b179-an-vts-legs-no-record": lambda: not has_delivery(AN, "EXP-2261", "VTS-LEG-CNC"),
 "b179-gr-wrg-engineer-away": lambda: unserved_dates(GR, "GR26-1144", "WRG-ENG-MO", dates("2026-03-16", "2026-03-27")) is None,
}
# Claims the evidence refutes for a reason the recipe cannot show by itself
NO_DEFECT = {
 "b179-rr-pec-sales-tax": lambda: not tax_exempt(RR, "IN104420"),
 "b179-an-rin-immex-iva": lambda: not tax_exempt(AN, "NAL-0592") and usual_rate_excess(AN, "NAL-0592", 1) == 0 and any(
     l["sku"] == "RIN-PERFIL-C" and l.get("taxRate") == "0.16" for l in I(AN, "NAL-0588")["lines"]),
 "b179-rr-cva-restocking-fee": lambda: restock_basis(RR, "IN104435", D(600), "CVA-BEZEL"),
 "b179-gr-tsd-two-pos-not-dupe": lambda: has_delivery(GR, "GR26-1162", "TSD-SPROCKET") and has_delivery(GR, "GR26-1109", "TSD-SPROCKET"),
 "b179-gr-tsd-old-quote": lambda: "replaces all 2025 quotations" in contract_of(ledgers[GR], I(GR, "GR26-1153"))["notes"],
 "b179-an-vts-sorter-missed-parts": lambda: logged(AN, "EXP-2263", "SORT-DIA") == billed_qty(AN, "EXP-2263", 1),
}
# Cases without a resolution: what makes them so (kind, ledger, invoice named, customer named)
NO_RES = {
 "b179-rr-nlf-not-their-invoice": ("other_customer", RR, "IN104443", "C-1080"),
 "b179-rr-hoe-unknown-number": ("unknown", RR, "IN104458", "C-1058"),
 "b179-an-cam-copy-cfdi": ("no_claim", AN, "NAL-0584", "CTE-027"),
 "b179-an-los-asks-about-harlingen-invoice": ("other_customer", AN, "EXP-2268", "CTE-014"),
 "b179-gr-hsm-which-invoice": ("no_invoice", GR, None, "GRC-23"),
}
WITHDRAWN = {"b179-rr-hoe-skid-found": (RR, "IN104441")}
GOODWILL = {}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def seq_digits(num): return re.search(r"(\d+)$", num).group(1).lstrip("0")

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
if len({c["id"] for c in cases}) != len(cases): fail("repeated case id")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b179-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != {RR: T_RR, AN: T_AN, GR: T_GR}[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    if any(re.search(r"\b(confirm|approve|go ahead|post it|issue it)\b", t, re.I) for t in c["turns"]): fail(f"{cid}: a turn may read as a confirmation")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d,]*\d\.\d{2}", m):
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")) and D(m) != GOODWILL.get(cid): fail(f"{cid}: email amount {m} is no figure of the case")
        elif m not in " ".join(c["turns"]) and m != e.get("invoiceNumber"):
            fail(f"{cid}: email mention {m} is neither said nor the invoice's own number")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or e["invoiceNumber"].lower() not in first.lower()):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if cid in NO_RES:
        kind, wl, num, said = NO_RES[cid]
        if wl != lgn: fail(f"{cid}: NO_RES ledger")
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if kind == "no_invoice":
            if any(seq_digits(n) in " ".join(c["turns"]) for n in nums) or e.get("asks") != ["invoice"]: fail(f"{cid}: no-invoice case shape")
            continue
        if num not in first: fail(f"{cid}: first turn does not name {num}")
        if kind == "unknown" and num in nums: fail(f"{cid}: {num} exists")
        if kind == "unknown" and any(seq_digits(n) in " ".join(c["turns"]) for n in nums): fail(f"{cid}: an existing invoice number is named too")
        if kind == "other_customer":
            if num not in nums or I(wl, num)["customerId"] == said: fail(f"{cid}: {num} is not another customer's invoice")
            if e.get("asks") != ["invoice"]: fail(f"{cid}: should ask which invoice")
        if kind == "no_claim" and (num not in nums or I(wl, num)["customerId"] != said): fail(f"{cid}: {num} should be the customer's own invoice")
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
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if disputed is None: fail(f"{cid}: the disputed figure does not follow from the ledger"); continue
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed {disputed} out of range")
    cl, act = e["classification"], e["action"]
    if cid in NO_DEFECT and not NO_DEFECT[cid](): fail(f"{cid}: the claimed defect exists after all")
    supported = None
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e or sup_fn: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: listed as needs_info")
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
            if act not in ("write_off", "no_adjustment") and cl == "invalid": fail(f"{cid}: invalid with {act}")
            if cl == "partial" and act not in ("credit_memo", "write_off"): fail(f"{cid}: partial with {act}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error" and supported == inv_tax(lgn, num) and all(l.get("taxRate") for l in inv_["lines"]): want = "cancel_and_rebill"
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
