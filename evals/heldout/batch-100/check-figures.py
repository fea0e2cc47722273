#!/usr/bin/env python3
"""Batch-100 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once; no rate: escalate). It also checks that no
expected credit or write-off exceeds the invoice's open balance, that `neverAsks: invoice` is only
used when the first turn names the invoice, and that `emailMentions` amounts are below 1,000.
Prints the tallies quoted in the README and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-100/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0, "CLP": 0}  # HNL, GTQ, COP, USD: 2
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
NO_RATE = {"SPS-0449/26-E"}   # batch 100: the GTQ invoice has no rate, on purpose
INTENDED_WRONG_PO = set()   # no invoice of this batch quotes a PO the ledger lacks
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
HN, CO, VI = "valle-sula-refrigeracion-hnl.ledger.json", "verde-sabana-agroinsumos-cop.ledger.json", "crucian-foodservice-usd.ledger.json"
T_HN, T_CO, T_VI = "2026-10-22", "2026-09-24", "2026-11-19"
def dates_credit(lgn, num, n, sku, dates):
    """Units at the line's price (with its tax) for the named dates without a rendered per-day entry."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def po_line_supports_fee(lgn, num, t):
    """A fee the customer's own PO lists (same description, at that price): ordered, owed."""
    return fee_on_po(lgn, num, t)
