using System.Diagnostics;
using Trax.Benchmarks.Micro;
using Trax.Benchmarks.Report;
using Trax.Benchmarks.Storage;
using Trax.Testing;

// One command runs everything: dotnet run -c Release --project bench/Trax.Benchmarks
//   --quick          fewer iterations and items (a smoke run, not for docs/performance.md)
//   --no-micro       skip the BenchmarkDotNet part;  --no-storage  skip the Azurite part
//   --out <file>     where to write the markdown (default bench/results/latest.md; quick runs: bench/results/quick.md)
//   --filter <text>  only the micro-benchmarks whose description contains the text (e.g. --filter serialize)
var quick = args.Contains("--quick");
var root = RepositoryRoot();
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault()
    ?? Path.Combine(root, "bench", "results", quick ? "quick.md" : "latest.md");
var started = DateTimeOffset.UtcNow;
var clock = Stopwatch.StartNew();
var machine = Machine.Describe();

if (args.Contains("--reports"))
{
    // The report bench alone (docs/performance.md#reports-at-scale): --sizes 10000,100000[,1000000]
    var sizes = (args.SkipWhile(a => a != "--sizes").Skip(1).FirstOrDefault() ?? "10000,100000").Split(',').Select(int.Parse).ToList();
    var table = new System.Text.StringBuilder("| conversions | days | zone | before rollups: median, requests, allocated | hour rollups only | day rows |\n| --- | --- | --- | --- | --- | --- |\n");
    foreach (var size in sizes)
    {
        table.Append(await OnFreshAzuriteAsync(c => Trax.Benchmarks.Reports.ReportScale.RunAsync(c, size, quick ? 3 : 5)));
    }

    await WriteAloneAsync("Report bench", "reports.md", table.ToString());
    return;
}

if (args.Contains("--report-parts"))
{
    // Where a 90-day report's time goes (docs/performance.md#reports-at-scale): --sizes 1000000 (one size)
    var size = int.Parse(args.SkipWhile(a => a != "--sizes").Skip(1).FirstOrDefault() ?? "1000000", System.Globalization.CultureInfo.InvariantCulture);
    await using var azurite = await AzuriteServer.StartAsync(root, Console.Error.WriteLine, inMemory: true);
    var parts = await Trax.Benchmarks.Reports.ReportParts.RunAsync(azurite.ConnectionString, azurite.ProcessId, size);
    await WriteAloneAsync($"Where a 90-day report's time goes, {size:N0} conversions", "report-parts.md", "| what | measured |\n| --- | --- |\n" + parts);
    return;
}

