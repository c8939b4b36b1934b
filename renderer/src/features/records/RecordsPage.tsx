import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COLLECTIONS, SPECS, optionLabel, type CollectionName, type FieldSpec } from '../../../../shared/domain';
import { call, ClientError } from '../../desktop/client';
import { useEvent } from '../../desktop/useEvent';
import { formatCell } from './formatCell';

type Row = Record<string, string | number | null | undefined>;
const PAGE_SIZE = 25;

export function RecordsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [collection, setCollection] = useState<CollectionName>('beneficiaries');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<string | undefined>();
  // Convex paginates by cursor: keep the cursor of every page visited so "previous" works.
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [page, setPage] = useState<{ rows: Row[]; isDone: boolean; next: string; searchCapped: boolean } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reloadTick, setReloadTick] = useState(0);
  const spec = SPECS[collection];
  const cursor = cursors[cursors.length - 1] ?? null;

  useEffect(() => {
    let stale = false;
    setLoading(true);
    call('listRecords', {
      collection,
      cursor,
      numItems: PAGE_SIZE,
      ...(search.trim() ? { search: search.trim() } : {}),
      ...(status ? { status } : {}),
    })
      .then((r) => !stale && (setPage({ rows: r.page, isDone: r.isDone, next: r.continueCursor, searchCapped: r.searchCapped }), setError(null)))
      .catch((e: unknown) => !stale && setError(e instanceof ClientError ? e.localized(lang) : String(e)))
      .finally(() => !stale && setLoading(false));
    return () => {
      stale = true;
    };
  }, [collection, cursor, search, status, lang, reloadTick]);

  const reload = useCallback(() => setReloadTick((n) => n + 1), []);
  useEvent('dataChanged', (e) => e.collection === collection && reload());

  const resetPaging = () => setCursors([null]);
  const statusField = spec.fields.find((f) => f.key === spec.statusField);

  const columns: ColumnsType<Row> = useMemo(() => {
    const shown: FieldSpec[] = spec.fields.filter((f) => f.key !== 'notes' && f.key !== 'address').slice(0, 9);
    return shown.map((f) => ({
      key: f.key,
      dataIndex: f.key,
      title: f.label[lang],
      render: (v: Row[string], row: Row) => formatCell(collection, f, v, lang, row),
    }));
  }, [spec, collection, lang]);

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
        <Button icon={<ReloadOutlined />} onClick={reload}>
          {t('records.refresh')}
        </Button>
      </Space>
      {error && <Typography.Paragraph type="danger" role="alert">{t('errors.generic', { message: error })}</Typography.Paragraph>}
      {page?.searchCapped && <Alert type="info" showIcon role="status" style={{ marginBottom: 12 }} title={t('records.searchCapped')} />}
      <Table<Row>
        rowKey={(r) => String(r._id)}
        columns={columns}
        dataSource={page?.rows ?? []}
        loading={loading}
        pagination={false}
        size="middle"
        scroll={{ x: true }}
        locale={{ emptyText: t('records.empty') }}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('records.previous')}
        </Button>
        <span aria-live="polite">{t('records.page', { n: cursors.length })}</span>
        <Button disabled={!page || page.isDone} onClick={() => page && setCursors((c) => [...c, page.next])}>
          {t('records.next')}
        </Button>
      </Space>
    </section>
  );
}
