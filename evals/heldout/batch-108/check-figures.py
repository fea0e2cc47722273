#!/usr/bin/env python3
"""Batch-108 author's cross-check (adapted from batch 102's): recomputes every expected figure from the ledger
files with decimal arithmetic (never floats), independently of the product, and checks the ledgers' totals,
statuses, references, terms and numbering, and the classification / action / write-off / escalation rules of
DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on or before the invoice date,
half-up once). Cases without a resolution are checked for what makes them so (the invoice is absent, belongs to
another customer, or nothing is claimed). Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-108/check-figures.py"""
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

GD, KD, PR = "godavari-draksha-nashik-inr.ledger.json", "kanaka-durga-mirchi-guntur-inr.ledger.json", "parakrama-rice-polonnaruwa-lkr.ledger.json"
T_GD, T_KD, T_PR = "2026-11-24", "2026-12-10", "2026-11-19"
if set(ledgers) != {GD, KD, PR}: fail(f"ledgers found: {sorted(ledgers)}")
# the one invoice billed after its contract ended, on purpose (b108-gd-malwa-amc-khatam)
OUTSIDE_ON_PURPOSE = {"GDPS-26/27-J0056"}

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
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        for f in i.get("fees", []):
            if not decimals_ok(f["amount"], cur): fail(f"{name} {i['number']}: fee digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if not c: fail(f"{name} {i['number']}: no contract")
        else:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            inside = c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")
            if inside == (i["number"] in OUTSIDE_ON_PURPOSE): fail(f"{name} {i['number']}: billed period vs its contract")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if cp is None: fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on its date")
        if cur != cur0 and any(l.get("taxRate") for l in i["lines"]): fail(f"{name} {i['number']}: an export carries tax")
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
            if d.get("poNumber") and inv.get("poNumber") and d["poNumber"] != inv["poNumber"] and pos.get(inv["poNumber"], {}).get("status") != "cancelled":
                fail(f"{name} delivery {d['id']}: PO differs from its invoice")
            if d.get("poNumber") and (d["poNumber"] not in pos or pos[d["poNumber"]]["customerId"] != inv["customerId"]):
                fail(f"{name} delivery {d['id']}: PO unknown or of another customer")
            if d["deliveredDate"] < "2026-01-01": fail(f"{name} delivery {d['id']}: date")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber"):
            inv = invoice(lg, s["invoiceNumber"])
            if s["customerId"] != inv["customerId"]: fail(f"{name} log {s['id']}: customer")
            if not (inv.get("servicePeriodStart", "") <= s["periodStart"] and s["periodEnd"] <= inv.get("servicePeriodEnd", "")):
                fail(f"{name} log {s['id']}: outside its invoice's service period")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber") in nums: fail(f"{name} past dispute {d['id']}: names an invoice of the ledger")

# ---- numbering
# Godavari Draksha: GDPS-26/27-S0131 (goods) and GDPS-26/27-J0052 (job / services), Indian FY 2026-27, one sequence per series.
# Kanaka Durga: TS-1331 (tax invoice) and BS-1332 (bill of supply: exempt whole chilli and exports), ONE shared sequence.
# Parakrama: R1181/26 (rice) and M0405/26 (milling and services), one sequence per series, year after the slash.
def series(lgn, pattern, shared=False):
    groups = {}
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{lgn}: {i['number']} does not follow {pattern}"); continue
        groups.setdefault("all" if shared else m.group(1), []).append((int(m.group(2)), i["issueDate"]))
    for k, v in groups.items():
        v.sort()
        if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"{lgn} series {k}: sequence out of date order")
        if shared and [n for n, _ in v] != list(range(v[0][0], v[0][0] + len(v))): fail(f"{lgn}: shared sequence has gaps")
SEQ = {GD: r"GDPS-26/27-(S|J)(\d{4})", KD: r"(TS|BS)-(\d{4})", PR: r"(R|M)(\d{4})/26"}
series(GD, SEQ[GD]); series(KD, SEQ[KD], shared=True); series(PR, SEQ[PR])
SERVICE_SKUS = {"CS-BAG-MONTH", "DESTEM-KG", "GRIND-KG"}
for lgn in ledgers:
    for i in ledgers[lgn]["invoices"]:
        if lgn == GD: svc = "-J" in i["number"]
        elif lgn == PR: svc = i["number"].startswith("M")
        else: svc = any(l["sku"] in SERVICE_SKUS for l in i["lines"])
        if svc != ("servicePeriodStart" in i): fail(f"{lgn} {i['number']}: series and service period disagree")
        if lgn == KD and i["number"].startswith("TS") != any(l.get("taxRate") for l in i["lines"]): fail(f"{lgn} {i['number']}: TS/BS and tax disagree")
