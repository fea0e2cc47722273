#!/usr/bin/env python3
"""Batch-66 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-66/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # SYP, ERN, IRR, USD, EUR, QAR, AED: 2
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
NO_RATE = {"AFZ-1405-0374"}   # batch 66: the AED invoice of Al Ras has no rate, on purpose
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
        for f in i.get("fees", []):
            if not decimals_ok(f["amount"], cur): fail(f"{name} {i['number']}: fee digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            for l in i["lines"]:
                if not any(p["sku"] == l["sku"] for p in c["prices"]): fail(f"{name} {i['number']}: SKU {l['sku']} not priced by the contract")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {i['number']}: a rate exists after all")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if i.get("servicePeriodStart") and i["servicePeriodStart"] > i["servicePeriodEnd"]: fail(f"{name} {i['number']}: period reversed")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber") and not any(l["sku"] == d["sku"] for l in invoice(lg, d["invoiceNumber"])["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber") and invoice(lg, s["invoiceNumber"])["customerId"] != s["customerId"]: fail(f"{name} log {s['id']}: customer differs from its invoice")
        if s.get("invoiceNumber") and not any(l["sku"] == s["sku"] for l in invoice(lg, s["invoiceNumber"])["lines"]): fail(f"{name} log {s['id']}: SKU not on its invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency differs from its invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if not decimals_ok(d["disputedAmount"], cur0): fail(f"{name} past dispute {d['id']}: digits")


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
SY, ER, IR = "khan-al-saboun-syp.ledger.json", "massawa-livestock-ern.ledger.json", "arvand-dairy-irr.ledger.json"
T_SY, T_ER, T_IR = "2026-11-24", "2026-12-01", "2026-11-26"
def dates_credit(lgn, num, n, sku, dates):
    """Units at the line's price (with its tax) for the named dates without a rendered per-day entry."""
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def po_line_supports(lgn, num, n):
    """The invoice's own PO (not cancelled) has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def contract_prices_line(lgn, num, n):
    i = I(lgn, num); l = line(i, n); return contract_price(lgn, num, l["sku"]) == l["unitPrice"]
def duplicate_line(lgn, num, n):
    """Another line of the same invoice bills the same SKU, quantity and price, and the logs hold one unit."""
    i = I(lgn, num); l = line(i, n)
    twin = [x for x in i["lines"] if x["line"] != n and (x["sku"], x["quantity"], x["unitPrice"]) == (l["sku"], l["quantity"], l["unitPrice"])]
    return line_gross(lgn, num, n) if twin and logged(lgn, num, l["sku"]) == l["quantity"] else Z
def excess_tax_rate(lgn, num, n):
    """A non-exempt customer owes the rate its other invoices use for the same SKU."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n); cur = i["currency"]
    rates = {x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]}
    if len(rates) != 1: return None
    usual = rates.pop(); n_ = net(l, cur)
    return tax(l, n_, cur) - tax(l, n_, cur, usual)
def one(xs, what):
    if len(xs) != 1: fail(f"identification: {what} matches {len(xs)} invoices"); return None
    return xs[0]["number"]
def invs(lgn, **kw):
    out = []
    for i in ledgers[lgn]["invoices"]:
        if kw.get("cust") and i["customerId"] != kw["cust"]: continue
        if kw.get("po") and i.get("poNumber") != kw["po"]: continue
        if kw.get("total") and D(i["total"]) != D(kw["total"]): continue
        if kw.get("date") and i["issueDate"] != kw["date"]: continue
        if kw.get("month") and i["issueDate"][:7] != kw["month"]: continue
        if kw.get("sku") and not any(l["sku"] == kw["sku"] for l in i["lines"]): continue
        out.append(i)
    return out

