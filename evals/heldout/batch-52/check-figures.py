#!/usr/bin/env python3
"""Batch-52 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, the numbering and tax pattern of each ledger, and the
classification / action / write-off / escalation rules of DOMAIN.md, with policy amounts in the company
currency (FX at the latest rate on or before the invoice date, half-up once; no rate: escalate).
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-52/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # XCG, AWG, HTG: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate), cur) if rate else D("0")
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D("0"))
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), D("0"))
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), D("0"))
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), D("0"))
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)

def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

# ---- ledgers: totals, statuses, references, terms, minor digits
NO_RATE = set()   # batch 52: the AWG invoices have a rate (1.0000 from 2026-01-01)
INTENDED_WRONG_PO = set()   # batch 52 has no invoice quoting a PO the customer never issued
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 14 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        po = i.get("poNumber")
        if po and (po not in pos) != (i["number"] in INTENDED_WRONG_PO): fail(f"{name} {i['number']}: PO {po} reference")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")


# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def cur_of(lgn, num): return I(lgn, num)["currency"]
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return line(I(lgn, num), n)["quantity"]
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - counted, 0))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)

def late_fee_allowed(lgn, num, today):
    """DOMAIN: contract clause, grace days, actual payment date. None without a clause; none when the
    principal was paid by due + grace; else percentPerMonth of the principal unpaid at the end of grace,
    per started 30-day month from the due date to the settling payment (or today)."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; c = contract_of(lg, i)
    if not c or not c.get("lateFee"): return D("0")
    grace = c["lateFee"].get("graceDays", 0); grace_end = plus(i["dueDate"], grace)
    prin = principal(i)
    ps = sorted(pays(lg, num), key=lambda p: p["date"])
    overdue = prin - sum((D(p["amount"]) for p in ps if p["date"] <= grace_end), D("0"))
    if overdue <= 0: return D("0")
    settled, acc = today, D("0")
    for p in ps:
        acc += D(p["amount"])
        if acc >= prin: settled = p["date"]; break
    late = days(i["dueDate"], settled)
    if late <= grace: return D("0")
    months = -(-late // 30)
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * months
def fee_not_owed(lgn, num, today):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)

def outside_contract(lgn, num):
    """Days of the service period outside the contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def any_payment_for(lgn, num, when, ref):
    lg = ledgers[lgn]; i = I(lgn, num)
    return [p for p in lg["payments"] if p["customerId"] == i["customerId"] and (p.get("invoiceNumber") == num or p["date"] == when or ref in p.get("reference", "")
            or (not p.get("invoiceNumber") and D(p["amount"]) in (open_bal(lgn, num), inv_total(lgn, num))))]

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"

def fee_on_po(lgn, num, t):
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    words = lambda s: sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if words(l.get("description", l["sku"])) == words(f.get("description", "")) and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]): return True
    return False
def fee_in_contract_notes(lgn, num, t, words=None):
    """The contract's notes name the fee (by the given words, else by its description / type)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    word = words or (f.get("description", "") if t == "other" else t.replace("_", " "))
    return bool(c and word.lower() in c.get("notes", "").lower())
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

def fee_desc(lgn, num, start): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").startswith(start)), D("0"))
def fee_desc_owed(lgn, num, start, words):
    """A fee named by its description is owed when the contract's notes name it (by `words`) or the customer's PO lists it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    in_notes = bool(c and words.lower() in c.get("notes", "").lower())
    on_po = any(l.get("description", "").lower() == start.lower() for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for l in po["lines"])
    return in_notes or on_po

# ---- batch 52: the three ledgers, the today of their cases, and one recipe per case
CW, HT, DJ = "salinja-brandbeveiliging-xcg.ledger.json", "tabarre-emballages-htg.ledger.json", "doraleh-logistique-djf.ledger.json"
Z = D("0")
T_CW, T_HT, T_DJ = "2026-11-18", "2026-11-24", "2026-12-03"
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def usual_rate(lgn, num, sku):
    """The rate the customer's other invoices use for the SKU (all must agree); None when there is none."""
    i = I(lgn, num)
    rates = {l.get("taxRate") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for l in o["lines"] if l["sku"] == sku}
    return rates.pop() if len(rates) == 1 else None
def over_tax(lgn, num, n):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; nt = net(l, cur); rate = usual_rate(lgn, num, l["sku"])
    return max(tax(l, nt, cur) - tax(l, nt, cur, rate), Z) if rate else None
def line_on_po(lgn, num, n):
    """The disputed line's SKU is on the customer's own PO for this invoice, at the billed price."""
    i = I(lgn, num); l = line(i, n)
    po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def customer_payments(lgn, num):
    i = I(lgn, num); return [p for p in ledgers[lgn].get("payments", []) if p["customerId"] == i["customerId"]]