if (args.Contains("--reconciliation"))
{
    // The reconciliation bench alone (docs/reconciliation.md#cost): --sizes 1000,10000,100000
    var sizes = (args.SkipWhile(a => a != "--sizes").Skip(1).FirstOrDefault() ?? "1000,10000,100000").Split(',').Select(int.Parse).ToList();
    var table = new System.Text.StringBuilder("| export rows (and conversions) | time | rows/s | PostbackLog requests | Reconciliations requests | all requests | per 1,000 rows | allocated |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    foreach (var size in sizes)
    {
        table.Append(await OnFreshAzuriteAsync(c => Trax.Benchmarks.Reconciliation.ReconciliationScale.RunAsync(c, size)));
    }

    await WriteAloneAsync("Reconciliation bench", "reconciliation.md", table.ToString());
    return;
}

if (args.Contains("--redirect"))
{
    // The redirect alone (docs/performance.md#the-redirect-and-click-counting): /go against a raw click insert.
    var redirectRounds = quick ? 6 : 40;
    var table = new System.Text.StringBuilder("| /go | in flight | network delay per request | visits | /go per visit (median round) | raw insert per visit | /go time ÷ raw time (median, quartiles) | requests per visit: /go, raw |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    // Without a delay: Azurite's own cost. With 5 ms per request: a network's round trip, as in Azure (NetworkLatency).
    foreach (var (concurrency, counting, delay) in new[] { (1, false, 0), (1, true, 0), (8, false, 0), (8, true, 0), (1, false, 5), (1, true, 5), (8, false, 5), (8, true, 5) })
    {
        var r = await OnFreshAzuriteAsync(c => RedirectRatio.RunAsync(c, redirectRounds, concurrency == 1 ? 10 : 32, concurrency, counting, TimeSpan.FromMilliseconds(delay)));
        double Ms(Trax.Benchmarks.Storage.Measurement[] m) => m.Select(x => x.Wall.TotalMilliseconds / r.PerRound).Order().ElementAt(m.Length / 2);
        table.Append(System.FormattableString.Invariant(
            $"| {(counting ? "counts the click" : "without counting (as before)")} | {concurrency} | {delay} ms | {r.Items} | {Ms(r.Trax):0.00} ms | {Ms(r.Raw):0.00} ms | {1 / r.Ratio:0.00} ({1 / r.UpperQuartile:0.00}–{1 / r.LowerQuartile:0.00}) | {r.TraxRequestsPerItem:0.00}, {r.RawRequestsPerItem:0.00} |\n"));
        Console.WriteLine(table);
    }

    await WriteAloneAsync("Redirect bench", "redirect.md", table.ToString());
    return;
}

var filter = args.SkipWhile(a => a != "--filter").Skip(1).FirstOrDefault();
IReadOnlyList<MicroResult> micro = args.Contains("--no-micro") ? [] : MicroSuite.Run(quick, filter);

string? azuriteVersion = null;
List<RatioResult> ratios = [];
IReadOnlyList<RoundTrips> roundTrips = [];
if (!args.Contains("--no-storage"))
{
    azuriteVersion = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "node_modules", "azurite", "package.json")))
        .RootElement.GetProperty("version").GetString() ?? "?";
    // Many short alternating rounds: on a shared machine the median of 100 paired rounds is steadier than a few
    // long ones. Each comparison also runs as a control (raw on both sides) to show the noise floor.
    var rounds = quick ? 6 : 100;
    Console.WriteLine($"// Azurite {azuriteVersion}, a fresh one per comparison; round trips, then ingest and processor ratios ({rounds} rounds each)");
    roundTrips = await OnFreshAzuriteAsync(RoundTripTrace.RunAsync);
    foreach (var control in new[] { false, true })
    {
        ratios.Add(await OnFreshAzuriteAsync(c => IngestRatio.RunAsync(c, rounds, perRound: quick ? 64 : 100, concurrency: 32, control)));
        Console.WriteLine($"// {ratios[^1].Name}: ratio {ratios[^1].Ratio:0.000}");

        // 24 in flight: what one instance runs with host.json's batchSize 16 + newBatchThreshold 8.
        ratios.Add(await OnFreshAzuriteAsync(c => ProcessorRatio.RunAsync(c, rounds, perRound: quick ? 48 : 60, concurrency: 24, control)));
        Console.WriteLine($"// {ratios[^1].Name}: ratio {ratios[^1].Ratio:0.000}");
    }
}

var report = new ResultsReport(started, clock.Elapsed, machine, "dotnet run -c Release --project bench/Trax.Benchmarks" + (args.Length > 0 ? " -- " + string.Join(' ', args) : ""),
    azuriteVersion, micro, ratios, roundTrips);
var markdown = report.ToMarkdown();
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
await File.WriteAllTextAsync(output, markdown);
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"Written to {Path.GetRelativePath(root, output)}");

// In memory (no disk in the measurement), and fresh for each comparison: deleting the ingest comparison's queue
// of 20,000 messages makes Azurite's extent clean-up hold its single thread for many minutes (LokiJS re-sorts an
// index per removed batch), which a comparison run after it would measure instead of Trax.
async Task<T> OnFreshAzuriteAsync<T>(Func<string, Task<T>> run)
{
    await using var azurite = await AzuriteServer.StartAsync(root, Console.Error.WriteLine, inMemory: true);
    return await run(azurite.ConnectionString);
}

static string RepositoryRoot()
{
    foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Trax.slnx")))
            {
                return dir.FullName;
            }
        }
    }

    throw new InvalidOperationException("Run the bench from inside the Trax repository (no Trax.slnx found above).");
}

// A bench run alone (--reports, --report-parts, --reconciliation, --redirect): its table under a header saying when, where and how.
async Task WriteAloneAsync(string title, string defaultFile, string table)
{
    var file = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault() ?? Path.Combine(root, "bench", "results", defaultFile);
    var text = $"# {title}\n\n{started:yyyy-MM-dd HH:mm} UTC, {machine.Cpu}, {machine.Cores} cores, {machine.Os}, {machine.Runtime}, load {machine.LoadAverage}, {clock.Elapsed.TotalMinutes:0.0} minutes: `dotnet run -c Release --project bench/Trax.Benchmarks -- {string.Join(' ', args)}`\n\n{table}";
    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
    await File.WriteAllTextAsync(file, text);
    Console.WriteLine(text);
}
