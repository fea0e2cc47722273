#!/usr/bin/env python3
"""Batch-109 author's cross-check (adapted from batch 102's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once; XOF has 0 minor digits). Cases without a
resolution are checked for what makes them so (the invoice is absent, belongs to another customer,
or nothing is claimed); withdrawn claims for their shape.
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-109/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"XOF": 0, "XAF": 0, "GNF": 0, "JPY": 0, "KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3}  # NGN, GHS, GBP, MRU: 2
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

NG, GH, SN = "oluyole-medical-gases-ngn.ledger.json", "abrempong-boarding-supplies-ghs.ledger.json", "cayor-teinturerie-xof.ledger.json"
TODAY = {NG: "2026-11-12", GH: "2026-11-19", SN: "2026-11-26"}
if set(ledgers) != {NG, GH, SN}: fail(f"ledgers found: {sorted(ledgers)}")
# the one invoice deliberately billed partly outside its contract (the contract_terms case)
OUTSIDE_OK = {"26-ASH-00315"}

# ---- ledgers: totals, statuses (payments and credit notes), references, terms, minor digits
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"]: c for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 14 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    for k, v in lg["policy"]["approvalLimits"].items():
        if not decimals_ok(v, cur0): fail(f"{name}: approval limit {k} digits")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    kinds = Counter()
    for c in lg["customers"]:
        kinds["strategic"] += bool(c.get("strategic"))
    if not kinds["strategic"]: fail(f"{name}: no strategic customer")
    if not any(c.get("poRequired") for c in lg["contracts"]): fail(f"{name}: no PO-required contract")
    if not any(i["currency"] != cur0 for i in lg["invoices"]): fail(f"{name}: no foreign-currency invoice")
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        for f in i.get("fees", []):
            if not decimals_ok(f["amount"], cur): fail(f"{name} {i['number']}: fee digits")
        if not decimals_ok(i["total"], cur) or D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        if custs[i["customerId"]].get("taxExempt") and i["number"] not in ("MG/IB/0414/26", "26-ASH-00312") and any(l.get("taxRate") for l in i["lines"]):
            fail(f"{name} {i['number']}: exempt customer taxed outside the tax cases")
        c = contract_of(lg, i)
        if not c: fail(f"{name} {i['number']}: no contract"); continue
        if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
        if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
        if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
        inside = c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")
        if inside == (i["number"] in OUTSIDE_OK): fail(f"{name} {i['number']}: billed period vs contract dates not as designed")
        for l in i["lines"]:
            if next((p for p in c["prices"] if p["sku"] == l["sku"]), None) is None: fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
        if c.get("poRequired") and not i.get("poNumber") and i["number"] not in ("MG/KN/0128/26", "26-ASH-00313"):
            fail(f"{name} {i['number']}: PO missing outside the missing-PO cases")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on its date")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} unknown")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        if i["issueDate"] > TODAY[name]: fail(f"{name} {i['number']}: issued after today")
        p, cr, t = paid(lg, i["number"]), credited(lg, i["number"]), D(i["total"])
        want = "paid" if p + cr >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber"):
            inv = invoice(lg, d["invoiceNumber"])
            if not any(l["sku"] == d["sku"] for l in inv["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
            if d["deliveredDate"] > TODAY[name]: fail(f"{name} delivery {d['id']}: after today")
            if d.get("poNumber") and inv.get("poNumber") and d["poNumber"] != inv["poNumber"] and pos.get(inv["poNumber"], {}).get("status") != "cancelled":
                fail(f"{name} delivery {d['id']}: PO differs from its invoice")
            if d.get("poNumber") and (d["poNumber"] not in pos or pos[d["poNumber"]]["customerId"] != inv["customerId"]):
                fail(f"{name} delivery {d['id']}: PO unknown or of another customer")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber"):
            inv = invoice(lg, s["invoiceNumber"])
            if inv["customerId"] != s["customerId"]: fail(f"{name} log {s['id']}: customer differs from its invoice")
            if not (inv.get("servicePeriodStart", "") <= s["periodStart"] and s["periodEnd"] <= inv.get("servicePeriodEnd", "")):
                fail(f"{name} log {s['id']}: outside its invoice's service period")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if any(D(x.get("deducted", "0")) > 0 for x in p.get("remittance", [])): fail(f"{name} payment {p['id']}: a deduction would open a dispute on import")
    for m in lg.get("creditMemos", []):
        if m["invoiceNumber"] not in nums: fail(f"{name} credit memo {m['number']}: unknown invoice")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# the one credit note: 4 stained malhfas on FA-TH-0453/26 (BL-TH-1220 damaged 4)
if D(ledgers[SN]["creditMemos"][0]["amount"]) != D("4") * D(invoice(ledgers[SN], "FA-TH-0453/26")["lines"][0]["unitPrice"]):
    fail("AV-TH-0019/26 is not 4 malhfas")

# ---- numbering: MG/IB/NNNN/26 and MG/KN/NNNN/26 (branch series); 26-ASH-NNNNN; FA-TH-NNNN/26; each series in date order
SERIES = {NG: r"MG/(IB|KN)/(\d{4})/26", GH: r"26-(ASH)-(\d{5})", SN: r"FA-(TH)-(\d{4})/26"}
def seq(num):
    for pat in SERIES.values():
        m = re.fullmatch(pat, num)
        if m: return str(int(m.group(2)))
    return None
for lgn, pat in SERIES.items():
    groups = {}
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pat, i["number"])
        if not m: fail(f"{lgn}: {i['number']} does not follow {pat}"); continue
        groups.setdefault(m.group(1), []).append((int(m.group(2)), i["issueDate"]))
    for k, v in groups.items():
        v.sort()
        if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"{lgn} series {k}: sequence out of date order")
        if [n for n, _ in v] != list(range(v[0][0], v[0][0] + len(v))): fail(f"{lgn} series {k}: gaps in the sequence")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def price_diff(lgn, num, n, price=None):
    """Billed gross minus gross at the agreed (or stated) price; checked against tax on the net difference."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    p = price or contract_price(lgn, num, l["sku"])
    a = max(gross(l, cur) - gross(l, cur, price=p), D("0"))
    dn = r((D(l["unitPrice"]) - D(p)) * D(str(l["quantity"])), cur)
    b = max(dn + tax(l, dn, cur), D("0"))
    if a != b: fail(f"{num} line {n}: price difference {a} vs {b} depending on rounding")
    return a
