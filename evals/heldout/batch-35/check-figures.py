#!/usr/bin/env python3
"""Batch-35 author's cross-check (adapted from batch 24's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references and terms, and the classification / action / write-off /
escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the latest rate on
or before the invoice date, half-up once; no rate: escalate). Prints the mismatches; exit 1 if any.
Also checks the Ethiopian-calendar dates the cases name, that every invoice described without its number is
the only one of its ledger matching the description, and the three numbering schemes.
Usage: python3 evals/heldout/batch-35/check-figures.py"""
import glob, json, os, sys
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0, "UGX": 0}  # ETB, USD, TZS, KES, MGA, EUR: 2
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
NO_RATE = {"ZBS.26.0876"}   # batch 35: the Ugandan customer's UGX invoice has no rate, on purpose
INTENDED_WRONG_PO = set()   # batch 24 has no invoice quoting a PO the customer never issued
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
def deducted(lgn, num):
    return sum((D(r_.get("deducted", "0")) for p in ledgers[lgn].get("payments", []) for r_ in p.get("remittance", []) if r_["invoiceNumber"] == num), D("0"))
def fee_desc(lgn, num, start): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f.get("description", "").startswith(start)), D("0"))
def fee_owed(lgn, num, t, notes_words):
    """A fee is owed when the customer's PO lists it (same description, same amount) or the contract's notes name it."""
    return fee_on_po(lgn, num, t) or fee_in_contract_notes(lgn, num, t, notes_words)

