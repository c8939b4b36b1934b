// One record's page (#/records/<collection>/<id>, or …/new to add one): its fields as the viewer's
// role may see them in display formats, the last import that wrote it, correcting it in place
// (staff and administrators), deleting and restoring it (administrators), its history, and a
// person's donations. Opening it goes through records.open, which logs the view on the server.
import { Alert, App as AntApp, Button, Descriptions, Form, Input, Modal, Select, Space, Table, Tabs, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { kvkkChannels } from '../../../../shared/contract/kvkk';
import type { historyEntry, openedRecord, saveResult } from '../../../../shared/contract/records';
import { displayStored, errorMessage, fieldLabel, optionLabel, SPECS, type CollectionName, type FieldError, type FieldSpec, type Lang } from '../../../../shared/domain';
import { fieldAccess } from '../../../../shared/domain/access';
import { displayDateTime, displayFieldValue } from '../../../../shared/domain/display';
import { hasRole, type Role } from '../../../../shared/domain/roles';
import { call, ClientError } from '../../client/client';
import { useCursorPages } from '../../client/useCursorPages';
import { CursorPager } from '../../ui/CursorPager';
import { changedValues, fromFormValues, toFormValues, type FormValues } from './recordForm';
import './recordMessages';

type Opened = z.infer<typeof openedRecord>;
type HistoryEntry = z.infer<typeof historyEntry>;
type SaveResult = z.infer<typeof saveResult>;
type Row = Record<string, string | number | null | undefined>;
/** Whom the consent register keys (a TC Kimlik No, or a donor's e-mail address or mobile number). */
type ConsentSubject = z.input<(typeof kvkkChannels)['consentsOf']['input']>;

/**
 * The consent register's tab on a person's page. It is the kvkk feature's; the shell (app/) hands
 * it in, since a feature never imports another.
 */
export interface ConsentTabSlot {
  label: string;
  render(subject: ConsentSubject, canChange: boolean): ReactNode;
}

const HISTORY_PAGE = 20;
const DONATIONS_PAGE = 20;

export const recordHref = (collection: CollectionName, id: string) => `#/records/${collection}/${id}`;

/** The field naming a record on its page and in links: a person's name, a receipt or document number. */
const TITLE_FIELD: Record<CollectionName, string> = { beneficiaries: 'fullName', donations: 'receiptNo', financeRecords: 'documentNo' };
export const titleOf = (collection: CollectionName, record: Row) => String(record[TITLE_FIELD[collection]] ?? '');

function useLang(): Lang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'tr';
}

/** One history entry's changes, each field before → after in display format. */
function ChangeList({ collection, entry }: { collection: CollectionName; entry: HistoryEntry }) {
  const lang = useLang();
  if (entry.changes.length === 0) return <>{entry.reason ?? ''}</>;
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
      {entry.changes.map((c) => (
        <li key={c.field}>
          {fieldLabel(collection, c.field, lang)}: {displayStored(collection, c.field, c.before, lang)} → {displayStored(collection, c.field, c.after, lang)}
        </li>
      ))}
    </ul>
  );
}

function useKindLabel() {
  const { t } = useTranslation();
  return (entry: HistoryEntry) => t(`record.kinds.${entry.kind}`, { run: entry.runId ? `#${entry.runId.slice(-6)}` : '' });
}

