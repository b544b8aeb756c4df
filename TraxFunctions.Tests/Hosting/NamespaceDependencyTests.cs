using System.Reflection;
using System.Text.RegularExpressions;
using Trax.Storage;

namespace Trax.Tests.Hosting;

/// <summary>
/// The shape of docs/architecture.md, read from the sources (a <c>using Trax.X;</c> or a <c>Trax.X.</c> name in a
/// file under TraxFunctions/&lt;Folder&gt;/) and from the compiled types: Core and the plumbing (Input, Http, Storage,
/// Telemetry) see no slice; a slice sees another only through its store, its queue or a listener interface, in one
/// direction. Extensions is the composition root and may see everything; nothing may see it.
/// </summary>
public sealed partial class NamespaceDependencyTests
{
    private static readonly Dictionary<string, HashSet<string>> Dependencies = Read();

    [Test]
    public void PostbackLog_DoesNotDependOnConversions()
    {
        // The processor decides outcomes and tells the log; the log never asks the Conversions table what happened.
        Assert.That(Dependencies["PostbackLog"], Does.Not.Contain("Conversions"));
        Assert.That(Dependencies["Conversions"], Does.Contain("PostbackLog"));
    }

    [Test]
    public void Features_HaveNoDependencyCycle()
    {
        var cycle = FindCycle();

        Assert.That(cycle, Is.Null, cycle is null ? "" : "cycle: " + string.Join(" → ", cycle));
    }

    [Test]
    public void InputAndStorage_DependOnNoFeature()
    {
        Assert.That(Dependencies["Input"], Is.Empty, "the input kernel is shared by every feature, so it depends on none");
        Assert.That(Dependencies["Storage"], Is.Empty);
    }

    private static readonly string[] Plumbing = ["Input", "Http", "Storage", "Telemetry"];

    /// <summary>
    /// What each slice may see of the others, and why; everything else a slice needs is in Core or the plumbing. A new
    /// slice adds its line here (docs/architecture.md).
    /// </summary>
    private static readonly Dictionary<string, string[]> SliceDependencies = new()
    {
        ["Clicks"] = ["Links"],                                 // the redirect reads the link (LinkCache, an exception below)
        ["Conversions"] = ["Clicks", "PostbackLog"],            // ClickStore + IClickListener; the journal writes through PostbackLogStore
        ["Forwards"] = ["Conversions", "Zones"],                // IConversionListener; ConversionStore for replays; the delivery log's zone days
        ["Monitoring"] = ["Postbacks", "Forwards"],             // the queues it measures
        ["Poison"] = ["Postbacks"],                             // the postback queue's name
        ["PostbackLog"] = ["Zones"],                            // the log's days are the zone's days (tz=)
        ["Postbacks"] = ["PostbackLog"],                        // refused postbacks are logged through PostbackLogStore
        ["Reports"] = ["Conversions", "PostbackLog", "Rollups", "Rates", "Zones"], // the day index, its rollups, the report's zone and base currency
        ["Rollups"] = ["PostbackLog"],
        ["PostbackCheck"] = ["Postbacks"],                      // the dry run is intake's own reading and judging, minus the queue
        ["Overview"] = ["Reports", "Monitoring", "PostbackLog", "Postbacks", "Zones"], // the report, refusals from the log, the queue's health, the zone's days
        ["Networks"] = ["Postbacks"],                           // a network's token and protection are the intake's security options                          // derived from the day index, dirty hours marked by its writes
        ["Uploads"] = ["Postbacks"],                            // the intake's queue, validator and reason codes
        ["Links"] = [], ["Rates"] = [], ["Zones"] = [], ["Console"] = [],
        ["ConversionSearch"] = ["PostbackLog", "Conversions", "Forwards", "Zones"], // the day index and the log by click; the search's zone days; a conversion's first day; the delivery log
        ["Reconciliation"] = ["Conversions", "PostbackLog", "Postbacks", "Reports", "Zones"], // conversion ids; the day index and refusals; the queue peeked; the CSV writer; the period's zone
        ["Traffic"] = ["Clicks", "Links", "PostbackLog", "Rollups", "Rates", "Reports", "Zones"], // counted clicks (ClickDayStore), links named by cost rows, conversions from the rollups (or the index with each click), zone days, base currency, the reports' CSV
    };

