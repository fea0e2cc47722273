#!/usr/bin/env python3
"""Batch-12 author's cross-check (adapted from batch 3's): recomputes every ledger total and every
expected figure from the ledger files with decimal arithmetic (never floats), independently of the
product, and checks the ledgers' references and the classification / write-off / escalation rules of
DOMAIN.md, with policy amounts in the company currency (fxRates, latest rate on or before the invoice
date, half-up to the cent; no rate: escalate, no write-off). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-12/check-figures.py"""
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
        if i["status"] == "partially_paid" and not (D(0) < paid(lg, i["number"]) < D(i["total"])): fail(f"{name} {i['number']}: partially_paid inconsistent")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")

BR, US, MA = "empilha-sul-brl.ledger.json", "cascade-canning-usd.ledger.json", "atlas-argan-mad.ledger.json"

# ---- policy currency (DOMAIN "Currencies")
def to_policy(lgn, num, amount):
    lg = ledgers[lgn]; i = invoice(lg, num); company = lg["company"]["currency"]
    if i["currency"] == company: return amount
    rates = [x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]]
    if not rates: return None
    return r(amount * D(max(rates, key=lambda x: x["date"])["rate"]))

# ---- recipes: how each supported amount follows from the ledger (DOMAIN.md rules, by hand)
def contract_of(lg, inv): return next(c for c in lg["contracts"] if c["id"] == inv["contractId"])
def contract_price(lg, inv, sku): return next(p["unitPrice"] for p in contract_of(lg, inv)["prices"] if p["sku"] == sku)
def price_diff(lgn, num, n, price=None):   # billed gross - gross at the contract (or claimed) price
    lg = ledgers[lgn]; i = invoice(lg, num); l = line(i, n)
    return gross(l) - gross(l, price=price or contract_price(lg, i, l["sku"]))
