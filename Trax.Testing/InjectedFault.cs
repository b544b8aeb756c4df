namespace Trax.Testing;

/// <summary>What an injected fault does to one storage request.</summary>
public enum InjectedFault
{
    /// <summary>Refused before the service sees it: a 503 that the SDK does not retry (as after its retries).</summary>
    ServerBusy,

    /// <summary>
    /// Refused as bad input (400 InvalidInput): what Azure answers, for example, a continuation token it did not
    /// issue, which Azurite takes.
    /// </summary>
    BadRequest,

    /// <summary>Never answered: it and the SDK's retries of it time out, so the call fails.</summary>
    Timeout,

    /// <summary>Applied by the service, then the caller sees a 503: a write that happened although it "failed".</summary>
    LostResponse,

    /// <summary>Applied, then the connection drops: the SDK retries, and its retry meets what the first one did (a 409).</summary>
    LostResponseRetried,
}
