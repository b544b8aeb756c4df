using System.Text.Json;
using Trax.Forwards;

namespace Trax.Tests.Integration;

/// <summary>The delivery log: its retention, the job claims cleaned with it, its pages and outcome filter.</summary>
public sealed partial class ForwardingTests
{
    [Test]
    public async Task DeliveryLog_OlderThanTheRetention_IsDeletedByTheHourlyCleaner()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb" });
        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();
        clock.Advance(TimeSpan.FromDays(31)); // 30 days kept before today: the first day is now past them
        var laterDay = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-10");
        await trax.DeliverForwardsAsync();

        var deleted = await trax.Get<ForwardDeliveryCleaner>().CleanAsync(CancellationToken.None);

        Assert.That(deleted, Is.EqualTo(1));
        Assert.That(await DeliveriesAsync("ads"), Is.Empty, "the old day is gone");
        Assert.That(await DeliveriesAsync("ads", laterDay), Has.Count.EqualTo(1), "today's row is kept");
        Assert.That(await trax.Get<ForwardDeliveryCleaner>().CleanAsync(CancellationToken.None), Is.Zero, "a second run finds nothing");
    }

    [Test]
    public async Task JobClaims_OlderThanTheRetention_AreDeletedWithTheDeliveryLog()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerNext(503);
        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();
        var oldJob = (await DeliveriesAsync("ads")).Select(d => d.GetProperty("jobId").GetString()!).Distinct().Single();
        clock.Advance(TimeSpan.FromDays(31));
        var laterDay = clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-10");
        await trax.DeliverForwardsAsync();
        var newJob = (await DeliveriesAsync("ads", laterDay)).Single().GetProperty("jobId").GetString()!;
        var jobs = trax.Get<ForwardJobStore>();
        Assert.That(await jobs.FindAsync(oldJob, CancellationToken.None), Is.Not.Null, "the claim is there before the cleaner runs");

        await trax.Get<ForwardDeliveryCleaner>().CleanAsync(CancellationToken.None);

        Assert.That(await jobs.FindAsync(oldJob, CancellationToken.None), Is.Null, "past the retention, the job's claim goes with its delivery rows");
        Assert.That(await jobs.FindAsync(newJob, CancellationToken.None), Is.EqualTo(((string, int)?)("delivered", 1)), "today's stays");
        var rows = new List<Azure.Data.Tables.TableEntity>();
        await foreach (var row in trax.ForwardJobs.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            rows.Add(row);
        }

        Assert.That(rows, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task DeliveryLog_PagesAndFiltersByOutcome()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerNext(500, 500);
        for (var i = 0; i < 3; i++)
        {
            await PostAndProcessAsync($"/wp-json/trax/v1/sale?clickid=c-77&txid=P-{i}");
        }

        await trax.DeliverForwardsAsync();

        var all = new List<JsonElement>();
        string? token = null;
        var pages = 0;
        do
        {
            var answer = await trax.GetAsync($"/api/forwards/ads/deliveries?date={Today}&limit=2" + (token is null ? "" : "&continuationToken=" + token));
            Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
            all.AddRange(answer.Body!.Value.GetProperty("items").EnumerateArray());
            token = answer.Body!.Value.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
            pages++;
        }
        while (token is not null);

        Assert.That(all, Has.Count.EqualTo(5), "3 delivered, 2 retried");
        Assert.That(pages, Is.EqualTo(3));
        Assert.That(all.Select(d => d.GetProperty("at").GetDateTimeOffset()), Is.Ordered.Descending);
        var retrying = await DeliveriesAsync("ads", outcome: "retrying");
        Assert.That(retrying, Has.Count.EqualTo(2));
        var bad = await trax.GetAsync($"/api/forwards/ads/deliveries?date={Today}&outcome=lost");
        Assert.That((bad.StatusCode, bad.Field("reason")), Is.EqualTo((400, "invalid-outcome")));
        var forged = await trax.GetAsync($"/api/forwards/ads/deliveries?date={Today}&continuationToken=abc");
        Assert.That((forged.StatusCode, forged.Field("reason")), Is.EqualTo((400, "invalid-continuation-token")));
    }
}
