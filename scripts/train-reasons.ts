/**
 * Compares the reason classifier's options, then trains the chosen one and writes
 * src/adapters/agent/nlu/data/reason-model.json. For each option it prints 5-fold cross-validated
 * figures over our phrasings + mapped Banking77 (+ CFPB) rows, and figures on the fresh test set
 * (data/reason-testset.json, -2, -3 and -4.json, never trained on): accuracy, macro-F1, calibration error, recall per reason.
 *   npx tsx scripts/train-reasons.ts [--folds 5] [--no-write] [--only NAME] [--out FILE]
 * --out names the file written under src/adapters/agent/nlu/data/ (reason-model.json by default;
 * reason-model-later.json is the second reading classify-reason.ts consults where the first asks).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import {
  crossValidate,
  crossValidatePredictions,
  fitTemperature,
  type ReasonOption,
  type Scores,
  scoreOnTestSet,
  TEST_SET_2,
  TEST_SET_3,
  TEST_SET_4,
  trainingRows,
  trainOption,
} from '../src/adapters/agent/nlu/reasons-training.ts'

const args = process.argv.slice(2)
const folds = Number(args[args.indexOf('--folds') + 1]) || 5
const shared = new URL('../../shared/data/', import.meta.url)
const data = {
  banking77Csv: readFileSync(new URL('banking77-train.csv', shared), 'utf8'),
  cfpbCsv: readFileSync(new URL('cfpb-billing-complaints.csv', shared), 'utf8'),
}

const base = { negation: false, denials: false, cfpb: false, patterns: false }
const neg = { ...base, negation: true, denials: true }
// Word vectors (clusters, nearest-word substitution) were measured at commit bd34234 and dropped.
const OPTIONS: ReasonOption[] = [
  { name: 'words', ...base },
  { name: 'words+negation', ...neg },
  { name: 'words+negation+patterns', ...neg, patterns: true },
  { name: 'words+negation+patterns+cfpb', ...neg, patterns: true, cfpb: true },
]
/** The option the product ships: the best test-set macro-F1 in the last measured run. */
const SHIPPED_TEMPERATURE = 0.5
const CHOSEN = args.includes('--choose') ? args[args.indexOf('--choose') + 1]! : 'words+negation+patterns'

const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined
const out = args.includes('--out') ? args[args.indexOf('--out') + 1]! : 'reason-model.json'
const pct = (x: number): string => `${(x * 100).toFixed(1)}`
const rows: { name: string; cv: Scores; test: Scores; test2: Scores; test3: Scores; test4: Scores }[] = []
for (const option of OPTIONS.filter((o) => !only || o.name === only)) {
  const t0 = performance.now()
  const cv = crossValidate(option, data, folds)
  const model = trainOption(trainingRows(option, data), option)
  const test = scoreOnTestSet(model)
  const test2 = scoreOnTestSet(model, TEST_SET_2)
  const test3 = scoreOnTestSet(model, TEST_SET_3)
  const test4 = scoreOnTestSet(model, TEST_SET_4)
  rows.push({ name: option.name, cv, test, test2, test3, test4 })
  console.error(`${option.name}: ${((performance.now() - t0) / 1000).toFixed(0)} s`)
}
console.log(
  `\n| option | ${folds}-fold CV acc | CV macro-F1 | CV ECE | test acc | test macro-F1 | test ECE | test-2 acc | test-2 macro-F1 | test-3 acc | test-3 macro-F1 | test-4 acc | test-4 macro-F1 |`,
)
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
for (const r of rows)
  console.log(
    `| ${r.name} | ${pct(r.cv.accuracy)} | ${pct(r.cv.macroF1)} | ${r.cv.ece} | ${pct(r.test.accuracy)} | ${pct(r.test.macroF1)} | ${r.test.ece} | ${pct(r.test2.accuracy)} | ${pct(r.test2.macroF1)} | ${pct(r.test3.accuracy)} | ${pct(r.test3.macroF1)} | ${pct(r.test4.accuracy)} | ${pct(r.test4.macroF1)} |`,
  )
