namespace Trax.Clicks;

/// <summary>
/// Link previewers and search crawlers that fetch a link without a person behind it. They are redirected like
/// anyone (a preview should show the real page) but no click is stored, so they never inflate click counts or
/// lend a click id to nobody. Matched as a case-insensitive substring of the User-Agent. Deliberately short: a
/// person mistaken for a bot is a lost click, so only unambiguous tokens are listed. curl, wget and an empty
/// User-Agent are not bots here: operators test links with curl, and a missing header proves nothing.
/// </summary>
public static class BotDetector
{
    public static IReadOnlyList<string> Tokens { get; } =
    [
        "Slackbot",            // Slackbot-LinkExpanding, Slackbot 1.0
        "facebookexternalhit", // Facebook and Messenger link previews
        "TelegramBot",         // before Twitterbot: Telegram says "TelegramBot (like TwitterBot)"
        "Twitterbot",          // X / Twitter cards
        "LinkedInBot",
        "WhatsApp",            // WhatsApp/2.x link previews
        "Discordbot",
        "Googlebot",           // also Googlebot-Image, Googlebot-Mobile
        "bingbot",
    ];

    /// <summary>The matching token, or null for a visitor.</summary>
    public static string? Match(string? userAgent)
    {
        if (string.IsNullOrEmpty(userAgent))
        {
            return null;
        }

        foreach (var token in Tokens)
        {
            if (userAgent.Contains(token, StringComparison.OrdinalIgnoreCase))
            {
                return token;
            }
        }

        return null;
    }
}
