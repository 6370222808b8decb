import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { rawParse } from '@rsa/intake';

/**
 * The benchmark's reference, measured in the same run as the import: a raw streaming parse of the
 * same file (same decoding, saxes with no-op handlers) plus a PostgreSQL COPY of as many person rows
 * as the file holds. Prints one JSON line.
 */
async function main(): Promise<void> {
  const [file, personsArg, databaseUrl] = process.argv.slice(2);
  const persons = Number(personsArg);

  const parseStart = process.hrtime.bigint();
  const parsed = await rawParse(createReadStream(file, { highWaterMark: 1 << 20 }));
  const parseMs = Number(process.hrtime.bigint() - parseStart) / 1e6;

  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`CREATE TEMP TABLE ref_person (id uuid, nir_hash varchar(64), nom varchar(28), nomnai varchar(28), prenom varchar(32), dtnai date, sexe varchar(1), role varchar(3), toppersdrodevorsa boolean)`);
  const lines: string[] = [];
  for (let i = 0; i < persons; i++) {
    lines.push(`${randomUUID()}\t${'a'.repeat(64)}\tDUPONT\tMARTIN\tCAMILLE\t1985-0${1 + (i % 9)}-1${i % 10}\t${1 + (i % 2)}\tDEM\t${i % 3 === 0 ? 't' : 'f'}\n`);
  }
  const copyStart = process.hrtime.bigint();
  await pipeline(Readable.from(lines), client.query(copyFrom('COPY ref_person FROM STDIN')));
  const copyMs = Number(process.hrtime.bigint() - copyStart) / 1e6;
  await client.end();
  process.stdout.write(`${JSON.stringify({ parseMs, copyMs, households: parsed.households, bytes: parsed.bytes })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
