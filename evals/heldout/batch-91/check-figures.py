#!/usr/bin/env python3
"""Batch-91 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, prices, tax rates and terms, the three numbering schemes, and
the classification / action / write-off / escalation rules of DOMAIN.md, with policy amounts in the
company currency (FX at the latest rate on or before the invoice date, half-up once; no rate: escalate).
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-91/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "XOF": 0, "XAF": 0}  # EUR, USD, CHF: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
KS, LB, TM = "kansala-solar-xof.ledger.json", "lavanderia-bioko-xaf.ledger.json", "titano-meccanica-eur.ledger.json"
if set(ledgers) != {KS, LB, TM}: fail(f"ledger files: {sorted(ledgers)}")

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

# ---- ledgers: totals, statuses, references, terms, minor digits, prices and tax rates
NO_RATE = {"E/424/26"}                       # the USD invoice of the San Marino ledger has no rate, on purpose
INTENDED_PRICE = {("KSB-F26/0288", "PV-550"), ("1216/2026-M", "LIN-RENT"), ("E/402/26", "BUSH-BR"), ("E/396/26", "FAI"), ("E/424/26", "GEAR-M2")}
INTENDED_TAX = {("KSB-F26/0350", "OM-VISIT"), ("KSB-F26/0310", "FRIDGE-SD"), ("KSB-F26/0310", "INST-DAY"),
                ("1199/2026-M", "BOOT-S3"), ("1199/2026-M", "GLOVE-NIT"), ("E/433/26", "ROLL-SHAFT")}
INTENDED_NOT_ON_PO = {("E/298/26", "SETUP")}   # the set-up batches are priced by the contract, not ordered on the PO
INTENDED_PO_MISMATCH = {"ALB-1204"}          # goods received against the replacement PO, invoice quotes the cancelled one
GOODS = {"PV-550", "BAT-LI5", "INV-8K", "CAB-6MM", "PUMP-SUB", "FRIDGE-SD", "BUSH-BR", "ROLL-SHAFT", "CYL-ROD", "FLANGE-D80", "PIN-H7", "GEAR-M2",
         "BOOT-S3", "HELM", "GLOVE-NIT", "VEST-HV", "COV-NEW", "UNIF-CHEF"}
def expected_rate(lgn, inv, l):
    """The tax regime each ledger states (README): Guinea-Bissau IGV 17 % goods / 10 % services, none for the
    exempt foundation and the EUR head office; Equatorial Guinea IVA 15 %, none for the exempt oil-service base;
    San Marino monofase 17 % on goods for the San Marino customer only."""
    cust = next(c for c in ledgers[lgn]["customers"] if c["id"] == inv["customerId"])
    if cust.get("taxExempt") or inv["currency"] != home(ledgers[lgn]): return None
    if lgn == KS: return "0.17" if l["sku"] in GOODS else "0.10"
    if lgn == LB: return "0.15"
    return "0.17" if l["sku"] in GOODS else None

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
            want = expected_rate(name, i, l)
            if (l.get("taxRate") != want) != ((i["number"], l["sku"]) in INTENDED_TAX): fail(f"{name} {i['number']} {l['sku']}: tax rate {l.get('taxRate')} vs regime {want}")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if cp is None: fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
                elif (D(cp) != D(l["unitPrice"])) != ((i["number"], l["sku"]) in INTENDED_PRICE): fail(f"{name} {i['number']} {l['sku']}: billed {l['unitPrice']} vs contract {cp}")
        elif days(i["issueDate"], i["dueDate"]) != 30: fail(f"{name} {i['number']}: no contract, due date not 30 days")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {i['number']}: meant to lack a rate")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos:
            if pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
            if pos[po].get("currency", cur0) != cur: fail(f"{name} {i['number']}: PO currency")
            for l in i["lines"]:
                pl = next((x for x in pos[po]["lines"] if x["sku"] == l["sku"]), None)
                if not pl:
                    if (i["number"], l["sku"]) not in INTENDED_NOT_ON_PO: fail(f"{name} {i['number']}: {l['sku']} not on PO {po}")
                elif (D(pl["unitPrice"]) != D(l["unitPrice"])) != ((i["number"], l["sku"]) in INTENDED_PRICE): fail(f"{name} {i['number']} {l['sku']}: PO price {pl['unitPrice']}")
        p, cr, t = paid(lg, i["number"]), credited(lg, i["number"]), D(i["total"])
        want = "paid" if p + cr >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments and credits say {want}")
        if i.get("servicePeriodStart") and not (i["servicePeriodStart"] <= i["servicePeriodEnd"] <= i["issueDate"]): fail(f"{name} {i['number']}: service period after issue")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber") and d.get("poNumber"):
            ip = invoice(lg, d["invoiceNumber"]).get("poNumber")
            if (ip != d["poNumber"]) != (d["id"] in INTENDED_PO_MISMATCH): fail(f"{name} delivery {d['id']}: PO {d['poNumber']} vs invoice PO {ip}")
        if d.get("invoiceNumber") and d["deliveredDate"] > invoice(lg, d["invoiceNumber"])["issueDate"]: fail(f"{name} delivery {d['id']}: after the invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber") and invoice(lg, s["invoiceNumber"])["customerId"] != s["customerId"]: fail(f"{name} log {s['id']}: customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
    for m in lg.get("creditMemos", []):
        if m["invoiceNumber"] not in nums: fail(f"{name} credit memo {m['number']}: unknown invoice")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} past dispute {d['id']}: unknown invoice")

# ---- numbering: KSB-F26/NNNN (one yearly sequence), NNNN/2026-M|B (a sequence per branch, Malabo / Bata),
# E/N/26 and S/N/26 (unpadded, a sequence per series: S = San Marino customers, E = Italy and abroad); all in date order.
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
ks = ledgers[KS]["invoices"]
if not all(re.fullmatch(r"KSB-F26/\d{4}", i["number"]) and i["issueDate"].startswith("2026") for i in ks): fail("KS numbering")
if not seq_ok(ks, lambda i: int(i["number"][-4:])): fail("KS: sequence out of date order")
for br in "MB":
    v = [i for i in ledgers[LB]["invoices"] if i["number"].endswith(f"/2026-{br}")]
    if not seq_ok(v, lambda i: int(i["number"][:4])): fail(f"LB branch {br}: sequence out of date order")
if not all(re.fullmatch(r"\d{4}/2026-[MB]", i["number"]) for i in ledgers[LB]["invoices"]): fail("LB numbering")
bata = {"LB-03", "LB-04"}
for i in ledgers[LB]["invoices"]:
    if (i["number"][-1] == "B") != (i["customerId"] in bata): fail(f"{i['number']}: branch letter does not match the customer's branch")
for ser in "ES":
    v = [i for i in ledgers[TM]["invoices"] if i["number"].startswith(f"{ser}/")]
    if not all(re.fullmatch(rf"{ser}/[1-9]\d*/26", i["number"]) for i in v): fail("TM numbering")
    if not seq_ok(v, lambda i: int(i["number"].split("/")[1])): fail(f"TM series {ser}: sequence out of date order")
for i in ledgers[TM]["invoices"]:
    if (i["number"][0] == "S") != (i["customerId"] == "TM-103"): fail(f"{i['number']}: series letter does not match the customer's country")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_of(lgn, num):
    i = I(lgn, num); return next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
def po_price(lgn, num, sku):
    po = po_of(lgn, num)
    if not po or po.get("currency", home(ledgers[lgn])) != I(lgn, num)["currency"]: return None
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None)
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def units_credit_direct(lgn, num, n, units):   # units x price with their own tax: must agree with units_credit
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    n_ = r(D(l["unitPrice"]) * D(str(units)), cur); return n_ + tax(l, n_, cur)
def delivered(lgn, num, sku, field="quantity"):
    return sum(D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted):
    units = max(billed_qty(lgn, num, n) - D(str(counted)), D("0"))
    a, b = units_credit(lgn, num, n, units), units_credit_direct(lgn, num, n, units)
    if a != b: fail(f"{num} line {n}: {units} units give {a} by difference of grosses but {b} directly (rounding ambiguity)")
    return a
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
def every_taxed_line_wrong(lgn, num): return all(l.get("taxRate") for l in I(lgn, num)["lines"] if l.get("taxRate")) and tax_exempt(lgn, num)
def usual_rate(lgn, num, sku):
    """The rate the customer's other invoices use for the same SKU (None if no other invoice has it)."""
    i = I(lgn, num)
    rates = {l.get("taxRate") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for l in o["lines"] if l["sku"] == sku}
    return rates.pop() if len(rates) == 1 else None
