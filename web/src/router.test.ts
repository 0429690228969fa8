import { describe, expect, it } from 'vitest';
import { addRoute, match, setNotFound, type PageFactory } from './router';

const page =
  (name: string): PageFactory =>
  () => ({ title: () => name, view: () => undefined as never });
const loader = (name: string) => () => Promise.resolve(page(name));

addRoute('/', loader('home'));
addRoute('/practices', loader('catalogue'));
addRoute('/my/practices/new', loader('new'));
addRoute('/my/practices/:id', loader('edit'));
addRoute('/my/practices/:id/review', loader('review'));
setNotFound(loader('not found'));

async function titleOf(path: string): Promise<{ title: string; params: Record<string, string> }> {
  const { load, params } = match(path);
  const factory = await load();
  return { title: factory({ params, query: new URLSearchParams(), update: () => {} }).title(), params };
}

describe('router', () => {
  it('matches a fixed path and ignores empty segments', async () => {
    expect((await titleOf('/')).title).toBe('home');
    expect((await titleOf('/practices/')).title).toBe('catalogue');
  });

  it('takes a parameter, decoded', async () => {
    expect(await titleOf('/my/practices/it-caf%C3%A9--1')).toEqual({ title: 'edit', params: { id: 'it-café--1' } });
  });

  it('prefers the route registered first, so "new" is not an id', async () => {
    expect((await titleOf('/my/practices/new')).title).toBe('new');
  });

  it('needs every segment to match', async () => {
    expect((await titleOf('/my/practices/x/review')).title).toBe('review');
    expect((await titleOf('/my/practices/x/other')).title).toBe('not found');
    expect((await titleOf('/nowhere')).title).toBe('not found');
  });

  it('sends an address that does not decode to the not-found page rather than throwing', async () => {
    expect((await titleOf('/my/practices/%E0%A4%A')).title).toBe('not found');
  });
});
