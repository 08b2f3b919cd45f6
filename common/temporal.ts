import type { Config } from './config';

/** Connection options shared by the web's client and the worker: local, cluster or Cloud. */
export function temporalConnectionOptions({ address, tls, apiKey }: Config['temporal']) {
  // The client and the worker treat tls: false and apiKey: undefined as left out.
  return { address, tls, apiKey };
}
