using System.ComponentModel.DataAnnotations;

namespace Trax.Rates;

/// <summary>
/// Settings under <c>Trax:Rates</c> (<c>Trax__Rates__SourceUrl</c> as an app setting): where the timer fetches the
/// ECB-format reference rates from, checked at start-up by <see cref="RatesOptionsValidator"/>.
/// </summary>
public sealed class RatesOptions
{
    public const string Section = "Trax:Rates";

    /// <summary>
    /// An https URL serving the ECB's reference rates XML, such as
    /// <c>https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml</c> (or http on loopback, for tests).
    /// Empty (the default): the timer fetches nothing; rates come only from <c>PUT /api/rates/{date}</c>.
    /// </summary>
    public string SourceUrl { get; set; } = "";

    /// <summary>How long one fetch may take, connection and download together.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;
}
