// Settings and one's own profile: language, server URL, retention and idle lock kept on this PC,
// and the signed-in person's name and phone. While the app is open, personal data kept on this PC
// goes once older than the retention setting: at start, then daily.
import { hostname } from 'node:os';
import { api } from '../../../convex/_generated/api';
import { requireRole } from '../../core/session/authErrors';
import type { settingsChannels } from '../../../shared/contract/settings';
import type { Feature } from '../../core/feature';
import { startRetention } from '../../core/retention';
import type { CoreServices } from '../../core/services';

export function createSettingsFeature(svc: CoreServices): Feature<keyof typeof settingsChannels> {
  const currentSettings = () => ({
    language: svc.settings.get().language,
    backendUrl: svc.backend.url ?? null,
    backendUrlSource: svc.backend.source,
    retentionDays: svc.settings.get().retentionDays,
    idleLockMinutes: svc.settings.get().idleLockMinutes,
  });
  let retention: { stop(): void } | undefined;
  return {
    start: () => {
      retention = startRetention(svc.dataDir, () => svc.settings.get().retentionDays);
    },
    close: () => retention?.stop(),
    handlers: {
      getSettings: async () => currentSettings(),
      // A changed backend URL takes effect on the next start, when the core connects. Where this
      // PC connects, how long it keeps personal data and when it locks are the administrator's: checked here,
      // audited on the server, and written only once the server took the audit entry.
      saveSettings: async (input) => {
        const backendUrl = input.backendUrl !== undefined && input.backendUrl !== svc.settings.get().backendUrl ? input.backendUrl : undefined;
        const retentionDays = input.retentionDays !== undefined && input.retentionDays !== svc.settings.get().retentionDays ? input.retentionDays : undefined;
        const idleLockMinutes = input.idleLockMinutes !== undefined && input.idleLockMinutes !== svc.settings.get().idleLockMinutes ? input.idleLockMinutes : undefined;
        if (backendUrl !== undefined || retentionDays !== undefined || idleLockMinutes !== undefined) {
          requireRole(svc.auth, 'yonetici');
          await svc.gateway.mutation(api.audit.noteLocalSettingsChange, {
            pc: hostname(),
            ...(backendUrl !== undefined ? { backendUrl: backendUrl ?? '(none)' } : {}),
            ...(retentionDays !== undefined ? { retentionDays } : {}),
            ...(idleLockMinutes !== undefined ? { idleLockMinutes } : {}),
          });
        }
        svc.settings.update({
          ...(input.language ? { language: input.language } : {}),
          ...(backendUrl !== undefined ? { backendUrl } : {}),
          ...(retentionDays !== undefined ? { retentionDays } : {}),
          ...(idleLockMinutes !== undefined ? { idleLockMinutes } : {}),
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
