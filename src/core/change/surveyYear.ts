/**
 * The survey year of an after-vintage (or a change layer), read from its parcels' SJNF / BGHSJNF field: the year the
 * 以补定占 ledger row belongs to (docs/change.md). Only the first 50 parcels are looked at — a vintage is one year.
 */
import { type ChangePieces, sideProps } from './pieces';

/**
 * @param pieces - an overlay's or a change layer's pieces
 * @returns the year (1901–2199) of the first after-parcel carrying SJNF or BGHSJNF, or undefined
 * @example
 * surveyYear(overlayVintages(before2023, after2024)); // 2024
 */
export function surveyYear(pieces: Pick<ChangePieces, 'before' | 'after' | 'propsOf'>): number | undefined {
  for (let i = 0; i < Math.min(50, pieces.after.length); i++) {
    const props = sideProps(pieces, 'after', i);
    for (const k of Object.keys(props))
      if (k.toUpperCase() === 'SJNF' || k.toUpperCase() === 'BGHSJNF') {
        const y = Number(props[k]);
        if (Number.isInteger(y) && y > 1900 && y < 2200) return y;
      }
  }
  return undefined;
}
