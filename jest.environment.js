// Jest's test environment, with one change: the sandbox uses the main realm's typed-array
// constructors. onnxruntime-node's native binding returns Node's own Float64Array etc., and
// onnxruntime-common (loaded inside the sandbox) checks outputs with `instanceof` against the
// sandbox's constructors, which fails without this. Production code runs in one realm and never
// needs it.
import { TestEnvironment } from 'jest-environment-node';

const TYPED_ARRAYS = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];

export default class CredenceTestEnvironment extends TestEnvironment {
  /**
   * @param {import('@jest/environment').JestEnvironmentConfig} config
   * @param {import('@jest/environment').EnvironmentContext} context
   */
  constructor(config, context) {
    super(config, context);
    for (const name of TYPED_ARRAYS) this.global[name] = globalThis[name];
  }
}
