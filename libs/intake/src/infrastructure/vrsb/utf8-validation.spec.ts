import { firstInvalidUtf8Offset, incompleteUtf8TailLength } from './utf8-validation';

describe('UTF-8 structure checks', () => {
  it('finds the first invalid sequence', () => {
    expect(firstInvalidUtf8Offset(Buffer.from('ÉLODIE CŒUR €', 'utf8'))).toBe(Buffer.byteLength('ÉLODIE CŒUR €'));
    expect(firstInvalidUtf8Offset(Buffer.from([0x41, 0xc9, 0x4c]))).toBe(1); // windows-1252 É
    expect(firstInvalidUtf8Offset(Buffer.from([0x41, 0xc0, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8Offset(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0); // surrogate
    expect(firstInvalidUtf8Offset(Buffer.from([0x41, 0x42, 0xe2, 0x82]))).toBe(2); // cut short
  });

  it('measures a sequence continued in the next chunk', () => {
    const euro = Buffer.from('A€', 'utf8'); // 41 E2 82 AC
    expect(incompleteUtf8TailLength(euro)).toBe(0);
    expect(incompleteUtf8TailLength(euro.subarray(0, 3))).toBe(2);
    expect(incompleteUtf8TailLength(euro.subarray(0, 2))).toBe(1);
    expect(incompleteUtf8TailLength(Buffer.from('AB'))).toBe(0);
  });
});
