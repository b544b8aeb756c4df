using System.Text;
using Microsoft.AspNetCore.Http;

namespace Trax.Tests.Integration;

/// <summary>
/// How a request is generated: a method, a path, and a query or body of words, values, macros and raw bytes,
/// percent-encoded as Kestrel passes them.
/// </summary>
public sealed partial class FuzzTests
{
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
