using Interview.Domain.Common;
using Interview.Domain.Reports;
using Interview.Domain.Scoring;
using Shouldly;

namespace Interview.Tests.Calibration;

/// <summary>
/// The offline scorer's input gate on a set we wrote: junk that must not be scored (at most 2 may slip through) and
/// terse but real answers that must all be scored; repeats are labelled as repeats, not as gibberish.
/// </summary>
public sealed class InputGateTests(ITestOutputHelper output)
{
    private sealed record Q(string Text, QuestionType Category, string[] KeyPoints, string[] Tags);

    private static readonly Q Duplicates = new("How would you find duplicates in a very large list efficiently?", QuestionType.Technical,
        ["use a hash set or hash map for O(1) lookups", "discuss time and space complexity", "handle memory limits by sorting or partitioning"], ["hashing", "arrays"]);
    private static readonly Q Shortener = new("Design a URL shortener.", QuestionType.SystemDesign,
        ["generate unique short keys with base62 or hashing", "store mappings in a key-value store", "cache hot redirects", "scale reads with replicas"], ["system-design", "caching"]);
    private static readonly Q Disagreement = new("Tell me about a time you disagreed with a teammate.", QuestionType.Behavioral,
        ["describes the situation", "explains own specific actions", "quantifies the result", "reflects on what they learned"], ["conflict"]);
    private static readonly Q Threads = new("What is the difference between a process and a thread?", QuestionType.Technical,
        ["threads share memory within a process", "processes have isolated address spaces", "context switching cost differs"], ["os", "concurrency"]);
    private static readonly Q KthLargest = new("Find the k-th largest element in an array.", QuestionType.Dsa,
        ["use a min-heap of size k", "quickselect runs in average linear time", "state the complexity O(n log k)"], ["heap", "arrays"]);
    private static readonly Q Indexes = new("How do database indexes speed up queries?", QuestionType.Technical,
        ["a b-tree index avoids full table scans", "trade-off: slower writes and more storage", "choose columns by query patterns"], ["databases", "indexing"]);
    private static readonly Q Idempotency = new("How would you make a payment API idempotent?", QuestionType.SystemDesign,
        ["an idempotency key stored with the result", "return the stored result on retries", "expire old keys"], ["api", "reliability"]);
    private static readonly Q Proud = new("Tell me about a project you are proud of.", QuestionType.Behavioral,
        ["describes the situation", "explains own specific actions", "quantifies the result", "reflects on what they learned"], ["impact"]);

    private static readonly Q[] Questions = [Duplicates, Shortener, Disagreement, Threads, KthLargest, Indexes, Idempotency, Proud];

    public static readonly string[] Junk =
    [
        "asdf qwer zxcv uiop",
        "qwerty asdfgh zxcvbn",
        "asdfasdf asdf asdf jkl",
        "qwertyuiop asdfghjkl zxcvbnm",
        "poiuy lkjhg mnbvc",
        "jkl jkl jkl jkl jkl",
        "sdfgh dfghj fghjk ghjkl",
        "zxcvzxcv qweqwe asdasd",
        "wasd wasd wasd wasd qe",
        "hjkl hjkl yuio vbnm",
        "xqzv mkrtl pwnf gbdz",
        "kfjdl sowpq ncbvx rtyzm",
        "lkqwj zmxnv bqpwo ytrhd",
        "fjghdkslap qpwoeiruty",
        "vbxq jtkw plmz qrvs dfgh",
        "gjkd fhsl wqpr mznb cxvb",
        "ghfjdksla ruei wpqo tyrueiw",
        "bla bla bla bla bla",
        "blah blah blah blah",
        "la la la la la la la",
        "hahaha hahaha hahaha lol",
        "nanana nanana batman nanana",
        "dum de dum de dum de dum",
        "aaaaaaa bbbbbbb ccccccc ddddd",
        "mmmmm hmmmm uhhhh errrr",
        "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
        "Sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",
        "Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris.",
        "lorem ipsum lorem ipsum dolor",
        "🙂🙂🙂🙂🙂🙂",
        "!!!! ???? .... ,,,, ;;;;",
        "😀 lol 😀 xd 😀 ok 😀 hmm 😀",
        "🔥🔥 fire 🔥🔥 yes 🔥🔥 go 🔥🔥 🚀🚀",
        "#$%^&*()_+ {}|:<>? ~~~",
        "... --- ... --- ... ---",
        "}); } else { return null; } });",
        "var x = 0; x++; if (x > 0) { y = x * 2; }",
        "for (int i = 0; i < n; i++) { a[i] = b[i]; }",
        "<div><span>{{ }}</span></div> </> <br/>",
        "$$$ @@@ ### %%% &&& ***",
        "asdfghjkl qwertyuiop 1234567890",
        "xkcd qwpf zzzz vvvv tttt"
    ];

