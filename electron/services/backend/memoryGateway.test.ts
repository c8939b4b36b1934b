import { describe, expect, it } from 'vitest';
import { api, internal } from '../../../convex/_generated/api';
import type { Id } from '../../../convex/_generated/dataModel';
import { signedInMemory } from '../auth/signedIn.test-util';
import { MemoryGateway } from './memoryGateway';

describe('MemoryGateway', () => {
  it("runs the project's own functions and re-delivers a watched query after each write", async () => {
    const gateway = new MemoryGateway();
    await signedInMemory(gateway, 'personel');
    const seen: string[] = [];
    const unsubscribe = gateway.watch(api.users.me, {}, (user) => seen.push(user.name));
    await expect.poll(() => seen.length).toBe(1);
    await gateway.mutation(api.users.updateOwnProfile, { name: 'Zeynep Kaya' });
    await expect.poll(() => seen).toEqual(['Mehmet Kara', 'Zeynep Kaya']);
    // An unrelated write that leaves the result unchanged is not re-delivered.
    await gateway.mutation(api.imports.startRun, { collection: 'donations', mode: 'insert', fileName: 'x.csv' });
    unsubscribe();
    await gateway.mutation(api.users.updateOwnProfile, { name: 'Ali Can' });
    expect(seen).toEqual(['Mehmet Kara', 'Zeynep Kaya']);
    await gateway.close();
  });

  it('calls carry the identity of the token Convex Auth issued; without one they are refused', async () => {
    const gateway = new MemoryGateway();
    await expect(gateway.query(api.users.me, {})).rejects.toThrow(/Sign-in required/);
    const { userId, session } = await signedInMemory(gateway, 'personel');
    const runId = await gateway.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'upsert', fileName: 'a.csv' });
    const run = await gateway.query(internal.imports.getRun, { runId: runId as Id<'importRuns'> });
    expect(run?.actorId).toBe(userId);
    await session.signOut();
    await expect(gateway.query(api.imports.listRuns, { paginationOpts: { cursor: null, numItems: 5 } })).rejects.toThrow(/Sign-in required/);
    await gateway.close();
  });
});
