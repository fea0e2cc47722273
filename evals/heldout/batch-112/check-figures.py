#!/usr/bin/env python3
"""Batch-112 author's cross-check (adapted from batch 102's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once). Cases without a resolution are checked for
what makes them so (the invoice is absent, belongs to another customer, or nothing is claimed).
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-112/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # EUR, USD, GBP, TRY: 2
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

LA, LB, LC = "murrumbidgee-wool-handling-aud.ledger.json", "lowveld-citrus-coldstore-zar.ledger.json", "prairie-pulse-cleaning-cad.ledger.json"
T_A, T_B, T_C = "2026-11-12", "2026-10-21", "2026-12-03"
if set(ledgers) != {LA, LB, LC}: fail(f"ledgers found: {sorted(ledgers)}")
# Deliberate defects the cases dispute: an invoice billed after its contract ended, a PO the customer never issued.
OUTSIDE_CONTRACT = {"26-T-0086"}
WRONG_PO = {"26-S-0417"}

# ---- ledgers: totals, statuses (payments and credit notes), references, terms, minor digits
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 14 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if not lg["policy"].get("holidayCalendar"): fail(f"{name}: holidayCalendar expected in this batch")
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
            if inside == (i["number"] in OUTSIDE_CONTRACT): fail(f"{name} {i['number']}: billed period vs contract dates")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if cp is None: fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on its date")
        po = i.get("poNumber")
        if po and (po not in pos) != (i["number"] in WRONG_PO): fail(f"{name} {i['number']}: PO {po} known/unknown unexpectedly")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, cr, t = paid(lg, i["number"]), credited(lg, i["number"]), D(i["total"])
        want = "paid" if p + cr >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber"):
            inv = invoice(lg, d["invoiceNumber"])
            if not any(l["sku"] == d["sku"] for l in inv["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
            # a delivery may name the PO the invoice should carry (missing on the invoice, or the invoice's PO is wrong)
            if d.get("poNumber") and inv.get("poNumber") and d["poNumber"] != inv["poNumber"] and inv["number"] not in WRONG_PO:
                fail(f"{name} delivery {d['id']}: PO differs from its invoice")
            if d.get("poNumber") and (d["poNumber"] not in pos or pos[d["poNumber"]]["customerId"] != inv["customerId"]):
                fail(f"{name} delivery {d['id']}: PO unknown or of another customer")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber"):
            inv = invoice(lg, s["invoiceNumber"])
            if s["customerId"] != inv["customerId"]: fail(f"{name} log {s['id']}: customer differs from its invoice")
            if not any(l["sku"] == s["sku"] for l in inv["lines"]): fail(f"{name} log {s['id']}: SKU not on its invoice")
            if not (inv.get("servicePeriodStart", "") <= s["periodStart"] and s["periodEnd"] <= inv.get("servicePeriodEnd", "")):
                fail(f"{name} log {s['id']}: outside its invoice's service period")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for m in lg.get("creditMemos", []):
        if m["invoiceNumber"] not in nums: fail(f"{name} credit memo {m['number']}: unknown invoice")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} past dispute {d['id']}: unknown invoice")

# ---- numbering: MW74NN (one series); PKG-5NNNN (goods) and CS-88NN (cold store); 26-S-0NNN (sales) and 26-T-0NNN (toll services);
# each series in issue-date order. Service invoices carry service periods, goods invoices do not.
def series_ok(lgn, pattern):
    groups = {}
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{lgn}: {i['number']} does not follow {pattern}"); continue
        groups.setdefault(m.group(1), []).append((int(m.group(2)), i["issueDate"]))
    for k, v in groups.items():
        v.sort()
        if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"{lgn} series {k}: sequence out of date order")
        if [n for n, _ in v] != list(range(v[0][0], v[0][0] + len(v))): fail(f"{lgn} series {k}: gaps in the sequence")
    return groups
series_ok(LA, r"(MW)(74\d\d)")
series_ok(LB, r"(PKG|CS)-(\d{4,5})")
series_ok(LC, r"26-(S|T)-(\d{4})")
SERVICE_SKUS_A = {"SHEAR-HD", "CRUTCH-HD", "CLASS-DAY", "SHEDHAND-DAY", "PRESS-BALE", "CART-BALE"}
for lgn in ledgers:
    for i in ledgers[lgn]["invoices"]:
        if lgn == LA: svc = any(l["sku"] in SERVICE_SKUS_A for l in i["lines"])
        else: svc = i["number"].startswith("CS-") or "-T-" in i["number"]
        if svc != ("servicePeriodStart" in i): fail(f"{lgn} {i['number']}: service lines and service period disagree")

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
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

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
def wrong_terms(lgn, num):
    """Currency or payment terms of the invoice differ from its contract's."""
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

