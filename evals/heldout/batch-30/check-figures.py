#!/usr/bin/env python3
"""Batch-30 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-30/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # UYU, USD, MUR, EUR: 2; IQD: 3
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
NO_RATE = {"HOS/1448/0332", "HOS/1448/0346"}   # batch 30: the NGO's EUR invoices have no EUR rate on purpose
INTENDED_WRONG_PO = set()   # batch 30 has no invoice quoting a PO the customer never issued
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
UY, MU, IQ = "fletes-forestales-uyu.ledger.json", "island-link-transfers-mur.ledger.json", "hawler-office-systems-iqd.ledger.json"
T_UY, T_MU, T_IQ = "2026-11-25", "2026-10-21", "2026-12-08"
Z = D("0")
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def one_rounding(l, cur, units, price):
    """The other way to write a credit line: units x price, then the line's tax on that net. Must agree with the
    difference of the two gross figures, or the expected cent would depend on the method (none of this batch does)."""
    n = r(D(str(units)) * D(price), cur); return n + tax(l, n, cur)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; p = price or agreed(lgn, num, l["sku"])
    v = max(gross(l, cur) - gross(l, cur, price=p), Z)
    if v != one_rounding(l, cur, l["quantity"], str(D(l["unitPrice"]) - D(p))) and v > 0: fail(f"{num} line {n}: credit depends on the rounding method")
    return v
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    v = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    if left > 0 and v != one_rounding(l, cur, units, l["unitPrice"]): fail(f"{num} line {n}: credit depends on the rounding method")
    return v
def dsum(xs): return sum((D(str(x)) for x in xs), Z)
def delivered(lgn, num, sku, field="quantity"):
    return dsum(d.get(field, 0) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return dsum(s["quantity"] for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), Z))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" and s["quantity"] > 0 for s in logs)]
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), Z)
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), Z)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)

def late_fee_allowed(lgn, num, today):
    """DOMAIN: contract clause, grace days, actual payment date. None without a clause; none when the
    principal was paid by due + grace; else percentPerMonth of the principal unpaid at the end of grace,
    per started 30-day month from the due date to the settling payment (or today)."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; c = contract_of(lg, i)
    if not c or not c.get("lateFee"): return Z
    grace = c["lateFee"].get("graceDays", 0); grace_end = plus(i["dueDate"], grace)
    prin = principal(i)
    ps = sorted(pays(lg, num), key=lambda p: p["date"])
    overdue = prin - sum((D(p["amount"]) for p in ps if p["date"] <= grace_end), Z)
    if overdue <= 0: return Z
    settled, acc = today, Z
    for p in ps:
        acc += D(p["amount"])
        if acc >= prin: settled = p["date"]; break
    late = days(i["dueDate"], settled)
    if late <= grace: return Z
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
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), Z)

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num))

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

