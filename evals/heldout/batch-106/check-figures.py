#!/usr/bin/env python3
"""Batch-106 author's cross-check (adapted from batch 102's): recomputes every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
ledgers' totals, statuses, references, terms and numbering, and the classification / action /
write-off / escalation rules of DOMAIN.md, with policy amounts in the company currency (FX at the
latest rate on or before the invoice date, half-up once). Cases without a resolution are checked for
what makes them so (the invoice is absent, belongs to another customer, or nothing is claimed), and
the conversations for their shape (1 to 3 turns, at least 25 of them with 2 or 3).
Prints the tallies and the mismatches; exit 1 if any.
Usage: python3 evals/heldout/batch-106/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"KWD": 3, "BHD": 3, "OMR": 3, "JOD": 3, "TND": 3, "IQD": 3, "LYD": 3, "JPY": 0}  # RON, GBP, UAH, PLN, RSD, EUR: 2
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

RO, UA, RS = "tamplaria-cibin-ron.ledger.json", "granit-bruk-korostyshiv-uah.ledger.json", "hladnjaca-rzav-arilje-rsd.ledger.json"
T_RO, T_UA, T_RS = "2026-11-19", "2026-12-03", "2026-11-27"
if set(ledgers) != {RO, UA, RS}: fail(f"ledgers found: {sorted(ledgers)}")

# The defects the cases are about, written into the ledgers on purpose (everything else must be clean)
ON_PURPOSE = {
 ("VN-26-0445", "terms"),          # 14-day due date on a 45-day contract (b106-ua-ogrody-termin-platnosci)
 ("SB-SRV-00233", "period"),       # October billed on a maintenance contract that ended 30 Sep
 ("0080-U/26", "period"),          # October storage billed on a season contract that ended 30 Sep
 ("VN-26-0426", "po"),             # PO GZ-0815 never issued (theirs is GZ-0851)
 ("SB-CIB-10409", "sku:AUTOMACARA"),  # crane hours priced by the customer's PO, not by the contract
}
NO_CONTRACT = {"RS-PRU"}           # the Novi Sad pastry shop buys on its own POs, which carry the prices

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
    if sum(1 for c in lg["customers"] if c.get("strategic")) != 1: fail(f"{name}: one strategic customer expected")
    if not any(c.get("poRequired") for c in lg.get("contracts", [])): fail(f"{name}: no customer requires a PO")
    if not any(i["currency"] != cur0 for i in lg["invoices"]): fail(f"{name}: no invoice in a foreign currency")
    for i in lg["invoices"]:
        cur, n_ = i["currency"], i["number"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {n_}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {n_}: total {i['total']} != {total(i)}")
        if i["customerId"] not in custs: fail(f"{name} {n_}: unknown customer")
        c = contract_of(lg, i)
        po = pos.get(i.get("poNumber") or "")
        if not c:
            if i["customerId"] not in NO_CONTRACT: fail(f"{name} {n_}: no contract")
            elif not po: fail(f"{name} {n_}: neither contract nor PO")
            else:
                for l in i["lines"]:
                    if not any(x["sku"] == l["sku"] and x["unitPrice"] == l["unitPrice"] for x in po["lines"]): fail(f"{name} {n_}: {l['sku']} not at its PO price")
        else:
            if c["customerId"] != i["customerId"]: fail(f"{name} {n_}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {n_}: currency differs from contract")
            if (days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]) != ((n_, "terms") in ON_PURPOSE): fail(f"{name} {n_}: due date vs contract terms")
            inside = c["startDate"] <= i.get("servicePeriodStart", i["issueDate"]) and i.get("servicePeriodEnd", i["issueDate"]) <= c.get("endDate", "9999")
            if inside == ((n_, "period") in ON_PURPOSE): fail(f"{name} {n_}: billed period vs its contract")
            for l in i["lines"]:
                cp = next((p["unitPrice"] for p in c["prices"] if p["sku"] == l["sku"]), None)
                if (cp is None) != ((n_, "sku:" + l["sku"]) in ON_PURPOSE): fail(f"{name} {n_}: {l['sku']} priced by the contract?")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {n_}: no rate for {cur} on its date")
        pon = i.get("poNumber")
        if pon and (pon not in pos) != ((n_, "po") in ON_PURPOSE): fail(f"{name} {n_}: PO {pon} known?")
        if pon and pon in pos and pos[pon]["customerId"] != i["customerId"]: fail(f"{name} {n_}: PO of another customer")
        p, cr, t = paid(lg, n_), credited(lg, n_), D(i["total"])
        want = "paid" if p + cr >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {n_}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d.get("invoiceNumber"):
            inv = invoice(lg, d["invoiceNumber"])
            if not any(l["sku"] == d["sku"] for l in inv["lines"]): fail(f"{name} delivery {d['id']}: SKU not on its invoice")
            # a delivery may name the PO the invoice should carry (missing on the invoice, or printed wrong on it)
            if d.get("poNumber") and inv.get("poNumber") and d["poNumber"] != inv["poNumber"] and inv["poNumber"] in pos:
                fail(f"{name} delivery {d['id']}: PO differs from its invoice")
            if d.get("poNumber") and (d["poNumber"] not in pos or pos[d["poNumber"]]["customerId"] != inv["customerId"]):
                fail(f"{name} delivery {d['id']}: PO unknown or of another customer")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s.get("invoiceNumber"):
            inv = invoice(lg, s["invoiceNumber"])
            if not (inv.get("servicePeriodStart", "") <= s["periodStart"] and s["periodEnd"] <= inv.get("servicePeriodEnd", "")):
                fail(f"{name} log {s['id']}: outside its invoice's service period")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if any(x.get("deducted") for x in p.get("remittance", [])): fail(f"{name} payment {p['id']}: a deduction would open a dispute of its own")
    for m in lg.get("creditMemos", []):
        if m["invoiceNumber"] not in nums: fail(f"{name} credit memo {m['number']}: unknown invoice")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")

# ---- numbering: SB-CIB-NNNNN (goods) and SB-SRV-NNNNN (service); VN-26-NNNN (vydatkova nakladna) and AVR-26-NNNN
# (akt vykonanykh robit); NNNN-F/26 (faktura, goods) and NNNN-U/26 (usluge); each series in issue-date order.
PATTERNS = {RO: r"SB-(CIB|SRV)-(\d{5})", UA: r"(VN|AVR)-26-(\d{4})", RS: r"(\d{4})-(F|U)/26"}
def seq_of(lgn, num):
    m = re.fullmatch(PATTERNS[lgn], num)
    if not m: return None, None
    return (m.group(2), m.group(1)) if lgn == RS else (m.group(1), m.group(2))
for lgn in ledgers:
    groups = {}
    for i in ledgers[lgn]["invoices"]:
        kind, seq = seq_of(lgn, i["number"])
        if kind is None: fail(f"{lgn}: {i['number']} does not follow {PATTERNS[lgn]}"); continue
        groups.setdefault(kind, []).append((int(seq), i["issueDate"]))
        svc = kind in ("SRV", "AVR", "U")
        if svc != ("servicePeriodStart" in i): fail(f"{lgn} {i['number']}: series and service period disagree")
    for k, v in groups.items():
        v.sort()
        if any(a[1] > b[1] for a, b in zip(v, v[1:])): fail(f"{lgn} series {k}: sequence out of date order")
def seq_digits(lgn, num):
    """The part of a number people quote: '10427', '0416', '0401' (leading zeros dropped for the search)."""
    m = re.search(r"(\d{4,5})", num.replace("-26-", "-"))
    return m.group(1).lstrip("0") if m else num

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
def inv_tax(lgn, num):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D("0"))
def tax_at(lgn, num, rate):
    i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"], rate) for l in i["lines"]), D("0"))
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
def line_on_po(lgn, num, n):
    """An invoice line the customer's PO on that invoice lists with the same SKU at that price."""
    lg = ledgers[lgn]; i = I(lgn, num); l = line(i, n)
    po = next((p for p in lg.get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
    return bool(po and any(x["sku"] == l["sku"] and x["unitPrice"] == l["unitPrice"] and D(str(x["quantity"])) >= D(str(l["quantity"])) for x in po["lines"]))
def usual_rate_excess(lgn, num):
    """Tax above the rate the customer's other invoices use for the same SKU, line by line (none: the line's rate stands)."""
    lg = ledgers[lgn]; i = I(lgn, num); cur = i["currency"]; out = D("0")
    for l in i["lines"]:
        rates = {x.get("taxRate") for o in lg["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for x in o["lines"] if x["sku"] == l["sku"]}
        if not rates: continue
        usual = max(D(x or "0") for x in rates)
        n_ = net(l, cur)
        out += max(tax(l, n_, cur) - r(n_ * usual, cur), D("0"))
    return out

Z = D("0")
R = {
 # Sibiu (RON; GBP 5.8420 from 2026-07-01, 5.8910 from 2026-10-01)
 "b106-ro-crama-pret-ferestre-duble": (lambda: price_diff(RO, "SB-CIB-10427", 1), lambda: price_diff(RO, "SB-CIB-10427", 1)),
 "b106-ro-crama-fara-po": (lambda: Z if po_defect(RO, "SB-CIB-10446") else None, lambda: inv_total(RO, "SB-CIB-10446")),
 "b106-ro-turnisor-plase-bloc-b": (lambda: short(RO, "SB-CIB-10424", 2, delivered(RO, "SB-CIB-10424", "PLASA")), lambda: short(RO, "SB-CIB-10424", 2, 30)),
 "b106-ro-cindrel-usi-sparte": (lambda: units_credit(RO, "SB-CIB-10431", 1, delivered(RO, "SB-CIB-10431", "USA-BALC", "damagedQuantity")), lambda: units_credit(RO, "SB-CIB-10431", 1, 2)),
 "b106-ro-cindrel-penalitati": (lambda: fee_not_owed(RO, "SB-CIB-10401", T_RO), lambda: fee(RO, "SB-CIB-10401", "late_fee")),
 "b106-ro-cindrel-vizite-octombrie": (lambda: short(RO, "SB-SRV-00241", 1, logged(RO, "SB-SRV-00241", "REGLAJ")), lambda: short(RO, "SB-SRV-00241", 1, 2)),
 "b106-ro-dealul-frumos-21-octombrie": (None, lambda: units_credit(RO, "SB-SRV-00244", 1, 1)),
 "b106-ro-carpatica-transport-dublu": (lambda: inv_total(RO, "SB-CIB-10413") if same_basis_duplicate(RO, "SB-CIB-10413", "SB-CIB-10412") else Z, lambda: inv_total(RO, "SB-CIB-10413")),
 "b106-ro-carpatica-platit-noiembrie": (lambda: unapplied(RO, "SB-CIB-10436", "2026-11-12"), lambda: open_bal(RO, "SB-CIB-10436")),
 "b106-ro-dealul-frumos-tva-11": (lambda: Z if tax_exempt(RO, "SB-CIB-10419") is False and usual_rate_excess(RO, "SB-CIB-10419") == 0 else None,
                                  lambda: inv_tax(RO, "SB-CIB-10419") - tax_at(RO, "SB-CIB-10419", "0.11")),
 "b106-ro-dealul-frumos-abonament-octombrie": (lambda: outside_contract(RO, "SB-SRV-00233"), lambda: inv_total(RO, "SB-SRV-00233")),
 "b106-ro-turnisor-automacara": (lambda: Z if line_on_po(RO, "SB-CIB-10409", 4) else line_gross(RO, "SB-CIB-10409", 4), lambda: line_gross(RO, "SB-CIB-10409", 4)),
 "b106-ro-turnisor-doua-reclamatii": (lambda: price_diff(RO, "SB-CIB-10424", 1), lambda: price_diff(RO, "SB-CIB-10424", 1, "1140.00")),
 "b106-ro-carpatica-geamuri-crapate": (None, lambda: units_credit(RO, "SB-CIB-10444", 1, 3)),
 # Korostyshiv (UAH; PLN 11.4200 from 2026-07-01, 11.5650 from 2026-10-01)
 "b106-ua-halytska-bordiur-nedoviz": (lambda: short(UA, "VN-26-0416", 2, delivered(UA, "VN-26-0416", "BORD")), lambda: units_credit(UA, "VN-26-0416", 2, 3)),
 "b106-ua-halytska-nomer-zamovlennia": (lambda: Z if po_defect(UA, "VN-26-0426") else None, lambda: inv_total(UA, "VN-26-0426")),
 "b106-ua-stolychnyi-chervona-bruk": (lambda: price_diff(UA, "VN-26-0443", 1), lambda: price_diff(UA, "VN-26-0443", 1, "1900.00")),
 "b106-ua-ogrody-plyty-poshkodzheni": (lambda: units_credit(UA, "VN-26-0422", 1, delivered(UA, "VN-26-0422", "PLYTA", "damagedQuantity")), lambda: units_credit(UA, "VN-26-0422", 1, "7.2")),
 "b106-ua-tkachuk-vse-splatyv": (lambda: unapplied(UA, "VN-26-0425"), lambda: open_bal(UA, "VN-26-0425")),
 "b106-ua-tkachuk-penia": (lambda: fee_not_owed(UA, "VN-26-0411", T_UA), lambda: fee(UA, "VN-26-0411", "late_fee")),
 "b106-ua-podillia-manipuliator-12": (lambda: units_credit(UA, "AVR-26-0117", 2, len(unserved_dates(UA, "AVR-26-0117", "MANIP-ZM", ["2026-11-12"]))), lambda: units_credit(UA, "AVR-26-0117", 2, 1)),
 "b106-ua-podillia-ukladannia-yakist": (lambda: short(UA, "AVR-26-0104", 1, logged(UA, "AVR-26-0104", "UKLAD")), lambda: r(inv_total(UA, "AVR-26-0104") * D("0.20"), "UAH")),
 "b106-ua-stolychnyi-ne-dubl": (lambda: inv_total(UA, "VN-26-0437") if same_basis_duplicate(UA, "VN-26-0437", "VN-26-0431") else Z, lambda: inv_total(UA, "VN-26-0437")),
 "b106-ua-tkachuk-iedynyi-podatok": (lambda: inv_tax(UA, "VN-26-0425") if tax_exempt(UA, "VN-26-0425") else usual_rate_excess(UA, "VN-26-0425"), lambda: inv_tax(UA, "VN-26-0425")),
 "b106-ua-halytska-piddony": (lambda: Z if fee_supported(UA, "VN-26-0439", "other") else fee(UA, "VN-26-0439", "other"), lambda: fee(UA, "VN-26-0439", "other")),
 "b106-ua-ogrody-termin-platnosci": (lambda: Z if wrong_terms(UA, "VN-26-0445") and outside_contract(UA, "VN-26-0445") == 0 else None, lambda: inv_total(UA, "VN-26-0445")),
 "b106-ua-tkachuk-shchebin-vaha": (None, lambda: units_credit(UA, "VN-26-0449", 1, "3.6")),
 "b106-ua-ogrody-stara-oferta": (lambda: price_diff(UA, "VN-26-0407", 1), lambda: price_diff(UA, "VN-26-0407", 1, "112.00")),
 # Arilje (RSD; EUR 117.1500 from 2026-07-01, 117.2300 from 2026-10-01)
 "b106-rs-bilogora-manjak-rolend": (lambda: short(RS, "0394-F/26", 1, delivered(RS, "0394-F/26", "MAL-ROL")), lambda: units_credit(RS, "0394-F/26", 1, 600)),
 "b106-rs-bilogora-bez-narudzbenice": (lambda: Z if po_defect(RS, "0386-F/26") else None, lambda: inv_total(RS, "0386-F/26")),
 "b106-rs-fruktus-cena-griza": (lambda: price_diff(RS, "0401-F/26", 1), lambda: price_diff(RS, "0401-F/26", 1, "560.00")),
 "b106-rs-fruktus-transport-dvaput": (lambda: inv_total(RS, "0417-F/26") if same_basis_duplicate(RS, "0417-F/26", "0415-F/26") else Z, lambda: inv_total(RS, "0417-F/26")),
 "b106-rs-zadruga-skladistenje-oktobar": (lambda: outside_contract(RS, "0080-U/26"), lambda: inv_total(RS, "0080-U/26")),
 "b106-rs-zadruga-zamrzavanje-septembar": (lambda: short(RS, "0078-U/26", 1, logged(RS, "0078-U/26", "ZAMRZ")), lambda: short(RS, "0078-U/26", 1, 38)),
 "b106-rs-zadruga-slepljene-maline": (lambda: short(RS, "0089-U/26", 1, logged(RS, "0089-U/26", "ZAMRZ")), lambda: r(inv_total(RS, "0089-U/26") / 2, "RSD")),
 "b106-rs-zlatni-klas-kamata": (lambda: fee_not_owed(RS, "0371-F/26", T_RS), lambda: fee(RS, "0371-F/26", "late_fee")),
 "b106-rs-ruza-odmrznuta-malina": (lambda: units_credit(RS, "0318-F/26", 1, delivered(RS, "0318-F/26", "MAL-ROL", "damagedQuantity")), lambda: units_credit(RS, "0318-F/26", 1, 30)),
 "b106-rs-zlatni-klas-uplaceno": (lambda: unapplied(RS, "0409-F/26", "2026-11-19"), lambda: open_bal(RS, "0409-F/26")),
 "b106-rs-bilogora-pdv-na-izvoz": (lambda: inv_tax(RS, "0421-F/26") if tax_exempt(RS, "0421-F/26") else Z, lambda: inv_tax(RS, "0421-F/26")),
 "b106-rs-ruza-prepakivanje": (lambda: Z if fee_supported(RS, "0404-F/26", "service_fee") else fee(RS, "0404-F/26", "service_fee"), lambda: fee(RS, "0404-F/26", "service_fee")),
 "b106-rs-ruza-griz-manjak": (None, lambda: short(RS, "0428-F/26", 1, 120)),
}
NEEDS_INFO = {
 "b106-ro-dealul-frumos-21-octombrie": lambda: unserved_dates(RO, "SB-SRV-00244", "REGLAJ", ["2026-10-21"]) is None,
 "b106-ro-carpatica-geamuri-crapate": lambda: not has_delivery(RO, "SB-CIB-10444", "FER-PVC-D"),
 "b106-ua-tkachuk-shchebin-vaha": lambda: not has_delivery(UA, "VN-26-0449", "SHCHEB"),
 "b106-rs-ruza-griz-manjak": lambda: not has_delivery(RS, "0428-F/26", "MAL-GRIS"),
}
# Claims the evidence refutes for a reason the recipe cannot show by itself
NO_DEFECT = {
 "b106-ro-turnisor-doua-reclamatii": lambda: delivered(RO, "SB-CIB-10409", "USA-BALC") == billed_qty(RO, "SB-CIB-10409", 2),   # the first claim fails too
 "b106-ua-stolychnyi-ne-dubl": lambda: I(UA, "VN-26-0437")["poNumber"] != I(UA, "VN-26-0431")["poNumber"],
 "b106-ua-podillia-ukladannia-yakist": lambda: all(s["status"] == "rendered" for s in ledgers[UA]["serviceLogs"] if s.get("invoiceNumber") == "AVR-26-0104"),
}
# Cases without a resolution: what makes them so (kind, ledger, invoice named, customer of the claim)
NO_RES = {
 "b106-ro-dealul-frumos-factura-altcuiva": ("other_customer", RO, "SB-CIB-10424", "RO-PDF"),
 "b106-ro-cindrel-factura-inexistenta": ("unknown", RO, "SB-CIB-10452", "RO-HCP"),
 "b106-ua-stolychnyi-akt-zvirky": ("no_claim", UA, "VN-26-0398", "UA-SB"),
 "b106-ua-tkachuk-chuzha-nakladna": ("other_customer", UA, "VN-26-0443", "UA-TK"),
 "b106-rs-bilogora-ios": ("no_claim", RS, "0394-F/26", "RS-BIL"),
 "b106-rs-pekara-nepostojeca-faktura": ("unknown", RS, "0436-F/26", "RS-PZK"),
}
WITHDRAWN = {"b106-ro-crama-dublura-retrasa": (RO, "SB-CIB-10439"), "b106-ua-ogrody-znaishly-piddon": (UA, "VN-26-0422"),
             "b106-rs-fruktus-povucena-reklamacija": (RS, "0401-F/26")}

ADMIN_DEFECT = {"missing_po", "tax_error", "contract_terms", "other"}

def to_company(lgn, num, amount):
    """Invoice amount in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None
def fmt(x): return f"{x:,.2f}"

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
TODAY = {RO: T_RO, UA: T_UA, RS: T_RS}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b106-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
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
            if m not in (e.get("disputedAmount"), e.get("supportedAmount")): fail(f"{cid}: email amount {m} is no figure of the case")
        elif m != e.get("invoiceNumber"): fail(f"{cid}: email mention {m} is not the invoice's number")
    if "invoice" in e.get("neverAsks", []) and (not e.get("invoiceNumber") or seq_digits(lgn, e["invoiceNumber"]) not in first):
        fail(f"{cid}: neverAsks invoice but the first turn does not name it")
    if "invoice" in e.get("asks", []) and e.get("invoiceNumber") and seq_digits(lgn, e["invoiceNumber"]) in first:
        fail(f"{cid}: asks invoice but the first turn names it")
    if "reason" in e.get("asks", []) and "reason" in e.get("neverAsks", []): fail(f"{cid}: asks and never asks the reason")
    if "reason" in e.get("asks", []) and (not e.get("invoiceNumber") or seq_digits(lgn, e["invoiceNumber"]) not in first):
        fail(f"{cid}: asks reason, but the first turn does not name the invoice (an assistant may ask for the invoice first and be told both)")
    if cid in NO_RES:
        kind, wl, num, said = NO_RES[cid]
        if not e.get("noResolution") or set(e) - {"noResolution", "asks", "mustNotHappen"}: fail(f"{cid}: a no-resolution case expects more than that")
        if seq_digits(lgn, num) not in alltext: fail(f"{cid}: no turn names {num}")
        if kind == "unknown" and num in nums: fail(f"{cid}: {num} exists")
        if kind == "unknown" and any(seq_digits(lgn, n) in alltext for n in nums): fail(f"{cid}: an existing invoice number is named too")
        if kind == "other_customer":
            if num not in nums or I(wl, num)["customerId"] == said: fail(f"{cid}: {num} is not another customer's invoice")
            if e.get("asks") != ["invoice"]: fail(f"{cid}: should ask which invoice")
        if kind in ("no_claim", "other_customer") and seq_digits(lgn, num) not in first: fail(f"{cid}: first turn does not name {num}")
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
    if seq_digits(lgn, num) not in alltext and len(c["turns"]) == 1: fail(f"{cid}: a single message that does not name its invoice")
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
    if fmt(disputed) not in c["description"]: fail(f"{cid}: description does not carry the disputed {fmt(disputed)}")
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
        if supported and fmt(supported) not in c["description"]: fail(f"{cid}: description does not carry the supported {fmt(supported)}")
        defect = e["reasonCode"] in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed is not None and owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if act not in ("write_off", "no_adjustment") and cl == "invalid": fail(f"{cid}: invalid with {act}")
            if cl == "partial" and act not in ("credit_memo", "write_off"): fail(f"{cid}: partial with {act}")
        if cl == "valid":
            want = {"missing_po": "cancel_and_rebill", "already_paid": "apply_payment"}.get(e["reasonCode"], "credit_memo")
            if e["reasonCode"] == "tax_error" and supported == inv_tax(lgn, num) and all(l.get("taxRate") for l in inv_["lines"]): want = "cancel_and_rebill"
            if e["reasonCode"] == "contract_terms" and supported == 0 and wrong_terms(lgn, num): want = "cancel_and_rebill"
            if act != want: fail(f"{cid}: valid {e['reasonCode']} with {act}, expected {want}")
        if e["reasonCode"] == "already_paid" and cl == "valid" and unapplied(lgn, num) != supported: fail(f"{cid}: no unapplied payment to apply")
    # escalation: amount after FX, days past due on an open balance, strategic, repeat disputes, controller approval, legal
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    if cur != home(lg) and fmt(conv) not in c["description"]: fail(f"{cid}: description does not carry the converted {fmt(conv)} {home(lg)}")
    recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    moved = supported if act == "credit_memo" else None
    controller = moved is not None and to_company(lgn, num, moved) > D(pol["approvalLimits"]["lead"])
    esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
           or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"] or controller)
    if e["reasonCode"] == "contract_terms" and conv >= D(pol["legalEscalationAmount"]): esc = True
    if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due, {recent} disputes)")

# ---- stakeholders, conversation shape, tallies quoted in the README
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e = c["expect"]
    if e.get("reasonCode") and (not e.get("stakeholders") or e["stakeholders"][0] != TEAM[e["reasonCode"]]):
        fail(f"{c['id']}: first stakeholder is not the routing table's {TEAM[e['reasonCode']]}")
multi = sum(1 for c in cases if len(c["turns"]) >= 2)
if multi < 25: fail(f"only {multi} conversations of 2-3 turns")
if set(TEAM) - {c["expect"].get("reasonCode") for c in cases}: fail(f"reason codes not covered: {set(TEAM) - {c['expect'].get('reasonCode') for c in cases}}")
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {sum(cnt.values())} cases {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalation:", dict(Counter(str(c["expect"].get("escalation", "-")) for c in cases)))
print("  turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print("  asks:", dict(Counter(t for c in cases for t in c["expect"].get("asks", []))), "neverAsks:", dict(Counter(t for c in cases for t in c["expect"].get("neverAsks", []))))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
