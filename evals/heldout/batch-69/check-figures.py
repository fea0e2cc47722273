#!/usr/bin/env python3
"""Batch-69 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once; no rate: escalate). It also checks the case
conventions of this batch (turns, neverAsks, emailMentions, side effects). Prints the tallies and the
mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-69/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "DJF": 0}  # BAM, EUR, MZN, HKD, USD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
BA, MZ, HK = "neretva-obuca-bam.ledger.json", "sondagens-indico-mzn.ledger.json", "lantau-marine-safety-hkd.ledger.json"
if set(ledgers) != {BA, MZ, HK}: fail(f"ledger files {sorted(ledgers)}")
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur): return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else D("0")
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
NO_RATE = {"LSA2607-0561"}   # dated 2026-07-24, before the first EUR rate (2026-08-01), on purpose
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
            if l.get("taxRate") and cur != cur0: fail(f"{name} {i['number']}: foreign-currency export taxed")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if not c: fail(f"{name} {i['number']}: no contract")
        else:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
            for l in i["lines"]:
                if not any(p["sku"] == l["sku"] for p in c["prices"]): fail(f"{name} {i['number']}: {l['sku']} not priced by the contract")
        if cur != cur0:
            has = any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", []))
            if has == (i["number"] in NO_RATE): fail(f"{name} {i['number']}: rate availability for {cur} not as intended")
        po = i.get("poNumber")
        if po and po not in pos: fail(f"{name} {i['number']}: PO {po} not in the ledger")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        tax_exempt_cust = next(x for x in lg["customers"] if x["id"] == i["customerId"]).get("taxExempt")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["customerId"] not in custs: fail(f"{name} log {s['id']}: unknown customer")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- numbering: NNNN-UU/YY (Bosnian style: one yearly sequence, organisational unit 02 = export desk billing
# in EUR, 01 = domestic desk billing in BAM, two-digit year); FA MPMYY/N and FA NACYY/N (Primavera style: document
# type FA, series = Maputo lab or Nacala field office + year, unpadded number, one sequence per series);
# LSA|FFE|RAD + YYMM + '-' + NNNN (service line, month of issue, one sequence); sequences follow issue dates.
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
for i in ledgers[BA]["invoices"]:
    m = re.fullmatch(r"(\d{4})-(0[12])/(\d{2})", i["number"])
    if not m or m.group(3) != i["issueDate"][2:4]: fail(f"{i['number']}: not NNNN-UU/YY of its issue year")
    elif (m.group(2) == "02") != (i["currency"] == "EUR"): fail(f"{i['number']}: unit code vs currency {i['currency']}")
if not seq_ok(ledgers[BA]["invoices"], lambda i: int(i["number"][:4])): fail("BA: sequence out of date order")
for branch in ("MPM", "NAC"):
    v = [i for i in ledgers[MZ]["invoices"] if i["number"].startswith("FA " + branch)]
    for i in v:
        if not re.fullmatch("FA " + branch + i["issueDate"][2:4] + r"/[1-9]\d*", i["number"]): fail(f"{i['number']}: not FA {branch}YY/N")
    if not seq_ok(v, lambda i: int(i["number"].split("/")[1])): fail(f"MZ {branch}: sequence out of date order")
if len(ledgers[MZ]["invoices"]) != sum(1 for i in ledgers[MZ]["invoices"] if i["number"][:6] in ("FA MPM", "FA NAC")): fail("MZ series")
LINE_OF = {"LR-ANN-25": "LSA", "LR-ANN-20": "LSA", "HRU": "LSA", "LB-ANN": "LSA", "LB-5Y": "LSA", "IMS-PT": "LSA", "PYRO": "LSA",
           "FX-SVC": "FFE", "CO2-W": "FFE", "EEBD": "FFE", "GMDSS": "RAD", "VDR-APT": "RAD", "EPIRB-SBM": "RAD"}
for i in ledgers[HK]["invoices"]:
    m = re.fullmatch(r"(LSA|FFE|RAD)(\d{2})(\d{2})-(\d{4})", i["number"])
    if not m or (m.group(2), m.group(3)) != (i["issueDate"][2:4], i["issueDate"][5:7]): fail(f"{i['number']}: not LINE+YYMM-NNNN of its issue month")
    elif any(LINE_OF[l["sku"]] != m.group(1) for l in i["lines"]): fail(f"{i['number']}: service-line prefix vs SKUs")
if not seq_ok(ledgers[HK]["invoices"], lambda i: i["number"][-4:]): fail("HK: sequence out of date order")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
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
def units_credit(lgn, num, n, units):
    """Units at the line's price with the line's tax, as on a credit-memo line; the difference of the
    billed line and the line re-priced for the remaining units must give the same cents (checked)."""
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    units = min(D(str(units)), D(str(l["quantity"])))
    n_ = r(D(l["unitPrice"]) * units, cur); as_line = n_ + tax(l, n_, cur)
    as_diff = gross(l, cur) - gross(l, cur, qty=D(str(l["quantity"])) - units)
    if as_line != as_diff: fail(f"{num} line {n}: {units} units give {as_line} as a credit line but {as_diff} as a difference")
    return as_line
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
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))

def late_fee_allowed(lgn, num, today):
    """None without a clause; none when the principal was paid by due + grace; else percentPerMonth of
    the principal unpaid at the end of grace, per started 30-day month from the due date to the
    settling payment (or today)."""
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
def nothing_could_be_theirs(lgn, num, when, ref):
    """No payment of the customer on this invoice, none unapplied, none on the date, with the reference or the amount they quote."""
    lg = ledgers[lgn]; i = I(lgn, num)
    mine = [p for p in lg["payments"] if p["customerId"] == i["customerId"]]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or ref in p.get("reference", "")
                   or D(p["amount"]) == open_bal(lgn, num) for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"]) == (y["sku"], y["quantity"], y["unitPrice"])
    return all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and len(a["lines"]) == len(b["lines"])

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"

def fee_supported(lgn, num, desc_start, words):
    """A fee is owed when the customer's PO lists it (same description, same amount) or the contract's
    notes name it (by `words`); otherwise nothing supports it."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    f = next(f for f in i["fees"] if f.get("description", "").startswith(desc_start))
    on_po = any(l.get("description", "").lower() == f["description"].lower() and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    in_notes = bool(words) and bool(c) and words.lower() in c.get("notes", "").lower()
    return on_po or in_notes, D(f["amount"])
def fee_not_supported(lgn, num, desc_start, words):
    ok, amount = fee_supported(lgn, num, desc_start, words); return D("0") if ok else amount

T_BA, T_MZ, T_HK = "2026-11-17", "2026-11-24", "2026-12-01"
Z = D("0")
# (supported recipe, disputed recipe); a None supported recipe = needs_info (see NEEDS_INFO)
R = {
 # Bosnia and Herzegovina (BAM; EUR at 1.95583)
 "b69-ba-valdete-wrong-number-6031": (lambda: price_diff(BA, "0421-02/26", 1), lambda: price_diff(BA, "0421-02/26", 1)),
 "b69-ba-brenta-ballerina-recount": (lambda: short(BA, "0426-02/26", 1, delivered(BA, "0426-02/26", "ORL-B455")), lambda: short(BA, "0426-02/26", 1, 1160)),
 "b69-ba-obucalux-scuffed-toes": (lambda: units_credit(BA, "0438-01/26", 1, delivered(BA, "0438-01/26", "ORL-L300", "damagedQuantity")), lambda: units_credit(BA, "0438-01/26", 1, 30)),
 "b69-ba-salentino-interest-one-month": (lambda: fee_not_owed(BA, "0381-02/26", T_BA), lambda: fee(BA, "0381-02/26", "late_fee") - D("180.90")),
 "b69-ba-salentino-october-storage": (lambda: outside_contract(BA, "0440-02/26"), lambda: inv_total(BA, "0440-02/26")),
 "b69-ba-valdete-no-ordine": (lambda: Z if po_defect(BA, "0429-02/26") else None, lambda: inv_total(BA, "0429-02/26")),
 "b69-ba-brenta-twice-same-po": (lambda: inv_total(BA, "0433-02/26") if same_basis_duplicate(BA, "0433-02/26", "0431-02/26") else Z, lambda: inv_total(BA, "0433-02/26")),
 "b69-ba-ljubuski-transfer-6nov": (lambda: unapplied_payment(BA, "0414-01/26", "2026-11-06"), lambda: open_bal(BA, "0414-01/26")),
 "b69-ba-obucalux-pdv-free-zone": (lambda: inv_tax(BA, "0423-01/26") if tax_exempt(BA, "0423-01/26") else Z, lambda: inv_tax(BA, "0423-01/26")),
 "b69-ba-brenta-three-samples": (lambda: short(BA, "0436-02/26", 1, logged(BA, "0436-02/26", "CAMP")), lambda: units_credit(BA, "0436-02/26", 1, 1)),
 "b69-ba-valdete-ex1-fee": (lambda: fee_not_supported(BA, "0427-02/26", "Spese doganali EX1", "Export declaration (EX1)"), lambda: fee(BA, "0427-02/26", "other")),
 "b69-ba-brenta-d210-last-year": (lambda: price_diff(BA, "0402-02/26", 1), lambda: price_diff(BA, "0402-02/26", 1, "10.90")),
 "b69-ba-ljubuski-metri-not-price": (lambda: short(BA, "0435-01/26", 1, logged(BA, "0435-01/26", "REZ-M2")), lambda: short(BA, "0435-01/26", 1, 1180)),
 "b69-ba-valdete-graffiate-no-ddt": (None, lambda: units_credit(BA, "0437-02/26", 1, 24)),
 "b69-ba-obucalux-stitching-unhappy": (lambda: short(BA, "0430-01/26", 1, logged(BA, "0430-01/26", "ORL-L300")), lambda: r(inv_total(BA, "0430-01/26") / 10, "BAM")),
 # Mozambique (MZN; EUR 74.3500 from 2026-07-01, 73.9100 from 2026-10-01)
 "b69-mz-altodouro-spt-rate": (lambda: price_diff(MZ, "FA NAC26/89", 2), lambda: price_diff(MZ, "FA NAC26/89", 2, "1450.00")),
 "b69-mz-ravennate-metri-perforati": (lambda: short(MZ, "FA NAC26/92", 1, logged(MZ, "FA NAC26/92", "SOND-M")), lambda: short(MZ, "FA NAC26/92", 1, 58)),
 "b69-mz-atlantico-cbr-count": (lambda: short(MZ, "FA MPM26/428", 1, logged(MZ, "FA MPM26/428", "LAB-CBR")), lambda: short(MZ, "FA MPM26/428", 1, 9)),
 "b69-mz-atlantico-sepa-paid": (lambda: unapplied_payment(MZ, "FA MPM26/431", "2026-11-05"), lambda: open_bal(MZ, "FA MPM26/431")),
 "b69-mz-vilanculos-juros-grace": (lambda: fee_not_owed(MZ, "FA NAC26/91", T_MZ), lambda: fee(MZ, "FA NAC26/91", "late_fee")),
 "b69-mz-altodouro-sem-requisicao": (lambda: Z if po_defect(MZ, "FA NAC26/95") else None, lambda: inv_total(MZ, "FA NAC26/95")),
 "b69-mz-cooperacao-isencao-iva": (lambda: inv_tax(MZ, "FA MPM26/419") if tax_exempt(MZ, "FA MPM26/419") else Z, lambda: inv_tax(MZ, "FA MPM26/419")),
 "b69-mz-cooperacao-after-contract": (lambda: outside_contract(MZ, "FA MPM26/433"), lambda: inv_total(MZ, "FA MPM26/433")),
 "b69-mz-ravennate-casse-rotte": (lambda: units_credit(MZ, "FA NAC26/94", 1, delivered(MZ, "FA NAC26/94", "CX-CAROT", "damagedQuantity")), lambda: units_credit(MZ, "FA NAC26/94", 1, 20)),
 "b69-mz-ravennate-cpt-doppia": (lambda: inv_total(MZ, "FA NAC26/98") if same_basis_duplicate(MZ, "FA NAC26/98", "FA NAC26/97") else Z, lambda: inv_total(MZ, "FA NAC26/98")),
 "b69-mz-vilanculos-urgencia": (lambda: fee_not_supported(MZ, "FA MPM26/425", "Urgência laboratório", None), lambda: fee(MZ, "FA MPM26/425", "service_fee")),
 "b69-mz-vilanculos-tecnico-dias": (lambda: dates_credit(MZ, "FA NAC26/99", 1, "TEC-DIA", ["2026-10-07", "2026-10-08"]), lambda: units_credit(MZ, "FA NAC26/99", 1, 2)),
 "b69-mz-altodouro-atterberg": (lambda: short(MZ, "FA MPM26/436", 1, logged(MZ, "FA MPM26/436", "LAB-ATT")), lambda: short(MZ, "FA MPM26/436", 1, 15)),
 "b69-mz-vilanculos-proctor-renumbered": (lambda: price_diff(MZ, "FA MPM26/424", 1), lambda: price_diff(MZ, "FA MPM26/424", 1)),
 # Hong Kong (HKD; USD 7.7820 / 7.7750 from 2026-07-01 / 2026-10-01; EUR 9.0450 / 9.1180 from 2026-08-01 / 2026-10-15)
 "b69-hk-kalamitsi-raft-rate": (lambda: price_diff(HK, "LSA2610-0612", 1), lambda: price_diff(HK, "LSA2610-0612", 1)),
 "b69-hk-akamas-hru-count": (lambda: short(HK, "LSA2609-0587", 2, delivered(HK, "LSA2609-0587", "HRU")), lambda: short(HK, "LSA2609-0587", 2, 8)),
 "b69-hk-funchal-lifeboat-15th": (lambda: dates_credit(HK, "LSA2610-0618", 1, "LB-ANN", ["2026-10-15"]), lambda: units_credit(HK, "LSA2610-0618", 1, 1)),
 "b69-hk-akamas-gmdss-twice": (lambda: inv_total(HK, "RAD2610-0609") if same_basis_duplicate(HK, "RAD2610-0609", "RAD2610-0604") else Z, lambda: inv_total(HK, "RAD2610-0609")),
 "b69-hk-kalamitsi-no-req": (lambda: Z if po_defect(HK, "FFE2611-0631") else None, lambda: inv_total(HK, "FFE2611-0631")),
 "b69-hk-marsamxett-paid-september": (None, lambda: open_bal(HK, "RAD2609-0592")),
 "b69-hk-marsamxett-july-rafts": (lambda: price_diff(HK, "LSA2607-0561", 1), lambda: price_diff(HK, "LSA2607-0561", 1)),
 "b69-hk-akamas-interest-one-month": (lambda: max(fee_not_owed(HK, "FFE2609-0583", T_HK) - (fee(HK, "FFE2609-0583", "late_fee") - D("49.58")), Z), lambda: D("49.58")),
 "b69-hk-funchal-courier": (lambda: fee_not_supported(HK, "LSA2610-0623", "Courier of certificates", "courier"), lambda: fee(HK, "LSA2610-0623", "other")),
 "b69-hk-akamas-eebd-torn": (lambda: units_credit(HK, "FFE2611-0628", 1, delivered(HK, "FFE2611-0628", "EEBD", "damagedQuantity")), lambda: units_credit(HK, "FFE2611-0628", 1, 2)),
 "b69-hk-hellas-late-technician": (lambda: short(HK, "FFE2610-0606", 1, logged(HK, "FFE2610-0606", "FX-SVC")) + short(HK, "FFE2610-0606", 2, logged(HK, "FFE2610-0606", "CO2-W")), lambda: D("800.00")),
 "b69-hk-akamas-extinguishers-and-co2": (lambda: min(short(HK, "FFE2610-0611", 1, logged(HK, "FFE2610-0611", "FX-SVC")), short(HK, "FFE2610-0611", 1, 40)) + min(short(HK, "FFE2610-0611", 2, logged(HK, "FFE2610-0611", "CO2-W")), short(HK, "FFE2610-0611", 2, 30)),
                                          lambda: short(HK, "FFE2610-0611", 1, 40) + short(HK, "FFE2610-0611", 2, 30)),
 "b69-hk-hellas-launch-hire": (lambda: fee_not_supported(HK, "LSA2611-0633", "Launch hire", "launch hire"), lambda: fee(HK, "LSA2611-0633", "other")),
 "b69-hk-kalamitsi-vdr-sailed": (lambda: short(HK, "RAD2610-0614", 1, logged(HK, "RAD2610-0614", "VDR-APT")), lambda: units_credit(HK, "RAD2610-0614", 1, 1)),
}
NEEDS_INFO = {
 "b69-ba-valdete-graffiate-no-ddt": lambda: not has_delivery(BA, "0437-02/26", "ORL-6031"),
 "b69-mz-vilanculos-tecnico-dias": lambda: unserved_dates(MZ, "FA NAC26/99", "TEC-DIA", ["2026-10-07", "2026-10-08"]) is None,
 "b69-hk-marsamxett-paid-september": lambda: nothing_could_be_theirs(HK, "RAD2609-0592", "2026-09-30", "MSM-PAY-3091"),
}
# the invoice first named by mistake exists but is not the one disputed (DOMAIN: the one the customer says)
WRONG_FIRST = {"b69-ba-valdete-wrong-number-6031": ("0419-02/26", lambda: price_diff(BA, "0419-02/26", 1) == 0),
               "b69-mz-vilanculos-proctor-renumbered": ("FA MPM26/421", lambda: not any(l["sku"] == "LAB-PROC" for l in I(MZ, "FA MPM26/421")["lines"]))}
ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
INV_RE = re.compile(r"(?<![\w/])(\d{4}-0[12]/\d{2}|(?:FA )?(?:MPM|NAC)\d{2}/\d+|(?:LSA|FFE|RAD)\d{4}-\d{4})(?![\w/-])")
def full(n): return n if n.startswith("FA ") or not n[:3] in ("MPM", "NAC") else "FA " + n
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b69-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    if c["today"] != {BA: T_BA, MZ: T_MZ, HK: T_HK}[lgn]: fail(f"{cid}: today")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    named = [full(m) for t in c["turns"] for m in INV_RE.findall(t)]
    for k in e.get("emailMentions", []):
        if re.fullmatch(r"\d+\.\d+", k) and D(k) >= 1000: fail(f"{cid}: emailMentions amount {k} not below 1,000")
        if not re.fullmatch(r"\d+\.\d+", k) and k not in nums and not any(k == p["number"] for p in lg.get("purchaseOrders", [])): fail(f"{cid}: emailMentions {k} is neither an invoice nor a PO")
    if e.get("noResolution"):
        if any(n in nums for n in named) or not named: fail(f"{cid}: noResolution but it names {named}")
        continue
    for n in named:
        if n not in nums: fail(f"{cid}: names unknown invoice {n}")
    if "invoiceNumber" not in e:   # withdrawn claim or question: nothing to decide, only checks that nothing moves
        if set(e) - {"mustNotHappen", "neverAsks"}: fail(f"{cid}: checks beyond side effects without an invoice")
        if "invoice" in e.get("neverAsks", []) and not INV_RE.search(c["turns"][0]): fail(f"{cid}: neverAsks invoice without one in turn 1")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if ("invoice" in e.get("neverAsks", [])) != (num in c["turns"][0]): fail(f"{cid}: neverAsks invoice iff {num} is in the first turn")
    if "invoice" in e.get("asks", []) and INV_RE.search(c["turns"][0]): fail(f"{cid}: asks invoice although turn 1 names one")
    if "reason" in e.get("asks", []) and "reason" in e.get("neverAsks", []): fail(f"{cid}: reason both asked and never asked")
    if num not in e.get("emailMentions", []): fail(f"{cid}: email should name the invoice")
    if cid in WRONG_FIRST:
        first, ok = WRONG_FIRST[cid]
        if first not in c["turns"][0] or num in c["turns"][0] or not ok(): fail(f"{cid}: the mistaken first invoice is not as described")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") and e["customerId"] != inv_["customerId"]: fail(f"{cid}: customerId {e['customerId']} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if not D("0") < disputed <= inv_total(lgn, num): fail(f"{cid}: disputed {disputed} outside (0, invoice total]")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
        if sup_fn and sup_fn() is not None: fail(f"{cid}: recipe decides a needs_info case")
    else:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no basis"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = e.get("reasonCode") in ADMIN_DEFECT and e.get("action") == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        act = e.get("action")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo and act != ("credit_memo" if cl == "partial" else "no_adjustment"): fail(f"{cid}: action {act} for {cl}")
        if cl == "valid":
            want = {"already_paid": "apply_payment"}.get(e["reasonCode"], "cancel_and_rebill" if defect else "credit_memo")
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
        fail(f"{cid}: legal escalation expected")
    if e["stakeholders"][0] != TEAM[e["reasonCode"]]: fail(f"{cid}: first stakeholder {e['stakeholders'][0]} is not the routing table's {TEAM[e['reasonCode']]}")
    amounts_in_mail = [k for k in e.get("emailMentions", []) if re.fullmatch(r"\d+\.\d+", k)]
    for k in amounts_in_mail:
        if D(k) not in (disputed, D(e.get("supportedAmount", "-1"))): fail(f"{cid}: email amount {k} is neither the disputed nor the supported amount")

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
