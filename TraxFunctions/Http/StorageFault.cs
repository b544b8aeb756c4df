using Azure;
using Azure.Identity;
using Trax.Storage;

namespace Trax.Http;

/// <summary>
/// Whether a failure means storage could not be reached (so the caller should retry), as opposed to a bug: no
/// response or a 5xx/408/429 after the SDK's retries, a timeout, a credential that could not be obtained, a table or
/// queue not there yet, roles not yet granted, a conditional write that kept losing to concurrent writers (retrying
/// later wins it). Other 4xx answers from storage are Trax's own mistakes: not retried.
/// </summary>
public static class StorageFault
{
    public static bool Is(Exception exception, CancellationToken requestAborted) => exception switch
    {
        RequestFailedException failed => IsUnavailable(failed),

        // The SDK gives up after its retries with every attempt's exception.
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => Is(e, requestAborted)),

        // A network timeout of the SDK, not the caller hanging up.
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        TimeoutException => true,

        // The connection failed or dropped (the SDK usually reports these as status 0, but not while reading a body).
        IOException or HttpRequestException or System.Net.Sockets.SocketException => true,
        AuthenticationFailedException or CredentialUnavailableException => true,
        StorageContentionException => true,
        _ => false,
    };

    /// <summary>
    /// Storage refused a request as too large (413: a queue message over 64 KiB, an entity over 1 MiB, a batch over
    /// 4 MiB). What Trax writes is bounded so that this does not happen; if it still does, retrying the same request
    /// cannot help, so it is neither an outage nor a plain 500.
    /// </summary>
    public static bool IsTooLarge(Exception exception) => exception switch
    {
        RequestFailedException { Status: 413 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTooLarge),
        _ => false,
    };

    private static bool IsUnavailable(RequestFailedException failed) => failed.Status switch
    {
        0 or 408 or 429 or >= 500 => true,
        403 => true,
        404 => failed.ErrorCode is "TableNotFound" or "QueueNotFound",
        _ => false,
    };
}
