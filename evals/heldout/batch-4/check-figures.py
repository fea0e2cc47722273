#!/usr/bin/env python3
"""Batch-4 author's cross-check (adapted from batch 3's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals and references and the classification, write-off, currency and escalation rules of
DOMAIN.md. Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-4/check-figures.py"""
import glob, json, os, sys
from datetime import date
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
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), D("0"))
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def home(lg): return lg["company"]["currency"]

# ---- ledgers: totals, references, statuses
for name, lg in ledgers.items():
    custs = {c["id"] for c in lg["customers"]}
    contracts = {c["id"]: c for c in lg.get("contracts", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 12 <= len(nums) <= 25: fail(f"{name}: {len(nums)} invoices")
    for i in lg["invoices"]:
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        if i.get("contractId") and contracts[i["contractId"]]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
        if i.get("contractId") and contracts[i["contractId"]]["currency"] != i["currency"]: fail(f"{name} {i['number']}: contract in another currency")
        p = paid(lg, i["number"])
        if i["status"] == "paid" and p < D(i["total"]): fail(f"{name} {i['number']}: paid but underpaid")
        if i["status"] == "open" and p > 0: fail(f"{name} {i['number']}: open but has payments")
        if i["status"] == "partially_paid" and not 0 < p < D(i["total"]): fail(f"{name} {i['number']}: partially paid with {p}")
        if i["currency"] != home(lg) and i["currency"] not in {x["currency"] for x in lg.get("fxRates", [])} and i["currency"] != "EUR":
            fail(f"{name} {i['number']}: foreign currency without a rate (only EUR is meant to lack one)")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] not in custs: fail(f"{name} log {s['id']}: unknown customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} dispute {d['id']}: unknown customer")

# ---- recipes: how each supported amount follows from the ledger (DOMAIN.md rules, by hand)
NL, SG, CA = "brouwer-bouwlogistiek-eur.ledger.json", "straits-marine-sgd.ledger.json", "maple-ridge-cad.ledger.json"
def contract_of(lg, inv): return next(c for c in lg["contracts"] if c["id"] == inv["contractId"])
def contract_price(lg, inv, sku): return next(p["unitPrice"] for p in contract_of(lg, inv)["prices"] if p["sku"] == sku)
def price_diff(lgn, num, n, price=None):   # billed gross - gross at the contract (or a given) price
    lg = ledgers[lgn]; i = invoice(lg, num); l = line(i, n)
    return gross(l) - gross(l, price=price or contract_price(lg, i, l["sku"]))
def units_short(lgn, num, n, counted):     # billed gross - gross of the units counted
    l = line(invoice(ledgers[lgn], num), n); return gross(l) - gross(l, qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def unserved_days(lgn, num, sku, dates):   # dates without a one-day rendered entry; None when a span log covers one
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs for d in dates): return None
    return sum(1 for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs))
