// Retention on the server in the core: each channel one Convex call (administrators only, checked
// and audited by the server). The daily run itself is a cron on the server (convex/retention.ts).
import { api } from '../../../convex/_generated/api';
import type { retentionChannels } from '../../../shared/contract/retention';
import type { Feature } from '../../core/feature';
import type { CoreServices } from '../../core/services';

export function createRetentionFeature(svc: CoreServices): Feature<keyof typeof retentionChannels> {
  return {
    handlers: {
      serverRetention: async () => svc.gateway.query(api.retention.settings, {}),
      setServerRetention: async ({ periods }) => svc.gateway.mutation(api.retention.setPeriods, { periods }),
      destructionLog: async ({ cursor, numItems }) => svc.gateway.query(api.retention.log, { paginationOpts: { cursor, numItems } }),
    },
    jobs: {},
  };
}
