#!/usr/bin/env python3
"""Batch-96 author's cross-check (adapted from batch 54's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once). Prints the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-96/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"XOF": 0, "XAF": 0, "JOD": 3}  # ILS, EUR, USD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()

ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
BF, PS, CF = "sourou-pharma-repartition-xof.ledger.json", "rafidia-tahini-halva-ils.ledger.json", "oubangui-transit-xaf.ledger.json"
T_BF, T_PS, T_CF = "2026-10-22", "2026-11-05", "2026-11-18"
if set(ledgers) != {BF, PS, CF}: fail(f"ledger files: {sorted(ledgers)}")

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
def deductions(lg, cust=None):
    return [(p, x) for p in lg.get("payments", []) for x in p.get("remittance", []) if D(x.get("deducted", "0")) > 0 and (cust is None or p["customerId"] == cust)]

# ---- ledgers: totals, statuses, references, terms, minor digits
INTENDED_WRONG_PO = {"TD26-0866-P"}   # quotes BFO-PO-2261, a PO BFO never issued
for name, lg in ledgers.items():
    cur0 = home(lg)
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    for k, v in lg["policy"]["approvalLimits"].items():
        if not decimals_ok(v, cur0): fail(f"{name}: approval limit {k} digits")
    if "holidayCalendar" in lg.get("policy", {}): fail(f"{name}: holidayCalendar not used in this batch")
    for c in lg.get("contracts", []):
        for p in c["prices"]:
            if not decimals_ok(p["unitPrice"], c["currency"]): fail(f"{name} {c['id']}: price digits")
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
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no rate for {cur}")
        po = i.get("poNumber")
        if po and (po not in pos) != (i["number"] in INTENDED_WRONG_PO): fail(f"{name} {i['number']}: PO {po} reference")
        if po and po in pos and pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
        if po and po in pos and pos[po].get("currency", cur0) != cur: fail(f"{name} {i['number']}: PO currency")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber") and not any(l["sku"] == d["sku"] for l in invoice(lg, d["invoiceNumber"])["lines"]): fail(f"{name} delivery {d['id']}: SKU not billed")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["customerId"] != p["customerId"]: fail(f"{name} payment {p['id']}: another customer's invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p.get("remittance"):
            if sum(D(x["paid"]) for x in p["remittance"]) != D(p["amount"]): fail(f"{name} payment {p['id']}: remittance paid != amount")
            for x in p["remittance"]:
                inv_ = invoice(lg, x["invoiceNumber"])
                if D(x["paid"]) + D(x.get("deducted", "0")) != D(inv_["total"]): fail(f"{name} payment {p['id']}: paid + deducted != invoice total")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if "invoiceNumber" in d: fail(f"{name} past dispute {d['id']}: carries an invoice number (kept in the company currency)")
        for k in ("disputedAmount", "creditedAmount"):
            if k in d and not decimals_ok(d[k], cur0): fail(f"{name} past dispute {d['id']}: {k} digits")
    # Every remittance deduction opens a dispute on import: keep the 90-day repeat count unambiguous for customers
    # that are neither strategic nor already at the threshold (see README).
    today = {BF: T_BF, PS: T_PS, CF: T_CF}[name]
    for c in lg["customers"]:
        past = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == c["id"] and 0 <= days(d["openedDate"], today) < lg["policy"]["repeatDisputeWindowDays"])
        ded = len(deductions(lg, c["id"]))
        if not c.get("strategic") and past < 2 and past + ded + 1 >= lg["policy"]["repeatDisputeCount"]:
            fail(f"{name} {c['id']}: {past} past + {ded} deduction dispute(s) could reach the repeat threshold")

# ---- numbering
def seq_ok(items, key):
    items = sorted(items, key=key)
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
MONTHS = {}
for i in ledgers[BF]["invoices"]:   # NNNN-OUA|BOB-MM.YY, one yearly sequence for both branches, month and year of issue
    m = re.fullmatch(r"(\d{4})-(OUA|BOB)-(\d{2})\.(\d{2})", i["number"])
    if not m or (m.group(3), m.group(4)) != (i["issueDate"][5:7], i["issueDate"][2:4]): fail(f"{i['number']}: not NNNN-BRANCH-MM.YY of its issue date")
if not seq_ok(ledgers[BF]["invoices"], lambda i: i["number"][:4]): fail("BF: sequence out of date order")
for i in ledgers[BF]["invoices"]:
    branch = i["number"][5:8]; cust = i["customerId"]
    if (cust in ("BF-C022", "BF-C063")) != (branch == "BOB"): fail(f"{i['number']}: branch letter vs customer")
if not all(re.fullmatch(r"RTH-\d{5}/26", i["number"]) and i["issueDate"].startswith("2026") for i in ledgers[PS]["invoices"]): fail("PS numbering")
if not seq_ok(ledgers[PS]["invoices"], lambda i: i["number"]): fail("PS: sequence out of date order")
for i in ledgers[CF]["invoices"]:   # TD26-DDDD-P|D: dossier number, P prestations (TVA), D débours (no TVA)
    m = re.fullmatch(r"TD26-(\d{4})-([PD])", i["number"])
    if not m: fail(f"{i['number']}: not TD26-DDDD-P|D"); continue
    if m.group(2) == "D" and any(l.get("taxRate") not in (None, "0") for l in i["lines"]): fail(f"{i['number']}: débours invoice with TVA")
if not seq_ok(ledgers[CF]["invoices"], lambda i: i["number"][5:9]): fail("CF: dossier numbers out of date order")
for a in ledgers[CF]["invoices"]:
    for b in ledgers[CF]["invoices"]:
        if a["number"][5:9] == b["number"][5:9] and (a["customerId"], a["issueDate"]) != (b["customerId"], b["issueDate"]): fail(f"dossier {a['number'][5:9]}: two customers or dates")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def price_diff(lgn, num, n, price=None):      # billed gross - gross at the agreed (or stated) price
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or contract_price(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, n, units):          # billed gross - gross of (billed - units)
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num): return any(d.get("invoiceNumber") == num for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(line(I(lgn, num), n)["quantity"] - counted, 0))
def unserved_dates(lgn, num, sku, dates):
    """Per-day logs decide; a multi-day entry covering a named date cannot (None = needs_info)."""
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    for d in dates:
        if any(s["periodStart"] != s["periodEnd"] and s["periodStart"] <= d <= s["periodEnd"] for s in logs): return None
    return [d for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs)]
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def line_tax(lgn, num, n): i = I(lgn, num); l = line(i, n); return tax(l, net(l, i["currency"]), i["currency"])
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def every_taxed_line_taxed(lgn, num): return all(l.get("taxRate") not in (None, "0") for l in I(lgn, num)["lines"] if D(l.get("taxRate") or "0") > 0)

def late_fee_allowed(lgn, num, today):
    """None without a clause; none when the principal was paid by due + grace; else percentPerMonth of the principal
    unpaid at the end of grace, per started 30-day month from the due date to the settling payment (or today).
    Also checks that counting months from the end of grace would give the same number (the cases avoid the ambiguity)."""
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
    if months != -(-(late - grace) // 30): fail(f"{num}: month count depends on where it starts")
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

def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    key = lambda l: (l["sku"], l["quantity"], D(l["unitPrice"]), l.get("taxRate"))
    return sorted(map(key, a["lines"])) == sorted(map(key, b["lines"])) and not has_delivery(lgn, num)

def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i["poNumber"]), None)
    return po is None or po.get("status") == "cancelled" or po["customerId"] != i["customerId"]

def fee_supported(lgn, num, desc_start, note_words):
    """A fee is owed when the customer's PO lists it (same description, same amount) or the contract's notes name it
    (by `note_words`, the words a reader would look for); nothing else supports a fee."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    f = next(f for f in i["fees"] if f.get("description", "").startswith(desc_start))
    on_po = any(l.get("description", "").lower() == f["description"].lower() and D(l["unitPrice"]) * D(str(l["quantity"])) == D(f["amount"])
                for po in lg.get("purchaseOrders", []) if po["customerId"] == i["customerId"] and po.get("status") != "cancelled" for l in po["lines"])
    in_notes = bool(c and any(w.lower() in c.get("notes", "").lower() for w in note_words))
    return f, (on_po or in_notes)
