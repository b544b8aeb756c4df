namespace Trax.Tests.Helpers;

/// <summary>The tests' ways to get storage (the process itself is <see cref="AzuriteServer"/>, shared with the benchmarks).</summary>
public static class AzuriteStorage
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
            return AzuriteServer.Existing(configured);
        }

        if (await AzuriteServer.IsListeningAsync(10001) && await AzuriteServer.IsListeningAsync(10002))
        {
            return AzuriteServer.Existing("UseDevelopmentStorage=true");
        }

        return await StartPrivateAsync();
    }

    /// <summary>A private Azurite process that this test owns (and may stop and start).</summary>
    public static Task<AzuriteServer> StartPrivateAsync() =>
        AzuriteServer.StartAsync(RepoPaths.Root, line => TestContext.Progress.WriteLine(line));
}
