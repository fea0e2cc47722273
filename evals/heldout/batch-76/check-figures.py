#!/usr/bin/env python3
"""Batch-76 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, the numbering schemes, and the classification /
action / write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at
the latest rate on or before the invoice date, half-up once). It also guards the two places where a
reasonable implementation could round differently, so that no expected cent depends on the choice:
  - Québec lines carry TPS 5 % + TVQ 9.975 % as one rate of 14.975 %: every such line must give the
    same tax whether the two taxes are rounded separately or together;
  - every credit of units or of a price difference must give the same cents whether it is computed as
    (units x price, then its tax) or as (billed gross - gross of what is owed).
Prints the mismatches; exit 1 if any.  Usage: python3 evals/heldout/batch-76/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # CAD, USD, EUR, CHF: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur="EUR"): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
QC, LU, MC = "acericole-sartigan-cad.ledger.json", "sure-ardennes-modules-eur.ledger.json", "rocher-arts-logistique-eur.ledger.json"
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
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
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

# ---- ledgers: totals, statuses, references, terms, minor digits
INTENDED_OTHER_CURRENCY = {"FA-MC26-0350"}   # billed in EUR under a CAD contract, on purpose (case b76-mc-sturbain-devise)
INTENDED_TAXED = {"STG004175", "FA-MC26-0344"}   # exempt export customers taxed on every line, on purpose (tax cases)
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
            if l.get("taxRate") == "0.14975":
                n = net(l, cur)
                if r(n * D("0.05"), cur) + r(n * D("0.09975"), cur) != r(n * D("0.14975"), cur): fail(f"{name} {i['number']} line {l['line']}: TPS + TVQ rounded apart differ from 14.975 %")
            if l.get("taxRate") and cur != cur0 and i["number"] not in INTENDED_TAXED: fail(f"{name} {i['number']}: taxed foreign-currency line")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if (c["currency"] != cur) != (i["number"] in INTENDED_OTHER_CURRENCY): fail(f"{name} {i['number']}: currency vs contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            for l in i["lines"]:
                if not any(p["sku"] == l["sku"] for p in c["prices"]): fail(f"{name} {i['number']}: SKU {l['sku']} not priced by the contract")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on its date")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} unknown")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        taxed = any(l.get("taxRate") for l in i["lines"])
        if cust.get("taxExempt") and taxed and i["number"] not in INTENDED_TAXED: fail(f"{name} {i['number']}: exempt customer taxed by accident")
        if not cust.get("taxExempt") and not taxed: fail(f"{name} {i['number']}: taxable customer without tax")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- numbering: STG004158 / THM000909 (branch Saint-Georges or Thetford Mines, six-digit sequence per branch);
# 26W-FA-0858 / 26E-FA-0203 (year of issue, depot Wiltz or Esch, FA = facture, sequence per depot);
# FA-MC26-0298 (facture, Monaco, year, one yearly sequence). Sequences follow the issue dates.
def seq_ok(items): items = sorted(items, key=lambda i: i["number"]); return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for br in ("STG", "THM"):
    v = [i for i in ledgers[QC]["invoices"] if i["number"].startswith(br)]
    if not v or not all(re.fullmatch(br + r"\d{6}", i["number"]) for i in v) or not seq_ok(v): fail(f"QC branch {br} numbering")
if len([i for i in ledgers[QC]["invoices"] if i["number"][:3] in ("STG", "THM")]) != len(ledgers[QC]["invoices"]): fail("QC branch prefix")
for dp in "WE":
    v = [i for i in ledgers[LU]["invoices"] if i["number"].startswith(f"26{dp}-FA-")]
    if not v or not all(re.fullmatch(r"26[WE]-FA-\d{4}", i["number"]) and i["issueDate"][2:4] == "26" for i in v) or not seq_ok(v): fail(f"LU depot {dp} numbering")
if sum(1 for i in ledgers[LU]["invoices"] if i["number"][2] in "WE") != len(ledgers[LU]["invoices"]): fail("LU depot letter")
if not all(re.fullmatch(r"FA-MC26-\d{4}", i["number"]) for i in ledgers[MC]["invoices"]) or not seq_ok(ledgers[MC]["invoices"]): fail("MC numbering")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
Z = D("0")
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c and c["currency"] == I(lgn, num)["currency"] else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):
    """Over-billing on a line: (billed - agreed) x quantity with its tax; guarded against the gross-difference method."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; p = price or agreed(lgn, num, l["sku"])
    a = max(gross(l, cur) - gross(l, cur, price=p), Z)
    dn = r((D(l["unitPrice"]) - D(p)) * D(str(l["quantity"])), cur); b = max(dn + tax(l, dn, cur), Z)
    if a != b: fail(f"{num} line {n}: price credit {a} (gross difference) != {b} (difference with its tax)")
    return a
