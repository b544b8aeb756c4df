using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Trax.Rates;
using Trax.Tests.Rates;

namespace Trax.Tests.Integration;

/// <summary><c>/api/rates/{date}</c> and the converter on Azurite, routed as the host routes them.</summary>
[Category("Integration")]
public sealed class RatesApiTests
{
    private FakeTimeProvider time = null!;
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero));
        trax = await TraxApp.StartAsync(time: time);
    }

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [Test]
    public async Task Put_EcbXml_StoresThatDayOfTheFileAndGetShowsItExactly()
    {
        var put = await Put("2026-11-24", Encoding.UTF8.GetString(RatesFileTests.Sample), "application/xml");
        var get = await trax.GetAsync("/api/rates/2026-11-24");

        Assert.That(put.StatusCode, Is.EqualTo(200), put.Text);
        Assert.That(put.Field("status"), Is.EqualTo("stored"));
        Assert.That(put.Body!.Value.GetProperty("currencies").GetInt32(), Is.EqualTo(10));
        Assert.That(put.Field("source"), Is.EqualTo("put:xml"));
        Assert.That(get.StatusCode, Is.EqualTo(200));
        Assert.That(get.Field("date"), Is.EqualTo("2026-11-24"));
        Assert.That(get.Field("publishedOn"), Is.EqualTo("2026-11-24"));
        Assert.That(get.Field("base"), Is.EqualTo("EUR"));
        Assert.That(get.Field("storedAt"), Is.EqualTo("2026-11-25T15:00:00+00:00"));
        Assert.That(get.Text, Does.Contain("\"GBP\":0.85163").And.Contain("\"JPY\":162.45").And.Contain("\"IDR\":17623.42"), "numbers exactly as published");
        Assert.That(await StoredDaysAsync(), Is.EqualTo(new[] { "2026|20261124" }), "only the day of the path, one entity");
    }

    [Test]
    public async Task Get_ADayWithoutPublication_ShowsTheRatesInForceUpToAWeekAfter()
    {
        await Put("2026-11-20", """{"base": "EUR", "rates": {"USD": 1.0764}}""");

        var saturday = await trax.GetAsync("/api/rates/2026-11-21");
        var weekLater = await trax.GetAsync("/api/rates/2026-11-27");
        var tooLate = await trax.GetAsync("/api/rates/2026-11-28");
        var before = await trax.GetAsync("/api/rates/2026-11-19");

        Assert.That(saturday.Field("date"), Is.EqualTo("2026-11-21"));
        Assert.That(saturday.Field("publishedOn"), Is.EqualTo("2026-11-20"));
        Assert.That(weekLater.Field("publishedOn"), Is.EqualTo("2026-11-20"));
        Assert.That(tooLate.StatusCode, Is.EqualTo(404));
        Assert.That(tooLate.Field("reason"), Is.EqualTo("no-rates-in-force"));
        Assert.That(before.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task Put_TheSameDayAgain_ReplacesItWholeAndRepeatingChangesNothing()
    {
        await Put("2026-11-24", """{"base": "EUR", "rates": {"USD": 1.08, "RUB": 90.5}}""");
        var first = await Put("2026-11-24", "currency,rate\r\nUSD,1.0823\r\nGBP,0.85163\r\n", "text/csv", "?base=EUR");
        var rowAfterFirst = await RowAsync("2026-11-24");
        var again = await Put("2026-11-24", "currency,rate\r\nUSD,1.0823\r\nGBP,0.85163\r\n", "text/csv", "?base=EUR");
        var rowAfterAgain = await RowAsync("2026-11-24");
        var get = await trax.GetAsync("/api/rates/2026-11-24");

        Assert.That(first.StatusCode, Is.EqualTo(200));
        Assert.That(again.StatusCode, Is.EqualTo(200));
        Assert.That(Properties(get.Body!.Value.GetProperty("rates")), Is.EqualTo(new[] { "GBP=0.85163", "USD=1.0823" }), "RUB is gone: a PUT replaces the day");
        Assert.That(get.Field("source"), Is.EqualTo("put:csv"));
        Assert.That(rowAfterAgain.Keys.Order(), Is.EqualTo(rowAfterFirst.Keys.Order()));
        Assert.That(rowAfterAgain.Where(p => p.Key is not ("Timestamp" or "odata.etag")), Is.EquivalentTo(rowAfterFirst.Where(p => p.Key is not ("Timestamp" or "odata.etag"))));
    }

    [Test]
    public async Task Put_Csv_IsPerTheBaseTheQueryNames()
    {
        var put = await Put("2026-11-24", "currency,rate\nEUR,0.92396\nGBP,0.78687\n", "text/csv; charset=utf-8", "?base=usd");
        var get = await trax.GetAsync("/api/rates/2026-11-24");

        Assert.That(put.StatusCode, Is.EqualTo(200), put.Text);
        Assert.That(get.Field("base"), Is.EqualTo("USD"));
        Assert.That(Properties(get.Body!.Value.GetProperty("rates")), Is.EqualTo(new[] { "EUR=0.92396", "GBP=0.78687" }));
    }

    private static IEnumerable<TestCaseData> BadPuts()
    {
        var xml = Encoding.UTF8.GetString(RatesFileTests.Sample);
        yield return Case("2026-11-24", "USD,1.0823\nJPY,162.45", "application/xml", "", 400, "invalid-body").SetName("a rate file that is not XML");
        yield return Case("2026-11-24", "<html>Maintenance</html>", "text/xml", "", 400, "invalid-body").SetName("XML that is not the ECB's");
        yield return Case("2026-11-25", xml, "application/xml", "", 400, "date-not-in-file").SetName("an ECB file without the day");
        yield return Case("2026-11-24", xml.Replace("rate='1.0823'", "rate='0'"), "application/xml", "", 400, "invalid-rate").SetName("a zero rate in the file");
        yield return Case("2026-11-24", xml.Replace("rate='162.45'", "rate='-162.45'"), "application/xml", "", 400, "invalid-rate").SetName("a negative rate in the file");
        yield return Case("2026-11-24", """{"base": "EUR", "rates": {"USD": 108230000}}""", "application/json", "", 400, "invalid-rate").SetName("an absurd rate");
        yield return Case("2026-11-24", """{"base": "EUR", "rates": {"USD": 1.08""", "application/json", "", 400, "invalid-body").SetName("JSON cut short");
        yield return Case("2026-11-24", """{"base": "EUR", "rates": {"Dollar": 1.08}}""", "application/json", "", 400, "invalid-currency").SetName("a currency that is not a code");
        yield return Case("2026-11-24", """{"base": "EURO", "rates": {"USD": 1.08}}""", "application/json", "", 400, "invalid-base").SetName("a base that is not a code");
        yield return Case("2026-11-24", "currency,rate\nUSD,1.08", "text/csv", "", 400, "missing-parameter").SetName("CSV without its base");
        yield return Case("2026-11-24", "currency,rate\nUSD,1.08", "text/csv", "?base=EUR&base=USD", 400, "repeated-parameter").SetName("CSV with two bases");
        yield return Case("2026-11-24", "currency,rate\nUSD,1.08", "text/plain", "", 415, "unsupported-media-type").SetName("text/plain");
        yield return Case("2026-11-24", "currency,rate\nUSD,1.08", null, "", 415, "unsupported-media-type").SetName("no Content-Type");
        yield return Case("2026-11-24", """{"base": "EUR", "rates": {"USD": 1.08}}""", "application/json; charset=latin1", "", 415, "unsupported-media-type").SetName("JSON not in UTF-8");
        yield return Case("2026-11-24", new string(' ', RateRejections.MaxBodyBytes + 1), "application/json", "", 413, "body-too-large").SetName("a body over 1 MiB");
        yield return Case("24.11.2026", """{"base": "EUR", "rates": {"USD": 1.08}}""", "application/json", "", 400, "invalid-date").SetName("a date not written YYYY-MM-DD");
        yield return Case("2026-02-30", """{"base": "EUR", "rates": {"USD": 1.08}}""", "application/json", "", 400, "invalid-date").SetName("a day that does not exist");
        yield return Case("2026-11-27", """{"base": "EUR", "rates": {"USD": 1.08}}""", "application/json", "", 400, "invalid-date").SetName("a day after tomorrow");
        yield return Case("1600-12-31", """{"base": "EUR", "rates": {"USD": 1.08}}""", "application/json", "", 400, "invalid-date").SetName("a day before 1601");

        static TestCaseData Case(string date, string body, string? contentType, string query, int status, string reason) =>
            new(date, body, contentType, query, status, reason);
    }

    [TestCaseSource(nameof(BadPuts))]
    public async Task Put_BadInput_AnswersItsStatusAndReasonAndStoresNothing(string date, string body, string? contentType, string query, int status, string reason)
    {
        var answer = await trax.SendAsync(HttpRequests.Create("PUT", $"/api/rates/{date}{query}", body, contentType));

        Assert.That(answer.StatusCode, Is.EqualTo(status), answer.Text);
        Assert.That(answer.Field("status"), Is.EqualTo("rejected"));
        Assert.That(answer.Field("reason"), Is.EqualTo(reason));
        Assert.That(answer.Field("message"), Is.Not.Empty);
        Assert.That(await StoredDaysAsync(), Is.Empty);
    }

    [Test]
    public async Task Put_TomorrowsRates_AreAcceptedAsTheEcbDatesThemInItsOwnDay()
    {
        var answer = await Put("2026-11-26", """{"base": "EUR", "rates": {"USD": 1.08}}""");

        Assert.That(answer.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Get_BadDate_Answers400()
    {
        var answer = await trax.GetAsync("/api/rates/yesterday");

        Assert.That(answer.StatusCode, Is.EqualTo(400));
        Assert.That(answer.Field("reason"), Is.EqualTo("invalid-date"));
    }

    [Test]
    public async Task Apis_StorageUnreachable_Answer503WithReason()
    {
        trax.Faults.Fail(StorageFaults.Table("Rates"), InjectedFault.ServerBusy, times: 100);

        var put = await Put("2026-11-24", """{"base": "EUR", "rates": {"USD": 1.08}}""");
        var get = await trax.GetAsync("/api/rates/2026-11-24");

        Assert.That(put.StatusCode, Is.EqualTo(503));
        Assert.That(put.Field("reason"), Is.EqualTo("storage-unavailable"));
        Assert.That(get.StatusCode, Is.EqualTo(503));
    }

    [Test]
    public async Task Converter_ARangeOfDays_IsOneQueryAndConvertsAtEachDaysRate()
    {
        await Put("2026-11-24", Encoding.UTF8.GetString(RatesFileTests.Sample), "application/xml");
        await Put("2026-11-20", Encoding.UTF8.GetString(RatesFileTests.Sample), "text/xml");
        await Put("2026-10-01", """{"base": "EUR", "rates": {"USD": 1.2}}""");
        trax.Requests.Reset();

        var book = await trax.Get<CurrencyConverter>().LoadAsync("USD", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), CancellationToken.None);

        Assert.That(trax.RequestsByKind().Where(r => r.Request.Service == "table").Select(r => $"{r.Request.Resource} {r.Request.Operation} × {r.Count}"),
            Is.EqualTo(new[] { "Rates query × 1" }));
        Assert.That(book.Convert(100m, "EUR", new DateOnly(2026, 11, 24)).Amount, Is.EqualTo(108.23m));
        Assert.That(book.Convert(100m, "EUR", new DateOnly(2026, 11, 22)).Amount, Is.EqualTo(107.64m), "Sunday: Friday's rate");
        Assert.That(book.Convert(100m, "GBP", new DateOnly(2026, 11, 24)).Amount, Is.EqualTo(127.0857m));
        Assert.That(book.Convert(100m, "EUR", new DateOnly(2026, 11, 19)).Lookup.Missing, Is.EqualTo(RateMissing.NoRates), "October's rate is too old");
        Assert.That(book.Convert(100m, "USD", new DateOnly(2026, 11, 19)).Amount, Is.EqualTo(100m), "the base needs no rate");
    }

    [Test]
    public async Task Converter_BaseCurrencySetting_IsTheDefaultBase()
    {
        await using var withBase = await TraxApp.StartAsync(time: time,
            settings: new Dictionary<string, string?> { ["Trax:Reports:BaseCurrency"] = "gbp" });
        await withBase.SendAsync(HttpRequests.Create("PUT", "/api/rates/2026-11-24", Encoding.UTF8.GetString(RatesFileTests.Sample), "application/xml"));
        var converter = withBase.Get<CurrencyConverter>();

        var book = await converter.LoadAsync(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 24), CancellationToken.None);

        Assert.That(converter.BaseCurrency, Is.EqualTo("GBP"));
        Assert.That(book.BaseCurrency, Is.EqualTo("GBP"));
        Assert.That(book.Convert(85.163m, "EUR", new DateOnly(2026, 11, 24)).Amount, Is.EqualTo(72.5274m), "85.163 × 0.85163 = 72.52736…");
        Assert.That(trax.Get<CurrencyConverter>().BaseCurrency, Is.Null, "unset: no conversion");
        await Assert.ThrowsAsync<InvalidOperationException>(() => trax.Get<CurrencyConverter>().LoadAsync(new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 24), CancellationToken.None));
    }

    private Task<Answer> Put(string date, string body, string contentType = "application/json", string query = "") =>
        trax.SendAsync(HttpRequests.Create("PUT", $"/api/rates/{date}{query}", body, contentType));

    private async Task<List<string>> StoredDaysAsync() =>
        [.. (await trax.Rates.QueryAsync<TableEntity>().ToListAsync()).Select(e => $"{e.PartitionKey}|{e.RowKey}")];

    private async Task<TableEntity> RowAsync(string date) =>
        (await trax.Rates.GetEntityAsync<TableEntity>(date[..4], date.Replace("-", ""))).Value;

    private static string[] Properties(JsonElement element) =>
        [.. element.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetRawText()}")];
}
