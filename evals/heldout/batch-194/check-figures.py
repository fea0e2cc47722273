#!/usr/bin/env python3
"""Batch-194 author's cross-check (adapted from batch 193's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, due dates, references, unique ids and numbering, the customer kinds each
ledger must hold, and the classification / action / write-off / escalation rules of DOMAIN.md, with
policy amounts in the company currency (FX at the latest rate on or before the invoice date, half-up
once). Cases without a resolution are checked for what makes them so (the invoice is absent, belongs
to another customer, nothing is claimed, or no invoice is named). Prints the tallies and the
mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-194/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # EUR, USD, GBP, TRY: 2
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

SW, WK, CH = "stroopwafelbakkerij-tiendeweg-gouda-eur.ledger.json", "witloofkwekerij-berg-kampenhout-eur.ledger.json", "cacaoveem-de-hemmes-zaandam-eur.ledger.json"
T_SW, T_WK, T_CH = "2026-06-16", "2026-05-27", "2026-07-08"
TODAY = {SW: T_SW, WK: T_WK, CH: T_CH}
if set(ledgers) != {SW, WK, CH}: fail(f"ledgers found: {sorted(ledgers)}")
def g(n): return "26.GW.%04d" % n
def v(n): return "%04d/26/VK" % n
# invoices billed (on purpose) for days after their contract ended: the contract-terms cases
OUTSIDE_ON_PURPOSE = {g(418), v(324), "PT4462/05"}
# billed SKUs the contract does not price, on purpose: the pallet-box rent nobody agreed
UNPRICED_ON_PURPOSE = {(v(388), "KIST-HUUR")}

# ---- every id unique within its kind (the product's import refuses a repeated id)
KINDS = {"customers": "id", "contracts": "id", "purchaseOrders": "number", "invoices": "number", "deliveries": "id",
         "serviceLogs": "id", "payments": "id", "creditMemos": "number", "pastDisputes": "id"}
for name, lg in ledgers.items():
    for kind, key in KINDS.items():
        ids = [x[key] for x in lg.get(kind, [])]
        for k, n in Counter(ids).items():
            if n > 1: fail(f"{name}: {kind} id {k} repeated {n} times")
# ---- ledgers: totals, statuses (payments and credit notes), references, terms, minor digits
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 20: fail(f"{name}: {len(nums)} invoices")
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
        if not c: fail(f"{name} {i['number']}: no contract")
        else:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            if i["number"] not in OUTSIDE_ON_PURPOSE and not (c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")):
                fail(f"{name} {i['number']}: billed period outside its contract")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if cp is None and (i["number"], l["sku"]) not in UNPRICED_ON_PURPOSE: fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
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
            # a delivery may name the PO the invoice should carry (missing on the invoice, or replacing a cancelled one)
            if d.get("poNumber") and inv.get("poNumber") and d["poNumber"] != inv["poNumber"] and pos.get(inv["poNumber"], {}).get("status") != "cancelled":
                fail(f"{name} delivery {d['id']}: PO differs from its invoice")
            if d.get("poNumber") and (d["poNumber"] not in pos or pos[d["poNumber"]]["customerId"] != inv["customerId"]):
                fail(f"{name} delivery {d['id']}: PO unknown or of another customer")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber") and "servicePeriodStart" in invoice(lg, s["invoiceNumber"]):
            inv = invoice(lg, s["invoiceNumber"])
            if not (inv.get("servicePeriodStart", "") <= s["periodStart"] and s["periodEnd"] <= inv.get("servicePeriodEnd", "")):
                fail(f"{name} log {s['id']}: outside its invoice's service period")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
    for m in lg.get("creditMemos", []):
        if m["invoiceNumber"] not in nums: fail(f"{name} credit memo {m['number']}: unknown invoice")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

    if lg.get("creditMemos"): fail(f"{name}: this batch has no credit memos")
    for p in lg.get("payments", []):   # a remittance line adds up to the payment
        if p.get("remittance") and sum((D(x["paid"]) for x in p["remittance"]), D("0")) != D(p["amount"]): fail(f"{name} payment {p['id']}: remittance does not add up")

# ---- numbering: Gouda 26.GW.NNNN (year, company initials, one four-digit sequence); Kampenhout NNNN/26/VK (sequence,
# year, sales journal VK); Zaandam PT<lot>/<nn> (the stored lot - partij - and the n-th invoice on that lot). Each
# sequence in issue-date order; at Zaandam every lot belongs to one customer.
def series_ok(lgn, pattern, key, num, one_owner=False):
    groups, owner = {}, {}
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{lgn}: {i['number']} does not follow {pattern}"); continue
        groups.setdefault(m.group(key), []).append((int(m.group(num)), i["issueDate"]))
        if one_owner and owner.setdefault(m.group(key), i["customerId"]) != i["customerId"]: fail(f"{lgn}: series {m.group(key)} billed to two customers")
    for k, vals in groups.items():
        vals.sort()
        if any(a[1] > b[1] for a, b in zip(vals, vals[1:])): fail(f"{lgn} series {k}: sequence out of date order")
        if len({a[0] for a in vals}) != len(vals): fail(f"{lgn} series {k}: number repeated")
    return groups
if len(series_ok(SW, r"(26)\.GW\.(\d{4})", 1, 2)) != 1: fail("Gouda: one sequence expected")
if len(series_ok(WK, r"(\d{4})/(26)/VK", 2, 1)) != 1: fail("Kampenhout: one sequence expected")
if len(series_ok(CH, r"PT(\d{4})/(\d{2})", 1, 2, one_owner=True)) < 8: fail("Zaandam: lots expected")
def inv_digits(num):
    """What people write for an invoice: Gouda and Kampenhout the four-digit sequence, Zaandam the lot."""
    m = re.fullmatch(r"26\.GW\.(\d{4})|(\d{4})/26/VK|PT(\d{4})/\d{2}", num)
    return next(x for x in m.groups() if x)

# ---- each ledger holds the customer kinds the brief asks for, and policy figures that differ from DOMAIN.md's defaults
for name, lg in ledgers.items():
    cs, cts, pol = lg["customers"], lg["contracts"], lg["policy"]
    home_cur = lg["company"]["currency"]
    kinds = {
        "strategic": any(c.get("strategic") for c in cs),
        "PO required": any(c.get("poRequired") for c in cts),
        "tax-exempt": any(c.get("taxExempt") for c in cs),
        "foreign currency with rates": any(c["currency"] != home_cur and any(x["currency"] == c["currency"] for x in lg.get("fxRates", [])) for c in cts),
        "late-fee clause": any(c.get("lateFee") for c in cts),
        "contract ended": any(c.get("endDate", "9999") < TODAY[name] for c in cts),
    }
    for k, ok in kinds.items():
        if not ok: fail(f"{name}: no customer of the kind '{k}'")
    for k, default in (("escalationAmount", "10000.00"), ("legalEscalationAmount", "10000.00"), ("writeOffBelow", "50.00")):
        if D(pol[k]) == D(default): fail(f"{name}: policy {k} is the default")
    if D(pol["approvalLimits"]["specialist"]) == D("1000.00") or D(pol["approvalLimits"]["lead"]) == D("10000.00"): fail(f"{name}: default approval limits")
    if not pol.get("holidays"): fail(f"{name}: no company holidays")

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
    """Days of the billed period outside the invoice's contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