    /// <summary>
    /// Constructor dependencies on another slice that are not a store, a queue or a listener, each with its reason.
    /// </summary>
    private static readonly HashSet<string> ServiceExceptions =
    [
        "Trax.Clicks.ClickTracker -> Trax.Links.LinkCache",          // the redirect must not wait on storage: the cache keeps the last link read
        "Trax.Clicks.ClickRegistrar -> Trax.Links.LinkCache",        // a registered click is checked against its link, as the redirect does
        "Trax.Reports.ConversionReindex -> Trax.Conversions.DayIndexRebuilder", // the re-index API runs the Conversions slice's rebuild
        "Trax.Uploads.ConversionUpload -> Trax.Postbacks.PostbackRequestReader",     // an uploaded row's caller is read as a postback's
        "Trax.PostbackCheck.PostbackChecker -> Trax.Postbacks.PostbackRequestReader", // the check must share intake's code path, not copy it
        "Trax.PostbackCheck.PostbackChecker -> Trax.Postbacks.PostbackIngest",
        "Trax.Overview.OverviewSummary -> Trax.Reports.ConversionReport",        // the overview's numbers are the report's, exactly
        "Trax.Overview.OverviewSummary -> Trax.Monitoring.QueueDepthReporter",    // processor health
        "Trax.Overview.OverviewSummary -> Trax.Zones.TimeZones",                   // the overview's days are the zone's, as the report's
        "Trax.Reports.ConversionReport -> Trax.Rollups.RollupReader",   // a report reads rollups where they are current
        "Trax.Reports.ConversionReport -> Trax.Zones.TimeZones",        // the report's days are the zone's days
        "Trax.Reports.ConversionReport -> Trax.Rates.CurrencyConverter", // base-currency totals at each day's rate
        "Trax.Reports.ConversionLookup -> Trax.Zones.TimeZones",        // the lookup's times at the zone's offset
        "Trax.Forwards.ForwardAdmin -> Trax.Zones.TimeZones",           // the delivery log's day is the zone's, as the postback log's
        "Trax.PostbackLog.PostbackLogQuery -> Trax.Zones.TimeZones",    // the log's days are the zone's days
        "Trax.ConversionSearch.ConversionSearcher -> Trax.Zones.TimeZones", // the search's days are the zone's days
        "Trax.ConversionSearch.ClickPostbacks -> Trax.Zones.TimeZones",       // a conversion's postbacks: the zone's days
        "Trax.ConversionSearch.ConversionDeliveries -> Trax.Zones.TimeZones", // a conversion's deliveries: the zone's days
        "Trax.ConversionSearch.ConversionLogDays -> Trax.Zones.ZoneDayRange", // the zone days those two read
        "Trax.Traffic.TrafficReport -> Trax.Rollups.RollupReader",     // conversions exactly as the conversion report counts them
        "Trax.Traffic.TrafficReport -> Trax.Zones.TimeZones",          // the traffic report's days are the zone's days
        "Trax.Traffic.TrafficReport -> Trax.Rates.CurrencyConverter",  // revenue and cost in the base currency at each day's rate
        "Trax.Traffic.TrafficMoney -> Trax.Rates.RateBook",            // the rates loaded for one report, passed in
        "Trax.Traffic.TrafficRequest -> Trax.Zones.ZoneDayRange",      // a validated request holds its range of zone days
        "Trax.Traffic.ConversionOfClick -> Trax.Clicks.Click",         // a conversion carried with the click it is attributed to
    ];

    [Test]
    public void Core_SeesOnlyInput()
    {
        // Core's message bounds its fields by the limits Input defines; it sees no slice and no other plumbing.
        Assert.That(Dependencies["Core"], Is.SubsetOf(new[] { "Input" }));
    }

    [Test]
    public void Plumbing_SeesNoSlice()
    {
        foreach (var plumbing in Plumbing)
        {
            Assert.That(Dependencies[plumbing], Is.SubsetOf(Plumbing), plumbing);
        }
    }

    [Test]
    public void Slices_SeeOnlyTheSlicesTheArchitectureAllows()
    {
        var slices = Dependencies.Keys.Except(Plumbing).Except(["Core"]).ToList();

        Assert.That(slices, Is.EquivalentTo(SliceDependencies.Keys), "every slice has its line in SliceDependencies");
        foreach (var slice in slices)
        {
            Assert.That(Dependencies[slice].Except(Plumbing).Except(["Core"]), Is.SubsetOf(SliceDependencies[slice]), slice);
        }
    }

    [Test]
    public void Slices_DependOnEachOtherOnlyThroughStoresQueuesAndListeners()
    {
        var offending = typeof(Trax.Extensions.TraxServiceCollectionExtensions).Assembly.GetTypes()
            .Where(t => SliceOf(t) is not null)
            .SelectMany(t => t.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => (Type: t, Dependency: p.ParameterType)))
            .Where(d => SliceOf(d.Dependency) is { } other && other != SliceOf(d.Type))
            .Where(d => !typeof(TableStore).IsAssignableFrom(d.Dependency) && !typeof(IStorageResource).IsAssignableFrom(d.Dependency)
                && !(d.Dependency.IsInterface && d.Dependency.Name.EndsWith("Listener", StringComparison.Ordinal)))
            .Select(d => $"{d.Type.FullName} -> {d.Dependency.FullName}")
            .Distinct()
            .Where(d => !ServiceExceptions.Contains(d))
            .ToList();

        Assert.That(offending, Is.Empty);
    }

    private static string? SliceOf(Type type)
    {
        var parts = (type.Namespace ?? "").Split('.');
        return parts is ["Trax", var name, ..] && !Plumbing.Contains(name) && name is not ("Core" or "Extensions") ? name : null;
    }

    private static List<string>? FindCycle()
    {
        var state = new Dictionary<string, int>();
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in Dependencies.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path[path.IndexOf(next)..], next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        return Dependencies.Keys.Where(n => state.GetValueOrDefault(n) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

    private static Dictionary<string, HashSet<string>> Read()
    {
        var root = RepoPaths.File("TraxFunctions");
        var features = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(d => d is not ("bin" or "obj" or "Properties" or "Extensions")).ToHashSet();
        return features.ToDictionary(feature => feature, feature => Directory
            .EnumerateFiles(Path.Combine(root, feature), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => Reference().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value + m.Groups[2].Value))
            .Where(name => name != feature && (features.Contains(name) || name == "Extensions"))
            .ToHashSet());
    }

    [GeneratedRegex(@"using Trax\.(\w+)(?:\.\w+)*;|\bTrax\.(\w+)\.")]
    private static partial Regex Reference();
}
