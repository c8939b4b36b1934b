// What handlers and jobs are given: the backend, local settings, the event bus, and host facts.
import type { AuthSession } from './session/authSession';
import type { Gateway } from './backend/gateway';
import type { BackendInfo } from './backend/resolveBackend';
import type { SettingsStore } from './storage/settingsStore';
import type { EventBus } from './eventBus';
import type { HostKind } from '../../shared/domain/vocabularies';

/** What a file id was handed out for: an import source, an export target, a file to show. */
export type FileUse = 'read' | 'write' | 'reveal';

/** How file ids from the renderer become files, per host. The renderer never sends a path. */
export interface FileAccess {
  /** The file behind an id this host handed out for `use` (default read); undefined when refused. */
  resolve(ref: string, use?: FileUse): { path: string; name: string } | undefined;
  /**
   * Offers a file the core wrote to the user: a download id in web mode, undefined on desktop.
   * `removeAfterDownload`: the file exists only to be downloaded (an export) and goes once it was.
   */
  offerDownload(path: string, name: string, options?: { removeAfterDownload?: boolean }): string | undefined;
  /** The core is done with this source (its import completed): web mode deletes the upload. */
  release?(ref: string): void;
  /** Desktop: a new id for a path the host chose (a save dialog) or the core wrote, good for `uses` only. */
  grant?(path: string, uses: readonly FileUse[]): string;
}

/**
 * What only the desktop host can do (native dialogs, the file manager, OS notifications and the
 * badge). Electron main supplies these; in web mode they are absent and the UI falls back to
 * downloads and in-page notices.
 */
export interface HostCapabilities {
  /** A native save dialog; the chosen path, or null when cancelled. */
  pickSavePath?(options: { defaultName: string; extensions: string[] }): Promise<string | null>;
  revealFile?(path: string): void;
  notify?(title: string, body: string): void;
  setBadgeCount?(count: number): void;
  /** Starts the app again (after the first-run screen saved a server). */
  restart?(): void;
  /** HTTP with the system's proxy settings and certificate store (Electron's net.fetch), for the version handshake. */
  fetch?: typeof fetch;
}

export interface CoreServices {
  host: HostKind;
  version: string;
  backend: BackendInfo;
  /** Calls carry the signed-in person's token (see `auth`). */
  gateway: Gateway;
  /** Who is signed in on this PC; the only holder of tokens. */
  auth: AuthSession;
  settings: SettingsStore;
  bus: EventBus;
  /** Folder for the core's own files (settings, check stores, uploads, reports). */
  dataDir: string;
  files: FileAccess;
  hostCapabilities: HostCapabilities;
  /** The signed-in person's user id, or null when signed out. */
  profileId(): string | null;
}
