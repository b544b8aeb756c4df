using Trax.Input;

namespace Trax.Zones;

/// <summary>Stops the app at start-up when the default zone is not an IANA zone this host knows.</summary>
public sealed class ZoneOptionsValidator : IValidateOptions<ZoneOptions>
{
    public ValidateOptionsResult Validate(string? name, ZoneOptions options) =>
        Zone.TryFind(options.TimeZone, out _)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Trax:Reports:TimeZone must be an IANA time zone id such as Europe/Paris or UTC, known to this host's time zone database (Windows ids are not accepted); '{InputValues.Printable(options.TimeZone, Zone.MaxIdLength)}' is not one.");
}
