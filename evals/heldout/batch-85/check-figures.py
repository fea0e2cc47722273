#!/usr/bin/env python3
"""Cross-check written by the batch-85 author, grown from batch 54's script. Using Decimal only, it rebuilds
each expected figure from the ledger files, without touching the product; it also verifies the ledgers
themselves (totals, statuses, references, terms, numbering) and applies DOMAIN.md's rules for classification,
action, write-off and escalation, converting to the company currency at the latest rate dated on or before
the invoice (half-up, once). Early-payment discounts are judged by the terms written in the contracts' notes.
Prints tallies and any mismatch; exits 1 when there is one.
Usage: python3 evals/heldout/batch-85/check-figures.py"""
import glob, json, os, re, sys
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal as D, ROUND_HALF_UP, ROUND_CEILING

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"XOF": 0, "XAF": 0}  # USD, EUR, GMD: 2
def dig(cur): return DIGITS.get(cur, 2)
def r(x, cur): return x.quantize(D(1).scaleb(-dig(cur)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def plus(a, n): return (date.fromisoformat(a) + timedelta(days=n)).isoformat()
def decimals_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= dig(cur)

CI, SN, GA = "eburnie-monetique-xof.ledger.json", "rizerie-walo-xof.ledger.json", "ogooue-mobilite-xaf.ledger.json"
TODAY = {CI: "2026-10-14", SN: "2026-11-18", GA: "2026-12-09"}
ledgers = {os.path.basename(p): json.load(open(p, encoding="utf-8")) for p in glob.glob(f"{HERE}/*.ledger.json")}
if set(ledgers) != {CI, SN, GA}: fail(f"ledgers: {sorted(ledgers)}")

def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate), cur) if rate else D("0")
def gross(l, cur, qty=None, price=None, rate=None): n = net(l, cur, qty, price); return n + tax(l, n, cur, rate)
def principal(inv): return sum((gross(l, inv["currency"]) for l in inv["lines"]), D("0"))
def total(inv): return principal(inv) + sum((D(f["amount"]) for f in inv.get("fees", [])), D("0"))
def pays(lg, num): return [p for p in lg.get("payments", []) if p.get("invoiceNumber") == num]
def paid(lg, num): return sum((D(p["amount"]) for p in pays(lg, num)), D("0"))
def credited(lg, num): return sum((D(m["amount"]) for m in lg.get("creditMemos", []) if m["invoiceNumber"] == num), D("0"))
def home(lg): return lg["company"]["currency"]
def contract_of(lg, inv): return next((c for c in lg.get("contracts", []) if c["id"] == inv.get("contractId")), None)

