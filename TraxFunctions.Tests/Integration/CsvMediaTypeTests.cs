using System.Text;

namespace Trax.Tests.Integration;

/// <summary>
/// The CSV uploads (conversions, a network's export and its preview) read UTF-8 only: a body declared in another
/// charset is refused 415 rather than read as UTF-8 (Latin-1 "Ã©" would become "é"), as rates PUT refuses it.
/// </summary>
[Category("Integration")]
public sealed class CsvMediaTypeTests
{
    private static readonly string[] Paths = ["/api/conversions/upload", "/api/reconciliations?network=AffiliateWeb", "/api/reconciliations/preview"];

    private static IEnumerable<TestCaseData> Refused() =>
        from path in Paths
        from contentType in new[] { "text/csv; charset=iso-8859-1", "text/csv; charset=utf-16", "text/csvx", "text/csv-schema", "application/json" }
        select new TestCaseData(path, contentType).SetName($"{path} {contentType}");

    private static IEnumerable<TestCaseData> Read() =>
        from path in Paths
        from contentType in new[] { "text/csv", "TEXT/CSV; Charset=\"UTF-8\"", "text/csv; header=present", "text/csv; charset=utf8" }
        select new TestCaseData(path, contentType).SetName($"{path} {contentType}");

    [TestCaseSource(nameof(Refused))]
    public async Task Upload_NotUtf8Csv_Is415(string path, string contentType)
    {
        await using var trax = await TraxApp.StartAsync();

        var answer = await trax.SendAsync(Csv(path, contentType));

        Assert.That(answer.StatusCode, Is.EqualTo(415), answer.Text);
        Assert.That(answer.Field("reason"), Is.EqualTo("unsupported-media-type"));
        Assert.That(await trax.ReceiveAllAsync(), Is.Empty);
    }

    [TestCaseSource(nameof(Read))]
    public async Task Upload_Utf8Csv_IsRead(string path, string contentType)
    {
        await using var trax = await TraxApp.StartAsync();

        var answer = await trax.SendAsync(Csv(path, contentType));

        Assert.That(answer.Field("reason"), Is.Not.EqualTo("unsupported-media-type"), answer.Text);
    }

    private static Microsoft.AspNetCore.Http.HttpRequest Csv(string path, string contentType)
    {
        // "Ã©" in Latin-1: also valid UTF-8 ("é"), so only the declared charset tells them apart.
        var request = HttpRequests.Create("POST", path, "x", contentType);
        var body = Encoding.Latin1.GetBytes("clickid,type,txid,payout,currency,status\r\nc-1,sale,T-\u00C3\u00A9,1,EUR,approved\r\n");
        request.ContentLength = body.Length;
        request.Body = new MemoryStream(body);
        return request;
    }
}
