#!/usr/bin/env python3
"""Batch-9 author's cross-check (adapted from batch 3's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, references and the classification / action / escalation rules of DOMAIN.md,
converting EUR amounts to the company currency (NOK) at the ledger's fxRates where a policy amount
applies. Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-9/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
C = D("0.01")
def r(x): return x.quantize(C, rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)

ledgers = {os.path.basename(p): json.load(open(p)) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)))
def tax(l, n, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate)) if rate else D("0")
def gross(l, qty=None, price=None): n = net(l, qty, price); return n + tax(l, n)
def total(inv): return sum((gross(l) for l in inv["lines"]), D("0")) + sum((D(f["amount"]) for f in inv.get("fees", [])), D("0"))
def paid(lg, num): return sum((D(p["amount"]) for p in lg.get("payments", []) if p.get("invoiceNumber") == num), D("0"))
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days

# ---- ledgers: totals, references, counts
for name, lg in ledgers.items():
    custs = {c["id"] for c in lg["customers"]}
    contracts = {c["id"]: c for c in lg.get("contracts", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 12 <= len(nums) <= 25: fail(f"{name}: {len(nums)} invoices")
    for i in lg["invoices"]:
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contracts.get(i.get("contractId"))
        if i.get("contractId") and (not c or c["customerId"] != i["customerId"]): fail(f"{name} {i['number']}: contract of another customer")
        if c and c["currency"] != i["currency"]: fail(f"{name} {i['number']}: currency differs from its contract")
        if i["status"] == "paid" and paid(lg, i["number"]) < D(i["total"]): fail(f"{name} {i['number']}: paid but underpaid")
    for key in ("deliveries", "serviceLogs", "payments"):
        for d in lg.get(key, []):
            if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} {key} {d['id']}: unknown invoice")
    for p in lg.get("payments", []) + lg.get("purchaseOrders", []):
        if p["customerId"] not in custs: fail(f"{name} {p.get('id', p.get('number'))}: unknown customer")

FR, US, NO = "torrefaction-rhone-eur.ledger.json", "gulf-coast-marine-usd.ledger.json", "fjordnett-havbruk-nok.ledger.json"

def to_company(lgn, num, amount):
    """DOMAIN 'Currencies': the latest rate on or before the invoice date, exact product, half-up once."""
    lg = ledgers[lgn]; i = invoice(lg, num)
    if i["currency"] == lg["company"]["currency"]: return amount
    rates = [x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]]
    rate = max(rates, key=lambda x: x["date"])["rate"]
    return r(amount * D(rate))

# ---- recipes: how each supported amount follows from the ledger (DOMAIN.md rules, by hand)
def contract_of(lg, inv): return next(c for c in lg["contracts"] if c["id"] == inv["contractId"])
def contract_price(lg, inv, sku): return next(p["unitPrice"] for p in contract_of(lg, inv)["prices"] if p["sku"] == sku)
def price_diff(lgn, num, n, price=None):   # billed gross - gross at the contract (or a given) price
    lg = ledgers[lgn]; i = invoice(lg, num); l = line(i, n)
    return gross(l) - gross(l, price=price or contract_price(lg, i, l["sku"]))
def units_short(lgn, num, n, counted):     # billed gross - gross of the units actually counted
    l = line(invoice(ledgers[lgn], num), n); return gross(l) - gross(l, qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def line_tax(lgn, num, n): l = line(invoice(ledgers[lgn], num), n); return tax(l, net(l))
def inv_tax(lgn, num): return sum((tax(l, net(l)) for l in invoice(ledgers[lgn], num)["lines"]), D("0"))
def line_gross(lgn, num, n): return gross(line(invoice(ledgers[lgn], num), n))
def inv_total(lgn, num): return total(invoice(ledgers[lgn], num))
def fee(lgn, num, t="late_fee"): return sum(D(f["amount"]) for f in invoice(ledgers[lgn], num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)

def late_fee_allowed(lgn, num, today):
    """DOMAIN: contract clause, grace days, actual payment date. None without a clause or when the
    principal was paid by due + grace; else percent x principal (rounded once) per started 30-day month."""
    lg = ledgers[lgn]; i = invoice(lg, num); c = contract_of(lg, i)
    if not c.get("lateFee"): return D("0")
    principal = sum((gross(l) for l in i["lines"]), D("0"))
    grace = c["lateFee"].get("graceDays", 0)
    grace_end = (date.fromisoformat(i["dueDate"]) + timedelta(days=grace)).isoformat()
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    on_time = sum((D(p["amount"]) for p in pays if p["date"] <= grace_end), D("0"))
    if on_time >= principal: return D("0")
    settled, run = today, D("0")
    for p in pays:
        run += D(p["amount"])
        if run >= principal: settled = p["date"]; break
    late = days(i["dueDate"], settled)
    months = -(-late // 30)
    return r((principal - on_time) * D(c["lateFee"]["percentPerMonth"]) / 100) * months

def fee_not_owed(lgn, num, today): f = fee(lgn, num); return f - min(f, late_fee_allowed(lgn, num, today))

def contract_outside(lgn, num):
    lg = ledgers[lgn]; i = invoice(lg, num); c = contract_of(lg, i)
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot)

def usual_rate_diff(lgn, num, n):   # tax billed - tax at the rate the customer's other invoices use for the SKU
    lg = ledgers[lgn]; i = invoice(lg, num); l = line(i, n)
    rates = [o_l.get("taxRate", "0") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for o_l in o["lines"] if o_l["sku"] == l["sku"]]
    usual = max(set(rates), key=rates.count)
    return tax(l, net(l)) - tax(l, net(l), usual)

Z = D("0")
T = {FR: "2026-06-15", US: "2026-08-20", NO: "2026-10-12"}
R = {
 # FR
 "b9-fr-celestins-beans-price": lambda: price_diff(FR, "FA26-0412", 1),
 "b9-fr-bellecour-oat-milk-crushed": lambda: units_short(FR, "FA26-0415", 2, 30 - delivered(FR, "FA26-0415", "LAIT-AVOINE-6", "damagedQuantity")),
 "b9-fr-lumiere-no-po": lambda: Z,
 "b9-fr-omi-tva-exempt": lambda: inv_tax(FR, "FA26-0421"),
 "b9-fr-celestins-no-visit-26": lambda: units_short(FR, "FA26-0424", 2, logged(FR, "FA26-0424", "MAINT-VISITE")),
 "b9-fr-zinc-penalty-no-clause": lambda: fee_not_owed(FR, "FA26-0427", T[FR]),
 "b9-fr-coworking-fee-within-grace": lambda: fee_not_owed(FR, "FA26-0430", T[FR]),
 "b9-fr-celestins-fee-owed-writeoff": lambda: fee_not_owed(FR, "FA26-0402", T[FR]),
 "b9-fr-lumiere-duplicate-second": lambda: inv_total(FR, "FA26-0436"),
 "b9-fr-celestins-paid-by-transfer": lambda: open_bal(FR, "FA26-0439"),
 "b9-fr-zinc-cups-not-ordered": lambda: Z,   # BL-0441-2 signed delivery supports the line
 "b9-fr-coworking-cups-count-corrected": lambda: units_short(FR, "FA26-0444", 1, delivered(FR, "FA26-0444", "GOB-8OZ-1000")),
 "b9-fr-coworking-after-termination": lambda: contract_outside(FR, "FA26-0450"),
 "b9-fr-zinc-descaling-taste": lambda: units_short(FR, "FA26-0453", 1, logged(FR, "FA26-0453", "DETARTRAGE")),
 "b9-fr-zinc-20-not-25": lambda: units_short(FR, "FA26-0459", 1, delivered(FR, "FA26-0459", "CAF-GRAINS-1KG")),
 # US
 "b9-us-sunset-labor-hours": lambda: units_short(US, "GCM-10442", 2, logged(US, "GCM-10442", "LABOR-HR")),
 "b9-us-sunset-hazmat-on-po": lambda: Z,     # PO SC-0719 lists HAZMAT-DISP at 85.00
 "b9-us-sunset-slip-duplicate": lambda: inv_total(US, "GCM-10451"),
 "b9-us-sheriff-anode-tax": lambda: line_tax(US, "GCM-10455", 2),
 "b9-us-islandhopper-no-po": lambda: Z,
 "b9-us-islandhopper-check-elsewhere": lambda: paid(ledgers[US], "GCM-10464"),
 "b9-us-caribe-finance-charge": lambda: fee_not_owed(US, "GCM-10466", T[US]),
 "b9-us-bayshore-paint-price": lambda: price_diff(US, "GCM-10460", 1),
 "b9-us-caribe-diesel-short": lambda: units_short(US, "GCM-10463", 1, delivered(US, "GCM-10463", "DIESEL-GAL")),
 "b9-us-gulfstream-pumpouts": lambda: units_short(US, "GCM-10470", 1, logged(US, "GCM-10470", "PUMPOUT")),
 "b9-us-caribe-shore-power": lambda: line_gross(US, "GCM-10476", 2),
 "b9-us-gulfstream-terms": lambda: Z,
 "b9-us-caribe-anodes-cracked": lambda: units_short(US, "GCM-10485", 1, 24 - delivered(US, "GCM-10485", "ZINC-ANODE", "damagedQuantity")),
 "b9-us-islandhopper-dockage-after-end": lambda: contract_outside(US, "GCM-10490"),
 "b9-us-gulfstream-old-paint": lambda: units_short(US, "GCM-10412", 1, delivered(US, "GCM-10412", "BOTTOM-PAINT-GAL")),
 # NO
 "b9-no-sunnmore-five-of-six": lambda: units_short(NO, "HS-1187/26", 1, logged(NO, "HS-1187/26", "NOT-VASK")),
 "b9-no-sunnmore-rov-hours": lambda: units_short(NO, "HS-1190/26", 1, logged(NO, "HS-1190/26", "NOT-INSP-ROV")),
 "b9-no-vestkyst-rope-price": lambda: price_diff(NO, "HS-1193/26", 1),
 "b9-no-vestkyst-rope-ambiguous-then-august": lambda: price_diff(NO, "HS-1193/26", 1),
 "b9-no-sunnmore-fee-within-grace": lambda: fee_not_owed(NO, "HS-1160/26", T[NO]),
 "b9-no-bleikja-three-not-four": lambda: units_short(NO, "HS-1196/26", 1, logged(NO, "HS-1196/26", "NOT-VASK")),
 "b9-no-bleikja-mva-export": lambda: usual_rate_diff(NO, "HS-1199/26", 1),
 "b9-no-bleikja-duplicate-fx-escalation": lambda: inv_total(NO, "HS-1205/26"),
 "b9-no-bleikja-boat-rate-partial": lambda: price_diff(NO, "HS-1208/26", 1),
 "b9-no-bleikja-boat-writeoff": lambda: price_diff(NO, "HS-1208/26", 1),
 "b9-no-hitra-wrong-po": lambda: Z,
 "b9-no-hitra-sinkers-72": lambda: units_short(NO, "HS-1214/26", 1, delivered(NO, "HS-1214/26", "LODD-STK")),
 "b9-no-hitra-still-fouled": lambda: units_short(NO, "HS-1217/26", 1, logged(NO, "HS-1217/26", "NOT-VASK")),
 "b9-no-bleikja-paid-unapplied": lambda: open_bal(NO, "HS-1220/26"),
 "b9-no-sunnmore-sinkers-crushed": lambda: units_short(NO, "HS-1229/26", 1, 150 - delivered(NO, "HS-1229/26", "LODD-STK", "damagedQuantity")),
 "b9-no-vestkyst-price-correction": lambda: price_diff(NO, "HS-1193/26", 1),
}
# What the customer disputes, recomputed from the turns' own words (units, prices) to check the stated figure.
DISPUTED = {
 "b9-fr-bellecour-oat-milk-crushed": lambda: units_short(FR, "FA26-0415", 2, 24),
 "b9-fr-coworking-cups-count-corrected": lambda: units_short(FR, "FA26-0444", 1, 4),
 "b9-fr-celestins-no-visit-26": lambda: units_short(FR, "FA26-0424", 2, 3),
 "b9-fr-zinc-cups-not-ordered": lambda: line_gross(FR, "FA26-0441", 2),
 "b9-fr-zinc-descaling-taste": lambda: inv_total(FR, "FA26-0453"),
 "b9-fr-zinc-20-not-25": lambda: units_short(FR, "FA26-0459", 1, 20),
 "b9-fr-celestins-paid-by-transfer": lambda: open_bal(FR, "FA26-0439"),
 "b9-fr-omi-tva-exempt": lambda: inv_tax(FR, "FA26-0421"),
 "b9-us-sunset-labor-hours": lambda: units_short(US, "GCM-10442", 2, D("4.5")),
 "b9-us-sunset-hazmat-on-po": lambda: line_gross(US, "GCM-10442", 4),
 "b9-us-islandhopper-check-elsewhere": lambda: inv_total(US, "GCM-10464"),
 "b9-us-caribe-diesel-short": lambda: units_short(US, "GCM-10463", 1, 340),
 "b9-us-gulfstream-pumpouts": lambda: units_short(US, "GCM-10470", 1, 2),
 "b9-us-caribe-anodes-cracked": lambda: units_short(US, "GCM-10485", 1, 19),
 "b9-us-gulfstream-old-paint": lambda: units_short(US, "GCM-10412", 1, 2),
 "b9-us-bayshore-paint-price": lambda: price_diff(US, "GCM-10460", 1, "189.00"),
 "b9-us-caribe-shore-power": lambda: line_gross(US, "GCM-10476", 2),
 "b9-no-sunnmore-five-of-six": lambda: units_short(NO, "HS-1187/26", 1, 5),
 "b9-no-sunnmore-rov-hours": lambda: units_short(NO, "HS-1190/26", 1, D("7.5")),
 "b9-no-vestkyst-rope-price": lambda: price_diff(NO, "HS-1193/26", 1, "3200.00"),
 "b9-no-vestkyst-rope-ambiguous-then-august": lambda: price_diff(NO, "HS-1193/26", 1),
 "b9-no-vestkyst-price-correction": lambda: price_diff(NO, "HS-1193/26", 1, "3200.00"),
 "b9-no-bleikja-three-not-four": lambda: units_short(NO, "HS-1196/26", 1, 3),
 "b9-no-bleikja-boat-rate-partial": lambda: price_diff(NO, "HS-1208/26", 1, "1235.00"),
 "b9-no-bleikja-boat-writeoff": lambda: price_diff(NO, "HS-1208/26", 1, "1240.00"),
 "b9-no-hitra-sinkers-72": lambda: units_short(NO, "HS-1214/26", 1, 72),
 "b9-no-hitra-still-fouled": lambda: inv_total(NO, "HS-1217/26"),
 "b9-no-bleikja-paid-unapplied": lambda: open_bal(NO, "HS-1220/26"),
 "b9-no-sunnmore-sinkers-crushed": lambda: units_short(NO, "HS-1229/26", 1, 138),
 "b9-no-bleikja-mva-export": lambda: line_tax(NO, "HS-1199/26", 1),
}
ADMIN = {"missing_po", "contract_terms", "other", "tax_error"}

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 60: fail(f"{len(cases)} cases, expected 60")
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lg = ledgers[lgn]
    if c["today"] != T[lgn]: fail(f"{cid}: today {c['today']}")
    if e.get("noResolution"):
        if any(k in e for k in ("supportedAmount", "classification", "action")): fail(f"{cid}: noResolution with figures")
        continue
    if "invoiceNumber" in e and not any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: no invoice {e['invoiceNumber']}")
    if "customerId" in e and "invoiceNumber" in e and invoice(lg, e["invoiceNumber"])["customerId"] != e["customerId"]: fail(f"{cid}: customer")
    disputed = D(e["disputedAmount"]) if "disputedAmount" in e else (DISPUTED[cid]() if cid in DISPUTED else None)
    if "disputedAmount" in e and cid in DISPUTED and DISPUTED[cid]() != D(e["disputedAmount"]):
        fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {DISPUTED[cid]()}")
    if "supportedAmount" in e:
        if cid not in R: fail(f"{cid}: no recipe"); continue
        evidence = R[cid]()
        want = min(evidence, disputed) if disputed is not None else evidence
        if D(e["supportedAmount"]) != want: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {want}")
    cl, act = e.get("classification"), e.get("action")
    if cl and disputed is not None and "supportedAmount" in e:
        s = D(e["supportedAmount"])
        exp = ("valid" if e.get("reasonCode") in ADMIN and act == "cancel_and_rebill" else "invalid") if s == 0 else ("valid" if s >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {s}, disputed {disputed})")
        if cl in ("invalid", "partial") and act != "goodwill_credit":
            owed = to_company(lgn, e["invoiceNumber"], disputed - s)
            wo = owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {owed} (company currency) vs write-off threshold")
    if cl == "needs_info" and act != "request_information": fail(f"{cid}: needs_info without request_information")
    if act == "goodwill_credit" and cl != "invalid": fail(f"{cid}: goodwill on a billing error")
    if "disputedAmount" in e and "invoiceNumber" in e and D(e["disputedAmount"]) > inv_total(lgn, e["invoiceNumber"]):
        fail(f"{cid}: disputed above invoice total")
    if "escalation" in e and "invoiceNumber" in e:
        i = invoice(lg, e["invoiceNumber"]); cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        pol = lg["policy"]
        d = disputed if disputed is not None else (R[cid]() if cid in R else Z)
        d_home = to_company(lgn, i["number"], d)
        recent = sum(1 for p in lg.get("pastDisputes", []) if p["customerId"] == cust["id"] and 0 <= days(p["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = days(i["dueDate"], c["today"]) if open_bal(lgn, i["number"]) > 0 else 0
        esc = (d_home >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic"))
               or recent >= pol["repeatDisputeCount"])
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {d_home}, {pastdue} d past due, {recent} disputes)")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
