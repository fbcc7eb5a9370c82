// A small typed client of the certhours API, as a client project would write one: every type comes
// from schema.d.ts, which openapi-typescript generates from GET /api/v1/openapi.json. run.mjs
// generates it beside this file, compiles both with `tsc --strict` and calls run() against a demo
// server, so a document a generator cannot turn into usable types fails the contract test.
import type { components, paths } from './schema';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
// The methods a path has (the others are `?: never` in the generated paths).
type MethodOf<P extends keyof paths> = {
  [M in Method]: paths[P][M] extends { responses: unknown } ? M : never;
}[Method];
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type PathOf<O> = O extends { parameters: { path: infer X } } ? X : never;
type QueryOf<O> = O extends { parameters: { query?: infer X } } ? NonNullable<X> : never;
type BodyOf<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
// Only what a route takes may be given, and what it needs must be.
type Options<O> = ([PathOf<O>] extends [never] ? { path?: undefined } : { path: PathOf<O> }) &
  ([QueryOf<O>] extends [never] ? { query?: undefined } : { query?: QueryOf<O> }) &
  ([BodyOf<O>] extends [never] ? { body?: undefined } : { body: BodyOf<O> });
// The JSON of the success answer (undefined for 204).
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
type ResultOf<O> = O extends { responses: infer R } ? JsonOf<R[keyof R & (200 | 201 | 204)]> : never;

export type ErrorBody = components['schemas']['Error'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(`HTTP ${status}: ${body ? `${body.error.rule}: ${body.error.message}` : 'no error body'}`);
  }
}

export class Client {
  token: string | undefined;
  constructor(readonly base: string) {}

  async call<P extends keyof paths, M extends MethodOf<P>>(
    method: M,
    path: P,
    options: Options<Operation<P, M>>,
  ): Promise<ResultOf<Operation<P, M>>> {
    const o = options as { path?: Record<string, string | number>; query?: object; body?: unknown };
    const url = new URL(
      String(path).replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(o.path?.[name]))),
      this.base,
    );
    for (const [k, v] of Object.entries(o.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    if (o.body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(url, {
      method: method.toUpperCase(),
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
    });
    if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => undefined)) as ErrorBody | undefined);
    return (res.status === 204 ? undefined : await res.json()) as ResultOf<Operation<P, M>>;
  }
}

export interface Summary {
  username: string;
  role: components['schemas']['User']['role'];
  officers: number;
  officer: string;
  year: number;
  status: string;
  legal: number;
  missing: number;
}

// Logs in, reads the caller, lists officers and reads the first one's hours of `year`.
export async function run(base: string, username: string, password: string, year: number): Promise<Summary> {
  const api = new Client(base);
  const session = await api.call('post', '/api/v1/session', { body: { username, password } });
  api.token = session.token;
  const me = await api.call('get', '/api/v1/me', {});
  const officers = await api.call('get', '/api/v1/officers', { query: { limit: 5, status: 'active' } });
  const first = officers.items[0];
  if (!first) throw new Error('the demo database lists no officers');
  const hours = await api.call('get', '/api/v1/officers/{id}/hours', { path: { id: first.id }, query: { year } });
  // An error answer is typed too.
  let missing = 0;
  try {
    await api.call('get', '/api/v1/officers/{id}', { path: { id: 999999999 } });
  } catch (e) {
    if (!(e instanceof ApiError) || !e.body) throw e;
    missing = e.status;
  }
  await api.call('delete', '/api/v1/session', {});
  return {
    username: me.username,
    role: me.role,
    officers: officers.total,
    officer: first.name,
    year: hours.year,
    status: hours.status,
    legal: hours.legal.earned,
    missing,
  };
}

// Never called: each line must fail to compile, or the generated types would let anything through.
export async function misuses(api: Client): Promise<void> {
  // @ts-expect-error: no such path
  await api.call('get', '/api/v1/no-such-path', {});
  // @ts-expect-error: /api/v1/me has no DELETE
  await api.call('delete', '/api/v1/me', {});
  // @ts-expect-error: the path parameter is missing
  await api.call('get', '/api/v1/officers/{id}', {});
  // @ts-expect-error: an id is a number
  await api.call('get', '/api/v1/officers/{id}', { path: { id: '1' } });
  // @ts-expect-error: the body needs a password
  await api.call('post', '/api/v1/session', { body: { username: 'admin' } });
  // @ts-expect-error: not a query parameter of /api/v1/officers
  await api.call('get', '/api/v1/officers', { query: { colour: 'red' } });
  const me = await api.call('get', '/api/v1/me', {});
  // @ts-expect-error: a role is admin, hr or officer
  if (me.role === 'root') return;
}
