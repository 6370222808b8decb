/**
 * The CAF's identity of a person when no valid NIR is known: (NOMNAI, PRENOM, DTNAI, RGNAI), as the
 * reference ETL keys persons (CAF-FORMAT §12.1, §13.3). Names are compared without accents, case,
 * punctuation or spacing, so "LEFÈVRE-D'ARC" and "LEFEVRE DARC" are the same key.
 */
export function normaliseName(value: string | null): string {
  return (value ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/Œ/gi, 'OE')
    .replace(/Æ/gi, 'AE')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

export function identityKey(person: { nomnai: string; nom?: string | null; prenom: string; dtnai: string; rgnai: string | null }): string {
  const birthName = normaliseName(person.nomnai) || normaliseName(person.nom ?? null);
  const rank = (person.rgnai ?? '').replace(/^0+/, '') || '1';
  return `${birthName}|${normaliseName(person.prenom)}|${person.dtnai}|${rank}`;
}
