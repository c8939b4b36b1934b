// The retention periods' validator: one whole number of days per category (shared/domain/retention).
import { v, type VObject } from 'convex/values';
import { RETENTION_CATEGORIES, type RetentionPeriods } from '../../shared/domain/retention';

export const retentionPeriodsValidator = v.object(
  Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, v.number()])) as Record<keyof RetentionPeriods, ReturnType<typeof v.number>>,
) as VObject<RetentionPeriods, Record<keyof RetentionPeriods, ReturnType<typeof v.number>>>;
