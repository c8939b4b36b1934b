// The desktop app with Electron replaced only at its thin boundary: the same core the main
// process assembles (electron/main/desktopCore.ts) from the same environment the launcher hands
// over, with stand-ins for what only Electron has — a keychain (reversible, async only, as
// safeStorage is used), no dialogs, notifications recorded. Instead of a window, it takes the
// renderer's calls from the journey test over a loopback control channel (control.test-util.ts), then quits
// as the app does (core.close()).
import { createDesktopCore } from '../../electron/main/desktopCore';
import type { SecretBox } from '../../electron/core/storage/secretBox';
import { LoopbackRequestClient } from '../../electron/features/messaging/testPeers.test-util';
import { runCommand, type ControlCommand } from './control.test-util';

const controlUrl = process.env.JOURNEY_CONTROL_URL;
const dataDir = process.env.JOURNEY_DATA_DIR;
if (!controlUrl || !dataDir) throw new Error('JOURNEY_CONTROL_URL and JOURNEY_DATA_DIR are required');

const KEY = 0x5a;
const flip = (b: Buffer) => Buffer.from(b.map((x) => x ^ KEY));
const keychain: SecretBox = {
  sealedBy: 'safeStorage',
  protection: 'os_keychain',
  encrypt: (plain) => flip(Buffer.from(plain)),
  decrypt: (sealed) => flip(sealed).toString(),
  encryptAsync: async (plain) => flip(Buffer.from(plain)),
  decryptAsync: async (sealed) => flip(sealed).toString(),
};

const notifications: { title: string; body: string }[] = [];
// What a journey may set about how this PC's messages leave: Twilio's API on a loopback peer, the
// outbox lease, and a crash right after a claim (the PC took messages and died before sending).
const twilioOrigin = process.env.JOURNEY_TWILIO_ORIGIN;
const leaseMs = process.env.JOURNEY_LEASE_MS ? Number(process.env.JOURNEY_LEASE_MS) : undefined;
const crashAfterClaim = process.env.JOURNEY_CRASH_AFTER_CLAIM === '1';
const { core, files } = createDesktopCore({
  env: process.env,
  dataDir,
  version: '0.0.0-journey',
  isPackaged: false,
  cwd: process.cwd(),
  secretBox: keychain,
  hostCapabilities: () => ({
    pickSavePath: async () => null,
    revealFile: () => undefined,
    notify: (title, body) => void notifications.push({ title, body }),
    setBadgeCount: () => undefined,
    restart: () => undefined,
  }),
  messaging: {
    // A loopback peer has no rate limit to respect: no pacing between requests (smsSender.test.ts tests it).
    ...(twilioOrigin ? { sms: { httpClient: new LoopbackRequestClient(twilioOrigin), minTime: 0, maxConcurrent: 4 } } : {}),
    outboxWorker: {
      ...(leaseMs ? { leaseMs } : {}),
      ...(crashAfterClaim ? { afterClaim: (batch) => void (batch.length > 0 && process.kill(process.pid, 'SIGKILL')) } : {}),
    },
  },
});
const events: { name: string; payload: unknown }[] = [];
core.bus.subscribe((name, payload) => void events.push({ name, payload }));
// As main.ts: the window first, the stored session restored in the background (its getSession
// waits for it at most RESTORE_DEADLINE_MS).
void core.services.auth.restore();

// Commands run side by side, as the window's calls do: a long import must not hold up a look at
// the events (the journey watches the connection banner while an import waits for the server).
for (;;) {
  const res = await fetch(`${controlUrl}/next`);
  const command = (await res.json()) as ControlCommand;
  if (command.op === 'quit') break;
  void runCommand(core, files, command, events).then((answer) => fetch(`${controlUrl}/result`, { method: 'POST', body: JSON.stringify({ id: command.id, ...answer }) }));
}
await core.close();
await fetch(`${controlUrl}/result`, { method: 'POST', body: JSON.stringify({ id: 'quit', ok: true, value: { notifications } }) });
process.exit(0);
