import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initProject } from '../../src/config/init-project.js';
import type { Project } from '../../src/config/project.js';
import { openStore } from '../../src/store/open-store.js';
import { literal } from '../../src/store/sql-text.js';
import type { Row, Warehouse } from '../../src/store/warehouse.js';

export interface TempProject {
  dir: string;
  project: Project;
  warehouse: Warehouse;
  /** Writes a file into the project folder and returns its path. */
  file(name: string, content: string | Buffer): Promise<string>;
  query<T extends Row = Row>(sql: string): Promise<T[]>;
  /** The line and reason of every row in an import's rejects file. */
  rejects(file: string | null): Promise<{ line: number; reason: string }[]>;
  cleanup(): Promise<void>;
}

/** A real project in a temp folder with a real DuckDB file; `config` is written before init. */
export async function tempProject(config?: object): Promise<TempProject> {
  const dir = await mkdtemp(join(tmpdir(), 'clv-test-'));
  if (config) await writeFile(join(dir, 'clv.config.json'), JSON.stringify(config), 'utf8');
  const { project } = await initProject(dir);
  const warehouse = await openStore(project);
  return {
    dir,
    project,
    warehouse,
    async file(name, content) {
      const path = join(dir, name);
      await writeFile(path, content);
      return path;
    },
    query: (sql) => warehouse.query(sql),
    rejects: (file) =>
      warehouse.query<{ line: number; reason: string }>(
        `SELECT line, reason FROM read_csv(${literal(file ?? '')}) ORDER BY line`,
      ),
    async cleanup() {
      await warehouse.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
