/**
 * Word lists the demo ledger is built from: invented company names (never real companies), people,
 * and a product and service catalogue per industry with list prices.
 */

export const NAME_FIRST = [
  'Blue Harbor',
  'Northfield',
  'Ironwood',
  'Silver Creek',
  'Redstone',
  'Lakeshore',
  'Copperline',
  'Granite Peak',
  'Maple Ridge',
  'Brightwater',
  'Cedar Point',
  'Summit Vale',
  'Oakhurst',
  'Pinecrest',
  'Harborview',
  'Stonebridge',
  'Westbrook',
  'Clearfield',
  'Foxhollow',
  'Riverbend',
  'Highgate',
  'Amberly',
  'Kestrel',
  'Windmere',
  'Bramblewood',
  'Falconer',
  'Larkspur',
  'Meridian',
  'Tidewater',
  'Juniper',
  'Crescent Bay',
  'Hollowell',
  'Quarry Lane',
  'Sablewood',
  'Thornbury',
  'Wrenfield',
  'Alder & Finch',
  'Beacon Hill',
  'Driftwood',
  'Elmstead',
] as const

export const INDUSTRY_NOUNS: Readonly<Record<string, readonly string[]>> = {
  saas: ['Software', 'Analytics', 'Cloud Systems', 'Data Labs', 'Digital'],
  manufacturing: ['Manufacturing', 'Industries', 'Fabrication', 'Components', 'Machine Works'],
  logistics: ['Logistics', 'Freight', 'Distribution', 'Transport', 'Supply Chain'],
  healthcare: ['Health Partners', 'Medical Group', 'Clinics', 'Care Network', 'Health System'],
  food: ['Foods', 'Provisions', 'Bakeries', 'Fresh Market', 'Kitchens'],
  retail: ['Outfitters', 'Home Goods', 'Retail Group', 'Mercantile', 'Stores'],
  construction: ['Builders', 'Construction', 'Contracting', 'Building Supply', 'Site Services'],
}

export const SUFFIXES = ['Inc.', 'LLC', 'Co.', 'Group', 'Corp.', 'Ltd.', ''] as const

export const PEOPLE = [
  'Dana Whitfield',
  'Sam Ortiz',
  'Priya Raman',
  'Marcus Bell',
  'Elena Novak',
  'Tom Achebe',
  'Grace Liu',
  'Jonah Weiss',
  'Fatima Haddad',
  'Liam O’Connor',
  'Rosa Delgado',
  'Ken Watanabe',
  'Aisha Bello',
  'Nils Berg',
] as const

export const CONTACT_ROLES = [
  'AP clerk',
  'AP manager',
  'controller',
  'procurement lead',
  'office manager',
  'CFO',
] as const

export interface CatalogItem {
  sku: string
  description: string
  /** List price in cents. */
  cents: number
  unit?: string
  kind: 'goods' | 'service'
  /** Typical quantity range per order or per month. */
  qty: readonly [number, number]
}