# Each case: (supported recipe, disputed recipe), with the invoice (or both invoices of a pair).
R = {
 # Syria (SYP; USD 110.5000 / 112.2500, JOD 155.8500 / 158.3000, EUR 128.2000 / 130.4500)
 "b66-sy-levant-releve-1415-price": ("KS-EX-1415", lambda n: price_diff(SY, n, 1), lambda n: price_diff(SY, n, 1)),
 "b66-sy-levant-1421-sans-bc": ("KS-EX-1421", lambda n: Z if po_defect(SY, n) else None, lambda n: inv_total(SY, n)),
 "b66-sy-levant-bc2317-short": ("KS-EX-1409", lambda n: short(SY, n, 1, delivered(SY, n, "LAUREL-20-CTN")), lambda n: short(SY, n, 1, 140)),
 "b66-sy-levant-coffrets-ecrases": ("KS-EX-1404", lambda n: units_credit(SY, n, 2, delivered(SY, n, "OLIVE-GIFT-6", "damagedQuantity")), lambda n: units_credit(SY, n, 2, 36)),
 "b66-sy-zaytoun-4570-twice": ("KS-EX-1418", lambda n: inv_total(SY, n) if same_basis_duplicate(SY, n, "KS-EX-1411") and not any(d.get("invoiceNumber") == n for d in ledgers[SY]["deliveries"]) else Z, lambda n: inv_total(SY, n)),
 "b66-sy-zaytoun-late-charge-grace": ("KS-EX-1396", lambda n: fee_not_owed(SY, n, T_SY), lambda n: fee(SY, n, "late_fee")),
 "b66-sy-zaytoun-gift-old-price": ("KS-EX-1403", lambda n: price_diff(SY, n, 2), lambda n: price_diff(SY, n, 2, "6.250")),
 "b66-sy-jasmin-analyses-un-lot": ("KS-EX-1413", lambda n: short(SY, n, 2, logged(SY, n, "LAB-BATCH")), lambda n: short(SY, n, 2, 1)),
 "b66-sy-jasmin-fret-inconnu": ("KS-EX-1419", lambda n: Z if fee_on_po(SY, n, "freight") else fee(SY, n, "freight"), lambda n: fee(SY, n, "freight")),
 "b66-sy-jasmin-74-cartons": ("KS-EX-1419", None, lambda n: short(SY, n, 1, 74)),
 "b66-sy-qasr-liquid-soap-two-invoices": (("KS-LO-0856", "KS-LO-0866"), lambda n: price_diff(SY, n, 2), lambda n: price_diff(SY, n, 2)),
 "b66-sy-qasr-guest-soap-15": ("KS-LO-0866", lambda n: short(SY, n, 1, delivered(SY, n, "GUEST-25G-K")), lambda n: short(SY, n, 1, 15)),
 "b66-sy-nour-late-interest": ("KS-LO-0829", lambda n: fee_not_owed(SY, n, T_SY), lambda n: fee(SY, n, "late_fee")),
 "b66-sy-nour-transfer-0848": ("KS-LO-0848", lambda n: unapplied_payment(SY, n, "2026-10-26"), lambda n: open_bal(SY, n)),
 "b66-sy-nour-leaking-jerrycans": ("KS-LO-0861", lambda n: units_credit(SY, n, 1, delivered(SY, n, "LIQ-5L", "damagedQuantity")), lambda n: units_credit(SY, n, 1, 9)),
 "b66-sy-amal-exempt-tax": ("KS-LO-0853", lambda n: inv_tax(SY, n) if tax_exempt(SY, n) else Z, lambda n: inv_tax(SY, n)),
 # Eritrea (ERN; USD 15.0000, DJF 0.0844)
 "b66-er-qurashi-statement-2637a-days": ("MLQ-C2637-A", lambda n: short(ER, n, 1, logged(ER, n, "QP-CATTLE-HD")), lambda n: short(ER, n, 1, 4000)),
 "b66-er-qurashi-water-2637b": ("MLQ-C2637-B", lambda n: Z if (po_line_supports(ER, n, 3) or contract_prices_line(ER, n, 3) or has_log(ER, n, "WATER-M3")) else line_gross(ER, n, 3), lambda n: line_gross(ER, n, 3)),
 "b66-er-qurashi-ppr-keren": ("MLQ-C2624-A", lambda n: short(ER, n, 3, logged(ER, n, "VAC-PPR")), lambda n: line_gross(ER, n, 3)),
 "b66-er-tihama-late-charge-2618a": ("MLQ-C2618-A", lambda n: fee_not_owed(ER, n, T_ER), lambda n: fee(ER, n, "late_fee")),
 "b66-er-tihama-kuraimi-paid": ("MLQ-C2629-A", lambda n: unapplied_payment(ER, n, "2026-11-12"), lambda n: open_bal(ER, n)),
 "b66-er-tihama-cert-twice": ("MLQ-C2629-B", lambda n: duplicate_line(ER, n, 3), lambda n: line_gross(ER, n, 3)),
 "b66-er-alisabieh-releve-tarif": ("MLQ-C2640-A", lambda n: price_diff(ER, n, 1), lambda n: price_diff(ER, n, 1)),
 "b66-er-alisabieh-2627b-sans-bc": ("MLQ-C2627-B", lambda n: Z if po_defect(ER, n) else None, lambda n: inv_total(ER, n)),
 "b66-er-elnasr-after-contract": ("MLQ-C2633-A", lambda n: outside_contract(ER, n), lambda n: inv_total(ER, n)),
 "b66-er-elnasr-24240-feed": ("MLQ-C2621-A", None, lambda n: short(ER, n, 2, 1100)),
 "b66-er-keren-seven-trucks": ("MLQ-C2632-T", lambda n: short(ER, n, 1, logged(ER, n, "TRUCK-KRN")), lambda n: units_credit(ER, n, 1, 1)),
 "b66-er-keren-rate-wrong-invoice": ("MLQ-C2638-T", lambda n: price_diff(ER, n, 1), lambda n: price_diff(ER, n, 1)),
 "b66-er-qurashi-cert-150-two-invoices": (("MLQ-C2624-B", "MLQ-C2637-B"), lambda n: price_diff(ER, n, 2), lambda n: price_diff(ER, n, 2, "150.00")),
 "b66-er-qurashi-empty-pens": ("MLQ-C2624-A", None, lambda n: units_credit(ER, n, 1, 6000)),
 # Iran (IRR; IQD 810.0000 / 842.5000, QAR 289,000.0000 / 301,500.0000, OMR 2,735,000.0000 / 2,851,000.0000, no AED rate)
 "b66-ir-alfaw-kashf-0357": ("AFZ-1405-0357", lambda n: price_diff(IR, n, 2), lambda n: price_diff(IR, n, 2)),
 "b66-ir-alfaw-0341-rafidain": ("AFZ-1405-0341", lambda n: unapplied_payment(IR, n, "2026-10-28"), lambda n: open_bal(IR, n)),
 "b66-ir-alfaw-crushed-uht": ("AFZ-1405-0379", lambda n: units_credit(IR, n, 1, delivered(IR, n, "UHT-1L-12", "damagedQuantity")), lambda n: units_credit(IR, n, 1, 48)),
 "b66-ir-alfaw-0394-short-yoghurt": ("AFZ-1405-0394", None, lambda n: short(IR, n, 2, 380)),
 "b66-ir-najaf-cold-storage-0362": ("AFZ-1405-0362", lambda n: Z if po_line_supports(IR, n, 3) else line_gross(IR, n, 3), lambda n: line_gross(IR, n, 3)),
 "b66-ir-najaf-cancelled-po": ("AFZ-1405-0388", lambda n: Z if po_defect(IR, n) else None, lambda n: inv_total(IR, n)),
 "b66-ir-doha-feta-two-invoices": (("AFZ-1405-0349", "AFZ-1405-0371"), lambda n: price_diff(IR, n, 1), lambda n: price_diff(IR, n, 1, "205.00")),
 "b66-ir-doha-late-charge-0312": ("AFZ-1405-0312", lambda n: fee_not_owed(IR, n, T_IR), lambda n: fee(IR, n, "late_fee")),
 "b66-ir-sohar-melted-butter": ("AFZ-1405-0366", lambda n: units_credit(IR, n, 1, delivered(IR, n, "BUTTER-100-40", "damagedQuantity")), lambda n: units_credit(IR, n, 1, 20)),
 "b66-ir-sohar-uht-price-small": ("AFZ-1405-0366", lambda n: price_diff(IR, n, 2), lambda n: price_diff(IR, n, 2, "4.600")),
 "b66-ir-karun-vat-12": ("AFZ-1405-0385", lambda n: excess_tax_rate(IR, n, 2), lambda n: excess_tax_rate(IR, n, 2)),
 "b66-ir-alras-feta-short": ("AFZ-1405-0374", lambda n: short(IR, n, 1, delivered(IR, n, "FETA-800-12")), lambda n: short(IR, n, 1, 280)),
 "b66-ir-alfaw-reefer-two-invoices": (("AFZ-1405-0357", "AFZ-1405-0394"), lambda n: short(IR, n, 3, logged(IR, n, "REEFER-SHL")), lambda n: units_credit(IR, n, 3, 1)),
 "b66-ir-karun-doogh-later": ("AFZ-1405-0352", lambda n: price_diff(IR, n, 3), lambda n: price_diff(IR, n, 3, "3100000.00")),
 "b66-ir-najaf-storage-unhappy": ("AFZ-1405-0362", lambda n: Z if logged(IR, n, "COLD-PLT-D") >= billed_qty(IR, n, 3) else None, lambda n: line_gross(IR, n, 3)),
}
NEEDS_INFO = {
 "b66-sy-jasmin-74-cartons": lambda: not has_delivery(SY, "KS-EX-1419", "LAUREL-20-CTN"),
 "b66-er-elnasr-24240-feed": lambda: not has_delivery(ER, "MLQ-C2621-A", "FEED-BALE"),
 "b66-er-qurashi-empty-pens": lambda: unserved_dates(ER, "MLQ-C2624-A", "QP-SHOAT-HD", ["2026-10-09", "2026-10-10"]) is None,
 "b66-ir-alfaw-0394-short-yoghurt": lambda: not has_delivery(IR, "AFZ-1405-0394", "YOG-2KG-6"),
}
# Invoices the messages name only by PO, date, amount or position: the description must single out the expected one.
IDENTIFIED = {
 "b66-sy-levant-bc2317-short": lambda: one(invs(SY, cust="SLV", po="BC-2317"), "BC-2317"),
 "b66-sy-levant-coffrets-ecrases": lambda: one(invs(SY, cust="SLV", date="2026-09-08", po="BC-2304"), "SLV 8 Sep / BC-2304"),
 "b66-sy-zaytoun-4570-twice": lambda: one(invs(SY, cust="ZYT", total="4570.000", date="2026-10-20"), "ZYT 4,570.000 of 20 Oct"),
 "b66-sy-jasmin-74-cartons": lambda: max(invs(SY, cust="JSM"), key=lambda i: i["issueDate"])["number"],
 "b66-sy-nour-leaking-jerrycans": lambda: one(invs(SY, cust="NHP", total="65520.00"), "NHP 65,520.00"),
 "b66-er-elnasr-24240-feed": lambda: one(invs(ER, cust="ENM", total="24240.00"), "ENM 24,240.00"),
 "b66-er-keren-rate-wrong-invoice": lambda: one(invs(ER, cust="KHC", date="2026-11-13"), "KHC 13 Nov"),
 "b66-ir-alfaw-crushed-uht": lambda: one(invs(IR, cust="AFW", date="2026-10-30"), "AFW 30 Oct"),
 "b66-ir-najaf-cancelled-po": lambda: one(invs(IR, cust="NJH", month="2026-11", total="23400000.000"), "NJH November 23,400,000.000"),
 "b66-ir-karun-doogh-later": lambda: one(invs(IR, cust="KRN", sku="DOOGH-15-6"), "KRN doogh"),
}
# The Syria ledger's two September invoices of Savonnerie du Levant make turn 1 of the gift-box case ambiguous by month.
if len(invs(SY, cust="SLV", month="2026-09")) != 2: fail("SLV should have two September invoices")

