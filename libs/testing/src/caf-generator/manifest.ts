import type { CafEncoding } from './charset';
import type { GenHeader } from './header';
import type { AppliedFault, FaultExpectation, FaultLevel, FileKind, GenHousehold, GenPerson } from './model';
import { OPEN_STATES } from './rights-builder';
import type { Layout, LineEnding } from './xml-emitter';

/**
 * Ground truth written next to each generated file: what the intake must find in it. The rule
 * for `expectedEntrant` is the product's entry rule into the accompaniment path.
 */

export interface ManifestPerson {
  /** Position of the `Personne` block in the household (0-based). */
  index: number;
  /** ROLEPERS of the `Prestations` block with NATPREST=RSA. */
  roleRsa: string;
  /** As written (13 or 15 characters), null when absent. */
  nir: string | null;
  /** Null when the MontantCalculDroitRSAPersonne block is absent (children, AUT). */
  toppersdrodevorsa: boolean | null;
  dfratdos: string | null;
  expectedEntrant: boolean;
}

export type HouseholdExpectation = Exclude<FaultExpectation, 'file-rejected'>;

export interface ManifestHousehold {
  /** Position of the (last) `InfosFoyerRSA` block of this dossier in the file, 0-based. */
  ordinal: number;
  /** As written; null when the block has no NUMDEMRSA (missing-numdemrsa). */
  numdemrsa: string | null;
  matricule: string;
  etatdosrsa: string;
  expected: HouseholdExpectation;
  faults: string[];
  persons: ManifestPerson[];
}

export interface ManifestFault {
  fault: string;
  level: FaultLevel;
  expected: FaultExpectation;
  numdemrsa?: string;
  matricule?: string;
  ordinal?: number;
  relatedNumdemrsa?: string;
  detail?: string;
}

export interface ManifestTotals {
  /** Dossiers after "last occurrence wins". */
  distinctDossiers: number;
  persons: number;
  personsWithoutNir: number;
  byEtatdosrsa: Record<string, number>;
  expectedEntrants: number;
  householdsRejected: number;
  householdsFlagged: number;
}

export interface GenManifest {
  fileName: string;
  path: string;
  sha256: string;
  bytes: number;
  seed: string | number;
  kind: FileKind;
  /** The day the household content describes (independent of the header). */
  referenceDate: string;
  header: GenHeader;
  encoding: { actual: CafEncoding; declared: string; bom: boolean };
  layout: Layout;
  lineEnding: LineEnding;
  /** Complete `InfosFoyerRSA` blocks written. */
  count: number;
  /** TransmissionFlux as written, null when absent or cut. */
  footer: { nbtotdosrsatransm: string; nbtotdosrsatransmano: string } | null;
  expectedFileOutcome: 'accepted' | 'file-rejected';
  totals: ManifestTotals;
  /** Characters the encoding lacked and were spelled out (Œ → OE in ISO-8859-1). */
  transliterated: Record<string, number>;
  faults: ManifestFault[];
  /** Per household, in file order; absent with `manifestDetail: false`. */
  households?: ManifestHousehold[];
}

export function householdExpectation(h: GenHousehold): HouseholdExpectation {
  if (h.faults.some((f) => f.expected === 'household-rejected')) return 'household-rejected';
  if (h.faults.some((f) => f.expected === 'flagged')) return 'flagged';
  return 'accepted';
}

/**
 * Activities (Activite/ACT) of people the référentiel does not convene: in work, in training, on
 * sick leave (deliberation L2491: "emploi ou en formation", "arrêt-maladie"). Generated current
 * activities are open-ended (no DFACT), so an open one of these codes excludes the person.
 */
const NOT_CONVENED_ACTIVITIES = new Set(['SAL', 'ETU', 'MAL']);
/** MOTISUSVERSRSA 44: payment suspended for hospitalisation (not convened either). */
const HOSPITALISATION = '44';

/**
 * Entry rule: a DEM or CJT (Prestations NATPREST=RSA) subject to droits et devoirs
 * (TOPPERSDRODEVORSA=1) in a dossier whose right is open (ETATDOSRSA 2, 3 or 4), still in the
 * foyer (no DFRATDOS), in a dossier not leaving for another CAF (no OrganismePrenant), in a
 * household the intake accepts, and not in one of the situations the référentiel does not convene.
 */
export function isExpectedEntrant(h: GenHousehold, p: GenPerson, expectation: HouseholdExpectation = householdExpectation(h)): boolean {
  const role = p.prestations.find((pr) => pr.natprest === 'RSA')?.rolepers;
  return (
    expectation !== 'household-rejected' &&
    (role === 'DEM' || role === 'CJT') &&
    OPEN_STATES.has(h.etatdosrsa) &&
    p.montantCalculDroit?.toppersdrodevorsa === true &&
    p.dfratdos === null &&
    h.organismePrenant === null &&
    !(h.etatdosrsa === '4' && h.suspensionsVersement.some((s) => s.motisusversrsa === HOSPITALISATION)) &&
    !p.activites.some((a) => NOT_CONVENED_ACTIVITIES.has(a.act) && a.dfact === null)
  );
}

