import { addDays, addMonths, firstOfMonth, lastOfMonth, maxDate, minDate } from './calendar';
import { FAULT_CATALOG, type FaultName } from './fault-catalog';
import { amount } from './formats';
import { nir15, nir15WithBadKey } from './identifiers';
import type { AppliedFault, GenHousehold, GenIdentity, GenPerson } from './model';
import { Rng, type Seed } from './prng';
import { clearRightReasons } from './rights-builder';

/**
 * Record-level fault injection. The plan picks households up front (deterministically from the
 * seed); the injector then rewrites them as they stream past. Two-dossier faults (duplicate,
 * same person, NIR conflict) remember one small snapshot of the first dossier until the second
 * one arrives, so memory stays bounded.
 */

type PairFault = 'duplicate-numdemrsa' | 'same-person-two-dossiers' | 'nir-conflict';
const PAIR_FAULTS: ReadonlySet<FaultName> = new Set<FaultName>(['duplicate-numdemrsa', 'same-person-two-dossiers', 'nir-conflict']);
/** File-level faults that need something in the households themselves. */
const ACCENT_FAULTS: ReadonlySet<FaultName> = new Set<FaultName>(['utf8-declared-cp1252', 'cp1252-declared-utf8']);
const ANOMALY_BLOCKS_PER_FILE = 3;

interface PlannedFault {
  fault: FaultName;
  role: 'single' | 'source' | 'target';
  pair?: number;
}

export interface FaultPlan {
  byIndex: ReadonlyMap<number, readonly PlannedFault[]>;
  /** Households whose content a later duplicate replaces (the manifest must forget them). */
  duplicateSources: ReadonlySet<number>;
  /** Household left unclosed (malformed-xml) or cut (truncated). */
  unclosedAt: number | null;
  truncateAt: number | null;
  /** Household given an accented first name: encoding faults need accents to show. */
  accent: { index: number; fault: FaultName } | null;
}

