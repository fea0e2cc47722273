#!/usr/bin/env python3
"""Batch-67 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats, quantities included), independently of the product,
and checks the ledgers' totals, statuses, references, terms and numbering, and the classification /
action / write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at
the latest rate on or before the invoice date, half-up once; no rate: escalate). Prints the mismatches
and the tallies quoted in the README; exit 1 if any mismatch.
Usage: python3 evals/heldout/batch-67/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "KRW": 0}  # FKP, ILS, ZWG, USD, TWD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
def q(x): return D(str(x))                      # a JSON quantity as an exact decimal
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
FK, IL, ZW = "port-harriet-fisheries-fkp.ledger.json", "neve-zohar-minerals-ils.ledger.json", "sebakwe-ferroalloys-zwg.ledger.json"
T_FK, T_IL, T_ZW = "2026-11-18", "2026-11-24", "2026-11-12"
TODAY = {FK: T_FK, IL: T_IL, ZW: T_ZW}

try:  # the shared JSON Schema, when jsonschema is installed
    import jsonschema
    schema = json.load(open(os.path.join(HERE, "../../../../shared/contract/ledger.schema.json"), encoding="utf-8"))
    for name, lg in ledgers.items():
        for e in jsonschema.Draft202012Validator(schema).iter_errors(lg): fail(f"{name}: schema: {e.message}")
except (ImportError, FileNotFoundError):
    print("  (jsonschema or the shared schema not available: JSON Schema not checked)")

def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * q(l["quantity"] if qty is None else qty), cur)
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
NO_RATE_CURRENCIES = {IL: {"TWD"}}          # Hung Yi is billed in TWD and the ledger has no TWD rate, on purpose
INTENDED_WRONG_PO = {"305/20457"}          # quotes DS-PO-2610-080, which Dasol never issued
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
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: due date not on contract terms")
        has_rate = any(x["currency"] == cur for x in lg.get("fxRates", []))
        if cur != cur0 and has_rate == (cur in NO_RATE_CURRENCIES.get(name, set())): fail(f"{name} {i['number']}: rate for {cur}")
        po = i.get("poNumber")
        if po and (po not in pos) != (i["number"] in INTENDED_WRONG_PO): fail(f"{name} {i['number']}: PO {po} reference")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        if po and po in pos and pos[po].get("currency", cur) != cur: fail(f"{name} {i['number']}: PO in another currency")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
        if p > t: fail(f"{name} {i['number']}: overpaid")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if q(d.get("damagedQuantity", 0)) > q(d["quantity"]): fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber") and not any(l["sku"] == d["sku"] for l in invoice(lg, d["invoiceNumber"])["lines"]): fail(f"{name} delivery {d['id']}: SKU not billed")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("remittance"): fail(f"{name} payment {p['id']}: no remittance deductions in this batch")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d.get("invoiceNumber"): fail(f"{name} past dispute {d['id']}: past disputes carry no invoice number here")

# ---- numbering
# FK: PH/26-Wnn/ss, nn = ISO week of the issue date, ss = sequence within that week, increasing with the date.
weeks = {}
for i in ledgers[FK]["invoices"]:
    m = re.fullmatch(r"PH/26-W(\d{2})/(\d{2})", i["number"])
    if not m or int(m.group(1)) != date.fromisoformat(i["issueDate"]).isocalendar()[1] or not i["issueDate"].startswith("2026"):
        fail(f"{i['number']}: not PH/26-W<ISO week of {i['issueDate']}>/ss")
    else: weeks.setdefault(m.group(1), []).append((int(m.group(2)), i["issueDate"]))
for w, v in weeks.items():
    v.sort()
    if any(a[1] > b[1] or a[0] == b[0] for a, b in zip(v, v[1:])): fail(f"FK week {w}: sequence out of date order")
# IL: 305/nnnnn (document type 305 = tax invoice), one running sequence in date order.
v = sorted((int(i["number"].split("/")[1]), i["issueDate"]) for i in ledgers[IL]["invoices"] if re.fullmatch(r"305/\d{5}", i["number"]))
if len(v) != len(ledgers[IL]["invoices"]): fail("IL numbering")
if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail("IL: sequence out of date order")
# ZW: SFA-YYMMDD-nn, the issue date and a daily sequence.
for i in ledgers[ZW]["invoices"]:
    m = re.fullmatch(r"SFA-(\d{2})(\d{2})(\d{2})-(\d{2})", i["number"])
    if not m or f"20{m.group(1)}-{m.group(2)}-{m.group(3)}" != i["issueDate"]: fail(f"{i['number']}: not SFA-<issue date>-nn")

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
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = q(l["quantity"]) - q(units)
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum((q(d.get(field, 0)) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku), D("0"))
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum((q(s["quantity"]) for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered"), D("0"))
def billed_qty(lgn, num, n): return q(line(I(lgn, num), n)["quantity"])
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(billed_qty(lgn, num, n) - q(counted), D("0")))
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
def misapplied_payment(lgn, num):
    """A payment of the customer applied to another invoice whose reference names this one: cash application's mistake."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and p.get("invoiceNumber") not in (None, num) and num in p.get("reference", "")]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num))
