namespace Trax.Input;

/// <summary>
/// The query of a maintenance pass over a whole table, run page by page (<c>POST …?limit=1-1000&amp;continuationToken=…</c>:
/// the conversion re-index and the click recount): the page size and where to go on from, refused alike by both.
/// </summary>
public static class PassPage
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 1000;

    public static Rejection InvalidLimit { get; } = new("invalid-limit", $"limit must be a whole number from 1 to {MaxLimit}.");

    public static Rejection InvalidToken { get; } =
        new("invalid-continuation-token", "The continuationToken was not issued by this API; start again without it.");

    /// <summary>
    /// The page size and the pass's own position: <paramref name="position"/> turns a sent token into it, or null when
    /// this pass did not issue the token (then <paramref name="reader"/> holds the refusal).
    /// </summary>
    public static (int Limit, string? Position) Read(QueryReader reader, Func<string, string?> position)
    {
        var limit = reader.Number("limit", 1, MaxLimit, InvalidLimit) ?? DefaultLimit;
        if (reader.Optional("continuationToken") is not { } token)
        {
            return (limit, null);
        }

        var read = position(token);
        if (read is null)
        {
            reader.Fail(InvalidToken);
        }

        return (limit, read);
    }
}
