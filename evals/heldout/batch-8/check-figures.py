#!/usr/bin/env python3
"""Batch-8 author's cross-check (adapted from batch 3's): recomputes every ledger total and every
expected figure from the ledger files with decimal arithmetic (never floats), independently of the
product, and checks classification, the write-off rule and escalation against the policy of
DOMAIN.md, converting invoice amounts into the company currency at the ledger's fxRates (the latest
rate on or before the invoice date, rounded half-up once) where the invoice is in another currency.
Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-8/check-figures.py"""
import glob, json, os, sys
from datetime import date
from decimal import Decimal as D, ROUND_HALF_UP, ROUND_CEILING

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
def add_days(a, n): return date.fromordinal(date.fromisoformat(a).toordinal() + n).isoformat()

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
        if i.get("contractId"):
            ct = contracts[i["contractId"]]
            if ct["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if ct["currency"] != i["currency"]: fail(f"{name} {i['number']}: currency differs from its contract")
        p = paid(lg, i["number"])
        want = "paid" if p >= D(i["total"]) else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
    pos = {po["number"]: po for po in lg.get("purchaseOrders", [])}
    for po in pos.values():
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for i in lg["invoices"]:
        if i.get("poNumber") and (i["poNumber"] not in pos or pos[i["poNumber"]]["customerId"] != i["customerId"]): fail(f"{name} {i['number']}: PO {i['poNumber']} unknown or another customer's")

IT, DK, GA = "officine-reno-eur.ledger.json", "nordlys-hotelforsyning-dkk.ledger.json", "peachtree-pest-usd.ledger.json"
if not any("holidayCalendar" in lg.get("policy", {}) for lg in ledgers.values()): fail("no ledger uses holidayCalendar")
if not any(lg.get("fxRates") for lg in ledgers.values()): fail("no ledger uses fxRates")

# ---- company currency and conversion (DOMAIN.md, Currencies)
def company_cur(lg): return lg.get("company", {}).get("currency") or lg["invoices"][0]["currency"]
def to_policy(lgn, num, amount):
    """amount of invoice `num` in the company currency, or None when there is no rate."""
    lg = ledgers[lgn]; i = invoice(lg, num)
    if i["currency"] == company_cur(lg): return amount
    rates = [x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]]
    if not rates: return None
    return r(amount * D(max(rates, key=lambda x: x["date"])["rate"]))

# ---- recipes (DOMAIN.md rules, by hand)
def contract_price(lg, inv, sku): return next(p["unitPrice"] for p in next(c for c in lg["contracts"] if c["id"] == inv["contractId"])["prices"] if p["sku"] == sku)
def price_diff(lgn, num, n, price=None):        # billed gross - gross at the contract (or given) price
    lg = ledgers[lgn]; i = invoice(lg, num); l = line(i, n)
    return gross(l) - gross(l, price=price or contract_price(lg, i, l["sku"]))
