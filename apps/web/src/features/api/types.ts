import type { components, paths } from '../../api/schema';

/**
 * Names for the generated contract's types (apps/web/src/api/schema.d.ts, `npm run api:generate`):
 * the web app takes its types from here and never restates a server type by hand.
 */
export type ApiPath = keyof paths;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends ApiPath, M extends Method> = NonNullable<paths[P][M]>;
type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Responses<O> = O extends { responses: infer R } ? R : never;

/** The JSON a successful call answers (200, 201 or 202). */
export type ApiResponse<P extends ApiPath, M extends Method = 'get'> = Json<
  Responses<Operation<P, M>>[Extract<keyof Responses<Operation<P, M>>, 200 | 201 | 202>]
>;

/** The JSON body a call takes. */
export type ApiBody<P extends ApiPath, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** The query parameters a call takes. */
export type ApiQuery<P extends ApiPath, M extends Method = 'get'> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** A named schema of the contract (a zod schema with `.meta({ id })` on the server). */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

/** One row of a list answer `{items, …}`. */
export type ItemOf<L> = L extends { items: readonly (infer T)[] } ? T : never;

/** What a paged list endpoint answers: `{items, total, page, pageSize}`. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