def fee_not_owed_by_desc(lgn, num, desc_start, note_words):
    f, ok = fee_supported(lgn, num, desc_start, note_words); return D("0") if ok else D(f["amount"])

def unapplied_matching(lgn, num, ref=None, when=None):
    """An unapplied payment of the customer matching the claim: the quoted reference or date, a reference naming the
    invoice, or exactly the open balance. Only applying it is needed; its amount (capped at the open balance) is supported."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"]
          and ((ref and ref in p.get("reference", "")) or (when and p["date"] == when) or num[:4] in p.get("reference", "") or D(p["amount"]) == open_bal(lgn, num))]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num)) if ps else None
def misapplied(lgn, num):
    """A payment applied to another invoice whose reference names this one."""
    lg = ledgers[lgn]; i = I(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and p.get("invoiceNumber") not in (None, num) and num in p.get("reference", "")]
    return min(sum((D(p["amount"]) for p in ps), D("0")), open_bal(lgn, num)) if ps else None
def nothing_unapplied_and_quoted_one_applied(lgn, num, when):
    """The payment the customer quotes is applied to this invoice already, nothing of theirs is unapplied: the open balance is owed."""
    lg = ledgers[lgn]; i = I(lgn, num)
    mine = [p for p in lg["payments"] if p["customerId"] == i["customerId"]]
    quoted = [p for p in mine if p["date"] == when]
    return bool(quoted) and all(p.get("invoiceNumber") == num for p in quoted) and not any(not p.get("invoiceNumber") for p in mine)
def nothing_could_be_theirs(lgn, num):
    """No payment on this invoice, none unapplied, none whose reference names it."""
    lg = ledgers[lgn]; i = I(lgn, num)
    return not any(p.get("invoiceNumber") == num or not p.get("invoiceNumber") or num in p.get("reference", "") for p in lg["payments"] if p["customerId"] == i["customerId"])

def deducted(lgn, num): return sum((D(x["deducted"]) for p, x in deductions(ledgers[lgn]) if x["invoiceNumber"] == num), D("0"))
def early_payment_discount(lgn, num):
    """Contract notes granting 'N % ... within D days of the invoice date'; the payment date decides. None: no clause."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    m = re.search(r"Escompte de (\d+(?:[.,]\d+)?) % pour tout règlement reçu dans les (\d+) jours", c.get("notes", ""))
    if not m: return D("0")
    pct, within = D(m.group(1).replace(",", ".")), int(m.group(2))
    p = next((p for p, x in deductions(lg) if x["invoiceNumber"] == num), None)
    return r(inv_total(lgn, num) * pct / 100, i["currency"]) if p and days(i["issueDate"], p["date"]) <= within else D("0")
