/**
 * The decoded text still needed to cut out the current household's raw XML (`rawXml`). Decoded chunks
 * are kept by reference with their offset in the whole text, and dropped as soon as no household can
 * start or end in them, so memory stays at about one chunk plus one household. No concatenation happens
 * except once per household that spans chunks.
 */
export class TextWindow {
  private chunks: string[] = [];
  private starts: number[] = [];
  private end = 0;

  /** Global offset just past the last character pushed. */
  get length(): number {
    return this.end;
  }

  push(text: string): void {
    this.chunks.push(text);
    this.starts.push(this.end);
    this.end += text.length;
  }

  /** Offset of the last `char` at or before `position` (global offsets), or -1. */
  lastIndexOf(char: string, position: number): number {
    for (let k = this.chunks.length - 1; k >= 0; k--) {
      const local = position - this.starts[k];
      if (local < 0) continue;
      const found = this.chunks[k].lastIndexOf(char, local);
      if (found >= 0) return this.starts[k] + found;
    }
    return -1;
  }

  /** Text between two global offsets; both must still be in the window. */
  slice(from: number, to: number): string {
    let first = this.chunks.length - 1;
    while (first > 0 && this.starts[first] > from) first--;
    let last = first;
    while (last < this.chunks.length - 1 && this.starts[last + 1] < to) last++;
    if (first === last) return this.chunks[first].slice(from - this.starts[first], to - this.starts[first]);
    // Only the household's own characters are copied, never the whole chunks around it.
    let text = this.chunks[first].slice(from - this.starts[first]);
    for (let k = first + 1; k < last; k++) text += this.chunks[k];
    return text + this.chunks[last].slice(0, to - this.starts[last]);
  }

  /** Forgets the chunks that end at or before `position`. */
  discardBefore(position: number): void {
    let drop = 0;
    while (drop < this.chunks.length && this.starts[drop] + this.chunks[drop].length <= position) drop++;
    if (drop > 0) {
      this.chunks.splice(0, drop);
      this.starts.splice(0, drop);
    }
  }

  /** Keeps only the newest chunk. */
  keepLast(): void {
    if (this.chunks.length > 1) {
      this.chunks = [this.chunks[this.chunks.length - 1]];
      this.starts = [this.starts[this.starts.length - 1]];
    }
  }
}
