#!/usr/bin/env python3
"""Batch-105 author's cross-check (adapted from batch 102's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once). Cases without a resolution are checked for
what makes them so (the invoice is absent, belongs to another customer, or nothing is claimed).
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-105/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "VND": 0, "KRW": 0}  # THB, CNY, MYR, IDR, PHP, HKD: 2
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

TH, ID, PH = "suan-thong-chan-durian-thb.ledger.json", "sekar-jagad-batik-pekalongan-idr.ledger.json", "dalisay-coco-quezon-php.ledger.json"
T_TH, T_ID, T_PH = "2026-07-21", "2026-09-16", "2026-11-11"
TODAY = {TH: T_TH, ID: T_ID, PH: T_PH}
if set(ledgers) != {TH, ID, PH}: fail(f"ledgers found: {sorted(ledgers)}")

# Deliberate defects the cases rest on (everything else must follow the contracts)
WRONG_TERMS = {"010.000-26.00000486"}          # due in 7 days, contract says 30
OUTSIDE_CONTRACT = {"สจ.69/0227"}            # billed period runs past the contract's end
SERVICE_SKUS = {"PACK-SVC", "COLD-PLT", "WS-BATIK-SESI", "WS-BATIK-SIS", "COIR-INSTALL", "TRUCK-10W"}

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
    if sum(1 for c in lg["customers"] if c.get("strategic")) != 1: fail(f"{name}: one strategic customer expected")
    if not any(c.get("poRequired") for c in lg["contracts"]): fail(f"{name}: no customer with a PO requirement")
    if not any(i["currency"] != cur0 for i in lg["invoices"]): fail(f"{name}: no invoice in a foreign currency")
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
            if (days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]) != (i["number"] in WRONG_TERMS): fail(f"{name} {i['number']}: due date vs contract terms")
            inside = c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")
            if inside == (i["number"] in OUTSIDE_CONTRACT): fail(f"{name} {i['number']}: billed period vs its contract")
            if c.get("poRequired") and not i.get("poNumber") and i["number"] not in ("สจ.69/0178", "010.000-26.00000459"): fail(f"{name} {i['number']}: PO missing unintentionally")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if cp is None: fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
        # tax: exempt customers untaxed except the one defect; services and processed goods taxed for the others
        if cust.get("taxExempt") and any(l.get("taxRate") for l in i["lines"]) and i["number"] != "00000-18563": fail(f"{name} {i['number']}: exempt customer taxed")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur} on its date")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} unknown")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, cr, t = paid(lg, i["number"]), credited(lg, i["number"]), D(i["total"])
        want = "paid" if p + cr >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        svc = all(l["sku"] in SERVICE_SKUS for l in i["lines"])
        if svc != ("servicePeriodStart" in i): fail(f"{name} {i['number']}: service lines and service period disagree")
        if svc and not (i["servicePeriodEnd"] <= i["issueDate"]): fail(f"{name} {i['number']}: invoiced before the period ended")
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
            if d["deliveredDate"] < (pos[d["poNumber"]]["issueDate"] if d.get("poNumber") in pos else "0"): fail(f"{name} delivery {d['id']}: delivered before its PO")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber"):
            inv = invoice(lg, s["invoiceNumber"])
            if not (inv.get("servicePeriodStart", "") <= s["periodStart"] and s["periodEnd"] <= inv.get("servicePeriodEnd", "")):
                fail(f"{name} log {s['id']}: outside its invoice's service period")
            if inv["customerId"] != s["customerId"]: fail(f"{name} log {s['id']}: customer differs from its invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if "remittance" in p: fail(f"{name} payment {p['id']}: no remittance deductions in this batch")
    for m in lg.get("creditMemos", []):
        if m["invoiceNumber"] not in nums: fail(f"{name} credit memo {m['number']}: unknown invoice")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber") in nums: fail(f"{name} past dispute {d['id']}: on an invoice of this ledger (would read as a dispute already open)")

# the two credit notes: 5 damaged cap-printed pieces on 057 (SJ-0728-02), 30 cracked buko on 00000-18745 (DR-26-1014A)
i057 = invoice(ledgers[ID], "010.000-26.00000466")
if D(ledgers[ID]["creditMemos"][0]["amount"]) != gross(line(i057, 2), "IDR") - gross(line(i057, 2), "IDR", qty=55): fail("NK-011 is not 5 pieces with PPN")
if D(ledgers[PH]["creditMemos"][0]["amount"]) != D(30) * D("28.00"): fail("CM-00000-0412 is not 30 buko")

# ---- numbering: สจ.69/NNNN (Thai-script company abbreviation, Buddhist-era year 69 = 2569 = 2026, one yearly sequence);
# 010.000-26.NNNNNNNN (domestic invoices doubling as e-Faktur: transaction code 01, status 0, branch 000, year, 8-digit
# serial) and EKS-26-NNN (exports, no PPN); BBBBB-NNNNN (Philippine TIN branch code: 00000 Candelaria plant for coconut
# food products, 00003 Lucena depot for coir net, installation and trucking; a serial per branch). Each series in date order.
def check_series(lgn, pattern, key, seq, ok=lambda m, i: True):
    seen = {}
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pattern, i["number"])
        if not m: fail(f"{lgn}: {i['number']} does not follow {pattern}"); continue
        if not ok(m, i): fail(f"{lgn}: {i['number']} is in the wrong series")
        seen.setdefault(key(m), []).append((int(m.group(seq)), i["issueDate"]))
    for k, v in seen.items():
        v.sort()
        if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"{lgn} series {k}: sequence out of date order")
        if len({a[0] for a in v}) != len(v): fail(f"{lgn} series {k}: a number used twice")
check_series(TH, r"สจ\.69/(\d{4})", lambda m: "69", 1, lambda m, i: i["issueDate"][:4] == "2026")
check_series(ID, r"(010\.000-26\.|EKS-26-)(\d{3,8})", lambda m: m.group(1), 2,
             lambda m, i: (m.group(1) == "EKS-26-") == (i["currency"] != "IDR") and len(m.group(2)) == (3 if m.group(1) == "EKS-26-" else 8))
COCO_FOOD = {"VCO-1L", "VCO-SPA-4L", "COCO-SUGAR-KG", "COCO-SUGAR-500G", "DC-500G", "DC-FINE-KG", "BUKO", "BUKO-MEAT"}
check_series(PH, r"(0000[03])-(\d{5})", lambda m: m.group(1), 2,
             lambda m, i: (m.group(1) == "00000") == all(l["sku"] in COCO_FOOD for l in i["lines"]))

def forms(num):
    """How people write an invoice number: in full, or by a recognisable part of it."""
    f = [num]
    m = re.fullmatch(r"สจ\.(69/(\d{4}))", num)
    if m: f += [m.group(1), f"69/{int(m.group(2))}", m.group(2)]
    m = re.fullmatch(r"010\.000-26\.(\d{8})", num)
    if m: f += [m.group(1)] + [f"{w} {int(m.group(1))}" for w in ("faktur", "akhiran", "FP", "inv")]
    m = re.fullmatch(r"0000[03]-(\d{5})", num)
    if m: f += [m.group(1), f"SI {int(m.group(1))}", f"#{int(m.group(1))}", f"invoice {int(m.group(1))}", f"{int(m.group(1))}"]
    return f
def named(num, text): return any(x in text for x in forms(num))

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
def dates_credit(lgn, num, n, sku, dates):
    u = unserved_dates(lgn, num, sku, dates)
    return None if u is None else units_credit(lgn, num, n, len(u))
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
    """Days of the billed period outside the invoice's contract, pro rata on each line's gross, half-up
    (checked against pro-rating the net and adding its tax)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    a = sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
    b = D("0")
    for l in i["lines"]:
        n_ = r(net(l, cur) * (tot - inside) / tot, cur); b += n_ + tax(l, n_, cur)
    if a != b: fail(f"{num}: pro-rata {a} vs {b} depending on rounding")
    return a
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

