using System.Text.Json;
using Alba;
using Interview.Api.Sessions;
using Interview.Domain.Delivery;
using Interview.Domain.Sessions;
using Interview.Projections.Sessions;
using Interview.Tests.Hosting;
using Interview.Workers.Speech;
using Marten;
using Shouldly;

namespace Interview.Tests.Speech;

public sealed class VoiceAnswerTests(AppFixture fixture, ITestOutputHelper output) : ApiTest(fixture)
{
    /// <summary>Answers a candidate might give, written out as spoken (numbers in words) so the word error rate is fair.</summary>
    public static readonly string[] KnownAnswers =
    [
        "I am a backend engineer and I have spent the last four years building payment systems with a small team.",
        "I would start by measuring the latency of the slowest endpoint, then add an index on the orders table and cache the results for five minutes.",
        "First I would check the logs and the metrics, then I would roll back the last deployment and write a test that reproduces the problem.",
        "The queue keeps the messages until the consumer confirms them, so a crash never loses an order and we can retry safely.",
        "We split the service by customer so that one large customer cannot slow down everybody else, and we measured the result every week."
    ];

    private async Task<IScenarioResult> Upload(Caller caller, Guid id, byte[] audio, int status, string route = "audio", string contentType = "audio/wav",
        string? idempotencyKey = null) =>
        await Host.As(caller, s =>
        {
            s.Post.MultipartFormData(SyntheticVoice.Form(audio, contentType, idempotencyKey)).ToUrl($"/api/v1/interviews/{id}/answers/{route}");
            s.StatusCodeShouldBe(status);
        });

    private async Task<long> StreamVersion(Guid id)
    {
        await using var session = Fixture.Store.QuerySession();
        return (await session.Events.FetchStreamStateAsync(id))!.Version;
    }

    [Fact]
    public async Task spoken_answers_are_transcribed_offline_and_the_interview_continues_with_each_transcript()
    {
        var candidate = await Host.SignedUp();
        var (id, view) = await Host.StartedInterview(candidate, Scenarios.DefaultInterview(questionCount: 5));
        var errors = 0;
        var words = 0;
        foreach (var answer in KnownAnswers)
        {
            if (view.Awaiting != Awaiting.Candidate) break;
            var turns = view.Turns.Count;
            var result = await Upload(candidate, id, SyntheticVoice.Wav(answer), 202);
            var accepted = (await result.ReadAsJsonAsync<AudioAnswerAccepted>())!;
            accepted.Transcription.Offline.ShouldBeTrue();
            accepted.Transcription.Engine.ShouldBe("pocketsphinx");
            accepted.Transcription.Words.ShouldNotBeEmpty();
            accepted.Transcription.Confidence.ShouldNotBeNull().ShouldBeInRange(0, 1);

            view = await Host.Interview(candidate, id);
            view.Turns[turns].Speaker.ShouldBe(Speaker.Candidate);
            view.Turns[turns].Text.ShouldBe(accepted.Transcription.Transcript);
            view.Turns.Count.ShouldBeGreaterThan(turns + 1, "the interviewer answered the spoken answer with its next turn");

            var (e, n) = SyntheticVoice.WordErrors(answer, accepted.Transcription.Transcript);
            errors += e;
            words += n;
            output.WriteLine($"said:  {answer}\nheard: {accepted.Transcription.Transcript}\n       {e} errors in {n} words");
        }
        words.ShouldBeGreaterThan(60);
        var wer = (double)errors / words;
        output.WriteLine($"Offline word error rate (flite slt -> pocketsphinx): {wer:P1} ({errors} errors in {words} words)");
        Console.WriteLine($"Offline word error rate (flite slt -> pocketsphinx): {wer:P1} ({errors} errors in {words} words)");
        wer.ShouldBeLessThan(0.5);

        await using var session = Fixture.Store.QuerySession();
        var answers = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<AnswerSubmitted>().ToArray();
        answers.ShouldAllBe(a => a.Source == AnswerSource.Voice && a.Spoken != null && a.Spoken.Offline && a.Spoken.Words.Count > 0);
        (await VoiceRecordings.ListForUser(session, candidate.Id)).Count.ShouldBe(answers.Length);
    }

    [Fact]
    public async Task a_corrected_transcript_is_submitted_as_a_spoken_answer_and_the_report_has_a_separate_delivery_section()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        var before = await StreamVersion(id);
        var transcribed = await Upload(candidate, id, SyntheticVoice.Wav(KnownAnswers[0]), 201, route: "transcriptions");
        var transcription = await transcribed.ReadAsJsonAsync<JsonElement>();
        (await StreamVersion(id)).ShouldBe(before, "transcribing appends nothing");
        transcription.GetProperty("offline").GetBoolean().ShouldBeTrue();
        var recordingId = transcription.GetProperty("recordingId").GetGuid();

