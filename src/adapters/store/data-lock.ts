/**
 * PGlite takes no lock on its data folder and two processes writing it corrupt it. A lock file
 * holding the owner's pid refuses the second opener; a lock left by a dead process is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'

export type LockResult = { ok: true; release: () => void } | { ok: false; code: 'locked'; pid: number; message: string }

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function acquireLock(folder: string, lockName = 'dispute-desk.lock'): LockResult {
  mkdirSync(folder, { recursive: true })
  const path = `${folder}/${lockName}`
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' })
      let released = false
      return {
        ok: true,
        release: () => {
          if (released) return
          released = true
          rmSync(path, { force: true })
        },
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    let pid = Number.NaN
    try {
      pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10)
    } catch {
      continue // removed between our attempts: try again
    }
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      return {
        ok: false,
        code: 'locked',
        pid,
        message: `The data folder ${folder} is in use by process ${pid}. Stop it first, or set DISPUTE_DESK_DATA to another folder.`,
      }
    }
    // Stale: its owner died without releasing it (crash, SIGKILL).
    rmSync(path, { force: true })
  }
  return { ok: false, code: 'locked', pid: -1, message: `Could not take the lock on ${folder}; try again.` }
}
