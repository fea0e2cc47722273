#!/usr/bin/env python3
"""Batch-65 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once; no rate: escalate). Prints the mismatches
and the tallies quoted in the README; exit 1 if any mismatch.
Usage: python3 evals/heldout/batch-65/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP, ROUND_CEILING

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # ILS, AZN, MZN, CHF, EUR, USD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

IL, AZ, MZ = "carmel-inline-vision-ils.ledger.json", "goycay-konsentrat-azn.ledger.json", "lurio-grafite-mzn.ledger.json"
ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
if sorted(ledgers) != sorted([IL, AZ, MZ]): fail(f"ledger files: {sorted(ledgers)}")
def I(lgn, num): return next(i for i in ledgers[lgn]["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur): return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else D("0")
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D("0"))
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), D("0"))
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), D("0"))
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), D("0"))
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)
def customer(lgn, num): return next(c for c in ledgers[lgn]["customers"] if c["id"] == I(lgn, num)["customerId"])

# ---- intended irregularities (each one is a case's subject)
NO_RATE = {"MTP-0215/2026", "NCL-0447/2026"}        # Rheinberg is billed in CHF; the MZN ledger has no CHF rate
CANCELLED_PO_ON_INVOICE = {"QF-2609-0442"}           # quotes IFZ-B-26-1164, cancelled and replaced by IFZ-B-26-1171
WRONG_TERMS = {"QF-2610-0468"}                        # 30 days instead of the contract's 60
NO_CONTRACT = {"IVE2600401", "IVE2600434"}            # Zugerberg buys on its own POs (30 days)

# ---- ledgers: totals, statuses, references, terms, minor digits
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    pol = lg["policy"]
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(pol[k], cur0): fail(f"{name}: policy {k} digits")
    if "holidayCalendar" in pol: fail(f"{name}: holidayCalendar not used in this batch")
    if D(pol["approvalLimits"]["lead"]) != D(pol["escalationAmount"]): fail(f"{name}: lead limit differs from the escalation amount")
    for x in lg.get("fxRates", []):
        if x["currency"] == cur0: fail(f"{name}: rate for the company currency")
    for c in lg.get("contracts", []):
        if c["customerId"] not in custs: fail(f"{name} contract {c['id']}: unknown customer")
    for i in lg["invoices"]:
        cur, num = i["currency"], i["number"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {num}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {num}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {num}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {num}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {num}: unknown contract")
        if not c and num not in NO_CONTRACT: fail(f"{name} {num}: no contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {num}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {num}: currency differs from contract")
            on_terms = days(i["issueDate"], i["dueDate"]) == c["paymentTermsDays"]
            if on_terms == (num in WRONG_TERMS): fail(f"{name} {num}: due date vs contract terms ({days(i['issueDate'], i['dueDate'])} d)")
            if c.get("poRequired") and not i.get("poNumber") and num not in ("IVE2600395", "MTP-0212/2026"):
                fail(f"{name} {num}: PO required but missing (not meant to be)")
        else:
            if days(i["issueDate"], i["dueDate"]) != 30: fail(f"{name} {num}: PO terms are 30 days")
        has_rate = any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", []))
        if cur != cur0 and has_rate == (num in NO_RATE): fail(f"{name} {num}: rate for {cur} present={has_rate}")
        po = i.get("poNumber")
        if po:
            if po not in pos: fail(f"{name} {num}: PO {po} not in the ledger")
            else:
                if pos[po]["customerId"] != i["customerId"]: fail(f"{name} {num}: PO of another customer")
                if (pos[po].get("status") == "cancelled") != (num in CANCELLED_PO_ON_INVOICE): fail(f"{name} {num}: PO {po} status")
        p, t = paid(lg, num), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {num}: status {i['status']}, payments say {want}")
        for k in ("servicePeriodStart", "servicePeriodEnd"):
            if (k in i) != ("servicePeriodStart" in i): fail(f"{name} {num}: half a service period")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("poNumber") and d["poNumber"] not in pos: fail(f"{name} delivery {d['id']}: unknown PO")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] not in custs: fail(f"{name} log {s['id']}: unknown customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and I(name, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if "remittance" in p: fail(f"{name} payment {p['id']}: no remittance deductions in this batch")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber"): fail(f"{name} past dispute {d['id']}: past disputes carry no invoice number here")

# ---- numbering: IVE26nnnnn (one yearly sequence); QF-YYMM-nnnn (month of issue, yearly sequence);
# MTP-nnnn/2026 (mine office, concentrate sales) and NCL-nnnn/2026 (Nacala port services), one sequence each.
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
if not all(re.fullmatch(r"IVE26\d{5}", i["number"]) for i in ledgers[IL]["invoices"]): fail("IL numbering")
if not seq_ok(ledgers[IL]["invoices"], lambda i: i["number"]): fail("IL: sequence out of date order")
for i in ledgers[AZ]["invoices"]:
    m = re.fullmatch(r"QF-(\d{2})(\d{2})-(\d{4})", i["number"])
    if not m or (m.group(1), m.group(2)) != (i["issueDate"][2:4], i["issueDate"][5:7]): fail(f"{i['number']}: not QF-YYMM-nnnn of its issue month")
if not seq_ok(ledgers[AZ]["invoices"], lambda i: i["number"][-4:]): fail("AZ: sequence out of date order")
for series in ("MTP", "NCL"):
    v = [i for i in ledgers[MZ]["invoices"] if i["number"].startswith(series + "-")]
    if not all(re.fullmatch(series + r"-\d{4}/2026", i["number"]) for i in v): fail(f"MZ {series} numbering")
    if not seq_ok(v, lambda i: i["number"]): fail(f"MZ {series}: sequence out of date order")
if sum(1 for i in ledgers[MZ]["invoices"] if i["number"][:3] in ("MTP", "NCL")) != len(ledgers[MZ]["invoices"]): fail("MZ series")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
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
    return sum((D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku), D("0"))
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum((D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered"), D("0"))
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), D("0")))
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
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): return bool(customer(lgn, num).get("taxExempt"))
def every_taxed_line(lgn, num): return all(l.get("taxRate") and D(l["taxRate"]) > 0 for l in I(lgn, num)["lines"])
def same_rate_elsewhere(lgn, num, n):
    """A non-exempt customer owes the rate its other invoices use for the same SKU."""
    i = I(lgn, num); l = line(i, n)
    others = [x for o in ledgers[lgn]["invoices"] if o["number"] != num and o["customerId"] == i["customerId"] for x in o["lines"] if x["sku"] == l["sku"]]
    return bool(others) and all(D(x.get("taxRate", "0")) == D(l.get("taxRate", "0")) for x in others)

def late_fee_allowed(lgn, num, today):
    """DOMAIN: contract clause, grace days, actual payment date. None without a clause; none when the
    principal was paid by due + grace; else percentPerMonth of the principal unpaid at the end of grace
    per month. The months are counted three ways (started 30-day months from the due date, started
    months from the end of grace, days / 30 pro rata); this batch's dates make the three agree, and
    the check fails if they do not."""
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
    monthly = overdue * D(c["lateFee"]["percentPerMonth"]) / 100
    readings = {r(monthly, cur) * -(-late // 30), r(monthly, cur) * -(-(late - grace) // 30), r(monthly * D(late) / 30, cur)}
    if len(readings) != 1: fail(f"{num}: late-fee readings disagree {sorted(readings)}")
    return min(readings)
def fee_not_owed(lgn, num, today):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)

def outside_contract(lgn, num):
    """Days of the service period outside the contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))

