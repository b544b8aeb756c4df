using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Trax.Benchmarks.Storage;

/// <summary>
/// A private Azurite from the repository's node_modules on free loopback ports, in memory (no disk in the
/// measurement), stopped when disposed. The minimal part of the tests' AzuriteServer, copied so that the bench
/// does not depend on the test project.
/// </summary>
internal sealed class Azurite : IAsyncDisposable
{
    // Azurite's well-known development account (public, documented; not a secret).
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;

    private Azurite(Process process, string connectionString, string version)
    {
        this.process = process;
        ConnectionString = connectionString;
        Version = version;
    }

    public string ConnectionString { get; }

    public string Version { get; }

    public int ProcessId => process.Id;

    public static async Task<Azurite> StartAsync(string repositoryRoot)
    {
        var package = Path.Combine(repositoryRoot, "node_modules", "azurite");
        var script = Path.Combine(package, "dist", "src", "azurite.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed ({script} is missing). Run `npm ci` in {repositoryRoot} first.");
        }

        int[] ports = [FreePort(), FreePort(), FreePort()];
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--inMemoryPersistence",
                "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"azurite: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await IsListeningAsync(ports[1]) && await IsListeningAsync(ports[2])))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                Stop(process);
                throw new InvalidOperationException("Azurite did not start listening within 60 seconds.");
            }

            await Task.Delay(100);
        }

        var version = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(package, "package.json")))
            .RootElement.GetProperty("version").GetString() ?? "?";
        return new Azurite(process, ConnectionStringFor(ports), version);
    }

    public ValueTask DisposeAsync()
    {
        Stop(process);
        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ConnectionStringFor(int[] ports) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;";
}
