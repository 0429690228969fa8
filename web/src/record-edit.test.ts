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

  it('asks the page whether a 409 is a newer version; when not, the page reads it as another refusal', async () => {
    const state = editState();
    await saveRecord(state, null, {
      send: () => Promise.resolve(refused(409)),
      fields: [],
      stale: 'org.stale',
      isStale: () => Promise.resolve(false),
      update: () => undefined,
      done: () => undefined,
      failed: (result) => (state.error = result.problem?.title ?? null),
    });
    expect(state).toMatchObject({ conflict: false, error: 'Conflict', sending: false });
  });

  it('reads a 428 (no version sent) as changed meanwhile without asking the page', async () => {
    const state = editState();
    let asked = false;
    await saveRecord(state, null, {
      send: () => Promise.resolve(refused(428)),
      fields: ['name'],
      stale: 'org.stale',
      isStale: () => (asked = true),
      update: () => undefined,
      done: () => undefined,
    });
    expect(asked).toBe(false);
    expect(state).toMatchObject({ conflict: true, error: t('org.stale'), errors: {}, sending: false });
  });

  it('a save clears the last alert and takes the saved record', async () => {
    const state = editState();
    state.conflict = true;
    state.error = 'Old.';
    let saved = '';
    await saveRecord(state, null, {
      send: () => Promise.resolve({ ok: true, status: 200, data: 'record', etag: null }),
      fields: [],
      stale: 'org.stale',
      update: () => undefined,
      done: (result) => {
        saved = result.data;
      },
    });
    expect(saved).toBe('record');
    expect(state).toMatchObject({ conflict: false, error: null, sending: false });
  });
});
