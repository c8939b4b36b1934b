// The KVKK desk in the core: each channel one Convex call (the server checks the role and audits),
// and the access export, JSON and a readable HTML page beside it, written owner-only (0600) and
// moved into place when complete.
import { api } from '../../../convex/_generated/api';
import type { Id } from '../../../convex/_generated/dataModel';
import { basename } from 'node:path';
import type { kvkkChannels } from '../../../shared/contract/kvkk';
import type { Feature } from '../../core/feature';
import type { CoreServices } from '../../core/services';
import { AtomicTarget } from '../../core/storage/atomicTarget';
import { fileStamp, resolveTarget } from '../../core/exportTarget';
import { personReportHtml } from './personReport';

const requestId = (id: string) => id as Id<'dataRequests'>;

/** Each file written owner-only beside its target and moved into place only when all are complete. */
async function writeOwnerOnly(files: [path: string, text: string][]): Promise<void> {
  const opened: AtomicTarget[] = [];
  try {
    for (const [path, text] of files) {
      const out = await AtomicTarget.open(path);
      opened.push(out);
      out.stream.end(text);
    }
    for (const out of opened) await out.commit();
  } catch (err) {
    await Promise.all(opened.map((out) => out.discard()));
    throw err;
  }
}

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
      exportPerson: async ({ nationalId, target, requestId: forRequest, via, lang }) => {
        const file = await resolveTarget(svc, target, () => `person-${fileStamp()}.json`);
        const htmlFile = file.replace(/(\.json)?$/i, '.html');
        const data = await svc.gateway.mutation(api.personData.exportPerson, { nationalId, via, ...(forRequest ? { requestId: requestId(forRequest) } : {}) });
        await writeOwnerOnly([
          [file, `${JSON.stringify(data, null, 2)}\n`],
          [htmlFile, personReportHtml(data, lang)],
        ]);
        const web = svc.host === 'web';
        const downloadId = web ? svc.files.offerDownload(file, basename(file), { removeAfterDownload: true }) : undefined;
        const htmlDownloadId = web ? svc.files.offerDownload(htmlFile, basename(htmlFile), { removeAfterDownload: true }) : undefined;
        const fileId = svc.files.grant?.(file, ['reveal']);
        return { file, htmlFile, counts: data.counts, truncated: data.truncated, ...(downloadId && htmlDownloadId ? { downloadId, htmlDownloadId } : {}), ...(fileId ? { fileId } : {}) };
      },
    },
    jobs: {},
  };
}
