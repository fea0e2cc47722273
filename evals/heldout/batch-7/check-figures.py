#!/usr/bin/env python3
"""Batch-7 author's cross-check (adapted from batch 3's): recomputes every ledger total and every expected
figure from the ledger files with decimal arithmetic (never floats), independently of the product, and checks
classification, the write-off rule and escalation against the policy, converting invoice amounts to the
company currency at the ledger's fxRates (latest rate on or before the invoice date, half-up once).
Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-7/check-figures.py"""
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
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def home(lg): return lg["company"]["currency"]
def to_home(lg, inv, amount):
    """DOMAIN, Currencies: latest rate on or before the invoice date, multiplied exactly, half-up once."""
    if inv["currency"] == home(lg): return amount
    rates = [x for x in lg.get("fxRates", []) if x["currency"] == inv["currency"] and x["date"] <= inv["issueDate"]]
    if not rates: return None
    return r(amount * D(max(rates, key=lambda x: x["date"])["rate"]))

# ---- ledgers: totals, references, minor digits
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
        if i["status"] == "paid" and paid(lg, i["number"]) < D(i["total"]): fail(f"{name} {i['number']}: paid but underpaid")
        if i["currency"] != home(lg) and to_home(lg, i, D("1")) is None: fail(f"{name} {i['number']}: no fx rate")
        if i.get("poNumber") and not any(p["number"] == i["poNumber"] and p["customerId"] == i["customerId"] for p in lg.get("purchaseOrders", [])): fail(f"{name} {i['number']}: unknown PO")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")

# ---- recipes: how each supported amount follows from the ledger (DOMAIN.md rules, by hand)
PL, US, IE = "meble-warta-pln.ledger.json", "lakefront-press-usd.ledger.json", "corrib-learning-eur.ledger.json"
def agreed_price(lg, inv, sku):
    c = next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)
    p = next((p["unitPrice"] for p in (c or {}).get("prices", []) if p["sku"] == sku), None)
    if p: return p
    po = next(p for p in lg["purchaseOrders"] if p["number"] == inv["poNumber"])
    return next(l["unitPrice"] for l in po["lines"] if l["sku"] == sku)
def price_diff(lgn, num, n, price=None):        # billed gross - gross at the contract (else PO) price
    lg = ledgers[lgn]; i = invoice(lg, num); l = line(i, n)
    return max(gross(l) - gross(l, price=price or agreed_price(lg, i, l["sku"])), D("0"))
