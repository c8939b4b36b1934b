// ConvexGateway with the real ConvexClient against a loopback peer that speaks the sync protocol.
import { ConvexError } from 'convex/values';
import { afterEach, describe, expect, it } from 'vitest';
import { api, internal } from '../../../convex/_generated/api';
import type { ConnectionStatus } from '../../../shared/contract/events';
import { BackendFunctionError, BackendUnreachableError, classifyBackendError, ConnectionLostError } from './backendErrors';
import { ConvexGateway } from './convexGateway';
import { startSyncPeer, type PeerHandler, type SyncPeer } from './syncPeer.test-util';
import { unusedPort } from '../localPorts.test-util';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function rig(handler: PeerHandler, timeoutMs = 5_000) {
  const peer = await startSyncPeer(handler);
  const gateway = new ConvexGateway(peer.url, { timeoutMs });
  const states: ConnectionStatus['state'][] = [];
  gateway.onConnectionChange((s) => states.push(s.state));
  cleanups.push(() => peer.close(), () => gateway.close());
  return { peer, gateway, states };
}

const until = async (check: () => boolean, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 10));
  }
};

const runId = 'k17abc' as never;

describe('ConvexGateway', () => {
  it('connects through the client’s own Node WebSocket fallback and runs queries, mutations and actions', async () => {
    // Node 20 has no WebSocket global: the client must bring its own (`ws`), which it does only
    // when no webSocketConstructor key is passed at all.
    const { peer, gateway, states } = await rig((path, args) => ({ value: { path, args } }));
    await expect(gateway.query(internal.imports.getRun, { runId })).resolves.toEqual({ path: 'imports:getRun', args: { runId } });
    await expect(gateway.mutation(api.imports.finishRun, { runId, status: 'completed', skipped: 0, rejectedBeforeSend: 0 })).resolves.toMatchObject({ path: 'imports:finishRun' });
    await expect(gateway.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: [] })).resolves.toMatchObject({ path: 'imports:ingestBatch' });
    expect(peer.received).toEqual(['imports:getRun', 'imports:finishRun', 'imports:ingestBatch']);
    expect(states).toContain('connected');
    expect(gateway.connectionStatus()).toMatchObject({ state: 'connected', url: peer.url });
  });

  it('sorts failures by type: ConvexError data stays a ConvexError; any other server failure is a function failure, never retried', async () => {
    const { gateway } = await rig((path) =>
      path === 'imports:finishRun'
        ? { error: 'Uncaught ConvexError: {"code":"run_finished"}', data: { code: 'run_finished' } }
        : { error: '[Request ID: 5a1b] Server Error' },
    );
    const refused = await gateway.mutation(api.imports.finishRun, { runId, status: 'completed', skipped: 0, rejectedBeforeSend: 0 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConvexError);
    expect(classifyBackendError(refused)).toEqual({ kind: 'rejected', code: 'run_finished', retryable: false, resumable: false });
    const failed = await gateway.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: [] }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(BackendFunctionError);
    expect((failed as BackendFunctionError).functionName).toBe('imports:ingestBatch');
    expect(classifyBackendError(failed)).toMatchObject({ kind: 'function_failed', retryable: false });
  });

  it('reports an action whose connection dropped as connection lost (retryable), and reconnects', async () => {
    let drop = true;
    const { peer, gateway, states } = await rig(() => (drop ? ((drop = false), { drop: true }) : { value: 'ok' }));
    const lost = await gateway.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: [] }).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(ConnectionLostError);
    expect(classifyBackendError(lost)).toMatchObject({ kind: 'connection_lost', retryable: true, resumable: true });
    await expect(gateway.action(api.imports.ingestBatch, { runId, batchIndex: 0, rows: [] })).resolves.toBe('ok');
    expect(peer.connections).toBeGreaterThanOrEqual(2);
    expect(states).toEqual(expect.arrayContaining(['connected', 'disconnected']));
    expect(states.at(-1)).toBe('connected');
  });

  it('holds a write while the server is briefly away and sends it once it is back', async () => {
    const first = await startSyncPeer(() => ({ value: 'saved' }));
    const port = first.port;
    const gateway = new ConvexGateway(first.url, { timeoutMs: 10_000 });
    cleanups.push(() => gateway.close());
    await gateway.query(internal.imports.getRun, { runId });
    await first.close();
    await until(() => gateway.connectionStatus().state === 'disconnected');
    const write = gateway.mutation(api.imports.finishRun, { runId, status: 'completed', skipped: 0, rejectedBeforeSend: 0 });
    let second: SyncPeer | undefined;
    setTimeout(() => void startSyncPeer(() => ({ value: 'saved' }), port).then((p) => (second = p)), 300);
    cleanups.push(async () => second?.close());
    await expect(write).resolves.toBe('saved');
    expect(second!.received).toContain('imports:finishRun');
    expect(gateway.connectionStatus().state).toBe('connected');
  });

  it('fails every waiting call with the URL once no connection came for the whole timeout, and drops them from the client', async () => {
    const url = `http://127.0.0.1:${await unusedPort()}`;
    const gateway = new ConvexGateway(url, { timeoutMs: 600 });
    cleanups.push(() => gateway.close());
    const states: string[] = [];
    gateway.onConnectionChange((s) => states.push(s.state));
    const started = Date.now();
    const [q, m] = await Promise.all([
      gateway.query(internal.imports.getRun, { runId }).catch((e: unknown) => e),
      gateway.mutation(api.imports.finishRun, { runId, status: 'completed', skipped: 0, rejectedBeforeSend: 0 }).catch((e: unknown) => e),
    ]);
    const waited = Date.now() - started;
    for (const err of [q, m]) {
      expect(err).toBeInstanceOf(BackendUnreachableError);
      expect((err as Error).message).toContain(url);
      expect(classifyBackendError(err)).toEqual({ kind: 'unreachable', code: 'backend_unreachable', retryable: false, resumable: true });
    }
    expect(waited).toBeGreaterThanOrEqual(550);
    expect(states).toContain('disconnected');
    // Had the failed write stayed queued in the client, a server appearing now would receive it.
    const late = await startSyncPeer(() => ({ value: 'late' }), Number(new URL(url).port));
    cleanups.push(() => late.close());
    await until(() => gateway.connectionStatus().state === 'connected', 20_000);
    await expect(gateway.query(internal.imports.getRun, { runId })).resolves.toBe('late');
    expect(late.received).not.toContain('imports:finishRun');
  }, 30_000);

  it('sends sign-in and refresh through the fetch it was given (the desktop passes net.fetch: system proxy and certificates)', async () => {
    const peer = await startSyncPeer(() => ({ value: { tokens: null } }));
    const seen: string[] = [];
    const gateway = new ConvexGateway(peer.url, {
      timeoutMs: 5_000,
      fetch: async (input, init) => {
        seen.push(String(input instanceof Request ? input.url : input));
        return await fetch(input, init);
      },
    });
    cleanups.push(() => peer.close(), () => gateway.close());
    await expect(gateway.anonymousAction(api.auth.signIn, { refreshToken: 'r1' })).resolves.toEqual({ tokens: null });
    expect(seen).toEqual([`${peer.url}/api/action`]);
  });
});
