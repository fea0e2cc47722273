#!/usr/bin/env python3
"""Batch-6 author's cross-check (adapted from batch 3's): recomputes every ledger total and every expected
figure from the ledger files with decimal arithmetic (never floats), independently of the product, and checks
references, classification, the write-off rule and escalation against DOMAIN.md, converting to the company
currency at the ledger's fxRates where the invoice is in another currency. Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-6/check-figures.py"""
import glob, json, os, sys
from datetime import date
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
C = D("0.01")
def r(x): return x.quantize(C, rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
DEFAULT = {"escalationAmount": "10000.00", "escalationDaysPastDue": 90, "repeatDisputeCount": 3, "repeatDisputeWindowDays": 90,
           "legalEscalationAmount": "10000.00", "writeOffBelow": "50.00"}

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
def policy(lg): return {**DEFAULT, **lg.get("policy", {})}
def home(lg): return lg["company"]["currency"]
def to_home(lg, inv, amount):
    """DOMAIN.md Currencies: the latest rate on or before the invoice date, multiplied exactly, rounded half-up once."""
    if inv["currency"] == home(lg): return amount
    rates = [x for x in lg.get("fxRates", []) if x["currency"] == inv["currency"] and x["date"] <= inv["issueDate"]]
    if not rates: return None
    return r(amount * D(max(rates, key=lambda x: x["date"])["rate"]))

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
        if i.get("contractId") and contracts[i["contractId"]]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
        if i["status"] == "paid" and paid(lg, i["number"]) < D(i["total"]): fail(f"{name} {i['number']}: paid but underpaid")
        if i["status"] == "partially_paid" and not D(0) < paid(lg, i["number"]) < D(i["total"]): fail(f"{name} {i['number']}: partially_paid does not fit")
        if i["status"] == "open" and paid(lg, i["number"]) != 0: fail(f"{name} {i['number']}: open but paid")
        if i.get("poNumber") and not any(p["number"] == i["poNumber"] and p["customerId"] == i["customerId"] for p in lg.get("purchaseOrders", [])): fail(f"{name} {i['number']}: unknown PO")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        for rm in p.get("remittance", []):
            if D(rm["paid"]) + D(rm.get("deducted", "0")) != D(invoice(lg, rm["invoiceNumber"])["total"]) - (paid(lg, rm["invoiceNumber"]) - D(p["amount"])):
                fail(f"{name} payment {p['id']}: remittance does not add up")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")

# ---- recipes: how each supported amount follows from the ledger (DOMAIN.md rules, by hand)
PT, TX, KE = "ribadouro-cork-eur.ledger.json", "lone-star-hvac-usd.ledger.json", "naivasha-bloom-kes.ledger.json"
def inv_of(lgn, num): return invoice(ledgers[lgn], num)
def contract_of(lgn, num):
    i = inv_of(lgn, num); return next((c for c in ledgers[lgn].get("contracts", []) if c["id"] == i.get("contractId")), None)
def contract_price(lgn, num, sku): return next(p["unitPrice"] for p in contract_of(lgn, num)["prices"] if p["sku"] == sku)
def price_diff(lgn, num, n, price=None):        # billed gross - gross at the agreed (or stated) price
    i = inv_of(lgn, num); l = line(i, n)
    return gross(l) - gross(l, price=price or contract_price(lgn, num, l["sku"]))
def units_short(lgn, num, n, counted):         # billed gross - gross of the units actually counted
    l = line(inv_of(lgn, num), n); return gross(l) - gross(l, qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def logged_on(lgn, num, sku, day):
    return any(s["periodStart"] == day == s["periodEnd"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def inv_tax(lgn, num): return sum((tax(l, net(l)) for l in inv_of(lgn, num)["lines"]), D("0"))
def inv_total(lgn, num): return total(inv_of(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in inv_of(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)

def late_fee_allowed(lgn, num):
    """Contract clause, grace days, actual payment date: none without a clause or when paid by due + grace;
    else percent of the principal per month of lateness from the due date. Cases are built so that started and
    completed 30-day months agree (lateness a multiple of 30 days) or the answer does not depend on it."""
    lg = ledgers[lgn]; i = inv_of(lgn, num); c = contract_of(lgn, num)
    if not c or not c.get("lateFee"): return D("0")
    principal = sum((gross(l) for l in i["lines"]), D("0"))
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    late = days(i["dueDate"], pays[-1]["date"])
    if late <= c["lateFee"].get("graceDays", 0): return D("0")
    started, completed = -(-late // 30), late // 30
    per_month = r(principal * D(c["lateFee"]["percentPerMonth"]) / 100)
    charged = fee(lgn, num, "late_fee")
    if min(charged, per_month * started) != min(charged, per_month * completed): fail(f"{num}: the late-fee months reading matters")
    return per_month * started

def contract_outside(lgn, num):
    i = inv_of(lgn, num); c = contract_of(lgn, num)
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot)

def days_not_served(lgn, num, n, dates):
    l = line(inv_of(lgn, num), n)
    missed = [d for d in dates if not logged_on(lgn, num, l["sku"], d)]
    return units_short(lgn, num, n, l["quantity"] - len(missed))

def usual_rate_diff(lgn, num, n):
    lg = ledgers[lgn]; i = inv_of(lgn, num); l = line(i, n)
    others = [x for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]]
    rate = others[0].get("taxRate", "0")
    return tax(l, net(l)) - tax(l, net(l), rate)

Z = D("0")
R = {
 # Portugal (EUR)
 "b6-pt-naturals-price-email": lambda: price_diff(PT, "FT 2026/0401", 1),
 "b6-pt-arribes-counted-50": lambda: units_short(PT, "FT 2026/0403", 1, delivered(PT, "FT 2026/0403", "COL-44x24")),
 "b6-pt-lestage-mouldy-cartons": lambda: units_short(PT, "FT 2026/0405", 1, 30 - delivered(PT, "FT 2026/0405", "CHAMP-48x30.5", "damagedQuantity")),
 "b6-pt-qlv-billed-twice": lambda: inv_total(PT, "FT 2026/0410"),
 "b6-pt-arribes-sin-pedido": lambda: Z,
 "b6-pt-borba-paid-sepa": lambda: open_bal(PT, "FT 2026/0414"),
 "b6-pt-borba-juros-within-grace": lambda: fee(PT, "FT 2026/0402", "late_fee") - min(late_fee_allowed(PT, "FT 2026/0402"), fee(PT, "FT 2026/0402", "late_fee")),
 "b6-pt-borba-juros-owed": lambda: fee(PT, "FT 2026/0406", "late_fee") - min(late_fee_allowed(PT, "FT 2026/0406"), fee(PT, "FT 2026/0406", "late_fee")),
 "b6-pt-lestage-tva": lambda: inv_tax(PT, "FT 2026/0416"),
 "b6-pt-tagide-storage-after-contract": lambda: contract_outside(PT, "FT 2026/0411"),
 "b6-pt-qlv-express-freight": lambda: Z,
 "b6-pt-serraverde-pallet-handling": lambda: fee(PT, "FT 2026/0415", "other"),
 "b6-pt-bartop-writeoff": lambda: price_diff(PT, "FT 2026/0408", 1),
 "b6-pt-naturals-price-hold-credit": lambda: price_diff(PT, "FT 2026/0401", 1),
 "b6-pt-arribes-short-corrected": lambda: units_short(PT, "FT 2026/0404", 1, delivered(PT, "FT 2026/0404", "TEC-1+1")),
 "b6-pt-serraverde-short-three-turns": lambda: units_short(PT, "FT 2026/0418", 1, delivered(PT, "FT 2026/0418", "NAT-45x24")),
 "b6-pt-qlv-new-legal-name": lambda: Z,
 # Texas (USD)
 "b6-tx-pm-visits-six-of-eight": lambda: units_short(TX, "50231", 1, logged(TX, "50231", "PM-VISIT")),
 "b6-tx-mission-trail-rounds-dates": lambda: days_not_served(TX, "50233", 1, ["2026-06-09", "2026-06-10"]),
 "b6-tx-riverwalk-coils-unhappy": lambda: units_short(TX, "50238", 1, logged(TX, "50238", "COIL-CLEAN")),
 "b6-tx-riverwalk-goodwill-250": lambda: units_short(TX, "50238", 1, logged(TX, "50238", "COIL-CLEAN")),
 "b6-tx-overtime-rate-corrected-invoice": lambda: price_diff(TX, "50234", 1),
 "b6-tx-isd-sales-tax": lambda: inv_tax(TX, "50240"),
 "b6-tx-bexar-late-charge": lambda: fee(TX, "50239", "late_fee") - late_fee_allowed(TX, "50239"),
 "b6-tx-pearl-finance-charge-3-months": lambda: fee(TX, "50235", "late_fee") - min(late_fee_allowed(TX, "50235"), fee(TX, "50235", "late_fee")),
 "b6-tx-bexar-june-monitoring-twice": lambda: inv_total(TX, "50242"),
 "b6-tx-bexar-cancelled-po": lambda: Z,
 "b6-tx-bexar-po-is-on-it": lambda: Z,
 "b6-tx-castroville-check-for-other-invoice": lambda: Z,
 "b6-tx-riverwalk-trip-charge": lambda: Z,
 "b6-tx-mission-trail-net15": lambda: Z,
 "b6-tx-isd-visits-may-asked": lambda: units_short(TX, "50237", 1, logged(TX, "50237", "PM-VISIT")),
 "b6-tx-riverwalk-filters-reported-writeoff": lambda: price_diff(TX, "50249", 1),
 "b6-tx-pearl-refrigerant-tax-rate-corrected": lambda: usual_rate_diff(TX, "50244", 1),
 # Kenya (KES company; EUR/USD/GBP/KES invoices)
 "b6-ke-vdz-explorer-price": lambda: price_diff(KE, "NBE/EX/26/0141", 1),
 "b6-ke-petal-stem-offloaded-boxes": lambda: units_short(KE, "NBE/EX/26/0144", 1, delivered(KE, "NBE/EX/26/0144", "RS-FREE-50")),
 "b6-ke-bergmann-botrytis-partial": lambda: units_short(KE, "NBE/EX/26/0143", 1, 10000 - delivered(KE, "NBE/EX/26/0143", "SPR-RS-40", "damagedQuantity")),
 "b6-ke-vdz-duplicate-escalates-in-kes": lambda: inv_total(KE, "NBE/EX/26/0150"),
 "b6-ke-covent-gyp-no-gbp-rate": lambda: price_diff(KE, "NBE/EX/26/0146", 1),
 "b6-ke-bergmann-hypericum-writeoff-kes": lambda: price_diff(KE, "NBE/EX/26/0148", 1),
 "b6-ke-petal-stem-wire-unapplied": lambda: open_bal(KE, "NBE/EX/26/0145"),
 "b6-ke-mombasa-epz-vat": lambda: inv_tax(KE, "NBE/LC/26/0033"),
 "b6-ke-karen-blossom-vat-stands": lambda: Z,
 "b6-ke-alzahra-freight-on-po": lambda: Z,
 "b6-ke-karen-late-charge-no-clause": lambda: fee(KE, "NBE/LC/26/0032", "late_fee") - late_fee_allowed(KE, "NBE/LC/26/0032"),
 "b6-ke-bergmann-no-po-by-date-amount": lambda: Z,
 "b6-ke-petal-stem-billed-in-euros": lambda: Z,
 "b6-ke-petal-stem-short-asked": lambda: units_short(KE, "NBE/EX/26/0144", 1, delivered(KE, "NBE/EX/26/0144", "RS-FREE-50")),
 "b6-ke-vdz-remittance-price-deduction": lambda: price_diff(KE, "NBE/EX/26/0142", 1),
 "b6-ke-bergmann-botrytis-corrected": lambda: units_short(KE, "NBE/EX/26/0143", 1, 10000 - delivered(KE, "NBE/EX/26/0143", "SPR-RS-40", "damagedQuantity")),
}
# Disputed amounts where the case expects none (derived by DOMAIN's rules), for classification and escalation.
DISPUTED = {
 "b6-pt-qlv-billed-twice": lambda: inv_total(PT, "FT 2026/0410"),
 "b6-pt-arribes-sin-pedido": lambda: inv_total(PT, "FT 2026/0412"),
 "b6-pt-borba-paid-sepa": lambda: open_bal(PT, "FT 2026/0414"),
 "b6-pt-lestage-tva": lambda: inv_tax(PT, "FT 2026/0416"),
 "b6-pt-qlv-new-legal-name": lambda: inv_total(PT, "FT 2026/0420"),
 "b6-tx-riverwalk-goodwill-250": lambda: inv_total(TX, "50238"),
 "b6-tx-isd-sales-tax": lambda: inv_tax(TX, "50240"),
 "b6-tx-bexar-june-monitoring-twice": lambda: inv_total(TX, "50242"),
 "b6-tx-bexar-cancelled-po": lambda: inv_total(TX, "50243"),
 "b6-tx-mission-trail-net15": lambda: inv_total(TX, "50248"),
 "b6-tx-pearl-weekly-check-one-date": lambda: units_short(TX, "50236", 1, 3),
 "b6-tx-castroville-rate-no-contract": lambda: price_diff(TX, "50250", 1, "110.00"),
 "b6-ke-vdz-duplicate-escalates-in-kes": lambda: inv_total(KE, "NBE/EX/26/0150"),
 "b6-ke-petal-stem-wire-unapplied": lambda: open_bal(KE, "NBE/EX/26/0145"),
 "b6-ke-mombasa-epz-vat": lambda: inv_tax(KE, "NBE/LC/26/0033"),
 "b6-ke-bergmann-no-po-by-date-amount": lambda: inv_total(KE, "NBE/EX/26/0152"),
 "b6-ke-petal-stem-billed-in-euros": lambda: inv_total(KE, "NBE/EX/26/0153"),
 "b6-ke-alzahra-botrytis-no-pod-not-freight": lambda: units_short(KE, "NBE/EX/26/0147", 1, 12000 - 600),
}
# Stated amounts in the turns that must equal the arithmetic they describe.
STATED = {
 "b6-pt-arribes-counted-50": lambda: units_short(PT, "FT 2026/0403", 1, 50),
 "b6-pt-bartop-writeoff": lambda: price_diff(PT, "FT 2026/0408", 1, "262.00"),
 "b6-tx-pm-visits-six-of-eight": lambda: units_short(TX, "50231", 1, 6),
 "b6-tx-mission-trail-rounds-dates": lambda: units_short(TX, "50233", 1, 20),
 "b6-tx-riverwalk-filters-reported-writeoff": lambda: price_diff(TX, "50249", 1, "13.90"),
 "b6-tx-isd-visits-may-asked": lambda: units_short(TX, "50237", 1, 6),
 "b6-tx-bexar-po-is-on-it": lambda: inv_total(TX, "50245"),
 "b6-tx-castroville-check-for-other-invoice": lambda: open_bal(TX, "50247"),
 "b6-tx-riverwalk-coils-unhappy": lambda: inv_total(TX, "50238"),
 "b6-tx-riverwalk-trip-charge": lambda: net(line(inv_of(TX, "50249"), 2)),
 "b6-pt-qlv-express-freight": lambda: fee(PT, "FT 2026/0413", "freight"),
 "b6-pt-serraverde-short-three-turns": lambda: units_short(PT, "FT 2026/0418", 1, 40),
 "b6-ke-bergmann-botrytis-partial": lambda: units_short(KE, "NBE/EX/26/0143", 1, 8000),
 "b6-ke-bergmann-hypericum-writeoff-kes": lambda: price_diff(KE, "NBE/EX/26/0148", 1, "0.22"),
 "b6-ke-karen-blossom-vat-stands": lambda: inv_tax(KE, "NBE/LC/26/0034"),
 "b6-ke-alzahra-freight-on-po": lambda: fee(KE, "NBE/EX/26/0151", "freight"),
 "b6-ke-petal-stem-short-asked": lambda: units_short(KE, "NBE/EX/26/0144", 1, 18800),
}
ADMIN = {"missing_po", "contract_terms", "other", "tax_error"}

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
for c in cases:
    e, cid = c["expect"], c["id"]
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lg = ledgers[c["ledger"]]; pol = policy(lg)
    if not c.get("description"): fail(f"{cid}: no description")
    if e.get("noResolution"):
        if e.get("invoiceNumber"): fail(f"{cid}: noResolution with an invoice")
        continue
    if "invoiceNumber" in e and not any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: no invoice {e['invoiceNumber']}"); continue
    if "customerId" in e and inv_of(c["ledger"], e["invoiceNumber"])["customerId"] != e["customerId"]: fail(f"{cid}: customer of the invoice differs")
    if cid in STATED and "disputedAmount" in e and D(e["disputedAmount"]) != STATED[cid](): fail(f"{cid}: stated {e['disputedAmount']} != {STATED[cid]()}")
    disputed = D(e["disputedAmount"]) if "disputedAmount" in e else (DISPUTED[cid]() if cid in DISPUTED else None)
    if "supportedAmount" in e:
        if cid not in R: fail(f"{cid}: no recipe"); continue
        evidence = R[cid]()
        want = min(evidence, disputed) if disputed is not None else evidence
        if D(e["supportedAmount"]) != want: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {want}")
        cl = e.get("classification")
        if cl and disputed is not None:
            s = D(e["supportedAmount"])
            exp = ("valid" if e.get("reasonCode") in ADMIN and e.get("action") == "cancel_and_rebill" else "invalid") if s == 0 else ("valid" if s >= disputed else "partial")
            if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {s}, disputed {disputed})")
            act = e.get("action")
            if cl in ("invalid", "partial") and act is not None and act != "goodwill_credit":
                owed = to_home(lg, inv_of(c["ledger"], e["invoiceNumber"]), disputed - s)
                wo = owed is not None and owed < D(pol["writeOffBelow"])
                if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - s} ({owed} {home(lg)}) vs write-off {pol['writeOffBelow']}")
    if disputed is not None and "invoiceNumber" in e and disputed > inv_total(c["ledger"], e["invoiceNumber"]): fail(f"{cid}: disputed above invoice total")
    if (e.get("classification") == "needs_info") != (e.get("action") == "request_information") and "action" in e: fail(f"{cid}: needs_info and request_information go together")
    if "escalation" in e:
        i = inv_of(c["ledger"], e["invoiceNumber"]); cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        d = disputed if disputed is not None else R[cid]()
        conv = to_home(lg, i, d)
        recent = sum(1 for x in lg.get("pastDisputes", []) if x["customerId"] == cust["id"] and 0 <= days(x["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(i["dueDate"], c["today"])) if open_bal(c["ledger"], i["number"]) > 0 else 0
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic"))
               or recent >= pol["repeatDisputeCount"])
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {d} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
