// Turkish is the default language of the UI; en.ts is typed by it, so a missing English key fails typecheck.
import type { AuditAction } from '../../../shared/domain/audit';

export const tr = {
  app: { title: 'Kafkasder Panel', loading: 'Yükleniyor…' },
  auth: {
    title: 'Giriş',
    email: 'E-posta',
    invalidEmail: 'Geçerli bir e-posta adresi girin',
    password: 'Şifre',
    submit: 'Giriş yap',
    signOut: 'Çıkış yap',
    role: 'Rol',
    expired: 'Oturumunuz sona erdi. Kaldığınız yerden devam etmek için yeniden giriş yapın.',
    signedOut: 'Çıkış yaptınız.',
    notKept: 'Bu bilgisayarda oturumunuzu koruyacak bir işletim sistemi anahtarlığı yok, bu yüzden oturum saklanmaz: uygulama her açıldığında giriş yapın.',
    demoTitle: 'Demo hesapları (yalnızca bellek içi demo)',
    roles: { yonetici: 'Yönetici', personel: 'Personel', gozlemci: 'Gözlemci' },
    firstAdmin: 'İlk yöneticiyi oluşturun',
    setupCode: 'Kurulum kodu',
    name: 'Ad soyad',
    create: 'Oluştur ve giriş yap',
    signedInAs: '{{name}} ({{role}}) olarak giriş yapıldı',
  },
  nav: { records: 'Kayıtlar', audit: 'Denetim', settings: 'Ayarlar', import: 'İçe Aktar', export: 'Dışa Aktar', inbox: 'Bildirimler', messages: 'Toplu Gönderim', menu: 'Ana menü' },
  banner: {
    offline: 'Sunucuya bağlanılamıyor ({{url}})',
    offlineDetail:
      'Bağlantı dönene kadar kayıtlar bekletilir; 90 saniye içinde dönmezse işlem açıkça başarısız olur ve hiçbir şey kaybolmaz. Yarıda kalan bir içe aktarmaya bağlantı dönünce devam edebilirsiniz.',
    ephemeral:
      'Tanıtım modu: veriler yalnızca bellekte tutulur ve uygulama kapanınca silinir. Gerçek kullanım için masaüstü uygulamasını bir Convex sunucusuna bağlayın.',
  },
  lang: { label: 'Dil', tr: 'Türkçe', en: 'English' },
  records: {
    title: 'Kayıtlar',
    collection: 'Koleksiyon',
    search: 'Ara',
    searchPlaceholder: 'Ada göre ara…',
    searchHint: 'Sözcükleri tam yazın; yalnızca son sözcüğün başı yeterli (“mehmet dem” Mehmet Demir’i bulur). En iyi eşleşmeler önce gelir.',
    status: 'Durum',
    allStatuses: 'Tüm durumlar',
    next: 'Sonraki sayfa',
    previous: 'Önceki sayfa',
    page: 'Sayfa {{n}}',
    empty: 'Kayıt yok',
    createdAt: 'Oluşturulma',
    refresh: 'Yenile',
    searchCapped: 'Bu arama gösterilebilecekten çok kayıtla eşleşiyor. Aramanızı daraltın: daha fazla harf yazın veya bir durum seçin.',
  },
  collections: { beneficiaries: 'İhtiyaç sahipleri', donations: 'Bağışlar', financeRecords: 'Finans kayıtları' },
  /** Retention categories and destruction methods: Settings' retention card and the Audit page. */
  retention: {
    categories: {
      settled_deliveries: 'Gönderilmiş iletiler',
      notifications: 'Bildirimler',
      audit_entries: 'Denetim kayıtları',
      history_entries: 'Kayıt geçmişi',
      inactive_beneficiaries: 'Pasif ihtiyaç sahipleri',
      closed_requests: 'Kapanmış KVKK başvuruları',
    },
    methods: { deleted: 'silindi', anonymised: 'anonimleştirildi' },
    method: 'Yöntem',
    count: 'Adet',
    period: 'Saklama süresi',
    cutoff: 'Bu tarihten eskiler',
  },
  audit: {
    title: 'Denetim kaydı',
    at: 'Zaman',
    action: 'İşlem',
    actor: 'Kişi',
    collection: 'Koleksiyon',
    summary: 'Özet',
    /** What an entry is about besides the three record collections (these have their names under `collections`). */
    collections: {
      consents: 'Açık rızalar',
      dataRequests: 'KVKK başvuruları',
      deliveries: 'Gönderilen iletiler',
      workflowNotifications: 'Bildirimler',
      notificationPreferences: 'Bildirim tercihleri',
      messaging: 'E-posta ve SMS ayarları',
      local: 'Bu bilgisayarın ayarları',
      retention: 'Saklama süreleri',
    },
    days: '{{count}} gün',
    actions: { import: 'İçe aktarma', export: 'Dışa aktarma', bulk_send: 'Toplu gönderim', settings_change: 'Ayar değişikliği', import_undo: 'İçe aktarmayı geri alma', account_change: 'Hesap değişikliği', sign_in: 'Giriş', sign_in_failed: 'Başarısız giriş', record_view: 'Kayıt görüntüleme', record_list: 'Kayıt listeleme', record_search: 'Kayıt arama', record_edit: 'Kayıt düzeltme', record_create: 'Kayıt ekleme', record_delete: 'Kayıt silme', record_restore: 'Kayıt geri alma', setup_claimed: 'İlk yönetici kurulumu', setup_failed: 'İlk yönetici kurulamadı', outbox_claim: 'Gönderilmek üzere alınan iletiler', notification_create: 'Bildirim oluşturma', dsr_intake: 'KVKK başvurusu alındı', dsr_assign: 'KVKK başvurusu atandı', dsr_reply: 'KVKK başvurusuna yanıt', dsr_reminder: 'KVKK başvurusu hatırlatması', dsr_close: 'KVKK başvurusu kapatıldı', consent_record: 'Açık rıza kaydı', consent_withdraw: 'Açık rızanın geri alınması', person_export: 'Kişisel veri dökümü', retention_change: 'Saklama sürelerinin değiştirilmesi', retention_run: 'Saklama süresi dolan verilerin imhası', person_erase: 'Kişisel verilerin silinmesi' } satisfies Record<AuditAction, string>,
    empty: 'Henüz kayıt yok',
    ownOnly: 'Yalnızca kendi kayıtlarınızı görüyorsunuz; herkesinkini yöneticiler görür.',
  },
  errors: { generic: 'Bir hata oluştu: {{message}}' },
};

export type Messages = typeof tr;
