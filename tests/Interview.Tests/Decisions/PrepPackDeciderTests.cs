using Interview.Domain.Common;
using Interview.Domain.Prep;
using Shouldly;

namespace Interview.Tests.Decisions;

public sealed class PrepPackDeciderTests
{
    private static readonly DateTimeOffset Now = Given.Now;
    private static readonly Guid Candidate = Guid.Parse("0195f3a0-0000-7000-8000-0000000000aa");

    private static PrepPack Pack(int questions = 10)
    {
        var content = new PrepPackContent(
            Enumerable.Range(1, questions).Select(i => new PrepQuestion($"Q{i}?", PrepQuestionType.Technical, "framework", ["tip"], QuestionType.Technical, ["point"], [], null)).ToArray(),
            "culture", new PrepInterviewProcess(3, ["screen"], "2 weeks"), ["tip"], ["topic"], false);
        var (generated, _) = PrepPackDecider.Generated(Guid.NewGuid(), Guid.Parse("0195f3a0-0000-7000-8000-0000000000bb"), Candidate, "Stripe", "stripe",
            null, null, "stripe||", 1, content, new PrepSource(EngineKind.Offline, null, "offline"), Now);
        return PrepPack.Create(generated);
    }

    private static PrepCacheSlot Slot(PrepPack pack, int generations = 1, DateTimeOffset? until = null) =>
        PrepCacheSlot.Create(new PrepPackCached(Guid.NewGuid(), Candidate, "stripe||", pack.Id, generations, until ?? Now.AddDays(7)));

    [Fact]
    public void a_first_request_generates_version_one()
    {
        PrepPackDecider.Request(null, null, forceRefresh: false, Now).ShouldBe(new PrepRequestOutcome.Generate(1));
    }

    [Fact]
    public void a_request_within_the_cache_window_is_served_the_cached_pack()
    {
        var pack = Pack();
        PrepPackDecider.Request(Slot(pack), pack, forceRefresh: false, Now.AddDays(6)).ShouldBe(new PrepRequestOutcome.FromCache(pack.Id));
    }

    [Fact]
    public void an_expired_slot_a_deleted_pack_or_a_forced_refresh_generates_the_next_version()
    {
        var pack = Pack();
        PrepPackDecider.Request(Slot(pack, 2), pack, forceRefresh: false, Now.AddDays(8)).ShouldBe(new PrepRequestOutcome.Generate(3));
        PrepPackDecider.Request(Slot(pack, 2), pack.Apply(new PrepPackDeleted(pack.Id, Now)), forceRefresh: false, Now).ShouldBe(new PrepRequestOutcome.Generate(3));
        PrepPackDecider.Request(Slot(pack, 2), pack, forceRefresh: true, Now).ShouldBe(new PrepRequestOutcome.Generate(3));
    }

    [Fact]
    public void the_cache_slot_id_is_a_natural_key_of_candidate_and_cache_key()
    {
        PrepCacheSlot.IdFor(Candidate, "stripe||").ShouldBe(PrepCacheSlot.IdFor(Candidate, "stripe||"));
        PrepCacheSlot.IdFor(Candidate, "stripe||").ShouldNotBe(PrepCacheSlot.IdFor(Candidate, "stripe|backendengineer|"));
        PrepCacheSlot.IdFor(Candidate, "stripe||").ShouldNotBe(PrepCacheSlot.IdFor(Guid.NewGuid(), "stripe||"));
    }

    [Fact]
    public void saving_twice_appends_one_event_and_unsaving_an_unsaved_pack_appends_nothing()
    {
        var pack = Pack();
        var saved = PrepPackDecider.Save(pack, Now);
        saved.Events.Single().ShouldBeOfType<PrepPackSaved>();
        PrepPackDecider.Save(pack.Apply((PrepPackSaved)saved.Events[0]), Now).Events.ShouldBeEmpty();
        PrepPackDecider.Unsave(pack, Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void a_deleted_pack_is_gone_for_every_command()
    {
        var deleted = Pack().Apply(new PrepPackDeleted(Guid.Empty, Now));
        PrepPackDecider.Delete(deleted, Now).Rejection!.Status.ShouldBe(404);
        PrepPackDecider.Save(deleted, Now).Rejection!.Status.ShouldBe(404);
        PrepPackDecider.Practise(deleted, 0, null, null, Now).Rejection!.Status.ShouldBe(404);
        deleted.IsOwnedBy(Candidate).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData(-1)]
    [InlineData(10)]
    public void practice_needs_a_question_index_in_the_pack(int? index)
    {
        PrepPackDecider.Practise(Pack(), index, null, null, Now).Rejection!.Status.ShouldBe(400);
    }

    [Fact]
    public void practice_entries_accumulate_even_for_the_same_question()
    {
        var pack = Pack();
        foreach (var answer in new[] { "first", "second" })
            pack = pack.Apply((PrepQuestionPractised)PrepPackDecider.Practise(pack, 3, $" {answer} ", null, Now).Events.Single());

        pack.Practice.Select(p => (p.QuestionIndex, p.Answer)).ShouldBe([(3, "first"), (3, "second")]);
    }
}
