using Microsoft.AspNetCore.Http;

namespace Trax.Tests.Integration;

/// <summary>
/// 10,000 generated requests (fixed seed) through host-style routing, the real functions and a real queue:
/// nothing escapes as a 500, every refusal carries a documented reason, and every accepted postback processes.
/// Requests are what Kestrel would pass to the app: raw bytes arrive percent-encoded.
/// </summary>
[Category("Integration")]
[Category("Reliability")]
public sealed partial class FuzzTests
{
    private const int Seed = 20261125;
    private const int Count = 10_000;

    private static readonly string[] Types = ["ftd", "reg", "sale", "FTD", "Sale", "ftd/"];
    private static readonly string[] UnknownTypes = ["deposit", "", "ftd/x", "reg.json"];
    private static readonly string[] WrongMethods = ["DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"];
    private static readonly string[] Names = ["clickid", "CLICKID", "ClickId", "network", "program", "txid", "payout", "currency", "status", "token", "x", ""];

    [Test]
    public async Task Fuzz_10000GeneratedRequests_NoServerErrorAndEveryAcceptedOneProcesses()
    {
        var random = new Random(Seed);
        await using var trax = await TraxApp.StartAsync();
        var reasons = Trax.Postbacks.PostbackRejections.All.Select(r => r.Reason).ToHashSet();
        var byStatus = new SortedDictionary<int, int>();
        var failures = new List<string>();

        for (var i = 0; i < Count; i++)
        {
            var request = Generate(random);
            int status;
            if (FunctionsMetadata.Shared.Route(request.Method, request.Path) is null)
            {
                status = 404; // the host answers before Trax runs
            }
            else
            {
                Answer answer;
                try
                {
                    answer = await trax.SendAsync(request);
                }
                catch (Exception ex)
                {
                    failures.Add($"500 ({ex.GetType().Name}: {ex.Message}) for {Describe(request)}");
                    continue;
                }

                status = answer.StatusCode;
                var valid = status switch
                {
                    200 => answer.Field("status") == "accepted" && answer.Field("id") is not null,
                    400 or 403 or 413 or 414 => answer.Field("status") == "rejected" && reasons.Contains(answer.Field("reason") ?? ""),
                    _ => false,
                };
                if (!valid)
                {
                    failures.Add($"{status} {answer.Body} for {Describe(request)}");
                }
            }

            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
        }

        var processed = 0;
        try
        {
            processed = await trax.DrainAsync();
        }
        catch (Exception ex)
        {
            failures.Add($"processing failed (would be poisoned): {ex.Message}");
        }

        ReliabilityTests.Report($"fuzz (seed {Seed}): {Count} requests → " +
            string.Join(", ", byStatus.Select(p => $"{p.Value} × {p.Key}")) +
            $"; {processed} accepted messages processed, 0 poisoned; {failures.Count} failures");
        Assert.That(failures, Is.Empty);
        Assert.That(processed, Is.EqualTo(byStatus.GetValueOrDefault(200)));
        Assert.That(byStatus.Keys, Is.SubsetOf(new[] { 200, 400, 403, 404, 413, 414 }));
        Assert.That(byStatus.GetValueOrDefault(200), Is.GreaterThan(Count / 10), "the generator also makes valid postbacks");
        Assert.That(byStatus.GetValueOrDefault(400), Is.GreaterThan(Count / 10));
    }

    private static string Describe(HttpRequest request) =>
        $"{request.Method} {request.Path}{Truncate(request.QueryString.Value)}";

    private static string Truncate(string? value) => value is null ? "" : value.Length > 200 ? value[..200] + "…" : value;

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
