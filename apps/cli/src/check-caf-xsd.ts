/**
 * check:caf-xsd — CI guard that the synthetic CAF files still match the CAF's own schema.
 *
 * Generates fault-free files (daily, monthly and reprise, several seeds, every encoding and
 * layout) plus the accepted variants that stay schema-valid, and validates each one against
 * ../shared/reference/vrsb0801.xsd (outside the repository: skipped when absent) with xmllint-wasm.
 * Exit 0 when every file is valid (or skipped), 1 otherwise.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as iconv from 'iconv-lite';
import { memoryPages, validateXML } from 'xmllint-wasm';
import {
  CAF_ENCODINGS,
  generateCafFile,
  type GenerateCafFileOptions,
  SCHEMA_VALID_FAULTS,
} from '@rsa/testing';

const HOUSEHOLDS = 300;
const XSD_RELATIVE = '../shared/reference/vrsb0801.xsd';

/** The repository root: the nearest package.json above the compiled script (or, failing that, the working directory). */
function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, 'package.json'))) return dir;
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`no package.json above ${__dirname} or ${process.cwd()}`);
}

function cases(): (Omit<GenerateCafFileOptions, 'households'> & { label: string })[] {
  const list: (Omit<GenerateCafFileOptions, 'households'> & { label: string })[] = [];
  for (const kind of ['daily', 'monthly'] as const) {
    for (const seed of [1, 2, 3]) {
      for (const encoding of CAF_ENCODINGS) list.push({ label: `${kind}-s${seed}-${encoding}`, kind, seed, encoding });
    }
  }
  list.push({ label: 'reprise', kind: 'reprise', seed: 4 });
  list.push({ label: 'pretty-crlf', kind: 'monthly', seed: 5, layout: 'pretty', lineEnding: 'CRLF' });
  list.push({ label: 'minified', kind: 'daily', seed: 6, layout: 'minified' });
  for (const fault of SCHEMA_VALID_FAULTS) list.push({ label: `fault-${fault}`, kind: 'monthly', seed: 7, faults: [fault] });
  list.push({ label: 'all-schema-valid-faults', kind: 'daily', seed: 8, faults: SCHEMA_VALID_FAULTS, encoding: 'ISO-8859-1' });
  return list;
}

/**
 * The WebAssembly libxml2 has no iconv: it reads UTF-8 and ISO-8859-1 only. Files in other
 * encodings are decoded here and handed over as UTF-8 with the declaration changed to match.
 */
function forXmllint(bytes: Buffer): Uint8Array {
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /encoding="([^"]+)"/.exec(head)?.[1] ?? 'UTF-8';
  if (/^(utf-8|iso-8859-1)$/i.test(declared)) return bytes;
  const text = iconv.decode(bytes, declared).replace(/encoding="[^"]+"/, 'encoding="UTF-8"');
  return Buffer.from(text, 'utf8');
}

async function main(): Promise<number> {
  const root = repoRoot();
  const xsdPath = resolve(root, '..', 'shared', 'reference', 'vrsb0801.xsd');
  if (!existsSync(xsdPath)) {
    process.stdout.write(`check:caf-xsd skipped: ${XSD_RELATIVE} not found\n`);
    return 0;
  }
  const schema = await readFile(xsdPath, 'utf8');
  const dir = await mkdtemp(join(tmpdir(), 'caf-xsd-'));
  let valid = 0;
  const failures: string[] = [];
  try {
    for (const { label, ...options } of cases()) {
      const manifest = await generateCafFile({ ...options, households: HOUSEHOLDS, out: join(dir, `${label}.xml`), manifestDetail: false });
      const result = await validateXML({
        xml: [{ fileName: `${label}.xml`, contents: forXmllint(await readFile(manifest.path)) }],
        schema: [{ fileName: 'vrsb0801.xsd', contents: schema }],
        maxMemoryPages: 512 * memoryPages.MiB,
      });
      if (result.valid) valid++;
      else failures.push(`${label}.xml (${manifest.encoding.actual}, faults: ${(options.faults ?? []).join(',') || 'none'}):\n  ${result.errors.slice(0, 20).map((e) => e.rawMessage).join('\n  ')}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  if (failures.length > 0) {
    process.stderr.write(`check:caf-xsd: ${failures.length} file(s) invalid against ${XSD_RELATIVE}\n${failures.join('\n')}\n`);
    return 1;
  }
  process.stdout.write(`check:caf-xsd: ${valid} files valid\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`check:caf-xsd: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
