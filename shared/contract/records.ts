// The records contract: paging and opening records, and the audit log.
import { z } from 'zod';
import { channel } from './define';
import { auditEntry, collectionName, isoDate, page, pageRequest, recordDoc } from './schemas';

export const recordsChannels = {
  listRecords: channel(
    pageRequest.extend({
      // The server returns at most 200 a page (convex/records.ts MAX_LIST_PAGE).
      numItems: z.number().int().min(1).max(200),
      collection: collectionName,
      search: z.string().trim().max(200).optional(),
      status: z.string().max(40).optional(),
      from: isoDate.optional(),
      to: isoDate.optional(),
    }),
    // searchCapped: the search matched more than one search can read; the page asks to narrow it.
    page(recordDoc).extend({ searchCapped: z.boolean() }),
  ),
  getRecord: channel(z.object({ collection: collectionName, id: z.string().max(64) }), recordDoc.nullable()),
  listAudit: channel(pageRequest, page(auditEntry)),
} as const;