def units_short(lgn, num, n, counted):   # billed gross - gross of the units actually counted
    l = line(invoice(ledgers[lgn], num), n); return gross(l) - gross(l, qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(D(str(d.get(field, 0))) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def inv_tax(lgn, num): return sum((tax(l, net(l)) for l in invoice(ledgers[lgn], num)["lines"]), D("0"))
def inv_total(lgn, num): return total(invoice(ledgers[lgn], num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in invoice(ledgers[lgn], num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)
def unapplied_naming(lgn, num):
    key = "".join(ch for ch in num.upper() if ch.isalnum())
    return sum((D(p["amount"]) for p in ledgers[lgn]["payments"] if not p.get("invoiceNumber")
                and key in "".join(ch for ch in p.get("reference", "").upper() if ch.isalnum())), D("0"))

def late_fee_allowed(lgn, num):
    """Contract clause, grace days, actual payment date: none if the principal was paid by due + grace;
    otherwise percent per started 30-day month (the cases are built with at most one month late, so
    any reading of 'month' agrees)."""
    lg = ledgers[lgn]; i = invoice(lg, num); c = contract_of(lg, i)
    if not c.get("lateFee"): return D("0")
    principal = sum((gross(l) for l in i["lines"]), D("0"))
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    grace = c["lateFee"].get("graceDays", 0)
    late = days(i["dueDate"], pays[-1]["date"])
    if sum(D(p["amount"]) for p in pays) >= principal and late <= grace: return D("0")
    assert late <= 30, "cases keep lateness within one month"
    return r(principal * D(c["lateFee"]["percentPerMonth"]) / 100)

def contract_outside(lgn, num):
    lg = ledgers[lgn]; i = invoice(lg, num); c = contract_of(lg, i)
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot)

Z = D("0")
R = {
 "b12-br-preventiva-outubro-jundiai": lambda: units_short(BR, "NF 12.401", 2, logged(BR, "NF 12.401", "MAN-PREV")),
 "b12-br-pneu-preco-por-pedido": lambda: price_diff(BR, "NF 12.402", 1),
 "b12-br-nota-sem-pedido": lambda: Z,
 "b12-br-locacao-duplicada": lambda: inv_total(BR, "NF 12.405"),
 "b12-br-garfo-empenado-motivo-antes": lambda: units_short(BR, "NF 12.406", 1, 2 - delivered(BR, "NF 12.406", "PC-GARFO", "damagedQuantity")),
 "b12-br-frete-previsto-contrato": lambda: Z,
 "b12-br-entidade-imune": lambda: inv_tax(BR, "NF 12.407"),
 "b12-br-bateria-paga-ted": lambda: min(unapplied_naming(BR, "NF 12.408"), open_bal(BR, "NF 12.408")),
 "b12-br-multa-dentro-carencia": lambda: fee(BR, "NF 12.409", "late_fee") - min(late_fee_allowed(BR, "NF 12.409"), fee(BR, "NF 12.409", "late_fee")),
 "b12-br-tecnico-atrasado": lambda: units_short(BR, "NF 12.411", 1, logged(BR, "NF 12.411", "MAN-PREV")) + units_short(BR, "NF 12.411", 2, logged(BR, "NF 12.411", "HORA-TEC")),
 "b12-br-pneus-duas-caixas": lambda: units_short(BR, "NF 12.413", 1, delivered(BR, "NF 12.413", "PC-PNEU")),
 "b12-br-hora-tecnica-tabela-antiga": lambda: price_diff(BR, "NF 12.415", 1),
 "b12-br-pneu-centavos-writeoff": lambda: price_diff(BR, "NF 12.416", 1),
 "b12-br-preco-corrigido": lambda: price_diff(BR, "NF 12.402", 1),
 "b12-us-ordered-40-billed-44": lambda: units_short(US, "CMC-24871", 2, delivered(US, "CMC-24871", "CAN-16-1K")),
 "b12-us-crew-21st-or-22nd": lambda: units_short(US, "CMC-24872", 1, logged(US, "CMC-24872", "RUN-DAY")),
 "b12-us-orchard-wrong-po": lambda: Z,
 "b12-us-long-thread-sleeves": lambda: price_diff(US, "CMC-24874", 1),
 "b12-us-reseller-tax": lambda: inv_tax(US, "CMC-24875"),
 "b12-us-cancel-second-one": lambda: inv_total(US, "CMC-24877"),
 "b12-us-finance-charge-owed": lambda: fee(US, "CMC-24878", "late_fee") - min(late_fee_allowed(US, "CMC-24878"), fee(US, "CMC-24878", "late_fee")),
 "b12-us-palouse-after-contract": lambda: contract_outside(US, "CMC-24879"),
 "b12-us-travel-surcharge": lambda: Z,
 "b12-us-expedited-freight-on-po": lambda: Z,
 "b12-us-dented-cans": lambda: units_short(US, "CMC-24881", 1, D(60) - delivered(US, "CMC-24881", "CAN-16-1K", "damagedQuantity")),
 "b12-us-check-paid-other": lambda: Z,
 "b12-us-half-days-2-not-3": lambda: units_short(US, "CMC-24883", 1, logged(US, "CMC-24883", "RUN-HALF")),
 "b12-us-misspelled-day-rate": lambda: price_diff(US, "CMC-24884", 1),
 "b12-us-pallets-writeoff": lambda: price_diff(US, "CMC-24885", 1),
 "b12-us-recount-correction": lambda: units_short(US, "CMC-24871", 2, delivered(US, "CMC-24871", "CAN-16-1K")),
 "b12-ma-prix-au-kilo": lambda: price_diff(MA, "AAB-2026/0301", 1),
 "b12-ma-sans-bon-de-commande": lambda: Z,
 "b12-ma-deux-palettes-72-sacs": lambda: units_short(MA, "AAB-2026/0303", 1, delivered(MA, "AAB-2026/0303", "RHASSOUL-25")),
 "b12-ma-penalites-delai-grace": lambda: fee(MA, "AAB-2026/0304", "late_fee") - min(late_fee_allowed(MA, "AAB-2026/0304"), fee(MA, "AAB-2026/0304", "late_fee")),
 "b12-ma-bidones-perforados": lambda: units_short(MA, "AAB-2026/0305", 1, 40 - delivered(MA, "AAB-2026/0305", "ARG-COS-25", "damagedQuantity")),
 "b12-ma-analyse-labo": lambda: Z,
 "b12-ma-tva-zone-franche": lambda: Z,
 "b12-ma-formation-9-11-nov": lambda: units_short(MA, "AAB-2026/0307", 1, logged(MA, "AAB-2026/0307", "SPA-TRAIN")),
 "b12-ma-sepa-elbtal": lambda: min(unapplied_naming(MA, "AAB-2026/0308"), open_bal(MA, "AAB-2026/0308")),
 "b12-ma-cad-sans-taux": lambda: price_diff(MA, "AAB-2026/0309", 1),
 "b12-ma-rhassoul-writeoff": lambda: price_diff(MA, "AAB-2026/0310", 1),
 "b12-ma-doublon-commande": lambda: inv_total(MA, "AAB-2026/0312"),
 "b12-ma-echeance-15-jours": lambda: Z,
 "b12-ma-hydrolat-odeur": lambda: units_short(MA, "AAB-2026/0314", 1, 10 - delivered(MA, "AAB-2026/0314", "ROSE-HYD-20", "damagedQuantity")),
 "b12-ma-geste-commercial": lambda: units_short(MA, "AAB-2026/0314", 1, 10 - delivered(MA, "AAB-2026/0314", "ROSE-HYD-20", "damagedQuantity")),
 "b12-ma-correction-sacs": lambda: units_short(MA, "AAB-2026/0303", 1, delivered(MA, "AAB-2026/0303", "RHASSOUL-25")),
}
# Disputed amounts the turns give as figures to recompute (claimed prices, counts), to check the case's own.
CLAIMED = {
 "b12-br-preventiva-outubro-jundiai": lambda: units_short(BR, "NF 12.401", 2, 4),
 "b12-br-pneu-preco-por-pedido": lambda: price_diff(BR, "NF 12.402", 1, "890.00"),
 "b12-br-garfo-empenado-motivo-antes": lambda: units_short(BR, "NF 12.406", 1, 1),
 "b12-br-frete-previsto-contrato": lambda: fee(BR, "NF 12.406", "freight"),
 "b12-br-entidade-imune": lambda: inv_tax(BR, "NF 12.407"),
 "b12-br-bateria-paga-ted": lambda: inv_total(BR, "NF 12.408"),
 "b12-br-multa-dentro-carencia": lambda: fee(BR, "NF 12.409", "late_fee"),
 "b12-br-juros-sem-contrato": lambda: fee(BR, "NF 12.410", "late_fee"),
 "b12-br-tecnico-atrasado": lambda: inv_total(BR, "NF 12.411"),
 "b12-br-contrato-encerrado-dia-15": lambda: inv_total(BR, "NF 12.412"),
 "b12-br-pneus-duas-caixas": lambda: units_short(BR, "NF 12.413", 1, 8),
 "b12-br-hora-tecnica-tabela-antiga": lambda: price_diff(BR, "NF 12.415", 1, "165.00"),
 "b12-br-pneu-centavos-writeoff": lambda: price_diff(BR, "NF 12.416", 1, "870.00"),
 "b12-br-preco-corrigido": lambda: price_diff(BR, "NF 12.402", 1, "890.00"),
 "b12-us-ordered-40-billed-44": lambda: units_short(US, "CMC-24871", 2, 40),
 "b12-us-crew-21st-or-22nd": lambda: units_short(US, "CMC-24872", 1, 3),
 "b12-us-long-thread-sleeves": lambda: price_diff(US, "CMC-24874", 1, "92.00"),
 "b12-us-reseller-tax": lambda: inv_tax(US, "CMC-24875"),
 "b12-us-cancel-second-one": lambda: inv_total(US, "CMC-24877"),
 "b12-us-finance-charge-owed": lambda: fee(US, "CMC-24878", "late_fee"),
 "b12-us-palouse-after-contract": lambda: inv_total(US, "CMC-24879"),
 "b12-us-travel-surcharge": lambda: fee(US, "CMC-24880", "service_fee"),
 "b12-us-expedited-freight-on-po": lambda: fee(US, "CMC-24881", "freight"),
 "b12-us-dented-cans": lambda: units_short(US, "CMC-24881", 1, D("57.5")),
 "b12-us-check-paid-other": lambda: open_bal(US, "CMC-24882"),
 "b12-us-half-days-2-not-3": lambda: units_short(US, "CMC-24883", 1, 2),
 "b12-us-misspelled-day-rate": lambda: price_diff(US, "CMC-24884", 1, "1650.00"),
 "b12-us-pallets-writeoff": lambda: price_diff(US, "CMC-24885", 1, "15.00"),
 "b12-us-recount-correction": lambda: units_short(US, "CMC-24871", 2, 40),
 "b12-ma-prix-au-kilo": lambda: price_diff(MA, "AAB-2026/0301", 1, str(D("24.48") * 25)),
 "b12-ma-deux-palettes-72-sacs": lambda: units_short(MA, "AAB-2026/0303", 1, 72),
 "b12-ma-penalites-delai-grace": lambda: fee(MA, "AAB-2026/0304", "late_fee"),
 "b12-ma-bidones-perforados": lambda: units_short(MA, "AAB-2026/0305", 1, 37),
 "b12-ma-analyse-labo": lambda: gross(line(invoice(ledgers[MA], "AAB-2026/0305"), 2)),
 "b12-ma-tva-zone-franche": lambda: inv_tax(MA, "AAB-2026/0306"),
 "b12-ma-formation-9-11-nov": lambda: units_short(MA, "AAB-2026/0307", 1, 2),
 "b12-ma-sepa-elbtal": lambda: inv_total(MA, "AAB-2026/0308"),
 "b12-ma-cad-sans-taux": lambda: price_diff(MA, "AAB-2026/0309", 1, "179.00"),
 "b12-ma-rhassoul-writeoff": lambda: price_diff(MA, "AAB-2026/0310", 1, "40.00"),
 "b12-ma-doublon-commande": lambda: inv_total(MA, "AAB-2026/0312"),
 "b12-ma-hydrolat-odeur": lambda: inv_total(MA, "AAB-2026/0314"),
 "b12-ma-geste-commercial": lambda: inv_total(MA, "AAB-2026/0314"),
 "b12-ma-correction-sacs": lambda: units_short(MA, "AAB-2026/0303", 1, 72),
}
ADMIN = {"missing_po", "contract_terms", "other"}

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
per_ledger = {}
for c in cases:
    e, cid = c["expect"], c["id"]
    per_ledger[c["ledger"]] = per_ledger.get(c["ledger"], 0) + 1
    if c["ledger"] not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lgn = c["ledger"]; lg = ledgers[lgn]; pol = lg["policy"]
    if e.get("noResolution"):
        if e.get("invoiceNumber") and any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: invoice exists")
        continue
    if "invoiceNumber" not in e: continue
    num = e["invoiceNumber"]
    if not any(i["number"] == num for i in lg["invoices"]): fail(f"{cid}: no invoice {num}"); continue
    if e.get("customerId") and invoice(lg, num)["customerId"] != e["customerId"]: fail(f"{cid}: customer {e['customerId']} is not the invoice's")
    if cid in CLAIMED and "disputedAmount" in e and D(e["disputedAmount"]) != CLAIMED[cid]():
        fail(f"{cid}: disputedAmount {e['disputedAmount']} != the turn's figures {CLAIMED[cid]()}")
    disputed = D(e["disputedAmount"]) if "disputedAmount" in e else (CLAIMED[cid]() if cid in CLAIMED else None)
    if disputed is not None and disputed > inv_total(lgn, num): fail(f"{cid}: disputed above invoice total")
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
                owed = to_policy(lgn, num, disputed - s)
                wo = owed is not None and owed < D(pol["writeOffBelow"])
                if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - s} ({owed} in policy currency) vs write-off {pol['writeOffBelow']}")
    if e.get("classification") == "needs_info" and e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
    if "escalation" in e:
        i = invoice(lg, num); cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        amount = disputed if disputed is not None else R.get(cid, lambda: Z)()
        conv = to_policy(lgn, num, amount)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = days(i["dueDate"], c["today"]) if open_bal(lgn, num) > 0 else 0
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} = {conv}, {pastdue} d past due, {recent} disputes)")

for name, n in per_ledger.items():
    if n != 20: fail(f"{name}: {n} cases, not 20")
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
