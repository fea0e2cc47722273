/**
 * The commit a run was made on, read from .git without spawning git (CI images may lack it).
 * Handles a branch ref, packed refs, a detached HEAD and a worktree's `.git` file; null otherwise.
 */
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

const SHA = /^[0-9a-f]{40}$/

function gitDir(start: string): string | null {
  let dir = resolve(start)
  for (;;) {
    const dotGit = join(dir, '.git')
    if (existsSync(dotGit)) {
      if (statSync(dotGit).isDirectory()) return dotGit
      const pointer = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim()
      return pointer ? resolve(dir, pointer) : null
    }
    const parent = dirname(dir)
    if (parent === dir) return null
    dir = parent
  }
}

/** A linked worktree keeps its refs in the main repository (`commondir`). */
function commonDir(git: string): string {
  const file = join(git, 'commondir')
  return existsSync(file) ? resolve(git, readFileSync(file, 'utf8').trim()) : git
}

function readRef(git: string, ref: string): string | null {
  for (const base of [git, commonDir(git)]) {
    const loose = join(base, ref)
    if (existsSync(loose)) {
      const sha = readFileSync(loose, 'utf8').trim()
      if (SHA.test(sha)) return sha
    }
    const packed = join(base, 'packed-refs')
    if (existsSync(packed)) {
      for (const line of readFileSync(packed, 'utf8').split('\n')) {
        const [sha, name] = line.trim().split(' ')
        if (name === ref && sha && SHA.test(sha)) return sha
      }
    }
  }
  return null
}

export function gitCommit(start: string = process.cwd()): string | null {
  try {
    const git = gitDir(start)
    if (!git) return null
    const head = readFileSync(join(git, 'HEAD'), 'utf8').trim()
    if (SHA.test(head)) return head
    const ref = /^ref:\s*(.+)$/.exec(head)?.[1]
    return ref ? readRef(git, ref) : null
  } catch {
    return null
  }
}
