import { wireMessageKey } from './message-key';

describe('wireMessageKey', () => {
  it('keeps ordinary keys as they are', () => {
    expect(wireMessageKey('conv-2f1c.letter_1')).toBe('conv-2f1c.letter_1');
  });

  it('percent-encodes the rest, "%" included, so distinct keys stay distinct', () => {
    expect(wireMessageKey('conv:42/sms')).toBe('conv%3A42%2Fsms');
    expect(wireMessageKey('conv%3A42%2Fsms')).toBe('conv%253A42%252Fsms');
    expect(wireMessageKey('é')).toBe('%C3%A9');
  });

  it('never yields a path step or a broken dot-atom', () => {
    expect(wireMessageKey('..')).toBe('%2E%2E');
    expect(wireMessageKey('.hidden')).toBe('%2Ehidden');
    expect(wireMessageKey('a..b')).toBe('a%2E%2Eb');
  });

  it('refuses an empty or oversized key for good', () => {
    expect(() => wireMessageKey('')).toThrow(expect.objectContaining({ reason: 'invalid-message-key' }));
    expect(() => wireMessageKey('k'.repeat(201))).toThrow(expect.objectContaining({ reason: 'invalid-message-key' }));
  });
});
