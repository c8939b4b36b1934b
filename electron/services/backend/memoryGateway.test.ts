import { describe, expect, it } from 'vitest';
import { api, internal } from '../../../convex/_generated/api';
import type { Id } from '../../../convex/_generated/dataModel';
import { MemoryGateway } from './memoryGateway';
import { withActingUser } from './gateway';

describe('MemoryGateway', () => {
  it("runs the project's own functions and re-delivers a watched query after each write", async () => {
    const gateway = new MemoryGateway();
    const profileId = await gateway.mutation(internal.demo.seed, {});
    const seen: string[] = [];
    const unsubscribe = gateway.watch(api.users.getProfile, { id: profileId }, (user) => seen.push(user?.name ?? ''));
    await expect.poll(() => seen.length).toBe(1);
    await gateway.mutation(api.users.saveProfile, { id: profileId, name: 'Zeynep Kaya' });
    await expect.poll(() => seen).toEqual(['Ayşe Yılmaz', 'Zeynep Kaya']);
    // An unrelated write that leaves the result unchanged is not re-delivered.
    await gateway.mutation(api.imports.startRun, { collection: 'donations', mode: 'insert', fileName: 'x.csv' });
    unsubscribe();
    await gateway.mutation(api.users.saveProfile, { id: profileId, name: 'Ali Can' });
    expect(seen).toEqual(['Ayşe Yılmaz', 'Zeynep Kaya']);
    await gateway.close();
  });

  it('withActingUser makes the staff profile the actor of every call', async () => {
    const inner = new MemoryGateway();
    const profileId = await inner.mutation(internal.demo.seed, {});
    const gateway = withActingUser(inner, () => profileId);
    const runId = await gateway.mutation(api.imports.startRun, { collection: 'beneficiaries', mode: 'upsert', fileName: 'a.csv' });
    const run = await gateway.query(api.imports.getRun, { runId: runId as Id<'importRuns'> });
    expect(run?.actorId).toBe(profileId);
    await inner.close();
  });
});
