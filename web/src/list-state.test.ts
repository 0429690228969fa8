import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from './api';
import { ready, t } from './i18n';
import { ListState } from './list-state';

beforeAll(() => ready);

function later<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const page = (n: number): ApiResult<number[]> => ({ ok: true, status: 200, data: [n], etag: null });

describe('list state', () => {
  it('keeps the last answer on screen while the next loads', async () => {
    const list = new ListState<number[]>([0]);
    const next = later<ApiResult<number[]>>();
    const loading = list.load(() => next.promise);
    expect(list.busy).toBe(true);
    expect(list.data).toEqual([0]);
    next.resolve(page(1));
    expect(await loading).toBe(true);
    expect(list).toMatchObject({ busy: false, data: [1], error: null });
  });

  it('lets only the newest request write its answer, whatever order the answers come in', async () => {
    const list = new ListState<number[]>();
    const first = later<ApiResult<number[]>>();
    const second = later<ApiResult<number[]>>();
    const a = list.load(() => first.promise);
    const b = list.load(() => second.promise);
    second.resolve(page(2));
    first.resolve(page(1));
    expect(await b).toBe(true);
    expect(await a).toBe(false);
    expect(list.data).toEqual([2]);
  });

  it('turns a failure or an unusable answer into a message', async () => {
    const list = new ListState<number[]>([0]);
    await list.load(() => Promise.resolve({ ok: false, status: 503, problem: null }));
    expect(list).toMatchObject({ data: null, error: t('error.503') });
    await list.load(
      () => Promise.resolve(page(1)),
      (data) => data.length > 1,
    );
    expect(list.error).toBe(t('error.generic'));
  });
});
