// Part of `npm run build`: data files the compiled code reads at run time (products, the
// sanctions list) are copied beside it in dist/. Runs on Node's type stripping, so it imports
// nothing relative.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const ASSET_DIRS = ['policies'];

function copyJson(dir: string): number {
  let copied = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) copied += copyJson(path);
    else if (name.endsWith('.json')) {
      cpSync(path, join(root, 'dist', relative(root, path)));
      copied += 1;
    }
  }
  return copied;
}

const copied = ASSET_DIRS.reduce((n, dir) => n + copyJson(join(root, dir)), 0);
console.log(`copied ${copied} data files into dist/`);