ET, TZ, MG = "gafat-sacks-etb.ledger.json", "ziwa-building-tzs.ledger.json", "tany-mena-agro-mga.ledger.json"
T_ET, T_TZ, T_MG = "2026-11-20", "2026-11-18", "2026-11-25"
# (recipe for the supported amount, recipe for the disputed amount); None where a case checks none.
R = {
 "b35-et-awash-meskerem-price": (lambda: price_diff(ET, "GP-0405/2019", 1), lambda: price_diff(ET, "GP-0405/2019", 1)),
 "b35-et-awash-torn-600": (lambda: units_credit(ET, "GP-0419/2019", 1, delivered(ET, "GP-0419/2019", "PP-50P", "damagedQuantity")), lambda: units_credit(ET, "GP-0419/2019", 1, 600)),
 "b35-et-awash-25kg-count": (lambda: short(ET, "GP-0419/2019", 2, delivered(ET, "GP-0419/2019", "PP-25P")), lambda: short(ET, "GP-0419/2019", 2, 18500)),
 "b35-et-awash-no-po": (lambda: Z if po_defect(ET, "GP-0427/2019") else None, lambda: inv_total(ET, "GP-0427/2019")),
 "b35-et-sidama-paid-cbe": (lambda: unapplied_payment(ET, "GP-0401/2019", "2026-10-30"), lambda: open_bal(ET, "GP-0401/2019")),
 "b35-et-sidama-hawassa-freight": (lambda: Z if fee_owed(ET, "GP-0415/2019", "freight", "freight") else fee(ET, "GP-0415/2019", "freight"), lambda: fee(ET, "GP-0415/2019", "freight")),
 "b35-et-sidama-liners-7500": (lambda: short(ET, "GP-0415/2019", 2, delivered(ET, "GP-0415/2019", "LINER-60")), lambda: short(ET, "GP-0415/2019", 2, 7500)),
 "b35-et-sidama-jute-twice": (lambda: inv_total(ET, "GP-0433/2019") if same_basis_duplicate(ET, "GP-0433/2019", "GP-0431/2019") else Z, lambda: inv_total(ET, "GP-0433/2019")),
 "b35-et-abbay-not-double": (lambda: inv_total(ET, "GP-0408/2019") if same_basis_duplicate(ET, "GP-0408/2019", "GP-0396/2018") else Z, lambda: inv_total(ET, "GP-0408/2019")),
 "b35-et-abbay-october-visits": (lambda: short(ET, "GP-0428/2019", 2, logged(ET, "GP-0428/2019", "SVC-VISIT")), lambda: short(ET, "GP-0428/2019", 2, 2)),
 "b35-et-abbay-retainer-unhappy": (lambda: short(ET, "GP-0428/2019", 1, logged(ET, "GP-0428/2019", "SVC-RETAINER")), lambda: line_gross(ET, "GP-0428/2019", 1)),
 "b35-et-abbay-september-dates": (None, lambda: units_credit(ET, "GP-0410/2019", 1, 2)),
 "b35-et-tesfa-vat": (lambda: inv_tax(ET, "GP-0411/2019") if tax_exempt(ET, "GP-0411/2019") else Z, lambda: inv_tax(ET, "GP-0411/2019")),
 "b35-et-tesfa-dire-dawa-count": (None, lambda: short(ET, "GP-0424/2019", 1, 14200)),
 "b35-et-tadjourah-freight": (lambda: Z if fee_owed(ET, "GP-0399/2018", "freight", "freight charge") else fee(ET, "GP-0399/2018", "freight"), lambda: fee(ET, "GP-0399/2018", "freight")),
 "b35-et-tadjourah-swift": (lambda: unapplied_payment(ET, "GP-0420/2019", "2026-11-12"), lambda: open_bal(ET, "GP-0420/2019")),
 "b35-et-kombolcha-late-fee": (lambda: fee_not_owed(ET, "GP-0391/2018", T_ET), lambda: fee(ET, "GP-0391/2018", "late_fee")),

 "b35-tz-mjengo-buhongwa-burst": (lambda: units_credit(TZ, "ZBS.26.0866", 1, delivered(TZ, "ZBS.26.0866", "CEM-425", "damagedQuantity")), lambda: units_credit(TZ, "ZBS.26.0866", 1, 20)),
 "b35-tz-mjengo-mwanza-site-mabati": (lambda: price_diff(TZ, "ZBS.26.0874", 1), lambda: price_diff(TZ, "ZBS.26.0874", 1, "32000.00")),
 "b35-tz-mjengo-geita-last-week": (lambda: short(TZ, "ZBS.26.0889", 1, delivered(TZ, "ZBS.26.0889", "CEM-325")), lambda: short(TZ, "ZBS.26.0889", 1, 300 + 150)),
 "b35-tz-nyanzaga-crane-17-18": (lambda: units_credit(TZ, "ZBS.26.0858", 1, len(unserved_dates(TZ, "ZBS.26.0858", "CRANE-DAY", ["2026-09-17", "2026-09-18"]))), lambda: units_credit(TZ, "ZBS.26.0858", 1, 2)),
 "b35-tz-nyanzaga-y16-short-pay": (lambda: price_diff(TZ, "ZBS.26.0880", 1), lambda: deducted(TZ, "ZBS.26.0880")),
 "b35-tz-nyanzaga-no-lpo": (lambda: Z if po_defect(TZ, "ZBS.26.0873") else None, lambda: inv_total(TZ, "ZBS.26.0873")),
 "b35-tz-nyakahoja-offloading": (lambda: Z if fee_owed(TZ, "ZBS.26.0861", "service_fee", "Offloading labour") else fee(TZ, "ZBS.26.0861", "service_fee"), lambda: fee(TZ, "ZBS.26.0861", "service_fee")),
 "b35-tz-nyakahoja-paid-tarehe-3": (lambda: unapplied_payment(TZ, "ZBS.26.0881", "2026-11-03"), lambda: open_bal(TZ, "ZBS.26.0881")),
 "b35-tz-kisumu-y12-380": (lambda: short(TZ, "ZBS.26.0869", 2, delivered(TZ, "ZBS.26.0869", "NONDO-12")), lambda: short(TZ, "ZBS.26.0869", 2, 380)),
 "b35-tz-kisumu-twice": (lambda: inv_total(TZ, "ZBS.26.0872") if same_basis_duplicate(TZ, "ZBS.26.0872", "ZBS.26.0869") else Z, lambda: inv_total(TZ, "ZBS.26.0872")),
 "b35-tz-masaka-wet-cement": (lambda: units_credit(TZ, "ZBS.26.0876", 1, delivered(TZ, "ZBS.26.0876", "CEM-425", "damagedQuantity")), lambda: units_credit(TZ, "ZBS.26.0876", 1, 35)),
 "b35-tz-shinyanga-kodi-ya-stoo": (lambda: outside_contract(TZ, "ZBS.26.0882"), lambda: inv_total(TZ, "ZBS.26.0882")),
 "b35-tz-busisi-faini": (lambda: fee_not_owed(TZ, "ZBS.26.0842", T_TZ), lambda: fee(TZ, "ZBS.26.0842", "late_fee")),
 "b35-tz-busisi-mabati-price": (lambda: price_diff(TZ, "ZBS.26.0886", 1), lambda: price_diff(TZ, "ZBS.26.0886", 1, "30000.00")),
 "b35-tz-shinyanga-225-bags": (None, lambda: short(TZ, "ZBS.26.0860", 1, 225)),

 "b35-mg-coop-npk-96": (lambda: short(MG, "TM26/F0388", 1, delivered(MG, "TM26/F0388", "NPK-11")), lambda: short(MG, "TM26/F0388", 1, 96)),
 "b35-mg-coop-uree-8-torn": (lambda: units_credit(MG, "TM26/F0398", 2, delivered(MG, "TM26/F0398", "UREE-46", "damagedQuantity")), lambda: units_credit(MG, "TM26/F0398", 2, 8)),
 "b35-mg-coop-riz-price": (lambda: price_diff(MG, "TM26/F0409", 1), lambda: price_diff(MG, "TM26/F0409", 1, "95000.00")),
 "b35-mg-coop-no-bc": (lambda: Z if po_defect(MG, "TM26/F0421") else None, lambda: inv_total(MG, "TM26/F0421")),
 "b35-mg-lait-labour-30ha": (lambda: short(MG, "TM26/F0403", 1, logged(MG, "TM26/F0403", "LABOUR-HA")), lambda: short(MG, "TM26/F0403", 1, 30)),
 "b35-mg-lait-transport": (lambda: Z if fee_owed(MG, "TM26/F0417", "freight", "transport") else fee(MG, "TM26/F0417", "freight"), lambda: fee(MG, "TM26/F0417", "freight")),
 "b35-mg-ong-25-septambra": (lambda: units_credit(MG, "TM26/F0406", 2, len(unserved_dates(MG, "TM26/F0406", "CONSEIL-V", ["2026-09-25"]))), lambda: units_credit(MG, "TM26/F0406", 2, 1)),
 "b35-mg-ong-october-advice": (lambda: short(MG, "TM26/F0425", 1, logged(MG, "TM26/F0425", "CONSEIL-V")), lambda: line_gross(MG, "TM26/F0425", 1)),
 "b35-mg-pv-outturn-22t": (lambda: short(MG, "TM26/F0410", 1, delivered(MG, "TM26/F0410", "PDT-SEM")), lambda: short(MG, "TM26/F0410", 1, 22)),
 "b35-mg-pv-po-2201-twice": (lambda: inv_total(MG, "TM26/F0414") if same_basis_duplicate(MG, "TM26/F0414", "TM26/F0410") else Z, lambda: inv_total(MG, "TM26/F0414")),
 "b35-mg-rakoto-old-uree-price": (lambda: price_diff(MG, "TM26/F0371", 2), lambda: price_diff(MG, "TM26/F0371", 2, "160000.00")),
 "b35-mg-rakoto-mvola": (lambda: unapplied_payment(MG, "TM26/F0419", "2026-11-05"), lambda: open_bal(MG, "TM26/F0419")),
 "b35-mg-fianar-90-sacs": (None, lambda: short(MG, "TM26/F0411", 1, 90)),
}
# needs_info cases: the document that is missing or cannot decide, checked against the ledger.
NEEDS_INFO = {
 "b35-et-abbay-september-dates": lambda: unserved_dates(ET, "GP-0410/2019", "SVC-VISIT", ["2026-09-17", "2026-09-30"]) is None,
 "b35-et-tesfa-dire-dawa-count": lambda: not has_delivery(ET, "GP-0424/2019", "PP-50W"),
 "b35-tz-shinyanga-225-bags": lambda: not has_delivery(TZ, "ZBS.26.0860", "CEM-425"),
 "b35-mg-fianar-90-sacs": lambda: not has_delivery(MG, "TM26/F0411", "UREE-46"),
}
# Cases where no money may move and the invoice named belongs to someone else.
WRONG_CUSTOMER = {"b35-tz-wrong-customer-0880": (TZ, "ZBS.26.0880", "TZ-BHT")}

