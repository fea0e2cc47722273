#!/usr/bin/env python3
"""Batch-86 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on or
before the invoice date, half-up once; no rate: escalate). Also checks the conversation rules of this
batch (turn counts, neverAsks against the first turn, emailMentions). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-86/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"JPY": 0, "XPF": 0, "VUV": 0}  # USD, AUD, NZD, FJD: 2
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

PW, NC, TV = "belau-clearwater-usd.ledger.json", "topo-grande-terre-xpf.ledger.json", "vaiaku-rainwater-aud.ledger.json"
T_PW, T_NC, T_TV = "2026-11-18", "2026-12-09", "2026-10-21"
NO_RATE = {"BK13-04", "BK13-09"}   # the two FJD invoices: the Tuvalu ledger has no FJD rate, on purpose
TERMS_NO_CONTRACT = 30             # invoices without a contract are due 30 days after issue

# ---- ledgers: totals, statuses, references, terms, minor digits
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if lg["policy"]["approvalLimits"]["lead"] != lg["policy"]["escalationAmount"]: fail(f"{name}: lead limit differs from the escalation amount")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    for c in lg.get("contracts", []):
        for p in c["prices"]:
            if not decimals_ok(p["unitPrice"], c["currency"]): fail(f"{name} {c['id']}: price digits")
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
        elif days(i["issueDate"], i["dueDate"]) != TERMS_NO_CONTRACT: fail(f"{name} {i['number']}: due date without contract")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{i['number']}: meant to lack a rate")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        for f in i.get("fees", []):
            if not decimals_ok(f["amount"], cur): fail(f"{name} {i['number']}: fee digits")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber") and invoice(lg, s["invoiceNumber"])["customerId"] != s["customerId"]: fail(f"{name} log {s['id']}: customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- numbering
CHECK = "TRWAGMYFPDXBNJZSQVHLCKE"
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for i in ledgers[PW]["invoices"]:   # BCS-NNNN-L: one running sequence, L = the mod-23 check letter of NNNN
    m = re.fullmatch(r"BCS-(\d{4})-([A-Z])", i["number"])
    if not m or CHECK[int(m.group(1)) % 23] != m.group(2): fail(f"{i['number']}: not BCS-NNNN-<check letter>")
if not seq_ok(ledgers[PW]["invoices"], lambda i: i["number"][4:8]): fail("PW: sequence out of date order")
for office in ("NOU", "KNE"):       # F26-NOU-NNNN / F26-KNE-NNNN: year of issue, office, one sequence per office
    v = [i for i in ledgers[NC]["invoices"] if i["number"][4:7] == office]
    for i in v:
        if not re.fullmatch(rf"F{i['issueDate'][2:4]}-{office}-\d{{4}}", i["number"]): fail(f"{i['number']}: numbering")
    if not seq_ok(v, lambda i: i["number"]): fail(f"NC {office}: sequence out of date order")
if any(i["number"][4:7] not in ("NOU", "KNE") for i in ledgers[NC]["invoices"]): fail("NC: office code")
def sheet(n):                       # BKbb-ss: duplicate-book number and sheet (01-50), sheets in date order across books
    m = re.fullmatch(r"BK(\d{2})-(\d{2})", n); return int(m.group(1)) * 50 + int(m.group(2)) if m and 1 <= int(m.group(2)) <= 50 else None
if any(sheet(i["number"]) is None for i in ledgers[TV]["invoices"]): fail("TV numbering")
elif not seq_ok(ledgers[TV]["invoices"], lambda i: sheet(i["number"])): fail("TV: sheets out of date order")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_of(lgn, num):
    i = I(lgn, num); return next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
def po_price(lgn, num, sku):
    po = po_of(lgn, num); return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum(D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - counted, D("0")))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def every_line_taxed(lgn, num): return all(l.get("taxRate") and D(l["taxRate"]) > 0 for l in I(lgn, num)["lines"])
def rate_elsewhere(lgn, num):
    """Tax a non-exempt customer does not owe: the line's rate above the rate its other invoices use for the SKU."""
    i = I(lgn, num); cur = i["currency"]; out = D("0")
    for l in i["lines"]:
        others = {x.get("taxRate", "0") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num
                  for x in o["lines"] if x["sku"] == l["sku"]}
        if len(others) == 1:
            n = net(l, cur); out += max(tax(l, n, cur) - tax(l, n, cur, others.pop()), D("0"))
    return out

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
    one = overdue * D(c["lateFee"]["percentPerMonth"]) / 100
    if one != r(one, cur): fail(f"{num}: one month of late fee is not a whole amount, rounding would matter")
    return r(one, cur) * months
