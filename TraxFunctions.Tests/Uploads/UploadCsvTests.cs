using System.Text;
using Trax.Uploads;

namespace Trax.Tests.Uploads;

/// <summary>Reading an upload: the header, the rows and their lines, and broken CSV refused with its line.</summary>
public sealed class UploadCsvTests
{
    private const string Header = "clickid,type,txid,payout,currency,status";

    [Test]
    public void Read_HeaderAndRows_GivesEachRowItsFieldsLineAndText()
    {
        var file = Read("\uFEFF" + Header + ",network\r\nc-1,sale,T-1,25.50,EUR,approved,AffiliateWeb\r\n\r\n\"c\r\n2\",ftd,,,,,\r\nc-3,reg,,,,,");

        Assert.That(file.Rejection, Is.Null);
        Assert.That(file.Rows.Select(r => r.Line), Is.EqualTo(new[] { 2L, 4L, 6L }), "the line each row starts on, blank lines and quoted breaks counted");
        Assert.That(file.Rows[0].Fields["clickid"], Is.EqualTo("c-1"), "a byte order mark is not part of the first column");
        Assert.That(file.Rows[0].Fields["network"], Is.EqualTo("AffiliateWeb"));
        Assert.That(file.Rows[0].Raw, Is.EqualTo("c-1,sale,T-1,25.50,EUR,approved,AffiliateWeb"));
        Assert.That(file.Rows[1].Fields["clickid"], Is.EqualTo("c\r\n2"), "kept as sent: validation judges it");
        Assert.That(file.Rows[2].Fields["txid"], Is.Empty);
    }

    [Test]
    public void Read_ColumnsInAnyOrderAndCase_AreMatchedByName()
    {
        var file = Read("Status, TYPE ,clickid,currency,payout,txid,program\nrejected,sale,c-1,EUR,1,T-1,P\n");

        Assert.That(file.Rejection, Is.Null);
        Assert.That(file.Rows.Single().Fields["status"], Is.EqualTo("rejected"));
        Assert.That(file.Rows.Single().Fields["type"], Is.EqualTo("sale"));
        Assert.That(file.Rows.Single().Fields["program"], Is.EqualTo("P"));
    }

    [TestCase("c-1,sale,T-1,1,EUR,approved,extra", 3, "has 7 fields but 6 were expected")]
    [TestCase("c-1,sale,T\"1,1,EUR,approved", 3, "a quote inside an unquoted field")]
    [TestCase("\"c-1,sale,T-1,1,EUR,approved", 3, "a quoted field that is never closed")]
    [TestCase("c-1,sale,\"T-1\"x,1,EUR,approved", 3, "text after the closing quote")]
    public void Read_BrokenCsv_IsRefusedWithItsLine(string badRow, long line, string problem)
    {
        var file = Read($"{Header}\nc-0,ftd,,,,\n{badRow}\nc-2,ftd,,,,\n");

        Assert.That(file.Rows, Is.Empty, "nothing of a broken file is used");
        Assert.That(file.Rejection!.Reason, Is.EqualTo("invalid-csv"));
        Assert.That(file.Rejection.Line, Is.EqualTo(line));
        Assert.That(file.Rejection.Message, Does.Contain($"line {line}").And.Contain(problem));
        Assert.That(file.Rejection.Message, Does.Not.Contain("T\"1").And.Not.Contain("extra"), "values stay out of the message");
    }

    [TestCase("clickid,type,txid,payout,currency", "has no 'status' column")]
    [TestCase(Header + ",campaign", "has a column Trax does not know ('campaign')")]
    [TestCase(Header + ",Status", "names 'status' twice")]
    public void Read_HeaderProblem_IsRefused(string header, string problem)
    {
        var file = Read(header + "\nc-1,ftd,,,,,\n");

        Assert.That(file.Rejection!.Reason, Is.EqualTo("invalid-header"));
        Assert.That(file.Rejection.Message, Does.Contain(problem));
    }

    [TestCase("")]
    [TestCase(Header + "\r\n")]
    [TestCase(Header + "\r\n\r\n\r\n")]
    public void Read_NoRows_IsRefused(string text) => Assert.That(Read(text).Rejection!.Reason, Is.EqualTo("no-rows"));

    [Test]
    public void Read_TenThousandRows_IsTheLimit()
    {
        var rows = string.Concat(Enumerable.Range(0, UploadRejections.MaxRows).Select(i => $"c-{i},ftd,,,,\n"));

        Assert.That(Read(Header + "\n" + rows).Rows, Has.Count.EqualTo(10_000));
        Assert.That(Read(Header + "\n" + rows + "c-x,ftd,,,,\n").Rejection!.Reason, Is.EqualTo("too-many-rows"));
    }

    [Test]
    public void Read_NotUtf8_IsRefused()
    {
        var latin1 = Encoding.Latin1.GetBytes(Header + "\nc-é,ftd,,,,\n");

        Assert.That(UploadCsv.Read(latin1).Rejection!.Reason, Is.EqualTo("invalid-encoding"));
    }

    [Test]
    public void Read_BlankRecordsAnywhere_AreSkippedAndNeverCounted()
    {
        var file = Read($"{Header}\r\n,,,,,\r\nc-1,sale,T-1,1,EUR,approved\r\n   \r\n,\r\n\"\",\" \",\t,,,\r\nc-2,ftd,,,,\r\n,,,,,\r\n,,,,,\r\n");

        Assert.That(file.Rejection, Is.Null, file.Rejection?.Message);
        Assert.That(file.Rows.Select(r => (r.Line, r.Fields["clickid"])), Is.EqualTo(new[] { (3L, "c-1"), (7L, "c-2") }));
    }

    [Test]
    public void Read_BrokenRowAfterBlankRecords_IsRefusedWithItsLineInTheFile()
    {
        var file = Read($"{Header}\r\n,,,,,\r\n \r\nc-1,sale,\"T-1\"x,1,EUR,approved\r\n");

        Assert.That((file.Rejection?.Reason, file.Rejection?.Line), Is.EqualTo(("invalid-csv", (long?)4)));
    }

    [Test]
    public void Read_OnlyBlankRecordsUnderTheHeader_HasNoRows() =>
        Assert.That(Read($"{Header}\r\n,,,,,\r\n  \r\n").Rejection?.Reason, Is.EqualTo("no-rows"));

    private static UploadFile Read(string text) => UploadCsv.Read(Encoding.UTF8.GetBytes(text));
}
