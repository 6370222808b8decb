import { aDiagnosticContent } from './diagnostic-fixture';
import { diagnosticContentProblems } from './diagnostic-shape';

describe('diagnostic content as received', () => {
  it('accepts a complete content of codes', () => {
    expect(diagnosticContentProblems(aDiagnosticContent({ barriers: { sante: 'peripheral' } }))).toEqual([]);
  });

  it('refuses free text anywhere, health included', () => {
    const content = aDiagnosticContent() as unknown as { themes: Record<string, Record<string, unknown>>; notes?: string };
    content.themes.sante.note = 'diabète';
    content.notes = 'à revoir';
    expect(diagnosticContentProblems(content)).toEqual([
      'notes: not part of a diagnostic (codes and checkboxes only, no free text)',
      'themes.sante.note: not part of a diagnostic (codes and checkboxes only, no free text)',
    ]);
  });

  it('names every value outside its list, then the catalogue problems once the shape is right', () => {
    const content = aDiagnosticContent() as unknown as { criteria: Record<string, unknown>; powerToAct: Record<string, unknown> };
    content.criteria.availability = 'tomorrow';
    content.powerToAct.confidence = 5;
    expect(diagnosticContentProblems(content)).toEqual(['criteria.availability: one of immediate, near, not-available', 'powerToAct.confidence: one of 1, 2, 3, 4']);
    const unknownCode = aDiagnosticContent({ barriers: { logement: 'blocking' } });
    unknownCode.themes.logement.situations = ['sous-un-pont'];
    expect(diagnosticContentProblems(unknownCode)).toEqual(['themes.logement.situations: unknown code sous-un-pont']);
    expect(diagnosticContentProblems('x')).toEqual(['content: an object with themes, criteria, powerToAct and wishes']);
  });
});
