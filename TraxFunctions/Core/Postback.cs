
namespace Trax.Core;

/// <summary>A validated callback from a network: what it reported, with the optional fields it sent.</summary>
public sealed record Postback(
    ConversionType Type,
    string ClickId,
    string? Network = null,
    string? Program = null,
    string? TxId = null,
    decimal? Payout = null,
    string? Currency = null,
    string? Status = null)
{
    /// <summary>Optional fields that were dropped (and why), as <c>field:reason</c>; never fatal.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
