// Shared set-up for the messaging integration tests: an in-process backend with one staff user.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { api } from '../../../convex/_generated/api';
import type { Id } from '../../../convex/_generated/dataModel';
import { MemoryGateway } from '../backend/memoryGateway';

export const tempDir = () => mkdtempSync(join(tmpdir(), 'messaging-'));

export async function backendWithUser(user: { name: string; email?: string; phone?: string }) {
  const gateway = new MemoryGateway();
  const userId = (await gateway.mutation(api.users.saveProfile, user)) as Id<'users'>;
  return { gateway, userId };
}

export async function deliveriesOf(gateway: MemoryGateway, recipientId: Id<'users'>) {
  const page = await gateway.query(api.notifications.list, { recipientId, paginationOpts: { cursor: null, numItems: 50 } });
  return page.page;
}
