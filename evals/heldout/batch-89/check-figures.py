#!/usr/bin/env python3
"""Batch-89 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-89/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"XOF": 0, "XAF": 0, "LYD": 3}  # USD, NGN, EUR: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

ML, NE, TD = "djoliba-vivres-xof.ledger.json", "goulbi-agro-intrants-xof.ledger.json", "chari-logone-materiaux-xaf.ledger.json"
T_ML, T_NE, T_TD = "2027-03-04", "2026-09-22", "2027-01-20"
TODAY = {ML: T_ML, NE: T_NE, TD: T_TD}
ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
if sorted(ledgers) != sorted([ML, NE, TD]): fail(f"ledgers: {sorted(ledgers)}")

def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur):
    return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else D("0")
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D("0"))
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), D("0"))
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), D("0"))
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), D("0"))
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)

# ---- ledgers: totals, statuses, references, terms, minor digits, remittances
NO_RATE = {"F0301/PF0270", "F0355/PF0311"}   # the LYD invoices have no rate, on purpose
OUTSIDE_CONTRACT = {"P-26-1209"}             # storage billed for August after the storage contract ended, on purpose
NO_CONTRACT_TERMS = 30                          # Moussa Djibrine has no contract: 30 days by custom
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
    for c in lg.get("contracts", []):
        for p in c["prices"]:
            if not decimals_ok(p["unitPrice"], c["currency"]): fail(f"{name} {c['id']}: price digits")
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
            start = i.get("servicePeriodStart", i["issueDate"]); end = i.get("servicePeriodEnd", i["issueDate"])
            inside = c["startDate"] <= start and end <= c.get("endDate", "9999")
            if inside == (i["number"] in OUTSIDE_CONTRACT): fail(f"{name} {i['number']}: billed period vs contract dates")
        elif days(i["issueDate"], i["dueDate"]) != NO_CONTRACT_TERMS: fail(f"{name} {i['number']}: due date")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur}")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {i['number']}: meant to lack a rate")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber"):
            i = invoice(lg, d["invoiceNumber"])
            if not any(l["sku"] == d["sku"] for l in i["lines"]): fail(f"{name} delivery {d['id']}: SKU not billed")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("invoiceNumber") and p["currency"] != invoice(lg, p["invoiceNumber"])["currency"]: fail(f"{name} payment {p['id']}: currency")
        for rm in p.get("remittance", []):
            i = invoice(lg, rm["invoiceNumber"])
            if D(rm["paid"]) + D(rm.get("deducted", "0")) != D(i["total"]): fail(f"{name} payment {p['id']}: paid + deducted != invoice total")
            if D(rm["paid"]) != D(p["amount"]): fail(f"{name} payment {p['id']}: remittance paid != amount")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} past dispute {d['id']}: unknown invoice")

# ---- numbering
# Mali: YY/NNNN/XX = year of issue, yearly sequence in date order, initials of the customer's account manager.
lg = ledgers[ML]; am = {c["id"]: "".join(w[0] for w in c["accountManager"].split()[:2]).upper() for c in lg["customers"]}
by_year = {}
for i in lg["invoices"]:
    m = re.fullmatch(r"(\d{2})/(\d{4})/([A-Z]{2})", i["number"])
    if not m: fail(f"ML {i['number']}: not YY/NNNN/XX"); continue
    if m.group(1) != i["issueDate"][2:4]: fail(f"ML {i['number']}: year prefix")
    if m.group(3) != am[i["customerId"]]: fail(f"ML {i['number']}: initials {m.group(3)} != account manager {am[i['customerId']]}")
    by_year.setdefault(m.group(1), []).append((int(m.group(2)), i["issueDate"]))
for y, v in by_year.items():
    v.sort()
    if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"ML 20{y}: sequence out of date order")
# Niger: X-26-NNNN, one shared sequence in date order; P = storage only, E = collected at the depot, L = delivered.
lg = ledgers[NE]; v = []
for i in lg["invoices"]:
    m = re.fullmatch(r"([LEP])-26-(\d{4})", i["number"])
    if not m: fail(f"NE {i['number']}: not X-26-NNNN"); continue
    v.append((int(m.group(2)), i["issueDate"]))
    storage = all(l["sku"] == "STOCK-TM" for l in i["lines"])
    pods = [d.get("proofOfDelivery", "") for d in lg["deliveries"] if d.get("invoiceNumber") == i["number"]]
    collected = any(("enlèvement" in p.lower()) or p.startswith("Collected") for p in pods)
    want = "P" if storage else ("E" if collected else "L")
    if pods or storage:
        if m.group(1) != want: fail(f"NE {i['number']}: series letter {m.group(1)}, documents say {want}")
v.sort()
if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail("NE: sequence out of date order")
# Chad: FNNNN/PFNNNN, invoice sequence and pro forma sequence both in date order (one pro forma may be invoiced twice).
lg = ledgers[TD]; v = []
for i in lg["invoices"]:
    m = re.fullmatch(r"F(\d{4})/PF(\d{4})", i["number"])
    if not m: fail(f"TD {i['number']}: not FNNNN/PFNNNN"); continue
    v.append((int(m.group(1)), int(m.group(2)), i["issueDate"]))
v.sort()
if any(a[2] > b[2] or a[1] > b[1] or a[0] == b[0] for a, b in zip(v, v[1:])): fail("TD: sequences out of date order")

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
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def every_taxed(lgn, num): return all(l.get("taxRate") for l in I(lgn, num)["lines"] if l["sku"] not in UNTAXED_GOODS)
UNTAXED_GOODS = {"LAIT-LAI-25"}   # 26/1194/AK: milk powder is exempt for everybody; every other line is taxed
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def deducted(lgn, num):
    return sum((D(rm.get("deducted", "0")) for p in ledgers[lgn].get("payments", []) for rm in p.get("remittance", []) if rm["invoiceNumber"] == num), D("0"))
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
def nothing_could_be_theirs(lgn, num, when_from, when_to):
    """No payment of the customer on this invoice, none unapplied, none in the dates they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or when_from <= p["date"] <= when_to for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"], x.get("taxRate")) == (y["sku"], y["quantity"], y["unitPrice"], y.get("taxRate"))
    fees = lambda i: sorted((f["type"], f["amount"]) for f in i.get("fees", []))
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and fees(a) == fees(b)
def one_delivery_for(lgn, original, dup):
    ds = ledgers[lgn].get("deliveries", [])
    return not any(d.get("invoiceNumber") == dup for d in ds)

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not (c and c.get("poRequired")): return False
    if not i.get("poNumber"): return True
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"

