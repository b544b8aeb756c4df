using System.Text;
using Trax.Traffic;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>POST /api/costs</c> reads the Content-Type it is given, as the CSV uploads and rates PUT do: a body declared in
/// another charset than UTF-8, or as neither JSON nor CSV, is refused 415; a declared type is read as declared. A body
/// without a Content-Type is still told apart by its first byte, so that callers that never sent one keep working.
/// </summary>
[Category("Integration")]
public sealed class CostMediaTypeTests
{
    private const string Csv = "day,campaign,amount,currency\r\n2026-11-20,caf\u00C3\u00A9,100.00,EUR\r\n";
    private const string Json = """[{"day": "2026-11-20", "campaign": "november", "amount": 100}]""";

    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync() => trax = await TraxApp.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [TestCase("text/csv; charset=iso-8859-1")]
    [TestCase("text/csv; charset=windows-1252")]
    [TestCase("application/json; charset=utf-16")]
    [TestCase("text/plain")]
    [TestCase("text/csvx")]
    [TestCase("application/xml")]
    [TestCase("application/x-www-form-urlencoded; charset=iso-8859-1")]
    public async Task Upload_NotUtf8JsonOrCsv_Is415AndStoresNothing(string contentType)
    {
        // "Ã©" in Latin-1: also valid UTF-8 ("é"), so only the declared charset tells them apart.
        var answer = await trax.SendAsync(Request(Encoding.Latin1.GetBytes(Csv), contentType));

        Assert.That(answer.StatusCode, Is.EqualTo(415), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo("unsupported-media-type"));
        Assert.That(await StoredAsync(), Is.Empty);
    }

    [TestCase(Csv, null, "campaign:caf\u00C3\u00A9")]
    [TestCase(Json, null, "campaign:november")]
    [TestCase(Csv, "TEXT/CSV; Charset=\"UTF-8\"", "campaign:caf\u00C3\u00A9")]
    [TestCase(Json, "application/json; charset=utf-8", "campaign:november")]
    [TestCase(Json, "text/json", "campaign:november")]
    [TestCase(Csv, "application/x-www-form-urlencoded", "campaign:caf\u00C3\u00A9")]
    [TestCase(Json, "application/x-www-form-urlencoded", "campaign:november")]
    public async Task Upload_Utf8JsonOrCsvOrNoContentType_IsStored(string body, string? contentType, string stored)
    {
        var answer = await trax.SendAsync(Request(Encoding.UTF8.GetBytes(body), contentType));

        Assert.That(answer.StatusCode, Is.EqualTo(200), answer.Text);
        Assert.That(await StoredAsync(), Is.EqualTo(new[] { stored }));
    }

    [TestCase(Json, "text/csv", "invalid-csv")]
    [TestCase("\uFEFF\r\n" + Json, "text/csv", "invalid-csv")]
    [TestCase(Csv, "application/json", "invalid-body")]
    public async Task Upload_DeclaredTypeOtherThanTheBodyLooks_IsReadAsDeclared(string body, string contentType, string reason)
    {
        var answer = await trax.SendAsync(Request(Encoding.UTF8.GetBytes(body), contentType));

        Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((400, reason)), answer.Text);
        Assert.That(await StoredAsync(), Is.Empty);
    }

    private async Task<List<string>> StoredAsync() =>
        [.. (await trax.Get<CostStore>().ListAsync(new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 20), CancellationToken.None))
            .Select(c => $"{c.Kind}:{c.Value}")];

    private static Microsoft.AspNetCore.Http.HttpRequest Request(byte[] body, string? contentType)
    {
        var request = HttpRequests.Create("POST", "/api/costs", "x", contentType);
        request.ContentLength = body.Length;
        request.Body = new MemoryStream(body);
        return request;
    }
}
