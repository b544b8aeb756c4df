namespace Trax.Core;

/// <summary>
/// What Trax knows of each network, under <c>Trax:Networks</c>: how its status values map onto Trax's statuses,
/// e.g. <c>Trax__Networks__AffiliateWeb__Statuses__paid_out=approved</c> (names match case-insensitively).
/// </summary>
public sealed class NetworkOptions
{
    public const string Section = "Trax:Networks";

    public Dictionary<string, NetworkStatuses> Networks { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class NetworkStatuses
{
    /// <summary>The network's status value → pending, approved or rejected.</summary>
    public Dictionary<string, string> Statuses { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Refuses, at start-up, a status override that names no Trax status (the app does not start).</summary>
public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var failures = options.Networks
            .SelectMany(n => n.Value.Statuses.Select(s => (Network: n.Key, Value: s.Key, Status: s.Value)))
            .Where(s => !ConversionStatusNames.TryParse(s.Status, out _))
            .Select(s => $"Trax:Networks:{s.Network}:Statuses:{s.Value} is '{s.Status}'; it must be one of {string.Join(", ", ConversionStatusNames.All)}.")
            .ToList();
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
