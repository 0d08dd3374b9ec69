/** The app's version, from package.json (bundled by Vite, read by tsx/Vitest through a JSON import). */
import pkg from '../../package.json';

export const APP_NAME = 'Farmland Atlas 耕地保护一张图';
export const APP_VERSION: string = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
