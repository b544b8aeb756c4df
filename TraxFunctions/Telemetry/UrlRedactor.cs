using System.Diagnostics;
using OpenTelemetry;
using Trax.Input;

namespace Trax.Telemetry;

/// <summary>
/// Redacts a postback's <c>token</c> from every URL an exported span carries (<c>url.full</c>, <c>url.query</c>, and
/// the older <c>http.url</c> and <c>http.target</c>), whichever instrumentation recorded it. Networks should send
/// the token in the <c>X-Trax-Token</c> header instead: headers are not recorded (docs/security.md).
/// </summary>
public sealed class UrlRedactor : BaseProcessor<Activity>
{
    private static readonly string[] UrlTags = ["url.full", "url.query", "http.url", "http.target", "url.original"];

    public override void OnEnd(Activity data)
    {
        foreach (var tag in UrlTags)
        {
            if (data.GetTagItem(tag) is string url)
            {
                data.SetTag(tag, tag == "url.query" ? SecretParameters.Redact(url.TrimStart('?'), SecretParameters.IsSecretName) : SecretParameters.RedactUrl(url, SecretParameters.IsSecretName));
            }
        }
    }
}
