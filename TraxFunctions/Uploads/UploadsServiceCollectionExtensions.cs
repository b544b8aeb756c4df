namespace Trax.Uploads;

public static class UploadsServiceCollectionExtensions
{
    /// <summary>The conversion upload (CSV or JSON), queued like postbacks.</summary>
    public static IServiceCollection AddUploads(this IServiceCollection services) => services.AddSingleton<ConversionUpload>();
}