        const string corrected = "I am a backend engineer and I have spent the last four years building payment systems.";
        await Host.As(candidate, s =>
        {
            s.Post.Json(new { text = corrected, recordingId }).ToUrl($"/api/v1/interviews/{id}/answers");
            s.StatusCodeShouldBe(202);
        });
        var view = await Host.Interview(candidate, id);
        view.Turns.ShouldContain(t => t.Speaker == Speaker.Candidate && t.Text == corrected);

        await using (var session = Fixture.Store.QuerySession())
        {
            var answer = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<AnswerSubmitted>().Single();
            answer.Text.ShouldBe(corrected);
            answer.Source.ShouldBe(AnswerSource.Voice);
            answer.Spoken!.RecordingId.ShouldBe(recordingId);
            answer.Spoken.HeardText.ShouldBe(transcription.GetProperty("transcript").GetString());
            answer.Spoken.Allocation.ShouldNotBeNull();
        }

        // The rest typed; the report scores content and keeps delivery apart.
        while (view.Awaiting == Awaiting.Candidate)
        {
            await Host.Answered(candidate, id, "I would use a hash map because lookups are constant time; the trade-off is memory.");
            view = await Host.Interview(candidate, id);
        }
        await Host.Posted(candidate, $"/api/v1/interviews/{id}/finalize", 202);
        var report = await (await Host.ReportWhen(candidate, id)).ReadAsJsonAsync<JsonElement>();
        var delivery = report.GetProperty("delivery");
        delivery.GetProperty("spokenAnswers").GetInt32().ShouldBe(1);
        var spoken = delivery.GetProperty("answers")[0];
        spoken.GetProperty("wordsPerMinute").GetInt32().ShouldBeGreaterThan(60);
        spoken.GetProperty("pausesFrom").GetString().ShouldBe("wordTimings");
        spoken.GetProperty("guidance").GetArrayLength().ShouldBeGreaterThan(0);
        report.GetProperty("breakdown").EnumerateObject().Select(p => p.Name).ShouldNotContain("delivery");

