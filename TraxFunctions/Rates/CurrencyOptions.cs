using System.ComponentModel.DataAnnotations;

namespace Trax.Rates;

/// <summary>
/// The base currency setting under <c>Trax:Reports</c> (<c>Trax__Reports__BaseCurrency</c>): the one currency reports
/// total in, besides each currency's own totals. Empty (the default): no conversion.
/// </summary>
public sealed class CurrencyOptions
{
    public const string Section = "Trax:Reports";

    [RegularExpression("^([A-Za-z]{3})?$", ErrorMessage = "Trax:Reports:BaseCurrency must be empty or a three-letter ISO 4217 code such as EUR.")]
    public string BaseCurrency { get; set; } = "";
}
