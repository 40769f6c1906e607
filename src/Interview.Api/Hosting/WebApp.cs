using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Interview.Api.Hosting;

/// <summary>
/// Serves the single-page app from wwwroot on the API's origin, without a build step: index.html (no-cache, ETag) names
/// its modules under /app/{content hash}/..., so module URLs change with any file and can be cached for a year;
/// client routes fall back to index.html while /api, /swagger, /hangfire, /health and /metrics keep their own answers.
/// </summary>
public static class WebApp
{
    private static readonly string[] ServerPrefixes = ["/api", "/swagger", "/hangfire", "/health", "/metrics"];
    private const string AppPrefix = "/app/";

    public static IServiceCollection AddWebApp(this IServiceCollection services)
    {
        // Compression of the app's files is the API's (Hosting/Operations.cs): UseWebApp runs after it.
        return services;
    }

    /// <summary>Before authentication: the app's files are public, whatever the fallback authorization policy says.</summary>
    public static WebApplication UseWebApp(this WebApplication app)
    {
        var files = app.Environment.WebRootFileProvider;
        var index = files.GetFileInfo("index.html");
        if (!index.Exists) return app;

        var version = ContentHash(files);
        var html = File.ReadAllText(index.PhysicalPath!).Replace("%APP_VERSION%", version);
        var htmlBytes = Encoding.UTF8.GetBytes(html);
        var htmlTag = new EntityTagHeaderValue($"\"{version}\"");

        app.Use(async (context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (path.StartsWith(AppPrefix, StringComparison.Ordinal))
            {
                var rest = path[AppPrefix.Length..];
                var slash = rest.IndexOf('/');
                if (slash > 0)
                {
                    var current = rest[..slash] == version;
                    context.Request.Path = AppPrefix + rest[(slash + 1)..];
                    context.Response.OnStarting(() =>
                    {
                        if (context.Response.StatusCode is 200 or 304)
                            context.Response.Headers.CacheControl = current ? "public, max-age=31536000, immutable" : "no-cache";
                        return Task.CompletedTask;
                    });
                }
                await next(context);
                return;
            }
            if (!IsClientRoute(context)) { await next(context); return; }

            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.ETag = htmlTag.ToString();
            if (context.Request.Headers.IfNoneMatch.ToString().Contains(htmlTag.Tag.ToString(), StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = htmlBytes.Length;
            if (!HttpMethods.IsHead(context.Request.Method)) await context.Response.Body.WriteAsync(htmlBytes, context.RequestAborted);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                if (!file.Context.Response.Headers.ContainsKey(HeaderNames.CacheControl))
                    file.Context.Response.Headers.CacheControl = "no-cache";
            }
        });
        return app;
    }

    private static bool IsAppRequest(PathString path) =>
        !ServerPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    /// <summary>A GET for a page (no file extension, outside the server's own prefixes): the app's router decides.</summary>
    private static bool IsClientRoute(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        var path = request.Path.Value ?? "/";
        if (path is "/" or "/index.html") return true;
        if (!IsAppRequest(request.Path)) return false;
        return !Path.HasExtension(path);
    }

    private static string ContentHash(IFileProvider files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Walk(string directory)
        {
            foreach (var entry in files.GetDirectoryContents(directory).OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var path = directory.Length == 0 ? entry.Name : $"{directory}/{entry.Name}";
                if (entry.IsDirectory) { Walk(path); continue; }
                sha.AppendData(Encoding.UTF8.GetBytes(path));
                using var stream = entry.CreateReadStream();
                var buffer = new byte[8192];
                int read;
                while ((read = stream.Read(buffer)) > 0) sha.AppendData(buffer, 0, read);
            }
        }
        Walk("");
        return Convert.ToHexString(sha.GetHashAndReset())[..12].ToLowerInvariant();
    }
}
