#!/usr/bin/env python3
"""Batch-11 author's cross-check (adapted from batch 3's): recomputes every ledger total and every
expected figure from the ledger files with decimal arithmetic (never floats), independently of the
product, and checks the ledgers' references and the classification / write-off / escalation rules of
DOMAIN.md, converting invoice amounts to the company currency at fxRates where they differ.
Prints the mismatches; exit 1 if any.   Usage: python3 evals/heldout/batch-11/check-figures.py"""
import glob, json, math, os, sys
from datetime import date
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
def r(x): return x.quantize(D("0.01"), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
Z = D("0")

ledgers = {os.path.basename(p): json.load(open(p)) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)))
def tax(l, n, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate)) if rate else Z
def gross(l, qty=None, price=None): n = net(l, qty, price); return n + tax(l, n)
def total(inv): return sum((gross(l) for l in inv["lines"]), Z) + sum((D(f["amount"]) for f in inv.get("fees", [])), Z)
def paid(lg, num): return sum((D(p["amount"]) for p in lg.get("payments", []) if p.get("invoiceNumber") == num), Z)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days

# ---- ledgers: totals, references, statuses, size
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
        p = paid(lg, i["number"])
        want = "paid" if p >= D(i["total"]) else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for key in ("deliveries", "serviceLogs", "payments"):
        for d in lg.get(key, []):
            if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} {key} {d['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")

CZ, FI, TR = "hanak-brewery-czk.ledger.json", "lumo-kitchen-eur.ledger.json", "ege-havlu-try.ledger.json"
def contract_of(lg, inv): return next(c for c in lg["contracts"] if c["id"] == inv["contractId"])
def contract_price(lg, inv, sku): return next(p["unitPrice"] for p in contract_of(lg, inv)["prices"] if p["sku"] == sku)
def price_diff(lgn, num, n, agreed=None):    # billed gross - gross at the agreed price (contract unless given)
    lg = ledgers[lgn]; i = invoice(lg, num); l = line(i, n)
    return max(Z, gross(l) - gross(l, price=agreed or contract_price(lg, i, l["sku"])))
def units_short(lgn, num, n, counted):       # billed gross - gross of the units counted
    l = line(invoice(ledgers[lgn], num), n); return gross(l) - gross(l, qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def inv_tax(lgn, num): return sum((tax(l, net(l)) for l in invoice(ledgers[lgn], num)["lines"]), Z)
def line_gross(lgn, num, n): return gross(line(invoice(ledgers[lgn], num), n))
def inv_total(lgn, num): return total(invoice(ledgers[lgn], num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in invoice(ledgers[lgn], num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)

def late_fee_allowed(lgn, num, today):
    """DOMAIN: clause, grace days, actual payment date: none if the principal was paid by due + grace;
    else percent per started 30-day month from the due date to settlement, of the principal overdue."""
    lg = ledgers[lgn]; i = invoice(lg, num); c = contract_of(lg, i)
    if not c.get("lateFee"): return Z
    principal = sum((gross(l) for l in i["lines"]), Z)
    grace = c["lateFee"].get("graceDays", 0)
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    on_time = sum((D(p["amount"]) for p in pays if days(i["dueDate"], p["date"]) <= grace), Z)
    overdue = max(Z, principal - on_time)
    if overdue == 0: return Z
    settled, acc = today, Z
    for p in pays:
        acc += D(p["amount"])
        if acc >= principal: settled = p["date"]; break
    late = days(i["dueDate"], settled)
    if late <= grace: return Z
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100) * math.ceil(late / 30)
def late_fee_not_owed(lgn, num, today): f = fee(lgn, num, "late_fee"); return f - min(f, late_fee_allowed(lgn, num, today))

def contract_outside(lgn, num):
    lg = ledgers[lgn]; i = invoice(lg, num); c = contract_of(lg, i)
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l) * (tot - inside) / tot) for l in i["lines"]), Z)

