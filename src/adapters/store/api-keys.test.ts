import { describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from './migrate.ts'
import { createPglite, pgliteDb } from './pglite-db.ts'
import { createStore } from './store.ts'
import { memoryDb } from './testing.ts'

describe('API keys and people', () => {
  it('turns each key made before people existed into its own person, with the key id as the person id', async () => {
    const db = pgliteDb(await createPglite())
    const all = loadMigrations()
    const cut = all.findIndex((m) => m.name === '0004_people.sql')
    await migrate(
      db,
      all.filter((_, i) => i < cut),
    )
    await db.query(
      "INSERT INTO api_keys (id, name, role, read_only, key_hash, prefix) VALUES ('key-old', 'Local lead', 'lead', false, 'h', 'ddk_000000')",
    )
    await migrate(db, all)
    const [old] = await createStore(db).apiKeys.list()
    expect(old).toMatchObject({ id: 'key-old', personId: 'key-old', name: 'Local lead', role: 'lead', email: null })
    await db.close()
  }, 60_000)

  it('notes the last use, keeps a revoked key listed, and revokes idempotently', async () => {
    const keys = createStore(await memoryDb()).apiKeys
    const { key, record } = await keys.create({ name: 'Ana Ruiz', role: 'lead', email: 'ana@x.io' })
    expect((await keys.get(record.id))?.lastUsedAt).toBeNull()
    expect(await keys.verify(key)).toEqual(record)
    expect((await keys.get(record.id))?.lastUsedAt).toMatch(/^\d{4}-/)

    const first = await keys.revoke(record.id)
    const again = await keys.revoke(record.id)
    expect(first.ok && again.ok && again.value.revokedAt === first.value.revokedAt).toBe(true)
    expect(await keys.verify(key)).toBeNull()
    expect(await keys.count()).toBe(0)
    expect((await keys.list()).map((k) => k.id)).toEqual([])
    expect((await keys.list({ includeRevoked: true })).map((k) => k.id)).toEqual([record.id])
  })

  it('finds a person by email in any case, else by a name only one person has', async () => {
    const keys = createStore(await memoryDb()).apiKeys
    const ana = await keys.create({ name: 'Ana Ruiz', role: 'lead', email: 'Ana@X.io' })
    await keys.create({ name: 'Sam', role: 'specialist' })
    await keys.create({ name: 'Sam', role: 'specialist' })
    expect((await keys.findPerson({ email: 'ana@x.io', name: 'whoever' }))?.id).toBe(ana.record.personId)
    expect((await keys.findPerson({ name: 'ana ruiz' }))?.id).toBe(ana.record.personId)
    expect(await keys.findPerson({ name: 'Sam' })).toBeNull()
    // A second key for the same email joins that person even without asking who it is first.
    const again = await keys.create({ name: 'Ana', role: 'lead', email: 'ANA@x.io' })
    expect(again.record.personId).toBe(ana.record.personId)
    const last = await keys.revoke(again.record.id, { keepLastOf: ana.record.personId })
    expect(last.ok).toBe(true)
    const refused = await keys.revoke(ana.record.id, { keepLastOf: ana.record.personId })
    expect(!refused.ok && refused.error.code).toBe('last_key')
  })
})
