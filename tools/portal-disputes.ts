/** A customer's disputes as they see them: the list and one dispute with its thread. */
import { z } from 'zod'
import { defineTool, fail, ok } from './define-tool.ts'
import { Paging, pageOf } from './schemas.ts'
import { CustomerDisputeView, DisputeIdInput } from './portal-views.ts'

const PORTAL_ROLES = ['customer', 'specialist', 'lead', 'finance_controller', 'admin'] as const

export const listPortalDisputes = defineTool({
  name: 'list_portal_disputes',
  title: "List a customer's disputes as they see them",
  description:
    'A customer key: its own disputes, with their status, the findings a specialist released and the messages. ' +
    'A team key sees every dispute in the same shape (what the customer sees).',
  input: z.object({ ...Paging }),
  output: pageOf(CustomerDisputeView),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  roles: PORTAL_ROLES,
  run: async (input, ctx) => ok(await ctx.services.portal.disputes(ctx.actor, input)),
})

export const getPortalDispute = defineTool({
  name: 'get_portal_dispute',
  title: 'Get a dispute as its customer sees it',
  description:
    "One dispute in the customer's view: status, released findings, messages and rating. A customer key reads only " +
    'its own disputes.',
  input: z.object({ disputeId: DisputeIdInput }),
  output: CustomerDisputeView,
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  roles: PORTAL_ROLES,
  run: async (input, ctx) => {
    const r = await ctx.services.portal.dispute(ctx.actor, input.disputeId)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'field' in r.error ? r.error.field : undefined)
  },
})
