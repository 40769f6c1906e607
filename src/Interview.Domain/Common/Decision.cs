namespace Interview.Domain.Common;

/// <summary>A business rule that refused a command: becomes a ProblemDetails at the HTTP edge.</summary>
public sealed record Rejection(int Status, string Title, string Detail)
{
    public static Rejection NotFound(string detail) => new(404, "Not found", detail);
    public static Rejection Conflict(string detail) => new(409, "Conflict", detail);
    public static Rejection Invalid(string detail) => new(400, "Invalid request", detail);
}

/// <summary>The outcome of a pure decide function: either the events to append or a rejection.</summary>
public sealed record Decision(IReadOnlyList<object> Events, Rejection? Rejection)
{
    public static Decision Accept(params object[] events) => new(events, null);
    public static Decision Reject(Rejection rejection) => new([], rejection);
    public static implicit operator Decision(Rejection rejection) => Reject(rejection);
    public bool IsRejected => Rejection is not null;
}
