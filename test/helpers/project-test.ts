import { it } from 'vitest';
import { tempProject, type TempProject } from './temp-project.js';

/** Hands a project to the test's clean-up and gives it back. */
export type Keep = <P extends TempProject>(project: P | Promise<P>) => Promise<P>;

export interface ProjectFixtures {
  /** The test's project, made by the factory given to `projectTest`; cleaned up after it. */
  t: TempProject;
  /** Keeps other projects a test makes (another config, a second store) for the same clean-up. */
  keep: Keep;
}

/**
 * `it` with a temp project per test: `projectTest()` gives each test that asks for `t` an
 * empty project, `projectTest(() => handMadeShop())` one made that way. Every project the
 * test holds, `t` and those it keeps, is closed and removed after it, passed or failed.
 */
export function projectTest(make: () => Promise<TempProject> = () => tempProject()) {
  return it.extend<ProjectFixtures>({
    // Vitest reads which fixtures a fixture needs from its first parameter's pattern.
    // eslint-disable-next-line no-empty-pattern
    keep: async ({}, use) => {
      const held: TempProject[] = [];
      try {
        await use(async (project) => {
          const made = await project;
          held.push(made);
          return made;
        });
      } finally {
        for (const project of held.reverse()) await project.cleanup();
      }
    },
    t: async ({ keep }, use) => {
      await use(await keep(make()));
    },
  });
}