def nothing_could_be_theirs(lgn, num, when):
    """No payment of the customer on this invoice, none unapplied, none on the date they quote, none naming the invoice."""
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    mine = [p for p in lg["payments"] if p["customerId"] == cust]
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or p["date"] == when or num in p.get("reference", "") for p in mine)

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], q(x["quantity"]), D(x["unitPrice"])) == (y["sku"], q(y["quantity"]), D(y["unitPrice"]))
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"]) and a.get("fees") == b.get("fees")

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled"

def words(s): return sorted(w for w in "".join(ch if ch.isalnum() else " " for ch in s.lower()).split() if len(w) > 2)
def fee_on_po(lgn, num, t):
    """The customer's own PO lists the fee: same description (or SKU) at that price."""
    lg = ledgers[lgn]; i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] != i["customerId"] or po.get("status") == "cancelled": continue
        for l in po["lines"]:
            if words(l.get("description", l["sku"])) == words(f.get("description", "")) and D(l["unitPrice"]) * q(l["quantity"]) == D(f["amount"]): return True
    return False
def fee_in_contract_notes(lgn, num, t, phrase):
    lg = ledgers[lgn]; c = contract_of(lg, I(lgn, num))
    return bool(c and phrase.lower() in c.get("notes", "").lower())
def line_supported(lgn, num, n):
    """A line is supported by a PO line with its SKU, a delivery or a service log for it, or the contract's price for it."""
    lg = ledgers[lgn]; i = I(lgn, num); sku = line(i, n)["sku"]
    po = po_of(lgn, num)
    return bool((po and any(l["sku"] == sku for l in po["lines"])) or has_delivery(lgn, num, sku)
                or any(s.get("invoiceNumber") == num and s["sku"] == sku for s in lg.get("serviceLogs", [])) or contract_price(lgn, num, sku))
