import { api } from '../../../convex/_generated/api';
import type { Id } from '../../../convex/_generated/dataModel';
import type { HandlerTable } from '../core/dispatch';
import type { CoreServices } from '../core/services';

export function profileHandlers(svc: CoreServices): Pick<HandlerTable, 'getProfile' | 'saveProfile'> {
  return {
    getProfile: async () => {
      const id = svc.profileId();
      if (!id) return null;
      const user = await svc.gateway.query(api.users.getProfile, { id: id as Id<'users'> });
      return user ? { id: user._id, name: user.name, email: user.email, phone: user.phone } : null;
    },
    saveProfile: async (input) => {
      const existing = svc.profileId();
      const id = await svc.gateway.mutation(api.users.saveProfile, {
        ...input,
        ...(existing ? { id: existing as Id<'users'> } : {}),
      });
      svc.setProfileId(id);
      svc.bus.emit('dataChanged', { collection: 'auditLogs' });
      return { id, ...input };
    },
  };
}
