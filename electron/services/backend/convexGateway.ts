// A real Convex deployment through the official client: one WebSocket for queries, mutations,
// actions and subscriptions; the client reconnects and re-subscribes by itself.
import { ConvexClient, ConvexHttpClient } from 'convex/browser';
import type { Gateway } from './gateway';

export class ConvexGateway implements Gateway {
  readonly kind = 'convex' as const;
  private readonly client: ConvexClient;

  constructor(readonly url: string, options: { webSocketConstructor?: typeof WebSocket } = {}) {
    this.client = new ConvexClient(url, { webSocketConstructor: options.webSocketConstructor, unsavedChangesWarning: false });
  }

  query: Gateway['query'] = (fn, args) => this.client.query(fn as never, args as never) as never;
  mutation: Gateway['mutation'] = (fn, args) => this.client.mutation(fn as never, args as never) as never;
  action: Gateway['action'] = (fn, args) => this.client.action(fn as never, args as never) as never;

  watch: Gateway['watch'] = (fn, args, onUpdate, onError) => {
    const unsubscribe = this.client.onUpdate(fn as never, args as never, onUpdate as never, onError);
    return () => unsubscribe();
  };

  setAuth: Gateway['setAuth'] = (fetchToken) => {
    if (fetchToken) this.client.setAuth(fetchToken);
    else this.client.client.clearAuth();
  };

  // Over HTTP, apart from the WebSocket: a refresh must not wait on a socket paused for that very token.
  anonymousAction: Gateway['anonymousAction'] = (fn, args) => new ConvexHttpClient(this.url).action(fn as never, args as never) as never;

  async close(): Promise<void> {
    await this.client.close();
  }
}
