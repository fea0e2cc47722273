#!/usr/bin/env python3
"""Batch-5 author's cross-check (adapted from batch 3's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, references and payment terms, and the classification / action / escalation rules of
DOMAIN.md, converting invoice amounts to the company currency at the ledger's fxRates where the
policy needs it. Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-5/check-figures.py"""
import glob, json, os, sys
from collections import Counter
from datetime import date
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
MINOR = {"JPY": 0}
def r(x, cur): return x.quantize(D(1) if MINOR.get(cur, 2) == 0 else D("0.01"), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)

ledgers = {os.path.basename(p): json.load(open(p)) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate), cur) if rate else D(0)
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def total(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D(0)) + sum((D(f["amount"]) for f in inv.get("fees", [])), D(0))
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D(0))
def paid(lg, num): return sum((D(p["amount"]) for p in lg.get("payments", []) if p.get("invoiceNumber") == num), D(0))
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def company(lg): return lg["company"]["currency"]
def rate_on(lg, cur, day):
    rs = [x for x in lg.get("fxRates", []) if x["currency"] == cur and x["date"] <= day]
    return max(rs, key=lambda x: x["date"])["rate"] if rs else None
def to_policy(lg, inv, amount):
    """An invoice amount in the company currency at the rate in force on the invoice date; None: no rate."""
    if inv["currency"] == company(lg): return amount
    rate = rate_on(lg, inv["currency"], inv["issueDate"])
    return None if rate is None else r(amount * D(rate), company(lg))

