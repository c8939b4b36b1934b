// The release config's fuses, checked through electron-builder's own loader and schema, and the
// fuse check run against a binary carrying a real fuse wire (Electron's sentinel, version 1, the
// stock states of Electron 45), before and after electron-builder's fuse flipping; and the
// installers' icons the same config names.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtApps, checkBuiltApp, fusesLib, loadBuilderConfig, REQUIRED_FUSES, wireFor } from './fuses';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kafkasder-fuses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** A stand-in Electron executable: filler bytes around the fuse wire as Electron ships it. */
function stockBinary(path: string): string {
  // RunAsNode on, cookie encryption off, NODE_OPTIONS on, --inspect on, ASAR integrity off,
  // only-ASAR off, browser V8 snapshot off, file:// privileges on.
  const wire = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')]);
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 0x90), wire, Buffer.alloc(4096, 0x90)]));
  return path;
}

describe('electron fuses', () => {
  it('electron-builder.yml passes electron-builder schema and sets every required fuse', async () => {
    const config = await loadBuilderConfig(root);
    expect(config.electronFuses).toMatchObject(REQUIRED_FUSES);
  });

  it('finds a stock binary wrong, and the same binary right after electron-builder flips the configured fuses', async () => {
    const expected = await wireFor(await loadBuilderConfig(root));
    const linux = join(dir, 'linux-unpacked');
    mkdirSync(linux);
    const app = stockBinary(join(linux, 'kafkasder-panel'));
    expect(builtApps(dir, 'Kafkasder Panel', 'kafkasder-panel')).toEqual([app]);

    const before = await checkBuiltApp(app, expected);
    expect(before.map((m) => m.fuse).sort()).toEqual(
      ['EnableCookieEncryption', 'EnableEmbeddedAsarIntegrityValidation', 'EnableNodeCliInspectArguments', 'EnableNodeOptionsEnvironmentVariable', 'GrantFileProtocolExtraPrivileges', 'OnlyLoadAppFromAsar', 'RunAsNode'],
    );
    expect(before.find((m) => m.fuse === 'RunAsNode')).toEqual({ fuse: 'RunAsNode', expected: 'off', actual: 'on' });

    const flipped = join(dir, 'flipped');
    copyFileSync(app, flipped);
    await fusesLib.flipFuses(flipped, expected);
    expect(await checkBuiltApp(flipped, expected)).toEqual([]);
  });

  it('refuses a file that is not an Electron binary', async () => {
    const expected = await wireFor(await loadBuilderConfig(root));
    const file = join(dir, 'not-electron');
    writeFileSync(file, 'hello');
    await expect(checkBuiltApp(file, expected)).rejects.toThrow(/sentinel/);
  });
});

// electron-builder.yml (as electron-builder loads it) names one icon per platform, and each file
// is what that platform expects.
describe("the installers' icons", () => {
  it('macOS gets an .icns, Windows an .ico with a 256-pixel image, Linux a 1024-pixel PNG', async () => {
    const config = (await loadBuilderConfig(root)) as { mac?: { icon?: string }; win?: { icon?: string }; linux?: { icon?: string } };
    const icns = readFileSync(join(root, config.mac!.icon!));
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const ico = readFileSync(join(root, config.win!.icon!));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // an icon, not a cursor
    // Directory entries: width 0 means 256.
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + i * 16] || 256);
    expect(widths).toContain(256);
    const png = readFileSync(join(root, config.linux!.icon!));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });
});
