using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Trax.Clicks;
using Trax.Testing;

namespace Trax.Benchmarks.Storage;

/// <summary>
/// The redirect: <c>GET /go/{link}</c> (through the function host and its middleware, a browser's request, the link
/// from the cache) against a raw insert of the same click entity into the Clicks table, on the same Azurite, one
/// visit at a time (concurrency 1: a visitor waits for the latency, and a round trip in series would show as a ratio
/// near 2) and at 32 in flight. Since clicks are counted, /go sends the click insert and the Traffic table's
/// transaction together, so its latency should stay one round trip's.
/// </summary>
internal static class RedirectRatio
{
    /// <param name="counting">False: the click's count is not written (a Traffic table that answers at once), to show what the redirect cost before clicks were counted.</param>
    /// <param name="latency">A network round trip added to every storage request of both sides (<see cref="NetworkLatency"/>); zero: none.</param>
    public static async Task<RatioResult> RunAsync(string connectionString, int rounds, int perRound, int concurrency, bool counting = true, TimeSpan latency = default)
    {
        var network = latency > TimeSpan.Zero ? new NetworkLatency(latency) : null;

        // A shared machine's Azurite can stall past the redirect's 2 s budget; a lost click would end the bench, not measure it.
        await using var app = await TraxApp.StartAsync(connectionString, measuring: true,
            settings: new Dictionary<string, string?> { ["Trax:RedirectStorageTimeoutMilliseconds"] = "30000" }, configureServices: services =>
            {
                if (!counting)
                {
                    services.Replace(ServiceDescriptor.Singleton(new ClickDayStore(NoTable())));
                }

                if (network is not null)
                {
                    services.AddSingleton<HttpPipelinePolicy>(network);
                }
            });
        await app.CreateLinkAsync("""{"id": "bench", "destination": "https://network.example/track?sub1={clickid}", "network": "AffiliateWeb", "program": "SuperGame1", "campaign": "november"}""");

        var rawCounter = new StorageRequestCounter();
        var rawOptions = new TableClientOptions();
        rawOptions.AddPolicy(rawCounter, HttpPipelinePosition.PerRetry);
        if (network is not null)
        {
            rawOptions.AddPolicy(network, HttpPipelinePosition.PerRetry);
        }
        var raw = new TableServiceClient(connectionString, rawOptions).GetTableClient(app.Options.ClicksTable);

        var requests = new HttpRequest[rounds + 1][];
        var entities = new ClickEntity[rounds + 1][];
        for (var round = 0; round <= rounds; round++)
        {
            requests[round] = new HttpRequest[perRound];
            entities[round] = new ClickEntity[perRound];
            for (var i = 0; i < perRound; i++)
            {
                requests[round][i] = Visit($"/go/bench?source=news&sub1=s{i}&cost=0.25&currency=EUR");
                entities[round][i] = ClickEntity.From(new Click
                {
                    ClickId = $"raw{round}x{i}x{app.RunId}", ClickedAt = DateTimeOffset.UtcNow,
                    Attributes = new()
                    {
                        LinkId = "bench", Network = "AffiliateWeb", Program = "SuperGame1", Campaign = "november",
                        Source = "news", Sub1 = $"s{i}",
                    },
                    Via = "go", Cost = 0.25m, CostCurrency = "EUR",
                    UserAgent = Browser, IpPrefix = "203.0.113.0/24",
                });
            }
        }

        var failures = 0;
        async ValueTask RedirectAsync(HttpRequest request, CancellationToken ct)
        {
            var answer = await app.Host.SendAsync(request, ct);
            if (answer.StatusCode != StatusCodes.Status302Found)
            {
                Interlocked.Increment(ref failures);
            }
        }

        async Task TraxAsync(int round) => await Interleaved.ForEachAsync(requests[round], concurrency, RedirectAsync);
        async Task RawAsync(int round) => await Interleaved.ForEachAsync(entities[round], concurrency, async (e, ct) => await raw.AddEntityAsync(e, ct));

        await TraxAsync(rounds);
        await RawAsync(rounds);
        app.Requests.Reset();
        rawCounter.Reset();

        var result = await Interleaved.RunAsync($"redirect{(counting ? "" : " without counting")} (/go, {concurrency} in flight)", rounds, perRound, concurrency, TraxAsync, RawAsync);
        if (failures > 0 || app.Counted("trax.clicks.lost") > 0)
        {
            throw new InvalidOperationException($"{failures} visits were not answered 302, {app.Counted("trax.clicks.lost")} clicks lost: the ratio would be meaningless.");
        }

        return result with
        {
            TraxRequestsPerItem = (double)app.Requests.Total / result.Items,
            RawRequestsPerItem = (double)rawCounter.Total / result.Items,
        };
    }

    private static TableClient NoTable() => new NoTrafficTable();

    /// <summary>A Traffic table whose transactions succeed at once without a request (the bench's "before" side).</summary>
    private sealed class NoTrafficTable : TableClient
    {
        public override string Name => "NoTraffic";

        public override Task<Azure.Response<Azure.Data.Tables.Models.TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<Azure.Response<Azure.Data.Tables.Models.TableItem>>(null!);

        public override Task<Azure.Response<IReadOnlyList<Azure.Response>>> SubmitTransactionAsync(
            IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default) =>
            Task.FromResult(Azure.Response.FromValue<IReadOnlyList<Azure.Response>>([], null!));
    }

    private const string Browser = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private static HttpRequest Visit(string pathAndQuery)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = "GET";
        request.Scheme = "https";
        request.Host = new HostString("trax.example");
        var q = pathAndQuery.IndexOf('?');
        request.Path = pathAndQuery[..q];
        request.QueryString = new QueryString(pathAndQuery[q..]);
        request.Headers.UserAgent = Browser;
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("203.0.113.7");
        context.Response.Body = new MemoryStream();
        return request;
    }
}
