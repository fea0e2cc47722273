#!/usr/bin/env python3
"""Batch-64 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-64/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0, "CLP": 0}  # USD, DOP, EUR, BRL, SRD, FKP: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
PR, GF, FK = "turabo-esterilizacion-usd.ledger.json", "oyapock-engins-eur.ledger.json", "port-william-marine-fkp.ledger.json"
TODAY = {PR: "2026-10-16", GF: "2026-11-06", FK: "2026-12-09"}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate), cur) if rate else D("0")
def gross(l, cur, qty=None, price=None, rate=None): n = net(l, cur, qty, price); return n + tax(l, n, cur, rate)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D("0"))
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), D("0"))
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), D("0"))
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), D("0"))
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)
def seqno(num): return re.search(r"(?<![A-Z\d])(\d{4})(?!\d)", num).group(1)   # 0412-26-EMT, OE973-1180, PWMS-I-0228
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

# ---- ledgers: totals, statuses, references, terms, minor digits
NO_RATE = {"OE973-1183", "OE973-1185", "OE973-1192"}   # the SRD invoices: no SRD rate, on purpose
TERMS_NO_CONTRACT = 30                                  # BRK (no contract) is billed at 30 days
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    if lg["policy"]["escalationAmount"] != lg["policy"]["approvalLimits"]["lead"]: fail(f"{name}: escalation amount differs from the lead's limit")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    tails = [seqno(n) for n in nums]
    if len(set(t[-3:] for t in tails)) != len(tails): fail(f"{name}: two invoices share their last three digits")
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
        elif days(i["issueDate"], i["dueDate"]) != TERMS_NO_CONTRACT: fail(f"{name} {i['number']}: due date not 30 days")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {i['number']}: has a rate after all")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        for l in i["lines"]:   # every line's taxRate is one of the ledger's rates (IVU 4 % services, 11.5 % goods in PR; none elsewhere)
            if l.get("taxRate") and (name != PR or l["taxRate"] not in ("0.04", "0.115")): fail(f"{name} {i['number']}: tax rate {l['taxRate']}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] != invoice(lg, s["invoiceNumber"])["customerId"]: fail(f"{name} log {s['id']}: customer differs from its invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        for rm in p.get("remittance", []):
            if D(rm["paid"]) + D(rm.get("deducted", "0")) != D(invoice(lg, rm["invoiceNumber"])["total"]): fail(f"{name} payment {p['id']}: remittance does not add up to the invoice")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber"): fail(f"{name} past dispute {d['id']}: past disputes carry no invoice number in this batch")
        cust_invs = {i["currency"] for i in lg["invoices"] if i["customerId"] == d["customerId"]}
        if cust_invs != {cur0}: fail(f"{name} past dispute {d['id']}: customer billed in another currency than the company's")

# ---- numbering: NNNN-26-EMT (PR), OE973-NNNN (GF), PWMS-I-NNNN (FK); one sequence each, in date order
def seq_ok(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for lgn, pat in ((PR, r"\d{4}-26-EMT"), (GF, r"OE973-\d{4}"), (FK, r"PWMS-I-\d{4}")):
    if not all(re.fullmatch(pat, i["number"]) for i in ledgers[lgn]["invoices"]): fail(f"{lgn}: numbering")
    if not seq_ok(ledgers[lgn]["invoices"]): fail(f"{lgn}: sequence out of date order")
if not all(i["issueDate"][2:4] == "26" for i in ledgers[PR]["invoices"]): fail("PR: year in the number")

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
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), D(0)))
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
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
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
    """Days of the service period outside the contract, pro rata on each line's gross, half-up; also
    checked on net and tax apart (the same cents either way, by construction)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    on_gross = sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
    on_parts = sum((r(net(l, cur) * (tot - inside) / tot, cur) + r(tax(l, net(l, cur), cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
    if on_gross != on_parts: fail(f"{num}: pro rata on the gross {on_gross} differs from net + tax {on_parts}")
    return on_gross

def unapplied_payment(lgn, num, when, ref):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when and p.get("reference") == ref]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num)) if ps else None
def applied_leaves_balance(lgn, num, when):
    """The payment the customer means is applied to this invoice; no unapplied payment of theirs: the rest is owed."""
    lg = ledgers[lgn]; i = I(lgn, num)
    mine = [p for p in lg["payments"] if p["customerId"] == i["customerId"]]
    return (any(p.get("invoiceNumber") == num and p["date"] == when for p in mine) and not any(not p.get("invoiceNumber") for p in mine)
            and open_bal(lgn, num) > 0)
def nothing_could_be_theirs(lgn, num, when):
    """No payment of the customer on this invoice, none unapplied, none on the date they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["number"] <= b["number"]: return False    # the later document is the duplicate
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if (a.get("poNumber") or b.get("poNumber")) and a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = po_of(lgn, num)
    return po is None or po.get("status") == "cancelled"
def fee_on_po(lgn, num, t):
    """The invoice's PO lists the fee: a line whose description matches it, at that amount."""
    i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t); po = po_of(lgn, num)
    if not po or po.get("status") == "cancelled": return False
    return any(l.get("description", "").lower() == f.get("description", "").lower() and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]) for l in po["lines"])
