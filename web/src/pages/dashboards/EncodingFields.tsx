import {
  VISUAL_TYPES,
  type Visual,
  type VisualFormat,
  type VisualType,
} from '../../dashboards/dashboard-types';
import type { Column } from '../../format/csv';
import { VISUALS } from '../../widgets/dashboard-visual/visual-registry';

const FORMAT_LABELS: Record<VisualFormat, string> = {
  number: 'Number',
  money: 'Money',
  percent: 'Percent',
};

/** Drops the keys whose value is undefined (the document has no undefined fields). */
function clean(visual: Visual): Visual {
  return Object.fromEntries(
    Object.entries(visual).filter(([, value]) => value !== undefined && value !== ''),
  ) as unknown as Visual;
}

/** The visual type and its encoding, chosen among the source's columns. */
export function EncodingFields({
  visual,
  columns,
  onChange,
}: {
  visual: Visual;
  columns: readonly Column[];
  onChange(visual: Visual): void;
}) {
  const uses = VISUALS[visual.type].uses;
  const set = (patch: Partial<Visual>) => onChange(clean({ ...visual, ...patch }));
  const values = columns.filter((c) => c.format !== 'text');
  const y = visual.y ?? [];
  const column = (
    name: string,
    label: string,
    value: string | undefined,
    choices: readonly Column[],
    patch: (key: string | undefined) => Partial<Visual>,
    none = '—',
  ) => (
    <label>
      <span>{label}</span>
      <select
        name={name}
        value={value ?? ''}
        onChange={(e) => set(patch(e.target.value || undefined))}
      >
        <option value="">{none}</option>
        {choices.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <fieldset className="composer-fields" data-role="encoding">
      <legend>Visualisation</legend>
      <label>
        <span>Type</span>
        <select
          name="visual-type"
          value={visual.type}
          onChange={(event) => {
            const type = event.target.value as VisualType;
            const many = VISUALS[type].uses.manyY;
            set({ type, y: many ? visual.y : visual.y?.slice(0, 1) });
          }}
        >
          {VISUAL_TYPES.map((t) => (
            <option key={t} value={t}>
              {VISUALS[t].label}
            </option>
          ))}
        </select>
      </label>
      {uses.x && column('visual-x', 'Category (x)', visual.x, columns, (x) => ({ x }))}
      {uses.manyY ? (
        <fieldset className="y-columns" data-role="y">
          <legend>Values (y)</legend>
          {values.map((c) => (
            <label key={c.key} className="check">
              <input
                type="checkbox"
                name="visual-y"
                value={c.key}
                checked={y.includes(c.key)}
                onChange={(event) =>
                  set({
                    y: event.target.checked ? [...y, c.key] : y.filter((key) => key !== c.key),
                  })
                }
              />
              {c.label}
            </label>
          ))}
        </fieldset>
      ) : (
        column('visual-y', 'Value', y[0], values, (key) => ({ y: key ? [key] : undefined }))
      )}
      {uses.series &&
        column('visual-series', 'Series', visual.series, columns, (series) => ({ series }), 'None')}
      <label>
        <span>Format</span>
        <select
          name="visual-format"
          value={visual.format ?? ''}
          onChange={(e) =>
            set({ format: (e.target.value || undefined) as VisualFormat | undefined })
          }
        >
          <option value="">As the source says</option>
          {Object.entries(FORMAT_LABELS).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {column(
        'visual-sort',
        'Sort by',
        visual.sort?.by,
        columns,
        (by) => ({
          sort: by ? { by, dir: visual.sort?.dir ?? 'desc' } : undefined,
        }),
        'The source’s order',
      )}
      {visual.sort && (
        <label>
          <span>Direction</span>
          <select
            name="visual-sort-dir"
            value={visual.sort.dir}
            onChange={(e) =>
              set({ sort: { by: visual.sort?.by ?? '', dir: e.target.value as 'asc' | 'desc' } })
            }
          >
            <option value="desc">Largest first</option>
            <option value="asc">Smallest first</option>
          </select>
        </label>
      )}
      <label>
        <span>Rows shown (limit)</span>
        <input
          type="number"
          name="visual-limit"
          min={1}
          max={1000}
          placeholder="all"
          value={visual.limit ?? ''}
          onChange={(e) => {
            const limit = Math.round(Number(e.target.value));
            set({
              limit: e.target.value === '' || !(limit >= 1) ? undefined : Math.min(limit, 1000),
            });
          }}
        />
      </label>
    </fieldset>
  );
}
