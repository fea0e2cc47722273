#!/usr/bin/env python3
"""Batch-34 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-34/check-figures.py"""
import glob, json, os, re, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # KZT, RUB, GEL, USD, MNT, EUR: 2
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

KZ, GE, MN = "tobol-grain-terminal-kzt.ledger.json", "rioni-cargo-gel.ledger.json", "khangai-cashmere-mnt.ledger.json"
TODAY = {KZ: "2026-11-19", GE: "2026-11-25", MN: "2026-12-02"}
NUMBERING = {KZ: r"^\u0422\u0410" + r"00-000\d{3}$", GE: "^\u10d4\u10d0-36 0512\\d{3}$", MN: r"^KCP-0\d{3}/26$"}

# ---- ledgers: totals, statuses, references, terms, minor digits, numbering
NO_RATE = {"KCP-0415/26", "KCP-0402/26"}   # Kobe Knit's JPY invoices: the ledger has no JPY rate on purpose
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
        if not re.match(NUMBERING[name], i["number"]): fail(f"{name} {i['number']}: numbering")
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
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        if cust.get("taxExempt") and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "\u10d4\u10d0-36 0512236":
            fail(f"{name} {i['number']}: an exempt customer taxed (only the tax-error invoice may be)")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur}")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} reference")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]) + credited(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if paid(lg, i["number"]) > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments and credits say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for m in lg.get("creditMemos", []):
        if m["invoiceNumber"] not in nums: fail(f"{name} credit memo {m['number']}: unknown invoice")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
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
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
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
def line_tax_above(lgn, num, n, rate):        # tax on line n above `rate` (the rate the customer's other invoices use)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; nn = net(l, cur)
    return tax(l, nn, cur) - tax(l, nn, cur, rate)
def usual_rate(lgn, num, sku):
    i = I(lgn, num); rates = {l.get("taxRate") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for l in o["lines"] if l["sku"] == sku}
    return rates.pop() if len(rates) == 1 else None
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

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

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and len(a["lines"]) == len(b["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"

def line_on_po(lgn, num, n):
    """The invoice line's SKU, quantity and price are on the invoice's own PO: the customer ordered it."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return bool(po) and any(x["sku"] == l["sku"] and x["unitPrice"] == l["unitPrice"] and x["quantity"] >= l["quantity"] for x in po["lines"])
def fee_named(lgn, num, t):
    """A fee of type t is owed when the contract's notes or one of the customer's PO lines name it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    words = [w for w in re.findall(r"[a-z]+", f.get("description", "").lower()) if len(w) > 4]
    in_notes = bool(c) and any(w in c.get("notes", "").lower() for w in words)
    on_po = any(any(w in x.get("description", "").lower() for w in words) for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for x in po["lines"])
    return in_notes or on_po

Z = D("0")
def N(lgn, seq):
    """Invoice number from its sequence, as each company prints it."""
    return {KZ: "\u0422\u0410" + f"00-{seq:06d}", GE: "\u10d4\u10d0-36 " + f"{seq:07d}", MN: f"KCP-{seq:04d}/26"}[lgn]
K = lambda s: N(KZ, s)
G = lambda s: N(GE, s)
M = lambda s: N(MN, s)
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b34-kz-astyk-wagons-44": (lambda: short(KZ, K(451), 1, logged(KZ, K(451), "LOAD-WG")), lambda: units_credit(KZ, K(451), 1, 4)),
 "b34-kz-astyk-no-po": (lambda: Z if po_defect(KZ, K(458)) else None, lambda: inv_total(KZ, K(458))),
 "b34-kz-astyk-penya-two-months": (lambda: fee_not_owed(KZ, K(462), TODAY[KZ]), lambda: fee(KZ, K(462), "late_fee")),
 "b34-kz-astyk-cleaning-quality": (lambda: short(KZ, K(469), 1, logged(KZ, K(469), "CLEAN-T")), lambda: line_gross(KZ, K(469), 1)),
 "b34-kz-rmk-storage-price": (lambda: price_diff(KZ, K(455), 1), lambda: price_diff(KZ, K(455), 1, "1100.00")),
 "b34-kz-rmk-torn-bags": (lambda: units_credit(KZ, K(460), 1, delivered(KZ, K(460), "BAG-50", "damagedQuantity")), lambda: units_credit(KZ, K(460), 1, 350)),
 "b34-kz-rmk-penya-no-clause": (lambda: fee_not_owed(KZ, K(447), TODAY[KZ]), lambda: fee(KZ, K(447), "late_fee")),
 "b34-kz-rmk-471-double": (lambda: inv_total(KZ, K(471)) if same_basis_duplicate(KZ, K(471), K(466)) else Z, lambda: inv_total(KZ, K(471))),
 "b34-kz-nurlan-drying": (None, lambda: line_gross(KZ, K(449), 2)),
 "b34-kz-nurlan-kaspi": (lambda: unapplied_payment(KZ, K(463), "2026-10-26"), lambda: open_bal(KZ, K(463))),
 "b34-kz-zauralye-wagon-rate": (lambda: price_diff(KZ, K(453), 1), lambda: price_diff(KZ, K(453), 1, "4900.00")),
 "b34-kz-zauralye-lab-samples": (lambda: short(KZ, K(465), 2, logged(KZ, K(465), "LAB-S")), lambda: short(KZ, K(465), 2, 12)),
 "b34-kz-zauralye-paid-swift": (lambda: unapplied_payment(KZ, K(457), "2026-10-07"), lambda: open_bal(KZ, K(457))),
 "b34-kz-prodcorp-after-contract": (lambda: outside_contract(KZ, K(459)), lambda: r(line_gross(KZ, K(459), 1) * 15 / 31, "KZT")),
 "b34-kz-prodcorp-old-tariff": (lambda: price_diff(KZ, K(441), 1), lambda: price_diff(KZ, K(441), 1, "1000.00")),

 "b34-ge-sakhli-0512231-double": (lambda: inv_total(GE, G(512231)) if same_basis_duplicate(GE, G(512231), G(512214)) else Z, lambda: inv_total(GE, G(512231))),
 "b34-ge-sakhli-storage-28": (lambda: price_diff(GE, G(512238), 1), lambda: price_diff(GE, G(512238), 1, "25.00")),
 "b34-ge-sakhli-no-po": (lambda: Z if po_defect(GE, G(512245)) else None, lambda: inv_total(GE, G(512245))),
 "b34-ge-sakhli-12-trips": (lambda: short(GE, G(512209), 1, logged(GE, G(512209), "TRK-PT-TB")), lambda: short(GE, G(512209), 1, 12)),
 "b34-ge-kvareli-six-trips": (lambda: short(GE, G(512220), 1, logged(GE, G(512220), "TRK-KV-PT")), lambda: short(GE, G(512220), 1, 6)),
 "b34-ge-kvareli-reefer-12-13": (None, lambda: units_credit(GE, G(512227), 1, 4 * 2)),
 "b34-ge-kvareli-late-fee": (lambda: fee_not_owed(GE, G(512188), TODAY[GE]), lambda: fee(GE, G(512188), "late_fee")),
 "b34-ge-ararat-swift": (lambda: unapplied_payment(GE, G(512201), "2026-10-19"), lambda: open_bal(GE, G(512201))),
 "b34-ge-ararat-rate-1300": (lambda: price_diff(GE, G(512233), 1), lambda: price_diff(GE, G(512233), 1, "1300.00")),
 "b34-ge-ararat-declarations": (lambda: short(GE, G(512240), 2, logged(GE, G(512240), "CUST-DEC-T")), lambda: short(GE, G(512240), 2, 1)),
 "b34-ge-crm-vat": (lambda: inv_tax(GE, G(512236)) if tax_exempt(GE, G(512236)) else Z, lambda: inv_tax(GE, G(512236))),
 "b34-ge-crm-unstuffing": (lambda: Z if line_on_po(GE, G(512192), 2) else line_gross(GE, G(512192), 2), lambda: line_gross(GE, G(512192), 2)),
 "b34-ge-bst-demurrage": (lambda: Z if fee_named(GE, G(512224), "other") else fee(GE, G(512224), "other"), lambda: fee(GE, G(512224), "other")),
 "b34-ge-bst-airbags-460": (lambda: short(GE, G(512242), 1, delivered(GE, G(512242), "DUNN-BAG")), lambda: short(GE, G(512242), 1, 400)),
 "b34-ge-bst-lolo-110": (lambda: price_diff(GE, G(512216), 1), lambda: price_diff(GE, G(512216), 1, "95.00")),

 "b34-mn-filati-dehair-365": (lambda: price_diff(MN, M(412), 1), lambda: price_diff(MN, M(412), 1, "3.40")),
 "b34-mn-filati-wet-bales": (lambda: units_credit(MN, M(419), 1, delivered(MN, M(419), "TOP-KG", "damagedQuantity")), lambda: units_credit(MN, M(419), 1, 180)),
 "b34-mn-filati-lab-tests": (lambda: Z if line_on_po(MN, M(398), 2) else line_gross(MN, M(398), 2), lambda: line_gross(MN, M(398), 2)),
 "b34-mn-kobe-760kg": (lambda: short(MN, M(415), 1, delivered(MN, M(415), "YARN-228")), lambda: short(MN, M(415), 1, 760)),
 "b34-mn-kobe-remittance": (lambda: unapplied_payment(MN, M(402), "2026-10-20"), lambda: open_bal(MN, M(402))),
 "b34-mn-akbulak-bales-october": (lambda: short(MN, M(407), 2, logged(MN, M(407), "STOR-BALE")), lambda: units_credit(MN, M(407), 2, 15)),
 "b34-mn-tuul-no-po": (lambda: Z if po_defect(MN, M(409)) else None, lambda: inv_total(MN, M(409))),
 "b34-mn-tuul-dye-9000": (lambda: price_diff(MN, M(416), 1), lambda: price_diff(MN, M(416), 1, "9000.00")),
 "b34-mn-tuul-late-fee-grace": (lambda: fee_not_owed(MN, M(396), TODAY[MN]), lambda: fee(MN, M(396), "late_fee")),
 "b34-mn-tuul-vat-12": (lambda: line_tax_above(MN, M(421), 1, usual_rate(MN, M(421), "DYE-KG")), lambda: line_tax_above(MN, M(421), 1, "0.10")),
 "b34-mn-tuul-balance-paid": (lambda: unapplied_payment(MN, M(404), "2026-11-20"), lambda: open_bal(MN, M(404))),
 "b34-mn-altan-0414-double": (lambda: inv_total(MN, M(414)) if same_basis_duplicate(MN, M(414), M(410)) else Z, lambda: inv_total(MN, M(414))),
 "b34-mn-altan-shade": (lambda: short(MN, M(405), 1, logged(MN, M(405), "DYE-KG")), lambda: line_gross(MN, M(405), 1)),
 "b34-mn-altan-spinning-300": (None, lambda: line_gross(MN, M(418), 2)),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b34-kz-nurlan-drying": lambda: not has_log(KZ, K(449), "DRY-T") and not I(KZ, K(449)).get("contractId"),
 "b34-ge-kvareli-reefer-12-13": lambda: unserved_dates(GE, G(512227), "REEF-DAY", ["2026-10-12", "2026-10-13"]) is None,
 "b34-mn-altan-spinning-300": lambda: not has_log(MN, M(418), "SPIN-KG"),
}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def main():
    cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
    if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
    ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
    for c in cases:
        e, cid, lgn = c["expect"], c["id"], c["ledger"]
        if not cid.startswith("b34-"): fail(f"{cid}: id prefix")
        if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
        if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
        if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
        if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
        if not c.get("description"): fail(f"{cid}: no description")
        if not ALL4 <= set(e.get("mustNotHappen", [])): fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
        lg = ledgers[lgn]
        nums = {i["number"] for i in lg["invoices"]}
        if e.get("noResolution"):
            text = " ".join(c["turns"])
            seqs = {n: re.findall(r"\d{3,}", n)[-1].lstrip("0") for n in nums}
            hit = [n for n, s in seqs.items() if re.search(rf"(?<!\d)0*{s}(?!\d)", text)]
            if hit: fail(f"{cid}: noResolution but it names an existing invoice {hit}")
            continue
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
                if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
                if cl == "invalid" and not wo and act != "no_adjustment": fail(f"{cid}: invalid, not written off, should be no_adjustment")
                if cl == "partial" and not wo and act != "credit_memo": fail(f"{cid}: partial, not written off, should be credit_memo")
            if cl == "valid" and act in ("write_off", "no_adjustment", "goodwill_credit"): fail(f"{cid}: valid with {act}")
            if cl == "valid" and e.get("reasonCode") == "already_paid" and act != "apply_payment": fail(f"{cid}: already paid should apply the payment")
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
        for s in e.get("emailMentions", []):
            if s not in (num, e.get("disputedAmount"), e.get("supportedAmount")) and s not in " ".join(c["turns"]):
                fail(f"{cid}: emailMentions {s} is neither the invoice, an expected amount nor something said")

    # ---- routing and tallies quoted in the README
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

if __name__ == "__main__":
    main()
