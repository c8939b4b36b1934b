// Retention on the server (issue #25 item 5): the periods administrators set per category and the
// destruction log. The server checks the role, the bounds, and audits a change.
import { z } from 'zod';
import { DESTRUCTION_METHODS, RETENTION_CATEGORIES, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, type RetentionCategory } from '../domain/retention';
import { channel } from './define';
import { page, pageRequest } from './schemas';

const byCategory = <T extends z.ZodType>(of: (category: RetentionCategory) => T) =>
  z.object(Object.fromEntries(RETENTION_CATEGORIES.map((c) => [c, of(c)])) as Record<RetentionCategory, T>);

/** Whole days per category, each within its bounds. */
export const retentionPeriods = byCategory((c) => z.number().int().min(RETENTION_MIN_DAYS[c]).max(RETENTION_MAX_DAYS));

export const destructionLogRow = z.object({
  id: z.string(),
  category: z.enum(RETENTION_CATEGORIES),
  method: z.enum(DESTRUCTION_METHODS),
  count: z.number().int(),
  days: z.number().int(),
  cutoff: z.number(),
  at: z.number(),
});

export const retentionChannels = {
  serverRetention: channel(
    z.object({}),
    z.object({
      periods: byCategory(() => z.number()),
      defaults: byCategory(() => z.number()),
      minDays: byCategory(() => z.number()),
      maxDays: z.number(),
      methods: byCategory(() => z.enum(DESTRUCTION_METHODS)),
      updatedAt: z.number().optional(),
      updatedByName: z.string().optional(),
    }),
  ),
  setServerRetention: channel(z.object({ periods: retentionPeriods }), z.object({ changed: z.number().int() })),
  destructionLog: channel(pageRequest.extend({ numItems: z.number().int().min(1).max(200) }), page(destructionLogRow)),
} as const;
