// The KVKK desk in the core: each channel one Convex call (the server checks the role and audits),
// and the access export written owner-only (0600) beside its target and moved into place when complete.
import { api } from '../../../convex/_generated/api';
import type { Id } from '../../../convex/_generated/dataModel';
import type { kvkkChannels } from '../../../shared/contract/kvkk';
import { AppError } from '../../core/errors/appError';
import type { Feature } from '../../core/feature';
import type { CoreServices } from '../../core/services';
import { AtomicTarget } from '../../core/storage/atomicTarget';

const requestId = (id: string) => id as Id<'dataRequests'>;

export function createKvkkFeature(svc: CoreServices): Feature<keyof typeof kvkkChannels> {
  return {
    handlers: {
      listDataRequests: async ({ filter, cursor, numItems }) => svc.gateway.query(api.dataRequests.list, { filter, paginationOpts: { cursor, numItems } }),
      getDataRequest: async ({ id }) => svc.gateway.query(api.dataRequests.get, { id: requestId(id) }),
      createDataRequest: async (input) => ({ id: await svc.gateway.mutation(api.dataRequests.create, { ...input, assigneeId: input.assigneeId as Id<'users'> }) }),
      assignDataRequest: async ({ id, assigneeId }) => {
        await svc.gateway.mutation(api.dataRequests.assign, { id: requestId(id), assigneeId: assigneeId as Id<'users'> });
        return { ok: true as const };
      },
      replyDataRequest: async ({ id, note }) => {
        await svc.gateway.mutation(api.dataRequests.addReply, { id: requestId(id), note });
        return { ok: true as const };
      },
      closeDataRequest: async ({ id, outcome }) => {
        await svc.gateway.mutation(api.dataRequests.close, { id: requestId(id), outcome });
        return { ok: true as const };
      },
      consentsOf: async (subject) => svc.gateway.query(api.consents.of, subject),
      recordConsent: async (input) => ({ id: await svc.gateway.mutation(api.consents.record, input) }),
      withdrawConsent: async (input) => {
        await svc.gateway.mutation(api.consents.withdraw, input);
        return { ok: true as const };
      },
      erasurePreview: async ({ requestId: forRequest }) => svc.gateway.query(api.erasures.preview, { requestId: requestId(forRequest) }),
      startErasure: async ({ requestId: forRequest, reason, confirm }) => svc.gateway.mutation(api.erasures.start, { requestId: requestId(forRequest), reason, confirm }),
      erasureProgress: async ({ requestId: forRequest }) => svc.gateway.query(api.erasures.progress, { requestId: requestId(forRequest) }),
      exportPerson: async ({ nationalId, target, requestId: forRequest, via }) => {
        const file = svc.files.resolve(target, 'write');
        if (!file) throw new AppError('file_refused', 'Choose where to save the export first', 'Önce dışa aktarımın kaydedileceği yeri seçin');
        const data = await svc.gateway.mutation(api.personData.exportPerson, { nationalId, via, ...(forRequest ? { requestId: requestId(forRequest) } : {}) });
        const out = await AtomicTarget.open(file.path);
        try {
          out.stream.end(`${JSON.stringify(data, null, 2)}\n`);
          await out.commit();
        } catch (err) {
          await out.discard();
          throw err;
        }
        return { file: file.path, counts: data.counts, truncated: data.truncated };
      },
    },
    jobs: {},
  };
}
