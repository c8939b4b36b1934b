// Turns a dropped or picked File into what the core's import channels accept: the local path in
// Electron (the main process re-checks it), an upload reference in the browser (streamed, not read whole).
import { ClientError, desktop } from '../../desktop/client';
import { uploadFile } from '../../desktop/webBridgeApi';

export const ACCEPTED_EXTENSIONS = ['.xlsx', '.csv', '.txt', '.tsv'];

export async function fileRef(file: File): Promise<string> {
  if (desktop.host === 'electron') {
    const path = desktop.api.pathForFile?.(file);
    if (!path) throw new Error(`No local path for ${file.name}`);
    return path;
  }
  if (!desktop.token) throw new Error('The web bridge token is missing');
  const uploaded = await uploadFile(desktop.token, file);
  if (!uploaded.ok) throw new ClientError(uploaded.error);
  return uploaded.value.uploadId;
}
