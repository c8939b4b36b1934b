// Bulk send: pick beneficiaries or donors by filters, see how many match and how many each
// channel reaches, write the message, then run the bulkSend job with progress and cancel.
import { Alert, App, Button, Card, Descriptions, Form, Input, Progress, Radio, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedCall } from '../../client/useDebouncedCall';
import { FilterSelect } from '../../ui/FilterSelect';
import type { z } from 'zod';
import type { campaignAudience, campaignFilters, deliveryChannel } from '../../../../shared/contract/messaging';
import { CAMPAIGN_AUDIENCES, DELIVERY_CHANNELS, PROVINCES, SPECS } from '../../../../shared/domain';
import { call, ClientError } from '../../client/client';
import { errorOf } from '../../client/jobState';
import { useJob } from '../../client/useJob';
import { DateRangeFilter } from '../../ui/DateRangeFilter';
import { formatCount } from '../../ui/format';
import './bulkSendMessages';
import { NoSenderWarning, useSendingPcs } from '../../ui/sending/SendingPcs';
import type { Lang } from '../../../../shared/domain/vocabularies';

type Audience = z.infer<typeof campaignAudience>;
type Filters = z.infer<typeof campaignFilters>;
type Channel = z.infer<typeof deliveryChannel>;
type Template = 'notification' | 'meeting_reminder' | 'welcome';

const TEMPLATES: Template[] = ['notification', 'meeting_reminder', 'welcome'];
const PREVIEW_DEBOUNCE_MS = 300;
// Which records each audience is drawn from, and which filters convex/lib/outboxCampaign accepts.
const COLLECTION_OF = { beneficiaries: 'beneficiaries', donors: 'donations' } as const;
const FILTERS_OF: Record<Audience, Array<'city' | 'category'>> = { beneficiaries: ['city', 'category'], donors: [] };

function cleanFilters(f: Filters, audience: Audience): Filters {
  const extras = FILTERS_OF[audience];
  return {
    ...(f.status ? { status: f.status } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.city && extras.includes('city') ? { city: f.city } : {}),
    ...(f.category && extras.includes('category') ? { category: f.category } : {}),
  };
}

