// The app shell's channels: what the app is, the version handshake with its server, the
// desktop's native dialogs, and starting and cancelling any feature's job.
import { hostname } from 'node:os';
import { api } from '../../../convex/_generated/api';
import { FUNCTIONS_VERSION } from '../../../shared/domain/functionsVersion';
import { requireRole } from '../../core/session/authErrors';
import { RESTORE_DEADLINE_MS } from '../../core/session/authSession';
import type { appChannels, ServerStatus } from '../../../shared/contract/app';
import { checkServer } from '../../core/backend/serverCheck';
import type { Gateway } from '../../core/backend/gateway';
import type { Feature } from '../../core/feature';
import type { JobRunner } from '../../core/jobRunner';
import type { CoreServices } from '../../core/services';

/**
 * `jobs`: the runner that createCore builds from every feature's jobs (startJob, cancelJob);
 * `connection`: the backend connection whose changes the app shell shows ("cannot reach the server").
 */
export function createAppFeature(svc: CoreServices, jobs: JobRunner, connection?: Pick<Gateway, 'onConnectionChange'>): Feature<keyof typeof appChannels> {
  const unwatchConnection = connection?.onConnectionChange?.((status) => svc.bus.emit('connectionState', status));
  // The version handshake, once per start (and again when the person asks to retry), with every
  // deployment (a demo one too: it runs this checkout's functions); with no deployment at all the
  // desktop app asks for one.
  // At start it waits as long as a stored session's restore may (the window shows the "cannot
  // reach the server" screen, with its retry, after that); a retry waits the usual 10 s.
  const host = svc.hostCapabilities;
  const check = (url: string, timeoutMs?: number) => checkServer(url, { ...(timeoutMs ? { timeoutMs } : {}), ...(host.fetch ? { fetch: host.fetch } : {}) });
  let handshake: Promise<ServerStatus> | null = null;
  let first = true;
  const server = (): Promise<ServerStatus> =>
    (handshake ??=
      svc.backend.url
        ? check(svc.backend.url, first ? ((first = false), RESTORE_DEADLINE_MS) : undefined)
        : Promise.resolve({ state: svc.backend.source === 'none' ? 'unconfigured' : 'ok', expected: FUNCTIONS_VERSION }));

  return {
    handlers: {
      getAppInfo: async () => ({
        host: svc.host,
        version: svc.version,
        backend: { kind: svc.backend.kind, ...(svc.backend.url ? { url: svc.backend.url } : {}) },
        ephemeral: svc.backend.kind === 'memory' && svc.backend.source !== 'none',
        server: await server(),
        // A memory backend (or none yet) has no connection to lose.
        connection: svc.gateway?.connectionStatus?.() ?? { state: 'connected' as const, since: 0 },
      }),
      checkServer: async ({ url }) => {
        if (url) return check(url);
        handshake = null;
        return server();
      },
      saveServer: async ({ url }) => {
        // Choosing the server on the first start (or when the current one cannot be used, so nobody
        // can sign in to it) is open to whoever is at the PC; moving a PC off a working server is
        // an administrator's change, audited there before anything is written.
        const current = await server();
        const moving = svc.backend.source !== 'none' && current.state === 'ok' && url !== svc.backend.url;
        if (moving) requireRole(svc.auth, 'yonetici');
        const status = await check(url);
        if (status.state !== 'ok') return { status, saved: false, restarting: false };
        if (moving) await svc.gateway.mutation(api.audit.noteLocalSettingsChange, { pc: hostname(), backendUrl: status.url ?? url });
        // The address as checked (trailing slashes dropped), not as typed.
        svc.settings.update({ backendUrl: status.url ?? url });
        const restart = host.restart;
        // After the answer has left, so the page can say what happens.
        if (restart) setTimeout(restart, 500);
        return { status, saved: true, restarting: !!restart };
      },
      // Native dialogs and the file manager, desktop only. The chosen path stays in the core: the
      // renderer gets an id for it (and the path only as text to show).
      pickSavePath: async (input) => {
        if (!host.pickSavePath || !svc.files.grant) return { fileId: null, path: null, supported: false };
        const path = await host.pickSavePath(input);
        return path === null ? { fileId: null, path: null, supported: true } : { fileId: svc.files.grant(path, ['write', 'reveal']), path, supported: true };
      },
      revealFile: async ({ fileId }) => {
        const file = svc.files.resolve(fileId, 'reveal');
        if (!host.revealFile || !file) return { revealed: false };
        host.revealFile(file.path);
        return { revealed: true };
      },
      startJob: async ({ kind, input }) => jobs.start(kind, input),
      cancelJob: async ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
    },
    jobs: {},
    close: () => unwatchConnection?.(),
  };
}
