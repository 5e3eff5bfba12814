import { describe, expect, it } from 'vitest';
import { createConnectionMonitor } from '../../src/pwa/connection.ts';

describe('the connection status', () => {
  it('is online when the browser has a network and no request has failed', () => {
    expect(createConnectionMonitor(true).store.get()).toBe('online');
  });

  it('is offline when the browser says it has no network', () => {
    const monitor = createConnectionMonitor(true);
    monitor.browserOnlineChanged(false);
    expect(monitor.store.get()).toBe('no-network');
  });

  it('is offline when requests fail, even though the browser says it is online', () => {
    const monitor = createConnectionMonitor(true);
    monitor.reportNetworkFailure();
    expect(monitor.store.get()).toBe('server-unreachable');
  });

  it('stays offline when the network returns until a request gets through', () => {
    const monitor = createConnectionMonitor(true);
    monitor.reportNetworkFailure();
    monitor.browserOnlineChanged(false);
    monitor.browserOnlineChanged(true);
    expect(monitor.store.get()).toBe('server-unreachable');
    monitor.reportNetworkSuccess();
    expect(monitor.store.get()).toBe('online');
  });

  it('is online after an answer, whatever the browser last said', () => {
    const monitor = createConnectionMonitor(false);
    monitor.reportNetworkSuccess();
    expect(monitor.store.get()).toBe('online');
  });
});
