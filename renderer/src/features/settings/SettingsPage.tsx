import { App, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { settings as settingsSchema } from '../../../../shared/contract/settings';
import { call, ClientError } from '../../client/client';
import { fillLoaded } from '../../ui/formLoad';
import { emailRule, phoneRule } from '../../ui/formRules';
import { MessagingSettingsCard } from './MessagingSettingsCard';
import { OwnPasswordCard } from './OwnPasswordCard';
import { RetentionCard } from './RetentionCard';
import { ServerRetentionCard } from './ServerRetentionCard';
import './settingsMessages';

type Settings = z.infer<typeof settingsSchema>;
type ProfileForm = { name: string; email?: string; phone?: string };

/** `isAdmin`: the server's retention periods and destruction log are shown (the server refuses anyone else). */
export function SettingsPage({ isAdmin = false }: { isAdmin?: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [form] = Form.useForm<ProfileForm>();
  const [backendForm] = Form.useForm<{ backendUrl: string }>();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void call('getProfile', {}).then((p) => p && fillLoaded(form, { name: p.name, email: p.email, phone: p.phone }));
    void call('getSettings', {}).then((s) => {
      setSettings(s);
      fillLoaded(backendForm, { backendUrl: s.backendUrlSource === 'settings' ? (s.backendUrl ?? '') : '' });
    });
  }, [form, backendForm]);

  const fail = (e: unknown) => void message.error(e instanceof ClientError ? e.localized(lang) : String(e));

  const saveProfile = async (values: ProfileForm) => {
    setSaving(true);
    try {
      await call('saveProfile', {
        name: values.name,
        ...(values.phone ? { phone: values.phone } : {}),
      });
      void message.success(t('settings.saved'));
    } catch (e) {
      fail(e);
    } finally {
      setSaving(false);
    }
  };

  const saveBackend = async ({ backendUrl }: { backendUrl: string }) => {
    try {
      setSettings(await call('saveSettings', { backendUrl: backendUrl.trim() || null }));
      void message.success(t('settings.saved'));
    } catch (e) {
      fail(e);
    }
  };

  const sourceLabel: Record<Settings['backendUrlSource'], string> = {
    memory: t('settings.backendMemory'),
    none: t('settings.backendNone'),
    local: t('settings.backendLocal'),
    env: t('settings.backendEnv'),
    settings: t('settings.backendSettings'),
  };

  return (
    <section aria-labelledby="settings-title">
      <Typography.Title level={2} id="settings-title">
        {t('settings.title')}
      </Typography.Title>
      <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 640 }}>
        <Card title={t('settings.profile')}>
          <Typography.Paragraph type="secondary">{t('settings.profileHelp')}</Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(v) => void saveProfile(v)} requiredMark>
            <Form.Item name="name" label={t('settings.name')} rules={[{ required: true, min: 2, message: t('settings.required') }]}>
              <Input autoComplete="name" />
            </Form.Item>
            <Form.Item name="email" label={t('settings.email')} rules={[emailRule(t('settings.invalidEmail'))]}>
              {/* The e-mail is the sign-in name: only an administrator changes it. */}
              <Input autoComplete="email" readOnly />
            </Form.Item>
            <Form.Item name="phone" label={t('settings.phone')} rules={[phoneRule(t('settings.invalidPhone'))]}>
              <Input autoComplete="tel" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('settings.save')}
            </Button>
          </Form>
        </Card>
        <OwnPasswordCard />
        <Card title={t('settings.backend')}>
          {settings && (
            <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('settings.backend')}>{sourceLabel[settings.backendUrlSource]}</Descriptions.Item>
              {settings.backendUrl && <Descriptions.Item label={t('settings.backendUrl')}>{settings.backendUrl}</Descriptions.Item>}
            </Descriptions>
          )}
          <Form form={backendForm} layout="vertical" onFinish={(v) => void saveBackend(v)}>
            <Form.Item
              name="backendUrl"
              label={t('settings.backendUrl')}
              extra={t('settings.backendHelp')}
              rules={[{ type: 'url', message: t('settings.invalidUrl') }]}
            >
              <Input placeholder="https://…convex.cloud" />
            </Form.Item>
            <Button htmlType="submit">{t('settings.save')}</Button>
          </Form>
        </Card>
        <MessagingSettingsCard />
        <RetentionCard />
        {isAdmin && <ServerRetentionCard />}
      </Space>
    </section>
  );
}
