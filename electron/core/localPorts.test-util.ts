// Loopback ports for tests that name a port before anything listens on it: a backend started
// later, one that comes back on the same address, or an address where nothing answers. The port
// `listen(0)` hands out is an ephemeral one, and the kernel gives ephemeral ports to the local end
// of every outgoing connection too: another test's connection could take it before the backend
// binds it (EADDRINUSE, seen in CI). These come from below every system's ephemeral range
// (Linux 32768–60999; Windows and macOS 49152–65535), where only a listener can take a port, and
// are checked free when picked.
import { createServer } from 'node:net';

const LOW = 20_000;
const HIGH = 32_000;

/** Whether `port` can be listened on at 127.0.0.1 now. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A loopback port nothing listens on now and no outgoing connection can take; with `andNext`,
 * the port after it is free too (the rehearsal backend's site listens there).
 */
export async function unusedPort(options: { andNext?: boolean } = {}): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if ((await canListen(port)) && (!options.andNext || (await canListen(port + 1)))) return port;
  }
  throw new Error(`no free loopback port between ${LOW} and ${HIGH}`);
}
