using System.Text.RegularExpressions;

namespace Trax.Input;

/// <summary>
/// Recognises a value that is entirely a network's placeholder (<c>{clickid}</c>, <c>[CLICK_ID]</c>, <c>#s2#</c>,
/// <c>%subid1%</c>, <c>${clickid}</c>, <c>{{click_id}}</c>, <c>&lt;clickid&gt;</c>, <c>*clickid*</c>): the network
/// never substituted it. See shared/postbacks/network-macros.md.
/// </summary>
public static partial class NetworkMacro
{
    /// <summary>A whole placeholder whose name may hold digits, '.' and '-' too (<c>{sub1}</c>): for click ids and optional fields.</summary>
    public static bool IsPlaceholder(string value) => value.Length >= 3 && Placeholder().IsMatch(value);

    /// <summary>
    /// A whole placeholder whose name is a macro's, letters and '_' only (<c>{order_id}</c>, <c>[TXID]</c>): for a value
    /// that is an identity (the txid). A name with digits or other characters (<c>[A-1001]</c>) is data, kept as sent:
    /// taking a real txid for a placeholder would merge two sales into one.
    /// </summary>
    public static bool IsMacro(string value) => value.Length >= 3 && Macro().IsMatch(value);

    // A name starts with a letter and holds letters, digits, '_', '-' or '.', wrapped in one of the known forms.
    private const string Name = "[A-Za-z][A-Za-z0-9_.-]{0,63}";

    private const string MacroName = "[A-Za-z][A-Za-z_]{0,63}";

    [GeneratedRegex(
        @"^(?:\{\{\s*" + Name + @"\s*\}\}|\$\{\s*" + Name + @"\s*\}|\{\s*" + Name + @"\s*\}|\[\s*" + Name + @"\s*\]" +
        "|#" + Name + "#|%" + Name + "%|<" + Name + ">|\\*" + Name + "\\*)\\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(
        @"^(?:\{\{\s*" + MacroName + @"\s*\}\}|\$\{\s*" + MacroName + @"\s*\}|\{\s*" + MacroName + @"\s*\}|\[\s*" + MacroName + @"\s*\]" +
        "|#" + MacroName + "#|%" + MacroName + "%|<" + MacroName + ">|\\*" + MacroName + "\\*)\\z",
        RegexOptions.CultureInvariant)]
    private static partial Regex Macro();
}
