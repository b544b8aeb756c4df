using Trax.Storage;

namespace Trax.Tests.Integration;

/// <summary>
/// The two maintenance passes run page by page (the conversion re-index and the click recount) refuse a bad page size
/// or a token they did not issue with the same answer, to the byte, and neither takes the other's token.
/// </summary>
[Category("Integration")]
public sealed class PassPageTests
{
    private const string InvalidLimit =
        """{"status":"rejected","reason":"invalid-limit","message":"limit must be a whole number from 1 to 1000."}""";

    private const string InvalidToken =
        """{"status":"rejected","reason":"invalid-continuation-token","message":"The continuationToken was not issued by this API; start again without it."}""";

    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync() => trax = await TraxApp.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [TestCase("/api/reports/reindex")]
    [TestCase("/api/reports/traffic/recount")]
    public async Task Pass_BadPageOrForeignToken_IsRefusedAlike(string route)
    {
        var answers = new List<(int, string)>();
        foreach (var query in new[] { "?limit=0", "?limit=1001", "?limit=ten", "?continuationToken=abc", "?limit=5&continuationToken=abc" })
        {
            var answer = await trax.SendAsync(HttpRequests.Create("POST", route + query));
            answers.Add((answer.StatusCode, answer.Text));
        }

        var foreign = route.EndsWith("reindex", StringComparison.Ordinal)
            ? ContinuationToken.Encode("clicks", "x")
            : ContinuationToken.Encode("reindex", "p", "r");
        var other = await trax.SendAsync(HttpRequests.Create("POST", route + "?continuationToken=" + Uri.EscapeDataString(foreign)));

        Assert.That(answers, Is.EqualTo(new[]
        {
            (400, InvalidLimit), (400, InvalidLimit), (400, InvalidLimit), (400, InvalidToken), (400, InvalidToken),
        }));
        Assert.That((other.StatusCode, other.Text), Is.EqualTo((400, InvalidToken)), "the other pass's token");
    }

    [TestCase("clicks")]
    [TestCase("counts")]
    public async Task Recount_TokenWhoseStoragePositionTheServiceRefuses_IsRefusedNotAFailure(string walk)
    {
        // The recount's token carries the table service's own continuation: a forged one reads fine on Azurite, but
        // Azure answers it 400, which is the caller's doing, not a failure of Trax's.
        var table = walk == "clicks" ? trax.Clicks.Name : trax.Traffic.Name;
        trax.Faults.Fail(StorageFaults.Table(table, "query"), InjectedFault.BadRequest);
        var forged = ContinuationToken.Encode(walk, "1!8!Zm9yZ2Vk 1!4!YQ--");

        var answer = await trax.SendAsync(HttpRequests.Create("POST", "/api/reports/traffic/recount?continuationToken=" + Uri.EscapeDataString(forged)));

        Assert.That((answer.StatusCode, answer.Text), Is.EqualTo((400, InvalidToken)));
    }
}
