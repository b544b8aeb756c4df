using Azure.Storage.Queues;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Trax.Benchmarks.Micro;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Postbacks;
using Trax.Storage;

namespace Trax.Benchmarks.Storage;

/// <summary>
/// Every storage request one postback causes, case by case, as counted on the app's own clients: intake, a new
/// attributed conversion, the same conversion again (duplicate), and a conversion for an unknown click (orphan).
/// </summary>
internal static class RoundTripTrace
{
    public static async Task<IReadOnlyList<RoundTrips>> RunAsync(string connectionString)
    {
        await using var app = await TraxApp.StartAsync(connectionString);
        var ingest = app.Function<PostbackFtd>();
        var processor = app.Function<ProcessPostback>();
        var sample = PostbackSample.Get(PostbackSample.Seed);
        var tables = (TraxTables)app.Services.GetService(typeof(TraxTables))!;
        var queue = new QueueClient(connectionString, app.Options.QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

        var known = $"t1{app.RunId}";
        await tables.Clicks.AddEntityAsync(ClickEntity.Create(known, DateTimeOffset.UtcNow.AddHours(-1)));

        var traces = new List<RoundTrips>();
        async Task<string> IngestAsync(string? label, string clickId)
        {
            app.Counter.Reset();
            var request = sample.NewRequest(sample.QueryFor(clickId));
            var result = await ingest.RunAsync(request, default);
            await result.ExecuteResultAsync(new ActionContext(request.HttpContext, new RouteData(), new ActionDescriptor()));
            if (label is not null)
            {
                traces.Add(new RoundTrips(label, app.Requests(), Budget: 1));
            }

            var received = (await queue.ReceiveMessageAsync()).Value;
            await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
            return received.Body.ToString();
        }

        async Task ProcessAsync(string label, string message, int? budget)
        {
            app.Counter.Reset();
            await processor.RunAsync(message, default);
            traces.Add(new RoundTrips(label, app.Requests(), budget));
        }

        var message = await IngestAsync("intake: accepted postback (HTTP → queue)", known);
        await ProcessAsync("process: new attributed conversion", message, budget: 3);
        await ProcessAsync("process: duplicate (same conversion again)", message, budget: 2);
        var orphan = await IngestAsync(label: null, $"t2{app.RunId}");
        await ProcessAsync("process: new orphan conversion (no click)", orphan, budget: null);
        return traces;
    }
}

/// <summary>The requests one case made, with their count and the budget the issue sets (null: none set).</summary>
internal sealed record RoundTrips(string Case, IReadOnlyList<(StorageRequest Request, int Count)> Requests, int? Budget)
{
    public int Total => Requests.Sum(r => r.Count);

    public bool WithinBudget => Budget is not { } budget || Total <= budget;
}
