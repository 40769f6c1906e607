using Marten;

namespace Interview.Api.Live;

public static class LiveConfiguration
{
    /// <summary>Committed stream changes reach this process through PostgreSQL LISTEN/NOTIFY, whichever process committed them.</summary>
    public static IServiceCollection AddLiveStreams(this IServiceCollection services)
    {
        services.AddSingleton<StreamChanges>();
        services.AddHostedService<StreamChangeListener>();
        services.ConfigureMarten(options => options.Listeners.Add(new StreamChangeNotifier()));
        return services;
    }
}
