using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Trax.Monitoring;
using Trax.PostbackLog;
using Trax.Postbacks;

namespace Trax.Tests.Support;

public static class Ingest
{
    public static PostbackIngest Create(
        PostbackQueue queue,
        TraxOptions? options = null,
        PostbackSecurityOptions? security = null,
        TraxMetrics? metrics = null,
        PostbackLogWriter? log = null) =>
        new(queue, new NetworkGuard(Options.Create(security ?? new PostbackSecurityOptions())), log ?? new RecordingLog().Writer(),
            TimeProvider.System, Options.Create(options ?? new TraxOptions()), metrics ?? TestMetrics.Unobserved(), NullLogger<PostbackIngest>.Instance);
}
