/**
 * A small multinomial logistic regression over the features of text.ts, trained with seeded SGD
 * so the same data always gives the same model. Written out as sparse JSON so loading is a parse,
 * not a training run.
 */
import type { FeatureOptions } from './reason-features.ts'

export interface Example {
  features: string[]
  label: string
}

export interface ReasonModel {
  version: 1
  classes: string[]
  bias: number[]
  /** feature → [[classIndex, weight], …]; weights near zero are dropped. */
  weights: Record<string, [number, number][]>
  /** Scores are divided by this before the softmax: fitted on held-out folds so 0.8 means 80 %. */
  temperature?: number
  /** The feature set the model was trained with (reason-features.ts). */
  features?: FeatureOptions
  /** Whether the high-precision phrase patterns add their weight to the model's scores. */
  patterns?: boolean
}

export interface TrainOptions {
  epochs?: number
  learningRate?: number
  l2?: number
  seed?: number
}

/** A small deterministic PRNG (mulberry32): training order is shuffled but reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function softmax(scores: number[]): number[] {
  const max = Math.max(...scores)
  const exps = scores.map((s) => Math.exp(s - max))
  const sum = exps.reduce((a, b) => a + b, 0)
  return exps.map((e) => e / sum)
}

export function train(examples: readonly Example[], options: TrainOptions = {}): ReasonModel {
  const epochs = options.epochs ?? 25
  const lr0 = options.learningRate ?? 0.5
  const l2 = options.l2 ?? 1e-5
  const rand = prng(options.seed ?? 7)
  const classes = [...new Set(examples.map((e) => e.label))].sort()
  const k = classes.length
  const classIndex = new Map(classes.map((c, i) => [c, i]))
  const w = new Map<string, Float64Array>()
  const bias = new Float64Array(k)
  const order = examples.map((_, i) => i)
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    const lr = lr0 / (1 + epoch * 0.3)
    for (const idx of order) {
      const ex = examples[idx]!
      const feats = [...new Set(ex.features)]
      const rows = feats.map((f) => {
        let row = w.get(f)
        if (!row) {
          row = new Float64Array(k)
          w.set(f, row)
        }
        return row
      })
      const scores = Array.from(bias)
      for (const row of rows) for (let c = 0; c < k; c++) scores[c]! += row[c]!
      const p = softmax(scores)
      const y = classIndex.get(ex.label)!
      const scale = lr / Math.sqrt(feats.length || 1)
      for (let c = 0; c < k; c++) {
        const g = p[c]! - (c === y ? 1 : 0)
        bias[c]! -= lr * g * 0.1
        for (const row of rows) row[c]! -= scale * g + lr * l2 * row[c]!
      }
    }
  }
  const weights: ReasonModel['weights'] = {}
  for (const [f, row] of w) {
    const sparse: [number, number][] = []
    row.forEach((v, c) => {
      if (Math.abs(v) >= 0.02) sparse.push([c, Math.round(v * 1000) / 1000])
    })
    if (sparse.length) weights[f] = sparse
  }
  return { version: 1, classes, bias: Array.from(bias, (b) => Math.round(b * 1000) / 1000), weights }
}

export interface Prediction {
  /** Classes with probabilities, best first. */
  ranked: { label: string; p: number }[]
  /** The features that pushed the winner up most, for the "evidence" a person reads. */
  support: string[]
}

export function predict(model: ReasonModel, feats: readonly string[]): Prediction {
  const k = model.classes.length
  const scores = [...model.bias]
  const seen = new Set(feats)
  const contributions: { f: string; c: number; v: number }[] = []
  for (const f of seen) {
    for (const [c, v] of model.weights[f] ?? []) {
      scores[c]! += v
      contributions.push({ f, c, v })
    }
  }
  const t = model.temperature ?? 1
  const p = softmax(scores.slice(0, k).map((s) => s / t))
  const ranked = model.classes.map((label, i) => ({ label, p: p[i]! })).sort((a, b) => b.p - a.p)
  const best = model.classes.indexOf(ranked[0]!.label)
  const support = contributions
    .filter(
      (x) =>
        x.c === best &&
        x.v > 0 &&
        /^[a-z]/.test(x.f) &&
        !x.f.startsWith('p:') &&
        !x.f.startsWith('c:') &&
        !x.f.includes('<'),
    )
    .sort((a, b) => b.v - a.v)
    .slice(0, 3)
    .map((x) => x.f)
  return { ranked, support }
}
