import { describe, expect, it } from 'vitest';
import { ABSENT_REASONS } from '../../../src/metrics/absent-reasons';
import { reasonText } from './absent-reasons';

describe('the reasons of absent values', () => {
  it('read on the dashboard as the server, the CLI and the docs word them', () => {
    for (const [code, sentence] of Object.entries(ABSENT_REASONS)) {
      expect([code, reasonText(code as keyof typeof ABSENT_REASONS)]).toEqual([code, sentence]);
    }
    expect(reasonText(null)).toBeNull();
  });
});
