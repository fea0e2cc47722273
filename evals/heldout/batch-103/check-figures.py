#!/usr/bin/env python3
"""Batch-103 author's cross-check (adapted from batch 102's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once). Cases without a resolution are checked for
what makes them so (the invoice is absent, belongs to another customer, or nothing is claimed).
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-103/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # USD, CAD: 2
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

AK, HI, PR = "tikishla-aero-works-usd.ledger.json", "paalaa-shapes-ding-usd.ledger.json", "senalizacion-oeste-usd.ledger.json"
T_AK, T_HI, T_PR = "2026-10-22", "2026-12-09", "2026-11-05"
if set(ledgers) != {AK, HI, PR}: fail(f"ledgers found: {sorted(ledgers)}")

# Deliberate departures from the contract, each the subject of a case:
TERMS_DEFECT = {"#000413"}              # net 15 printed, contract net 30 (b103-hi-keiki-camp-terms)
OUTSIDE_CONTRACT = {"N67TK-06", "00677-034"}   # billed after the contract ended (contract_terms cases)
NO_CONTRACT = {"#000442"}               # walk-in job, no contract or PO (b103-hi-film-beach-delivery)

# ---- ledgers: totals, statuses (payments and credit notes), references, terms, minor digits
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
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if not c:
            if i["number"] not in NO_CONTRACT: fail(f"{name} {i['number']}: no contract")
            if any(x.get("customerId") == i["customerId"] for x in lg.get("contracts", []) + lg.get("purchaseOrders", [])):
                fail(f"{name} {i['number']}: the no-contract customer has a contract or PO after all")
        else:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if (days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]) != (i["number"] in TERMS_DEFECT): fail(f"{name} {i['number']}: due date vs contract terms")
            inside = c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")
            if inside == (i["number"] in OUTSIDE_CONTRACT): fail(f"{name} {i['number']}: billed period inside/outside its contract unexpectedly")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if cp is None: fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
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
            if not any(l["sku"] == d["sku"] for l in inv["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
            if d.get("poNumber") and d["poNumber"] != inv.get("poNumber"): fail(f"{name} delivery {d['id']}: PO differs from its invoice")
            if d["deliveredDate"] > plus(inv["issueDate"], 40): fail(f"{name} delivery {d['id']}: delivered long after its invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber"):
            inv = invoice(lg, s["invoiceNumber"])
            if s["customerId"] != inv["customerId"]: fail(f"{name} log {s['id']}: customer differs from its invoice")
            if not any(l["sku"] == s["sku"] for l in inv["lines"]): fail(f"{name} log {s['id']}: SKU not on its invoice")
            if "servicePeriodStart" in inv and not (inv["servicePeriodStart"] <= s["periodStart"] and s["periodEnd"] <= inv["servicePeriodEnd"]):
                fail(f"{name} log {s['id']}: outside its invoice's service period")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("remittance"): fail(f"{name} payment {p['id']}: no remittance advice in this batch (a deduction would open a dispute by itself)")
    for m in lg.get("creditMemos", []):
        if m["invoiceNumber"] not in nums: fail(f"{name} credit memo {m['number']}: unknown invoice")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} past dispute {d['id']}: invoice not in the ledger")

# the one credit note: an allowance on the paid #000415, payment = total - credit
if D(invoice(ledgers[HI], "#000415")["total"]) != paid(ledgers[HI], "#000415") + credited(ledgers[HI], "#000415"):
    fail("#000415: payment + CM-0007 do not settle it exactly")

# ---- numbering. Tikishla: work-order invoices are numbered by the aircraft's registration and a running number per
# aircraft (N4271K-13, C-GTRA-03), parts-counter invoices PC-NNNNN. Paʻalaʻa: one Square-style sequence #NNNNNN.
# Señalización: the job site's ZIP code and a running number per ZIP (00680-412), because the municipal license tax
# is declared per municipality. Each series in issue-date order.
def series_ok(lgn, pattern, key=lambda m: m.group(1)):
    groups = {}
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{lgn}: {i['number']} does not follow {pattern}"); continue
        groups.setdefault(key(m), []).append((int(m.group(2)), i["issueDate"], i))
    for k, v in groups.items():
        v.sort(key=lambda x: x[:2])
        if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"{lgn} series {k}: sequence out of date order")
    return groups
ak_g = series_ok(AK, r"(N\d{1,5}[A-Z]{0,2}|C-[A-Z]{4}|PC)-(\d{2}|\d{5})")
for k, v in ak_g.items():
    for _, _, i in v:
        if k == "PC":
            if not re.fullmatch(r"PC-\d{5}", i["number"]) or "servicePeriodStart" in i: fail(f"{i['number']}: parts-counter format / period")
        else:
            if not re.fullmatch(r"(N\d{1,5}[A-Z]{0,2}|C-[A-Z]{4})-\d{2}", i["number"]) or "servicePeriodStart" not in i: fail(f"{i['number']}: work-order format / period")
            if not any(k in l.get("description", "") for l in i["lines"]): fail(f"{i['number']}: registration {k} not on its lines")
    if k != "PC" and len({x[2]["customerId"] for x in v}) != 1: fail(f"{AK} aircraft {k}: invoices of several customers")
series_ok(HI, r"(#)(\d{6})")
ZIP = {"00660": {"MHO"}, "00680": {"LPO", "HSR"}, "00667": {"SDV"}, "00637": {"SDV"}, "00677": {"CKP"}, "00610": {"GPA"}}
for k, v in series_ok(PR, r"(006\d\d)-(\d{3})").items():
    if any(x[2]["customerId"] not in ZIP.get(k, set()) for x in v): fail(f"{PR} ZIP {k}: a customer of another town")
def ident(num):
    """What people type for an invoice: the registration without N / C- and the number (4271K-13, GTRA-03), the
    parts-counter number, the Square number without zeros (436), the running number of the ZIP series (412)."""
    if num.startswith("PC-"): return num[3:]
    if num.startswith("#"): return num[1:].lstrip("0")
    if re.fullmatch(r"006\d\d-\d{3}", num): return num.split("-")[1].lstrip("0")
    return re.sub(r"^(N|C-)", "", num)

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
    a = max(gross(l, cur) - gross(l, cur, price=p), D("0"))
    dn = r((D(l["unitPrice"]) - D(p)) * D(str(l["quantity"])), cur)
    b = max(dn + tax(l, dn, cur), D("0"))
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
def has_log(lgn, num, sku): return any(s.get("invoiceNumber") == num and s["sku"] == sku for s in ledgers[lgn].get("serviceLogs", []))
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, n): return D(str(line(I(lgn, num), n)["quantity"]))
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - D(str(counted)), D("0")))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def dates_credit(lgn, num, n, dates):
    miss = unserved_dates(lgn, num, line(I(lgn, num), n)["sku"], dates)
    return None if miss is None else units_credit(lgn, num, n, len(miss))
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_tax(lgn, num, n): i = I(lgn, num); l = line(i, n); return tax(l, net(l, i["currency"]), i["currency"])
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
    """Days of the billed period outside the invoice's contract, pro rata on each line's gross, half-up;
    checked against pro-rating the net and taxing it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    a = sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
    b = sum((r(net(l, cur) * (tot - inside) / tot, cur) + tax(l, r(net(l, cur) * (tot - inside) / tot, cur), cur) for l in i["lines"]), D("0"))
    if a != b: fail(f"{num}: pro rata outside the contract {a} vs {b} depending on rounding")
    return a
