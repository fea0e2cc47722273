import { describeHeldoutShard } from './gate.ts'

describeHeldoutShard(2, 3)
