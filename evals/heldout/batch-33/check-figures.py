#!/usr/bin/env python3
"""Batch-33 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-33/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "XOF": 0}  # BWP, USD, ZAR, WST, NZD, MRU, EUR: 2
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
NO_RATE = {"GB-0738/26"}   # batch 33: Limpopo's ZAR invoice has no ZAR rate on purpose
INTENDED_WRONG_PO = set()   # batch 33 has no invoice quoting a PO the customer never issued
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
BW, WS, MR = "tswelelo-vetfeed-bwp.ledger.json", "faleolo-ground-wst.ledger.json", "glaciere-nouadhibou-mru.ledger.json"
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
T_BW, T_WS, T_MR = "2026-11-24", "2026-11-19", "2026-12-03"
def fee_desc(lgn, num, start): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").startswith(start)), D("0"))
def fee_desc_owed(lgn, num, start, words):
    """A fee named by its description is owed when the contract's notes name it (by `words`) or the customer's PO lists it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    in_notes = bool(c and words.lower() in c.get("notes", "").lower())
    on_po = any(l.get("description", "").lower() == start.lower() for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for l in po["lines"])
    return in_notes or on_po
def deducted(lgn, num):
    """What the customer's remittance advice deducted on `num` (DOMAIN.md, Deductions: the disputed amount)."""
    return sum((D(x.get("deducted", "0")) for p in ledgers[lgn].get("payments", []) for x in p.get("remittance", []) if x["invoiceNumber"] == num), D("0"))
def no_contract_no_po(lgn, num): i = I(lgn, num); return not i.get("contractId") and not i.get("poNumber")

