// The per-user folder where the app keeps its own files; the same place Electron's
// app.getPath('userData') uses for this app name, so web mode, CLI and desktop share settings.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Kafkasder Panel';

export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.KAFKASDER_DATA_DIR) return env.KAFKASDER_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}
