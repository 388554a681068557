import type { ValuesShape } from '../../staged.js';

/** Delimiter and quote of the staged CSV: control characters, which JSON text never holds. */
export const DELIMITER = '\x01';
export const QUOTE = '\x02';

type JsonObject = Record<string, unknown>;

interface Line {
  readable: boolean;
  text: string;
}

/**
 * Writes JS values as CSV lines of plain text the engine reads without parsing JSON: line
 * number, JSON text, the text of each field as `->>` gives it from a JSON line, the JSON
 * object of every key but those all exclusions leave out, and for each exclusion that leaves
 * out a key at hand, the object without it. The values are read as NDJSON lines are: keys
 * under `properties` are merged in with the top level winning (RFC 7396, in the engine's key
 * order), and nulls count as absent.
 */
export class ValuesCsv {
  private readonly fieldIndex: ReadonlyMap<string, number>;
  /** Per key, bit i set when exclusion i leaves it out of the properties. */
  private readonly excludedBy = new Map<string, number>();
  private readonly everySet: number;
  // Scratch space of the line being written, reused: a batch has thousands of lines.
  private readonly texts: string[];
  private readonly fragments: string[] = [];
  private readonly masks: number[] = [];
  /** `"key":` of each key met, as keys repeat from line to line. */
  private readonly prefixes = new Map<string, string>();

  constructor(private readonly shape: ValuesShape) {
    this.fieldIndex = new Map(shape.fields.map((name, i) => [name, i]));
    shape.exclusions.forEach((names, i) => {
      for (const name of [...names, 'properties']) {
        this.excludedBy.set(name, (this.excludedBy.get(name) ?? 0) | (1 << i));
      }
    });
    this.everySet = (1 << shape.exclusions.length) - 1;
    this.texts = new Array<string>(shape.fields.length);
  }

  /**
   * The CSV of the values that are JSON objects and that of the others (line, JSON text,
   * reason), value i as line i + 1, and the length of the longest line.
   */
  write(values: readonly unknown[]): { readable: string; unreadable: string; longest: number } {
    let readable = '';
    let unreadable = '';
    let longest = 0;
    // An index loop reads the holes of a sparse array as undefined, so numbering cannot slip.
    for (let i = 0; i < values.length; i += 1) {
      const line = this.line(i + 1, values[i]);
      longest = Math.max(longest, line.text.length);
      if (line.readable) readable += `${line.text}\n`;
      else unreadable += `${line.text}\n`;
    }
    return { readable, unreadable, longest };
  }

  private line(line: number, value: unknown): Line {
    let raw: string | undefined;
    try {
      raw = JSON.stringify(value);
    } catch (error) {
      return this.unreadable(line, undefined, `not representable as JSON: ${String(error)}`);
    }
    if (raw === undefined || !isObject(value))
      return this.unreadable(line, raw, 'not a JSON object');
    // A lone surrogate is valid in a JS string but not in JSON text: the NDJSON reader rejects it.
    if (raw.includes('\\ud') && LONE_SURROGATE.test(raw))
      return this.unreadable(line, raw, 'malformed JSON');
    // The JSON text is the truth, as a file's line would be. Reading back a value that is not
    // plain JSON data (undefined, a Date, NaN) costs more than all the rest, so only those.
    const doc = isPlain(value) ? value : (JSON.parse(raw) as JsonObject);
    this.texts.fill('');
    this.fragments.length = 0;
    this.masks.length = 0;
    // json_merge_patch(properties, doc): keys only `properties` has first, then the document's.
    const nested = doc['properties'];
    if (isObject(nested)) {
      for (const key of Object.keys(nested)) {
        if (!Object.hasOwn(doc, key)) this.add(key, nested[key]);
      }
    }
    for (const key of Object.keys(doc)) {
      const v = doc[key];
      if (v === null) continue;
      this.add(
        key,
        isObject(v) ? new JsonText(mergeJson(isObject(nested) ? nested[key] : {}, v)) : v,
      );
    }
    let out = `${line}${DELIMITER}${raw}${DELIMITER}${this.texts.join(DELIMITER)}`;
    out += DELIMITER + (this.fragments.length === 0 ? '' : `{${this.fragments.join(',')}}`);
    // An exclusion that leaves out none of the keys at hand gets nothing: the object of all.
    let any = 0;
    for (const mask of this.masks) any |= mask;
    for (let set = 0; set < this.shape.exclusions.length; set += 1) {
      const bit = 1 << set;
      out += DELIMITER;
      if (any & bit) {
        out += `{${this.fragments.filter((_, k) => !((this.masks[k] ?? 0) & bit)).join(',')}}`;
      }
    }
    return { readable: true, text: out };
  }

  private add(key: string, value: unknown): void {
    if (value === null || value === undefined) return;
    const field = this.fieldIndex.get(key);
    if (field !== undefined) this.texts[field] = cell(textOf(value));
    const mask = this.excludedBy.get(key) ?? 0;
    if (mask === this.everySet) return;
    let prefix = this.prefixes.get(key);
    if (prefix === undefined) {
      prefix = `${JSON.stringify(key)}:`;
      this.prefixes.set(key, prefix);
    }
    this.fragments.push(prefix + jsonOf(value));
    this.masks.push(mask);
  }

  private unreadable(line: number, raw: string | undefined, reason: string): Line {
    return { readable: false, text: `${line}${DELIMITER}${cell(raw)}${DELIMITER}${cell(reason)}` };
  }
}

/** A nested object already merged and written as JSON. */
class JsonText {
  constructor(readonly json: string) {}
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// JSON.stringify writes a surrogate as an escape only when it has no partner.
const LONE_SURROGATE = /(?<!\\)(?:\\\\)*\\ud[89a-f]/;

/** True when JSON.parse(JSON.stringify(value)) gives back the same data. */
function isPlain(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      const proto: unknown = Object.getPrototypeOf(value);
      if (Array.isArray(value)) return proto === Array.prototype && value.every(isPlain);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key in value) {
        if (!Object.hasOwn(value, key) || !isPlain((value as JsonObject)[key])) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** A nested merge patch written as JSON: a null in the patch removes a key, at any depth. */
function mergeJson(target: unknown, patch: JsonObject): string {
  const base = isObject(target) ? target : {};
  const parts: string[] = [];
  for (const key of Object.keys(base)) {
    if (!Object.hasOwn(patch, key))
      parts.push(`${JSON.stringify(key)}:${JSON.stringify(base[key])}`);
  }
  for (const key of Object.keys(patch)) {
    const v = patch[key];
    if (v === null) continue;
    const merged = isObject(v) ? mergeJson(base[key], v) : JSON.stringify(v);
    parts.push(`${JSON.stringify(key)}:${merged}`);
  }
  return `{${parts.join(',')}}`;
}

function jsonOf(value: unknown): string {
  if (typeof value === 'number') return String(value);
  return value instanceof JsonText ? value.json : JSON.stringify(value);
}

/** A field's text as the engine's `->>` gives it. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  // The engine writes an exponent without its plus sign: 1e21, not 1e+21.
  if (typeof value === 'number') return String(value).replace('e+', 'e');
  return jsonOf(value);
}

/**
 * A cell of text: as it is, unless it holds a control character; nothing at all is NULL. JSON
 * text never holds one, so JSON cells go as they are without a look.
 */
function cell(value: string | undefined): string {
  if (value === undefined) return '';
  return CONTROL.test(value) ? `${QUOTE}${value.replaceAll(QUOTE, QUOTE + QUOTE)}${QUOTE}` : value;
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x1f]/;
