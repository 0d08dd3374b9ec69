/** GDAL (gdal3.js) for tests in layers that may not import the CLI (state, worker): the CLI's Node loader. */
export { loadGdalNode } from '../../src/cli/gdalNode';
