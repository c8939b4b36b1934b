// Strings of the messaging status widgets the inbox, bulk send and Settings share (`sending`): which
// PCs can send, why nothing goes out, and provider errors in plain words. Registered in both
// languages at module load; both objects must have the same keys (a test checks).
import { DELIVERY_CHANNEL_LABELS, labelsIn } from '../../../../shared/domain/vocabularies';
import { registerMessages } from '../../i18n/registerMessages';

/** Which PCs can send now, and what waits while none can (the inbox, bulk send and Settings). */
export const sendingTr = {
  channelNames: labelsIn(DELIVERY_CHANNEL_LABELS, 'tr'),
  /** A provider's own error text, under the plain sentence explainDeliveryError chose. */
  technical: 'Teknik ayrıntı: {{raw}}',
  errors: {
    not_configured: 'Kanal ayarlanmamış (Ayarlar › E-posta ve SMS).',
    auth: 'Sunucu kullanıcı adını veya parolayı kabul etmedi.',
    refused: 'Sunucuya bağlanılamadı: bağlantı reddedildi. Adresi ve portu kontrol edin.',
    timeout: 'Sunucu zamanında yanıt vermedi.',
    dns: 'Sunucu adı bulunamadı. Adresi kontrol edin.',
    tls: 'Güvenli bağlantı (TLS) kurulamadı. TLS ayarını kontrol edin.',
    connection: 'Sunucuyla bağlantı koptu.',
    temporary: 'Sunucu iletiyi şimdilik kabul etmedi; yeniden denenecek.',
    rejected: 'Sunucu iletiyi kabul etmedi.',
    recipients: 'Sunucu bazı alıcıları reddetti: {{list}}',
    lease: 'Gönderim yarıda kaldı (uygulama kapanmış olabilir).',
    invalidNumber: 'Geçersiz cep telefonu numarası.',
    notMobile: 'Numara bir cep telefonu değil.',
    unsubscribed: 'Alıcı SMS almayı durdurmuş (STOP).',
    twilioAuth: 'Twilio hesap bilgileri kabul edilmedi.',
    rateLimited: 'Çok fazla istek gönderildi; yeniden denenecek.',
    template: 'Bilinmeyen ileti şablonu.',
    cleartextAuth: 'Şifresiz bağlantıda SMTP oturumu açılmaz: TLS ya da STARTTLS seçin (Ayarlar › E-posta ve SMS).',
    unknown: 'Gönderilemedi.',
  },
  title: 'Gönderebilen bilgisayarlar',
  help: 'E-posta ve SMS, ayarları kendisinde kayıtlı ve açık olan bir bilgisayardan gider. Ayarları olmayan bilgisayarlar iletileri bekletir, atlamaz.',
  none: 'Şu anda e-posta veya SMS gönderebilen bir bilgisayar kayıtlı değil.',
  pc: 'Bilgisayar',
  person: 'Oturum açan',
  channels: 'Kanallar',
  lastSeen: 'Son görülme',
  online: 'Açık',
  offline: 'Kapalı',
  thisPc: '(bu bilgisayar)',
  noPc: {
    email: 'Şu anda e-posta gönderebilen açık bir bilgisayar yok: e-postalar, e-posta gönderebilen bir bilgisayar açılana kadar bekleyecek.',
    sms: 'Şu anda SMS gönderebilen açık bir bilgisayar yok: SMS’ler, SMS gönderebilen bir bilgisayar açılana kadar bekleyecek.',
  },
  waitingTitle: 'Bekleyen iletiler',
  problemTitle: 'E-posta ve SMS gönderilemiyor',
};

export const sendingEn: typeof sendingTr = {
  channelNames: labelsIn(DELIVERY_CHANNEL_LABELS, 'en'),
  technical: 'Technical detail: {{raw}}',
  errors: {
    not_configured: 'Channel not configured (Settings › E-mail and SMS).',
    auth: 'The server did not accept the user name or password.',
    refused: 'Could not connect: the connection was refused. Check the host and port.',
    timeout: 'The server did not answer in time.',
    dns: 'The server name was not found. Check the host.',
    tls: 'Could not set up a secure (TLS) connection. Check the TLS setting.',
    connection: 'The connection to the server dropped.',
    temporary: 'The server did not take the message for now; it will be retried.',
    rejected: 'The server refused the message.',
    recipients: 'The server rejected some recipients: {{list}}',
    lease: 'The send was interrupted (the app may have closed).',
    invalidNumber: 'Invalid mobile phone number.',
    notMobile: 'The number is not a mobile phone.',
    unsubscribed: 'The recipient has stopped SMS (STOP).',
    twilioAuth: 'Twilio did not accept the account credentials.',
    rateLimited: 'Too many requests; it will be retried.',
    template: 'Unknown message template.',
    cleartextAuth: 'No SMTP sign-in over an unencrypted connection: choose TLS or STARTTLS (Settings › E-mail and SMS).',
    unknown: 'Could not be sent.',
  },
  title: 'PCs that can send',
  help: 'E-mail and SMS go out from a PC that is on and has the settings saved on it. PCs without settings leave messages waiting; they never skip them.',
  none: 'No PC that can send e-mail or SMS has reported in.',
  pc: 'PC',
  person: 'Signed in',
  channels: 'Channels',
  lastSeen: 'Last seen',
  online: 'On',
  offline: 'Off',
  thisPc: '(this PC)',
  noPc: {
    email: 'No PC that can send e-mail is on: e-mails will wait until a PC that can send e-mail is on.',
    sms: 'No PC that can send SMS is on: SMS will wait until a PC that can send SMS is on.',
  },
  waitingTitle: 'Messages waiting',
  problemTitle: 'E-mail and SMS cannot be sent',
};

declare module '../../i18n/registerMessages' {
  interface FeatureMessages {
    sending: typeof sendingTr;
  }
}

registerMessages({ sending: { tr: sendingTr, en: sendingEn } });
