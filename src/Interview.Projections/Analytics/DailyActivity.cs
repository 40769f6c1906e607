using Interview.Domain.Sessions;
using Marten.Events.Projections;

namespace Interview.Projections.Analytics;

/// <summary>Interviews started and completed per UTC day, for admins; async.</summary>
public sealed class DailyActivity
{
    public string Id { get; set; } = "";
    public DateOnly Day { get; set; }
    public int Started { get; set; }
    public int Completed { get; set; }
    public int EndedEarly { get; set; }
}

public sealed partial class DailyActivityProjection : MultiStreamProjection<DailyActivity, string>
{
    public DailyActivityProjection()
    {
        Identity<InterviewStarted>(e => Key(e.StartedAt));
        Identity<InterviewFinalized>(e => Key(e.FinalizedAt));
    }

    public static string Key(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime).ToString("yyyy-MM-dd");

    public void Apply(InterviewStarted e, DailyActivity d)
    {
        d.Day = DateOnly.FromDateTime(e.StartedAt.UtcDateTime);
        d.Started++;
    }

    public void Apply(InterviewFinalized e, DailyActivity d)
    {
        d.Day = DateOnly.FromDateTime(e.FinalizedAt.UtcDateTime);
        d.Completed++;
        if (e.EndedEarly) d.EndedEarly++;
    }
}