def fee_desc(lgn, num, start): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").startswith(start)), Z)
def fee_desc_owed(lgn, num, start, words):
    """A fee named by its description is owed when the contract's notes name it (by `words`) or the customer's PO lists it
    (a line with that description, at that amount)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    f = next(f for f in i["fees"] if f.get("description", "").startswith(start))
    in_notes = bool(c and words.lower() in c.get("notes", "").lower())
    on_po = any(l.get("description", "").lower() == f["description"].lower() and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    return in_notes or on_po
def line_supported(lgn, num, n):
    """An unrecognised line is owed when the contract prices its SKU at the billed price and a delivery or log backs it."""
    i = I(lgn, num); l = line(i, n)
    backed = has_delivery(lgn, num, l["sku"]) or logged(lgn, num, l["sku"]) >= D(str(l["quantity"]))
    return contract_price(lgn, num, l["sku"]) == l["unitPrice"] and backed
def fully_rendered(lgn, num):
    i = I(lgn, num); return all(logged(lgn, num, l["sku"]) >= D(str(l["quantity"])) for l in i["lines"])
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

A4512, A4519, A4524, A4506, A4530, A4548, A4533, A4538, A4546, A4540, A4552, A4515, A4535, E231, E238 = ("A-0004512", "A-0004519", "A-0004524", "A-0004506",
    "A-0004530", "A-0004548", "A-0004533", "A-0004538", "A-0004546", "A-0004540", "A-0004552", "A-0004515", "A-0004535", "E-0000231", "E-0000238")
H = lambda n: f"HOS/1448/{n}"
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b30-uy-asr-precio-4512": (lambda: price_diff(UY, A4512, 1), lambda: price_diff(UY, A4512, 1, "1180.00")),
 "b30-uy-asr-balanza-4519": (lambda: short(UY, A4519, 1, delivered(UY, A4519, "FLETE-TRZ")), lambda: short(UY, A4519, 1, "471.35")),
 "b30-uy-asr-control-4524": (lambda: short(UY, A4524, 1, delivered(UY, A4524, "FLETE-TRZ")), lambda: units_credit(UY, A4524, 1, "9.95")),
 "b30-uy-asr-recargo-4506": (lambda: fee_not_owed(UY, A4506, T_UY), lambda: fee(UY, A4506, "late_fee")),
 "b30-uy-cvt-caminos-4530": (lambda: Z if fully_rendered(UY, A4530) else None, lambda: inv_total(UY, A4530) / 2),
 "b30-uy-cvt-octubre-4548": (lambda: outside_contract(UY, A4548), lambda: inv_total(UY, A4548)),
 "b30-uy-fct-sin-oc-4533": (lambda: Z if po_defect(UY, A4533) else None, lambda: inv_total(UY, A4533)),
 "b30-uy-fct-cosechadora-4538": (lambda: short(UY, A4538, 1, logged(UY, A4538, "COSECHA-HR")), lambda: units_credit(UY, A4538, 1, 22)),
 "b30-uy-fct-forwarder-doble-4546": (lambda: inv_total(UY, A4546) if same_basis_duplicate(UY, A4546, A4540) else Z, lambda: inv_total(UY, A4546)),
 "b30-uy-fct-puerto-4552": (None, lambda: short(UY, A4552, 1, "650.00")),
 "b30-uy-crn-tarifa-4515": (lambda: price_diff(UY, A4515, 1), lambda: price_diff(UY, A4515, 1, "29.50")),
 "b30-uy-crn-transferencia-4535": (lambda: unapplied_payment(UY, A4535, "2026-11-20"), lambda: open_bal(UY, A4535)),
 "b30-uy-tpp-iva-e231": (lambda: inv_tax(UY, E231) if tax_exempt(UY, E231) else Z, lambda: inv_tax(UY, E231)),
 "b30-uy-tpp-pesaje-e238": (lambda: Z if fee_desc_owed(UY, E238, "Pesaje nocturno", "pesaje nocturno") else fee_desc(UY, E238, "Pesaje nocturno"), lambda: fee_desc(UY, E238, "Pesaje nocturno")),
 "b30-uy-tpp-espera-e238": (lambda: Z if fee_desc_owed(UY, E238, "Recargo por espera", "espera") else fee_desc(UY, E238, "Recargo por espera"), lambda: fee_desc(UY, E238, "Recargo por espera")),

 "b30-mu-brb-transfers-0431": (lambda: short(MU, "TR26/0431", 1, logged(MU, "TR26/0431", "TRF-AIR")), lambda: units_credit(MU, "TR26/0431", 1, 6)),
 "b30-mu-brb-vip-0431": (lambda: price_diff(MU, "TR26/0431", 2), lambda: price_diff(MU, "TR26/0431", 2, "3800.00")),
 "b30-mu-brb-interest-0377": (lambda: fee_not_owed(MU, "TR26/0377", T_MU), lambda: fee(MU, "TR26/0377", "late_fee")),
 "b30-mu-azh-autocar-0437": (lambda: short(MU, "TR26/0437", 1, logged(MU, "TR26/0437", "EXC-COACH-DAY")), lambda: units_credit(MU, "TR26/0437", 1, 1)),
 "b30-mu-azh-aeroport-0444": (None, lambda: units_credit(MU, "TR26/0444", 1, 2)),
 "b30-mu-azh-virement-0408": (lambda: unapplied_payment(MU, "TR26/0408", "2026-10-03"), lambda: open_bal(MU, "TR26/0408")),
 "b30-mu-tdm-parking-0426": (lambda: Z if fee_desc_owed(MU, "TR26/0426", "Airport parking", "airport parking and tolls") else fee_desc(MU, "TR26/0426", "Airport parking"), lambda: fee_desc(MU, "TR26/0426", "Airport parking")),
 "b30-mu-tdm-rate-0426": (lambda: price_diff(MU, "TR26/0426", 1), lambda: price_diff(MU, "TR26/0426", 1, "2100.00")),
 "b30-mu-tdm-no-po-0433": (lambda: Z if po_defect(MU, "TR26/0433") else None, lambda: inv_total(MU, "TR26/0433")),
 "b30-mu-tdm-double-0441": (lambda: inv_total(MU, "TR26/0441") if same_basis_duplicate(MU, "TR26/0441", "TR26/0439") else Z, lambda: inv_total(MU, "TR26/0441")),
 "b30-mu-mci-coaches-0435": (lambda: short(MU, "TR26/0435", 1, logged(MU, "TR26/0435", "COACH-DAY")), lambda: units_credit(MU, "TR26/0435", 1, 2)),
 "b30-mu-mci-vip-0435": (lambda: price_diff(MU, "TR26/0435", 2), lambda: price_diff(MU, "TR26/0435", 2, "3800.00")),
 "b30-mu-mci-waiting-0435": (lambda: Z if line_supported(MU, "TR26/0435", 3) else line_gross(MU, "TR26/0435", 3), lambda: line_gross(MU, "TR26/0435", 3)),
 "b30-mu-ein-vat-0440": (lambda: inv_tax(MU, "TR26/0440") if tax_exempt(MU, "TR26/0440") else Z, lambda: inv_tax(MU, "TR26/0440")),
 "b30-mu-ein-late-buses-0412": (lambda: Z if fully_rendered(MU, "TR26/0412") else None, lambda: r(inv_total(MU, "TR26/0412") * D("0.20"), "MUR")),

 "b30-iq-zcb-duplicate-0322": (lambda: inv_total(IQ, H("0322")) if same_basis_duplicate(IQ, H("0322"), H("0318")) else Z, lambda: inv_total(IQ, H("0322"))),
 "b30-iq-zcb-no-pr-0325": (lambda: Z if po_defect(IQ, H("0325")) else None, lambda: inv_total(IQ, H("0325"))),
 "b30-iq-zcb-meter-0325": (lambda: short(IQ, H("0325"), 1, logged(IQ, H("0325"), "CLICK-BW")), lambda: units_credit(IQ, H("0325"), 1, 412880 - 398120)),
 "b30-iq-npu-late-fee-0311": (lambda: fee_not_owed(IQ, H("0311"), T_IQ), lambda: fee(IQ, H("0311"), "late_fee")),
 "b30-iq-npu-damaged-0330": (lambda: units_credit(IQ, H("0330"), 1, delivered(IQ, H("0330"), "TONER-BK", "damagedQuantity")), lambda: units_credit(IQ, H("0330"), 1, 3)),
 "b30-iq-npu-damaged-0341": (lambda: units_credit(IQ, H("0341"), 1, delivered(IQ, H("0341"), "TONER-BK", "damagedQuantity")), lambda: units_credit(IQ, H("0341"), 1, 5)),
 "b30-iq-npu-colour-0337": (lambda: short(IQ, H("0337"), 2, logged(IQ, H("0337"), "CLICK-CLR")), lambda: units_credit(IQ, H("0337"), 2, 1250)),
 "b30-iq-cvh-visit-0320": (lambda: units_credit(IQ, H("0320"), 1, len(unserved_dates(IQ, H("0320"), "TECH-VISIT", ["2026-10-28"]))), lambda: units_credit(IQ, H("0320"), 1, 1)),
 "b30-iq-cvh-drum-0320": (lambda: Z if line_supported(IQ, H("0320"), 3) else line_gross(IQ, H("0320"), 3), lambda: line_gross(IQ, H("0320"), 3)),
 "b30-iq-cvh-toner-0344": (lambda: short(IQ, H("0344"), 2, delivered(IQ, H("0344"), "TONER-BK")), lambda: units_credit(IQ, H("0344"), 2, 2)),
 "b30-iq-spo-click-rate-0315": (lambda: price_diff(IQ, H("0315"), 2), lambda: price_diff(IQ, H("0315"), 2, "9.50")),
 "b30-iq-spo-paid-0327": (lambda: unapplied_payment(IQ, H("0327"), "2026-12-02"), lambda: open_bal(IQ, H("0327"))),
 "b30-iq-hni-miete-0332": (lambda: price_diff(IQ, H("0332"), 1), lambda: price_diff(IQ, H("0332"), 1, "110.00")),
 "b30-iq-hni-toner-0346": (None, lambda: units_credit(IQ, H("0346"), 1, 3)),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b30-uy-fct-puerto-4552": lambda: not has_delivery(UY, A4552, "FLETE-TRZ"),
 "b30-mu-azh-aeroport-0444": lambda: unserved_dates(MU, "TR26/0444", "TRF-AIR-EUR", ["2026-09-12", "2026-09-19"]) is None,
 "b30-iq-hni-toner-0346": lambda: not has_delivery(IQ, H("0346"), "TONER-BK-EUR"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b30-mu-mci-wrong-invoice-0431": (MU, "TR26/0431", "MU-MCI")}

# ---- numbering and series: Uruguay's CFE series (A domestic with IVA, E export / free zone without, E-0000231 the
# deliberate error); Mauritius' TR26/ sequence (EUR and the exempt school untaxed, TR26/0440 the deliberate error);
# Hawler's Hijri-year numbers (1448 AH began on 2026-06-16), no tax anywhere.
import re
for i in ledgers[UY]["invoices"]:
    taxed = any(l.get("taxRate") for l in i["lines"]); ex = bool(next(c for c in ledgers[UY]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
    if not re.fullmatch(r"[AE]-\d{7}", i["number"]): fail(f"{i['number']}: CFE series and 7 digits")
    if i["number"][0] == "A" and (ex or not taxed): fail(f"{i['number']}: A series is domestic with IVA")
    if i["number"][0] == "E" and (not ex or (taxed != (i["number"] == "E-0000231"))): fail(f"{i['number']}: E series is export, untaxed (E-0000231 is the error)")
for i in ledgers[MU]["invoices"]:
    taxed = any(l.get("taxRate") for l in i["lines"])
    if not re.fullmatch(r"TR26/\d{4}", i["number"]): fail(f"{i['number']}: TR26/nnnn")
    untaxed_expected = i["currency"] == "EUR" or (i["customerId"] == "MU-EIN" and i["number"] != "TR26/0440")
    if taxed == untaxed_expected: fail(f"{i['number']}: VAT treatment")
for i in ledgers[IQ]["invoices"]:
    if not re.fullmatch(r"HOS/1448/\d{4}", i["number"]) or not "2026-06-16" <= i["issueDate"] <= "2027-06-05": fail(f"{i['number']}: Hijri year 1448")
    if any(l.get("taxRate") for l in i["lines"]): fail(f"{i['number']}: no tax in this ledger")
for lgn in (UY, MU, IQ):
    for i in ledgers[lgn]["invoices"]:
        for l in i["lines"]:
            for a, b in ((D(l["unitPrice"]) * D(str(l["quantity"])), net(l, i["currency"])),):
                if a != b: fail(f"{i['number']} line {l['line']}: net {a} is rounded to {b}; this batch keeps every line net exact")

# ---- every checked disputed amount is stated in the turns (in one of the ways people write it)
def spellings(x, cur):
    x = D(x); out = set()
    for digits in {dig(cur), 2, 0}:
        v = x.quantize(D(1).scaleb(-digits)) if digits else x
        if digits == 0 and v != v.to_integral_value(): continue
        us = f"{v:,.{digits}f}"; plain = f"{v:.{digits}f}"
        out |= {us, plain, us.replace(",", "X").replace(".", ",").replace("X", "."), us.replace(",", " ").replace(".", ","), plain.replace(".", ",")}
    return out

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
    if not cid.startswith("b30-"): fail(f"{cid}: id prefix")
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
        if not any(sp in t for t in c["turns"] for sp in spellings(e["disputedAmount"], cur)): fail(f"{cid}: disputed {e['disputedAmount']} is not stated in the turns")
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

