import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from './api';
import { textValues } from './form-fields';
import { ready, t } from './i18n';
import { emptyMobility, MOBILITY_FIELDS, toMobilityInput } from './mobility-form';
import type { MobilityView } from './mobilities';
import { PageLoad } from './page';
import { initialLinkState, toLinkState } from './signed-link';

beforeAll(() => ready);

const ok = <T>(data: T, etag: string | null = null): ApiResult<T> => ({ ok: true, status: 200, data, etag });
const failed = (status: number, detail = 'Refused.'): ApiResult<never> => ({ ok: false, status, problem: { detail } });

describe('page load', () => {
  it('shows loading, then the record; a 404 is missing and a failure an error', async () => {
    const answers: ApiResult<{ id: string }>[] = [ok({ id: 'a' }), failed(404), failed(500)];
    const seen: string[] = [];
    const record = new PageLoad(
      () => Promise.resolve(answers.shift() ?? failed(500)),
      () => seen.push(record.state.kind),
    );
    await record.load();
    expect(record.value).toEqual({ id: 'a' });
    expect(seen).toEqual(['loading', 'ready']);
    await record.load();
    expect(record.state.kind).toBe('missing');
    await record.load();
    expect(record.state).toEqual({ kind: 'error', message: t('error.generic') });
  });

  it('keeps what is on screen while reloading when asked, and drops an answer a newer load overtook', async () => {
    let release: (value: ApiResult<string>) => void = () => undefined;
    const slow = new Promise<ApiResult<string>>((resolve) => (release = resolve));
    const sends = [() => slow, () => Promise.resolve(ok('new'))];
    const record = new PageLoad(
      () => (sends.shift() ?? (() => Promise.resolve(ok('later'))))(),
      () => undefined,
    );
    record.state = { kind: 'ready', value: 'shown' };
    const first = record.load({ keep: true });
    expect(record.value).toBe('shown');
    await record.load({ keep: true });
    release(ok('old'));
    await first;
    expect(record.value).toBe('new');
  });
});

describe('signed link pages', () => {
  it('a link without a token is invalid before anything is read', () => {
    expect(initialLinkState('')).toEqual({ kind: 'link', problem: 'invalid' });
    expect(initialLinkState('abc')).toEqual({ kind: 'loading' });
  });

  it('an expired, forged or outdated link gets its own words; other failures are errors', () => {
    expect(toLinkState(failed(401))).toEqual({ kind: 'link', problem: 'expired' });
    expect(toLinkState(failed(403))).toEqual({ kind: 'link', problem: 'invalid' });
    expect(toLinkState(failed(404))).toEqual({ kind: 'link', problem: 'unknown' });
    expect(toLinkState(failed(500)).kind).toBe('error');
    expect(toLinkState(ok({ email: 'a@b.c' }))).toEqual({ kind: 'ready', value: { email: 'a@b.c' } });
  });
});

describe('form fields', () => {
  it('takes a record’s text values, empty where it has none', () => {
    expect(textValues({ name: 'A', city: null }, ['name', 'city', 'kind'] as const)).toEqual({ name: 'A', city: '', kind: '' });
  });

  it('starts a registration empty and planned, and reads a stored one with the host’s details still to come', () => {
    const empty = emptyMobility('org-1');
    expect(empty).toMatchObject({ sendingOrganisationId: 'org-1', status: 'planned', participantName: '', programme: '' });
    expect(Object.keys(empty).sort()).toEqual([...MOBILITY_FIELDS].sort());
    const stored = { ...empty, participantName: 'Ana', hostAddress: null, programme: null, days: 3 };
    expect(toMobilityInput(stored as unknown as MobilityView)).toEqual({ ...empty, participantName: 'Ana' });
  });
});
