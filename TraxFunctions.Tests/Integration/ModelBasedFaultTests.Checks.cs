using System.Globalization;
using System.Text.Json;
using Trax.Conversions;
using Trax.Core;
using Trax.Forwards;
using Trax.Input;

namespace Trax.Tests.Integration;

/// <summary>What the sequence checks once faults stop: what Trax stored against the model.</summary>
public sealed partial class ModelBasedFaultTests
{
    private sealed partial class Sequence
    {
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
