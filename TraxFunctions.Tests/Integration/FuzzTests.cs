using System.Text;
using Microsoft.AspNetCore.Http;

namespace Trax.Tests.Integration;

/// <summary>
/// 10,000 generated requests (fixed seed) through host-style routing, the real functions and a real queue:
/// nothing escapes as a 500, every refusal carries a documented reason, and every accepted postback processes.
/// Requests are what Kestrel would pass to the app: raw bytes arrive percent-encoded.
/// </summary>
[Category("Integration")]
[Category("Reliability")]
public sealed class FuzzTests
{
    private const int Seed = 20261125;
    private const int Count = 10_000;

    private static readonly string[] Types = ["ftd", "reg", "sale", "FTD", "Sale", "ftd/"];
    private static readonly string[] UnknownTypes = ["deposit", "", "ftd/x", "reg.json"];
    private static readonly string[] WrongMethods = ["DELETE", "PUT", "PATCH", "HEAD", "OPTIONS"];
    private static readonly string[] Names = ["clickid", "CLICKID", "ClickId", "network", "program", "txid", "payout", "currency", "status", "token", "x", ""];

    [Test]
    public async Task Fuzz_10000GeneratedRequests_NoServerErrorAndEveryAcceptedOneProcesses()
    {
        var random = new Random(Seed);
        await using var trax = await TraxApp.StartAsync();
        var reasons = Trax.Postbacks.PostbackRejections.All.Select(r => r.Reason).ToHashSet();
        var byStatus = new SortedDictionary<int, int>();
        var failures = new List<string>();

        for (var i = 0; i < Count; i++)
        {
            var request = Generate(random);
            int status;
            if (FunctionsMetadata.Shared.Route(request.Method, request.Path) is null)
            {
                status = 404; // the host answers before Trax runs
            }
            else
            {
                Answer answer;
                try
                {
                    answer = await trax.SendAsync(request);
                }
                catch (Exception ex)
                {
                    failures.Add($"500 ({ex.GetType().Name}: {ex.Message}) for {Describe(request)}");
                    continue;
                }

                status = answer.StatusCode;
                var valid = status switch
                {
                    200 => answer.Field("status") == "accepted" && answer.Field("id") is not null,
                    400 or 403 or 413 or 414 => answer.Field("status") == "rejected" && reasons.Contains(answer.Field("reason") ?? ""),
                    _ => false,
                };
                if (!valid)
                {
                    failures.Add($"{status} {answer.Body} for {Describe(request)}");
                }
            }

            byStatus[status] = byStatus.GetValueOrDefault(status) + 1;
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

        ReliabilityTests.Report($"fuzz (seed {Seed}): {Count} requests → " +
            string.Join(", ", byStatus.Select(p => $"{p.Value} × {p.Key}")) +
            $"; {processed} accepted messages processed, 0 poisoned; {failures.Count} failures");
        Assert.That(failures, Is.Empty);
        Assert.That(processed, Is.EqualTo(byStatus.GetValueOrDefault(200)));
        Assert.That(byStatus.Keys, Is.SubsetOf(new[] { 200, 400, 403, 404, 413, 414 }));
        Assert.That(byStatus.GetValueOrDefault(200), Is.GreaterThan(Count / 10), "the generator also makes valid postbacks");
        Assert.That(byStatus.GetValueOrDefault(400), Is.GreaterThan(Count / 10));
    }

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

    private static HttpRequest Generate(Random random)
    {
        // One request in ten has a wrong method, one in ten an unknown type: the host answers those itself.
        var method = random.Next(10) == 0 ? Pick(random, WrongMethods) : random.Next(4) == 0 ? "POST" : "GET";
        var path = "/wp-json/trax/v1/" + (random.Next(10) == 0 ? Pick(random, UnknownTypes) : Pick(random, Types));
        var parameters = new List<string>();
        var kind = random.Next(10);
        switch (kind)
        {
            case 0: // a plausible postback with random optional fields
                parameters.Add("clickid=" + Word(random, 1, 40));
                foreach (var name in new[] { "network", "program", "txid", "payout", "currency", "status" })
                {
                    if (random.Next(2) == 0)
                    {
                        parameters.Add(name + "=" + Value(random));
                    }
                }

                break;
            case 1: // random bytes
                parameters.Add("clickid=" + Bytes(random, random.Next(0, 300)));
                break;
            case 2: // over-long values
                parameters.Add("clickid=" + new string('a', random.Next(100, 400)));
                parameters.Add(Pick(random, Names) + "=" + new string('z', random.Next(150, 3000)));
                break;
            case 3: // every control character
                parameters.Add("clickid=ab" + Percent((byte)random.Next(0, 32)) + "cd");
                parameters.Add("network=" + Percent(127) + "x");
                break;
            case 4: // broken UTF-8 and percent-encoding tricks
                parameters.Add("clickid=" + Pick(random, ["%C3", "%FF%FE", "%E2%82", "%252F", "%2", "%%", "%u0041", "+", "%2B", "%25", "a%", "%C0%AF", "%ED%A0%80"]) + Word(random, 0, 5));
                break;
            case 5: // duplicate and case-varied names
                for (var n = random.Next(2, 6); n > 0; n--)
                {
                    parameters.Add(Pick(random, ["clickid", "CLICKID", "ClickID", "clickId"]) + "=" + Pick(random, ["1", "1", "2", " 1", "", "{clickid}"]));
                }

                break;
            case 6: // huge query strings
                parameters.Add("clickid=1");
                parameters.Add("pad=" + new string('p', random.Next(3000, 9000)));
                break;
            case 7: // macros everywhere
                parameters.Add("clickid=" + Pick(random, ["{clickid}", "[CLICK_ID]", "#s2#", "%25subid1%25", "${clickid}", "{{click_id}}", "%3Cclickid%3E", "*clickid*"]));
                parameters.Add("network={network}");
                break;
            case 8: // random names and values
                for (var n = random.Next(0, 8); n > 0; n--)
                {
                    parameters.Add(Pick(random, Names) + "=" + Value(random));
                }

                break;
            default: // valid
                parameters.Add("clickid=" + Word(random, 1, 128));
                break;
        }

        var query = string.Join('&', parameters);
        if (method == "POST" && random.Next(2) == 0)
        {
            var contentType = Pick(random, ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "text/plain", "application/json"]);
            var body = random.Next(4) == 0 ? Bytes(random, random.Next(0, 20_000)) : query;
            return HttpRequests.Create(method, path, body, contentType);
        }

        return HttpRequests.Create(method, query.Length == 0 ? path : path + "?" + query);
    }

    private static string Describe(HttpRequest request) =>
        $"{request.Method} {request.Path}{Truncate(request.QueryString.Value)}";

    private static string Truncate(string? value) => value is null ? "" : value.Length > 200 ? value[..200] + "…" : value;

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!$'()*,;:@/?";

    private static string Word(Random random, int min, int max)
    {
        var builder = new StringBuilder();
        for (var n = random.Next(min, max + 1); n > 0; n--)
        {
            var c = Alphabet[random.Next(Alphabet.Length)];
            builder.Append(c is '/' or '?' ? Percent((byte)c) : c.ToString());
        }

        return builder.ToString();
    }

    private static string Value(Random random) => random.Next(4) switch
    {
        0 => Word(random, 0, 20),
        1 => Bytes(random, random.Next(0, 30)),
        2 => Pick(random, ["25.50", "-3", "1e3", "ten", "eur", "EUR", "E1R", "{payout}", "NaN", "1,5", "٣"]),
        _ => Word(random, 190, 210),
    };

    private static string Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return string.Concat(bytes.Select(Percent));
    }

    private static string Percent(byte b) => "%" + b.ToString("X2");
}
