#!/usr/bin/env python3
"""Batch-71 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-71/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "UGX": 0, "RWF": 0}  # KES, TZS, USD: 2
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
NO_RATE = {"LSH-EV-460"}   # batch 71: the KES invoice of the Ugandan hotel has no rate, on purpose
INTENDED_WRONG_PO = {"ANK/0815/TGA"}   # quotes KCC/PO/2026/1183, a PO the customer never issued (theirs is 1138)
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
KE, UG, TZ = "tausi-express-kes.ledger.json", "lutembe-shores-ugx.ledger.json", "pangani-sisal-tzs.ledger.json"
T_KE, T_UG, T_TZ = "2026-11-18", "2026-11-25", "2026-12-02"
def dates_credit(lgn, num, n, sku, dates):
    """Units at the line's price (with its tax) for the named dates without a rendered per-day entry; None: a span entry covers a date."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def fee_desc(lgn, num, start): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").startswith(start)), D("0"))
def fee_named_in_notes(lgn, num, words):
    """The contract's notes name the fee (DOMAIN / evidence header: 'another fee when the contract's notes name it')."""
    c = contract_of(ledgers[lgn], I(lgn, num)); return bool(c and words.lower() in c.get("notes", "").lower())
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def contract_prices_at(lgn, num, n):
    """The contract prices the line's SKU at the billed price."""
    l = line(I(lgn, num), n); p = contract_price(lgn, num, l["sku"]); return p is not None and D(p) == D(l["unitPrice"])
def nothing_supports_line(lgn, num, n):
    """No PO line, no delivery, no service log and no contract price for the line's SKU."""
    l = line(I(lgn, num), n)
    return not (po_line_supports(lgn, num, n) or has_delivery(lgn, num, l["sku"]) or has_log(lgn, num, l["sku"]) or contract_price(lgn, num, l["sku"]) is not None)
def no_contract_no_po(lgn, num):
    i = I(lgn, num); return not i.get("contractId") and not i.get("poNumber")
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)
def logs_all_rendered(lgn, num):
    i = I(lgn, num); return all(logged(lgn, num, l["sku"]) >= l["quantity"] for l in i["lines"])
def lines_gross(lgn, num, ns): return sum((line_gross(lgn, num, n) for n in ns), D("0"))

