// Turns a dropped or picked File into what the core's import channels accept: an id the host
// hands out. In Electron the preload passes the file's path straight to the main process, which
// answers with an id (the page never sees the path); in the browser the file is uploaded
// (streamed, not read whole) and the bridge's upload id comes back.
import { ClientError, desktop } from '../../desktop/client';
import { uploadFile } from '../../desktop/webBridgeApi';

export const ACCEPTED_EXTENSIONS = ['.xlsx', '.csv', '.txt', '.tsv'];

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
