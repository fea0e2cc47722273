#!/usr/bin/env python3
"""Batch-55 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats, quantities included), independently of the product,
and checks the ledgers' totals, statuses, references and terms, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest
rate on or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-55/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # BMD, CAD, USD, BSD, TTD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
def q(x): return D(str(x))          # a ledger quantity (JSON number) as an exact decimal
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * (q(l["quantity"]) if qty is None else D(qty)), cur)
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

BM, NL, TC = "somers-isles-water-bmd.ledger.json", "avalon-snow-ice-cad.ledger.json", "leeward-jet-centre-usd.ledger.json"
T_BM, T_NL, T_TC = "2026-11-18", "2026-03-27", "2026-12-09"

# ---- ledgers: totals, statuses, references, terms, minor digits
NO_RATE = {"LJC-T1191"}            # the TTD invoice has no rate, on purpose
INTENDED_WRONG_TERMS = {"LJC-F2238"}  # due in 30 days although CT-NFJ-26 says net 45 (b55-tc-northbound-net45)
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
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if (days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]) != (i["number"] in INTENDED_WRONG_TERMS):
                fail(f"{name} {i['number']}: due date vs contract terms")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur}")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{i['number']}: meant to lack a rate")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if any(l.get("taxRate") for l in i["lines"]) and name != NL: fail(f"{name} {i['number']}: no sales tax / VAT in Bermuda or the Turks and Caicos")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] != invoice(lg, s["invoiceNumber"])["customerId"]: fail(f"{name} log {s['id']}: customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- numbering: WTR#### / RFW#### (water and roof desks, one sequence each); AV-W2526-#### (winter season
# 2025-26, one sequence); LJC-T#### / LJC-F#### (handling tickets and fuel tickets, one sequence each).
def seq_ok(items): items = sorted(items, key=lambda i: i["number"]); return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for lgn, pat, series in [(BM, r"(WTR|RFW)\d{4}", ["WTR", "RFW"]), (NL, r"AV-W2526-\d{4}", ["AV-W2526-"]), (TC, r"LJC-[TF]\d{4}", ["LJC-T", "LJC-F"])]:
    inv_ = ledgers[lgn]["invoices"]
    for i in inv_:
        if not re.fullmatch(pat, i["number"]): fail(f"{i['number']}: numbering")
    for s in series:
        if not seq_ok([i for i in inv_ if i["number"].startswith(s)]): fail(f"{lgn} series {s}: sequence out of date order")
for i in ledgers[NL]["invoices"]:
    if not "2025-07-01" <= i["issueDate"] <= "2026-06-30": fail(f"{i['number']}: outside winter season 2025-26")

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
    left = q(l["quantity"]) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum((q(d.get(field, 0)) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku), D("0"))
def logged(lgn, num, sku):
    return sum((q(s["quantity"]) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered"), D("0"))
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(q(line(I(lgn, num), n)["quantity"]) - D(counted), D("0")))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates); return None if u is None else units_credit(lgn, num, n, len(u))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def tax_vs_other_invoices(lgn, num):
    """Exempt: all tax not owed. Else: each line's tax above the rate the customer's other invoices charge on that SKU."""
    if tax_exempt(lgn, num): return inv_tax(lgn, num)
    i = I(lgn, num); cur = i["currency"]; out = D("0")
    for l in i["lines"]:
        rates = Counter(x.get("taxRate") for o in ledgers[lgn]["invoices"] if o["number"] != num and o["customerId"] == i["customerId"] for x in o["lines"] if x["sku"] == l["sku"])
        if not rates: continue
        usual = rates.most_common(1)[0][0]; n = net(l, cur)
        out += max(tax(l, n, cur) - tax(l, n, cur, usual or "0"), D("0"))
    return out

def late_fee_allowed(lgn, num, today):
    """Contract clause, grace days, actual payment date: none without a clause; none when the principal was paid
    by due + grace; else percentPerMonth of the principal unpaid at the end of grace, per started 30-day month
    from the due date to the settling payment (or today)."""
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
    """Days of the service period outside the contract, pro rata on each line (net and its tax, and gross: both must agree)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    by_gross = sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
    by_net = sum((r(net(l, cur) * (tot - inside) / tot, cur) + r(r(net(l, cur) * (tot - inside) / tot, cur) * D(l.get("taxRate", "0")), cur) for l in i["lines"]), D("0"))
    if by_gross != by_net: fail(f"{num}: pro rata by gross {by_gross} and by net+tax {by_net} differ")
    return by_gross
