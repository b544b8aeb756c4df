import { ApiError, NetworkError } from "../lib/api";

/** An error that is not about one field: the API's reason code and its message, as text. */
export function ErrorBox({ error }: { error: Error }) {
  const reason = error instanceof ApiError ? error.reason : error instanceof NetworkError ? "network" : undefined;
  return (
    <div class="error-box" role="alert">
      <p>
        {reason && <code class="reason">{reason}</code>} {error.message}
      </p>
      {error instanceof ApiError && error.retryAfter !== undefined && (
        <p>Trax asks to retry after {error.retryAfter} seconds.</p>
      )}
    </div>
  );
}
