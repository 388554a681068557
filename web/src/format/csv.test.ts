import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('CSV', () => {
  it('writes labels, raw values and quotes what needs quoting', () => {
    const csv = toCsv({
      columns: [
        { key: 'segment', label: 'Segment', format: 'text' },
        { key: 'revenue', label: 'Revenue, EUR', format: 'money' },
        { key: 'rate', label: 'Retention', format: 'percent' },
      ],
      rows: [
        { segment: 'subscribed', revenue: 961277.3378, rate: 0.5 },
        { segment: 'say "hi"', revenue: null, rate: 0 },
        { segment: 'two\nlines', revenue: 1, rate: null },
      ],
    });
    expect(csv).toBe(
      'Segment,"Revenue, EUR",Retention\r\n' +
        'subscribed,961277.3378,0.5\r\n' +
        '"say ""hi""",,0\r\n' +
        '"two\nlines",1,\r\n',
    );
  });

  it('writes only the header for no rows', () => {
    expect(toCsv({ columns: [{ key: 'a', label: 'A', format: 'count' }], rows: [] })).toBe('A\r\n');
  });
});
