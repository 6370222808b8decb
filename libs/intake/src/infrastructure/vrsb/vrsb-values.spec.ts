import { normaliseBoolean, normaliseDate, normaliseDecimal, normaliseInteger, normaliseTime, parseCounter, timeZoneOf, trimToNull } from './vrsb-values';

describe('VRSB value formats (CAF-FORMAT §3)', () => {
  describe('trimToNull', () => {
    it('trims fixed-width padding and turns blanks into null', () => {
      expect(trimToNull('CG  ')).toBe('CG');
      expect(trimToNull('  093\n')).toBe('093');
      expect(trimToNull('   ')).toBeNull();
      expect(trimToNull('')).toBeNull();
      expect(trimToNull(null)).toBeNull();
      expect(trimToNull(undefined)).toBeNull();
    });
  });

  describe('normaliseDate', () => {
    it.each(['2024-02-29', '2000-02-29', '1986-12-31', '2023-01-01'])('accepts the real day %s', (date) => {
      expect(normaliseDate(date)).toBe(date);
    });

    it.each(['2023-02-30', '2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-01-00', '0000-01-01'])(
      'refuses the impossible day %s',
      (date) => {
        expect(normaliseDate(date)).toBeUndefined();
      },
    );

    it.each(['24-01-01', '2024/01/01', '2024-1-01', '20240101', '2024-01-01T00:00', 'abcd-ef-gh', ''])('refuses the malformed %s', (date) => {
      expect(normaliseDate(date)).toBeUndefined();
    });

    it('drops an xsd:date time zone', () => {
      expect(normaliseDate('2024-03-05Z')).toBe('2024-03-05');
      expect(normaliseDate('2024-03-05+01:00')).toBe('2024-03-05');
      expect(normaliseDate('2024-03-05+1:00')).toBeUndefined();
    });
  });

  describe('normaliseTime', () => {
    it('normalises every fraction the CAF writes to microseconds', () => {
      expect(normaliseTime('01:18:36.0000')).toBe('01:18:36.000000');
      expect(normaliseTime('03:00:17.52')).toBe('03:00:17.520000');
      expect(normaliseTime('21:27:00')).toBe('21:27:00.000000');
      expect(normaliseTime('23:59:59.1234567')).toBe('23:59:59.123456');
      expect(normaliseTime('00:00:00.5Z')).toBe('00:00:00.500000');
    });

    it('reads 24:00:00, the end of the day xsd:time allows, with or without a zero fraction or a zone', () => {
      expect(normaliseTime('24:00:00')).toBe('24:00:00.000000');
      expect(normaliseTime('24:00:00.0000')).toBe('24:00:00.000000');
      expect(normaliseTime('24:00:00Z')).toBe('24:00:00.000000');
    });

    it.each(['24:00:01', '24:01:00', '24:00:00.5', '25:00:00', '12:60:00', '12:00:60', '1:18:36', '01:18', '01:18:36.', '01-18-36', '01:18:36.5x'])('refuses %s', (time) => {
      expect(normaliseTime(time)).toBeUndefined();
    });
  });

  describe('timeZoneOf', () => {
    it.each([
      ['01:18:36.0000', null],
      ['21:27:00', null],
      ['00:00:00.5Z', 'Z'],
      ['13:07:00Z', 'Z'],
      ['13:07:00+05:00', '+05:00'],
      ['13:07:00.123456789-03:30', '-03:30'],
    ])('%s gives %s', (time, zone) => {
      expect(normaliseTime(time)).toBeDefined();
      expect(timeZoneOf(time)).toBe(zone);
    });
  });

  describe('normaliseBoolean', () => {
    it('reads xsd:boolean in both spellings', () => {
      expect(normaliseBoolean('1')).toBe(true);
      expect(normaliseBoolean('true')).toBe(true);
      expect(normaliseBoolean('0')).toBe(false);
      expect(normaliseBoolean('false')).toBe(false);
    });

    it.each(['2', 'O', 'N', 'TRUE', 'yes', ''])('refuses %s', (value) => {
      expect(normaliseBoolean(value)).toBeUndefined();
    });
  });

  describe('normaliseDecimal', () => {
    it.each([
      ['0001675.00', '1675.00'],
      ['-12.50', '-12.50'],
      ['-12.5', '-12.50'],
      ['12', '12.00'],
      ['+5', '5.00'],
      ['.5', '0.50'],
      ['0000000.00', '0.00'],
      ['-0.00', '0.00'],
      ['000', '0.00'],
      ['1.230', '1.23'],
      ['1.234', '1.234'],
      ['12.', '12.00'],
    ])('%s → %s', (raw, normalised) => {
      expect(normaliseDecimal(raw)).toBe(normalised);
    });

    it.each(['', '.', '-', '1,50', '1.2.3', '12a', '1e3', ' 12'])('refuses %p', (raw) => {
      expect(normaliseDecimal(raw)).toBeUndefined();
    });

    it('counts significant digits against the schema facets (totalDigits 9, fractionDigits 2)', () => {
      expect(normaliseDecimal('0009999999.99', 9, 2)).toBe('9999999.99');
      expect(normaliseDecimal('999999999', 9, 2)).toBe('999999999.00');
      expect(normaliseDecimal('1.2300', 9, 2)).toBe('1.23');
      expect(normaliseDecimal('1000000000', 9, 2)).toBeUndefined();
      expect(normaliseDecimal('99999999.99', 9, 2)).toBeUndefined();
      expect(normaliseDecimal('0.001', 9, 2)).toBeUndefined();
    });
  });

  describe('normaliseInteger', () => {
    it('keeps the CAF width and its leading zeros, drops zeros padding beyond it', () => {
      expect(normaliseInteger('042135700000000', 15)).toBe('042135700000000');
      expect(normaliseInteger('01000', 5)).toBe('01000');
      expect(normaliseInteger('1000', 5)).toBe('1000');
      expect(normaliseInteger('01', 1)).toBe('1');
      expect(normaliseInteger('00', 1)).toBe('0');
    });

    it('reads the plus sign xsd:integer allows', () => {
      expect(normaliseInteger('+1', 1)).toBe('1');
      expect(normaliseInteger('+034', 3)).toBe('034');
    });

    it.each([['12', 1], ['1234567800000000', 15], ['-1', 2], ['+', 2], ['++1', 2], ['+-1', 2], ['', 2], ['1.0', 3], ['2A004', 5]])('refuses %p with %p digits', (raw, digits) => {
      expect(normaliseInteger(raw as string, digits as number)).toBeUndefined();
    });
  });

  describe('parseCounter', () => {
    it('reads zero-padded counters', () => {
      expect(parseCounter('00000001')).toBe(1);
      expect(parseCounter('00100000')).toBe(100000);
      expect(parseCounter('0')).toBe(0);
      expect(parseCounter('99999999')).toBe(99999999);
      expect(parseCounter('000099999999')).toBe(99999999);
    });

    // At most 8 digits (vrsb0801.xsd): a 13-digit NIR shifted into the footer is no count.
    it.each(['', '-1', '1.0', 'abc', '0000000000000001', '100000000', '2880459000073'])('refuses %p', (raw) => {
      expect(parseCounter(raw)).toBeUndefined();
    });
  });
});
