#!/usr/bin/env python3
"""Batch-16 author's cross-check: recomputes every ledger total and every expected figure from the
ledger files with decimal arithmetic (never floats), independently of the product, and checks the
classification / action / escalation rules of DOMAIN.md. Currency-aware: CLP has 0 minor digits.
Prints the mismatches; exit 1 if any.  Usage: python3 evals/heldout/batch-16/check-figures.py"""
import glob, json, math, os, sys
from datetime import date
from decimal import Decimal as D, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
MINOR = {"CLP": 0, "JPY": 0, "ISK": 0, "KRW": 0, "VND": 0}
def r(x, cur): return x.quantize(D(1).scaleb(-MINOR.get(cur, 2)), rounding=ROUND_HALF_UP)
bad = []
def fail(msg): bad.append(msg)
def days(a, b): return (date.fromisoformat(b) - date.fromisoformat(a)).days

ledgers = {os.path.basename(p): json.load(open(p)) for p in glob.glob(f"{HERE}/*.ledger.json")}
CL, ID, SE = "andes-riego-clp.ledger.json", "daya-prima-idr.ledger.json", "jamtlands-liftservice-sek.ledger.json"
def inv(lgn, num): return next(i for i in ledgers[lgn]["invoices"] if i["number"] == num)
def line(i, n): return next(l for l in i["lines"] if l["line"] == n)
def net(l, cur, qty=None, price=None): return r(D(price or l["unitPrice"]) * D(str(l["quantity"] if qty is None else qty)), cur)
def tax(l, n, cur): return r(n * D(l["taxRate"]), cur) if l.get("taxRate") else D(0)
def gross(l, cur, qty=None, price=None): n = net(l, cur, qty, price); return n + tax(l, n, cur)
def total(i): return sum((gross(l, i["currency"]) for l in i["lines"]), D(0)) + sum((D(f["amount"]) for f in i.get("fees", [])), D(0))
def paid(lgn, num): return sum((D(p["amount"]) for p in ledgers[lgn].get("payments", []) if p.get("invoiceNumber") == num), D(0))
def contract(lgn, i): return next(c for c in ledgers[lgn]["contracts"] if c["id"] == i["contractId"])

# ---- ledgers: totals, references, minor digits, terms
for name, lg in ledgers.items():
    custs = {c["id"] for c in lg["customers"]}
    nums = [i["number"] for i in lg["invoices"]]
    home = lg["company"]["currency"]
    if len(nums) != len(set(nums)): fail(f"{name}: duplicate invoice numbers")
    for i in lg["invoices"]:
        cur = i["currency"]
        if D(i["total"]) != total(i): fail(f"{name} {i['number']}: total {i['total']} != {total(i)}")
        for l in i["lines"]:
            if r(D(l["unitPrice"]), cur) != D(l["unitPrice"]): fail(f"{name} {i['number']}: price {l['unitPrice']} has too many digits for {cur}")
        if i["customerId"] not in custs: fail(f"{name} {i['number']}: unknown customer")
        if i.get("contractId"):
            c = contract(name, i)
            if c["customerId"] != i["customerId"]: fail(f"{name} {i['number']}: contract of another customer")
            if c["currency"] != cur: fail(f"{name} {i['number']}: contract currency {c['currency']}")
            if days(i["issueDate"], i["dueDate"]) != c["paymentTermsDays"] and i["number"] != "JLS-26-0414":
                fail(f"{name} {i['number']}: terms {days(i['issueDate'], i['dueDate'])} != {c['paymentTermsDays']}")
        if i.get("poNumber") and i["poNumber"] != "PO-GNS-2026-099" and not any(p["number"] == i["poNumber"] for p in lg.get("purchaseOrders", [])):
            fail(f"{name} {i['number']}: PO {i['poNumber']} not in the ledger")
        if i["status"] == "paid" and paid(name, i["number"]) < D(i["total"]): fail(f"{name} {i['number']}: paid but underpaid")
    for d in lg.get("deliveries", []):
        if d.get("invoiceNumber") and d["invoiceNumber"] not in nums: fail(f"{name} delivery {d['id']}: unknown invoice")
    for s in lg.get("serviceLogs", []):
        if s.get("invoiceNumber") and s["invoiceNumber"] not in nums: fail(f"{name} log {s['id']}: unknown invoice")
    for p in lg.get("payments", []):
        if p.get("invoiceNumber") and p["invoiceNumber"] not in nums: fail(f"{name} payment {p['id']}: unknown invoice")
        if p["customerId"] not in custs: fail(f"{name} payment {p['id']}: unknown customer")
        if r(D(p["amount"]), p["currency"]) != D(p["amount"]): fail(f"{name} payment {p['id']}: digits")

