// Step 3: what the rows become. Three plain choices, each with one line saying what it holds; the
// one the file's headers point to is preselected, with the reason, and staff may pick another.
import { Alert, Flex, Radio, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { COLLECTIONS, type CollectionName } from '../../../../shared/domain';
import type { InspectResult } from './importTypes';

export type CollectionGuess = InspectResult['collectionGuess'];

export function CollectionStep({
  value,
  onChange,
  guess,
}: {
  value: CollectionName | null;
  onChange(c: CollectionName): void;
  guess: CollectionGuess | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'tr';
  return (
    <div>
      <Typography.Paragraph id="imp-collection-help">{t('import.collection.help')}</Typography.Paragraph>
      {guess && (
        <Alert
          type={guess.collection ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 16 }}
          role="note"
          aria-label={t('import.collection.guessLabel')}
          title={guess.collection ? t('import.collection.guessed', { collection: t(`collections.${guess.collection}`) }) : t('import.collection.notGuessed')}
          description={guess.reason[lang]}
        />
      )}
      <Radio.Group
        value={value}
        onChange={(e) => onChange(e.target.value as CollectionName)}
        aria-label={t('import.collection.label')}
        aria-describedby="imp-collection-help"
      >
        <Flex vertical gap="middle">
          {COLLECTIONS.map((c) => (
            <Radio key={c} value={c}>
              <strong>{t(`collections.${c}`)}</strong>
              {guess?.collection === c && (
                <Tag color="blue" style={{ marginInlineStart: 8 }}>
                  {t('import.collection.suggested')}
                </Tag>
              )}
              <div style={{ color: '#595959' }}>{t(`import.collection.describe.${c}`)}</div>
            </Radio>
          ))}
        </Flex>
      </Radio.Group>
    </div>
  );
}
