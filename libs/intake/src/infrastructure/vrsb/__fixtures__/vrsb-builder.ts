/**
 * Hand-made VRSB0801 documents for the reader's tests (invented data: NIRs have commune part `000`,
 * CAF-FORMAT §14.2). Text is built here and encoded by the tests, so one fixture serves every encoding.
 */

export interface PersonFixture {
  nom?: string;
  nomnai?: string;
  prenom?: string;
  dtnai?: string;
  nir?: string;
  role?: string;
  sexe?: string;
  /** Adults carry MontantCalculDroitRSAPersonne; children do not (CAF-FORMAT §5.3). */
  child?: boolean;
  /** Replaces the whole Identification block content. */
  identification?: string;
  extra?: string;
}

export interface HouseholdFixture {
  numdemrsa?: string;
  matricule?: string;
  etatdosrsa?: string;
  sitfam?: string;
  persons?: PersonFixture[];
  /** Inserted before `</InfosFoyerRSA>`. */
  extra?: string;
  /** Inserted inside SituationDossierRSA. */
  situationExtra?: string;
  /** Replaces the whole block (for malformed or missing-block cases). */
  raw?: string;
}

const ADULT: PersonFixture = { nom: 'DUVAL', nomnai: 'LEFEVRE', prenom: 'AMELIE', dtnai: '1988-04-02', nir: '2880459000123', role: 'DEM', sexe: '2' };

export function personXml(p: PersonFixture = {}): string {
  const person = { ...ADULT, ...p };
  const identification =
    person.identification ??
    `<QUAL>${person.sexe === '1' ? 'MR' : 'MME'}</QUAL>
<NOM>${person.nom}</NOM>
<NOMNAI>${person.nomnai}</NOMNAI>
<PRENOM>${person.prenom}</PRENOM>
<NOMCOMNAI>LILLE</NOMCOMNAI>
<DTNAI>${person.dtnai}</DTNAI>
<TYPEDTNAI>N</TYPEDTNAI>
<NIR>${person.nir}</NIR>
<TOPVALIEC>1</TOPVALIEC>
<SEXE>${person.sexe}</SEXE>`;
  const montants = person.child
    ? ''
    : `<MontantCalculDroitRSAPersonne>
<TOPPERSDRODEVORSA>1</TOPPERSDRODEVORSA>
<TOPPERSENTDRODEVORSA>0</TOPPERSENTDRODEVORSA>
<MTPERSRESSMENRSA>0000120.50</MTPERSRESSMENRSA>
</MontantCalculDroitRSAPersonne>
`;
  return `<Personne>
<Identification>
${identification}
</Identification>
<DossierCAF>
<TOPRESPDOS>${person.role === 'DEM' ? 1 : 0}</TOPRESPDOS>
<DDRATDOS>2019-06-01</DDRATDOS>
</DossierCAF>
<Prestations>
<NATPREST>PFA</NATPREST>
<ROLEPERS>${person.role}</ROLEPERS>
<TOPCHAPERS>0</TOPCHAPERS>
</Prestations>
<Prestations>
<NATPREST>RSA</NATPREST>
<ROLEPERS>${person.role}</ROLEPERS>
<TOPCHAPERS>1</TOPCHAPERS>
</Prestations>
${montants}${person.extra ?? ''}</Personne>
`;
}

