/**
 * `npx tsx scripts/bench-profile.ts FILE [--top N]`: where a V8 CPU profile (`.cpuprofile`, e.g. from
 * `npm run bench:turn -- --profile FILE`) spends its time: the top functions by self time, then
 * by file (node_modules grouped by package, the database's WebAssembly as one line). Prints; asserts nothing.
 */
import { readFile } from 'node:fs/promises'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame }[]
  samples: number[]
  timeDeltas: number[]
}

const args = process.argv.slice(2)
const file = args.find((a) => !a.startsWith('--'))
if (!file) {
  console.error('usage: npx tsx scripts/bench-profile.ts FILE.cpuprofile [--top N]')
  process.exit(2)
}
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 25
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile
const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]))

/** A short place: our files relative to the repository, a package by name, wasm as one. */
function where(url: string): string {
  if (url.startsWith('wasm://')) return 'wasm (PGlite: PostgreSQL itself)'
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (pkg) return pkg[1] ?? url
  const ours = /\/((?:src|scripts|tools|web)\/.*)$/.exec(url)
  if (ours) return ours[1] ?? url
  return url || '(V8: gc, idle, program)'
}

const byFunction = new Map<string, number>()
const byPlace = new Map<string, number>()
let total = 0
for (let i = 0; i < profile.samples.length; i++) {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000
  const frame = frames.get(profile.samples[i] ?? -1)
  if (!frame || frame.functionName === '(idle)') continue
  const place = where(frame.url)
  const name = `${frame.functionName || '(anonymous)'}  ${place}`
  byFunction.set(name, (byFunction.get(name) ?? 0) + dt)
  byPlace.set(place, (byPlace.get(place) ?? 0) + dt)
  total += dt
}

const line = (ms: number, what: string) =>
  `${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${what}`
console.log(`busy (not idle): ${total.toFixed(0)} ms`)
console.log('\nby function (self time):')
for (const [k, v] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(line(v, k))
console.log('\nby file or package (self time):')
for (const [k, v] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(line(v, k))