def refused_or_short(lgn, num, n):
    """Billed units the delivery records do not show received (refused at the door or never shipped)."""
    l = line(I(lgn, num), n); return max(D(str(l["quantity"])) - D(str(delivered(lgn, num, l["sku"]))), Z)
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg.get("payments", []) if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)
def ref_payment(lgn, num, when, ref):
    """An unapplied payment of the customer on the quoted date whose reference carries what they quote, up to the open balance."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"]
          and p["date"] == when and ref in p.get("reference", "")]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num)) if ps else None
def logged_rendered_ok(lgn, num, sku, units):
    """Dissatisfaction: the logs show the disputed units rendered, so nothing is not owed."""
    return logged(lgn, num, sku) >= units
def dispute_units(lgn, num, n, units): return units_credit(lgn, num, n, units)

# invoice -> (supported recipe or None, disputed recipe)
R = {
 # Honduras (HNL, ISV 15 %; USD 26.1850 / 26.3120; GTQ without a rate)
 "b100-hn-merendon-vitrina-puerta": (lambda: units_credit(HN, "SPS-0431/26-E", 1, delivered(HN, "SPS-0431/26-E", "VIT-2P", "damagedQuantity")), lambda: units_credit(HN, "SPS-0431/26-E", 1, 1)),
 "b100-hn-merendon-visitas-agosto": (lambda: short(HN, "SPS-0436/26-S", 1, logged(HN, "SPS-0436/26-S", "MP-VISITA")), lambda: units_credit(HN, "SPS-0436/26-S", 1, 2)),
 "b100-hn-merendon-emergencia-tarde": (lambda: Z if logged_rendered_ok(HN, "SPS-0442/26-S", "LLAM-EMERG", 1) else None, lambda: line_gross(HN, "SPS-0442/26-S", 1)),
 "b100-hn-merendon-sin-oc": (lambda: Z if po_defect(HN, "SPS-0450/26-E") else None, lambda: inv_total(HN, "SPS-0450/26-E")),
 "b100-hn-chamelecon-compresor-modelo": (lambda: units_credit(HN, "SPS-0428/26-E", 1, refused_or_short(HN, "SPS-0428/26-E", 1)), lambda: units_credit(HN, "SPS-0428/26-E", 1, 2)),
 "b100-hn-chamelecon-horas-tunel": (lambda: short(HN, "SPS-0439/26-S", 1, logged(HN, "SPS-0439/26-S", "HORA-TEC")), lambda: units_credit(HN, "SPS-0439/26-S", 1, 6)),
 "b100-hn-chamelecon-recargo": (lambda: fee_not_owed(HN, "SPS-0419/26-E", T_HN), lambda: fee(HN, "SPS-0419/26-E", "late_fee")),
 "b100-hn-chamelecon-contrato-vencido": (lambda: outside_contract(HN, "SPS-0447/26-S"), lambda: D("7360.00")),
 "b100-hn-choloma-isv": (lambda: inv_tax(HN, "CHO-0112/26-S") if tax_exempt(HN, "CHO-0112/26-S") else Z, lambda: inv_tax(HN, "CHO-0112/26-S")),
 "b100-hn-choloma-ventiladores": (lambda: units_credit(HN, "CHO-0118/26-E", 1, delivered(HN, "CHO-0118/26-E", "VENT-EVAP", "damagedQuantity")), lambda: units_credit(HN, "CHO-0118/26-E", 1, 3)),
 "b100-hn-choloma-visitas-fechas": (lambda: dates_credit(HN, "CHO-0121/26-S", 1, "MP-VISITA", ["2026-08-04", "2026-08-18"]), lambda: units_credit(HN, "CHO-0121/26-S", 1, 2)),
 "b100-hn-izabal-tapas-usd": (lambda: units_credit(HN, "SPS-0433/26-E", 1, delivered(HN, "SPS-0433/26-E", "CONG-H500", "damagedQuantity")), lambda: units_credit(HN, "SPS-0433/26-E", 1, 4)),
 "b100-hn-izabal-transferencia": (lambda: ref_payment(HN, "SPS-0445/26-E", "2026-10-19", "BI-7781203"), lambda: open_bal(HN, "SPS-0445/26-E")),
 "b100-hn-izabal-quetzales": (lambda: short(HN, "SPS-0449/26-E", 1, delivered(HN, "SPS-0449/26-E", "TERM-DIG")), lambda: units_credit(HN, "SPS-0449/26-E", 1, 6)),
 "b100-hn-helados-termometros": (None, lambda: units_credit(HN, "SPS-0429/26-E", 1, 4)),
 "b100-hn-hotel-hielo": (lambda: Z if logged_rendered_ok(HN, "SPS-0441/26-S", "LIMP-HIELO", 4) else None, lambda: units_credit(HN, "SPS-0441/26-S", 1, 1)),
 # Colombia (COP, IVA 19 % / 5 %; USD 4015.50 / 3968.25)
 "b100-co-zipa-cuadrilla-julio": (lambda: dates_credit(CO, "FE-SAB-18219", 1, "CUADRILLA-DIA", ["2026-07-14", "2026-07-15"]), lambda: units_credit(CO, "FE-SAB-18219", 1, 2)),
 "b100-co-zipa-canales": (lambda: Z if logged_rendered_ok(CO, "FE-SAB-18226", "CUADRILLA-DIA", 3) else None, lambda: inv_total(CO, "FE-SAB-18226")),
 "b100-co-zipa-fumigacion": (None, lambda: units_credit(CO, "FE-SAB-18231", 1, 2)),
 "b100-co-pradera-cajas": (lambda: short(CO, "FE-SAB-18212", 1, delivered(CO, "FE-SAB-18212", "CAJA-FLOR")), lambda: units_credit(CO, "FE-SAB-18212", 1, 1000)),
 "b100-co-pradera-iva": (lambda: inv_tax(CO, "FE-SAB-18228") if tax_exempt(CO, "FE-SAB-18228") else Z, lambda: inv_tax(CO, "FE-SAB-18228")),
 "b100-co-pradera-sin-oc": (lambda: Z if po_defect(CO, "FE-SAB-18235") else None, lambda: inv_total(CO, "FE-SAB-18235")),
 "b100-co-tocancipa-fungicida": (lambda: units_credit(CO, "FE-SAB-18203", 1, delivered(CO, "FE-SAB-18203", "FUNGI-L", "damagedQuantity")), lambda: units_credit(CO, "FE-SAB-18203", 1, 20)),
 "b100-co-tocancipa-intereses": (lambda: fee_not_owed(CO, "FE-SAB-18188", T_CO), lambda: fee(CO, "FE-SAB-18188", "late_fee")),
 "b100-co-tocancipa-septiembre": (lambda: outside_contract(CO, "FE-SAB-18238"), lambda: inv_total(CO, "FE-SAB-18238")),
 "b100-co-cayambe-cinta": (lambda: short(CO, "FX-SAB-00341", 1, delivered(CO, "FX-SAB-00341", "CINTA-GOT")), lambda: units_credit(CO, "FX-SAB-00341", 1, 4)),
 "b100-co-cayambe-plastico": (lambda: units_credit(CO, "FX-SAB-00347", 1, delivered(CO, "FX-SAB-00347", "PLAS-INV-8M", "damagedQuantity")), lambda: inv_total(CO, "FX-SAB-00347")),
 "b100-co-cayambe-pago": (None, lambda: open_bal(CO, "FX-SAB-00352")),
 "b100-co-rosal-precio": (lambda: price_diff(CO, "FE-SAB-18216", 1), lambda: price_diff(CO, "FE-SAB-18216", 1, "198000.00")),
 "b100-co-rosal-flete": (lambda: Z if po_line_supports_fee(CO, "FE-SAB-18216", "freight") else fee(CO, "FE-SAB-18216", "freight"), lambda: fee(CO, "FE-SAB-18216", "freight")),
 "b100-co-rosal-doble": (lambda: inv_total(CO, "FE-SAB-18224") if same_basis_duplicate(CO, "FE-SAB-18224", "FE-SAB-18221") else Z, lambda: inv_total(CO, "FE-SAB-18224")),
 "b100-co-rosal-cinta": (lambda: short(CO, "FE-SAB-18240", 1, delivered(CO, "FE-SAB-18240", "CINTA-GOT")), lambda: units_credit(CO, "FE-SAB-18240", 1, 3)),
 # US Virgin Islands (USD, no sales tax)
 "b100-vi-reina-pollo": (lambda: units_credit(VI, "40561-STX", 1, delivered(VI, "40561-STX", "CHK-LQ40", "damagedQuantity")), lambda: units_credit(VI, "40561-STX", 1, 8)),
 "b100-vi-reina-leche": (lambda: units_credit(VI, "40771-STX", 1, delivered(VI, "40771-STX", "MILK-GAL", "damagedQuantity")), lambda: units_credit(VI, "40771-STX", 1, 5)),
 "b100-vi-reina-huevos": (lambda: units_credit(VI, "40771-STX", 3, delivered(VI, "40771-STX", "EGG-15D", "damagedQuantity")), lambda: units_credit(VI, "40771-STX", 3, 3)),
 "b100-vi-reina-cuarto-frio": (lambda: short(VI, "40957-STX", 1, logged(VI, "40957-STX", "WIC-PM")), lambda: units_credit(VI, "40957-STX", 1, 1)),
 "b100-vi-borinquen-harina": (lambda: short(VI, "40488-STX", 1, delivered(VI, "40488-STX", "BREAD-FL")), lambda: units_credit(VI, "40488-STX", 1, 5)),
 "b100-vi-borinquen-hielo": (lambda: Z if logged_rendered_ok(VI, "40868-STX", "ICE-CLEAN", 2) else None, lambda: units_credit(VI, "40868-STX", 1, 1)),
 "b100-vi-borinquen-cheque": (lambda: ref_payment(VI, "40662-STX", "2026-11-06", "2291"), lambda: open_bal(VI, "40662-STX")),
 "b100-vi-canebay-no-po": (lambda: Z if po_defect(VI, "40590-STX") else None, lambda: inv_total(VI, "40590-STX")),
 "b100-vi-canebay-freezer": (lambda: short(VI, "40803-STX", 1, logged(VI, "40803-STX", "REF-HR")), lambda: units_credit(VI, "40803-STX", 1, 5)),
 "b100-vi-canebay-oil": (lambda: price_diff(VI, "40902-STX", 1), lambda: price_diff(VI, "40902-STX", 1, "44.00")),
 "b100-vi-canebay-callout": (lambda: Z if logged_rendered_ok(VI, "40975-STX", "EMERG-CALL", 1) else None, lambda: line_gross(VI, "40975-STX", 1)),
 "b100-vi-school-platanos": (lambda: units_credit(VI, "38874-STX", 1, delivered(VI, "38874-STX", "PLANT-40", "damagedQuantity")), lambda: units_credit(VI, "38874-STX", 1, 15)),
 "b100-vi-primos-yogur": (lambda: units_credit(VI, "40695-STX", 1, delivered(VI, "40695-STX", "YOG-CS", "damagedQuantity")), lambda: units_credit(VI, "40695-STX", 1, 4)),
 "b100-vi-vieques-pollo": (None, lambda: units_credit(VI, "40991-STT", 1, 6)),
 "b100-vi-vieques-doble": (lambda: inv_total(VI, "41069-STT") if same_basis_duplicate(VI, "41069-STT", "41012-STT") else Z, lambda: inv_total(VI, "41069-STT")),
}
NEEDS_INFO = {
 "b100-hn-helados-termometros": lambda: not has_delivery(HN, "SPS-0429/26-E", "TERM-DIG"),
 "b100-co-zipa-fumigacion": lambda: unserved_dates(CO, "FE-SAB-18231", "SERV-FUMIG", ["2026-08-12", "2026-08-26"]) is None,
 "b100-co-cayambe-pago": lambda: nothing_could_be_theirs(CO, "FX-SAB-00352", "2026-09-15", "BP-0915-7741"),
 "b100-vi-vieques-pollo": lambda: not has_delivery(VI, "40991-STT", "CHK-LQ40"),
}
WRONG_CUSTOMER = {}

# ---- numbering: SPS-NNNN/YY-E|S and CHO-NNNN/YY-E|S (branch, sequence per branch, year of issue, E goods / S services),
# FE-SAB-NNNNN (domestic e-invoices) and FX-SAB-NNNNN (exports), NNNNN-STX|STT (one sequence, depot suffix); sequences follow issue dates.
import re
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
GOODS = {"VIT-2P", "COMP-2HP", "COMP-2HP-290", "GAS-404A", "CONG-H500", "TERM-DIG", "VENT-EVAP"}
for br in ("SPS", "CHO"):
    v = [i for i in ledgers[HN]["invoices"] if i["number"].startswith(br + "-")]
    for i in v:
        m = re.fullmatch(r"(SPS|CHO)-(\d{4})/(\d{2})-([ES])", i["number"])
        if not m or m.group(3) != i["issueDate"][2:4]: fail(f"{i['number']}: not {br}-NNNN/YY-E|S of its issue year"); continue
        all_goods = all(l["sku"] in GOODS for l in i["lines"])
        if (m.group(4) == "E") != all_goods: fail(f"{i['number']}: suffix {m.group(4)} but lines are {'goods' if all_goods else 'services'}")
    if not seq_ok(v, lambda i: i["number"][4:8]): fail(f"HN branch {br}: sequence out of date order")
if len(ledgers[HN]["invoices"]) != sum(1 for i in ledgers[HN]["invoices"] if i["number"][:3] in ("SPS", "CHO")): fail("HN branch prefix")
for series, cur in (("FE", "COP"), ("FX", "USD")):
    v = [i for i in ledgers[CO]["invoices"] if i["number"].startswith(series + "-SAB-")]
    if not all(re.fullmatch(r"F[EX]-SAB-\d{5}", i["number"]) and i["currency"] == cur for i in v): fail(f"CO series {series}: format or currency")
    if not seq_ok(v, lambda i: i["number"]): fail(f"CO series {series}: sequence out of date order")
if len(ledgers[CO]["invoices"]) != sum(1 for i in ledgers[CO]["invoices"] if i["number"][:6] in ("FE-SAB", "FX-SAB")): fail("CO series prefix")
if not all(re.fullmatch(r"\d{5}-ST[XT]", i["number"]) for i in ledgers[VI]["invoices"]): fail("VI numbering")
if not seq_ok(ledgers[VI]["invoices"], lambda i: i["number"][:5]): fail("VI: sequence out of date order")
for i in ledgers[VI]["invoices"]:
    stt = i["customerId"] == "VI-VIE"
    if i["number"].endswith("-STT") != stt: fail(f"{i['number']}: depot suffix (St. Thomas depot ships to Vieques only)")
    if any(l.get("taxRate") for l in i["lines"]): fail(f"{i['number']}: USVI invoices carry no sales tax")

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
    if not cid.startswith("b100-"): fail(f"{cid}: id prefix")
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
    # no expected money movement above the open balance (DOMAIN: credits and write-offs never exceed it)
    act = e.get("action")
    if act == "credit_memo" and supported is not None and supported > open_bal(lgn, num): fail(f"{cid}: credit {supported} above open balance {open_bal(lgn, num)}")
    if act == "write_off" and disputed is not None and disputed > open_bal(lgn, num): fail(f"{cid}: credit + write-off {disputed} above open balance")
    # a credit above the lead's limit needs the finance controller: that is an escalation too
    if act == "credit_memo" and supported is not None:
        conv_s = to_company(lgn, num, supported)
        if conv_s is not None and conv_s > D(lg["policy"]["approvalLimits"]["lead"]) and not e.get("escalation"): fail(f"{cid}: credit above the lead limit without escalation")
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

# ---- neverAsks / emailMentions / stakeholders conventions of this batch
po_numbers = {p["number"] for lg in ledgers.values() for p in lg.get("purchaseOrders", [])}
inv_numbers = {i["number"] for lg in ledgers.values() for i in lg["invoices"]}
for c in cases:
    e = c["expect"]
    if "invoice" in e.get("neverAsks", []) and e.get("invoiceNumber") not in c["turns"][0]: fail(f"{c['id']}: neverAsks invoice but turn 1 does not name {e.get('invoiceNumber')}")
    if e.get("invoiceNumber") and e["invoiceNumber"] in c["turns"][0] and "invoice" not in e.get("neverAsks", []): fail(f"{c['id']}: turn 1 names the invoice, neverAsks should list it")
    for m in e.get("emailMentions", []):
        if m in inv_numbers or m in po_numbers: continue
        try:
            if D(m) >= 1000: fail(f"{c['id']}: emailMentions amount {m} not below 1,000")
        except Exception: fail(f"{c['id']}: emailMentions {m} is neither a document number nor an amount")
    if len(e.get("stakeholders", [])) > 1: fail(f"{c['id']}: only the routing table's first team is asserted in this batch")

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
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "unchecked")) for c in cases).items())))
for lgn in sorted(by_ledger): print(f"  {lgn}: actions", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases if c["ledger"] == lgn).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

