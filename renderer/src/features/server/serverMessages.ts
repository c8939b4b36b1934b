// The server screen's strings (first run and version handshake), registered under `server`.
import type { ServerStatus } from '../../../../shared/contract/app';
import { registerMessages } from '../../i18n/registerMessages';

export const serverTr = {
  firstRunTitle: 'Dernek sunucusu',
  firstRunIntro:
    'Bu bilgisayarda henüz bir sunucu ayarlı değil. Derneğinizin Convex sunucusunun adresini girin (kurulumu yapan kişiden alın). Adres kaydedilmeden önce denetlenir.',
  url: 'Convex adresi',
  urlPlaceholder: 'https://convex.dernek.example.org.tr',
  urlRequired: 'Adresi girin.',
  check: 'Denetle ve kaydet',
  checking: 'Denetleniyor…',
  saved: 'Sunucu kaydedildi. Uygulama yeniden başlatılıyor…',
  savedRestart: 'Sunucu kaydedildi. Bağlanmak için uygulamayı kapatıp yeniden açın.',
  retry: 'Tekrar dene',
  change: 'Başka bir sunucu gir',
  problemTitle: 'Sunucu kullanılamıyor',
  states: {
    unreachable: 'Sunucuya bağlanılamıyor ({{url}}). İnternet bağlantısını ve adresi kontrol edip tekrar deneyin.',
    missing: 'Bu sunucu yanıt veriyor ama Kafkasder Panel fonksiyonları yüklü değil ({{url}}). Sunucuyu kuran kişi `npx convex deploy` çalıştırmalı.',
    older: 'Sunucudaki fonksiyonlar bu uygulamadan eski (sunucu {{actual}}, uygulama {{expected}}). Sunucuyu kuran kişi `npx convex deploy` çalıştırmalı.',
    newer: 'Sunucudaki fonksiyonlar bu uygulamadan yeni (sunucu {{actual}}, uygulama {{expected}}). Uygulamayı güncelleyin.',
    'not-https': 'Adres https:// ile başlamalı; http yalnızca bu bilgisayardaki sunucu için kullanılabilir (kişisel veriler ağda şifresiz gitmez).',
    invalid: 'Bu geçerli bir adres değil.',
    unconfigured: 'Sunucu ayarlı değil.',
    ok: 'Sunucu hazır.',
  } satisfies Record<ServerStatus['state'], string>,
};

export const serverEn: typeof serverTr = {
  firstRunTitle: "Association's server",
  firstRunIntro:
    "No server is set up on this PC yet. Enter your association's Convex server address (ask whoever set it up). The address is checked before it is saved.",
  url: 'Convex URL',
  urlPlaceholder: 'https://convex.association.example.org',
  urlRequired: 'Enter the address.',
  check: 'Check and save',
  checking: 'Checking…',
  saved: 'Server saved. The app restarts…',
  savedRestart: 'Server saved. Close and reopen the app to connect.',
  retry: 'Try again',
  change: 'Enter another server',
  problemTitle: 'The server cannot be used',
  states: {
    unreachable: 'Cannot reach the server ({{url}}). Check the internet connection and the address, then try again.',
    missing: "This server answers but does not run Kafkasder Panel's functions ({{url}}). Whoever set it up should run `npx convex deploy`.",
    older: 'The functions on the server are older than this app (server {{actual}}, app {{expected}}). Whoever set it up should run `npx convex deploy`.',
    newer: 'The functions on the server are newer than this app (server {{actual}}, app {{expected}}). Update the app.',
    'not-https': 'The address must start with https://; http is only for a server on this PC (personal data never crosses a network unencrypted).',
    invalid: 'This is not a valid address.',
    unconfigured: 'No server is set up.',
    ok: 'The server is ready.',
  } satisfies Record<ServerStatus['state'], string>,
};

declare module '../../i18n/registerMessages' {
  interface FeatureMessages {
    server: typeof serverTr;
  }
}

registerMessages({ server: { tr: serverTr, en: serverEn } });
