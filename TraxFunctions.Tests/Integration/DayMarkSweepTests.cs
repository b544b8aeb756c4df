using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Trax.Clicks;
using Trax.PostbackLog;
using Trax.Rollups;

namespace Trax.Tests.Integration;

/// <summary>
/// A late change to a day older than the timer's 45-day sweep marks that day changed, and the hourly sweep rolls and
/// seals every marked day (one query finds them), so such a day is read from its row again without a rebuild.
/// </summary>
[Category("Integration")]
public sealed class DayMarkSweepTests() : ClockedAppTests(Start)
{
    private static readonly DateTimeOffset Start = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task HourlySweep_DayOlderThanItsWindowMarkedByALateChange_IsRolledAndSealedAgain()
    {
        await trax.SeedClickAsync(new Click { ClickId = "s-1", ClickedAt = Start.AddHours(-1) });
        await trax.GetAsync("/wp-json/trax/v1/sale?clickid=s-1&txid=t1&payout=4.50&currency=EUR");
        await trax.DrainAsync();
        var day = PostbackLogKeys.LogDay(Start);
        clock.Advance(TimeSpan.FromDays(1));
        await trax.Get<RollupRoller>().RollDaysAsync(day, day, CancellationToken.None);
        var days = trax.Get<DayRollupStore>();
        Assert.That((await days.ReadRowAsync(day, CancellationToken.None)).Sealed, Is.True);

        // 60 days on, the network turns the sale down: the day's row is sealed, so the change marks the day.
        clock.Advance(TimeSpan.FromDays(60));
        await trax.GetAsync("/wp-json/trax/v1/sale?clickid=s-1&txid=t1&status=rejected");
        await trax.DrainAsync();
        Assert.That(await days.ReadMarkedDaysAsync(day, day, CancellationToken.None), Is.EqualTo(new[] { day }));

        clock.AdjustTime(new DateTimeOffset(PostbackLogKeys.LogDay(clock.GetUtcNow()).ToDateTime(new TimeOnly(10, 41)), TimeSpan.Zero));
        await ActivatorUtilities.CreateInstance<RollHours>(trax.Services).RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.That(await days.ReadMarkedDaysAsync(day, day, CancellationToken.None), Is.Empty, "rolled again, the mark deleted");
        var (rows, changed) = await days.ReadDaysAsync(day, day, CancellationToken.None);
        Assert.That(rows[day].Sealed, Is.True, "sealed again");
        Assert.That(changed, Is.Empty);
        var report = await trax.GetAsync($"/api/reports/conversions?from={day.AddDays(-1):yyyy-MM-dd}&to={day:yyyy-MM-dd}&groupBy=status");
        Assert.That(report.Body!.Value.GetRawText(), Does.Contain("\"rejected\""), "the row holds the change");
    }
}
