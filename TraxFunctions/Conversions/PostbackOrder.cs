
namespace Trax.Conversions;

/// <summary>
/// The order in which a conversion's postbacks count, newest last. A postback counts as received when its id says
/// (ids sort by receipt), except one sent again, which is not a newer word:
/// <list type="bullet">
/// <item>a network's postback that says the same as its previous one for the conversion (status as sent, payout,
/// currency), received within the resend window of it (to the minute), counts as received with the first of that
/// run, so an old pending resent after a chargeback never overrules the chargeback;</item>
/// <item>an upload row counts where its file was first uploaded for the conversion, then by its line, so uploading
/// the same file again puts every row where it was, and a later row of a file still wins over an earlier one.</item>
/// </list>
/// It is computed from the set of postbacks alone, so it is the same whatever order they were processed in. Times
/// count to the minute so that a burst of the same postback (a retry storm) needs only its first kept: the others
/// in the same minute change no run (<see cref="Redundant"/>).
/// </summary>
internal sealed class PostbackOrder
{
    private readonly List<PostbackState> words;
    private readonly Dictionary<string, Rank> ranks = new(StringComparer.Ordinal);

    public PostbackOrder(IEnumerable<PostbackState> postbacks, TimeSpan resendWindow)
    {
        words = [.. postbacks.Where(p => p.SaysAnything).DistinctBy(p => p.PostbackId).OrderBy(p => p.PostbackId, StringComparer.Ordinal)];
        foreach (var row in words.Where(w => w.Uploaded))
        {
            // Rows queued before uploads named their file count as their own.
            var file = row.UploadFile is null ? null : words.First(w => w.Uploaded && w.UploadFile == row.UploadFile);
            ranks[row.PostbackId] = new Rank(file?.PostbackId ?? row.PostbackId, file is null ? 0 : row.UploadLine);
        }

        // A network's runs: its postbacks with the same words, by minute of receipt, each within the window of the one before.
        foreach (var same in words.Where(w => !w.Uploaded).GroupBy(w => w, SameWords.Instance))
        {
            PostbackState? previous = null;
            var first = "";
            foreach (var word in same.OrderBy(w => Minute(w)).ThenBy(w => w.PostbackId, StringComparer.Ordinal))
            {
                if (previous is null || Minute(word) - Minute(previous) > resendWindow.Ticks)
                {
                    first = word.PostbackId;
                }

                ranks[word.PostbackId] = new Rank(first, 0);
                previous = word;
            }
        }
    }

    /// <summary>The newest postback that carries what <paramref name="carries"/> asks for; of a run sent again, its first.</summary>
    public PostbackState? Newest(Func<PostbackState, bool> carries) =>
        words.Where(carries)
            .OrderByDescending(w => ranks[w.PostbackId])
            .ThenBy(w => w.PostbackId, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>The earlier postback that <paramref name="postbackId"/> sends again (a resend, a row uploaded again), or null for a new word.</summary>
    public string? Repeated(string postbackId) =>
        ranks.TryGetValue(postbackId, out var rank)
            ? words.FirstOrDefault(w => string.CompareOrdinal(w.PostbackId, postbackId) < 0 && ranks[w.PostbackId] == rank)?.PostbackId
            : null;

    /// <summary>
    /// An earlier postback that <paramref name="postbackId"/> cannot be told from: the same words from the network in
    /// the same minute, or the same row of the same file. Then it changes no order, now or with any postback to come,
    /// and need not be kept.
    /// </summary>
    public string? Redundant(string postbackId)
    {
        if (words.FirstOrDefault(w => w.PostbackId == postbackId) is not { } word)
        {
            return null;
        }

        return words.FirstOrDefault(w => string.CompareOrdinal(w.PostbackId, postbackId) < 0 && w.SaysTheSameAs(word) && (word.Uploaded
            ? w.Uploaded && word.UploadFile is not null && w.UploadFile == word.UploadFile && w.UploadLine == word.UploadLine
            : !w.Uploaded && Minute(w) == Minute(word)))?.PostbackId;
    }

    private static long Minute(PostbackState word) => word.ReceivedAt.UtcTicks - (word.ReceivedAt.UtcTicks % TimeSpan.TicksPerMinute);

    /// <summary>A position in the order: the postback a word counts as (its first sending, its file's first row), then its line.</summary>
    private readonly record struct Rank(string First, long Line) : IComparable<Rank>
    {
        public int CompareTo(Rank other)
        {
            var first = string.CompareOrdinal(First, other.First);
            return first != 0 ? first : Line.CompareTo(other.Line);
        }
    }

    /// <summary>Postbacks a network sends again: <see cref="PostbackState.SaysTheSameAs"/>.</summary>
    private sealed class SameWords : IEqualityComparer<PostbackState>
    {
        public static readonly SameWords Instance = new();

        public bool Equals(PostbackState? x, PostbackState? y) => x is not null && y is not null && x.SaysTheSameAs(y);

        public int GetHashCode(PostbackState word) =>
            HashCode.Combine(word.Status, word.StatusRaw?.ToUpperInvariant(), word.Payout, word.HasCurrency ? word.Currency : null);
    }
}