R = {
 # Kenya (KES; USD at 129.2500 / 128.9000, TZS at 0.0521 / 0.0517)
 "b71-ke-sokopap-cod-fee-rate": (lambda: price_diff(KE, "NBO-402/26", 2), lambda: price_diff(KE, "NBO-402/26", 2)),
 "b71-ke-sokopap-failed-drops": (lambda: short(KE, "NBO-418/26", 1, logged(KE, "NBO-418/26", "SD-NBO")), lambda: units_credit(KE, "NBO-418/26", 1, 14)),
 "b71-ke-sokopap-late-charge-grace": (lambda: fee_not_owed(KE, "NBO-391/26", T_KE), lambda: fee(KE, "NBO-391/26", "late_fee")),
 "b71-ke-sokopap-paybill-account-typo": (lambda: unapplied_payment(KE, "NBO-425/26", "2026-11-09"), lambda: open_bal(KE, "NBO-425/26")),
 "b71-ke-sokopap-storage-pallets": (lambda: short(KE, "NBO-421/26", 1, logged(KE, "NBO-421/26", "STORE-PLT-WK")), lambda: units_credit(KE, "NBO-421/26", 1, 4 * 4)),
 "b71-ke-mwangaza-linehaul-twice": (lambda: inv_total(KE, "MBA-61/26") if same_basis_duplicate(KE, "MBA-61/26", "MBA-57/26") else Z, lambda: inv_total(KE, "MBA-61/26")),
 "b71-ke-mwangaza-no-lpo": (lambda: Z if po_defect(KE, "MBA-66/26") else None, lambda: inv_total(KE, "MBA-66/26")),
 "b71-ke-mwangaza-van-no-show": (lambda: dates_credit(KE, "MBA-74/26", 1, "VAN-DAY", ["2026-10-14", "2026-10-15"]), lambda: units_credit(KE, "MBA-74/26", 1, 2)),
 "b71-ke-afya-coolbox-lids": (lambda: units_credit(KE, "NBO-409/26", 1, delivered(KE, "NBO-409/26", "COOLBOX-20L", "damagedQuantity")), lambda: units_credit(KE, "NBO-409/26", 1, 3)),
 "b71-ke-afya-riders-unhappy": (lambda: short(KE, "NBO-416/26", 1, logged(KE, "NBO-416/26", "RIDER-DAY")), lambda: line_gross(KE, "NBO-416/26", 1)),
 "b71-ke-afya-westlands-rider-dates": (None, lambda: units_credit(KE, "NBO-416/26", 1, 2)),
 "b71-ke-wildlife-trust-vat": (lambda: inv_tax(KE, "NBO-396/26") if tax_exempt(KE, "NBO-396/26") else Z, lambda: inv_tax(KE, "NBO-396/26")),
 "b71-ke-wildlife-trust-remote-surcharge": (lambda: Z if fee_named_in_notes(KE, "NBO-423/26", "remote-area surcharge") else fee_desc(KE, "NBO-423/26", "Remote-area surcharge"),
                                            lambda: fee_desc(KE, "NBO-423/26", "Remote-area surcharge")),
 "b71-ke-kabalagala-parcel-rate": (lambda: price_diff(KE, "NBO-405/26", 1), lambda: price_diff(KE, "NBO-405/26", 1)),
 "b71-ke-ngaresero-fourth-trip": (lambda: short(KE, "NBO-412/26", 1, logged(KE, "NBO-412/26", "LH-ARK-TRIP")) + short(KE, "NBO-412/26", 2, logged(KE, "NBO-412/26", "BORDER-DOC")),
                                  lambda: units_credit(KE, "NBO-412/26", 1, 1) + units_credit(KE, "NBO-412/26", 2, 1)),
 "b71-ke-ngaresero-late-charge": (lambda: fee_not_owed(KE, "NBO-377/26", T_KE), lambda: fee(KE, "NBO-377/26", "late_fee")),
 "b71-ke-baraka-handling-fee": (None, lambda: fee_desc(KE, "NBO-369/26", "Handling & insurance")),
 # Uganda (UGX, 0 digits; USD at 3,655.00 / 3,712.50; no KES rate)
 "b71-ug-nbmhi-workshop-billed-twice": (lambda: inv_total(UG, "LSH-EV-436") if same_basis_duplicate(UG, "LSH-EV-436", "LSH-EV-431") else Z, lambda: inv_total(UG, "LSH-EV-436")),
 "b71-ug-nbmhi-sign-in-sheets": (lambda: short(UG, "LSH-EV-458", 1, logged(UG, "LSH-EV-458", "CONF-FD")), lambda: units_credit(UG, "LSH-EV-458", 1, 3 * 3)),
 "b71-ug-nbmhi-airport-transfer": (lambda: Z if po_line_supports(UG, "LSH-EV-458", 2) else line_gross(UG, "LSH-EV-458", 2), lambda: line_gross(UG, "LSH-EV-458", 2)),
 "b71-ug-nbmhi-eft-paid": (lambda: unapplied_payment(UG, "LSH-EV-466", "2026-11-16"), lambda: open_bal(UG, "LSH-EV-466")),
 "b71-ug-pearlcrest-gala-quote": (lambda: price_diff(UG, "LSH-EV-429", 1), lambda: price_diff(UG, "LSH-EV-429", 1, "75000")),
 "b71-ug-pearlcrest-cancelled-rooms": (lambda: short(UG, "LSH-AC-198", 1, logged(UG, "LSH-AC-198", "RM-BB-SGL")), lambda: units_credit(UG, "LSH-AC-198", 1, 5)),
 "b71-ug-pearlcrest-no-lpo": (lambda: Z if po_defect(UG, "LSH-EV-471") else None, lambda: inv_total(UG, "LSH-EV-471")),
 "b71-ug-pearlcrest-own-projector": (lambda: dates_credit(UG, "LSH-EV-447", 1, "PA-DAY", ["2026-09-23", "2026-09-24"]), lambda: units_credit(UG, "LSH-EV-447", 1, 2)),
 "b71-ug-sacco-two-month-charge": (lambda: fee_not_owed(UG, "LSH-EV-418", T_UG), lambda: fee(UG, "LSH-EV-418", "late_fee")),
 "b71-ug-sacco-hall-ac-goodwill": (lambda: Z if logs_all_rendered(UG, "LSH-EV-462") else None, lambda: D("2500000")),
 "b71-ug-lvfc-vat-exempt": (lambda: inv_tax(UG, "LSH-EV-441") if tax_exempt(UG, "LSH-EV-441") else Z, lambda: inv_tax(UG, "LSH-EV-441")),
 "b71-ug-lvfc-boat-cruise": (lambda: line_gross(UG, "LSH-EV-469", 2) if nothing_supports_line(UG, "LSH-EV-469", 2) else Z, lambda: line_gross(UG, "LSH-EV-469", 2)),
 "b71-ug-lakebasin-room-nights": (lambda: short(UG, "LSH-EV-460", 1, logged(UG, "LSH-EV-460", "RM-BB-SGL")), lambda: units_credit(UG, "LSH-EV-460", 1, 3)),
 "b71-ug-lakebasin-boat": (lambda: Z if contract_prices_at(UG, "LSH-EV-460", 3) else line_gross(UG, "LSH-EV-460", 3), lambda: line_gross(UG, "LSH-EV-460", 3)),
 "b71-ug-akagera-office-handover": (lambda: outside_contract(UG, "LSH-AC-211"), lambda: D("1492.13")),
 "b71-ug-akagera-swift-not-found": (None, lambda: open_bal(UG, "LSH-EV-444")),
 # Tanzania (TZS; RWF, 0 digits, at 1.8420 / 1.8135; KES at 19.4500 / 19.6200)
 "b71-tz-kccc-coffee-bags-short": (lambda: short(TZ, "ANK/0789/TGA", 1, delivered(TZ, "ANK/0789/TGA", "SACK-60")), lambda: units_credit(TZ, "ANK/0789/TGA", 1, 200)),
 "b71-tz-kccc-po-digits-swapped": (lambda: Z if po_defect(TZ, "ANK/0815/TGA") else None, lambda: inv_total(TZ, "ANK/0815/TGA")),
 "b71-tz-kccc-twine-rate": (lambda: price_diff(TZ, "ANK/0829/TGA", 1), lambda: price_diff(TZ, "ANK/0829/TGA", 1)),
 "b71-tz-twiyubake-torn-sacks": (lambda: units_credit(TZ, "ANK/0808/TGA", 1, delivered(TZ, "ANK/0808/TGA", "SACK-60", "damagedQuantity")), lambda: units_credit(TZ, "ANK/0808/TGA", 1, 190)),
 "b71-tz-twiyubake-swift-transport": (lambda: unapplied_payment(TZ, "ANK/0833/TGA", "2026-11-20"), lambda: open_bal(TZ, "ANK/0833/TGA")),
 "b71-tz-subukia-old-twine-price": (lambda: price_diff(TZ, "ANK/0811/TGA", 1), lambda: price_diff(TZ, "ANK/0811/TGA", 1, "2750.00")),
 "b71-tz-bagamoyo-riba-no-clause": (lambda: fee_not_owed(TZ, "ANK/0781/DSM", T_TZ), lambda: fee(TZ, "ANK/0781/DSM", "late_fee")),
 "b71-tz-bagamoyo-lipa-namba": (lambda: unapplied_payment(TZ, "ANK/0837/DSM", "2026-11-27"), lambda: open_bal(TZ, "ANK/0837/DSM")),
 "b71-tz-seaweed-project-vat": (lambda: inv_tax(TZ, "ANK/0820/DSM") if tax_exempt(TZ, "ANK/0820/DSM") else Z, lambda: inv_tax(TZ, "ANK/0820/DSM")),
 "b71-tz-seaweed-rope-count": (None, lambda: units_credit(TZ, "ANK/0841/DSM", 1, 20)),
 "b71-tz-mkwaja-storage-after-contract": (lambda: outside_contract(TZ, "ANK/0826/TGA"), lambda: inv_total(TZ, "ANK/0826/TGA")),
 "b71-tz-mkwaja-grading-tonnes": (lambda: short(TZ, "ANK/0796/TGA", 1, logged(TZ, "ANK/0796/TGA", "GRADE-T")), lambda: units_credit(TZ, "ANK/0796/TGA", 1, "3.75")),
 "b71-tz-usambara-rope-rotten": (lambda: units_credit(TZ, "ANK/0802/TGA", 1, delivered(TZ, "ANK/0802/TGA", "ROPE-12", "damagedQuantity")), lambda: units_credit(TZ, "ANK/0802/TGA", 1, 6)),
 "b71-tz-usambara-loading-fee": (lambda: Z if fee_on_po(TZ, "ANK/0802/TGA", "other") else fee(TZ, "ANK/0802/TGA", "other"), lambda: fee(TZ, "ANK/0802/TGA", "other")),
}
NEEDS_INFO = {
 "b71-ke-afya-westlands-rider-dates": lambda: unserved_dates(KE, "NBO-416/26", "RIDER-DAY", ["2026-10-12", "2026-10-13"]) is None,
 "b71-ke-baraka-handling-fee": lambda: no_contract_no_po(KE, "NBO-369/26") and not fee_on_po(KE, "NBO-369/26", "other"),
 "b71-ug-akagera-swift-not-found": lambda: nothing_could_be_theirs(UG, "LSH-EV-444", "2026-10-20", "BK/OT/2026/10/88213"),
 "b71-tz-seaweed-rope-count": lambda: not has_delivery(TZ, "ANK/0841/DSM", "ROPE-6"),
}
WRONG_CUSTOMER = {}

