import { describe, expect, it } from 'vitest';
import { emailRule, phoneRule } from './formRules';

// antd calls a rule's validator with (rule, value); a rejection is the field's error.
const check = (rule: ReturnType<typeof emailRule>, value: unknown) =>
  (rule as { validator: (r: unknown, v: unknown) => Promise<void> }).validator({}, value);

describe('form rules apply the domain checks', () => {
  it('e-mail: the domain rule, empty passes', async () => {
    await expect(check(emailRule('bad'), 'ayse@kafkasder.org.tr')).resolves.toBeUndefined();
    await expect(check(emailRule('bad'), '')).resolves.toBeUndefined();
    await expect(check(emailRule('bad'), 'ayse@kafkasder')).rejects.toThrow('bad');
  });

  it('phone: a Turkish mobile in any common spelling, empty passes', async () => {
    await expect(check(phoneRule('bad'), '0532 123 45 67')).resolves.toBeUndefined();
    await expect(check(phoneRule('bad'), undefined)).resolves.toBeUndefined();
    await expect(check(phoneRule('bad'), '0212 555 12 34')).rejects.toThrow('bad');
  });
});
