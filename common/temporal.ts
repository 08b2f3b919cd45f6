import type { Config } from './config';

/** Connection options shared by the web's client and the worker: local, cluster or Cloud. */
export function temporalConnectionOptions(temporal: Config['temporal']) {
  return {
    address: temporal.address,
    ...(temporal.tls ? { tls: true } : {}),
    ...(temporal.apiKey ? { apiKey: temporal.apiKey } : {}),
  };
}
