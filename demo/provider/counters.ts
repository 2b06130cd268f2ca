import type { Kysely } from 'kysely';
import type { ProviderTables } from './schema.js';

export type CounterName = 'user' | 'document' | 'webhook';

/**
 * The next id of a kind. One UPDATE … RETURNING on both databases, inside the caller's
 * transaction: the row lock it takes orders concurrent writers, and a rolled-back transaction
 * gives its number back, so ids stay dense.
 */
export async function nextId(db: Kysely<ProviderTables>, name: CounterName): Promise<number> {
  const row = await db
    .updateTable('treezor_counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
