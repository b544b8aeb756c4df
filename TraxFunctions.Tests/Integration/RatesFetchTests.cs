using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Trax.Rates;
using Trax.Tests.Rates;

namespace Trax.Tests.Integration;

/// <summary>
/// The rates timer against a real HTTP server on loopback serving the ECB-format sample, and Azurite: what it stores,
/// what it leaves alone, and that no outage or bad file escapes the timer (each is logged).
/// </summary>
[Category("Integration")]
public sealed class RatesFetchTests
{
    private const string Path = "/stats/eurofxref/eurofxref-hist-90d.xml";

    private FakeTimeProvider time = null!;
    private FileSource source = null!;
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 15, 23, 0, TimeSpan.Zero));
        source = await FileSource.StartAsync();
        trax = await StartAsync(source.BaseUrl + Path + "?key=s3cret-key");
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await trax.DisposeAsync();
        await source.DisposeAsync();
    }

    [Test]
    public async Task Fetch_TheEcbFile_StoresEveryDayPerEuroNamingTheSourceWithoutItsQuery()
    {
        source.Serve(RatesFileTests.Sample);

        var fetch = await FetchAsync();
        var tuesday = await trax.GetAsync("/api/rates/2026-11-24");

        Assert.That(fetch, Is.EqualTo(new RatesFetch(RatesFetchOutcome.Fetched, Days: 3, Stored: 3)));
        Assert.That(tuesday.Field("source"), Is.EqualTo($"fetch:{source.BaseUrl}{Path}"));
        Assert.That(tuesday.Text, Does.Contain("\"USD\":1.0823").And.Contain("\"GBP\":0.85163"));
        Assert.That((await trax.GetAsync("/api/rates/2026-11-20")).Field("publishedOn"), Is.EqualTo("2026-11-20"));
        Assert.That((await trax.GetAsync("/api/rates/2026-11-22")).Field("publishedOn"), Is.EqualTo("2026-11-20"));
        Assert.That(Logs().Select(l => l.Id.Id), Does.Contain(12002));
        Assert.That(string.Join('\n', Logs().Select(l => l.Message)), Does.Not.Contain("s3cret"));
    }

    [Test]
    public async Task Fetch_TheSameFileAgain_ReadsOnceAndWritesNothing()
    {
        source.Serve(RatesFileTests.Sample);
        await FetchAsync();
        trax.Requests.Reset();

        var again = await FetchAsync();

        Assert.That(again, Is.EqualTo(new RatesFetch(RatesFetchOutcome.Fetched, Days: 3, Unchanged: 3)));
        Assert.That(trax.RequestsByKind().Select(r => $"{r.Request.Resource} {r.Request.Operation} × {r.Count}"), Is.EqualTo(new[] { "Rates query × 1" }));
    }

    [Test]
    public async Task Fetch_ADayThatChanged_ReplacesThatDayOnly()
    {
        source.Serve(RatesFileTests.Sample);
        await FetchAsync();
        source.Serve(Encoding.UTF8.GetString(RatesFileTests.Sample).Replace("rate='1.0791'", "rate='1.0795'"));

        var fetch = await FetchAsync();

        Assert.That(fetch, Is.EqualTo(new RatesFetch(RatesFetchOutcome.Fetched, Days: 3, Stored: 1, Unchanged: 2)));
        Assert.That((await trax.GetAsync("/api/rates/2026-11-23")).Text, Does.Contain("\"USD\":1.0795"));
    }

    [Test]
    public async Task Fetch_ADayAnOperatorPut_IsKeptAsPut()
    {
        await trax.SendAsync(HttpRequests.Json("PUT", "/api/rates/2026-11-23", """{"base": "EUR", "rates": {"USD": 1.1}}"""));
        source.Serve(RatesFileTests.Sample);

        var fetch = await FetchAsync();
        var monday = await trax.GetAsync("/api/rates/2026-11-23");

        Assert.That(fetch, Is.EqualTo(new RatesFetch(RatesFetchOutcome.Fetched, Days: 3, Stored: 2, Kept: 1)));
        Assert.That(monday.Field("source"), Is.EqualTo("put:json"));
        Assert.That(monday.Text, Does.Contain("\"USD\":1.1"));
    }

    [Test]
    public async Task Fetch_ADayAfterTomorrow_IsNotStored()
    {
        source.Serve(RatesFileTests.Ecb("<Cube time='2026-11-25'><Cube currency='USD' rate='1.08'/></Cube><Cube time='2026-12-25'><Cube currency='USD' rate='1.5'/></Cube>"));

        var fetch = await FetchAsync();

        Assert.That(fetch, Is.EqualTo(new RatesFetch(RatesFetchOutcome.Fetched, Days: 2, Stored: 1, Skipped: 1)));
        Assert.That((await trax.Rates.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync()).Select(e => e.RowKey), Is.EqualTo(new[] { "20261125" }));
    }

    private static IEnumerable<TestCaseData> Outages()
    {
        yield return new TestCaseData((Action<FileSource>)(s => s.AnswerStatus(500)), RatesFetchOutcome.SourceFailed, 12003, "answered 500").SetName("the source answers 500");
        yield return new TestCaseData((Action<FileSource>)(s => s.AnswerStatus(404)), RatesFetchOutcome.SourceFailed, 12003, "answered 404").SetName("the source answers 404");
        yield return new TestCaseData((Action<FileSource>)(s => s.Hang()), RatesFetchOutcome.SourceFailed, 12003, "within 1 s").SetName("the source never answers");
        yield return new TestCaseData((Action<FileSource>)(s => s.ServeEndless()), RatesFetchOutcome.SourceFailed, 12003, "larger than").SetName("the source sends without end");
        yield return new TestCaseData((Action<FileSource>)(s => s.Serve("<html><body>Maintenance</body></html>", "text/html")), RatesFetchOutcome.InvalidFile, 12004, "invalid-body").SetName("the source serves a web page");
        yield return new TestCaseData((Action<FileSource>)(s => s.Serve("USD,1.0823")), RatesFetchOutcome.InvalidFile, 12004, "not XML").SetName("the source serves something that is not XML");
        yield return new TestCaseData((Action<FileSource>)(s => s.Serve(Encoding.UTF8.GetString(RatesFileTests.Sample).Replace("rate='0.85163'", "rate='-0.85163'"))), RatesFetchOutcome.InvalidFile, 12004, "invalid-rate").SetName("one rate in the file is negative");
        yield return new TestCaseData((Action<FileSource>)(s => s.Serve(RatesFileTests.Ecb(""))), RatesFetchOutcome.InvalidFile, 12004, "no days").SetName("the file holds no days");
    }

    [TestCaseSource(nameof(Outages))]
    public async Task Timer_SourceDownOrFileBad_LogsAndStoresNothingAndDoesNotThrow(Action<FileSource> misbehave, RatesFetchOutcome outcome, int eventId, string problem)
    {
        await using var impatient = await StartAsync(source.BaseUrl + Path, timeoutSeconds: 1);
        misbehave(source);

        await Assert.DoesNotThrowAsync(() => impatient.Host.RunAsync(nameof(FetchRates), null));
        var fetch = await impatient.Get<RatesFetcher>().FetchAsync(CancellationToken.None);

        Assert.That(fetch.Outcome, Is.EqualTo(outcome));
        var warning = Logs(impatient).First(l => l.Id.Id == eventId);
        Assert.That(warning.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warning.Message, Does.Contain(problem));
        Assert.That(await impatient.Rates.QueryAsync<Azure.Data.Tables.TableEntity>().ToListAsync(), Is.Empty);
    }

    [Test]
    public async Task Timer_SourceRefusesConnections_LogsAndDoesNotThrow()
    {
        var gone = await FileSource.StartAsync();
        var url = gone.BaseUrl + Path;
        await gone.DisposeAsync();
        await using var app = await StartAsync(url);

        await Assert.DoesNotThrowAsync(() => app.Host.RunAsync(nameof(FetchRates), null));

        Assert.That((await app.Get<RatesFetcher>().FetchAsync(CancellationToken.None)).Outcome, Is.EqualTo(RatesFetchOutcome.SourceFailed));
        Assert.That(Logs(app).Select(l => l.Id.Id), Does.Contain(12003));
    }

    [Test]
    public async Task Fetch_ARedirect_IsNotFollowedEvenToAGoodFile()
    {
        await using var elsewhere = await FileSource.StartAsync();
        elsewhere.Serve(RatesFileTests.Sample);
        source.Redirect(elsewhere.BaseUrl + Path);

        var fetch = await FetchAsync();

        Assert.That(fetch.Outcome, Is.EqualTo(RatesFetchOutcome.SourceFailed));
        Assert.That(elsewhere.Requests, Is.Zero);
        Assert.That(Logs().Single(l => l.Id.Id == 12003).Message, Does.Contain("redirects are not followed"));
    }

    [Test]
    public async Task Timer_StorageDown_LogsAndDoesNotThrow()
    {
        source.Serve(RatesFileTests.Sample);
        trax.Faults.Fail(StorageFaults.Table("Rates"), InjectedFault.ServerBusy, times: 1000);

        await Assert.DoesNotThrowAsync(() => trax.Host.RunAsync(nameof(FetchRates), null));
        var fetch = await trax.Get<RatesFetcher>().FetchAsync(CancellationToken.None);

        Assert.That(fetch.Outcome, Is.EqualTo(RatesFetchOutcome.StorageFailed));
        Assert.That(Logs().First(l => l.Id.Id == 12005).Level, Is.EqualTo(LogLevel.Warning));
        trax.Faults.Clear();
        Assert.That((await FetchAsync()).Stored, Is.EqualTo(3), "the next run stores them");
    }

    [Test]
    public async Task Fetch_NoSourceUrl_IsOffAndAsksNothing()
    {
        await using var off = await StartAsync("");

        var fetch = await off.Get<RatesFetcher>().FetchAsync(CancellationToken.None);

        Assert.That(fetch.Outcome, Is.EqualTo(RatesFetchOutcome.Off));
        Assert.That(source.Requests, Is.Zero);
        Assert.That(off.RequestsByKind(), Is.Empty);
    }

    private Task<RatesFetch> FetchAsync() => trax.Get<RatesFetcher>().FetchAsync(CancellationToken.None);

    private IReadOnlyList<FakeLogRecord> Logs() => Logs(trax);

    private static IReadOnlyList<FakeLogRecord> Logs(TraxApp app) => app.Get<FakeLogCollector>().GetSnapshot();

    private Task<TraxApp> StartAsync(string url, int timeoutSeconds = 30) => TraxApp.StartAsync(time: time,
        settings: new Dictionary<string, string?>
        {
            ["Trax:Rates:SourceUrl"] = url,
            ["Trax:Rates:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        configureServices: services => services.AddFakeLogging());
}
