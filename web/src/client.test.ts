import { describe, expect, it, vi } from 'vitest';
import { answer, useStubbedFetch } from './api-test-support';
import { client, settle } from './client';

useStubbedFetch();

describe('the typed client', () => {
  it('fills the path, sends the interface language and reads the answer and its ETag', async () => {
    const fetch = vi.fn((_request: Request) => Promise.resolve(answer(200, { id: 'p-1' }, { etag: 'W/"1"' })));
    vi.stubGlobal('fetch', fetch);
    const result = await settle(client.GET('/api/practices/{id}', { params: { path: { id: 'p 1' } } }));
    expect(result).toMatchObject({ ok: true, status: 200, data: { id: 'p-1' }, etag: 'W/"1"' });
    const request = fetch.mock.calls[0][0];
    expect(new URL(request.url).pathname).toBe('/api/practices/p%201');
    expect(request.headers.get('Accept-Language')).toBe('en');
    expect(request.credentials).toBe('same-origin');
  });

  it('sends a JSON body and the If-Match the API asks for', async () => {
    const fetch = vi.fn((_request: Request) => Promise.resolve(answer(204, undefined)));
    vi.stubGlobal('fetch', fetch);
    const result = await settle(
      client.PUT('/api/organisations/{id}', {
        params: { path: { id: 'o-1' }, header: { 'If-Match': 'W/"2"' } },
        body: { name: 'Centre', country: 'IT', city: 'Roma', kind: null, website: null, description: null },
      }),
    );
    expect(result.ok).toBe(true);
    const request = fetch.mock.calls[0][0];
    expect(request.method).toBe('PUT');
    expect(request.headers.get('If-Match')).toBe('W/"2"');
    expect(request.headers.get('Content-Type')).toBe('application/json');
    expect(await request.json()).toMatchObject({ name: 'Centre', country: 'IT' });
  });

  it('gives a failure with its problem details', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(answer(409, { title: 'Conflict', detail: 'Changed meanwhile.' })));
    const result = await settle(client.POST('/api/auth/sign-out'));
    expect(result).toEqual({ ok: false, status: 409, problem: { title: 'Conflict', detail: 'Changed meanwhile.' } });
  });

  it('gives no problem when the failure has no problem details', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response('Bad gateway', { status: 502 })));
    const result = await settle(client.GET('/api/me'));
    expect(result).toEqual({ ok: false, status: 502, problem: null });
  });

  it('answers status 0 when the network fails, and never throws', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));
    expect(await settle(client.GET('/api/me'))).toEqual({ ok: false, status: 0, problem: null });
  });
});
