import { relative, sep } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files started first, in this order, before vitest's own (the longest first by its cache
 * of the last run; without one, as in a clean checkout, the largest first).
 *
 * A file that serves the demo shop waits while the first one to ask for it builds it, about a
 * minute on two cores when no earlier run left it in the temp folder. In a clean checkout the
 * three workers used to start with three such files: one built, two waited (`npm test` took
 * 956 s there against 864 s with the shop cached). So the longest file that needs the shop
 * starts the build at once, and the two longest that need no shop keep the other workers busy
 * meanwhile, then the next long one that needs none.
 */
export const STARTED_FIRST = [
  'test/web/query.test.ts',
  'test/bench/bench-smoke.test.ts',
  'test/hardening/import-kill.test.ts',
  'test/hardening/import-kill-http.test.ts',
] as const;

export class StartOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const place = (spec: TestSpecification): number =>
      (STARTED_FIRST as readonly string[]).indexOf(
        relative(this.ctx.config.root, spec.moduleId).split(sep).join('/'),
      );
    const first = sorted.filter((spec) => place(spec) >= 0).sort((a, b) => place(a) - place(b));
    return [...first, ...sorted.filter((spec) => place(spec) < 0)];
  }
}
