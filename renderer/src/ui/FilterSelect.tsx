// A labelled, clearable filter drop-down ("any" when empty), as the Export and Bulk send pages use
// for status, province, category and type.
import { Form, Select } from 'antd';

export interface FilterSelectProps {
  id: string;
  label: string;
  /** Shown when nothing is chosen, e.g. "Tümü". */
  anyLabel: string;
  value: string | undefined;
  onChange(value: string | undefined): void;
  options: Array<{ value: string; label: string }>;
  /** Type to filter: for long lists such as the 81 provinces. */
  searchable?: boolean;
}

export function FilterSelect({ id, label, anyLabel, value, onChange, options, searchable }: FilterSelectProps) {
  return (
    <Form.Item label={label} htmlFor={id}>
      <Select
        id={id}
        allowClear
        showSearch={searchable}
        placeholder={anyLabel}
        value={value}
        onChange={(v?: string) => onChange(v)}
        options={options}
        style={{ width: 200 }}
      />
    </Form.Item>
  );
}
