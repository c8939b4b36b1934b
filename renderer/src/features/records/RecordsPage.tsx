import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COLLECTIONS, SPECS, displayFieldValue, isCollectionName, optionLabel, type CollectionName, type FieldSpec } from '../../../../shared/domain';
import { fieldAccess } from '../../../../shared/domain/access';
import { hasRole, type Role } from '../../../../shared/domain/roles';
import { call } from '../../client/client';
import { useCursorPages } from '../../client/useCursorPages';
import { useEvent } from '../../client/useEvent';
import { CursorPager } from '../../ui/CursorPager';
import { RecordPage, recordHref, type ConsentTabSlot } from './RecordPage';

type Row = Record<string, string | number | null | undefined>;
const PAGE_SIZE = 25;

/** `#/records/<collection>/<id>` (or `/new`): the record's page; null on the list. */
function parseRecordRoute(): { collection: CollectionName; id: string } | null {
  const [, collection, id] = window.location.hash.replace(/^#\/?/, '').split('/');
  return collection && id && isCollectionName(collection) ? { collection, id: decodeURIComponent(id) } : null;
}

function useRecordRoute() {
  const [route, setRoute] = useState(parseRecordRoute);
  useEffect(() => {
    const onChange = () => setRoute(parseRecordRoute());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function RecordsPage({ role, consentTab }: { role: Role; consentTab?: ConsentTabSlot }) {
  const route = useRecordRoute();
  if (route) return <RecordPage key={`${route.collection}/${route.id}`} collection={route.collection} id={route.id} role={role} consentTab={consentTab} />;
  return <RecordList role={role} />;
}

function RecordList({ role }: { role: Role }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [collection, setCollection] = useState<CollectionName>('beneficiaries');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<string | undefined>();
  const spec = SPECS[collection];
  const pages = useCursorPages<Row, { page: Row[]; isDone: boolean; continueCursor: string; searchCapped: boolean }>(
    (cursor) =>
      call('listRecords', {
        collection,
        cursor,
        numItems: PAGE_SIZE,
        ...(search.trim() ? { search: search.trim() } : {}),
        ...(status ? { status } : {}),
      }),
    [collection, search, status],
    lang,
  );
  useEvent('dataChanged', (e) => e.collection === collection && pages.reload());
  const resetPaging = pages.reset;
  const statusField = spec.fields.find((f) => f.key === spec.statusField);

  const columns: ColumnsType<Row> = useMemo(() => {
    // Only the columns the role may see (the server sends nothing else anyway).
    const shown: FieldSpec[] = spec.fields
      .filter((f) => f.key !== 'notes' && f.key !== 'address' && fieldAccess(role, collection, f.key) !== 'hidden')
      .slice(0, 9);
    return shown.map((f, i) => ({
      key: f.key,
      dataIndex: f.key,
      title: f.label[lang],
      // The first column (name, receipt or document number) opens the record: a link, so the keyboard reaches it.
      render: (v: Row[string], row: Row) =>
        i === 0 ? <a href={recordHref(collection, String(row._id))}>{displayFieldValue(collection, f, v, lang, row)}</a> : displayFieldValue(collection, f, v, lang, row),
    }));
  }, [spec, collection, lang, role]);

  return (
    <section aria-labelledby="records-title">
      <Typography.Title level={2} id="records-title">
        {t('records.title')}
      </Typography.Title>
      <Tabs
        activeKey={collection}
        onChange={(key) => {
          setCollection(key as CollectionName);
          setStatus(undefined);
          resetPaging();
        }}
        items={COLLECTIONS.map((c) => ({ key: c, label: t(`collections.${c}`) }))}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('records.search')}
          aria-describedby="records-search-hint"
          placeholder={t('records.searchPlaceholder')}
          allowClear
          onSearch={(v) => {
            setSearch(v);
            resetPaging();
          }}
          style={{ width: 280 }}
        />
        {statusField?.options && (
          <Select
            aria-label={t('records.status')}
            allowClear
            placeholder={t('records.allStatuses')}
            value={status}
            onChange={(v?: string) => {
              setStatus(v);
              resetPaging();
            }}
            style={{ width: 200 }}
            options={statusField.options.map((o) => ({ value: o.value, label: optionLabel(collection, statusField.key, o.value, lang) }))}
          />
        )}
        <Button icon={<ReloadOutlined />} onClick={pages.reload}>
          {t('records.refresh')}
        </Button>
        {hasRole(role, 'personel') && (
          <Button icon={<PlusOutlined />} href={recordHref(collection, 'new')}>
            {t('record.add')}
          </Button>
        )}
      </Space>
      {/* How the backend searches (only the last word is a prefix): staff otherwise type "meh dem" and wonder. */}
      <Typography.Paragraph type="secondary" id="records-search-hint" style={{ marginTop: -4 }}>
        {t('records.searchHint')}
      </Typography.Paragraph>
      {pages.error && <Typography.Paragraph type="danger" role="alert">{t('errors.generic', { message: pages.error })}</Typography.Paragraph>}
      {pages.current?.searchCapped && <Alert type="info" showIcon role="status" style={{ marginBottom: 12 }} title={t('records.searchCapped')} />}
      <Table<Row>
        rowKey={(r) => String(r._id)}
        columns={columns}
        dataSource={pages.rows}
        loading={pages.loading}
        pagination={false}
        size="middle"
        scroll={{ x: true }}
        locale={{ emptyText: t('records.empty') }}
      />
      <CursorPager pages={pages} />
    </section>
  );
}
