using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Trax.Conversions;
using Trax.Input;
using Trax.PostbackLog;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Tests.Integration;

/// <summary>
/// The promise, searched for its next break: random sequences (fixed seeds) of postbacks (new, duplicate, txid
/// variants, edge values), deliveries, redeliveries, racing processors, click registrations before and after their
/// conversions (and racing them), malformed messages and replays, with faults injected at random storage calls
/// (503, timeout, a lost response after the service applied the request). Once retries have run out of faults,
/// what Trax stored is checked against a reference model of what must be there. A failing sequence prints its seed
/// and steps; rerun one with TRAX_MODEL_SEED=&lt;seed&gt;, more with TRAX_MODEL_SEQUENCES=&lt;n&gt;.
/// </summary>
[Category("Integration")]
[Category("Reliability")]
public sealed class ModelBasedFaultTests
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
            $"model: {results.Count} sequences, {results.Sum(r => r.Steps.Count)} steps, {results.Sum(r => r.Faults)} faults injected, " +
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
    private sealed class Delivery(string text, bool malformed)
    {
        public string Text { get; } = text;

        public bool Malformed { get; } = malformed;

        public int Failures { get; set; }

        public bool Poisoned { get; set; }
    }

    /// <summary>One conversion the network means to report; its money depends on its key alone.</summary>
    private sealed record Intent(string ClickId, ConversionType Type, string? TxId)
    {
        /// <summary>The txid Trax keys by: a whole placeholder carries none.</summary>
        public string? KeyTxId => TxId is not null && NetworkMacro.IsPlaceholder(TxId) ? null : TxId;

        public string Key => Keys.ConversionRow(Type.ToName(), KeyTxId);

        /// <summary>Edge values included: none, zero, negative, the bound, the finest fraction, no currency.</summary>
        private static readonly (decimal? Payout, string? Currency)[] Monies =
            [(null, null), (0m, "EUR"), (25.50m, "EUR"), (-3.5m, "USD"), (Input.Payout.MaxAbsolute, "USD"), (0.0001m, null)];

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

    private sealed class Sequence(int seed)
    {
        private readonly Random random = new(seed);
        private readonly List<string> steps = [];
        private readonly List<Delivery> pending = [];
        private readonly List<Delivery> delivered = [];
        private readonly HashSet<string> registered = [];
        private readonly List<Intent> intents = [];
        private readonly Dictionary<string, Intent> accepted = [];
        private readonly List<string> violations = [];
        private int checks;
        private TraxApp trax = null!;

        public async Task<SequenceResult> RunAsync()
        {
            var time = new FakeTimeProvider(Noon);
            await using (trax = await TraxApp.StartAsync(AzuriteSetup.Storage.ConnectionString,
                configureServices: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(time))))
            {
                try
                {
                    var clicks = Enumerable.Range(0, random.Next(1, 4)).Select(i => i == 2 ? $"m{seed}/x%{i}" : $"m{seed}-{i}").ToList();
                    string?[] txIds = [null, "T1", "T2", new string('L', 600) + "a", new string('L', 600) + "b", "C\u0001", "C\u0002", "{order_id}"];
                    intents.AddRange(clicks.SelectMany(c => new[] { ConversionType.Ftd, ConversionType.Reg }.Select(t => new Intent(c, t, null))
                        .Concat(txIds.Select(tx => new Intent(c, ConversionType.Sale, tx)))));
                    for (var i = random.Next(10, 31); i > 0; i--)
                    {
                        await StepAsync(clicks);
                    }

                    await FinishAsync();
                    await CheckAsync();
                }
                catch (Exception ex)
                {
                    violations.Add($"the sequence itself failed: {ex.GetType().Name}: {ex.Message}");
                }

                return new SequenceResult(seed, steps, trax.Faults.Injected.Count, checks, violations);
            }
        }

        private async Task StepAsync(List<string> clicks)
        {
            var roll = random.Next(100);
            switch (roll)
            {
                case < 40:
                    await PostAsync(intents[random.Next(intents.Count)]);
                    break;
                case < 44:
                    await PostInvalidAsync();
                    break;
                case < 68 when pending.Count > 0:
                    await DeliverAsync(pending[random.Next(pending.Count)]);
                    break;
                case < 76 when delivered.Count > 0:
                    var again = delivered[random.Next(delivered.Count)];
                    steps.Add($"redeliver {Id(again)}");
                    await AttemptAsync(again);
                    break;
                case < 83 when pending.Count + delivered.Count > 0:
                    var both = pending.Concat(delivered).ElementAt(random.Next(pending.Count + delivered.Count));
                    steps.Add($"race {Id(both)}");
                    await Task.WhenAll(AttemptAsync(both), AttemptAsync(both));
                    break;
                case < 93:
                    await RegisterAsync(clicks[random.Next(clicks.Count)]);
                    break;
                case < 97 when pending.Count > 0:
                    var message = pending[random.Next(pending.Count)];
                    var click = ClickOf(message) ?? clicks[0];
                    steps.Add($"race registration of {click} with {Id(message)}");
                    await Task.WhenAll(RegisterAsync(click), AttemptAsync(message));
                    break;
                case < 99:
                    steps.Add("malformed message");
                    pending.Add(new Delivery(random.Next(2) == 0 ? "{\"v\":7}" : "not json", malformed: true));
                    break;
                default:
                    await PostAsync(intents[random.Next(intents.Count)]);
                    break;
            }
        }

        /// <summary>The network sends until it gets a 200 (faults only on its first tries), as networks retry.</summary>
        private async Task PostAsync(Intent intent)
        {
            var (payout, currency) = intent.Money;
            var lower = random.Next(2) == 0;
            var query = new StringBuilder("clickid=").Append(Uri.EscapeDataString(intent.ClickId));
            if (intent.TxId is not null)
            {
                query.Append("&txid=").Append(Uri.EscapeDataString(intent.TxId));
            }

            if (payout is { } amount)
            {
                query.Append("&payout=").Append(Payout.Format(amount));
            }

            if (currency is not null)
            {
                query.Append("&currency=").Append(lower ? currency.ToLowerInvariant() : currency);
            }

            var form = random.Next(3) == 0;
            var path = "/wp-json/trax/v1/" + intent.Type.ToName();
            steps.Add($"post {intent.ClickId} {intent.Key[..Math.Min(intent.Key.Length, 12)]}{(form ? " (form)" : "")}");
            for (var attempt = 1; ; attempt++)
            {
                var answer = await WithFaultsAsync(attempt, () => trax.SendAsync(form ? HttpRequests.PostForm(path, query.ToString()) : HttpRequests.Get(path + "?" + query)));
                await CollectQueuedAsync();
                if (answer.StatusCode == 200)
                {
                    accepted[answer.Field("id")!] = intent;
                    return;
                }

                Expect(answer.StatusCode == 503, $"post {intent.Key}: answered {answer.StatusCode} {answer.Text}");
                if (attempt > 10)
                {
                    Expect(false, $"post {intent.Key}: no 200 after {attempt} tries");
                    return;
                }
            }
        }

        private async Task PostInvalidAsync()
        {
            steps.Add("post with an unreplaced macro");
            var answer = await WithFaultsAsync(1, () => trax.GetAsync("/wp-json/trax/v1/ftd?clickid=%7Bclickid%7D&network=AffiliateWeb"));
            await CollectQueuedAsync();
            Expect(answer.StatusCode == 400 && answer.Field("reason") == "unreplaced-macro", $"a macro click id answered {answer.StatusCode}");
        }

        /// <summary>The site posts the click until it gets a 200, as a retrying client does.</summary>
        private async Task RegisterAsync(string clickId)
        {
            steps.Add($"register {clickId}");
            for (var attempt = 1; ; attempt++)
            {
                var answer = await WithFaultsAsync(attempt, () => trax.PostJsonAsync("/api/clicks", JsonSerializer.Serialize(new { clickId })));
                if (answer.StatusCode == 200)
                {
                    lock (registered)
                    {
                        registered.Add(clickId);
                    }

                    return;
                }

                Expect(answer.StatusCode == 503, $"register {clickId}: answered {answer.StatusCode} {answer.Text}");
                if (attempt > 10)
                {
                    Expect(false, $"register {clickId}: no 200 after {attempt} tries");
                    return;
                }
            }
        }

        private async Task DeliverAsync(Delivery message)
        {
            steps.Add($"deliver {Id(message)}");
            await AttemptAsync(message);
        }

        /// <summary>What the host does with one delivery: run the function; on failure the message comes back, until poisoned.</summary>
        private async Task AttemptAsync(Delivery message)
        {
            int failures;
            lock (pending)
            {
                failures = message.Failures;
            }

            try
            {
                await WithFaultsAsync(failures + 1, async () =>
                {
                    await trax.ProcessAsync(message.Text);
                    return 0;
                });
                lock (pending)
                {
                    Expect(!message.Malformed, "a malformed message was processed");
                    if (pending.Remove(message))
                    {
                        delivered.Add(message);
                    }
                }
            }
            catch (Exception)
            {
                lock (pending)
                {
                    message.Failures++;
                    if (!pending.Contains(message) && !message.Poisoned)
                    {
                        // A redelivered copy failed: the host makes it visible again.
                        delivered.Remove(message);
                        pending.Add(message);
                    }

                    if (message.Failures >= MaxDequeueCount)
                    {
                        message.Poisoned = true;
                        pending.Remove(message);
                    }
                }
            }
        }

        /// <summary>Faults stop; what is still queued is delivered until every message is processed or poisoned.</summary>
        private async Task FinishAsync()
        {
            trax.Faults.Calm();
            steps.Add("faults stop; deliver the rest");
            while (pending.Count > 0)
            {
                await AttemptAsync(pending[0]);
            }

            // An operator replays what was poisoned: only the malformed messages may be there, and they stay poisoned.
            foreach (var poisoned in pending.Concat(delivered).Where(d => d.Poisoned).ToList())
            {
                await AttemptAsync(poisoned);
            }
        }

        private async Task CheckAsync()
        {
            var poisoned = pending.Concat(delivered).Where(d => d.Poisoned).ToList();
            var good = delivered.Where(d => !d.Malformed).ToList();
            Expect(poisoned.All(d => d.Malformed), $"{poisoned.Count(d => !d.Malformed)} good messages were poisoned");
            Expect(accepted.Keys.All(id => good.Any(d => FullId(d) == id)), "a postback answered 200 was never queued");

            // Every queued message is a postback the network sent (an SDK retry of a send whose answer was lost queues
            // the same message twice): the model's conversions are their distinct keys.
            var messages = good.Select(d => PostbackMessageJson.Deserialize(d.Text)).DistinctBy(m => m.Id).ToList();
            var intentsById = messages.ToDictionary(m => m.Id, m => accepted.TryGetValue(m.Id, out var i) ? i : Find(m));
            var expected = intentsById.Values.DistinctBy(i => (i.ClickId, i.Key)).ToDictionary(i => (i.ClickId, i.Key));
            var conversions = await trax.ConversionsAsync();
            Expect(conversions.Count == expected.Count && conversions.All(c => expected.ContainsKey((c.ClickId, c.Key))),
                $"conversions: stored {conversions.Count} ({string.Join(", ", conversions.Select(c => c.Key[..Math.Min(12, c.Key.Length)]))}), model {expected.Count}");

            foreach (var conversion in conversions)
            {
                var intent = expected.GetValueOrDefault((conversion.ClickId, conversion.Key));
                if (intent is null)
                {
                    continue;
                }

                var (payout, currency) = intent.Money;
                Expect(conversion.Orphan == !registered.Contains(conversion.ClickId),
                    $"{conversion.ClickId}/{conversion.Key}: orphan {conversion.Orphan}, click registered {registered.Contains(conversion.ClickId)}");
                Expect(conversion.Payout == payout && conversion.Currency == currency,
                    $"{conversion.Key}: payout {conversion.Payout} {conversion.Currency}, model {payout} {currency}");
                Expect(messages.Any(m => m.Id == conversion.PostbackId && intentsById[m.Id].Key == conversion.Key),
                    $"{conversion.Key}: stored by {conversion.PostbackId}, not one of its postbacks");
            }

            // The log: every postback once, with the model's outcome; the one that stored a conversion says so.
            var log = await trax.LogAsync();
            foreach (var message in messages)
            {
                var rows = log.Where(r => r.PostbackId == message.Id).ToList();
                var conversion = conversions.SingleOrDefault(c => c.ClickId == message.ClickId && c.Key == intentsById[message.Id].Key);
                var outcome = conversion is null ? null
                    : conversion.PostbackId != message.Id ? PostbackOutcomes.Duplicate
                    : conversion.Orphan ? PostbackOutcomes.Orphan
                    : PostbackOutcomes.Created;
                Expect(rows.Count == 1 && rows[0].Outcome == outcome && (outcome != PostbackOutcomes.Duplicate || rows[0].DuplicateOf == conversion!.PostbackId),
                    $"log of {message.Id} ({intentsById[message.Id].Key}): {string.Join(",", rows.Select(r => r.Outcome + "/" + r.DuplicateOf))}, model {outcome}");
            }

            Expect(log.Where(r => r.Outcome != PostbackOutcomes.Rejected).All(r => messages.Any(m => m.Id == r.PostbackId)),
                "a log row for a postback that was never queued");

            // The day index and the report: each attributed conversion counted once, with its money.
            var attributed = conversions.Where(c => !c.Orphan && !c.OutsideWindow).ToList();
            var index = await trax.DayIndexAsync();
            Expect(index.Count == attributed.Count && attributed.All(c => index.Count(i => i.PostbackId == c.PostbackId) == 1),
                $"day index: {index.Count} rows for {attributed.Count} counted conversions");
            var report = await trax.GetAsync($"/api/reports/conversions?from={Noon:yyyy-MM-dd}&to={Noon:yyyy-MM-dd}");
            var totals = report.Body!.Value.GetProperty("totals").EnumerateArray()
                .Select(t => (t.GetProperty("currency").GetString(), t.GetProperty("conversions").GetInt64(),
                    t.GetProperty("payout").ValueKind == JsonValueKind.Null ? (decimal?)null : t.GetProperty("payout").GetDecimal()))
                .OrderBy(t => t.Item1, StringComparer.Ordinal).ToList();
            var modelTotals = attributed.Select(c => expected[(c.ClickId, c.Key)].Money)
                .GroupBy(m => m.Currency)
                .Select(g => (g.Key, (long)g.Count(), g.All(m => m.Payout is null) ? (decimal?)null : g.Sum(m => m.Payout ?? 0)))
                .OrderBy(t => t.Key, StringComparer.Ordinal).ToList();
            Expect(report.StatusCode == 200 && totals.SequenceEqual(modelTotals),
                $"report totals [{string.Join(", ", totals)}], model [{string.Join(", ", modelTotals)}]");
            Expect(trax.Limits.Refused == 0, $"{trax.Limits.Refused} requests Azure would refuse");
        }

        private Intent Find(PostbackMessage message) =>
            intents.First(i => i.ClickId == message.ClickId && i.Type == message.Type && i.KeyTxId == message.TxId);

        private async Task<T> WithFaultsAsync<T>(int attempt, Func<Task<T>> call)
        {
            if (attempt <= FaultyAttempts)
            {
                int faultSeed;
                lock (random)
                {
                    faultSeed = random.Next();
                }

                trax.Faults.Chaos(new Random(faultSeed), FaultProbability,
                    InjectedFault.ServerBusy, InjectedFault.ServerBusy, InjectedFault.LostResponse, InjectedFault.LostResponse,
                    InjectedFault.LostResponseRetried, InjectedFault.LostResponseRetried, InjectedFault.Timeout);
            }

            try
            {
                return await call();
            }
            finally
            {
                trax.Faults.Calm();
            }
        }

        /// <summary>Takes what intake queued into the test's host (the queue the trigger would read).</summary>
        private async Task CollectQueuedAsync()
        {
            foreach (var message in await trax.ReceiveAllAsync())
            {
                lock (pending)
                {
                    pending.Add(new Delivery(TraxApp.DecodeLikeTheTrigger(message), malformed: false));
                }

                await trax.RawQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        private string? ClickOf(Delivery message) =>
            message.Malformed ? null : PostbackMessageJson.Deserialize(message.Text).ClickId;

        private static string Id(Delivery message) => FullId(message) is { } id ? id[^6..] : "malformed";

        private static string? FullId(Delivery message) =>
            message.Malformed ? null : PostbackMessageJson.Deserialize(message.Text).Id;

        private void Expect(bool condition, string violation)
        {
            Interlocked.Increment(ref checks);
            if (!condition)
            {
                lock (violations)
                {
                    violations.Add(violation);
                }
            }
        }
    }
}
