import { describe, expect, test } from 'vitest';
import { isMappingUsable, mappingProblems } from './mappingRules';

describe("the mapping step's problems", () => {
  test("required fields no column feeds, in the collection's order, and fields fed by two columns", () => {
    const problems = mappingProblems('donations', [null, 'amount', 'donorName', 'amount']);
    expect(problems.missing).toEqual(['receiptNo', 'date']);
    expect([...problems.duplicates]).toEqual([['amount', [1, 3]]]);
    expect(isMappingUsable(problems)).toBe(false);
  });

  test('a complete mapping is usable', () => {
    expect(isMappingUsable(mappingProblems('donations', ['receiptNo', 'donorName', 'amount', 'date']))).toBe(true);
  });
});
