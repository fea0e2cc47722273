#!/usr/bin/env python3
"""Batch-101 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-101/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0, "UGX": 0, "RWF": 0}  # MGA, SAR, USD, KES, EUR, SCR: 2
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
NO_RATE = {"F/26/TMV/0325"}   # batch 101: the SCR invoice has no rate, on purpose
INTENDED_WRONG_PO = set()   # JIN2026-0741 quotes a PO that exists but is cancelled
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
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_of(lgn, num):
    i = I(lgn, num); return next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
def po_price(lgn, num, sku):
    po = po_of(lgn, num)
    return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def agreed(lgn, num, sku): return contract_price(lgn, num, sku) or po_price(lgn, num, sku)
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or the customer's stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units), tax following the line
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
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" and s["quantity"] > 0 for s in logs)]
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
    """Days of the service period outside the contract, pro rata on each line's gross, half-up."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))

def unapplied_payment(lgn, num, when, ref):
    """An unapplied payment of the customer, in the invoice currency, on the date and with the reference quoted."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"]
          and p["date"] == when and ref in p.get("reference", "")]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num)) if ps else None
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date or with the reference they quote."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "") for p in mine)

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
def po_exists_open(lgn, number):
    po = next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == number), None)
    return bool(po) and po.get("status") != "cancelled"

def words(s): return sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
def fee_supported(lgn, num, desc):
    """A fee (by its description) is owed when the customer's PO lists it (same description, that amount) or
    the contract's notes name it; without a PO line or a contract it cannot be judged (None)."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    f = next(f for f in i["fees"] if f.get("description") == desc)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if words(l.get("description", l["sku"])) == words(desc) and r(D(l["unitPrice"]) * D(str(l["quantity"])), i["currency"]) == D(f["amount"]): return True
    if c is None: return None
    name = desc.split(",")[0].split(" 8%")[0].strip().lower()
    return name in c.get("notes", "").lower()
def fee_amount(lgn, num, desc): return sum(D(f["amount"]) for f in I(lgn, num)["fees"] if f.get("description") == desc)

