import type { HandlerTable } from '../core/dispatch';
import type { CoreServices } from '../core/services';

export function appHandlers(svc: CoreServices): Pick<HandlerTable, 'getAppInfo' | 'getSettings' | 'saveSettings'> {
  const currentSettings = () => ({
    language: svc.settings.get().language,
    backendUrl: svc.backend.url ?? null,
    backendUrlSource: svc.backend.source,
    retentionDays: svc.settings.get().retentionDays,
  });
  return {
    getAppInfo: async () => ({
      host: svc.host,
      version: svc.version,
      backend: { kind: svc.backend.kind, ...(svc.backend.url ? { url: svc.backend.url } : {}) },
      ephemeral: svc.backend.kind === 'memory',
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
  };
}
