import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// The zod every schema of ours is written in: zod 4's tree-shakable API (`zod/mini`), so a Lambda bundle
// carries only the schema kinds and checks its code names. The classic API's schema classes name every
// method, string format and check, and its schemas JSON Schema output, so esbuild keeps all of them in
// every bundle: about 60 KB each, and their share of each cold import (issue 13; README, "Speed").
//
// Written as functions, not chains: `z.optional(X)`, `z.array(X)`, `z._default(X, v)` (zod/mini's own
// name for a default), `z.pipe(A, B)`; checks go in one `.check(...)`, in order, e.g.
// `z.string().check(z.trim(), z.minLength(1), z.maxLength(200))`. `z.int()` is both an integer schema and,
// inside `.check()` (after `z.coerce.number()`), the integer check. A parse failure throws
// `z.core.$ZodError` (its name is "$ZodError" in logs).
//
// zod/mini alone says only "Invalid input": the English messages are set here because the API's field
// errors carry them (api.md, "Errors") and `shared/web/staff-wording.ts` translates them. package.json's
// `sideEffects` names this file so esbuild keeps the call (test/unit/schemas/zod-messages.test.ts).
config(en());

export * from 'zod/mini';