# ---- numbering: KS-EX-NNNN / KS-LO-NNNN (export and local series, one sequence each), MLQ-C<consignment>-<A|B|T>
# (consignments numbered in date order; A quarantine and feed, B port services, T transport), AFZ-1405-NNNN (Solar Hijri
# year 1405 = 21 Mar 2026 - 20 Mar 2027, one sequence); sequences follow the issue dates.
import re
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for series in ("EX", "LO"):
    v = [i for i in ledgers[SY]["invoices"] if i["number"].startswith(f"KS-{series}-")]
    if not all(re.fullmatch(r"KS-(EX|LO)-\d{4}", i["number"]) for i in v): fail("SY numbering")
    if not seq_ok(v, lambda i: i["number"]): fail(f"SY series {series}: sequence out of date order")
    if any((i["currency"] == "SYP") != (series == "LO") for i in v): fail(f"SY series {series}: export series must be foreign currency, local SYP")
if len(ledgers[SY]["invoices"]) != sum(1 for i in ledgers[SY]["invoices"] if re.fullmatch(r"KS-(EX|LO)-\d{4}", i["number"])): fail("SY series")
for i in ledgers[ER]["invoices"]:
    m = re.fullmatch(r"MLQ-C(\d{4})-([ABT])", i["number"])
    if not m: fail(f"{i['number']}: not MLQ-C<4 digits>-A|B|T"); continue
    skus = {l["sku"] for l in i["lines"]}
    if m.group(2) == "A" and not skus & {"QP-SHOAT-HD", "QP-CATTLE-HD", "QP-CAMEL-HD"}: fail(f"{i['number']}: A invoice without quarantine")
    if m.group(2) == "B" and not skus & {"LOAD-SHOAT", "LOAD-CATTLE", "LOAD-CAMEL"}: fail(f"{i['number']}: B invoice without loading")
    if m.group(2) == "T" and "TRUCK-KRN" not in skus: fail(f"{i['number']}: T invoice without transport")
