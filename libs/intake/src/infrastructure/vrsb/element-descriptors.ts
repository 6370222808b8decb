import { BLOCK_CHILDREN, BLOCK_ELEMENTS, LEAF_KINDS, LEAF_LIMITS, REPEATED_ELEMENTS, type LeafKind } from './vrsb0801-schema';

/** What the tree builder needs to know about an element name, looked up once per element. */
export interface ElementDescriptor {
  /** The name, as an interned constant for schema elements (cheap property key). */
  readonly name: string;
  /** How a leaf value is checked: a schema kind, `nir` (upper-cased), or plain trimmed `text`. */
  readonly kind: LeafKind | 'nir' | 'text';
  /** The schema's maxLength (strings) or totalDigits (numbers); Infinity when it sets none. */
  readonly max: number;
  /** The schema's fractionDigits of a decimal. */
  readonly fraction: number;
  /** maxOccurs > 1 in the schema: always an array. */
  readonly repeated: boolean;
  /** A schema block: an empty one is `{}`, not an absent value. */
  readonly block: boolean;
  /** Declared by vrsb0801.xsd; other names take a slower, prototype-safe path. */
  readonly known: boolean;
}

function describe(name: string, known: boolean): ElementDescriptor {
  const limit = known ? LEAF_LIMITS.get(name) : undefined;
  return {
    name,
    kind: LEAF_KINDS.get(name) ?? (name === 'NIR' ? 'nir' : 'text'),
    max: limit?.max ?? Infinity,
    fraction: limit?.fraction ?? 0,
    repeated: REPEATED_ELEMENTS.has(name),
    block: BLOCK_ELEMENTS.has(name),
    known,
  };
}

/**
 * saxes hands a fresh string for every tag name; hashing it for a Map costs more than the parse of the
 * tag itself on a 500 MB file. Schema names are found instead by a cheap signature (length and three
 * characters) then one string comparison.
 */
const TABLE_SIZE = 4096;
const table: (ElementDescriptor[] | undefined)[] = new Array(TABLE_SIZE);

function signature(name: string): number {
  const n = name.length;
  return (((n * 31 + name.charCodeAt(0)) * 31 + name.charCodeAt(n - 1)) * 31 + name.charCodeAt(n >> 1)) & (TABLE_SIZE - 1);
}

function remember(descriptor: ElementDescriptor): void {
  const slot = signature(descriptor.name);
  (table[slot] ??= []).push(descriptor);
}

const schemaNames = new Set<string>();
for (const [block, children] of Object.entries(BLOCK_CHILDREN)) {
  schemaNames.add(block);
  for (const child of children) schemaNames.add(child);
}
for (const name of schemaNames) remember(describe(name, true));

/** Unknown names are remembered up to this many, so a hostile file cannot grow the table without bound. */
const UNKNOWN_LIMIT = 1000;
let unknownCount = 0;

export function descriptorOf(name: string): ElementDescriptor {
  const bucket = table[signature(name)];
  if (bucket !== undefined) {
    for (let i = 0; i < bucket.length; i++) if (bucket[i].name === name) return bucket[i];
  }
  const created = describe(name, false);
  if (unknownCount < UNKNOWN_LIMIT) {
    unknownCount++;
    remember(created);
  }
  return created;
}