# ---- ledgers: totals, references, minor digits, payment terms
TERMS_WRONG = {"N2605-0140"}   # the contract_terms case: 30 days on a 60-day contract, on purpose
for name, lg in ledgers.items():
    custs = {c["id"] for c in lg["customers"]}
    contracts = {c["id"]: c for c in lg.get("contracts", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 12 <= len(nums) <= 25: fail(f"{name}: {len(nums)} invoices")
    for i in lg["invoices"]:
        cur = i["currency"]
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contracts.get(i.get("contractId"))
        if i.get("contractId") and (not c or c["customerId"] != i["customerId"]): fail(f"{name} {i['number']}: contract missing or of another customer")
        if c and c["currency"] != cur: fail(f"{name} {i['number']}: currency {cur} vs contract {c['currency']}")
        if c and (days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]) != (i["number"] in TERMS_WRONG):
            fail(f"{name} {i['number']}: {days(i['issueDate'], i['dueDate'])} days of terms vs contract {c['paymentTermsDays']}")
        for l in i["lines"]:
            if MINOR.get(cur, 2) == 0 and "." in l["unitPrice"]: fail(f"{name} {i['number']}: decimals in a {cur} price")
        st, p = i.get("status"), paid(lg, i["number"])
        if st == "paid" and p < D(i["total"]): fail(f"{name} {i['number']}: paid but underpaid")
        if p > D(i["total"]): fail(f"{name} {i['number']}: payments applied above the total")
        if st == "open" and p: fail(f"{name} {i['number']}: open with payments applied")
        if st == "partially_paid" and not (0 < p < D(i["total"])): fail(f"{name} {i['number']}: partially_paid with {p}")
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        if cust.get("taxExempt") and any(l.get("taxRate") for l in i["lines"]) and i["number"] not in ("RE26-0436", "N2605-0135"):
            fail(f"{name} {i['number']}: tax on an exempt customer's invoice")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if "remittance" in p: fail(f"{name} payment {p['id']}: remittance would open disputes at import")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
if not any("holidayCalendar" in lg.get("policy", {}) for lg in ledgers.values()): fail("no ledger uses policy.holidayCalendar")
if not any(lg.get("fxRates") for lg in ledgers.values()): fail("no ledger uses fxRates")
if not {"USD", "EUR"} & {company(lg) for lg in ledgers.values()}: fail("neither USD nor EUR")

# ---- recipes: how each supported amount follows from the ledger (DOMAIN.md rules, by hand)
DE, JP, US = "isar-textilservice-eur.ledger.json", "naniwa-precision-jpy.ledger.json", "front-range-solar-usd.ledger.json"
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_of(lgn, num): i = I(lgn, num); return next(c for c in ledgers[lgn]["contracts"] if c["id"] == i["contractId"])
def contract_price(lgn, num, sku): return next(p["unitPrice"] for p in contract_of(lgn, num)["prices"] if p["sku"] == sku)
def price_diff(lgn, num, n, price=None):   # billed gross - gross at the contract price (or a claimed price)
    i = I(lgn, num); l = line(i, n)
    return gross(l, i["currency"]) - gross(l, i["currency"], price=price or contract_price(lgn, num, l["sku"]))
def units_short(lgn, num, n, counted):       # billed gross - gross of the units actually counted
    i = I(lgn, num); l = line(i, n); return gross(l, i["currency"]) - gross(l, i["currency"], qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def logged_on(lgn, num, sku, day):
    return any(s["periodStart"] == day == s["periodEnd"] and s["status"] != "not_rendered" for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku)
def inv_tax(lgn, num, n=None, rate=None):
    i = I(lgn, num); ls = [line(i, n)] if n else i["lines"]
    return sum((tax(l, net(l, i["currency"]), i["currency"], rate) for l in ls), D(0))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)
def unapplied(lgn, num, ref=None, day=None):
    i = I(lgn, num); ps = [p for p in ledgers[lgn]["payments"] if p["customerId"] == i["customerId"] and p["currency"] == i["currency"]]
    hit = [p for p in ps if p.get("invoiceNumber") != num and ((ref and ref in p.get("reference", "")) or (day and p["date"] == day) or num in p.get("reference", ""))]
    return min(sum((D(p["amount"]) for p in hit), D(0)), open_bal(lgn, num))

def late_fee_allowed(lgn, num):
    """Contract clause, grace days, actual payment date. None without a clause; none when the principal
    was paid by due date + grace. Otherwise percentPerMonth of the principal per month of lateness; the
    cases are built so that lateness is a whole number of 30-day months, where counting started months,
    completed months or days pro rata all agree (asserted), and rounding per month or once agrees."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lgn, num); cur = i["currency"]
    if not c.get("lateFee"): return D(0)
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    grace = c["lateFee"].get("graceDays", 0)
    settled = pays[-1]["date"] if pays and sum(D(p["amount"]) for p in pays) >= principal(i) else None
    if not settled: fail(f"{num}: late fee case without settlement"); return D(0)
    late = days(i["dueDate"], settled)
    if late <= grace: return D(0)
    if late % 30: fail(f"{num}: {late} days late is not a whole number of months: readings differ")
    months = late // 30
    pct = D(c["lateFee"]["percentPerMonth"]) / 100
    per_month, once = r(principal(i) * pct, cur) * months, r(principal(i) * pct * months, cur)
    if per_month != once: fail(f"{num}: late fee rounding readings differ ({per_month} vs {once})")
    return per_month

def contract_outside(lgn, num):
    i = I(lgn, num); c = contract_of(lgn, num)
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    if inside not in (0, tot): fail(f"{num}: period straddles the contract: pro-rata readings differ")
    return inv_total(lgn, num) if inside == 0 else D(0)

def duplicate_of(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    same = [(l["sku"], l["quantity"], l["unitPrice"]) for l in a["lines"]] == [(l["sku"], l["quantity"], l["unitPrice"]) for l in b["lines"]]
    po = a.get("poNumber") == b.get("poNumber")
    period = (a.get("servicePeriodStart"), a.get("servicePeriodEnd")) == (b.get("servicePeriodStart"), b.get("servicePeriodEnd"))
    return inv_total(lgn, num) if same and po and period else D(0)

def po_defect(lgn, num):
    """A required PO missing, or one the customer never issued: a defect (valid at 0.00). A real PO: None."""
    i = I(lgn, num); c = contract_of(lgn, num)
    pos = {p["number"]: p for p in ledgers[lgn]["purchaseOrders"] if p["customerId"] == i["customerId"]}
    if not i.get("poNumber"): return c.get("poRequired", False)
    return i["poNumber"] not in pos or pos[i["poNumber"]].get("status") == "cancelled"

def fee_on_po(lgn, num, t):
    i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    words = set(f["description"].lower().split())
    for po in ledgers[lgn]["purchaseOrders"]:
        if po["customerId"] != i["customerId"]: continue
        for l in po["lines"]:
            if words <= set(l.get("description", "").lower().replace("(", " ").replace(")", " ").split()) and D(l["unitPrice"]) == D(f["amount"]): return True
    return False

def line_on_po(lgn, num, n):
    i = I(lgn, num); l = line(i, n)
    return any(pl["sku"] == l["sku"] for po in ledgers[lgn]["purchaseOrders"] if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for pl in po["lines"])

def not_provided_fee(lgn, num, t):
    c = contract_of(lgn, num); f = next(f for f in I(lgn, num)["fees"] if f["type"] == t)
    notes = c.get("notes", "").lower()
    provided = (t == "late_fee" and c.get("lateFee")) or f["description"].lower() in notes or fee_on_po(lgn, num, t)
    return D(0) if provided else D(f["amount"])

def exempt(lgn, num): i = I(lgn, num); return any(c["id"] == i["customerId"] and c.get("taxExempt") for c in ledgers[lgn]["customers"])
def usual_rate(lgn, num, sku):
    i = I(lgn, num); rates = Counter(l.get("taxRate", "0") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for l in o["lines"] if l["sku"] == sku)
    return rates.most_common(1)[0][0] if rates else None

Z = D(0)
R = {
 # DE
 "b5-de-bettwaesche-price": lambda: price_diff(DE, "RE26-0412", 1),
 "b5-de-towels-price-partial": lambda: price_diff(DE, "RE26-0431", 1),
 "b5-de-aprons-four-dozen": lambda: units_short(DE, "RE26-0427", 1, delivered(DE, "RE26-0427", "SCHUERZE")),
 "b5-de-torn-towels-writeoff": lambda: units_short(DE, "RE26-0419", 1, 200 - delivered(DE, "RE26-0419", "HANDT-KAUF", "damagedQuantity")),
 "b5-de-mats-twice-april": lambda: duplicate_of(DE, "RE26-0443", "RE26-0440"),
 "b5-de-two-pickups-skipped": lambda: units_short(DE, "RE26-0412", 3, logged(DE, "RE26-0412", "ABHOL")),
 "b5-de-may-pickups-by-date": lambda: units_short(DE, "RE26-0451", 3, 4 - sum(1 for d in ("2026-05-11", "2026-05-18") if not logged_on(DE, "RE26-0451", "ABHOL", d))),
 "b5-de-alpenhof-reverse-charge": lambda: inv_tax(DE, "RE26-0436") if exempt(DE, "RE26-0436") else Z,
 "b5-de-seven-percent-claim": lambda: Z if usual_rate(DE, "RE26-0431", "TISCH-DECKE") == line(I(DE, "RE26-0431"), 2)["taxRate"] else inv_tax(DE, "RE26-0431", 2) - inv_tax(DE, "RE26-0431", 2, "0.07"),
 "b5-de-interest-within-grace": lambda: fee(DE, "RE26-0405", "late_fee") - min(late_fee_allowed(DE, "RE26-0405"), fee(DE, "RE26-0405", "late_fee")),
 "b5-de-obermaier-interest": lambda: fee(DE, "RE26-0398", "late_fee") - min(late_fee_allowed(DE, "RE26-0398"), fee(DE, "RE26-0398", "late_fee")),
 "b5-de-express-on-po": lambda: not_provided_fee(DE, "RE26-0447", "freight"),
 "b5-de-isarauen-no-bestellnummer": lambda: Z,
 "b5-de-messe-after-contract": lambda: contract_outside(DE, "RE26-0433"),
 "b5-de-grey-sheets": lambda: units_short(DE, "RE26-0451", 1, logged(DE, "RE26-0451", "LIN-BETT")),
 "b5-de-sepa-not-applied": lambda: unapplied(DE, "RE26-0416", day="2026-04-20"),
 "b5-de-march-invoice-which": lambda: price_diff(DE, "RE26-0409", 1) + price_diff(DE, "RE26-0409", 2),
 "b5-de-messe-writeoff-reported": lambda: units_short(DE, "RE26-0421", 2, delivered(DE, "RE26-0421", "HANDT-KAUF")),
 # JP
 "b5-jp-insert-price": lambda: price_diff(JP, "N2605-0132", 1),
 "b5-jp-endmills-two-shipments": lambda: units_short(JP, "N2604-0118", 1, delivered(JP, "N2604-0118", "EM-10-4F")),
 "b5-jp-chipped-drills": lambda: units_short(JP, "N2605-0137", 1, 500 - delivered(JP, "N2605-0137", "DR-6.8", "damagedQuantity")),
 "b5-jp-regrind-64": lambda: units_short(JP, "N2605-0129", 1, logged(JP, "N2605-0129", "REGRIND")),
 "b5-jp-crib-goodwill": lambda: units_short(JP, "N2605-0134", 1, logged(JP, "N2605-0134", "TOOL-MGMT")),
 "b5-jp-edi-double": lambda: duplicate_of(JP, "N2604-0124", "N2604-0121"),
 "b5-jp-not-a-double": lambda: duplicate_of(JP, "N2604-0123", "N2604-0116"),
 "b5-jp-po-typo": lambda: Z,
 "b5-jp-po-is-there": lambda: Z,
 "b5-jp-thai-export-tax": lambda: inv_tax(JP, "N2605-0135") if exempt(JP, "N2605-0135") else Z,
 "b5-jp-late-charge-no-clause": lambda: fee(JP, "N2603-0102", "late_fee") - min(late_fee_allowed(JP, "N2603-0102"), fee(JP, "N2603-0102", "late_fee")),
 "b5-jp-late-charge-writeoff": lambda: fee(JP, "N2603-0098", "late_fee") - min(late_fee_allowed(JP, "N2603-0098"), fee(JP, "N2603-0098", "late_fee")),
 "b5-jp-furikomi-misapplied": lambda: unapplied(JP, "N2604-0127"),
 "b5-jp-crate-charge": lambda: not_provided_fee(JP, "N2605-0143", "other"),
 "b5-jp-terms-30-days": lambda: Z,
 "b5-jp-wrong-name-insert-quote": lambda: price_diff(JP, "N2605-0143", 1),
 "b5-jp-hypothetical-calibration": lambda: units_short(JP, "N2605-0141", 1, logged(JP, "N2605-0141", "CAL-GAUGE")),
 "b5-jp-correction-0123": lambda: units_short(JP, "N2604-0123", 1, delivered(JP, "N2604-0123", "EM-10-4F")),
 # US
 "b5-us-cad-cleaning-writeoff": lambda: price_diff(US, "FR10488", 1),
 "b5-us-cad-wire-unapplied": lambda: unapplied(US, "FR10502", ref="PSR-0501"),
 "b5-us-eur-duplicate-negated": lambda: duplicate_of(US, "FR10511", "FR10509"),
 "b5-us-gbp-no-rate": lambda: price_diff(US, "FR10497", 2),
 "b5-us-fuse-tax-rate": lambda: inv_tax(US, "FR10493", 1) - inv_tax(US, "FR10493", 1, usual_rate(US, "FR10493", "PART-FUSE")),
 "b5-us-mesa-pm-visits": lambda: units_short(US, "FR10499", 1, logged(US, "FR10499", "PM-VISIT")),
 "b5-us-late-charge-one-month": lambda: fee(US, "FR10484", "late_fee") - min(late_fee_allowed(US, "FR10484"), fee(US, "FR10484", "late_fee")),
 "b5-us-check-20817": lambda: unapplied(US, "FR10495", ref="20817"),
 "b5-us-mesa-says-paid": lambda: unapplied(US, "FR10486"),
 "b5-us-mobilization-fee": lambda: not_provided_fee(US, "FR10507", "service_fee"),
 "b5-us-igbt-on-po": lambda: Z if line_on_po(US, "FR10513", 1) else line_gross(US, "FR10513", 1),
 "b5-us-mesa-no-po": lambda: Z,
 "b5-us-new-owner-reissue": lambda: Z,
 "b5-us-fuses-short-cad": lambda: units_short(US, "FR10514", 1, delivered(US, "FR10514", "PART-FUSE")),
 "b5-us-cleaning-not-scada": lambda: units_short(US, "FR10490", 2, logged(US, "FR10490", "MOD-CLEAN")),
 "b5-us-which-problem": lambda: units_short(US, "FR10498", 1, delivered(US, "FR10498", "PART-FUSE")),
 "b5-us-san-luis-old-invoice": lambda: price_diff(US, "FR10481", 1),
}
# Disputed amounts derived from what the turns say (units, prices, whole charges), to check expectations.
DISPUTED = {
 "b5-de-bettwaesche-price": lambda: price_diff(DE, "RE26-0412", 1),
 "b5-de-towels-price-partial": lambda: price_diff(DE, "RE26-0431", 1, "1.80"),
 "b5-de-aprons-four-dozen": lambda: units_short(DE, "RE26-0427", 1, 48),
 "b5-de-torn-towels-writeoff": lambda: units_short(DE, "RE26-0419", 1, 180),
 "b5-de-mats-twice-april": lambda: inv_total(DE, "RE26-0443"),
 "b5-de-two-pickups-skipped": lambda: units_short(DE, "RE26-0412", 3, 7),
 "b5-de-may-pickups-by-date": lambda: units_short(DE, "RE26-0451", 3, 2),
 "b5-de-alpenhof-reverse-charge": lambda: inv_tax(DE, "RE26-0436"),
 "b5-de-seven-percent-claim": lambda: inv_tax(DE, "RE26-0431", 2) - inv_tax(DE, "RE26-0431", 2, "0.07"),
 "b5-de-interest-within-grace": lambda: fee(DE, "RE26-0405", "late_fee"),
 "b5-de-obermaier-interest": lambda: fee(DE, "RE26-0398", "late_fee"),
 "b5-de-express-on-po": lambda: fee(DE, "RE26-0447", "freight"),
 "b5-de-isarauen-no-bestellnummer": lambda: inv_total(DE, "RE26-0453"),
 "b5-de-messe-after-contract": lambda: inv_total(DE, "RE26-0433"),
 "b5-de-grey-sheets": lambda: line_gross(DE, "RE26-0451", 1),
 "b5-de-sepa-not-applied": lambda: open_bal(DE, "RE26-0416"),
 "b5-de-march-invoice-which": lambda: price_diff(DE, "RE26-0409", 1),
 "b5-de-messe-writeoff-reported": lambda: line_gross(DE, "RE26-0421", 2),
 "b5-jp-insert-price": lambda: price_diff(JP, "N2605-0132", 1),
 "b5-jp-endmills-two-shipments": lambda: units_short(JP, "N2604-0118", 1, 100),
 "b5-jp-chipped-drills": lambda: units_short(JP, "N2605-0137", 1, 470),
 "b5-jp-regrind-64": lambda: units_short(JP, "N2605-0129", 1, 64),
 "b5-jp-crib-goodwill": lambda: inv_total(JP, "N2605-0134"),
 "b5-jp-edi-double": lambda: inv_total(JP, "N2604-0124"),
 "b5-jp-not-a-double": lambda: inv_total(JP, "N2604-0123"),
 "b5-jp-po-typo": lambda: inv_total(JP, "N2605-0139"),
 "b5-jp-po-is-there": lambda: inv_total(JP, "N2605-0141"),
 "b5-jp-thai-export-tax": lambda: inv_tax(JP, "N2605-0135"),
 "b5-jp-late-charge-no-clause": lambda: fee(JP, "N2603-0102", "late_fee"),
 "b5-jp-late-charge-writeoff": lambda: fee(JP, "N2603-0098", "late_fee"),
 "b5-jp-furikomi-misapplied": lambda: open_bal(JP, "N2604-0127"),
 "b5-jp-paid-nothing-found": lambda: open_bal(JP, "N2604-0114"),
 "b5-jp-crate-charge": lambda: fee(JP, "N2605-0143", "other"),
 "b5-jp-terms-30-days": lambda: inv_total(JP, "N2605-0140"),
 "b5-jp-wrong-name-insert-quote": lambda: price_diff(JP, "N2605-0143", 1, "900"),
 "b5-jp-hypothetical-calibration": lambda: units_short(JP, "N2605-0141", 1, 30),
 "b5-jp-correction-0123": lambda: units_short(JP, "N2604-0123", 1, 24),
 "b5-us-cad-cleaning-writeoff": lambda: price_diff(US, "FR10488", 1, "0.43"),
 "b5-us-cad-wire-unapplied": lambda: open_bal(US, "FR10502"),
 "b5-us-eur-duplicate-negated": lambda: inv_total(US, "FR10511"),
 "b5-us-gbp-no-rate": lambda: price_diff(US, "FR10497", 2, "0.33"),
 "b5-us-fuse-tax-rate": lambda: inv_tax(US, "FR10493", 1) - inv_tax(US, "FR10493", 1, "0.0481"),
 "b5-us-mesa-pm-visits": lambda: units_short(US, "FR10499", 1, 2),
 "b5-us-scada-no-log": lambda: line_gross(US, "FR10490", 1),
 "b5-us-late-charge-one-month": lambda: fee(US, "FR10484", "late_fee"),
 "b5-us-check-20817": lambda: open_bal(US, "FR10495"),
 "b5-us-mesa-says-paid": lambda: open_bal(US, "FR10486"),
 "b5-us-mobilization-fee": lambda: fee(US, "FR10507", "service_fee"),
 "b5-us-igbt-on-po": lambda: line_gross(US, "FR10513", 1),
 "b5-us-mesa-no-po": lambda: inv_total(US, "FR10516"),
 "b5-us-new-owner-reissue": lambda: inv_total(US, "FR10500"),
 "b5-us-fuses-short-cad": lambda: units_short(US, "FR10514", 1, 150),
 "b5-us-cleaning-not-scada": lambda: units_short(US, "FR10490", 2, 15000),
 "b5-us-which-problem": lambda: units_short(US, "FR10498", 1, 25),
 "b5-us-san-luis-old-invoice": lambda: price_diff(US, "FR10481", 1, "1850.00"),
}
# Cases whose supported amount is 0.00 because the document is defective, not the charges (valid at 0).
DEFECT = {"b5-de-isarauen-no-bestellnummer": lambda: po_defect(DE, "RE26-0453"), "b5-jp-po-typo": lambda: po_defect(JP, "N2605-0139"),
          "b5-us-mesa-no-po": lambda: po_defect(US, "FR10516"), "b5-jp-po-is-there": lambda: po_defect(JP, "N2605-0141"),
          "b5-jp-terms-30-days": lambda: True, "b5-us-new-owner-reissue": lambda: True}
GOODWILL = {"b5-jp-crib-goodwill": D("20000")}
MONEY = {"credit_memo", "write_off", "goodwill_credit"}

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
per_ledger = Counter(c["ledger"] for c in cases)
for lgn in ledgers:
    if per_ledger[lgn] != 20: fail(f"{lgn}: {per_ledger[lgn]} cases, not 20")
for c in cases:
    e, cid = c["expect"], c["id"]
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name differs from id")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lg = ledgers[c["ledger"]]; pol = lg["policy"]
    if e.get("noResolution"):
        if e.get("invoiceNumber") and any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: invoice exists")
        continue
    num = e.get("invoiceNumber")
    if not num or not any(i["number"] == num for i in lg["invoices"]): fail(f"{cid}: no invoice {num}"); continue
    inv = invoice(lg, num)
    if e.get("customerId") and e["customerId"] != inv["customerId"]: fail(f"{cid}: customer {e['customerId']} is not {inv['customerId']}")
    disputed = DISPUTED[cid]() if cid in DISPUTED else None
    if "disputedAmount" in e and D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed is not None and not 0 < disputed <= inv_total(c["ledger"], num): fail(f"{cid}: disputed {disputed} outside (0, total]")
    cl, act = e.get("classification"), e.get("action")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    if "supportedAmount" in e:
        if cid not in R: fail(f"{cid}: no recipe"); continue
        supported = min(R[cid](), disputed) if disputed is not None else R[cid]()
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = DEFECT.get(cid, lambda: False)()
        want = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl and cl != want: fail(f"{cid}: classification {cl}, rules give {want} (supported {supported}, disputed {disputed})")
        owed = disputed - supported
        owed_pol = to_policy(lg, inv, owed)
        if cl in ("invalid", "partial") and act is not None:
            wo = owed_pol is not None and owed_pol < D(pol["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {owed} {inv['currency']} = {owed_pol} vs write-off {pol['writeOffBelow']}")
        if cl == "valid" and act is not None:
            want_act = "cancel_and_rebill" if defect or (cid in ("b5-de-alpenhof-reverse-charge", "b5-jp-thai-export-tax")) else \
                       "apply_payment" if e.get("reasonCode") == "already_paid" else "credit_memo"
            if act != want_act: fail(f"{cid}: action {act}, rules give {want_act}")
        if cl == "invalid" and act not in (None, "write_off"):
            want_act = "goodwill_credit" if cid in GOODWILL and GOODWILL[cid] <= min(owed, open_bal(c["ledger"], num)) else "no_adjustment"
            if act != want_act: fail(f"{cid}: action {act}, rules give {want_act}")
    if "escalation" in e:
        cust = next(x for x in lg["customers"] if x["id"] == inv["customerId"])
        d_pol = to_policy(lg, inv, disputed) if disputed is not None else None
        no_rate = inv["currency"] != company(lg) and rate_on(lg, inv["currency"], inv["issueDate"]) is None
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv["dueDate"], c["today"])) if open_bal(c["ledger"], num) > 0 else 0
        moved = None
        if act in MONEY and supported is not None:
            moved = {"credit_memo": supported, "write_off": disputed, "goodwill_credit": GOODWILL.get(cid)}[act]
            moved = to_policy(lg, inv, min(moved, open_bal(c["ledger"], num)))
        controller = act in MONEY and supported is not None and (moved is None or moved > D(pol["approvalLimits"]["lead"]))
        legal = e.get("reasonCode") == "contract_terms" and d_pol is not None and d_pol >= D(pol["legalEscalationAmount"])
        esc = (no_rate or (d_pol is not None and d_pol >= D(pol["escalationAmount"])) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or legal or controller)
        if esc != e["escalation"]:
            fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} = {d_pol} {company(lg)}, {pastdue} d past due, {recent} disputes, controller {controller})")
        if legal and "legal" not in e.get("stakeholders", []): fail(f"{cid}: legal escalation without legal among the stakeholders")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