# ---- recipes (DOMAIN.md rules, by hand)
def cur(lgn, num): return inv(lgn, num)["currency"]
def cprice(lgn, i, sku): return next(p["unitPrice"] for p in contract(lgn, i)["prices"] if p["sku"] == sku)
def poprice(lgn, i, sku): return next(l["unitPrice"] for p in ledgers[lgn]["purchaseOrders"] if p["number"] == i["poNumber"] for l in p["lines"] if l["sku"] == sku)
def over_at(lgn, num, n, price):       # billed gross - gross at `price`
    i = inv(lgn, num); l = line(i, n); return max(gross(l, i["currency"]) - gross(l, i["currency"], price=price), D(0))
def price_diff(lgn, num, n):
    i = inv(lgn, num); l = line(i, n)
    agreed = cprice(lgn, i, l["sku"]) if i.get("contractId") else poprice(lgn, i, l["sku"])
    return over_at(lgn, num, n, agreed)
def units_short(lgn, num, n, counted):
    i = inv(lgn, num); l = line(i, n); return gross(l, i["currency"]) - gross(l, i["currency"], qty=counted)
def delivered(lgn, num, sku, field="quantity"):
    return sum(d.get(field, 0) for d in ledgers[lgn]["deliveries"] if d.get("invoiceNumber") == num and d["sku"] == sku)
def logged(lgn, num, sku):
    return sum(s["quantity"] for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku and s["status"] != "not_rendered")
def unserved(lgn, num, sku, dates):
    logs = [s for s in ledgers[lgn]["serviceLogs"] if s.get("invoiceNumber") == num and s["sku"] == sku]
    if any(s["periodStart"] != s["periodEnd"] and any(s["periodStart"] <= d <= s["periodEnd"] for d in dates) for s in logs): return None  # needs_info
    return sum(1 for d in dates if not any(s["periodStart"] <= d <= s["periodEnd"] and s["status"] != "not_rendered" for s in logs))
def inv_tax(lgn, num): i = inv(lgn, num); return sum((tax(l, net(l, i["currency"]), i["currency"]) for l in i["lines"]), D(0))
def inv_total(lgn, num): return total(inv(lgn, num))
def fee(lgn, num, t): return sum((D(f["amount"]) for f in inv(lgn, num).get("fees", []) if f["type"] == t), D(0))
def open_bal(lgn, num): return inv_total(lgn, num) - paid(lgn, num)
def late_fee_allowed(lgn, num):
    i = inv(lgn, num); c = contract(lgn, i); cu = i["currency"]
    if not c.get("lateFee"): return D(0)
    principal = sum((gross(l, cu) for l in i["lines"]), D(0))
    grace = c["lateFee"].get("graceDays", 0)
    pays = sorted((p for p in ledgers[lgn]["payments"] if p.get("invoiceNumber") == num), key=lambda p: p["date"])
    on_time = sum((D(p["amount"]) for p in pays if days(i["dueDate"], p["date"]) <= grace), D(0))
    if on_time >= principal: return D(0)
    late = days(i["dueDate"], pays[-1]["date"])
    return r(principal * D(c["lateFee"]["percentPerMonth"]) / 100, cu) * math.ceil(late / 30)
def outside_contract(lgn, num):
    i = inv(lgn, num); c = contract(lgn, i)
    s, e = i["servicePeriodStart"], i["servicePeriodEnd"]; tot = days(s, e) + 1
    inside = max(0, days(max(s, c["startDate"]), min(e, c.get("endDate", e))) + 1)
    return r(inv_total(lgn, num) * (tot - inside) / tot, i["currency"])
def unapplied_payment(lgn, num, on):
    return sum((D(p["amount"]) for p in ledgers[lgn]["payments"] if not p.get("invoiceNumber") and p["date"] == on and D(p["amount"]) <= open_bal(lgn, num)), D(0))

