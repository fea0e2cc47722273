#!/usr/bin/env python3
"""Batch-29 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-29/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "GNF": 0}  # ARS, USD, EUR, SLE, PGK, AUD: 2
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
NO_RATE = {"0423/CRP/26"}   # batch 29: the SLE invoice has no rate on purpose
INTENDED_WRONG_PO = set()   # batch 29 has no invoice quoting a PO the customer never issued (0411 quotes a cancelled one)
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

Z = D("0")
def line_supported_by_doc(lgn, num, n):
    """unrecognized_charge on a line: owed when the customer's (not cancelled) PO lists the SKU at that price, or the contract prices the SKU."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    on_po = any(pl["sku"] == l["sku"] and D(pl["unitPrice"]) == D(l["unitPrice"]) for po in lg.get("purchaseOrders", [])
                if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for pl in po["lines"])
    return on_po or contract_price(lgn, num, l["sku"]) is not None
def charge_not_owed(lgn, num, n): return Z if line_supported_by_doc(lgn, num, n) else line_gross(lgn, num, n)
def logged_rendered(lgn, num, sku): return has_log(lgn, num, sku) and all(s["status"] == "rendered" for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku)
def quoted_payment_already_applied(lgn, num, ref):
    """The payment the customer quotes is applied to this very invoice and the customer has no unapplied payment: what is open is owed."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    q = [p for p in lg["payments"] if ref in p.get("reference", "")]
    unapplied = [p for p in lg["payments"] if p["customerId"] == cust and not p.get("invoiceNumber")]
    return bool(q) and all(p.get("invoiceNumber") == num for p in q) and not unapplied and open_bal(lgn, num) > 0
def no_agreed_price(lgn, num): i = I(lgn, num); return contract_of(ledgers[lgn], i) is None and not i.get("poNumber")

ARL, GNL, PGL = "ordene-litoral-ars.ledger.json", "crp-pneus-gnf.ledger.json", "markham-coastal-pgk.ledger.json"
T_AR, T_GN, T_PG = "2026-11-19", "2026-11-24", "2026-11-12"
def cm(n): return f"{n:04d}/CRP/26"
def pg(n): return f"{n:08d}"
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b29-ar-acacias-pezoneras-rajadas": (lambda: units_credit(ARL, "A0003-00004512", 1, delivered(ARL, "A0003-00004512", "PEZONERA", "damagedQuantity")), lambda: units_credit(ARL, "A0003-00004512", 1, 4)),
 "b29-ar-acacias-horas-tecnico": (lambda: short(ARL, "A0003-00004530", 3, logged(ARL, "A0003-00004530", "HORA-TEC")), lambda: short(ARL, "A0003-00004530", 3, 2)),
 "b29-ar-acacias-recargo-mora": (lambda: fee_not_owed(ARL, "A0003-00004497", T_AR), lambda: fee(ARL, "A0003-00004497", "late_fee")),
 "b29-ar-ataliva-sin-oc": (lambda: Z if po_defect(ARL, "A0003-00004515") else None, lambda: inv_total(ARL, "A0003-00004515")),
 "b29-ar-ataliva-flete": (lambda: Z if fee_in_contract_notes(ARL, "A0003-00004548", "freight", "cargo de flete de $ 72.000") else fee(ARL, "A0003-00004548", "freight"), lambda: fee(ARL, "A0003-00004548", "freight")),
 "b29-ar-ataliva-precio-desinfectante": (lambda: price_diff(ARL, "A0003-00004538", 1), lambda: price_diff(ARL, "A0003-00004538", 1, "113700.00")),
 "b29-ar-paloma-tanque-doble": (lambda: inv_total(ARL, "A0003-00004533") if same_basis_duplicate(ARL, "A0003-00004533", "A0003-00004527") else Z, lambda: inv_total(ARL, "A0003-00004533")),
 "b29-ar-paloma-muestras": (lambda: short(ARL, "A0003-00004541", 2, logged(ARL, "A0003-00004541", "LAB-CALIDAD")), lambda: short(ARL, "A0003-00004541", 2, 48)),
 "b29-ar-paloma-servicio-malo": (lambda: Z if logged_rendered(ARL, "A0003-00004541", "SERV-MENS") else line_gross(ARL, "A0003-00004541", 1), lambda: line_gross(ARL, "A0003-00004541", 1)),
 "b29-ar-escuela-iva": (lambda: inv_tax(ARL, "A0003-00004536") if tax_exempt(ARL, "A0003-00004536") else Z, lambda: inv_tax(ARL, "A0003-00004536")),
 "b29-ar-iju-ja-pagamos": (lambda: unapplied_payment(ARL, "E0003-00000118", "2026-11-10"), lambda: open_bal(ARL, "E0003-00000118")),
 "b29-ar-iju-pulsadores": (lambda: short(ARL, "E0003-00000112", 1, delivered(ARL, "E0003-00000112", "PULSADOR")), lambda: short(ARL, "E0003-00000112", 1, 36)),
 "b29-ar-canada-contrato-vencido": (lambda: outside_contract(ARL, "A0003-00004557"), lambda: inv_total(ARL, "A0003-00004557")),
 "b29-ar-rincon-visita-precio": (None, lambda: price_diff(ARL, "A0003-00004546", 1, "114000.00")),
 "b29-ar-acacias-precio-viejo": (lambda: price_diff(ARL, "A0003-00004544", 1), lambda: price_diff(ARL, "A0003-00004544", 1, "33000.00")),
 "b29-ar-paloma-noviembre-no-es-doble": (lambda: inv_total(ARL, "A0003-00004553") if same_basis_duplicate(ARL, "A0003-00004553", "A0003-00004527") else Z, lambda: inv_total(ARL, "A0003-00004553")),

 "b29-gn-tme-carcasses-refusees": (lambda: short(GNL, cm(408), 1, delivered(GNL, cm(408), "RECH-1200")), lambda: short(GNL, cm(408), 1, 20)),
 "b29-gn-tmb-bc-annule": (lambda: Z if po_defect(GNL, cm(411)) else None, lambda: inv_total(GNL, cm(411))),
 "b29-gn-tmb-prix-avenant": (lambda: price_diff(GNL, cm(419), 1), lambda: price_diff(GNL, cm(419), 1, "4020000")),
 "b29-gn-tmb-equipe-absente": (lambda: units_credit(GNL, cm(428), 1, len(unserved_dates(GNL, cm(428), "ASSIST-JOUR", ["2026-10-14", "2026-10-15"]))), lambda: units_credit(GNL, cm(428), 1, 2)),
 "b29-gn-fex-doublon": (lambda: inv_total(GNL, cm(417)) if same_basis_duplicate(GNL, cm(417), cm(413)) else Z, lambda: inv_total(GNL, cm(417))),
 "b29-gn-fex-paye-ht": (lambda: Z if quoted_payment_already_applied(GNL, cm(421), "FEX-NOV-03") else None, lambda: open_bal(GNL, cm(421))),
 "b29-gn-somatra-tva": (lambda: inv_tax(GNL, cm(418)) if tax_exempt(GNL, cm(418)) else Z, lambda: inv_tax(GNL, cm(418))),
 "b29-gn-locavenir-visites": (lambda: short(GNL, cm(430), 1, logged(GNL, cm(430), "VISITE-FLOTTE")), lambda: short(GNL, cm(430), 1, 3)),
 "b29-gn-locavenir-prix": (lambda: price_diff(GNL, cm(416), 1), lambda: price_diff(GNL, cm(416), 1, "410.00")),
 "b29-gn-freetown-sle": (lambda: short(GNL, cm(423), 1, delivered(GNL, cm(423), "PN-1200-NEUF")), lambda: short(GNL, cm(423), 1, 8)),
 "b29-gn-cki-penalites": (lambda: fee_not_owed(GNL, cm(397), T_GN), lambda: fee(GNL, cm(397), "late_fee")),
 "b29-gn-cki-deplacement": (lambda: charge_not_owed(GNL, cm(422), 2), lambda: line_gross(GNL, cm(422), 2)),
 "b29-gn-fex-rechapes-jamais-recus": (None, lambda: line_gross(GNL, cm(426), 1)),
 "b29-gn-tme-crevaisons": (lambda: short(GNL, cm(415), 1, logged(GNL, cm(415), "REP-CREV")), lambda: short(GNL, cm(415), 1, 6)),
 "b29-gn-tme-montage": (lambda: short(GNL, cm(415), 2, logged(GNL, cm(415), "MONTAGE")), lambda: short(GNL, cm(415), 2, 8)),
 "b29-gn-cki-flancs": (lambda: units_credit(GNL, cm(432), 1, delivered(GNL, cm(432), "PN-315-NEUF", "damagedQuantity")), lambda: units_credit(GNL, cm(432), 1, 3)),

 "b29-pg-sepik-shut-out": (lambda: short(PGL, pg(8737), 1, delivered(PGL, pg(8737), "FRT-WWK")), lambda: short(PGL, pg(8737), 1, 42)),
 "b29-pg-sepik-drums": (lambda: units_credit(PGL, pg(8737), 2, delivered(PGL, pg(8737), "DRUM-WWK", "damagedQuantity")), lambda: units_credit(PGL, pg(8737), 2, 7)),
 "b29-pg-watut-no-po": (lambda: Z if po_defect(PGL, pg(8745)) else None, lambda: inv_total(PGL, pg(8745))),
 "b29-pg-watut-reefer-dates": (None, lambda: units_credit(PGL, pg(8741), 1, 2)),
 "b29-pg-watut-demurrage": (lambda: charge_not_owed(PGL, pg(8728), 2), lambda: line_gross(PGL, pg(8728), 2)),
 "b29-pg-lutheran-gst": (lambda: inv_tax(PGL, pg(8733)) if tax_exempt(PGL, pg(8733)) else Z, lambda: inv_tax(PGL, pg(8733))),
 "b29-pg-coralsea-double": (lambda: inv_total(PGL, pg(8729)) if same_basis_duplicate(PGL, pg(8729), pg(8726)) else Z, lambda: inv_total(PGL, pg(8729))),
 "b29-pg-coralsea-paid": (lambda: unapplied_payment(PGL, pg(8743), "2026-11-09"), lambda: open_bal(PGL, pg(8743))),
 "b29-pg-kimbe-old-rate": (lambda: price_diff(PGL, pg(8735), 1), lambda: price_diff(PGL, pg(8735), 1, "128.50")),
 "b29-pg-kimbe-container-offhire": (lambda: short(PGL, pg(8739), 1, logged(PGL, pg(8739), "CONT-HIRE")), lambda: short(PGL, pg(8739), 1, 21)),
 "b29-pg-buka-late-fee": (lambda: fee_not_owed(PGL, pg(8706), T_PG), lambda: fee(PGL, pg(8706), "late_fee")),
 "b29-pg-sepik-container-no-log": (None, lambda: short(PGL, pg(8750), 1, 14)),
 "b29-pg-sepik-wharfage": (lambda: charge_not_owed(PGL, pg(8731), 2), lambda: line_gross(PGL, pg(8731), 2)),
 "b29-pg-sepik-not-double": (lambda: inv_total(PGL, pg(8731)) if same_basis_duplicate(PGL, pg(8731), pg(8719)) else Z, lambda: inv_total(PGL, pg(8731))),
 "b29-pg-watut-reefer-rate-corrected": (lambda: price_diff(PGL, pg(8722), 1), lambda: price_diff(PGL, pg(8722), 1, "120.00")),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b29-ar-rincon-visita-precio": lambda: no_agreed_price(ARL, "A0003-00004546"),
 "b29-gn-fex-rechapes-jamais-recus": lambda: not has_delivery(GNL, cm(426), "RECH-315"),
 "b29-pg-watut-reefer-dates": lambda: unserved_dates(PGL, pg(8741), "REEFER-PLUG", ["2026-10-09", "2026-10-10"]) is None,
 "b29-pg-sepik-container-no-log": lambda: not has_log(PGL, pg(8750), "CONT-HIRE") and not has_delivery(PGL, pg(8750), "CONT-HIRE"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b29-gn-mauvais-client": (GNL, cm(421), "GN-TMB")}

# ---- numbering: Ordeñe Litoral's facturas A0003-NNNNNNNN (domestic, with IVA) and E0003-NNNNNNNN (export in USD, without tax); CRP's NNNN/CRP/26; Markham's 8-digit MYOB numbers.
# Numbers rise with the issue date within each series.
import re
def rising(invs, key):
    s = sorted(invs, key=lambda i: (i["issueDate"], key(i["number"])))
    return all(key(a["number"]) < key(b["number"]) for a, b in zip(s, s[1:]))
for i in ledgers[ARL]["invoices"]:
    m = re.fullmatch(r"([AE])0003-(\d{8})", i["number"])
    if not m: fail(f"{i['number']}: not an A/E factura number"); continue
    taxed = any(l.get("taxRate") for l in i["lines"])
    if m.group(1) == "E" and (i["currency"] != "USD" or taxed): fail(f"{i['number']}: E series is USD export without tax")
    if m.group(1) == "A" and (i["currency"] != "ARS" or not taxed): fail(f"{i['number']}: A series is domestic ARS with IVA")
for series in "AE":
    if not rising([i for i in ledgers[ARL]["invoices"] if i["number"][0] == series], lambda n: int(n[6:])): fail(f"AR series {series} not rising with dates")
if not all(re.fullmatch(r"\d{4}/CRP/26", i["number"]) for i in ledgers[GNL]["invoices"]): fail("GN numbering")
if not rising(ledgers[GNL]["invoices"], lambda n: int(n[:4])): fail("GN numbers not rising with dates")
if not all(re.fullmatch(r"\d{8}", i["number"]) for i in ledgers[PGL]["invoices"]): fail("PG numbering")
if not rising(ledgers[PGL]["invoices"], int): fail("PG numbers not rising with dates")
# GNF prices are multiples of 50, so 18 % TVA is a whole franc on any quantity (no rounding to argue about)
for i in ledgers[GNL]["invoices"]:
    for l in i["lines"]:
        if i["currency"] == "GNF" and D(l["unitPrice"]) % 50: fail(f"{i['number']} line {l['line']}: GNF price not a multiple of 50")
# TMB's mine-site days: Mon 12 - Fri 23 Oct 2026, one log per weekday, the 14th and 15th not rendered
gd = sorted(s["periodStart"] for s in ledgers[GNL]["serviceLogs"] if s.get("invoiceNumber") == cm(428))
if any(date.fromisoformat(d).weekday() > 4 for d in gd) or len(gd) != 10: fail("0428: site days are not the 10 weekdays")
if [date.fromisoformat(d).strftime("%a") for d in ("2026-10-14", "2026-10-15")] != ["Wed", "Thu"]: fail("Oct 14/15 are not Wed/Thu")
# La Cañada: a 30-day period split 15/15 by the contract end, so prorating gross or net gives the same figure
if days("2026-10-17", "2026-11-15") + 1 != 30 or days("2026-10-17", "2026-10-31") + 1 != 15: fail("A0003-00004557 period split")

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
    if not cid.startswith("b29-"): fail(f"{cid}: id prefix")
    if os.path.basename(glob.glob(f"{HERE}/{cid}.case.json")[0]) != f"{cid}.case.json": fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if not ALL4 <= set(e.get("mustNotHappen", [])): fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums or any(x.endswith(n) for x in nums) for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
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

