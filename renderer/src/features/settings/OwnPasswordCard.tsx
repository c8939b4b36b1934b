// One's own password: the current one, then the new one twice (at least MIN_PASSWORD_LENGTH).
// A wrong current password is said so plainly, next to that field; nothing changes then.
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../../shared/domain/roles';
import { call, ClientError } from '../../client/client';
import './settingsMessages';

interface Values {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

export function OwnPasswordCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async ({ currentPassword, newPassword }: Values) => {
    setBusy(true);
    setError(null);
    try {
      await call('changeOwnPassword', { currentPassword, newPassword });
      form.resetFields();
      void message.success(t('ownPassword.changed'));
    } catch (e) {
      if (e instanceof ClientError && e.data.code === 'invalid_credentials') {
        form.setFields([{ name: 'currentPassword', errors: [t('ownPassword.wrongCurrent')] }]);
        setError(t('ownPassword.wrongCurrent'));
      } else {
        setError(e instanceof ClientError ? e.localized(lang) : String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('ownPassword.required') };
  return (
    <Card title={t('ownPassword.title')}>
      <Typography.Paragraph type="secondary">{t('ownPassword.help')}</Typography.Paragraph>
      <Form form={form} name="own-password" layout="vertical" onFinish={(v) => void submit(v)} requiredMark>
        {/* The browser's password manager pairs the fields with the signed-in account. */}
        <Form.Item name="currentPassword" label={t('ownPassword.current')} rules={[required]}>
          <Input.Password autoComplete="current-password" maxLength={MAX_PASSWORD_LENGTH} />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('ownPassword.next')}
          extra={t('ownPassword.rule')}
          dependencies={['currentPassword']}
          rules={[
            required,
            { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH, message: t('ownPassword.rule') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && value === getFieldValue('currentPassword') ? Promise.reject(new Error(t('ownPassword.sameAsCurrent'))) : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={MAX_PASSWORD_LENGTH} />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('ownPassword.repeat')}
          dependencies={['newPassword']}
          rules={[
            required,
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('ownPassword.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" maxLength={MAX_PASSWORD_LENGTH} />
        </Form.Item>
        {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('ownPassword.submit')}
        </Button>
      </Form>
    </Card>
  );
}