export function BulkSendPage() {
  const { t, i18n } = useTranslation();
  const { modal } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [audience, setAudience] = useState<Audience>('beneficiaries');
  const [rawFilters, setFilters] = useState<Filters>({});
  const [channel, setChannel] = useState<Channel>('email');
  const [template, setTemplate] = useState<Template>('notification');
  const [locale, setLocale] = useState<Lang>('tr');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const { job: run, start, cancel } = useJob('bulkSend');
  const errorText = (e: unknown) => (e instanceof ClientError ? e.localized(lang) : String(e));

  const filters = cleanFilters(rawFilters, audience);
  // The channel is part of the count: who lacks consent for it is left out.
  const filterKey = JSON.stringify({ audience, filters, channel });
  const spec = SPECS[COLLECTION_OF[audience]];
  const optionsOf = (key: string) =>
    (spec.fields.find((f) => f.key === key)?.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] }));
  const running = run.status === 'running';
  const senders = useSendingPcs();
  // Counts past the server's bound are "at least".
  const atLeast = (n: number, capped?: boolean) => (capped ? t('bulk.atLeast', { count: formatCount(n, lang) }) : formatCount(n, lang));

  // The live count follows audience and filters.
  const { value: preview, error: previewError } = useDebouncedCall(
    filterKey,
    () => call('previewCampaign', JSON.parse(filterKey) as { audience: Audience; filters: Filters; channel: Channel }),
    errorText,
    PREVIEW_DEBOUNCE_MS,
  );
  // What will be sent: the addresses of those who agreed to the channel.
  const reachable = preview ? (preview.consent?.sendable ?? preview.reachable[channel]) : 0;
  const channelName = t(`bulk.channels.${channel}`);

  const update = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  const send = () => start({ audience, filters, channel, template, locale, title: title.trim(), body: body.trim() });

  const confirmStart = () => {
    modal.confirm({
      title: t('bulk.confirmTitle'),
      content: (
        <>
          {t('bulk.confirmBody', { count: reachable, channel: channelName })}
          {preview?.consent && preview.consent.leftOut > 0 && <div>{t('bulk.leftOut', { count: preview.consent.leftOut, channel: channelName })}</div>}
        </>
      ),
      okText: t('bulk.confirmOk'),
      cancelText: t('bulk.confirmCancel'),
      onOk: () => void send(),
    });
  };

  const progress = run.status === 'running' ? run.progress : null;
  const failure = errorOf(run);
  const total = Math.max(progress?.enqueued ?? 0, reachable, 1);
  const percent = progress ? Math.min(100, Math.round(((progress.sent + progress.failed) / total) * 100)) : 0;
  const smsText = body.trim() ? `${title.trim()}: ${body.trim()}` : title.trim();
  const firstName = preview?.sample[0]?.name ?? '…';
  const canStart = !running && title.trim() !== '' && preview !== null && reachable > 0;

  return (
    <>
      <section aria-labelledby="bulk-title">
        <Typography.Title level={2} id="bulk-title">
          {t('bulk.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('bulk.help')}</Typography.Paragraph>
        <Form layout="vertical" style={{ maxWidth: 760 }} disabled={running}>
          <Form.Item label={t('bulk.audience')}>
            <Radio.Group
              aria-label={t('bulk.audience')}
              value={audience}
              onChange={(e) => {
                setAudience(e.target.value as Audience);
                setFilters({});
              }}
              optionType="button"
              options={CAMPAIGN_AUDIENCES.map((a) => ({ value: a, label: t(`bulk.audiences.${a}`) }))}
            />
          </Form.Item>
          <Space wrap size="large">
            {FILTERS_OF[audience].includes('city') && (
              <FilterSelect id="bulk-city" label={t('bulk.city')} anyLabel={t('bulk.any')} value={rawFilters.city} onChange={(v) => update({ city: v })} options={PROVINCES.map((p) => ({ value: p, label: p }))} searchable />
            )}
            {FILTERS_OF[audience].includes('category') && (
              <FilterSelect id="bulk-category" label={t('bulk.category')} anyLabel={t('bulk.any')} value={rawFilters.category} onChange={(v) => update({ category: v })} options={optionsOf('category')} />
            )}
            <FilterSelect id="bulk-status" label={t('bulk.status')} anyLabel={t('bulk.any')} value={rawFilters.status} onChange={(v) => update({ status: v })} options={optionsOf('status')} />
          </Space>
          <DateRangeFilter
            // Remounted per audience so a range picked for one does not linger.
            key={audience}
            id="bulk"
            label={t('bulk.dateRange', { field: t(audience === 'donors' ? 'bulk.donationDate' : 'bulk.createdAt') })}
            placeholders={[t('bulk.from'), t('bulk.to')]}
            onChange={update}
          />

          <div aria-live="polite" style={{ marginBottom: 16 }}>
            {previewError ? (
              <Alert type="error" showIcon title={t('bulk.previewFailed', { message: previewError })} />
            ) : preview === null ? (
              <Typography.Text>{t('bulk.counting')}</Typography.Text>
            ) : (
              <>
                <Typography.Text strong>{t(preview.capped ? 'bulk.countCapped' : 'bulk.count', { count: formatCount(preview.count, lang) })}</Typography.Text>
                <br />
                <Typography.Text>{t('bulk.reachable', preview.reachable)}</Typography.Text>
                {preview.consent && preview.consent.channel === channel && (
                  <>
                    <br />
                    <Typography.Text data-testid="bulk-consent">
                      {t('bulk.sendable', { count: preview.consent.sendable, channel: channelName })}
                      {preview.consent.leftOut > 0 && (
                        <>
                          {' · '}
                          <strong>{t(preview.consent.capped ? 'bulk.leftOutCapped' : 'bulk.leftOut', { count: preview.consent.leftOut, channel: channelName })}</strong>
                        </>
                      )}
                    </Typography.Text>
                  </>
                )}
              </>
            )}
          </div>
          {preview && (
            <Table
              size="small"
              style={{ marginBottom: 16 }}
              caption={<Typography.Text strong>{t('bulk.sample')}</Typography.Text>}
              rowKey={(_, i) => String(i)}
              pagination={false}
              dataSource={preview.sample}
              locale={{ emptyText: t('bulk.noSample') }}
              columns={[
                { key: 'name', dataIndex: 'name', title: t('bulk.sampleName') },
                { key: 'email', dataIndex: 'email', title: t('bulk.sampleEmail') },
                { key: 'phone', dataIndex: 'phone', title: t('bulk.samplePhone') },
              ]}
            />
          )}

          <Space wrap size="large">
            <Form.Item label={t('bulk.channel')}>
              <Radio.Group
                aria-label={t('bulk.channel')}
                value={channel}
                onChange={(e) => setChannel(e.target.value as Channel)}
                options={DELIVERY_CHANNELS.map((c) => ({ value: c, label: t(`bulk.channels.${c}`) }))}
              />
            </Form.Item>
            <Form.Item label={t('bulk.template')} htmlFor="bulk-template">
              <Select
                id="bulk-template"
                value={template}
                onChange={(v: Template) => setTemplate(v)}
                options={TEMPLATES.map((k) => ({ value: k, label: t(`bulk.templates.${k}`) }))}
                style={{ width: 220 }}
              />
            </Form.Item>
            <Form.Item label={t('bulk.locale')}>
              <Radio.Group
                aria-label={t('bulk.locale')}
                value={locale}
                onChange={(e) => setLocale(e.target.value as Lang)}
                options={[
                  { value: 'tr', label: 'Türkçe' },
                  { value: 'en', label: 'English' },
                ]}
              />
            </Form.Item>
          </Space>
          <Form.Item label={t('bulk.subject')} htmlFor="bulk-subject" required>
            <Input id="bulk-subject" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          </Form.Item>
          <Form.Item
            label={t('bulk.body')}
            htmlFor="bulk-body"
            extra={channel === 'sms' ? t('bulk.smsLength', { count: smsText.length }) : undefined}
          >
            <Input.TextArea id="bulk-body" rows={5} value={body} maxLength={5000} onChange={(e) => setBody(e.target.value)} />
          </Form.Item>
        </Form>

        {title.trim() !== '' && (
          <Card size="small" title={t('bulk.preview')} style={{ maxWidth: 760, marginBottom: 16 }}>
            {channel === 'email' ? (
              <div style={{ whiteSpace: 'pre-wrap' }}>
                <Typography.Text strong>{title.trim()}</Typography.Text>
                {'\n\n'}
                {t('bulk.previewGreeting', { name: firstName })}
                {'\n\n'}
                {body.trim()}
              </div>
            ) : (
              <div style={{ whiteSpace: 'pre-wrap' }}>{smsText}</div>
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
              {t('bulk.previewNote')}
            </Typography.Paragraph>
          </Card>
        )}

        <NoSenderWarning pcs={senders} channels={[channel]} />
        <Space wrap>
          <Button type="primary" onClick={confirmStart} disabled={!canStart} loading={running}>
            {t('bulk.start')}
          </Button>
          {running && <Button onClick={cancel}>{t('bulk.cancel')}</Button>}
          {preview !== null && reachable === 0 && !running && <Typography.Text type="warning">{t('bulk.nobody')}</Typography.Text>}
        </Space>

        {running && (
          <div style={{ maxWidth: 760, marginTop: 16 }}>
            <Progress percent={percent} status="active" aria-label={t('bulk.title')} />
            <Typography.Text aria-live="polite">
              {t('bulk.progress', { enqueued: progress?.enqueued ?? 0, sent: atLeast(progress?.sent ?? 0, progress?.capped), failed: atLeast(progress?.failed ?? 0, progress?.capped) })}
              {(progress?.waiting ?? 0) > 0 && ` · ${t('bulk.waitingCount', { count: progress!.waiting! })}`}
            </Typography.Text>
          </div>
        )}
        <div role="status" style={{ maxWidth: 760, marginTop: 16 }}>
          {run.status === 'done' && (
            <Alert
              type={run.result.failed > 0 ? 'warning' : 'success'}
              showIcon
              title={t(run.result.status === 'delivered' ? 'bulk.done' : 'bulk.doneEnqueued')}
              description={
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('bulk.enqueued')}>{run.result.enqueued}</Descriptions.Item>
                  <Descriptions.Item label={t('bulk.sent')}>{atLeast(run.result.sent, run.result.capped)}</Descriptions.Item>
                  <Descriptions.Item label={t('bulk.failed')}>{atLeast(run.result.failed, run.result.capped)}</Descriptions.Item>
                  {(run.result.waiting ?? 0) > 0 && <Descriptions.Item label={t('bulk.waiting')}>{run.result.waiting}</Descriptions.Item>}
                  <Descriptions.Item label={t('bulk.unreachable')}>{run.result.unreachable}</Descriptions.Item>
                  <Descriptions.Item label={t('bulk.noConsent')}>{run.result.noConsent}</Descriptions.Item>
                </Descriptions>
              }
            />
          )}
          {run.status === 'cancelled' && <Alert type="info" showIcon title={t('bulk.cancelled')} />}
          {failure !== null && <Alert type="error" showIcon title={t('bulk.failedRun', { message: errorText(failure) })} />}
        </div>
      </section>
    </>
  );
}
