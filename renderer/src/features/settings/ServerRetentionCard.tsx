// "Sunucudaki verilerin saklama süreleri": how long the server keeps each category of data before
// the daily run deletes or anonymises it (convex/retention.ts), and the destruction log, which
// can be downloaded as a CSV for Turkish Excel. Administrators only (the server refuses others).
import { App, Button, Card, Form, InputNumber, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { destructionLogRow, retentionChannels } from '../../../../shared/contract/retention';
import { displayDateTime, displayInteger, type Lang } from '../../../../shared/domain';
import { RETENTION_CATEGORIES, type RetentionPeriods } from '../../../../shared/domain/retention';
import { call, ClientError } from '../../client/client';
import { useCursorPages } from '../../client/useCursorPages';
import { CursorPager } from '../../ui/CursorPager';
import { destructionLogCsv } from './destructionLogCsv';
import './serverRetentionMessages';

type Row = z.infer<typeof destructionLogRow>;
type Current = z.infer<(typeof retentionChannels)['serverRetention']['output']>;
const PAGE_SIZE = 20;
/** The whole log is at most three years of daily rows per category; read this many per call for the download. */
const DOWNLOAD_PAGE = 200;

export function ServerRetentionCard() {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'tr';
  const { message } = App.useApp();
  const [form] = Form.useForm<RetentionPeriods>();
  const [current, setCurrent] = useState<Current | null>(null);
  const pages = useCursorPages<Row>((cursor) => call('destructionLog', { cursor, numItems: PAGE_SIZE }), [], i18n.language);
  const fail = (e: unknown) => void message.error(e instanceof ClientError ? e.localized(lang) : String(e));

  const load = () =>
    call('serverRetention', {}).then((c) => {
      setCurrent(c);
      form.setFieldsValue(c.periods);
    }, fail);
  useEffect(() => void load(), []);

  const save = async (periods: RetentionPeriods) => {
    try {
      await call('setServerRetention', { periods });
      void message.success(t('serverRetention.saved'));
      await load();
    } catch (e) {
      fail(e);
    }
  };

  const download = async () => {
    try {
      const rows: Row[] = [];
      let cursor: string | null = null;
      for (;;) {
        const res: { page: Row[]; isDone: boolean; continueCursor: string } = await call('destructionLog', { cursor, numItems: DOWNLOAD_PAGE });
        rows.push(...res.page);
        if (res.isDone) break;
        cursor = res.continueCursor;
      }
      const url = URL.createObjectURL(new Blob([destructionLogCsv(rows, lang)], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = lang === 'tr' ? 'imha-kaydi.csv' : 'destruction-log.csv';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      fail(e);
    }
  };

  return (
    <Card title={t('serverRetention.title')}>
      <Typography.Paragraph type="secondary">{t('serverRetention.help')}</Typography.Paragraph>
      {current && (
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
          {RETENTION_CATEGORIES.map((c) => {
            const min = current.minDays[c];
            const max = current.maxDays;
            return (
              <Form.Item
                key={c}
                name={c}
                label={t(`serverRetention.categories.${c}`)}
                extra={t('serverRetention.extra', { days: displayInteger(current.defaults[c], lang), method: t(`serverRetention.methodHelp.${current.methods[c]}`) })}
                rules={[{ required: true, type: 'integer', min, max, message: t('serverRetention.invalid', { min, max: displayInteger(max, lang) }) }]}
              >
                <InputNumber min={min} max={max} style={{ width: 140 }} />
              </Form.Item>
            );
          })}
          <Space>
            <Button htmlType="submit">{t('serverRetention.save')}</Button>
            {current.updatedAt !== undefined && (
              <Typography.Text type="secondary">
                {t('serverRetention.lastChange', { at: displayDateTime(current.updatedAt), name: current.updatedByName ?? '' })}
              </Typography.Text>
            )}
          </Space>
        </Form>
      )}
      <Typography.Title level={4} style={{ marginTop: 24 }}>
        {t('serverRetention.log')}
      </Typography.Title>
      <Table<Row>
        rowKey="id"
        size="small"
        loading={pages.loading}
        pagination={false}
        dataSource={pages.rows}
        locale={{ emptyText: t('serverRetention.logEmpty') }}
        columns={[
          { key: 'at', title: t('serverRetention.at'), dataIndex: 'at', render: (v: number) => displayDateTime(v) },
          { key: 'category', title: t('serverRetention.category'), dataIndex: 'category', render: (v: Row['category']) => t(`serverRetention.categories.${v}`) },
          { key: 'method', title: t('serverRetention.method'), dataIndex: 'method', render: (v: Row['method']) => t(`serverRetention.methods.${v}`) },
          { key: 'count', title: t('serverRetention.count'), dataIndex: 'count', align: 'right', render: (v: number) => displayInteger(v, lang) },
          { key: 'days', title: t('serverRetention.days'), dataIndex: 'days', align: 'right', render: (v: number) => displayInteger(v, lang) },
          { key: 'cutoff', title: t('serverRetention.cutoff'), dataIndex: 'cutoff', render: (v: number) => displayDateTime(v) },
        ]}
      />
      {pages.error && <Typography.Paragraph type="danger" role="alert">{t('errors.generic', { message: pages.error })}</Typography.Paragraph>}
      <Space style={{ marginTop: 12 }} wrap>
        <CursorPager pages={pages} />
        <Button onClick={() => void download()} disabled={pages.rows.length === 0}>
          {t('serverRetention.download')}
        </Button>
      </Space>
    </Card>
  );
}
