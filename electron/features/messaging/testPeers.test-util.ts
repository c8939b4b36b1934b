// Real messaging peers on loopback for the integration tests: an SMTP server (smtp-server,
// read back with mailparser), Twilio's API mocked by Prism from Twilio's own OpenAPI spec, and
// a tiny HTTP peer that scripts Twilio replies Prism cannot give (429, error codes).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { unusedPort } from '../../core/localPorts.test-util';
import { fileURLToPath } from 'node:url';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import twilio from 'twilio';

const root = fileURLToPath(new URL('../../..', import.meta.url));
export const TWILIO_SPEC = `${root}/node_modules/@twilio/cli-core/src/services/twilio-api/twilio_api_v2010.json`;

export interface SmtpPeer {
  port: number;
  received: ParsedMail[];
  /** Envelope recipients per received message. */
  envelopes: string[][];
  /** Replies for the next MAIL FROM commands, e.g. [421] fails the next one with 421. */
  failNextMailFrom: number[];
  /** RCPT TO replies by address. */
  rejectRecipient: Map<string, number>;
  close(): Promise<void>;
}

const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

export async function startSmtpPeer(credentials: { user: string; pass: string }): Promise<SmtpPeer> {
  const peer: Omit<SmtpPeer, 'port' | 'close'> = { received: [], envelopes: [], failNextMailFrom: [], rejectRecipient: new Map() };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === credentials.user && auth.password === credentials.pass) cb(null, { user: auth.username });
      else cb(smtpError(535, 'Authentication failed'));
    },
    onMailFrom(_address, _session, cb) {
      const code = peer.failNextMailFrom.shift();
      cb(code ? smtpError(code, code < 500 ? 'Try again later' : 'Sender refused') : undefined);
    },
    onRcptTo(address, _session, cb) {
      const code = peer.rejectRecipient.get(address.address);
      cb(code ? smtpError(code, 'No such user here') : undefined);
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          peer.received.push(mail);
          peer.envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { ...peer, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) } as SmtpPeer;
}

type RequestOpts = Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0];

/** Twilio's HTTP client with api.twilio.com pointed at a loopback peer. */
export class LoopbackRequestClient extends twilio.RequestClient {
  readonly uris: string[] = [];

  constructor(private readonly origin: string) {
    super();
  }

  override request<TData>(opts: RequestOpts & { data?: TData }) {
    const uri = opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.origin);
    this.uris.push(uri);
    return super.request<TData>({ ...opts, uri });
  }
}

export interface PrismPeer {
  origin: string;
  pid: number;
  close(): Promise<void>;
}

/** Prism serving Twilio's 2010 API; validates every request (422 otherwise) and enforces Basic auth. */
export async function startPrism(): Promise<PrismPeer> {
  const port = await unusedPort();
  const child: ChildProcess = spawn(`${root}/node_modules/.bin/prism`, ['mock', TWILIO_SPEC, '-p', String(port), '-h', '127.0.0.1', '--errors'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TWILIO_EDGE: '', TWILIO_REGION: '' },
  });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`prism did not start:\n${log.slice(-2000)}`)), 60_000);
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`prism exited with ${code}:\n${log.slice(-2000)}`));
    });
  });
  // Keep draining its log so it never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface ScriptedTwilio {
  origin: string;
  /** Bodies of the requests answered with success. */
  accepted: Record<string, string>[];
  requests: number;
  close(): Promise<void>;
}

/** Answers Messages.json from a script of replies (status + Twilio error code), then with success. */
export async function startScriptedTwilio(script: { status: number; code?: number }[]): Promise<ScriptedTwilio> {
  const state = { accepted: [] as Record<string, string>[], requests: 0 };
  const server: Server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      state.requests++;
      const step = script.shift();
      res.setHeader('Content-Type', 'application/json');
      if (step) {
        res.statusCode = step.status;
        res.end(JSON.stringify({ code: step.code ?? 20429, message: step.status === 429 ? 'Too Many Requests' : 'Refused', status: step.status }));
        return;
      }
      const form = Object.fromEntries(new URLSearchParams(body));
      state.accepted.push(form);
      res.statusCode = 201;
      res.end(JSON.stringify({ sid: `SM${String(state.accepted.length).padStart(32, '0')}`, status: 'queued', to: form.To, body: form.Body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    get accepted() {
      return state.accepted;
    },
    get requests() {
      return state.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
