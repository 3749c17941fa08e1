// A models/ tree for tests that need a variant of a committed artifact (a calibration in its card,
// a scorecard beside or instead of its ONNX model): the artifact directories are copied into a
// temporary folder with their own registry.json, so the registry, the activities and the CLI
// load them exactly as production loads models/.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RegistryFile, VersionEntry } from '../../models/registry/index.js';

const MODELS = resolve(import.meta.dirname, '..', '..', 'models');

export interface ArtifactCopy {
  /** the directory to copy, relative to models/ (e.g. artifacts/application-pd/1.0.0) */
  from: string;
  card?: (card: Record<string, unknown>) => void;
  /** files to add or replace: name in the copy -> path of the source */
  add?: Record<string, string>;
  remove?: string[];
}

export interface TemporaryModel {
  /** copies by key; versions name them */
  dirs: Record<string, ArtifactCopy>;
  versions: Record<string, { dir: string; variant?: VersionEntry['variant'] }>;
  champion: string;
  challenger?: string;
}

export function temporaryModels(models: Record<string, TemporaryModel>): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'credence-models-'));
  const registry: RegistryFile = { models: {} };
  for (const [name, model] of Object.entries(models)) {
    for (const [key, copy] of Object.entries(model.dirs)) {
      const target = join(dir, 'artifacts', name, key);
      cpSync(join(MODELS, copy.from), target, { recursive: true });
      for (const file of copy.remove ?? []) rmSync(join(target, file));
      for (const [file, source] of Object.entries(copy.add ?? {})) cpSync(source, join(target, file));
      if (copy.card) {
        const card = JSON.parse(readFileSync(join(target, 'card.json'), 'utf8')) as Record<string, unknown>;
        copy.card(card);
        writeFileSync(join(target, 'card.json'), JSON.stringify(card));
      }
    }
    const versions = Object.fromEntries(Object.entries(model.versions).map(([version, v]) => [version, { dir: `artifacts/${name}/${v.dir}`, ...(v.variant ? { variant: v.variant } : {}) }]));
    registry.models[name] = { versions, champion: model.champion, ...(model.challenger ? { challenger: model.challenger } : {}) };
  }
  writeFileSync(join(dir, 'registry.json'), JSON.stringify(registry));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
