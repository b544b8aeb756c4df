namespace Trax.Core;

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
