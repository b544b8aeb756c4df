using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Trax.Input;

namespace Trax.Http;

/// <summary>
/// Every HTTP answer Trax gives is made here, and every one writes its head through <see cref="AnswerWriter"/>: a
/// JSON body (typed, or written by hand for query results), CSV, a redirect. Errors share one body shape
/// (<see cref="ErrorBody"/>: status, reason, message), so one client-side check reads them all.
/// </summary>
public static class Answers
{
    public static JsonAnswer<T> Json<T>(int statusCode, T body, JsonTypeInfo<T> typeInfo, string? location = null) =>
        new(statusCode, body, typeInfo) { Location = location };

    public static JsonAnswer<T> Ok<T>(T body, JsonTypeInfo<T> typeInfo) => Json(StatusCodes.Status200OK, body, typeInfo);

    public static JsonAnswer<ErrorBody> Rejected(Rejection rejection) =>
        new(rejection.StatusCode, new ErrorBody(ErrorBody.StatusFor(rejection.StatusCode), rejection.Reason, rejection.Message) { Line = rejection.Line },
            HttpJsonContext.Default.ErrorBody);

    /// <summary>Storage could not be reached: nothing is known to be stored, so the caller must retry (the middleware answers this).</summary>
    public static JsonAnswer<ErrorBody> StorageUnavailable(int retryAfterSeconds) =>
        new(StatusCodes.Status503ServiceUnavailable,
            new ErrorBody("error", "storage-unavailable", "Storage could not be reached, so nothing was recorded or read. Please retry later: every Trax call is safe to repeat."),
            HttpJsonContext.Default.ErrorBody)
        {
            RetryAfterSeconds = retryAfterSeconds,
        };

    /// <summary>
    /// Part of a request was stored and part could not be (storage failed midway): a 503 with the caller's own body
    /// saying which, and Retry-After, so that sending it all again is the way to finish (what was stored comes out
    /// as duplicates).
    /// </summary>
    public static JsonAnswer<T> PartlyStored<T>(T body, JsonTypeInfo<T> typeInfo, int retryAfterSeconds) =>
        new(StatusCodes.Status503ServiceUnavailable, body, typeInfo) { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>A one-word answer, such as health's <c>{"status":"healthy"}</c>.</summary>
    public static JsonAnswer<StatusBody> Status(int statusCode, string status, int? retryAfterSeconds = null) =>
        new(statusCode, new StatusBody(status), HttpJsonContext.Default.StatusBody) { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>A 200 whose JSON is written by hand (query results with a shape of their own), buffered: bounded by the APIs' limits.</summary>
    public static BufferedAnswer Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return new BufferedAnswer(AnswerWriter.JsonContentType, buffer.WrittenMemory, null);
    }

    /// <summary>A 200 CSV download (RFC 4180 with a header row).</summary>
    public static BufferedAnswer Csv(string text, string fileName) =>
        new("text/csv; charset=utf-8; header=present", Encoding.UTF8.GetBytes(text), fileName);

    /// <summary>302 Found, never cached, kept out of search indexes.</summary>
    public static RedirectAnswer Redirect(string location) => new(location);
}
