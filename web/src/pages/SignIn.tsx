import { useState } from 'preact/hooks';
import { ApiError, plainWords, request } from '../api.js';
import { Field } from '../components/forms/field.js';
import { ViewerDocument } from '../generated/graphql.js';
import type { Actor } from '../types.js';

/**
 * Paste a bearer token; it is checked with the `viewer` query and kept in sessionStorage for this tab, and in
 * localStorage too when the person asks for it to be remembered on this device.
 */
export const SignIn = ({
  onSignedIn,
  notice,
}: {
  onSignedIn: (token: string, viewer: Actor, remember: boolean) => void;
  notice?: string | undefined;
}) => {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [remember, setRemember] = useState(false);
  return (
    <main id="main" class="signin">
      <div class="card signin-card">
        <h1 tabIndex={-1}>Sign in to Claimtrail</h1>
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const value = token.trim().replace(/^Bearer\s+/i, '');
            if (!value) {
              setError('Paste your access token first.');
              return;
            }
            setBusy(true);
            setError(undefined);
            request(ViewerDocument, undefined, value).then(
              (data) => onSignedIn(value, data.viewer, remember),
              (failure: unknown) => {
                setBusy(false);
                setError(
                  failure instanceof ApiError && failure.code === 'UNAUTHENTICATED'
                    ? 'This token was not accepted: it may be mistyped, revoked or from another server.'
                    : failure instanceof ApiError
                      ? plainWords(failure.first)
                      : String(failure),
                );
              },
            );
          }}
        >
          <Field
            label="Access token"
            error={error}
            hint={
              <>
                A token starts with <code>ct_</code>. An admin creates one with{' '}
                <code>npx claimtrail token create --actor YOU --role analyst</code>. It is kept only in this
                browser tab and forgotten when the tab closes, unless you ask for it to be remembered.
              </>
            }
          >
            {(control) => (
              <input
                {...control}
                type="password"
                name="token"
                autoComplete="off"
                spellcheck={false}
                value={token}
                onInput={(event) => setToken(event.currentTarget.value)}
              />
            )}
          </Field>
          <label class="remember">
            <input
              type="checkbox"
              name="remember"
              checked={remember}
              onChange={(event) => setRemember(event.currentTarget.checked)}
            />{' '}
            Remember this token on this device (new tabs are signed in; not on a shared computer)
          </label>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
};
