import createClient from 'openapi-fetch';
import type { ApiResult, Problem } from './api';
import type { paths } from './api/schema';
import { getLang } from './i18n';

/**
 * The typed client over the API's own OpenAPI document: paths, parameters, bodies and answers are the
 * generated types of `api/schema.d.ts`, so a change to the API that the site does not follow fails the build.
 *
 *   const result = await settle(client.GET('/api/practices/{id}', { params: { path: { id } } }));
 *
 * Every call goes through `settle`, which gives the same `ApiResult` the pages already read: the data and its
 * ETag, or the status and its problem details, and status 0 (never an exception) when the network fails.
 */
export const client = createClient<paths>({
  credentials: 'same-origin',
  headers: { Accept: 'application/json, application/problem+json' },
  // Looked up at each call, not once at start, so a page (or a test) always uses the current fetch.
  fetch: (request) => globalThis.fetch(request),
});

client.use({
  onRequest({ request }) {
    // Messages, validation codes and mail come back in the reader's language.
    request.headers.set('Accept-Language', getLang());
    return request;
  },
});

/** What every typed call resolves to: a success with its data, or a failure with its error body. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

function isProblem(value: unknown): value is Problem {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A typed call's answer as the pages' `ApiResult`, with the data's type the API declares for that path. */
export async function settle<T>(call: Promise<Answer<T>>): Promise<ApiResult<T>> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch {
    // No HTTP answer at all (offline, or a body that was not the JSON it said it was).
    return { ok: false, status: 0, problem: null };
  }
  const { response } = answer;
  if (response.ok) {
    return { ok: true, status: response.status, data: answer.data as T, etag: response.headers.get('etag') };
  }
  return { ok: false, status: response.status, problem: isProblem(answer.error) ? answer.error : null };
}