def inv_tax(lgn, num): return sum((tax(l, net(l)) for l in invoice(ledgers[lgn], num)["lines"]), D("0"))
def line_gross(lgn, num, n): return gross(line(invoice(ledgers[lgn], num), n))
def inv_total(lgn, num): return total(invoice(ledgers[lgn], num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in invoice(ledgers[lgn], num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): lg = ledgers[lgn]; return inv_total(lgn, num) - paid(lg, num) - credited(lg, num)

def late_fee_allowed(lgn, num):
    """Contract clause, grace days, actual payment date: none without a clause or when the principal was
    paid by due + grace; else percent of the principal per started 30-day month from the due date.
    The cases are built so that completed months give the same figure."""
    lg = ledgers[lgn]; i = invoice(lg, num); c = contract_of(lg, i)
    if not c.get("lateFee"): return D("0")
    principal = sum((gross(l) for l in i["lines"]), D("0"))
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    grace = c["lateFee"].get("graceDays", 0)
    on_time = sum((D(p["amount"]) for p in pays if days(i["dueDate"], p["date"]) <= grace), D("0"))
    if on_time >= principal: return D("0")
    late = days(i["dueDate"], pays[-1]["date"])
    started, completed = -(-late // 30), late // 30
    if started != completed: fail(f"{num}: late-fee months depend on the reading ({late} days)")
    return r((principal - on_time) * D(c["lateFee"]["percentPerMonth"]) / 100) * started

def contract_outside(lgn, num):
    lg = ledgers[lgn]; i = invoice(lg, num); c = contract_of(lg, i)
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot)

def wrong_terms(lgn, num):
    lg = ledgers[lgn]; i = invoice(lg, num)
    return days(i["issueDate"], i["dueDate"]) != contract_of(lg, i)["paymentTermsDays"]

def usual_rate_overcharge(lgn, num):        # tax above the rate the customer's other invoices charge per SKU
    lg = ledgers[lgn]; i = invoice(lg, num); out = D("0")
    for l in i["lines"]:
        rates = [x.get("taxRate", "0") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]]
        usual = max(set(rates), key=rates.count)
        if D(usual) < D(l["taxRate"]): n = net(l); out += tax(l, n) - tax(l, n, usual)
    return out

def fee_on_po(lgn, num, t):                  # the customer's own PO lists the fee at its amount
    lg = ledgers[lgn]; i = invoice(lg, num)
    f = next(f for f in i["fees"] if f["type"] == t)
    return any(pl.get("description") == f["description"] and D(pl["unitPrice"]) == D(f["amount"])
               for po in lg["purchaseOrders"] if po["customerId"] == i["customerId"] for pl in po["lines"])

def fee_in_contract(lgn, num, t):
    lg = ledgers[lgn]; i = invoice(lg, num)
    return t.replace("_", " ") in contract_of(lg, i).get("notes", "").lower()

def duplicate_of(lgn, num, other):           # same customer, PO, lines and (overlapping) period
    lg = ledgers[lgn]; a, b = invoice(lg, num), invoice(lg, other)
    same = (a["customerId"], a.get("poNumber"), [(l["sku"], l["quantity"], l["unitPrice"]) for l in a["lines"]]) == \
           (b["customerId"], b.get("poNumber"), [(l["sku"], l["quantity"], l["unitPrice"]) for l in b["lines"]])
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        same = same and a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]
    return inv_total(lgn, num) if same else D("0")

def unapplied_payment(lgn, num, on):         # an unapplied payment of the customer on the date quoted
    lg = ledgers[lgn]; i = invoice(lg, num)
    m = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["date"] == on]
    return min(sum((D(p["amount"]) for p in m), D("0")), open_bal(lgn, num))

def payment_elsewhere(lgn, num, ref):        # the quoted payment is applied to another invoice
    lg = ledgers[lgn]
    p = next(p for p in lg["payments"] if ref in p.get("reference", ""))
    if p.get("invoiceNumber") in (None, num): fail(f"{num}: quoted payment {p['id']} is not applied elsewhere")
    return D("0")

def no_payment(lgn, num, on):
    lg = ledgers[lgn]; i = invoice(lg, num)
    if any(p["customerId"] == i["customerId"] and (not p.get("invoiceNumber") or p["date"] == on or p.get("invoiceNumber") == num) for p in lg["payments"]):
        fail(f"{num}: a payment could be the customer's")
    return D("0")

def no_contract(lgn, num):
    i = invoice(ledgers[lgn], num)
    if i.get("contractId") or i.get("poNumber") or any(c["customerId"] == i["customerId"] for c in ledgers[lgn].get("contracts", [])):
        fail(f"{num}: a contract or PO exists")
    return D("0")

def po_defect(lgn, num):                     # required PO missing, or a PO the customer never issued
    lg = ledgers[lgn]; i = invoice(lg, num)
    if i.get("poNumber"):
        ok = i["poNumber"] not in {p["number"] for p in lg["purchaseOrders"] if p["customerId"] == i["customerId"]}
    else:
        ok = bool(contract_of(lg, i).get("poRequired"))
    if not ok: fail(f"{num}: no PO defect")
    return D("0")

def exempt_tax(lgn, num):
    i = invoice(ledgers[lgn], num)
    if not next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"): fail(f"{num}: customer not exempt")
    return inv_tax(lgn, num)

def tax_stands(lgn, num):
    if usual_rate_overcharge(lgn, num) != 0: fail(f"{num}: tax rate differs from the customer's usual")
    return D("0")