def units_credit(lgn, num, n, units):
    """Units not owed on a line with their tax; guarded against the gross-difference method."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    u = min(D(str(units)), D(str(l["quantity"])))
    dn = net(l, cur, qty=u); a = dn + tax(l, dn, cur)
    b = gross(l, cur) - gross(l, cur, qty=D(str(l["quantity"])) - u)
    if a != b: fail(f"{num} line {n}: {units} units credit {a} (units with tax) != {b} (gross difference)")
    return a
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return line(I(lgn, num), n)["quantity"]
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - counted, 0))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), Z)
def all_lines_taxed(lgn, num): return all(l.get("taxRate") for l in I(lgn, num)["lines"])
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), Z)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def same_rate_elsewhere(lgn, num):
    """Not exempt: each taxed line's rate equals the rate of the customer's other invoices for the same SKU (or has none to compare)."""
    i = I(lgn, num)
    for l in i["lines"]:
        others = [x.get("taxRate") for j in ledgers[lgn]["invoices"] if j["customerId"] == i["customerId"] and j["number"] != num for x in j["lines"] if x["sku"] == l["sku"]]
        if any(o != l.get("taxRate") for o in others): return False
    return True

def late_fee_allowed(lgn, num, today):
    """DOMAIN: contract clause, grace days, actual payment date. None without a clause; none when the
    principal was paid by due + grace; else percentPerMonth of the principal unpaid at the end of grace,
    per started 30-day month from the due date to the settling payment (or today)."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; c = contract_of(lg, i)
    if not c or not c.get("lateFee"): return Z
    grace = c["lateFee"].get("graceDays", 0); grace_end = plus(i["dueDate"], grace)
    prin = principal(i)
    ps = sorted(pays(lg, num), key=lambda p: p["date"])
    overdue = prin - sum((D(p["amount"]) for p in ps if p["date"] <= grace_end), Z)
    if overdue <= 0: return Z
    settled, acc = today, Z
    for p in ps:
        acc += D(p["amount"])
        if acc >= prin: settled = p["date"]; break
    late = days(i["dueDate"], settled)
    if late <= grace: return Z
    months = -(-late // 30)
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * months
def fee_not_owed(lgn, num, today):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)

