// A person's consents on their record's page (KVKK Art. 5, 6): which purposes are in force, the
// register's rows (notice version, date, how, who recorded it, withdrawal), recording a new one and
// withdrawing one in force. The server keys the person, checks the role and audits each change.
import { Alert, Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { consentView, kvkkChannels } from '../../../../shared/contract/kvkk';
import { CONSENT_METHODS, CONSENT_PURPOSES, type ConsentPurpose } from '../../../../shared/domain/kvkk';

type ConsentMethod = (typeof CONSENT_METHODS)[number];
import { call, ClientError } from '../../client/client';
import { toneStyle } from '../../ui/tones';
import { day, todayIso } from './days';
import './kvkkMessages';
import { PersonExport } from './PersonExport';

type Consent = z.infer<typeof consentView>;
/** Whom the register keys: a TC Kimlik No, or a donor's e-mail address or mobile number. */
export type ConsentSubject = z.input<(typeof kvkkChannels)['consentsOf']['input']>;


export function ConsentTab({ subject, canChange }: { subject: ConsentSubject; canChange: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [data, setData] = useState<{ inForce: Record<ConsentPurpose, boolean>; rows: Consent[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ purpose: ConsentPurpose; noticeVersion: string; givenDay: string; method: ConsentMethod }>();
  const errorText = useCallback((e: unknown) => (e instanceof ClientError ? e.localized(lang) : String(e)), [lang]);
  const key = JSON.stringify(subject);

  const load = useCallback(() => {
    call('consentsOf', JSON.parse(key) as ConsentSubject).then(
      (d) => {
        setData(d);
        setError(null);
      },
      (e: unknown) => setError(errorText(e)),
    );
  }, [key, errorText]);
  useEffect(load, [load]);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
      load();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const record = async () => {
    const { givenDay, ...values } = await form.validateFields();
    // The day it was given, taken as 09:00 Türkiye (or now, if that is still ahead).
    const givenAt = Math.min(Date.now(), Date.parse(`${givenDay}T09:00:00+03:00`));
    await run(() => call('recordConsent', { ...subject, ...values, givenAt }));
    form.resetFields(['noticeVersion']);
  };
  const withdraw = (purpose: ConsentPurpose) => run(() => call('withdrawConsent', { ...subject, purpose }));
  const purposeName = (p: ConsentPurpose) => t(`kvkk.consent.purposes.${p}`);
  const required = [{ required: true, whitespace: true, message: t('kvkk.required') }];

  return (
    <section aria-labelledby="consent-title">
      <Typography.Title level={3} id="consent-title">
        {t('kvkk.consent.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('kvkk.consent.help')}</Typography.Paragraph>
      {subject.nationalId && <PersonExport nationalId={subject.nationalId} />}
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {data && (
        <ul aria-label={t('kvkk.consent.inForceLabel')} style={{ listStyle: 'none', padding: 0, display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          {CONSENT_PURPOSES.map((p) => (
            <li key={p} data-testid={`consent-${p}`}>
              <Space size={4}>
                <span>{purposeName(p)}:</span>
                <Tag style={toneStyle(data.inForce[p] ? 'ok' : 'neutral')}>{t(data.inForce[p] ? 'kvkk.consent.given' : 'kvkk.consent.none')}</Tag>
                {canChange && data.inForce[p] && (
                  <Button size="small" disabled={busy} onClick={() => void withdraw(p)} aria-label={t('kvkk.consent.withdrawOf', { purpose: purposeName(p) })}>
                    {t('kvkk.consent.withdraw')}
                  </Button>
                )}
              </Space>
            </li>
          ))}
        </ul>
      )}
      {canChange && (
        <Form form={form} layout="inline" style={{ marginBottom: 16, rowGap: 8 }} initialValues={{ purpose: 'sms', method: 'paper', givenDay: todayIso() }} disabled={busy}>
          <Form.Item name="purpose" label={t('kvkk.consent.purpose')} rules={required}>
            <Select style={{ width: 220 }} options={CONSENT_PURPOSES.map((p) => ({ value: p, label: purposeName(p) }))} />
          </Form.Item>
          <Form.Item name="noticeVersion" label={t('kvkk.consent.noticeVersion')} rules={required}>
            <Input maxLength={50} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="givenDay" label={t('kvkk.consent.givenAt')} rules={required}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="method" label={t('kvkk.consent.method')} rules={required}>
            <Select style={{ width: 160 }} options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`kvkk.consent.methods.${m}`) }))} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" onClick={() => void record()} loading={busy}>
              {t('kvkk.consent.record')}
            </Button>
          </Form.Item>
        </Form>
      )}
      <Table<Consent>
        aria-label={t('kvkk.consent.history')}
        rowKey="_id"
        size="small"
        pagination={false}
        loading={data === null && error === null}
        dataSource={data?.rows ?? []}
        locale={{ emptyText: t('kvkk.consent.empty') }}
        columns={[
          { key: 'purpose', title: t('kvkk.consent.purpose'), render: (_: unknown, c) => purposeName(c.purpose) },
          { key: 'version', title: t('kvkk.consent.noticeVersion'), dataIndex: 'noticeVersion' },
          { key: 'given', title: t('kvkk.consent.givenAt'), render: (_: unknown, c) => day(c.givenAt) },
          { key: 'method', title: t('kvkk.consent.method'), render: (_: unknown, c) => t(`kvkk.consent.methods.${c.method}`) },
          { key: 'by', title: t('kvkk.consent.recordedBy'), render: (_: unknown, c) => `${c.recordedByName} · ${day(c.recordedAt)}` },
          {
            key: 'withdrawn',
            title: t('kvkk.consent.withdrawn'),
            render: (_: unknown, c) => (c.withdrawnAt ? `${day(c.withdrawnAt)} · ${c.withdrawnByName ?? ''}` : '—'),
          },
        ]}
      />
    </section>
  );
}
