#!/usr/bin/env python3
"""Batch-13 author's cross-check (adapted from batch 3's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, references, and the classification / write-off / escalation rules of DOMAIN.md,
with minor digits per currency (KRW 0) and fxRates conversion into the company currency.
Prints the mismatches; exit 1 if any.  Usage: python3 evals/heldout/batch-13/check-figures.py"""
import glob, json, os, sys
from datetime import date
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KRW": 0, "JPY": 0}
def r(x, cur): return D(x).quantize(D(1).scaleb(-DIGITS.get(cur, 2)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)

ledgers = {os.path.basename(p): json.load(open(p)) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(inv, l, qty=None, price=None):
    return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), inv["currency"])
def tax(inv, l, n): return r(n * D(l["taxRate"]), inv["currency"]) if l.get("taxRate") else D(0)
def gross(inv, l, qty=None, price=None): n = net(inv, l, qty, price); return n + tax(inv, l, n)
def total(inv): return sum((gross(inv, l) for l in inv["lines"]), D(0)) + sum((D(f["amount"]) for f in inv.get("fees", [])), D(0))
def paid(lg, num): return sum((D(p["amount"]) for p in lg.get("payments", []) if p.get("invoiceNumber") == num), D(0))
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days

# ---- ledgers: totals, references
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
        if i["status"] == "open" and paid(lg, i["number"]) > 0: fail(f"{name} {i['number']}: open but has payments")
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
GR, KR, PH = "olympia-psyktiki-eur.ledger.json", "seorak-cleanroom-krw.ledger.json", "bagwis-coldchain-php.ledger.json"
def contract_of(lg, inv): return next(c for c in lg["contracts"] if c["id"] == inv["contractId"])
def contract_price(lg, inv, sku): return next(p["unitPrice"] for p in contract_of(lg, inv)["prices"] if p["sku"] == sku)
def price_diff(lgn, num, n):            # billed gross - gross at the contract price
    lg = ledgers[lgn]; i = invoice(lg, num); l = line(i, n)
    return gross(i, l) - gross(i, l, price=contract_price(lg, i, l["sku"]))
def claimed_price_diff(lgn, num, n, price):
    i = invoice(ledgers[lgn], num); l = line(i, n); return gross(i, l) - gross(i, l, price=price)
def units_short(lgn, num, n, counted):  # billed gross - gross of the units actually counted
    i = invoice(ledgers[lgn], num); l = line(i, n); return gross(i, l) - gross(i, l, qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed(lgn, num, n): return line(invoice(ledgers[lgn], num), n)["quantity"]
def inv_tax(lgn, num): i = invoice(ledgers[lgn], num); return sum((tax(i, l, net(i, l)) for l in i["lines"]), D(0))
def inv_total(lgn, num): return total(invoice(ledgers[lgn], num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in invoice(ledgers[lgn], num).get("fees", []) if f["type"] == t), D(0))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)
def unapplied_match(lgn, num):          # an unapplied payment of the customer for exactly the open balance
    lg = ledgers[lgn]; i = invoice(lg, num)
    return open_bal(lgn, num) if any(p.get("invoiceNumber") is None and p["customerId"] == i["customerId"] and D(p["amount"]) == open_bal(lgn, num) for p in lg["payments"]) else D(0)

def late_fee_allowed(lgn, num, today):
    """src/core/evidence/late-fee.ts as DOMAIN states it: none without a clause or when the principal
    (lines with tax) was paid by due + grace; else percent x overdue principal per started 30-day month."""
    lg = ledgers[lgn]; i = invoice(lg, num); c = contract_of(lg, i); cur = i["currency"]
    if not c.get("lateFee"): return D(0)
    principal = sum((gross(i, l) for l in i["lines"]), D(0))
    grace = c["lateFee"].get("graceDays", 0)
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    on_time = sum((D(p["amount"]) for p in pays if days(i["dueDate"], p["date"]) <= grace), D(0))
    overdue = max(principal - on_time, D(0))
    if overdue == 0: return D(0)
    settled, cov = today, D(0)
    for p in pays:
        cov += D(p["amount"])
        if cov >= principal: settled = p["date"]; break
    late = days(i["dueDate"], settled)
    if late <= grace: return D(0)
    months = -(-late // 30)
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * months

def outside_contract(lgn, num):         # share of the service period after the contract's end
    lg = ledgers[lgn]; i = invoice(lg, num); c = contract_of(lg, i)
    start, end = i["servicePeriodStart"], i["servicePeriodEnd"]
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot, i["currency"])