def wrong_terms(lgn, num):
    """Currency or payment terms of the invoice differ from its contract's."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    return c["currency"] != i["currency"] or days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]

def unapplied(lgn, num, when=None):
    """The customer's unapplied payments in the invoice currency (on the date quoted, when one is), up to the open balance."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and (when is None or p["date"] == when)]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))

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
    return po is None or po.get("status") == "cancelled" or po["customerId"] != i["customerId"]

def fee_supported(lgn, num, t):
    """A fee is owed when the customer's PO lists it (same description, that amount) or the contract's notes name it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    desc = f.get("description", "").lower()
    on_po = any(l.get("description", "").lower() == desc and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    in_notes = bool(c and desc and desc in c.get("notes", "").lower())
    return on_po or in_notes

def usual_rate_excess(lgn, num, n):
    """Tax above the rate the customer's other invoices use for the same SKU (none: the line's rate stands)."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n); cur = i["currency"]
    rates = {x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]}
    if not rates: return D("0")
    usual = max(D(x or "0") for x in rates)
    n_ = net(l, cur)
    return max(tax(l, n_, cur) - r(n_ * usual, cur), D("0"))

def outside_contract_net_first(lgn, num):
    """The same pro rata done on each line's net, then its tax: must agree with outside_contract to the cent."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    out_ = D("0")
    for l in i["lines"]:
        n = r(net(l, cur) * (tot - inside) / tot, cur); out_ += n + tax(l, n, cur)
    return out_
def outside_checked(lgn, num):
    a, b = outside_contract(lgn, num), outside_contract_net_first(lgn, num)
    if a != b: fail(f"{num}: pro rata {a} (gross) vs {b} (net first)")
    return a
def po_lists_line(lgn, num, n):
    """A line the customer's own (live) PO lists with the same SKU at that price: ordered, so owed."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    return any(pl["sku"] == l["sku"] and pl["unitPrice"] == l["unitPrice"] for po in lg.get("purchaseOrders", [])
               if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for pl in po["lines"])
