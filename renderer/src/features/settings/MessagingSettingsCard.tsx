// "E-posta ve SMS": SMTP and Twilio settings. Secrets only ever go in: the core answers with
// configured flags and non-secret fields, so the password / token inputs always start empty and
// an empty one on save keeps what is stored. Verify and Send test show what really happened.
import { Alert, App, Button, Card, Descriptions, Divider, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { messagingStatus, smtpSecure } from '../../../../shared/contract/messaging';
import { call, ClientError } from '../../client/client';
import { useEvent } from '../../client/useEvent';
import { explainDeliveryError } from '../../ui/sending/deliveryError';
import { fillLoaded } from '../../ui/formLoad';
import { MessagingProblemAlert } from '../../ui/sending/MessagingProblem';
import { SendingPcsList } from '../../ui/sending/SendingPcs';
import '../../ui/sending/sendingMessages';
import './settingsMessages';
import type { DeliveryChannel } from '../../../../shared/domain/vocabularies';

type Status = z.infer<typeof messagingStatus>;
type Secure = z.infer<typeof smtpSecure>;
type SmtpValues = { host: string; port: number; secure: Secure; user?: string; password?: string; from: string };
type TwilioValues = { accountSid: string; authToken?: string; from?: string; messagingServiceSid?: string };
type Outcome = { ok: true; text: string } | { ok: false; text: string; detail?: string };

const SECURE: Secure[] = ['starttls', 'tls', 'none'];
const DEFAULT_PORT: Record<Secure, number> = { tls: 465, starttls: 587, none: 25 };

function ResultLine({ outcome }: { outcome: Outcome | null }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-live="polite" style={{ marginTop: 8 }}>
      {outcome && (
        <Alert
          type={outcome.ok ? 'success' : 'error'}
          showIcon
          title={outcome.text}
          description={!outcome.ok && outcome.detail ? t('sending.technical', { raw: outcome.detail }) : undefined}
        />
      )}
    </div>
  );
}

