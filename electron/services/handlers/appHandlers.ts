import { FUNCTIONS_VERSION } from '../../../shared/domain/functionsVersion';
import type { ServerStatus } from '../../../shared/contract/channels';
import { checkServer } from '../backend/serverCheck';
import type { HandlerTable } from '../core/dispatch';
import type { CoreServices } from '../core/services';

type AppHandlers = 'getAppInfo' | 'getSettings' | 'saveSettings' | 'checkServer' | 'saveServer';

export function appHandlers(svc: CoreServices): Pick<HandlerTable, AppHandlers> {
  const currentSettings = () => ({
    language: svc.settings.get().language,
    backendUrl: svc.backend.url ?? null,
    backendUrlSource: svc.backend.source,
    retentionDays: svc.settings.get().retentionDays,
  });
  // The version handshake, once per start (and again when the person asks to retry). The
  // in-memory backend runs this build's own functions; with no deployment at all the desktop app
  // asks for one.
  let handshake: Promise<ServerStatus> | null = null;
  const server = (): Promise<ServerStatus> =>
    (handshake ??=
      svc.backend.kind === 'convex' && svc.backend.url
        ? checkServer(svc.backend.url)
        : Promise.resolve({ state: svc.backend.source === 'none' ? 'unconfigured' : 'ok', expected: FUNCTIONS_VERSION }));

  return {
    getAppInfo: async () => ({
      host: svc.host,
      version: svc.version,
      backend: { kind: svc.backend.kind, ...(svc.backend.url ? { url: svc.backend.url } : {}) },
      ephemeral: svc.backend.kind === 'memory' && svc.backend.source !== 'none',
      server: await server(),
      // A memory backend (or none yet) has no connection to lose.
      connection: svc.gateway?.connectionStatus?.() ?? { state: 'connected' as const, since: 0 },
    }),
    getSettings: async () => currentSettings(),
    // A changed backend URL takes effect on the next start, when the core connects.
    saveSettings: async (input) => {
      svc.settings.update({
        ...(input.language ? { language: input.language } : {}),
        ...(input.backendUrl !== undefined ? { backendUrl: input.backendUrl } : {}),
        ...(input.retentionDays !== undefined ? { retentionDays: input.retentionDays } : {}),
      });
      return currentSettings();
    },
    checkServer: async ({ url }) => {
      if (url) return checkServer(url);
      handshake = null;
      return server();
    },
    saveServer: async ({ url }) => {
      const status = await checkServer(url);
      if (status.state !== 'ok') return { status, saved: false, restarting: false };
      svc.settings.update({ backendUrl: url });
      const restart = svc.hostCapabilities.restart;
      // After the answer has left, so the page can say what happens.
      if (restart) setTimeout(restart, 500);
      return { status, saved: true, restarting: !!restart };
    },
  };
}
