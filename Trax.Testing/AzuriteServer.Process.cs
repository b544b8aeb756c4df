using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Trax.Testing;

/// <summary>Azurite's node process: launched, awaited until it listens, stopped; free ports and their connection string.</summary>
public sealed partial class AzuriteServer
{
    // Azurite's well-known development account (public, documented; not a secret).
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private Process Launch()
    {
        var start = new ProcessStartInfo("node")
        {
            ArgumentList =
            {
                script, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--loose",
                "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(),
                "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(),
                "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var started = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        started.OutputDataReceived += (_, _) => { };
        started.ErrorDataReceived += (_, e) => { if (e.Data is not null) log($"azurite: {e.Data}"); };
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        return started;
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before it listened.");
            }

            if (await IsListeningAsync(ports[1]) && await IsListeningAsync(ports[2]))
            {
                return;
            }

            await Task.Delay(100);
        }

        Stop(process!);
        throw new TimeoutException("Azurite did not listen within 60 seconds.");
    }

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public static async Task<bool> IsListeningAsync(int port)
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string ConnectionStringFor(int[] ports) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;";
}