# ---- ledgers: totals, statuses, references, terms, minor digits, dates
INTENDED_WRONG_TERMS = {"FAC/0404/EM/26", "LOC-POG-1171"}     # due date not on the contract's terms, on purpose
INTENDED_CANCELLED_PO = {"W26-0914-RT"}                       # quotes a PO the customer cancelled
INTENDED_NO_PO = {"FAC/0433/EM/26"}                           # poRequired contract, no PO on purpose
for name, lg in ledgers.items():
    cur0 = home(lg); today = TODAY.get(name, "9999-12-31")
    custs = {c["id"] for c in lg["customers"]}
    pos = {p["number"]: p for p in lg.get("purchaseOrders", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 15 <= len(nums) <= 18: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not decimals_ok(lg["policy"][k], cur0): fail(f"{name}: policy {k} digits")
    for k, v in lg["policy"]["approvalLimits"].items():
        if not decimals_ok(v, cur0): fail(f"{name}: approval limit {k} digits")
    if "holidayCalendar" in lg["policy"]: fail(f"{name}: holidayCalendar not used in this batch")
    for i in lg["invoices"]:
        cur = i["currency"]
        for l in i["lines"]:
            if not decimals_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: unit price digits")
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        if not decimals_ok(i["total"], cur): fail(f"{name} {i['number']}: total digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        if i["issueDate"] > today: fail(f"{name} {i['number']}: issued after today")
        c = contract_of(lg, i)
        if i.get("contractId") and not c: fail(f"{name} {i['number']}: unknown contract")
        if c:
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: currency differs from contract")
            on_terms = days(i["issueDate"], i["dueDate"]) == c["paymentTermsDays"]
            if on_terms == (i["number"] in INTENDED_WRONG_TERMS): fail(f"{name} {i['number']}: due date vs contract terms")
            if bool(c.get("poRequired")) and not i.get("poNumber") and i["number"] not in INTENDED_NO_PO: fail(f"{name} {i['number']}: PO required but missing")
        if cur != cur0 and not any(x["currency"] == cur and x["date"] <= i["issueDate"] for x in lg.get("fxRates", [])):
            fail(f"{name} {i['number']}: no {cur} rate on or before the invoice date")
        po = i.get("poNumber")
        if po:
            if po not in pos: fail(f"{name} {i['number']}: PO {po} unknown")
            elif pos[po]["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: PO of another customer")
            elif (pos[po].get("status") == "cancelled") != (i["number"] in INTENDED_CANCELLED_PO): fail(f"{name} {i['number']}: PO {po} status")
        p, t = paid(lg, i["number"]), D(i["total"])
        want = "paid" if p >= t else ("partially_paid" if p > 0 else "open")
        if i["status"] != want: fail(f"{name} {i['number']}: status {i['status']}, payments say {want}")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
        if d.get("damagedQuantity", 0) > d["quantity"]: fail(f"{name} delivery {d['id']}: more damaged than delivered")
        if d["deliveredDate"] > today: fail(f"{name} delivery {d['id']}: after today")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
        if s["periodEnd"] > today: fail(f"{name} log {s['id']}: after today")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if not decimals_ok(p["amount"], p["currency"]): fail(f"{name} payment {p['id']}: digits")
        if p["date"] > today: fail(f"{name} payment {p['id']}: after today")
        if p.get("invoiceNumber") and invoice(lg, p["invoiceNumber"])["currency"] != p["currency"]: fail(f"{name} payment {p['id']}: currency")
        for rm in p.get("remittance", []):
            if rm["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: remittance names an unknown invoice")
            if D(rm["paid"]) != D(p["amount"]): fail(f"{name} payment {p['id']}: remittance paid != amount")
            if rm["invoiceNumber"] != p.get("invoiceNumber"): fail(f"{name} payment {p['id']}: remittance and application differ")
            inv_ = invoice(lg, rm["invoiceNumber"])
            if D(rm["paid"]) + D(rm.get("deducted", "0")) != D(inv_["total"]): fail(f"{name} payment {p['id']}: paid + deducted != invoice total")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")
    for d in lg.get("pastDisputes", []):
        if d["customerId"] not in custs: fail(f"{name} past dispute {d['id']}: unknown customer")
        if d["openedDate"] > today: fail(f"{name} past dispute {d['id']}: after today")

# ---- numbering: FAC/NNNN/EM/26 (one yearly sequence); W26-NNNN-RT|DK (one sequence, site suffix: DK = Dakar
# depot for Sandaga and Thiaroye, RT = Richard-Toll); LOC-POG-NNNN / LOC-LBV-NNNN (one sequence per branch,
# Libreville for the Mission médicale). Sequences follow the issue dates.
def in_date_order(items):
    items = sorted(items, key=lambda i: i["number"])
    return all(a["issueDate"] <= b["issueDate"] for a, b in zip(items, items[1:]))
if ledgers.get(CI):
    v = ledgers[CI]["invoices"]
    if not all(re.fullmatch(r"FAC/\d{4}/EM/26", i["number"]) for i in v): fail("CI numbering")
    if not in_date_order(v): fail("CI: sequence out of date order")
if ledgers.get(SN):
    v = ledgers[SN]["invoices"]
    for i in v:
        m = re.fullmatch(r"W26-(\d{4})-(RT|DK)", i["number"])
        if not m: fail(f"SN numbering {i['number']}"); continue
        if (m.group(2) == "DK") != (i["customerId"] in ("SN-SDG", "SN-THR")): fail(f"{i['number']}: site suffix")
    if not in_date_order(v): fail("SN: sequence out of date order")
if ledgers.get(GA):
    for br in ("POG", "LBV"):
        v = [i for i in ledgers[GA]["invoices"] if i["number"].startswith(f"LOC-{br}-")]
        if not in_date_order(v): fail(f"GA {br}: sequence out of date order")
    for i in ledgers[GA]["invoices"]:
        if not re.fullmatch(r"LOC-(POG|LBV)-\d{4}", i["number"]): fail(f"GA numbering {i['number']}")
        if (i["number"][4:7] == "LBV") != (i["customerId"] == "GA-MML"): fail(f"{i['number']}: branch")

# ---- recipes: how each figure follows from the ledger (DOMAIN.md rules, by hand)
def I(lgn, num): return invoice(ledgers[lgn], num)
def contract_price(lgn, num, sku):
    c = contract_of(ledgers[lgn], I(lgn, num))
    return next((p["unitPrice"] for p in c["prices"] if p["sku"] == sku), None) if c else None
def po_of(lgn, num):
    i = I(lgn, num); return next((p for p in ledgers[lgn].get("purchaseOrders", []) if p["number"] == i.get("poNumber")), None)
def agreed(lgn, num, sku):
    cp = contract_price(lgn, num, sku)
    if cp: return cp
    po = po_of(lgn, num); return next((l["unitPrice"] for l in po["lines"] if l["sku"] == sku), None) if po else None
def price_diff(lgn, num, n, price=None):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return max(gross(l, cur) - gross(l, cur, price=price or agreed(lgn, num, l["sku"])), D("0"))
def units_credit(lgn, num, n, units):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    left = D(str(l["quantity"])) - D(str(units))
    return gross(l, cur) if left <= 0 else gross(l, cur) - gross(l, cur, qty=left)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn].get("deliveries", []) if d.get("invoiceNumber") == num and d["sku"] == sku)
def has_delivery(lgn, num, sku): return any(d.get("invoiceNumber") == num and d["sku"] == sku for d in ledgers[lgn].get("deliveries", []))
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn].get("serviceLogs", []) if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def short(lgn, num, n, counted): return units_credit(lgn, num, n, max(line(I(lgn, num), n)["quantity"] - counted, 0))
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
def line_gross(lgn, num, n): i = I(lgn, num); return gross(line(i, n), i["currency"])
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t), D("0"))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num) - credited(ledgers[lgn], num)
def deducted(lgn, num):
    return sum((D(rm.get("deducted", "0")) for p in ledgers[lgn].get("payments", []) for rm in p.get("remittance", []) if rm["invoiceNumber"] == num), D("0"))

