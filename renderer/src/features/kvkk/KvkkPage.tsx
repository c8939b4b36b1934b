// The KVKK requests desk (issue #25): requests listed by deadline under a filter (open, due this
// week, overdue, closed — by the server's clock), a new request's intake, and one request's log
// with a reply and closing. The server checks the role and audits every step.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Form, Input, Modal, Radio, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { dataRequestView, kvkkChannels } from '../../../../shared/contract/kvkk';
import { displayDateTime } from '../../../../shared/domain';
import { DSR_CHANNELS, DSR_FILTERS, DSR_TYPES, dsrDaysLeft, type DsrFilter } from '../../../../shared/domain/kvkk';
import { hasRole, type Role } from '../../../../shared/domain/roles';
import { call, ClientError } from '../../client/client';
import { useCursorPages } from '../../client/useCursorPages';
import { CursorPager } from '../../ui/CursorPager';
import { day, todayIso } from './days';
import { ErasurePanel } from './ErasurePanel';
import { PersonExport } from './PersonExport';
import './kvkkMessages';

type Request = z.infer<typeof dataRequestView>;
type Detail = NonNullable<z.infer<(typeof kvkkChannels)['getDataRequest']['output']>>;
type Intake = z.input<(typeof kvkkChannels)['createDataRequest']['input']>;
const PAGE_SIZE = 25;

function Deadline({ dueAt, now, open }: { dueAt: number; now: number; open: boolean }) {
  const { t } = useTranslation();
  const left = dsrDaysLeft(dueAt, now);
  return (
    <Space size={4} wrap>
      <span>{day(dueAt)}</span>
      {open && (left < 0 ? <Tag color="red">{t('kvkk.overdueBy', { count: -left })}</Tag> : <Tag color={left <= 7 ? 'orange' : 'default'}>{t('kvkk.daysLeft', { count: left })}</Tag>)}
    </Space>
  );
}

export function KvkkPage({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const errorText = useCallback((e: unknown) => (e instanceof ClientError ? e.localized(lang) : String(e)), [lang]);
  const [filter, setFilter] = useState<DsrFilter>('open');
  const pages = useCursorPages<Request, Awaited<ReturnType<typeof listPage>>>((cursor) => listPage(filter, cursor), [filter], i18n.language);
  const now = pages.current?.now ?? Date.now();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <section aria-labelledby="kvkk-title">
      <Typography.Title level={2} id="kvkk-title">
        {t('kvkk.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('kvkk.help')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Radio.Group
          aria-label={t('kvkk.filterLabel')}
          optionType="button"
          value={filter}
          onChange={(e) => {
            setFilter(e.target.value as DsrFilter);
            pages.reset();
          }}
          options={DSR_FILTERS.map((f) => ({ value: f, label: t(`kvkk.filters.${f}`) }))}
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('kvkk.newRequest')}
        </Button>
      </Space>
      <Table<Request>
        rowKey="_id"
        loading={pages.loading}
        pagination={false}
        dataSource={pages.rows}
        locale={{ emptyText: t('kvkk.empty') }}
        columns={[
          {
            key: 'subject',
            title: t('kvkk.subject'),
            render: (_: unknown, r) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(r._id)}>
                {r.subjectName}
              </Button>
            ),
          },
          { key: 'type', title: t('kvkk.type'), dataIndex: 'type', render: (v: Request['type']) => t(`kvkk.types.${v}`) },
          { key: 'received', title: t('kvkk.receivedAt'), dataIndex: 'receivedAt', render: (v: number) => day(v) },
          { key: 'due', title: t('kvkk.dueAt'), render: (_: unknown, r) => <Deadline dueAt={r.dueAt} now={now} open={r.status === 'open'} /> },
          { key: 'assignee', title: t('kvkk.assignee'), dataIndex: 'assigneeName' },
          { key: 'status', title: t('kvkk.status'), dataIndex: 'status', render: (v: Request['status']) => t(`kvkk.statuses.${v}`) },
        ]}
      />
      {pages.error && (
        <Typography.Paragraph type="danger" role="alert">
          {t('errors.generic', { message: pages.error })}
        </Typography.Paragraph>
      )}
      <CursorPager pages={pages} />
      {creating && (
        <IntakeModal
          onClose={(saved) => {
            setCreating(false);
            if (saved) {
              void message.success(t('kvkk.created'));
              pages.reload();
            }
          }}
          errorText={errorText}
        />
      )}
      {openId && (
        <RequestDrawer
          id={openId}
          role={role}
          errorText={errorText}
          onClose={(changed) => {
            setOpenId(null);
            if (changed) pages.reload();
          }}
        />
      )}
    </section>
  );
}

const listPage = (filter: DsrFilter, cursor: string | null) => call('listDataRequests', { filter, cursor, numItems: PAGE_SIZE });

/** The received day typed as yyyy-mm-dd, taken as 09:00 Türkiye (or now, if that is still ahead). */
function receivedAtOf(iso: string): number {
  return Math.min(Date.now(), Date.parse(`${iso}T09:00:00+03:00`));
}

