import { type Classification, classifyByLexicon } from '../classifier.ts';
import { combinedCategory, safetyLevelOf } from './ensemble.ts';
import { encodeModel, type Rule } from './model-file.ts';
import { type ModelReading, prepare, read } from './model.ts';
import { train, TRAINING_OPTIONS, type TrainingExample, type TrainingOptions } from './train.ts';

// How the combination rule is chosen, at every training, without a blind set: by cross-validation on the
// comments the lexicon was never tuned on (training-2 and training-3, a hospital's corrections). Its rules were tuned on
// the other sets until it scored almost perfectly there, so its figures on them say nothing about how far
// to trust it. Those comments are cut into FOLDS folds (by position); each fold is scored by a model trained
// on every other comment (the tuned sets included), so the model is nearly as strong as the one shipped.
// On those out-of-fold readings:
// - lexiconWeight: the weight in LEXICON_WEIGHTS that classifies most comments right (ties: the smaller);
// - possible: the lowest threshold at which the false alarms of "lexicon phrase or model ≥ threshold"
//   stay within POSSIBLE_FALSE_ALARMS (the target): as many signals found as that budget allows;
// - signal and lexiconSignalFloor: the pair that finds the most signals at the signal level with false
//   alarms within SIGNAL_FALSE_ALARMS (ties: fewer false alarms, then the higher thresholds).

export const FOLDS = 5;
export const POSSIBLE_FALSE_ALARMS = 0.2;
export const SIGNAL_FALSE_ALARMS = 0.05;
export const LEXICON_WEIGHTS: readonly number[] = Array.from({ length: 21 }, (_, i) => i / 10);
/** Thresholds are chosen on a grid of hundredths. */
const THRESHOLDS: readonly number[] = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);

/** A labelled set, or a hospital's corrections. */
export interface LabelledSource {
  readonly name: string;
  /** Whether the lexicon's rules were tuned on it. */
  readonly lexiconTuned: boolean;
  readonly examples: readonly TrainingExample[];
}

export interface OutOfFold {
  readonly example: TrainingExample;
  readonly lexicon: Classification;
  readonly reading: ModelReading;
}

/** Every untuned comment, read by a model that did not see it. */
export function outOfFold(sources: readonly LabelledSource[], options: TrainingOptions): OutOfFold[] {
  const tuned = sources.filter((s) => s.lexiconTuned).flatMap((s) => s.examples);
  const untuned = sources.filter((s) => !s.lexiconTuned).flatMap((s) => s.examples);
  const scored: OutOfFold[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const loaded = prepare(train([...tuned, ...untuned.filter((_, i) => i % FOLDS !== fold)], options));
    untuned.forEach((example, i) => {
      if (i % FOLDS === fold) scored.push({ example, lexicon: classifyByLexicon(example.text), reading: read(loaded, example.text) });
    });
  }
  return scored;
}

export interface SafetyFigures {
  /** Comments labelled as safety signals, and how many of them reached each level or above. */
  readonly signals: number;
  readonly foundAtSignal: number;
  readonly foundAtPossible: number;
  /** Comments labelled as not safety signals, and how many of them were raised at each level or above. */
  readonly others: number;
  readonly falseAlarmsAtSignal: number;
  readonly falseAlarmsAtPossible: number;
}

export interface CrossValidated {
  readonly rule: Rule;
  /** Out-of-fold figures of the rule chosen. */
  readonly categories: { readonly n: number; readonly model: number; readonly lexicon: number; readonly combined: number };
  readonly safety: SafetyFigures;
}

export function safetyFigures(labelled: readonly { readonly safety: boolean; readonly level: 'signal' | 'possible' | 'none' }[]): SafetyFigures {
  const signals = labelled.filter((l) => l.safety);
  const others = labelled.filter((l) => !l.safety);
  return {
    signals: signals.length,
    foundAtSignal: signals.filter((l) => l.level === 'signal').length,
    foundAtPossible: signals.filter((l) => l.level !== 'none').length,
    others: others.length,
    falseAlarmsAtSignal: others.filter((l) => l.level === 'signal').length,
    falseAlarmsAtPossible: others.filter((l) => l.level !== 'none').length,
  };
}

export function chooseRule(scored: readonly OutOfFold[]): CrossValidated {
  const categorised = scored.flatMap((s) => (s.example.category === undefined ? [] : [{ ...s, category: s.example.category }]));
  const correct = (weight: number) => categorised.filter((s) => combinedCategory(s.lexicon.scores, s.reading, weight) === s.category).length;
  let lexiconWeight = 0;
  for (const weight of LEXICON_WEIGHTS) if (correct(weight) > correct(lexiconWeight)) lexiconWeight = weight;

  const safety = scored.flatMap((s) => (s.example.safety === undefined ? [] : [{ safety: s.example.safety, lexicon: s.lexicon.safetySignal, p: s.reading.safety }]));
  const others = safety.filter((s) => !s.safety);
  const signals = safety.filter((s) => s.safety);
  const possible = THRESHOLDS.find((t) => others.filter((s) => s.lexicon || s.p >= t).length <= POSSIBLE_FALSE_ALARMS * others.length) ?? 1;
  let best = { found: -1, falseAlarms: Infinity, signal: 1, floor: 1 };
  for (const floor of [0, ...THRESHOLDS]) {
    for (const signal of THRESHOLDS) {
      const raised = (s: (typeof safety)[number]) => (s.lexicon && s.p >= floor) || s.p >= signal;
      const falseAlarms = others.filter(raised).length;
      if (falseAlarms > SIGNAL_FALSE_ALARMS * others.length) continue;
      const found = signals.filter(raised).length;
      if (found > best.found || (found === best.found && falseAlarms <= best.falseAlarms)) best = { found, falseAlarms, signal, floor };
    }
  }
  const rule: Rule = { lexiconWeight, signal: best.signal, possible: Math.min(possible, best.signal), lexiconSignalFloor: best.floor };

  return {
    rule,
    categories: {
      n: categorised.length,
      model: categorised.filter((s) => s.reading.category === s.category).length,
      lexicon: categorised.filter((s) => s.lexicon.category === s.category).length,
      combined: correct(lexiconWeight),
    },
    safety: safetyFigures(safety.map((s) => ({ safety: s.safety, level: safetyLevelOf(s.lexicon, s.p, rule) }))),
  };
}

/** A source and the record of it kept in the model file. */
export interface RecordedSource extends LabelledSource {
  readonly sha256: string;
}

/** The whole training step: the rule by cross-validation, then the model on every comment; the file's text and the cross-validated figures. */
export function trainModelFile(sources: readonly RecordedSource[], options: TrainingOptions = TRAINING_OPTIONS): { text: string; crossValidated: CrossValidated } {
  const crossValidated = chooseRule(outOfFold(sources, options));
  const model = train(sources.flatMap((s) => s.examples), options);
  const trainedOn = sources.map((s) => ({ name: s.name, comments: s.examples.length, sha256: s.sha256, lexiconTuned: s.lexiconTuned }));
  return { text: encodeModel(model, { trainedOn, options: { ...options }, rule: crossValidated.rule }), crossValidated };
}
