using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Trax.PostbackLog;
using Trax.Postbacks;

namespace Trax.Tests.Support;

public static class Ingest
{
    public static PostbackIngest Create(PostbackQueue queue, TraxOptions? options = null, PostbackLogWriter? log = null) =>
        new(queue, log ?? new RecordingLog().Writer(), TimeProvider.System, Options.Create(options ?? new TraxOptions()),
            NullLogger<PostbackIngest>.Instance);
}
