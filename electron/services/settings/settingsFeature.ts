// Settings and one's own profile: language, server URL and retention kept on this PC, and the
// signed-in person's name and phone.
import { api } from '../../../convex/_generated/api';
import type { settingsChannels } from '../../../shared/contract/settings';
import type { Feature } from '../core/feature';
import type { CoreServices } from '../core/services';

export function createSettingsFeature(svc: CoreServices): Feature<keyof typeof settingsChannels> {
  const currentSettings = () => ({
    language: svc.settings.get().language,
    backendUrl: svc.backend.url ?? null,
    backendUrlSource: svc.backend.source,
    retentionDays: svc.settings.get().retentionDays,
  });
  return {
    handlers: {
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
      getProfile: async () => svc.auth.user(),
      saveProfile: async ({ name, phone }) => {
        await svc.gateway.mutation(api.users.updateOwnProfile, { name, ...(phone ? { phone } : {}) });
        svc.bus.emit('dataChanged', { collection: 'auditLogs' });
        return await svc.auth.reloadUser();
      },
    },
    jobs: {},
  };
}