def terms_defect(lgn, num):
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    inside = c["startDate"] <= i["issueDate"] <= c.get("endDate", "9999")
    return inside and days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when):
    """No payment of the customer on this invoice, none unapplied, none on the date they give."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when for p in lg["payments"] if p["customerId"] == cust)
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
def words(s): return sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
def fee_on_po(lgn, num, t):
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if words(l.get("description", l["sku"])) == words(f.get("description", "")) and D(l["unitPrice"]) * q(l["quantity"]) == D(f["amount"]): return True
    return False
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def line_priced_by_contract(lgn, num, n):
    i = I(lgn, num); l = line(i, n); return contract_price(lgn, num, l["sku"]) == l["unitPrice"]
def flowage_in_notes(lgn, num):
    """CT-PEL-26 notes: 'a fuel flowage fee of BSD 0.15 per gallon': the fee equals 0.15 x the gallons uplifted."""
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    m = re.search(r"flowage fee of [A-Z]{3} ([0-9.]+) per gallon", c.get("notes", ""))
    gal = sum((q(l["quantity"]) for l in i["lines"] if l["sku"] == "JETA-GAL"), D("0"))
    return bool(m) and r(D(m.group(1)) * gal, i["currency"]) == fee(lgn, num, "other")
def no_contract_no_po(lgn, num): i = I(lgn, num); return contract_of(ledgers[lgn], i) is None and not i.get("poNumber")

Z = D("0")
R = {
 # Bermuda (BMD; USD at 1.0000, CAD at 0.7280 / 0.7195)
 "b55-bm-elbow-short-gallons": (lambda: short(BM, "WTR4409", 1, delivered(BM, "WTR4409", "WATER-KGAL")), lambda: short(BM, "WTR4409", 1, "33.0")),
 "b55-bm-elbow-tank-quote": (lambda: price_diff(BM, "WTR4414", 1), lambda: price_diff(BM, "WTR4414", 1, "950.00")),
 "b55-bm-elbow-uv-cracked": (lambda: units_credit(BM, "WTR4420", 1, delivered(BM, "WTR4420", "UV-LAMP", "damagedQuantity")), lambda: units_credit(BM, "WTR4420", 1, 3)),
 "b55-bm-fsr-cleaning-twice": (lambda: inv_total(BM, "WTR4411") if same_basis_duplicate(BM, "WTR4411", "WTR4405") else Z, lambda: inv_total(BM, "WTR4411")),
 "b55-bm-fsr-no-po": (lambda: Z if po_defect(BM, "WTR4418") else None, lambda: inv_total(BM, "WTR4418")),
 "b55-bm-fsr-roof-cottage": (lambda: short(BM, "RFW2214", 1, logged(BM, "RFW2214", "ROOF-WASH")), lambda: units_credit(BM, "RFW2214", 1, 12)),
 "b55-bm-paget-late-fee": (lambda: fee_not_owed(BM, "RFW2203", T_BM), lambda: fee(BM, "RFW2203", "late_fee")),
 "b55-bm-paget-gutters-leak": (lambda: short(BM, "RFW2216", 1, logged(BM, "RFW2216", "GUTTER-FT")), lambda: line_gross(BM, "RFW2216", 1)),
 "b55-bm-paget-water-tests": (lambda: short(BM, "WTR4416", 1, logged(BM, "WTR4416", "WATER-TEST")), lambda: units_credit(BM, "WTR4416", 1, 1)),
 "b55-bm-larchmont-wired": (lambda: unapplied_payment(BM, "WTR4407", "2026-10-09"), lambda: open_bal(BM, "WTR4407")),
 "b55-bm-larchmont-after-hours": (lambda: Z if line_priced_by_contract(BM, "WTR4422", 2) and has_log(BM, "WTR4422", "AFTER-HRS") else line_gross(BM, "WTR4422", 2), lambda: line_gross(BM, "WTR4422", 2)),
 "b55-bm-bluenose-after-contract": (lambda: outside_contract(BM, "WTR4410"), lambda: D("400.00")),
 "b55-bm-bluenose-water-rate": (lambda: price_diff(BM, "WTR4403", 1), lambda: price_diff(BM, "WTR4403", 1, "115.00")),
 "b55-bm-dockyard-surcharge": (None, lambda: fee(BM, "WTR4419", "other")),
 "b55-bm-dockyard-cash": (None, lambda: open_bal(BM, "WTR4423")),
 # Newfoundland and Labrador (CAD, HST 15 %; USD at 1.3585 / 1.3710)
 "b55-nl-kenmount-jan-dates": (lambda: dates_credit(NL, "AV-W2526-0342", 1, "PLOW-PUSH", ["2026-01-17", "2026-01-18"]), lambda: units_credit(NL, "AV-W2526-0342", 1, 2)),
 "b55-nl-kenmount-haul-rate": (lambda: price_diff(NL, "AV-W2526-0377", 4), lambda: price_diff(NL, "AV-W2526-0377", 4, "125.00")),
 "b55-nl-kenmount-roof-hours": (None, lambda: units_credit(NL, "AV-W2526-0381", 1, 6)),
 "b55-nl-miawpukek-hst": (lambda: tax_vs_other_invoices(NL, "AV-W2526-0301"), lambda: inv_tax(NL, "AV-W2526-0301")),
 "b55-nl-miawpukek-sand-tickets": (lambda: short(NL, "AV-W2526-0359", 2, delivered(NL, "AV-W2526-0359", "SANDSALT-T")), lambda: short(NL, "AV-W2526-0359", 2, "20")),
 "b55-nl-miawpukek-roof-leak": (lambda: short(NL, "AV-W2526-0388", 1, logged(NL, "AV-W2526-0388", "ROOF-SNOW-HR")), lambda: line_gross(NL, "AV-W2526-0388", 1)),
 "b55-nl-hgg-torn-bags": (lambda: units_credit(NL, "AV-W2526-0312", 1, delivered(NL, "AV-W2526-0312", "ICE-MELT-BAG", "damagedQuantity")), lambda: units_credit(NL, "AV-W2526-0312", 1, 20)),
 "b55-nl-hgg-no-po": (lambda: Z if po_defect(NL, "AV-W2526-0336") else None, lambda: inv_total(NL, "AV-W2526-0336")),
 "b55-nl-hgg-pallet-freight": (lambda: Z if fee_on_po(NL, "AV-W2526-0365", "freight") else fee(NL, "AV-W2526-0365", "freight"), lambda: fee(NL, "AV-W2526-0365", "freight")),
 "b55-nl-hgg-hst-on-salt": (lambda: tax_vs_other_invoices(NL, "AV-W2526-0365"), lambda: inv_tax(NL, "AV-W2526-0365")),
 "b55-nl-tidewater-billed-twice": (lambda: inv_total(NL, "AV-W2526-0324") if same_basis_duplicate(NL, "AV-W2526-0324", "AV-W2526-0318") else Z, lambda: inv_total(NL, "AV-W2526-0324")),
 "b55-nl-tidewater-late-fee": (lambda: fee_not_owed(NL, "AV-W2526-0350", T_NL), lambda: fee(NL, "AV-W2526-0350", "late_fee")),
 "b55-nl-signalhill-interest": (lambda: fee_not_owed(NL, "AV-W2526-0287", T_NL), lambda: fee(NL, "AV-W2526-0287", "late_fee")),
 "b55-nl-signalhill-salt-rate": (lambda: price_diff(NL, "AV-W2526-0369", 2), lambda: price_diff(NL, "AV-W2526-0369", 2)),
 "b55-nl-argentia-before-start": (lambda: outside_contract(NL, "AV-W2526-0296"), lambda: D("644.00")),
 "b55-nl-argentia-cheque": (lambda: unapplied_payment(NL, "AV-W2526-0331", "2026-02-20"), lambda: open_bal(NL, "AV-W2526-0331")),
 # Turks and Caicos (USD; BSD at 1.0000, CAD at 0.7310 / 0.7240; no TTD rate)
 "b55-tc-skyways-fuel-meter": (lambda: short(TC, "LJC-F2210", 1, delivered(TC, "LJC-F2210", "JETA-GAL")), lambda: units_credit(TC, "LJC-F2210", 1, "64.4")),
 "b55-tc-skyways-handling-rate": (lambda: price_diff(TC, "LJC-T1171", 1), lambda: price_diff(TC, "LJC-T1171", 1, "550.00")),
 "b55-tc-skyways-no-po": (lambda: Z if po_defect(TC, "LJC-T1188") else None, lambda: inv_total(TC, "LJC-T1188")),
 "b55-tc-pelican-late-fee": (lambda: fee_not_owed(TC, "LJC-T1158", T_TC), lambda: fee(TC, "LJC-T1158", "late_fee")),
 "b55-tc-pelican-flowage": (lambda: Z if flowage_in_notes(TC, "LJC-F2231") else fee(TC, "LJC-F2231", "other"), lambda: fee(TC, "LJC-F2231", "other")),
 "b55-tc-pelican-two-weekends": (lambda: inv_total(TC, "LJC-T1176") if same_basis_duplicate(TC, "LJC-T1176", "LJC-T1169") else Z, lambda: inv_total(TC, "LJC-T1176")),
 "b55-tc-alng-after-hours": (lambda: Z if po_line_supports(TC, "LJC-T1163", 4) else line_gross(TC, "LJC-T1163", 4), lambda: line_gross(TC, "LJC-T1163", 4)),
 "b55-tc-alng-fuel-price": (lambda: price_diff(TC, "LJC-F2244", 1), lambda: price_diff(TC, "LJC-F2244", 1, "7.35")),
 "b55-tc-northbound-ramp-nights": (lambda: short(TC, "LJC-T1180", 2, logged(TC, "LJC-T1180", "RAMP-NIGHT")), lambda: units_credit(TC, "LJC-T1180", 2, 2)),
 "b55-tc-northbound-net45": (lambda: Z if terms_defect(TC, "LJC-F2238") else None, None),
 "b55-tc-gracebay-meet-count": (lambda: short(TC, "LJC-T1166", 1, logged(TC, "LJC-T1166", "VIP-MEET")), lambda: units_credit(TC, "LJC-T1166", 1, 2)),
 "b55-tc-gracebay-goodwill": (lambda: short(TC, "LJC-T1185", 1, logged(TC, "LJC-T1185", "VIP-MEET")), lambda: units_credit(TC, "LJC-T1185", 1, 1)),
 "b55-tc-medevac-november-retainer": (lambda: outside_contract(TC, "LJC-T1182"), lambda: inv_total(TC, "LJC-T1182")),
 "b55-tc-medevac-after-hours-old": (lambda: Z if line_priced_by_contract(TC, "LJC-T1131", 2) and has_log(TC, "LJC-T1131", "AFTERHRS") else line_gross(TC, "LJC-T1131", 2), lambda: line_gross(TC, "LJC-T1131", 2)),
 "b55-tc-pointlisas-gpu-rate": (lambda: price_diff(TC, "LJC-T1191", 3), lambda: price_diff(TC, "LJC-T1191", 3, "610.00")),
}
NEEDS_INFO = {
 "b55-bm-dockyard-surcharge": lambda: no_contract_no_po(BM, "WTR4419") and not fee_on_po(BM, "WTR4419", "other"),
 "b55-bm-dockyard-cash": lambda: nothing_could_be_theirs(BM, "WTR4423", "2026-11-09"),
 "b55-nl-kenmount-roof-hours": lambda: not has_log(NL, "AV-W2526-0381", "ROOF-SNOW-HR"),
}
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
TODAY = {BM: T_BM, NL: T_NL, TC: T_TC}
all_numbers = {i["number"] for lg in ledgers.values() for i in lg["invoices"]}
all_pos = {p["number"] for lg in ledgers.values() for p in lg.get("purchaseOrders", [])}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b55-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    if "invoice" in e.get("neverAsks", []) and not any(n in c["turns"][0] for n in all_numbers): fail(f"{cid}: neverAsks invoice but no invoice number in turn 1")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[0-9]+\.[0-9]{2}", m):
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
            if m not in (e.get("supportedAmount"), e.get("disputedAmount")): fail(f"{cid}: email amount {m} is neither supported nor disputed")
        elif m not in all_numbers and m not in all_pos: fail(f"{cid}: email mention {m} is no invoice or PO")
        elif m not in " ".join(c["turns"]): fail(f"{cid}: email mention {m} never said in the turns")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if "invoiceNumber" not in e: continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if num not in " ".join(c["turns"]): fail(f"{cid}: the expected invoice is never named")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") and e["customerId"] != inv_["customerId"]: fail(f"{cid}: customerId {e['customerId']} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
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
    elif disputed is not None: fail(f"{cid}: a disputed amount could be expected")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: needs_info recipe on a decided case")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed) if disputed is not None else evidence
        if "supportedAmount" in e and D(e["supportedAmount"]) != supported:
            fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    if cl and cl != "needs_info" and supported is not None:
        defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        base = disputed if disputed is not None else supported
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= base else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if act != "goodwill_credit" and wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if act == "goodwill_credit":
                if wo or cl != "invalid": fail(f"{cid}: goodwill only on an invalid claim not written off")
                if to_company(lgn, num, disputed) > D(lg["policy"]["approvalLimits"]["specialist"]): fail(f"{cid}: goodwill above the specialist limit")
        if cl == "valid" and act in ("write_off", "no_adjustment", "goodwill_credit"): fail(f"{cid}: valid with {act}")
        if cl == "valid" and act == "credit_memo" and supported == 0: fail(f"{cid}: credit memo of nothing")
        if e.get("reasonCode") == "already_paid" and cl == "valid" and act != "apply_payment": fail(f"{cid}: a found payment is applied, not credited")
        if e.get("reasonCode") == "tax_error" and cl == "valid":
            every = all(l.get("taxRate") for l in inv_["lines"]) and tax_exempt(lgn, num)
            if every != (act == "cancel_and_rebill"): fail(f"{cid}: tax on every line of an exempt customer is a re-bill")
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

# ---- routing table and tallies quoted in the README
TEAMS = {"pricing_error": ["sales", "billing"], "quantity_discrepancy": ["logistics", "billing"], "damaged_goods": ["logistics", "billing"], "duplicate_billing": ["billing"],
         "service_not_rendered": ["service_delivery", "customer_success"], "service_dissatisfaction": ["service_delivery", "customer_success"], "missing_po": ["sales", "billing"],
         "already_paid": ["cash_application"], "late_fee": ["collections", "billing"], "tax_error": ["tax", "billing"], "contract_terms": ["legal", "sales"], "unrecognized_charge": ["billing", "sales"]}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and e.get("stakeholders") and (e["stakeholders"][0] != TEAMS[e["reasonCode"]][0] or not set(e["stakeholders"]) <= set(TEAMS[e["reasonCode"]])):
        fail(f"{c['id']}: stakeholders {e['stakeholders']} vs the routing table's {TEAMS[e['reasonCode']]}")
by_ledger = {}
for c in cases: by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "-")) for c in cases)))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