export function describeHousehold(h: GenHousehold, ordinal: number): ManifestHousehold {
  const expected = householdExpectation(h);
  return {
    ordinal,
    numdemrsa: h.quirks.omitNumdemrsa ? null : h.demandeRsa.numdemrsa,
    matricule: h.organisme.matricule,
    etatdosrsa: h.etatdosrsa,
    expected,
    faults: h.faults.map((f) => f.fault),
    persons: h.persons.map((p, index) => ({
      index,
      roleRsa: p.prestations[1].rolepers,
      nir: p.nir,
      toppersdrodevorsa: p.montantCalculDroit ? p.montantCalculDroit.toppersdrodevorsa : null,
      dfratdos: p.dfratdos,
      expectedEntrant: isExpectedEntrant(h, p, expected),
    })),
  };
}

function emptyTotals(): ManifestTotals {
  return { distinctDossiers: 0, persons: 0, personsWithoutNir: 0, byEtatdosrsa: {}, expectedEntrants: 0, householdsRejected: 0, householdsFlagged: 0 };
}

function addToTotals(t: ManifestTotals, d: ManifestHousehold, sign: 1 | -1): void {
  t.distinctDossiers += sign;
  t.persons += sign * d.persons.length;
  t.personsWithoutNir += sign * d.persons.filter((p) => p.nir === null).length;
  t.byEtatdosrsa[d.etatdosrsa] = (t.byEtatdosrsa[d.etatdosrsa] ?? 0) + sign;
  if (t.byEtatdosrsa[d.etatdosrsa] === 0) delete t.byEtatdosrsa[d.etatdosrsa];
  t.expectedEntrants += sign * d.persons.filter((p) => p.expectedEntrant).length;
  if (d.expected === 'household-rejected') t.householdsRejected += sign;
  if (d.expected === 'flagged') t.householdsFlagged += sign;
}

/**
 * Accumulates the manifest while the file is written. Without detail only totals and faults are
 * kept (flat memory); the households a later duplicate replaces are remembered either way so the
 * totals can drop them.
 */
export class ManifestBuilder {
  readonly totals = emptyTotals();
  readonly faults: ManifestFault[] = [];
  private readonly households: (ManifestHousehold | undefined)[] = [];
  private readonly remembered = new Map<string, { described: ManifestHousehold; slot: number }>();

  /** NIRs of the expected entrants so far, when the file has a nir-conflict fault. */
  private readonly entrantNirs: Set<string> | null;

  constructor(
    private readonly detail: boolean,
    private readonly rememberIndices: ReadonlySet<number>,
    /** The file carries `nir-conflict`: a NIR is one person's, so its second holder is not convened while the first is. */
    trackNirs = false,
  ) {
    this.entrantNirs = trackNirs ? new Set() : null;
  }

  add(h: GenHousehold, ordinal: number): void {
    const described = describeHousehold(h, ordinal);
    if (this.entrantNirs) {
      const conflicting = h.faults.some((f) => f.fault === 'nir-conflict');
      for (const p of described.persons) {
        if (!p.expectedEntrant || p.nir === null) continue;
        if (conflicting && this.entrantNirs.has(p.nir)) p.expectedEntrant = false;
        else this.entrantNirs.add(p.nir);
      }
    }
    const replaced = described.numdemrsa === null ? undefined : this.remembered.get(described.numdemrsa);
    if (replaced && h.faults.some((f) => f.fault === 'duplicate-numdemrsa')) {
      addToTotals(this.totals, replaced.described, -1);
      if (this.detail) this.households[replaced.slot] = undefined;
      this.remembered.delete(described.numdemrsa!);
    }
    addToTotals(this.totals, described, 1);
    if (this.detail) this.households.push(described);
    if (this.rememberIndices.has(h.index) && described.numdemrsa !== null) {
      this.remembered.set(described.numdemrsa, { described, slot: this.households.length - 1 });
    }
    for (const f of h.faults) this.faults.push(toManifestFault(f, h, ordinal));
  }

  addFileFault(fault: ManifestFault): void {
    this.faults.push(fault);
  }

  householdList(): ManifestHousehold[] | undefined {
    return this.detail ? this.households.filter((d): d is ManifestHousehold => d !== undefined) : undefined;
  }
}

function toManifestFault(f: AppliedFault, h: GenHousehold, ordinal: number): ManifestFault {
  return {
    fault: f.fault,
    level: f.level,
    expected: f.expected,
    ...(h.quirks.omitNumdemrsa ? {} : { numdemrsa: h.demandeRsa.numdemrsa }),
    matricule: h.organisme.matricule,
    ordinal,
    ...(f.relatedNumdemrsa ? { relatedNumdemrsa: f.relatedNumdemrsa } : {}),
    ...(f.detail ? { detail: f.detail } : {}),
  };
}
