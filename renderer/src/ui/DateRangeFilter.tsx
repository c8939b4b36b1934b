// A labelled "from – to" date filter in Turkish format (dd.MM.yyyy), either end optional, handing
// back ISO dates, as the Export and Bulk send pages use.
import { DatePicker, Form } from 'antd';
import { dottedToIso } from './format';

export interface DateRangeFilterProps {
  /** Prefix of the two inputs' ids: `${id}-from` and `${id}-to`. */
  id: string;
  label: string;
  placeholders: [from: string, to: string];
  onChange(range: { from: string | undefined; to: string | undefined }): void;
}

export function DateRangeFilter({ id, label, placeholders, onChange }: DateRangeFilterProps) {
  return (
    <Form.Item label={label} htmlFor={`${id}-from`}>
      <DatePicker.RangePicker
        id={{ start: `${id}-from`, end: `${id}-to` }}
        format="DD.MM.YYYY"
        placeholder={placeholders}
        allowEmpty={[true, true]}
        onChange={(_, texts) => onChange({ from: dottedToIso(texts[0] ?? ''), to: dottedToIso(texts[1] ?? '') })}
      />
    </Form.Item>
  );
}
