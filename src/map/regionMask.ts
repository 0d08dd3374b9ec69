/**
 * The region filter's map look: every other township veiled, the chosen one outlined. Filters over the townships
 * basemap source (`XZQDM` from 三调 data, or `code`); a village selects its township (its first 9 digits).
 */
import type { FilterSpecification } from 'maplibre-gl';
import type { Region } from '../core/types';

export function regionMaskFilters(region: Region | undefined): { mask: FilterSpecification; outline: FilterSpecification } {
  const code: FilterSpecification = ['to-string', ['coalesce', ['get', 'XZQDM'], ['get', 'code'], '']];
  const town = region && region.level !== 'county' ? region.code.slice(0, 9) : undefined;
  const isTownship: FilterSpecification = ['==', ['length', code], 9];
  return {
    mask: town ? ['all', isTownship, ['!=', code, town]] : ['==', code, '__none__'],
    outline: town ? ['==', code, town] : ['==', code, '__none__'],
  };
}
