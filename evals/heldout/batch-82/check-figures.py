#!/usr/bin/env python3
"""Batch-82 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Every unit or price credit is computed two
ways (tax on the credited net, and the difference of the line's gross before and after) and the two must
agree, so no expected figure depends on where the cent is rounded. Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-82/check-figures.py"""
import glob, json, os, re, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # EUR, USD, RSD, TRY, MKD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
def Q(x): return D(str(x))

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
CY, ME, XK = "kition-hotel-supplies-eur.ledger.json", "moraca-gradjevinski-eur.ledger.json", "prizren-depo-logjistike-eur.ledger.json"
TODAY = {CY: "2026-11-17", ME: "2026-10-22", XK: "2026-12-09"}
if set(ledgers) != {CY, ME, XK}: fail(f"ledger files: {sorted(ledgers)}")

def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * Q(l["quantity"] if qty is None else qty), cur)
def tax(l, n, cur):
    rate = l.get("taxRate")
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
NO_RATE = {"FAT-PZ-26.0652"}   # the MKD invoice has no rate, on purpose
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if cur0 != "EUR": fail(f"{name}: company currency {cur0}")
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if [l["line"] for l in i["lines"]] != list(range(1, len(i["lines"]) + 1)): fail(f"{name} {i['number']}: line numbers")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        if i["dueDate"] < i["issueDate"]: fail(f"{name} {i['number']}: due before issue")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            priced = {p["sku"] for p in c["prices"]}
            for l in i["lines"]:
                if l["sku"] not in priced: fail(f"{name} {i['number']}: {l['sku']} not priced by {c['id']}")
        elif days(i["issueDate"], i["dueDate"]) != 30: fail(f"{name} {i['number']}: no contract, 30 days expected")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        taxed = any(l.get("taxRate") for l in i["lines"])
        if cur != cur0 and taxed: fail(f"{name} {i['number']}: export invoice with tax")
        if cur == cur0 and not taxed and not cust.get("taxExempt"): fail(f"{name} {i['number']}: domestic invoice without tax")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if i.get("servicePeriodStart") and i["servicePeriodStart"] > i["servicePeriodEnd"]: fail(f"{name} {i['number']}: period")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        elif d["sku"] not in {l["sku"] for l in invoice(lg, d["invoiceNumber"])["lines"]}: fail(f"{name} delivery {d['id']}: SKU not on the invoice")
        if d.get("poNumber") and d["poNumber"] != invoice(lg, d["invoiceNumber"]).get("poNumber"): fail(f"{name} delivery {d['id']}: PO differs from the invoice's")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        else:
            i = invoice(lg, s["invoiceNumber"])
            if s["sku"] not in {l["sku"] for l in i["lines"]}: fail(f"{name} log {s['id']}: SKU not on the invoice")
            if not (i["servicePeriodStart"] <= s["periodStart"] <= s["periodEnd"] <= i["servicePeriodEnd"]): fail(f"{name} log {s['id']}: outside the billed period")
            if s["customerId"] != i["customerId"]: fail(f"{name} log {s['id']}: customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p["date"] > TODAY[name]: fail(f"{name} payment {p['id']}: after today")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d["openedDate"] >= TODAY[name]: fail(f"{name} past dispute {d['id']}: not in the past")
    for i in lg["invoices"]:
        if i["issueDate"] > TODAY[name]: fail(f"{name} {i['number']}: issued after today")

# ---- numbering: TP-L-NNNNNN (one sequence), FR-26-PG|BR-NNNN (Podgorica warehouse and Bar depot, one
# sequence each), FAT-PZ-26.NNNN (goods) and FSH-PZ-26.NNNN (3PL services); sequences follow the issue dates.
def seq_ok(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
if not all(re.fullmatch(r"TP-L-\d{6}", i["number"]) for i in ledgers[CY]["invoices"]): fail("CY numbering")
if not seq_ok(ledgers[CY]["invoices"]): fail("CY: sequence out of date order")
for series in ("PG", "BR"):
    v = [i for i in ledgers[ME]["invoices"] if i["number"].startswith(f"FR-26-{series}-")]
    if not seq_ok(v): fail(f"ME {series}: sequence out of date order")
if not all(re.fullmatch(r"FR-26-(PG|BR)-\d{4}", i["number"]) for i in ledgers[ME]["invoices"]): fail("ME numbering")
SERVICE_SKUS = {p["sku"] for p in next(c for c in ledgers[XK]["contracts"] if c["id"] == "CT-PZ-01")["prices"]}
for series in ("FAT", "FSH"):
    v = [i for i in ledgers[XK]["invoices"] if i["number"].startswith(f"{series}-PZ-26.")]
    if not seq_ok(v): fail(f"XK {series}: sequence out of date order")
    for i in v:
        if all(l["sku"] in SERVICE_SKUS for l in i["lines"]) != (series == "FSH"): fail(f"{i['number']}: goods / services series")
if not all(re.fullmatch(r"(FAT|FSH)-PZ-26\.\d{4}", i["number"]) for i in ledgers[XK]["invoices"]): fail("XK numbering")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def two_ways(lgn, num, n, credit_net):
    """Tax on the credited net must equal the gross difference: checked by the callers."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return credit_net + tax(l, credit_net, cur)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    p = price or agreed(lgn, num, l["sku"])
    a = max(gross(l, cur) - gross(l, cur, price=p), D("0"))
    b = max(two_ways(lgn, num, n, r((D(l["unitPrice"]) - D(p)) * Q(l["quantity"]), cur)), D("0"))
    if a != b: fail(f"{num} line {n}: price credit {a} (gross difference) != {b} (tax on the credited net)")
    return a
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = Q(l["quantity"]) - Q(units)
    a = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    b = two_ways(lgn, num, n, r(D(l["unitPrice"]) * min(Q(units), Q(l["quantity"])), cur))
    if a != b: fail(f"{num} line {n}: unit credit {a} (gross difference) != {b} (tax on the credited net)")
    return a
def delivered(lgn, num, sku, field="quantity"):
    return sum((Q(d.get(field, 0)) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku), D("0"))
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum((Q(s["quantity"]) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered"), D("0"))
def billed_qty(lgn, num, n): return Q(line(I(lgn, num), n)["quantity"])
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - Q(counted), D("0")))
def line_of_sku(lgn, num, sku): return next(l["line"] for l in I(lgn, num)["lines"] if l["sku"] == sku)
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
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
    """Days of the service period outside the contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))

