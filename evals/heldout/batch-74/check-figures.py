#!/usr/bin/env python3
"""Batch-74 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-74/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # GBP, EUR: 2
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
NO_RATE = {"EES/26-1098"}   # batch 74: GBP invoice dated before the first GBP rate (2026-07-01), on purpose
INTENDED_WRONG_PO = {"GWH/ANF/04171"}   # quotes TVC-PO-004407, never issued (SI-MMES-00261 quotes a PO that exists but is cancelled)
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 14 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if lg.get("policy", {}).get("holidayCalendar") not in ("GB-WLS", "GB-NIR", "IE"): fail(f"{name}: holidayCalendar")
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
        has_rate = any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", []))
        if cur != cur0 and has_rate == (i["number"] in NO_RATE):
            fail(f"{name} {i['number']}: rate for {cur} on {i['issueDate']} (only {sorted(NO_RATE)} are meant to lack one)")
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
GW, MM, EL = "glanrhyd-water-hygiene-gbp.ledger.json", "mourne-medequip-gbp.ledger.json", "errigal-library-supply-eur.ledger.json"
T_GW, T_MM, T_EL = "2026-11-19", "2026-11-26", "2026-12-03"
TODAY = {GW: T_GW, MM: T_MM, EL: T_EL}
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def dates_credit(lgn, num, n, sku, dates):
    """Units at the line's price (with its tax) for the named dates without a rendered per-day entry."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def fee_unsupported(lgn, num, t):
    """A fee with no PO line, no contract price and no mention in the contract's notes: not owed."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    in_notes = bool(c) and any(w in c.get("notes", "").lower() for w in ("delivery", "carriage", "collection", "freight"))
    priced = bool(c) and any(p["sku"].startswith("DEL") for p in c["prices"])
    return not fee_on_po(lgn, num, t) and not in_notes and not priced
def line_tax(lgn, num, n): i = I(lgn, num); l = line(i, n); return tax(l, net(l, i["currency"]), i["currency"])
def tax_not_owed(lgn, num):
    """Exempt customer: all the tax. Otherwise, per line, the tax above the rate the customer's other
    invoices use for the same SKU (no other invoice: the line's rate stands)."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]
    if tax_exempt(lgn, num): return inv_tax(lgn, num)
    out = Z
    for l in i["lines"]:
        others = {x.get("taxRate") or "0" for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num
                  for x in o["lines"] if x["sku"] == l["sku"]}
        if len(others) == 1:
            (rate,) = others
            n_ = net(l, cur)
            out += max(tax(l, n_, cur) - (r(n_ * D(rate), cur) if D(rate) else Z), Z)
    return out
def dup(lgn, num, other):
    return inv_total(lgn, num) if same_basis_duplicate(lgn, num, other) and open_bal(lgn, other) == 0 else Z

R = {
 # Wales (GBP; policy 8,000.00 / write-off below 40.00)
 "b74-gw-gowerbay-nopo-hold": (lambda: Z if po_defect(GW, "GWH/ANF/04176") else None, lambda: inv_total(GW, "GWH/ANF/04176")),
 "b74-gw-gowerbay-ward7-outlets": (lambda: short(GW, "GWH/ANF/04204", 1, logged(GW, "GWH/ANF/04204", "SHOWER-DES")), lambda: units_credit(GW, "GWH/ANF/04204", 1, 24)),
 "b74-gw-gowerbay-grn-showerheads": (lambda: short(GW, "GWH/ANF/04193", 1, delivered(GW, "GWH/ANF/04193", "ANTI-LIG-HD")), lambda: units_credit(GW, "GWH/ANF/04193", 1, 2)),
 "b74-gw-tawe-tmv-rate": (lambda: price_diff(GW, "GWH/ANF/04197", 1), lambda: price_diff(GW, "GWH/ANF/04197", 1, "42.50")),
 "b74-gw-tawe-wrong-order-number": (lambda: Z if po_defect(GW, "GWH/ANF/04171") else None, lambda: inv_total(GW, "GWH/ANF/04171")),
 "b74-gw-tawe-tanks-twice": (lambda: dup(GW, "GWH/ANF/04188", "GWH/ANF/04183"), lambda: inv_total(GW, "GWH/ANF/04188")),
 "b74-gw-tawe-council-vat": (lambda: tax_not_owed(GW, "GWH/ANF/04213"), lambda: inv_tax(GW, "GWH/ANF/04213")),
 "b74-gw-tywi-after-expiry": (lambda: outside_contract(GW, "GWH/ANF/04215"), lambda: inv_total(GW, "GWH/ANF/04215")),
 "b74-gw-tywi-bacs-paid": (lambda: unapplied_payment(GW, "GWH/ANF/04192", "2026-11-06"), lambda: open_bal(GW, "GWH/ANF/04192")),
 "b74-gw-bryneithin-flushing-dates": (lambda: dates_credit(GW, "GWH/ANF/04217", 1, "FLUSH-WK", ["2026-10-20", "2026-10-27"]), lambda: units_credit(GW, "GWH/ANF/04217", 1, 2)),
 "b74-gw-cartrefi-interest": (lambda: fee_not_owed(GW, "GWH/ANF/04180", T_GW), lambda: fee(GW, "GWH/ANF/04180", "late_fee")),
 "b74-gw-cartrefi-cracked-valves": (lambda: units_credit(GW, "GWH/ANF/04201", 1, delivered(GW, "GWH/ANF/04201", "TMV-VALVE", "damagedQuantity")), lambda: units_credit(GW, "GWH/ANF/04201", 1, 3)),
 "b74-gw-cartrefi-poor-reports": (lambda: short(GW, "GWH/ANF/04207", 1, logged(GW, "GWH/ANF/04207", "LRA-SITE")), lambda: line_gross(GW, "GWH/ANF/04207", 1)),
 "b74-gw-tawe-callout-charge": (lambda: Z if po_line_supports(GW, "GWH/ANF/04197", 2) else line_gross(GW, "GWH/ANF/04197", 2), lambda: line_gross(GW, "GWH/ANF/04197", 2)),
 "b74-gw-gowerbay-callout-noshow": (None, lambda: line_gross(GW, "GWH/ANF/04210", 1)),
 "b74-gw-bryneithin-samples-correction": (lambda: short(GW, "GWH/ANF/04219", 1, logged(GW, "GWH/ANF/04219", "SAMPLE-LEG")), lambda: units_credit(GW, "GWH/ANF/04219", 1, 4)),
 # Northern Ireland (GBP; EUR at 0.8620 from 2026-07-01, 0.8545 from 2026-10-01; policy 10,000.00 / 50.00)
 "b74-mm-mbt-no-po-rejection": (lambda: Z if po_defect(MM, "SI-MMES-00290") else None, lambda: inv_total(MM, "SI-MMES-00290")),
 "b74-mm-mbt-bed-offhire": (lambda: short(MM, "SI-MMES-00306", 1, logged(MM, "SI-MMES-00306", "BED-BAR")), lambda: units_credit(MM, "SI-MMES-00306", 1, 8)),
 "b74-mm-mbt-decon-twice": (lambda: dup(MM, "SI-MMES-00285", "SI-MMES-00279"), lambda: inv_total(MM, "SI-MMES-00285")),
 "b74-mm-mbt-torn-slings": (lambda: units_credit(MM, "SI-MMES-00294", 1, delivered(MM, "SI-MMES-00294", "SLING-MED", "damagedQuantity")), lambda: units_credit(MM, "SI-MMES-00294", 1, 2)),
 "b74-mm-scdc-pool-hoist-rate": (lambda: price_diff(MM, "SI-MMES-00283", 1), lambda: price_diff(MM, "SI-MMES-00283", 1, "165.00")),
 "b74-mm-scdc-cancelled-order": (lambda: Z if po_defect(MM, "SI-MMES-00261") else None, lambda: inv_total(MM, "SI-MMES-00261")),
 "b74-mm-scdc-delivery-charge": (lambda: fee(MM, "SI-MMES-00304", "freight") if fee_unsupported(MM, "SI-MMES-00304", "freight") else Z, lambda: fee(MM, "SI-MMES-00304", "freight")),
 "b74-mm-hse-vat-charged": (lambda: tax_not_owed(MM, "SI-MMES-00292"), lambda: inv_tax(MM, "SI-MMES-00292")),
 "b74-mm-hse-no-po-summer": (lambda: Z if po_defect(MM, "SI-MMES-00296") else None, lambda: inv_total(MM, "SI-MMES-00296")),
 "b74-mm-stoliver-eft": (lambda: unapplied_payment(MM, "SI-MMES-00277", "2026-10-27"), lambda: open_bal(MM, "SI-MMES-00277")),
 "b74-mm-stoliver-decon-count": (lambda: short(MM, "SI-MMES-00288", 1, logged(MM, "SI-MMES-00288", "DECON-MATT")), lambda: units_credit(MM, "SI-MMES-00288", 1, 4)),
 "b74-mm-lagan-interest": (lambda: fee_not_owed(MM, "SI-MMES-00268", T_MM), lambda: fee(MM, "SI-MMES-00268", "late_fee")),
 "b74-mm-lagan-training-day": (lambda: short(MM, "SI-MMES-00301", 1, logged(MM, "SI-MMES-00301", "TRAIN-DAY")), lambda: units_credit(MM, "SI-MMES-00301", 1, 1)),
 "b74-mm-mbt-loler-13th": (None, lambda: units_credit(MM, "SI-MMES-00299", 1, 6)),
 "b74-mm-mbt-mattress-rate-followup": (lambda: price_diff(MM, "SI-MMES-00274", 1), lambda: price_diff(MM, "SI-MMES-00274", 1, "9.75")),
 "b74-mm-hse-slings-short": (lambda: short(MM, "SI-MMES-00309", 1, delivered(MM, "SI-MMES-00309", "SLING-MED")), lambda: units_credit(MM, "SI-MMES-00309", 1, 4)),
 # Ireland (EUR; GBP at 1.1560 from 2026-07-01, 1.1620 from 2026-10-01; policy 12,000.00 / 60.00)
 "b74-el-tcc-no-po-letter": (lambda: Z if po_defect(EL, "EES/26-1136") else None, lambda: inv_total(EL, "EES/26-1136")),
 "b74-el-tcc-servicing-rate": (lambda: price_diff(EL, "EES/26-1130", 2), lambda: price_diff(EL, "EES/26-1130", 2, "2.10")),
 "b74-el-tcc-short-hardbacks": (lambda: short(EL, "EES/26-1151", 1, delivered(EL, "EES/26-1151", "LIB-HB")), lambda: units_credit(EL, "EES/26-1151", 1, 4)),
 "b74-el-tcc-wet-paperbacks": (lambda: units_credit(EL, "EES/26-1143", 1, delivered(EL, "EES/26-1143", "LIB-PB", "damagedQuantity")), lambda: units_credit(EL, "EES/26-1143", 1, 15)),
 "b74-el-etb-duplicate": (lambda: dup(EL, "EES/26-1128", "EES/26-1121"), lambda: inv_total(EL, "EES/26-1128")),
 "b74-el-etb-stock-check-days": (lambda: short(EL, "EES/26-1153", 1, logged(EL, "EES/26-1153", "STOCK-DAY")), lambda: units_credit(EL, "EES/26-1153", 1, 1)),
 "b74-el-etb-kinderboxes": (lambda: Z if po_line_supports(EL, "EES/26-1140", 2) else line_gross(EL, "EES/26-1140", 2), lambda: line_gross(EL, "EES/26-1140", 2)),
 "b74-el-scoil-eft-paid": (lambda: unapplied_payment(EL, "EES/26-1147", "2026-11-20"), lambda: open_bal(EL, "EES/26-1147")),
 "b74-el-scoil-covering-count": (lambda: short(EL, "EES/26-1149", 3, logged(EL, "EES/26-1149", "COVER-SVC")), lambda: units_credit(EL, "EES/26-1149", 3, 40)),
 "b74-el-scoil-fifth-class-price": (lambda: price_diff(EL, "EES/26-1149", 1), lambda: price_diff(EL, "EES/26-1149", 1, "46.80")),
 "b74-el-tunw-interest-within-grace": (lambda: fee_not_owed(EL, "EES/26-1117", T_EL), lambda: fee(EL, "EES/26-1117", "late_fee")),
 "b74-el-tunw-vat-on-monographs": (lambda: tax_not_owed(EL, "EES/26-1138"), lambda: line_tax(EL, "EES/26-1138", 1)),
 "b74-el-tunw-missing-cartons": (None, lambda: inv_total(EL, "EES/26-1156")),
 "b74-el-bic-june-price": (lambda: price_diff(EL, "EES/26-1098", 1), lambda: price_diff(EL, "EES/26-1098", 1)),
}
NEEDS_INFO = {
 "b74-gw-gowerbay-callout-noshow": lambda: not has_log(GW, "GWH/ANF/04210", "CALLOUT"),
 "b74-mm-mbt-loler-13th": lambda: unserved_dates(MM, "SI-MMES-00299", "HOIST-LOLER", ["2026-10-13"]) is None,
 "b74-el-tunw-missing-cartons": lambda: not has_delivery(EL, "EES/26-1156", "ACAD-HB"),
}
# A disputed amount the turns give as net + VAT instead of the gross (the net is checked in the text).
NET_PLUS_VAT = {"b74-gw-tawe-callout-charge": "145.00", "b74-mm-scdc-pool-hoist-rate": "90.00", "b74-mm-mbt-mattress-rate-followup": "139.50"}

# ---- numbering: GWH/ANF/0NNNN (Sage, one sequence), SI-MMES-00NNN (one sequence), EES/YY-NNNN (year of issue);
# sequences follow the issue dates.
import re
def seq_ok(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
PAT = {GW: r"GWH/ANF/0\d{4}", MM: r"SI-MMES-00\d{3}", EL: r"EES/(\d{2})-\d{4}"}
for lgn, pat in PAT.items():
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pat, i["number"])
        if not m: fail(f"{i['number']}: numbering")
        elif lgn == EL and m.group(1) != i["issueDate"][2:4]: fail(f"{i['number']}: year of issue")
    if not seq_ok(ledgers[lgn]["invoices"]): fail(f"{lgn}: sequence out of date order")

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None
def thousands(x): return f"{x:,.2f}"

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
all_pos = {p["number"] for lg in ledgers.values() for p in lg.get("purchaseOrders", [])}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b74-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.]+", m):
            if D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
            if m not in (e.get("supportedAmount"), e.get("disputedAmount")): fail(f"{cid}: emailMentions amount {m} is neither figure")
        elif m not in nums and m not in all_pos: fail(f"{cid}: emailMentions {m} is no invoice or PO")
    if "invoiceNumber" not in e: continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if ("invoice" in e.get("neverAsks", [])) != (num in c["turns"][0]): fail(f"{cid}: neverAsks invoice vs first turn")
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
        text = " ".join(c["turns"])
        said = NET_PLUS_VAT.get(cid)
        if said is None and thousands(D(e["disputedAmount"])) not in text: fail(f"{cid}: disputed {e['disputedAmount']} not stated in the turns")
        if said is not None and (said not in text or "VAT" not in text): fail(f"{cid}: net {said} + VAT not stated")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: needs_info recipe on a decided case")
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
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
        if cl == "valid" and act in ("write_off", "no_adjustment", "goodwill_credit"): fail(f"{cid}: valid with {act}")
        if cl == "valid" and act == "cancel_and_rebill" and not defect: fail(f"{cid}: re-bill without a document defect")
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
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")), "of", sum(1 for c in cases if "escalation" in c["expect"]))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
