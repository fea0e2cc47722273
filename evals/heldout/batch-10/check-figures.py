#!/usr/bin/env python3
"""Batch-10 author's cross-check (adapted from batch 3's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals and references, the classification / write-off / escalation rules of DOMAIN.md, with
policy amounts in the company currency (invoices in another currency converted at the ledger's latest
fxRate on or before the invoice date, half-up once; no rate -> escalate).
Prints the mismatches; exit 1 if any.  Usage: python3 evals/heldout/batch-10/check-figures.py"""
import glob, json, math, os, sys
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
def company_ccy(lg): return lg.get("company", {}).get("currency") or lg["invoices"][0]["currency"]
def to_company(lg, inv, amount):
    """Amount in the company currency, or None when no rate on or before the invoice date."""
    if inv["currency"] == company_ccy(lg): return amount
    rates = [x for x in lg.get("fxRates", []) if x["currency"] == inv["currency"] and x["date"] <= inv["issueDate"]]
    if not rates: return None
    return r(amount * D(max(rates, key=lambda x: x["date"])["rate"]))

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
        if i.get("contractId") and contracts[i["contractId"]]["currency"] != i["currency"]: fail(f"{name} {i['number']}: currency differs from contract")
        if i["status"] == "paid" and paid(lg, i["number"]) < D(i["total"]): fail(f"{name} {i['number']}: paid but underpaid")
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
NS, ES, BV = "north-star-elevators-usd.ledger.json", "ceramicas-maestrat-eur.ledger.json", "bontebok-vale-wine-zar.ledger.json"
def inv(lgn, num): return invoice(ledgers[lgn], num)
def contract_of(lgn, i): return next(c for c in ledgers[lgn]["contracts"] if c["id"] == i["contractId"])
def contract_price(lgn, i, sku): return next(p["unitPrice"] for p in contract_of(lgn, i)["prices"] if p["sku"] == sku)
def price_diff(lgn, num, n, price=None):   # billed gross - gross at the contract (or claimed) price
    i = inv(lgn, num); l = line(i, n)
    return gross(l) - gross(l, price=price or contract_price(lgn, i, l["sku"]))
def units_short(lgn, num, n, counted):     # billed gross - gross of the units actually counted
    l = line(inv(lgn, num), n); return gross(l) - gross(l, qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku, on=None):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku
               and s["status"] != "not_rendered" and (on is None or s["periodStart"] <= on <= s["periodEnd"]))
