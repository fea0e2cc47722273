import { z } from 'zod'
import { Contract } from '../src/core/ledger.ts'
import { defineTool, fail, ok } from './define-tool.ts'

export const getContract = defineTool({
  name: 'get_contract',
  title: 'Get contracts and price lists',
  description:
    'Fetch contracts with their price lists, payment terms, PO requirement, late-fee clause and dates: by contract id, ' +
    'by the invoice they govern, or all of a customer’s.',
  input: z
    .object({
      contractId: z.string().max(100).optional(),
      invoiceNumber: z.string().max(100).optional().describe('the contract that governs this invoice'),
      customerId: z.string().max(100).optional().describe('all contracts of this customer'),
    })
    .refine((v) => v.contractId || v.invoiceNumber || v.customerId, {
      message: 'give contractId, invoiceNumber or customerId',
      path: ['contractId'],
    }),
  output: z.object({ contracts: z.array(Contract) }),
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  progress: (i) => `Fetching contract ${i.contractId ?? `for ${i.invoiceNumber ?? i.customerId}`}…`,
  run: async (input, ctx) => {
    const ledger = ctx.services.store.ledger
    if (input.contractId) {
      const c = await ledger.getContract(input.contractId)
      return c ? ok({ contracts: [c] }) : fail('contract_not_found', `No contract ${input.contractId}.`, 'contractId')
    }
    if (input.invoiceNumber) {
      const found = await ctx.services.resolveInvoice(input.invoiceNumber)
      if (!found.ok) return fail(found.error.code, found.error.message, 'invoiceNumber')
      const evidence = await ledger.evidenceFor(found.number)
      return ok({ contracts: evidence?.contract ? [evidence.contract] : [] })
    }
    return ok({ contracts: await ledger.contractsForCustomer(input.customerId ?? '') })
  },
})
