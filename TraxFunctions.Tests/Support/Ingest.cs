using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Trax.Postbacks;

namespace Trax.Tests.Support;

public static class Ingest
{
    public static PostbackIngest Create(PostbackQueue queue, TraxOptions? options = null, PostbackSecurityOptions? security = null) =>
        new(queue, new NetworkGuard(Options.Create(security ?? new PostbackSecurityOptions())), TimeProvider.System,
            Options.Create(options ?? new TraxOptions()), NullLogger<PostbackIngest>.Instance);
}
