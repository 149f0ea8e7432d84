import { buildSchema, graphqlSync, GraphQLError, type GraphQLSchema } from 'graphql';
import type { GitHubState } from './state.js';

/**
 * The slice of GitHub's GraphQL schema the app queries, with GitHub's names and nullability. A
 * query asking for anything else fails validation, as it does on GitHub (`Field 'x' doesn't exist
 * on type 'Repository'`; graphql-js words it its own way), and so does a connection without `first`/`last` or over 100 records.
 */
const SDL = `
  scalar GitObjectID
  scalar URI
  enum PullRequestState { OPEN CLOSED MERGED }
  interface GitObject { oid: GitObjectID! }
  type Blob implements GitObject { oid: GitObjectID! text: String isBinary: Boolean byteSize: Int! isTruncated: Boolean! }
  type Tree implements GitObject { oid: GitObjectID! }
  interface Actor { login: String! }
  type Bot implements Actor { login: String! }
  type User implements Actor { login: String! }
  type PageInfo { hasNextPage: Boolean! endCursor: String }
  type IssueComment { databaseId: Int body: String! author: Actor }
  type IssueCommentConnection { nodes: [IssueComment] pageInfo: PageInfo! totalCount: Int! }
  type PullRequest {
    number: Int! url: URI! state: PullRequestState! isDraft: Boolean!
    headRefOid: GitObjectID! baseRefOid: GitObjectID! headRefName: String! baseRefName: String!
    isCrossRepository: Boolean! headRepository: Repository changedFiles: Int!
    comments(first: Int, last: Int, after: String): IssueCommentConnection!
  }
  type PullRequestConnection { nodes: [PullRequest] totalCount: Int! }
  type Repository {
    nameWithOwner: String!
    object(expression: String, oid: GitObjectID): GitObject
    pullRequest(number: Int!): PullRequest
    pullRequests(headRefName: String, states: [PullRequestState!], first: Int, last: Int): PullRequestConnection!
  }
  type Query { repository(owner: String!, name: String!): Repository }
`;

type Args = Record<string, unknown>;

const notFound = (message: string) => new GraphQLError(message, { extensions: { type: 'NOT_FOUND' } });

/** GitHub's pagination rule: `first` or `last`, 1 to 100. */
function pageSize(args: Args, connection: string): number {
  const n = (args.first ?? args.last) as number | undefined;
  if (n === undefined) throw new GraphQLError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${connection}\` connection.`, { extensions: { type: 'MISSING_PAGINATION_BOUNDARIES' } });
  if (n > 100 || n < 0) throw new GraphQLError(`Requesting ${n} records on the \`${connection}\` connection exceeds the \`first\` limit of 100 records.`, { extensions: { type: 'EXCESSIVE_PAGINATION' } });
  return n;
}

/** Resolvers over the fake's state: repositories are those with a default branch or a pull request. */
export class FakeGraphQL {
  private readonly schema: GraphQLSchema = buildSchema(SDL);
  /** Repositories GitHub refuses to show (FORBIDDEN: an organisation's SAML or IP allow list, for instance). */
  readonly forbidden = new Set<string>();

  constructor(private readonly state: GitHubState) {}

  /** Executes one query as GitHub does: `{ data, errors }`, partial data beside errors with their paths. */
  execute(query: string, variables: Args): unknown {
    const result = graphqlSync({ schema: this.schema, source: query, variableValues: variables, rootValue: { repository: (a: Args) => this.repository(String(a.owner), String(a.name)) }, typeResolver: (v: { __typename: string }) => v.__typename });
    // GitHub puts an error's type beside its message, not under `extensions`.
    const errors = result.errors?.map((e) => ({ ...(e.extensions.type ? { type: e.extensions.type } : {}), message: e.message, locations: e.locations, ...(e.path && { path: e.path }) }));
    return JSON.parse(JSON.stringify({ ...result, ...(errors && { errors }) })) as unknown;
  }

  private repository(owner: string, name: string): unknown {
    const s = this.state;
    const key = `${owner}/${name}`;
    if (this.forbidden.has(key)) throw new GraphQLError(`Resource protected by organization SAML enforcement. You must grant your OAuth token access to ${key}.`, { extensions: { type: 'FORBIDDEN' } });
    if (!s.defaultHead.has(key) && ![...s.pulls.values()].some((p) => p.repo === key)) throw notFound(`Could not resolve to a Repository with the name '${key}'.`);
    return {
      nameWithOwner: key,
      object: (a: Args) => this.object(key, String(a.expression)),
      pullRequest: (a: Args) => {
        const pr = s.pulls.get(`${key}#${Number(a.number)}`);
        if (!pr) throw notFound(`Could not resolve to a PullRequest with the number of ${Number(a.number)}.`);
        return this.pull(key, pr.number);
      },
      pullRequests: (a: Args) => {
        const size = pageSize(a, 'pullRequests');
        const states = (a.states as string[] | undefined) ?? ['OPEN', 'CLOSED', 'MERGED'];
        const all = [...s.pulls.values()].filter((p) => p.repo === key && (a.headRefName === undefined || p.head.ref === a.headRefName) && states.includes(this.stateOf(key, p.number)));
        const nodes = (a.last !== undefined ? all.slice(-size) : all.slice(0, size)).map((p) => this.pull(key, p.number));
        return { nodes, totalCount: all.length };
      },
    };
  }

  /** `sha:path` or `HEAD:path` (the default branch); a path with files under it is a Tree. */
  private object(repo: string, expression: string): unknown {
    const colon = expression.indexOf(':');
    const rev = expression.slice(0, colon);
    const path = expression.slice(colon + 1);
    const files = this.state.commits.get(rev === 'HEAD' ? (this.state.defaultHead.get(repo) ?? '') : rev);
    if (!files || colon < 0) return null;
    const text = files[path];
    if (text === undefined) return Object.keys(files).some((f) => f.startsWith(`${path}/`)) ? { __typename: 'Tree', oid: 'tree' } : null;
    const binary = text.includes('\u0000');
    return { __typename: 'Blob', oid: 'blob', text: binary ? null : text, isBinary: binary, byteSize: Buffer.byteLength(text), isTruncated: false };
  }

  private stateOf(repo: string, number: number): string {
    const created = this.state.created.get(number);
    const state = created?.repo === repo ? created.state : this.state.pulls.get(`${repo}#${number}`)?.state;
    return state === 'closed' ? 'CLOSED' : 'OPEN';
  }

  private pull(repo: string, number: number): unknown {
    const pr = this.state.pulls.get(`${repo}#${number}`)!;
    const comments = this.state.comments.filter((c) => c.repo === repo && c.issue === number);
    return {
      number, url: `https://github.com/${repo}/pull/${number}`, state: this.stateOf(repo, number), isDraft: pr.draft,
      headRefOid: pr.head.sha, baseRefOid: pr.base.sha, headRefName: pr.head.ref, baseRefName: pr.base.ref,
      isCrossRepository: pr.head.repo !== repo, changedFiles: this.state.changedCount(repo, number),
      headRepository: () => ({ nameWithOwner: pr.head.repo }),
      comments: (a: Args) => {
        const size = pageSize(a, 'comments');
        const start = a.after === undefined ? 0 : Number(a.after);
        const page = comments.slice(start, start + size);
        const end = start + page.length;
        return {
          totalCount: comments.length,
          pageInfo: { hasNextPage: end < comments.length, endCursor: page.length ? String(end) : null },
          nodes: page.map((c) => ({ databaseId: c.id, body: c.body, author: { __typename: c.user.type, login: c.user.login } })),
        };
      },
    };
  }
}
