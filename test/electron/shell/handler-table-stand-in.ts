// Stands in for the handler table (`createHandlers`) when main.ts runs against the Electron stand-in:
// it records each call main passes on and answers with `respond`. Kept apart from the harness, which
// imports main: a mock factory's imports are not themselves mocked.
import type { HandlerContext } from '../../../electron/api/handlers.js';

export const handlerTable = {
  /** What main gave `createHandlers` (its PDF printer, its event emitter). */
  context: undefined as HandlerContext | undefined,
  calls: [] as { method: string; payload: unknown }[],
  closed: 0,
  respond: (method: string, payload: unknown): unknown => ({ method, payload }),
};

export async function fakeCreateHandlers(context: HandlerContext) {
  handlerTable.context = context;
  return {
    async invoke(method: string, payload: unknown): Promise<unknown> {
      handlerTable.calls.push({ method, payload });
      return handlerTable.respond(method, payload);
    },
    async close(): Promise<void> {
      handlerTable.closed++;
    },
  };
}
