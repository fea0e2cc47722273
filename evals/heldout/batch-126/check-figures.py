#!/usr/bin/env python3
"""Batch-126 author's cross-check (adapted from batch 102's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses (payments by remittance line, credit notes), references, terms and numbering,
the deductions the cases rest on, and the classification / action / write-off / escalation rules of
DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on or before the invoice
date, half-up once; CLP has no minor digits). Escalation is computed twice, with and without the
disputes that the ledger's remittance deductions may open on import, and both must agree.
Cases without a resolution are checked for what makes them so.
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-126/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"CLP": 0, "JPY": 0, "KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3}  # ARS, USD: 2
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
def pays(lg, num):
    """(date, amount) paid on the invoice: a remittance line's `paid`, or a payment applied to it without remittance."""
    out = []
    for p in lg.get("payments", []):
        rem = p.get("remittance")
        if rem:
            out += [(p["date"], D(e["paid"])) for e in rem if e["invoiceNumber"] == num]
        elif p.get("invoiceNumber") == num:
            out.append((p["date"], D(p["amount"])))
    return out
def paid(lg, num): return sum((a for _, a in pays(lg, num)), Z)
def deductions(lg, num): return [(p, e) for p in lg.get("payments", []) for e in p.get("remittance", []) if e["invoiceNumber"] == num and D(e.get("deducted", "0")) > 0]
def deducted(lgn, num): return sum((D(e["deducted"]) for _, e in deductions(ledgers[lgn], num)), Z)
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), Z)
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

BIO, MDP, ACO = "biobio-cuadernos-hualpen-clp.ledger.json", "perla-atlantica-alfajores-ars.ledger.json", "aconcagua-aceite-palta-usd.ledger.json"
TODAY = {BIO: "2026-04-22", MDP: "2026-06-10", ACO: "2026-07-15"}
if set(ledgers) != {BIO, MDP, ACO}: fail(f"ledgers found: {sorted(ledgers)}")
# the one invoice billed on purpose outside its contract (the contract-terms case)
OUTSIDE_ON_PURPOSE = {"ACO26-0431-NAC"}

