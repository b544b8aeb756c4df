using System.Text;
using Trax.Clicks;

namespace Trax.Tests.Clicks;

public sealed class BotDetectorTests
{
    [TestCase("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Slackbot")]
    [TestCase("facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "facebookexternalhit")]
    [TestCase("Twitterbot/1.0", "Twitterbot")]
    [TestCase("LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", "LinkedInBot")]
    [TestCase("WhatsApp/2.23.20.0 A", "WhatsApp")]
    [TestCase("TelegramBot (like TwitterBot)", "TelegramBot")]
    [TestCase("Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "Discordbot")]
    [TestCase("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot")]
    [TestCase("Googlebot-Image/1.0", "Googlebot")]
    [TestCase("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "bingbot")]
    [TestCase("SLACKBOT 1.0", "Slackbot")]
    public void Match_KnownBotOrPreviewer_ReturnsItsToken(string userAgent, string token)
    {
        Assert.That(BotDetector.Match(userAgent), Is.EqualTo(token));
    }

    [TestCase(HttpRequests.BrowserUserAgent)]
    [TestCase("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")]
    [TestCase("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0")]
    [TestCase("curl/8.5.0")]
    [TestCase("Wget/1.21.4")]
    [TestCase("")]
    [TestCase(null)]
    public void Match_PersonOrOperatorTool_ReturnsNull(string? userAgent)
    {
        Assert.That(BotDetector.Match(userAgent), Is.Null);
    }

    [Test]
    public void Tokens_EveryOne_IsDocumentedInClicksAndLinks()
    {
        var page = File.ReadAllText(RepoPaths.File("docs", "clicks-and-links.md"), Encoding.UTF8);

        foreach (var token in BotDetector.Tokens)
        {
            Assert.That(page, Does.Contain($"`{token}`"), token);
        }
    }
}
