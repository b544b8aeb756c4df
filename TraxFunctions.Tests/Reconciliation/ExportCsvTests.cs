using System.Text;
using Trax.Core;
using Trax.Reconciliation;
using Trax.Zones;

namespace Trax.Tests.Reconciliation;

public sealed class ExportCsvTests
{
    private static readonly Zone StJohns = Zone.Find("America/St_Johns");

    private static readonly ExportMapping Trax = MappingPresets.All["trax"];

    private static ExportFile Read(string csv, ExportMapping? mapping = null, Zone? zone = null) =>
        ExportCsv.Read(Encoding.UTF8.GetBytes(csv), mapping ?? Trax, raw => raw == "paid" ? ConversionStatus.Approved : raw == "reversed" ? ConversionStatus.Rejected : null, zone ?? StJohns);

    [Test]
    public void Read_TraxPreset_ReadsEveryMappedValueAndTheLocalTimeInTheZone()
    {
        var file = Read("clickid,type,txid,status,payout,currency,time\r\nc-1,Sale,T-1,paid,25.50,eur,2026-11-30 23:59:00\r\n");

        Assert.That(file.Rejection, Is.Null);
        var row = file.Rows.Single();
        Assert.That((row.Line, row.ClickId, row.Type, row.TxId, row.StatusRaw, row.Status, row.Amount, row.Currency),
            Is.EqualTo((2L, "c-1", ConversionType.Sale, "T-1", "paid", (ConversionStatus?)ConversionStatus.Approved, (decimal?)25.50m, "EUR")));

        // 23:59 in St John's (−3:30 in November) is 03:29 UTC the next day.
        Assert.That(row.Time, Is.EqualTo(new DateTimeOffset(2026, 12, 1, 3, 29, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Read_TimeWithAnOffset_IsThatInstantWhateverTheZone()
    {
        var file = Read("clickid,type,txid,status,payout,currency,time\r\nc-1,ftd,,,,,2026-11-30T23:59:00+01:00\r\n");

        Assert.That(file.Rows.Single().Time, Is.EqualTo(new DateTimeOffset(2026, 11, 30, 22, 59, 0, TimeSpan.Zero)));
    }

    [Test]
    public void Read_MappingWithoutAClickIdColumnTheHeaderHas_IsRefused()
    {
        var file = Read("sub,type\r\nc-1,ftd\r\n", new ExportMapping { ClickId = "clickid", Type = "type" });

        Assert.That(file.Rejection?.Reason, Is.EqualTo("no-clickid-column"));
    }

    [Test]
    public void Read_MappingNamingAColumnTheHeaderLacks_IsRefusedNamingIt()
    {
        var file = Read("clickid,type\r\nc-1,ftd\r\n", new ExportMapping { ClickId = "clickid", Type = "type", Amount = "Revenue" });

        Assert.That(file.Rejection?.Reason, Is.EqualTo("unknown-column"));
        Assert.That(file.Rejection?.Message, Does.Contain("amount").And.Contain("'Revenue'"));
    }

    [Test]
    public void Read_BrokenCsv_IsRefusedWithItsLine()
    {
        var file = Read("clickid,type,txid,status,payout,currency,time\r\nc-1,ftd,,,,,\r\nc-2,ftd,\"T-2,,,,,\r\n");

        Assert.That(file.Rejection?.Reason, Is.EqualTo("invalid-csv"));
        Assert.That(file.Rejection?.Line, Is.EqualTo(3));
    }

    [Test]
    public void Read_BlankRecordsAnywhere_AreSkippedAndNeverCounted()
    {
        var file = Read("clickid,type,txid,status,payout,currency,time\r\n,,,,,,\r\nc-1,ftd,,,,,\r\n   \r\n,\r\n\"\",\" \",\t,,,,\r\nc-2,ftd,,,,,\r\n,,,,,,\r\n,,,,,,\r\n");

        Assert.That(file.Rejection, Is.Null, file.Rejection?.Message);
        Assert.That(file.Rows.Select(r => (r.Line, r.ClickId)), Is.EqualTo(new[] { (3L, "c-1"), (7L, "c-2") }));
    }

    [Test]
    public void Read_ABadRowAfterBlankRecords_IsRefusedWithItsLineInTheFile()
    {
        var file = Read("clickid,type,txid,status,payout,currency,time\r\n,,,,,,\r\n \r\nc-1,bonus,,,,,\r\n");

        Assert.That((file.Rejection?.Reason, file.Rejection?.Line), Is.EqualTo(("unknown-type", (long?)4)));
    }

    [Test]
    public void Read_OnlyBlankRecordsUnderTheHeader_HasNoRows() =>
        Assert.That(Read("clickid,type,txid,status,payout,currency,time\r\n,,,,,,\r\n \r\n").Rejection?.Reason, Is.EqualTo("no-rows"));

    [Test]
    public void Preview_BlankRecords_AreNotShown()
    {
        var (_, rows) = ExportPreview.Read(Encoding.UTF8.GetBytes("clickid,type\r\n,\r\nc-1,ftd\r\n \r\n,\r\n"), 10)!.Value;

        Assert.That(rows, Is.EqualTo(new[] { new[] { "c-1", "ftd" } }));
    }

    [Test]
    public void Read_RowWithMoreFieldsThanTheHeader_IsRefusedWithItsLine()
    {
        var file = Read("clickid,type\r\nc-1,ftd\r\nc-2,ftd,extra\r\n", new ExportMapping { ClickId = "clickid", Type = "type" });

        Assert.That((file.Rejection?.Reason, file.Rejection?.Line), Is.EqualTo(("invalid-csv", (long?)3)));
    }

    [TestCase("c-1,bonus,,,,,", "unknown-type")]
    [TestCase("c-1,ftd,,,12;50,,", "invalid-amount")]
    [TestCase("c-1,ftd,,,12.50,Euro,", "invalid-currency")]
    [TestCase("c-1,ftd,,,12.50,€,", "invalid-currency")]
    [TestCase("c-1,ftd,,,,,30/11/2026", "invalid-time")]
    public void Read_ValueTheMappingCannotRead_IsRefusedWithItsLine(string row, string reason)
    {
        var file = Read($"clickid,type,txid,status,payout,currency,time\r\nc-0,ftd,,,,,\r\n{row}\r\n");

        Assert.That((file.Rejection?.Reason, file.Rejection?.Line), Is.EqualTo((reason, (long?)3)));
    }

    [TestCase("0001-01-01 00:00:00", "Asia/Kathmandu")]
    [TestCase("9999-12-31 23:59:59", "America/St_Johns")]
    public void Read_ATimeThatIsNoInstant_IsRefusedAsInvalidTimeNotAnError(string time, string zone)
    {
        var file = Read($"clickid,type,txid,status,payout,currency,time\r\nc-1,ftd,,,,,{time}\r\n", zone: Zone.Find(zone));

        Assert.That((file.Rejection?.Reason, file.Rejection?.Line), Is.EqualTo(("invalid-time", (long?)2)));
    }

    [Test]
    public void Read_AnAmountBeyondWhatTraxSums_IsRefusedAsInvalidAmount()
    {
        var file = Read("clickid,type,txid,status,payout,currency,time\r\nc-1,ftd,,,79228162514264337593543950335,EUR,\r\n");

        Assert.That((file.Rejection?.Reason, file.Rejection?.Line), Is.EqualTo(("invalid-amount", (long?)2)));
    }

    [TestCase("1.00000000000000000000000000001")] // 30 significant digits: parsed, 1
    [TestCase("999999999999.99999999999999999")] // 29 significant digits: parsed, 1000000000000.0000000000000000
    [TestCase("0.00000000000000000000000000001")] // 29 decimals: parsed, 0
    public void Read_AnAmountADecimalWouldRound_IsRefusedAsInvalidAmountNeverRounded(string amount)
    {
        var file = Read($"clickid,type,txid,status,payout,currency,time\r\nc-0,ftd,,,1,EUR,\r\nc-1,ftd,,,{amount},EUR,\r\n");

        Assert.That((file.Rejection?.Reason, file.Rejection?.Line), Is.EqualTo(("invalid-amount", (long?)3)));
        Assert.That(file.Rejection?.Message, Does.Contain("28 significant digits"));
    }

    // Each amount is exact, but their total would need more digits than a decimal has: the summary would round it.
    [TestCase("1000000000000", "0.0000000000000000000000000001", "EUR", "EUR", 3)]
    [TestCase("999999999999.9999999999999999", "999999999999.9999999999999999", "", "", 9)] // the 8th: past decimal's 7.9e28
    public void Read_AmountsWhoseTotalADecimalWouldRound_AreRefusedAsInvalidAmountAtTheRowThatTipsIt(
        string first, string then, string firstCurrency, string thenCurrency, long line)
    {
        var rows = string.Concat(Enumerable.Range(0, 8).Select(i => $"c-{i},ftd,,,{(i == 0 ? first : then)},{(i == 0 ? firstCurrency : thenCurrency)},\r\n"));
        var file = Read($"clickid,type,txid,status,payout,currency,time\r\n{rows}");

        Assert.That((file.Rejection?.Reason, file.Rejection?.Line), Is.EqualTo(("invalid-amount", (long?)line)));
        Assert.That(file.Rejection?.Message, Does.Contain("total"));
    }

    [Test]
    public void Read_AmountsOfOtherCurrencies_AreTotalledApart()
    {
        var file = Read("clickid,type,txid,status,payout,currency,time\r\nc-1,ftd,,,1000000000000,EUR,\r\nc-2,ftd,,,0.0000000000000000000000000001,USD,\r\n");

        Assert.That(file.Rejection, Is.Null);
    }

    [TestCase("999999999999.9999999999999999", "999999999999.9999999999999999")] // 28 significant digits
    [TestCase("-0.0000000000000000000000000001", "-0.0000000000000000000000000001")] // 28 decimals
    [TestCase("12.50000000000000000000000000000000", "12.5")] // trailing zeros are no digits
    [TestCase("000000000000000000000000000012.5", "12.5")]
    public void Read_AnAmountADecimalHoldsExactly_IsReadAsWritten(string amount, string read)
    {
        var file = Read($"clickid,type,txid,status,payout,currency,time\r\nc-1,ftd,,,{amount},EUR,\r\n");

        Assert.That(file.Rows?.Single().Amount, Is.EqualTo(decimal.Parse(read, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Read_ATimeFormatThatIsNoFormat_IsRefusedAsInvalidTimeNotAnError()
    {
        var file = Read("clickid,type,time\r\nc-1,ftd,2026-11-30\r\n", new ExportMapping { ClickId = "clickid", Type = "type", Time = "time", TimeFormat = "%" });

        Assert.That(file.Rejection?.Reason, Is.EqualTo("invalid-time"));
    }

    [Test]
    public void Read_TheExportsOwnEventNames_AreReadThroughTypesAndTypeValue()
    {
        var mapped = Read("clickid,event\r\nc-1,Deposit\r\nc-2,Bonus Signup\r\n", new ExportMapping { ClickId = "clickid", Type = "event", Types = "Bonus Signup:reg" });
        var one = Read("clickid\r\nc-1\r\n", new ExportMapping { ClickId = "clickid", TypeValue = "sale" });
        var none = Read("clickid\r\nc-1\r\n", new ExportMapping { ClickId = "clickid" });

        Assert.That(mapped.Rows.Select(r => r.Type), Is.EqualTo(new[] { ConversionType.Ftd, ConversionType.Reg }));
        Assert.That(one.Rows.Single().Type, Is.EqualTo(ConversionType.Sale));
        Assert.That(none.Rejection?.Reason, Is.EqualTo("no-type-column"));
    }

    [Test]
    public void Read_UnixSeconds_AreUtc()
    {
        var file = Read("sub1,event_name,conversion_unix_timestamp,transaction_id,status,payout,currency\r\nc-1,ftd,1796083200,,,,\r\n", MappingPresets.All["everflow"]);

        Assert.That(file.Rows.Single().Time, Is.EqualTo(DateTimeOffset.FromUnixTimeSeconds(1796083200)));
    }

    [TestCase("30/11/2026 23:59 +01:00", "dd/MM/yyyy HH:mm zzz")]
    [TestCase("2026-11-30 22:59:00Z", "yyyy-MM-dd HH:mm:ssK")]
    [TestCase("2026-11-30 17:59:00 -05:00", "yyyy-MM-dd HH:mm:ss zzz")]
    public void ParseTime_AFormatWithAnOffset_IsThatInstantWhateverTheZone(string text, string format)
    {
        // Malta is +01:00 in November, Kathmandu +05:45: the offset the network wrote decides, not the zone.
        Assert.That(ExportCsv.ParseTime(text, format, Zone.Find("Europe/Malta")), Is.EqualTo(new DateTimeOffset(2026, 11, 30, 22, 59, 0, TimeSpan.Zero)));
        Assert.That(ExportCsv.ParseTime(text, format, Zone.Find("Asia/Kathmandu")), Is.EqualTo(new DateTimeOffset(2026, 11, 30, 22, 59, 0, TimeSpan.Zero)));
    }

    [Test]
    public void ParseTime_ALocalTimeTheZoneSkipped_IsReadAnHourLater()
    {
        // Clocks in Paris went from 02:00 to 03:00 on 2026-03-29: 02:30 never happened there.
        var parsed = ExportCsv.ParseTime("2026-03-29 02:30:00", null, Zone.Find("Europe/Paris"));

        Assert.That(parsed, Is.EqualTo(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero)));
    }

    [Test]
    public void ParseTime_ALocalTimeInAHalfHourGap_IsReadAsLateAsTheGapIsLong()
    {
        // Lord Howe's clocks went from 02:00 (+10:30) to 02:30 (+11:00) on 2026-10-04: 02:10 is read as the clocks
        // showed 02:40, the instant 15:40 UTC the day before; an hour later would be 16:10, half an hour off.
        var parsed = ExportCsv.ParseTime("2026-10-04 02:10:00", null, Zone.Find("Australia/Lord_Howe"));

        Assert.That(parsed, Is.EqualTo(new DateTimeOffset(2026, 10, 3, 15, 40, 0, TimeSpan.Zero)));
    }
}