# ---- ledgers: totals, statuses, references, terms, minor digits
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 14 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    if sum(1 for c in lg["customers"] if c.get("strategic")) != 1: fail(f"{name}: one strategic customer expected")
    if not any(c.get("poRequired") and not any(x.get("strategic") for x in lg["customers"] if x["id"] == c["customerId"]) for c in lg["contracts"]):
        fail(f"{name}: no non-strategic customer with a PO requirement")
    if not any(i["currency"] != cur0 for i in lg["invoices"]): fail(f"{name}: no invoice in a foreign currency")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    for k, v in lg["policy"]["approvalLimits"].items():
        if not decimals_ok(v, cur0): fail(f"{name}: approval limit {k} digits")
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
        if not c: fail(f"{name} {i['number']}: no contract")
        else:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            inside = c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")
            if inside == (i["number"] in OUTSIDE_ON_PURPOSE): fail(f"{name} {i['number']}: billed period vs contract")
            for l in i["lines"]:
                if not any(p["sku"] == l["sku"] for p in c["prices"]): fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        if cust.get("taxExempt") and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "HLP/FE/88400":
            fail(f"{name} {i['number']}: exempt customer taxed (only the tax case may be)")
        if not cust.get("taxExempt") and not all(l.get("taxRate") for l in i["lines"]): fail(f"{name} {i['number']}: taxable customer billed without tax")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on its date")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} unknown")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, cr, t = paid(lg, i["number"]), credited(lg, i["number"]), D(i["total"])
        want = "paid" if p + cr >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber"):
            inv = invoice(lg, d["invoiceNumber"])
            l = next((l for l in inv["lines"] if l["sku"] == d["sku"]), None)
            if not l: fail(f"{name} delivery {d['id']}: SKU not on its invoice")
            elif d["quantity"] > l["quantity"]: fail(f"{name} delivery {d['id']}: more delivered than billed")
            if d.get("poNumber") and inv.get("poNumber") and d["poNumber"] != inv["poNumber"]: fail(f"{name} delivery {d['id']}: PO differs from its invoice")
            if d.get("poNumber") and (d["poNumber"] not in pos or pos[d["poNumber"]]["customerId"] != inv["customerId"]):
                fail(f"{name} delivery {d['id']}: PO unknown or of another customer")
            if d["deliveredDate"] < plus(inv["issueDate"], -7): fail(f"{name} delivery {d['id']}: long before its invoice")
    for s in lg.get("serviceLogs", []):
        inv = invoice(lg, s["invoiceNumber"])
        if not (inv.get("servicePeriodStart", "") <= s["periodStart"] and s["periodEnd"] <= inv.get("servicePeriodEnd", "")):
            fail(f"{name} log {s['id']}: outside its invoice's service period")
    for p in lg.get("payments", []):
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        rem = p.get("remittance", [])
        if rem and sum((D(e["paid"]) for e in rem), Z) != D(p["amount"]): fail(f"{name} payment {p['id']}: remittance does not add up")
        for e in rem:
            inv = invoice(lg, e["invoiceNumber"])
            if inv["customerId"] != p["customerId"] or inv["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: remittance line of another customer or currency")
            if D(e["paid"]) + D(e.get("deducted", "0")) + credited(lg, e["invoiceNumber"]) != D(inv["total"]): fail(f"{name} payment {p['id']}: paid + deducted != total on {e['invoiceNumber']}")
            if D(e.get("deducted", "0")) > 0 and not e.get("reasonText"): fail(f"{name} payment {p['id']}: deduction without reason text")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
    for m in lg.get("creditMemos", []):
        if m["invoiceNumber"] not in nums: fail(f"{name} credit memo {m['number']}: unknown invoice")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# the credit note HLP/NC/2114: 1 box of 50 college notebooks short on 88383 (guía 51188), with its IVA
i83 = invoice(ledgers[BIO], "HLP/FE/88383")
if D(ledgers[BIO]["creditMemos"][0]["amount"]) != gross(line(i83, 1), "CLP") - gross(line(i83, 1), "CLP", qty=1550):
    fail("HLP/NC/2114 is not 50 notebooks with IVA")

# ---- numbering: HLP/FE/NNNNN (SII folio, Hualpén branch); A-PPPPP-NNNNNNNN and E-PPPPP-NNNNNNNN (Factura A point of
# sale 00007, Factura E point of sale 00009); ACO26-NNNN-PPP (one yearly sequence, suffix = US port of discharge, NAC =
# Chilean domestic sale in CLP); each series in issue-date order.
def series_ok(lgn, pattern, key):
    groups = {}
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{lgn}: {i['number']} does not follow {pattern}"); continue
        groups.setdefault(key(m), []).append((int(m.group("n")), i["issueDate"]))
    for k, v in groups.items():
        v.sort()
        if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"{lgn} series {k}: sequence out of date order")
series_ok(BIO, r"HLP/FE/(?P<n>\d{5})", lambda m: "FE")
series_ok(MDP, r"(?P<s>[AE])-(?P<p>\d{5})-(?P<n>\d{8})", lambda m: m.group("s") + m.group("p"))
series_ok(ACO, r"ACO26-(?P<n>\d{4})-(?P<port>SEA|LGB|OAK|NAC)", lambda m: "ACO26")
for i in ledgers[MDP]["invoices"]:
    if (i["number"][0] == "E") != (i["currency"] == "USD"): fail(f"{i['number']}: Factura E is the export (USD) series")
    if i["number"][0] == "A" and not i["number"].startswith("A-00007-"): fail(f"{i['number']}: point of sale")
