using System.Collections.Concurrent;
using System.Globalization;
using Trax.Core;
using Trax.Input;
using Trax.Storage;

namespace Trax.Tests.Integration;

/// <summary>
/// The promise, searched for its next break: random sequences (fixed seeds) of postbacks (new, duplicate, txid
/// variants, edge values, status changes and payout corrections in any order, missing and dropped statuses, amounts
/// and currencies alone), a network's retries of an earlier postback's exact URL after other changes, time passing
/// (within and past the resend window), deliveries, redeliveries, racing processors, click registrations before and after their
/// conversions (and racing them), malformed messages and replays, with faults injected at random storage calls
/// (503, timeout, a lost response after the service applied the request). Once retries have run out of faults,
/// what Trax stored is checked against a reference model of what must be there: every stored conversion counted
/// once in the report, by status and by attribution (unattributed until its click is registered), and forwarded to
/// the forwards that take it. A failing sequence prints its seed
/// and steps; rerun one with TRAX_MODEL_SEED=&lt;seed&gt;, more with TRAX_MODEL_SEQUENCES=&lt;n&gt;.
/// </summary>
[Category("Integration")]
[Category("Reliability")]
public sealed partial class ModelBasedFaultTests
{
    private const int DefaultSequences = 120;
    private const int FirstSeed = 20261202;
    private const int Parallelism = 4;

    /// <summary>A message's first deliveries may meet faults; later ones never do, as when an outage ends.</summary>
    private const int FaultyAttempts = 3;

    private const double FaultProbability = 0.12;

    /// <summary>The host's maxDequeueCount (host.json): after this many failures a message is poisoned.</summary>
    private const int MaxDequeueCount = 5;

    private static readonly DateTimeOffset Noon = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The resend window the app runs with here: time passes in steps either side of it.</summary>
    private static readonly TimeSpan ResendWindow = TimeSpan.FromHours(2);

