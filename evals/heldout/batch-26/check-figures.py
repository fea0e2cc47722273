#!/usr/bin/env python3
"""Batch-26 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-26/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # NPR, INR, COP, USD, EGP, EUR: 2
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
NO_RATE = {"NR26-1163", "NR26-1195"}   # batch 26: El Nour's EUR invoices have no EUR rate on purpose
INTENDED_WRONG_PO = set()   # batch 26 has no invoice quoting a PO the customer never issued
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
NP, CO, EG = "trishuli-nirman-npr.ledger.json", "sanitarios-pacifico-cop.ledger.json", "el-nour-marble-egp.ledger.json"
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
T_NP, T_CO, T_EG = "2026-11-19", "2026-11-25", "2026-12-03"
def fee_desc(lgn, num, start): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").startswith(start)), D("0"))
def fee_desc_owed(lgn, num, start, words):
    """A fee named by its description is owed when the contract's notes name it (by `words`) or the customer's PO lists it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    in_notes = bool(c and words.lower() in c.get("notes", "").lower())
    on_po = any(l.get("description", "").lower() == start.lower() for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for l in po["lines"])
    return in_notes or on_po
P4, P12, P6, P3, P24, P21, P18, P27, P39, P36, P42, P30, P33, P45, P88, P99 = (f"TNS/083-84/{n:04d}" for n in (403, 412, 406, 399, 424, 421, 418, 427, 439, 436, 442, 430, 433, 445, 388, 394))
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b26-np-bbd-byaj-paid-late": (lambda: fee_not_owed(NP, P88, T_NP), lambda: fee(NP, P88, "late_fee")),
 "b26-np-bbd-purano-agreement": (lambda: price_diff(NP, P12, 1), lambda: price_diff(NP, P12, 1)),
 "b26-np-bbd-saade-tin-ton": (None, lambda: short(NP, P30, 1, 3)),
 "b26-np-jjs-vat-chhut": (lambda: inv_tax(NP, P3) if tax_exempt(NP, P3) else Z, lambda: inv_tax(NP, P3)),
 "b26-np-jjs-three-tippers": (lambda: short(NP, P33, 1, delivered(NP, P33, "SAND-CFT")), lambda: short(NP, P33, 1, 300)),
 "b26-np-bip-utr-paid": (lambda: unapplied_payment(NP, P4, "2026-11-10"), lambda: open_bal(NP, P4)),
 "b26-np-bip-crane-nau-din": (lambda: short(NP, P42, 1, logged(NP, P42, "CRANE-DAY")), lambda: short(NP, P42, 1, 9)),
 "b26-np-ghp-cement-jameko": (lambda: units_credit(NP, P6, 1, delivered(NP, P6, "CEM-OPC", "damagedQuantity")), lambda: units_credit(NP, P6, 1, 40)),
 "b26-np-ghp-ustai-maal": (lambda: inv_total(NP, P24) if same_basis_duplicate(NP, P24, P6) else Z, lambda: inv_total(NP, P24)),
 "b26-np-skh-duita-bill": (lambda: inv_total(NP, P21) if same_basis_duplicate(NP, P21, P18) else Z, lambda: inv_total(NP, P21)),
 "b26-np-skh-po-chaina": (lambda: Z if po_defect(NP, P27) else None, lambda: inv_total(NP, P27)),
 "b26-np-skh-gate-register": (lambda: short(NP, P39, 1, logged(NP, P39, "TIPPER-TRIP")), lambda: short(NP, P39, 1, 40)),
 "b26-np-hcr-jcb-dui-ghanta": (lambda: short(NP, P36, 1, logged(NP, P36, "JCB-HR")), lambda: short(NP, P36, 1, 2)),
 "b26-np-hcr-standby-hamro-gate": (lambda: Z if fee_desc_owed(NP, P36, "Standby", "standby") else fee_desc(NP, P36, "Standby"), lambda: fee_desc(NP, P36, "Standby")),
 "b26-np-hcr-cash-counter": (None, None),

 "b26-co-cbr-otra-factura-vip": (lambda: inv_total(CO, "SPCA20398") if same_basis_duplicate(CO, "SPCA20398", "SPCA20391") else Z, lambda: inv_total(CO, "SPCA20398")),
 "b26-co-cbr-lavamanos-partidos": (lambda: units_credit(CO, "SPCA20391", 2, delivered(CO, "SPCA20391", "LAVAM", "damagedQuantity")), lambda: units_credit(CO, "SPCA20391", 2, 6)),
 "b26-co-cbr-flete": (lambda: Z if fee_on_po(CO, "SPCA20391", "freight") else fee(CO, "SPCA20391", "freight"), lambda: fee(CO, "SPCA20391", "freight")),
 "b26-co-cbr-aseo-asqueroso": (lambda: short(CO, "SPCA20391", 3, logged(CO, "SPCA20391", "MANT-EVT")), lambda: line_gross(CO, "SPCA20391", 3)),
 "b26-co-far-tarifa-anterior": (lambda: price_diff(CO, "SPCA20417", 1), lambda: price_diff(CO, "SPCA20417", 1)),
 "b26-co-far-intereses-mora": (lambda: fee_not_owed(CO, "SPCA20402", T_CO), lambda: fee(CO, "SPCA20402", "late_fee")),
 "b26-co-far-martes-y-jueves": (lambda: short(CO, "SPCA20433", 2, logged(CO, "SPCA20433", "MANT")), lambda: short(CO, "SPCA20433", 2, 9)),
 "b26-co-far-sin-oc": (lambda: Z if po_defect(CO, "SPCA20436") else None, lambda: inv_total(CO, "SPCA20436")),
 "b26-co-ilc-sabados-succion": (lambda: units_credit(CO, "SPCA20429", 2, len(unserved_dates(CO, "SPCA20429", "SUCCION", ["2026-10-10", "2026-10-17"]))), lambda: units_credit(CO, "SPCA20429", 2, 2)),
 "b26-co-ilc-faltan-8": (lambda: short(CO, "SPCA20429", 1, delivered(CO, "SPCA20429", "BANO-STD")), lambda: short(CO, "SPCA20429", 1, 52)),
 "b26-co-ilc-transferencia": (lambda: unapplied_payment(CO, "SPCA20413", "2026-11-13"), lambda: open_bal(CO, "SPCA20413")),
 "b26-co-pls-twenty-eight-bucks": (lambda: price_diff(CO, "SPCA20405", 1), lambda: price_diff(CO, "SPCA20405", 1)),
 "b26-co-pls-water-8m3": (lambda: short(CO, "SPCA20441", 2, delivered(CO, "SPCA20441", "AGUA-M3")), lambda: short(CO, "SPCA20441", 2, 96)),
 "b26-co-pls-mt103": (lambda: unapplied_payment(CO, "SPCA20420", "2026-11-18"), lambda: open_bal(CO, "SPCA20420")),
 "b26-co-mir-residuos": (None, lambda: fee(CO, "SPCA20438", "other")),

 "b26-eg-nur-charity-vat": (lambda: inv_tax(EG, "NR26-1102") if tax_exempt(EG, "NR26-1102") else Z, lambda: inv_tax(EG, "NR26-1102")),
 "b26-eg-ahc-gharama": (lambda: fee_not_owed(EG, "NR26-1148", T_EG), lambda: fee(EG, "NR26-1148", "late_fee")),
 "b26-eg-zhd-galala-measured": (lambda: short(EG, "NR26-1156", 1, delivered(EG, "NR26-1156", "GALALA-M2")), lambda: short(EG, "NR26-1156", 1, 396)),
 "b26-eg-mpi-blocchi-crepati": (lambda: units_credit(EG, "NR26-1163", 1, delivered(EG, "NR26-1163", "GALALA-BLK", "damagedQuantity")), lambda: units_credit(EG, "NR26-1163", 1, 3)),
 "b26-eg-zhd-500-carton": (None, lambda: short(EG, "NR26-1170", 1, 500)),
 "b26-eg-ahc-crew-mashy": (lambda: units_credit(EG, "NR26-1175", 1, len(unserved_dates(EG, "NR26-1175", "CREW-DAY", ["2026-10-12", "2026-10-13"]))), lambda: units_credit(EG, "NR26-1175", 1, 2)),
 "b26-eg-zhd-mesh-lame3": (lambda: short(EG, "NR26-1178", 1, logged(EG, "NR26-1178", "POLISH-M2")), lambda: line_gross(EG, "NR26-1178", 1)),
 "b26-eg-zhd-tanya-nafs-el-7aga": (lambda: inv_total(EG, "NR26-1183") if same_basis_duplicate(EG, "NR26-1183", "NR26-1178") else Z, lambda: inv_total(EG, "NR26-1183")),
 "b26-eg-zhd-mafish-po": (lambda: Z if po_defect(EG, "NR26-1189") else None, lambda: inv_total(EG, "NR26-1189")),
 "b26-eg-ahc-ta2tee3-45": (lambda: price_diff(EG, "NR26-1181", 2), lambda: price_diff(EG, "NR26-1181", 2)),
 "b26-eg-ahc-granite-950": (lambda: price_diff(EG, "NR26-1181", 1), lambda: price_diff(EG, "NR26-1181", 1, "950.00")),
 "b26-eg-ahc-na2l": (lambda: fee(EG, "NR26-1181", "freight") if not fee_on_po(EG, "NR26-1181", "freight") and not I(EG, "NR26-1181").get("poNumber")
                     and "delivered to site" in contract_of(ledgers[EG], I(EG, "NR26-1181"))["notes"] else Z, lambda: fee(EG, "NR26-1181", "freight")),
 "b26-eg-shb-our-gate-closed": (lambda: Z if fee_desc_owed(EG, "NR26-1186", "Truck waiting", "waiting") else fee_desc(EG, "NR26-1186", "Truck waiting"), lambda: fee_desc(EG, "NR26-1186", "Truck waiting")),
 "b26-eg-shb-swift": (lambda: unapplied_payment(EG, "NR26-1192", "2026-11-30"), lambda: open_bal(EG, "NR26-1192")),
}
def no_payment_could_be_theirs(lgn, num, when):
    """No unapplied payment of the customer, none on the quoted date, none applied here; every payment applied elsewhere names its own invoice."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    ps = [p for p in lg["payments"] if p["customerId"] == cust]
    return (not any(not p.get("invoiceNumber") for p in ps) and not any(p["date"] == when for p in ps)
            and not any(p.get("invoiceNumber") == num for p in ps) and all(p["invoiceNumber"][-4:] in p["reference"] for p in ps))
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b26-np-bbd-saade-tin-ton": lambda: not has_delivery(NP, P30, "TMT-12") and has_delivery(NP, P30, "CEM-OPC"),
 "b26-np-hcr-cash-counter": lambda: no_payment_could_be_theirs(NP, P45, "2026-11-13"),
 "b26-co-mir-residuos": lambda: contract_of(ledgers[CO], I(CO, "SPCA20438")) is None and not I(CO, "SPCA20438").get("poNumber")
                         and not any(po["customerId"] == "CO-MIR" for po in ledgers[CO]["purchaseOrders"]),
 "b26-eg-zhd-500-carton": lambda: not has_delivery(EG, "NR26-1170", "TILE-GAL-60"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b26-co-wrong-customer-20417": (CO, "SPCA20417", "CO-MIR")}

# ---- numbering and the calendar facts the messages rely on
import re
from datetime import date as _d
for lgn, pat in ((NP, r"^TNS/083-84/\d{4}$"), (CO, r"^SPCA\d{5}$"), (EG, r"^NR26-\d{4}$")):
    invs = ledgers[lgn]["invoices"]
    if not all(re.match(pat, i["number"]) for i in invs): fail(f"{lgn}: numbering pattern")
    order = [i["number"] for i in sorted(invs, key=lambda i: (i["issueDate"], i["number"]))]
    if order != sorted(i["number"] for i in invs): fail(f"{lgn}: numbers not in issue-date order")
def wd(s): return _d.fromisoformat(s).strftime("%a")
if [wd("2026-10-10"), wd("2026-10-17")] != ["Sat", "Sat"]: fail("CO: 10 and 17 Oct 2026 are not Saturdays")
if wd("2026-11-13") != "Fri" or wd(T_NP) != "Thu": fail("NP: 'gaeko Shukrabar' is not 2026-11-13")
if sum(1 for k in range(1, 32) if wd(f"2026-10-{k:02d}") in ("Tue", "Thu")) != 9: fail("CO: Tuesdays + Thursdays of October 2026 != 9")
if [wd(f"2026-10-{k}") for k in (10, 15)] != ["Sat", "Thu"]: fail("EG: 10-15 Oct is not a Saturday-Thursday work week")
# the charity's VAT: its other invoice charges the same SKU at the same rate
if not any(l["sku"] == "GRANITE-RED-M2" and l.get("taxRate") == "0.14" for l in I(EG, "NR26-1152")["lines"]): fail("EG: no comparison invoice for the charity's VAT")
# the August invoice of Farallones is rightly at the old contract's price (the September one is not)
if contract_price(CO, "SPCA20402", "BANO-STD") != line(I(CO, "SPCA20402"), 1)["unitPrice"]: fail("CO: SPCA20402 should be at the FAR-2025 price")

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
    if not cid.startswith("b26-"): fail(f"{cid}: id prefix")
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
        amount = disputed if disputed is not None else (supported if supported is not None else open_bal(lgn, num))  # batch 26: no amount checked -> the open balance
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
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "-")) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

