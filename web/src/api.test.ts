import { describe, expect, it, vi } from 'vitest';
import { api, describeFailure, fieldErrors, normalisePath, problemMessage } from './api';
import { answer, useStubbedFetch } from './api-test-support';
import { t } from './i18n';

useStubbedFetch();

describe('the API client', () => {
  it('sends JSON with the interface language and reads the answer and its ETag', async () => {
    const fetch = vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(answer(200, { id: 'a' }, { etag: 'W/"1"' })));
    vi.stubGlobal('fetch', fetch);
    const result = await api<{ id: string }>('/api/things', { method: 'POST', body: { name: 'x' } });
    expect(result).toEqual({ ok: true, status: 200, data: { id: 'a' }, etag: 'W/"1"' });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/things');
    expect(init?.body).toBe('{"name":"x"}');
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect((init?.headers as Record<string, string>)['Accept-Language']).toBe('en');
  });

  it('gives a failure with its problem details', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(answer(409, { title: 'Conflict', detail: 'Changed meanwhile.' })));
    const result = await api('/api/things/1', { method: 'PUT', body: {} });
    expect(result).toEqual({ ok: false, status: 409, problem: { title: 'Conflict', detail: 'Changed meanwhile.' } });
  });

  it('answers status 0 when the network fails, and never throws', async () => {
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));
    const result = await api('/api/things');
    expect(result).toEqual({ ok: false, status: 0, problem: null });
    expect(problemMessage(result as { status: number; problem: null })).toBe(t('error.network'));
  });

  it('reads no body from a 204', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(null, { status: 204 })));
    expect(await api('/api/things/1', { method: 'DELETE' })).toEqual({ ok: true, status: 204, data: null, etag: null });
  });

  it('names fields the way the forms do', () => {
    expect(normalisePath('$.Text.Indicators[2].Name')).toBe('text.indicators[2].name');
    expect(fieldErrors({ errors: { '$.Email': 'Bad.', email: ['Taken.'] } })).toEqual({ email: ['Bad.', 'Taken.'] });
    expect(describeFailure({ status: 400, problem: { errors: { Nope: ['Odd.'] } } }, ['email'])).toEqual({
      errors: {},
      message: 'Odd.',
    });
  });
});
