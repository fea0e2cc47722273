import { AssignmentSetupView, SetupInput } from './assignment-views.ts'
import { defineTool, fail, ok } from './define-tool.ts'

export const setAssignmentRules = defineTool({
  name: 'set_assignment_rules',
  title: 'Set the assignment rules and teams',
  description:
    'Replace the teams and the ordered rules that assign new disputes: each rule matches by customer, account ' +
    'manager, reason or amount band and names a person or a team whose members take turns. Leads only.',
  input: SetupInput,
  output: AssignmentSetupView,
  roles: ['lead', 'finance_controller', 'admin'],
  annotations: { readOnly: false, destructive: false, idempotent: true, movesMoney: false },
  run: async (input, ctx) => {
    const r = await ctx.services.store.assignment.saveSetup(input, ctx.actor, ctx.today)
    return r.ok ? ok(r.value) : fail(r.error.code, r.error.message, 'rules')
  },
})