function HistoryTab({ collection, historyKey, version }: { collection: CollectionName; historyKey: string; version: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const kindLabel = useKindLabel();
  const pages = useCursorPages<HistoryEntry>(
    (cursor) => call('recordHistory', { collection, key: historyKey, cursor, numItems: HISTORY_PAGE }),
    [collection, historyKey, version],
    lang,
  );
  return (
    <>
      {pages.error && <Typography.Paragraph type="danger" role="alert">{t('errors.generic', { message: pages.error })}</Typography.Paragraph>}
      <Table<HistoryEntry>
        aria-label={t('record.history')}
        rowKey="id"
        dataSource={pages.rows}
        loading={pages.loading}
        pagination={false}
        size="small"
        locale={{ emptyText: t('record.historyEmpty') }}
        columns={[
          { key: 'at', title: t('record.when'), render: (_: unknown, e) => displayDateTime(e.at) },
          { key: 'who', title: t('record.who'), render: (_: unknown, e) => e.actorName ?? t('record.someone') },
          { key: 'how', title: t('record.how'), render: (_: unknown, e) => kindLabel(e) },
          { key: 'what', title: t('record.what'), render: (_: unknown, e) => <ChangeList collection={collection} entry={e} /> },
        ]}
      />
      <CursorPager pages={pages} />
    </>
  );
}

function DonationsTab({ collection, id }: { collection: 'beneficiaries' | 'donations'; id: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const pages = useCursorPages<Row>((cursor) => call('donationsOf', { collection, id, cursor, numItems: DONATIONS_PAGE }), [collection, id], lang);
  const shown = ['receiptNo', 'date', 'amount', 'status'].map((key) => SPECS.donations.fields.find((f) => f.key === key) as FieldSpec);
  return (
    <>
      {pages.error && <Typography.Paragraph type="danger" role="alert">{t('errors.generic', { message: pages.error })}</Typography.Paragraph>}
      <Table<Row>
        aria-label={collection === 'beneficiaries' ? t('record.donations') : t('record.otherDonations')}
        rowKey={(r) => String(r._id)}
        dataSource={pages.rows}
        loading={pages.loading}
        pagination={false}
        size="small"
        locale={{ emptyText: t('record.donationsEmpty') }}
        columns={shown.map((f) => ({
          key: f.key,
          title: f.label[lang],
          render: (_: unknown, row: Row) =>
            f.key === 'receiptNo' ? <a href={recordHref('donations', String(row._id))}>{String(row.receiptNo)}</a> : displayFieldValue('donations', f, row[f.key], lang, row),
        }))}
      />
      <CursorPager pages={pages} />
    </>
  );
}

/**
 * The form's input for one field: options as a select, long text as a text area, the rest as typed
 * text. Form.Item hands its child the field's id, value and onChange; they must reach the control,
 * or what staff type never reaches the form (a save would send nothing).
 */
function FieldInput({
  collection,
  field,
  ...control
}: {
  collection: CollectionName;
  field: FieldSpec;
  id?: string;
  value?: string;
  onChange?: (value: unknown) => void;
  autoFocus?: boolean;
}) {
  const lang = useLang();
  if (field.options) {
    return (
      <Select
        {...control}
        allowClear={!field.required}
        aria-label={field.label[lang]}
        options={field.options.map((o) => ({ value: o.value, label: optionLabel(collection, field.key, o.value, lang) }))}
      />
    );
  }
  if (field.multiline) return <Input.TextArea {...control} aria-label={field.label[lang]} autoSize={{ minRows: 2, maxRows: 6 }} />;
  return <Input {...control} aria-label={field.label[lang]} />;
}

/** Why a save was refused, in the user's language: the colleague's change, the record holding the key, or gone. */
function Refusal({ collection, result, onReload }: { collection: CollectionName; result: Exclude<SaveResult, { ok: true }>; onReload: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const kindLabel = useKindLabel();
  if (result.reason === 'invalid') return <Alert role="alert" type="error" showIcon title={t('record.fixErrors')} />;
  if (result.reason === 'gone') return <Alert role="alert" type="error" showIcon title={t('record.gone')} />;
  if (result.reason === 'duplicate') {
    return (
      <Alert
        role="alert"
        type="error"
        showIcon
        title={t('record.duplicate', { field: fieldLabel(collection, result.field, lang) })}
        description={<a href={recordHref(collection, result.id)}>{t('record.duplicateLink')}</a>}
      />
    );
  }
  return (
    <Alert
      role="alert"
      type="warning"
      showIcon
      title={t('record.changed')}
      description={
        <>
          <ul style={{ paddingInlineStart: 18 }}>
            {result.changes.map((e) => (
              <li key={e.id}>
                {e.actorName ?? t('record.someone')} · {displayDateTime(e.at)} · {kindLabel(e)}
                <ChangeList collection={collection} entry={e} />
              </li>
            ))}
          </ul>
          <Typography.Paragraph>{t('record.changedHelp')}</Typography.Paragraph>
          <Button onClick={onReload}>{t('record.reload')}</Button>
        </>
      }
    />
  );
}

/** The edit (or add) form: the import's parser and messages on the client, the server's check behind it. */
function RecordForm(props: {
  collection: CollectionName;
  record: Row | null;
  role: Role;
  onSaved: (id: string) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const { collection, record, role, onSaved, onCancel, onReload } = props;
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const [refusal, setRefusal] = useState<Exclude<SaveResult, { ok: true }> | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const fields = SPECS[collection].fields.filter((f) => fieldAccess(role, collection, f.key) === 'full');

  const showErrors = (errors: FieldError[]) => {
    form.setFields(
      fields.map((f) => ({ name: f.key, errors: errors.filter((e) => e.field === f.key).map((e) => errorMessage(e, lang, collection)) })),
    );
  };

  const submit = async () => {
    setRefusal(null);
    setFailure(null);
    const { values, errors } = fromFormValues(collection, form.getFieldsValue(true));
    showErrors(errors);
    if (errors.length > 0) {
      setRefusal({ ok: false, reason: 'invalid', errors });
      return;
    }
    setSaving(true);
    try {
      const result =
        record === null
          ? await call('createRecord', { collection, values: Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) })
          : await call('saveRecord', { collection, id: String(record._id), values: changedValues(record, values), expectedUpdatedAt: Number(record.updatedAt) });
      if (result.ok) {
        void message.success(record === null ? t('record.created') : t('record.saved'));
        onSaved(result.id);
        return;
      }
      if (result.reason === 'invalid') showErrors(result.errors);
      setRefusal(result);
    } catch (e) {
      setFailure(e instanceof ClientError ? e.localized(lang) : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={record ? toFormValues(collection, record) : {}}
      onFinish={() => void submit()}
      // Escape cancels, as in a dialog; not while a select's list is open (Escape closes that).
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target as HTMLElement).closest('.ant-select-open')) onCancel();
      }}
      style={{ maxWidth: 640 }}
    >
      {fields.map((f, i) => (
        <Form.Item key={f.key} name={f.key} label={f.label[lang]} required={f.required}>
          <FieldInput collection={collection} field={f} autoFocus={i === 0} />
        </Form.Item>
      ))}
      {refusal && <Refusal collection={collection} result={refusal} onReload={onReload} />}
      {failure && <Typography.Paragraph type="danger" role="alert">{t('errors.generic', { message: failure })}</Typography.Paragraph>}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('record.save')}
        </Button>
        <Button onClick={onCancel}>{t('record.cancel')}</Button>
      </Space>
    </Form>
  );
}

