import { describeHeldoutShard } from './gate.ts'

describeHeldoutShard(1, 3)
