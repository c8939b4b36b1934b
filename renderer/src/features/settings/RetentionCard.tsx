// "Kişisel veriler bu bilgisayarda": how many days check stores, import run folders, error
// reports and exports stay on this PC before the app removes them (core/retention.ts), and after
// how many minutes without input the app signs out here (app/idleLock.ts). Administrator's.
import { App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call, ClientError } from '../../client/client';
import { fillLoaded } from '../../ui/formLoad';
import './settingsMessages';
import { IDLE_LOCK_MAX_MINUTES, IDLE_LOCK_MIN_MINUTES } from '../../../../shared/domain/sessions';

type Values = { retentionDays: number; idleLockMinutes: number };

export function RetentionCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    void call('getSettings', {}).then((s) => fillLoaded(form, { retentionDays: s.retentionDays, idleLockMinutes: s.idleLockMinutes }));
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
