#!/usr/bin/env python3
"""Batch-21 author's cross-check (adapted from batch 20's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-21/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "JPY": 0, "UGX": 0}
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
INTENDED_WRONG_PO = set()   # batch 21: every PO printed on an invoice is one the customer issued
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 14 <= len(nums) <= 16: fail(f"{name}: {len(nums)} invoices")
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
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] != "KRG-0975":
            fail(f"{name} {i['number']}: no rate for {cur} (only KRG-0975, in CNY, is meant to lack one)")
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
GE, KZ, BD = "kolkheti-nut-gel.ledger.json", "saryarka-conveyor-kzt.ledger.json", "meghna-trims-bdt.ledger.json"
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
def fee_in_contract_notes(lgn, num, t):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    word = f.get("description", "") if t == "other" else t.replace("_", " ")
    return bool(c and word.lower() in c.get("notes", "").lower())

def exempt(lgn, num): return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == I(lgn, num)["customerId"]).get("taxExempt"))
def has_log(lgn, num, sku):
    """A service log for the SKU linked to the invoice, or unlinked, of the customer, overlapping its period."""
    i = I(lgn, num); start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    return any(s["sku"] == sku and (s.get("invoiceNumber") == num or (not s.get("invoiceNumber") and s["customerId"] == i["customerId"]
               and s["periodStart"] <= end and start <= s["periodEnd"])) for s in ledgers[lgn].get("serviceLogs", []))

Z = D("0")
T_GE, T_KZ, T_BD = "2026-11-10", "2026-11-17", "2026-10-29"
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b21-ge-tcm-kernel-price-georgian-email": (lambda: price_diff(GE, "0501-KN", 1), lambda: price_diff(GE, "0501-KN", 1, "14.20")),
 "b21-ge-tcm-roasted-torn-sacks": (lambda: units_credit(GE, "0501-KN", 2, delivered(GE, "0501-KN", "KRN-RST", "damagedQuantity")), lambda: units_credit(GE, "0501-KN", 2, 50)),
 "b21-ge-tcm-short-by-issue-date": (lambda: short(GE, "0502-KN", 1, delivered(GE, "0502-KN", "KRN-1315")), lambda: short(GE, "0502-KN", 1, 2850)),
 "b21-ge-tcm-0507-billed-twice": (lambda: inv_total(GE, "0507-KN") if same_basis_duplicate(GE, "0507-KN", "0502-KN") else Z, lambda: inv_total(GE, "0507-KN")),
 "b21-ge-tcm-late-fee-three-months": (lambda: fee_not_owed(GE, "0489-KN", T_GE), lambda: fee(GE, "0489-KN", "late_fee")),
 "b21-ge-tcm-0495-no-po": (lambda: Z if po_defect(GE, "0495-KN") else None, lambda: inv_total(GE, "0495-KN")),
 "b21-ge-gurieli-express-delivery-fee": (lambda: Z if fee_in_contract_notes(GE, "0510-KN", "freight") or fee_on_po(GE, "0510-KN", "freight") else fee(GE, "0510-KN", "freight"), lambda: fee(GE, "0510-KN", "freight")),
 "b21-ge-gurieli-paste-price-wrong": (lambda: price_diff(GE, "0510-KN", 1), lambda: price_diff(GE, "0510-KN", 1, "20.90")),
 "b21-ge-gurieli-paid-0516-tbc": (lambda: unapplied_payment(GE, "0516-KN", "2026-11-03"), lambda: open_bal(GE, "0516-KN")),
 "b21-ge-dolce-wet-sacks-eur": (lambda: units_credit(GE, "0520-KN", 1, delivered(GE, "0520-KN", "KRN-1315", "damagedQuantity")), lambda: units_credit(GE, "0520-KN", 1, 500)),
 "b21-ge-dolce-second-container-not-double": (lambda: inv_total(GE, "0521-KN") if same_basis_duplicate(GE, "0521-KN", "0520-KN") else Z, lambda: inv_total(GE, "0521-KN")),
 "b21-ge-kutaisi-fiz-vat": (lambda: inv_tax(GE, "0530-KN") if exempt(GE, "0530-KN") else Z, lambda: inv_tax(GE, "0530-KN")),
 "b21-ge-coop-storage-after-season": (lambda: outside_contract(GE, "0531-KN"), lambda: outside_contract(GE, "0531-KN")),
 "b21-ge-coop-dryer-30-tonnes": (lambda: short(GE, "0525-KN", 1, logged(GE, "0525-KN", "DRY-SVC")), lambda: short(GE, "0525-KN", 1, 30)),
 "b21-ge-coop-lab-dates-writeoff": (lambda: units_credit(GE, "0525-KN", 2, len(unserved_dates(GE, "0525-KN", "LAB-AFLA", ["2026-09-18", "2026-09-25"]))), lambda: units_credit(GE, "0525-KN", 2, 2)),
 "b21-ge-coop-august-drying-no-log": (None, lambda: units_credit(GE, "0528-KN", 1, 8)),
 "b21-ge-batumi-hotel-price-writeoff": (lambda: price_diff(GE, "0533-KN", 1), lambda: price_diff(GE, "0533-KN", 1, "16.80")),

 "b21-kz-shakhter-roller-price": (lambda: price_diff(KZ, "KRG-0931", 2), lambda: price_diff(KZ, "KRG-0931", 2, "14200.00")),
 "b21-kz-shakhter-splices-corrected": (lambda: short(KZ, "KRG-0936", 1, logged(KZ, "KRG-0936", "SPLICE-HOT")), lambda: short(KZ, "KRG-0936", 1, 5)),
 "b21-kz-shakhter-penalty-in-grace": (lambda: fee_not_owed(KZ, "KRG-0902", T_KZ), lambda: fee(KZ, "KRG-0902", "late_fee")),
 "b21-kz-balkhash-short-roll-by-po": (lambda: short(KZ, "KRG-0944", 1, delivered(KZ, "KRG-0944", "BELT-EP1000")), lambda: short(KZ, "KRG-0944", 1, 250 + 200)),
 "b21-kz-balkhash-bent-rollers-email": (lambda: units_credit(KZ, "KRG-0945", 1, delivered(KZ, "KRG-0945", "ROLL-133", "damagedQuantity")), lambda: units_credit(KZ, "KRG-0945", 1, 20)),
 "b21-kz-balkhash-inspections-not-double": (lambda: inv_total(KZ, "KRG-0957") if same_basis_duplicate(KZ, "KRG-0957", "KRG-0950") else Z, lambda: inv_total(KZ, "KRG-0957")),
 "b21-kz-cac-freight-goodwill": (lambda: Z if fee_in_contract_notes(KZ, "KRG-0965", "freight") or fee_on_po(KZ, "KRG-0965", "freight") else fee(KZ, "KRG-0965", "freight"), lambda: fee(KZ, "KRG-0965", "freight")),
 "b21-kz-cac-standby-dates-month-log": (None, lambda: units_credit(KZ, "KRG-0963", 1, 2)),
 "b21-kz-cac-penalty-no-clause": (lambda: fee_not_owed(KZ, "KRG-0921", T_KZ), lambda: fee(KZ, "KRG-0921", "late_fee")),
 "b21-kz-zarafshan-po-not-registered": (lambda: Z if not po_defect(KZ, "KRG-0970") else None, lambda: inv_total(KZ, "KRG-0970")),
 "b21-kz-zarafshan-belt-560m": (lambda: short(KZ, "KRG-0970", 1, delivered(KZ, "KRG-0970", "BELT-EP1000")), lambda: short(KZ, "KRG-0970", 1, 560)),
 "b21-kz-zarafshan-two-visits": (lambda: short(KZ, "KRG-0912", 1, logged(KZ, "KRG-0912", "INSP-VISIT")), lambda: short(KZ, "KRG-0912", 1, 2)),
 "b21-kz-huayu-cny-no-rate": (lambda: units_credit(KZ, "KRG-0975", 1, delivered(KZ, "KRG-0975", "ROLL-133", "damagedQuantity")), lambda: units_credit(KZ, "KRG-0975", 1, 6)),
 "b21-kz-temirtau-payment-not-on-record": (None, lambda: open_bal(KZ, "KRG-0890")),
 "b21-kz-temirtau-vat-12-writeoff": (lambda: Z if not exempt(KZ, "KRG-0968") else inv_tax(KZ, "KRG-0968"), lambda: r(net(line(I(KZ, "KRG-0968"), 1), "KZT") * (D("0.16") - D("0.12")), "KZT")),
 "b21-kz-shakhter-reported-demand": (lambda: price_diff(KZ, "KRG-0931", 2), None),
 "b21-kz-cac-ep800-po-price": (lambda: price_diff(KZ, "KRG-0966", 1), lambda: price_diff(KZ, "KRG-0966", 1, "29800.00")),

 "b21-bd-sfl-carton-rate-email-thread": (lambda: price_diff(BD, "1147/MTPL/26", 1), lambda: price_diff(BD, "1147/MTPL/26", 1, "68.50")),
 "b21-bd-sfl-grn-7400-banglish": (lambda: short(BD, "1152/MTPL/26", 1, delivered(BD, "1152/MTPL/26", "CTN-5PLY")), lambda: short(BD, "1152/MTPL/26", 1, 7400)),
 "b21-bd-lumbini-label-rate-usd": (lambda: price_diff(BD, "1160/MTPL/26", 1), lambda: price_diff(BD, "1160/MTPL/26", 1, "13.60")),
 "b21-bd-lumbini-same-po-twice-fx": (lambda: inv_total(BD, "1161/MTPL/26") if same_basis_duplicate(BD, "1161/MTPL/26", "1160/MTPL/26") else Z, lambda: inv_total(BD, "1161/MTPL/26")),
 "b21-bd-lumbini-polybag-no-po": (lambda: Z if po_defect(BD, "1170/MTPL/26") else None, lambda: inv_total(BD, "1170/MTPL/26")),
 "b21-bd-karnaphuli-bonded-vat": (lambda: inv_tax(BD, "1175/MTPL/26") if exempt(BD, "1175/MTPL/26") else Z, lambda: inv_tax(BD, "1175/MTPL/26")),
 "b21-bd-rupsha-late-charge-owed": (lambda: fee_not_owed(BD, "1130/MTPL/26", T_BD), lambda: fee(BD, "1130/MTPL/26", "late_fee")),
 "b21-bd-rupsha-crew-3rd-6th": (lambda: units_credit(BD, "1182/MTPL/26", 1, len(unserved_dates(BD, "1182/MTPL/26", "TAG-CREW", ["2026-10-03", "2026-10-06"]))), lambda: units_credit(BD, "1182/MTPL/26", 1, 2)),
 "b21-bd-sonargaon-wet-cones-writeoff": (lambda: units_credit(BD, "1190/MTPL/26", 1, delivered(BD, "1190/MTPL/26", "THREAD-40", "damagedQuantity")), lambda: units_credit(BD, "1190/MTPL/26", 1, 24)),
 "b21-bd-sonargaon-tags-no-challan": (None, lambda: short(BD, "1191/MTPL/26", 1, 30)),
 "b21-bd-tangail-retainer-after-contract": (lambda: outside_contract(BD, "1120/MTPL/26"), lambda: inv_total(BD, "1120/MTPL/26")),
 "b21-bd-sfl-beftn-lakh": (lambda: unapplied_payment(BD, "1195/MTPL/26", "2026-10-25"), lambda: open_bal(BD, "1195/MTPL/26")),
 "b21-bd-karnaphuli-night-surcharge-on-po": (lambda: Z if fee_in_contract_notes(BD, "1198/MTPL/26", "other") or fee_on_po(BD, "1198/MTPL/26", "other") else fee(BD, "1198/MTPL/26", "other"), lambda: fee(BD, "1198/MTPL/26", "other")),
 "b21-bd-rupsha-label-po-price": (lambda: price_diff(BD, "1186/MTPL/26", 1), lambda: price_diff(BD, "1186/MTPL/26", 1, "1850.00")),
 "b21-bd-lumbini-courier-writeoff-fx": (lambda: Z if fee_in_contract_notes(BD, "1199/MTPL/26", "freight") or fee_on_po(BD, "1199/MTPL/26", "freight") else fee(BD, "1199/MTPL/26", "freight"), lambda: fee(BD, "1199/MTPL/26", "freight")),
 "b21-bd-karnaphuli-reported-demand": (lambda: inv_tax(BD, "1175/MTPL/26") if exempt(BD, "1175/MTPL/26") else Z, None),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b21-ge-coop-august-drying-no-log": lambda: not has_log(GE, "0528-KN", "DRY-SVC"),
 "b21-kz-cac-standby-dates-month-log": lambda: unserved_dates(KZ, "KRG-0963", "STANDBY-CREW", ["2026-10-14", "2026-10-15"]) is None,
 "b21-kz-temirtau-payment-not-on-record": lambda: not any_payment_for(KZ, "KRG-0890", "2026-08-21", "418"),
 "b21-bd-sonargaon-tags-no-challan": lambda: not has_delivery(BD, "1191/MTPL/26", "TAG-HANG"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b21-ge-wrong-customer": (GE, "0525-KN", "GC2"), "b21-bd-wrong-customer": (BD, "1190/MTPL/26", "MT-C04")}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}
# The goodwill credit the specialist asks for, per case (checked against DOMAIN's policy: > 0, <= owed, <= open balance).
GOODWILL = {"b21-kz-cac-freight-goodwill": D("47500.00")}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 60: fail(f"{len(cases)} cases, 60 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b21-"): fail(f"{cid}: id prefix")
    if os.path.basename(glob.glob(f"{HERE}/{cid}.case.json")[0]) != f"{cid}.case.json": fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if not ALL4 <= set(e.get("mustNotHappen", [])): fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if e.get("noResolution"):
        named = [w.strip(".,?") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w) and ("/" in w or "-" in w)]
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
            if act == "goodwill_credit":
                g = GOODWILL.get(cid)
                if g is None or not (D("0") < g <= disputed - supported and g <= open_bal(lgn, num)): fail(f"{cid}: goodwill {g} outside policy")
        if cl == "valid" and act in ("write_off", "no_adjustment", "goodwill_credit"): fail(f"{cid}: valid with {act}")
    if "escalation" in e:
        pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
        amount = disputed if disputed is not None else supported
        conv = to_company(lgn, num, amount)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        # money the action moves (credit: supported; write-off: the disputed amount; goodwill: the amount asked),
        # capped at the open balance, converted: above the lead's limit (or no rate) it needs the finance controller.
        act = e.get("action")
        moved = {"credit_memo": supported, "write_off": disputed, "goodwill_credit": GOODWILL.get(cid)}.get(act)
        fc = False
        if moved is not None and moved > 0:
            mc = to_company(lgn, num, min(moved, open_bal(lgn, num)))
            fc = mc is None or mc > D(pol["approvalLimits"]["lead"])
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or fc)
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
        if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
            fail(f"{cid}: legal escalation expected")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