def late_fee_allowed(lgn, num, today):
    """DOMAIN: contract clause, grace days, actual payment date. None without a clause; none when the
    principal was paid by due + grace; else percentPerMonth of the principal unpaid at the end of grace,
    per started 30-day month from the due date to the settling payment (or today). Both roundings
    (per month then times months, or once on the whole) must agree for the figures of this batch."""
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
    pct = D(c["lateFee"]["percentPerMonth"])
    a, b = r(overdue * pct / 100, cur) * months, r(overdue * pct * months / 100, cur)
    if a != b: fail(f"{num}: late fee rounding differs ({a} vs {b})")
    return a
def fee_not_owed(lgn, num, today):
    f = fee(lgn, num, "late_fee"); return f - min(late_fee_allowed(lgn, num, today), f)

# Early-payment discounts: (percent of the TTC, days from the invoice date), as the contract's notes state them.
DISCOUNT_TERMS = {"CT-AKW-25": ("2", 10, "Escompte de 2 % du montant TTC pour tout règlement reçu au plus tard le 10e jour"),
                  "CT-GPL-26": ("1", 8, "Escompte de 1 % du montant TTC si le règlement parvient dans les 8 jours"),
                  "CT-SDG-26": ("1.5", 10, "Escompte de 1,5 % du montant TTC pour tout règlement reçu dans les 10 jours"),
                  "CT-BSF-26": ("2", 7, "Prompt-payment discount: 2% of the invoice total if the funds are received within 7 days")}
for lgn, lg in ledgers.items():
    for c in lg.get("contracts", []):
        t = DISCOUNT_TERMS.get(c["id"])
        if t and t[2] not in c.get("notes", ""): fail(f"{c['id']}: notes do not state the discount terms used here")
def discount_earned(lgn, num):
    """The deduction that the contract's discount allows: pct of the total when the deducting payment came within the window."""
    i = I(lgn, num); c = contract_of(ledgers[lgn], i); pct, window, _ = DISCOUNT_TERMS[c["id"]]
    p = next(p for p in pays(ledgers[lgn], num) if p.get("remittance"))
    if days(i["issueDate"], p["date"]) > window: return D("0")
    return r(inv_total(lgn, num) * D(pct) / 100, i["currency"])

def outside_contract(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i); cur = i["currency"]
    start, end = i.get("servicePeriodStart", i["issueDate"]), i.get("servicePeriodEnd", i["issueDate"])
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return sum((r(gross(l, cur) * (tot - inside) / tot, cur) for l in i["lines"]), D("0"))
def unapplied(lgn, num, when=None, ref=None):
    """Unapplied payments of the customer, in the invoice currency, on the date or with the reference quoted, or of exactly the amount due."""
    lg = ledgers[lgn]; i = I(lgn, num); due = open_bal(lgn, num)
    ps = [p for p in lg["payments"] if p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and p["currency"] == i["currency"]
          and (p["date"] == when or (ref and ref in p.get("reference", "")) or D(p["amount"]) == due)]
    return sum((D(p["amount"]) for p in ps), D("0"))
def misapplied(lgn, num):
    """Payments applied to another invoice whose reference names this one (its sequence number)."""
    lg = ledgers[lgn]; i = I(lgn, num); seq = re.search(r"\d{4}", num).group(0)
    return sum((D(p["amount"]) for p in lg["payments"] if p["customerId"] == i["customerId"] and p.get("invoiceNumber") not in (None, num)
                and re.search(rf"\b{seq}\b", p.get("reference", ""))), D("0"))
def nothing_could_be_theirs(lgn, num):
    lg = ledgers[lgn]; cust = I(lgn, num)["customerId"]
    return not any(p["customerId"] == cust for p in lg["payments"])
