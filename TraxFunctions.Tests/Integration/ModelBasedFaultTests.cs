using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Trax.Conversions;
using Trax.Core;
using Trax.Forwards;
using Trax.Input;
using Trax.Storage;

using Trax.PostbackLog;

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

    private sealed class Sequence(int seed)
    {
        private readonly Random random = new(seed);
        private readonly List<string> steps = [];
        private readonly List<Delivery> pending = [];
        private readonly List<Delivery> delivered = [];
        private readonly HashSet<string> registered = [];
        private readonly List<Intent> intents = [];
        private readonly Dictionary<string, Sent> accepted = [];
        private readonly List<Request> sentRequests = [];
        private FakeTimeProvider time = null!;
        private readonly List<string> violations = [];
        private readonly List<Delivery> poisonedAll = [];
        private int checks;

        /// <summary>A click registered as made days ago on a link with a one-day window: its conversions are outside-window.</summary>
        private string? lateClick;
        private TraxApp trax = null!;
        private ForwardReceiver receiver = null!;

        public async Task<SequenceResult> RunAsync()
        {
            time = new FakeTimeProvider(Noon);
            await using (receiver = await ForwardReceiver.StartAsync())
            await using (trax = await TraxApp.StartAsync(
                settings: new Dictionary<string, string?>
                {
                    ["Trax:ResendWindowHours"] = ResendWindow.TotalHours.ToString(CultureInfo.InvariantCulture),
                    // Time passes in the sequence: a forward is not given up on while it does.
                    ["Trax:Forwarding:GiveUpAfterHours"] = "168",
                    // Click costs are summed in EUR (the conversions' other currencies have no rates: only their revenue is unknown).
                    ["Trax:Reports:BaseCurrency"] = "EUR",
                },
                configureServices: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(time))))
            {
                try
                {
                    // A destination for every counted conversion, which answers 503 now and then (then 200).
                    receiver.AnswerNext([.. Enumerable.Range(0, 40).Select(_ => random.Next(5) == 0 ? 503 : 200)]);
                    var forward = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/model", JsonSerializer.Serialize(new
                    {
                        url = receiver.BaseUrl + "/f?k={conversionid}&s={status}&p={payout}&cur={currency}&by={postbackid}",
                    })));
                    Expect(forward.StatusCode == 201, $"forward: {forward.StatusCode} {forward.Text}");

                    // A partner that takes every stored conversion, attributed or not (it only needs the click id).
                    var every = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/every", JsonSerializer.Serialize(new
                    {
                        url = receiver.BaseUrl + "/e?k={conversionid}&s={status}&p={payout}&cur={currency}&by={postbackid}",
                        attribution = new[] { "attributed", "unattributed", "outside-window" },
                    })));
                    Expect(every.StatusCode == 201, $"forward: {every.StatusCode} {every.Text}");
                    var clicks = Enumerable.Range(0, random.Next(1, 4)).Select(i => i == 2 ? $"m{seed}/x%{i}" : $"m{seed}-{i}").ToList();
                    lateClick = clicks.Count > 1 ? clicks[1] : null;
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
                case < 34:
                    // Often another word on a conversion just posted: its life (pending, chargeback, retries) is what races.
                    await PostAsync(sentRequests.Count > 0 && random.Next(2) == 0 ? sentRequests[^1].Sent.Intent : intents[random.Next(intents.Count)]);
                    break;
                case < 40 when sentRequests.Count > 0:
                    // A network retries an earlier postback, exactly as it sent it, whatever came since: often a recent
                    // one, so that the retry, the original and what came between may still all be queued, in any order.
                    var retry = sentRequests[random.Next(2) == 0 ? random.Next(sentRequests.Count) : Math.Max(0, sentRequests.Count - 1 - random.Next(4))];
                    steps.Add($"network retry of {retry.Sent.Intent.Key[..Math.Min(retry.Sent.Intent.Key.Length, 12)]} {retry.Sent.Status ?? "-"} {retry.Sent.Payout}");
                    await SendAsync(retry);
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
                case < 91:
                    await RegisterAsync(clicks[random.Next(clicks.Count)]);
                    break;
                case < 95 when pending.Count > 0:
                    var message = pending[random.Next(pending.Count)];
                    var click = ClickOf(message) ?? clicks[0];
                    steps.Add($"race registration of {click} with {Id(message)}");
                    await Task.WhenAll(RegisterAsync(click), AttemptAsync(message));
                    break;
                case < 96:
                    steps.Add("malformed message");
                    pending.Add(new Delivery(random.Next(2) == 0 ? "{\"v\":7}" : "not json", malformed: true));
                    break;
                case < 100:
                    var step = TimeSteps[random.Next(TimeSteps.Length)];
                    steps.Add($"{step.TotalMinutes} minutes pass");
                    time.Advance(step);

                    // Rollups run beside postbacks, updates and faults: roll the closed hours while a delivery races it.
                    steps.Add("roll the closed hours");
                    await Task.WhenAll(RollAsync(), pending.Count > 0 ? DeliverAsync(pending[random.Next(pending.Count)]) : Task.CompletedTask);
                    break;
                default:
                    await PostAsync(intents[random.Next(intents.Count)]);
                    break;
            }
        }

        /// <summary>The network sends until it gets a 200 (faults only on its first tries), as networks retry.</summary>
        private async Task PostAsync(Intent intent)
        {
            // Now and then a correction of the amount, and a status in the spellings networks use (or none, or one
            // Trax does not know): each postback is a new word on the conversion, the newest received wins.
            var (payout, currency) = random.Next(5) == 0 ? Intent.Monies[random.Next(Intent.Monies.Length)] : intent.Money;
            var status = StatusValues[random.Next(StatusValues.Length)];
            var lower = random.Next(2) == 0;
            var query = new StringBuilder("clickid=").Append(Uri.EscapeDataString(intent.ClickId));
            if (status is not null)
            {
                query.Append("&status=").Append(status);
            }

            if (intent.TxId is not null)
            {
                query.Append("&txid=").Append(Uri.EscapeDataString(intent.TxId));
            }

            if (payout is { } amount)
            {
                query.Append("&payout=").Append(Payout.Format(amount));
            }
            else if (random.Next(2) == 0)
            {
                query.Append("&payout=");
            }

            if (currency is not null)
            {
                query.Append("&currency=").Append(lower ? currency.ToLowerInvariant() : currency);
            }

            var form = random.Next(3) == 0;
            steps.Add($"post {intent.ClickId} {intent.Key[..Math.Min(intent.Key.Length, 12)]} {status ?? "-"} {payout}{(form ? " (form)" : "")}");
            await SendAsync(new Request(new Sent(intent, status, payout, currency), "/wp-json/trax/v1/" + intent.Type.ToName(), query.ToString(), form));
        }

        private async Task SendAsync(Request request)
        {
            var (intent, path, query) = (request.Sent.Intent, request.Path, request.Query);
            for (var attempt = 1; ; attempt++)
            {
                var answer = await WithFaultsAsync(attempt, () => trax.SendAsync(request.Form ? HttpRequests.PostForm(path, query) : HttpRequests.Get(path + "?" + query)));
                await CollectQueuedAsync();
                if (answer.StatusCode == 200)
                {
                    accepted[answer.Field("id")!] = request.Sent;
                    sentRequests.Add(request);
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
                var body = clickId == lateClick
                    ? JsonSerializer.Serialize(new { clickId, clickedAt = Noon.AddDays(-3), attributionWindowDays = 1, cost = "0.10", currency = "EUR" })
                    : JsonSerializer.Serialize(new { clickId, cost = "0.10", currency = "EUR" });
                var answer = await WithFaultsAsync(attempt, () => trax.PostJsonAsync("/api/clicks", body));
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
                    await (message.Forward ? trax.DeliverAsync(message.Text) : trax.ProcessAsync(message.Text));
                    return 0;
                });
                await CollectQueuedAsync();
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
                        poisonedAll.Add(message);
                    }
                }
            }
        }

        /// <summary>Faults stop; what is still queued is delivered until every message is processed or poisoned.</summary>
        /// <summary>One roll of every closed hour since the sequence began; a fault fails it (readers then see those hours stale).</summary>
        private async Task RollAsync()
        {
            try
            {
                await trax.Get<Trax.Rollups.RollupRoller>().RollDaysAsync(PostbackLogKeys.LogDay(Noon), PostbackLogKeys.LogDay(time.GetUtcNow()), CancellationToken.None);
                await trax.Get<Trax.Traffic.TrafficRoller>().RollDaysAsync(PostbackLogKeys.LogDay(Noon.AddDays(-3)), PostbackLogKeys.LogDay(time.GetUtcNow()), CancellationToken.None);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or TimeoutException or OperationCanceledException)
            {
                steps.Add("roll failed");
            }
        }

        private async Task FinishAsync()
        {
            trax.Faults.Calm();
            steps.Add("faults stop; deliver the rest");
            while (true)
            {
                // Processing queues forward jobs, and a failed delivery may have queued its next attempt.
                await CollectQueuedAsync();
                if (pending.Count == 0)
                {
                    break;
                }

                await AttemptAsync(pending[0]);
            }

            // An operator replays what was poisoned: only the malformed messages may be there, and they stay poisoned.
            foreach (var poisoned in poisonedAll.ToList())
            {
                await AttemptAsync(poisoned);
            }
        }

        private async Task CheckAsync()
        {
            var poisoned = poisonedAll.Distinct().ToList();
            var good = delivered.Where(d => !d.Malformed && !d.Forward).ToList();
            Expect(poisoned.All(d => d.Malformed), $"{poisoned.Count(d => !d.Malformed)} good messages were poisoned");
            Expect(accepted.Keys.All(id => good.Any(d => FullId(d) == id)), "a postback answered 200 was never queued");

            // Every queued message is a postback the network sent (an SDK retry of a send whose answer was lost queues
            // the same message twice): the model's conversions are their distinct keys, each in the state its
            // postbacks set, newest received first, whatever order they were processed in.
            var messages = good.Select(d => PostbackMessageJson.Deserialize(d.Text)).DistinctBy(m => m.Id).ToList();
            var intentsById = messages.ToDictionary(m => m.Id, m => accepted.TryGetValue(m.Id, out var sent) ? sent.Intent : Find(m));
            foreach (var message in messages.Where(m => accepted.ContainsKey(m.Id)))
            {
                var sent = accepted[message.Id];
                // A status dropped for its characters, and a currency without a payout, are not queued (warned of instead).
                var status = sent.Status is { } said && OptionalField.Problem(Uri.UnescapeDataString(said)) is null ? said : null;
                var currency = sent.Payout is null ? null : sent.Currency?.ToUpperInvariant();
                Expect(message.Status == status && message.Payout == sent.Payout && message.Currency == currency,
                    $"{message.Id}: queued {message.Status} {message.Payout} {message.Currency}, sent {sent.Status} {sent.Payout} {sent.Currency}");
            }

            var model = messages.GroupBy(m => (m.ClickId, intentsById[m.Id].Key)).ToDictionary(g => g.Key, g => (Postbacks: g.ToList(), State: ModelState.Of(g)));
            var conversions = await trax.ConversionsAsync();
            Expect(conversions.Count == model.Count && conversions.All(c => model.ContainsKey((c.ClickId, c.Key))),
                $"conversions: stored {conversions.Count} ({string.Join(", ", conversions.Select(c => c.Key[..Math.Min(12, c.Key.Length)]))}), model {model.Count}");
            var history = await trax.HistoryAsync();

            foreach (var conversion in conversions)
            {
                if (!model.TryGetValue((conversion.ClickId, conversion.Key), out var expected))
                {
                    continue;
                }

                var state = conversion.State;
                Expect(conversion.AttributionName == AttributionOf(conversion.ClickId),
                    $"{conversion.ClickId}/{conversion.Key}: {conversion.AttributionName}, model {AttributionOf(conversion.ClickId)} (click registered {registered.Contains(conversion.ClickId)})");
                Expect(new ModelState(state.Status, state.Payout, state.Currency) == expected.State,
                    $"{conversion.Key}: state {state.Status} {state.Payout} {state.Currency}, model {expected.State}");
                var creator = expected.Postbacks.SingleOrDefault(m => m.Id == conversion.PostbackId);
                Expect(creator is not null && conversion.Postback.Payout == creator.Payout && conversion.Postback.Currency == creator.Currency,
                    $"{conversion.Key}: stored by {conversion.PostbackId} with {conversion.Postback.Payout} {conversion.Postback.Currency}, not one of its postbacks' values");
                Expect(history.Any(h => h.ConversionKey == conversion.Key && h.PostbackId == conversion.PostbackId && h.Outcome == PostbackOutcomes.Created),
                    $"{conversion.Key}: no created history row for {conversion.PostbackId}");
            }

            // The log: every postback once. The one that stored a conversion says created (orphan); any other is an
            // update or a late one (superseded) with its history row, or a duplicate, which has one when it says a
            // status or payout (a later resend is told by it) and names one of the conversion's postbacks.
            var log = await trax.LogAsync();
            foreach (var message in messages)
            {
                var rows = log.Where(r => r.PostbackId == message.Id).ToList();
                var key = intentsById[message.Id].Key;
                var conversion = conversions.SingleOrDefault(c => c.ClickId == message.ClickId && c.Key == key);
                var own = history.Where(h => h.ConversionKey == key && h.PostbackId == message.Id && conversion?.ClickId == message.ClickId).ToList();
                var outcome = rows.Count == 1 ? rows[0].Outcome : null;
                var fits = conversion is not null && outcome switch
                {
                    PostbackOutcomes.Created or PostbackOutcomes.Orphan or PostbackOutcomes.OutsideWindow =>
                        conversion.PostbackId == message.Id && outcome == ProcessedPostback.OutcomeOf(conversion),
                    PostbackOutcomes.Duplicate => conversion.PostbackId != message.Id
                        && (own.Count == 0
                            ? !ModelState.Says(message) || ModelState.HasEarlierTwin(message, model[(message.ClickId, key)].Postbacks)
                            : ModelState.Says(message) && own.Count == 1 && own[0].Outcome == outcome)
                        && model[(message.ClickId, key)].Postbacks.Any(m => m.Id == rows[0].DuplicateOf && m.Id != message.Id),
                    PostbackOutcomes.Updated or PostbackOutcomes.Superseded => conversion.PostbackId != message.Id && own.Count == 1 && own[0].Outcome == outcome,
                    _ => false,
                };
                Expect(fits, $"log of {message.Id} ({key}): {string.Join(",", rows.Select(r => r.Outcome + "/" + r.DuplicateOf))}, " +
                    $"history {string.Join(",", own.Select(h => h.Outcome))}, stored by {conversion?.PostbackId}");
            }

            Expect(log.Where(r => r.Outcome != PostbackOutcomes.Rejected).All(r => messages.Any(m => m.Id == r.PostbackId)),
                "a log row for a postback that was never queued");
            Expect(history.All(h => messages.Any(m => m.Id == h.PostbackId)), "a history row for a postback that was never queued");

            // The day index and the report: every stored conversion counted once, in its current state and its
            // attribution (unattributed until its click is registered, then attributed in place, or outside-window).
            var attributed = conversions.Where(c => AttributionOf(c.ClickId) == Attributions.Attributed).ToList();
            var index = await trax.DayIndexAsync();
            Expect(index.Count == conversions.Count && conversions.All(c => index.Count(i => i.ConversionKey == c.Key && i.ClickId == c.ClickId && i.PostbackId == c.PostbackId) == 1),
                $"day index: {index.Count} rows for {conversions.Count} stored conversions");
            foreach (var row in index)
            {
                var expected = model.GetValueOrDefault((row.ClickId, row.ConversionKey)).State;
                Expect(expected is not null && row.Status == expected.Status.ToName() && row.Payout == expected.Payout && row.Currency == expected.Currency
                    && row.Attribution == AttributionOf(row.ClickId),
                    $"day index of {row.ConversionKey}: {row.Status} {row.Payout} {row.Currency} {row.Attribution} by {row.StatusBy}/{row.MoneyBy}, " +
                    $"model {expected} {AttributionOf(row.ClickId)}, " +
                    "stored " + string.Join(",", conversions.Where(c => c.Key == row.ConversionKey && c.ClickId == row.ClickId).Select(c => $"{c.State} {c.AttributionName}")));
            }

            var report = await trax.GetAsync($"/api/reports/conversions?from={Noon:yyyy-MM-dd}&to={time.GetUtcNow():yyyy-MM-dd}");
            var totals = report.Body!.Value.GetProperty("totals").EnumerateArray()
                .Select(t => string.Join('|', [
                    t.GetProperty("currency").GetString() ?? "", Money(t, "conversions", "payout"), Money(t, "rejected", "rejectedPayout"),
                    .. new[] { "approved", "pending", "rejected" }.Select(s => Money(t.GetProperty("byStatus").GetProperty(s), "conversions", "payout")),
                    .. Attributions.All.Select(a => Money(t.GetProperty("byAttribution").GetProperty(a), "conversions", "payout") + "~" +
                        Money(t.GetProperty("byAttribution").GetProperty(a), "rejected", "rejectedPayout")),
                ]))
                .Order(StringComparer.Ordinal).ToList();
            var modelTotals = conversions.Select(c => (State: model[(c.ClickId, c.Key)].State, Attribution: AttributionOf(c.ClickId)))
                .GroupBy(m => m.State.Currency)
                .Select(g => string.Join('|', [
                    g.Key ?? "", Money(g.Select(m => m.State).Where(m => m.Status != ConversionStatus.Rejected)),
                    Money(g.Select(m => m.State).Where(m => m.Status == ConversionStatus.Rejected)),
                    .. new[] { ConversionStatus.Approved, ConversionStatus.Pending, ConversionStatus.Rejected }.Select(s => Money(g.Select(m => m.State).Where(m => m.Status == s))),
                    .. Attributions.All.Select(a => Money(g.Where(m => m.Attribution == a).Select(m => m.State).Where(m => m.Status != ConversionStatus.Rejected)) + "~" +
                        Money(g.Where(m => m.Attribution == a).Select(m => m.State).Where(m => m.Status == ConversionStatus.Rejected))),
                ]))
                .Order(StringComparer.Ordinal).ToList();
            Expect(report.StatusCode == 200 && totals.SequenceEqual(modelTotals),
                $"report totals [{string.Join(", ", totals)}], model [{string.Join(", ", modelTotals)}]");
            // Clicks and their costs: each registered click counted once, whatever faults its registrations met.
            var traffic = await trax.GetAsync($"/api/reports/traffic?from={Noon.AddDays(-3):yyyy-MM-dd}&to={time.GetUtcNow():yyyy-MM-dd}");
            var clicksCounted = traffic.StatusCode == 200 ? traffic.Body!.Value.GetProperty("totals").GetProperty("clicks").GetInt64() : -1;
            var clickCost = traffic.StatusCode == 200 ? traffic.Body!.Value.GetProperty("totals").GetProperty("cost").GetDecimal() : -1;
            Expect(clicksCounted == registered.Count && clickCost == 0.10m * registered.Count,
                $"traffic report: {clicksCounted} clicks costing {clickCost}, model {registered.Count} clicks costing {0.10m * registered.Count}");
            Expect(trax.Limits.Refused == 0, $"{trax.Limits.Refused} requests Azure would refuse");

            // Forwarding: each conversion a forward takes had its final status reach it at least once (older states
            // may be skipped once a newer one is queued); one job id always carried one state; the forward without an
            // attribution filter heard of attributed conversions only, and the one that takes all heard of each status
            // decision under one job id (attributing a conversion it heard of unattributed sent nothing again).
            var received = receiver.Received.Where(r => r.Query.ContainsKey("k")).ToList();
            foreach (var (path, takes) in new[] { ("/f?", attributed), ("/e?", conversions) })
            {
                var heard = received.Where(r => r.PathAndQuery.StartsWith(path, StringComparison.Ordinal)).ToList();
                foreach (var conversion in takes)
                {
                    var id = ConversionKeys.ConversionId(conversion.ClickId, conversion.Key);
                    var expected = model.GetValueOrDefault((conversion.ClickId, conversion.Key)).State;
                    Expect(expected is not null && heard.Any(r => r.Query["k"] == id && r.Query["s"] == expected.Status.ToName()),
                        $"forward {path} of {conversion.Key} ({conversion.AttributionName}): received [{string.Join(",", heard.Where(r => r.Query["k"] == id).Select(r => r.Query["s"]))}], final status {expected?.Status}");
                }

                Expect(heard.All(r => takes.Any(c => ConversionKeys.ConversionId(c.ClickId, c.Key) == r.Query["k"])),
                    $"forward {path}: a conversion it does not take was forwarded");
            }

            foreach (var job in received.GroupBy(r => r.IdempotencyKey))
            {
                var states = job.Select(r => $"{r.Query["s"]}|{r.Query["p"]}|{r.Query["cur"]}|{r.Query["by"]}").Distinct().ToList();
                Expect(states.Count == 1, $"job {job.Key} sent {states.Count} different states: {string.Join(" / ", states)}");
            }

            // A status decision is a postback that created a conversion or changed its status, and the word it made the
            // status (usually its own; a late postback can make an earlier word the newest again). A forward that took
            // every conversion heard each word under at most one job id per time it became the status: a repeat that
            // became the state's provenance, a redelivery, or a click registered later sends nothing new.
            var decisions = history.Where(h => h.Outcome == PostbackOutcomes.Created || (h.Outcome == PostbackOutcomes.Updated && h.From!.Status != h.To.Status))
                .GroupBy(h => h.To.StatusBy is { Length: > 0 } by ? by : h.PostbackId) // {postbackid}: no status said names the creator
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            foreach (var decision in received.Where(r => r.PathAndQuery.StartsWith("/e?", StringComparison.Ordinal)).GroupBy(r => (r.Query["k"], r.Query["by"])))
            {
                var times = decisions.GetValueOrDefault(decision.Key.Item2 ?? "");
                var jobs = decision.Select(r => r.IdempotencyKey).Distinct().Count();
                Expect(times > 0 && jobs <= times,
                    $"forward /e? heard {decision.Key.Item2} of {decision.Key.Item1} under {jobs} job ids; it became the status {times} times");
            }
        }

        /// <summary>What the model expects of a click's conversions: never registered, registered as made too long ago, or registered.</summary>
        private string AttributionOf(string clickId) =>
            !registered.Contains(clickId) ? Attributions.Unattributed : clickId == lateClick ? Attributions.OutsideWindow : Attributions.Attributed;

        private static string Money(JsonElement total, string count, string payout) =>
            $"{total.GetProperty(count).GetInt64()}/{(total.GetProperty(payout).ValueKind == JsonValueKind.Null ? "" : total.GetProperty(payout).GetDecimal().ToString(CultureInfo.InvariantCulture))}";

        private static string Money(IEnumerable<ModelState> states)
        {
            var list = states.ToList();
            var paid = list.Where(m => m.Payout is not null).Select(m => m.Payout!.Value).ToList();
            return $"{list.Count}/{(paid.Count == 0 ? "" : paid.Sum().ToString(CultureInfo.InvariantCulture))}";
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

        /// <summary>Takes what intake and the outbox queued into the test's host (the queues the triggers would read).</summary>
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

            foreach (var message in await trax.ReceiveForwardJobsAsync())
            {
                lock (pending)
                {
                    pending.Add(new Delivery(TraxApp.DecodeLikeTheTrigger(message), malformed: false, forward: true));
                }

                await trax.RawForwardQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        private string? ClickOf(Delivery message) =>
            message.Malformed ? null
            : message.Forward ? ForwardJobJson.Deserialize(message.Text).ClickId
            : PostbackMessageJson.Deserialize(message.Text).ClickId;

        private static string Id(Delivery message) => FullId(message) is { } id ? (message.Forward ? "job " : "") + id[^6..] : "malformed";

        private static string? FullId(Delivery message) =>
            message.Malformed ? null
            : message.Forward ? ForwardJobJson.Deserialize(message.Text).Id
            : PostbackMessageJson.Deserialize(message.Text).Id;

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
