// Strings of the Settings page and its cards: the page itself (`settings`), personal data on this
// PC (`retention`), e-mail and SMS accounts (`messagingSettings`) and one's own password
// (`ownPassword`), registered in both languages at module load. Each English object is typed by
// its Turkish one, so neither can lack a key.
import { MIN_PASSWORD_LENGTH } from '../../../../shared/domain/roles';
import { registerMessages } from '../../i18n/registerMessages';

export const settingsTr = {
  title: 'Ayarlar',
  profile: 'Personel profili',
  profileHelp: 'Adınız ve telefonunuz, iş arkadaşlarınızın ve iletilerin gördüğü gibi. E-postanız giriş adınızdır: onu bir yönetici değiştirir.',
  name: 'Ad Soyad',
  email: 'E-posta',
  phone: 'Telefon',
  save: 'Kaydet',
  saved: 'Kaydedildi',
  language: 'Arayüz dili',
  backend: 'Sunucu',
  backendUrl: 'Convex adresi',
  backendHelp: 'Birden fazla bilgisayar için ortak bir Convex sunucusunun adresi. Değişiklik bir sonraki açılışta geçerli olur.',
  backendMemory: 'Bellekte tanıtım verisi (kaydedilmez)',
  backendNone: 'Ayarlanmamış',
  backendLocal: 'Bu bilgisayardaki yerel Convex sunucusu',
  backendEnv: 'Ortam değişkeninden (CONVEX_URL)',
  backendSettings: 'Ayarlardan',
  required: 'Bu alan zorunlu',
  invalidEmail: 'Geçerli bir e-posta adresi girin',
  invalidPhone: 'Bir cep telefonu numarası girin, örn. 0532 123 45 67',
  invalidUrl: 'Geçerli bir http(s) adresi girin',
};

export const settingsEn: typeof settingsTr = {
  title: 'Settings',
  profile: 'Staff profile',
  profileHelp: 'Your name and phone as colleagues and messages see them. Your e-mail is your sign-in name: an administrator changes it.',
  name: 'Full name',
  email: 'E-mail',
  phone: 'Phone',
  save: 'Save',
  saved: 'Saved',
  language: 'Interface language',
  backend: 'Backend',
  backendUrl: 'Convex URL',
  backendHelp: 'The URL of a shared Convex deployment for several PCs. Takes effect at the next start.',
  backendMemory: 'In-memory demo data (not saved)',
  backendNone: 'Not configured',
  backendLocal: 'Local Convex backend on this PC',
  backendEnv: 'From the environment (CONVEX_URL)',
  backendSettings: 'From settings',
  required: 'This field is required',
  invalidEmail: 'Enter a valid e-mail address',
  invalidPhone: 'Enter a mobile number, e.g. 0532 123 45 67',
  invalidUrl: 'Enter a valid http(s) URL',
};

export const retentionTr = {
  title: 'Bu bilgisayardaki kişisel veriler',
  help: 'Dosya kontrolleri, içe aktarma kayıtları, hata raporları ve indirilmemiş dışa aktarımlar bu süreden eski olunca uygulama açılırken ve her gün silinir. Web modunda yüklenen dosya içe aktarma bitince, dışa aktarılan dosya indirilince silinir.',
  days: 'Saklama süresi (gün)',
  invalid: '1 ile 365 arasında bir gün sayısı girin',
  idleMinutes: 'İşlem yapılmazsa oturumu kapat (dakika)',
  idleHelp: 'Bu süre boyunca klavye ya da fare kullanılmazsa uygulama oturumu kapatır ve giriş ekranını gösterir; açık sayfa aynı kişi yeniden girince kalır. Yeni süre bir sonraki girişte geçerli olur.',
  idleInvalid: '{{min}} ile {{max}} arasında bir dakika sayısı girin',
  save: 'Kaydet',
  saved: 'Kaydedildi',
};

