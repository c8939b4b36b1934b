import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir } from './appDataDir';
import { SettingsStore } from './settingsStore';

describe('SettingsStore', () => {
  it('persists updates owner-only and reloads them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const store = new SettingsStore(dir);
    expect(store.get().language).toBe('tr');
    store.update({ language: 'en', backendUrl: 'https://x.convex.cloud' });
    expect(new SettingsStore(dir).get()).toMatchObject({ language: 'en', backendUrl: 'https://x.convex.cloud' });
    if (process.platform !== 'win32') expect(statSync(join(dir, 'settings.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).language).toBe('en');
  });

  it('starts from defaults when the file is corrupt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    writeFileSync(join(dir, 'settings.json'), '{not json');
    expect(new SettingsStore(dir).get().language).toBe('tr');
  });

  it('uses the platform app-data folder', () => {
    expect(appDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toContain('Kafkasder Panel');
    expect(appDataDir({ KAFKASDER_DATA_DIR: '/data/k' }, 'linux')).toBe('/data/k');
    expect(appDataDir({ XDG_CONFIG_HOME: '/home/a/.config' }, 'linux')).toBe('/home/a/.config/Kafkasder Panel');
  });
});
