#!/usr/bin/env python3
"""Batch-125 author's cross-check (adapted from batch 102's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once). Cases without a resolution are checked for
what makes them so (the invoice is absent, belongs to another customer, or nothing is claimed).
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-125/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # EUR, CHF: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
Z = D("0")

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate), cur) if rate else Z
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), Z)
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), Z)
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), Z)
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), Z)
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

KS, IB, LU = "habichtswald-geotechnik-kassel-eur.ledger.json", "nordkette-patentanwaelte-innsbruck-eur.ledger.json", "reussegg-sap-beratung-luzern-chf.ledger.json"
T = {KS: "2026-10-21", IB: "2026-10-14", LU: "2026-11-04"}
if set(ledgers) != {KS, IB, LU}: fail(f"ledgers found: {sorted(ledgers)}")
# Deliberate exceptions: a SKU the contract does not price (the claim is that it is not owed) and
# billed periods outside their contract (the contract-terms claims).
UNPRICED = {(LU, "R-2610-001", "REISE-H")}
OUTSIDE = {(KS, "P2609/07"), (IB, "HN.26.0105"), (LU, "R-2611-001")}

# ---- ledgers: totals, statuses (payments and credit notes), references, terms, minor digits
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 14 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    if sum(1 for c in lg["customers"] if c.get("strategic")) != 1: fail(f"{name}: one strategic customer expected")
    if not any(c.get("poRequired") for c in lg["contracts"]): fail(f"{name}: no PO-required contract")
    if not any(c["currency"] != cur0 for c in lg["contracts"]): fail(f"{name}: no customer billed in a foreign currency")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        cust = next(c for c in lg["customers"] if c["id"] == i["customerId"])
        c = contract_of(lg, i)
        if not c: fail(f"{name} {i['number']}: no contract")
        else:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            inside = c["startDate"] <= i["servicePeriodStart"] and i["servicePeriodEnd"] <= c.get("endDate", "9999")
            if inside == ((name, i["number"]) in OUTSIDE): fail(f"{name} {i['number']}: billed period {'inside' if inside else 'outside'} its contract")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if (cp is None) != ((name, i["number"], l["sku"]) in UNPRICED): fail(f"{name} {i['number']}: {l['sku']} priced-ness unexpected")
        # tax: exempt customers carry no tax except the one tax-error invoice
        if cust.get("taxExempt") and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "P2640/02": fail(f"{name} {i['number']}: exempt customer taxed")
        if not cust.get("taxExempt") and not all(l.get("taxRate") for l in i["lines"]): fail(f"{name} {i['number']}: taxable customer untaxed")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on its date")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} unknown")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, cr, t = paid(lg, i["number"]), credited(lg, i["number"]), D(i["total"])
        want = "paid" if p + cr >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        inv = invoice(lg, d["invoiceNumber"])
        if not any(l["sku"] == d["sku"] for l in inv["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
        if d.get("poNumber") and d["poNumber"] != inv.get("poNumber"): fail(f"{name} delivery {d['id']}: PO differs from its invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") not in nums: fail(f"{name} log {s['id']}: unknown invoice"); continue
        inv = invoice(lg, s["invoiceNumber"])
        if s["customerId"] != inv["customerId"]: fail(f"{name} log {s['id']}: customer")
        if not any(l["sku"] == s["sku"] for l in inv["lines"]): fail(f"{name} log {s['id']}: SKU not on its invoice")
        if not (inv["servicePeriodStart"] <= s["periodStart"] <= s["periodEnd"] <= inv["servicePeriodEnd"]): fail(f"{name} log {s['id']}: outside its invoice's service period")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["customerId"] != p["customerId"]: fail(f"{name} payment {p['id']}: customer")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber"): fail(f"{name} past dispute {d['id']}: carries an invoice number")

# ---- numbering: P<project>/<partial invoice> (Kassel), HN.26.<seq> (Innsbruck), R-<yymm>-<seq> (Luzern)
def series_ok(lgn, pattern, month_key=False):
    groups = {}
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{lgn}: {i['number']} does not follow {pattern}"); continue
        if month_key and m.group(1) != i["issueDate"][2:4] + i["issueDate"][5:7]: fail(f"{lgn}: {i['number']} not in its issue month")
        groups.setdefault(m.group(1), []).append((int(m.group(2)), i["issueDate"]))
    for k, v in groups.items():
        v.sort()
        if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"{lgn} series {k}: sequence out of date order")
series_ok(KS, r"P(\d{4})/(\d{2})")
series_ok(IB, r"HN\.(26)\.(\d{4})")
series_ok(LU, r"R-(\d{4})-(\d{3})", month_key=True)

def named(num, text):
    """How people write the invoice: P2622/02, 2622/02, 'AR 2 ... 2622'; HN.26.0061, 0061, HN 61; R-2611-003, 2611-003."""
    m = re.fullmatch(r"P(\d{4})/(\d{2})", num)
    if m:
        proj, ar = m.groups()
        return f"{proj}/{ar}" in text or f"{proj}/{int(ar)}" in text or (proj in text and re.search(rf"\bAR\s*0?{int(ar)}\b", text) is not None)
    m = re.fullmatch(r"HN\.26\.(\d{4})", num)
    if m:
        n = m.group(1)
        return n in text or re.search(rf"\bHN\s*0*{int(n)}\b", text) is not None
    return num[2:] in text

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def price_diff(lgn, num, n, price=None):
    """Billed gross minus gross at the agreed (or stated) price; also checked against tax on the
    net difference, so both ways of crediting a line give the same cents."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    p = price or contract_price(lgn, num, l["sku"])
    a = max(gross(l, cur) - gross(l, cur, price=p), Z)
    dn = r((D(l["unitPrice"]) - D(p)) * D(str(l["quantity"])), cur)
    b = max(dn + tax(l, dn, cur), Z)
    if a != b: fail(f"{num} line {n}: price difference {a} vs {b} depending on rounding")
    return a
