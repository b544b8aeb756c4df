using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Trax.Core;
using Trax.PostbackLog;
using Trax.Reports;

namespace Trax.Tests.Reports;

/// <summary>Parameter validation of the report and log APIs: every refusal has its reason code.</summary>
public sealed class QueryParametersTests
{
    [TestCase("from=2026-11-01&to=2026-11-30", "2026-11-01", "2026-11-30", "", "json")]
    [TestCase("from=2026-11-25&to=2026-11-25&groupBy=day,type,network,program,campaign&format=csv", "2026-11-25", "2026-11-25", "day,type,network,program,campaign", "csv")]
    [TestCase("FROM=2026-11-25&to=2026-11-25&groupby=Network,%20Day&format=CSV", "2026-11-25", "2026-11-25", "network,day", "csv")]
    [TestCase("from=2026-09-01&to=2026-12-01", "2026-09-01", "2026-12-01", "", "json")]
    public void ReportParse_ValidQuery_ReadsIt(string query, string from, string to, string groupBy, string format)
    {
        var (request, rejection) = ReportRequest.Parse(Query(query));

        Assert.That(rejection, Is.Null);
        Assert.That(request!.From, Is.EqualTo(DateOnly.Parse(from)));
        Assert.That(request.To, Is.EqualTo(DateOnly.Parse(to)));
        Assert.That(string.Join(',', request.GroupBy), Is.EqualTo(groupBy));
        Assert.That(request.Format, Is.EqualTo(format));
    }

    [TestCase("to=2026-11-30", "missing-parameter")]
    [TestCase("from=2026-11-01", "missing-parameter")]
    [TestCase("from=2026-11-01&to=", "missing-parameter")]
    [TestCase("from=2026-11-01&from=2026-11-02&to=2026-11-30", "repeated-parameter")]
    [TestCase("from=2026-11-31&to=2026-12-01", "invalid-date")]
    [TestCase("from=25.11.2026&to=2026-11-30", "invalid-date")]
    [TestCase("from=2026-11-01T00:00:00Z&to=2026-11-30", "invalid-date")]
    [TestCase("from=2026-1-01&to=2026-11-30", "invalid-date")]
    [TestCase("from=2026-11-30&to=2026-11-01", "invalid-range")]
    [TestCase("from=2025-09-01&to=2026-12-02", "range-too-long")]
    [TestCase("from=2026-11-01&to=2026-11-30&groupBy=day,clickid", "invalid-group-by")]
    [TestCase("from=2026-11-01&to=2026-11-30&groupBy=day,day", "invalid-group-by")]
    [TestCase("from=2026-11-01&to=2026-11-30&groupBy=day,", "invalid-group-by")]
    [TestCase("from=2026-11-01&to=2026-11-30&format=xml", "invalid-format")]
    public void ReportParse_BadQuery_IsRefusedWithReason(string query, string reason)
    {
        var (request, rejection) = ReportRequest.Parse(Query(query));

        Assert.That(request, Is.Null);
        Assert.That(rejection!.Reason, Is.EqualTo(reason));
        Assert.That(rejection.StatusCode, Is.EqualTo(400));
        Assert.That(QueryRejections.Reasons, Does.Contain(reason));
    }

    [Test]
    public void ReportParse_RangeOfExactlyMaxDays_IsAccepted()
    {
        var from = new DateOnly(2026, 1, 1);
        var to = from.AddDays(ReportRequest.MaxDays - 1);

        var (request, _) = ReportRequest.Parse(Query($"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"));
        var (_, tooLong) = ReportRequest.Parse(Query($"from={from:yyyy-MM-dd}&to={to.AddDays(1):yyyy-MM-dd}"));

        Assert.That(request!.Days, Is.EqualTo(ReportRequest.MaxDays));
        Assert.That(tooLong!.Reason, Is.EqualTo("range-too-long"));
    }