def logged_all(lgn, num, n):
    l = line(invoice(ledgers[lgn], num), n)
    if logged(lgn, num, l["sku"]) < l["quantity"]: fail(f"{num}: not all units logged")
    return D("0")

Z = D("0")
R = {
 # NL
 "b4-nl-cement-price-comma": lambda: price_diff(NL, "VF-26-0401", 1),
 "b4-nl-plasterboard-recount": lambda: units_short(NL, "VF-26-0402", 1, delivered(NL, "VF-26-0402", "GIPS-12")),
 "b4-nl-rebar-bent": lambda: units_short(NL, "VF-26-0403", 1, 120 - delivered(NL, "VF-26-0403", "WAP-10", "damagedQuantity")),
 "b4-nl-skip-billed-twice": lambda: duplicate_of(NL, "VF-26-0406", "VF-26-0405"),
 "b4-nl-scaffold-down-early": lambda: units_short(NL, "VF-26-0407", 1, logged(NL, "VF-26-0407", "STEIG-WK")),
 "b4-nl-crane-wednesday": lambda: Z if unserved_days(NL, "VF-26-0408", "KRAAN-DAG", ["2026-03-11"]) is None else D("-1"),
 "b4-nl-digger-complaints": lambda: logged_all(NL, "VF-26-0409", 1),
 "b4-nl-gemeente-no-po": lambda: po_defect(NL, "VF-26-0410"),
 "b4-nl-koster-reverse-charge": lambda: exempt_tax(NL, "VF-26-0411"),
 "b4-nl-interest-within-grace": lambda: fee(NL, "VF-26-0412", "late_fee") - min(late_fee_allowed(NL, "VF-26-0412"), fee(NL, "VF-26-0412", "late_fee")),
 "b4-nl-interest-owed": lambda: fee(NL, "VF-26-0413", "late_fee") - min(late_fee_allowed(NL, "VF-26-0413"), fee(NL, "VF-26-0413", "late_fee")),
 "b4-nl-pallet-deposit": lambda: line_gross(NL, "VF-26-0414", 3),
 "b4-nl-sand-misspelled": lambda: units_short(NL, "VF-26-0415", 1, delivered(NL, "VF-26-0415", "ZAND-M3")),
 "b4-nl-which-skip": lambda: price_diff(NL, "VF-26-0419", 1),
 "b4-nl-cement-dont-credit-yet": lambda: price_diff(NL, "VF-26-0401", 1),
 "b4-nl-crane-after-framework": lambda: contract_outside(NL, "VF-26-0416"),
 "b4-nl-digger-goodwill": lambda: logged_all(NL, "VF-26-0409", 1),
 "b4-nl-sand-quoted-price": lambda: price_diff(NL, "VF-26-0415", 1),
 "b4-nl-paid-27-march": lambda: unapplied_payment(NL, "VF-26-0404", "2026-03-27"),
 # SG
 "b4-sg-rope-price-k": lambda: price_diff(SG, "SMS/INV/26/1187", 1) + price_diff(SG, "SMS/INV/26/1187", 2),
 "b4-sg-duplicate-fx": lambda: duplicate_of(SG, "SMS/INV/26/1189", "SMS/INV/26/1188"),
 "b4-sg-eur-short-no-rate": lambda: units_short(SG, "SMS/INV/26/1190", 1, delivered(SG, "SMS/INV/26/1190", "LJ-SOLAS")),
 "b4-sg-paint-five-leaking": lambda: units_short(SG, "SMS/INV/26/1191", 1, 40 - delivered(SG, "SMS/INV/26/1191", "PAINT-AF", "damagedQuantity")),
 "b4-sg-launch-nine-trips": lambda: units_short(SG, "SMS/INV/26/1192", 1, logged(SG, "SMS/INV/26/1192", "LAUNCH-TRIP")),
 "b4-sg-launch-two-dates": lambda: units_short(SG, "SMS/INV/26/1193", 1, 5 - unserved_days(SG, "SMS/INV/26/1193", "LAUNCH-TRIP", ["2026-04-14", "2026-04-15"])),
 "b4-sg-paynow-not-found": lambda: no_payment(SG, "SMS/INV/26/1196", "2026-04-28"),
 "b4-sg-tt-unapplied": lambda: unapplied_payment(SG, "SMS/INV/26/1205", "2026-05-07"),
 "b4-sg-gst-co2": lambda: tax_stands(SG, "SMS/INV/26/1194"),
 "b4-sg-bumboat-on-po": lambda: Z if fee_on_po(SG, "SMS/INV/26/1197", "freight") else fee(SG, "SMS/INV/26/1197", "freight"),
 "b4-sg-surcharge-not-agreed": lambda: Z if fee_in_contract(SG, "SMS/INV/26/1195", "service_fee") else fee(SG, "SMS/INV/26/1195", "service_fee"),
 "b4-sg-wrong-po-number": lambda: po_defect(SG, "SMS/INV/26/1201"),
 "b4-sg-payment-terms": lambda: Z if wrong_terms(SG, "SMS/INV/26/1202") else D("-1"),
 "b4-sg-reported-confirm-credit": lambda: units_short(SG, "SMS/INV/26/1191", 1, 40 - delivered(SG, "SMS/INV/26/1191", "PAINT-AF", "damagedQuantity")),
 "b4-sg-old-paint-price": lambda: price_diff(SG, "SMS/INV/26/1200", 1),
 "b4-sg-which-launch-invoice": lambda: units_short(SG, "SMS/INV/26/1192", 1, logged(SG, "SMS/INV/26/1192", "LAUNCH-TRIP")),
 "b4-sg-new-managers": lambda: Z,
 "b4-sg-cable-ties-writeoff": lambda: units_short(SG, "SMS/INV/26/1199", 1, delivered(SG, "SMS/INV/26/1199", "CTIE-PK")),
 "b4-sg-lube-then-rope": lambda: price_diff(SG, "SMS/INV/26/1187", 1),
 # CA
 "b4-ca-seats-decommissioned": lambda: units_short(CA, "MRIT-10301", 1, logged(CA, "MRIT-10301", "MSP-SEAT")),
 "b4-ca-licence-rate": lambda: price_diff(CA, "MRIT-10301", 2),
 "b4-ca-ask-reason-laptops": lambda: price_diff(CA, "MRIT-10306", 1),
 "b4-ca-thinkpads-twice": lambda: duplicate_of(CA, "MRIT-10307", "MRIT-10306"),
 "b4-ca-peel-no-po": lambda: po_defect(CA, "MRIT-10308"),
 "b4-ca-vet-late-fee-no-contract": lambda: no_contract(CA, "MRIT-10309"),
 "b4-ca-humber-interest": lambda: fee(CA, "MRIT-10305", "late_fee") - late_fee_allowed(CA, "MRIT-10305"),
 "b4-ca-helpdesk-slow": lambda: logged_all(CA, "MRIT-10312", 1),
 "b4-ca-parking-gate": lambda: Z,
 "b4-ca-backup-line-writeoff": lambda: Z if contract_price(ledgers[CA], invoice(ledgers[CA], "MRIT-10301"), "BACKUP-TB") else line_gross(CA, "MRIT-10301", 3),
 "b4-ca-hst-15": lambda: usual_rate_overcharge(CA, "MRIT-10314"),
 "b4-ca-humber-which-hours": lambda: units_short(CA, "MRIT-10316", 1, logged(CA, "MRIT-10316", "ONSITE-HR")),
 "b4-ca-backordered-laptop": lambda: units_short(CA, "MRIT-10311", 1, delivered(CA, "MRIT-10311", "LAPTOP-T14")),
 "b4-ca-cheque-paid-other": lambda: payment_elsewhere(CA, "MRIT-10302", "004512"),
 "b4-ca-callout-fee-question": lambda: Z if fee_in_contract(CA, "MRIT-10304", "service_fee") else fee(CA, "MRIT-10304", "service_fee"),
 "b4-ca-licence-amount-fix": lambda: price_diff(CA, "MRIT-10301", 1) + price_diff(CA, "MRIT-10301", 2) + price_diff(CA, "MRIT-10301", 3),
 "b4-ca-firewall-doa": lambda: units_short(CA, "MRIT-10313", 1, 2 - delivered(CA, "MRIT-10313", "FW-60F", "damagedQuantity")),
 "b4-ca-vet-quoted-price": lambda: no_contract(CA, "MRIT-10310"),
}
# Disputed amounts the turns give as units, a price, a fee or nothing (derived as DOMAIN / the core derive them).
DISPUTED = {
 "b4-nl-plasterboard-recount": lambda: units_short(NL, "VF-26-0402", 1, 150),
 "b4-nl-rebar-bent": lambda: units_short(NL, "VF-26-0403", 1, 120 - 14),
 "b4-nl-skip-billed-twice": lambda: inv_total(NL, "VF-26-0406"),
 "b4-nl-scaffold-down-early": lambda: units_short(NL, "VF-26-0407", 1, 4),
 "b4-nl-digger-complaints": lambda: inv_total(NL, "VF-26-0409"),
 "b4-nl-digger-goodwill": lambda: inv_total(NL, "VF-26-0409"),
 "b4-nl-gemeente-no-po": lambda: inv_total(NL, "VF-26-0410"),
 "b4-nl-koster-reverse-charge": lambda: inv_tax(NL, "VF-26-0411"),
 "b4-nl-sand-misspelled": lambda: units_short(NL, "VF-26-0415", 1, 12),
 "b4-nl-which-skip": lambda: price_diff(NL, "VF-26-0419", 1),
 "b4-nl-cement-dont-credit-yet": lambda: price_diff(NL, "VF-26-0401", 1, "8.40"),
 "b4-nl-sand-quoted-price": lambda: price_diff(NL, "VF-26-0415", 1, "34.50"),
 "b4-nl-paid-27-march": lambda: open_bal(NL, "VF-26-0404"),
 "b4-sg-eur-short-no-rate": lambda: units_short(SG, "SMS/INV/26/1190", 1, 23),
 "b4-sg-paint-five-leaking": lambda: units_short(SG, "SMS/INV/26/1191", 1, 35),
 "b4-sg-launch-nine-trips": lambda: units_short(SG, "SMS/INV/26/1192", 1, 9),
 "b4-sg-paynow-not-found": lambda: open_bal(SG, "SMS/INV/26/1196"),
 "b4-sg-wrong-po-number": lambda: inv_total(SG, "SMS/INV/26/1201"),
 "b4-sg-payment-terms": lambda: inv_total(SG, "SMS/INV/26/1202"),
 "b4-sg-reported-confirm-credit": lambda: units_short(SG, "SMS/INV/26/1191", 1, 37),
 "b4-sg-old-paint-price": lambda: price_diff(SG, "SMS/INV/26/1200", 1),
 "b4-sg-which-launch-invoice": lambda: units_short(SG, "SMS/INV/26/1192", 1, 11),
 "b4-sg-new-managers": lambda: inv_total(SG, "SMS/INV/26/1203"),
 "b4-sg-cable-ties-writeoff": lambda: units_short(SG, "SMS/INV/26/1199", 1, 29),
 "b4-sg-lube-then-rope": lambda: price_diff(SG, "SMS/INV/26/1187", 1),
 "b4-ca-seats-decommissioned": lambda: units_short(CA, "MRIT-10301", 1, 42),
 "b4-ca-licence-rate": lambda: price_diff(CA, "MRIT-10301", 2, "30.20"),
 "b4-ca-ask-reason-laptops": lambda: price_diff(CA, "MRIT-10306", 1, "1995.00"),
 "b4-ca-peel-no-po": lambda: inv_total(CA, "MRIT-10308"),
 "b4-ca-humber-which-hours": lambda: units_short(CA, "MRIT-10316", 1, 7),
 "b4-ca-backordered-laptop": lambda: units_short(CA, "MRIT-10311", 1, 2),
 "b4-ca-cheque-paid-other": lambda: open_bal(CA, "MRIT-10302"),
 "b4-ca-callout-fee-question": lambda: fee(CA, "MRIT-10304", "service_fee"),
 "b4-ca-vet-quoted-price": lambda: price_diff(CA, "MRIT-10310", 1, "1950.00"),
}
ADMIN = {"missing_po", "contract_terms", "other", "tax_error", None}
GOODWILL = {"b4-nl-digger-goodwill": D("150.00")}

