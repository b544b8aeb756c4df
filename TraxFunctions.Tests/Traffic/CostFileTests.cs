using System.Text;
using Trax.Traffic;

namespace Trax.Tests.Traffic;

/// <summary>Cost files as spreadsheets and scripts write them: each is read as its rows say, or refused with a reason.</summary>
public sealed class CostFileTests
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    [TestCase("day,campaign,amount\r\n2026-11-20,november,100.00\r\n")]
    [TestCase("""[{"day": "2026-11-20", "campaign": "november", "amount": 100}]""")]
    public void Read_WithAByteOrderMark_IsReadLikeWithout(string text)
    {
        var (costs, rejection) = CostFile.Read([.. Bom, .. Encoding.UTF8.GetBytes(text)]);

        Assert.That(rejection?.Reason, Is.Null, rejection?.Message);
        Assert.That(costs.Select(c => (c.Day, c.Kind, c.Value, c.Amount)), Is.EqualTo(new[] { (new DateOnly(2026, 11, 20), "campaign", "november", 100m) }));
    }
}