export const retentionEn: typeof retentionTr = {
  title: 'Personal data on this PC',
  help: 'File checks, import records, error reports and exports not yet downloaded are deleted once older than this, when the app starts and every day. In web mode an uploaded file is deleted when its import completes, an export once it is downloaded.',
  days: 'Keep for (days)',
  invalid: 'Enter a number of days from 1 to 365',
  idleMinutes: 'Sign out after no input for (minutes)',
  idleHelp: 'Without keyboard or mouse input for this long, the app signs out and shows the sign-in screen; the open page stays when the same person signs in again. A new value applies from the next sign-in.',
  idleInvalid: 'Enter a number of minutes from {{min}} to {{max}}',
  save: 'Save',
  saved: 'Saved',
};

export const messagingSettingsTr = {
  title: 'E-posta ve SMS',
  help: 'Bildirimler ve toplu gönderimler bu hesaplarla gider. Parola ve anahtarlar yalnızca bu bilgisayarda saklanır; burada bir daha gösterilmez.',
  secretStorage: 'Gizli bilgilerin saklandığı yer',
  storage: {
    os_keychain: 'İşletim sisteminin anahtarlığı (şifreli)',
    linux_basic_text: 'Dosya; Linux “basic_text” şifrelemesi sabit bir anahtar kullanır, yani fiilen yalnızca dosya izinleri (sahibi okuyabilir) korur',
    file_only: 'Dosya, şifresiz (yalnızca sahibi okuyabilir)',
  },
  configured: 'Ayarlı',
  notConfigured: 'Ayarlanmadı',
  yes: 'Evet',
  no: 'Hayır',
  smtp: 'E-posta (SMTP)',
  host: 'Sunucu adresi',
  port: 'Port',
  secure: 'Bağlantı güvenliği',
  secureOptions: { tls: 'TLS (genellikle 465)', starttls: 'STARTTLS (genellikle 587)', none: 'Şifresiz (oturum açmadan ya da bu bilgisayardaki sunucu)' },
  user: 'Kullanıcı adı',
  password: 'Parola',
  from: 'Gönderen adresi',
  fromHelp: 'Örnek: Kafkasder <bildirim@kafkasder.org.tr>',
  twilio: 'SMS (Twilio)',
  accountSid: 'Hesap SID (AC…)',
  authToken: 'Kimlik doğrulama anahtarı (Auth Token)',
  smsFrom: 'Gönderen numara',
  messagingServiceSid: 'Mesajlaşma hizmeti SID (MG…)',
  senderHelp: 'Gönderen numara veya mesajlaşma hizmeti SID’inden en az biri gerekli.',
  savedSecret: 'kayıtlı (değiştirmek için yazın)',
  save: 'Kaydet',
  saved: 'Kaydedildi',
  clear: 'Ayarı sil',
  cleared: 'Ayar silindi',
  verify: 'Doğrula',
  verifyOk: 'SMTP sunucusuna bağlanıldı ve oturum açıldı.',
  verifyFailed: 'Doğrulama başarısız: {{error}}',
  testToEmail: 'Deneme iletisinin alıcı adresi',
  testToSms: 'Deneme SMS’inin alıcı numarası',
  testToEmailPlaceholder: 'ornek@kafkasder.org.tr',
  testToSmsPlaceholder: '+905XXXXXXXXX',
  sendTest: 'Test gönder',
  testOk: 'Deneme iletisi gönderildi (kimlik: {{id}}).',
  testFailed: 'Deneme iletisi gönderilemedi: {{error}}',
  required: 'Bu alan zorunlu',
  invalidPort: '1 ile 65535 arasında bir sayı girin',
  invalidSid: 'Biçim geçersiz',
  needSender: 'Gönderen numara veya mesajlaşma hizmeti SID’i girin',
};