Z = D(0)
T = {GR: "2026-11-20", KR: "2026-11-18", PH: "2026-11-25"}
R = {
 "b13-gr-glyfada-labour-rate": lambda: price_diff(GR, "TDA/26/0412", 2),
 "b13-gr-october-visit-which-store": lambda: units_short(GR, "TDA/26/0419", 1, logged(GR, "TDA/26/0419", "PM-VISIT")),
 "b13-gr-r404a-cylinders": lambda: units_short(GR, "TDA/26/0423", 1, delivered(GR, "TDA/26/0423", "R404A-KG")),
 "b13-gr-express-freight-on-po": lambda: Z,
 "b13-gr-kyma-paid-in-greek": lambda: unapplied_match(GR, "TDA/26/0436"),
 "b13-gr-aegean-hours-32-not-40": lambda: units_short(GR, "TDA/26/0445", 2, logged(GR, "TDA/26/0445", "LABOR-HR-SHIP")),
 "b13-gr-aegean-standby-fx-escalation": lambda: units_short(GR, "TDA/26/0447", 1, logged(GR, "TDA/26/0447", "STANDBY-DAY")),
 "b13-gr-aegean-condenser-on-po": lambda: Z,
 "b13-gr-aegean-vat-exempt": lambda: inv_tax(GR, "TDA/26/0458"),
 "b13-gr-winery-no-po": lambda: Z,
 "b13-gr-winery-late-fee-grace": lambda: fee(GR, "TDA/26/0463", "late_fee") - min(late_fee_allowed(GR, "TDA/26/0463", T[GR]), fee(GR, "TDA/26/0463", "late_fee")),
 "b13-gr-kallithea-after-contract": lambda: outside_contract(GR, "TDA/26/0468"),
 "b13-gr-kallithea-ice-machine": lambda: units_short(GR, "TDA/26/0471", 1, logged(GR, "TDA/26/0471", "REPAIR-ICE")),
 "b13-gr-marousi-doors-thread": lambda: units_short(GR, "TDA/26/0474", 1, 6 - delivered(GR, "TDA/26/0474", "GLASS-DOOR", "damagedQuantity")),
 "b13-gr-gaskets-write-off": lambda: price_diff(GR, "TDA/26/0477", 1),
 "b13-gr-peristeri-9th-or-10th": lambda: Z if any(s["periodStart"] == s["periodEnd"] == "2026-10-09" and s["status"] == "rendered" for s in ledgers[GR]["serviceLogs"] if s.get("invoiceNumber") == "TDA/26/0480") else units_short(GR, "TDA/26/0480", 1, 3),
 "b13-gr-winery-duplicate-reason-first": lambda: inv_total(GR, "TDA/26/0490"),
 "b13-kr-hanul-wipers-by-figures": lambda: units_short(KR, "SC-2609-0041", 2, delivered(KR, "SC-2609-0041", "WIPER-9X9")),
 "b13-kr-daon-two-pallets": lambda: units_short(KR, "SC-2609-0044", 1, delivered(KR, "SC-2609-0044", "WIPER-CTN")),
 "b13-kr-daon-glove-price-korean": lambda: price_diff(KR, "SC-2609-0045", 1),
 "b13-kr-hanul-p2-laundry-partial": lambda: units_short(KR, "SC-2610-0052", 1, logged(KR, "SC-2610-0052", "GARMENT-WASH")),
 "b13-kr-hanul-laundry-which-fab": lambda: units_short(KR, "SC-2610-0053", 1, logged(KR, "SC-2610-0053", "GARMENT-WASH")),
 "b13-kr-mirae-packaging-fee": lambda: fee(KR, "SC-2610-0058", "other"),
 "b13-kr-mirae-paid-unapplied": lambda: unapplied_match(KR, "SC-2610-0061"),
 "b13-kr-gpo-late-fee-owed": lambda: fee(KR, "SC-2608-0064", "late_fee") - min(late_fee_allowed(KR, "SC-2608-0064", T[KR]), fee(KR, "SC-2608-0064", "late_fee")),
 "b13-kr-daon-audit-korean": lambda: units_short(KR, "SC-2610-0066", 1, logged(KR, "SC-2610-0066", "CR-AUDIT")),
 "b13-kr-hanul-no-po-negated-credit": lambda: Z,
 "b13-kr-gpo-duplicate-second": lambda: inv_total(KR, "SC-2610-0071"),
 "b13-kr-mirae-payment-terms": lambda: Z,
 "b13-kr-mirae-wrong-entity": lambda: Z,
 "b13-kr-daon-wet-gloves-thread": lambda: units_short(KR, "SC-2611-0078", 1, 40 - delivered(KR, "SC-2611-0078", "NITRILE-GLV-9", "damagedQuantity")),
 "b13-kr-daon-pallet-correction": lambda: units_short(KR, "SC-2609-0044", 1, delivered(KR, "SC-2609-0044", "WIPER-CTN")),
 "b13-kr-gpo-wiper-price-write-off": lambda: price_diff(KR, "SC-2611-0080", 1),
 "b13-ph-kusina-trips-20-not-22": lambda: units_short(PH, "BCC-SI-004512", 1, logged(PH, "BCC-SI-004512", "REEFER-TRIP-MM")),
 "b13-ph-kusina-pallet-day-taglish": lambda: price_diff(PH, "BCC-SI-004518", 1),
 "b13-ph-kusina-helper-hours": lambda: units_short(PH, "BCC-SI-004521", 1, logged(PH, "BCC-SI-004521", "LOADING-HR")),
 "b13-ph-isla-surcharge-on-po": lambda: Z,
 "b13-ph-isla-paid-other-invoice": lambda: unapplied_match(PH, "BCC-SI-004527"),
 "b13-ph-sariwa-wrong-po": lambda: Z,
 "b13-ph-sariwa-duplicate-week": lambda: inv_total(PH, "BCC-SI-004536"),
 "b13-ph-luntian-zero-rated": lambda: inv_tax(PH, "BCC-SI-004539"),
 "b13-ph-pampanga-9-to-11-nov": lambda: units_short(PH, "BCC-SI-004541", 1, logged(PH, "BCC-SI-004541", "REEFER-TRIP-PROV")),
 "b13-ph-dagat-unhappy": lambda: units_short(PH, "BCC-SI-004544", 1, logged(PH, "BCC-SI-004544", "REEFER-TRIP-MM")),
 "b13-ph-kusina-late-fee-grace": lambda: fee(PH, "BCC-SI-004547", "late_fee") - min(late_fee_allowed(PH, "BCC-SI-004547", T[PH]), fee(PH, "BCC-SI-004547", "late_fee")),
 "b13-ph-isla-ice-350": lambda: units_short(PH, "BCC-SI-004552", 1, delivered(PH, "BCC-SI-004552", "ICE-BLOCK")),
 "b13-ph-kusina-rate-long-thread": lambda: price_diff(PH, "BCC-SI-004558", 1),
 "b13-ph-kusina-price-correction": lambda: price_diff(PH, "BCC-SI-004518", 1),
 "b13-ph-isla-ice-340-write-off": lambda: units_short(PH, "BCC-SI-004552", 1, delivered(PH, "BCC-SI-004552", "ICE-BLOCK")),
 "b13-ph-dagat-after-contract": lambda: outside_contract(PH, "BCC-SI-004560"),
}
# What the customer disputes, from the turn's own figures, where the case does not state it.
DISPUTED = {
 "b13-gr-kyma-paid-in-greek": lambda: open_bal(GR, "TDA/26/0436"),
 "b13-gr-winery-no-po": lambda: inv_total(GR, "TDA/26/0461"),
 "b13-gr-kallithea-ice-machine": lambda: inv_total(GR, "TDA/26/0471"),
 "b13-gr-marousi-doors-thread": lambda: units_short(GR, "TDA/26/0474", 1, 4),
 "b13-gr-winery-duplicate-reason-first": lambda: inv_total(GR, "TDA/26/0490"),
 "b13-kr-daon-glove-price-korean": lambda: claimed_price_diff(KR, "SC-2609-0045", 1, "66500"),
 "b13-kr-mirae-paid-unapplied": lambda: open_bal(KR, "SC-2610-0061"),
 "b13-kr-hanul-no-po-negated-credit": lambda: inv_total(KR, "SC-2610-0070"),
 "b13-kr-gpo-duplicate-second": lambda: inv_total(KR, "SC-2610-0071"),
 "b13-kr-mirae-payment-terms": lambda: inv_total(KR, "SC-2611-0075"),
 "b13-kr-mirae-wrong-entity": lambda: inv_total(KR, "SC-2611-0082"),
 "b13-kr-daon-wet-gloves-thread": lambda: units_short(KR, "SC-2611-0078", 1, 37),
 "b13-ph-kusina-pallet-day-taglish": lambda: claimed_price_diff(PH, "BCC-SI-004518", 1, "85.00"),
 "b13-ph-sariwa-wrong-po": lambda: inv_total(PH, "BCC-SI-004530"),
 "b13-ph-sariwa-duplicate-week": lambda: inv_total(PH, "BCC-SI-004536"),
 "b13-ph-pampanga-9-to-11-nov": lambda: units_short(PH, "BCC-SI-004541", 1, billed(PH, "BCC-SI-004541", 1) - 2),
 "b13-ph-dagat-unhappy": lambda: inv_total(PH, "BCC-SI-004544"),
 "b13-ph-isla-ice-350": lambda: units_short(PH, "BCC-SI-004552", 1, 350),
 "b13-ph-kusina-rate-long-thread": lambda: claimed_price_diff(PH, "BCC-SI-004558", 1, "6500.00"),
 "b13-ph-kusina-price-correction": lambda: claimed_price_diff(PH, "BCC-SI-004518", 1, "85.00"),
}
# Disputed amounts a case states, recomputed from the customer's own words.
CLAIMED = {
 "b13-gr-glyfada-labour-rate": lambda: claimed_price_diff(GR, "TDA/26/0412", 2, "48.00"),
 "b13-gr-october-visit-which-store": lambda: units_short(GR, "TDA/26/0419", 1, 7),
 "b13-gr-r404a-cylinders": lambda: units_short(GR, "TDA/26/0423", 1, 48),
 "b13-gr-aegean-hours-32-not-40": lambda: units_short(GR, "TDA/26/0445", 2, 32),
 "b13-gr-aegean-standby-fx-escalation": lambda: inv_total(GR, "TDA/26/0447"),
 "b13-gr-gaskets-write-off": lambda: claimed_price_diff(GR, "TDA/26/0477", 1, "36.50"),
 "b13-gr-peristeri-9th-or-10th": lambda: units_short(GR, "TDA/26/0480", 1, 3),
 "b13-gr-express-freight-on-po": lambda: fee(GR, "TDA/26/0430", "freight"),
 "b13-gr-aegean-vat-exempt": lambda: inv_tax(GR, "TDA/26/0458"),
 "b13-gr-aegean-condenser-on-po": lambda: units_short(GR, "TDA/26/0452", 1, 0),
 "b13-gr-kallithea-after-contract": lambda: inv_total(GR, "TDA/26/0468"),
 "b13-gr-winery-late-fee-grace": lambda: fee(GR, "TDA/26/0463", "late_fee"),
 "b13-kr-hanul-wipers-by-figures": lambda: units_short(KR, "SC-2609-0041", 2, 160),
 "b13-kr-daon-two-pallets": lambda: units_short(KR, "SC-2609-0044", 1, 96),
 "b13-kr-daon-pallet-correction": lambda: units_short(KR, "SC-2609-0044", 1, 96),
 "b13-kr-hanul-p2-laundry-partial": lambda: units_short(KR, "SC-2610-0052", 1, 4200),
 "b13-kr-hanul-laundry-which-fab": lambda: units_short(KR, "SC-2610-0053", 1, 2700),
 "b13-kr-gpo-wiper-price-write-off": lambda: claimed_price_diff(KR, "SC-2611-0080", 1, "23000"),
 "b13-kr-daon-audit-korean": lambda: units_short(KR, "SC-2610-0066", 1, 1),
 "b13-ph-kusina-trips-20-not-22": lambda: units_short(PH, "BCC-SI-004512", 1, 20),
 "b13-ph-kusina-helper-hours": lambda: units_short(PH, "BCC-SI-004521", 1, 24),
 "b13-ph-isla-ice-340-write-off": lambda: units_short(PH, "BCC-SI-004552", 1, 340),
 "b13-ph-luntian-zero-rated": lambda: inv_tax(PH, "BCC-SI-004539"),
 "b13-ph-kusina-late-fee-grace": lambda: fee(PH, "BCC-SI-004547", "late_fee"),
 "b13-ph-dagat-after-contract": lambda: inv_total(PH, "BCC-SI-004560"),
 "b13-ph-isla-surcharge-on-po": lambda: fee(PH, "BCC-SI-004525", "other"),
 "b13-ph-isla-paid-other-invoice": lambda: inv_total(PH, "BCC-SI-004527"),
 "b13-kr-mirae-packaging-fee": lambda: fee(KR, "SC-2610-0058", "other"),
 "b13-kr-gpo-late-fee-owed": lambda: fee(KR, "SC-2608-0064", "late_fee"),
}
ADMIN = {"missing_po", "contract_terms", "other"}