def units_credit(lgn, num, n, units):
    """Billed gross minus gross of the remaining units, checked against units x price with its tax."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    a = gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
    un = r(D(l["unitPrice"]) * min(D(str(units)), D(str(l["quantity"]))), cur)
    b = un + tax(l, un, cur)
    if a != b: fail(f"{num} line {n}: {units} units credit {a} vs {b} depending on rounding")
    return a
def delivered(lgn, num, sku):
    return sum(D(str(d["quantity"])) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
def logged(lgn, num, sku):
    if not has_log(lgn, num, sku): fail(f"{num}: no log for {sku}")
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), Z))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def days_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    if u is None: fail(f"{num}: dates {dates} not decidable"); return Z
    return units_credit(lgn, num, n, len(u))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), Z)
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), Z)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

def late_fee_allowed(lgn, num, today):
    """DOMAIN: contract clause, grace days, actual payment date. None without a clause; none when the
    principal was paid by due + grace; else percentPerMonth of the principal unpaid at the end of grace,
    per started 30-day month from the due date to the settling payment (or today)."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; c = contract_of(lg, i)
    if not c or not c.get("lateFee"): return Z
    grace = c["lateFee"].get("graceDays", 0); grace_end = plus(i["dueDate"], grace)
    prin = principal(i)
    ps = sorted(pays(lg, num), key=lambda p: p["date"])
    overdue = prin - sum((D(p["amount"]) for p in ps if p["date"] <= grace_end), Z)
    if overdue <= 0: return Z
    settled, acc = today, Z
    for p in ps:
        acc += D(p["amount"])
        if acc >= prin: settled = p["date"]; break
    late = days(i["dueDate"], settled)
    if late <= grace: return Z
    months = -(-late // 30)
    return r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur) * months
def fee_not_owed(lgn, num, today):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)

def outside_contract(lgn, num):
    """Days of the billed period outside the invoice's contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i["servicePeriodStart"], i["servicePeriodEnd"]
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    a = sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), Z)
    b = sum((lambda n: n + tax(l, n, cur))(r(net(l, cur) * (tot - inside) / tot, cur)) for l in i["lines"])
    if a != b: fail(f"{num}: pro-rata {a} on gross vs {b} on net")
    return a

def unapplied(lgn, num):
    """The customer's unapplied payments in the invoice currency, up to the open balance."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"]]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num))

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled" or po["customerId"] != i["customerId"]