def inv_tax(lgn, num): return sum((tax(l, net(l)) for l in inv(lgn, num)["lines"]), D("0"))
def inv_total(lgn, num): return total(inv(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in inv(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)

def late_fee_allowed(lgn, num, today):
    """DOMAIN: clause, grace days, payment date. None without a clause or when paid by due + grace;
    else percent per month of the principal. Cases are built so that the started-month and
    completed-month readings agree (lateness a whole number of 30-day months) where a figure is checked."""
    lg = ledgers[lgn]; i = inv(lgn, num); c = contract_of(lgn, i)
    if not c.get("lateFee"): return D("0")
    principal = sum((gross(l) for l in i["lines"]), D("0"))
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    grace = c["lateFee"].get("graceDays", 0)
    settled = pays[-1]["date"] if pays and sum(D(p["amount"]) for p in pays) >= principal else today
    late = days(i["dueDate"], settled)
    if late <= grace: return D("0")
    if late % 30: fail(f"{num}: lateness {late} days is not a whole number of months; readings differ")
    return r(principal * D(c["lateFee"]["percentPerMonth"]) / 100) * math.ceil(late / 30)

def contract_outside(lgn, num):
    i = inv(lgn, num); c = contract_of(lgn, i)
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot)

Z = D("0")
TODAY = {NS: "2026-11-20", ES: "2026-06-16", BV: "2026-09-15"}
R = {
 "b10-ns-callback-reason-first": lambda: units_short(NS, "NS-4472", 1, logged(NS, "NS-4472", "CALLBACK-HR")),
 "b10-ns-callback-count-corrected": lambda: units_short(NS, "NS-4472", 1, logged(NS, "NS-4472", "CALLBACK-HR")),
 "b10-ns-lakeshore-pm-rate": lambda: price_diff(NS, "NS-4473", 1),
 "b10-ns-lakeshore-parts-no-po": lambda: Z,
 "b10-ns-library-sales-tax": lambda: inv_tax(NS, "NS-4475"),
 "b10-ns-duluth-after-termination": lambda: contract_outside(NS, "NS-4476"),
 "b10-ns-duluth-paid-ach": lambda: open_bal(NS, "NS-4477"),
 "b10-ns-firetest-range-10th": lambda: units_short(NS, "NS-4478", 2, 6 - max(0, 2 - logged(NS, "NS-4478", "FIRE-TEST", on="2026-11-10"))),
 "b10-ns-hennepin-finance-charge-grace": lambda: fee(NS, "NS-4479", "late_fee") - min(late_fee_allowed(NS, "NS-4479", TODAY[NS]), fee(NS, "NS-4479", "late_fee")),
 "b10-ns-cedar-billed-twice": lambda: inv_total(NS, "NS-4483"),
 "b10-ns-cedar-door-belt": lambda: Z if delivered(NS, "NS-4484", "PART-DOB") >= 1 else line(inv(NS, "NS-4484"), 1),
 "b10-ns-lakeshore-8-not-10": lambda: units_short(NS, "NS-4485", 1, logged(NS, "NS-4485", "CALLBACK-HR")),
 "b10-ns-modernization-deposit-on-po": lambda: Z,
 "b10-ns-cedar-goodwill": lambda: Z,
 "b10-es-byc-gris-precio": lambda: price_diff(ES, "FV26/000412", 1),
 "b10-es-byc-faltan-cajas": lambda: units_short(ES, "FV26/000413", 1, delivered(ES, "FV26/000413", "GRES-3060-BL")),
 "b10-es-cdm-cartons-casses": lambda: units_short(ES, "FV26/000414", 1, 400 - delivered(ES, "FV26/000414", "POR-6060-BE", "damagedQuantity")),
 "b10-es-cdm-transport-on-po": lambda: Z,
 "b10-es-weber-ohne-bestellnummer": lambda: Z,
 "b10-es-weber-mwst-by-po": lambda: inv_tax(ES, "FV26/000416"),
 "b10-es-alhambra-two-pallets": lambda: units_short(ES, "FV26/000417", 1, delivered(ES, "FV26/000417", "POR-6060-GR")),
 "b10-es-alhambra-adhesive-twice": lambda: inv_total(ES, "FV26/000421"),
 "b10-es-turia-price-writeoff": lambda: price_diff(ES, "FV26/000419", 1),
 "b10-es-turia-price-corrected": lambda: price_diff(ES, "FV26/000419", 1),
 "b10-es-turia-transfer-unapplied": lambda: open_bal(ES, "FV26/000420"),
 "b10-es-byc-intereses-demora": lambda: fee(ES, "FV26/000422", "late_fee") - min(late_fee_allowed(ES, "FV26/000422", TODAY[ES]), fee(ES, "FV26/000422", "late_fee")),
 "b10-es-cdm-technicien-deux-jours": lambda: units_short(ES, "FV26/000423", 1, logged(ES, "FV26/000423", "SUP-TEC")),
 "b10-es-alhambra-90-dias": lambda: Z,
 "b10-es-reported-credit-demand": lambda: price_diff(ES, "FV26/000412", 1),
 "b10-es-byc-which-porcelain": lambda: price_diff(ES, "FV26/000412", 1),
 "b10-es-alhambra-wrong-entity": lambda: Z,
 "b10-bv-wk-chenin-preis": lambda: price_diff(BV, "E26-0311", 1),
 "b10-bv-wk-72-flaschen": lambda: units_short(BV, "E26-0312", 1, delivered(BV, "E26-0312", "PNT-23")),
 "b10-bv-wk-six-damaged-four-noted": lambda: units_short(BV, "E26-0313", 1, 150 - delivered(BV, "E26-0313", "SYR-22", "damagedQuantity")),
 "b10-bv-dwk-dubbel-gefactureerd": lambda: inv_total(BV, "E26-0315"),
 "b10-bv-tv-price-owed-above-writeoff": lambda: price_diff(BV, "E26-0316", 1),
 "b10-bv-tv-reefer-surcharge": lambda: fee(BV, "E26-0317", "other"),
 "b10-bv-tv-interest-no-clause": lambda: fee(BV, "E26-0318", "late_fee") - late_fee_allowed(BV, "E26-0318", TODAY[BV]),
 "b10-bv-hc-no-po-repeat": lambda: Z,
 "b10-bv-hc-wire-unapplied": lambda: open_bal(BV, "E26-0320"),
 "b10-bv-vn-sek-no-rate": lambda: price_diff(BV, "E26-0321", 1),
 "b10-bv-cfd-38-cases": lambda: units_short(BV, "D26-0052", 1, delivered(BV, "D26-0052", "PNT-23")),
 "b10-bv-cfd-chenin-rand": lambda: price_diff(BV, "D26-0053", 1),
 "b10-bv-cfd-training-18th": lambda: units_short(BV, "D26-0054", 1, logged(BV, "D26-0054", "TRAIN-SESS")),
 "b10-bv-cfd-sommelier-late": lambda: Z,
 "b10-bv-dwk-price-writeoff-in-zar": lambda: price_diff(BV, "E26-0322", 1),
 "b10-bv-dwk-storage-after-contract": lambda: contract_outside(BV, "E26-0323"),
 "b10-bv-tv-pasted-demand-reefer": lambda: fee(BV, "E26-0317", "other"),
 "b10-bv-jens-which-shipment": lambda: units_short(BV, "E26-0312", 1, 288),
}
# Disputed amounts the turns give in units or by reference, to check the classification.
DISPUTED = {
 "b10-ns-lakeshore-parts-no-po": lambda: inv_total(NS, "NS-4474"),
 "b10-ns-callback-count-corrected": lambda: units_short(NS, "NS-4472", 1, 6),
 "b10-ns-firetest-range-10th": lambda: units_short(NS, "NS-4478", 2, 4),
 "b10-ns-lakeshore-8-not-10": lambda: units_short(NS, "NS-4485", 1, 8),
 "b10-es-byc-faltan-cajas": lambda: units_short(ES, "FV26/000413", 1, 280),
 "b10-es-weber-ohne-bestellnummer": lambda: inv_total(ES, "FV26/000415"),
 "b10-es-alhambra-two-pallets": lambda: units_short(ES, "FV26/000417", 1, 1200 - 80),
 "b10-es-turia-price-writeoff": lambda: price_diff(ES, "FV26/000419", 1, price="18.00"),
 "b10-es-turia-price-corrected": lambda: price_diff(ES, "FV26/000419", 1, price="18.40"),
 "b10-es-cdm-technicien-deux-jours": lambda: units_short(ES, "FV26/000423", 1, 2),
 "b10-es-alhambra-90-dias": lambda: inv_total(ES, "FV26/000424"),
 "b10-es-alhambra-wrong-entity": lambda: inv_total(ES, "FV26/000418"),
 "b10-bv-wk-72-flaschen": lambda: units_short(BV, "E26-0312", 1, 300 - 72 // 6),
 "b10-bv-wk-six-damaged-four-noted": lambda: units_short(BV, "E26-0313", 1, 150 - 6),
 "b10-bv-tv-price-owed-above-writeoff": lambda: price_diff(BV, "E26-0316", 1, price="33.60"),
 "b10-bv-hc-no-po-repeat": lambda: inv_total(BV, "E26-0319"),
 "b10-bv-cfd-38-cases": lambda: units_short(BV, "D26-0052", 1, 38),
 "b10-bv-cfd-chenin-rand": lambda: r(D("360") * (1 + D(line(inv(BV, "D26-0053"), 1)["taxRate"]))),
 "b10-bv-cfd-training-18th": lambda: units_short(BV, "D26-0054", 1, 2),
 "b10-bv-dwk-price-writeoff-in-zar": lambda: price_diff(BV, "E26-0322", 1, price="38.30"),
 "b10-bv-jens-which-shipment": lambda: units_short(BV, "E26-0312", 1, 288),
}
ADMIN = {"missing_po", "contract_terms", "other"}

def check_action(cid, lgn, i, cl, act, disputed, s):
    if cl in ("invalid", "partial") and act != "goodwill_credit":
        owed = to_company(ledgers[lgn], i, disputed - s)
        wo = owed is not None and owed < D(ledgers[lgn]["policy"]["writeOffBelow"])
        if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - s} {i['currency']} = {owed} vs write-off threshold")

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    lg = ledgers[lgn]
    if e.get("noResolution"):
        if e.get("invoiceNumber"): fail(f"{cid}: noResolution with an invoice")
        continue
    if "invoiceNumber" not in e: continue
    if not any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: no invoice {e['invoiceNumber']}"); continue
    i = inv(lgn, e["invoiceNumber"])
    if e.get("customerId") and e["customerId"] != i["customerId"]: fail(f"{cid}: customer {e['customerId']} != {i['customerId']}")
    disputed = D(e["disputedAmount"]) if "disputedAmount" in e else (DISPUTED[cid]() if cid in DISPUTED else None)
    if "disputedAmount" in e and cid in DISPUTED and DISPUTED[cid]() != D(e["disputedAmount"]): fail(f"{cid}: disputedAmount {e['disputedAmount']} != {DISPUTED[cid]()}")
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
            check_action(cid, lgn, i, cl, e.get("action"), disputed, s)
    if disputed is not None and disputed > inv_total(lgn, e["invoiceNumber"]): fail(f"{cid}: disputed above invoice total")
    if e.get("classification") == "needs_info" and e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
    if "escalation" in e:
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"]); pol = lg["policy"]
        d = disputed if disputed is not None else R.get(cid, lambda: Z)()
        conv = to_company(lg, i, d)
        recent = sum(1 for p in lg.get("pastDisputes", []) if p["customerId"] == cust["id"] and 0 <= days(p["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = days(i["dueDate"], c["today"]) if open_bal(lgn, i["number"]) > 0 else 0
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {d} = {conv} company ccy, {pastdue} d past due, {recent} disputes)")

# The write-off case without a checked classification: the fee is owed on every reading, and under the threshold.
owed = min(late_fee_allowed(NS, "NS-4480", TODAY[NS]), fee(NS, "NS-4480", "late_fee"))
if not (owed < D(ledgers[NS]["policy"]["writeOffBelow"])): fail(f"b10-ns-riverside-finance-charge-owed: owed {owed} not under the write-off threshold")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