for i in ledgers[ACO]["invoices"]:
    if i["number"].endswith("-NAC") != (i["currency"] == "CLP"): fail(f"{i['number']}: NAC is the domestic CLP series")

# ---- recipes
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def price_diff(lgn, num, n, price=None):
    """Billed gross minus gross at the agreed (or stated) price; also checked against tax on the net difference."""
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
def delivered(lgn, num, sku, field="quantity"):
    return sum(D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), Z))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), Z)
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), Z)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

def late_fee_allowed(lgn, num, today):
    """DOMAIN: none without a clause; none when the principal was paid by due + grace; else percentPerMonth of the
    principal unpaid at the end of grace, per started 30-day month from the due date to the settling payment (or today)."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; c = contract_of(lg, i)
    if not c or not c.get("lateFee"): return Z
    grace = c["lateFee"].get("graceDays", 0); grace_end = plus(i["dueDate"], grace)
    prin = principal(i)
    ps = sorted(pays(lg, num))
    overdue = prin - sum((a for d, a in ps if d <= grace_end), Z)
    if overdue <= 0: return Z
    settled, acc = today, Z
    for d, a in ps:
        acc += a
        if acc >= prin: settled = d; break
    late = days(i["dueDate"], settled)
    if late <= grace: return Z
    months = -(-late // 30)
    per_month = r(overdue * D(c["lateFee"]["percentPerMonth"]) / 100, cur)
    if r(overdue * D(c["lateFee"]["percentPerMonth"]) * months / 100, cur) != per_month * months: fail(f"{num}: late fee depends on rounding")
    return per_month * months
def fee_not_owed(lgn, num, today):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)
def outside_contract(lgn, num):
    """Days of the billed period outside the invoice's contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), Z)
def unapplied(lgn, num, when=None):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and not p.get("remittance")
          and p["currency"] == i["currency"] and (when is None or p["date"] == when)]
    return min(sum((D(p["amount"]) for p in ps), Z), open_bal(lgn, num))
def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and len(a["lines"]) == len(b["lines"])
def duplicate_of(lgn, num, other):
    """num duplicates other: same basis, num has no delivery of its own, other was delivered."""
    if not same_basis_duplicate(lgn, num, other): return None
    if any(d.get("invoiceNumber") == num for d in ledgers[lgn]["deliveries"]): return None
    if not any(d.get("invoiceNumber") == other for d in ledgers[lgn]["deliveries"]): return None
    return inv_total(lgn, num)
def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled" or po["customerId"] != i["customerId"]
def fee_supported(lgn, num, t):
    """A fee is owed when the customer's PO lists it (same description, that amount) or the contract's notes name it."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    po = next((p for p in lg["purchaseOrders"] if p["number"] == i.get("poNumber")), None)
    return bool(po) and any(l.get("description", "").lower() == f.get("description", "").lower() and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]) for l in po["lines"])
def no_fines_clause(lgn, num):
    """The contract's notes say no such fine was agreed (the penalty deductions)."""
    notes = contract_of(ledgers[lgn], I(lgn, num)).get("notes", "").lower()
    return ("no se pactan multas" in notes) or ("no otif" in notes)
def delivered_in_full(lgn, num):
    i = I(lgn, num)
    return all(delivered(lgn, num, l["sku"]) >= D(str(l["quantity"])) and delivered(lgn, num, l["sku"], "damagedQuantity") == 0 for l in i["lines"])

