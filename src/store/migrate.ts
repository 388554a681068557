import { migrations as allMigrations, type Migration } from './migrations.js';
import type { Warehouse } from './warehouse.js';

/** Applies the migrations the store has not seen, each in its own transaction; returns them. */
export async function migrate(
  warehouse: Warehouse,
  migrations: readonly Migration[] = allMigrations,
): Promise<number[]> {
  await warehouse.run(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name VARCHAR NOT NULL,
      applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
    )`);
  const rows = await warehouse.query<{ version: number }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.version));
  const newest = Math.max(0, ...applied);
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > latest) {
    throw new Error(
      `the store is at schema version ${newest}, newer than this clv (${latest}): upgrade clv`,
    );
  }
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    await warehouse.transaction(async () => {
      await warehouse.run(migration.sql);
      await warehouse.run(
        'INSERT INTO schema_migrations (version, name) VALUES ($version, $name)',
        {
          version: migration.version,
          name: migration.name,
        },
      );
    });
    done.push(migration.version);
  }
  return done;
}