def fee_supported(lgn, num, t):
    """A fee is owed when the customer's PO lists it (same description, that amount) or the contract's notes name it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    desc = f.get("description", "").lower()
    on_po = any(l.get("description", "").lower() == desc and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    in_notes = bool(c and desc and desc in c.get("notes", "").lower())
    if t == "late_fee": return bool(c and c.get("lateFee"))
    return on_po or in_notes

def sku_supported(lgn, num, n):
    """A line the customer does not recognise is owed when the contract prices its SKU, a PO of the customer lists it, or a log records it."""
    lg = ledgers[lgn]; i = I(lgn, num); sku = line(i, n)["sku"]
    on_po = any(l["sku"] == sku for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for l in po["lines"])
    return contract_price(lgn, num, sku) is not None or on_po or has_log(lgn, num, sku)

def rate_excess(lgn, num):
    """Tax above the rate the customer's other invoices use for the same SKU (none to compare: the line's rate stands)."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; out = Z
    for l in i["lines"]:
        rates = {x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]}
        if rates:
            usual = max(D(x or "0") for x in rates)
            out += max(tax(l, net(l, cur), cur) - tax(l, net(l, cur), cur, str(usual)), Z)
    return out
def claimed_rate_diff(lgn, num, rate):
    i = I(lgn, num); cur = i["currency"]
    return sum((tax(l, net(l, cur), cur) - tax(l, net(l, cur), cur, rate) for l in i["lines"]), Z)

