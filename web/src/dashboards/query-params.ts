// A saved query's {{parameters}} on a dashboard: each bound to one of the dashboard's filters
// (the period's first day, the day after its last, the segment) or to a fixed value.
import type { FilterKey, ParamBinding, ParamValue } from './dashboard-types';

export interface QueryParameter {
  name: string;
  type: 'date' | 'number' | 'string';
}

/** The filters' values as the dashboard shows them now; null where a filter is not set. */
export type FilterValues = Record<FilterKey, string | null>;

/**
 * The parameters to run the query with. A parameter bound to a filter that is not set, or not
 * bound at all, is left out so the query's own default applies; a fixed value is read as the
 * parameter's type ("12" for a number is 12).
 */
export function bindParams(
  parameters: readonly QueryParameter[],
  bindings: Record<string, ParamBinding>,
  filters: FilterValues,
): Record<string, ParamValue> {
  const bound: Record<string, ParamValue> = {};
  for (const parameter of parameters) {
    const binding = bindings[parameter.name];
    if (!binding) continue;
    const value = 'filter' in binding ? filters[binding.filter] : binding.value;
    if (value === null || value === '') continue;
    bound[parameter.name] = asType(value, parameter.type);
  }
  return bound;
}

function asType(value: string | number | boolean, type: QueryParameter['type']): ParamValue {
  if (type !== 'number') return typeof value === 'string' ? value : String(value);
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : String(value);
}

/**
 * The bindings a newly chosen query starts with: a date parameter named like a filter (from,
 * to, start, end) follows the period, one named segment follows the segment; the others keep
 * the query's default as a fixed value.
 */
export function defaultBindings(
  parameters: readonly QueryParameter[],
  defaults: Record<string, ParamValue>,
): Record<string, ParamBinding> {
  const bindings: Record<string, ParamBinding> = {};
  for (const { name, type } of parameters) {
    const filter = filterNamed(name, type);
    bindings[name] = filter ? { filter } : { value: defaults[name] ?? null };
  }
  return bindings;
}

function filterNamed(name: string, type: QueryParameter['type']): FilterKey | null {
  const lower = name.toLowerCase();
  if (type === 'date' && /^(from|start|since)(_date|_day)?$/.test(lower)) return 'from';
  if (type === 'date' && /^(to|end|until)(_date|_day)?$/.test(lower)) return 'to';
  if (type === 'string' && lower === 'segment') return 'segment';
  return null;
}

/** The bindings' problems for people: a parameter the query lacks, one that is not bound. */
export function bindingProblems(
  parameters: readonly QueryParameter[],
  bindings: Record<string, ParamBinding>,
): string[] {
  const names = new Set(parameters.map((p) => p.name));
  const problems = Object.keys(bindings)
    .filter((name) => !names.has(name))
    .map((name) => `The query has no parameter “${name}” any more; its binding is ignored.`);
  for (const { name, type } of parameters) {
    const binding = bindings[name];
    if (binding && 'filter' in binding && binding.filter !== 'segment' && type !== 'date') {
      problems.push(`“${name}” is a ${type} but is bound to a date filter.`);
    }
  }
  return problems;
}