def fee_unsupported(lgn, num, t):
    """A fee with no PO line, no contract price and no mention in the contract's notes: not owed."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    cust_pos = [p for p in lg.get("purchaseOrders", []) if p["customerId"] == i["customerId"]]
    on_any_po = any(f["description"].lower() in l.get("description", "").lower() for p in cust_pos for l in p["lines"])
    in_notes = bool(c and any(w in c.get("notes", "").lower() for w in (f["description"].lower(), "dossier", "frais")))
    return not on_any_po and not in_notes
def po_line_supports(lgn, num, n):
    """The invoice's own PO has a line with the same SKU at the billed price."""
    l = line(I(lgn, num), n); po = po_of(lgn, num)
    return bool(po) and po.get("status") != "cancelled" and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) for x in po["lines"])
def other_invoice_rate(lgn, num, n):
    """The tax rate the customer's other invoices use for the line's SKU (one rate, else None)."""
    i = I(lgn, num); sku = line(i, n)["sku"]
    rates = {l.get("taxRate") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for l in o["lines"] if l["sku"] == sku}
    return rates.pop() if len(rates) == 1 else None
def wrong_rate_credit(lgn, num, n):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return gross(l, cur) - gross(l, cur, rate=other_invoice_rate(lgn, num, n))
def remittance_deducted(lgn, num):
    return sum((D(rm.get("deducted", "0")) for p in ledgers[lgn]["payments"] for rm in p.get("remittance", []) if rm["invoiceNumber"] == num), D("0"))

