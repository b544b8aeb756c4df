using System.Text;

namespace Trax.Tests.Integration;

/// <summary>
/// 3,000 form and multipart bodies, each a valid one mutated: nothing escapes as a 500 and every accepted one
/// processes.
/// </summary>
public sealed partial class FuzzTests
{
    [Test]
    public async Task Fuzz_3000MutatedFormAndMultipartBodies_NoServerErrorAndEveryAcceptedOneProcesses()
    {
        const int count = 3000;
        var random = new Random(Seed + 1);
        await using var trax = await TraxApp.StartAsync();
        var byStatus = new SortedDictionary<int, int>();
        var failures = new List<string>();

        for (var i = 0; i < count; i++)
        {
            var (contentType, body) = MutatedBody(random);
            var request = HttpRequests.Create("POST", "/wp-json/trax/v1/" + Pick(random, ["ftd", "sale"]), body: null, contentType: null);
            request.ContentType = contentType;
            request.Body = new MemoryStream(body);
            request.ContentLength = random.Next(5) == 0 ? null : body.Length;
            try
            {
                var answer = await trax.SendAsync(request);
                byStatus[answer.StatusCode] = byStatus.GetValueOrDefault(answer.StatusCode) + 1;
                if (answer.StatusCode is not (200 or 400 or 413) || (answer.StatusCode != 200 && answer.Field("reason") is null))
                {
                    failures.Add($"{answer.StatusCode} {answer.Text} for {contentType}");
                }
            }
            catch (Exception ex)
            {
                failures.Add($"500 ({ex.GetType().Name}: {ex.Message}) for {contentType}, {body.Length} bytes");
            }
        }

        var processed = 0;
        try
        {
            processed = await trax.DrainAsync();
        }
        catch (Exception ex)
        {
            failures.Add($"processing failed (would be poisoned): {ex.Message}");
        }

        ReliabilityTests.Report($"body fuzz (seed {Seed + 1}): {count} mutated form and multipart bodies → " +
            string.Join(", ", byStatus.Select(p => $"{p.Value} × {p.Key}")) + $"; {processed} accepted messages processed; {failures.Count} failures");
        Assert.That(failures, Is.Empty);
        Assert.That(processed, Is.EqualTo(byStatus.GetValueOrDefault(200)));
        Assert.That(byStatus.GetValueOrDefault(200), Is.GreaterThan(count / 10), "many mutations leave a readable body");
        Assert.That(byStatus.GetValueOrDefault(400), Is.GreaterThan(count / 10), "many break it");
        Assert.That(trax.Limits.Refused, Is.Zero, "nothing Azure would refuse reached storage");
    }

    /// <summary>A valid form or multipart body, then a few random mutations of its bytes, headers and boundary.</summary>
    private static (string ContentType, byte[] Body) MutatedBody(Random random)
    {
        var boundary = "----trax" + random.Next(1000, 9999);
        var fields = new List<(string Name, string Value)> { ("clickid", "m" + random.Next(1000)) };
        foreach (var (name, value) in new[]
        {
            ("txid", Pick(random, ["T-1", "Ä-ü/€", "{order_id}", new string('t', 300)])),
            ("payout", Pick(random, ["25.50", "-1", "abc", "12.34567"])),
            ("network", Pick(random, ["AffiliateWeb", "日本語ネット", "{network}"])),
            ("comment", string.Concat(Enumerable.Repeat(Pick(random, ["Ünïcødé ✓ ", "\u0001\u0002", "a&b=c%25+d", "\r\n--", "😀"]), random.Next(1, 400)))),
        })
        {
            if (random.Next(3) > 0)
            {
                fields.Add((name, value));
            }
        }

        string contentType;
        byte[] body;
        if (random.Next(3) == 0)
        {
            contentType = Pick(random, ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "application/x-www-form-urlencoded; charset=latin1"]);
            body = Encoding.UTF8.GetBytes(string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value))));
        }
        else
        {
            contentType = "multipart/form-data; boundary=" + boundary;
            var text = new StringBuilder();
            foreach (var (name, value) in fields)
            {
                text.Append("--").Append(boundary).Append("\r\n")
                    .Append("Content-Disposition: form-data; name=\"").Append(name).Append('"')
                    .Append(random.Next(8) == 0 ? "; filename=\"f.txt\"" : "").Append("\r\n")
                    .Append(random.Next(6) == 0 ? "Content-Type: text/plain; charset=" + Pick(random, ["utf-8", "utf-7", "utf-16", "latin1", "nonsense", "\"utf-8\""]) + "\r\n" : "")
                    .Append("\r\n").Append(value).Append("\r\n");
            }

            text.Append("--").Append(boundary).Append("--\r\n");
            body = Encoding.UTF8.GetBytes(text.ToString());
        }

        for (var n = random.Next(0, 4); n > 0 && body.Length > 0; n--)
        {
            var at = random.Next(body.Length);
            body = random.Next(6) switch
            {
                0 => body[..at], // truncated
                1 => [.. body[..at], (byte)random.Next(256), .. body[(at + 1)..]], // a byte changed
                2 => [.. body[..at], .. Encoding.UTF8.GetBytes(Pick(random, ["\r\n", "--" + boundary, "\r\n\r\n", "\"", ";", "\0"])), .. body[at..]], // something inserted
                3 => [.. body[..at], .. body[Math.Min(body.Length, at + random.Next(1, 40))..]], // a span removed
                4 => [.. body, .. body], // repeated
                _ => body,
            };
        }

        if (random.Next(10) == 0)
        {
            contentType = Pick(random, ["multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"unterminated", "multipart/form-data; boundary=" + new string('b', 200), "multipart/mixed; boundary=" + boundary]);
        }

        return (contentType, body);
    }
}