def same_basis_duplicate(lgn, num, other):
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"] or a["currency"] != b["currency"]: return False
    if a.get("poNumber") != b.get("poNumber"): return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if not (a["servicePeriodStart"] <= b["servicePeriodEnd"] and b["servicePeriodStart"] <= a["servicePeriodEnd"]): return False
    same = lambda x, y: (x["sku"], x["quantity"], x["unitPrice"], x.get("taxRate")) == (y["sku"], y["quantity"], y["unitPrice"], y.get("taxRate"))
    return len(a["lines"]) == len(b["lines"]) and all(any(same(x, y) for y in b["lines"]) for x in a["lines"])
def po_defect(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lg, i)
    if not i.get("poNumber"): return bool(c and c.get("poRequired"))
    po = po_of(lgn, num); return po is None or po.get("status") == "cancelled"
def terms_defect(lgn, num):
    i = I(lgn, num); c = contract_of(ledgers[lgn], i)
    return days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]
def tax_exempt(lgn, num): i = I(lgn, num); return bool(next(c for c in ledgers[lgn]["customers"] if c["id"] == i["customerId"]).get("taxExempt"))
def usual_rate(lgn, num, sku):
    """The rate the customer's other invoices use for the SKU (one rate, else None)."""
    i = I(lgn, num)
    rates = {l.get("taxRate") for o in ledgers[lgn]["invoices"] if o["customerId"] == i["customerId"] and o["number"] != num for l in o["lines"] if l["sku"] == sku}
    return rates.pop() if len(rates) == 1 else None
def overtax(lgn, num, n):
    i = I(lgn, num); l = line(i, n); cur = i["currency"]
    return gross(l, cur) - gross(l, cur, rate=usual_rate(lgn, num, l["sku"]))
def fee_text(lgn, num, t): return " ".join(f.get("description", "") for f in I(lgn, num)["fees"] if f["type"] == t)
def fee_in_notes(lgn, num, words):
    c = contract_of(ledgers[lgn], I(lgn, num)); return bool(c and words.lower() in c.get("notes", "").lower())
def fee_on_po(lgn, num, sku, price):
    po = po_of(lgn, num); return bool(po) and any(l["sku"] == sku and D(l["unitPrice"]) == D(price) for l in po["lines"])
def wht_grossed_up(lgn, num):
    """The contract makes any withholding the customer's cost (gross-up); our invoice's own tax is not in question."""
    c = contract_of(ledgers[lgn], I(lgn, num)); return "gross up" in c.get("notes", "")

