/** The error above the submit button (not tied to one field). */
export const FormError = ({ message }: { message: string | undefined }) =>
  message ? (
    <p class="form-error" role="alert" tabIndex={-1}>
      {message}
    </p>
  ) : null;

/**
 * The conflict, in plain words: what the user saw, what the server has now, that nothing was saved, and a
 * way to go on from the new version (the page already shows it: live updates keep it current).
 */
export const ConflictNotice = ({
  seen,
  current,
  onUseLatest,
}: {
  seen: number;
  current: number;
  onUseLatest: () => void;
}) => (
  <div class="conflict" role="alert" tabIndex={-1}>
    <p>
      <strong>Conflict: someone else changed this claim while you were editing.</strong> You saw version{' '}
      {seen}; it is now at version {current >= 0 ? current : 'a newer one'}. Your change was{' '}
      <strong>not</strong> saved, so nothing was overwritten.
    </p>
    <p>
      Check the claim as it is now (shown on this page), then submit again if your change still makes sense.
    </p>
    <button type="button" onClick={onUseLatest}>
      Continue from version {current >= 0 ? current : 'now'}
    </button>
  </div>
);

/** Before submitting: the claim moved on since the form opened, so saving now would be refused. */
export const StaleVersionNotice = ({ seen, current }: { seen: number; current: number }) => (
  <p class="notice" role="status">
    This claim has changed since you opened this form (you saw version {seen}; it is now at version {current}
    ). Saving now will be refused as a conflict; close and reopen the form to start from the latest version.
  </p>
);
