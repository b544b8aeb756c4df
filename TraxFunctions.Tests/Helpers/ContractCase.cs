using System.Text.RegularExpressions;

namespace Trax.Tests.Helpers;

/// <summary>
/// One row of shared/postbacks/contract-cases.tsv: a request as a network sends it and the answer Trax owes.
/// The file is read from ../shared when it is there (CI and developers have it), else from the copy in this
/// project; <c>ContractCaseFileTests</c> fails when the two drift apart.
/// </summary>
public sealed partial record ContractCase(
    string Method,
    string Path,
    string? Query,
    string? FormBody,
    bool StorageUnreachable,
    int ExpectedStatus,
    string ExpectedOutcome,
    string Why)
{
    public static string SharedFile => System.IO.Path.Combine(RepoPaths.Shared, "postbacks", "contract-cases.tsv");

    public static string CopyFile => RepoPaths.File("TraxFunctions.Tests", "Postbacks", "contract-cases.tsv");

    public static IEnumerable<ContractCase> All() =>
        System.IO.File.ReadLines(System.IO.File.Exists(SharedFile) ? SharedFile : CopyFile)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(Parse);

    /// <summary>Cases the function itself answers (not the host's routing), as NUnit test cases.</summary>
    public static IEnumerable<TestCaseData> Handled() =>
        All().Where(c => c.ExpectedStatus is not (404 or 405)).Select(c => c.ToTestCase());

    /// <summary>Cases the host answers before any function runs (unknown route, method not listed).</summary>
    public static IEnumerable<TestCaseData> Routed() =>
        All().Where(c => c.ExpectedStatus is 404 or 405).Select(c => c.ToTestCase());

    public bool IsAccepted => ExpectedOutcome is "accepted" or "duplicate-after-processing";

    public string PathAndQuery => Query is null ? Path : $"{Path}?{Query}";

    public override string ToString() => $"{Method} {PathAndQuery}{(FormBody is null ? "" : $" [{FormBody}]")} -> {ExpectedStatus} {ExpectedOutcome}";

    private TestCaseData ToTestCase() => new TestCaseData(this).SetArgDisplayNames($"{Method} {Why}");

    private static ContractCase Parse(string line)
    {
        var cols = line.Split('\t');
        var target = cols[1];
        string? body = null;
        var unreachable = false;

        // Notes in brackets describe the request rather than belong to its URL.
        var note = Note().Match(target);
        if (note.Success)
        {
            target = target[..note.Index];
            var text = note.Groups[1].Value;
            if (text.StartsWith("form body ", StringComparison.Ordinal))
            {
                body = text["form body ".Length..];
            }
            else if (text.Contains("unreachable", StringComparison.Ordinal))
            {
                unreachable = true;
            }
            else
            {
                throw new FormatException($"Unknown note '{text}' in contract case: {line}");
            }
        }

        // "<129 x 'a'>" stands for 129 letters a.
        target = Repeat().Replace(target, m => new string(m.Groups[2].Value[0], int.Parse(m.Groups[1].Value)));
        var q = target.IndexOf('?');
        return new ContractCase(
            cols[0],
            q < 0 ? target : target[..q],
            q < 0 ? null : target[(q + 1)..],
            body,
            unreachable,
            int.Parse(cols[2]),
            cols[3],
            cols[4]);
    }

    [GeneratedRegex(@" \((.+)\)$")]
    private static partial Regex Note();

    [GeneratedRegex(@"<(\d+) x '(.)'>")]
    private static partial Regex Repeat();
}
