using Interview.Projections.Accounts;
using Marten;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Interview.Api.Auth;

public static class AuthConfiguration
{
    public static WebApplicationBuilder AddInterviewAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => AuthSettings.Load(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        builder.Services.AddSingleton<Passwords>();
        builder.Services.AddSingleton(sp => CommonPasswords.Load(
            sp.GetRequiredService<IConfiguration>()["Interview:SeedDirectory"] is { Length: > 0 } configured
                ? Path.GetFullPath(configured, sp.GetRequiredService<IHostEnvironment>().ContentRootPath)
                : Path.Combine(AppContext.BaseDirectory, "seed")));
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<AuthSettings>((options, settings) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = settings.Issuer,
                    ValidAudience = settings.Audience,
                    IssuerSigningKey = settings.SigningKey,
                    NameClaimType = "name",
                    RoleClaimType = "role",
                    ClockSkew = TimeSpan.FromSeconds(30)
                };
                options.Events = new JwtBearerEvents { OnTokenValidated = RefuseRevoked };
            });
        builder.Services.AddAuthorization();
        return builder;
    }

    /// <summary>
    /// An access token ends before it expires when its session was revoked (logout, refresh-token reuse, password change)
    /// or when the account's security version moved on (password or roles changed): both are checked against the inline
    /// UserAccount read model on every authenticated request.
    /// </summary>
    private static async Task RefuseRevoked(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var sessionId = principal.SessionId();
        if (sessionId == Guid.Empty || !int.TryParse(principal.FindFirst(Tokens.SecurityVersionClaim)?.Value, out var securityVersion))
        {
            context.Fail("The access token has no session.");
            return;
        }
        var session = context.HttpContext.RequestServices.GetRequiredService<IQuerySession>();
        var account = await session.LoadAsync<UserAccount>(principal.UserId(), context.HttpContext.RequestAborted);
        if (account is null || account.SecurityVersion != securityVersion || account.Sessions.All(s => s.Id != sessionId))
            context.Fail("The access token has been revoked.");
    }
}
