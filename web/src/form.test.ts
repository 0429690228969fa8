import { beforeAll, describe, expect, it } from 'vitest';
import { beginSubmit, failSubmit, formState, refuseInvalid, submitForm } from './form';
import { ready, t } from './i18n';
import type { ApiResult } from './api';

beforeAll(() => ready);

describe('form state', () => {
  it('starts empty, and a submission clears the last errors and marks it sending', () => {
    const state = formState();
    state.errors = { email: ['Bad'] };
    state.error = 'Bad';
    beginSubmit(state);
    expect(state).toEqual({ errors: {}, error: null, sending: true });
  });

  it('puts field errors beside known fields and the rest in the form message', () => {
    const state = formState();
    beginSubmit(state);
    failSubmit(state, { status: 400, problem: { errors: { '$.Email': ['Not an address.'], Other: ['Something else.'] } } }, [
      'email',
    ]);
    expect(state.sending).toBe(false);
    expect(state.errors).toEqual({ email: ['Not an address.'] });
    expect(state.error).toBe(`${t('error.checkFields')} Something else.`);
  });

  it('says in its own words what a status means when no field is named', () => {
    const state = formState();
    failSubmit(state, { status: 429, problem: { title: 'Too Many Requests' } }, ['email'], {
      overrides: { 429: 'signIn.tooMany' },
    });
    expect(state.error).toBe(t('signIn.tooMany'));
    failSubmit(state, { status: 0, problem: null }, ['email']);
    expect(state.error).toBe(t('error.network'));
  });

  it('refuses to send when the form itself found errors', () => {
    const state = formState();
    let updates = 0;
    expect(refuseInvalid(state, null, { name: ['Required.'] }, () => updates++)).toBe(true);
    expect(state.error).toBe(t('error.checkFields'));
    expect(updates).toBe(1);
    expect(refuseInvalid(state, null, {}, () => updates++)).toBe(false);
    expect(state).toEqual({ errors: {}, error: null, sending: false });
  });

  it('runs a submission from sending to the page taking the answer, rendering on the way', async () => {
    const state = formState();
    const seen: boolean[] = [];
    let saved = '';
    const ok: ApiResult<{ id: string }> = { ok: true, status: 201, data: { id: 'p1' }, etag: null };
    await submitForm(state, null, {
      send: () => Promise.resolve(ok),
      fields: [],
      update: () => seen.push(state.sending),
      done: (result) => {
        saved = result.data.id;
      },
    });
    expect(saved).toBe('p1');
    expect(seen).toEqual([true, false]);
  });

  it('treats an answer without what the page needs as a failure', async () => {
    const state = formState();
    await submitForm(state, null, {
      send: () => Promise.resolve<ApiResult<{ id?: string }>>({ ok: true, status: 200, data: {}, etag: null }),
      fields: [],
      update: () => {},
      done: (result) => (result.data.id ? undefined : false),
    });
    expect(state.error).toBe(t('error.generic'));
  });
});
