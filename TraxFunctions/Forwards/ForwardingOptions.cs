using System.ComponentModel.DataAnnotations;

namespace Trax.Forwards;

/// <summary>Settings under <c>Trax:Forwarding</c> (<c>Trax__Forwarding__AllowPrivateDestinations</c> as an app setting).</summary>
public sealed class ForwardingOptions
{
    public const string Section = "Trax:Forwarding";

    /// <summary>
    /// Let forwards call loopback, private, link-local and metadata addresses. Off in Azure: a forward's URL is
    /// operator input, and the app's network can reach things the internet cannot (SSRF). On for tests and local runs.
    /// </summary>
    public bool AllowPrivateDestinations { get; set; }

    /// <summary>How long the processor trusts the list of forwards it read (0: read it for every conversion).</summary>
    [Range(0, 3600)]
    public int CacheSeconds { get; set; } = 30;

    /// <summary>The first retry's delay; each next one doubles, up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    [Range(0, 3600)]
    public int RetryBaseSeconds { get; set; } = 60;

    [Range(0, 86400)]
    public int MaxRetryDelaySeconds { get; set; } = 3600;

    /// <summary>After this long since the first attempt a job stops being retried and goes to <c>forwards-poison</c>.</summary>
    [Range(1, 168)]
    public int GiveUpAfterHours { get; set; } = 24;
}