def outside_contract(lgn, num):
    """Days of the service period outside the contract, pro rata on each line's gross, half-up; guarded
    against pro-rating the net and adding its tax."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    out = Z
    for l in i["lines"]:
        a = r(gross(l, cur) * (tot - inside) / tot, cur)
        n = r(net(l, cur) * (tot - inside) / tot, cur); b = n + tax(l, n, cur)
        if a != b: fail(f"{num} line {l['line']}: pro rata of the gross {a} != pro rata of the net with its tax {b}")
        out += a
    return out
def currency_defect(lgn, num):
    """Billed in another currency than the contract's, for a period inside it: a defect of the document (re-bill)."""
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    return c["currency"] != i["currency"] and c["startDate"] <= i["issueDate"] <= c.get("endDate", i["issueDate"])

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num))
def quoted_payment_pays_another(lgn, num, when):
    """Every payment of the customer on the quoted date is applied to another invoice whose number its reference names; none is unapplied."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    on_date = [p for p in mine if p["date"] == when]
    return bool(on_date) and all(p.get("invoiceNumber") and p["invoiceNumber"] != num and p["invoiceNumber"] in p.get("reference", "") for p in on_date) \
        and not any(not p.get("invoiceNumber") for p in mine) and not pays(lg, num)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and len(a["lines"]) == len(b["lines"]) and a["issueDate"] > b["issueDate"]
def no_unintended_duplicates():
    for lgn, lg in ledgers.items():
        for a in lg["invoices"]:
            for b in lg["invoices"]:
                if a is not b and a["issueDate"] >= b["issueDate"] and same_basis_duplicate(lgn, a["number"], b["number"]) and (a["number"], b["number"]) not in DUPLICATES:
                    fail(f"{a['number']} looks like a duplicate of {b['number']} by accident")
DUPLICATES = {("THM000913", "THM000909"), ("26W-FA-0893", "26W-FA-0890"), ("FA-MC26-0333", "FA-MC26-0329")}
no_unintended_duplicates()

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def words(s): return sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
def fee_on_po(lgn, num, t):
    """The customer's own (not cancelled) PO has a line matching the fee's description at that amount."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if words(l.get("description", l["sku"])) == words(f.get("description", "")) and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]): return True
    return False
def fee_in_contract_notes(lgn, num, t, phrase):
    c = contract_of(ledgers[lgn], I(lgn, num)); return bool(c and phrase.lower() in c.get("notes", "").lower() and phrase.lower() in next(f for f in I(lgn, num)["fees"] if f["type"] == t).get("description", "").lower())
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def fee_unsupported(lgn, num, t):
    """No PO line, no contract price for it and no mention in the contract's notes: not owed."""
    i = I(lgn, num); c = contract_of(ledgers[lgn], i); f = next(f for f in i["fees"] if f["type"] == t)
    notes = (c or {}).get("notes", "").lower()
    return bool(c) and not fee_on_po(lgn, num, t) and not any(w in notes for w in ("transport", "livraison", "fret", "freight")) and not any(p["sku"].startswith("LIVR") for p in c["prices"])

