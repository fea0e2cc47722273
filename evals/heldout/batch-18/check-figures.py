#!/usr/bin/env python3
"""Batch-18 author's cross-check (adapted from batch 3's): recomputes every ledger total and every
expected figure from the ledger files with decimal arithmetic (never floats), independently of the
product, and checks classification, the write-off rule and escalation (with FX conversion into the
company currency, the no-rate rule and the finance-controller limit) against DOMAIN.md.
Prints the mismatches; exit 1 if any.   Usage: python3 evals/heldout/batch-18/check-figures.py"""
import glob, json, math, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"JOD": 3, "PYG": 0, "AUD": 2, "USD": 2, "ILS": 2}
bad = []
def fail(msg): bad.append(msg)
def r(x, cur): return x.quantize(D(1).scaleb(-DIGITS[cur]), rounding=ROUND_HALF_UP)
def decimals(s): return len(s.split(".")[1]) if "." in s else 0
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days

ledgers = {os.path.basename(p): json.load(open(p)) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate), cur) if rate else D(0)
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def total(inv): c = inv["currency"]; return sum((gross(l, c) for l in inv["lines"]), D(0)) + sum((D(f["amount"]) for f in inv.get("fees", [])), D(0))
def paid(lg, num): return sum((D(p["amount"]) for p in lg.get("payments", []) if p.get("invoiceNumber") == num), D(0))

