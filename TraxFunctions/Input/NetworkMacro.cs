using System.Text.RegularExpressions;

namespace Trax.Input;

/// <summary>
/// Recognises a value that is entirely a network's placeholder (<c>{clickid}</c>, <c>[CLICK_ID]</c>, <c>#s2#</c>,
/// <c>%subid1%</c>, <c>${clickid}</c>, <c>{{click_id}}</c>, <c>&lt;clickid&gt;</c>, <c>*clickid*</c>): the network
/// never substituted it. See shared/postbacks/network-macros.md.
/// </summary>
public static partial class NetworkMacro
{
    public static bool IsPlaceholder(string value) => value.Length >= 3 && Placeholder().IsMatch(value);

    // A name starts with a letter and holds letters, digits, '_', '-' or '.', wrapped in one of the known forms.
    private const string Name = "[A-Za-z][A-Za-z0-9_.-]{0,63}";

    [GeneratedRegex(
        @"^(?:\{\{\s*" + Name + @"\s*\}\}|\$\{\s*" + Name + @"\s*\}|\{\s*" + Name + @"\s*\}|\[\s*" + Name + @"\s*\]" +
        "|#" + Name + "#|%" + Name + "%|<" + Name + ">|\\*" + Name + "\\*)\\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
