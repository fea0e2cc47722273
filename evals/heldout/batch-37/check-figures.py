#!/usr/bin/env python3
"""Batch-37 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-37/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # QAR, SAR, USD, AED: 2
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
NO_RATE = {"KW26-000439"}   # batch 37: the AED invoice has no rate on purpose
INTENDED_WRONG_PO = set()   # batch 37 has no invoice quoting a PO the customer never issued
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
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
BH, KW, QA = "sitra-pack-bhd.ledger.json", "ahmadi-lube-kwd.ledger.json", "alkhor-farms-qar.ledger.json"
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
def units_credit(lgn, num, n, units):
    """Credit for `units` of line n, tax following the line. Computed two ways (a credit-memo line of its own,
    and billed gross minus the gross of what remains); this batch's figures are chosen so both agree."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    units = D(str(units)); left = D(str(l["quantity"])) - units
    diff = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    own = gross(l, cur, qty=min(units, D(str(l["quantity"]))))
    if own != diff: fail(f"{num} line {n}: credit of {units} units is {own} as its own line but {diff} as a difference (ambiguous rounding)")
    return own
def delivered(lgn, num, sku, field="quantity"):
    return sum((D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku), D("0"))
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), D("0")))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def credited_through_dispute(lgn, num, reason):
    """What earlier disputes on the same invoice and for the same reason already credited (a credit memo on the invoice backs each)."""
    lg = ledgers[lgn]; memos = credited(lg, num)
    done = sum((D(d.get("creditedAmount", "0")) for d in lg.get("pastDisputes", []) if d.get("invoiceNumber") == num and d["reasonCode"] == reason), D("0"))
    if done > memos: fail(f"{num}: past disputes credited {done} but the credit memos on the invoice total {memos}")
    return done
def short_net_of_credit(lgn, num, n, counted, reason="quantity_discrepancy"):
    """DOMAIN: a defect already credited through another dispute on the same invoice is not credited again."""
    return max(short(lgn, num, n, counted) - credited_through_dispute(lgn, num, reason), D("0"))

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
def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
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
def fee_in_contract_notes(lgn, num, t, words):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    return bool(c and words.lower() in c.get("notes", "").lower())
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

# pack sizes as the descriptions state them: a count in packs is converted to the billed unit here, never in the product
def per_pack(lgn, num, n, word):
    import re
    d = line(I(lgn, num), n)["description"]
    m = re.search(r"(?:carton|pallet|pail|drum|tray|bundle|bale)\s*(?:of|=|x)?\s*([\d,]+)\s*(?:x\s*([\d.]+)\s*)?" + word, d)
    if not m: fail(f"{num} line {n}: no '{word}' pack size in '{d}'"); return D("0")
    k = D(m.group(1).replace(",", "")); return k * D(m.group(2)) if m.group(2) else k

