// A Convex validator for one of a shared/domain vocabulary's values, so the tuple there is the
// only spelling: `literals(EXPORT_FORMATS)` is `v.union(v.literal('excel-tr'), …)`.
import { v, type VLiteral, type VUnion } from 'convex/values';

export function literals<const T extends readonly [string, string, ...string[]]>(
  values: T,
): VUnion<T[number], VLiteral<T[number]>[]> {
  const [first, second, ...rest] = values.map((value) => v.literal(value));
  return v.union(first!, second!, ...rest) as VUnion<T[number], VLiteral<T[number]>[]>;
}