Z = D(0)
N = lambda m, s: f"INV/DPE/2026/{m}/{s}"
R = {  # supported amount from the evidence
 "b16-cl-goteo-precio": lambda: price_diff(CL, "FE-10452", 1),
 "b16-cl-filtros-faltantes": lambda: units_short(CL, "FE-10453", 1, delivered(CL, "FE-10453", "FIL-ANILLA")),
 "b16-cl-sin-oc": lambda: Z,
 "b16-cl-visitas-3-de-4": lambda: units_short(CL, "FE-10458", 1, logged(CL, "FE-10458", "MANT-VISITA")),
 "b16-cl-correccion-visita": lambda: units_short(CL, "FE-10458", 1, 4 - unserved(CL, "FE-10458", "MANT-VISITA", ["2026-04-28"])),
 "b16-cl-rollos-aplastados": lambda: units_short(CL, "FE-10460", 1, 120 - delivered(CL, "FE-10460", "GOT-16", "damagedQuantity")),
 "b16-cl-flete-en-oc": lambda: Z,
 "b16-cl-factura-duplicada": lambda: inv_total(CL, "FE-10463"),
 "b16-cl-fundacion-exenta": lambda: inv_tax(CL, "FE-10466"),
 "b16-cl-interes-mora": lambda: fee(CL, "FE-10470", "late_fee") - min(late_fee_allowed(CL, "FE-10470"), fee(CL, "FE-10470", "late_fee")),
 "b16-cl-valvulas-castigo": lambda: price_diff(CL, "FE-10471", 1),
 "b16-cl-transferencia": lambda: unapplied_payment(CL, "FE-10475", "2026-06-05"),
 "b16-cl-filtros-vencida": lambda: units_short(CL, "FE-10449", 1, delivered(CL, "FE-10449", "FIL-ANILLA")),
 "b16-cl-solo-la-cinta": lambda: price_diff(CL, "FE-10452", 1),
 "b16-cl-cliente-equivocado": lambda: inv_tax(CL, "FE-10478"),
 "b16-cl-tecnico-molesto": lambda: units_short(CL, "FE-10479", 1, logged(CL, "FE-10479", "TEC-HORA")),
 "b16-cl-oc-si-viene": lambda: Z,
 "b16-id-sewa-harga": lambda: price_diff(ID, N("05", "0117"), 1),
 "b16-id-pm-20-mei": lambda: units_short(ID, N("05", "0117"), 2, 4 - unserved(ID, N("05", "0117"), "PM-VISIT", ["2026-05-20"])),
 "b16-id-solar-kurang": lambda: units_short(ID, N("05", "0118"), 1, delivered(ID, N("05", "0118"), "SOLAR-L")),
 "b16-id-denda-dalam-grace": lambda: fee(ID, N("04", "0098"), "late_fee") - min(late_fee_allowed(ID, N("04", "0098")), fee(ID, N("04", "0098"), "late_fee")),
 "b16-id-ats-penyok": lambda: units_short(ID, N("05", "0121"), 1, 2 - delivered(ID, N("05", "0121"), "ATS-PANEL", "damagedQuantity")),
 "b16-id-teknisi-koreksi": lambda: units_short(ID, N("05", "0122"), 1, logged(ID, N("05", "0122"), "TEKNISI-JAM")),
 "b16-id-usd-duplikat": lambda: inv_total(ID, N("05", "0125")),
 "b16-id-mobilisasi": lambda: fee(ID, N("05", "0127"), "service_fee"),
 "b16-id-yayasan-ppn": lambda: inv_tax(ID, N("05", "0130")),
 "b16-id-harga-po-writeoff": lambda: price_diff(ID, N("05", "0131"), 1),
 "b16-id-po-salah": lambda: Z,
 "b16-id-sgd-no-rate": lambda: price_diff(ID, N("06", "0140"), 1),
 "b16-id-rs-tidak-puas": lambda: units_short(ID, N("05", "0128"), 1, logged(ID, N("05", "0128"), "GEN-250")),
 "b16-id-bukan-kuantitas": lambda: price_diff(ID, N("05", "0118"), 1),
 "b16-id-transfer-belum-dialokasi": lambda: unapplied_payment(ID, N("04", "0101"), "2026-04-20"),
 "b16-id-alasan-dulu": lambda: price_diff(ID, N("05", "0131"), 1),
 "b16-se-rullfoder-pris": lambda: price_diff(SE, "JLS-26-0410", 1),
 "b16-se-grepp-saknas": lambda: units_short(SE, "JLS-26-0411", 1, delivered(SE, "JLS-26-0411", "GRIP-OVH")),
 "b16-se-saknar-po": lambda: Z,
 "b16-se-drojsmalsranta": lambda: fee(SE, "JLS-26-0405", "late_fee") - min(late_fee_allowed(SE, "JLS-26-0405"), fee(SE, "JLS-26-0405", "late_fee")),
 "b16-se-beredskap-helger": lambda: units_short(SE, "JLS-26-0415", 1, logged(SE, "JLS-26-0415", "BEREDSKAP")),
 "b16-se-levi-dubbel": lambda: inv_total(SE, "JLS-26-0420"),
 "b16-se-levi-efter-avtal": lambda: outside_contract(SE, "JLS-26-0421"),
 "b16-se-trysil-knust": lambda: units_short(SE, "JLS-26-0423", 1, 60 - delivered(SE, "JLS-26-0423", "SHEAVE-LIN", "damagedQuantity")),
 "b16-se-fjallraddning-moms": lambda: inv_tax(SE, "JLS-26-0426"),
 "b16-se-skidskola-writeoff": lambda: price_diff(SE, "JLS-26-0428", 1),
 "b16-se-resa-pa-po": lambda: Z,
 "b16-se-betalt-annan": lambda: Z,
 "b16-se-tillbakadragen": lambda: price_diff(SE, "JLS-26-0416", 1),
 "b16-se-timmar-vilken": lambda: units_short(SE, "JLS-26-0429", 1, logged(SE, "JLS-26-0429", "SERV-TIM")),
 "b16-se-betalningsvillkor": lambda: Z,
 "b16-se-skarv-maj": lambda: units_short(SE, "JLS-26-0417", 1, logged(SE, "JLS-26-0417", "WIRE-SPL")),
 "b16-se-krav-hela-raden": lambda: units_short(SE, "JLS-26-0423", 1, 60 - delivered(SE, "JLS-26-0423", "SHEAVE-LIN", "damagedQuantity")),
}
# What the claim itself disputes, recomputed from the words of the turns.
DISPUTED = {
 "b16-cl-goteo-precio": lambda: over_at(CL, "FE-10452", 1, "89900"),
 "b16-cl-filtros-faltantes": lambda: units_short(CL, "FE-10453", 1, 5),
 "b16-cl-sin-oc": lambda: inv_total(CL, "FE-10455"),
 "b16-cl-visitas-3-de-4": lambda: units_short(CL, "FE-10458", 1, 3),
 "b16-cl-correccion-visita": lambda: units_short(CL, "FE-10458", 1, 3),
 "b16-cl-rollos-aplastados": lambda: units_short(CL, "FE-10460", 1, 112),
 "b16-cl-flete-en-oc": lambda: fee(CL, "FE-10460", "freight"),
 "b16-cl-factura-duplicada": lambda: inv_total(CL, "FE-10463"),
 "b16-cl-fundacion-exenta": lambda: inv_tax(CL, "FE-10466"),
 "b16-cl-interes-mora": lambda: fee(CL, "FE-10470", "late_fee"),
 "b16-cl-valvulas-castigo": lambda: over_at(CL, "FE-10471", 1, "65000"),
 "b16-cl-sin-contrato": lambda: over_at(CL, "FE-10474", 1, "38000"),
 "b16-cl-transferencia": lambda: open_bal(CL, "FE-10475"),
 "b16-cl-filtros-vencida": lambda: units_short(CL, "FE-10449", 1, 9),
 "b16-cl-solo-la-cinta": lambda: over_at(CL, "FE-10452", 1, "89900"),
 "b16-cl-cliente-equivocado": lambda: inv_tax(CL, "FE-10478"),
 "b16-cl-tecnico-molesto": lambda: inv_total(CL, "FE-10479"),
 "b16-cl-oc-si-viene": lambda: inv_total(CL, "FE-10453"),
 "b16-id-sewa-harga": lambda: over_at(ID, N("05", "0117"), 1, "35000000.00"),
 "b16-id-pm-20-mei": lambda: units_short(ID, N("05", "0117"), 2, 3),
 "b16-id-solar-kurang": lambda: units_short(ID, N("05", "0118"), 1, 4000),
 "b16-id-denda-dalam-grace": lambda: fee(ID, N("04", "0098"), "late_fee"),
 "b16-id-ats-penyok": lambda: units_short(ID, N("05", "0121"), 1, 0),
 "b16-id-teknisi-koreksi": lambda: units_short(ID, N("05", "0122"), 1, 12),
 "b16-id-usd-duplikat": lambda: inv_total(ID, N("05", "0125")),
 "b16-id-mobilisasi": lambda: fee(ID, N("05", "0127"), "service_fee"),
 "b16-id-yayasan-ppn": lambda: inv_tax(ID, N("05", "0130")),
 "b16-id-harga-po-writeoff": lambda: over_at(ID, N("05", "0131"), 1, "12000000.00"),
 "b16-id-sudah-bayar-tanpa-bukti": lambda: open_bal(ID, N("02", "0033")),
 "b16-id-po-salah": lambda: inv_total(ID, N("05", "0133")),
 "b16-id-sgd-no-rate": lambda: over_at(ID, N("06", "0140"), 1, "2750.00"),
 "b16-id-rs-tidak-puas": lambda: inv_total(ID, N("05", "0128")),
 "b16-id-bukan-kuantitas": lambda: over_at(ID, N("05", "0118"), 1, "16200.00"),
 "b16-id-transfer-belum-dialokasi": lambda: open_bal(ID, N("04", "0101")),
 "b16-id-alasan-dulu": lambda: over_at(ID, N("05", "0131"), 1, "12500000.00"),
 "b16-se-rullfoder-pris": lambda: over_at(SE, "JLS-26-0410", 1, "1095.00"),
 "b16-se-grepp-saknas": lambda: units_short(SE, "JLS-26-0411", 1, 20),
 "b16-se-saknar-po": lambda: inv_total(SE, "JLS-26-0413"),
 "b16-se-drojsmalsranta": lambda: fee(SE, "JLS-26-0405", "late_fee"),
 "b16-se-beredskap-helger": lambda: units_short(SE, "JLS-26-0415", 1, 3),
 "b16-se-trysil-dager": lambda: units_short(SE, "JLS-26-0424", 1, 13),
 "b16-se-levi-dubbel": lambda: inv_total(SE, "JLS-26-0420"),
 "b16-se-levi-efter-avtal": lambda: inv_total(SE, "JLS-26-0421"),
 "b16-se-trysil-knust": lambda: units_short(SE, "JLS-26-0423", 1, 54),
 "b16-se-fjallraddning-moms": lambda: inv_tax(SE, "JLS-26-0426"),
 "b16-se-skidskola-writeoff": lambda: over_at(SE, "JLS-26-0428", 1, "850.00"),
 "b16-se-resa-pa-po": lambda: fee(SE, "JLS-26-0411", "other"),
 "b16-se-betalt-annan": lambda: open_bal(SE, "JLS-26-0409"),
 "b16-se-tillbakadragen": lambda: over_at(SE, "JLS-26-0416", 1, "8900.00"),
 "b16-se-timmar-vilken": lambda: units_short(SE, "JLS-26-0429", 1, 6),
 "b16-se-betalningsvillkor": lambda: inv_total(SE, "JLS-26-0414"),
 "b16-se-skarv-maj": lambda: units_short(SE, "JLS-26-0417", 1, 2),
 "b16-se-krav-hela-raden": lambda: units_short(SE, "JLS-26-0423", 1, 0),
}
NEEDS_INFO = {  # the document whose absence makes the case needs_info
 "b16-cl-sin-contrato": lambda: inv(CL, "FE-10474").get("contractId") is None and inv(CL, "FE-10474").get("poNumber") is None,
 "b16-cl-mayo-visitas-fechas": lambda: unserved(CL, "FE-10477", "MANT-VISITA", ["2026-05-12", "2026-05-19"]) is None,
 "b16-id-sudah-bayar-tanpa-bukti": lambda: not any(p["customerId"] == "ID-02" and (p.get("invoiceNumber") == N("02", "0033") or D(p["amount"]) == open_bal(ID, N("02", "0033")) or p["date"].startswith("2026-03")) for p in ledgers[ID]["payments"]),
 "b16-se-trysil-dager": lambda: unserved(SE, "JLS-26-0424", "DAGL-TILSYN", ["2026-04-09", "2026-04-10"]) is None,
}
ADMIN = {"missing_po", "contract_terms", "other"}