def units_credit(lgn, num, n, units):
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
    """None without a clause; none when the principal was paid by due + grace; else percentPerMonth of the
    principal unpaid at the end of grace, per started 30-day month from the due date to the settling payment (or today)."""
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

def unapplied(lgn, num):
    """The customer's unapplied payments in the invoice currency whose reference names the invoice, up to the open balance;
    None when the customer has no unapplied payment at all (ask for the remittance)."""
    lg = ledgers[lgn]; i = I(lgn, num)
    mine = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber")]
    if not mine: return None
    ps = [p for p in mine if p["currency"] == i["currency"] and seq(num).zfill(4) in p.get("reference", "")]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled" or po["customerId"] != i["customerId"]

def fee_supported(lgn, num, t):
    """A fee is owed when the customer's PO lists it or the contract's notes name it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    desc = f.get("description", "").lower()
    on_po = any(l.get("description", "").lower() == desc and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    in_notes = bool(c and desc and desc in c.get("notes", "").lower())
    return on_po or in_notes

Z = D("0")
T_NG, T_GH, T_SN = TODAY[NG], TODAY[GH], TODAY[SN]
# case id -> (supported recipe or None for needs_info, disputed recipe)
R = {
 # Nigeria (NGN; XOF 2.5840 / 2.6215 from 2026-07-01 / 2026-10-01)
 "b109-ng-okafor-regulators-spoil": (lambda: units_credit(NG, "MG/IB/0409/26", 2, delivered(NG, "MG/IB/0409/26", "REG-FLOW", "damagedQuantity")), lambda: units_credit(NG, "MG/IB/0409/26", 2, 2)),
 "b109-ng-okafor-late-fee-write-off": (lambda: fee_not_owed(NG, "MG/IB/0411/26", T_NG), lambda: fee(NG, "MG/IB/0411/26", "late_fee")),
 "b109-ng-cocotiers-bouteilles-fx-write-off": (lambda: short(NG, "MG/IB/0412/26", 1, delivered(NG, "MG/IB/0412/26", "O2-40L")), lambda: short(NG, "MG/IB/0412/26", 1, 50)),
 "b109-ng-ireti-cylinder-price-partial": (lambda: price_diff(NG, "MG/IB/0413/26", 1), lambda: price_diff(NG, "MG/IB/0413/26", 1, "18000.00")),
 "b109-ng-zazzau-vat-exempt": (lambda: inv_tax(NG, "MG/IB/0414/26") if tax_exempt(NG, "MG/IB/0414/26") else Z, lambda: inv_tax(NG, "MG/IB/0414/26")),
 "b109-ng-okafor-regulators-short-refuted": (lambda: short(NG, "MG/IB/0415/26", 2, delivered(NG, "MG/IB/0415/26", "REG-FLOW")), lambda: short(NG, "MG/IB/0415/26", 2, 15)),
 "b109-ng-ireti-manifold-dates": (None, lambda: units_credit(NG, "MG/IB/0420/26", 1, 2)),
 "b109-ng-okafor-transfer-unapplied": (lambda: unapplied(NG, "MG/IB/0416/26"), lambda: open_bal(NG, "MG/IB/0416/26")),
 "b109-ng-zazzau-double-invoice": (lambda: inv_total(NG, "MG/IB/0418/26") if same_basis_duplicate(NG, "MG/IB/0418/26", "MG/IB/0417/26") else Z, lambda: inv_total(NG, "MG/IB/0418/26")),
 "b109-ng-ireti-express-delivery-fee": (lambda: Z if fee_supported(NG, "MG/IB/0419/26", "freight") else fee(NG, "MG/IB/0419/26", "freight"), lambda: fee(NG, "MG/IB/0419/26", "freight")),
 "b109-ng-cocotiers-detendeurs-old-quote": (lambda: price_diff(NG, "MG/IB/0421/26", 2), lambda: price_diff(NG, "MG/IB/0421/26", 2, "14000")),
 "b109-ng-dala-no-lpo": (lambda: Z if po_defect(NG, "MG/KN/0128/26") else None, lambda: inv_total(NG, "MG/KN/0128/26")),
 "b109-ng-dala-psa-two-of-three": (lambda: short(NG, "MG/KN/0129/26", 1, logged(NG, "MG/KN/0129/26", "PSA-PM")), lambda: units_credit(NG, "MG/KN/0129/26", 1, 1)),
 "b109-ng-dala-regulators-broken-partial": (lambda: units_credit(NG, "MG/KN/0130/26", 2, delivered(NG, "MG/KN/0130/26", "REG-FLOW", "damagedQuantity")), lambda: units_credit(NG, "MG/KN/0130/26", 2, 5)),
 "b109-ng-dala-interest-no-clause": (lambda: fee_not_owed(NG, "MG/KN/0127/26", T_NG), lambda: fee(NG, "MG/KN/0127/26", "late_fee")),
 # Ghana (GHS; GBP 14.1850 / 14.6420 from 2026-07-01 / 2026-10-01)
 "b109-gh-adwoa-rice-wet": (lambda: units_credit(GH, "26-ASH-00305", 1, delivered(GH, "26-ASH-00305", "RICE-50", "damagedQuantity")), lambda: units_credit(GH, "26-ASH-00305", 1, 3)),
 "b109-gh-harvest-gari-short-gbp": (lambda: short(GH, "26-ASH-00307", 2, delivered(GH, "26-ASH-00307", "GARI-50")), lambda: short(GH, "26-ASH-00307", 2, 138)),
 "b109-gh-royalcrest-desk-price": (lambda: price_diff(GH, "26-ASH-00308", 1), lambda: price_diff(GH, "26-ASH-00308", 1, "845.00")),
 "b109-gh-nyohini-haulage-in-contract": (lambda: Z if fee_supported(GH, "26-ASH-00309", "freight") else fee(GH, "26-ASH-00309", "freight"), lambda: fee(GH, "26-ASH-00309", "freight")),
 "b109-gh-adwoa-interest-within-grace": (lambda: fee_not_owed(GH, "26-ASH-00310", T_GH), lambda: fee(GH, "26-ASH-00310", "late_fee")),
 "b109-gh-bosomtwe-mattress-count": (lambda: short(GH, "26-ASH-00311", 1, delivered(GH, "26-ASH-00311", "MATT-4")), lambda: short(GH, "26-ASH-00311", 1, 180)),
 "b109-gh-royalcrest-contract-ended": (lambda: outside_contract(GH, "26-ASH-00315"), lambda: inv_total(GH, "26-ASH-00315")),
 "b109-gh-nyohini-cook-days": (lambda: short(GH, "26-ASH-00317", 1, logged(GH, "26-ASH-00317", "RELIEF-COOK")), lambda: short(GH, "26-ASH-00317", 1, 36)),
 "b109-gh-harvest-levies-exempt-gbp": (lambda: inv_tax(GH, "26-ASH-00312") if tax_exempt(GH, "26-ASH-00312") else Z, lambda: inv_tax(GH, "26-ASH-00312")),
 "b109-gh-bosomtwe-no-lpo": (lambda: Z if po_defect(GH, "26-ASH-00313") else None, lambda: inv_total(GH, "26-ASH-00313")),
 "b109-gh-adwoa-momo-not-found": (None, lambda: open_bal(GH, "26-ASH-00314")),
 "b109-gh-royalcrest-uniform-bleeding": (lambda: units_credit(GH, "26-ASH-00316", 2, delivered(GH, "26-ASH-00316", "UNIF-FAB", "damagedQuantity")), lambda: units_credit(GH, "26-ASH-00316", 2, 20)),
 "b109-gh-nyohini-desk-rep-price": (lambda: price_diff(GH, "26-ASH-00318", 1), lambda: price_diff(GH, "26-ASH-00318", 1, "860.00")),
 "b109-gh-bosomtwe-bedbugs-back": (lambda: short(GH, "26-ASH-00319", 1, logged(GH, "26-ASH-00319", "FUMIG")), lambda: inv_total(GH, "26-ASH-00319")),
 "b109-gh-adwoa-gari-no-delivery-note": (None, lambda: short(GH, "26-ASH-00320", 1, 52)),
 # Senegal (XOF, 0 decimals; MRU 14.8250 / 15.0600 from 2026-07-01 / 2026-10-01)
 "b109-sn-keursaloum-draps-dechires": (lambda: units_credit(SN, "FA-TH-0452/26", 3, delivered(SN, "FA-TH-0452/26", "DRAP-HOP", "damagedQuantity")), lambda: units_credit(SN, "FA-TH-0452/26", 3, 15)),
 "b109-sn-roniers-uniformes-manquants": (lambda: short(SN, "FA-TH-0454/26", 1, delivered(SN, "FA-TH-0454/26", "UNIF-ECO")), lambda: short(SN, "FA-TH-0454/26", 1, 430)),
 "b109-sn-ndiaye-combi-prix-cadre": (lambda: price_diff(SN, "FA-TH-0455/26", 1), lambda: price_diff(SN, "FA-TH-0455/26", 1, "13800")),
 "b109-sn-fallou-penalites-write-off": (lambda: fee_not_owed(SN, "FA-TH-0456/26", T_SN), lambda: fee(SN, "FA-TH-0456/26", "late_fee")),
 "b109-sn-mintcheikh-transport-fx": (lambda: Z if fee_supported(SN, "FA-TH-0457/26", "freight") else fee(SN, "FA-TH-0457/26", "freight"), lambda: fee(SN, "FA-TH-0457/26", "freight")),
 "b109-sn-keursaloum-bc-annule": (lambda: Z if po_defect(SN, "FA-TH-0458/26") else None, lambda: inv_total(SN, "FA-TH-0458/26")),
 "b109-sn-roniers-doublon-autre-commande": (lambda: inv_total(SN, "FA-TH-0460/26") if same_basis_duplicate(SN, "FA-TH-0460/26", "FA-TH-0459/26") else Z, lambda: inv_total(SN, "FA-TH-0460/26")),
 "b109-sn-ndiaye-broderie-mal-faite": (lambda: short(SN, "FA-TH-0461/26", 1, logged(SN, "FA-TH-0461/26", "BRODERIE")), lambda: inv_total(SN, "FA-TH-0461/26")),
 "b109-sn-fallou-wave-deux-versements": (lambda: unapplied(SN, "FA-TH-0462/26"), lambda: open_bal(SN, "FA-TH-0462/26")),
 "b109-sn-keursaloum-draps-sans-bl": (None, lambda: short(SN, "FA-TH-0463/26", 2, 260)),
 "b109-sn-mintcheikh-malhfa-deteint-fx": (lambda: units_credit(SN, "FA-TH-0464/26", 1, delivered(SN, "FA-TH-0464/26", "MALHFA", "damagedQuantity")), lambda: units_credit(SN, "FA-TH-0464/26", 1, 45)),
 "b109-sn-ndiaye-combi-manquantes": (lambda: short(SN, "FA-TH-0465/26", 1, delivered(SN, "FA-TH-0465/26", "COMBI-BTP")), lambda: short(SN, "FA-TH-0465/26", 1, 460)),
 "b109-sn-fallou-malhfa-prix": (lambda: price_diff(SN, "FA-TH-0466/26", 1), lambda: price_diff(SN, "FA-TH-0466/26", 1, "6000")),
}
NEEDS_INFO = {
 "b109-ng-ireti-manifold-dates": lambda: unserved_dates(NG, "MG/IB/0420/26", "MANI-SVC", ["2026-10-14", "2026-10-28"]) is None,
 "b109-gh-adwoa-momo-not-found": lambda: unapplied(GH, "26-ASH-00314") is None,
 "b109-gh-adwoa-gari-no-delivery-note": lambda: not has_delivery(GH, "26-ASH-00320", "GARI-50"),
 "b109-sn-keursaloum-draps-sans-bl": lambda: not has_delivery(SN, "FA-TH-0463/26", "DRAP-HOP") and has_delivery(SN, "FA-TH-0463/26", "BLOUSE-MED"),
}
# the per-visit logs decide the Dala claim (the dates it names are logged one by one)
if unserved_dates(NG, "MG/KN/0129/26", "PSA-PM", ["2026-10-08", "2026-10-22", "2026-10-29"]) != ["2026-10-29"]: fail("Dala PSA logs do not show 29 Oct unserved")
# the only defect of the missing-PO documents: a PO exists that the invoice should carry
for lgn, num, po in ((NG, "MG/KN/0128/26", "DSH/LPO/2026/0352"), (GH, "26-ASH-00313", "BGSHS/LPO/26/059"), (SN, "FA-TH-0458/26", "BC-CKS-2026-112")):
    p = next(x for x in ledgers[lgn]["purchaseOrders"] if x["number"] == po)
    if p.get("status") == "cancelled" or p["customerId"] != I(lgn, num)["customerId"] or {(l["sku"], l["quantity"]) for l in p["lines"]} != {(l["sku"], l["quantity"]) for l in I(lgn, num)["lines"]}:
        fail(f"{num}: {po} is not the PO it should carry")
# cases without a resolution: what makes them so (kind, ledger, invoice named, customer speaking)
NO_RES = {
 "b109-ng-dala-statement-request": ("no_claim", NG, "MG/KN/0129/26", "NG-02"),
 "b109-ng-okafor-names-kano-invoice": ("other_customer", NG, "MG/KN/0130/26", "NG-03"),
 "b109-gh-bosomtwe-receipt-request": ("no_claim", GH, "26-ASH-00306", "GH-01"),
 "b109-sn-fallou-facture-inconnue": ("unknown", SN, "FA-TH-0473/26", "SN-01"),
 "b109-sn-roniers-facture-clinique": ("other_customer", SN, "FA-TH-0458/26", "SN-03"),
 "b109-sn-mintcheikh-copie-douane": ("no_claim", SN, "FA-TH-0464/26", "SN-05"),
}
WITHDRAWN = {"b109-gh-harvest-oil-withdrawn": (GH, "26-ASH-00307")}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def recent(lgn, cust, today):
    pol = ledgers[lgn]["policy"]
    return sum(1 for d in ledgers[lgn].get("pastDisputes", []) if d["customerId"] == cust and 0 <= days(d["openedDate"], today) < pol["repeatDisputeWindowDays"]) + 1
def past_due(lgn, num, today):
    i = I(lgn, num); return max(0, days(i["dueDate"], today)) if open_bal(lgn, num) > 0 else 0

# every invoice more than 90 days past due is one a case escalates for that reason
OVER_90 = {"MG/IB/0409/26", "26-ASH-00305", "FA-TH-0452/26"}
for lgn in ledgers:
    over = {i["number"] for i in ledgers[lgn]["invoices"] if past_due(lgn, i["number"], TODAY[lgn]) > ledgers[lgn]["policy"]["escalationDaysPastDue"]}
    if over != {n for n in OVER_90 if n in {i["number"] for i in ledgers[lgn]["invoices"]}}: fail(f"{lgn}: invoices > 90 days past due: {sorted(over)}")

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
ids = [c["id"] for c in cases]
if len(ids) != len(set(ids)): fail("duplicate case ids")
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b109-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not cid.startswith("b109-" + {NG: "ng-", GH: "gh-", SN: "sn-"}[lgn]): fail(f"{cid}: ledger key in the id")
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
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
        elif m != e.get("invoiceNumber") and m not in alltext:
            fail(f"{cid}: email mention {m} is neither said nor the invoice's own number")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or seq(e["invoiceNumber"]) not in first):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if cid in NO_RES:
        kind, wl, num, said = NO_RES[cid]
        if wl != lgn: fail(f"{cid}: NO_RES ledger")
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if num not in first: fail(f"{cid}: first turn does not name {num}")
        if kind == "unknown" and num in nums: fail(f"{cid}: {num} exists")
        if kind == "unknown" and any(seq(n) in alltext for n in nums): fail(f"{cid}: an existing invoice number is named too")
        if kind == "other_customer":
            if num not in nums or I(wl, num)["customerId"] == said: fail(f"{cid}: {num} is not another customer's invoice")
            speaker = next(x["name"] for x in lg["customers"] if x["id"] == said)
            if not any(w in first for w in speaker.replace("&", " ").split() if len(w) > 4): fail(f"{cid}: the speaking customer is not named")
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
    if seq(num) not in alltext: fail(f"{cid}: the turns never name {num}")
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
        wo = False
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if cl == "invalid" and not wo and act != "no_adjustment": fail(f"{cid}: invalid with {act}")
            if cl == "partial" and not wo and act != "credit_memo": fail(f"{cid}: partial with {act}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error" and supported == inv_tax(lgn, num) and all(l.get("taxRate") for l in inv_["lines"]): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
        # money moved never exceeds the open balance
        moved = (supported if act in ("credit_memo", "write_off") else Z) + ((disputed - supported) if act == "write_off" else Z)
        if moved > open_bal(lgn, num): fail(f"{cid}: credit and write-off {moved} above the open balance {open_bal(lgn, num)}")
    # escalation: amount after FX, days past due on an open balance, strategic, repeat disputes, controller approval, legal
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    n_recent = recent(lgn, cust["id"], c["today"])
    pd = past_due(lgn, num, c["today"])
    credit = supported if act == "credit_memo" else None
    controller = credit is not None and to_company(lgn, num, credit) > D(pol["approvalLimits"]["lead"])
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pd > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or n_recent >= pol["repeatDisputeCount"] or controller)
    if e["reasonCode"] == "contract_terms" and conv >= D(pol["legalEscalationAmount"]): esc = True
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pd} d past due, {n_recent} disputes)")

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
