using Interview.Domain.Sessions;
using Shouldly;

namespace Interview.Tests.Decisions;

public sealed class CoachingDeciderTests
{
    private static readonly Guid Coach = Guid.Parse("0195f3a0-0000-7000-8000-0000000000cc");

    private static InterviewSession Shared() =>
        Given.NewInterview().Apply((InterviewShared)CoachingDecider.Share(Given.NewInterview(), Coach, "coach@x.test", Given.Now).Events.Single());

    [Fact]
    public void sharing_with_yourself_is_refused_and_sharing_twice_appends_nothing()
    {
        var interview = Given.NewInterview();
        CoachingDecider.Share(interview, interview.CandidateId, "me@x.test", Given.Now).Rejection!.Status.ShouldBe(400);
        CoachingDecider.Share(Shared(), Coach, "coach@x.test", Given.Now).Events.ShouldBeEmpty();
    }

    [Fact]
    public void revoking_a_share_that_does_not_exist_is_a_404()
    {
        CoachingDecider.Revoke(Given.NewInterview(), Coach, Given.Now).Rejection!.Status.ShouldBe(404);
        CoachingDecider.Revoke(Shared(), Coach, Given.Now).Events.Single().ShouldBeOfType<InterviewShareRevoked>();
    }

    [Fact]
    public void a_note_needs_a_share_text_and_a_version_the_interview_has_reached()
    {
        CoachingDecider.AddNote(Given.NewInterview(), Coach, "Coach", "hi", null, null, 2, Guid.NewGuid(), Given.Now).Rejection!.Status.ShouldBe(404);
        CoachingDecider.AddNote(Shared(), Coach, "Coach", "  ", null, null, 2, Guid.NewGuid(), Given.Now).Rejection!.Status.ShouldBe(400);
        CoachingDecider.AddNote(Shared(), Coach, "Coach", "hi", 3, null, 2, Guid.NewGuid(), Given.Now).Rejection!.Status.ShouldBe(400);
        CoachingDecider.AddNote(Shared(), Coach, "Coach", "hi", 2, "loud", 2, Guid.NewGuid(), Given.Now).Rejection!.Status.ShouldBe(400);
        CoachingDecider.AddNote(Shared(), Coach, "Coach", " hi ", 2, "shared", 2, Guid.NewGuid(), Given.Now).Events.Single()
            .ShouldBeOfType<CoachNoteAdded>().Text.ShouldBe("hi");
    }

    [Fact]
    public void exactly_the_events_that_owe_an_interviewer_turn_advance_the_turn_request()
    {
        var created = Given.NewInterview();
        var started = (InterviewStarted)InterviewDecider.Start(created, Given.Now).Events.Single();
        InterviewSession.OwesInterviewerTurn(started).ShouldBeTrue();
        created.Apply(started).TurnRequest.ShouldBe(created.TurnRequest + 1);

        var paused = (InterviewPaused)InterviewDecider.Pause(created.Apply(started), Given.Now).Events.Single();
        InterviewSession.OwesInterviewerTurn(paused).ShouldBeFalse();
        created.Apply(started).Apply(paused).TurnRequest.ShouldBe(created.TurnRequest + 1);
    }
}
