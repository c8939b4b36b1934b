// What differs between the desktop and the browser host, in one place so features never branch
// on the host themselves. Files: in Electron the preload passes a dropped or picked file's path
// straight to the main process, which answers with an id (the page never sees the path); in the
// browser the file is uploaded (streamed, not read whole) and the bridge's upload id comes back.
// Downloads: in the browser the bridge offers a finished file by a link; on the desktop the file
// already sits on disk. Notifications: the desktop shell shows its own OS ones.
import { ClientError, desktop } from './client';
import { downloadUrl, uploadFile } from './webBridgeApi';

/** An id the core's file channels accept, for a File the user dropped or picked. */
export async function fileRef(file: File): Promise<string> {
  if (desktop.host === 'electron') {
    if (!desktop.api.grantFile) throw new Error('The desktop bridge cannot open files');
    const granted = await desktop.api.grantFile(file);
    if (!granted.ok) throw new ClientError(granted.error);
    return granted.value.fileId;
  }
  const uploaded = await uploadFile(file);
  if (!uploaded.ok) throw new ClientError(uploaded.error);
  return uploaded.value.uploadId;
}

/** The link a finished file is downloaded by in the browser; undefined on the desktop (or with no download offered). */
export function downloadHref(downloadId: string | undefined): string | undefined {
  return downloadId && desktop.host === 'web' ? downloadUrl(downloadId) : undefined;
}

/** Whether the page itself raises browser notifications (web mode, where the browser has them). */
export const browserNotificationsSupported = (): boolean => desktop.host === 'web' && typeof Notification !== 'undefined';
