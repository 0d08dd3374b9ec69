/** The slice of geojson-validation 1.0.2 (CommonJS, untyped) that the validator uses. With trace = true each
 * check returns an array of messages (empty when valid); results are still checked at runtime (structure.ts). */
declare module 'geojson-validation' {
  interface GeoJsonValidation {
    isFeature(feature: unknown, trace: true): unknown;
    isGeometryObject(geometry: unknown, trace: true): unknown;
  }
  const gjv: GeoJsonValidation;
  export default gjv;
}
