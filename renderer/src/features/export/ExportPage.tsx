// Export: choose a collection, filters, columns and format; see how many records match; run the
// export as a job with progress and cancel; then download it (web) or open its folder (desktop).
import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Progress, Radio, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDebouncedCall } from '../../client/useDebouncedCall';
import { FilterSelect } from '../../ui/FilterSelect';
import { formatCount } from '../../ui/format';
import { DateRangeFilter } from '../../ui/DateRangeFilter';
import type { ExportFormat } from '../../../../shared/contract/exports';
import { COLLECTIONS, PROVINCES, SPECS, fieldLabel, type CollectionName } from '../../../../shared/domain';
import { call, ClientError } from '../../client/client';
import { downloadHref } from '../../client/host';
import { errorOf } from '../../client/jobState';
import { useJob } from '../../client/useJob';
import { ANONYMISED_YEAR_ONLY, YEAR_ONLY_LABEL } from '../../../../shared/domain/anonymise';
import {
  EXTRA_FILTERS,
  chosenColumns,
  columnAllowed,
  defaultFileName,
  filtersOf,
  initialState,
  jobInputOf,
  moveColumn,
  type ExportFormState,
} from './exportForm';
import './exportMessages';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, type Lang } from '../../../../shared/domain/vocabularies';

const COUNT_DEBOUNCE_MS = 300;

