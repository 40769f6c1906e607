# The API as production runs it: a locked restore, a Release publish with the pre-generated Wolverine code compiled
# ahead of time (ReadyToRun, linux-x64), on the ASP.NET Core runtime image as its non-root user.
#   docker build -t interview-api .      (compose.yaml does this and supplies the settings)

FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project and lock files only, so that a source change reuses this layer. The shim packages
# (build/packages) and nuget.config must be in the context: two dependency ids exist only there.
COPY nuget.config Directory.Build.props Directory.Packages.props ./
COPY build/packages/ build/packages/
COPY src/Interview.Domain/Interview.Domain.csproj src/Interview.Domain/packages.lock.json src/Interview.Domain/
COPY src/Interview.Projections/Interview.Projections.csproj src/Interview.Projections/packages.lock.json src/Interview.Projections/
COPY src/Interview.Workers/Interview.Workers.csproj src/Interview.Workers/packages.lock.json src/Interview.Workers/
COPY src/Interview.Api/Interview.Api.csproj src/Interview.Api/packages.lock.json src/Interview.Api/
RUN dotnet restore src/Interview.Api/Interview.Api.csproj --locked-mode

COPY src/ src/
COPY seed/ seed/
RUN dotnet publish src/Interview.Api/Interview.Api.csproj -c Release -r linux-x64 --no-restore -o /app

FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/aspnet:10.0
# Offline speech (used when no Speech:Provider is configured): flite speaks, pocketsphinx transcribes, ffmpeg converts.
RUN apt-get update && apt-get install -y --no-install-recommends flite pocketsphinx pocketsphinx-en-us ffmpeg \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_ENVIRONMENT=Production \
    ASPNETCORE_HTTP_PORTS=8080
EXPOSE 8080
# The image's unprivileged user (uid 1654); the app writes nothing to disk in Production.
USER $APP_UID
# The runtime image has no curl: bash's /dev/tcp asks /health/ready (200 only when the database and schema are ready).
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "Interview.Api.dll"]