def line_supported(lgn, num, n):
    """A line the customer does not recognise is owed when its contract prices the SKU (or a PO line / delivery / log has it)."""
    i = I(lgn, num); l = line(i, n)
    return contract_price(lgn, num, l["sku"]) is not None

def usual_rate_excess(lgn, num, n):
    """Tax above the rate the customer's other invoices use for the same SKU (none: the line's rate stands)."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n); cur = i["currency"]
    rates = {x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]}
    if not rates: return D("0")
    usual = max(D(x or "0") for x in rates)
    n_ = net(l, cur)
    return max(tax(l, n_, cur) - r(n_ * usual, cur), D("0"))

Z = D("0")
R = {
 # Chanthaburi (THB; CNY 4.5820 / 4.6135, MYR 7.7240 / 7.6815 from 2026-04-01 / 2026-06-01)
 "b105-chan-hongguo-rakha-koen-sanya": (lambda: price_diff(TH, "สจ.69/0157", 1), lambda: price_diff(TH, "สจ.69/0157", 1, "28.50")),
 "b105-chan-hongguo-kha-truat-by2": (lambda: Z if line_supported(TH, "สจ.69/0197", 2) else line_gross(TH, "สจ.69/0197", 2), lambda: line_gross(TH, "สจ.69/0197", 2)),
 "b105-chan-srikedah-durian-pecah": (lambda: units_credit(TH, "สจ.69/0150", 1, delivered(TH, "สจ.69/0150", "DUR-MT-AB", "damagedQuantity")), lambda: units_credit(TH, "สจ.69/0150", 1, 120)),
 "b105-chan-srikedah-harga-manggis": (lambda: price_diff(TH, "สจ.69/0183", 1), lambda: price_diff(TH, "สจ.69/0183", 1, "7.20")),
 "b105-chan-srikedah-dah-bayar": (lambda: unapplied(TH, "สจ.69/0187", "2026-07-06"), lambda: open_bal(TH, "สจ.69/0187")),
 "b105-chan-freshmart-mai-mi-po": (lambda: Z if po_defect(TH, "สจ.69/0178") else None, lambda: inv_total(TH, "สจ.69/0178")),
 "b105-chan-freshmart-nam-nak-khat": (lambda: short(TH, "สจ.69/0142", 1, delivered(TH, "สจ.69/0142", "DUR-MT-AB")), lambda: short(TH, "สจ.69/0142", 1, "1220.4")),
 "b105-chan-freshmart-vat-thurian": (lambda: usual_rate_excess(TH, "สจ.69/0203", 2), lambda: line_tax(TH, "สจ.69/0203", 2)),
 "b105-chan-freshmart-bin-son": (lambda: inv_total(TH, "สจ.69/0216") if same_basis_duplicate(TH, "สจ.69/0216", "สจ.69/0214") else Z, lambda: inv_total(TH, "สจ.69/0216")),
 "b105-chan-jenoi-kradum-phaeng": (lambda: price_diff(TH, "สจ.69/0118", 1), lambda: price_diff(TH, "สจ.69/0118", 1, "110.00")),
 "b105-chan-jenoi-kha-prap": (lambda: fee_not_owed(TH, "สจ.69/0166", T_TH), lambda: fee(TH, "สจ.69/0166", "late_fee")),
 "b105-chan-jenoi-lamyai-khat": (lambda: short(TH, "สจ.69/0208", 1, delivered(TH, "สจ.69/0208", "LONGAN-AA")), lambda: short(TH, "สจ.69/0208", 1, 310)),
 "b105-chan-hongguo-manggis-nak-khat": (None, lambda: short(TH, "สจ.69/0193", 1, 9430)),
 "b105-chan-wisahakit-klong-koen": (lambda: short(TH, "สจ.69/0174", 1, logged(TH, "สจ.69/0174", "PACK-SVC")), lambda: short(TH, "สจ.69/0174", 1, 420)),
 "b105-chan-wisahakit-fai-dap": (None, lambda: units_credit(TH, "สจ.69/0174", 2, 12)),
 "b105-chan-wisahakit-sanya-mot": (lambda: outside_contract(TH, "สจ.69/0227"), lambda: r(inv_total(TH, "สจ.69/0227") * 15 / 30, "THB")),
 # Pekalongan (IDR; MYR 3812.45 / 3790.10 from 2026-05-01 / 2026-08-01)
 "b105-pkl-kencana-harga-kemeja": (lambda: price_diff(ID, "010.000-26.00000436", 1), lambda: price_diff(ID, "010.000-26.00000436", 1, "165000.00")),
 "b105-pkl-kencana-sesi-batal": (lambda: dates_credit(ID, "010.000-26.00000471", 1, "WS-BATIK-SESI", ["2026-07-18"]), lambda: units_credit(ID, "010.000-26.00000471", 1, 1)),
 "b105-pkl-kencana-tulis-cacat": (lambda: units_credit(ID, "010.000-26.00000497", 1, delivered(ID, "010.000-26.00000497", "BTK-TULIS-SUT", "damagedQuantity")), lambda: units_credit(ID, "010.000-26.00000497", 1, 3)),
 "b105-pkl-sentosa-tanpa-po": (lambda: Z if po_defect(ID, "010.000-26.00000459") else None, lambda: inv_total(ID, "010.000-26.00000459")),
 "b105-pkl-sentosa-kurang-dua-kodi": (lambda: short(ID, "010.000-26.00000450", 1, delivered(ID, "010.000-26.00000450", "SRG-BLS")), lambda: short(ID, "010.000-26.00000450", 1, 560)),
 "b105-pkl-sentosa-bukan-dobel": (lambda: inv_total(ID, "010.000-26.00000491") if same_basis_duplicate(ID, "010.000-26.00000491", "010.000-26.00000427") else Z, lambda: inv_total(ID, "010.000-26.00000491")),
 "b105-pkl-warisan-harga-kain": (lambda: price_diff(ID, "EKS-26-007", 1), lambda: price_diff(ID, "EKS-26-007", 1, "48.00")),
 "b105-pkl-warisan-baki-rm35": (lambda: unapplied(ID, "EKS-26-009"), lambda: open_bal(ID, "EKS-26-009")),
 "b105-pkl-warisan-kain-berkulat": (None, lambda: units_credit(ID, "EKS-26-011", 1, 30)),
 "b105-pkl-busri-denda": (lambda: fee_not_owed(ID, "010.000-26.00000412", T_ID), lambda: fee(ID, "010.000-26.00000412", "late_fee")),
 "b105-pkl-busri-meteran": (lambda: short(ID, "010.000-26.00000441", 1, delivered(ID, "010.000-26.00000441", "BTK-PRINT-M")), lambda: short(ID, "010.000-26.00000441", 1, 1170)),
 "b105-pkl-alfalah-ppn": (lambda: inv_tax(ID, "010.000-26.00000452") if tax_exempt(ID, "010.000-26.00000452") else usual_rate_excess(ID, "010.000-26.00000452", 1), lambda: inv_tax(ID, "010.000-26.00000452")),
 "b105-pkl-alfalah-jumlah-siswa": (lambda: short(ID, "010.000-26.00000480", 1, logged(ID, "010.000-26.00000480", "WS-BATIK-SIS")), lambda: short(ID, "010.000-26.00000480", 1, 212)),
 "b105-pkl-alfalah-jatuh-tempo": (lambda: Z if wrong_terms(ID, "010.000-26.00000486") and outside_contract(ID, "010.000-26.00000486") == 0 else None, lambda: inv_total(ID, "010.000-26.00000486")),
 # Quezon (PHP; HKD 7.4120 / 7.3655 from 2026-06-01 / 2026-09-01)
 "b105-qzn-tierrafirme-sqm": (lambda: short(PH, "00003-05601", 1, logged(PH, "00003-05601", "COIR-INSTALL")), lambda: short(PH, "00003-05601", 1, 1840)),
 "b105-qzn-tierrafirme-walang-truck": (lambda: dates_credit(PH, "00003-05606", 1, "TRUCK-10W", ["2026-10-01", "2026-10-02"]), lambda: units_credit(PH, "00003-05606", 1, 2)),
 "b105-qzn-tierrafirme-cancelled-po": (lambda: Z if po_defect(PH, "00003-05612") else None, lambda: inv_total(PH, "00003-05612")),
 "b105-qzn-tierrafirme-sunday-surcharge": (lambda: Z if fee_supported(PH, "00003-05634", "freight") else fee(PH, "00003-05634", "freight"), lambda: fee(PH, "00003-05634", "freight")),
 "b105-qzn-tierrafirme-hindi-pantay": (lambda: short(PH, "00003-05641", 1, logged(PH, "00003-05641", "COIR-INSTALL")), lambda: r(line_gross(PH, "00003-05641", 1) * D("0.20"), "PHP")),
 "b105-qzn-benjie-bulok-na-buko": (lambda: units_credit(PH, "00000-18701", 1, delivered(PH, "00000-18701", "BUKO", "damagedQuantity")), lambda: units_credit(PH, "00000-18701", 1, 60)),
 "b105-qzn-panaderia-may-amag": (lambda: units_credit(PH, "00000-18804", 1, delivered(PH, "00000-18804", "DC-FINE-KG", "damagedQuantity")) if has_delivery(PH, "00000-18804", "DC-FINE-KG") else None, lambda: units_credit(PH, "00000-18804", 1, 150)),
 "b105-qzn-kabayan-kulang-karton": (lambda: short(PH, "00000-18688", 1, delivered(PH, "00000-18688", "VCO-1L")), lambda: units_credit(PH, "00000-18688", 1, 2 * 12)),
 "b105-qzn-kabayan-bayad-na": (None, lambda: open_bal(PH, "00000-18790")),
 "b105-qzn-kabayan-lumang-presyo": (lambda: price_diff(PH, "00000-18688", 1), lambda: price_diff(PH, "00000-18688", 1, "38.00")),
 "b105-qzn-islaverde-zero-rated": (lambda: inv_tax(PH, "00000-18563") if tax_exempt(PH, "00000-18563") else Z, lambda: inv_tax(PH, "00000-18563")),
 "b105-qzn-islaverde-expired-contract": (lambda: Z if not wrong_terms(PH, "00000-18640") and outside_contract(PH, "00000-18640") == 0 else None, lambda: inv_total(PH, "00000-18640")),
 "b105-qzn-islaverde-doble": (lambda: inv_total(PH, "00000-18766") if same_basis_duplicate(PH, "00000-18766", "00000-18763") else Z, lambda: inv_total(PH, "00000-18766")),
 "b105-qzn-panaderia-interes": (lambda: fee_not_owed(PH, "00000-18597", T_PH), lambda: fee(PH, "00000-18597", "late_fee")),
}
NEEDS_INFO = {
 "b105-chan-hongguo-manggis-nak-khat": lambda: not has_delivery(TH, "สจ.69/0193", "MGS-AA"),
 "b105-chan-wisahakit-fai-dap": lambda: unserved_dates(TH, "สจ.69/0174", "COLD-PLT", ["2026-05-14", "2026-05-15"]) is None,
 "b105-pkl-warisan-kain-berkulat": lambda: not has_delivery(ID, "EKS-26-011", "BTK-CAP-KTN"),
 "b105-qzn-kabayan-bayad-na": lambda: unapplied(PH, "00000-18790") == 0 and not any(p["customerId"] == "QZ-03" and p["date"] >= "2026-11-01" for p in ledgers[PH]["payments"]),
}
# Claims the evidence refutes for a reason the recipe cannot show by itself
NO_DEFECT = {
 "b105-qzn-islaverde-expired-contract": lambda: not wrong_terms(PH, "00000-18640") and contract_of(ledgers[PH], I(PH, "00000-18640"))["startDate"] == "2026-09-01",
 "b105-pkl-alfalah-ppn": lambda: not tax_exempt(ID, "010.000-26.00000452") and usual_rate_excess(ID, "010.000-26.00000452", 1) == 0,
 "b105-chan-hongguo-kha-truat-by2": lambda: line_supported(TH, "สจ.69/0197", 2),
}
# Cases without a resolution: what makes them so
NO_RES = {
 "b105-chan-jenoi-bin-mai-mi": ("unknown", TH, "สจ.69/0222", "CH-04"),
 "b105-pkl-busri-minta-efaktur": ("no_claim", ID, "010.000-26.00000466", "PK-04"),
 "b105-pkl-invoice-tidak-ada": ("unknown", ID, "010.000-26.00000503", "PK-01"),
 "b105-qzn-kabayan-ibang-invoice": ("other_customer", PH, "00000-18763", "QZ-03"),
 "b105-qzn-panaderia-soa": ("no_claim", PH, "00000-18804", "QZ-05"),
}
WITHDRAWN = {"b105-pkl-sentosa-klaim-batal": (ID, "010.000-26.00000427")}
GOODWILL = {"b105-qzn-tierrafirme-hindi-pantay": D("5000.00")}
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
    if not cid.startswith("b105-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not cid.startswith({TH: "b105-chan-", ID: "b105-pkl-", PH: "b105-qzn-"}[lgn]): fail(f"{cid}: ledger key")
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
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
        elif m != e.get("invoiceNumber") and m not in alltext:
            fail(f"{cid}: email mention {m} is neither said nor the invoice's own number")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or not named(e["invoiceNumber"], first)):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if "invoice" in e.get("asks", []) and e.get("invoiceNumber") and named(e["invoiceNumber"], first):
        fail(f"{cid}: asks invoice but the first turn names it")
    if "documents" in e.get("asks", []) and e.get("classification") != "needs_info": fail(f"{cid}: asks documents outside needs_info")
    if cid in NO_RES:
        kind, wl, num, said = NO_RES[cid]
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
    if not named(num, alltext): fail(f"{cid}: no turn names {num}")
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
        if e.get("asks") != ["documents"]: fail(f"{cid}: needs_info should ask for the document")
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
                if wo or cl != "invalid" or g is None or to_company(lgn, num, g) > D(lg["policy"]["approvalLimits"]["specialist"]) or f"{g:,.0f}" not in c["turns"][-1]:
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