V = lambda n: "VF26." + n
P = lambda n: n + "/PET/2026"
K = lambda n: "26/DLE/" + n
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b52-cw-hpm-hervullen-tarief": (lambda: price_diff(CW, V("0401"), 2), lambda: price_diff(CW, V("0401"), 2, "38.00")),
 "b52-cw-bbt-co2-deuken": (lambda: units_credit(CW, V("0403"), 1, delivered(CW, V("0403"), "BB-5CO2", "damagedQuantity")), lambda: units_credit(CW, V("0403"), 1, 3)),
 "b52-cw-swb-tweede-bmi-bezoek": (lambda: short(CW, V("0405"), 2, logged(CW, V("0405"), "BMI-BEZ")), lambda: units_credit(CW, V("0405"), 2, 1)),
 "b52-cw-css-blussers-22": (lambda: short(CW, V("0406"), 1, delivered(CW, V("0406"), "BB-6PD")), lambda: short(CW, V("0406"), 1, 22)),
 "b52-cw-omb-aruba-bank": (lambda: unapplied_payment(CW, V("0409"), "2026-10-16"), lambda: open_bal(CW, V("0409"))),
 "b52-cw-hpm-q3-tweemaal": (lambda: inv_total(CW, V("0414")) if same_basis_duplicate(CW, V("0414"), V("0412")) else Z, lambda: inv_total(CW, V("0414"))),
 "b52-cw-swb-rente-juli": (lambda: fee_not_owed(CW, V("0388"), T_CW), lambda: fee(CW, V("0388"), "late_fee")),
 "b52-cw-bbt-io-ontbreekt": (lambda: Z if po_defect(CW, V("0417")) else None, lambda: inv_total(CW, V("0417"))),
 "b52-cw-css-spoedtransport": (lambda: Z if fee_on_po(CW, V("0419"), "freight") else fee(CW, V("0419"), "freight"), lambda: fee(CW, V("0419"), "freight")),
 "b52-cw-zeelandia-io-prijs": (lambda: price_diff(CW, V("0421"), 1), lambda: price_diff(CW, V("0421"), 1, "129.00")),
 "b52-cw-hpm-monteur-te-laat": (lambda: short(CW, V("0423"), 1, logged(CW, V("0423"), "BMI-BEZ")), lambda: inv_total(CW, V("0423"))),
 "b52-cw-omb-28-co2": (lambda: short(CW, V("0425"), 1, delivered(CW, V("0425"), "BB-5CO2")), lambda: short(CW, V("0425"), 1, 28)),
 "b52-cw-omb-oktober-na-opzegging": (lambda: outside_contract(CW, V("0427")), lambda: units_credit(CW, V("0427"), 1, 1)),
 "b52-cw-swb-ob-negen-procent": (lambda: over_tax(CW, V("0429"), 1), lambda: over_tax(CW, V("0429"), 1)),
 "b52-cw-css-mcb-betaald": (None, lambda: open_bal(CW, V("0431"))),   # disputed not checked: used for escalation only
 "b52-cw-bbt-35-ontvangen": (None, lambda: short(CW, V("0433"), 1, 35)),
 "b52-cw-swb-rondes-13-en-20": (lambda: units_credit(CW, V("0437"), 1, len(unserved_dates(CW, V("0437"), "RONDE", ["2026-10-13", "2026-10-20"]))), lambda: units_credit(CW, V("0437"), 1, 2)),

 "b52-ht-jus-penalite-delai-grace": (lambda: fee_not_owed(HT, P("0488"), T_HT), lambda: fee(HT, P("0488"), "late_fee")),
 "b52-ht-dlo-grille-annexe-1": (lambda: price_diff(HT, P("0501"), 1), lambda: price_diff(HT, P("0501"), 1, "9850.00")),
 "b52-ht-rhb-cartons-ecrases": (lambda: units_credit(HT, P("0503"), 1, delivered(HT, P("0503"), "PRF-28G", "damagedQuantity")), lambda: units_credit(HT, P("0503"), 1, 15)),
 "b52-ht-ong-exoneration-tca": (lambda: inv_tax(HT, P("0506")) if tax_exempt(HT, P("0506")) else Z, lambda: inv_tax(HT, P("0506"))),
 "b52-ht-brs-prix-bon-de-commande": (lambda: price_diff(HT, P("0509"), 1), lambda: price_diff(HT, P("0509"), 1, "3400.00")),
 "b52-ht-dlo-ticket-de-pesee": (lambda: short(HT, P("0511"), 1, delivered(HT, P("0511"), "FLM-RTR")), lambda: short(HT, P("0511"), 1, 1050)),
 "b52-ht-pha-une-seule-visite": (lambda: short(HT, P("0514"), 1, logged(HT, P("0514"), "MNT-SOUF")), lambda: units_credit(HT, P("0514"), 1, 1)),
 "b52-ht-rhb-sans-bon-de-commande": (lambda: Z if po_defect(HT, P("0516")) else None, lambda: inv_total(HT, P("0516"))),
 "b52-ht-jus-deux-factures-bc-0415": (lambda: inv_total(HT, P("0519")) if same_basis_duplicate(HT, P("0519"), P("0517")) else Z, lambda: inv_total(HT, P("0519"))),
 "b52-ht-dlo-livraison-hors-zone": (lambda: Z if fee_desc_owed(HT, P("0521"), "Livraison hors zone", "livraison hors zone") else fee_desc(HT, P("0521"), "Livraison hors zone"), lambda: fee_desc(HT, P("0521"), "Livraison hors zone")),
 "b52-ht-pha-virement-10-novembre": (lambda: unapplied_payment(HT, P("0523"), "2026-11-10"), lambda: open_bal(HT, P("0523"))),
 "b52-ht-ong-frais-de-dossier": (lambda: Z if fee_desc_owed(HT, P("0525"), "Frais de dossier", "frais de dossier") else fee_desc(HT, P("0525"), "Frais de dossier"), lambda: fee_desc(HT, P("0525"), "Frais de dossier")),
 "b52-ht-rhb-jeudi-vendredi": (None, lambda: units_credit(HT, P("0527"), 1, 2)),
 "b52-ht-jus-etiquettes-42-mille": (None, lambda: short(HT, P("0529"), 1, 42)),
 "b52-ht-dlo-ancien-prix-9600": (lambda: price_diff(HT, P("0531"), 1), lambda: price_diff(HT, P("0531"), 1, "9600.00")),

 "b52-dj-pas-listino-allegato-b": (lambda: price_diff(DJ, K("01204"), 1), lambda: price_diff(DJ, K("01204"), 1, "4450")),
 "b52-dj-zug-sechs-container": (lambda: short(DJ, K("01207"), 1, logged(DJ, K("01207"), "MAN-DEP")), lambda: units_credit(DJ, K("01207"), 1, 2)),
 "b52-dj-hmb-tva-befreit": (lambda: inv_tax(DJ, K("01209")) if tax_exempt(DJ, K("01209")) else Z, lambda: inv_tax(DJ, K("01209"))),
 "b52-dj-add-storage-after-expiry": (lambda: outside_contract(DJ, K("01211")), lambda: inv_total(DJ, K("01211"))),
 "b52-dj-add-quatre-rotations": (lambda: short(DJ, K("01212"), 1, logged(DJ, K("01212"), "TRK-GAL")), lambda: units_credit(DJ, K("01212"), 1, 1)),
 "b52-dj-sdb-fumigation": (lambda: Z if line_on_po(DJ, K("01213"), 2) else line_gross(DJ, K("01213"), 2), lambda: line_gross(DJ, K("01213"), 2)),
 "b52-dj-pas-oda-mancante": (lambda: Z if po_defect(DJ, K("01215")) else None, lambda: inv_total(DJ, K("01215"))),
 "b52-dj-zug-bereits-bezahlt": (lambda: unapplied_payment(DJ, K("01216"), "2026-11-12"), lambda: open_bal(DJ, K("01216"))),
 "b52-dj-pas-doppia-fatturazione": (lambda: inv_total(DJ, K("01220")) if same_basis_duplicate(DJ, K("01220"), K("01218")) else Z, lambda: inv_total(DJ, K("01220"))),
 "b52-dj-hmb-20-paletten": (lambda: units_credit(DJ, K("01222"), 1, delivered(DJ, K("01222"), "PAL-NEUF", "damagedQuantity")), lambda: units_credit(DJ, K("01222"), 1, 20)),
 "b52-dj-sdb-interets-article-9": (lambda: fee_not_owed(DJ, K("01224"), T_DJ), lambda: fee(DJ, K("01224"), "late_fee")),
 "b52-dj-add-august-trucks": (None, lambda: units_credit(DJ, K("01226"), 1, 1)),
 "b52-dj-trl-nave-persa": (lambda: short(DJ, K("01228"), 1, logged(DJ, K("01228"), "MAN-EMP")), lambda: line_gross(DJ, K("01228"), 1)),
 "b52-dj-zug-alter-kuehltarif": (lambda: price_diff(DJ, K("01230"), 1), lambda: price_diff(DJ, K("01230"), 1, "9200")),
 "b52-dj-pas-cartoni-non-etichettati": (lambda: short(DJ, K("01232"), 1, logged(DJ, K("01232"), "ETQ")), lambda: short(DJ, K("01232"), 1, 12000 - 400)),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b52-cw-css-mcb-betaald": lambda: not customer_payments(CW, V("0431")),
 "b52-cw-bbt-35-ontvangen": lambda: not has_delivery(CW, V("0433"), "BB-6PD"),
 "b52-ht-rhb-jeudi-vendredi": lambda: unserved_dates(HT, P("0527"), "TECH-J", ["2026-10-08", "2026-10-09"]) is None,
 "b52-ht-jus-etiquettes-42-mille": lambda: not has_delivery(HT, P("0529"), "ETQ-IMP"),
 "b52-dj-add-august-trucks": lambda: not has_log(DJ, K("01226"), "TRK-GAL"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b52-cw-css-verkeerde-factuur": (CW, V("0423"), "CW-CSS")}

# ---- numbering and tax pattern of each ledger
import re
PATTERN = {CW: r"^VF26\.\d{4}$", HT: r"^\d{4}/PET/2026$", DJ: r"^26/DLE/\d{5}$"}
RATE = {CW: "0.06", HT: "0.10", DJ: "0.10"}
WRONG_TAX = {(CW, V("0429"), 1), (HT, P("0506"), 1), (HT, P("0506"), 2), (HT, P("0506"), 3), (DJ, K("01209"), 1), (DJ, K("01209"), 2)}
UNTAXED_CUSTOMERS = {"DJ-ADD"}   # transit to Ethiopia: no TVA on its lines, though not an exempt customer
for lgn, lg in ledgers.items():
    for i in lg["invoices"]:
        if not re.match(PATTERN[lgn], i["number"]): fail(f"{i['number']}: numbering")
        exempt = tax_exempt(lgn, i["number"]) or i["currency"] != home(lg) or i["customerId"] in UNTAXED_CUSTOMERS
        for l in i["lines"]:
            want = None if exempt else RATE[lgn]
            if (lgn, i["number"], l["line"]) in WRONG_TAX: want = l.get("taxRate") if l.get("taxRate") != want else "(a wrong rate)"
            if l.get("taxRate") != want: fail(f"{i['number']} line {l['line']}: tax rate {l.get('taxRate')}, pattern says {want}")
    for i in lg["invoices"]:
        if i["currency"] != home(lg) and not tax_exempt(lgn, i["number"]): fail(f"{i['number']}: foreign-currency customer not exempt")

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b52-"): fail(f"{cid}: id prefix")
    if os.path.basename(glob.glob(f"{HERE}/{cid}.case.json")[0]) != f"{cid}.case.json": fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if not ALL4 <= set(e.get("mustNotHappen", [])): fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if cid in WRONG_CUSTOMER:
        wl, num, said = WRONG_CUSTOMER[cid]
        if I(wl, num)["customerId"] == said: fail(f"{cid}: the invoice does belong to the customer named")
    if "invoiceNumber" not in e: continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") and e["customerId"] != inv_["customerId"]: fail(f"{cid}: customerId {e['customerId']} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn() if dis_fn else None
    if "disputedAmount" in e:
        if disputed is None: fail(f"{cid}: no disputed recipe")
        elif D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
        if D(e["disputedAmount"]) > inv_total(lgn, num): fail(f"{cid}: disputed above invoice total")
        if D(e["disputedAmount"]) <= 0: fail(f"{cid}: disputed not positive")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed) if disputed is not None else evidence
        if "supportedAmount" in e and D(e["supportedAmount"]) != supported:
            fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    if cl and cl != "needs_info" and disputed is not None and supported is not None:
        defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if act != "goodwill_credit" and wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if act == "goodwill_credit" and (wo or cl != "invalid"): fail(f"{cid}: goodwill only on an invalid claim not written off")
        if cl == "valid" and act in ("write_off", "no_adjustment", "goodwill_credit"): fail(f"{cid}: valid with {act}")
    if "escalation" in e:
        pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
        amount = disputed if disputed is not None else supported
        conv = to_company(lgn, num, amount)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
        if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
            fail(f"{cid}: legal escalation expected")

# ---- tallies quoted in the README
from collections import Counter
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and e.get("stakeholders") and e["stakeholders"][0] != TEAM[e["reasonCode"]]:
        fail(f"{c['id']}: first stakeholder {e['stakeholders'][0]} is not the routing table's {TEAM[e['reasonCode']]}")
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