def policy(lg):
    p = {"escalationAmount": "10000.00", "escalationDaysPastDue": 90, "repeatDisputeCount": 3, "repeatDisputeWindowDays": 90, "writeOffBelow": "50.00"}
    p.update(lg.get("policy", {})); return p
def in_company(lg, inv, amount):
    home = lg["company"]["currency"]
    if inv["currency"] == home: return amount
    rates = [x for x in lg.get("fxRates", []) if x["currency"] == inv["currency"] and x["date"] <= inv["issueDate"]]
    rate = max(rates, key=lambda x: x["date"])["rate"]
    return r(amount * D(rate), home)

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
ids = [c["id"] for c in cases]
if len(ids) != len(set(ids)): fail("duplicate case ids")
for c in cases:
    e, cid = c["expect"], c["id"]
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lg, lgn = ledgers[c["ledger"]], c["ledger"]
    if c["today"] != T[lgn]: fail(f"{cid}: today {c['today']}")
    if e.get("noResolution"):
        if any(i["number"] == e.get("invoiceNumber") for i in lg["invoices"]): fail(f"{cid}: invoice exists")
        continue
    if "invoiceNumber" in e and not any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: no invoice {e['invoiceNumber']}")
    if "disputedAmount" in e:
        if cid not in CLAIMED: fail(f"{cid}: stated disputed amount without a recipe")
        elif D(e["disputedAmount"]) != CLAIMED[cid](): fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {CLAIMED[cid]()}")
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
            if cl in ("invalid", "partial"):
                wo = disputed - s < D(policy(lg)["writeOffBelow"])
                if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - s} vs write-off threshold")
        elif cl is None or disputed is None: fail(f"{cid}: no classification or disputed amount to check")
    if disputed is not None and "invoiceNumber" in e and disputed > inv_total(lgn, e["invoiceNumber"]): fail(f"{cid}: disputed above invoice total")
    if e.get("classification") == "needs_info" and e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
    if "escalation" in e:
        i = invoice(lg, e["invoiceNumber"]); cust = next(x for x in lg["customers"] if x["id"] == i["customerId"]); pol = policy(lg)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = days(i["dueDate"], c["today"]) if open_bal(lgn, i["number"]) > 0 else 0
        conv = in_company(lg, i, disputed)
        esc = (conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} = {conv} {lg['company']['currency']}, {pastdue} d past due, {recent} disputes)")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
