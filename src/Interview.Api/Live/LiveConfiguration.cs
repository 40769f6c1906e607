namespace Interview.Api.Live;

public static class LiveConfiguration
{
    /// <summary>
    /// Committed stream changes reach this process through PostgreSQL LISTEN/NOTIFY, whichever process committed them
    /// (the store's options add the notifier: <see cref="Hosting.InterviewStore"/>).
    /// </summary>
    public static IServiceCollection AddLiveStreams(this IServiceCollection services)
    {
        services.AddSingleton<StreamChanges>();
        services.AddHostedService<StreamChangeListener>();
        return services;
    }
}
