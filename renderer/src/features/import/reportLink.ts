// Opens a run's error report: in the browser the bridge offers it as a download; on the desktop
// the file already sits on disk and the wizard shows where (the path as text, an id to reveal it).
import { call } from '../../client/client';
import { downloadHref } from '../../client/host';

export type OpenedReport = { kind: 'downloaded'; name: string } | { kind: 'path'; path: string; name: string; fileId?: string };

export async function openReport(runId: string): Promise<OpenedReport> {
  const r = await call('openImportReport', { runId });
  const href = downloadHref(r.downloadId);
  if (href) {
    const a = document.createElement('a');
    a.href = href;
    a.download = r.name;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    return { kind: 'downloaded', name: r.name };
  }
  if (r.path) return { kind: 'path', path: r.path, name: r.name, ...(r.fileId ? { fileId: r.fileId } : {}) };
  throw new Error(r.name);
}

export async function revealReport(fileId: string): Promise<void> {
  await call('revealFile', { fileId });
}