def fee_on_po(lgn, num, t):
    """The invoice's own PO lists the fee: a line with the same description at that amount."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(l.get("description", "").strip().lower() == f.get("description", "").strip().lower()
                            and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]) for l in po["lines"])
def fee_in_contract_notes(lgn, num, t, word, per_unit, units):
    """The contract's notes name the fee (by `word`) at a per-unit rate that gives exactly the amount billed."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    notes = (c or {}).get("notes", "").lower()
    return word.lower() in notes and per_unit in notes and D(per_unit.split()[0]) * units == D(f["amount"])
def log_rendered_whole(lgn, num, sku):
    i = I(lgn, num); l = next(l for l in i["lines"] if l["sku"] == sku)
    return logged(lgn, num, sku) >= l["quantity"]

Z = D("0")
R = {
 # Mali (XOF, 0 digits; USD at 603.1500 / 588.7200)
 "b89-ml-kati-penalite-grace": (lambda: fee_not_owed(ML, "26/1163/SD", T_ML), lambda: fee(ML, "26/1163/SD", "late_fee")),
 "b89-ml-kati-levure-retenue": (lambda: price_diff(ML, "27/0021/SD", 1), lambda: deducted(ML, "27/0021/SD")),
 "b89-ml-kati-farine-moisie": (lambda: units_credit(ML, "27/0052/SD", 1, delivered(ML, "27/0052/SD", "FAR-GMM-50", "damagedQuantity")), lambda: units_credit(ML, "27/0052/SD", 1, 2)),
 "b89-ml-coulibaly-sucre-eventre": (lambda: units_credit(ML, "26/1186/SD", 2, delivered(ML, "26/1186/SD", "SUC-SOS-50", "damagedQuantity")), lambda: units_credit(ML, "26/1186/SD", 2, 10)),
 "b89-ml-coulibaly-gambiaka-prix": (lambda: price_diff(ML, "26/1237/SD", 1), lambda: price_diff(ML, "26/1237/SD", 1, "20500")),
 "b89-ml-coulibaly-bidons-perces": (lambda: units_credit(ML, "27/0033/SD", 2, delivered(ML, "27/0033/SD", "HUI-DIN-20", "damagedQuantity")), lambda: units_credit(ML, "27/0033/SD", 2, 6)),
 "b89-ml-azar-retenue-lait": (lambda: units_credit(ML, "26/1179/AK", 2, delivered(ML, "26/1179/AK", "LCS-BR-48", "damagedQuantity")), lambda: deducted(ML, "26/1179/AK")),
 "b89-ml-azar-sans-bc": (lambda: Z if po_defect(ML, "26/1228/AK") else None, lambda: inv_total(ML, "26/1228/AK")),
 "b89-ml-azar-palettisation": (lambda: Z if fee_on_po(ML, "27/0026/AK", "service_fee") else fee(ML, "27/0026/AK", "service_fee"), lambda: fee(ML, "27/0026/AK", "service_fee")),
 "b89-ml-azar-dattes-refusees": (lambda: short(ML, "27/0026/AK", 3, delivered(ML, "27/0026/AK", "DAT-DGN-5")), lambda: units_credit(ML, "27/0026/AK", 3, 10)),
 "b89-ml-faleme-riz-court": (lambda: short(ML, "27/0008/OT", 1, delivered(ML, "27/0008/OT", "RIZ-RU25-50")), lambda: units_credit(ML, "27/0008/OT", 1, 8)),
 "b89-ml-faleme-lait-prix": (lambda: price_diff(ML, "26/1215/OT", 1), lambda: price_diff(ML, "26/1215/OT", 1)),
 "b89-ml-faleme-doublon": (lambda: inv_total(ML, "27/0041/OT") if same_basis_duplicate(ML, "27/0041/OT", "27/0036/OT") and one_delivery_for(ML, "27/0036/OT", "27/0041/OT") else Z, lambda: inv_total(ML, "27/0041/OT")),
 "b89-ml-faleme-virement": (lambda: unapplied_payment(ML, "26/1171/OT", "2026-12-02"), lambda: open_bal(ML, "26/1171/OT")),
 "b89-ml-ans-tva": (lambda: inv_tax(ML, "26/1194/AK") if tax_exempt(ML, "26/1194/AK") and every_taxed(ML, "26/1194/AK") else Z, lambda: inv_tax(ML, "26/1194/AK")),
 "b89-ml-ans-lait-sevare": (None, lambda: units_credit(ML, "27/0015/AK", 2, 4)),
 # Niger (XOF; NGN at 0.3870 / 0.3710)
 "b89-ne-dankassawa-penalites": (lambda: fee_not_owed(NE, "L-26-1116", T_NE), lambda: fee(NE, "L-26-1116", "late_fee")),
 "b89-ne-dankassawa-lances": (lambda: units_credit(NE, "L-26-1138", 1, delivered(NE, "L-26-1138", "PULV-MAT16", "damagedQuantity")), lambda: units_credit(NE, "L-26-1138", 1, 2)),
 "b89-ne-dankassawa-technicien": (lambda: dates_credit(NE, "L-26-1138", 5, "TECH-JOUR", ["2026-06-30", "2026-07-01"]), lambda: units_credit(NE, "L-26-1138", 5, 2)),
 "b89-ne-dankassawa-doublon": (lambda: inv_total(NE, "L-26-1181") if same_basis_duplicate(NE, "L-26-1181", "L-26-1174") and one_delivery_for(NE, "L-26-1174", "L-26-1181") else Z, lambda: inv_total(NE, "L-26-1181")),
 "b89-ne-albarka-npk-prix": (lambda: price_diff(NE, "L-26-1131", 1), lambda: price_diff(NE, "L-26-1131", 1)),
 "b89-ne-albarka-paye-depot": (None, lambda: open_bal(NE, "E-26-1167")),
 "b89-ne-albarka-mil-enlevement": (lambda: short(NE, "E-26-1104", 3, delivered(NE, "E-26-1104", "SEM-MIL-HKP")), lambda: units_credit(NE, "E-26-1104", 3, 8)),
 "b89-ne-paip-tva": (lambda: inv_tax(NE, "L-26-1112") if tax_exempt(NE, "L-26-1112") and every_taxed(NE, "L-26-1112") else Z, lambda: deducted(NE, "L-26-1112")),
 "b89-ne-paip-bc-annule": (lambda: Z if po_defect(NE, "L-26-1153") else None, lambda: inv_total(NE, "L-26-1153")),
 "b89-ne-kano-onion-short": (lambda: short(NE, "L-26-1119", 1, delivered(NE, "L-26-1119", "SEM-OIG-VGAL")), lambda: units_credit(NE, "L-26-1119", 1, 6)),
 "b89-ne-kano-karate-deduction": (lambda: price_diff(NE, "E-26-1146", 2), lambda: deducted(NE, "E-26-1146")),
 "b89-ne-kano-ecobank": (lambda: unapplied_payment(NE, "E-26-1188", "2026-09-03"), lambda: open_bal(NE, "E-26-1188")),
 "b89-ne-kano-tins-crushed": (lambda: units_credit(NE, "L-26-1216", 1, delivered(NE, "L-26-1216", "SEM-OIG-VGAL", "damagedQuantity")), lambda: units_credit(NE, "L-26-1216", 1, 12)),
 "b89-ne-issoufou-stockage-aout": (lambda: outside_contract(NE, "P-26-1209"), lambda: D("813960")),
 "b89-ne-issoufou-manutention": (lambda: Z if fee_in_contract_notes(NE, "E-26-1195", "service_fee", "manutention", "120 f cfa par sac", delivered(NE, "E-26-1195", "UREE-46-50")) else fee(NE, "E-26-1195", "service_fee"), lambda: fee(NE, "E-26-1195", "service_fee")),
 "b89-ne-issoufou-magasin-mai": (lambda: Z if log_rendered_whole(NE, "P-26-1121", "STOCK-TM") else None, lambda: inv_total(NE, "P-26-1121")),
 # Chad (XAF, 0 digits; EUR at 655.957; no LYD rate)
 "b89-td-alnour-ciment-diguel": (lambda: short(TD, "F0286/PF0259", 1, delivered(TD, "F0286/PF0259", "CIM-DAN-50")), lambda: units_credit(TD, "F0286/PF0259", 1, 60)),
 "b89-td-alnour-sans-bc": (lambda: Z if po_defect(TD, "F0322/PF0291") else None, lambda: inv_total(TD, "F0322/PF0291")),
 "b89-td-alnour-transport": (lambda: Z if fee_on_po(TD, "F0336/PF0298", "freight") else fee(TD, "F0336/PF0298", "freight"), lambda: fee(TD, "F0336/PF0298", "freight")),
 "b89-td-alnour-carreaux": (lambda: units_credit(TD, "F0336/PF0298", 1, delivered(TD, "F0336/PF0298", "CARR-6060", "damagedQuantity")), lambda: units_credit(TD, "F0336/PF0298", 1, 36)),
 "b89-td-abakar-interets": (lambda: fee_not_owed(TD, "F0279/PF0251", T_TD), lambda: fee(TD, "F0279/PF0251", "late_fee")),
 "b89-td-abakar-plaquettes": (lambda: price_diff(TD, "F0309/PF0277", 3), lambda: price_diff(TD, "F0309/PF0277", 3)),
 "b89-td-abakar-fut-perce": (lambda: units_credit(TD, "F0361/PF0316", 1, delivered(TD, "F0361/PF0316", "HUILE-RUB", "damagedQuantity")), lambda: units_credit(TD, "F0361/PF0316", 1, 1)),
 "b89-td-abakar-pose-embrayage": (lambda: short(TD, "F0309/PF0277", 2, logged(TD, "F0309/PF0277", "POSE-EMB")), lambda: units_credit(TD, "F0309/PF0277", 2, 1)),
 "b89-td-set-tva": (lambda: inv_tax(TD, "F0294/PF0262") if tax_exempt(TD, "F0294/PF0262") and every_taxed(TD, "F0294/PF0262") else Z, lambda: deducted(TD, "F0294/PF0262")),
 "b89-td-set-toles": (lambda: units_credit(TD, "F0330/PF0296", 1, delivered(TD, "F0330/PF0296", "TOLE-BAC-35", "damagedQuantity")), lambda: units_credit(TD, "F0330/PF0296", 1, 25)),
 "b89-td-set-pvc-devis": (lambda: price_diff(TD, "F0368/PF0320", 2), lambda: price_diff(TD, "F0368/PF0320", 2, "19.80")),
 "b89-td-alwafa-filtres": (lambda: short(TD, "F0301/PF0270", 2, delivered(TD, "F0301/PF0270", "FLT-LF9009")), lambda: units_credit(TD, "F0301/PF0270", 2, 4)),
 "b89-td-alwafa-paye-faya": (None, lambda: open_bal(TD, "F0355/PF0311")),
 "b89-td-moussa-toles-prix": (lambda: price_diff(TD, "F0315/PF0283", 1), lambda: price_diff(TD, "F0315/PF0283", 1)),
 "b89-td-moussa-doublon": (lambda: inv_total(TD, "F0349/PF0305") if same_basis_duplicate(TD, "F0349/PF0305", "F0342/PF0305") and one_delivery_for(TD, "F0342/PF0305", "F0349/PF0305") else Z, lambda: inv_total(TD, "F0349/PF0305")),
}
NEEDS_INFO = {
 "b89-ml-ans-lait-sevare": lambda: not has_delivery(ML, "27/0015/AK", "LAIT-LAI-25"),
 "b89-ne-albarka-paye-depot": lambda: nothing_could_be_theirs(NE, "E-26-1167", "2026-09-02", "2026-09-03"),
 "b89-td-alwafa-paye-faya": lambda: nothing_could_be_theirs(TD, "F0355/PF0311", "2027-01-15", "2027-01-15"),
}
# cases whose claim needs a rule beyond the recipe: the contract price (not the customer's figure) decides
CONTRACT_PRICE_USED = {"b89-ml-coulibaly-gambiaka-prix": ("26/1237/SD", 1), "b89-ne-kano-karate-deduction": ("E-26-1146", 2), "b89-td-set-pvc-devis": ("F0368/PF0320", 2)}
for cid, (num, n) in CONTRACT_PRICE_USED.items():
    lgn = {"ml": ML, "ne": NE, "td": TD}[cid.split("-")[1]]
    if contract_price(lgn, num, line(I(lgn, num), n)["sku"]) is None: fail(f"{cid}: no contract price")
