/**
 * gen-caf: writes a synthetic CAF bénéficiaire file (VRSB0801) and its manifest.
 *
 *   node dist/apps/cli/src/gen-caf.js --households 10000 --kind monthly --seed 42
 *
 * Prints the output path, then a one-line summary. Usage errors go to stderr with exit code 2.
 */
import {
  FAULT_NAMES,
  generateCafFile,
  type GenerateCafFileOptions,
  type GenManifest,
  parseEncoding,
  parseFaults,
  writeManifest,
} from '@rsa/testing';

const USAGE = `usage: gen-caf --households N --kind daily|monthly|reprise --seed S
               [--faults a,b] [--out PATH] [--date YYYY-MM-DD] [--time HH:MM:SS.ffff]
               [--reference-date YYYY-MM-DD] [--encoding windows-1252|ISO-8859-1|ISO-8859-15|UTF-8]
               [--layout lines|pretty|minified] [--crlf] [--no-manifest-detail]
  --date/--time change only the header (DTCREAFLUX/HEUCREAFLUX); the households depend on
  seed, kind and --reference-date (default derived from the seed).
  faults: ${FAULT_NAMES.join(', ')}`;

class UsageError extends Error {}

const VALUE_FLAGS = ['--households', '--kind', '--seed', '--faults', '--out', '--date', '--time', '--reference-date', '--encoding', '--layout'] as const;
const SWITCHES = ['--crlf', '--no-manifest-detail', '--help'] as const;

export function parseArgs(argv: readonly string[]): GenerateCafFileOptions {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    if ((SWITCHES as readonly string[]).includes(flag)) {
      switches.add(flag);
    } else if ((VALUE_FLAGS as readonly string[]).includes(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      values.set(flag, value);
    } else {
      throw new UsageError(`unknown argument ${argv[i]}`);
    }
  }
  if (switches.has('--help')) throw new UsageError('');
  for (const required of ['--households', '--kind', '--seed']) {
    if (!values.has(required)) throw new UsageError(`${required} is required`);
  }
  const households = Number(values.get('--households'));
  if (!/^\d+$/.test(values.get('--households')!) || !Number.isSafeInteger(households)) throw new UsageError('--households must be a non-negative integer');
  const kind = values.get('--kind')!;
  if (kind !== 'daily' && kind !== 'monthly' && kind !== 'reprise') throw new UsageError('--kind must be daily, monthly or reprise');
  const layout = values.get('--layout') ?? 'lines';
  if (layout !== 'lines' && layout !== 'pretty' && layout !== 'minified') throw new UsageError('--layout must be lines, pretty or minified');
  const seedText = values.get('--seed')!;
  try {
    return {
      households,
      kind,
      // Numeric seeds are numbers, as in the library API, so `--seed 42` and `seed: 42` agree.
      seed: /^\d{1,15}$/.test(seedText) ? Number(seedText) : seedText,
      faults: values.has('--faults') ? parseFaults(values.get('--faults')!.split(',').map((f) => f.trim()).filter(Boolean)) : [],
      out: values.get('--out'),
      date: values.get('--date'),
      time: values.get('--time'),
      referenceDate: values.get('--reference-date'),
      encoding: values.has('--encoding') ? parseEncoding(values.get('--encoding')!) : undefined,
      layout,
      lineEnding: switches.has('--crlf') ? 'CRLF' : 'LF',
      manifestDetail: !switches.has('--no-manifest-detail'),
    };
  } catch (err) {
    throw err instanceof RangeError ? new UsageError(err.message) : err;
  }
}

function summary(m: GenManifest, seconds: number): string {
  const faults = m.faults.length ? [...new Set(m.faults.map((f) => f.fault))].join(',') : 'none';
  return [
    `${m.kind} seed=${m.seed}`,
    `households=${m.count}`,
    `persons=${m.totals.persons}`,
    `expectedEntrants=${m.totals.expectedEntrants}`,
    `bytes=${m.bytes} (${(m.bytes / 1024 / 1024).toFixed(1)} MiB)`,
    `encoding=${m.encoding.actual}`,
    `dtcreaflux=${m.header.dtcreaflux}`,
    `faults=${faults}`,
    `outcome=${m.expectedFileOutcome}`,
    `sha256=${m.sha256.slice(0, 16)}…`,
    `${seconds.toFixed(1)}s`,
  ].join(' ');
}

async function main(argv: readonly string[]): Promise<number> {
  let options: GenerateCafFileOptions;
  try {
    options = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    if (err.message) process.stderr.write(`gen-caf: ${err.message}\n`);
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const started = process.hrtime.bigint();
  let manifest: GenManifest;
  try {
    manifest = await generateCafFile(options);
  } catch (err) {
    // The generator reports bad input (impossible date, too few households for the faults) as RangeError.
    if (!(err instanceof RangeError)) throw err;
    process.stderr.write(`gen-caf: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  await writeManifest(manifest);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(`${manifest.path}\n${summary(manifest, seconds)}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`gen-caf: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
