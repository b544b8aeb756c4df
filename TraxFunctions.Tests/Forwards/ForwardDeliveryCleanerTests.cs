using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Trax.Forwards;

namespace Trax.Tests.Forwards;

/// <summary>
/// Which days the delivery log's cleaner (and with it the job claims) keeps: the postback log's retention, and never
/// fewer days than a job can still be retried, so that a job in its retries keeps its claim.
/// </summary>
public sealed class ForwardDeliveryCleanerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [TestCase("30", "24", "2026-10-26")] // the retention: 30 whole days before today
    [TestCase("1", "24", "2026-11-23")] // a job with a row on the 22nd retries until the 23rd's end at the latest
    [TestCase("1", "168", "2026-11-17")] // a week of retries: 7 days, and one more
    [TestCase("3", "25", "2026-11-22")] // 25 h rounds up to 2 days, and one more: 3, the retention itself
    public void Cutoff_IsTheRetention_OrLongerWhileAJobMayStillRun(string retentionDays, string giveUpAfterHours, string firstDayKept)
    {
        using var app = UnitApp.Create(
            new Dictionary<string, string?> { ["Trax:PostbackLogRetentionDays"] = retentionDays, ["Trax:Forwarding:GiveUpAfterHours"] = giveUpAfterHours },
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(Now))));

        Assert.That(app.Get<ForwardDeliveryCleaner>().Cutoff, Is.EqualTo(DateOnly.Parse(firstDayKept, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