def fee_not_owed(lgn, num, today):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)

def outside_contract(lgn, num):
    """Days of the service period outside the contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    exact = sum((gross(l, cur) * (tot - inside) / tot for l in i["lines"]), D("0"))
    if exact != r(exact, cur): fail(f"{num}: pro rata is not a whole amount, gross vs net rounding would matter")
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when):
    """No payment of the customer on this invoice, none unapplied, none on the date they quote, none naming the invoice."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or num in p.get("reference", "") for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = po_of(lgn, num)
    return po is None or po.get("status") == "cancelled"

def words(s): return sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
def fee_on_po(lgn, num, t):
    """The customer's own (not cancelled) PO has a line with the fee's description at that amount."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if words(l.get("description", l["sku"])) == words(f.get("description", "")) and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]): return True
    return False
def fee_in_contract_notes(lgn, num, t):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    notes = (c or {}).get("notes", "").lower()
    return bool(c) and (t.replace("_", " ") in notes or any(w in notes for w in words(f.get("description", "")) if len(w) > 4))
def fee_unsupported(lgn, num, t):
    """A fee with a contract that does not name it and no PO line listing it: not owed."""
    return contract_of(ledgers[lgn], I(lgn, num)) is not None and not fee_on_po(lgn, num, t) and not fee_in_contract_notes(lgn, num, t)

Z = D("0")
R = {
 # Palau (USD; JPY at 0.0067 from 2026-07-01, 0.0065 from 2026-10-01)
 "b86-pw-meyuns-membranes-over-contract": (lambda: price_diff(PW, "BCS-4411-H", 1), lambda: price_diff(PW, "BCS-4411-H", 1)),
 "b86-pw-meyuns-tanker-wrong-number": (lambda: short(PW, "BCS-4408-S", 1, delivered(PW, "BCS-4408-S", "WATER-M3")), lambda: short(PW, "BCS-4408-S", 1, D("40.5"))),
 "b86-pw-meyuns-october-om-no-po": (lambda: Z if po_defect(PW, "BCS-4417-R") else None, lambda: inv_total(PW, "BCS-4417-R")),
 "b86-pw-meyuns-chlorine-taste": (lambda: short(PW, "BCS-4407-Z", 1, logged(PW, "BCS-4407-Z", "RO-OM-MO")), lambda: inv_total(PW, "BCS-4407-Z")),
 "b86-pw-jade-crushed-cartridges": (lambda: units_credit(PW, "BCS-4413-C", 1, delivered(PW, "BCS-4413-C", "CART-20", "damagedQuantity")), lambda: units_credit(PW, "BCS-4413-C", 1, 2)),
 "b86-pw-jade-callout-night": (lambda: short(PW, "BCS-4410-V", 1, logged(PW, "BCS-4410-V", "CALLOUT-HR")), lambda: units_credit(PW, "BCS-4410-V", 1, 4)),
 "b86-pw-jade-september-retainer-twice": (lambda: inv_total(PW, "BCS-4405-N") if same_basis_duplicate(PW, "BCS-4405-N", "BCS-4404-B") else Z, lambda: inv_total(PW, "BCS-4405-N")),
 "b86-pw-tuna-late-charge-grace": (lambda: fee_not_owed(PW, "BCS-4402-D", T_PW), lambda: fee(PW, "BCS-4402-D", "late_fee")),
 "b86-pw-tuna-october-water-not-twice": (lambda: inv_total(PW, "BCS-4414-K") if same_basis_duplicate(PW, "BCS-4414-K", "BCS-4412-L") else Z, lambda: inv_total(PW, "BCS-4414-K")),
 "b86-pw-tuna-ten-samples": (lambda: short(PW, "BCS-4418-W", 1, logged(PW, "BCS-4418-W", "LAB-SAMPLE")), lambda: short(PW, "BCS-4418-W", 1, 10)),
 "b86-pw-kaiyo-furikomi-30oct": (lambda: unapplied_payment(PW, "BCS-4406-J", "2026-10-30"), lambda: open_bal(PW, "BCS-4406-J")),
 "b86-pw-kaiyo-antiscalant-quote": (lambda: price_diff(PW, "BCS-4415-E", 1), lambda: price_diff(PW, "BCS-4415-E", 1, "31000")),
 "b86-pw-peleliu-pgst-state": (lambda: inv_tax(PW, "BCS-4403-X") if tax_exempt(PW, "BCS-4403-X") else rate_elsewhere(PW, "BCS-4403-X"), lambda: inv_tax(PW, "BCS-4403-X")),
 "b86-pw-peleliu-skipped-visits": (lambda: dates_credit(PW, "BCS-4419-A", 1, "RO-VISIT", ["2026-10-20", "2026-10-27"]), lambda: units_credit(PW, "BCS-4419-A", 1, 2)),
 "b86-pw-lodge-fuel-surcharge": (None, lambda: fee(PW, "BCS-4416-T", "other")),
 # New Caledonia (XPF, 0 digits; VUV at 0.9180 from 2026-06-01, 0.9210 from 2026-10-01)
 "b86-nc-smkn-drone-block-b": (lambda: short(NC, "F26-KNE-0081", 1, logged(NC, "F26-KNE-0081", "DRONE-HA")), lambda: units_credit(NC, "F26-KNE-0081", 1, D("6.5"))),
 "b86-nc-smkn-cancelled-bon-de-commande": (lambda: Z if po_defect(NC, "F26-KNE-0092") else None, lambda: inv_total(NC, "F26-KNE-0092")),
 "b86-nc-smkn-scanner-day-rate": (lambda: price_diff(NC, "F26-KNE-0084", 1), lambda: price_diff(NC, "F26-KNE-0084", 1)),
 "b86-nc-smkn-monitoring-two-dates": (None, lambda: units_credit(NC, "F26-KNE-0085", 1, 2)),
 "b86-nc-smkn-scan-across-contract-end": (lambda: outside_contract(NC, "F26-KNE-0088"), lambda: inv_total(NC, "F26-KNE-0088")),
 "b86-nc-anse-vata-setout-dates": (lambda: dates_credit(NC, "F26-NOU-0431", 1, "IMPLANT", ["2026-10-14", "2026-10-21"]), lambda: units_credit(NC, "F26-NOU-0431", 1, 2)),
 "b86-nc-anse-vata-penalites": (lambda: fee_not_owed(NC, "F26-NOU-0402", T_NC), lambda: fee(NC, "F26-NOU-0402", "late_fee")),
 "b86-nc-vila-broken-markers": (lambda: units_credit(NC, "F26-NOU-0409", 1, delivered(NC, "F26-NOU-0409", "BORNE-BETON", "damagedQuantity")), lambda: units_credit(NC, "F26-NOU-0409", 1, 5)),
 "b86-nc-vila-paid-wrong-number": (lambda: unapplied_payment(NC, "F26-NOU-0436", "2026-12-02"), lambda: open_bal(NC, "F26-NOU-0436")),
 "b86-nc-vila-cad-hours": (lambda: short(NC, "F26-NOU-0427", 1, logged(NC, "F26-NOU-0427", "DAO-H")), lambda: short(NC, "F26-NOU-0427", 1, D("13.5"))),
 "b86-nc-vila-october-boat-markers": (lambda: short(NC, "F26-NOU-0423", 1, delivered(NC, "F26-NOU-0423", "BORNE-BETON")), lambda: short(NC, "F26-NOU-0423", 1, 26)),
 "b86-nc-wallis-tgc-mata-utu": (lambda: inv_tax(NC, "F26-NOU-0418") if tax_exempt(NC, "F26-NOU-0418") else rate_elsewhere(NC, "F26-NOU-0418"), lambda: inv_tax(NC, "F26-NOU-0418")),
 "b86-nc-wallis-monitoring-after-august": (lambda: outside_contract(NC, "F26-NOU-0413"), lambda: inv_total(NC, "F26-NOU-0413")),
 "b86-nc-nouville-dao-po-rate": (lambda: price_diff(NC, "F26-NOU-0396", 1), lambda: price_diff(NC, "F26-NOU-0396", 1)),
 "b86-nc-nouville-kone-travel": (lambda: Z if fee_on_po(NC, "F26-NOU-0426", "other") else fee(NC, "F26-NOU-0426", "other"), lambda: fee(NC, "F26-NOU-0426", "other")),
 # Tuvalu (AUD; NZD at 0.9080 from 2026-06-01, 0.9135 from 2026-09-01; no FJD rate)
 "b86-tv-pwd-cracked-pipe": (lambda: units_credit(TV, "BK12-31", 1, delivered(TV, "BK12-31", "PVC-PIPE-50", "damagedQuantity")), lambda: units_credit(TV, "BK12-31", 1, 20)),
 "b86-tv-pwd-no-lpo": (lambda: Z if po_defect(TV, "BK13-06") else None, lambda: inv_total(TV, "BK13-06")),
 "b86-tv-pwd-gutter-old-quote": (lambda: price_diff(TV, "BK12-44", 1), lambda: price_diff(TV, "BK12-44", 1, "17.60")),
 "b86-tv-pwd-school-drainage": (lambda: short(TV, "BK13-13", 1, logged(TV, "BK13-13", "PLUMBER-HR")), lambda: inv_total(TV, "BK13-13") / 2),
 "b86-tv-nukufetau-kits-wrong-sheet": (lambda: short(TV, "BK13-02", 1, delivered(TV, "BK13-02", "FIRSTFLUSH")), lambda: short(TV, "BK13-02", 1, 36)),
 "b86-tv-nukufetau-sea-freight": (lambda: fee(TV, "BK13-02", "freight") if fee_unsupported(TV, "BK13-02", "freight") else Z, lambda: fee(TV, "BK13-02", "freight")),
 "b86-tv-nukufetau-tank-billed-twice": (lambda: inv_total(TV, "BK12-47") if same_basis_duplicate(TV, "BK12-47", "BK12-38") else Z, lambda: inv_total(TV, "BK12-47")),
 "b86-tv-tefota-late-fee-no-clause": (lambda: fee_not_owed(TV, "BK12-33", T_TV), lambda: fee(TV, "BK12-33", "late_fee")),
 "b86-tv-tefota-cash-receipt": (lambda: unapplied_payment(TV, "BK12-49", "2026-09-29"), lambda: open_bal(TV, "BK12-49")),
 "b86-tv-nanumea-paid-at-bank": (None, lambda: open_bal(TV, "BK13-05")),
 "b86-tv-nanumea-church-tct": (lambda: inv_tax(TV, "BK12-40") if tax_exempt(TV, "BK12-40") else rate_elsewhere(TV, "BK12-40"), lambda: inv_tax(TV, "BK12-40")),
 "b86-tv-kcc-plumber-diary": (lambda: short(TV, "BK12-36", 1, logged(TV, "BK12-36", "PLUMBER-HR")), lambda: short(TV, "BK12-36", 1, 20)),
 "b86-tv-kcc-tank-clean-rate": (lambda: price_diff(TV, "BK12-28", 1), lambda: price_diff(TV, "BK12-28", 1, "250.00")),
 "b86-tv-kcc-september-maintenance": (lambda: outside_contract(TV, "BK13-10"), lambda: inv_total(TV, "BK13-10")),
 "b86-tv-lautoka-pipe-short-fjd": (lambda: short(TV, "BK13-04", 1, delivered(TV, "BK13-04", "PVC-PIPE-50")), lambda: short(TV, "BK13-04", 1, 108)),
}
NEEDS_INFO = {
 "b86-pw-lodge-fuel-surcharge": lambda: contract_of(ledgers[PW], I(PW, "BCS-4416-T")) is None and not fee_on_po(PW, "BCS-4416-T", "other"),
 "b86-nc-smkn-monitoring-two-dates": lambda: unserved_dates(NC, "F26-KNE-0085", "MONIT-VISIT", ["2026-09-15", "2026-09-22"]) is None,
 "b86-tv-nanumea-paid-at-bank": lambda: nothing_could_be_theirs(TV, "BK13-05", "2026-10-15"),
}
# The invoice named in the first turn of the conversations whose customer names the wrong invoice first.
WRONG_FIRST = {"b86-pw-meyuns-tanker-wrong-number": "BCS-4407-Z", "b86-nc-vila-paid-wrong-number": "F26-NOU-0415",
               "b86-tv-nukufetau-kits-wrong-sheet": "BK13-01"}
ADMIN_DEFECT = {"missing_po", "tax_error"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
TODAY = {PW: T_PW, NC: T_NC, TV: T_TV}
esc_reasons = Counter()
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b86-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if e.get("noResolution"):
        named = re.findall(r"\d{4}", " ".join(c["turns"]))
        if any(n in num for n in named for num in nums): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if "invoiceNumber" not in e:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a case without a resolution checks only that nothing moves")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    first = c["turns"][0]
    if "invoice" in e.get("neverAsks", []) and num not in first: fail(f"{cid}: neverAsks invoice but {num} is not in the first turn")
    if "invoice" not in e.get("neverAsks", []) and num in first: fail(f"{cid}: {num} is in the first turn, neverAsks could list invoice")
    if cid in WRONG_FIRST:
        if WRONG_FIRST[cid] not in first or num in first or WRONG_FIRST[cid] not in nums: fail(f"{cid}: wrong-invoice-first set-up")
        if I(lgn, WRONG_FIRST[cid])["customerId"] != inv_["customerId"]: fail(f"{cid}: the wrong invoice is another customer's")
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.]+", m):
            if D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")): fail(f"{cid}: emailMentions amount {m} is neither figure")
        elif m != num and m not in {p["number"] for p in lg.get("purchaseOrders", [])}: fail(f"{cid}: emailMentions {m} is not an invoice or PO")
    if num not in e.get("emailMentions", []): fail(f"{cid}: email should name the invoice")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = r(dis_fn(), cur)
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if D(e["disputedAmount"]) > open_bal(lgn, num) and e.get("reasonCode") != "already_paid": fail(f"{cid}: disputed above the open balance")
    if D(e["disputedAmount"]) <= 0: fail(f"{cid}: disputed not positive")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
        supported = None
    else:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if e.get("reasonCode") == "tax_error" and cl == "valid":
            if not (tax_exempt(lgn, num) and every_line_taxed(lgn, num)) or act != "cancel_and_rebill": fail(f"{cid}: exempt + every line taxed -> cancel and re-bill")
        if e.get("reasonCode") == "missing_po" and act != "cancel_and_rebill": fail(f"{cid}: missing PO -> cancel and re-bill")
        if e.get("reasonCode") == "already_paid" and cl == "valid" and act != "apply_payment": fail(f"{cid}: paid -> apply payment")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid" and act in ("write_off", "no_adjustment", "goodwill_credit"): fail(f"{cid}: valid with {act}")
        if cl == "valid" and act == "credit_memo" and e.get("reasonCode") in ADMIN_DEFECT | {"already_paid"}: fail(f"{cid}: {e['reasonCode']} with a credit memo")
    # escalation: amount (after FX; no rate: escalate), days past due on an open balance, strategic, repeat disputes,
    # legal for contract terms, finance controller above the lead's limit
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    why = []
    if conv is None: why.append("no_rate")
    elif conv >= D(pol["escalationAmount"]): why.append("amount")
    if pastdue > pol["escalationDaysPastDue"]: why.append("days_past_due")
    if cust.get("strategic"): why.append("strategic")
    if recent >= pol["repeatDisputeCount"]: why.append("repeat")
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]): why.append("legal")
    if supported is not None and e.get("action") == "credit_memo" and to_company(lgn, num, supported) is not None and to_company(lgn, num, supported) > D(pol["approvalLimits"]["lead"]):
        why.append("finance_controller")
    if bool(why) != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {why} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    for w in why: esc_reasons[w] += 1
    if len(c["turns"]) > 1 and "strategic" not in why and "repeat" not in why and recent + 1 >= pol["repeatDisputeCount"]:
        fail(f"{cid}: a dispute opened on a wrong first reading would flip the repeat-dispute rule")
    if "legal" in why and "legal" not in e.get("stakeholders", []): fail(f"{cid}: legal escalation expected")

# ---- first stakeholder against the routing table; tallies quoted in the README
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and e.get("stakeholders", [None])[0] != TEAM[e["reasonCode"]]:
        fail(f"{c['id']}: first stakeholder {e.get('stakeholders')} is not the routing table's {TEAM[e['reasonCode']]}")
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print("  escalation:", dict(Counter(c["expect"].get("escalation", "none") for c in cases)), "triggers:", dict(esc_reasons))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
