// Shared set-up for the messaging integration tests: a rehearsal backend (backend/
// rehearsal.test-util.ts) with one staff user.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api, internal } from '../../../convex/_generated/api';
import { AuthSession, memoryTokenStore } from '../../core/session/authSession';
import type { Id } from '../../../convex/_generated/dataModel';
import { testBackend } from '../../core/backend/rehearsal.test-util';
import type { Gateway } from '../../core/backend/gateway';
import type { Role } from '../../../shared/domain/roles';

export const tempDir = () => mkdtempSync(join(tmpdir(), 'messaging-'));

/**
 * A fresh deployment with one staff member (personel unless `role` says otherwise), signed in
 * for real (the gateway then calls as them). Without `email` they get one at example.org whose
 * e-mail preference is switched off.
 */
export async function backendWithUser(user: { name: string; email?: string; phone?: string; role?: Role }) {
  const gateway = await testBackend();
  const { role = 'personel', ...profile } = user;
  const email = profile.email ?? 'no-mail@example.org';
  const password = 'test-password-0123';
  await gateway.internal.action(internal.demo.seedStaff, { ...profile, email, role, password });
  const session = new AuthSession(gateway, memoryTokenStore());
  const userId = (await session.signIn(email, password)).id as Id<'users'>;
  if (!user.email) {
    const off = { email: false, sms: true };
    await gateway.mutation(api.preferences.set, { prefs: { toplanti: off, gorev: off, rapor: off, sistem: off, ice_aktarma: off } });
  }
  return { gateway, userId, session };
}

/** The signed-in person's own notifications (the gateway's identity). */
export async function deliveriesOf(gateway: Gateway, _recipientId: Id<'users'>) {
  const page = await gateway.query(api.notifications.list, { paginationOpts: { cursor: null, numItems: 50 } });
  return page.page;
}