cons = {}
for i in ledgers[ER]["invoices"]: cons.setdefault(i["number"][5:9], []).append(i)
firsts = sorted((min(v, key=lambda i: i["issueDate"]) for v in cons.values()), key=lambda i: i["number"])
if not all(a["issueDate"] <= b["issueDate"] for a, b in zip(firsts, firsts[1:])): fail("ER consignments out of date order")
for k, v in cons.items():
    if len({i["customerId"] for i in v}) != 1: fail(f"ER consignment {k} shared by two customers")
v = ledgers[IR]["invoices"]
if not all(re.fullmatch(r"AFZ-1405-\d{4}", i["number"]) and "2026-03-21" <= i["issueDate"] <= "2027-03-20" for i in v): fail("IR numbering / Solar Hijri year 1405")
if not seq_ok(v, lambda i: i["number"]): fail("IR: sequence out of date order")

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}
def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def short_forms(num):
    """How people write the number: in full, or its distinctive tail (1415, 0357, 2637-A / 2637A)."""
    m = re.fullmatch(r"MLQ-C(\d{4})-([ABT])", num)
    if m: return [num, f"{m.group(1)}-{m.group(2)}", f"{m.group(1)}{m.group(2)}", f"{m.group(1)} {m.group(2)}"]
    return [num, num[-4:]]