# ---- numbering: NBO-412/26 / MBA-57/26 (branch, unpadded sequence per branch, two-digit year of issue),
# LSH-EV-457 / LSH-AC-211 (events and accommodation series, unpadded, one sequence each), ANK/0847/TGA (one shared
# four-digit sequence, issuing branch TGA Tanga or DSM Dar depot); every sequence follows the issue dates.
import re
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for branch in ("NBO", "MBA"):
    v = [i for i in ledgers[KE]["invoices"] if i["number"].startswith(branch + "-")]
    for i in v:
        m = re.fullmatch(r"(NBO|MBA)-([1-9]\d*)/(\d{2})", i["number"])
        if not m or m.group(3) != i["issueDate"][2:4]: fail(f"{i['number']}: not BRANCH-n/yy of its issue year")
    if not seq_ok(v, lambda i: int(re.search(r"-(\d+)/", i["number"]).group(1))): fail(f"KE {branch}: sequence out of date order")
if not all(re.fullmatch(r"(NBO|MBA)-\d+/26", i["number"]) for i in ledgers[KE]["invoices"]): fail("KE numbering")
for series in ("EV", "AC"):
    v = [i for i in ledgers[UG]["invoices"] if i["number"].startswith(f"LSH-{series}-")]
    if not all(re.fullmatch(r"LSH-(EV|AC)-[1-9]\d*", i["number"]) for i in v): fail("UG numbering")
    if not seq_ok(v, lambda i: int(i["number"].split("-")[2])): fail(f"UG series {series}: sequence out of date order")
