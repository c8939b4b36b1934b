// A value a contract schema accepts, generated from the schema itself: tests that must call every
// channel or job (the no-token walk) get an input for a channel the day it is added, instead of
// skipping what `{}` does not satisfy. Required fields only; optional ones stay out. Leaves are
// picked from a few candidates by the leaf's own safeParse, so formats, patterns, lengths and
// refinements (e-mail, file ids, dates, TC Kimlik No's checksum) need no reading of zod's checks.
import type { z } from 'zod';

/** Values a test wants at some keys (a real id, the person's current password); checked like any other. */
export type SampleHints = Record<string, unknown>;

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const STRINGS = [
  'selin.acar@example.org',
  '2025-03-01',
  '10000000146',
  'file:00000000-0000-4000-8000-000000000000',
  'Deneme',
  'Deneme metni, on karakterden uzun',
  'x',
];
const NUMBERS = [1, 10, 0, 100, 1_000];

function pick(schema: z.ZodType, candidates: readonly unknown[], where: string): unknown {
  for (const c of candidates) if (schema.safeParse(c).success) return c;
  throw new Error(`sampleInput: no candidate satisfies ${where} (${defOf(schema).type}); give a hint for it`);
}

/** A value `schema` accepts; `hints` by field name win wherever the schema takes them. */
export function sampleInput(schema: z.ZodType, hints: SampleHints = {}, where = 'input'): unknown {
  const key = where.split('.').at(-1)!;
  if (key in hints && schema.safeParse(hints[key]).success) return hints[key];
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, field] of Object.entries(def.shape!)) {
        if (field.safeParse(undefined).success && !(k in hints)) continue;
        out[k] = sampleInput(field, hints, `${where}.${k}`);
      }
      return out;
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'nullable':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return sampleInput(def.innerType!, hints, where);
    case 'pipe':
      return sampleInput(def.in!, hints, where);
    case 'lazy':
      return sampleInput(def.getter!(), hints, where);
    case 'union': {
      for (const option of def.options!) {
        try {
          const value = sampleInput(option, hints, where);
          if (schema.safeParse(value).success) return value;
        } catch {
          // the next option may do
        }
      }
      throw new Error(`sampleInput: no option of ${where} could be sampled`);
    }
    case 'enum':
      return Object.values(def.entries!)[0];
    case 'literal':
      return def.values![0];
    case 'array': {
      if (schema.safeParse([]).success) return [];
      return [sampleInput(def.element!, hints, `${where}[]`)];
    }
    case 'record':
      return pick(schema, [{}], where);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'unknown':
    case 'any':
      return {};
    case 'string':
      return pick(schema, STRINGS, where);
    case 'number':
      return pick(schema, NUMBERS, where);
    default:
      throw new Error(`sampleInput: ${where} is a ${def.type}, which this generator does not know yet`);
  }
}
