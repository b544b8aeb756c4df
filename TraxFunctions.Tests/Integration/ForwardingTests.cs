using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;
using Trax.Forwards;

namespace Trax.Tests.Integration;

/// <summary>
/// Forwarding on Azurite with a real HTTP receiver on loopback (Kestrel): the outbox the processor writes, the
/// deliverer that sends, retries and records, and the API that configures, lists deliveries and replays.
/// </summary>
[Category("Integration")]
public sealed class ForwardingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private const string Today = "2026-11-25";
    private const string Sale = "/wp-json/trax/v1/sale?clickid=c-77&network=AffiliateWeb&program=SuperGame1&txid=T-9&payout=25.50&currency=EUR";

    private static readonly Click TheClick = new()
    {
        ClickId = "c-77", ClickedAt = Start.AddHours(-1),
        Attributes = new()
        {
            LinkId = "supergame1", Campaign = "winter", Network = "AffiliateWeb",
            Source = "https://site.example/reviews?a=1", Sub1 = "gclid-abc 123", Sub2 = "s2", Sub3 = "s3", Sub4 = "s4", Sub5 = "s&5",
        },
    };

    private FakeTimeProvider clock = null!;
    private TraxApp trax = null!;
    private ForwardReceiver receiver = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        clock = new FakeTimeProvider(Start);
        trax = await TraxApp.StartAsync(time: clock);
        await trax.SeedClickAsync(TheClick);
        receiver = await ForwardReceiver.StartAsync();
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await receiver.DisposeAsync();
        await trax.DisposeAsync();
    }

    [Test]
    public async Task CreatedConversion_IsDeliveredOnceWithEveryMacroFilledAndEncoded()
    {
        var macros = string.Join('&', ForwardMacros.All.Select(m => $"{m}={{{m}}}"));
        await PutForwardAsync("ads", new { url = $"{receiver.BaseUrl}/cb?{macros}&token=s3cret" });

        var postbackId = await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        var request = receiver.Received.Single();
        var query = request.Query;
        var expected = new Dictionary<string, string>
        {
            ["clickid"] = "c-77", ["type"] = "sale", ["status"] = "approved", ["payout"] = "25.50", ["currency"] = "EUR", ["txid"] = "T-9",
            ["network"] = "AffiliateWeb", ["program"] = "SuperGame1", ["campaign"] = "winter", ["linkid"] = "supergame1",
            ["source"] = "https://site.example/reviews?a=1", ["sub1"] = "gclid-abc 123", ["sub2"] = "s2", ["sub3"] = "s3", ["sub4"] = "s4",
            ["sub5"] = "s&5", ["conversionid"] = ConversionKeys.ConversionId("c-77", "sale:T-9"), ["postbackid"] = postbackId,
            ["receivedat"] = "2026-11-25T10:00:01Z",
        };
        Assert.That(ForwardMacros.All, Is.EquivalentTo(expected.Keys), "every macro is checked");
        foreach (var (macro, value) in expected)
        {
            Assert.That(query[macro], Is.EqualTo(value), macro);
        }

        Assert.That(request.Method, Is.EqualTo("GET"));
        Assert.That(request.IdempotencyKey, Has.Length.EqualTo(32));
        Assert.That(request.UserAgent, Is.EqualTo(ForwardSender.UserAgent));
        var delivery = (await DeliveriesAsync("ads")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("delivered"));
        Assert.That(delivery.GetProperty("httpStatus").GetInt32(), Is.EqualTo(200));
        Assert.That(delivery.GetProperty("jobId").GetString(), Is.EqualTo(request.IdempotencyKey));
        Assert.That(delivery.GetProperty("url").GetString(), Does.Contain("token=redacted").And.Not.Contain("s3cret"));
    }

    [Test]
    public async Task WalkThrough_AsDocsForwardingTellsIt_TheReceiverGetsTheClicksSub1AndEachStatus()
    {
        // docs/forwarding.md's walk-through, through the APIs only, with the lines it says the receiver prints.
        await PutForwardAsync("local", new { url = receiver.BaseUrl + "/?cid={sub1}&status={status}&payout={payout}&conversion={conversionid}" });
        var click = await trax.SendAsync(HttpRequests.Json("POST", "/api/clicks", """{"clickId":"85512345","sub1":"gclid-abc"}"""));
        Assert.That(click.StatusCode, Is.AnyOf(200, 201), click.Text);

        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=85512345&txid=T-9&payout=25.50&currency=EUR&status=pending");
        await trax.DeliverForwardsAsync();
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=85512345&txid=T-9&status=approved");
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[]
        {
            "/?cid=gclid-abc&status=pending&payout=25.50&conversion=85512345%2Fsale%3AT-9",
            "/?cid=gclid-abc&status=approved&payout=25.50&conversion=85512345%2Fsale%3AT-9",
        }));
        Assert.That((await DeliveriesAsync("local")).Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "delivered", "delivered" }));
    }

    [Test]
    public async Task StatusChange_IsDeliveredAgainWithTheNewStatus_AndAPayoutCorrectionIsNot()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s={status}&p={payout}" });

        await PostAndProcessAsync(Sale + "&status=pending");
        await trax.DeliverForwardsAsync();
        await PostAndProcessAsync(Sale.Replace("payout=25.50", "payout=20") + "&status=pending");
        await trax.DeliverForwardsAsync();
        await PostAndProcessAsync(Sale.Replace("payout=25.50", "payout=20") + "&status=approved");
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=pending&p=25.50", "/cb?s=approved&p=20" }));
        Assert.That(receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count(), Is.EqualTo(2), "two states, two jobs");
    }

    [Test]
    public async Task StatusThatReturnsToAnEarlierPostbacksWord_IsDeliveredAgain()
    {
        // A chargeback processed late makes a later identical chargeback its resend (received with the first): then
        // the hold between them is the newest word again, and the state returns to what it was after the hold. The
        // partner heard pending, then rejected: it must hear pending again, though the same postback set the state.
        await ChargebackProcessedLateAsync(deliverTheLaterChargeback: () => trax.DeliverForwardsAsync());

        Assert.That((await trax.ConversionsAsync()).Single().State.Status, Is.EqualTo(ConversionStatus.Pending), "the later chargeback is a resend");
        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=pending", "/cb?s=rejected", "/cb?s=pending" }));
    }

    [Test]
    public async Task StatusThatReturnsToAnEarlierPostbacksWord_WhileTheStatusBeforeIsStillRetrying_SupersedesIt()
    {
        // As above, but the destination was down when the chargeback came: its job is still retrying when the late
        // original moves the state back to the hold. The hold has its own job; the rejection must not follow it.
        await ChargebackProcessedLateAsync(deliverTheLaterChargeback: () =>
        {
            receiver.AnswerNext(503);
            return trax.DeliverForwardsAsync(maxPasses: 1);
        });

        Assert.That((await trax.ConversionsAsync()).Single().State.Status, Is.EqualTo(ConversionStatus.Pending), "the later chargeback is a resend");
        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=pending", "/cb?s=rejected", "/cb?s=pending" }),
            "the rejection's retry is not sent after the hold that replaced it");
        Assert.That((await DeliveriesAsync("ads")).Select(d => $"{d.GetProperty("status").GetString()}:{d.GetProperty("outcome").GetString()}"),
            Is.EquivalentTo(new[] { "pending:delivered", "rejected:retrying", "rejected:superseded", "pending:delivered" }));
    }

    /// <summary>
    /// A forward of every status; a chargeback received first but processed last; a pending, then the same chargeback
    /// again (delivered as <paramref name="deliverTheLaterChargeback"/> says), which the late original makes its resend.
    /// </summary>
    private async Task ChargebackProcessedLateAsync(Func<Task> deliverTheLaterChargeback)
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s={status}" });
        const string chargeback = "/wp-json/trax/v1/sale?clickid=c-77&txid=T-9&status=chargeback";
        clock.Advance(TimeSpan.FromSeconds(1));
        await trax.GetAsync(chargeback);
        var late = await trax.ReceiveTextsAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-9&status=pending");
        await trax.DeliverForwardsAsync();
        clock.Advance(TimeSpan.FromMinutes(5));
        await PostAndProcessAsync(chargeback);
        await deliverTheLaterChargeback();

        await trax.ProcessAsync(late.Single());
        await trax.DeliverForwardsAsync();
    }

    [Test]
    public async Task RedeliveredPostback_IsNotForwardedTwice()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?c={clickid}" });
        await trax.GetAsync(Sale);
        var message = (await trax.ReceiveTextsAsync()).Single();

        await trax.ProcessAsync(message);
        await trax.ProcessAsync(message);
        await Task.WhenAll(trax.ProcessAsync(message), trax.ProcessAsync(message));
        var jobs = await trax.DeliverForwardsAsync();

        Assert.That(jobs, Is.EqualTo(4), "each delivery of the postback queues its job again");
        Assert.That(receiver.Received, Has.Count.EqualTo(1), "one job id: sent once");
        Assert.That((await DeliveriesAsync("ads")).Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "delivered" }));
    }

    [Test]
    public async Task ServerError_ThenOk_EndsDeliveredAfterARetryWithTheSameIdempotencyKey()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerNext(500, 503);

        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received, Has.Count.EqualTo(3));
        Assert.That(receiver.Received.Select(r => r.IdempotencyKey).Distinct().Count(), Is.EqualTo(1));
        var deliveries = await DeliveriesAsync("ads");
        Assert.That(deliveries.Select(d => $"{d.GetProperty("attempt").GetInt32()}:{d.GetProperty("outcome").GetString()}:{d.GetProperty("httpStatus").GetInt32()}"),
            Is.EqualTo(new[] { "3:delivered:200", "2:retrying:503", "1:retrying:500" }), "newest first");
    }

    [Test]
    public async Task ClientError_EndsFailedWithoutRetry()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerAlways(400);

        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received, Has.Count.EqualTo(1));
        var delivery = (await DeliveriesAsync("ads")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(delivery.GetProperty("error").GetString(), Does.Contain("400"));
    }

    [Test]
    public async Task Hang_EndsInATimeoutAndARetry()
    {
        await PutForwardAsync("slow", new { url = receiver.BaseUrl + "/cb", timeoutSeconds = 1 });
        receiver.HangNext();

        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        var deliveries = await DeliveriesAsync("slow");
        Assert.That(deliveries.Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "delivered", "retrying" }));
        Assert.That(deliveries[1].GetProperty("error").GetString(), Does.Contain("no answer within 1 s"));
        Assert.That(deliveries[1].GetProperty("durationMs").GetInt64(), Is.GreaterThanOrEqualTo(900).And.LessThan(10_000));
    }

    [Test]
    public async Task DisabledForward_OrFilterThatDoesNotMatch_SendsNothing()
    {
        await PutForwardAsync("off", new { url = receiver.BaseUrl + "/off", enabled = false });
        await PutForwardAsync("ftd-only", new { url = receiver.BaseUrl + "/ftd", types = new[] { "ftd" } });
        await PutForwardAsync("other-net", new { url = receiver.BaseUrl + "/net", networks = new[] { "OtherNetwork" } });
        await PutForwardAsync("rejections", new { url = receiver.BaseUrl + "/rej", statuses = new[] { "rejected" } });
        await PutForwardAsync("winter", new { url = receiver.BaseUrl + "/winter", campaigns = new[] { "WINTER" }, links = new[] { "supergame1" } });

        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/winter" }));
    }

    [Test]
    public async Task PostForward_SendsItsFormOrJsonBody()
    {
        await PutForwardAsync("form", new { url = receiver.BaseUrl + "/form", method = "POST", body = "click={sub1}&amount={payout}" });
        await PutForwardAsync("json", new { url = receiver.BaseUrl + "/json", method = "post", bodyFormat = "json", body = """{"click":"{sub1}","src":"{source}","amount":{payout}}""" });

        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        var form = receiver.Received.Single(r => r.PathAndQuery == "/form");
        Assert.That(form.ContentType, Does.StartWith("application/x-www-form-urlencoded"));
        Assert.That(form.Body, Is.EqualTo("click=gclid-abc%20123&amount=25.50"));
        var json = JsonDocument.Parse(receiver.Received.Single(r => r.PathAndQuery == "/json").Body).RootElement;
        Assert.That(json.GetProperty("click").GetString(), Is.EqualTo("gclid-abc 123"));
        Assert.That(json.GetProperty("src").GetString(), Is.EqualTo("https://site.example/reviews?a=1"));
        Assert.That(json.GetProperty("amount").GetDecimal(), Is.EqualTo(25.50m));
    }

    [Test]
    public async Task UrlWithUserInfo_SendsItsCredentialsAsBasicAuthorization_AndTheLogRedactsThem()
    {
        // https://user:pass@host/ is how many partners hand out a postback URL with credentials; the HTTP client
        // itself ignores the user-info, so without this the partner answers 401 to every delivery.
        var withCredentials = receiver.BaseUrl.Replace("http://", "http://partner:s%40cr%20t@", StringComparison.Ordinal);
        await PutForwardAsync("basic", new { url = withCredentials + "/basic?c={clickid}" });
        await PutForwardAsync("plain", new { url = receiver.BaseUrl + "/plain?c={clickid}" });

        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        var basic = receiver.Received.Single(r => r.PathAndQuery.StartsWith("/basic", StringComparison.Ordinal));
        Assert.That(basic.Authorization, Is.EqualTo("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("partner:s@cr t"))));
        Assert.That(receiver.Received.Single(r => r.PathAndQuery.StartsWith("/plain", StringComparison.Ordinal)).Authorization, Is.Null);
        var delivery = (await DeliveriesAsync("basic")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("delivered"));
        Assert.That(delivery.GetProperty("url").GetString(), Does.StartWith("http://redacted@127.0.0.1:").And.Not.Contain("cr"));
    }

    [Test]
    public async Task OlderState_StillQueuedWhenTheStatusChanged_IsSupersededNotSent()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s={status}" });
        await PostAndProcessAsync(Sale + "&status=pending");
        await PostAndProcessAsync(Sale + "&status=rejected");

        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=rejected" }));
        Assert.That((await DeliveriesAsync("ads")).Select(d => d.GetProperty("outcome").GetString()), Is.EquivalentTo(new[] { "superseded", "delivered" }));
    }

    [Test]
    public async Task OlderState_QueuedBeforeJobsCarriedTheStateVersion_IsSupersededByWhoSetTheStatus()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s={status}" });
        await PostAndProcessAsync(Sale + "&status=pending");
        await PostAndProcessAsync(Sale + "&status=rejected");
        var jobs = (await trax.ReceiveForwardJobsAsync()).Select(TraxApp.DecodeLikeTheTrigger).ToList();

        foreach (var job in jobs)
        {
            var old = System.Text.Json.Nodes.JsonNode.Parse(job)!.AsObject();
            Assert.That(old.Remove("stateVersion"), Is.True, "the job carried its state's version");
            await trax.DeliverAsync(old.ToJsonString());
        }

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=rejected" }));
    }

    [Test]
    public async Task OlderState_WhenTheNewerStatusIsFilteredOut_IsStillSent()
    {
        // The newer status has no job for a forward that leaves it out: the older one is the last it will hear.
        await PutForwardAsync("holds", new { url = receiver.BaseUrl + "/cb?s={status}", statuses = new[] { "pending" } });
        await PostAndProcessAsync(Sale + "&status=pending");
        await PostAndProcessAsync(Sale + "&status=approved");

        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=pending" }));
        Assert.That((await DeliveriesAsync("holds")).Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "delivered" }));
    }

    [Test]
    public async Task OrphanAttributedLater_IsForwardedWhenItsClickIsRegistered()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s1={sub1}&c={clickid}" });
        await PostAndProcessAsync("/wp-json/trax/v1/ftd?clickid=late-1");
        await trax.DeliverForwardsAsync();
        Assert.That(receiver.Received, Is.Empty, "an orphan is not counted, so not forwarded");

        var registered = await trax.PostJsonAsync("/api/clicks", """{"clickId":"late-1","sub1":"upstream-9"}""");
        await trax.DeliverForwardsAsync();

        Assert.That(registered.StatusCode, Is.EqualTo(200), registered.Text);
        Assert.That(receiver.Received.Single().PathAndQuery, Is.EqualTo("/cb?s1=upstream-9&c=late-1"));
    }

    [Test]
    public async Task Replay_SendsTheCurrentStateAgainAsAJobOfItsOwn()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s={status}&c={conversionid}" });
        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync();

        var lookup = await trax.GetAsync("/api/conversions?clickid=c-77");
        var conversionId = lookup.Body!.Value.GetProperty("conversions")[0].GetProperty("conversionId").GetString()!;
        Assert.That(receiver.Received.Single().Query["c"], Is.EqualTo(conversionId), "{conversionid} is that id");
        Assert.That(conversionId, Is.EqualTo(ConversionKeys.ConversionId("c-77", "sale:T-9")), "the lookup shows the id a replay names");
        var replay = await trax.SendAsync(HttpRequests.Create("POST", $"/api/forwards/ads/replay?conversion={Uri.EscapeDataString(conversionId)}"));
        await trax.DeliverForwardsAsync();

        Assert.That(replay.StatusCode, Is.EqualTo(202), replay.Text);
        Assert.That(receiver.Received, Has.Count.EqualTo(2));
        Assert.That(receiver.Received.Last().IdempotencyKey, Is.EqualTo(replay.Field("jobId")).And.Not.EqualTo(receiver.Received.First().IdempotencyKey));
        var unknown = await trax.SendAsync(HttpRequests.Create("POST", "/api/forwards/ads/replay?conversion=c-77%2Fftd"));
        Assert.That((unknown.StatusCode, unknown.Field("reason")), Is.EqualTo((404, "unknown-conversion")));
        var invalid = await trax.SendAsync(HttpRequests.Create("POST", "/api/forwards/ads/replay?conversion=nonsense"));
        Assert.That((invalid.StatusCode, invalid.Field("reason")), Is.EqualTo((400, "invalid-conversion")));
    }

    [Test]
    public async Task Replay_OfAStatusThatChangesBeforeItIsSent_IsSupersededByTheNewStatusesJob()
    {
        // The operator replays the pending conversion; it is approved before the replay comes up. The approval has its
        // own job and is delivered first: the replay must not make pending the last word the destination hears.
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?s={status}" });
        await PostAndProcessAsync(Sale + "&status=pending");
        await trax.DeliverForwardsAsync();
        var replay = await trax.SendAsync(HttpRequests.Create("POST", $"/api/forwards/ads/replay?conversion={Uri.EscapeDataString(ConversionKeys.ConversionId("c-77", "sale:T-9"))}"));
        Assert.That(replay.StatusCode, Is.EqualTo(202), replay.Text);
        var replayJob = (await trax.ReceiveForwardJobsAsync()).Single();

        await PostAndProcessAsync(Sale + "&status=approved");
        await trax.DeliverForwardsAsync();
        await trax.DeliverAsync(TraxApp.DecodeLikeTheTrigger(replayJob));

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?s=pending", "/cb?s=approved" }));
        var replayed = (await DeliveriesAsync("ads")).Single(d => d.GetProperty("replay").GetBoolean());
        Assert.That((replayed.GetProperty("status").GetString(), replayed.GetProperty("outcome").GetString()), Is.EqualTo(("pending", "superseded")));
    }

    [Test]
    public async Task RetriesRunningOutOfTime_DeadLetterTheJobWithItsLastError()
    {
        await PutForwardAsync("down", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerAlways(503);
        await PostAndProcessAsync(Sale);

        // Each attempt fails; past 24 h since the job was queued, the next failure gives up.
        await trax.DeliverForwardsAsync(maxPasses: 1);
        clock.Advance(TimeSpan.FromHours(25));
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received, Has.Count.EqualTo(2));
        var poisoned = (await trax.RawForwardPoisonQueue.ReceiveMessagesAsync(10)).Value.Single();
        var job = ForwardJobJson.Deserialize(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(poisoned.MessageText)));
        Assert.That(job.LastError, Is.EqualTo("answered 503"));
        var last = (await DeliveriesAsync("down", "2026-11-26")).First();
        Assert.That(last.GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(last.GetProperty("error").GetString(), Does.Contain("gave up after 2 attempts"));
    }

    [TestCase(429, "120", 120)]
    [TestCase(503, "Wed, 25 Nov 2026 10:10:01 GMT", 600)]
    [TestCase(429, "86400", 3600)]
    [TestCase(503, "0", 0)]
    [TestCase(429, "soon", 0)]
    [TestCase(500, "120", 0)]
    public async Task RetryAfter_On429Or503_SetsTheNextAttempt_BoundedByTheMaximumDelay(int status, string retryAfter, int expectedSeconds)
    {
        // The harness retries at once (RetryBaseSeconds 0), so any wait here is the destination's Retry-After,
        // capped at MaxRetryDelaySeconds (1 h). Retry-After is read on 429 and 503 only; a 500's is ignored.
        await PutForwardAsync("busy", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerNextWithRetryAfter(status, retryAfter);
        await PostAndProcessAsync(Sale);
        var attemptAt = clock.GetUtcNow();

        await trax.DeliverForwardsAsync(maxPasses: 1);

        var delivery = (await DeliveriesAsync("busy")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("retrying"));
        Assert.That(delivery.GetProperty("nextAttemptAt").GetDateTimeOffset(), Is.EqualTo(attemptAt.AddSeconds(expectedSeconds)));
        var waiting = (await trax.RawForwardQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var visible = await trax.ReceiveForwardJobsAsync();
        Assert.That((waiting, visible.Count), Is.EqualTo((1, expectedSeconds > 0 ? 0 : 1)), "the next attempt is queued, hidden until it is due");
    }

    [Test]
    public async Task RetryAfter_PastTheGiveUpTime_DeadLettersTheJob()
    {
        await PutForwardAsync("busy", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerAlways(503);
        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync(maxPasses: 1);
        clock.Advance(TimeSpan.FromHours(23.5));
        receiver.AnswerNextWithRetryAfter(503, "3600");

        await trax.DeliverForwardsAsync(maxPasses: 1);

        var last = (await DeliveriesAsync("busy", "2026-11-26")).First();
        Assert.That(last.GetProperty("outcome").GetString(), Is.EqualTo("failed"), "an attempt an hour later would be past the 24 h");
        Assert.That(last.GetProperty("error").GetString(), Does.Contain("Retry-After 3600 s").And.Contain("gave up after 2 attempts"));
        Assert.That((await trax.RawForwardPoisonQueue.ReceiveMessagesAsync(10)).Value, Has.Length.EqualTo(1));
    }

    [Test]
    public async Task DeletedForward_JobsStillQueuedAreCancelled()
    {
        await PutForwardAsync("gone", new { url = receiver.BaseUrl + "/cb" });
        await PostAndProcessAsync(Sale);

        await trax.SendAsync(HttpRequests.Create("DELETE", "/api/forwards/gone"));
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received, Is.Empty);
        Assert.That((await DeliveriesAsync("gone")).Single().GetProperty("outcome").GetString(), Is.EqualTo("cancelled"));
    }

    [Test]
    public async Task DeletedAndRecreatedForward_NeverReceivesTheOldVersionsQueuedRetry()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/old" });
        receiver.AnswerNext(503);
        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync(maxPasses: 1); // the first attempt fails: its retry waits in the queue

        await trax.SendAsync(HttpRequests.Create("DELETE", "/api/forwards/ads"));
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/new", statuses = new[] { "rejected" } });
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/old" }), "the new forward is not the one the job was made for");
        var last = (await DeliveriesAsync("ads")).First();
        Assert.That(last.GetProperty("outcome").GetString(), Is.EqualTo("cancelled"));
        Assert.That(last.GetProperty("error").GetString(), Does.Contain("changed since"));
    }

    [Test]
    public async Task DisabledThenReenabledForward_NeverReceivesARetryQueuedBefore()
    {
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb" });
        receiver.AnswerNext(503);
        await PostAndProcessAsync(Sale);
        await trax.DeliverForwardsAsync(maxPasses: 1);

        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb", enabled = false });
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb", enabled = true });
        await trax.DeliverForwardsAsync();
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-10");
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received, Has.Count.EqualTo(2), "the first attempt, then only the conversion decided after the re-enable");
        Assert.That((await DeliveriesAsync("ads")).Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "delivered", "cancelled", "retrying" }));
    }

    [Test]
    public async Task SavingTheSameForwardAgain_KeepsItsVersion_AndItsQueuedJobsAreSent()
    {
        var first = await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb", statuses = new[] { "approved" } });
        await PostAndProcessAsync(Sale);

        var again = await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb", statuses = new[] { "approved" } });
        var changed = await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb", statuses = new[] { "approved" }, timeoutSeconds = 20 });
        var changedBack = await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb", statuses = new[] { "approved" } });

        string Version(Answer answer) => answer.Body!.Value.GetProperty("forward").GetProperty("version").GetString()!;
        Assert.That(Version(again), Is.EqualTo(Version(first)), "a PUT that changes nothing is safe to repeat");
        Assert.That(Version(changed), Is.Not.EqualTo(Version(first)));
        Assert.That(Version(changedBack), Is.Not.EqualTo(Version(first)).And.Not.EqualTo(Version(changed)), "a version is never used twice");
        await trax.DeliverForwardsAsync();
        Assert.That(receiver.Received, Is.Empty, "the job was made for the first version, which has changed since");
    }

    [Test]
    public async Task JobFromBeforeVersions_IsSentWhileItsForwardIsUnchanged_AndCancelledOnceItChanges()
    {
        // A forward row and a job written before versions existed have none: such a job still belongs to the
        // forward until the forward is next changed.
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?t={txid}" });
        await RemoveVersionAsync("ads");
        await PostAndProcessAsync(Sale);
        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-10");
        var legacy = (await trax.ReceiveForwardJobsAsync()).Select(m => (Message: m, Job: ForwardJobJson.Deserialize(TraxApp.DecodeLikeTheTrigger(m)))).ToList();
        Assert.That(legacy.Select(j => j.Job.ForwardVersion), Is.All.Null, "made from a forward row without a version");
        Assert.That(TraxApp.DecodeLikeTheTrigger(legacy[0].Message), Does.Not.Contain("forwardVersion"), "written as an older outbox wrote it");

        await trax.DeliverAsync(TraxApp.DecodeLikeTheTrigger(legacy[0].Message));
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?t={txid}", timeoutSeconds = 5 });
        clock.Advance(TimeSpan.FromSeconds(1)); // the delivery log is newest first
        await trax.DeliverAsync(TraxApp.DecodeLikeTheTrigger(legacy[1].Message));

        Assert.That(receiver.Received.Select(r => r.PathAndQuery), Is.EqualTo(new[] { "/cb?t=" + legacy[0].Job.Values["txid"] }));
        Assert.That((await DeliveriesAsync("ads")).Select(d => d.GetProperty("outcome").GetString()), Is.EqualTo(new[] { "cancelled", "delivered" }));
    }

    [Test]
    public async Task MessageWithA16000CharacterTxid_AcceptedBeforeTheBound_IsStored_AndItsForwardFailsInTheDeliveryLogNotInPoison()
    {
        // Issue 17: a postback an older Trax accepted, still in the queue. Its conversion is stored and counted; its
        // forward job (the txid again, JSON-escaped, then Base64) cannot be a queue message. That must not throw
        // (the message would be retried, then poisoned, although the conversion was stored).
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?t={txid}" });
        clock.Advance(TimeSpan.FromSeconds(1));

        await trax.ProcessAsync(OldMessage("c-77", new string('<', 16_000)));

        Assert.That((await trax.ConversionsAsync()).Single().TxId, Has.Length.EqualTo(16_000), "stored");
        var delivery = (await DeliveriesAsync("ads")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(delivery.GetProperty("error").GetString(), Does.Contain("larger than a queue message"));
        Assert.That(await trax.DeliverForwardsAsync(), Is.Zero, "nothing was queued");
        Assert.That(receiver.Received, Is.Empty);
        var conversionId = delivery.GetProperty("conversionId").GetString()!;
        var replay = await trax.SendAsync(HttpRequests.Create("POST", $"/api/forwards/ads/replay?conversion={Uri.EscapeDataString(conversionId)}"));
        Assert.That((replay.StatusCode, replay.Field("reason")), Is.EqualTo((413, "conversion-too-large")));
    }

    [Test]
    public async Task OrphanWithA16000CharacterTxid_WhenItsClickIsRegistered_Answers200_AndItsForwardFailsInTheDeliveryLog()
    {
        // Registering the click attributes the orphan and queues its forward: that answered 500 on every retry.
        await PutForwardAsync("ads", new { url = receiver.BaseUrl + "/cb?t={txid}" });
        await trax.ProcessAsync(OldMessage("late-9", new string('<', 16_000)));

        var registered = await trax.PostJsonAsync("/api/clicks", """{"clickId":"late-9","sub1":"upstream-9"}""");

        Assert.That(registered.StatusCode, Is.EqualTo(200), registered.Text);
        Assert.That((await trax.ConversionsAsync()).Single().Orphan, Is.False, "attributed");
        Assert.That((await DeliveriesAsync("ads")).Single().GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(receiver.Received, Is.Empty);
    }

    [Test]
    public async Task TemplatesThatCouldRenderPastTheLimit_AreRefusedWhenSaved()
    {
        // Issue 17: a body of 1,365 × {txid} (8,190 characters, within the template limit) rendered 21 MB.
        var body = string.Concat(Enumerable.Repeat("{txid}", 1_365));
        var url = receiver.BaseUrl + "/cb?" + string.Concat(Enumerable.Repeat("t={txid}&", 200));

        var hugeBody = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/big", JsonSerializer.Serialize(new { url = receiver.BaseUrl + "/cb", method = "POST", bodyFormat = "json", body })));
        var hugeUrl = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/big", JsonSerializer.Serialize(new { url })));
        var everyMacroTwice = string.Join(',', ForwardMacros.All.Concat(ForwardMacros.All).Select(m => $"\"{m}\":\"{{{m}}}\""));
        var ordinary = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/big", JsonSerializer.Serialize(new { url = receiver.BaseUrl + "/cb", method = "POST", bodyFormat = "json", body = "{" + everyMacroTwice + "}" })));

        Assert.That((hugeBody.StatusCode, hugeBody.Field("reason")), Is.EqualTo((400, "template-too-large")));
        Assert.That(hugeBody.Field("message"), Does.Contain("body"));
        Assert.That((hugeUrl.StatusCode, hugeUrl.Field("reason")), Is.EqualTo((400, "template-too-large")));
        Assert.That(hugeUrl.Field("message"), Does.Contain("url"));
        Assert.That(ordinary.StatusCode, Is.EqualTo(201), "every macro twice in a JSON body is far from the limit: " + ordinary.Text);
    }

    [Test]
    public async Task ForwardSavedBeforeTheSizeRule_RenderingPastTheLimit_FailsInTheDeliveryLog_AndSendsNothing()
    {
        await PutForwardAsync("big", new { url = receiver.BaseUrl + "/cb", method = "POST", bodyFormat = "json", body = "{txid}" });
        var row = (await trax.Forwards.GetEntityAsync<Azure.Data.Tables.TableEntity>(ForwardKeys.ForwardPartition("big"), ForwardKeys.ForwardRow)).Value;
        row["Body"] = string.Concat(Enumerable.Repeat("{txid}", 1_365)); // as saved before templates were bounded
        await trax.Forwards.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=" + new string('<', PostbackLimits.MaxTxIdLength));
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Count, Is.Zero, "1,365 × 1,024 characters were not rendered and sent");
        var delivery = (await DeliveriesAsync("big")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(delivery.GetProperty("error").GetString(), Does.Contain("body").And.Contain("longer than"));
        Assert.That((await trax.RawForwardPoisonQueue.ReceiveMessagesAsync(10)).Value, Is.Empty);
    }

    [Test]
    public async Task ForwardHoldingAMacroThisVersionDoesNotKnow_FailsInTheDeliveryLog_AndSendsNothing()
    {
        await PutForwardAsync("old", new { url = receiver.BaseUrl + "/cb?t={txid}" });
        var row = (await trax.Forwards.GetEntityAsync<Azure.Data.Tables.TableEntity>(ForwardKeys.ForwardPartition("old"), ForwardKeys.ForwardRow)).Value;
        row["Url"] = receiver.BaseUrl + "/cb?t={txid}&gone={retired_macro}"; // as saved by a version that knew the macro
        await trax.Forwards.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        await PostAndProcessAsync("/wp-json/trax/v1/sale?clickid=c-77&txid=T-1");
        await trax.DeliverForwardsAsync();

        Assert.That(receiver.Received.Count, Is.Zero);
        var delivery = (await DeliveriesAsync("old")).Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("failed"));
        Assert.That(delivery.GetProperty("error").GetString(), Does.Contain("{retired_macro}"));
        Assert.That((await trax.RawForwardPoisonQueue.ReceiveMessagesAsync(10)).Value, Is.Empty, "a template is not a transient fault: no retries into poison");
    }

    [Test]
    public async Task ForwardsApi_SavesListsReadsAndDeletes_AndRefusesBadTemplates()
    {
        var created = await PutForwardAsync("Ads", new { url = "https://ads.example/pb?c={sub1}&s={Status}", statuses = new[] { "Approved" } });
        var replaced = await PutForwardAsync("ads", new { url = "https://ads.example/pb?c={sub1}", timeoutSeconds = 5 });
        var list = await trax.GetAsync("/api/forwards");
        var one = await trax.GetAsync("/api/forwards/ads");
        var unknownMacro = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/x", """{"url":"https://a.example/?c={clikid}"}"""));
        var relative = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/x", """{"url":"/pb?c={clickid}"}"""));
        var typo = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/x", """{"url":"https://a.example/","statusses":["approved"]}"""));
        var badFilter = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/x", """{"url":"https://a.example/","types":["deposit"]}"""));
        var getBody = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/x", """{"url":"https://a.example/","body":"a={clickid}"}"""));
        var deleted = await trax.SendAsync(HttpRequests.Create("DELETE", "/api/forwards/ads"));
        var again = await trax.SendAsync(HttpRequests.Create("DELETE", "/api/forwards/ads"));

        Assert.That(created.StatusCode, Is.EqualTo(201), created.Text);
        Assert.That(replaced.StatusCode, Is.EqualTo(200), replaced.Text);
        Assert.That(list.Body!.Value.GetProperty("forwards").EnumerateArray().Select(f => f.GetProperty("id").GetString()), Is.EqualTo(new[] { "ads" }));
        var forward = one.Body!.Value.GetProperty("forward");
        Assert.That(forward.GetProperty("timeoutSeconds").GetInt32(), Is.EqualTo(5));
        Assert.That(forward.TryGetProperty("statuses", out _), Is.False, "a replace is whole: the filter is gone");
        Assert.That((unknownMacro.StatusCode, unknownMacro.Field("reason")), Is.EqualTo((400, "unknown-macro")));
        Assert.That(unknownMacro.Field("message"), Does.StartWith("{clikid} is not a macro"));
        Assert.That((relative.StatusCode, relative.Field("reason")), Is.EqualTo((400, "invalid-url")));
        Assert.That((typo.StatusCode, typo.Field("reason")), Is.EqualTo((400, "invalid-body")));
        Assert.That((badFilter.StatusCode, badFilter.Field("reason")), Is.EqualTo((400, "invalid-filter")));
        Assert.That((getBody.StatusCode, getBody.Field("reason")), Is.EqualTo((400, "invalid-method")));
        Assert.That(deleted.StatusCode, Is.EqualTo(200));
        Assert.That((again.StatusCode, again.Field("reason")), Is.EqualTo((404, "unknown-forward")));
    }

    [Test]
    public async Task PrivateDestinations_AreRefusedWhenNotAllowed_AtSaveForAddressesAndAtDeliveryForNames()
    {
        await using var strict = await TraxApp.StartAsync(time: clock,
            settings: new Dictionary<string, string?> { ["Trax:Forwarding:AllowPrivateDestinations"] = "false" });
        await strict.SeedClickAsync(TheClick);

        var literal = await strict.SendAsync(HttpRequests.Json("PUT", "/api/forwards/meta", """{"url":"http://169.254.169.254/latest/meta-data"}"""));
        var named = await strict.SendAsync(HttpRequests.Json("PUT", "/api/forwards/local", JsonSerializer.Serialize(new { url = receiver.BaseUrl.Replace("127.0.0.1", "localhost") + "/cb" })));
        await strict.GetAsync(Sale);
        await strict.DrainAsync();
        await strict.DeliverForwardsAsync();

        Assert.That((literal.StatusCode, literal.Field("reason")), Is.EqualTo((400, "private-destination")));
        Assert.That(named.StatusCode, Is.EqualTo(201), "a host name is judged when it is resolved, on every connection");
        Assert.That(receiver.Received, Is.Empty);
        var page = await strict.GetAsync($"/api/forwards/local/deliveries?date={Today}");
        var delivery = page.Body!.Value.GetProperty("items").EnumerateArray().Single();
        Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("failed"), "refused at once, never retried");
    }

    [Test]
    public async Task ProxySettings_AreIgnored_SoTheGuardSeesTheDestinationItself()
    {
        // Through a proxy, the guard would only ever see the proxy's address: a forward to the metadata endpoint
        // would pass. The forward client connects directly, whatever HTTP_PROXY says.
        var saved = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new System.Net.WebProxy(receiver.BaseUrl);
        try
        {
            await using var proxied = await TraxApp.StartAsync(time: clock);
            await proxied.SeedClickAsync(TheClick);
            Assert.That((await proxied.SendAsync(HttpRequests.Json("PUT", "/api/forwards/far", """{"url":"http://forward-target.invalid/cb","timeoutSeconds":2}"""))).StatusCode, Is.EqualTo(201));
            await proxied.GetAsync(Sale);
            await proxied.DrainAsync();
            await proxied.DeliverForwardsAsync(maxPasses: 1);

            Assert.That(receiver.Received, Is.Empty, "the proxy never saw the request");
            var page = await proxied.GetAsync($"/api/forwards/far/deliveries?date={Today}");
            var delivery = page.Body!.Value.GetProperty("items").EnumerateArray().Single();
            Assert.That(delivery.GetProperty("outcome").GetString(), Is.EqualTo("retrying"));
            Assert.That(delivery.GetProperty("error").GetString(), Does.StartWith("connection failed"));
        }
        finally
        {
            HttpClient.DefaultProxy = saved;
        }
    }

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

    private async Task<Answer> PutForwardAsync(string id, object forward)
    {
        var answer = await trax.SendAsync(HttpRequests.Json("PUT", "/api/forwards/" + id, JsonSerializer.Serialize(forward)));
        Assert.That(answer.StatusCode, Is.AnyOf(200, 201), answer.Text);
        return answer;
    }

    /// <summary>A postback message as an older Trax queued it (before txids were bounded), for the processor.</summary>
    private string OldMessage(string clickId, string txId)
    {
        var message = new PostbackMessage
        {
            Version = PostbackMessage.CurrentVersion, Id = PostbackIds.New(clock.GetUtcNow()), Type = ConversionType.Sale, ClickId = clickId,
            TxId = txId, ReceivedAt = clock.GetUtcNow(), Method = "POST", Body = $"clickid={clickId}&txid={txId}",
        };
        return System.Text.Encoding.UTF8.GetString(PostbackMessageJson.Serialize(message));
    }

    /// <summary>Makes the forward's row as a version of Trax before forward versions wrote it.</summary>
    private async Task RemoveVersionAsync(string forwardId)
    {
        var row = (await trax.Forwards.GetEntityAsync<Azure.Data.Tables.TableEntity>(ForwardKeys.ForwardPartition(forwardId), ForwardKeys.ForwardRow)).Value;
        Assert.That(row.Remove("Version"), Is.True, "the row had a version");
        await trax.Forwards.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);
    }

    private async Task<string> PostAndProcessAsync(string url)
    {
        clock.Advance(TimeSpan.FromSeconds(1));
        var answer = await trax.GetAsync(url);
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        foreach (var message in await trax.ReceiveAllAsync())
        {
            await trax.ProcessAsync(TraxApp.DecodeLikeTheTrigger(message));
            await trax.RawQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return answer.Field("id")!;
    }

    private async Task<List<JsonElement>> DeliveriesAsync(string forwardId, string date = Today, string? outcome = null)
    {
        var answer = await trax.GetAsync($"/api/forwards/{forwardId}/deliveries?date={date}" + (outcome is null ? "" : "&outcome=" + outcome));
        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        return [.. answer.Body!.Value.GetProperty("items").EnumerateArray()];
    }
}
