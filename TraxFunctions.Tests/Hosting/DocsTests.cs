using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Trax.Tests.Hosting;

/// <summary>
/// The README and docs/*.md stay true to the repository: every relative link leads somewhere (a heading, for an
/// anchor), every test they name exists, every reason code is documented, and the README stays a newcomer's page.
/// </summary>
public sealed partial class DocsTests
{
    private const int MaxReadmeLines = 250;

    private static string Readme => File.ReadAllText(RepoPaths.File("README.md"), Encoding.UTF8);

    private static IEnumerable<string> DocsPages() =>
        Directory.EnumerateFiles(RepoPaths.File("docs"), "*.md").Order(StringComparer.Ordinal);

    private static IEnumerable<TestCaseData> Documents() =>
        DocsPages().Prepend(RepoPaths.File("README.md"))
            .Select(path => new TestCaseData(path).SetArgDisplayNames(Path.GetRelativePath(RepoPaths.Root, path)));

    [Test]
    public void Readme_Length_IsAtMost250Lines()
    {
        var lines = File.ReadAllLines(RepoPaths.File("README.md"), Encoding.UTF8).Length;

        Assert.That(lines, Is.LessThanOrEqualTo(MaxReadmeLines), "the README is the newcomer's page: move depth to docs/");
    }

    [Test]
    public void Readme_EveryDocsPage_IsLinked()
    {
        var targets = Links(Prose(Readme)).Select(link => link.Split('#')[0]).ToHashSet(StringComparer.Ordinal);

        Assert.That(DocsPages(), Is.Not.Empty);
        foreach (var page in DocsPages())
        {
            Assert.That(targets, Does.Contain("docs/" + Path.GetFileName(page)), $"the README links {Path.GetFileName(page)}");
        }
    }

    [TestCaseSource(nameof(Documents))]
    public void Document_EveryRelativeLink_ResolvesToAFileOrHeading(string document)
    {
        var problems = new List<string>();
        foreach (var link in Links(Prose(File.ReadAllText(document, Encoding.UTF8))))
        {
            if (Scheme().IsMatch(link))
            {
                continue; // https:, mailto: …: not ours to check offline
            }

            var hash = link.IndexOf('#');
            var path = hash < 0 ? link : link[..hash];
            var anchor = hash < 0 ? null : link[(hash + 1)..];
            var target = path.Length == 0 ? document : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, Uri.UnescapeDataString(path)));

            if (!target.StartsWith(RepoPaths.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                problems.Add($"{link}: outside the repository (it would break on GitHub)");
            }
            else if (!File.Exists(target) && !Directory.Exists(target))
            {
                problems.Add($"{link}: no such file or folder");
            }
            else if (anchor is not null && (!target.EndsWith(".md", StringComparison.Ordinal) || !Anchors(File.ReadAllText(target, Encoding.UTF8)).Contains(anchor)))
            {
                problems.Add($"{link}: no heading with the anchor #{anchor} in {Path.GetFileName(target)}");
            }
        }

        Assert.That(problems, Is.Empty);
    }

    [TestCaseSource(nameof(Documents))]
    public void Document_EveryTestItNames_Exists(string document)
    {
        var methods = typeof(DocsTests).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Select(method => (Type: type.Name, Method: method.Name)))
            .ToHashSet();
        var problems = new List<string>();
        foreach (Match named in TestName().Matches(File.ReadAllText(document, Encoding.UTF8)))
        {
            var type = named.Groups["type"];
            var method = named.Groups["method"].Value;
            var exists = type.Success ? methods.Contains((type.Value, method)) : methods.Any(m => m.Method == method);
            if (!exists)
            {
                problems.Add(named.Value);
            }
        }

        Assert.That(problems, Is.Empty, "tests named in the text that do not exist (renamed or moved?)");
    }

    [TestCase("## How it works", "how-it-works")]
    [TestCase("### The caller's address", "the-callers-address")]
    [TestCase("## Walk-through: link → click → postback → attributed conversion", "walk-through-link--click--postback--attributed-conversion")]
    [TestCase("## Links: `/api/links`", "links-apilinks")]
    [TestCase("## Keys_and [the](x.md) 512-character bound", "keys_and-the-512-character-bound")]
    public void Anchor_OfAHeading_FollowsGitHubsRule(string heading, string anchor)
    {
        Assert.That(Anchors(heading), Is.EquivalentTo(new[] { anchor }));
    }

    [Test]
    public void Anchors_OfRepeatedHeadings_AreNumberedLikeGitHubs()
    {
        Assert.That(Anchors("## Settings\ntext\n## Settings\n```\n## not a heading\n```\n## Settings"),
            Is.EqualTo(new[] { "settings", "settings-1", "settings-2" }));
    }

    /// <summary>The text outside fenced code blocks and inline code, where links are links.</summary>
    private static string Prose(string markdown) =>
        string.Join('\n', OutsideFences(markdown).Select(line => InlineCode().Replace(line, "")));

    private static IEnumerable<string> OutsideFences(string markdown)
    {
        var fenced = false;
        foreach (var line in markdown.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (!fenced)
            {
                yield return line.TrimEnd('\r');
            }
        }
    }

    private static IEnumerable<string> Links(string prose) => Link().Matches(prose).Select(m => m.Groups["target"].Value);

    /// <summary>
    /// GitHub's anchors for a page's headings: lower case, spaces become '-', everything but letters, digits, '-' and
    /// '_' is removed, a link counts by its text; a repeated anchor gets -1, -2, ….
    /// </summary>
    private static List<string> Anchors(string markdown)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var anchors = new List<string>();
        foreach (var line in OutsideFences(markdown))
        {
            if (Heading().Match(line) is not { Success: true } heading)
            {
                continue;
            }

            var slug = new StringBuilder();
            foreach (var c in LinkInText().Replace(heading.Groups["text"].Value, "${text}").Trim().ToLowerInvariant())
            {
                if (char.IsLetterOrDigit(c) || c is '-' or '_')
                {
                    slug.Append(c);
                }
                else if (c == ' ')
                {
                    slug.Append('-');
                }
            }

            var anchor = slug.ToString();
            var count = seen.GetValueOrDefault(anchor);
            seen[anchor] = count + 1;
            anchors.Add(count == 0 ? anchor : $"{anchor}-{count}");
        }

        return anchors;
    }

    [GeneratedRegex(@"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\[(?<text>[^\[\]]*)\]\([^)]*\)")]
    private static partial Regex LinkInText();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*$")]
    private static partial Regex Heading();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();

    /// <summary>A test named in backticks, <c>Method_Condition_Result</c> or <c>ClassTests.Method_Condition_Result</c>.</summary>
    [GeneratedRegex(@"`(?:(?<type>[A-Z]\w*Tests)\.)?(?<method>[A-Z][a-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+){2,})`")]
    private static partial Regex TestName();
}
