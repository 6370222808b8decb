import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { CafEncoding } from './charset';
import { FAULT_CATALOG, type FaultName, parseFaults } from './fault-catalog';
import { injectFaults, planFaults } from './fault-injector';
import { defaultFileName } from './file-name';
import { DEFAULT_NUMORG, generateHouseholds, resolveReferenceDate } from './generate-households';
import { buildHeader, type GenHeader } from './header';
import { type GenManifest, ManifestBuilder } from './manifest';
import type { FileKind } from './model';
import { hashParts, type Seed } from './prng';
import { writeVrsbFile } from './vrsb-writer';
import type { Layout, LineEnding } from './xml-emitter';

export interface GenerateCafFileOptions {
  households: number;
  /** Default `monthly`. */
  kind?: FileKind;
  /** Default 1. */
  seed?: Seed;
  /** Output file. Default: `<outDir>/<realistic name>`. */
  out?: string;
  /** Default `var/caf` under the current directory. */
  outDir?: string;
  /** DTCREAFLUX (YYYY-MM-DD); changes the header only. */
  date?: string;
  /** HEUCREAFLUX (e.g. `01:18:36.0000`); changes the header only. */
  time?: string;
  /** Day the content describes; default derived from seed and kind (see `defaultReferenceDate`). */
  referenceDate?: string;
  /** Default windows-1252. */
  encoding?: CafEncoding;
  /** Default `lines` (one element per line, like real files). */
  layout?: Layout;
  /** Default LF. */
  lineEnding?: LineEnding;
  faults?: readonly string[];
  /** Keep per-household entries in the manifest (default true; turn off for large files). */
  manifestDetail?: boolean;
  /** Default `591`. */
  numorg?: string;
}

/** The header after header-level faults. */
function faultyHeader(header: GenHeader, faults: readonly FaultName[], seed: Seed): GenHeader {
  const h = { ...header };
  if (faults.includes('unknown-natflux')) h.natflux = 'X';
  if (faults.includes('unknown-typeflux')) h.typeflux = 'Q';
  if (faults.includes('time-fraction')) h.heucreaflux = `${h.heucreaflux.slice(0, 8)}.${String(hashParts(seed, 'fraction') % 100).padStart(2, '0')}`;
  return h;
}

/**
 * Generates one VRSB0801 bénéficiaire file and returns its manifest (ground truth for tests and
 * benchmarks). Same options → same bytes. Changing only `date`/`time` changes only the header.
 */
export async function generateCafFile(options: GenerateCafFileOptions): Promise<GenManifest> {
  const seed = options.seed ?? 1;
  const kind = options.kind ?? 'monthly';
  const count = options.households;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`households must be a non-negative integer, got ${count}`);
  const faults = parseFaults(options.faults ?? []);
  const referenceDate = resolveReferenceDate(seed, kind, options.referenceDate);
  const header = faultyHeader(buildHeader(seed, kind, referenceDate, { date: options.date, time: options.time }), faults, seed);
  const path = resolve(options.out ?? join(options.outDir ?? join(process.cwd(), 'var', 'caf'), defaultFileName(header, kind, seed)));

  const has = (f: FaultName) => faults.includes(f);
  const encoding: CafEncoding = has('bom') || has('utf8-declared-cp1252') ? 'UTF-8' : has('cp1252-declared-utf8') ? 'windows-1252' : (options.encoding ?? 'windows-1252');
  const declared = has('utf8-declared-cp1252') ? 'windows-1252' : has('cp1252-declared-utf8') ? 'UTF-8' : encoding;
  const layout = options.layout ?? 'lines';
  const lineEnding = options.lineEnding ?? 'LF';

  const plan = planFaults(seed, count, faults);
  const builder = new ManifestBuilder(options.manifestDetail ?? true, plan.duplicateSources, faults.includes('nir-conflict'));
  const households = injectFaults(generateHouseholds(seed, count, { kind, referenceDate, numorg: options.numorg ?? DEFAULT_NUMORG }), plan, referenceDate);

  const result = await writeVrsbFile(path, header, households, {
    encoding,
    declaredEncoding: declared,
    bom: has('bom'),
    style: {
      layout,
      lineEnding,
      booleans: has('booleans-true-false') ? 'true-false' : '01',
      padValues: has('padded-values'),
      emptyOptionalElements: has('empty-elements'),
    },
    omitHeader: has('missing-header'),
    omitFooter: has('missing-footer'),
    footerCountDelta: has('count-mismatch') ? 1 : 0,
    truncateAtOrdinal: plan.truncateAt ?? undefined,
    onHousehold: (h, ordinal) => builder.add(h, ordinal),
  });

  // File-level faults not already reported through the household they touched.
  for (const fault of faults) {
    const spec = FAULT_CATALOG[fault];
    if (spec.level !== 'file' || builder.faults.some((f) => f.fault === fault)) continue;
    builder.addFileFault({
      fault,
      level: 'file',
      expected: spec.expected,
      ...(fault === 'truncated' ? { ordinal: result.count, detail: `cut in the middle of household ${result.count}` } : {}),
    });
  }

  return {
    fileName: basename(path),
    path,
    sha256: result.sha256,
    bytes: result.bytes,
    seed,
    kind,
    referenceDate,
    header,
    encoding: { actual: encoding, declared, bom: has('bom') },
    layout,
    lineEnding,
    count: result.count,
    footer: result.footer,
    expectedFileOutcome: faults.some((f) => FAULT_CATALOG[f].expected === 'file-rejected') ? 'file-rejected' : 'accepted',
    totals: builder.totals,
    transliterated: result.transliterated,
    faults: builder.faults,
    ...(options.manifestDetail === false ? {} : { households: builder.householdList() }),
  };
}

/**
 * Writes `<file>.manifest.json` beside the generated file and returns its path. Households go one
 * per line through a stream: a 100k-household manifest is never turned into one giant string.
 */
export async function writeManifest(manifest: GenManifest, path = `${manifest.path}.manifest.json`): Promise<string> {
  const { households, ...summary } = manifest;
  const head = JSON.stringify(summary, null, 2);
  const stream = createWriteStream(path, 'utf8');
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  if (!households) await write(`${head}\n`);
  else {
    await write(`${head.slice(0, -2)},\n  "households": [`);
    for (let i = 0; i < households.length; i++) await write(`${i === 0 ? '' : ','}\n    ${JSON.stringify(households[i])}`);
    await write(`${households.length ? '\n  ' : ''}]\n}\n`);
  }
  stream.end();
  await once(stream, 'finish');
  return path;
}
