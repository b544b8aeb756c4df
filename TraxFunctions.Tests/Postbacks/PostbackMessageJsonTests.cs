using System.Text;
using System.Text.Json.Nodes;
using Trax.Core;

namespace Trax.Tests.Postbacks;

public sealed class PostbackMessageJsonTests
{
    private static readonly PostbackMessage Sample = new()
    {
        Version = 1,
        Id = "0192f0c1d2e34f5a8b9c0d1e2f3a4b5c",
        Type = ConversionType.Sale,
        ClickId = "ab/cd#ef",
        Network = "AffiliateWeb",
        Program = "SuperGame1",
        TxId = "T-1001",
        Payout = 25.50m,
        Currency = "EUR",
        Status = "approved",
        ReceivedAt = new DateTimeOffset(2026, 11, 25, 13, 0, 0, TimeSpan.Zero),
        Method = "GET",
        Query = "clickid=ab%2Fcd%23ef&txid=T-1001",
        ClientIp = "203.0.113.7",
        UserAgent = "AffiliateWeb-Postback/1.0",
        Warnings = ["program:too-long"],
    };

    [Test]
    public void Serialize_ThenDeserialize_RoundTrips()
    {
        var back = PostbackMessageJson.Deserialize(PostbackMessageJson.Serialize(Sample));

        Assert.That(back with { Warnings = null }, Is.EqualTo(Sample with { Warnings = null }));
        Assert.That(back.Warnings, Is.EqualTo(Sample.Warnings));
    }

    [Test]
    public void UploadRow_KeepsItsFileAndLine_AndAMessageWithoutThemStillReads()
    {
        var row = Sample with { Method = PostbackMessage.UploadMethod, UploadFile = new string('a', 64), UploadLine = 3 };

        var json = JsonNode.Parse(PostbackMessageJson.Serialize(row))!.AsObject();
        var back = PostbackMessageJson.Deserialize(PostbackMessageJson.Serialize(row));

        Assert.That(((string?)json["uploadFile"], (long?)json["uploadLine"]), Is.EqualTo((new string('a', 64), 3L)));
        Assert.That((back.UploadFile, back.UploadLine), Is.EqualTo((row.UploadFile, row.UploadLine)));
        Assert.That(PostbackMessageJson.Deserialize(PostbackMessageJson.Serialize(Sample)).UploadFile, Is.Null, "a message queued before reads as no file");
    }

    [Test]
    public void Serialize_UsesTheVersionedWireNames()
    {
        var json = JsonNode.Parse(PostbackMessageJson.Serialize(Sample))!.AsObject();

        Assert.That((int)json["v"]!, Is.EqualTo(1));
        Assert.That((string?)json["type"], Is.EqualTo("sale"));
        Assert.That((string?)json["clickId"], Is.EqualTo("ab/cd#ef"));
        Assert.That((string?)json["txid"], Is.EqualTo("T-1001"));
        Assert.That((decimal)json["payout"]!, Is.EqualTo(25.50m));
        Assert.That((string?)json["receivedAt"], Is.EqualTo("2026-11-25T13:00:00+00:00"));
        Assert.That(json.ContainsKey("body"), Is.False, "absent fields are left out");
    }

    [Test]
    public void Serialize_HtmlSensitiveAndNonAsciiText_IsWrittenUnescapedAndReadsBackTheSame()
    {
        // Only the processor reads the message: '&' and friends need no \u0026, and every value survives.
        var unusual = Sample with
        {
            Query = string.Concat(Enumerable.Repeat("clickid=a%26b&x=<é>'+", 300)),
            UserAgent = "Mozilla/5.0 (\"quoted\") ünïcødé",
            Warnings = null,
        };

        var bytes = PostbackMessageJson.Serialize(unusual);

        Assert.That(System.Text.Encoding.UTF8.GetString(bytes), Does.Contain("clickid=a%26b&x=<é>'+").And.Not.Contain("\\u0026"));
        Assert.That(PostbackMessageJson.Deserialize(bytes), Is.EqualTo(unusual).Using<PostbackMessage>((a, b) => a.Query == b.Query && a.UserAgent == b.UserAgent));
    }

    [Test]
    public void Deserialize_MessageWithEscapedCharacters_ReadsTheSameValues()
    {
        // Messages queued by an earlier version escaped HTML-sensitive characters (\u0026); they must still read.
        var escaped = "{\"v\":1,\"id\":\"x\",\"type\":\"ftd\",\"clickId\":\"a\\u0026b\",\"receivedAt\":\"2026-11-25T13:00:00+00:00\"," +
            "\"query\":\"clickid=a%26b\\u0026network=\\u003CX\\u003E\\u002B\"}";

        var message = PostbackMessageJson.Deserialize(escaped);

        Assert.That(message.ClickId, Is.EqualTo("a&b"));
        Assert.That(message.Query, Is.EqualTo("clickid=a%26b&network=<X>+"));
    }

    [Test]
    public void Serialize_QuotesAndControlCharacters_StayEscaped()
    {
        var json = Encoding.UTF8.GetString(PostbackMessageJson.Serialize(Sample with { UserAgent = "a\"b\\c\u0001d" }));

        Assert.That(json, Does.Contain("\"userAgent\":\"a\\\"b\\\\c\\u0001d\""));
        Assert.That(PostbackMessageJson.Deserialize(json).UserAgent, Is.EqualTo("a\"b\\c\u0001d"));
    }

    [TestCase("not json", "not a postback message")]
    [TestCase("null", "empty")]
    [TestCase("{\"v\":2,\"id\":\"x\",\"type\":\"ftd\",\"clickId\":\"1\",\"receivedAt\":\"2026-11-25T13:00:00Z\"}", "version 2 is not supported")]
    [TestCase("{\"v\":7}", "version 7 is not supported")]
    [TestCase("{\"id\":\"x\",\"type\":\"ftd\",\"clickId\":\"1\",\"receivedAt\":\"2026-11-25T13:00:00Z\"}", "not a postback message")]
    [TestCase("{\"v\":1,\"id\":\"x\",\"type\":\"ftd\",\"receivedAt\":\"2026-11-25T13:00:00Z\"}", "not a postback message")]
    [TestCase("{\"v\":1,\"id\":\"x\",\"type\":\"ftd\",\"clickId\":\" \",\"receivedAt\":\"2026-11-25T13:00:00Z\"}", "no id or no clickId")]
    [TestCase("{\"v\":1,\"id\":\"x\",\"type\":\"deposit\",\"clickId\":\"1\",\"receivedAt\":\"2026-11-25T13:00:00Z\"}", "not a postback message")]
    [TestCase("{\"v\":1,\"id\":\"x\",\"type\":0,\"clickId\":\"1\",\"receivedAt\":\"2026-11-25T13:00:00Z\"}", "not a postback message")]
    public void Deserialize_MalformedMessage_ThrowsWithAClearReason(string json, string expected)
    {
        var ex = Assert.Throws<InvalidPostbackMessageException>(() => PostbackMessageJson.Deserialize(Encoding.UTF8.GetBytes(json)));

        Assert.That(ex!.Message, Does.Contain(expected));
    }
}