F02, F05, F10, F12, F08 = "FT-1402/26", "FT-1405/26", "FT-1410/26", "FT-1412/26", "FT-1408/26"
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b33-bw-ghanzi-lick-short-net": (lambda: short(BW, F02, 1, delivered(BW, F02, "LICK-25")), lambda: deducted(BW, F02)),
 "b33-bw-lobatse-volume-discount": (lambda: price_diff(BW, "GB-0733/26", 1), lambda: price_diff(BW, "GB-0733/26", 1, "296.40")),
 "b33-bw-lobatse-no-po": (lambda: Z if po_defect(BW, "GB-0741/26") else None, lambda: inv_total(BW, "GB-0741/26")),
 "b33-bw-mahalapye-late-fee-one-month": (lambda: fee_not_owed(BW, "FT-1388/26", T_BW), lambda: fee(BW, "FT-1388/26", "late_fee")),
 "b33-bw-okavango-vat-exempt": (lambda: inv_tax(BW, "FT-1415/26") if tax_exempt(BW, "FT-1415/26") else Z, lambda: inv_tax(BW, "FT-1415/26")),
 "b33-bw-matopo-lsd-usd": (lambda: price_diff(BW, F05, 1), lambda: price_diff(BW, F05, 1, "31.00")),
 "b33-bw-matopo-paid-usd": (lambda: unapplied_payment(BW, F10, "2026-11-16"), lambda: open_bal(BW, F10)),
 "b33-bw-limpopo-leaking-drums": (lambda: units_credit(BW, "GB-0738/26", 1, delivered(BW, "GB-0738/26", "DIP-5L", "damagedQuantity")), lambda: units_credit(BW, "GB-0738/26", 1, 2)),
 "b33-bw-ghanzi-vet-callouts": (lambda: short(BW, "FT-1421/26", 1, logged(BW, "FT-1421/26", "VET-CALL")), lambda: units_credit(BW, "FT-1421/26", 1, 2)),
 "b33-bw-tuli-second-invoice": (lambda: inv_total(BW, F12) if same_basis_duplicate(BW, F12, F08) else Z, lambda: inv_total(BW, F12)),
 "b33-bw-tuli-lick-no-dn": (None, lambda: units_credit(BW, "FT-1423/26", 1, 20)),
 "b33-bw-okavango-courier": (lambda: Z if fee_on_po(BW, "FT-1425/26", "freight") else fee(BW, "FT-1425/26", "freight"), lambda: fee(BW, "FT-1425/26", "freight")),
 "b33-bw-mahalapye-dip-discount": (lambda: price_diff(BW, "FT-1417/26", 1), lambda: deducted(BW, "FT-1417/26")),
 "b33-bw-ghanzi-old-tag-price": (lambda: price_diff(BW, "FT-1430/26", 1), lambda: price_diff(BW, "FT-1430/26", 1, "920.00")),
 "b33-bw-tuli-tags-after-credit": (lambda: price_diff(BW, "FT-1427/26", 1), lambda: open_bal(BW, "FT-1427/26")),

 "b33-ws-aotea-cancelled-turn": (lambda: short(WS, "FGS-26-0348", 1, logged(WS, "FGS-26-0348", "TURN-NB")), lambda: units_credit(WS, "FGS-26-0348", 1, 1)),
 "b33-ws-tasman-rate-short-paid": (lambda: price_diff(WS, "FGS-26-0322", 1), lambda: deducted(WS, "FGS-26-0322")),
 "b33-ws-polylink-gpu-hours": (lambda: short(WS, "FGS-26-0349", 2, logged(WS, "FGS-26-0349", "GPU-HR")), lambda: units_credit(WS, "FGS-26-0349", 2, 4)),
 "b33-ws-levasa-lounge-group-rate": (lambda: price_diff(WS, "FGS-26-0340", 1), lambda: r(D("394") * D("1.15"), "WST")),   # the customer's 12 x 32 = "394"
 "b33-ws-redcross-vagst": (lambda: inv_tax(WS, "FGS-26-0343") if tax_exempt(WS, "FGS-26-0343") else Z, lambda: inv_tax(WS, "FGS-26-0343")),
 "b33-ws-apiafresh-crushed-boxes": (lambda: units_credit(WS, "FGS-26-0345", 1, delivered(WS, "FGS-26-0345", "FISH-BOX", "damagedQuantity")), lambda: r(D(45) * D("18.50"), "WST") + r(r(D(45) * D("18.50"), "WST") * D("0.15"), "WST")),   # the customer's 832.50 + 124.88
 "b33-ws-apiafresh-quoted-price": (lambda: price_diff(WS, "FGS-26-0329", 1), lambda: deducted(WS, "FGS-26-0329")),
 "b33-ws-polylink-gpu-twice": (lambda: inv_total(WS, "FGS-26-0352") if same_basis_duplicate(WS, "FGS-26-0352", "FGS-26-0349") else Z, lambda: inv_total(WS, "FGS-26-0352")),
 "b33-ws-levasa-late-fee": (lambda: fee_not_owed(WS, "FGS-26-0291", T_WS), lambda: fee(WS, "FGS-26-0291", "late_fee")),
 "b33-ws-aotea-wheelchairs": (lambda: short(WS, "FGS-26-0317", 2, logged(WS, "FGS-26-0317", "PAX-ASSIST")), lambda: units_credit(WS, "FGS-26-0317", 2, 2)),
 "b33-ws-tasman-swift": (lambda: unapplied_payment(WS, "FGS-26-0336", "2026-11-10"), lambda: open_bal(WS, "FGS-26-0336")),
 "b33-ws-redcross-escort": (lambda: Z if fee_desc_owed(WS, "FGS-26-0351", "Airport security escort", "escort") else fee_desc(WS, "FGS-26-0351", "Airport security escort"), lambda: fee_desc(WS, "FGS-26-0351", "Airport security escort")),
 "b33-ws-levasa-desk-dates": (lambda: units_credit(WS, "FGS-26-0356", 1, len(unserved_dates(WS, "FGS-26-0356", "DESK-DAY", ["2026-11-06", "2026-11-07"]))), lambda: units_credit(WS, "FGS-26-0356", 1, 2)),
 "b33-ws-salani-after-end": (lambda: outside_contract(WS, "FGS-26-0333"), lambda: r(inv_total(WS, "FGS-26-0333") * 15 / 30, "WST")),
 "b33-ws-apiafresh-gel-no-dn": (None, lambda: units_credit(WS, "FGS-26-0354", 1, 400)),
 "b33-ws-aotea-gpu-after-cn": (lambda: short(WS, "FGS-26-0286", 2, logged(WS, "FGS-26-0286", "GPU-HR")), lambda: open_bal(WS, "FGS-26-0286")),

 "b33-mr-smpm-remise-5pct": (lambda: price_diff(MR, "NDB/FA/0412", 2), lambda: deducted(MR, "NDB/FA/0412")),
 "b33-mr-pcb-blast-freezing": (lambda: short(MR, "NDB/FA/0431", 1, logged(MR, "NDB/FA/0431", "SURG-T")), lambda: units_credit(MR, "NDB/FA/0431", 1, 7)),
 "b33-mr-pcb-paid-balance": (lambda: unapplied_payment(MR, "NDB/FA/0418", "2026-11-25"), lambda: open_bal(MR, "NDB/FA/0418")),
 "b33-mr-coop-tva": (lambda: inv_tax(MR, "NDB/FA/0421") if tax_exempt(MR, "NDB/FA/0421") else Z, lambda: inv_tax(MR, "NDB/FA/0421")),
 "b33-mr-sem-boxes-short-xof": (lambda: short(MR, "NDB/FA/0424", 2, delivered(MR, "NDB/FA/0424", "CAISSE-PS")), lambda: units_credit(MR, "NDB/FA/0424", 2, 120)),
 "b33-mr-sem-billed-twice": (lambda: inv_total(MR, "NDB/FA/0428") if same_basis_duplicate(MR, "NDB/FA/0428", "NDB/FA/0424") else Z, lambda: inv_total(MR, "NDB/FA/0428")),
 "b33-mr-app-penalty-grace": (lambda: fee_not_owed(MR, "NDB/FA/0396", T_MR), lambda: fee(MR, "NDB/FA/0396", "late_fee")),
 "b33-mr-app-handling-rate": (lambda: price_diff(MR, "NDB/FA/0433", 1), lambda: price_diff(MR, "NDB/FA/0433", 1, "300.00")),
 "b33-mr-ouldcheikh-night-fee": (None, lambda: fee_desc(MR, "NDB/FA/0436", "Frais de manutention de nuit")),
 "b33-mr-smpm-no-bc": (lambda: Z if po_defect(MR, "NDB/FA/0439") else None, lambda: inv_total(MR, "NDB/FA/0439")),
 "b33-mr-coop-coldroom-dates": (None, lambda: r(D(2) * D(40) * D("48.00"), "MRU")),
 "b33-mr-app-reefer-days": (lambda: short(MR, "NDB/FA/0434", 1, logged(MR, "NDB/FA/0434", "CONT-J")), lambda: units_credit(MR, "NDB/FA/0434", 1, 4)),
 "b33-mr-pcb-cajas-rotas": (lambda: units_credit(MR, "NDB/FA/0427", 1, delivered(MR, "NDB/FA/0427", "CAISSE-PS", "damagedQuantity")), lambda: deducted(MR, "NDB/FA/0427")),
 "b33-mr-coop-ice-july": (lambda: short(MR, "NDB/FA/0377", 1, delivered(MR, "NDB/FA/0377", "GLACE-T")), lambda: units_credit(MR, "NDB/FA/0377", 1, 4)),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b33-bw-tuli-lick-no-dn": lambda: not has_delivery(BW, "FT-1423/26", "LICK-25"),
 "b33-ws-apiafresh-gel-no-dn": lambda: not has_delivery(WS, "FGS-26-0354", "ICE-GEL"),
 "b33-mr-ouldcheikh-night-fee": lambda: no_contract_no_po(MR, "NDB/FA/0436"),
 "b33-mr-coop-coldroom-dates": lambda: unserved_dates(MR, "NDB/FA/0447", "STOCK-PJ", ["2026-11-14", "2026-11-15"]) is None,
}
WRONG_CUSTOMER = {}

