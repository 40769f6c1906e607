using System.Security.Claims;
using Interview.Api.Auth;
using Interview.Domain.Accounts;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Interview.Api.Privacy;

public static class ExportPersonalData
{
    /// <summary>
    /// A zip of everything held about the caller: every event of their streams as JSON lines (type, stream, version,
    /// sequence, timestamp, data), their read models (account, interviews, reports, statistics, prep packs), coach notes
    /// shared with them, their webhooks and stored idempotent replies. Secret hashes and coaches' private notes are left out.
    /// Each export is recorded on the account stream (PersonalDataExported).
    /// </summary>
    [WolverineGet("/api/v1/me/export", OperationId = "ExportPersonalData")]
    [Tags("Privacy")]
    [ProducesResponseType(typeof(FileStreamResult), StatusCodes.Status200OK, "application/zip")]
    public static async Task<IResult> Get(ClaimsPrincipal user, PersonalData data, IDocumentStore store, TimeProvider clock, CancellationToken cancellation)
    {
        var userId = user.UserId();
        var now = clock.GetUtcNow();
        await using (var session = store.LightweightSession())
        {
            session.Events.Append(userId, new PersonalDataExported(userId, now));
            await session.SaveChangesAsync(cancellation);
        }
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await data.ExportAsync(userId, file, now, cancellation);
            file.Position = 0;
            return Results.File(file, "application/zip", $"interview-export-{now:yyyyMMdd}.zip");
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
