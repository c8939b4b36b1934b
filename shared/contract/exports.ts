// The export job and the live count the Export page shows before starting it.
import { z } from 'zod';
import { EXPORT_FORMATS } from '../domain/vocabularies';
import { channel, jobKind } from './define';
import { collectionName, fileId, isoDate, lang } from './schemas';

export const exportFormat = z.enum(EXPORT_FORMATS);
export type { ExportFormat } from '../domain/vocabularies';

/** Filters shared by the count and the export; city/category/type apply where the collection has them. */
export const exportFilters = z.object({
  collection: collectionName,
  from: isoDate.optional(),
  to: isoDate.optional(),
  status: z.string().max(40).optional(),
  city: z.string().max(60).optional(),
  category: z.string().max(200).optional(),
  type: z.string().max(40).optional(),
});
export type ExportFilters = z.infer<typeof exportFilters>;

export const exportInput = exportFilters.extend({
  /** Field keys in the order wanted; all fields of the collection when omitted. */
  columns: z.array(z.string().max(64)).min(1).max(100).optional(),
  headerLang: lang.optional(),
  format: exportFormat.default('excel-tr'),
  /** For statistics: no names, TC Kimlik No, phones, e-mails, IBANs, addresses; birth dates as years. */
  anonymised: z.boolean().optional(),
  /** Desktop: the id pickSavePath returned. Omitted in web mode: the file goes to dataDir and is offered as a download. */
  target: fileId.optional(),
});

export const exportProgress = z.object({
  rows: z.number().int(),
  /** The count taken before starting; grows with `rows` when the count was capped. */
  totalEstimate: z.number().int(),
  /** The count stopped at its read budget (or failed): the total is "at least", not known. */
  totalCapped: z.boolean(),
  bytes: z.number(),
});

export const exportResult = z.object({
  /** Where the file was written, as text to show. */
  file: z.string(),
  rows: z.number().int(),
  /** Web mode: the id under which the browser can download the file. */
  downloadId: z.string().optional(),
  /** Desktop: the id with which revealFile shows the file. */
  fileId: fileId.optional(),
});

export const exportJobs = {
  export: jobKind(exportInput, exportProgress, exportResult),
} as const;

export const exportChannels = {
  countRecords: channel(exportFilters, z.object({ count: z.number().int(), capped: z.boolean() })),
} as const;
