// The renderer's sign-in, own-account and staff-administration requests. Each answer carries
// the person, never a token: the session (authSession.ts) keeps those.
import { api } from '../../../convex/_generated/api';
import type { Id } from '../../../convex/_generated/dataModel';
import type { authChannels } from '../../../shared/contract/auth';
import type { Feature } from '../../core/feature';
import type { CoreServices } from '../../core/services';
import { AppError } from '../../core/errors/appError';

export function createAuthFeature(svc: CoreServices, options: { setupCode?: string } = {}): Feature<keyof typeof authChannels> {
  const session = svc.auth;
  const demoAccounts = svc.backend.demoAccounts;
  // The renderer follows the session: signed in, signed out and why.
  const unwatch = session.onChange((state) => {
    svc.bus.emit('authChanged', { user: state.status === 'signedIn' ? state.user : null, reason: state.status === 'signedOut' ? state.reason : 'none' });
  });
  return {
    handlers: {
      getSession: async () => {
        // A session being restored at start is waited for (briefly, see AuthSession.restore).
        await session.restore();
        const state = session.current();
        const { needsFirstAdmin } = state.status === 'signedIn' ? { needsFirstAdmin: false } : await svc.gateway.query(api.setup.status, {});
        return {
          user: session.user(),
          reason: state.status === 'signedOut' ? state.reason : 'none',
          needsFirstAdmin,
          setupCodeAvailable: Boolean(options.setupCode),
          sessionKept: session.keepsSessionOnDisk(),
          ...(demoAccounts?.length ? { demoAccounts } : {}),
        };
      },
      signIn: async ({ email, password }) => await session.signIn(email, password),
      signOut: async () => {
        await session.signOut();
        return { signedOut: true };
      },
      changeOwnPassword: async (input) => {
        await svc.gateway.action(api.users.changeOwnPassword, input);
        return { changed: true };
      },
      createFirstAdmin: async ({ setupCode, name, email, password }) => {
        const code = setupCode || options.setupCode;
        if (!code) throw new AppError('invalid_setup_code', 'Enter the setup code', 'Kurulum kodunu girin');
        await svc.gateway.anonymousAction(api.setup.createFirstAdmin, { setupCode: code, name, email, password });
        return await session.signIn(email, password);
      },
      listColleagues: async () => await svc.gateway.query(api.users.colleagues, {}),
      listStaff: async () => (await svc.gateway.query(api.staff.list, {})).map((s) => ({ ...s, ...(s.phone ? {} : { phone: undefined }) })),
      createStaff: async (input) => {
        const id = await svc.gateway.action(api.staff.create, input);
        svc.bus.emit('dataChanged', { collection: 'auditLogs' });
        return { id };
      },
      setStaffRole: async ({ userId, role }) => {
        await svc.gateway.mutation(api.staff.setRole, { userId: userId as Id<'users'>, role });
        svc.bus.emit('dataChanged', { collection: 'auditLogs' });
        return { ok: true };
      },
      setStaffActive: async ({ userId, active }) => {
        await svc.gateway.action(api.staff.setActive, { userId: userId as Id<'users'>, active });
        svc.bus.emit('dataChanged', { collection: 'auditLogs' });
        return { ok: true };
      },
      resetStaffPassword: async ({ userId, password }) => {
        await svc.gateway.action(api.staff.resetPassword, { userId: userId as Id<'users'>, password });
        svc.bus.emit('dataChanged', { collection: 'auditLogs' });
        return { ok: true };
      },
    },
    jobs: {},
    close: () => {
      unwatch();
    },
  };
}