def unapplied_payment(lgn, num, when):
    """Unapplied payments of the customer on the quoted date, capped at the open balance."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def misapplied_payment(lgn, num, when):
    """A payment applied to another invoice whose reference names this one (cash application error)."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and p.get("invoiceNumber") not in (None, num)
          and num in p.get("reference", "") and p["date"] == when and p["currency"] == i["currency"]]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when):
    """No payment of the customer on this invoice, none unapplied, none naming it, none on the quoted date, none of the amount due."""
    lg = ledgers[lgn]; i = I(lgn, num)
    mine = [p for p in lg["payments"] if p["customerId"] == i["customerId"]]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or num in p.get("reference", "")
                   or D(p["amount"]) in (open_bal(lgn, num), inv_total(lgn, num)) for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], Q(x["quantity"]), D(x["unitPrice"])) == (y["sku"], Q(y["quantity"]), D(y["unitPrice"]))
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and a["issueDate"] > b["issueDate"]

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not (c and c.get("poRequired")): return False
    if not i.get("poNumber"): return True
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def fee_on_po(lgn, num, t):
    """The customer's own PO has a line with the fee's description at the fee's amount."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if l.get("description", "").lower() == f.get("description", "").lower() and r(D(l["unitPrice"]) * Q(l["quantity"]), i["currency"]) == D(f["amount"]): return True
    return False
def fee_in_contract_notes(lgn, num, t, words):
    """The contract's notes name the fee (by the given words), and the fee's description uses them too."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    return bool(c and words.lower() in c.get("notes", "").lower() and words.lower() in f.get("description", "").lower())

