// The one adapter over onnxruntime-node (STYLE.md 1; eslint allows the SDK in this file only).
// It knows the CARD.md interface: a single `features` input of doubles shaped [N, F], and named
// double outputs shaped [N, k]. Anything else is rejected when the file is opened, not at first use.
import { InferenceSession, Tensor } from 'onnxruntime-node';

export interface OnnxSessionOptions {
  /**
   * Threads per run. Default 1: a tree ensemble over a batch is cheap, the service runs many
   * requests concurrently, and a single thread keeps latency predictable under load.
   */
  intraOpNumThreads?: number;
}

export const FEATURES_INPUT = 'features';

export class OnnxSession {
  private constructor(
    readonly file: string,
    private readonly session: InferenceSession,
    readonly width: number | undefined,
  ) {}

  /** Creates the InferenceSession once; `outputs` are checked to exist and be doubles. */
  static async open(file: string, outputs: readonly string[], options: OnnxSessionOptions = {}): Promise<OnnxSession> {
    const session = await InferenceSession.create(file, {
      intraOpNumThreads: options.intraOpNumThreads ?? 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      // Python's onnxruntime default, so verification.json's scores are reproduced by the same graph.
      graphOptimizationLevel: 'all',
    });
    try {
      const input = session.inputMetadata.find((m) => m.name === FEATURES_INPUT);
      if (session.inputNames.length !== 1 || input === undefined) {
        throw new Error(`${file}: expected one input named "${FEATURES_INPUT}", found ${JSON.stringify(session.inputNames)}`);
      }
      if (input.isTensor && input.type !== 'float64') throw new Error(`${file}: input "${FEATURES_INPUT}" must be tensor(double), is ${input.type}`);
      for (const name of outputs) {
        const meta = session.outputMetadata.find((m) => m.name === name);
        if (meta === undefined) throw new Error(`${file}: missing output "${name}" (has ${JSON.stringify(session.outputNames)})`);
        // Doubles end to end (CARD.md): a float output would not reproduce the Python scores.
        if (meta.isTensor && meta.type !== 'float64') throw new Error(`${file}: output "${name}" must be tensor(double), is ${meta.type}`);
      }
      const width = input.isTensor ? input.shape[1] : undefined;
      return new OnnxSession(file, session, typeof width === 'number' ? width : undefined);
    } catch (error) {
      await session.release();
      throw error;
    }
  }

  /** Runs `rows` encoded rows (row-major, `columns` wide) and returns each named output flattened. */
  async run(features: Float64Array, rows: number, columns: number, outputs: readonly string[]): Promise<Record<string, Float64Array>> {
    if (features.length !== rows * columns) throw new Error(`${this.file}: ${features.length} values do not form ${rows} rows of ${columns}`);
    if (this.width !== undefined && this.width !== columns) throw new Error(`${this.file}: model expects ${this.width} features, got ${columns}`);
    const results = await this.session.run({ [FEATURES_INPUT]: new Tensor('float64', features, [rows, columns]) }, [...outputs]);
    const out: Record<string, Float64Array> = {};
    for (const name of outputs) {
      const tensor = results[name];
      if (tensor === undefined || tensor.type !== 'float64') throw new Error(`${this.file}: output "${name}" is not a double tensor`);
      if (tensor.dims[0] !== rows) throw new Error(`${this.file}: output "${name}" has ${tensor.dims[0]} rows for ${rows} inputs`);
      // Copied into this realm's Float64Array: the native binding's array may come from another
      // realm (jest's VM contexts), where `instanceof` checks downstream would fail.
      out[name] = Float64Array.from(tensor.data as Float64Array);
    }
    return out;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
