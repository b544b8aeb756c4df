namespace Trax.Core;

/// <summary>
/// Where a callback came from and exactly what it held (token redacted), kept beside the validated fields: the queue
/// message carries it (<see cref="PostbackMessage.Source"/>), the conversion keeps it as its callback, the postback
/// log shows it. Method is null only on messages and rows from before it was recorded.
/// </summary>
public sealed record PostbackSource(
    string? Method,
    string? Query,
    string? Body = null,
    string? ClientIp = null,
    string? ForwardedFor = null,
    string? UserAgent = null);
