import { householdXml } from './__fixtures__/vrsb-builder';
import { parseHouseholdXml } from './household-xml.parser';

describe('parseHouseholdXml (replay of a stored raw XML)', () => {
  it('maps one household', () => {
    const item = parseHouseholdXml(householdXml({ numdemrsa: '00000042059' }), 42);
    expect(item).toMatchObject({ ok: true, ordinal: 42, record: { numdemrsa: '00000042059', persons: [{ nom: 'DUVAL' }] } });
  });

  it('refuses anything but one well-formed InfosFoyerRSA', () => {
    expect(() => parseHouseholdXml('<Personne></Personne>')).toThrow(/MALFORMED_XML: expected one <InfosFoyerRSA>/);
    expect(() => parseHouseholdXml('<InfosFoyerRSA><A></InfosFoyerRSA>')).toThrow(/MALFORMED_XML: XML not well-formed at line 1/);
    expect(() => parseHouseholdXml('')).toThrow(/MALFORMED_XML/);
  });
});
