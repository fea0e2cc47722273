import { z } from 'zod'
import { AssignmentSetupView } from './assignment-views.ts'
import { defineTool, ok } from './define-tool.ts'

export const getAssignmentSetup = defineTool({
  name: 'get_assignment_setup',
  title: 'Assignment rules, teams and workloads',
  description:
    'The rules that assign new disputes (in order), the teams that take turns, and every person who may own ' +
    'disputes with their open, overdue and due-today counts; plus how many open disputes nobody owns.',
  input: z.object({}),
  output: AssignmentSetupView,
  annotations: { readOnly: true, destructive: false, idempotent: true, movesMoney: false },
  run: async (_input, ctx) => ok(await ctx.services.store.assignment.setup(ctx.today)),
})
