import type { HouseholdItem } from '../../../domain/household-record';
import { FileFaultError } from '../file-fault.error';
import type { VrsbEvent } from '../vrsb-event';
import { readVrsb } from '../vrsb-reader';

export interface ReadOutcome {
  events: VrsbEvent[];
  error: FileFaultError | null;
}

/** The bytes as an async source of `chunkSize`-byte chunks (the whole buffer when omitted). */
export async function* chunksOf(bytes: Buffer, chunkSize = bytes.length || 1): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
}

/** Every event of the reader, and the file fault it ended with (null when the file is whole). */
export async function readAll(bytes: Buffer, chunkSize?: number): Promise<ReadOutcome> {
  const events: VrsbEvent[] = [];
  try {
    for await (const event of readVrsb(chunksOf(bytes, chunkSize))) events.push(event);
    return { events, error: null };
  } catch (error) {
    if (error instanceof FileFaultError) return { events, error };
    throw error;
  }
}

export function householdItems(outcome: ReadOutcome): HouseholdItem[] {
  return outcome.events.flatMap((event) => (event.type === 'household' ? [event.item] : []));
}

/** The household records of a file that must read without any fault. */
export async function recordsOf(bytes: Buffer) {
  const outcome = await readAll(bytes);
  if (outcome.error !== null) throw outcome.error;
  return householdItems(outcome).map((item) => {
    if (!item.ok) throw new Error(`unexpected record fault at ${item.fault.path}: ${item.fault.message}`);
    return item.record;
  });
}