V141, V142, V143, V146, V151 = "VF-0141/26", "VF-0142/26", "VF-0143/26", "VF-0146/26", "VF-0151/26"
E = lambda n: f"EGH2026000000{n}"
TODAY = {CZ: "2026-11-18", FI: "2026-11-24", TR: "2026-11-20"}
R = {
 "b11-cz-malt-price-czech-email": lambda: price_diff(CZ, V141, 1),
 "b11-cz-caps-short-in-thousands": lambda: units_short(CZ, V142, 1, delivered(CZ, V142, "CAP-26")),
 "b11-cz-co2-valves-five-vs-three": lambda: units_short(CZ, V143, 1, 24 - delivered(CZ, V143, "CO2-10", "damagedQuantity")),
 "b11-cz-keg-rental-billed-twice": lambda: inv_total(CZ, "VF-0145/26"),
 "b11-cz-bcb-no-visit-27th": lambda: units_short(CZ, V146, 1, logged(CZ, V146, "LINE-CLEAN")),
 "b11-cz-bcb-visit-20th-was-done": lambda: Z,
 "b11-cz-kocour-no-objednavka": lambda: Z,
 "b11-cz-embassy-dph": lambda: inv_tax(CZ, "VF-0148/26"),
 "b11-cz-soudek-urok-within-grace": lambda: late_fee_not_owed(CZ, "VF-0135/26", TODAY[CZ]),
 "b11-cz-rychtar-late-fee-owed-small": lambda: late_fee_not_owed(CZ, "VF-0136/26", TODAY[CZ]),
 "b11-cz-express-freight-on-their-po": lambda: Z,
 "b11-cz-kocour-paid-by-transfer": lambda: open_bal(CZ, "VF-0150/26"),
 "b11-cz-bcb-kegs-after-contract-end": lambda: contract_outside(CZ, V151),
 "b11-cz-soudek-beer-still-off": lambda: Z,
 "b11-cz-hops-whole-invoice-big": lambda: units_short(CZ, "VF-0153/26", 1, delivered(CZ, "VF-0153/26", "HOP-SAAZ")),
 "b11-cz-bcb-caps-price-corrected": lambda: price_diff(CZ, "VF-0154/26", 1),
 "b11-cz-reported-full-credit-not-done": lambda: price_diff(CZ, V142, 1),
 "b11-cz-torn-malt-bags-by-po": lambda: units_short(CZ, "VF-0139/26", 1, 40 - delivered(CZ, "VF-0139/26", "MALT-PILS", "damagedQuantity")),
 "b11-fi-hours-9-5-not-12-5": lambda: units_short(FI, "26-3081", 1, logged(FI, "26-3081", "TECH-H")),
 "b11-fi-kjm-filters-partial-borderline": lambda: price_diff(FI, "26-3082", 1),
 "b11-fi-kjm-filters-price-corrected-3-turns": lambda: price_diff(FI, "26-3082", 1),
 "b11-fi-aurora-three-of-four-visits": lambda: units_short(FI, "26-3083", 1, logged(FI, "26-3083", "PM-VISIT")),
 "b11-fi-aurora-leaking-canisters-goodwill": lambda: units_short(FI, "26-3084", 1, 40 - delivered(FI, "26-3084", "DW-DETERG", "damagedQuantity")),
 "b11-fi-tampere-wrong-tilausnumero": lambda: Z,
 "b11-fi-tampere-detergent-price": lambda: price_diff(FI, "26-3086", 1),
 "b11-fi-sakura-billed-after-contract": lambda: contract_outside(FI, "26-3087"),
 "b11-fi-sakura-interest-two-months": lambda: late_fee_not_owed(FI, "26-3088", TODAY[FI]),
 "b11-fi-ssv-milersattning": lambda: Z,
 "b11-fi-kjm-payment-was-for-3079": lambda: Z,
 "b11-fi-aurora-hours-twice-same-po": lambda: inv_total(FI, "26-3095"),
 "b11-fi-aurora-oven-never-ordered": lambda: Z,
 "b11-fi-tampere-vat-rate-24": lambda: Z,
 "b11-fi-sakura-useless-visits": lambda: units_short(FI, "26-3096", 1, logged(FI, "26-3096", "PM-VISIT")),
 "b11-tr-belvedere-towels-in-cartons": lambda: units_short(TR, E(501), 1, delivered(TR, E(501), "TWL-5090-C50")),
 "b11-tr-belvedere-robe-price": lambda: price_diff(TR, E(502), 1),
 "b11-tr-belvedere-senza-ordine": lambda: Z,
 "b11-tr-wisla-odsetki-owed": lambda: late_fee_not_owed(TR, E(504), TODAY[TR]),
 "b11-tr-wisla-wet-mats": lambda: units_short(TR, E(505), 1, 800 - delivered(TR, E(505), "MAT-5080", "damagedQuantity")),
 "b11-tr-wisla-same-order-twice": lambda: inv_total(TR, E(507)),
 "b11-tr-lc-ja-pagamos": lambda: open_bal(TR, E(508)),
 "b11-tr-lc-express-freight": lambda: fee(TR, E(509), "freight"),
 "b11-tr-lc-embroidery-940-not-1000": lambda: units_short(TR, E(509), 2, logged(TR, E(509), "EMB-LOGO")),
 "b11-tr-gpr-short-robes": lambda: units_short(TR, E(511), 2, delivered(TR, E(511), "ROBE-WF")),
 "b11-tr-gpr-price-no-usd-rate": lambda: price_diff(TR, E(512), 1),
 "b11-tr-kapadokya-bornoz-fiyat": lambda: price_diff(TR, E(513), 2),
 "b11-tr-kapadokya-old-invoice-short": lambda: units_short(TR, E(514), 1, delivered(TR, E(514), "TWL-70140")),
 "b11-tr-belvedere-60-day-terms": lambda: Z,
 "b11-tr-wrong-customer-named": lambda: price_diff(TR, E(502), 1),
 "b11-tr-gpr-count-corrected": lambda: units_short(TR, E(511), 2, delivered(TR, E(511), "ROBE-WF")),
 "b11-tr-kapadokya-parent-company": lambda: Z,
}
# Disputed amounts as the turns give them (units, prices or whole charges), recomputed.
DISPUTED = {
 "b11-cz-malt-price-czech-email": lambda: price_diff(CZ, V141, 1, "520.00"),
 "b11-cz-caps-short-in-thousands": lambda: units_short(CZ, V142, 1, 112),
 "b11-cz-co2-valves-five-vs-three": lambda: units_short(CZ, V143, 1, 24 - 5),
 "b11-cz-keg-rental-billed-twice": lambda: inv_total(CZ, "VF-0145/26"),
 "b11-cz-bcb-no-visit-27th": lambda: units_short(CZ, V146, 1, 3),
 "b11-cz-bcb-visit-20th-was-done": lambda: units_short(CZ, V146, 1, 3),
 "b11-cz-kocour-no-objednavka": lambda: inv_total(CZ, "VF-0147/26"),
 "b11-cz-embassy-dph": lambda: inv_tax(CZ, "VF-0148/26"),
 "b11-cz-soudek-urok-within-grace": lambda: fee(CZ, "VF-0135/26", "late_fee"),
 "b11-cz-rychtar-late-fee-owed-small": lambda: fee(CZ, "VF-0136/26", "late_fee"),
 "b11-cz-express-freight-on-their-po": lambda: fee(CZ, "VF-0149/26", "freight"),
 "b11-cz-kocour-paid-by-transfer": lambda: open_bal(CZ, "VF-0150/26"),
 "b11-cz-bcb-kegs-after-contract-end": lambda: contract_outside(CZ, V151),
 "b11-cz-soudek-beer-still-off": lambda: inv_total(CZ, "VF-0152/26"),
 "b11-cz-hops-whole-invoice-big": lambda: inv_total(CZ, "VF-0153/26"),
 "b11-cz-bcb-caps-price-corrected": lambda: price_diff(CZ, "VF-0154/26", 1, "385.00"),
 "b11-cz-torn-malt-bags-by-po": lambda: units_short(CZ, "VF-0139/26", 1, 38),
 "b11-fi-hours-9-5-not-12-5": lambda: units_short(FI, "26-3081", 1, 9.5),
 "b11-fi-kjm-filters-partial-borderline": lambda: price_diff(FI, "26-3082", 1, "25.80"),
 "b11-fi-kjm-filters-price-corrected-3-turns": lambda: price_diff(FI, "26-3082", 1, "27.80"),
 "b11-fi-aurora-three-of-four-visits": lambda: units_short(FI, "26-3083", 1, 3),
 "b11-fi-aurora-leaking-canisters-goodwill": lambda: units_short(FI, "26-3084", 1, 36),
 "b11-fi-tampere-wrong-tilausnumero": lambda: inv_total(FI, "26-3085"),
 "b11-fi-tampere-detergent-price": lambda: price_diff(FI, "26-3086", 1, "36.90"),
 "b11-fi-sakura-billed-after-contract": lambda: inv_total(FI, "26-3087"),
 "b11-fi-sakura-interest-two-months": lambda: fee(FI, "26-3088", "late_fee"),
 "b11-fi-ssv-milersattning": lambda: fee(FI, "26-3089", "service_fee"),
 "b11-fi-kjm-payment-was-for-3079": lambda: open_bal(FI, "26-3090"),
 "b11-fi-aurora-hours-twice-same-po": lambda: inv_total(FI, "26-3095"),
 "b11-fi-aurora-oven-never-ordered": lambda: inv_total(FI, "26-3098"),
 "b11-fi-sakura-useless-visits": lambda: inv_total(FI, "26-3096"),
 "b11-tr-belvedere-towels-in-cartons": lambda: units_short(TR, E(501), 1, 2200 // 50),
 "b11-tr-belvedere-robe-price": lambda: price_diff(TR, E(502), 1, "14.90"),
 "b11-tr-belvedere-senza-ordine": lambda: inv_total(TR, E(503)),
 "b11-tr-wisla-odsetki-owed": lambda: fee(TR, E(504), "late_fee"),
 "b11-tr-wisla-wet-mats": lambda: units_short(TR, E(505), 1, 740),
 "b11-tr-wisla-same-order-twice": lambda: inv_total(TR, E(507)),
 "b11-tr-lc-ja-pagamos": lambda: open_bal(TR, E(508)),
 "b11-tr-lc-express-freight": lambda: fee(TR, E(509), "freight"),
 "b11-tr-lc-embroidery-940-not-1000": lambda: units_short(TR, E(509), 2, 940),
 "b11-tr-gpr-short-robes": lambda: units_short(TR, E(511), 2, 760),
 "b11-tr-gpr-price-no-usd-rate": lambda: price_diff(TR, E(512), 1, "9.20"),
 "b11-tr-kapadokya-bornoz-fiyat": lambda: price_diff(TR, E(513), 2, "650.00"),
 "b11-tr-kapadokya-old-invoice-short": lambda: units_short(TR, E(514), 1, 700),
 "b11-tr-belvedere-60-day-terms": lambda: inv_total(TR, E(516)),
 "b11-tr-gpr-count-corrected": lambda: units_short(TR, E(511), 2, 760),
}
ADMIN = {"missing_po", "contract_terms", "tax_error", "other"}

def home(lg): return lg["company"]["currency"]
def to_policy(lg, inv, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None without one."""
    if inv["currency"] == home(lg): return amount
    rates = [x for x in lg.get("fxRates", []) if x["currency"] == inv["currency"] and x["date"] <= inv["issueDate"]]
    if not rates: return None
    return r(amount * D(max(rates, key=lambda x: x["date"])["rate"]))

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
ids = [c["id"] for c in cases]
if len(ids) != len(set(ids)): fail("duplicate case ids")
for c in cases:
    e, cid = c["expect"], c["id"]
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[c["ledger"]]: fail(f"{cid}: today {c['today']}")
    lg = ledgers[c["ledger"]]; pol = lg["policy"]
    if e.get("noResolution"): continue
    if "invoiceNumber" not in e: continue
    if not any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: no invoice {e['invoiceNumber']}"); continue
    i = invoice(lg, e["invoiceNumber"])
    if "customerId" in e and e["customerId"] != i["customerId"]: fail(f"{cid}: customer {e['customerId']} is not the invoice's")
    disputed = DISPUTED[cid]() if cid in DISPUTED else None
    if "disputedAmount" in e:
        if disputed is None: fail(f"{cid}: disputedAmount without a recipe")
        elif D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
        if D(e["disputedAmount"]) > inv_total(c["ledger"], i["number"]): fail(f"{cid}: disputed above invoice total")
    if "supportedAmount" in e:
        if cid not in R: fail(f"{cid}: no recipe"); continue
        evidence = R[cid]()
        want = min(evidence, disputed) if disputed is not None else evidence
        if D(e["supportedAmount"]) != want: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {want}")
    cl, act = e.get("classification"), e.get("action")
    if cl == "needs_info" and act != "request_information": fail(f"{cid}: needs_info without request_information")
    if cl and cl != "needs_info" and disputed is not None and "supportedAmount" in e:
        s = D(e["supportedAmount"])
        exp = ("valid" if e.get("reasonCode") in ADMIN and act == "cancel_and_rebill" else "invalid") if s == 0 else ("valid" if s >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {s}, disputed {disputed})")
        if cl in ("invalid", "partial") and act != "goodwill_credit":
            owed = to_policy(lg, i, disputed - s)
            wo = owed is not None and owed < D(pol["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - s} ({owed} {home(lg)}) vs write-off {pol['writeOffBelow']}")
        if cl == "valid" and act == "write_off": fail(f"{cid}: write-off on a valid dispute")
    if "escalation" in e:
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        amount = disputed if disputed is not None else R[cid]()
        conv = to_policy(lg, i, amount)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = days(i["dueDate"], c["today"]) if open_bal(c["ledger"], i["number"]) > 0 else 0
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
