// Every action the server can write into the audit log has a name on the Audit page in both
// languages: an entry never shows as a bare code such as `dsr_intake`.
import { expect, test } from 'vitest';
import { AUDIT_ACTIONS } from '../../../shared/domain/audit';
import { en } from './en';
import { tr } from './tr';

test.each(AUDIT_ACTIONS)('audit action %s has a Turkish and an English name', (action) => {
  const names = [(tr.audit.actions as Record<string, string>)[action], (en.audit.actions as Record<string, string>)[action]];
  for (const name of names) {
    expect(name, action).toBeTypeOf('string');
    expect(name!.trim()).not.toBe('');
    expect(name).not.toBe(action);
  }
  expect(names[0]).not.toBe(names[1]);
});

test('the page names no action the server cannot write', () => {
  expect(Object.keys(tr.audit.actions).sort()).toEqual([...AUDIT_ACTIONS].sort());
  expect(Object.keys(en.audit.actions).sort()).toEqual([...AUDIT_ACTIONS].sort());
});