def named_in(text, num): return any(re.search(rf"(?<![\w]){re.escape(f)}(?![\w])", text) for f in short_forms(num))

TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
NO_CLASS = {"b66-er-alisabieh-retrait", "b66-er-keren-question-rates"}   # a withdrawn claim and a question: no money moves
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b66-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]; nums = {i["number"] for i in lg["invoices"]}
    t1 = c["turns"][0]
    named_first = [n for n in nums if named_in(t1, n)]
    if ("invoice" in e.get("neverAsks", [])) != bool(named_first): fail(f"{cid}: neverAsks invoice {'invoice' in e.get('neverAsks', [])} but turn 1 names {named_first}")
    if e.get("noResolution"):
        named = [n for t in c["turns"] for n in nums if named_in(t, n)]
        if named: fail(f"{cid}: noResolution but it names an existing invoice {named}")
        if set(e) - {"noResolution", "mustNotHappen"}: fail(f"{cid}: noResolution with other checks")
        continue
    if cid in NO_CLASS:
        if set(e) - {"mustNotHappen", "neverAsks"}: fail(f"{cid}: a withdrawn claim / question checks only that no money moves (and asks no invoice it was given)")
        continue
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    target, sup_fn, dis_fn = rec
    pair = isinstance(target, tuple)
    targets = list(target) if pair else [target]
    if pair:
        if "invoiceNumber" in e: fail(f"{cid}: a two-invoice case names no single invoice")
        if not all(n in e.get("emailMentions", []) for n in targets): fail(f"{cid}: the email should name both invoices")
        if len({I(lgn, n)["customerId"] for n in targets}) != 1: fail(f"{cid}: pair of two customers")
    elif e.get("invoiceNumber") != target: fail(f"{cid}: invoiceNumber {e.get('invoiceNumber')} but recipe is for {target}")
    if cid in IDENTIFIED and IDENTIFIED[cid]() != target: fail(f"{cid}: the description does not single out {target}")
    if not pair and target not in e.get("emailMentions", []): fail(f"{cid}: email should name the invoice")
    for num in targets:
        if num not in nums: fail(f"{cid}: no invoice {num}"); continue
        inv_ = I(lgn, num); cur = inv_["currency"]
        if e.get("customerId") and e["customerId"] != inv_["customerId"]: fail(f"{cid}: customerId {e['customerId']} but {num} is {inv_['customerId']}")
        for k in ("disputedAmount", "supportedAmount"):
            if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals of {cur}")
        disputed = dis_fn(num) if dis_fn else None
        if "disputedAmount" in e:
            if disputed is None: fail(f"{cid}: no disputed recipe")
            elif D(e["disputedAmount"]) != disputed: fail(f"{cid} {num}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
            if D(e["disputedAmount"]) > inv_total(lgn, num) or D(e["disputedAmount"]) <= 0: fail(f"{cid}: disputed out of range")
        cl = e.get("classification")
        if cl == "needs_info":
            if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
            if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
            if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
        elif cid in NEEDS_INFO: fail(f"{cid}: in NEEDS_INFO but not needs_info")
        supported = None
        if sup_fn:
            evidence = sup_fn(num)
            if evidence is None: fail(f"{cid}: recipe found no defect / cannot decide"); continue
            supported = min(evidence, disputed) if disputed is not None else evidence
            if "supportedAmount" in e and D(e["supportedAmount"]) != supported: fail(f"{cid} {num}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        if cl and cl != "needs_info" and disputed is not None and supported is not None:
            defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
            exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
            if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
            act = e.get("action")
            if cl in ("invalid", "partial"):
                owed = to_company(lgn, num, disputed - supported)
                wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
                if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
                if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: {cl} should be {'credit_memo' if cl == 'partial' else 'no_adjustment'}, not {act}")
            if cl == "valid":
                want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e.get("reasonCode"), "credit_memo")
                if e.get("reasonCode") == "tax_error": want = "cancel_and_rebill" if tax_exempt(lgn, num) else "credit_memo"
                if act != want: fail(f"{cid}: valid {e.get('reasonCode')} should be {want}, not {act}")
        if "escalation" in e:
            pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
            amount = disputed if disputed is not None else inv_total(lgn, num)
            conv = to_company(lgn, num, amount)
            past = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"])
            pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
            base = conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic"))
            # a pair opens two disputes today: the answer must not depend on whether the other one is counted
            outcomes = {base or past + 1 + k >= pol["repeatDisputeCount"] for k in (range(len(targets)))}
            if len(outcomes) != 1: fail(f"{cid}: escalation of {num} depends on counting the other dispute of the pair")
            if outcomes.pop() != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {not e['escalation']} for {num} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {past} earlier disputes in the window)")
            legal = e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"])
            if legal and "legal" not in e.get("stakeholders", []): fail(f"{cid}: legal escalation expected")
    if e.get("reasonCode") and e.get("stakeholders") and e["stakeholders"][0] != TEAM[e["reasonCode"]]:
        fail(f"{cid}: first stakeholder {e['stakeholders'][0]} is not the routing table's {TEAM[e['reasonCode']]}")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.]+", m) and D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
        if not re.fullmatch(r"[\d.]+", m) and m not in nums and not any(m == p["number"] for p in lg.get("purchaseOrders", [])): fail(f"{cid}: email mention {m} is neither an invoice nor a PO of the ledger")

# ---- tallies quoted in the README
from collections import Counter
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "not checked")) for c in cases)))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())), " pairs:", sum(isinstance(R[c["id"]][0], tuple) for c in cases if c["id"] in R))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
