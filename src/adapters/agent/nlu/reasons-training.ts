/**
 * Training and honest measurement of the reason model: k-fold cross-validation holds out each
 * fold of the mapped Banking77 rows in turn, trains on the rest plus our own phrasings, and scores
 * the full classifier (patterns + model) on the fold it never saw.
 */
import { classifyReason } from './classify-reason.ts'
import { type ReasonModel, type TrainOptions, train } from './reason-model.ts'
import { type ReasonsEvaluation, tally } from './reasons-eval.ts'
import { bankingExamples, ownPhrasings, toExamples } from './training-data.ts'

export function trainReasonModel(banking77Csv: string, options?: TrainOptions): ReasonModel {
  return train([...toExamples(ownPhrasings()), ...bankingExamples(banking77Csv)], options)
}

/** Fold of row i: round-robin within its category, so each fold keeps the category mix. */
function foldsOf(labels: readonly string[], k: number): number[] {
  const seen = new Map<string, number>()
  return labels.map((l) => {
    const n = seen.get(l) ?? 0
    seen.set(l, n + 1)
    return n % k
  })
}

export function crossValidate(
  banking77Csv: string,
  k = 5,
  options?: TrainOptions & { onlyFolds?: number[] },
): ReasonsEvaluation {
  const own = toExamples(ownPhrasings())
  const bank = bankingExamples(banking77Csv)
  const fold = foldsOf(
    bank.map((b) => b.label),
    k,
  )
  const pairs: { expected: string; predicted: string | null }[] = []
  const wanted = options?.onlyFolds ?? Array.from({ length: k }, (_, i) => i)
  for (const f of wanted) {
    const model = train([...own, ...bank.filter((_, i) => fold[i] !== f)], options)
    bank.forEach((b, i) => {
      if (fold[i] === f) pairs.push({ expected: b.label, predicted: classifyReason(b.text, model).code })
    })
  }
  return tally(pairs)
}
