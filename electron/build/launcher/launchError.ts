// Each way `npm start` can fail, with what to do about it in Turkish and English. The CLI's
// output is only read to pick the kind (its own exit carries no code for it); the person gets our
// message plus the CLI's last lines.

export type LaunchFailure =
  | 'offline'
  | 'port-taken'
  | 'leftover'
  | 'push-rejected'
  | 'timeout'
  | 'cli-exited'
  | 'bad-url'
  | 'env-rejected'
  | 'no-electron'
  | 'cancelled'
  | 'already-running'
  | 'deployment-in-env-local';

const messages: Record<LaunchFailure, { tr: string; en: string }> = {
  offline: {
    tr: 'Yerel Convex sunucusu indirilemedi. İlk çalıştırmada (ve sunucu sürümü önbellekte yoksa) internet bağlantısı gerekir: bağlantıyı kontrol edip tekrar `npm start` çalıştırın.',
    en: 'Could not download the local Convex backend. The first run (and any run without a cached backend) needs the internet: check the connection and run `npm start` again.',
  },
  'port-taken': {
    tr: 'Yerel sunucunun portu başka bir program tarafından kullanılıyor. O programı kapatın ya da .convex/local/default/config.json içindeki portları değiştirin.',
    en: "The local backend's port is used by another program. Close it, or change the ports in .convex/local/default/config.json.",
  },
  leftover: {
    tr: 'Önceki çalıştırmadan kalan yerel sunucu hâlâ çalışıyor ve durdurulamadı. Görev yöneticisinden "convex-local-backend" işlemini sonlandırıp tekrar deneyin.',
    en: 'A local backend left over from an earlier run is still running and could not be stopped. End the "convex-local-backend" process in the task manager and try again.',
  },
  'push-rejected': {
    tr: 'Convex fonksiyonları yerel sunucuya yüklenemedi (sunucu reddetti). Aşağıdaki Convex çıktısına bakın; genelde convex/ klasöründeki bir hata ya da şemaya uymayan veridir.',
    en: 'The Convex functions could not be pushed to the local backend (it refused them). See the Convex output below; usually an error in convex/ or data that does not match the schema.',
  },
  timeout: {
    tr: 'Yerel Convex sunucusu süre sınırı içinde hazır olmadı. İnternet yavaşsa ilk indirme uzun sürebilir: tekrar deneyin.',
    en: 'The local Convex backend was not ready within the time limit. A slow connection can make the first download long: try again.',
  },
  'cli-exited': {
    tr: 'Convex komut satırı aracı beklenmedik şekilde kapandı. Aşağıdaki çıktıya bakın.',
    en: 'The Convex CLI stopped unexpectedly. See its output below.',
  },
  'bad-url': {
    tr: 'Sunucu adresi https ile başlamalı (http yalnızca bu bilgisayardaki sunucu için, ör. http://127.0.0.1:3210).',
    en: 'The server address must start with https (http only for a server on this PC, e.g. http://127.0.0.1:3210).',
  },
  'env-rejected': {
    tr: 'Oturum anahtarları yerel sunucuya yazılamadı (convex env set).',
    en: 'Could not set the sign-in keys on the local backend (convex env set).',
  },
  'no-electron': {
    tr: 'Electron programı indirilemedi; ilk çalıştırmada internet gerekir. İnternet yoksa aynı uygulamayı tarayıcıda açın: npm run web',
    en: 'The Electron binary could not be downloaded; the first run needs the internet. Without it, run the same app in a browser: npm run web',
  },
  cancelled: {
    tr: 'Başlatma iptal edildi; yerel sunucu durduruldu.',
    en: 'Start cancelled; the local backend was stopped.',
  },
  'already-running': {
    tr: 'Kafkasder Panel bu klasörde zaten çalışıyor (başka bir terminalde ya da pencerede). Açık olan pencereyi kullanın; yeniden başlatmak için önce onu kapatın.',
    en: 'Kafkasder Panel is already running from this folder (in another terminal or window). Use the open window; close it first to start again.',
  },
  'deployment-in-env-local': {
    tr: 'Bu klasördeki .env.local bir Convex sunucusunu seçiyor. Convex komut satırı aracı .env.local dosyasını kendisi okur: `npm start` fonksiyonları o sunucuya yükler ve oturum anahtarlarını değiştirirdi. Bu satırları ayrı bir dosyaya taşıyın (ör. deploy.env) ve `npx convex deploy --env-file deploy.env` kullanın ya da o sunucuyla çalışmak için `CONVEX_URL=<adres> npm start` çalıştırın.',
    en: 'The .env.local in this folder selects a Convex deployment. The Convex CLI reads .env.local by itself: `npm start` would push the functions to that deployment and replace its sign-in keys. Move these lines to a file of their own (e.g. deploy.env) and use `npx convex deploy --env-file deploy.env`, or run the app against that deployment with `CONVEX_URL=<url> npm start`.',
  },
};

export class LaunchError extends Error {
  constructor(
    readonly kind: LaunchFailure,
    readonly detail = '',
  ) {
    super(`${messages[kind].en}${detail ? `\n${detail}` : ''}`);
    this.name = 'LaunchError';
  }

  /** Both languages, Turkish first, then what the CLI said. */
  report(): string {
    const { tr, en } = messages[this.kind];
    return `✖ ${tr}\n  ${en}${this.detail ? `\n\n${this.detail}` : ''}`;
  }
}

/**
 * The CLI marks a failure with ✖ (bundler/log.ts logFailure, its spinner's fail), or with × where
 * the terminal is not known to show Unicode (is-unicode-supported: Windows outside Windows
 * Terminal, VS Code and the like); a refused push also names itself (lib/deploy2.ts).
 */
export const isCliFailureLine = (line: string): boolean => /^\s*[✖×]|Unable to (start|finish) push|Schema validation failed/.test(line);

/** Which failure a line of Convex CLI output names, from the messages in its source. */
export function classifyCliOutput(text: string): LaunchFailure {
  if (/Failed to fetch latest backend version|version\.convex\.dev returned|File not found at https|Failed due to network error|ENOTFOUND|EAI_AGAIN|fetch failed/i.test(text)) return 'offline';
  if (/still running on port/i.test(text)) return 'leftover';
  if (/Requested port \d+ is not available|different local backend .* is running/i.test(text)) return 'port-taken';
  if (/Unable to (start|finish) push|Schema validation failed|Error fetching POST|push|deploy/i.test(text)) return 'push-rejected';
  return 'cli-exited';
}
