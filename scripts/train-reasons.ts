/**
 * Trains the reason classifier and writes src/adapters/agent/nlu/data/reason-model.json.
 * Prints k-fold cross-validated accuracy on the mapped Banking77 rows (our phrasings always in
 * training, the held-out fold never) and the accuracy on the full file with the final model.
 *   npx tsx scripts/train-reasons.ts [--folds 5] [--no-write]
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { crossValidate, trainReasonModel } from '../src/adapters/agent/nlu/reasons-training.ts'
import { evaluateReasons } from '../src/adapters/agent/nlu/reasons-eval.ts'

const args = process.argv.slice(2)
const folds = Number(args[args.indexOf('--folds') + 1]) || 5
const csv = readFileSync(
  args.includes('--data')
    ? args[args.indexOf('--data') + 1]!
    : new URL('../../shared/data/banking77-train.csv', import.meta.url),
  'utf8',
)

const t0 = performance.now()
const cv = crossValidate(csv, folds)
console.log(
  `${folds}-fold cross-validated accuracy on ${cv.n} mapped Banking77 rows: ${(cv.accuracy * 100).toFixed(1)} %`,
)
for (const [code, r] of Object.entries(cv.perReason)) console.log(`  ${code}: ${r.correct}/${r.n}`)

const model = trainReasonModel(csv)
const outPath = new URL('../src/adapters/agent/nlu/data/reason-model.json', import.meta.url)
if (!args.includes('--no-write')) writeFileSync(outPath, `${JSON.stringify(model)}\n`)
const full = evaluateReasons(csv, model)
console.log(
  `accuracy on the full file (final model, trained on it): ${(full.accuracy * 100).toFixed(1)} % of ${full.n}`,
)
console.log(`features kept: ${Object.keys(model.weights).length}; ${((performance.now() - t0) / 1000).toFixed(1)} s`)
