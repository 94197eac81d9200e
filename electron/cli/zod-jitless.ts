import { config } from 'zod/v4/core';

// zod compiles a fast path per object schema with `new Function`; a one-shot CLI parses each schema
// once, so the compile costs more than it saves. An object schema reads this setting when it is
// built, not when it parses: main.ts imports this module first, before any schema exists (zod's core
// alone, where the setting lives: the schema builders load with the first command that needs them).
config({ jitless: true });
