import { getLang, t, type MessageKey } from './i18n';

/** RFC 9457 problem details as returned by the API. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: Record<string, string[] | string>;
  /** Stable codes of the field errors ("required", "too-long:120"), beside the English messages. */
  codes?: Record<string, string[]>;
}

export type ApiResult<T> =
  | { ok: true; status: number; data: T; etag: string | null }
  // status 0 means the request never got an HTTP answer (network error).
  | { ok: false; status: number; problem: Problem | null };

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
}

function isJson(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return /\bjson\b/i.test(type);
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': getLang(),
    ...options.headers,
  };
  const init: RequestInit = {
    method: options.method ?? 'GET',
    credentials: 'same-origin',
    headers,
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    return { ok: false, status: 0, problem: null };
  }

  let payload: unknown = null;
  if (response.status !== 204 && isJson(response)) {
    try {
      payload = await response.json();
    } catch {
      payload = null;
    }
  }

  if (response.ok) {
    return { ok: true, status: response.status, data: payload as T, etag: response.headers.get('etag') };
  }
  const problem = payload && typeof payload === 'object' ? (payload as Problem) : null;
  return { ok: false, status: response.status, problem };
}

/** Normalise a server field key ("Email", "$.email", "body.organisationId") to camelCase. */
function normaliseField(key: string): string {
  const last =
    key
      .replace(/^\$\.?/, '')
      .split('.')
      .pop() ?? key;
  return last.charAt(0).toLowerCase() + last.slice(1);
}

/**
 * Normalise a dotted field path, keeping every segment:
 * "$.Text.Indicators[2].Name" becomes "text.indicators[2].name".
 */
export function normalisePath(key: string): string {
  return key
    .replace(/^\$\.?/, '')
    .split('.')
    .map((part) => part.charAt(0).toLowerCase() + part.slice(1))
    .join('.');
}

export type FieldErrors = Record<string, string[]>;

/** Maps a server field key to the form's field name; the default keeps the last segment. */
export type FieldNormaliser = (key: string) => string;

const problemKeys: Record<string, MessageKey> = {
  invalid: 'problem.invalid',
  required: 'problem.required',
  'too-long': 'problem.tooLong',
  'too-short': 'problem.tooShort',
  'control-characters': 'problem.controlCharacters',
  email: 'problem.email',
  url: 'problem.url',
  'not-allowed': 'problem.notAllowed',
  language: 'problem.language',
  country: 'problem.country',
  organisation: 'problem.organisation',
  phone: 'problem.phone',
  date: 'problem.date',
  year: 'problem.year',
  'end-before-start': 'problem.endBeforeStart',
};

/** A validation code ("too-long:120") in the reader's language; an unknown code reads as "not accepted". */
export function codeMessage(code: string): string {
  const [name, number] = code.split(':');
  return t(problemKeys[name] ?? 'problem.invalid', { n: Number(number) || 0 });
}

/**
 * The English messages as the API wrote them for an English reader; for any other reader the
 * codes beside them, translated, so no English sentence shows in another language.
 */
function messagesFor(problem: Problem, key: string, value: string[] | string): string[] {
  const messages = Array.isArray(value) ? value.map(String) : [String(value)];
  if (getLang() === 'en') return messages;
  const codes = problem.codes?.[key];
  return Array.isArray(codes) && codes.length ? codes.map(codeMessage) : messages.map(() => t('problem.invalid'));
}

export function fieldErrors(problem: Problem | null, normalise: FieldNormaliser = normaliseField): FieldErrors {
  const out: FieldErrors = {};
  if (!problem?.errors || typeof problem.errors !== 'object') return out;
  for (const [key, value] of Object.entries(problem.errors)) {
    const messages = messagesFor(problem, key, value);
    const field = normalise(key);
    out[field] = [...(out[field] ?? []), ...messages];
  }
  return out;
}

const statusMessages: Partial<Record<number, MessageKey>> = {
  401: 'error.401',
  403: 'error.403',
  404: 'error.404',
  409: 'error.409',
  413: 'error.413',
  429: 'error.429',
  // Storage out for a moment: not the user's mistake, and worth trying again.
  503: 'error.503',
};

/**
 * A human message for a failed request. Known statuses get our own translated
 * text (optionally overridden per call); otherwise the server's detail/title.
 */
export function problemMessage(
  result: { status: number; problem: Problem | null },
  overrides: Partial<Record<number, MessageKey>> = {},
): string {
  if (result.status === 0) return t('error.network');
  const key = overrides[result.status] ?? statusMessages[result.status];
  if (key) return t(key);
  if (result.status >= 500 || !result.problem) return t('error.generic');
  // The API's own sentences are English: another reader gets ours.
  if (getLang() !== 'en') return t('error.request');
  return result.problem.detail || result.problem.title || t('error.generic');
}

/**
 * Split a failed form submission into errors shown next to known fields and
 * one message for the form as a whole.
 */
export function describeFailure(
  result: { status: number; problem: Problem | null },
  fields: string[],
  overrides: Partial<Record<number, MessageKey>> = {},
  normalise: FieldNormaliser = normaliseField,
): { errors: FieldErrors; message: string } {
  const errors: FieldErrors = {};
  const stray: string[] = [];
  for (const [field, messages] of Object.entries(fieldErrors(result.problem, normalise))) {
    if (fields.includes(field)) errors[field] = messages;
    else stray.push(...messages);
  }
  if (Object.keys(errors).length) return { errors, message: [t('error.checkFields'), ...stray].join(' ') };
  if (stray.length && !overrides[result.status] && !statusMessages[result.status]) {
    return { errors, message: stray.join(' ') };
  }
  return { errors, message: problemMessage(result, overrides) };
}
