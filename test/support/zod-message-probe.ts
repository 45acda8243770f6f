import { SurveySubmissionSchema } from '../../shared/schemas/survey.ts';

// Bundled by test/unit/schemas/zod-messages.test.ts as a Lambda is: the messages a refused survey gets there.
export const messages = (body: unknown): string[] => SurveySubmissionSchema.safeParse(body).error?.issues.map((issue) => issue.message) ?? [];