# ---- the customers' own figures, as the messages quote them, against the ledger
def same(label, a, b):
    if D(a) != D(b): fail(f"{label}: {a} != {b}")
same("FT-1402/26 deduction = 12 bags x 185.00 net (the customer left the VAT out)", deducted(BW, F02), r(D(12) * D("185.00"), "BWP"))
same("FT-1417/26 deduction = 12 x 115.00 + VAT", deducted(BW, "FT-1417/26"), price_diff(BW, "FT-1417/26", 1, "1035.00"))
same("FGS-26-0322 deduction = 0.06 x 18,400", deducted(WS, "FGS-26-0322"), price_diff(WS, "FGS-26-0322", 1, "0.62"))
same("FGS-26-0329 deduction = 800 x 1.00 + VAGST", deducted(WS, "FGS-26-0329"), price_diff(WS, "FGS-26-0329", 1, "17.50"))
same("NDB/FA/0412 deduction = 2,000 x 7.25 + TVA", deducted(MR, "NDB/FA/0412"), price_diff(MR, "NDB/FA/0412", 2, "137.75"))
same("FT-1427/26 open = 798.00", open_bal(BW, "FT-1427/26"), D("798.00"))
same("FGS-26-0286 open = 380.00", open_bal(WS, "FGS-26-0286"), D("380.00"))
# every remittance line: paid + deducted = what was open on the invoice before that payment; paid lines sum to the payment
for lgn in (BW, WS, MR):
    for p in ledgers[lgn].get("payments", []):
        rem = p.get("remittance", [])
        if rem and sum((D(x["paid"]) for x in rem), D("0")) != D(p["amount"]): fail(f"{p['id']}: remittance paid lines != amount")
        for x in rem:
            before = inv_total(lgn, x["invoiceNumber"]) - sum((D(q["amount"]) for q in ledgers[lgn]["payments"] if q.get("invoiceNumber") == x["invoiceNumber"] and q["date"] < p["date"]), D("0"))
            if D(x["paid"]) + D(x.get("deducted", "0")) != before: fail(f"{p['id']}: paid + deducted {D(x['paid']) + D(x.get('deducted', '0'))} != open before {before}")