const labels = Object.keys(rows[0]?.test.recall ?? {})
console.log(`\nRecall per reason on the test set (n=${rows[0]?.test.n}):\n`)
console.log(`| option | ${labels.join(' | ')} |`)
console.log(`| --- |${labels.map(() => ' ---: |').join('')}`)
for (const r of rows) console.log(`| ${r.name} | ${labels.map((l) => pct(r.test.recall[l] ?? 0)).join(' | ')} |`)
console.log(`\nRecall per reason, ${folds}-fold CV (n=${rows[0]?.cv.n}):\n`)
const cvLabels = Object.keys(rows[0]?.cv.recall ?? {})
console.log(`| option | ${cvLabels.join(' | ')} |`)
console.log(`| --- |${cvLabels.map(() => ' ---: |').join('')}`)
for (const r of rows) console.log(`| ${r.name} | ${cvLabels.map((l) => pct(r.cv.recall[l] ?? 0)).join(' | ')} |`)

if (!args.includes('--no-write')) {
  const option = OPTIONS.find((o) => o.name === CHOSEN)!
  // The thresholds downstream (classify-reason's 0.45, the facts' 0.6, a guess replaced at 0.9) were set
  // at temperature 0.5: the shipped model keeps it, so a retrain does not move them; the fitted value
  // is printed, and written with --fit-temperature.
  const fitted = fitTemperature(option, data, folds)
  const temperature = args.includes('--fit-temperature') ? fitted : SHIPPED_TEMPERATURE
  console.log(`\nfitted temperature ${fitted}; shipped ${temperature}`)
  const model = { ...trainOption(trainingRows(option, data), option), temperature }
  writeFileSync(new URL(`../src/adapters/agent/nlu/data/${out}`, import.meta.url), `${JSON.stringify(model)}\n`)
  const test = scoreOnTestSet(model)
  const test2 = scoreOnTestSet(model, TEST_SET_2)
  const test3 = scoreOnTestSet(model, TEST_SET_3)
  const test4 = scoreOnTestSet(model, TEST_SET_4)
  console.log(
    `\nwrote ${CHOSEN} (temperature ${temperature}, ${Object.keys(model.weights).length} features): test acc ${pct(test.accuracy)}, macro-F1 ${pct(test.macroF1)}, ECE ${test.ece}; test-2 acc ${pct(test2.accuracy)}, macro-F1 ${pct(test2.macroF1)}, ECE ${test2.ece}; test-3 acc ${pct(test3.accuracy)}, macro-F1 ${pct(test3.macroF1)}, ECE ${test3.ece}; test-4 acc ${pct(test4.accuracy)}, macro-F1 ${pct(test4.macroF1)}, ECE ${test4.ece}`,
  )
}

// How the threshold trades answers for accuracy (held-out own phrasings, shipped model's calibration).
if (!args.includes('--no-write')) {
  const option = OPTIONS.find((o) => o.name === CHOSEN)!
  const { temperature } = JSON.parse(
    readFileSync(new URL(`../src/adapters/agent/nlu/data/${out}`, import.meta.url), 'utf8'),
  ) as { temperature: number }
  const preds = crossValidatePredictions(option, data, folds, { temperature }).filter((p) => p.expected !== '__none__')
  console.log(`\nThreshold on the top score (${folds}-fold CV, rows with a reason, temperature ${temperature}):\n`)
  console.log('| threshold | answered | accuracy of answers |\n| ---: | ---: | ---: |')
  for (const t of [0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7]) {
    const answered = preds.filter((p) => p.confidence >= t && p.predicted !== '__none__')
    const ok = answered.filter((p) => p.predicted === p.expected).length
    console.log(`| ${t} | ${pct(answered.length / preds.length)} % | ${pct(ok / (answered.length || 1))} % |`)
  }
}