if len(ledgers[UG]["invoices"]) != sum(1 for i in ledgers[UG]["invoices"] if re.fullmatch(r"LSH-(EV|AC)-\d+", i["number"])): fail("UG series")
if not all(re.fullmatch(r"ANK/\d{4}/(TGA|DSM)", i["number"]) for i in ledgers[TZ]["invoices"]): fail("TZ numbering")
if not seq_ok(ledgers[TZ]["invoices"], lambda i: int(i["number"].split("/")[1])): fail("TZ: shared sequence out of date order")

# ---- per-day logs: the Mwangaza van and the Pearl Crest PA days are logged one entry per working day
hol = set(ledgers[KE]["policy"]["holidays"])
for s in ledgers[KE]["serviceLogs"]:
    if s.get("invoiceNumber") == "MBA-74/26":
        d = date.fromisoformat(s["periodStart"])
        if s["periodStart"] != s["periodEnd"] or d.weekday() >= 5 or s["periodStart"] in hol: fail(f"van log {s['id']}: not a single working day")
if sum(1 for s in ledgers[KE]["serviceLogs"] if s.get("invoiceNumber") == "MBA-74/26") != 19: fail("van log: 19 day entries expected (20 billed, 15 Oct missing)")
# ---- the unapplied payments are the only ones without an invoice, one per already-paid case
unapplied = {(lgn, p["id"]) for lgn, lg in ledgers.items() for p in lg["payments"] if not p.get("invoiceNumber")}
if unapplied != {(KE, "RCPT-K-2388"), (UG, "RV-0967"), (TZ, "RCT-T-1266"), (TZ, "RCT-T-1281")}: fail(f"unexpected unapplied payments {unapplied}")

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
    if not cid.startswith("b71-"): fail(f"{cid}: id prefix")
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

# ---- question topics and e-mail strings (README, "Choices"): `invoice` in neverAsks only when the first turn names the
# invoice; e-mail strings are invoice / PO numbers of the ledger or amounts below 1,000 written with the currency's decimals
TODAYS = {KE: T_KE, UG: T_UG, TZ: T_TZ}
for c in cases:
    e = c["expect"]; lg = ledgers.get(c["ledger"])
    if c["today"] != TODAYS.get(c["ledger"]): fail(f"{c['id']}: today {c['today']}")
    if "invoice" in e.get("neverAsks", []) and e.get("invoiceNumber") not in c["turns"][0]: fail(f"{c['id']}: neverAsks invoice but turn 1 does not name it")
    if e.get("invoiceNumber") and e["invoiceNumber"] not in " ".join(c["turns"]): fail(f"{c['id']}: the invoice is never named")
    known = {i["number"] for i in lg["invoices"]} | {p["number"] for p in lg.get("purchaseOrders", [])}
    for m in e.get("emailMentions", []):
        if m in known: continue
        try:
            if D(m) >= 1000 or not decimals_ok(m, cur_of(c["ledger"], e["invoiceNumber"])): fail(f"{c['id']}: e-mail amount {m}")
            elif m not in (e.get("disputedAmount"), e.get("supportedAmount")): fail(f"{c['id']}: e-mail amount {m} is neither the disputed nor the supported amount")
        except Exception: fail(f"{c['id']}: e-mail string {m} is neither a document number nor an amount")

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
print("  escalation expected:", sum(1 for c in cases if c["expect"].get("escalation")), "of", sum(1 for c in cases if "escalation" in c["expect"]))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