export function planFaults(seed: Seed, count: number, faults: readonly FaultName[]): FaultPlan {
  const slots: PlannedFault[] = [];
  let pair = 0;
  for (const fault of faults) {
    if (FAULT_CATALOG[fault].level !== 'record') continue;
    if (PAIR_FAULTS.has(fault)) {
      slots.push({ fault, role: 'source', pair }, { fault, role: 'target', pair });
      pair++;
    } else {
      const copies = fault === 'anomalie-blocks' ? ANOMALY_BLOCKS_PER_FILE : 1;
      for (let i = 0; i < copies; i++) slots.push({ fault, role: 'single' });
    }
  }
  if (slots.length > count) {
    throw new RangeError(`the requested faults need ${slots.length} households, only ${count} generated`);
  }
  // Sorted: the order faults are listed in must not move them.
  const rng = Rng.of(seed, 'fault-plan', [...faults].sort().join(','));
  const chosen = new Set<number>();
  while (chosen.size < slots.length) chosen.add(rng.int(0, count - 1));
  const indices = [...chosen].sort((a, b) => a - b);
  // Shuffle which slot goes where, then make sure every pair has its source first.
  for (let i = slots.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  const at = new Map<PlannedFault, number>();
  slots.forEach((slot, i) => at.set(slot, indices[i]));
  for (let p = 0; p < pair; p++) {
    const source = slots.find((s) => s.pair === p && s.role === 'source')!;
    const target = slots.find((s) => s.pair === p && s.role === 'target')!;
    if (at.get(source)! > at.get(target)!) {
      const tmp = at.get(source)!;
      at.set(source, at.get(target)!);
      at.set(target, tmp);
    }
  }
  const byIndex = new Map<number, PlannedFault[]>();
  for (const [slot, index] of at) byIndex.set(index, [...(byIndex.get(index) ?? []), slot]);
  const duplicateSources = new Set([...at].filter(([s]) => s.fault === 'duplicate-numdemrsa' && s.role === 'source').map(([, i]) => i));
  const middle = count > 0 ? Math.floor(count / 2) : null;
  const accentFault = faults.find((f) => ACCENT_FAULTS.has(f));
  return {
    byIndex,
    duplicateSources,
    unclosedAt: faults.includes('malformed-xml') ? middle : null,
    truncateAt: faults.includes('truncated') ? (middle ?? 0) : null,
    accent: accentFault && count > 0 ? { index: 0, fault: accentFault } : null,
  };
}

const dem = (h: GenHousehold): GenPerson => h.persons[0];

function applied(fault: FaultName, detail: string, relatedNumdemrsa?: string): AppliedFault {
  const spec = FAULT_CATALOG[fault];
  return { fault, level: spec.level, expected: spec.expected, detail, ...(relatedNumdemrsa ? { relatedNumdemrsa } : {}) };
}

/** Keeps the children's Rattachement blocks pointing at a parent whose identity changed. */
function renameInRattachements(h: GenHousehold, before: Pick<GenPerson, 'nomnai' | 'prenom' | 'dtnai'>, after: GenPerson): void {
  for (const p of h.persons) {
    for (const r of p.rattachements) {
      if (r.nomnai === before.nomnai && r.prenom === before.prenom && r.dtnai === before.dtnai) {
        Object.assign(r, { nomnai: after.nomnai, prenom: after.prenom, dtnai: after.dtnai, nir: after.nir });
      }
    }
  }
}


function identityOf(p: GenPerson): GenIdentity {
  const { qual, nom, nomnai, prenom, prenom2, prenom3, nomcomnai, dtnai, rgnai, typedtnai, nir, topvaliec, sexe } = p;
  return { qual, nom, nomnai, prenom, prenom2, prenom3, nomcomnai, dtnai, rgnai, typedtnai, nir, topvaliec, sexe };
}

function nirPerson(h: GenHousehold): GenPerson | undefined {
  return h.persons.find((p) => p.nir !== null && p.nir.length === 13);
}

/** Conditions a household must meet to carry a fault; otherwise the fault moves to the next free one. */
function canCarry(slot: PlannedFault, h: GenHousehold, source: GenHousehold | undefined): boolean {
  switch (slot.fault) {
    case 'nir-bad-key':
    case 'nir-15':
      return nirPerson(h) !== undefined;
    case 'missing-nir':
      return dem(h).nir !== null;
    case 'same-person-two-dossiers':
    case 'nir-conflict':
      if (slot.role === 'source') return dem(h).nir !== null;
      if (source === undefined) return false;
      // The new dossier gets the person of the old one as demandeur: no children whose ages would clash.
      if (slot.fault === 'same-person-two-dossiers') return h.persons.every((p) => p.prestations[1].rolepers !== 'ENF');
      return dem(source).dtnai !== dem(h).dtnai;
    case 'duplicate-numdemrsa':
      return slot.role === 'source' || source !== undefined;
    default:
      return true;
  }
}

function applySingle(fault: FaultName, h: GenHousehold, referenceDate: string): AppliedFault {
  const refMonth = firstOfMonth(referenceDate);
  switch (fault) {
    case 'missing-donnees-administratives':
      h.quirks.omitDonneesAdministratives = true;
      return applied(fault, 'DonneesAdministratives left out');
    case 'missing-prestation-rsa':
      h.quirks.omitPrestationRsa = true;
      return applied(fault, 'PrestationRSA left out');
    case 'missing-numdemrsa':
      h.quirks.omitNumdemrsa = true;
      return applied(fault, `NUMDEMRSA left out (was ${h.demandeRsa.numdemrsa})`);
    case 'invalid-date': {
      const k = h.persons.length - 1;
      h.persons[k].dtnai = '2023-02-30';
      return applied(fault, `Personne[${k}]/Identification/DTNAI=2023-02-30`);
    }
    case 'unparsable-decimal': {
      h.montantsCalculDroit ??= {
        ddelecal: refMonth,
        dfelecal: lastOfMonth(referenceDate),
        mtrevminigararsa: '',
        mtpentrsa: null,
        mtlocalrsa: null,
        mtrevgararsa: amount(635.71),
        mtpfrsa: null,
        mtalrsa: null,
        mtressmenrsa: amount(0),
        mtsanoblalimrsa: null,
        mtredhosrsa: null,
        mtredcgrsa: null,
        mtcumintegrsa: null,
        mtabaneursa: null,
        mttotdrorsa: amount(0),
      };
      h.montantsCalculDroit.mtrevminigararsa = '12,5A';
      return applied(fault, 'MontantsCalculDroitRSA/MTREVMINIGARARSA=12,5A');
    }
    case 'unknown-etatdosrsa':
      clearRightReasons(h);
      h.etatdosrsa = '9';
      return applied(fault, 'ETATDOSRSA=9');
    case 'unknown-motif':
      clearRightReasons(h);
      h.etatdosrsa = '4';
      h.suspensionsVersement = [{ motisusversrsa: 'ZZ', ddsusversrsa: refMonth }];
      return applied(fault, 'ETATDOSRSA=4, MOTISUSVERSRSA=ZZ');
    case 'nir-bad-key': {
      const p = nirPerson(h)!;
      p.nir = nir15WithBadKey(p.nir!);
      return applied(fault, `Personne[${h.persons.indexOf(p)}]/Identification/NIR=${p.nir}`);
    }
    case 'nir-15': {
      const p = nirPerson(h)!;
      p.nir = nir15(p.nir!);
      return applied(fault, `Personne[${h.persons.indexOf(p)}]/Identification/NIR=${p.nir}`);
    }
    case 'missing-nir': {
      const p = dem(h);
      p.nir = null;
      renameInRattachements(h, p, p);
      return applied(fault, 'Personne[0]/Identification/NIR left out');
    }
    case 'typedtnai-o': {
      const p = dem(h);
      const before = { ...p };
      p.typedtnai = 'O';
      p.dtnai = `${p.dtnai.slice(0, 4)}-01-01`;
      renameInRattachements(h, before, p);
      return applied(fault, `Personne[0]/Identification/TYPEDTNAI=O, DTNAI=${p.dtnai}`);
    }
    case 'out-of-order':
      h.quirks.outOfOrder = true;
      return applied(fault, 'Organisme, Identification and TroncCommunAdresse children out of xsd:sequence order');
    case 'anomalie-blocks':
      h.anomalies = ['ADRESSE NON CONTROLEE : CODE POSTAL <> COMMUNE', "PIECE D'IDENTITE & JUSTIFICATIF DE DOMICILE A FOURNIR > 30 JOURS"];
      return applied(fault, `${h.anomalies.length} Anomalie/LIBANO blocks`);
    default:
      throw new Error(`fault ${fault} is not a single-household fault`);
  }
}

function applyToSource(fault: PairFault, h: GenHousehold, referenceDate: string): void {
  if (fault !== 'same-person-two-dossiers') return;
  // The first dossier was closed; the same person asks again under a new NUMDEMRSA.
  clearRightReasons(h);
  h.etatdosrsa = '5';
  h.finDroit = { moticlorsa: 'ECH', dtclorsa: lastOfMonth(addMonths(firstOfMonth(referenceDate), -2)) };
}

function applyToTarget(fault: PairFault, h: GenHousehold, source: GenHousehold, referenceDate: string): GenHousehold {
  const refMonth = firstOfMonth(referenceDate);
  switch (fault) {
    case 'duplicate-numdemrsa': {
      // Same dossier sent again later in the file with another state: this version must win.
      const copy = structuredClone(source);
      copy.index = h.index;
      copy.quirks = {};
      copy.anomalies = [];
      clearRightReasons(copy);
      const before = copy.etatdosrsa;
      if (before === '2') {
        copy.etatdosrsa = '4';
        copy.suspensionsVersement = [{ motisusversrsa: '06', ddsusversrsa: refMonth }];
      } else {
        copy.etatdosrsa = '2';
      }
      copy.faults = [applied(fault, `second occurrence (first at ordinal ${source.index}), ETATDOSRSA ${before} -> ${copy.etatdosrsa}`, source.demandeRsa.numdemrsa)];
      return copy;
    }
    case 'same-person-two-dossiers': {
      const p = dem(h);
      const before = { ...p };
      Object.assign(p, identityOf(dem(source)));
      p.numdemrsaprece = source.demandeRsa.numdemrsa;
      renameInRattachements(h, before, p);
      h.organisme.matricule = source.organisme.matricule;
      clearRightReasons(h);
      h.etatdosrsa = '2';
      h.demandeRsa.dtdemrsa = minDate(referenceDate, maxDate(h.demandeRsa.dtdemrsa, addDays(source.finDroit!.dtclorsa, 1)));
      p.ddratdos = h.demandeRsa.dtdemrsa;
      h.faults.push(applied(fault, `Personne[0] is Personne[0] of ${source.demandeRsa.numdemrsa} (same NIR and DTNAI), NUMDEMRSAPRECE set`, source.demandeRsa.numdemrsa));
      return h;
    }
    case 'nir-conflict': {
      const p = dem(h);
      const before = { ...p };
      p.nir = dem(source).nir;
      renameInRattachements(h, before, p);
      h.faults.push(applied(fault, `Personne[0] has the NIR of Personne[0] of ${source.demandeRsa.numdemrsa} with another DTNAI`, source.demandeRsa.numdemrsa));
      return h;
    }
  }
}

/**
 * Streams households through the plan. A fault whose household does not fit (a NIR fault on a
 * household without NIR) moves to the next household that carries no planned fault.
 */
export function* injectFaults(
  households: Iterable<GenHousehold>,
  plan: FaultPlan,
  referenceDate: string,
): Generator<GenHousehold> {
  const deferred: PlannedFault[] = [];
  const sources = new Map<number, GenHousehold>();
  for (let h of households) {
    // File-level overlays first, so that pair snapshots carry what is really written.
    if (h.index === plan.unclosedAt) {
      h.quirks.unclosedTag = true;
      h.faults.push(applied('malformed-xml', 'Personne[0]/Identification/NOM never closed'));
    }
    if (h.index === plan.accent?.index) {
      const p = dem(h);
      const before = { ...p };
      p.prenom = p.sexe === '2' ? 'HÉLÈNE' : 'JÉRÔME';
      renameInRattachements(h, before, p);
      h.faults.push(applied(plan.accent.fault, `Personne[0]/Identification/PRENOM=${p.prenom}`));
    }
    const planned = plan.byIndex.get(h.index) ?? [];
    let todo: PlannedFault[];
    if (planned.length > 0) todo = [...planned];
    else {
      // A free household takes at most one postponed fault, so a pair never lands on one dossier.
      const k = deferred.findIndex((slot) => canCarry(slot, h, slot.pair === undefined ? undefined : sources.get(slot.pair)));
      todo = k < 0 ? [] : deferred.splice(k, 1);
    }
    for (const slot of todo) {
      const source = slot.pair === undefined ? undefined : sources.get(slot.pair);
      if (!canCarry(slot, h, source)) {
        deferred.push(slot);
        continue;
      }
      if (slot.role === 'single') h.faults.push(applySingle(slot.fault, h, referenceDate));
      else if (slot.role === 'source') {
        applyToSource(slot.fault as PairFault, h, referenceDate);
        sources.set(slot.pair!, structuredClone(h));
      } else {
        h = applyToTarget(slot.fault as PairFault, h, source!, referenceDate);
        sources.delete(slot.pair!);
      }
    }
    yield h;
  }
  if (deferred.length > 0) {
    throw new RangeError(`could not place fault(s) ${deferred.map((d) => d.fault).join(', ')}: generate more households`);
  }
}