export const CATALOG: readonly CatalogItem[] = [
  { sku: 'WIDGET-A', description: 'Steel widget, type A', cents: 1250, kind: 'goods', qty: [20, 200] },
  { sku: 'WIDGET-B', description: 'Steel widget, type B', cents: 4000, kind: 'goods', qty: [10, 80] },
  { sku: 'VALVE-34', description: '3/4" brass ball valve', cents: 1875, kind: 'goods', qty: [12, 120] },
  { sku: 'PUMP-200', description: 'Centrifugal pump 200 L/min', cents: 64900, kind: 'goods', qty: [1, 6] },
  { sku: 'BOLT-M8', description: 'M8 hex bolts, box of 100', cents: 2290, unit: 'box', kind: 'goods', qty: [5, 60] },
  { sku: 'SENSOR-T1', description: 'Temperature sensor T1', cents: 8950, kind: 'goods', qty: [4, 40] },
  { sku: 'CABLE-C6', description: 'Cat6 cable, 305 m reel', cents: 15900, unit: 'reel', kind: 'goods', qty: [2, 20] },
  { sku: 'PALLET-STD', description: 'Standard wooden pallet', cents: 1800, kind: 'goods', qty: [20, 150] },
  { sku: 'CRATE-WD', description: 'Wooden shipping crate', cents: 2200, kind: 'goods', qty: [10, 100] },
  { sku: 'FILM-WRAP', description: 'Stretch wrap film roll', cents: 2499, unit: 'roll', kind: 'goods', qty: [10, 90] },
  {
    sku: 'GLOVE-NIT',
    description: 'Nitrile gloves, case of 1000',
    cents: 8900,
    unit: 'case',
    kind: 'goods',
    qty: [2, 40],
  },
  { sku: 'MASK-N95', description: 'N95 respirators, box of 20', cents: 3450, unit: 'box', kind: 'goods', qty: [5, 80] },
  { sku: 'SYRINGE-5', description: '5 ml syringes, box of 100', cents: 1560, unit: 'box', kind: 'goods', qty: [5, 60] },
  { sku: 'FLOUR-25', description: 'Bread flour, 25 kg sack', cents: 2175, unit: 'sack', kind: 'goods', qty: [10, 120] },
  { sku: 'OIL-OLV5', description: 'Olive oil, 5 l tin', cents: 3890, unit: 'tin', kind: 'goods', qty: [6, 60] },
  {
    sku: 'BOX-CORR',
    description: 'Corrugated boxes, bundle of 25',
    cents: 2150,
    unit: 'bundle',
    kind: 'goods',
    qty: [10, 120],
  },
  { sku: 'SHELF-UNIT', description: 'Steel shelving unit', cents: 18900, kind: 'goods', qty: [2, 24] },
  { sku: 'POS-TERM', description: 'Point-of-sale terminal', cents: 42500, kind: 'goods', qty: [1, 10] },
  { sku: 'REBAR-12', description: '12 mm rebar, 6 m length', cents: 1135, kind: 'goods', qty: [50, 400] },
  {
    sku: 'CEMENT-40',
    description: 'Portland cement, 40 kg bag',
    cents: 1290,
    unit: 'bag',
    kind: 'goods',
    qty: [40, 300],
  },
  {
    sku: 'SAAS-SEAT',
    description: 'Platform seat licence',
    cents: 3000,
    unit: 'seat-month',
    kind: 'service',
    qty: [10, 250],
  },
  {
    sku: 'SUPPORT-PREM',
    description: 'Premium support plan',
    cents: 50000,
    unit: 'month',
    kind: 'service',
    qty: [1, 1],
  },
  {
    sku: 'API-CALLS',
    description: 'API usage, per 10k calls',
    cents: 450,
    unit: '10k calls',
    kind: 'service',
    qty: [20, 400],
  },
  { sku: 'INSTALL-HR', description: 'On-site installation', cents: 9500, unit: 'hour', kind: 'service', qty: [4, 40] },
  {
    sku: 'MAINT-VISIT',
    description: 'Preventive maintenance visit',
    cents: 32000,
    unit: 'visit',
    kind: 'service',
    qty: [1, 4],
  },
  { sku: 'TRAIN-DAY', description: 'Training day, on site', cents: 140000, unit: 'day', kind: 'service', qty: [1, 3] },
  { sku: 'CONSULT-HR', description: 'Consulting', cents: 17500, unit: 'hour', kind: 'service', qty: [4, 60] },
  {
    sku: 'STORAGE-PAL',
    description: 'Warehouse storage',
    cents: 1450,
    unit: 'pallet-month',
    kind: 'service',
    qty: [20, 300],
  },
  {
    sku: 'FREIGHT-LTL',
    description: 'LTL freight shipment',
    cents: 38500,
    unit: 'shipment',
    kind: 'service',
    qty: [1, 8],
  },
  {
    sku: 'CLEAN-SVC',
    description: 'Facility cleaning service',
    cents: 210000,
    unit: 'month',
    kind: 'service',
    qty: [1, 1],
  },
  {
    sku: 'MONITOR-247',
    description: '24/7 remote monitoring',
    cents: 89000,
    unit: 'month',
    kind: 'service',
    qty: [1, 1],
  },
]

/** Which catalogue items each industry buys. */
export const INDUSTRY_SKUS: Readonly<Record<string, readonly string[]>> = {
  saas: ['SAAS-SEAT', 'SUPPORT-PREM', 'API-CALLS', 'TRAIN-DAY', 'CONSULT-HR', 'POS-TERM'],
  manufacturing: ['WIDGET-A', 'WIDGET-B', 'VALVE-34', 'PUMP-200', 'BOLT-M8', 'SENSOR-T1', 'INSTALL-HR', 'MAINT-VISIT'],
  logistics: ['PALLET-STD', 'CRATE-WD', 'FILM-WRAP', 'BOX-CORR', 'STORAGE-PAL', 'FREIGHT-LTL', 'MONITOR-247'],
  healthcare: ['GLOVE-NIT', 'MASK-N95', 'SYRINGE-5', 'SENSOR-T1', 'CLEAN-SVC', 'MAINT-VISIT', 'SAAS-SEAT'],
  food: ['FLOUR-25', 'OIL-OLV5', 'BOX-CORR', 'CRATE-WD', 'FILM-WRAP', 'CLEAN-SVC', 'FREIGHT-LTL'],
  retail: ['SHELF-UNIT', 'POS-TERM', 'BOX-CORR', 'CABLE-C6', 'SAAS-SEAT', 'INSTALL-HR', 'STORAGE-PAL'],
  construction: ['REBAR-12', 'CEMENT-40', 'BOLT-M8', 'PUMP-200', 'CABLE-C6', 'INSTALL-HR', 'CONSULT-HR'],
}

export const TAX_RATES = ['0.0825', '0.07', '0.06', '0.0625', '0.0875', '0.05'] as const

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const