def units_short(lgn, num, n, counted):   # billed gross - gross of the units actually counted
    l = line(invoice(ledgers[lgn], num), n); return gross(l) - gross(l, qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(D(str(d.get(field, 0))) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def dates_unserved(lgn, num, sku, dates):   # logs one entry per day: claimed dates without one
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    assert all(s["periodStart"] == s["periodEnd"] for s in logs), "span log: needs_info"
    return sum(1 for d in dates if not any(s["periodStart"] == d and s["status"] != "not_rendered" for s in logs))
def inv_tax(lgn, num): return sum((tax(l, net(l)) for l in invoice(ledgers[lgn], num)["lines"]), D("0"))
def line_gross(lgn, num, n): return gross(line(invoice(ledgers[lgn], num), n))
def inv_total(lgn, num): return total(invoice(ledgers[lgn], num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in invoice(ledgers[lgn], num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)

def late_fee_allowed(lgn, num):
    """DOMAIN: contract clause, grace days, actual payment date. None without a clause or when the principal
    was paid by due + grace; else percent per started 30-day month (cases are built so that completed
    months, with a minimum of one, give the same answer)."""
    lg = ledgers[lgn]; i = invoice(lg, num); c = next(c for c in lg["contracts"] if c["id"] == i["contractId"])
    if not c.get("lateFee"): return D("0")
    principal = sum((gross(l) for l in i["lines"]), D("0"))
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    grace = c["lateFee"].get("graceDays", 0)
    late = days(i["dueDate"], pays[-1]["date"])
    if sum(D(p["amount"]) for p in pays) >= principal and late <= grace: return D("0")
    started, whole = -(-late // 30), max(late // 30, 1)
    a, b = (r(principal * D(c["lateFee"]["percentPerMonth"]) / 100) * m for m in (started, whole))
    fee_charged = fee(lgn, num, "late_fee")
    if min(a, fee_charged) != min(b, fee_charged): fail(f"{num}: late-fee readings disagree ({a} vs {b})")
    return a

def contract_outside(lgn, num):
    lg = ledgers[lgn]; i = invoice(lg, num); c = next(c for c in lg["contracts"] if c["id"] == i["contractId"])
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot)

def late_not_owed(lgn, num): f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num), f)

Z = D("0")
R = {
 "b7-pl-kranich-lena-price-de": lambda: price_diff(PL, "FV/2026/07/0388", 1),
 "b7-pl-kranich-sideboards-five-damaged": lambda: units_short(PL, "FV/2026/07/0391", 1, 40 - delivered(PL, "FV/2026/07/0391", "SB-ASH-3D", "damagedQuantity")),
 "b7-pl-kranich-tables-by-po-ambiguous": lambda: units_short(PL, "FV/2026/08/0402", 2, delivered(PL, "FV/2026/08/0402", "TB-OAK-180")),
 "b7-pl-kranich-double-invoice-fx-escalation": lambda: inv_total(PL, "FV/2026/08/0403") if invoice(ledgers[PL], "FV/2026/08/0403")["lines"] == invoice(ledgers[PL], "FV/2026/08/0402")["lines"] else Z,
 "b7-pl-kranich-interest-within-grace": lambda: late_not_owed(PL, "FV/2026/07/0386"),
 "b7-pl-kranich-polish-vat-reverse-charge": lambda: inv_tax(PL, "FV/2026/09/0436"),
 "b7-pl-lorient-transport-fr": lambda: Z,
 "b7-pl-lorient-goodwill-on-freight": lambda: Z,
 "b7-pl-lorient-virement-fr": lambda: open_bal(PL, "FV/2026/08/0411"),
 "b7-pl-lorient-sideboard-price-owed-above-writeoff-in-pln": lambda: price_diff(PL, "FV/2026/09/0433", 1),
 "b7-pl-lorient-small-price-writeoff-in-pln": lambda: price_diff(PL, "FV/2026/09/0445", 1),
 "b7-pl-sklep-krzesla-short-pl": lambda: units_short(PL, "FV/2026/09/0437", 1, delivered(PL, "FV/2026/09/0437", "CH-OAK-01")),
 "b7-pl-sklep-interest-owed-writeoff-by-date": lambda: late_not_owed(PL, "FV/2026/08/0401"),
 "b7-pl-hotel-beds-no-po": lambda: Z,
 "b7-pl-hotel-chairs-14-day-terms": lambda: Z,
 "b7-pl-nordby-table-po-price": lambda: price_diff(PL, "FV/2026/08/0408", 1),
 "b7-pl-kranich-name-misspelt": lambda: price_diff(PL, "FV/2026/07/0388", 1),
 "b7-pl-kranich-damage-corrected": lambda: units_short(PL, "FV/2026/07/0391", 1, 40 - delivered(PL, "FV/2026/07/0391", "SB-ASH-3D", "damagedQuantity")),
 "b7-us-rosario-pizza-box-per-m": lambda: price_diff(US, "26-58201", 1),
 "b7-us-rosario-bakery-crushed-es": lambda: units_short(US, "26-58214", 1, D(30) - delivered(US, "26-58214", "BOX-BAK10", "damagedQuantity")),
 "b7-us-rosario-plate-setup-unrecognised": lambda: Z,
 "b7-us-rosario-duplicate-second": lambda: inv_total(US, "26-58221"),
 "b7-us-dental-ncr-forms-short": lambda: units_short(US, "26-58230", 2, delivered(US, "26-58230", "FORM-NCR3")),
 "b7-us-dental-design-hours": lambda: units_short(US, "26-58231", 1, logged(US, "26-58231", "DESIGN-HR")),
 "b7-us-dental-unhappy-with-design": lambda: units_short(US, "26-58236", 1, logged(US, "26-58236", "DESIGN-HR")),
 "b7-us-library-exempt-sales-tax": lambda: inv_tax(US, "26-58205"),
 "b7-us-library-check-paid-another-invoice": lambda: Z,
 "b7-us-halsted-finance-charge-no-clause": lambda: late_not_owed(US, "26-58188"),
 "b7-us-halsted-monthly-labels-not-duplicate": lambda: Z,
 "b7-us-halsted-rush-fee-on-their-po": lambda: Z,
 "b7-us-kessler-by-amount-ambiguous": lambda: units_short(US, "26-58244", 2, delivered(US, "26-58244", "ENV-10")),
 "b7-us-kessler-missing-po": lambda: Z,
 "b7-us-kessler-late-charge-partial-writeoff": lambda: late_not_owed(US, "26-58190"),
 "b7-us-dental-cards-cents-per-card": lambda: price_diff(US, "26-58230", 1),
 "b7-ie-shannonside-seats-logins": lambda: units_short(IE, "CLA26-0702", 1, logged(IE, "CLA26-0702", "ELRN-SEAT")),
 "b7-ie-shannonside-duplicate-email": lambda: inv_total(IE, "CLA26-0717"),
 "b7-ie-burren-training-day-rate": lambda: price_diff(IE, "CLA26-0711", 1),
 "b7-ie-burren-consultant-dates": lambda: units_short(IE, "CLA26-0712", 1, 4 - dates_unserved(IE, "CLA26-0712", "CONS-DAY", ["2026-09-09", "2026-09-10"])),
 "b7-ie-burren-coaching-no-coupa-po": lambda: Z,
 "b7-ie-burren-interest-within-grace": lambda: late_not_owed(IE, "CLA26-0698"),
 "b7-ie-ulster-vat-outside-scope": lambda: inv_tax(IE, "CLA26-0707"),
 "b7-ie-ulster-paid-unapplied": lambda: open_bal(IE, "CLA26-0721"),
 "b7-ie-atlantic-retainer-after-contract-end": lambda: contract_outside(IE, "CLA26-0695"),
 "b7-ie-atlantic-seat-rate-may": lambda: price_diff(IE, "CLA26-0688", 1),
 "b7-ie-kilcullen-venue-hire": lambda: fee(IE, "CLA26-0714", "other"),
 "b7-ie-kilcullen-coaching-five-of-eight": lambda: units_short(IE, "CLA26-0724", 1, logged(IE, "CLA26-0724", "COACH-HR")),
 "b7-ie-kilcullen-late-charge-owed-writeoff": lambda: late_not_owed(IE, "CLA26-0699"),
 "b7-ie-burren-reported-credit-request": lambda: price_diff(IE, "CLA26-0711", 1),
 "b7-ie-shannonside-duplicate-multiturn": lambda: inv_total(IE, "CLA26-0717"),
 "b7-ie-ulster-vat-by-date-and-service": lambda: inv_tax(IE, "CLA26-0707"),
 "b7-ie-kilcullen-coaching-corrected": lambda: units_short(IE, "CLA26-0724", 1, logged(IE, "CLA26-0724", "COACH-HR")),
}
# Disputed amounts derived from what the turns say (units, prices, fees), to check the stated ones and the rules.
DISPUTED = {
 "b7-pl-kranich-lena-price-de": lambda: price_diff(PL, "FV/2026/07/0388", 1, "68.00"),
 "b7-pl-kranich-sideboards-five-damaged": lambda: units_short(PL, "FV/2026/07/0391", 1, 35),
 "b7-pl-kranich-tables-by-po-ambiguous": lambda: units_short(PL, "FV/2026/08/0402", 2, 28),
 "b7-pl-lorient-transport-fr": lambda: fee(PL, "FV/2026/07/0379", "freight"),
 "b7-pl-lorient-goodwill-on-freight": lambda: fee(PL, "FV/2026/07/0379", "freight"),
 "b7-pl-lorient-sideboard-price-owed-above-writeoff-in-pln": lambda: price_diff(PL, "FV/2026/09/0433", 1, "256.00"),
 "b7-pl-lorient-small-price-writeoff-in-pln": lambda: price_diff(PL, "FV/2026/09/0445", 1, "255.00"),
 "b7-pl-sklep-krzesla-short-pl": lambda: units_short(PL, "FV/2026/09/0437", 1, 36),
 "b7-pl-sklep-interest-owed-writeoff-by-date": lambda: fee(PL, "FV/2026/08/0401", "late_fee"),
 "b7-pl-hotel-beds-no-po": lambda: inv_total(PL, "FV/2026/08/0414"),
 "b7-pl-hotel-chairs-14-day-terms": lambda: inv_total(PL, "FV/2026/09/0440"),
 "b7-pl-nordby-table-po-price": lambda: price_diff(PL, "FV/2026/08/0408", 1, "398.00"),
 "b7-pl-nordby-quoted-price-no-documents": lambda: price_diff(PL, "FV/2026/07/0383", 1, "265.00"),
 "b7-pl-kranich-name-misspelt": lambda: price_diff(PL, "FV/2026/07/0388", 1, "68.00"),
 "b7-pl-kranich-damage-corrected": lambda: units_short(PL, "FV/2026/07/0391", 1, 37),
 "b7-us-rosario-pizza-box-per-m": lambda: price_diff(US, "26-58201", 1, "412.00"),
 "b7-us-rosario-bakery-crushed-es": lambda: units_short(US, "26-58214", 1, D("27.5")),
 "b7-us-rosario-plate-setup-unrecognised": lambda: line_gross(US, "26-58201", 2),
 "b7-us-rosario-bakery-no-delivery-record": lambda: units_short(US, "26-58228", 1, 12),
 "b7-us-dental-ncr-forms-short": lambda: units_short(US, "26-58230", 2, 8),
 "b7-us-dental-design-hours": lambda: units_short(US, "26-58231", 1, 8),
 "b7-us-dental-unhappy-with-design": lambda: inv_total(US, "26-58236"),
 "b7-us-library-check-paid-another-invoice": lambda: open_bal(US, "26-58216"),
 "b7-us-halsted-monthly-labels-not-duplicate": lambda: inv_total(US, "26-58241"),
 "b7-us-halsted-rush-fee-on-their-po": lambda: fee(US, "26-58252", "other"),
 "b7-us-kessler-by-amount-ambiguous": lambda: units_short(US, "26-58244", 2, 2),
 "b7-us-kessler-missing-po": lambda: inv_total(US, "26-58250"),
 "b7-us-kessler-late-charge-partial-writeoff": lambda: fee(US, "26-58190", "late_fee"),
 "b7-us-dental-cards-cents-per-card": lambda: gross(line(invoice(ledgers[US], "26-58230"), 1)) - gross(line(invoice(ledgers[US], "26-58230"), 1), price="42.00"),
 "b7-ie-shannonside-seats-logins": lambda: units_short(IE, "CLA26-0702", 1, 95),
 "b7-ie-burren-consultant-dates": lambda: units_short(IE, "CLA26-0712", 1, 2),
 "b7-ie-burren-coaching-no-coupa-po": lambda: inv_total(IE, "CLA26-0719"),
 "b7-ie-ulster-vat-by-date-and-service": lambda: inv_tax(IE, "CLA26-0707"),
 "b7-ie-kilcullen-coaching-five-of-eight": lambda: units_short(IE, "CLA26-0724", 1, 5),
 "b7-ie-kilcullen-coaching-corrected": lambda: units_short(IE, "CLA26-0724", 1, 5),
 "b7-ie-shannonside-trainer-wednesday": lambda: units_short(IE, "CLA26-0726", 1, 1),
}
ADMIN = {"missing_po", "contract_terms", "other", "tax_error"}

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
for c in cases:
    e, cid = c["expect"], c["id"]
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lg = ledgers[c["ledger"]]
    if e.get("noResolution"):
        if e.get("invoiceNumber") and any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: invoice exists")
        continue
    if "invoiceNumber" not in e: continue
    if not any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: no invoice {e['invoiceNumber']}"); continue
    i = invoice(lg, e["invoiceNumber"])
    if "customerId" in e and e["customerId"] != i["customerId"]: fail(f"{cid}: customer {e['customerId']} is not the invoice's")
    if "disputedAmount" in e and cid in DISPUTED and D(e["disputedAmount"]) != DISPUTED[cid]():
        fail(f"{cid}: disputedAmount {e['disputedAmount']} != derived {DISPUTED[cid]()}")
    disputed = D(e["disputedAmount"]) if "disputedAmount" in e else (DISPUTED[cid]() if cid in DISPUTED else None)
    if disputed is not None and disputed > inv_total(c["ledger"], i["number"]): fail(f"{cid}: disputed above invoice total")
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
            if cl in ("invalid", "partial") and act != "goodwill_credit":
                owed = to_home(lg, i, disputed - s)
                wo = owed < D(lg["policy"]["writeOffBelow"])
                if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - s} ({owed} {home(lg)}) vs write-off threshold")
    if e.get("classification") == "needs_info" and e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
    if "escalation" in e:
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        pol = lg["policy"]
        d = disputed if disputed is not None else R.get(cid, lambda: Z)()
        d_home = to_home(lg, i, d)
        recent = sum(1 for p in lg.get("pastDisputes", []) if p["customerId"] == cust["id"] and 0 <= days(p["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = days(i["dueDate"], c["today"]) if open_bal(c["ledger"], i["number"]) > 0 else 0
        esc = (d_home >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic"))
               or recent >= pol["repeatDisputeCount"])
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {d} = {d_home} {home(lg)}, {pastdue} d past due, {recent} disputes)")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
