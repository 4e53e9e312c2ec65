/** What the first tab says and holds: how to authenticate, and a query that shows who you are. */
export const DEFAULT_QUERY = `# Claimtrail's GraphQL API. The schema is in the
# Docs panel (the book icon on the left).
#
# Every request needs a bearer token, sent as the
# HTTP header
#   Authorization: Bearer ct_…
# It is in the Headers tab below. Signed in to the
# web app in this browser tab? Its token is filled
# in already. If not, paste the ADMIN token the
# server printed on its first start, or make a
# read-only one:
#   npx claimtrail token create --actor you --role viewer
#
# Run the query with the ▶ button (or Ctrl-Enter).

query Viewer {
  viewer {
    id
    role
  }
}
`;

/** A placeholder GraphiQL sends as written, which the server refuses with a clear UNAUTHENTICATED error. */
export const TOKEN_PLACEHOLDER = '<paste a token here>';

/** The headers editor's contents: JSON, as GraphiQL reads it. */
export const authorizationHeaders = (token: string | null): string =>
  JSON.stringify({ Authorization: `Bearer ${token ?? TOKEN_PLACEHOLDER}` }, null, 2);