def rate_on(lg, cur, on):
    rs = [x for x in lg.get("fxRates", []) if x["currency"] == cur and x["date"] <= on]
    return D(max(rs, key=lambda x: x["date"])["rate"]) if rs else None
def to_policy(lg, inv, amount):  # None: no rate, the amount rules cannot be checked
    if inv["currency"] == home(lg): return amount
    rate = rate_on(lg, inv["currency"], inv["issueDate"])
    return None if rate is None else r(amount * rate)

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
for c in cases:
    e, cid = c["expect"], c["id"]
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lg = ledgers[c["ledger"]]; pol = lg["policy"]
    if e.get("noResolution"):
        if any(num in " ".join(c["turns"]) for num in (i["number"] for i in lg["invoices"])): fail(f"{cid}: names an invoice that exists")
        continue
    if "invoiceNumber" not in e: continue
    if not any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: no invoice {e['invoiceNumber']}"); continue
    inv = invoice(lg, e["invoiceNumber"])
    if "customerId" in e and inv["customerId"] != e["customerId"]: fail(f"{cid}: customer {e['customerId']} is not the invoice's")
    if cid not in R: fail(f"{cid}: no recipe"); continue
    evidence = R[cid]()
    if evidence < 0: fail(f"{cid}: the recipe's premise does not hold"); continue
    disputed = D(e["disputedAmount"]) if "disputedAmount" in e else (DISPUTED[cid]() if cid in DISPUTED else None)
    if "disputedAmount" in e and cid in DISPUTED and DISPUTED[cid]() != D(e["disputedAmount"]):
        fail(f"{cid}: disputedAmount {e['disputedAmount']} != derived {DISPUTED[cid]()}")
    if disputed is not None and disputed > inv_total(c["ledger"], inv["number"]): fail(f"{cid}: disputed above the invoice total")
    cl = e.get("classification")
    supported = Z if cl == "needs_info" else (min(evidence, disputed) if disputed is not None else evidence)
    if "supportedAmount" in e and D(e["supportedAmount"]) != supported:
        fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    act = e.get("action")
    if cl == "needs_info" and act != "request_information": fail(f"{cid}: needs_info without request_information")
    if cl and cl != "needs_info" and disputed is not None:
        want = ("valid" if e.get("reasonCode") in ADMIN and act == "cancel_and_rebill" else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != want: fail(f"{cid}: classification {cl}, rules give {want} (supported {supported}, disputed {disputed})")
        owed = to_policy(lg, inv, disputed - supported)
        if cl in ("invalid", "partial") and act != "goodwill_credit" and act is not None:
            wo = owed is not None and owed < D(pol["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} ({owed} in {home(lg)}) vs write-off below {pol['writeOffBelow']}")
    if "escalation" in e:
        cust = next(x for x in lg["customers"] if x["id"] == inv["customerId"])
        d = disputed if disputed is not None else supported
        d_pol = to_policy(lg, inv, d)
        recent = sum(1 for x in lg.get("pastDisputes", []) if x["customerId"] == cust["id"] and 0 <= days(x["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv["dueDate"], c["today"])) if open_bal(c["ledger"], inv["number"]) > 0 else 0
        moved = {"credit_memo": supported, "write_off": d, "goodwill_credit": GOODWILL.get(cid, Z)}.get(act, Z)
        moved = min(moved, max(open_bal(c["ledger"], inv["number"]), Z))
        moved_pol = to_policy(lg, inv, moved)
        controller = moved > 0 and (moved_pol is None or moved_pol > D(pol["approvalLimits"]["lead"]))
        esc = (d_pol is None or d_pol >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic"))
               or recent >= pol["repeatDisputeCount"] or controller
               or (e.get("reasonCode") == "contract_terms" and d_pol is not None and d_pol >= D(pol["legalEscalationAmount"])))
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {d} = {d_pol} {home(lg)}, {pastdue} d past due, {recent} disputes)")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