def wrong_terms(lgn, num):
    """Currency or payment terms of the invoice differ from its contract's."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    return c["currency"] != i["currency"] or days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]

def unapplied(lgn, num, when=None):
    """Payments of the customer that are this invoice's but not applied to it: unapplied ones in the invoice currency
    (on the date quoted, when one is), and ones applied to another invoice whose reference names this one;
    up to the open balance."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and p["currency"] == i["currency"] and (when is None or p["date"] == when)
          and ((not p.get("invoiceNumber")) or (p["invoiceNumber"] != num and num in p.get("reference", "")))]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def any_payment_of(lgn, num):
    i = I(lgn, num); return [p for p in ledgers[lgn]["payments"] if p["customerId"] == i["customerId"]]

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"])
def any_line_duplicate(lgn, num, other):
    """DOMAIN also allows a duplicated line: any line of one matching a line of the other (same SKU, quantity, price)."""
    a, b = I(lgn, num), I(lgn, other)
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    return any((x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"]) for x in a["lines"] for y in b["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled" or po["customerId"] != i["customerId"]

def fee_supported(lgn, num, t):
    """A fee is owed when the customer's PO lists it (same description, that amount) or the contract's notes name it.
    None: no PO and no contract, nothing to judge it by."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    cust_pos = [po for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled"]
    if not c and not cust_pos: return None
    desc = f.get("description", "").lower()
    on_po = any(l.get("description", "").lower() == desc and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in cust_pos for l in po["lines"])
    notes = (c or {}).get("notes", "").lower()
    in_notes = bool(desc and desc in notes)
    named_loosely = any(w in notes for w in re.findall(r"[a-záéíóúñ]{5,}", desc))
    if not (on_po or in_notes) and named_loosely: fail(f"{num}: the contract's notes come close to naming the fee '{desc}'")
    return on_po or in_notes

def usual_rate_excess(lgn, num, n):
    """Tax above the rate the customer's other invoices use for the same SKU (none: the line's rate stands)."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n); cur = i["currency"]
    rates = {x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]}
    if not rates: return D("0")
    if len(rates) > 1: fail(f"{num}: the customer's other invoices use several rates for {l['sku']}")
    usual = D(next(iter(rates)) or "0")
    n_ = net(l, cur)
    return max(tax(l, n_, cur) - r(n_ * usual, cur), D("0"))