Z = D("0")
T_CY, T_ME, T_XK = TODAY[CY], TODAY[ME], TODAY[XK]
R = {
 # Cyprus (EUR; USD at 0.8620 / 0.8570)
 "b82-cy-makronissos-wine-cases-smashed": (lambda: units_credit(CY, "TP-L-000470", 1, delivered(CY, "TP-L-000470", "GLS-WINE-35", "damagedQuantity")), lambda: units_credit(CY, "TP-L-000470", 1, 72 // 24)),
 "b82-cy-makronissos-towels-second-van": (lambda: short(CY, "TP-L-000442", 1, delivered(CY, "TP-L-000442", "LIN-TWL-BATH")), lambda: short(CY, "TP-L-000442", 1, 200 + 75)),
 "b82-cy-makronissos-late-charge-grace": (lambda: fee_not_owed(CY, "TP-L-000437", T_CY), lambda: fee(CY, "TP-L-000437", "late_fee")),
 "b82-cy-coralbay-po-bounced": (lambda: Z if po_defect(CY, "TP-L-000457") else None, lambda: inv_total(CY, "TP-L-000457")),
 "b82-cy-coralbay-shampoo-last-season": (lambda: price_diff(CY, "TP-L-000473", 1), lambda: price_diff(CY, "TP-L-000473", 1, "54.00")),
 "b82-cy-coralbay-napkins-second-drop": (lambda: inv_total(CY, "TP-L-000466") if same_basis_duplicate(CY, "TP-L-000466", "TP-L-000462") else Z, lambda: inv_total(CY, "TP-L-000466")),
 "b82-cy-coralbay-cans-refused": (lambda: short(CY, "TP-L-000483", 1, delivered(CY, "TP-L-000483", "CHM-DISH-20")), lambda: short(CY, "TP-L-000483", 1, 36)),
 "b82-cy-anemos-plates-never-arrived": (lambda: short(CY, "TP-L-000460", 1, delivered(CY, "TP-L-000460", "PLT-DIN-27")) + short(CY, "TP-L-000460", 2, delivered(CY, "TP-L-000460", "PLT-SIDE-19")), lambda: inv_total(CY, "TP-L-000460")),
 "b82-cy-anemos-pallet-thirty": (lambda: Z if fee_in_contract_notes(CY, "TP-L-000481", "other", "pallet deposit") else fee(CY, "TP-L-000481", "other"), lambda: fee(CY, "TP-L-000481", "other")),
 "b82-cy-anemos-paid-by-transfer": (lambda: unapplied_payment(CY, "TP-L-000455", "2026-11-03"), lambda: open_bal(CY, "TP-L-000455")),
 "b82-cy-lindos-fpa-reverse-charge": (lambda: inv_tax(CY, "TP-L-000449") if tax_exempt(CY, "TP-L-000449") else Z, lambda: inv_tax(CY, "TP-L-000449")),
 "b82-cy-lindos-one-pallet-short": (lambda: short(CY, "TP-L-000474", 1, delivered(CY, "TP-L-000474", "AMN-SOAP-20")), lambda: units_credit(CY, "TP-L-000474", 1, 1 * 40)),
 "b82-cy-lindos-plates-recount": (lambda: units_credit(CY, "TP-L-000468", 1, delivered(CY, "TP-L-000468", "PLT-DIN-27", "damagedQuantity")), lambda: units_credit(CY, "TP-L-000468", 1, 30 // 6)),
 "b82-cy-cedar-tumblers-backorder": (lambda: short(CY, "TP-L-000477", 1, delivered(CY, "TP-L-000477", "GLS-TUM-30")), lambda: units_credit(CY, "TP-L-000477", 1, 24)),
 "b82-cy-cedar-napkins-wet": (lambda: units_credit(CY, "TP-L-000464", 1, delivered(CY, "TP-L-000464", "NAP-2PLY", "damagedQuantity")), lambda: units_credit(CY, "TP-L-000464", 1, 10)),
 "b82-cy-cedar-container-not-arrived": (None, lambda: inv_total(CY, "TP-L-000484")),
 # Montenegro (EUR; RSD at 0.008520 / 0.008490)
 "b82-me-mogren-nineteen-pallets": (lambda: short(ME, "FR-26-BR-0351", 1, delivered(ME, "FR-26-BR-0351", "CEM-42-25")), lambda: units_credit(ME, "FR-26-BR-0351", 1, 56)),
 "b82-me-mogren-po-cancelled": (lambda: Z if po_defect(ME, "FR-26-BR-0337") else None, lambda: inv_total(ME, "FR-26-BR-0337")),
 "b82-me-boka-boards-broken": (lambda: units_credit(ME, "FR-26-BR-0358", 1, delivered(ME, "FR-26-BR-0358", "GKB-125", "damagedQuantity")), lambda: units_credit(ME, "FR-26-BR-0358", 1, 14)),
 "b82-me-boka-interest-two-months": (lambda: fee_not_owed(ME, "FR-26-BR-0311", T_ME), lambda: fee(ME, "FR-26-BR-0311", "late_fee")),
 "b82-me-boka-three-boxes": (lambda: short(ME, "FR-26-BR-0346", 1, delivered(ME, "FR-26-BR-0346", "TIL-PORC-6060")), lambda: (lambda n: n + r(n * D("0.21"), "EUR"))(r(D("3") * D("1.44") * D("18.90"), "EUR"))),
 "b82-me-onogost-adhesive-wrong-invoice": (lambda: price_diff(ME, "FR-26-PG-0241", 1), lambda: price_diff(ME, "FR-26-PG-0241", 1, "9.50")),
 "b82-me-onogost-ytong-sent-back": (lambda: short(ME, "FR-26-PG-0246", 1, delivered(ME, "FR-26-PG-0246", "YTG-20")), lambda: units_credit(ME, "FR-26-PG-0246", 1, 2 * 72)),
 "b82-me-onogost-crane-three-trips": (lambda: short(ME, "FR-26-PG-0249", 1, logged(ME, "FR-26-PG-0249", "DLV-KRAN")), lambda: short(ME, "FR-26-PG-0249", 1, 3)),
 "b82-me-raska-rebar-third-truck": (lambda: short(ME, "FR-26-PG-0247", 1, delivered(ME, "FR-26-PG-0247", "REB-B500-12")), lambda: units_credit(ME, "FR-26-PG-0247", 1, 8)),
 "b82-me-raska-bags-torn": (lambda: units_credit(ME, "FR-26-PG-0233", 1, delivered(ME, "FR-26-PG-0233", "CEM-42-25", "damagedQuantity")), lambda: units_credit(ME, "FR-26-PG-0233", 1, 40)),
 "b82-me-raska-paid-ref": (lambda: misapplied_payment(ME, "FR-26-PG-0243", "2026-10-15"), lambda: open_bal(ME, "FR-26-PG-0243")),
 "b82-me-velika-plaza-tile-price-po": (lambda: price_diff(ME, "FR-26-BR-0342", 1), lambda: price_diff(ME, "FR-26-BR-0342", 1, "18.90")),
 "b82-me-velika-plaza-pallet-deposit": (lambda: Z if fee_on_po(ME, "FR-26-BR-0354", "other") else fee(ME, "FR-26-BR-0354", "other"), lambda: fee(ME, "FR-26-BR-0354", "other")),
 "b82-me-onogost-boards-second-drop": (lambda: short(ME, "FR-26-PG-0164", 1, delivered(ME, "FR-26-PG-0164", "GKB-125")), lambda: short(ME, "FR-26-PG-0164", 1, 250)),
 "b82-me-velika-plaza-boards-short": (None, lambda: short(ME, "FR-26-BR-0360", 1, 160)),
 # Kosovo (EUR; TRY at 0.0192 / 0.0186; no MKD rate)
 "b82-xk-bogazici-november-storage": (lambda: outside_contract(XK, "FSH-PZ-26.0172"), lambda: inv_total(XK, "FSH-PZ-26.0172")),
 "b82-xk-bogazici-picking-3000": (lambda: short(XK, "FSH-PZ-26.0158", 1, logged(XK, "FSH-PZ-26.0158", "PICK-CTN")), lambda: short(XK, "FSH-PZ-26.0158", 1, 3000)),
 "b82-xk-bogazici-containers-durres": (lambda: short(XK, "FSH-PZ-26.0149", 1, logged(XK, "FSH-PZ-26.0149", "INB-CONT40")), lambda: units_credit(XK, "FSH-PZ-26.0149", 1, 2)),
 "b82-xk-viva-juice-two-drops": (lambda: short(XK, "FAT-PZ-26.0658", 1, delivered(XK, "FAT-PZ-26.0658", "JUICE-1L-12")), lambda: short(XK, "FAT-PZ-26.0658", 1, 180 + 48)),
 "b82-xk-viva-water-crushed": (lambda: units_credit(XK, "FAT-PZ-26.0672", 1, delivered(XK, "FAT-PZ-26.0672", "WATER-05-24", "damagedQuantity")), lambda: units_credit(XK, "FAT-PZ-26.0672", 1, 18)),
 "b82-xk-viva-invoice-no-po": (lambda: Z if po_defect(XK, "FAT-PZ-26.0641") else None, lambda: inv_total(XK, "FAT-PZ-26.0641")),
 "b82-xk-viva-rma-oil": (lambda: units_credit(XK, "FAT-PZ-26.0681", 1, delivered(XK, "FAT-PZ-26.0681", "OIL-SUN-5L", "damagedQuantity")), lambda: units_credit(XK, "FAT-PZ-26.0681", 1, 6 * 4)),
 "b82-xk-ibar-biscuits-never-came": (lambda: short(XK, "FAT-PZ-26.0676", 1, delivered(XK, "FAT-PZ-26.0676", "BISC-PTB")), lambda: inv_total(XK, "FAT-PZ-26.0676")),
 "b82-xk-ibar-akcija-price": (lambda: price_diff(XK, "FAT-PZ-26.0663", 1), lambda: price_diff(XK, "FAT-PZ-26.0663", 1, "9.90")),
 "b82-xk-ibar-kamata": (lambda: fee_not_owed(XK, "FAT-PZ-26.0612", T_XK), lambda: fee(XK, "FAT-PZ-26.0612", "late_fee")),
 "b82-xk-tetova-ten-cartons": (lambda: short(XK, "FAT-PZ-26.0652", 1, delivered(XK, "FAT-PZ-26.0652", "JUICE-1L-12")), lambda: units_credit(XK, "FAT-PZ-26.0652", 1, 10)),
 "b82-xk-carshia-same-delivery-twice": (lambda: inv_total(XK, "FAT-PZ-26.0670") if same_basis_duplicate(XK, "FAT-PZ-26.0670", "FAT-PZ-26.0667") else Z, lambda: inv_total(XK, "FAT-PZ-26.0670")),
 "b82-xk-carshia-cash-to-driver": (None, lambda: open_bal(XK, "FAT-PZ-26.0678")),
 "b82-xk-bogazici-drivers-late": (lambda: short(XK, "FSH-PZ-26.0158", 2, logged(XK, "FSH-PZ-26.0158", "DLV-RUN")), lambda: units_credit(XK, "FSH-PZ-26.0158", 2, 22)),
 "b82-xk-bogazici-crew-13-14": (None, lambda: units_credit(XK, "FSH-PZ-26.0158", 3, 2)),
}
NEEDS_INFO = {
 "b82-cy-cedar-container-not-arrived": lambda: not has_delivery(CY, "TP-L-000484", "GLS-WINE-35"),
 "b82-me-velika-plaza-boards-short": lambda: not has_delivery(ME, "FR-26-BR-0360", "GKB-125") and not any(d.get("poNumber") == "VP-26/21" for d in ledgers[ME]["deliveries"]),
 "b82-xk-carshia-cash-to-driver": lambda: nothing_could_be_theirs(XK, "FAT-PZ-26.0678", "2026-11-26"),
 "b82-xk-bogazici-crew-13-14": lambda: unserved_dates(XK, "FSH-PZ-26.0158", "LBL-CREW", ["2026-10-13", "2026-10-14"]) is None,
}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

INVOICE_RE = re.compile(r"TP-L-\d{6}|FR-26-(?:PG|BR)-\d{4}|(?:FAT|FSH)-PZ-26\.\d{4}")
cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
if len({c["id"] for c in cases}) != len(cases): fail("duplicate case ids")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b82-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']} is not the ledger's {TODAY[lgn]}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.,]+", m) and D(m.replace(",", "")) >= 1000: fail(f"{cid}: emailMentions amount {m} >= 1000")
        if not re.fullmatch(r"[\d.,]+", m) and m not in " ".join(c["turns"]): fail(f"{cid}: emailMentions {m} does not appear in the turns")
    first = INVOICE_RE.findall(c["turns"][0])
    if "invoice" in e.get("neverAsks", []) and not first: fail(f"{cid}: neverAsks invoice but turn 1 names no invoice")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    named = [n for t in c["turns"] for n in INVOICE_RE.findall(t)]
    if e.get("noResolution"):
        if any(n in nums for n in named) or not named: fail(f"{cid}: noResolution but it names an existing invoice (or none) {named}")
        continue
    if "invoiceNumber" not in e:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a case without an invoice checks only side effects")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if num not in named and not any(num.endswith(n) for t in c["turns"] for n in re.findall(r"\d{4}", t)): fail(f"{cid}: {num} never named")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if "disputedAmount" not in e: fail(f"{cid}: no disputedAmount")
    elif D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed {disputed} out of range")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: has a needs_info test but expects {cl}")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e.get("supportedAmount", "-1")) != supported: fail(f"{cid}: supportedAmount {e.get('supportedAmount')} != recomputed {supported}")
    if cl and cl != "needs_info" and supported is not None:
        defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"already_paid": "apply_payment"}.get(e["reasonCode"], "cancel_and_rebill" if defect or e["reasonCode"] == "tax_error" else "credit_memo")
            if act != want: fail(f"{cid}: valid with {act}, expected {want}")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    credit = to_company(lgn, num, supported) if supported is not None and e.get("action") in ("credit_memo",) else None
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"]
           or (credit is not None and credit > D(pol["approvalLimits"]["lead"])))
    if esc != e.get("escalation"): fail(f"{cid}: escalation {e.get('escalation')} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
        fail(f"{cid}: legal escalation expected")

# ---- routing table and tallies quoted in the README
from collections import Counter
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
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "n/a")) for c in cases).items())))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
