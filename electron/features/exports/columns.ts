// Which fields an export writes, in which order, under which headers.
import { getSpec, type CollectionName, type FieldSpec, type Lang } from '../../../shared/domain';
import { AppError } from '../../core/errors/appError';

export interface ExportColumn {
  field: FieldSpec;
  header: string;
}

/** Requested keys (default: every field in spec order) → columns; an unknown or repeated key is refused. */
export function resolveColumns(collection: CollectionName, keys: readonly string[] | undefined, lang: Lang): ExportColumn[] {
  const fields = getSpec(collection).fields;
  const chosen = keys ?? fields.map((f) => f.key);
  const seen = new Set<string>();
  return chosen.map((key) => {
    const field = fields.find((f) => f.key === key);
    if (!field || seen.has(key)) {
      throw new AppError(
        'invalid_column',
        `${collection} has no column "${key}" (or it is listed twice)`,
        `${collection} için "${key}" sütunu yok (ya da iki kez seçilmiş)`,
      );
    }
    seen.add(key);
    return { field, header: field.label[lang] };
  });
}
