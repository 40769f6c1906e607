using Interview.Domain.Common;
using Interview.Domain.Delivery;
using Interview.Domain.Sessions;
using Interview.Workers.Speech;
using Shouldly;

namespace Interview.Tests.Decisions;

public sealed class DeliveryAnalysisTests
{
    private static IReadOnlyList<string> Fillers(string text) =>
        FillerWords.Find(DeliveryAnalysis.Tokens(text)).Select(f => f.Filler).ToArray();

    [Theory]
    [InlineData("um I think uh we should basically cache it", new[] { "um", "uh", "basically" })]
    [InlineData("it was you know kind of slow", new[] { "you know", "kind of" })]
    [InlineData("so like we had like five services", new[] { "like", "like" })]
    [InlineData("like the cache was cold", new[] { "like" })]
    [InlineData("I sort of rewrote it", new[] { "sort of" })]
    public void filler_words_are_found_single_and_multi_word(string text, string[] expected) =>
        Fillers(text).ShouldBe(expected);

    [Theory]
    [InlineData("I like this design")]
    [InlineData("it looks like a queue")]
    [InlineData("a broker like Kafka keeps the order")]
    [InlineData("what kind of index would you use")]
    [InlineData("this sort of problem needs a heap")]
    [InlineData("you know the answer already")]
    [InlineData("we would like to ship weekly")]
    [InlineData("something like ten requests per second")]
    public void words_that_are_meant_are_not_fillers(string text) =>
        Fillers(text).ShouldBeEmpty();

    private static AnswerSubmitted Spoken(string heard, IReadOnlyList<TimedWord> words, double duration, IReadOnlyList<Silence>? silences = null,
        PromptKind kind = PromptKind.Question, QuestionType? type = QuestionType.Technical) =>
        new(Guid.NewGuid(), 1, kind, "q1", heard, null, DateTimeOffset.UnixEpoch, AnswerSource.Voice,
            new SpokenAnswer(Guid.NewGuid(), duration, "pocketsphinx", true, 0.8, heard, words, silences ?? [], DeliveryAnalysis.AllocationFor(kind, type)));

    /// <summary>Words spoken evenly from <paramref name="start"/>, one every <paramref name="step"/> seconds.</summary>
    private static List<TimedWord> Timed(string text, double start, double step) =>
        DeliveryAnalysis.Tokens(text).Select((w, i) => new TimedWord(w, start + i * step, start + (i + 1) * step)).ToList();

    [Fact]
    public void pace_is_words_per_minute_between_the_first_and_the_last_word()
    {
        // 60 words, one every 0.4 s: 24 s of speech -> 150 words per minute.
        var text = string.Join(' ', Enumerable.Repeat("we partition the table by customer", 10));
        var delivery = DeliveryAnalysis.Analyze(Spoken(text, Timed(text, 1.0, 0.4), 60));
        delivery.Words.ShouldBe(60);
        delivery.WordsPerMinute.ShouldBe(150);
        delivery.LongPauses.ShouldBeEmpty();
        delivery.Length.ShouldBe(AnswerLength.WithinTime);
        delivery.Guidance.ShouldBe(["Pace, filler words, pauses and length were all within range for this answer."]);
    }

    [Fact]
    public void long_gaps_between_words_are_long_pauses_and_fast_short_answers_get_guidance()
    {
        var words = Timed("first we add an index", 0.5, 0.3);
        words.AddRange(Timed("then um we cache the result", words[^1].End + 3.2, 0.3));
        var heard = string.Join(' ', words.Select(w => w.Word));
        var delivery = DeliveryAnalysis.Analyze(Spoken(heard, words, 8));

        delivery.PausesFrom.ShouldBe(PauseSource.WordTimings);
        delivery.LongPauses.Count.ShouldBe(1);
        delivery.LongPauses[0].Seconds.ShouldBe(3.2, 0.01);
        delivery.Fillers.ShouldBe([new FillerCount("um", 1)]);
        delivery.Length.ShouldBe(AnswerLength.TooShort);
        delivery.Guidance.ShouldContain(g => g.Contains("pause") && g.Contains("3.2 s"));
        delivery.Guidance.ShouldContain(g => g.StartsWith("8 s is short for this question"));
    }

