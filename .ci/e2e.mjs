// The e2e suite over the build: two Playwright processes side by side, each with half the spec
// files (Playwright's --shard, by file) and its own web host — an office PC of its own: its core,
// its session, its demo rehearsal backend, its data folder and its browser. A web host's session
// is the whole host's, so two workers on one host would sign each other out; two hosts never
// share anything. One process already keeps 1.6 of 2 cores busy, so the gain is modest: on a quiet
// 2-core machine 37 tests took 319 s in one process and 283–300 s in two (each test slower side by side).
// Arguments (e.g. one spec file) run one process, unsharded. Portable: no shell operators.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const args = process.argv.slice(2);
const shards = args.length > 0 ? 1 : Number(process.env.E2E_SHARDS ?? 2);
const basePort = Number(process.env.E2E_PORT ?? 4321);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function shard(index) {
  const env = { ...process.env, E2E_PORT: String(basePort + (index - 1) * 10) };
  // Each process makes its own folder for the host's data, link and browser state.
  delete env.KAFKASDER_E2E_DIR;
  if (shards > 1) env.E2E_OUTPUT_DIR = `test-results/shard-${index}`;
  const shardArgs = shards > 1 ? [`--shard=${index}/${shards}`] : [];
  const child = spawn(npx, ['playwright', 'test', '-c', 'e2e/playwright.config.ts', ...shardArgs, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
  });
  const prefix = shards > 1 ? `[e2e ${index}/${shards}] ` : '';
  for (const [stream, out] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ]) {
    createInterface({ input: stream }).on('line', (line) => out.write(`${prefix}${line}\n`));
  }
  return new Promise((resolve) => child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

const codes = await Promise.all(Array.from({ length: shards }, (_, i) => shard(i + 1)));
process.exit(codes.find((code) => code !== 0) ?? 0);
