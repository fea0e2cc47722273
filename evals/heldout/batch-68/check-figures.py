#!/usr/bin/env python3
"""Batch-68 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-68/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # XCD, EUR, USD, GTQ, DOP: 2
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
NO_RATE = {"WO-81561"}   # batch 68: the XCD work order of the Puerto Rico ledger has no rate, on purpose
INTENDED_WRONG_PO = set()   # RA-24502/1 quotes a PO that exists but is cancelled
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
LC, SV, PR = "laborie-bay-facility-xcd.ledger.json", "izalco-vigilancia-personal-usd.ledger.json", "yunque-equipment-usd.ledger.json"
T_LC, T_SV, T_PR = "2026-11-18", "2026-10-21", "2026-12-09"
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def line_supported(lgn, num, n):
    """A charged line the contract prices at that price, or the invoice's own PO lists at that price: owed."""
    i = I(lgn, num); l = line(i, n)
    return contract_price(lgn, num, l["sku"]) == l["unitPrice"] or po_line_supports(lgn, num, n)
def fee_by_desc(lgn, num, start):
    return next(f for f in I(lgn, num)["fees"] if f.get("description", "").startswith(start))
def fee_supported(lgn, num, start, note_words):
    """A fee is owed when the contract's notes name it (note_words) or a customer PO lists it (same description, that price)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = fee_by_desc(lgn, num, start)
    in_notes = bool(c and note_words and note_words.lower() in c.get("notes", "").lower())
    on_po = any(l.get("description", "").lower() == f["description"].lower() and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    return in_notes or on_po
def fee_amount(lgn, num, start): return D(fee_by_desc(lgn, num, start)["amount"])
def deducted(lgn, num):
    return sum((D(r.get("deducted", "0")) for p in ledgers[lgn].get("payments", []) for r in p.get("remittance", []) if r["invoiceNumber"] == num), D("0"))
def late_fee_named(lgn, num): return fee(lgn, num, "late_fee")
def price_at(lgn, num, n, price): return price_diff(lgn, num, n, price)
def has_any_delivery(lgn, num): return any(d.get("invoiceNumber") == num for d in ledgers[lgn].get("deliveries", []))
def po_line_supports(lgn, num, n):
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def nothing_could_be_theirs(lgn, num, when, ref):
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)

X = {"SBR_OCT": "LBF/W45/0429", "SBR_SEP": "LBF/W40/0397", "SBR_REL": "LBF/W46/0440", "BDO_AUG": "LBF/W32/0318", "BDO_OCT": "LBF/W45/0431", "BDO_CONS": "LBF/W43/0417",
     "BDO_NOPO": "LBF/W46/0442", "AGM_B": "LBF/W43/0415", "AGM_P": "LBF/W45/0436", "AGM_L": "LBF/W41/0401", "HLS_B": "LBF/W37/0371", "HLS_A": "LBF/W36/0362", "HLS_NOV": "LBF/W46/0443",
     "ECFC_VAT": "LBF/W45/0428", "ECFC_DEEP": "LBF/W42/0411", "MVM_OCT": "LBF/W45/0433"}
def dte(t, est, n): return f"DTE-{t}-{est}P001-{n:015d}"
R = {
 # Saint Lucia (XCD; EUR at 3.0920 / 3.1405)
 "b68-lc-sucrier-crew-13-14": (lambda: dates_credit(LC, X["SBR_OCT"], 1, "SARG-CREW", ["2026-10-13", "2026-10-14"]), lambda: units_credit(LC, X["SBR_OCT"], 1, 2)),
 "b68-lc-sucrier-rake-september": (lambda: short(LC, X["SBR_SEP"], 2, logged(LC, X["SBR_SEP"], "BEACH-RAKE")), lambda: short(LC, X["SBR_SEP"], 2, 12)),
 "b68-lc-sucrier-ot-double-time": (lambda: price_diff(LC, X["SBR_REL"], 2), lambda: price_diff(LC, X["SBR_REL"], 2, "48.00")),
 "b68-lc-bdo-late-charge": (lambda: fee_not_owed(LC, X["BDO_AUG"], T_LC), lambda: fee(LC, X["BDO_AUG"], "late_fee")),
 "b68-lc-bdo-three-nights": (lambda: dates_credit(LC, X["BDO_OCT"], 1, "JAN-NIGHT", ["2026-10-05", "2026-10-12", "2026-10-26"]), lambda: units_credit(LC, X["BDO_OCT"], 1, 3)),
 "b68-lc-bdo-towels-32": (lambda: short(LC, X["BDO_CONS"], 1, delivered(LC, X["BDO_CONS"], "PT-CASE")), lambda: short(LC, X["BDO_CONS"], 1, 32)),
 "b68-lc-bdo-no-po": (lambda: Z if po_defect(LC, X["BDO_NOPO"]) else None, lambda: inv_total(LC, X["BDO_NOPO"])),
 "b68-lc-anse-galet-boom-weeks": (lambda: short(LC, X["AGM_B"], 1, logged(LC, X["AGM_B"], "BOOM-SEC")), lambda: short(LC, X["AGM_B"], 1, 40)),
 "b68-lc-anse-galet-standby": (lambda: Z if line_supported(LC, X["AGM_P"], 3) else line_gross(LC, X["AGM_P"], 3), lambda: line_gross(LC, X["AGM_P"], 3)),
 "b68-lc-anse-galet-wire": (None, lambda: open_bal(LC, X["AGM_L"])),
 "b68-lc-salines-august-twice": (lambda: inv_total(LC, X["HLS_B"]) if same_basis_duplicate(LC, X["HLS_B"], X["HLS_A"]) else Z, lambda: inv_total(LC, X["HLS_B"])),
 "b68-lc-salines-after-october": (lambda: outside_contract(LC, X["HLS_NOV"]), lambda: D("4480.00")),
 "b68-lc-ecfc-vat": (lambda: inv_tax(LC, X["ECFC_VAT"]) if tax_exempt(LC, X["ECFC_VAT"]) else Z, lambda: inv_tax(LC, X["ECFC_VAT"])),
 "b68-lc-ecfc-deep-clean-dust": (lambda: short(LC, X["ECFC_DEEP"], 1, logged(LC, X["ECFC_DEEP"], "DEEP-CLEAN")), lambda: inv_total(LC, X["ECFC_DEEP"])),
 "b68-lc-marigot-turnovers": (lambda: short(LC, X["MVM_OCT"], 1, logged(LC, X["MVM_OCT"], "TURN-CLEAN")), lambda: units_credit(LC, X["MVM_OCT"], 1, 3)),
 "b68-lc-marigot-callout": (lambda: Z if fee_supported(LC, X["MVM_OCT"], "After-hours call-out", "call-out") else fee_amount(LC, X["MVM_OCT"], "After-hours call-out"), lambda: fee_amount(LC, X["MVM_OCT"], "After-hours call-out")),
 # El Salvador (USD; GTQ at 0.1297 / 0.1302)
 "b68-sv-lempa-iva-zona-franca": (lambda: inv_tax(SV, dte("03", "M001", 238)) if tax_exempt(SV, dte("03", "M001", 238)) else Z, lambda: inv_tax(SV, dte("03", "M001", 238))),
 "b68-sv-lempa-recargo-asueto": (lambda: Z if line_supported(SV, dte("03", "M001", 198), 3) else line_gross(SV, dte("03", "M001", 198), 3), lambda: deducted(SV, dte("03", "M001", 198))),
 "b68-sv-lempa-noches-agosto": (None, lambda: units_credit(SV, dte("03", "M001", 217), 2, 2)),
 "b68-sv-comalapa-tarifa-operarios": (lambda: price_diff(SV, dte("03", "M001", 231), 1), lambda: price_diff(SV, dte("03", "M001", 231), 1, "25.00")),
 "b68-sv-comalapa-horas-extra": (lambda: short(SV, dte("03", "M001", 241), 3, logged(SV, dte("03", "M001", 241), "HE-D")), lambda: short(SV, dte("03", "M001", 241), 3, 40)),
 "b68-sv-comalapa-sin-oc": (lambda: Z if po_defect(SV, dte("03", "M001", 253)) else None, lambda: inv_total(SV, dte("03", "M001", 253))),
 "b68-sv-comalapa-montacarguista": (lambda: short(SV, dte("03", "M001", 241), 2, logged(SV, dte("03", "M001", 241), "MONTAC-8H")), lambda: line_gross(SV, dte("03", "M001", 241), 2)),
 "b68-sv-comalapa-pagado": (lambda: unapplied_payment(SV, dte("03", "M001", 223), "2026-10-05"), lambda: open_bal(SV, dte("03", "M001", 223))),
 "b68-sv-caja-tormenta": (lambda: short(SV, dte("03", "M001", 240), 1, logged(SV, dte("03", "M001", 240), "GUARD-D12")), lambda: units_credit(SV, dte("03", "M001", 240), 1, 3)),
 "b68-sv-caja-agosto-doble": (lambda: inv_total(SV, dte("03", "M001", 226)) if same_basis_duplicate(SV, dte("03", "M001", 226), dte("03", "M001", 219)) else Z, lambda: inv_total(SV, dte("03", "M001", 226))),
 "b68-sv-guaymango-antes-zafra": (lambda: outside_contract(SV, dte("03", "M002", 41)), lambda: D("1661.10")),
 "b68-sv-altiplano-custodias": (lambda: short(SV, dte("11", "M001", 109), 1, logged(SV, dte("11", "M001", 109), "CUSTODIA")), lambda: units_credit(SV, dte("11", "M001", 109), 1, 3)),
 "b68-sv-altiplano-espera": (lambda: Z if fee_supported(SV, dte("11", "M001", 109), "Espera en frontera", "espera en frontera") else fee_amount(SV, dte("11", "M001", 109), "Espera en frontera"), lambda: fee_amount(SV, dte("11", "M001", 109), "Espera en frontera")),
 "b68-sv-jayaque-mora": (lambda: fee_not_owed(SV, dte("03", "M001", 221), T_SV), lambda: fee(SV, dte("03", "M001", 221), "late_fee")),
 "b68-sv-jayaque-descuento": (lambda: short(SV, dte("03", "M001", 242), 1, logged(SV, dte("03", "M001", 242), "LIMP-TURNO")), lambda: deducted(SV, dte("03", "M001", 242))),
 "b68-sv-guaymango-operarios": (lambda: short(SV, dte("03", "M002", 43), 2, logged(SV, dte("03", "M002", 43), "OPER-8H")), lambda: units_credit(SV, dte("03", "M002", 43), 2, 12)),
 # Puerto Rico (USD; DOP at 0.01598 / 0.01571; XCD without a rate)
 "b68-pr-tp-sexto-scissor": (lambda: short(PR, "RA-24071/3", 1, delivered(PR, "RA-24071/3", "SCISSOR-26")), lambda: short(PR, "RA-24071/3", 1, 5)),
 "b68-pr-tp-booms-leaking": (lambda: units_credit(PR, "RA-24071/3", 2, delivered(PR, "RA-24071/3", "BOOM-60", "damagedQuantity")), lambda: units_credit(PR, "RA-24071/3", 2, 2)),
 "b68-pr-tp-finance-charge": (lambda: fee_not_owed(PR, "RA-24071/2", T_PR), lambda: fee(PR, "RA-24071/2", "late_fee")),
 "b68-pr-tp-po-cancelada": (lambda: Z if po_defect(PR, "RA-24502/1") else None, lambda: inv_total(PR, "RA-24502/1")),
 "b68-pr-abp-compressor-down": (lambda: short(PR, "RA-23980/5", 1, logged(PR, "RA-23980/5", "AIR-185")), lambda: short(PR, "RA-23980/5", 1, 26)),
 "b68-pr-abp-gate-log": (lambda: short(PR, "WO-81552", 1, logged(PR, "WO-81552", "TECH-HR")), lambda: short(PR, "WO-81552", 1, 9)),
 "b68-pr-caguas-ivu": (lambda: inv_tax(PR, "RA-23811/1") if tax_exempt(PR, "RA-23811/1") else Z, lambda: inv_tax(PR, "RA-23811/1")),
 "b68-pr-caguas-dos-torres": (None, lambda: units_credit(PR, "RA-24310/1", 1, 28)),
 "b68-pr-chb-telehandler-rate": (lambda: price_diff(PR, "RA-24120/2", 1), lambda: price_diff(PR, "RA-24120/2", 1, "2600.00")),
 "b68-pr-chb-barge-standby": (lambda: Z if fee_supported(PR, "WO-81540", "Technician standby", "standby") else fee_amount(PR, "WO-81540", "Technician standby"), lambda: fee_amount(PR, "WO-81540", "Technician standby")),
 "b68-pr-cibao-duplicada": (lambda: inv_total(PR, "RA-24200/3") if same_basis_duplicate(PR, "RA-24200/3", "RA-24200/2") else Z, lambda: inv_total(PR, "RA-24200/3")),
 "b68-pr-cibao-combustible": (lambda: Z if fee_supported(PR, "RA-24200/2", "Fuel refill", None) else fee_amount(PR, "RA-24200/2", "Fuel refill"), lambda: fee_amount(PR, "RA-24200/2", "Fuel refill")),
 "b68-pr-sgm-wire-paid": (lambda: unapplied_payment(PR, "WO-81561", "2026-12-04"), lambda: open_bal(PR, "WO-81561")),
 "b68-pr-faro-wedding-towers": (lambda: short(PR, "RA-24333/1", 1, logged(PR, "RA-24333/1", "LIGHT-TWR")), lambda: line_gross(PR, "RA-24333/1", 1)),
}
NEEDS_INFO = {
 "b68-lc-anse-galet-wire": lambda: nothing_could_be_theirs(LC, X["AGM_L"], "2026-11-09", "AGM-1109"),
 "b68-sv-lempa-noches-agosto": lambda: unserved_dates(SV, dte("03", "M001", 217), "GUARD-N12", ["2026-08-21", "2026-08-22"]) is None,
 "b68-pr-caguas-dos-torres": lambda: not has_any_delivery(PR, "RA-24310/1"),
}
WRONG_CUSTOMER = {}

# ---- numbering: LBF/Wnn/NNNN (ISO week of the issue date, one yearly sequence), DTE-tt-MnnnP001-<15 digits> (El Salvador DTE
# control numbers: type 03 = credito fiscal, 11 = export invoice; one correlative per type and establishment), RA-<agreement>/<cycle> and
# WO-<work order> (agreements numbered in order of their start, cycles in date order; work orders in date order).
import re
from datetime import date as _d
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
lc = ledgers[LC]["invoices"]
for i in lc:
    m = re.fullmatch(r"LBF/W(\d{2})/(\d{4})", i["number"])
    if not m or int(m.group(1)) != _d.fromisoformat(i["issueDate"]).isocalendar()[1]: fail(f"{i['number']}: not LBF/Wnn/NNNN with the ISO week of {i['issueDate']}")
if not seq_ok(lc, lambda i: i["number"][-4:]): fail("LC: sequence out of date order")
groups = {}
for i in ledgers[SV]["invoices"]:
    m = re.fullmatch(r"DTE-(03|11)-(M00[12])P001-(\d{15})", i["number"])
    if not m: fail(f"{i['number']}: not a DTE control number"); continue
    if (m.group(1) == "11") != (i["currency"] != "USD"): fail(f"{i['number']}: type 11 is for the export (GTQ) customer only")
    groups.setdefault((m.group(1), m.group(2)), []).append(i)
for k, v in groups.items():
    if not seq_ok(v, lambda i: i["number"]): fail(f"SV {k}: correlative out of date order")
shorts = [str(int(i["number"][-15:])) for i in ledgers[SV]["invoices"]]
if len(shorts) != len(set(shorts)): fail("SV: two DTE share a short number (people quote 'CCF 223')")
ra, wo = {}, []
for i in ledgers[PR]["invoices"]:
    m = re.fullmatch(r"RA-(\d{5})/(\d+)", i["number"]); w = re.fullmatch(r"WO-(\d{5})", i["number"])
    if m: ra.setdefault(m.group(1), []).append((int(m.group(2)), i))
    elif w: wo.append(i)
    else: fail(f"{i['number']}: not RA-nnnnn/c or WO-nnnnn")
for k, v in ra.items():
    v.sort(key=lambda x: x[0])
    if any(a[1]["issueDate"] > b[1]["issueDate"] for a, b in zip(v, v[1:])): fail(f"RA-{k}: cycles out of date order")
firsts = sorted((x[1]["servicePeriodStart"], k) for k, v in ra.items() for x in v if x[0] == 1)
if [k for _, k in firsts] != sorted(k for _, k in firsts): fail(f"PR: agreement numbers not in order of their first cycle's start {firsts}")
if not seq_ok(wo, lambda i: i["number"]): fail("PR: work orders out of date order")
# remittance advice: paid + deducted = invoice total
for name, lg in ledgers.items():
    for p in lg.get("payments", []):
        for rm in p.get("remittance", []):
            if D(rm["paid"]) + D(rm.get("deducted", "0")) != inv_total(name, rm["invoiceNumber"]): fail(f"{name} {p['id']}: remittance does not add up to the invoice")
            if D(rm["paid"]) != D(p["amount"]): fail(f"{name} {p['id']}: remittance paid differs from the payment")

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
    if not cid.startswith("b68-"): fail(f"{cid}: id prefix")
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
    if (cid in NEEDS_INFO) != (cl == "needs_info"): fail(f"{cid}: classification {cl}, but the needs_info list says {cid in NEEDS_INFO}")
    if sup_fn is None and cid not in NEEDS_INFO: fail(f"{cid}: no supported recipe outside needs_info")
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

