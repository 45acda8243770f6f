// Reaches the classifier only through import(), as the office's pages do on a review click: bundled by
// test/unit/classify/model.test.ts to show that a chunk loaded on first use reads the weights shipped
// beside the bundle.
export async function classifyOnFirstUse(text: string): Promise<{ readonly safetyLevel: string; readonly modelId: string }> {
  const { classify } = await import('../../shared/classify/classifier.ts');
  const result = classify(text);
  return { safetyLevel: result.safetyLevel, modelId: result.model.id };
}