        // The recording plays for its owner only (a coach it is shared with: see the coaching test below).
        var audio = await Host.As(candidate, s => s.Get.Url($"/api/v1/interviews/{id}/recordings/{recordingId}"));
        audio.Context.Response.ContentType.ShouldBe("audio/wav");
        var stranger = await Host.SignedUp();
        await Host.As(stranger, s => { s.Get.Url($"/api/v1/interviews/{id}/recordings/{recordingId}"); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task a_coach_the_interview_is_shared_with_can_play_its_recordings()
    {
        var admin = await Host.SignedUp(AppFixture.AdminEmail);
        var candidate = await Host.SignedUp();
        var coachAccount = await Host.SignedUp();
        await Host.As(admin, s => { s.Post.Json(new { role = "coach" }).ToUrl($"/api/v1/admin/users/{coachAccount.Id}/roles"); s.StatusCodeShouldBe(204); });
        var coach = await Host.LoggedIn(coachAccount.Email);
        var (id, _) = await Host.StartedInterview(candidate);
        var accepted = await (await Upload(candidate, id, SyntheticVoice.Wav(KnownAnswers[0]), 202)).ReadAsJsonAsync<AudioAnswerAccepted>();
        var url = $"/api/v1/interviews/{id}/recordings/{accepted!.Transcription.RecordingId}";
        (await Host.Interview(candidate, id)).Awaiting.ShouldBe(Awaiting.Candidate, "the interviewer's turn is written before the share, so the two do not race");

        await Host.As(coach, s => { s.Get.Url(url); s.StatusCodeShouldBe(404); });
        await Host.As(candidate, s => { s.Post.Json(new { coachEmail = coach.Email }).ToUrl($"/api/v1/interviews/{id}/share"); s.StatusCodeShouldBe(202); });
        var played = await Host.As(coach, s => { s.Get.Url(url); s.StatusCodeShouldBe(200); });
        (await played.ReadAsTextAsync()).Length.ShouldBeGreaterThan(1000);
    }

    public static TheoryData<string, string, int> BadUploads => new()
    {
        { "empty", "audio/wav", 400 },
        { "not audio", "audio/wav", 400 },
        { "text file", "text/plain", 400 },
        { "too long", "audio/wav", 400 },
        { "silence", "audio/wav", 400 },
        { "too large", "audio/wav", 413 }
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task bad_audio_gets_problem_details_and_appends_nothing(string kind, string contentType, int status)
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        var before = await StreamVersion(id);
        byte[] audio = kind switch
        {
            "empty" => [],
            "not audio" => System.Text.Encoding.UTF8.GetBytes(string.Join(' ', Enumerable.Repeat("definitely not a recording", 200))),
            "text file" => SyntheticVoice.Wav(KnownAnswers[0]),
            "too long" => SyntheticVoice.Tone(31),
            "silence" => SyntheticVoice.Tone(3, silent: true),
            _ => new byte[2 * 1024 * 1024 + 100_000]
        };
        foreach (var route in new[] { "audio", "transcriptions" })
        {
            var problem = await (await Upload(candidate, id, audio, status, route, contentType)).ProblemOf();
            problem.GetProperty("status").GetInt32().ShouldBe(status);
            problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        }
        (await StreamVersion(id)).ShouldBe(before);
        await using var session = Fixture.Store.QuerySession();
        (await VoiceRecordings.ListForUser(session, candidate.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_json_body_on_the_audio_route_is_a_400_not_a_server_error()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        var problem = await (await Host.As(candidate, s =>
        {
            s.Post.Json(new { text = "hello" }).ToUrl($"/api/v1/interviews/{id}/answers/audio");
            s.StatusCodeShouldBe(400);
        })).ProblemOf();
        problem.GetProperty("errors").GetProperty("audio").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task another_users_interview_is_a_404_and_an_answer_nobody_awaits_is_a_409_before_anything_is_transcribed()
    {
        var candidate = await Host.SignedUp();
        var other = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        var wav = SyntheticVoice.Wav(KnownAnswers[1]);
        await Upload(other, id, wav, 404);
        await Upload(other, id, wav, 404, route: "transcriptions");
        await Host.As(other, s =>
        {
            s.Post.Json(new { text = "mine", recordingId = Guid.NewGuid() }).ToUrl($"/api/v1/interviews/{id}/answers");
            s.StatusCodeShouldBe(404);
        });

        var notStarted = await Host.CreatedInterview(candidate);
        await Upload(candidate, notStarted, wav, 409);
        await Upload(candidate, notStarted, wav, 409, route: "transcriptions");

        // A recording of another interview cannot be submitted here.
        var recording = await (await Upload(candidate, id, wav, 201, route: "transcriptions")).ReadAsJsonAsync<JsonElement>();
        var (second, _) = await Host.StartedInterview(candidate);
        var problem = await (await Host.As(candidate, s =>
        {
            s.Post.Json(new { text = "answer", recordingId = recording.GetProperty("recordingId").GetGuid() }).ToUrl($"/api/v1/interviews/{second}/answers");
            s.StatusCodeShouldBe(400);
        })).ProblemOf();
        problem.GetProperty("errors").GetProperty("recordingId").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task the_same_idempotency_key_replays_the_first_spoken_answer_and_another_recording_with_it_is_a_422()
    {
        var candidate = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        var wav = SyntheticVoice.Wav(KnownAnswers[2]);
        var first = await (await Upload(candidate, id, wav, 202, idempotencyKey: "spoken-1")).ReadAsJsonAsync<AudioAnswerAccepted>();
        var again = await Upload(candidate, id, wav, 202, idempotencyKey: "spoken-1");
        again.Context.Response.Headers["Idempotent-Replayed"].ToString().ShouldBe("true");
        (await again.ReadAsJsonAsync<AudioAnswerAccepted>())!.Version.ShouldBe(first!.Version);

        await Upload(candidate, id, SyntheticVoice.Wav(KnownAnswers[3]), 422, idempotencyKey: "spoken-1");
        await using var session = Fixture.Store.QuerySession();
        (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<AnswerSubmitted>().Count().ShouldBe(1);
        (await VoiceRecordings.ListForUser(session, candidate.Id)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task recordings_are_found_and_deleted_by_their_owner()
    {
        var candidate = await Host.SignedUp();
        var other = await Host.SignedUp();
        var (id, _) = await Host.StartedInterview(candidate);
        var (otherId, _) = await Host.StartedInterview(other);
        await Upload(candidate, id, SyntheticVoice.Wav(KnownAnswers[0]), 201, route: "transcriptions");
        await Upload(other, otherId, SyntheticVoice.Wav(KnownAnswers[0]), 201, route: "transcriptions");

        await using (var session = Fixture.Store.LightweightSession())
        {
            var mine = await VoiceRecordings.ListForUser(session, candidate.Id);
            mine.Single().Audio.Length.ShouldBeGreaterThan(1000);
            VoiceRecordings.DeleteForUser(session, candidate.Id);
            await session.SaveChangesAsync();
        }
        await using var query = Fixture.Store.QuerySession();
        (await VoiceRecordings.ListForUser(query, candidate.Id)).ShouldBeEmpty();
        (await VoiceRecordings.ListForUser(query, other.Id)).Count.ShouldBe(1);
    }
}
