#!/usr/bin/env python3
"""Batch-94 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-94/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0, "XAF": 0}  # USD, EUR, INR, AOA, NAD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
def Q(x): return x if isinstance(x, D) else D(str(x))      # quantities: exact decimal from the JSON number's text
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
Z = D("0")

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * Q(l["quantity"] if qty is None else qty), cur)
def tax(l, n, cur): return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else Z
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), Z)
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), Z)
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), Z)
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), Z)
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

GQ, GOA, AO = "bioko-alimentacion-xaf.ledger.json", "mandovi-packwell-inr.ledger.json", "agrohuila-insumos-aoa.ledger.json"
T_GQ, T_GOA, T_AO = "2026-11-18", "2026-12-09", "2026-10-27"
TODAY = {GQ: T_GQ, GOA: T_GOA, AO: T_AO}
if set(ledgers) != {GQ, GOA, AO}: fail(f"ledgers present: {sorted(ledgers)}")

# ---- ledgers: totals, statuses, references, terms, minor digits
INTENDED_WRONG_PO = {"MPK/26-27/TI-0395"}   # quotes 4500071399, a PO Cortalim never issued (theirs is 4500071389)
PRICE_LIST_TERMS = 30                         # Hortícola do Bero buys without a contract, on 30 days
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    for k, v in lg["policy"].get("approvalLimits", {}).items():
        if not decimals_ok(v, cur0): fail(f"{name}: approval limit {k} digits")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    for c in lg.get("contracts", []):
        if c["customerId"] not in custs: fail(f"{name} {c['id']}: unknown customer")
        for p in c["prices"]:
            if not decimals_ok(p["unitPrice"], c["currency"]): fail(f"{name} {c['id']}: price digits {p['sku']}")
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        for f in i.get("fees", []):
            if not decimals_ok(f["amount"], cur): fail(f"{name} {i['number']}: fee digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
        elif days(i["issueDate"], i["dueDate"]) != PRICE_LIST_TERMS: fail(f"{name} {i['number']}: due date not on price-list terms")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on {i['issueDate']}")
        po = i.get("poNumber")
        if po and (po not in pos) != (i["number"] in INTENDED_WRONG_PO): fail(f"{name} {i['number']}: PO {po} reference")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        if po and po in pos:   # invoice lines are on the PO (same SKU), quantities not above it
            for l in i["lines"]:
                pl = [x for x in pos[po]["lines"] if x["sku"] == l["sku"]]
                if not pl or Q(l["quantity"]) > Q(pl[0]["quantity"]): fail(f"{name} {i['number']}: line {l['sku']} not on PO {po}")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if Q(d.get("damagedQuantity", 0)) > Q(d["quantity"]): fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber") and not any(l["sku"] == d["sku"] for l in invoice(lg, d["invoiceNumber"])["lines"]): fail(f"{name} delivery {d['id']}: SKU not billed")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("remittance"): fail(f"{name} payment {p['id']}: no remittance deductions in this batch")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber"): fail(f"{name} past dispute {d['id']}: carries an invoice number")

# ---- numbering: ML-26-F00588 / BT-26-F00203 (branch, year, F + 5 digits, one sequence per branch),
# MPK/26-27/TI-0412 (Indian financial year April-March, one sequence), AHR/26/F0418 / AHR/26/N0089
# (Lubango F and Namibe N series); sequences follow the issue dates.
def seq_ok(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for br in ("ML", "BT"):
    v = [i for i in ledgers[GQ]["invoices"] if i["number"].startswith(br + "-")]
    if not all(re.fullmatch(rf"{br}-(\d\d)-F\d{{5}}", i["number"]) and i["number"][3:5] == i["issueDate"][2:4] for i in v): fail(f"GQ {br} numbering")
    if not seq_ok(v): fail(f"GQ {br}: sequence out of date order")
if len(ledgers[GQ]["invoices"]) != sum(1 for i in ledgers[GQ]["invoices"] if i["number"][:2] in ("ML", "BT")): fail("GQ branch prefix")
for i in ledgers[GOA]["invoices"]:
    if not re.fullmatch(r"MPK/26-27/TI-\d{4}", i["number"]) or not "2026-04-01" <= i["issueDate"] <= "2027-03-31": fail(f"{i['number']}: not MPK/26-27/TI-NNNN of FY 2026-27")
if not seq_ok(ledgers[GOA]["invoices"]): fail("GOA: sequence out of date order")
for series in "FN":
    v = [i for i in ledgers[AO]["invoices"] if i["number"].startswith(f"AHR/26/{series}")]
    if not all(re.fullmatch(r"AHR/26/[FN]\d{4}", i["number"]) and i["issueDate"].startswith("2026") for i in v): fail("AO numbering")
    if not seq_ok(v): fail(f"AO series {series}: sequence out of date order")
if len(ledgers[AO]["invoices"]) != sum(1 for i in ledgers[AO]["invoices"] if re.fullmatch(r"AHR/26/[FN]\d{4}", i["number"])): fail("AO series letter")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), Z)
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units), tax following the line
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = Q(l["quantity"]) - Q(units)
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum((Q(d.get(field, 0)) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku), Z)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum((Q(s["quantity"]) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered"), Z)
def billed_qty(lgn, num, n): return Q(line(I(lgn, num), n)["quantity"])
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - counted, Z))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), Z)
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), Z)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

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
    """Days of the service period outside the contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), Z)

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "")
                   or D(p["amount"]) in (open_bal(lgn, num), inv_total(lgn, num)) for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], Q(x["quantity"]), D(x["unitPrice"])) == (y["sku"], Q(y["quantity"]), D(y["unitPrice"]))
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and len(a["lines"]) == len(b["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"] and p["customerId"] == i["customerId"]), None)
    return po is None or po.get("status") == "cancelled"

