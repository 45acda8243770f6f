import { readFileSync } from 'node:fs';
import { type LoadedModel, prepare } from './model.ts';
import { decodeModel, MODEL_FILE_NAME, type ModelFile } from './model-file.ts';

// The committed model, read once, on the first comment classified: only a function that classifies pays
// for it. The file sits beside this module in the repository (tsx, vitest) and beside the bundle in a Lambda
// (infra/bundling.ts copies it there), so one relative URL finds it in both; esbuild leaves
// `new URL(…, import.meta.url)` as it is, so the weights are never inlined into the JavaScript.

export const MODEL_URL = new URL(MODEL_FILE_NAME, import.meta.url);

export interface Loaded extends LoadedModel {
  readonly file: Omit<ModelFile, 'features' | 'category' | 'safety'>;
}

let loaded: Loaded | undefined;

export function loadModel(text: string): Loaded {
  const { model, file } = decodeModel(text);
  const { features: _features, category: _category, safety: _safety, ...header } = file;
  return { ...prepare(model), file: header };
}

export function complaintModel(): Loaded {
  loaded ??= loadModel(readFileSync(MODEL_URL, 'utf8'));
  return loaded;
}