    private static readonly (Q Question, string Answer)[] Legitimate =
    [
        (Duplicates, "I'd use a hash map for O(1) lookups and handle collisions with chaining."),
        (Duplicates, "Put each item in a hash set; a hit means a duplicate. O(n) time, O(n) space."),
        (Duplicates, "Sort first, then compare neighbours: O(n log n), no extra memory."),
        (Duplicates, "If it does not fit in memory, partition by hash into files and dedupe each file."),
        (Duplicates, "A Bloom filter first, then an exact check for the maybes."),
        (Shortener, "Base62-encode an auto-increment id, store id to URL in a key-value store."),
        (Shortener, "Cache hot redirects in Redis and serve reads from replicas."),
        (Shortener, "Hash the URL, take seven characters, retry on collision."),
        (Shortener, "Writes are rare, reads dominate, so cache aggressively behind a CDN."),
        (Shortener, "Use a 301 redirect and keep click counts in a separate analytics pipeline."),
        (Disagreement, "We disagreed on a rewrite; I proposed a spike, the data settled it, we kept the old code."),
        (Disagreement, "I asked for a 1:1, listened first, then we agreed on clear ownership."),
        (Disagreement, "Pushed back on skipping tests; we shipped a week later with zero regressions."),
        (Disagreement, "I wrote a short doc comparing both designs and the team picked mine."),
        (Disagreement, "I learned to ask why before arguing about how."),
        (Threads, "Threads share the process's memory; processes get their own address space."),
        (Threads, "A process is isolated; threads inside it share heap but not stacks."),
        (Threads, "Switching threads is cheaper than switching processes because no page tables change."),
        (Threads, "Processes crash independently, threads can take the whole process down."),
        (Threads, "Use processes for isolation, threads for cheap shared-memory parallelism."),
        (KthLargest, "Keep a min-heap of size k; the top is the answer. O(n log k)."),
        (KthLargest, "Quickselect: average O(n), worst case O(n^2) unless you pick a good pivot."),
        (KthLargest, "Sort descending and take index k-1, O(n log n)."),
        (KthLargest, "Heap of k elements, pop when it grows past k."),
        (KthLargest, "For a stream, the min-heap still works and uses O(k) memory."),
        (Indexes, "A B-tree index lets the database seek instead of scanning the whole table."),
        (Indexes, "Indexes speed reads but slow writes and take disk space."),
        (Indexes, "Index the columns in your WHERE and JOIN clauses, most selective first."),
        (Indexes, "Covering indexes answer the query without touching the table."),
        (Indexes, "Without an index it is a full scan, O(n); with a B-tree it is O(log n)."),
        (Idempotency, "Client sends an idempotency key; we store it with the response and replay it."),
        (Idempotency, "Unique constraint on the key, return the saved result on retry."),
        (Idempotency, "Keys expire after 24 hours so the table does not grow forever."),
        (Idempotency, "Same key with a different payload should be rejected with a 422."),
        (Idempotency, "Lock on the key so two concurrent retries cannot both charge the card."),
        (Proud, "I cut our build time from 40 to 8 minutes by caching dependencies."),
        (Proud, "Led a migration to Postgres with zero downtime; I owned the cutover plan."),
        (Proud, "Built an alerting bot that halved our pager noise in a month."),
        (Proud, "I mentored two juniors through their first on-call rotations."),
        (Proud, "Shipped offline sync for the mobile app; crash reports dropped 30%."),
        (Threads, "Threads: shared memory, cheap switches. Processes: isolation, costlier switches.")
    ];

