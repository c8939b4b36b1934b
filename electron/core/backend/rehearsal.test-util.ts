// Core tests' backend: a rehearsal backend (live/rehearsal) reached through the product's own
// ConvexGateway, i.e. the real Convex client over HTTP and WebSocket. One process per test file
// (started at first use, stopped after the file's last test); each `testBackend()` empties its
// database first, so every test starts from a fresh deployment as it did in process. Under the
// mutation runs a rig may hand over one backend for all runs of the file (.ci/mutation/rehearsalRig.ts).
import { ConvexHttpClient } from 'convex/browser';
import { internal } from '../../../convex/_generated/api';
import { DEMO_ACCOUNTS } from '../../../convex/demo';
import { afterAll, inject } from 'vitest';
import { rehearsalAdmin, spawnRehearsal, type DemoAccount, type RehearsalProcess } from '../../../live/rehearsal/spawn';
import { ConvexGateway } from './convexGateway';
import type { Gateway } from './gateway';

let shared: Promise<RehearsalProcess> | null = null;
const gateways = new Set<ConvexGateway>();

afterAll(async () => {
  await Promise.all([...gateways].map((g) => g.close()));
  gateways.clear();
  if (shared) await (await shared).stop();
  shared = null;
});

/** This test file's rehearsal backend (its deployment as the previous test left it). */
export function sharedRehearsal(): Promise<RehearsalProcess> {
  // With Convex Auth's keys, as a deployment set up for sign-in has them.
  shared ??= rigRehearsal() ?? spawnRehearsal({ authKeys: true });
  return shared;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** A backend a globalSetup started once for many runs of the same files (a mutant each). */
    rehearsalRig?: Pick<RehearsalProcess, 'url' | 'siteUrl' | 'adminKey' | 'demoAccounts'>;
  }
}

/** The rig's backend, reset per file like one of its own; the rig, not the file, stops it. */
function rigRehearsal(): Promise<RehearsalProcess> | null {
  const rig = inject('rehearsalRig');
  if (!rig) return null;
  return Promise.resolve({ ...rig, ...rehearsalAdmin(rig.url, rig.adminKey), stderr: () => '', stop: async () => null });
}

export interface TestBackend extends Gateway {
  url: string;
  /** The deployment's own calls with the admin key: internal functions, no identity (seeding). */
  internal: Pick<Gateway, 'query' | 'mutation' | 'action'>;
  /** Waits for the scheduled functions that are due (ctx.scheduler.runAfter(0, …)) to have run. */
  runScheduled(): Promise<void>;
  rehearsal: RehearsalProcess;
}

/**
 * A fresh (empty) deployment and a ConvexGateway to it, closed after the file. Seed it through
 * `internal` (e.g. internal.demo.seedAll), sign in through the core's AuthSession.
 */
export async function testBackend(): Promise<TestBackend> {
  const rehearsal = await sharedRehearsal();
  await rehearsal.reset();
  const gateway = new ConvexGateway(rehearsal.url, { timeoutMs: 30_000 });
  gateways.add(gateway);
  const admin = new ConvexHttpClient(rehearsal.url);
  (admin as unknown as { setAdminAuth(key: string): void }).setAdminAuth(rehearsal.adminKey);
  type AnyCall = (fn: never, args: never) => Promise<never>;
  const internal: TestBackend['internal'] = {
    query: ((fn, args) => admin.query(fn as never, args as never)) as AnyCall,
    mutation: ((fn, args) => admin.mutation(fn as never, args as never)) as AnyCall,
    action: ((fn, args) => admin.action(fn as never, args as never)) as AnyCall,
  };
  return Object.assign(gateway, {
    url: rehearsal.url,
    internal,
    runScheduled: () => rehearsal.settle(),
    rehearsal,
  });
}

/**
 * This file's deployment emptied and seeded as `npm run rehearse -- --demo` seeds one (the demo
 * records and one account per role): for startDemoCore's `demo`, instead of a process per core.
 */
export async function demoDeployment(): Promise<{ url: string; demoAccounts: DemoAccount[] }> {
  const backend = await testBackend();
  await backend.internal.action(internal.demo.seedAll, {});
  return { url: backend.url, demoAccounts: DEMO_ACCOUNTS.map(({ role, email, password }) => ({ role, email, password })) };
}