def unapplied_payment(lgn, num, when, ref):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"]
          and p["date"] == when and ref in p.get("reference", "")]
    amt = sum((D(p["amount"]) for p in ps), D("0"))
    if amt != open_bal(lgn, num): fail(f"{num}: unapplied payment {amt} != open balance {open_bal(lgn, num)}")
    return min(amt, open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if (a.get("poNumber") or b.get("poNumber")) and a.get("poNumber") != b.get("poNumber"): return False
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
            if words(l.get("description", l["sku"])) == words(f.get("description", "")) and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]): return True
    return False
def fee_in_contract_notes(lgn, num, phrase):
    c = contract_of(ledgers[lgn], I(lgn, num)); return bool(c and phrase.lower() in c.get("notes", "").lower())
def wrong_terms(lgn, num):
    i = I(lgn, num); c = contract_of(ledgers[lgn], i); return days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]

Z = D("0")
T_IL, T_AZ, T_MZ = "2026-10-21", "2026-11-04", "2026-12-09"
R = {
 # Israel (ILS; CHF 4.1860 / 4.2125, EUR 3.9240 / 3.8975 from 2026-06-01 / 2026-09-01)
 "b65-il-weissenstein-camera-price": (lambda: price_diff(IL, "IVE2600426", 1), lambda: price_diff(IL, "IVE2600426", 1)),
 "b65-il-kufstein-lenses-short": (lambda: short(IL, "IVE2600417", 2, delivered(IL, "IVE2600417", "LENS-25")), lambda: short(IL, "IVE2600417", 2, 7)),
 "b65-il-rheintal-linescan-cracked": (lambda: units_credit(IL, "IVE2600421", 1, delivered(IL, "IVE2600421", "LINE-SCAN-4K", "damagedQuantity")), lambda: units_credit(IL, "IVE2600421", 1, 1)),
 "b65-il-weissenstein-engineer-days-twice": (lambda: inv_total(IL, "IVE2600414") if same_basis_duplicate(IL, "IVE2600414", "IVE2600409") else Z, lambda: inv_total(IL, "IVE2600414")),
 "b65-il-weissenstein-maintenance-no-po": (lambda: Z if po_defect(IL, "IVE2600395") else None, lambda: inv_total(IL, "IVE2600395")),
 "b65-il-rheintal-service-visits": (lambda: dates_credit(IL, "IVE2600440", 1, "SVC-VISIT", ["2026-08-11", "2026-09-15"]), lambda: units_credit(IL, "IVE2600440", 1, 2)),
 "b65-il-kufstein-remote-support-sla": (lambda: short(IL, "IVE2600441", 1, logged(IL, "IVE2600441", "REMOTE-HR")), lambda: inv_total(IL, "IVE2600441")),
 "b65-il-ennstal-after-termination": (lambda: outside_contract(IL, "IVE2600425"), lambda: inv_total(IL, "IVE2600425")),
 "b65-il-kufstein-interest-grace": (lambda: fee_not_owed(IL, "IVE2600388", T_IL), lambda: fee(IL, "IVE2600388", "late_fee")),
 "b65-il-zugerberg-paid-september": (lambda: unapplied_payment(IL, "IVE2600434", "2026-09-28", "ZMT 4498"), lambda: open_bal(IL, "IVE2600434")),
 "b65-il-zugerberg-express-freight": (lambda: Z if fee_on_po(IL, "IVE2600401", "freight") else fee(IL, "IVE2600401", "freight"), lambda: fee(IL, "IVE2600401", "freight")),
 "b65-il-rheintal-old-quote": (lambda: price_diff(IL, "IVE2600443", 1), lambda: price_diff(IL, "IVE2600443", 1, "2380.00")),
 "b65-il-rheintal-vat-on-services": (lambda: inv_tax(IL, "IVE2600433") if tax_exempt(IL, "IVE2600433") else Z, lambda: inv_tax(IL, "IVE2600433")),
 "b65-il-weissenstein-ring-light": (lambda: price_diff(IL, "IVE2600398", 2), lambda: price_diff(IL, "IVE2600398", 2)),
 "b65-il-kufstein-controller-missing": (None, lambda: units_credit(IL, "IVE2600429", 1, 1)),
 # Azerbaijan (AZN; EUR 1.9725 / 1.9860, CHF 2.1140 / 2.1290 from 2026-06-01 / 2026-09-01)
 "b65-az-montafoner-punctured-drums": (lambda: units_credit(AZ, "QF-2608-0431", 1, delivered(AZ, "QF-2608-0431", "PJC-65", "damagedQuantity")), lambda: units_credit(AZ, "QF-2608-0431", 1, 500)),
 "b65-az-thurtal-cherry-price": (lambda: price_diff(AZ, "QF-2607-0402", 1), lambda: price_diff(AZ, "QF-2607-0402", 1)),
 "b65-az-innviertel-arils-short": (lambda: short(AZ, "QF-2607-0407", 1, delivered(AZ, "QF-2607-0407", "PAR-IQF")), lambda: short(AZ, "QF-2607-0407", 1, 112)),
 "b65-az-innviertel-cancelled-order": (lambda: Z if po_defect(AZ, "QF-2609-0442") else None, lambda: inv_total(AZ, "QF-2609-0442")),
 "b65-az-thurtal-lab-certificates": (lambda: short(AZ, "QF-2608-0436", 1, logged(AZ, "QF-2608-0436", "LAB-PEST")), lambda: short(AZ, "QF-2608-0436", 1, 2)),
 "b65-az-berner-paid-claim": (None, lambda: open_bal(AZ, "QF-2609-0453")),
 "b65-az-montafoner-interest-months": (lambda: fee_not_owed(AZ, "QF-2607-0411", T_AZ), lambda: fee(AZ, "QF-2607-0411", "late_fee")),
 "b65-az-alpenrhein-phyto-fee": (lambda: Z if (fee_on_po(AZ, "QF-2609-0447", "other") or fee_in_contract_notes(AZ, "QF-2609-0447", "phytosanitary")) else fee(AZ, "QF-2609-0447", "other"), lambda: fee(AZ, "QF-2609-0447", "other")),
 "b65-az-alpenrhein-exw-vat": (lambda: inv_tax(AZ, "QF-2609-0456") if (tax_exempt(AZ, "QF-2609-0456") or not same_rate_elsewhere(AZ, "QF-2609-0456", 1)) else Z, lambda: inv_tax(AZ, "QF-2609-0456")),
 "b65-az-berner-quince-twice": (lambda: inv_total(AZ, "QF-2608-0427") if same_basis_duplicate(AZ, "QF-2608-0427", "QF-2608-0423") else Z, lambda: inv_total(AZ, "QF-2608-0427")),
 "b65-az-thurtal-payment-terms": (lambda: Z if wrong_terms(AZ, "QF-2610-0468") else None, None),
 "b65-az-innviertel-cold-store": (lambda: short(AZ, "QF-2609-0460", 1, logged(AZ, "QF-2609-0460", "COLD-STOR")), lambda: short(AZ, "QF-2609-0460", 1, 16)),
 "b65-az-innviertel-thawed-cartons": (lambda: units_credit(AZ, "QF-2610-0479", 1, delivered(AZ, "QF-2610-0479", "PAR-IQF", "damagedQuantity")), lambda: units_credit(AZ, "QF-2610-0479", 1, 5)),
 "b65-az-montafoner-nfc-transfer": (lambda: unapplied_payment(AZ, "QF-2609-0451", "2026-10-15", "NFC Sept"), lambda: open_bal(AZ, "QF-2609-0451")),
 "b65-az-berner-quince-price": (lambda: price_diff(AZ, "QF-2610-0473", 1), lambda: price_diff(AZ, "QF-2610-0473", 1, "1.98")),
 "b65-az-thurtal-vat-export": (lambda: inv_tax(AZ, "QF-2610-0466") if (tax_exempt(AZ, "QF-2610-0466") and every_taxed_line(AZ, "QF-2610-0466")) else Z, lambda: inv_tax(AZ, "QF-2610-0466")),
 # Mozambique (MZN; USD 63.8900 / 63.9100, EUR 74.6200 / 74.1850 from 2026-07-01 / 2026-10-01; no CHF rate)
 "b65-mz-murztal-koper-weight": (lambda: short(MZ, "MTP-0197/2026", 1, delivered(MZ, "MTP-0197/2026", "GR-J94")), lambda: short(MZ, "MTP-0197/2026", 1, "122.9")),
 "b65-mz-murztal-no-order-number": (lambda: Z if po_defect(MZ, "MTP-0212/2026") else None, lambda: inv_total(MZ, "MTP-0212/2026")),
 "b65-mz-traisental-torn-bags": (lambda: units_credit(MZ, "MTP-0188/2026", 1, delivered(MZ, "MTP-0188/2026", "GR-F94", "damagedQuantity")), lambda: units_credit(MZ, "MTP-0188/2026", 1, 2)),
 "b65-mz-lorzen-l95-price": (lambda: price_diff(MZ, "MTP-0221/2026", 1), lambda: price_diff(MZ, "MTP-0221/2026", 1)),
 "b65-mz-lorzen-interest": (lambda: fee_not_owed(MZ, "MTP-0204/2026", T_MZ), lambda: fee(MZ, "MTP-0204/2026", "late_fee")),
 "b65-mz-aargau-paid-november": (lambda: unapplied_payment(MZ, "MTP-0224/2026", "2026-11-18", "AKB graphite Oct"), lambda: open_bal(MZ, "MTP-0224/2026")),
 "b65-mz-lorzen-supervisor-absent": (None, lambda: units_credit(MZ, "NCL-0455/2026", 1, 2)),
 "b65-mz-traisental-storage-after-expiry": (lambda: outside_contract(MZ, "NCL-0452/2026"), lambda: inv_total(MZ, "NCL-0452/2026")),
 "b65-mz-lorzen-two-lots": (lambda: inv_total(MZ, "MTP-0203/2026") if same_basis_duplicate(MZ, "MTP-0203/2026", "MTP-0191/2026") else Z, lambda: inv_total(MZ, "MTP-0203/2026")),
 "b65-mz-aargau-documentation-fee": (lambda: Z if (fee_on_po(MZ, "MTP-0206/2026", "other") or fee_in_contract_notes(MZ, "MTP-0206/2026", "documentation fee")) else fee(MZ, "MTP-0206/2026", "other"), lambda: fee(MZ, "MTP-0206/2026", "other")),
 "b65-mz-rheinberg-assay-lots": (lambda: short(MZ, "NCL-0447/2026", 1, logged(MZ, "NCL-0447/2026", "ASSAY")), lambda: short(MZ, "NCL-0447/2026", 1, 3)),
 "b65-mz-aargau-genova-weight": (lambda: short(MZ, "MTP-0219/2026", 1, delivered(MZ, "MTP-0219/2026", "GR-L95")), lambda: short(MZ, "MTP-0219/2026", 1, 13)),
 "b65-mz-lorzen-rebagging": (lambda: short(MZ, "NCL-0431/2026", 1, logged(MZ, "NCL-0431/2026", "BAG-FIBC")), lambda: short(MZ, "NCL-0431/2026", 1, 47)),
 "b65-mz-murztal-supervision-quality": (lambda: short(MZ, "NCL-0436/2026", 1, logged(MZ, "NCL-0436/2026", "SUPV-DAY")), lambda: line_gross(MZ, "NCL-0436/2026", 1)),
 "b65-mz-rheinberg-dunning-charge": (lambda: fee_not_owed(MZ, "MTP-0215/2026", T_MZ), lambda: fee(MZ, "MTP-0215/2026", "late_fee")),
}
NEEDS_INFO = {
 "b65-il-kufstein-controller-missing": lambda: not has_delivery(IL, "IVE2600429", "VCTRL-4"),
 "b65-az-berner-paid-claim": lambda: nothing_could_be_theirs(AZ, "QF-2609-0453", "2026-10-16", "BK 0453"),
 "b65-mz-lorzen-supervisor-absent": lambda: unserved_dates(MZ, "NCL-0455/2026", "SUPV-DAY", ["2026-11-03", "2026-11-04"]) is None,
}
# the turn that names the invoice, for cases where the first turn does not (or names a wrong one)
INVOICE_NAMED_LATER = {"b65-az-innviertel-thawed-cartons": 1, "b65-mz-lorzen-rebagging": 1}

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
esc_reasons = Counter()
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b65-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    if c["today"] != {IL: T_IL, AZ: T_AZ, MZ: T_MZ}[lgn]: fail(f"{cid}: today")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    named = lambda t: [n for n in nums if n in t]
    if e.get("noResolution"):
        if any(named(t) for t in c["turns"]): fail(f"{cid}: noResolution but it names an existing invoice")
        if set(e) - {"noResolution", "mustNotHappen"}: fail(f"{cid}: noResolution with other checks")
        continue
    if "invoiceNumber" not in e:
        if set(e) - {"mustNotHappen", "neverAsks"}: fail(f"{cid}: a case without an invoice checks only that no money moves")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    first = named(c["turns"][0])
    if cid in INVOICE_NAMED_LATER:
        if num in first or num not in c["turns"][INVOICE_NAMED_LATER[cid]]: fail(f"{cid}: where the invoice is named")
        if "invoice" in e.get("neverAsks", []): fail(f"{cid}: neverAsks invoice, but turn 1 does not name it")
    else:
        if num not in first: fail(f"{cid}: turn 1 does not name {num}")
        if "invoice" not in e.get("neverAsks", []): fail(f"{cid}: turn 1 names the invoice, neverAsks should list it")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[0-9.]+", m):
            if D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
            if m not in (e.get("supportedAmount"), e.get("disputedAmount")): fail(f"{cid}: emailMentions amount {m} is neither figure")
        elif m != num and not any(m == po["number"] for po in lg.get("purchaseOrders", [])): fail(f"{cid}: emailMentions {m} is neither the invoice nor a PO")
    if num not in e.get("emailMentions", []): fail(f"{cid}: emailMentions lacks the invoice")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn() if dis_fn else None
    if "disputedAmount" in e:
        if disputed is None: fail(f"{cid}: no disputed recipe")
        elif D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
        if D(e["disputedAmount"]) > inv_total(lgn, num): fail(f"{cid}: disputed above invoice total")
        if D(e["disputedAmount"]) <= 0: fail(f"{cid}: disputed not positive")
    elif dis_fn: fail(f"{cid}: disputed recipe but no disputedAmount")
    cl, act = e.get("classification"), e.get("action")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: needs_info recipe on a decided case")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed) if disputed is not None else evidence
        if D(e.get("supportedAmount", "-1")) != supported: fail(f"{cid}: supportedAmount {e.get('supportedAmount')} != recomputed {supported}")
    if cl and cl != "needs_info" and supported is not None:
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        if disputed is None: exp = "valid" if (supported == 0 and defect) else None
        else: exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act not in ("credit_memo" if cl == "partial" else "no_adjustment",): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            rc = e.get("reasonCode")
            want = "apply_payment" if rc == "already_paid" else ("cancel_and_rebill" if (rc in ("missing_po", "contract_terms") and supported == 0) or (rc == "tax_error" and every_taxed_line(lgn, num)) else "credit_memo")
            if act != want: fail(f"{cid}: valid {rc} with {act}, expected {want}")
        if act in ("credit_memo", "write_off") and supported > open_bal(lgn, num): fail(f"{cid}: {supported} above the open balance {open_bal(lgn, num)}")
    # escalation
    pol = lg["policy"]; cust = customer(lgn, num)
    amount = disputed if disputed is not None else inv_total(lgn, num)
    conv = to_company(lgn, num, amount)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    why = [w for w, hit in (("no rate", conv is None), ("amount", conv is not None and conv >= D(pol["escalationAmount"])),
                            ("days past due", pastdue > pol["escalationDaysPastDue"]), ("strategic", bool(cust.get("strategic"))),
                            ("repeat", recent >= pol["repeatDisputeCount"])) if hit]
    if bool(why) != e.get("escalation"): fail(f"{cid}: escalation {e.get('escalation')} but rules give {why} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    for w in why: esc_reasons[w] += 1
    if e.get("reasonCode") == "contract_terms" and (conv is None or conv >= D(pol["legalEscalationAmount"])): fail(f"{cid}: legal escalation would apply")
    if e.get("stakeholders", [None])[0] != TEAM[e["reasonCode"]]: fail(f"{cid}: first stakeholder {e.get('stakeholders')} is not the routing table's {TEAM[e['reasonCode']]}")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases: by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation")) for c in cases if "escalation" in c["expect"])), "triggers:", dict(esc_reasons))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
