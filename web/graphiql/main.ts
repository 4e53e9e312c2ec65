import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import './page.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { getToken } from '../src/token.js';
import { authorizationHeaders, DEFAULT_QUERY } from './defaults.js';

/**
 * GraphiQL served from the project's own build (the `graphiql` package, bundled by Vite), so it works
 * offline. The Authorization header is explained in the first tab and prefilled with the web app's token
 * when this browser tab is signed in to it (the web app keeps it in sessionStorage, web/src/token.ts).
 */
const token = getToken();
const origin = window.location.origin;

const fetcher = createGraphiQLFetcher({
  url: `${origin}/graphql`,
  subscriptionUrl: `${origin.replace(/^http/, 'ws')}/graphql`,
  // graphql-ws sends the token in connection_init, as the server reads it (a browser cannot set the
  // upgrade request's headers).
  wsConnectionParams: token ? { authorization: `Bearer ${token}` } : {},
});

const headers = authorizationHeaders(token);

createRoot(document.getElementById('graphiql')!).render(
  createElement(GraphiQL, {
    fetcher,
    defaultQuery: DEFAULT_QUERY,
    headers,
    defaultHeaders: headers,
    defaultEditorToolsVisibility: 'headers',
    shouldPersistHeaders: false,
  }),
);
