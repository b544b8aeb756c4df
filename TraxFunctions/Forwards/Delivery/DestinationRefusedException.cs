namespace Trax.Forwards;

/// <summary>
/// A forward's destination is (or resolves to) an address forwards may not reach. The message names the host only:
/// the addresses it resolved to would tell whoever wrote the URL about the app's network.
/// </summary>
public sealed class DestinationRefusedException(string host)
    : Exception($"The forward's destination host '{host}' is not allowed: it is not a public address.")
{
    public string Host { get; } = host;
}
