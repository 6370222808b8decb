import * as iconv from 'iconv-lite';
import { householdItems, readAll } from './__fixtures__/read-all';
import { headerXml, householdXml, vrsbDocument, type DocumentFixture } from './__fixtures__/vrsb-builder';
import { FileFaultError } from './file-fault.error';

const encode = (text: string) => iconv.encode(text, 'windows-1252');
const read = (d: DocumentFixture) => readAll(encode(vrsbDocument(d)));

describe('readVrsb — file-level faults (CAF-FORMAT §13.6)', () => {
  it('throws FileFaultError with its code', async () => {
    const { error } = await readAll(Buffer.alloc(0));
    expect(error).toBeInstanceOf(FileFaultError);
    expect(error).toBeInstanceOf(Error);
    expect(error?.code).toBe('EMPTY_FILE');
    expect(error?.message).toBe('EMPTY_FILE: the file is empty (0 bytes)');
  });

  it('EMPTY_FILE: blanks or a lone byte-order mark', async () => {
    expect((await readAll(Buffer.from(' \n\t\n'))).error?.code).toBe('EMPTY_FILE');
    expect((await readAll(Buffer.from([0xef, 0xbb, 0xbf]))).error?.code).toBe('EMPTY_FILE');
  });

  it('MALFORMED_XML: a root element other than Racine', async () => {
    const { events, error } = await readAll(Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<RacineFinanciere>\n</RacineFinanciere>\n'));
    expect(events).toEqual([]);
    expect(error?.code).toBe('MALFORMED_XML');
    expect(error?.message).toContain('<RacineFinanciere>');
  });

  it('MALFORMED_XML: a well-formedness error, with its line and column, after the households before it', async () => {
    const broken = householdXml({ numdemrsa: '00000002059' }).replace('<NUMORG>591</NUMORG>', '<NUMORG>591</NUMORGX>');
    const text = vrsbDocument({ households: [{ numdemrsa: '00000001059' }, broken] });
    const { events, error } = await readAll(encode(text));
    expect(error?.code).toBe('MALFORMED_XML');
    const line = text.split('\n').findIndex((l) => l.includes('</NUMORGX>')) + 1;
    expect(error?.message).toMatch(new RegExp(`^MALFORMED_XML: XML not well-formed at line ${line}, column \\d+: `));
    expect(events.map((e) => e.type)).toEqual(['header', 'household']);
    for (const size of [1, 7]) expect(await readAll(encode(text), size)).toEqual({ events, error });
  });

  it('MALFORMED_XML: text after the root element', async () => {
    const { error } = await readAll(encode(`${vrsbDocument()}garbage`));
    expect(error?.code).toBe('MALFORMED_XML');
  });

  it('MISSING_HEADER: no IdentificationFlux before the households', async () => {
    const { events, error } = await read({ header: null });
    expect(events).toEqual([]);
    expect(error?.code).toBe('MISSING_HEADER');
    expect(error?.message).toContain('before any IdentificationFlux');
  });

  it('MISSING_HEADER: no IdentificationFlux at all', async () => {
    const { error } = await read({ header: null, households: [] });
    expect(error?.code).toBe('MISSING_HEADER');
  });

  it.each([
    [{ dtCreaFlux: '' }, 'MISSING_HEADER', 'IdentificationFlux/DTCREAFLUX (creation date) is missing'],
    [{ dtCreaFlux: '2024-02-30' }, 'INVALID_HEADER', 'IdentificationFlux/DTCREAFLUX is not a real date'],
    [{ heuCreaFlux: '' }, 'MISSING_HEADER', 'IdentificationFlux/HEUCREAFLUX (creation time) is missing'],
    [{ heuCreaFlux: '25:00:00' }, 'INVALID_HEADER', 'IdentificationFlux/HEUCREAFLUX is not a time'],
    // A stock without the period it describes could pass for newer than the daily files after it.
    [{ dtRef: '' }, 'MISSING_HEADER', 'IdentificationFlux/DTREF (reference date) is missing'],
    [{ dtRef: '', typeFlux: 'I' }, 'MISSING_HEADER', 'IdentificationFlux/DTREF (reference date) is missing'],
    [{ dtRef: '2024-02-30' }, 'INVALID_HEADER', 'IdentificationFlux/DTREF is not a real date'],
  ])('MISSING_HEADER / INVALID_HEADER: a header without a usable creation timestamp %#', async (fixture, code, message) => {
    const { events, error } = await read(fixture);
    expect(events).toEqual([]);
    expect(error?.code).toBe(code);
    expect(error?.message).toBe(`${code}: ${message}`);
  });

  it('INVALID_HEADER: an application name or version longer than vrsb0801.xsd allows', async () => {
    const long = (from: string, to: string) => read({ header: headerXml().replace(from, to) });
    expect((await long('<APPLIEME>CRI</APPLIEME>', '<APPLIEME>CRISTAL-CNAF</APPLIEME>')).error?.message).toBe(
      'INVALID_HEADER: IdentificationFlux/APPLIEME is longer than the 3 characters vrsb0801.xsd allows',
    );
    expect((await long('<NUMVERSIONAPPLIEME>6200</NUMVERSIONAPPLIEME>', '<NUMVERSIONAPPLIEME>6200.01-beta</NUMVERSIONAPPLIEME>')).error?.message).toBe(
      'INVALID_HEADER: IdentificationFlux/NUMVERSIONAPPLIEME is longer than the 4 characters vrsb0801.xsd allows',
    );
    expect((await long('<APPLIEME>CRI</APPLIEME>', '<APPLIEME>  CRI </APPLIEME>')).error).toBeNull();
  });

  it('INVALID_FOOTER: a count that is not one', async () => {
    const footer = '<TransmissionFlux>\n<NBTOTDOSRSATRANSM>12a</NBTOTDOSRSATRANSM>\n</TransmissionFlux>\n';
    expect((await read({ footer })).error?.message).toBe('INVALID_FOOTER: TransmissionFlux/NBTOTDOSRSATRANSM is not a count of at most 8 digits');
  });

  it('INVALID_HEADER / INVALID_FOOTER: a header or footer that gives a value twice', async () => {
    const header = headerXml().replace('<TYPEFLUX>M</TYPEFLUX>', '<TYPEFLUX>I</TYPEFLUX>\n<TYPEFLUX>M</TYPEFLUX>');
    const twoKinds = await read({ header });
    expect(twoKinds.events).toEqual([]);
    expect(twoKinds.error?.message).toBe('INVALID_HEADER: IdentificationFlux/TYPEFLUX appears more than once; the header gives each value once');
    const footer = '<TransmissionFlux>\n<NBTOTDOSRSATRANSM>00000001</NBTOTDOSRSATRANSM>\n<NBTOTDOSRSATRANSM>00000002</NBTOTDOSRSATRANSM>\n</TransmissionFlux>\n';
    expect((await read({ footer })).error?.message).toBe('INVALID_FOOTER: TransmissionFlux/NBTOTDOSRSATRANSM appears more than once; the footer gives each value once');
  });

  it('normalises the creation time whatever its fraction, and keeps the zone it gives', async () => {
    const cases: [string, string, string | null][] = [
      ['01:18:36.0000', '01:18:36.000000', null],
      ['03:00:17.52', '03:00:17.520000', null],
      ['21:27:00', '21:27:00.000000', null],
      ['21:27:00.5Z', '21:27:00.500000', 'Z'],
      ['21:27:00+05:00', '21:27:00.000000', '+05:00'],
    ];
    for (const [heuCreaFlux, normalised, zone] of cases) {
      const { events } = await read({ heuCreaFlux });
      expect(events[0]).toMatchObject({ type: 'header', header: { heuCreaFlux: normalised, heuCreaFluxZone: zone } });
    }
  });

  it('UNKNOWN_NATFLUX: a file of another nature', async () => {
    const { events, error } = await read({ natFlux: 'I' });
    expect(events).toEqual([]);
    expect(error?.code).toBe('UNKNOWN_NATFLUX');
    // The rule, not the value: a shifted file can put anything there.
    expect(error?.message).toBe('UNKNOWN_NATFLUX: IdentificationFlux/NATFLUX is not D (bénéficiaires, VRSB), the only nature read here');
  });

  it('UNKNOWN_TYPEFLUX: a frequency other than I, M, R', async () => {
    const { error } = await read({ typeFlux: 'Q' });
    expect(error?.code).toBe('UNKNOWN_TYPEFLUX');
    expect((await read({ typeFlux: '' })).error?.message).toBe('UNKNOWN_TYPEFLUX: IdentificationFlux/TYPEFLUX is missing');
  });

  it('MISSING_FOOTER: no TransmissionFlux before </Racine>', async () => {
    const { events, error } = await read({ footer: null, households: [{}, {}] });
    expect(error?.code).toBe('MISSING_FOOTER');
    expect(events.map((e) => e.type)).toEqual(['header', 'household', 'household']);
  });

  it('MISSING_FOOTER: a footer without a count', async () => {
    const { error } = await read({ footer: '<TransmissionFlux>\n<NBTOTDOSRSATRANSMANO>0</NBTOTDOSRSATRANSMANO>\n</TransmissionFlux>\n' });
    expect(error?.code).toBe('MISSING_FOOTER');
    expect(error?.message).toContain('NBTOTDOSRSATRANSM is missing');
  });

  it('MISSING_FOOTER: a footer without the count of households with anomalies', async () => {
    const { error } = await read({ footer: '<TransmissionFlux>\n<NBTOTDOSRSATRANSM>00000001</NBTOTDOSRSATRANSM>\n</TransmissionFlux>\n' });
    expect(error?.message).toBe('MISSING_FOOTER: TransmissionFlux/NBTOTDOSRSATRANSMANO is missing');
  });

  it('COUNT_MISMATCH: the announced count differs from the households read (faulty ones included)', async () => {
    const faulty = householdXml({ numdemrsa: '00000002059', sitfam: '' });
    const { events, error } = await read({ households: [{}, faulty, {}], count: 2 });
    expect(householdItems({ events, error }).map((item) => item.ok)).toEqual([true, false, true]);
    expect(error?.code).toBe('COUNT_MISMATCH');
    expect(error?.message).toBe(
      'COUNT_MISMATCH: TransmissionFlux announces 2 households (NBTOTDOSRSATRANSM) but the file holds 3 InfosFoyerRSA blocks',
    );
    expect((await read({ households: [{}, faulty, {}], count: 3 })).error).toBeNull();
  });

  it('TRUNCATED: the stream stops in the middle of a household', async () => {
    const text = vrsbDocument({ households: [{ numdemrsa: '00000001059' }, { numdemrsa: '00000002059' }] });
    const cut = text.indexOf('<NOMNAI>', text.indexOf('00000002059'));
    const { events, error } = await readAll(encode(text.slice(0, cut + 4)));
    expect(error?.code).toBe('TRUNCATED');
    expect(error?.message).toBe('TRUNCATED: the file ends before </Racine> (inside household #2)');
    expect(events.map((e) => e.type)).toEqual(['header', 'household']);
  });

  it('TRUNCATED: the stream stops after the footer, before </Racine>', async () => {
    const text = vrsbDocument();
    const { error } = await readAll(encode(text.slice(0, text.indexOf('</Racine>'))));
    expect(error?.code).toBe('TRUNCATED');
  });

  it('TRUNCATED: the stream stops inside a UTF-8 character', async () => {
    const bytes = Buffer.from(vrsbDocument({ encoding: 'UTF-8', households: [{ persons: [{ nom: 'ÉLODIE' }] }] }), 'utf8');
    const { error } = await readAll(bytes.subarray(0, bytes.indexOf(Buffer.from('É', 'utf8')) + 1));
    expect(error?.code).toBe('TRUNCATED');
  });

  it('TRUNCATED: only the XML declaration', async () => {
    const { error } = await readAll(Buffer.from('<?xml version="1.0" encoding="windows-1252"?>\n'));
    expect(error?.code).toBe('TRUNCATED');
  });

  it('MALFORMED_XML: a household after the footer', async () => {
    const text = `<?xml version="1.0" encoding="windows-1252"?>\n<Racine>\n${headerXml()}<TransmissionFlux>\n<NBTOTDOSRSATRANSM>1</NBTOTDOSRSATRANSM>\n<NBTOTDOSRSATRANSMANO>0</NBTOTDOSRSATRANSMANO>\n</TransmissionFlux>\n${householdXml()}</Racine>\n`;
    expect((await readAll(encode(text))).error?.code).toBe('MALFORMED_XML');
  });
});
