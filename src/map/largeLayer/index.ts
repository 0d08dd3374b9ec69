export { attachLargeLayer, type LargeLayerHandle, type LargeLayerOptions, PROTOCOL } from './attachLargeLayer';
export { type PackedParcels, packedTransferables, packParcels } from '../../worker/tiles/packed';
export { AGG_LAYER, PARCEL_LAYER, type TileIndexInfo, type TileIndexOptions } from '../../worker/tiles/tileIndex';