R = {  # case id -> (supported recipe or None for needs_info, disputed recipe)
 # Kassel (EUR; CHF 1.0650 / 1.0720 from 2026-04-01 / 2026-08-01)
 "b125-ks-brueggemann-ingenieursatz": (lambda: price_diff(KS, "P2622/02", 1), lambda: price_diff(KS, "P2622/02", 1, "112.00")),
 "b125-ks-siebert-pl-satz-angebot": (lambda: price_diff(KS, "P2615/01", 1), lambda: price_diff(KS, "P2615/01", 1, "125.00")),
 "b125-ks-fuldatal-bohrtrupp-tage": (lambda: days_credit(KS, "P2631/01", 1, "BT-TAG", ["2026-09-09", "2026-09-10"]), lambda: units_credit(KS, "P2631/01", 1, 2)),
 "b125-ks-fuldatal-technikerstunden": (lambda: short(KS, "P2604/03", 3, logged(KS, "P2604/03", "GEO-TECH")), lambda: units_credit(KS, "P2604/03", 3, 6)),
 "b125-ks-rheinfall-drill-crew-19-august": (None, lambda: units_credit(KS, "P2640/01", 1, 1)),
 "b125-ks-siebert-fahrtzeit": (lambda: Z if sku_supported(KS, "P2615/01", 3) else line_gross(KS, "P2615/01", 3), lambda: line_gross(KS, "P2615/01", 3)),
 "b125-ks-brueggemann-hotel": (lambda: Z if fee_supported(KS, "P2622/03", "other") else fee(KS, "P2622/03", "other"), lambda: fee(KS, "P2622/03", "other")),
 "b125-ks-brueggemann-bestellnummer-fehlt": (lambda: Z if po_defect(KS, "P2622/04") else None, lambda: inv_total(KS, "P2622/04")),
 "b125-ks-siebert-doppelt": (lambda: inv_total(KS, "P2615/02") if same_basis_duplicate(KS, "P2615/02", "P2615/01") else Z, lambda: inv_total(KS, "P2615/02")),
 "b125-ks-rheinfall-german-vat": (lambda: inv_tax(KS, "P2640/02") if tax_exempt(KS, "P2640/02") else Z, lambda: inv_tax(KS, "P2640/02")),
 "b125-ks-fuldabrueck-vertrag-ausgelaufen": (lambda: outside_contract(KS, "P2609/07"), lambda: inv_total(KS, "P2609/07")),
 "b125-ks-siebert-verzugszinsen": (lambda: fee_not_owed(KS, "P2598/03", T[KS]), lambda: fee(KS, "P2598/03", "late_fee")),
 "b125-ks-rheinfall-paid-ubs": (lambda: unapplied(KS, "P2640/03"), lambda: open_bal(KS, "P2640/03")),
 "b125-ks-brueggemann-datenlogger": (lambda: short(KS, "P2622/03", 1, delivered(KS, "P2622/03", "LOGGER-DL")), lambda: units_credit(KS, "P2622/03", 1, 2)),
 "b125-ks-fuldatal-gutachten-mangelhaft": (lambda: short(KS, "P2604/03", 2, logged(KS, "P2604/03", "GEO-ING")), lambda: line_gross(KS, "P2604/03", 2)),
 # Innsbruck (EUR; CHF 1.0610 / 1.0695 from 2026-05-01 / 2026-09-01)
 "b125-ib-larcher-anwaerterin-satz": (lambda: price_diff(IB, "HN.26.0061", 1), lambda: price_diff(IB, "HN.26.0061", 1, "175.00")),
 "b125-ib-inntal-partnersatz-2025": (lambda: price_diff(IB, "HN.26.0072", 1), lambda: price_diff(IB, "HN.26.0072", 1, "320.00")),
 "b125-ib-alpenbindung-rahmentarif": (lambda: price_diff(IB, "HN.26.0088", 1), lambda: price_diff(IB, "HN.26.0088", 1, "230.00")),
 "b125-ib-kryotec-stunden-prioritaet": (lambda: short(IB, "HN.26.0083", 1, logged(IB, "HN.26.0083", "PA-ANW")), lambda: units_credit(IB, "HN.26.0083", 1, 5)),
 "b125-ib-obersee-translation-quality": (lambda: short(IB, "HN.26.0079", 2, logged(IB, "HN.26.0079", "UEB-SEITE")), lambda: line_gross(IB, "HN.26.0079", 2)),
 "b125-ib-inntal-ueberwachung-gekuendigt": (lambda: outside_contract(IB, "HN.26.0105"), lambda: units_credit(IB, "HN.26.0105", 1, 1)),
 "b125-ib-obersee-amtsgebuehren": (lambda: Z if fee_supported(IB, "HN.26.0079", "other") else fee(IB, "HN.26.0079", "other"), lambda: fee(IB, "HN.26.0079", "other")),
 "b125-ib-larcher-verzugszinsen-nachfrist": (lambda: fee_not_owed(IB, "HN.26.0075", T[IB]), lambda: fee(IB, "HN.26.0075", "late_fee")),
 "b125-ib-inntal-ohne-bestellnummer": (lambda: Z if po_defect(IB, "HN.26.0094") else None, lambda: inv_total(IB, "HN.26.0094")),
 "b125-ib-inntal-bestellnummer-vorhanden": (lambda: Z, lambda: inv_total(IB, "HN.26.0109")),
 "b125-ib-alpenbindung-doppelverrechnung": (lambda: inv_total(IB, "HN.26.0097") if same_basis_duplicate(IB, "HN.26.0097", "HN.26.0088") else Z, lambda: inv_total(IB, "HN.26.0097")),
 "b125-ib-obersee-bank-charges": (lambda: unapplied(IB, "HN.26.0091"), lambda: open_bal(IB, "HN.26.0091")),
 "b125-ib-larcher-portopauschale": (lambda: Z if fee_supported(IB, "HN.26.0102", "other") else fee(IB, "HN.26.0102", "other"), lambda: fee(IB, "HN.26.0102", "other")),
 "b125-ib-alpenbindung-reisezeit-muenchen": (None, lambda: units_credit(IB, "HN.26.0097", 2, 2)),
 "b125-ib-kryotec-kulanz": (lambda: short(IB, "HN.26.0113", 1, logged(IB, "HN.26.0113", "PA-ANW")), lambda: units_credit(IB, "HN.26.0113", 1, 5)),
 # Luzern (CHF; EUR 0.9380 / 0.9315 from 2026-06-01 / 2026-09-01)
 "b125-lu-seetal-herbstferien": (lambda: days_credit(LU, "R-2611-003", 1, "SAP-SEN", ["2026-10-14", "2026-10-15"]), lambda: units_credit(LU, "R-2611-003", 1, 2)),
 "b125-lu-spital-16-september": (lambda: days_credit(LU, "R-2610-004", 2, "SAP-CON", ["2026-09-16"]), lambda: units_credit(LU, "R-2610-004", 2, 1)),
 "b125-lu-achermann-10-september": (None, lambda: units_credit(LU, "R-2610-009", 1, 1)),
 "b125-lu-breisgau-junior-rate": (lambda: price_diff(LU, "R-2609-007", 2), lambda: price_diff(LU, "R-2609-007", 2, "890.00")),
 "b125-lu-achermann-support-november": (lambda: outside_contract(LU, "R-2611-001"), lambda: inv_total(LU, "R-2611-001")),
 "b125-lu-spital-spesenpauschale": (lambda: Z if fee_supported(LU, "R-2610-004", "other") else fee(LU, "R-2610-004", "other"), lambda: fee(LU, "R-2610-004", "other")),
 "b125-lu-seetal-reisezeit": (lambda: Z if sku_supported(LU, "R-2610-001", 3) else line_gross(LU, "R-2610-001", 3), lambda: line_gross(LU, "R-2610-001", 3)),
 "b125-lu-spital-bestellnummer": (lambda: Z if po_defect(LU, "R-2610-006") else None, lambda: inv_total(LU, "R-2610-006")),
 "b125-lu-breisgau-august-twice": (lambda: inv_total(LU, "R-2609-011") if same_basis_duplicate(LU, "R-2609-011", "R-2609-007") else Z, lambda: inv_total(LU, "R-2609-011")),
 "b125-lu-achermann-qr-zahlung": (lambda: unapplied(LU, "R-2610-012"), lambda: open_bal(LU, "R-2610-012")),
 "b125-lu-achermann-mwst-7-7": (lambda: rate_excess(LU, "R-2610-009"), lambda: claimed_rate_diff(LU, "R-2610-009", "0.077")),
 "b125-lu-seetal-abap-qualitaet": (lambda: short(LU, "R-2610-001", 2, logged(LU, "R-2610-001", "DEV-H")), lambda: line_gross(LU, "R-2610-001", 2)),
 "b125-lu-kaeserei-entwicklerstunden": (lambda: short(LU, "R-2610-015", 1, logged(LU, "R-2610-015", "DEV-H")), lambda: units_credit(LU, "R-2610-015", 1, 10)),
 "b125-lu-kaeserei-mahngebuehr": (lambda: fee_not_owed(LU, "R-2609-009", T[LU]), lambda: fee(LU, "R-2609-009", "late_fee")),
}
NEEDS_INFO = {
 "b125-ks-rheinfall-drill-crew-19-august": lambda: unserved_dates(KS, "P2640/01", "BT-TAG", ["2026-08-19"]) is None,
 "b125-ib-alpenbindung-reisezeit-muenchen": lambda: not has_log(IB, "HN.26.0097", "REISE-H"),
 "b125-lu-achermann-10-september": lambda: unserved_dates(LU, "R-2610-009", "SAP-CON", ["2026-09-10"]) is None,
}
NO_DEFECT = {"b125-ib-inntal-bestellnummer-vorhanden": lambda: not po_defect(IB, "HN.26.0109")}
NO_RES = {
 "b125-ks-unbekannte-ar": ("unknown", KS, "P2617/02", "10114"),
 "b125-ib-larcher-fremde-note": ("other_customer", IB, "HN.26.0088", "M-0362"),
 "b125-ib-kryotec-leistungsaufstellung": ("no_claim", IB, "HN.26.0113", "M-0388"),
 "b125-lu-unbekannte-rechnung": ("unknown", LU, "R-2610-021", "D-5001"),
}
WITHDRAWN = {"b125-ks-fuldabrueck-zurueckgezogen": (KS, "P2609/06"), "b125-lu-spital-zurueckgezogen": (LU, "R-2609-002")}
GOODWILL = {"b125-ib-kryotec-kulanz": D("150.00")}
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
    if not cid.startswith("b125-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != T[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first, alltext = c["turns"][0], " ".join(c["turns"])
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.,]+", m):
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")) and D(m) != GOODWILL.get(cid): fail(f"{cid}: email amount {m} is no figure of the case")
        elif m not in alltext and m != e.get("invoiceNumber") and m != (I(lgn, e["invoiceNumber"]).get("poNumber") if e.get("invoiceNumber") in nums else None):
            fail(f"{cid}: email mention {m} is neither said nor the invoice's own number or PO")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or not named(e["invoiceNumber"], first)):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if "invoice" in e.get("asks", []) and cid not in NO_RES and e.get("invoiceNumber") and named(e["invoiceNumber"], first):
        fail(f"{cid}: asks invoice but the first turn names it")
    if cid in NO_RES:
        kind, wl, num, said = NO_RES[cid]
        if wl != lgn: fail(f"{cid}: ledger")
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if not named(num, first): fail(f"{cid}: first turn does not name {num}")
        if kind == "unknown" and num in nums: fail(f"{cid}: {num} exists")
        if kind == "unknown" and any(named(n, alltext) for n in nums): fail(f"{cid}: an existing invoice number is named too")
        if kind == "other_customer":
            if num not in nums or I(wl, num)["customerId"] == said: fail(f"{cid}: {num} is not another customer's invoice")
            if e.get("asks") != ["invoice"]: fail(f"{cid}: should ask which invoice")
        if kind == "no_claim" and (num not in nums or I(wl, num)["customerId"] != said): fail(f"{cid}: {num} should be the customer's own invoice")
        continue
    if e.get("noResolution"): fail(f"{cid}: noResolution without a reason recorded in NO_RES")
    if cid in WITHDRAWN:
        wl, num = WITHDRAWN[cid]
        if set(e) != {"mustNotHappen"} or len(c["turns"]) != 2 or not named(num, first) or num not in nums: fail(f"{cid}: withdrawn case shape")
        continue
    if "invoiceNumber" not in e: fail(f"{cid}: no invoice expected"); continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if not named(num, alltext): fail(f"{cid}: {num} is never named in the turns")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    if not all(k in e for k in ("reasonCode", "classification", "disputedAmount", "action", "escalation", "stakeholders")): fail(f"{cid}: a key is missing")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed {disputed} out of range")
    cl, act = e["classification"], e["action"]
    if cid in NO_DEFECT and not NO_DEFECT[cid](): fail(f"{cid}: the claimed defect exists after all")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e or sup_fn: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: listed as needs_info")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = e["reasonCode"] in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if act != "goodwill_credit" and wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if act == "goodwill_credit":
                g = GOODWILL.get(cid)
                if wo or cl != "invalid" or g is None or to_company(lgn, num, g) > D(lg["policy"]["approvalLimits"]["specialist"]) or f"{g:.2f}".replace(".", ",") not in c["turns"][-1]:
                    fail(f"{cid}: goodwill only on an invalid claim not written off, asked by the specialist in the last turn within the limit")
            if act not in ("write_off", "goodwill_credit", "no_adjustment") and cl == "invalid": fail(f"{cid}: invalid with {act}")
            if cl == "partial" and act not in ("credit_memo", "write_off"): fail(f"{cid}: partial with {act}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error" and supported == inv_tax(lgn, num) and all(l.get("taxRate") for l in inv_["lines"]): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
        if e["reasonCode"] == "already_paid" and cl == "valid" and unapplied(lgn, num) != supported: fail(f"{cid}: no unapplied payment to apply")
    # escalation: amount after FX, days past due on an open balance, strategic, repeat disputes, controller approval, legal
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    moved = supported if act == "credit_memo" else (GOODWILL.get(cid) if act == "goodwill_credit" else None)
    controller = moved is not None and to_company(lgn, num, moved) > D(pol["approvalLimits"]["lead"])
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or controller)
    if e["reasonCode"] == "contract_terms" and conv >= D(pol["legalEscalationAmount"]): esc = True
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")

# ---- stakeholders, tallies quoted in the README
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and (not e.get("stakeholders") or e["stakeholders"][0] != TEAM[e["reasonCode"]]):
        fail(f"{c['id']}: first stakeholder is not the routing table's {TEAM[e['reasonCode']]}")
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {sum(cnt.values())} cases {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "-")) for c in cases)))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
