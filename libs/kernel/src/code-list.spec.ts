import { isOneOf } from './code-list';

describe('isOneOf', () => {
  const STATUSES = ['draft', 'signed'] as const;
  it('is true for a code of the list only', () => {
    expect(isOneOf(STATUSES, 'signed')).toBe(true);
    expect(isOneOf(STATUSES, 'ended')).toBe(false);
    expect(isOneOf(STATUSES, null)).toBe(false);
    expect(isOneOf(STATUSES, undefined)).toBe(false);
    expect(isOneOf(STATUSES, 1)).toBe(false);
  });
});
