using System.IO.Compression;
using Interview.Api.Privacy;
using Interview.Domain.Common;
using Interview.Domain.Sessions;
using Interview.Tests.Hosting;
using Interview.Workers.Speech;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Interview.Tests.Privacy;

public sealed class RecordingDataTests(AppFixture fixture) : ApiTest(fixture)
{
    private static VoiceRecording Recording(Guid userId, Guid interviewId, byte[] audio, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid(), UserId = userId, InterviewId = interviewId, ContentType = "audio/webm;codecs=opus", Audio = audio,
        Transcript = "I led the Wombat-Quill migration", Engine = "pocketsphinx", Offline = true, DurationSeconds = 3, RecordedAt = at
    };

    [Fact]
    public async Task recordings_are_exported_with_their_audio_deleted_after_the_retention_period_and_erased_with_the_person()
    {
        var candidate = await Host.SignedUp();
        var interview = await Host.CreatedInterview(candidate);
        var now = DateTimeOffset.UtcNow;
        var old = Recording(candidate.Id, interview, [1, 2, 3, 4, 5], now.AddDays(-40));
        var recent = Recording(candidate.Id, interview, [6, 7, 8], now.AddHours(-1));
        var someoneElses = Recording(Guid.NewGuid(), Guid.NewGuid(), [9], now.AddHours(-1));
        await using (var session = Fixture.Store.LightweightSession())
        {
            session.Store(old, recent, someoneElses);
            await session.SaveChangesAsync();
        }

        using var output = new MemoryStream();
        await Host.Services.GetRequiredService<PersonalData>().ExportAsync(candidate.Id, output, now, CancellationToken.None);
        using (var zip = new ZipArchive(new MemoryStream(output.ToArray()), ZipArchiveMode.Read))
        {
            foreach (var recording in new[] { old, recent })
            {
                using var audio = new MemoryStream();
                await zip.GetEntry($"recordings/{recording.Id:N}.webm").ShouldNotBeNull().Open().CopyToAsync(audio);
                audio.ToArray().ShouldBe(recording.Audio);
            }
            var listed = await new StreamReader(zip.GetEntry("recordings/recordings.json").ShouldNotBeNull().Open()).ReadToEndAsync();
            listed.ShouldContain(old.Id.ToString());
            listed.ShouldNotContain(someoneElses.Id.ToString());
        }

        (await Host.Services.GetRequiredService<RetentionJob>().Run(now, CancellationToken.None))["audio"].ShouldBe(1);
        await using (var session = Fixture.Store.QuerySession())
        {
            (await session.LoadAsync<VoiceRecording>(old.Id)).ShouldBeNull();
            (await session.LoadAsync<VoiceRecording>(recent.Id)).ShouldNotBeNull();
            (await session.Events.FetchStreamAsync(interview)).Select(e => e.Data).OfType<VoiceRecordingDeleted>()
                .ShouldHaveSingleItem().ShouldSatisfyAllConditions(
                    deleted => deleted.RecordingId.ShouldBe(old.Id),
                    deleted => deleted.Reason.ShouldBe(ErasureReason.Retention));
        }

        await Host.Services.GetRequiredService<PersonalData>().EraseAsync(candidate.Id, ErasureReason.Erasure, CancellationToken.None);
        await using (var session = Fixture.Store.QuerySession())
        {
            (await session.LoadAsync<VoiceRecording>(recent.Id)).ShouldBeNull();
            (await session.LoadAsync<VoiceRecording>(someoneElses.Id)).ShouldNotBeNull();
        }
    }
}
