import { MessageChannel } from 'node:worker_threads';
import { FakeKnowledgeServer } from '../testing/knowledge-feed';
import { connectCache, serveCache } from './cache-protocol';
import { createCacheService } from './cache-service';
import { openCacheStore } from './cache-store';

// The same protocol the worker thread speaks, over an in-process channel.
describe('cache message protocol', () => {
  let channel: MessageChannel;
  let service: ReturnType<typeof createCacheService>;
  let server: FakeKnowledgeServer;

  beforeEach(() => {
    channel = new MessageChannel();
    server = new FakeKnowledgeServer();
    service = createCacheService({ store: openCacheStore(':memory:'), fetch: server.fetch() });
    serveCache(channel.port1, service);
  });
  afterEach(() => {
    channel.port1.close();
    channel.port2.close();
    service.close();
  });

  it('answers every call of the cache API across the channel', async () => {
    const category = server.category();
    const information = server.information(category.id);
    const topic = server.scriptTopic();
    const cache = connectCache(channel.port2);

    await cache.setSession({ serverUrl: 'http://10.0.0.5:3000', token: 'token-1' });
    await expect(cache.syncNow()).resolves.toMatchObject({ version: 3, informations: 1, error: null });
    await expect(cache.status()).resolves.toMatchObject({ version: 3, syncing: false });
    await expect(cache.search({ q: 'lampada', limit: 20 })).resolves.toMatchObject({ items: [{ id: information.id }] });
    await expect(cache.categories()).resolves.toMatchObject({ items: [{ id: category.id, informations: [{ id: information.id }] }] });
    await expect(cache.information(information.id)).resolves.toEqual(information);
    await expect(cache.information(topic.id)).resolves.toBeNull();
    await expect(cache.scripts()).resolves.toEqual({ topics: [topic] });
  });

  it('rejects with the message of an error in the worker', async () => {
    const cache = connectCache(channel.port2);
    await expect(cache.setSession({ serverUrl: 'not a url', token: 'x' })).rejects.toThrow('Invalid URL');
  });

  it('fails the calls waiting and the next ones once the worker is gone', async () => {
    const silent = new MessageChannel();
    const cache = connectCache(silent.port2);
    const waiting = cache.status();
    cache.fail(new Error('A base local está indisponível.'));
    await expect(waiting).rejects.toThrow('A base local está indisponível.');
    await expect(cache.categories()).rejects.toThrow('A base local está indisponível.');
    silent.port1.close();
    silent.port2.close();
  });
});