# the PO price decides when the customer has no contract
if contract_of(ledgers[TD], I(TD, "F0315/PF0283")) is not None or po_price(TD, "F0315/PF0283", "TOLE-BAC-35") != "9800": fail("moussa: PO price")
# the technician claim names two dates; the per-day logs and the logged count give the same single unit
if dates_credit(NE, "L-26-1138", 5, "TECH-JOUR", ["2026-06-30", "2026-07-01"]) != short(NE, "L-26-1138", 5, logged(NE, "L-26-1138", "TECH-JOUR")): fail("technician: dates vs count")
# the withdrawn claim and the question name nothing that moves money; the unknown invoice is absent
if not any(i["number"] == "E-26-1203" for i in ledgers[NE]["invoices"]): fail("withdrawn claim's invoice missing")

ADMIN_DEFECT = {"missing_po", "tax_error"}
def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b89-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if not ALL4 <= set(e.get("mustNotHappen", [])): fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    if "invoice" in e.get("neverAsks", []) and e.get("invoiceNumber") not in first: fail(f"{cid}: neverAsks invoice but turn 1 does not name {e.get('invoiceNumber')}")
    if e.get("invoiceNumber") and e["invoiceNumber"] in first and e["invoiceNumber"] not in " ".join(c["turns"][1:]) and "invoice" not in e.get("neverAsks", []) and not any(n in first for n in nums - {e["invoiceNumber"]}):
        fail(f"{cid}: turn 1 names the invoice but neverAsks omits it")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.,]+", m) and D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} is not below 1,000")
        if not re.fullmatch(r"[\d.,]+", m) and not any(m in t for t in c["turns"]) and not any(m == p["number"] for p in lg.get("purchaseOrders", [])) and m != e.get("invoiceNumber"):
            fail(f"{cid}: emailMentions {m} is neither said nor a ledger PO")
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()«»") for t in c["turns"] for w in t.split() if re.search(r"\d{2}/\d{4}/|[LEP]-26-|F\d{4}/", w)]
        if not named: fail(f"{cid}: noResolution but no invoice-like number")
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if "invoiceNumber" not in e:
        if "classification" in e: fail(f"{cid}: classification without invoice")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if num not in " ".join(c["turns"]) and cid != "b89-td-alnour-carreaux": fail(f"{cid}: the invoice is never named")
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
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no evidence"); continue
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
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "tax_error": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e.get("reasonCode"), "credit_memo")
            if act != want: fail(f"{cid}: valid {e.get('reasonCode')} with {act}, expected {want}")
    if "escalation" in e:
        pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
        amount = disputed if disputed is not None else supported
        conv = to_company(lgn, num, amount)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
        # a remittance deduction may open a dispute by itself on import: the outcome must not hinge on counting it
        if not esc and deducted(lgn, num) > 0 and recent + 1 >= pol["repeatDisputeCount"]: fail(f"{cid}: escalation would flip if the remittance dispute were counted")
        if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
            fail(f"{cid}: legal escalation expected")
    if e.get("reasonCode") and e.get("stakeholders") and e["stakeholders"][0] != TEAM[e["reasonCode"]]:
        fail(f"{cid}: first stakeholder {e['stakeholders'][0]} is not the routing table's {TEAM[e['reasonCode']]}")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {sum(cnt.values())} cases {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
