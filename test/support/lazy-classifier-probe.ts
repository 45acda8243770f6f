// Reaches the classifier only through import(): bundled by test/unit/classify/model.test.ts to show that
// a chunk loaded on first use reads data shipped beside the bundle, as the admin pages' poster chunk reads
// its fonts and WebAssembly.
export async function classifyOnFirstUse(text: string): Promise<{ readonly safetyLevel: string; readonly modelId: string }> {
  const { classify } = await import('../../shared/classify/classifier.ts');
  const result = classify(text);
  return { safetyLevel: result.safetyLevel, modelId: result.model.id };
}
