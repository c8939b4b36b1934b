// `npm run rehearse -- --port N [--site-port M] [--data DIR] [--demo] [--auth-keys] [--instance-name NAME]`: the rehearsal backend, a
// development and test stand-in for the Convex backend binary (README, "Rehearsal backend").
// Prints, once it accepts connections, `CONVEX_URL=…`, `CONVEX_SITE_URL=…` and
// `CONVEX_SELF_HOSTED_ADMIN_KEY=…` (after any `DEMO_ACCOUNT=<role> <email> <password>` lines),
// each on its own line; SIGINT/SIGTERM stop it after writing its data.
import { register } from 'node:module';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '3210' },
    'site-port': { type: 'string' },
    data: { type: 'string' },
    demo: { type: 'boolean', default: false },
    'instance-name': { type: 'string' },
    'auth-keys': { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`--port must be a port number, not "${values.port}"\n`);
  process.exit(2);
}

// Before convex-test is first imported (exposeConvexTest.mjs says why).
register('./exposeConvexTest.mjs', import.meta.url);
// Before Convex Auth first hashes a password (nativeScrypt.mjs says why).
register('./nativeScrypt.mjs', import.meta.url);
// Stdout carries the lines above only; the functions' own console output goes to stderr.
const out = process.stdout.write.bind(process.stdout);
console.log = console.info = console.debug = console.error;

const { startRehearsal } = await import('./server');
const started = Date.now();
const rehearsal = await startRehearsal({
  port,
  ...(values['site-port'] ? { sitePort: Number(values['site-port']) } : {}),
  ...(values.data ? { dataDir: values.data } : {}),
  demo: values.demo,
  ...(values['instance-name'] ? { instanceName: values['instance-name'] } : {}),
  authKeys: values['auth-keys'],
});
for (const a of rehearsal.demoAccounts) out(`DEMO_ACCOUNT=${a.role} ${a.email} ${a.password}\n`);
out(`CONVEX_URL=${rehearsal.url}\nCONVEX_SITE_URL=${rehearsal.siteUrl}\nCONVEX_SELF_HOSTED_ADMIN_KEY=${rehearsal.adminKey}\n`);
process.stderr.write(`rehearsal backend ready in ${Date.now() - started} ms\n`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void rehearsal.close().then(
    () => process.exit(0),
    (err: unknown) => {
      process.stderr.write(`stopping failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