    [Fact]
    public void without_word_timings_pauses_come_from_silence_detection_inside_the_answer()
    {
        var silences = new[] { new Silence(0, 1.5), new Silence(10, 13), new Silence(20, 20.8), new Silence(58, 60) };
        var delivery = DeliveryAnalysis.Analyze(Spoken("we shard by tenant and keep a lookup table", [], 60, silences));
        delivery.PausesFrom.ShouldBe(PauseSource.SilenceDetection);
        delivery.LongPauses.ShouldBe([new LongPause(10, 3)]);
        delivery.SpeakingSeconds.ShouldBe(56.5);
    }

    [Fact]
    public void an_answer_past_its_time_allocation_is_too_long_and_the_interview_summary_counts_it()
    {
        var text = string.Join(' ', Enumerable.Repeat("so basically the design uses a queue", 30));
        var behavioural = DeliveryAnalysis.Analyze(Spoken(text, Timed(text, 0, 0.9), 200, type: QuestionType.Behavioral));
        behavioural.Allocation.ShouldBe(new TimeAllocation(60, 150));
        behavioural.Length.ShouldBe(AnswerLength.TooLong);
        behavioural.FillerTotal.ShouldBe(30);

        var summary = DeliveryAnalysis.Summarize([behavioural])!;
        summary.TooLong.ShouldBe(1);
        summary.FillerTotal.ShouldBe(30);
        summary.Fillers[0].ShouldBe(new FillerCount("basically", 30));
        summary.Guidance.ShouldContain(g => g.Contains("past the time"));
        DeliveryAnalysis.Summarize([]).ShouldBeNull();
    }

    [Fact]
    public void a_spoken_answer_carries_the_time_its_prompt_allows_and_a_typed_one_carries_nothing()
    {
        var id = Given.NewInterview().Id;
        var state = Given.NewInterview(null,
            new InterviewStarted(id, Given.Now),
            new QuestionAsked(id, Guid.Empty, 1, "q1", "How would you make this call reliable?", QuestionType.Technical, Difficulty.Medium, [], "", EngineKind.Offline, Given.Now),
            new AnswerSubmitted(id, 1, PromptKind.Question, "q1", "with retries", null, Given.Now),
            new FollowUpAsked(id, "q1", 1, "What about duplicates?", [], "", EngineKind.Offline, Given.Now));
        var spoken = new SpokenAnswer(Guid.NewGuid(), 12, "pocketsphinx", true, 0.7, "we retry", [], []);
        var voice = (AnswerSubmitted)InterviewDecider.SubmitAnswer(state, "we retry with backoff", null, DateTimeOffset.UnixEpoch, spoken).Events[0];
        voice.Source.ShouldBe(AnswerSource.Voice);
        voice.Spoken!.Allocation.ShouldBe(new TimeAllocation(20, 120));

        var typed = (AnswerSubmitted)InterviewDecider.SubmitAnswer(state, "we retry", null, DateTimeOffset.UnixEpoch).Events[0];
        typed.Source.ShouldBe(AnswerSource.Typed);
        typed.Spoken.ShouldBeNull();
    }

    [Fact]
    public void an_answer_event_stored_before_voice_answers_existed_still_reads_as_a_typed_answer()
    {
        const string stored = """{"interviewId":"0195f3a0-0000-7000-8000-000000000001","answerNumber":2,"respondingTo":"question","questionId":"q1","text":"We add an index.","idempotencyKey":null,"answeredAt":"2026-11-20T10:00:00+00:00"}""";
        var answer = System.Text.Json.JsonSerializer.Deserialize<AnswerSubmitted>(stored, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        answer.Text.ShouldBe("We add an index.");
        answer.Source.ShouldBe(AnswerSource.Typed);
        answer.Spoken.ShouldBeNull();
    }

    [Fact]
    public void pocketsphinx_word_lines_become_timed_words_without_markers_or_alternates()
    {
        var words = Transcriber.ParsePocketsphinx("""
            i would add an index
            <s> 0.000 0.200 0.999700
            i 0.210 0.320 0.897706
            would 0.330 0.510 0.999600
            <sil> 0.520 0.900 0.616895
            add(2) 0.910 1.100 1.000200
            [NOISE] 1.100 1.200 0.5
            an 1.210 1.300 0.75
            index 1.310 1.800 0.71
            </s> 1.810 1.900 1.000000
            """);
        words.Select(w => w.Word).ShouldBe(["i", "would", "add", "an", "index"]);
        words[2].ShouldBe(new TimedWord("add", 0.91, 1.1, 1.0));
    }
}
