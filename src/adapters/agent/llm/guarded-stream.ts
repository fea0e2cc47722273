/**
 * Model tokens to the stream as they arrive, one sentence at a time: a figure can span several
 * tokens ("1", ",234", ".56"), so text is held until a sentence ends and then passes the figure
 * guard with the figures the tools have produced so far. Nothing unguarded reaches the widget.
 */
import { guardFigures } from '../figure-guard.ts'

// A sentence ends at ., ! or ? followed by a space, or at a line break; "1,234.56" does not end one.
const SENTENCE_END = /[.!?](?=\s)\s*|\n+/g

export interface GuardedStream {
  push(delta: string): void
  /** Sends what is held (the model's message ended). */
  flush(): void
}

export function guardedStream(allowed: () => Set<string>, send: (text: string) => void): GuardedStream {
  let held = ''
  const out = (text: string) => {
    if (text) send(guardFigures(text, allowed()).text)
  }
  return {
    push(delta) {
      held += delta
      let cut = 0
      for (const m of held.matchAll(SENTENCE_END)) cut = m.index + m[0].length
      if (!cut) return
      out(held.slice(0, cut))
      held = held.slice(cut)
    },
    flush() {
      out(held)
      held = ''
    },
  }
}