def fee_supported(lgn, num, t):
    """A fee is owed when the customer's PO lists it (same description, that amount) or the contract's notes name it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    desc = f.get("description", "").lower()
    on_po = any(l.get("description", "").lower() == desc and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    in_notes = bool(c and desc and desc in c.get("notes", "").lower())
    return on_po or in_notes

def usual_rate_excess(lgn, num, n):
    """Tax above the rate the customer's other invoices use for the same SKU (none: the line's rate stands)."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n); cur = i["currency"]
    rates = {x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]}
    if not rates: return D("0")
    usual = max(D(x or "0") for x in rates)
    n_ = net(l, cur)
    return max(tax(l, n_, cur) - r(n_ * usual, cur), D("0"))

Z = D("0")
def dates_credit(lgn, num, n, sku, dates):
    left = unserved_dates(lgn, num, sku, dates)
    return None if left is None else units_credit(lgn, num, n, len(left))
R = {
 # Murrumbidgee Wool Handling (AUD; NZD 0.9050 from 2026-07-01, 0.8985 from 2026-10-01)
 "b112-mw-gundagai-interest-two-months": (lambda: fee_not_owed(LA, "MW7402", T_A), lambda: fee(LA, "MW7402", "late_fee")),
 "b112-mw-yarran-classer-no-show": (lambda: dates_credit(LA, "MW7401", 2, "CLASS-DAY", ["2026-08-06", "2026-08-07"]), lambda: units_credit(LA, "MW7401", 2, 2)),
 "b112-mw-yarran-cartage-twice": (lambda: inv_total(LA, "MW7404") if same_basis_duplicate(LA, "MW7404", "MW7403") else Z, lambda: inv_total(LA, "MW7404")),
 "b112-mw-coop-cutters-short": (None, lambda: units_credit(LA, "MW7405", 3, 5)),
 "b112-mw-coop-bent-combs": (lambda: units_credit(LA, "MW7405", 2, delivered(LA, "MW7405", "COMB", "damagedQuantity")), lambda: units_credit(LA, "MW7405", 2, 12)),
 "b112-mw-coop-no-order-number": (lambda: Z if po_defect(LA, "MW7406") else None, lambda: inv_total(LA, "MW7406")),
 "b112-mw-kaiwara-sea-freight": (lambda: Z if fee_supported(LA, "MW7407", "freight") else fee(LA, "MW7407", "freight"), lambda: fee(LA, "MW7407", "freight")),
 "b112-mw-gundagai-small-interest": (lambda: fee_not_owed(LA, "MW7408", T_A), lambda: fee(LA, "MW7408", "late_fee")),
 "b112-mw-tarcutta-shearing-rate": (lambda: price_diff(LA, "MW7409", 1), lambda: price_diff(LA, "MW7409", 1, "3.95")),
 "b112-mw-tarcutta-shedhands-dates": (None, lambda: units_credit(LA, "MW7410", 1, 2)),
 "b112-mw-yarran-rough-crutching": (lambda: short(LA, "MW7411", 1, logged(LA, "MW7411", "CRUTCH-HD")), lambda: r(line_gross(LA, "MW7411", 1) / 2, "AUD")),
 "b112-mw-coop-woolpack-price-fixed-number": (lambda: price_diff(LA, "MW7412", 1), lambda: price_diff(LA, "MW7412", 1, "12.90")),
 "b112-mw-gundagai-crutching-tally": (lambda: short(LA, "MW7413", 1, logged(LA, "MW7413", "CRUTCH-HD")), lambda: short(LA, "MW7413", 1, 1210)),
 "b112-mw-kaiwara-paid-classing": (lambda: unapplied(LA, "MW7414", "2026-10-30"), lambda: open_bal(LA, "MW7414")),
 "b112-mw-kaiwara-gst-on-export": (lambda: inv_tax(LA, "MW7415") if tax_exempt(LA, "MW7415") else Z, lambda: inv_tax(LA, "MW7415")),
 # Lowveld Citrus (ZAR; GBP 23.6500 from 2026-06-01, 23.9200 from 2026-09-01)
 "b112-lv-komati-short-cartons": (lambda: short(LB, "PKG-52731", 1, delivered(LB, "PKG-52731", "CTN-A15")), lambda: short(LB, "PKG-52731", 1, 11520)),
 "b112-lv-komati-labels-no-order": (lambda: Z if po_defect(LB, "PKG-52733") else None, lambda: inv_total(LB, "PKG-52733")),
 "b112-lv-komati-second-order": (lambda: inv_total(LB, "PKG-52734") if same_basis_duplicate(LB, "PKG-52734", "PKG-52731") else Z, lambda: inv_total(LB, "PKG-52734")),
 "b112-lv-crocvalley-carton-price": (lambda: price_diff(LB, "PKG-52735", 1), lambda: price_diff(LB, "PKG-52735", 1, "18.40")),
 "b112-lv-crocvalley-broken-pallet-bases": (lambda: units_credit(LB, "PKG-52736", 1, delivered(LB, "PKG-52736", "PALLET-BASE", "damagedQuantity")), lambda: units_credit(LB, "PKG-52736", 1, 22)),
 "b112-lv-crocvalley-loadings-no-log": (None, lambda: units_credit(LB, "CS-8820", 2, 2)),
 "b112-lv-harbourside-eleven-reefers": (lambda: short(LB, "CS-8817", 3, logged(LB, "CS-8817", "LOAD-CNTR")), lambda: units_credit(LB, "CS-8817", 3, 1)),
 "b112-lv-harbourside-pallet-weeks-selfcorrect": (lambda: short(LB, "CS-8817", 2, logged(LB, "CS-8817", "COLD-PLTWK")), lambda: units_credit(LB, "CS-8817", 2, 30)),
 "b112-lv-harbourside-bank-charges": (lambda: unapplied(LB, "CS-8818"), lambda: open_bal(LB, "CS-8818")),
 "b112-lv-harbourside-vat-on-export": (lambda: inv_tax(LB, "CS-8821") if tax_exempt(LB, "CS-8821") else Z, lambda: inv_tax(LB, "CS-8821")),
 "b112-lv-hazyview-interest-in-grace": (lambda: fee_not_owed(LB, "CS-8814", T_B), lambda: fee(LB, "CS-8814", "late_fee")),
 "b112-lv-hazyview-vat-farmer": (lambda: inv_tax(LB, "PKG-52738") if tax_exempt(LB, "PKG-52738") else usual_rate_excess(LB, "PKG-52738", 1), lambda: inv_tax(LB, "PKG-52738")),
 "b112-lv-barberton-contract-lapsed": (lambda: outside_contract(LB, "CS-8819"), lambda: inv_total(LB, "CS-8819")),
 # Prairie Pulse (CAD; USD 1.3720 from 2026-08-01, 1.3890 from 2026-11-01)
 "b112-pp-northern-plains-rail-weights": (lambda: short(LC, "26-S-0412", 1, delivered(LC, "26-S-0412", "LENT-RED")), lambda: units_credit(LC, "26-S-0412", 1, 4)),
 "b112-pp-northern-plains-green-price": (lambda: price_diff(LC, "26-S-0415", 1), lambda: price_diff(LC, "26-S-0415", 1, "1020.00")),
 "b112-pp-dominion-wrong-po": (lambda: Z if po_defect(LC, "26-S-0417") else None, lambda: inv_total(LC, "26-S-0417")),
 "b112-pp-dominion-fuel-surcharge": (lambda: Z if fee_supported(LC, "26-S-0416", "other") else fee(LC, "26-S-0416", "other"), lambda: fee(LC, "26-S-0416", "other")),
 "b112-pp-redriver-wet-peas": (lambda: units_credit(LC, "26-S-0418", 1, delivered(LC, "26-S-0418", "PEA-YEL", "damagedQuantity")), lambda: units_credit(LC, "26-S-0418", 1, 24)),
 "b112-pp-redriver-billed-twice": (lambda: inv_total(LC, "26-S-0421") if same_basis_duplicate(LC, "26-S-0421", "26-S-0420") else Z, lambda: inv_total(LC, "26-S-0421")),
 "b112-pp-redriver-sort-quality": (lambda: short(LC, "26-T-0087", 1, logged(LC, "26-T-0087", "SORT-T")), lambda: r(line_gross(LC, "26-T-0087", 1) * D("0.20"), "USD")),
 "b112-pp-kaminski-interest": (lambda: fee_not_owed(LC, "26-T-0081", T_C), lambda: fee(LC, "26-T-0081", "late_fee")),
 "b112-pp-kaminski-sort-rate": (lambda: price_diff(LC, "26-T-0082", 1), lambda: price_diff(LC, "26-T-0082", 1, "22.25")),
 "b112-pp-kaminski-storage-hauled": (lambda: short(LC, "26-T-0084", 1, logged(LC, "26-T-0084", "STOR-TM")), lambda: units_credit(LC, "26-T-0084", 1, 300)),
 "b112-pp-kaminski-etransfer": (lambda: unapplied(LC, "26-T-0085", "2026-11-20"), lambda: open_bal(LC, "26-T-0085")),
 "b112-pp-birchhills-after-contract": (lambda: outside_contract(LC, "26-T-0086"), lambda: inv_total(LC, "26-T-0086")),
 "b112-pp-birchhills-bin-seven": (None, lambda: units_credit(LC, "26-T-0083", 1, 300)),
}
NEEDS_INFO = {
 "b112-mw-coop-cutters-short": lambda: not has_delivery(LA, "MW7405", "CUTTER-BX"),
 "b112-mw-tarcutta-shedhands-dates": lambda: unserved_dates(LA, "MW7410", "SHEDHAND-DAY", ["2026-09-17", "2026-09-18"]) is None,
 "b112-lv-crocvalley-loadings-no-log": lambda: not has_log(LB, "CS-8820", "LOAD-CNTR"),
 "b112-pp-birchhills-bin-seven": lambda: not has_log(LC, "26-T-0083", "STOR-TM"),
}
# Claims the evidence refutes for a reason the recipe cannot show by itself
NO_DEFECT = {
 "b112-lv-barberton-contract-lapsed": lambda: not wrong_terms(LB, "CS-8819") and outside_contract(LB, "CS-8819") == 0,
 "b112-lv-komati-second-order": lambda: I(LB, "PKG-52734")["poNumber"] != I(LB, "PKG-52731")["poNumber"] and has_delivery(LB, "PKG-52734", "CTN-A15"),
}
# Cases without a resolution: what makes them so
NO_RES = {
 "b112-mw-unknown-invoice": ("unknown", LA, "MW7460", "AC-02"),
 "b112-mw-tarcutta-names-yarran-invoice": ("other_customer", LA, "MW7411", "AC-05"),
 "b112-lv-unknown-invoice": ("unknown", LB, "PKG-52790", "ZC-05"),
 "b112-lv-komati-bank-letter": ("no_claim", LB, "PKG-52734", "ZC-02"),
 "b112-pp-dominion-names-other-invoice": ("other_customer", LC, "26-S-0412", "PC-02"),
 "b112-pp-northern-plains-due-date": ("no_claim", LC, "26-S-0415", "PC-01"),
}
WITHDRAWN = {"b112-mw-coop-cutters-found": (LA, "MW7405"), "b112-lv-hazyview-cartons-withdrawn": (LB, "PKG-52738"),
             "b112-pp-redriver-sorting-withdrawn": (LC, "26-T-0087")}
