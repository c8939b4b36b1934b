// For tests of the core over a rehearsal backend (backend/rehearsal.test-util.ts): the demo
// records and one demo account of `role`, signed in for real through Convex Auth (auth:signIn), as
// the app does.
import { internal } from '../../../convex/_generated/api';
import { DEMO_ACCOUNTS } from '../../../convex/demo';
import type { Role } from '../../../shared/domain/roles';
import type { TestBackend } from '../backend/rehearsal.test-util';
import { AuthSession, memoryTokenStore } from './authSession';

export async function signedInMemory(memory: TestBackend, role: Role = 'personel') {
  await memory.internal.action(internal.demo.seedWithAccount, { role });
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  const session = new AuthSession(memory, memoryTokenStore());
  const user = await session.signIn(account.email, account.password);
  return { session, user, userId: user.id, account };
}
