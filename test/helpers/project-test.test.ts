import { existsSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { projectTest } from './project-test.js';
import { tempProject } from './temp-project.js';

describe('the temp project fixture', () => {
  const test = projectTest(() => tempProject({ churnWindowDays: 45 }));
  const seen: string[] = [];

  test('gives the factory’s project and keeps others the test makes', async ({ t, keep }) => {
    expect(t.project.config.churnWindowDays).toBe(45);
    const other = await keep(tempProject());
    expect(other.dir).not.toBe(t.dir);
    seen.push(t.dir, other.dir);
    expect(seen.every((dir) => existsSync(dir))).toBe(true);
  });

  test('has removed them once that test ended', () => {
    expect(seen).toHaveLength(2);
    expect(seen.filter((dir) => existsSync(dir))).toEqual([]);
  });
});
