/**
 * A pure reader's answers kept by the text it read: a turn's readers read the same message, and its
 * sentences and clauses, several times over (the held-out cases called wink's reading of a clause
 * twice for each clause it read). The memory is emptied when it passes `bound` entries, so no input
 * makes it grow without end. Only for readers whose answer depends on the text alone, and whose
 * callers never change what they are given.
 */
export function memoizedByText<R>(read: (text: string) => R, bound = 2_000): (text: string) => R {
  const memo = new Map<string, R>()
  return (text) => {
    if (memo.has(text)) return memo.get(text) as R
    const answer = read(text)
    if (memo.size >= bound) memo.clear()
    memo.set(text, answer)
    return answer
  }
}