export function householdXml(h: HouseholdFixture = {}): string {
  if (h.raw !== undefined) return h.raw;
  const persons = (h.persons ?? [{}]).map(personXml).join('');
  return `<InfosFoyerRSA>
<IdentificationRSA>
<Organisme>
<FONORG>CAF</FONORG>
<NUMORG>591</NUMORG>
<MATRICULE>${h.matricule ?? '042135700000000'}</MATRICULE>
</Organisme>
<Partenaire>
<TYPEPARTE>CG  </TYPEPARTE>
<IDEPARTE>059</IDEPARTE>
</Partenaire>
<DemandeRSA>
<DTDEMRSA>2023-11-14</DTDEMRSA>
<NUMDEMRSA>${h.numdemrsa ?? '00481234059'}</NUMDEMRSA>
</DemandeRSA>
</IdentificationRSA>
${persons}<DonneesAdministratives>
<SituationFamille>
<SITFAM>${h.sitfam ?? 'DIV'}</SITFAM>
<DDSITFAM>2021-09-01</DDSITFAM>
</SituationFamille>
<Adresse>
<TroncCommunAdresse>
<RGADR>01</RGADR>
<PAYS>FRA</PAYS>
<TYPEADR>D</TYPEADR>
<ETATADR>CO</ETATADR>
</TroncCommunAdresse>
<AdresseDetailleeFrance>
<COMPLIDEADR />
<COMPLADR />
<NUMVOIE>12</NUMVOIE>
<LIBTYPEVOIE>RUE</LIBTYPEVOIE>
<NOMVOIE>DES TILLEULS</NOMVOIE>
<LIEUDIST />
<NUMCOM>59350</NUMCOM>
<CODEPOS>59000</CODEPOS>
<NOMCOM>LILLE</NOMCOM>
</AdresseDetailleeFrance>
</Adresse>
</DonneesAdministratives>
<PrestationRSA>
<SituationDossierRSA>
<EtatDossierRSA>
<ETATDOSRSA>${h.etatdosrsa ?? '2'}</ETATDOSRSA>
</EtatDossierRSA>
${h.situationExtra ?? ''}</SituationDossierRSA>
<DetailDroitRSA>
<TroncCommunDroitRSA>
<TOPSANSDOMFIXE>0</TOPSANSDOMFIXE>
<ORIDEMRSA>DEM</ORIDEMRSA>
<TOPFOYDRODEVORSA>1</TOPFOYDRODEVORSA>
</TroncCommunDroitRSA>
</DetailDroitRSA>
</PrestationRSA>
${h.extra ?? ''}</InfosFoyerRSA>
`;
}

export interface DocumentFixture {
  /** Label written in the XML declaration; null writes no declaration. */
  encoding?: string | null;
  typeFlux?: string;
  natFlux?: string;
  dtCreaFlux?: string;
  heuCreaFlux?: string;
  /** DTREF; '' leaves it out. */
  dtRef?: string;
  /** Replaces the IdentificationFlux block; null leaves it out. */
  header?: string | null;
  households?: (HouseholdFixture | string)[];
  /** NBTOTDOSRSATRANSM; defaults to the number of households. */
  count?: number;
  /** Replaces the TransmissionFlux block; null leaves it out. */
  footer?: string | null;
}

export function headerXml(d: DocumentFixture = {}): string {
  return `<IdentificationFlux>
<APPLIEME>CRI</APPLIEME>
<NUMVERSIONAPPLIEME>6200</NUMVERSIONAPPLIEME>
<TYPEFLUX>${d.typeFlux ?? 'M'}</TYPEFLUX>
<NATFLUX>${d.natFlux ?? 'D'}</NATFLUX>
<DTCREAFLUX>${d.dtCreaFlux ?? '2024-03-05'}</DTCREAFLUX>
<HEUCREAFLUX>${d.heuCreaFlux ?? '01:18:36.0000'}</HEUCREAFLUX>
${d.dtRef === '' ? '' : `<DTREF>${d.dtRef ?? '2024-02-29'}</DTREF>\n`}</IdentificationFlux>
`;
}

export function vrsbDocument(d: DocumentFixture = {}): string {
  const households = (d.households ?? [{}]).map((h) => (typeof h === 'string' ? h : householdXml(h)));
  const count = String(d.count ?? households.length).padStart(8, '0');
  const declaration = d.encoding === null ? '' : `<?xml version="1.0" encoding="${d.encoding ?? 'windows-1252'}"?>\n`;
  const header = d.header === null ? '' : (d.header ?? headerXml(d));
  const footer =
    d.footer === null
      ? ''
      : (d.footer ??
        `<TransmissionFlux>
<NBTOTDOSRSATRANSM>${count}</NBTOTDOSRSATRANSM>
<NBTOTDOSRSATRANSMANO>00000000</NBTOTDOSRSATRANSMANO>
</TransmissionFlux>
`);
  return `${declaration}<Racine>\n${header}${households.join('')}${footer}</Racine>\n`;
}
