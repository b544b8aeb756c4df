using Trax.Benchmarks.Micro;
using Trax.Clicks;
using Trax.Forwards;
using Trax.PostbackLog;
using Trax.Rollups;
using Trax.Testing;

namespace Trax.Benchmarks.Storage;

/// <summary>
/// Every storage request one postback causes, case by case, as counted on the app's own clients: intake, a new
/// attributed conversion, a redelivery of its message, another postback for the same conversion (duplicate; one
/// received after the state and one before it), a status update, and a conversion for an unknown click (orphan).
/// </summary>
internal static class RoundTripTrace
{
    public static async Task<IReadOnlyList<RoundTrips>> RunAsync(string connectionString)
    {
        await using var app = await TraxApp.StartAsync(connectionString, measuring: true);
        var sample = PostbackSample.Get(PostbackSample.Seed);

        var known = $"t1{app.RunId}";
        await app.SeedClickAsync(new Click { ClickId = known, ClickedAt = DateTimeOffset.UtcNow.AddHours(-1) });

        // The forwards (none here) are read once per cache period in production, not per postback: read them now.
        await app.Get<Trax.Forwards.ForwardCache>().EnabledAsync(CancellationToken.None);

        // Today's shard-days are opened ahead by the RollHours timer in production (its first write to an unopened
        // one costs 3 more, once): open them as it does, so each case shows what a postback pays day to day.
        await app.Get<DayRollupRoller>().PrepareAsync(PostbackLogKeys.LogDay(app.Get<TimeProvider>().GetUtcNow()), CancellationToken.None);

        var traces = new List<RoundTrips>();
        async Task<string> IngestAsync(string? label, string clickId, string extra = "")
        {
            app.Requests.Reset();
            await app.SendAsync(sample.NewRequest(sample.QueryFor(clickId) + extra));
            if (label is not null)
            {
                traces.Add(new RoundTrips(label, app.RequestsByKind(), Budget: 1));
            }

            return (await app.ReceiveTextsAsync()).Single();
        }

        async Task ProcessAsync(string label, string message, int? budget)
        {
            app.Requests.Reset();
            await app.ProcessAsync(message);
            traces.Add(new RoundTrips(label, app.RequestsByKind(), budget));
        }

        var message = await IngestAsync("intake: accepted postback (HTTP → queue)", known);
        await ProcessAsync("process: new attributed conversion", message, budget: 3);
        await ProcessAsync("process: redelivery of the same message", message, budget: 6);
        var older = await IngestAsync(label: null, known);
        var duplicate = await IngestAsync(label: null, known);
        await ProcessAsync("process: duplicate (another postback, same conversion)", duplicate, budget: 5);
        await ProcessAsync("process: duplicate received before the state's postback", older, budget: 4);
        await app.ProcessAsync(await IngestAsync(label: null, known, "&txid=T-1&status=pending"));
        await ProcessAsync("process: status update (pending → approved)", await IngestAsync(label: null, known, "&txid=T-1&status=approved"), budget: 7);
        var orphan = await IngestAsync(label: null, $"t2{app.RunId}");
        await ProcessAsync("process: new orphan conversion (no click)", orphan, budget: 4);
        return traces;
    }
}

/// <summary>The requests one case made, with their count and the budget the issue sets (null: none set).</summary>
internal sealed record RoundTrips(string Case, IReadOnlyList<(StorageRequest Request, int Count)> Requests, int? Budget)
{
    public int Total => Requests.Sum(r => r.Count);

    public bool WithinBudget => Budget is not { } budget || Total <= budget;
}