def to_home(lgn, amount, currency, on):
    lg = ledgers[lgn]; home = lg["company"]["currency"]
    if currency == home: return amount
    rates = [x for x in lg.get("fxRates", []) if x["currency"] == currency and x["date"] <= on]
    if not rates: return None
    return r(amount * D(max(rates, key=lambda x: x["date"])["rate"]), home)

cases = [json.load(open(p)) for p in sorted(glob.glob(f"{HERE}/*.case.json"))]
ids = [c["id"] for c in cases]
if len(ids) != len(set(ids)): fail("duplicate case ids")
per = {}
for c in cases:
    e, cid, lgn = c["expect"], c["id"], c["ledger"]
    per[lgn] = per.get(lgn, 0) + 1
    if lgn not in ledgers: fail(f"{cid}: unknown ledger"); continue
    if not 1 <= len(c["turns"]) <= 3: fail(f"{cid}: {len(c['turns'])} turns")
    lg = ledgers[lgn]; pol = lg["policy"]
    if e.get("noResolution"):
        if e.get("invoiceNumber") and any(i["number"] == e["invoiceNumber"] for i in lg["invoices"]): fail(f"{cid}: invoice exists")
        continue
    if "invoiceNumber" not in e: continue
    num = e["invoiceNumber"]
    if not any(i["number"] == num for i in lg["invoices"]): fail(f"{cid}: no invoice {num}"); continue
    i = inv(lgn, num); cu = i["currency"]
    if e.get("customerId") and e["customerId"] != i["customerId"]: fail(f"{cid}: customer {e['customerId']} != {i['customerId']}")
    for k in ("disputedAmount", "supportedAmount"):
        if k in e and r(D(e[k]), cu) != D(e[k]): fail(f"{cid}: {k} {e[k]} has wrong digits for {cu}")
    disputed = DISPUTED[cid]() if cid in DISPUTED else None
    if "disputedAmount" in e and D(e["disputedAmount"]) != disputed: fail(f"{cid}: disputedAmount {e['disputedAmount']} != recomputed {disputed}")
    if disputed is not None and disputed > inv_total(lgn, num): fail(f"{cid}: disputed above invoice total")
    cl = e.get("classification"); act = e.get("action")
    if cl == "needs_info":
        if act != "request_information": fail(f"{cid}: needs_info without request_information")
        if not NEEDS_INFO[cid](): fail(f"{cid}: the ledger has what needs_info says is missing")
    if "supportedAmount" in e:
        evidence = R[cid]()
        want = min(evidence, disputed) if disputed is not None else evidence
        if D(e["supportedAmount"]) != want: fail(f"{cid}: supportedAmount {e['supportedAmount']} != recomputed {want}")
        s = D(e["supportedAmount"])
        if cl and disputed is not None:
            exp = ("valid" if e.get("reasonCode") in ADMIN and act == "cancel_and_rebill" else "invalid") if s == 0 else ("valid" if s >= disputed else "partial")
            if cl != exp: fail(f"{cid}: classification {cl}, rules give {exp} (supported {s}, disputed {disputed})")
            if cl in ("invalid", "partial"):
                owed = to_home(lgn, disputed - s, cu, i["issueDate"])
                wo = owed is not None and owed < D(pol["writeOffBelow"])
                if wo != (act == "write_off"): fail(f"{cid}: action {act} but owed {disputed - s} {cu} vs write-off below {pol['writeOffBelow']}")
    if "escalation" in e:
        cust = next(x for x in lg["customers"] if x["id"] == i["customerId"])
        d = disputed if disputed is not None else R.get(cid, lambda: Z)()
        conv = to_home(lgn, d, cu, i["issueDate"])
        recent = sum(1 for p in lg.get("pastDisputes", []) if p["customerId"] == cust["id"] and 0 <= days(p["openedDate"], c["today"]) < pol["repeatDisputeWindowDays"]) + 1
        pastdue = days(i["dueDate"], c["today"]) if open_bal(lgn, num) > 0 else 0
        esc = (conv is None or conv >= D(pol["escalationAmount"]) or pastdue > pol["escalationDaysPastDue"]
               or bool(cust.get("strategic")) or recent >= pol["repeatDisputeCount"])
        if esc != e["escalation"]: fail(f"{cid}: escalation {e['escalation']} but rules give {esc} (disputed {d} {cu} = {conv}, {pastdue} d past due, {recent} disputes)")
for lgn in ledgers:
    if per.get(lgn) != 20: fail(f"{lgn}: {per.get(lgn)} cases, not 20")

spread = {}
for c in cases:
    k = c["expect"].get("classification") or ("noResolution" if c["expect"].get("noResolution") else "no-change only")
    spread[k] = spread.get(k, 0) + 1
print(f"{len(ledgers)} ledgers, {len(cases)} cases, spread {dict(sorted(spread.items()))}, {len(bad)} mismatch(es)")
for b in bad: print("  -", b)
sys.exit(1 if bad else 0)
