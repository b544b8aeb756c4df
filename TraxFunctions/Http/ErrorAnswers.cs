using Microsoft.AspNetCore.Http;
using Trax.Postbacks;

namespace Trax.Http;

/// <summary>Answers shared by the link and click APIs and the redirect.</summary>
public static class ErrorAnswers
{
    public static JsonAnswer<ErrorBody> Rejected(Rejection rejection) =>
        new(rejection.StatusCode, new ErrorBody(ErrorBody.StatusFor(rejection.StatusCode), rejection.Reason, rejection.Message),
            HttpJsonContext.Default.ErrorBody);

    public static JsonAnswer<ErrorBody> StorageUnavailable(int retryAfterSeconds, string message) =>
        new(StatusCodes.Status503ServiceUnavailable, new ErrorBody("error", "storage-unavailable", message), HttpJsonContext.Default.ErrorBody)
        {
            RetryAfterSeconds = retryAfterSeconds,
        };
}