Z = D("0")
R = {
 # Puerto Rico (USD; DOP at 0.0168 / 0.01655)
 "b64-pr-dqe-eto-409": (lambda: price_diff(PR, "0412-26-EMT", 1), lambda: (D("409.00") - D(contract_price(PR, "0412-26-EMT", "EO-STD"))) * billed_qty(PR, "0412-26-EMT", 1)),
 "b64-pr-dqe-ap-no-po": (lambda: Z if po_defect(PR, "0427-26-EMT") else None, lambda: inv_total(PR, "0427-26-EMT")),
 "b64-pr-dqe-431-dup": (lambda: inv_total(PR, "0431-26-EMT") if same_basis_duplicate(PR, "0431-26-EMT", "0426-26-EMT") else Z, lambda: inv_total(PR, "0431-26-EMT")),
 "b64-pr-dqe-truck-tue-thu": (lambda: dates_credit(PR, "0429-26-EMT", 1, "TRK-RUN", ["2026-09-15", "2026-09-17"]), lambda: units_credit(PR, "0429-26-EMT", 1, 2)),
 "b64-pr-cbo-bi-wrong-inv": (lambda: short(PR, "0415-26-EMT", 1, delivered(PR, "0415-26-EMT", "BI-STRIP")), lambda: short(PR, "0415-26-EMT", 1, 500)),
 "b64-pr-cbo-mora-grace": (lambda: fee_not_owed(PR, "0398-26-EMT", TODAY[PR]), lambda: fee(PR, "0398-26-EMT", "late_fee")),
 "b64-pr-cbo-ach-paid": (lambda: unapplied_payment(PR, "0421-26-EMT", "2026-10-09", "CBO ACH 100926"), lambda: open_bal(PR, "0421-26-EMT")),
 "b64-pr-cbo-truck-ivu": (lambda: wrong_rate_credit(PR, "0428-26-EMT", 2), lambda: wrong_rate_credit(PR, "0428-26-EMT", 2)),
 "b64-pr-cbo-wet-boxes": (lambda: units_credit(PR, "0407-26-EMT", 1, delivered(PR, "0407-26-EMT", "BI-STRIP", "damagedQuantity")), lambda: units_credit(PR, "0407-26-EMT", 1, 200)),
 "b64-pr-oci-exempt-ivu": (lambda: inv_tax(PR, "0409-26-EMT") if tax_exempt(PR, "0409-26-EMT") else Z, lambda: inv_tax(PR, "0409-26-EMT")),
 "b64-pr-oci-validation-unhappy": (lambda: short(PR, "0423-26-EMT", 1, logged(PR, "0423-26-EMT", "VAL-DAY")), lambda: line_gross(PR, "0423-26-EMT", 1)),
 "b64-pr-oci-residuals": (lambda: short(PR, "0416-26-EMT", 1, logged(PR, "0416-26-EMT", "RES-TEST")), lambda: short(PR, "0416-26-EMT", 1, 5)),
 "b64-pr-lqm-26-pallets": (lambda: short(PR, "0419-26-EMT", 1, logged(PR, "0419-26-EMT", "EO-STD")), lambda: D("47000.00")),
 "b64-pr-lqm-short-pay": (lambda: short(PR, "0433-26-EMT", 1, logged(PR, "0433-26-EMT", "BB-TEST")), lambda: remittance_deducted(PR, "0433-26-EMT")),
 "b64-pr-lqm-transfer": (lambda: unapplied_payment(PR, "0425-26-EMT", "2026-10-13", "TRF BHD 131026"), lambda: open_bal(PR, "0425-26-EMT")),
 "b64-pr-sdv-after-contract": (lambda: outside_contract(PR, "0418-26-EMT"), lambda: r(line_gross(PR, "0418-26-EMT", 1) / 2, "USD")),
 "b64-pr-sdv-lal-quote": (lambda: price_diff(PR, "0405-26-EMT", 1), lambda: price_diff(PR, "0405-26-EMT", 1, "68.00")),
 # French Guiana (EUR; BRL at 0.1650 / 0.1610; no SRD rate)
 "b64-gf-can-d6-parado": (None, lambda: units_credit(GF, "OE973-1191", 1, 3)),
 "b64-gf-can-pedido-cancelado": (lambda: Z if po_defect(GF, "OE973-1188") else None, lambda: inv_total(GF, "OE973-1188")),
 "b64-gf-can-horas-operador": (lambda: short(GF, "OE973-1184", 2, logged(GF, "OE973-1184", "OPER-H")), lambda: short(GF, "OE973-1184", 2, 172)),
 "b64-gf-can-porte-char": (lambda: short(GF, "OE973-1194", 1, logged(GF, "OE973-1194", "PCH-TRIP")), lambda: units_credit(GF, "OE973-1194", 1, 1)),
 "b64-gf-tol-diaria": (lambda: price_diff(GF, "OE973-1186", 1), lambda: D("2000.00")),
 "b64-gf-tol-juros": (lambda: fee_not_owed(GF, "OE973-1180", TODAY[GF]), lambda: fee(GF, "OE973-1180", "late_fee")),
 "b64-gf-tol-diesel": (lambda: short(GF, "OE973-1189", 1, delivered(GF, "OE973-1189", "GNR-L")), lambda: short(GF, "OE973-1189", 1, 3650)),
 "b64-gf-ovm-outubro": (lambda: outside_contract(GF, "OE973-1193"), lambda: units_credit(GF, "OE973-1193", 1, 15) + units_credit(GF, "OE973-1193", 2, 15)),
 "b64-gf-ovm-frais": (lambda: fee(GF, "OE973-1182", "other") if fee_unsupported(GF, "OE973-1182", "other") else Z, lambda: fee(GF, "OE973-1182", "other")),
 "b64-gf-ovm-dumper": (lambda: dates_credit(GF, "OE973-1181", 1, "TOMB-30", ["2026-08-12", "2026-08-13"]), lambda: units_credit(GF, "OE973-1181", 1, 2)),
 "b64-gf-bsn-duplicada": (lambda: inv_total(GF, "OE973-1185") if same_basis_duplicate(GF, "OE973-1185", "OE973-1183") else Z, lambda: inv_total(GF, "OE973-1185")),
 "b64-gf-bsn-ja-paga": (None, lambda: open_bal(GF, "OE973-1192")),
 "b64-gf-brk-bc-price": (lambda: price_diff(GF, "OE973-1190", 1), lambda: price_diff(GF, "OE973-1190", 1, po_price(GF, "OE973-1190", "PEL-08"))),
 "b64-gf-brk-compactador-ruim": (lambda: short(GF, "OE973-1187", 1, logged(GF, "OE973-1187", "COMPAC")), lambda: D("1020.00")),
 "b64-gf-brk-godet": (lambda: Z if po_line_supports(GF, "OE973-1195", 2) else line_gross(GF, "OE973-1195", 2), lambda: line_gross(GF, "OE973-1195", 2)),
 # Falkland Islands (FKP; USD 0.7460 / 0.7520, CLP 0.000792 / 0.000805)
 "b64-fk-pam-lancha": (lambda: short(FK, "PWMS-I-0231", 1, logged(FK, "PWMS-I-0231", "LAUNCH")), lambda: short(FK, "PWMS-I-0231", 1, 4)),
 "b64-fk-pam-anzuelos": (lambda: units_credit(FK, "PWMS-I-0235", 1, delivered(FK, "PWMS-I-0235", "HOOK-BOX", "damagedQuantity")), lambda: units_credit(FK, "PWMS-I-0235", 1, 4)),
 "b64-fk-pam-agua-precio": (lambda: price_diff(FK, "PWMS-I-0229", 2), lambda: price_diff(FK, "PWMS-I-0229", 2, "8000")),
 "b64-fk-pdp-doble": (lambda: inv_total(FK, "PWMS-I-0234") if same_basis_duplicate(FK, "PWMS-I-0234", "PWMS-I-0233") else Z, lambda: inv_total(FK, "PWMS-I-0234")),
 "b64-fk-pdp-swift-saldo": (lambda: Z if applied_leaves_balance(FK, "PWMS-I-0230", "2026-10-20") else None, lambda: open_bal(FK, "PWMS-I-0230")),
 "b64-fk-pdp-balanza": (lambda: short(FK, "PWMS-I-0238", 1, logged(FK, "PWMS-I-0238", "TSH-T")), lambda: short(FK, "PWMS-I-0238", 1, "398.2")),
 "b64-fk-ata-sin-oc": (lambda: Z if po_defect(FK, "PWMS-I-0232") else None, lambda: inv_total(FK, "PWMS-I-0232")),
 "b64-fk-ata-red-horas": (lambda: short(FK, "PWMS-I-0236", 1, logged(FK, "PWMS-I-0236", "NET-HR")), lambda: short(FK, "PWMS-I-0236", 1, 50)),
 "b64-fk-ata-soldador": (lambda: price_diff(FK, "PWMS-I-0242", 1), lambda: D("4") * billed_qty(FK, "PWMS-I-0242", 1)),
 "b64-fk-prg-camara": (lambda: short(FK, "PWMS-I-0239", 1, logged(FK, "PWMS-I-0239", "CS-PD")), lambda: short(FK, "PWMS-I-0239", 1, 62 * 20)),
 "b64-fk-prg-multa": (lambda: fee_not_owed(FK, "PWMS-I-0228", TODAY[FK]), lambda: fee(FK, "PWMS-I-0228", "late_fee")),
 "b64-fk-prg-cabos": (None, lambda: short(FK, "PWMS-I-0241", 1, 16)),
 "b64-fk-pdp-airport": (lambda: Z if fee_on_po(FK, "PWMS-I-0240", "other") else fee(FK, "PWMS-I-0240", "other"), lambda: fee(FK, "PWMS-I-0240", "other")),
}
NEEDS_INFO = {
 "b64-gf-can-d6-parado": lambda: unserved_dates(GF, "OE973-1191", "BULL-D6", ["2026-09-29", "2026-09-30", "2026-10-01"]) is None,
 "b64-gf-bsn-ja-paga": lambda: nothing_could_be_theirs(GF, "OE973-1192", "2026-10-20"),
 "b64-fk-prg-cabos": lambda: not has_delivery(FK, "PWMS-I-0241", "ROPE-COIL"),
}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}
NO_FIGURES = {"b64-gf-question-dezembro", "b64-fk-ata-agua-retira"}   # a question and a withdrawn claim: only "no money moves"

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
escalated = Counter()
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b64-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    tails = {seqno(n): n for n in nums}
    first = c["turns"][0]
    for k in ("emailMentions",):
        for m in e.get(k, []):
            if re.fullmatch(r"[\d.]+", m) and D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
    if e.get("noResolution"):
        named = [w for t in c["turns"] for w in re.findall(r"\d{3,}", t)]
        if any(w.zfill(4) in tails or w in tails for w in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if cid in NO_FIGURES:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: a question / withdrawn claim checks only mustNotHappen")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    # neverAsks: invoice only when the first turn names it by its full sequence (3-4 digits or the whole number); reason only when plain
    seq = seqno(num)
    names_it = num in first or re.search(rf"(?<!\d)(?<!\d[.,])0?{seq.lstrip('0')}(?!\d|[.,/]\d)", first) is not None
    if ("invoice" in e.get("neverAsks", [])) != names_it: fail(f"{cid}: neverAsks invoice {'invoice' in e.get('neverAsks', [])} but the first turn {'names' if names_it else 'does not name'} it")
    if num not in e.get("emailMentions", []): fail(f"{cid}: the email should name the invoice")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if D(e["disputedAmount"]) > inv_total(lgn, num): fail(f"{cid}: disputed above invoice total")
    if D(e["disputedAmount"]) <= 0: fail(f"{cid}: disputed not positive")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: has a needs_info recipe but classification {cl}")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no evidence"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    if cl != "needs_info":
        defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"already_paid": "apply_payment", "missing_po": "cancel_and_rebill"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error":   # every taxed line wrong: re-bill; one line at a wrong rate: credit
                want = "cancel_and_rebill" if tax_exempt(lgn, num) else "credit_memo"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} expects {want}, not {act}")
    # escalation
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    why = [w for w, on in (("no rate", conv is None), ("amount", conv is not None and conv >= D(pol["escalationAmount"])),
                           ("past due", pastdue > pol["escalationDaysPastDue"]), ("strategic", bool(cust.get("strategic"))),
                           ("repeat", recent >= pol["repeatDisputeCount"])) if on]
    if bool(why) != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {why} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    for w in why: escalated[w] += 1
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
        fail(f"{cid}: legal escalation expected")
    if e.get("stakeholders") != [TEAM[e["reasonCode"]]]: fail(f"{cid}: stakeholders {e.get('stakeholders')} is not the routing table's first team {TEAM[e['reasonCode']]}")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(c["expect"].get("escalation", "none") for c in cases)), "triggers:", dict(escalated))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