def tax_rate_diff(lgn, num, n):
    """Tax on the line at its rate minus tax at the rate the customer's other invoices use for the same SKU."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n); cur = i["currency"]
    others = {x.get("taxRate") for j in lg["invoices"] if j["customerId"] == i["customerId"] and j["number"] != num
              for x in j["lines"] if x["sku"] == l["sku"]}
    if len(others) != 1: return Z           # no other invoice to compare (or no single usual rate): the line's rate stands
    usual = others.pop()
    nt = net(l, cur)
    return tax(l, nt, cur) - (tax(l, nt, cur, usual) if usual else Z)

Z = D("0")
AQ, UG, MG = "yamama-kitchen-laundry-jod.ledger.json", "nalubale-cold-chain-ugx.ledger.json", "hydronet-tamatave-mga.ledger.json"
T_AQ, T_UG, T_MG = "2026-10-27", "2026-11-18", "2026-11-10"

R = {
 # Aqaba (JOD, 3 digits; SAR 0.1890 / 0.1888, USD 0.7090 / 0.7085)
 "b101-aq-berenice-gasket-price": (lambda: price_diff(AQ, "INV-AQB-000388", 1), lambda: price_diff(AQ, "INV-AQB-000388", 1)),
 "b101-aq-berenice-detergent-short": (lambda: short(AQ, "INV-AQB-000401", 1, delivered(AQ, "INV-AQB-000401", "DET-20L")), lambda: short(AQ, "INV-AQB-000401", 1, 36)),
 "b101-aq-berenice-no-po": (lambda: Z if po_defect(AQ, "INV-AQB-000417") and po_exists_open(AQ, "BSR-PO-26-0809") else None, lambda: inv_total(AQ, "INV-AQB-000417")),
 "b101-aq-berenice-callout-nights": (lambda: dates_credit(AQ, "INV-AQB-000431", 1, "CALLOUT-NT", ["2026-09-14", "2026-09-21"]), lambda: units_credit(AQ, "INV-AQB-000431", 1, 2)),
 "b101-aq-rum-late-within-grace": (lambda: fee_not_owed(AQ, "INV-AQB-000392", T_AQ), lambda: fee(AQ, "INV-AQB-000392", "late_fee")),
 "b101-aq-rum-late-two-months": (lambda: fee_not_owed(AQ, "INV-AQB-000405", T_AQ), lambda: fee(AQ, "INV-AQB-000405", "late_fee")),
 "b101-aq-rum-september-twice": (lambda: inv_total(AQ, "INV-AQB-000423") if same_basis_duplicate(AQ, "INV-AQB-000423", "INV-AQB-000421") else Z, lambda: inv_total(AQ, "INV-AQB-000423")),
 "b101-aq-rum-travel-charge": (lambda: Z if fee_supported(AQ, "INV-AQB-000437", "Wadi Rum travel, 3 visit days") else fee(AQ, "INV-AQB-000437", "service_fee"), lambda: fee(AQ, "INV-AQB-000437", "service_fee")),
 "b101-aq-port-oven-uneven": (lambda: short(AQ, "INV-AQB-000398", 2, logged(AQ, "INV-AQB-000398", "TECH-HR")), lambda: line_gross(AQ, "INV-AQB-000398", 2)),
 "b101-aq-port-after-termination": (lambda: outside_contract(AQ, "INV-AQB-000435"), lambda: inv_total(AQ, "INV-AQB-000435")),
 "b101-aq-port-racks-cracked": (lambda: units_credit(AQ, "INV-AQB-000412", 1, delivered(AQ, "INV-AQB-000412", "RACK-PL", "damagedQuantity")), lambda: units_credit(AQ, "INV-AQB-000412", 1, 5)),
 "b101-aq-haql-swift-paid": (lambda: unapplied_payment(AQ, "INV-AQB-000395", "2026-08-18", "HAQL/TT/2026/0818"), lambda: open_bal(AQ, "INV-AQB-000395")),
 "b101-aq-haql-ironer-pads": (lambda: units_credit(AQ, "INV-AQB-000439", 1, delivered(AQ, "INV-AQB-000439", "IRON-PAD", "damagedQuantity")), lambda: units_credit(AQ, "INV-AQB-000439", 1, 2)),
 "b101-aq-dilmun-tax-16": (lambda: tax_rate_diff(AQ, "INV-AQB-000409", 3), lambda: tax_rate_diff(AQ, "INV-AQB-000409", 3)),
 "b101-aq-dilmun-laundry-visits": (lambda: short(AQ, "INV-AQB-000426", 1, logged(AQ, "INV-AQB-000426", "PM-LDY")), lambda: units_credit(AQ, "INV-AQB-000426", 1, 2)),
 "b101-aq-dilmun-2025-rate": (lambda: price_diff(AQ, "INV-AQB-000446", 1), lambda: price_diff(AQ, "INV-AQB-000446", 1, "110.00")),
 "b101-aq-coral-exempt": (lambda: inv_tax(AQ, "INV-AQB-000414") if tax_exempt(AQ, "INV-AQB-000414") else Z, lambda: inv_tax(AQ, "INV-AQB-000414")),
 # Jinja (UGX, 0 digits; KES 28.45 / 28.62, USD 3,680 / 3,702.50)
 "b101-ug-masese-eps-short": (lambda: short(UG, "JIN2026-0693", 1, delivered(UG, "JIN2026-0693", "EPS-BOX-20")), lambda: short(UG, "JIN2026-0693", 1, 1150)),
 "b101-ug-masese-blast-twice": (lambda: inv_total(UG, "JIN2026-0718") if same_basis_duplicate(UG, "JIN2026-0718", "JIN2026-0712") else Z, lambda: inv_total(UG, "JIN2026-0718")),
 "b101-ug-masese-cancelled-po": (lambda: Z if po_defect(UG, "JIN2026-0741") and po_exists_open(UG, "MNP/PO/26/1219") else None, lambda: inv_total(UG, "JIN2026-0741")),
 "b101-ug-kisumu-ice-rate": (lambda: price_diff(UG, "JIN2026-0698", 1), lambda: price_diff(UG, "JIN2026-0698", 1)),
 "b101-ug-kisumu-trips-four": (lambda: short(UG, "JIN2026-0743", 1, logged(UG, "JIN2026-0743", "REEF-KSM")), lambda: units_credit(UG, "JIN2026-0743", 1, 2)),
 "b101-ug-bukoba-trip-missing": (lambda: short(UG, "JIN2026-0701", 1, logged(UG, "JIN2026-0701", "REEF-EBB")), lambda: units_credit(UG, "JIN2026-0701", 1, 1)),
 "b101-ug-bukoba-swift-paid": (lambda: unapplied_payment(UG, "JIN2026-0722", "2026-10-07", "BLF/SW/2610/0417"), lambda: open_bal(UG, "JIN2026-0722")),
 "b101-ug-bukoba-fuel-surcharge": (lambda: Z if fee_supported(UG, "JIN2026-0745", "Fuel surcharge 8%") else fee_amount(UG, "JIN2026-0745", "Fuel surcharge 8%"), lambda: fee_amount(UG, "JIN2026-0745", "Fuel surcharge 8%")),
 "b101-ug-kisumu-equity-paid": (None, lambda: open_bal(UG, "JIN2026-0754")),
 "b101-ug-dairy-late-fee": (lambda: fee_not_owed(UG, "JIN2026-0696", T_UG), lambda: fee(UG, "JIN2026-0696", "late_fee")),
 "b101-ug-dairy-standby-dates": (None, lambda: units_credit(UG, "JIN2026-0731", 1, 2)),
 "b101-ug-dairy-momo-paid": (lambda: unapplied_payment(UG, "JIN2026-0750", "2026-10-24", "78431226690"), lambda: open_bal(UG, "JIN2026-0750")),
 "b101-ug-ngo-vat-exempt": (lambda: inv_tax(UG, "JIN2026-0706") if tax_exempt(UG, "JIN2026-0706") else Z, lambda: inv_tax(UG, "JIN2026-0706")),
 "b101-ug-kakira-ice-po-price": (lambda: price_diff(UG, "JIN2026-0715", 1), lambda: price_diff(UG, "JIN2026-0715", 1, "185000")),
 "b101-ug-kakira-night-loading": (lambda: Z if fee_supported(UG, "JIN2026-0715", "Night loading surcharge") else fee(UG, "JIN2026-0715", "service_fee"), lambda: fee(UG, "JIN2026-0715", "service_fee")),
 # Toamasina (MGA; EUR 5,080 / 5,125.50; no SCR rate)
 "b101-mg-huilerie-degreaser-short": (lambda: short(MG, "F/26/TMV/0304", 1, delivered(MG, "F/26/TMV/0304", "DEGR-200")), lambda: short(MG, "F/26/TMV/0304", 1, 10)),
 "b101-mg-huilerie-bon-de-commande": (lambda: Z if po_defect(MG, "F/26/TMV/0318") and po_exists_open(MG, "HRE-BC-26-0452") else None, lambda: inv_total(MG, "F/26/TMV/0318")),
 "b101-mg-huilerie-penalites": (lambda: fee_not_owed(MG, "F/26/TMV/0309", T_MG), lambda: fee(MG, "F/26/TMV/0309", "late_fee")),
 "b101-mg-huilerie-savon-fuite": (lambda: units_credit(MG, "F/26/TMV/0331", 1, delivered(MG, "F/26/TMV/0331", "SAVON-5L", "damagedQuantity")), lambda: units_credit(MG, "F/26/TMV/0331", 1, 6)),
 "b101-mg-terminal-hydrocurage-rate": (lambda: price_diff(MG, "F/26/TMV/0307", 1), lambda: price_diff(MG, "F/26/TMV/0307", 1, "400000.00")),
 "b101-mg-terminal-fumigation-twice": (lambda: inv_total(MG, "F/26/TMV/0327") if same_basis_duplicate(MG, "F/26/TMV/0327", "F/26/TMV/0322") else Z, lambda: inv_total(MG, "F/26/TMV/0327")),
 "b101-mg-terminal-virement-paid": (lambda: unapplied_payment(MG, "F/26/TMV/0340", "2026-10-28", "VIR TCE 0340 SEPT"), lambda: open_bal(MG, "F/26/TMV/0340")),
 "b101-mg-vanille-juillet-avant-contrat": (lambda: outside_contract(MG, "F/26/TMV/0312"), lambda: D("1380000.00")),
 "b101-mg-vanille-derat-deux-visites": (lambda: short(MG, "F/26/TMV/0336", 1, logged(MG, "F/26/TMV/0336", "DERAT-VIS")), lambda: units_credit(MG, "F/26/TMV/0336", 1, 2)),
 "b101-mg-vanille-derat-dates": (lambda: dates_credit(MG, "F/26/TMV/0349", 1, "DERAT-VIS", ["2026-09-09", "2026-09-23"]), lambda: units_credit(MG, "F/26/TMV/0349", 1, 2)),
 "b101-mg-vanille-tva": (lambda: Z if tax_exempt(MG, "F/26/TMV/0354") else tax_rate_diff(MG, "F/26/TMV/0354", 1), lambda: inv_tax(MG, "F/26/TMV/0354")),
 "b101-mg-bourbon-cale-price": (lambda: price_diff(MG, "F/26/TMV/0315", 1), lambda: price_diff(MG, "F/26/TMV/0315", 1)),
 "b101-mg-bourbon-hold-not-cleaned": (lambda: short(MG, "F/26/TMV/0301", 1, logged(MG, "F/26/TMV/0301", "CALE-NET")), lambda: units_credit(MG, "F/26/TMV/0301", 1, 1)),
 "b101-mg-bourbon-drum-dented": (None, lambda: units_credit(MG, "F/26/TMV/0344", 2, 1)),
 "b101-mg-mahe-port-call": (lambda: Z if fee_supported(MG, "F/26/TMV/0325", "Frais d'escale / port call handling") else fee(MG, "F/26/TMV/0325", "other"), lambda: fee(MG, "F/26/TMV/0325", "other")),
}
NEEDS_INFO = {
 "b101-ug-kisumu-equity-paid": lambda: nothing_could_be_theirs(UG, "JIN2026-0754", "2026-11-05", "EQ/RTGS/26110519"),
 "b101-ug-dairy-standby-dates": lambda: unserved_dates(UG, "JIN2026-0731", "RFR-STBY", ["2026-09-15", "2026-09-16"]) is None,
 "b101-mg-bourbon-drum-dented": lambda: not has_delivery(MG, "F/26/TMV/0344", "DEGR-200"),
}
WRONG_CUSTOMER = {}
# the first turn of these names an invoice that does not exist; the second corrects it
WRONG_FIRST_NUMBER = {"b101-ug-kisumu-ice-rate": "JIN2026-0689"}

# ---- numbering: INV-AQB-NNNNNN (Aqaba branch, one sequence), JIN2026-NNNN (year of issue, one sequence),
# F/26/TMV/NNNN (two-digit year, Toamasina office, one sequence); sequences follow the issue dates.
import re
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for lgn, pat in ((AQ, r"INV-AQB-\d{6}"), (UG, r"JIN(\d{4})-\d{4}"), (MG, r"F/(\d{2})/TMV/\d{4}")):
    for i in ledgers[lgn]["invoices"]:
        m = re.fullmatch(pat, i["number"])
        if not m: fail(f"{i['number']}: numbering")
        elif m.groups() and not i["issueDate"].replace("-", "").startswith(m.group(1)) and not i["issueDate"][2:4] == m.group(1): fail(f"{i['number']}: year")
    if not seq_ok(ledgers[lgn]["invoices"], lambda i: i["number"]): fail(f"{lgn}: sequence out of date order")
for cid, wrong in WRONG_FIRST_NUMBER.items():
    if any(i["number"] == wrong for lg in ledgers.values() for i in lg["invoices"]): fail(f"{cid}: {wrong} exists")

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
    if not cid.startswith("b101-"): fail(f"{cid}: id prefix")
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
# neverAsks / emailMentions conventions of this batch (README, "Choices")
known_refs = {i["number"] for lg in ledgers.values() for i in lg["invoices"]} | {po["number"] for lg in ledgers.values() for po in lg.get("purchaseOrders", [])}
for c in cases:
    e = c["expect"]
    if "invoice" in e.get("neverAsks", []) and e.get("invoiceNumber") not in c["turns"][0]:
        fail(f"{c['id']}: neverAsks invoice but {e.get('invoiceNumber')} is not in the first turn")
    for m in e.get("emailMentions", []):
        if any(ch.isalpha() for ch in m):
            if m not in known_refs: fail(f"{c['id']}: emailMentions {m} is neither an invoice nor a PO of the ledgers")
            if not any(m in t for t in c["turns"]) and m != e.get("invoiceNumber"): fail(f"{c['id']}: emailMentions {m} appears in no turn")
        elif D(m) >= 1000: fail(f"{c['id']}: emailMentions amount {m} is not below 1,000")
        elif m not in (e.get("supportedAmount"), e.get("disputedAmount")): fail(f"{c['id']}: emailMentions amount {m} is neither the supported nor the disputed amount")
    if e.get("noResolution") and set(e) - {"noResolution", "mustNotHappen"}: fail(f"{c['id']}: noResolution with other checks")
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "-")) for c in cases).items())))
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