B, AA, EE, XA = "HLP/FE/", "A-00007-000", "E-00009-00000", "ACO26-"
# recipe: case -> (supported (None for needs_info), disputed)
R = {
 # Biobío (CLP; USD at 938.40 from 2026-01-02, 951.75 from 2026-03-02)
 "b126-bio-andessur-faltante-3cj": (lambda: short(BIO, B+"88402", 1, delivered(BIO, B+"88402", "CU-UNI100")), lambda: units_credit(BIO, B+"88402", 1, 120)),
 "b126-bio-andessur-precio-catalogo": (lambda: price_diff(BIO, B+"88392", 1), lambda: price_diff(BIO, B+"88392", 1, "790")),
 "b126-bio-andessur-multa-fillrate": (lambda: Z if no_fines_clause(BIO, B+"88404") and delivered_in_full(BIO, B+"88404") else None,
                                      lambda: r(sum((net(l, "CLP") for l in I(BIO, B+"88404")["lines"]), Z) * D("0.04"), "CLP")),
 "b126-bio-andessur-merma-block": (lambda: units_credit(BIO, B+"88399", 1, delivered(BIO, B+"88399", "BLK-DIB99", "damagedQuantity")), lambda: units_credit(BIO, B+"88399", 1, 40)),
 "b126-bio-andessur-descuento-repetido": (lambda: short(BIO, B+"88397", 1, delivered(BIO, B+"88397", "CU-COL80-MAT")), lambda: units_credit(BIO, B+"88397", 1, 50)),
 "b126-bio-andessur-armado-locales": (lambda: short(BIO, B+"88406", 1, logged(BIO, B+"88406", "SERV-ARMADO")), lambda: units_credit(BIO, B+"88406", 1, 3)),
 "b126-bio-andessur-faltante-sin-guia": (None, lambda: units_credit(BIO, B+"88409", 1, 200)),
 "b126-bio-araucania-sin-oc": (lambda: Z if po_defect(BIO, B+"88395") else None, lambda: inv_total(BIO, B+"88395")),
 "b126-bio-araucania-precio-convenio": (lambda: price_diff(BIO, B+"88379", 1), lambda: price_diff(BIO, B+"88379", 1, "1240")),
 "b126-bio-cordillerana-mojados": (lambda: units_credit(BIO, B+"88411", 1, delivered(BIO, B+"88411", "CU-UNI100", "damagedQuantity")), lambda: units_credit(BIO, B+"88411", 1, 100)),
 "b126-bio-cordillerana-ya-pago": (lambda: unapplied(BIO, B+"88374", "2026-03-09"), lambda: open_bal(BIO, B+"88374")),
 "b126-bio-cordillerana-flete": (lambda: Z if fee_supported(BIO, B+"88411", "freight") else fee(BIO, B+"88411", "freight"), lambda: fee(BIO, B+"88411", "freight")),
 "b126-bio-zofri-iva": (lambda: inv_tax(BIO, B+"88400") if tax_exempt(BIO, B+"88400") else Z, lambda: inv_tax(BIO, B+"88400")),
 "b126-bio-chillan-intereses": (lambda: fee_not_owed(BIO, B+"88366", TODAY[BIO]), lambda: fee(BIO, B+"88366", "late_fee")),
 "b126-bio-chillan-doble-factura": (lambda: duplicate_of(BIO, B+"88388", B+"88386"), lambda: inv_total(BIO, B+"88388")),
 # La Perla Atlántica (ARS; USD at 1,415.00 from 2026-01-02, 1,468.50 from 2026-04-01)
 "b126-mdp-austral-faltante-bultos": (lambda: short(MDP, AA+"31829", 1, delivered(MDP, AA+"31829", "ALF-CHOC-12")), lambda: units_credit(MDP, AA+"31829", 1, 16)),
 "b126-mdp-austral-dif-precio": (lambda: price_diff(MDP, AA+"31838", 1), lambda: price_diff(MDP, AA+"31838", 1, "13800.00")),
 "b126-mdp-austral-multa-servicio": (lambda: Z if no_fines_clause(MDP, AA+"31850") and delivered_in_full(MDP, AA+"31850") else None,
                                     lambda: r(net(line(I(MDP, AA+"31850"), 1), "ARS") * D("0.01"), "ARS")),
 "b126-mdp-austral-averia-potes": (lambda: units_credit(MDP, AA+"31846", 1, delivered(MDP, AA+"31846", "DDL-CLAS-400", "damagedQuantity")), lambda: units_credit(MDP, AA+"31846", 1, 24)),
 "b126-mdp-austral-factura-equivocada": (lambda: units_credit(MDP, AA+"31853", 1, delivered(MDP, AA+"31853", "ALF-SURT-6", "damagedQuantity")), lambda: deducted(MDP, AA+"31861")),
 "b126-mdp-austral-degustacion-fechas": (None, lambda: units_credit(MDP, AA+"31866", 1, 2)),
 "b126-mdp-golosinera-sin-oc": (lambda: Z if po_defect(MDP, AA+"31833") else None, lambda: inv_total(MDP, AA+"31833")),
 "b126-mdp-golosinera-faltante-sin-remito": (None, lambda: units_credit(MDP, AA+"31874", 1, 16)),
 "b126-mdp-golosinera-flete": (lambda: Z if fee_supported(MDP, AA+"31870", "freight") else fee(MDP, AA+"31870", "freight"), lambda: fee(MDP, AA+"31870", "freight")),
 "b126-mdp-pampa-short": (lambda: short(MDP, EE+"409", 1, delivered(MDP, EE+"409", "ALF-CHOC-12")), lambda: units_credit(MDP, EE+"409", 1, 10)),
 "b126-mdp-pampa-precio-po": (lambda: price_diff(MDP, EE+"405", 1), lambda: price_diff(MDP, EE+"405", 1, "9.90")),
 "b126-mdp-pampa-cajas-aplastadas": (lambda: units_credit(MDP, EE+"412", 1, delivered(MDP, EE+"412", "ALF-SURT-6", "damagedQuantity")), lambda: units_credit(MDP, EE+"412", 1, 12)),
 "b126-mdp-ruta2-intereses": (lambda: fee_not_owed(MDP, AA+"31841", TODAY[MDP]), lambda: fee(MDP, AA+"31841", "late_fee")),
 "b126-mdp-troncos-precio-balde": (lambda: price_diff(MDP, AA+"31822", 1), lambda: price_diff(MDP, AA+"31822", 1, "54000.00")),
 # Aconcagua (USD; CLP at 0.001066 from 2026-04-01, 0.001049 from 2026-06-01)
 "b126-aco-harvest-shortage": (lambda: short(ACO, XA+"0417-SEA", 1, delivered(ACO, XA+"0417-SEA", "AVO-EV-500-12")), lambda: units_credit(ACO, XA+"0417-SEA", 1, 6)),
 "b126-aco-harvest-otif-fine": (lambda: Z if no_fines_clause(ACO, XA+"0398-SEA") and delivered_in_full(ACO, XA+"0398-SEA") else None,
                                lambda: r(inv_total(ACO, XA+"0398-SEA") * D("0.03"), "USD")),
 "b126-aco-harvest-price-1l": (lambda: price_diff(ACO, XA+"0406-SEA", 1), lambda: price_diff(ACO, XA+"0406-SEA", 1)),
 "b126-aco-harvest-damaged": (lambda: units_credit(ACO, XA+"0415-SEA", 1, delivered(ACO, XA+"0415-SEA", "AVO-EV-500-12", "damagedQuantity")), lambda: units_credit(ACO, XA+"0415-SEA", 1, 8)),
 "b126-aco-harvest-no-pod": (None, lambda: units_credit(ACO, XA+"0426-SEA", 1, 12)),
 "b126-aco-pacific-crest-no-po": (lambda: Z if po_defect(ACO, XA+"0404-OAK") else None, lambda: inv_total(ACO, XA+"0404-OAK")),
 "b126-aco-pacific-crest-duplicate": (lambda: duplicate_of(ACO, XA+"0410-OAK", XA+"0409-OAK"), lambda: inv_total(ACO, XA+"0410-OAK")),
 "b126-aco-pacific-crest-jugs-short": (None, lambda: units_credit(ACO, XA+"0423-OAK", 1, 6)),
 "b126-aco-puertanorte-precio": (lambda: price_diff(ACO, XA+"0401-NAC", 1), lambda: price_diff(ACO, XA+"0401-NAC", 1, "48000")),
 "b126-aco-puertanorte-merma": (lambda: units_credit(ACO, XA+"0413-NAC", 1, delivered(ACO, XA+"0413-NAC", "AVO-SPR-5OZ-6", "damagedQuantity")), lambda: units_credit(ACO, XA+"0413-NAC", 1, 7)),
 "b126-aco-puertanorte-spray-faltante": (lambda: short(ACO, XA+"0422-NAC", 1, delivered(ACO, XA+"0422-NAC", "AVO-SPR-5OZ-6")), lambda: units_credit(ACO, XA+"0422-NAC", 1, 10)),
 "b126-aco-puertanorte-bodegaje": (lambda: outside_contract(ACO, XA+"0431-NAC"), lambda: inv_total(ACO, XA+"0431-NAC")),
 "b126-aco-sonoran-late-charge": (lambda: fee_not_owed(ACO, XA+"0395-LGB", TODAY[ACO]), lambda: fee(ACO, XA+"0395-LGB", "late_fee")),
 "b126-aco-sonoran-ya-pagado": (lambda: unapplied(ACO, XA+"0411-LGB", "2026-06-10"), lambda: open_bal(ACO, XA+"0411-LGB")),
}
NEEDS_INFO = {
 "b126-bio-andessur-faltante-sin-guia": lambda: not has_delivery(BIO, B+"88409", "CU-UNI100"),
 "b126-mdp-austral-degustacion-fechas": lambda: unserved_dates(MDP, AA+"31866", "SERV-DEGUST", ["2026-04-18", "2026-04-19"]) is None,
 "b126-mdp-golosinera-faltante-sin-remito": lambda: not has_delivery(MDP, AA+"31874", "ALF-CHOC-12"),
 "b126-aco-harvest-no-pod": lambda: not has_delivery(ACO, XA+"0426-SEA", "AVO-EV-500-12"),
 "b126-aco-pacific-crest-jugs-short": lambda: not has_delivery(ACO, XA+"0423-OAK", "AVO-FS-JUG-2"),
}
# Cases whose disputed amount is a remittance deduction of the ledger: it must be that deduction.
FROM_REMITTANCE = {
 "b126-bio-andessur-faltante-3cj": B+"88402", "b126-bio-andessur-precio-catalogo": B+"88392", "b126-bio-andessur-multa-fillrate": B+"88404",
 "b126-bio-andessur-merma-block": B+"88399", "b126-bio-andessur-descuento-repetido": B+"88397", "b126-bio-andessur-armado-locales": B+"88406",
 "b126-bio-andessur-faltante-sin-guia": B+"88409", "b126-bio-chillan-intereses": B+"88366",
 "b126-mdp-austral-faltante-bultos": AA+"31829", "b126-mdp-austral-dif-precio": AA+"31838", "b126-mdp-austral-multa-servicio": AA+"31850",
 "b126-mdp-austral-averia-potes": AA+"31846", "b126-mdp-austral-factura-equivocada": AA+"31861", "b126-mdp-austral-degustacion-fechas": AA+"31866",
 "b126-mdp-golosinera-flete": AA+"31870", "b126-mdp-pampa-short": EE+"409", "b126-mdp-ruta2-intereses": AA+"31841", "b126-mdp-troncos-precio-balde": AA+"31822",
 "b126-aco-harvest-shortage": XA+"0417-SEA", "b126-aco-harvest-otif-fine": XA+"0398-SEA", "b126-aco-harvest-price-1l": XA+"0406-SEA",
 "b126-aco-harvest-damaged": XA+"0415-SEA", "b126-aco-harvest-no-pod": XA+"0426-SEA", "b126-aco-pacific-crest-jugs-short": XA+"0423-OAK",
 "b126-aco-puertanorte-merma": XA+"0413-NAC", "b126-aco-sonoran-late-charge": XA+"0395-LGB",
}
# Penalties the taxonomy has no reason code for: reasonCode and stakeholders are left unchecked.
PENALTIES = {"b126-bio-andessur-multa-fillrate", "b126-mdp-austral-multa-servicio", "b126-aco-harvest-otif-fine"}
# The deduction taken on the wrong invoice: the damage is on 31853, the deduction on 31861 whose remito is clean.
WRONG_INVOICE = {"b126-mdp-austral-factura-equivocada": (AA+"31853", AA+"31861")}
# A duplicate deduction: the shortage was on 88383 and already credited by HLP/NC/2114; 88397 was delivered in full.
DUP_DEDUCTION = {"b126-bio-andessur-descuento-repetido": (B+"88397", B+"88383")}
NO_RES = {
 "b126-bio-folio-inexistente": ("unknown", BIO, "HLP/FE/88452", "BIO-C01"),
 "b126-mdp-ruta2-factura-ajena": ("other_customer", MDP, AA+"31879", "MDP-04"),
 "b126-mdp-austral-factura-inexistente": ("unknown", MDP, "A-00007-00031990", "MDP-01"),
 "b126-mdp-austral-pdf": ("no_claim", MDP, AA+"31883", "MDP-01"),
 "b126-aco-lakeshore-otra-factura": ("other_customer", ACO, XA+"0417-SEA", "ACO-C05"),
}
WITHDRAWN = {"b126-bio-chillan-retira": (BIO, B+"88386"), "b126-aco-lakeshore-retira": (ACO, XA+"0420-LGB")}
ADMIN_DEFECT = {"missing_po", "tax_error"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None
def seq(num): return re.search(r"(\d{3,})(?:-[A-Z]{3})?$", num).group(1).lstrip("0")
def fmt_amount(m, cur): return len(m.split(".")[1]) if "." in m else 0

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
ids = [c["id"] for c in cases]
if len(ids) != len(set(ids)): fail("duplicate case ids")
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    key = {BIO: "bio", MDP: "mdp", ACO: "aco"}.get(lgn)
    if not cid.startswith(f"b126-{key}-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (no turn confirms anything)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first, alltext = c["turns"][0], " ".join(c["turns"])
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.]+\.\d\d", m):
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")): fail(f"{cid}: email amount {m} is no figure of the case")
            if I(lgn, e["invoiceNumber"])["currency"] != "USD": fail(f"{cid}: email amounts only for USD (English) customers")
        elif m not in e.get("invoiceNumber", ""): fail(f"{cid}: email mention {m} is not part of the invoice number")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or seq(e["invoiceNumber"]) not in first.replace(".", "")):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if cid in NO_RES:
        kind, wl, num, said = NO_RES[cid]
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if seq(num) not in first.replace(".", ""): fail(f"{cid}: first turn does not name {num}")
        if kind == "unknown":
            if num in nums: fail(f"{cid}: {num} exists")
            if any(seq(n) in alltext for n in nums): fail(f"{cid}: an existing invoice number is named too")
            if any(x.get("invoiceNumber") == num for p in lg["payments"] for x in p.get("remittance", [])): fail(f"{cid}: a remittance names {num}")
        if kind == "other_customer":
            if num not in nums or I(wl, num)["customerId"] == said: fail(f"{cid}: {num} is not another customer's invoice")
            if e.get("asks") != ["invoice"]: fail(f"{cid}: should ask which invoice")
            sname = next(x["name"] for x in lg["customers"] if x["id"] == said).split()[0]
            if sname.lower() not in first.lower(): fail(f"{cid}: the first turn does not name the claiming customer")
        if kind == "no_claim" and (num not in nums or I(wl, num)["customerId"] != said): fail(f"{cid}: {num} should be the customer's own invoice")
        continue
    if e.get("noResolution"): fail(f"{cid}: noResolution without a reason recorded in NO_RES")
    if cid in WITHDRAWN:
        wl, num = WITHDRAWN[cid]
        if set(e) != {"mustNotHappen"} or len(c["turns"]) != 2 or seq(num) not in first or num not in nums: fail(f"{cid}: withdrawn case shape")
        continue
    if "invoiceNumber" not in e: fail(f"{cid}: no invoice expected"); continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    need = ("classification", "disputedAmount", "action", "escalation") + (() if cid in PENALTIES else ("reasonCode", "stakeholders"))
    if not all(k in e for k in need): fail(f"{cid}: a key is missing")
    if cid in PENALTIES and ("reasonCode" in e or "stakeholders" in e): fail(f"{cid}: penalty case should leave the reason unchecked")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and fmt_amount(e[k], cur) != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if cid in FROM_REMITTANCE and deducted(lgn, FROM_REMITTANCE[cid]) != disputed: fail(f"{cid}: disputed {disputed} is not the ledger's deduction on {FROM_REMITTANCE[cid]}")
    if cid not in FROM_REMITTANCE and deductions(lg, num) and cid not in WRONG_INVOICE: fail(f"{cid}: the invoice carries a deduction the case does not use")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed {disputed} out of range")
    cl, act = e["classification"], e["action"]
    if cid in WRONG_INVOICE:
        right, wrong = WRONG_INVOICE[cid]
        if num != right or not delivered_in_full(lgn, wrong) or I(lgn, wrong)["customerId"] != I(lgn, right)["customerId"]: fail(f"{cid}: wrong-invoice shape")
    if cid in DUP_DEDUCTION:
        here, there = DUP_DEDUCTION[cid]
        if num != here or not delivered_in_full(lgn, here) or credited(lg, there) != disputed: fail(f"{cid}: duplicate-deduction shape")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e or sup_fn: fail(f"{cid}: needs_info with a supported amount")
    elif cid in NEEDS_INFO: fail(f"{cid}: listed as needs_info")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no evidence"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != {"invalid": "no_adjustment", "partial": "credit_memo"}[cl]: fail(f"{cid}: {cl} with {act}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e.get("reasonCode"), "credit_memo")
            if e.get("reasonCode") == "tax_error" and supported == inv_tax(lgn, num) and all(l.get("taxRate") for l in inv_["lines"]): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {e.get('reasonCode')} with {act}, expected {want}")
        if e.get("reasonCode") == "already_paid" and unapplied(lgn, num) != supported: fail(f"{cid}: no unapplied payment to apply")
    # escalation: amount after FX, days past due on an open balance, strategic, repeat disputes (with and without the
    # disputes the ledger's deductions may open on import), controller approval, legal
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    past = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"])
    auto = sum(1 for i in lg["invoices"] if i["customerId"] == cust["id"] and i["number"] != FROM_REMITTANCE.get(cid, num) and deductions(lg, i["number"]))
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    moved = supported if act == "credit_memo" else None
    controller = moved is not None and to_company(lgn, num, moved) > D(pol["approvalLimits"]["lead"])
    def esc_with(recent):
        x = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
             or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or controller)
        return x or (e.get("reasonCode") == "contract_terms" and conv >= D(pol["legalEscalationAmount"]))
    a, b = esc_with(past + 1), esc_with(past + auto + 1)
    if a != b: fail(f"{cid}: escalation depends on whether imported deductions open disputes ({past} past, {auto} deductions)")
    if a != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {a} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {past}+{auto} disputes)")

# ---- stakeholders, tallies quoted in the README
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
print("  from a remittance deduction:", sum(1 for c in cases if c["id"] in FROM_REMITTANCE))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
