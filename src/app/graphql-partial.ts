import type { Octokit } from '../sources/github-pr.js';

/** One entry of a GraphQL `errors` list, as GitHub sends it. */
export interface GraphqlError {
  type?: string;
  path?: (string | number)[];
  message: string;
}

/** The name of GitHub's "does not exist, or you may not see it" error type. */
export const NOT_FOUND = 'NOT_FOUND';

/**
 * Sends a query whose answer may be partial: GitHub answers a field it cannot resolve with null
 * and an error naming that field's path, and Octokit then throws, with the data. Errors that
 * `expected` accepts (a missing organisation `.github` repository) are returned beside the data for
 * the caller to read as "absent"; any other error is thrown, so an outage or a refused query is
 * never read as "nothing there".
 */
export async function partialQuery<T>(octokit: Octokit, query: string, variables: Record<string, unknown>, expected: (e: GraphqlError) => boolean): Promise<{ data: T; absent: GraphqlError[] }> {
  try {
    return { data: await octokit.graphql<T>(query, variables), absent: [] };
  } catch (err) {
    const { name, errors, data } = err as { name?: string; errors?: GraphqlError[]; data?: T };
    if (name !== 'GraphqlResponseError' || !errors?.length || !data || !errors.every(expected)) throw err;
    return { data, absent: errors };
  }
}

/** True when the error is a NOT_FOUND for the field at `alias` (the top level of the query). */
export const notFoundAt = (alias: string) => (e: GraphqlError): boolean => e.type === NOT_FOUND && e.path?.length === 1 && e.path[0] === alias;
