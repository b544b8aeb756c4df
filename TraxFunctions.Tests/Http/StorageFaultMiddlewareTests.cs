using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using Trax.Http;

namespace Trax.Tests.Http;

/// <summary>
/// The one middleware that turns storage faults into answers, exercised through a real function (GET /api/links,
/// whose table read is made to fail): which failures become 503 + Retry-After, and which stay what they are.
/// </summary>
public sealed class StorageFaultMiddlewareTests
{
    private UnitApp app = null!;

    [SetUp]
    public void SetUp() => app = UnitApp.Create();

    [TearDown]
    public void TearDown() => app.Dispose();

    private static IEnumerable<TestCaseData> Faults()
    {
        yield return new TestCaseData(new RequestFailedException(503, "Server busy", "ServerBusy", null)).SetArgDisplayNames("503 after the SDK's retries");
        yield return new TestCaseData(new RequestFailedException("Connection refused")).SetArgDisplayNames("no response");
        yield return new TestCaseData(new RequestFailedException(429, "Too many requests")).SetArgDisplayNames("throttled");
        yield return new TestCaseData(new AggregateException("Retry failed after 3 tries.",
            new RequestFailedException("Connection refused"), new RequestFailedException("Connection refused"))).SetArgDisplayNames("retries exhausted");
        yield return new TestCaseData(new TaskCanceledException("The operation was cancelled because it exceeded the configured timeout.")).SetArgDisplayNames("SDK timeout");
        yield return new TestCaseData(new RequestFailedException(404, "The table specified does not exist.", "TableNotFound", null)).SetArgDisplayNames("table not created yet");
        yield return new TestCaseData(new RequestFailedException(403, "This request is not authorized.", "AuthorizationPermissionMismatch", null)).SetArgDisplayNames("role not granted yet");
        yield return new TestCaseData(new Azure.Identity.CredentialUnavailableException("No managed identity endpoint")).SetArgDisplayNames("no token");
        yield return new TestCaseData(new Trax.Storage.StorageContentionException("Conversion ftd of click c-1 kept changing while it was attributed; retry."))
            .SetArgDisplayNames("a conditional write that kept losing to concurrent writers");
        yield return new TestCaseData(new AggregateException("Retry failed after 2 tries.",
            new IOException("The response ended prematurely."), new RequestFailedException(503, "Server busy", "ServerBusy", null))).SetArgDisplayNames("connection dropped, then busy");
    }

    [TestCaseSource(nameof(Faults))]
    public async Task Function_StorageFault_Answers503WithRetryAfter(Exception fault)
    {
        LinksReadThrows(fault);

        var answer = await app.GetAsync("/api/links");

        Assert.That(answer.StatusCode, Is.EqualTo(503));
        Assert.That(answer.Field("status"), Is.EqualTo("error"));
        Assert.That(answer.Field("reason"), Is.EqualTo("storage-unavailable"));
        Assert.That(answer.Headers.RetryAfter.ToString(), Is.EqualTo("30"));
        Assert.That(answer.Headers.CacheControl.ToString(), Is.EqualTo("no-store"));
    }