Z = D("0")
T_BH, T_KW, T_QA = "2026-12-09", "2026-11-25", "2026-12-08"
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b37-bh-dfk-three-pallets": (lambda: short(BH, "SP0341-26", 1, delivered(BH, "SP0341-26", "CUP-8OZ")), lambda: units_credit(BH, "SP0341-26", 1, 40)),
 "b37-bh-dfk-foil-price": (lambda: price_diff(BH, "SP0344-26", 1), lambda: price_diff(BH, "SP0344-26", 1, "9.450")),
 "b37-bh-krk-rest-after-cn": (lambda: short_net_of_credit(BH, "SP0346-26", 1, delivered(BH, "SP0346-26", "CUP-8OZ")), lambda: units_credit(BH, "SP0346-26", 1, 4 - 2)),
 "b37-bh-krk-all-four": (lambda: short_net_of_credit(BH, "SP0346-26", 1, delivered(BH, "SP0346-26", "CUP-8OZ")), lambda: units_credit(BH, "SP0346-26", 1, 4)),
 "b37-bh-krk-crushed-12oz": (lambda: units_credit(BH, "SP0349-26", 1, delivered(BH, "SP0349-26", "CUP-12OZ", "damagedQuantity")), lambda: units_credit(BH, "SP0349-26", 1, 5)),
 "b37-bh-msb-cling-rolls": (lambda: short(BH, "SP0352-26", 2, delivered(BH, "SP0352-26", "CLING-45")), lambda: units_credit(BH, "SP0352-26", 2, 6 / per_pack(BH, "SP0352-26", 2, "rolls"))),
 "b37-bh-msb-cake-boxes": (lambda: short(BH, "SP0353-26", 1, delivered(BH, "SP0353-26", "BOX-CAKE10")), lambda: units_credit(BH, "SP0353-26", 1, 1000 / per_pack(BH, "SP0353-26", 1, ""))),
 "b37-bh-brc-vat": (lambda: inv_tax(BH, "SP0355-26") if tax_exempt(BH, "SP0355-26") else Z, lambda: inv_tax(BH, "SP0355-26")),
 "b37-bh-brc-containers-no-dn": (None, lambda: units_credit(BH, "SP0356-26", 1, (20000 - 19000) / per_pack(BH, "SP0356-26", 1, ""))),
 "b37-bh-ksc-cups-sar": (lambda: short(BH, "SP0358-26", 3, delivered(BH, "SP0358-26", "CUP-8OZ")), lambda: units_credit(BH, "SP0358-26", 3, 20)),
 "b37-bh-ksc-transfer": (lambda: unapplied_payment(BH, "SP0361-26", "2026-12-03"), lambda: open_bal(BH, "SP0361-26")),
 "b37-bh-sbk-no-lpo": (lambda: Z if po_defect(BH, "SP0362-26") else None, lambda: inv_total(BH, "SP0362-26")),
 "b37-bh-sbk-lpo-twice": (lambda: inv_total(BH, "SP0365-26") if same_basis_duplicate(BH, "SP0365-26", "SP0364-26") else Z, lambda: inv_total(BH, "SP0365-26")),
 "b37-bh-dfk-napkins-second-dn": (lambda: short(BH, "SP0369-26", 2, delivered(BH, "SP0369-26", "NAP-33")), lambda: units_credit(BH, "SP0369-26", 2, 100 - 60)),
 "b37-bh-msb-returned-driver": (lambda: short(BH, "SP0371-26", 1, delivered(BH, "SP0371-26", "AL-8325")), lambda: units_credit(BH, "SP0371-26", 1, 2)),

 "b37-kw-sht-six-drums": (lambda: short(KW, "KW26-000412", 1, delivered(KW, "KW26-000412", "EO-15W40")), lambda: short(KW, "KW26-000412", 1, 6 * per_pack(KW, "KW26-000412", 1, "L"))),
 "b37-kw-sht-tanker-trips": (lambda: short(KW, "KW26-000415", 2, logged(KW, "KW26-000415", "OILCOLL-TRIP")), lambda: short(KW, "KW26-000415", 2, 3)),
 "b37-kw-sht-grease-19-pails": (lambda: short(KW, "KW26-000415", 1, delivered(KW, "KW26-000415", "GREASE-EP2")), lambda: short(KW, "KW26-000415", 1, 19 * per_pack(KW, "KW26-000415", 1, "kg"))),
 "b37-kw-ara-four-cartons": (lambda: short(KW, "KW26-000418", 1, delivered(KW, "KW26-000418", "PCMO-5W30")), lambda: units_credit(KW, "KW26-000418", 1, 4 * per_pack(KW, "KW26-000418", 1, "L"))),
 "b37-kw-ara-leaking": (lambda: units_credit(KW, "KW26-000421", 1, delivered(KW, "KW26-000421", "PCMO-5W30", "damagedQuantity")), lambda: units_credit(KW, "KW26-000421", 1, 3 * per_pack(KW, "KW26-000421", 1, "L"))),
 "b37-kw-spm-third-drum": (lambda: short(KW, "KW26-000424", 1, delivered(KW, "KW26-000424", "HYD-68")), lambda: short(KW, "KW26-000424", 1, 3 * per_pack(KW, "KW26-000424", 1, "L"))),
 "b37-kw-spm-no-lpo": (lambda: Z if po_defect(KW, "KW26-000427") else None, lambda: inv_total(KW, "KW26-000427")),
 "b37-kw-jrc-two-drums-hyd": (lambda: short(KW, "KW26-000430", 2, delivered(KW, "KW26-000430", "HYD-68")), lambda: short(KW, "KW26-000430", 2, 8 * per_pack(KW, "KW26-000430", 2, "L"))),
 "b37-kw-jrc-lab-dates": (None, lambda: units_credit(KW, "KW26-000433", 2, 2)),
 "b37-kw-bgl-drums-usd": (lambda: short(KW, "KW26-000436", 2, delivered(KW, "KW26-000436", "HYD-68")), lambda: short(KW, "KW26-000436", 2, 8 * per_pack(KW, "KW26-000436", 2, "L"))),
 "b37-kw-dfp-aed-no-rate": (lambda: short(KW, "KW26-000439", 1, delivered(KW, "KW26-000439", "PCMO-5W30")), lambda: short(KW, "KW26-000439", 1, 110 * per_pack(KW, "KW26-000439", 1, "L"))),
 "b37-kw-fgr-late-fee": (lambda: fee_not_owed(KW, "KW26-000442", T_KW), lambda: fee(KW, "KW26-000442", "late_fee")),
 "b37-kw-fgr-coolant-pails": (lambda: short(KW, "KW26-000445", 2, delivered(KW, "KW26-000445", "COOLANT-50")), lambda: short(KW, "KW26-000445", 2, 3 * per_pack(KW, "KW26-000445", 2, "L"))),
 "b37-kw-sht-no-pod": (None, lambda: units_credit(KW, "KW26-000448", 1, per_pack(KW, "KW26-000448", 1, "L"))),
 "b37-kw-spm-cheque": (lambda: unapplied_payment(KW, "KW26-000452", "2026-11-13"), lambda: open_bal(KW, "KW26-000452")),

 "b37-qa-dfh-ten-cartons": (lambda: short(QA, "R04-1171", 1, delivered(QA, "R04-1171", "EGG-L30")), lambda: short(QA, "R04-1171", 1, 110 * per_pack(QA, "R04-1171", 1, "trays"))),
 "b37-qa-dfh-brown-18-cartons": (lambda: short(QA, "R04-1171", 2, delivered(QA, "R04-1171", "EGG-BRN15")), lambda: short(QA, "R04-1171", 2, 18 * per_pack(QA, "R04-1171", 2, "packs"))),
 "b37-qa-dfh-dc-scale": (lambda: short(QA, "R04-1176", 1, delivered(QA, "R04-1176", "CHK-WHL")), lambda: short(QA, "R04-1176", 1, D("1812.6"))),
 "b37-qa-pch-warm-breast": (lambda: units_credit(QA, "R07-1180", 1, delivered(QA, "R07-1180", "CHK-BREAST", "damagedQuantity")), lambda: units_credit(QA, "R07-1180", 1, 4 * 5)),
 "b37-qa-pch-whole-chicken-price": (lambda: price_diff(QA, "R07-1184", 1), lambda: price_diff(QA, "R07-1184", 1, "13.75")),
 "b37-qa-rlc-crate-deposit": (lambda: Z if fee_in_contract_notes(QA, "R11-1187", "other", "crate deposit") else fee(QA, "R11-1187", "other"), lambda: fee(QA, "R11-1187", "other")),
 "b37-qa-rlc-175-cartons": (lambda: short(QA, "R11-1187", 1, delivered(QA, "R11-1187", "EGG-M30")), lambda: short(QA, "R11-1187", 1, 175 * per_pack(QA, "R11-1187", 1, "trays"))),
 "b37-qa-rlc-grn-no-record": (None, lambda: short(QA, "R11-1190", 1, 2520)),
 "b37-qa-wbs-broken-trays": (lambda: units_credit(QA, "R02-1193", 1, delivered(QA, "R02-1193", "EGG-L30", "damagedQuantity")), lambda: units_credit(QA, "R02-1193", 1, 2 * per_pack(QA, "R02-1193", 1, "trays"))),
 "b37-qa-wbs-not-twice": (lambda: inv_total(QA, "R02-1196") if same_basis_duplicate(QA, "R02-1196", "R02-1195") else Z, lambda: inv_total(QA, "R02-1196")),
 "b37-qa-smk-breast-10kg": (lambda: short(QA, "R09-1198", 2, delivered(QA, "R09-1198", "CHK-BREAST")), lambda: short(QA, "R09-1198", 2, 16 * 5)),
 "b37-qa-sff-crushed-omr": (lambda: units_credit(QA, "R14-1201", 1, delivered(QA, "R14-1201", "EGG-L30", "damagedQuantity")), lambda: units_credit(QA, "R14-1201", 1, 24 * per_pack(QA, "R14-1201", 1, "trays"))),
 "b37-qa-sff-whole-load": (lambda: short(QA, "R14-1205", 1, delivered(QA, "R14-1205", "EGG-L30")), lambda: units_credit(QA, "R14-1205", 1, billed_qty(QA, "R14-1205", 1))),
 "b37-qa-dfh-no-po": (lambda: Z if po_defect(QA, "R04-1208") else None, lambda: inv_total(QA, "R04-1208")),
 "b37-qa-pch-second-carton": (lambda: short_net_of_credit(QA, "R07-1211", 1, delivered(QA, "R07-1211", "EGG-L30")), lambda: units_credit(QA, "R07-1211", 1, 2 * per_pack(QA, "R07-1211", 1, "trays"))),
 "b37-qa-rlc-balance-paid": (lambda: unapplied_payment(QA, "R11-1214", "2026-11-28"), lambda: open_bal(QA, "R11-1214")),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b37-bh-brc-containers-no-dn": lambda: not has_delivery(BH, "SP0356-26", "AL-83185"),
 "b37-kw-jrc-lab-dates": lambda: unserved_dates(KW, "KW26-000433", "LAB-SAMPLE", ["2026-09-14", "2026-09-21"]) is None,
 "b37-kw-sht-no-pod": lambda: not has_delivery(KW, "KW26-000448", "EO-15W40"),
 "b37-qa-rlc-grn-no-record": lambda: not has_delivery(QA, "R11-1190", "CHK-WHL"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b37-kw-ara-wrong-invoice-436": (KW, "KW26-000436", "KW-ARA")}
# Cases with no classification: each must check that no money moves and nothing else about a resolution.
NO_CLASS = {"b37-bh-unknown-0378", "b37-kw-ara-wrong-invoice-436", "b37-kw-ara-return-overstock", "b37-qa-dfh-still-counting"}

# ---- numbering: Sitra Pack SPnnnn-26, Ahmadi Lube KW26-nnnnnn, Al Khor Farms Rnn-nnnn (route, company-wide sequence)
import re
for lgn, pat in ((BH, r"^SP\d{4}-26$"), (KW, r"^KW26-\d{6}$"), (QA, r"^R\d{2}-\d{4}$")):
    for i in ledgers[lgn]["invoices"]:
        if not re.match(pat, i["number"]): fail(f"{i['number']}: numbering")
qa_seq = [int(i["number"][4:]) for i in ledgers[QA]["invoices"]]
if len(set(qa_seq)) != len(qa_seq): fail("QA: sequence numbers repeat across routes")
routes = {}
for i in ledgers[QA]["invoices"]: routes.setdefault(i["customerId"], set()).add(i["number"][:3])
if any(len(v) != 1 for v in routes.values()): fail(f"QA: a customer on two routes {routes}")
# VAT: Bahrain 10 % on BHD invoices except the exempt customer's correct one; Kuwait and Qatar none; exports none
for lgn in (BH, KW, QA):
    for i in ledgers[lgn]["invoices"]:
        taxed = {l.get("taxRate") for l in i["lines"]}
        want = {"0.10"} if (lgn == BH and i["currency"] == "BHD" and (not tax_exempt(lgn, i["number"]) or i["number"] == "SP0355-26")) else {None}
        if taxed != want: fail(f"{i['number']}: tax {taxed}, expected {want}")
# deliveries and pack sizes: every delivery quantity of a packed SKU is a whole number of packs (drums, pails, cartons)
PACK = {"EO-15W40": None, "HYD-68": 208, "GEAR-80W90": 20, "PCMO-5W30": 16, "ATF-D3": 12, "GREASE-EP2": 18, "COOLANT-50": 20}
for d in ledgers[KW]["deliveries"]:
    k = PACK.get(d["sku"])
    if k and (D(str(d["quantity"])) % k or D(str(d.get("damagedQuantity", 0))) % k): fail(f"{d['id']}: not whole packs of {k}")
for i in ledgers[KW]["invoices"]:
    for l in i["lines"]:
        k = PACK.get(l["sku"])
        if k and D(str(l["quantity"])) % k: fail(f"{i['number']}: line {l['line']} not whole packs of {k}")
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
    if not cid.startswith("b37-"): fail(f"{cid}: id prefix")
    if os.path.basename(glob.glob(f"{HERE}/{cid}.case.json")[0]) != f"{cid}.case.json": fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if not ALL4 <= set(e.get("mustNotHappen", [])): fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if cid in NO_CLASS:
        if set(e) - {"mustNotHappen", "noResolution"}: fail(f"{cid}: a case without classification checks {sorted(set(e))}")
    elif "classification" not in e: fail(f"{cid}: no classification but not listed in NO_CLASS")
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

# ---- the converted figures quoted in the descriptions are the recomputed ones
for c in cases:
    e = c["expect"]
    if "invoiceNumber" not in e or "disputedAmount" not in e: continue
    i = I(c["ledger"], e["invoiceNumber"])
    if i["currency"] == home(ledgers[c["ledger"]]): continue
    conv = to_company(c["ledger"], e["invoiceNumber"], D(e["disputedAmount"]))
    if conv is None:
        if "no " + i["currency"] + " rate" not in c["description"]: fail(f"{c['id']}: description should say there is no {i['currency']} rate")
    elif f"{conv:,}" not in c["description"]: fail(f"{c['id']}: description does not quote the converted disputed amount {conv:,}")

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
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "not checked")) for c in cases).items())))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