function IntakeModal({ onClose, errorText }: { onClose: (saved: boolean) => void; errorText: (e: unknown) => string }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Omit<Intake, 'receivedAt'> & { receivedDay: string }>();
  const [colleagues, setColleagues] = useState<{ value: string; label: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('listColleagues', {}).then(
      (rows) => setColleagues(rows.filter((c) => c.role !== 'gozlemci').map((c) => ({ value: c.id, label: c.name }))),
      (e: unknown) => setError(errorText(e)),
    );
  }, [errorText]);
  const required = [{ required: true, message: t('kvkk.required') }];

  const submit = async () => {
    const { receivedDay, subjectNationalId, subjectContact, ...values } = await form.validateFields();
    setBusy(true);
    try {
      await call('createDataRequest', {
        ...values,
        ...(subjectNationalId ? { subjectNationalId } : {}),
        ...(subjectContact ? { subjectContact } : {}),
        receivedAt: receivedAtOf(receivedDay),
      });
      onClose(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('kvkk.newRequest')} okText={t('kvkk.create')} cancelText={t('kvkk.cancel')} confirmLoading={busy} onOk={() => void submit()} onCancel={() => onClose(false)}>
      <Form form={form} layout="vertical" initialValues={{ type: 'access', channel: 'paper', receivedDay: todayIso() }}>
        <Form.Item name="subjectName" label={t('kvkk.subject')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="subjectNationalId" label={t('kvkk.nationalId')}>
          <Input maxLength={11} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="subjectContact" label={t('kvkk.contact')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="type" label={t('kvkk.type')} rules={required}>
          <Select options={DSR_TYPES.map((v) => ({ value: v, label: t(`kvkk.types.${v}`) }))} />
        </Form.Item>
        <Form.Item name="channel" label={t('kvkk.channel')} rules={required}>
          <Select options={DSR_CHANNELS.map((v) => ({ value: v, label: t(`kvkk.channels.${v}`) }))} />
        </Form.Item>
        <Form.Item name="receivedDay" label={t('kvkk.receivedAt')} rules={required}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="identityCheck" label={t('kvkk.identityCheck')} rules={required}>
          <Input maxLength={2000} />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('kvkk.assignee')} rules={required}>
          <Select showSearch optionFilterProp="label" options={colleagues} />
        </Form.Item>
      </Form>
      {error && (
        <Typography.Paragraph type="danger" role="alert">
          {error}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}

function RequestDrawer({ id, role, onClose, errorText }: { id: string; role: Role; onClose: (changed: boolean) => void; errorText: (e: unknown) => string }) {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [changed, setChanged] = useState(false);
  const load = useCallback(() => {
    call('getDataRequest', { id }).then(setDetail, (e: unknown) => setError(errorText(e)));
  }, [id, errorText]);
  useEffect(load, [load]);

  const step = async (work: () => Promise<unknown>) => {
    try {
      await work();
      setNote('');
      setChanged(true);
      load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Drawer open width={560} title={detail ? t('kvkk.details', { name: detail.subjectName }) : ''} onClose={() => onClose(changed)}>
      {detail && (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('kvkk.type')}>{t(`kvkk.types.${detail.type}`)}</Descriptions.Item>
            <Descriptions.Item label={t('kvkk.channel')}>{t(`kvkk.channels.${detail.channel}`)}</Descriptions.Item>
            <Descriptions.Item label={t('kvkk.receivedAt')}>{day(detail.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('kvkk.dueAt')}>
              <Deadline dueAt={detail.dueAt} now={detail.now} open={detail.status === 'open'} />
            </Descriptions.Item>
            <Descriptions.Item label={t('kvkk.identityCheck')}>{detail.identityCheck}</Descriptions.Item>
            <Descriptions.Item label={t('kvkk.assignee')}>{detail.assigneeName}</Descriptions.Item>
            <Descriptions.Item label={t('kvkk.status')}>{t(`kvkk.statuses.${detail.status}`)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={3} style={{ marginTop: 16 }}>
            {t('kvkk.log')}
          </Typography.Title>
          <Timeline
            items={detail.events.map((e) => ({
              key: e._id,
              children: (
                <>
                  <strong>{t(`kvkk.events.${e.kind}`, { day: e.day })}</strong> · {displayDateTime(e.at)}
                  {e.actorName ? ` · ${e.actorName}` : ''}
                  {e.note ? <div>{e.note}</div> : null}
                </>
              ),
            }))}
          />
          {detail.status === 'open' && (
            <Space direction="vertical" style={{ width: '100%' }}>
              <label htmlFor="kvkk-note">{t('kvkk.reply')}</label>
              <Input.TextArea id="kvkk-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
              <Space wrap>
                <Button disabled={note.trim() === ''} onClick={() => void step(() => call('replyDataRequest', { id, note }))}>
                  {t('kvkk.addReply')}
                </Button>
                <Button danger disabled={note.trim() === ''} onClick={() => void step(() => call('closeDataRequest', { id, outcome: note }))}>
                  {t('kvkk.closeRequest')}
                </Button>
              </Space>
            </Space>
          )}
          {detail.subjectNationalId && <PersonExport nationalId={detail.subjectNationalId} requestId={id} />}
          {detail.type === 'erasure' && (detail.subjectNationalId ?? detail.subjectContact) && hasRole(role, 'yonetici') && (
            <ErasurePanel requestId={id} subject={detail.subjectNationalId ? { nationalId: detail.subjectNationalId } : { contact: detail.subjectContact!.trim() }} open={detail.status === 'open'} errorText={errorText} />
          )}
        </>
      )}
      {error && (
        <Typography.Paragraph type="danger" role="alert">
          {error}
        </Typography.Paragraph>
      )}
    </Drawer>
  );
}