def dated_units(lgn, num, n, sku, dates):
    un = unserved_dates(lgn, num, sku, dates)
    return None if un is None else units_credit(lgn, num, n, len(un))
def deducted(lgn, num):
    return sum((D(x.get("deducted", "0")) for p in ledgers[lgn].get("payments", []) for x in p.get("remittance", []) if x["invoiceNumber"] == num), D("0"))
def tax_stands(lgn, num, n):
    return not tax_exempt(lgn, num) and usual_rate_excess(lgn, num, n) == 0

Z = D("0")
def line_supported(lgn, num, n):
    """A line the customer does not recognise is owed when a PO line, the contract's price, a delivery or a log supports it."""
    i = I(lgn, num); l = line(i, n)
    return (po_lists_line(lgn, num, n) or contract_price(lgn, num, l["sku"]) is not None
            or has_delivery(lgn, num, l["sku"]) or has_log(lgn, num, l["sku"]))

def tax_at(lgn, num, n, rate):
    """The line's tax at another rate (the rate the customer asks for)."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; return r(net(l, cur) * D(rate), cur)
def line_tax(lgn, num, n):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]; return tax(l, net(l, cur), cur)

R = {
 # Gouda (EUR; AWG 0.5140 / 0.5095 / 0.5160 from 2026-01-01 / 04-01 / 06-01)
 "b194-sw-vgh-rollen-prijs": (lambda: price_diff(SW, g(409), 1), lambda: price_diff(SW, g(409), 1)),
 "b194-sw-vgh-week18-dubbel": (lambda: inv_total(SW, g(419)) if same_basis_duplicate(SW, g(419), g(417)) and has_delivery(SW, g(417), "STW-ROL10") and not has_delivery(SW, g(419), "STW-ROL10") else Z, lambda: inv_total(SW, g(419))),
 "b194-sw-vgh-mini-oude-prijslijst": (lambda: price_diff(SW, g(424), 1), lambda: price_diff(SW, g(424), 1, "26.40")),
 "b194-sw-rcg-portaal-geen-io": (lambda: Z if po_defect(SW, g(429)) else None, lambda: inv_total(SW, g(429))),
 "b194-sw-rcg-dozen-kort": (lambda: short(SW, g(414), 1, delivered(SW, g(414), "STW-ROL10")), lambda: short(SW, g(414), 1, 134)),
 "b194-sw-rcg-blikken-gedeukt": (None, lambda: units_credit(SW, g(438), 1, 45)),
 "b194-sw-kkw-btw-intracom": (lambda: inv_tax(SW, g(411)) if tax_exempt(SW, g(411)) else Z, lambda: inv_tax(SW, g(411))),
 "b194-sw-kkw-wikkels-gedrukt": (lambda: short(SW, g(427), 1, logged(SW, g(427), "PL-DRUK")), lambda: short(SW, g(427), 1, 24)),
 "b194-sw-par-al-betaald": (lambda: unapplied(SW, g(421), "2026-06-02"), lambda: open_bal(SW, g(421))),
 "b194-sw-par-container-dubbel": (lambda: inv_total(SW, g(436)) if same_basis_duplicate(SW, g(436), g(433)) and not has_delivery(SW, g(436), "STW-ROL10") else Z, lambda: inv_total(SW, g(436))),
 "b194-sw-par-containerbelading": (lambda: Z if po_lists_line(SW, g(447), 2) else line_gross(SW, g(447), 2), lambda: line_gross(SW, g(447), 2)),
 "b194-sw-spd-rente": (lambda: fee_not_owed(SW, g(402), T_SW), lambda: fee(SW, g(402), "late_fee")),
 "b194-sw-spd-logo-scheef": (lambda: short(SW, g(431), 2, logged(SW, g(431), "PL-DRUK")), lambda: line_gross(SW, g(431), 2)),
 "b194-sw-tvw-april-na-contract": (lambda: outside_checked(SW, g(418)), lambda: inv_total(SW, g(418))),
 # Kampenhout (EUR; GBP 1.1720 / 1.1655 / 1.1690 from 2026-01-01 / 03-01 / 05-01)
 "b194-wk-rgh-extra-prijs": (lambda: price_diff(WK, v(341), 1), lambda: price_diff(WK, v(341), 1)),
 "b194-wk-rgh-bruine-kern": (lambda: units_credit(WK, v(371), 1, delivered(WK, v(371), "WIT-KL1", "damagedQuantity")), lambda: units_credit(WK, v(371), 1, 320)),
 "b194-wk-vsk-peppol-bestelbon": (lambda: Z if po_defect(WK, v(376)) else None, lambda: inv_total(WK, v(376))),
 "b194-wk-vsk-weegbrug": (lambda: short(WK, v(362), 1, delivered(WK, v(362), "WIT-IND")), lambda: short(WK, v(362), 1, 11440)),
 "b194-wk-vsk-transport": (lambda: Z if po_lists_line(WK, v(355), 2) else line_gross(WK, v(355), 2), lambda: line_gross(WK, v(355), 2)),
 "b194-wk-mgr-btw-intracom": (lambda: inv_tax(WK, v(334)) if tax_exempt(WK, v(334)) else Z, lambda: inv_tax(WK, v(334))),
 "b194-wk-mgr-trekcel-bakweken": (lambda: short(WK, v(350), 1, logged(WK, v(350), "TREKCEL-BW")), lambda: short(WK, v(350), 1, 2800)),
 "b194-wk-wfp-bank-charges": (lambda: unapplied(WK, v(345)), lambda: open_bal(WK, v(345))),
 "b194-wk-wfp-price-gbp": (lambda: price_diff(WK, v(358), 1), lambda: price_diff(WK, v(358), 1, "1.90")),
 "b194-wk-gkw-intrest-respijt": (lambda: fee_not_owed(WK, v(322), T_WK), lambda: fee(WK, v(322), "late_fee")),
 "b194-wk-gkw-btw-sorteren": (lambda: usual_rate_excess(WK, v(320), 1), lambda: line_tax(WK, v(320), 1) - tax_at(WK, v(320), 1, "0.06")),
 "b194-wk-gkw-ompakploeg-dagen": (None, lambda: units_credit(WK, v(390), 1, 2)),
 "b194-wk-skt-na-contract": (lambda: outside_checked(WK, v(324)), lambda: outside_checked(WK, v(324))),
 "b194-wk-gkw-kistenhuur": (lambda: Z if line_supported(WK, v(388), 2) else line_gross(WK, v(388), 2), lambda: line_gross(WK, v(388), 2)),
 # Zaandam (EUR; USD 0.9260 / 0.9185 / 0.9120 from 2026-01-01 / 04-01 / 06-15)
 "b194-ch-cmw-opslag-tonweken": (lambda: short(CH, "PT4471/05", 1, logged(CH, "PT4471/05", "OPSL-TW")), lambda: short(CH, "PT4471/05", 1, 1000)),
 "b194-ch-cmw-monster-dubbel": (lambda: inv_total(CH, "PT4488/02") if same_basis_duplicate(CH, "PT4488/02", "PT4488/01") and has_log(CH, "PT4488/01", "MONSTER") and not has_log(CH, "PT4488/02", "MONSTER") else Z, lambda: inv_total(CH, "PT4488/02")),
 "b194-ch-cmw-ontvangst-tarief": (lambda: price_diff(CH, "PT4502/01", 1), lambda: price_diff(CH, "PT4502/01", 1, "245.00")),
 "b194-ch-cfr-io-geannuleerd": (lambda: Z if po_defect(CH, "PT4476/02") else None, lambda: inv_total(CH, "PT4476/02")),
 "b194-ch-cfr-ploegdagen": (lambda: dated_units(CH, "PT4476/03", 1, "PLOEG-DAG", ["2026-06-03", "2026-06-04"]), lambda: units_credit(CH, "PT4476/03", 1, 2)),
 "b194-ch-chw-bemonstering": (lambda: Z if line_supported(CH, "PT4493/01", 2) else line_gross(CH, "PT4493/01", 2), lambda: line_gross(CH, "PT4493/01", 2)),
 "b194-ch-pdv-betaald": (lambda: unapplied(CH, "PT4465/03", "2026-06-18"), lambda: open_bal(CH, "PT4465/03")),
 "b194-ch-pdv-jutezakken": (lambda: units_credit(CH, "PT4480/01", 1, delivered(CH, "PT4480/01", "ZAK-JUTE", "damagedQuantity")), lambda: units_credit(CH, "PT4480/01", 1, 150)),
 "b194-ch-cco-opslag-usd": (lambda: price_diff(CH, "PT4459/04", 1), lambda: price_diff(CH, "PT4459/04", 1)),
 "b194-ch-cco-fumigatie": (lambda: short(CH, "PT4459/02", 2, logged(CH, "PT4459/02", "FUMI-CNT")), lambda: line_gross(CH, "PT4459/02", 2)),
 "b194-ch-chw-rente": (lambda: fee_not_owed(CH, "PT4440/06", T_CH), lambda: fee(CH, "PT4440/06", "late_fee")),
 "b194-ch-chp-na-15-mei": (lambda: outside_checked(CH, "PT4462/05"), lambda: outside_checked(CH, "PT4462/05")),
 "b194-ch-cfr-herzakken": (None, lambda: units_credit(CH, "PT4476/04", 1, 400)),
}
NEEDS_INFO = {
 "b194-sw-rcg-blikken-gedeukt": lambda: not has_delivery(SW, g(438), "STW-BLIK"),
 "b194-wk-gkw-ompakploeg-dagen": lambda: unserved_dates(WK, v(390), "OMPAK-DAG", ["2026-05-12", "2026-05-13"]) is None,
 "b194-ch-cfr-herzakken": lambda: not has_log(CH, "PT4476/04", "HERZAK-ZAK"),
}
# Claims the evidence refutes for a reason the recipe cannot show by itself
NO_DEFECT = {
 "b194-sw-vgh-mini-oude-prijslijst": lambda: line(I(SW, g(424)), 1)["unitPrice"] == contract_price(SW, g(424), "STW-MINI"),
 "b194-sw-spd-logo-scheef": lambda: logged(SW, g(431), "PL-DRUK") >= billed_qty(SW, g(431), 2),
 "b194-sw-par-containerbelading": lambda: po_lists_line(SW, g(447), 2),
 "b194-wk-vsk-transport": lambda: po_lists_line(WK, v(355), 2),
 "b194-wk-wfp-bank-charges": lambda: unapplied(WK, v(345)) == 0 and paid(ledgers[WK], v(345)) == inv_total(WK, v(345)) - D("25.00"),
 "b194-wk-gkw-btw-sorteren": lambda: not tax_exempt(WK, v(320)) and line(I(WK, v(311)), 1)["sku"] == "SORT-100KG" and line(I(WK, v(311)), 1)["taxRate"] == "0.21",
 "b194-ch-cmw-ontvangst-tarief": lambda: line(I(CH, "PT4502/01"), 1)["unitPrice"] == contract_price(CH, "PT4502/01", "ONTV-CNT"),
 "b194-ch-chw-bemonstering": lambda: has_log(CH, "PT4493/01", "MONSTER") and contract_price(CH, "PT4493/01", "MONSTER") == "95.00",
 "b194-ch-cco-fumigatie": lambda: logged(CH, "PT4459/02", "FUMI-CNT") >= billed_qty(CH, "PT4459/02", 2),
 "b194-ch-chw-rente": lambda: late_fee_allowed(CH, "PT4440/06", T_CH) == fee(CH, "PT4440/06", "late_fee"),
}
# Cases without a resolution: what makes them so (kind, ledger, invoice named, customer named, words naming the customer)
NO_RES = {
 "b194-sw-kkw-kopie-factuur": ("no_claim", SW, g(405), "C-KKW", "Kaiserswerth"),
 "b194-sw-spd-andere-klant": ("other_customer", SW, g(414), "C-SPD", "Spaarnestad"),
 "b194-sw-tvw-onbekende-factuur": ("unknown", SW, g(471), "C-TVW", "Van Wijngaarden"),
 "b194-wk-rgh-geen-factuur": ("no_invoice", WK, None, "C-RGH", "Retailgroep Halen"),
 "b194-wk-mgr-onbekende-factuur": ("unknown", WK, v(397), "C-MGR", "Maasgroen"),
 "b194-ch-chw-andere-partij": ("other_customer", CH, "PT4488/01", "C-CHW", "Westzaan"),
 "b194-ch-chp-geen-factuur": ("no_invoice", CH, None, "C-CHP", "Het Purmer"),
 "b194-ch-cco-kopie": ("no_claim", CH, "PT4459/03", "C-CCO", "Commewijne"),
}
WITHDRAWN = {"b194-wk-skt-ingetrokken": (WK, v(313))}
GOODWILL = {}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

def seq_digits(num): return re.search(r"(\d+)$", num).group(1).lstrip("0")

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b194-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    first = c["turns"][0]
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d,]*\d\.\d{2}", m):   # an amount (no invoice number of this batch looks like one)
            if D(m) >= 1000: fail(f"{cid}: email amount {m} not below 1,000")
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")) and D(m) != GOODWILL.get(cid): fail(f"{cid}: email amount {m} is no figure of the case")
        elif m not in " ".join(c["turns"]) and m != e.get("invoiceNumber") and m != (I(lgn, e["invoiceNumber"]).get("poNumber") if e.get("invoiceNumber") in nums else None):
            fail(f"{cid}: email mention {m} is neither said nor the invoice's own number or PO")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or e["invoiceNumber"] not in first):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if cid in NO_RES:
        kind, wl, num, said, words = NO_RES[cid]
        if words not in " ".join(c["turns"]): fail(f"{cid}: the turns do not name the customer ({words})")
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if kind == "no_invoice":
            said_txt = " ".join(c["turns"])
            if any(n in said_txt or re.search(r"\b" + inv_digits(n) + r"\b", said_txt) for n in nums) or e.get("asks") != ["invoice"]: fail(f"{cid}: no-invoice case shape")
            if sum(1 for i in lg["invoices"] if i["customerId"] == said) < 3: fail(f"{cid}: the customer should have several invoices")
            continue
        if num not in first: fail(f"{cid}: first turn does not name {num}")
        if kind == "unknown" and num in nums: fail(f"{cid}: {num} exists")
        if kind == "unknown" and any(n in " ".join(c["turns"]) for n in nums): fail(f"{cid}: an existing invoice number is named too")
        if kind == "other_customer":
            if num not in nums or I(wl, num)["customerId"] == said: fail(f"{cid}: {num} is not another customer's invoice")
            if e.get("asks") != ["invoice"]: fail(f"{cid}: should ask which invoice")
        if kind == "no_claim" and (num not in nums or I(wl, num)["customerId"] != said): fail(f"{cid}: {num} should be the customer's own invoice")
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
                if wo or cl != "invalid" or g is None or to_company(lgn, num, g) > D(lg["policy"]["approvalLimits"]["specialist"]) or str(g) not in c["turns"][-1].replace(",", "."):
                    fail(f"{cid}: goodwill only on an invalid claim not written off, asked by the specialist within the limit")
            if act not in ("write_off", "goodwill_credit") and act != "no_adjustment" and cl == "invalid": fail(f"{cid}: invalid with {act}")
            if cl == "partial" and act not in ("credit_memo", "write_off"): fail(f"{cid}: partial with {act}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error" and supported == inv_tax(lgn, num) and all(l.get("taxRate") for l in inv_["lines"]): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
        if e["reasonCode"] == "already_paid" and cl == "valid" and unapplied(lgn, num) != supported: fail(f"{cid}: no unapplied payment to apply")
    # escalation: amount after FX, days past due on an open balance, strategic, repeat disputes, controller approval
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

# ---- stakeholders, neverAsks, tallies quoted in the README
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
