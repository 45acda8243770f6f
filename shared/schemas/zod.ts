import { config } from 'zod/mini';
import { en } from 'zod/locales';

// The zod every schema of ours is written in: zod 4's tree-shakable API (`zod/mini`), so a Lambda
// bundle carries only the schema kinds and checks its code names. The classic API builds every
// method of every schema when the module loads, and keeps all string formats, JSON Schema output and
// the English messages in every bundle: about 70 KB and 20 ms of each cold import (issue 13).
// The English messages are set here because the API's field errors carry them (api.md, "Errors")
// and the staff pages translate them; zod/mini alone says only "Invalid input".
config(en());

export * from 'zod/mini';
