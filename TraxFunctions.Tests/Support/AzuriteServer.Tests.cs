namespace Trax.Tests.Support;

/// <summary>The tests' ways to get storage (the process itself is in AzuriteServer.cs, shared with the benchmarks).</summary>
public sealed partial class AzuriteServer
{
    /// <summary>
    /// The storage every integration test shares. Uses, in order, the connection string in TRAX_TEST_STORAGE, an
    /// Azurite already listening on the default ports (as .ci/run and `npm run azurite` start it), or a process of
    /// its own on free loopback ports with a throw-away folder.
    /// </summary>
    public static async Task<AzuriteServer> AcquireAsync()
    {
        if (Environment.GetEnvironmentVariable("TRAX_TEST_STORAGE") is { Length: > 0 } configured)
        {
            return new AzuriteServer(configured);
        }

        if (await IsListeningAsync(10001) && await IsListeningAsync(10002))
        {
            return new AzuriteServer("UseDevelopmentStorage=true");
        }

        return await StartAsync();
    }

    /// <summary>A private Azurite process that this test owns (and may stop and start).</summary>
    public static Task<AzuriteServer> StartAsync() =>
        StartAsync(RepoPaths.Root, line => TestContext.Progress.WriteLine(line));
}