Z = D("0")
# case id -> (supported recipe or None for needs_info, disputed recipe)
R = {
 # Alaska (USD; CAD at 0.7260 / 0.7185 / 0.7140 from 2026-06-01 / 09-01 / 10-15)
 "b103-ak-kenai-fleet-labor-rate": (lambda: price_diff(AK, "N4271K-13", 2), lambda: price_diff(AK, "N4271K-13", 2)),
 "b103-ak-kenai-fuel-surcharge": (lambda: Z if fee_supported(AK, "PC-30571", "other") else fee(AK, "PC-30571", "other"), lambda: fee(AK, "PC-30571", "other")),
 "b103-ak-kenai-annual-took-nine-days": (lambda: short(AK, "N5520K-11", 2, logged(AK, "N5520K-11", "LABOR-AP")), lambda: line_gross(AK, "N5520K-11", 2)),
 "b103-ak-akiuk-oil-short-po": (lambda: short(AK, "PC-30541", 1, delivered(AK, "PC-30541", "OIL-W100")), lambda: short(AK, "PC-30541", 1, 9)),
 "b103-ak-akiuk-dg-fee": (lambda: Z if fee_supported(AK, "PC-30552", "freight") else fee(AK, "PC-30552", "freight"), lambda: fee(AK, "PC-30552", "freight")),
 "b103-ak-akiuk-no-po-maria": (lambda: Z if po_defect(AK, "N208AK-04") else None, lambda: inv_total(AK, "N208AK-04")),
 "b103-ak-swenson-finance-charge": (lambda: fee_not_owed(AK, "N1187S-09", T_AK), lambda: fee(AK, "N1187S-09", "late_fee")),
 "b103-ak-swenson-tundra-tires": (lambda: units_credit(AK, "PC-30563", 1, delivered(AK, "PC-30563", "TIRE-2900", "damagedQuantity")), lambda: units_credit(AK, "PC-30563", 1, 2)),
 "b103-ak-swenson-ski-brackets": (None, lambda: units_credit(AK, "PC-30578", 2, 1)),
 "b103-ak-nushagak-october-tiedowns": (lambda: outside_contract(AK, "N67TK-06"), lambda: inv_total(AK, "N67TK-06")),
 "b103-ak-nushagak-aog-never-came": (lambda: short(AK, "N67TK-05", 1, logged(AK, "N67TK-05", "AOG-TRIP")), lambda: line_gross(AK, "N67TK-05", 1)),
 "b103-ak-cookinlet-two-annuals": (lambda: inv_total(AK, "N4418U-08") if (same_basis_duplicate(AK, "N4418U-08", "N9157G-22") or any_line_duplicate(AK, "N4418U-08", "N9157G-22")) else Z, lambda: inv_total(AK, "N4418U-08")),
 "b103-ak-cookinlet-preheat-days": (lambda: dates_credit(AK, "N9157G-23", 1, ["2026-10-06", "2026-10-07"]), lambda: units_credit(AK, "N9157G-23", 1, 2)),
 "b103-ak-takhini-wire": (lambda: unapplied(AK, "C-GTRA-02", "2026-10-13"), lambda: open_bal(AK, "C-GTRA-02")),
 "b103-ak-takhini-labour-rate": (lambda: price_diff(AK, "C-GTRA-03", 2), lambda: price_diff(AK, "C-GTRA-03", 2, "172.00")),
 # Hawaiʻi (USD; JPY at 0.00664 / 0.00658 / 0.00671 from 2026-07-01 / 10-01 / 11-15)
 "b103-hi-makai-softtop-price": (lambda: price_diff(HI, "#000436", 1), lambda: price_diff(HI, "#000436", 1)),
 "b103-hi-makai-dings-goodwill": (lambda: short(HI, "#000441", 1, logged(HI, "#000441", "DING-STD")), lambda: line_gross(HI, "#000441", 1)),
 "b103-hi-makai-ach-paid": (lambda: unapplied(HI, "#000426", "2026-11-09"), lambda: open_bal(HI, "#000426")),
 "b103-hi-ocean-safety-rescue-boards": (lambda: short(HI, "#000429", 1, delivered(HI, "#000429", "SB-RESCUE")), lambda: short(HI, "#000429", 1, 8)),
 "b103-hi-ocean-safety-no-po": (lambda: Z if po_defect(HI, "#000438") else None, lambda: inv_total(HI, "#000438")),
 "b103-hi-sunset-finance-charge": (lambda: fee_not_owed(HI, "#000421", T_HI), lambda: fee(HI, "#000421", "late_fee")),
 "b103-hi-sunset-three-visits": (lambda: short(HI, "#000434", 1, logged(HI, "#000434", "FLEET-VISIT")), lambda: short(HI, "#000434", 1, 3)),
 "b103-hi-sunset-get-on-service": (lambda: usual_rate_excess(HI, "#000434", 1) if not tax_exempt(HI, "#000434") else line_tax(HI, "#000434", 1), lambda: line_tax(HI, "#000434", 1)),
 "b103-hi-sunset-nobody-16th": (None, lambda: units_credit(HI, "#000447", 1, 1)),
 "b103-hi-shonan-dinged-rails": (lambda: units_credit(HI, "#000417", 1, delivered(HI, "#000417", "SB-SHORT", "damagedQuantity")), lambda: units_credit(HI, "#000417", 1, 3)),
 "b103-hi-shonan-old-quote": (lambda: price_diff(HI, "#000430", 1), lambda: price_diff(HI, "#000430", 1, "166500")),
 "b103-hi-kailua-wax-get": (lambda: usual_rate_excess(HI, "#000435", 2), lambda: r(net(line(I(HI, "#000435"), 2), "USD") * (D("0.04712") - D("0.005")), "USD")),
 "b103-hi-kailua-not-a-dupe": (lambda: inv_total(HI, "#000435") if same_basis_duplicate(HI, "#000435", "#000423") else (None if any_line_duplicate(HI, "#000435", "#000423") else Z), lambda: inv_total(HI, "#000435")),
 "b103-hi-keiki-camp-terms": (lambda: Z if wrong_terms(HI, "#000413") and outside_contract(HI, "#000413") == 0 else None, lambda: inv_total(HI, "#000413")),
 "b103-hi-film-beach-delivery": (None, lambda: fee(HI, "#000442", "service_fee")),
 # Puerto Rico (USD only)
 "b103-pr-hormigueros-cubetas-rotas": (lambda: units_credit(PR, "00660-104", 1, delivered(PR, "00660-104", "PAINT-5G", "damagedQuantity")), lambda: units_credit(PR, "00660-104", 1, 5)),
 "b103-pr-hormigueros-oc-en-factura": (lambda: Z if not po_defect(PR, "00660-106") else None, lambda: inv_total(PR, "00660-106")),
 "b103-pr-hormigueros-ivu-exento": (lambda: inv_tax(PR, "00660-107") if tax_exempt(PR, "00660-107") else None, lambda: inv_tax(PR, "00660-107")),
 "b103-pr-laspalmas-precio-stall": (lambda: price_diff(PR, "00680-412", 1), lambda: price_diff(PR, "00680-412", 1, "13.75")),
 "b103-pr-laspalmas-barredor-noches": (lambda: dates_credit(PR, "00680-418", 1, ["2026-09-16", "2026-09-18"]), lambda: units_credit(PR, "00680-418", 1, 2)),
 "b103-pr-delvalle-wheelstops-rajados": (lambda: units_credit(PR, "00667-055", 1, delivered(PR, "00667-055", "WS-6FT", "damagedQuantity")), lambda: units_credit(PR, "00667-055", 1, 4)),
 "b103-pr-delvalle-mora": (lambda: fee_not_owed(PR, "00667-052", T_PR), lambda: fee(PR, "00667-052", "late_fee")),
 "b103-pr-delvalle-sealcoat-atras": (lambda: short(PR, "00637-019", 2, logged(PR, "00637-019", "SEAL-SF")), lambda: units_credit(PR, "00637-019", 2, 3000)),
 "b103-pr-coastalkey-contrato-vencido": (lambda: outside_contract(PR, "00677-034"), lambda: inv_total(PR, "00677-034")),
 "b103-pr-coastalkey-cheque-correo": (None, lambda: open_bal(PR, "00677-031")),
 "b103-pr-hospital-movilizacion": (lambda: Z if fee_supported(PR, "00680-421", "service_fee") else fee(PR, "00680-421", "service_fee"), lambda: fee(PR, "00680-421", "service_fee")),
 "b103-pr-hospital-simbolos": (None, lambda: short(PR, "00680-423", 1, 12)),
 "b103-pr-gomera-ocho-stops": (lambda: short(PR, "00610-027", 1, delivered(PR, "00610-027", "WS-6FT")), lambda: short(PR, "00610-027", 1, 8)),
 "b103-pr-hormigueros-doble-pr114": (lambda: inv_total(PR, "00660-110") if same_basis_duplicate(PR, "00660-110", "00660-109") else Z, lambda: inv_total(PR, "00660-110")),
}
NEEDS_INFO = {
 "b103-ak-swenson-ski-brackets": lambda: not has_delivery(AK, "PC-30578", "SKI-BRKT") and has_delivery(AK, "PC-30578", "PLUG-REM"),
 "b103-hi-sunset-nobody-16th": lambda: unserved_dates(HI, "#000447", "FLEET-VISIT", ["2026-11-16"]) is None,
 "b103-hi-film-beach-delivery": lambda: fee_supported(HI, "#000442", "service_fee") is None,
 "b103-pr-coastalkey-cheque-correo": lambda: not any_payment_of(PR, "00677-031"),
 "b103-pr-hospital-simbolos": lambda: not has_log(PR, "00680-423", "ADA-SYM") and has_log(PR, "00680-423", "STALL"),
}
# Claims the evidence refutes for a reason the recipe cannot show by itself
NO_DEFECT = {
 "b103-pr-hormigueros-oc-en-factura": lambda: not po_defect(PR, "00660-106"),
 "b103-hi-kailua-not-a-dupe": lambda: not same_basis_duplicate(HI, "#000435", "#000423"),
 "b103-ak-cookinlet-two-annuals": lambda: not any_line_duplicate(AK, "N4418U-08", "N9157G-22"),
}
# Cases without a resolution: what makes them so
NO_RES = {
 "b103-ak-cookinlet-paid-receipt": ("no_claim", AK, "N9157G-21", "CIAS"),
 "b103-ak-swenson-not-his-invoice": ("other_customer", AK, "N9157G-22", "SWG"),
 "b103-hi-ocean-safety-w9": ("no_claim", HI, "#000415", "CCH"),
 "b103-pr-delvalle-factura-inexistente": ("unknown", PR, "00637-024", "SDV"),
}
WITHDRAWN = {"b103-hi-sunset-withdrawn": (HI, "#000412"), "b103-pr-laspalmas-wheelstops-retirado": (PR, "00680-425")}
GOODWILL = {"b103-hi-makai-dings-goodwill": D("100.00")}
CUSTOMER_WORDS = {  # the customer as the turns name it, for the no-resolution cases
 "b103-ak-cookinlet-paid-receipt": "Cook Inlet", "b103-ak-swenson-not-his-invoice": "Swenson",
 "b103-hi-ocean-safety-w9": "Ocean Safety", "b103-pr-delvalle-factura-inexistente": "Del Valle"}

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def fmt(x, cur): return f"{x:.{dig(cur)}f}"

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
KEYS = {AK: "ak", HI: "hi", PR: "pr"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b103-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not cid.startswith(f"b103-{KEYS[lgn]}-"): fail(f"{cid}: ledger key in the id")
    if c["today"] != {AK: T_AK, HI: T_HI, PR: T_PR}[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.,]+", m):
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")) and D(m) != GOODWILL.get(cid): fail(f"{cid}: email amount {m} is no figure of the case")
        elif m not in " ".join(c["turns"]) and m != e.get("invoiceNumber") and m != (I(lgn, e["invoiceNumber"]).get("poNumber") if e.get("invoiceNumber") in nums else None):
            fail(f"{cid}: email mention {m} is neither said nor the invoice's own number or PO")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or ident(e["invoiceNumber"]) not in first):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if cid in NO_RES:
        kind, wl, num, said = NO_RES[cid]
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if num not in first: fail(f"{cid}: first turn does not name {num}")
        if CUSTOMER_WORDS[cid] not in first: fail(f"{cid}: first turn does not name the customer")
        if kind == "unknown" and num in nums: fail(f"{cid}: {num} exists")
        if kind == "unknown" and any(n in " ".join(c["turns"]) for n in nums): fail(f"{cid}: an existing invoice number is named too")
        if kind == "other_customer":
            if num not in nums or I(wl, num)["customerId"] == said: fail(f"{cid}: {num} is not another customer's invoice")
            if e.get("asks") != ["invoice"]: fail(f"{cid}: should ask which invoice")
        if kind == "no_claim" and (num not in nums or I(wl, num)["customerId"] != said or I(wl, num)["status"] != "paid"): fail(f"{cid}: {num} should be the customer's own, paid invoice")
        continue
    if e.get("noResolution"): fail(f"{cid}: noResolution without a reason recorded in NO_RES")
    if cid in WITHDRAWN:
        wl, num = WITHDRAWN[cid]
        if set(e) != {"mustNotHappen"} or len(c["turns"]) != 2 or num not in first or num not in nums: fail(f"{cid}: withdrawn case shape")
        continue
    if "invoiceNumber" not in e: fail(f"{cid}: no invoice expected"); continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    if not all(k in e for k in ("reasonCode", "classification", "disputedAmount", "action", "escalation", "stakeholders")): fail(f"{cid}: a key is missing")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and (e[k] != fmt(D(e[k]), cur)): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    if not any(ident(num) in t for t in c["turns"]) and not (inv_.get("poNumber") and any(inv_["poNumber"] in t for t in c["turns"])) and cid not in ("b103-ak-cookinlet-preheat-days",):
        fail(f"{cid}: the turns name neither the invoice nor its PO")
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
        if supported > open_bal(lgn, num): fail(f"{cid}: supported {supported} above the open balance {open_bal(lgn, num)}")
        defect = e["reasonCode"] in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if act != "goodwill_credit" and wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if act == "goodwill_credit":
                g = GOODWILL.get(cid)
                if wo or cl != "invalid" or g is None or to_company(lgn, num, g) > D(lg["policy"]["approvalLimits"]["specialist"]) or f"${g:.0f}" not in c["turns"][-1]:
                    fail(f"{cid}: goodwill only on an invalid claim not written off, asked by the specialist within the limit")
            if act not in ("write_off", "goodwill_credit") and act != "no_adjustment" and cl == "invalid": fail(f"{cid}: invalid with {act}")
            if cl == "partial" and act not in ("credit_memo", "write_off"): fail(f"{cid}: partial with {act}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error" and supported == inv_tax(lgn, num) and all(l.get("taxRate") for l in inv_["lines"]): want = "cancel_and_rebill"
            if e["reasonCode"] == "contract_terms" and supported == 0: want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
        if e["reasonCode"] == "already_paid" and cl == "valid" and unapplied(lgn, num) != supported: fail(f"{cid}: no unapplied payment to apply")
    # escalation: amount after FX, days past due on an open balance, strategic, repeat disputes, controller approval
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    overdue_days = max(0, days(inv_["dueDate"], c["today"]))
    pastdue = overdue_days if open_bal(lgn, num) > 0 else 0
    moved = supported if act == "credit_memo" else (GOODWILL.get(cid) if act == "goodwill_credit" else None)
    controller = moved is not None and to_company(lgn, num, moved) > D(pol["approvalLimits"]["lead"])
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or controller)
    if e["reasonCode"] == "contract_terms" and conv >= D(pol["legalEscalationAmount"]): esc = True
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    # no case may hinge on aging it does not mean to test: the due date is within the threshold unless past due escalates it
    if overdue_days > pol["escalationDaysPastDue"] and not (pastdue > pol["escalationDaysPastDue"] and e["escalation"]):
        fail(f"{cid}: {overdue_days} days after the due date on a paid invoice: ambiguous aging")

# ---- stakeholders, neverAsks, tallies quoted in the README
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and (not e.get("stakeholders") or e["stakeholders"][0] != TEAM[e["reasonCode"]]):
        fail(f"{c['id']}: first stakeholder is not the routing table's {TEAM[e['reasonCode']]}")
    for t in c["turns"]:
        for phrase in ("not owed", "supportedAmount", "disputed amount", "evidence supports", "billed quantity"):
            if phrase.lower() in t.lower(): fail(f"{c['id']}: a turn uses DOMAIN/EVALS wording '{phrase}'")
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
