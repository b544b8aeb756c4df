using Microsoft.Extensions.Time.Testing;
using Trax.Storage;

namespace Trax.Tests.Integration;

/// <summary>
/// <c>GET /api/reconciliations/{id}/rows?continuation=</c>: a token's row key goes into the storage filter, so only a
/// key of the shape Trax issues (<c>row-{category}-{seq}</c>, 6 or 10 digits) is taken. Azurite takes anything in a
/// filter; Azure may refuse what it would never store in a key (control characters), and that must read as the
/// caller's bad token, never as storage being down.
/// </summary>
[Category("Integration")]
public sealed class ReconciliationRowsTokenTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";
    private TraxApp trax = null!;

    [SetUp]
    public async Task SetUpAsync() => trax = await TraxApp.StartAsync(time: new FakeTimeProvider(new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero)));

    [TearDown]
    public async Task TearDownAsync() => await trax.DisposeAsync();

    [TestCase("row-matched-\u0000")]
    [TestCase("row-matched-x")]
    [TestCase("row-matched-0000000001'")]
    [TestCase("row-no-such-category-0000000001")]
    public async Task Rows_TokenWhoseKeyTraxNeverIssued_IsRefusedInvalidContinuation(string key)
    {
        var answer = await trax.GetAsync($"/api/reconciliations/{Id}/rows?continuation={ContinuationToken.Encode([Id, key])}");

        Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((400, "invalid-continuation")), answer.Text);
    }

    [TestCase("row-matched-0000000001")]
    [TestCase("row-only-in-trax-000042")] // six digits: a run stored before keys took ten
    public async Task Rows_TokenOfAnIssuedShape_IsTakenAndTheRunLookedUp(string key)
    {
        var answer = await trax.GetAsync($"/api/reconciliations/{Id}/rows?continuation={ContinuationToken.Encode([Id, key])}");

        Assert.That((answer.StatusCode, answer.Field("reason")), Is.EqualTo((404, "not-found")), answer.Text);
    }
}
