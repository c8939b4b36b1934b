// "Kişisel veriler bu bilgisayarda": how many days check stores, import run folders, error
// reports and exports stay on this PC before the app removes them (core/retention.ts), and after
// how many minutes without input the app signs out here (app/idleLock.ts). Administrator's.
import { App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call, ClientError } from '../../desktop/client';
import { registerMessages } from '../../i18n/registerMessages';
import { IDLE_LOCK_MAX_MINUTES, IDLE_LOCK_MIN_MINUTES } from '../../../../shared/domain/sessions';

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
const retentionEn: typeof retentionTr = {
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
registerMessages({ retention: { tr: retentionTr, en: retentionEn } });

type Values = { retentionDays: number; idleLockMinutes: number };

export function RetentionCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    void call('getSettings', {}).then((s) => form.setFieldsValue({ retentionDays: s.retentionDays, idleLockMinutes: s.idleLockMinutes }));
  }, [form]);

  const save = async (values: Values) => {
    try {
      const s = await call('saveSettings', values);
      form.setFieldsValue({ retentionDays: s.retentionDays, idleLockMinutes: s.idleLockMinutes });
      void message.success(t('retention.saved'));
    } catch (e) {
      void message.error(e instanceof ClientError ? e.localized(i18n.language) : String(e));
    }
  };

  return (
    <Card title={t('retention.title')}>
      <Typography.Paragraph type="secondary">{t('retention.help')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('retention.idleHelp')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Space align="end">
          <Form.Item
            name="retentionDays"
            label={t('retention.days')}
            rules={[{ required: true, type: 'integer', min: 1, max: 365, message: t('retention.invalid') }]}
          >
            <InputNumber min={1} max={365} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item
            name="idleLockMinutes"
            label={t('retention.idleMinutes')}
            rules={[{ required: true, type: 'integer', min: IDLE_LOCK_MIN_MINUTES, max: IDLE_LOCK_MAX_MINUTES, message: t('retention.idleInvalid', { min: IDLE_LOCK_MIN_MINUTES, max: IDLE_LOCK_MAX_MINUTES }) }]}
          >
            <InputNumber min={IDLE_LOCK_MIN_MINUTES} max={IDLE_LOCK_MAX_MINUTES} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit">{t('retention.save')}</Button>
          </Form.Item>
        </Space>
      </Form>
    </Card>
  );
}
