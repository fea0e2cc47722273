/** Builds every repository over one Db: the store the composition root hands to services. */
import type { Store } from '../../services/ports.ts'
import { assignmentRepository } from './assignment-repo.ts'
import { collectionsRepository } from './collections-repo.ts'
import { creditMemoRepository } from './credit-memo-repo.ts'
import type { Db } from './db.ts'
import { deductionRepository } from './deduction-repo.ts'
import { disputeGroupRepository } from './dispute-group-repo.ts'
import { disputeRepository } from './dispute-repo.ts'
import { importLedger } from './import-ledger.ts'
import { ledgerRepository } from './ledger-repo.ts'
import { messageRepository } from './message-repo.ts'
import { apiKeyRepository, conversationRepository, evalRunRepository } from './misc-repos.ts'
import { portalRepository } from './portal-repo.ts'
import { mcpSessionRepository, rateLimitRepository } from './shared-limits-repo.ts'
import { turnReads } from './turn-reads.ts'

export function createStore(plain: Db): Store {
  // Every repository reads through the turn memo; outside a turn it passes each statement through.
  const { db, withinTurn } = turnReads(plain)
  return {
    ledger: ledgerRepository(db),
    disputes: disputeRepository(db),
    messages: messageRepository(db),
    creditMemos: creditMemoRepository(db),
    apiKeys: apiKeyRepository(db),
    conversations: conversationRepository(db),
    evalRuns: evalRunRepository(db),
    imports: { importLedger: (ledger, actor) => importLedger(db, ledger, actor) },
    deductions: deductionRepository(db),
    groups: disputeGroupRepository(db),
    assignment: assignmentRepository(db),
    collections: collectionsRepository(db),
    portal: portalRepository(db),
    rateLimits: rateLimitRepository(db),
    mcpSessions: mcpSessionRepository(db),
    withinTurn,
    close: () => db.close(),
  }
}

export type { Db } from './db.ts'
export { importLedger } from './import-ledger.ts'