    [Test]
    public void LogParse_FullQuery_ReadsEveryFilter()
    {
        var (query, rejection) = PostbackLogQuery.Parse(Query("date=2026-11-25&hour=7&outcome=Rejected&type=ftd&network=AffiliateWeb&reason=unreplaced-macro&limit=20"));

        Assert.That(rejection, Is.Null);
        Assert.That(query!.Date, Is.EqualTo(new DateOnly(2026, 11, 25)));
        Assert.That(query.Hour, Is.EqualTo(7));
        Assert.That(query.Outcome, Is.EqualTo(PostbackOutcomes.Rejected), "outcome names are matched lower-case");
        Assert.That(query.Type, Is.EqualTo("ftd"));
        Assert.That(query.Network, Is.EqualTo("AffiliateWeb"));
        Assert.That(query.Reason, Is.EqualTo("unreplaced-macro"));
        Assert.That(query.Limit, Is.EqualTo(20));
        Assert.That(query.ContinuationToken, Is.Null);
    }

    [Test]
    public void LogParse_DateOnly_DefaultsLimitAndHasNoFilters()
    {
        var (query, _) = PostbackLogQuery.Parse(Query("date=2026-11-25"));

        Assert.That(query!.Limit, Is.EqualTo(PostbackLogQuery.DefaultLimit));
        Assert.That(new[] { query.Outcome, query.Type, query.Network, query.Reason }, Is.All.Null);
        Assert.That(query.Hour, Is.Null);
    }

    [TestCase("", "missing-parameter")]
    [TestCase("date=2026-02-30", "invalid-date")]
    [TestCase("date=2026-11-25&hour=24", "invalid-hour")]
    [TestCase("date=2026-11-25&hour=-1", "invalid-hour")]
    [TestCase("date=2026-11-25&outcome=lost", "invalid-outcome")]
    [TestCase("date=2026-11-25&type=click", "invalid-type")]
    [TestCase("date=2026-11-25&limit=0", "invalid-limit")]
    [TestCase("date=2026-11-25&limit=1001", "invalid-limit")]
    [TestCase("date=2026-11-25&limit=ten", "invalid-limit")]
    [TestCase("date=2026-11-25&network=a%0Ab", "invalid-parameter")]
    [TestCase("date=2026-11-25&continuationToken=not-a-token", "invalid-continuation-token")]
    [TestCase("date=2026-11-25&outcome=created&outcome=duplicate", "repeated-parameter")]
    public void LogParse_BadQuery_IsRefusedWithReason(string query, string reason)
    {
        var (parsed, rejection) = PostbackLogQuery.Parse(Query(query));

        Assert.That(parsed, Is.Null);
        Assert.That(rejection!.Reason, Is.EqualTo(reason));
        Assert.That(QueryRejections.Reasons, Does.Contain(reason));
    }

    [TestCase("outside-window")]
    [TestCase("orphan")]
    [TestCase("duplicate")]
    [TestCase("created")]
    public void LogParse_EveryOutcome_IsAFilter(string outcome) =>
        Assert.That(PostbackLogQuery.Parse(Query($"date=2026-11-25&outcome={outcome}")).Query!.Outcome, Is.EqualTo(outcome));

    [Test]
    public void ContinuationToken_IssuedForADay_RoundTripsForThatDayOnly()
    {
        var day = new DateOnly(2026, 11, 25);
        string[] cursors = ["", "~", PostbackLogKeys.LogRow(DateTimeOffset.UtcNow, "p-1"), "", "", "", "~", ""];
        var token = PostbackLogStore.EncodeToken(day, cursors);

        Assert.That(PostbackLogStore.DecodeToken(token, day), Is.EqualTo(cursors));
        Assert.That(PostbackLogStore.DecodeToken(token, day.AddDays(1)), Is.Null, "a token is for the day it was issued for");
        Assert.That(PostbackLogQuery.Parse(Query($"date=2026-11-26&continuationToken={token}")).Rejection!.Reason,
            Is.EqualTo("invalid-continuation-token"));
    }

    [Test]
    public void ContinuationToken_CursorOutsideTheLogRows_IsRefused()
    {
        var day = new DateOnly(2026, 11, 25);
        var forged = PostbackLogStore.EncodeToken(day, ["c-", "", "", "", "", "", "", ""]);

        Assert.That(PostbackLogStore.DecodeToken(forged, day), Is.Null);
    }

    private static IQueryCollection Query(string query) => new QueryCollection(QueryHelpers.ParseQuery(query));
}
