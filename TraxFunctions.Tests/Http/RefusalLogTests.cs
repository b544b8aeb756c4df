using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace Trax.Tests.Http;

/// <summary>
/// A refused id from the route is logged as the caller sent it only within bounds: no control character (a line
/// break would forge a log line of its own) and not its whole length, whatever the route.
/// </summary>
public sealed class RefusalLogTests
{
    private const string Forged = "x\r\n2026-11-25 Postback accepted: ftd for click 1\u001b[31m";

    [TestCase("GET", "/api/links/")]
    [TestCase("DELETE", "/api/links/")]
    [TestCase("GET", "/api/forwards/")]
    [TestCase("DELETE", "/api/forwards/")]
    [TestCase("GET", "/api/rates/")]
    public async Task Refused_IdWithControlCharactersOrHuge_IsLoggedPrintableAndBounded(string method, string route)
    {
        using var app = UnitApp.Create(configureServices: services => services.AddFakeLogging());

        var forged = await app.SendAsync(HttpRequests.Create(method, route + Forged));
        var huge = await app.SendAsync(HttpRequests.Create(method, route + new string('a', 5000)));

        Assert.That((forged.StatusCode, huge.StatusCode), Is.EqualTo((400, 400)));
        var values = app.Services.GetRequiredService<FakeLogCollector>().GetSnapshot()
            .SelectMany(r => (r.StructuredState ?? []).Select(p => p.Value ?? "").Append(r.Message)).ToList();
        Assert.That(values, Has.Some.Contains("x"), "the refusal was logged");
        Assert.That(values, Has.None.Matches(@"[\p{Cc}]"), "no control character");
        Assert.That(values, Has.All.Length.LessThanOrEqualTo(300), "not the whole id");
    }
}
