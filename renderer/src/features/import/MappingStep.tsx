// Step 4: each column of the file, a few of its values, the suggested field and how sure the
// suggestion is. Problems that would make the import fail (a required field unmapped, two columns
// on one field) are listed and block "Next"; the rule rows will be matched by is said.
import type { TFunction } from 'i18next';
import { Alert, Segmented, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldLabel, importFields, type CollectionName } from '../../../../shared/domain';
import { describeIdentityRule } from '../../../../shared/domain/mappingProblems';
import type { InspectResult, NumberStyle } from './importTypes';
import { toneStyle } from '../../ui/tones';
import { formatConfidence, sampleValues, type Mapping, type MappingProblems } from './mappingRules';

export interface MappingStepProps {
  collection: CollectionName;
  inspect: InspectResult;
  mapping: Mapping;
  onChange(mapping: Mapping): void;
  numberStyle: NumberStyle;
  onNumberStyle(style: NumberStyle): void;
  problems: MappingProblems;
}

const SKIP = '__skip__';

export function MappingStep({ collection, inspect, mapping, onChange, numberStyle, onNumberStyle, problems }: MappingStepProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  const label = (key: string) => fieldLabel(collection, key, lang);
  const options = [
    { value: SKIP, label: t('import.mapping.skip') },
    ...importFields(collection).map((f) => ({ value: f.key, label: f.required ? `${f.label[lang]} *` : f.label[lang] })),
  ];
  const messages = problemMessages(problems, inspect.headers, label, t);
  // Which identity rule the rows will be matched by: the natural key, or name + birth date … without it.
  const identity = describeIdentityRule(collection, mapping);

  return (
    <div>
      <Typography.Paragraph>{t('import.mapping.help')}</Typography.Paragraph>
      {inspect.rememberedMapping && (
        <Alert type="info" showIcon role="status" style={{ marginBottom: 12 }} title={t('import.mapping.remembered')} />
      )}
      <div className="imp-preview" style={{ maxHeight: 'none', marginBottom: 12 }}>
        <table style={{ width: '100%' }}>
          <thead>
            <tr>
              <th scope="col">{t('import.mapping.column')}</th>
              <th scope="col">{t('import.mapping.sample')}</th>
              <th scope="col">{t('import.mapping.field')}</th>
              <th scope="col">{t('import.mapping.confidence')}</th>
            </tr>
          </thead>
          <tbody>
            {inspect.headers.map((header, col) => {
              const field = mapping[col] ?? null;
              const suggestion = inspect.suggestions?.[col];
              const duplicate = field !== null && problems.duplicates.has(field);
              const samples = sampleValues(inspect.preview, col);
              return (
                <tr key={col}>
                  <th scope="row" style={{ fontWeight: 600 }}>
                    {header || `#${col + 1}`}
                  </th>
                  <td style={{ maxWidth: 280, whiteSpace: 'normal', color: '#434343' }}>
                    {samples.length > 0 ? samples.join(' · ') : <em>{t('import.mapping.empty')}</em>}
                  </td>
                  <td>
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      style={{ width: 260 }}
                      status={duplicate ? 'error' : undefined}
                      aria-label={t('import.mapping.fieldPicker', { header })}
                      data-testid={`map-${col}`}
                      value={field ?? SKIP}
                      options={options}
                      onChange={(v: string) => {
                        const next = [...mapping];
                        while (next.length < inspect.headers.length) next.push(null);
                        next[col] = v === SKIP ? null : v;
                        onChange(next);
                      }}
                    />
                    {duplicate && (
                      <div style={{ color: '#a8071a', fontSize: 12 }} role="note">
                        {t('import.mapping.duplicateCell')}
                      </div>
                    )}
                  </td>
                  <td>
                    {suggestion && suggestion.field && suggestion.field === field ? (
                      <Tag
                        style={toneStyle(suggestion.confidence >= 0.9 ? 'ok' : suggestion.confidence >= 0.7 ? 'warn' : 'error')}
                        aria-label={t('import.mapping.confidenceLabel', { pct: Math.round(suggestion.confidence * 100) })}
                      >
                        {formatConfidence(suggestion.confidence, lang)}
                      </Tag>
                    ) : null}
                    {suggestion?.reason && suggestion.field === field ? (
                      <div style={{ color: '#595959', fontSize: 12, maxWidth: 260, whiteSpace: 'normal' }} data-testid={`map-reason-${col}`}>
                        {suggestion.reason[lang]}
                      </div>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div style={{ marginBottom: 12 }}>
        <span id="imp-number-style" style={{ marginRight: 8, fontWeight: 600 }}>
          {t('import.mapping.numberStyle')}
        </span>
        <Segmented
          aria-labelledby="imp-number-style"
          aria-describedby="imp-number-style-help"
          value={numberStyle}
          onChange={(v) => onNumberStyle(v as NumberStyle)}
          options={[
            { value: 'tr', label: t('import.mapping.numberTr') },
            { value: 'intl', label: t('import.mapping.numberIntl') },
          ]}
        />
        <div id="imp-number-style-help" style={{ color: '#595959', marginTop: 4 }}>
          {t('import.mapping.numberStyleHelp', {
            detected: inspect.numberStyle === 'tr' ? t('import.mapping.numberTr') : t('import.mapping.numberIntl'),
          })}
        </div>
      </div>
      {identity && (
        <Alert type="info" showIcon role="status" style={{ marginBottom: 12 }} data-testid="identity-rule" title={t('import.mapping.identity')} description={identity[lang]} />
      )}
      {messages.length > 0 && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('import.mapping.blocked')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}

export function problemMessages(problems: MappingProblems, headers: string[], label: (key: string) => string, t: TFunction): string[] {
  const out: string[] = [];
  if (problems.missing.length > 0) out.push(t('import.mapping.missing', { fields: problems.missing.map(label).join(', ') }));
  for (const [field, cols] of problems.duplicates) {
    out.push(t('import.mapping.duplicate', { field: label(field), columns: cols.map((c) => headers[c] ?? `#${c + 1}`).join(', ') }));
  }
  return out;
}