function DeleteButton({ collection, id, onDeleted }: { collection: CollectionName; id: string; onDeleted: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    if (reason.trim() === '') {
      setError(t('record.reasonRequired'));
      return;
    }
    try {
      await call('deleteRecord', { collection, id, reason: reason.trim() });
      setOpen(false);
      onDeleted();
    } catch (e) {
      setError(e instanceof ClientError ? e.localized(lang) : String(e));
    }
  };
  return (
    <>
      <Button danger onClick={() => setOpen(true)}>
        {t('record.delete')}
      </Button>
      <Modal open={open} title={t('record.deleteTitle')} okText={t('record.delete')} okButtonProps={{ danger: true }} cancelText={t('record.cancel')} onOk={() => void confirm()} onCancel={() => setOpen(false)}>
        <Typography.Paragraph>{t('record.deleteHelp')}</Typography.Paragraph>
        <label htmlFor="delete-reason">{t('record.reason')}</label>
        <Input.TextArea id="delete-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        {error && <Typography.Paragraph type="danger" role="alert">{error}</Typography.Paragraph>}
      </Modal>
    </>
  );
}

export function RecordPage({ collection, id, role, consentTab: consent }: { collection: CollectionName; id: string; role: Role; consentTab?: ConsentTabSlot }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const adding = id === 'new';
  const [opened, setOpened] = useState<Opened | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(adding);
  const [tick, setTick] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const reload = () => setTick((n) => n + 1);

  useEffect(() => {
    setEditing(adding);
    if (adding) return;
    let stale = false;
    setOpened(undefined);
    call('getRecord', { collection, id })
      .then((o) => !stale && setOpened(o))
      .catch((e: unknown) => !stale && setError(e instanceof ClientError ? e.localized(lang) : String(e)));
    return () => {
      stale = true;
    };
  }, [collection, id, tick]);
  // Keyboard and screen-reader users land on the record's name when it opens and when an edit
  // ends (saved or cancelled); while editing, the form's first field has the focus.
  useEffect(() => {
    if (!editing) heading.current?.focus();
  }, [opened, adding, editing]);

  const canEdit = hasRole(role, 'personel');
  const back = (
    <a href={`#/records`} style={{ display: 'inline-block', marginBottom: 8 }}>
      ← {t('record.back')}
    </a>
  );
  if (adding) {
    return (
      <section aria-labelledby="record-title">
        {back}
        <Typography.Title level={2} id="record-title" tabIndex={-1} ref={heading}>
          {t('record.addTitle', { collection: t(`collections.${collection}`) })}
        </Typography.Title>
        <RecordForm collection={collection} record={null} role={role} onSaved={(newId) => (window.location.hash = recordHref(collection, newId))} onCancel={() => (window.location.hash = '#/records')} onReload={reload} />
      </section>
    );
  }
  if (error) return <>{back}<Typography.Paragraph type="danger" role="alert">{t('errors.generic', { message: error })}</Typography.Paragraph></>;
  if (opened === undefined) return <>{back}<Typography.Paragraph role="status">{t('record.loading')}</Typography.Paragraph></>;
  if (opened === null) return <>{back}<Alert role="alert" type="warning" showIcon title={t('record.notFound')} /></>;

  if (opened.state === 'deleted') {
    const restore = async () => {
      const result = await call('restoreRecord', { collection, id });
      if (result.ok) {
        void message.success(t('record.restored'));
        window.location.hash = recordHref(collection, result.id);
      } else if (result.reason === 'duplicate') {
        void message.error(t('record.duplicate', { field: fieldLabel(collection, result.field, lang) }));
      }
    };
    return (
      <section aria-labelledby="record-title">
        {back}
        <Typography.Title level={2} id="record-title" tabIndex={-1} ref={heading}>
          {opened.key}
        </Typography.Title>
        <Alert
          role="status"
          type="warning"
          showIcon
          title={t('record.deleted', { at: displayDateTime(opened.deletedAt), by: opened.actorName ?? t('record.someone') })}
          description={
            <>
              {opened.reason && <div>{t('record.deletedReason', { reason: opened.reason })}</div>}
              <div>{t('record.restorableUntil', { until: displayDateTime(opened.restorableUntil) })}</div>
              {hasRole(role, 'yonetici') && <Button style={{ marginTop: 8 }} onClick={() => void restore()}>{t('record.restore')}</Button>}
            </>
          }
        />
        <Typography.Title level={3}>{t('record.history')}</Typography.Title>
        <HistoryTab collection={collection} historyKey={opened.historyKey} version={tick} />
      </section>
    );
  }

  const { record, historyKey, lastImport } = opened;
  const visible = SPECS[collection].fields.filter((f) => fieldAccess(role, collection, f.key) !== 'hidden');
  const details = (
    <>
      {fieldAccess(role, collection, SPECS[collection].naturalKey) !== 'full' && <Alert type="info" showIcon title={t('record.masked')} style={{ marginBottom: 12 }} />}
      <Descriptions bordered column={1} size="small" items={visible.map((f) => ({ key: f.key, label: f.label[lang], children: displayFieldValue(collection, f, record[f.key], lang, record) }))} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {lastImport ? t('record.lastImport', { file: lastImport.fileName, at: displayDateTime(lastImport.at) }) : t('record.noImport')}
        {' · '}
        {t('record.updatedAt', { at: displayDateTime(Number(record.updatedAt)) })}
      </Typography.Paragraph>
    </>
  );
  // The consent register keys a beneficiary by TC, a donor by TC or else their address; staff only.
  const consentSubject: ConsentSubject | null =
    collection === 'beneficiaries' && record.nationalId
      ? { nationalId: String(record.nationalId) }
      : collection === 'donations' && (record.donorNationalId || record.donorEmail || record.donorPhone)
        ? record.donorNationalId
          ? { nationalId: String(record.donorNationalId) }
          : { contact: String(record.donorEmail ?? record.donorPhone) }
        : null;
  const consentTab =
    consent && consentSubject && canEdit && fieldAccess(role, collection, SPECS[collection].naturalKey) === 'full'
      ? [{ key: 'consent', label: consent.label, children: consent.render(consentSubject, canEdit) }]
      : [];
  const donationsTab =
    collection === 'beneficiaries' || collection === 'donations'
      ? [{ key: 'donations', label: collection === 'beneficiaries' ? t('record.donations') : t('record.otherDonations'), children: <DonationsTab collection={collection} id={id} /> }]
      : [];

  return (
    <section aria-labelledby="record-title">
      {back}
      <Typography.Title level={2} id="record-title" tabIndex={-1} ref={heading}>
        {titleOf(collection, record)}
      </Typography.Title>
      {!editing && (
        <Space style={{ marginBottom: 12 }}>
          {canEdit && <Button type="primary" onClick={() => setEditing(true)}>{t('record.edit')}</Button>}
          {hasRole(role, 'yonetici') && <DeleteButton collection={collection} id={id} onDeleted={reload} />}
        </Space>
      )}
      <Tabs
        items={[
          {
            key: 'details',
            label: t('record.details'),
            children: editing ? (
              <RecordForm
                key={String(record.updatedAt)}
                collection={collection}
                record={record}
                role={role}
                onSaved={() => reload()}
                onCancel={() => setEditing(false)}
                onReload={reload}
              />
            ) : (
              details
            ),
          },
          { key: 'history', label: t('record.history'), children: <HistoryTab collection={collection} historyKey={historyKey} version={tick} /> },
          ...donationsTab,
          ...consentTab,
        ]}
      />
    </section>
  );
}