# ---- the Ethiopian calendar: every E.C. date a case names, converted independently (13 months: 12 of 30 days and
# Pagume; 1 Meskerem is 11 September, or 12 September before a Gregorian leap year).
ETH_MONTHS = ["Meskerem", "Tikimt", "Hidar", "Tahsas", "Tir", "Yekatit", "Megabit", "Miyazya", "Ginbot", "Sene", "Hamle", "Nehase", "Pagume"]
GEEZ_MONTHS = {"Tikimt": "ጥቅምት", "Meskerem": "መስከረም", "Hidar": "ኅዳር"}
def eth_to_greg(year, month, day):
    gy = year + 7
    leap_next = (gy + 1) % 4 == 0 and ((gy + 1) % 100 != 0 or (gy + 1) % 400 == 0)
    new_year = date(gy, 9, 12 if leap_next else 11)
    return (new_year + timedelta(days=30 * (ETH_MONTHS.index(month)) + day - 1)).isoformat()
def greg_to_eth_year(iso):
    d = date.fromisoformat(iso)
    for y in (d.year - 7, d.year - 8):
        if eth_to_greg(y, "Meskerem", 1) <= iso: return y
ETH_DATES = [  # (case, month, day, E.C. year, Gregorian date it stands for, as the description states)
 ("b35-et-awash-meskerem-price", "Meskerem", 14, 2019, "2026-09-24"),
 ("b35-et-awash-torn-600", "Tikimt", 7, 2019, "2026-10-17"),
 ("b35-et-sidama-paid-cbe", "Tikimt", 20, 2019, "2026-10-30"),
 ("b35-et-sidama-hawassa-freight", "Meskerem", 29, 2019, "2026-10-09"),
 ("b35-et-sidama-jute-twice", "Tikimt", 27, 2019, "2026-11-06"),
 ("b35-et-sidama-jute-twice", "Tikimt", 28, 2019, "2026-11-07"),
 ("b35-et-abbay-september-dates", "Meskerem", 7, 2019, "2026-09-17"),
 ("b35-et-abbay-september-dates", "Meskerem", 20, 2019, "2026-09-30"),
 ("b35-et-abbay-not-double", "Nehase", 28, 2018, "2026-09-03"),
 ("b35-et-tadjourah-swift", "Hidar", 3, 2019, "2026-11-12"),
 ("b35-et-kombolcha-late-fee", "Meskerem", 28, 2019, "2026-10-08"),
 ("b35-et-kombolcha-late-fee", "Nehase", 21, 2018, "2026-08-27"),
]
_cases_by_id = {os.path.basename(p)[:-10]: json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.case.json")}
for cid, mon, day, y, g in ETH_DATES:
    if eth_to_greg(y, mon, day) != g: fail(f"{cid}: {mon} {day}, {y} is {eth_to_greg(y, mon, day)}, not {g}")
    c = _cases_by_id.get(cid)
    if not c: fail(f"{cid}: no such case"); continue
    text = " ".join(c["turns"])
    if f"{mon} {day}" not in text and f"{GEEZ_MONTHS.get(mon, '?')} {day}" not in text and mon not in text:
        fail(f"{cid}: the turns do not name {mon} {day}")
    if f"{mon} {day}" not in c["description"] or g not in c["description"]: fail(f"{cid}: description does not state {mon} {day} = {g}")

# ---- invoices described, not numbered: the description in the turns picks exactly one invoice of the ledger.
def pick(lgn, **k):
    out = []
    for i in ledgers[lgn]["invoices"]:
        if "cust" in k and i["customerId"] != k["cust"]: continue
        if "issued" in k and i["issueDate"] != k["issued"]: continue
        if "month" in k and i["issueDate"][:7] != k["month"]: continue
        if "between" in k and not (k["between"][0] <= i["issueDate"] <= k["between"][1]): continue
        if "sku" in k and not all(any(l["sku"] == s for l in i["lines"]) for s in k["sku"]): continue
        if "po" in k and i.get("poNumber") != k["po"]: continue
        if "site" in k and not any(k["site"] in (l.get("description", "")) for l in i["lines"]): continue
        if "period" in k and (i.get("servicePeriodStart"), i.get("servicePeriodEnd")) != k["period"]: continue
        if "qty" in k and not any(l["quantity"] == k["qty"] for l in i["lines"]): continue
        if "delivered" in k and not any(d.get("invoiceNumber") == i["number"] and d["deliveredDate"] == k["delivered"] for d in ledgers[lgn].get("deliveries", [])): continue
        if "fee" in k and not any(f.get("description", "").startswith(k["fee"]) for f in i.get("fees", [])): continue
        out.append(i["number"])
    return out
DESCRIBED = {
 "b35-et-awash-meskerem-price": (ET, dict(cust="ET-AVF", issued=eth_to_greg(2019, "Meskerem", 14), sku=["PP-25P"])),
 "b35-et-awash-torn-600": (ET, dict(po="AVF-PO-1219", delivered=eth_to_greg(2019, "Tikimt", 7))),
 "b35-et-awash-25kg-count": (ET, dict(cust="ET-AVF", between=("2026-10-10", "2026-10-20"), sku=["PP-25P", "PP-50P"])),
 "b35-et-sidama-paid-cbe": (ET, dict(cust="ET-SHC", month="2026-09", sku=["JUTE-60", "LINER-60"])),
 "b35-et-sidama-hawassa-freight": (ET, dict(cust="ET-SHC", issued=eth_to_greg(2019, "Meskerem", 29), sku=["JUTE-60", "LINER-60"], fee="Freight")),
 "b35-et-sidama-liners-7500": (ET, dict(cust="ET-SHC", month="2026-10", sku=["LINER-60"])),
 "b35-et-sidama-jute-twice": (ET, dict(po="SHC-PO-0977", issued=eth_to_greg(2019, "Tikimt", 28))),
 "b35-et-abbay-october-visits": (ET, dict(cust="ET-ADC", period=("2026-10-01", "2026-10-31"))),
 "b35-et-abbay-retainer-unhappy": (ET, dict(cust="ET-ADC", sku=["SVC-RETAINER"], period=("2026-10-01", "2026-10-31"))),
 "b35-et-abbay-september-dates": (ET, dict(cust="ET-ADC", period=("2026-09-01", "2026-09-30"))),
 "b35-et-tesfa-dire-dawa-count": (ET, dict(po="TRA-PR-2026-131")),
 "b35-et-tadjourah-freight": (ET, dict(cust="ET-THC", month="2026-09")),
 "b35-et-tadjourah-swift": (ET, dict(cust="ET-THC", month="2026-10")),
 "b35-et-kombolcha-late-fee": (ET, dict(cust="ET-KMG", month="2026-08", qty=8000)),
 "b35-tz-mjengo-buhongwa-burst": (TZ, dict(cust="TZ-MJG", site="Buhongwa", sku=["CEM-425"], delivered="2026-10-03")),
 "b35-tz-mjengo-mwanza-site-mabati": (TZ, dict(cust="TZ-MJG", month="2026-10", site="Isamilo", sku=["MAB-G28"])),
 "b35-tz-mjengo-geita-last-week": (TZ, dict(cust="TZ-MJG", between=("2026-11-09", "2026-11-15"), site="Geita")),
 "b35-tz-nyanzaga-crane-17-18": (TZ, dict(cust="TZ-NRG", period=("2026-09-14", "2026-09-19"))),
 "b35-tz-nyanzaga-y16-short-pay": (TZ, dict(cust="TZ-NRG", sku=["NONDO-16"])),
 "b35-tz-nyakahoja-offloading": (TZ, dict(cust="TZ-NMH", month="2026-09", fee="Offloading labour")),
 "b35-tz-nyakahoja-paid-tarehe-3": (TZ, dict(cust="TZ-NMH", between=("2026-10-20", "2026-10-31"), qty=200, sku=["CEM-425"])),
 "b35-tz-kisumu-y12-380": (TZ, dict(cust="TZ-LBK", issued="2026-10-08")),
 "b35-tz-masaka-wet-cement": (TZ, dict(cust="TZ-MHW", issued="2026-10-20")),
 "b35-tz-shinyanga-kodi-ya-stoo": (TZ, dict(cust="TZ-SRM", sku=["STORE-MONTH"], period=("2026-10-01", "2026-10-31"))),
 "b35-tz-busisi-faini": (TZ, dict(cust="TZ-BHT", month="2026-08", sku=["CEM-325"])),
 "b35-tz-busisi-mabati-price": (TZ, dict(cust="TZ-BHT", issued="2026-11-05")),
 "b35-tz-shinyanga-225-bags": (TZ, dict(cust="TZ-SRM", month="2026-09", sku=["CEM-425"])),
 "b35-mg-coop-npk-96": (MG, dict(cust="MG-CVV", issued="2026-09-04")),
 "b35-mg-coop-uree-8-torn": (MG, dict(cust="MG-CVV", delivered="2026-09-19", sku=["UREE-46"])),
 "b35-mg-coop-riz-price": (MG, dict(cust="MG-CVV", issued="2026-10-02")),
 "b35-mg-lait-labour-30ha": (MG, dict(cust="MG-MLF", sku=["LABOUR-HA"], between=("2026-09-20", "2026-10-10"))),
 "b35-mg-lait-transport": (MG, dict(cust="MG-MLF", issued="2026-10-15", fee="Transport")),
 "b35-mg-ong-25-septambra": (MG, dict(cust="MG-TSF", period=("2026-09-01", "2026-09-30"))),
 "b35-mg-ong-october-advice": (MG, dict(cust="MG-TSF", period=("2026-10-01", "2026-10-31"))),
 "b35-mg-pv-outturn-22t": (MG, dict(cust="MG-PVA", between=("2026-10-01", "2026-10-10"))),
 "b35-mg-rakoto-old-uree-price": (MG, dict(cust="MG-RKF", month="2026-06", sku=["UREE-46"])),
 "b35-mg-rakoto-mvola": (MG, dict(cust="MG-RKF", month="2026-10", qty=10)),
 "b35-mg-fianar-90-sacs": (MG, dict(cust="MG-FRZ", issued="2026-10-08")),
}
for cid, (lgn, k) in DESCRIBED.items():
    c = _cases_by_id.get(cid)
    if not c: fail(f"{cid}: no such case"); continue
    got = pick(lgn, **k)
    if got != [c["expect"].get("invoiceNumber")]: fail(f"{cid}: the description picks {got}, expected {c['expect'].get('invoiceNumber')}")

# ---- numbering: Gafat GP-NNNN/YYYY (YYYY = Ethiopian year of the issue date), Ziwa ZBS.YY.NNNN, Tany Mena TMYY/FNNNN;
# one sequence per company, rising with the issue date.
import re
def seq_check(lgn, rx, year_of):
    prev = None
    for i in sorted(ledgers[lgn]["invoices"], key=lambda i: (i["issueDate"], i["number"])):
        m = re.fullmatch(rx, i["number"])
        if not m: fail(f"{i['number']}: numbering"); continue
        seq, yr = int(m.group("seq")), m.group("yr")
        if yr != year_of(i["issueDate"]): fail(f"{i['number']}: year {yr} but issued {i['issueDate']} ({year_of(i['issueDate'])})")
        if prev is not None and seq <= prev: fail(f"{i['number']}: sequence does not rise with the issue date")
        prev = seq
seq_check(ET, r"GP-(?P<seq>\d{4})/(?P<yr>\d{4})", lambda d: str(greg_to_eth_year(d)))
seq_check(TZ, r"ZBS\.(?P<yr>\d{2})\.(?P<seq>\d{4})", lambda d: d[2:4])
seq_check(MG, r"TM(?P<yr>\d{2})/F(?P<seq>\d{4})", lambda d: d[2:4])
NO_RATE_EXPECTED = {"ZBS.26.0876"}
for lgn in ledgers:
    for i in ledgers[lgn]["invoices"]:
        has = i["currency"] == home(ledgers[lgn]) or any(x["currency"] == i["currency"] and x["date"] <= i["issueDate"] for x in ledgers[lgn].get("fxRates", []))
        if has == (i["number"] in NO_RATE_EXPECTED): fail(f"{i['number']}: rate availability not as intended")
    for i in ledgers[lgn]["invoices"]:
        ex = tax_exempt(lgn, i["number"]); taxed = any(l.get("taxRate") for l in i["lines"]); foreign = i["currency"] != home(ledgers[lgn])
        if (ex or foreign) and taxed and i["number"] != "GP-0411/2019": fail(f"{i['number']}: exempt or export invoice taxed")
        if not (ex or foreign) and not taxed: fail(f"{i['number']}: domestic invoice without tax")

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
    if not cid.startswith("b35-"): fail(f"{cid}: id prefix")
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