def rate_overcharge(lgn, num, n):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; u = usual_rate(lgn, num, l["sku"])
    if u is None: return None
    nn = net(l, cur); return max(tax(l, nn, cur) - tax(l, nn, cur, u), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
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
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def any_unapplied(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num)
    return any(p["customerId"] == i["customerId"] and not p.get("invoiceNumber") for p in lg["payments"])

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if (a.get("poNumber") or None) != (b.get("poNumber") or None): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"], x.get("taxRate")) == (y["sku"], y["quantity"], y["unitPrice"], y.get("taxRate"))
    fees = lambda i: sorted((f["type"], f["amount"]) for f in i.get("fees", []))
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and fees(a) == fees(b)

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
def fee_in_contract(lgn, num, t):
    """The contract prices the fee or its notes name it (by its description or type)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    if not c: return False
    notes = c.get("notes", "").lower()
    return f.get("description", "").lower() in notes or t.replace("_", " ") in notes or any(p.get("description", "").lower() == f.get("description", "").lower() for p in c["prices"])
def line_supported_by_contract(lgn, num, n):
    i = I(lgn, num); l = line(i, n); cp = contract_price(lgn, num, l["sku"]); return cp is not None and D(cp) == D(l["unitPrice"])

Z = D("0")
KS_T = {c: None for c in ()}
def today_of(cid): return CASES[cid]["today"]
R = {
 # Guinea-Bissau (XOF, 0 digits; EUR at 655.957)
 "b91-gw-cajunobre-panel-price": (lambda: price_diff(KS, "KSB-F26/0288", 1), lambda: price_diff(KS, "KSB-F26/0288", 1)),
 "b91-gw-cajunobre-cable-short": (lambda: short(KS, "KSB-F26/0301", 1, delivered(KS, "KSB-F26/0301", "CAB-6MM")), lambda: short(KS, "KSB-F26/0301", 1, 500)),
 "b91-gw-cajunobre-sem-pedido": (lambda: Z if po_defect(KS, "KSB-F26/0333") else None, lambda: inv_total(KS, "KSB-F26/0333")),
 "b91-gw-cajunobre-visit-tax": (lambda: rate_overcharge(KS, "KSB-F26/0350", 1), lambda: rate_overcharge(KS, "KSB-F26/0350", 1)),
 "b91-gw-kasa-cracked-panels": (lambda: units_credit(KS, "KSB-F26/0247", 1, delivered(KS, "KSB-F26/0247", "PV-550", "damagedQuantity")), lambda: units_credit(KS, "KSB-F26/0247", 1, 3)),
 "b91-gw-kasa-visits-boat": (lambda: dates_credit(KS, "KSB-F26/0339", 1, "OM-VISIT", ["2026-09-17", "2026-09-24"]), lambda: units_credit(KS, "KSB-F26/0339", 1, 2)),
 "b91-gw-kasa-juros": (lambda: fee_not_owed(KS, "KSB-F26/0298", today_of("b91-gw-kasa-juros")), lambda: fee(KS, "KSB-F26/0298", "late_fee")),
 "b91-gw-kasa-transfer-paid": (lambda: unapplied_payment(KS, "KSB-F26/0363", "2026-11-03"), lambda: open_bal(KS, "KSB-F26/0363")),
 "b91-gw-tabanka-igv-exempt": (lambda: inv_tax(KS, "KSB-F26/0310") if tax_exempt(KS, "KSB-F26/0310") else Z, lambda: inv_tax(KS, "KSB-F26/0310")),
 "b91-gw-tabanka-bolama-boat": (lambda: Z if fee_on_po(KS, "KSB-F26/0310", "freight") else fee(KS, "KSB-F26/0310", "freight"), lambda: fee(KS, "KSB-F26/0310", "freight")),
 "b91-gw-tabanka-install-days": (lambda: short(KS, "KSB-F26/0344", 2, logged(KS, "KSB-F26/0344", "INST-DAY")), lambda: short(KS, "KSB-F26/0344", 2, 3)),
 "b91-gw-atlantico-after-contract": (lambda: outside_contract(KS, "KSB-F26/0338"), lambda: D("900.00")),
 "b91-gw-atlantico-pump-quote": (lambda: price_diff(KS, "KSB-F26/0274", 1), lambda: price_diff(KS, "KSB-F26/0274", 1, "1500.00")),
 "b91-gw-torrelink-september-twice": (lambda: inv_total(KS, "KSB-F26/0347") if same_basis_duplicate(KS, "KSB-F26/0347", "KSB-F26/0341") else Z, lambda: inv_total(KS, "KSB-F26/0347")),
 "b91-gw-torrelink-callout-dates": (None, lambda: units_credit(KS, "KSB-F26/0378", 1, 2)),
 # Equatorial Guinea (XAF, 0 digits; USD at 566.2500 / 574.8000)
 "b91-gq-sipopo-weight-tickets": (lambda: short(LB, "1184/2026-M", 1, delivered(LB, "1184/2026-M", "LAV-KG")), lambda: short(LB, "1184/2026-M", 1, D("1363.6"))),
 "b91-gq-sipopo-pickups": (lambda: short(LB, "1184/2026-M", 2, logged(LB, "1184/2026-M", "PICKUP")), lambda: short(LB, "1184/2026-M", 2, 24)),
 "b91-gq-sipopo-linen-rate": (lambda: price_diff(LB, "1216/2026-M", 1), lambda: price_diff(LB, "1216/2026-M", 1)),
 "b91-gq-peos-september-twice": (lambda: inv_total(LB, "1193/2026-M") if same_basis_duplicate(LB, "1193/2026-M", "1186/2026-M") else Z, lambda: inv_total(LB, "1193/2026-M")),
 "b91-gq-peos-iva-exempt": (lambda: inv_tax(LB, "1199/2026-M") if tax_exempt(LB, "1199/2026-M") else Z, lambda: inv_tax(LB, "1199/2026-M")),
 "b91-gq-peos-cancelled-po": (lambda: Z if po_defect(LB, "1204/2026-M") else None, lambda: inv_total(LB, "1204/2026-M")),
 "b91-gq-peos-july-wire": (lambda: unapplied_payment(LB, "1121/2026-M", "2026-09-07"), lambda: open_bal(LB, "1121/2026-M")),
 "b91-gq-peos-october-coveralls": (lambda: short(LB, "1223/2026-M", 1, logged(LB, "1223/2026-M", "COV-WASH")), lambda: short(LB, "1223/2026-M", 1, 2750)),
 "b91-gq-huaxing-boot-soles": (lambda: units_credit(LB, "0361/2026-B", 1, delivered(LB, "0361/2026-B", "BOOT-S3", "damagedQuantity")), lambda: units_credit(LB, "0361/2026-B", 1, 8)),
 "b91-gq-huaxing-helmet-price": (lambda: price_diff(LB, "0361/2026-B", 2), lambda: price_diff(LB, "0361/2026-B", 2, "8000")),
 "b91-gq-huaxing-mongomo-freight": (lambda: Z if (fee_on_po(LB, "0384/2026-B", "freight") or fee_in_contract(LB, "0384/2026-B", "freight")) else fee(LB, "0384/2026-B", "freight"), lambda: fee(LB, "0384/2026-B", "freight")),
 "b91-gq-huaxing-october-washing": (lambda: short(LB, "0402/2026-B", 1, logged(LB, "0402/2026-B", "COV-WASH")), lambda: short(LB, "0402/2026-B", 1, 1520)),
 "b91-gq-lapaz-recargo": (lambda: fee_not_owed(LB, "0338/2026-B", today_of("b91-gq-lapaz-recargo")), lambda: fee(LB, "0338/2026-B", "late_fee")),
 "b91-gq-lapaz-stained-gowns": (lambda: short(LB, "0379/2026-B", 1, logged(LB, "0379/2026-B", "GOWN-WASH")), lambda: short(LB, "0379/2026-B", 1, 550)),
 "b91-gq-isla-october-linen": (lambda: outside_contract(LB, "1217/2026-M"), lambda: inv_total(LB, "1217/2026-M")),
 "b91-gq-isla-chef-uniforms": (None, lambda: units_credit(LB, "1158/2026-M", 1, 8)),
 # San Marino (EUR; CHF at 1.0650 / 1.0712; no USD rate)
 "b91-sm-valconca-bushing-price": (lambda: price_diff(TM, "E/402/26", 1), lambda: price_diff(TM, "E/402/26", 1)),
 "b91-sm-valconca-senza-oda": (lambda: Z if po_defect(TM, "E/415/26") else None, lambda: inv_total(TM, "E/415/26")),
 "b91-sm-valconca-monofase": (lambda: inv_tax(TM, "E/433/26") if tax_exempt(TM, "E/433/26") else Z, lambda: inv_tax(TM, "E/433/26")),
 "b91-sm-valconca-setup-old": (lambda: Z if line_supported_by_contract(TM, "E/298/26", 2) else line_gross(TM, "E/298/26", 2), lambda: line_gross(TM, "E/298/26", 2)),
 "b91-sm-valconca-bent-shafts": (None, lambda: units_credit(TM, "E/447/26", 1, 4)),
 "b91-sm-marecchia-scratched-rods": (lambda: units_credit(TM, "E/389/26", 1, delivered(TM, "E/389/26", "CYL-ROD", "damagedQuantity")), lambda: units_credit(TM, "E/389/26", 1, 12)),
 "b91-sm-marecchia-express-freight": (lambda: Z if fee_on_po(TM, "E/421/26", "freight") else fee(TM, "E/421/26", "freight"), lambda: fee(TM, "E/421/26", "freight")),
 "b91-sm-marecchia-copy-invoice": (lambda: inv_total(TM, "E/427/26") if same_basis_duplicate(TM, "E/427/26", "E/421/26") else Z, lambda: inv_total(TM, "E/427/26")),
 "b91-sm-marecchia-mould-hours": (lambda: short(TM, "E/440/26", 1, logged(TM, "E/440/26", "MOULD-REP")), lambda: short(TM, "E/440/26", 1, 12)),
 "b91-sm-borgo-regrind-count": (lambda: short(TM, "S/204/26", 1, logged(TM, "S/204/26", "GRIND-TOOL")), lambda: short(TM, "S/204/26", 1, 58)),
 "b91-sm-borgo-interessi": (lambda: fee_not_owed(TM, "S/188/26", today_of("b91-sm-borgo-interessi")), lambda: fee(TM, "S/188/26", "late_fee")),
 "b91-sm-borgo-paid-in-full": (lambda: unapplied_payment(TM, "S/211/26", "2026-10-20") if any_unapplied(TM, "S/211/26") else Z, lambda: open_bal(TM, "S/211/26")),
 "b91-sm-rheintal-fai-rate": (lambda: price_diff(TM, "E/396/26", 2), lambda: price_diff(TM, "E/396/26", 2, "170.00")),
 "b91-sm-rheintal-pins-short": (lambda: short(TM, "E/436/26", 1, delivered(TM, "E/436/26", "PIN-H7")), lambda: short(TM, "E/436/26", 1, 4800)),
 "b91-sm-greatlakes-gear-price": (lambda: price_diff(TM, "E/424/26", 1), lambda: price_diff(TM, "E/424/26", 1)),
}
NEEDS_INFO = {
 "b91-gw-torrelink-callout-dates": lambda: unserved_dates(KS, "KSB-F26/0378", "CALLOUT", ["2026-10-06", "2026-10-07"]) is None,
 "b91-gq-isla-chef-uniforms": lambda: not has_delivery(LB, "1158/2026-M", "UNIF-CHEF"),
 "b91-sm-valconca-bent-shafts": lambda: not has_delivery(TM, "E/447/26", "ROLL-SHAFT"),
}
NO_CLASSIFICATION = {"b91-gw-cajunobre-0381-question", "b91-gw-unknown-invoice", "b91-gq-isla-unknown-invoice", "b91-sm-borgo-withdrawn"}
REBILL_EXPECTED = lambda e, lgn, num: (e.get("reasonCode") == "missing_po" and po_defect(lgn, num)) or (e.get("reasonCode") == "tax_error" and every_taxed_line_wrong(lgn, num))

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}
def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
CASES = {c["id"]: c for c in cases}
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b91-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if not c["today"].startswith("2026-11") or date.fromisoformat(c["today"]).weekday() > 4 or c["today"] in ledgers[lgn]["policy"].get("holidays", []):
        fail(f"{cid}: today {c['today']} is not a November working day at that desk")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    for d in lg.get("pastDisputes", []):
        if d["openedDate"] >= c["today"]: fail(f"{cid}: past dispute {d['id']} opened on or after today")
    if cid in NO_CLASSIFICATION:
        if set(e) - {"mustNotHappen", "noResolution"}: fail(f"{cid}: a case without a classification checks only that no money moves")
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        if not any(re.fullmatch(r"KSB-F26/\d{4}|\d{4}/2026-[MB]|[ES]/\d+/26", n) for n in named): fail(f"{cid}: noResolution without an invoice number in the house style")
        continue
    if "invoiceNumber" not in e:
        if cid not in NO_CLASSIFICATION: fail(f"{cid}: no invoice expected")
        else:
            named = {w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split()}
            if not named & nums: fail(f"{cid}: the question / withdrawal names no invoice of the ledger")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if inv_["issueDate"] > c["today"]: fail(f"{cid}: invoice issued after today")
    first = c["turns"][0]
    if ("invoice" in e.get("neverAsks", [])) != (num in first): fail(f"{cid}: neverAsks invoice must follow whether turn 1 names {num}")
    if len(c["turns"]) == 2 and num not in " ".join(c["turns"]): fail(f"{cid}: the invoice is never named")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.]+", m) and D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
        if not re.fullmatch(r"[\d.]+", m) and m not in nums and m not in {p["number"] for p in lg.get("purchaseOrders", [])}: fail(f"{cid}: emailMentions {m} is neither an invoice, a PO nor an amount")
        if re.fullmatch(r"[\d.]+", m) and D(m) not in {D(e.get("disputedAmount", "-1")), D(e.get("supportedAmount", "-1"))}: fail(f"{cid}: emailMentions amount {m} is not a figure of the case")
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
    elif cid in NEEDS_INFO: fail(f"{cid}: needs_info recipe on a decided case")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed) if disputed is not None else evidence
        if "supportedAmount" in e and D(e["supportedAmount"]) != supported:
            fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    act = e.get("action")
    if cl and cl != "needs_info" and disputed is not None and supported is not None:
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and cl == "invalid" and act != "no_adjustment": fail(f"{cid}: invalid should be no_adjustment")
            if not wo and cl == "partial" and act != "credit_memo": fail(f"{cid}: partial should be credit_memo")
        if cl == "valid":
            if e.get("reasonCode") == "already_paid": want = "apply_payment"
            elif REBILL_EXPECTED(e, lgn, num): want = "cancel_and_rebill"
            else: want = "credit_memo"
            if act != want: fail(f"{cid}: valid {e.get('reasonCode')} should be {want}, not {act}")
    if "escalation" in e:
        pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
        amount = disputed if disputed is not None else supported
        conv = to_company(lgn, num, amount)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        credit = to_company(lgn, num, supported) if (act == "credit_memo" and supported is not None) else None
        above_lead = credit is not None and credit > D(pol["approvalLimits"]["lead"])
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or above_lead)
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
        if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
            fail(f"{cid}: legal escalation expected")

# ---- tallies quoted in the README
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and (not e.get("stakeholders") or e["stakeholders"][0] != TEAM[e["reasonCode"]]):
        fail(f"{c['id']}: first stakeholder {e.get('stakeholders')} is not the routing table's {TEAM[e['reasonCode']]}")
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {sum(cnt.values())} cases {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "-")) for c in cases).items())))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
