// Electron host: window, security defaults, the app:// protocol and the IPC binding. Everything
// else is the core in electron/core and electron/features, which never import electron.
import { app, BrowserWindow, dialog, net, Notification, session, shell } from 'electron';
import { dirname } from 'node:path';
import { join } from 'node:path';
import type { Core } from '../features/createCore';
import { APP_DIR_NAME, appDataDir } from '../core/storage/appDataDir';
import { APP_ORIGIN, registerAppScheme, serveRenderer } from './appProtocol';
import { isAllowedExternalUrl } from './externalLinks';
import { createDesktopCore } from './desktopCore';
import { bindIpc } from './ipcBinding';
import { isAppUrl } from './senderPolicy';
import { safeStorageBox } from './safeStorageBox';

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');

// Under `npm start` Electron's app name is "Electron": name the app and its data folder
// explicitly, so the app, the launcher, web mode and the CLI all use the same settings folder.
app.setName(APP_DIR_NAME);
app.setPath('userData', appDataDir());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.enableSandbox();
  let mainWindow: BrowserWindow | null = null;
  let core: Core | null = null;

  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });

  // No page of ours navigates away or opens windows; links to allowed hosts go to the browser.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });

  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void core?.close());

  void app.whenReady().then(async () => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    serveRenderer(rendererDir);

    const built = createDesktopCore({
      env: process.env,
      // Electron's fetch (system proxy and certificates) for the version handshake, sign-in and refresh.
      fetch: net.fetch as typeof fetch,
      dataDir: app.getPath('userData'),
      version: app.getVersion(),
      isPackaged: app.isPackaged,
      cwd: process.cwd(),
      secretBox: safeStorageBox(),
      hostCapabilities: (settings) => ({
        pickSavePath: async ({ defaultName, extensions }) => {
          const lastDir = settings.get().lastSaveDir ?? app.getPath('documents');
          const options = { defaultPath: join(lastDir, defaultName), filters: [{ name: extensions.join(', '), extensions }] };
          const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
          if (result.canceled || !result.filePath) return null;
          settings.update({ lastSaveDir: dirname(result.filePath) });
          return result.filePath;
        },
        revealFile: (path) => shell.showItemInFolder(path),
        notify: (title, body) => {
          if (Notification.isSupported()) new Notification({ title, body }).show();
        },
        setBadgeCount: (count) => void app.setBadgeCount(count),
        restart: () => {
          app.relaunch();
          app.exit(0);
        },
      }),
    });
    core = built.core;
    const files = built.files;
    mainWindow = new BrowserWindow({
      width: 1280,
      height: 820,
      title: 'Kafkasder Panel',
      show: false,
      webPreferences: {
        preload: preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
      },
    });
    bindIpc(core, () => mainWindow?.webContents ?? null, files);
    mainWindow.once('ready-to-show', () => mainWindow?.show());
    mainWindow.on('closed', () => (mainWindow = null));
    // The window first: a refresh token sealed at an earlier launch signs the person in again in
    // the background (the window's getSession waits for it at most RESTORE_DEADLINE_MS, then shows
    // the sign-in or "cannot reach the server" screen; a later success signs in by itself).
    void core.services.auth.restore();
    await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
  }).catch((err: unknown) => {
    dialog.showErrorBox('Kafkasder Panel', `Uygulama başlatılamadı / could not start:\n${String(err)}`);
    app.exit(1);
  });
}