T_QC, T_LU, T_MC = "2026-05-21", "2026-10-14", "2026-11-25"
R = {
 # Québec (CAD; USD at 1.3690 / 1.3540)
 "b76-qc-poulin-chalumeaux": (lambda: price_diff(QC, "STG004162", 1), lambda: price_diff(QC, "STG004162", 1, "34.50")),
 "b76-qc-poulin-frais-retard": (lambda: fee_not_owed(QC, "STG004160", T_QC), lambda: fee(QC, "STG004160", "late_fee")),
 "b76-qc-poulin-transport": (lambda: fee(QC, "STG004198", "freight") if fee_unsupported(QC, "STG004198", "freight") else Z, lambda: fee(QC, "STG004198", "freight")),
 "b76-qc-lacfrontiere-rouleaux": (lambda: short(QC, "STG004166", 1, delivered(QC, "STG004166", "TUB-516")), lambda: short(QC, "STG004166", 1, 114)),
 "b76-qc-lacfrontiere-osmose": (lambda: short(QC, "STG004179", 1, logged(QC, "STG004179", "LAV-MEMB")), lambda: line_gross(QC, "STG004179", 1)),
 "b76-qc-lacfrontiere-entailles": (lambda: short(QC, "STG004194", 1, logged(QC, "STG004194", "POSE-ENT")), lambda: short(QC, "STG004194", 1, 4400)),
 "b76-qc-tijean-lavages": (lambda: short(QC, "STG004171", 2, logged(QC, "STG004171", "LAV-MEMB")), lambda: short(QC, "STG004171", 2, 4)),
 "b76-qc-tijean-fin-contrat": (lambda: outside_contract(QC, "STG004187"), lambda: outside_contract(QC, "STG004187")),
 "b76-qc-gilbert-taxes": (lambda: inv_tax(QC, "STG004175") if tax_exempt(QC, "STG004175") else Z, lambda: inv_tax(QC, "STG004175")),
 "b76-qc-gilbert-virement": (lambda: unapplied_payment(QC, "STG004190", "2026-05-08"), lambda: open_bal(QC, "STG004190")),
 "b76-qc-gilbert-entailles-maine": (None, lambda: units_credit(QC, "STG004206", 1, 400)),
 "b76-qc-coop-barils-bosses": (lambda: units_credit(QC, "THM000909", 1, delivered(QC, "THM000909", "BARIL-INOX", "damagedQuantity")), lambda: units_credit(QC, "THM000909", 1, 3)),
 "b76-qc-coop-double": (lambda: inv_total(QC, "THM000913") if same_basis_duplicate(QC, "THM000913", "THM000909") else Z, lambda: inv_total(QC, "THM000913")),
 "b76-qc-coop-sans-bc": (lambda: Z if po_defect(QC, "THM000918") else None, lambda: inv_total(QC, "THM000918")),
 "b76-qc-coop-livraison": (lambda: Z if po_line_supports(QC, "THM000922", 2) else line_gross(QC, "THM000922", 2), lambda: line_gross(QC, "THM000922", 2)),
 "b76-qc-rancourt-barils": (lambda: units_credit(QC, "THM000926", 1, delivered(QC, "THM000926", "BARIL-INOX", "damagedQuantity")), lambda: units_credit(QC, "THM000926", 1, 3)),
 "b76-qc-rancourt-raccords": (None, lambda: line_gross(QC, "THM000926", 2)),
 # Luxembourg (EUR; CHF at 1.0640 / 1.0580)
 "b76-lu-lambotte-interets": (lambda: fee_not_owed(LU, "26W-FA-0861", T_LU), lambda: fee(LU, "26W-FA-0861", "late_fee")),
 "b76-lu-lambotte-vidanges": (lambda: short(LU, "26W-FA-0874", 4, logged(LU, "26W-FA-0874", "VID-WC")), lambda: short(LU, "26W-FA-0874", 4, 8)),
 "b76-lu-lambotte-sans-bc": (lambda: Z if po_defect(LU, "26W-FA-0889") else None, lambda: inv_total(LU, "26W-FA-0889")),
 "b76-lu-lambotte-grue-deux-fois": (lambda: inv_total(LU, "26W-FA-0893") if same_basis_duplicate(LU, "26W-FA-0893", "26W-FA-0890") else Z, lambda: inv_total(LU, "26W-FA-0893")),
 "b76-lu-collignon-prix-bureau": (lambda: price_diff(LU, "26W-FA-0866", 1), lambda: price_diff(LU, "26W-FA-0866", 1, "310.00")),
 "b76-lu-collignon-paye-12-aout": (None, lambda: open_bal(LU, "26W-FA-0881")),
 "b76-lu-collignon-septembre": (lambda: outside_contract(LU, "26W-FA-0897"), lambda: inv_total(LU, "26W-FA-0897")),
 "b76-lu-asbl-tva": (lambda: Z if (not tax_exempt(LU, "26W-FA-0870") and same_rate_elsewhere(LU, "26W-FA-0870")) else inv_tax(LU, "26W-FA-0870"), lambda: inv_tax(LU, "26W-FA-0870")),
 "b76-lu-asbl-cabines": (lambda: short(LU, "26W-FA-0870", 1, delivered(LU, "26W-FA-0870", "SAN-WC-WE")), lambda: short(LU, "26W-FA-0870", 1, 20)),
 "b76-lu-reuter-plots": (lambda: units_credit(LU, "26E-FA-0207", 1, delivered(LU, "26E-FA-0207", "PLOT-BET", "damagedQuantity")), lambda: units_credit(LU, "26E-FA-0207", 1, 14)),
 "b76-lu-reuter-prix": (lambda: price_diff(LU, "26E-FA-0212", 2), lambda: price_diff(LU, "26E-FA-0212", 2, "280.00")),
 "b76-lu-reuter-clotures": (lambda: short(LU, "26E-FA-0207", 2, delivered(LU, "26E-FA-0207", "CLOT-PAN")), lambda: short(LU, "26E-FA-0207", 2, 100)),
 "b76-lu-favre-remise-en-etat": (lambda: Z if fee_in_contract_notes(LU, "26E-FA-0210", "other", "remise en état") else fee(LU, "26E-FA-0210", "other"), lambda: fee(LU, "26E-FA-0210", "other")),
 "b76-lu-favre-ordre-permanent": (lambda: unapplied_payment(LU, "26E-FA-0215", "2026-10-01"), lambda: open_bal(LU, "26E-FA-0215")),
 # Monaco (EUR; CHF at 1.0615 / 1.0702, CAD at 0.6590 / 0.6645)
 "b76-mc-mauborget-caisse-fendue": (lambda: units_credit(MC, "FA-MC26-0311", 2, delivered(MC, "FA-MC26-0311", "CAISSE-CLIM", "damagedQuantity")), lambda: units_credit(MC, "FA-MC26-0311", 2, 1)),
 "b76-mc-mauborget-tva": (lambda: inv_tax(MC, "FA-MC26-0344") if tax_exempt(MC, "FA-MC26-0344") else Z, lambda: inv_tax(MC, "FA-MC26-0344")),
 "b76-mc-mauborget-prix-caisses": (lambda: price_diff(MC, "FA-MC26-0311", 2), lambda: price_diff(MC, "FA-MC26-0311", 2, "890.00")),
 "b76-mc-delvaux-constats": (lambda: short(MC, "FA-MC26-0316", 3, logged(MC, "FA-MC26-0316", "CONSTAT")), lambda: short(MC, "FA-MC26-0316", 3, 11)),
 "b76-mc-delvaux-supplement-we": (lambda: Z if fee_on_po(MC, "FA-MC26-0326", "service_fee") else fee(MC, "FA-MC26-0326", "service_fee"), lambda: fee(MC, "FA-MC26-0326", "service_fee")),
 "b76-mc-delvaux-interets": (lambda: fee_not_owed(MC, "FA-MC26-0301", T_MC), lambda: fee(MC, "FA-MC26-0301", "late_fee")),
 "b76-mc-delvaux-bc-annule": (lambda: Z if po_defect(MC, "FA-MC26-0347") else None, lambda: inv_total(MC, "FA-MC26-0347")),
 "b76-mc-aurelia-socles": (lambda: units_credit(MC, "FA-MC26-0322", 1, delivered(MC, "FA-MC26-0322", "SOCLE", "damagedQuantity")), lambda: units_credit(MC, "FA-MC26-0322", 1, 2)),
 "b76-mc-aurelia-accrochage": (lambda: short(MC, "FA-MC26-0340", 2, logged(MC, "FA-MC26-0340", "ACCROCH")), lambda: short(MC, "FA-MC26-0340", 2, 14)),
 "b76-mc-aurelia-stockage": (lambda: short(MC, "FA-MC26-0319", 1, logged(MC, "FA-MC26-0319", "STOCK-M3")), lambda: short(MC, "FA-MC26-0319", 1, 30)),
 "b76-mc-chappuis-doublon": (lambda: inv_total(MC, "FA-MC26-0333") if same_basis_duplicate(MC, "FA-MC26-0333", "FA-MC26-0329") else Z, lambda: inv_total(MC, "FA-MC26-0333")),
 "b76-mc-chappuis-avant-pret": (lambda: outside_contract(MC, "FA-MC26-0308"), lambda: outside_contract(MC, "FA-MC26-0308")),
 "b76-mc-sturbain-prix-constats": (lambda: price_diff(MC, "FA-MC26-0336", 3), lambda: price_diff(MC, "FA-MC26-0336", 3, "145.00")),
 "b76-mc-sturbain-caisses-manquantes": (None, lambda: units_credit(MC, "FA-MC26-0305", 1, 2)),
 "b76-mc-sturbain-devise": (lambda: Z if currency_defect(MC, "FA-MC26-0350") else None, lambda: inv_total(MC, "FA-MC26-0350")),
}
NEEDS_INFO = {
 "b76-qc-gilbert-entailles-maine": lambda: not has_log(QC, "STG004206", "POSE-ENT"),
 "b76-qc-rancourt-raccords": lambda: not has_delivery(QC, "THM000926", "RACC-T"),
 "b76-lu-collignon-paye-12-aout": lambda: quoted_payment_pays_another(LU, "26W-FA-0881", "2026-08-12"),
 "b76-mc-sturbain-caisses-manquantes": lambda: not has_delivery(MC, "FA-MC26-0305", "CAISSE-CLIM"),
}
SHORT_FORM = {QC: lambda n: n[3:].lstrip("0"), LU: lambda n: n[-4:], MC: lambda n: n[-4:]}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