    [Test]
    public async Task Function_StorageFault_IsLoggedOnceWithTheFunctionsName()
    {
        using var logged = UnitApp.Create(configureServices: services => services.AddFakeLogging());
        logged.Links.Mock.Setup(t => t.QueryAsync<Trax.Links.LinkEntity>(It.IsAny<string?>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
            .Throws(new RequestFailedException("Connection refused"));

        await logged.GetAsync("/api/links");

        var record = logged.Services.GetRequiredService<FakeLogCollector>().GetSnapshot().Single(r => r.Category == typeof(StorageFaultMiddleware).FullName);
        Assert.That(record.Level, Is.EqualTo(LogLevel.Error));
        Assert.That(record.Id.Id, Is.EqualTo(9000));
        Assert.That(record.StructuredState!.Single(p => p.Key == "Function").Value, Is.EqualTo("ListLinks"));
        Assert.That(record.Exception, Is.TypeOf<RequestFailedException>());
    }

    [Test]
    public async Task Function_RetryAfterSetting_IsTheHeader()
    {
        using var configured = UnitApp.Create(new Dictionary<string, string?> { ["Trax:RetryAfterSeconds"] = "120" });
        configured.Links.Mock.Setup(t => t.QueryAsync<Trax.Links.LinkEntity>(It.IsAny<string?>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
            .Throws(new RequestFailedException("Connection refused"));

        var answer = await configured.GetAsync("/api/links");

        Assert.That(answer.Headers.RetryAfter.ToString(), Is.EqualTo("120"));
    }

    [Test]
    public async Task Function_Bug_IsNotDisguisedAsAnOutage()
    {
        // A 409 or an InvalidOperationException escaping a handler is Trax's mistake: a 500 (the host's), not a retry.
        LinksReadThrows(new RequestFailedException(409, "The specified entity already exists.", "EntityAlreadyExists", null));

        await Assert.ThrowsAsync<RequestFailedException>(() => app.GetAsync("/api/links"));
    }

    [Test]
    public async Task Function_StorageRefusesARequestAsTooLarge_Answers413NotA500()
    {
        // A queue message over 64 KiB, an entity over 1 MiB: what Trax sends is bounded so that it never happens; if
        // it still does, the caller gets a clear refusal (retrying cannot help), not a plain 500.
        LinksReadThrows(new RequestFailedException(413, "The request body is too large and exceeds the maximum permissible limit.", "RequestBodyTooLarge", null));

        var answer = await app.GetAsync("/api/links");

        Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((413, "too-large-to-store")));
        Assert.That(answer.Headers.RetryAfter.ToString(), Is.Empty, "retrying the same request cannot help");
    }

    [Test]
    public async Task Function_CallerWentAway_IsNotAnswered()
    {
        LinksReadThrows(new OperationCanceledException());
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.CatchAsync<OperationCanceledException>(() => app.Host.SendAsync(HttpRequests.Get("/api/links"), cancelled.Token));
    }

    [Test]
    public async Task QueueFunction_StorageFault_IsThrownSoTheHostRetriesTheMessage()
    {
        app.Clicks.Mock.Setup(t => t.GetEntityIfExistsAsync<Trax.Clicks.ClickEntity>(It.IsAny<string>(), It.IsAny<string>(), null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "Server busy", "ServerBusy", null));
        var message = """{"v":1,"id":"p-1","type":"ftd","clickId":"85512345","receivedAt":"2026-11-25T12:00:00+00:00"}""";

        await Assert.ThrowsAsync<RequestFailedException>(() => app.Host.RunAsync("ProcessPostback", message));
    }

    [TestCase(0, true)]
    [TestCase(500, true)]
    [TestCase(503, true)]
    [TestCase(408, true)]
    [TestCase(400, false)]
    [TestCase(409, false)]
    [TestCase(412, false)]
    public void StorageFault_ByStatus_IsAFaultOnlyWhenRetryingCanHelp(int status, bool fault) =>
        Assert.That(StorageFault.Is(new RequestFailedException(status, "x"), CancellationToken.None), Is.EqualTo(fault));

    [Test]
    public void StorageFault_Cancellation_IsAFaultOnlyWhenTheCallerDidNotCancel()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();

        Assert.That(StorageFault.Is(new TaskCanceledException(), CancellationToken.None), Is.True);
        Assert.That(StorageFault.Is(new TaskCanceledException(), aborted.Token), Is.False);
    }

    private void LinksReadThrows(Exception fault) =>
        app.Links.Mock.Setup(t => t.QueryAsync<Trax.Links.LinkEntity>(It.IsAny<string?>(), It.IsAny<int?>(), It.IsAny<IEnumerable<string>?>(), It.IsAny<CancellationToken>()))
            .Throws(fault);
}
