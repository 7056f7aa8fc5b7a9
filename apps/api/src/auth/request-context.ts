import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The request a piece of work runs for: its id and the client's address, so the audit trail
 * records them however deep the write happens (a recalculation job started by the request
 * included). The actor is passed explicitly, never taken from here.
 */
export interface RequestContext {
  requestId: string;
  address: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInRequestContext(context: RequestContext, fn: () => void): void {
  storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}
