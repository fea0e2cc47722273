#!/usr/bin/env python3
"""Batch-48 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-48/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # NIO, USD, STN, EUR, BRL, PAB: 2
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
NO_RATE = {"CEX-0398/26", "CEX-0426/26"}   # batch 48: Frevo's BRL invoices have no BRL rate
INTENDED_WRONG_PO = set()   # batch 48 has no invoice quoting a PO the customer never issued
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
        if po and po in pos and pos[po].get("currency") != cur: fail(f"{name} {i['number']}: PO currency is not the invoice's")
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
NI, ST, PA = "el-tuma-agro-nio.ledger.json", "cacau-equador-stn.ledger.json", "escolar-istmo-pab.ledger.json"
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
T_NI, T_ST, T_PA = "2026-11-26", "2026-11-30", "2026-11-24"
def fee_desc(lgn, num, start): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").startswith(start)), D("0"))
def fee_on_own_po(lgn, num, t):
    """The invoice's own PO lists the fee: a line whose description equals the fee's, at that amount."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return bool(po) and any(l.get("description", "").lower() == f.get("description", "").lower() and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"]) for l in po["lines"])
def fee_on_any_po_at_price(lgn, num, t):
    """Broad reading: any PO of the customer lists a line of that description at that amount."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    return any(l.get("description", "").lower() == f.get("description", "").lower() and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
               for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] for l in po["lines"])
def fee_named_in_notes(lgn, num, words):
    c = contract_of(ledgers[lgn], I(lgn, num)); notes = (c or {}).get("notes", "").lower()
    return any(w in notes for w in words)
def fee_owed(lgn, num, t, words):
    own, broad, notes = fee_on_own_po(lgn, num, t), fee_on_any_po_at_price(lgn, num, t), fee_named_in_notes(lgn, num, words)
    if own != broad: fail(f"{num}: the fee's PO support depends on which PO is read")
    return own or notes
def deducted(lgn, num):
    return sum((D(x.get("deducted", "0")) for p in ledgers[lgn].get("payments", []) for x in p.get("remittance", []) if x["invoiceNumber"] == num), D("0"))

# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b48-ni-flor-cal-rotos": (lambda: units_credit(NI, "MT-004512", 3, delivered(NI, "MT-004512", "CAL-DOL", "damagedQuantity")), lambda: units_credit(NI, "MT-004512", 3, 9)),
 "b48-ni-flor-iva": (lambda: inv_tax(NI, "MT-004539") if tax_exempt(NI, "MT-004539") else Z, lambda: inv_tax(NI, "MT-004539")),
 "b48-ni-flor-sin-oc": (lambda: Z if po_defect(NI, "MT-004570") else None, lambda: inv_total(NI, "MT-004570")),
 "b48-ni-flor-precio-151515": (lambda: price_diff(NI, "MT-004578", 1), lambda: price_diff(NI, "MT-004578", 1, "1560.00")),
 "b48-ni-esp-urea-10": (lambda: short(NI, "MT-004527", 1, delivered(NI, "MT-004527", "UREA-46")), lambda: short(NI, "MT-004527", 1, 10)),
 "b48-ni-esp-visitas": (lambda: short(NI, "MT-004580", 1, logged(NI, "MT-004580", "VISITA-TEC")), lambda: line_gross(NI, "MT-004580", 1)),
 "b48-ni-esp-mora": (lambda: fee_not_owed(NI, "MT-004466", T_NI), lambda: fee(NI, "MT-004466", "late_fee")),
 "b48-ni-esp-ya-pague": (lambda: unapplied_payment(NI, "MT-004584", "2026-11-25"), lambda: open_bal(NI, "MT-004584")),
 "b48-ni-riv-recargo": (lambda: fee_not_owed(NI, "MT-004431", T_NI), lambda: fee(NI, "MT-004431", "late_fee")),
 "b48-ni-riv-dron": (lambda: short(NI, "MT-004561", 1, logged(NI, "MT-004561", "DRON-HA")), lambda: units_credit(NI, "MT-004561", 1, 25)),
 "b48-ni-riv-transferencia": (lambda: unapplied_payment(NI, "MT-004573", "2026-11-20"), lambda: open_bal(NI, "MT-004573")),
 "b48-ni-kuk-wet-bags": (lambda: units_credit(NI, "BL-000731", 1, delivered(NI, "BL-000731", "FORM-PALMA", "damagedQuantity")), lambda: units_credit(NI, "BL-000731", 1, 20)),
 "b48-ni-kuk-agronomist-dates": (None, lambda: units_credit(NI, "BL-000738", 3, 2)),
 "b48-ni-kuk-glifosato-twice": (lambda: inv_total(NI, "BL-000745") if same_basis_duplicate(NI, "BL-000745", "BL-000738") else Z, lambda: inv_total(NI, "BL-000745")),
 "b48-ni-hod-wire-price": (lambda: price_diff(NI, "BL-000742", 2), lambda: price_diff(NI, "BL-000742", 2, "2200.00")),
 "b48-ni-hod-express": (lambda: Z if fee_owed(NI, "BL-000751", "service_fee", ["express"]) else fee(NI, "BL-000751", "service_fee"), lambda: fee(NI, "BL-000751", "service_fee")),
 "b48-ni-gan-alambre": (None, lambda: units_credit(NI, "MT-004585", 3, 15)),
 "b48-ni-gan-sal-dos-veces": (lambda: inv_total(NI, "MT-004596") if same_basis_duplicate(NI, "MT-004596", "MT-004585") else Z, lambda: inv_total(NI, "MT-004596")),

 "b48-st-mtq-preco-fina": (lambda: price_diff(ST, "CEX-0413/26", 1), lambda: price_diff(ST, "CEX-0413/26", 1, "585.00")),
 "b48-st-mtq-mofo-3-sacos": (lambda: units_credit(ST, "CEX-0424/26", 1, delivered(ST, "CEX-0424/26", "AMD-ROCA-60", "damagedQuantity")), lambda: units_credit(ST, "CEX-0424/26", 1, 3)),
 "b48-st-bhz-juros": (lambda: fee_not_owed(ST, "CEX-0405/26", T_ST), lambda: fee(ST, "CEX-0405/26", "late_fee")),
 "b48-st-bhz-treino-uma-aula": (lambda: short(ST, "CEX-0419/26", 1, logged(ST, "CEX-0419/26", "TREIN-H")), lambda: units_credit(ST, "CEX-0419/26", 1, 4)),
 "b48-st-bhz-pedido-97-duas-vezes": (lambda: inv_total(ST, "CEX-0421/26") if same_basis_duplicate(ST, "CEX-0421/26", "CEX-0419/26") else Z, lambda: inv_total(ST, "CEX-0421/26")),
 "b48-st-bhz-kit-amostras": (None, lambda: units_credit(ST, "CEX-0405/26", 2, 2)),
 "b48-st-ilh-fermentacao": (lambda: short(ST, "CEX-0408/26", 2, logged(ST, "CEX-0408/26", "FERM-LOTE")), lambda: line_gross(ST, "CEX-0408/26", 2)),
 "b48-st-ilh-sem-pedido": (lambda: Z if po_defect(ST, "CEX-0416/26") else None, lambda: inv_total(ST, "CEX-0416/26")),
 "b48-st-ilh-28-sacos": (lambda: short(ST, "CEX-0423/26", 1, delivered(ST, "CEX-0423/26", "AMD-FINO-60")), lambda: units_credit(ST, "CEX-0423/26", 1, 2)),
 "b48-st-rec-nibs-faltando": (lambda: short(ST, "CEX-0426/26", 2, delivered(ST, "CEX-0426/26", "NIBS-5")), lambda: units_credit(ST, "CEX-0426/26", 2, 2)),
 "b48-st-cur-assinatura-outubro": (lambda: outside_contract(ST, "CEX-0429/26"), lambda: inv_total(ST, "CEX-0429/26")),
 "b48-st-pou-passeio-9": (lambda: short(ST, "CLO-0087/26", 3, logged(ST, "CLO-0087/26", "VISITA-ROCA")), lambda: units_credit(ST, "CLO-0087/26", 3, 5)),
 "b48-st-pou-ja-paguei": (lambda: unapplied_payment(ST, "CLO-0091/26", "2026-11-27"), lambda: open_bal(ST, "CLO-0091/26")),

 "b48-pa-are-mochilas-mojadas": (lambda: units_credit(PA, "ZL-26-08812", 3, delivered(PA, "ZL-26-08812", "MOCH-16", "damagedQuantity")), lambda: units_credit(PA, "ZL-26-08812", 3, 36)),
 "b48-pa-are-crayones": (lambda: price_diff(PA, "ZL-26-08827", 1), lambda: price_diff(PA, "ZL-26-08827", 1, "10.90")),
 "b48-pa-are-etiquetas": (None, lambda: units_credit(PA, "ZL-26-08852", 2, 320)),
 "b48-pa-udg-descuento-calc": (lambda: price_diff(PA, "ZL-26-08820", 3), lambda: deducted(PA, "ZL-26-08820") if deducted(PA, "ZL-26-08820") == price_diff(PA, "ZL-26-08820", 3, "5.78") else None),
 "b48-pa-udg-sin-oc": (lambda: Z if po_defect(PA, "ZL-26-08841") else None, lambda: inv_total(PA, "ZL-26-08841")),
 "b48-pa-qsq-mochilas-350": (lambda: short(PA, "ZL-26-08833", 2, delivered(PA, "ZL-26-08833", "MOCH-16")), lambda: units_credit(PA, "ZL-26-08833", 2, 50)),
 "b48-pa-qsq-flete-fob": (lambda: Z if fee_owed(PA, "ZL-26-08845", "freight", ["flete", "freight"]) else fee(PA, "ZL-26-08845", "freight"), lambda: fee(PA, "ZL-26-08845", "freight")),
 "b48-pa-kin-late-fee": (lambda: fee_not_owed(PA, "ZL-26-08809", T_PA), lambda: fee(PA, "ZL-26-08809", "late_fee")),
 "b48-pa-kin-paid-wire": (lambda: unapplied_payment(PA, "ZL-26-08836", "2026-11-12"), lambda: open_bal(PA, "ZL-26-08836")),
 "b48-pa-kin-exercise-twice": (lambda: inv_total(PA, "ZL-26-08838") if same_basis_duplicate(PA, "ZL-26-08838", "ZL-26-08836") else Z, lambda: inv_total(PA, "ZL-26-08838")),
 "b48-pa-aru-consolidacion": (lambda: Z if fee_owed(PA, "ZL-26-08847", "service_fee", ["consolidación"]) else fee(PA, "ZL-26-08847", "service_fee"), lambda: fee(PA, "ZL-26-08847", "service_fee")),
 "b48-pa-est-mochila-precio": (lambda: price_diff(PA, "TF-26-00341", 3), lambda: price_diff(PA, "TF-26-00341", 3, "8.05")),
 "b48-pa-est-lapices-40": (lambda: short(PA, "TF-26-00346", 1, delivered(PA, "TF-26-00346", "LAP-HB")), lambda: units_credit(PA, "TF-26-00346", 1, 10)),
}
def has_other_pays(lgn, num):
    return [p["id"] for p in ledgers[lgn]["payments"] if p.get("invoiceNumber") == num]
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b48-ni-kuk-agronomist-dates": lambda: unserved_dates(NI, "BL-000738", "VISITA-TEC", ["2026-10-14", "2026-10-28"]) is None,
 "b48-ni-gan-alambre": lambda: not has_delivery(NI, "MT-004585", "ALAMBRE"),
 "b48-st-bhz-kit-amostras": lambda: not has_delivery(ST, "CEX-0405/26", "KIT-AMOSTRA"),
 "b48-pa-are-etiquetas": lambda: not has_log(PA, "ZL-26-08852", "ETIQ"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b48-st-frevo-nota-de-outro": (ST, "CEX-0413/26", "CLI-BR-031")}
# ---- numbering: El Tuma MT-/BL- (branch series, six digits); Cacau Equador CEX (exports, foreign currency, untaxed)
# and CLO (local, STN, IVA 15 %) with "/26"; Istmo ZL (free-zone re-exports, USD, untaxed) and TF (fiscal territory, PAB, ITBMS 7 %).
import re
def series_ok(lgn, pattern, rule):
    invs = ledgers[lgn]["invoices"]
    for i in invs:
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{i['number']}: numbering"); continue
        taxed = any(l.get("taxRate") for l in i["lines"])
        msg = rule(m.group(1), i["currency"], taxed, i)
        if msg: fail(f"{i['number']}: {msg}")
    for s in {re.fullmatch(pattern, i["number"]).group(1) for i in invs if re.fullmatch(pattern, i["number"])}:
        seq = sorted((i for i in invs if re.fullmatch(pattern, i["number"]).group(1) == s), key=lambda i: i["number"])
        if [i["issueDate"] for i in seq] != sorted(i["issueDate"] for i in seq): fail(f"{lgn} series {s}: numbers not in date order")
series_ok(NI, r"(MT|BL)-\d{6}", lambda s, cur, taxed, i: None if (s == "BL") == (i["customerId"] in ("C-2003", "C-2011")) else "branch series")
series_ok(ST, r"(CEX|CLO)-\d{4}/26", lambda s, cur, taxed, i: None if (s == "CLO") == (cur == "STN") == taxed else "CEX = export untaxed, CLO = STN with IVA")
series_ok(PA, r"(ZL|TF)-26-\d{5}", lambda s, cur, taxed, i: None if (s == "TF") == (cur == "PAB") == taxed else "ZL = USD untaxed, TF = PAB with ITBMS")
for i in ledgers[NI]["invoices"]:
    if tax_exempt(NI, i["number"]) and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "MT-004539": fail(f"{i['number']}: exempt coop taxed")
    for l in i["lines"]:
        if l["sku"] in ("UREA-46", "FORM-18460", "FORM-151515", "CAL-DOL", "FUNG-COBRE", "FORM-PALMA", "KCL-60", "BORO", "HERB-GLIF", "SEM-PASTO", "SAL-MIN") and l.get("taxRate"):
            fail(f"{i['number']}: agricultural input taxed")
        if l["sku"] in ("MOCH-20L", "ALAMBRE", "ANAL-SUELO", "VISITA-TEC", "DRON-HA") and not l.get("taxRate") and not tax_exempt(NI, i["number"]):
            fail(f"{i['number']}: taxable line without IVA")
# half-remembered or wrong numbers in the messages must not exist
for bad_num in ("MT-004587", "CEX-0458/26", "ZL-26-08899"):
    if any(i["number"] == bad_num for lg in ledgers.values() for i in lg["invoices"]): fail(f"{bad_num} exists")

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
    if not cid.startswith("b48-"): fail(f"{cid}: id prefix")
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

