/**
 * A stdio MCP server over the test registry, for tests that drive a real child process (the MCP
 * Inspector CLI, the SDK's StdioClientTransport) before or beside the full runtime.
 */
import type { Services } from '../../services/services.ts'
import { ANONYMOUS_CALLER } from './caller.ts'
import { keepStdoutForProtocol, serveStdio } from './stdio.ts'
import { testTools } from './test-tools.ts'

keepStdoutForProtocol()
console.log('this line must land on stderr, not on the protocol stream')
await serveStdio(
  { services: {} as Services, today: () => '2024-05-01', persona: 'persona', tools: testTools },
  ANONYMOUS_CALLER,
)
