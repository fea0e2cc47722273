#!/usr/bin/env python3
"""Batch-97 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, the three numbering schemes, and the classification /
action / write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at
the latest rate on or before the invoice date, half-up once; no rate: escalate). Prints the tallies and
the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-97/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "PYG": 0}  # BRL, MZN, USD, ZAR: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
BR, MZ, PY = "serrana-quimica-brl.ledger.json", "lubrisofala-lubrificantes-mzn.ledger.json", "nutrichaco-balanceados-pyg.ledger.json"
TODAY = {BR: "2026-11-18", MZ: "2026-11-25", PY: "2026-12-01"}
if set(ledgers) != {BR, MZ, PY}: fail(f"ledger files {sorted(ledgers)}")

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

# ---- ledgers: totals, statuses, references, terms, minor digits, units
NO_RATE = {"BEI26FT00448"}   # batch 97: the ZAR invoice has no rate, on purpose
INTENDED_WRONG_PO = {"26-FC-00736"}   # quotes OC-CV-2026-0441, which exists but is cancelled
NO_CONTRACT_TERMS = {"BEI26FT00448": 30}   # Moatize has no contract: 30 days from its PO terms
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
    for c in lg.get("contracts", []):
        if c["customerId"] not in custs: fail(f"{name} {c['id']}: unknown customer")
        for p in c["prices"]:
            if not p.get("unit"): fail(f"{name} {c['id']} {p['sku']}: every contract price states its unit in this batch")
            if not decimals_ok(p["unitPrice"], c["currency"]): fail(f"{name} {c['id']} {p['sku']}: price digits")
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
            if not (c["startDate"] <= i["issueDate"] <= c.get("endDate", "9999")) and i["number"] != "CHI26FT00046":
                fail(f"{name} {i['number']}: issued outside its contract")
            for l in i["lines"]:
                if not any(p["sku"] == l["sku"] for p in c["prices"]): fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
        elif days(i["issueDate"], i["dueDate"]) != NO_CONTRACT_TERMS.get(i["number"], -1): fail(f"{name} {i['number']}: due date without contract")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {i['number']}: meant to have no rate")
        po = i.get("poNumber")
        if po:
            if po not in pos: fail(f"{name} {i['number']}: PO {po} missing")
            elif pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
            elif (pos[po].get("status") == "cancelled") != (i["number"] in INTENDED_WRONG_PO): fail(f"{name} {i['number']}: PO {po} status")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber") and not any(l["sku"] == d["sku"] for l in invoice(lg, d["invoiceNumber"])["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["date"] > TODAY[name]: fail(f"{name} payment {p['id']}: after today")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d["openedDate"] > TODAY[name]: fail(f"{name} past dispute {d['id']}: opened after today")

# ---- numbering: S1-0NNNNN (NF-e series 1, one sequence), BEI26FTNNNNN / CHI26FTNNNNN (branch, year, FT, a
# sequence per branch; Chimoio serves the Manica customer), 26-FC-NNNNN (year, factura crédito, yearly sequence).
def in_date_order(items): items = sorted(items, key=lambda i: i["number"]); return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
br_inv = ledgers[BR]["invoices"]
if not all(re.fullmatch(r"S1-0\d{5}", i["number"]) for i in br_inv): fail("BR numbering")
if not in_date_order(br_inv): fail("BR: sequence out of date order")
for branch in ("BEI", "CHI"):
    v = [i for i in ledgers[MZ]["invoices"] if i["number"].startswith(branch)]
    if not all(re.fullmatch(rf"{branch}(\d\d)FT\d{{5}}", i["number"]) and i["number"][3:5] == i["issueDate"][2:4] for i in v): fail(f"MZ numbering {branch}")
    if not in_date_order(v): fail(f"MZ {branch}: sequence out of date order")
if len([i for i in ledgers[MZ]["invoices"] if i["number"][:3] not in ("BEI", "CHI")]): fail("MZ branch prefix")
if any(i["number"].startswith("CHI") != (i["customerId"] == "LS-104") for i in ledgers[MZ]["invoices"]): fail("MZ: Chimoio series is the Manica customer's")
py_inv = ledgers[PY]["invoices"]
if not all(re.fullmatch(r"(\d\d)-FC-\d{5}", i["number"]) and i["number"][:2] == i["issueDate"][2:4] for i in py_inv): fail("PY numbering")
if not in_date_order(py_inv): fail("PY: sequence out of date order")

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
def credit_line(l, cur, qty, price):            # a credit memo line: its own net, its own tax, rounded once each
    n = r(D(price) * D(str(qty)), cur); return n + tax(l, n, cur)
def same_either_way(a, b, what):
    """The difference of the two gross lines and a credit line of its own must agree to the cent, so that no
    rounding convention decides a case of this batch."""
    if a != b: fail(f"{what}: gross difference {a} vs credit line {b} (rounding would decide)")
    return a
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; p = price or agreed(lgn, num, l["sku"])
    a = max(gross(l, cur) - gross(l, cur, price=p), D("0"))
    return same_either_way(a, max(credit_line(l, cur, l["quantity"], D(l["unitPrice"]) - D(p)), D("0")), f"{num} line {n} price {p}")
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    a = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    return same_either_way(a, credit_line(l, cur, min(D(str(units)), D(str(l["quantity"]))), l["unitPrice"]), f"{num} line {n} {units} units")
def delivered(lgn, num, sku, field="quantity"):
    return sum((D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku), D("0"))
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum((D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered"), D("0"))
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), D("0")))
def damaged(lgn, num, n): return units_credit(lgn, num, n, delivered(lgn, num, line(I(lgn, num), n)["sku"], "damagedQuantity"))
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
    one = overdue * D(c["lateFee"]["percentPerMonth"]) / 100
    if months > 1 and r(one, cur) * months != r(one * months, cur): fail(f"{num}: rounding per month or once would differ")
    return r(one, cur) * months
def fee_not_owed(lgn, num, today):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)

def outside_contract(lgn, num):
    """Days of the service period outside the contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    out = sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
    alt = sum((r(net(l, cur) * (tot - inside) / tot, cur) + r(tax(l, net(l, cur), cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
    if out != alt: fail(f"{num}: pro rata on gross and on net + tax differ ({out} vs {alt})")
    return out

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when):
    """No payment of the customer on this invoice, none unapplied, none on the date they quote, none of the amount due from anyone."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    any_amount = [p for p in lg["payments"] if not p.get("invoiceNumber") and D(p["amount"]) == open_bal(lgn, num)]
    return not mine and not any_amount and not any(p["date"] == when for p in lg["payments"] if p["customerId"] == cust)

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
    po = po_of(lgn, num)
    return po is None or po.get("status") == "cancelled"

def fee_on_po(lgn, num, t):
    """The customer's PO has a line for the fee: the fee type's SKU (FREIGHT) or the same words, at that amount."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if l["sku"].lower() == t and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]): return True
    return False
def line_supported(lgn, num, n):
    """A charged line the contract prices at that price, or the invoice's own PO lists at that price: owed."""
    i = I(lgn, num); l = line(i, n)
    return contract_price(lgn, num, l["sku"]) == l["unitPrice"] or po_price(lgn, num, l["sku"]) == l["unitPrice"]
def usual_rate(lgn, num, sku):
    lg = ledgers[lgn]; i = I(lgn, num)
    rates = Counter(l.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for l in o["lines"] if l["sku"] == sku)
    return rates.most_common(1)[0][0] if rates else None
def wrong_rate(lgn, num, n):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; rate = usual_rate(lgn, num, l["sku"])
    return None if rate is None else gross(l, cur) - gross(l, cur, rate=rate)
def dissatisfied(lgn, num, n):
    """Dissatisfaction with a service the logs show delivered: nothing is not owed."""
    l = line(I(lgn, num), n); return D("0") if logged(lgn, num, l["sku"]) >= D(str(l["quantity"])) else None

Z = D("0")
T_BR, T_MZ, T_PY = TODAY[BR], TODAY[MZ], TODAY[PY]
R = {  # case id: (supported recipe or None for needs_info, disputed recipe)
 # Brazil (BRL; USD at 5.3850 / 5.4620)
 "b97-br-valepedras-metabissulfito-saco": (lambda: price_diff(BR, "S1-045322", 1), lambda: price_diff(BR, "S1-045322", 1, "14.30")),
 "b97-br-valepedras-hipoclorito-bombonas": (lambda: short(BR, "S1-045335", 1, delivered(BR, "S1-045335", "HIPO-12")), lambda: short(BR, "S1-045335", 1, 22 * 50)),
 "b97-br-valepedras-citrico-nota-trocada": (lambda: price_diff(BR, "S1-045328", 1), lambda: price_diff(BR, "S1-045328", 1, "9400.00")),
 "b97-br-trescoroas-nf-sem-oc": (lambda: Z if po_defect(BR, "S1-045347") else None, lambda: inv_total(BR, "S1-045347")),
 "b97-br-trescoroas-soda-sacos-faltando": (lambda: short(BR, "S1-045313", 1, delivered(BR, "S1-045313", "SODA-ESC")), lambda: short(BR, "S1-045313", 1, 92 * 25)),
 "b97-br-trescoroas-peracetico-com-icms": (lambda: price_diff(BR, "S1-045331", 1), lambda: price_diff(BR, "S1-045331", 1, "612.00")),
 "b97-br-trescoroas-alcool-frascos-quebrados": (lambda: damaged(BR, "S1-045331", 2), lambda: units_credit(BR, "S1-045331", 2, 5)),
 "b97-br-planalto-juros-na-carencia": (lambda: fee_not_owed(BR, "S1-045302", T_BR), lambda: fee(BR, "S1-045302", "late_fee")),
 "b97-br-planalto-detergente-preco-antigo": (lambda: price_diff(BR, "S1-045309", 1), lambda: price_diff(BR, "S1-045309", 1, str(D("7350.00") / 1000))),
 "b97-br-planalto-soda-liquida-balanca": (lambda: short(BR, "S1-045337", 1, delivered(BR, "S1-045337", "SODA-LIQ")), lambda: short(BR, "S1-045337", 1, D("27360") / 1000)),
 "b97-br-loscerros-metabisulfito-tonelada": (lambda: price_diff(BR, "S1-045317", 1), lambda: price_diff(BR, "S1-045317", 1, str(D("2950") / 1000))),
 "b97-br-loscerros-flete-setiembre": (lambda: Z if fee_on_po(BR, "S1-045317", "freight") else fee(BR, "S1-045317", "freight"), lambda: fee(BR, "S1-045317", "freight")),
 "b97-br-loscerros-bentonita-bolsa": (lambda: short(BR, "S1-045351", 2, delivered(BR, "S1-045351", "BENTONITA")), lambda: short(BR, "S1-045351", 2, 31 * 25)),
 "b97-br-amazoflex-icms-zona-franca": (lambda: inv_tax(BR, "S1-045326") if tax_exempt(BR, "S1-045326") else Z, lambda: inv_tax(BR, "S1-045326")),
 "b97-br-amazoflex-luvas-sem-canhoto": (None, lambda: short(BR, "S1-045360", 1, 100)),
 "b97-br-nordvik-duplicate-po": (lambda: inv_total(BR, "S1-045342") if same_basis_duplicate(BR, "S1-045342", "S1-045340") else Z, lambda: inv_total(BR, "S1-045342")),
 "b97-br-nordvik-dosing-visits": (lambda: short(BR, "S1-045358", 1, logged(BR, "S1-045358", "SVC-DOSA")), lambda: short(BR, "S1-045358", 1, 2)),
 # Mozambique (MZN; USD at 63.9000 / 64.1500; no ZAR rate)
 "b97-mz-mutare-engine-oil-per-drum": (lambda: price_diff(MZ, "BEI26FT00420", 1), lambda: price_diff(MZ, "BEI26FT00420", 1, str(D("592.80") / 208))),
 "b97-mz-mutare-interest-two-months": (lambda: fee_not_owed(MZ, "BEI26FT00402", T_MZ), lambda: fee(MZ, "BEI26FT00402", "late_fee")),
 "b97-mz-mutare-hydraulic-drums-wrong-number": (lambda: short(MZ, "BEI26FT00436", 1, delivered(MZ, "BEI26FT00436", "HYD-68")), lambda: short(MZ, "BEI26FT00436", 1, 11 * 208)),
 "b97-mz-buzi-massa-ep2-quilo": (lambda: price_diff(MZ, "BEI26FT00424", 1), lambda: price_diff(MZ, "BEI26FT00424", 1, str(D("2430.00") / 18))),
 "b97-mz-buzi-amostras-oleo": (lambda: short(MZ, "BEI26FT00439", 1, logged(MZ, "BEI26FT00439", "OIL-ANL")), lambda: short(MZ, "BEI26FT00439", 1, 16)),
 "b97-mz-buzi-rota-13-14-outubro": (None, lambda: units_credit(MZ, "BEI26FT00459", 1, 2)),
 "b97-mz-pungue-sem-requisicao": (lambda: Z if po_defect(MZ, "BEI26FT00388") else None, lambda: inv_total(MZ, "BEI26FT00388")),
 "b97-mz-pungue-adblue-nao-duplicada": (lambda: inv_total(MZ, "BEI26FT00447") if same_basis_duplicate(MZ, "BEI26FT00447", "BEI26FT00443") else Z, lambda: inv_total(MZ, "BEI26FT00447")),
 "b97-mz-pungue-tambores-amolgados": (lambda: damaged(MZ, "BEI26FT00454", 1), lambda: units_credit(MZ, "BEI26FT00454", 1, 3 * 208)),
 "b97-mz-pungue-caucao-tambores": (lambda: Z if line_supported(MZ, "BEI26FT00454", 2) else line_gross(MZ, "BEI26FT00454", 2), lambda: line_gross(MZ, "BEI26FT00454", 2)),
 "b97-mz-citrinos-refrigerante-balde": (lambda: price_diff(MZ, "CHI26FT00041", 1), lambda: price_diff(MZ, "CHI26FT00041", 1, str(D("2360.00") / 20))),
 "b97-mz-citrinos-lubrificacao-fora-contrato": (lambda: outside_contract(MZ, "CHI26FT00046"), lambda: r(line_gross(MZ, "CHI26FT00046", 1) / 2, "MZN")),
 "b97-mz-moatize-gear-oil-rand": (lambda: short(MZ, "BEI26FT00448", 1, delivered(MZ, "BEI26FT00448", "GEAR-85W140")), lambda: short(MZ, "BEI26FT00448", 1, 5 * 208)),
 "b97-mz-kubatsirana-iva-isenta": (lambda: inv_tax(MZ, "BEI26FT00433") if tax_exempt(MZ, "BEI26FT00433") else Z, lambda: inv_tax(MZ, "BEI26FT00433")),
 "b97-mz-kubatsirana-ja-pago": (None, lambda: open_bal(MZ, "BEI26FT00450")),
 # Paraguay (PYG, 0 digits; USD at 7,310.00 / 7,185.50)
 "b97-py-santaclara-balanceado-tonelada": (lambda: price_diff(PY, "26-FC-00702", 1), lambda: price_diff(PY, "26-FC-00702", 1, "392.00")),
 "b97-py-santaclara-sacos-40kg": (lambda: short(PY, "26-FC-00725", 1, delivered(PY, "26-FC-00725", "BAL-ENG")), lambda: short(PY, "26-FC-00725", 1, D(580 * 40) / 1000)),
 "b97-py-santaclara-frascos-vacina": (lambda: damaged(PY, "26-FC-00741", 1), lambda: units_credit(PY, "26-FC-00741", 1, 3 * 50)),
 "b97-py-campoverde-dosis-frascos": (lambda: short(PY, "26-FC-00711", 1, delivered(PY, "26-FC-00711", "VAC-AFT")), lambda: short(PY, "26-FC-00711", 1, 36 * 50)),
 "b97-py-campoverde-ivermectina-lista": (lambda: price_diff(PY, "26-FC-00727", 1), lambda: price_diff(PY, "26-FC-00727", 1, "90000")),
 "b97-py-campoverde-oc-anulada": (lambda: Z if po_defect(PY, "26-FC-00736") else None, lambda: inv_total(PY, "26-FC-00736")),
 "b97-py-laspalmas-intereses-39-dias": (lambda: fee_not_owed(PY, "26-FC-00688", T_PY), lambda: fee(PY, "26-FC-00688", "late_fee")),
 "b97-py-laspalmas-melaza-tambores": (lambda: short(PY, "26-FC-00730", 1, delivered(PY, "26-FC-00730", "MELAZA")), lambda: short(PY, "26-FC-00730", 1, 19 * 200)),
 "b97-py-laspalmas-sal-mineral-bolsa": (lambda: price_diff(PY, "26-FC-00744", 1), lambda: price_diff(PY, "26-FC-00744", 1, "182000")),
 "b97-py-laspalmas-iva-diez": (lambda: wrong_rate(PY, "26-FC-00753", 1), lambda: wrong_rate(PY, "26-FC-00753", 1)),
 "b97-py-pilcomayo-seed-recount": (lambda: short(PY, "26-FC-00707", 1, delivered(PY, "26-FC-00707", "SEM-GATTON")), lambda: short(PY, "26-FC-00707", 1, 40 * 25)),
 "b97-py-pilcomayo-nutritionist": (lambda: dissatisfied(PY, "26-FC-00723", 1), lambda: line_gross(PY, "26-FC-00723", 1)),
 "b97-py-pilcomayo-wire-paid": (lambda: unapplied_payment(PY, "26-FC-00737", "2026-11-20"), lambda: open_bal(PY, "26-FC-00737")),
 "b97-py-pilcomayo-load-not-received": (lambda: short(PY, "26-FC-00750", 1, delivered(PY, "26-FC-00750", "BAL-ENG")), lambda: inv_total(PY, "26-FC-00750")),
 "b97-py-sanisidro-bolsa-faltante": (lambda: short(PY, "26-FC-00747", 1, delivered(PY, "26-FC-00747", "SAL-MIN")), lambda: short(PY, "26-FC-00747", 1, 23)),
}
NEEDS_INFO = {
 "b97-br-amazoflex-luvas-sem-canhoto": lambda: not has_delivery(BR, "S1-045360", "LUVA-NIT"),
 "b97-mz-buzi-rota-13-14-outubro": lambda: unserved_dates(MZ, "BEI26FT00459", "LUB-ROUTE", ["2026-10-13", "2026-10-14"]) is None,
 "b97-mz-kubatsirana-ja-pago": lambda: nothing_could_be_theirs(MZ, "BEI26FT00450", "2026-11-05"),
}
NO_CLASSIFICATION = {"b97-mz-citrinos-pergunta-2027", "b97-py-campoverde-reclamo-retirado", "b97-mz-factura-inexistente"}
# invoice number as people write it in this batch: in full, or its digits without the leading zeros
def short_forms(num):
    digits = re.sub(r"^.*?(\d{5})$", r"\1", num)
    return {num, digits, digits.lstrip("0")}

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
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b97-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.,]+", m) and D(m.replace(",", "")) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
    if e.get("reasonCode") and e.get("stakeholders") and e["stakeholders"][0] != TEAM[e["reasonCode"]]:
        fail(f"{cid}: first stakeholder {e['stakeholders'][0]} is not the routing table's {TEAM[e['reasonCode']]}")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if cid in NO_CLASSIFICATION:
        if set(e) - {"mustNotHappen", "noResolution"}: fail(f"{cid}: a case without a claim checks only that no money moves")
        if e.get("noResolution"):
            named = [w.strip(".,?:;!\"'()–") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w) and len(w) > 8]
            if not named or any(n in nums for n in named): fail(f"{cid}: noResolution but names {named}")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    first, later = c["turns"][0], " ".join(c["turns"][1:])
    in_first = any(f in first for f in short_forms(num))
    if ("invoice" in e.get("neverAsks", [])) != in_first: fail(f"{cid}: neverAsks invoice {'invoice' in e.get('neverAsks', [])} but number in turn 1: {in_first}")
    if not in_first and not any(f in later for f in short_forms(num)): fail(f"{cid}: the invoice is never named")
    if "reason" not in e.get("neverAsks", []): fail(f"{cid}: every claim of this batch is plain in turn 1 (neverAsks reason)")
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if D(e["disputedAmount"]) > inv_total(lgn, num) or D(e["disputedAmount"]) <= 0: fail(f"{cid}: disputed out of range")
    cl, act = e.get("classification"), e.get("action")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
        supported = None
    else:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no evidence"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = e["reasonCode"] in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act not in ("no_adjustment" if cl == "invalid" else "credit_memo",): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"already_paid": "apply_payment", "missing_po": "cancel_and_rebill"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error" and tax_exempt(lgn, num): want = "cancel_and_rebill"   # every taxed line wrong
            if act != want: fail(f"{cid}: valid {e['reasonCode']} expects {want}, not {act}")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if 85 <= pastdue <= 95 or any(85 <= days(d["openedDate"], c["today"]) <= 95 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"]):
        fail(f"{cid}: too close to a 90-day boundary to be unambiguous")
    if e["reasonCode"] == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
        fail(f"{cid}: legal escalation expected")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
