// Records and the audit log: paging, opening (audited on the server), correcting, adding,
// deleting and restoring records, their history, a person's donations, and the audit page.
// Each handler is one Convex call: the server decides what the role may see and do.
import { api } from '../../../convex/_generated/api';
import type { recordsChannels } from '../../../shared/contract/records';
import type { Feature } from '../../core/feature';
import type { CoreServices } from '../../core/services';

export function createRecordsFeature(svc: CoreServices): Feature<keyof typeof recordsChannels> {
  return {
    handlers: {
      listRecords: async ({ cursor, numItems, ...filters }) => {
        // A mutation: the server audits every page and search it returns.
        const result = await svc.gateway.mutation(api.records.list, { ...filters, paginationOpts: { cursor, numItems } });
        return { page: result.page, isDone: result.isDone, continueCursor: result.continueCursor, searchCapped: result.searchCapped };
      },
      // Opening a record is audited on the server (KVKK: once a day per person and record).
      getRecord: async (input) => svc.gateway.mutation(api.records.open, input),
      findRecord: async (input) => svc.gateway.mutation(api.records.findByKey, input),
      saveRecord: async (input) => svc.gateway.mutation(api.records.update, input),
      createRecord: async (input) => svc.gateway.mutation(api.records.create, input),
      deleteRecord: async (input) => svc.gateway.mutation(api.records.remove, input),
      restoreRecord: async (input) => svc.gateway.mutation(api.records.restore, input),
      recordHistory: async ({ cursor, numItems, ...args }) => svc.gateway.query(api.records.history, { ...args, paginationOpts: { cursor, numItems } }),
      donationsOf: async ({ cursor, numItems, ...args }) => svc.gateway.mutation(api.records.donationsOf, { ...args, paginationOpts: { cursor, numItems } }),
      listAudit: async ({ cursor, numItems }) => {
        const result = await svc.gateway.query(api.audit.list, { paginationOpts: { cursor, numItems } });
        return {
          page: result.page.map((e) => ({
            id: e._id,
            action: e.action,
            at: e.at,
            actorName: e.actorName,
            collection: e.collection,
            summary: (e.summary ?? {}) as Record<string, unknown>,
          })),
          isDone: result.isDone,
          continueCursor: result.continueCursor,
        };
      },
    },
    jobs: {},
  };
}
