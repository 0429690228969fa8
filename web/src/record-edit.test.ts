import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from './api';
import { ready, t } from './i18n';
import { clearConflict, editState, saveRecord } from './record-edit';

beforeAll(() => ready);

const refused = (status: number): ApiResult<{ id: string }> => ({
  ok: false,
  status,
  problem: { title: 'Conflict', errors: { Name: ['Taken.'] } },
});

describe('saving a record the page holds a version of', () => {
  it('reads a 409 or 412 as "changed meanwhile": no field errors, the stale message, and a reload offered', async () => {
    for (const status of [409, 412]) {
      const state = editState();
      let failedWith = 0;
      await saveRecord(state, null, {
        send: () => Promise.resolve(refused(status)),
        fields: ['name'],
        stale: 'material.stale',
        update: () => undefined,
        done: () => undefined,
        failed: (result) => (failedWith = result.status),
      });
      expect(state.conflict).toBe(true);
      expect(state.errors).toEqual({});
      expect(state.error).toBe(t('material.stale'));
      expect(failedWith).toBe(status);
    }
  });

  it('puts any other refusal beside its fields, as every form does', async () => {
    const state = editState();
    await saveRecord(state, null, {
      send: () => Promise.resolve(refused(400)),
      fields: ['name'],
      stale: 'material.stale',
      update: () => undefined,
      done: () => undefined,
    });
    expect(state.conflict).toBe(false);
    expect(state.errors).toEqual({ name: ['Taken.'] });
  });

  it('forgets the last conflict and status when saving again, and after a reload says so', async () => {
    const state = editState();
    state.conflict = true;
    state.status = 'Saved.';
    await saveRecord(state, null, {
      send: () => Promise.resolve({ ok: true, status: 200, data: { id: 'm1' }, etag: null }),
      fields: [],
      stale: 'material.stale',
      update: () => undefined,
      done: () => undefined,
    });
    expect(state.conflict).toBe(false);
    expect(state.status).toBeNull();
    state.error = 'Old';
    clearConflict(state, t('material.reloaded'));
    expect(state).toMatchObject({ error: null, conflict: false, status: t('material.reloaded'), errors: {} });
  });
});
