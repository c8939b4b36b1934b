// The loopback channel between a journey test and an app process it started (headlessApp.ts):
// the test queues the calls the renderer would make (a channel, a job, a file dropped on the
// window) and reads their answers. The app polls, so it needs no port of its own.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../../electron/features/createCore';
import type { FileGrants } from '../../electron/core/fileGrants';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/channels';
import type { EventPayload } from '../../shared/contract/events';
import type { JobInput, JobKind, JobResult } from '../../shared/contract/jobs';

export type ControlCommand =
  | { id: string; op: 'call'; channel: string; input: unknown }
  | { id: string; op: 'job'; kind: string; input: unknown }
  | { id: string; op: 'grant'; path: string }
  /** The events the core sent the window so far (as the renderer receives them), oldest first. */
  | { id: string; op: 'events'; name: string }
  | { id: string; op: 'quit' };

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** In the app: runs one command against its core. */
export async function runCommand(core: Core, files: FileGrants, command: ControlCommand, events: { name: string; payload: unknown }[]): Promise<Answer> {
  try {
    if (command.op === 'events') return { ok: true, value: events.filter((e) => e.name === command.name).map((e) => e.payload) };
    if (command.op === 'grant') return { ok: true, value: files.grant(command.path, ['read']) };
    if (command.op === 'call') {
      const res = await core.dispatch(command.channel as ChannelName, command.input as never);
      return res.ok ? { ok: true, value: res.value } : { ok: false, error: res.error };
    }
    if (command.op === 'job') {
      let jobId = '';
      const ended = new Promise<Answer>((resolve) => {
        const off = core.bus.subscribe((name, payload) => {
          if ((name !== 'jobDone' && name !== 'jobFailed') || (payload as { jobId: string }).jobId !== jobId) return;
          off();
          if (name === 'jobDone') resolve({ ok: true, value: (payload as EventPayload<'jobDone'>).result });
          else resolve({ ok: false, error: (payload as EventPayload<'jobFailed'>).error });
        });
      });
      jobId = core.jobs.start(command.kind as JobKind, command.input as never).jobId;
      return await ended;
    }
    return { ok: false, error: { code: 'usage', message: `unknown op ${command.op}` } };
  } catch (err) {
    return { ok: false, error: { code: 'thrown', message: err instanceof Error ? err.message : String(err) } };
  }
}

export class ControlError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

/** In the test: the app's remote control. */
export interface AppControl {
  url: string;
  call<C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  job<K extends JobKind>(kind: K, input: JobInput<K>): Promise<JobResult<K>>;
  grant(path: string): Promise<string>;
  events(name: string): Promise<unknown[]>;
  /** Asks the app to quit and waits for it to say it closed its core; returns what it recorded. */
  quit(): Promise<{ notifications: { title: string; body: string }[] }>;
  close(): Promise<void>;
}

export async function startControl(): Promise<AppControl> {
  const queue: ControlCommand[] = [];
  const polling: ((c: ControlCommand) => void)[] = [];
  const pending = new Map<string, (a: Answer) => void>();
  let seq = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === '/next') {
      const send = (c: ControlCommand) => res.end(JSON.stringify(c));
      const next = queue.shift();
      if (next) send(next);
      else polling.push(send);
      return;
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { id, ...answer } = JSON.parse(body) as { id: string } & Answer;
      pending.get(id)?.(answer);
      pending.delete(id);
      res.end('ok');
    });
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const send = (command: ControlCommand) =>
    new Promise<unknown>((resolve, reject) => {
      // The failure names the call, so a journey's failure says which step it was.
      const what = command.op === 'call' ? command.channel : command.op === 'job' ? `job ${command.kind}` : command.op;
      pending.set(command.id, (a) => (a.ok ? resolve(a.value) : reject(new ControlError(a.error.code, `${what}: ${a.error.message}`))));
      const waiter = polling.shift();
      if (waiter) waiter(command);
      else queue.push(command);
    });
  const id = () => String(++seq);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    call: (channel, input) => send({ id: id(), op: 'call', channel, input }) as never,
    job: (kind, input) => send({ id: id(), op: 'job', kind, input }) as never,
    grant: (path) => send({ id: id(), op: 'grant', path }) as Promise<string>,
    events: (name) => send({ id: id(), op: 'events', name }) as Promise<unknown[]>,
    quit: () => {
      const done = new Promise<unknown>((resolve) => pending.set('quit', (a) => resolve(a.ok ? a.value : null)));
      const command: ControlCommand = { id: 'quit', op: 'quit' };
      const waiter = polling.shift();
      if (waiter) waiter(command);
      else queue.push(command);
      return done as never;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