# Invoices named in the turns that do not exist, on purpose (a self-correction): they must stay absent
PHANTOMS = {"b112-mw-coop-woolpack-price-fixed-number": (LA, "MW7421"), "b112-lv-harbourside-pallet-weeks-selfcorrect": (LB, "CS-8813")}
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
if len({c["id"] for c in cases}) != len(cases): fail("duplicate case ids")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for cid, (wl, num) in PHANTOMS.items():
    if num in {i["number"] for i in ledgers[wl]["invoices"]}: fail(f"{cid}: {num} exists")
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b112-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != {LA: T_A, LB: T_B, LC: T_C}[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.,]+", m):
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")): fail(f"{cid}: email amount {m} is no figure of the case")
        elif m not in " ".join(c["turns"]) and m != e.get("invoiceNumber") and m != (I(lgn, e["invoiceNumber"]).get("poNumber") if e.get("invoiceNumber") in nums else None):
            fail(f"{cid}: email mention {m} is neither said nor the invoice's own number or PO")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or seq_digits(e["invoiceNumber"]) not in first):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it in digits")
    if cid in NO_RES:
        kind, wl, num, said = NO_RES[cid]
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if seq_digits(num) not in first: fail(f"{cid}: first turn does not name {num}")
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
        if set(e) != {"mustNotHappen"} or len(c["turns"]) != 2 or seq_digits(num) not in first or num not in nums: fail(f"{cid}: withdrawn case shape")
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
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
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
