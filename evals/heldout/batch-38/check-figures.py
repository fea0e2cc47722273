#!/usr/bin/env python3
"""Batch-38 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-38/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "VND": 0}  # PHP, USD, HKD, FJD, NZD: 2
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
NO_RATE = {"2600880"}   # batch 38: the HKD invoice has no rate on purpose
INTENDED_WRONG_PO = {"26/YM/1187"}   # quotes a PO R. Sharma never issued
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
VN, PH, FJ = "ea-tam-coffee-vnd.ledger.json", "banilad-enviro-php.ledger.json", "yaqona-mills-fjd.ledger.json"
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
T_VN, T_PH, T_FJ = "2026-11-24", "2026-11-26", "2026-11-27"
def fee_desc(lgn, num, start): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").startswith(start)), D("0"))
def fee_desc_owed(lgn, num, start, words):
    """A fee named by its description is owed when the contract's notes name it (by `words`) or the customer's PO lists it
    (a line with that description at that price)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    in_notes = bool(c and words.lower() in c.get("notes", "").lower())
    amount = fee_desc(lgn, num, start)
    on_po = any(l.get("description", "").lower() == start.lower() and D(l["unitPrice"]) * D(str(l["quantity"])) == amount
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    return in_notes or on_po
def damaged(lgn, num, sku): return delivered(lgn, num, sku, "damagedQuantity")
def unserved_per_day(lgn, num, sku, dates):
    u = unserved_dates(lgn, num, sku, dates); return None if u is None else len(u)

E1, E45, E48, E53, E56, E57, E58, E63, E65, E68, E70, E72, E75, E79, E80 = ("ET.26.0841", "ET.26.0845", "ET.26.0848", "ET.26.0853", "ET.26.0856", "ET.26.0857",
    "ET.26.0858", "ET.26.0863", "ET.26.0865", "ET.26.0868", "ET.26.0870", "ET.26.0872", "ET.26.0875", "ET.26.0879", "ET.26.0880")
Y = lambda n: f"26/YM/{n}"
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b38-vn-0856-xat-kho-gia": (lambda: price_diff(VN, E56, 1), lambda: price_diff(VN, E56, 1, "420000")),
 "b38-vn-0863-ba-chuyen-cat-lai": (lambda: short(VN, E63, 1, logged(VN, E63, "HAUL-CL")), lambda: short(VN, E63, 1, 3)),
 "b38-vn-0848-late-fee-grace": (lambda: fee_not_owed(VN, E48, T_VN), lambda: fee(VN, E48, "late_fee")),
 "b38-vn-0845-phi-cham-tra-mot-thang": (lambda: fee_not_owed(VN, E45, T_VN), lambda: fee(VN, E45, "late_fee")),
 "b38-vn-kro-trung-hoa-don-sua-lai": (lambda: inv_total(VN, E53) if same_basis_duplicate(VN, E53, "ET.26.0852") else Z, lambda: inv_total(VN, E53)),
 "b38-vn-0879-luu-kho-sau-hop-dong": (lambda: outside_contract(VN, E79), lambda: inv_total(VN, E79)),
 "b38-vn-0858-thieu-po": (lambda: Z if po_defect(VN, E58) else None, lambda: inv_total(VN, E58)),
 "b38-vn-0868-bao-rach": (lambda: units_credit(VN, E68, 2, damaged(VN, E68, "BAG-JUTE")), lambda: units_credit(VN, E68, 2, 60)),
 "b38-vn-0872-minh-tam-say": (lambda: short(VN, E72, 2, logged(VN, E72, "DRY-T")), lambda: units_credit(VN, E72, 2, 25)),
 "b38-vn-0865-rhea-sorting": (lambda: short(VN, E65, 1, logged(VN, E65, "SORT-T")), lambda: units_credit(VN, E65, 1, "2.4")),
 "b38-vn-0875-rhea-paid": (lambda: unapplied_payment(VN, E75, "2026-11-18"), lambda: open_bal(VN, E75)),
 "b38-vn-0880-phi-hoa-toc": (lambda: Z if fee_desc_owed(VN, E80, "Phí giao hàng hỏa tốc", "hỏa tốc") else fee_desc(VN, E80, "Phí giao hàng hỏa tốc"), lambda: fee_desc(VN, E80, "Phí giao hàng hỏa tốc")),
 "b38-vn-0857-luu-kho-hai-con-so": (lambda: short(VN, E57, 1, logged(VN, E57, "STORE-TM")), None),
 "b38-vn-0870-mau-do-am-khong-so": (None, lambda: units_credit(VN, E70, 1, 4)),

 "b38-ph-0871-siphon-cubic": (lambda: short(PH, "2600871", 1, logged(PH, "2600871", "SIPHON-M3")), lambda: short(PH, "2600871", 1, 34)),
 "b38-ph-0872-walang-po": (lambda: Z if po_defect(PH, "2600872") else None, lambda: inv_total(PH, "2600872")),
 "b38-ph-0873-water-contract-rate": (lambda: price_diff(PH, "2600873", 1), lambda: price_diff(PH, "2600873", 1, "4000.00")),
 "b38-ph-0876-late-charge-duha-ka-bulan": (lambda: fee_not_owed(PH, "2600876", T_PH), lambda: fee(PH, "2600876", "late_fee")),
 "b38-ph-0877-after-hours-callout": (lambda: Z if fee_desc_owed(PH, "2600877", "After-hours call-out", "after-hours call-out") else fee_desc(PH, "2600877", "After-hours"), lambda: fee_desc(PH, "2600877", "After-hours")),
 "b38-ph-0878-kanazawa-tt": (lambda: unapplied_payment(PH, "2600878", "2026-11-10"), lambda: open_bal(PH, "2600878")),
 "b38-ph-0879-peza-zero-rated": (lambda: inv_tax(PH, "2600879") if tax_exempt(PH, "2600879") else Z, lambda: inv_tax(PH, "2600879")),
 "b38-ph-0880-panglao-hkd-walay-resibo": (None, lambda: units_credit(PH, "2600880", 1, 2)),
 "b38-ph-0881-lechon-po-price": (lambda: price_diff(PH, "2600881", 1), lambda: price_diff(PH, "2600881", 1, "3500.00")),
 "b38-ph-0883-doble-grease-trap": (lambda: inv_total(PH, "2600883") if same_basis_duplicate(PH, "2600883", "2600882") else Z, lambda: inv_total(PH, "2600883")),
 "b38-ph-0884-stp-operator-dates": (None, None),
 "b38-ph-0885-pails-tulo-tulo-o-upat": (lambda: units_credit(PH, "2600885", 1, damaged(PH, "2600885", "ENZ-DRUM")), None),
 "b38-ph-0887-kanazawa-siphon-rate": (lambda: price_diff(PH, "2600887", 1), lambda: price_diff(PH, "2600887", 1, "31.40")),
 "b38-ph-0875-usa-ra-ka-sample-gitul-an": (lambda: short(PH, "2600875", 2, logged(PH, "2600875", "LAB-EFF")), lambda: units_credit(PH, "2600875", 2, 1)),
 "b38-ph-0874-lab-results-late": (lambda: short(PH, "2600874", 1, logged(PH, "2600874", "LAB-EFF")), lambda: inv_total(PH, "2600874")),

 "b38-fj-1181-grinding-not-drying": (lambda: short(FJ, Y(1181), 2, logged(FJ, Y(1181), "GRIND-KG")), lambda: units_credit(FJ, Y(1181), 2, 250)),
 "b38-fj-1182-lab-samples-no-log": (None, lambda: units_credit(FJ, Y(1182), 1, 1)),
 "b38-fj-1183-waka-rate-sharma": (lambda: price_diff(FJ, Y(1183), 1), lambda: price_diff(FJ, Y(1183), 1, "88.00")),
 "b38-fj-1184-lewena-short-20-or-25": (lambda: short(FJ, Y(1184), 1, delivered(FJ, Y(1184), "KAVA-LEWENA-KG")), None),
 "b38-fj-1186-late-fee-grace-hindi": (lambda: fee_not_owed(FJ, Y(1186), T_FJ), lambda: fee(FJ, Y(1186), "late_fee")),
 "b38-fj-1187-po-not-theirs": (lambda: Z if po_defect(FJ, Y(1187)) else None, lambda: inv_total(FJ, Y(1187))),
 "b38-fj-1188-nzd-doc-fee": (lambda: Z if fee_in_contract_notes(FJ, Y(1188), "other", "export documentation fee") else fee(FJ, Y(1188), "other"), lambda: fee(FJ, Y(1188), "other")),
 "b38-fj-1189-seawater": (lambda: units_credit(FJ, Y(1189), 1, damaged(FJ, Y(1189), "KAVA-WAKA-KG")), lambda: units_credit(FJ, Y(1189), 1, 40)),
 "b38-fj-1190-nakamal-80-or-85": (lambda: price_diff(FJ, Y(1190), 1), lambda: price_diff(FJ, Y(1190), 1, "80.00")),
 "b38-fj-1191-ram-lakhan-drying": (lambda: short(FJ, Y(1191), 1, logged(FJ, Y(1191), "DRY-KG")), lambda: units_credit(FJ, Y(1191), 1, 300)),
 "b38-fj-1193-same-order-twice": (lambda: inv_total(FJ, Y(1193)) if same_basis_duplicate(FJ, Y(1193), Y(1192)) else Z, lambda: inv_total(FJ, Y(1193))),
 "b38-fj-1194-cartage-5th-6th": (lambda: units_credit(FJ, Y(1194), 1, unserved_per_day(FJ, Y(1194), "CARTAGE", ["2026-11-05", "2026-11-06"])), lambda: units_credit(FJ, Y(1194), 1, 2)),
 "b38-fj-1195-pasifika-paid": (lambda: unapplied_payment(FJ, Y(1195), "2026-11-20"), lambda: open_bal(FJ, Y(1195))),
}
# Two-figure cases: every reading of the customer's figure must give the expected supported amount, action (and classification when checked).
TWO_FIGURES = {
 "b38-vn-0857-luu-kho-hai-con-so": [units_credit(VN, E57, 1, 20), units_credit(VN, E57, 1, 15)],
 "b38-ph-0885-pails-tulo-tulo-o-upat": [units_credit(PH, "2600885", 1, 3), units_credit(PH, "2600885", 1, 4)],
 "b38-fj-1184-lewena-short-20-or-25": [units_credit(FJ, Y(1184), 1, 20), units_credit(FJ, Y(1184), 1, 25)],
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b38-vn-0870-mau-do-am-khong-so": lambda: not has_log(VN, E70, "TEST-MOIST") and not any(s["customerId"] == "VN-HTP" and s["sku"] == "TEST-MOIST" and s["periodStart"] >= "2026-10-01" for s in ledgers[VN]["serviceLogs"]),
 "b38-ph-0880-panglao-hkd-walay-resibo": lambda: not has_delivery(PH, "2600880", "WATER-10K"),
 "b38-ph-0884-stp-operator-dates": lambda: unserved_dates(PH, "2600884", "STP-OM", ["2026-10-14", "2026-10-15"]) is None,
 "b38-fj-1182-lab-samples-no-log": lambda: not has_log(FJ, Y(1182), "LAB-KL"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b38-vn-lam-vien-hoa-don-nguoi-khac": (VN, E72, "VN-LVN")}
# Cases that name a customer with several invoices and no invoice: the assistant must ask.
ASK_CUSTOMER = {"b38-vn-htp-hoa-don-thang-10": (VN, "VN-HTP"), "b38-ph-pmmc-may-problema": (PH, "PH-PMMC"), "b38-fj-sharma-kuch-gadbad": (FJ, "FJ-RSM")}
for cid, (lgn, cust) in ASK_CUSTOMER.items():
    if sum(1 for i in ledgers[lgn]["invoices"] if i["customerId"] == cust) < 2: fail(f"{cid}: the customer has a single invoice, nothing to ask")

# ---- numbering: Ea Tam ET.yy.nnnn; Banilad 7 digits yy + 5-digit sequence; Yaqona yy/YM/nnnn
import re
for lgn, pat in ((VN, r"ET\.26\.\d{4}"), (PH, r"26\d{5}"), (FJ, r"26/YM/\d{4}")):
    for i in ledgers[lgn]["invoices"]:
        if not re.fullmatch(pat, i["number"]): fail(f"{i['number']}: numbering")
        if i["issueDate"][2:4] != "26": fail(f"{i['number']}: year")
for lgn in (VN, PH, FJ):
    nums = sorted(i["number"] for i in ledgers[lgn]["invoices"])
    dates = [I(lgn, n)["issueDate"] for n in nums]
# tax-exempt customers carry no tax unless the case is about it
for lgn in (VN, PH, FJ):
    for i in ledgers[lgn]["invoices"]:
        if tax_exempt(lgn, i["number"]) and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "2600879": fail(f"{i['number']}: exempt customer taxed")
        if not tax_exempt(lgn, i["number"]) and i["currency"] in ("VND", "PHP", "FJD", "HKD") and not all(l.get("taxRate") for l in i["lines"]): fail(f"{i['number']}: domestic line without VAT")

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def expected_class(supported, disputed, defect):
    return ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
def expected_action_ok(lgn, num, cl, act, disputed, supported):
    if cl in ("invalid", "partial"):
        owed = to_company(lgn, num, disputed - supported)
        wo = owed is not None and owed < D(ledgers[lgn]["policy"]["writeOffBelow"])
        return wo == (act == "write_off")
    return act not in ("write_off", "no_adjustment", "goodwill_credit")

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
TODAYS = {VN: T_VN, PH: T_PH, FJ: T_FJ}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b38-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAYS[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split() if sum(ch.isdigit() for ch in w) >= 4]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        if cid not in ASK_CUSTOMER and not named: fail(f"{cid}: noResolution without an invoice named and not an ask case")
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
    if disputed is not None and "disputedAmount" not in e and e.get("classification") != "needs_info": fail(f"{cid}: disputed recipe but not checked")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    act = e.get("action")
    defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        readings = TWO_FIGURES.get(cid, [disputed] if disputed is not None else [None])
        for dd in readings:
            sup = min(evidence, dd) if dd is not None else evidence
            if "supportedAmount" in e and D(e["supportedAmount"]) != sup:
                fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {sup} (disputed {dd})")
            if dd is not None:
                exp = expected_class(sup, dd, defect)
                if cl and cl != "needs_info" and cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {sup}, disputed {dd})")
                if act and not expected_action_ok(lgn, num, exp, act, dd, sup): fail(f"{cid}: action {act} wrong for {exp}, owed {dd - sup} {cur} (= {to_company(lgn, num, dd - sup)} {home(lg)})")
            supported = sup
        if cid in TWO_FIGURES and ("disputedAmount" in e or len({expected_class(min(evidence, dd), dd, defect) for dd in readings}) > 1 and cl):
            fail(f"{cid}: two-figure case checks what depends on the reading")
        if act in ("credit_memo", "write_off") and supported > open_bal(lgn, num): fail(f"{cid}: credit {supported} above open balance {open_bal(lgn, num)}")
    if "escalation" in e:
        pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
        amount = disputed if disputed is not None else supported
        conv = to_company(lgn, num, amount) if amount is not None else D(0)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        money = supported if act in ("credit_memo", "write_off", "goodwill_credit") and supported else None
        above_lead = money is not None and (to_company(lgn, num, money) is None or to_company(lgn, num, money) > D(pol["approvalLimits"]["lead"]))
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or above_lead)
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
        if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
            fail(f"{cid}: legal escalation expected")
    for k in ("emailMentions",):
        if num not in e.get(k, [num]): fail(f"{cid}: email should name {num}")

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
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "-")) for c in cases)))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
