#!/usr/bin/env python3
"""Batch-120 author's cross-check (adapted from batch 102's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once). Cases without a resolution are checked for
what makes them so (the invoice is absent, belongs to another customer, or nothing is claimed).
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-120/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # INR, KES, NGN, GHS, USD: 2
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

MC, SM, EZ = "machhu-ceramic-morbi-inr.ledger.json", "sosiani-millers-eldoret-kes.ledger.json", "ezeudo-motor-spares-nnewi-ngn.ledger.json"
T_MC, T_SM, T_EZ = "2026-11-18", "2026-11-11", "2026-11-25"
TODAY = {MC: T_MC, SM: T_SM, EZ: T_EZ}
if set(ledgers) != {MC, SM, EZ}: fail(f"ledgers found: {sorted(ledgers)}")
# the one invoice billed outside its contract on purpose (b120-mc-pushkar-contract-khatam)
OUTSIDE_OK = {"TI-0414/26-27"}

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
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
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
            if i["number"] not in OUTSIDE_OK and not (c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")):
                fail(f"{name} {i['number']}: billed period outside its contract")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if cp is None: fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on its date")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} unknown")
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
            # a delivery may name the PO the invoice should carry (missing on the invoice, or replacing a cancelled one)
            if d.get("poNumber") and inv.get("poNumber") and d["poNumber"] != inv["poNumber"] and pos.get(inv["poNumber"], {}).get("status") != "cancelled":
                fail(f"{name} delivery {d['id']}: PO differs from its invoice")
            if d.get("poNumber") and (d["poNumber"] not in pos or pos[d["poNumber"]]["customerId"] != inv["customerId"]):
                fail(f"{name} delivery {d['id']}: PO unknown or of another customer")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber"):
            inv = invoice(lg, s["invoiceNumber"])
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


# the credit notes: 10 plank boxes with GST on TI-0378 (LR 55931); 5 torn bales on SML-E-05102 (DN 89102)
if D(ledgers[MC]["creditMemos"][0]["amount"]) != (lambda i: gross(line(i, 2), "INR") - gross(line(i, 2), "INR", qty=390))(invoice(ledgers[MC], "TI-0378/26-27")):
    fail("CN-0007/26-27 is not 10 plank boxes with their GST")
if D(ledgers[SM]["creditMemos"][0]["amount"]) != (lambda i: gross(line(i, 1), "KES") - gross(line(i, 1), "KES", qty=395))(invoice(ledgers[SM], "SML-E-05102")):
    fail("SML-CN-0214 is not 5 bales")
# late fees as billed: 1.5 % of TI-0371's principal; 4 % of SML-E-05117's; 2 x 2.5 % of EB-260807-02's
for lgn, num, pct in ((MC, "TI-0371/26-27", "1.5"), (SM, "SML-E-05117", "4"), (EZ, "EB-260807-02", "5")):
    inv = invoice(ledgers[lgn], num); f = sum(D(x["amount"]) for x in inv["fees"] if x["type"] == "late_fee")
    if f != r(principal(inv) * D(pct) / 100, inv["currency"]): fail(f"{num}: late fee {f} is not {pct} % of the principal")

# ---- numbering: TI-NNNN/26-27 (domestic tax invoices) and EX-NNNN/26-27 (exports, Indian financial year 2026-27);
# SML-E-NNNNN (Eldoret goods) and SML-D-NNNNN (drying and storage); EB-YYMMDD-NN (issue date + the day's sequence).
def series_ok(lgn, pattern):
    groups = {}
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{lgn}: {i['number']} does not follow {pattern}"); continue
        groups.setdefault(m.group(1), []).append((int(m.group(2)), i["issueDate"]))
    for k, v in groups.items():
        v.sort()
        if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"{lgn} series {k}: sequence out of date order")
    return groups
series_ok(MC, r"(TI|EX)-(\d{4})/26-27")
series_ok(SM, r"SML-(E|D)-(\d{5})")
for i in ledgers[EZ]["invoices"]:
    m = re.fullmatch(r"EB-(\d{2})(\d{2})(\d{2})-(\d{2})", i["number"])
    if not m or f"20{m.group(1)}-{m.group(2)}-{m.group(3)}" != i["issueDate"]: fail(f"{EZ}: {i['number']} does not carry its issue date {i['issueDate']}")
for i in ledgers[MC]["invoices"]:   # the EX series is the USD one
    if (i["currency"] == "USD") != i["number"].startswith("EX-"): fail(f"{MC} {i['number']}: series and currency disagree")
SERVICE_SKUS = {"SITE-SUP", "DRY-T", "STORE-TM", "FLEET-SVC", "FLEET-VISIT"}
for lgn in ledgers:   # service invoices carry service periods, goods invoices do not
    for i in ledgers[lgn]["invoices"]:
        svc = any(l["sku"] in SERVICE_SKUS for l in i["lines"])
        if svc != ("servicePeriodStart" in i): fail(f"{lgn} {i['number']}: service lines and service period disagree")
        if lgn == SM and svc != i["number"].startswith("SML-D-"): fail(f"{SM} {i['number']}: D series is for services")

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

Z = D("0")
def line_pct(lgn, num, n, pct): return r(line_gross(lgn, num, n) * D(pct) / 100, I(lgn, num)["currency"])
R = {
 # Morbi (INR; USD at 87.9500 from 2026-07-01, 88.6200 from 2026-10-01)
 "b120-mc-kaveri-po-nahi-sap": (lambda: Z if po_defect(MC, "TI-0402/26-27") else None, lambda: inv_total(MC, "TI-0402/26-27")),
 "b120-mc-kaveri-gvt-10-percent": (lambda: price_diff(MC, "TI-0395/26-27", 1), lambda: line_pct(MC, "TI-0395/26-27", 1, 10)),
 "b120-mc-bhaktinagar-sqm-kam-aaya": (lambda: short(MC, "TI-0399/26-27", 1, delivered(MC, "TI-0399/26-27", "PARK-1200")), lambda: units_credit(MC, "TI-0399/26-27", 1, D("28.8") / D("0.96"))),
 "b120-mc-bhaktinagar-interest-12-9": (lambda: fee_not_owed(MC, "TI-0371/26-27", T_MC), lambda: fee(MC, "TI-0371/26-27", "late_fee")),
 "b120-mc-sabarmati-adha-slab-cracked": (lambda: units_credit(MC, "TI-0405/26-27", 1, delivered(MC, "TI-0405/26-27", "PGVT-SLAB", "damagedQuantity")), lambda: units_credit(MC, "TI-0405/26-27", 1, billed_qty(MC, "TI-0405/26-27", 1) / 2)),
 "b120-mc-sabarmati-double-bill-0411": (lambda: inv_total(MC, "TI-0411/26-27") if same_basis_duplicate(MC, "TI-0411/26-27", "TI-0409/26-27") else Z, lambda: inv_total(MC, "TI-0411/26-27")),
 "b120-mc-sabarmati-supervisor-5-6-oct": (None, lambda: units_credit(MC, "TI-0424/26-27", 1, 2)),
 "b120-mc-kasoa-40-boxes-short": (lambda: short(MC, "EX-0029/26-27", 1, delivered(MC, "EX-0029/26-27", "GVT-600")), lambda: short(MC, "EX-0029/26-27", 1, 1280)),
 "b120-mc-kasoa-tt-14th-october": (lambda: unapplied(MC, "EX-0027/26-27", "2026-10-14"), lambda: open_bal(MC, "EX-0027/26-27")),
 "b120-mc-kasoa-slab-proforma-17-90": (lambda: price_diff(MC, "EX-0029/26-27", 2), lambda: price_diff(MC, "EX-0029/26-27", 2, "17.90")),
 "b120-mc-pushkar-contract-khatam": (lambda: outside_contract(MC, "TI-0414/26-27"), lambda: inv_total(MC, "TI-0414/26-27")),
 "b120-mc-pushkar-3-dozen-boxes": (lambda: short(MC, "TI-0400/26-27", 1, delivered(MC, "TI-0400/26-27", "WALL-3045")), lambda: units_credit(MC, "TI-0400/26-27", 1, 3 * 12)),
 "b120-mc-kaveri-gst-12-percent": (lambda: usual_rate_excess(MC, "TI-0420/26-27", 1), lambda: r(net(line(I(MC, "TI-0420/26-27"), 1), "INR") * (D("0.18") - D("0.12")), "INR")),
 # Eldoret (KES; USD at 129.4500 from 2026-07-01, 129.2000 from 2026-10-01)
 "b120-sm-chepkoilel-96-packets": (lambda: short(SM, "SML-E-05158", 1, delivered(SM, "SML-E-05158", "MF2-BALE")), lambda: units_credit(SM, "SML-E-05158", 1, D(96) / 12)),
 "b120-sm-chepkoilel-dairy-meal-june-price": (lambda: price_diff(SM, "SML-E-05140", 1), lambda: price_diff(SM, "SML-E-05140", 1, "3150.00")),
 "b120-sm-kapsabet-no-lpo": (lambda: Z if po_defect(SM, "SML-E-05124") else None, lambda: inv_total(SM, "SML-E-05124")),
 "b120-sm-kapsabet-robo-weevils": (lambda: units_credit(SM, "SML-E-05146", 1, delivered(SM, "SML-E-05146", "MF2-BALE", "damagedQuantity")), lambda: units_credit(SM, "SML-E-05146", 1, billed_qty(SM, "SML-E-05146", 1) / 4)),
 "b120-sm-kitale-bran-tonnes": (lambda: short(SM, "SML-E-05169", 1, delivered(SM, "SML-E-05169", "BRAN-KG")), lambda: short(SM, "SML-E-05169", 1, D("10.5") * 1000)),
 "b120-sm-kitale-interest-4-percent": (lambda: fee_not_owed(SM, "SML-E-05117", T_SM), lambda: fee(SM, "SML-E-05117", "late_fee")),
 "b120-sm-kitale-mpesa-last-tuesday": (lambda: unapplied(SM, "SML-E-05171", plus(T_SM, -8)), lambda: open_bal(SM, "SML-E-05171")),
 "b120-sm-tororo-double-05133": (lambda: inv_total(SM, "SML-E-05133") if same_basis_duplicate(SM, "SML-E-05133", "SML-E-05131") else Z, lambda: inv_total(SM, "SML-E-05133")),
 "b120-sm-tororo-not-double-05152": (lambda: inv_total(SM, "SML-E-05152") if same_basis_duplicate(SM, "SML-E-05152", "SML-E-05131") else Z, lambda: inv_total(SM, "SML-E-05152")),
 "b120-sm-moiben-drying-78400-kg": (lambda: short(SM, "SML-D-00405", 1, logged(SM, "SML-D-00405", "DRY-T")), lambda: short(SM, "SML-D-00405", 1, D(78400) / 1000)),
 "b120-sm-moiben-storage-40-tonnes": (lambda: short(SM, "SML-D-00412", 1, logged(SM, "SML-D-00412", "STORE-TM")), lambda: units_credit(SM, "SML-D-00412", 1, 40 * 2)),
 "b120-sm-chepkoilel-bran-nusu-tonne": (None, lambda: units_credit(SM, "SML-E-05178", 1, 500)),
 "b120-sm-kitale-june-invoice": (lambda: short(SM, "SML-E-05088", 2, delivered(SM, "SML-E-05088", "BRAN-KG")), lambda: short(SM, "SML-E-05088", 2, D("2.5") * 1000)),
 "b120-sm-tororo-transport-180": (lambda: Z if fee_supported(SM, "SML-E-05163", "freight") else fee(SM, "SML-E-05163", "freight"), lambda: fee(SM, "SML-E-05163", "freight")),
 # Nnewi (NGN; GHS at 134.6000 from 2026-07-01, 129.8000 from 2026-10-01)
 "b120-ez-ikenga-plugs-45-dozen": (lambda: short(EZ, "EB-260819-01", 1, delivered(EZ, "EB-260819-01", "SPK-PLUG")), lambda: short(EZ, "EB-260819-01", 1, 45 * 12)),
 "b120-ez-ikenga-fleet-250-bikes": (lambda: short(EZ, "EB-261102-01", 1, logged(EZ, "EB-261102-01", "FLEET-SVC")), lambda: short(EZ, "EB-261102-01", 1, 250)),
 "b120-ez-ikenga-chain-kit-150k": (lambda: price_diff(EZ, "EB-260925-01", 1), lambda: price_diff(EZ, "EB-260925-01", 1, "15800.00")),
 "b120-ez-arewa-cancelled-lpo": (lambda: Z if po_defect(EZ, "EB-260918-02") else None, lambda: inv_total(EZ, "EB-260918-02")),
 "b120-ez-arewa-third-clutch-warped": (lambda: units_credit(EZ, "EB-261002-01", 1, delivered(EZ, "EB-261002-01", "KK-CLUTCH", "damagedQuantity")), lambda: units_credit(EZ, "EB-261002-01", 1, billed_qty(EZ, "EB-261002-01", 1) / 3)),
 "b120-ez-arewa-oil-18-cartons": (lambda: short(EZ, "EB-261002-01", 2, delivered(EZ, "EB-261002-01", "OIL-1L")), lambda: short(EZ, "EB-261002-01", 2, 18 * 12)),
 "b120-ez-aba-interest-few-weeks": (lambda: fee_not_owed(EZ, "EB-260807-02", T_EZ), lambda: fee(EZ, "EB-260807-02", "late_fee")),
 "b120-ez-aba-tyre-22k": (lambda: price_diff(EZ, "EB-261009-02", 1), lambda: price_diff(EZ, "EB-261009-02", 1, "22000.00")),
 "b120-ez-techiman-tyres-2-dozen": (lambda: short(EZ, "EB-260911-01", 1, delivered(EZ, "EB-260911-01", "TYRE-300-18")), lambda: units_credit(EZ, "EB-260911-01", 1, 2 * 12)),
 "b120-ez-techiman-paid-6th-november": (lambda: unapplied(EZ, "EB-261012-01", "2026-11-06"), lambda: open_bal(EZ, "EB-261012-01")),
 "b120-ez-warri-no-mechanic-6-13-oct": (None, lambda: units_credit(EZ, "EB-261103-02", 1, 2)),
 "b120-ez-warri-august-5-visits": (lambda: short(EZ, "EB-260904-03", 1, logged(EZ, "EB-260904-03", "FLEET-VISIT")), lambda: units_credit(EZ, "EB-260904-03", 1, 1)),
 "b120-ez-techiman-brakes-crushed": (None, lambda: line_gross(EZ, "EB-261016-01", 1)),
}
NEEDS_INFO = {
 "b120-mc-sabarmati-supervisor-5-6-oct": lambda: unserved_dates(MC, "TI-0424/26-27", "SITE-SUP", ["2026-10-05", "2026-10-06"]) is None,
 "b120-sm-chepkoilel-bran-nusu-tonne": lambda: not has_delivery(SM, "SML-E-05178", "BRAN-KG"),
 "b120-ez-warri-no-mechanic-6-13-oct": lambda: unserved_dates(EZ, "EB-261103-02", "FLEET-VISIT", ["2026-10-06", "2026-10-13"]) is None,
 "b120-ez-techiman-brakes-crushed": lambda: not has_delivery(EZ, "EB-261016-01", "BX-BRAKE"),
}
# Claims the evidence refutes for a reason the recipe cannot show by itself
NO_DEFECT = {
 "b120-sm-tororo-not-double-05152": lambda: not same_basis_duplicate(SM, "SML-E-05152", "SML-E-05131"),
 "b120-sm-tororo-transport-180": lambda: fee_supported(SM, "SML-E-05163", "freight"),
}
# Cases without a resolution: what makes them so
NO_RES = {
 "b120-mc-bhaktinagar-others-bill": ("other_customer", MC, "TI-0395/26-27", "MC-03"),
 "b120-mc-sabarmati-unknown-0460": ("unknown", MC, "TI-0460/26-27", "MC-01"),
 "b120-mc-bhaktinagar-statement-q2": ("no_claim", MC, "TI-0428/26-27", "MC-03"),
 "b120-sm-tororo-unknown-05199": ("unknown", SM, "SML-E-05199", "SM-04"),
 "b120-sm-chepkoilel-asante-cn": ("no_claim", SM, "SML-E-05102", "SM-01"),
 "b120-ez-aba-names-ikenga-invoice": ("other_customer", EZ, "EB-260925-01", "EZ-03"),
 "b120-ez-ikenga-unknown-261031": ("unknown", EZ, "EB-261031-07", "EZ-01"),
}
WITHDRAWN = {"b120-mc-kaveri-wall-tiles-mil-gaye": (MC, "TI-0402/26-27"), "b120-sm-moiben-ncpb-withdrawn": (SM, "SML-D-00405"), "b120-ez-arewa-shocks-found": (EZ, "EB-261106-01")}
GOODWILL = {}

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def seq_digits(num):
    """What people quote of a number: 0402 of TI-0402/26-27, 05124 of SML-E-05124, 260918 of EB-260918-02."""
    m = re.fullmatch(r"(?:TI|EX)-(\d{4})/26-27|SML-[ED]-(\d{5})|EB-(\d{6})-\d{2}", num)
    return (m.group(1) or m.group(2) or m.group(3)).lstrip("0")

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b120-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.,]+", m):
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")) and D(m) != GOODWILL.get(cid): fail(f"{cid}: email amount {m} is no figure of the case")
        elif m not in " ".join(c["turns"]) and m != e.get("invoiceNumber") and m != (I(lgn, e["invoiceNumber"]).get("poNumber") if e.get("invoiceNumber") in nums else None):
            fail(f"{cid}: email mention {m} is neither said nor the invoice's own number or PO")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or seq_digits(e["invoiceNumber"]) not in first):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if cid in NO_RES:
        kind, wl, num, said = NO_RES[cid]
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if seq_digits(num) not in first: fail(f"{cid}: first turn does not name {num}")
        if kind == "unknown" and num in nums: fail(f"{cid}: {num} exists")
        if kind == "unknown" and any(re.search(r"(?<![\d/-])0*" + seq_digits(n) + r"(?!\d)", " ".join(c["turns"]).replace(num, "")) for n in nums): fail(f"{cid}: an existing invoice number is named too")
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
            if act != "goodwill_credit" and wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if act == "goodwill_credit":
                g = GOODWILL.get(cid)
                if wo or cl != "invalid" or g is None or to_company(lgn, num, g) > D(lg["policy"]["approvalLimits"]["specialist"]) or str(g) not in c["turns"][-1].replace(",", "."):
                    fail(f"{cid}: goodwill only on an invalid claim not written off, asked by the specialist within the limit")
            if act not in ("write_off", "goodwill_credit") and act != "no_adjustment" and cl == "invalid": fail(f"{cid}: invalid with {act}")
            if cl == "partial" and act not in ("credit_memo", "write_off"): fail(f"{cid}: partial with {act}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error" and supported == inv_tax(lgn, num) and all(l.get("taxRate") for l in inv_["lines"]): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
        if e["reasonCode"] == "already_paid" and cl == "valid" and unapplied(lgn, num) != supported: fail(f"{cid}: no unapplied payment to apply")
    # escalation: amount after FX, days past due on an open balance, strategic, repeat disputes, controller approval
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    moved = supported if act == "credit_memo" else (GOODWILL.get(cid) if act == "goodwill_credit" else None)
    controller = moved is not None and to_company(lgn, num, moved) > D(pol["approvalLimits"]["lead"])
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or controller)
    if e["reasonCode"] == "contract_terms" and conv >= D(pol["legalEscalationAmount"]): esc = True
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")

# ---- stakeholders, neverAsks, tallies quoted in the README
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