def seq_of(lgn, num):
    m = re.fullmatch(SEQ[lgn], num)
    return m.group(2).lstrip("0") if m else re.search(r"(\d{4})", num).group(1).lstrip("0")

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
S = "GDPS-26/27-"
def dates_credit(lgn, num, n, sku, dates):
    """Units not rendered on the named dates (per-day logs); None when a period entry cannot say."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
R = {
 # Godavari Draksha Protection Systems, Nashik (INR; NPR at 0.6250 from 2026-01-01)
 "b108-gd-kadam-vyaj-teen-mahine": (lambda: fee_not_owed(GD, S+"S0131", T_GD), lambda: fee(GD, S+"S0131", "late_fee")),
 "b108-gd-sahyadri-net-rate": (lambda: price_diff(GD, S+"S0132", 1), lambda: price_diff(GD, S+"S0132", 1)),
 "b108-gd-sahyadri-po-nahi": (lambda: Z if po_defect(GD, S+"S0134") else None, lambda: inv_total(GD, S+"S0134")),
 "b108-gd-patel-pole-vanka": (lambda: units_credit(GD, S+"S0135", 2, delivered(GD, S+"S0135", "POST-MS-2IN-8FT", "damagedQuantity")), lambda: units_credit(GD, S+"S0135", 2, 14)),
 "b108-gd-alnoor-tempo-bhada": (lambda: Z if fee_supported(GD, S+"S0136", "freight") else fee(GD, S+"S0136", "freight"), lambda: fee(GD, S+"S0136", "freight")),
 "b108-gd-janakpur-rol-kam": (lambda: short(GD, S+"S0137", 1, delivered(GD, S+"S0137", "BIRDNET-4X100")), lambda: short(GD, S+"S0137", 1, 72)),
 "b108-gd-kadam-ekar-kami": (lambda: short(GD, S+"J0052", 1, logged(GD, S+"J0052", "TRELLIS-ACRE")), lambda: short(GD, S+"J0052", 1, 5)),
 "b108-gd-sahyadri-amc-bhet": (lambda: short(GD, S+"J0053", 1, logged(GD, S+"J0053", "MAINT-VISIT")), lambda: short(GD, S+"J0053", 1, 6)),
 "b108-gd-malwa-amc-khatam": (lambda: outside_contract(GD, S+"J0056"), lambda: inv_total(GD, S+"J0056")),
 "b108-gd-alnoor-rtgs-jama": (lambda: unapplied(GD, S+"S0139", "2026-10-29"), lambda: open_bal(GD, S+"S0139")),
 "b108-gd-patel-be-vaar-bill": (lambda: inv_total(GD, S+"S0141") if same_basis_duplicate(GD, S+"S0141", S+"S0140") else Z, lambda: inv_total(GD, S+"S0141")),
 "b108-gd-alnoor-mistri-aaya-tha": (lambda: dates_credit(GD, S+"J0055", 1, "PRUNER-REPAIR", ["2026-10-12", "2026-10-19"]), lambda: units_credit(GD, S+"J0055", 1, 2)),
 "b108-gd-kadam-amc-tarkha": (None, lambda: units_credit(GD, S+"J0054", 1, 2)),
 "b108-gd-sahyadri-khat-pishvya": (None, lambda: units_credit(GD, S+"S0142", 2, 8)),
 "b108-gd-alnoor-gst-atharah": (lambda: usual_rate_excess(GD, S+"S0138", 1), lambda: r(net(line(I(GD, S+"S0138"), 1), "INR") * (D("0.18") - D("0.05")), "INR")),
 # Sri Kanaka Durga Chillies, Guntur (INR; USD 88.4500 from 2026-07-01, 89.1200 from 2026-10-01)
 "b108-kd-meenakshi-vatti": (lambda: fee_not_owed(KD, "BS-1335", T_KD), lambda: fee(KD, "BS-1335", "late_fee")),
 "b108-kd-zaiqa-dusra-order": (lambda: inv_total(KD, "TS-1339") if same_basis_duplicate(KD, "TS-1339", "TS-1331") else Z, lambda: inv_total(KD, "TS-1339")),
 "b108-kd-venkateswara-gst-paata-rate": (lambda: usual_rate_excess(KD, "TS-1333", 1), lambda: r(net(line(I(KD, "TS-1333"), 1), "INR") * (D("0.18") - D("0.12")), "INR")),
 "b108-kd-coastal-sez-lut": (lambda: inv_tax(KD, "TS-1334") if tax_exempt(KD, "TS-1334") else Z, lambda: inv_tax(KD, "TS-1334")),
 "b108-kd-meenakshi-teja-vilai": (lambda: price_diff(KD, "BS-1336", 1), lambda: price_diff(KD, "BS-1336", 1)),
 "b108-kd-annapurna-tadisina-bastalu": (lambda: units_credit(KD, "TS-1337", 1, delivered(KD, "TS-1337", "CHILLI-PWD", "damagedQuantity")), lambda: units_credit(KD, "TS-1337", 1, 100)),
 "b108-kd-venkateswara-tokka-kilo": (lambda: short(KD, "TS-1338", 1, logged(KD, "TS-1338", "DESTEM-KG")), lambda: short(KD, "TS-1338", 1, 15600)),
 "b108-kd-alameen-vilai-dollar": (lambda: price_diff(KD, "BS-1340", 1), lambda: price_diff(KD, "BS-1340", 1, "2.45")),
 "b108-kd-zaiqa-hamali": (lambda: Z if fee_supported(KD, "TS-1341", "service_fee") else fee(KD, "TS-1341", "service_fee"), lambda: fee(KD, "TS-1341", "service_fee")),
 "b108-kd-meenakshi-gpay-katti": (lambda: unapplied(KD, "BS-1342", "2026-11-02"), lambda: open_bal(KD, "BS-1342")),
 "b108-kd-venkateswara-rangu-poyindi": (lambda: short(KD, "TS-1343", 1, logged(KD, "TS-1343", "CS-BAG-MONTH")), lambda: inv_total(KD, "TS-1343")),
 "b108-kd-annapurna-lorry-kiraya": (lambda: Z if fee_supported(KD, "TS-1344", "freight") else fee(KD, "TS-1344", "freight"), lambda: fee(KD, "TS-1344", "freight")),
 "b108-kd-alameen-weighbridge": (None, lambda: short(KD, "BS-1345", 1, 11760)),
 "b108-kd-meenakshi-edai-kuraivu": (lambda: short(KD, "BS-1347", 1, delivered(KD, "BS-1347", "SANNAM-334")), lambda: short(KD, "BS-1347", 1, 330)),
 "b108-kd-annapurna-patha-rate": (lambda: price_diff(KD, "TS-1344", 1), lambda: price_diff(KD, "TS-1344", 1, "240.00")),
 # Parakrama Rice Mills, Polonnaruwa (LKR; USD 298.7500 from 2026-07-01, 301.4000 from 2026-10-01)
 "b108-pr-sanath-poli": (lambda: fee_not_owed(PR, "R1181/26", T_PR), lambda: fee(PR, "R1181/26", "late_fee")),
 "b108-pr-freshmart-bags-adu": (lambda: short(PR, "R1182/26", 1, delivered(PR, "R1182/26", "KEERI-25")), lambda: short(PR, "R1182/26", 1, 388)),
 "b108-pr-trinco-arisi-vat": (lambda: usual_rate_excess(PR, "R1183/26", 1), lambda: (lambda l_: tax(l_, net(l_, "LKR"), "LKR"))(line(I(PR, "R1183/26"), 1))),
 "b108-pr-kudarah-damaged": (lambda: units_credit(PR, "R1184/26", 1, delivered(PR, "R1184/26", "KEERI-25", "damagedQuantity")), lambda: units_credit(PR, "R1184/26", 1, 25)),
 "b108-pr-freshmart-po-cancel": (lambda: Z if po_defect(PR, "R1185/26") else None, lambda: inv_total(PR, "R1185/26")),
 "b108-pr-kudarah-tt-paid": (lambda: unapplied(PR, "R1187/26", "2026-11-10"), lambda: open_bal(PR, "R1187/26")),
 "b108-pr-minneriya-gabada": (lambda: short(PR, "M0406/26", 1, logged(PR, "M0406/26", "STORE-BAG-MONTH")), lambda: units_credit(PR, "M0406/26", 1, 600)),
 "b108-pr-minneriya-kadunu-haal": (lambda: short(PR, "M0408/26", 1, logged(PR, "M0408/26", "MILL-KG")), lambda: inv_total(PR, "M0408/26")),
 "b108-pr-sanath-lorry-awe-na": (lambda: dates_credit(PR, "M0407/26", 1, "LORRY-TRIP", ["2026-10-14", "2026-10-21"]), lambda: units_credit(PR, "M0407/26", 1, 2)),
 "b108-pr-trinco-iru-murai": (lambda: inv_total(PR, "R1188/26") if same_basis_duplicate(PR, "R1188/26", "R1186/26") else Z, lambda: inv_total(PR, "R1188/26")),
 "b108-pr-kudarah-contract-expired": (lambda: Z if not wrong_terms(PR, "R1190/26") and outside_contract(PR, "R1190/26") == 0 else None, lambda: inv_total(PR, "R1190/26")),
 "b108-pr-sanath-rathu-kekulu-mila": (lambda: price_diff(PR, "R1189/26", 1), lambda: price_diff(PR, "R1189/26", 1, "2350.00")),
 "b108-pr-freshmart-samba-grn": (None, lambda: units_credit(PR, "R1192/26", 2, 15)),
}
NEEDS_INFO = {
 "b108-gd-kadam-amc-tarkha": lambda: unserved_dates(GD, S+"J0054", "MAINT-VISIT", ["2026-10-08", "2026-10-22"]) is None,
 "b108-gd-sahyadri-khat-pishvya": lambda: not has_delivery(GD, S+"S0142", "WSF-191919"),
 "b108-kd-alameen-weighbridge": lambda: not any(d.get("invoiceNumber") == "BS-1345" for d in ledgers[KD]["deliveries"]),
 "b108-pr-freshmart-samba-grn": lambda: not has_delivery(PR, "R1192/26", "SAMBA-25"),
}
# Claims the evidence refutes for a reason the recipe cannot show by itself
NO_DEFECT = {
 "b108-pr-kudarah-contract-expired": lambda: not wrong_terms(PR, "R1190/26") and contract_of(ledgers[PR], I(PR, "R1190/26"))["startDate"] == "2026-10-01",
 "b108-kd-zaiqa-dusra-order": lambda: I(KD, "TS-1339")["poNumber"] != I(KD, "TS-1331")["poNumber"],
 "b108-gd-malwa-amc-khatam": lambda: False,   # placeholder replaced below (a real defect)
}
del NO_DEFECT["b108-gd-malwa-amc-khatam"]
# Cases without a resolution: what makes them so
NO_RES = {
 "b108-gd-malwa-audit-copy": ("no_claim", GD, S+"S0133", "GD-05"),
 "b108-gd-janakpur-bill-chhaina": ("unknown", GD, S+"S0162", "GD-06"),
 "b108-kd-annapurna-vere-bill": ("other_customer", KD, "BS-1336", "KD-05"),
 "b108-kd-zaiqa-due-date-puchha": ("no_claim", KD, "TS-1346", "KD-01"),
 "b108-pr-sanath-statement": ("no_claim", PR, "R1191/26", "PR-02"),
 "b108-pr-trinco-theriyatha-bill": ("unknown", PR, "R1197/26", "PR-03"),
}
WITHDRAWN = {"b108-pr-minneriya-waradi-bila": (PR, "M0405/26")}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
if set(R) | set(NO_RES) | set(WITHDRAWN) != {c["id"] for c in cases}: fail("recipes and cases differ: " + str(sorted((set(R) | set(NO_RES) | set(WITHDRAWN)) ^ {c["id"] for c in cases})))
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b108-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != {GD: T_GD, KD: T_KD, PR: T_PR}[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first, alltext = c["turns"][0], " ".join(c["turns"])
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.,]+", m):
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")): fail(f"{cid}: email amount {m} is no figure of the case")
        elif m != e.get("invoiceNumber"): fail(f"{cid}: email mention {m} is not the invoice's number")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or seq_of(lgn, e["invoiceNumber"]) not in first):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if e.get("invoiceNumber") and seq_of(lgn, e["invoiceNumber"]) not in alltext and cid != "b108-pr-freshmart-bags-adu":
        fail(f"{cid}: no turn names the invoice (only the PO case may)")
    if cid in NO_RES:
        kind, wl, num, said = NO_RES[cid]
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if seq_of(wl, num) not in first: fail(f"{cid}: first turn does not name {num}")
        if kind == "unknown" and num in nums: fail(f"{cid}: {num} exists")
        if kind == "unknown" and any(re.search(r"(\d{4})", n).group(1) in alltext for n in nums): fail(f"{cid}: an existing invoice number is named too")
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
            if e["reasonCode"] == "tax_error" and supported == inv_tax(lgn, num) and all(l.get("taxRate") for l in inv_["lines"]) and tax_exempt(lgn, num): want = "cancel_and_rebill"
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
    if pastdue > 80: print(f"  note: {cid} is {pastdue} days past due")

# ---- stakeholders, tallies quoted in the README
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and e.get("stakeholders") != [TEAM[e["reasonCode"]]]:
        fail(f"{c['id']}: stakeholders should be the routing table's first team, {TEAM[e['reasonCode']]}")
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
