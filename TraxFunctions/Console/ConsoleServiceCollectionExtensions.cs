namespace Trax.OperatorConsole;

/// <summary>
/// The console's registration. Its namespace is not <c>Trax.Console</c>: that would hide <see cref="System.Console"/>
/// from every file in a <c>Trax.*</c> namespace.
/// </summary>
public static class ConsoleServiceCollectionExtensions
{
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services) =>
        services.AddSingleton<ConsoleAssets>();
}