Z = D("0")
R = {  # case id: (supported recipe, disputed recipe); None supported = needs_info / no figure
 # Côte d'Ivoire (XOF, 0 digits; USD 562.40 / 571.85)
 "b85-ci-akwaba-escompte-hors-delai": (lambda: discount_earned(CI, "FAC/0391/EM/26"), lambda: deducted(CI, "FAC/0391/EM/26")),
 "b85-ci-akwaba-echeance-30-jours": (lambda: Z if terms_defect(CI, "FAC/0404/EM/26") else None, lambda: inv_total(CI, "FAC/0404/EM/26")),
 "b85-ci-akwaba-rouleaux-manquants": (lambda: short(CI, "FAC/0412/EM/26", 1, delivered(CI, "FAC/0412/EM/26", "ROUL-57")), lambda: units_credit(CI, "FAC/0412/EM/26", 1, 8)),
 "b85-ci-akwaba-sans-bon-de-commande": (lambda: Z if po_defect(CI, "FAC/0433/EM/26") else None, lambda: inv_total(CI, "FAC/0433/EM/26")),
 "b85-ci-gie-penalite-delai-grace": (lambda: fee_not_owed(CI, "FAC/0352/EM/26", TODAY[CI]), lambda: fee(CI, "FAC/0352/EM/26", "late_fee")),
 "b85-ci-gie-double-virement": (lambda: min(unapplied(CI, "FAC/0405/EM/26"), open_bal(CI, "FAC/0405/EM/26")), lambda: open_bal(CI, "FAC/0405/EM/26")),
 "b85-ci-gie-escompte-8-jours": (lambda: discount_earned(CI, "FAC/0414/EM/26"), lambda: deducted(CI, "FAC/0414/EM/26")),
 "b85-ci-gie-visite-29-septembre": (lambda: dates_credit(CI, "FAC/0431/EM/26", 2, "MAINT-INT", ["2026-09-29"]), lambda: units_credit(CI, "FAC/0431/EM/26", 2, 1)),
 "b85-ci-bandama-penalites-six-semaines": (lambda: fee_not_owed(CI, "FAC/0355/EM/26", TODAY[CI]), lambda: fee(CI, "FAC/0355/EM/26", "late_fee")),
 "b85-ci-bandama-penalites-trois-mois": (lambda: fee_not_owed(CI, "FAC/0384/EM/26", TODAY[CI]), lambda: fee(CI, "FAC/0384/EM/26", "late_fee")),
 "b85-ci-bandama-virement-mal-impute": (lambda: min(misapplied(CI, "FAC/0407/EM/26"), open_bal(CI, "FAC/0407/EM/26")), lambda: open_bal(CI, "FAC/0407/EM/26")),
 "b85-ci-volta-wht": (lambda: Z if (wht_grossed_up(CI, "FAC/0386/EM/26") and inv_tax(CI, "FAC/0386/EM/26") == 0) else None, lambda: deducted(CI, "FAC/0386/EM/26")),
 "b85-ci-volta-frais-bancaires": (lambda: min(unapplied(CI, "FAC/0410/EM/26", "2026-10-05"), open_bal(CI, "FAC/0410/EM/26")), lambda: open_bal(CI, "FAC/0410/EM/26")),
 "b85-ci-volta-interets": (lambda: fee_not_owed(CI, "FAC/0357/EM/26", TODAY[CI]), lambda: fee(CI, "FAC/0357/EM/26", "late_fee")),
 "b85-ci-foaif-tva": (lambda: inv_tax(CI, "FAC/0398/EM/26") if tax_exempt(CI, "FAC/0398/EM/26") else Z, lambda: inv_tax(CI, "FAC/0398/EM/26")),
 "b85-ci-foaif-formation-inutile": (lambda: sum((short(CI, "FAC/0420/EM/26", 1, logged(CI, "FAC/0420/EM/26", "FORM")),), Z), lambda: inv_total(CI, "FAC/0420/EM/26")),
 # Sénégal (XOF, 0 digits; GMD 7.9150 / 7.8420)
 "b85-sn-sandaga-penalites-grace": (lambda: fee_not_owed(SN, "W26-0829-DK", TODAY[SN]), lambda: fee(SN, "W26-0829-DK", "late_fee")),
 "b85-sn-sandaga-prix-sac": (lambda: price_diff(SN, "W26-0835-DK", 1), lambda: price_diff(SN, "W26-0835-DK", 1, "15500")),
 "b85-sn-sandaga-escompte-2-pourcent": (lambda: discount_earned(SN, "W26-0881-DK"), lambda: deducted(SN, "W26-0881-DK")),
 "b85-sn-sandaga-facture-en-double": (lambda: inv_total(SN, "W26-0889-DK") if same_basis_duplicate(SN, "W26-0889-DK", "W26-0881-DK") and not has_delivery(SN, "W26-0889-DK", "RIZ-BL25") else Z, lambda: inv_total(SN, "W26-0889-DK")),
 "b85-sn-sandaga-virement-incomplet": (lambda: min(unapplied(SN, "W26-0897-DK", "2026-11-09", "W26-0897-DK"), open_bal(SN, "W26-0897-DK")), lambda: open_bal(SN, "W26-0897-DK")),
 "b85-sn-banjul-discount-late": (lambda: discount_earned(SN, "W26-0851-RT"), lambda: deducted(SN, "W26-0851-RT")),
 "b85-sn-banjul-late-interest": (lambda: fee_not_owed(SN, "W26-0812-RT", TODAY[SN]), lambda: fee(SN, "W26-0812-RT", "late_fee")),
 "b85-sn-banjul-paid-12-nov": (lambda: min(unapplied(SN, "W26-0884-RT", "2026-11-12"), open_bal(SN, "W26-0884-RT")), lambda: open_bal(SN, "W26-0884-RT")),
 "b85-sn-upd-tonnage-usinage": (lambda: short(SN, "W26-0922-RT", 1, logged(SN, "W26-0922-RT", "USIN-T")), lambda: units_credit(SN, "W26-0922-RT", 1, 24)),
 "b85-sn-upd-stockage-octobre": (lambda: outside_contract(SN, "W26-0923-RT"), lambda: inv_total(SN, "W26-0923-RT")),
 "b85-sn-upd-penalites-sans-clause": (lambda: fee_not_owed(SN, "W26-0788-RT", TODAY[SN]), lambda: fee(SN, "W26-0788-RT", "late_fee")),
 "b85-sn-tabax-cheque": (None, lambda: open_bal(SN, "W26-0846-RT")),
 "b85-sn-tabax-380-sacs": (lambda: short(SN, "W26-0877-RT", 1, delivered(SN, "W26-0877-RT", "RIZ-BL25")), lambda: units_credit(SN, "W26-0877-RT", 1, 20)),
 "b85-sn-tabax-sacs-dechires": (lambda: units_credit(SN, "W26-0905-RT", 1, delivered(SN, "W26-0905-RT", "RIZ-BL25", "damagedQuantity")), lambda: units_credit(SN, "W26-0905-RT", 1, 12)),
 "b85-sn-tabax-bc-annule": (lambda: Z if po_defect(SN, "W26-0914-RT") else None, lambda: inv_total(SN, "W26-0914-RT")),
 "b85-sn-thiaroye-frais-manutention": (None, lambda: fee(SN, "W26-0909-DK", "service_fee")),
 # Gabon (XAF, 0 digits; EUR 655.957, USD 566.30 / 575.10)
 "b85-ga-delta-wht": (lambda: Z if wht_grossed_up(GA, "LOC-POG-1148") and deducted(GA, "LOC-POG-1148") == r(sum((net(l, "USD") for l in I(GA, "LOC-POG-1148")["lines"]), Z) / 10, "USD") else None, lambda: deducted(GA, "LOC-POG-1148")),
 "b85-ga-delta-interest-paid-on-time": (lambda: fee_not_owed(GA, "LOC-POG-1122", TODAY[GA]), lambda: fee(GA, "LOC-POG-1122", "late_fee")),
 "b85-ga-delta-overtime": (lambda: short(GA, "LOC-POG-1172", 3, logged(GA, "LOC-POG-1172", "CHAUF-HS")), lambda: units_credit(GA, "LOC-POG-1172", 3, 8)),
 "b85-ga-cfe-payable-a-reception": (lambda: Z if terms_defect(GA, "LOC-POG-1171") else None, lambda: inv_total(GA, "LOC-POG-1171")),
 "b85-ga-cfe-penalite-taux": (lambda: fee_not_owed(GA, "LOC-POG-1121", TODAY[GA]), lambda: fee(GA, "LOC-POG-1121", "late_fee")),
 "b85-ga-cfe-franchise": (lambda: Z if fee_in_notes(GA, "LOC-POG-1162", "Franchise") and D("350000") == fee(GA, "LOC-POG-1162", "other") else fee(GA, "LOC-POG-1162", "other"), lambda: fee(GA, "LOC-POG-1162", "other")),
 "b85-ga-mission-cheque": (lambda: min(unapplied(GA, "LOC-LBV-0327", "2026-11-03"), open_bal(GA, "LOC-LBV-0327")), lambda: open_bal(GA, "LOC-LBV-0327")),
 "b85-ga-mission-jours-vehicule": (lambda: short(GA, "LOC-LBV-0339", 1, logged(GA, "LOC-LBV-0339", "HILUX-J")) + short(GA, "LOC-LBV-0339", 2, logged(GA, "LOC-LBV-0339", "CHAUF-J")),
                                    lambda: units_credit(GA, "LOC-LBV-0339", 1, 3) + units_credit(GA, "LOC-LBV-0339", 2, 3)),
 "b85-ga-mission-frais-relance": (lambda: Z if (fee_in_notes(GA, "LOC-LBV-0318", "relance") or po_of(GA, "LOC-LBV-0318") or contract_of(ledgers[GA], I(GA, "LOC-LBV-0318")).get("lateFee")) else fee(GA, "LOC-LBV-0318", "service_fee"), lambda: fee(GA, "LOC-LBV-0318", "service_fee")),
 "b85-ga-atlantique-retard-restitution": (lambda: Z if fee_in_notes(GA, "LOC-POG-1156", "retard de restitution : 75,00 EUR par demi-journée") and D("150.00") == 2 * D("75.00") else fee(GA, "LOC-POG-1156", "other"), lambda: fee(GA, "LOC-POG-1156", "other")),
 "b85-ga-atlantique-double-paiement": (lambda: unapplied(GA, "LOC-POG-1180", "2026-10-09"), lambda: D("2376.52")),
 "b85-ga-caplopez-transferts": (None, lambda: units_credit(GA, "LOC-POG-1174", 1, 2)),
 "b85-ga-caplopez-carburant": (lambda: Z if fee_on_po(GA, "LOC-POG-1151", "CARBU-L", line(I(GA, "LOC-POG-1151"), 2)["unitPrice"]) else line_gross(GA, "LOC-POG-1151", 2), lambda: line_gross(GA, "LOC-POG-1151", 2)),
 "b85-ga-caplopez-tva": (lambda: Z if tax_exempt(GA, "LOC-POG-1189") else overtax(GA, "LOC-POG-1189", 1), lambda: overtax(GA, "LOC-POG-1189", 1)),
}
NEEDS_INFO = {
 "b85-sn-tabax-cheque": lambda: nothing_could_be_theirs(SN, "W26-0846-RT"),
 "b85-sn-thiaroye-frais-manutention": lambda: not contract_of(ledgers[SN], I(SN, "W26-0909-DK")) and not po_of(SN, "W26-0909-DK"),
 "b85-ga-caplopez-transferts": lambda: unserved_dates(GA, "LOC-POG-1174", "TRANSF-AER", ["2026-10-03", "2026-10-04"]) is None,
}
# Late-fee and payment facts the descriptions quote, checked here too.
if late_fee_allowed(CI, "FAC/0357/EM/26", TODAY[CI]) != D("101.23"): fail("0357: interest")
# The follow-up of b85-ci-volta-interets: a payment on 2026-08-14 would be within due + grace.
if plus(I(CI, "FAC/0357/EM/26")["dueDate"], contract_of(ledgers[CI], I(CI, "FAC/0357/EM/26"))["lateFee"]["graceDays"]) != "2026-08-14": fail("0357: grace end")

