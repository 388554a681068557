import { describe, expect, it } from 'vitest';
import { chosenSegmentation } from './segment-charts';

const known = ['email', 'sms', 'attribute:country'];

describe('chosenSegmentation', () => {
  it('keeps a known segmentation from the address', () => {
    expect(chosenSegmentation('attribute:country', known)).toBe('attribute:country');
  });

  it('falls back to email for a missing or unknown one, else the first', () => {
    expect(chosenSegmentation(undefined, known)).toBe('email');
    expect(chosenSegmentation('attribute:gone', known)).toBe('email');
    expect(chosenSegmentation(undefined, ['attribute:tier'])).toBe('attribute:tier');
  });
});
