using Trax.Benchmarks.Micro;
using Trax.Clicks;
using Trax.Testing;

namespace Trax.Benchmarks.Storage;

/// <summary>
/// Every storage request one postback causes, case by case, as counted on the app's own clients: intake, a new
/// attributed conversion, a redelivery of its message, another postback for the same conversion (duplicate), and a
/// conversion for an unknown click (orphan).
/// </summary>
internal static class RoundTripTrace
{
    public static async Task<IReadOnlyList<RoundTrips>> RunAsync(string connectionString)
    {
        await using var app = await TraxApp.StartAsync(connectionString, measuring: true);
        var sample = PostbackSample.Get(PostbackSample.Seed);

        var known = $"t1{app.RunId}";
        await app.SeedClickAsync(new Click { ClickId = known, ClickedAt = DateTimeOffset.UtcNow.AddHours(-1) });

        var traces = new List<RoundTrips>();
        async Task<string> IngestAsync(string? label, string clickId)
        {
            app.Requests.Reset();
            await app.SendAsync(sample.NewRequest(sample.QueryFor(clickId)));
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
        await ProcessAsync("process: redelivery of the same message", message, budget: 4);
        var duplicate = await IngestAsync(label: null, known);
        await ProcessAsync("process: duplicate (another postback, same conversion)", duplicate, budget: 4);
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
