/**
 * Internal signal for a household that cannot be mapped: thrown while converting or mapping one
 * `InfosFoyerRSA` and caught by the household mapper, which turns it into a `RecordFault`. Path segments
 * are added while the conversion unwinds, so the happy path never builds path strings.
 */
export class RecordFaultSignal {
  constructor(
    /** Segments below `InfosFoyerRSA`, e.g. ['Personne[2]', 'Identification', 'DTNAI']. */
    readonly segments: string[],
    readonly message: string,
  ) {}

  get path(): string {
    return ['InfosFoyerRSA', ...this.segments].join('/');
  }
}