# ---- ledgers: totals, references, minor digits of every amount
for name, lg in ledgers.items():
    company = lg["company"]["currency"]
    custs = {c["id"] for c in lg["customers"]}
    contracts = {c["id"]: c for c in lg.get("contracts", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 12 <= len(nums) <= 25: fail(f"{name}: {len(nums)} invoices")
    for i in lg["invoices"]:
        cur = i["currency"]
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        for s in [i["total"]] + [l["unitPrice"] for l in i["lines"]] + [f["amount"] for f in i.get("fees", [])]:
            if decimals(s) > DIGITS[cur]: fail(f"{name} {i['number']}: {s} has more decimals than {cur}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        if i.get("contractId") and contracts[i["contractId"]]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
        if i["status"] == "paid" and paid(lg, i["number"]) < D(i["total"]): fail(f"{name} {i['number']}: paid but underpaid")
        if i["status"] == "open" and paid(lg, i["number"]) > 0: fail(f"{name} {i['number']}: open but has payments")
    for c in contracts.values():
        for p in c["prices"]:
            if decimals(p["unitPrice"]) > DIGITS[c["currency"]]: fail(f"{name} {c['id']}: price {p['unitPrice']}")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if decimals(p["amount"]) > DIGITS[p["currency"]]: fail(f"{name} payment {p['id']}: decimals")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for k, v in lg.get("policy", {}).items():
        if isinstance(v, str) and decimals(v) > DIGITS[company]: fail(f"{name} policy {k}: decimals")

# ---- recipes: how each supported amount follows from the ledger (DOMAIN.md rules, by hand)
JO, PY, AU = "sanabel-olive-jod.ledger.json", "alto-parana-silos-pyg.ledger.json", "burdekin-harvester-aud.ledger.json"
def inv_of(lgn, num): return invoice(ledgers[lgn], num)
def contract_of(lgn, num):
    i = inv_of(lgn, num); return next(c for c in ledgers[lgn]["contracts"] if c["id"] == i["contractId"])
def contract_price(lgn, num, sku): return next(p["unitPrice"] for p in contract_of(lgn, num)["prices"] if p["sku"] == sku)
def po_price(lgn, num, sku):
    i = inv_of(lgn, num); po = next(p for p in ledgers[lgn]["purchaseOrders"] if p["number"] == i["poNumber"])
    return next(l["unitPrice"] for l in po["lines"] if l["sku"] == sku)
def over(lgn, num, n, price):          # billed gross - gross at `price`
    i = inv_of(lgn, num); l = line(i, n); c = i["currency"]
    return gross(l, c) - gross(l, c, price=price)
def units(lgn, num, n, k):              # k units of the line with its tax: billed gross - gross of (billed - k)
    i = inv_of(lgn, num); l = line(i, n); c = i["currency"]
    return gross(l, c) - gross(l, c, qty=max(0, l["quantity"] - k))
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def logged_on(lgn, num, sku, day):
    return any(s["periodStart"] == day == s["periodEnd"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku)
def billed_qty(lgn, num, n): return line(inv_of(lgn, num), n)["quantity"]
def inv_tax(lgn, num): i = inv_of(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D(0))
def line_gross(lgn, num, n): i = inv_of(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(inv_of(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in inv_of(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)
def unapplied(lgn, cust, amount): return any(p.get("invoiceNumber") is None and p["customerId"] == cust and D(p["amount"]) == amount for p in ledgers[lgn]["payments"])

def late_fee_allowed(lgn, num):
    """Contract clause, grace days, payment date: none if the principal was paid by due+grace; else
    percent of the principal per started 30-day month (rounded half-up per month), as DOMAIN/late-fee rules read."""
    lg = ledgers[lgn]; i = inv_of(lgn, num); c = contract_of(lgn, num); cur = i["currency"]
    if not c.get("lateFee"): return D(0)
    principal = sum((gross(l, cur) for l in i["lines"]), D(0))
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    grace = c["lateFee"].get("graceDays", 0)
    grace_end = (date.fromisoformat(i["dueDate"]) + timedelta(days=grace)).isoformat()
    if sum((D(p["amount"]) for p in pays if p["date"] <= grace_end), D(0)) >= principal: return D(0)
    late = days(i["dueDate"], pays[-1]["date"])
    return r(principal * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * math.ceil(late / 30)

def outside_contract(lgn, num):
    i = inv_of(lgn, num); c = contract_of(lgn, num); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D(0))

def duplicate_of(lgn, num, other):
    a, b = inv_of(lgn, num), inv_of(lgn, other)
    if a["customerId"] != b["customerId"] or a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if a["servicePeriodEnd"] < b["servicePeriodStart"] or b["servicePeriodEnd"] < a["servicePeriodStart"]: return False
    return [(l["sku"], l["quantity"], l["unitPrice"]) for l in a["lines"]] == [(l["sku"], l["quantity"], l["unitPrice"]) for l in b["lines"]]

def po_lists_fee(lgn, num, t):
    i = inv_of(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    return any(pl.get("description") == f["description"] and D(pl["unitPrice"]) * pl["quantity"] == D(f["amount"])
               for po in ledgers[lgn]["purchaseOrders"] if po["customerId"] == i["customerId"] for pl in po["lines"])

Z = D(0)
J, P, A = "SNB/2026/", "001-002-000", "BCH-INV-"
R = {
 "b18-jo-decanter-rate-arabic": lambda: over(JO, J+"1041", 1, contract_price(JO, J+"1041", "DEC-SVC")),
 "b18-jo-decanter-expects-jerash-rate": lambda: over(JO, J+"1041", 1, contract_price(JO, J+"1041", "DEC-SVC")),
 "b18-jo-cloths-short-arabic-digits": lambda: units(JO, J+"1042", 2, billed_qty(JO, J+"1042", 2) - delivered(JO, J+"1042", "FILTER-CLOTH")),
 "b18-jo-blades-bent": lambda: units(JO, J+"1042", 1, delivered(JO, J+"1042", "MALAX-BLADE", "damagedQuantity")),
 "b18-jo-jerash-visit-dates": lambda: units(JO, J+"1043", 1, sum(1 for d in ["2026-10-22", "2026-10-29"] if not logged_on(JO, J+"1043", "DEC-SVC", d))),
 "b18-jo-jerash-hours-writeoff": lambda: units(JO, J+"1043", 3, billed_qty(JO, J+"1043", 3) - logged(JO, J+"1043", "TECH-HR")),
 "b18-jo-jerash-no-po": lambda: Z,
 "b18-jo-aqaba-exempt": lambda: inv_tax(JO, J+"1045"),
 "b18-jo-aqaba-freight-on-po": lambda: Z if po_lists_fee(JO, J+"1046", "freight") else fee(JO, J+"1046", "freight"),
 "b18-jo-basra-after-contract": lambda: outside_contract(JO, J+"1047"),
 "b18-jo-basra-duplicate-fx": lambda: inv_total(JO, J+"1049") if duplicate_of(JO, J+"1049", J+"1048") else Z,
 "b18-jo-nablus-no-rate": lambda: units(JO, J+"1050", 1, billed_qty(JO, J+"1050", 1) - logged(JO, J+"1050", "DEC-SVC")),
 "b18-jo-madaba-latefee-grace": lambda: fee(JO, J+"1051", "late_fee") - min(late_fee_allowed(JO, J+"1051"), fee(JO, J+"1051", "late_fee")),
 "b18-jo-madaba-latefee-owed-writeoff": lambda: fee(JO, J+"1052", "late_fee") - min(late_fee_allowed(JO, J+"1052"), fee(JO, J+"1052", "late_fee")),
 "b18-jo-madaba-callout": lambda: Z if po_lists_fee(JO, J+"1053", "service_fee") or "call-out" in contract_of(JO, J+"1053").get("notes", "") else fee(JO, J+"1053", "service_fee"),
 "b18-jo-hosn-paid-cliq": lambda: open_bal(JO, J+"1054") if unapplied(JO, "JC-01", open_bal(JO, J+"1054")) else Z,
 "b18-jo-hosn-november-ambiguous": lambda: units(JO, J+"1042", 1, delivered(JO, J+"1042", "MALAX-BLADE", "damagedQuantity")),
 "b18-jo-jerash-unhappy-reported": lambda: units(JO, J+"1056", 1, billed_qty(JO, J+"1056", 1) - logged(JO, J+"1056", "DEC-SVC")),
 "b18-py-fumigation-rate": lambda: over(PY, P+"4512", 1, contract_price(PY, P+"4512", "FUMI-TON")),
 "b18-py-fumigation-expects-17500": lambda: over(PY, P+"4512", 1, contract_price(PY, P+"4512", "FUMI-TON")),
 "b18-py-silobags-short": lambda: units(PY, P+"4513", 1, billed_qty(PY, P+"4513", 1) - delivered(PY, P+"4513", "BAG-SILO")),
 "b18-py-silobags-torn": lambda: units(PY, P+"4513", 1, delivered(PY, P+"4513", "BAG-SILO", "damagedQuantity")),
 "b18-py-samples-writeoff": lambda: units(PY, P+"4515", 1, billed_qty(PY, P+"4515", 1) - logged(PY, P+"4515", "ANALYSIS")),
 "b18-py-storage-duplicate": lambda: inv_total(PY, P+"4517") if duplicate_of(PY, P+"4517", P+"4516") else Z,
 "b18-py-storage-not-duplicate": lambda: inv_total(PY, P+"4518") if duplicate_of(PY, P+"4518", P+"4516") else Z,
 "b18-py-fundacion-iva": lambda: inv_tax(PY, P+"4519"),
 "b18-py-guaira-iva-writeoff": lambda: Z,
 "b18-py-altovera-latefee-grace": lambda: fee(PY, P+"4520", "late_fee") - min(late_fee_allowed(PY, P+"4520"), fee(PY, P+"4520", "late_fee")),
 "b18-py-altovera-no-oc": lambda: Z,
 "b18-py-freight-reason-first": lambda: Z if po_lists_fee(PY, P+"4522", "freight") else fee(PY, P+"4522", "freight"),
 "b18-py-coop-paid-other-invoice": lambda: open_bal(PY, P+"4523") if unapplied(PY, "PC-10", open_bal(PY, P+"4523")) else Z,
 "b18-py-guaira-terms": lambda: Z,
 "b18-py-wrong-customer": lambda: over(PY, P+"4512", 1, contract_price(PY, P+"4512", "FUMI-TON")),
 "b18-py-reported-full-credit": lambda: units(PY, P+"4513", 1, billed_qty(PY, P+"4513", 1) - delivered(PY, P+"4513", "BAG-SILO")),
 "b18-py-confirm-duplicate": lambda: inv_total(PY, P+"4517") if duplicate_of(PY, P+"4517", P+"4516") else Z,
 "b18-au-blades-piece-count": lambda: units(AU, A+"30871", 1, billed_qty(AU, A+"30871", 1) - delivered(AU, A+"30871", "CHOP-BLADE")),
 "b18-au-discs-cracked": lambda: units(AU, A+"30871", 2, delivered(AU, A+"30871", "BASECUT-DISC", "damagedQuantity")),
 "b18-au-haulout-dates": lambda: units(AU, A+"30872", 1, sum(1 for d in ["2026-11-06", "2026-11-13"] if not logged_on(AU, A+"30872", "HAULOUT-DAY", d))),
 "b18-au-pm-two-of-four": lambda: units(AU, A+"30873", 1, billed_qty(AU, A+"30873", 1) - logged(AU, A+"30873", "WEEKLY-PM")),
 "b18-au-hydoil-po-price": lambda: over(AU, A+"30874", 1, po_price(AU, A+"30874", "HYD-OIL")),
 "b18-au-hydoil-writeoff": lambda: over(AU, A+"30874", 1, po_price(AU, A+"30874", "HYD-OIL")),
 "b18-au-giru-overdue-fee": lambda: fee(AU, A+"30875", "late_fee") - min(late_fee_allowed(AU, A+"30875"), fee(AU, A+"30875", "late_fee")),
 "b18-au-giru-callout": lambda: Z,   # ACT-3 prices CALLOUT and JOB-5640 logs it
 "b18-au-homehill-dup-corrected": lambda: inv_total(AU, A+"30879") if duplicate_of(AU, A+"30879", A+"30877") else Z,
 "b18-au-clare-paid-overdue": lambda: open_bal(AU, A+"30880") if unapplied(AU, "AC-5", open_bal(AU, A+"30880")) else Z,
 "b18-au-wrong-po": lambda: Z,
 "b18-au-goodwill": lambda: units(AU, A+"30882", 1, billed_qty(AU, A+"30882", 1) - logged(AU, A+"30882", "SVC-HR")),
 "b18-au-homehill-after-contract": lambda: outside_contract(AU, A+"30878"),
 "b18-au-negated-price": lambda: units(AU, A+"30871", 1, billed_qty(AU, A+"30871", 1) - delivered(AU, A+"30871", "CHOP-BLADE")),
 "b18-au-pasted-thread": lambda: over(AU, A+"30884", 1, contract_price(AU, A+"30884", "BASECUT-DISC")),
 "b18-au-inkerman-hours-by-month": lambda: units(AU, A+"30873", 2, billed_qty(AU, A+"30873", 2) - logged(AU, A+"30873", "SVC-HR")),
 "b18-au-haulout-corrected-date": lambda: units(AU, A+"30872", 1, sum(1 for d in ["2026-11-13"] if not logged_on(AU, A+"30872", "HAULOUT-DAY", d))),
}
# Disputed amounts as the turns give them (units, dates, expected prices), recomputed from the ledger.
DISPUTED = {
 "b18-jo-decanter-expects-jerash-rate": lambda: over(JO, J+"1041", 1, "175.000"),
 "b18-jo-cloths-short-arabic-digits": lambda: units(JO, J+"1042", 2, 200 - 150),
 "b18-jo-blades-bent": lambda: units(JO, J+"1042", 1, 3),
 "b18-jo-hosn-november-ambiguous": lambda: units(JO, J+"1042", 1, 3),
 "b18-jo-jerash-visit-dates": lambda: units(JO, J+"1043", 1, 2),
 "b18-jo-jerash-hours-writeoff": lambda: units(JO, J+"1043", 3, 12 - 8),
 "b18-jo-jerash-no-po": lambda: inv_total(JO, J+"1044"),
 "b18-jo-aqaba-exempt": lambda: inv_tax(JO, J+"1045"),
 "b18-jo-basra-after-contract": lambda: inv_total(JO, J+"1047"),
 "b18-jo-basra-duplicate-fx": lambda: inv_total(JO, J+"1049"),
 "b18-jo-hosn-paid-cliq": lambda: open_bal(JO, J+"1054"),
 "b18-jo-hosn-blades-no-delivery": lambda: units(JO, J+"1055", 1, 8 - 5),
 "b18-jo-jerash-unhappy-reported": lambda: inv_total(JO, J+"1056"),
 "b18-py-fumigation-expects-17500": lambda: over(PY, P+"4512", 1, "17500"),
 "b18-py-silobags-short": lambda: units(PY, P+"4513", 1, 40 - 34),
 "b18-py-silobags-torn": lambda: units(PY, P+"4513", 1, 3),
 "b18-py-samples-writeoff": lambda: units(PY, P+"4515", 1, 15),
 "b18-py-storage-duplicate": lambda: inv_total(PY, P+"4517"),
 "b18-py-confirm-duplicate": lambda: inv_total(PY, P+"4517"),
 "b18-py-storage-not-duplicate": lambda: inv_total(PY, P+"4518"),
 "b18-py-fundacion-iva": lambda: inv_tax(PY, P+"4519"),
 "b18-py-guaira-iva-writeoff": lambda: inv_tax(PY, P+"4526") - r(net(line(inv_of(PY, P+"4526"), 1), "PYG") * D("0.05"), "PYG"),
 "b18-py-altovera-no-oc": lambda: inv_total(PY, P+"4521"),
 "b18-py-coop-paid-other-invoice": lambda: open_bal(PY, P+"4523"),
 "b18-py-guaira-terms": lambda: inv_total(PY, P+"4524"),
 "b18-py-reported-full-credit": lambda: inv_total(PY, P+"4513"),
 "b18-py-aeration-dates-needs-info": lambda: units(PY, P+"4514", 1, 2),
 "b18-au-blades-piece-count": lambda: units(AU, A+"30871", 1, 12 - 200 // 20),
 "b18-au-discs-cracked": lambda: units(AU, A+"30871", 2, 4),
 "b18-au-haulout-dates": lambda: units(AU, A+"30872", 1, 2),
 "b18-au-haulout-corrected-date": lambda: units(AU, A+"30872", 1, 1),
 "b18-au-pm-visit-date-needs-info": lambda: units(AU, A+"30873", 1, 1),
 "b18-au-pm-two-of-four": lambda: units(AU, A+"30873", 1, 4 - 2),
 "b18-au-inkerman-hours-by-month": lambda: units(AU, A+"30873", 2, 6 - 4),
 "b18-au-hydoil-writeoff": lambda: over(AU, A+"30874", 1, "1080.00"),
 "b18-au-negated-price": lambda: units(AU, A+"30871", 1, 12 - 11),
 "b18-au-clare-paid-overdue": lambda: open_bal(AU, A+"30880"),
 "b18-au-wrong-po": lambda: inv_total(AU, A+"30881"),
 "b18-au-goodwill": lambda: inv_total(AU, A+"30882"),
 "b18-au-giru-callout": lambda: line_gross(AU, A+"30876", 1),
}
ADMIN_DEFECT = {"b18-jo-jerash-no-po", "b18-py-guaira-terms", "b18-au-wrong-po"}

def to_company(lg, amount, inv):
    """Amount in the company currency at the latest rate on or before the invoice date; None without a rate."""
    company = lg["company"]["currency"]
    if inv["currency"] == company: return amount
    rates = [x for x in lg.get("fxRates", []) if x["currency"] == inv["currency"] and x["date"] <= inv["issueDate"]]
    if not rates: return None
    return r(amount * D(max(rates, key=lambda x: x["date"])["rate"]), company)

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 60: fail(f"{len(cases)} cases, expected 60")
for c in cases:
    e, cid = c["expect"], c["id"]
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lg = ledgers[c["ledger"]]; pol = lg["policy"]; company = lg["company"]["currency"]
    if not c.get("description"): fail(f"{cid}: no description")
    if e.get("noResolution"):
        if e.get("invoiceNumber") and any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: invoice exists")
        continue
    if "invoiceNumber" not in e: continue   # hypothetical: side effects only
    num = e["invoiceNumber"]
    if not any(i["number"] == num for i in lg["invoices"]): fail(f"{cid}: no invoice {num}"); continue
    inv = inv_of(c["ledger"], num); cur = inv["currency"]
    if e.get("customerId") and e["customerId"] != inv["customerId"]: fail(f"{cid}: customer {e['customerId']} is not the invoice's")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and decimals(e[k]) != DIGITS[cur]: fail(f"{cid}: {k} {e[k]} not written with {DIGITS[cur]} decimals of {cur}")
    disputed = D(e["disputedAmount"]) if "disputedAmount" in e else (DISPUTED[cid]() if cid in DISPUTED else None)
    if "disputedAmount" in e and cid in DISPUTED and D(e["disputedAmount"]) != DISPUTED[cid]():
        fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {DISPUTED[cid]()}")
    if disputed is not None and disputed > inv_total(c["ledger"], num): fail(f"{cid}: disputed above invoice total")
    s = None
    if "supportedAmount" in e:
        if cid not in R: fail(f"{cid}: no recipe"); continue
        evidence = R[cid]()
        want = min(evidence, disputed) if disputed is not None else evidence
        s = D(e["supportedAmount"])
        if s != want: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {want}")
    cl, act = e.get("classification"), e.get("action")
    if cl == "needs_info" and act != "request_information": fail(f"{cid}: needs_info without request_information")
    if cl and cl != "needs_info" and s is not None and disputed is not None:
        exp = ("valid" if cid in ADMIN_DEFECT else "invalid") if s == 0 else ("valid" if s >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {s}, disputed {disputed})")
        if cl in ("invalid", "partial") and act != "goodwill_credit":
            owed = to_company(lg, disputed - s, inv)
            wo = owed is not None and owed < D(pol["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - s} vs write-off threshold")
        if cl == "valid" and act == "write_off": fail(f"{cid}: write-off on a valid dispute")
    if "escalation" in e and disputed is not None:
        cust = next(x for x in lg["customers"] if x["id"] == inv["customerId"])
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv["dueDate"], c["today"])) if open_bal(c["ledger"], num) > 0 else 0
        conv = to_company(lg, disputed, inv)
        credit = s if act == "credit_memo" else (disputed if act == "write_off" else None)
        credit_conv = to_company(lg, min(credit, open_bal(c["ledger"], num)), inv) if credit is not None else None
        controller = credit is not None and (credit_conv is None or credit_conv > D(pol["approvalLimits"]["lead"]))
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic"))
               or recent >= pol["repeatDisputeCount"] or controller
               or (e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"])))
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} = {conv} {company}, {pastdue} d past due, {recent} disputes)")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
