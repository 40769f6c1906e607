using System.IO.Compression;
using Interview.Domain.Accounts;
using Interview.Domain.Common;
using Interview.Projections.Accounts;
using JasperFx.Events;
using Marten;

namespace Interview.Api.Privacy;

/// <summary>
/// The account stream and the e-mail address's claim stream; the <see cref="UserAccount"/> read model. Erasure masks the
/// account stream and deletes the claim stream outright (its id is derived from the address), so the address can sign up again.
/// </summary>
public sealed class AccountData(IDocumentStore store) : IPersonalDataSource
{
    public const string Withheld = "(secret hash withheld)";

    public async Task ExportAsync(Guid userId, ZipArchive zip, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var streams = new List<Guid> { userId };
        streams.AddRange(await UserStreams.EmailClaimsAsync(session, userId, ct));
        await zip.WriteEventsAsync("account/events.jsonl", await UserStreams.EventsAsync(session, streams, ct), WithoutSecrets, ct);
        await zip.WriteJsonAsync("account/account.json", await session.LoadAsync<UserAccount>(userId, ct), ct);
    }

    /// <summary>Password and token hashes are secrets of the service, not data about the person: the export leaves them out.</summary>
    public static object WithoutSecrets(IEvent e) => e.Data switch
    {
        UserSignedUp x => x with { PasswordHash = Withheld, VerificationTokenHash = Withheld },
        VerificationTokenIssued x => x with { VerificationTokenHash = Withheld },
        UserLoggedIn x => x with { RefreshTokenHash = Withheld },
        RefreshTokenRotated x => x with { PreviousTokenHash = Withheld, RefreshTokenHash = Withheld },
        PasswordChanged x => x with { PasswordHash = Withheld },
        var data => data
    };

    public async Task EraseAsync(Guid userId, ErasureReason reason, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var claims = await UserStreams.EmailClaimsAsync(session, userId, ct);
        await UserStreams.MaskAsync(store, [userId], ct);
        var schema = store.Options.Events.DatabaseSchemaName;
        foreach (var claim in claims)
        {
            session.QueueSqlCommand($"delete from {schema}.mt_events where stream_id = ?", claim);
            session.QueueSqlCommand($"delete from {schema}.mt_streams where id = ?", claim);
        }
        session.Delete<UserAccount>(userId);
        await session.SaveChangesAsync(ct);
    }
}