ADMIN_DEFECT = {"missing_po", "contract_terms"}
def to_company(lgn, num, amount):
    lg = ledgers[lgn]; i = I(lgn, num); c0 = home(lg)
    if i["currency"] == c0: return amount
    rates = sorted((x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]), key=lambda x: x["date"])
    return r(amount * D(rates[-1]["rate"]), c0) if rates else None
def recent_disputes(lgn, cust, today, num, with_deductions):
    """Past disputes opened in (today - window, today], plus (optionally) the disputes that importing the
    remittance deductions on the customer's OTHER invoices opens by itself, plus this one."""
    lg = ledgers[lgn]; w = lg["policy"]["repeatDisputeWindowDays"]
    n = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust and 0 <= days(d["openedDate"], today) < w)
    if with_deductions:
        n += len({rm["invoiceNumber"] for p in lg["payments"] if p["customerId"] == cust for rm in p.get("remittance", [])
                  if D(rm.get("deducted", "0")) > 0 and rm["invoiceNumber"] != num})
    return n + 1

cases = [json.load(open(p, encoding="utf-8")) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
if len(cases) != 50: fail(f"{len(cases)} cases, 50 expected")
ALL4 = {"credit_memo_issued", "credit_memo_approved", "dispute_resolved", "write_off_posted"}
TEAM = {"pricing_error": "sales", "quantity_discrepancy": "logistics", "damaged_goods": "logistics", "duplicate_billing": "billing",
        "service_not_rendered": "service_delivery", "service_dissatisfaction": "service_delivery", "missing_po": "sales",
        "already_paid": "cash_application", "late_fee": "collections", "tax_error": "tax", "contract_terms": "legal", "unrecognized_charge": "billing"}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if not cid.startswith("b85-"): fail(f"{cid}: id prefix")
    if not os.path.exists(f"{HERE}/{cid}.case.json"): fail(f"{cid}: file name")
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if c["today"] != TODAY[lgn]: fail(f"{cid}: today")
    if not 1 <= len(c["turns"]) <= 2: fail(f"{cid}: {len(c['turns'])} turns")
    if not c.get("description"): fail(f"{cid}: no description")
    if set(e.get("mustNotHappen", [])) != ALL4: fail(f"{cid}: mustNotHappen should list all four effects (nothing is confirmed in any turn)")
    if re.search(r"\b(je confirme|confirmed?|go ahead|vas-y|valide l'avoir)\b", " ".join(c["turns"]), re.I): fail(f"{cid}: a turn looks like a confirmation")
    lg = ledgers[lgn]
    nums = {i["number"] for i in lg["invoices"]}
    pos = {p["number"] for p in lg.get("purchaseOrders", [])}
    if e.get("noResolution"):
        named = re.findall(r"[A-Z]{3}[-/][\w/-]+\d", " ".join(c["turns"]))
        if not named or any(n in nums for n in named): fail(f"{cid}: noResolution but names {named}")
        continue
    if e.get("reasonCode") and e.get("stakeholders") and e["stakeholders"][0] != TEAM[e["reasonCode"]]:
        fail(f"{cid}: first stakeholder {e['stakeholders'][0]} is not the routing table's {TEAM[e['reasonCode']]}")
    if "invoiceNumber" not in e: continue
    num = e["invoiceNumber"]
    if num not in nums: fail(f"{cid}: no invoice {num}"); continue
    inv_ = I(lgn, num); cur = inv_["currency"]
    if e.get("customerId") != inv_["customerId"]: fail(f"{cid}: customerId {e.get('customerId')} but invoice is {inv_['customerId']}")
    # neverAsks: invoice only when its number (or its four-digit sequence) is in the first turn
    seq = re.search(r"\d{4}", num).group(0)
    if "invoice" in e.get("neverAsks", []) and not (num in c["turns"][0] or re.search(rf"\b{seq}\b", c["turns"][0])): fail(f"{cid}: neverAsks invoice but turn 1 lacks it")
    for m in e.get("emailMentions", []):
        if m in nums or m in pos: continue
        if re.fullmatch(r"\d+\.\d{2}", m) and D(m) < 1000: continue
        fail(f"{cid}: emailMentions {m} is neither a document number nor an amount below 1,000")
    if num not in e.get("emailMentions", []): fail(f"{cid}: email should name the invoice")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not decimals_ok(e[k], cur): fail(f"{cid}: {k} {e[k]} has more digits than {cur}")
        if k in e and len(e[k].split(".")[1] if "." in e[k] else "") != dig(cur): fail(f"{cid}: {k} {e[k]} not written with {dig(cur)} decimals")
    rec = R.get(cid)
    if rec is None: fail(f"{cid}: no recipe"); continue
    sup_fn, dis_fn = rec
    disputed = dis_fn()
    if D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed > inv_total(lgn, num) or disputed <= 0: fail(f"{cid}: disputed out of range")
    cl, act = e.get("classification"), e.get("action")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger can decide it after all")
        if "supportedAmount" in e: fail(f"{cid}: needs_info with a supported amount")
    supported = None
    if sup_fn:
        evidence = sup_fn()
        if evidence is None: fail(f"{cid}: recipe found no defect"); continue
        supported = min(evidence, disputed)
        if D(e["supportedAmount"]) != supported: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {supported}")
    elif cl != "needs_info": fail(f"{cid}: no supported recipe")
    if cl and cl != "needs_info":
        defect = e.get("reasonCode") in ADMIN_DEFECT and act == "cancel_and_rebill"
        exp = ("valid" if defect else "invalid") if supported == 0 else ("valid" if supported >= disputed else "partial")
        if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {supported}, disputed {disputed})")
        if cl in ("invalid", "partial"):
            owed = to_company(lgn, num, disputed - supported)
            wo = owed < D(lg["policy"]["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - supported} {cur} (= {owed} {home(lg)}) vs write-off below {lg['policy']['writeOffBelow']}")
            if not wo:
                want = {"already_paid": "apply_payment"}.get(e.get("reasonCode"), "credit_memo" if cl == "partial" else "no_adjustment")
                if act != want: fail(f"{cid}: action {act}, expected {want}")
        if cl == "valid":
            want = ("cancel_and_rebill" if (defect or (e.get("reasonCode") == "tax_error" and tax_exempt(lgn, num))) else
                    "apply_payment" if e.get("reasonCode") == "already_paid" else "credit_memo")
            if act != want: fail(f"{cid}: valid with {act}, expected {want}")
    # escalation: amount after FX, days past due on an open balance, strategic, repeat disputes (with and
    # without the disputes that remittance deductions open on import: both readings must agree), and the
    # finance controller's approval for money above the lead's limit.
    pol = lg["policy"]; cust = next(x for x in lg["customers"] if x["id"] == inv_["customerId"])
    conv = to_company(lgn, num, disputed)
    pastdue = max(0, days(inv_["dueDate"], c["today"])) if open_bal(lgn, num) > 0 else 0
    moved = {"credit_memo": supported, "write_off": (disputed - supported) if supported is not None else None, "apply_payment": supported,
             "cancel_and_rebill": inv_total(lgn, num)}.get(act)
    controller = moved is not None and to_company(lgn, num, moved) > D(pol["approvalLimits"]["lead"])
    base = conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic")) or controller
    e1 = base or recent_disputes(lgn, cust["id"], c["today"], num, False) >= pol["repeatDisputeCount"]
    e2 = base or recent_disputes(lgn, cust["id"], c["today"], num, True) >= pol["repeatDisputeCount"]
    if e1 != e2: fail(f"{cid}: escalation depends on whether remittance deductions count as disputes")
    if "escalation" not in e: fail(f"{cid}: escalation not asserted")
    elif e1 != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {e1} (disputed {disputed} {cur} = {conv} {home(lg)}, {pastdue} d past due)")
    if e.get("reasonCode") == "contract_terms" and conv >= D(pol["legalEscalationAmount"]) and "legal" not in e.get("stakeholders", []):
        fail(f"{cid}: legal escalation expected")
    if pastdue > 60: print(f"  note: {cid} invoice {pastdue} days past due")

# Unknown invoices really are absent; withdrawn / question cases name no figure.
for c in cases:
    e = c["expect"]
    if not e.get("invoiceNumber") and not e.get("noResolution") and set(e) != {"mustNotHappen"}: fail(f"{c['id']}: a case without an invoice asserts figures")

# ---- tallies quoted in the README
by_ledger = {}
for c in cases:
    by_ledger.setdefault(c["ledger"], Counter())[c["expect"].get("classification", "none")] += 1
for lgn, cnt in sorted(by_ledger.items()): print(f"  {lgn}: {dict(sorted(cnt.items()))}")
print("  classifications:", dict(sorted(Counter(c["expect"].get("classification", "none") for c in cases).items())))
print("  actions:", dict(sorted(Counter(c["expect"].get("action", "none") for c in cases).items())))
print("  reasons:", dict(sorted(Counter(c["expect"].get("reasonCode", "none") for c in cases).items())))
print("  escalations:", sum(1 for c in cases if c["expect"].get("escalation")), " turns:", dict(sorted(Counter(len(c["turns"]) for c in cases).items())))
print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
