/** A dispute is named by its id or its readable number (DSP-000123) wherever a tool takes one. */
import { parseDisputeNumber } from '../src/core/assignment.ts'
import type { ToolContext } from './define-tool.ts'

export async function withDisputeId<T>(input: T, ctx: Pick<ToolContext, 'services'>): Promise<T> {
  const ref = input && typeof input === 'object' ? (input as { disputeId?: unknown }).disputeId : undefined
  if (typeof ref !== 'string' || parseDisputeNumber(ref) === null) return input
  const id = await ctx.services.store.assignment.resolveRef(ref)
  return id ? { ...input, disputeId: id } : input
}
