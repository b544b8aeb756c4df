namespace Trax.Tests.Helpers;

/// <summary>
/// The one check that a paged API binds its continuation token to the zone it was issued for: a St John's token is
/// refused in Kathmandu and in UTC, a UTC token is refused in St John's, and each is taken in its own zone.
/// </summary>
public static class ZonedTokens
{
    /// <param name="query">The API's path and query without <c>tz</c>, <c>limit</c> or a token; its first page must have a next one.</param>
    public static async Task AssertBoundToTheirZoneAsync(TraxApp trax, string query)
    {
        var zoned = await FirstTokenAsync(trax, $"{query}&tz=America/St_Johns");
        var utc = await FirstTokenAsync(trax, query);

        var other = await trax.GetAsync($"{query}&tz=Asia/Kathmandu&limit=1&continuationToken={zoned}");
        var zonedAsUtc = await trax.GetAsync($"{query}&limit=1&continuationToken={zoned}");
        var utcAsZoned = await trax.GetAsync($"{query}&tz=America/St_Johns&limit=1&continuationToken={utc}");
        var same = await trax.GetAsync($"{query}&tz=America/St_Johns&limit=1&continuationToken={zoned}");

        Assert.That((other.StatusCode, other.Field("reason")), Is.EqualTo((400, "invalid-continuation-token")));
        Assert.That((zonedAsUtc.StatusCode, zonedAsUtc.Field("reason")), Is.EqualTo((400, "invalid-continuation-token")));
        Assert.That((utcAsZoned.StatusCode, utcAsZoned.Field("reason")), Is.EqualTo((400, "invalid-continuation-token")));
        Assert.That(same.StatusCode, Is.EqualTo(200), same.Text);
    }

    private static async Task<string> FirstTokenAsync(TraxApp trax, string query)
    {
        var first = await trax.GetAsync($"{query}&limit=1");
        return Uri.EscapeDataString(first.Body!.Value.GetProperty("continuationToken").GetString()!);
    }
}
