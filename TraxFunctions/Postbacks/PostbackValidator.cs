using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Trax.Postbacks;

/// <summary>
/// Turns raw parameters into a <see cref="Postback"/> or a <see cref="Rejection"/>. Only the click id (and a
/// payout or currency that is present but malformed) can refuse a callback; any other bad optional field is
/// dropped with a warning, because losing a conversion over a broken <c>program</c> would be worse.
/// </summary>
public static class PostbackValidator
{
    public static PostbackValidation Validate(ConversionType type, PostbackParameters parameters)
    {
        var clickId = ReadClickId(parameters["clickid"], out var rejection);
        if (clickId is null)
        {
            return new PostbackValidation(null, rejection);
        }

        List<string>? warnings = null;
        var network = ReadOptional(parameters, "network", ref warnings);
        var program = ReadOptional(parameters, "program", ref warnings);
        var txId = ReadOptional(parameters, "txid", ref warnings);
        var status = ReadOptional(parameters, "status", ref warnings);

        decimal? payout = null;
        if (ReadOptional(parameters, "payout", ref warnings) is { } payoutText)
        {
            if (!decimal.TryParse(payoutText, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var value))
            {
                return new PostbackValidation(null, Rejection.InvalidPayout);
            }

            payout = value;
        }

        var currency = ReadOptional(parameters, "currency", ref warnings);
        if (currency is not null)
        {
            if (currency.Length != 3 || currency.AsSpan().ContainsAnyExcept(AsciiLetters))
            {
                return new PostbackValidation(null, Rejection.InvalidCurrency);
            }

            currency = currency.ToUpperInvariant();
        }

        var postback = new Postback(type, clickId, network, program, txId, payout, currency, status)
        {
            Warnings = warnings ?? (IReadOnlyList<string>)[],
        };
        return new PostbackValidation(postback, null);
    }

    /// <summary>True for a click id that Trax would accept: the same rule for postbacks and for clicks.</summary>
    public static bool IsValidClickId(string clickId) =>
        clickId.Length is > 0 and <= PostbackLimits.MaxClickIdLength && IsPrintableAscii(clickId);

    private static string? ReadClickId(StringValues values, out Rejection? rejection)
    {
        string? clickId = null;
        foreach (var raw in values)
        {
            var value = raw?.Trim();
            if (string.IsNullOrEmpty(value) || value == clickId)
            {
                continue;
            }

            if (clickId is not null)
            {
                rejection = Rejection.AmbiguousClickId;
                return null;
            }

            clickId = value;
        }

        rejection = CheckClickId(clickId);
        return rejection is null ? clickId : null;
    }

    /// <summary>
    /// Why a (trimmed) click id would be refused, or null when Trax accepts it: the one rule for postbacks and for
    /// clicks registered through <c>/api/clicks</c>.
    /// </summary>
    public static Rejection? CheckClickId(string? clickId) => clickId switch
    {
        null or "" => Rejection.MissingClickId,
        _ when NetworkMacro.IsPlaceholder(clickId) => Rejection.UnreplacedMacro,
        _ when !IsValidClickId(clickId) => Rejection.InvalidClickId,
        _ => null,
    };

    private static string? ReadOptional(PostbackParameters parameters, string name, ref List<string>? warnings) =>
        ReadOptional(parameters[name], name, ref warnings);

    /// <summary>
    /// The first non-blank value, trimmed; or null, with a <c>field:reason</c> warning when it had to be dropped.
    /// Clicks read their source and sub-ids with the same rule.
    /// </summary>
    internal static string? ReadOptional(StringValues values, string name, ref List<string>? warnings)
    {
        string? chosen = null;
        foreach (var raw in values)
        {
            var value = raw?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (chosen is null)
            {
                chosen = value;
            }
            else if (value != chosen)
            {
                Warn(ref warnings, name, "multiple-values");
                break;
            }
        }

        if (chosen is null)
        {
            return null;
        }

        var problem = FieldProblem(chosen);
        if (problem is null)
        {
            return chosen;
        }

        Warn(ref warnings, name, problem);
        return null;
    }

    /// <summary>Why an optional text field cannot be kept (too-long, control-characters, unreplaced-macro), or null.</summary>
    internal static string? FieldProblem(string value) =>
        value.Length > PostbackLimits.MaxFieldLength ? "too-long"
        : value.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || value.AsSpan().ContainsAnyInRange('\u007F', '\u009F') ? "control-characters"
        : NetworkMacro.IsPlaceholder(value) ? "unreplaced-macro"
        : null;

    internal static void Warn(ref List<string>? warnings, string field, string reason) =>
        (warnings ??= []).Add(string.Concat(field, ":", reason));

    private static readonly System.Buffers.SearchValues<char> AsciiLetters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static bool IsPrintableAscii(string value) => !value.AsSpan().ContainsAnyExceptInRange('\u0021', '\u007E');
}

/// <summary>Either a valid postback or the reason it was refused.</summary>
public readonly record struct PostbackValidation(Postback? Postback, Rejection? Rejection);