def usual_rate_tax_diff(lgn, num, n, claimed_rate):
    """Not exempt: the tax owed is at the rate the customer's other invoices use for the SKU (else the line's own)."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n); cur = i["currency"]
    others = [x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]]
    usual = others[0] if others and all(o == others[0] for o in others) else l.get("taxRate")
    n_ = net(l, cur)
    return max(tax(l, n_, cur) - tax(l, n_, cur, usual), D("0")), tax(l, n_, cur) - tax(l, n_, cur, claimed_rate)

Z = D("0")
R = {
 # Falkland Islands (FKP; USD 0.7410 / 0.7465, JPY 0.00495 / 0.00502)
 "b67-fk-marusei-four-cartons": (lambda: short(FK, "PH/26-W33/05", 1, delivered(FK, "PH/26-W33/05", "LOL-L-10")), lambda: units_credit(FK, "PH/26-W33/05", 1, 4)),
 "b67-fk-marusei-m-for-l": (lambda: short(FK, "PH/26-W37/04", 2, delivered(FK, "PH/26-W37/04", "LOL-L-10")),
                            lambda: (D(contract_price(FK, "PH/26-W37/04", "LOL-L-10")) - D(contract_price(FK, "PH/26-W37/04", "LOL-M-10"))) * (billed_qty(FK, "PH/26-W37/04", 2) - delivered(FK, "PH/26-W37/04", "LOL-L-10"))),
 "b67-fk-marusei-cold-store-week": (lambda: short(FK, "PH/26-W41/06", 1, logged(FK, "PH/26-W41/06", "COLD-PW")), lambda: units_credit(FK, "PH/26-W41/06", 1, 24)),
 "b67-fk-marusei-no-chumon": (lambda: Z if po_defect(FK, "PH/26-W45/03") else None, lambda: inv_total(FK, "PH/26-W45/03")),
 "b67-fk-gukje-crushed-cartons": (lambda: units_credit(FK, "PH/26-W34/02", 1, delivered(FK, "PH/26-W34/02", "ILX-L-12", "damagedQuantity")), lambda: units_credit(FK, "PH/26-W34/02", 1, 60)),
 "b67-fk-gukje-m-price": (lambda: price_diff(FK, "PH/26-W38/07", 1), lambda: price_diff(FK, "PH/26-W38/07", 1)),
 "b67-fk-gukje-feeder-freight": (lambda: Z if fee_on_po(FK, "PH/26-W42/03", "freight") else fee(FK, "PH/26-W42/03", "freight"), lambda: fee(FK, "PH/26-W42/03", "freight")),
 "b67-fk-dongnam-broken-lamps": (lambda: units_credit(FK, "PH/26-W32/02", 1, delivered(FK, "PH/26-W32/02", "LAMP-4K", "damagedQuantity")), lambda: units_credit(FK, "PH/26-W32/02", 1, 9)),
 "b67-fk-dongnam-second-vessel": (lambda: short(FK, "PH/26-W36/04", 1, delivered(FK, "PH/26-W36/04", "JIG-LUM-65")), lambda: short(FK, "PH/26-W36/04", 1, 180)),
 "b67-fk-dongnam-trays-twice": (lambda: inv_total(FK, "PH/26-W41/02") if same_basis_duplicate(FK, "PH/26-W41/02", "PH/26-W40/03") else Z, lambda: inv_total(FK, "PH/26-W41/02")),
 "b67-fk-hsinfeng-late-charge": (lambda: fee_not_owed(FK, "PH/26-W33/03", T_FK), lambda: fee(FK, "PH/26-W33/03", "late_fee")),
 "b67-fk-hsinfeng-lamp-last-season": (lambda: price_diff(FK, "PH/26-W28/04", 1), lambda: price_diff(FK, "PH/26-W28/04", 1, "205.00")),
 "b67-fk-hsinfeng-mono-rolls": (None, lambda: units_credit(FK, "PH/26-W45/02", 2, 50)),
 "b67-fk-lafonia-october-storage": (lambda: outside_contract(FK, "PH/26-W43/02"), lambda: inv_total(FK, "PH/26-W43/02")),
 "b67-fk-lafonia-bacs": (lambda: unapplied_payment(FK, "PH/26-W37/02", "2026-10-08"), lambda: open_bal(FK, "PH/26-W37/02")),
 "b67-fk-lafonia-mixed-lots": (lambda: short(FK, "PH/26-W38/03", 1, logged(FK, "PH/26-W38/03", "COLD-PW")), lambda: inv_total(FK, "PH/26-W38/03")),
 # Israel (ILS; USD 3.6200 / 3.5850, KRW 0.002580 / 0.002545, no TWD rate)
 "b67-il-dasol-cracked-pails": (lambda: units_credit(IL, "305/20402", 2, delivered(IL, "305/20402", "MUD-20", "damagedQuantity")), lambda: units_credit(IL, "305/20402", 2, 20)),
 "b67-il-dasol-bigbag-weight": (lambda: short(IL, "305/20426", 2, delivered(IL, "305/20426", "DSS-BB1T")), lambda: units_credit(IL, "305/20426", 2, D("0.36"))),
 "b67-il-dasol-2027-price": (lambda: price_diff(IL, "305/20441", 1), lambda: price_diff(IL, "305/20441", 1)),
 "b67-il-dasol-po-number-wrong": (lambda: Z if po_defect(IL, "305/20457") else None, lambda: inv_total(IL, "305/20457")),
 "b67-il-kusatsu-fine-refused": (lambda: short(IL, "305/20409", 1, delivered(IL, "305/20409", "DSS-C25")), lambda: units_credit(IL, "305/20409", 1, 40)),
 "b67-il-kusatsu-caked-flakes": (lambda: units_credit(IL, "305/20428", 2, delivered(IL, "305/20428", "MGF-25", "damagedQuantity")), lambda: units_credit(IL, "305/20428", 2, 24)),
 "b67-il-kusatsu-fine-salt-price": (lambda: price_diff(IL, "305/20428", 1), lambda: price_diff(IL, "305/20428", 1, "39.00")),
 "b67-il-kusatsu-tt-sent": (lambda: unapplied_payment(IL, "305/20448", "2026-11-17"), lambda: open_bal(IL, "305/20448")),
 "b67-il-hungyi-mask-cartons": (lambda: short(IL, "305/20421", 2, delivered(IL, "305/20421", "MASK-250")), lambda: units_credit(IL, "305/20421", 2, 4)),
 "b67-il-hungyi-pail-price": (lambda: price_diff(IL, "305/20446", 2), lambda: price_diff(IL, "305/20446", 2)),
 "b67-il-altan-late-fee": (lambda: fee_not_owed(IL, "305/20413", T_IL), lambda: fee(IL, "305/20413", "late_fee")),
 "b67-il-altan-pallet-charge": (lambda: Z if line_supported(IL, "305/20435", 2) else line_gross(IL, "305/20435", 2), lambda: line_gross(IL, "305/20435", 2)),
 "b67-il-altan-mud-not-arrived": (None, lambda: units_credit(IL, "305/20452", 2, 100)),
 "b67-il-coralbay-eilat-vat": (lambda: inv_tax(IL, "305/20419") if tax_exempt(IL, "305/20419") else Z, lambda: inv_tax(IL, "305/20419")),
 "b67-il-coralbay-mask-price": (lambda: price_diff(IL, "305/20388", 1), lambda: price_diff(IL, "305/20388", 1, "1365.00")),
 # Zimbabwe (ZWG; USD 26.9500 / 27.1800, JPY 0.1795 / 0.1812)
 "b67-zw-kinuura-nagoya-weight": (lambda: short(ZW, "SFA-260717-01", 1, delivered(ZW, "SFA-260717-01", "HCFC-L")), lambda: units_credit(ZW, "SFA-260717-01", 1, D("1.28"))),
 "b67-zw-kinuura-sized-price": (lambda: price_diff(ZW, "SFA-260911-01", 1), lambda: price_diff(ZW, "SFA-260911-01", 1)),
 "b67-zw-kinuura-inspection-share": (lambda: Z if fee_in_contract_notes(ZW, "SFA-261009-01", "other", "Independent inspection at Beira (weight and Cr assay)") else fee(ZW, "SFA-261009-01", "other"), lambda: fee(ZW, "SFA-261009-01", "other")),
 "b67-zw-daehwa-torn-bags": (lambda: units_credit(ZW, "SFA-260807-01", 1, delivered(ZW, "SFA-260807-01", "HCFC-L", "damagedQuantity")), lambda: units_credit(ZW, "SFA-260807-01", 1, 6)),
 "b67-zw-daehwa-fines-second-lot": (lambda: short(ZW, "SFA-260918-02", 1, delivered(ZW, "SFA-260918-02", "HCFC-F")), lambda: short(ZW, "SFA-260918-02", 1, 180)),
 "b67-zw-daehwa-paid-sized": (lambda: misapplied_payment(ZW, "SFA-260828-01"), lambda: open_bal(ZW, "SFA-260828-01")),
 "b67-zw-taiyang-interest": (lambda: fee_not_owed(ZW, "SFA-260724-01", T_ZW), lambda: fee(ZW, "SFA-260724-01", "late_fee")),
 "b67-zw-taiyang-own-weighbridge": (lambda: short(ZW, "SFA-260925-01", 1, delivered(ZW, "SFA-260925-01", "HCFC-L")), lambda: short(ZW, "SFA-260925-01", 1, D("147.32"))),
 "b67-zw-taiyang-invoiced-again": (lambda: inv_total(ZW, "SFA-261023-01") if same_basis_duplicate(ZW, "SFA-261023-01", "SFA-260925-01") else Z, lambda: inv_total(ZW, "SFA-261023-01")),
 "b67-zw-darkhan-23-bags": (lambda: short(ZW, "SFA-260814-02", 1, delivered(ZW, "SFA-260814-02", "HCFC-S")), lambda: units_credit(ZW, "SFA-260814-02", 1, 1)),
 "b67-zw-darkhan-rail-freight": (lambda: Z if (fee_on_po(ZW, "SFA-261005-01", "freight") or fee_in_contract_notes(ZW, "SFA-261005-01", "freight", "freight")) else fee(ZW, "SFA-261005-01", "freight"), lambda: fee(ZW, "SFA-261005-01", "freight")),
 "b67-zw-darkhan-paid-golomt": (None, lambda: open_bal(ZW, "SFA-261030-01")),
 "b67-zw-gweru-wet-bag": (lambda: units_credit(ZW, "SFA-260908-03", 1, delivered(ZW, "SFA-260908-03", "HCFC-F", "damagedQuantity")), lambda: units_credit(ZW, "SFA-260908-03", 1, 1)),
 "b67-zw-gweru-quote-price": (lambda: price_diff(ZW, "SFA-261013-02", 1), lambda: price_diff(ZW, "SFA-261013-02", 1, "33700.00")),
 "b67-zw-gweru-vat-rate": (lambda: usual_rate_tax_diff(ZW, "SFA-261103-02", 1, "0.15")[0], lambda: usual_rate_tax_diff(ZW, "SFA-261103-02", 1, "0.15")[1]),
}
NEEDS_INFO = {
 "b67-fk-hsinfeng-mono-rolls": lambda: not has_delivery(FK, "PH/26-W45/02", "MONO-12"),
 "b67-il-altan-mud-not-arrived": lambda: not has_delivery(IL, "305/20452", "MUD-20"),
 "b67-zw-darkhan-paid-golomt": lambda: nothing_could_be_theirs(ZW, "SFA-261030-01", "2026-11-06"),
}
# Claims that never say the invoice number: the PO they quote, or the only invoice of the customer for those goods.
IDENT = {
 "b67-fk-dongnam-broken-lamps": ("sku", "C-DNF", "LAMP-4K"),
 "b67-fk-gukje-crushed-cartons": ("po", "GJ-2026-044"),
 "b67-il-altan-mud-not-arrived": ("po", "AE-2026/10"),
 "b67-il-dasol-cracked-pails": ("po", "DS-PO-2608-031"),
 "b67-il-hungyi-mask-cartons": ("po", "HY1150903"),
 "b67-il-kusatsu-caked-flakes": ("sku", "C-KYR", "MGF-25"),
 "b67-il-kusatsu-fine-refused": ("po", "KY-26-118"),
 "b67-zw-daehwa-fines-second-lot": ("sku", "C-DSS", "HCFC-F"),
 "b67-zw-daehwa-torn-bags": ("po", "DH-26-0417"),
 "b67-zw-darkhan-23-bags": ("po", "DFF/26/031"),
 "b67-zw-kinuura-nagoya-weight": ("po", "KSS-P-260711"),
}
NO_FIGURES = {"b67-il-dasol-withdrawn", "b67-il-hungyi-question"}   # withdrawn claim, question: only mustNotHappen

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
esc_true = Counter()
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b67-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[\d,]+(\.\d+)?", m) and D(m.replace(",", "")) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    if "invoice" in e.get("neverAsks", []) and e.get("invoiceNumber") not in c["turns"][0]: fail(f"{cid}: neverAsks invoice but turn 1 does not name it")
    if e.get("noResolution"):
        named = [w.strip(".,?:;!\"'()") for t in c["turns"] for w in t.split() if any(ch.isdigit() for ch in w)]
        if any(n in nums for n in named): fail(f"{cid}: noResolution but it names an existing invoice {named}")
        if set(e) != {"noResolution", "mustNotHappen"}: fail(f"{cid}: noResolution case checks more than that")
        continue
    if cid in NO_FIGURES:
        if set(e) != {"mustNotHappen"}: fail(f"{cid}: withdrawn / question case should check only mustNotHappen")
        continue
    if "invoiceNumber" not in e: fail(f"{cid}: no invoice"); continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") and e["customerId"] != inv_["customerId"]: fail(f"{cid}: customerId {e['customerId']} but invoice is {inv_['customerId']}")
    if num not in " ".join(c["turns"]):
        how = IDENT.get(cid)
        if not how: fail(f"{cid}: the invoice number is never said and no identification is declared")
        elif how[0] == "po":
            if how[1] not in " ".join(c["turns"]): fail(f"{cid}: the PO {how[1]} is not said")
            if [i["number"] for i in lg["invoices"] if i.get("poNumber") == how[1]] != [num]: fail(f"{cid}: PO {how[1]} does not point to {num} alone")
        elif [i["number"] for i in lg["invoices"] if i["customerId"] == how[1] and any(l["sku"] == how[2] for l in i["lines"])] != [num]:
            fail(f"{cid}: {how[2]} for {how[1]} does not point to {num} alone")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
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
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        if supported > open_bal(lgn, num): fail(f"{cid}: supported {supported} above the open balance {open_bal(lgn, num)}")
    if cl and cl != "needs_info":
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
            want = {"already_paid": "apply_payment", "missing_po": "cancel_and_rebill"}.get(e.get("reasonCode"), "credit_memo")
            if e.get("reasonCode") == "tax_error" and all(l.get("taxRate") for l in inv_["lines"]): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid with {act}, expected {want}")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    why = [w for w, on in (("no rate", conv is None), ("amount", conv is not None and conv >= D(pol["escalationAmount"])),
                            ("days past due", pastdue > pol["escalationDaysPastDue"]), ("strategic", bool(cust.get("strategic"))),
                            ("repeat", recent >= pol["repeatDisputeCount"])) if on]
    if bool(why) != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {why} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    for w in why: esc_true[w] += 1
    if e.get("reasonCode") == "contract_terms" and conv is not None and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
        fail(f"{cid}: legal escalation expected")

# ---- routing table and tallies quoted in the README
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and e.get("stakeholders", [None])[0] != TEAM[e["reasonCode"]]:
        fail(f"{c['id']}: first stakeholder is not the routing table's {TEAM[e['reasonCode']]}")
by_ledger = {}
for c in cases: by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {sum(cnt.values())} cases {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(Counter(c["expect"].get("reasonCode", "none") for c in cases).most_common()))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print("  escalation:", dict(sorted(Counter(str(c["expect"].get("escalation", "none")) for c in cases).items())), "triggers:", dict(esc_true))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
