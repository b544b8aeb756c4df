using System.Diagnostics;

namespace Trax.Testing;

/// <summary>
/// The storage tests and benchmarks run on: a private Azurite from the repository's node_modules (`npm ci`) on free
/// loopback ports, with a throw-away folder (or in memory), stopped when disposed; or storage someone else runs.
/// <see cref="SharedAsync"/> is the one the integration tests share: one per test run, each app on it with tables
/// and queues of its own.
/// </summary>
public sealed partial class AzuriteServer : IAsyncDisposable
{
    private static readonly Lock SharedLock = new();
    private static Task<AzuriteServer>? shared;

    private Process? process;
    private readonly string? location;
    private readonly int[] ports;
    private readonly string script;
    private readonly Action<string> log;

    private AzuriteServer(string connectionString, string script = "", Action<string>? log = null, string? location = null, int[]? ports = null)
    {
        ConnectionString = connectionString;
        this.script = script;
        this.log = log ?? (_ => { });
        this.location = location;
        this.ports = ports ?? [];
    }

    public string ConnectionString { get; }

    /// <summary>Storage someone else runs (an Azurite on the default ports, an account): nothing to start or stop.</summary>
    public static AzuriteServer Existing(string connectionString) => new(connectionString);

    /// <summary>The process id of this Azurite, when this object started it.</summary>
    public int? ProcessId => process?.Id;

    /// <summary>
    /// The storage every integration test shares, acquired on first use and kept for the test run (see
    /// <see cref="AcquireAsync"/>); <see cref="StopSharedAsync"/> ends it.
    /// </summary>
    public static Task<AzuriteServer> SharedAsync()
    {
        lock (SharedLock)
        {
            return shared ??= AcquireAsync();
        }
    }

    /// <summary>Stops the shared storage if it was started (a later <see cref="SharedAsync"/> acquires it again).</summary>
    public static async Task StopSharedAsync()
    {
        Task<AzuriteServer>? running;
        lock (SharedLock)
        {
            (running, shared) = (shared, null);
        }

        if (running is { IsCompletedSuccessfully: true })
        {
            await running.Result.DisposeAsync();
        }
    }

    /// <summary>
    /// Storage for tests. Uses, in order, the connection string in TRAX_TEST_STORAGE, an Azurite already listening on
    /// the default ports (as .ci/run and `npm run azurite` start it), or a process of its own on free loopback ports
    /// with a throw-away folder.
    /// </summary>
    public static async Task<AzuriteServer> AcquireAsync(Action<string>? log = null)
    {
        if (Environment.GetEnvironmentVariable("TRAX_TEST_STORAGE") is { Length: > 0 } configured)
        {
            return Existing(configured);
        }

        if (await IsListeningAsync(10001) && await IsListeningAsync(10002))
        {
            return Existing("UseDevelopmentStorage=true");
        }

        return await StartAsync(log: log);
    }

    /// <summary>
    /// Starts Azurite from the repository's node_modules (<paramref name="repositoryRoot"/>, else the one above the
    /// running assembly): with its data in a throw-away folder (it can be stopped and restarted), or in memory (nothing
    /// on disk, for measurements). Its error output goes to <paramref name="log"/>, else to standard error.
    /// </summary>
    public static async Task<AzuriteServer> StartAsync(string? repositoryRoot = null, Action<string>? log = null, bool inMemory = false)
    {
        repositoryRoot ??= RepoPaths.Root;
        log ??= Console.Error.WriteLine;
        var script = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException(
                $"Azurite is not installed ({script} is missing). Run `npm ci` in {repositoryRoot}, then try again.");
        }

        var ports = new[] { FreePort(), FreePort(), FreePort() };
        var location = inMemory ? null : Directory.CreateTempSubdirectory("trax-azurite-").FullName;
        var server = new AzuriteServer(ConnectionStringFor(ports), script, log, location, ports);
        server.process = server.Launch();
        await server.WaitUntilListeningAsync();
        return server;
    }

    /// <summary>Stops this test's own Azurite the way an operator would (SIGINT: it saves its data first).</summary>
    public async Task StopAsync()
    {
        var running = process ?? throw new InvalidOperationException("Only an Azurite this test started can be stopped.");
        if (!running.HasExited)
        {
            using var interrupt = Process.Start("kill", ["-INT", running.Id.ToString()]);
            await interrupt!.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await running.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Stop(running);
            }
        }

        running.Dispose();
        process = null;
    }

    /// <summary>Starts it again on the same ports with the same data folder.</summary>
    public async Task RestartAsync()
    {
        if (process is not null || location is null)
        {
            throw new InvalidOperationException("Restart follows StopAsync on an Azurite started with a data folder.");
        }

        process = Launch();
        await WaitUntilListeningAsync();
    }

    /// <summary>Kills a private Azurite (storage goes away mid-test); <see cref="DisposeAsync"/> still cleans up.</summary>
    public void Kill()
    {
        if (process is not null)
        {
            Stop(process);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            Kill();
            process.Dispose();
        }

        if (location is not null)
        {
            try
            {
                Directory.Delete(location, recursive: true);
            }
            catch (IOException)
            {
                // a file still held open; the temp folder is cleaned by the OS
            }
        }

        await Task.CompletedTask;
    }
}
