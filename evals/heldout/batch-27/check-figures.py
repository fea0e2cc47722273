#!/usr/bin/env python3
"""Batch-27 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-27/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "XOF": 0}  # PEN, USD, GHS, PKR, AED: 2
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
NO_RATE = {"STI-26-0421", "STI-26-0423"}   # batch 27: Herat Ghee's USD invoices, no USD->PKR rate
INTENDED_WRONG_PO = set()   # batch 27 has no invoice quoting a PO the customer never issued
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
PE, GH, PK = "frio-norte-pen.ledger.json", "adom-signs-ghs.ledger.json", "indus-boiler-pkr.ledger.json"
def I(lgn, num): return invoice(ledgers[lgn], num)
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
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
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
def less_credited(lgn, num, amount):
    """A defect already credited on this invoice (credit memos) is not credited again."""
    return max(amount - credited(ledgers[lgn], num), D("0"))

def late_fee_allowed(lgn, num, today):
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
def no_unapplied(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num)
    return not any(p["customerId"] == i["customerId"] and not p.get("invoiceNumber") for p in lg["payments"])
def paid_in_part_only(lgn, num):
    """Payments applied to the invoice, nothing unapplied: the open balance is owed (supported 0)."""
    return D("0") if no_unapplied(lgn, num) and paid(ledgers[lgn], num) > 0 else None

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and a["issueDate"] > b["issueDate"]

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"

def fee_desc_owed(lgn, num, desc):
    """A fee is owed when the customer's PO lists it (same description, that price) or the contract's notes name it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    f = next(f for f in i["fees"] if f.get("description", "").lower().startswith(desc.lower()))
    on_po = any(l.get("description", "").lower() == desc.lower() and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    in_notes = bool(c and desc.lower() in c.get("notes", "").lower())
    return on_po or in_notes
def fee_desc(lgn, num, desc): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").lower().startswith(desc.lower())), D("0"))
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def remit(lgn, num):
    """(paid, deducted, reasonText) of the remittance line on this invoice; checks paid + deducted against the invoice's open balance."""
    rows = [(p, x) for p in ledgers[lgn]["payments"] for x in p.get("remittance", []) if x["invoiceNumber"] == num]
    assert len(rows) == 1, num
    p, x = rows[0]
    if D(p["amount"]) != D(x["paid"]): fail(f"{num}: payment {p['id']} amount != remittance paid")
    others = sum((D(q["amount"]) for q in pays(ledgers[lgn], num) if q["id"] != p["id"]), D("0"))
    if D(x["paid"]) + D(x.get("deducted", "0")) + others != inv_total(lgn, num): fail(f"{num}: remittance paid + deducted + other payments != invoice total")
    return D(x["paid"]), D(x.get("deducted", "0")), x.get("reasonText", "")
def deducted(lgn, num): return remit(lgn, num)[1]
def contract_note(lgn, num, words): c = contract_of(ledgers[lgn], I(lgn, num)); return bool(c and words.lower() in c.get("notes", "").lower())

Z = D("0")
T_PE, T_GH, T_PK = "2026-11-25", "2026-10-28", "2026-12-09"
def f1(n): return "F001-0000%d" % n
def acc(n): return "26/%d-ACC" % n
def tkd(n): return "26/%d-TKD" % n
def sti(n): return "STI-26-%04d" % n
def psi(n): return "PSI-26-%04d" % n
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b27-pe-moche-clamshell-deduction": (lambda: price_diff(PE, f1(4508), 1), lambda: deducted(PE, f1(4508))),
 "b27-pe-chao-storage-deduction": (lambda: short(PE, f1(4514), 1, logged(PE, f1(4514), "FRIO-PD")), lambda: deducted(PE, f1(4514))),
 "b27-pe-santarosa-paid-after-nc": (lambda: unapplied_payment(PE, f1(4515), "2026-11-16"), lambda: open_bal(PE, f1(4515))),
 "b27-pe-huanchaco-paid-in-full": (lambda: paid_in_part_only(PE, f1(4511)), lambda: open_bal(PE, f1(4511))),
 "b27-pe-moche-cartons-two-guias": (lambda: short(PE, f1(4517), 1, delivered(PE, f1(4517), "CAJ-EXP")), lambda: short(PE, f1(4517), 1, 12000 + 10800)),
 "b27-pe-zed-paita-igv": (lambda: inv_tax(PE, f1(4531)) if tax_exempt(PE, f1(4531)) else Z, lambda: inv_tax(PE, f1(4531))),
 "b27-pe-chao-intereses": (lambda: fee_not_owed(PE, f1(4503), T_PE), lambda: fee(PE, f1(4503), "late_fee")),
 "b27-pe-moche-pallets-twice": (lambda: inv_total(PE, f1(4522)) if same_basis_duplicate(PE, f1(4522), f1(4518)) else Z, lambda: inv_total(PE, f1(4522))),
 "b27-pe-chao-montacarga": (lambda: Z if fee_desc_owed(PE, f1(4527), "Montacarga fuera de horario") else fee_desc(PE, f1(4527), "Montacarga"), lambda: fee_desc(PE, f1(4527), "Montacarga")),
 "b27-pe-chao-prefrio-200": (None, lambda: units_credit(PE, f1(4527), 1, 240 - 200)),
 "b27-pe-moche-sin-oc": (lambda: Z if po_defect(PE, f1(4528)) else None, lambda: inv_total(PE, f1(4528))),
 "b27-pe-santarosa-tarifa-620": (lambda: price_diff(PE, f1(4529), 1), lambda: price_diff(PE, f1(4529), 1, "6.20")),
 "b27-pe-santarosa-temperatura": (lambda: Z if logged(PE, f1(4505), "FRIO-PD") >= billed_qty(PE, f1(4505), 1) else None,
                                  lambda: r(line(I(PE, f1(4505)), 1)["quantity"] * D("6.80") * D("0.10"), "PEN") * D("1.18")),
 "b27-pe-olivos-15-more": (lambda: less_credited(PE, f1(4520), units_credit(PE, f1(4520), 1, delivered(PE, f1(4520), "PAL-HT", "damagedQuantity"))), lambda: units_credit(PE, f1(4520), 1, 15)),
 "b27-pe-olivos-20-again": (None, None),   # checked below: already credited, nothing may move
 "b27-pe-huanchaco-loggers-deduction": (lambda: short(PE, f1(4524), 1, delivered(PE, f1(4524), "TERMO")), lambda: deducted(PE, f1(4524))),

 "b27-gh-akwaaba-cracked-lightbox": (lambda: units_credit(GH, acc(1182), 1, delivered(GH, acc(1182), "LBOX", "damagedQuantity")), lambda: deducted(GH, acc(1182))),
 "b27-gh-volta-billboard-face": (lambda: short(GH, acc(1186), 1, logged(GH, acc(1186), "BB-FACE")), lambda: short(GH, acc(1186), 1, 10)),
 "b27-gh-volta-no-po": (lambda: Z if po_defect(GH, acc(1191)) else None, lambda: inv_total(GH, acc(1191))),
 "b27-gh-tarkwa-sign-price": (lambda: price_diff(GH, tkd(1185), 1), lambda: (D("46.00") - D("42.00")) * 250 * D("1.20")),
 "b27-gh-tarkwa-wire-93744": (lambda: unapplied_payment(GH, tkd(1180), "2026-10-15"), lambda: open_bal(GH, tkd(1180))),
 "b27-gh-lome-frais-bancaires": (lambda: Z if contract_note(GH, acc(1184), "frais bancaires à la charge du client") else None, lambda: deducted(GH, acc(1184))),
 "b27-gh-lome-parapluies": (lambda: short(GH, acc(1190), 1, delivered(GH, acc(1190), "UMB")), lambda: short(GH, acc(1190), 1, 800 - 60)),
 "b27-gh-nkabom-vat": (lambda: inv_tax(GH, acc(1183)) if tax_exempt(GH, acc(1183)) else Z, lambda: inv_tax(GH, acc(1183))),
 "b27-gh-chapel-tshirt-price": (lambda: price_diff(GH, acc(1188), 1), lambda: price_diff(GH, acc(1188), 1, "38.00")),
 "b27-gh-chapel-momo": (lambda: unapplied_payment(GH, acc(1162), "2026-10-21"), lambda: open_bal(GH, acc(1162))),
 "b27-gh-kumasi-vehicles": (lambda: short(GH, acc(1189), 1, logged(GH, acc(1189), "VEH-BRAND")), lambda: short(GH, acc(1189), 1, 9)),
 "b27-gh-kumasi-design-fee": (lambda: Z if fee_desc_owed(GH, acc(1193), "Artwork / design fee") else fee_desc(GH, acc(1193), "Artwork"), lambda: fee_desc(GH, acc(1193), "Artwork")),
 "b27-gh-akwaaba-install-day-again": (lambda: less_credited(GH, acc(1179), short(GH, acc(1179), 2, logged(GH, acc(1179), "INSTALL-DAY"))), lambda: units_credit(GH, acc(1179), 2, 1)),
 "b27-gh-akwaaba-kejetia-dates": (None, lambda: units_credit(GH, acc(1192), 2, 2)),
 "b27-gh-tarkwa-vests-1050": (lambda: short(GH, tkd(1187), 1, delivered(GH, tkd(1187), "VEST-PRINT")), lambda: short(GH, tkd(1187), 1, 1050)),

 "b27-pk-chenab-antiscalant-deduction": (lambda: price_diff(PK, sti(418), 1), lambda: deducted(PK, sti(418))),
 "b27-pk-ravi-view-visits": (lambda: short(PK, psi(415), 1, logged(PK, psi(415), "SVC-VISIT")), lambda: short(PK, psi(415), 1, 5)),
 "b27-pk-ravi-view-standby-dates": (lambda: units_credit(PK, psi(424), 1, len(unserved_dates(PK, psi(424), "STBY-DAY", ["2026-11-10", "2026-11-11"]))), lambda: units_credit(PK, psi(424), 1, 2)),
 "b27-pk-gujranwala-epz-gst": (lambda: inv_tax(PK, sti(416)) if tax_exempt(PK, sti(416)) else Z, lambda: inv_tax(PK, sti(416))),
 "b27-pk-sharjah-balance-aed": (lambda: unapplied_payment(PK, sti(420), "2026-11-30"), lambda: open_bal(PK, sti(420))),
 "b27-pk-herat-double": (lambda: inv_total(PK, sti(423)) if same_basis_duplicate(PK, sti(423), sti(421)) else Z, lambda: inv_total(PK, sti(423))),
 "b27-pk-okara-no-po": (lambda: Z if po_defect(PK, psi(417)) else None, lambda: inv_total(PK, psi(417))),
 "b27-pk-okara-tubes-deduction": (lambda: short(PK, psi(422), 1, logged(PK, psi(422), "TUBE-REPL")), lambda: deducted(PK, psi(422))),
 "b27-pk-kohinoor-surcharge": (lambda: fee_not_owed(PK, sti(411), T_PK), lambda: fee(PK, sti(411), "late_fee")),
 "b27-pk-chenab-annual-service": (lambda: price_diff(PK, psi(419), 1), lambda: price_diff(PK, psi(419), 1, "175000.00")),
 "b27-pk-chenab-cheque-004512": (None, lambda: open_bal(PK, sti(425))),
 "b27-pk-okara-standby-november": (lambda: outside_contract(PK, psi(426)), lambda: units_credit(PK, psi(426), 1, 7)),
 "b27-pk-okara-leaking-drums": (lambda: units_credit(PK, sti(427), 1, delivered(PK, sti(427), "CHEM-OS", "damagedQuantity")), lambda: units_credit(PK, sti(427), 1, 2)),
 "b27-pk-sharjah-nozzle-price": (lambda: price_diff(PK, sti(428), 1), lambda: price_diff(PK, sti(428), 1, "96.00")),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b27-pe-chao-prefrio-200": lambda: not has_log(PE, f1(4527), "PRE-FRIO") and has_log(PE, f1(4527), "CARGA-CONT"),
 "b27-gh-akwaaba-kejetia-dates": lambda: unserved_dates(GH, acc(1192), "INSTALL-DAY", ["2026-10-14", "2026-10-15"]) is None,
 "b27-pk-chenab-cheque-004512": lambda: no_unapplied(PK, sti(425)) and paid(ledgers[PK], sti(425)) == 0
     and all("004512" not in p.get("reference", "") for p in ledgers[PK]["payments"]),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b27-gh-wrong-customer-1186": (GH, acc(1186), "GH-KMF")}
# A defect already credited: the credit memo on the invoice covers exactly what the letter asks.
cm = [m for m in ledgers[PE]["creditMemos"] if m["invoiceNumber"] == f1(4520)]
if not (len(cm) == 1 and D(cm[0]["amount"]) == units_credit(PE, f1(4520), 1, 20) == D("1085.60")): fail("b27-pe-olivos-20-again: the credit memo does not cover the 20 pallets")
if not any(d.get("invoiceNumber") == f1(4520) and d["reasonCode"] == "damaged_goods" for d in ledgers[PE]["pastDisputes"]): fail("b27-pe-olivos-20-again: no earlier dispute to name")
# The withdrawn claim: the delivery record shows the 2 sets anyway.
if delivered(PK, sti(429), "GAUGE-GL") != 2: fail("b27-pk-ravi-view-withdrawn: delivery of the 2 sets")
# The remittance cases: the disputed amount is the deducted amount.
for cid, lgn, num in [("b27-pe-moche-clamshell-deduction", PE, f1(4508)), ("b27-pe-chao-storage-deduction", PE, f1(4514)), ("b27-pe-huanchaco-loggers-deduction", PE, f1(4524)),
                      ("b27-gh-akwaaba-cracked-lightbox", GH, acc(1182)), ("b27-gh-lome-frais-bancaires", GH, acc(1184)),
                      ("b27-pk-chenab-antiscalant-deduction", PK, sti(418)), ("b27-pk-okara-tubes-deduction", PK, psi(422))]:
    remit(lgn, num)
# The detracciones: 12 % of the invoice amount (lines with IGV, before any later interest), rounded to whole soles.
for p in ledgers[PE]["payments"]:
    if p["method"].startswith("Detracción"):
        want = (principal(I(PE, p["invoiceNumber"])) * D("0.12")).quantize(D(1), rounding=ROUND_HALF_UP)
        if D(p["amount"]) != want: fail(f"{p['id']}: detracción {p['amount']} != 12 % of {p['invoiceNumber']} = {want}")

# ---- numbering: SUNAT series F001-8 digits (credit notes FC01); Adom's branch suffix; Indus's STI (GST goods) / PSI (PST services)
import re
for i in ledgers[PE]["invoices"]:
    if not re.fullmatch(r"F001-\d{8}", i["number"]): fail(f"{i['number']}: SUNAT numbering")
for m in ledgers[PE]["creditMemos"]:
    if not re.fullmatch(r"FC01-\d{8}", m["number"]): fail(f"{m['number']}: credit note numbering")
for i in ledgers[GH]["invoices"]:
    mm = re.fullmatch(r"26/(\d{4})-(ACC|TKD)", i["number"])
    if not mm or (mm.group(2) == "TKD") != (i["customerId"] == "GH-TGS"): fail(f"{i['number']}: branch suffix")
seqs = set()
for i in ledgers[PK]["invoices"]:
    mm = re.fullmatch(r"(STI|PSI)-26-(\d{4})", i["number"])
    if not mm: fail(f"{i['number']}: numbering"); continue
    if mm.group(2) in seqs: fail(f"{i['number']}: sequence used twice")
    seqs.add(mm.group(2))
    rates = {l.get("taxRate") for l in i["lines"]}
    if mm.group(1) == "PSI" and rates != {"0.16"}: fail(f"{i['number']}: PSI with rates {rates}")
    if mm.group(1) == "STI" and not rates <= {"0.18", None}: fail(f"{i['number']}: STI with rates {rates}")
for lgn in ledgers:
    nums = sorted(i["number"] for i in ledgers[lgn]["invoices"])
    by_date = [i["number"] for i in sorted(ledgers[lgn]["invoices"], key=lambda i: (i["issueDate"], i["number"]))]
    key = lambda n: re.sub(r"\D", "", n.split("-")[0] if lgn == GH else n)
    if [key(n) for n in by_date] != sorted(key(n) for n in by_date): fail(f"{lgn}: numbers not in order of issue")

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
    if not cid.startswith("b27-"): fail(f"{cid}: id prefix")
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

