// Step 2: which sheet (workbooks) and which row holds the headers, with the first rows shown so
// staff can see at a glance whether the columns line up.
import { Form, InputNumber, Select, Spin, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { displayImportCell, getField, suggestMapping, type CollectionName, type FieldSpec } from '../../../../shared/domain';
import { formatBytes } from './importFormat';
import type { InspectResult } from './importTypes';

export interface SourceStepProps {
  inspect: InspectResult;
  /** The record type chosen, once it is (the preview's columns then show as its fields). */
  collection: CollectionName | null;
  loading: boolean;
  onSheet(sheet: string): void;
  onHeaderRow(row: number): void;
}

const DELIMITER_NAMES: Record<string, string> = { ';': '; (noktalı virgül / semicolon)', ',': ', (virgül / comma)', '\t': 'TAB', '|': '|' };

export function SourceStep({ inspect, collection, loading, onSheet, onHeaderRow }: SourceStepProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <div>
      <Typography.Paragraph>{t('import.source.help')}</Typography.Paragraph>
      <Typography.Paragraph>
        <strong>{inspect.name}</strong> —{' '}
        {[
          t('import.file.details', {
            format: inspect.format.toUpperCase(),
            size: formatBytes(inspect.sizeBytes, lang),
            columns: inspect.headers.length,
          }),
          inspect.encoding ? t('import.file.encoding', { encoding: inspect.encoding }) : null,
          inspect.delimiter ? t('import.file.delimiter', { delimiter: DELIMITER_NAMES[inspect.delimiter] ?? inspect.delimiter }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Paragraph>
      {inspect.detection && (
        <Typography.Paragraph data-testid="imp-detection" style={{ color: '#434343' }}>
          {[inspect.detection.sheet, inspect.detection.headerRow].map((r) => r && (lang === 'en' ? r.en : r.tr)).filter(Boolean).join(' · ')}
        </Typography.Paragraph>
      )}
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        {inspect.format === 'xlsx' && inspect.sheets.length > 0 && (
          <Form.Item label={t('import.source.sheet')} htmlFor="imp-sheet">
            <Select
              id="imp-sheet"
              style={{ minWidth: 200 }}
              value={inspect.sheet ?? inspect.sheets[0]}
              onChange={onSheet}
              options={inspect.sheets.map((s) => ({ value: s, label: s }))}
            />
          </Form.Item>
        )}
        <Form.Item label={t('import.source.headerRow')} htmlFor="imp-header-row">
          <InputNumber
            id="imp-header-row"
            min={1}
            max={1000}
            value={inspect.headerRow}
            onChange={(v) => typeof v === 'number' && v >= 1 && onHeaderRow(v)}
          />
        </Form.Item>
        {loading && <Spin size="small" aria-label={t('import.source.loading')} />}
      </Form>
      <PreviewTable inspect={inspect} collection={collection} />
    </div>
  );
}

/**
 * Each column's field as far as known here: the file's suggestions for the record type chosen (the
 * file is inspected again with it), else the header's field in the record type the headers point to.
 */
function previewFields(inspect: InspectResult, chosen: CollectionName | null): (FieldSpec | undefined)[] {
  const collection = chosen ?? inspect.collectionGuess.collection;
  if (!collection) return inspect.headers.map(() => undefined);
  const keys = (chosen ? inspect.suggestions?.map((s) => s.field) : undefined) ?? suggestMapping(collection, inspect.headers).map((s) => s.field);
  return keys.map((k) => (k ? getField(collection, k) : undefined));
}

/** The first rows as staff will see them in Records: Turkish dates, amounts and phones (displayImportCell). */
export function PreviewTable({ inspect, collection }: { inspect: InspectResult; collection: CollectionName | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const fields = useMemo(() => previewFields(inspect, collection), [inspect, collection]);
  return (
    <div className="imp-preview" tabIndex={0} role="region" aria-labelledby="imp-preview-caption">
      <table>
        <caption id="imp-preview-caption" style={{ textAlign: 'left', padding: 6, fontWeight: 600 }}>
          {t('import.source.preview')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('import.source.rowNumber')}</th>
            {inspect.headers.map((h, i) => (
              <th scope="col" key={i}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {inspect.preview.slice(0, 10).map((r) => (
            <tr key={r.rowNumber}>
              <th scope="row" style={{ color: '#595959', fontWeight: 400 }}>
                {r.rowNumber}
              </th>
              {inspect.headers.map((_, i) => (
                <td key={i}>{displayImportCell(fields[i], r.cells[i], lang)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
