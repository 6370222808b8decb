import { readFileSync } from 'node:fs';
import * as iconv from 'iconv-lite';
import { SaxesParser } from 'saxes';

/**
 * Test-only reader: parses a generated file back into plain element trees so specs can check what
 * was really written (not what the generator meant to write). Small files only.
 */

export interface XmlNode {
  name: string;
  text: string;
  children: XmlNode[];
}

export interface ReadBack {
  declaredEncoding: string | null;
  bom: boolean;
  text: string;
  root: XmlNode;
  households: XmlNode[];
}

export function declaredEncoding(bytes: Buffer): string | null {
  return /encoding="([^"]+)"/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1] ?? null;
}

export function decodeFile(bytes: Buffer): { text: string; encoding: string | null; bom: boolean } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const encoding = declaredEncoding(bytes);
  const text = iconv.decode(bom ? bytes.subarray(3) : bytes, encoding ?? 'UTF-8');
  return { text, encoding, bom };
}

export function parseXml(text: string): XmlNode {
  const parser = new SaxesParser();
  const stack: XmlNode[] = [{ name: '#document', text: '', children: [] }];
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, text: '', children: [] };
    stack[stack.length - 1].children.push(node);
    stack.push(node);
  });
  parser.on('text', (t) => {
    stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(text).close();
  return stack[0].children[0];
}

export function readBack(path: string): ReadBack {
  const bytes = readFileSync(path);
  const { text, encoding, bom } = decodeFile(bytes);
  const root = parseXml(text);
  return { declaredEncoding: encoding, bom, text, root, households: root.children.filter((c) => c.name === 'InfosFoyerRSA') };
}

/** First descendant along a `A/B/C` path, or undefined. */
export function at(node: XmlNode, path: string): XmlNode | undefined {
  let current: XmlNode | undefined = node;
  for (const name of path.split('/')) current = current?.children.find((c) => c.name === name);
  return current;
}

export function textAt(node: XmlNode, path: string): string | undefined {
  return at(node, path)?.text;
}

export function childrenNamed(node: XmlNode, name: string): XmlNode[] {
  return node.children.filter((c) => c.name === name);
}
