// The sign-in screen: shown before any data, and again over the page when the session ends
// (the page underneath stays mounted, so a half-done import wizard keeps its check).
import { Alert, Button, Card, Form, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { sessionUser, sessionView } from '../../../../shared/contract/auth';
import { call, ClientError } from '../../client/client';
import { emailRule } from '../../ui/formRules';

type SessionView = z.infer<typeof sessionView>;
type SessionUser = z.infer<typeof sessionUser>;

export function SignInPage({ session, onSignedIn }: { session: SessionView; onSignedIn: (user: SessionUser) => void }) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The code the launcher handed over was refused (a deployment set up elsewhere, an old code):
  // the field comes back so the person can type the one IT gave them.
  const [askCode, setAskCode] = useState(!session.setupCodeAvailable);

  const run = async (work: () => Promise<SessionUser>) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await work());
    } catch (err) {
      setError(err instanceof ClientError ? err.localized(i18n.language) : String(err));
      if (err instanceof ClientError && err.data.code === 'invalid_setup_code') setAskCode(true);
    } finally {
      setBusy(false);
    }
  };

  if (session.needsFirstAdmin) {
    return (
      <Card title={t('auth.firstAdmin')} style={{ maxWidth: 440, margin: '48px auto' }}>
        <Form layout="vertical" onFinish={(v: { setupCode?: string; name: string; email: string; password: string }) => void run(() => call('createFirstAdmin', v))}>
          {askCode && (
            <Form.Item name="setupCode" label={t('auth.setupCode')} rules={[{ required: true }]}>
              <Input autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item name="name" label={t('auth.name')} rules={[{ required: true, min: 2 }]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item name="email" label={t('auth.email')} rules={[{ required: true }, emailRule(t('auth.invalidEmail'))]}>
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, min: 10 }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('auth.create')}
          </Button>
        </Form>
      </Card>
    );
  }

  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('auth.title')}</h1>} style={{ maxWidth: 440, margin: '48px auto' }}>
      {session.reason === 'expired' && <Alert role="status" type="warning" title={t('auth.expired')} style={{ marginBottom: 16 }} />}
      {session.reason === 'signedOut' && <Alert role="status" type="info" title={t('auth.signedOut')} style={{ marginBottom: 16 }} />}
      {session.sessionKept === false && !session.demoAccounts && <Alert role="note" type="info" title={t('auth.notKept')} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={(v: { email: string; password: string }) => void run(() => call('signIn', v))}>
        <Form.Item name="email" label={t('auth.email')} rules={[{ required: true }, emailRule(t('auth.invalidEmail'))]}>
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error && <Alert role="alert" type="error" title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('auth.submit')}
        </Button>
      </Form>
      {session.demoAccounts && (
        <>
          <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
            {t('auth.demoTitle')}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey="email"
            dataSource={session.demoAccounts}
            columns={[
              { title: t('auth.role'), dataIndex: 'role', render: (r: SessionUser['role']) => t(`auth.roles.${r}`) },
              { title: t('auth.email'), dataIndex: 'email' },
              { title: t('auth.password'), dataIndex: 'password' },
            ]}
          />
        </>
      )}
    </Card>
  );
}
