import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { gitCommit } from './git-commit.ts'

const A = 'a'.repeat(40)
const B = 'b'.repeat(40)

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'evals-git-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

describe('gitCommit', () => {
  it('follows HEAD to a loose branch ref, from a sub-folder', () => {
    const dir = repo({ '.git/HEAD': 'ref: refs/heads/main\n', '.git/refs/heads/main': `${A}\n`, 'evals/x': '' })
    expect(gitCommit(join(dir, 'evals'))).toBe(A)
  })

  it('finds a branch in packed-refs', () => {
    const dir = repo({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/packed-refs': `# pack-refs\n${B} refs/heads/main\n`,
    })
    expect(gitCommit(dir)).toBe(B)
  })

  it('reads a detached HEAD and a worktree pointer file', () => {
    expect(gitCommit(repo({ '.git/HEAD': `${A}\n` }))).toBe(A)
    const main = repo({
      'g/refs/heads/topic': `${B}\n`,
      'g/worktrees/w/HEAD': 'ref: refs/heads/topic\n',
      'g/worktrees/w/commondir': '../..\n',
    })
    const tree = repo({ '.git': `gitdir: ${join(main, 'g/worktrees/w')}\n` })
    expect(gitCommit(tree)).toBe(B)
  })

  it('answers null without a repository or with an unborn branch', () => {
    expect(gitCommit(repo({ '.git/HEAD': 'ref: refs/heads/main\n' }))).toBeNull()
  })
})