def words(s): return sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
def fee_on_po(lgn, num, t):
    """A line of one of the customer's (not cancelled) POs with the fee's description at the fee's amount."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if words(l.get("description", l["sku"])) == words(f.get("description", "")) and D(l["unitPrice"]) * Q(l["quantity"]) == D(f["amount"]): return True
    return False
def notes_name(lgn, num, word):
    c = contract_of(ledgers[lgn], I(lgn, num)); return bool(c and word.lower() in c.get("notes", "").lower())
def fee_judgeable(lgn, num):
    """Without a PO or a contract, a fee cannot be judged (DOMAIN, evidence header of unrecognized_charge)."""
    i = I(lgn, num); return bool(i.get("poNumber") or i.get("contractId"))

R = {
 # Equatorial Guinea (XAF, 0 digits; USD 568.2500 / 561.9000, EUR 655.957)
 "b94-gq-sipopo-pollo-descongelado": (lambda: units_credit(GQ, "ML-26-F00588", 1, delivered(GQ, "ML-26-F00588", "POLLO-10", "damagedQuantity")), lambda: units_credit(GQ, "ML-26-F00588", 1, 7)),
 "b94-gq-sipopo-agua-segundo-viaje": (lambda: short(GQ, "ML-26-F00597", 2, delivered(GQ, "ML-26-F00597", "AGUA-6")), lambda: units_credit(GQ, "ML-26-F00597", 2, 60)),
 "b94-gq-peoc-mackerel-scale": (lambda: short(GQ, "ML-26-F00571", 1, delivered(GQ, "ML-26-F00571", "PESCADO-KG")), lambda: units_credit(GQ, "ML-26-F00571", 1, D("1240") - D("1186.5"))),
 "b94-gq-peoc-chicken-crushed": (lambda: units_credit(GQ, "ML-26-F00612", 1, delivered(GQ, "ML-26-F00612", "POLLO-10", "damagedQuantity")), lambda: units_credit(GQ, "ML-26-F00612", 1, 15)),
 "b94-gq-peoc-water-bottles": (lambda: short(GQ, "ML-26-F00612", 3, delivered(GQ, "ML-26-F00612", "AGUA-6")), lambda: units_credit(GQ, "ML-26-F00612", 3, billed_qty(GQ, "ML-26-F00612", 3) - D(2328) / 6)),
 "b94-gq-peoc-saturday-run": (lambda: Z if fee_on_po(GQ, "ML-26-F00619", "freight") else fee(GQ, "ML-26-F00619", "freight"), lambda: fee(GQ, "ML-26-F00619", "freight")),
 "b94-gq-estrecho-recargo": (lambda: fee_not_owed(GQ, "ML-26-F00563", T_GQ), lambda: fee(GQ, "ML-26-F00563", "late_fee")),
 "b94-gq-estrecho-arcon-octubre": (lambda: outside_contract(GQ, "ML-26-F00631"), lambda: inv_total(GQ, "ML-26-F00631")),
 "b94-gq-laceiba-aceite-litro": (lambda: price_diff(GQ, "BT-26-F00187", 3), lambda: price_diff(GQ, "BT-26-F00187", 3, str(1170 * 20))),
 "b94-gq-laceiba-cerveza-rota": (lambda: units_credit(GQ, "BT-26-F00195", 1, delivered(GQ, "BT-26-F00195", "CERV-24", "damagedQuantity")), lambda: units_credit(GQ, "BT-26-F00195", 1, 9)),
 "b94-gq-laceiba-doble-factura": (lambda: inv_total(GQ, "BT-26-F00203") if same_basis_duplicate(GQ, "BT-26-F00203", "BT-26-F00198") else Z, lambda: inv_total(GQ, "BT-26-F00203")),
 "b94-gq-fundacion-iva": (lambda: inv_tax(GQ, "BT-26-F00176") if tax_exempt(GQ, "BT-26-F00176") else Z, lambda: inv_tax(GQ, "BT-26-F00176")),
 "b94-gq-fundacion-segundo-camion": (lambda: short(GQ, "BT-26-F00209", 1, delivered(GQ, "BT-26-F00209", "ARROZ-25")), lambda: units_credit(GQ, "BT-26-F00209", 1, 40)),
 "b94-gq-pousada-frango": (lambda: units_credit(GQ, "ML-26-F00625", 1, delivered(GQ, "ML-26-F00625", "POLLO-10", "damagedQuantity")), lambda: units_credit(GQ, "ML-26-F00625", 1, 6)),
 "b94-gq-pousada-ja-pagamos": (lambda: unapplied_payment(GQ, "ML-26-F00552", "2026-11-10"), lambda: open_bal(GQ, "ML-26-F00552")),
 "b94-gq-fundacion-leche-recogida": (None, lambda: units_credit(GQ, "BT-26-F00214", 1, 80 - 64)),
 # Goa (INR; USD 87.6400 / 88.9200)
 "b94-goa-cortalim-bundles-grn": (lambda: short(GOA, "MPK/26-27/TI-0361", 1, delivered(GOA, "MPK/26-27/TI-0361", "CTN-5P-450")), lambda: units_credit(GOA, "MPK/26-27/TI-0361", 1, (160 - 150) * 25)),
 "b94-goa-cortalim-shrink-weighbridge": (lambda: short(GOA, "MPK/26-27/TI-0374", 1, delivered(GOA, "MPK/26-27/TI-0374", "SHRINK-MT")), lambda: units_credit(GOA, "MPK/26-27/TI-0374", 1, D("51.4") / 1000)),
 "b94-goa-cortalim-label-rate": (lambda: price_diff(GOA, "MPK/26-27/TI-0388", 1), lambda: price_diff(GOA, "MPK/26-27/TI-0388", 1, "400.00")),
 "b94-goa-cortalim-po-not-in-sap": (lambda: Z if po_defect(GOA, "MPK/26-27/TI-0395") else None, lambda: inv_total(GOA, "MPK/26-27/TI-0395")),
 "b94-goa-ponda-wet-cartons": (lambda: units_credit(GOA, "MPK/26-27/TI-0352", 1, delivered(GOA, "MPK/26-27/TI-0352", "CTN-3P-CASHEW", "damagedQuantity")), lambda: units_credit(GOA, "MPK/26-27/TI-0352", 1, 320)),
 "b94-goa-ponda-interest-grace": (lambda: fee_not_owed(GOA, "MPK/26-27/TI-0317", T_GOA), lambda: fee(GOA, "MPK/26-27/TI-0317", "late_fee")),
 "b94-goa-ponda-pouches-balance": (lambda: short(GOA, "MPK/26-27/TI-0380", 1, delivered(GOA, "MPK/26-27/TI-0380", "LAMI-POUCH")), lambda: units_credit(GOA, "MPK/26-27/TI-0380", 1, (25000 - 20000) // 1000)),
 "b94-goa-cuncolim-label-rolls": (lambda: short(GOA, "MPK/26-27/TI-0402", 2, delivered(GOA, "MPK/26-27/TI-0402", "LBL-750")), lambda: units_credit(GOA, "MPK/26-27/TI-0402", 2, 24 - 22)),
 "b94-goa-cuncolim-wrong-tape": (lambda: short(GOA, "MPK/26-27/TI-0409", 2, delivered(GOA, "MPK/26-27/TI-0409", "BOPP-TAPE")), lambda: units_credit(GOA, "MPK/26-27/TI-0409", 2, 6 - 4)),
 "b94-goa-cuncolim-not-a-duplicate": (lambda: inv_total(GOA, "MPK/26-27/TI-0416") if same_basis_duplicate(GOA, "MPK/26-27/TI-0416", "MPK/26-27/TI-0409") else Z, lambda: inv_total(GOA, "MPK/26-27/TI-0416")),
 "b94-goa-sancoale-sez-gst": (lambda: inv_tax(GOA, "MPK/26-27/TI-0366") if tax_exempt(GOA, "MPK/26-27/TI-0366") else Z, lambda: inv_tax(GOA, "MPK/26-27/TI-0366")),
 "b94-goa-sancoale-foam-count": (None, lambda: units_credit(GOA, "MPK/26-27/TI-0391", 2, 4000 - 3200)),
 "b94-goa-addu-bale-count": (lambda: short(GOA, "MPK/26-27/TI-0344", 1, delivered(GOA, "MPK/26-27/TI-0344", "CTN-TUNA-48")), lambda: units_credit(GOA, "MPK/26-27/TI-0344", 1, 60000 - 244 * 240)),
 "b94-goa-addu-pallets": (lambda: Z if (fee_on_po(GOA, "MPK/26-27/TI-0399", "other") or notes_name(GOA, "MPK/26-27/TI-0399", "pallet")) else fee(GOA, "MPK/26-27/TI-0399", "other"), lambda: fee(GOA, "MPK/26-27/TI-0399", "other")),
 "b94-goa-souza-neft-paid": (lambda: unapplied_payment(GOA, "MPK/26-27/TI-0357", "2026-11-28"), lambda: open_bal(GOA, "MPK/26-27/TI-0357")),
 "b94-goa-souza-packets-of-50": (lambda: short(GOA, "MPK/26-27/TI-0412", 1, delivered(GOA, "MPK/26-27/TI-0412", "CAKE-BOX")), lambda: units_credit(GOA, "MPK/26-27/TI-0412", 1, 30 - D(30 * 50) / 100)),
 # Huíla / Namibe (AOA; NAD 53.4000 / 52.8500)
 "b94-ao-tundavala-npk-sacos": (lambda: short(AO, "AHR/26/F0386", 1, delivered(AO, "AHR/26/F0386", "NPK-122412")), lambda: units_credit(AO, "AHR/26/F0386", 1, D(16 * 50) / 1000)),
 "b94-ao-tundavala-calcario-pesagem": (lambda: short(AO, "AHR/26/F0402", 1, delivered(AO, "AHR/26/F0402", "CAL-DOLOM")), lambda: units_credit(AO, "AHR/26/F0402", 1, 60 - 57)),
 "b94-ao-tundavala-requisicao-anulada": (lambda: Z if po_defect(AO, "AHR/26/F0411") else None, lambda: inv_total(AO, "AHR/26/F0411")),
 "b94-ao-matala-semente-errada": (lambda: short(AO, "AHR/26/F0391", 1, delivered(AO, "AHR/26/F0391", "SEM-MILHO-25")), lambda: units_credit(AO, "AHR/26/F0391", 1, 10)),
 "b94-ao-matala-juros": (lambda: fee_not_owed(AO, "AHR/26/F0377", T_AO), lambda: fee(AO, "AHR/26/F0377", "late_fee")),
 "b94-ao-matala-herbicida-litros": (lambda: short(AO, "AHR/26/F0415", 1, delivered(AO, "AHR/26/F0415", "HERB-GLIF")), lambda: units_credit(AO, "AHR/26/F0415", 1, 30 - D(500) / 20)),
 "b94-ao-kuenda-iva": (lambda: inv_tax(AO, "AHR/26/F0397") if tax_exempt(AO, "AHR/26/F0397") else Z, lambda: inv_tax(AO, "AHR/26/F0397")),
 "b94-ao-kuenda-amostras-solo": (lambda: short(AO, "AHR/26/F0414", 1, logged(AO, "AHR/26/F0414", "ANALISE-SOLO")), lambda: units_credit(AO, "AHR/26/F0414", 1, 40 - 28)),
 "b94-ao-bero-rolos-amassados": (lambda: units_credit(AO, "AHR/26/N0081", 2, delivered(AO, "AHR/26/N0081", "FITA-GOTA", "damagedQuantity")), lambda: units_credit(AO, "AHR/26/N0081", 2, 3)),
 "b94-ao-bero-frete-leba": (None, lambda: fee(AO, "AHR/26/N0089", "freight")),
 "b94-ao-bero-segundo-camiao": (lambda: short(AO, "AHR/26/N0089", 1, delivered(AO, "AHR/26/N0089", "TUBO-PVC-63")), lambda: units_credit(AO, "AHR/26/N0089", 1, 160)),
 "b94-ao-giraul-transferencia": (None, lambda: open_bal(AO, "AHR/26/N0085")),
 "b94-ao-oshikango-torn-bags": (lambda: units_credit(AO, "AHR/26/F0420", 1, delivered(AO, "AHR/26/F0420", "NPK-122412", "damagedQuantity")), lambda: units_credit(AO, "AHR/26/F0420", 1, D(30 * 50) / 1000)),
 "b94-ao-oshikango-drip-twice": (lambda: inv_total(AO, "AHR/26/F0409") if same_basis_duplicate(AO, "AHR/26/F0409", "AHR/26/F0405") else Z, lambda: inv_total(AO, "AHR/26/F0409")),
}
NEEDS_INFO = {
 "b94-gq-fundacion-leche-recogida": lambda: not has_delivery(GQ, "BT-26-F00214", "LECHE-12"),
 "b94-goa-sancoale-foam-count": lambda: not has_delivery(GOA, "MPK/26-27/TI-0391", "FOAM-INSERT"),
 "b94-ao-bero-frete-leba": lambda: not fee_judgeable(AO, "AHR/26/N0089"),
 "b94-ao-giraul-transferencia": lambda: nothing_could_be_theirs(AO, "AHR/26/N0085", "2026-10-14", "GIR-CAL-0914"),
}
NO_CLAIM = {"b94-goa-cuncolim-withdrawn", "b94-ao-tundavala-pergunta-talao"}   # a withdrawn claim, a question
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}
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
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
po_numbers = {p["number"] for lg in ledgers.values() for p in lg.get("purchaseOrders", [])} | {"4500071399"}
inv_numbers = {i["number"] for lg in ledgers.values() for i in lg["invoices"]}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b94-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    for m in e.get("emailMentions", []):
        if m not in inv_numbers and m not in po_numbers and not (re.fullmatch(r"\d+(\.\d+)?", m) and D(m) < 1000): fail(f"{cid}: emailMentions {m} is not an invoice / PO number or an amount below 1,000")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()«»") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        if set(e) - {"noResolution", "mustNotHappen"}: fail(f"{cid}: noResolution with other checks")
        continue
    if cid in NO_CLAIM:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a case without a claim checks only mustNotHappen")
        continue
    num = e.get("invoiceNumber")
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    seq = re.search(r"(\d{4,5})$", num).group(1).lstrip("0")
    first = c["turns"][0]
    if "invoice" in e.get("neverAsks", []) and not re.search(rf"(?<!\d)0*{seq}(?!\d)", first): fail(f"{cid}: neverAsks invoice but the first turn does not name {num}")
    if "invoice" not in e.get("neverAsks", []) and len(c["turns"]) == 1: fail(f"{cid}: single turn naming the invoice should never ask for it")
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if D(e["disputedAmount"]) > inv_total(lgn, num): fail(f"{cid}: disputed above invoice total")
    if D(e["disputedAmount"]) <= 0: fail(f"{cid}: disputed not positive")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: listed as needs_info")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    if cl != "needs_info":
        defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if e.get("reasonCode") == "missing_po" and not (supported == 0 and act == "cancel_and_rebill"): fail(f"{cid}: missing PO is re-billed with nothing credited")
        if e.get("reasonCode") == "tax_error" and act == "cancel_and_rebill":
            if not all(l.get("taxRate") for l in inv_["lines"]): fail(f"{cid}: re-bill only when every line is taxed")
        if e.get("reasonCode") == "already_paid" and cl == "valid" and act != "apply_payment": fail(f"{cid}: a found payment is applied")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid" and act not in ("credit_memo", "cancel_and_rebill", "apply_payment"): fail(f"{cid}: valid with {act}")
        if cl == "valid" and act == "credit_memo" and e.get("reasonCode") in ("missing_po",): fail(f"{cid}: credit for an administrative defect")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    above_lead = supported is not None and e.get("action") == "credit_memo" and to_company(lgn, num, supported) > D(pol["approvalLimits"]["lead"])
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or above_lead)
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
        fail(f"{cid}: legal escalation expected")
    if e["stakeholders"][0] != TEAM[e["reasonCode"]]: fail(f"{cid}: first stakeholder {e['stakeholders'][0]} is not the routing table's {TEAM[e['reasonCode']]}")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