export function ExportPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const [form, setForm] = useState<ExportFormState>(() => initialState('beneficiaries'));
  const { job: run, start: startExport, cancel, reset } = useJob('export');
  const [pickError, setPickError] = useState<unknown>(null);
  const spec = SPECS[form.collection];
  const extras = EXTRA_FILTERS[form.collection];
  const filters = useMemo(() => filtersOf(form), [form]);
  const filterKey = JSON.stringify(filters);
  const errorText = (e: unknown) => (e instanceof ClientError ? e.localized(lang) : String(e));

  // The live count follows the filters.
  const { value: count, error: countError } = useDebouncedCall(
    filterKey,
    () => call('countRecords', JSON.parse(filterKey) as typeof filters),
    errorText,
    COUNT_DEBOUNCE_MS,
  );

  const update = (patch: Partial<ExportFormState>) => setForm((f) => ({ ...f, ...patch }));
  const optionsOf = (key: string) =>
    (spec.fields.find((f) => f.key === key)?.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] }));
  const dateFieldLabel = spec.dateField ? fieldLabel(form.collection, spec.dateField, lang) : t('export.createdAt');
  const columns = chosenColumns(form);
  const allowed = form.columns.filter((c) => columnAllowed(form, c.key));
  const running = run.status === 'running';

  async function start() {
    setPickError(null);
    let picked;
    try {
      picked = await call('pickSavePath', { defaultName: defaultFileName(form), extensions: [EXPORT_EXTENSIONS[form.format]] });
    } catch (e) {
      // Shown like a failed export, in place of the last one's outcome.
      reset();
      setPickError(e);
      return;
    }
    // Desktop: the user closed the save dialog. Web: no dialog; the file is downloaded.
    if (picked.supported && picked.fileId === null) return;
    await startExport(jobInputOf(form, picked.fileId));
  }

  const progress = run.status === 'running' ? run.progress : null;
  const failure = pickError ?? errorOf(run);
  // A capped count gives no percentage: the bar then shows activity, not a made-up share.
  const percent = progress && !progress.totalCapped && progress.totalEstimate > 0 ? Math.min(100, Math.round((progress.rows / progress.totalEstimate) * 100)) : 0;

  return (
    <section aria-labelledby="export-title">
      <Typography.Title level={2} id="export-title">
        {t('export.title')}
      </Typography.Title>
      <Form layout="vertical" style={{ maxWidth: 720 }} disabled={running}>
        <Form.Item label={t('export.collection')} htmlFor="export-collection">
          <Select
            id="export-collection"
            value={form.collection}
            onChange={(c: CollectionName) => setForm((f) => initialState(c, f))}
            options={COLLECTIONS.map((c) => ({ value: c, label: SPECS[c].label[lang] }))}
          />
        </Form.Item>
        <DateRangeFilter
          // Remounted per collection so a range picked for one collection does not linger.
          key={form.collection}
          id="export"
          label={t('export.dateRange', { field: dateFieldLabel })}
          placeholders={[t('export.from'), t('export.to')]}
          onChange={update}
        />
        <Space wrap size="large">
          <FilterSelect id="export-status" label={t('export.status')} anyLabel={t('export.any')} value={form.status} onChange={(v) => update({ status: v })} options={optionsOf(spec.statusField)} />
          {extras.includes('city') && (
            <FilterSelect id="export-city" label={t('export.city')} anyLabel={t('export.any')} value={form.city} onChange={(v) => update({ city: v })} options={PROVINCES.map((p) => ({ value: p, label: p }))} searchable />
          )}
          {extras.includes('category') && (
            <FilterSelect id="export-category" label={t('export.category')} anyLabel={t('export.any')} value={form.category} onChange={(v) => update({ category: v })} options={optionsOf('category')} />
          )}
          {extras.includes('type') && (
            <FilterSelect id="export-type" label={t('export.type')} anyLabel={t('export.any')} value={form.type} onChange={(v) => update({ type: v })} options={optionsOf('type')} />
          )}
        </Space>
        <Form.Item extra={t('export.anonymisedHelp')}>
          <Checkbox checked={form.anonymised} onChange={(e) => update({ anonymised: e.target.checked })}>
            {t('export.anonymised')}
          </Checkbox>
        </Form.Item>
        <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
          <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('export.columns')}</legend>
          <Checkbox
            checked={columns.length === allowed.length}
            indeterminate={columns.length > 0 && columns.length < allowed.length}
            onChange={(e) => update({ columns: form.columns.map((c) => ({ ...c, checked: e.target.checked })) })}
          >
            {t('export.allColumns')}
          </Checkbox>
          <ol style={{ listStyle: 'none', padding: 0, margin: '8px 0 0' }}>
            {form.columns.map((c, i) => {
              const yearOnly = form.anonymised && ANONYMISED_YEAR_ONLY[form.collection].includes(c.key);
              const name = yearOnly ? YEAR_ONLY_LABEL[form.headerLang] : fieldLabel(form.collection, c.key, form.headerLang);
              const offered = columnAllowed(form, c.key);
              return (
                <li key={c.key} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                  <Checkbox
                    checked={c.checked && offered}
                    disabled={!offered}
                    onChange={(e) =>
                      update({ columns: form.columns.map((x) => (x.key === c.key ? { ...x, checked: e.target.checked } : x)) })
                    }
                  >
                    {name}
                  </Checkbox>
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowUpOutlined />}
                    aria-label={t('export.moveUp', { name })}
                    disabled={i === 0}
                    onClick={() => update({ columns: moveColumn(form.columns, i, -1) })}
                  />
                  <Button
                    size="small"
                    type="text"
                    icon={<ArrowDownOutlined />}
                    aria-label={t('export.moveDown', { name })}
                    disabled={i === form.columns.length - 1}
                    onClick={() => update({ columns: moveColumn(form.columns, i, 1) })}
                  />
                </li>
              );
            })}
          </ol>
          {columns.length === 0 && <Typography.Text type="danger">{t('export.noColumns')}</Typography.Text>}
        </fieldset>
        <Form.Item label={t('export.headerLang')}>
          <Radio.Group
            aria-label={t('export.headerLang')}
            value={form.headerLang}
            onChange={(e) => update({ headerLang: e.target.value as Lang })}
            options={[
              { value: 'tr', label: 'Türkçe' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('export.format')} extra={t(`export.formatHelp.${form.format}`)}>
          <Radio.Group aria-label={t('export.format')} value={form.format} onChange={(e) => update({ format: e.target.value as ExportFormat })}>
            <Space direction="vertical">
              {EXPORT_FORMATS.map((f) => (
                <Radio key={f} value={f}>
                  {t(`export.formats.${f}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
      </Form>

      <Typography.Paragraph aria-live="polite">
        {countError
          ? t('errors.generic', { message: countError })
          : count === null
            ? t('export.counting')
            : t(count.capped ? 'export.countCapped' : 'export.count', { count: formatCount(count.count, lang) })}
      </Typography.Paragraph>

      <Space wrap>
        <Button type="primary" onClick={() => void start()} disabled={running || columns.length === 0} loading={running}>
          {t('export.start')}
        </Button>
        {running && <Button onClick={cancel}>{t('export.cancel')}</Button>}
      </Space>

      {running && (
        <div style={{ maxWidth: 720, marginTop: 16 }}>
          <Progress percent={percent} showInfo={!progress?.totalCapped} status="active" aria-label={t('export.title')} />
          <Typography.Text aria-live="polite">
            {t(progress?.totalCapped ? 'export.progressCapped' : 'export.progress', {
              rows: formatCount(progress?.rows ?? 0, lang),
              total: formatCount(progress?.totalEstimate ?? count?.count ?? 0, lang),
            })}
          </Typography.Text>
        </div>
      )}
      <div role="status" style={{ maxWidth: 720, marginTop: 16 }}>
        {run.status === 'done' && (
          <Alert
            type="success"
            showIcon
            message={t('export.done', { rows: run.result.rows })}
            description={
              downloadHref(run.result.downloadId) ? (
                <a href={downloadHref(run.result.downloadId)} download>
                  <DownloadOutlined /> {t('export.download')}
                </a>
              ) : (
                <Space wrap>
                  <Typography.Text copyable>{t('export.savedTo', { path: run.result.file })}</Typography.Text>
                  {run.result.fileId && (
                    <Button icon={<FolderOpenOutlined />} onClick={() => void call('revealFile', { fileId: run.result.fileId! })}>
                      {t('export.openFolder')}
                    </Button>
                  )}
                </Space>
              )
            }
          />
        )}
        {run.status === 'cancelled' && <Alert type="info" showIcon message={t('export.cancelled')} />}
        {failure !== null && <Alert type="error" showIcon message={t('export.failed', { message: errorText(failure) })} />}
      </div>
    </section>
  );
}
