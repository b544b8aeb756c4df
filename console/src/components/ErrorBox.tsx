import { ApiError, NetworkError } from "../lib/api";
import { useSaidAnew } from "./useSaidAnew";

/**
 * An error that is not about one field: the API's reason code and its message, as text. Each error is said anew (the
 * box empties, then takes its text): the same refusal met again on a retry is announced again.
 */
export function ErrorBox({ error }: { error: Error }) {
  const reason = error instanceof ApiError ? error.reason : error instanceof NetworkError ? "network" : undefined;
  const shown = useSaidAnew(error);
  return (
    <div class="error-box" role="alert">
      {shown && (
        <>
          <p>
            {reason && <code class="reason">{reason}</code>} {error.message}
          </p>
          {error instanceof ApiError && error.retryAfter !== undefined && (
            <p>Trax asks to retry after {error.retryAfter} seconds.</p>
          )}
        </>
      )}
    </div>
  );
}
