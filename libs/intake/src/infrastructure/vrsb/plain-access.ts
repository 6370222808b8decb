import type { PlainBlock, PlainValue } from '../../domain/household-record';

/**
 * Typed reads from the plain JSON of a household (values already trimmed, checked and normalised by
 * the plain-block builder). A block found where a value is expected, or the reverse, reads as absent:
 * the mandatory checks then report it.
 */

function isBlock(value: PlainValue | undefined): value is PlainBlock {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The block `name` of `block` (the first one if the file repeats it), or undefined. */
export function blockOf(block: PlainBlock | undefined, name: string): PlainBlock | undefined {
  const value = block?.[name];
  if (Array.isArray(value)) return isBlock(value[0]) ? value[0] : undefined;
  return isBlock(value) ? value : undefined;
}

/** The repeated blocks `name` of `block`, in file order (empty when absent). */
export function blocksOf(block: PlainBlock | undefined, name: string): PlainBlock[] {
  const value = block?.[name];
  if (value === undefined) return [];
  if (!Array.isArray(value)) return isBlock(value) ? [value] : [];
  for (const item of value) if (!isBlock(item)) return value.filter(isBlock);
  return value as PlainBlock[];
}

/** The text of leaf `name` (the first one if repeated), null when absent or empty. */
export function textOf(block: PlainBlock | undefined, name: string): string | null {
  const value = block?.[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

/** A boolean leaf (normalised to `1`/`0` by the builder), null when absent. */
export function flagOf(block: PlainBlock | undefined, name: string): boolean | null {
  const value = textOf(block, name);
  return value === '1' ? true : value === '0' ? false : null;
}
