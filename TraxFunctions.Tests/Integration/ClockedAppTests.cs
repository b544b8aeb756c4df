using Microsoft.Extensions.Time.Testing;

namespace Trax.Tests.Integration;

/// <summary>
/// An integration test class whose tests each get a fresh app (its own queue and tables on the shared Azurite) on a
/// fake clock that starts at <paramref name="start"/>, with <paramref name="settings"/> if any; the app is disposed
/// after each test.
/// </summary>
public abstract class ClockedAppTests(DateTimeOffset start, IDictionary<string, string?>? settings = null)
{
    // Fields, named as each test class named its own before this base.
    protected FakeTimeProvider clock = null!;
    protected TraxApp trax = null!;

    [SetUp]
    public async Task StartAppAsync()
    {
        clock = new FakeTimeProvider(start);
        trax = await TraxApp.StartAsync(time: clock, settings: settings);
    }

    [TearDown]
    public async Task StopAppAsync() => await trax.DisposeAsync();
}
