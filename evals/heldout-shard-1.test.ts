import { describeHeldoutShard } from './gate.ts'

describeHeldoutShard(0, 3)
