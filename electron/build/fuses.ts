// The Electron fuses a release build must carry, and the reader that checks them in a built app.
// Everything goes through electron-builder's own code, so the check sees what a build does: its
// config loader and schema (electron-builder.yml), its translation of `electronFuses` into a fuse
// wire, and @electron/fuses (the library it flips the fuses with) to read the wire back.
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));

interface FuseWire {
  version: string;
  [index: number]: boolean | number | undefined;
}
interface FusesLib {
  FuseV1Options: Record<string, number | string>;
  FuseState: { DISABLE: number; ENABLE: number; REMOVED: number; INHERIT: number };
  getCurrentFuseWire(path: string): Promise<FuseWire>;
  flipFuses(path: string, config: FuseWire): Promise<number>;
}
export const fusesLib = fromBuilder('@electron/fuses') as FusesLib;
const FuseState = (fromBuilder('@electron/fuses/dist/constants') as { FuseState: FusesLib['FuseState'] }).FuseState;

/** What issue #15 requires of every release build, by electron-builder's option names. */
export const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
} as const;

export interface BuilderConfig {
  productName?: string;
  electronFuses?: Record<string, boolean>;
}

/** electron-builder.yml as electron-builder loads it, validated against its schema (throws if invalid). */
export async function loadBuilderConfig(projectDir: string): Promise<BuilderConfig> {
  const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config') as {
    getConfig(dir: string): Promise<BuilderConfig>;
    validateConfiguration(config: BuilderConfig, logger: { isEnabled: boolean; add(): void }): Promise<void>;
  };
  const config = await getConfig(projectDir);
  await validateConfiguration(config, { isEnabled: false, add: () => undefined });
  return config;
}

/** The fuse wire electron-builder flips for this config (its own PlatformPackager code). */
export async function wireFor(config: BuilderConfig): Promise<FuseWire> {
  const { PlatformPackager } = fromBuilder('app-builder-lib') as {
    PlatformPackager: { prototype: { generateFuseConfig(fuses: Record<string, boolean>): Promise<FuseWire> } };
  };
  if (!config.electronFuses) throw new Error('electron-builder.yml sets no electronFuses');
  return await PlatformPackager.prototype.generateFuseConfig.call(null, config.electronFuses);
}

export interface FuseMismatch {
  fuse: string;
  expected: 'on' | 'off';
  actual: 'on' | 'off' | 'removed' | 'missing';
}

/** Reads the fuses of a built app (the .app bundle, the .exe or the Linux executable) and lists every difference. */
export async function checkBuiltApp(appPath: string, expected: FuseWire): Promise<FuseMismatch[]> {
  const actual = await fusesLib.getCurrentFuseWire(appPath);
  const mismatches: FuseMismatch[] = [];
  for (const [key, want] of Object.entries(expected)) {
    const index = Number(key);
    if (!Number.isInteger(index) || typeof want !== 'boolean') continue;
    const state = actual[index];
    const got = state === FuseState.ENABLE ? 'on' : state === FuseState.DISABLE ? 'off' : state === FuseState.REMOVED ? 'removed' : 'missing';
    if (got !== (want ? 'on' : 'off')) mismatches.push({ fuse: String(fusesLib.FuseV1Options[index]), expected: want ? 'on' : 'off', actual: got });
  }
  return mismatches;
}

/** The apps `electron-builder --dir` (or a full build) leaves under out/, per platform. */
export function builtApps(outDir: string, productName: string, executableName: string): string[] {
  if (!existsSync(outDir)) return [];
  const found: string[] = [];
  for (const dir of readdirSync(outDir)) {
    const candidates = dir.startsWith('mac') ? [`${productName}.app`] : dir.endsWith('-unpacked') ? [`${productName}.exe`, executableName] : [];
    for (const name of candidates) if (existsSync(join(outDir, dir, name))) found.push(join(outDir, dir, name));
  }
  return found;
}