def units_short(lgn, num, n, counted):   # billed gross - gross of the units actually counted
    l = line(invoice(ledgers[lgn], num), n); return gross(l) - gross(l, qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def inv_tax(lgn, num): return sum((tax(l, net(l)) for l in invoice(ledgers[lgn], num)["lines"]), D("0"))
def line_gross(lgn, num, n): return gross(line(invoice(ledgers[lgn], num), n))
def inv_total(lgn, num): return total(invoice(ledgers[lgn], num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in invoice(ledgers[lgn], num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)
def unapplied(lgn, cust, amount):
    return any(p["customerId"] == cust and not p.get("invoiceNumber") and D(p["amount"]) == amount for p in ledgers[lgn].get("payments", []))

def late_fee_allowed(lgn, num):
    """Core rule (src/core/evidence/late-fee.ts as documented): none without a clause; none when the
    principal was paid by due + grace; else percent of the overdue principal per started 30-day month."""
    lg = ledgers[lgn]; i = invoice(lg, num); c = next(c for c in lg["contracts"] if c["id"] == i["contractId"])
    if not c.get("lateFee"): return D("0")
    principal = sum((gross(l) for l in i["lines"]), D("0"))
    grace = c["lateFee"].get("graceDays", 0); grace_end = add_days(i["dueDate"], grace)
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    if sum((D(p["amount"]) for p in pays if p["date"] <= grace_end), D("0")) >= principal: return D("0")
    overdue = principal - sum((D(p["amount"]) for p in pays if p["date"] <= grace_end), D("0"))
    settled = pays[-1]["date"]; late = days(i["dueDate"], settled)
    if late <= grace: return D("0")
    months = (D(late) / 30).to_integral_value(rounding=ROUND_CEILING)
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100) * months

def contract_outside(lgn, num):
    lg = ledgers[lgn]; i = invoice(lg, num); c = next(c for c in lg["contracts"] if c["id"] == i["contractId"])
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot)

def duplicate_of(lgn, num, other):
    """the whole invoice when `other` bills the same customer, PO, lines and period."""
    a, b = invoice(ledgers[lgn], num), invoice(ledgers[lgn], other)
    key = lambda i: (i["customerId"], i.get("poNumber"), i.get("servicePeriodStart"), [(l["sku"], l["quantity"], l["unitPrice"]) for l in i["lines"]])
    return inv_total(lgn, num) if key(a) == key(b) and b["issueDate"] <= a["issueDate"] else D("0")

def po_lists_fee(lgn, num, desc):
    i = invoice(ledgers[lgn], num); po = next((p for p in ledgers[lgn]["purchaseOrders"] if p["number"] == i.get("poNumber")), None)
    return bool(po) and any(l.get("description") == desc and D(l["unitPrice"]) == fee(lgn, num, "freight") + fee(lgn, num, "service_fee") for l in po["lines"])

Z = D("0")
def exempt(lgn, num): return next(c for c in ledgers[lgn]["customers"] if c["id"] == invoice(ledgers[lgn], num)["customerId"]).get("taxExempt", False)
R = {
 "b8-it-belt-price-pasted-email": lambda: price_diff(IT, "FT-418/26", 1),
 "b8-it-suction-cups-pieces-vs-packs": lambda: units_short(IT, "FT-423/26", 1, delivered(IT, "FT-423/26", "GRIPPER-VAC")),
 "b8-it-october-maintenance-hours": lambda: units_short(IT, "FT-431/26", 2, logged(IT, "FT-431/26", "TECH-HR")),
 "b8-it-hours-corrected-count": lambda: units_short(IT, "FT-431/26", 2, logged(IT, "FT-431/26", "TECH-HR")),
 "b8-it-express-freight-on-po": lambda: Z if po_lists_fee(IT, "FT-436/26", "Trasporto espresso") else fee(IT, "FT-436/26", "freight"),
 "b8-it-interest-inside-grace": lambda: fee(IT, "FT-405/26", "late_fee") - min(late_fee_allowed(IT, "FT-405/26"), fee(IT, "FT-405/26", "late_fee")),
 "b8-it-interest-no-clause-italian": lambda: fee(IT, "FT-427/26", "late_fee") - min(late_fee_allowed(IT, "FT-427/26"), fee(IT, "FT-427/26", "late_fee")),
 "b8-it-two-october-maintenance-cancel-second": lambda: duplicate_of(IT, "FT-449/26", "FT-444/26"),
 "b8-it-visit-missed-friday-16": lambda: units_short(IT, "FT-438/26", 1, logged(IT, "FT-438/26", "MNT-VISIT")),
 "b8-it-new-legal-entity": lambda: Z,
 "b8-it-missing-oda-number": lambda: Z,
 "b8-it-billed-after-contract-ended": lambda: contract_outside(IT, "FT-437/26"),
 "b8-it-austrian-reverse-charge-german": lambda: inv_tax(IT, "FT-442/26") if exempt(IT, "FT-442/26") else Z,
 "b8-it-september-paid-unapplied": lambda: open_bal(IT, "FT-412/26") if unapplied(IT, "C-IT01", open_bal(IT, "FT-412/26")) else Z,
 "b8-it-bearings-unhappy": lambda: units_short(IT, "FT-455/26", 1, logged(IT, "FT-455/26", "TECH-HR")),
 "b8-it-bearings-goodwill": lambda: units_short(IT, "FT-455/26", 1, logged(IT, "FT-455/26", "TECH-HR")),
 "b8-it-sensors-five-claimed-two-broken": lambda: units_short(IT, "FT-448/26", 1, 20 - delivered(IT, "FT-448/26", "SENSOR-PX", "damagedQuantity")),
 "b8-dk-shampoo-per-bottle-danish": lambda: price_diff(DK, "F26-1150", 2),
 "b8-dk-shampoo-price-corrected": lambda: price_diff(DK, "F26-1150", 2),
 "b8-dk-slippers-pairs-not-received": lambda: units_short(DK, "F26-1153", 1, delivered(DK, "F26-1153", "SLIPPER-W")),
 "b8-dk-capsules-crushed-by-amount": lambda: units_short(DK, "F26-1158", 1, 40 - delivered(DK, "F26-1158", "COFFEE-CAP", "damagedQuantity")),
 "b8-dk-interest-owed-write-off": lambda: fee(DK, "F26-1161", "late_fee") - min(late_fee_allowed(DK, "F26-1161"), fee(DK, "F26-1161", "late_fee")),
 "b8-dk-installer-hours-range": lambda: units_short(DK, "F26-1166", 1, logged(DK, "F26-1166", "INSTALL-HR")),
 "b8-dk-kro-coffee-never-ordered": lambda: line_gross(DK, "F26-1170", 2),
 "b8-dk-berghotel-soap-price-writeoff-fx": lambda: price_diff(DK, "F26-1172", 2),
 "b8-dk-berghotel-danish-moms": lambda: inv_tax(DK, "F26-1175") if exempt(DK, "F26-1175") else Z,
 "b8-dk-berghotel-po-billed-twice": lambda: duplicate_of(DK, "F26-1179", "F26-1176"),
 "b8-dk-berghotel-no-po-by-amount": lambda: Z,
 "b8-dk-vasa-duplicate-swedish-escalates": lambda: duplicate_of(DK, "F26-1164", "F26-1160"),
 "b8-dk-vasa-capsule-price-writeoff-sek": lambda: price_diff(DK, "F26-1168", 1),
 "b8-dk-fjord-short-norwegian-no-rate": lambda: units_short(DK, "F26-1183", 1, delivered(DK, "F26-1183", "SOAP-40")),
 "b8-dk-wrong-payment-terms": lambda: Z,
 "b8-dk-which-soap-invoice": lambda: units_short(DK, "F26-1150", 1, delivered(DK, "F26-1150", "SOAP-40")),
 "b8-dk-kro-paid-unapplied": lambda: open_bal(DK, "F26-1174") if unapplied(DK, "HS-05", open_bal(DK, "F26-1174")) else Z,
 "b8-ga-october-pest-visit-missed": lambda: units_short(GA, "PPG-20411", 1, logged(GA, "PPG-20411", "PEST-VISIT")),
 "b8-ga-which-october-invoice": lambda: price_diff(GA, "PPG-20415", 1),
 "b8-ga-finance-charge-owed": lambda: fee(GA, "PPG-20398", "late_fee") - min(late_fee_allowed(GA, "PPG-20398"), fee(GA, "PPG-20398", "late_fee")),
 "b8-ga-schools-pine-straw-tax": lambda: inv_tax(GA, "PPG-20402") if exempt(GA, "PPG-20402") else Z,
 "b8-ga-mulch-by-po": lambda: units_short(GA, "PPG-20407", 1, delivered(GA, "PPG-20407", "MULCH-CY")),
 "b8-ga-mulch-invoice-number-typo": lambda: units_short(GA, "PPG-20407", 1, delivered(GA, "PPG-20407", "MULCH-CY")),
 "b8-ga-termite-six-of-eight": lambda: units_short(GA, "PPG-20409", 1, logged(GA, "PPG-20409", "TERMITE-TRT")),
 "b8-ga-schools-no-po": lambda: Z,
 "b8-ga-piedmont-reason-first-invoice-second": lambda: duplicate_of(GA, "PPG-20419", "PPG-20417"),
 "b8-ga-piedmont-roaches": lambda: units_short(GA, "PPG-20405", 1, logged(GA, "PPG-20405", "PEST-VISIT")) + units_short(GA, "PPG-20405", 2, logged(GA, "PPG-20405", "FLY-LIGHT")),
 "b8-ga-buckhead-after-contract-end": lambda: contract_outside(GA, "PPG-20425"),
 "b8-ga-irrigation-hours-range-old": lambda: units_short(GA, "PPG-20380", 1, logged(GA, "PPG-20380", "IRRIG-HR")),
 "b8-ga-bakery-callout-spanish": lambda: Z if po_lists_fee(GA, "PPG-20423", "Emergency call-out (after hours)") else fee(GA, "PPG-20423", "service_fee"),
 "b8-ga-bakery-paid-wrong-invoice": lambda: open_bal(GA, "PPG-20427") if unapplied(GA, "PPG-C350", open_bal(GA, "PPG-20427")) or paid(ledgers[GA], "PPG-20427") > 0 else Z,
 "b8-ga-rodent-rate-claim": lambda: price_diff(GA, "PPG-20411", 2),
 "b8-ga-stations-27-not-30-writeoff": lambda: units_short(GA, "PPG-20411", 2, logged(GA, "PPG-20411", "RODENT-STN")),
}
# Disputed amounts the turns give in units or words (the case then states no disputedAmount, or checks it).
DISPUTED = {
 "b8-it-suction-cups-pieces-vs-packs": lambda: units_short(IT, "FT-423/26", 1, 9),          # 90 cups = 9 packs
 "b8-it-october-maintenance-hours": lambda: units_short(IT, "FT-431/26", 2, 10),
 "b8-it-hours-corrected-count": lambda: units_short(IT, "FT-431/26", 2, 10),
 "b8-it-two-october-maintenance-cancel-second": lambda: inv_total(IT, "FT-449/26"),
 "b8-it-visit-missed-friday-16": lambda: units_short(IT, "FT-438/26", 1, 3),
 "b8-it-new-legal-entity": lambda: inv_total(IT, "FT-444/26"),
 "b8-it-missing-oda-number": lambda: inv_total(IT, "FT-433/26"),
 "b8-it-september-paid-unapplied": lambda: open_bal(IT, "FT-412/26"),
 "b8-it-bearings-goodwill": lambda: inv_total(IT, "FT-455/26"),
 "b8-it-sensors-five-claimed-two-broken": lambda: units_short(IT, "FT-448/26", 1, 15),
 "b8-dk-shampoo-per-bottle-danish": lambda: price_diff(DK, "F26-1150", 2, "1480.00"),
 "b8-dk-shampoo-price-corrected": lambda: price_diff(DK, "F26-1150", 2, "1480.00"),
 "b8-dk-slippers-pairs-not-received": lambda: units_short(DK, "F26-1153", 1, 8),            # 800 pairs = 8 cartons
 "b8-dk-capsules-crushed-by-amount": lambda: units_short(DK, "F26-1158", 1, 37),            # 150 capsules = 3 boxes
 "b8-dk-installer-hours-range": lambda: units_short(DK, "F26-1166", 1, 8),
 "b8-dk-berghotel-soap-price-writeoff-fx": lambda: price_diff(DK, "F26-1172", 2, "80.00"),
 "b8-dk-vasa-capsule-price-writeoff-sek": lambda: price_diff(DK, "F26-1168", 1, "134.00"),
 "b8-dk-fjord-short-norwegian-no-rate": lambda: units_short(DK, "F26-1183", 1, 12),
 "b8-dk-berghotel-no-po-by-amount": lambda: inv_total(DK, "F26-1181"),
 "b8-dk-wrong-payment-terms": lambda: inv_total(DK, "F26-1185"),
 "b8-dk-which-soap-invoice": lambda: units_short(DK, "F26-1150", 1, 5),
 "b8-dk-kro-paid-unapplied": lambda: open_bal(DK, "F26-1174"),
 "b8-ga-october-pest-visit-missed": lambda: units_short(GA, "PPG-20411", 1, 7),
 "b8-ga-which-october-invoice": lambda: price_diff(GA, "PPG-20415", 1, "145.00"),
 "b8-ga-schools-pine-straw-tax": lambda: inv_tax(GA, "PPG-20402"),
 "b8-ga-mulch-by-po": lambda: units_short(GA, "PPG-20407", 1, 132),
 "b8-ga-mulch-invoice-number-typo": lambda: units_short(GA, "PPG-20407", 1, 132),
 "b8-ga-schools-no-po": lambda: inv_total(GA, "PPG-20413"),
 "b8-ga-irrigation-hours-range-old": lambda: units_short(GA, "PPG-20380", 1, 10),
 "b8-ga-rodent-rate-claim": lambda: price_diff(GA, "PPG-20411", 2, "10.00"),
 "b8-ga-stations-27-not-30-writeoff": lambda: units_short(GA, "PPG-20411", 2, 27),
}
ADMIN = {"missing_po", "contract_terms", "other"}

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 60: fail(f"{len(cases)} cases, want 60")
for c in cases:
    e, cid = c["expect"], c["id"]
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lgn = c["ledger"]; lg = ledgers[lgn]; pol = lg["policy"]
    if os.path.basename(c.get("_file", cid + ".case.json")) != cid + ".case.json": fail(f"{cid}: file name")
    if e.get("noResolution"):
        if any(i["number"] in " ".join(c["turns"]) for i in lg["invoices"]): fail(f"{cid}: names an existing invoice")
        continue
    if "invoiceNumber" in e and not any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: no invoice {e['invoiceNumber']}"); continue
    if "customerId" in e and invoice(lg, e["invoiceNumber"])["customerId"] != e["customerId"]: fail(f"{cid}: customer of the invoice differs")
    disputed = D(e["disputedAmount"]) if "disputedAmount" in e else (DISPUTED[cid]() if cid in DISPUTED else None)
    if "disputedAmount" in e and cid in DISPUTED and D(e["disputedAmount"]) != DISPUTED[cid]():
        fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {DISPUTED[cid]()}")
    s = None
    if "supportedAmount" in e:
        if cid not in R: fail(f"{cid}: no recipe"); continue
        evidence = R[cid]()
        want = min(evidence, disputed) if disputed is not None else evidence
        s = D(e["supportedAmount"])
        if s != want: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {want}")
        cl = e.get("classification")
        if cl and cl != "needs_info" and disputed is not None:
            exp = ("valid" if e.get("reasonCode") in ADMIN and e.get("action") == "cancel_and_rebill" else "invalid") if s == 0 else ("valid" if s >= disputed else "partial")
            if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {s}, disputed {disputed})")
            act = e.get("action")
            if cl in ("invalid", "partial") and act != "goodwill_credit":
                owed = to_policy(lgn, e["invoiceNumber"], disputed - s)
                wo = owed is not None and owed < D(pol["writeOffBelow"])
                if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - s} (= {owed} {company_cur(lg)}) vs write-off below {pol['writeOffBelow']}")
            if cl == "valid" and act == "write_off": fail(f"{cid}: valid disputes are not written off")
    if disputed is not None and "invoiceNumber" in e and disputed > inv_total(lgn, e["invoiceNumber"]): fail(f"{cid}: disputed above invoice total")
    if e.get("classification") == "needs_info" and e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
    if "escalation" in e and "invoiceNumber" in e:
        num = e["invoiceNumber"]; i = invoice(lg, num); cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        d = disputed if disputed is not None else (s or Z)
        d_pol = to_policy(lgn, num, d)
        recent = sum(1 for x in lg.get("pastDisputes", []) if x["customerId"] == cust["id"] and 0 <= days(x["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = days(i["dueDate"], c["today"]) if open_bal(lgn, num) > 0 else 0
        moved = {"credit_memo": s, "write_off": d}.get(e.get("action"))
        moved_pol = to_policy(lgn, num, min(moved, open_bal(lgn, num))) if moved is not None else None
        controller = moved is not None and (moved_pol is None or moved_pol > D(pol["approvalLimits"]["lead"]))
        legal = e.get("reasonCode") == "contract_terms" and d_pol is not None and d_pol >= D(pol["legalEscalationAmount"])
        esc = (d_pol is None or d_pol >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic"))
               or recent >= pol["repeatDisputeCount"] or legal or controller)
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {d} = {d_pol} {company_cur(lg)}, {pastdue} d past due, {recent} disputes)")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
