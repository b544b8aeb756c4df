using Trax.Core;
using Trax.Input;

namespace Trax.Postbacks;

/// <summary>
/// Turns raw parameters into a <see cref="Postback"/> or a <see cref="Rejection"/>. Only the click id, and a payout
/// or currency that is present but malformed, can refuse a callback; any other bad optional field is dropped with a
/// warning. A transaction id is never dropped: it is the conversion's identity, so two different txids must stay
/// two conversions; only a value that is entirely a macro (<c>{order_id}</c>, <c>[TXID]</c>: a name of letters and
/// '_') counts as no txid, and one with digits or other characters (<c>[A-1001]</c>) is a real txid.
/// </summary>
public static class PostbackValidator
{
    /// <param name="statuses">Given, a status value that neither the defaults nor the network's settings know is warned of.</param>
    public static PostbackValidation Validate(ConversionType type, PostbackParameters parameters, StatusMap? statuses = null)
    {
        var warnings = new Warnings();
        var clickId = ClickId.Read(parameters["clickid"], warnings, out var rejection);
        if (clickId is null)
        {
            return new PostbackValidation(null, rejection);
        }

        var network = OptionalField.Read(parameters["network"], "network", warnings);
        var program = OptionalField.Read(parameters["program"], "program", warnings);
        var status = OptionalField.Read(parameters["status"], "status", warnings);
        if (status is not null && statuses is not null)
        {
            statuses.Map(status, network, out var known);
            if (!known)
            {
                // Kept as sent and counted as pending until someone maps it (docs/lifecycle.md).
                warnings.Add("status", "unknown-value");
            }
        }

        var txId = Identity(parameters, "txid", warnings, NetworkMacro.IsMacro);

        decimal? payout = null;
        if (Identity(parameters, "payout", warnings, NetworkMacro.IsPlaceholder) is { } payoutText)
        {
            if (!Input.Payout.TryParse(payoutText, out var value))
            {
                return new PostbackValidation(null, PostbackRejections.InvalidPayout);
            }

            payout = value;
        }

        var currency = Identity(parameters, "currency", warnings, NetworkMacro.IsPlaceholder);
        if (currency is not null)
        {
            currency = CurrencyCode.Normalize(currency);
            if (currency is null)
            {
                return new PostbackValidation(null, PostbackRejections.InvalidCurrency);
            }

            if (payout is null)
            {
                // A currency alone says nothing of the money: it never changes an amount (docs/lifecycle.md).
                warnings.Add("currency", "without-payout");
                currency = null;
            }
        }

        return new PostbackValidation(new Postback(type, clickId, network, program, txId, payout, currency, status) { Warnings = warnings.ToList() }, null);
    }

    /// <summary>
    /// A value kept exactly as sent (txid, payout, currency: what it means is checked by its caller), except one that
    /// is entirely a placeholder (by <paramref name="isPlaceholder"/>): it carries no value, so it counts as absent, with a warning.
    /// Beside a filled value, any placeholder is passed over (<see cref="InputValues.FirstSent"/>) and the filled one kept.
    /// </summary>
    private static string? Identity(PostbackParameters parameters, string name, Warnings warnings, Func<string, bool> isPlaceholder)
    {
        var value = InputValues.FirstSent(parameters[name], out var differing, out var placeholderBeside);
        if (differing)
        {
            warnings.Add(name, "multiple-values");
        }

        if (placeholderBeside)
        {
            // The value sent is kept; the placeholder beside it says the network's template is broken.
            warnings.Add(name, "unreplaced-macro");
        }
        else if (value is not null && isPlaceholder(value))
        {
            warnings.Add(name, "unreplaced-macro");
            return null;
        }

        return value;
    }
}

/// <summary>Either a valid postback or the reason it was refused.</summary>
public readonly record struct PostbackValidation(Postback? Postback, Rejection? Rejection);
