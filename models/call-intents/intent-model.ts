// The live-call assist's intent model (README.md here): one segment of a call transcript in, the
// probability of each intent out, through the ONNX graph training exported (a logistic regression
// per intent over TF-IDF features computed by featurize.ts). Loaded once per process; a segment is
// scored in well under a millisecond.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OnnxSession } from '../runtime/onnx-session.js';
import { vectorise, type Vocabulary } from './featurize.js';

export const CALL_INTENTS = ['promise_to_pay', 'hardship', 'dispute', 'stop_contact', 'wrong_party', 'third_party', 'threat', 'false_urgency'] as const;
export type CallIntent = (typeof CALL_INTENTS)[number];

export interface IntentCard {
  schema: 'credence.call-intent-card/1';
  name: string;
  version: string;
  labels: CallIntent[];
  thresholds: Record<CallIntent, number>;
  test: { perIntent: Record<CallIntent, { precision: number; recall: number; f1: number; support: number }>; macro: { precision: number; recall: number; f1: number } };
}

export interface IntentScores {
  /** every intent's probability, 0..1 */
  probabilities: Record<CallIntent, number>;
  /** the intents at or above their card threshold, most probable first */
  detected: CallIntent[];
}

/** Where the shipped model lives (copied into dist/ with the other artifacts). */
export const CALL_INTENTS_DIR = join(import.meta.dirname, '..', 'artifacts', 'call-intents', '1.1.0');

export class IntentModel {
  private constructor(
    readonly card: IntentCard,
    private readonly vocabulary: Vocabulary,
    private readonly session: OnnxSession,
  ) {}

  static async load(dir: string = CALL_INTENTS_DIR): Promise<IntentModel> {
    const card = JSON.parse(await readFile(join(dir, 'intent-card.json'), 'utf8')) as IntentCard;
    if (card.schema !== 'credence.call-intent-card/1') throw new Error(`${dir}: not a call-intent card (${String(card.schema)})`);
    if (card.labels.join() !== CALL_INTENTS.join()) throw new Error(`${dir}: the card's labels ${card.labels.join()} are not ${CALL_INTENTS.join()}`);
    const raw = JSON.parse(await readFile(join(dir, 'vocabulary.json'), 'utf8')) as { features: string[]; idf: number[] };
    if (raw.features.length !== raw.idf.length) throw new Error(`${dir}: vocabulary.json has ${raw.features.length} features and ${raw.idf.length} idf weights`);
    const session = await OnnxSession.open(join(dir, 'model.onnx'), ['probabilities']);
    if (session.width !== raw.features.length) {
      await session.close();
      throw new Error(`${dir}: model.onnx takes ${String(session.width)} features, the vocabulary has ${raw.features.length}`);
    }
    return new IntentModel(card, { index: new Map(raw.features.map((f, i) => [f, i])), idf: raw.idf }, session);
  }

  get version(): string {
    return this.card.version;
  }

  async score(texts: readonly string[]): Promise<IntentScores[]> {
    if (texts.length === 0) return [];
    const width = this.vocabulary.idf.length;
    const features = new Float64Array(texts.length * width);
    texts.forEach((text, i) => vectorise(text, this.vocabulary, features.subarray(i * width, (i + 1) * width)));
    const { probabilities } = await this.session.run(features, texts.length, width, ['probabilities']);
    const k = CALL_INTENTS.length;
    return texts.map((_, i) => {
      const row = Object.fromEntries(CALL_INTENTS.map((intent, j) => [intent, probabilities![i * k + j]!])) as Record<CallIntent, number>;
      const detected = CALL_INTENTS.filter((intent) => row[intent] >= this.card.thresholds[intent]).sort((a, b) => row[b] - row[a]);
      return { probabilities: row, detected };
    });
  }

  close(): Promise<void> {
    return this.session.close();
  }
}
