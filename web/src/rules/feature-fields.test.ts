import { describe, expect, it } from 'vitest';
import { FEATURE_FIELDS as SERVER_FIELDS } from '../../../src/segments/feature-fields';
import { FEATURE_FIELDS } from './feature-fields';

describe('the builder’s fields', () => {
  it('are the server’s feature fields with the same kinds and labels', () => {
    const server = Object.entries(SERVER_FIELDS).map(([key, f]) => [key, f.kind, f.label]);
    const web = Object.entries(FEATURE_FIELDS).map(([key, f]) => [key, f.kind, f.label]);
    expect(web).toEqual(server);
  });
});
