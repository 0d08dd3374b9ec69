/**
 * The few platform globals src/core may use. They exist in Node ≥ 18, browsers and Web Workers alike; the core
 * tsconfig has no DOM lib, so they are declared here (and nothing else from the DOM is).
 */
interface CoreTextDecoderOptions {
  fatal?: boolean;
  ignoreBOM?: boolean;
}
declare class TextDecoder {
  constructor(label?: string, options?: CoreTextDecoderOptions);
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare function structuredClone<T>(value: T): T;
declare const performance: { now(): number };
