namespace Interview.Domain.Reports;

/// <summary>A report (version n) is wanted: on finalize, on a coach's re-score, or on the candidate's retry after a failure.</summary>
public sealed record ReportRequested(Guid InterviewId, int ReportVersion, string Reason, Guid? RequestedBy, DateTimeOffset At);

public sealed record ReportGenerationStarted(Guid InterviewId, int ReportVersion, int Attempt, DateTimeOffset At);

public sealed record ReportAttemptFailed(Guid InterviewId, int ReportVersion, int Attempt, string Error, DateTimeOffset At);

/// <summary>Every retry failed; the candidate sees this and may ask for a new attempt.</summary>
public sealed record ReportFailed(Guid InterviewId, int ReportVersion, int Attempts, string Error, DateTimeOffset At);

public sealed record ReportGenerated(Guid InterviewId, Guid CandidateId, InterviewReport Report, DateTimeOffset At);