    private static AnswerEvaluation Evaluate(Q question, params string[] answers) =>
        OfflineScorer.Evaluate(new AnswerToScore("q", question.Text, question.Category, question.KeyPoints, question.Tags, answers));

    [Fact]
    public void the_set_holds_at_least_40_junk_inputs_and_40_legitimate_short_answers()
    {
        Junk.Distinct().Count().ShouldBeGreaterThanOrEqualTo(40);
        Legitimate.Select(l => l.Answer).Distinct().Count().ShouldBeGreaterThanOrEqualTo(40);
        Legitimate.ShouldAllBe(l => l.Answer.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 20);
    }

    [Fact]
    public void junk_is_not_scored_and_no_legitimate_short_answer_is_gated()
    {
        var scoredJunk = Junk.Select((junk, i) => (junk, Evaluate(Questions[i % Questions.Length], junk)))
            .Where(j => j.Item2.NotScoredReason is null).ToArray();
        var gated = Legitimate.Select(l => (l.Answer, Evaluate(l.Question, l.Answer))).Where(l => l.Item2.NotScoredReason is not null).ToArray();
        foreach (var (junk, evaluation) in scoredJunk) output.WriteLine($"junk scored {evaluation.Score}: {junk}");
        foreach (var (answer, evaluation) in gated) output.WriteLine($"legitimate gated ({evaluation.NotScoredReason}): {answer}");

        gated.ShouldBeEmpty();
        scoredJunk.Length.ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public void keyboard_mash_is_gibberish()
    {
        Evaluate(Duplicates, "asdf qwer zxcv uiop").NotScoredReason!.ShouldStartWith("gibberish");
    }

    [Fact]
    public void a_real_answer_given_again_to_follow_ups_is_scored_as_the_answer_it_is()
    {
        const string answer = "I'd put every item in a hash set, because a lookup is O(1); a hit means a duplicate, so the pass is O(n) time and O(n) space.";

        var once = Evaluate(Duplicates, answer);
        var repeated = Evaluate(Duplicates, answer, answer, answer);

        repeated.NotScoredReason.ShouldBeNull();
        repeated.Score.ShouldBe(once.Score);
    }

    [Fact]
    public void an_answer_that_repeats_the_answer_to_an_earlier_question_is_labelled_a_repeat_not_gibberish()
    {
        const string answer = "Threads share the process's memory while each process gets its own address space, so switching threads is cheaper.";
        var interview = new[]
        {
            new AnswerToScore("q1", Threads.Text, Threads.Category, Threads.KeyPoints, Threads.Tags, [answer]),
            new AnswerToScore("q2", Indexes.Text, Indexes.Category, Indexes.KeyPoints, Indexes.Tags, [answer])
        };

        var evaluations = OfflineScorer.EvaluateAll(interview);

        evaluations[0].NotScoredReason.ShouldBeNull();
        evaluations[1].NotScoredReason!.ShouldStartWith("repeat");
    }

    [Fact]
    public void junk_given_to_every_question_stays_gibberish()
    {
        const string junk = "asdfgh qwrtzp xcvbnm lkjhgf";
        var interview = Enumerable.Range(0, 3)
            .Select(i => new AnswerToScore($"q{i}", Threads.Text, Threads.Category, Threads.KeyPoints, Threads.Tags, [junk, junk])).ToArray();

        OfflineScorer.EvaluateAll(interview).ShouldAllBe(e => e.NotScoredReason!.StartsWith("gibberish"));
    }
}
