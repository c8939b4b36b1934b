// The installers' icons: electron-builder.yml (as electron-builder loads it) names one per
// platform, and each file is what that platform expects.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadBuilderConfig } from './fuses';

const root = fileURLToPath(new URL('../..', import.meta.url));

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
