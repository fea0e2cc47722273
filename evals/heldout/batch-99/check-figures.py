#!/usr/bin/env python3
"""Batch-99 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, that every invoice a message describes instead of
numbering (by PO, delivery note, payment reference, month, amount, site, content) is the only one that
fits the description, and the classification / action / write-off / escalation rules of DOMAIN.md,
with policy amounts in the company currency (FX at the latest rate on or before the invoice date,
half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-99/check-figures.py"""
import glob, json, os, re, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "ISK": 0}  # DKK, PLN, EUR, SEK, NOK: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def line_of(inv, sku): return next(l for l in inv["lines"] if l["sku"] == sku)
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

GL, PL, EE = "qeqqa-teknik-sisimiut-dkk.ledger.json", "pomorskie-regaly-gdynia-pln.ledger.json", "saaremaa-paadiehitus-eur.ledger.json"
TODAY = {GL: "2026-10-22", PL: "2026-11-17", EE: "2026-12-09"}

# ---- ledgers: totals, statuses, references, terms, minor digits
NO_RATE = {"AR26K-0334", "AR26K-0350"}   # the NOK invoices have no rate, on purpose
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
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if [l["line"] for l in i["lines"]] != list(range(1, len(i["lines"]) + 1)): fail(f"{name} {i['number']}: line numbers")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        taxed = any(l.get("taxRate") for l in i["lines"])
        if cust.get("taxExempt") and taxed and i["number"] != "FS/GDY/1165/26": fail(f"{name} {i['number']}: exempt customer taxed (only FS/GDY/1165/26 is meant to be)")
        if not cust.get("taxExempt") and name != GL and not taxed: fail(f"{name} {i['number']}: customer not exempt but no tax")
        if name == GL and taxed: fail(f"{name} {i['number']}: Greenland has no VAT")
        if cur != cur0 and not any(x["currency"] == cur for x in lg.get("fxRates", [])) and i["number"] not in NO_RATE:
            fail(f"{name} {i['number']}: no rate for {cur} (only {sorted(NO_RATE)} are meant to lack one)")
        if i["number"] in NO_RATE and any(x["currency"] == cur for x in lg.get("fxRates", [])): fail(f"{name} {i['number']}: meant to have no rate")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if i.get("servicePeriodStart") and i["servicePeriodStart"] > i["servicePeriodEnd"]: fail(f"{name} {i['number']}: period")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber") and d.get("poNumber") and invoice(lg, d["invoiceNumber"]).get("poNumber") != d["poNumber"] and d["invoiceNumber"] != "FS/GDY/1188/26": fail(f"{name} delivery {d['id']}: PO differs from its invoice's")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber") and invoice(lg, s["invoiceNumber"])["customerId"] != s["customerId"]: fail(f"{name} log {s['id']}: customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber") in nums: fail(f"{name} past dispute {d['id']}: names a current invoice")
    # Invoices with a PO: each line's SKU is on the PO at the PO's price, except the lines this batch bills wrongly on purpose.
    WRONG_ON_PURPOSE = {("QT/F/26-1031", "RØR-PEX16"), ("QT/F/26-1043", "KEDEL-40"), ("QT/F/26-1055", "VVS-TIME"), ("FS/GDY/1142/26", "BELKA-2700"), ("AR26K-0331", "KONSOOL")}
    for i in lg["invoices"]:
        po = pos.get(i.get("poNumber") or "")
        if not po: continue
        for l in i["lines"]:
            pl = next((x for x in po["lines"] if x["sku"] == l["sku"]), None)
            if not pl: fail(f"{name} {i['number']}: {l['sku']} not on PO {po['number']}")
            elif (D(pl["unitPrice"]) != D(l["unitPrice"])) != ((i["number"], l["sku"]) in WRONG_ON_PURPOSE): fail(f"{name} {i['number']}: {l['sku']} PO price {pl['unitPrice']} vs billed {l['unitPrice']}")
    # (FS/GDY/1188/26 carries no PO on purpose; its deliveries name the customer's order 4500221107, which the invoice should have named.)
    # Contract prices: a billed SKU the contract prices is billed at that price, except on purpose.
    WRONG_PRICE = WRONG_ON_PURPOSE | {("QT/F/26-1055", "VVS-TIME"), ("AR26K-0338", "KONSOOL")}
    for i in lg["invoices"]:
        c = contract_of(lg, i)
        for l in i["lines"]:
            cp = next((p["unitPrice"] for p in (c["prices"] if c else []) if p["sku"] == l["sku"]), None)
            if cp is not None and (D(cp) != D(l["unitPrice"])) != ((i["number"], l["sku"]) in WRONG_PRICE): fail(f"{name} {i['number']}: {l['sku']} contract {cp} vs billed {l['unitPrice']}")

