import { describe, expect, it } from 'vitest';
import { readDashboardFile, serverProblems } from './import-dashboard';

const WIDGET = {
  id: 'w-1',
  title: 'Revenue',
  layout: { x: 0, y: 0, w: 3, h: 2 },
  source: { kind: 'kpi', kpi: 'revenue' },
  visual: { type: 'kpi', y: ['value'] },
};

const EXPORT = {
  id: 'dsh_0123456789',
  schemaVersion: 1,
  version: 4,
  title: 'Board',
  description: '',
  filters: { from: null, to: null, segment: 'email|subscribed' },
  widgets: [WIDGET],
  owner: 'admin',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  updatedBy: 'admin',
};

describe('importing a dashboard file', () => {
  it('takes an export, leaving out what a save sets (id, version, owner)', () => {
    const result = readDashboardFile(JSON.stringify(EXPORT));
    expect(result).toEqual({
      ok: true,
      input: {
        schemaVersion: 1,
        title: 'Board',
        description: '',
        filters: { from: null, to: null, segment: 'email|subscribed' },
        widgets: [WIDGET],
      },
    });
  });

  it('says the file is not JSON', () => {
    const result = readDashboardFile('{"title": ');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toMatch(/^The file is not JSON: /);
    expect(readDashboardFile('[1, 2]')).toEqual({
      ok: false,
      errors: ['The file does not hold a dashboard (a JSON object).'],
    });
  });

  it('refuses a format version it does not read', () => {
    expect(readDashboardFile(JSON.stringify({ ...EXPORT, schemaVersion: 2 }))).toEqual({
      ok: false,
      errors: ['The file is a dashboard of format version 2; this one reads 1.'],
    });
  });

  it('names the place of each problem, widgets counted from 1', () => {
    const bad = {
      ...EXPORT,
      title: '',
      widgets: [
        WIDGET,
        { ...WIDGET, id: 'w-2', layout: { x: 0, y: 0, w: 13, h: 2 } },
        { ...WIDGET, id: 'w-3', source: { kind: 'report', report: 'weather' } },
      ],
    };
    const result = readDashboardFile(JSON.stringify(bad));
    expect(result.ok).toBe(false);
    const errors = result.ok ? [] : result.errors;
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^title: /);
    expect(errors[1]).toMatch(/^widgets 2 › layout › w: .*12/);
    expect(errors[2]).toMatch(/^widgets 3 › source › report: /);
  });

  it('refuses two widgets with one id', () => {
    const result = readDashboardFile(JSON.stringify({ ...EXPORT, widgets: [WIDGET, WIDGET] }));
    expect(result).toEqual({ ok: false, errors: ['widgets: widget ids must be unique'] });
  });

  it('reads the server’s validation details the same way', () => {
    expect(
      serverProblems([
        { field: 'body.widgets.0.layout.x', message: 'Too big' },
        { field: 'body', message: 'Bad' },
        { path: 'title', message: 'Too small' },
        'junk',
      ]),
    ).toEqual(['widgets 1 › layout › x: Too big', 'the file: Bad', 'title: Too small']);
    expect(serverProblems(undefined)).toEqual([]);
  });
});