# ---- numbering: Tswelelo's two branch series (FT Francistown, GB Gaborone) and Faleolo's / the Glacière's single series, each rising with the issue date
import re
def rising(lgn, pattern, key):
    seen = {}
    for i in sorted(ledgers[lgn]["invoices"], key=lambda i: i["issueDate"]):
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{i['number']}: numbering"); continue
        k, n = key(m), int(m.group("n"))
        if k in seen and n <= seen[k]: fail(f"{i['number']}: number not rising with the issue date")
        seen[k] = n
rising(BW, r"(?P<b>FT|GB)-(?P<n>\d{4})/26", lambda m: m.group("b"))
rising(WS, r"FGS-26-(?P<n>\d{4})", lambda m: "")
rising(MR, r"NDB/FA/(?P<n>\d{4})", lambda m: "")
for i in ledgers[BW]["invoices"]:
    if i["number"].startswith("GB") != (i["customerId"] in ("BW-LBF", "BW-LGF")): fail(f"{i['number']}: branch (GB serves Lobatse and Limpopo)")
for lgn in (BW, WS, MR):
    lg = ledgers[lgn]
    for i in lg["invoices"]:
        taxed = any(l.get("taxRate") for l in i["lines"]); exempt = tax_exempt(lgn, i["number"])
        if i["currency"] != home(lg) and taxed: fail(f"{i['number']}: export invoices carry no tax")
        if i["currency"] == home(lg) and not exempt and not taxed: fail(f"{i['number']}: domestic invoice without tax")
        if exempt and taxed and i["number"] not in ("FT-1415/26", "FGS-26-0343", "NDB/FA/0421"): fail(f"{i['number']}: exempt customer taxed by mistake")

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
    if not cid.startswith("b33-"): fail(f"{cid}: id prefix")
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
        import re
        groups = [g for t in c["turns"] for g in re.findall(r"\d{3,}", t)]
        if any(g in re.findall(r"\d+", n) for n in nums for g in groups if len(g) >= 4): fail(f"{cid}: noResolution but a number fragment matches an invoice")
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
        # Deductions on a remittance open disputes by themselves (DOMAIN.md, Deductions): counted or not, the answer must not change.
        other_deductions = sum(1 for p in lg.get("payments", []) if p["customerId"] == cust["id"] for x in p.get("remittance", [])
                               if D(x.get("deducted", "0")) > 0 and x["invoiceNumber"] != num)
        pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
        base = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic")))
        esc = base or recent >= pol["repeatDisputeCount"]
        esc_hi = base or recent + other_deductions >= pol["repeatDisputeCount"]
        if esc != esc_hi: fail(f"{cid}: escalation depends on whether remittance deductions count as disputes ({recent} vs {recent + other_deductions})")
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {amount} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
        if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
            fail(f"{cid}: legal escalation expected")

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
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)

