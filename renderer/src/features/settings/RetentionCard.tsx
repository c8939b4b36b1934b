// "Kişisel veriler bu bilgisayarda": how many days check stores, import run folders, error
// reports and exports stay on this PC before the app removes them (core/retention.ts).
import { App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call, ClientError } from '../../desktop/client';
import { registerMessages } from '../../i18n/registerMessages';

export const retentionTr = {
  title: 'Bu bilgisayardaki kişisel veriler',
  help: 'Dosya kontrolleri, içe aktarma kayıtları, hata raporları ve indirilmemiş dışa aktarımlar bu süreden eski olunca uygulama açılırken ve her gün silinir. Web modunda yüklenen dosya içe aktarma bitince, dışa aktarılan dosya indirilince silinir.',
  days: 'Saklama süresi (gün)',
  invalid: '1 ile 365 arasında bir gün sayısı girin',
  save: 'Kaydet',
  saved: 'Kaydedildi',
};
const retentionEn: typeof retentionTr = {
  title: 'Personal data on this PC',
  help: 'File checks, import records, error reports and exports not yet downloaded are deleted once older than this, when the app starts and every day. In web mode an uploaded file is deleted when its import completes, an export once it is downloaded.',
  days: 'Keep for (days)',
  invalid: 'Enter a number of days from 1 to 365',
  save: 'Save',
  saved: 'Saved',
};
registerMessages({ retention: { tr: retentionTr, en: retentionEn } });

export function RetentionCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ retentionDays: number }>();

  useEffect(() => {
    void call('getSettings', {}).then((s) => form.setFieldsValue({ retentionDays: s.retentionDays }));
  }, [form]);

  const save = async ({ retentionDays }: { retentionDays: number }) => {
    try {
      const s = await call('saveSettings', { retentionDays });
      form.setFieldsValue({ retentionDays: s.retentionDays });
      void message.success(t('retention.saved'));
    } catch (e) {
      void message.error(e instanceof ClientError ? e.localized(i18n.language) : String(e));
    }
  };

  return (
    <Card title={t('retention.title')}>
      <Typography.Paragraph type="secondary">{t('retention.help')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Space align="end">
          <Form.Item
            name="retentionDays"
            label={t('retention.days')}
            rules={[{ required: true, type: 'integer', min: 1, max: 365, message: t('retention.invalid') }]}
          >
            <InputNumber min={1} max={365} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item>
            <Button htmlType="submit">{t('retention.save')}</Button>
          </Form.Item>
        </Space>
      </Form>
    </Card>
  );
}
