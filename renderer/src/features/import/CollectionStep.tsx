// Step 3: what the rows become. Three plain choices, each with one line saying what it holds.
import { Flex, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { COLLECTIONS, type CollectionName } from '../../../../shared/domain';

export function CollectionStep({ value, onChange }: { value: CollectionName | null; onChange(c: CollectionName): void }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Paragraph id="imp-collection-help">{t('import.collection.help')}</Typography.Paragraph>
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
              <div style={{ color: '#595959' }}>{t(`import.collection.describe.${c}`)}</div>
            </Radio>
          ))}
        </Flex>
      </Radio.Group>
    </div>
  );
}