    private static readonly TimeSpan[] TimeSteps = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(90), TimeSpan.FromHours(3)];

    [Test]
    public async Task RandomSequences_WithInjectedFaults_MatchTheModel()
    {
        var seeds = Environment.GetEnvironmentVariable("TRAX_MODEL_SEED") is { Length: > 0 } one
            ? [int.Parse(one, CultureInfo.InvariantCulture)]
            : Enumerable.Range(FirstSeed, Environment.GetEnvironmentVariable("TRAX_MODEL_SEQUENCES") is { Length: > 0 } n
                ? int.Parse(n, CultureInfo.InvariantCulture) : DefaultSequences).ToArray();
        var results = new ConcurrentBag<SequenceResult>();

        await Parallel.ForEachAsync(seeds, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (seed, _) =>
            results.Add(await new Sequence(seed).RunAsync()));

        var failed = results.Where(r => r.Violations.Count > 0).OrderBy(r => r.Seed).ToList();
        ReliabilityTests.Report(
            $"model: {results.Count} sequences, {results.Sum(r => r.Steps.Count)} steps " +
            $"({results.Sum(r => r.Steps.Count(s => s.StartsWith("network retry", StringComparison.Ordinal)))} network retries, " +
            $"{results.Sum(r => r.Steps.Count(s => s.EndsWith("minutes pass", StringComparison.Ordinal)))} times time passed), {results.Sum(r => r.Faults)} faults injected, " +
            $"{results.Sum(r => r.Checks)} invariant checks, {results.Sum(r => r.Violations.Count)} violations " +
            $"(seeds {seeds.Min()}–{seeds.Max()}, TRAX_MODEL_SEQUENCES={seeds.Length})");
        foreach (var result in failed.Take(3))
        {
            TestContext.Out.WriteLine($"seed {result.Seed} violated: {string.Join("; ", result.Violations)}");
            TestContext.Out.WriteLine("steps: " + string.Join(" | ", result.Steps));
        }

        Assert.That(failed.Select(r => r.Seed), Is.Empty, "seeds whose sequence broke an invariant (steps printed above)");
        Assert.That(results.Sum(r => r.Faults), Is.GreaterThan(seeds.Length), "faults were really injected");
    }

    private sealed record SequenceResult(int Seed, IReadOnlyList<string> Steps, int Faults, int Checks, IReadOnlyList<string> Violations);

    /// <summary>A message the test's host holds: the queue's text, and how often a delivery of it failed.</summary>
    private sealed class Delivery(string text, bool malformed, bool forward = false)
    {
        /// <summary>A forward job (the outbox) rather than a postback.</summary>
        public bool Forward { get; } = forward;

        public string Text { get; } = text;

        public bool Malformed { get; } = malformed;

        public int Failures { get; set; }

        public bool Poisoned { get; set; }
    }

    /// <summary>One conversion the network means to report; its money depends on its key alone.</summary>
    private sealed record Intent(string ClickId, ConversionType Type, string? TxId)
    {
        /// <summary>The txid Trax keys by: a whole placeholder carries none.</summary>
        public string? KeyTxId => TxId is not null && NetworkMacro.IsMacro(TxId) ? null : TxId;

        public string Key => Keys.ConversionRow(Type.ToName(), KeyTxId);

        /// <summary>Edge values included: none, zero, negative, the bound, the finest fraction, an amount alone, a currency alone.</summary>
        public static readonly (decimal? Payout, string? Currency)[] Monies =
            [(null, null), (0m, "EUR"), (25.50m, "EUR"), (-3.5m, "USD"), (Input.Payout.MaxAbsolute, "USD"), (0.0001m, null), (null, "EUR")];

        /// <summary>What the network usually sends for this conversion (a correction sends another amount).</summary>
        public (decimal? Payout, string? Currency) Money => Monies[StableHash(ClickId + "|" + Key) % Monies.Length];

        private static int StableHash(string text)
        {
            var hash = 2166136261u;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619u;
            }

            return (int)(hash % int.MaxValue);
        }
    }

    /// <summary>A postback the network sent and got a 200 for: its conversion and what it said.</summary>
    private sealed record Sent(Intent Intent, string? Status, decimal? Payout, string? Currency);

    /// <summary>A request exactly as the network sent it, so that it can send it again (a retry).</summary>
    private sealed record Request(Sent Sent, string Path, string Query, bool Form);

    /// <summary>
    /// What the model expects of one conversion, written from docs/lifecycle.md and not from the code: the status of
    /// the most recently received postback that said one (approved if none did), the amount of the most recent that
    /// carried a payout, the currency of the most recent that carried one beside a payout. A postback that says what
    /// the network's previous one with the same words said, within the resend window of it (times to the minute), is
    /// a resend: it counts as received when the first of that run was.
    /// </summary>
    private sealed record ModelState(ConversionStatus Status, decimal? Payout, string? Currency)
    {
        private static readonly StatusMap Statuses = new(Microsoft.Extensions.Options.Options.Create(new NetworkOptions()));

        public static ModelState Of(IEnumerable<PostbackMessage> postbacks)
        {
            var words = postbacks.Where(Says).OrderBy(m => Minute(m)).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();

            // When each counts as received: its own id, or the first of the run of resends it belongs to.
            var countsAs = new Dictionary<string, string>();
            for (var i = 0; i < words.Count; i++)
            {
                var previous = words.Take(i).LastOrDefault(w => Words(w) == Words(words[i]));
                countsAs[words[i].Id] = previous is not null && Minute(words[i]) - Minute(previous) <= ResendWindow
                    ? countsAs[previous.Id]
                    : words[i].Id;
            }

            PostbackMessage? Newest(Func<PostbackMessage, bool> carries) => words.Where(carries)
                .OrderByDescending(w => countsAs[w.Id], StringComparer.Ordinal).ThenBy(w => w.Id, StringComparer.Ordinal).FirstOrDefault();
            var status = Newest(m => Statuses.Map(m.Status, m.Network) is not null);
            var amount = Newest(m => m.Payout is not null);
            var currency = Newest(m => m.Payout is not null && m.Currency is not null);
            return new ModelState(status is null ? ConversionStatus.Approved : Statuses.Map(status.Status, status.Network)!.Value, amount?.Payout, currency?.Currency);
        }

        /// <summary>Whether a postback says anything of the state: a status or a payout.</summary>
        public static bool Says(PostbackMessage message) => Statuses.Map(message.Status, message.Network) is not null || message.Payout is not null;

        /// <summary>Whether an earlier postback said the same in the same minute: then this one need not be kept.</summary>
        public static bool HasEarlierTwin(PostbackMessage message, IEnumerable<PostbackMessage> postbacks) =>
            postbacks.Any(m => string.CompareOrdinal(m.Id, message.Id) < 0 && Says(m) && Words(m) == Words(message) && Minute(m) == Minute(message));

        private static TimeSpan Minute(PostbackMessage m) => TimeSpan.FromMinutes(Math.Floor((m.ReceivedAt - DateTimeOffset.UnixEpoch).TotalMinutes));

        private static string Words(PostbackMessage m) =>
            $"{m.Status?.ToUpperInvariant()}|{m.Payout?.ToString(CultureInfo.InvariantCulture)}|{(m.Payout is null ? null : m.Currency)}";
    }

    /// <summary>The spellings networks use, none, one Trax does not know, and two it drops (control character, placeholder): no word.</summary>
    private static readonly string?[] StatusValues = [null, null, "pending", "approved", "chargeback", "HOLD", "paid_out", "ok%01", "{status}"];
}
