import { describe, expect, it } from 'vitest';
import {
  changeTone,
  formatAxis,
  formatChange,
  formatDay,
  formatMonth,
  formatValue,
} from './format';
import { modelName } from './model-name';
import { periodText } from './period';
import { sentence } from './sentence';

const en = { currency: 'EUR', locale: 'en-US' };
const de = { currency: 'EUR', locale: 'de-DE' };

describe('number formats', () => {
  it('writes money in the base currency and the locale, whole units from a thousand up', () => {
    expect(formatValue(1841565.96568, 'money', en)).toBe('€1,841,566');
    expect(formatValue(59.75230258, 'money', en)).toBe('€59.75');
    expect(formatValue(59.75230258, 'money', de)).toBe('59,75\u00a0€');
    expect(formatValue(12.5, 'money', { currency: 'USD', locale: 'en-US' })).toBe('$12.50');
  });

  it('writes rates, counts, ratios and missing values', () => {
    expect(formatValue(0.5072443577, 'percent', en)).toBe('50.7%');
    expect(formatValue(11514, 'count', en)).toBe('11,514');
    expect(formatValue(2.6429638, 'ratio', en)).toBe('2.64×');
    expect(formatValue(2.676741, 'decimal', en)).toBe('2.68');
    // Four significant digits tell apart errors that agree to two decimals.
    expect(formatValue(1.077608617, 'precise', en)).toBe('1.078');
    expect(formatValue(1.082262984, 'precise', en)).toBe('1.082');
    expect(formatValue(0.0001234567, 'precise', en)).toBe('0.0001235');
    // Parameters of a degenerate fit, and its log-likelihood, in scientific notation.
    expect(formatValue(3.534e50, 'precise', en)).toBe('3.534E50');
    expect(formatValue(2.5461e-8, 'precise', en)).toBe('2.546E-8');
    expect(formatValue(1.7944577e37, 'decimal', en)).toBe('1.794E37');
    expect(formatValue(2.52, 'months', en)).toBe('2.5 mo');
    expect(formatValue(null, 'money', en)).toBe('—');
    expect(formatValue('DE', 'text', en)).toBe('DE');
  });

  it('writes changes with their sign and judges them by the direction that is good', () => {
    expect(formatChange(0.6771100397, 'en-US')).toBe('+67.7%');
    expect(formatChange(-0.0047580104, 'en-US')).toBe('-0.5%');
    expect(formatChange(0, 'en-US')).toBe('0.0%');
    expect(formatChange(null, 'en-US')).toBe('—');
    expect(changeTone(0.12, 'up')).toBe('good');
    expect(changeTone(0.12, 'down')).toBe('bad');
    expect(changeTone(-0.03, 'down')).toBe('good');
    expect(changeTone(0.0001, 'up')).toBe('flat');
    expect(changeTone(null, 'up')).toBe('flat');
  });

  it('writes compact axis labels, months and days', () => {
    expect(formatAxis(1_250_000, 'money', en)).toBe('€1.3M');
    expect(formatAxis(950, 'money', en)).toBe('€950');
    expect(formatAxis(1000, 'money', en)).toBe('€1K');
    expect(formatAxis(0.25, 'percent', en)).toBe('25%');
    expect(formatAxis(35_000, 'count', en)).toBe('35K');
    expect(formatMonth('2025-10', 'en-US')).toBe('Oct 2025');
    expect(formatDay('2026-09-30', 'en-US')).toBe('Sep 30, 2026');
  });
});

describe('periods', () => {
  it('shows a half-open period as the days it covers', () => {
    expect(periodText({ from: '2025-10-01', to: '2026-10-01' }, 'en-US')).toBe(
      'Oct 1, 2025 – Sep 30, 2026',
    );
  });
});

describe('model names', () => {
  it('names every model the API reports, and keeps an unknown id', () => {
    expect(['bgnbd', 'mbgnbd', 'paretonbd', 'gammagamma'].map(modelName)).toEqual([
      'BG/NBD',
      'MBG/NBD',
      'Pareto/NBD',
      'Gamma-Gamma',
    ]);
    expect(modelName('newmodel')).toBe('newmodel');
  });
});

describe('sentences', () => {
  it('ends a reason with one full stop', () => {
    expect(sentence('no CLV')).toBe('no CLV.');
    expect(sentence('no CLV.')).toBe('no CLV.');
  });
});
