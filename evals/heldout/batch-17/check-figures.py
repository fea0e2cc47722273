#!/usr/bin/env python3
"""Batch-17 author's cross-check (adapted from batch 3's): recomputes every ledger total and every
expected figure from the ledger files with decimal arithmetic (never floats), independently of the
product: tax per line, half-up, once, to the currency's ISO 4217 minor digits (RWF 0); the credit for an
over-billed taxed line is billed gross - correct gross. Checks classification, the write-off rule and
escalation against each ledger's policy, converting invoice amounts to the company currency at the
latest fxRate on or before the invoice date (no rate: escalate, no write-off).
Prints the mismatches; exit 1 if any. Usage: python3 evals/heldout/batch-17/check-figures.py"""
import glob, json, os, sys
from datetime import date
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
DIGITS = {"RWF": 0, "JPY": 0, "ISK": 0, "CLP": 0, "VND": 0, "KRW": 0, "OMR": 3, "KWD": 3, "BHD": 3}
def r(x, cur): return x.quantize(D(1).scaleb(-DIGITS.get(cur, 2)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)

ledgers = {os.path.basename(p): json.load(open(p)) for p in glob.glob(f"{HERE}/*.ledger.json")}
def invoice(lg, num): return next(i for i in lg["invoices"] if i["number"] == num)
def line(inv, n): return next(l for l in inv["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur, rate=None):
    rate = rate if rate is not None else l.get("taxRate")
    return r(n * D(rate), cur) if rate else D(0)
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def total(inv): c = inv["currency"]; return sum((gross(l, c) for l in inv["lines"]), D(0)) + sum((D(f["amount"]) for f in inv.get("fees", [])), D(0))
def paid(lg, num): return sum((D(p["amount"]) for p in lg.get("payments", []) if p.get("invoiceNumber") == num), D(0))
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days
def digits_ok(amount, cur): return len((amount.split(".") + [""])[1].rstrip("0")) <= DIGITS.get(cur, 2)

# ---- ledgers: totals, references, minor digits
for name, lg in ledgers.items():
    home = lg["company"]["currency"]
    custs = {c["id"] for c in lg["customers"]}
    contracts = {c["id"]: c for c in lg.get("contracts", [])}
    nums = [i["number"] for i in lg["invoices"]]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    if not 12 <= len(nums) <= 25: fail(f"{name}: {len(nums)} invoices")
    for k in ("escalationAmount", "legalEscalationAmount", "writeOffBelow"):
        if not digits_ok(lg["policy"][k], home): fail(f"{name}: policy {k} digits")
    for i in lg["invoices"]:
        cur = i["currency"]
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        for l in i["lines"]:
            if not digits_ok(l["unitPrice"], cur): fail(f"{name} {i['number']}: price digits")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        if i.get("contractId"):
            c = contracts[i["contractId"]]
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: contract currency")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"]: fail(f"{name} {i['number']}: terms {days(i['issueDate'], i['dueDate'])} != contract")
        if i["status"] == "paid" and paid(lg, i["number"]) < D(i["total"]): fail(f"{name} {i['number']}: paid but underpaid")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        for rm in p.get("remittance", []):
            if D(rm["paid"]) + D(rm.get("deducted", "0")) != total(invoice(lg, rm["invoiceNumber"])): fail(f"{name} {p['id']}: remittance does not add up")
    for po in lg.get("purchaseOrders", []):
        if po["customerId"] not in custs: fail(f"{name} PO {po['number']}: unknown customer")

RW, RO, AE = "imena-event-hire-rwf.ledger.json", "apicola-somes-ron.ledger.json", "sahil-rope-access-aed.ledger.json"
def I(lgn, num): return invoice(ledgers[lgn], num)
def cur(lgn, num): return I(lgn, num)["currency"]
def contract_of(lgn, num): i = I(lgn, num); return next(c for c in ledgers[lgn]["contracts"] if c["id"] == i["contractId"])
def contract_price(lgn, num, sku): return next(p["unitPrice"] for p in contract_of(lgn, num)["prices"] if p["sku"] == sku)
def po_price(lgn, num, sku):
    i = I(lgn, num); po = next(p for p in ledgers[lgn]["purchaseOrders"] if p["number"] == i["poNumber"])
    return next(l["unitPrice"] for l in po["lines"] if l["sku"] == sku)
def price_diff(lgn, num, n, agreed=None):   # billed gross - gross at the agreed price
    i = I(lgn, num); l = line(i, n); c = i["currency"]
    agreed = agreed or contract_price(lgn, num, l["sku"])
    return max(D(0), gross(l, c) - gross(l, c, price=agreed))
def units_short(lgn, num, n, counted):   # billed gross - gross of the units actually counted
    i = I(lgn, num); l = line(i, n); return gross(l, i["currency"]) - gross(l, i["currency"], qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def unserved_days(lgn, num, sku, dates):
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    assert all(s["periodStart"] == s["periodEnd"] for s in logs), "date claims need daily logs"
    return sum(1 for d in dates if not any(s["periodStart"] == d and s["status"] != "not_rendered" for s in logs))
def inv_tax(lgn, num): i = I(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D(0))
def inv_total(lgn, num): return total(I(lgn, num))
def fee(lgn, num, t): return sum(D(f["amount"]) for f in I(lgn, num).get("fees", []) if f["type"] == t)
def open_bal(lgn, num): return inv_total(lgn, num) - paid(ledgers[lgn], num)
def tax_rate_diff(lgn, num, n, usual):
    i = I(lgn, num); l = line(i, n); c = i["currency"]; nn = net(l, c); return tax(l, nn, c) - tax(l, nn, c, usual)

def late_fee_allowed(lgn, num):
    """DOMAIN: contract clause, grace days, actual payment date. None if the principal was paid by
    due + grace; otherwise percent of the principal per started 30-day month of lateness."""
    lg = ledgers[lgn]; i = I(lgn, num); c = contract_of(lgn, num); cu = i["currency"]
    if not c.get("lateFee"): return D(0)
    principal = sum((gross(l, cu) for l in i["lines"]), D(0))
    pays = sorted((p for p in lg["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    grace = c["lateFee"].get("graceDays", 0)
    late = days(i["dueDate"], pays[-1]["date"])
    if sum(D(p["amount"]) for p in pays) >= principal and late <= grace: return D(0)
    months = -(-late // 30)
    return r(principal * D(c["lateFee"]["percentPerMonth"]) / 100, cu) * months

def contract_outside(lgn, num):
    i = I(lgn, num); c = contract_of(lgn, num)
    start, end = i["servicePeriodStart"], i["servicePeriodEnd"]
    tot = days(start, end) + 1
    inside = max(0, days(max(start, c["startDate"]), min(end, c.get("endDate", end))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot, i["currency"])

def duplicate_of(lgn, num, other):
    """Same customer, PO (if both carry one), overlapping period (if both carry one), same lines."""
    a, b = I(lgn, num), I(lgn, other)
    if a["customerId"] != b["customerId"]: return False
    if a.get("poNumber") and b.get("poNumber") and a["poNumber"] != b["poNumber"]: return False
    if a.get("servicePeriodStart") and b.get("servicePeriodStart"):
        if a["servicePeriodEnd"] < b["servicePeriodStart"] or b["servicePeriodEnd"] < a["servicePeriodStart"]: return False
    key = lambda l: (l["sku"], l["quantity"], l["unitPrice"])
    return {key(l) for l in a["lines"]} <= {key(l) for l in b["lines"]}
def dup_amount(lgn, num, other): return inv_total(lgn, num) if duplicate_of(lgn, num, other) else D(0)
def dup_line(lgn, num, other, n):
    a, b = I(lgn, num), I(lgn, other); l = line(a, n)
    ok = a["customerId"] == b["customerId"] and a.get("poNumber") == b.get("poNumber") and any((x["sku"], x["quantity"], x["unitPrice"]) == (l["sku"], l["quantity"], l["unitPrice"]) for x in b["lines"])
    return gross(l, a["currency"]) if ok else D(0)
def po_status(lgn, num):
    i = I(lgn, num); po = next((p for p in ledgers[lgn]["purchaseOrders"] if p["number"] == i.get("poNumber")), None)
    return None if po is None else po.get("status", "open")
def unapplied_exact(lgn, num):
    lg = ledgers[lgn]; i = I(lgn, num)
    return any(p["customerId"] == i["customerId"] and not p.get("invoiceNumber") and D(p["amount"]) == open_bal(lgn, num) for p in lg["payments"])
def po_lists_fee(lgn, num, t):
    i = I(lgn, num); f = next(f for f in i["fees"] if f["type"] == t)
    return any(po["customerId"] == i["customerId"] and po.get("status") != "cancelled" and any(l.get("description") == f["description"] and D(l["unitPrice"]) == D(f["amount"]) for l in po["lines"]) for po in ledgers[lgn]["purchaseOrders"])
def remittance_deducted(lgn, num):
    return sum(D(rm.get("deducted", "0")) for p in ledgers[lgn]["payments"] for rm in p.get("remittance", []) if rm["invoiceNumber"] == num)

Z = D(0)
# evidence recipes: what the ledger shows is not owed (before the disputed bound)
R = {
 "b17-rw-chairs-contract-rate": lambda: price_diff(RW, "IMN/26/0412", 1),
 "b17-rw-tables-broken-wrong-customer": lambda: units_short(RW, "IMN/26/0415", 1, 40 - delivered(RW, "IMN/26/0415", "TABLE-RND", "damagedQuantity")),
 "b17-rw-tables-overclaim-writeoff": lambda: units_short(RW, "IMN/26/0415", 1, 40 - delivered(RW, "IMN/26/0415", "TABLE-RND", "damagedQuantity")),
 "b17-rw-chairs-short-corrected-count": lambda: units_short(RW, "IMN/26/0418", 1, delivered(RW, "IMN/26/0418", "CHAIR-TIF")),
 "b17-rw-no-po-ap-rejects": lambda: Z,
 "b17-rw-latefee-paid-on-due-date": lambda: fee(RW, "IMN/26/0398", "late_fee") - min(late_fee_allowed(RW, "IMN/26/0398"), fee(RW, "IMN/26/0398", "late_fee")),
 "b17-rw-exempt-secretariat-vat": lambda: inv_tax(RW, "IMN/26/0422"),
 "b17-rw-generator-billed-twice": lambda: dup_amount(RW, "IMN/26/0409", "IMN/26/0405"),
 "b17-rw-generator-not-a-duplicate": lambda: dup_amount(RW, "IMN/26/0427", "IMN/26/0405"),
 "b17-rw-summit-technician-no-show": lambda: units_short(RW, "IMN/26/0410", 1, 4 - unserved_days(RW, "IMN/26/0410", "SOUND-TECH", ["2026-06-03"])),
 "b17-rw-generator-after-contract-end": lambda: contract_outside(RW, "IMN/26/0433"),
 "b17-rw-momo-not-applied": lambda: open_bal(RW, "IMN/26/0416") if unapplied_exact(RW, "IMN/26/0416") else Z,
 "b17-rw-transport-fee-on-po": lambda: Z if po_lists_fee(RW, "IMN/26/0424", "freight") else fee(RW, "IMN/26/0424", "freight"),
 "b17-rw-staging-reason-first": lambda: price_diff(RW, "IMN/26/0410", 2),
 "b17-rw-akagera-po-price": lambda: price_diff(RW, "IMN/26/0419", 1, po_price(RW, "IMN/26/0419", "GEN-40KVA")),
 "b17-rw-expo-invoiced-twice": lambda: dup_amount(RW, "IMN/26/0435", "IMN/26/0434"),
 "b17-rw-akagera-chairs-overdue": lambda: units_short(RW, "IMN/26/0388", 2, delivered(RW, "IMN/26/0388", "CHAIR-TIF")),
 "b17-ro-rame-pret-contract": lambda: price_diff(RO, "AS-0917", 1),
 "b17-ro-faguri-partial": lambda: units_short(RO, "AS-0917", 2, delivered(RO, "AS-0917", "FAG-ART")),
 "b17-ro-borcane-sparte": lambda: units_short(RO, "AS-0921", 1, 6000 - delivered(RO, "AS-0921", "BORCAN-800", "damagedQuantity")),
 "b17-ro-po-is-on-invoice": lambda: Z,
 "b17-ro-penalitate-fara-clauza": lambda: fee(RO, "AS-0903", "late_fee") - min(late_fee_allowed(RO, "AS-0903"), fee(RO, "AS-0903", "late_fee")),
 "b17-ro-latefee-inside-grace": lambda: fee(RO, "AS-0898", "late_fee") - min(late_fee_allowed(RO, "AS-0898"), fee(RO, "AS-0898", "late_fee")),
 "b17-ro-latefee-owed-writeoff": lambda: fee(RO, "AS-0894", "late_fee") - min(late_fee_allowed(RO, "AS-0894"), fee(RO, "AS-0894", "late_fee")),
 "b17-ro-sirop-tva-rate": lambda: tax_rate_diff(RO, "AS-0909", 1, line(I(RO, "AS-0889"), 1)["taxRate"]),
 "b17-ro-hu-reverse-charge": lambda: inv_tax(RO, "AS-0927"),
 "b17-ro-eur-no-rate": lambda: price_diff(RO, "AS-0912", 1),
 "b17-ro-service-months-not-duplicate": lambda: dup_amount(RO, "AS-0929", "AS-0905"),
 "b17-ro-hive-boxes-twice": lambda: dup_amount(RO, "AS-0932", "AS-0930"),
 "b17-ro-service-hours-9-of-12": lambda: units_short(RO, "AS-0919", 1, logged(RO, "AS-0919", "SERV-EXTR")),
 "b17-ro-extractor-still-vibrates": lambda: units_short(RO, "AS-0905", 1, logged(RO, "AS-0905", "SERV-EXTR")),
 "b17-ro-op-pays-other-invoice": lambda: Z,   # P-RO-331 (OP 331, 2026-11-10) is applied to AS-0911
 "b17-ro-hypothetical-jar-price": lambda: price_diff(RO, "AS-0898", 1),
 "b17-ro-extractor-reason-first": lambda: price_diff(RO, "AS-0921", 2),
 "b17-ro-dorna-frames-overdue": lambda: units_short(RO, "AS-0886", 1, delivered(RO, "AS-0886", "RAMA-DB")),
 "b17-ae-drops-price-overclaim": lambda: price_diff(AE, "SRA-26-1101", 1),
 "b17-ae-drops-price-corrected": lambda: price_diff(AE, "SRA-26-1101", 1),
 "b17-ae-cracked-panels-thread": lambda: units_short(AE, "SRA-26-1108", 1, 14 - delivered(AE, "SRA-26-1108", "GLASS-PNL", "damagedQuantity")),
 "b17-ae-bmu-visit-dates": lambda: units_short(AE, "SRA-26-1112", 1, 4 - unserved_days(AE, "SRA-26-1112", "BMU-INSP", ["2026-07-16", "2026-07-23"])),
 "b17-ae-doha-tower-b-usd": lambda: units_short(AE, "SRA-26-1115", 1, logged(AE, "SRA-26-1115", "FACADE-CLN")),
 "b17-ae-sealant-usd-writeoff": lambda: price_diff(AE, "SRA-26-1119", 1),
 "b17-ae-sealant-usd-no-writeoff": lambda: price_diff(AE, "SRA-26-1119", 1),
 "b17-ae-valmorel-short-eur": lambda: units_short(AE, "SRA-26-1106", 1, delivered(AE, "SRA-26-1106", "GLASS-PNL")),
 "b17-ae-permit-fee-on-po": lambda: Z if po_lists_fee(AE, "SRA-26-1121", "service_fee") else fee(AE, "SRA-26-1121", "service_fee"),
 "b17-ae-clinic-surcharge-latest": lambda: fee(AE, "SRA-26-1123", "other"),   # no PO; CT-AE-05 notes name access permits only
 "b17-ae-clinic-transfer-ref": lambda: open_bal(AE, "SRA-26-1104") if unapplied_exact(AE, "SRA-26-1104") else Z,
 "b17-ae-remittance-deduction": lambda: units_short(AE, "SRA-26-1126", 1, 6 - delivered(AE, "SRA-26-1126", "GLASS-PNL", "damagedQuantity")),
 "b17-ae-alqudra-goodwill": lambda: units_short(AE, "SRA-26-1110", 1, logged(AE, "SRA-26-1110", "FACADE-CLN")),
 "b17-ae-resealing-billed-twice": lambda: dup_line(AE, "SRA-26-1103", "SRA-26-1101", 1),
 "b17-ae-cancelled-po": lambda: Z,
 "b17-ae-billed-after-contract-expiry": lambda: contract_outside(AE, "SRA-26-1118"),
 "b17-ae-palmvista-anchors-overdue": lambda: units_short(AE, "SRA-26-1090", 1, logged(AE, "SRA-26-1090", "ANCHOR-TEST")),
}
# Disputed amounts derived from what the turns say (units, expected prices, named charges), to check the stated ones.
DISPUTED = {
 "b17-rw-chairs-contract-rate": lambda: price_diff(RW, "IMN/26/0412", 1, "2500"),
 "b17-rw-tables-broken-wrong-customer": lambda: units_short(RW, "IMN/26/0415", 1, 40 - 6),
 "b17-rw-tables-overclaim-writeoff": lambda: units_short(RW, "IMN/26/0415", 1, 40 - 9),
 "b17-rw-chairs-short-corrected-count": lambda: units_short(RW, "IMN/26/0418", 1, 420),
 "b17-rw-no-po-ap-rejects": lambda: inv_total(RW, "IMN/26/0420"),
 "b17-rw-latefee-paid-on-due-date": lambda: fee(RW, "IMN/26/0398", "late_fee"),
 "b17-rw-exempt-secretariat-vat": lambda: inv_tax(RW, "IMN/26/0422"),
 "b17-rw-generator-billed-twice": lambda: inv_total(RW, "IMN/26/0409"),
 "b17-rw-generator-not-a-duplicate": lambda: inv_total(RW, "IMN/26/0427"),
 "b17-rw-summit-technician-no-show": lambda: units_short(RW, "IMN/26/0410", 1, 3),
 "b17-rw-sound-one-job-sheet": lambda: units_short(RW, "IMN/26/0430", 1, 2),
 "b17-rw-generator-after-contract-end": lambda: r(inv_total(RW, "IMN/26/0433") * 5 / 10, "RWF"),
 "b17-rw-momo-not-applied": lambda: open_bal(RW, "IMN/26/0416"),
 "b17-rw-transport-fee-on-po": lambda: fee(RW, "IMN/26/0424", "freight"),
 "b17-rw-staging-reason-first": lambda: price_diff(RW, "IMN/26/0410", 2, "17000"),
 "b17-rw-akagera-po-price": lambda: price_diff(RW, "IMN/26/0419", 1, "230000"),
 "b17-rw-akagera-tent-no-contract": lambda: price_diff(RW, "IMN/26/0426", 1, "450000"),
 "b17-rw-expo-invoiced-twice": lambda: inv_total(RW, "IMN/26/0435"),
 "b17-rw-akagera-chairs-overdue": lambda: units_short(RW, "IMN/26/0388", 2, 200),
 "b17-ro-rame-pret-contract": lambda: price_diff(RO, "AS-0917", 1, "4.20"),
 "b17-ro-faguri-partial": lambda: units_short(RO, "AS-0917", 2, 65),
 "b17-ro-borcane-sparte": lambda: units_short(RO, "AS-0921", 1, 6000 - 240),
 "b17-ro-po-is-on-invoice": lambda: inv_total(RO, "AS-0925"),
 "b17-ro-penalitate-fara-clauza": lambda: fee(RO, "AS-0903", "late_fee"),
 "b17-ro-latefee-inside-grace": lambda: fee(RO, "AS-0898", "late_fee"),
 "b17-ro-latefee-owed-writeoff": lambda: fee(RO, "AS-0894", "late_fee"),
 "b17-ro-sirop-tva-rate": lambda: tax_rate_diff(RO, "AS-0909", 1, "0.11"),
 "b17-ro-hu-reverse-charge": lambda: inv_tax(RO, "AS-0927"),
 "b17-ro-eur-no-rate": lambda: price_diff(RO, "AS-0912", 1, "0.85"),
 "b17-ro-service-months-not-duplicate": lambda: inv_total(RO, "AS-0929"),
 "b17-ro-hive-boxes-twice": lambda: inv_total(RO, "AS-0932"),
 "b17-ro-service-hours-9-of-12": lambda: units_short(RO, "AS-0919", 1, 9),
 "b17-ro-extractor-still-vibrates": lambda: inv_total(RO, "AS-0905"),
 "b17-ro-op-pays-other-invoice": lambda: open_bal(RO, "AS-0915"),
 "b17-ro-hypothetical-jar-price": lambda: price_diff(RO, "AS-0898", 1, "1.85"),
 "b17-ro-extractor-reason-first": lambda: price_diff(RO, "AS-0921", 2, "4850.00"),
 "b17-ro-dorna-frames-overdue": lambda: units_short(RO, "AS-0886", 1, 900),
 "b17-ae-drops-price-overclaim": lambda: price_diff(AE, "SRA-26-1101", 1, "400.00"),
 "b17-ae-drops-price-corrected": lambda: price_diff(AE, "SRA-26-1101", 1, "420.00"),
 "b17-ae-cracked-panels-thread": lambda: units_short(AE, "SRA-26-1108", 1, 12),
 "b17-ae-bmu-visit-dates": lambda: units_short(AE, "SRA-26-1112", 1, 2),
 "b17-ae-doha-tower-b-usd": lambda: units_short(AE, "SRA-26-1115", 1, 160),
 "b17-ae-sealant-usd-writeoff": lambda: price_diff(AE, "SRA-26-1119", 1, "10.40"),
 "b17-ae-sealant-usd-no-writeoff": lambda: price_diff(AE, "SRA-26-1119", 1, "10.35"),
 "b17-ae-valmorel-short-eur": lambda: units_short(AE, "SRA-26-1106", 1, 18),
 "b17-ae-permit-fee-on-po": lambda: fee(AE, "SRA-26-1121", "service_fee"),
 "b17-ae-clinic-surcharge-latest": lambda: fee(AE, "SRA-26-1123", "other"),
 "b17-ae-clinic-transfer-ref": lambda: open_bal(AE, "SRA-26-1104"),
 "b17-ae-remittance-deduction": lambda: remittance_deducted(AE, "SRA-26-1126"),
 "b17-ae-alqudra-goodwill": lambda: inv_total(AE, "SRA-26-1110"),
 "b17-ae-resealing-billed-twice": lambda: inv_total(AE, "SRA-26-1103"),
 "b17-ae-cancelled-po": lambda: inv_total(AE, "SRA-26-1128"),
 "b17-ae-billed-after-contract-expiry": lambda: r(inv_total(AE, "SRA-26-1118") * 15 / 30, "AED"),
 "b17-ae-palmvista-anchors-overdue": lambda: units_short(AE, "SRA-26-1090", 1, 40),
 "b17-ae-atrium-glass-no-delivery-record": lambda: units_short(AE, "SRA-26-1127", 1, 3),
}
# Administrative defects that really exist (valid at 0 supported, cancel and rebill).
DEFECT = {"b17-rw-no-po-ap-rejects": lambda: I(RW, "IMN/26/0420").get("poNumber") is None and contract_of(RW, "IMN/26/0420")["poRequired"],
          "b17-ae-cancelled-po": lambda: po_status(AE, "SRA-26-1128") == "cancelled",
          "b17-ro-po-is-on-invoice": lambda: po_status(RO, "AS-0925") in (None, "cancelled")}
# needs_info: the document that decides is not in the ledger.
NEEDS = {"b17-rw-sound-one-job-sheet": lambda: all(s["periodStart"] != s["periodEnd"] for s in ledgers[RW]["serviceLogs"] if s.get("invoiceNumber") == "IMN/26/0430"),
         "b17-rw-akagera-tent-no-contract": lambda: I(RW, "IMN/26/0426").get("contractId") is None and I(RW, "IMN/26/0426").get("poNumber") is None,
         "b17-ae-atrium-glass-no-delivery-record": lambda: delivered(AE, "SRA-26-1127", "GLASS-PNL") == 0}

def to_home(lgn, num, amount):
    """amount of invoice `num` in the company currency at the latest rate on or before the invoice date; None: no rate."""
    lg = ledgers[lgn]; i = I(lgn, num); home = lg["company"]["currency"]
    if i["currency"] == home: return amount
    rates = [x for x in lg.get("fxRates", []) if x["currency"] == i["currency"] and x["date"] <= i["issueDate"]]
    if not rates: return None
    return r(amount * D(max(rates, key=lambda x: x["date"])["rate"]), home)

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
ids = [c["id"] for c in cases]
if len(ids) != len(set(ids)): fail("duplicate case ids")
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    lg = ledgers[lgn]; pol = lg["policy"]
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    if e.get("noResolution"):
        if e.get("invoiceNumber") and any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: invoice exists")
        continue
    if "invoiceNumber" not in e: continue
    num = e["invoiceNumber"]
    if not any(i["number"] == num for i in lg["invoices"]): fail(f"{cid}: no invoice {num}"); continue
    i = I(lgn, num)
    if "customerId" in e and e["customerId"] != i["customerId"]: fail(f"{cid}: customer {e['customerId']} != {i['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and not digits_ok(e[k], i["currency"]): fail(f"{cid}: {k} has more digits than {i['currency']}")
    disputed = DISPUTED[cid]() if cid in DISPUTED else None
    if "disputedAmount" in e:
        if disputed is None: fail(f"{cid}: no derivation of the disputed amount")
        elif D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != derived {disputed}")
        if D(e["disputedAmount"]) > inv_total(lgn, num): fail(f"{cid}: disputed above invoice total")
    cl = e.get("classification")
    if cl == "needs_info":
        if e.get("action") != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS[cid](): fail(f"{cid}: needs_info but the ledger holds the document")
    if "supportedAmount" in e:
        if cid not in R: fail(f"{cid}: no recipe"); continue
        evidence = R[cid]()
        want = min(evidence, disputed) if disputed is not None else evidence
        s = D(e["supportedAmount"])
        if s != want: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {want}")
        if cl and disputed is not None:
            defect = DEFECT.get(cid, lambda: False)()
            exp = ("valid" if defect else "invalid") if s == 0 else ("valid" if s >= disputed else "partial")
            if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {s}, disputed {disputed})")
            if defect and e.get("action") != "cancel_and_rebill": fail(f"{cid}: defect without cancel_and_rebill")
        act = e.get("action")
        if disputed is not None and (cl in ("invalid", "partial") or (cl is None and s < disputed)) and act != "goodwill_credit":
            owed = to_home(lgn, num, disputed - s)
            wo = owed is not None and owed < D(pol["writeOffBelow"])
            if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - s} ({owed} {lg['company']['currency']}) vs write-off {pol['writeOffBelow']}")
    if "escalation" in e:
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        d_home = to_home(lgn, num, disputed if disputed is not None else Z)
        recent = sum(1 for d in lg.get("pastDisputes", []) if d["customerId"] == cust["id"] and 0 <= days(d["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = days(i["dueDate"], c["today"]) if open_bal(lgn, num) > 0 else 0
        credit_home = to_home(lgn, num, D(e.get("supportedAmount", "0"))) if e.get("action") == "credit_memo" else Z
        esc = (d_home is None or d_home >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"] or bool(cust.get("strategic"))
               or recent >= pol["repeatDisputeCount"] or (credit_home is not None and credit_home > D(pol["approvalLimits"]["lead"])))
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {d_home} in company currency, {pastdue} d past due, {recent} disputes)")

print(f"{len(ledgers)} ledgers, {len(cases)} cases, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
