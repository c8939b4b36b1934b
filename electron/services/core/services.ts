// What handlers and jobs are given: the backend, local settings, the event bus, and host facts.
import type { Gateway } from '../backend/gateway';
import type { SettingsStore } from '../settings/settingsStore';
import type { EventBus } from './eventBus';

export interface BackendInfo {
  kind: 'convex' | 'memory';
  url?: string;
  source: 'env' | 'settings' | 'local' | 'memory';
}

/** How file references from the renderer become files the core may read, per host. */
export interface FileAccess {
  /** A path (Electron, already checked by main) or an upload id (web); undefined when refused. */
  resolve(ref: string): { path: string; name: string } | undefined;
  /** Offers a file the core wrote to the user: a download id in web mode, undefined on desktop. */
  offerDownload(path: string, name: string): string | undefined;
}

/**
 * What only the desktop host can do (native dialogs, the file manager, OS notifications and the
 * badge). Electron main supplies these; in web mode they are absent and the UI falls back to
 * downloads and in-page notices.
 */
export interface HostCapabilities {
  pickSavePath?(options: { defaultName: string; extensions: string[] }): Promise<string | null>;
  revealFile?(path: string): void;
  notify?(title: string, body: string): void;
  setBadgeCount?(count: number): void;
}

export interface CoreServices {
  host: 'electron' | 'web';
  version: string;
  backend: BackendInfo;
  /** Calls carry the acting staff user. */
  gateway: Gateway;
  settings: SettingsStore;
  bus: EventBus;
  /** Folder for the core's own files (settings, check stores, uploads, reports). */
  dataDir: string;
  files: FileAccess;
  hostCapabilities: HostCapabilities;
  profileId(): string | null;
  setProfileId(id: string): void;
}