TEAMS = {"pricing_error": ["sales", "billing"], "quantity_discrepancy": ["logistics", "billing"], "damaged_goods": ["logistics", "billing"],
         "duplicate_billing": ["billing"], "service_not_rendered": ["service_delivery", "customer_success"],
         "service_dissatisfaction": ["service_delivery", "customer_success"], "missing_po": ["sales", "billing"],
         "already_paid": ["cash_application"], "late_fee": ["collections", "billing"], "tax_error": ["tax", "billing"],
         "contract_terms": ["legal", "sales"], "unrecognized_charge": ["billing", "sales"]}
TODAY = {QC: T_QC, LU: T_LU, MC: T_MC}
cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
escalated = Counter(); writeoffs = 0
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b76-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"\d+(\.\d+)?", m) and D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
        if not re.fullmatch(r"\d+(\.\d+)?", m) and m not in nums and m not in {p["number"] for p in lg.get("purchaseOrders", [])}: fail(f"{cid}: email mention {m} is neither an invoice, a PO nor an amount")
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()«»") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if "invoiceNumber" not in e:
        if set(e) - {"mustNotHappen"}: fail(f"{cid}: a case without an invoice checks only that no money moves")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    first = c["turns"][0]
    in_first = num in first or re.search(r"(?<!\d)0*" + re.escape(SHORT_FORM[lgn](num)) + r"(?!\d)", first) is not None
    if ("invoice" in e.get("neverAsks", [])) != in_first: fail(f"{cid}: neverAsks invoice should be {in_first} (number in the first turn)")
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and (not decimals_ok(e[k], cur) or len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur)): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if not Z < disputed <= inv_total(lgn, num): fail(f"{cid}: disputed outside (0, invoice total]")
    cl, act = e.get("classification"), e.get("action")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e or sup_fn: fail(f"{cid}: needs_info with a supported amount")
    else:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: {cl} with {act}")
            writeoffs += wo
        if cl == "valid":
            want = {"already_paid": "apply_payment"}.get(e["reasonCode"], "cancel_and_rebill" if defect or supported == 0 else "credit_memo")
            if e["reasonCode"] == "tax_error" and supported > 0 and all_lines_taxed(lgn, num): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    why = [w for w, ok in (("amount", conv is None or conv >= D(pol["escalationAmount"])), ("age", pastdue > pol["escalationDaysPastDue"]),
                           ("strategic", bool(cust.get("strategic"))), ("repeat", recent >= pol["repeatDisputeCount"])) if ok]
    if bool(why) != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {why} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    for w in why: escalated[w] += 1
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]): escalated["legal"] += 1
    if e.get("stakeholders") != TEAMS[e["reasonCode"]]: fail(f"{cid}: stakeholders {e.get('stakeholders')} != routing table {TEAMS[e['reasonCode']]}")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases: by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")), dict(escalated), " write-offs:", writeoffs)
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