def wrong_rate_tax(lgn, num, n):
    """Non-exempt customer: the tax above the rate its other invoices use for the same SKU."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n); cur = i["currency"]
    rates = {x.get("taxRate") or "0" for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]}
    if len(rates) != 1: return None
    usual = D(rates.pop()); n_ = net(l, cur)
    return tax(l, n_, cur) - r(n_ * usual, cur)

Z = D("0")
R = {  # case id: (supported recipe, disputed recipe)
 # Burkina Faso (XOF, 0 digits; EUR 655.957, USD 561.40 / 568.10)
 "b96-bf-wendkuuni-remise-volume": (lambda: price_diff(BF, "0412-OUA-09.26", 1), lambda: price_diff(BF, "0412-OUA-09.26", 1)),
 "b96-bf-wendkuuni-tva-paracetamol": (lambda: wrong_rate_tax(BF, "0431-OUA-10.26", 1), lambda: line_tax(BF, "0431-OUA-10.26", 1)),
 "b96-bf-wendkuuni-escompte": (lambda: early_payment_discount(BF, "0398-OUA-08.26"), lambda: deducted(BF, "0398-OUA-08.26")),
 "b96-bf-wendkuuni-virement-coris": (lambda: unapplied_matching(BF, "0447-OUA-10.26", "CORIS", "2026-10-19"), lambda: open_bal(BF, "0447-OUA-10.26")),
 "b96-bf-cedres-doublon": (lambda: inv_total(BF, "0409-BOB-09.26") if same_basis_duplicate(BF, "0409-BOB-09.26", "0405-BOB-09.26") else Z, lambda: inv_total(BF, "0409-BOB-09.26")),
 "b96-bf-cedres-penalites": (lambda: fee_not_owed(BF, "0367-BOB-07.26", T_BF), lambda: fee(BF, "0367-BOB-07.26", "late_fee")),
 "b96-bf-chr-sans-bon": (lambda: Z if po_defect(BF, "0421-OUA-09.26") else None, lambda: inv_total(BF, "0421-OUA-09.26")),
 "b96-bf-chr-carburant": (lambda: fee_not_owed_by_desc(BF, "0438-OUA-10.26", "Participation carburant", ["carburant", "gasoil"]), lambda: fee(BF, "0438-OUA-10.26", "other")),
 "b96-bf-chr-ov-tresor": (lambda: unapplied_matching(BF, "0214-OUA-05.26", "2026-0811", "2026-08-28"), lambda: open_bal(BF, "0214-OUA-05.26")),
 "b96-bf-ass-tva-exoneration": (lambda: inv_tax(BF, "0418-OUA-09.26") if tax_exempt(BF, "0418-OUA-09.26") else Z, lambda: inv_tax(BF, "0418-OUA-09.26")),
 "b96-bf-ass-sro-mouillees": (lambda: units_credit(BF, "0427-OUA-09.26", 1, delivered(BF, "0427-OUA-09.26", "SRO-BOX", "damagedQuantity")), lambda: units_credit(BF, "0427-OUA-09.26", 1, 8)),
 "b96-bf-hounde-second-virement": (lambda: unapplied_matching(BF, "0440-OUA-10.26", None, "2026-08-20"), lambda: open_bal(BF, "0440-OUA-10.26")),
 "b96-bf-hounde-penalite-retard": (lambda: fee_not_owed(BF, "0362-OUA-07.26", T_BF), lambda: fee(BF, "0362-OUA-07.26", "late_fee")),
 "b96-bf-comoe-escompte": (lambda: early_payment_discount(BF, "0402-BOB-09.26"), lambda: deducted(BF, "0402-BOB-09.26")),
 "b96-bf-comoe-amoxicilline-manquante": (None, lambda: units_credit(BF, "0433-BOB-10.26", 2, 40)),
 # Palestine (ILS; JOD 5.2140 / 5.1870, USD 3.6950 / 3.6720, EUR 4.0120 / 3.9860)
 "b96-ps-shams-misapplied": (lambda: misapplied(PS, "RTH-10361/26"), lambda: open_bal(PS, "RTH-10361/26")),
 "b96-ps-shams-pallet": (lambda: fee_not_owed_by_desc(PS, "RTH-10384/26", "Pallet handling", ["pallet", "handling"]), lambda: fee(PS, "RTH-10384/26", "service_fee")),
 "b96-ps-shams-volume-price": (lambda: price_diff(PS, "RTH-10407/26", 1), lambda: price_diff(PS, "RTH-10407/26", 1)),
 "b96-ps-manara-interest-grace": (lambda: fee_not_owed(PS, "RTH-10339/26", T_PS), lambda: fee(PS, "RTH-10339/26", "late_fee")),
 "b96-ps-manara-returned-cheque": (lambda: fee_not_owed_by_desc(PS, "RTH-10372/26", "Returned cheque", ["returned"]), lambda: fee(PS, "RTH-10372/26", "other")),
 "b96-ps-manara-cash-driver": (None, lambda: open_bal(PS, "RTH-10415/26")),
 "b96-ps-zarqa-broken-jars": (lambda: units_credit(PS, "RTH-10356/26", 1, delivered(PS, "RTH-10356/26", "TAH-450", "damagedQuantity")), lambda: units_credit(PS, "RTH-10356/26", 1, 18)),
 "b96-ps-zarqa-price-deduction": (lambda: price_diff(PS, "RTH-10309/26", 1), lambda: deducted(PS, "RTH-10309/26")),
 "b96-ps-solidaire-eur1": (lambda: fee_not_owed_by_desc(PS, "RTH-10401/26", "Certificat d'origine", ["EUR.1", "certificat"]), lambda: fee(PS, "RTH-10401/26", "service_fee")),
 "b96-ps-shams-vat-18": (lambda: wrong_rate_tax(PS, "RTH-10398/26", 1), lambda: wrong_rate_tax(PS, "RTH-10398/26", 1)),
 "b96-ps-solidaire-cartons": (lambda: short(PS, "RTH-10366/26", 1, delivered(PS, "RTH-10366/26", "TAH-450")), lambda: units_credit(PS, "RTH-10366/26", 1, 24)),
 "b96-ps-solidaire-prix-pistache": (lambda: price_diff(PS, "RTH-10403/26", 1), lambda: price_diff(PS, "RTH-10403/26", 1, "20.40")),
 "b96-ps-gulfpantry-fuel-po": (lambda: fee_not_owed_by_desc(PS, "RTH-10380/26", "Crossing fuel", ["fuel surcharge"]), lambda: fee(PS, "RTH-10380/26", "other")),
 "b96-ps-gulfpantry-late-interest": (lambda: fee_not_owed(PS, "RTH-10335/26", T_PS), lambda: fee(PS, "RTH-10335/26", "late_fee")),
 "b96-ps-gulfpantry-duplicate": (lambda: inv_total(PS, "RTH-10413/26") if same_basis_duplicate(PS, "RTH-10413/26", "RTH-10411/26") else Z, lambda: inv_total(PS, "RTH-10413/26")),
 "b96-ps-tamkeen-exempt-vat": (lambda: inv_tax(PS, "RTH-10390/26") if tax_exempt(PS, "RTH-10390/26") else Z, lambda: inv_tax(PS, "RTH-10390/26")),
 "b96-ps-tamkeen-cancelled-po": (lambda: Z if po_defect(PS, "RTH-10419/26") else None, lambda: inv_total(PS, "RTH-10419/26")),
 # Central African Republic (XAF, 0 digits; EUR 655.957, USD 566.80 / 572.35)
 "b96-cf-abakar-surcharge": (lambda: fee_not_owed_by_desc(CF, "TD26-0871-P", "Surcharge gasoil", ["surcharge", "gasoil", "carburant"]), lambda: fee(CF, "TD26-0871-P", "other")),
 "b96-cf-abakar-doublon": (lambda: inv_total(CF, "TD26-0863-P") if same_basis_duplicate(CF, "TD26-0863-P", "TD26-0858-P") else Z, lambda: inv_total(CF, "TD26-0863-P")),
 "b96-cf-abakar-lenteur": (lambda: short(CF, "TD26-0846-P", 1, logged(CF, "TD26-0846-P", "DEDOUAN")), lambda: line_gross(CF, "TD26-0846-P", 1)),
 "b96-cf-amo-tva": (lambda: inv_tax(CF, "TD26-0852-P") if tax_exempt(CF, "TD26-0852-P") else Z, lambda: inv_tax(CF, "TD26-0852-P")),
 "b96-cf-amo-escorte-dates": (None, lambda: units_credit(CF, "TD26-0879-P", 1, 2)),
 "b96-cf-bts-camions": (lambda: short(CF, "TD26-0868-P", 1, delivered(CF, "TD26-0868-P", "TRANS-40")), lambda: units_credit(CF, "TD26-0868-P", 1, 2)),
 "b96-cf-bts-frais-gestion": (lambda: fee_not_owed_by_desc(CF, "TD26-0868-D", "Frais de gestion", ["frais de gestion"]), lambda: fee(CF, "TD26-0868-D", "service_fee")),
 "b96-cf-bfo-magasinage": (lambda: short(CF, "TD26-0874-P", 1, logged(CF, "TD26-0874-P", "MAGAS")), lambda: units_credit(CF, "TD26-0874-P", 1, 6)),
 "b96-cf-bfo-bc-inconnu": (lambda: Z if po_defect(CF, "TD26-0866-P") else None, lambda: inv_total(CF, "TD26-0866-P")),
 "b96-cf-bfo-solde": (lambda: Z if nothing_unapplied_and_quoted_one_applied(CF, "TD26-0839-P", "2026-10-12") else None, lambda: open_bal(CF, "TD26-0839-P")),
 "b96-cf-barka-interets": (lambda: fee_not_owed(CF, "TD26-0831-P", T_CF), lambda: fee(CF, "TD26-0831-P", "late_fee")),
 "b96-cf-barka-tva-debours": (lambda: wrong_rate_tax(CF, "TD26-0857-P", 3), lambda: line_tax(CF, "TD26-0857-P", 3)),
 "b96-cf-sfl-tarif-export": (lambda: price_diff(CF, "TD26-0834-P", 1), lambda: price_diff(CF, "TD26-0834-P", 1)),
 "b96-cf-sfl-hors-contrat": (lambda: outside_contract(CF, "TD26-0881-P"), lambda: inv_total(CF, "TD26-0881-P")),
}
NEEDS_INFO = {
 "b96-bf-comoe-amoxicilline-manquante": lambda: not has_delivery(BF, "0433-BOB-10.26"),
 "b96-ps-manara-cash-driver": lambda: nothing_could_be_theirs(PS, "RTH-10415/26"),
 "b96-cf-amo-escorte-dates": lambda: unserved_dates(CF, "TD26-0879-P", "ESCORTE", ["2026-10-14", "2026-10-15"]) is None,
}
# a line wrongly taxed while another taxed line is right: a credit, not a re-bill
PARTIAL_TAX = {"b96-bf-wendkuuni-tva-paracetamol": (BF, "0431-OUA-10.26"), "b96-ps-shams-vat-18": (PS, "RTH-10398/26"), "b96-cf-barka-tva-debours": (CF, "TD26-0857-P")}
for cid, (lgn, num) in PARTIAL_TAX.items():
    taxed = [l for l in I(lgn, num)["lines"] if D(l.get("taxRate") or "0") > 0]
    wrong = [l for l in taxed if wrong_rate_tax(lgn, num, l["line"])]
    if not (wrong and len(wrong) < len(taxed)) or tax_exempt(lgn, num): fail(f"{cid}: not a one-line tax error on a taxable customer")

ADMIN_DEFECT = {"missing_po"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0)

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
TODAY = {BF: T_BF, PS: T_PS, CF: T_CF}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b96-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today {c['today']}")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    named = {w for t in c["turns"] for w in re.findall(r"[0-9A-Z][0-9A-Z./-]*[0-9A-Z]", t) if w in nums}
    if "invoice" in e.get("neverAsks", []) and not any(n in c["turns"][0] for n in nums) and not e.get("noResolution"):
        fail(f"{cid}: neverAsks invoice but the first turn names no invoice")
    for m in e.get("emailMentions", []):
        if re.fullmatch(r"[0-9.]+", m) and D(m) >= 1000: fail(f"{cid}: emailMentions amount {m} not below 1,000")
    if e.get("noResolution"):
        if named: fail(f"{cid}: noResolution but it names an existing invoice {named}")
        continue
    if "invoiceNumber" not in e:
        if set(e) - {"mustNotHappen", "neverAsks"}: fail(f"{cid}: checks without an invoice")
        continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    if num not in c["turns"][-1] and not any(num in t for t in c["turns"]): fail(f"{cid}: {num} never named")
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if not 0 < disputed <= open_bal(lgn, num): fail(f"{cid}: disputed {disputed} not within the open balance {open_bal(lgn, num)}")
    cl, act = e.get("classification"), e.get("action")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
        supported = None
    else:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found nothing"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        owed = to_company(lgn, num, disputed - supported)
        wo = cl in ("invalid", "partial") and owed < D(lg["policy"]["writeOffBelow"])
        if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
        if not wo:
            reason = e.get("reasonCode")
            want = ("apply_payment" if reason == "already_paid" and cl == "valid" else
                    "cancel_and_rebill" if defect or (reason == "tax_error" and tax_exempt(lgn, num) and every_taxed_line_taxed(lgn, num)) else
                    "no_adjustment" if cl == "invalid" else "credit_memo")
            if act != want: fail(f"{cid}: action {act}, rules give {want}")
        if act in ("credit_memo", "write_off") and disputed > open_bal(lgn, num): fail(f"{cid}: money moved above the open balance")
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    moved = to_company(lgn, num, supported) if act == "credit_memo" else None
    legal = e.get("reasonCode") == "contract_terms" and conv >= D(pol["legalEscalationAmount"])
    esc = (conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic"))
           or recent >= pol["repeatDisputeCount"] or legal or (moved is not None and moved > D(pol["approvalLimits"]["lead"])))
    if esc != e.get("escalation"): fail(f"{cid}: escalation {e.get('escalation')} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")
    if legal and "legal" not in e.get("stakeholders", []): fail(f"{cid}: legal escalation expected")
    if e.get("reasonCode") is None and ("stakeholders" in e): fail(f"{cid}: stakeholders without a reason")

# ---- first stakeholder against DOMAIN.md's routing table; tallies quoted in the README
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and e.get("stakeholders") != [TEAM[e["reasonCode"]]]:
        fail(f"{c['id']}: stakeholders {e.get('stakeholders')} are not the routing table's first team {TEAM[e['reasonCode']]}")
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {sum(cnt.values())} cases {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")), " turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
