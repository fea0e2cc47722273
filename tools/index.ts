/**
 * The tool registry: the one list the agent, MCP and LangChain serve. Add a tool here and every
 * channel has it.
 */
import type { ToolSpec } from './define-tool.ts'
import { addDisputeNote } from './add-dispute-note.ts'
import { logCustomerContact } from './log-customer-contact.ts'
import { managementReportTool } from './management-report.ts'
import { sendCustomerReply } from './send-customer-reply.ts'
import { agingReport } from './aging-report.ts'
import { assignDispute } from './assign-dispute.ts'
import { decideCreditMemo } from './decide-credit-memo.ts'
import { disputeInsightsTool } from './dispute-insights.ts'
import { disputeTrends } from './dispute-trends.ts'
import { draftCustomerEmail } from './draft-customer-email.ts'
import { findCustomer } from './find-customer.ts'
import { findInvoices } from './find-invoices.ts'
import { getContract } from './get-contract.ts'
import { getDeliveries } from './get-deliveries.ts'
import { getAssignmentSetup } from './get-assignment-setup.ts'
import { getDispute } from './get-dispute.ts'
import { getDisputeGroup } from './get-dispute-group.ts'
import { getInvoice } from './get-invoice.ts'
import { getPayments } from './get-payments.ts'
import { getPurchaseOrders } from './get-purchase-orders.ts'
import { getServiceLogs } from './get-service-logs.ts'
import { getWorklist } from './get-worklist.ts'
import { investigateDispute } from './investigate-dispute.ts'
import { investigateDisputeGroup } from './investigate-dispute-group.ts'
import { listDeductions } from './list-deductions.ts'
import { listDisputes } from './list-disputes.ts'
import { openDeductions } from './open-deductions.ts'
import { openDispute } from './open-dispute.ts'
import { openDisputeGroup } from './open-dispute-group.ts'
import { getPortalDispute, listPortalDisputes } from './portal-disputes.ts'
import { rateDispute } from './rate-dispute.ts'
import { recordPayment } from './record-payment.ts'
import { remindDisputeOwner } from './remind-dispute-owner.ts'
import { requestCreditMemo } from './request-credit-memo.ts'
import { requestGroupCredits } from './request-group-credits.ts'
import { resolveDispute } from './resolve-dispute.ts'
import { resolveInvoiceReference } from './resolve-invoice-reference.ts'
import { searchSimilarDisputes } from './search-similar-disputes.ts'
import { setAssignmentRules } from './set-assignment-rules.ts'
import { sendDisputeMessage } from './send-dispute-message.ts'
import { shareDisputeFindings } from './share-dispute-findings.ts'
import { submitDispute } from './submit-dispute.ts'
import { updateDispute } from './update-dispute.ts'
import { chooseSettlement } from './choose-settlement.ts'
import { handOffToCollections } from './hand-off-to-collections.ts'
import { settlementOptionsTool } from './settlement-options.ts'

export const tools: readonly ToolSpec[] = [
  findCustomer,
  findInvoices,
  resolveInvoiceReference,
  getInvoice,
  getContract,
  getPurchaseOrders,
  getDeliveries,
  getServiceLogs,
  getPayments,
  investigateDispute,
  searchSimilarDisputes,
  openDispute,
  updateDispute,
  addDisputeNote,
  logCustomerContact,
  sendCustomerReply,
  getDispute,
  listDisputes,
  resolveDispute,
  listDeductions,
  openDeductions,
  recordPayment,
  investigateDisputeGroup,
  openDisputeGroup,
  getDisputeGroup,
  requestCreditMemo,
  requestGroupCredits,
  decideCreditMemo,
  draftCustomerEmail,
  agingReport,
  disputeTrends,
  disputeInsightsTool,
  managementReportTool,
  getWorklist,
  getAssignmentSetup,
  setAssignmentRules,
  assignDispute,
  remindDisputeOwner,
  submitDispute,
  listPortalDisputes,
  getPortalDispute,
  sendDisputeMessage,
  rateDispute,
  shareDisputeFindings,
  settlementOptionsTool,
  chooseSettlement,
  handOffToCollections,
] as unknown as readonly ToolSpec[]

export function toolByName(name: string): ToolSpec | undefined {
  return tools.find((t) => t.name === name)
}

export type { ToolContext, ToolResult, ToolSpec } from './define-tool.ts'
export { authorise, callTool, jsonSchemaOf } from './call-tool.ts'
