// Which fields an export writes, in which order, under which headers.
import { getSpec, type CollectionName, type FieldSpec, type Lang } from '../../../shared/domain';
import { ANONYMISED_DROPPED, ANONYMISED_YEAR_ONLY, YEAR_ONLY_LABEL } from '../../../shared/domain/anonymise';
import { AppError } from '../../core/errors/appError';

export interface ExportColumn {
  field: FieldSpec;
  header: string;
}

/**
 * Requested keys (default: every field in spec order) → columns; an unknown or repeated key is
 * refused. Anonymised: the identifying fields are not columns (asked for by name, refused), and a
 * year-only date is a whole-number column of its year.
 */
export function resolveColumns(collection: CollectionName, keys: readonly string[] | undefined, lang: Lang, anonymised = false): ExportColumn[] {
  const dropped = anonymised ? ANONYMISED_DROPPED[collection] : [];
  const fields = getSpec(collection).fields.map((f): FieldSpec =>
    anonymised && ANONYMISED_YEAR_ONLY[collection].includes(f.key) ? { ...f, type: 'integer', label: YEAR_ONLY_LABEL } : f,
  );
  const chosen = keys ?? fields.filter((f) => !dropped.includes(f.key)).map((f) => f.key);
  const identifying = chosen.find((key) => dropped.includes(key));
  if (identifying !== undefined) {
    throw new AppError(
      'invalid_column',
      `An anonymised export has no column "${identifying}" (it identifies a person)`,
      `Anonim dışa aktarmada "${identifying}" sütunu olmaz (kişiyi tanımlar)`,
    );
  }
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
