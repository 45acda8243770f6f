import { createHash } from 'node:crypto';
import * as z from '../../schemas/zod.ts';
import { CATEGORY_IDS } from '../categories.ts';
import type { Model, QuantizedLayer } from './model.ts';

// The committed artefact (complaint-model.json, written by `npm run classifier:train`): the weights, the
// rule that combines them with the lexicon, and a record of what trained them. One JSON file, so it ships
// beside the Lambda bundle as it is and a reviewer can read its header; the 8-bit weights are base64, and
// the vocabulary one string of n-grams, a line each: read as a list of 16,948 strings, it took a cold
// worker's first comment about 10 ms more to parse and check (format 1, until 5 December).

export const MODEL_FORMAT = 'complaint-model/2';

/** Between two n-grams of the vocabulary in the file; none holds it (n-grams are Han characters, words and pieces of words: features.ts). */
const FEATURE_SEPARATOR = '\n';

/** The file's name, beside the module that loads it here and beside the bundle in a Lambda. */
export const MODEL_FILE_NAME = 'complaint-model.json';

const LayerSchema = z.strictObject({
  classes: z.int().check(z.positive()),
  scale: z.array(z.number().check(z.positive())),
  bias: z.array(z.number()),
  weights: z.base64(),
});

export const TrainedOnSchema = z.strictObject({
  /** A labelled set's name (test/fixtures/complaints/<name>.json) or a corrections file's. */
  name: z.string().check(z.minLength(1)),
  comments: z.int().check(z.nonnegative()),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  /** Whether the lexicon was tuned on it: its figures there say nothing about unseen text. */
  lexiconTuned: z.boolean(),
});
export type TrainedOn = z.infer<typeof TrainedOnSchema>;

/** How the lexicon and the model are combined (ensemble.ts); chosen by cross-validation at training. */
export const RuleSchema = z.strictObject({
  /** What one point of the lexicon's score for a category adds to the model's log-probability of it. */
  lexiconWeight: z.number().check(z.nonnegative()),
  /** The model's safety probability from which a comment is a safety signal. */
  signal: z.number().check(z.minimum(0), z.maximum(1)),
  /** The model's safety probability from which a comment is a possible safety signal. */
  possible: z.number().check(z.minimum(0), z.maximum(1)),
  /** A lexicon safety hit the model rates below this is a possible signal, not an alert (0: every hit alerts). */
  lexiconSignalFloor: z.number().check(z.minimum(0), z.maximum(1)),
});
export type Rule = z.infer<typeof RuleSchema>;

export const ModelFileSchema = z.strictObject({
  format: z.literal(MODEL_FORMAT),
  /** The first 16 hex digits of the SHA-256 of the weights and rule: names this model in the bench and on a case. */
  id: z.string().check(z.regex(/^[0-9a-f]{16}$/)),
  trainedOn: z.array(TrainedOnSchema).check(z.minLength(1)),
  options: z.record(z.string(), z.number()),
  rule: RuleSchema,
  categories: z.array(z.string()),
  /** The vocabulary, sorted, one n-gram a line: a layer's row is its line. */
  features: z.string(),
  category: LayerSchema,
  safety: LayerSchema,
}).check(z.refine((file) => file.categories.join() === CATEGORY_IDS.join(), { message: 'the model was trained on other categories', path: ['categories'] }));
export type ModelFile = z.infer<typeof ModelFileSchema>;

function joinFeatures(features: readonly string[]): string {
  const broken = features.find((gram) => gram.includes(FEATURE_SEPARATOR));
  if (broken !== undefined) throw new Error(`the n-gram ${JSON.stringify(broken)} holds a line break`);
  return features.join(FEATURE_SEPARATOR);
}

export interface ModelRecord {
  readonly trainedOn: readonly TrainedOn[];
  readonly options: Readonly<Record<string, number>>;
  readonly rule: Rule;
}

const encodeLayer = (layer: QuantizedLayer) => ({ classes: layer.classes, scale: [...layer.scale], bias: [...layer.bias], weights: Buffer.from(layer.weights.buffer, layer.weights.byteOffset, layer.weights.byteLength).toString('base64') });

function decodeLayer(layer: z.infer<typeof LayerSchema>, rows: number, name: string): QuantizedLayer {
  const bytes = Buffer.from(layer.weights, 'base64');
  if (bytes.length !== rows * layer.classes || layer.scale.length !== layer.classes || layer.bias.length !== layer.classes) throw new Error(`the ${name} layer does not match the vocabulary`);
  return { classes: layer.classes, scale: layer.scale, bias: layer.bias, weights: new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
}

/** The file's text: the same model and record always give the same bytes. */
export function encodeModel(model: Model, record: ModelRecord): string {
  const category = encodeLayer(model.category);
  const safety = encodeLayer(model.safety);
  const id = createHash('sha256').update(JSON.stringify([record.rule, model.features, category, safety])).digest('hex').slice(0, 16);
  const file: ModelFile = { format: MODEL_FORMAT, id, trainedOn: [...record.trainedOn], options: { ...record.options }, rule: record.rule, categories: [...CATEGORY_IDS], features: joinFeatures(model.features), category, safety };
  return `${JSON.stringify(file)}\n`;
}

/** Whether each n-gram sorts after the one before (training sorts them; the model looks rows up by halving). */
const sortedAndUnique = (features: readonly string[]) => features.every((gram, row) => row === 0 || (features[row - 1] ?? '') < gram);

export function decodeModel(text: string): { model: Model; file: ModelFile } {
  const file = ModelFileSchema.parse(JSON.parse(text));
  const features = file.features.split(FEATURE_SEPARATOR);
  if (!sortedAndUnique(features)) throw new Error('the model\'s vocabulary is not sorted');
  const rows = features.length;
  return { model: { features, category: decodeLayer(file.category, rows, 'category'), safety: decodeLayer(file.safety, rows, 'safety') }, file };
}
