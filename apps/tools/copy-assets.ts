// Part of `npm run build`: data files the compiled code reads at run time (products, the
// sanctions list, the model registry, the trained model artifacts and the voice sandbox's scripted
// calls) are copied beside it in dist/. Runs on Node's type stripping, so it imports nothing relative.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const ASSET_DIRS = ['policies'];
/** Copied whole, whatever the file type (ONNX models, trees, cards). */
const ASSET_TREES = ['models/artifacts', 'models/registry.json', 'apps/sandboxes/twilio/call-scripts'];

function copyJson(dir: string): number {
  let copied = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copied += copyJson(path);
    else if (name.endsWith('.json') || name.endsWith('.yaml')) {
      cpSync(path, join(root, 'dist', relative(root, path)));
      copied += 1;
    }
  }
  return copied;
}

let copied = ASSET_DIRS.reduce((n, dir) => n + copyJson(join(root, dir)), 0);
for (const path of ASSET_TREES) {
  cpSync(join(root, path), join(root, 'dist', path), { recursive: true });
  copied += 1;
}
console.log(`copied ${copied} data files into dist/`);