export const messagingSettingsEn: typeof messagingSettingsTr = {
  title: 'E-mail and SMS',
  help: 'Notifications and bulk sends go out through these accounts. Passwords and tokens are kept on this PC only and are never shown here again.',
  secretStorage: 'Where secrets are kept',
  storage: {
    os_keychain: 'The operating system keychain (encrypted)',
    linux_basic_text: 'A file; Linux “basic_text” encryption uses a fixed key, so in effect only the file permissions (owner only) protect it',
    file_only: 'A file, not encrypted (owner only)',
  },
  configured: 'Configured',
  notConfigured: 'Not configured',
  yes: 'Yes',
  no: 'No',
  smtp: 'E-mail (SMTP)',
  host: 'Server host',
  port: 'Port',
  secure: 'Connection security',
  secureOptions: { tls: 'TLS (usually 465)', starttls: 'STARTTLS (usually 587)', none: 'Unencrypted (no sign-in, or a relay on this PC)' },
  user: 'User name',
  password: 'Password',
  from: 'From address',
  fromHelp: 'Example: Kafkasder <notify@kafkasder.org.tr>',
  twilio: 'SMS (Twilio)',
  accountSid: 'Account SID (AC…)',
  authToken: 'Auth token',
  smsFrom: 'Sender number',
  messagingServiceSid: 'Messaging service SID (MG…)',
  senderHelp: 'A sender number or a messaging service SID is required.',
  savedSecret: 'saved (type to change)',
  save: 'Save',
  saved: 'Saved',
  clear: 'Remove setting',
  cleared: 'Setting removed',
  verify: 'Verify',
  verifyOk: 'Connected to the SMTP server and signed in.',
  verifyFailed: 'Verification failed: {{error}}',
  testToEmail: 'Test message recipient address',
  testToSms: 'Test SMS recipient number',
  testToEmailPlaceholder: 'someone@kafkasder.org.tr',
  testToSmsPlaceholder: '+905XXXXXXXXX',
  sendTest: 'Send test',
  testOk: 'Test message sent (id: {{id}}).',
  testFailed: 'Test message could not be sent: {{error}}',
  required: 'This field is required',
  invalidPort: 'Enter a number from 1 to 65535',
  invalidSid: 'Invalid format',
  needSender: 'Enter a sender number or a messaging service SID',
};

export const ownPasswordTr = {
  title: 'Şifremi değiştir',
  help: 'Diğer bilgisayarlardaki oturumlarınız kapanır; bu oturum açık kalır.',
  current: 'Mevcut şifre',
  next: 'Yeni şifre',
  repeat: 'Yeni şifre (tekrar)',
  rule: `En az ${MIN_PASSWORD_LENGTH} karakter`,
  mismatch: 'İki yeni şifre aynı değil',
  sameAsCurrent: 'Yeni şifre mevcut şifreyle aynı olamaz',
  required: 'Bu alan zorunlu',
  submit: 'Şifreyi değiştir',
  changed: 'Şifreniz değiştirildi',
  wrongCurrent: 'Mevcut şifre hatalı. Şifreniz değişmedi.',
};

export const ownPasswordEn: typeof ownPasswordTr = {
  title: 'Change my password',
  help: 'Your sessions on other computers end; this one stays signed in.',
  current: 'Current password',
  next: 'New password',
  repeat: 'New password (again)',
  rule: `At least ${MIN_PASSWORD_LENGTH} characters`,
  mismatch: 'The two new passwords differ',
  sameAsCurrent: 'The new password must differ from the current one',
  required: 'This field is required',
  submit: 'Change password',
  changed: 'Your password was changed',
  wrongCurrent: 'The current password is wrong. Your password was not changed.',
};

declare module '../../i18n/registerMessages' {
  interface FeatureMessages {
    settings: typeof settingsTr;
    retention: typeof retentionTr;
    messagingSettings: typeof messagingSettingsTr;
    ownPassword: typeof ownPasswordTr;
  }
}

registerMessages({
  settings: { tr: settingsTr, en: settingsEn },
  retention: { tr: retentionTr, en: retentionEn },
  messagingSettings: { tr: messagingSettingsTr, en: messagingSettingsEn },
  ownPassword: { tr: ownPasswordTr, en: ownPasswordEn },
});