export function MessagingSettingsCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [status, setStatus] = useState<Status | null>(null);
  const [smtpForm] = Form.useForm<SmtpValues>();
  const [twilioForm] = Form.useForm<TwilioValues>();
  const [busy, setBusy] = useState<string | null>(null);
  const [emailTo, setEmailTo] = useState('');
  const [smsTo, setSmsTo] = useState('');
  const [smtpOutcome, setSmtpOutcome] = useState<Outcome | null>(null);
  const [smsOutcome, setSmsOutcome] = useState<Outcome | null>(null);
  const errorText = (e: unknown) => (e instanceof ClientError ? e.localized(lang) : String(e));

  /** Shows the settings as the core has them; `onOpen`: as loaded when the page opens (fillLoaded). */
  const show = (s: Status, onOpen = false) => {
    setStatus(s);
    const smtp = {
      host: s.email.host ?? '',
      port: s.email.port ?? DEFAULT_PORT.starttls,
      secure: s.email.secure ?? 'starttls',
      user: s.email.user ?? '',
      password: '',
      from: s.email.from ?? '',
    };
    const twilio = { accountSid: s.sms.accountSid ?? '', authToken: '', from: s.sms.from ?? '', messagingServiceSid: s.sms.messagingServiceSid ?? '' };
    if (onOpen) {
      fillLoaded(smtpForm, smtp);
      fillLoaded(twilioForm, twilio);
    } else {
      smtpForm.setFieldsValue(smtp);
      twilioForm.setFieldsValue(twilio);
    }
  };

  useEffect(() => {
    void call('getMessagingSettings', {}).then((s) => show(s, true), (e: unknown) => void message.error(errorText(e)));
    // Loaded once; later states come back from save, and the outbox worker's problem as an event.
  }, []);
  useEvent('messagingProblem', (e) => setStatus((s) => (s ? { ...s, problem: e.problem ?? undefined } : s)));

  // Runs one action at a time, reporting a thrown error (not a reported failure) as a message.
  const act = async (name: string, run: () => Promise<void>) => {
    setBusy(name);
    try {
      await run();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  const plain = (error: string | undefined, channel: DeliveryChannel): Outcome => {
    const explained = explainDeliveryError(error ?? '', channel);
    return { ok: false, text: t(`sending.errors.${explained.key}`, explained.params ?? {}), detail: explained.raw };
  };

  const saveSmtp = (v: SmtpValues) =>
    act('smtp', async () => {
      // A refusal (sign-in without TLS) also stays under the form, not only in a passing toast.
      const saved = call('saveMessagingSettings', {
        smtp: {
          host: v.host.trim(),
          port: v.port,
          secure: v.secure,
          ...(v.user?.trim() ? { user: v.user.trim() } : {}),
          // Empty means "keep the saved password".
          ...(v.password ? { password: v.password } : {}),
          from: v.from.trim(),
        },
      });
      show(
        await saved.catch((e: unknown) => {
          setSmtpOutcome({ ok: false, text: errorText(e) });
          throw e;
        }),
      );
      setSmtpOutcome(null);
      void message.success(t('messagingSettings.saved'));
    });

  const saveTwilio = (v: TwilioValues) =>
    act('twilio', async () => {
      show(
        await call('saveMessagingSettings', {
          twilio: {
            accountSid: v.accountSid.trim(),
            ...(v.authToken ? { authToken: v.authToken } : {}),
            ...(v.from?.trim() ? { from: v.from.trim() } : {}),
            ...(v.messagingServiceSid?.trim() ? { messagingServiceSid: v.messagingServiceSid.trim() } : {}),
          },
        }),
      );
      setSmsOutcome(null);
      void message.success(t('messagingSettings.saved'));
    });

  const clear = (which: 'smtp' | 'twilio') =>
    act(`clear-${which}`, async () => {
      show(await call('saveMessagingSettings', { [which]: null }));
      void message.success(t('messagingSettings.cleared'));
    });

  const verify = () =>
    act('verify', async () => {
      const r = await call('verifySmtp', {});
      setSmtpOutcome(
        r.ok
          ? { ok: true, text: t('messagingSettings.verifyOk') }
          : { ...plain(r.error, 'email'), text: t('messagingSettings.verifyFailed', { error: plain(r.error, 'email').text }) },
      );
    });

  const sendTest = (channel: DeliveryChannel, to: string) =>
    act(`test-${channel}`, async () => {
      const r = await call('sendTestMessage', { channel, to: to.trim(), locale: lang });
      const set = channel === 'email' ? setSmtpOutcome : setSmsOutcome;
      if (r.ok) set({ ok: true, text: t('messagingSettings.testOk', { id: r.providerId ?? '—' }) });
      else {
        const p = plain(r.error, channel);
        set({ ...p, text: t('messagingSettings.testFailed', { error: p.text }) });
      }
    });

  const configuredTag = (yes: boolean) => (
    <Tag color={yes ? '#237804' : undefined}>{yes ? t('messagingSettings.yes') : t('messagingSettings.no')}</Tag>
  );
  const secretPlaceholder = (configured: boolean | undefined) => (configured ? t('messagingSettings.savedSecret') : undefined);

  return (
    <>
      <Card id="messaging-settings" title={t('messagingSettings.title')}>
        <Typography.Paragraph type="secondary">{t('messagingSettings.help')}</Typography.Paragraph>
        {status && (
          <Descriptions column={1} size="small" style={{ marginBottom: 8 }}>
            <Descriptions.Item label={`${t('messagingSettings.smtp')} · ${t('messagingSettings.configured')}`}>
              {configuredTag(status.email.configured)}
            </Descriptions.Item>
            <Descriptions.Item label={`${t('messagingSettings.twilio')} · ${t('messagingSettings.configured')}`}>
              {configuredTag(status.sms.configured)}
            </Descriptions.Item>
            <Descriptions.Item label={t('messagingSettings.secretStorage')}>{t(`messagingSettings.storage.${status.secretStorage}`)}</Descriptions.Item>
          </Descriptions>
        )}
        <MessagingProblemAlert problem={status?.problem ?? null} />
        <SendingPcsList />

        <Divider titlePlacement="start">{t('messagingSettings.smtp')}</Divider>
        <Form form={smtpForm} name="smtp" layout="vertical" onFinish={(v) => void saveSmtp(v)} requiredMark>
          <Space wrap align="start">
            <Form.Item
              name="host"
              label={t('messagingSettings.host')}
              rules={[{ required: true, whitespace: true, message: t('messagingSettings.required') }]}
            >
              <Input placeholder="smtp.example.org" style={{ width: 260 }} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="port"
              label={t('messagingSettings.port')}
              rules={[{ required: true, type: 'integer', min: 1, max: 65535, message: t('messagingSettings.invalidPort') }]}
            >
              <InputNumber min={1} max={65535} style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="secure" label={t('messagingSettings.secure')} rules={[{ required: true }]}>
              <Select
                style={{ width: 240 }}
                options={SECURE.map((s) => ({ value: s, label: t(`messagingSettings.secureOptions.${s}`) }))}
                // Suggest the usual port for the chosen mode; the field stays editable.
                onChange={(s: Secure) => smtpForm.setFieldValue('port', DEFAULT_PORT[s])}
              />
            </Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="user" label={t('messagingSettings.user')}>
              <Input style={{ width: 260 }} autoComplete="off" />
            </Form.Item>
            <Form.Item name="password" label={t('messagingSettings.password')}>
              <Input.Password
                style={{ width: 260 }}
                autoComplete="new-password"
                placeholder={secretPlaceholder(status?.email.configured)}
              />
            </Form.Item>
          </Space>
          <Form.Item
            name="from"
            label={t('messagingSettings.from')}
            extra={t('messagingSettings.fromHelp')}
            rules={[{ required: true, whitespace: true, min: 3, message: t('messagingSettings.required') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy === 'smtp'}>
              {t('messagingSettings.save')}
            </Button>
            <Button onClick={() => void verify()} loading={busy === 'verify'} disabled={!status?.email.configured}>
              {t('messagingSettings.verify')}
            </Button>
            {status?.email.configured && (
              <Button danger onClick={() => void clear('smtp')} loading={busy === 'clear-smtp'}>
                {t('messagingSettings.clear')}
              </Button>
            )}
          </Space>
        </Form>
        <Space wrap style={{ marginTop: 12 }}>
          <label htmlFor="test-email-to">{t('messagingSettings.testToEmail')}</label>
          <Input
            id="test-email-to"
            type="email"
            value={emailTo}
            onChange={(e) => setEmailTo(e.target.value)}
            placeholder={t('messagingSettings.testToEmailPlaceholder')}
            style={{ width: 260 }}
          />
          <Button
            onClick={() => void sendTest('email', emailTo)}
            loading={busy === 'test-email'}
            disabled={!status?.email.configured || emailTo.trim().length < 3}
          >
            {t('messagingSettings.sendTest')}
          </Button>
        </Space>
        <ResultLine outcome={smtpOutcome} />

        <Divider titlePlacement="start">{t('messagingSettings.twilio')}</Divider>
        <Form form={twilioForm} name="twilio" layout="vertical" onFinish={(v) => void saveTwilio(v)} requiredMark>
          <Space wrap align="start">
            <Form.Item
              name="accountSid"
              label={t('messagingSettings.accountSid')}
              rules={[
                { required: true, message: t('messagingSettings.required') },
                { pattern: /^AC[0-9a-fA-F]{32}$/, message: t('messagingSettings.invalidSid') },
              ]}
            >
              <Input style={{ width: 320 }} autoComplete="off" placeholder="AC…" />
            </Form.Item>
            <Form.Item name="authToken" label={t('messagingSettings.authToken')}>
              <Input.Password style={{ width: 260 }} autoComplete="new-password" placeholder={secretPlaceholder(status?.sms.configured)} />
            </Form.Item>
          </Space>
          <Space wrap align="start">
            <Form.Item name="from" label={t('messagingSettings.smsFrom')}>
              <Input style={{ width: 200 }} placeholder="+90…" autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="messagingServiceSid"
              label={t('messagingSettings.messagingServiceSid')}
              dependencies={['from']}
              rules={[
                { pattern: /^MG[0-9a-fA-F]{32}$/, message: t('messagingSettings.invalidSid') },
                ({ getFieldValue }) => ({
                  validator: async (_, value?: string) => {
                    const from = (getFieldValue('from') as string | undefined)?.trim();
                    if (!from && !value?.trim()) throw new Error(t('messagingSettings.needSender'));
                  },
                }),
              ]}
            >
              <Input style={{ width: 320 }} placeholder="MG…" autoComplete="off" />
            </Form.Item>
          </Space>
          <Typography.Paragraph type="secondary">{t('messagingSettings.senderHelp')}</Typography.Paragraph>
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy === 'twilio'}>
              {t('messagingSettings.save')}
            </Button>
            {status?.sms.configured && (
              <Button danger onClick={() => void clear('twilio')} loading={busy === 'clear-twilio'}>
                {t('messagingSettings.clear')}
              </Button>
            )}
          </Space>
        </Form>
        <Space wrap style={{ marginTop: 12 }}>
          <label htmlFor="test-sms-to">{t('messagingSettings.testToSms')}</label>
          <Input
            id="test-sms-to"
            type="tel"
            value={smsTo}
            onChange={(e) => setSmsTo(e.target.value)}
            placeholder={t('messagingSettings.testToSmsPlaceholder')}
            style={{ width: 200 }}
          />
          <Button
            onClick={() => void sendTest('sms', smsTo)}
            loading={busy === 'test-sms'}
            disabled={!status?.sms.configured || smsTo.trim().length < 3}
          >
            {t('messagingSettings.sendTest')}
          </Button>
        </Space>
        <ResultLine outcome={smsOutcome} />
      </Card>
    </>
  );
}