# ---- numbering: QT/F/26-NNNN (Greenland, one yearly sequence), FS/GDY/NNNN/26 (Gdynia), AR26K-NNNN (Kuressaare)
def seq_ok(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for lgn, pat in ((GL, r"QT/F/26-\d{4}"), (PL, r"FS/GDY/\d{4}/26"), (EE, r"AR26K-\d{4}")):
    invs = ledgers[lgn]["invoices"]
    if not all(re.fullmatch(pat, i["number"]) for i in invs): fail(f"{lgn}: numbering")
    if not all(i["issueDate"].startswith("2026") for i in invs): fail(f"{lgn}: year")
    if not seq_ok(invs): fail(f"{lgn}: sequence out of date order")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, sku, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line_of(i, sku); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, sku, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line_of(i, sku); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum(D(str(d.get(field, 0))) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(D(str(s["quantity"])) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def billed_qty(lgn, num, sku): return D(str(line_of(I(lgn, num), sku)["quantity"]))
def short(lgn, num, sku, counted): return units_credit(lgn, num, sku, max(billed_qty(lgn, num, sku) - D(str(counted)), D(0)))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_gross(lgn, num, sku): i = I(lgn, num); return gross(line_of(i, sku), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

def late_fee_allowed(lgn, num, today):
    """Contract clause, grace days, actual payment date. None without a clause; none when the principal
    was paid by due + grace; else percentPerMonth of the principal unpaid at the end of grace, per
    started 30-day month from the due date to the settling payment (or today)."""
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
    """Days of the service period outside the contract, pro rata per line: gross pro rata, and (net pro rata + its tax); both must agree."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    a = sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
    b = D("0")
    for l in i["lines"]:
        n = r(net(l, cur) * (tot - inside) / tot, cur); b += n + tax(l, n, cur)
    if a != b: fail(f"{num}: pro rata on the gross ({a}) and on the net with its tax ({b}) differ")
    return a

def unapplied_payment(lgn, num, when):
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"] and p["date"] == when]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote,
    and any payment applied elsewhere names only its own invoice."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "")
                   or num in p.get("reference", "") for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"
def po_line_supports(lgn, num, sku):
    """The invoice's own PO has a line with the same SKU at the billed price (and at least the billed quantity)."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line_of(i, sku)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber") and p.get("status") != "cancelled"), None)
    return bool(po) and any(x["sku"] == l["sku"] and D(x["unitPrice"]) == D(l["unitPrice"]) and x["quantity"] >= l["quantity"] for x in po["lines"])
def fee_named_in_notes(lgn, num, t, words):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    return bool(c and words.lower() in c.get("notes", "").lower()) and any(words.lower() in f.get("description", "").lower() for f in i["fees"] if f["type"] == t)
def fee_unsupported(lgn, num, t):
    """No PO on the invoice, and the contract's notes name neither the fee (its first word, 'Expressfrakt') nor its type."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); f = next(f for f in i["fees"] if f["type"] == t)
    notes = c.get("notes", "").lower() if c else ""
    names = [f["description"].split()[0].lower(), t, "frakt"]
    return not i.get("poNumber") and c is not None and not any(w in notes for w in names)
def vat_claim(lgn, num, asked):
    i = I(lgn, num); return sum((net(l, i["currency"]) for l in i["lines"]), D("0")) * (D(i["lines"][0]["taxRate"]) - D(asked))
def rate_stands(lgn, num):
    """Every taxed line of the invoice uses the rate the customer's other invoices use for the same SKU (or there is none to compare)."""
    lg = ledgers[lgn]; i = I(lgn, num)
    for l in i["lines"]:
        others = {x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]}
        if others and others != {l.get("taxRate")}: return False
    return True
def log_rendered(lgn, num, sku): return logged(lgn, num, sku) >= billed_qty(lgn, num, sku)

Z = D("0")
T_GL, T_PL, T_EE = TODAY[GL], TODAY[PL], TODAY[EE]
R = {
 # Greenland (DKK; ISK at 0.0521 / 0.0517)
 "b99-gl-school-windows-po": (lambda: short(GL, "QT/F/26-1034", "VIND-1212", delivered(GL, "QT/F/26-1034", "VIND-1212")), lambda: units_credit(GL, "QT/F/26-1034", "VIND-1212", 2)),
 "b99-gl-care-home-july-dates": (None, lambda: units_credit(GL, "QT/F/26-1040", "OLIE-SERV", 2)),
 "b99-gl-harbour-depot-no-po": (lambda: Z if po_defect(GL, "QT/F/26-1053") else None, lambda: inv_total(GL, "QT/F/26-1053")),
 "b99-gl-dormitory-boilers-price": (lambda: price_diff(GL, "QT/F/26-1043", "KEDEL-40"), lambda: price_diff(GL, "QT/F/26-1043", "KEDEL-40", "38500.00")),
 "b99-gl-plumber-rate-wrong-number": (lambda: price_diff(GL, "QT/F/26-1055", "VVS-TIME"), lambda: price_diff(GL, "QT/F/26-1055", "VVS-TIME", "695.00")),
 "b99-gl-heat-pump-still-noisy": (lambda: Z if log_rendered(GL, "QT/F/26-1058", "VP-SERV") else None, lambda: inv_total(GL, "QT/F/26-1058")),
 "b99-gl-lighting-paid-reference": (lambda: unapplied_payment(GL, "QT/F/26-1045", "2026-09-28"), lambda: open_bal(GL, "QT/F/26-1045")),
 "b99-gl-june-reminder-fee": (lambda: fee_not_owed(GL, "QT/F/26-1027", T_GL), lambda: fee(GL, "QT/F/26-1027", "late_fee")),
 "b99-gl-wet-insulation-isk": (lambda: units_credit(GL, "QT/F/26-1049", "ISOL-95", delivered(GL, "QT/F/26-1049", "ISOL-95", "damagedQuantity")), lambda: units_credit(GL, "QT/F/26-1049", "ISOL-95", 12)),
 "b99-gl-pex-old-quote-isk": (lambda: price_diff(GL, "QT/F/26-1031", "RØR-PEX16"), lambda: price_diff(GL, "QT/F/26-1031", "RØR-PEX16", "340")),
 "b99-gl-container-after-return-isk": (lambda: outside_contract(GL, "QT/F/26-1056"), lambda: inv_total(GL, "QT/F/26-1056")),
 "b99-gl-freezer-room-electrician": (lambda: short(GL, "QT/F/26-1061", "EL-TIME", logged(GL, "QT/F/26-1061", "EL-TIME")), lambda: short(GL, "QT/F/26-1061", "EL-TIME", 12)),
 "b99-gl-fire-doors-air-freight": (lambda: Z if po_line_supports(GL, "QT/F/26-1047", "LUFTFRAGT") else line_gross(GL, "QT/F/26-1047", "LUFTFRAGT"), lambda: line_gross(GL, "QT/F/26-1047", "LUFTFRAGT")),
 "b99-gl-hotel-september-plumber": (lambda: short(GL, "QT/F/26-1062", "VVS-TIME", logged(GL, "QT/F/26-1062", "VVS-TIME")), lambda: short(GL, "QT/F/26-1062", "VVS-TIME", 8)),
 "b99-gl-steel-twice-isk": (lambda: inv_total(GL, "QT/F/26-1054") if same_basis_duplicate(GL, "QT/F/26-1054", "QT/F/26-1052") else Z, lambda: inv_total(GL, "QT/F/26-1054")),
 "b99-gl-compressor-interest": (lambda: fee_not_owed(GL, "QT/F/26-1039", T_GL), lambda: fee(GL, "QT/F/26-1039", "late_fee")),
 # Poland (PLN; EUR at 4.2650 / 4.2410)
 "b99-pl-beams-price-zamowienie": (lambda: price_diff(PL, "FS/GDY/1142/26", "BELKA-2700"), lambda: price_diff(PL, "FS/GDY/1142/26", "BELKA-2700", "142.50")),
 "b99-pl-frames-wz-short": (lambda: short(PL, "FS/GDY/1121/26", "RAMA-3000", delivered(PL, "FS/GDY/1121/26", "RAMA-3000")), lambda: units_credit(PL, "FS/GDY/1121/26", "RAMA-3000", 4)),
 "b99-pl-inspection-twice": (lambda: inv_total(PL, "FS/GDY/1193/26") if same_basis_duplicate(PL, "FS/GDY/1193/26", "FS/GDY/1181/26") else Z, lambda: inv_total(PL, "FS/GDY/1193/26")),
 "b99-pl-reverse-charge-vat": (lambda: inv_tax(PL, "FS/GDY/1165/26") if tax_exempt(PL, "FS/GDY/1165/26") else Z, lambda: inv_tax(PL, "FS/GDY/1165/26")),
 "b99-pl-no-bestellnummer": (lambda: Z if po_defect(PL, "FS/GDY/1188/26") else None, lambda: inv_total(PL, "FS/GDY/1188/26")),
 "b99-pl-bent-beams-corrected": (lambda: units_credit(PL, "FS/GDY/1198/26", "BELKA-2700", delivered(PL, "FS/GDY/1198/26", "BELKA-2700", "damagedQuantity")), lambda: units_credit(PL, "FS/GDY/1198/26", "BELKA-2700", 6)),
 "b99-pl-venlo-hours-september": (lambda: short(PL, "FS/GDY/1150/26", "MONTAZ-H", logged(PL, "FS/GDY/1150/26", "MONTAZ-H")), lambda: short(PL, "FS/GDY/1150/26", "MONTAZ-H", 40)),
 "b99-pl-venlo-payment-reference": (lambda: unapplied_payment(PL, "FS/GDY/1133/26", "2026-10-08"), lambda: open_bal(PL, "FS/GDY/1133/26")),
 "b99-pl-venlo-weekend-toeslag": (lambda: Z if fee_named_in_notes(PL, "FS/GDY/1176/26", "other", "toeslag weekendmontage") else fee(PL, "FS/GDY/1176/26", "other"), lambda: fee(PL, "FS/GDY/1176/26", "other")),
 "b99-pl-odsetki-grace": (lambda: fee_not_owed(PL, "FS/GDY/1098/26", T_PL), lambda: fee(PL, "FS/GDY/1098/26", "late_fee")),
 "b99-pl-reach-truck-returned": (lambda: outside_contract(PL, "FS/GDY/1158/26"), lambda: inv_total(PL, "FS/GDY/1158/26")),
 "b99-pl-mesh-decks-bent": (lambda: units_credit(PL, "FS/GDY/1170/26", "SIATKA-1100", delivered(PL, "FS/GDY/1170/26", "SIATKA-1100", "damagedQuantity")), lambda: units_credit(PL, "FS/GDY/1170/26", "SIATKA-1100", 12)),
 "b99-pl-bays-count-amount": (lambda: short(PL, "FS/GDY/1184/26", "INSP-GN", logged(PL, "FS/GDY/1184/26", "INSP-GN")), lambda: short(PL, "FS/GDY/1184/26", "INSP-GN", 296)),
 "b99-pl-column-guards-ordered": (lambda: Z if po_line_supports(PL, "FS/GDY/1128/26", "ODBOJ-400") else line_gross(PL, "FS/GDY/1128/26", "ODBOJ-400"), lambda: line_gross(PL, "FS/GDY/1128/26", "ODBOJ-400")),
 "b99-pl-anchors-no-wz": (None, lambda: short(PL, "FS/GDY/1156/26", "KOTWA-M12", 300)),
 # Estonia (EUR; SEK at 0.0874 / 0.0869; NOK without a rate)
 "b99-ee-console-price-tilaus": (lambda: price_diff(EE, "AR26K-0331", "KONSOOL"), lambda: price_diff(EE, "AR26K-0331", "KONSOOL", "1180.00")),
 "b99-ee-trailer-axle-saateleht": (lambda: units_credit(EE, "AR26K-0347", "HAAGIS-750", delivered(EE, "AR26K-0347", "HAAGIS-750", "damagedQuantity")), lambda: units_credit(EE, "AR26K-0347", "HAAGIS-750", 1)),
 "b99-ee-three-invoices-one-hull": (lambda: inv_total(EE, "AR26K-0359") if same_basis_duplicate(EE, "AR26K-0359", "AR26K-0352") else Z, lambda: inv_total(EE, "AR26K-0359")),
 "b99-ee-consoles-amount-corrected": (lambda: price_diff(EE, "AR26K-0338", "KONSOOL"), lambda: price_diff(EE, "AR26K-0338", "KONSOOL", "12900.00")),
 "b99-ee-bankgiro-not-found": (None, lambda: open_bal(EE, "AR26K-0343")),
 "b99-ee-winter-hall-boats": (lambda: short(EE, "AR26K-0362", "TALV-SISE", logged(EE, "AR26K-0362", "TALV-SISE")), lambda: short(EE, "AR26K-0362", "TALV-SISE", 12)),
 "b99-ee-club-vat-rate": (lambda: Z if (not tax_exempt(EE, "AR26K-0327") and rate_stands(EE, "AR26K-0327")) else None, lambda: vat_claim(EE, "AR26K-0327", "0.13")),
 "b99-ee-viivis-within-grace": (lambda: fee_not_owed(EE, "AR26K-0319", T_EE), lambda: fee(EE, "AR26K-0319", "late_fee")),
 "b99-ee-workshop-hours-three-named": (lambda: short(EE, "AR26K-0341", "TOO-H", logged(EE, "AR26K-0341", "TOO-H")), lambda: short(EE, "AR26K-0341", "TOO-H", 30)),
 "b99-ee-engineer-days-nok": (lambda: short(EE, "AR26K-0334", "SERV-PAEV", logged(EE, "AR26K-0334", "SERV-PAEV")), lambda: short(EE, "AR26K-0334", "SERV-PAEV", 2)),
 "b99-ee-cushions-missing-nok": (None, lambda: short(EE, "AR26K-0350", "PEHME", 2)),
 "b99-ee-no-tilausnumero": (lambda: Z if po_defect(EE, "AR26K-0365") else None, lambda: inv_total(EE, "AR26K-0365")),
 "b99-ee-express-freight-sek": (lambda: fee(EE, "AR26K-0357", "freight") if fee_unsupported(EE, "AR26K-0357", "freight") else Z, lambda: fee(EE, "AR26K-0357", "freight")),
 "b99-ee-antifouling-peeling": (lambda: Z if log_rendered(EE, "AR26K-0329", "ANTIFOUL") else None, lambda: line_gross(EE, "AR26K-0329", "ANTIFOUL")),
 "b99-ee-gelcoat-wrong-number": (lambda: short(EE, "AR26K-0346", "GEL-REP", logged(EE, "AR26K-0346", "GEL-REP")), lambda: short(EE, "AR26K-0346", "GEL-REP", "3.5")),
}
NEEDS_INFO = {
 "b99-gl-care-home-july-dates": lambda: unserved_dates(GL, "QT/F/26-1040", "OLIE-SERV", ["2026-07-14", "2026-07-28"]) is None,
 "b99-pl-anchors-no-wz": lambda: not any(d.get("invoiceNumber") == "FS/GDY/1156/26" for d in ledgers[PL]["deliveries"]),
 "b99-ee-bankgiro-not-found": lambda: nothing_could_be_theirs(EE, "AR26K-0343", "2026-11-03", "5512-0098"),
 "b99-ee-cushions-missing-nok": lambda: not has_delivery(EE, "AR26K-0350", "PEHME"),
}
NO_CLASSIFICATION = {"b99-gl-school-insulation-withdrawn", "b99-pl-inspection-question", "b99-pl-unknown-number", "b99-ee-unknown-number"}

# ---- which invoice: every description a message gives (instead of, or besides, a number) fits the expected invoice and no other
def invs(lgn, cust=None): return [i for i in ledgers[lgn]["invoices"] if cust is None or i["customerId"] == cust]
def has(i, sku): return any(l["sku"] == sku for l in i["lines"])
def month(i, m): return i["issueDate"][5:7] == m
def period_month(i, m): return (i.get("servicePeriodStart") or "")[5:7] == m
def by_delivery(lgn, pred): return {d["invoiceNumber"] for d in ledgers[lgn]["deliveries"] if pred(d)}
def by_unapplied(lgn, cust, amount):
    ps = [p for p in ledgers[lgn]["payments"] if p["customerId"] == cust and not p.get("invoiceNumber") and D(p["amount"]) == D(amount)]
    return {i["number"] for i in invs(lgn, cust) if ps and open_bal(lgn, i["number"]) == D(amount)}
IDENT = {
 "b99-gl-school-windows-po": lambda: {i["number"] for i in invs(GL) if i.get("poNumber") == "KQ-26-0388"},
 "b99-gl-care-home-july-dates": lambda: {i["number"] for i in invs(GL, "QK-01") if has(i, "OLIE-SERV") and period_month(i, "07")},
 "b99-gl-harbour-depot-no-po": lambda: {i["number"] for i in invs(GL, "QK-01") if D(i["total"]) == D("19100.00") and "Havnedepotet" in json.dumps(i, ensure_ascii=False)},
 "b99-gl-dormitory-boilers-price": lambda: {i["number"] for i in invs(GL, "QK-02") if D(i["total"]) == D("158760.00") and has(i, "KEDEL-40")},
 "b99-gl-lighting-paid-reference": lambda: {i["number"] for i in invs(GL, "QK-03") if D(i["total"]) == D("12640.00") and has(i, "LED-UDE")} & by_unapplied(GL, "QK-03", "12640.00"),
 "b99-gl-june-reminder-fee": lambda: {i["number"] for i in invs(GL, "QK-03") if has(i, "VP-SERV") and period_month(i, "06") and fee(GL, i["number"], "late_fee") == D("250.00")},
 "b99-gl-pex-old-quote-isk": lambda: {i["number"] for i in invs(GL) if i.get("poNumber") == "IV-PO-2231"},
 "b99-gl-freezer-room-electrician": lambda: {i["number"] for i in invs(GL, "QK-05") if period_month(i, "09") and has(i, "EL-TIME") and "fryserum 2" in json.dumps(i, ensure_ascii=False)},
 "b99-gl-fire-doors-air-freight": lambda: {i["number"] for i in invs(GL, "QK-02") if has(i, "DØR-BRAND")},
 "b99-gl-hotel-september-plumber": lambda: {i["number"] for i in invs(GL, "QK-03") if has(i, "VVS-TIME") and period_month(i, "09")},
 "b99-gl-steel-twice-isk": lambda: {i["number"] for i in invs(GL, "QK-04") if D(i["total"]) == D("1512400") and i["issueDate"] == "2026-09-09" and i.get("poNumber") == "IV-PO-2244"},
 "b99-gl-container-after-return-isk": lambda: {i["number"] for i in invs(GL, "QK-04") if has(i, "CONT-20") and period_month(i, "09")},
 "b99-pl-beams-price-zamowienie": lambda: {i["number"] for i in invs(PL) if i.get("poNumber") == "ZAM/DC2/26/0771"},
 "b99-pl-frames-wz-short": lambda: by_delivery(PL, lambda d: d["id"].startswith("WZ/118/09/26")),
 "b99-pl-no-bestellnummer": lambda: {i["number"] for i in invs(PL, "PSM-20") if D(i["total"]) == D("15080.00") and i["issueDate"] == "2026-10-20"},
 "b99-pl-bent-beams-corrected": lambda: by_delivery(PL, lambda d: d["deliveredDate"] == "2026-11-05" and d.get("damagedQuantity", 0) == 6),
 "b99-pl-venlo-hours-september": lambda: {i["number"] for i in invs(PL, "PSM-30") if month(i, "09") and has(i, "MONTAZ-H")},
 "b99-pl-venlo-payment-reference": lambda: by_unapplied(PL, "PSM-30", "1080.00"),
 "b99-pl-venlo-weekend-toeslag": lambda: {i["number"] for i in invs(PL, "PSM-30") if month(i, "10") and fee(PL, i["number"], "other") == D("45.00")},
 "b99-pl-odsetki-grace": lambda: {i["number"] for i in invs(PL, "PSM-40") if month(i, "08") and has(i, "RAMA-3000") and has(i, "BELKA-2700")},
 "b99-pl-reach-truck-returned": lambda: {i["number"] for i in invs(PL, "PSM-40") if D(i["total"]) == D("8487.00")},
 "b99-pl-mesh-decks-bent": lambda: by_delivery(PL, lambda d: d["deliveredDate"] == "2026-10-14" and d["sku"] == "SIATKA-1100" and invoice(ledgers[PL], d["invoiceNumber"])["customerId"] == "PSM-50"),
 "b99-pl-column-guards-ordered": lambda: {i["number"] for i in invs(PL) if i.get("poNumber") == "ZAM/DC2/26/0802"} & {i["number"] for i in invs(PL, "PSM-10") if month(i, "09") and has(i, "ODBOJ-400") and line_of(i, "ODBOJ-400")["quantity"] == 36},
 "b99-ee-console-price-tilaus": lambda: {i["number"] for i in invs(EE) if i.get("poNumber") == "TSV-26-041"},
 "b99-ee-trailer-axle-saateleht": lambda: by_delivery(EE, lambda d: d["id"] == "SL-26-1009"),
 "b99-ee-consoles-amount-corrected": lambda: {i["number"] for i in invs(EE, "SPE-SE-02") if month(i, "09") and has(i, "RIB-650") and has(i, "KONSOOL")},
 "b99-ee-bankgiro-not-found": lambda: {i["number"] for i in invs(EE, "SPE-SE-02") if month(i, "10") and has(i, "TOO-H") and D(i["total"]) == D("29540.00")},
 "b99-ee-winter-hall-boats": lambda: {i["number"] for i in invs(EE, "SPE-EE-03") if has(i, "TALV-SISE")},
 "b99-ee-viivis-within-grace": lambda: {i["number"] for i in invs(EE, "SPE-LV-04") if month(i, "08") and has(i, "ANTIFOUL") and fee(EE, i["number"], "late_fee") == D("36.91")},
 "b99-ee-engineer-days-nok": lambda: {i["number"] for i in invs(EE, "SPE-NO-05") if has(i, "RIB-650") and line_of(i, "RIB-650")["quantity"] == 2},
 "b99-ee-no-tilausnumero": lambda: {i["number"] for i in invs(EE, "SPE-FI-01") if i["issueDate"] == "2026-11-17" and D(i["total"]) == D("1160.00")},
 "b99-ee-express-freight-sek": lambda: {i["number"] for i in invs(EE, "SPE-SE-02") if has(i, "HAAGIS-750") and line_of(i, "HAAGIS-750")["quantity"] == 2},
}
# Wrong numbers named first (turn 1 of a correction) exist but are not the disputed invoice, and lack the disputed line.
WRONG_FIRST = {"b99-gl-plumber-rate-wrong-number": (GL, "QT/F/26-1047", "VVS-TIME"), "b99-pl-bent-beams-corrected": (PL, "FS/GDY/1165/26", None),
               "b99-ee-gelcoat-wrong-number": (EE, "AR26K-0343", "GEL-REP")}
for cid, (lgn, num, sku) in WRONG_FIRST.items():
    if num not in {i["number"] for i in invs(lgn)}: fail(f"{cid}: the wrong number {num} named first should exist")
    elif sku and has(I(lgn, num), sku): fail(f"{cid}: {num} has {sku} after all")
    elif not sku and delivered(lgn, num, "BELKA-2700", "damagedQuantity") > 0: fail(f"{cid}: {num} has damaged beams after all")

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
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b99-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    named = {n for n in re.findall(r"QT/F/26-\d{4}|FS/GDY/\d{4}/26|AR26K-\d{4}", " ".join(c["turns"]))}
    if cid in NO_CLASSIFICATION:
        if any(k in e for k in ("classification", "action", "supportedAmount", "disputedAmount")): fail(f"{cid}: meant to carry no outcome")
        if e.get("noResolution") and named & nums: fail(f"{cid}: noResolution but it names an existing invoice {named & nums}")
        if e.get("noResolution") and not named: fail(f"{cid}: noResolution without a number")
        continue
    if e.get("noResolution"): fail(f"{cid}: unexpected noResolution")
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    # which invoice
    first = c["turns"][0]
    if "invoice" in e.get("neverAsks", []) and num not in first: fail(f"{cid}: neverAsks invoice but {num} is not in the first turn")
    if num not in " ".join(c["turns"]):
        if cid not in IDENT: fail(f"{cid}: invoice never numbered and no description check")
    if cid in IDENT:
        got = IDENT[cid]()
        if got != {num}: fail(f"{cid}: the description fits {sorted(got)}, not only {num}")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d.]+", m) and D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} >= 1000")
        if not re.fullmatch(r"[\d.]+", m) and m not in json.dumps(lg, ensure_ascii=False): fail(f"{cid}: emailMentions {m} not in the ledger")
        if not re.fullmatch(r"[\d.]+", m) and m not in (num, inv_.get("poNumber")): fail(f"{cid}: emailMentions {m} is neither the invoice nor its PO")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed out of range")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
        supported = None
    else:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            want = "write_off" if wo else ("no_adjustment" if cl == "invalid" else "credit_memo")
            if act != want: fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) gives {want}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "tax_error": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
        if e["reasonCode"] == "tax_error" and act == "cancel_and_rebill" and not all(l.get("taxRate") for l in inv_["lines"]): fail(f"{cid}: re-bill for tax but not every line is taxed")
    # escalation
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    credit = supported if e.get("action") == "credit_memo" else D(0)
    credit_c = to_company(lgn, num, credit) if credit else D(0)
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or (credit_c is not None and credit_c > D(pol["approvalLimits"]["lead"])))
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]): fail(f"{cid}: legal escalation not meant in this batch")
    if e.get("stakeholders") != [TEAM[e["reasonCode"]]]: fail(f"{cid}: stakeholders {e.get('stakeholders')} should be the routing table's first team {TEAM[e['reasonCode']]}")
    c["_conv"] = conv

# ---- tallies quoted in the README
from collections import Counter
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print("  invoice numbered in the first turn:", sum(1 for c in cases if c["expect"].get("invoiceNumber") and c["expect"]["invoiceNumber"] in c["turns"][0]),
      "| only later:", sum(1 for c in cases if c["expect"].get("invoiceNumber") and c["expect"]["invoiceNumber"] not in c["turns"][0] and c["expect"]["invoiceNumber"] in " ".join(c["turns"])),
      "| never (described):", sum(1 for c in cases if c["expect"].get("invoiceNumber") and c["expect"]["invoiceNumber"] not in " ".join(c["turns"])))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
